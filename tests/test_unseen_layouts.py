"""Minutes in layouts the segmenter was not written against (the layouts2 review): each file
against the reviewer's expected.json, and each convention it showed, in variants of them.

The conventions: item numbers as printed ("3a", "4.1", "5" without its full stop, `item_label`),
`Sag nr. N` above its title, `Dagsordenspunkt N` / `Punkt N` alone with a wrapping title, the last
item at the end of the file without anchor, `Sagsbeh.`, `Journalnr.` as the case number,
`INDSTILLING OG BESLUTNING` and `Afgørelse`; a document with decisions is never an annual report;
items lost to a heading in no known form are not lost silently.
"""

from __future__ import annotations

from functools import partial

import re

import pytest

from conftest import FIXTURES, LAYOUTS, SEEDS, assert_item_fields, load_expected, norm, read_fixture, read_rewritten
from indexer import conventions as cv
from indexer.citation import citation
from indexer.clean import clean
from indexer.contents import find_contents
from indexer.extract import extract
from indexer.ids import passage_ids
from indexer.models import DECISION, EARLIER_DECISION
from indexer.pipeline import read_document
from indexer.segment import NO_ITEM_HEADINGS, segment

UNSEEN = FIXTURES / "unseen_layouts"
rewritten = partial(read_rewritten, UNSEEN)
EXPECTED = load_expected(UNSEEN)
HTML = "fjordlund_integrationsraad_2025-02-10.html"
# The document's fields, the HTML page's too (its title block in a <header> outside <main>), and
# the head's absent members (a second absence label, a substitute on the absence line: the
# substitute is listed as present, «Anne Winge (stedfortræder)»: tests/test_meeting_head.py).
DOCUMENT_FIELDS = ("doc_type", "municipality", "council", "meeting_date", "year", "absent")


read = partial(read_fixture, UNSEEN)


def printed(passage) -> int | str | None:
    """The item's number as expected.json writes it: "3a" for a number printed so, else the int."""
    return passage.item_label if passage.item_label is not None else passage.item_number


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_unseen_layout_yields_the_expected_items(name):
    spec = EXPECTED[name]
    document = read(name)
    for field in DOCUMENT_FIELDS:
        if field in spec:
            value = getattr(document, field, None)
            if value is None:  # the head's fields live on the passages
                value = getattr(document.passages[0], field)
            assert (list(value) if isinstance(value, tuple) else value) == spec[field], (name, field)
    got = [(printed(p), norm(p.title)) for p in document.passages]
    assert got == [(item.get("number"), norm(item["title"])) for item in spec["items"]]
    assert_item_fields(document.passages, spec["items"])
    # A document with the items it shows has nothing to report of lost items.
    assert not [n for n in document.notices if "ukendt format" in n or n == NO_ITEM_HEADINGS]


# --- Item numbers as printed: 3a, 3b, 4.1, 4.2, and 5 without its full stop ----------------------


def test_numbers_with_letters_and_sub_numbers_keep_their_leading_number_and_print_as_printed():
    document = read("granhoej_teknik_og_miljoeudvalget_2024-09-02.txt")
    assert [(p.item_number, p.item_label) for p in document.passages] == [
        (3, "3a"), (3, "3b"), (4, "4.1"), (4, "4.2"), (5, None)]
    assert [p.to_json()["item_label"] for p in document.passages] == ["3a", "3b", "4.1", "4.2", None]
    ids = [p.id for p in document.passages]
    assert len(set(ids)) == len(ids)
    assert [i[len(document.id) + 1:] for i in ids] == [
        "3a-godkendelse-af-dagsorden", "3b-godkendelse-af-referat-fra-sidste-moede",
        "4-1-trafiksikkerhedsplan-2025-2028", "4-2-affaldsordning-for-etageboliger", "5-lukket-punkt-erstatningssag"]
    assert citation(document.passages[0]).endswith(", punkt 3a: Godkendelse af dagsorden")
    assert citation(document.passages[2]).endswith(", punkt 4.1: Trafiksikkerhedsplan 2025-2028")
    assert citation(document.passages[4]).endswith(", punkt 5: Lukket punkt: Erstatningssag")


def test_items_3a_and_3b_with_the_same_title_get_ids_of_their_own(tmp_path):
    document = rewritten(tmp_path, "granhoej_teknik_og_miljoeudvalget_2024-09-02.txt",
                         lambda text: text.replace("3b Godkendelse af referat fra sidste møde\n",
                                                   "3b Godkendelse af dagsorden\n"))
    ids = [p.id for p in document.passages[:2]]
    assert [p.item_label for p in document.passages[:2]] == ["3a", "3b"]
    assert ids[0].endswith("-3a-godkendelse-af-dagsorden") and ids[1].endswith("-3b-godkendelse-af-dagsorden")


@pytest.mark.parametrize("folder", [SEEDS, LAYOUTS], ids=["seeds", "layouts"])
def test_items_numbered_as_before_keep_the_ids_they_had(folder):
    # An item printed "15." has no label: its id is named by its number and title, as it always was.
    for path in sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md") and p.name != "LAYOUTS.md"):
        document = read_document(path, folder)
        found = segment(clean(extract(path, folder))).items
        assert all(p.item_label is None for p in document.passages), path.name
        assert [p.id for p in document.passages] == passage_ids(document.id, [(i.number, i.title) for i in found])


# Ids as released (links in the wild point at them): written out, not computed, so a change in
# how an id is formed (the slug, the hash, the number's place) shows here.
RELEASED_IDS = {
    (SEEDS, "naestved-integrationsraadet-referat-2015-05-21.txt"): [
        "naestved-integrationsraadet-referat-2015-05-21-0785a4-11-godkendelse-af-referatet",
        "naestved-integrationsraadet-referat-2015-05-21-0785a4-12-nyt-fra-foreningerne",
        "naestved-integrationsraadet-referat-2015-05-21-0785a4-14-foreningernes-dag-2015",
        "naestved-integrationsraadet-referat-2015-05-21-0785a4-15-modtagelse-af-flygtninge",
        "naestved-integrationsraadet-referat-2015-05-21-0785a4-16-medborgerskabspolitikken",
        "naestved-integrationsraadet-referat-2015-05-21-0785a4-16-meddelelser",
        "naestved-integrationsraadet-referat-2015-05-21-0785a4-17-eventuelt",
    ],
    (SEEDS, "naestved-integrationsraadet-aarsberetning-2019.txt"): [
        "naestved-integrationsraadet-aarsberetning-2019-c3a860-forord",
        "naestved-integrationsraadet-aarsberetning-2019-c3a860-centrale-temaer-for-perioden-2018-2021",
    ],
    (LAYOUTS, "f1_hedelund_integrationsraadet_2015-05-27.txt"): [
        "f1-hedelund-integrationsraadet-2015-05-27-f3fa5d-1-godkendelse-af-dagsorden",
        "f1-hedelund-integrationsraadet-2015-05-27-f3fa5d-2-beslutning-om-fordeling-af",
        "f1-hedelund-integrationsraadet-2015-05-27-f3fa5d-3-boligplacering-af-flygtninge-status-for",
    ],
}


@pytest.mark.parametrize("folder, name", list(RELEASED_IDS), ids=[name for _, name in RELEASED_IDS])
def test_items_keep_the_ids_they_were_released_with(folder, name):
    expected = RELEASED_IDS[folder, name]
    document = read_document(folder / name, folder)
    assert [p.id for p in document.passages[:len(expected)]] == expected


def test_a_bare_number_or_sub_number_is_a_heading_only_with_its_anchor(tmp_path):
    # "5 Title" and "4.1 Title" in running text, followed by more text, stay text.
    document = rewritten(tmp_path, "granhoej_teknik_og_miljoeudvalget_2024-09-02.txt", lambda text: text.replace(
        "Forvaltningen indstiller, at ordningen godkendes.\n",
        "Forvaltningen indstiller, at ordningen godkendes.\n\n12 Boligforeninger har svaret på høringen.\n"
        "4.3 Ordningen gælder også rækkehuse,\nsom kommunen udpeger.\n"))
    assert [printed(p) for p in document.passages] == ["3a", "3b", "4.1", "4.2", 5]
    assert "12 Boligforeninger har svaret" in document.passages[3].sections_by_key()["indstilling"]


def test_a_contents_list_of_labelled_numbers_without_dot_leaders_names_the_items():
    path = UNSEEN / "granhoej_teknik_og_miljoeudvalget_2024-09-02.txt"
    contents, covered = find_contents(clean(extract(path, UNSEEN)))
    assert contents == [(3, "Godkendelse af dagsorden"), (3, "Godkendelse af referat fra sidste møde"),
                        (4, "Trafiksikkerhedsplan 2025-2028"), (4, "Affaldsordning for etageboliger"),
                        (5, "Lukket punkt: Erstatningssag")]
    assert len(covered) >= 6  # the header and its five entries are no item's text


def test_a_contents_list_of_sag_nr_entries_with_dot_leaders_gives_their_numbers():
    path = UNSEEN / "solby_oekonomiudvalget_2025-03-03.txt"
    contents, _ = find_contents(clean(extract(path, UNSEEN)))
    assert contents == [(12, "Godkendelse af dagsorden"), (13, "Budgetopfølgning pr. 31. januar 2025"),
                        (14, "Lukket punkt: Køb af ejendom"), (15, "Orientering")]


# --- Number on a line of its own, above its title ---------------------------------------------------

SOLBY = "solby_oekonomiudvalget_2025-03-03.txt"
LILLEBY = "lilleby_boerneudvalg_2024-11-12.txt"


def items(document) -> list[tuple]:
    return [(p.item_number, norm(p.title), p.case_handler, p.decision) for p in document.passages]


def test_sag_nr_above_the_title_numbers_the_item_under_it():
    document = read(SOLBY)
    assert document.doc_type == "referat"
    assert [(p.item_number, p.has_decision) for p in document.passages] == [(n, True) for n in (12, 13, 14, 15)]
    # Each item ends where the next one's "Sag nr." stands: no number is left in a decision.
    assert not any("Sag nr" in p.text for p in document.passages)


def test_sag_nr_above_or_below_its_title_gives_the_same_items(tmp_path):
    # One blank line between a decision and the next "Sag nr.": the decision's last line is no title above it.
    above = rewritten(tmp_path, SOLBY, lambda text: text.replace("\n\n\nSag nr.", "\n\nSag nr."), "above.txt")
    below = rewritten(tmp_path, SOLBY, lambda text: re.sub(r"\n(Sag nr\. \d+)\n(.+)\n", r"\n\2\n\1\n", text),
                      "below.txt")
    assert items(above) == items(below) == items(read(SOLBY))


def test_dagsordenspunkt_alone_with_the_title_below_wrapping_onto_two_lines():
    document = read(LILLEBY)
    assert [p.item_number for p in document.passages] == [1, 2, 3, 4]
    assert document.passages[1].title == ("Kvalitetsrapport for folkeskolerne 2023/24 - opfølgning på elever med "
                                          "dansk som andetsprog")


def test_punkt_alone_with_a_wrapped_title_is_one_item_with_its_own_decision(tmp_path):
    document = rewritten(tmp_path, LILLEBY, lambda text: text.replace("Dagsordenspunkt ", "Punkt "))
    assert items(document) == items(read(LILLEBY))
    first = document.passages[0]
    assert first.decision == "Orienteringen blev taget til efterretning."
    assert not [s for s in first.sections if s.key == EARLIER_DECISION]


def test_a_line_under_a_number_alone_is_its_title_only_with_an_anchor_below(tmp_path):
    # "Punkt 2" then a paragraph of text: no item (the number is part of the text).
    document = rewritten(tmp_path, LILLEBY, lambda text: text.replace(
        "Orienteringen blev taget til efterretning.\n",
        "Orienteringen blev taget til efterretning.\n\nPunkt 2\nFormanden orienterede om rådets møde med skolerne i "
        "oktober, hvor elevernes trivsel var på dagsordenen.\n"))
    assert [p.item_number for p in document.passages] == [1, 2, 3, 4]
    assert "Formanden orienterede" in document.passages[0].decision


# --- The last item at the end of the file ------------------------------------------------------------

VESTERAA = "vesteraa_byraad_2025-01-29.txt"


def test_the_last_heading_with_nothing_after_it_is_its_own_item():
    document = read(VESTERAA)
    last, before = document.passages[-1], document.passages[-2]
    assert (last.item_number, last.title, last.sections) == (5, "Eventuelt", ())
    assert before.decision == "Rådmanden besvarede forespørgslen. Besvarelsen vedlægges referatet."


def test_a_last_heading_whose_number_does_not_follow_stays_text(tmp_path):
    document = rewritten(tmp_path, VESTERAA, lambda text: text.replace("5. Eventuelt", "7. Eventuelt"))
    assert [p.item_number for p in document.passages] == [1, 2, 3, 4]
    assert document.passages[-1].decision.endswith("7. Eventuelt")


def test_the_last_heading_before_the_signatures_is_its_own_item(tmp_path):
    document = rewritten(tmp_path, VESTERAA, lambda text: text.rstrip("\n") + "\n\nMødet hævet kl. 18.10.\n\n"
                         "Underskrifter:\nLars Holm\nMette Kjærgaard\n")
    assert [(p.item_number, p.title) for p in document.passages][-1] == (5, "Eventuelt")


# --- Field and section labels ------------------------------------------------------------------------


# The file prints "Sagsbeh.: Lone Tved" (test_each_unseen_layout_yields_the_expected_items).
@pytest.mark.parametrize("line", ["Sagsbeh: Lone Tved", "SAGSBEH.: Lone Tved",
                                  "Sagsbehandlere: Lone Tved, Ulrik Damgaard", "Sagsbehandler:\nLone Tved"])
def test_abbreviated_and_plural_case_handler_labels(tmp_path, line):
    document = rewritten(tmp_path, SOLBY, lambda text: text.replace("Sagsbeh.: Lone Tved", line))
    assert document.passages[0].case_handler == "Lone Tved"
    assert "Lone Tved" not in document.passages[0].text


def test_an_abbreviated_case_handler_line_anchors_a_numbered_heading(tmp_path):
    # "12. GODKENDELSE AF DAGSORDEN" / "Sagsbeh.: Lone Tved": the field line is the heading's anchor.
    document = rewritten(tmp_path, SOLBY, lambda text: re.sub(r"Sag nr\. (\d+)\n(.+)\n", r"\1. \2\n", text))
    assert [(p.item_number, p.case_handler) for p in document.passages] == [
        (12, "Lone Tved"), (13, "Ulrik Damgaard"), (14, None), (15, None)]


def test_a_journal_number_alone_is_the_case_number_and_a_kle_code_alone_is_not(tmp_path):
    document = read(SOLBY)
    assert [p.case_number for p in document.passages[:2]] == ["00.01.00-A00-1-25", "00.30.10-S55-1-25"]
    assert document.passages[0].sections_by_key()["journalnummer"] == "00.01.00-A00-1-25"
    kle = rewritten(tmp_path, SOLBY, lambda text: text.replace("Journalnr.: 00.01.00-A00-1-25", "J.nr.: 00.01.00"))
    assert kle.passages[0].case_number is None
    both = rewritten(tmp_path, SOLBY, lambda text: text.replace(
        "Journalnr.: 00.01.00-A00-1-25", "Journalnr.: 00.01.00-A00-1-25\nSagsnr.: 25/1234"), "both.txt")
    assert both.passages[0].case_number == "25/1234"


def test_indstilling_og_beslutning_is_the_recommendation_not_the_decision():
    document = read("solbjerg_borgerrepraesentationen_2025-03-06.txt")
    first = document.passages[0]
    assert first.sections_by_key()["indstilling"] == "Overborgmesteren indstiller, at dagsordenen godkendes."
    assert first.decision == "Godkendt uden afstemning."
    assert [s.key for s in first.sections if s.label == "INDSTILLING OG BESLUTNING"] == ["indstilling"]


# The file prints "Afgørelse" (test_each_unseen_layout_yields_the_expected_items).
@pytest.mark.parametrize("label", ["AFGØRELSE", "Udvalgets afgørelse", "Børne- og Ungeudvalgets afgørelse"])
def test_afgoerelse_labels_a_decision(tmp_path, label):
    document = rewritten(tmp_path, LILLEBY, lambda text: text.replace("Afgørelse\n", f"{label}\n"), "afgoerelse.txt")
    item3 = document.passages[2]
    assert item3.decision == "Ansøgningen blev imødekommet."
    assert "imødekommet" not in item3.sections_by_key()["sagsfremstilling"]


# --- Decisions make minutes, and lost items are told --------------------------------------------------


def test_minutes_with_decisions_and_headings_in_no_known_form_are_minutes_with_a_notice(tmp_path):
    document = rewritten(tmp_path, LILLEBY, lambda text: re.sub(r"^Dagsordenspunkt (\d)$", r"Emne \1", text,
                                                               flags=re.MULTILINE))
    assert document.doc_type == "referat" and document.meeting_date == "2024-11-12"
    assert NO_ITEM_HEADINGS in document.notices
    assert [p.case_number for p in document.passages] == ["24/18801", "24/14410", "24/19020"]
    assert [p.decision for p in document.passages] == [
        "Orienteringen blev taget til efterretning.", "Indstillingens pkt. 1 og 2 godkendt. Sofie Bak stemte imod pkt. 2.",
        "Ansøgningen blev imødekommet.\n\nEmne 4\nEventuelt"]
    assert not any(cv.decision_header(p.title) for p in document.passages)


def test_decision_headers_alone_never_make_a_report(tmp_path):
    document = rewritten(tmp_path, SOLBY, lambda text: re.sub(r"^Sag nr\. \d+\n", "", text, flags=re.MULTILINE))
    assert document.doc_type == "referat"
    assert all(not cv.decision_header(p.title) for p in document.passages)
    assert sum(p.has_decision for p in document.passages) >= 2


def test_items_under_an_unknown_heading_above_the_first_item_are_told(tmp_path):
    document = rewritten(tmp_path, "granhoej_teknik_og_miljoeudvalget_2024-09-02.txt",
                         lambda text: re.sub(r"^(3a|3b|4\.1|4\.2) ", r"Emne \1 - ", text, flags=re.MULTILINE))
    assert [p.item_number for p in document.passages] == [5]
    assert ("teksten før første punkt har sagsnumre, sagsbehandlere eller beslutninger (linje 18): punkter med "
            "overskrifter i et ukendt format er ikke indekseret") in document.notices


def test_a_contents_list_naming_more_items_than_were_found_is_told(tmp_path):
    document = rewritten(tmp_path, SOLBY, lambda text: re.sub(r"^Sag nr\. (\d+)$", r"Nr. \1", text, flags=re.MULTILINE))
    assert len(document.passages) < 4
    assert (f"indholdsfortegnelsen nævner 4 punkter, men kun {len(document.passages)} blev fundet i teksten: punkter "
            "med overskrifter i et ukendt format er ikke indekseret") in document.notices


def test_the_seeds_and_layouts_have_no_lost_items_to_tell(seed_documents):
    layouts = [read_document(p, LAYOUTS) for p in sorted(LAYOUTS.glob("f*.txt"))]
    for document in [*seed_documents.values(), *layouts]:
        assert not [n for n in document.notices if "ukendt format" in n or n == NO_ITEM_HEADINGS], document.source


def test_an_annual_report_quoting_a_decision_stays_a_report(tmp_path):
    document = rewritten(tmp_path, "bakkeby_integrationsraad_aarsberetning_2024.txt", lambda text: text.replace(
        "\nØNSKER FOR 2025\n", "\nBeslutning i Byrådet den 12. marts 2024\nRådets høringssvar blev taget til "
        "efterretning af et enigt byråd.\n\nØNSKER FOR 2025\n"))
    assert document.doc_type == "årsberetning" and NO_ITEM_HEADINGS not in document.notices
    assert [norm(p.title) for p in document.passages] == [norm(i["title"]) for i in EXPECTED[document.source]["items"]]
    assert DECISION not in {s.key for p in document.passages for s in p.sections}
