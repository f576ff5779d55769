"""Minutes whose items are laid out in tables or columns (the layouts3 review, findings 1, 2 and 6).

- HTML: agenda items as `<table>` rows under a header row («Pkt. | Emne | Sagsnr. | Beslutning»):
  the columns are read by their headers (number, title, fields, sections); other tables stay text.
- Text: two columns flattened to text («Beslutning       Godkendt.», continuation lines indented to
  the text column): a known section label, then its text.
- Markdown: a field table's header row («| Felt | Værdi |») does not stand between a heading and
  its field lines; single `*`/`_` emphasis is markup, as `**` is.

Each outcome is read through the whole pipeline, from the reviewer's files
(tests/fixtures/unseen_layouts_3) and small files of our own (tests/fixtures/tables_and_columns).
"""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, load_expected, norm
from indexer.htmltext import read_page
from indexer.pipeline import read_document

UNSEEN3 = FIXTURES / "unseen_layouts_3"
OURS = FIXTURES / "tables_and_columns"
EXPECTED = load_expected(UNSEEN3)


def read(folder: Path, name: str):
    return read_document(folder / name, folder)


def assert_expected_items(name: str) -> None:
    """The reviewer's file `name` gives the items expected.json names, with their fields."""
    spec = EXPECTED[name]
    document = read(UNSEEN3, name)
    assert [(p.item_number, norm(p.title)) for p in document.passages] == [
        (item["number"], norm(item["title"])) for item in spec["items"]]
    for passage, item in zip(document.passages, spec["items"]):
        for field in ("case_number", "case_handler"):
            if field in item:
                assert getattr(passage, field) == item[field], (passage.title, field)
        if "decision" in item:
            assert passage.decision == item["decision"], passage.title
    for field in ("municipality", "council", "meeting_date"):
        assert getattr(document, field) == spec[field], field
    assert list(document.passages[0].absent) == spec["absent"]
    assert not [n for n in document.notices if "ukendt format" in n]


def html_page(tmp_path: Path, table: str) -> Path:
    path = tmp_path / "tabel.html"
    path.write_text(
        "<html><head><title>Ungerådet 18. september 2024 | Vejlby-Ryde Kommune</title></head><body><main>"
        "<h1>Vejlby-Ryde Kommune – Ungerådet</h1><p>Referat af møde onsdag den 18. september 2024</p>"
        f"{table}</main></body></html>", encoding="utf-8")
    return path


# --- 1. HTML: items as table rows -------------------------------------------------------------


def test_an_html_table_of_items_gives_one_passage_per_row_with_its_case_number_and_decision():
    assert_expected_items("vejlbyryde_ungeraadet_2024-09-18.html")


def test_the_title_cell_s_first_line_is_the_title_and_the_rest_is_the_item_s_text():
    document = read(UNSEEN3, "vejlbyryde_ungeraadet_2024-09-18.html")
    item = next(p for p in document.passages if p.item_number == 2)
    assert item.title == "Ønsker til nyt ungdomshus i midtbyen"
    assert "Rådet drøftede forslag fra elevrådene" in item.text
    assert "Rådet drøftede" not in item.decision
    # The header row is no item, and no passage repeats it.
    assert not [p for p in document.passages if "Sagsnr." in p.title or "Emne" in p.title]


def test_item_table_columns_are_read_by_their_headers_whatever_their_names_and_cells():
    # A header row of <td><b>…</b> cells; «Nr.», «Titel», «Sagsbehandler», «Referat»; numbers printed «1.»;
    # cells of paragraphs; a row spanning the table; empty cells; and a data table that stays a table.
    document = read(OURS, "solhoej_handicapraadet_2024-11-05.html")
    items = [(p.item_number, p.title, p.case_handler) for p in document.passages]
    assert items == [(1, "Godkendelse af dagsorden", "Lis Holm"),
                     (2, "tilgængelighed på rådhuset", "Bent Friis"),
                     (3, "Eventuelt", None)]
    first, second, last = document.passages
    assert first.decision == "Godkendt."
    assert second.decision.startswith("Rådet beder om en tidsplan for reparationen.\nSagen genoptages på næste møde.")
    assert "Elevatoren i vestfløjen" in second.text and "Elevatoren" not in second.decision
    assert not last.decision and not last.has_decision
    # The amounts table under the items is no item table: its rows stay lines of text.
    assert "2024 120.000 kr." in last.text


def test_a_table_without_an_item_number_and_a_title_column_is_left_as_rows_of_text(tmp_path):
    table = ("<table><thead><tr><th>Emne</th><th>Sagsnr.</th><th>Beslutning</th></tr></thead>"
             "<tr><td>Godkendelse af dagsorden</td><td>24/9001</td><td>Godkendt.</td></tr></table>")
    text = read_page(html_page(tmp_path, table).read_text(encoding="utf-8")).text
    assert "Emne\tSagsnr.\tBeslutning\nGodkendelse af dagsorden\t24/9001\tGodkendt." in text


def test_a_first_row_that_names_unknown_columns_is_no_header_row(tmp_path):
    # «Pkt.» and «Emne» in a first row of ordinary cells beside a column no convention names:
    # data, not a header row.
    table = ("<table><tr><td>Pkt.</td><td>Emne</td><td>Kommentar</td></tr>"
             "<tr><td>1</td><td>Godkendelse af dagsorden</td><td>Godkendt.</td></tr></table>")
    text = read_page(html_page(tmp_path, table).read_text(encoding="utf-8")).text
    assert "Pkt.\tEmne\tKommentar\n1\tGodkendelse af dagsorden\tGodkendt." in text


def test_an_item_table_without_a_case_number_column_still_anchors_each_row(tmp_path):
    table = ("<table><thead><tr><th>Punkt</th><th>Sag</th><th>Beslutning</th></tr></thead>"
             "<tr><td>1</td><td>Godkendelse af dagsorden<br>Dagsordenen blev gennemgået.</td><td>Godkendt.</td></tr>"
             "<tr><td>2</td><td>Høring om busplan<br>Rådet drøftede høringen.</td><td>Rådet afgiver høringssvar.</td></tr>"
             "</table>")
    document = read_document(html_page(tmp_path, table), tmp_path)
    assert [(p.item_number, p.title, p.decision) for p in document.passages] == [
        (1, "Godkendelse af dagsorden", "Godkendt."),
        (2, "Høring om busplan", "Rådet afgiver høringssvar.")]
    assert "Rådet drøftede høringen." in document.passages[1].text


# --- 2. Two columns flattened to text ----------------------------------------------------------


def test_two_column_text_gives_each_item_its_sections_and_decision():
    assert_expected_items("gudhjem_teknisk_udvalg_2024-06-03.txt")
    document = read(UNSEEN3, "gudhjem_teknisk_udvalg_2024-06-03.txt")
    second = next(p for p in document.passages if p.item_number == 2)
    sections = {section.key: section.text for section in second.sections}
    # The label's text and its lines indented under the text column, one section; «Sagsfremstilling»
    # fills its column and is followed by a single space.
    assert sections["sagsfremstilling"].startswith(
        "Forvaltningen har modtaget en henvendelse fra skolebestyrelsen om manglende fodgængerfelt på Storegade.")
    assert sections["indstilling"] == ("Forvaltningen indstiller, at projektet godkendes og finansieres af "
                                       "puljen til trafiksikkerhed.")
    assert "Indstilling" not in second.text and "Beslutning" not in second.text


def test_two_columns_split_by_tabs_with_labels_of_several_words_and_in_capitals():
    document = read(OURS, "ravnsbjerg_teknik_og_miljoe_2024-05-14.txt")
    assert [(p.item_number, p.decision) for p in document.passages] == [
        (1, "Godkendt."),
        (2, "Udvalget godkendte indstillingen.\nKim Lund (V) stemte imod."),
        (3, "Taget til efterretning.")]
    sections = {section.key: section.text for section in document.passages[1].sections}
    assert sections["indstilling"] == "Forvaltningen indstiller, at anlægsbevillingen på 1,2 mio. kr. frigives."
    assert sections["økonomiske_konsekvenser"] == "Udgiften afholdes af puljen til cykelstier."


def test_a_label_word_in_prose_is_no_column():
    # Item 3 prints «Økonomi  Der er …» inside a sentence and a justified line «Indstilling  af  den  nye …»:
    # both stay the text of its Sagsfremstilling.
    third = read(OURS, "ravnsbjerg_teknik_og_miljoe_2024-05-14.txt").passages[2]
    sections = {section.key: section.text for section in third.sections}
    assert sorted(sections) == ["beslutning", "sagsfremstilling"]
    assert "Økonomi Der er afsat 2 mio. kr." in sections["sagsfremstilling"]
    assert "Indstilling af den nye plan til byrådet sker i juni." in sections["sagsfremstilling"]


def test_a_label_and_one_space_is_a_column_only_where_the_file_shows_the_column(tmp_path):
    head = "Solby Kommune\nReferat: Økonomiudvalget\nMødedato: 03-06-2024\n\n1. Budgetopfølgning\n\nSagsnr.: 24/1\n"
    # A single space after the label and nothing indented under the text: a sentence, not two columns.
    path = tmp_path / "solby_oekonomiudvalget_2024-06-03.txt"
    path.write_text(head + "Sagsfremstilling Forvaltningen har lavet en opfølgning.\nDen viser et mindreforbrug.\n",
                    encoding="utf-8")
    passage = read_document(path, tmp_path).passages[0]
    assert [section.key for section in passage.sections] == ["tekst"]
    # The same line with its next line indented to the text column: two columns.
    path.write_text(head + "Sagsfremstilling Forvaltningen har lavet en opfølgning.\n"
                    "                 Den viser et mindreforbrug.\nBeslutning       Godkendt.\n", encoding="utf-8")
    passage = read_document(path, tmp_path).passages[0]
    assert sorted(section.key for section in passage.sections) == ["beslutning", "sagsfremstilling"]
    assert passage.decision == "Godkendt."


# --- 3. Markdown: field tables and single emphasis ---------------------------------------------


def test_a_markdown_field_table_with_a_header_row_anchors_its_item_and_italic_labels_are_read():
    # «| Felt | Værdi |» / «|---|---|» above the fields; «*Fraværende:* Anders Dam (C)» in the head.
    assert_expected_items("hjortsvang_byraad_2024-03-21.md")
    document = read(UNSEEN3, "hjortsvang_byraad_2024-03-21.md")
    assert not document.notices
    assert not [p for p in document.passages if "Felt" in p.text or "*" in p.text]


MARKDOWN = """# Referat: Byrådet 21. marts 2024

Hjortsvang Kommune

_Fraværende:_ Anders Dam (C)

## Punkt 1 – Budgetopfølgning

| Felt | Værdi |
|---|---|
| Sagsnr. | 24/0300 |

**Sagsfremstilling**

Forbruget på *konto 2* er 2*3 mio. kr. højere end budgetteret, jf. bilag_2_oversigt.pdf:

* Skoler
* Ældrepleje

| År | Beløb |
|---|---|
| 2024 | 120.000 kr. |

**Beslutning**

Godkendt.
"""


def test_other_markdown_tables_keep_their_header_row_and_asterisks_that_are_no_emphasis_stay(tmp_path):
    path = tmp_path / "hjortsvang_byraad_2024-03-21.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    document = read_document(path, tmp_path)
    (item,) = document.passages
    assert (item.item_number, item.case_number, item.decision) == (1, "24/0300", "Godkendt.")
    assert list(item.absent) == ["Anders Dam"]
    text = {section.key: section.text for section in item.sections}["sagsfremstilling"]
    assert "Forbruget på konto 2 er 2*3 mio. kr. højere end budgetteret, jf. bilag_2_oversigt.pdf:" in text
    assert "- Skoler" in text or "* Skoler" in text
    # The amounts table is no field table: its header row stays, it says what the columns hold.
    assert "År Beløb" in text and "2024 120.000 kr." in text


def test_a_markdown_table_of_items_is_read_as_an_html_one():
    # The same convention in a Markdown export: «| Pkt. | Emne | Sagsnr. | Beslutning |», «<br>» in a cell.
    document = read(OURS, "vejlbyryde_ungeraadet_2024-09-18.md")
    assert [(p.item_number, p.title, p.case_number, p.decision) for p in document.passages] == [
        (1, "Godkendelse af dagsorden", "24/9001", "Godkendt."),
        (2, "Ønsker til nyt ungdomshus", "24/8120", "Ungerådet anbefaler længere åbningstid."),
        (3, "Eventuelt", None, "")]  # «Intet.» is no decision
    assert "Rådet drøftede forslag fra elevrådene." in document.passages[1].text
    assert not document.passages[2].has_decision


def test_a_contents_table_or_a_list_of_attachments_is_no_table_of_items(tmp_path):
    # Number and title columns, but no field or decision: the agenda's contents, or an item's attachments.
    for table in ("<table><tr><th>Pkt.</th><th>Emne</th><th>Side</th></tr>"
                  "<tr><td>1</td><td>Godkendelse af dagsorden</td><td>2</td></tr></table>",
                  "<table><tr><th>Nr.</th><th>Titel</th></tr><tr><td>1</td><td>Oversigtskort</td></tr></table>"):
        text = read_page(html_page(tmp_path, table).read_text(encoding="utf-8")).text
        assert "Pkt. 1" not in text and "\t" in text.split("\n")[-2]


def test_a_table_inside_an_item_cell_is_the_cell_s_text_and_deep_nesting_is_read(tmp_path):
    item_table = "<table><tr><th>Pkt.</th><th>Emne</th><th>Beslutning</th></tr><tr><td>1</td><td>Budget</td><td>"
    inner = "<table><tr><td>2024</td><td>120.000 kr.</td></tr></table>"
    text = read_page(f"<main>{item_table}Godkendt.{inner}</td></tr></table></main>").text
    assert "Pkt. 1\nBudget\nBudget\nBeslutning\nGodkendt.\n2024 120.000 kr." in text
    # A hostile page nests item tables thousands deep: each is looked at once (this took minutes
    # when each table re-read the tables inside it), and only the outer one is read as items.
    depth = 3000
    text = read_page("<main>" + item_table * depth + "x" + "</td></tr></table>" * depth + "</main>").text
    assert text.count("Pkt. 1") == 1 and text.rstrip().endswith("x")
