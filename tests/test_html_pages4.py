"""Minutes as web pages and text (the html4 review).

The review found the last item lost where a short line (a signature, "Formand", a footer link)
follows its text, breadcrumbs and chrome with Danish names read as items and text (a
`<div class="crumbs">`, "sidefod", share widgets, Cookie Information's banner, a closed <dialog>),
a decision given only by a block's class ("beslutning") read as the recommendation's text, item
numbers lost or glued to the title where the page puts them in an <ol> or a <span>, and text the
page's own <style> hides read.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_written
from indexer.htmltext import read_page

HTML4 = FIXTURES / "html4"
SVENDBORG_TXT = "svendborg-handicapraadet-referat-2025-01-22.txt"
SVENDBORG = "svendborg-handicapraadet-2025-01-22.html"
KOLDING = "kolding-aeldreraadet-referat-2025-03-11.html"
KOLDING_COI_AT_END = "kolding-coi-banner-at-end-variant.html"
KOLDING_OL = "kolding-items-in-ol-variant.html"
KOLDING_SPANS = "kolding-summary-spans-variant.html"
RINGSTED = "ringsted-dialog-at-end-variant.html"
OTHERS = ["faxe-folkeoplysningsudvalget-referat-2024-05-13.html",
          "hjoerring-boerne-og-ungeudvalget-referat-2025-02-05.html",
          "horsens-teknik-og-miljoeudvalget-referat-2024-11-04.html"]

read = partial(read_fixture, HTML4)


def text(markup: str) -> str:
    return read_page(markup).text


def items(name: str) -> list[tuple[int | None, str]]:
    return [(p.item_number, p.title) for p in read(name).passages]


def everything(name: str) -> str:
    return "\n".join(f"{p.title}\n{p.text}\n" + "\n".join(s.text for s in p.sections) for p in read(name).passages)


KOLDING_ITEMS = [(1, "Godkendelse af dagsorden"), (2, "Høring om ny plejeboligstrategi 2025-2030"), (3, "Eventuelt")]
PAGE = ("<html><body><h1>Ældrerådet</h1><p>Referat</p>{}"
        "<h2>1. Godkendelse af dagsorden</h2><p>Godkendt.</p>{}</body></html>")


# --- P1. The last item under a short closing line ---------------------------------------------

@pytest.mark.parametrize("closing", ["Ulla Friis", "Formand", "Referent: Pia Møller", "Om cookies",
                                     "Mødet hævet kl. 18.00"])
def test_the_last_item_survives_a_short_line_after_its_text(tmp_path, closing):
    source = (HTML4 / SVENDBORG_TXT).read_text(encoding="utf-8").rstrip("\n").rsplit("\n", 1)[0]
    document = read_written(tmp_path, SVENDBORG_TXT, f"{source}\n{closing}\n")
    assert [(p.item_number, p.title) for p in document.passages] == [
        (1, "Godkendelse af dagsorden"), (2, "Tilgængelighed på Svendborg Havn"), (3, "Eventuelt")]
    second, last = document.passages[1], document.passages[2]
    assert "Eventuelt" not in second.text and "Intet." not in second.text
    assert last.text.startswith("Intet.")


def test_points_a_decision_announces_at_the_end_stay_its_text(tmp_path):
    minutes = ("Ulstrup Kommune\nSocialudvalget\nReferat\nMødedato: 19. august 2025\n\n1. Godkendelse af dagsorden\n\n"
               "Beslutning\nGodkendt.\n\n2. Udmøntning af puljen\n\n"
               "Beslutning\nUdvalget besluttede følgende fordeling:\n\nLukket møde\n\n"
               "3. Ældre Sagen Ulstrup\n\n4. Røde Kors\n\nIngen bemærkninger til fordelingen i øvrigt.\n")
    document = read_written(tmp_path, "ulstrup-socialudvalget-referat-2025-08-19.txt", minutes)
    assert [p.item_number for p in document.passages] == [1, 2]


def test_the_fixtures_last_item_is_read():
    assert [p.item_number for p in read(SVENDBORG_TXT).passages] == [1, 2, 3]


# --- P2. Breadcrumbs by Danish and English names ---------------------------------------------

def test_a_crumbs_breadcrumb_is_no_item_and_keeps_the_attendance():
    document = read(KOLDING)
    assert [(p.item_number, p.title) for p in document.passages] == KOLDING_ITEMS
    assert all(p.absent == ("Birthe Skov",) and len(p.present) == 4 for p in document.passages)


@pytest.mark.parametrize("crumbs", [
    '<div class="crumbs"><ol><li>Forside</li><li>Politik</li><li>Ældrerådet</li></ol></div>',
    '<div class="crumb"><ol><li>Forside</li><li>Politik</li></ol></div>',
    '<div class="brodkrumme"><ol><li>Forside</li><li>Politik</li></ol></div>',
    '<div class="broedkrumme"><ol><li>Forside</li><li>Politik</li></ol></div>',
    '<div class="brødkrumme"><ol><li>Forside</li><li>Politik</li></ol></div>',
    '<div aria-label="Brødkrumme"><ol><li>Forside</li><li>Politik</li></ol></div>',
    '<div aria-label="Breadcrumb navigation"><ol><li>Forside</li><li>Politik</li></ol></div>',
])
def test_breadcrumbs_are_not_read(crumbs):
    read_text = text(PAGE.format(crumbs, ""))
    assert "Forside" not in read_text and "Politik" not in read_text and "Godkendt." in read_text


# --- P3. Footers, share widgets and consent banners by other names ----------------------------

@pytest.mark.parametrize("chrome", [
    '<div class="sidefod">Svendborg Kommune · Om cookies</div>',
    '<div id="bund">Faxe Kommune · Om cookies</div>',
    '<div class="sidebund">Om cookies</div>',
    '<div class="social-links">Del på Facebook</div>',
    '<div class="some-links">Del på Facebook</div>',
    '<div class="del-siden">Del på Facebook</div>',
    '<div id="social">Del på Facebook</div>',
    '<div id="coiOverlay" class="coi-banner__wrapper" role="dialog"><h2>Vi bruger cookies</h2><p>Samtykke</p></div>',
    '<div class="coi-banner__page"><h2>Vi bruger cookies</h2></div>',
    '<dialog id="samtykke"><h2>Samtykke til cookies</h2><p>Accepter eller afvis.</p></dialog>',
])
def test_danish_footers_share_widgets_and_consent_banners_are_not_read(chrome):
    read_text = text(PAGE.format("", chrome))
    assert read_text.rstrip().endswith("Godkendt.")


def test_an_open_dialog_is_read():
    assert "Læs mere her." in text(PAGE.format("", "<dialog open><p>Læs mere her.</p></dialog>"))


@pytest.mark.parametrize("content", ['<div class="socialudvalget">Socialudvalget orienteres.</div>',
                                     '<div class="fodnote">Fodnote: se bilag.</div>',
                                     '<div class="bundlinje">Bundlinjen er 3 mio. kr.</div>'])
def test_content_named_like_chrome_is_read(content):
    assert content.split(">", 1)[1].split("<", 1)[0] in text(PAGE.format("", content))


@pytest.mark.parametrize("name", [KOLDING, KOLDING_COI_AT_END, KOLDING_SPANS, RINGSTED, SVENDBORG, *OTHERS])
def test_no_chrome_reaches_the_passages(name):
    said = everything(name)
    for chrome in ("Del på Facebook", "cookies", "Cookies", "Samtykke", "Tilgængelighedserklæring", "Mobilversion",
                   "Intern note"):
        assert chrome not in said, chrome


def test_the_last_items_decision_ends_before_a_consent_banner():
    assert read(KOLDING_COI_AT_END).passages[-1].text.endswith("Plejecenter Møllebakken.")
    assert read(RINGSTED).passages[-1].sections[0].text.startswith("Næste møde 19.11.2024.")


# --- P4. A section given by its block's class -------------------------------------------------

def test_a_decision_given_by_its_blocks_class_is_the_decision():
    first, second, last = read(SVENDBORG).passages
    assert [p.item_number for p in (first, second, last)] == [1, 2, 3]
    assert first.has_decision and second.has_decision
    decision = second.sections[0]
    assert decision.key == "beslutning" and decision.text.startswith("Handicaprådet anbefaler en rampe")
    indstilling = next(s for s in second.sections if s.key == "indstilling")
    assert indstilling.text == "Forvaltningen indstiller, at rådet afgiver udtalelse."
    assert first.sections[0].text == "Godkendt." and last.sections[0].text == "Intet."


@pytest.mark.parametrize("block, lines", [
    ('<div class="beslutning"><p>Godkendt.</p></div>', ["Beslutning", "", "Godkendt."]),
    ('<div class="indstilling">Forvaltningen indstiller.</div>', ["Indstilling", "", "Forvaltningen indstiller."]),
    ('<section class="sagsfremstilling"><p>Sagen er kort.</p></section>', ["Sagsfremstilling", "", "Sagen er kort."]),
    ('<div class="beslutning"><h3>Beslutning</h3><p>Godkendt.</p></div>', ["Beslutning", "", "Godkendt."]),
    ('<div class="beslutning"><p>Beslutning: Godkendt.</p></div>', ["Beslutning: Godkendt."]),
])
def test_a_blocks_section_class_is_its_label_unless_it_prints_one(block, lines):
    assert text(f"<body><h2>1. Godkendelse af dagsorden</h2>{block}</body>").splitlines()[2:] == lines


def test_a_section_class_is_labelled_once():
    nested = '<div class="beslutning"><div class="beslutning"><p>Godkendt.</p></div><p>Enstemmigt.</p></div>'
    assert text(f"<body>{nested}</body>") == "Beslutning\n\nGodkendt.\n\nEnstemmigt.\n"
    entries = '<div><ul><li class="bilag">Bilag 1: Plan.pdf</li><li class="bilag">Bilag 2: Kort.pdf</li></ul></div>'
    assert text(f"<body>{entries}</body>") == "- Bilag 1: Plan.pdf\n- Bilag 2: Kort.pdf\n"


# --- P5, P6. Item numbers in a list or in a span of their own ---------------------------------

def test_items_inside_an_ordered_list_keep_their_numbers():
    assert items(KOLDING_OL) == [(1, "Godkendelse af dagsorden"), (2, "Høring om ny plejeboligstrategi"),
                                 (3, "Eventuelt")]


def test_a_list_items_number_numbers_its_block():
    assert text('<ol start="4"><li><h2>Eventuelt</h2><p>Intet.</p></li></ol>') == "4. Eventuelt\n\nIntet.\n"
    assert text("<ol><li>Punkt et</li><li>Punkt to</li></ol>") == "1. Punkt et\n2. Punkt to\n"


def test_a_number_in_a_span_of_its_own_is_set_apart_from_the_title():
    assert items(KOLDING_SPANS) == KOLDING_ITEMS


@pytest.mark.parametrize("markup, line", [
    ('<p><span class="punkt-nr">2.</span><span class="punkt-titel">Høring</span></p>', "2. Høring"),
    ("<p><b>Bes</b>lutning</p>", "Beslutning"),
    ("<p><b>Bes</b><i>lutning</i></p>", "Beslutning"),
    ("<p>kl. <b>13.</b>00</p>", "kl. 13.00"),
    ("<p>Sag nr. <b>12</b>a</p>", "Sag nr. 12a"),
    ('<p><span class="punkt-nr">Punkt 1</span><span>Godkendelse af dagsorden</span></p>',
     "Punkt 1 Godkendelse af dagsorden"),
    ("<p>Pkt. <b>3</b>a</p>", "Pkt. 3a"),
])
def test_adjacent_inline_elements(markup, line):
    assert text(markup) == line + "\n"


# --- P7. Text the page's own style hides -------------------------------------------------------

@pytest.mark.parametrize("markup", [
    '<style>.skjult{display:none}</style><p>Godkendt.</p><div class="skjult">Intern note</div>',
    '<style>.a, .skjult { color: red; display: none !important }</style>'
    '<p>Godkendt.</p><p class="x skjult">Intern note</p>',
    '<p>Godkendt.</p><div class="d-none">Intern note</div>',
])
def test_text_the_pages_style_hides_is_not_read(markup):
    assert text(markup) == "Godkendt.\n"


@pytest.mark.parametrize("markup", [
    '<p>Godkendt.</p><div class="d-none d-md-block">Synlig note</div>',
    '<style>@media print{.skjult{display:none}}</style><p>Godkendt.</p><div class="skjult">Synlig note</div>',
    '<style>.skjult .x{display:none}</style><p>Godkendt.</p><div class="skjult">Synlig note</div>',
    '<style>.skjult{display:block}</style><p>Godkendt.</p><div class="skjult">Synlig note</div>',
])
def test_text_shown_on_some_screen_or_not_hidden_by_a_simple_rule_is_read(markup):
    assert "Synlig note" in text(markup)
