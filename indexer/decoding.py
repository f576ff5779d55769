"""A text or HTML file's bytes → str: which encoding the bytes are in, decided from the bytes.

Text: a BOM, else UTF-16 without a BOM (told by its NUL bytes), else UTF-8, else the legacy
Danish code page the bytes read best in (see `text_encoding`). HTML: the same, except that a
page's own `<meta charset>` is believed when its bytes are not UTF-8 (see `html_encoding`).
The web UI serves text sources in the encoding found here, so a page shows what was indexed.
"""

from __future__ import annotations

import codecs
import itertools
import re
from dataclasses import dataclass
from typing import BinaryIO

from indexer.files import ExtractError

# Windows-1252 leaves five bytes unassigned; Latin-1 reads them as control characters.
codecs.register_error("referatsog.latin1", lambda e: (e.object[e.start : e.end].decode("latin-1"), e.end))  # type: ignore[attr-defined]

@dataclass(frozen=True)
class TextEncoding:
    """How a file's bytes are read: a Python codec, the error handler it runs with, and the
    name browsers know these bytes by (WHATWG), or None when they know none and a page that
    shows the file must transcode it (DOS 865, UTF-32, UTF-8 with stray Windows-1252 bytes)."""

    codec: str
    errors: str = "strict"
    web_name: str | None = None

    def decode(self, data: bytes) -> str:
        return data.decode(self.codec, errors=self.errors)


_SAMPLE = 4096  # the first bytes, which tell UTF-16 without a BOM and binary data
_UTF8 = TextEncoding("utf-8", web_name="utf-8")
_WINDOWS_1252 = TextEncoding("cp1252", "referatsog.latin1", web_name="windows-1252")
_BOM_ENCODINGS = {
    codecs.BOM_UTF32_LE: TextEncoding("utf-32", "replace"),  # before UTF-16 LE: it starts with the same two bytes
    codecs.BOM_UTF32_BE: TextEncoding("utf-32", "replace"),
    codecs.BOM_UTF8: TextEncoding("utf-8-sig", "replace", web_name="utf-8"),
    codecs.BOM_UTF16_LE: TextEncoding("utf-16", "replace", web_name="utf-16le"),
    codecs.BOM_UTF16_BE: TextEncoding("utf-16", "replace", web_name="utf-16be"),
}
_LEGACY_ENCODINGS = {
    "cp1252": _WINDOWS_1252,
    "cp865": TextEncoding("cp865"),  # no browser knows DOS code pages
    "mac_roman": TextEncoding("mac_roman", web_name="macintosh"),
}


def decode_text(data: bytes) -> str:
    """Decode a text file as `text_encoding` says."""
    return text_encoding(data).decode(data)


def text_encoding(data: bytes) -> TextEncoding:
    """How a text file's bytes are read: BOM, else UTF-16 told by its NUL bytes, else strict
    UTF-8, else the Danish legacy code page its bytes read best in (see `_legacy_codec`).

    Danish letters make the UTF-8 rule reliable: æ ø å in Latin-1/1252 are bytes that can never
    form valid UTF-8 followed by a plain letter, so a legacy file always fails the UTF-8 test.
    A file that is mostly valid UTF-8 with a few legacy bytes (two editors, one file) keeps
    its UTF-8 and reads only the stray bytes as Windows-1252; a file that is mostly legacy with
    lines (or letters) a newer editor added in UTF-8 reads each in its own way (see `_mixed`).
    Raises `ExtractError` for binary data.
    """
    for bom, encoding in _BOM_ENCODINGS.items():
        if data.startswith(bom):
            return encoding
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        utf16 = _utf16_without_bom(sample)
        if utf16 is not None:
            return utf16
    if _is_binary(sample):
        raise ExtractError("binær fil, ikke tekst (indeholder NUL-bytes)" if b"\x00" in sample else
                           "binær fil, ikke tekst (indeholder styretegn)")
    if _valid_utf8(data):
        return _UTF8
    sequences = _UTF8_SEQUENCE.findall(data)
    stray = len(data) - len(data.translate(None, _HIGH_BYTES)) - sum(map(len, sequences))
    if len(sequences) <= stray:
        legacy = _LEGACY_ENCODINGS[_legacy_codec(data)]
        return _mixed(legacy) if _TELLING_UTF8.search(data) else legacy
    return TextEncoding("utf-8", "referatsog.cp1252")


_HIGH_BYTES = bytes(range(0x80, 0x100))
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _stray_as_windows_1252(error: UnicodeError) -> tuple[str, int]:
    """The bytes of a UTF-8 text that are not UTF-8, read as Windows-1252 (a second editor's)."""
    stray = error.object[error.start : error.end]  # type: ignore[attr-defined]
    return stray.decode("cp1252", errors="referatsog.latin1"), error.end  # type: ignore[attr-defined]


codecs.register_error("referatsog.cp1252", _stray_as_windows_1252)


# --- legacy text with UTF-8 added ---------------------------------------------------------

# UTF-8 sequences no legacy Danish text holds: read as Windows-1252 they are the classic
# mojibake ("Ã¦" for æ, "Â§" for §, "â€“" for –), as Mac Roman "√¶" or "‚Äì", as DOS 865 box
# drawing or Greek. They decode to Latin-1's letters and signs, typographic punctuation, € and ™.
_TELLING_UTF8 = re.compile(rb"\xc2[\xa0-\xbf]|\xc3[\x80-\xbf]|\xe2\x80[\x90-\xbf]|\xe2\x82\xac|\xe2\x84\xa2")
_LINE_END = re.compile(rb"[\r\n]")
_PIECE = 1 << 16  # a line longer than this (a text without line breaks) is judged in pieces of it
_LAST_ASCII = re.compile(rb"[\x00-\x7f][\x80-\xff]*\Z")
_DRAWING = re.compile("[\u2500-\u259f]")  # box drawing and blocks: what DOS 865 reads these bytes as
_MIXED_PREFIX = "referatsog_mixed_"


def _mixed(legacy: TextEncoding) -> TextEncoding:
    """A legacy code page, with what was added to the file in UTF-8 read as UTF-8.

    Someone appended to an old Windows-1252 (or DOS, or Mac) file with a newer editor: read
    one way, half the file was mojibake ('Ã¦' or '├ª' for æ). Each line is read on its own: a
    line that is valid UTF-8 and holds a sequence no legacy text holds (`_TELLING_UTF8`) is
    UTF-8; in any other line such a sequence is read as UTF-8 too (a word pasted in), unless
    the code page makes it box drawing with no letter beside it (a DOS table), and the rest in
    the code page. A registered codec (see `_MixedDecoder`), so the web UI's incremental
    decoding of the source reads it exactly as the indexer did."""
    return TextEncoding(_MIXED_PREFIX + legacy.codec, legacy.errors)


class _MixedDecoder(codecs.IncrementalDecoder):
    """Decodes line by line (see `_mixed`), in whatever pieces the bytes arrive: a line is
    decided once it is whole, or at `_PIECE` bytes, so every reader cuts it in the same places."""

    legacy = "cp1252"

    def __init__(self, errors: str = "strict") -> None:
        super().__init__(errors)
        self.pending = b""

    def decode(self, input: bytes, final: bool = False) -> str:  # noqa: A002 - the codecs API's name
        data = self.pending + bytes(input)
        out, start = [], 0
        while start < len(data):
            window = min(len(data), start + _PIECE)
            line_end = _LINE_END.search(data, start, window)
            if line_end is not None:
                end = line_end.end()
            elif window - start == _PIECE:
                last = _LAST_ASCII.search(data, start, window)
                end = last.start() + 1 if last is not None else window
            elif final:
                end = len(data)
            else:
                break
            out.append(self._line(data[start:end]))
            start = end
        self.pending = data[start:]
        return "".join(out)

    def reset(self) -> None:
        self.pending = b""

    def getstate(self) -> tuple[bytes, int]:
        return self.pending, 0

    def setstate(self, state: tuple[bytes, int]) -> None:
        self.pending = state[0]

    def _line(self, line: bytes) -> str:
        if line.isascii():
            return line.decode("ascii")
        legacy, errors = self.legacy, self.errors
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return text if _TELLING_UTF8.search(line) else line.decode(legacy, errors)
        out, done = [], 0
        for match in _TELLING_UTF8.finditer(line):
            start, end = match.span()
            in_word = line[start - 1 : start].isalpha() or line[end : end + 1].isalpha()  # ASCII letters
            if not in_word and _DRAWING.search(match.group().decode(legacy, errors)):
                continue
            out += (line[done:start].decode(legacy, errors), match.group().decode("utf-8"))
            done = end
        out.append(line[done:].decode(legacy, errors))
        return "".join(out)


def _find_mixed(name: str) -> codecs.CodecInfo | None:
    legacy = name[len(_MIXED_PREFIX):] if name.startswith(_MIXED_PREFIX) else ""
    if legacy not in _LEGACY_ENCODINGS:
        return None
    decoder = type(f"_MixedDecoder_{legacy}", (_MixedDecoder,), {"legacy": legacy})

    def decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
        return decoder(errors).decode(data, final=True), len(data)

    def encode(text: str, errors: str = "strict") -> tuple[bytes, int]:  # never used: files are only read
        return text.encode("utf-8", errors), len(text)

    return codecs.CodecInfo(encode, decode, incrementaldecoder=decoder, name=name)


codecs.register(_find_mixed)


# --- which legacy code page -----------------------------------------------------------------

# The code pages Danish text files were written in before UTF-8, in order of preference: on a
# tie Windows-1252 (Windows, and Latin-1 before it) wins, as it is by far the most common.
# DOS code page 865 (Danish DOS) and Mac OS Roman (classic Mac OS) put æ ø å where Windows-1252
# has typographic marks (865: ‘ › †) or signs (Mac: ¾ ¿ Œ), and each reads the others' letters
# as box drawing, Greek, maths signs or accented capitals: whichever reading gives Danish
# letters inside words, and no such oddities, is the one the file was written in.
_LEGACY_CODECS = ("cp1252", "cp865", "mac_roman")
_BYTE_TABLES = {codec: bytes(range(256)).decode(codec, errors="referatsog.latin1") for codec in _LEGACY_CODECS}
_STRAY_BYTE = re.compile(rb"(?:" + _UTF8_SEQUENCE.pattern + rb")|([\x80-\xff])")  # group 1: a byte outside UTF-8
_SCORED_BYTES = 20_000  # non-ASCII bytes looked at: a few pages of minutes, plenty to tell

_DANISH_LETTERS = frozenset("æøåÆØÅ")
_LOAN_LETTERS = frozenset("éÉüÜöÖäÄ")  # idé, Müller, Öztürk: common in Danish records
# Marks and signs a Danish text in Windows-1252 uses; only the apostrophe, the soft hyphen and
# the middle dot stand inside words.
_TEXT_MARKS = frozenset("–—‘’‚“”„»«‹›…•†€§°½¼¾²³±×©®™·´\u00a0\u00ad")
_MARKS_IN_WORDS = frozenset("’\u00ad·")


def _legacy_codec(data: bytes) -> str:
    """The legacy code page whose reading of `data` looks most like Danish (see `_danishness`).

    >>> [_legacy_codec("Rådet mødes på rådhuset".encode(codec)) for codec in _LEGACY_CODECS]
    ['cp1252', 'cp865', 'mac_roman']
    """
    stray = (m.start(1) for m in _STRAY_BYTE.finditer(data) if m.start(1) >= 0)  # UTF-8 is no evidence
    positions = list(itertools.islice(stray, _SCORED_BYTES))
    scores = {codec: _danishness(data, positions, _BYTE_TABLES[codec]) for codec in _LEGACY_CODECS}
    return max(_LEGACY_CODECS, key=scores.__getitem__)  # the first of equals: Windows-1252


def _danishness(data: bytes, positions: list[int], table: str) -> int:
    """How Danish the characters at `positions` look read through `table` (a code page's 256
    characters), each judged by what stands beside it: a Danish letter beside a letter scores,
    a capital after a small letter ('NÊstved', 'donÆt'), a letter standing alone, a sign
    between two letters ('m°det', 'N¾stved') and a character no Danish text holds cost.

    >>> text = "Rådet mødes på rådhuset".encode("cp865")
    >>> [_danishness(text, [1, 7, 13, 16], _BYTE_TABLES[codec]) for codec in _LEGACY_CODECS]
    [-6, 8, -6]
    """
    score, last = 0, len(data) - 1
    for i in positions:
        char = table[data[i]]
        before = table[data[i - 1]] if i else " "
        after = table[data[i + 1]] if i < last else " "
        if char.isalpha() and char <= "\u024f":  # a Latin letter
            if char.isupper() and before.islower():
                score -= 3
            elif not (before.isalpha() or after.isalpha()):
                score -= 1
            elif char in _DANISH_LETTERS:
                score += 2
            elif char in _LOAN_LETTERS and (char in "éÉ" or (before.isalpha() and after.isalpha())):
                score += 1
            else:
                score -= 1
        elif before.isalpha() and after.isalpha():  # a sign inside a word
            if char not in _MARKS_IN_WORDS:
                score -= 2 if char in _TEXT_MARKS else 3
        elif char not in _TEXT_MARKS:
            score -= 2
    return score


def _utf16_without_bom(sample: bytes) -> TextEncoding | None:
    """Text with NUL bytes is UTF-16 when they sit on one side of each pair; else None."""
    pairs = max(1, len(sample) // 2)
    even, odd = sample[0::2].count(0) / pairs, sample[1::2].count(0) / pairs
    if odd > 0.7 and even < 0.05:
        return TextEncoding("utf-16-le", "replace", web_name="utf-16le")
    if even > 0.7 and odd < 0.05:
        return TextEncoding("utf-16-be", "replace", web_name="utf-16be")
    return None


# Control bytes that text files do hold: tab, line feed, vertical tab, form feed, carriage return, DOS EOF.
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1a")


def _is_binary(sample: bytes) -> bool:
    """Binary data has control bytes all through it (random or compressed data: one byte in ten);
    a text has none, or a stray NUL or two (a crashed editor, a tool that padded the file),
    which are dropped rather than costing the whole file."""
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    return controls > max(2, len(sample) // 200)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_WHATWG_1252 = {"latin1", "latin-1", "iso-8859-1", "iso8859-1", "l1", "ascii", "us-ascii", "windows-1252", "cp1252"}


def decode_html(data: bytes) -> str:
    """Decode an HTML page as `html_encoding` says."""
    return html_encoding(data).decode(data)


def html_encoding(data: bytes) -> TextEncoding:
    """How an HTML page's bytes are read: a BOM, else UTF-8 when the bytes are UTF-8, else the
    page's own `<meta charset>`, else the text rule (`text_encoding`).

    A page saved from a site whose server says UTF-8 (the HTTP header wins in a browser) while
    its template still declares ISO-8859-1 is UTF-8 on disk: read by its declaration it was
    mojibake ('IntegrationsrÃ¥det', found by no search). Legacy text with letters beyond ASCII
    is practically never valid UTF-8 (see `text_encoding`), so valid UTF-8 overrules the meta.
    """
    if data.startswith(tuple(_BOM_ENCODINGS)):
        return text_encoding(data)
    if not data.isascii() and _valid_utf8(data):
        return _UTF8
    match = _META_CHARSET.search(data[:_SAMPLE])
    declared = match.group(1).decode("ascii").lower() if match else ""
    if declared in _WHATWG_1252:  # browsers read "latin-1" pages as Windows-1252
        return _WINDOWS_1252
    if declared and not declared.startswith("utf"):
        try:
            if codecs.lookup(declared).name not in _NOT_WEB_CHARSETS:
                data.decode(declared, errors="replace")
                return TextEncoding(declared, "replace")  # transcoded for browsers: Python's names are not theirs
        except (LookupError, UnicodeError, ValueError):  # unknown, or a codec that cannot replace
            pass
    return text_encoding(data)


def read_encoding(file: BinaryIO, *, html: bool = False) -> TextEncoding:
    """What `text_encoding` (`html_encoding` with `html`) says of the bytes of `file`, read in
    pieces: a UTF-8 file, however large, is never held whole (a page that serves it asks);
    others are read whole, as the indexer reads them. Raises `ExtractError` as they do.
    """
    decide = html_encoding if html else text_encoding
    head = file.read(_SAMPLE)
    if head.startswith(tuple(_BOM_ENCODINGS)):  # a BOM decides alone
        return decide(head)
    if b"\x00" not in head and not _is_binary(head):  # not UTF-16 without a BOM, not binary
        utf8 = _utf8_throughout(head, file)
        if utf8 is not None:  # only ASCII (the same in any charset a page declares) asks the head
            return decide(head) if utf8 == "ascii" else _UTF8
        file.seek(0)
        head = b""
    return decide(head + file.read())


def _utf8_throughout(head: bytes, file: BinaryIO) -> str | None:
    """'utf-8' or 'ascii' when `head` and the rest of `file` are valid UTF-8 (or plain ASCII), else None."""
    checker, ascii_only, chunk = codecs.getincrementaldecoder("utf-8")(), True, head
    try:
        while chunk:
            checker.decode(chunk)
            ascii_only = ascii_only and chunk.isascii()
            chunk = file.read(1 << 16)
        checker.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    return "ascii" if ascii_only else "utf-8"


# Python's codecs that no web page is written in: `data.decode` knows them by name, and with
# them a page's declaration failed the file with Python's English (idna, punycode, undefined)
# or read its backslashes as escapes (unicode_escape).
_NOT_WEB_CHARSETS = frozenset(
    "idna punycode undefined unicode-escape raw-unicode-escape unicode_escape raw_unicode_escape".split()
)


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
