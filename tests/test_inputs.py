"""Awkward inputs from real file shares: OS errors, broken PDFs, symbolic links, DOS text, index folders.

Whatever goes wrong, the user reads Danish: one line naming the file and the reason, never
the OS's or pdfminer's English, never a Python class name or a byte repr.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import raw_pdf
from indexer.extract import ExtractError, decode_text, extract
from indexer.models import Skipped
from indexer.pipeline import read_document
from indexer.update import OUTSIDE_ROOT, update_index
from search import open_index

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PDFS = Path(__file__).resolve().parent / "fixtures" / "pdf"
MINUTES_2015 = "naestved-integrationsraadet-referat-2015-05-21.txt"
ROSKILDE = "roskilde-integrationsraadet-referat-2026-06-04.txt"
AARSBERETNING_2019 = "naestved-integrationsraadet-aarsberetning-2019.txt"

# What must never reach a user: English system texts, Python exception names, byte reprs, PDF object reprs.
LEAKS = re.compile(r"Permission denied|No such file|Too many levels|[A-Za-z]+(Error|Exception)\b|b'|\\x[0-9a-f]{2}|<PDF|/Root|Is this")


def cli(*args: str | Path, privileged: bool = True) -> subprocess.CompletedProcess[str]:
    """`referatsog ARGS` in a fresh process, as a user runs it (no test framework's log handlers)."""
    command = [sys.executable, "-c", "from indexer.cli import main; main()", *map(str, args)]
    if not privileged:
        command = _unprivileged(command)
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120)


def _unprivileged(command: list[str]) -> list[str]:
    """`command` run without root's power to read anything (file modes apply again)."""
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    drop = ["--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"]
    if setpriv is None or subprocess.run([setpriv, *drop, "--", "true"], capture_output=True).returncode != 0:
        pytest.skip("root reads every file, and setpriv cannot drop that here")
    return [setpriv, *drop, "--", *command]


def skipped_lines(output: str) -> dict[str, str]:
    """The summary's `  source: reason` lines under "Sprunget over:"."""
    lines = output.split("Sprunget over:\n", 1)[1].splitlines() if "Sprunget over:" in output else []
    return dict(line.strip().split(": ", 1) for line in lines if line.startswith("  "))


# --- 1. the OS's errors, in Danish ---------------------------------------------------------------


def test_an_unreadable_file_and_folder_are_reported_in_danish_without_the_oss_english(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "laast").mkdir(parents=True)
    shutil.copy(SEEDS / MINUTES_2015, corpus / MINUTES_2015)
    shutil.copy(SEEDS / ROSKILDE, corpus / "laast" / ROSKILDE)
    secret = corpus / "hemmelig.txt"
    shutil.copy(SEEDS / ROSKILDE, secret)
    secret.chmod(0)
    (corpus / "laast").chmod(0)
    try:
        result = cli("index", corpus, "--index-dir", tmp_path / "index", privileged=False)
    finally:
        (corpus / "laast").chmod(0o755)
        secret.chmod(0o644)

    assert result.returncode == 0, result.stderr
    assert skipped_lines(result.stdout) == {"hemmelig.txt": "ingen læseadgang", "laast/": "mappen kan ikke læses (ingen adgang)"}
    assert not LEAKS.search(result.stdout + result.stderr)


def test_a_named_folder_that_cannot_be_read_is_refused_in_one_line(tmp_path):
    """`referatsog index <folder without read access>` printed click's usage block and exit 2 (a
    mistyped argument); a folder inside the corpus is a skipped file (above), the named one is
    the whole run's input: refused as a missing folder is, exit 1, nothing written."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / MINUTES_2015, corpus / MINUTES_2015)
    corpus.chmod(0)
    try:
        result = cli("index", corpus, "--index-dir", tmp_path / "index", privileged=False)
    finally:
        corpus.chmod(0o755)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.strip().splitlines()[-1] == f"Fejl: mappen kan ikke læses (ingen adgang): {corpus}"
    assert "Brug:" not in result.stderr and not (tmp_path / "index").exists()


def test_a_file_that_fails_in_the_middle_of_a_run_is_told_in_danish(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / MINUTES_2015, corpus / MINUTES_2015)
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    (corpus / MINUTES_2015).write_text((SEEDS / MINUTES_2015).read_text(encoding="utf-8") + "\nTilføjet.\n", encoding="utf-8")
    real_open = os.open

    def open_failing(file, *args, **kwargs):  # the hash of a changed file: a share gone away
        if os.path.basename(os.fspath(file)) == MINUTES_2015:
            raise OSError(116, "Stale file handle", os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_failing)
    report = update_index([corpus], index_dir)

    assert report.skipped == (Skipped(MINUTES_2015, "kan ikke læses (netværksdrevet svarer ikke) – den tidligere indekserede udgave beholdes"),)


# --- 2. broken PDFs: a short Danish reason, and pdfminer says nothing itself -----------------------


def build_pdf(*contents: bytes, font: bytes = b"/Kommunefont") -> bytes:
    """A small PDF with one page per content stream, xref offsets right, in one Type 1 font.

    The font has a descriptor without a FontBBox, which makes pdfminer log a warning
    ("Could not get FontBBox ...") for every page, as many real council PDFs do.
    """
    return raw_pdf(contents,
                   b"<< /Type /Font /Subtype /Type1 /BaseFont %s /FirstChar 32 /LastChar 255 /Widths [%s] /FontDescriptor 4 0 R >>"
                   % (font, b" ".join([b"500"] * 224)),
                   b"<< /Type /FontDescriptor /FontName %s /Flags 32 >>" % font)


def text_page(*lines: str) -> bytes:
    shown = b" T* ".join(b"(%s) Tj" % line.encode("latin-1") for line in lines)
    return b"BT /F1 11 Tf 14 TL 72 760 Td " + shown + b" ET"


GOOD_PAGE = text_page("1. Godkendelse af dagsorden", "Beslutning", "Dagsordenen blev godkendt.")
# A dictionary whose last key has no value: pdfminer raises PSSyntaxError("Invalid dictionary construct: [...]").
BROKEN_PAGE = b"BT /F1 11 Tf 72 760 Td << /Type /Font /Widths [1 2 3] /Kaput >> Tj ET"

HAND_MADE = {
    "ingen-rod.pdf": (b"%PDF-1.4\nher er ingen objekter\n%%EOF\n", "beskadiget PDF (dokumentets opbygning mangler eller er ødelagt)"),
    "ordbog-side-2.pdf": (build_pdf(GOOD_PAGE, BROKEN_PAGE), "beskadiget PDF på side 2 (ugyldig opbygning)"),
}


def test_pdfminer_really_raises_its_english_for_the_hand_made_broken_pdfs():
    """The hand-made files fail inside pdfminer the way the review saw, so the tests below test something."""
    from pdfminer.high_level import extract_text
    from pdfminer.psexceptions import PSException

    for data, _ in HAND_MADE.values():
        with pytest.raises(PSException) as caught:
            extract_text(io.BytesIO(data))
        assert LEAKS.search(f"{type(caught.value).__name__}: {caught.value}")


@pytest.mark.parametrize("name", HAND_MADE)
def test_a_broken_pdf_gets_a_short_danish_reason(tmp_path, name):
    data, reason = HAND_MADE[name]
    (tmp_path / name).write_bytes(data)

    with pytest.raises(ExtractError) as caught:
        extract(tmp_path / name, tmp_path)

    assert caught.value.reason == reason


def test_no_reason_for_any_broken_pdf_names_a_python_class_or_quotes_bytes(tmp_path):
    pdfs = sorted(PDFS.glob("*.pdf"))
    data = (PDFS / "referat-2017-02-23.pdf").read_bytes()
    broken = {f"{path.stem}.pdf": path.read_bytes() for path in pdfs}
    broken.update({name: pdf for name, (pdf, _) in HAND_MADE.items()})
    for start in range(1_000, len(data) - 1_000, 4_000):  # a stretch of noise in every part of a real PDF
        broken[f"stoej-{start}.pdf"] = data[:start] + bytes(range(256)) * 8 + data[start + 2048:]
    for cut in (9, 500, len(data) // 2, len(data) - 300):
        broken[f"afkortet-{cut}.pdf"] = data[:cut]
    reasons = []
    for name, pdf in broken.items():
        (tmp_path / name).write_bytes(pdf)
        try:
            extract(tmp_path / name, tmp_path)
        except ExtractError as error:
            reasons.append(error.reason)

    assert len(reasons) >= 8  # the fixtures' bad files, the hand-made ones and some of the noisy ones
    assert [r for r in reasons if LEAKS.search(r) or "\n" in r or len(r) > 120] == []


def test_pdfminers_warnings_never_reach_the_terminal_during_extract_or_index(tmp_path):
    from pdfminer.high_level import extract_text

    pdf = tmp_path / "corpus" / "referat.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(build_pdf(GOOD_PAGE, text_page("2. Meddelelser", "Beslutning", "Taget til efterretning.")))
    (tmp_path / "corpus" / "ingen-rod.pdf").write_bytes(HAND_MADE["ingen-rod.pdf"][0])
    pdfminer_said = subprocess.run(  # pdfminer on its own: its warning reaches stderr
        [sys.executable, "-c", "import sys; from pdfminer.high_level import extract_text; extract_text(sys.argv[1])", str(pdf)],
        capture_output=True, text=True,
    )
    assert "FontBBox" in pdfminer_said.stderr
    assert "Godkendelse af dagsorden" in extract_text(str(pdf))

    extracted = cli("extract", pdf)
    indexed = cli("index", pdf.parent, "--index-dir", tmp_path / "index")

    assert (extracted.returncode, extracted.stderr) == (0, "")
    assert "1. Godkendelse af dagsorden" in extracted.stdout
    assert indexed.returncode == 0
    assert "FontBBox" not in indexed.stderr and not LEAKS.search(indexed.stdout + indexed.stderr)
    assert skipped_lines(indexed.stdout) == {"ingen-rod.pdf": HAND_MADE["ingen-rod.pdf"][1]}
    assert "1 fil indekseret" in indexed.stdout


def test_pdfminers_warnings_stay_silent_under_an_applications_own_log_setup(tmp_path):
    """The web server calls logging.basicConfig(): pdfminer's warnings must not show there either."""
    pdf = tmp_path / "referat.pdf"
    pdf.write_bytes(build_pdf(GOOD_PAGE))
    script = "import logging, sys; logging.basicConfig(); from indexer.extract import extract; from pathlib import Path; " \
             "p = Path(sys.argv[1]); print(extract(p, p.parent).pages[0].text.splitlines()[0])"

    result = subprocess.run([sys.executable, "-c", script, str(pdf)], capture_output=True, text=True, cwd=ROOT)

    assert (result.stdout, result.stderr) == ("1. Godkendelse af dagsorden\n", "")


def test_pdfminers_warnings_are_kept_for_a_developer_in_the_debug_log(tmp_path, caplog):
    pdf = tmp_path / "referat.pdf"
    pdf.write_bytes(build_pdf(GOOD_PAGE))

    with caplog.at_level(logging.DEBUG, logger="indexer.pdftext"):
        extract(pdf, tmp_path)

    assert any("FontBBox" in r.getMessage() for r in caplog.records if r.name == "indexer.pdftext")


# --- 3. symbolic links ----------------------------------------------------------------------------


@pytest.fixture
def linked(tmp_path) -> Path:
    """A corpus with one file, a link to a file inside it that is not listed itself (in a hidden
    folder), a second way to its one folder, and links to a folder and a file outside it."""
    corpus = tmp_path / "corpus"
    (corpus / "2015").mkdir(parents=True)
    shutil.copy(SEEDS / MINUTES_2015, corpus / "2015" / MINUTES_2015)
    (corpus / ".delt").mkdir()
    shutil.copy(SEEDS / ROSKILDE, corpus / ".delt" / ROSKILDE)
    (corpus / ROSKILDE).symlink_to(corpus / ".delt" / ROSKILDE)
    (corpus / "genvej-2015").symlink_to(corpus / "2015")  # a second way to the same folder
    elsewhere = tmp_path / "andet-drev" / "aarsberetninger"
    elsewhere.mkdir(parents=True)
    shutil.copy(SEEDS / AARSBERETNING_2019, elsewhere / AARSBERETNING_2019)
    (elsewhere / "tilbage").symlink_to(corpus)  # from the outside back in
    (corpus / "aarsberetninger").symlink_to(elsewhere)
    (corpus / "hemmelig.txt").symlink_to(elsewhere / AARSBERETNING_2019)
    return corpus


LINKS_OUTSIDE = {"aarsberetninger/": OUTSIDE_ROOT, "hemmelig.txt": OUTSIDE_ROOT}


def test_a_link_inside_the_corpus_is_followed_and_a_folder_reached_twice_is_indexed_once(linked, tmp_path):
    report = update_index([linked], tmp_path / "index")
    again = update_index([linked], tmp_path / "index")

    assert {s.source: s.reason for s in report.skipped} == LINKS_OUTSIDE
    assert sorted(open_index(tmp_path / "index").sources()) == [f"2015/{MINUTES_2015}", ROSKILDE]
    assert (again.unchanged, again.indexed, again.removed) == (2, 0, 0)


def test_a_link_out_of_the_corpus_is_not_followed_so_every_source_link_the_site_gives_works(linked, tmp_path):
    """A link in the share to a file elsewhere on the server was indexed, its text shown on the
    passage page, while its source link answered 404 (the site serves from the corpus only).
    Such links are now refused, each with one line; what is indexed can all be served."""
    client = serve(linked, tmp_path, skipped=LINKS_OUTSIDE)

    sources = open_index(tmp_path / "index").sources()
    assert sorted(sources) == [f"2015/{MINUTES_2015}", ROSKILDE]
    for source in sources:
        with client.get(source_of(tmp_path, source)) as response:
            assert response.status_code == 200, source
    hits = client.get("/api/search", query_string={"q": "årsberetning 2019"}).get_json()["hits"]
    assert not [hit for hit in hits if "aarsberetning" in hit["source"]]


def test_a_link_out_of_the_corpus_is_one_line_in_the_summary_and_fails_a_strict_run(linked, tmp_path):
    result = cli("index", linked, "--index-dir", tmp_path / "index", "--strict")

    assert result.returncode == 1
    assert skipped_lines(result.stdout) == LINKS_OUTSIDE
    assert "2 filer indekseret" in result.stdout


def test_a_file_replaced_by_a_link_out_of_the_corpus_loses_its_passages(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / ROSKILDE, corpus / ROSKILDE)
    shutil.copy(SEEDS / MINUTES_2015, corpus / MINUTES_2015)  # a folder left without files is refused instead
    assert update_index([corpus], tmp_path / "index").indexed == 2
    shutil.move(corpus / ROSKILDE, tmp_path / ROSKILDE)
    (corpus / ROSKILDE).symlink_to(tmp_path / ROSKILDE)

    report = update_index([corpus], tmp_path / "index")

    assert (report.skipped, report.removed) == ((Skipped(ROSKILDE, OUTSIDE_ROOT),), 1)
    assert list(open_index(tmp_path / "index").sources()) == [MINUTES_2015]


def test_broken_and_circular_links_are_named_for_what_they_are(linked, tmp_path):
    (linked / "slettet.txt").symlink_to(linked / "findes-ikke.txt")
    (linked / "ring-a.txt").symlink_to("ring-b.txt")
    (linked / "ring-b.txt").symlink_to("ring-a.txt")
    (linked / "ring").symlink_to("ring")  # no extension: the link's fault is told, not the type
    (linked / "2015" / "op").symlink_to("..")
    (linked / "her").symlink_to(".")

    report = update_index([linked], tmp_path / "index")

    assert {s.source: s.reason for s in report.skipped} == {
        "slettet.txt": "symbolsk link peger på en fil, der ikke findes",
        "ring-a.txt": "symbolsk link i ring",
        "ring-b.txt": "symbolsk link i ring",
        "ring": "symbolsk link i ring",
        "2015/op/": "symbolsk link i ring",
        "her/": "symbolsk link i ring",
        **LINKS_OUTSIDE,
    }
    assert report.indexed == 2


def test_a_file_that_becomes_a_broken_link_between_runs_is_named_as_one(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / ".gemt").mkdir(parents=True)
    target = corpus / ".gemt" / ROSKILDE  # inside the corpus, in a folder that is not walked
    shutil.copy(SEEDS / ROSKILDE, target)
    (corpus / ROSKILDE).symlink_to(target)
    shutil.copy(SEEDS / MINUTES_2015, corpus / MINUTES_2015)  # a folder left without files is refused instead
    assert update_index([corpus], tmp_path / "index").indexed == 2
    target.unlink()

    report = update_index([corpus], tmp_path / "index")

    assert report.skipped == (Skipped(ROSKILDE, "symbolsk link peger på en fil, der ikke findes"),)
    assert list(open_index(tmp_path / "index").sources()) == [MINUTES_2015]


# --- 4. DOS code page 865 ----------------------------------------------------------------------------

# Characters of the seeds that code page 865 lacks (a DOS file could not have held them).
_NOT_IN_865 = str.maketrans({"–": "-", "”": '"', "“": '"', "•": "*", "’": "'", "…": "..."})


def test_a_dos_code_page_865_file_reads_with_correct_danish_letters(tmp_path):
    original = (SEEDS / MINUTES_2015).read_text(encoding="utf-8").translate(_NOT_IN_865)
    dos = tmp_path / "referat-dos.txt"
    dos.write_bytes(original.replace("\n", "\r\n").encode("cp865") + b"\x1a")
    assert "Integrationsr†det".encode("cp1252") in dos.read_bytes()  # what Windows-1252 made of it

    source = extract(dos, tmp_path)
    document = read_document(dos, tmp_path)

    assert source.pages[0].text == original
    assert "Integrationsrådet" in source.pages[0].text and "Næstved" in source.pages[0].text
    assert (document.municipality, document.council) == ("Næstved", "Integrationsrådet")


def test_dos_text_in_capitals_is_recognised_too():
    text = "ÅRSBERETNING FOR INTEGRATIONSRÅDET\nMØDE I RÅDHUSETS SAL, FÆLLESMØDE OG STØTTE\n"

    assert decode_text(text.encode("cp865")) == text


@pytest.mark.parametrize(
    "text",
    [
        "Han sagde ‘godt’ og ”nej” – det var Sørens idé. Borgmesterens ’nej’ stod.\n",
        "It’s the council’s “last word” – don’t ‘quote’ me › next.\n",  # 1252 marks, not one Danish letter
        "Rådet godkendte æblerne på mødet.",
    ],
    ids=["danish-with-curly-quotes", "apostrophes-only", "plain-danish"],
)
def test_a_windows_1252_file_with_curly_quotes_stays_windows_1252(text):
    assert decode_text(text.encode("cp1252")) == text


@pytest.mark.parametrize("codec", ["cp865", "mac_roman", "cp1252"])
def test_every_line_with_a_danish_letter_reads_right_on_its_own_in_each_legacy_code_page(codec):
    """A short file (a note, a one-line agenda) gives little to go on: each line of the 2015
    minutes and the 2019 annual report with æ, ø or å must come back as written, not with a
    control character for DOS's Å or as 'M¿der' for Mac's 'Møder' (before, one DOS line in
    seven and one Mac line in four did)."""
    lines = {line for seed in (MINUTES_2015, AARSBERETNING_2019) for line in
             (SEEDS / seed).read_text(encoding="utf-8").translate(_NOT_IN_865).splitlines() if not line.isascii()}
    assert len(lines) > 200

    wrong = [line for line in sorted(lines) if decode_text(line.encode(codec)) != line]

    assert wrong == []


def test_a_short_mac_roman_note_is_indexed_with_its_danish_letters(tmp_path):
    note = "Møder i 2015:\n12. maj og 3. juni på Rådhuset, Ørsteds Plads 1.\n"
    (tmp_path / "note.txt").write_bytes(note.replace("\n", "\r").encode("mac_roman"))  # classic Mac OS line ends

    assert extract(tmp_path / "note.txt", tmp_path).pages[0].text == note


@pytest.mark.parametrize(
    "text",
    [
        "Forside › Politik › Dagsordener og referater › Integrationsrådet\n",  # › is 865's ø
        "Han sagde ”nej” – og ’ja’.\n",  # ” ’ are 865's ö Æ
        "Pris: 1.500 € pr. m² • 120 m²\n",
        "Müller, Öztürk og Muñoz: idé og café.\n",  # loan letters that the other pages have too
    ],
    ids=["breadcrumbs", "quotes", "signs", "loan-letters"],
)
def test_windows_1252_marks_and_loan_letters_are_not_taken_for_another_code_page(text):
    assert decode_text(text.encode("cp1252")) == text


# What a newer editor added to an old file: whole lines, and a name pasted into a legacy line.
_ADDED_IN_UTF8 = "Tilføjet efter mødet: Rådet godkendte æblerne – “Ærø” koster 5 €.\n"


@pytest.mark.parametrize("codec", ["cp1252", "cp865", "mac_roman"])
def test_lines_added_in_utf8_to_a_legacy_file_keep_their_danish_letters_and_so_does_the_rest(tmp_path, codec):
    """Before, the whole file was read in its code page: the added lines came out as
    'TilfÃ¸jet efter mÃ¸det' (Windows-1252), 'Tilf├©jet' (DOS) or 'Tilf√∏jet' (Mac)."""
    original = (SEEDS / MINUTES_2015).read_text(encoding="utf-8")
    legacy = original if codec == "cp1252" else original.translate(_NOT_IN_865)
    (tmp_path / "referat.txt").write_bytes(legacy.encode(codec) + _ADDED_IN_UTF8.encode("utf-8"))

    text = extract(tmp_path / "referat.txt", tmp_path).pages[0].text

    assert text == legacy + _ADDED_IN_UTF8


@pytest.mark.parametrize("codec", ["cp1252", "cp865", "mac_roman"])
def test_a_name_pasted_in_utf8_into_a_legacy_line_reads_right_beside_the_legacy_letters(codec):
    legacy = (SEEDS / MINUTES_2015).read_text(encoding="utf-8").translate(_NOT_IN_865).encode(codec)
    line = "Mødet på rådhuset: ".encode(codec) + "ordstyrer Søren Ærø – “ok”".encode("utf-8") + " lukkede.\n".encode(codec)

    assert decode_text(legacy + line).endswith("\nMødet på rådhuset: ordstyrer Søren Ærø – “ok” lukkede.\n")


def test_a_dos_table_beside_utf8_lines_keeps_its_box_drawing():
    """Box drawing in DOS 865 can form UTF-8 byte pairs ('─┐' is C4 BF, '├╕' is UTF-8's ø):
    a line of the table is read as DOS, only lines and words of UTF-8 as UTF-8."""
    table = "┌───────┬──────┐\n│ Punkt │ Sag  │\n├───────┼──────┤\n│ ├╕ Å  ├┤ ──┐ │\n└───────┴──────┘\n"
    legacy = (SEEDS / MINUTES_2015).read_text(encoding="utf-8").translate(_NOT_IN_865) + table

    assert decode_text(legacy.encode("cp865") + _ADDED_IN_UTF8.encode("utf-8")) == legacy + _ADDED_IN_UTF8


@pytest.mark.parametrize("codec", ["cp1252", "cp865", "mac_roman"])
def test_a_legacy_file_without_utf8_is_read_in_its_code_page_as_before(codec):
    from indexer.decoding import text_encoding

    legacy = (SEEDS / MINUTES_2015).read_text(encoding="utf-8").translate(_NOT_IN_865).encode(codec)

    assert text_encoding(legacy).codec == codec


def test_the_web_ui_reads_a_mixed_file_in_pieces_as_the_indexer_reads_it_whole():
    """The source view decodes incrementally, 64 KB at a time: lines (and a line without
    breaks) cut across pieces must come out as decoding the whole file does."""
    import codecs

    from indexer.decoding import text_encoding

    legacy = (SEEDS / MINUTES_2015).read_text(encoding="utf-8").encode("cp1252")
    endless = "Søren Ærø ".encode("utf-8").join([legacy.replace(b"\n", b" ")] * 12)  # > 64 KB on one line
    data = legacy + _ADDED_IN_UTF8.encode("utf-8") + endless + b"\n" + legacy
    encoding = text_encoding(data)
    for size in (1, 7, 4096, 1 << 16):
        decoder = codecs.getincrementaldecoder(encoding.codec)(errors=encoding.errors)
        pieces = [decoder.decode(data[i : i + size]) for i in range(0, len(data), size)]
        assert "".join(pieces) + decoder.decode(b"", final=True) == decode_text(data), size
    assert decode_text(data).count("Søren Ærø") == 11


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_told_by_its_nul_bytes(tmp_path, codec):
    text = (SEEDS / ROSKILDE).read_text(encoding="utf-8")
    (tmp_path / "referat.txt").write_bytes(text.encode(codec))

    assert extract(tmp_path / "referat.txt", tmp_path).pages[0].text == text


# --- 5. an index folder inside the corpus ----------------------------------------------------------


def test_an_index_folder_inside_the_corpus_is_not_listed_and_strict_passes(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / MINUTES_2015, corpus / MINUTES_2015)
    update_index([corpus], corpus / "gammelt-indeks")  # an index someone built into the share

    result = cli("index", corpus, "--index-dir", tmp_path / "index", "--strict")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 fil set" in result.stdout and "Sprunget over" not in result.stdout


def test_an_index_folder_given_as_the_corpus_gives_nothing_to_index_and_nothing_to_report(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / MINUTES_2015, corpus / MINUTES_2015)
    update_index([corpus], tmp_path / "first")

    report = update_index([tmp_path / "first"], tmp_path / "second")

    assert (report.seen, report.skipped) == (0, ())


def test_an_older_index_without_the_marker_file_is_recognised_by_its_table_of_contents(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / MINUTES_2015, corpus / MINUTES_2015)
    update_index([corpus], corpus / "indeks")
    (corpus / "indeks" / "referatsog-index.json").unlink()
    assert any((corpus / "indeks").glob("_MAIN_*.toc"))

    report = update_index([corpus], tmp_path / "index")

    assert (report.seen, report.indexed, report.skipped) == (1, 1, ())


# --- 6. a source file is shown in the encoding it was indexed in ----------------------------------

# The 2015 minutes as legacy editors saved them: each file's bytes, and the text they hold.
_DANISH_2015 = (SEEDS / MINUTES_2015).read_text(encoding="utf-8").translate(_NOT_IN_865).replace("\n", "\r\n")
LEGACY_SOURCES = {
    "dos-865": _DANISH_2015.encode("cp865") + b"\x1a",
    "mac-roman": _DANISH_2015.replace("\r\n", "\r").encode("mac_roman"),
    "utf-16-bom": _DANISH_2015.encode("utf-16"),
    "utf-16-be-no-bom": _DANISH_2015.encode("utf-16-be"),
    "utf-32-bom": _DANISH_2015.encode("utf-32"),
    "utf-8-with-stray-1252": _DANISH_2015.encode("utf-8") + "Tilføjet: Søren Ærø\r\n".encode("cp1252"),
    "1252-with-utf-8-added": _DANISH_2015.encode("cp1252") + "Tilføjet: Søren Ærø – “ok”\r\n".encode("utf-8"),
    "865-with-utf-8-added": _DANISH_2015.encode("cp865") + "Tilføjet: Søren Ærø – “ok”\r\n".encode("utf-8"),
}


def serve(corpus: Path, tmp_path: Path, skipped: dict[str, str] | None = None):
    """The corpus indexed (refusing just `skipped`, source: reason), and a test client of the site serving it."""
    from webui import create_app

    report = update_index([corpus], tmp_path / "index")
    assert {s.source: s.reason for s in report.skipped} == (skipped or {})
    return create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus)}).test_client()


def source_of(tmp_path: Path, source: str) -> str:
    """The /source/ address of the file `source` in the index `serve` built."""
    return "/source/" + open_index(tmp_path / "index").sources()[source]["document_id"]


@pytest.mark.parametrize("encoded", LEGACY_SOURCES.values(), ids=LEGACY_SOURCES.keys())
def test_a_legacy_text_source_reads_in_the_browser_as_it_was_indexed(tmp_path, encoded):
    """Before, every source that was not UTF-8 was sent as windows-1252: a DOS file showed
    'Integrationsr†det', a UTF-16 one a NUL between every two letters."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "referat.txt").write_bytes(encoded)
    client = serve(corpus, tmp_path)

    with client.get(source_of(tmp_path, "referat.txt")) as response:
        assert response.status_code == 200 and response.mimetype == "text/plain"
        shown = response.data.decode(response.mimetype_params["charset"])  # what a browser does with it

    assert "Integrationsrådet" in shown and "Næstved" in shown
    assert shown.lstrip("\ufeff").replace("\r", "\n") == decode_text(encoded).replace("\r", "\n")


def test_sources_browsers_can_read_as_they_are_are_sent_untouched_under_their_name(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sources = {"mac.txt": ("mac-roman", "macintosh"), "bom.txt": ("utf-16-bom", "utf-16le"),
               "be.txt": ("utf-16-be-no-bom", "utf-16be"), "dos.txt": ("dos-865", "utf-8")}
    for name, (kind, _) in sources.items():
        (corpus / name).write_bytes(LEGACY_SOURCES[kind])
    client = serve(corpus, tmp_path)

    for name, (kind, charset) in sources.items():
        with client.get(source_of(tmp_path, name)) as response:
            assert response.mimetype_params["charset"] == charset, name
            assert (response.data == LEGACY_SOURCES[kind]) is (charset != "utf-8"), name  # DOS 865 is transcoded


def test_a_transcoded_source_answers_conditional_requests_and_whole_for_a_range(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "dos.txt").write_bytes(LEGACY_SOURCES["dos-865"])
    client = serve(corpus, tmp_path)
    address = source_of(tmp_path, "dos.txt")

    first = client.get(address)
    again = client.get(address, headers={"If-None-Match": first.headers["ETag"]})
    ranged = client.get(address, headers={"Range": "bytes=0-9"})  # bytes of the file are not bytes of the answer

    assert first.status_code == 200 and first.headers["Content-Disposition"] == "inline; filename=dos.txt"
    assert again.status_code == 304
    assert ranged.status_code == 200 and ranged.data == first.data and first.headers["Accept-Ranges"] == "none"
    (corpus / "dos.txt").write_bytes(LEGACY_SOURCES["dos-865"].replace(b"flygtninge", b"FLYGTNINGE"))
    changed = client.get(address, headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and "FLYGTNINGE" in changed.data.decode("utf-8")


def test_an_html_source_in_a_declared_charset_browsers_are_not_told_reads_right(tmp_path):
    """The page declares ISO-8859-15 in its <meta>; the header's charset overrides a page's
    own, so the header must not say windows-1252 for it: it is sent as UTF-8."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    page = ('<html><head><meta charset="iso-8859-15"><title>Referat</title></head><body>'
            "<h1>Integrationsrådet i Næstved Kommune</h1><p>Referat af mødet den 21. maj 2015</p>"
            "<h2>1. Godkendelse af dagsorden</h2><p>Beslutning</p><p>Godkendt. Pris: 1.500 €.</p></body></html>")
    (corpus / "referat.html").write_bytes(page.encode("iso8859_15"))
    client = serve(corpus, tmp_path)

    with client.get(source_of(tmp_path, "referat.html")) as response:
        assert response.mimetype == "text/html" and response.mimetype_params["charset"] == "utf-8"
        assert "sandbox" in response.headers["Content-Security-Policy"]
        assert response.data.decode("utf-8") == page


SITE_PAGE = """<!doctype html><html><head><title>Referat - Socialudvalget - Fjordby Kommune</title></head>
<body><nav>Menu</nav><main><h1>Socialudvalget 3. februar 2020</h1>
<h2>1. Godkendelse af dagsorden</h2><p>Sagsnr.: 20/111</p><h3>Beslutning</h3><p>Godkendt.</p>
<h2>2. Handicappolitik</h2><p>Sagsnr.: 20/112</p><h3>Sagsfremstilling</h3><p>Forslag til ny handicappolitik.</p>
<h3>Beslutning</h3><p>Godkendt med ændringer.</p></main></body></html>"""


def test_an_html_page_with_its_own_heading_takes_the_municipality_from_its_title(tmp_path):
    """The site names itself only in <title> («… - Fjordby Kommune»); the page's <h1> names the
    committee and date. The municipality was None, so the page was missing from the facet (admin
    review). The title is read as a PDF's running header is: metadata, never a passage's text."""
    (tmp_path / "side.html").write_text(SITE_PAGE, encoding="utf-8")
    document = read_document(tmp_path / "side.html", tmp_path)
    assert (document.municipality, document.council, document.meeting_date) == ("Fjordby", "Socialudvalget", "2020-02-03")
    assert [p.title for p in document.passages] == ["Godkendelse af dagsorden", "Handicappolitik"]
    assert not any("Fjordby" in p.text for p in document.passages)
    # the text's own municipality still comes first
    named = SITE_PAGE.replace("<h1>Socialudvalget", "<p>Holbæk Kommune</p><h1>Socialudvalget")
    (tmp_path / "side.html").write_text(named, encoding="utf-8")
    assert read_document(tmp_path / "side.html", tmp_path).municipality == "Holbæk"
