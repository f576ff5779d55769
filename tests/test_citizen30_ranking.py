"""A citizen's review of questions, words typed together and names with other words.

The corpus is a citizen's folder: the seeds (Næstved's minutes and annual reports, Roskilde's
minutes) and layout minutes: Aasted, Randers and Region Sjælland record «Enhedslisten stemte
imod» (the latter two with the party's letter or seats between: «Enhedslisten (Ø) stemte imod»),
Aarhus has Enhedslisten's own proposals, voted down with «4 stemmer for (Ø, F) og 26 imod»;
Kirkeby's Ældrerådet lists «Deltagere: Else Brink (formand), …» and Egebjerg's names an
«Else Mogensen» beside its «Formanden».
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES, SEEDS, api, index_copies


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from webui import create_app

    # the review's corpus, whole (the words' rarity is the corpus's: on part of it Aasted's vote came
    # first before the change too); a file name two folders share is copied once
    folders = sorted(path for path in FIXTURES.iterdir() if path.name.startswith(("layouts", "unseen_layouts")))
    files = {path.name: path for path in [*SEEDS.iterdir(), *(
        path for folder in folders for path in sorted(folder.iterdir())
        if path.is_file() and path.suffix != ".json" and path.name != "LAYOUTS.md")]}
    corpus, index_dir = index_copies(tmp_path_factory.mktemp("citizen"), list(files.values()))
    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus)}).test_client()


def search(client, query: str) -> dict:
    return api(client, q=query, page_size=100)


def titles(answer: dict) -> list[str]:
    return [hit["title"] for hit in answer["hits"]]


# --- 1. A verb that only asks ----------------------------------------------------------------

def test_a_question_with_fik_finds_the_item_that_answers_it(client):
    """«fik» in «Her fik vi …» made the 2019 annual report's foreword the one hit; the item on
    the refugee quota («Kvoten er fastsat til 225») did not say «fik»."""
    answer = search(client, "hvor mange flygtninge fik Næstved")
    assert titles(answer)[0] == "Modtagelse af flygtninge"
    assert answer["total"] == search(client, "hvor mange flygtninge Næstved")["total"]


def test_who_got_a_grant_finds_every_grant(client):
    """«hvem fik tilskud» found the one item that said «fik» near a grant; «tilskud» finds them all."""
    assert search(client, "hvem fik tilskud")["total"] == search(client, "tilskud")["total"] > 1


def test_the_verb_is_searched_when_it_is_no_question_or_typed_in_quotes(client):
    assert search(client, "fik tilskud")["total"] < search(client, "tilskud")["total"]
    assert search(client, 'hvem "fik" tilskud')["total"] == search(client, "fik tilskud")["total"]


# --- 2. Words standing together ----------------------------------------------------------------

def test_the_party_voting_against_word_for_word_comes_before_its_own_proposal(client):
    """Aarhus's «Forslag fra Enhedslisten om gratis busser» (Enhedslisten voted for) came first,
    lifted by «Enhedslisten» in its title, before Aasted's «Enhedslisten stemte imod» word for word."""
    hits = search(client, "Enhedslisten stemte imod")["hits"]
    assert (hits[0]["municipality"], hits[0]["decision"]) == ("Aasted", "Godkendt med 25 stemmer mod 4. Enhedslisten stemte imod.")
    # the votes with the party's letter or seats between the words still follow the proposals
    # (the fixture corpus grows: counted by what the hits are, not by their places)
    proposals = [k for k, hit in enumerate(hits) if hit["title"].startswith("Forslag fra Enhedslisten")]
    votes = [k for k, hit in enumerate(hits) if hit["municipality"] in ("Randers", "Region Sjælland")]
    assert len(proposals) >= 2 and len(votes) == 2 and max(proposals) < min(votes)


# --- 3. A name on the attendance lists with another word --------------------------------------

def test_a_name_with_a_role_finds_the_meetings_the_name_attended(client):
    """«Else Brink formand» showed Egebjerg's item naming «Else Mogensen» and «Formanden», with
    «Brink står ikke i nogen af dem»; Kirkeby's lists name «Else Brink (formand)»."""
    answer = search(client, "Else Brink formand")
    assert [(hit["municipality"], hit["title"]) for hit in answer["hits"]] == [
        ("Kirkeby", "Orientering fra formanden")]
    assert "«Else Brink» står ikke i teksten sammen med «formand», men på mødernes deltagerlister" in answer["notice"]


def test_a_name_with_a_topic_finds_that_meetings_item_on_it(client):
    answer = search(client, "Else Brink høring")
    assert [(hit["municipality"], hit["title"]) for hit in answer["hits"]] == [
        ("Kirkeby", "Høring: Kvalitetsstandard for praktisk hjælp 2025")]


def test_a_name_alone_still_lists_its_meetings(client):
    assert {hit["municipality"] for hit in search(client, "Else Brink")["hits"]} == {"Kirkeby"}
