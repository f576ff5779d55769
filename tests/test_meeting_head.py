"""The meeting a document's head names (layouts2 review, findings 8 and 9).

An HTML page whose title block (council, date, municipality) stands in the site's page-level
`<header>`, outside `<main>`, names its meeting as one with the block inside `<main>`; without
any block, the page's `<title>` names it. The site's menus, search, breadcrumbs and footer stay
out. In the head's attendance, a second absence label adds its names, a second label on one
line is a field of its own, a list of names ends at a blank line, and a role before a name
(«Overborgmester», «Rådmand», …) is not part of it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURES, run
from indexer.extract import ExtractError, extract
from indexer.meeting import STAND_IN, member_names
from indexer.pipeline import read_document

HEAD = FIXTURES / "meeting_head"  # variants and hand-made documents; the reviewer's files are in unseen_layouts
UNSEEN = FIXTURES / "unseen_layouts"
FJORDLUND = "fjordlund_integrationsraad_2025-02-10.html"
META = ("doc_type", "municipality", "council", "meeting_date", "year", "place", "present", "absent")


def fixture(name: str) -> Path:
    return HEAD / name if (HEAD / name).exists() else UNSEEN / name


def read(name: str):
    return read_document(fixture(name), fixture(name).parent)


def page(tmp_path: Path, name: str, markup: str):
    path = tmp_path / name
    path.write_text(markup, encoding="utf-8")
    return path


def outline(document) -> list[tuple]:
    return [(p.item_number, p.title, p.text, p.case_number, p.case_handler, p.decision) for p in document.passages]


# --- Finding 8: the title block of an HTML page outside <main> ---------------------------------


def test_the_title_block_in_the_page_header_names_the_meeting(runner):
    result = run(runner, "extract", fixture(FJORDLUND), "--json")

    assert result.exit_code == 0, result.output
    passages = [json.loads(line) for line in result.output.splitlines()]
    assert [p["title"] for p in passages] == [
        "Godkendelse af dagsorden", "Sprogcafé og lektiehjælp på biblioteket", "Eventuelt"]
    for passage in passages:
        assert (passage["municipality"], passage["council"], passage["meeting_date"], passage["year"]) == (
            "Fjordlund", "Integrationsrådet", "2025-02-10", 2025)
        assert passage["place"] == "Kulturhuset, lokale 4"
        assert passage["absent"] == ["Yusuf Demir", "Grethe Lund"]


def test_the_header_outside_main_reads_as_the_same_block_inside_main():
    outside, inside = read(FJORDLUND), read("fjordlund_header_in_main.html")

    assert [getattr(outside, field) for field in META] == [getattr(inside, field) for field in META]
    assert outside.meeting_date == "2025-02-10"
    # The block is the head, no item's text: the items are those of the block inside <main>.
    assert outline(outside) == outline(inside)


def test_the_page_chrome_around_the_title_block_stays_out():
    text = extract(fixture(FJORDLUND), UNSEEN).pages[0].text
    lines = text.split("\n")

    assert lines[:6] == ["Integrationsrådet", "", "Referat · Mandag den 10. februar 2025 kl. 17.00 · Fjordlund Kommune",
                         "", "Referat - Integrationsrådet - 10. februar 2025 - Fjordlund Kommune", ""]
    assert lines[6] == "Sted: Kulturhuset, lokale 4"  # then <main> (a <dt> and its <dd>: a field line)
    for chrome in ("Forside", "Politik", "Dagsordener og referater", "Rådhustorvet", "Tlf. 70 00 00 00"):
        assert chrome not in text, chrome


SITE_HEADER = """<!DOCTYPE html><html lang="da"><head><meta charset="utf-8">
<title>Referat - Integrationsrådet - 10. februar 2025 - Fjordlund Kommune</title></head><body>
<a class="skip-link" href="#indhold">Gå til indhold</a>
<header class="site-header">
  <a class="logo" href="/">Fjordlund Kommune</a>
  <ul class="topmenu"><li><a href="/borger">Borger</a></li><li><a href="/erhverv">Erhverv</a></li></ul>
  <form role="search"><label>Søg på siden</label><input name="q"></form>
  <nav><a href="/">Forside</a> &gt; <a href="/politik">Politik</a></nav>
  <div class="page-title"><h1>Integrationsrådet</h1><p>Referat · Mandag den 10. februar 2025 kl. 17.00</p></div>
</header>
{main}
<footer><p>Fjordlund Kommune · Rådhustorvet 1</p><ul><li>Tilgængelighedserklæring</li></ul></footer>
</body></html>"""
ITEMS = """<h2>1. Godkendelse af dagsorden</h2>
<p>Sagsnr.: 25/0033</p>
<h3>Beslutning</h3>
<p>Godkendt.</p>
<h2>2. Sprogcafé på biblioteket</h2>
<p>Sagsnr.: 25/0041</p>
<h3>Beslutning</h3>
<p>Rådet bevilgede 15.000 kr. til sprogcaféen.</p>"""


def test_a_site_header_gives_its_title_block_but_not_its_menus_search_or_links(tmp_path):
    document = read_document(page(tmp_path, "r.html", SITE_HEADER.format(main=f"<main>{ITEMS}</main>")), tmp_path)
    text = extract(tmp_path / "r.html", tmp_path).pages[0].text

    # The block names no municipality: the page's <title> does ("… - Fjordlund Kommune").
    assert (document.municipality, document.council, document.meeting_date) == (
        "Fjordlund", "Integrationsrådet", "2025-02-10")
    assert [p.title for p in document.passages] == ["Godkendelse af dagsorden", "Sprogcafé på biblioteket"]
    assert text.startswith("Integrationsrådet\n\nReferat · Mandag den 10. februar 2025 kl. 17.00\n\n"
                           "Referat - Integrationsrådet - 10. februar 2025 - Fjordlund Kommune\n\n1. Godkendelse")
    for chrome in ("Borger", "Erhverv", "Søg på siden", "Forside", "Politik", "Gå til indhold", "Rådhustorvet",
                   "Tilgængelighedserklæring"):
        assert chrome not in text, chrome
    assert "Fjordlund Kommune" not in text.split("\n")  # the logo's link: beside the menus, not the title block


def test_a_page_without_main_keeps_the_title_block_of_its_page_header(tmp_path):
    markup = SITE_HEADER.format(main=f'<div class="content">{ITEMS}</div>')
    document = read_document(page(tmp_path, "r.html", markup), tmp_path)

    assert (document.council, document.meeting_date) == ("Integrationsrådet", "2025-02-10")
    assert [p.case_number for p in document.passages] == ["25/0033", "25/0041"]
    assert "Borger" not in extract(tmp_path / "r.html", tmp_path).pages[0].text


def test_main_with_its_own_h1_is_not_given_the_sites_header(tmp_path):
    markup = SITE_HEADER.replace("<h1>Integrationsrådet</h1>", "<h1>Fjordlund Kommune</h1>").format(
        main=f"<main><h1>Integrationsrådet - Referat</h1><p>Mødedato: 10. februar 2025</p>{ITEMS}</main>")
    text = extract(page(tmp_path, "r.html", markup), tmp_path).pages[0].text

    assert text.startswith("Integrationsrådet - Referat\n")
    assert "Fjordlund Kommune" not in text and "Mandag den 10. februar" not in text


def test_without_a_title_block_the_pages_title_names_the_meeting(tmp_path):
    markup = SITE_HEADER.replace('<div class="page-title"><h1>Integrationsrådet</h1><p>Referat · Mandag den 10. '
                                 'februar 2025 kl. 17.00</p></div>', "").format(main=f"<main>{ITEMS}</main>")
    assert "<h1>" not in markup
    document = read_document(page(tmp_path, "r.html", markup), tmp_path)
    text = extract(tmp_path / "r.html", tmp_path).pages[0].text

    assert text.startswith("Referat - Integrationsrådet - 10. februar 2025 - Fjordlund Kommune\n\n1. Godkendelse")
    assert (document.municipality, document.council, document.meeting_date) == (
        "Fjordlund", "Integrationsrådet", "2025-02-10")
    assert all("Referat - " not in p.text for p in document.passages)


def test_a_page_of_chrome_and_a_title_only_is_still_a_page_without_text(tmp_path):
    markup = SITE_HEADER.replace("<h1>Integrationsrådet</h1>", "").format(main="<main> </main>")
    path = page(tmp_path, "r.html", markup.replace("<p>Referat · Mandag den 10. februar 2025 kl. 17.00</p>", ""))
    with pytest.raises(ExtractError, match="^ingen synlig tekst i HTML-siden$"):
        extract(path, tmp_path)


# --- Finding 9: attendance in the head -----------------------------------------------------------


def test_a_second_absence_label_adds_its_names():
    document = read("solby_oekonomiudvalget_2025-03-03.txt")  # Afbud: Jens Pilgaard / Fraværende: Kirsten Holm

    assert document.absent == ("Jens Pilgaard", "Kirsten Holm")
    assert all(p.absent == ("Jens Pilgaard", "Kirsten Holm") for p in document.passages)


def test_a_substitute_on_the_absence_line_is_a_field_of_its_own():
    document = read("vesteraa_byraad_2025-01-29.txt")  # Fraværende: Bo Hjort (V). Stedfortræder: Anne Winge (V)

    assert document.absent == ("Bo Hjort",)
    assert document.present == (STAND_IN.format("Anne Winge"),)
    assert {p.absent for p in document.passages} == {("Bo Hjort",)}


def test_a_substitute_in_an_items_decision_note_on_one_line_is_split_too(tmp_path):
    text = fixture("vesteraa_byraad_2025-01-29.txt").read_text(encoding="utf-8")
    changed = text.replace("1. Godkendelse af dagsorden\nBeslutning: Godkendt.\n",
                           "1. Godkendelse af dagsorden\nBeslutning: Godkendt.\n"
                           "Fraværende: Ole Dam (A). Stedfortræder: Per Ny (A)\n")
    assert changed != text
    document = read_document(page(tmp_path, "vesteraa.txt", changed), tmp_path)

    first, second = document.passages[:2]
    assert first.absent == ("Bo Hjort", "Ole Dam")
    assert first.present == (STAND_IN.format("Anne Winge"), STAND_IN.format("Per Ny"))
    assert (second.absent, second.present) == (("Bo Hjort",), (STAND_IN.format("Anne Winge"),))


def test_a_list_of_names_ends_at_a_blank_line_in_a_document_without_items():
    document = read("solby_temamoede_2025-03-03.txt")  # a contents list follows the absence lines

    assert document.passages and all(p.item_number is None for p in document.passages)
    assert (document.council, document.meeting_date) == ("Økonomiudvalget", "2025-03-03")
    assert document.absent == ("Jens Pilgaard", "Kirsten Holm")
    assert document.present == ()


def test_names_one_a_line_end_at_a_blank_line_before_a_heading(tmp_path):
    text = ("Lilleby Kommune\nBørne- og Ungeudvalget\n\nReferat af dialogmøde\nTirsdag den 12. november 2024\n\n"
            "Til stede:\nJonna Ravn\nPer Abildgaard\n\nFraværende:\nHanne Lyng\n\nDialog med forældrebestyrelserne\n"
            "Sagsnr. 24/18801\n\nUdvalget drøftede samarbejdet med forældrebestyrelserne om sprogstimulering.\n")
    document = read_document(page(tmp_path, "lilleby.txt", text), tmp_path)

    assert all(p.item_number is None for p in document.passages)
    assert document.present == ("Jonna Ravn", "Per Abildgaard")
    assert document.absent == ("Hanne Lyng",)


def test_overborgmester_is_a_role_not_part_of_the_name():
    document = read("solbjerg_borgerrepraesentationen_2025-03-06.txt")  # Til stede: Overborgmester Lene Dahl (A), …

    assert document.present[:2] == ("Lene Dahl", "Mikkel Krogh")
    assert document.absent == ("Karin Lykke", "Niels Fog")


@pytest.mark.parametrize("role", ["Overborgmester", "Borgmester", "Viceborgmester", "1. viceborgmester", "Rådmand",
                                  "Formand", "Næstformand", "Forperson", "Næstforperson", "Udvalgsformand"])
def test_a_role_before_or_after_a_name_is_left_out(tmp_path, role):
    text = fixture("solbjerg_borgerrepraesentationen_2025-03-06.txt").read_text(encoding="utf-8")
    changed = text.replace("Til stede: Overborgmester Lene Dahl (A), Mikkel Krogh (F),",
                           f"Til stede: {role} Lene Dahl (A), Mikkel Krogh (F), {role.lower()},")
    assert changed != text
    document = read_document(page(tmp_path, "solbjerg.txt", changed), tmp_path)

    assert document.present[:3] == ("Lene Dahl", "Mikkel Krogh", "Sara Øberg")
    assert member_names(f"{role} Lene Dahl (A)") == ("Lene Dahl",)
