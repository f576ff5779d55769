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
from collections.abc import Sequence

from indexer import conventions as cv

# "Bornholms Regionskommune": the one municipality that is also a region's
_MUNICIPALITY = re.compile(r"\b([A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)*) (?:Regionsk|K)ommunes?\b")
_NOT_A_NAME = {"Den", "Det", "En", "Et", "Hver", "Din", "Vores", "Jeres", "Samme", "Hele", "Anden", "Egen", "Ny", "Nye"}
_COUNCIL = re.compile(rf"(?<![\wæøåÆØÅ])({cv.COUNCIL_PATTERN})s?(?![\wæøåÆØÅ])")


# A title page's municipality in any case: "Havnsted Kommune", "HAVNSTED KOMMUNE", "LYNGBY-TAARBÆK KOMMUNE".
_HEAD_MUNICIPALITY = re.compile(
    r"^([A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)*|[A-ZÆØÅ]{2,}(?:-[A-ZÆØÅ]{2,})*) (?:(?:Regionsk|K)ommunes?|(?:REGIONS)?KOMMUNES?)\b")


# The two municipalities whose official names are in the genitive ("Københavns Kommune"): the
# facet names the place, as a reader looks for it.
_GENITIVE_NAMES = {"Københavns": "København", "Vesthimmerlands": "Vesthimmerland", "Bornholms": "Bornholm"}


def municipality_of(head: Sequence[str], body: Sequence[str], running: Sequence[str] = ()) -> str | None:
    """The municipality a title line starts with, else the one the head names, else the one a
    running header or footer names (`running`: printed on every page, stripped from the text),
    else the one the text names most often (an item about a neighbour names it more than its own).

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
    """
    name = _named_municipality(head, body, running)
    return _GENITIVE_NAMES.get(name, name) if name else None


def _named_municipality(head: Sequence[str], body: Sequence[str], running: Sequence[str]) -> str | None:
    for lines in (head, running):
        for text in lines:
            match = _HEAD_MUNICIPALITY.match(text)
            if match and match.group(1).title() not in _NOT_A_NAME:
                return match.group(1) if not match.group(1).isupper() else match.group(1).title()
        for text in lines:
            found = [m for m in _MUNICIPALITY.findall(text) if m not in _NOT_A_NAME]
            if found:
                return found[0]
    counts = Counter(m for text in body for m in _MUNICIPALITY.findall(text) if m not in _NOT_A_NAME)
    return counts.most_common(1)[0][0] if counts else None


def council_of(head: Sequence[str], body: Sequence[str], running: Sequence[str] = ()) -> str | None:
    """The council a head line names first, else the one a running header or footer names,
    else the one the text names most often, in the casing of a name ('INTEGRATIONSRÅDET' →
    'Integrationsrådet')."""
    for text in (*head, *running):
        match = _COUNCIL.search(text)
        if match:
            return _council_name(match.group(1))
    counts = Counter(_council_name(m) for text in body for m in _COUNCIL.findall(text))
    return counts.most_common(1)[0][0] if counts else None


def _council_name(name: str) -> str:
    """'INTEGRATIONSRÅDET' → 'Integrationsrådet'; 'BESKÆFTIGELSES- OG INTEGRATIONSUDVALGET' likewise."""
    if name.isupper():
        parts = name.lower().split()
        name = " ".join(p if p == "og" else p[:1].upper() + p[1:] for p in parts)
    return name


def same_council(header: str, council: str) -> bool:
    """Whether a decision header names this document's council, in full or by its initials.

    >>> [same_council(h, "Byrådet") for h in ("Beslutning i Byrådet den 29-01-2019", "BR, 29.01.2019", "ØU, 16.01.2019")]
    [True, True, False]
    >>> same_council("BIU's møde den 13. marts 2012:", "Beskæftigelses- og Integrationsudvalget")
    True
    """
    found = cv.decision_header(header)
    if found is None or not found.council:
        return True  # nothing to tell them apart by
    name = found.council
    if name.casefold() == council.casefold():
        return True
    return name.isupper() and len(name) <= 5 and name == _initials(council)


_PARTS = re.compile(r"-,?\s+(?:og\s+)?|\s+og\s+", re.IGNORECASE)
_COUNCIL_END = re.compile(r"(udvalget|udvalg|rådet|råd|bestyrelsen|bestyrelse|repræsentationen|magistraten)$", re.IGNORECASE)


def _initials(council: str) -> str:
    """'Økonomiudvalget' → 'ØU', 'Byrådet' → 'BR', 'Beskæftigelses- og Integrationsudvalget' → 'BIU'."""
    parts = [p for p in _PARTS.split(council) if p]
    letters = [p[0].upper() for p in parts]
    end = _COUNCIL_END.search(parts[-1]) if parts else None
    if end and end.start() > 0:
        letters.append(end.group(1)[0].upper())
    return "".join(letters)
