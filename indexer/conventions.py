"""The conventions Danish council minutes follow, as patterns: one place to extend.

Section labels, field lines (Sagsbehandler, Sagsnr, ...), decision headers and attendance
lines. The segmenter (`indexer.segment`) asks these questions line by line; nothing here
knows about a particular municipality.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

from indexer.dates import DATE_PATTERN, parse_labelled_date
from indexer.normalise import field_dashes

# Section labels as printed. A label is a whole line, in this spelling or in capitals,
# optionally with a colon; "Beslutning om …" is therefore a title, never a label.
SECTION_LABELS = (
    "Resumé", "Resume", "Sagens kerne", "Indledning", "Baggrund",
    "Indstilling", "Administrativ indstilling", "Indstillinger",
    # Copenhagen's template prints the recommendation under "INDSTILLING OG BESLUTNING"; the decision
    # follows under its own header ("Borgerrepræsentationens beslutning den 6. marts 2025").
    "Indstilling og beslutning",
    "Sagsfremstilling", "Supplerende sagsfremstilling", "Fremstilling", "Beskrivelse af sagen",
    "Sagsbeskrivelse",  # Aalborg's template, after the decision
    "Beslutning", "Beslutninger", "Afgørelse",
    "Bilag", "Beslutningskompetence", "Kompetence", "Beslutningstema", "Sagens opståen",
    "Lovgrundlag", "Retsgrundlag", "Økonomi", "Økonomiske konsekvenser", "Udtalelser og høring",
    "Høring", "Sagsgang og sagstype", "Tidsplan", "Kommunikation", "Videre proces",
    "Personale", "Problemstilling", "Løsning", "Sagens forløb", "Vurdering",
    # the assessment named by who makes it (Hillerød: «Forvaltningens vurdering», layouts15 review)
    "Forvaltningens vurdering", "Administrationens vurdering", "Direktionens vurdering",
    # Cicero's resumé
    "Sagsresumé", "Sagsresume",
    # Region Hovedstaden's template (in capitals): the political handling, the next steps, the
    # directors' endorsement, the list of appendices; its JOURNALNUMMER is a field (`_LABEL_ONLY`).
    "Politisk behandling", "Tidsplan og videre proces", "Direktørpåtegning", "Bilagsfortegnelse", "Journalnummer",
    # The recommendation named by who makes it, the case's account, earlier committees' decisions and the
    # economy as other templates print them (FirstAgenda, Acadre, layouts7 review); "Direktionens indstilling"
    # and the like are `_council_recommendation`'s.
    "Forslag til beslutning", "Indstilling fra direktionen", "Indstilling fra administrationen",
    "Indstilling fra forvaltningen", "Sagens indhold", "Tidligere beslutning", "Tidligere beslutninger",
    "Økonomi og finansiering", "Bevillingsmæssige konsekvenser",
    "Forslag til indstilling", "Tidligere behandling", "Økonomiske og personalemæssige konsekvenser",
    "Høringssvar", "Sagens baggrund", "Lovgrundlag og kompetence",
    # A decision labelled with what was said before it (layouts10 review)
    "Beslutning/referat", "Drøftelse og beslutning",
    # What the decision's record adds to it (`DECISION_RECORD`)
    "Protokoltilførsel", "Protokoltilførsler", "Protokolbemærkning", "Protokolbemærkninger",
    "Mindretalsudtalelse", "Mindretalsudtalelser",
    # Kolding's template: the recommendation under "Forslag", the case's account under "Beskrivelse" (layouts13
    # review). Words a sentence or a field also starts with ("Forslag: …"): labels alone on their line only.
    "Forslag", "Beskrivelse",
    # Bornholm's template: the question put to the committee (as "Beslutningstema": not the decision) and the
    # attachments (layouts17 review)
    "Hvad skal besluttes", "Hvad skal besluttes?", "Bilag til sagen",
)
# Labels read only alone on their line, never with text after a colon (`inline_label`).
_ALONE_ONLY = frozenset({"Forslag", "Beskrivelse", "FORSLAG", "BESKRIVELSE"})
# Weak labels: words a body also prints as its own sub-headings (a decision's «Forslag» quoting a motion, a
# table's «Beskrivelse» column, a case account's «Beskrivelse»/«Forslag» paragraphs). Only in an item's
# opening run are they its sections (`opens_item`; code review 32).
_WEAK_LABELS = _ALONE_ONLY


def weak_label(label: str) -> bool:
    """Whether a section label is a weak one (`_WEAK_LABELS`): a label only in an item's opening run.

    >>> weak_label("Forslag"), weak_label("BESKRIVELSE"), weak_label("Forslag til beslutning"), weak_label("Beslutning")
    (True, True, False, False)
    """
    return label.rstrip(":").rstrip() in _WEAK_LABELS


def opens_item(label: str, opening: bool) -> bool:
    """Whether a label line starts a section of an item's body: any label but a weak one (`weak_label`),
    which does only in the body's `opening` run: its first line after the heading and field lines, or right
    after another weak-labelled section of that run (Kolding: «Beskrivelse» / text / «Forslag» / text /
    «Beslutning - 18.03.2025»). After any other label, after unlabelled text and inside a decision a lone
    «Forslag» or «Beskrivelse» is the text's own sub-heading.

    >>> opens_item("Forslag", True), opens_item("Forslag", False), opens_item("Beslutning", False)
    (True, False, True)
    """
    return opening or not weak_label(label)
# Labels that name the same part differently map to one key; other keys are the label itself.
_KEY_ALIASES = {
    "administrativ indstilling": "indstilling",
    "indstillinger": "indstilling",
    "indstilling og beslutning": "indstilling",
    "beslutninger": "beslutning",
    "afgørelse": "beslutning",
    "beskrivelse af sagen": "sagsfremstilling",
    "sagsbeskrivelse": "sagsfremstilling",
    "sagsresumé": "resume",
    "sagsresume": "resume",
    "bilagsfortegnelse": "bilag",
    "tidsplan og videre proces": "videre_proces",
    "forslag til beslutning": "indstilling",
    "indstilling fra direktionen": "indstilling",
    "indstilling fra administrationen": "indstilling",
    "indstilling fra forvaltningen": "indstilling",
    "sagens indhold": "sagsfremstilling",
    "forvaltningens vurdering": "vurdering",
    "administrationens vurdering": "vurdering",
    "direktionens vurdering": "vurdering",
    # the earlier committees' decisions, the key their headers give them (`indexer.models.EARLIER_DECISION`)
    "tidligere beslutning": "tidligere_beslutning",
    "tidligere beslutninger": "tidligere_beslutning",
    "økonomi og finansiering": "økonomi",
    "bevillingsmæssige konsekvenser": "økonomi",
    "forslag til indstilling": "indstilling",
    "økonomiske og personalemæssige konsekvenser": "økonomiske_konsekvenser",
    "sagens baggrund": "baggrund",
    "lovgrundlag og kompetence": "lovgrundlag",
    "beslutning/referat": "beslutning",
    "drøftelse og beslutning": "beslutning",
    "protokoltilførsel": "protokoltilfoersel",
    "protokoltilførsler": "protokoltilfoersel",
    "protokolbemærkning": "protokolbemaerkning",
    "protokolbemærkninger": "protokolbemaerkning",
    "mindretalsudtalelser": "mindretalsudtalelse",
    "forslag": "indstilling",
    "beskrivelse": "sagsfremstilling",
    "hvad skal besluttes": "beslutningstema",
    "hvad skal besluttes?": "beslutningstema",
    "bilag til sagen": "bilag",
}
# A member's or a minority's statement for the minutes: the decision's record, a section of its own
# after the decision, not part of it (attendance lines at the decision's end are then read as such).
DECISION_RECORD = frozenset({"protokoltilfoersel", "protokolbemaerkning", "mindretalsudtalelse"})


def section_key(label: str) -> str:
    """'RESUMÉ' → 'resume', 'Sagens opståen' → 'sagens_opståen', 'Ældrerådets indstilling' → 'indstilling',
    'Referat' (in an item, `item_decision_label`) → 'beslutning'."""
    if _council_recommendation(label.strip().rstrip(":").rstrip()):
        return "indstilling"
    if item_decision_label(label.strip().rstrip(":").rstrip()):
        return "beslutning"
    name = label.strip().rstrip(":").strip().lower()
    name = _KEY_ALIASES.get(name, name)
    return name.replace("é", "e").replace(" ", "_")


_LABEL_FORMS = {form for label in SECTION_LABELS for form in (label, label.upper())}


def label_of(text: str, in_item: bool = False) -> str | None:
    """The section label this line is, or None; `in_item`: also a label only an item's body has
    (`item_decision_label`).

    >>> label_of("Rådets indstilling"), label_of("ÆLDRERÅDETS INDSTILLING:"), label_of("Rådets indstilling blev fulgt")
    ('Rådets indstilling', 'ÆLDRERÅDETS INDSTILLING', None)
    >>> label_of("Referat:"), label_of("Referat:", in_item=True)
    (None, 'Referat')
    """
    candidate = text.rstrip(":").rstrip()
    if candidate in _LABEL_FORMS or _council_recommendation(candidate) or (in_item and item_decision_label(candidate)):
        return candidate
    return None


# Labels small councils print their decision under ("Referat", "Konklusion", "Ældrerådets udtalelse",
# "Handicaprådets bemærkninger": an ældreråd's or handicapråd's answer). Labels only in an item's body:
# "Referat"/"REFERAT" alone at a document's top is its kind, "Konklusion" a report's chapter.
_ITEM_DECISION_LABELS = {form: key for label, key in (("Referat", "referat"), ("Konklusion", "konklusion"))
                         for form in (label, label.upper())}


def item_decision_label(text: str) -> str | None:
    """The key a decision label of an item's body (`_ITEM_DECISION_LABELS`, a council's "udtalelse" or
    "bemærkninger") has where the item prints its decision under another label, as a section of its own;
    else None.

    >>> item_decision_label("Referat"), item_decision_label("Ældrerådets udtalelse"), item_decision_label("Rådets bemærkninger")
    ('referat', 'udtalelse', 'bemærkninger')
    >>> item_decision_label("Referat af mødet"), item_decision_label("Borgernes bemærkninger")
    (None, None)
    """
    if text in _ITEM_DECISION_LABELS:
        return _ITEM_DECISION_LABELS[text]
    match = _COUNCIL_STATEMENT.match(text)
    return match.group("what").casefold() if match else None


def _council_recommendation(text: str) -> bool:
    """Whether a line labels a council's recommendation: "Rådets indstilling", "Ældrerådets indstilling",
    "Udvalgets indstilling" (an ældreråd's or handicapråd's answer to a hearing), printed as its decision
    is, "Rådets beslutning" (`decision_header`)."""
    return text[-12:].casefold() == " indstilling" and bool(_COUNCIL_RECOMMENDATION.match(text))


def inline_label(text: str, in_item: bool = False) -> tuple[str, str] | None:
    """A section label and its text on one line ("Beslutning: Godkendt."), as (label, text), or None.

    The label is written as on a line of its own and is followed directly by the colon, so that
    "Beslutning om …" and "Beslutningen: …" stay text.

    >>> inline_label("Beslutning: Godkendt."), inline_label("BESLUTNING: Godkendt."), inline_label("Beslutning:")
    (('Beslutning', 'Godkendt.'), ('BESLUTNING', 'Godkendt.'), None)
    >>> inline_label("Beslutning om tilskud: 40.000 kr."), inline_label("Økonomi : se bilag")
    (None, None)
    """
    label, colon, rest = text.partition(":")
    if not colon or not rest.strip() or label in _ALONE_ONLY or not (
            label in _LABEL_FORMS or (in_item and item_decision_label(label))):
        return None
    return label, rest.strip()


def section_label(text: str, in_item: bool = False) -> tuple[str, str] | None:
    """The section label a line starts with, alone (`label_of`: text "") or with its text on the
    same line (`inline_label`), as (label, text); None for a line of text. `in_item`: in an item's
    body, where "Referat" labels the decision (`item_decision_label`).

    >>> section_label("BESLUTNING"), section_label("Beslutning: Godkendt."), section_label("Godkendt.")
    (('BESLUTNING', ''), ('Beslutning', 'Godkendt.'), None)
    >>> section_label("Referat: Godkendt."), section_label("Referat: Godkendt.", in_item=True)
    (None, ('Referat', 'Godkendt.'))
    """
    label = label_of(text, in_item)
    return (label, "") if label is not None else inline_label(text, in_item)


# --- Field lines under an item heading ---------------------------------------------------


def _printed_form(label: str) -> str:
    """A field label as `_as_printed` reads it: its opening capital, its other letters in any case."""
    return label[:1] + label[1:].casefold()


def _as_printed(*labels: str) -> str:
    """A regex alternation of field labels as printed: opening with their capital, their other letters in any
    case ("Sagsnr", "SAGSNR", "Sags-ID", "Sags-id", "SagsId"; layouts17 review). The capital stays: a line
    opening in lower case ("sagsbehandler Jens Holm …") is a sentence wrapped, no field.

    >>> [bool(re.fullmatch(_as_printed("Sags-ID"), t)) for t in ("Sags-ID", "Sags-id", "SAGS-ID", "sags-id")]
    [True, True, True, False]
    """
    forms = dict.fromkeys(_printed_form(label) for label in labels)
    return "(?:" + "|".join(re.escape(form[0]) + "(?i:" + re.escape(form[1:]).replace(r"\ ", r"\s+") + ")"
                            for form in forms) + ")"


BULLETS_BETWEEN_FIELDS = "•·▪◦‣●■"  # bullets between the fields of one line
# "Sagsnr.", "SagsID"; some templates print two names for the one field: "SagsID/Sagsnummer: 18/2732".
_CASE_LABEL = _as_printed("Sagsnr", "Sags nr", "Sagsnummer", "SagsID", "Sags-ID") + r"\.?"
# Some templates name the case system before the label: "Acadre sagsnr.: 24/18877", "SBSYS sagsnr.:".
# Only the systems' names: "Tidligere sagsnr.: 22/1234" names another case.
_CASE_SYSTEMS = r"(?:Acadre|ACADRE|SBSYS|Sbsys|eDoc|EDOC|ESDH|GetOrganized|GO|WorkZone|Captia|F2|Docunote|KMD)"
_CASE_SYSTEM = rf"(?:{_CASE_SYSTEMS}\s+)"
_SYSTEM_CASE_LABEL = rf"{_CASE_SYSTEM}(?i:sagsnr|sagsnummer)\.?"
# ... or the case by its system's name alone, always with its colon: Sønderborg's "Acadre-sag: 25/2311",
# "SBSYS-sag:", "GO sag:", "Sag i Acadre:" (layouts18 review: no field, the title ran on into it and its
# number was lost). «Sag i …» names the system only: "Sag i Byrådet: …" is no field.
_SYSTEM_CASE = rf"{_CASE_SYSTEMS}(?:-|\s+)(?i:sag)|{_as_printed('Sag')}\s+i\s+{_CASE_SYSTEMS}"
# "Sagsbeh.: Lone Tved" abbreviates it; "Sagsbehandlere: A, B" names several (the first is kept).
# "Ansvarlig: Lone Vest", "Ansvarlig chef: Lone Vest", "Ansvarlig afdelingsleder: Bo Ek" name a person (a
# role's word before the colon is no part of the name); "Ansvarlig afdeling: Center for Økonomi", "Ansvarlig
# forvaltning:", "Ansvarligt område:" name a unit, no case handler (an anchor only: `_ANCHOR_ONLY`).
_UNIT_WORD = r"(?i:afdeling|forvaltning|enhed|center|centre|område|fagområde|direktørområde|sekretariat)\b"
_UNIT = rf"{_as_printed('Ansvarligt', 'Ansvarlig')}\s+{_UNIT_WORD}"
_HANDLER_LABEL = ("(?:" + _as_printed("Sagsbehandlere", "Sagsbehandler", "Sagsansvarlig", "Sagsbeh")
                  + rf"|{_as_printed('Ansvarlig')}(?!\s+{_UNIT_WORD})(?:\s+(?:[a-zæøå]+|[A-ZÆØÅ]+)(?=\s*:))?)\.?")
# «Ansvarlig: Vej og Park» often names the unit answering for the case, «Sagsbehandler:» the person handling
# it: where an item prints both, the labelled case handler is the one (`by_responsible`; layouts15 review).
_RESPONSIBLE = re.compile(rf"^{_as_printed('Ansvarlig')}\b")


def by_responsible(text: str) -> bool:
    """Whether a field line names its case handler under «Ansvarlig», which a «Sagsbehandler» line outranks.

    >>> by_responsible("Ansvarlig: Vej og Park"), by_responsible("Sagsbehandler: Henrik Mølgaard")
    (True, False)
    """
    return bool(_RESPONSIBLE.match(text))


_HANDLER_QUALIFIER = r"(?:\s*/\s*[A-ZÆØÅa-zæøå][^:/]{0,30}|\s+(?:på|for|i|til)\s+[a-zæøå][^:]{0,30})"
_CASE_NUMBER = r"(?P<case>[\w][\w./\-]*\d[\w./\-]*)"
_CASE_HANDLER_IN_LINE = re.compile(rf"(?:^|\s){_HANDLER_LABEL}\s*:?\s+(?P<name>[^:]+?)\s*$")
# What ends a name between two fields of one line ("Sagsnr.: 24/2201 • Sagsbehandler: Pia Nørgaard •
# Dokumentnr.: 24/2201-3", FirstAgenda): a bullet, a bar, a column gap, or the next field's label.
_HANDLER_LABEL_IN_LINE = re.compile(rf"(?:^|\s){_HANDLER_LABEL}\s*:?\s")
_FIELD_SEPARATOR = re.compile(rf"\s*[{re.escape(BULLETS_BETWEEN_FIELDS)}|]\s*|\s{{2,}}|\t")
_NEXT_LABEL = re.compile(r"\s+(?=(?:[A-ZÆØÅ][\wæøåÆØÅ.\-]*|(?:J|Dok)\.\s*nr\.?)\s*:(?:\s|$))"
                         # "Sagsbehandler: Rikke Lund   Åbent punkt" (its column gap lost): the open/closed
                         # marker at the line's end is no part of the name
                         r"|\s+(?=(?:Åbent|Åben|Lukket|ÅBENT|ÅBEN|LUKKET)(?:\s+(?i:punkt|sag))?\s*$)")
# A case number printed alone under an item's title, without a label: Aalborg's "2022-018877", and
# the shapes of the case systems' numbers ("22/14533", "731-2012-10870", the KLE journal number
# "00.01.00-A21-1-14"). No date, amount or year range has these shapes ("2019-2022", "21/5").
BARE_CASE_NUMBER = (r"(?:19|20)\d{2}-\d{5,7}|\d{2}/\d{4,6}|\d{3}-\d{4}-\d{3,7}"
                    r"|\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ]\d{2}-\d{1,3}-\d{2}"
                    # Bornholm's journal number: the KLE code, its facet (a letter, two digits) and the serial
                    # number, "07.00.00P00-0012", "05.01.12G01-0003" (layouts17 review)
                    r"|\d{2}\.\d{2}\.\d{2}[A-ZÆØÅ]\d{2}-\d{2,6}")
# Copenhagen prints the case number in brackets after the item's title: "Udmøntning af pulje til
# idrætsfaciliteter (2023-0112233)". Such a heading carries its own anchor (`indexer.headings`).
_TITLE_CASE_NUMBER = re.compile(
    rf"^(?P<title>.*\S)\s*\((?:(?i:sagsnr|sag nr)\.?:?\s*)?(?P<case>{BARE_CASE_NUMBER})\)$")


def title_case_number(title: str) -> tuple[str, str] | None:
    """A title that ends in its case number in brackets, as (the title without it, the case number).

    >>> title_case_number("Udmøntning af pulje til idrætsfaciliteter (2023-0112233)")
    ('Udmøntning af pulje til idrætsfaciliteter', '2023-0112233')
    >>> title_case_number("Lokalplan 4-4-112 (2. forelæggelse)"), title_case_number("Budget (2019-2022)")
    (None, None)
    >>> title_case_number("Budget 2025\u20132028 (2023\u20130112233)")  # Word's en dashes
    ('Budget 2025–2028', '2023-0112233')
    """
    match = _TITLE_CASE_NUMBER.match(field_dashes(title))  # as long as the title: its dashes as printed
    return (title[:match.end("title")], match.group("case")) if match else None


_FIELD_RES: list[tuple[str, re.Pattern[str]]] = [
    ("item_number", re.compile(r"^Sag\s+nr\.?\s*:?\s*(?P<value>\d{1,4})$", re.IGNORECASE)),
    # "Sag nr.: 22/14533" (Odense) is the case's number; "Sag nr. 130" alone numbers the item (above)
    ("case_number", re.compile(r"^(?i:sag)\s+(?i:nr)\.?\s*:?\s*(?P<case>\d[\w.\-]*[./\-][\w./\-]*\d)$")),
    # "Sag: 24/1234 – Åben sag" under a numbered heading (code review 15): the case and, after it, its openness
    ("case_number", re.compile(r"^(?i:sag)\s*:\s*(?P<case>\d[\w.\-]*[./\-][\w./\-]*\d)(?:\s+[-–]\s+(?i:(?:åbent?|lukket)(?:\s+(?:punkt|sag))?))?$")),
    ("case_number", re.compile(rf"^(?P<case>{BARE_CASE_NUMBER})$")),
    ("case_number", re.compile(rf"^(?:{_CASE_LABEL}|{_SYSTEM_CASE_LABEL})(?:\s*/\s*{_CASE_LABEL})*\s*:?\s*{_CASE_NUMBER}")),
    ("case_number", re.compile(rf"^(?:{_SYSTEM_CASE})\s*:\s*{_CASE_NUMBER}")),
    ("case_number", re.compile(rf"^{_as_printed('Sag')}\s+(?P<case>\d[\d./\-]*\d)$")),
    # "Sagsbehandler på alle punkter: Kirsten Møller", "Sagsbehandler / Case officer: Pipaluk Heilmann": words
    # that qualify the label, or its translation, before the colon are no part of the name
    ("case_handler", re.compile(rf"^{_HANDLER_LABEL}(?:{_HANDLER_QUALIFIER}\s*:|\s*:?)\s+(?P<value>.+)$")),
    ("case_handler", re.compile(rf"^{_as_printed('Initialer')}\s*:\s*(?P<value>\S+)$")),
]
# Whether an item is discussed in the open or closed part of the meeting, printed under its heading
# (alone, or at the end of its field line): "Åbent punkt", "Lukket punkt" (EG, Netpublikator), "Åben
# sag", "Lukket sag" (SBSYS, FirstAgenda), f2's "Åbent"/"Lukket". An anchor, never text or title.
OPENNESS_MARKER = _as_printed("Åbent punkt", "Lukket punkt", "Åben sag", "Lukket sag", "Åbent", "Lukket")
_PURPOSES = ("Til beslutning", "Til orientering", "Til drøftelse", "Til godkendelse", "Til efterretning",
             "Til høring", "Til udtalelse", "Til indstilling")
# Lines that anchor a heading; of them, only the numbers below (`_NUMBER_FIELDS`) are kept.
_ANCHOR_ONLY = re.compile(
    rf"^({_as_printed('Dok.')}\s|{_as_printed('Dokumentnr')}\.?\s*:|{_as_printed('J.nr', 'J. nr')}\.?\s*:|"
    rf"{OPENNESS_MARKER}$|"
    # what the agenda asks of the council, under the title: "Til beslutning", "Til orientering"
    rf"{_as_printed(*_PURPOSES)}\.?$|"
    rf"{_as_printed('Beslutningskompetence')}\s*:\s*\S|{_as_printed('Sagen afgøres i', 'Kompetenceudvalg')}\s*:|"
    rf"{_UNIT}\s*:)"
)
# Numbers printed beside the case number, alone or on its line: the journal (KLE) number and the
# document's number ("Sagsnr.: 731-2012-10870   J.nr.: 15.20.15   Dokumentnr.: 731-2012-119004",
# "Dok. 588-2021-59870"); and who decides the case ("Beslutningskompetence: KB"). A reply to a
# request for access to documents (aktindsigt) cites them: the passage keeps them as sections
# (`FIELD_SECTIONS`), so they are shown and found as printed.
_NUMBER_VALUE = r"(?P<value>[^\s,;]*\d[^\s,;]*)"
_NUMBER_FIELDS: list[tuple[str, re.Pattern[str]]] = [
    ("journal_number", re.compile(
        rf"(?:^|\s){_as_printed('J.nr', 'J. nr', 'Journalnr', 'Journal nr', 'Journalnummer', 'KLE-nr')}\.?\s*:?\s*{_NUMBER_VALUE}")),
    ("document_number", re.compile(
        rf"(?:^|\s){_as_printed('Dokumentnr', 'Dok.nr', 'Dok. nr', 'Dokumentnummer')}\.?\s*:?\s*{_NUMBER_VALUE}")),
    ("document_number", re.compile(rf"^{_as_printed('Dok.')}\s+{_NUMBER_VALUE}")),
]
# A KLE code alone ("00.01.00", "15.20.15"): the subject a case is filed under, shared by many cases.
_KLE_CODE = re.compile(r"^\d{2}\.\d{2}(?:\.\d{2})?$")


def journal_case_number(journal: str) -> str | None:
    """The case number a journal number gives an item printed without a `Sagsnr.`, or None.

    Many municipalities (KMD, SBSYS) print the case's full journal number as its only reference,
    the KLE code with facet and serial number ("Journalnr.: 00.30.10-S55-1-25"); a KLE code alone
    (f3: "Sagsnr.: 731-2012-10870   J.nr.: 15.20.15") names a subject, not a case.

    >>> journal_case_number("00.30.10-S55-1-25"), journal_case_number("16.00.00-P22-1-24"), journal_case_number("15.20.15")
    ('00.30.10-S55-1-25', '16.00.00-P22-1-24', None)
    """
    return None if _KLE_CODE.match(journal) else journal


_AUTHORITY = re.compile(rf"^{_as_printed('Beslutningskompetence')}\s*:\s*(?P<value>\S.*)$")
# field name -> (section key, label shown): the fields above, as sections of the passage
FIELD_SECTIONS = {
    "journal_number": ("journalnummer", "J.nr."),
    "document_number": ("dokumentnummer", "Dokumentnr."),
    "decision_authority": ("beslutningskompetence", "Beslutningskompetence"),
}
# A field label printed alone, its value following in a later line (PDF tab stops); keyed by `_printed_form`.
_LABEL_ONLY = {
    _printed_form(label): name
    for label, name in (("Sagsbehandler", "case_handler"), ("Sagsbehandlere", "case_handler"),
                        ("Sagsbeh.", "case_handler"), ("Sagsbeh", "case_handler"), ("Sagsansvarlig", "case_handler"),
                        ("Sagsnr", "case_number"), ("Sagsnr.", "case_number"), ("Sagsnummer", "case_number"),
                        ("Sags-ID", "case_number"), ("SagsID", "case_number"),
                        # Region Hovedstaden: "JOURNALNUMMER" / "25004387" (also a section label, at an
                        # item's end: `indexer.items` makes that section the field)
                        ("Journalnummer", "journal_number"))
}


@dataclass(frozen=True)
class FieldLine:
    fields: dict[str, str]  # may be empty for anchor-only lines
    pending: tuple[str, ...] = ()  # field names whose values follow on later lines


def field_line(text: str) -> FieldLine | None:
    """Parse a field line under an item heading ("Sagsbehandler Helle Waage-Jensen", ...).

    Segmenting asks this of each line three or four times (headings' anchors, the item's
    fields, the missed-heading check): whether a text is a field line is remembered, so most
    lines, which are none, are read once (a fresh FieldLine each time: its dict is the caller's)."""
    return _field_line(text) if _is_field_line(text) else None


@lru_cache(maxsize=200_000)
def _is_field_line(text: str) -> bool:
    return _field_line(text) is not None


def _field_line(text: str) -> FieldLine | None:
    text = field_dashes(text)  # «Sagsnr 27.12.00–G01–3–15»: Word's en dash for the hyphen
    alone = text[:-1].rstrip() if text.endswith(":") else text  # "Sagsbehandler:", its name on the next line
    if _printed_form(alone) in _LABEL_ONLY:
        return FieldLine({}, (_LABEL_ONLY[_printed_form(alone)],))
    fields: dict[str, str] = {}
    for name, pattern in _FIELD_RES:
        match = pattern.match(text)
        if match and name not in fields:
            value = match.groupdict().get("case") or match.group("value")
            fields[name] = (_handler_in_line(text) or handler_name(value)) if name == "case_handler" else value.strip()
            if name == "case_number":
                handler = _handler_in_line(text[match.end():])
                if handler:
                    fields["case_handler"] = handler
                fields.update(_numbers(text[match.end():]))
    # else a line of its own that starts with one of the numbers ("J.nr.: 15.20.15", "Dok. 588-2021-59870")
    fields = fields or _numbers(text, anywhere=False)
    if fields or _ANCHOR_ONLY.match(text):
        return FieldLine(fields)
    return None


def _handler_in_line(rest: str) -> str | None:
    """The case handler a field line names after its case number, up to the next field.

    >>> _handler_in_line(" • Sagsbehandler: Pia Nørgaard • Dokumentnr.: 24/2201-3")
    'Pia Nørgaard'
    >>> _handler_in_line(" Sagsbehandler: Pia Nørgaard Dokumentnr.: 24/2201-3"), _handler_in_line(" | Sagsbehandler: Ib Lund")
    ('Pia Nørgaard', 'Ib Lund')
    >>> _handler_in_line(" Sagsbehandler: Pia Nørgaard  Tlf. 1234"), _handler_in_line(" Dokumentnr.: 24/2201-3")
    ('Pia Nørgaard', None)
    """
    for part in _FIELD_SEPARATOR.split(rest):
        label = _HANDLER_LABEL_IN_LINE.search(part)
        if label:
            handler = _CASE_HANDLER_IN_LINE.search(part[:label.end()] + _NEXT_LABEL.split(part[label.end():], 1)[0])
            return handler_name(handler.group("name")) if handler else None
    return None


def _numbers(text: str, anywhere: bool = True) -> dict[str, str]:
    """The journal and document numbers and the deciding body a field line prints (`FIELD_SECTIONS`),
    anywhere in it (after its case number) or, not `anywhere`, the one it starts with.

    >>> _numbers("Sagsnr.: 731-2012-10870   J.nr.: 15.20.15   Dokumentnr.: 731-2012-119004")
    {'journal_number': '15.20.15', 'document_number': '731-2012-119004'}
    >>> _numbers("Dok. 588-2021-59870"), _numbers("Beslutningskompetence: KB"), _numbers("Dokumentet er vedlagt.")
    ({'document_number': '588-2021-59870'}, {'decision_authority': 'KB'}, {})
    >>> _numbers("Se dok. 588-2021-59871 og J.nr.: 15.20.15", anywhere=False)
    {}
    """
    found: dict[str, str] = {}
    for name, pattern in _NUMBER_FIELDS:
        match = pattern.search(text) if anywhere else pattern.match(text)
        if match and name not in found:
            found[name] = match.group("value").rstrip(".")
    authority = _AUTHORITY.match(text)
    if authority:
        found["decision_authority"] = authority.group("value").strip()
    return found


# What templates print after a case handler's name: the unit, initials, phone, e-mail.
_AFTER_NAME = re.compile(r"\s*(?:,|\(|\s-\s|\s(?i:tlf|telefon|mail|e-mail)\b|\S+@\S+).*$")


# "Sagsbehandler på alle punkter: Kirsten Møller" (under a protocol's item table, or in its head): who
# handles every item, not only the one whose text the line ends (`indexer.meeting.every_item_fields`)
_EVERY_ITEM_HANDLER = re.compile(
    rf"^{_HANDLER_LABEL}\s+(?i:på|for|i|til)\s+(?i:alle|samtlige)\s+(?i:punkter|punkterne|sager|sagerne|dagsordenspunkter)"
    r"\s*:\s*(?P<value>\S.*)$")


def every_item_handler(text: str) -> str | None:
    """The case handler a line names for all of a meeting's items, or None.

    >>> every_item_handler("Sagsbehandler på alle punkter: Kirsten Møller, Teknik og Miljø")
    'Kirsten Møller'
    >>> every_item_handler("Sagsbehandler: Kirsten Møller"), every_item_handler("Sagsbehandler på punkt 3: Ib Holm")
    (None, None)
    >>> every_item_handler("Sagsbehandler for alle sager: se under de enkelte punkter")
    """
    match = _EVERY_ITEM_HANDLER.match(text)
    name = handler_name(match.group("value")) if match else None
    # a name or initials, not «se under de enkelte punkter» (code review 14)
    return name if name and _is_name_or_initials(name) else None


def _is_name_or_initials(value: str) -> bool:
    """A person's name («Ib O'Neill», «Karen ter Horst») or a case system's initials («kmo», «KMO»), not a
    sentence («se under de enkelte punkter»): at most five words, each capitalised or a short particle;
    one lower-case word only as initials.

    >>> [_is_name_or_initials(v) for v in ("Kirsten Møller", "kmo", "Ib O'Neill", "Karen ter Horst", "se under de enkelte punkter")]
    [True, True, True, True, False]
    """
    words = value.split()
    if len(words) == 1 and value.isalpha() and value.islower():
        return len(value) <= 5
    return 0 < len(words) <= 5 and words[0][:1].isupper() and all(w[:1].isupper() or (len(w) <= 3 and w.isalpha()) for w in words)


# Staff's job titles printed before a name ("Jobcenterchef Anders Kvist", "Adm. direktør Poul Erik Bak"):
# a word ending in a title, never in a Danish name; the title's qualifier goes with it.
JOB_TITLE = re.compile(
    r"(?i)^(?:(?:adm\.|administrerende|konst\.|konstitueret|fg\.)\s+)?"
    r"[\wæøå-]*(?:direktør|chef|leder|konsulent|sekretær|referent|fuldmægtig|koordinator|rådgiver|medarbejder)$")
# Lower-case words inside a person's name ("Jens von Holstein", "Karen ter Horst"), not a unit's "og", "for".
NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "bin", "ibn", "al", "el",
                            "af", "ten", "ter", "zu", "dos", "das", "del"})
# A unit's word, also as a compound's last part: "Afdeling Nord", "Koncernstab", "Borgerservicecenter",
# "Hjemmeplejen", "Myndighed Voksne". Not the evidence of a unit (a first name is the evidence of a
# person, `_is_person`), only a veto: «Karen Blixen Skolen» is a unit named after a person.
_UNIT_NAME_WORD = re.compile(r"(?i)[\wæøå-]*(?:afdeling|afdelingen|center|centret|centre|sekretariat|sekretariatet"
                             r"|team|teamet|enhed|enheden|område|området|kontor|kontoret|forvaltning|forvaltningen"
                             r"|stab|staben|direktion|direktionen|kommune|region|regionen|service|servicen|pleje"
                             r"|plejen|myndighed|myndigheden|distrikt|distriktet|skole|skolen|huset)$")
_PERSON_WORD = re.compile(r"[A-ZÆØÅ][\wæøåÆØÅ'’.-]*$")
# Where a case handler's field goes on to the next part: the unit, the person, initials.
_HANDLER_PARTS = re.compile(r"\s*(?:[,()]|\s-\s)\s*")
# A unit's name that goes on after its comma, as a list closed by «og»: «Center for Børn, Unge og
# Familier», «Kultur, Fritid og Borgerservice». Single capitalised words, so «Plan og Byg, Distrikt
# Nord» is two units.
_UNIT_LIST_GOES_ON = re.compile(r"(?:,\s*[A-ZÆØÅ][\wæøå-]*)*,\s*[A-ZÆØÅ][\wæøå-]*\s+og\s+[A-ZÆØÅ][\wæøå-]*"
                                r"(?=\s*(?:[,(]|\s-\s|$))")


def _without_job_title(name: str) -> str:
    """'Jobcenterchef Anders Kvist' → 'Anders Kvist': a job title before a name, no part of it."""
    words = name.split()
    for size in (2, 1):  # "Adm. direktør Poul Erik Bak"
        if len(words) > size + 1 and JOB_TITLE.match(" ".join(words[:size])):
            return " ".join(words[size:])
    return name


def _has_person_shape(name: str) -> bool:
    """Whether `name` is shaped as a person's full name: two to five words, capitalised (or a name's
    particle), none a unit's word. «Kirsten Vang», «Jens von Holstein», but also «Ældre Sundhed»:
    the shape alone cannot tell a unit of two capitalised words from a person."""
    words = name.split()
    return (1 < len(words) <= 5 and bool(_PERSON_WORD.match(words[0]))
            and all(_PERSON_WORD.match(w) or w in NAME_PARTICLES for w in words)
            and not any(_UNIT_NAME_WORD.match(w) for w in words))


def _is_person(name: str) -> bool:
    """Whether `name` reads as a person's full name: a person's shape (`_has_person_shape`) that starts
    with a first name (`indexer.firstnames`; «Anne-Mette» by «Anne»).

    >>> [_is_person(v) for v in ("Kirsten Vang", "Anne-Mette Holm", "Myndighed Voksne", "Distrikt Nord",
    ...  "Koncernøkonomi", "Ejendomme og Anlæg", "Anne Marie Huset", "ANBE")]
    [True, True, False, False, False, False, False, False]
    """
    from indexer.firstnames import first_names  # at first use: it reads $REFERATSOG_DATA (`indexer.firstnames`)

    return _has_person_shape(name) and name.split("-", 1)[0].split()[0].casefold() in first_names()


def handler_name(value: str) -> str:
    """A case handler's name without what follows it, so that one person is one facet value.

    >>> [handler_name(v) for v in ("Lise Mørk Andersen, Center for Integration", "Karim Haddad (KAHA)",
    ...  "Ole Nielsen tlf. 5588 1234", "Pia Lund - Jobcentret", "Helle Waage-Jensen", "SKA", "olni@tornby.dk")]
    ['Lise Mørk Andersen', 'Karim Haddad', 'Ole Nielsen', 'Pia Lund', 'Helle Waage-Jensen', 'SKA', 'olni@tornby.dk']

    The unit printed first, the person after it, is the person; a job title before the name is no
    part of it (the layouts11 review). A unit alone stays as printed.

    >>> [handler_name(v) for v in ("Koncernøkonomi, Kirsten Vang", "Ejendomme og Anlæg, Thomas Ravn tlf. 1234",
    ...  "Jobcenterchef Anders Kvist", "Sekretariatet", "Økonomi, Afdeling Nord", "Kirsten Vang, Koncernøkonomi")]
    ['Kirsten Vang', 'Thomas Ravn', 'Anders Kvist', 'Sekretariatet', 'Økonomi', 'Kirsten Vang']

    A part after the first is the person only by a first name: initials printed first stay, and of
    two units the first is kept (code review); a unit's name may list on past its comma.

    >>> [handler_name(v) for v in ("ANBE, Myndighed Voksne", "Plan og Byg, Distrikt Nord",
    ...  "Center for Børn, Unge og Familier", "Center for Børn, Unge og Familier, Anne Berg")]
    ['ANBE', 'Plan og Byg', 'Center for Børn, Unge og Familier', 'Anne Berg']
    """
    value = " ".join(field_dashes(value).split())  # «Ørum–Ågesen» is «Ørum-Ågesen»
    first = _AFTER_NAME.sub("", value) or value
    if _is_person(_without_job_title(first)):
        return _without_job_title(first)
    for part in _HANDLER_PARTS.split(value)[1:]:
        person = _without_job_title(_AFTER_NAME.sub("", part))
        if _is_person(person):
            return person
    if _has_person_shape(_without_job_title(first)):
        return _without_job_title(first)  # a person whose first name the list lacks: «Jobcenterchef Xenia Qvist»
    goes_on = _UNIT_LIST_GOES_ON.match(value, len(first)) if value.startswith(first) else None
    if goes_on and _PERSON_WORD.match(first.split()[-1]):
        return first + goes_on.group()
    return first


# --- Decision headers --------------------------------------------------------------------

# A council or committee name: "Integrationsrådet", "Beskæftigelses- og Integrationsudvalget",
# "Klima-, Teknik- og Miljøudvalget", "Kommunalbestyrelsen", "BESKÆFTIGELSESUDVALGET", "Udvalget for
# Børn og Unge". One capitalised word ending in a council word, with any "X-, Y- og" before it;
# or "Udvalget for" and the fields it covers.
_COUNCIL_WORD = (
    r"(?:råd|rådet|udvalg|udvalget|bestyrelse|bestyrelsen|repræsentation|repræsentationen|magistrat|magistraten"
    r"|RÅD|RÅDET|UDVALG|UDVALGET|BESTYRELSE|BESTYRELSEN)"
)
# A council word capitalised, a council's name by itself: "Magistraten" (Aarhus, Odense). Not "Rådet", "Udvalget",
# "Bestyrelsen": those name the document's own council (`_OWN_BODY`).
_BARE_COUNCIL = r"(?:Magistraten|Magistrat|MAGISTRATEN|MAGISTRAT)"
# Bodies that recommend to the city council («Magistraten indstiller, at …»): a council in their own decision
# headers («Beslutning i Magistraten den 12. maj 2025»), but their name in an item's text says whose
# recommendation the council decides on, never the document's council (code review 34). Casefolded.
RECOMMENDING_BODIES = frozenset({"magistraten", "magistrat"})
_NAME_WORD = r"[A-ZÆØÅ][\wæøåÆØÅ]*"
# After its first part, a name of several parts is often in lower case: "Børne- og skoleudvalget",
# "Social-, sundheds- og ældreudvalget".
_PART_WORD = r"[\wæøåÆØÅ]+"
# "Teknisk Udvalg", "Socialt Udvalg", "Stående Udvalg": an adjective and "Udvalg" as two words (not "Dette
# Udvalg", "Et Udvalg", "Nyt Udvalg").
_ADJECTIVE = r"(?!(?:Dette|Hvert|Ethvert|Samme|Andet|Nyt|Ét|Et|Det|DETTE|HVERT|SAMME|ANDET|NYT|ET|DET)\s)" \
             r"(?:[A-ZÆØÅ][a-zæøå]+(?:isk|t|e)|[A-ZÆØÅ]+(?:ISK|T|E))"
# Local councils named after their area (Copenhagen's Lokaludvalg, villages' Lokalråd): the place
# before the indefinite form ("Amager Øst Lokaludvalg", "Christianshavns Lokaludvalg") or after the
# definite one ("Lokaludvalget for Bispebjerg", "Lokalrådet i Hvide Sande"). A place is one or two
# capitalised words, neither a word of a title or a sentence ("Referat Vesterbro Lokaludvalg" is
# Vesterbro's), and not "X Kommune".
_NOT_PLACE = (r"(?!(?:Referat|Dagsorden|Beslutning|Møde|Mødet|Det|Den|De|Og|Men|Da|Så|At|Når|Hvor|Derfor|Også|Både"
              r"|I|For|Fra|Til|Om|Af|På|Med|Ved|Hos|Efter|Under|Mellem|Kommune|Formand|Borgmester|Mandag|Tirsdag"
              r"|Onsdag|Torsdag|Fredag|Lørdag|Søndag|REFERAT|DAGSORDEN|KOMMUNE)(?![\wæøåÆØÅ]))")
# Anchored at a word's start: from every capital after a hyphen the chain was scanned again to its
# end (a line of 8,000 «Ab-Ab-…» took 259 ms, a 500 KB file 4 s in `council_of`).
_PLACE = (rf"(?<![\wæøåÆØÅ-])(?:{_NOT_PLACE}[A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)*(?:\s+{_NOT_PLACE}[A-ZÆØÅ][a-zæøå]+)?"
          rf"|{_NOT_PLACE}[A-ZÆØÅ]{{2,}}(?:-[A-ZÆØÅ]{{2,}})*(?:\s+{_NOT_PLACE}[A-ZÆØÅ]{{2,}})?)")
PLACE = _PLACE  # a town's name before its council's (`indexer.councils`)
_LOCAL_COUNCIL = (
    rf"{_PLACE}\s+(?:Lokaludvalg|Lokalråd|Landsbyråd|LOKALUDVALG|LOKALRÅD|LANDSBYRÅD)(?=[sS]?(?![\wæøåÆØÅ]))"
    rf"|(?:Lokaludvalget|Lokalrådet|Landsbyrådet|LOKALUDVALGET|LOKALRÅDET|LANDSBYRÅDET)\s+(?:for|i|FOR|I)\s+{_PLACE}"
    rf"(?![\wæøåÆØÅ]|\s+(?:Kommune|KOMMUNE))"
)
# A council's name with "Det"/"Den" and a capitalised adjective: "Det Rådgivende Udvalg", "Det Lokale
# Beskæftigelsesråd", "Det Centrale Handicapråd" (in prose an adjective is not capitalised).
_NAMED_BY_ADJECTIVE = (
    r"(?:Det|Den|DET|DEN)\s+(?!(?:Samme|Hele|Nye|Gamle|Anden|Første|Næste|Sidste|Nuværende|Tidligere)\s)"
    rf"(?:[A-ZÆØÅ][a-zæøå]+e|[A-ZÆØÅ]+E)\s+(?:[A-ZÆØÅ][\wæøåÆØÅ]*?{_COUNCIL_WORD}|Udvalg(?:et)?|UDVALG(?:ET)?)"
    r"(?![\wæøåÆØÅ])"
)
# A committee of several fields written without the hyphen (Esbjerg, layouts13 review): "Teknik & Byggeudvalget",
# "Kultur og Fritidsudvalget", "Klima, Natur og Miljøudvalget". Only where the words before "og"/"&" are a
# field's name: no council ("Byrådet og Økonomiudvalget" are two), no definite noun ("Forvaltningen og
# Økonomiudvalget", "Jensen og …"), no role or sentence word ("Borgmester og Økonomiudvalget", "Derfor,
# …"); and the last word a committee's ("…udvalget"), never "Økonomiudvalget" alone, the standalone committee
# prose names beside another ("Lund og Økonomiudvalget"). Four fields at most: from every word of a long
# «A, B, C, …» line an unbounded list was scanned again to its end (a 32 KB line took 10 s).
# Not a field's name either (code review 32): a plural definite noun («Landsbyerne og Teknikudvalget»,
# «Skolebestyrelserne og …»), an abbreviation in capitals before a name in lower case («DGI og …»), a role,
# also compound («Kommunaldirektør og …»), a party («Venstre og …»). Nor a word right after «mellem» (a
# meeting between two parties: «Dialogmøde mellem Landsbyerne og Teknikudvalget») or continuing another
# «og» list («Jens og Marianne og Kulturudvalget»). A person's name and a town are told by the document
# (`indexer.councils.council_of`): a name joined by «og» counts only where the document names it again.
_NOT_FIELD = (
    rf"(?![\wæøåÆØÅ]*?{_COUNCIL_WORD}(?![\wæøåÆØÅ]))(?![\wæøåÆØÅ]*(?:en|et|erne|ene|EN|ET|ERNE|ENE)(?![\wæøåÆØÅ]))"
    r"(?![\wæøåÆØÅ]*(?i:direktør|chef|formand|mester|rådmand|leder)(?![\wæøåÆØÅ]))"
    r"(?!(?:Kommune|Region|Og|Samt|Men|Både|Hvis|Når|Da|Så|At|Som"
    r"|Derfor|Herefter|Endvidere|Desuden|Samtidig|Dermed|Således|Endelig|Dernæst|Hermed|Ligeledes|Også|Fx|Bl"
    r"|Venstre|Konservative|Radikale|Folkeparti|Alliance|Borgerlige|Liberal|VENSTRE|KONSERVATIVE|RADIKALE)"
    r"(?![\wæøåÆØÅ]))"
)
_FIELD_WORD = rf"{_NOT_FIELD}[A-ZÆØÅ][a-zæøå][\wæøåÆØÅ]*"
_FIELD_WORD_CAPS = rf"{_NOT_FIELD}[A-ZÆØÅ]{{2,}}"
_NOT_LISTED = r"(?<![\wæøåÆØÅ-])(?<!mellem\s)(?<!Mellem\s)(?<!MELLEM\s)(?<!\bog\s)(?<!\bOG\s)(?<!&\s)"
_JOINT_COMMITTEE = (
    rf"{_NOT_LISTED}(?:{_FIELD_WORD}(?:,\s+{_FIELD_WORD}){{0,3}}\s+(?:og|&)\s+"
    r"(?!Økonomiudvalg)[A-ZÆØÅ][\wæøå]*?(?:udvalg|udvalget)"
    rf"|{_FIELD_WORD_CAPS}(?:,\s+{_FIELD_WORD_CAPS}){{0,3}}\s+(?:OG|&)\s+"
    r"(?!ØKONOMIUDVALG)[A-ZÆØÅ]+?(?:UDVALG|UDVALGET))"
)
JOINT_COMMITTEE = _JOINT_COMMITTEE  # read by `indexer.councils` (a name joined by «og» must recur)
COUNCIL_PATTERN = (
    rf"{_LOCAL_COUNCIL}|{_NAMED_BY_ADJECTIVE}"
    rf"|{_NAME_WORD}-,?\s+(?:{_PART_WORD}-,?\s+)*(?:og|OG)\s+[\wæøåÆØÅ]*?{_COUNCIL_WORD}"
    rf"|{_JOINT_COMMITTEE}"
    rf"|[A-ZÆØÅ][\wæøåÆØÅ]*?{_COUNCIL_WORD}"
    # The council word that is a name by itself (Aarhus's «Beslutning i Magistraten den 12. maj 2025», the layouts14
    # review): "Byrådet", "Kommunalbestyrelsen", "Borgerrepræsentationen" have a capital before the council word.
    rf"|{_BARE_COUNCIL}"
    rf"|(?:Udvalget|UDVALGET|Udvalg|UDVALG)\s+(?:for|FOR)\s+{_NAME_WORD}(?:,\s+{_NAME_WORD})*(?:\s+(?:og|OG)\s+{_NAME_WORD})?"
    rf"|{_ADJECTIVE}\s+(?:Udvalg|UDVALG)(?![\wæøåÆØÅ])"
)
# A council recording its own decision as a sentence's subject in prose minutes («Lokalrådet besluttede at
# søge 75.000 kr.», «Bestyrelsen godkendte årsrapporten.», «Rådet vedtog …», «Mødet besluttede …»): read
# by `indexer.items` (an item's prose outcome) and `indexer.enrich` (an agreement in unlabelled minutes),
# one list so the two readings cannot drift apart. Not the town's top council: «Byrådet besluttede …» in a
# lokalråd's minutes reports its decision (code review 14); that council writes its minutes with labels.
OWN_DECIDING_SUBJECT = (
    r"(?:(?!Byrådet\b|Kommunalbestyrelsen\b|Regionsrådet\b)[A-ZÆØÅ][\wæøå\-]*(?:rådet|udvalget|bestyrelsen|forsamlingen)"
    r"|Rådet|Udvalget|Bestyrelsen|Forsamlingen|Mødet|Repræsentantskabet)")
# Decision headers also name the council by its initials: "Beslutning i ØU den 16-01-2019",
# "KB, 1. oktober 2019, pkt. 130", "BIU's møde den 13. marts 2012:".
_DECIDING_BODY = rf"(?:{COUNCIL_PATTERN}|(?!(?:DATO|MØDE|STED|TID|KL|NR|PKT|SIDE)\b)[A-ZÆØÅ]{{2,5}}(?![\wæøåÆØÅ]))"
_WEEKDAY = r"(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)"
# "den 4. juni 2026", "d. 04.06.2026", "torsdag den 4. juni 2026 kl. 17.00", "29-01-2019, kl. 16:30"
_ON = rf"(?:(?i:{_WEEKDAY})\s+)?(?i:den|d\.)\s+"
_AT_TIME = r"(?:,?\s+(?i:kl\.?|klokken)\s*\d{1,2}[.:]\d{2}(?:\s*[-–]\s*\d{1,2}[.:]\d{2})?)?"
# ", pkt. 148", ", punkt 148", " (pkt. 148)": the item number in that council's minutes
_PKT = r"(?:,?\s+(?:\((?i:pkt\.?|punkt)\s*(?P<pkt_>\d+)\)|(?i:pkt\.?|punkt)\s*(?P<pkt>\d+)))?"
# A header's date: any form `parse_date` reads, or a two-digit year ("Beslutning i Byrådet den 02.05.22"),
# which a decision header's place says is a date (`parse_labelled_date`).
_HEADER_DATE = rf"(?:{DATE_PATTERN}|\d{{1,2}}[.\-/]\d{{1,2}}[.\-/]\d{{2}}(?![\d.\-/]))"
# The council a header names without naming one: the document's own ("Udvalgets beslutning").
_OWN_BODY = r"(?:Udvalget|Rådet|Bestyrelsen|UDVALGET|RÅDET|BESTYRELSEN)"
_NAMED_DECISION = [
    # "Beslutning fra Integrationsrådet", "Beslutning i Børne- og Skoleudvalget den 10-06-2020",
    # "BESLUTNING I BESKÆFTIGELSESUDVALGET DEN 19-11-2019", "Beslutning i BR den 4. juni 2026 kl. 17.00"
    # "Beslutning i Økonomiudvalget den 3. maj 2019, pkt. 4", "Beslutning i ØU, 3. maj 2019", "… ØU 03-05-2019:"
    # A joint meeting's: "Beslutning i Børneudvalget og Skoleudvalget den 24. februar 2025:", "… i A, B og C …"
    re.compile(
        rf"^(?i:beslutning)\s+(?i:fra|i)\s+(?P<council>{_DECIDING_BODY}(?:(?:,\s+|\s+(?:og|OG)\s+){_DECIDING_BODY})*)"
        rf"(?:,?\s+(?:{_ON})?(?P<date>{_HEADER_DATE}){_AT_TIME}{_PKT})?:?$"
    ),
    # "Beslutning den 12. marts 2018", "BESLUTNING 12.03.2018", "Beslutning (12-03-2018):": the date alone,
    # the council being the document's own; Kolding's "Beslutning - 18.03.2025" after a dash (layouts13 review)
    re.compile(rf"^(?i:beslutning)(?P<council>)\s+(?:[-–—]\s+)?(?:{_ON})?\(?(?P<date>{_HEADER_DATE})\)?{_AT_TIME}{_PKT}:?$"),
    # Kolding's header with its committee between dashes: "Beslutning - Teknik- og Miljøudvalget - 18.03.2025"
    re.compile(rf"^(?i:beslutning)\s+[-–—]\s+(?P<council>{_DECIDING_BODY})\s+[-–—]\s+(?:{_ON})?"
               rf"(?P<date>{_HEADER_DATE}){_AT_TIME}{_PKT}:?$"),
    # "Beslutning Økonomiudvalget den 17-09-2019", "BESLUTNING KB 01-10-2019": without "i", only with a date
    re.compile(
        rf"^(?i:beslutning)\s+(?P<council>{_DECIDING_BODY}),?\s+(?:{_ON})?(?P<date>{_HEADER_DATE}){_AT_TIME}{_PKT}:?$"
    ),
    # "Økonomiudvalgets beslutning", "ØU's beslutning:", "Udvalgets beslutning", "Udvalgets afgørelse": the
    # council's decision, its date left to the meeting
    # («Bestyrelsens beslutning:»: a company board's minutes, `test_board_minutes`). A committee's
    # «Økonomiudvalgets anbefaling» is its decision as it puts it, a recommendation to the council above
    # (Sønderborg, Aabenraa; layouts18 review); the administration's («Forvaltningens anbefaling») names no
    # council and stays its recommendation.
    re.compile(rf"^(?P<council>{_DECIDING_BODY}|{_OWN_BODY})(?:s|'s|’s|S)"
               r"\s+(?i:beslutning|afgørelse)(?P<date>):?$"),
    # ... a recommendation only under a council's name: in the council's minutes «Udvalgets anbefaling» is
    # the committee's, another body's (code review of the layouts18 fixes)
    re.compile(rf"^(?P<council>(?!{_OWN_BODY}){_DECIDING_BODY})(?:s|'s|’s|S)\s+(?i:anbefaling)(?P<date>):?$"),
    # "Beskæftigelses- og Integrationsudvalgets møde den 13. marts 2012:", "BIU's møde den 13. marts 2012:",
    # "Kommunalbestyrelsens møde 28. november 2005", "Økonomiudvalgets beslutning den 3. maj 2019"
    # "Kultur- og Fritidsudvalgets beslutning i mødet den 4. maj 2023" (Copenhagen)
    re.compile(
        rf"^(?P<council>{_DECIDING_BODY})(?:s|'s|’s|S)\s+(?i:møde|beslutning|afgørelse|anbefaling)(?:\s+(?i:i|på)\s+(?i:mødet))?"
        rf"\s+(?:{_ON})?(?P<date>{_HEADER_DATE}){_AT_TIME}{_PKT}:?$"
    ),
    # "Udvalgets beslutning den 12. marts 2025:", "Rådets afgørelse 12.03.2025": the document's own council,
    # dated, as undated above (layouts11 review: "Udvalgets beslutning den …" under another committee's
    # was no header, and the other committee's became the decision). Only a decision: "Rådets møde den …"
    # is a sentence's start as often.
    re.compile(
        rf"^(?P<council>{_OWN_BODY})(?:s|'s|’s|S)\s+(?i:beslutning|afgørelse)(?:\s+(?i:i|på)\s+(?i:mødet))?"
        rf"\s+(?:{_ON})?(?P<date>{_HEADER_DATE}){_AT_TIME}{_PKT}:?$"
    ),
    # "Ældre- og Sundhedsudvalget, 09-09-2019, pkt. 59", "Økonomiudvalget, 17. september 2019, pkt. 148:",
    # and the date line under a BESLUTNING label: "Integrationsrådet, 21.05.2015"
    re.compile(rf"^(?P<council>{_DECIDING_BODY}),?\s+(?:{_ON})?(?P<date>{_HEADER_DATE}){_AT_TIME}{_PKT}:?$"),
    # A committee named by its field, "Social og Sundhed, 6. januar 2020, pkt. 123:", "Plan, Miljø og Teknik, …",
    # "Direktionen, …": capitalised words only, and a header only with the item number after the date.
    re.compile(
        rf"^(?P<council>{_NAME_WORD}(?:(?:,\s+|\s+(?:og|&)\s+|\s+){_NAME_WORD}){{0,5}}),\s+(?:{_ON})?"
        rf"(?P<date>{_HEADER_DATE}){_AT_TIME},?\s+(?i:pkt)\.\s*(?P<pkt>\d+):?$"
    ),
]


# A council's recommendation, named as its decision is ("Rådets beslutning"): a section label (`label_of`).
# The administration's, named by who gives it ("Direktionens indstilling", "Forvaltningens indstilling",
# "Borgmesterens indstilling"), labels the same part.
_RECOMMENDING = ("Direktionen", "Administrationen", "Forvaltningen", "Borgmesteren", "Kommunaldirektøren")
_COUNCIL_RECOMMENDATION = re.compile(
    rf"^(?:{_DECIDING_BODY}|Udvalget|Rådet|UDVALGET|RÅDET|{'|'.join(_RECOMMENDING)}|{'|'.join(_RECOMMENDING).upper()})"
    r"(?:s|'s|’s|S)\s+(?:indstilling|INDSTILLING)$")
# A council's answer named as its statement: "Ældrerådets udtalelse", "Handicaprådets bemærkninger",
# "Rådets bemærkninger" (`item_decision_label`).
_COUNCIL_STATEMENT = re.compile(
    rf"^(?P<council>{_DECIDING_BODY}|Udvalget|Rådet|UDVALGET|RÅDET)(?:s|'s|’s|S)\s+"
    r"(?P<what>udtalelse|bemærkninger|UDTALELSE|BEMÆRKNINGER)$")
# The council a statement names without naming one: the document's own ("Rådets bemærkninger").
_ANY_COUNCIL = {"rådet", "udvalget", "bestyrelsen", "forsamlingen", "repræsentantskabet", "mødet"}


def statement_of_own_council(label: str, council: str | None) -> bool:
    """Whether a council's statement label (`item_decision_label`) is the document's own council's: an
    Ældreråd's "Ældrerådets udtalelse" is its answer, the decision; "Handicaprådets bemærkninger" in a
    committee's papers is a hearing answer. Other labels ("Referat") are no statement: True.

    >>> [statement_of_own_council(t, "Ældrerådet") for t in ("Ældrerådets udtalelse", "Rådets bemærkninger", "Handicaprådets bemærkninger:", "Referat")]
    [True, True, False, True]
    >>> statement_of_own_council("Handicaprådets bemærkninger", None)
    False
    """
    match = _COUNCIL_STATEMENT.match(label.strip().rstrip(":").rstrip())
    if match is None:
        return True
    name = match.group("council").casefold()
    # a council not known cannot be told to be this one: its statement is no decision claimed for it
    return name in _ANY_COUNCIL or (council is not None and name == council.casefold())


@dataclass(frozen=True)
class DecisionHeader:
    council: str  # "" where the header names none ("Beslutning den 12. marts 2018"): the document's council
    date: str | None  # ISO
    item: int | None  # "pkt. N" where the header gives it


@lru_cache(maxsize=200_000)  # asked of each line by several stages; the header is immutable
def decision_header(text: str) -> DecisionHeader | None:
    """A header that opens a decision and names the council that made it."""
    for pattern in _NAMED_DECISION:
        match = pattern.match(text)
        if match:
            when = parse_labelled_date(match.group("date") or "")
            if when is None and match.group("date") and not re.match(DATE_PATTERN, match.group("date")):
                continue  # "Beslutning 00.01.00": a two-digit year's shape, but no date (a KLE code)
            item = match.groupdict().get("pkt") or match.groupdict().get("pkt_")
            return DecisionHeader(
                council=match.group("council"),
                date=when.isoformat() if when else None,
                item=int(item) if item else None,
            )
    return None


# Members by name: "Martin Bech", "Bettina Bøcker Kjeldsen (V)", "A, B og C" (never a clause: "Godkendt, idet …")
_PERSON = r"[A-ZÆØÅ][\wæøåÆØÅ\-]*(?:\s+[A-ZÆØÅ][\wæøåÆØÅ\-]*)*(?:\s*\([A-ZÆØÅ]{1,3}\))?"
_NAMES = rf"{_PERSON}(?:(?:,\s*|\s+og\s+){_PERSON})*"
# Why a member was away, after "deltog ikke i behandlingen af punktet": "på grund af inhabilitet",
# "pga. inhabilitet", ", da han var inhabil". A reason, never another object of "behandlingen".
_AWAY_REASON = r"(?:,?\s+(?:på grund af|pga\.?|grundet|som følge af)\s+[^.]+|,\s+(?:da|idet|fordi)\s+[^.]+)"
# Labels that list the absent members: in a meeting's head (`enrich`) and as a decision's note.
# "Meldt afbud: A og B.", "Følgende havde meldt afbud: A og B." say it as a sentence's start.
ABSENT_LABELS = ("Fraværende", "Fraværende med afbud", "Fraværende uden afbud", "Ej til stede", "Ikke til stede",
                 "Afbud", "Afbud fra", "Fravær", "Ikke mødt", "Meldt afbud", "Følgende havde meldt afbud",
                 "Følgende har meldt afbud", "Følgende var fraværende")
# Labels of who sat in for an absent member, on a meeting's front page or in a decision's note.
SUBSTITUTE_LABELS = ("Stedfortræder", "Stedfortrædere", "Suppleant", "Suppleanter")
_ATTENDANCE = re.compile(
    rf"^(Dato|Sted|{'|'.join(ABSENT_LABELS)}|Til stede|Mødt|{'|'.join(SUBSTITUTE_LABELS)})\s*:"
    rf"|^[A-ZÆØÅ][^.:]{{1,80}} deltog ikke i (behandlingen|sagens behandling|mødet|punktets behandling)[^.]*{_AWAY_REASON}?\.?$"
    # "Martin Bech og Niels Salling var fraværende.", "Mikkel Houmann havde meldt afbud, og Peter Steffensen
    # deltog i stedet."
    rf"|^{_NAMES} (var fraværende|var ikke til stede|havde meldt afbud|meldte afbud)(?:,? og [^.:]*)?\.?$"
    # "Mødet hævet kl. 18.30.", "Mødet sluttede kl. 21.15": the meeting's end, after its last decision. No
    # label's colon, but a time's: "Mødet hævet kl. 21:35" (the layouts11 review) ends the meeting too.
    r"|^Mødet (?:blev )?(?:hævet|sluttede|afsluttedes|afsluttet|slut)\b(?:[^:]|(?<=\d):(?=\d))*$"
)
# The block that closes minutes after the last item: the members' signatures.
# "Underskriftsside" (FirstAgenda, SBSYS); KMD's "Udskrift" / "Udskriften bekræftes: <names>", the
# attested copy's signatures.
CLOSING = re.compile(r"^(?:Underskrifter|Underskriftsblad|Underskriftsside|Underskrift|Underskrevet af|UNDERSKRIFTER"
                     r"|UNDERSKRIFTSSIDE|Udskrift|UDSKRIFT)\s*:?$|^Udskriften\s+bekræftes\b")


# Lines closing the minutes under the last item's decision: who took them, who approved or signed them,
# when the council meets next. Labelled, with a value: "Godkendt af udvalget." is a decision. "Ref.: Malene
# Riis" abbreviates the minute-taker's label (a layouts15 review).
_SIGNATORY_LABELS = ('Referent', 'Referatfører', 'Ref.', 'Ref', 'Godkendt af', 'Underskrevet af')
_CLOSING_LINE = re.compile(rf"^{_as_printed(*_SIGNATORY_LABELS, 'Næste møde')}\s*:\s*\S")
_SIGNATORY_LINE = re.compile(rf"^{_as_printed(*_SIGNATORY_LABELS)}\s*:\s*\S")
# «Ref.» also abbreviates a reference («Ref.: Serviceloven § 83»): the minute-taker's only before a name.
_REF_LABEL = re.compile(rf"^{_as_printed('Ref')}\.?\s*:")


def is_closing_line(text: str) -> bool:
    """A line closing the minutes after the last decision (`_CLOSING_LINE`).

    >>> [is_closing_line(t) for t in ("Referent: Mette Skov", "Godkendt af: Formand Inge Mølgaard", "Godkendt.", "Referent:")]
    [True, True, False, False]
    >>> is_closing_line("Ref.: Malene Riis"), is_closing_line("Ref.: Serviceloven § 83 og Socialudvalgets beslutning")
    (True, False)
    """
    return bool(_CLOSING_LINE.match(text)) and (not _REF_LABEL.match(text) or is_signatory_line(text))


def is_signatory_line(text: str) -> bool:
    """A closing line naming the person who took, approved or signed the minutes (`_is_person`, a role or
    a unit after a comma aside): not when the council meets next, nor «Ref.: Lov om social service § 81 a»
    (a reference) or «Godkendt af: Byrådet den 28. maj 2025» (a council, code review 38).

    >>> [is_signatory_line(t) for t in ("Ref.: Malene Riis", "Referent: Pia Møller", "Næste møde: 11. juni 2026",
    ...  "Referent: Louise Haldrup, sekretariatet", "Godkendt af: Formand Inge Mølgaard",
    ...  "Ref.: Lov om social service § 81 a", "Godkendt af: Byrådet den 28. maj 2025")]
    [True, True, False, True, True, False, False]
    """
    match = _SIGNATORY_LINE.match(text)
    if not match:
        return False
    name = _without_job_title(handler_name(text[match.end() - 1:].strip()))
    return _is_person(name) or (len(name.split()) > 2 and _is_person(name.split(None, 1)[1]))  # «Formand Inge …»


def is_attendance(text: str) -> bool:
    """Attendance lines that open or close a decision: metadata, not the decision itself.

    >>> [is_attendance(t) for t in ("Mødet hævet kl. 18.30.", "Mødet hævet kl. 21:35", "Mødet slut: se bilag")]
    [True, True, False]
    """
    return bool(_ATTENDANCE.search(text))

_AWAY_LABEL = re.compile(rf"^(?:{'|'.join(ABSENT_LABELS)})\s*:\s*(?P<names>.+)$")
_STAND_IN_LABEL = re.compile(rf"^(?:{'|'.join(SUBSTITUTE_LABELS)})\s*:\s*(?P<names>.+)$")
# "Mogens Ravn deltog ikke i behandlingen af punktet.", "Ib Holm erklærede sig inhabil og deltog ikke i
# behandlingen.", "Martin Bech og Niels Salling var fraværende.", "Mikkel Houmann havde meldt afbud, og Peter
# Steffensen deltog i stedet." Not "… deltog ikke i behandlingen af ansøgningen fra X": part of the item only.
_AWAY_SENTENCE = re.compile(
    rf"^(?P<names>{_NAMES})(?:,? (?:der )?(?:erklærede sig|var) inhabil,? og)? deltog ikke i "
    rf"(?:behandlingen|sagens behandling|punktets behandling|mødet)(?: af (?:punktet|sagen|dette punkt))?{_AWAY_REASON}?\s*\.?$"
    rf"|^(?P<away>{_NAMES}) (?:var fraværende|var ikke til stede|havde meldt afbud|meldte afbud)"
    rf"(?:,? og (?P<stand_in>{_NAMES}) deltog i stedet)?\s*\.?$"
)


# Who sat in for an absent member, printed after that member in the list of those absent: «Afbud: Henrik
# Mølgaard (Ø) - i stedet mødte Lisbeth Holm (Ø)», «Bo Hjort (V) (i stedet mødte Anne Winge (V))», «Bo Hjort,
# stedfortræder: Anne Winge», «Bo Hjort - Anne Winge deltog i stedet» (layouts18 review: the stand-in was read
# into the absent member's name). A dash between spaces only: «Anne-Marie Holm» is one name.
_STAND_IN_AFTER = re.compile(
    rf"(?:\s+[-–—]\s+|\s*[,;]\s*|\s*\(\s*)"
    rf"(?:(?i:i\s+stedet\s+(?:mødte|deltog))\s*:?\s+(?P<name>{_PERSON})"
    rf"|(?i:stedfortræder|suppleant)\s*:\s*(?!(?i:ikke|ingen)\b)(?P<name_>{_PERSON})"
    rf"|(?P<name__>{_PERSON})\s+deltog\s+i\s+stedet)\s*\)?")
# «Jørgen Kelstrup (O) m.fl.»: a list of members cut short ("and others"), no part of its last name.
_AND_OTHERS = re.compile(r"\s*,?\s+(?i:m\.\s?fl|mfl|med\s+flere)\.?\s*$")


def stand_ins_among_absent(names: str) -> tuple[str, str]:
    """A list of absent members as (those absent, who sat in for them), where it names a member's
    stand-in after that member (`_STAND_IN_AFTER`), as printed ("" for none).

    >>> stand_ins_among_absent("Henrik Mølgaard (Ø) - i stedet mødte Lisbeth Holm (Ø)")
    ('Henrik Mølgaard (Ø)', 'Lisbeth Holm (Ø)')
    >>> stand_ins_among_absent("Bo Hjort (V) (i stedet mødte Anne Winge (V)), Ib Holm (A), stedfortræder: Per Lund (A)")
    ('Bo Hjort (V), Ib Holm (A)', 'Anne Winge (V), Per Lund (A)')
    >>> stand_ins_among_absent("Anne-Marie Holm - Per Lund deltog i stedet"), stand_ins_among_absent("Anne-Marie Holm, Ib Holm")
    (('Anne-Marie Holm', 'Per Lund'), ('Anne-Marie Holm, Ib Holm', ''))
    """
    stand_ins = [m.group("name") or m.group("name_") or m.group("name__") for m in _STAND_IN_AFTER.finditer(names)]
    return (_STAND_IN_AFTER.sub("", names).strip(), ", ".join(stand_ins)) if stand_ins else (names, "")


def without_and_others(names: str) -> str:
    """A list of names without the «m.fl.» ("and others") that ends it.

    >>> without_and_others("Ruth Spangsberg (F), Jørgen Kelstrup (O) m.fl."), without_and_others("Ib Holm, Bo Hjort")
    ('Ruth Spangsberg (F), Jørgen Kelstrup (O)', 'Ib Holm, Bo Hjort')
    """
    return _AND_OTHERS.sub("", names)


def item_attendance(text: str) -> tuple[str, str]:
    """Who a decision's attendance line says was away from the item, and who sat in for a member,
    as printed ("" for none): this item's attendance, beside the meeting's on its front page.

    >>> item_attendance("Fraværende: Fatima Osmani, Peter Juul"), item_attendance("Stedfortræder: Carsten Lind (V)")
    (('Fatima Osmani, Peter Juul', ''), ('', 'Carsten Lind (V)'))
    >>> item_attendance("Mogens Ravn deltog ikke i behandlingen af punktet.")
    ('Mogens Ravn', '')
    >>> item_attendance("Ole Brandt deltog ikke i behandlingen af punktet pga. inhabilitet.")
    ('Ole Brandt', '')
    >>> item_attendance("Mikkel Houmann havde meldt afbud, og Peter Steffensen deltog i stedet.")
    ('Mikkel Houmann', 'Peter Steffensen')
    >>> item_attendance("Afbud: Henrik Mølgaard (Ø) - i stedet mødte Lisbeth Holm (Ø)")
    ('Henrik Mølgaard (Ø)', 'Lisbeth Holm (Ø)')
    >>> item_attendance("Dato: 25-11-2021"), item_attendance("Ib Holm deltog ikke i behandlingen af ansøgningen fra Y.")
    (('', ''), ('', ''))
    """
    text = " ".join(text.split())
    if match := _AWAY_LABEL.match(text):
        return stand_ins_among_absent(match.group("names"))
    if match := _STAND_IN_LABEL.match(text):
        return "", match.group("names")
    if match := _AWAY_SENTENCE.match(text):
        return match.group("names") or match.group("away"), match.group("stand_in") or ""
    return "", ""


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])")


def trailing_attendance(text: str) -> tuple[str, tuple[str, ...]] | None:
    """A decision line that ends in who was away from the item, split into the decision and that
    attendance's sentences ("Godkendt. Ahmed Ali deltog ikke i behandlingen af punktet."), or None.

    >>> trailing_attendance("Godkendt. Ahmed Ali deltog ikke i behandlingen af punktet.")
    ('Godkendt.', ('Ahmed Ali deltog ikke i behandlingen af punktet.',))
    >>> trailing_attendance("Godkendt. Ole Brandt deltog ikke i behandlingen af punktet på grund af inhabilitet.")
    ('Godkendt.', ('Ole Brandt deltog ikke i behandlingen af punktet på grund af inhabilitet.',))
    >>> trailing_attendance("Anbefales. Bo Hjort var fraværende. Ib Holm deltog ikke i mødet.")
    ('Anbefales.', ('Bo Hjort var fraværende.', 'Ib Holm deltog ikke i mødet.'))
    >>> trailing_attendance("Indstillingen blev godkendt. Fraværende: Per Holm (V)")
    ('Indstillingen blev godkendt.', ('Fraværende: Per Holm (V)',))
    >>> trailing_attendance("Godkendt. Dina Haddad ønskede sin stemme imod ført til protokol."), trailing_attendance("Ib Holm var fraværende.")
    (None, None)
    """
    sentences = _SENTENCE_END.split(text.strip())
    keep = len(sentences)
    # "… Ib Holm var fraværende.", and the labelled form, "Godkendt. Fraværende: Per Holm (V)": he
    # was listed as present at the item whose decision says he was away (journalist review).
    while keep > 1 and (_AWAY_SENTENCE.match(" ".join(sentences[keep - 1].split()))
                        or _AWAY_LABEL.match(" ".join(sentences[keep - 1].split()))):
        keep -= 1
    if keep == len(sentences):
        return None
    return " ".join(sentences[:keep]), tuple(sentences[keep:])


# What a minutes template leaves under "Beslutning" when nothing was decided: a dash, a dot,
# or a bare "Ingen"/"Intet". Such a section is kept as printed but records no decision.
_NO_WORD = re.compile(r"^[\W_]*$")
_PLACEHOLDER_WORDS = {"ingen", "intet", "ingen beslutning", "ikke relevant"}
# What an agenda prints under "Beslutning" before the meeting: that it is yet to be decided, «(Behandles på
# mødet)», «(Afgøres på mødet)», «Afventer mødet», «Beslutning træffes på mødet» (layouts17 review). The whole
# text only: «Sagen behandles på næste møde» postpones the item, a decision. Without brackets only the bare
# forms, no subject: in minutes «Sagen afventer udvalgets behandling» is the council's decision to wait (code
# review 44), where an agenda's «Afventer udvalgets behandling.», «Ingen beslutning endnu.» wait for the
# meeting (layouts review 19: they made the agenda minutes).
_AT_THE_MEETING = r"(?:behandles|afgøres|besluttes|træffes|drøftes|udfyldes|tilføjes|indsættes)\s+(?:på|under|efter)\s+mødet"  # «behandles på mødet»
_PENDING = re.compile(
    rf"^(?:{_AT_THE_MEETING}"
    r"|afventer\s+mødet|beslutning(?:en)?\s+(?:træffes|tages)\s+(?:på|under)\s+mødet"
    r"|(?:endnu\s+)?ingen\s+beslutning\s+endnu|endnu\s+ingen\s+beslutning)$")
# ... and in an agenda only (`awaits_meeting`): in minutes «Afventer Byrådets behandling.» is the committee's
# decision to wait (code review 49), in an agenda «Afventer udvalgets behandling.» waits for the meeting.
_AWAITING = re.compile(r"^(?:afventer\s+(?:[^\W\d_]+\s+){0,4}(?:behandling|beslutning)|beslutning(?:en)?\s+følger)$")
_PENDING_IN_BRACKETS = re.compile(
    r"^(?:(?:sagen|punktet|beslutning(?:en)?)\s+)?"
    rf"(?:{_AT_THE_MEETING}"
    r"|afventer\s+(?:mødet|behandling|beslutning|udvalgets\s+behandling))$")


def _plain_words(text: str) -> str:
    """A section's text as its words alone, lower case, one space between: what the placeholder forms match."""
    return " ".join(re.sub(r"[\W_]+", " ", text).split()).casefold()


def awaits_meeting(text: str) -> bool:
    """Whether a decision's whole text says it waits for a treatment: «Afventer udvalgets behandling.»,
    «Afventer Social- og Sundhedsudvalgets behandling», «Beslutningen følger.». An agenda's placeholder (it
    makes no agenda minutes: layouts review 19), a decision to wait in minutes (`indexer.enrich`).

    >>> [awaits_meeting(t) for t in ("Afventer udvalgets behandling.", "Afventer Social- og Sundhedsudvalgets behandling",
    ...                              "Afventer svar fra ministeriet.", "Sagen afventer udvalgets behandling.")]
    [True, True, False, False]
    """
    words = _plain_words(text)
    return bool(_AWAITING.match(words))


def is_placeholder(text: str) -> bool:
    """Whether a section's text only stands in for a missing text.

    >>> [is_placeholder(t) for t in ("-", " – ", "—", ".", "…", "Ingen.", "", "Godkendt.", "Der var intet til eventuelt.")]
    [True, True, True, True, True, True, True, False, False]
    >>> [is_placeholder(t) for t in ("(Behandles på mødet)", "Afventer mødet", "Sagen behandles på næste møde.")]
    [True, True, False]
    >>> [is_placeholder(t) for t in ("(Sagen afventer udvalgets behandling)", "Sagen afventer udvalgets behandling.")]
    [True, False]
    >>> [is_placeholder(t) for t in ("Afventer udvalgets behandling.", "Ingen beslutning endnu.", "Afventer svar fra ministeriet.")]
    [False, True, False]
    """
    if _NO_WORD.match(text):
        return True
    words = _plain_words(text)
    bracketed = text.strip().startswith("(") and text.strip().rstrip(".").endswith(")")
    return words in _PLACEHOLDER_WORDS or bool((_PENDING_IN_BRACKETS if bracketed else _PENDING).match(words))


# --- Item headings -----------------------------------------------------------------------

BULLETS = "•·▪◦‣○●■□-–*"  # the usual bullets before a heading or a name in a list
BULLET = rf"(?:[{re.escape(BULLETS)}]\s*|o\s+)"
# "15. Modtagelse af flygtninge", "41.<tab>Godkendelse af dagsorden", "3) Eventuelt", "• 301. Planstrategi 2020",
# "§ 3. Høring over …" (items numbered as the paragraphs of a protocol)
_PARAGRAPH_SIGN = r"(?:§\s*)?"
NUMBERED_HEADING = re.compile(
    rf"^{BULLET}?{_PARAGRAPH_SIGN}(?P<number>\d{{1,3}})[.)]\s+(?P<title>[A-ZÆØÅ0-9\"“”«'(].*)$")
# An item's number as printed may go on after its leading number: "3a", "3b" (an item added to the
# agenda), "4.1", "4.2" (items under topic 4). The leading number is the item's number (`number`,
# what sorts and filters); the rest (`sub`) makes the number as printed its label (`item_label`).
_SUB_NUMBER = r"(?P<sub>[a-zæøå]|\.\d{1,2})"
# "3a Godkendelse af dagsorden", "3b. Title", "4.1 Trafiksikkerhedsplan 2025-2028", and "5 Lukket punkt: …"
# without its full stop: headings only with their anchor, as every numbered line (`indexer.headings`).
# A dash may part the number from the title: "01 – Godkendelse af dagsorden", "1 - Title" (Randers, a
# layouts13 review: no item of those minutes was found).
# The title starts with a capital or a quote, never a digit ("2 300 kr. bevilges", "1 - 2 gange om ugen",
# "3 - 0 i kampen" are text; "2025 – et år …" has four digits).
_NUMBER_DASH = r"(?:\s+[-–—])"
LABELLED_HEADING = re.compile(
    rf"^{BULLET}?{_PARAGRAPH_SIGN}(?P<number>\d{{1,3}})(?:{_SUB_NUMBER}[.)]?)?{_NUMBER_DASH}?\s+"
    r"(?P<title>[A-ZÆØÅ\"“”«'(].*)$"
)
# "II. Høring: Kvalitetsstandard …", "IV) Eventuelt": items numbered in roman numerals (I-XXXIX), as
# ældreråd, handicapråd and integrationsråd minutes often are. The number is its arabic value; the
# numeral as printed is the item's label (`item_label`).
ROMAN_HEADING = re.compile(
    rf"^{BULLET}?(?P<roman>(?=[IVX])X{{0,3}}(?:IX|IV|V?I{{0,3}}))[.)]\s+(?P<title>[A-ZÆØÅ0-9\"“”«'(].*)$")
# "Godkendelse af dagsorden (1)": the item's number printed after its title; a heading only with its
# anchor and where the number continues the items' sequence (`indexer.headings`).
NUMBER_AFTER_TITLE = re.compile(r"^(?P<title>[A-ZÆØÅ\"“”«'].*?\S)\s*\((?P<number>\d{1,3})\)$")
# The headers that group an agenda's items ("Åbne sager", "Lukkede punkter", "II. LUKKEDE PUNKTER",
# Odense's "A. Sager til afgørelse i byrådet", "B. Sager til afgørelse i udvalget", "C. Orientering"):
# structure, neither an item nor part of the item before them. A group is lettered, never numbered:
# "IV. Orientering" is an item of minutes numbered in roman numerals. The meeting's open and closed
# parts divide it the same way, alone on a line: "Åbent møde", "Lukket møde", "Åben dagsorden",
# "Lukket dagsorden", "Åbent punkt", "Lukket punkt" (under a heading these are its anchor, `_ANCHOR_ONLY`:
# no text of the item either). Above a closed item they are no part of the decision before them.
# Items added after the agenda went out follow "Tillægsdagsorden" (or "Tillægsreferat") alone on a line (Vejle),
# or "Supplerende punkter", "Tillægspunkter" (a code review: left at the end of the item above).
GROUP_HEADER = re.compile(
    r"^(?:(?:[IVX]{1,4}|[A-H])[.)]\s+)?(?:(?i:åbne|lukkede)\s+(?i:sager|punkter|dagsordenspunkter)"
    r"|(?i:tillægsdagsorden|tillægsreferat|tillægspunkter)"
    r"|(?i:supplerende|øvrige|ekstra)\s+(?i:sager|punkter|dagsordenspunkter)"
    r"|(?i:åbent|lukket)\s+(?i:møde|punkt)|(?i:åben|lukket)\s+(?i:dagsorden)"
    r"|(?i:sager|punkter)\s+(?i:til)\s+(?i:afgørelse|beslutning|orientering|drøftelse|behandling)"
    r"(?:\s+(?i:i|af)\s+[\wæøåÆØÅ\-]+(?:\s+(?:og|OG)\s+[\wæøåÆØÅ\-]+)?)?)\s*:?$"
    r"|^[A-H][.)]\s+(?i:orientering|orienteringssager|beslutningssager|meddelelser)\s*:?$")
# "Til drøftelse", "2. Til drøftelse", "B. Til orientering": a purpose alone on a line (`_PURPOSES`). Under
# an item's title it is the item's anchor; as the last text of an item, with the next item's heading after
# it, it groups the items after it ("2. Til drøftelse" / "2.1 Title"), as "Sager til drøftelse" does, and
# is no part of the item before it (`indexer.items.minutes_item`).
PURPOSE_GROUP = re.compile(
    rf"^(?:\d{{1,2}}\.?\s+|(?:[IVX]{{1,4}}|[A-H])[.)]\s+)?{_as_printed(*_PURPOSES)}\s*:?$")
# "Punkt 9: Beslutninger om dagsordenen", "• Punkt 3 Title 1/2019", "PUNKT 3 TITLE", "Punkt 3. Title",
# "Punkt 3 - Title", "Pkt. 3 Title", "Pkt 3: Title", "Punkt 3a Title"; bulleted with any of the usual bullets;
# "Ad 3. Title", "Ad pkt. 3 Title", "Ad punkt 3: Title" (minutes that answer the agenda point by point);
# "Punkt nr. 2 - Title" (Frederiksberg); "Dagsordenspunkt 1: Title" (Holbæk's ældreråd, a review: a heading
# only at a paragraph's start, as a decision's text names an item so: `indexer.headings`); "Sag nr. 112
# Godkendelse af dagsorden", "Sag nr. 112: Title" (SBSYS: the item's number and title on one line; "Sag nr.:
# 22/14533" is a case number, no heading); "Sag 31: Title", "Sag 31. Title", "Sag 31 – Title" (a layouts11
# review's agenda), without "nr." only with the colon, full stop or dash after the number: "Sag 31 Byrådet
# …" may be a sentence, and "Sag: 24/1234" is a field line. Between the number and the title a Markdown or
# web export may print a middle dot, an em dash or a bar: "Punkt 2 · Title", "Punkt 2 — Title", "Punkt 2 |
# Title" (layouts12 review: no heading, every item lost its number); a table's row starts with its bar.
_NR = r"(?:(?:nr|Nr|NR)\.?\s*)?"
_TITLE_SEPARATOR = r"\s+[-–—·|]"
PUNKT_HEADING = re.compile(
    rf"^{BULLET}?(?:(?:Ad|AD)\s+(?:(?:Punkt|punkt|PUNKT|Pkt\.?|pkt\.?|PKT\.?)\s*)?"
    rf"|(?:(?P<dagsordenspunkt>Dagsordenspunkt|DAGSORDENSPUNKT)|Punkt|PUNKT|Pkt\.?|PKT\.?)\s*{_NR}"
    rf"|(?P<sag>Sag|SAG)\s+(?:(?:nr|Nr|NR)\.?\s*|(?=\d{{1,3}}(?:[a-zæøå]|\.\d{{1,2}})?(?:\s*[:.]|{_TITLE_SEPARATOR})\s)))"
    rf"(?P<number>\d{{1,3}}){_SUB_NUMBER}?(?:\s*[:.)]|{_TITLE_SEPARATOR})?\s+"
    r"(?P<title>[A-ZÆØÅ0-9\"“”«'(].*)$"
)
# "Sag 2 Vandløbsrestaurering i Funder Å" (Silkeborg, layouts18 review): «Sag N» and the title with nothing
# between, which "Sag 31 Byrådet …" in a sentence also is: a heading only where anchored by a field line
# under it, or where it is the next of a run of such headings (`indexer.headings`).
SAG_TITLE_HEADING = re.compile(r"^(?:Sag|SAG)\s+(?P<number>\d{1,3})\s+(?P<title>[A-ZÆØÅ\"“”«'(].*)$")
# A title starts as a heading does, with a capital, a digit or a quote: "Punkt 3 i indstillingen udgår" and
# "Pkt. 2 og 3 blev behandlet samlet" are sentences about items, not headings.
# "Pkt. 58" (or "PKT. 58", "Punkt 58", "PUNKT 58:", "Dagsordenspunkt 3", "Punkt 3a") alone, the title on
# the next line(s); "Dagsordenspunkt 3: Title" on one line is a `PUNKT_HEADING`. Copenhagen prints the case
# number in brackets after the number, the title on the next line: "Punkt 11 (2025-0991234)" (a layouts15
# review: the case number was read as the title); the case number is the item's, and its anchor.
PKT_LINE = re.compile(
    rf"^(?:Pkt|PKT|Punkt|PUNKT|Dagsordenspunkt|DAGSORDENSPUNKT)\.?\s*{_NR}(?P<number>\d{{1,3}}){_SUB_NUMBER}?"
    rf"(?:[.:]?|\s+\((?:(?i:sagsnr|sag nr)\.?:?\s*)?(?P<case>{BARE_CASE_NUMBER})\))$"
)
# "13/2024 Lokalplan 4-2-118, Boliger ved Gigantium" (Aalborg): the item's running number in the year,
# then the title. A heading only where every item is printed so (`indexer.unnumbered`): elsewhere
# "3/2015 …" may start a title.
RUNNING_NUMBER_HEADING = re.compile(r"^(?P<number>\d{1,3})/(?:19|20)\d{2}\s+(?P<title>[A-ZÆØÅ\"“”«'(].*)$")
# "38Godkendelse af dagsorden": the number glued to the title (but not "3F")
GLUED_HEADING = re.compile(r"^(?P<number>\d{1,3})(?=[A-ZÆØÅ][a-zæøå])(?P<title>.+)$")
# "Sag: 24/1234 – Godkendelse af dagsorden": the case number as the item's heading, its title after a dash
# (a review's minutes, no item numbers). A heading only where the document's items are all printed so
# (`indexer.headings.case_headings`): one such line inside an item is its text.
CASE_HEADING = re.compile(
    r"^(?:Sag|SAG)\s*:?\s*(?P<case>\d[\w.\-]*[./\-][\w./\-]*\d)\s+[-–—]\s+(?P<title>[A-ZÆØÅ0-9\"“”«'(].*)$")
# "Indstilling fra Borgmesterens Afdeling", "Indstilling fra Børn og Unge" (Aarhus): the department whose
# recommendation the item is, printed under its title above the field lines. A heading's anchor (layouts12
# review: without it «Punkt 1» / «Budgetopfølgning …» / «Indstilling fra …» / «Sagsnr.: …» was no heading)
# and the item's text, not its fields. The department is named, capitalised: «Indstilling fra direktionen»
# with the recommendation under it is a section label (`SECTION_LABELS`).
RECOMMENDED_BY = re.compile(
    r"^(?:Indstilling|INDSTILLING)\s+(?:fra|FRA)\s+[A-ZÆØÅ][\wæøåÆØÅ'’\-]*(?:,?\s+[\wæøåÆØÅ'’\-]+){0,6}$")
# "Sag nr. 130" (or "Sag nr.: 130") under a title line, or above it (`indexer.headings`)
SAG_NR = re.compile(r"^Sag\s+nr\.?\s*:?\s*(?P<number>\d{1,4})$", re.IGNORECASE)


# A heading that numbers its item as a paragraph: "§ 3. Høring …", "• § 12 Eventuelt".
PARAGRAPH_NUMBERED = re.compile(rf"^{BULLET}?§")


def item_label(match: re.Match[str]) -> str | None:
    """The number as printed of a heading `match` whose number goes on after its leading number
    ("3a", "4.1") or is a roman numeral ("II"), else None: the item's number says it all.

    >>> [item_label(LABELLED_HEADING.match(t)) for t in ("3a Godkendelse af dagsorden", "4.1 Trafik", "5 Eventuelt")]
    ['3a', '4.1', None]
    >>> item_label(ROMAN_HEADING.match("IV. Eventuelt")), item_label(NUMBERED_HEADING.match("§ 3. Høring"))
    ('IV', None)
    """
    groups = match.groupdict()
    if groups.get("roman"):
        return groups["roman"]
    sub = groups.get("sub")
    return f"{match.group('number')}{sub}" if sub else None


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def heading_number(match: re.Match[str]) -> int:
    """The item number of a heading `match`: its leading number, or its roman numeral's value.

    >>> [heading_number(ROMAN_HEADING.match(t)) for t in ("I. A", "II. A", "IV. A", "IX. A", "XIV. A", "XXXIX. A")]
    [1, 2, 4, 9, 14, 39]
    >>> heading_number(NUMBERED_HEADING.match("§ 3. Høring")), ROMAN_HEADING.match("VV. A"), ROMAN_HEADING.match(". A")
    (3, None, None)
    """
    roman = match.groupdict().get("roman")
    if not roman:
        return int(match.group("number"))
    values = [_ROMAN_VALUES[c] for c in roman]
    return sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0]))

# Points of a recommendation or decision ("1. at der bevilges …", "2) At udgiften …, og") have the
# shape of numbered headings; no agenda item is titled so.
_LIST_POINT = re.compile(r"^(?:at|At|AT)\s|[,;]$|\s(?:og|eller)$")
# Abbreviations a title may end with: its full stop does not end a sentence. "Evt." is the item
# Eventuelt ("Ad 6) Evt.", layouts11 review: it went into the item before).
_ABBREVIATIONS = {"mv", "mm", "pkt", "nr", "kr", "ca", "jf", "inkl", "ekskl", "vedr", "etc", "osv", "evt"}
# Abbreviations in running text, the titles' and those of amounts, times and references («ca. 2.500
# kr.», «kl. 21», «§ 4 stk. 2», «bl.a.»): their full stop stays where an ellipsis cuts after it.
TEXT_ABBREVIATIONS = frozenset(_ABBREVIATIONS | {"stk", "kl", "d", "bl.a", "f.eks", "m.v", "m.m", "mht", "dvs", "ang",
                                                 "tlf", "st", "mio", "mia", "pct", "ref", "incl", "excl", "pr",
                                                 "m.fl", "p.t", "o.l", "hr", "fr", "fru", "gl", "ndr", "sdr", "nov",
                                                 "dec", "jan", "feb", "aug", "sept", "okt", "jun", "apr", "mar",
                                                 "iflg", "vha", "ift", "adm", "afd", "udv"})


def is_list_point(title: str) -> bool:
    """Whether a numbered line is a point of a list, never an agenda item's title.

    >>> [is_list_point(t) for t in ("at dagsordenen godkendes", "At der bevilges 40.000 kr., og", "Godkendelse af dagsorden")]
    [True, True, False]
    """
    return bool(_LIST_POINT.search(title.strip()))


def is_sentence(title: str) -> bool:
    """Whether a title ends as a sentence does: such a numbered line needs a strong anchor.

    >>> [is_sentence(t) for t in ("Forslaget godkendes.", "Foreningernes dag 2015.", "Godkendelse af dagsorden",
    ...                          "Puljer m.v.", "Budget, 2.", "Eventuelt...", "Evt.")]
    [True, True, False, False, False, False, False]
    """
    title = title.strip()
    if not title.endswith(".") or title.endswith(".."):
        return False
    last = title.split()[-1][:-1]
    return len(last) > 1 and "." not in last and last.lower() not in _ABBREVIATIONS and not (last.isdigit() and len(last) <= 2)


# "Punkt 3 Title 1/2019": the meeting's number in its year. Not a field's value the title ran on into
# ("… Acadre-sag: 25/2311", "… Sagsnr. 24/2025", layouts18 review: the case number was cut off), nor a
# number that is no year's.
_MEETING_REFERENCE = re.compile(r"(?<![:.])\s+\d{1,3}/(?:19|20)\d{2}$")
# "(B)" beslutning / "(O)" orientering, and "( )" where a template left the letter out
_DECISION_SUFFIX = re.compile(r"\s*\((?:B|O|\s*)\)$")
# "50 (Lukket) Salg af areal ved Industrivej", "45 (Åben) Godkendelse af dagsorden" (EG/KMD): whether the
# item is open or closed, printed before (or after) its title as f3 prints (B)/(O): no part of the title.
_OPENNESS_IN_BRACKETS = r"\((?i:åben|åbent|lukket)\)"
# Copenhagen prints a closed item's openness after its title (and after its case number in brackets):
# "Salg af ejendommen Amagerbrogade 150 (2025-0045678) - lukket punkt", "Personalesag (lukket punkt)"
# (layouts12 review: the item was not closed, kept the words in its title, and lost its case number).
OPENNESS_SUFFIX = re.compile(
    r"\s+(?:[-–—]\s+(?P<word>(?i:åbent|åben|lukket))\s+(?i:punkt|sag)|\((?P<word_>(?i:åbent|åben|lukket))\s+(?i:punkt|sag)\))$")
_OPENNESS_PREFIX = re.compile(rf"^{_OPENNESS_IN_BRACKETS}\s+|\s+{_OPENNESS_IN_BRACKETS}$|{OPENNESS_SUFFIX.pattern}")


def openness_in_brackets(title: str) -> bool:
    """Whether a heading's title prints the item's openness in brackets ("(Lukket) Personalesag") or
    after a dash ("Salg af grund - lukket punkt"): an export's heading, its own anchor where nothing but
    the next heading follows a closed item.

    >>> openness_in_brackets("(Lukket) Personalesag"), openness_in_brackets("Forslag fra (F)")
    (True, False)
    >>> openness_in_brackets("Salg af grund - lukket punkt"), openness_in_brackets("Lukket punkt i referatet")
    (True, False)
    """
    return bool(_OPENNESS_PREFIX.search(title.strip()))
_LEADERS = re.compile(r"\s*(?:\.{3,}|…+)\s*\d{0,3}$")
# Esbjerg's "Punkt 6 - Lukket: Erstatningssag vedr. vejafvanding" (layouts13 review): the openness word and a
# colon before the title, read as the bracketed form is (`indexer.openness`). "Lukket punkt: …" is a title of
# its own (LAYOUTS.md, f8) and keeps its words.
_OPENNESS_COLON = re.compile(r"^(?P<word>(?i:lukket|åbent|åben))\s*:\s+(?=\S)")


def clean_title(title: str) -> str:
    """A heading's title without suffixes that are not part of it.

    >>> [clean_title(t) for t in ("Eventuelt ( )", "Lokalplan 12", "Meddelelser (O)", "Eventuelt.....7")]
    ['Eventuelt', 'Lokalplan 12', 'Meddelelser', 'Eventuelt']
    >>> clean_title("(Åben) Godkendelse af dagsorden"), clean_title("(Lukket) Salg af areal")
    ('Godkendelse af dagsorden', 'Salg af areal')
    >>> clean_title("Salg af ejendom (2025-0045678) - lukket punkt"), clean_title("Personalesag (Lukket punkt)")
    ('Salg af ejendom (2025-0045678)', 'Personalesag')
    >>> clean_title("Lukket: Erstatningssag vedr. vejafvanding"), clean_title("Lukket punkt: Personalesag")
    ('Erstatningssag vedr. vejafvanding', 'Lukket punkt: Personalesag')
    """
    title = _LEADERS.sub("", title.strip())
    title = _DECISION_SUFFIX.sub("", title)
    title = _OPENNESS_PREFIX.sub("", title)
    title = _OPENNESS_COLON.sub("", title)
    return " ".join(title.split()).rstrip(":").strip()


def without_meeting_reference(title: str) -> str:
    """A `Punkt N` heading's title without the meeting it is on ("… 1/2019", layout 7).

    Only there: elsewhere "Lokalplan 3/2015" is the title's own number.

    >>> without_meeting_reference("Boligsocial helhedsplan 2019-2022 1/2019"), without_meeting_reference("Lokalplan 12/2018 1/2019")
    ('Boligsocial helhedsplan 2019-2022', 'Lokalplan 12/2018')
    >>> without_meeting_reference("Økonomirapport Acadre-sag: 25/2025"), without_meeting_reference("Budget 25/2311")
    ('Økonomirapport Acadre-sag: 25/2025', 'Budget 25/2311')
    """
    return _MEETING_REFERENCE.sub("", title.strip())


# A title is shown whole in result lists, page headings and citations: longer ones are cut.
TITLE_MAX = 200


def shorten_title(text: str, limit: int = TITLE_MAX) -> str:
    """`text` if it fits in `limit` characters, else its beginning cut at a word boundary, with "…".

    >>> shorten_title("Modtagelse af flygtninge")
    'Modtagelse af flygtninge'
    >>> shorten_title("Orientering om boligsituationen for flygtninge, herunder midlertidige boliger", 40)
    'Orientering om boligsituationen for…'
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]  # room for the "…"
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if space >= limit // 2:  # else one very long "word": cut inside it
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def without_closing_stop(piece: str) -> str:
    """`piece` without the «.», «,», «;» or «:» (and spaces) that close it, where an ellipsis takes
    their place («indtil videre.…» read as a typo); the full stop of an abbreviation or of a day's
    or a point's number stays («ca.…», «kr.…», «1.…» of «1. januar»), as `is_sentence` reads them.

    >>> without_closing_stop("indtil videre. "), without_closing_stop("Siden 2019."), without_closing_stop("i alt ca.")
    ('indtil videre', 'Siden 2019', 'i alt ca.')
    >>> without_closing_stop("fra den 1."), without_closing_stop("6.350 kr.,"), without_closing_stop("bl.a.")
    ('fra den 1.', '6.350 kr.', 'bl.a.')
    """
    piece = piece.rstrip()
    while piece and piece[-1] in ".,;:":
        if piece[-1] == "." and _stop_is_word_s(piece[:-1]):
            break
        piece = piece[:-1].rstrip()
    return piece


def _stop_is_word_s(before: str) -> bool:
    """Whether a full stop after `before` belongs to its last word: an abbreviation or a number of
    one or two digits (an ordinal: «1. januar», «stk. 2.»)."""
    words = before.split()
    word = words[-1].lstrip("([«»\"'„“") if words else ""
    return word.casefold() in TEXT_ABBREVIATIONS or (word.isdigit() and len(word) <= 2)


# --- Contents lists ----------------------------------------------------------------------

CONTENTS_HEADER = re.compile(
    r"^(Indholdsfortegnelse|Indhold|Punkter|PUNKTER|INDHOLD|INDHOLDSFORTEGNELSE|Dagsordenspunkter)$"
)
# "Dagsorden:" on the front page with the items' numbered list right under it, one a line ("1. Godkendelse
# af dagsorden" / "2. Budget 2025", a board's or small council's minutes): a contents list all the same,
# only with that list under it (`indexer.contents`): elsewhere "Dagsorden" is the document's title line.
# A group's header (`GROUP_HEADER`: "Sager til beslutning", "Åbne sager") may head that list likewise.
AGENDA_LIST_HEADER = re.compile(r"^(?:Dagsorden|DAGSORDEN)\s*:?$")
# (the columns' heads: "Punkt   Side", Region Hovedstaden's "Sag nr.   Side")
CONTENTS_SUBHEADER = re.compile(r"^((?:Punkt|Sag\s+nr\.?)\s+Side|Åbne dagsordenspunkter|Lukkede dagsordenspunkter|Side)$",
                                re.IGNORECASE)
# "Beslutninger om dagsordenen.....3", "1. Godkendelse af dagsorden....2", "Sag nr. 12 Godkendelse af
# dagsorden ..... 2", "Punkt 3 Title ... 4", "Sag 31: Title ..... 2", "4.1 Trafiksikkerhedsplan ..... 2"
DOTTED_ENTRY = re.compile(
    r"^(?:(?:(?i:sag(?:\s+nr)?|dagsordenspunkt|punkt|pkt)\.?\s*)?(?P<number>\d{1,3})(?:[a-zæøå]|\.\d{1,2})?[.:]?\s+)?"
    r"(?P<title>\S.*?)\s*(?:\.{3,}|…+)\s*(?P<page>\d{1,3})$"
)
# "1. Godkendelse af dagsorden 2" (inside a contents list); an item number with a letter or a
# sub-number, or without its full stop, only with the page number after it ("3a Godkendelse af dagsorden 1",
# "5 Lukket punkt: Erstatningssag 3"), as such a line is text elsewhere
NUMBERED_ENTRY = re.compile(
    r"^(?P<number>\d{1,3})(?:\.\s+|(?=.*\s\d{1,3}$)(?:[a-zæøå]|\.\d{1,2})?\.?\s+(?=[A-ZÆØÅ\"“”«'(]))"
    r"(?P<title>.+?)(?:\s+(?P<page>\d{1,3}))?$"
)
# "Pkt. 15 Anlægsbevilling til ny daginstitution i Nørreby      7", "36 (Åben) Godkendelse af dagsorden": an
# entry printed as the item's heading is, without dot leaders, its page number (if any) after the title.
# Such a line is a heading elsewhere: an entry only inside a contents list, where the same number and
# title come again below as an item's heading (`indexer.contents`). "01 – Godkendelse af dagsorden": a dash
# after the number, as Randers prints its headings (`LABELLED_HEADING`). The number at the end is a page
# number only where the list reads as paged (`indexer.contents`): "2. Salg af ejendommen Vestergade 14".
HEADING_ENTRY = re.compile(
    r"^(?:(?i:sag(?:\s+nr)?|dagsordenspunkt|punkt|pkt)\.?\s*)?(?P<number>\d{1,3})(?:[a-zæøå]|\.\d{1,2})?"
    r"(?:[.:)]|\s+[-–—])?\s+"
    r"(?=[A-ZÆØÅ\"“”«'(])(?P<title>.+?)(?:\s+(?P<page>\d{1,3}))?$"
)
# "FORORD 3" (annual reports)
CAPS_ENTRY = re.compile(r"^(?P<title>[A-ZÆØÅ][A-ZÆØÅ0-9 \-–]*[A-ZÆØÅ0-9])\s+(?P<page>\d{1,3})$")

# --- Document types ----------------------------------------------------------------------

# What a document calls itself in its title lines. "Beretning"/"Årsrapport" are annual reports
# too; "Beslutningsprotokol" is minutes.
# "Årsberetning 2022", "Beretning for 2021-2022", and in a title's lower case or a compound:
# "Handicaprådets årsberetning 2023", "Virksomhedsberetning 2021"
# A title's lower-case "beretning" before the year it is about, after the dash that ends the council's name:
# or a council's genitive: "Handicaprådet – beretning for året 2024", "Ældrerådets beretning for perioden
# 2023-2024" (not «Dagsorden – temamøde om beretning for 2024»: a code review). A term report's period is
# the council's term: «Handicaprådets beretning for valgperioden 2022–2025» («funktionsperioden», «rådsperioden»).
# The word last, after the years and a dash: «Handicaprådet 2022-2025 – beretning» (a report review); not
# after a date («Referat 02.09.2025 – beretning»).
ANNUAL_WORD = re.compile(r"\b(?:Beretning|BERETNING)\b|(?i:årsberetning|årsrapport|virksomhedsberetning)\b"
                         r"|(?:^|[–—-]\s*|\b[A-ZÆØÅ]\w*s\s+)beretning\s+(?:for|om)\s+"
                         r"(?:(?:året|(?:valg|funktions|råds)?perioden)\s+)?(?:19|20)\d\d\b"
                         r"|(?<![\w.\-/])(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?\s*[–—-]\s*beretning\s*$")
# "Åben dagsorden", "Lukket referat": the word in lower case after the publication's openness.
_OPENNESS = r"(?:(?i:åbent?|lukket)\s+)"
# Compounds name the kind by their last part: "Tillægsdagsorden", "Mødereferat", "Beslutningsreferat".
# "Indkaldelse til møde i Ældrerådet", "Mødeindkaldelse": the agenda sent out before the meeting.
AGENDA_WORD = re.compile(rf"\b(?:(?:[A-ZÆØÅ]?[a-zæøå]+d|D)agsorden|[A-ZÆØÅ]*DAGSORDEN)\b|\b{_OPENNESS}dagsorden\b"
                         r"|\b(?:(?:[A-ZÆØÅ]?[a-zæøå]+i|I)ndkaldelse|[A-ZÆØÅ]*INDKALDELSE)\b")
# A record titled «Protokol» or «Mødeprotokol» is minutes as «Beslutningsprotokol» is (a layouts15 review:
# short prose minutes titled «Protokol» lost their last items); never «Protokollat», «Protokoltilførsel».
MINUTES_WORD = re.compile(rf"\b(?:(?:[A-ZÆØÅ]?[a-zæøå]+r|R)eferat|[A-ZÆØÅ]*REFERAT"
                          r"|(?:Beslutningsp|Mødep|P)rotokol|(?:BESLUTNINGS|MØDE)?PROTOKOL)\b"
                          rf"|\b{_OPENNESS}referat\b")

DOCUMENT_TITLE = re.compile(r"^(ÅRSBERETNING|REFERAT|DAGSORDEN|Årsberetning|Referat|Dagsorden)\b")


# An office a council elects, as a line of a constitution's list: «Formand: Anne Holm», «2. næstformand: Bo Berg».
ROLE_LINE = re.compile(r"^[ \t\-–•*]*(?i:(?:\d\.\s*)?(?:næst)?(?:formand|forperson|forkvinde)|kasserer|sekretær"
                       r"|suppleant(?:er)?|(?:menige?\s+)?medlem(?:mer)?)\s*:\s*\S")
# The chair signing the minutes: «Formand: Anne Holm», «Forperson: Bo Berg»; not a vice chair's, a constitution's.
CHAIR_LINE = re.compile(r"^[ \t\-–•*]*(?i:formand|forperson|forkvinde)\s*:\s*\S")
# An item electing the council's offices: «Valg af formand og referent», «Konstituering»: its list of the elected
# («Formand: Anne Holm» / «Referent: Bo Berg») is its result, never the minutes' signature (code review 43).
ELECTION_TITLE = re.compile(r"(?i)valg|konstitu|formand|forperson|forkvinde|referent")
