"""The command line given bytes that are not UTF-8 (hostile-input review, finding 1).

On Linux Python reads such argv bytes as lone surrogates (surrogateescape): `\\xff` is
"\\udcff". A search with one crashed ("uventet fejl", a crash file in the temp folder), or,
for a lone byte, listed every item. Text a command passes on to the engine is refused with one
Danish line naming the option or the query, exit 2 (click's usage errors), and nothing saved.
Paths are file names, which may be any bytes: a file or folder so named is indexed or skipped
with its reason, never a crash.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile

import click
import pytest

from conftest import SEEDS, run
from indexer.cli import main
from indexer.danish_click import Utf8Text

SEED = "naestved-integrationsraadet-referat-2015-05-21.txt"
OTHER_SEED = "roskilde-integrationsraadet-referat-2026-06-04.txt"


def not_utf8(name: str, shown: str) -> str:
    """The line for a value of `name` (an option, or `søgningen`) shown as `shown`."""
    return (f"Fejl: {name}: «{shown}» indeholder tegn, der ikke er kodet som UTF-8 (vist som \\xNN; fx æ, ø eller å "
            "fra et ældre program eller en fil i Latin-1) – terminalen eller scriptet skal bruge UTF-8.")


def latin1(text: str) -> str:
    """`text` as Python reads it from argv when a script wrote it in Latin-1."""
    return os.fsdecode(text.encode("latin-1"))


@pytest.fixture
def crash_dir(tmp_path, monkeypatch):
    """The temp folder `internal_error` saves a crash's traceback in, for this test alone."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def assert_no_crash(result, crash_dir) -> None:
    assert "uventet fejl" not in result.output
    assert not [p.name for p in crash_dir.iterdir() if p.name.startswith("referatsog-fejl-")]


@pytest.mark.parametrize(("args", "name", "shown"), [
    (["flygt\udcffninge"], "søgningen", "flygt\\xffninge"),
    (["\udcff"], "søgningen", "\\xff"),  # was: every item listed, as if nothing was asked
    (["abc\udced\udca0\udc80"], "søgningen", "abc\\xed\\xa0\\x80"),  # an encoded surrogate, not UTF-8 either
    (["bolig", latin1("flygtningebørn"), "-kommune"], "søgningen", "flygtningeb\\xf8rn"),  # the word named
    (["flygtninge", "--municipality", latin1("Næstved")], "--municipality", "N\\xe6stved"),
    (["flygtninge", "--council", latin1("Integrationsrådet")], "--council", "Integrationsr\\xe5det"),
    (["flygtninge", "--year", "2015\udcff"], "--year", "2015\\xff"),
    (["flygtninge", "--case-handler", latin1("Søren")], "--case-handler", "S\\xf8ren"),
    (["flygtninge", "--topic", latin1("børn")], "--topic", "b\\xf8rn"),
    (["flygtninge", "--doc-type", "referat\udcff"], "--doc-type", "referat\\xff"),
    (["flygtninge", "--from", latin1("1. maj 2015 æ")], "--from", "1. maj 2015 \\xe6"),
    (["flygtninge", f"--to={latin1('31.12.2019ø')}"], "--to", "31.12.2019\\xf8"),
    (["flygtninge", "--json", "--municipality", "Næstved", "--municipality", latin1("Næstved")],
     "--municipality", "N\\xe6stved"),
])
def test_search_refuses_text_that_is_not_utf8_in_one_line(runner, seed_index_dir, crash_dir, args, name, shown):
    result = run(runner, "search", "--index-dir", seed_index_dir, *args)
    assert result.exit_code == 2, result.output
    assert result.stderr == not_utf8(name, shown) + "\n"
    assert result.stdout == ""  # no hits, no JSON: nothing was searched
    assert_no_crash(result, crash_dir)


def test_a_long_value_that_is_not_utf8_is_shown_cut(runner, seed_index_dir, crash_dir):
    result = run(runner, "search", "--index-dir", seed_index_dir, "bolig" * 30 + "\udce6")
    assert result.exit_code == 2
    assert result.stderr == not_utf8("søgningen", "bolig" * 11 + "boli…") + "\n"
    assert_no_crash(result, crash_dir)


def test_the_same_words_in_utf8_are_searched(runner, seed_index_dir, crash_dir):
    result = run(runner, "search", "--index-dir", seed_index_dir, "flygtninge", "--municipality", "Næstved",
                 "--council", "Integrationsrådet", "--from", "1. maj 2015", "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["total"] > 0 and answer["filters"]["municipality"] == ["Næstved"]
    assert {hit["municipality"] for hit in answer["hits"]} == {"Næstved"}
    assert_no_crash(result, crash_dir)


def test_serve_refuses_a_host_that_is_not_utf8_before_starting(runner, seed_index_dir, crash_dir, monkeypatch):
    started = []
    monkeypatch.setattr("webui.serve.serve", lambda **kwargs: started.append(kwargs))
    result = run(runner, "serve", "--host", "127.0.0.\udcff", "--index-dir", seed_index_dir)
    assert result.exit_code == 2
    assert result.stderr == not_utf8("--host", "127.0.0.\\xff") + "\n"
    assert started == []
    assert_no_crash(result, crash_dir)


def test_every_text_parameter_of_every_command_is_checked():
    """A new text option gets the check by default: none is plain click text."""
    unchecked = []
    for command in main.commands.values():
        for param in command.params:
            if isinstance(param.type, click.types.StringParamType) and not isinstance(param.type, Utf8Text):
                unchecked.append(f"{command.name} {param.name}")
    assert unchecked == []
    # and the text parameters named in the review are among those checked
    search = main.commands["search"]
    checked = {p.name for p in search.params if isinstance(p.type, Utf8Text)}
    assert {"query", "municipality", "council", "year", "case_handler", "topic", "doc_type", "date_from",
            "date_to"} <= checked


# --- Paths: file names may be any bytes ---------------------------------------------------------

def test_extract_of_a_file_named_in_latin1_says_why_in_one_line(runner, tmp_path, crash_dir):
    source = tmp_path / latin1("referat-Næstved.txt")
    shutil.copy(SEEDS / SEED, source)
    result = run(runner, "extract", source)
    assert result.exit_code == 1
    assert result.stderr == (f"Fejl: {tmp_path}/referat-N\\xe6stved.txt: navnet har tegn, der ikke er UTF-8 "
                             "(vist som \\xNN) – omdøb filen eller mappen\n")
    assert_no_crash(result, crash_dir)


def test_index_skips_a_file_named_in_latin1_with_its_reason_and_indexes_the_rest(runner, tmp_path, crash_dir):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / SEED, corpus / SEED)
    shutil.copy(SEEDS / OTHER_SEED, corpus / latin1("referat-Næstved.txt"))
    index_dir = tmp_path / "index"
    result = run(runner, "index", corpus, "--index-dir", index_dir)
    assert result.exit_code == 0, result.output
    assert "1 fil indekseret" in result.stdout and "1 sprunget over" in result.stdout
    assert ("  referat-N\\xe6stved.txt: navnet har tegn, der ikke er UTF-8 (vist som \\xNN) – omdøb filen eller mappen"
            in result.stdout.splitlines())
    assert_no_crash(result, crash_dir)
    strict = run(runner, "index", corpus, "--index-dir", index_dir, "--strict")
    assert strict.exit_code == 1 and "1 sprunget over" in strict.stdout
    assert_no_crash(strict, crash_dir)


def test_a_folder_named_in_latin1_is_indexed_remembered_and_searched(runner, tmp_path, crash_dir):
    folder = tmp_path / latin1("mødereferater")
    folder.mkdir()
    shutil.copy(SEEDS / SEED, folder / SEED)
    index_dir = tmp_path / latin1("indeks-æ")
    built = run(runner, "index", folder, "--index-dir", index_dir)
    assert built.exit_code == 0, built.output
    assert "1 fil indekseret" in built.stdout and "0 sprunget over" in built.stdout
    assert f"Mapper: {tmp_path}/m\\xf8dereferater" in built.stdout.splitlines()
    again = run(runner, "index", "--index-dir", index_dir)  # the folder as the index remembers it
    assert again.exit_code == 0, again.output
    assert "1 uændret" in again.stdout and "0 fjernet" in again.stdout
    found = run(runner, "search", "flygtninge", "--json", "--index-dir", index_dir)
    assert found.exit_code == 0, found.output
    answer = json.loads(found.stdout)
    assert answer["total"] > 0 and {hit["source"] for hit in answer["hits"]} == {SEED}
    for result in (built, again, found):
        assert_no_crash(result, crash_dir)
