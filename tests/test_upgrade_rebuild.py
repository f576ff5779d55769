"""The rebuild after an upgrade or an edited data file keeps what an ordinary run keeps.

An upgrade review (0.6.0 → main) found the whole rebuild that the first run after an upgrade
makes removing a half-copied PDF that an ordinary run keeps («Beholdt fra sidste kørsel»): its
meeting left the site, its items' addresses were redirected to another file's, and they came back
as new to the feed. It also found a rebuild naming one of its two reasons, an old release's
refusal naming the same release twice, old addresses of merged items answering 404, and
`index --help` silent on the rebuild.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import PDFS, SEEDS, answers, run
from search import open_index

PDF = "referat-2026-06-04.pdf"


pytestmark = pytest.mark.usefixtures("as_from_cron")  # conftest: no corpus variable, no ./seeds


def upgraded(monkeypatch, stamp: str = "another release:0123456789abcdef") -> None:
    """As after an upgrade: this release's build stamp is not the index's."""
    import indexer.update

    monkeypatch.setattr(indexer.update, "build_stamp", lambda: stamp)


def seeds_with_pdf(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    shutil.copy(PDFS / PDF, corpus / PDF)
    return corpus


def of_source(index_dir: Path, source: str) -> dict:
    """The source's record, its passages' ids and when each first entered the index."""
    index = open_index(index_dir)
    try:
        record = index.sources().get(source)
        ids = [p.id for p in index.document(record["document_id"])] if record else []
        return {"record": record, "ids": ids, "first": index.first_indexed(ids),
                "moved": {i: index.moved(i) for i in ids}}
    finally:
        index.close()


def test_the_rebuild_after_an_upgrade_keeps_a_half_copied_pdf_as_an_ordinary_run_does(runner, tmp_path, monkeypatch):
    corpus, index_dir = seeds_with_pdf(tmp_path), tmp_path / "idx"
    assert run(runner, "index", corpus, "--index-dir", index_dir, "-q").exit_code == 0
    before, pdf = answers(index_dir), of_source(index_dir, PDF)
    assert pdf["ids"] and len(pdf["first"]) == len(pdf["ids"])
    upgraded(monkeypatch)
    (corpus / PDF).write_bytes((PDFS / PDF).read_bytes()[:30000])  # head -c 30000 over itself

    result = run(runner, "index", corpus, "--index-dir", index_dir)

    assert result.exit_code == 0, result.output
    assert "(genopbygget: " in result.stdout
    assert ", 0 fjernet, 1 sprunget over (heraf 1 beholdt fra sidste kørsel)" in result.stdout
    assert f"\nBeholdt fra sidste kørsel: {PDF} (kunne ikke læses denne gang: beskadiget eller afkortet PDF" \
        in result.stdout
    assert "Fjernet:" not in result.stdout
    assert answers(index_dir) == before  # the meeting still answers, as before
    kept = of_source(index_dir, PDF)
    assert kept["ids"] == pdf["ids"] and kept["first"] == pdf["first"]  # the same items, as old to the feed
    assert not any(kept["moved"].values())  # no address of its redirected elsewhere
    index = open_index(index_dir)
    try:
        assert index.build_stamp == "another release:0123456789abcdef"  # the rebuild is committed
    finally:
        index.close()

    shutil.copy(PDFS / PDF, corpus / PDF)  # copied whole at last: read again, by this release
    again = run(runner, "index", corpus, "--index-dir", index_dir, "-v")
    assert again.exit_code == 0, again.output
    assert "1 fil indekseret" in again.stdout and "Beholdt" not in again.stdout
    assert "genopbygget" not in again.stdout
    back = of_source(index_dir, PDF)
    assert back["ids"] == pdf["ids"] and back["first"] == pdf["first"]
    assert not back["record"].get("kept_unread")
    # and then it is as it was: not read again
    assert "0 filer indekseret" in run(runner, "index", corpus, "--index-dir", index_dir).stdout


def test_a_file_gone_at_the_rebuild_leaves_the_index_while_an_unreadable_one_stays(runner, tmp_path, monkeypatch):
    corpus, index_dir = seeds_with_pdf(tmp_path), tmp_path / "idx"
    assert run(runner, "index", corpus, "--index-dir", index_dir, "-q").exit_code == 0
    gone = "naestved-integrationsraadet-aarsberetning-2015.txt"
    upgraded(monkeypatch)
    (corpus / gone).unlink()
    (corpus / PDF).write_bytes(b"")

    result = run(runner, "index", corpus, "--index-dir", index_dir)

    assert result.exit_code == 0, result.output
    assert ", 1 fjernet, 1 sprunget over (heraf 1 beholdt fra sidste kørsel)" in result.stdout
    assert f"\nFjernet: {gone}\n" in result.stdout
    index = open_index(index_dir)
    try:
        assert set(index.sources()) == {p.name for p in SEEDS.iterdir()} - {gone} | {PDF}
    finally:
        index.close()


def test_a_folder_that_cannot_be_listed_at_the_rebuild_keeps_its_documents(runner, tmp_path, monkeypatch):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "idx"
    shutil.copytree(SEEDS, corpus / "2015")
    shutil.copy(PDFS / PDF, corpus / PDF)
    assert run(runner, "index", corpus, "--index-dir", index_dir, "-q").exit_code == 0
    before = answers(index_dir)
    closed = corpus / "2015"
    real_scandir = os.scandir

    def scandir(path=".", *args, **kwargs):
        if str(path) == str(closed):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path, *args, **kwargs)

    upgraded(monkeypatch)
    monkeypatch.setattr(os, "scandir", scandir)

    result = run(runner, "index", corpus, "--index-dir", index_dir)

    assert result.exit_code == 0, result.output
    assert "(genopbygget: " in result.stdout and ", 0 fjernet" in result.stdout
    assert "2015/: mappen kan ikke læses (ingen adgang)" in result.stdout
    assert answers(index_dir) == before
    index = open_index(index_dir)
    try:
        assert len(index.sources()) == len(list(SEEDS.iterdir())) + 1
    finally:
        index.close()


def test_full_still_starts_from_nothing(runner, tmp_path, monkeypatch):
    """`--full` is asked for: a file it cannot read leaves the index (it also erases at once
    what a corrected file held), as the README says."""
    corpus, index_dir = seeds_with_pdf(tmp_path), tmp_path / "idx"
    assert run(runner, "index", corpus, "--index-dir", index_dir, "-q").exit_code == 0
    upgraded(monkeypatch)
    (corpus / PDF).write_bytes(b"")

    result = run(runner, "index", corpus, "--index-dir", index_dir, "--full")

    assert ", 1 fjernet, 1 sprunget over" in result.stdout and f"\nFjernet: {PDF}\n" in result.stdout


# --- an item an older release read as two: its old address redirects ------------------------------


MINUTES = "naestved-integrationsraadet-referat-2015-05-21.txt"


def test_an_item_read_as_two_before_and_as_one_now_redirects_its_gone_address(runner, tmp_path, monkeypatch):
    """The older release read a heading printed again as a second item of the same number and
    title (id `…-2`); this one reads one item. The file is unchanged, and every id it has now was
    in the old index: its gone id answered 404."""
    from dataclasses import replace

    import indexer.pipeline

    corpus, index_dir = tmp_path / "corpus", tmp_path / "idx"
    corpus.mkdir()
    shutil.copy(SEEDS / MINUTES, corpus / MINUTES)
    real_read = indexer.pipeline.read_document

    def read_as_two(path, root):
        document = real_read(path, root)
        first, *rest = document.passages
        again = replace(first, id=f"{first.id}-2", position=first.position + 1)
        later = tuple(replace(p, position=p.position + 1) for p in rest)
        return replace(document, passages=(first, again, *later))

    monkeypatch.setattr(indexer.pipeline, "read_document", read_as_two)
    assert run(runner, "index", corpus, "--index-dir", index_dir, "-q").exit_code == 0
    old = of_source(index_dir, MINUTES)["ids"]
    survivor, gone = old[0], old[1]
    assert gone == f"{survivor}-2"
    monkeypatch.setattr(indexer.pipeline, "read_document", real_read)
    upgraded(monkeypatch)

    result = run(runner, "index", corpus, "--index-dir", index_dir)

    assert result.exit_code == 0, result.output
    assert "(genopbygget: " in result.stdout
    index = open_index(index_dir)
    try:
        assert index.passage(gone) is None and index.moved(gone) == survivor
    finally:
        index.close()
    from webui import create_app

    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus)}).test_client()
    response = client.get(f"/api/passage/{gone}")
    assert response.status_code == 301 and response.headers["Location"].endswith(f"/api/passage/{survivor}")


# --- what a rebuild and a refusal say --------------------------------------------------------------


def test_an_old_release_of_the_same_name_names_the_versions_that_differ(tmp_path):
    from indexer.pipeline import READING_VERSION
    from indexer.update import NewerIndex, _reading_stamp

    this = _reading_stamp()  # «r17.a5-0.6.0»
    reading, _, release = this.partition("-")
    analysis = int(reading.partition(".a")[2])
    newer = f"r{READING_VERSION + 1}.a{analysis}-{release}:0123456789abcdef"

    message = str(NewerIndex(tmp_path, newer))

    if release in ("", "?"):  # an uninstalled checkout names no release at all
        pytest.skip("no release name to compare")
    assert (f"er bygget af en nyere udgave af Referatsøg end denne (begge {release}, men læseversion "
            f"{READING_VERSION + 1} mod {READING_VERSION})") in message
    assert f"({release}) end denne ({release})" not in message
    newer_analysis = str(NewerIndex(tmp_path, f"r{READING_VERSION}.a{analysis + 1}-{release}:00"))
    assert f"men analyseversion {analysis + 1} mod {analysis})" in newer_analysis


def test_the_help_tells_of_the_rebuild_after_an_upgrade_or_a_changed_data_file(runner):
    result = run(runner, "index", "--help")

    text = " ".join(result.output.split())
    assert ("Første kørsel efter en opgradering eller en ændret datafil læser alle filer igen og bygger det nye "
            "indeks ved siden af, mens siden svarer fra det gamle; kun et nyt indeksformat (se CHANGELOG.md) "
            "bygges forfra, mens siden svarer 503.") in text


def test_an_upgrade_rebuild_also_names_the_administrators_edited_data_file(tmp_path):
    """The run after an upgrade with the job's REFERATSOG_DATA, whose topics.txt was edited since
    the last build: the rebuild named the upgrade alone (an upgrade review)."""
    import subprocess
    import sys

    from conftest import ROOT
    from indexer import topics

    cli = "import sys; from indexer.cli import main; sys.argv[0] = 'referatsog'; main()"
    corpus, index_dir, data = tmp_path / "corpus", tmp_path / "idx", tmp_path / "data"
    shutil.copytree(SEEDS, corpus)
    data.mkdir()
    shipped = topics.TOPICS_FILE.read_text(encoding="utf-8")
    (data / "topics.txt").write_text(shipped + "zebraemne: flygtninge\n", encoding="utf-8")
    env = {name: value for name, value in os.environ.items()
           if name not in ("REFERATSOG_DATA", "REFERATSOG_TOPICS", "REFERATSOG_CORPUS")}
    env.update(REFERATSOG_DATA=str(data), PYTHONPATH=str(ROOT))

    def referatsog(*args: object, before: str = "") -> str:
        result = subprocess.run([sys.executable, "-c", before + cli, *map(str, args)], capture_output=True,
                                text=True, cwd=ROOT, timeout=120, env=env)
        assert result.returncode == 0, result.stderr
        return result.stdout + result.stderr

    # the release before: it read documents as a lower READING_VERSION
    referatsog("index", "-q", "--index-dir", index_dir, corpus,
               before="import indexer.pipeline as p; p.READING_VERSION -= 1; ")
    (data / "topics.txt").write_text(shipped + "zebraemne: flygtninge, bolig\n", encoding="utf-8")

    said = referatsog("index", "--index-dir", index_dir, corpus)

    assert ("Bygger hele indekset igen: denne udgave af Referatsøg læser dokumenterne anderledes end den, der "
            "byggede indekset – og datafilerne (ordstammer, sammensatte ord, emneord) er ændret siden sidste fulde "
            "opbygning") in said
    # an upgrade alone, the administrator's copy as it was: the upgrade alone is named
    other = tmp_path / "idx2"
    referatsog("index", "-q", "--index-dir", other, corpus, before="import indexer.pipeline as p; p.READING_VERSION -= 1; ")
    upgrade_only = referatsog("index", "--index-dir", other, corpus)
    assert "læser dokumenterne anderledes" in upgrade_only and "datafilerne" not in upgrade_only
