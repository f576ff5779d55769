"""A fault in Referatsøg while a file is read is not reported as a fault in the file.

A regression in segmenting or enriching that hits one layout once dropped every file of that
layout with «kunne ikke behandles (TypeError: …)», exit code 0 and the traceback at debug level
only: the administrator was told the files were at fault. Now such a file is counted apart
(`UpdateReport.internal_errors`), its line says the fault is Referatsøg's and where the
traceback is saved (as the CLI saves its own unexpected errors), the exit code is 1 without
--strict, and the run still goes on.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from pathlib import Path

import pytest

from conftest import SEEDS
import indexer.update
from indexer import pipeline
from indexer.update import NOT_THE_FILE, update_index
from search import SearchRequest, open_index

BROKEN = "naestved-integrationsraadet-referat-2017-02-23.md"
FAULT = "'NoneType' object is not subscriptable"
REAL_ENRICH = pipeline.enrich


@pytest.fixture
def crash_dir(tmp_path, monkeypatch) -> Path:
    """Where saved tracebacks land (the temporary folder, as for the CLI's own faults)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr("tempfile.tempdir", None)  # read TMPDIR again
    return folder


def break_enrich(monkeypatch, *names: str) -> None:
    """A bug in enriching, met by the files named (all files when none are)."""
    def broken_enrich(source, *args, **kwargs):
        if not names or source.path.name in names:
            raise TypeError(FAULT)
        return REAL_ENRICH(source, *args, **kwargs)

    monkeypatch.setattr(pipeline, "enrich", broken_enrich)


def seed_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    return corpus


def saved(crash_dir: Path) -> list[Path]:
    return sorted(crash_dir.glob("referatsog-fejl-*.txt"))


def hits(index_dir: Path, query: str) -> set[str]:
    index = open_index(index_dir)
    try:
        return {hit.source for hit in index.search(SearchRequest(query=query, page_size=50)).hits}
    finally:
        index.close()


def test_a_bug_met_by_one_file_is_ours_not_the_files_and_the_run_goes_on(tmp_path, monkeypatch, crash_dir):
    corpus = seed_corpus(tmp_path)
    (corpus / "tom.txt").write_bytes(b"")  # a file at fault, for contrast
    break_enrich(monkeypatch, BROKEN)

    report = update_index([corpus], tmp_path / "index", workers=1)

    others = sorted(path.name for path in SEEDS.iterdir() if path.name != BROKEN)
    assert report.indexed == len(others) == 4
    assert sorted(open_index(tmp_path / "index").sources()) == others
    [fault] = report.internal_errors
    [details] = saved(crash_dir)
    assert fault.source == BROKEN
    assert fault.reason == (f"uventet fejl i Referatsøg (TypeError: {FAULT}) – detaljerne er gemt i {details} "
                            f"(send dem med, når fejlen meldes) – {NOT_THE_FILE}")
    assert "kunne ikke behandles" not in fault.reason
    text = details.read_text(encoding="utf-8")
    assert "Traceback" in text and "in broken_enrich" in text and f"TypeError: {FAULT}" in text
    # in the skipped files as well, beside the one at fault, which stays the file's
    assert {(item.source, item.reason) for item in report.skipped} == {(BROKEN, fault.reason),
                                                                     ("tom.txt", "tom fil (0 bytes)")}
    assert report.exit_status() == 1 and report.exit_status(strict=True) == 1
    assert report.committed


def test_a_file_at_fault_is_no_internal_error_and_exits_0_without_strict(tmp_path, crash_dir):
    corpus = seed_corpus(tmp_path)
    (corpus / "tom.txt").write_bytes(b"")
    (corpus / "binær.txt").write_bytes(b"\x00\x01\x02 ikke tekst" * 50)

    report = update_index([corpus], tmp_path / "index", workers=1)

    assert {item.source for item in report.skipped} == {"tom.txt", "binær.txt"}
    assert report.internal_errors == () and saved(crash_dir) == []
    assert (report.exit_status(), report.exit_status(strict=True)) == (0, 1)


def test_errors_the_file_can_be_blamed_for_are_still_the_files(tmp_path, monkeypatch, crash_dir):
    """OS errors and undecodable bytes stay the file's, whatever stage raises them."""
    corpus = seed_corpus(tmp_path)
    raised = {"naestved-integrationsraadet-aarsberetning-2015.txt": PermissionError(13, "Permission denied"),
              "naestved-integrationsraadet-aarsberetning-2019.txt": UnicodeDecodeError("utf-8", b"\xff", 0, 1, "x")}

    def failing(source, *args, **kwargs):
        if source.path.name in raised:
            raise raised[source.path.name]
        return REAL_ENRICH(source, *args, **kwargs)

    monkeypatch.setattr(pipeline, "enrich", failing)
    report = update_index([corpus], tmp_path / "index", workers=1)

    assert {item.source for item in report.skipped} == set(raised)
    assert report.internal_errors == () and saved(crash_dir) == [] and report.exit_status() == 0
    assert not any("Referatsøg" in item.reason for item in report.skipped)


def test_a_bug_every_file_meets_saves_one_traceback_not_one_per_file(tmp_path, monkeypatch, crash_dir):
    corpus = seed_corpus(tmp_path)
    break_enrich(monkeypatch)

    report = update_index([corpus], tmp_path / "index", workers=1)

    [details] = saved(crash_dir)
    assert report.indexed == 0 and len(report.internal_errors) == len(report.skipped) == 5
    assert all(f"detaljerne er gemt i {details} " in item.reason for item in report.internal_errors)
    assert report.exit_status() == 1


def test_a_file_a_bug_kept_out_is_read_again_and_an_indexed_one_keeps_its_passages(tmp_path, monkeypatch,
                                                                                  crash_dir):
    corpus = seed_corpus(tmp_path)
    index_dir = tmp_path / "index"
    with monkeypatch.context() as patch:
        break_enrich(patch, BROKEN)
        first = update_index([corpus], index_dir, workers=1)
    assert [item.source for item in first.internal_errors] == [BROKEN]

    again = update_index([corpus], index_dir, workers=1)  # the bug fixed: not refused as unchanged
    assert (again.indexed, again.unchanged, again.skipped, again.internal_errors) == (1, 4, (), ())
    assert again.exit_status() == 0
    indexed = hits(index_dir, "integrationsrådet")
    assert BROKEN in indexed

    with (corpus / BROKEN).open("a", encoding="utf-8") as file:
        file.write("\nTilføjet efter mødet.\n")
    break_enrich(monkeypatch, BROKEN)
    changed = update_index([corpus], index_dir, workers=1)

    assert [item.source for item in changed.internal_errors] == [BROKEN]
    assert [item.source for item in changed.kept] == [BROKEN]  # the earlier passages stay searchable
    assert hits(index_dir, "integrationsrådet") == indexed
    assert changed.exit_status() == 1


def test_a_bug_met_in_the_reading_processes_is_reported_as_ours_too(tmp_path, monkeypatch, crash_dir):
    """A run of many files reads them in forked processes: the fault comes back from there."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for copy in range(7):  # 35 files: enough for the reading pool (`POOL_MIN_FILES`)
        for seed in SEEDS.iterdir():
            text = seed.read_text(encoding="utf-8") + f"\nKopi {copy}.\n"
            (corpus / f"{copy}-{seed.name}").write_text(text, encoding="utf-8")
    names = [f"{copy}-{BROKEN}" for copy in range(7)]
    break_enrich(monkeypatch, *names)
    pools = []
    real_pool = indexer.update._reading_pool

    @contextlib.contextmanager
    def seen_pool(*args):
        with real_pool(*args) as pool:
            pools.append(pool)
            yield pool

    monkeypatch.setattr(indexer.update, "_reading_pool", seen_pool)

    report = update_index([corpus], tmp_path / "index", workers=2)

    assert len(pools) == 1 and pools[0] is not None  # read in the processes, not here

    assert report.indexed == 28
    assert sorted(item.source for item in report.internal_errors) == sorted(names)
    files = saved(crash_dir)
    assert 1 <= len(files) <= 2  # once per reading process, not once per file
    for item in report.internal_errors:
        saved_in = re.search(r"detaljerne er gemt i (\S+) ", item.reason)
        assert saved_in and Path(saved_in[1]) in files
    assert report.exit_status() == 1


def test_the_index_command_exits_1_without_strict_and_says_why(tmp_path, monkeypatch, crash_dir, runner):
    from indexer.cli import main

    break_enrich(monkeypatch, BROKEN)
    result = runner.invoke(main, ["index", str(seed_corpus(tmp_path)), "--index-dir", str(tmp_path / "index")])
    assert result.exit_code == 1, result.output
    assert result.stderr.strip().splitlines()[-1] == (
        "Afslutter med kode 1: 1 fil sprunget over på grund af en fejl i Referatsøg (se ovenfor) – meld fejlen.")
    assert f"{BROKEN}: uventet fejl i Referatsøg (TypeError: {FAULT})" in result.stdout
    assert open_index(tmp_path / "index").search(SearchRequest()).total > 0  # the other files are indexed
