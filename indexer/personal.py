"""Civil registration numbers (CPR) in a source's text, masked before anything reads it.

Published minutes now and then print a citizen's CPR number («Klage fra A (010180-1234)»,
«CPR-nr. 0101801234»): the council published it by mistake, and the index must not spread it
further, searchable, marked in snippets, in feeds and in an item's id, which is made from its
title (a privacy review). Each is masked in the cleaned lines, before they are split into items,
with as many characters, so that pages, lines and offsets stay where they were; the file's summary line says where, so the
administrator can tell the municipality (the source file itself, which the site serves, keeps it).

A CPR number is six digits of a date of birth (ddmmyy), then four: written with a hyphen it is
masked wherever the six digits make a date, unless a label before it says it is another thing's
number (a case, a journal, an account); ten digits in a row, or six and four apart, only where
«CPR» or «personnummer» stands just before them, since ten digits may be anything else.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from indexer.models import Line

# Six digits, a hyphen (any dash), four digits, standing alone: not within a longer number, a
# case number («2023-010180-1234») or a decimal.
_HYPHENATED = re.compile(r"(?<![\w.,/\-–])(\d{2})(\d{2})\d{2}[-‐‑–](\d{4})(?![\w\-–/]|[.,]\d)")
# After a CPR label, also ten digits in a row or the four after a space: «CPR 0101801234»,
# «CPR NR. 0101801234», «Cpr. Nr. 0101801234», «cpr.nr.020280-2345», «CPR-010180-1234»,
# «CPR nr. 010180 1234», «personnummer: 3112994321» (a code review found each left as it was).
_LABEL = r"(?i:\b(?:cpr|personn(?:ummer|r)))(?:[\s.:\-–]+|(?i:n(?:umme)?r)\b)*"
_NUMBER = r"(?<!\d)(?P<number>(?P<day>\d{2})(?P<month>\d{2})\d{2}(?:\s?[\-‐‑–]\s?|\s)?\d{4})(?!\d)"
_LABELLED = re.compile(_LABEL + _NUMBER)
# A label that ends its line, the number starting the next («Borgerens CPR-nr.:» / «0202801234 …»,
# a table's label cell and its value): a code review found it searchable.
_LABEL_AT_END = re.compile(_LABEL + r"$")
_NUMBER_AT_START = re.compile(r"^\s*" + _NUMBER)
# A number right after one of these labels is that thing's number, not a person's: «Sagsnr.
# 010120-0930», «Journalnr.: 120324-1234», «Konto 051123-4100», «dok. 150523-0001» were masked.
_OTHER_NUMBER = re.compile(r"(?i:(?:sags?|j|journal|løbe|konto|faktura|ordre|bilag|dok(?:ument)?|ref(?:erence)?)"
                           r"\.?\s*(?:n(?:umme)?r)?\.?|sag\s+nr\.?|ean|cvr(?:-?nr)?\.?)\s*[:.]?\s*$")
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
    >>> [mask_cpr(t)[0] for t in ("CPR NR. 0101801234", "cpr.nr.020280-2345", "CPR-010180-1234", "CPR nr. 010180 1234")]
    ['CPR NR. XXXXXXXXXX', 'cpr.nr.XXXXXX-XXXX', 'CPR-XXXXXX-XXXX', 'CPR nr. XXXXXX XXXX']
    >>> [mask_cpr(t)[0] for t in ("cpr. 040480 -1234", "cpr 050580 - 1234")]
    ['cpr. XXXXXX -XXXX', 'cpr XXXXXX - XXXX']
    >>> [mask_cpr(t)[1] for t in ("Sagsnr. 010120-0930", "Journalnr.: 120324-1234", "Konto 051123-4100", "dok. 150523-0001")]
    [[], [], [], []]
    """
    found: dict[int, int] = {}
    for m in _LABELLED.finditer(text):
        if _is_birth_date(m.group("day"), m.group("month")):
            found[m.start("number")] = m.end("number")
    for m in _HYPHENATED.finditer(text):
        if (m.start() not in found and _is_birth_date(m.group(1), m.group(2))
                and not _OTHER_NUMBER.search(text, max(0, m.start() - 30), m.start())):
            found[m.start()] = m.end()
    if not found:
        return text, []
    chars = list(text)
    for start, end in found.items():
        for i in range(start, end):
            if chars[i].isdigit():
                chars[i] = MASK
    return "".join(chars), sorted(found)


def mask_lines(lines: Sequence[Line], kind: str) -> tuple[list[Line], str | None]:
    """The cleaned lines of a file with each CPR number masked, and the file's notice saying where
    (its pages for a PDF, else its lines), or None when it has none. Masked once the lines are
    clean: a number broken at a line's end («cpr.nr. 010180-» / «1234») is whole only after the
    hyphenation is joined (a code review found it indexed so)."""
    out: list[Line] = []
    where: list[str] = []
    count = 0
    labelled = False  # the line before ends in a CPR label
    for line in lines:
        text, starts = mask_cpr(line.text) if any(c.isdigit() for c in line.text) else (line.text, [])
        if labelled and (first := _NUMBER_AT_START.match(text)) and _is_birth_date(first["day"], first["month"]):
            start, end = first.span("number")
            text = text[:start] + "".join(MASK if c.isdigit() else c for c in text[start:end]) + text[end:]
            starts = sorted({*starts, start})
        if line.text.strip():
            labelled = bool(_LABEL_AT_END.search(line.text.rstrip()))
        if starts:
            count += len(starts)
            where.append(str(line.page) if kind == "pdf" else str(line.number))
            line = dataclasses.replace(line, text=text)
        out.append(line)
    if not count:
        return out, None
    place = ("side " if kind == "pdf" else "linje ") + ", ".join(dict.fromkeys(where))
    what = "et CPR-nummer" if count == 1 else f"{count} CPR-numre"
    return out, (f"{what} ({place}) er skjult i søgeindekset; kildefilen, som sitet viser, har "
                 f"{'det' if count == 1 else 'dem'} stadig – sig det til kommunen")
