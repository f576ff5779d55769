"""Civil registration numbers (CPR) in a source's text, masked before anything reads it.

Published minutes now and then print a citizen's CPR number («Klage fra A (010180-1234)»,
«CPR-nr. 0101801234»): the council published it by mistake, and the index must not spread it
further, searchable, marked in snippets, in feeds and in an item's id, which is made from its
title (a privacy review). Each is masked where the text is read, with as many characters, so
that pages, lines and offsets stay where they were; the file's summary line says where, so the
administrator can tell the municipality (the source file itself, which the site serves, keeps it).

A CPR number is six digits of a date of birth (ddmmyy), then four: written with a hyphen it is
masked wherever the six digits make a date; ten digits in a row only where «CPR» or
«personnummer» stands just before them, since ten digits may be anything else.
"""

from __future__ import annotations

import dataclasses
import re

from indexer.models import Page, SourceFile

# Six digits, a hyphen (any dash), four digits, standing alone: not within a longer number, a
# case number («2023-010180-1234») or a decimal.
_HYPHENATED = re.compile(r"(?<![\w.,/\-–])(\d{2})(\d{2})\d{2}[-‐‑–](\d{4})(?![\w\-–/]|[.,]\d)")
# Ten digits right after a CPR label: «CPR 0101801234», «cpr.nr.: 0101801234», «personnummer 0101801234».
_LABELLED = re.compile(r"(?i:\bcpr\b|\bcpr-?n(?:umme)?r\b|\bpersonn(?:umme)?r\b)[.:\s-]{0,6}(?:nr[.:\s]{0,3})?"
                       r"(?<!\d)((\d{2})(\d{2})\d{6})(?!\d)")
MASK = "X"


def _is_birth_date(day: str, month: str) -> bool:
    # Days 41-71 are the «erstatningspersonnumre» given to people without an ordinary number.
    d, m = int(day), int(month)
    return 1 <= m <= 12 and (1 <= d <= 31 or 41 <= d <= 71)


def mask_cpr(text: str) -> tuple[str, list[int]]:
    """`text` with each CPR number masked (same length, digits → «X», the hyphen kept), and the
    offsets where they began.

    >>> mask_cpr("Klage fra Anna Nielsen (010180-1234) over afgørelsen")
    ('Klage fra Anna Nielsen (XXXXXX-XXXX) over afgørelsen', [24])
    >>> mask_cpr("cpr.nr. 0101801234, sagsnr. 2023-045521, tlf. 12345678, 21.05.2015")[0]
    'cpr.nr. XXXXXXXXXX, sagsnr. 2023-045521, tlf. 12345678, 21.05.2015'
    >>> mask_cpr("Sagen 00.01.00-A21-1-14 og bevilling 991399-1234 og 2019-2020")[1]
    []
    """
    found: list[tuple[int, int]] = []
    for m in _HYPHENATED.finditer(text):
        if _is_birth_date(m.group(1), m.group(2)):
            found.append((m.start(), m.end()))
    for m in _LABELLED.finditer(text):
        if _is_birth_date(m.group(2), m.group(3)):
            found.append((m.start(1), m.end(1)))
    if not found:
        return text, []
    chars = list(text)
    for start, end in found:
        for i in range(start, end):
            if chars[i].isdigit():
                chars[i] = MASK
    return "".join(chars), sorted(start for start, _end in found)


def mask_source(source: SourceFile) -> SourceFile:
    """`source` with the CPR numbers of its pages masked, and a notice saying where (its pages,
    or a text file's lines); `source` itself when it has none."""
    pages: list[Page] = []
    where: list[str] = []
    for page in source.pages:
        text, starts = mask_cpr(page.text)
        pages.append(dataclasses.replace(page, text=text) if starts else page)
        if starts and source.kind == "pdf":
            where.append(page.label or str(page.number))
        elif starts:
            where.extend(str(page.text.count("\n", 0, start) + 1) for start in starts)
    if not where:
        return source
    count = sum(len(mask_cpr(page.text)[1]) for page in source.pages)
    place = ("side " if source.kind == "pdf" else "linje ") + ", ".join(dict.fromkeys(where))
    what = "et CPR-nummer" if count == 1 else f"{count} CPR-numre"
    notice = (f"{what} ({place}) er skjult i søgeindekset; kildefilen, som sitet viser, har "
              f"{'det' if count == 1 else 'dem'} stadig – sig det til kommunen")
    return dataclasses.replace(source, pages=tuple(pages), notices=source.notices + (notice,))
