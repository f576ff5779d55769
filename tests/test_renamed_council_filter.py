"""A council filter saved on the name an older release gave a committee: after the upgrade
read Esbjerg's «Teknik & Byggeudvalget» and «Børn & Familieudvalget» whole, a saved
`council=Familieudvalget` or feed on «Byggeudvalget» found nothing and said only «findes ikke»
(an upgrade review). It now names the one council whose name ends so."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import client_of

FIXTURES = Path(__file__).parent / "fixtures"
FILES = (FIXTURES / "layouts13" / "esbjerg_teknik_og_byggeudvalget_referat_2025-03-12.txt",
         FIXTURES / "layouts13" / "esbjerg_boerne_og_familieudvalget_dagsorden_2025-05-06.md",
         FIXTURES / "layouts13_randers" / "randers_byraadet_referat_2025-04-28.txt")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return client_of(tmp_path_factory.mktemp("renamed"), FILES)


def test_a_filter_on_the_old_name_suggests_the_council_it_is_now_part_of(client):
    body = client.get("/api/search", query_string={"council": "Familieudvalget"}).json
    assert body["total"] == 0
    assert body["notice"] == "Råd/udvalg «Familieudvalget» findes ikke i søgeindekset; mente du «Børn & Familieudvalget»?"


def test_a_feed_on_the_old_name_says_the_new_one(client):
    feed = client.get("/feed", query_string={"council": "Byggeudvalget"}).get_data(as_text=True)
    subtitle = re.search(r"<subtitle>([^<]*)</subtitle>", feed)[1]
    assert subtitle.startswith("Råd/udvalg «Byggeudvalget» findes ikke i søgeindekset; "
                               "mente du «Teknik &amp; Byggeudvalget»?")


def test_only_a_whole_last_word_and_only_one_council_is_suggested(client):
    for typed in ("Udvalget", "udvalg", "Teknik"):  # no council's last word; «Teknik» begins one
        notice = client.get("/api/search", query_string={"council": typed}).json["notice"]
        assert notice == f"Råd/udvalg «{typed}» findes ikke i søgeindekset.", typed
