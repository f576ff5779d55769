"""Minutes as PDF files, for the PDF path of the benchmarks: a minimal PDF writer, no dependency.

One Helvetica text line per line of the document (WinAnsi encoding, which holds æ, ø, å
and the dashes Danish minutes use), 58 lines a page, and on every page a running header
(`<Town> Kommune – <Council> – Referat DD.MM.YYYY`) and a footer (`Side N af M`), which
the indexer must strip as it does for real council PDFs. pdfminer reads these files
line by line, as it reads a PDF exported from a word processor.
"""

from __future__ import annotations

from pathlib import Path

LINES_PER_PAGE = 58
_TOP, _LEADING, _LEFT, _SIZE = 800, 12.5, 56, 10


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _page_stream(lines: list[str], header: str, footer: str) -> bytes:
    out = [f"BT /F1 {_SIZE} Tf {_LEADING} TL {_LEFT} {_TOP + 20} Td".encode()]
    if header:
        out.append(b"(" + _escape(header) + b") Tj")
    out.append(f"0 {-20 - _LEADING} Td".encode())
    for line in lines:
        if line.strip():
            out.append(b"(" + _escape(line) + b") Tj")
        out.append(b"T*")
    out.append(b"ET")
    out.append(f"BT /F1 {_SIZE - 1} Tf 480 40 Td".encode() + b" (" + _escape(footer) + b") Tj ET")
    return b"\n".join(out)


def write_pdf(path: Path, lines: list[str], header: str) -> int:
    """Write `lines` as a PDF with a running header (not on page 1) and page footers; returns pages."""
    pages = [lines[i:i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)] or [[]]
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",
                            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for number, page in enumerate(pages, start=1):
        stream = _page_stream(page, header if number > 1 else "", f"Side {number} af {len(pages)}")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content = len(objects)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>" % content)
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids)
    data = bytearray(b"%PDF-1.4\n%\xe6\xf8\xe5\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(data))
    return len(pages)
