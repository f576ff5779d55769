"""What a document's head says about its meeting: the labelled fields (date, place, who attended,
who sent apologies), the meeting's date, and a place printed without a label.

The head is the front matter above the first item. A document without items has none: its
opening lines (`opening_lines`: title, labelled meeting lines) stand for one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date

from indexer import conventions as cv
from indexer.dates import find_dates, parse_date, parse_labelled_date, year_completed_date
from indexer.doctype import TITLE_LINES, title_lines
from indexer.models import DECISION, Item, Line
from indexer.normalise import field_dashes

_DATE_LABEL = re.compile(r"^(Mødedato|Dato|Mødedag|Mødetidspunkt|STARTTIDSPUNKT|Tidspunkt|Tid)\b", re.IGNORECASE)
_PLACE_LABELS = ("Mødested", "Sted", "Lokale", "Mødelokale", "STED")
# «Mødt: Helle Gade (A), …» (Silkeborg, the layouts18 review), as `cv.is_attendance` reads it too.
_PRESENT_LABELS = ("Medlemmer", "Mødedeltagere", "Deltagere", "Til stede", "Tilstede", "Fremmødte", "Fremmødt",
                   "Mødt", "Mødt op")
# Who else the front page names at the meeting: staff and the minute-taker, no members (`present` is
# the members), kept so that their names can be searched.
# "Desuden deltog: Kommunaldirektør Mads Holm": who else attended, after the members, is staff too.
_STAFF_LABELS = ("Administrationen", "Fra administrationen", "Fra forvaltningen", "Referent", "Øvrige deltagere",
                 "Fra administrationen deltog", "Fra forvaltningen deltog",
                 # a council of citizens names the municipality's staff so (Skive's landdistriktsråd, a review)
                 "Fra kommunen", "Fra kommunen deltog", "Ref.", "Ref", "Desuden deltog", "Endvidere deltog",
                 "Herudover deltog", "Derudover deltog", "Yderligere deltog",
                 # A company board's management: staff, no members ("Fra direktionen: Adm. direktør …")
                 "Fra direktionen", "Fra direktionen deltog", "Direktionen", "Direktion")
# Labels read only with a colon: "Direktionen indstiller, at …" is a sentence, no list of staff; nor is
# «Mødt kl. 16.00» or «Fremmødt var 40 borgere» a list of members.
_COLON_ONLY = ("Direktionen", "Direktion", "Mødt", "Mødt op", "Fremmødt")
_OTHER_HEAD_LABELS = (
    "Mødedato", "Tid", "Mødetid", "Mødetidspunkt", "Dato", "Tidspunkt",
    "Indhold", "Indholdsfortegnelse", "UDVALG", "MØDE", "STARTTIDSPUNKT", "SLUTTIDSPUNKT",
) + _PLACE_LABELS
# Lists of names: a value goes on over the lines that follow its label.
_NAME_LISTS = ("present", "absent", "substitute", "staff")
# Several labels fill these (Administrationen, then Referent; Afbud, then Fraværende): their values
# are joined, not the first kept. Those present are the first list's: "Medlemmer" names them all.
_JOINED = ("absent", "substitute", "staff")
# Roles printed before or after a member's name ("Overborgmester Lene Dahl", "Ib Holm, formand").
# Compounds of these are roles by their last part (`_ROLE_COMPOUND`): "regionsrådsformand", "byrådsmedlem".
_ROLE_WORDS = {
    "formand", "næstformand", "forperson", "næstforperson", "forkvinde", "næstforkvinde", "sekretær", "referent",
    "borgmester", "overborgmester", "viceborgmester", "1. viceborgmester", "2. viceborgmester",
    "rådmand", "rådkvinde", "udvalgsformand", "rådsformand", "suppleant", "stedfortræder",
    # A company board's members ("Bestyrelsesformand Jens Kristian Yde", "Lone Vestergaard, medarbejdervalgt")
    "bestyrelsesformand", "bestyrelsesnæstformand", "bestyrelsesmedlem", "medarbejderrepræsentant",
    "medarbejdervalgt", "medarbejdervalgt bestyrelsesmedlem",
}
# Staff's job titles printed before a name ("Kommunaldirektør Mads Holm", "økonomichef Rikke Storm"), as a
# case handler's field prints them too.
_JOB_TITLE = cv.JOB_TITLE


# A role is a word ending in a role's word: "regionsrådsformand", "udvalgsnæstforperson", "byrådsmedlem",
# "kommunalbestyrelsesmedlem", "viceborgmester" (the layouts11 review: «Heino Knudsen (A), regionsrådsformand»
# took the next line's member as the rest of his name). No Danish name ends so.
_ROLE_COMPOUND = re.compile(
    r"(?i)^(?:\d\.\s*)?[\wæøå-]*(?:formand|forperson|forkvinde|borgmester|rådmand|rådkvinde|medlem|suppleant"
    r"|stedfortræder|sekretær|referent|repræsentant)$")


def _is_role(word: str) -> bool:
    """Whether `word` is a member's role or a staff member's job title, no name.

    >>> [_is_role(w) for w in ("regionsrådsformand", "Byrådsmedlem", "2. næstformand", "næstforperson", "Holm")]
    [True, True, True, True, False]
    """
    return (word.lower() in _ROLE_WORDS or bool(_JOB_TITLE.match(word))
            or bool(_ROLE_COMPOUND.match(" ".join(word.split()))))


def head_fields(head: Sequence[str]) -> dict[str, str]:
    """Labelled values of the front matter: place, present, absent, date, substitute (who sat in
    for a member), staff (administration, minute-taker).

    Handles `Label: value`, `Label value`, a value continued on following lines up to a blank
    line (or the next label), several labels on one line (`label_parts`), and the label-block
    form PDF tab stops produce (labels first, then the values in the same order).

    >>> head_fields(["Afbud: Jens Pilgaard", "Fraværende: Kirsten Holm", "", "INDHOLDSFORTEGNELSE"])
    {'absent': 'Jens Pilgaard, Kirsten Holm'}
    >>> head_fields(["Fraværende: Bo Hjort (V). Stedfortræder: Anne Winge (V)"])
    {'absent': 'Bo Hjort (V)', 'substitute': 'Anne Winge (V)'}
    >>> head_fields(["Til stede: Ib Holm, Bo Hjort", "Bo Hjort og Per Lund var fraværende."])
    {'present': 'Ib Holm, Bo Hjort', 'absent': 'Bo Hjort og Per Lund'}
    """
    out: dict[str, str] = {}
    head = _without_attendance_table(head, out)
    pending: list[str] = []
    current: str | None = None
    for text in [part for line in head for part in label_parts(line)] + [""]:
        label, value = _head_label(text)
        other = _OTHER_LABEL.match(text) if label is None else None
        if other and other.group("label").casefold() in _ROLE_WORDS:
            text, other = f"{other.group('label')} {text[other.end():].strip()}".strip(), None  # "Formand: Jens Hansen"
        if other:
            current = None  # "Fra forvaltningen:", "Gæster:": who else attended is no member's name
            continue
        away, sitting_in = cv.item_attendance(text) if label is None and text else ("", "")
        if away or sitting_in:  # "Martin Bech og Niels Salling var fraværende.": a sentence, no label
            for kind, names in (("absent", away), ("substitute", sitting_in)):
                if names:
                    _put(out, kind, names)
            current = None
            continue
        if label is not None:
            current = None
            kind = _label_kind(label)
            if value:
                if kind == "place" and _names_the_room(label, text):
                    value = text  # "Mødelokale 3, Rådhuset": the label word is part of the name
                if kind == "present" and out.get(kind) and _council_members(text):
                    out[kind] = f"{out[kind]}, {value}"  # the next council's members at a joint meeting
                    current = kind
                elif label == "Med":  # «Sofie fra kommunen tog referat» among them is staff
                    members, staff = _members_and_staff(value)
                    for which, names in (("present", members), ("staff", staff)):
                        if names:
                            _put(out, which, names)
                    current = "present"
                elif kind:
                    _put(out, kind, value)
                    current = kind
            elif kind == "present" and _council_members(text):
                pending.append(_MORE_MEMBERS)
            elif kind or label in _OTHER_HEAD_LABELS:
                pending.append(kind or "")
            continue
        if not text:
            if current and current in _NAME_LISTS and out.get(current, "").endswith(","):
                continue
            current = None
            continue
        if pending:
            kind = pending.pop(0)
            if kind == _MORE_MEMBERS:
                kind = "present"
                out[kind] = f"{out[kind]}, {text}" if out.get(kind) else text
                current = kind
            elif kind:
                _put(out, kind, text)
                current = kind if kind in _NAME_LISTS else None
            continue
        if _ends_name_list(text):
            current = None  # «Mødet hævet kl. 21.35» under «Fraværende: Laura Lindahl (B)»: no member (layouts17 review)
            continue
        if current in _NAME_LISTS:
            out[current] = out[current] + _list_joiner(out[current]) + text
    return out


# A sentence about the meeting itself: «Mødet hævet kl. 21.35», «Mødet startede kl. 19.00». No member is named «Mødet».
_MEETING_SENTENCE = re.compile(r"^(?:Mødet|MØDET)\s")


def _ends_name_list(text: str) -> bool:
    """Whether a line under a list of names is no name but what follows such a list in a meeting's head:
    the meeting's start or end (`cv.is_attendance`: «Mødet hævet kl. 21.35», «Mødet sluttede kl. 21.15»),
    who took the minutes or when the council meets next (`cv.is_closing_line`: «Referent: …», «Næste
    møde: …»), the signatures' heading (`cv.CLOSING`: «Underskrifter»).

    >>> [_ends_name_list(t) for t in ("Mødet hævet kl. 21.35", "Mødet blev afsluttet kl. 18.10", "Underskrifter:",
    ...                               "Næste møde: 12. marts 2025", "Laura Lindahl (B)")]
    [True, True, True, True, False]
    """
    return bool(_MEETING_SENTENCE.match(text) or cv.is_attendance(text) or cv.is_closing_line(text)
                or cv.CLOSING.match(text))


# The column names of an attendance table's header row ("Navn | Parti | Til stede | Bemærkning"): no member.
_COLUMN_NAMES = ("navn", "parti", "til stede", "tilstede", "fremmødt", "mødt", "deltog", "bemærkning",
                 "bemærkninger", "funktion", "rolle", "afbud", "fraværende", "fravær", "stedfortræder", "medlem")
_COLUMN_ROW = re.compile(r"(?i)^navn(?:\s*[|\t]?\s*(?:%s))*\s*\|?$" % "|".join(re.escape(c) for c in _COLUMN_NAMES))
_PRESENCE = re.compile(r"^(?:ja|nej|x|-)$", re.IGNORECASE)
# A row read as one line: "Jens Ulrik Holm A Ja Borgmester" (name, party letters, present or not, a note)
_TABLE_ROW = re.compile(r"^(?P<name>[A-ZÆØÅ][^|\t]*?)\s*(?:[|\t]\s*|\s+)(?:(?P<party>[A-ZÆØÅ]{1,3})\s*[|\t]?\s*)?"
                        r"(?P<here>[Jj]a|[Nn]ej)\b")


def _without_attendance_table(head: Sequence[str], out: dict[str, str]) -> list[str]:
    """The head without an attendance table and the label above it ("Deltagere" / "Navn | Parti | Til
    stede | Bemærkning" / one row a member): its members put in `out` as present or absent (a PDF review:
    the header row's "Navn" was taken for the only member). The table comes as rows, each on a line,
    or as columns (a PDF's cells one under another): "Navn", the names, "Parti", …, "Til stede", "Ja", …"""
    lines = list(head)
    start = next((k for k, text in enumerate(lines) if _COLUMN_ROW.match(text.strip())), None)
    if start is None:
        return lines
    cells = [c for c in re.split(r"\s*[|\t]\s*|\s+(?=(?i:%s)\b)" % "|".join(re.escape(c) for c in _COLUMN_NAMES),
                                 lines[start].strip().strip("|")) if c]
    present: list[str] = []
    absent: list[str] = []
    used = {start}
    if len(cells) > 1:  # a row a line
        k = start + 1
        while k < len(lines) and lines[k].strip() and (row := _TABLE_ROW.match(lines[k].strip())):
            (present if row.group("here").lower() == "ja" else absent).append(row.group("name").strip())
            used.add(k)
            k += 1
    else:  # a column a paragraph: the names down to the next column's name, then the other columns
        texts = [(k, lines[k].strip()) for k in range(start + 1, len(lines)) if lines[k].strip()]
        names = []
        for k, text in texts:
            if text.casefold() in _COLUMN_NAMES or not text[:1].isupper():
                break
            names.append((k, text))
        if not names:
            return lines
        # The other columns, their names together above their values or each above its own: the values
        # fill the columns in the order their names came, as many as there are names each.
        columns: list[tuple[str, list[tuple[int, str]]]] = []
        n = len(names)
        for k, text in texts[len(names):]:
            if text.casefold() in _COLUMN_NAMES:
                columns.append((text.casefold(), []))
                used.add(k)
                continue
            column = next((c for c in columns if len(c[1]) < n), None)
            if column is None or ":" in text:
                break
            column[1].append((k, text))
            used.add(k)
        values = next((v for name, v in columns if name in ("til stede", "tilstede", "fremmødt", "mødt", "deltog")),
                      [])
        if len(values) == n and all(_PRESENCE.match(v) for _, v in values):
            for (_, name), (_, value) in zip(names, values):
                (absent if value.lower() == "nej" else present).append(name)
        else:
            present = [name for _, name in names]
        used.update(k for k, _ in names)
    if not present and not absent:
        return lines
    above = next((k for k in range(start - 1, -1, -1) if lines[k].strip()), None)
    if above is not None and _head_label(lines[above].strip())[0] in _PRESENT_LABELS and not _head_label(
            lines[above].strip())[1]:
        used.add(above)  # "Deltagere" over the table
    if present:
        _put(out, "present", ", ".join(present))
    if absent:
        _put(out, "absent", ", ".join(absent))
    return ["" if k in used else text for k, text in enumerate(lines)]


def _put(out: dict[str, str], kind: str, value: str) -> None:
    """A labelled value: the first of its kind, or joined to those before (`_JOINED`)."""
    if kind in _JOINED and out.get(kind):
        out[kind] = f"{out[kind]}, {value}"
    else:
        out.setdefault(kind, value)


# A second label inside a line: after a sentence's or a list's end, a tab or a wide gap, a head
# label and its colon ("Fraværende: Bo Hjort (V). Stedfortræder: Anne Winge (V)"); or after a
# separator mark a web page prints between facts («Dato: … · Sted: … | Fraværende: …», html5 review).
_INNER_LABEL = re.compile(
    r"(?:(?<=[.;,])\s+|\t+|\s*[·•|]\s*|\s{2,})(?=(?:%s)\s*:)"
    % "|".join(re.escape(label) for label in sorted(
        (*_PRESENT_LABELS, *cv.ABSENT_LABELS, *cv.SUBSTITUTE_LABELS, *_STAFF_LABELS, *_OTHER_HEAD_LABELS),
        key=len, reverse=True)))


def label_parts(text: str) -> list[str]:
    """A line split where a second label starts, each part without the mark that ended the one
    before it: one field a part.

    >>> label_parts("Fraværende: Bo Hjort (V). Stedfortræder: Anne Winge (V)")
    ['Fraværende: Bo Hjort (V)', 'Stedfortræder: Anne Winge (V)']
    >>> label_parts("Dato: 25-11-2021\tSted: Rådhuset"), label_parts("Til stede: Ib Holm. Mødet sluttede kl. 18.")
    (['Dato: 25-11-2021', 'Sted: Rådhuset'], ['Til stede: Ib Holm. Mødet sluttede kl. 18.'])

    A row of labels without values ("Mødedato:\tMødested:", values on the next line) stays one line.
    """
    parts: list[str] = []
    start = 0
    for gap in _INNER_LABEL.finditer(text):
        part = text[start:gap.start()].strip()
        if part and not part.endswith(":"):
            parts.append(part.rstrip(".;,").rstrip())
            start = gap.end()
    parts.append(text[start:].strip() if parts else text)
    return parts


# A label the head has that none of ours is: "Fra administrationen:", "Øvrige deltagere:", "Gæster:".
_OTHER_LABEL = re.compile(r"^(?P<label>[A-ZÆØÅ][\wæøåÆØÅ.]*(?:\s+[\wæøåÆØÅ.]+){0,3}):(?:\s|$)")
_ROOM_LABELS = ("Mødelokale", "Lokale")


def _names_the_room(label: str, text: str) -> bool:
    """Whether a place label without a colon is the first word of the room's name.

    >>> _names_the_room("Mødelokale", "Mødelokale A, Havnsted Rådhus"), _names_the_room("Lokale", "Lokale: B-206")
    (True, False)
    """
    return label in _ROOM_LABELS and not text.startswith(label + ":")


def _list_joiner(so_far: str) -> str:
    """How a continuation line joins a list of names: after a comma, or inside a name that a
    PDF wrapped ("…, Bashir" + "Nawa, …": the last name of a comma list is one word so far),
    with a space; otherwise (one name per line) as a new name.

    >>> [_list_joiner(v) for v in ("A Hansen,", "A Hansen, Bashir", "A Hansen, B Nawa", "A Hansen", "A Hansen (A), formand")]
    [' ', ' ', ', ', ', ', ', ']
    >>> [_list_joiner(v) for v in ("H Knudsen (A), regionsrådsformand", "A Hansen, Byrådsmedlem", "A Hansen, tilforordnet")]
    [', ', ', ', ', ']
    """
    if so_far.endswith(","):
        return " "
    last = so_far.rsplit(",", 1)[-1].strip()
    # "Kirsten Bach (A), formand" ends a member: the next line is the next one. So does any word in
    # lower case after the comma ("…, tilforordnet"): a note on the member, no first name a line wrapped.
    if _is_role(last) or last[:1].islower():
        return ", "
    if "," in so_far and len(last.split()) == 1:
        return " "
    return ", "


# Longest first: "Afbud fra: …" is not "Afbud" with the value "fra: …".
_HEAD_LABELS = sorted(_PRESENT_LABELS + cv.ABSENT_LABELS + cv.SUBSTITUTE_LABELS + _STAFF_LABELS + _OTHER_HEAD_LABELS,
                      key=len, reverse=True)


# A list of members that names their council, as a joint meeting's head prints one a council: "Medlemmer
# af Børneudvalget: Karen Bisgaard (formand), Mads Ørum" / "Medlemmer af Skoleudvalget: …". The council's
# name is no member's; each such list adds to the members (`head_fields`).
# Only a council's name: «Deltagere fra administrationen:» lists staff, not the next council's members.
_COUNCIL_MEMBERS_LINE = re.compile(r"^(?:%s)\s+(?:af|for|fra|i)\s+(?P<name>[^:]{1,80}?):(?:\s+(?P<value>.*))?$"
                                   % "|".join(re.escape(label) for label in _PRESENT_LABELS))
# A council's name as a whole word: "Børneudvalget", "Handicaprådet(s)", "Byrådet", "Kommunalbestyrelsen",
# "Udvalget"; not a word merely holding one ("Familierådgivningen", "Rådhuset").
_COUNCIL_WORD = re.compile(r"(?i)^[\wæøå-]*(?:udvalg|råd|bestyrelse|nævn|kommission|repræsentation|forum)"
                           r"(?:et|en|n|ets|ens|ns|s|ene)?$")


# A joint meeting's head may print each council's members under its bare name (the layouts16 review):
# «Skoleudvalget: Thomas Bjerre (V), formand, Maria Lund (A)».
_COUNCIL_NAMES_LINE = re.compile(r"^(?P<name>[A-ZÆØÅ][^:\d]{0,79}?):\s+(?P<value>\S.*)$")
_COUNCIL_NAME_JOINERS = ("og", "for", "i", "&")
_PERSON_NAME_WORD = re.compile(r"^[A-ZÆØÅ][\wæøåÆØÅ'’.-]*$")


def _names_list(value: str) -> bool:
    """Whether `value` is a list of persons' names, each with a party or role at most: every part a full
    name (two to five capitalised words or a name's particles) or a role («formand»). Not a council's
    line with something else after its name: «12. marts 2025», «Referat», «Godkendt», «Mødet aflyses».

    >>> [_names_list(v) for v in ("Karin Sørensen (V), formand, Bo Haslund (A) og Jens von Holstein",
    ...  "Referat", "12. marts 2025", "Mødet blev aflyst", "Godkendt, Anbefales")]
    [True, False, False, False, False]
    """
    plain = re.sub(r"\([^)]*\)", "", value).strip().rstrip(".")
    parts = [" ".join(p.split()) for p in re.split(r",|;|\bog\b", plain)]
    people = [_without_role(p) for p in parts if p and not _is_role(p)]
    return bool(people) and all(
        1 < len(words := p.split()) <= 5 and _PERSON_NAME_WORD.match(words[0])
        and all(_PERSON_NAME_WORD.match(w) or w in cv.NAME_PARTICLES for w in words) for p in people)


def _council_members(text: str) -> re.Match[str] | None:
    """A «Medlemmer af <council>:» line, or a «<council>: <names>» one, or None. The council's name is
    its first words: a council's word among them and only its own words before it ("Teknik- og
    Miljøudvalget", "Udvalget for Klima og Miljø"); a unit «for» a council ("sekretariatet for
    Handicaprådet") lists staff, not members. A council's bare name lists members only before a list
    of names (`_names_list`), all its words a council name's.

    >>> [bool(_council_members(t)) for t in ("Skoleudvalget: Thomas Bjerre (V), formand, Maria Lund (A)",
    ...  "Børne- og Familieudvalget: Karin Sørensen (V)", "Økonomiudvalget: 12. marts 2025", "Byrådet: Referat",
    ...  "Formand for udvalget: Jens Hansen", "Byrådssalen: Ib Holm", "Sekretariatet for Handicaprådet: Ib Holm")]
    [True, True, False, False, False, False, False]
    """
    line = _COUNCIL_MEMBERS_LINE.match(text)
    if line is None:
        bare = _COUNCIL_NAMES_LINE.match(text)
        if bare is None or not _names_list(bare.group("value")):
            return None
        if not all(w[:1].isupper() or w in _COUNCIL_NAME_JOINERS for w in bare.group("name").split()):
            return None
        line = bare
    words = line.group("name").split()
    first = next((k for k, word in enumerate(words) if _COUNCIL_WORD.match(word)), None)
    if first is None or not all(word[:1].isupper() or word == "og" for word in words[:first]):
        return None
    return line


_MORE_MEMBERS = "present+"  # a pending council's list of members: added to those before (`head_fields`)


def _head_label(text: str) -> tuple[str | None, str]:
    members = _council_members(text)
    if members:
        # a council's bare name («Skoleudvalget: …») lists its members as «Medlemmer af Skoleudvalget: …»
        label = next((label for label in _PRESENT_LABELS if text.startswith(label)), "Medlemmer")
        return label, (members.group("value") or "").strip()
    informal = _informal_label(text)
    if informal[0]:
        return informal
    for label in _HEAD_LABELS:
        if text == label or text == label + ":":
            return label, ""
        # "Suppleant for Brian Møller (A)" in a list of members is a note on that member, no label
        for sep in (": ",) if label in cv.SUBSTITUTE_LABELS or label in _COLON_ONLY else (": ", " "):
            if text.startswith(label + sep):
                return label, text[len(label) + len(sep):].strip()
    return None, ""


# A youth council's or an association's plain words for who came («Med: Freja, Mathias, Noor», «Ikke med: Emil
# (syg)»): head labels only with a colon and a list of names after it (each part opening with a capital, no
# digit), as «Med: 7 stemmer» or «Med venlig hilsen» are none (layouts12 review).
_INFORMAL_LABELS = {"Med": "present", "Ikke med": "absent"}
_NAME_LIST = re.compile(r"^[A-ZÆØÅ][^\d:]*$")
# Who a list of those who came names with a note of what they did there, not as a member: «Sofie fra kommunen
# tog referat», «Lars fra forvaltningen»: staff, their name its capitalised words.
_NOTED_NAME = re.compile(r"^(?P<name>[A-ZÆØÅ][\wæøå.\-]*(?:\s+[A-ZÆØÅ][\wæøå.\-]*)*)\s+(?P<note>[a-zæøå].*)$")
_STAFF_NOTE = re.compile(r"(?i)\b(?:fra\s+(?:kommunen|forvaltningen|administrationen|sekretariatet)|referat|referent)\b")


def _informal_label(text: str) -> tuple[str | None, str]:
    """(«Med» or «Ikke med», the names after it) for such a line of the head, else (None, "").

    >>> _informal_label("Med: Freja, Mathias, William (ordstyrer)"), _informal_label("Ikke med: Emil (syg)")
    (('Med', 'Freja, Mathias, William (ordstyrer)'), ('Ikke med', 'Emil (syg)'))
    >>> _informal_label("Med: 7 stemmer for"), _informal_label("Med venlig hilsen"), _informal_label("Med: henblik på")
    ((None, ''), (None, ''), (None, ''))
    """
    for label in sorted(_INFORMAL_LABELS, key=len, reverse=True):
        if text.startswith(label + ":"):
            value = text[len(label) + 1:].strip()
            parts = [p.strip() for p in re.split(r",|\bog\b", value) if p.strip()]
            if parts and all(_NAME_LIST.match(p) for p in parts):
                return label, value
            return None, ""
    return None, ""


def _members_and_staff(value: str) -> tuple[str, str]:
    """An informal list of those who came («Freja, William (ordstyrer), Sofie fra kommunen tog referat») as
    (members, staff): a name with a note saying they came from the administration or took the minutes is staff.

    >>> _members_and_staff("Freja, William (ordstyrer), Sofie fra kommunen tog referat")
    ('Freja, William (ordstyrer)', 'Sofie')
    """
    members, staff = [], []
    for part in (p.strip() for p in re.split(r",|\bog\b", value)):
        noted = _NOTED_NAME.match(part)
        if noted and _STAFF_NOTE.search(noted.group("note")):
            staff.append(noted.group("name"))
        elif part:
            members.append(noted.group("name") if noted else part)
    return ", ".join(members), ", ".join(staff)


def _label_kind(label: str) -> str | None:
    if label in _INFORMAL_LABELS:
        return _INFORMAL_LABELS[label]
    if label in _PRESENT_LABELS:
        return "present"
    if label in cv.ABSENT_LABELS:
        return "absent"
    if label in cv.SUBSTITUTE_LABELS:
        return "substitute"
    if label in _STAFF_LABELS:
        return "staff"
    if label in _PLACE_LABELS:
        return "place"
    if _DATE_LABEL.match(label):
        return "date"
    return None


# What a list of members says when it names nobody: "Fraværende: Ingen", "Afbud: Ingen afbud",
# "Fraværende: Alle mødt", "Til stede: Alle medlemmer", "Hele udvalget", "Samtlige medlemmer",
# "Der var ingen afbud": its first word, or a word no name has, anywhere in it.
_NOBODY = {"ingen", "intet", "alle", "ikke", "hele", "samtlige", "der", "det"}
_NO_NAME_WORDS = {"ingen", "intet", "ikke", "afbud"}
# A group, not a person: a council in its definite form or its members ("Hele kommunalbestyrelsen",
# "Udvalgets medlemmer", "Byrådets medlemmer"). A person's note says "medlem", in the singular.
_GROUP_WORD = re.compile(r"(?i)^[\wæøå-]*(?:udvalget|rådet|bestyrelsen|medlemmer|medlemmerne)s?$")


def member_names(value: str) -> tuple[str, ...]:
    """'Hanne Brix (formand), Said Mahmoudi (næstformand), …' → ('Hanne Brix', 'Said Mahmoudi', …).

    >>> [member_names(v) for v in ("Ingen", "Ingen afbud.", "Alle mødt", "-", "Jens Hansen og Ingelise Bo")]
    [(), (), (), (), ('Jens Hansen', 'Ingelise Bo')]
    >>> [member_names(v) for v in ("Hele udvalget", "Samtlige medlemmer", "Der var ingen afbud", "Udvalgets medlemmer")]
    [(), (), (), ()]
    >>> member_names("Kommunaldirektør Mads Holm og økonomichef Rikke Storm")
    ('Mads Holm', 'Rikke Storm')
    >>> member_names("Lone Hansen (DH) og Peter Frandsen (DH). "), member_names("Ib Holm (DH)., Bo Hjort (SF).")
    (('Lone Hansen', 'Peter Frandsen'), ('Ib Holm', 'Bo Hjort'))
    >>> member_names("Ib Holm., Jens P., Bo Hjort")
    ('Ib Holm', 'Jens P.', 'Bo Hjort')
    >>> member_names("Hanne Ørum\u2013Ågesen og Lise Holm\u2011Nielsen")
    ('Hanne Ørum-Ågesen', 'Lise Holm-Nielsen')
    >>> member_names("Anne Holm (A) | Carl Berg (O) | Dorte Lund (F)"), member_names("Ib Holm · Bo Hjort")
    (('Anne Holm', 'Carl Berg', 'Dorte Lund'), ('Ib Holm', 'Bo Hjort'))
    """
    # A full stop after the brackets ends the list ("Peter Frandsen (DH)."): it goes with them, also where
    # a second label's names were joined on ("… Peter Frandsen (DH)., Sofie Winther (SF).").
    value = re.sub(r"\([^)]*\)\.?", "", cv.without_and_others(value)).strip().rstrip(".")
    names = []
    for part in re.split(r",|;|\s[|·•]\s|\bog\b", value):  # «Anne Holm | Carl Berg» too (code review 17)
        name = _without_role(" ".join(part.split()).lstrip(cv.BULLETS + " "))
        name = re.sub(r"(?<=[a-zæøå]{2})\.$", "", name)  # "Ib Holm." ended its label's list; "Jens P." keeps his
        # «Ørum–Ågesen» from a word processor is the «Ørum-Ågesen» a search for the member types
        name = field_dashes(name)
        # A name starts with a capital: "sag 129-138" (the items a member missed) and what is left of
        # "Suppleant for Brian Møller" ("for Brian Møller") are notes about a member, not members.
        # "Formanden deltog ikke i behandlingen af punktet.": a role, no name
        if (name and name[0].isupper() and not _is_role(name) and not name.isdigit()
                and not _is_role(name.casefold().removesuffix("en"))
                and name.split()[0].casefold() not in _NOBODY
                and not any(w.casefold() in _NO_NAME_WORDS or _GROUP_WORD.match(w) for w in name.split())):
            names.append(name)
    return tuple(dict.fromkeys(names))


# "Byrådets medlemmer, dog ikke Jens Hansen", "Alle medlemmer undtagen Jens Hansen": those present
# named as a group, less the members after the exception, who are absent.
_EXCEPT = re.compile(r"(?i),?\s*\b(?:dog\s+ikke|undtagen|med\s+undtagelse\s+af|bortset\s+fra)\s+(?P<names>.+)$")


def _excepted(value: str) -> tuple[str, tuple[str, ...]]:
    """(`value` without its exception, the members it excepts): only when everything after the
    exception is names (capitalised words); "dog ikke under punkt 5" is a note, left as it is.

    >>> _excepted("Byrådets medlemmer, dog ikke Jens Hansen"), _excepted("Ib Holm, dog ikke under punkt 5")
    (('Byrådets medlemmer', ('Jens Hansen',)), ('Ib Holm, dog ikke under punkt 5', ()))
    """
    plain = re.sub(r"\([^)]*\)", "", value)
    match = _EXCEPT.search(plain)
    if match is None:
        return value, ()
    parts = [" ".join(p.split()) for p in re.split(r",|\bog\b", match.group("names").rstrip(". "))]
    if not all(p and all(w[0].isupper() for w in p.split()) for p in parts):
        return value, ()
    return plain[:match.start()], member_names(match.group("names"))


def name_key(name: str) -> str:
    """A name as attendance lists are compared: without what brackets add (party, role), case
    and spacing aside.

    >>> name_key("Carsten Lind (stedfortræder)") == name_key("carsten  Lind (V)")
    True
    """
    return " ".join(re.sub(r"\([^)]*\)", " ", name).split()).casefold()


# How a substitute stands in a list of those present: the passage page shows the list as it is.
STAND_IN = "{} (stedfortræder)"


def meeting_people(fields: dict[str, str]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(present, absent, staff) of a meeting's front page (`head_fields`).

    Those present are the members, less those absent, and those who sat in for a member, marked
    (`STAND_IN`); staff are the other names it gives (administration, minute-taker), no members.

    >>> meeting_people({"present": "Ib Holm, Tove Bech Larsen (V)", "absent": "Tove Bech Larsen (V)",
    ...                 "substitute": "Carsten Lind (V)", "staff": "Rebecca Helqvist, Ib Holm"})
    (('Ib Holm', 'Carsten Lind (stedfortræder)'), ('Tove Bech Larsen',), ('Rebecca Helqvist',))
    """
    listed_present, excepted = _excepted(fields.get("present", ""))
    listed_absent, sitting_in = cv.stand_ins_among_absent(fields.get("absent", ""))  # «A - i stedet mødte B»
    absent = tuple(dict.fromkeys((*member_names(listed_absent), *excepted)))
    present = _with_stand_ins(
        tuple(n for n in member_names(listed_present) if n not in absent),
        absent, (*member_names(fields.get("substitute", "")), *member_names(sitting_in)))
    listed = {name_key(n) for n in (*present, *absent)}
    staff = tuple(n for n in member_names(_without_units(fields.get("staff", ""))) if name_key(n) not in listed)
    return present, absent, staff


_NAME_PARTICLES = cv.NAME_PARTICLES


def _without_units(value: str) -> str:
    """A list of staff without the units printed after their names ("Lone Dalsgaard, Sundhed og Omsorg",
    "Bo Ek, Center for Økonomi"): a part after a comma that is no name of a person, having a single
    word as a name ("Sundhed", "Omsorg") or a word in lower case ("for"), is the unit of the name before.

    >>> _without_units("Lone Dalsgaard, Sundhed og Omsorg"), _without_units("Bo Ek, Center for Økonomi, og Ib Holm")
    ('Lone Dalsgaard', 'Bo Ek, og Ib Holm')
    >>> _without_units("Rebecca Helqvist, Ib Holm"), _without_units("Mads Holm, direktør, Ib Holm og Per Lund")
    ('Rebecca Helqvist, Ib Holm', 'Mads Holm, direktør, Ib Holm og Per Lund')
    >>> _without_units("Anne Hansen, Jens von Holstein, Maria de Jong og Ahmad bin Said"), _without_units("Anne Hansen, Mette")
    ('Anne Hansen, Jens von Holstein, Maria de Jong og Ahmad bin Said', 'Anne Hansen, Mette')
    """
    parts = value.split(",")
    kept = parts[:1]
    for part in parts[1:]:
        words = [w for w in re.sub(r"\([^)]*\)", "", part).split() if w not in ("og", "&")]
        people = [p.split() for p in re.split(r"\bog\b|&", re.sub(r"\([^)]*\)", "", part)) if p.strip()]
        # Single words joined by «og» ("Sundhed og Omsorg"), not one first name ("Mette"); a lower-case
        # word other than a name's particle ("Jens von Holstein", "Ahmad bin Said"): a code review.
        if words and not _is_role(" ".join(words)) and (
                (len(people) > 1 and all(len(p) == 1 and not _is_role(p[0]) for p in people))
                or any(w[:1].islower() and not _is_role(w) and w not in _NAME_PARTICLES for w in words)):
            continue  # a unit: "Sundhed og Omsorg", "Center for Økonomi"
        kept.append(part)
    return ",".join(kept)


def item_people(present: Sequence[str], absent: Sequence[str], notes: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(present, absent) at one item: the meeting's, changed by the attendance lines of the item's
    own decision (`notes`): a member away from the item moves from present to absent, one who sat
    in joins those present.

    >>> item_people(("Peter Juul", "Bent Lykke"), ("Fatima Osmani",), ["Dato: 25-11-2021\\nFraværende: Fatima Osmani, Peter Juul"])
    (('Bent Lykke',), ('Fatima Osmani', 'Peter Juul'))
    >>> item_people(("Inger Lund (formand)",), (), ["Inger Lund deltog ikke i behandlingen af punktet."])
    ((), ('Inger Lund',))
    >>> item_people(("Bo Hjort", "Ib Holm"), (), ["Fraværende: Bo Hjort (V). Stedfortræder: Anne Winge (V)"])
    (('Ib Holm', 'Anne Winge (stedfortræder)'), ('Bo Hjort',))
    """
    away: list[str] = []
    stand_ins: list[str] = []
    for line in (part for note in notes for line in note.split("\n") for part in label_parts(line)):
        names, sitting_in = cv.item_attendance(line)
        away += member_names(names)
        stand_ins += member_names(sitting_in)
    if not away and not stand_ins:
        return tuple(present), tuple(absent)
    known = {name_key(n) for n in absent}
    absent = (*absent, *(n for n in dict.fromkeys(away) if name_key(n) not in known))
    gone = {name_key(n) for n in absent}
    return _with_stand_ins(tuple(n for n in present if name_key(n) not in gone), absent, stand_ins), absent


def _with_stand_ins(present: tuple[str, ...], absent: Sequence[str], stand_ins: Sequence[str]) -> tuple[str, ...]:
    """`present` and the substitutes not listed already, marked (`STAND_IN`)."""
    listed = {name_key(n) for n in (*present, *absent)}
    added = [STAND_IN.format(n) for n in dict.fromkeys(stand_ins) if name_key(n) not in listed]
    return (*present, *added)


def _without_role(name: str) -> str:
    """'Formand Erik Nielsen' → 'Erik Nielsen': a role (or a staff member's job title) printed
    before a name.

    >>> _without_role("Næstformand Henrik Lauesen"), _without_role("Formand"), _without_role("Rådmandsen Ib")
    ('Henrik Lauesen', 'Formand', 'Rådmandsen Ib')
    >>> _without_role("økonomichef Rikke Storm"), _without_role("Kommunaldirektør Mads Holm")
    ('Rikke Storm', 'Mads Holm')
    >>> _without_role("Bestyrelsesformand Jens Kristian Yde"), _without_role("Adm. direktør Poul Erik Bak")
    ('Jens Kristian Yde', 'Poul Erik Bak')
    """
    words = name.split()
    for size in (2, 1):  # "1. viceborgmester Ib Holm"
        if len(words) > size and _is_role(" ".join(words[:size])):
            return " ".join(words[size:])
    return name


def opening_lines(body: Sequence[str]) -> list[str]:
    """A document's first lines up to its first paragraph of prose: its title and the lines
    under it that label the meeting (date, place, attendance), with one blank line where
    paragraphs break (none first or last).

    >>> opening_lines(["", "Referat af møde i Handicaprådet den 3. marts 2020", "Afbud: Kirsten Holm", "",
    ...                "Formanden bød velkommen, og dagsordenen blev godkendt.", "Rådet drøftede tilgængeligheden."])
    ['Referat af møde i Handicaprådet den 3. marts 2020', 'Afbud: Kirsten Holm']
    >>> opening_lines(["Referat", "Afbud: Kirsten Holm", "", "", "INDHOLDSFORTEGNELSE", "Sag nr. 12 Godkendelse"])
    ['Referat', 'Afbud: Kirsten Holm', '', 'INDHOLDSFORTEGNELSE', 'Sag nr. 12 Godkendelse']
    """
    out: list[str] = []
    count = 0
    for text in body:
        if not text:
            if out and out[-1]:
                out.append("")  # a paragraph break: it ends a list of names (`head_fields`)
            continue
        if count and _is_prose(text) and _head_label(text)[0] is None:
            break
        out.append(text)
        count += 1
        if count >= TITLE_LINES:
            break
    return out[:-1] if out and not out[-1] else out


def _is_prose(text: str) -> bool:
    return len(text.split()) > TITLE_LINES or bool(re.search(r"[.!?]$", text))


# Dates a head gives for something other than the meeting: when the papers were sent out or
# published, approved or signed, printed or generated ("Udskrevet: 19-02-2020" above "Referat -
# 18. februar 2020" on a page printed from the minutes system; but "Udskrift af forhandlingsprotokollen
# fra mødet den …" is the minutes' own title), and the next meeting.
_OTHER_DATE = re.compile(
    r"(?i)\b(?:udsendt|udsendelse|offentliggjort|publiceret|opdateret|godkendt|underskrevet|frist|næste\s+møde"
    r"|udskrevet|udskriftsdato|udskrift(?:et)?\s*(?::|den\b|d\.|\d)|printet|printdato|genereret|dannet\s+(?:den|d\.))")


def meeting_date(head: Sequence[str], fields: dict[str, str], items: Sequence[Item]) -> str | None:
    """The labelled date of the front matter, else the first date of a line about the meeting,
    else its first date that is not of the papers' sending or publishing, else the decisions'
    own date.

    >>> meeting_date(["Byrådet", "Udsendt den 26. april 2022", "Mødet holdes tirsdag den 3. maj 2022"], {}, [])
    '2022-05-03'
    >>> meeting_date(["Østby Kommune\tUdskrevet: 19-02-2020", "Teknik- og Miljøudvalget Referat - 18. februar 2020"], {}, [])
    '2020-02-18'
    >>> meeting_date(["Ældrerådet 2025", "Referat", "Mødedato: Mandag den 3. marts kl. 10.00"], {}, [])
    '2025-03-03'
    >>> meeting_date(["Ældrerådet 2025", "Budget 2026", "Møde 3. marts"], {}, []) is None
    True
    """
    lines = [t for t in head if not _OTHER_DATE.search(t)]
    labelled = [fields.get("date", "")] + [t for t in head if _DATE_LABEL.match(t)]
    for text in labelled:  # a label says a date stands there: "Mødedato: 12.03.18" too
        found = parse_labelled_date(text)
        if found:
            return found.isoformat()
    about_meeting = [t for t in lines if re.search(r"(?i)\bmød", t)]
    for text in about_meeting + lines:
        found = parse_date(text)
        if found:
            return found.isoformat()
    # "Ældrerådet 2025" / "Møde 3. marts": the one year the title lines give completes a day and
    # month printed without one, on a labelled line or one about the meeting. Two years, none: no guess.
    year = _head_year(head)
    if year is not None:
        for text in labelled + about_meeting:
            found = year_completed_date(text, year)
            if found:
                return found.isoformat()
    dates = Counter(s.date for item in items for s in item.sections if s.key == DECISION and s.date)
    return dates.most_common(1)[0][0] if dates else None


# A date's shape with numbers that make no date: «31.02.2025», «12.13.2024», «31-04-2025»
_DATE_SHAPE = re.compile(r"(?<![\d.\-/])(\d{1,2})([.\-/])(\d{1,2})\2((?:19|20)\d{2})(?![\d\-/]|\.\d)")


def impossible_meeting_date(head: Sequence[str], fields: dict[str, str]) -> str | None:
    """A labelled meeting date as printed when it is no date («Mødedato: 31.02.2025»), else None:
    the document was indexed without a date, silently, and its date searched as printed said the
    word stood in no text (a dates review). The summary notes it (`indexer.enrich`).

    >>> impossible_meeting_date(["Mødedato: 31.02.2025"], {}), impossible_meeting_date(["Mødedato: 28.02.2025"], {})
    ('31.02.2025', None)
    """
    for text in [fields.get("date", "")] + [t for t in head if _DATE_LABEL.match(t)]:
        for match in _DATE_SHAPE.finditer(text):
            day, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
            try:
                date(year, month, day)
            except ValueError:
                return match.group(0)
    return None


# A year standing alone in a title line ("referat 2025"), not part of a range or a number ("2014-2017",
# "J.nr. 2025/12"), nor a postcode before its town ("2000 Frederiksberg").
_LONE_YEAR = re.compile(r"(?<![\d\-/.])((?:19|20)\d\d)(?![\d\-/]|[.:]\d|\s+[A-ZÆØÅ][a-zæøå])")


def _head_year(head: Sequence[str]) -> int | None:
    """The one year the head's title lines give (alone or in a full date), or None if they give none or several."""
    years = {int(m.group(1)) for text in title_lines(head) for m in _LONE_YEAR.finditer(text)}
    years |= {when.year for text in title_lines(head) for when, _ in find_dates(text)}
    return years.pop() if len(years) == 1 else None


# A meeting place printed without a label names a room or building: "Byrådssalen, Rådhuset",
# "Mødelokale A, Havnsted Rådhus", "Udvalgsværelse 2", "Borgmesterens kontor", "via Teams".
_VENUE = re.compile(
    r"(?i)(?:rådhus(?:et)?|sal(?:en)?|lokale(?:t|r|rne)?|værelse(?:t)?|kontor(?:et)?)(?![\wæøå])|\bTeams\b"
)
# The time of day printed with a date or a place: "kl. 16:00", "- 16:30", "kl. 17.00-19.10", "16:00:00"
_TIME = r"(?:(?:kl\.?|klokken)\s*)?\d{1,2}[.:]\d{2}(?::\d{2})?(?:\s*[-–]\s*\d{1,2}[.:]\d{2})?"
_LEADING_TIME = re.compile(rf"^[\s,;\-–]*(?:(?i:kl\.?|klokken)\s*)?(?:{_TIME})?[\s,;\-–]*(?:(?:i|på)\s+)?")
_TRAILING_TIME = re.compile(rf"(?i)[\s,;\-–]*{_TIME}$")
_ROOM_NUMBER_BEFORE = re.compile(r"(?i)(?<![\wæøå])(?:møde)?(?:lokale|rum|lok\.)$")


def unlabelled_place(head: Sequence[str], meeting: str | None) -> str | None:
    """The meeting place printed without a label right after the meeting's date.

    Some templates print the date line and then the place ("Tirsdag den 19. november 2019
    kl. 16:00" / "Mødelokale A, Havnsted Rådhus"), on the next line or, in a flattened PDF
    page, on the same line; others write "kl. 17.00 i Byrådssalen". Only a short line that
    names a room or building (`_VENUE`) counts: any other line after a date is no place.

    >>> unlabelled_place(["Byrådet", "Tirsdag den 3. maj 2022 kl. 17.00", "", "Byrådssalen, Rådhuset"], "2022-05-03")
    'Byrådssalen, Rådhuset'
    >>> unlabelled_place(["Referat fra mødet onsdag den 12. september 2012 kl. 17.00 i Byrådssalen"], "2012-09-12")
    'Byrådssalen'
    >>> unlabelled_place(["Tirsdag den 3. maj 2022 kl. 17.00", "Ordinært møde"], "2022-05-03") is None
    True
    >>> unlabelled_place(["tirsdag den 25. februar 2025 kl. 17.00 i byrådssalen"], "2025-02-25")
    'Byrådssalen'
    """
    if not meeting:
        return None
    for i, text in enumerate(head):
        spans = [span for when, span in find_dates(text) if when.isoformat() == meeting]
        if not spans:
            continue
        label, _ = _head_label(text)
        if label is not None and _label_kind(label) != "date":
            return None  # the date of another field ("Udsendt: …"): no convention to follow
        rest = _place_candidate(_LEADING_TIME.sub("", text[spans[0][1]:], count=1))
        if rest:
            return rest
        following = [k for k in range(i + 1, min(i + 3, len(head))) if head[k]]
        return _place_candidate(_LEADING_TIME.sub("", head[following[0]], count=1)) if following else None
    return None


def _place_candidate(text: str) -> str | None:
    """`text` as a meeting place, if it is one: short, no sentence, no label, no date, names a venue."""
    text = " ".join(text.split())
    time = _TRAILING_TIME.search(text)
    if time and not (_ROOM_NUMBER_BEFORE.search(text[:time.start()]) and not re.match(r"(?i)\s*kl", time.group())):
        text = text[:time.start()]  # «… lokale 1.08» is a room's number, no time of day (html5 review)
    text = text.strip(" ,;-–")
    if not text or len(text.split()) > 12 or text.endswith((".", ":", "!", "?")) or find_dates(text):
        return None
    label = _head_label(text)[0]
    if (label is not None and not _names_the_room(label, text)) or cv.label_of(text) or not _VENUE.search(text):
        return None
    # "… kl. 17.00 i byrådssalen": a place is a name, as a labelled one is printed ("Sted: Byrådssalen")
    return text[:1].upper() + text[1:]


def every_item_fields(lines: Sequence[Line]) -> tuple[list[Line], dict[str, str]]:
    """The lines without those naming a field of every item («Sagsbehandler på alle punkter: Kirsten
    Møller», printed under a protocol's item table or in its head), and those fields.

    Left in place such a line became text of the item above it, and the case handler of that item
    only (the layouts8 review); blanked, it is no item's text and fills every item that names none.
    """
    fields: dict[str, str] = {}
    kept = []
    for line in lines:
        handler = cv.every_item_handler(line.text) if line.text[:4] in ("Sags", "SAGS") else None
        if handler:
            fields.setdefault("case_handler", handler)
            line = Line("", line.page, line.number)
        kept.append(line)
    return kept, fields

