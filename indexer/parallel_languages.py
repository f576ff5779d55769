"""Labels and item headings printed in several languages at once, reduced to their Danish wording.

Greenland's municipalities (and some Danish councils with English-speaking members) print their
minutes' labels in two or three languages side by side, separated by slashes:

    Ulloq / Dato / Date: 10. april 2025, kl. 13:00
    Peqataasut / Til stede / Present: Hans Kristiansen, Nivi Olsen
    Punkt 01 / Item 01 – Godkendelse af dagsorden / Approval of the agenda
    Afgørelse / Decision:

Segmentation knows the Danish labels only. This stage (pure, one line at a time) keeps the Danish
one of such a label and drops its translations, so that the line reads as the Danish template
prints it. Only labels are touched: a line whose slash-separated parts are no known Danish label
("Skole / dagtilbud: …") is left as it is, and the text after the label keeps every language.
"""

from __future__ import annotations

import re
from functools import lru_cache

from indexer import conventions as cv

# Danish labels of meeting and item fields that the segmentation stages read (`indexer.meeting`,
# `indexer.conventions`), besides the section labels. Compared case-insensitively, full stops dropped.
_FIELD_LABELS = (
    "Dato", "Mødedato", "Tid", "Tidspunkt", "Mødetidspunkt", "Sted", "Mødested", "Lokale", "Mødelokale",
    "Til stede", "Tilstede", "Deltagere", "Mødedeltagere", "Medlemmer", "Fremmødte", "Mødt", "Afbud",
    "Referent", "Mødeleder", "Formand", "Forperson",
    "Sagsbehandler", "Sagsbehandlere", "Sagsansvarlig", "Sagsnr", "Sagsnummer", "Journal nr", "Journalnr",
    "J nr", "Jnr", "Dokumentnr", "Afstemning", "Protokoltilførsel", "Protokollat", "Mindretalsudtalelse",
    "Udvalg", "Møde", "Emne",
)


@lru_cache(maxsize=1)
def _danish_labels() -> frozenset[str]:
    labels = cv.SECTION_LABELS + _FIELD_LABELS + cv.ABSENT_LABELS + cv.SUBSTITUTE_LABELS
    return frozenset(_key(label) for label in labels)


def _key(label: str) -> str:
    return " ".join(label.replace(".", " ").split()).casefold()


# A label's part: a few words, no digits, no colon or slash. Parts are separated by " / ".
_PART = r"[^\W\d_][^:/\d]{0,38}"
_PARALLEL_LABEL = re.compile(rf"^(?P<parts>{_PART}(?:\s+/\s+{_PART}){{1,3}})\s*(?:(?P<colon>:)(?P<rest>.*))?$")
# "Punkt 01 / Item 01 – Title / Translated title", "Oqaluuserisassaq 3 / Punkt 3: Title / Title"
_NUMBER_PART = r"[^\W\d_][\w.]{0,24}\s*(?:nr\.?\s*)?\d{1,3}"
_PARALLEL_HEADING = re.compile(
    rf"^(?P<numbers>{_NUMBER_PART}(?:\s+/\s+{_NUMBER_PART}){{1,2}})(?P<sep>\s*[:.]|\s+[-–])\s+(?P<title>\S.*)$")
_DANISH_NUMBER_WORD = re.compile(r"^(?:Punkt|PUNKT|Pkt\.?|PKT\.?|Dagsordenspunkt|Sag)\s*(?:nr\.?\s*)?(?P<number>\d{1,3})$")
_SLASH = re.compile(r"\s+/\s+")


def danish_wording(text: str) -> str:
    """The line with a label or item heading printed in several languages reduced to its Danish one.

    >>> danish_wording("Ulloq / Dato / Date: 10. april 2025, kl. 13:00")
    'Dato: 10. april 2025, kl. 13:00'
    >>> danish_wording("Afgørelse / Decision:"), danish_wording("Indstilling / Recommendation")
    ('Afgørelse:', 'Indstilling')
    >>> danish_wording("Punkt 01 / Item 01 – Godkendelse af dagsorden / Approval of the agenda")
    'Punkt 01 – Godkendelse af dagsorden'
    >>> danish_wording("Skole / dagtilbud: status"), danish_wording("Børn / Unge")
    ('Skole / dagtilbud: status', 'Børn / Unge')
    >>> danish_wording("Personale / Arbejdsmiljø"), danish_wording("Tid / Emne / Ansvarlig")
    ('Personale / Arbejdsmiljø', 'Tid / Emne / Ansvarlig')
    """
    if " / " not in text and "\t/" not in text:
        return text
    heading = _PARALLEL_HEADING.match(text)
    if heading:
        return _danish_heading(heading) or text
    label = _PARALLEL_LABEL.match(text)
    if not label:
        return text
    rest = label.group("rest") or ""
    parts = _SLASH.split(label.group("parts").strip())
    danish = [part for part in parts if _key(part) in _danish_labels()]
    # One Danish label and its translations only: «Personale / Arbejdsmiljø» (a title), «Økonomi /
    # Personale: …» and «Tid / Emne / Ansvarlig» (a table's header) are Danish throughout (code review 14)
    if len(danish) != 1 or not all(_foreign(part) for part in parts if part is not danish[0]):
        return text
    danish = danish[0]
    return f"{danish}:{rest}" if label.group("colon") else danish


# The English of minutes' labels, as bilingual templates print them beside the Danish ones
_ENGLISH = frozenset("""
date time place venue present absent members member participants chair chairman secretary minutes agenda item
decision decisions recommendation recommendations background summary case officer handler number no ref reference
vote voting note for the record attachments attachment appendix appendices economy finance financial legal basis
description process timetable hearing consultation resolution approval of the approved noted and to
""".split())
# Greenlandic spelling Danish words rarely have: q, a doubled i or u («Ulloq», «Sumiiffik», «Peqataasut»)
_GREENLANDIC = re.compile(r"q|ii|uu", re.IGNORECASE)


def _foreign(part: str) -> bool:
    """Whether a label's part reads as its translation, not Danish: English label words, or Greenlandic.

    >>> [_foreign(p) for p in ("Decision", "Case officer", "Note for the record", "Sumiiffik", "Arbejdsmiljø", "Presse")]
    [True, True, True, True, False, False]
    """
    words = re.findall(r"[^\W\d_]+", part.casefold())
    return bool(words) and (all(word in _ENGLISH for word in words) or bool(_GREENLANDIC.search(part)))


def _danish_heading(heading: re.Match[str]) -> str | None:
    numbers = _SLASH.split(heading.group("numbers").strip())
    found = [(i, m) for i, m in enumerate(map(_DANISH_NUMBER_WORD.match, numbers)) if m]
    if len(found) != 1:
        return None
    position, danish = found[0]
    printed = {re.search(r"\d{1,3}$", number).group().lstrip("0") for number in numbers}
    if len(printed) != 1:  # "Punkt 3 / Item 4" is no one item's number in two languages
        return None
    titles = _SLASH.split(heading.group("title"))
    # The title is translated in the numbers' order; a title of other slashes is kept whole.
    title = titles[position] if len(titles) == len(numbers) else heading.group("title")
    return f"{danish.group()}{heading.group('sep')} {title.strip()}"
