"""What a municipal IT administrator's review found in indexing and serving, and how it now behaves.

A link to a file that is also listed where it really is does not replace it; an ignore file
that cannot be read stops the run; `serve` refuses an index folder of documents before it
announces the site; a file deleted during a run leaves the index in that run; a run that
changes nothing commits nothing; `--strict` says why it exits with 1; and the command line's
smaller points (help, labels, empty values, -q with -v, a long read named, parameter names).
"""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SEEDS, folder_snapshot, run
from indexer.files import IGNORE_FILE
from indexer.models import Notice, Skipped
from indexer.progress import NORMAL, ConsoleProgress, Progress
from indexer.update import OUTSIDE_ROOT, update_index
from search import SearchRequest, open_index
from search.index_folder import REFUSED_FILE, index_exists

MINUTES_2015 = "naestved-integrationsraadet-referat-2015-05-21.txt"
AARSBERETNING_2019 = "naestved-integrationsraadet-aarsberetning-2019.txt"
ROSKILDE = "roskilde-integrationsraadet-referat-2026-06-04.txt"
REAL_NAME_NOTE = "symbolsk link til {} – filen indekseres kun under sit rigtige navn"


def aged(folder: Path) -> Path:
    """Every file under `folder` dated an hour back, as in a share not just copied (see RACY_NS)."""
    past = time.time() - 3600
    for path in folder.rglob("*"):
        os.utime(path, (past, past), follow_symlinks=False)
    return folder


def seeds_in(corpus: Path, folder: str = "") -> Path:
    """The seeds copied into `corpus/folder`."""
    shutil.copytree(SEEDS, corpus / folder if folder else corpus, dirs_exist_ok=True)
    return corpus


def passage_ids(index_dir: Path) -> dict[str, list[str]]:
    """Every indexed source → the ids of its passages, in order."""
    index = open_index(index_dir)
    try:
        return {source: [p.id for p in index.document(record["document_id"])]
                for source, record in sorted(index.sources().items())}
    finally:
        index.close()


def generation(index_dir: Path) -> tuple[int, str]:
    index = open_index(index_dir)
    try:
        stats = index.stats()
        return stats["generation"], stats["last_commit"]
    finally:
        index.close()


def cli(*args: object, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`referatsog ARGS` in its own process, as an administrator or a cron job runs it."""
    command = [sys.executable, "-c", "import sys; from indexer.cli import main; sys.argv[0] = 'referatsog'; main()",
               *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})})


# --- 1. a link to a file listed where it really is ---------------------------------------------


def test_a_link_to_a_listed_file_does_not_replace_it_and_is_one_note(tmp_path, runner):
    """The review's case: a link in the root to a file in a subfolder. The root's files are
    listed before the subfolders, and the link took the file's place: its name, ids and
    citations, with no word of it."""
    corpus = seeds_in(tmp_path / "corpus", "seeds")
    (corpus / "genvej.txt").symlink_to(Path("seeds") / MINUTES_2015)

    result = run(runner, "index", corpus, "--index-dir", tmp_path / "index")

    assert result.exit_code == 0, result.output
    assert sorted(open_index(tmp_path / "index").sources()) == [f"seeds/{name}" for name in sorted(os.listdir(SEEDS))]
    lines = result.stdout.splitlines()
    assert lines[lines.index("Bemærkninger:") + 1:] == [f"  genvej.txt: {REAL_NAME_NOTE.format('seeds/' + MINUTES_2015)}"]
    assert "5 filer set: 5 filer indekseret" in result.stdout


def test_which_name_is_kept_does_not_depend_on_the_order_the_folders_are_walked_in(tmp_path):
    corpus = tmp_path / "corpus"
    seeds_in(corpus, "b")
    (corpus / "a").mkdir()
    (corpus / "a" / "genvej.txt").symlink_to(Path("..") / "b" / MINUTES_2015)  # before its target in any order
    (corpus / "z.txt").symlink_to(Path("b") / ROSKILDE)  # in the root: listed before b/
    (corpus / ".delt").mkdir()  # a hidden folder is not walked: its file has only its links' names
    shutil.copy(SEEDS / AARSBERETNING_2019, corpus / ".delt" / "beretning.txt")
    (corpus / "zz-beretning.txt").symlink_to(Path(".delt") / "beretning.txt")
    (corpus / "b" / "y-beretning.txt").symlink_to(Path("..") / ".delt" / "beretning.txt")

    report = update_index([corpus], tmp_path / "index")

    assert sorted(open_index(tmp_path / "index").sources()) == sorted(
        [f"b/{name}" for name in os.listdir(SEEDS)] + ["b/y-beretning.txt"])
    assert report.notices == (
        Notice("a/genvej.txt", REAL_NAME_NOTE.format(f"b/{MINUTES_2015}")),
        Notice("z.txt", REAL_NAME_NOTE.format(f"b/{ROSKILDE}")),
        Notice("zz-beretning.txt", "samme fil som b/y-beretning.txt (symbolsk link) – filen indekseres kun som "
                                   "b/y-beretning.txt"),
    )
    assert (report.seen, report.skipped) == (6, ())


def test_ids_and_citations_are_the_same_with_and_without_a_link_and_its_removal_changes_nothing(tmp_path):
    plain = seeds_in(tmp_path / "plain", "seeds")
    linked = seeds_in(tmp_path / "linked", "seeds")
    (linked / "genvej.txt").symlink_to(Path("seeds") / MINUTES_2015)
    update_index([plain], tmp_path / "plain-index")
    update_index([linked], tmp_path / "linked-index")

    assert passage_ids(tmp_path / "linked-index") == passage_ids(tmp_path / "plain-index")
    index = open_index(tmp_path / "linked-index")
    hit = index.search(SearchRequest(query='"foreningernes dag"')).hits[0]
    assert (hit.source, hit.id.startswith("seeds-naestved")) == (f"seeds/{MINUTES_2015}", True)
    index.close()

    (linked / "genvej.txt").unlink()  # a colleague tidies the share
    again = update_index([linked], tmp_path / "linked-index")

    assert (again.indexed, again.removed, again.unchanged, again.notices) == (0, 0, 5, ())


def test_every_link_out_of_the_corpus_is_its_own_line_also_when_two_lead_to_one_file(tmp_path):
    corpus = seeds_in(tmp_path / "corpus")
    outside = tmp_path / "andet-drev"
    outside.mkdir()
    shutil.copy(SEEDS / ROSKILDE, outside / "hemmelig.txt")
    (corpus / "ude-a.txt").symlink_to(outside / "hemmelig.txt")
    (corpus / "ude-b.txt").symlink_to(outside / "hemmelig.txt")

    report = update_index([corpus], tmp_path / "index")

    assert report.skipped == (Skipped("ude-a.txt", OUTSIDE_ROOT), Skipped("ude-b.txt", OUTSIDE_ROOT))
    assert report.indexed == 5


# --- 2. an ignore file that cannot be read -------------------------------------------------------


def ignored_corpus(tmp_path: Path) -> Path:
    """Seeds, plus a draft and an archive that the ignore file in `udvalg/` leaves out."""
    corpus = seeds_in(tmp_path / "corpus")
    (corpus / "udvalg" / "arkiv").mkdir(parents=True)
    shutil.copy(SEEDS / MINUTES_2015, corpus / "udvalg" / "arkiv" / "intern.txt")
    shutil.copy(SEEDS / ROSKILDE, corpus / "udvalg" / "kladde-referat.txt")
    (corpus / "udvalg" / IGNORE_FILE).write_text("/arkiv/\nkladde*\n", encoding="utf-8")
    return corpus


def test_an_ignore_file_that_is_no_file_refuses_the_run_and_leaves_the_index_as_it_was(tmp_path):
    corpus, index_dir = ignored_corpus(tmp_path), tmp_path / "index"
    assert update_index([corpus], index_dir).indexed == 5
    before = folder_snapshot(index_dir)
    (corpus / "udvalg" / IGNORE_FILE).unlink()
    os.mkfifo(corpus / "udvalg" / IGNORE_FILE)  # root reads any file: a FIFO is what it cannot read here

    result = cli("index", corpus, "--index-dir", index_dir, "-q", "--strict")

    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"Fejl: {corpus / 'udvalg' / IGNORE_FILE} kan ikke læses: ikke en almindelig fil (enhed, socket eller pipe) "
        "– uden den vides ikke, hvilke filer der skal udelades, så kørslen er afvist, og det tidligere indeks er "
        "uændret. Ret eller fjern filen, og kør igen.\n")
    assert folder_snapshot(index_dir) == before


def test_an_ignore_file_that_is_a_folder_refuses_the_run(tmp_path):
    """A folder named .referatsogignore was walked past as any folder: the run went on as if
    the rules were not there, and indexed what they leave out."""
    corpus, index_dir = ignored_corpus(tmp_path), tmp_path / "index"
    assert update_index([corpus], index_dir).indexed == 5
    before = folder_snapshot(index_dir)
    (corpus / "udvalg" / IGNORE_FILE).unlink()
    (corpus / "udvalg" / IGNORE_FILE).mkdir()

    result = cli("index", corpus, "--index-dir", index_dir, "-q")

    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith(f"Fejl: {corpus / 'udvalg' / IGNORE_FILE} kan ikke læses: ")
    assert "kørslen er afvist, og det tidligere indeks er uændret" in result.stderr
    assert folder_snapshot(index_dir) == before


def test_an_ignore_file_without_read_access_refuses_the_run(tmp_path, runner, monkeypatch):
    corpus, index_dir = ignored_corpus(tmp_path), tmp_path / "index"
    real_open = os.open

    def no_access(path, *args, **kwargs):
        if os.fspath(path).endswith(IGNORE_FILE):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_access)
    result = run(runner, "index", corpus, "--index-dir", index_dir)

    assert result.exit_code == 1
    assert result.stderr == (
        f"Fejl: {corpus / 'udvalg' / IGNORE_FILE} kan ikke læses: ingen adgang – uden den vides ikke, hvilke filer "
        "der skal udelades, så kørslen er afvist, og der er stadig intet indeks. Ret eller fjern filen, og kør igen.\n")
    assert not index_exists(index_dir)


def test_an_ignore_file_that_is_a_broken_link_refuses_the_run_and_serves_first_build_too(tmp_path):
    from webui.first_build import build_index
    from webui.serve_error import ServeError

    corpus = ignored_corpus(tmp_path)
    (corpus / "udvalg" / IGNORE_FILE).unlink()
    (corpus / "udvalg" / IGNORE_FILE).symlink_to(tmp_path / "fjernet-ignore")

    with pytest.raises(ServeError) as refused:
        build_index(tmp_path / "index", corpus)

    assert str(refused.value).startswith(f"{corpus / 'udvalg' / IGNORE_FILE} kan ikke læses: symbolsk link peger "
                                         "på en fil, der ikke findes – ")
    assert "og der er stadig intet søgeindeks." in str(refused.value)
    assert not index_exists(tmp_path / "index")


# --- 3. serve on a folder of documents ----------------------------------------------------------


def test_serve_on_a_folder_of_documents_says_only_that_before_announcing_anything(tmp_path):
    from webui.serve import free_port

    documents = seeds_in(tmp_path / "dokumenter")
    before = folder_snapshot(documents)

    result = cli("serve", "--index-dir", documents, "--corpus", SEEDS, "--port", free_port(),
                 env={"REFERATSOG_WORKERS": "2"}, timeout=60)

    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (f"Fejl: mappen {documents} rummer andre filer end et søgeindeks (fx {sorted(os.listdir(SEEDS))[0]}); "
                             "vælg en tom eller ny mappe til indekset (--index-dir).\n")
    assert folder_snapshot(documents) == before
    assert cli("index", SEEDS, "--index-dir", documents).stderr == result.stderr  # the same line as index says


# --- 4. a file deleted while the run goes on ---------------------------------------------------------


class DeleteWhenRead(Progress):
    """Deletes `victim` (or its whole folder) once `trigger` has been read."""

    def __init__(self, trigger: str, victim: Path, whole_folder: bool = False) -> None:
        self.trigger, self.victim, self.whole_folder = trigger, victim, whole_folder
        self.outcomes: dict[str, str] = {}

    def file(self, source: str, at: int | None = None, outcome: str = "") -> None:
        self.outcomes[source] = outcome
        if source == self.trigger and outcome:
            shutil.rmtree(self.victim.parent) if self.whole_folder else self.victim.unlink(missing_ok=True)


def test_an_unchanged_file_deleted_during_the_run_leaves_the_index_in_that_run(tmp_path):
    corpus, index_dir = aged(seeds_in(tmp_path / "corpus")), tmp_path / "index"
    update_index([corpus], index_dir)
    assert open_index(index_dir).search(SearchRequest(query="Roskilde")).total > 0
    with (corpus / AARSBERETNING_2019).open("a", encoding="utf-8") as changed:  # read in this run, before Roskilde
        changed.write("\nTilføjet efter mødet.\n")
    progress = DeleteWhenRead(AARSBERETNING_2019, corpus / ROSKILDE)

    report = update_index([corpus], index_dir, progress=progress)

    assert (report.indexed, report.unchanged, report.removed, report.removed_sources) == (1, 3, 1, (ROSKILDE,))
    assert report.notices == (Notice(ROSKILDE, "forsvandt under indekseringen – fjernet fra indekset"),)
    assert progress.outcomes[ROSKILDE] == "forsvandt under indekseringen – fjernet fra indekset"
    assert ROSKILDE not in open_index(index_dir).sources()
    assert open_index(index_dir).search(SearchRequest(query="Roskilde")).total == 0


def test_a_folder_gone_as_a_whole_during_the_run_keeps_what_was_indexed_from_it(tmp_path):
    """As a network share that drops out: no deletion, so what the site shows stays."""
    corpus, index_dir = aged(seeds_in(tmp_path / "corpus")), tmp_path / "index"
    (corpus / "udvalg").mkdir()
    (corpus / ROSKILDE).rename(corpus / "udvalg" / ROSKILDE)
    update_index([corpus], index_dir)
    with (corpus / AARSBERETNING_2019).open("a", encoding="utf-8") as changed:
        changed.write("\nTilføjet efter mødet.\n")

    report = update_index([corpus], index_dir, progress=DeleteWhenRead(AARSBERETNING_2019, corpus / "udvalg" / ROSKILDE,
                                                                       whole_folder=True))

    assert report.kept == (Skipped(f"udvalg/{ROSKILDE}", "filen forsvandt under indekseringen"),)
    assert (report.removed, report.unchanged) == (0, 3)
    assert f"udvalg/{ROSKILDE}" in open_index(index_dir).sources()


# --- 5. a run that changes nothing -------------------------------------------------------------------


def test_a_run_that_changes_nothing_commits_nothing_and_still_remembers_what_it_refused(tmp_path):
    corpus, index_dir = seeds_in(tmp_path / "corpus"), tmp_path / "index"
    update_index([corpus], index_dir)
    first = generation(index_dir)
    (corpus / "falsk.pdf").write_text("Dette er et notat, ikke en PDF.\n", encoding="utf-8")  # refused for its content
    aged(corpus)  # not written just now: the next run may trust its size and time

    idle = update_index([corpus], index_dir)

    assert generation(index_dir) == first
    assert sorted(p.name for p in index_dir.glob("*.toc")) == ["_MAIN_1.toc"]
    assert (idle.indexed, idle.removed, idle.committed) == (0, 0, False)
    assert "falsk.pdf" in json.loads((index_dir / REFUSED_FILE).read_text(encoding="utf-8"))["files"]
    again = update_index([corpus], index_dir)
    assert (again.not_reread, again.committed, generation(index_dir)) == (("falsk.pdf",), False, first)

    (corpus / ROSKILDE).unlink()  # a real change is committed as ever
    changed = update_index([corpus], index_dir)
    assert (changed.removed, changed.committed, generation(index_dir)[0]) == (1, True, first[0] + 1)


# --- 6. --strict says why it exits with 1 ----------------------------------------------------------


def test_strict_ends_with_a_line_saying_why_the_code_is_1_and_whether_the_index_was_updated(tmp_path):
    corpus, index_dir = seeds_in(tmp_path / "corpus"), tmp_path / "index"
    (corpus / "falsk.pdf").write_text("Dette er et notat, ikke en PDF.\n", encoding="utf-8")

    first = cli("index", corpus, "--index-dir", index_dir, "--strict", "-q")
    second = cli("index", corpus, "--index-dir", index_dir, "--strict", "-q")

    assert first.returncode == second.returncode == 1
    assert first.stdout.splitlines()[-1] == "Afslutter med kode 1 (--strict): 1 fil sprunget over; indekset er opdateret."
    assert second.stdout.splitlines()[-1] == ("Afslutter med kode 1 (--strict): 1 fil sprunget over; "
                                              "indekset var i forvejen ajour.")
    assert "5 filer indekseret" in first.stdout and "0 filer indekseret" in second.stdout


# --- 8. the command line's smaller points -------------------------------------------------------------


def test_the_command_list_gives_each_description_whole(runner):
    page = run(runner, "-h").output
    commands = page.split("Kommandoer:\n", 1)[1].split("\n\n", 1)[0]

    assert "..." not in commands and "…" not in commands
    assert set(line.split()[0] for line in commands.splitlines() if not line.startswith("    ")) == {
        "eval", "extract", "index", "search", "serve"}
    assert "hvis det mangler" in commands  # serve's, which was cut


def test_a_single_file_given_is_labelled_a_file_in_the_summary(tmp_path, runner):
    given = SEEDS / MINUTES_2015
    result = run(runner, "index", given, "--index-dir", tmp_path / "index")
    assert f"\nFil: {given}\nIndeks: {tmp_path / 'index'}\n" in result.stdout
    other = tmp_path / "andre" / MINUTES_2015  # a file outside the folder: one inside it is read as part of it
    other.parent.mkdir()
    shutil.copy(given, other)
    both = run(runner, "index", other, SEEDS, "--index-dir", tmp_path / "index-2")
    assert f"\nMapper og filer: {other}, {SEEDS}\n" in both.stdout
    inside = run(runner, "index", given, SEEDS, "--index-dir", tmp_path / "index-3")
    assert f"\nMapper: {SEEDS}\n" in inside.stdout


def test_an_empty_index_dir_is_said_to_be_empty_not_taken_for_the_working_folder(tmp_path, runner, monkeypatch):
    working = tmp_path / "her"
    working.mkdir()
    monkeypatch.chdir(working)

    result = run(runner, "index", SEEDS, "--index-dir", "")

    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == "Fejl: Ugyldig værdi for '--index-dir': værdien er tom – angiv en mappe."
    assert os.listdir(working) == []


def test_quiet_and_verbose_together_is_one_line(tmp_path, runner):
    """An argument that cannot be used: exit code 2, as every other (`--csv --json`), not 1 (a review)."""
    result = run(runner, "index", SEEDS, "--index-dir", tmp_path / "index", "-q", "-v")

    assert (result.exit_code, result.output) == (
        2, "Fejl: -q (--quiet) og -v (--verbose) kan ikke bruges sammen – vælg ét af dem.\n")
    assert not (tmp_path / "index").exists()


def test_a_large_file_being_read_is_named_while_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # room for the whole name on the bar
    corpus = seeds_in(tmp_path / "corpus")
    largest = max(os.listdir(corpus), key=lambda name: (corpus / name).stat().st_size)
    monkeypatch.setattr(ConsoleProgress, "LARGE_FILE", (corpus / largest).stat().st_size, raising=False)  # that one only
    events: list[tuple[str, str]] = []

    class Terminal(ConsoleProgress):
        def reading(self, source: str, size: int) -> None:
            events.append(("reading", source))
            super().reading(source, size)

        def file(self, source: str, at: int | None = None, outcome: str = "") -> None:
            events.append(("file", source))
            super().file(source, at, outcome)

    terminal, log = io.StringIO(), io.StringIO()
    update_index([corpus], tmp_path / "index", progress=Terminal(terminal, verbosity=NORMAL, tty=True))
    update_index([corpus], tmp_path / "index-2", progress=ConsoleProgress(log, verbosity=NORMAL, tty=False))

    assert ("reading", largest) in events and events.index(("reading", largest)) < events.index(("file", largest))
    assert terminal.getvalue().count(" læser ") == 1 and f"læser {largest} (0,0 MB)" in terminal.getvalue()
    assert f"\n  læser {largest} (0,0 MB) …\n" in log.getvalue() and log.getvalue().count("læser") == 1


def test_a_path_argument_is_named_plainly_in_an_error(tmp_path, runner, monkeypatch):
    # a named folder that cannot be listed is refused by the run (one line, exit 1), not by
    # click's usage error (exit 2), and named as it is (tests/test_inputs.py runs it unprivileged)
    closed = tmp_path / "referater"
    closed.mkdir()
    real_scandir = os.scandir

    def scandir(path=".", *args, **kwargs):
        if str(path) == str(closed):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)

    result = run(runner, "index", closed, "--index-dir", tmp_path / "index")

    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == f"Fejl: mappen kan ikke læses (ingen adgang): {closed}"


@pytest.mark.parametrize("stop, code, message", [
    (KeyboardInterrupt, 130, "Fejl: afbrudt – det tidligere indeks er uændret."),
    (OSError(errno.ENOSPC, "No space left on device"), 1, "Fejl: "),
])
def test_a_failed_or_stopped_run_ends_the_bars_line_before_its_error(tmp_path, runner, monkeypatch, stop, code, message):
    """On a terminal, Ctrl+C (or a failure) left «Fejl:» glued to the bar: «… 8/25 læser
    stor.txt (11 MB)Fejl: afbrudt …» (an administrator review)."""
    import indexer.progress

    corpus = seeds_in(tmp_path / "corpus")
    run(runner, "index", corpus, "--index-dir", tmp_path / "index", "-q")

    class Terminal(ConsoleProgress):  # the bar, as on a terminal; the run stops at the file it shows
        def file(self, source: str, at: int | None = None, outcome: str = "") -> None:
            self._draw_bar(source)
            raise stop

    monkeypatch.setattr(indexer.progress, "make_progress",
                        lambda **options: Terminal(sys.stderr, verbosity=NORMAL, tty=True))

    result = run(runner, "index", corpus, "--index-dir", tmp_path / "index")

    assert result.exit_code == code
    lines = result.stderr.rstrip("\n").split("\n")
    assert len(lines) == 2, lines  # the bar's line ended, then the error's own
    bar, error = lines
    first = sorted(os.listdir(corpus))[0]
    assert bar.endswith(f"] 0/5 {first}") and "Fejl" not in bar and error.startswith(message)
