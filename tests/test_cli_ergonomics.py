"""The command line where it meets the user's terminal and habits: a terminal that is not UTF-8,
output that cannot be written, a reader that goes away, NO_COLOR and TERM=dumb, a page past the
last of no hits, an option typed with one dash, extract's --index-dir, and the words of help
pages and eval.

Where only a real process shows the outcome (an encoding, a closed stdout, a pipe, a terminal),
the CLI runs as a subprocess, as a user runs it; the rest goes through click's runner."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT, SEEDS, run

REFERATSOG = [sys.executable, "-c", "import sys; from indexer.cli import main; sys.argv[0] = 'referatsog'; main()"]
SEED = SEEDS / "naestved-integrationsraadet-referat-2015-05-21.txt"


def environment(**changes: str | None) -> dict[str, str]:
    """This process's environment with `changes` (None: removed), for a CLI subprocess."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("REFERATSOG_")}
    env.pop("NO_COLOR", None)
    env.pop("PYTHONIOENCODING", None)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def referatsog(*args, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
    """`referatsog ARGS…` in its own process, from the checkout (its packages, not an installed copy)."""
    kwargs.setdefault("capture_output", True)
    return subprocess.run([*REFERATSOG, *map(str, args)], cwd=ROOT, env=env or environment(), timeout=120, **kwargs)


def in_terminal(*args, env: dict[str, str]) -> tuple[int, str]:
    """`referatsog ARGS…` with stdout and stderr on a pseudo-terminal: its exit code and all it wrote."""
    master, slave = pty.openpty()
    process = subprocess.Popen([*REFERATSOG, *map(str, args)], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                               stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    output = b""
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 1)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the process closed the terminal's last handle
                break
            if not chunk:
                break
            output += chunk
        return process.wait(timeout=60), output.decode("utf-8")
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()


def traceback_files() -> set[str]:
    import tempfile

    return {name for name in os.listdir(tempfile.gettempdir()) if name.startswith("referatsog-fejl-")}


# --- 1. a terminal that is not UTF-8 -------------------------------------------------------------

LATIN1 = {"PYTHONIOENCODING": "iso-8859-1"}


def test_search_on_a_latin1_terminal_succeeds_with_what_it_can_show(seed_index_dir):
    result = referatsog("search", "flygtninge", "--limit", "2", "--index-dir", seed_index_dir, env=environment(**LATIN1))
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("iso-8859-1")
    assert "UnicodeEncodeError" not in result.stderr.decode("iso-8859-1") and result.stderr == b""
    # «» and æ, ø, å are Latin-1; the ellipsis of a cut snippet is not: written as three points
    assert re.match(r"\d+ resultater for «flygtninge» \(viser 1-2\)\n", text)  # the en dash as a hyphen
    assert "Næstved" in text and "[flygtninge]" in text
    assert "…" not in text


def test_search_json_on_a_latin1_terminal_is_whole_valid_json(seed_index_dir):
    result = referatsog("search", "flygtninge", "--json", "--index-dir", seed_index_dir, env=environment(**LATIN1))
    assert result.returncode == 0, result.stderr
    assert result.stdout.isascii()  # \uXXXX escapes: nothing replaced by "?" inside the data
    answer = json.loads(result.stdout)
    utf8 = json.loads(referatsog("search", "flygtninge", "--json", "--index-dir", seed_index_dir).stdout)
    assert answer == utf8 and "Næstved" in answer["facets"]["municipality"]


def test_index_and_extract_on_a_latin1_terminal_succeed(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    built = referatsog("index", corpus, "--index-dir", tmp_path / "index", env=environment(**LATIN1))
    assert built.returncode == 0, built.stderr
    summary = built.stdout.decode("iso-8859-1")
    assert summary.startswith("5 filer set: 5 filer indekseret") and " - " in summary and "–" not in summary
    shown = referatsog("extract", SEED, env=environment(**LATIN1))
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.decode("iso-8859-1").startswith(f"{SEED.name}: referat · Næstved · Integrationsrådet")
    lines = referatsog("extract", SEED, "--json", env=environment(**LATIN1))
    assert lines.returncode == 0 and lines.stdout.isascii()
    assert json.loads(lines.stdout.splitlines()[0])["municipality"] == "Næstved"


def test_an_ascii_only_stream_gets_danish_letters_spelt_out():
    """A file opened by a program that can only take ASCII (not click's own fallback: stdout is
    a file here, so the answer is what the error handler writes)."""
    from indexer.danish_click import prepare_output_streams  # noqa: F401 (registers the handler)

    assert "Næstved – «referat» …".encode("ascii", "referatsog-plain") == b'Naestved - "referat" ...'
    assert "Næstved – ☃".encode("iso-8859-1", "referatsog-plain") == "Næstved - ?".encode("iso-8859-1")


# --- 2. output that cannot be written -----------------------------------------------------------

@pytest.mark.parametrize("args", [("search", "flygtninge"), ("search", "flygtninge", "--json"), ("--help",),
                                  ("extract", SEED)])
def test_output_to_a_full_disk_is_one_line_not_a_fault_of_ours(seed_index_dir, args):
    before = traceback_files()
    extra = ("--index-dir", seed_index_dir) if args[0] == "search" else ()
    with open("/dev/full", "w") as full:
        result = referatsog(*args, *extra, stdout=full, stderr=subprocess.PIPE, capture_output=False)
    assert result.returncode == 1
    assert result.stderr.decode() == "Fejl: uddata kunne ikke skrives: disken er fuld.\n"
    assert traceback_files() == before


def test_a_closed_stdout_is_one_line(seed_index_dir):
    before = traceback_files()
    result = subprocess.run(["sh", "-c", 'exec "$@" >&-', "sh", *REFERATSOG, "search", "flygtninge", "--index-dir",
                             str(seed_index_dir)], cwd=ROOT, env=environment(), capture_output=False,
                            stderr=subprocess.PIPE, timeout=120)
    assert result.returncode == 1
    assert result.stderr.decode() == "Fejl: uddata kunne ikke skrives: standardoutput er lukket.\n"
    assert traceback_files() == before


# --- 3. a reader that goes away, at the top level ------------------------------------------------

@pytest.mark.parametrize("args", [(), ("-h",), ("--help",), ("--version",), ("search", "-h")])
def test_a_reader_that_goes_away_before_help_or_version_is_141_in_silence(args):
    process = subprocess.Popen([*REFERATSOG, *args], cwd=ROOT, env=environment(), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    process.stdout.close()  # before anything is written: the first write fails
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 141 and stderr == b""


def test_a_usage_error_to_a_reader_that_went_away_is_141_in_silence():
    process = subprocess.Popen([*REFERATSOG, "--bogus"], cwd=ROOT, env=environment(), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    process.stdout.close()
    process.communicate(timeout=60)
    assert process.returncode == 141


# --- 4. NO_COLOR and TERM=dumb ------------------------------------------------------------------

ESCAPE = "\x1b["


def test_a_colour_terminal_gets_bold_marks(seed_index_dir):
    code, output = in_terminal("search", "flygtninge", "--limit", "1", "--index-dir", seed_index_dir,
                               env=environment(TERM="xterm-256color"))
    assert code == 0 and "\x1b[1mflygtninge\x1b[0m" in output and "[flygtninge]" not in output


@pytest.mark.parametrize("setting", [{"NO_COLOR": "1", "TERM": "xterm-256color"}, {"TERM": "dumb"}])
def test_no_color_or_a_dumb_terminal_gets_no_escapes_and_bracketed_marks(seed_index_dir, setting):
    code, output = in_terminal("search", "flygtninge", "--limit", "1", "--index-dir", seed_index_dir,
                               env=environment(**setting))
    assert code == 0, output
    assert ESCAPE not in output and "[flygtninge]" in output
    assert re.search(r"^1\. \S", output, re.M)  # the title, not styled


def test_an_empty_no_color_is_no_setting(seed_index_dir):
    """no-color.org: "when present and not an empty string"."""
    code, output = in_terminal("search", "flygtninge", "--limit", "1", "--index-dir", seed_index_dir,
                               env=environment(NO_COLOR="", TERM="xterm"))
    assert code == 0 and "\x1b[1mflygtninge\x1b[0m" in output


def test_index_on_a_dumb_terminal_writes_lines_not_a_bar(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    code, output = in_terminal("index", corpus, "--index-dir", tmp_path / "index", env=environment(TERM="dumb"))
    assert code == 0, output
    assert ESCAPE not in output and "\r\x1b" not in output
    assert output.replace("\r\n", "\n").startswith("Indekserer 5 filer …\nSkriver 5 filer i indekset …\n5 filer set:")
    code, output = in_terminal("index", corpus, "--index-dir", tmp_path / "index", env=environment(TERM="xterm"))
    assert code == 0 and "\r\x1b[K[" in output  # the bar, on a terminal that can redraw


# --- 5. a page past the last of a search with no hits -------------------------------------------

def test_a_later_page_of_no_hits_is_past_the_last(runner, seed_index_dir):
    first = run(runner, "search", "zzzqqq", "--json", "--index-dir", seed_index_dir)
    assert first.exit_code == 0 and json.loads(first.stdout)["total"] == 0  # no hits: exit 0, as the README says
    later = run(runner, "search", "zzzqqq", "--page", "5", "--json", "--index-dir", seed_index_dir)
    assert later.exit_code == 1
    assert json.loads(later.stdout)["pages"] == 1
    assert later.stderr == "Fejl: --page: Side 5 findes ikke i denne søgning; den har 1 side.\n"
    text = run(runner, "search", "zzzqqq", "--page", "2", "--index-dir", seed_index_dir)
    assert text.exit_code == 1 and text.stdout == "0 resultater for «zzzqqq»\n"


def test_the_api_answers_404_for_a_later_page_of_no_hits_as_the_cli_fails(client):
    assert client.get("/api/search", query_string={"q": "zzzqqq"}).status_code == 200
    response = client.get("/api/search", query_string={"q": "zzzqqq", "page": "2"})
    assert response.status_code == 404
    body = response.get_json()
    assert body["code"] == "page_out_of_range" and body["pages"] == 1 and body["total"] == 0
    assert client.get("/", query_string={"q": "zzzqqq", "page": "2"}).status_code == 404


# --- 6. an option typed with one dash -----------------------------------------------------------

@pytest.mark.parametrize("args, word, meant", [
    (("-json",), "-json", "--json"),
    (("-n", "3"), "-n", "--limit"),
    (("-limit", "5"), "-limit", "--limit"),
    (("-limit=5",), "-limit=5", "--limit"),
    (("-y", "2015"), "-y", "--year"),
    (("-page", "2"), "-page", "--page"),
    (("-sort", "newest"), "-sort", "--sort"),
    (("-to", "2016"), "-to", "--to"),
    (("-t", "x"), "-t", "--to eller --topic"),
])
def test_an_option_typed_with_one_dash_is_an_excluded_word_with_a_warning(runner, seed_index_dir, args, word, meant):
    result = run(runner, "search", "flygtninge", *args, "--index-dir", seed_index_dir)
    assert result.exit_code == 0
    assert result.stderr == f"Advarsel: «{word}» blev læst som et ord, der udelades; mente du {meant}?\n"
    assert re.search(r"^\d+ resultat(er)? for «flygtninge ", result.stdout, re.M)  # the search ran
    if word == "-json":
        assert not result.stdout.startswith("{")  # documented: a word, not the option


@pytest.mark.parametrize("args", [("-bolig",), ("-sort", "bolig"), ("-to",), ("--", "-json"),
                                  # plain words, searched: «kl» was said to be excluded, «mente du --limit?» (a docs review)
                                  ("kl",), ("IT",), ("ny", "by"), ("ejson",)])
def test_a_word_to_exclude_gets_no_warning(runner, seed_index_dir, args):
    """`-sort` (black) and `-to` (two) are Danish words: only a value of the option after them warns;
    after `--` every word is meant as one."""
    # the index folder first: after `--` it would be words of the query too
    result = run(runner, "search", "--index-dir", seed_index_dir, "flygtninge", *args)
    assert result.exit_code == 0 and result.stderr == ""


def test_the_warning_leaves_json_on_stdout_whole(runner, seed_index_dir):
    result = run(runner, "search", "flygtninge", "-limit", "--json", "--index-dir", seed_index_dir)
    assert result.exit_code == 0 and json.loads(result.stdout)["query"] == "flygtninge -limit"
    assert "mente du --limit?" in result.stderr


# --- 7. extract --index-dir ---------------------------------------------------------------------

def test_extract_with_index_dir_names_ids_as_that_index(runner, tmp_path, monkeypatch):
    """An index built from a corpus with subfolders, kept in a folder of its own: extract's ids
    are those the index has only when it is told which index (`--index-dir`)."""
    from search import SearchRequest, open_index

    corpus = tmp_path / "corpus"
    (corpus / "2015").mkdir(parents=True)
    shutil.copy(SEED, corpus / "2015" / SEED.name)
    shutil.copy(SEEDS / "naestved-integrationsraadet-aarsberetning-2019.txt", corpus)
    index_dir = tmp_path / "index"
    assert run(runner, "index", corpus, "--index-dir", index_dir).exit_code == 0
    monkeypatch.delenv("REFERATSOG_INDEX", raising=False)
    monkeypatch.delenv("REFERATSOG_CORPUS", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "elsewhere"))  # the default index: none
    document = corpus / "2015" / SEED.name
    unnamed = run(runner, "extract", document, "--json")
    named = run(runner, "extract", document, "--json", "--index-dir", index_dir)
    assert unnamed.exit_code == named.exit_code == 0
    ids = [json.loads(line)["id"] for line in named.stdout.splitlines()]
    index = open_index(index_dir)
    try:
        indexed = {hit.id for hit in index.search(SearchRequest(query="", page_size=100)).hits}
    finally:
        index.close()
    assert ids and set(ids) <= indexed
    assert not {json.loads(line)["id"] for line in unnamed.stdout.splitlines()} & indexed  # named from 2015/
    monkeypatch.setenv("REFERATSOG_INDEX", str(index_dir))  # the variable, as before
    assert [json.loads(line)["id"] for line in run(runner, "extract", document, "--json").stdout.splitlines()] == ids


# --- 9. help pages, --year's error, eval's numbers -----------------------------------------------

def test_search_help_says_filters_repeat_and_or_and_names_exit_codes(runner):
    page = " ".join(run(runner, "search", "-h").output.split())
    assert "Filtrene kan gentages; flere værdier af ét filter kombineres med ELLER" in page
    assert "Afslutningskoder: 0 når søgningen lykkedes, også uden resultater" in page
    assert "--index-dir" in " ".join(run(runner, "extract", "-h").output.split())


def test_too_many_years_names_the_option_once(runner, seed_index_dir):
    years = [arg for year in range(2000, 2022) for arg in ("--year", str(year))]
    result = run(runner, "search", "flygtninge", *years, "--index-dir", seed_index_dir)
    assert result.exit_code == 2 and result.stderr == "Fejl: --year: højst 20 værdier ad gangen.\n"


def test_eval_writes_danish_decimal_commas(runner, benchmark_index, monkeypatch):
    import search.relevance as relevance

    report = relevance.evaluate(benchmark_index, relevance.load_benchmark())
    monkeypatch.setattr(relevance, "run", lambda *args, **kwargs: report)
    table = run(runner, "eval", "--details")
    assert table.exit_code == 0, table.output
    assert re.search(r"\| \*\*i alt\*\* \| \d+ \| \d,\d{3} \| \d,\d{3} \| \d,\d{3} \|", table.stdout)
    assert re.search(r"nDCG@10 \d,\d\d", table.stdout) and not re.search(r"\d\.\d", table.stdout.split("\n\n")[0])
    as_json = run(runner, "eval", "--json")
    assert isinstance(json.loads(as_json.stdout)["summary"]["overall"]["ndcg"], float)
    assert relevance.below_floors(report, {"topic": {"ndcg": 1.01}}, point=",")[0].endswith("< gulv 1,010")
