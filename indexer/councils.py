"""Which municipality and council a document is of, and whether a decision header names that council.

The head names them first (a title page's `HAVNSTED KOMMUNE`, `Referat af møde i
Integrationsrådet`), else a running header or footer (`Holbæk Kommune · Byrådet · 12.03.2019`
on every page, taken out of the text as page furniture), else the text, by the name it gives
most often. A decision header names a council in full or by its initials (`ØU, 16.01.2019`,
`BIU's møde den 13. marts 2012:`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence

from indexer import conventions as cv

# "Bornholms Regionskommune": the one municipality that is also a region's
_MUNICIPALITY = re.compile(r"\b([A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)*) (?:Regionsk|K)ommunes?\b")
_NOT_A_NAME = {"Den", "Det", "En", "Et", "Hver", "Din", "Vores", "Jeres", "Samme", "Hele", "Anden", "Egen", "Ny", "Nye"}
_COUNCIL = re.compile(rf"(?<![\wæøåÆØÅ])({cv.COUNCIL_PATTERN})s?(?![\wæøåÆØÅ])")
# A committee of fields joined by «og» without the hyphen («Kultur og Fritidsudvalget», `cv.JOINT_COMMITTEE`)
# reads like a sentence's two parties too («Dialogmøde mellem borgmester Jakob Lund og Teknikudvalget»,
# «… København og Teknikudvalget»); «&» does not (code review 32).
_JOINED_BY_OG = re.compile(rf"(?:{cv.JOINT_COMMITTEE})s?")


def _joint_name(name: str, line: str, body: Sequence[str]) -> str:
    """`name` as the council, or the committee it ends in where it is fields joined by «og» that the document
    names only once: such a name is the council's where its line is the name alone (the head's council line)
    or another line names it again (a decision header «Beslutning i Kultur og Fritidsudvalget den …»).

    >>> _joint_name("Lund og Teknikudvalget", "Dialogmøde mellem borgmester Jakob Lund og Teknikudvalget", [])
    'Teknikudvalget'
    >>> _joint_name("Kultur og Fritidsudvalget", "Kultur og Fritidsudvalget", [])
    'Kultur og Fritidsudvalget'
    >>> _joint_name("Kultur og Fritidsudvalget", "Referat fra Kultur og Fritidsudvalget",
    ...             ["Referat fra Kultur og Fritidsudvalget", "Beslutning i Kultur og Fritidsudvalget den 3. marts 2025"])
    'Kultur og Fritidsudvalget'
    """
    if "&" in name or not _JOINED_BY_OG.fullmatch(name):
        return name
    if line.strip().rstrip(":").strip() == name or any(name in text for text in body if text != line):
        return name
    return name.split()[-1]


# A municipality's council named by its town, the indefinite form after the name, in a head line or title:
# "Herning Byråd", "Referat af ordinært møde i Herning Byråd", "Ravnby Kommunalbestyrelse", "HERNING BYRÅD".
# The town is the municipality; the council is named as everywhere else, in the definite form ("Byrådet").
# Only in the head or a running header: in the text, "… Herning Byråd …" may be a neighbour's.
_TOWN_COUNCIL = re.compile(
    rf"(?P<town>{cv.PLACE})\s+(?P<council>Byråd|Kommunalbestyrelse|BYRÅD|KOMMUNALBESTYRELSE)s?(?![\wæøåÆØÅ])")
_DEFINITE = {"byråd": "Byrådet", "kommunalbestyrelse": "Kommunalbestyrelsen"}


def town_council(text: str, towns: Collection[str] = ()) -> tuple[str | None, str] | None:
    """(municipality, council) of a head line naming the council by its town, or None. The word before
    "Byråd" is the municipality only when it is a town's name (`is_town`, or one of `towns`: those the
    document gives as "X Kommune"); "Lukket Byråd", "Temamøde Byråd" name the council, no municipality.

    >>> town_council("Herning Byråd"), town_council("Referat af ordinært møde i Herning Byråd")
    (('Herning', 'Byrådet'), ('Herning', 'Byrådet'))
    >>> town_council("RAVNBY KOMMUNALBESTYRELSE"), town_council("Mødereferat Byråd"), town_council("Referat Byråd")
    (('Ravnby', 'Kommunalbestyrelsen'), None, None)
    >>> town_council("Lukket Byråd"), town_council("Budgetseminar Byråd"), town_council("Egebæk Byråd", {"Egebæk"})
    ((None, 'Byrådet'), (None, 'Byrådet'), ('Egebæk', 'Byrådet'))
    """
    match = _TOWN_COUNCIL.search(text)
    if match is None:
        return None
    town = match.group("town")
    if cv.MINUTES_WORD.fullmatch(town) or cv.AGENDA_WORD.fullmatch(town):
        return None  # "Mødereferat Byråd": the document's kind, no town
    council = _DEFINITE[match.group("council").casefold()]
    # the place, or its last word ("Ordinært Herning": the place is two words at most)
    for name in (town, town.split()[-1]):
        name = name.title() if name.isupper() else name
        if is_town(name) or name in towns:
            return _GENITIVE_NAMES.get(name, name), council
    return None, council


# A municipality's advisory council named by the municipality, the indefinite form after its name («Vejle
# Ungdomsråd», «Referat af møde i Vejle Ældreråd», «VEJLE HANDICAPRÅD»): the name is the municipality's only
# when it is one of the 98 (`MUNICIPALITIES`): «Egebæk Landsbyråd» is a village's council, no municipality's.
_MUNICIPAL_COUNCIL = re.compile(
    r"(?<![\wæøåÆØÅ-])(?P<town>[A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)*|[A-ZÆØÅ]{2,}(?:-[A-ZÆØÅ]{2,})*)\s+"
    r"(?P<council>(?i:ungdomsråd|ældreråd|seniorråd|handicapråd|integrationsråd|børne-\s+og\s+ungeråd))s?(?![\wæøåÆØÅ])")
# A council named with its municipality after it, at a title line's end or before a separator: «Handicaprådet,
# Vejle», «Referat – Byrådet i Vejle», «Ældrerådet i Vejle – 10. marts 2025»; not «Ældrerådet i Vejle har
# udtalt», a sentence.
_COUNCIL_TOWN = re.compile(
    rf"(?<![\wæøåÆØÅ])(?P<council>{cv.COUNCIL_PATTERN})(?:,\s+|\s+(?:i|I)\s+)"
    r"(?P<town>[A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)*|[A-ZÆØÅ]{2,}(?:-[A-ZÆØÅ]{2,})*)(?=\s*(?:$|[-–—,·|:(]|\d))")


def _definite(council: str) -> str:
    """«Ungdomsråd», «HANDICAPRÅD» → «Ungdomsrådet», «Handicaprådet»: the name as used everywhere else, in
    its printed case («Børne- og Ungeråd» → «Børne- og Ungerådet», as the head prints «Børne- og Ungerådet»:
    one facet value, code review 35).

    >>> _definite("Ungdomsråd"), _definite("HANDICAPRÅD"), _definite("Børne- og  Ungeråd"), _definite("BØRNE- OG UNGERÅD")
    ('Ungdomsrådet', 'Handicaprådet', 'Børne- og Ungerådet', 'Børne- og Ungerådet')
    """
    name = " ".join(council.split())
    name = _council_name(name + ("ET" if name.isupper() else "et"))
    return name[:1].upper() + name[1:]


# What may stand before a council named beside its municipality on the document's title line: nothing, or
# the document's kind («Referat fra», «Dagsorden for», «Referat –»), its kind of meeting and «møde i»
# («Referat af ordinært møde i Vejle Ungdomsråd»). Not «Fællesmøde med», «Gæst: Formand for»: a guest's or
# a partner's council (code review 35).
# Also «Møde i …», «Referat, …», «Beslutningsreferat – …», «Referat fra temamøde i …», «Referat 3. marts 2025 –
# …», «Dagsorden og referat – …» (code review 36: the title lines the first rule missed).
_COUNCIL_TITLE_LEAD = re.compile(
    r"(?:(?i:(?:beslutnings|møde)?referat|dagsorden(?:\s+og\s+referat)?|beslutningsprotokol|protokol)"
    r"(?:\s+\d{1,2}\.\s*[a-zæøå]+\s+\d{4}|\s+\d{1,2}[.\-/]\d{1,2}[.\-/]\d{2,4})?"
    r"(?:\s+(?i:af|fra|for|til|over)|\s*[-–—:,])?\s+)?"
    r"(?:(?i:det\s+)?(?i:ordinær[et]?|ekstraordinær[et]?|konstituerende)\s+)?"
    r"(?:(?i:møde[t]?|temamøde[t]?)\s+(?i:i|for)\s+)?")
# Two councils on one line joined by «og» (not «Børne- og Ungeråd»): a joint meeting, neither the document's own
_JOINT_MEETING = re.compile(r"(?<![-–])\s+(?:og|OG|&)\s+")
_COUNCIL_WORD = re.compile(r"(?i:råd|rådet|udvalg|udvalget|bestyrelse|bestyrelsen)s?(?![\wæøåÆØÅ])")


def _title_position(text: str, start: int) -> bool:
    """Whether a council named at `start` of `text` opens the document's title line: at the start, or after
    the document's kind only; and the line names no second council joined by «og»."""
    lead = text[:start]
    if lead.strip() and not _COUNCIL_TITLE_LEAD.fullmatch(lead):
        return False
    parts = _JOINT_MEETING.split(text)
    return sum(bool(_COUNCIL_WORD.search(part)) for part in parts) < 2


def municipal_council(text: str) -> tuple[str, str] | None:
    """(municipality, council) of a head line naming a council beside its municipality's name, without
    «Kommune»: «Vejle Ungdomsråd» (the council in the definite form, as named everywhere else),
    «Handicaprådet, Vejle», «Referat – Byrådet i Vejle»; only one of the 98 municipalities' names. Only
    the document's title line (`_title_position`): «Fællesmøde med Holstebro Ældreråd», «Gæst: Formand
    for Viborg Handicapråd», «Referat fra Ældrerådet i Vejle og Handicaprådet i Fredericia» name another
    council or two (code review 35).

    >>> municipal_council("Referat af møde i Vejle Ungdomsråd"), municipal_council("VEJLE ÆLDRERÅD")
    (('Vejle', 'Ungdomsrådet'), ('Vejle', 'Ældrerådet'))
    >>> municipal_council("Handicaprådet, Vejle"), municipal_council("Referat – Byrådet i Vejle")
    (('Vejle', 'Handicaprådet'), ('Vejle', 'Byrådet'))
    >>> municipal_council("Egebæk Landsbyråd"), municipal_council("Ældrerådet i Vejle har udtalt sig")
    (None, None)
    >>> municipal_council("Fællesmøde med Holstebro Ældreråd"), municipal_council("Gæst: Formand for Viborg Handicapråd")
    (None, None)
    >>> municipal_council("Referat fra Ældrerådet i Vejle og Handicaprådet i Fredericia")
    """
    for match in _MUNICIPAL_COUNCIL.finditer(text):
        town = match.group("town").title() if match.group("town").isupper() else match.group("town")
        if _GENITIVE_NAMES.get(town, town) in MUNICIPALITIES and _title_position(text, match.start()):
            return _GENITIVE_NAMES.get(town, town), _definite(match.group("council"))
    for match in _COUNCIL_TOWN.finditer(text):
        town = match.group("town").title() if match.group("town").isupper() else match.group("town")
        if _GENITIVE_NAMES.get(town, town) in MUNICIPALITIES and _title_position(text, match.start()):
            return _GENITIVE_NAMES.get(town, town), _council_name(match.group("council"))
    return None


# Greenland's five municipalities (since 2018).
GREENLAND_MUNICIPALITIES = frozenset({"Avannaata", "Kujalleq", "Qeqertalik", "Qeqqata", "Sermersooq"})
# A town's name by its ending, for a municipality's own name not in the list (a place name's
# endings; no word of a meeting's kind has one: "Lukket", "Ekstraordinært", "Temamøde", "Åbent").
_TOWN_ENDING = re.compile(r"[a-zæøå](?:by|rup|torp|sted|lev|løse|havn|købing|borg|bjerg|holm|lund|skov|bæk|bro)$")


def is_town(name: str) -> bool:
    """Whether `name` is a municipality's town: one of Denmark's 98 or Greenland's 5 municipalities,
    or a word with a place name's ending ("Ravnby", "Egestrup").

    >>> is_town("Herning"), is_town("Københavns"), is_town("Ravnby"), is_town("Lukket"), is_town("Ekstraordinært")
    (True, True, True, False, False)
    """
    name = _GENITIVE_NAMES.get(name, name)
    return name in MUNICIPALITIES or name in GREENLAND_MUNICIPALITIES or bool(
        " " not in name and _TOWN_ENDING.search(name))


def _kommune_names(*texts: Sequence[str]) -> set[str]:
    """The names a document gives as "X Kommune" ("Egebæk Kommune", "EGEBÆK KOMMUNE"): towns."""
    names = set()
    for lines in texts:
        for text in lines:
            if "ommun" in text or "OMMUN" in text:
                names.update(_MUNICIPALITY.findall(text))
                if (head := _HEAD_MUNICIPALITY.match(text)) is not None:
                    names.add(head.group(1).title() if head.group(1).isupper() else head.group(1))
    return names - _NOT_A_NAME


# A title page's municipality in any case: "Havnsted Kommune", "HAVNSTED KOMMUNE", "LYNGBY-TAARBÆK KOMMUNE".
_HEAD_MUNICIPALITY = re.compile(
    r"^([A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)*|[A-ZÆØÅ]{2,}(?:-[A-ZÆØÅ]{2,})*) (?:(?:Regionsk|K)ommunes?|(?:REGIONS)?KOMMUNES?)\b")
# Greenland's municipalities, named in Greenlandic word order or word: "Kommune Kujalleq", "Qeqqata
# Kommunia", "Kommuneqarfik Sermersooq". A head line of its own only: the name is the place's.
_GREENLAND_MUNICIPALITY = re.compile(
    r"^(?:(?:Kommune|KOMMUNE|Kommuneqarfik|KOMMUNEQARFIK)\s+([A-ZÆØÅ][a-zæøå]+|[A-ZÆØÅ]{3,})"
    r"|([A-ZÆØÅ][a-zæøå]+|[A-ZÆØÅ]{3,})\s+(?:Kommunia|KOMMUNIA))$")
# The five regions: a regional council's minutes ("Region Midtjylland" / "Regionsrådet", Region
# Hovedstaden's page title) are the region's, named in full as a reader looks for it. Only the head or
# a running header says so: a kommune's minutes name the region they deal with.
_REGION = re.compile(r"\b(?:Region|REGION) (?:Hovedstaden|Sjælland|Syddanmark|Midtjylland|Nordjylland"
                     r"|HOVEDSTADEN|SJÆLLAND|SYDDANMARK|MIDTJYLLAND|NORDJYLLAND)\b")


# A head line naming the document's own region: with its regional council, or as the document's
# title («Referat fra Regionsrådet, Region Sjælland» was filed under the kommune its text named
# most, a code review).
_OWN_REGION_LINE = re.compile(r"(?i:\bregionsråd|^(?:møde)?referat\b|^dagsorden\b|^beslutningsprotokol\b)")


# The two municipalities whose official names are in the genitive ("Københavns Kommune"): the
# facet names the place, as a reader looks for it.
_GENITIVE_NAMES = {"Københavns": "København", "Vesthimmerlands": "Vesthimmerland", "Bornholms": "Bornholm"}


def municipality_of(head: Sequence[str], body: Sequence[str], running: Sequence[str] = ()) -> str | None:
    """The municipality a title line starts with, else the one the head names, else the one a
    running header or footer names (`running`: printed on every page, stripped from the text),
    else the one a letterhead left in the text names (`letterhead_lines`), else the one the
    text names most often (an item about a neighbour names it more than its own).

    >>> municipality_of(["HAVNSTED KOMMUNE", "REFERAT"], ["Vordingborg Kommune", "Vordingborg Kommune"])
    'Havnsted'
    >>> municipality_of(["Referat", "Byrådet i Lyngby-Taarbæk Kommune"], ["Gentofte Kommune"])
    'Lyngby-Taarbæk'
    >>> municipality_of(["KØBENHAVNS KOMMUNE"], []), municipality_of(["Referat"], ["Københavns Kommune"])
    ('København', 'København')
    >>> municipality_of(["Byrådet"], ["Kalundborg Kommune"], ["Holbæk Kommune · Byrådet · 12.03.2019"])
    'Holbæk'
    >>> municipality_of(["Bornholms Regionskommune"], []), municipality_of(["BORNHOLMS REGIONSKOMMUNE"], [])
    ('Bornholm', 'Bornholm')

    A region the head or a running header names is the document's, whatever kommuner its text names:

    >>> municipality_of(["Region Midtjylland", "Regionsrådet"], ["Skive Kommune", "Skive Kommune"])
    'Region Midtjylland'
    >>> municipality_of(["REGIONSRÅDET"], [], ["Regionsrådet 18-06-2024 - Region Hovedstaden"])
    'Region Hovedstaden'
    >>> municipality_of(["Skive Kommune"], ["Region Midtjylland", "Region Midtjylland"])
    'Skive'
    >>> municipality_of(["Sundheds- og Ældreudvalget", "Gæst: Per Ravn, Region Syddanmark, deltog under punkt 2"],
    ...                 ["Vejle Kommune har søgt.", "Vejle Kommune"])
    'Vejle'
    >>> municipality_of(["Referat fra Regionsrådet, Region Sjælland"], ["Næstved Kommune søger.", "Næstved Kommune"])
    'Region Sjælland'

    A letterhead left in the text (the name and an address, at its end or on every page) is the
    document's own, however often the text names a neighbour:

    >>> municipality_of(["Referat"], ["Lejre Kommune betaler.", "Lejre Kommune", "Roskilde Kommune · 4000 Roskilde"])
    'Roskilde'
    """
    name = _named_municipality(head, body, running)
    return _GENITIVE_NAMES.get(name, name) if name else None


def _named_municipality(head: Sequence[str], body: Sequence[str], running: Sequence[str]) -> str | None:
    towns: set[str] | None = None  # read only when a head line names a council by a word before it
    for lines in (head, running):
        for text in lines:
            match = _HEAD_MUNICIPALITY.match(text)
            if match and match.group(1).title() not in _NOT_A_NAME:
                return match.group(1) if not match.group(1).isupper() else match.group(1).title()
            greenland = _GREENLAND_MUNICIPALITY.match(text)
            if greenland and lines is head:
                name = greenland.group(1) or greenland.group(2)
                return name.title() if name.isupper() else name
            region = _REGION.match(text)
            if region:
                return region.group(0).title()
        if towns is None and any(_TOWN_COUNCIL.search(text) for text in lines):
            towns = _kommune_names(head, running, body)
        named = next((found[0] for text in lines if (found := town_council(text, towns or ())) and found[0]), None)
        if named:
            return named
        for text in lines:
            found = [(m.start(), m.group(1)) for m in _MUNICIPALITY.finditer(text) if m.group(1) not in _NOT_A_NAME]
            # A region inside a line only in a running header or page title («… - Region
            # Hovedstaden»): in a head line it is a guest's or a partner's («Gæst: Per Ravn, Region
            # Syddanmark»), and Vejle's minutes were filed under the region (a code review).
            if lines is running or _OWN_REGION_LINE.search(text):
                found += [(m.start(), m.group(0).title()) for m in _REGION.finditer(text)]
            if found:
                return min(found)[1]
        # «Vejle Ungdomsråd», «Handicaprådet, Vejle»: no «Kommune» in the head. After a «Kommune» any line
        # gives: «Handicaprådet – Silkeborg Kommune» over «Gæst: Formand for Viborg Handicapråd» (code review 35).
        named = next((found[0] for text in lines if (found := municipal_council(text))), None)
        if named:
            return named
    letterhead = Counter(name for text in letterhead_lines(body) if (name := letterhead_name(text)))
    counts = Counter(m for text in body for m in _MUNICIPALITY.findall(text) if m not in _NOT_A_NAME)
    # A municipal company's board (Svendborg Forsyning A/S): the municipality its name gives, when the
    # head names no kommune; before the text's count, where the kommuner it deals with are named. Only the
    # minutes' own company (a title line) of a board's minutes: a committee's item «Overdragelse af … til
    # Esbjerg Forsyning A/S» or «Mødested: Kolding Spildevand A/S» named no municipality (a code review).
    titles = [town for text in (*head, *running) if (town := own_company_town(text))]
    if titles and (council_of(head, body, running) or "").startswith(BOARD):
        # whatever other kommuner its items deal with («Taksterne for Faaborg-Midtfyn Kommune …» in
        # Svendborg Forsyning's minutes: code review 15)
        return titles[0]
    if letterhead:
        return letterhead.most_common(1)[0][0]
    # «Mødested: Odder Rådhus»: the head names the municipality only as its town hall's (the layouts16
    # review), ahead of the text's count: the kommuner an item deals with are partners, neighbours («en
    # samarbejdsaftale med Aarhus Kommune» in Odder's minutes, code review 40), and a meeting is held at
    # its own town hall. Only where the head says where the meeting is: its place line, or the line giving
    # its date or hour («Onsdag den 11. juni 2025 kl. 17.00 i Byrådssalen, Odder Rådhus»); a contents entry
    # «temamøde på Aabenraa Rådhus» is an item's title (code review 39: Tønder's committee went to Aabenraa).
    town_hall = next((town for text in head if (place := _meeting_place(text)) and (town := town_hall_of(place))), None)
    # A joint meeting («Fællesmøde …» as the head says, not an agenda entry) is held at one of the councils'
    # town halls, sometimes the other municipality's: there the text's own count decides when it names
    # another municipality most (code review 41: Odder's committee at Aarhus Rådhus), and the town hall
    # when it names none or the same (code review 42: a committee and its ældreråd, one town hall).
    joint = any(_JOINT_MEETING_WORD.search(text) and not _ENTRY.match(text) for text in head)
    if town_hall and joint and counts and counts.most_common(1)[0][0] != town_hall:
        return counts.most_common(1)[0][0]
    if town_hall:
        return town_hall
    if counts:
        return counts.most_common(1)[0][0]
    return None


# The label of where the meeting is held: «Mødested: Odder Rådhus», «Sted:\tKøbenhavns Rådhus», «Adresse: Odder
# Rådhus, Rådhusgade 3», after the date on a flattened line («Mødedato: 12. marts 2025  Mødested: Odder Rådhus»).
_PLACE_LABEL = re.compile(r"(?<![\wæøåÆØÅ])(?i:mødested|sted|mødelokale|lokale|adresse)\s*[:\t]")
# A head line giving the meeting's date or hour: «Onsdag den 11. juni 2025 kl. 17.00 i Byrådssalen, Odder Rådhus».
# An agenda's entry, numbered or bulleted: «2. Trafikplan – temamøde på Aabenraa Rådhus», «- Trafikplan 2030 –
# temamøde på Aabenraa Rådhus den 25. marts 2025» (code review 41) name a date, and are no date line.
_ENTRY = re.compile(r"\s*(?:\d{1,3}[.)]|(?i:pkt|punkt)\.?\s*\d|[-–•*·▪]\s)")
_JOINT_MEETING_WORD = re.compile(r"(?i:fællesmøde)")
# The meeting's date line gives its hour («… 11. juni 2025 kl. 17.00 i Byrådssalen, Odder Rådhus», «Kl. 17.00 …») or
# is labelled so («Mødedato: 11. juni 2025, Odder Rådhus», «Tidspunkt: …»): a date alone is any meeting's, the
# last one's approved («Referatet fra mødet 3. juni 2025 på Aarhus Rådhus blev godkendt.»), a contents entry's
# («Trafikplan 2030 – temamøde på Aabenraa Rådhus den 25. marts 2025....3»: code review 43).
_DATE_LINE = re.compile(r"(?<![\wæøåÆØÅ])(?i:kl)\.?\s*\d{1,2}[.:]\d{2}|\d{1,2}:\d{2}"
                        r"|^\s*(?i:mødedato|dato|tidspunkt|tid|møde|mødetid)\s*:")
# Another meeting than this: «Næste møde: 2. september 2025 på Aabenraa Rådhus», «Forrige møde …».
_OTHER_MEETING = re.compile(r"(?i)\s*(?:næste|forrige|sidste|kommende)\s+møde")


def _meeting_place(text: str) -> str | None:
    """The part of a head line telling where the meeting is held: after its place label, or a line giving
    the meeting's hour or labelled as its date whole (`_DATE_LINE`); None for any other line: another
    meeting's, a numbered or bulleted entry, a line with a date alone.

    >>> _meeting_place("Næste møde: 2. september 2025 kl. 15.00 på Aabenraa Rådhus")
    >>> _meeting_place("Mødested: Odder Rådhus"), _meeting_place("Onsdag den 11. juni 2025 kl. 17.00, Odder Rådhus")
    (' Odder Rådhus', 'Onsdag den 11. juni 2025 kl. 17.00, Odder Rådhus')
    >>> _meeting_place("2. Trafikplan – temamøde på Aabenraa Rådhus 4. marts 2025"), _meeting_place("Odder Rådhus")
    (None, None)
    >>> _meeting_place("- Trafikplan 2030 – temamøde på Aabenraa Rådhus den 25. marts 2025")
    """
    if _OTHER_MEETING.match(text):  # «Næste møde: … på Aabenraa Rådhus», «Næste mødested: …»
        return None
    if place := _PLACE_LABEL.search(text):
        return text[place.end():]
    return text if _DATE_LINE.search(text) and not _ENTRY.match(text) else None


# A municipality's town hall named by its town: «Odder Rådhus», «Københavns Rådhus», «ODDER RÅDHUS».
_TOWN_HALL = re.compile(r"(?<![\wæøåÆØÅ-])(?P<town>[A-ZÆØÅ][\wæøåÆØÅ]*(?:-[A-ZÆØÅ][\wæøåÆØÅ]*)*)\s+(?:Rådhus|RÅDHUS)"
                        r"(?![\wæøåÆØÅ])")


def town_hall_of(text: str) -> str | None:
    """The municipality whose town hall `text` names, if the town is one of the 98 municipalities' names
    (a «Ravnby Rådhus» gives none: a word's ending is no evidence here, where no «Kommune» or council says so).

    >>> town_hall_of("Mødested: Odder Rådhus, mødelokale 1"), town_hall_of("Sted: Københavns Rådhus")
    ('Odder', 'København')
    >>> town_hall_of("Mødested: Rådhuset, Odder"), town_hall_of("Ravnby Rådhus"), town_hall_of("Gamle Rådhus")
    (None, None, None)
    """
    for match in _TOWN_HALL.finditer(text):
        town = match.group("town")
        town = town.title() if town.isupper() else town
        town = _GENITIVE_NAMES.get(town, town)
        if town in MUNICIPALITIES:
            return town
    return None


# A letterhead or page footer: the municipality's name, then its address ("Roskilde Kommune ·
# Rådhusbuen 1 · 4000 Roskilde · www.roskilde.dk"): a postcode and town, a web or mail address, a phone.
_ADDRESS_MARK = re.compile(r"(?:^|[\s,·•|])\d{4}\s+[A-ZÆØÅ][a-zæøå]|\bwww\.|\S@\S+\.dk\b|\b(?i:tlf|telefon)\.?\s*:?\s*\+?\d")
_LETTERHEAD_REACH = 3  # the last lines of a text, where a letter's footer stands


def letterhead_lines(body: Sequence[str]) -> list[str]:
    """The lines that can be the document's own letterhead: its last few lines (a footer the
    cleaner left at the end), and any line printed more than once (a footer on every page)."""
    lines = [" ".join(t.split()) for t in body if t.strip()]
    repeated = [t for t, n in Counter(lines).items() if n > 1]
    return [*lines[-_LETTERHEAD_REACH:], *repeated]


def letterhead_name(text: str) -> str | None:
    """The municipality a letterhead line opens with, if it is one: the name, then an address.

    >>> letterhead_name("Roskilde Kommune · Rådhusbuen 1 · 4000 Roskilde · www.roskilde.dk")
    'Roskilde'
    >>> letterhead_name("Lejre Kommune har foreslået en fælles busrute."), letterhead_name("Jf. Lejre Kommune, 4320 Lejre")
    (None, None)
    """
    match = _MUNICIPALITY.match(text)
    if match is None or match.group(1) in _NOT_A_NAME or not _ADDRESS_MARK.search(text, match.end()):
        return None
    return match.group(1)


_AUTHOR = re.compile(r"(?i:(?:års)?beretning|redegørelse|status)\s+fra\s+(?=\S)")
_REPORT_WORD = re.compile(r"(?i:beretning|redegørelse|årsrapport)")
_ADDRESSEE = re.compile(r"^(?:Til|TIL)\s")


def council_of(head: Sequence[str], body: Sequence[str], running: Sequence[str] = ()) -> str | None:
    """The council a head line names first, else the one a running header or footer names,
    else a company's board (`BOARD`), else the one the text names most often, in the casing of a
    name ('INTEGRATIONSRÅDET' → 'Integrationsrådet').

    >>> council_of(["Vestforsyning A/S", "Referat af bestyrelsesmøde"], ["Holstebro Kommunalbestyrelse"])
    'Bestyrelsen for Vestforsyning A/S'
    >>> council_of(["Referat af bestyrelsesmøde", "Skolebestyrelsen ved Ravnby Skole"], [])
    'Skolebestyrelsen'
    """
    # A report written as a letter: its addressee («Til Byrådet i Favrskov Kommune») is not who wrote it;
    # the title naming its author («Redegørelse fra Handicaprådet for 2024») is (a news review). Only
    # for a report's title: an agenda's «Til Byrådet» is its council, and «2. Høringssvar fra
    # Ældrerådet» in a contents list is an item's (code review 18).
    for text in head:
        if (author := _AUTHOR.match(text)) and (match := _COUNCIL.match(text, author.end())):
            return _council_name(match.group(1))
    report = any(_REPORT_WORD.search(text) and not _ITEM_LINE.match(text) for text in head)
    for text in (*head, *running):
        if report and _ADDRESSEE.match(text):
            continue
        match = _COUNCIL.search(text)
        named = town_council(text)
        if named and (match is None or match.start(1) >= _TOWN_COUNCIL.search(text).start("council")):
            return named[1]  # "Herning Byråd": Byrådet (not a council the line names before it)
        local = _MUNICIPAL_COUNCIL.search(text) if match else None
        if local and match.start(1) >= local.start("council"):
            return _definite(local.group("council"))  # "Vejle Ungdomsråd", "Lukket Ungdomsråd": Ungdomsrådet
        if match:
            return _council_name(_joint_name(match.group(1), text, body))
    # Only when no head line names a council ("Skolebestyrelsen" is a school's board), and before the
    # text's count: a company's minutes name the kommune's council they report to. A title line only: an
    # item «2. Orientering fra bestyrelsesmøde i Egebæk Boligselskab» is another board's (a code review),
    # and the council the text names is the document's.
    if any(is_board_title(text) for text in (*head, *running)):
        # named by its company where the head names it («Bestyrelsen for Svendborg Forsyning A/S»): a
        # region's many boards were one facet value and cited as the kommune's (a news review)
        company = next((name for text in (*head, *running) if (name := own_company(text))), None)
        return f"{BOARD} for {company}" if company else BOARD
    named: dict[str, str] = {}  # each joint name looked up in the body once: a report may name it on every page

    def as_named(name: str) -> str:
        if " og " not in name.casefold():
            return name
        if name not in named:  # the text's own line is one of the two it must name it on
            named[name] = name if sum(name in text for text in body) >= 2 else _joint_name(name, "", ())
        return named[name]
    # a body recommending to the council («Magistraten indstiller …») is not the document's (code review 34)
    counts = Counter(_council_name(as_named(m)) for text in body for m in _COUNCIL.findall(text)
                     if m.casefold() not in cv.RECOMMENDING_BODIES)
    return counts.most_common(1)[0][0] if counts else None


# A company's board (a fælleskommunalt selskab, a forsyning) names itself only as "Bestyrelsen":
# its minutes are headed «Bestyrelsesmøde», «Referat af bestyrelsesmøde», «Bestyrelsens møde» or
# «Bestyrelsen for Vestforsyning A/S». A word of its own: "Skolebestyrelsesmøde" is a school's board.
BOARD = "Bestyrelsen"
# The meeting named as a title: alone, after the document's kind («Referat af/fra», «Dagsorden til») or
# its kind of meeting («Ordinært»), or after the company's name and a separator («… A/S / Referat af
# bestyrelsesmøde»). Not inside an item's title («Orientering fra bestyrelsesmøde i …»).
_BOARD_WORD = r"(?i:bestyrelsesmøde[tr]?|bestyrelsens\s+møde)(?![\wæøåÆØÅ])"
# «Referat – Bestyrelsesmøde», «Referat: Bestyrelsesmøde» too (code review 15)
_TITLE_LEAD = (r"(?i:(?:(?:møde)?referat|dagsorden|beslutningsprotokol|protokol)(?:\s+(?:af|fra|for|til|over)|\s*[-–—:])?\s+)?"
               r"(?i:(?:det\s+)?(?:ordinær[et]?|ekstraordinær[et]?|konstituerende|årlige?)\s+)?")
_COMPANY_FORM = r"(?:A/S|I/S|ApS|P/S|A\.m\.b\.A\.|a\.m\.b\.a\.)"
_BOARD_MEETING = re.compile(
    rf"^(?:.*?{_COMPANY_FORM}\s*[-–—/|·:,]\s*)?{_TITLE_LEAD}{_BOARD_WORD}"
    r"|^(?:Bestyrelsen|BESTYRELSEN)(?:\s+(?:for|i|FOR|I)\s+\S.*)?:?$")
# An item's line («2. …», «§ 3 …», «Pkt. 4 …», «Ad 1. …») or a sentence is no title.
_ITEM_LINE = re.compile(r"^\s*(?:[•·\-–*]\s*)?(?:\d|§|(?i:pkt\b|punkt\b|ad\s+\d))")
_SENTENCE_END = re.compile(r"[a-zæøå][.!?]$")  # not a date's «2025.»


def is_board_title(text: str) -> bool:
    """Whether a head line is a company's board meeting's title.

    >>> [is_board_title(t) for t in ("Referat af bestyrelsesmøde", "BESTYRELSESMØDE", "Bestyrelsen for Vestforsyning A/S",
    ...  "Svendborg Forsyning A/S / Referat af bestyrelsesmøde", "Referat fra bestyrelsens møde 12. marts 2025",
    ...  "Referat – Bestyrelsesmøde", "Referat: Bestyrelsesmøde")]
    [True, True, True, True, True, True, True]
    >>> [is_board_title(t) for t in ("2. Orientering fra bestyrelsesmøde i Egebæk Boligselskab",
    ...  "Orientering fra bestyrelsesmøde i Egebæk Boligselskab", "Bestyrelsen i Egebæk Boligselskab har solgt.",
    ...  "Skolebestyrelsesmøde")]
    [False, False, False, False]
    """
    text = text.strip()
    if not text or _ITEM_LINE.match(text) or _SENTENCE_END.search(text) and len(text.split()) > 3:
        return False
    return _BOARD_MEETING.match(text) is not None


# The company named as the minutes' own: a title line of its name alone (a CVR number may follow),
# «Bestyrelsen for …», «Referat af bestyrelsesmøde i …», or the name before the meeting's title.
_OWN_COMPANY = re.compile(
    rf"^(?:(?i:bestyrelsen)\s+(?i:for|i)\s+|{_TITLE_LEAD}{_BOARD_WORD}\s+(?i:for|i|hos)\s+)?"
    rf"(?P<company>[^,:;]*?{_COMPANY_FORM})(?![\w/])"
    rf"\s*(?:$|(?i:cvr)|[-–—/|·:,]\s*{_TITLE_LEAD}{_BOARD_WORD}|\d)")


def own_company(text: str) -> str | None:
    """The name of the company a head line names as the minutes' own, if it does.

    >>> own_company("Bestyrelsen for Vestforsyning A/S"), own_company("Svendborg Forsyning A/S / Referat af bestyrelsesmøde")
    ('Vestforsyning A/S', 'Svendborg Forsyning A/S')
    >>> own_company("2. Overdragelse af regnvandsledninger til Esbjerg Forsyning A/S")
    """
    text = text.strip()
    if "/S" not in text and "a.m.b.a." not in text.casefold() and "ApS" not in text or _ITEM_LINE.match(text):
        return None
    match = _OWN_COMPANY.match(text)
    name = " ".join(match.group("company").split()) if match else None
    return name if name and _COMPANY.fullmatch(name) else None


def own_company_town(text: str) -> str | None:
    """The municipality of the company a head line names as the minutes' own (`company_town`), if it does.

    >>> own_company_town("Bestyrelsen for Svendborg Forsyning A/S"), own_company_town("Aarhus Vand A/S")
    ('Svendborg', 'Aarhus')
    >>> own_company_town("Svendborg Forsyning A/S / Referat af bestyrelsesmøde")
    'Svendborg'
    >>> own_company_town("2. Overdragelse af regnvandsledninger til Esbjerg Forsyning A/S")
    >>> own_company_town("Mødested: Kolding Spildevand A/S, Havnevej 4")
    >>> own_company_town("Overdragelse af ledninger til Esbjerg Forsyning A/S")
    """
    text = text.strip()
    if "/S" not in text and "a.m.b.a." not in text.casefold() and "ApS" not in text or _ITEM_LINE.match(text):
        return None
    match = _OWN_COMPANY.match(text)
    if match is None:
        return None
    # the company's name itself: capitalised words only («Overdragelse af … til Esbjerg Forsyning A/S» is a title)
    name = match.group("company")
    found = _COMPANY.fullmatch(name)
    return company_town(name) if found else None

# The 98 municipalities (fixed by law since 2007): a company's name gives its owner's only when its
# first word is one ("Svendborg Forsyning A/S", "Aarhus Vand A/S"; not "Vestforsyning A/S", "Biogas Fyn ApS").
MUNICIPALITIES = frozenset("""
Albertslund Allerød Assens Ballerup Billund Bornholm Brøndby Brønderslev Dragør Egedal Esbjerg Fanø Favrskov Faxe
Fredensborg Fredericia Frederiksberg Frederikshavn Frederikssund Furesø Faaborg-Midtfyn Gentofte Gladsaxe Glostrup
Greve Gribskov Guldborgsund Haderslev Halsnæs Hedensted Helsingør Herlev Herning Hillerød Hjørring Holbæk Holstebro
Horsens Hvidovre Høje-Taastrup Hørsholm Ikast-Brande Ishøj Jammerbugt Kalundborg Kerteminde Kolding København Køge
Langeland Lejre Lemvig Lolland Lyngby-Taarbæk Læsø Mariagerfjord Middelfart Morsø Norddjurs Nordfyns Nyborg Næstved
Odder Odense Odsherred Randers Rebild Ringkøbing-Skjern Ringsted Roskilde Rudersdal Rødovre Samsø Silkeborg
Skanderborg Skive Slagelse Solrød Sorø Stevns Struer Svendborg Syddjurs Sønderborg Thisted Tønder Tårnby Vallensbæk
Varde Vejen Vejle Vesthimmerland Viborg Vordingborg Ærø Aabenraa Aalborg Aarhus
""".split())
# A company's name: capitalised words (and "og", "&") before its legal form.
_COMPANY = re.compile(r"((?:[A-ZÆØÅ][\wæøåÆØÅ-]*\s+(?:(?:og|&)\s+)?)+)(?:A/S|I/S|ApS|P/S|A\.m\.b\.A\.|a\.m\.b\.a\.)(?![\w/])")
_TITLE_WORDS = {"Referat", "Dagsorden", "Bestyrelsen", "Bestyrelsesmøde", "Møde", "Mødet"}


def company_town(text: str) -> str | None:
    """The municipality a company's name opens with, if it is one: the town the company is named
    after (and owned by), never a guess from a town that is no municipality.

    >>> company_town("Svendborg Forsyning A/S"), company_town("Bestyrelsen for AARHUS VAND A/S")
    ('Svendborg', 'Aarhus')
    >>> company_town("Vestforsyning A/S"), company_town("Biogas Fyn ApS"), company_town("Svendborg")
    (None, None, None)
    >>> company_town("Bornholms Energi & Forsyning A/S")
    'Bornholm'
    """
    if not any(form in text for form in ("/S", "ApS", "a.m.b.a.", "A.m.b.A.")):
        return None  # no company: a long line of capitalised words is not scanned
    for match in _COMPANY.finditer(text):
        words = [w for w in match.group(1).split() if w not in _TITLE_WORDS]
        if not words:
            continue
        word = words[0].title() if words[0].isupper() else words[0]
        word = _GENITIVE_NAMES.get(word, word)
        if word in MUNICIPALITIES:
            return word
    return None


def _council_name(name: str) -> str:
    """'INTEGRATIONSRÅDET' → 'Integrationsrådet'; 'BESKÆFTIGELSES- OG INTEGRATIONSUDVALGET' likewise.

    >>> _council_name("LOKALUDVALGET FOR BISPEBJERG"), _council_name("Amager Øst Lokaludvalg")
    ('Lokaludvalget for Bispebjerg', 'Amager Øst Lokaludvalg')
    """
    if name.isupper():
        parts = name.lower().split()
        # "og", and "for"/"i" in a local council's name ("LOKALUDVALGET FOR BISPEBJERG"), stay in lower case
        name = " ".join(p if p in ("og", "for", "i") else p[:1].upper() + p[1:] for p in parts)
    return name


def same_council(header: str, council: str) -> bool:
    """Whether a decision header names this document's council, in full or by its initials.

    >>> [same_council(h, "Byrådet") for h in ("Beslutning i Byrådet den 29-01-2019", "BR, 29.01.2019", "ØU, 16.01.2019")]
    [True, True, False]
    >>> same_council("BIU's møde den 13. marts 2012:", "Beskæftigelses- og Integrationsudvalget")
    True

    Printed with or without the hyphen of a shared ending, in the indefinite form (code review 37):

    >>> same_council("Beslutning i Teknik- og Miljøudvalget den 12-05-2025", "Teknik og Miljøudvalget")
    True
    >>> same_council("Beslutning i Byråd den 20-03-2025", "Byrådet"), same_council("Beslutning i Økonomiudvalg den 20-03-2025", "Byrådet")
    (True, False)
    """
    found = cv.decision_header(header)
    if found is None or not found.council:
        return True  # nothing to tell them apart by
    name = found.council
    if _council_key(name) == _council_key(council):
        return True
    if _council_key(council).startswith(_council_key(name.removesuffix("s")) + " for "):  # «Bestyrelsen» of «Bestyrelsen for X A/S»
        return True
    return name.isupper() and len(name) <= 5 and name == _initials(council)


# A council's name ending in its indefinite form («Byråd», «Økonomiudvalg», «Kommunalbestyrelse»)
_INDEFINITE_END = re.compile(r"(?<=[^\W\d_])(råd|udvalg|bestyrelse)$")
_DEFINITE_ENDING = {"råd": "et", "udvalg": "et", "bestyrelse": "n"}


def _council_key(name: str) -> str:
    """A council's name as compared: case folded, its parts joined alike («Teknik- og Miljøudvalget»,
    «Teknik og Miljøudvalget»: `_PARTS`), in the definite form («Byråd» → «byrådet»).

    >>> _council_key("Teknik- og Miljøudvalget"), _council_key("BYRÅD"), _council_key("Kommunalbestyrelse")
    ('teknik og miljøudvalget', 'byrådet', 'kommunalbestyrelsen')
    """
    key = " og ".join(part for part in _PARTS.split(" ".join(name.split()).casefold()) if part)
    return _INDEFINITE_END.sub(lambda m: m.group(1) + _DEFINITE_ENDING[m.group(1)], key)


# "Beskæftigelses- og Integrationsudvalget", "Teknik & Byggeudvalget" (Esbjerg), "Klima, Natur og Miljøudvalget"
_PARTS = re.compile(r"-,?\s+(?:og\s+)?|\s+(?:og|&)\s+|,\s+", re.IGNORECASE)
_COUNCIL_END = re.compile(r"(udvalget|udvalg|rådet|råd|bestyrelsen|bestyrelse|repræsentationen|magistraten)$", re.IGNORECASE)


def _initials(council: str) -> str:
    """'Økonomiudvalget' → 'ØU', 'Byrådet' → 'BR', 'Beskæftigelses- og Integrationsudvalget' → 'BIU'.

    >>> _initials("Teknik & Byggeudvalget"), _initials("Kultur og Fritidsudvalget"), _initials("Klima, Natur og Miljøudvalget")
    ('TBU', 'KFU', 'KNMU')
    """
    parts = [p for p in _PARTS.split(council) if p]
    letters = [p[0].upper() for p in parts]
    end = _COUNCIL_END.search(parts[-1]) if parts else None
    if end and end.start() > 0:
        letters.append(end.group(1)[0].upper())
    return "".join(letters)
