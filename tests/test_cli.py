"""The `referatsog` command through click's test runner: what a terminal user sees."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import LAYOUTS, PDFS, SEEDS, run

FACETS_WITH_A_VALUE_EVERYWHERE = ("municipality", "council", "year", "doc_type")
LAYOUT_F1 = LAYOUTS / "f1_hedelund_integrationsraadet_2015-05-27.txt"



def test_version_prints_the_installed_version_and_exits_0(runner):
    """README: `referatsog --version` prints the version (what a bug report quotes)."""
    from importlib.metadata import version

    result = run(runner, "--version", prog_name="referatsog")  # the name the installed command runs under
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"referatsog \d+\.\d+\S*\n", result.output)
    assert result.output == f"referatsog {version('referatsog')}\n"
    # The installed command itself, as the README has it.
    command = subprocess.run([Path(sys.executable).parent / "referatsog", "--version"], capture_output=True, text=True,
                             timeout=60)
    assert (command.returncode, command.stdout) == (0, result.output)


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.iterdir()))
def test_extract_json_gives_the_expected_items_of_each_seed(runner, seed, seed_expectations):
    result = run(runner, "extract", SEEDS / seed, "--json")
    assert result.exit_code == 0, result.output
    passages = [json.loads(line) for line in result.output.splitlines()]
    spec = seed_expectations[seed]
    assert [(p["item_number"], " ".join(p["title"].split()).casefold()) for p in passages] == [
        (item["number"], " ".join(item["title"].split()).casefold()) for item in spec["items"]]
    for passage in passages:
        assert {"id", "doc_type", "municipality", "council", "meeting_date", "year", "item_number", "title",
                "case_handler", "case_number", "place", "present", "absent", "topics", "source",
                "source_sha256", "line", "page", "sections", "text"} <= set(passage)
        assert (passage["doc_type"], passage["municipality"], passage["year"]) == (
            spec["doc_type"], spec["municipality"], spec["year"])
        assert passage["topics"], passage["title"]
        if "beslutning" in passage["sections"]:
            assert next(iter(passage["sections"])) == "beslutning"  # the decision first
    assert len({p["id"] for p in passages}) == len(passages)


def test_extract_json_gives_each_sections_page_beside_its_text(runner):
    """`sections` stays an object of texts; `section_pages` beside it gives where each starts
    (item 15 of the 2015 PDF is decided two pages after its heading), null for a text file."""
    pdf = [json.loads(line) for line in run(runner, "extract", PDFS / "referat-2015-05-21.pdf", "--json").output.splitlines()]
    refugees = next(p for p in pdf if p["item_number"] == 15)
    assert refugees["page"] == 4 and all(isinstance(text, str) for text in refugees["sections"].values())
    assert refugees["section_pages"] == {"beslutning": 6, "resume": 4, "indstilling": 4, "sagsfremstilling": 4}
    assert [(d["key"], d["page"]) for d in refugees["section_details"]][0] == ("beslutning", 6)
    text = [json.loads(line) for line in run(runner, "extract", SEEDS / "naestved-integrationsraadet-referat-2015-05-21.txt",
                                             "--json").output.splitlines()]
    assert all(list(p["section_pages"]) == list(p["sections"]) for p in text)
    assert {page for p in text for page in p["section_pages"].values()} == {None}
    assert {d["page"] for p in text for d in p["section_details"]} == {None}


def test_extract_human_output_lists_items_with_their_lines(runner):
    result = run(runner, "extract", SEEDS / "naestved-integrationsraadet-referat-2015-05-21.txt")
    assert result.exit_code == 0
    assert "15. Modtagelse af flygtninge  (linje 174)" in result.output
    assert "Beslutning: Der var intet til eventuelt." in result.output


def test_extract_human_output_names_the_case_number_handler_and_topics(runner):
    result = run(runner, "extract", SEEDS / "naestved-integrationsraadet-referat-2015-05-21.txt")
    lines = result.output.splitlines()
    at = lines.index("  11. Godkendelse af referatet  (linje 1)")
    assert lines[at + 1] == "     sagsnr. 00.01.00-A21-1-14 · sagsbehandler Helle Waage-Jensen · emner: rådets arbejde"


def test_extract_human_output_names_the_journal_and_document_numbers(runner):
    # "Sagsnr.: 731-2012-10334   J.nr.: 00.01.00   Dokumentnr.: 731-2012-120455": kept since 5cfd3b5,
    # shown by --json only; the text listing showed the case number alone
    result = run(runner, "extract", LAYOUTS / "f3_lyngsoe_beskaeftigelses_og_integrationsudvalget_2012-03-13.txt")
    lines = result.output.splitlines()
    at = lines.index("  17. Godkendelse af dagsorden  (linje 32)")
    assert lines[at + 1] == "     sagsnr. 731-2012-10334 · j.nr. 00.01.00 · dok.nr. 731-2012-120455 · emner: rådets arbejde"


def test_extract_human_output_leaves_out_the_labels_of_missing_fields(runner):
    # The 2019 annual report has no case numbers or handlers: no empty "sagsnr." labels.
    result = run(runner, "extract", SEEDS / "naestved-integrationsraadet-aarsberetning-2019.txt")
    assert result.exit_code == 0
    assert "sagsnr." not in result.output and "sagsbehandler" not in result.output
    assert "     emner: " in result.output


def test_extract_of_a_bad_file_is_one_clear_line(runner):
    result = run(runner, "extract", PDFS / "encrypted.pdf")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Fejl: {PDFS / 'encrypted.pdf'}: krypteret PDF – kræver adgangskode"]


def test_extract_names_a_file_in_a_subfolder_as_index_does(runner, tmp_path, monkeypatch):
    """`extract --json` named `a/referat.txt` from its own folder: `referat-…` ids no /api/passage
    knew, and the same ids for `b/referat.txt`, another file."""
    corpus = tmp_path / "corpus"
    for folder, seed in (("a", "naestved-integrationsraadet-referat-2015-05-21.txt"),
                         ("b", "roskilde-integrationsraadet-referat-2026-06-04.txt")):
        (corpus / folder).mkdir(parents=True)
        shutil.copy(SEEDS / seed, corpus / folder / "referat.txt")
    index_dir = tmp_path / "index"
    assert run(runner, "index", corpus, "--index-dir", index_dir).exit_code == 0
    def ids(*args) -> list[str]:
        result = run(runner, "extract", *args, "--json")
        assert result.exit_code == 0, result.output
        return [json.loads(line)["id"] for line in result.stdout.splitlines()]

    a, b = ids(corpus / "a" / "referat.txt", "--corpus", corpus), ids(corpus / "b" / "referat.txt", "--corpus", corpus)
    assert a[0].startswith("a-referat-") and b[0].startswith("b-referat-") and not set(a) & set(b)
    from webui import create_app

    client = create_app({"INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus)}).test_client()
    assert all(client.get(f"/api/passage/{passage}").status_code == 200 for passage in a + b)
    # without --corpus: the corpus the index was built from (here through $REFERATSOG_CORPUS), else the file's folder
    monkeypatch.setenv("REFERATSOG_CORPUS", str(corpus))
    assert ids(corpus / "a" / "referat.txt") == a
    monkeypatch.setenv("REFERATSOG_CORPUS", str(tmp_path / "andet"))
    assert ids(corpus / "a" / "referat.txt")[0].startswith("referat-")
    refused = run(runner, "extract", corpus / "a" / "referat.txt", "--corpus", corpus / "b")
    assert refused.exit_code == 2 and f"filen {corpus / 'a' / 'referat.txt'} ligger ikke i mappen {corpus / 'b'}" in refused.output


@pytest.mark.parametrize("args", [["extract", str(SEEDS / "naestved-integrationsraadet-referat-2015-05-21.txt"), "--json"],
                                  ["extract", str(SEEDS / "naestved-integrationsraadet-aarsberetning-2019.txt")]])
def test_a_reader_that_goes_away_ends_the_run_silently_with_141(args):
    """`referatsog … | head -1`: click's answer was exit code 1, a failure to a script under
    `set -o pipefail`; a shell reports 141 (128 + SIGPIPE) for a tool stopped so."""
    process = subprocess.Popen([sys.executable, "-c", "from indexer.cli import main; main()", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # before the first line is written: the write fails, whatever the pipe's size
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 141 and stderr == b""


def test_help_and_usage_errors_are_danish(runner):
    """click's own words (headings, the help option, usage errors) in Danish, as ours are."""
    page = run(runner, "--help")
    assert page.exit_code == 0
    assert page.output.startswith("Brug: main [TILVALG] KOMMANDO [ARGUMENTER]...")  # the runner names it main
    assert "Tilvalg:" in page.output and "Kommandoer:" in page.output and "Vis denne hjælp og afslut." in page.output
    assert "Options" not in page.output and "Usage" not in page.output
    search_page = run(runner, "search", "--help")
    assert search_page.output.startswith("Brug: main search [TILVALG] [SØGNING]...") and "Tilvalg:" in search_page.output
    errors = {
        ("serach",): "Fejl: Ukendt kommando 'serach'. Mente du 'extract' eller 'search'?",
        ("search", "x", "--limt", "3"): "Fejl: Ukendt tilvalg '--limt'. Mente du '--limit' eller '--to'?",
        ("search", "x", "--decisions"): "Fejl: Ukendt tilvalg '--decisions'. Mente du '--decisions-only'?",
        ("extract",): "Fejl: Argumentet 'FIL' mangler.",
        ("search", "x", "--limit"): "Fejl: Tilvalget '--limit' kræver en værdi.",
        ("search", "x", "--limit", "abc"): "Fejl: Ugyldig værdi for '--limit': 'abc' er ikke et heltal.",
        ("search", "x", "--sort", "bad"): "Fejl: Ugyldig værdi for '--sort': 'bad' er ikke en af 'relevance', 'newest', 'oldest', 'added', 'relevans', 'nyeste', 'ældste', 'aeldste', 'tilføjet', 'tilfoejet'.",
    }
    for args, message in errors.items():
        result = run(runner, *args)
        assert result.exit_code == 2, args
        assert result.output.strip().splitlines()[-1] == message
        assert "Error" not in result.output and "Usage" not in result.output


def test_index_then_reindex_reads_nothing_unchanged(runner, tmp_path):
    index_dir = tmp_path / "index"
    first = run(runner, "index", SEEDS, "--index-dir", index_dir)
    assert first.exit_code == 0, first.output
    assert "5 filer indekseret (35 passager)" in first.output
    second = run(runner, "index", SEEDS, "--index-dir", index_dir)
    assert "0 filer indekseret" in second.output and "5 uændrede" in second.output


def test_index_defaults_to_the_seeds_and_the_environment_index(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("REFERATSOG_INDEX", str(tmp_path / "env-index"))
    monkeypatch.chdir(tmp_path)  # no ./seeds here: the project's own seeds are used
    result = run(runner, "index", "--quiet")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "env-index").is_dir() and "35 passager" in result.output


def test_index_names_each_skipped_file_and_strict_fails(runner, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / "naestved-integrationsraadet-referat-2015-05-21.txt", corpus)
    shutil.copy(PDFS / "empty.pdf", corpus)
    result = run(runner, "index", corpus, "--index-dir", tmp_path / "ix")
    assert result.exit_code == 0
    assert "empty.pdf: tom fil (0 bytes)" in result.output
    strict = run(runner, "index", corpus, "--index-dir", tmp_path / "ix2", "--strict")
    assert strict.exit_code == 1


def test_index_of_a_missing_path_says_so(runner, tmp_path):
    result = run(runner, "index", tmp_path / "nowhere", "--index-dir", tmp_path / "ix")
    assert result.exit_code == 1 and "findes ikke" in result.output


def test_search_json_shape_ranking_and_facet_counts(runner, seed_index_dir):
    result = run(runner, "search", "flygtninge boligplacering", "--json", "--index-dir", seed_index_dir)
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert {"query", "total", "hits", "facets"} <= set(answer)
    top3 = [(h["title"], h["meeting_date"], h["item_number"]) for h in answer["hits"][:3]]
    assert ("Modtagelse af flygtninge", "2015-05-21", 15) in top3
    assert ("Forord", None, None) in top3
    for facet in FACETS_WITH_A_VALUE_EVERYWHERE:
        assert sum(answer["facets"][facet].values()) == answer["total"], facet


def test_search_filters_narrow_the_hits(runner, seed_index_dir):
    result = run(runner, "search", "negativ social kontrol", "--municipality", "Næstved", "--year", "2019",
                 "--json", "--index-dir", seed_index_dir)
    answer = json.loads(result.output)
    assert answer["total"] >= 1
    assert all(h["municipality"] == "Næstved" and h["year"] == 2019 for h in answer["hits"])
    assert answer["hits"][0]["title"] == "Fokus på forebyggelse af negativ social kontrol"


def test_decisions_only_matches_decision_text_alone(runner, seed_index_dir, seed_index):
    everywhere = json.loads(run(runner, "search", "arbejdsgruppe", "--json", "--index-dir", seed_index_dir).output)
    decisions = json.loads(run(runner, "search", "arbejdsgruppe", "--decisions-only", "--json",
                               "--index-dir", seed_index_dir).output)
    assert 0 < decisions["total"] < everywhere["total"]
    assert all("arbejdsgruppe" in seed_index.passage(h["id"]).decision.lower() for h in decisions["hits"])
    assert any("arbejdsgruppe" not in seed_index.passage(h["id"]).decision.lower() for h in everywhere["hits"])


def test_search_human_output(runner, seed_index_dir):
    result = run(runner, "search", "flygtninge boligplacering", "--index-dir", seed_index_dir)
    assert result.exit_code == 0
    assert "1. Modtagelse af flygtninge" in result.output
    assert "Næstved · Integrationsrådet · 21.05.2015 · punkt 15" in result.output
    assert "[boligplacering]" in result.output  # matches marked when not on a terminal


def test_search_human_output_names_the_case_number_and_the_case_handler(runner, tmp_path):
    """A case number or a name alone on a hit's line is a riddle: each is named, in Danish, on
    a short line of its own under the meeting."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / LAYOUT_F1.name).write_bytes(LAYOUT_F1.read_bytes())
    assert run(runner, "index", corpus, "--index-dir", tmp_path / "index", "--quiet").exit_code == 0
    result = run(runner, "search", "boligplacering", "--index-dir", tmp_path / "index")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    at = lines.index("   Referat · Hedelund · Integrationsrådet · 27.05.2015 · punkt 3")
    assert lines[at + 1] == "   sagsnr. 15/1187 · sagsbehandler Ole Vestergaard Nielsen"
    assert all(len(line) <= 100 for line in lines[at - 1:at + 2])


def test_search_without_an_index_explains_what_to_do(runner, tmp_path):
    result = run(runner, "search", "flygtninge", "--index-dir", tmp_path / "none")
    assert result.exit_code == 1
    assert "intet indeks" in result.output and "referatsog index" in result.output


def test_search_in_an_index_of_another_version_says_to_rebuild_it(runner, tmp_path):
    from search.index import VERSION_FILE

    index_dir = tmp_path / "index"
    assert run(runner, "index", SEEDS, "--index-dir", index_dir, "--quiet").exit_code == 0
    (index_dir / VERSION_FILE).write_text(json.dumps({"schema_version": 1}), encoding="utf-8")
    old = run(runner, "search", "flygtninge", "--index-dir", index_dir)
    assert old.exit_code == 1 and "anden version" in old.output and "intet indeks" not in old.output
    rebuilt = run(runner, "index", SEEDS, "--index-dir", index_dir)
    assert rebuilt.exit_code == 0 and "anden version" in rebuilt.output and "bygges forfra" in rebuilt.output
    assert "anden version" not in run(runner, "index", SEEDS, "--index-dir", index_dir).output  # once only
    assert "Modtagelse af flygtninge" in run(runner, "search", "flygtninge", "--index-dir", index_dir).output


def test_bad_option_values_are_one_danish_line_and_exit_code_2(runner, seed_index_dir):
    """Exit code 2 for a value that cannot be used, whether click checks it (`--limit 0`) or the
    search does (`--year`): a script tells a bad argument from a failure (1)."""
    result = run(runner, "search", "x", "--year", "sidste år", "--index-dir", seed_index_dir)
    assert result.exit_code == 2
    assert result.stderr == "Fejl: --year: År skal være et årstal med fire cifre, ikke «sidste år».\n"
    assert run(runner, "search", "x", "--limit", "0", "--index-dir", seed_index_dir).exit_code == 2


def test_search_takes_a_month_as_its_period(runner, seed_index_dir):
    """`--from "maj 2015" --to 2015-05`: the May 2015 meeting and the 2015 annual report (its year overlaps)."""
    result = run(runner, "search", "", "--from", "maj 2015", "--to", "2015-05", "--limit", "100", "--json",
                 "--index-dir", seed_index_dir)
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert (answer["from"], answer["to"]) == ("2015-05-01", "2015-05-31")
    assert answer["total"] > 0 and answer["facets"]["year"] == {"2015": answer["total"]}
    assert {h["meeting_date"] for h in answer["hits"]} == {"2015-05-21", None}
    bad = run(runner, "search", "", "--to", "maj", "--index-dir", seed_index_dir)
    assert bad.exit_code == 2 and "--to: Til-datoen «maj» er ikke en dato" in bad.output


@pytest.mark.parametrize("query", ['"flygtninge', "OR", "flygtninge OR", "title:", "(((", "-", "og i at"])
def test_malformed_queries_are_answered(runner, seed_index_dir, query):
    result = run(runner, "search", query, "--json", "--index-dir", seed_index_dir)
    assert result.exit_code == 0, result.output
    assert "total" in json.loads(result.output)


def test_help_is_danish(runner):
    result = run(runner, "--help")
    assert "Indeksér mapper og filer" in result.output and "REFERATSOG_INDEX" in result.output


def test_python_m_search_decompound_runs_without_a_warning(tmp_path):
    """`python -m search.decompound` printed runpy's RuntimeWarning ("found in sys.modules after
    import of package 'search'") before its own output: the package imported the module first."""
    usage = subprocess.run([sys.executable, "-m", "search.decompound", "--help"], capture_output=True, text=True,
                           cwd=SEEDS.parent, timeout=60)
    assert usage.returncode == 0 and usage.stderr.startswith("Brug: python -m search.decompound learn")
    assert "Warning" not in usage.stderr
    out = tmp_path / "lexicon.txt"
    learned = subprocess.run([sys.executable, "-W", "error", "-m", "search.decompound", "learn",
                              str(SEEDS / "naestved-integrationsraadet-referat-2015-05-21.txt"), "--out", str(out)],
                             capture_output=True, text=True, cwd=SEEDS.parent, timeout=120)
    assert learned.returncode == 0 and learned.stderr == "", learned.stderr
    assert "flygtninge" in out.read_text(encoding="utf-8").split()


def test_a_most_words_hit_says_which_words_it_lacks(runner, seed_index_dir):
    """`flygtninge Roskilde`: no item holds both; the Roskilde items, listed first, are not
    about refugees, and each says so instead of reading as a hit on both words."""
    result = run(runner, "search", "flygtninge", "Roskilde", "--limit", "50", "--index-dir", seed_index_dir)
    hits = run(runner, "search", "flygtninge", "Roskilde", "--limit", "50", "--json", "--index-dir", seed_index_dir)

    lacking = [hit["missing"] for hit in json.loads(hits.stdout)["hits"]]
    assert ["flygtninge"] in lacking and ["Roskilde"] in lacking
    assert result.stdout.count("\n   Mangler: «flygtninge»\n") == lacking.count(["flygtninge"])
    assert result.stdout.count("\n   Mangler: «Roskilde»\n") == lacking.count(["Roskilde"])


def test_a_hit_says_which_kind_of_document_it_is_from(runner, tmp_path):
    # an agenda's «…indstiller, at taksterne godkendes» read as a decision without it
    from conftest import FIXTURES, index_copies

    _, index = index_copies(tmp_path, [FIXTURES / "small_councils" / "greve-kommunalbestyrelsen-dagsorden-2025-03-17.txt",
                                       FIXTURES / "small_councils" / "randers-handicapraadet-referat-2025-03-03.txt"])
    agenda = run(runner, "search", "Takstblad", "--index-dir", index)
    assert agenda.exit_code == 0
    assert agenda.output.splitlines()[3].startswith("   Dagsorden (før mødet, uden beslutning) · Greve · ")
    minutes = run(runner, "search", "type:referat", "--index-dir", index)
    assert all(line.startswith("   Referat · ") for line in minutes.output.splitlines() if " · Randers · " in line)
    assert " · Randers · " in minutes.output
