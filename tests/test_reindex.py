"""update_index(): only what changed is read, the index mirrors the corpus, and no failure,
interruption or concurrent run ever costs the previous index. Plus its progress and summary.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import QUERIES, answers
from indexer import pipeline
from indexer.cli import main
from indexer.models import Skipped
from indexer.progress import NORMAL, VERBOSE, ConsoleProgress, Progress, format_summary, make_progress
from indexer.update import NOT_THE_FILE, UpdateReport, update_index
from search import IndexLocked, IndexWriter, SearchRequest, open_index

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINUTES_2015 = "naestved-integrationsraadet-referat-2015-05-21.txt"
ROSKILDE = "roskilde-integrationsraadet-referat-2026-06-04.txt"
SEED_NAMES = sorted(path.name for path in SEEDS.iterdir())

# --- helpers ---------------------------------------------------------------------------------

_opened: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    if event == "open" and _opened is not None and isinstance(args[0], (str, bytes, os.PathLike)):
        _opened.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)  # inert unless a test records with files_opened()


@contextmanager
def files_opened() -> Iterator[list[str]]:
    """Every file the process opens inside the block (Python's audit hook, so nothing escapes)."""
    global _opened
    _opened = []
    try:
        yield _opened
    finally:
        _opened = None


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The files the pipeline reads (read_document calls), by name."""
    calls: list[str] = []
    real = pipeline.read_document

    def counting(path: Path, root: Path):
        calls.append(path.name)
        return real(path, root)

    monkeypatch.setattr(pipeline, "read_document", counting)
    return calls


def age(folder: Path, seconds: int = 3600) -> None:
    """Date every file back, as in a corpus that was not just copied (see RACY_NS)."""
    past = time.time() - seconds
    for path in folder.rglob("*"):
        os.utime(path, (past, past))


def make_corpus(tmp_path: Path, name: str = "corpus") -> Path:
    corpus = tmp_path / name
    shutil.copytree(SEEDS, corpus)
    age(corpus)
    return corpus


def add_copies(corpus: Path, count: int) -> None:
    """`count` more minutes, each its own file and document."""
    seeds = sorted(SEEDS.iterdir())
    for i in range(count):
        seed = seeds[i % len(seeds)]
        shutil.copy(seed, corpus / f"kopi-{i:03d}-{seed.name}")


def total(index_dir: Path, query: str) -> int:
    index = open_index(index_dir)
    try:
        return index.search(SearchRequest(query=query)).total
    finally:
        index.close()


class Recorder(Progress):
    def __init__(self) -> None:
        self.events: list[tuple[str, object]] = []

    def start(self, total: int) -> None:
        self.events.append(("start", total))

    def file(self, source: str, at: int | None = None, outcome: str = "") -> None:
        self.events.append(("file", source))

    def skipped(self, skipped: Skipped) -> None:
        self.events.append(("skipped", skipped.source))

    def writing(self, total: int) -> None:
        self.events.append(("writing", total))

    def done(self, report: UpdateReport) -> None:
        self.events.append(("done", report.seen))


# --- incremental -------------------------------------------------------------------------------


def test_an_unchanged_corpus_is_neither_read_nor_even_opened(tmp_path, reads):
    corpus = make_corpus(tmp_path)
    index_dir = tmp_path / "index"
    first = update_index([corpus], index_dir)
    before = answers(index_dir)
    reads.clear()

    with files_opened() as opened:
        second = update_index([corpus], index_dir)

    assert (first.indexed, first.unchanged, first.skipped) == (5, 0, ())
    assert (second.seen, second.indexed, second.unchanged, second.removed, second.passages) == (5, 0, 5, 0, 0)
    assert reads == []
    assert [p for p in opened if p.startswith(str(corpus))] == []  # size and mtime were enough
    assert answers(index_dir) == before


def test_a_file_written_a_moment_ago_is_hashed_again_but_not_reread(tmp_path, reads):
    corpus = make_corpus(tmp_path)
    age(corpus, 0)  # just written: too recent to trust size and mtime (racy)
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    reads.clear()

    with files_opened() as opened:
        report = update_index([corpus], index_dir)

    assert (report.indexed, report.unchanged) == (0, 5)
    assert reads == []
    assert sorted(Path(p).name for p in opened if p.startswith(str(corpus))) == sorted(p.name for p in corpus.iterdir())


def test_one_changed_file_is_the_only_one_reread(tmp_path, reads):
    corpus = make_corpus(tmp_path)
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    reads.clear()
    minutes = corpus / MINUTES_2015
    minutes.write_text(minutes.read_text(encoding="utf-8").replace("Der var intet til eventuelt.", "Rådet drøftede zebrastriber."), encoding="utf-8")

    report = update_index([corpus], index_dir)

    assert reads == [MINUTES_2015]
    assert (report.indexed, report.unchanged, report.removed, report.passages) == (1, 4, 0, 7)
    assert total(index_dir, "zebrastriber") == 1
    assert total(index_dir, '"intet til eventuelt"') == 0
    assert total(index_dir, "flygtninge") == answers_after_seeds(tmp_path)["flygtninge"][0]


def answers_after_seeds(tmp_path: Path) -> dict[str, tuple[int, tuple[str, ...]]]:
    index_dir = tmp_path / "seeds-only-index"
    update_index([make_corpus(tmp_path, "seeds-only")], index_dir)
    return answers(index_dir)


def test_a_deleted_file_loses_its_passages_and_an_added_one_gains_them(tmp_path, reads):
    corpus = make_corpus(tmp_path)
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    assert total(index_dir, "Roskilde") > 0
    (corpus / ROSKILDE).unlink()
    shutil.copy(FIXTURES / "pdf" / "referat-2017-02-23.pdf", corpus / "naestved-referat-2017-02-23.pdf")
    reads.clear()

    report = update_index([corpus], index_dir)

    assert reads == ["naestved-referat-2017-02-23.pdf"]
    assert (report.seen, report.indexed, report.unchanged, report.removed, report.passages) == (5, 1, 4, 1, 7)
    assert total(index_dir, "Roskilde") == 0
    index = open_index(index_dir)
    assert ROSKILDE not in index.sources() and "naestved-referat-2017-02-23.pdf" in index.sources()
    hits = index.search(SearchRequest(query="Integrationsmentor", page_size=50)).hits
    assert any(h.source == "naestved-referat-2017-02-23.pdf" and h.page == 5 for h in hits)


def test_an_empty_folder_does_not_empty_the_index_unless_full_says_so(tmp_path):
    """A network share that is not mounted leaves an empty mount point: a scheduled reindex
    removed every document, exit code 0, and the site found nothing until the next run."""
    corpus = make_corpus(tmp_path)
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    before = answers(index_dir)
    mounted = tmp_path / "mounted"
    corpus.rename(mounted)
    corpus.mkdir()  # the mount point, without its share

    result = CliRunner().invoke(main, ["index", str(corpus), "--index-dir", str(index_dir)])

    assert (result.exit_code, result.stderr) == (1, (
        f"Fejl: {corpus} er tom, men indekset har 5 dokumenter – er drevet monteret? Indekset er uændret; "
        "skal det tømmes, så kør med --full.\n"))
    assert answers(index_dir) == before
    emptied = CliRunner().invoke(main, ["index", str(corpus), "--index-dir", str(index_dir), "--full", "-q"])
    assert emptied.exit_code == 0 and total(index_dir, "flygtninge") == 0
    (mounted / MINUTES_2015).rename(corpus / MINUTES_2015)  # a folder with one file is no empty mount point
    assert CliRunner().invoke(main, ["index", str(corpus), "--index-dir", str(index_dir), "-q"]).exit_code == 0


def test_full_rebuilds_everything_from_scratch(tmp_path, reads):
    corpus = make_corpus(tmp_path)
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    before = answers(index_dir)
    reads.clear()

    report = update_index([corpus], index_dir, full=True)

    assert sorted(reads) == sorted(p.name for p in corpus.iterdir())
    assert (report.indexed, report.unchanged, report.full) == (5, 0, True)
    assert answers(index_dir) == before  # passage ids are stable across a rebuild


def test_an_edited_data_file_makes_the_next_run_rebuild_whole_once(tmp_path, reads, monkeypatch):
    """An administrator adds a stem exclusion: files read from now on are stemmed by it, so
    the old files' terms would no longer meet the queries' (a search for "budget" missed
    "budgettet" until everything was read again). The next plain run rebuilds whole, says
    why, and the run after it is incremental again."""
    import search.schema

    corpus = make_corpus(tmp_path)
    index_dir = tmp_path / "index"
    data = [tmp_path / path.name for path in search.schema.INDEX_DATA_FILES]
    for original, copy in zip(search.schema.INDEX_DATA_FILES, data):
        shutil.copy(original, copy)
    monkeypatch.setattr(search.schema, "INDEX_DATA_FILES", tuple(data))
    update_index([corpus], index_dir)
    assert update_index([corpus], index_dir).unchanged == 5  # same data: nothing read
    reads.clear()

    exclusions = next(path for path in data if path.name == "stem_exclusions.txt")
    exclusions.write_text(exclusions.read_text(encoding="utf-8") + "\nbudget budget\n", encoding="utf-8")
    progress = io.StringIO()
    report = update_index([corpus], index_dir, progress=ConsoleProgress(progress, tty=False))

    assert sorted(reads) == sorted(p.name for p in corpus.iterdir())
    assert (report.indexed, report.unchanged, report.full) == (5, 0, True)
    assert "Bygger hele indekset igen: datafilerne" in progress.getvalue()
    assert "(genopbygget: datafilerne" in str(report)
    reads.clear()
    again = update_index([corpus], index_dir)
    assert (reads, again.unchanged, again.full, again.rebuilt_because) == ([], 5, False, "")


def test_an_upgrade_that_reads_files_differently_rebuilds_whole_once(tmp_path, reads, monkeypatch):
    """A release that splits minutes better (a new heading convention, say) must reach the
    files that did not change too: else their old passages stand beside new ones until an
    administrator thinks of --full. The reading version is part of the index's build stamp."""
    corpus = make_corpus(tmp_path)
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    reads.clear()
    monkeypatch.setattr(pipeline, "READING_VERSION", pipeline.READING_VERSION + 1)
    progress = io.StringIO()

    report = update_index([corpus], index_dir, progress=ConsoleProgress(progress, tty=False))

    assert sorted(reads) == sorted(p.name for p in corpus.iterdir())
    assert (report.indexed, report.unchanged, report.full) == (5, 0, True)
    assert "Bygger hele indekset igen: denne udgave af Referatsøg læser dokumenterne anderledes" in progress.getvalue()
    reads.clear()
    assert update_index([corpus], index_dir).unchanged == 5 and reads == []


def test_an_extra_topic_vocabulary_retags_every_file_not_only_the_changed_ones(tmp_path, reads, monkeypatch):
    corpus = make_corpus(tmp_path)
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    extra = tmp_path / "emner.txt"
    extra.write_text("kultur: bibliotek, biblioteket\n", encoding="utf-8")
    monkeypatch.setenv("REFERATSOG_TOPICS", str(extra))
    reads.clear()

    report = update_index([corpus], index_dir)

    assert (report.indexed, report.full) == (5, True)
    index = open_index(index_dir)
    try:
        topics = {value.value: value.count for value in index.search(SearchRequest(query="biblioteket")).facets["topic"]}
    finally:
        index.close()
    assert topics.get("kultur", 0) > 0  # the files untouched since the first run carry the new topic too


def test_a_killed_rebuild_for_edited_data_is_tried_again_by_the_next_run(tmp_path, monkeypatch):
    """The index records what its whole build was made with in the build's own commit: a
    rebuild that fails leaves the old record, so the next run rebuilds again."""
    import indexer.update

    corpus = make_corpus(tmp_path)
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    monkeypatch.setattr(indexer.update, "build_stamp", lambda: "edited")
    real_write = IndexWriter._write_spooled

    def disk_full(self):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(IndexWriter, "_write_spooled", disk_full)  # the rebuild's writing pass
    with pytest.raises(OSError):
        update_index([corpus], index_dir)
    monkeypatch.setattr(IndexWriter, "_write_spooled", real_write)

    assert update_index([corpus], index_dir).full
    assert not update_index([corpus], index_dir).full


# --- what the index mirrors -----------------------------------------------------------------------


def test_several_folders_are_named_from_their_common_parent_and_a_file_from_its_folder(tmp_path):
    seeds = make_corpus(tmp_path / "a", "referater")
    pdfs = tmp_path / "b" / "referater"
    pdfs.mkdir(parents=True)
    shutil.copy(FIXTURES / "pdf" / "referat-2015-05-21.pdf", pdfs)
    single = tmp_path / "c" / "enkelt.html"
    single.parent.mkdir()
    shutil.copy(FIXTURES / "inputs" / "boegeskov-integrationsraadet-referat-2016-09-14.html", single)

    update_index([seeds, pdfs], tmp_path / "index")
    update_index([single], tmp_path / "index-single")

    sources = open_index(tmp_path / "index").sources()
    assert sorted(sources) == sorted([f"a/referater/{p.name}" for p in SEEDS.iterdir()] + ["b/referater/referat-2015-05-21.pdf"])
    assert {record["root"] for record in sources.values()} == {str(tmp_path.resolve())}
    assert list(open_index(tmp_path / "index-single").sources()) == ["enkelt.html"]
    assert update_index([seeds, pdfs], tmp_path / "index").unchanged == 6  # stable names: nothing re-read


def test_the_index_mirrors_the_paths_of_a_full_run(tmp_path):
    first, second = make_corpus(tmp_path, "first"), tmp_path / "second"
    second.mkdir()
    shutil.copy(SEEDS / ROSKILDE, second)
    index_dir = tmp_path / "index"
    update_index([first], index_dir)

    # Without full the run is refused: it would remove what `first` holds (test_index_safety.py).
    report = update_index([second], index_dir, full=True)

    # The Roskilde minutes are in both folders: same name and content, but a new root.
    assert (report.indexed, report.unchanged, report.removed) == (1, 0, 4)
    sources = open_index(index_dir).sources()
    assert list(sources) == [ROSKILDE] and sources[ROSKILDE]["root"] == str(second.resolve())


def test_hidden_files_lock_files_and_the_index_itself_are_not_seen_unknown_types_are_reported(tmp_path):
    corpus = make_corpus(tmp_path)
    (corpus / ".skjult.txt").write_text("1. Hemmeligt\n", encoding="utf-8")
    (corpus / "~$referat.docx").write_bytes(b"lock")
    (corpus / ".git").mkdir()
    (corpus / ".git" / "config.txt").write_text("[core]\n", encoding="utf-8")
    (corpus / "notat.docx").write_bytes(b"PK\x03\x04")
    (corpus / "Thumbs.db").write_bytes(b"\0")

    report = update_index([corpus], corpus / "indeks")  # the index inside the corpus is skipped
    again = update_index([corpus], corpus / "indeks")

    assert (report.seen, report.indexed) == (6, 5)
    assert report.skipped == again.skipped == (Skipped("notat.docx", "Word-dokument (.docx) – gem det som PDF for at få det med"),)
    assert again.unchanged == 5


def test_a_folder_that_cannot_be_listed_keeps_what_was_indexed_from_it(tmp_path, monkeypatch):
    corpus = make_corpus(tmp_path)
    (corpus / "2026").mkdir()
    (corpus / ROSKILDE).rename(corpus / "2026" / ROSKILDE)
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    real_walk = os.walk

    def walk_failing_on_2026(top, onerror=None, **options):  # as os.walk does when scandir fails
        for current, folders, files in real_walk(top, onerror=onerror, **options):
            if Path(current).name == "2026":
                folders.clear()
                onerror(PermissionError(13, "Permission denied", current))
                continue
            yield current, folders, files

    monkeypatch.setattr(os, "walk", walk_failing_on_2026)
    report = update_index([corpus], index_dir)

    assert report.skipped == (Skipped("2026/", "mappen kan ikke læses (ingen adgang)"),)  # not the OS's English
    assert (report.removed, report.unchanged) == (0, 4)
    assert f"2026/{ROSKILDE}" in open_index(index_dir).sources()


# --- bad files, one line each, the run goes on -----------------------------------------------------


def test_a_file_skipped_by_its_name_is_named_once_in_quiet_summaries(tmp_path):
    """A Word document beside the minutes was named in every -q summary: a cron job's mail each
    run, the same line (admin review). As for files refused for their content, it is named when
    first skipped, then counted; a new one is named as ever."""
    corpus, index_dir = make_corpus(tmp_path), tmp_path / "index"
    (corpus / "notat.docx").write_bytes(b"PK\x03\x04")
    first = update_index([corpus], index_dir)
    assert "  notat.docx: Word-dokument (.docx) – gem det som PDF for at få det med" in \
        format_summary(first, quiet=True).splitlines()

    (corpus / "bilag.xlsx").write_bytes(b"PK\x03\x04")
    second = update_index([corpus], index_dir)

    quiet = format_summary(second, quiet=True).splitlines()
    assert quiet[-3:] == ["Sprunget over:", "  bilag.xlsx: Excel-regneark (.xlsx) – bilag læses ikke",
                          "Sprunget over som ved sidste kørsel (uændrede, ikke læst igen): 1 fil – se dem uden -q."]
    assert "notat.docx" in format_summary(second)  # without -q, every skipped file as ever
    assert {s.source for s in update_index([corpus], index_dir, full=True).skipped} == {"notat.docx", "bilag.xlsx"}


def test_a_file_refused_for_its_content_is_not_read_again_while_it_stays_as_it_was(tmp_path, reads):
    """A folder of scanned PDFs was parsed again on every run, to be refused again: minutes
    of an incremental run that had one changed file to read."""
    corpus, index_dir = make_corpus(tmp_path), tmp_path / "index"
    for name in ("scanned-no-text.pdf", "truncated.pdf"):
        shutil.copy(FIXTURES / "pdf" / name, corpus / name)
    age(corpus)
    first = {item.source: item.reason for item in update_index([corpus], index_dir).skipped}
    assert first == {"scanned-no-text.pdf": "intet tekstlag (billed-/scannet PDF) – kør OCR først, fx ocrmypdf -l dan",
                     "truncated.pdf": "beskadiget eller afkortet PDF (uventet filslutning)"}
    reads.clear()

    second = update_index([corpus], index_dir)

    assert reads == []
    assert {item.source: item.reason for item in second.skipped} == {
        name: reason + " (uændret siden sidste kørsel – ikke læst igen)" for name, reason in first.items()}
    # a cron job's -q mail: the same files refused again are one line, not the whole list each night
    assert second.not_reread == ("scanned-no-text.pdf", "truncated.pdf")
    quiet = format_summary(second, quiet=True).splitlines()
    assert quiet[-1] == "Sprunget over som ved sidste kørsel (uændrede, ikke læst igen): 2 filer – se dem uden -q."
    assert "Sprunget over:" not in quiet and "Sprunget over:" in format_summary(second).splitlines()

    with (corpus / "truncated.pdf").open("ab") as pdf:  # copied again, whole this time, say
        pdf.write(b"\n%%EOF\n")
    past = time.time() - 60
    os.utime(corpus / "truncated.pdf", (past, past))
    third = update_index([corpus], index_dir)
    assert reads == ["truncated.pdf"]
    assert format_summary(third, quiet=True).splitlines()[-3:] == [  # what changed is listed as ever
        "Sprunget over:", "  truncated.pdf: beskadiget eller afkortet PDF (uventet filslutning)",
        "Sprunget over som ved sidste kørsel (uændrede, ikke læst igen): 1 fil – se dem uden -q."]
    assert {item.source: item.reason for item in third.skipped}["truncated.pdf"] == first["truncated.pdf"]

    reads.clear()
    update_index([corpus], index_dir, full=True)  # the remedy the README names: every file read again
    assert sorted(reads) == sorted(p.name for p in corpus.iterdir())


def test_a_file_the_os_would_not_give_is_read_again_next_time(tmp_path, monkeypatch):
    """No access, an I/O error, a share gone: nothing is known of the content, which may well
    be readable next time without the file changing."""
    from indexer.extract import UnreadableFile

    corpus, index_dir = make_corpus(tmp_path), tmp_path / "index"
    real = pipeline.read_document

    def no_access(path: Path, root: Path):
        if path.name == MINUTES_2015:
            raise UnreadableFile("ingen adgang til filen (tjek rettighederne)")
        return real(path, root)

    monkeypatch.setattr(pipeline, "read_document", no_access)
    assert [item.source for item in update_index([corpus], index_dir).skipped] == [MINUTES_2015]
    monkeypatch.setattr(pipeline, "read_document", real)

    again = update_index([corpus], index_dir)

    assert (again.skipped, again.indexed, again.passages) == ((), 1, 7)


def test_a_file_that_vanishes_mid_run_is_reported_and_the_rest_indexed(tmp_path):
    corpus = make_corpus(tmp_path)

    class DeleteTheNextFile(Progress):
        def file(self, source: str, at: int | None = None, outcome: str = "") -> None:
            if source == MINUTES_2015:  # announced while reading, and again while writing
                (corpus / ROSKILDE).unlink(missing_ok=True)

    report = update_index([corpus], tmp_path / "index", progress=DeleteTheNextFile())

    assert report.skipped == (Skipped(ROSKILDE, "filen forsvandt under indekseringen"),)
    assert report.indexed == 4


def test_a_changed_file_that_no_longer_reads_keeps_its_old_passages(tmp_path):
    """The README's promise, for a file read and refused as for one the OS would not give."""
    corpus = make_corpus(tmp_path)
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    before = total(index_dir, "Roskilde")
    (corpus / ROSKILDE).write_bytes(b"")

    report = update_index([corpus], index_dir)

    assert report.skipped == (Skipped(ROSKILDE, "tom fil (0 bytes) – den tidligere indekserede udgave beholdes"),)
    assert (report.kept, report.removed) == ((Skipped(ROSKILDE, "tom fil (0 bytes)"),), 0)
    assert ROSKILDE in open_index(index_dir).sources()
    assert total(index_dir, "Roskilde") == before > 0


def test_any_error_from_one_file_becomes_one_line_and_the_run_goes_on(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # where the fault's traceback is saved
    monkeypatch.setattr("tempfile.tempdir", None)
    corpus = make_corpus(tmp_path)
    real = pipeline.read_document

    def flaky(path: Path, root: Path):
        if path.name == ROSKILDE:
            raise RuntimeError("segmentering fejlede\n  på linje 12")
        if path.name == MINUTES_2015:
            return replace(real(path, root), passages=())
        return real(path, root)

    monkeypatch.setattr(pipeline, "read_document", flaky)
    report = update_index([corpus], tmp_path / "index")

    [details] = tmp_path.glob("referatsog-fejl-*.txt")
    fault = Skipped(ROSKILDE, "uventet fejl i Referatsøg (RuntimeError: segmentering fejlede på linje 12) – "
                              f"detaljerne er gemt i {details} (send dem med, når fejlen meldes) – {NOT_THE_FILE}")
    assert report.skipped == (Skipped(MINUTES_2015, "ingen dagsordenspunkter eller afsnit fundet"), fault)
    assert report.internal_errors == (fault,)  # a bug of ours, not the file's: counted apart
    assert report.indexed == 3 and report.exit_status() == 1
    assert "2 sprunget over (heraf 1 på grund af en fejl i Referatsøg)" in format_summary(report).splitlines()[0]


# --- interruption and concurrency ---------------------------------------------------------------

RUNNER = """
import sys
from pathlib import Path
from indexer.progress import VERBOSE, ConsoleProgress
from indexer.update import update_index

progress = ConsoleProgress(sys.stderr, verbosity=VERBOSE, tty=False)
try:
    update_index([Path(sys.argv[1])], Path(sys.argv[2]), progress=progress, full="--full" in sys.argv)
except KeyboardInterrupt:
    sys.exit(130)
"""


@pytest.fixture
def start_reindex() -> Iterator:
    """Start `update_index` in a subprocess; any still running at the end of the test is killed."""
    started: list[subprocess.Popen] = []

    def start(corpus: Path, index_dir: Path, *options: str) -> subprocess.Popen:
        process = subprocess.Popen([sys.executable, "-c", RUNNER, str(corpus), str(index_dir), *options],
                                   stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd=ROOT)
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait()
        if process.stderr:
            process.stderr.close()


def wait_until_at_file(process: subprocess.Popen, number: int, doing: str = "") -> None:
    """Block until the indexer subprocess reports that it is at file `number` or later (inside its
    writer), `doing` that (e.g. "skriver ": in the writing pass of a build from nothing)."""
    assert process.stderr is not None
    for line in process.stderr:
        at, _, rest = line.partition("] ")
        if at.startswith("[") and int(at[1:].split("/")[0]) >= number and rest.startswith(doing):
            return
    raise AssertionError(f"the indexer ended before file {number}: rc={process.wait()}")


@pytest.fixture
def grown_corpus(tmp_path) -> tuple[Path, Path, dict]:
    """An index of the seeds, and the corpus grown by 80 more minutes (a run of a few seconds)."""
    corpus = make_corpus(tmp_path)
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    before = answers(index_dir)
    add_copies(corpus, 80)
    return corpus, index_dir, before


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_reindex_killed_mid_run_leaves_the_old_index_answering_the_same(grown_corpus, start_reindex, signum):
    corpus, index_dir, before = grown_corpus
    committed = set(os.listdir(index_dir))
    process = start_reindex(corpus, index_dir)
    wait_until_at_file(process, 30)
    assert set(os.listdir(index_dir)) - committed  # the run has half-written files on disk

    process.send_signal(signum)
    returncode = process.wait(timeout=30)

    assert returncode == (-signal.SIGKILL if signum == signal.SIGKILL else 130)  # SIGTERM: cancelled like Ctrl-C
    assert answers(index_dir) == before
    assert len(open_index(index_dir).sources()) == 5
    report = update_index([corpus], index_dir)  # the lock died with the process
    assert (report.indexed, report.unchanged) == (80, 5)
    assert len(open_index(index_dir).sources()) == 85  # the copies are in (and shown once: copies)


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_full_rebuild_killed_while_two_processes_write_leaves_the_old_index_and_no_lock(
    grown_corpus, start_reindex, signum
):
    corpus, index_dir, before = grown_corpus  # 85 files: the writing pass forks a helper writer
    process = start_reindex(corpus, index_dir, "--full")
    wait_until_at_file(process, 10, doing="skriver ")
    helpers = _children(process.pid)
    assert helpers  # the helper writer is at work beside it

    process.send_signal(signum)
    process.wait(timeout=30)

    deadline = time.monotonic() + 5  # a helper notices its parent is gone within half a second
    while any(_alive(pid) for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in helpers)
    assert answers(index_dir) == before
    report = update_index([corpus], index_dir, full=True)  # not locked by an orphan
    assert report.indexed == 85


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except OSError:
        return False


@pytest.mark.slow
def test_a_second_reindex_at_the_same_time_is_refused_and_the_first_completes(grown_corpus, start_reindex):
    corpus, index_dir, before = grown_corpus
    process = start_reindex(corpus, index_dir)
    wait_until_at_file(process, 10)

    with pytest.raises(IndexLocked) as refused:
        update_index([corpus], index_dir)

    assert "opdateres allerede af en anden proces" in str(refused.value)
    _, errors = process.communicate(timeout=120)
    assert process.returncode == 0, errors
    assert len(open_index(index_dir).sources()) == 85


@pytest.mark.slow
def test_searches_keep_answering_during_a_reindex_and_never_see_half_of_it(grown_corpus, start_reindex):
    corpus, index_dir, before = grown_corpus
    index = open_index(index_dir)  # one long-lived index, as the web app holds it
    request = SearchRequest(query="flygtninge")
    passages = index.stats()["passages"]
    process = start_reindex(corpus, index_dir)
    wait_until_at_file(process, 5)

    during = []
    while process.poll() is None:
        answer = index.search(request)  # answers throughout
        during.append((answer.total, index.stats()["passages"]))
    after = (index.search(request).total, index.stats()["passages"])

    assert process.returncode == 0
    assert len(during) > 10 and during[0] == (before["flygtninge"][0], passages)
    assert set(during) <= {during[0], after}  # old or new, nothing in between
    # 80 copies, each seed 16 more times: indexed, and found once each (`Snapshot.copies`)
    assert after == (before["flygtninge"][0], passages * 17)


# --- builds from nothing: read all, learn the compounds, write in two processes --------------------


def full_answers(index_dir: Path) -> dict:
    """Every hit id in order and the facet counts of a few queries."""
    index = open_index(index_dir)
    try:
        responses = {q: index.search(SearchRequest(query=q, page_size=100)) for q in QUERIES + ("",)}
        return {q: ([h.id for h in r.hits], r.total, r.facets) for q, r in responses.items()}
    finally:
        index.close()


def test_two_writing_processes_build_the_index_one_would(tmp_path, monkeypatch):
    corpus = make_corpus(tmp_path)
    add_copies(corpus, 80)  # 85 files: above the helper's threshold
    update_index([corpus], tmp_path / "two")
    monkeypatch.setattr("search.spool.PARALLEL_MIN_DOCUMENTS", 10**9)
    update_index([corpus], tmp_path / "one")

    assert open_index(tmp_path / "two").stats()["segments"] == 2
    assert open_index(tmp_path / "one").stats()["segments"] == 1
    assert full_answers(tmp_path / "two") == full_answers(tmp_path / "one")
    assert list(open_index(tmp_path / "two").sources()) == list(open_index(tmp_path / "one").sources())


def test_a_failing_helper_fails_the_build_cleanly_and_keeps_the_old_index(tmp_path, monkeypatch):
    from search.index import IndexWriter

    corpus = make_corpus(tmp_path)
    add_copies(corpus, 80)
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    before = full_answers(index_dir)
    parent, real = os.getpid(), IndexWriter._write

    def fails_in_the_helper(self, writer, document, root, file_info):
        if os.getpid() != parent:
            raise OSError(28, "No space left on device")
        real(self, writer, document, root, file_info)

    monkeypatch.setattr(IndexWriter, "_write", fails_in_the_helper)
    result = CliRunner().invoke(main, ["index", str(corpus), "--index-dir", str(index_dir), "--full", "--quiet"])

    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [  # what is left, and what to do
        "Fejl: Indekset kunne ikke skrives (hjælpeprocessen fejlede: disken er fuld) – det tidligere indeks er "
        "uændret; frigør plads på disken, eller vælg en anden mappe med --index-dir, og kør igen."
    ]
    assert full_answers(index_dir) == before
    monkeypatch.undo()
    assert update_index([corpus], index_dir, full=True).indexed == 85  # and the lock is free


# --- progress and summary -------------------------------------------------------------------------


def test_update_index_reports_progress_in_order(tmp_path):
    corpus = make_corpus(tmp_path)
    (corpus / "notat.docx").write_bytes(b"PK\x03\x04")
    (corpus / "tom.pdf").write_bytes(b"")
    recorder = Recorder()

    update_index([corpus], tmp_path / "index", progress=recorder)

    names = sorted(p.name for p in corpus.iterdir() if p.suffix != ".docx")
    read = [e for n in names for e in [("file", n)] + ([("skipped", n)] if n == "tom.pdf" else [])]
    written = [("file", n) for n in names if n != "tom.pdf"]
    # A first build reads everything, then writes it (having learned the corpus's compounds).
    assert recorder.events == [("start", 6), ("skipped", "notat.docx"), *read, ("writing", 5), *written, ("done", 7)]


def test_an_incremental_run_reads_and_writes_each_changed_file_in_one_pass(tmp_path):
    corpus = make_corpus(tmp_path)
    update_index([corpus], tmp_path / "index")
    (corpus / ROSKILDE).write_text((corpus / ROSKILDE).read_text(encoding="utf-8") + "\nTilføjet.\n", encoding="utf-8")
    recorder = Recorder()

    update_index([corpus], tmp_path / "index", progress=recorder)

    assert [e for e in recorder.events if e[0] == "writing"] == []
    assert recorder.events.count(("file", ROSKILDE)) == 1


REPORT = UpdateReport(seen=12, indexed=4, unchanged=6, removed=1, passages=29, seconds=3.25,
                      skipped=(Skipped("empty.pdf", "tom fil (0 bytes)"), Skipped("x.docx", "ukendt filtype '.docx'")))


def test_the_summary_counts_in_danish_and_names_each_skipped_file():
    assert format_summary(REPORT, Path("/var/lib/referatsog")).splitlines() == [
        "12 filer set: 4 filer indekseret (29 passager), 6 uændrede, 1 fjernet, 2 sprunget over – 3,2 s.",
        "Indeks: /var/lib/referatsog",
        "Sprunget over:",
        "  empty.pdf: tom fil (0 bytes)",
        "  x.docx: ukendt filtype '.docx'",
    ]
    one = UpdateReport(seen=1, indexed=1, unchanged=1, removed=0, passages=1, full=True)
    assert str(one) == "1 fil set: 1 fil indekseret (1 passage), 1 uændret, 0 fjernet, 0 sprunget over – 0,0 s (genopbygget)."


def run_progress(progress: Progress, files: int = 30) -> None:
    progress.start(files)
    for n in range(1, files + 1):
        progress.file(f"mappe/referat-{n:02d}.pdf")
        if n == 3:
            progress.skipped(Skipped("mappe/referat-03.pdf", "tom fil (0 bytes)"))
    progress.done(REPORT)


def test_progress_off_a_terminal_is_a_few_plain_lines():
    out = io.StringIO()

    run_progress(ConsoleProgress(out, verbosity=NORMAL, tty=False))

    assert out.getvalue().splitlines() == ["Indekserer 30 filer …"] + [f"  {n}/30 filer" for n in range(3, 31, 3)]


def test_progress_on_a_terminal_is_one_redrawn_bar_with_counts_and_the_current_file():
    out = io.StringIO()

    run_progress(ConsoleProgress(out, verbosity=NORMAL, tty=True))

    text = out.getvalue()
    assert "\n" not in text and text.endswith("\r\x1b[K")  # the bar is cleared for the summary
    assert "\r\x1b[K[####################] 30/30 mappe/referat-30.pdf" in text


def test_the_writing_pass_restarts_the_counts_and_says_so():
    out = io.StringIO()
    progress = ConsoleProgress(out, verbosity=NORMAL, tty=False)

    run_progress(progress, files=3)
    progress.writing(2)
    progress.file("mappe/referat-01.pdf")

    assert out.getvalue().splitlines()[-1] == "Skriver 2 filer i indekset …"
    tty = io.StringIO()
    bar = ConsoleProgress(tty, verbosity=NORMAL, tty=True)
    bar.start(3)
    bar.writing(2)
    bar.file("mappe/referat-01.pdf")
    assert tty.getvalue().endswith("[##########          ] 1/2 skriver mappe/referat-01.pdf")


def test_verbose_progress_names_every_file_and_every_skip():
    out = io.StringIO()

    run_progress(ConsoleProgress(out, verbosity=VERBOSE, tty=True), files=3)

    assert out.getvalue().splitlines() == [
        "Indekserer 3 filer …",
        "[1/3] mappe/referat-01.pdf",
        "[2/3] mappe/referat-02.pdf",
        "[3/3] mappe/referat-03.pdf",
        "  sprunget over: mappe/referat-03.pdf: tom fil (0 bytes)",
    ]


def test_verbose_progress_says_what_became_of_each_file(tmp_path):
    """`-v` named the files but not whether each was new, changed or left alone: an
    administrator checking that last night's upload was picked up could not tell."""
    corpus, index_dir = make_corpus(tmp_path), tmp_path / "index"
    shutil.move(corpus / MINUTES_2015, tmp_path / MINUTES_2015)
    update_index([corpus], index_dir)
    shutil.move(tmp_path / MINUTES_2015, corpus / MINUTES_2015)
    (corpus / ROSKILDE).write_text((corpus / ROSKILDE).read_text(encoding="utf-8") + "\nTilføjet.\n", encoding="utf-8")
    (corpus / "tom.pdf").write_bytes(b"")

    def verbose_lines(**options) -> dict[str, str]:
        out = io.StringIO()
        report = update_index([corpus], index_dir, progress=ConsoleProgress(out, verbosity=VERBOSE, tty=False), **options)
        lines = out.getvalue().splitlines()
        return report, {line.split("] ", 1)[1].split(" – ")[0]: line.split(" – ", 1)[1] if " – " in line else ""
                        for line in lines if line.startswith("[") and "skriver" not in line}

    report, outcomes = verbose_lines()
    roskilde = report.passages - 7
    assert outcomes == {
        MINUTES_2015: "ny, 7 passager",
        ROSKILDE: f"ændret, {roskilde} passager",
        "tom.pdf": "",  # its reason is the line after
        **{name: "uændret" for name in SEED_NAMES if name not in (MINUTES_2015, ROSKILDE)},
    }
    _, rebuilt = verbose_lines(full=True)
    assert rebuilt[MINUTES_2015] == "læst igen, 7 passager" and rebuilt[ROSKILDE] == f"læst igen, {roskilde} passager"


def test_quiet_progress_says_nothing(capsys):
    progress = make_progress(quiet=True, verbose=True)

    run_progress(progress)

    assert type(progress) is Progress and capsys.readouterr() == ("", "")


def test_a_sigterm_lost_in_a_fork_hook_still_cancels_the_run_at_the_next_file():
    """The writer forks its helper; a SIGTERM landing in os.fork's logging hooks cannot raise
    there (Python prints it and drops it) and the run went on to its end. It is remembered."""
    import logging
    import signal
    import types

    from indexer.update import _terminate_as_interrupt

    with _terminate_as_interrupt() as stop_if_asked:
        stop_if_asked()  # nothing asked yet
        handler = signal.getsignal(signal.SIGTERM)
        hook = getattr(logging, "_releaseLock", None) or logging._afterFork  # as os.fork runs it (3.13: _afterFork)
        handler(signal.SIGTERM, types.SimpleNamespace(f_code=hook.__code__, f_back=None))  # returns
        with pytest.raises(KeyboardInterrupt):
            stop_if_asked()
        with pytest.raises(KeyboardInterrupt):  # anywhere else it raises at once
            handler(signal.SIGTERM, None)
