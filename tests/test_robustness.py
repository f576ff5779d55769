"""Hostile input, as an administrator's folder really holds it, through `referatsog index` and
`referatsog extract`: one Danish line naming the file and the reason, the run goes on, the
index already built answers as before, nothing hangs and no traceback reaches the user.

Inputs are made in tmp folders. Runs that would hang without the fix they guard run in a
subprocess with a generous timeout, so a regression fails the test instead of stalling the suite.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import PDFS, ROOT, SEEDS, answers
from indexer.extract import ExtractError, extract, is_junk
from indexer.update import OUTSIDE_ROOT
from search import SearchRequest, open_index

MINUTES_2015 = "naestved-integrationsraadet-referat-2015-05-21.txt"
HANG = 90  # seconds: far beyond what any of these runs needs; only a hang gets near it


def cli(*args: str | bytes | Path, setup: str = "") -> subprocess.CompletedProcess[str]:
    """`referatsog ARGS` in a fresh process (after `setup`, Python run first), with a timeout."""
    code = f"{setup}\nfrom indexer.cli import main\nmain()"
    command = [sys.executable, "-c", code, *(a if isinstance(a, bytes) else str(a) for a in args)]
    result = subprocess.run(command, capture_output=True, cwd=ROOT, timeout=HANG)
    out = subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode("utf-8"),
                                      result.stderr.decode("utf-8"))
    assert "Traceback" not in out.stdout + out.stderr, out.stderr
    return out


def skipped_lines(output: str) -> dict[str, str]:
    """The summary's `  source: reason` lines under "Sprunget over:"."""
    lines = output.split("Sprunget over:\n", 1)[1].splitlines() if "Sprunget over:" in output else []
    return dict(line.strip().split(": ", 1) for line in lines if line.startswith("  "))


def outline(document) -> list[tuple]:
    return [(p.item_number, p.title, p.case_handler, p.case_number, p.decision) for p in document.passages]


def seed_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    return corpus


def pdf(*objects: bytes) -> bytes:
    """A PDF of these objects (numbered from 1, the first the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# The catalog's page tree is object 2, which is a reference to 3, which refers back to 2:
# pdfminer resolves references in a `while` loop and never comes back.
REFERENCE_LOOP_PDF = pdf(b"<< /Type /Catalog /Pages 2 0 R >>", b"3 0 R", b"2 0 R")
# A time limit short enough for tests (the real one is minutes).
QUICK_LIMIT = "import indexer.pipeline as p; p.READ_SECONDS = 2; p.READ_SECONDS_PER_MB = 0"
GIVEN_UP = "opgivet efter 2 s: filen tager for lang tid at læse (en beskadiget eller usædvanlig tung fil)"


# --- a FIFO or a device in an indexed file's place ------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "link-to-dev-zero"])
def test_a_fifo_or_a_device_in_an_indexed_files_place_is_reported_and_never_waited_on(tmp_path, kind):
    corpus = seed_corpus(tmp_path)
    shutil.copy(SEEDS / MINUTES_2015, corpus / "kopi.txt")  # the same meeting again: searches count it once
    index_dir = tmp_path / "index"
    assert cli("index", corpus, "--index-dir", index_dir, "-q").returncode == 0
    before = answers(index_dir)

    (corpus / "kopi.txt").unlink()
    if kind == "fifo":  # no writer ever opens it: reading it (or hashing it) blocks for ever
        os.mkfifo(corpus / "kopi.txt")
    else:  # endless bytes: hashing it never ends
        os.symlink("/dev/zero", corpus / "kopi.txt")
    result = cli("index", corpus, "--index-dir", index_dir, "-q")

    assert result.returncode == 0, result.stderr
    if kind == "fifo":  # still listed in its place: what was indexed from it is kept, and said so
        assert skipped_lines(result.stdout) == {}
        assert ("Beholdt fra sidste kørsel: kopi.txt (kunne ikke læses denne gang: "
                "ikke en almindelig fil (enhed, socket eller pipe))") in result.stdout.splitlines()
    else:
        assert skipped_lines(result.stdout) == {"kopi.txt": OUTSIDE_ROOT}  # never followed
    assert {q: total for q, (total, _) in answers(index_dir).items()} == {q: total for q, (total, _) in before.items()}


def test_extract_names_a_link_in_a_ring_or_to_nothing_for_what_it_is(tmp_path):
    os.symlink("b.txt", tmp_path / "a.txt")
    os.symlink("a.txt", tmp_path / "b.txt")
    os.symlink("findes-ikke.txt", tmp_path / "doed.txt")

    ring, dangling = cli("extract", tmp_path / "a.txt"), cli("extract", tmp_path / "doed.txt")

    assert (ring.returncode, ring.stderr.splitlines()[-1].endswith("kan ikke følges: symbolsk link i ring.")) == (2, True)
    assert dangling.stderr.splitlines()[-1].endswith("kan ikke følges: symbolsk link peger på en fil, der ikke findes.")


# --- a file the OS will not give us this time ------------------------------------------------------


@pytest.mark.parametrize("errno_", [5, 13, 116], ids=["EIO", "EACCES", "ESTALE"])
def test_a_changed_file_that_cannot_be_read_this_time_keeps_what_was_indexed(tmp_path, monkeypatch, errno_):
    from indexer.update import update_index

    corpus = seed_corpus(tmp_path)
    roskilde = corpus / "roskilde-integrationsraadet-referat-2026-06-04.txt"
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir, workers=1)
    before = answers(index_dir)
    roskilde.write_text(roskilde.read_text(encoding="utf-8") + "\nTilføjet: havnebadet.\n", encoding="utf-8")
    real_open = os.open

    def failing(file, *args, **kwargs):  # the share hiccups, the disk has a bad sector, access is withdrawn
        if os.fspath(file) == str(roskilde):
            raise OSError(errno_, os.strerror(errno_), os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", failing)
    report = update_index([corpus], index_dir, workers=1)

    assert [s.reason.endswith(" – den tidligere indekserede udgave beholdes") for s in report.skipped] == [True]
    assert answers(index_dir) == before
    monkeypatch.setattr(os, "open", real_open)  # the next run reads it
    assert update_index([corpus], index_dir, workers=1).indexed == 1
    index = open_index(index_dir)
    assert index.search(SearchRequest(query="havnebadet")).total == 1
    index.close()


# --- names that are not UTF-8 --------------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_one_danish_line_and_the_rest_is_indexed(tmp_path):
    corpus = seed_corpus(tmp_path)
    bad = os.fsencode(corpus) + b"/r\xf8dovre-referat.txt"  # "rødovre" in Latin-1, as an old share names it
    shutil.copy(SEEDS / MINUTES_2015, bad)
    os.makedirs(os.fsencode(corpus) + b"/m\xf8der")
    shutil.copy(SEEDS / MINUTES_2015, os.fsencode(corpus) + b"/m\xf8der/ok.txt")
    index_dir = tmp_path / "index"

    result = cli("index", corpus, "--index-dir", index_dir)

    reason = "navnet har tegn, der ikke er UTF-8 (vist som \\xNN) – omdøb filen eller mappen"
    assert result.returncode == 0
    assert skipped_lines(result.stdout) == {"m\\xf8der/ok.txt": reason, "r\\xf8dovre-referat.txt": reason}
    assert "5 filer indekseret" in result.stdout
    assert all(total > 0 for total, _ in answers(index_dir).values())

    extracted = cli("extract", bad)
    assert extracted.returncode == 1
    assert extracted.stderr.strip().endswith(f"r\\xf8dovre-referat.txt: {reason}")


def test_no_error_is_reported_in_pythons_english_because_it_happens_to_have_a_reason(tmp_path, monkeypatch):
    from indexer import pipeline
    from indexer.update import update_index

    corpus = seed_corpus(tmp_path)

    def failing(path: Path, root: Path):
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    monkeypatch.setattr(pipeline, "read_document", failing)
    report = update_index([corpus / MINUTES_2015], tmp_path / "index", workers=1)

    assert [s.reason for s in report.skipped] == ["kunne ikke behandles (UnicodeDecodeError: 'utf-8' codec can't "
                                                  "decode byte 0xff in position 0: invalid start byte)"]


# --- HTML that names a charset no web page is written in -----------------------------------------


@pytest.mark.parametrize("charset", ["idna", "punycode", "undefined", "unicode-escape", "raw_unicode_escape"])
def test_a_page_declaring_a_python_only_codec_is_read_by_the_text_rule(tmp_path, charset):
    page = f'<html><head><meta charset="{charset}"></head><body><p>Rådet godkendte C:\\new\\x41.</p></body></html>'
    path = tmp_path / "referat.html"
    path.write_bytes(page.encode("utf-8"))

    assert extract(path, tmp_path).pages[0].text == "Rådet godkendte C:\\new\\x41.\n"


def test_a_page_declaring_latin1_but_saved_as_utf8_is_read_as_utf8(tmp_path):
    # The server said UTF-8 in its HTTP header (a browser believes that); the template's meta
    # was never updated; saved to disk, only the meta is left.
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Integrationsrådet – Søren Ærø</p></body></html>'
    path = tmp_path / "referat.html"
    path.write_bytes(page.encode("utf-8"))

    assert extract(path, tmp_path).pages[0].text == "Integrationsrådet – Søren Ærø\n"


def test_markup_without_an_html_element_is_read_as_a_page_whatever_its_name(tmp_path):
    from indexer.pipeline import read_document

    body = "".join(f"<p>{line}</p>\n" for line in (SEEDS / MINUTES_2015).read_text(encoding="utf-8").splitlines())
    page = f'<head><meta charset="utf-8"><title>Referat</title><script>track("x")</script></head><body>{body}</body>'
    (tmp_path / "referat.txt").write_text(page, encoding="utf-8")
    (tmp_path / "fragment.txt").write_text(f'<div class="referat"><script>track("y")</script>{body}</div>'.replace("\n", ""),
                                           encoding="utf-8")

    for name in ("referat.txt", "fragment.txt"):
        document = read_document(tmp_path / name, tmp_path)
        assert extract(tmp_path / name, tmp_path).kind == "html"
        assert outline(document) == outline(read_document(SEEDS / MINUTES_2015, SEEDS))
        assert "track" not in "".join(p.text for p in document.passages)
    # Markdown may open with inline HTML (a centred logo, pandoc's <div>s) and is still markdown.
    readme = '<p align="center"><img src="logo.png"></p>\n\n# Referat\n\nMødet blev holdt.\n'
    (tmp_path / "referat.md").write_text(readme, encoding="utf-8")
    (tmp_path / "pandoc.md").write_text('<div class="referat">\n\n# Referat\n\nMødet blev holdt.\n\n</div>\n',
                                        encoding="utf-8")
    assert extract(tmp_path / "referat.md", tmp_path).kind == extract(tmp_path / "pandoc.md", tmp_path).kind == "markdown"


def test_a_page_without_head_or_body_keeps_its_title_out_of_the_first_item(tmp_path):
    from indexer.pipeline import read_document

    lines = (SEEDS / MINUTES_2015).read_text(encoding="utf-8").splitlines()
    (tmp_path / "referat.html").write_text("<title>Referat</title>" + "<br>".join(lines), encoding="utf-8")

    assert outline(read_document(tmp_path / "referat.html", tmp_path)) == outline(read_document(SEEDS / MINUTES_2015, SEEDS))


def test_a_script_inside_a_markdown_file_is_not_read_as_words(tmp_path):
    from indexer.pipeline import read_document

    text = (SEEDS / MINUTES_2015).read_text(encoding="utf-8")
    script = '<script type="text/javascript">\nvar tracker = "sporingskode";\n</script>\n'
    (tmp_path / "referat.md").write_text(text.replace(" 12. Nyt fra", script + " 12. Nyt fra"), encoding="utf-8")
    (tmp_path / "uden.md").write_text(text.replace(" 12. Nyt fra", "\n\n\n 12. Nyt fra"), encoding="utf-8")

    document = read_document(tmp_path / "referat.md", tmp_path)

    assert "sporingskode" not in "".join(p.text for p in document.passages)
    assert [p.line for p in document.passages] == [p.line for p in read_document(tmp_path / "uden.md", tmp_path).passages]


def test_a_pdf_stream_that_unpacks_to_more_than_the_bound_is_refused_before_it_fills_memory(tmp_path, monkeypatch):
    import zlib

    from indexer import pdftext

    monkeypatch.setattr(pdftext, "MAX_STREAM_BYTES", 2**20)  # the real bound is 128 MB
    packed = zlib.compress(b"BT /F1 12 Tf 50 800 Td (Referat) Tj ET " + b" " * (3 * 2**20), 9)
    (tmp_path / "bombe.pdf").write_bytes(pdf(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ))

    with pytest.raises(ExtractError) as caught:
        extract(tmp_path / "bombe.pdf", tmp_path)

    assert caught.value.reason == "PDF med indhold, der fylder over 1 MB udpakket (en beskadiget fil eller en 'zip-bombe')"
    for name in ("referat-2015-05-21.pdf", "aarsberetning-2019.pdf"):  # real PDFs are far inside the bound
        assert extract(PDFS / name, PDFS).page_count > 1


# --- a time limit per file ------------------------------------------------------------------------



def test_a_pdf_whose_page_tree_refers_to_itself_is_given_up_and_the_run_goes_on(tmp_path):
    corpus = seed_corpus(tmp_path)
    (corpus / "loekke.pdf").write_bytes(REFERENCE_LOOP_PDF)
    index_dir = tmp_path / "index"

    started = time.monotonic()
    result = cli("index", corpus, "--index-dir", index_dir, setup=QUICK_LIMIT)

    assert result.returncode == 0, result.stderr
    assert skipped_lines(result.stdout) == {"loekke.pdf": GIVEN_UP}
    assert "5 filer indekseret" in result.stdout
    assert time.monotonic() - started < HANG / 2

    extracted = cli("extract", corpus / "loekke.pdf", setup=QUICK_LIMIT)
    assert (extracted.returncode, extracted.stderr.strip()[-len(GIVEN_UP):]) == (1, GIVEN_UP)


def test_read_document_gives_up_in_time_and_leaves_no_timer_behind(tmp_path):
    (tmp_path / "loekke.pdf").write_bytes(REFERENCE_LOOP_PDF)
    script = f"""{QUICK_LIMIT}
import signal, sys
from pathlib import Path
from indexer.extract import ExtractError
from indexer.pipeline import read_document
try:
    read_document(Path(sys.argv[1]), Path(sys.argv[1]).parent)
except ExtractError as error:
    print(error.reason)
print(signal.getitimer(signal.ITIMER_REAL), signal.getsignal(signal.SIGALRM) == signal.SIG_DFL)
print(len(read_document(Path(sys.argv[2]), Path(sys.argv[2]).parent).passages) > 0)
"""
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "loekke.pdf"), str(SEEDS / MINUTES_2015)],
                            capture_output=True, text=True, cwd=ROOT, timeout=HANG)

    assert result.stdout.splitlines() == [GIVEN_UP, "(0.0, 0.0) True", "True"], result.stderr


def test_the_time_limit_grows_with_the_files_size(tmp_path, monkeypatch):
    from indexer import pipeline

    monkeypatch.setattr(pipeline, "READ_SECONDS", 100.0)
    monkeypatch.setattr(pipeline, "READ_SECONDS_PER_MB", 10.0)
    (tmp_path / "stor.pdf").write_bytes(b"%PDF-1.4\n" + b" " * (3 * 2**20 - 9))

    assert pipeline.time_limit_for(tmp_path / "stor.pdf") == pytest.approx(130.0)
    assert pipeline.time_limit_for(tmp_path / "findes-ikke.pdf") == 100.0


# --- a folder of everything that goes wrong, after a good index -------------------------------------

# English system texts, Python exception names, byte and PDF object reprs: never in what a user reads.
LEAKS = ("Traceback", "Error", "Exception", "errno", "b'", "<PDF", "/Root", "surrogates", "codec")


def hostile_folder(folder: Path) -> tuple[set[str], set[str]]:
    """Files an administrator's folder really holds that cannot be indexed, and editor/OS junk.

    Returns (the sources that must each get one line, the junk that must get none)."""
    folder.mkdir()
    pdf_bytes = (PDFS / "referat-2015-05-21.pdf").read_bytes()
    files: dict[str, bytes] = {
        "tom.txt": b"",
        "blank.txt": b" \r\n\t\n\f\n",
        "blank-utf16.txt": " \n \n".encode("utf-16"),
        "binaer.txt": bytes(range(256)) * 8,
        "billede.pdf": b"\x89PNG\r\n\x1a\n" + bytes(100),
        "fejlside.html": b"<!DOCTYPE html><html><head><title>404 Siden blev ikke fundet</title></head><body>x</body></html>",
        "uden-sider.pdf": pdf(b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"),
        "loekke.pdf": REFERENCE_LOOP_PDF,
        **{f"afkortet-{cut:05d}.pdf": pdf_bytes[:cut] for cut in range(1000, len(pdf_bytes), len(pdf_bytes) // 24)},
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    os.mkfifo(folder / "fifo.txt")
    os.symlink("loop-b.txt", folder / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    os.symlink("findes-ikke.pdf", folder / "doed-link.pdf")
    (folder / "mappe.pdf").mkdir()
    shutil.copy(SEEDS / MINUTES_2015, os.fsencode(folder) + b"/r\xf8dovre.txt")
    bad = {f"{folder.name}/{name}" for name in [*files, "fifo.txt", "loop-a.txt", "loop-b.txt", "doed-link.pdf"]}
    bad.add(f"{folder.name}/r\\xf8dovre.txt")
    junk = {"~$referat.pdf", ".#referat.txt", "referat.txt~", "#referat.txt#", ".skjult.txt", "Thumbs.db", "x.pdf.part"}
    for name in junk:
        (folder / name).write_bytes(b"\x00junk")
    return bad, {f"{folder.name}/{name}" for name in junk}


def test_a_folder_of_bad_files_costs_the_index_nothing_and_each_gets_one_danish_line(tmp_path):
    corpus = seed_corpus(tmp_path)
    index_dir = tmp_path / "index"
    assert cli("index", corpus, "--index-dir", index_dir, "-q").returncode == 0
    before = answers(index_dir)
    bad, junk = hostile_folder(corpus / "indbakke")

    result = cli("index", corpus, "--index-dir", index_dir, setup=QUICK_LIMIT)
    strict = cli("index", corpus, "--index-dir", index_dir, "--strict", "-q", setup=QUICK_LIMIT)

    assert result.returncode == 0, result.stderr
    lines = skipped_lines(result.stdout)
    assert set(lines) == bad
    assert not junk & set(lines) and not any(name in result.stdout + result.stderr for name in junk)
    assert all(reason and not any(leak in reason for leak in LEAKS) for reason in lines.values()), lines
    assert not any(leak in result.stdout + result.stderr for leak in LEAKS)
    assert answers(index_dir) == before
    # with -q, what the run before skipped as it is now is counted, not named again (a link, a loop)
    listed = set(skipped_lines(strict.stdout))
    again = re.search(r"Sprunget over som ved sidste kørsel \(uændrede, ikke læst igen\): (\d+) fil", strict.stdout)
    assert strict.returncode == 1 and listed <= bad
    assert len(listed) + (int(again.group(1)) if again else 0) == len(bad), strict.stdout
    assert answers(index_dir) == before


# --- invisible characters and other line breaks in text ------------------------------------------


@pytest.mark.parametrize("mark", ["\u200b", "\u200c", "\u200d", "\u200e", "\u2060", "\ufeff", "\u202a"],
                         ids=["zero-width-space", "zwnj", "zwj", "lrm", "word-joiner", "bom", "lre"])
def test_invisible_characters_inside_words_change_nothing(tmp_path, mark):
    from indexer.pipeline import read_document

    text = (SEEDS / MINUTES_2015).read_text(encoding="utf-8")
    for word in ("Sagsbehandler", "BESLUTNING", "flygtninge", "Godkendelse"):
        text = text.replace(word, word[:4] + mark + word[4:])
    (tmp_path / "referat.txt").write_text(text, encoding="utf-8")

    document = read_document(tmp_path / "referat.txt", tmp_path)

    assert outline(document) == outline(read_document(SEEDS / MINUTES_2015, SEEDS))
    assert mark not in "".join(p.text for p in document.passages)


@pytest.mark.parametrize("separator", ["\x0b", "\u2028", "\u2029"], ids=["vertical-tab", "line-sep", "paragraph-sep"])
def test_lines_broken_by_other_line_separators_are_lines(tmp_path, separator):
    from indexer.pipeline import read_document

    text = (SEEDS / MINUTES_2015).read_text(encoding="utf-8").replace("\n", separator)
    (tmp_path / "referat.txt").write_text(text, encoding="utf-8")

    assert outline(read_document(tmp_path / "referat.txt", tmp_path)) == outline(read_document(SEEDS / MINUTES_2015, SEEDS))


@pytest.mark.parametrize("hyphen", ["\u2010", "\u2011"], ids=["hyphen", "non-breaking-hyphen"])
def test_typographic_hyphens_in_case_numbers_and_names_are_the_hyphen(tmp_path, hyphen):
    from indexer.pipeline import read_document

    text = (SEEDS / MINUTES_2015).read_text(encoding="utf-8")
    text = text.replace("00.01.00-A21-1-14", "00.01.00-A21-1-14".replace("-", hyphen)).replace("Waage-", "Waage" + hyphen)
    (tmp_path / "referat.txt").write_text(text, encoding="utf-8")

    assert outline(read_document(tmp_path / "referat.txt", tmp_path)) == outline(read_document(SEEDS / MINUTES_2015, SEEDS))


# --- legacy and damaged text -----------------------------------------------------------------------


def test_a_stray_nul_byte_early_in_a_text_costs_the_nul_not_the_file(tmp_path):
    from indexer.pipeline import read_document

    text = (SEEDS / MINUTES_2015).read_text(encoding="utf-8")
    # A NUL in the first 4 KB refused the file as binary; one later was simply dropped.
    (tmp_path / "referat.txt").write_bytes(text[:900].encode() + b"\x00" + text[900:].encode())

    assert outline(read_document(tmp_path / "referat.txt", tmp_path)) == outline(read_document(SEEDS / MINUTES_2015, SEEDS))


def test_binary_data_without_nul_bytes_is_refused_not_indexed_as_text(tmp_path):
    (tmp_path / "data.txt").write_bytes(bytes(range(1, 256)) * 8)

    with pytest.raises(ExtractError) as caught:
        extract(tmp_path / "data.txt", tmp_path)

    assert caught.value.reason == "binær fil, ikke tekst (indeholder styretegn)"


def test_a_mac_roman_text_reads_with_correct_danish_letters(tmp_path):
    text = "Fraværende: Søren Ærø og Åse – Rådet godkendte ændringen på mødet.\n"
    (tmp_path / "referat.txt").write_bytes(text.encode("mac_roman"))

    assert extract(tmp_path / "referat.txt", tmp_path).pages[0].text == text


# --- editors' leftovers -----------------------------------------------------------------------------


def test_an_emacs_auto_save_file_is_left_alone_like_other_editor_leftovers():
    assert is_junk(Path("#referat.txt#"))
    assert not is_junk(Path("#1 referat.txt")) and not is_junk(Path("#"))


# --- files whose content is not what their name says -------------------------------------------------


def _minutes_page(seed: str = MINUTES_2015) -> str:
    """The seed minutes as a web page, each line a paragraph, with a style and a script."""
    body = "".join(f"<p>{line.replace('&', '&amp;')}</p>\n" for line in (SEEDS / seed).read_text(encoding="utf-8").splitlines())
    return (f"<html><head><title>Referat</title><style>p {{ margin: 0 }}</style></head><body>"
            f"<script>track('sporingskode')</script>{body}</body></html>\n")


SAVED_PAGES = {  # a web page saved with a .txt name, as browsers and editors write one
    "doctype": ("<!DOCTYPE html>\n" + _minutes_page()).encode("utf-8"),
    "xhtml": ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
              '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n' + _minutes_page()).encode("utf-8"),
    "saved-from": ("\r\n<!-- saved from url=(0040)https://www.naestved.dk/referat/2015-05 -->\r\n"
                   + _minutes_page()).encode("utf-8"),
    "utf-16-notepad": ("<!DOCTYPE html>\n" + _minutes_page()).encode("utf-16"),
    "utf-16-no-bom": ("<!DOCTYPE html>\n" + _minutes_page()).encode("utf-16-le"),
}


@pytest.mark.parametrize("page", SAVED_PAGES.values(), ids=SAVED_PAGES.keys())
def test_a_web_page_saved_as_txt_is_read_as_a_page_with_a_notice(tmp_path, page):
    """An XHTML page (its XML declaration first) and a page Notepad saved as "Unicode" were
    read as text: the markup was stripped line by line, the style and script stayed as words,
    and item 11 was lost in the page's one long line."""
    from indexer.pipeline import read_document

    (tmp_path / "referat.txt").write_bytes(page)

    document = read_document(tmp_path / "referat.txt", tmp_path)

    assert extract(tmp_path / "referat.txt", tmp_path).kind == "html"
    assert outline(document) == outline(read_document(SEEDS / MINUTES_2015, SEEDS))
    assert not any(word in p.text for p in document.passages for word in ("margin", "track", "sporingskode"))
    assert document.notices == ("læst som HTML: filen er en webside gemt som .txt (omdøb den til .html, så "
                                "kildefilen vises som side)",)


def test_an_html_file_of_plain_text_keeps_its_lines_and_its_entities_are_characters(tmp_path):
    """Read as a page, its line breaks ran together: the whole minutes became one item."""
    from indexer.pipeline import read_document

    text = (SEEDS / MINUTES_2015).read_text(encoding="utf-8")
    (tmp_path / "referat.html").write_text(text.replace("Næstved", "N&aelig;stved"), encoding="utf-8")
    (tmp_path / "referat.htm").write_text(text, encoding="utf-8")
    (tmp_path / "afsnit.html").write_text("<p>Integrationsrådet</p>\n\n<p>Referat</p>\n", encoding="utf-8")

    for name in ("referat.html", "referat.htm"):
        document = read_document(tmp_path / name, tmp_path)
        assert extract(tmp_path / name, tmp_path).kind == "text"
        assert outline(document) == outline(read_document(SEEDS / MINUTES_2015, SEEDS))
        assert document.municipality == "Næstved"
        assert document.notices == (f"læst som tekst: filen hedder .{name.split('.')[1]}, men er ikke HTML (omdøb "
                                    "den til .txt, så kildefilen vises med sine linjeskift)",)
    fragment = extract(tmp_path / "afsnit.html", tmp_path)  # markup without <html>, under its own name
    assert (fragment.kind, fragment.notices) == ("html", ())


def test_a_misnamed_file_is_indexed_and_named_once_under_notices_in_the_summary_and_by_extract(tmp_path):
    corpus = seed_corpus(tmp_path)
    (corpus / "side.txt").write_bytes(SAVED_PAGES["xhtml"])

    result = cli("index", corpus, "--index-dir", tmp_path / "index", "--strict")
    again = cli("index", corpus, "--index-dir", tmp_path / "index")
    extracted = cli("extract", corpus / "side.txt")

    assert result.returncode == 0, result.stdout + result.stderr
    notices = result.stdout.split("Bemærkninger:\n", 1)[1].splitlines()
    assert notices[0].startswith("  side.txt: læst som HTML: filen er en webside gemt som .txt")
    assert len(notices) == 1 and "Sprunget over" not in result.stdout
    assert "Bemærkninger" not in again.stdout  # unchanged files are not read, so not noted again
    assert extracted.stderr.startswith("Bemærkning: side.txt: læst som HTML") and "Modtagelse af flygtninge" in extracted.stdout


# --- a text past the size bounds ----------------------------------------------------------------------


def endless(characters: int) -> str:
    """Words with no line break, `characters` of them, from 'forsidemærke' to 'slutmærke'."""
    words = "kommunen rådet besluttede at godkende indstillingen om boligplacering af flygtninge i Næstved".split()
    body = " ".join(words[i % len(words)] for i in range(characters // 7))
    return f"forsidemærke {body} slutmærke"


def test_a_text_past_the_bounds_is_cut_with_one_notice_each_naming_the_file_and_the_rest_is_indexed(tmp_path, monkeypatch):
    """A 50 MB file without line breaks took 15 minutes and a GB of memory to become one
    passage of 50 million characters; the bounds (10 million per file, 1 million per passage)
    make it 9 s and 220 MB. Here both are scaled down with the files: an item with a data dump
    pasted into it, and 3 MB of words without a line break."""
    import indexer.files
    import indexer.pipeline
    from indexer.enrich import NOT_A_COUNCIL_DOCUMENT
    from indexer.pipeline import read_document
    from indexer.progress import format_summary
    from indexer.update import update_index

    monkeypatch.setattr(indexer.files, "MAX_TEXT_CHARS", 1_000_000)
    monkeypatch.setattr(indexer.pipeline, "MAX_PASSAGE_CHARS", 100_000)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    minutes = (SEEDS / MINUTES_2015).read_text(encoding="utf-8")
    at = minutes.index("SAGSFREMSTILLING \n", minutes.index(" 15. Modtagelse af flygtninge")) + len("SAGSFREMSTILLING \n")
    (corpus / "referat.txt").write_text(f"{minutes[:at]}{endless(600_000)}\n{minutes[at:]}", encoding="utf-8")
    (corpus / "uden-linjeskift.txt").write_text(endless(3 * 2**20), encoding="utf-8")

    report = update_index([corpus], tmp_path / "index")

    assert report.skipped == () and report.indexed == 2
    notices = [str(n) for n in report.notices]
    assert notices[0].startswith("referat.txt: punkt 15 «Modtagelse af flygtninge» er afkortet: kun de første "
                                 "100.000 af dets 6") and notices[0].endswith(" tegn er indekseret")
    assert notices[1].startswith("uden-linjeskift.txt: kun de første 999.9") and notices[1].endswith(
        f" af filens {len(endless(3 * 2**20)):,} tegn er læst (grænsen er 1.000.000 tegn pr. fil)".replace(",", "."))
    assert notices[2] == f"uden-linjeskift.txt: {NOT_A_COUNCIL_DOCUMENT}"  # words only: no municipality, date or item
    assert notices[3].startswith("uden-linjeskift.txt: afsnittet «") and " er afkortet: kun de første 100.000 " in notices[3]
    assert len(notices) == 4
    assert "\nBemærkninger:\n  referat.txt: punkt 15 «Modtagelse af flygtninge» er afkortet" in format_summary(report)
    index = open_index(tmp_path / "index")
    whole = read_document(SEEDS / MINUTES_2015, SEEDS)
    cut = index.document(index.sources()["referat.txt"]["document_id"])
    assert [p.title for p in cut] == [p.title for p in whole.passages]
    for before, after in zip(whole.passages, cut):
        if after.title != "Modtagelse af flygtninge":
            assert (after.text, after.decision) == (before.text, before.decision)
            continue
        assert after.decision == before.decision  # first among the sections, so kept whole
        assert after.text.endswith("\n\n[…]") and len(after.text) <= 100_000 + 5
        assert sum(len(s.text) for s in after.sections) <= 100_000 + 5
    assert index.search(SearchRequest(query="forsidemærke")).total == 2
    assert index.search(SearchRequest(query="slutmærke")).total == 0  # past the bounds: not read
    index.close()


def test_a_pdf_past_the_bound_is_read_to_the_page_where_it_is_reached(tmp_path, monkeypatch):
    import indexer.files

    shutil.copy(PDFS / "referat-2015-05-21.pdf", tmp_path / "referat.pdf")
    whole = extract(tmp_path / "referat.pdf", tmp_path)
    monkeypatch.setattr(indexer.files, "MAX_TEXT_CHARS", len(whole.pages[0].text) + len(whole.pages[1].text) // 2)

    cut = extract(tmp_path / "referat.pdf", tmp_path)

    assert [p.number for p in cut.pages] == [1, 2] and cut.pages[0] == whole.pages[0]
    assert whole.pages[1].text.startswith(cut.pages[1].text.removesuffix("\n[…]\n"))
    read, total = sum(len(p.text) for p in cut.pages) - len("\n[…]\n"), sum(len(p.text) for p in whole.pages)
    assert (read, total, indexer.files.MAX_TEXT_CHARS) == (1177, 16491, 1205)
    assert cut.notices == ("kun de første 1.177 af filens 16.491 tegn er læst, til og med side 2 af 10 "
                           "(grænsen er 1.205 tegn pr. fil)",)


def test_the_bounds_leave_every_real_document_whole():
    from indexer.files import MAX_TEXT_CHARS
    from indexer.pipeline import MAX_PASSAGE_CHARS, read_document

    documents = [read_document(path, SEEDS) for path in sorted(SEEDS.glob("*.txt"))]

    assert all(d.notices == () for d in documents)
    assert max(len(p.text) for d in documents for p in d.passages) * 100 < MAX_PASSAGE_CHARS < MAX_TEXT_CHARS
