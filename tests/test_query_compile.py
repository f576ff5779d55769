"""How `search.compile` reads a year, a municipality with signs around it, an engine-added
variant and an item reference, from a search-quality review's queries. Searched on the
benchmark corpus (seeds, fixture PDFs, layout minutes), as the reviewer did."""

from __future__ import annotations

import pytest

from search import SearchRequest
from search import compile as compile_module
from search.examples import example_document, example_passage
from search.index import open_index
from conftest import LAYOUTS, PDFS, SEEDS
from conftest import search_all as search  # every hit on one page; `searcher` is the benchmark corpus's


@pytest.fixture(scope="module")
def review_index(tmp_path_factory):
    """The index the reviewer searched (`referatsog index seeds layouts pdf`): built by the
    product's indexer, so it learns its compound parts from this corpus (the benchmark's index
    keeps the shipped list, and there «næstforkvinde» is not split at all)."""
    from indexer.update import update_index

    index_dir = tmp_path_factory.mktemp("review-index")
    update_index([SEEDS, LAYOUTS, PDFS], index_dir)
    with open_index(index_dir) as index:
        yield index


def items(response) -> list[str]:
    return [f"{h.municipality} {h.meeting_date} #{h.item_number} {h.title}" for h in response.hits]


STATUS = "Næstved 2017-02-23 #6 Status på flygtninge"
FOCUS = "Næstved 2017-02-23 #5 Rådets fokus punkter i 2017"
CITIZENSHIP = "Næstved 2015-05-21 #16 Medborgerskabspolitikken"


# A year typed among words: the text word or the items of that year


def test_a_year_among_words_finds_the_items_of_that_year_and_a_mention_ranks_first(searcher):
    # «Status på flygtninge» has 2017 only inside dates («23.2.2017»): "flygtninge 2017" missed it.
    response = search(searcher, "flygtninge 2017")
    found = items(response)
    assert STATUS in found and FOCUS in found
    assert found.index(FOCUS) < found.index(STATUS)  # it names 2017 in its title and text
    assert not response.approximate and response.notice is None
    # The year is the text word OR the items' year, nothing else.
    assert set(found) == set(items(search(searcher, "flygtninge år:2017"))) | set(
        items(search(searcher, "flygtninge tekst:2017")))


@pytest.mark.parametrize("query, wanted", [
    ("punkt 16 2015", CITIZENSHIP),
    ("punkt 3 2019", "Havnsted 2019-11-19 #3 Forlængelse af projekt Job i Fokus"),
    ("Eventuelt 2026", "Roskilde 2026-06-04 #15 Eventuelt"),
])
def test_a_year_with_an_item_or_a_title_finds_that_years_item(searcher, query, wanted):
    # "punkt 16 2015" and "punkt 3 2019" were silent zeros; "Eventuelt 2026" missed Roskilde's «Eventuelt».
    response = search(searcher, query)
    assert any(hit.startswith(wanted) for hit in items(response)), items(response)
    assert all(h.year == int(query.split()[-1]) for h in response.hits)
    assert not response.approximate


def test_a_year_is_not_a_missing_word_of_an_item_of_that_year(searcher):
    # "Medborgerskabspolitikken 2015" was approximate, its item said to lack «2015».
    response = search(searcher, "Medborgerskabspolitikken 2015")
    assert items(response) == [CITIZENSHIP] and not response.approximate and response.notice is None
    # Most words: the item of 2015 lacks only the word no item of its year holds.
    response = search(searcher, "Medborgerskabspolitikken Solvænget 2015")
    assert response.approximate
    assert [(hit, h.missing) for hit, h in zip(items(response), response.hits)] == [(CITIZENSHIP, ("Solvænget",))]


def test_an_excluded_year_leaves_out_the_items_of_that_year(searcher):
    found = items(search(searcher, "flygtninge -2017"))
    assert found and STATUS not in found and not any(" 2017-" in hit for hit in found)


# Signs typed around a municipality's name


@pytest.mark.parametrize("typed, plain", [
    ("dagsorden Mosevang?", "dagsorden Mosevang"),
    ("eventuelt Roskilde?", "eventuelt Roskilde"),
    ("(Næstved) flygtninge", "Næstved flygtninge"),
    ("flygtninge Næstved.", "flygtninge Næstved"),
])
def test_signs_around_a_municipalitys_name_do_not_stop_it_finding_its_records(searcher, typed, plain):
    # "dagsorden Mosevang?" gave 11 approximate hits without Mosevang's «Godkendelse af dagsorden».
    response, expected = search(searcher, typed), search(searcher, plain)
    assert items(response) == items(expected) and response.total == expected.total
    assert not response.approximate


def test_a_question_ending_in_a_municipalitys_name_puts_its_item_first(searcher):
    response = search(searcher, "Hvem er formand for integrationsrådet i Roskilde?")
    assert items(response)[0] == "Roskilde 2026-06-04 #10 Orientering fra for- og næstforperson"
    assert all("Roskilde?" not in h.missing for h in response.hits)
    assert search(searcher, "dagsorden Mosevang?").hits[0].item_number == 58


# A variant the engine added is not split into parts


@pytest.mark.parametrize("query", ["næstforperson", "næstformand", "næstformanden", "næstforkvinde"])
def test_a_variant_no_text_has_is_not_split_nor_makes_the_hits_approximate(review_index, query):
    # «næstforkvinde» (a variant of næstforperson that no text has) was split into «næst» and
    # «forkvinde», said in a notice, and the exact hits labelled approximate.
    response = review_index.search(SearchRequest(query=query, page_size=100))
    assert response.notice is None and not response.approximate
    assert items(response)[0] == "Roskilde 2026-06-04 #10 Orientering fra for- og næstforperson"


def test_a_typed_compound_no_text_has_is_still_searched_by_its_parts(review_index):
    response = review_index.search(SearchRequest(query="flygtningekvote"))
    assert response.approximate and response.total > 0
    assert response.notice == ("«flygtningekvote» står ikke i teksterne; der er søgt efter punkter med både "
                               "«flygtning» og «kvote».")


@pytest.mark.parametrize("query, written, title", [
    ("UU-vejleder", "UU-vejlederne", "Modtagelse af flygtninge"),
    ("intro-møde", "intro-møder", "Medborgerskabspolitikken"),
])
def test_a_hyphenated_word_in_another_inflection_finds_the_texts_word(review_index, query, written, title):
    # A hyphenated word is one token, not stemmed: «UU-vejleder» found nothing where a text has
    # «UU-vejlederne», with no notice (a relevance review); then it was searched by its parts,
    # labelled approximate, and the item with the word itself ranked second (a code review).
    response = review_index.search(SearchRequest(query=query))
    assert not response.approximate and response.notice is None
    assert response.hits[0].title == title and written in review_index.passage(response.hits[0].id).text


def test_a_hyphenated_word_no_text_has_in_any_form_is_searched_by_its_parts(review_index):
    response = review_index.search(SearchRequest(query="åben-hus"))
    [hit] = [h for h in response.hits if h.title == "Samarbejde med bibliotektet"]
    assert "åben-hus-arrangementer" in review_index.passage(hit.id).text
    assert response.approximate and response.notice.startswith("«åben-hus» står ikke i teksterne; der er søgt efter")


def test_an_excluded_hyphenated_word_excludes_only_itself(review_index):
    # «-skole-politi» left out every item with «skole» and «politi» anywhere, and said nothing (a code review).
    every = review_index.search(SearchRequest(query="flygtninge", page_size=100)).total
    assert review_index.search(SearchRequest(query="flygtninge -åben-hus", page_size=100)).total == every
    without = review_index.search(SearchRequest(query="flygtninge -UU-vejleder", page_size=100))
    assert without.total == every - 1 and "Modtagelse af flygtninge" not in [h.title for h in without.hits]


def test_a_hyphenated_word_the_texts_hold_is_searched_whole(review_index):
    response = review_index.search(SearchRequest(query="UU-vejlederne"))
    assert not response.approximate and response.notice is None
    assert [h.title for h in response.hits] == ["Modtagelse af flygtninge"]


def test_the_parts_of_a_compound_are_named_as_typed_even_when_they_overlap(review_index):
    # «omraader», the index's folded spelling, was named: «områder» overlaps «boligområder» before it.
    response = review_index.search(SearchRequest(query="lørdagboligområder"))
    assert "«områder»" in response.notice and "omraader" not in response.notice
    assert "«lørdag»" in response.notice


# Item references


@pytest.mark.parametrize("query, number", [("pkt. 97", 97), ("punkt 99", 99)])
def test_an_item_number_no_item_has_says_so(searcher, query, number):
    # Both were silent zeros.
    response = search(searcher, query)
    assert response.total == 0
    assert response.notice == (f"Der er intet punkt {number} i søgeindekset; der er i stedet søgt efter "
                               f"«punkt {number}» og «pkt. {number}» i teksterne.")


def test_an_item_number_no_item_has_finds_the_texts_that_name_it(searcher):
    # Ravnsø's item 130 quotes «Social- og Integrationsudvalget, 4. september 2019, pkt. 77» as the
    # heading of a decision it passes on: the notice said the texts were searched, and found nothing.
    response = search(searcher, "pkt. 77")
    assert [(h.municipality, h.item_number) for h in response.hits] == [("Ravnsø", 130)]
    assert response.notice == ("Der er intet punkt 77 i søgeindekset; der er i stedet søgt efter «punkt 77» og "
                               "«pkt. 77» i teksterne.")


def test_an_item_number_that_exists_finds_exactly_those_items(searcher):
    response = search(searcher, "punkt 15")
    assert sorted(items(response)) == ["Næstved 2015-05-21 #15 Modtagelse af flygtninge",
                                       "Roskilde 2026-06-04 #15 Eventuelt"]
    assert response.notice is None and response.order == "newest"


def test_an_item_number_no_item_has_finds_the_texts_that_cite_it(tmp_path):
    cited = example_passage("Boliger på Solvænget", "Økonomiudvalget behandlede sagen den 17. september 2019, pkt. 148.",
                            item_number=1)
    counted = example_passage("Status på flygtninge", "Kommunen har modtaget 148 flygtninge og afholdt et punkt om dem.",
                             item_number=2)
    with open_index(tmp_path / "index", create=True) as index:
        with index.writer() as writer:
            writer.add(example_document("a.txt", [cited, counted]), tmp_path)
        for query in ("pkt. 148", "punkt 148"):
            response = index.search(SearchRequest(query=query))
            assert [h.title for h in response.hits] == ["Boliger på Solvænget"], query
            assert response.notice.startswith("Der er intet punkt 148 i søgeindekset;")
        exact = index.search(SearchRequest(query="punkt 2"))  # an item that exists: only the item
        assert [h.title for h in exact.hits] == ["Status på flygtninge"] and exact.notice is None


def _together_phrases(query):
    from whoosh.query import Phrase

    found = []
    def walk(q):
        if isinstance(q, Phrase) and q.slop == compile_module.TOGETHER_SLOP:
            found.append(tuple(q.words))
        for child in getattr(q, "subqueries", ()) or ():
            walk(child)
    walk(query)
    return found


def test_the_words_together_bonus_is_left_out_when_every_word_is_common(searcher, monkeypatch):
    # At 1M passages the bonus phrase over three common words read the positions of ~100,000
    # passages: 5.5 s on the first search. It is for names, which hold a rarer word.
    from search.syntax import parse

    compiled = compile_module.compile_query(parse("negativ social kontrol"), searcher)
    assert _together_phrases(compiled.scored) == [("negativ", "social", "kontrol")]
    rarest = min(searcher.doc_frequency("body", w) for w in ("negativ", "social", "kontrol"))
    monkeypatch.setattr(compile_module, "TOGETHER_MAX_DF", rarest - 1)
    compiled = compile_module.compile_query(parse("negativ social kontrol"), searcher)
    assert _together_phrases(compiled.scored) == []
    assert search(searcher, "negativ social kontrol").total > 0  # the words still match


def test_a_hyphenated_word_the_texts_hold_finds_its_other_inflections_too(tmp_path):
    """«it-system» found only the item that writes it so, not the one with «It-systemerne», which
    «it-systemer» found; «trivsel -it-system» kept that item (a code review)."""
    from indexer.update import update_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "referat.txt").write_text(
        "Fjordby Kommune\n\nREFERAT\n\nBørneudvalget\n\nMødedato: 01.03.2024\n\n"
        "1. Nyt it-system til skolerne\n\nSagsfremstilling\nDet nye it-system tages i brug.\n\n"
        "Beslutning\nGodkendt.\n\n2. Trivsel\n\nSagsfremstilling\nTrivsel og It-systemerne i klasserne.\n\n"
        "Beslutning\nTaget til efterretning.\n", encoding="utf-8")
    update_index([corpus], tmp_path / "index")
    with open_index(tmp_path / "index") as index:
        for typed in ("it-system", "it-systemer", "It-systemet"):
            response = index.search(SearchRequest(query=typed))
            assert sorted(h.title for h in response.hits) == ["Nyt it-system til skolerne", "Trivsel"], typed
            assert not response.approximate
        assert index.search(SearchRequest(query="trivsel -it-system")).total == 0
