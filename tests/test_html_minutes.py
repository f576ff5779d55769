"""Minutes as web pages (the html3 review): what a reader of the page sees is what is indexed.

The review found text indexed that no reader sees (Word's hidden text, screen-reader-only
notes), site chrome built of <div>s read as the last item's decision (footers, cookie banners,
menus, share and feedback widgets, sidebars), the items' text lost where the page shows it only
on a click (collapsed accordion and tab panels, headings inside the toggle <button>), case facts
as a list read as text, a print date read as the meeting's, a vulgar fraction spelled as another
number, and a page whose <main> holds only its hero read without its items.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture
from indexer.htmltext import read_page
from indexer.meeting import meeting_date
from indexer.normalise import compatibility_form, normalise

HTML = FIXTURES / "html_minutes"
ACCORDION = "accordion-hidden-panels-div-chrome-referat-2023-03-08.html"
BOOTSTRAP = "bootstrap-aria-hidden-panels-referat-2022-09-12.html"
EDOC = "edoc-div-footer-menu-referat-2021-10-05.htm"
FRACTION = "latin1-fraction-referat-2018-09-03.html"
HERO = "main-holds-only-hero-referat-2023-11-27.html"
NETPUBLICATOR = "netpublicator-np-footer-referat-2019-11-21.html"
PRINTED = "printed-page-print-date-referat-2020-02-18.html"
UMBRACO = "umbraco-share-aside-list-fields-referat-2025-05-06.html"
WORD = "word-hidden-note-referat-2022-04-12.htm"


read = partial(read_fixture, HTML)


def items(name: str) -> list[tuple[int | None, str, str | None, str | None]]:
    return [(p.item_number, p.title, p.case_number, p.case_handler) for p in read(name).passages]


def everything(name: str) -> str:
    """All a document's passages say: their titles, texts and sections."""
    return "\n".join(f"{p.title}\n{p.text}\n" + "\n".join(s.text for s in p.sections) for p in read(name).passages)


def text(markup: str) -> str:
    return read_page(markup).text


# --- 1. Word's hidden text -------------------------------------------------------------------

def test_words_hidden_text_is_not_read():
    document = read(WORD)
    assert document.passages[-1].decision == "Godkendt. Kirsten Møller (Ø) tog forbehold."
    assert "Intern note" not in everything(WORD)
    assert text("<p>Godkendt.</p><p><span style='mso-hide: all'>Intern note</span></p>") == "Godkendt.\n"


# --- 2. A print date is not the meeting's -------------------------------------------------------

def test_a_print_date_above_the_title_is_not_the_meeting_date():
    assert {p.meeting_date for p in read(PRINTED).passages} == {"2020-02-18"}


@pytest.mark.parametrize("line", ["Udskrevet: 19-02-2020", "Udskrift 19.02.2020", "Printet den 19. februar 2020",
                                  "Udskriftsdato: 19-02-2020", "Genereret 19-02-2020 08:12"])
def test_print_and_generation_dates_are_other_dates(line):
    assert meeting_date([line, "Teknik- og Miljøudvalget", "Referat - 18. februar 2020"], {}, []) == "2020-02-18"


def test_an_extract_of_the_minutes_is_no_print_date():
    head = ["Udskrift af forhandlingsprotokollen fra mødet den 18. februar 2020", "Teknik- og Miljøudvalget"]
    assert meeting_date(head, {}, []) == "2020-02-18"


# --- 3. Site chrome built of <div>s ------------------------------------------------------------

def test_div_chrome_is_not_the_last_decision():
    accordion = read(ACCORDION).passages
    assert accordion[-1].decision == "Næste møde afholdes 14. juni 2023 med tema om sprogcafeer."
    said = everything(ACCORDION)
    for chrome in ("cookies", "Ok, forstået", "Job i kommunen", "Rådhustorvet 1", "Privatlivspolitik"):
        assert chrome not in said, chrome
    assert [s.text for s in read(NETPUBLICATOR).passages[-1].sections] == ["Intet."]
    assert "Netpublicator" not in everything(NETPUBLICATOR)
    edoc = everything(EDOC)
    assert "CVR 29189999" not in edoc and "Søg i dagsordener" not in edoc and "Printvenlig" not in edoc


def test_a_footers_letterhead_names_the_municipality_though_it_is_not_read_as_text():
    # eDoc's page names its municipality only in its footer, «Søholt Kommune · Rådhuspladsen 2 ·
    # 8888 Søholt · CVR …»: dropped as chrome, the minutes had no municipality
    edoc = read(EDOC)
    assert {p.municipality for p in edoc.passages} == {"Søholt"}
    assert "Rådhuspladsen" not in everything(EDOC)
    assert read_page("<body><p>Tekst</p><footer><span>Søholt Kommune</span> · <span>8888 Søholt</span>"
                     "</footer></body>").letterhead == "Søholt Kommune · 8888 Søholt"
    # a footer naming a municipality without its address is no letterhead; nor is the text
    assert read_page("<body><footer>Samarbejde med Lejre Kommune</footer></body>").letterhead == ""
    assert read_page("<body><p>Roskilde Kommune · 4000 Roskilde</p></body>").letterhead == ""


def test_share_feedback_sidebar_and_screen_reader_text_are_not_read():
    passages = read(UMBRACO).passages
    assert passages[-1].decision == "Godkendt."
    said = everything(UMBRACO)
    for chrome in ("Del:", "LinkedIn", "Se også", "Dagsorden 3. juni 2025", "Fandt du det", "åbner i nyt vindue",
                   "Senest opdateret"):
        assert chrome not in said, chrome
    assert "Bilag 1" in passages[0].text


@pytest.mark.parametrize("markup", [
    '<div class="card"><p>Beslutning</p><div class="card-footer">Godkendt.</div></div>',
    '<div class="menukort-beslutning">Godkendt.</div>',
    '<div class="sharepoint-dokument">Godkendt.</div>',
    '<div class="has-footer">Godkendt.</div>',
    '<section><aside class="faktaboks">Godkendt.</aside></section>',
])
def test_content_whose_class_only_contains_a_chrome_word_is_read(markup):
    assert "Godkendt." in text(f"<body>{markup}</body>")


@pytest.mark.parametrize("markup", [
    '<div class="footer">Kommunen</div>', '<div id="site-footer">Kommunen</div>',
    '<div class="np-footer">Kommunen</div>', '<div class="cc-window">Kommunen</div>',
    '<div aria-label="cookieconsent">Kommunen</div>', '<div id="topmenu">Kommunen</div>',
    '<ul class="menu"><li>Kommunen</li></ul>', '<div class="mainmenu">Kommunen</div>',
    '<aside>Kommunen</aside>', '<div role="complementary">Kommunen</div>',
    '<div class="share">Kommunen</div>', '<div class="feedback">Kommunen</div>',
    '<p>Fandt du det, du søgte? <a>Kommunen</a></p>', '<span class="sr-only">Kommunen</span>',
])
def test_chrome_by_its_class_id_or_role_is_not_read(markup):
    assert text(f"<body><p>Godkendt.</p>{markup}</body>") == "Godkendt.\n"


def test_a_screen_reader_label_of_a_field_is_read():
    page = text('<body><p><span class="visually-hidden">Sagsnr.:</span> 23/1021</p></body>')
    assert page == "Sagsnr.: 23/1021\n"


# --- 4. Collapsed accordion and tab panels --------------------------------------------------------

def test_collapsed_accordion_panels_are_read():
    assert items(ACCORDION) == [
        (1, "Godkendelse af dagsorden", "23/1021", "Lene Kragh"),
        (2, "Boligplacering af flygtninge fra Ukraine", "23/1188", "Jonas Vedel"),
        (3, "Eventuelt", None, None),
    ]
    second = read(ACCORDION).passages[1]
    assert second.decision == "Rådet anbefaler, at pavillonerne på Skovbrynet bevares til udgangen af 2024."


def test_aria_hidden_bootstrap_panels_are_read():
    passages = read(BOOTSTRAP).passages
    assert [(p.item_number, p.title, p.case_number) for p in passages] == [
        (1, "Skolestruktur i Egeskov Syd", "22/15012"), (2, "Eventuelt", None)]
    assert passages[0].decision == "Udvalget sender forslaget i høring i skolebestyrelserne."


def test_a_hidden_element_some_toggle_controls_is_read():
    page = text('<body><a aria-controls="x1">1. Eventuelt</a><div id="x1" hidden><p>Intet.</p></div></body>')
    assert "Intet." in page


@pytest.mark.parametrize("markup", [
    '<div hidden>Kladde</div>', '<div class="modal" aria-hidden="true">Kladde</div>',
    '<div style="display:none">Kladde</div>', '<div id="y" hidden>Kladde</div>',
])
def test_other_hidden_elements_are_not_read(markup):
    assert text(f"<body><p>Godkendt.</p>{markup}</body>") == "Godkendt.\n"


# --- 5. Item headings in accordion toggles --------------------------------------------------------

def test_an_accordion_toggles_text_is_a_line_of_its_own():
    page = text('<body><button class="accordion-button" aria-expanded="false">1. Eventuelt</button>'
                '<div class="collapse"><p>Intet.</p></div></body>')
    assert page == "1. Eventuelt\n\nIntet.\n"


@pytest.mark.parametrize("button", ["<button>Ok</button>", '<button type="submit">Søg</button>',
                                    '<button aria-haspopup="true" aria-expanded="false">Menu</button>',
                                    '<button class="menu-toggle" aria-expanded="false">Menu</button>'])
def test_other_buttons_are_not_read(button):
    assert text(f"<body><p>Godkendt.</p>{button}</body>") == "Godkendt.\n"


# --- 6. Case facts as a list ---------------------------------------------------------------------

def test_case_facts_as_a_list_are_field_lines():
    assert items(UMBRACO) == [
        (1, "Orientering om udmøntning af sociale puljer", "25/3318", "Karen Lykke"),
        (2, "Handleplan for hjemløse 2025-2027", "25/3402", "Morten Øst"),
    ]
    page = text("<ul><li>Sagsnr.: 25/3318</li><li>Sagsbehandler: Karen Lykke</li><li>Boliger til 40 familier</li></ul>")
    assert page == "Sagsnr.: 25/3318\nSagsbehandler: Karen Lykke\n- Boliger til 40 familier\n"


# --- 7. Vulgar fractions --------------------------------------------------------------------------

def test_vulgar_fractions_stay_as_printed_in_nfkc():
    assert normalise("12\u00bd m \ufb02ygtninge, \u00bc og \u2153", "NFKC") == "12½ m flygtninge, ¼ og ⅓"
    assert compatibility_form("\u215e \uff21") == "⅞ A"
    assert normalise("12\u00bd m", "NFC") == "12½ m"


def test_a_fraction_entity_is_read_as_printed():
    markup = (HTML / FRACTION).read_bytes().decode("cp1252")
    assert "12½ m handicapparkering" in read_page(markup).text


# --- 8. A <main> that holds only the hero -------------------------------------------------------

def test_items_after_a_hero_only_main_are_read():
    passages = read(HERO).passages
    assert [(p.item_number, p.title, p.case_number) for p in passages] == [
        (1, "Budgetopfølgning pr. 30. september 2023", "23/30211"), (2, "Takster for 2024", "23/30514")]
    assert {p.meeting_date for p in passages} == {"2023-11-27"}
    assert "Havnegade 1" not in everything(HERO)


def test_a_main_with_the_items_is_read_alone():
    page = text("<body><div>1. Nyheder fra kommunen</div><main><h1>Byrådet</h1><h2>1. Eventuelt</h2>"
                "<p>Intet.</p></main></body>")
    assert "Nyheder" not in page and "1. Eventuelt" in page


def test_a_fraction_is_searched_as_printed_through_the_whole_pipeline(tmp_path):
    """«12&#189; m» became «121⁄2 m» (NFKC) in every passage: «12½» found nothing, «121» did."""
    from conftest import index_copies
    from search import SearchRequest, open_index

    (source,) = (FIXTURES / "html_minutes").glob("latin1-fraction-*.html")
    _corpus, index_dir = index_copies(tmp_path, [source])
    with open_index(index_dir) as index:
        assert index.search(SearchRequest(query="12½")).total == 1
        assert index.search(SearchRequest(query="121")).total == 0


@pytest.mark.parametrize("name", ["definition-list-buttons-referat-2026-03-03.html",
                                  "details-summary-buttons-referat-2026-03-03.html"])
def test_items_behind_a_button_in_a_term_or_a_summary_are_read(name):
    # «<dt><button>1. …</button></dt><dd class="indhold">» with the class hidden: the toggle's holders
    # were rebound by a later list of headings of the same name, and both items were lost (a code-health review)
    passages = read_fixture(FIXTURES / "html_toggles", name).passages
    assert [(p.item_number, p.title, p.decision) for p in passages] == [
        (1, "Budgetopfølgning for vejområdet", "Godkendt."), (2, "Ny cykelsti ved skolen", "Anbefalet.")]
