"""The query language as Danish users type it: truncation (`flygt*`), a month named in the text,
names copied with their party letter, compounds no text has, names holding a small word, and
the notices that say how a query was read. Searched on the benchmark corpus (seeds, fixture
PDFs, layout minutes), as the reviewers who found these gaps did."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer.pipeline import read_document
from search import SearchRequest
from search import compile as compile_module
from search.examples import example_document, example_passage
from search.index import open_index
from search.syntax import parse
from conftest import search_all as search  # every hit on one page; `searcher` is the benchmark corpus's


LAYOUTS = Path(__file__).resolve().parent / "fixtures" / "layouts"
LYNGSOE_MINUTES = LAYOUTS / "f3_lyngsoe_beskaeftigelses_og_integrationsudvalget_2012-03-13.txt"


def items(response) -> set[str]:
    return {f"{h.municipality} #{h.item_number} {h.title}" for h in response.hits}


def marked(response) -> set[str]:
    """The words marked in the hits' titles, snippets and decision lines (a word in the decision
    alone is marked on its own line, not repeated in the snippet)."""
    return {m.lower() for h in response.hits
            for m in re.findall(r"<mark>(.*?)</mark>", h.snippet + h.title_html + h.decision_html)}


# Truncation


def test_a_truncated_word_finds_every_word_beginning_with_it(searcher):
    # "flygt*" found 1 item (the `*` dropped, "flygt" stemmed as a word); "flygtninge" finds 27.
    truncated = search(searcher, "flygt*")
    assert items(search(searcher, "flygtninge")) <= items(truncated)
    assert "Lyngsø #21 Tilskud til Lyngsø Flygtningevenner 2012" in items(truncated)
    assert {"flygtningevenner", "flygtningebaggrund", "flygtningehjælp"} <= marked(truncated)
    assert all(word.startswith("flygt") for word in marked(truncated))
    assert truncated.notice is None and not truncated.approximate


def test_a_truncated_word_finds_a_compound_no_one_types_whole(searcher):
    # "kommunalbest*" found nothing: only Ravnsø's minutes name the Kommunalbestyrelse.
    response = search(searcher, "kommunalbest*")
    assert response.total == 4 and {h.municipality for h in response.hits} == {"Ravnsø"}
    assert marked(response) == {"kommunalbestyrelsen"}


def test_a_truncated_word_includes_the_word_itself_and_is_excluded_like_a_word(searcher):
    # "kommune" is indexed as "kommun", which does not begin with "kommune".
    assert items(search(searcher, "kommune")) <= items(search(searcher, "kommune*"))
    without = search(searcher, "flygt* -bolig*")
    assert without.total and not any("bolig" in m for m in marked(without))
    assert without.total < search(searcher, "flygt*").total


def test_a_truncation_too_short_or_matching_nothing_says_so(searcher):
    short = search(searcher, "fl*")
    assert short.total == 0
    assert short.notice == "«fl*»: der skal stå mindst 3 bogstaver før *; der blev søgt på ordet «fl»."
    nothing = search(searcher, "xyzq*")
    assert nothing.total == 0 and nothing.notice == "Intet ord i teksterne begynder med «xyzq»."
    inside = search(searcher, '"negativ soci*"')
    assert "Trunkering med * virker ikke i en frase" in inside.notice


def test_a_truncation_matching_too_many_words_searches_the_commonest_and_says_so(searcher, monkeypatch):
    monkeypatch.setattr(compile_module, "MAX_PREFIX_TERMS", 2)
    response = search(searcher, "flygt*")
    assert response.notice == ("«flygt*» passer på for mange ord; der blev søgt på de 2 hyppigste. "
                               "Skriv flere bogstaver før * for at få alle med.")
    # the two commonest: "flygtning" among them, so the refugee items are still found
    assert items(search(searcher, "flygtninge")) <= items(response)


def test_a_truncated_word_is_not_a_name_nor_spelt_again():
    # `text` keeps the `*`: notices quote it as typed, spelling corrections leave it alone.
    clause = parse("Integr*").groups[0][0]
    assert (clause.text, clause.prefix) == ("Integr*", True)
    assert not parse("kommune:Næst*").groups[0][0].prefix  # a facet value is matched whole


# A month in the query


def test_a_month_finds_the_text_that_names_it(searcher):
    # "I august 2019 blev 138 børn i 0. klasse sprogvurderet": no date of August 2019 there.
    kildeholm = "Kildeholm #4 Sprogvurdering af tosprogede børn i 0. klasse - resultater 2019/20"
    assert kildeholm in items(search(searcher, "august 2019"))
    # The meetings of the month are still found.
    assert "Mosevang #59 Sprogpraktik for flygtninge på kommunens plejecentre" in items(search(searcher, "august 2019"))
    words = search(searcher, "august 2019 sprogvurderet")
    assert items(words) == {kildeholm} and {"august", "2019"} <= marked(words)
    assert [h.title for h in search(searcher, "september 2019 bruttoledigheden").hits] == [
        "Ledighed og resultater på beskæftigelsesområdet, 3. kvartal 2019"]
    assert [h.title for h in search(searcher, "maj 2014").hits] == ["Visionen 2014-2017"]


# Names copied with their party letter


def test_a_party_letter_after_a_name_is_not_searched(searcher):
    assert items(search(searcher, 'fraværende:"Ole Riis (O)"')) == items(search(searcher, 'fraværende:"Ole Riis"'))
    assert search(searcher, 'fraværende:"Ole Riis (O)"').total == 5
    assert search(searcher, 'deltager:"Niels Bækgaard (F)"').total == 6
    # "V" matched the parties of a vote, "(A, V, C, F, B og Ø)": one item instead of her five.
    copied = search(searcher, "Tove Bech Larsen (V)")
    assert items(copied) == items(search(searcher, "Tove Bech Larsen")) and copied.total == 5
    assert copied.notice.startswith("«(V)» efter et navn blev læst som partibogstav; der søges ikke på det.")
    assert "Parenteser" not in copied.notice


def test_parentheses_that_are_no_party_letter_are_still_reported():
    assert parse("bilag (A)").notices == ("Parenteser bruges ikke i søgningen og blev sprunget over.",)
    assert [c.text for g in parse("Larsen(V) budget").groups for c in g] == ["Larsen", "budget"]


# A compound no text has


def test_a_compound_no_text_has_is_searched_by_its_parts_and_labelled(searcher):
    # "lokalplan" showed «lokalt» + «Beskæftigelsesplanen» as if they were exact hits.
    response = search(searcher, "lokalplan")
    assert response.approximate and response.total
    assert response.notice == "«lokalplan» står ikke i teksterne; der er søgt efter punkter med både «lokal» og «plan»."
    # A word the texts have is no guess.
    assert not search(searcher, "boligplacering").approximate


def test_the_parts_of_a_compound_standing_together_rank_first(tmp_path):
    # As long, the same words once each: only where they stand differs.
    apart = example_passage("Boliger i Næstved", "Kvoten er nu fastsat af styrelsen. Mange flygtninge kommer senere.")
    together = example_passage("Boliger i Fjordby", "Styrelsen har nu fastsat kvoten for flygtninge. Mange kommer senere.")
    with open_index(tmp_path / "index", create=True) as index:
        with index.writer() as writer:
            writer.add(example_document("a.txt", [apart, together]), tmp_path)
        response = index.search(SearchRequest(query="flygtningekvote"))
        assert [h.title for h in response.hits] == ["Boliger i Fjordby", "Boliger i Næstved"]
        assert response.approximate


# Small words that are part of a name; what the notices call the hits


def test_a_name_holding_a_small_word_says_it_was_left_out(searcher):
    response = search(searcher, "Hans Jensen")
    assert response.notice == "«Hans» er et småord, som der ikke søges på, heller ikke i et navn; der blev søgt på «Jensen» uden det."
    assert parse("Hans sag").notices == ()  # a capitalised first word before a word: no name


def test_an_absentees_name_says_why_the_items_were_found(searcher):
    # "Ole Riis" stands only in the list of those absent: the five items were unexplained.
    response = search(searcher, "Ole Riis")
    assert response.total == 5
    assert response.notice == '«Ole Riis» er nævnt som fraværende ved disse punkter (søg fraværende:"Ole Riis").'


@pytest.mark.parametrize("query", ["og i at", "OR", "kommune:"])
def test_a_query_with_nothing_to_search_shows_every_item_and_says_punkter(searcher, query):
    response = search(searcher, query)
    assert response.notice.endswith("alle punkter vises.") and "passager" not in response.notice


def test_a_name_holding_a_small_word_is_not_said_to_be_absent(tmp_path):
    # Another Jensen was away: "Hans Jensen" was said to be «nævnt som fraværende».
    away = example_passage("Budget", "Budgettet blev drøftet. Mette Jensen var fraværende.", absent=("Mette Jensen",))
    with open_index(tmp_path / "index", create=True) as index:
        with index.writer() as writer:
            writer.add(example_document("a.txt", [away]), tmp_path)
        notice = index.search(SearchRequest(query="Hans Jensen")).notice
        assert notice == ("«Hans» er et småord, som der ikke søges på, heller ikke i et navn; der blev søgt på «Jensen» "
                          "uden det. «Jensen» er nævnt som fraværende ved disse punkter (søg fraværende:Jensen).")


# A municipality's name typed with a plain vowel


@pytest.mark.parametrize("typed", ["Lyngso", "lyngso", "Lyngsoe", "Lyngsø"])
def test_a_municipality_typed_with_o_for_oe_finds_its_records(searcher, typed):
    """`Lyngso` (a foreign keyboard) found the items naming it but not Lyngsø's own records,
    as `Lyngsø` and `kommune:Lyngso` did: the exact look-up knew only the folded "lyngsoe"."""
    with_refugees = items(search(searcher, f"flygtninge {typed}"))
    found = items(search(searcher, typed))
    assert with_refugees == items(search(searcher, "flygtninge Lyngsø"))
    assert found == items(search(searcher, "kommune:Lyngsø")) | items(search(searcher, "Lyngsø"))
    # Not two empty (or equally broken) answers: every item of Lyngsø's minutes is found,
    # including those whose text never names the town.
    minutes = read_document(LYNGSOE_MINUTES, LYNGSOE_MINUTES.parent).passages
    every_item = {f"{p.municipality} #{p.item_number} {p.title}" for p in minutes}
    unnamed = [p for p in minutes if "lyngs" not in f"{p.title} {p.text}".casefold()]
    assert unnamed and {p.municipality for p in minutes} == {"Lyngsø"}
    assert found >= items(search(searcher, "kommune:Lyngsø")) >= every_item
    assert {f"{p.municipality} #{p.item_number} {p.title}" for p in unnamed if "flygtninge" in p.text} <= with_refugees != set()



# A day without its year


@pytest.mark.parametrize("typed, example, meeting", [("21.05", "21.05.2015", 7), ("27/5", "27/5 2015", 5)])
def test_a_day_without_its_year_that_finds_nothing_says_to_add_the_year(searcher, typed, example, meeting):
    # "21.05" and "27/5" gave a silent zero: a day without its year is searched as characters.
    response = search(searcher, typed)
    assert response.total == 0
    assert response.notice == (f"«{typed}» ligner en dato uden årstal, som søges som tegn; skriv årstallet med "
                               f"(fx {example}) for at finde mødet.")
    assert search(searcher, example).total == meeting  # with the year: the meeting's items (Næstved's, Hedelund's)


# Words typed together, as a name


@pytest.mark.parametrize("query, first", [
    ("Nabo til Nabo", "Hedelund #2"),  # grants money to «Foreningen Nabo til Nabo»; Bøgeskov #3 is about «naboerne»
    ("Social- og Beskæftigelsesudvalget", "Fjordby #42"),  # names the committee; Mosevang #59 has the words apart
])
def test_words_typed_together_rank_the_item_where_they_stand_together_first(searcher, query, first):
    response = search(searcher, query)
    assert f"{response.hits[0].municipality} #{response.hits[0].item_number}" == first
    assert response.total == search(searcher, " ".join(f"{w}" for w in reversed(query.split()))).total  # ranks, not matches


def test_an_unclosed_quote_is_searched_word_by_word_and_says_so():
    parsed = parse('"negativ social kontrol')
    assert [c.text for g in parsed.groups for c in g] == ["negativ", "social", "kontrol"]
    assert parsed.notices == ("Et anførselstegn blev ikke lukket, så ordene blev søgt hver for sig.",)
