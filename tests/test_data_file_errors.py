"""Edited data files that cannot be used (a review: saved as Latin-1, a byte-order mark before
the first line, a line not in the file's form, a word listed twice): one line naming the file and
the line, never an «uventet fejl», a 500 on every query, or a document blamed and dropped.

Each test reads a copy of the shipped file, pointed at by the module's path (as
tests/test_data_file_edits.py does for the stem list)."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, run, seeds_in
from indexer.datafiles import NOT_UTF8, DataFileError
from search import danish, decompound, ranking, schema, variants

SEED = "naestved-integrationsraadet-referat-2015-05-21.txt"
BOM = "\ufeff"


def latin1(path: Path, extra: str = "bløde\n") -> None:
    """`path` with a line appended and the whole saved as Latin-1, as an editor may save it."""
    path.write_bytes((path.read_text(encoding="utf-8") + extra).encode("latin-1", "replace"))


def line_count(path: Path) -> int:
    return len(path.read_bytes().splitlines())


def bad_line(path: Path) -> int:
    """The first line of a Latin-1 file that is no UTF-8 (its first non-ASCII letter)."""
    return next(n for n, line in enumerate(path.read_bytes().splitlines(), 1) if not line.isascii())


def warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """`copy(module, attribute, *memos)`: the data file `module.attribute` names copied into tmp_path,
    the module pointed at the copy and `memos` (lru caches of its contents) emptied; the shipped
    file again, and the memos emptied, after the test."""
    emptied = []

    def copy(module, attribute: str, *memos) -> Path:
        path = tmp_path / Path(getattr(module, attribute)).name
        shutil.copy(getattr(module, attribute), path)
        monkeypatch.setattr(module, attribute, path)
        for memo in memos:
            memo.cache_clear()
        emptied.extend(memos)
        return path

    yield copy
    monkeypatch.undo()
    for memo in emptied:
        memo.cache_clear()


# --- 1. variants.txt ---------------------------------------------------------------------------


@pytest.fixture
def variants_copy(data_copy):
    return data_copy(variants, "VARIANTS_FILE")


def test_a_variants_file_saved_as_latin1_keeps_the_last_good_table_and_says_so_once(variants_copy, caplog):
    from search.syntax import parse

    good = variants.default_table()
    assert "forperson" in good.alternatives(("formand",))
    latin1(variants_copy)
    for _ in range(3):  # every query after the edit: the table as it was, said once
        assert variants.default_table() == good
        assert [c.text for c in variants.expand(parse("formand")).groups[0]] == ["formand", "forperson", "forkvinde"]
    said = warnings(caplog)
    assert said == [f"{variants_copy}, linje {bad_line(variants_copy)}: {NOT_UTF8}; "
                    "søger med varianterne, som filen havde, da den sidst kunne læses"]


def test_a_variants_file_never_read_searches_without_variants_and_says_so(variants_copy, caplog):
    latin1(variants_copy)
    table = variants.default_table()
    assert table.groups == () and not table.by_terms
    assert warnings(caplog) == [f"{variants_copy}, linje {bad_line(variants_copy)}: {NOT_UTF8}; søger uden varianter"]
    variants_copy.unlink()  # moved away
    assert variants.default_table().groups == ()
    assert warnings(caplog)[-1] == f"{variants_copy}: findes ikke; søger uden varianter"


def test_the_search_command_with_a_latin1_variants_file_searches_and_says_one_line(tmp_path, seed_index_dir):
    broken = tmp_path / "variants.txt"
    shutil.copy(variants.VARIANTS_FILE, broken)
    latin1(broken)
    code = ("import sys; from pathlib import Path; from search import variants; "
            "variants.VARIANTS_FILE = Path(sys.argv.pop(1)); from indexer.cli import main; "
            "sys.argv[0] = 'referatsog'; main()")
    done = subprocess.run([sys.executable, "-c", code, str(broken), "search", "formand", "--index-dir",
                           str(seed_index_dir)], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"})
    assert done.returncode == 0, done.stderr
    assert done.stderr == (f"Advarsel: {broken}, linje {bad_line(broken)}: {NOT_UTF8}; søger uden varianter\n")
    assert "formand" in done.stdout.lower()


def test_a_running_site_answers_with_latin1_variants_and_routine_titles(client, variants_copy, routine_copy, caplog):
    """Both answered 500 to every query (a review)."""
    before = client.get("/api/search?q=formand").get_json()["total"]
    latin1(variants_copy)
    latin1(routine_copy)
    ranking.refresh_routine_titles()
    for _ in range(2):
        answer = client.get("/api/search?q=formand")
        assert answer.status_code == 200 and answer.get_json()["total"] == before
        assert client.get("/?q=godkendelse+af+dagsorden").status_code == 200
    said = warnings(caplog)
    assert len(said) == 2 and str(variants_copy) in said[0] + said[1] and str(routine_copy) in said[0] + said[1]


# --- 2. routine_titles.txt ---------------------------------------------------------------------


@pytest.fixture
def routine_copy(data_copy):
    return data_copy(schema, "ROUTINE_TITLES", ranking.routine_term_sets)


def test_routine_titles_saved_as_latin1_keep_the_titles_last_read(routine_copy, caplog):
    assert ranking.asks_for_routine({"godkend", "dagsord"})
    latin1(routine_copy)
    ranking.refresh_routine_titles()  # a new commit opened: the file is read again
    assert ranking.asks_for_routine({"godkend", "dagsord"})  # no error, the titles as they were
    assert warnings(caplog) == [f"{routine_copy}, linje {bad_line(routine_copy)}: {NOT_UTF8}; "
                                "rutinepunkternes titler fra filen, som den sidst kunne læses, bruges fortsat"]


def test_routine_titles_never_read_are_no_error_at_import_and_stop_an_index_build(routine_copy, tmp_path, caplog):
    from indexer.update import update_index

    latin1(routine_copy)
    assert schema._routine_at_import() == ()  # was a UnicodeDecodeError importing search.schema
    assert not ranking.asks_for_routine({"godkend", "dagsord"})
    assert warnings(caplog)[-1].endswith("; søger uden listen over rutinepunkter")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / SEED, corpus)
    with pytest.raises(DataFileError) as raised:
        update_index([corpus], tmp_path / "index")
    assert str(raised.value) == f"{routine_copy}, linje {bad_line(routine_copy)}: {NOT_UTF8}"


# --- 3. stem_exclusions.txt, compound_words.txt --------------------------------------------------


def test_stem_exclusions_and_compound_words_as_latin1_name_file_and_line(tmp_path):
    exclusions = tmp_path / "stem_exclusions.txt"
    shutil.copy(danish._EXCLUSIONS_FILE, exclusions)
    latin1(exclusions, "bløde -> blød\n")
    with pytest.raises(DataFileError) as raised:
        danish.load_stem_exclusions(exclusions)
    assert str(raised.value) == f"{exclusions}, linje {bad_line(exclusions)}: ikke tekst i UTF-8 (gem filen som UTF-8)"
    words = tmp_path / "compound_words.txt"
    words.write_bytes("# dele\nbolig\nstøtte\n".encode("latin-1"))
    with pytest.raises(DataFileError) as raised:
        decompound.read_words(words)
    assert str(raised.value) == f"{words}, linje 3: ikke tekst i UTF-8 (gem filen som UTF-8)"


def test_a_latin1_compound_word_list_stops_index_with_one_line(runner, tmp_path, monkeypatch):
    words = tmp_path / "compound_words.txt"
    shutil.copy(decompound.WORDS_FILE, words)
    latin1(words)
    monkeypatch.setattr(decompound, "WORDS_FILE", words)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / SEED, corpus)
    result = run(runner, "index", corpus, "--index-dir", tmp_path / "index", "-q")
    assert (result.exit_code, result.stderr) == (1, f"Fejl: {words}, linje {bad_line(words)}: {NOT_UTF8}\n")
    assert not (tmp_path / "index").exists() or not any((tmp_path / "index").iterdir())


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory):
    """The packages copied, so a data file read at import can be edited before it is."""
    root = tmp_path_factory.mktemp("checkout")
    for package in ("indexer", "search", "webui"):
        shutil.copytree(ROOT / package, root / package, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def referatsog(root: Path, *args: str) -> subprocess.CompletedProcess:
    code = "import sys; from indexer.cli import main; sys.argv[0] = 'referatsog'; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=root,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(root)})


@pytest.mark.parametrize("edit", ["latin-1", "malformed"])
def test_a_stem_list_that_cannot_be_read_at_import_is_one_line_and_help_still_works(package_copy, tmp_path, edit):
    exclusions = package_copy / "search" / "data" / "stem_exclusions.txt"
    shipped = exclusions.read_bytes()
    try:
        if edit == "latin-1":
            latin1(exclusions, "bløde -> blød\n")
            reason = NOT_UTF8
        else:
            exclusions.write_bytes(shipped + "borgerne => borger\n".encode())
            reason = "«borgerne => borger» er ikke på formen «ord», «ord -> stamme» eller «*ord -> stamme»"
        number = bad_line(exclusions) if edit == "latin-1" else line_count(exclusions)
        said = f"Fejl: {exclusions}, linje {number}: {reason}\n"
        for command in (["search", "flygtninge", "--index-dir", str(tmp_path / "idx")],
                        ["extract", str(SEEDS / SEED)], ["index", str(SEEDS), "--index-dir", str(tmp_path / "idx")]):
            done = referatsog(package_copy, *command)
            assert (done.returncode, done.stderr) == (1, said), command
        assert referatsog(package_copy, "--help").returncode == 0
    finally:
        exclusions.write_bytes(shipped)


# --- 4. hyphenated.txt --------------------------------------------------------------------------


def test_a_latin1_hyphen_list_stops_the_run_and_drops_no_document(tmp_path, data_copy):
    from indexer import clean
    from indexer.update import update_index
    from search import SearchRequest, open_index

    corpus = seeds_in(tmp_path / "corpus", [SEED])
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    hyphenated = data_copy(clean, "HYPHENATED_FILE", clean.kept_hyphen_words)
    latin1(hyphenated, "børne-x\n")
    (corpus / SEED).write_text((corpus / SEED).read_text(encoding="utf-8") + "\nEn linje mere.\n", encoding="utf-8")
    with pytest.raises(DataFileError) as raised:
        update_index([corpus], index_dir, full=True)
    assert str(raised.value) == f"{hyphenated}, linje {bad_line(hyphenated)}: {NOT_UTF8}"
    with open_index(index_dir) as index:
        assert index.search(SearchRequest(query="flygtninge")).total > 0  # the document is still there


def test_a_data_file_error_while_a_document_is_read_is_not_the_documents(tmp_path):
    from indexer import update

    with pytest.raises(DataFileError):
        update._failed(SEED, DataFileError(tmp_path / "hyphenated.txt", 3, NOT_UTF8))


# --- 5., 7., 8., 10. topics.txt -----------------------------------------------------------------


@pytest.fixture
def topics_copy(data_copy):
    from indexer import topics

    return data_copy(topics, "TOPICS_FILE", topics.default_tagger)


def test_a_latin1_shipped_topic_list_is_named_not_the_unset_variable(topics_copy, runner, monkeypatch):
    from indexer.topics import checked_tagger

    monkeypatch.delenv("REFERATSOG_TOPICS", raising=False)
    latin1(topics_copy, "idræt: fodbold\n")
    with pytest.raises(DataFileError) as raised:
        checked_tagger(None)
    assert str(raised.value) == f"{topics_copy}, linje {bad_line(topics_copy)}: {NOT_UTF8}"
    result = run(runner, "extract", SEEDS / SEED)
    assert (result.exit_code, result.stderr) == (1, f"Fejl: {raised.value}\n")


def test_a_shipped_topic_line_without_colon_is_refused_with_its_number(topics_copy):
    from indexer.topics import checked_tagger

    topics_copy.write_text(topics_copy.read_text(encoding="utf-8") + "idræt fodbold, håndbold\n", encoding="utf-8")
    with pytest.raises(DataFileError) as raised:
        checked_tagger(None)
    assert str(raised.value) == (f"{topics_copy}, linje {line_count(topics_copy)}: «idræt fodbold, håndbold» er ikke "
                                 "på formen «emne: nøgleord, nøgleord»")


def test_a_byte_order_mark_changes_no_first_entry(tmp_path, topics_copy, monkeypatch):
    from indexer.topics import TopicTagger

    extra = tmp_path / "emner.txt"
    extra.write_text(BOM + "medborgerskab: medborgerskab\nmedborgerskab: demokrati\n", encoding="utf-8")
    assert TopicTagger.from_files(extra).names.count("medborgerskab") == 1
    topics_copy.write_text(BOM + topics_copy.read_text(encoding="utf-8"), encoding="utf-8")
    assert TopicTagger.from_files().names == TopicTagger.from_files(extra=None).names
    routine = tmp_path / "routine_titles.txt"
    routine.write_text(BOM + "godkendelse af dagsorden\neventuelt\n", encoding="utf-8")
    assert schema.routine_titles(routine) == ("godkendelse af dagsorden", "eventuelt")
    exclusions = tmp_path / "stem_exclusions.txt"
    exclusions.write_text(BOM + "haven\ntalen\n", encoding="utf-8")
    assert danish.load_stem_exclusions(exclusions) == {"haven": "haven", "talen": "talen"}
    table = tmp_path / "variants.txt"
    table.write_text(BOM + "CAM = Center for Arbejdsmarked\n", encoding="utf-8")
    assert variants.load_variants(table).groups == (("CAM", "Center for Arbejdsmarked"),)
    hyphens = tmp_path / "hyphenated.txt"
    hyphens.write_text(BOM + "intro-møder\n", encoding="utf-8")
    from indexer import clean
    monkeypatch.setattr(clean, "HYPHENATED_FILE", hyphens)
    clean.kept_hyphen_words.cache_clear()
    try:
        assert clean.kept_hyphen_words() == frozenset({"intro-møder"})
    finally:
        monkeypatch.undo()
        clean.kept_hyphen_words.cache_clear()


def test_a_keyword_listed_twice_counts_once(tmp_path):
    from indexer.topics import FALLBACK_TOPIC, TopicTagger

    tagger = TopicTagger({"t": ["medborgerskab", "Medborgerskab"]})
    assert tagger.tag("", "Vi talte om medborgerskab.", fallback=False) == ()
    assert tagger.tag("", "Medborgerskab og medborgerskab.", fallback=False) == ("t",)
    extra = tmp_path / "emner.txt"
    shutil.copy(ROOT / "indexer" / "data" / "topics.txt", extra)  # the shipped list copied into $REFERATSOG_TOPICS
    text = "Formanden bød velkommen."
    assert TopicTagger.from_files().tag("", text, fallback=False) == ()
    assert TopicTagger.from_files(extra).tag("", text, fallback=False) == ()
    assert TopicTagger.from_files(extra).tag("", text) == (FALLBACK_TOPIC,)


# --- 9., 10. variants.txt lines ------------------------------------------------------------------


@pytest.mark.parametrize("order", ["shipped first", "added first"])
def test_a_variant_in_two_groups_joins_them(tmp_path, order):
    lines = ["formand = forperson = forkvinde", "formand = ordstyrer"]
    if order == "added first":
        lines.reverse()
    path = tmp_path / "variants.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = variants.load_variants(path)
    for word in ("formand", "forperson", "forkvinde", "ordstyrer"):
        others = {"formand", "forperson", "forkvinde", "ordstyrer"} - {word}
        assert set(table.alternatives(variants._terms(word))) == others, word


def test_the_shipped_variants_with_a_line_added_still_find_every_title(variants_copy):
    from search.syntax import parse

    with variants_copy.open("a", encoding="utf-8") as edit:
        edit.write("formand = ordstyrer\n")
    texts = [c.text for c in variants.expand(parse("formand")).groups[0]]
    assert texts == ["formand", "forperson", "forkvinde", "ordstyrer"]
    assert "forperson" in [c.text for c in variants.expand(parse("ordstyrer")).groups[0]]


def test_a_variants_line_not_in_its_form_is_refused_and_the_site_keeps_the_table(variants_copy, caplog):
    good = variants.default_table()
    with variants_copy.open("a", encoding="utf-8") as edit:
        edit.write("FOU: Folkeoplysningsudvalget\n")
    with pytest.raises(DataFileError) as raised:
        variants.load_variants(variants_copy)
    assert str(raised.value) == (f"{variants_copy}, linje {line_count(variants_copy)}: «FOU: Folkeoplysningsudvalget» "
                                 "er ikke på formen «variant = variant»")
    assert variants.default_table() == good
    assert warnings(caplog) == [f"{raised.value}; søger med varianterne, som filen havde, da den sidst kunne læses"]


def test_a_stop_word_variant_is_a_warning_not_an_error(variants_copy, caplog):
    with variants_copy.open("a", encoding="utf-8") as edit:
        edit.write("DE = Danske Erhverv\n")
    table = variants.default_table()
    assert ("DE", "Danske Erhverv") in table.groups
    assert warnings(caplog) == [f"{variants_copy}, linje {line_count(variants_copy)}: «DE» er et stopord eller tegn, "
                                "som søgningen ikke ser; linjens andre varianter finder ikke hinanden gennem det"]


@pytest.mark.parametrize("line", ["borgerne => borger", "budgetterne -> budget -> budgettet"])
def test_a_stem_exclusion_line_not_in_its_form_is_refused(tmp_path, line, caplog, monkeypatch):
    path = tmp_path / "stem_exclusions.txt"
    shutil.copy(danish._EXCLUSIONS_FILE, path)
    with path.open("a", encoding="utf-8") as edit:
        edit.write(line + "\n")
    with pytest.raises(DataFileError) as raised:
        danish.load_stem_exclusions(path)
    assert str(raised.value) == (f"{path}, linje {line_count(path)}: «{line}» er ikke på formen "
                                 "«ord», «ord -> stamme» eller «*ord -> stamme»")
    # a running site keeps the list it has, and says why
    monkeypatch.setattr(danish, "_EXCLUSIONS_FILE", path)
    before = danish.STEM_EXCLUSIONS
    assert not danish.refresh_exclusions()
    assert danish.STEM_EXCLUSIONS is before
    assert warnings(caplog) == [f"{raised.value}; ordstammerne fra listen, som den sidst kunne læses, bruges fortsat"]
    monkeypatch.undo()
    danish._exclusions_read = danish.file_stamp(danish._EXCLUSIONS_FILE)


def test_the_shipped_data_files_are_all_in_their_form():
    from indexer import clean
    from indexer.datafiles import check_for_index
    from indexer.topics import checked_tagger

    check_for_index()
    checked_tagger(None)
    assert variants.load_variants().groups and not variants.load_variants().warnings
    assert clean.kept_hyphen_words()


def test_the_sites_first_build_says_which_data_file_stopped_it(tmp_path, data_copy):
    """`referatsog serve` builds its first index itself, while serving: the data file's line
    was an «uventet fejl» there, caught only for the topic list."""
    from indexer import clean
    from webui.first_build import build_index
    from webui.serve_error import ServeError

    corpus = seeds_in(tmp_path / "corpus", [SEED])
    hyphenated = data_copy(clean, "HYPHENATED_FILE", clean.kept_hyphen_words)
    latin1(hyphenated, "børne-x\n")
    with pytest.raises(ServeError) as refused:
        build_index(tmp_path / "index", corpus, serving=True)
    assert str(refused.value) == f"{hyphenated}, linje {bad_line(hyphenated)}: {NOT_UTF8}"


@pytest.mark.parametrize("list_name, line", [("compound words", "to ord her"),
                                             ("hyphen list", "børnehave uden bindestreg"),
                                             ("hyphen list", "børnehave")])
def test_a_word_list_line_that_is_no_single_word_stops_index_naming_it(runner, tmp_path, data_copy, list_name, line):
    """Both lists took any line and matched nothing with it, without a word (an administrator review)."""
    from indexer import clean

    if list_name == "compound words":
        edited = data_copy(decompound, "WORDS_FILE")
    else:
        edited = data_copy(clean, "HYPHENATED_FILE", clean.kept_hyphen_words)
    with edited.open("a", encoding="utf-8") as edit:
        edit.write(line + "\n")
    number = len(edited.read_text(encoding="utf-8").splitlines())
    corpus = seeds_in(tmp_path / "corpus", [SEED])
    result = run(runner, "index", corpus, "--index-dir", tmp_path / "index", "-q")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Fejl: {edited}, linje {number}: «{line}» er ikke på formen «ét ord"), result.stderr
