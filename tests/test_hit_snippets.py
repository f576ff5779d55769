"""What a search hit shows of an item: its snippet and its decision line, each said once, and never
a placeholder («-», «Intet.», «Ingen.») that a template prints under an empty label.

The same hit is read on the web page, from the JSON API and from `referatsog search`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import answered_soup, api, client_of, run, words

# Minutes of a local council: an item that is only its decision, a case whose decision alone
# names the searched word, a long decision whose last line does, «Eventuelt» with «Intet.», and a
# paragraph after a heading line.
MINUTES = """Københavns Kommune
Amager Øst Lokaludvalg

Referat af lokaludvalgsmøde torsdag den 6. marts 2025 kl. 18.30-21.00

Pkt. 1 Valg af ordstyrer og referent
Beslutning
Jens Vang blev valgt som ordstyrer.

Pkt. 2 Cykelstativer ved Sundby Station
Sagsnr.: 2025-0012345
Sagsfremstilling
Borgere har klaget over, at der mangler stativer ved stationen.

Beslutning
Lokaludvalget anbefaler 40 nye stativer til cykelparkering.

Pkt. 3 Puljeansøgninger
Sagsfremstilling
Lokaludvalget behandlede tre ansøgninger til Amager Øst Puljen.

Beslutning
Lokaludvalget bevilger 25.000 kr. til Sundby Sommerfest, 12.000 kr. til lektiecafeen i Kulturhuset og \
8.000 kr. til loppemarkedet på Amagerbrogade, idet udvalget lagde vægt på, at arrangementerne er åbne for \
alle borgere i lokalområdet og annonceres bredt, også i lokalavisen og på biblioteket, samt at ansøgerne \
aflægger regnskab senest tre måneder efter arrangementet.
Tine Brok tog forbehold for bevillingen til havnebadet.

Pkt. 4 Eventuelt
Beslutning
Intet.

Pkt. 5 Meddelelser
Sagsfremstilling
Sager til eventuelt

Orientering om de lokale foreningers arbejde med flygtninge.
"""

# An agenda: the template prints «-» under «Beslutning» and «Ingen.» under an empty section.
AGENDA = """Vejle Kommune

Byrådet

DAGSORDEN

Mødedato: 12. marts 2025
Sted: Byrådssalen

Punkt 48: Vinterberedskab
Sagsnr.: 05.01.10-Ø00-2-24

Indstilling
Direktionen indstiller, at vinterberedskabet udvides med to saltbiler.

Økonomiske konsekvenser
Ingen.

Sagsfremstilling
Saltbilerne skal køre fra Vejdepotet Nord.

Beslutning
-

Punkt 49: Salg af erhvervsgrund ved Vestre Ringvej
Sagsnr.: 02.34.02-G01-88-23

Indstilling
Direktionen indstiller, at grunden sælges til højestbydende.

Beslutning
-
"""


@pytest.fixture(scope="module")
def indexed(tmp_path_factory) -> tuple[object, Path]:
    """A web client of an index of the two documents, and the index's folder."""
    root = tmp_path_factory.mktemp("hit_snippets")
    written = root / "kilde"
    written.mkdir()
    files = []
    for name, text in (("amager-oest-lokaludvalg-referat-2025-03-06.txt", MINUTES),
                       ("vejle-byraadet-dagsorden-2025-03-12.txt", AGENDA)):
        (written / name).write_text(text, encoding="utf-8")
        files.append(written / name)
    return client_of(root, files), root / "index"


def _hit(client, query: str, title: str) -> dict:
    return next(h for h in api(client, q=query)["hits"] if h["title"] == title)


def _article(client, query: str, title: str):
    page = answered_soup(client.get("/", query_string={"q": query}))
    return next(a for a in page.select("ol.hits article") if title in words(a))


def _cli_hit(runner, index_dir: Path, query: str, title: str) -> list[str]:
    """The lines `referatsog search` prints for the hit of `title` (a pipe: matches in brackets)."""
    result = run(runner, "search", query, "--index-dir", index_dir)
    assert result.exit_code == 0, result.output
    blocks = result.output.split("\n\n")
    return next(b for b in blocks if title in b.splitlines()[0]).splitlines()


def test_an_item_that_is_only_its_decision_shows_it_once_with_the_word_marked(indexed, runner):
    client, index_dir = indexed
    hit = _hit(client, "ordstyrer", "Valg af ordstyrer og referent")
    assert hit["snippet"] == ""
    assert hit["decision_html"] == "Jens Vang blev valgt som <mark>ordstyrer</mark>."

    article = _article(client, "ordstyrer", "Valg af ordstyrer og referent")
    assert words(article).count("Jens Vang blev valgt som ordstyrer") == 1
    assert [words(m) for m in article.select(".decision-preview mark")] == ["ordstyrer"]

    lines = _cli_hit(runner, index_dir, "ordstyrer", "Valg af ordstyrer og referent")
    assert sum("Jens Vang blev valgt" in line for line in lines) == 1
    assert "   Beslutning (valg): Jens Vang blev valgt som [ordstyrer]." in lines


def test_a_word_only_in_the_decision_shows_the_case_above_the_marked_decision(indexed, runner):
    client, index_dir = indexed
    hit = _hit(client, "cykelparkering", "Cykelstativer ved Sundby Station")
    assert hit["snippet"] == "Borgere har klaget over, at der mangler stativer ved stationen."
    assert hit["snippet_from"] == "text"
    assert hit["decision_html"] == "Lokaludvalget anbefaler 40 nye stativer til <mark>cykelparkering</mark>."

    article = _article(client, "cykelparkering", "Cykelstativer ved Sundby Station")
    assert words(article).count("Lokaludvalget anbefaler 40 nye stativer") == 1

    lines = _cli_hit(runner, index_dir, "cykelparkering", "Cykelstativer ved Sundby Station")
    assert "   Borgere har klaget over, at der mangler stativer ved stationen." in lines
    assert "   Beslutning (anbefalet): Lokaludvalget anbefaler 40 nye stativer til [cykelparkering]." in lines


def test_a_word_past_the_decisions_first_lines_is_shown_once_from_the_decision(indexed, runner):
    client, index_dir = indexed
    hit = _hit(client, "havnebadet", "Puljeansøgninger")
    assert hit["snippet_from"] == "decision"
    assert hit["snippet"].endswith("Tine Brok tog forbehold for bevillingen til <mark>havnebadet</mark>.")
    assert hit["decision_html"] == ""

    article = _article(client, "havnebadet", "Puljeansøgninger")
    assert len(article.select(".decision-preview")) == 1
    assert not article.select(".snippet")
    assert words(article).count("havnebadet") == 1

    lines = _cli_hit(runner, index_dir, "havnebadet", "Puljeansøgninger")
    assert [line for line in lines if "havnebadet" in line] == [
        "   Beslutning (godkendt, uddrag): …arrangementet. Tine Brok tog forbehold for bevillingen til [havnebadet]."]


def test_a_dash_or_ingen_under_an_empty_label_is_not_shown(indexed, runner):
    client, index_dir = indexed
    hit = _hit(client, "vinterberedskab", "Vinterberedskab")
    assert hit["snippet"] == ("Direktionen indstiller, at <mark>vinterberedskabet</mark> udvides med to saltbiler. "
                              "Saltbilerne skal køre fra Vejdepotet Nord.")
    assert hit["decision"] == ""
    # found by its title: the text's start, without the «-» printed under «Beslutning»
    assert _hit(client, "erhvervsgrund", "Salg af erhvervsgrund ved Vestre Ringvej")["snippet"] == (
        "Direktionen indstiller, at grunden sælges til højestbydende.")

    lines = _cli_hit(runner, index_dir, "erhvervsgrund", "Salg af erhvervsgrund ved Vestre Ringvej")
    assert "   Direktionen indstiller, at grunden sælges til højestbydende." in lines
    assert not any(line.rstrip().endswith((" -", "Ingen.")) for line in lines)


def test_eventuelt_with_intet_shows_no_bare_intet(indexed, runner):
    client, index_dir = indexed
    hit = _hit(client, "eventuelt", "Eventuelt")
    assert (hit["snippet"], hit["decision"]) == ("", "")

    article = _article(client, "eventuelt", "Eventuelt")
    assert "Intet" not in words(article)
    assert "Ingen beslutning registreret under punktet." in words(article)

    lines = _cli_hit(runner, index_dir, "eventuelt", "Eventuelt")
    assert not any("Intet" in line for line in lines)


def test_a_snippet_cut_at_a_paragraph_break_starts_with_its_words(indexed):
    client, _index_dir = indexed
    assert _hit(client, "flygtninge", "Meddelelser")["snippet"] == (
        "…Orientering om de lokale foreningers arbejde med <mark>flygtninge</mark>.")
