"""The terminal says what the web page and the JSON say (a review of the citation features, findings 5 and 7):

- a search that finds nothing with filters on names each option that, left off, finds
  something, and how much (`SearchResponse.widenings`), as the web page's «– giver N resultater»;
- a hit's and `extract`'s source line names the decision's last page when the decision runs over
  a page break, and names the PDF's pages «PDF-side» where the document prints other numbers,
  as the citation does («s. 2, beslutningen s. 2–3; PDF-side 3–4»).
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import FIXTURES, PDFS, run

PRINTED = FIXTURES / "citation_pdfs" / "printed-pages.pdf"  # PDF page 3 prints «Side 2»
SPANNING = PDFS / "referat-2026-06-04.pdf"  # item 11 starts on page 6, its decision runs on to page 7


def search(runner, index_dir, *args) -> tuple[list[str], dict]:
    """`referatsog search ARGS` as printed (its lines) and as --json."""
    printed = run(runner, "search", *args, "--index-dir", index_dir)
    answered = run(runner, "search", *args, "--json", "--index-dir", index_dir)
    assert printed.exit_code == 0 and answered.exit_code == 0, printed.output + answered.output
    return printed.stdout.splitlines(), json.loads(answered.stdout)


def lines_after_total(lines: list[str]) -> list[str]:
    """The lines after «0 resultater for …», up to a blank line or a hit."""
    start = next(i for i, line in enumerate(lines) if re.match(r"\d+ resultat(er)? ", line)) + 1
    return [line for line in lines[start:] if line.startswith("Uden ")]


def count(n: int) -> str:
    return f"{n} {'resultat' if n == 1 else 'resultater'}"


def test_a_search_that_finds_nothing_names_the_option_that_finds_something(runner, seed_index_dir):
    """`boligplacering` decided in Næstved in 2019 finds nothing; in the whole items it does.
    The web page offered «Søg i hele punkterne … – giver 1 resultat», the terminal said nothing."""
    lines, answer = search(runner, seed_index_dir, "boligplacering", "--decisions-only",
                           "--municipality", "Næstved", "--year", "2019")
    assert answer["total"] == 0 and lines[0] == "0 resultater for «boligplacering»"
    wider = {w["parameter"]: w["total"] for w in answer["widenings"]}
    assert wider.get("decisions_only", 0) > 0, answer["widenings"]
    expected = {"decisions_only": "--decisions-only", "municipality": "--municipality Næstved", "year": "--year 2019"}
    assert lines_after_total(lines) == [f"Uden {expected[name]}: {count(n)}." for name, n in wider.items()]
    assert lines[1] == f"Uden --decisions-only: {count(wider['decisions_only'])}."  # right under the total


def test_each_end_of_the_period_is_named_as_the_search_read_it(runner, seed_index_dir):
    lines, answer = search(runner, seed_index_dir, "flygtninge", "--from", "2016", "--to", "2016",
                           "--municipality", "Næstved")
    wider = {w["parameter"]: w["total"] for w in answer["widenings"]}
    assert answer["total"] == 0 and {"from", "to"} <= set(wider), answer["widenings"]
    shown = lines_after_total(lines)
    assert f"Uden --from 2016-01-01: {count(wider['from'])}." in shown
    assert f"Uden --to 2016-12-31: {count(wider['to'])}." in shown
    assert len(shown) == len(wider)


def test_a_facet_with_several_values_is_named_as_a_whole_and_a_value_with_spaces_as_typed(runner, seed_index_dir):
    lines, answer = search(runner, seed_index_dir, "flygtninge", "--municipality", "Holbæk", "--municipality", "Vejlø")
    [widening] = answer["widenings"]
    assert lines_after_total(lines) == [f"Uden --municipality (alle værdier): {count(widening['total'])}."]

    lines, answer = search(runner, seed_index_dir, "flygtninge", "--council", "Børne- og Ungeudvalget")
    [widening] = answer["widenings"]
    assert lines_after_total(lines) == [f"Uden --council 'Børne- og Ungeudvalget': {count(widening['total'])}."]


def test_a_search_that_finds_something_or_has_no_filters_names_no_option(runner, seed_index_dir):
    for args in (("flygtninge", "--municipality", "Næstved"), ("boligplaceringsfrist",)):
        lines, answer = search(runner, seed_index_dir, *args)
        assert answer["widenings"] == [] and not any(line.startswith("Uden ") for line in lines)


@pytest.fixture
def page_index(runner, tmp_path):
    """The PDF printing other page numbers than its own and the one with a decision over a page break."""
    corpus = tmp_path / "pdf"
    corpus.mkdir()
    for pdf in (PRINTED, SPANNING):
        shutil.copy(pdf, corpus / pdf.name)
    assert run(runner, "index", corpus, "--index-dir", tmp_path / "idx", "-q").exit_code == 0
    return corpus, tmp_path / "idx"


def source_line(lines: list[str], hit: dict) -> str:
    [line] = [line for line in lines if line.endswith(f" · {hit['id']}")]
    return line.strip()


def test_a_decision_over_a_page_break_is_named_to_its_last_page(runner, page_index):
    """The citation said «(s. 6, beslutningen s. 6–7)», the terminal «side 6»."""
    corpus, index_dir = page_index
    lines, answer = search(runner, index_dir, "Præsentationsrunde")
    hit = next(h for h in answer["hits"] if h["source"] == SPANNING.name and h["item_number"] == 11)
    start, decided, end = hit["page"], hit["decision_page"], hit["decision_end_page"]
    assert end > decided >= start and f"beslutningen s. {decided}–{end}" in hit["citation"], hit
    assert source_line(lines, hit) == f"{SPANNING.name}, side {start} (beslutningen side {decided}–{end}) · {hit['id']}"

    extracted = run(runner, "extract", corpus / SPANNING.name)
    assert extracted.exit_code == 0
    assert f"  11. Præsentationsrunde ved rådets medlemmer  (side {start}, beslutningen side {decided}–{end})" \
        in extracted.stdout.splitlines()


def test_pages_that_print_other_numbers_are_named_pdf_pages_as_the_citation_names_them(runner, page_index):
    """The citation said «(s. 2, beslutningen s. 2–3; PDF-side 3–4)», the terminal «side 3»: a page
    number the document does not print on that page."""
    corpus, index_dir = page_index
    lines, answer = search(runner, index_dir, "sprogcenter")
    hit = next(h for h in answer["hits"] if h["source"] == PRINTED.name and h["item_number"] == 102)
    start, decided, end = hit["page"], hit["decision_page"], hit["decision_end_page"]
    assert hit["printed_page"] not in (None, start) and f"PDF-side {start}–{end}" in hit["citation"], hit
    line = source_line(lines, hit)
    assert line == f"{PRINTED.name}, PDF-side {start} (beslutningen PDF-side {decided}–{end}) · {hit['id']}"

    extracted = run(runner, "extract", corpus / PRINTED.name)
    assert extracted.exit_code == 0
    items = [line for line in extracted.stdout.splitlines() if re.match(r"  \d+\. ", line)]
    assert items and all(re.search(r"\(PDF-side \d+(, beslutningen PDF-side \d+(–\d+)?)?\)$", line) for line in items), items
    assert f"  102. {hit['title']}  (PDF-side {start}, beslutningen PDF-side {decided}–{end})" in items
