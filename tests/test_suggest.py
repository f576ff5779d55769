""""Mente du …?" and the approximate fallback for typos that used to find nothing.

Searched through the product (`SearchIndex.search`) on the seeds, and on the seeds plus the
layout minutes (whose extra passages put compounds such as "Integrationsrådet" before the
plain word in the index), with the suggestion and the spellings searched as the user sees them.
"""

from __future__ import annotations

import shutil

import pytest

from search import SearchRequest, open_index, suggest
from tests.conftest import LAYOUTS, SEEDS


@pytest.fixture(scope="module")
def wide_index(tmp_path_factory):
    """The seeds and the layout minutes in one index, as a reporter's archive would hold them."""
    from indexer.update import update_index

    corpus = tmp_path_factory.mktemp("seeds-and-layouts")
    for path in [*SEEDS.iterdir(), *LAYOUTS.glob("*.txt")]:
        if path.is_file():
            shutil.copy(path, corpus / path.name)
    index_dir = tmp_path_factory.mktemp("wide-index")
    report = update_index([corpus], index_dir)
    assert not report.skipped, report.skipped
    index = open_index(index_dir)
    yield index
    index.close()


def search(index, query: str):
    return index.search(SearchRequest(query=query))


def spelt_as(response) -> str:
    return response.notice.split("Der er søgt på lignende stavemåder: ", 1)[1]


# 1. A term whose first passages have it only inside compounds or in a farther form


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [("integrtion", "integration"), ("beskæftigese", "beskæftigelse"), ("integartion", "integration"),
     ("beskæftigesle", "beskæftigelse")],
)
def test_a_word_found_first_only_inside_compounds_is_still_suggested(wide_index, typed, suggestion):
    response = search(wide_index, typed)
    assert response.suggestion == suggestion
    assert response.approximate and response.total > 0
    assert spelt_as(response) == f"«{typed}» også som «{suggestion}»."


def test_passages_are_read_until_a_word_one_edit_from_the_typo(wide_index, seed_index):
    wide = wide_index._searcher()
    # The first passage with "integration" has only compounds ("Integrationsrådets").
    assert suggest.spelling(wide, "integration", "integrtion", passages=1) is None
    assert suggest.spelling(wide, "integration", "integrtion") == "integration"
    # The first passage with "raad" has "rådets", two edits from "radet" once the ending counts.
    assert suggest.spelling(wide, "raad", "radet", passages=1) == "rådets"
    assert suggest.spelling(wide, "raad", "radet") == "rådet"
    assert suggest.spelling(seed_index._searcher(), "raad", "radet", passages=1) is None


# 2. Two neighbouring letters swapped


# Swapped letters in a short word (two edits to Whoosh's automaton), and æ, ø and å typed as
# a and o on a foreign keyboard.
@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [("socail", "social"), ("bolgi", "bolig"), ("kontorl", "kontrol"), ("ædlre", "ældre"),
     ("radet", "rådet"), ("beskaftigelse", "beskæftigelse"), ("born og unge", "børn og unge")],
)
def test_swapped_letters_and_danish_letters_typed_without_are_corrected(seed_index, typed, suggestion):
    response = search(seed_index, typed)
    assert response.suggestion == suggestion
    assert response.approximate and response.total > 0


def test_a_swap_in_a_query_of_several_words_finds_the_item(seed_index):
    response = search(seed_index, "negativ socail kontrol")
    assert response.suggestion == "negativ social kontrol"
    assert response.hits[0].title == "Fokus på forebyggelse af negativ social kontrol"


# 3. æ, ø and å typed as a and o


def test_born_finds_the_passages_about_children(seed_index):
    exact = search(seed_index, "børn og unge")
    typed = search(seed_index, "born og unge")
    assert typed.total == exact.total > 0
    assert {h.id for h in typed.hits} == {h.id for h in exact.hits}


def test_a_four_letter_word_in_the_index_gets_no_other_spellings(seed_index):
    searcher = seed_index._searcher()
    assert suggest.corrections(searcher, "valg") == []  # although "vælg" is in the index too
    assert [c.spelling for c in suggest.corrections(searcher, "born")] == ["børn"]
    assert suggest.corrections(searcher, "bxrn") == []  # a four-letter word is not otherwise corrected


def test_variants_of_a_long_word_are_bounded():
    word = "kommunalbestyrelsesmødebeslutningsprotokollatsopfølgningsarbejdsgruppe"
    variants = suggest._variants(word)
    assert len(variants) <= (suggest._MAX_VARIANT_LETTERS - 1) + 2 * suggest._MAX_FOLD_LETTERS
    assert "kommunalbestyrelsesmødebeslutningsprotokollatsopfølgningsarbejdsgruppe" not in variants


# 4. The suggestion is cased as the user typed the word


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [("Vordinborg", "Vordingborg"), ("Nastved", "Næstved"), ("nastved", "næstved"), ("NASTVED", "NÆSTVED")],
)
def test_a_suggestion_keeps_the_users_capitals(seed_index, typed, suggestion):
    response = search(seed_index, typed)
    assert response.suggestion == suggestion
    assert spelt_as(response) == f"«{typed}» også som «{suggestion}»."


def test_a_capitalised_word_is_corrected_in_the_layout_minutes(wide_index):
    assert search(wide_index, "Kildehlom").suggestion == "Kildeholm"
    assert search(wide_index, "Mosveang").suggestion == "Mosevang"


def test_a_word_in_the_index_gets_alternatives_spelt_as_the_documents_spell_them(wide_index):
    # "udvælget" (a/æ) analyses to the term of "udvælge" but is no word: only a query typo may use its variant.
    assert [c.spelling for c in suggest.corrections(wide_index._searcher(), "udvalget")] == ["udvælge"]


# 5. Only the spellings nearest letter by letter


def test_a_clearly_farther_spelling_of_the_same_distance_is_not_searched(seed_index):
    # "flygtet" is one edit from "flygtnige" once a changed ending counts as one, but four letter by letter.
    response = search(seed_index, "flygtnige")
    assert response.suggestion == "flygtninge"
    assert spelt_as(response) == "«flygtnige» også som «flygtninge»."
    assert not any("<mark>flygtet" in h.snippet.lower() for h in response.hits)


# 6. What a fallback costs: bounded work, looked up once per generation


@pytest.fixture(scope="module")
def two_segment_index(tmp_path_factory):
    """The seeds, then the layout minutes added by a second run: an index of two segments."""
    from indexer.update import update_index

    corpus = tmp_path_factory.mktemp("two-runs")
    for path in SEEDS.iterdir():
        shutil.copy(path, corpus / path.name)
    index_dir = tmp_path_factory.mktemp("two-segment-index")
    update_index([corpus], index_dir)
    for path in LAYOUTS.glob("*.txt"):
        shutil.copy(path, corpus / path.name)
    update_index([corpus], index_dir)
    index = open_index(index_dir)
    yield index
    index.close()


@pytest.mark.parametrize(("probe", "limit"), [("integrtion", 2), ("flygtn", 1), ("flygtnige", 2), ("boligplas", 2),
                                              ("kildehlom", 2), ("raadt", 1), ("mosveang", 2)])
def test_close_terms_are_what_whoosh_finds_in_every_segment(two_segment_index, probe, limit):
    """The automaton walks one sorted list of the field's terms instead of each segment's term file."""
    searcher = two_segment_index._searcher()
    leaves = [leaf for leaf, _offset in searcher.reader().leaf_readers()]
    assert len(leaves) == 2
    whooshs = {term for leaf in leaves for term in leaf.terms_within("body", probe, limit, prefix=1)}
    ours = suggest._terms_within(suggest._vocabulary(searcher, "body", probe[0], None), probe, limit)
    assert ours == sorted(whooshs) and ours


def test_spelling_distance_skips_only_what_cannot_be_closer():
    """The cut endings whose length difference alone reaches the best distance are not computed."""
    def every_ending(typed: str, spelt: str) -> int:
        best = suggest._distance(typed, spelt)
        for k in range(5):
            for j in range(5):
                if (k or j) and len(typed) - k >= suggest.MIN_LENGTH and len(spelt) - j >= suggest.MIN_LENGTH:
                    best = min(best, 1 + suggest._distance(typed[: len(typed) - k], spelt[: len(spelt) - j]))
        return best

    words = ["boligplaseringer", "boligplacering", "pavilloner", "pavillonboliger", "flygtnige", "flygtninge",
             "flygtet", "integrtion", "integrationsraadet", "beskaeftigesle", "beskaeftigelse", "radet", "raadets"]
    for typed in words:
        for spelt in words:
            assert suggest.spelling_distance(typed, spelt) == every_ending(typed, spelt), (typed, spelt)


def test_a_misspelt_query_asked_again_is_not_looked_up_again(two_segment_index, monkeypatch):
    """The next page of approximate hits, or a facet clicked, asks for the same corrections:
    they are kept with the generation and not looked up again."""
    looked_up: list[tuple[str, str]] = []
    real = suggest.corrections

    def counted(searcher, word, field="body", snapshot=None):
        looked_up.append((field, word))
        return real(searcher, word, field, snapshot)

    monkeypatch.setattr(suggest, "corrections", counted)
    first = two_segment_index.search(SearchRequest(query="integrtion flygtningne", page_size=1))
    assert first.approximate and first.total > 1
    # each word once in the texts (a close spelling there: the attendance lists are not asked)
    assert sorted(looked_up) == [("body", "flygtningne"), ("body", "integrtion")]
    second = two_segment_index.search(SearchRequest(query="integrtion flygtningne", page=2, page_size=1))
    assert (second.suggestion, second.notice, second.total) == (first.suggestion, first.notice, first.total)
    assert sorted(looked_up) == [("body", "flygtningne"), ("body", "integrtion")]


def test_a_new_generation_looks_words_up_again(tmp_path):
    """What a commit adds is suggested at once: nothing of the fallback outlives its generation."""
    from search.examples import example_document, example_passage

    with open_index(tmp_path / "index", create=True) as index:
        with index.writer() as writer:
            writer.add(example_document("a.txt", [example_passage("Flygtninge", "Om flygtninge.")]), tmp_path)
        assert search(index, "boligplasering").suggestion is None
        with index.writer() as writer:
            writer.add(example_document("b.txt", [example_passage("Boliger", "Om boligplacering af flygtninge.")]),
                       tmp_path)
        response = search(index, "boligplasering")
        assert response.suggestion == "boligplacering" and response.approximate and response.total == 1
