"""Decoded text → canonical text: one newline convention, no control or invisible format
characters, one Unicode normal form, one hyphen."""

from __future__ import annotations

import re
import unicodedata


# C0 and C1 controls except \t and \n (after \r is gone), and the invisible format characters
# that editors, word processors and web pages leave inside words: zero-width space and
# (non-)joiners, direction marks and embeddings, word joiner, a BOM in the middle of a text
# (two files joined). Inside "Sags\u200bbehandler" or "flygt\u2060ninge" they hid the word
# from search and the field line from segmentation (a whole document became one passage).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Line breaks other than \n and \r: Word's manual line break (vertical tab), Unicode's line and
# paragraph separators, NEL (next line, from mainframe and EBCDIC conversions). Without them a file
# written with them was one line: one passage (NEL was deleted as a control, gluing the lines' words).
_OTHER_BREAKS = re.compile(r"[\x0b\x85\u2028\u2029]")
_FORM_FEED_IN_LINE = re.compile(r"(?<=[^\s])\f+(?=[^\s])")


def normalise(text: str, form: str) -> str:
    """Newlines to \\n, control and invisible format characters out, Unicode form `form`.

    Form feeds are not turned into newlines, so line numbers match an editor's: one between
    two words is a space (removed, it glued them: "3\\fLinje" became "3Linje"), others go.
    """
    text = _OTHER_BREAKS.sub("\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    if "\f" in text:
        text = _FORM_FEED_IN_LINE.sub(" ", text)
    text = _CONTROL.sub("", text)
    return (compatibility_form(text) if form == "NFKC" else unicodedata.normalize(form, text)).translate(_HYPHENS)


def page_starts(text: str) -> tuple[int, ...]:
    """The lines of `text` (0-based, split as `normalise` leaves them) that open a page after a form
    feed: the line the form feed stands on, or the next where text precedes it on its line («… 2\\f»).
    `normalise` takes the form feeds out; a text's pages are told by these.

    >>> page_starts("Side 1\\n\\fHoved\\ntekst\\n2\\f\\nHoved\\ntekst\\f")
    (1, 4)
    """
    if "\f" not in text:
        return ()
    lines = _OTHER_BREAKS.sub("\n", text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    starts = {k if not line[:line.index("\f")].strip() else k + 1 for k, line in enumerate(lines) if "\f" in line}
    # a page only where text follows: the form feed that closes the file opens none
    last = max((k for k, line in enumerate(lines) if line.strip()), default=-1)
    return tuple(sorted(k for k in starts if 0 < k <= last))


# Vulgar fractions: NFKC spells "½" as "1⁄2" (with a fraction slash), so "12½ m" became "121⁄2 m",
# another number, found neither as written nor as "12,5". They are kept as printed.
_FRACTIONS = re.compile(r"[\u00bc-\u00be\u2150-\u215e]")


def compatibility_form(text: str) -> str:
    """`text` in NFKC (ligatures and full-width letters as plain letters), its vulgar fractions as printed.

    >>> compatibility_form("12\u00bd m \ufb02ygtninge \uff11"), compatibility_form("\u00bc-\u215b")
    ('12½ m flygtninge 1', '¼-⅛')
    """
    if not _FRACTIONS.search(text):
        return unicodedata.normalize("NFKC", text)
    # Each fraction is its own NFC and NFKC starting point (none composes with what is around it),
    # so the text between them can be normalised apart.
    pieces = _FRACTIONS.split(text)
    fractions = _FRACTIONS.findall(text)
    out = [unicodedata.normalize("NFKC", pieces[0])]
    for fraction, piece in zip(fractions, pieces[1:]):
        out += [fraction, unicodedata.normalize("NFKC", piece)]
    return "".join(out)


# Unicode's hyphen and Word's non-breaking hyphen (Ctrl+Shift+-) are the hyphen: in a case
# number '00.01.00‑A21‑1‑14' they cut it to '00.01.00', and 'Waage‑Jensen' became a second
# case handler beside 'Waage-Jensen'.
_HYPHENS = {0x2010: "-", 0x2011: "-"}


# A dash between two letters or digits, no space on either side: a word processor's autocorrect
# (or a typist) set an en dash, figure dash or minus sign for the hyphen of a case number or a
# name. In a field value it is the hyphen: «27.12.00–G01–3–15» was cut to «27.12.00», and
# «Ørum–Ågesen» was another case handler than «Ørum-Ågesen». Running text keeps its dashes
# («2015–2016», «Punkt 3 – Budget»): there a dash between numbers is a range.
_DASH_IN_WORD = re.compile(r"(?<=[^\W_])[\u2010\u2011\u2012\u2013\u2212](?=[^\W_])")


def field_dashes(value: str) -> str:
    """A field value (case number, name) with its dashes inside words as hyphens; as long as `value`.

    >>> field_dashes("27.12.00\u2013G01\u20123\u221215"), field_dashes("S\u00f8ren \u00d8rum\u2013\u00c5gesen")
    ('27.12.00-G01-3-15', 'Søren Ørum-Ågesen')
    >>> field_dashes("Pia Lund \u2013 Jobcentret"), field_dashes("\u2013bolig"), field_dashes("A_\u2013_B")
    ('Pia Lund – Jobcentret', '–bolig', 'A_–_B')
    """
    return _DASH_IN_WORD.sub("-", value)
