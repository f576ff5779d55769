"""What a web review found in how questions, suggestions and operators are answered, on the
benchmark corpus (seeds, fixture PDFs, layout minutes: the index `referatsog eval` measures):

* IKKE/NOT in capitals, which the help page teaches, got a notice that read as a correction.
"""

from __future__ import annotations

import pytest

from search import SearchRequest
from search.query import run_search
from search.syntax import parse


@pytest.fixture
def searcher(benchmark_searcher):
    return benchmark_searcher


def search(searcher, query: str, **options):
    options.setdefault("page_size", 100)
    return run_search(searcher, SearchRequest(query=query, **options))


def items(response) -> list[str]:
    return [f"{h.municipality} #{h.item_number} {h.title}" for h in response.hits]


def notice(response) -> str:
    return response.notice or ""


# 12. IKKE and NOT in capitals are operators the help page teaches: no correction notice


@pytest.mark.parametrize("operator", ["IKKE", "NOT"])
def test_capitalised_ikke_and_not_exclude_without_a_notice(searcher, operator):
    response = search(searcher, f"flygtninge {operator} bolig")
    assert items(response) == items(search(searcher, "flygtninge -bolig")) and response.total > 0
    assert response.notice is None  # before: «IKKE» blev læst som udeladelse af ordet efter det (skriv -ord).
    assert parse(f"flygtninge {operator} bolig").notices == ()


def test_a_capitalised_operator_with_nothing_after_it_still_gets_its_notice():
    assert parse("flygtninge IKKE").notices == ("«IKKE» mangler et ord efter sig og blev ignoreret.",)
    assert parse("flygtninge NOT ").notices == ("«NOT» mangler et ord efter sig og blev ignoreret.",)
