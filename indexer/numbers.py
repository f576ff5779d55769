"""Numbers as Danish writes them, for everything a user reads: the CLI's summaries and messages, the web
pages' counts, the note on a cut text. One function, so a count never reads «100001» in one place and
«100.001» in another (a code-health review found four copies that disagreed)."""

from __future__ import annotations


def danish_number(number: int) -> str:
    """A whole number with the Danish thousands point.

    >>> danish_number(7), danish_number(1234), danish_number(10_000_000), danish_number(-4500)
    ('7', '1.234', '10.000.000', '-4.500')
    """
    return f"{number:,}".replace(",", ".")
