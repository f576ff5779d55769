"""Where a hit's snippet starts and what it leaves out (a citizen review of the hit list): not a
bare document number or deciding body without its label, not the labels and field lines above an
item's first sentence, not the title said again, and a decision cut from the middle is not put
behind a first line that decides nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import api, client_of, run

# Minutes of an integration council: a closed item that prints only its decision and the
# document's number («Dok.»), an item under a field line and its own title repeated, an item
# whose deciding body stands in a section of its own, and decisions whose first line does or
# does not state the outcome.
MINUTES = """Fjordby Kommune

Referat

Integrationsrådet

Mødedato: 25. november 2021

41.    Godkendelse af dagsorden

Dok. 588-2021-60412

Kompetence
Integrationsrådet

Beslutningstema
Integrationsrådet skal godkende dagsordenen for mødet.

Beslutning
Godkendt.

42.    Nyt fra foreningerne

Resume
Kompetenceudvalg: Integrationsrådet

Indstilling
Administrationen indstiller, at Integrationsrådet tager punktet til efterretning.

Sagsfremstilling
Nyt fra foreningerne

Beslutning
Polsk-dansk forening: Der har været et polsk kor på besøg fra Sopot.

Den Tamilske Forening: Der er generalforsamling den 13. marts.

Den Kurdiske Forening: Der har været afholdt nytårsfest for medlemmerne.

Tyrkisk forening: Vil gerne lave en indsamling til flygtninge fra Syrien og stiller et lokale til rådighed for lektiehjælp.

43.    Fokusområder

Sagsfremstilling
Rådet drøftede sine fokusområder for det kommende år.

Beslutning
Fokusområde 2017
Rådet vil især arbejde med de unge.
Rådet vil også arbejde med forældresamarbejdet.
Rådet vil desuden arbejde med sprogundervisningen for nyankomne.
Det blev besluttet at invitere skolernes ledere til mødet i maj om mentorordningen.

44.    Mentorordning

Sagsfremstilling
Jobcentret foreslår en mentorordning for nyankomne.

Beslutning
Anbefalet.
Rådet lægger vægt på, at ordningen også omfatter forældre.
Ordningen evalueres efter et år.
Rådet ønsker en status på mentorordningen på sit møde i december.

46.    Ny legeplads

Sagsfremstilling
Biblioteket ønsker en ny legeplads.

Beslutning
Rådet støtter, at legepladsen ved Fjordby Bibliotek bliver renoveret i løbet af foråret, og at foreningerne bliver inddraget i arbejdet indtil videre. Tilbageleveringsaftalerne for pavillonen aftales med administrationen, og sekretariatet sender en plan til rådets medlemmer.

45.    Henvendelse vedrørende konkret boligsag

Dok. 588-2021-61877
Lukket

Beslutning
Lukket punkt. Beslutningen fremgår af den lukkede protokol.
"""


@pytest.fixture(scope="module")
def indexed(tmp_path_factory) -> tuple[object, Path]:
    root = tmp_path_factory.mktemp("hit_snippet_starts")
    written = root / "kilde"
    written.mkdir()
    path = written / "fjordby-integrationsraadet-referat-2021-11-25.txt"
    path.write_text(MINUTES, encoding="utf-8")
    return client_of(root, [path]), root / "index"


def _hit(client, query: str, title: str) -> dict:
    return next(h for h in api(client, q=query)["hits"] if h["title"] == title)


def test_a_closed_item_shows_its_decision_not_its_bare_document_number(indexed, runner):
    client, index_dir = indexed
    hit = _hit(client, "konkret boligsag", "Henvendelse vedrørende konkret boligsag")
    assert "588-2021-61877" not in hit["snippet"]
    assert hit["decision"] == "Lukket punkt. Beslutningen fremgår af den lukkede protokol."
    result = run(runner, "search", "konkret boligsag", "--index-dir", index_dir)
    assert result.exit_code == 0 and "   588-2021-61877" not in result.output.splitlines(), result.output


def test_a_document_number_searched_for_is_shown_where_it_stands(indexed):
    client, _ = indexed
    hit = _hit(client, '"588-2021-61877"', "Henvendelse vedrørende konkret boligsag")
    assert "<mark>" in hit["snippet"] and "61877" in hit["snippet"]


def test_the_deciding_body_alone_does_not_open_the_snippet(indexed):
    client, _ = indexed
    hit = _hit(client, "dagsorden", "Godkendelse af dagsorden")
    assert hit["snippet"] == "Integrationsrådet skal godkende <mark>dagsordenen</mark> for mødet."


def test_a_snippet_without_the_query_starts_at_the_first_sentence_without_the_title(indexed):
    client, _ = indexed
    # found by its decision's first line: the text's start is shown above it, from its first
    # sentence, the title not again
    hit = _hit(client, "Sopot", "Nyt fra foreningerne")
    assert hit["snippet_from"] == "text" and "<mark>Sopot</mark>" in hit["decision_html"]
    assert hit["snippet"] == "Administrationen indstiller, at Integrationsrådet tager punktet til efterretning."


def test_a_decision_cut_from_the_middle_is_not_put_behind_a_first_line_that_decides_nothing(indexed):
    client, _ = indexed
    hit = _hit(client, "lektiehjælp", "Nyt fra foreningerne")
    assert hit["snippet_from"] == "decision"
    assert not hit["snippet"].startswith("Polsk-dansk forening"), hit["snippet"]
    hit = _hit(client, "mentorordningen", "Fokusområder")
    assert hit["snippet_from"] == "decision" and hit["snippet"].startswith("…"), hit["snippet"]
    assert "Fokusområde 2017" not in hit["snippet"]


def test_a_decision_cut_from_the_middle_keeps_its_outcome_in_front(indexed):
    client, _ = indexed
    hit = _hit(client, "december", "Mentorordning")
    assert hit["snippet_from"] == "decision"
    assert hit["snippet"].startswith("Anbefalet. …"), hit["snippet"]


def test_the_terminal_cut_puts_the_ellipsis_in_a_closing_period_s_place(indexed, runner):
    _, index_dir = indexed
    result = run(runner, "search", "legeplads", "--index-dir", index_dir)
    assert result.exit_code == 0, result.output
    assert "inddraget i arbejdet indtil videre…" in result.output, result.output
    assert ".…" not in result.output, result.output


# A local council's minutes (code review 29): short opening lines without a stop are what the
# item says, a decision's first line may say what happened in words, and an amount cut after
# «ca.» or «kr.» keeps its abbreviation's full stop.
LOCAL_MINUTES = """Solby Lokalråd

Referat af bestyrelsesmøde tirsdag d. 6/5-2025 kl. 19.00 i Forsamlingshuset

Ad 1) Velkomst
Ole bød velkommen
Dagsorden godkendt uden bemærkninger.

Ad 2) Eventuelt
Karen: Ferie i juli
Bent: Ny postkasse ved hallen
Mødet sluttede kl. 21.

Ad 3) Nye medlemmer
Velkommen til Lone og Per
De blev budt velkommen af formanden.

Ad 4) Sankthans
Bålet tændes kl. 21
Båltalen holdes af borgmesteren.

Ad 5) Pris på bål
Prisen er ca. 2.500 kr. og dækkes af kassen, jf. vedtægternes § 4 stk. 2. Derudover betaler lokalrådet for pølser, øl og sodavand til de frivillige, i alt ca. 1.200 kr. inkl. moms. Resten af beløbet dækkes af sponsorer fra byen, bl.a. købmanden og tømreren.

Ad 6) Leje af hallen
Lokalrådet lejer hallen til sommerfesten, til loppemarkedet og til julebanko for de ældre i byen. Hallens bestyrelse har sendt et tilbud på lejen for hele året, og lokalrådet har sammenlignet det med forsamlingshusets pris. Lejen er ca. 2.500 kr. om året og dækkes af kassen.
"""

COUNCIL_MINUTES = """Lundby Kommune
Byrådet

Referat af møde torsdag den 10. april 2025 kl. 17.00 i byrådssalen

1. Ny parkeringsstrategi for bymidten
Forvaltningen har udarbejdet forslag til ny parkeringsstrategi med tidsbegrænset parkering på Torvet.
Forvaltningen indstiller, at strategien godkendes.

Beslutning:
Sagen sendes tilbage til forvaltningen.
Byrådet ønsker en ny udgave af strategien, hvor parkeringspladserne ved Stationsvej bevares, og hvor der indgår en vurdering af konsekvenserne for handelslivet i bymidten, herunder for de mindre butikker i gågaden, og for beboerne i de nærliggende kvarterer. Forvaltningen bedes desuden belyse mulighederne for en p-kælder under Torvet.
Søren Krogh (O) ønskede sin stemme ført til protokol.

2. Budget for kulturhuset
Kulturhuset har søgt om et større tilskud.

Beslutning:
Administrationens indstilling blev fulgt.
Byrådet bad om en redegørelse for kulturhusets økonomi, herunder for udlejningen af salen til foreningerne og for de frivilliges arbejde med caféen, og om en plan for de kommende års vedligeholdelse af bygningen. Forvaltningen bedes desuden se på mulighederne for at samle kulturhusets aktiviteter og byens bibliotek under ét tag. Kirsten Holm (F) ønskede sin stemme ført til protokol.
"""


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    root = tmp_path_factory.mktemp("hit_snippet_local")
    written = root / "kilde"
    written.mkdir()
    paths = [written / "solby-lokalraad-referat-2025-05-06.txt", written / "lundby-byraadet-referat-2025-04-10.txt"]
    paths[0].write_text(LOCAL_MINUTES, encoding="utf-8")
    paths[1].write_text(COUNCIL_MINUTES, encoding="utf-8")
    return client_of(root, paths), root / "index"


@pytest.mark.parametrize(("title", "opening"), [
    ("Eventuelt", "Karen: Ferie i juli"),
    ("Velkomst", "Ole bød velkommen"),
    ("Nye medlemmer", "Velkommen til Lone og Per"),
    ("Sankthans", "Bålet tændes kl. 21"),
])
def test_a_short_opening_line_without_a_stop_is_what_the_item_says(local, title, opening):
    client, _ = local
    hit = _hit(client, title, title)
    assert hit["snippet"].startswith(opening), hit["snippet"]


def test_a_cut_decision_keeps_a_first_line_that_says_what_happened_in_words(local):
    client, _ = local
    hit = _hit(client, "Krogh", "Ny parkeringsstrategi for bymidten")
    assert hit["snippet_from"] == "decision"
    assert hit["snippet"].startswith("Sagen sendes tilbage til forvaltningen. …"), hit["snippet"]
    hit = _hit(client, "Kirsten Holm", "Budget for kulturhuset")
    assert hit["snippet_from"] == "decision"
    assert hit["snippet"].startswith("Administrationens indstilling blev fulgt. …"), hit["snippet"]


def test_the_terminal_cut_keeps_an_abbreviation_s_full_stop(local, runner):
    client, index_dir = local
    hit = _hit(client, "sommerfesten", "Leje af hallen")
    assert hit["snippet"].endswith("Lejen er ca.…"), hit["snippet"]
    result = run(runner, "search", "bål", "--index-dir", index_dir)
    assert result.exit_code == 0, result.output
    assert "Prisen er ca. 2.500 kr." in result.output, result.output
    for cut in ("ca…", "kr…", "stk…", "inkl…"):
        assert cut not in result.output, result.output
