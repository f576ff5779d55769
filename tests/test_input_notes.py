"""Input files that are not what their name or place says: the notes an administrator reads.

A PDF saved under a .txt name, a note to colleagues lying among the minutes, a Word document
or a photo beside them, and `.referatsogignore`, which leaves files out of the scan.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import LAYOUTS, PDFS, SEEDS, run
from indexer.enrich import NOT_A_COUNCIL_DOCUMENT
from indexer.extract import ExtractError, is_pdf_file, unsupported_reason
from indexer.files import IGNORE_FILE, IgnoreFileUnreadable, walk_unignored
from indexer.pipeline import read_document
from indexer.update import update_index
from search import SearchRequest, open_index
from webui import create_app

INPUTS = Path(__file__).resolve().parent / "fixtures" / "inputs"
PDF = PDFS / "referat-2015-05-21.pdf"
PDF_NOTE = "læst som PDF: filen hedder .txt, men er en PDF (omdøb den til .pdf)"

LAESMIG = ("Denne mappe indeholder referater fra Integrationsrådet. Filerne må ikke omdøbes, da de hentes "
           "automatisk hver nat.\n")
README = ("README\n\nThis folder holds the minutes. Do not rename the files; they are fetched each night "
          "by the sync job.\nContact IT with questions.\n")


def corpus_of(tmp_path: Path, files: dict[str, str | bytes | Path]) -> Path:
    corpus = tmp_path / "corpus"
    for name, content in files.items():
        target = corpus / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        elif isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return corpus


def notes_of(report) -> dict[str, list[str]]:
    notes: dict[str, list[str]] = {}
    for notice in report.notices:
        notes.setdefault(notice.source, []).append(notice.note)
    return notes


# --- a PDF under a text name --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["forkert-endelse.txt", "referat.pdf.txt"])
def test_a_pdf_named_txt_is_read_as_a_pdf_with_a_note_in_index_and_extract(tmp_path, runner, name):
    corpus = corpus_of(tmp_path, {name: PDF})

    result = run(runner, "index", corpus, "--index-dir", tmp_path / "index")

    assert result.exit_code == 0, result.output
    assert "Bemærkninger:" in result.output
    assert f"  {name}: {PDF_NOTE}" in result.output.splitlines()
    document = read_document(corpus / name, corpus)
    assert document.kind == "pdf" and document.notices == (PDF_NOTE,)
    assert [p.page for p in document.passages][:2] == [1, 2] and document.municipality == "Næstved"

    shown = run(runner, "extract", corpus / name)
    assert shown.exit_code == 0
    assert f"Bemærkning: {name}: {PDF_NOTE}" in shown.output


def test_a_pdf_named_txt_is_served_as_a_pdf_at_its_page(tmp_path):
    corpus = corpus_of(tmp_path, {"forkert-endelse.txt": PDF, "referat.txt": SEEDS / "roskilde-integrationsraadet-referat-2026-06-04.txt"})
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus)}).test_client()
    hits = client.get("/api/search", query_string={"q": "foreningernes dag", "page_size": 100}).get_json()["hits"]
    hit = next(h for h in hits if h["source"] == "forkert-endelse.txt")

    with client.get(f"/source/{hit['document_id']}") as response:
        assert response.status_code == 200
        assert response.mimetype == "application/pdf" and "charset" not in response.headers["Content-Type"]
        assert response.data == PDF.read_bytes()
        assert response.headers["Content-Disposition"].startswith("inline")
        assert "Content-Security-Policy" not in response.headers  # as any PDF: built-in viewers refuse one
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    passage = client.get(f"/api/passage/{hit['id']}").get_json()
    assert "#page=" in passage["links"]["source"]
    page = client.get(f"/passage/{hit['id']}").get_data(as_text=True)
    assert f"/source/{hit['document_id']}#page=" in page

    hits = client.get("/api/search", query_string={"q": "præsentationsrunde"}).get_json()["hits"]
    text = next(h for h in hits if h["source"] == "referat.txt")  # a real text is text, as ever
    with client.get(f"/source/{text['document_id']}") as response:
        assert response.mimetype == "text/plain" and response.headers["Content-Type"].endswith("charset=utf-8")


def test_only_a_pdf_by_content_counts_not_a_text_that_mentions_the_magic(tmp_path):
    (tmp_path / "om-pdf.txt").write_text("Filerne gemmes som %PDF-1.7 og sendes til arkivet.\n", encoding="utf-8")
    (tmp_path / "gemt.txt").write_bytes(PDF.read_bytes())
    assert not is_pdf_file(tmp_path / "om-pdf.txt")
    assert is_pdf_file(tmp_path / "gemt.txt")


def test_a_text_named_pdf_is_still_refused_as_not_a_pdf(tmp_path, runner):
    corpus = corpus_of(tmp_path, {"referat.pdf": SEEDS / "naestved-integrationsraadet-referat-2015-05-21.txt"})
    report = update_index([corpus], tmp_path / "index")
    assert [(s.source, s.reason.startswith("ikke en PDF (starter med")) for s in report.skipped] == [("referat.pdf", True)]


# --- notes to colleagues ------------------------------------------------------------------------


def test_a_note_to_colleagues_is_indexed_with_a_note_saying_it_is_no_council_document(tmp_path, runner):
    corpus = corpus_of(tmp_path, {"LÆSMIG.txt": LAESMIG, "README.txt": README,
                                  "referat.txt": SEEDS / "naestved-integrationsraadet-referat-2015-05-21.txt"})

    result = run(runner, "index", corpus, "--index-dir", tmp_path / "index")

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert f"  LÆSMIG.txt: {NOT_A_COUNCIL_DOCUMENT}" in lines
    assert f"  README.txt: {NOT_A_COUNCIL_DOCUMENT}" in lines
    assert not any(line.startswith("  referat.txt:") for line in lines)
    assert NOT_A_COUNCIL_DOCUMENT == ("intet tegn på et rådsdokument (ingen kommune, mødedato eller "
                                      "dagsordenspunkter fundet) – læg den uden for mappen eller i .referatsogignore")
    shown = run(runner, "extract", corpus / "LÆSMIG.txt")
    assert f"Bemærkning: LÆSMIG.txt: {NOT_A_COUNCIL_DOCUMENT}" in shown.output


def test_a_note_to_colleagues_gets_no_topic_it_does_not_name(tmp_path, runner):
    """The fallback topic («rådets arbejde», for an item no keyword places) counted README.txt
    under it in the topic facet until it was moved; a council document still gets one."""
    corpus = corpus_of(tmp_path, {"README.txt": README,
                                  "referat.txt": SEEDS / "naestved-integrationsraadet-referat-2015-05-21.txt"})
    update_index([corpus], tmp_path / "index")
    index = open_index(tmp_path / "index")
    try:
        note = index.search(SearchRequest(query="sync job"))
        assert [(h.source, h.topics) for h in note.hits] == [("README.txt", ())]
        topics = {v.value: v.count for v in index.search(SearchRequest()).facets["topic"]}
        assert topics["rådets arbejde"] == sum(
            "rådets arbejde" in h.topics for h in index.search(SearchRequest(page_size=100)).hits if h.source == "referat.txt")
        assert all(h.topics for h in index.search(SearchRequest(page_size=100)).hits if h.source == "referat.txt")
    finally:
        index.close()
    shown = run(runner, "extract", corpus / "README.txt")
    assert "\n     \n" not in shown.output  # no blank line where an item's case and topics go


def test_no_seed_layout_or_input_fixture_is_taken_for_a_note(seed_documents, tmp_path):
    """Several fixtures name no municipality in their head, one is minutes in prose: each is a
    council document by its date, its items or its sections. PDFs are never noted."""
    documents = dict(seed_documents)
    refused = set()
    for folder in (LAYOUTS, INPUTS, PDFS):
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in (".txt", ".md", ".html", ".pdf") and path.name not in ("LAYOUTS.md", "MANIFEST.md"):
                try:
                    documents[path.name] = read_document(path, folder)
                except ExtractError:
                    refused.add(path.name)
    # Only the damaged PDFs are refused (as their own tests say); any other file read, or it fails here.
    assert refused == {"empty.pdf", "encrypted.pdf", "not-a-pdf.pdf", "scanned-no-text.pdf", "truncated.pdf"}
    assert len(documents) >= 20
    noted = [name for name, document in documents.items() if NOT_A_COUNCIL_DOCUMENT in document.notices]
    assert noted == []


def test_minutes_in_prose_without_a_municipality_are_not_noted(tmp_path):
    path = tmp_path / "referat.txt"
    path.write_text("Integrationsrådet\n\nMøde den 12. marts 2019 kl. 17.00\n\nRådet drøftede sprogcaféen og "
                    "besluttede at søge midler til den.\n", encoding="utf-8")
    assert NOT_A_COUNCIL_DOCUMENT not in read_document(path, tmp_path).notices


def test_a_reading_note_and_the_no_council_note_are_both_kept(tmp_path):
    """A note from reading the file and one from what its text holds are both reported."""
    path = tmp_path / "side.txt"
    path.write_text(f"<!DOCTYPE html><html><head><title>Læs mig</title></head><body><p>{LAESMIG}</p></body></html>",
                    encoding="utf-8")
    notices = read_document(path, tmp_path).notices
    assert notices[0].startswith("læst som HTML") and notices[1] == NOT_A_COUNCIL_DOCUMENT


# --- office and image files ---------------------------------------------------------------------


def test_index_says_what_an_office_or_image_file_is_and_what_to_do(tmp_path, runner):
    corpus = corpus_of(tmp_path, {"referat.txt": SEEDS / "naestved-integrationsraadet-referat-2015-05-21.txt",
                                  "notat.docx": b"PK\x03\x04", "budget.XLSX": b"PK\x03\x04",
                                  "scan.png": b"\x89PNG\r\n", "tegning.dwg": b"AC1032"})

    result = run(runner, "index", corpus, "--index-dir", tmp_path / "index")

    lines = result.output.splitlines()
    assert "  notat.docx: Word-dokument (.docx) – gem det som PDF for at få det med" in lines
    assert "  budget.XLSX: Excel-regneark (.xlsx) – bilag læses ikke" in lines
    assert "  scan.png: billede (.png) – ingen tekst; kør OCR, hvis det er et scannet referat" in lines
    assert "  tegning.dwg: ukendt filtype '.dwg'" in lines
    assert unsupported_reason(Path("slides.pptx")) == "PowerPoint-præsentation (.pptx) – gem den som PDF for at få den med"
    assert unsupported_reason(Path("foto.JPG")) == "billede (.jpg) – ingen tekst; kør OCR, hvis det er et scannet referat"
    assert unsupported_reason(Path("gammel.doc")) == "Word-dokument (.doc) – gem det som PDF for at få det med"


# --- .referatsogignore --------------------------------------------------------------------------


def walked(top: Path, root: Path | None = None) -> list[str]:
    """The files `walk_unignored` yields under `top`, relative to `root` (or `top`), sorted."""
    base = root or top
    return sorted(Path(current, name).relative_to(base).as_posix()
                  for current, _folders, names in walk_unignored(top, root=root) for name in names
                  if name != IGNORE_FILE)


IGNORED_CORPUS = {
    IGNORE_FILE: "# noter til kolleger\nLÆSMIG.txt\n/arkiv/\n*.docx\n\nnoter.txt   \n",
    "LÆSMIG.txt": LAESMIG,
    "Noter.TXT": "x",  # a Windows share's casing
    "referat.txt": "x",
    "bilag.docx": b"PK\x03\x04",
    "arkiv/2019/referat.txt": "x",
    "udvalg/arkiv/referat.txt": "x",  # "/arkiv/" is anchored: only the top one is left out
    "udvalg/LÆSMIG.txt": "x",  # an unanchored name matches at any depth
    "udvalg/" + IGNORE_FILE: "kladder/\n*.md\n!vigtig.md\nsag/**/udkast*\n",
    "udvalg/kladder/referat.txt": "x",
    "udvalg/notat.md": "x",
    "udvalg/vigtig.md": "x",
    "udvalg/sag/a/b/udkast-1.txt": "x",
    "udvalg/sag/a/b/referat.txt": "x",
    "kladder/referat.txt": "x",  # the rule lives in udvalg/: it does not reach here
}


def test_an_ignore_file_leaves_out_what_it_names_below_its_folder(tmp_path):
    corpus = corpus_of(tmp_path, IGNORED_CORPUS)
    assert walked(corpus) == [
        "kladder/referat.txt", "referat.txt", "udvalg/arkiv/referat.txt", "udvalg/sag/a/b/referat.txt",
        "udvalg/vigtig.md",
    ]


def test_a_folder_walked_on_its_own_keeps_the_rules_of_the_folders_above_it(tmp_path):
    """A folder reached through a link, or given below the corpus root, is walked from there:
    the ignore files between the root and it still count, and a folder they leave out is left
    out whole."""
    corpus = corpus_of(tmp_path, IGNORED_CORPUS)
    assert walked(corpus / "udvalg", root=corpus) == [
        "udvalg/arkiv/referat.txt", "udvalg/sag/a/b/referat.txt", "udvalg/vigtig.md"]
    assert walked(corpus / "arkiv" / "2019", root=corpus) == []
    assert walked(corpus / "udvalg" / "kladder", root=corpus) == []


def test_an_unreadable_ignore_file_stops_the_walk(tmp_path):
    # An ignore file keeps drafts off the site: one that cannot be read must not let them in.
    corpus = corpus_of(tmp_path, {"referat.txt": "x", "LÆSMIG.txt": "x"})
    os.mkfifo(corpus / IGNORE_FILE)  # not a file: nothing is read from it (and nothing waits on it)
    with pytest.raises(IgnoreFileUnreadable) as refused:
        walked(corpus)
    assert (refused.value.path, refused.value.reason) == (
        str(corpus / IGNORE_FILE), "ikke en almindelig fil (enhed, socket eller pipe)")


def test_an_ignore_file_in_windows_1252_with_a_bom_or_crlf_is_read(tmp_path):
    corpus = corpus_of(tmp_path, {"LÆSMIG.txt": "x", "Ønsker.txt": "x", "referat.txt": "x"})
    (corpus / IGNORE_FILE).write_bytes("Ønsker.txt\r\n".encode("cp1252"))
    assert walked(corpus) == ["LÆSMIG.txt", "referat.txt"]
    (corpus / IGNORE_FILE).write_bytes("\ufeffLÆSMIG.txt\r\nØnsker.txt\r\n".encode("utf-8"))
    assert walked(corpus) == ["referat.txt"]


def test_index_leaves_ignored_files_out_silently(tmp_path, runner):
    corpus = corpus_of(tmp_path, {IGNORE_FILE: "LÆSMIG.txt\nbilag/\n", "LÆSMIG.txt": LAESMIG,
                                  "bilag/budget.xlsx": b"PK\x03\x04",
                                  "referat.txt": SEEDS / "naestved-integrationsraadet-referat-2015-05-21.txt"})
    report = update_index([corpus], tmp_path / "index")
    assert (report.seen, report.indexed, report.skipped, report.notices) == (1, 1, (), ())


# --- two meetings in one file -------------------------------------------------------------------


def test_two_meetings_in_one_file_get_a_note_naming_where_the_numbering_starts_again(tmp_path, runner):
    """Hedelund's and Bøgeskov's minutes joined by a script were indexed as Hedelund's ten items,
    Bøgeskov's front page glued to item 5, with no word in the summary."""
    first = (LAYOUTS / "f1_hedelund_integrationsraadet_2015-05-27.txt").read_text(encoding="utf-8")
    second = (LAYOUTS / "f4_boegeskov_integrationsraadet_2016-09-14.txt").read_text(encoding="utf-8")
    corpus = corpus_of(tmp_path, {"samlet.txt": first.rstrip("\n") + "\n\n" + second})
    # where Bøgeskov's item 1 starts in its own file, after Hedelund's lines
    line = len((first.rstrip("\n") + "\n\n").splitlines()) + read_document(
        LAYOUTS / "f4_boegeskov_integrationsraadet_2016-09-14.txt", LAYOUTS).passages[0].line

    report = update_index([corpus], tmp_path / "index")

    assert notes_of(report) == {"samlet.txt": [
        f"nummereringen begynder forfra med punkt 1 (linje {line}): rummer filen flere møder? Alle punkter er "
        "indekseret under det første mødes dato og råd – del filen i én fil pr. møde"]}
    alone = update_index([corpus_of(tmp_path / "alene", {"hedelund.txt": first})], tmp_path / "index2")
    assert notes_of(alone) == {}


# --- a text or a PDF under an office document's name ----------------------------------------------


def test_a_text_or_pdf_named_as_an_office_document_is_skipped_with_the_renaming_that_reads_it(tmp_path, runner):
    """A text saved as «notat.docx» was reported as a «Word-dokument – gem det som PDF»: the
    remedy for a real Word document, not for this file."""
    corpus = corpus_of(tmp_path, {"notat.docx": SEEDS / "roskilde-integrationsraadet-referat-2026-06-04.txt",
                                  "referat.doc": PDF, "rigtig.docx": b"PK\x03\x04" + bytes(60),
                                  "tom.xlsx": b""})

    report = update_index([corpus], tmp_path / "index")

    assert {s.source: s.reason for s in report.skipped} == {
        "notat.docx": "filen hedder .docx, men er tekst – omdøb den til .txt for at få den med",
        "referat.doc": "filen hedder .doc, men er en PDF – omdøb den til .pdf for at få den med",
        "rigtig.docx": "Word-dokument (.docx) – gem det som PDF for at få det med",
        "tom.xlsx": "Excel-regneark (.xlsx) – bilag læses ikke"}
    shown = run(runner, "extract", corpus / "notat.docx")
    assert shown.exit_code == 0 and ("Bemærkning: notat.docx: referatsog index springer filen over i en mappe: filen "
                                     "hedder .docx, men er tekst – omdøb den til .txt for at få den med") in shown.stderr
