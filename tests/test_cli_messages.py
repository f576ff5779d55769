"""What `referatsog` says when something is off: one Danish line, never click's English or a traceback.

Also the command line's own shapes: a query word that begins with '-', a page past the last,
file names with control characters, long titles."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import socket
import subprocess
import sys

import click
import pytest

from conftest import PDFS, SEEDS, run
from indexer.cli import TITLE_WIDTH, _first_line, main
from indexer.models import Skipped
from indexer.progress import format_summary, printable
from indexer.update import UpdateReport

SEED = "naestved-integrationsraadet-referat-2015-05-21.txt"
ENGLISH_HELP = ("TEXT", "DIRECTORY", "INTEGER", "RANGE", "PATHS", "FILE", "QUERY", "default:", "required",
                "Options", "Usage", "Show this")



def last_line(result) -> str:
    return result.output.strip().splitlines()[-1]


# --- serve: the address, the corpus, the build ---------------------------------------------

def run_serve(*args, timeout: float = 60.0) -> subprocess.CompletedProcess:
    """`referatsog serve` as a user runs it, in its own process (it must stop by itself)."""
    command = [sys.executable, "-c", "import sys; from indexer.cli import main; sys.argv[0] = 'referatsog'; main()",
               "serve", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_on_a_port_in_use_is_one_danish_line(seed_index_dir, monkeypatch, workers):
    monkeypatch.setenv("REFERATSOG_WORKERS", workers)  # one process, or forked workers on one socket
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_serve("--port", port, "--index-dir", seed_index_dir)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.strip() == f"Fejl: port {port} er allerede i brug (vælg en anden med --port)."
    assert "Traceback" not in result.stdout


@pytest.mark.parametrize("host, reason", [
    ("999.1.1.1", "navnet eller adressen kendes ikke"),
    ("a" * 70, "ikke et gyldigt navn eller en gyldig adresse"),
])
def test_serve_on_a_host_that_cannot_be_used_is_one_danish_line(seed_index_dir, host, reason):
    result = run_serve("--host", host, "--port", free_port(), "--index-dir", seed_index_dir)
    assert result.returncode == 1
    assert result.stderr.strip() == f"Fejl: værten «{host}» kan ikke bruges: {reason} (vælg en anden med --host)."


def test_serve_refuses_a_missing_corpus_instead_of_serving_an_empty_index(tmp_path):
    index_dir = tmp_path / "index"
    result = run_serve("--corpus", tmp_path / "missing", "--index-dir", index_dir, "--port", free_port())
    assert result.returncode == 1
    assert result.stderr.strip() == (f"Fejl: intet søgeindeks i {index_dir}, og dokumentmappen findes ikke: "
                                     f"{tmp_path / 'missing'} (angiv den med --corpus).")
    assert not index_dir.exists()


def test_serve_builds_with_the_skipped_files_listed_as_index_does(tmp_path, capsys):
    from webui.serve import ensure_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / SEED, corpus)
    shutil.copy(PDFS / "empty.pdf", corpus)
    assert ensure_index(tmp_path / "index", corpus) is True
    printed = capsys.readouterr().out
    assert "1 sprunget over" in printed
    assert "Sprunget over:\n  empty.pdf: tom fil (0 bytes)" in printed


def test_serve_rebuilds_an_index_of_another_version_and_says_why(tmp_path, capsys):
    import json

    from search import open_index
    from search.index import VERSION_FILE
    from webui.serve import ensure_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / SEED, corpus)
    assert ensure_index(tmp_path / "index", corpus) is True
    assert "Intet søgeindeks" in capsys.readouterr().out
    (tmp_path / "index" / VERSION_FILE).write_text(json.dumps({"schema_version": 1}), encoding="utf-8")
    assert ensure_index(tmp_path / "index", corpus) is True
    assert "bygget af en anden version af Referatsøg; bygger det forfra" in capsys.readouterr().out
    assert open_index(tmp_path / "index").stats()["passages"] > 0


def test_serve_needs_a_corpus_only_to_build(tmp_path, seed_index_dir):
    from webui.serve import ServeError, ensure_index

    assert ensure_index(seed_index_dir, tmp_path / "missing") is False  # an index exists: nothing to build
    with pytest.raises(ServeError, match="dokumentmappen findes ikke"):
        ensure_index(tmp_path / "index", tmp_path / "missing")


# --- a query that begins with '-' ---------------------------------------------------------------

def search_json(runner, index_dir, *args) -> dict:
    result = run(runner, "search", *args, "--json", "--index-dir", index_dir)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_a_query_word_may_begin_with_a_dash(runner, seed_index_dir):
    everything = search_json(runner, seed_index_dir, "")["total"]
    refugees = search_json(runner, seed_index_dir, "flygtninge")["total"]
    excluded = search_json(runner, seed_index_dir, "-flygtninge")
    assert excluded["query"] == "-flygtninge"
    assert excluded["total"] == everything - refugees > 0
    housing = search_json(runner, seed_index_dir, "bolig")["total"]
    answer = search_json(runner, seed_index_dir, "bolig", "-flygtninge")  # several words, the options after them
    assert answer["query"] == "bolig -flygtninge" and answer["total"] < housing
    assert search_json(runner, seed_index_dir, "flygtninge -bolig")["query"] == "flygtninge -bolig"
    assert len(search_json(runner, seed_index_dir, "--limit", "1", "-flygtninge")["hits"]) == 1
    human = run(runner, "search", "-flygtninge", "--index-dir", seed_index_dir)
    assert human.exit_code == 0 and human.output.startswith(f"{excluded['total']} resultater for «-flygtninge»")


def test_an_option_value_that_begins_with_a_dash_stays_the_options(runner, seed_index_dir):
    answer = search_json(runner, seed_index_dir, "--municipality", "-x")
    assert answer["query"] == "" and answer["total"] == 0


@pytest.mark.parametrize("args, message", [
    (("x", "--xyzzy"), "Fejl: Ukendt tilvalg '--xyzzy'."),
    (("x", "--foo"), "Fejl: Ukendt tilvalg '--foo'. Mente du '--from' eller '--to'?"),  # click's close names
    (("-x", "--limt", "3"), "Fejl: Ukendt tilvalg '--limt'. Mente du '--limit' eller '--to'?"),
    (("x", "--limit"), "Fejl: Tilvalget '--limit' kræver en værdi."),
])
def test_unknown_long_options_are_still_errors(runner, seed_index_dir, args, message):
    result = run(runner, "search", *args, "--index-dir", seed_index_dir) if args[-1] != "--limit" else run(
        runner, "search", "--index-dir", seed_index_dir, *args)
    assert result.exit_code == 2
    assert last_line(result) == message


# --- click's words in Danish ---------------------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (("--limit", "0"), "Fejl: Ugyldig værdi for '--limit': 0 er ikke mellem 1 og 100."),
    (("--limit", "-1"), "Fejl: Ugyldig værdi for '--limit': -1 er ikke mellem 1 og 100."),
    (("--page", "0"), "Fejl: Ugyldig værdi for '--page': 0 er ikke mellem 1 og 100.000."),
])
def test_numbers_out_of_range_are_danish(runner, seed_index_dir, args, message):
    result = run(runner, "search", "x", *args, "--index-dir", seed_index_dir)
    assert result.exit_code == 2 and last_line(result) == message


def test_paths_of_the_wrong_kind_are_danish(runner, tmp_path):
    folder = tmp_path / "referat.pdf"
    folder.mkdir()
    a_file = tmp_path / "afile"
    a_file.write_text("x")
    result = run(runner, "extract", folder)
    assert result.exit_code == 2
    assert last_line(result) == f"Fejl: Ugyldig værdi for 'FIL': '{folder}' er en mappe, ikke en fil."
    result = run(runner, "search", "x", "--index-dir", a_file)
    assert last_line(result) == f"Fejl: Ugyldig værdi for '--index-dir': '{a_file}' er en fil, ikke en mappe."
    result = run(runner, "serve", "--corpus", a_file)
    assert last_line(result) == f"Fejl: Ugyldig værdi for '--corpus': '{a_file}' er en fil, ikke en mappe."


def test_files_without_access_are_said_to_be_so_not_missing(runner, tmp_path, monkeypatch):
    """The tests may run as root, whom no permission stops: the operating system's answers
    for a closed folder and an unreadable file are given here."""
    closed, unreadable = tmp_path / "closed", tmp_path / "unreadable.txt"
    closed.mkdir()
    shutil.copy(SEEDS / SEED, closed / SEED)
    shutil.copy(SEEDS / SEED, unreadable)
    real_stat, real_access = os.stat, os.access

    def stat(path, *args, **kwargs):
        if str(path).startswith(str(closed) + os.sep):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(os, "access", lambda path, mode, *a, **k: str(path) != str(unreadable) and real_access(
        path, mode, *a, **k))
    result = run(runner, "extract", closed / SEED)
    assert result.exit_code == 2
    assert last_line(result) == (f"Fejl: Ugyldig værdi for 'FIL': '{closed / SEED}' kan ikke nås: "
                                 "ingen adgang til en af mapperne på vejen.")
    result = run(runner, "extract", unreadable)
    assert last_line(result) == f"Fejl: Ugyldig værdi for 'FIL': '{unreadable}' kan ikke læses (ingen adgang)."
    result = run(runner, "index", closed / SEED, tmp_path / "nowhere", "--index-dir", tmp_path / "ix")
    assert result.exit_code == 1
    assert last_line(result) == (f"Fejl: mappen eller filen findes ikke: {tmp_path / 'nowhere'}; "
                                 f"ingen adgang (en af mapperne på vejen er lukket): {closed / SEED}")


@pytest.mark.parametrize("command", ["index", "extract", "search", "serve", "eval"])
def test_help_pages_have_no_english_and_every_option_says_what_it_does(runner, command):
    page = run(runner, command, "--help")
    assert page.exit_code == 0
    for word in ENGLISH_HELP:
        assert word not in page.output, (command, word)
    for param in main.commands[command].params:
        if isinstance(param, click.Option):
            assert param.help, (command, param.name)


def test_help_pages_use_danish_metavars_and_defaults(runner):
    search_page = " ".join(run(runner, "search", "--help").output.split())  # as one line, whatever the wrapping
    assert "--limit HELTAL" in search_page and "--index-dir MAPPE" in search_page and "--council TEKST" in search_page
    assert "[standard: relevance]" in search_page and "[standard: 10; mellem 1 og 100]" in search_page
    assert run(runner, "index", "--help").output.startswith("Brug: main index [TILVALG] [STIER]...")
    assert run(runner, "extract", "--help").output.startswith("Brug: main extract [TILVALG] FIL")
    assert "--port HELTAL" in run(runner, "serve", "--help").output


COMMANDS = ["index", "extract", "search", "serve", "eval"]


@pytest.mark.parametrize("command", COMMANDS)
def test_each_help_page_ends_with_examples_the_command_accepts_as_written(runner, command, tmp_path, monkeypatch):
    """Each example is on the page as it is typed, and its command line parses: its options
    exist and take the values given (`--sort nyeste`, `--port 8080`), and a file it names is
    read (extract's, run for real from a folder holding what they name)."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copy(PDFS / "referat-2026-06-04.pdf", tmp_path / "referat.pdf")
    monkeypatch.chdir(tmp_path)
    examples = main.commands[command].examples

    section = run(runner, command, "--help").output.split("\nEksempler:\n", 1)[1]

    assert len(examples) >= 2
    for what, line in examples:
        assert f"    {line}\n" in section and what.split()[0] in section
        words = shlex.split(line)
        words = words[:words.index(">")] if ">" in words else words  # the shell's redirection, not an argument
        assert words[:2] == ["referatsog", command]
        main.commands[command].make_context(command, words[2:])  # a usage error or a bad value raises
        if command == "extract":
            result = run(runner, *words[1:])
            assert result.exit_code == 0 and "Integrationsråd" in result.output, result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_page_names_exit_code_2_and_fits_80_columns(runner, command, monkeypatch):
    """`index --help` named 0, 1 and 130, not the 2 a bad argument gets (search's named it)."""
    monkeypatch.setenv("COLUMNS", "80")
    page = run(runner, command, "--help").output

    codes = " ".join(page.split("Afslutningskoder:", 1)[1].split("\n\n", 1)[0].split())

    assert "; 2 når et argument ikke kan bruges" in codes or "; 2 ved en ugyldig værdi" in codes
    assert max(len(line) for line in page.splitlines()) <= 80


def test_the_main_help_page_points_to_each_commands_help_and_lists_the_variables_in_a_section(runner, monkeypatch):
    """«Miljøvariabler» was text indented under «Kommandoer», with lines of 150 characters."""
    from indexer.settings import SETTINGS

    monkeypatch.setenv("COLUMNS", "80")
    page = run(runner, "--help").output

    assert "\n\nSe referatsog KOMMANDO --help for en kommandos valgmuligheder.\n" in page
    variables = page.split("\n\nMiljøvariabler:\n", 1)[1]  # a heading of its own, as «Kommandoer:»
    assert [line.strip() for line in variables.splitlines() if line.startswith("  REFERATSOG_")] == [
        setting.env for setting in SETTINGS]
    assert max(len(line) for line in page.splitlines()) <= 80


def test_no_arguments_prints_the_help_and_is_no_error(runner):
    result = run(runner)
    assert result.exit_code == 0
    assert result.output.startswith("Brug: main [TILVALG] KOMMANDO [ARGUMENTER]...")
    assert "Kommandoer:" in result.output and "Fejl" not in result.output


def test_a_query_too_long_names_the_query_not_an_option(runner, seed_index_dir):
    result = run(runner, "search", "x" * 501, "--index-dir", seed_index_dir)
    assert result.exit_code == 2  # a bad argument, as click's own
    assert last_line(result) == "Fejl: Søgningen er for lang (højst 500 tegn)."


# --- output: control characters, dates, plurals, pages, titles ----------------------------------

def test_control_characters_in_file_names_are_escaped():
    assert printable("ny\nlinje\t.txt") == "ny\\nlinje\\t.txt"
    assert printable("farve\x1b[31m.pdf") == "farve\\x1b[31m.pdf"
    assert printable("bad\udcff.pdf") == "bad\\xff.pdf"  # an undecodable byte of a name
    report = UpdateReport(seen=2, indexed=0, unchanged=0, removed=0, passages=0,
                          skipped=(Skipped("a\nb.pdf", "tom fil (0 bytes)"), Skipped("c\rd.pdf", "krypteret\nPDF")))
    assert format_summary(report).splitlines()[-3:] == [
        "Sprunget over:", "  a\\nb.pdf: tom fil (0 bytes)", "  c\\rd.pdf: krypteret\\nPDF"]


def test_a_file_name_with_a_newline_stays_on_its_line(runner, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / SEED, corpus / "ny\nlinje.txt")
    (corpus / "tom\n.pdf").write_bytes(b"")
    index = run(runner, "index", corpus, "--index-dir", tmp_path / "ix")
    assert index.exit_code == 0, index.output
    assert "  tom\\n.pdf: tom fil (0 bytes)" in index.output.splitlines()
    found = run(runner, "search", "flygtninge", "--limit", "1", "--index-dir", tmp_path / "ix")
    assert any(line.startswith("   ny\\nlinje.txt, linje ") for line in found.output.splitlines()), found.output
    extracted = run(runner, "extract", corpus / "ny\nlinje.txt")
    assert extracted.output.startswith("ny\\nlinje.txt: referat")


def test_extract_says_passage_for_one_and_writes_dates_as_search_does(runner, tmp_path):
    seed = run(runner, "extract", SEEDS / SEED).output
    assert seed.splitlines()[0] == f"{SEED}: referat · Næstved · Integrationsrådet · 21.05.2015 · 7 passager"
    note = tmp_path / "note.txt"
    note.write_text("Integrationsrådet drøftede boligplacering af flygtninge.\n", encoding="utf-8")
    first = run(runner, "extract", note).stdout.splitlines()[0]  # stderr has its note: no sign of a council document
    assert first.endswith(" · 1 passage"), first


def test_a_page_past_the_last_says_how_many_there_are_and_fails_like_the_api(runner, seed_index_dir):
    args = ("search", "flygtninge", "--limit", "5", "--page", "999", "--index-dir", seed_index_dir)
    as_json = run(runner, *args, "--json")
    answer = json.loads(as_json.stdout)
    assert answer["hits"] == [] and answer["total"] > 5  # --json keeps its shape
    pages = -(-answer["total"] // 5)
    said = f"Fejl: --page: Side 999 findes ikke i denne søgning; den har {pages} sider.\n"
    assert (as_json.exit_code, as_json.stderr) == (1, said)  # the API's 404, for a script paging on
    result = run(runner, *args)
    assert (result.exit_code, result.stderr) == (1, said)
    assert result.stdout.splitlines() == [f"{answer['total']} resultater for «flygtninge»"]
    within = run(runner, "search", "flygtninge", "--limit", "5", "--page", pages, "--index-dir", seed_index_dir)
    assert "findes ikke" not in within.output


def test_a_decision_snippet_is_printed_once_as_the_decision(runner, seed_index_dir):
    result = run(runner, "search", "godkendt", "--decisions-only", "--index-dir", seed_index_dir)
    block = result.output.split("Mødeplan 2017", 1)[1].split("\n\n", 1)[0]
    assert [line.strip() for line in block.splitlines() if "godkendt" in line.lower()] == [
        "Beslutning (godkendt): - ad 1. Mødeplan [godkendt]. - ad 2. Foreningerne byder ind med, hvis de ønsker at afholde et møde."]
    answer = search_json(runner, seed_index_dir, "godkendt", "--decisions-only")
    assert {hit["snippet_from"] for hit in answer["hits"]} == {"decision"}
    assert {hit["snippet_from"] for hit in search_json(runner, seed_index_dir, "godkendt")["hits"]} == {"text"}


def test_printed_titles_are_cut(seed_index, capsys):
    """However long a title the index holds (it bounds them too), one printed title line stays short."""
    import dataclasses

    from indexer.cli import _print_response
    from search import SearchRequest

    title = " ".join(["Integrationsrådet drøftede boligplacering af flygtninge i kommunen"] * 20)
    shortened = _first_line(title, TITLE_WIDTH)
    assert len(shortened) <= TITLE_WIDTH and shortened.endswith("…") and title.startswith(shortened[:-1])
    assert not shortened[:-1].endswith(" ")  # cut at a word, as the web page and citations cut titles
    assert _first_line("x" * 1000, TITLE_WIDTH) == "x" * (TITLE_WIDTH - 1) + "…"  # one long word: cut in it
    response = seed_index.search(SearchRequest(query="flygtninge", page_size=1))
    long_titled = dataclasses.replace(response, hits=[dataclasses.replace(response.hits[0], title=title + "\nmere")])
    _print_response(long_titled)
    title_line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("1. "))
    assert title_line == f"1. {shortened}"


def test_a_dangling_link_given_as_a_path_says_what_it_is(runner, tmp_path):
    link = tmp_path / "referat.pdf"
    link.symlink_to(tmp_path / "findes-ikke.pdf")
    result = run(runner, "index", link, "--index-dir", tmp_path / "index")
    assert result.exit_code == 1
    assert "symbolsk link peger på en fil, der ikke findes" in result.output and "findes ikke:" not in result.output


def test_a_full_disk_is_said_in_danish_with_what_is_left(runner, tmp_path, seed_index_dir, monkeypatch):
    import errno

    import indexer.update

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "index" / "_MAIN_1.toc"))

    monkeypatch.setattr(indexer.update, "update_index", full)
    first = run(runner, "index", SEEDS, "--index-dir", tmp_path / "index")
    assert first.exit_code == 1
    assert "disken er fuld" in first.output and "No space" not in first.output
    assert "der er stadig intet indeks" in first.output
    assert "frigør plads på disken" in first.output  # what to do about it
    again = run(runner, "index", SEEDS, "--index-dir", seed_index_dir)  # update_index is replaced: nothing written
    assert again.exit_code == 1 and "det tidligere indeks er uændret" in again.output


def test_an_index_folder_without_write_access_says_what_to_do(runner, tmp_path, monkeypatch):
    import indexer.update

    def closed(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "index" / "MAIN.tmp"))

    monkeypatch.setattr(indexer.update, "update_index", closed)
    result = run(runner, "index", SEEDS, "--index-dir", tmp_path / "index")
    assert (result.exit_code, result.stderr) == (1, (
        f"Fejl: indekset kunne ikke skrives: {tmp_path / 'index' / 'MAIN.tmp'}: ingen adgang – der er stadig intet "
        "indeks; kør som en bruger, der må skrive i indeksmappen, eller vælg en anden mappe med --index-dir.\n"))


# --- the index folder and the corpus as the variables choose them -------------------------------

def test_an_index_folder_out_of_reach_is_said_to_be_so_not_missing(runner, tmp_path, seed_index_dir, monkeypatch):
    """An index folder this user may not list was 'no index – run referatsog index' to search,
    and serve set out to build one there (then failed to write). The tests may run as root:
    the operating system's answer for the closed folder is given here."""
    from webui.serve import ServeError, ensure_index

    real_listdir = os.listdir

    def listdir(path="."):
        if os.fspath(path) == os.fspath(seed_index_dir):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_listdir(path)

    monkeypatch.setattr(os, "listdir", listdir)
    monkeypatch.setenv("REFERATSOG_INDEX", str(seed_index_dir))
    said = (f"REFERATSOG_INDEX: ingen adgang til indeksmappen {seed_index_dir} for denne bruger – kør som den bruger, "
            "der ejer indekset, eller vælg en anden mappe med --index-dir.")
    for args in (("search", "flygtninge"), ("index", SEEDS)):
        result = run(runner, *args)
        assert (result.exit_code, result.stderr) == (1, f"Fejl: {said}\n"), args
    with pytest.raises(ServeError) as refused:
        ensure_index(seed_index_dir, SEEDS, index_setting="REFERATSOG_INDEX")
    assert str(refused.value) == said


def test_an_index_folder_that_is_a_file_names_its_variable(runner, tmp_path, monkeypatch):
    """It was 'the index could not be written: …: findes allerede'."""
    a_file = tmp_path / "index"
    a_file.write_text("x")
    monkeypatch.setenv("REFERATSOG_INDEX", str(a_file))
    result = run(runner, "index", SEEDS)
    assert (result.exit_code, result.stderr) == (1, (
        f"Fejl: REFERATSOG_INDEX: {a_file} er en fil, ikke en mappe – vælg en mappe til indekset med --index-dir.\n"))


def test_a_missing_corpus_names_the_variable_that_chose_it(runner, tmp_path, monkeypatch):
    """'findes ikke: /srv/referater' did not say that REFERATSOG_CORPUS named it."""
    missing = tmp_path / "referater"
    monkeypatch.setenv("REFERATSOG_CORPUS", str(missing))
    result = run(runner, "index", "--index-dir", tmp_path / "index")
    assert (result.exit_code, result.stderr) == (1, (
        f"Fejl: REFERATSOG_CORPUS: dokumentmappen {missing} findes ikke – ret variablen, eller angiv mappen: "
        "referatsog index MAPPE.\n"))
    served = run_serve("--index-dir", tmp_path / "index", "--port", free_port())
    assert served.returncode == 1
    assert served.stderr.strip() == (f"Fejl: intet søgeindeks i {tmp_path / 'index'}, og dokumentmappen findes ikke: "
                                     f"{missing} (ret REFERATSOG_CORPUS, eller angiv mappen med --corpus).")
    assert not (tmp_path / "index").exists()


def test_a_mistyped_variable_is_warned_about_not_silently_ignored(runner, seed_index_dir, monkeypatch):
    """REFERATSOG_INDEX_DIR (the option is --index-dir) was ignored without a word: the index
    went to the default folder."""
    monkeypatch.setenv("REFERATSOG_INDEX_DIR", "/srv/referatsog/index")
    result = run(runner, "search", "flygtninge", "--index-dir", seed_index_dir)
    assert result.exit_code == 0
    assert result.stderr == ("Advarsel: miljøvariablen REFERATSOG_INDEX_DIR kendes ikke og bruges ikke "
                             "(mente du REFERATSOG_INDEX?).\n")


def test_serve_says_a_bad_setting_before_building_the_index(tmp_path, monkeypatch):
    """A bad REFERATSOG_PAGE_SIZE was said only after the whole corpus had been indexed."""
    from webui.serve import ServeError, serve

    def no_build(*args, **kwargs):
        raise AssertionError("built the index despite a bad setting")

    monkeypatch.setattr("indexer.update.update_index", no_build)
    monkeypatch.setenv("REFERATSOG_PAGE_SIZE", "ti")
    with pytest.raises(ServeError, match="REFERATSOG_PAGE_SIZE"):
        serve("127.0.0.1", free_port(), tmp_path / "index", SEEDS, workers=1)
    assert not (tmp_path / "index").exists()


def test_search_narrows_to_a_period_and_names_a_bad_date(runner, seed_index_dir):
    everything = search_json(runner, seed_index_dir, "flygtninge")
    in_2017 = search_json(runner, seed_index_dir, "flygtninge", "--from", "1.1.2017", "--to", "2017")
    assert (in_2017["from"], in_2017["to"]) == ("2017-01-01", "2017-12-31")
    assert 0 < in_2017["total"] < everything["total"] and in_2017["facets"]["year"] == {"2017": in_2017["total"]}
    bad = run(runner, "search", "flygtninge", "--from", "igår", "--index-dir", seed_index_dir)
    assert bad.exit_code == 2 and bad.stderr == ("Fejl: --from: Fra-datoen «igår» er ikke en dato. Skriv den som "
                                                "21.05.2019, 2019-05-21, maj 2019 eller et årstal.\n")


@pytest.mark.parametrize("problem", ["missing", "folder", "not utf-8"])
def test_an_unreadable_topic_vocabulary_stops_the_run_and_keeps_the_index(runner, tmp_path, monkeypatch, problem):
    """A REFERATSOG_TOPICS that cannot be read failed every file as 'vanished', and a full
    build then committed an empty index; extract printed a traceback. Now: one line naming
    the variable and the file, exit code 1, the index as it was."""
    import shutil

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / SEED, corpus / SEED)
    index_dir = tmp_path / "index"
    assert run(runner, "index", corpus, "--index-dir", index_dir, "-q").exit_code == 0
    before = search_json(runner, index_dir, "flygtninge")["total"]
    vocabulary = tmp_path / "emner.txt"
    if problem == "folder":
        vocabulary.mkdir()
    elif problem == "not utf-8":
        vocabulary.write_bytes("bolig: lejlighed, husleje, boligstøtte\n".encode("utf-16"))
    monkeypatch.setenv("REFERATSOG_TOPICS", str(vocabulary))
    reason = {"missing": "findes ikke", "folder": "er en mappe, ikke en fil", "not utf-8": "er ikke tekst i UTF-8"}[problem]
    said = f"Fejl: REFERATSOG_TOPICS: emneordlisten {vocabulary} {reason}.\n"
    for args in (("index", corpus, "--index-dir", index_dir, "--full"), ("extract", corpus / SEED)):
        result = run(runner, *args)
        assert (result.exit_code, result.stderr) == (1, said), args
    monkeypatch.delenv("REFERATSOG_TOPICS")
    assert search_json(runner, index_dir, "flygtninge")["total"] == before > 0


def test_no_index_names_the_command_that_builds_that_folder(runner, tmp_path, monkeypatch):
    """'kør først: referatsog index' built the default folder, not the --index-dir searched."""
    monkeypatch.delenv("REFERATSOG_INDEX", raising=False)
    folder = tmp_path / "mit indeks"
    folder.mkdir()
    result = run(runner, "search", "flygtninge", "--index-dir", folder)
    assert (result.exit_code, result.stderr) == (
        1, f"Fejl: intet indeks i {folder} – kør først: referatsog index MAPPE --index-dir '{folder}'\n")
    # without MAPPE the command would index the sample corpus into that folder; a corpus variable names it
    monkeypatch.setenv("REFERATSOG_CORPUS", str(tmp_path / "referater"))
    result = run(runner, "search", "flygtninge", "--index-dir", folder)
    assert result.stderr == f"Fejl: intet indeks i {folder} – kør først: referatsog index --index-dir '{folder}'\n"
    monkeypatch.delenv("REFERATSOG_CORPUS")
    monkeypatch.setenv("REFERATSOG_INDEX", str(folder))  # the variable chose it: the plain command builds it
    result = run(runner, "search", "flygtninge")
    assert result.stderr == f"Fejl: intet indeks i {folder} – kør først: referatsog index\n"


def test_a_first_build_that_was_stopped_is_no_index_of_another_version(runner, tmp_path, monkeypatch):
    """A first `index` run stopped before its commit leaves an empty index of this version: the
    search said it was built by another version of Referatsøg."""
    from search import open_index

    monkeypatch.delenv("REFERATSOG_CORPUS", raising=False)
    folder = tmp_path / "indeks"
    open_index(folder, create=True).close()  # what the stopped first build leaves: created, never committed
    result = run(runner, "search", "flygtninge", "--index-dir", folder)
    assert (result.exit_code, result.stderr) == (
        1, f"Fejl: intet indeks i {folder} – kør først: referatsog index MAPPE --index-dir {folder}\n")


def test_an_interrupted_index_run_exits_130_with_one_line_saying_the_old_index_stands(tmp_path, monkeypatch, runner):
    """Ctrl+C (or SIGTERM) during `referatsog index`: the shell's convention for an interrupted
    command (128 + SIGINT), so a script or timer can tell it from a failed run (1)."""
    import indexer.update

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(indexer.update, "update_index", interrupted)
    result = run(runner, "index", SEEDS, "--index-dir", tmp_path / "index")

    assert result.exit_code == 130
    assert result.stderr.startswith("Fejl: afbrudt – ") and len(result.stderr.strip().splitlines()) == 1


def test_a_fault_of_ours_is_one_danish_line_with_its_details_kept_in_a_file(runner, tmp_path, monkeypatch):
    """A bug met mid-run printed Python's traceback; the user gets one line and a file to send."""
    import indexer.update

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)  # read TMPDIR again

    def broken(*args, **kwargs):
        raise TypeError("'NoneType' object does not support item assignment")

    monkeypatch.setattr(indexer.update, "update_index", broken)

    result = run(runner, "index", SEEDS, "--index-dir", tmp_path / "idx")

    assert result.exit_code == 1 and result.stdout == ""
    [kept] = tmp_path.glob("referatsog-fejl-*.txt")
    assert result.stderr == ("Fejl: uventet fejl i Referatsøg (TypeError: 'NoneType' object does not support item "
                             f"assignment) – detaljerne er gemt i {kept} (send dem med, når fejlen meldes).\n")
    assert "Traceback" in kept.read_text(encoding="utf-8") and "in broken" in kept.read_text(encoding="utf-8")


@pytest.mark.parametrize("name, reason", [
    ("notat.docx", "filen hedder .docx, men er tekst – omdøb den til .txt"),
    ("referat-uden-endelse", "ukendt filtype (ingen filendelse)")])
def test_extract_of_a_file_index_would_skip_by_name_says_so(runner, tmp_path, name, reason):
    """`extract` reads a file by its content; `index` skips it in a folder by its name: extract
    showed 7 passages of a file that indexing its folder would never read (admin review)."""
    shutil.copy(SEEDS / "roskilde-integrationsraadet-referat-2026-06-04.txt", tmp_path / name)
    result = run(runner, "extract", tmp_path / name, "--json")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 7
    assert f"Bemærkning: {name}: referatsog index springer filen over i en mappe: {reason}" in result.stderr
    indexed = run(runner, "index", tmp_path, "--index-dir", tmp_path / "index", "-v")
    assert f"{name}" in indexed.output and reason in indexed.output
    plain = run(runner, "extract", SEEDS / "roskilde-integrationsraadet-referat-2026-06-04.txt")
    assert "springer filen over" not in plain.stderr


def test_a_first_build_of_an_empty_folder_warns_and_fails_under_strict(runner, tmp_path):
    """An unmounted share on a first build gave an empty site without a word (an existing
    index is protected: a run that would empty it is refused)."""
    empty = tmp_path / "share"
    empty.mkdir()
    result = run(runner, "index", empty, "--index-dir", tmp_path / "index")
    assert result.exit_code == 0
    assert result.stdout.rstrip().endswith(
        "Advarsel: der er ingen filer i mapperne – er drevet monteret, og er det den rigtige mappe?")
    strict = run(runner, "index", empty, "--index-dir", tmp_path / "index2", "--strict")
    assert strict.exit_code == 1
    assert strict.stdout.rstrip().endswith("Afslutter med kode 1 (--strict): der er ingen filer at indeksere.")
    assert "Advarsel: der er ingen filer" not in run(runner, "index", SEEDS, "--index-dir", tmp_path / "index3").stdout


def test_a_corpus_variable_that_names_a_file_is_refused_as_such(runner, tmp_path, monkeypatch):
    """REFERATSOG_CORPUS set to a file got a refusal advising a run that would move every
    address up a level; serve only warned."""
    afile = tmp_path / "referat.txt"
    afile.write_text("Referat\n", encoding="utf-8")
    monkeypatch.setenv("REFERATSOG_CORPUS", str(afile))
    result = run(runner, "index", "--index-dir", tmp_path / "index")
    assert (result.exit_code, result.stderr) == (1, f"Fejl: REFERATSOG_CORPUS: {afile} er en fil, ikke en mappe – ret "
                                                    "variablen til dokumentmappen, eller angiv mappen: referatsog index MAPPE.\n")
    assert not (tmp_path / "index").exists()
