"""Layouts review 16: a numbered title grouping sub-items (files in tests/fixtures/layouts16_headings/,
copied from the review; short variants written here).

The finding read here: Herning's agenda prints «4. Vejprojekter 2025» alone, blank lines, then its sub-items
«4.1 Ombygning af rundkørsel ved Holstebrovej» / «Sagsnr.: …» and «4.2 …», and «5. Spildevand» over «5a …»,
«5b …». The group titles have no case number under them: they were read as the last line of the item above
(item 3's «Indstilling» ended in «4. Vejprojekter 2025», item 4.2's in «5. Spildevand»), and a search for
«Vejprojekter» found only item 3. A group title belongs to its sub-items: cited before each one's title.
"""

from __future__ import annotations

from functools import partial

from conftest import FIXTURES, index_copies, read_fixture, read_written

LAYOUTS16 = FIXTURES / "layouts16_headings"
read = partial(read_fixture, LAYOUTS16)

HERNING = "herning-teknik-og-miljoeudvalget-dagsorden-2025-05-12.txt"


def _indstilling(passage) -> str:
    return next(s.text for s in passage.sections if s.key == "indstilling")


def test_a_group_title_is_no_part_of_the_recommendation_above_it():
    passages = read(HERNING).passages
    affald, cykelsti = passages[2], passages[4]
    assert (affald.item_number, affald.title) == (3, "Affaldsplan 2025")
    assert _indstilling(affald) == "Teknik og Miljø indstiller, at affaldsplanen godkendes."
    assert "Vejprojekter" not in affald.text
    assert cykelsti.item_label == "4.2"
    assert _indstilling(cykelsti) == "Teknik og Miljø indstiller, at projektet godkendes."
    assert "Spildevand" not in cykelsti.text


def test_sub_items_are_cited_under_their_group_title():
    passages = read(HERNING).passages
    assert [(p.printed_number or str(p.item_number), p.title) for p in passages] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Trafiksikkerhedsplan 2025-2030"),
        ("3", "Affaldsplan 2025"),
        ("4.1", "Vejprojekter 2025 – Ombygning af rundkørsel ved Holstebrovej"),
        ("4.2", "Vejprojekter 2025 – Cykelsti langs Silkeborgvej"),
        ("5a", "Spildevand – Tillæg nr. 3 til spildevandsplanen"),
        ("5b", "Spildevand – Separatkloakering i Gjellerup"),
        ("6", "Eventuelt"),
    ]
    rundkoersel = passages[3]
    # its fields and text are its own; it starts at the group title it is printed under
    assert (rundkoersel.case_number, rundkoersel.case_handler) == ("25/1120", "Rasmus Krogh")
    assert rundkoersel.text.startswith("Rundkørslen ombygges til to spor")
    assert rundkoersel.line == 48


def test_the_group_title_finds_its_sub_items(tmp_path):
    from search import SearchRequest, open_index

    _, index_dir = index_copies(tmp_path, [LAYOUTS16 / HERNING])
    index = open_index(index_dir)
    try:
        found = index.search(SearchRequest(query="Vejprojekter"))
        assert sorted(h.title for h in found.hits) == [
            "Vejprojekter 2025 – Cykelsti langs Silkeborgvej",
            "Vejprojekter 2025 – Ombygning af rundkørsel ved Holstebrovej"]
    finally:
        index.close()


AGENDA = """Herning Kommune
DAGSORDEN
Teknik- og Miljøudvalget
Mandag den 12. maj 2025 kl. 08.00

3. Affaldsplan 2025
Sagsnr.: 24/29001
Sagsfremstilling
Affaldsplanen skal revideres.
Indstilling
Teknik og Miljø indstiller, at affaldsplanen godkendes, og at der prioriteres i denne rækkefølge:

{list}

4.1 Ombygning af rundkørsel ved Holstebrovej
Sagsnr.: 25/1120
Indstilling
Teknik og Miljø indstiller, at projektet godkendes.

4.2 Cykelsti langs Silkeborgvej
Sagsnr.: 25/1121
Indstilling
Teknik og Miljø indstiller, at projektet godkendes.
"""


def test_a_numbered_list_ending_the_item_above_is_no_group_title(tmp_path):
    # «3. Genbrug» / «4. Tekstiler»: the last point of a list in item 3's text, numbered as the sub-items by chance
    points = "1. Madaffald\n\n2. Plast\n\n3. Genbrug\n\n4. Tekstiler"
    passages = read_written(tmp_path, "herning-dagsorden-2025-05-12.txt", AGENDA.format(list=points)).passages
    assert [p.title for p in passages] == [
        "Affaldsplan 2025", "Ombygning af rundkørsel ved Holstebrovej", "Cykelsti langs Silkeborgvej"]
    assert _indstilling(passages[0]).endswith("3. Genbrug\n\n4. Tekstiler")


def test_a_group_title_after_a_list_ending_in_a_sentence_is_one(tmp_path):
    text = AGENDA.format(list="- Madaffald\n- Plast.\n\n4 Vejprojekter 2025")
    passages = read_written(tmp_path, "herning-dagsorden-2025-05-12.txt", text).passages
    assert [p.title for p in passages] == [
        "Affaldsplan 2025", "Vejprojekter 2025 – Ombygning af rundkørsel ved Holstebrovej",
        "Vejprojekter 2025 – Cykelsti langs Silkeborgvej"]
    assert "Vejprojekter" not in passages[0].text
