"""A word that names a document type («årsberetning», «referater», «dagsorden») and that no text
says is read as that type's filter (`type:årsberetning`), with a notice saying so: a report's
passages are its sections («Forord» …), and its title «Årsberetning 2019» is no passage's text."""

import pytest


def search(client, query: str) -> dict:
    response = client.get("/api/search", query_string={"q": query, "page_size": 100})
    assert response.status_code == 200
    return response.get_json()


def ids(answer: dict) -> list[str]:
    return [hit["id"] for hit in answer["hits"]]


@pytest.mark.parametrize("word", ["årsberetning", "aarsberetning", "årsberetninger", "Årsberetningen", "beretning"])
def test_a_word_for_the_annual_reports_shows_them_as_the_type_filter_does(client, word):
    reports = search(client, "type:årsberetning")
    assert reports["total"] == 14
    answer = search(client, word)
    assert answer["total"] == 14 and ids(answer) == ids(reports)
    assert answer["notice"] == f"Ingen tekst nævner «{word}»; viser årsberetningerne (type:årsberetning)."
    assert answer["suggestion"] is None


def test_beside_other_words_a_type_word_is_searched_as_a_word(client):
    """«dagsorden OR referat» said it showed the minutes only while it showed every type (a code
    review): an ORed type word is a word. So is one beside words that no document of the type has
    («skole årsberetning»): the filter would find nothing. (Beside words the annual reports have,
    «forord årsberetning» is their filter: tests/test_journo37_queries.py.)"""
    for query in ("årsberetning OR flygtninge", "skole årsberetning"):
        answer = search(client, query)
        assert "viser årsberetningerne" not in (answer["notice"] or "")
        assert "type:årsberetning" not in (answer["notice"] or ""), query


def test_a_type_word_the_texts_say_is_still_searched_as_a_word(client):
    # «Godkendelse af referatet»: the word finds those items, not every item of every referat
    answer = search(client, "referat")
    assert "Godkendelse af referatet" in [hit["title"] for hit in answer["hits"]]
    assert answer["total"] < search(client, "type:referat")["total"]
    assert "Ingen tekst nævner" not in (answer["notice"] or "")
    assert [hit["title"] for hit in search(client, "dagsorden")["hits"]] == ["Beslutninger om dagsordenen"]


def test_a_quoted_or_excluded_type_word_is_read_as_typed(client):
    quoted = search(client, '"årsberetning"')
    assert quoted["total"] == 0 and "Ingen tekst nævner" not in (quoted["notice"] or "")
    assert search(client, "-årsberetning")["total"] == search(client, "")["total"]
