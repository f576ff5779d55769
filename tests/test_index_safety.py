"""`referatsog index` never takes documents off the site it was not asked about.

An administrator review found three runs that emptied most of a live index with exit code 0:
indexing one new folder removed every document of the folders not named; a run without
paths replaced a production index with the bundled seeds; and a changed file that could not
be read this time (a half-copied PDF, a file truncated to nothing) dropped out of search while
the summary said "0 fjernet". Each is refused or kept now, and said in one Danish line.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import PDFS, SEEDS, answers, run
from search import open_index
from search.index_folder import VERSION_FILE, remembered_folders

PDF = "referat-2026-06-04.pdf"
MINUTES_2015 = "naestved-integrationsraadet-referat-2015-05-21.txt"


pytestmark = pytest.mark.usefixtures("as_from_cron")  # conftest: no corpus variable, no ./seeds


def seeds_copy(tmp_path: Path, name: str = "corpus") -> Path:
    target = tmp_path / name
    shutil.copytree(SEEDS, target)
    return target


def documents(index_dir: Path) -> set[str]:
    index = open_index(index_dir)
    try:
        return set(index.sources())
    finally:
        index.close()


def build(runner, *paths: Path, index_dir: Path) -> None:
    result = run(runner, "index", *paths, "--index-dir", index_dir, "-q")
    assert result.exit_code == 0, result.output


# --- 1. a run that names other folders does not remove what it was not asked about ---------------


def test_indexing_a_new_folder_alone_is_refused_and_the_index_still_answers_the_same(runner, tmp_path):
    corpus, new, index_dir = seeds_copy(tmp_path), tmp_path / "nye", tmp_path / "idx"
    new.mkdir()
    shutil.copy(PDFS / PDF, new / PDF)
    build(runner, corpus, index_dir=index_dir)
    before, names = answers(index_dir), documents(index_dir)

    result = run(runner, "index", new, "--index-dir", index_dir)

    assert (result.exit_code, result.stderr) == (1, (
        f"Fejl: Kørslen ville fjerne 5 dokumenter, der er indekseret fra {corpus} (ikke nævnt i kommandoen); "
        f"indekset er uændret. Nævn alle mapperne (referatsog index {corpus} {new} --index-dir {index_dir}), "
        "eller brug --full for at bygge indekset alene af de nævnte mapper.\n"))
    assert result.stdout == ""
    assert (answers(index_dir), documents(index_dir)) == (before, names)
    assert remembered_folders(index_dir) == [str(corpus)]  # a refused run changes nothing, this neither

    both = run(runner, "index", corpus, new, "--index-dir", index_dir)  # the remedy it gave

    assert both.exit_code == 0, both.output
    assert "6 filer set: 6 filer indekseret" in both.stdout and ", 0 fjernet," in both.stdout  # renamed, not removed
    assert f"Mapper: {corpus}, {new}\n" in both.stdout and len(documents(index_dir)) == 6


def test_a_folder_moved_since_the_last_run_is_named_as_gone_and_the_remedy_works(runner, tmp_path):
    """The remedy named the old folder («Nævn alle mapperne (… gammel nye …)»), which no longer
    exists: following it failed with «mappen eller filen findes ikke»."""
    corpus, index_dir = seeds_copy(tmp_path), tmp_path / "idx"
    build(runner, corpus, index_dir=index_dir)
    before = answers(index_dir)
    moved = tmp_path / "flyttet"
    corpus.rename(moved)

    result = run(runner, "index", moved, "--index-dir", index_dir)

    assert (result.exit_code, result.stderr) == (1, (
        f"Fejl: Kørslen ville fjerne 5 dokumenter, der er indekseret fra {corpus} (ikke nævnt i kommandoen); "
        f"indekset er uændret. {corpus} findes ikke længere (flyttet eller slettet?): skal dokumenterne derfra "
        f"fjernes, så kør referatsog index {moved} --full --index-dir {index_dir}.\n"))
    assert answers(index_dir) == before

    remedy = run(runner, "index", moved, "--full", "--index-dir", index_dir)

    assert remedy.exit_code == 0, remedy.output
    assert answers(index_dir) == before and remembered_folders(index_dir) == [str(moved)]


def test_full_makes_the_index_exactly_the_folder_named_and_names_what_left(runner, tmp_path):
    corpus, new, index_dir = seeds_copy(tmp_path), tmp_path / "nye", tmp_path / "idx"
    new.mkdir()
    shutil.copy(PDFS / PDF, new / PDF)
    build(runner, corpus, index_dir=index_dir)

    result = run(runner, "index", new, "--index-dir", index_dir, "--full")

    assert result.exit_code == 0, result.output
    assert "1 fil set: 1 fil indekseret" in result.stdout and ", 5 fjernet," in result.stdout
    assert f"Fjernet: {', '.join(sorted(p.name for p in SEEDS.iterdir()))}\n" in result.stdout
    assert documents(index_dir) == {PDF} and remembered_folders(index_dir) == [str(new)]


def test_a_given_folder_left_empty_is_refused_though_another_given_one_has_files(runner, tmp_path):
    """`index mntA mntB` with mntB's share not mounted: the all-empty guard did not fire."""
    first, second, index_dir = seeds_copy(tmp_path, "mntA"), tmp_path / "mntB", tmp_path / "idx"
    second.mkdir()
    shutil.copy(PDFS / PDF, second / PDF)
    build(runner, first, second, index_dir=index_dir)
    before = answers(index_dir)
    (second / PDF).rename(tmp_path / PDF)  # the mount point, without its share

    result = run(runner, "index", first, second, "--index-dir", index_dir)

    assert (result.exit_code, result.stderr) == (1, (
        f"Fejl: {second} er tom, men indekset har 1 dokument derfra – er drevet monteret? Indekset er uændret; "
        "skal de fjernes, så kør med --full.\n"))
    assert answers(index_dir) == before and len(documents(index_dir)) == 6


def test_a_folder_of_only_files_that_cannot_be_indexed_is_refused(runner, tmp_path):
    corpus, index_dir = seeds_copy(tmp_path), tmp_path / "idx"
    build(runner, corpus, index_dir=index_dir)
    word = tmp_path / "wordonly"
    word.mkdir()
    (word / "referat.docx").write_bytes(b"PK\x03\x04")

    elsewhere = run(runner, "index", word, "--index-dir", index_dir)
    assert elsewhere.exit_code == 1 and "Kørslen ville fjerne 5 dokumenter, der er indekseret fra" in elsewhere.stderr

    for path in list(corpus.iterdir()):  # the folder indexed before now holds only a Word file
        path.unlink()
    (corpus / "referat.docx").write_bytes(b"PK\x03\x04")
    replaced = run(runner, "index", corpus, "--index-dir", index_dir)

    assert (replaced.exit_code, replaced.stderr) == (1, (
        f"Fejl: {corpus} har ingen filer, der kan indekseres, men indekset har 5 dokumenter derfra – er drevet "
        "monteret? Indekset er uændret; skal de fjernes, så kør med --full.\n"))
    assert len(documents(index_dir)) == 5


def test_a_deleted_file_in_a_named_folder_is_still_removed_and_named(runner, tmp_path):
    corpus, index_dir = seeds_copy(tmp_path), tmp_path / "idx"
    build(runner, corpus, index_dir=index_dir)
    (corpus / MINUTES_2015).unlink()

    result = run(runner, "index", corpus, "--index-dir", index_dir)

    assert result.exit_code == 0, result.output
    assert ", 1 fjernet," in result.stdout and f"\nFjernet: {MINUTES_2015}\n" in result.stdout
    assert MINUTES_2015 not in documents(index_dir)


def test_many_removed_files_are_counted_and_named_all_with_verbose(runner, tmp_path):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "idx"
    corpus.mkdir()
    shutil.copy(SEEDS / MINUTES_2015, corpus / MINUTES_2015)
    copies = [f"kopi-{n:02d}.txt" for n in range(12)]

    def index_then_delete_the_copies() -> None:
        for name in copies:
            shutil.copy(SEEDS / MINUTES_2015, corpus / name)
        build(runner, corpus, index_dir=index_dir)
        for name in copies:
            (corpus / name).unlink()

    index_then_delete_the_copies()
    result = run(runner, "index", corpus, "--index-dir", index_dir, "-q")

    assert result.exit_code == 0, result.output
    assert ", 12 fjernet," in result.stdout
    assert f"\nFjernet: {', '.join(copies[:10])} og 2 til (alle med -v)\n" in result.stdout
    index_then_delete_the_copies()
    verbose = run(runner, "index", corpus, "--index-dir", index_dir, "-v")
    assert f"\nFjernet: {', '.join(copies)}\n" in verbose.stdout


# --- 2. a run without paths indexes what the index was built from ----------------------------------


def test_a_run_without_paths_indexes_the_folders_the_index_was_built_from(runner, tmp_path, monkeypatch):
    corpus, index_dir = seeds_copy(tmp_path / "srv", "referater"), tmp_path / "idx"
    build(runner, corpus, index_dir=index_dir)
    before = answers(index_dir)
    elsewhere = tmp_path / "andet"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # from cron: another folder, no REFERATSOG_CORPUS
    (corpus / MINUTES_2015).unlink()

    result = run(runner, "index", "--index-dir", index_dir)

    assert result.exit_code == 0, result.output
    assert "4 filer set: 0 filer indekseret (0 passager), 4 uændrede, 1 fjernet" in result.stdout
    assert f"\nMapper: {corpus}\nIndeks: {index_dir}\n" in result.stdout
    assert not documents(index_dir) & {p.name for p in SEEDS.iterdir()} - {p.name for p in corpus.iterdir()}
    assert answers(index_dir) != before  # the 2015 minutes are gone: the folder was read, not the seeds



def test_referatsog_corpus_comes_before_the_remembered_folders_as_for_serve(runner, tmp_path, monkeypatch):
    """The variable names the folder serve shows source files from; index reads the same one,
    and one that would drop the remembered folder's documents is refused, naming the variable."""
    corpus, index_dir = seeds_copy(tmp_path / "srv", "referater"), tmp_path / "idx"
    build(runner, corpus, index_dir=index_dir)
    before = answers(index_dir)
    other = seeds_copy(tmp_path / "ny", "referater")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REFERATSOG_CORPUS", str(other))

    refused = run(runner, "index", "--index-dir", index_dir)

    assert refused.exit_code == 1
    assert refused.stderr.startswith(f"Fejl: Kørslen ville fjerne 5 dokumenter, der er indekseret fra {corpus.resolve()} "
                                     "(ikke nævnt i REFERATSOG_CORPUS); indekset er uændret.")
    assert answers(index_dir) == before

    monkeypatch.setenv("REFERATSOG_CORPUS", str(corpus))
    (corpus / MINUTES_2015).unlink()
    result = run(runner, "index", "--index-dir", index_dir)
    assert result.exit_code == 0, result.output
    assert f"\nMapper: {corpus}\n" in result.stdout and "1 fjernet" in result.stdout


def test_an_index_that_remembers_no_folders_is_not_replaced_by_the_seeds(runner, tmp_path):
    """An index built before the folders were remembered: the default (the bundled seeds,
    here) would replace every document, and is refused."""
    corpus, index_dir = seeds_copy(tmp_path, "referater"), tmp_path / "idx"
    build(runner, corpus, index_dir=index_dir)
    version = json.loads((index_dir / VERSION_FILE).read_text(encoding="utf-8"))
    (index_dir / VERSION_FILE).write_text(json.dumps({"schema_version": version["schema_version"]}), encoding="utf-8")
    before = answers(index_dir)

    result = run(runner, "index", "--index-dir", index_dir)

    assert result.exit_code == 1
    assert result.stderr.startswith(f"Fejl: Kørslen ville fjerne 5 dokumenter, der er indekseret fra {corpus.resolve()} "
                                    "(ikke nævnt i kommandoen); indekset er uændret.")
    assert answers(index_dir) == before


def test_a_remembered_folder_that_is_gone_is_named(runner, tmp_path):
    corpus, index_dir = seeds_copy(tmp_path, "referater"), tmp_path / "idx"
    build(runner, corpus, index_dir=index_dir)
    corpus.rename(tmp_path / "flyttet")

    result = run(runner, "index", "--index-dir", index_dir)

    assert (result.exit_code, result.stderr) == (1, (
        f"Fejl: ingen mappe angivet, og mapperne, indekset sidst blev bygget af, kan ikke bruges (mappen eller filen findes ikke: {corpus}) "
        "– angiv mapperne: referatsog index MAPPE …\n"))


def test_the_summary_names_folders_and_index_absolute(runner, tmp_path):
    seeds_copy(tmp_path, "referater")

    result = run(runner, "index", "referater", "--index-dir", "idx")  # relative, from tmp_path

    assert result.exit_code == 0, result.output
    assert f"\nMapper: {tmp_path / 'referater'}\nIndeks: {tmp_path / 'idx'}\n" in result.stdout


def test_the_help_says_the_real_defaults_and_the_exit_codes(runner):
    index_help = " ".join(run(runner, "index", "--help").output.split())
    serve_help = " ".join(run(runner, "serve", "--help").output.split())

    assert "(standard: seeds/)" not in index_help and "(standard: seeds/)" not in serve_help
    assert ("Uden STI: $REFERATSOG_CORPUS, ellers de mapper, indekset sidst blev bygget af, ellers seeds/ "
            "(samme rækkefølge som serve).") in index_help
    assert "130 når kørslen stoppes (Ctrl+C eller SIGTERM)" in index_help
    assert "1 når en fejl i Referatsøg holdt en fil ude, med --strict når en fil blev sprunget over" in index_help
    assert "efterlader det tidligere indeks uændret" in index_help
    assert ("standard: $REFERATSOG_CORPUS, ellers den mappe, indekset sidst blev bygget af, "
            "ellers ./seeds eller de medfølgende seeds/") in serve_help


# --- 3. a changed file that cannot be read this time keeps its passages ----------------------------


def test_a_half_copied_pdf_keeps_its_passages_and_the_summary_says_so(runner, tmp_path):
    corpus, index_dir = seeds_copy(tmp_path), tmp_path / "idx"
    shutil.copy(PDFS / PDF, corpus / PDF)
    build(runner, corpus, index_dir=index_dir)
    before = answers(index_dir)
    record = open_index(index_dir).sources()[PDF]
    (corpus / PDF).write_bytes((PDFS / PDF).read_bytes()[:30000])  # head -c 30000 over itself

    result = run(runner, "index", corpus, "--index-dir", index_dir)

    assert result.exit_code == 0, result.output
    assert ", 0 fjernet, 1 sprunget over (heraf 1 beholdt fra sidste kørsel)" in result.stdout
    assert f"\nBeholdt fra sidste kørsel: {PDF} (kunne ikke læses denne gang: beskadiget eller afkortet PDF" \
        in result.stdout
    assert "Sprunget over:" not in result.stdout  # said once, as kept
    assert answers(index_dir) == before
    index = open_index(index_dir)
    assert index.document(record["document_id"]) and index.sources()[PDF]["sha256"] == record["sha256"]

    from webui import create_app

    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus)}).test_client()
    assert client.get(f"/api/document/{record['document_id']}").status_code == 200
    assert run(runner, "index", corpus, "--index-dir", index_dir, "--strict", "-q").exit_code == 1  # still told

    shutil.copy(PDFS / PDF, corpus / PDF)  # copied whole at last: what is indexed is that file
    again = run(runner, "index", corpus, "--index-dir", index_dir, "-q")
    assert "6 uændrede, 0 fjernet, 0 sprunget over" in again.stdout and "Beholdt" not in again.stdout


def test_the_only_file_truncated_to_nothing_does_not_empty_the_site(runner, tmp_path):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "idx"
    corpus.mkdir()
    shutil.copy(SEEDS / MINUTES_2015, corpus / MINUTES_2015)
    build(runner, corpus, index_dir=index_dir)
    before = answers(index_dir)
    (corpus / MINUTES_2015).write_bytes(b"")

    result = run(runner, "index", corpus, "--index-dir", index_dir)

    assert result.exit_code == 0, result.output
    assert f"\nBeholdt fra sidste kørsel: {MINUTES_2015} (kunne ikke læses denne gang: tom fil (0 bytes))" \
        in result.stdout
    assert ", 0 fjernet," in result.stdout
    assert answers(index_dir) == before and documents(index_dir) == {MINUTES_2015}


def test_full_starts_from_nothing_and_counts_an_unreadable_file_as_removed(runner, tmp_path):
    corpus, index_dir = seeds_copy(tmp_path), tmp_path / "idx"
    build(runner, corpus, index_dir=index_dir)
    (corpus / MINUTES_2015).write_bytes(b"")

    result = run(runner, "index", corpus, "--index-dir", index_dir, "--full")

    assert result.exit_code == 0, result.output
    assert ", 1 fjernet, 1 sprunget over" in result.stdout and f"\nFjernet: {MINUTES_2015}\n" in result.stdout
    assert MINUTES_2015 not in documents(index_dir)


# --- a path inside an indexed folder is read as part of it, never remembered apart ---------------


BOM = "bom.txt"


def with_bom(corpus: Path) -> Path:
    """A new file in the indexed folder (the 2015 minutes under another name)."""
    shutil.copy(corpus / MINUTES_2015, corpus / BOM)
    return corpus / BOM


def test_a_file_named_inside_the_indexed_folder_is_read_with_it_and_the_nightly_run_survives_its_deletion(
        runner, tmp_path):
    """`referatsog index corpus2/bom.txt` was refused; its remedy remembered the file as a folder
    of its own, and every later run without paths failed once the file was deleted."""
    corpus, index_dir = seeds_copy(tmp_path), tmp_path / "idx"
    build(runner, corpus, index_dir=index_dir)
    with_bom(corpus)

    result = run(runner, "index", Path("corpus") / BOM, "--index-dir", index_dir)  # as typed, from the folder above

    assert result.exit_code == 0, result.output
    assert f"corpus/{BOM} ligger i {corpus}, som indekset er bygget af, og læses som en del af mappen" in result.stdout
    assert documents(index_dir) == {p.name for p in SEEDS.iterdir()} | {BOM}  # the folder's documents kept
    assert remembered_folders(index_dir) == [str(corpus)]

    (corpus / BOM).unlink()
    nightly = run(runner, "index", "--index-dir", index_dir)

    assert nightly.exit_code == 0, nightly.output
    assert BOM not in documents(index_dir) and "1 fjernet" in nightly.stdout


def test_a_file_named_beside_its_own_folder_is_not_remembered_apart(runner, tmp_path):
    corpus, index_dir = seeds_copy(tmp_path), tmp_path / "idx"
    bom = with_bom(corpus)

    result = run(runner, "index", corpus, bom, "--index-dir", index_dir)

    assert result.exit_code == 0, result.output
    assert remembered_folders(index_dir) == [str(corpus)]
    bom.unlink()
    assert run(runner, "index", "--index-dir", index_dir).exit_code == 0


def test_an_index_that_remembers_a_gone_file_inside_its_folder_is_still_updated_and_forgets_it(runner, tmp_path):
    """An index whose marker carries such an entry from an earlier release: a plain run failed
    with «mappen eller filen findes ikke: …/bom.txt» though its folder is there."""
    corpus, index_dir = seeds_copy(tmp_path), tmp_path / "idx"
    build(runner, corpus, with_bom(corpus), index_dir=index_dir)
    marker = json.loads((index_dir / VERSION_FILE).read_text(encoding="utf-8"))
    marker["folders"] = [str(corpus), str(corpus / BOM)]
    (index_dir / VERSION_FILE).write_text(json.dumps(marker), encoding="utf-8")
    (corpus / BOM).unlink()

    result = run(runner, "index", "--index-dir", index_dir)

    assert result.exit_code == 0, result.output
    assert f"\nMapper: {corpus}\n" in result.stdout and BOM not in documents(index_dir)
    assert remembered_folders(index_dir) == [str(corpus)]


def test_a_file_in_one_of_two_indexed_folders_is_read_with_both(runner, tmp_path):
    """With two folders indexed, `referatsog index a/bom.txt` said it read the file as part of «a»,
    then refused: the run would remove the documents of «b» (code review 33). It is the plain run
    over both folders."""
    first, second, index_dir = seeds_copy(tmp_path, "a"), tmp_path / "b", tmp_path / "idx"
    second.mkdir()
    shutil.copy(PDFS / PDF, second / PDF)
    build(runner, first, second, index_dir=index_dir)
    with_bom(first)

    result = run(runner, "index", Path("a") / BOM, "--index-dir", "idx")

    assert result.exit_code == 0, result.output
    assert f"a/{BOM}" in documents(index_dir) and f"b/{PDF}" in documents(index_dir)
    assert sorted(remembered_folders(index_dir)) == [str(first), str(second)]


def test_the_remedy_for_a_new_folder_names_the_folders_absolute_and_works(runner, tmp_path):
    """The suggestion mixed absolute and typed paths («referatsog index /abs/a b/bom.txt --index-dir idx»);
    it names the remembered folders and the new one, each once, absolute."""
    first, second, index_dir = seeds_copy(tmp_path, "a"), tmp_path / "b", tmp_path / "idx"
    second.mkdir()
    shutil.copy(PDFS / PDF, second / PDF)
    build(runner, first, index_dir=index_dir)

    result = run(runner, "index", "b", "--index-dir", "idx")

    assert result.exit_code == 1
    remedy = f"referatsog index {first} {second} --index-dir {index_dir}"
    assert f"Nævn alle mapperne ({remedy})" in result.stderr, result.stderr

    followed = run(runner, *remedy.split()[1:])

    assert followed.exit_code == 0, followed.output
    assert f"b/{PDF}" in documents(index_dir) and sorted(remembered_folders(index_dir)) == [str(first), str(second)]


def test_a_mistyped_file_inside_the_indexed_folder_is_named_as_missing(runner, tmp_path):
    corpus, index_dir = seeds_copy(tmp_path), tmp_path / "idx"
    build(runner, corpus, index_dir=index_dir)

    result = run(runner, "index", corpus / "bmo.txt", "--index-dir", index_dir)

    assert (result.exit_code, result.stderr) == (1, f"Fejl: mappen eller filen findes ikke: {corpus / 'bmo.txt'}\n")
