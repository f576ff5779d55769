"""Searching: query syntax (and malformed queries), ranking, filters, facet counts, sorting, pages, snippets."""

from __future__ import annotations

import json
import random
import re
from array import array
from collections import Counter
from pathlib import Path

import pytest

from conftest import ranks_written_out
from search import InvalidParameter, SearchRequest, open_index
from search.api import FACETS
from search.danish import terms
from search.facets import FACETS_BY_NAME, SMALL_SET, FacetColumn, docnum_array, facet_key
from search.examples import example_document, example_passage
from search.highlight import mark, snippet
from search.query import NO_WORDS, NOTHING_TO_SEARCH
from search.syntax import parse

P = example_passage


def corpus_documents():
    """Four small documents across two municipalities, three years and two document types."""
    return [
        example_document(
            "naestved-2015.txt",
            [
                P("Godkendelse af referatet", "Referatet fra mødet 19.03.2015.", "Godkendt.",
                  case_handler="Helle Waage-Jensen", topics=("rådets arbejde",)),
                P("Modtagelse af flygtninge", "Kvoten er fastsat til 225. Der arbejdes med boligplacering af flygtningene.",
                  "Rådet tog orienteringen til efterretning.", topics=("flygtninge", "bolig")),
                P("Medborgerskabspolitikken", "Politikken handler om foreninger. <script>alert('x')</script> Flygtninge nævnes.",
                  "Rådet anbefaler politikken.", topics=("foreninger og frivillighed",)),
            ],
        ),
        example_document(
            "naestved-2017.md",
            [
                P("Status på flygtninge", "Der er boligplaceret 40 flygtninge i 2016.",
                  "Rådet følger udviklingen for flygtninge.\nNæste status i juni.\nBilag udsendes.\nSlut.",
                  meeting_date="2017-02-23", year=2017, topics=("flygtninge",)),
                P("Nyt fra formanden", "Formanden orienterede om negativ social kontrol.",
                  meeting_date="2017-02-23", year=2017, topics=("negativ social kontrol",)),
            ],
        ),
        example_document(
            "roskilde-2026.txt",
            [
                P("Beslutninger om dagsordenen", "", "Dagsordenen blev godkendt."),
                P("Eventuelt", "Social rådgivning og kontrol af negativ udvikling blev drøftet.", "Intet at bemærke."),
            ],
        ),
        example_document(
            "aarhus-2019.txt",
            [
                P("Forord", "Året bød på boligplacering af flygtninge og beskæftigelse.",
                  topics=("flygtninge", "beskæftigelse")),
                P("Beskæftigelse", "Flere kom i arbejde.", topics=("beskæftigelse",)),
            ],
        ),
    ]


def _placed(document, **changes):
    from dataclasses import replace

    return replace(document, passages=tuple(replace(p, **changes) for p in document.passages))


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    docs = corpus_documents()
    docs[2] = _placed(docs[2], municipality="Roskilde", meeting_date="2026-06-04", year=2026, case_handler=None,
                      case_number=None)
    docs[3] = _placed(docs[3], municipality="Aarhus", council="Beskæftigelsesudvalget", doc_type="årsberetning",
                      meeting_date=None, year=2019, case_handler=None, case_number=None)
    yield from indexed(docs, tmp_path_factory.mktemp("corpus"))


def indexed(docs, root):
    """An index of `docs` in `root`, open while the fixture that yields from it lasts."""
    index = open_index(root / "index", create=True)
    with index.writer() as writer:
        for doc in docs:
            writer.add(doc, root)
    yield index
    index.close()


def search(index, query: str = "", **options):
    options.setdefault("page_size", 100)
    if "filters" in options:
        options["filters"] = {k: tuple(v) if isinstance(v, (list, tuple)) else (v,) for k, v in options["filters"].items()}
    return index.search(SearchRequest(query=query, **options))


def titles(response) -> set[str]:
    return {h.title for h in response.hits}


ALL = 9


# Query syntax


def test_words_are_anded_across_inflections(index):
    assert titles(search(index, "flygtninge boligplacering")) == {"Modtagelse af flygtninge", "Status på flygtninge", "Forord"}
    assert titles(search(index, "flygtningene")) >= {"Modtagelse af flygtninge", "Medborgerskabspolitikken"}


def test_or_joins_alternatives(index):
    assert titles(search(index, "formanden OR dagsordenen")) == {"Nyt fra formanden", "Beslutninger om dagsordenen"}
    assert titles(search(index, "formanden ELLER dagsordenen")) == {"Nyt fra formanden", "Beslutninger om dagsordenen"}


def test_phrase_needs_the_words_together(index):
    assert titles(search(index, "negativ social kontrol")) == {"Nyt fra formanden", "Eventuelt"}
    assert titles(search(index, '"negativ social kontrol"')) == {"Nyt fra formanden"}
    assert titles(search(index, '"kontrol social negativ"')) == set()


def test_minus_excludes(index):
    assert titles(search(index, "flygtninge -boligplacering")) == {"Medborgerskabspolitikken"}
    assert titles(search(index, '-"negativ social kontrol"')) == titles(search(index)) - {"Nyt fra formanden"}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("titel:flygtninge", {"Modtagelse af flygtninge", "Status på flygtninge"}),
        ("title:flygtninge", {"Modtagelse af flygtninge", "Status på flygtninge"}),
        ("beslutning:godkendt", {"Godkendelse af referatet", "Beslutninger om dagsordenen"}),
        ("decision:flygtninge", {"Status på flygtninge"}),
        ('tekst:"fastsat til 225"', {"Modtagelse af flygtninge"}),
        ("kommune:roskilde", {"Beslutninger om dagsordenen", "Eventuelt"}),
        ("municipality:Århus", {"Forord", "Beskæftigelse"}),
        ("råd:beskæftigelsesudvalget", {"Forord", "Beskæftigelse"}),
        ("council:Beskaeftigelsesudvalget", {"Forord", "Beskæftigelse"}),
        ("år:2017", {"Status på flygtninge", "Nyt fra formanden"}),
        ("year:2019", {"Forord", "Beskæftigelse"}),
        ("sagsbehandler:helle", {"Godkendelse af referatet"}),
        ('case_handler:"Helle Waage-Jensen"', {"Godkendelse af referatet"}),
        ("emne:bolig", {"Modtagelse af flygtninge"}),
        ('topic:"negativ social kontrol"', {"Nyt fra formanden"}),
        ("type:årsberetning", {"Forord", "Beskæftigelse"}),
        ("doc_type:aarsberetning", {"Forord", "Beskæftigelse"}),
        ("sagsnr:00.01.00-A21-1-14 titel:flygtninge", {"Modtagelse af flygtninge", "Status på flygtninge"}),
        ("case_number:00.01.00-a21", {"Godkendelse af referatet", "Modtagelse af flygtninge", "Medborgerskabspolitikken",
                                      "Status på flygtninge", "Nyt fra formanden"}),
        ("kommune:odense", set()),
    ],
)
def test_field_queries_in_english_and_danish(index, query, expected):
    assert titles(search(index, query)) == expected


def test_dates_and_numbers_are_findable_as_written(index):
    assert titles(search(index, "19.03.2015")) == {"Godkendelse af referatet"}
    assert titles(search(index, "225")) == {"Modtagelse af flygtninge"}
    # Issue 5: the case handler's name is findable as written (the fixture gives every item
    # but the first a case handler too: the example default "Mette Jung Christensen").
    assert titles(search(index, "Waage-Jensen")) == {"Godkendelse af referatet"}
    assert titles(search(index, "sagsbehandler:Waage-Jensen")) == {"Godkendelse af referatet"}


# Malformed queries are answered, with a Danish notice


@pytest.mark.parametrize(
    "query, same_as",
    [
        ('"flygtninge boligplacering', "flygtninge boligplacering"),
        ("flygtninge OR", "flygtninge"),
        ("OR flygtninge", "flygtninge"),
        ("titel: flygtninge", "flygtninge"),
        ("(flygtninge)", "flygtninge"),
        ("(((", ""),
        ("OR", ""),
        ("title:", ""),
        ("foo:flygtninge", "flygtninge"),
    ],
)
def test_malformed_query_degrades_to_words_with_a_notice(index, query, same_as):
    response = search(index, query)
    assert response.notice, query
    assert titles(response) == titles(search(index, same_as))
    assert response.total == search(index, same_as).total


@pytest.mark.parametrize("query", ['"negativ socail kontrol', 'negativ socail kontrol"'])
def test_an_open_quote_with_a_typo_gets_the_spelling_help_the_words_get(index, query):
    # A lone quote made its words one clause, which no close spelling matched: a bare zero (a review of the query features, finding 4).
    words = search(index, "negativ socail kontrol")
    response = search(index, query)
    assert response.total == words.total > 0 and response.approximate
    assert response.suggestion == words.suggestion == "negativ social kontrol"  # no quote carried on
    assert search(index, '"socail').suggestion == "social"


def test_an_excluded_open_phrase_still_excludes_the_items_with_all_its_words(index):
    everything = search(index, "flygtninge").total
    assert 0 < search(index, 'flygtninge -"modtagelse af').total < everything


def test_only_stop_words_lists_everything_and_says_why(index):
    response = search(index, "og i at på")
    assert response.notice == NOTHING_TO_SEARCH
    assert response.total == ALL


@pytest.mark.parametrize("query", ["😀", "*", "\\", "\u200b", "-", '""', '-""'])
def test_a_query_of_signs_alone_lists_everything_and_says_so(index, query):
    response = search(index, query)
    assert response.notice == NO_WORDS and response.total == ALL


@pytest.mark.parametrize("query, notice", [("ELLER", "«ELLER» skal stå"), ("flygtninge OR", "«OR» skal stå")])
def test_a_lone_or_is_named_as_typed(index, query, notice):
    assert notice in search(index, query).notice


def test_not_and_ikke_in_capitals_exclude_the_next_word(index):
    for word in ("NOT", "IKKE"):
        response = search(index, f"flygtninge {word} boligplacering")
        assert titles(response) == titles(search(index, "flygtninge -boligplacering")) and response.total
        # the help page teaches them as operators: read as such without a notice, as OR/ELLER are
        assert response.notice is None
    assert "«NOT» mangler et ord" in search(index, "flygtninge NOT").notice
    # in lower case «ikke» is a word, searched as any other: tests/test_query_forms.py


def test_and_in_capitals_is_the_default_and_says_so(index):
    response = search(index, "flygtninge AND boligplacering")
    assert titles(response) == titles(search(index, "flygtninge boligplacering")) and response.total
    assert "«AND» behøves ikke" in response.notice


def test_a_year_that_is_not_a_year_is_ignored_with_a_notice(index):
    response = search(index, "år:abc flygtninge")
    assert "«abc» er ikke et årstal" in response.notice
    assert titles(response) == titles(search(index, "flygtninge"))


@pytest.mark.parametrize("value", ["31.02.2015", "2015-13-45", "igår"])
def test_a_date_that_is_not_a_date_is_ignored_with_a_notice_naming_it(index, value):
    # the notice said the query held only small words, and every item was shown under it
    response = search(index, f"dato:{value} flygtninge")
    assert f"«{value}» er ikke en dato og blev ignoreret." in response.notice and "småord" not in response.notice
    assert titles(response) == titles(search(index, "flygtninge"))
    alone = search(index, f"dato:{value}")
    assert alone.notice.startswith(f"«{value}» er ikke en dato og blev ignoreret.") and "småord" not in alone.notice


def test_overlong_query_is_cut_and_answered(index):
    response = search(index, "flygtninge " * 300)
    assert "for lang" in response.notice
    assert titles(response) == titles(search(index, "flygtninge"))


@pytest.mark.parametrize(
    "query",
    ['"', "-", "---", '""', "OR OR OR", ":", "kommune:", 'title:"', "\x00", "🙂", "*?", "a" * 5000, "((a OR) -)", "-OR",
     "title:title:title", 'beslutning:"" OR', "sagsnr:", "år:abc", "+", "\\", "ELLER"],
)
def test_garbage_never_raises(index, query):
    response = search(index, query)
    assert 0 <= response.total <= ALL
    assert len(response.hits) == min(response.total, 100)


def test_parser_reads_clauses_and_repairs_syntax():
    q = parse('kommune:Næstved "negativ social kontrol" -bolig a OR b')
    assert [(c.text, c.field, c.phrase, c.negated) for g in q.groups for c in g] == [
        ("Næstved", "municipality", False, False),
        ("negativ social kontrol", None, True, False),
        ("bolig", None, False, True),
        ("a", None, False, False),
        ("b", None, False, False),
    ]
    assert [len(g) for g in q.groups] == [1, 1, 1, 2]
    assert q.notices == ()
    assert parse('"åben').notices and parse("a OR").notices and parse("titel:").notices


# Ranking and decisions


def test_title_ranks_above_decision_above_body(tmp_path: Path):
    word = "skolereform"
    docs = [
        example_document("body.txt", [P("Punkt et", f"Vi drøftede {word}. Om {word} igen, og {word} til sidst.", "Taget til efterretning.")]),
        example_document("decision.txt", [P("Punkt to", "En sag om skoler.", f"Rådet støtter {word}.")]),
        example_document("title.txt", [P(f"Ny {word}", "En sag om skoler.", "Taget til efterretning.")]),
    ]
    index = open_index(tmp_path / "index", create=True)
    with index.writer() as writer:
        for doc in docs:
            writer.add(doc, tmp_path)
    hits = search(index, word).hits
    assert [h.source for h in hits] == ["title.txt", "decision.txt", "body.txt"]
    assert hits[0].score > hits[1].score > hits[2].score
    index.close()


def test_decisions_only_matches_decision_text(index):
    everywhere = search(index, "flygtninge")
    decisions = search(index, "flygtninge", decisions_only=True)
    assert titles(decisions) == {"Status på flygtninge"}
    assert everywhere.total > decisions.total
    assert "<mark>flygtninge</mark>" in decisions.hits[0].snippet
    assert decisions.hits[0].snippet.startswith("Rådet følger")  # the decision, not the body


def test_decisions_only_keeps_field_clauses_to_passages_with_a_decision(index):
    assert titles(search(index, "titel:formanden")) == {"Nyt fra formanden"}
    assert titles(search(index, "titel:formanden", decisions_only=True)) == set()
    assert titles(search(index, "titel:flygtninge", decisions_only=True)) == {"Modtagelse af flygtninge", "Status på flygtninge"}


def test_decisions_only_without_words_lists_passages_with_a_decision(index):
    response = search(index, decisions_only=True)
    assert response.total == 6
    assert all(h.decision for h in response.hits)


# Filters and facet counts


def test_filters_or_within_a_facet_and_across_facets(index):
    assert search(index, filters={"municipality": "Næstved"}).total == 5
    assert search(index, filters={"municipality": ["Næstved", "Roskilde"]}).total == 7
    assert search(index, filters={"municipality": "Næstved", "year": "2017"}).total == 2
    assert search(index, "flygtninge", filters={"municipality": "Næstved", "topic": "bolig"}).total == 1


def facet(response, name) -> dict[str, int]:
    return {v.value: v.count for v in response.facets[name]}


def test_facet_counts_cover_the_whole_result_set_not_the_page(index):
    response = search(index, "flygtninge", page_size=1)
    assert len(response.hits) == 1
    for name in ("municipality", "council", "year", "doc_type"):
        assert sum(facet(response, name).values()) == response.total == 4, name
    assert facet(response, "municipality") == {"Næstved": 3, "Aarhus": 1}
    assert facet(response, "year") == {"2015": 2, "2017": 1, "2019": 1}
    assert list(facet(response, "year")) == ["2015", "2019", "2017"]  # most first, newer first on ties


def test_multi_valued_topic_counts_each_topic(index):
    response = search(index, "flygtninge")
    expected: dict[str, int] = {}
    for hit in response.hits:
        for topic in hit.topics:
            expected[topic] = expected.get(topic, 0) + 1
    assert facet(response, "topic") == expected
    assert facet(response, "topic")["flygtninge"] == 3


def test_a_facet_keeps_counting_its_other_values_when_one_is_chosen(index):
    response = search(index, filters={"municipality": "Næstved"})
    municipality = {v.value: (v.count, v.selected) for v in response.facets["municipality"]}
    assert municipality == {"Næstved": (5, True), "Roskilde": (2, False), "Aarhus": (2, False)}
    assert sum(facet(response, "year").values()) == response.total == 5  # other facets: just the hits
    assert sum(facet(response, "doc_type").values()) == 5


def test_a_chosen_value_without_hits_is_still_listed(index):
    response = search(index, filters={"municipality": "Odense"})
    assert response.total == 0 and response.hits == ()
    assert [(v.value, v.count, v.selected) for v in response.facets["municipality"] if v.selected] == [("Odense", 0, True)]


def test_unknown_facet_or_sort_is_an_invalid_parameter(index):
    with pytest.raises(InvalidParameter):
        search(index, filters={"colour": "blå"})
    with pytest.raises(InvalidParameter):
        search(index, sort="random")


# Sorting and pages


def _when(hit) -> str:
    return hit.meeting_date or f"{hit.year}-12-31"


def test_newest_and_oldest_keep_items_of_a_meeting_in_order(index):
    newest = search(index, sort="newest").hits
    oldest = search(index, sort="oldest").hits
    assert [_when(h) for h in newest] == sorted((_when(h) for h in newest), reverse=True)
    assert [_when(h) for h in oldest] == sorted(_when(h) for h in oldest)
    for hits in (newest, oldest):
        for document_id in {h.document_id for h in hits}:
            numbers = [h.item_number for h in hits if h.document_id == document_id]
            assert numbers == sorted(numbers)
    assert newest[0].municipality == "Roskilde" and oldest[0].title == "Godkendelse af referatet"


def test_empty_query_lists_newest_first(index):
    assert [h.id for h in search(index).hits] == [h.id for h in search(index, sort="newest").hits]


def test_pages_partition_the_results(index):
    pages = [search(index, sort="oldest", page=n, page_size=4) for n in (1, 2, 3, 4)]
    ids = [h.id for page in pages for h in page.hits]
    assert [len(p.hits) for p in pages] == [4, 4, 1, 0]
    assert len(set(ids)) == ALL and {p.total for p in pages} == {ALL} and pages[0].pages == 3
    relevance = [search(index, "flygtninge", page=n, page_size=2) for n in (1, 2, 3)]
    assert [h.id for p in relevance for h in p.hits] == [h.id for h in search(index, "flygtninge").hits]


# Snippets and hits


def test_snippet_marks_matched_stems(index):
    hit = next(h for h in search(index, "flygtninge boligplacering").hits if h.title == "Modtagelse af flygtninge")
    assert "<mark>boligplacering</mark>" in hit.snippet and "<mark>flygtningene</mark>" in hit.snippet
    assert hit.decision == "Rådet tog orienteringen til efterretning."
    assert hit.title_html == "Modtagelse af <mark>flygtninge</mark>"


def test_title_marks_words_in_any_inflection_and_stays_escaped():
    assert mark("Status på flygtningene & <b>", set(terms("flygtning"))) == "Status på <mark>flygtningene</mark> &amp; &lt;b&gt;"
    assert mark("Eventuelt", set(terms("flygtninge"))) == "Eventuelt"


def test_snippet_shows_the_window_with_most_query_words():
    text = "Flygtninge nævnes først. " + "Andet fyld her. " * 40 + "Her står boligplacering af flygtninge tæt. " + "Slut. " * 40
    html = snippet(text, set(terms("flygtninge boligplacering")))
    assert "<mark>boligplacering</mark> af <mark>flygtninge</mark>" in html
    assert html.startswith("…") and html.endswith("…") and len(html) < 400


def test_where_no_window_holds_every_word_the_snippet_shows_the_rarer_one():
    # The council's name four times, the language centre once: the snippet was cut where the
    # council was named twice (the most matches), and the word that made the hit did not show.
    text = ("Integrationsrådet afgiver udtalelse. Integrationsrådet skal udtale sig. " + "Andet fyld her. " * 30
            + "Integrationsrådet anbefaler planen. " + "Mere fyld. " * 30 + "Flygtninge placeres tæt på sprogcenter. "
            + "Slut. " * 30 + "Integrationsrådet.")
    html = snippet(text, set(terms("integrationsrådet sprogcenter")))
    assert "<mark>sprogcenter</mark>" in html


def test_snippet_keeps_paragraphs_apart_where_no_sentence_ends(seed_index):
    """A label line and the next paragraph do not run together into one false sentence."""
    hit = next(h for h in search(seed_index, "flygtninge").hits if h.title == "Status på flygtninge")
    # (the «Kompetenceudvalg: Integrationsrådet» label line above it is no longer shown: a snippet
    # without the query's words starts at the first sentence)
    assert hit.snippet.startswith("Administrationen indstiller")
    assert "Fast punkt fra CAM - bliver eftersendt · " in hit.snippet  # a heading-like line, then a list
    assert "til efterretning. Fast punkt fra CAM" in hit.snippet  # a sentence that ends needs no mark


def test_snippet_without_matches_is_the_escaped_beginning():
    assert snippet("Ingen <træf> her.", {"flygtning"}) == "Ingen &lt;træf&gt; her."


def test_document_text_is_escaped_in_snippets(index):
    hit = search(index, "alert").hits[0]
    assert "<script" not in hit.snippet
    assert "&lt;script&gt;<mark>alert</mark>(&#x27;x&#x27;)&lt;/script&gt;" in hit.snippet


def test_markup_in_the_query_stays_inert(index):
    response = search(index, "<script>alert('x')</script>")
    assert titles(response) == {"Medborgerskabspolitikken"}
    for hit in response.hits:
        assert "<script" not in hit.snippet and "<" not in hit.snippet.replace("<mark>", "").replace("</mark>", "")
    assert "<script" not in (response.notice or "")


def test_hit_decision_is_the_first_lines_as_plain_text(index):
    hit = search(index, "titel:status").hits[0]
    # more follows: the ellipsis takes the closing period's place ("udsendes.…" read as a typo)
    assert hit.decision == "Rådet følger udviklingen for flygtninge.\nNæste status i juni.\nBilag udsendes…"
    assert hit.source == "naestved-2017.md" and hit.topics == ("flygtninge",)


# The seeds


@pytest.fixture(scope="module")
def seed_search(seed_documents, tmp_path_factory):
    index = open_index(tmp_path_factory.mktemp("seed-search") / "index", create=True)
    with index.writer() as writer:
        for document in seed_documents.values():
            writer.add(document, Path(__file__).resolve().parent.parent / "seeds")
    yield index
    index.close()


def test_seed_refugee_housing_query_finds_item_15_and_the_2019_foreword(seed_search):
    top = search(seed_search, "flygtninge boligplacering").hits[:3]
    found = {(h.title, h.municipality, h.doc_type, h.meeting_date or str(h.year)) for h in top}
    assert ("Modtagelse af flygtninge", "Næstved", "referat", "2015-05-21") in found
    assert ("Forord", "Næstved", "årsberetning", "2019") in found


def test_a_decision_field_query_cuts_its_snippet_from_the_decision(seed_search):
    """`beslutning:godkendt` matched the decision: the snippet shows that, as with
    decisions_only, not the recommendation's "godkender" (same stem)."""
    for query, options in (("beslutning:godkendt", {}), ("godkendt", {"decisions_only": True})):
        hit = next(h for h in search(seed_search, query, **options).hits if h.title == "Mødeplan 2017")
        assert hit.snippet.startswith("- ad 1. Mødeplan <mark>godkendt</mark>."), (query, hit.snippet)
    # a word searched elsewhere too: the snippet comes from the whole text again
    mixed = next(h for h in search(seed_search, "beslutning:godkendt mødeplanen").hits if h.title == "Mødeplan 2017")
    assert "indstiller" in mixed.snippet, mixed.snippet


def test_seed_decisions_only_matches_only_decision_text(seed_search):
    wanted = set(terms("flygtninge"))
    decisions = search(seed_search, "flygtninge", decisions_only=True)
    assert decisions.total > 0
    for hit in decisions.hits:
        assert wanted & set(terms(seed_search.passage(hit.id).decision)), hit.title
    everywhere = search(seed_search, "flygtninge")
    outside = [h for h in everywhere.hits if not wanted & set(terms(seed_search.passage(h.id).decision))]
    assert outside and not {h.id for h in outside} & {h.id for h in decisions.hits}


@pytest.mark.parametrize("query", ["", "flygtninge", "flygtninge boligplacering", "rådet"])
def test_seed_facet_counts_add_up_to_the_total(seed_search, query):
    response = search(seed_search, query, page_size=1)
    for name in ("municipality", "council", "year", "doc_type"):
        assert sum(facet(response, name).values()) == response.total, name


# Scoring in bulk, the per-generation term cache


@pytest.fixture
def segmented(tmp_path: Path):
    """An index of several segments, one with a deleted document: what incremental runs leave."""
    root = tmp_path / "corpus"
    root.mkdir()
    index = open_index(tmp_path / "index", create=True)
    docs = corpus_documents()
    for doc in docs:
        with index.writer() as writer:
            writer.add(doc, root)
    with index.writer() as writer:  # replaces a source: deletes its passages in an older segment
        writer.add(_placed(docs[0], title="Modtagelse af flygtninge igen"), root)
    yield index
    index.close()


SCORED_QUERIES = ["flygtninge", "boligplacering flygtninge", "flygtninge OR beskæftigelse", '"negativ social kontrol"',
                  "titel:flygtninge", "kommune:naestved flygtninge", "rådet", "eventuelt", "status 2017"]


@pytest.mark.parametrize("evaluation", ["dense", "sparse"])
@pytest.mark.parametrize("union", ["array", "tree"])
@pytest.mark.parametrize("query", SCORED_QUERIES)
def test_bulk_scores_are_whooshs_exhaustive_scores(segmented, query, union, evaluation, monkeypatch):
    """search.scoring gives every match the score Whoosh's own matchers give it, bit for bit.

    Small indexes get Whoosh's array union of field scores, large ones (> 5,000 documents) a
    tree of union matchers: both are evaluated, each over numpy arrays of a segment (many
    candidates) and over dictionaries of candidates (few).
    """
    from whoosh.query import Or

    from search import scoring, variants
    from search.query import compile_query

    if union == "tree":
        monkeypatch.setattr(Or, "matcher_type", Or.DEFAULT_MATCHER)
    monkeypatch.setattr(scoring, "DENSE_SHARE", 10**9 if evaluation == "dense" else 0)
    searcher = segmented._searcher()
    snapshot = segmented._snapshot(searcher)
    for decisions_only in (False, True):
        compiled = compile_query(variants.expand(parse(query)), searcher, decisions_only=decisions_only)
        matched = snapshot.docs(searcher, compiled.matching)
        expected = {hit.docnum: hit.score for hit in searcher.search(compiled.scored, limit=None, optimize=False)}
        assert scoring.all_scores(searcher, snapshot, compiled.scored, matched) == expected
        assert scoring.subset_scores(searcher, compiled.scored, matched) == expected
        assert snapshot.docs(searcher, compiled.matching) == frozenset(searcher.docs_for_query(compiled.matching))


@pytest.mark.parametrize("query", ["flygtninge", "boligplacering flygtninge", "flygtninge -status", "rådet"])
def test_filtered_scoring_equals_unfiltered_scoring_restricted_to_the_set(segmented, query):
    unfiltered = search(segmented, query)
    filters = {"municipality": "Næstved"}
    filtered = search(segmented, query, filters=filters)
    allowed = {h.id for h in search(segmented, "", filters=filters).hits}
    expected = [(h.id, h.score) for h in unfiltered.hits if h.id in allowed]
    assert [(h.id, h.score) for h in filtered.hits] == expected and expected


def test_scoring_plans_are_kept_per_generation_and_made_again_after_a_commit(segmented, tmp_path: Path, monkeypatch):
    """Building Whoosh's matcher tree for a plan costs milliseconds per segment: a generation
    keeps its plans, a commit (new idf, new segments) gets new ones, scored as Whoosh scores."""
    from search import scoring, variants
    from search.query import compile_query

    made = []
    plan = scoring._plan
    monkeypatch.setattr(scoring, "_plan", lambda m: made.append(m) or plan(m))
    first = search(segmented, "boligplacering flygtninge")
    assert made
    count = len(made)
    again = search(segmented, "boligplacering flygtninge")
    assert len(made) == count and [(h.id, h.score) for h in again.hits] == [(h.id, h.score) for h in first.hits]

    with segmented.writer() as writer:
        writer.add(example_document("nyt.txt", [P("Boligplacering af flygtninge", "Flygtninge boligplaceres.")]),
                   tmp_path / "corpus")
    after = search(segmented, "boligplacering flygtninge")
    assert len(made) > count and after.total == first.total + 1
    searcher = segmented._searcher()
    compiled = compile_query(variants.expand(parse("boligplacering flygtninge")), searcher)
    expected = {hit.docnum: hit.score for hit in searcher.search(compiled.scored, limit=None, optimize=False)}
    snapshot = segmented._snapshot(searcher)
    assert scoring.all_scores(searcher, snapshot, compiled.scored, snapshot.docs(searcher, compiled.matching)) == expected
    assert sorted(expected.values(), reverse=True)[:len(after.hits)] == [h.score for h in after.hits]


def test_routine_items_are_scaled_and_ties_keep_whooshs_order():
    import numpy as np

    from search.scoring import best

    scores = {5: 2.0, 3: 1.0, 9: 1.0, 7: 4.0}
    assert best(scores, 10) == [(7, 4.0), (5, 2.0), (3, 1.0), (9, 1.0)]
    # Routine 7 and 5 halved by their prior: 5 ties with 3 and 9 at 1.0, and the higher
    # unscaled score comes first, then the lower docnum.
    halved = np.ones(10)
    halved[[7, 5]] = 0.5
    assert best(scores, 10, halved) == [(7, 2.0), (5, 1.0), (3, 1.0), (9, 1.0)]
    halved[5] = 1.0
    assert best(scores, 2, halved) == [(7, 2.0), (5, 2.0)]


def test_term_cache_answers_a_new_commit_with_new_sets(segmented, tmp_path: Path):
    before = search(segmented, "udviklingen")
    snapshot = segmented._snapshot(segmented._searcher())
    assert snapshot.cache.used > 0
    with segmented.writer() as writer:
        writer.add(example_document("nyt.txt", [P("Udviklingen i byen", "Udviklingen fortsætter.")]), tmp_path / "corpus")
    after = search(segmented, "udviklingen")
    assert after.total == before.total + 1
    assert snapshot.cache.used == 0 and snapshot.cache.budget == 0  # the older generation's cache was dropped
    assert segmented._snapshot(segmented._searcher()).cache.used > 0


def test_term_cache_is_bounded_by_bytes_least_recently_used_out():
    from search.snapshot import TermCache

    cache = TermCache(budget=400)
    for key in "abcde":
        cache.get(key, lambda key=key: key * 100, len)
    assert cache.used <= 400
    assert "a" not in cache._items  # the least recently used went first
    assert cache.get("b", lambda: "never built", len) == "b" * 100
    assert cache.get("huge", lambda: "h" * 1000, len) == "h" * 1000  # larger than a quarter: answered, not kept
    assert "huge" not in cache._items and cache.used <= 400


def test_phrases_are_scored_in_bulk_in_a_segment_with_deletions(tmp_path: Path):
    """After an incremental run deletes passages from a segment, a phrase found there is still
    scored in bulk, not handed back to Whoosh's collector (300 ms instead of 20 at 100k)."""
    from search import scoring, variants
    from search.query import compile_query

    root = tmp_path / "corpus"
    root.mkdir()
    index = open_index(tmp_path / "index", create=True)
    texts = {"a.txt": "Negativ social kontrol i familier.", "b.txt": "Om negativ social kontrol og frihed.",
             "c.txt": "Social kontrol, negativ eller ej."}
    with index.writer() as writer:  # one segment
        for name, text in texts.items():
            writer.add(example_document(name, [P(f"Punkt om {name}", text)]), root)
    with index.writer() as writer:
        writer.delete("a.txt")
    searcher = index._searcher()
    assert any(leaf.reader().has_deletions() for leaf, _ in searcher.leaf_searchers())
    compiled = compile_query(variants.expand(parse('"negativ social kontrol"')), searcher, decisions_only=False)
    snapshot = index._snapshot(searcher)
    matched = snapshot.docs(searcher, compiled.matching)
    expected = {hit.docnum: hit.score for hit in searcher.search(compiled.scored, limit=None, optimize=False)}
    assert len(expected) == 1 and scoring.all_scores(searcher, snapshot, compiled.scored, matched) == expected
    index.close()


@pytest.mark.parametrize("slop", [1, 2])
def test_phrases_match_as_whoosh_matches_them(segmented, slop):
    """Snapshot.docs tests phrases on decoded positions, exactly as Whoosh's SpanNear2 does."""
    from whoosh.query import Phrase

    searcher = segmented._searcher()
    snapshot = segmented._snapshot(searcher)
    analyzer = searcher.schema["body"].analyzer
    texts = ["negativ social kontrol", "social kontrol", "kontrol social", "boligplacering af flygtninge",
             "flygtninge flygtninge", "rådet tog orienteringen", "status på", "ingen sådan sætning", "waage-jensen"]
    for field in ("body", "title", "decision"):
        for text in texts:
            words = [t.text for t in analyzer(text, mode="query")]
            if len(words) < 2:
                continue
            query = Phrase(field, words, slop=slop)
            assert snapshot.docs(searcher, query) == frozenset(searcher.docs_for_query(query)), (field, text)


@pytest.mark.parametrize("fmt", ["whoosh", "other"])
def test_exact_phrases_are_tested_by_consecutive_positions_as_spans_test_them(fmt):
    """Slop 1 (a quoted phrase): `_consecutive_docs`, all candidates at once, answers what
    Whoosh's span test answers for each, with repeated positions (compound parts share their
    compound's position), repeated words, long position lists, and Whoosh's encoding decoded in
    bulk ("whoosh") or by a format's own decoder ("other")."""
    from array import array

    from whoosh.formats import Positions

    from search.snapshot import Postings, _consecutive_docs, _spans_match

    class OtherPositions(Positions):  # same bytes; its own decoder, so the bulk path is not taken
        def decode_positions(self, valuestring):
            return super().decode_positions(valuestring)

    format_ = Positions() if fmt == "whoosh" else OtherPositions()
    rng = random.Random(7)
    agreed = Counter()
    for _ in range(300):
        words = rng.randint(2, 4)
        docs = sorted(rng.sample(range(10_000), rng.randint(1, 40)))
        lists = {d: [sorted(rng.choices(range(rng.choice([12, 400])), k=rng.randint(1, 300 if rng.random() < 0.1 else 5)))
                     for _ in range(words)] for d in docs}
        positions = []
        for k in range(words):
            # other documents of each word interleave with the candidates
            own = {d: lists[d][k] for d in docs} | {d: [1] for d in rng.sample(range(10_000), 5) if d not in lists}
            ids = sorted(own)
            values = [format_.encode(own[d]) for d in ids]
            if rng.random() < 0.5:  # Whoosh may store a value without its pickle's STOP opcode
                values = [v[:-1] if v.endswith(b".") else v for v in values]
            positions.append((Postings(array("I", ids), array("f", [1.0] * len(ids))), values))
        expected = {d for d in docs if _spans_match(lists[d], 1)}
        assert _consecutive_docs(frozenset(docs), positions, format_) == expected
        agreed[len(expected)] += 1
    assert sum(n for n in agreed if n) > 50 and agreed[0] > 20  # both outcomes were tested


def test_positions_decode_as_whooshs_format_decodes_them(segmented):
    from search.snapshot import _position_decoder, read_positions

    searcher = segmented._searcher()
    fmt = searcher.schema["body"].format
    decode = _position_decoder(fmt)
    assert decode is not fmt.decode_positions  # the C-summed decoder is in use
    decoded = 0
    for text in searcher.reader().lexicon("body"):
        _, values = read_positions(searcher, "body", text)
        for value in values:
            assert decode(value) == fmt.decode_positions(value)
            decoded += 1
    assert decoded > 100


def test_facet_counts_are_the_same_for_small_and_large_result_sets():
    # Large sets are counted with numpy, small ones with a Counter: both must give the same counts,
    # a multi-valued combination (topics) counting once for each of its values.
    labels = ((), ("Næstved",), ("Roskilde",), ("flygtninge", "bolig"))
    ords = array("I", [i % 4 for i in range(3 * SMALL_SET)])
    column = FacetColumn(labels, ords)
    small, large = set(range(1, SMALL_SET // 2, 3)), set(range(1, 3 * SMALL_SET, 2))
    assert not hasattr(docnum_array(small), "dtype") and hasattr(docnum_array(large), "dtype")
    for docnums in (small, large, set()):
        expected = Counter(label for d in docnums for label in labels[ords[d]])
        assert column.count(docnums) == expected
        assert column.count(docnum_array(docnums)) == expected
    assert column.count(large)["flygtninge"] == column.count(large)["bolig"] == len([d for d in large if d % 4 == 3])


@pytest.mark.parametrize("facet_name", ["case_handler", "year", "topic"])
@pytest.mark.parametrize("size", [3 * SMALL_SET - 168, 20 * SMALL_SET])  # counted by a Counter, by numpy
def test_facet_values_are_ranked_by_count_then_by_the_facets_order(facet_name, size):
    """More values than a facet shows, many equal counts: the first `limit` by count, ties by
    the facet's own order (names alphabetically, years newest first), then the selected
    values beyond the limit, then selected values no passage has, with 0."""
    facet = FACETS_BY_NAME[facet_name]
    if facet_name == "year":
        values = [str(2000 + i) for i in range(80)]
    else:
        values = [f"{'ABCDEFGH'[i % 8]}{'æøå'[i % 3]}rn {i // 8:02d}" for i in range(80)]
    labels: list[tuple[str, ...]] = [()] + [(v,) for v in values]
    if facet.multi:  # combinations, as topics are stored
        labels += [(values[i], values[i + 1]) for i in range(0, 40, 2)]
    draw = random.Random(size)
    ords = array("I", [draw.randrange(len(labels)) for _ in range(size)])
    column = FacetColumn(tuple(labels), ords)
    docnums = set(range(0, size, 3))
    selected = (values[-1], "Ingen Sådan")

    shown = facet.counts(column, docnums, selected)

    counted = Counter(v for d in docnums for v in labels[ords[d]])
    ranked = sorted(counted.items(), key=facet.order)  # most frequent first, then the facet's order
    keys = {facet_key(v) for v in selected}
    expected = [(v, n) for i, (v, n) in enumerate(ranked) if i < facet.limit or facet_key(v) in keys]
    expected += [(v, 0) for v in selected if v not in counted]
    assert [(f.value, f.count) for f in shown] == expected
    assert len(counted) > facet.limit and len(set(counted.values())) < len(counted)  # ties to break
    assert hasattr(docnum_array(docnums), "dtype") == (size > 3 * SMALL_SET)
    assert [f.value for f in shown if f.selected] == [v for v in selected if v in dict(expected)]


def test_date_order_of_a_large_hit_set_is_the_heaps_order():
    """`_by_date` ranks large hit sets over arrays; the pages are those of a heap over every hit."""
    import heapq

    import numpy as np

    from search.facets import sorted_docnums
    from search.query import _by_date

    rng = random.Random(3)
    order = list(range(5000))
    rng.shuffle(order)
    rank = array("I", order)
    hits = frozenset(rng.sample(range(5000), 3000))
    hits_array = sorted_docnums(hits, 5000)
    assert isinstance(hits_array, np.ndarray)
    for limit in (1, 10, 50, 2999, 3000, 4000):
        assert _by_date(rank, hits, hits_array, limit) == heapq.nsmallest(limit, hits, key=rank.__getitem__), limit
    assert _by_date(rank, frozenset({7, 3}), frozenset({7, 3}), 5) == sorted({7, 3}, key=rank.__getitem__)


@pytest.mark.parametrize("facet_name", FACETS)
def test_facet_columns_read_in_one_piece_equal_a_walk_over_the_documents(segmented, facet_name):
    """`FacetColumn.load` reads Whoosh's reference columns whole (`column_codes`); ordinals, labels
    and every document's ordinal are those of reading the column document by document."""
    from search.columns import column_codes

    searcher = segmented._searcher()
    facet = FACETS_BY_NAME[facet_name]
    reader = searcher.reader()
    assert len(reader.leaf_readers()) > 2
    ordinal: dict[bytes, int] = {b"": 0}
    walked = array("I")
    whole_reads = 0
    for leaf, _ in reader.leaf_readers():
        column = leaf.column_reader(facet.field, translate=False)
        walked.extend(ordinal.setdefault(raw, len(ordinal)) for raw in column)
        uniques, refs = column_codes(column, leaf.doc_count_all())
        assert [uniques[r] for r in refs.tolist()] == list(column)
        whole_reads += hasattr(column, "_uniques")
    loaded = FacetColumn.load(reader, facet.field)
    assert loaded.ords == walked
    assert len(loaded.labels) == len(ordinal)
    if facet_name == "municipality":  # a reference column: read whole
        assert whole_reads == len(reader.leaf_readers())


def test_column_prefixes_read_whole_equal_a_walk_over_the_documents(segmented):
    """`column_prefixes` slices a `VarBytesColumn` (the copy keys) in numpy; values shorter than
    the prefix (file records have none) are zero-padded, as a walk would pad them."""
    from search.columns import column_prefixes

    searcher = segmented._searcher()
    for leaf, _ in searcher.reader().leaf_readers():
        column = leaf.column_reader("copy_key", translate=False)
        values = list(column)
        for size in (3, 9, 40):
            prefixes, lengths = column_prefixes(column, leaf.doc_count_all(), size)
            assert [bytes(row) for row in prefixes] == [v[:size].ljust(size, b"\0") for v in values]
            assert lengths.tolist() == [len(v) for v in values]
        assert any(lengths) and not all(lengths)  # passages and file records


@pytest.mark.parametrize("compress_at", [2048, 0])
def test_bit_columns_read_whole_equal_a_walk_over_the_documents(compress_at):
    """`set_bits` reads a `BitColumn` (the routine flag) whole, compressed in memory (small
    segments) or on disk (from 16,385 documents, or `compress_at=0`), as a walk reads it."""
    from whoosh.columns import BitColumn
    from whoosh.filedb.filestore import RamStorage

    from search.columns import set_bits

    rng = random.Random(5)
    count = 3001  # not a multiple of 8: the last byte is part used
    flags = [rng.random() < 0.1 for _ in range(count)]
    storage = RamStorage()
    column = BitColumn(compress_at=compress_at)
    out = storage.create_file("bits")
    writer = column.writer(out)
    for docnum, flag in enumerate(flags):
        writer.add(docnum, flag)
    writer.finish(count)
    length = out.tell()
    out.close()
    reader = column.reader(storage.open_file("bits"), 0, length, count)
    assert type(reader._bitset).__name__ == ("BitSet" if compress_at else "OnDiskBitSet")
    found = set_bits(reader, count)
    assert found is not None and found.tolist() == [d for d, value in enumerate(reader) if value]
    assert found.tolist() == [d for d, flag in enumerate(flags) if flag] and len(found) > 200


def test_field_lengths_read_whole_are_whooshs_lengths(segmented, monkeypatch):
    """Each segment's length column is read in one piece (no per-document calls), a column that
    ends before the segment's last documents included; the lengths are Whoosh's own."""
    from whoosh.reading import SegmentReader

    from search.snapshot import _build_lengths

    searcher = segmented._searcher()
    expected = {field: [leaf.doc_field_length(d, field, 1) or 1 for leaf, _ in searcher.reader().leaf_readers()
                        for d in range(leaf.doc_count_all())] for field in ("title", "decision", "body")}

    def per_document(*args, **kwargs):
        raise AssertionError("read document by document")

    monkeypatch.setattr(SegmentReader, "doc_field_length", per_document)
    for field, lengths in expected.items():
        assert list(_build_lengths(searcher, field)) == lengths, field
    assert max(expected["body"]) > 1 and 1 in expected["decision"]


# Order keys the index does not write, each of which must be sorted part by part.
_ODD_ORDER_KEYS = ["2017-02-3\x1fa\x1f1", "\x1fa", "2015-05-21\x1fa\x01b\x1f2", "2015-05-21\x1fa\x00\x1f2",
                   "2015-05-21\x1fb\x1f3\x00", "2015-5-21\x1fb\x1f3", "2015x05-21\x1fb\x1f3", "a\x1fb\x1fc\x1fd"]


@pytest.mark.parametrize("keys_are", ["as written", *_ODD_ORDER_KEYS])
@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_date_ranks_are_the_stable_python_sorts(sort, keys_are, monkeypatch):
    """`ranks_of` (numpy) against the two stable Python sorts it replaced, on order keys with
    ties, undated passages, and parts that differ only in length or case or are not ASCII.
    Keys as the index writes them are sorted whole as bytes; odd ones (a date not in ISO
    form, a control character or NUL byte, a part too many) part by part."""
    from search import orders
    from search.analysis import VALUE_SEPARATOR

    rng = random.Random(11)
    dates = ["", "2015-05-21", "2017-02-23", "2017-12-31", "2026-06-04"]
    parts = ["", "a", "ab", "B", "b", "æble", "10", "9", "kommune-2015-05-21-0785a4"]
    keys = [VALUE_SEPARATOR.join((rng.choice(dates), rng.choice(parts), f"{rng.randint(0, 30):09d}")).encode()
            for _ in range(3000)]
    keys[:3] = [b"", b"", b""]  # a document without an order key (a file record)
    monkeypatch.setattr(orders, "_KEY_BLOCK", 97)  # keys checked a block at a time: many blocks
    if keys_are == "as written":
        monkeypatch.setattr(orders, "_orders_by_parts", lambda *args: pytest.fail("sorted part by part"))
    else:
        keys[rng.randrange(len(keys))] = keys_are.encode()
        by_parts = orders._orders_by_parts
        taken = []
        monkeypatch.setattr(orders, "_orders_by_parts", lambda *args: taken.append(1) or by_parts(*args))

    def parts_of(key: bytes) -> tuple[str, str, str]:
        split = key.decode().split(VALUE_SEPARATOR) if key else ()
        return tuple(split) if len(split) == 3 else ("", "", "")

    expected, _docnums = ranks_written_out([parts_of(k) for k in keys], sort)
    assert list(orders.ranks_of(keys)[sort]) == expected
    assert keys_are == "as written" or taken  # an odd key is never sorted as bytes


def test_an_unfiltered_querys_hit_array_is_converted_once_per_generation(segmented, monkeypatch):
    """Without facet filters the hits are the query's matching set: its ascending array is cached
    under the query (and `decisions_only`); filtered hits are converted per request."""
    from search import snapshot as snapshot_module

    conversions = []
    real = snapshot_module.sorted_docnums

    def counting(docnums, documents):
        conversions.append(len(docnums))
        return real(docnums, documents)

    monkeypatch.setattr(snapshot_module, "SMALL_SET", 1)  # the fixture's sets are small
    monkeypatch.setattr(snapshot_module, "sorted_docnums", counting)
    answers = {}
    for query, decisions_only in [("", False), ("flygtninge", False), ("flygtninge", True), ("", False),
                                  ("flygtninge", False), ("flygtninge", True)]:
        response = search(segmented, query, decisions_only=decisions_only, page_size=50)
        answers.setdefault((query, decisions_only), []).append(response.to_json())
    assert len(conversions) == 3 and all(conversions)
    assert all(first == again for first, again in answers.values())
    assert answers[("", False)][0]["total"] > answers[("flygtninge", False)][0]["total"] > answers[("flygtninge", True)][0]["total"] > 0


@pytest.mark.parametrize("query, clause", [
    ("Sag 588-2021-1874", ("588-2021-1874", "case_number")),  # the label Fjordby's minutes print
    ("Sag nr. 131", ("131", "item")),  # how Ravnsø's minutes number their items
    ("punkt nr. 15", ("15", "item")),
    ("sag 2015", ("sag", None)),  # "sag" before a plain number stays a word
    ("Sagsnr. 298112", ("298112", "case_number")),  # Mosevang numbers its cases with digits alone
    ("sagsnr 299835 dagsorden", ("299835", "case_number")),
    ("SagsID 18/1954", ("18/1954", "case_number")),  # the label Ålunde's minutes print
])
def test_labels_as_minutes_print_them_are_read_as_case_numbers_and_items(query, clause):
    first = parse(query).groups[0][0]
    assert (first.text, first.field) == clause


@pytest.mark.parametrize("query", ["kommune:Næstved", "21.05.2015", "punkt 15", "sagsnr:00.01.00-A21-1-14", "emne:flygtninge"])
def test_a_query_that_only_matches_fields_ranks_newest_first(seed_search, query):
    """Facet values, dates, items and case numbers match or not: every hit scores alike, so
    the relevance order is the date order (it used to be the order of indexing)."""
    by_relevance = seed_search.search(SearchRequest(query=query, page_size=100))
    by_date = seed_search.search(SearchRequest(query=query, sort="newest", page_size=100))
    assert by_relevance.total > 1
    assert [h.id for h in by_relevance.hits] == [h.id for h in by_date.hits]


@pytest.mark.parametrize("query, sort, order", [
    ("boligplacering", "relevance", "relevance"),
    ("kommune:Næstved boligplacering", "relevance", "relevance"),  # a field and a word: ranked by the word
    ("kommune:Næstved", "relevance", "newest"),
    ("sagsnr:00.01.00-A21-1-14", "relevance", "newest"),
    ("21.05.2015", "relevance", "newest"),
    ("", "relevance", "newest"),
    ("-flygtninge", "relevance", "newest"),  # an exclusion alone: nothing to rank by
    ("boligplacering", "newest", "newest"),
    ("kommune:Næstved", "oldest", "oldest"),
    ("boligplasering", "relevance", "relevance"),  # approximate hits rank by the spellings searched
])
def test_the_answer_says_how_its_hits_are_ordered(seed_search, query, sort, order):
    """`sort` is what was asked; `order` is how the hits are listed: "relevance" without words to
    rank by lists the newest meetings first, as the search page says beside its sort."""
    response = seed_search.search(SearchRequest(query=query, sort=sort, page_size=100))
    assert response.total > 1
    assert (response.to_json()["sort"], response.to_json()["order"]) == (sort, order)
    assert all(h.score == 0 for h in response.hits) == (order != "relevance")
    if order != "relevance":
        assert [h.id for h in response.hits] == [h.id for h in seed_search.search(
            SearchRequest(query=query, sort=order, page_size=100)).hits]


def test_a_field_clause_with_words_still_ranks_by_the_words(seed_search):
    ranked = seed_search.search(SearchRequest(query="kommune:Næstved boligplacering", page_size=100))
    by_words = seed_search.search(SearchRequest(query="boligplacering", filters={"municipality": ("Næstved",)}, page_size=100))
    assert ranked.total > 1 and ranked.hits[0].score > 0
    assert [h.id for h in ranked.hits] == [h.id for h in by_words.hits]


def test_a_written_out_date_marks_no_stray_numbers_or_months(seed_search):
    response = seed_search.search(SearchRequest(query="21. maj 2015", page_size=100))
    assert response.total
    marked = {m.lower() for h in response.hits for m in re.findall(r"<mark>(.*?)</mark>", h.snippet + h.title_html)}
    assert not marked & {"21", "maj", "2015"}, marked


def test_a_field_value_the_index_does_not_have_says_so(seed_search):
    response = seed_search.search(SearchRequest(query="kommune:Odense flygtninge"))
    assert response.total == 0 and response.notice == "Kommune «Odense» findes ikke i søgeindekset."
    assert seed_search.search(SearchRequest(query="kommune:Næstved flygtninge")).notice is None


def test_a_filter_value_the_index_does_not_have_says_so(seed_search):
    response = seed_search.search(SearchRequest(query="flygtninge", filters={"municipality": ("Atlantis",)}))
    assert response.total == 0 and response.notice == "Kommune «Atlantis» findes ikke i søgeindekset."
    known = seed_search.search(SearchRequest(query="flygtninge", filters={"municipality": ("Atlantis", "Næstved")}))
    # values of one facet are ORed: one is found, and the other is said (journalist review 37), not ignored
    assert known.total and known.notice == "Kommune «Atlantis» findes ikke i søgeindekset."


def test_a_proximity_suffix_is_named_and_the_phrase_searched(seed_search):
    response = seed_search.search(SearchRequest(query='"Modtagelse af flygtninge"~2'))
    assert "Nærhedssøgning («~2») understøttes ikke" in response.notice
    assert [h.id for h in response.hits] == [h.id for h in seed_search.search(SearchRequest(query='"Modtagelse af flygtninge"')).hits]


@pytest.mark.parametrize("query, plain, said", [
    ("flygtninge^2", "flygtninge", "Vægtning («^2») understøttes ikke; der blev søgt på «flygtninge»."),
    ("flygtninge^1000 boligplacering", "flygtninge boligplacering", "Vægtning («^1000») understøttes ikke"),
    ("flygtninge~1", "flygtninge", "Omtrentlig søgning («~1») understøttes ikke; der blev søgt på «flygtninge»."),
    ('"Modtagelse af flygtninge"^2', '"Modtagelse af flygtninge"', "Vægtning («^2») understøttes ikke; der blev søgt på frasen."),
])
def test_a_lucene_weight_or_edit_distance_is_named_and_the_word_searched(seed_search, query, plain, said):
    # Read as part of the word, the number was required too: "flygtninge^2" found 2 of 11 items silently.
    response = seed_search.search(SearchRequest(query=query))
    expected = seed_search.search(SearchRequest(query=plain))
    assert expected.total > 0 and [h.id for h in response.hits] == [h.id for h in expected.hits]
    assert said in response.notice


def test_a_one_letter_wildcard_inside_a_word_is_named(seed_search):
    response = seed_search.search(SearchRequest(query="fly?tninge"))
    assert "«fly?tninge»: ? som jokertegn understøttes ikke; brug * i slutningen af et ord" in response.notice
    assert seed_search.search(SearchRequest(query="fritidspas?")).notice is None  # a question mark after a word is no wildcard


@pytest.mark.parametrize("query, clause", [("maj 2015", ("2015-05", "month")), ("Februar 2017", ("2017-02", "month")),
                                           ("21. maj 2015", ("21. maj 2015", "date")), ("maj", ("maj", None))])
def test_a_month_and_year_are_read_as_the_whole_month(query, clause):
    first = parse(query).groups[0][0]
    assert (first.text, first.field) == clause


@pytest.mark.parametrize("query, month", [("sept 2015", "2015-09"), ("Okt. 2015", "2015-10"), ("dec 2019", "2019-12"),
                                          ("dato: sept 2015", "2015-09"), ("mar 2024", "2024-03"),
                                          ("jul. 2019", "2019-07"), ("febr 2017", "2017-02"), ("febr. 2017", "2017-02")])
def test_a_months_abbreviation_before_a_year_is_the_month_as_the_period_reads_it(query, month):
    # "sept 2015" was two words while --from "sept 2015" meant September (a code review).
    parsed = parse(query)
    assert [(c.text, c.field) for group in parsed.groups for c in group] == [(month, "month")]
    assert "blev læst som måneden" in " ".join(parsed.notices)


def test_jul_before_a_year_stays_words():  # as likely Christmas as July; «jul.» with its stop is July
    assert [c.text for group in parse("jul 2019").groups for c in group] == ["jul", "2019"]


@pytest.mark.parametrize("typed", ["mar 2024", "jul. 2019", "febr 2017", "sept. 2015", "Okt 2015"])
def test_the_query_box_and_the_period_read_a_months_abbreviation_alike(typed):
    from indexer.dates import parse_month

    year, month = parse_month(typed)
    assert [(c.text, c.field) for group in parse(typed).groups for c in group] == [(f"{year}-{month:02d}", "month")]


def test_an_abbreviated_month_finds_the_same_meetings_as_its_name(seed_search):
    named = seed_search.search(SearchRequest(query="september 2015", page_size=100))
    short = seed_search.search(SearchRequest(query="sept. 2015", page_size=100))
    assert named.total > 0 and [h.id for h in short.hits] == [h.id for h in named.hits]


def test_a_month_finds_the_meetings_held_in_it_newest_first(seed_search):
    meeting = seed_search.search(SearchRequest(query="21.05.2015", page_size=100))
    month = seed_search.search(SearchRequest(query="maj 2015", page_size=100))
    assert meeting.total == 7 and {h.id for h in meeting.hits} <= {h.id for h in month.hits}
    june = {h.id for h in seed_search.search(SearchRequest(query="juni 2015", page_size=100)).hits}
    assert len(june & {h.id for h in meeting.hits}) < meeting.total  # only items that name a June date
    assert [h.id for h in month.hits] == [h.id for h in seed_search.search(SearchRequest(query="maj 2015", sort="newest", page_size=100)).hits]


# --- Dates as a journalist types or copies them ------------------------------------------------

def clauses(query: str) -> list[tuple[str, str | None, bool]]:
    return [(c.text, c.field, c.negated) for group in parse(query).groups for c in group]


@pytest.mark.parametrize("query, read", [
    ("21.5.15", "21.05.2015"),  # a two-digit year: searched as the date the documents print
    ("21.05.15", "21.05.2015"),
    ("21/5-15", "21.05.2015"),
    ("21.maj 2015", "21.05.2015"),  # no space after the day's dot
    ("21.maj.2015", "21.05.2015"),
    ("21 maj 2015", "21 maj 2015"),  # forms the documents' patterns read stay as typed
    ("d. 21/5 2015", "21/5 2015"),  # "d." and "den" are no words to search
    ("den 21. maj 2015", "21. maj 2015"),
    ("d.21.05.2015", "21.05.2015"),
    ("Torsdag den 21. maj 2015 kl. 17.00", "21. maj 2015"),  # as a meeting's head prints it
    ("Mødedato: 21.05.2015", "21.05.2015"),
    ("Dato:        Torsdag den 21. maj 2015", "21. maj 2015"),
    ("mødedato:21.5.15", "21.05.2015"),
])
def test_a_date_as_typed_or_copied_is_one_date_clause(query, read):
    assert clauses(query) == [(read, "date", False)]


@pytest.mark.parametrize("query", ["21.5.15", "21.05.15", "21/5-15", "21.maj 2015", "21.maj.2015", "d. 21/5 2015",
                                   "den 21. maj 2015", "Torsdag den 21. maj 2015 kl. 17.00", "Mødedato: 21.05.2015"])
def test_every_form_of_a_date_finds_that_meeting(seed_search, query):
    as_printed = seed_search.search(SearchRequest(query="21.05.2015", page_size=100))
    typed = seed_search.search(SearchRequest(query=query, page_size=100))
    assert as_printed.total == 7
    assert [h.id for h in typed.hits] == [h.id for h in as_printed.hits]


def test_a_two_digit_year_says_how_it_was_read_and_quotes_search_the_number(seed_search):
    """A two-digit year is a guess ("27.05.15" could be a KLE code): the answer names the date searched."""
    response = seed_search.search(SearchRequest(query="21.05.15"))
    assert response.total == 7
    assert response.notice == ('«21.05.15» blev søgt som datoen 21. maj 2015; skriv "21.05.15" i anførselstegn '
                               'for at søge efter det som tekst.')
    assert clauses('"21.05.15"') == [("21.05.15", None, False)]
    assert seed_search.search(SearchRequest(query="21.05.2015")).notice is None


@pytest.mark.parametrize("query", ["1.2.3", "2.7.5", "00.01.00", "17.01.00", "15.20.15", "00.01.00-A21-1-14",
                                   "31.02.15", "23/2", "12.500", "3.1.15-A"])
def test_numbers_that_are_no_dates_stay_words(query):
    # A section reference or version has a one-digit last part; KLE codes have day 0, a
    # "month" above 12 or the topic 00 (no year 2000 is read from "00"); 31.02 is no day.
    assert clauses(query) == [(query, None, False)]


@pytest.mark.parametrize("query", ["A21-1-14", "a21-1-14", "sagsnr A21-1-14", "sagsnr:A21-1-14"])
def test_the_tail_of_a_case_number_after_its_journal_code_finds_the_case(seed_search, query):
    """Reporters copy «A21-1-14» from a letter without the journal plan's «00.01.00-»."""
    whole = seed_search.search(SearchRequest(query="sagsnr:00.01.00-A21-1-14", page_size=50))
    response = seed_search.search(SearchRequest(query=query, page_size=50))
    assert whole.total == 14
    assert {h.id for h in response.hits} == {h.id for h in whole.hits}


def test_a_short_tail_of_a_case_number_names_no_case(seed_search):
    # «1-14» ends a great many case numbers: only a text that writes it matches
    assert seed_search.search(SearchRequest(query="sagsnr:1-14")).total == 0
    assert seed_search.search(SearchRequest(query="1-14")).total == 0


def test_a_case_number_shaped_like_a_date_stays_one_after_its_label(seed_search):
    assert clauses("sagsnr 27.05.15") == [("27.05.15", "case_number", False)]
    assert seed_search.search(SearchRequest(query="00.01.00")).total > 1  # the KLE code still finds its cases


@pytest.mark.parametrize("query, read", [
    ("4.-5. juni 2026", [("04.06.2026", "date", False), ("5. juni 2026", "date", False)]),
    ("30. maj - 4. juni 2026", [("30.05.2026", "date", False), ("4. juni 2026", "date", False)]),
    ("-4.-5. juni 2026", [("04.06.2026", "date", True), ("5. juni 2026", "date", True)]),
    ("21.05.2015 -23.02.2017", [("21.05.2015", "date", False), ("23.02.2017", "date", True)]),  # an exclusion
    # Two full dates with a bare dash: read as neither before, one word that no text held.
    ("04.06.2026-05.06.2026", [("04.06.2026", "date", False), ("05.06.2026", "date", False)]),
])
def test_a_range_of_days_is_either_day(query, read):
    assert clauses(query) == read


def test_a_range_of_days_finds_the_meeting_it_dates(seed_search):
    # It was read as "4." (no date, dropped) and an exclusion of 5 June: every other passage.
    response = seed_search.search(SearchRequest(query="Mødedato: 4.-5. juni 2026", page_size=100))
    assert response.total == seed_search.search(SearchRequest(query="04.06.2026")).total > 0
    assert {h.meeting_date for h in response.hits} == {"2026-06-04"}
    assert seed_search.search(SearchRequest(query="04.06.2026-05.06.2026")).total == response.total


def test_a_date_and_words_search_both(seed_search):
    response = seed_search.search(SearchRequest(query="flygtninge den 21.5.15", page_size=100))
    assert clauses("flygtninge den 21.5.15") == [("flygtninge", None, False), ("21.05.2015", "date", False)]
    assert response.total and {h.meeting_date for h in response.hits} == {"2015-05-21"}
    assert any(h.title == "Modtagelse af flygtninge" for h in response.hits)


def test_search_21_5_15_on_the_command_line_finds_the_naestved_meeting(runner, seed_index_dir):
    from conftest import run

    result = run(runner, "search", "21.5.15", "--json", "--limit", "100", "--index-dir", seed_index_dir)
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["total"] == 7 and answer["notice"].startswith("«21.5.15» blev søgt som datoen 21. maj 2015")
    assert {(h["municipality"], h["council"], h["meeting_date"]) for h in answer["hits"]} == {
        ("Næstved", "Integrationsrådet", "2015-05-21")}
    assert "Modtagelse af flygtninge" in {h["title"] for h in answer["hits"]}


# --- A period of meeting dates ------------------------------------------------------------

@pytest.mark.parametrize("date_from, date_to, expected", [
    ("2017-02-23", "2017-02-23", {"Status på flygtninge", "Nyt fra formanden"}),  # both ends included
    ("2017-02-24", "", {"Beslutninger om dagsordenen", "Eventuelt", "Forord", "Beskæftigelse"}),
    # the 2019 annual report overlaps a period that ends early in 2019, and one inside 2019
    ("", "2019-03-01", {"Godkendelse af referatet", "Modtagelse af flygtninge", "Medborgerskabspolitikken",
                        "Status på flygtninge", "Nyt fra formanden", "Forord", "Beskæftigelse"}),
    ("2019-06-01", "2019-06-30", {"Forord", "Beskæftigelse"}),
    ("2020-01-01", "2025-12-31", set()),
])
def test_a_period_keeps_meetings_by_date_and_annual_reports_by_year(index, date_from, date_to, expected):
    response = search(index, date_from=date_from, date_to=date_to)
    assert titles(response) == expected and response.total == len(expected)
    for facet in ("municipality", "doc_type"):  # the counts are the period's
        assert sum(v.count for v in response.facets[facet]) == response.total, facet


def test_a_period_combines_with_words_and_facets(index):
    response = search(index, "flygtninge", date_from="2016-01-01", filters={"municipality": "Næstved"})
    assert titles(response) == {"Status på flygtninge"}
    counts = {v.value: v.count for v in response.facets["municipality"]}
    assert counts == {"Næstved": 1, "Aarhus": 1}  # its own facet's counts drop its own filter only


def test_undated_passages_are_in_no_period(tmp_path: Path):
    undated = example_document("udateret.txt", [P("Flygtninge", "Om flygtninge.")])
    undated = _placed(undated, meeting_date=None, year=None)
    dated = example_document("dateret.txt", [P("Flygtninge", "Om flygtninge.", meeting_date="2018-04-05", year=2018)])
    with open_index(tmp_path / "index", create=True) as fresh:
        with fresh.writer() as writer:
            writer.add(undated, tmp_path)
            writer.add(dated, tmp_path)
        assert search(fresh, "flygtninge").total == 2
        assert [h.meeting_date for h in search(fresh, "flygtninge", date_to="2030-01-01").hits] == ["2018-04-05"]


@pytest.mark.parametrize("params, parameter, code", [
    ({"from": ["igår"]}, "from", "invalid_date"),
    ({"to": ["31.02.2019"]}, "to", "invalid_date"),
    ({"from": ["2019-05-21 og mere"]}, "from", "invalid_date"),
    ({"from": ["2019"], "to": ["2018"]}, "to", "invalid_period"),
])
def test_a_period_that_is_not_one_is_a_danish_error_naming_its_end(params, parameter, code):
    from search import parse_request

    with pytest.raises(InvalidParameter) as raised:
        parse_request(params)
    assert (raised.value.parameter, raised.value.code) == (parameter, code)
    assert "dato" in raised.value.message.lower() or "perioden" in raised.value.message.lower()


@pytest.mark.parametrize("typed", ["0001-01-01", "9999-12-31", "1850-06-01", "01.01.1850", "1. januar 1850", "1850"])
def test_a_real_date_outside_the_searchable_years_is_said_to_be_so_not_no_date(typed):
    from search import parse_request

    with pytest.raises(InvalidParameter) as raised:
        parse_request({"from": [typed]})
    assert raised.value.code == "invalid_date"
    assert raised.value.message == f"Fra-datoen «{typed}» ligger uden for de år, der kan søges i (1900–2100)."


@pytest.mark.parametrize("fields, name", [
    ({"date_from": "21.05.2015"}, "date_from"),  # raised int()'s ValueError from inside the search
    ({"date_to": "2015-5-21"}, "date_to"),  # searched a period of nonsense numbers
    ({"date_to": "2015-02-30"}, "date_to"),
    ({"date_from": "maj 2015"}, "date_from"),
    ({"date_from": "2017-01-01", "date_to": "2016-12-31"}, "date_to"),
])
def test_a_request_built_in_code_refuses_a_period_that_is_not_iso_dates(seed_search, fields, name):
    with pytest.raises(ValueError, match=rf"SearchRequest\.{name}\b"):
        SearchRequest(query="flygtninge", **fields)
    request = SearchRequest(query="flygtninge", date_from="2015-05-21", date_to="2015-05-21")
    assert seed_search.search(request).total > 0
    assert seed_search.search(request.with_changes(date_from="")).total > 0
    with pytest.raises(ValueError, match="SearchRequest.date_to"):
        request.with_changes(date_to="21.05.2015")


def test_a_period_is_written_in_any_danish_form_and_a_year_spans_it():
    from search import parse_request

    request = parse_request({"from": ["21. maj 2015"], "to": ["2017"]})
    assert (request.date_from, request.date_to) == ("2015-05-21", "2017-12-31")
    assert parse_request({"from": ["23.2.2017"], "to": [""]}).date_from == "2017-02-23"


@pytest.mark.parametrize("typed", ["maj 2015", "Maj 2015", "MAJ 2015", "maj. 2015", "2015-05", "05.2015", "5.2015",
                                   "05/2015", "05-2015"])
def test_a_month_is_a_period_from_its_first_to_its_last_day(typed):
    from search import parse_request

    request = parse_request({"from": [typed], "to": [typed]})
    assert (request.date_from, request.date_to) == ("2015-05-01", "2015-05-31")


@pytest.mark.parametrize("typed, last_day", [("februar 2020", "2020-02-29"), ("2019-02", "2019-02-28"),
                                             ("2.2000", "2000-02-29"), ("02.1900", "1900-02-28"), ("april 2019", "2019-04-30"),
                                             ("dec 2019", "2019-12-31")])
def test_a_month_ends_on_its_last_day_in_leap_years_too(typed, last_day):
    from search import parse_request

    assert parse_request({"to": [typed]}).date_to == last_day


@pytest.mark.parametrize("typed", ["maj", "mej 2015", "13.2015", "2015-13", "00.2015", "maj 20155", "maj 2015 og juni",
                                   "15.2015.05"])
def test_what_is_not_a_month_is_still_refused_in_danish(typed):
    from search import parse_request

    with pytest.raises(InvalidParameter) as raised:
        parse_request({"from": [typed]})
    assert raised.value.code == "invalid_date"
    assert raised.value.message.startswith(f"Fra-datoen «{typed}» er ikke en dato.")


def test_a_month_period_finds_that_months_meetings(index):
    from search import parse_request

    request = parse_request({"from": ["februar 2017"], "to": ["2017-02"], "page_size": ["100"]})
    assert titles(index.search(request)) == {"Status på flygtninge", "Nyt fra formanden"}
    march = parse_request({"from": ["marts 2017"], "to": ["marts 2017"], "page_size": ["100"]})
    assert titles(index.search(march)) == set()


def test_minutes_with_a_year_but_no_date_are_in_a_period_by_their_year(tmp_path: Path):
    """They sort as 31 December; a period of June found no such minutes and one holding
    31 December found them, as if held that day. A real 31 December meeting keeps its day."""
    year_only = _placed(example_document("notat-2019.txt", [P("Flygtninge", "Om flygtninge.")]), meeting_date=None, year=2019)
    new_year = example_document("nytaar.txt", [P("Flygtninge", "Om flygtninge.", meeting_date="2019-12-31", year=2019)])
    with open_index(tmp_path / "index", create=True) as fresh:
        with fresh.writer() as writer:
            writer.add(year_only, tmp_path)
            writer.add(new_year, tmp_path)
        june = search(fresh, "flygtninge", date_from="2019-06-01", date_to="2019-06-30")
        assert [h.source for h in june.hits] == ["notat-2019.txt"]
        assert {h.source for h in search(fresh, "flygtninge", date_from="2019-12-31").hits} == {"notat-2019.txt", "nytaar.txt"}
        assert search(fresh, "flygtninge", date_from="2020-01-01").total == 0


# Attendance: who was at the meeting, who was away


@pytest.fixture(scope="module")
def attendance_index(tmp_path_factory):
    # As the pipeline gives them: those present, without the absent (`enrich` leaves them out).
    docs = [
        example_document("fjordby-2021.txt", [
            P("Boligplacering af flygtninge", "Kvoten for 2022.", "Godkendt.", meeting_date="2021-11-25", year=2021,
              present=("Rasmus Kvist (formand)", "Nadia Farouk", "Bent Lykke"), absent=("Fatima Osmani",)),
            P("Eventuelt", "Intet.", meeting_date="2021-11-25", year=2021,
              present=("Rasmus Kvist (formand)", "Nadia Farouk", "Bent Lykke"), absent=("Fatima Osmani",)),
        ]),
        example_document("fjordby-2022.txt", [
            P("Foreningspuljen", "Tilskud til foreninger. Nadia Farouk orienterede.", "Godkendt.", meeting_date="2022-01-20",
              year=2022, present=("Nadia Farouk", "Fatima Osmani", "Bent Lykke"), absent=("Rasmus Kvist",)),
        ]),
    ]
    yield from indexed(docs, tmp_path_factory.mktemp("attendance"))


def test_absent_and_present_fields_find_the_meetings_of_a_member(attendance_index):
    away = search(attendance_index, 'fraværende:"Fatima Osmani"')
    assert [h.title for h in away.hits] == ["Boligplacering af flygtninge", "Eventuelt"]
    # Away from one meeting, there at the other.
    assert titles(search(attendance_index, 'deltager:"Fatima Osmani"')) == {"Foreningspuljen"}
    assert [h.meeting_date for h in search(attendance_index, 'deltager:"Rasmus Kvist"').hits] == ["2021-11-25"] * 2
    assert titles(search(attendance_index, "afbud:Kvist")) == {"Foreningspuljen"}
    # With words: the items of those meetings that hold them.
    assert titles(search(attendance_index, "deltager:Farouk boligplacering")) == {"Boligplacering af flygtninge"}
    assert search(attendance_index, 'deltager:"Ole Riis"').total == 0


def test_a_name_only_on_attendance_lists_finds_its_meetings_and_says_where_it_stands(attendance_index):
    # Named in no text, only in the lists of members: the items of those meetings, and why.
    listed = search(attendance_index, "Bent Lykke")
    assert titles(listed) == {"Boligplacering af flygtninge", "Eventuelt", "Foreningspuljen"}
    assert not listed.approximate and 'deltager:"Bent Lykke"' in listed.notice
    # Named in one item's text, listed at another meeting too: the text's hits, and a pointer.
    spoke = search(attendance_index, "Nadia Farouk")
    assert titles(spoke) == {"Foreningspuljen"} and 'deltager:"Nadia Farouk"' in spoke.notice
    # No pointer for words that are no one's name.
    # Away from one meeting (absentees are in the text), present at the other: both told.
    chair = search(attendance_index, "Rasmus Kvist")
    assert titles(chair) == {"Foreningspuljen"} and 'deltager:"Rasmus Kvist"' in chair.notice
    assert search(attendance_index, "boligplacering").notice is None
    assert search(attendance_index, "Ole Riis").total == 0


@pytest.fixture
def misspelt_member_index(tmp_path):
    # «Basir» is on the lists only; the texts have «basis», which Danish writes often.
    docs = [example_document("fjordby-2023.txt", [
        P("Budget 2024", "Indstillingen er udarbejdet på basis af de seneste tal. Budgettet er på basis af 2023.",
          "Godkendt.", meeting_date="2023-03-02", year=2023, present=("Basir Ahmadi", "Bent Lykke")),
        P("Foreningspuljen", "Jovanovic fra foreningen orienterede.", meeting_date="2023-03-02", year=2023,
          present=("Basir Ahmadi", "Bent Lykke")),
    ])]
    yield from indexed(docs, tmp_path)


@pytest.mark.parametrize("query, meant, notice", [
    # not «basis», a word of the texts two edits away
    ("Basiir", "Basir", "«Basiir» står hverken i teksten eller på deltagerlisterne, men «Basir» står på mødernes "
                        "deltagerlister: her er møderne med «Basir» som deltager eller fraværende "
                        "(søg deltager:Basir eller fraværende:Basir)."),
    ("Bent Lykkke", "Bent Lykke", "«Lykkke» står hverken i teksten eller på deltagerlisterne, men «Lykke» står på "
                                  "mødernes deltagerlister: her er møderne med «Bent Lykke» som deltager eller "
                                  'fraværende (søg deltager:"Bent Lykke" eller fraværende:"Bent Lykke").'),
    ("basiir ahmadi", "basir ahmadi", None),
])
def test_a_misspelt_name_is_corrected_from_the_attendance_lists(misspelt_member_index, query, meant, notice):
    answer = search(misspelt_member_index, query)
    assert answer.suggestion == meant and answer.approximate
    assert titles(answer) == {"Budget 2024", "Foreningspuljen"}  # the meeting the lists name him at
    assert answer.notice == notice or notice is None and 'deltager:"basir ahmadi"' in answer.notice


def test_a_misspelt_name_of_several_words_is_checked_whole_on_the_lists(tmp_path):
    """«Francisco Ortega» is «Fransisco Ortega» of the lists, though a text names «Francis» (one
    ending away); «Tony Ploug» is «Tonny Ploug»: four letters are corrected on the lists."""
    docs = [example_document("roskilde-2026.txt", [
        P("Budget", "Francis fra foreningen orienterede.", meeting_date="2026-06-04", year=2026,
          present=("Fransisco Ortega", "Tonny Ploug")),
    ])]
    for index in indexed(docs, tmp_path):
        for typed, meant in (("Francisco Ortega", "Fransisco Ortega"), ("Tony Ploug", "Tonny Ploug"),
                             ("francisco ortega", "fransisco ortega")):
            answer = search(index, typed)
            assert (answer.suggestion, titles(answer), answer.approximate) == (meant, {"Budget"}, True), typed
        # words the lists do not name together stay the texts' business
        assert search(index, "Francisco Ploug").suggestion != "Fransisco Ploug"


def test_a_name_without_its_middle_name_finds_the_meetings_that_list_it(tmp_path):
    docs = [example_document("roskilde-2025.txt", [
        P("Foreningspuljen", "Rådet drøftede puljen.", meeting_date="2025-06-04", year=2025,
          present=("Tina Hasselager", "Poul Sand")),
    ]), example_document("roskilde-2026.txt", [
        P("Budget", "Rådet drøftede budgettet.", meeting_date="2026-06-04", year=2026,
          present=("Tina Svarre Hasselager", "Mette Boye"), absent=("Poul Erik Sand",)),
    ])]
    for index in indexed(docs, tmp_path):
        answer = search(index, "Tina Hasselager")
        assert titles(answer) == {"Budget", "Foreningspuljen"} and not answer.approximate
        assert answer.notice.startswith("«Tina Hasselager» står ikke i teksten, men på mødernes deltagerlister "
                                        "(som «Tina Svarre Hasselager»): ")  # a list that spells it in full
        assert titles(search(index, 'fraværende:"Poul Sand"')) == {"Budget"}
        assert titles(search(index, 'deltager:"Poul Sand"')) == {"Foreningspuljen"}
        # the words in the order of the name, not any two names of the list
        assert search(index, 'deltager:"Hasselager Tina"').total == 0
        assert search(index, 'deltager:"Tina Boye"').total == 0
        assert search(index, 'deltager:"Tina Sand"').total == 0  # «Tina Hasselager» above «Poul Sand»: two people


def test_a_misspelt_name_that_the_texts_spell_right_finds_the_texts_items_first(tmp_path):
    """«Niels Bakgaard»: the lists' «Bækgaard» is in an item's title too. The respelt name was
    searched on the lists only, its own item sixth among the meeting's items in item order, and
    the notice said the texts did not hold it."""
    docs = [example_document("lyngsoe-2011.txt", [
        P(f"Punkt {n}", "Rådet drøftede sagen.", meeting_date="2011-11-10", year=2011,
          present=("Niels Bækgaard", "Eva Holm")) for n in range(1, 6)
    ] + [P("Forslag fra Niels Bækgaard (F) om gratis buskort", "Forslaget blev drøftet.", meeting_date="2011-11-10",
           year=2011, present=("Niels Bækgaard", "Eva Holm"))])]
    for index in indexed(docs, tmp_path):
        answer = search(index, "Niels Bakgaard")
        assert answer.suggestion == "Niels Bækgaard" and answer.approximate
        assert titles(answer) == {"Forslag fra Niels Bækgaard (F) om gratis buskort"}
        assert "står hverken i teksten" not in answer.notice
        assert "«Bakgaard» også som «Bækgaard»" in answer.notice
        assert 'søg deltager:"Niels Bækgaard" for dem' in answer.notice  # the other items, as for the name typed right


def test_a_misspelt_name_the_texts_spell_as_closely_is_corrected_from_the_texts(misspelt_member_index):
    # «Jovanovic» is a word of one item's text and on no list: the text's close spelling, as before.
    answer = search(misspelt_member_index, "Jovanovich")
    assert answer.suggestion == "Jovanovic" and titles(answer) == {"Foreningspuljen"}
    assert "deltagerlister" not in (answer.notice or "")
    # A word closer to the texts' «basis» than to any name stays a correction from the texts.
    assert search(misspelt_member_index, "bassis").suggestion == "basis"


def test_a_facet_with_more_values_than_it_lists_says_how_many_more(tmp_path):
    """60 items, each with its own case handler: the facet listed 50 and summed to 50 of 60,
    without a word. The answer says how many values it leaves out; the page links a list of all."""
    handlers = [f"Sagsbehandler {n:02d}" for n in range(60)]
    docs = [example_document("budget-2024.txt", [
        P(f"Budget {n}", "Budgettet blev drøftet.", case_handler=handler, meeting_date="2024-03-01", year=2024)
        for n, handler in enumerate(handlers)])]
    for index in indexed(docs, tmp_path):
        answer = search(index, "budget")
        listed = answer.facets["case_handler"]
        assert answer.total == 60 and len(listed) == 50 and answer.facets_more == {"case_handler": 10}
        assert answer.to_json()["facets_more"] == {"case_handler": 10}
        # a selected value beyond the first 50 is listed as well, and not counted among the others
        last = sorted(handlers)[-1]
        assert last not in {fv.value for fv in listed}
        narrowed = index.search(SearchRequest(query="budget", filters={"case_handler": (last,)}))
        assert narrowed.total == 1 and narrowed.facets_more == {"case_handler": 9}
        assert last in {fv.value for fv in narrowed.facets["case_handler"]}
        assert search(index, "Budget 7").facets_more == {}  # a facet that lists all its values says nothing
    from webui import create_app

    page = create_app({"INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(tmp_path)}).test_client().get(
        "/", query_string={"q": "budget"}).get_data(as_text=True)
    page = " ".join(page.split())
    assert "Vis 50 af 60" in page and "og 10 andre med færre resultater." in page
    assert 'href="/?q=budget&amp;all_values=case_handler#facet-case_handler">Vis alle 60' in page


@pytest.mark.parametrize("word", ["eller", "or"])
def test_or_in_small_letters_says_it_is_no_operator(index, word):
    # «flygtninge eller boligplacering» was the AND of the two words, without a word said
    response = search(index, f"flygtninge {word} boligplacering")
    assert (f"«{word}» i små bogstaver er ikke ELLER: alle ordene skal forekomme; skriv flygtninge ELLER "
            "boligplacering for at finde punkter med et af dem.") in response.notice
    assert response.total < search(index, "flygtninge ELLER boligplacering").total
    assert "små bogstaver" not in (search(index, "flygtninge ELLER boligplacering").notice or "")


def test_a_word_typed_twice_counts_once(index):
    # «flygtninge sundhed sundhed»: an item with sundhed alone had 2 of 3 words, above every
    # item with flygtninge; and «xyzzy» og «xyzzy» were named twice
    twice, once = search(index, "flygtninge boligplacering boligplacering xyzzy xyzzy"), search(
        index, "flygtninge boligplacering xyzzy")
    assert titles(twice) == titles(once) and twice.total == once.total and twice.notice == once.notice
    assert twice.notice.count("«xyzzy»") == 1


@pytest.mark.parametrize("typed", ["31.02.2015", "30-02-2015", "2015-13-45", "32.01.2015"])
def test_a_date_that_cannot_be_is_said_not_a_silent_zero(index, typed):
    response = search(index, typed)
    assert response.total == 0 and response.notice.startswith(
        f"«{typed}» er ingen gyldig dato; der er søgt efter tegnene i teksterne.")
    assert search(index, "21.05.2015").notice is None or "gyldig" not in search(index, "21.05.2015").notice


def test_two_values_of_a_one_value_field_say_why_nothing_is_found(index):
    # «kommune:Næstved kommune:Roskilde» was a silent zero: ANDed, no item has both
    response = search(index, "kommune:Næstved kommune:Roskilde")
    assert response.total == 0 and response.notice == (
        "Et punkt har kun én kommune, så kommune:Næstved og kommune:Roskilde finder intet sammen; "
        "skriv kommune:Næstved ELLER kommune:Roskilde for at finde begge.")
    assert "kun ét år" in search(index, "år:2017 år:2015").notice
    assert search(index, "kommune:Næstved ELLER kommune:Roskilde").total > 0
    assert "kun én" not in (search(index, "kommune:naestved kommune:Næstved").notice or "")  # one value, spelt twice


def test_an_attendance_or_case_number_value_that_finds_nothing_is_said(tmp_path):
    docs = [example_document("fjordby-2023.txt", [
        P("Budget 2024", "Godkendt.", meeting_date="2023-03-02", year=2023, case_number="00.01.00-A21-1-14",
          case_handler="Helle Waage-Jensen", present=("Basir Ahmadi", "Bent Lykke"))])]
    for index in indexed(docs, tmp_path):
        staff = search(index, 'deltager:"Helle Waage-Jensen"')
        assert staff.total == 0 and staff.notice == (
            "Ingen deltagerliste nævner «Helle Waage-Jensen» som deltager (administrationens folk og "
            "sagsbehandlere står ikke på listerne).")
        assert search(index, 'fraværende:"Ole Riis"').notice == "Ingen deltagerliste nævner «Ole Riis» som fraværende."
        # a name on the other list is said to stand there (journalist review 37)
        assert search(index, 'fraværende:"Bent Lykke"').notice == (
            'Ingen deltagerliste nævner «Bent Lykke» som fraværende, men listerne nævner «Bent Lykke» som deltager '
            '(søg deltager:"Bent Lykke").')
        short = search(index, "sagsnr:1-14")
        assert short.total == 0 and short.notice.startswith("Intet sagsnummer i søgeindekset hedder, begynder eller ender med «1-14»")
        assert search(index, 'deltager:"Bent Lykke"').notice is None and search(index, "sagsnr:A21-1-14").total == 1


def test_a_star_outside_the_text_fields_is_read_or_said(tmp_path):
    # «sagsnr:00.01.00*» kept the * literally: nothing found, nothing said; «kommune:Næst*»
    # was said not to exist
    docs = [example_document("naestved-2015.txt", [
        P("Budget", "Godkendt.", case_number="00.01.00-A21-1-14", case_handler="Mette Jung Christensen")])]
    for index in indexed(docs, tmp_path):
        assert search(index, "sagsnr:00.01.00*").total == search(index, "sagsnr:00.01.00").total == 1
        assert search(index, "sagsnr:00.01.00*").notice is None
        handler = search(index, "sagsbehandler:Mette*")
        assert handler.total == 1 and handler.notice == "* virker ikke i sagsbehandler:; der blev søgt på «Mette»."


def test_a_word_in_quotes_no_text_holds_is_said_with_what_it_finds_without_them(index):
    # «"21.05.2015"» (the date notice says quotes search the characters) was a silent zero
    quoted = search(index, '"flygtningene"')
    assert quoted.total > 0 and quoted.notice is None  # a word the texts hold: as before
    year, month, day = search(index, "").hits[0].meeting_date.split("-")
    date = f"{day}.{month}.{year}"  # a meeting's date, which no item's text writes so
    missing = search(index, f'"{date}"')
    unquoted = search(index, date).total
    assert missing.total == 0 and unquoted > 0
    assert missing.notice == f"Ordet «{date}» står ikke ordret i teksterne; uden anførselstegn findes {unquoted} punkter."
    assert missing.suggestion == date  # the query without its quotes, to follow


def test_a_minus_after_a_fields_colon_excludes_as_before_it(index):
    # «titel:-flygtninge» found the items titled with flygtninge, the opposite of what was asked
    assert titles(search(index, "titel:-flygtninge")) == titles(search(index, "-titel:flygtninge"))
    assert not titles(search(index, "titel:-flygtninge")) & titles(search(index, "titel:flygtninge"))


def test_two_spellings_of_one_facet_value_are_one_value_with_both_counts():
    """«Aahavn» and «Åhavn» (files spelling the town two ways) filter alike, and were listed as two
    values, each link finding the sum of both (a journalist review)."""
    import numpy as np

    column = FacetColumn(((), ("Aahavn",), ("Åhavn",), ("Næstved",)), array("I", [1, 2, 2, 3, 1, 0]))
    assert column.values == ("Åhavn", "Næstved")
    assert column.count(range(6)) == Counter({"Åhavn": 4, "Næstved": 1})
    assert column.count(np.arange(6)) == Counter({"Åhavn": 4, "Næstved": 1})
