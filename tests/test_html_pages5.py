"""Minutes as web pages (the html5 review).

The review found items' bodies lost where the page hides them by an attribute (`hidden`,
`hidden="until-found"`, `aria-hidden`, `style="display:none"`) until a click opens them, or keeps
them in a <template> or in an `<iframe srcdoc>`; an accessible accordion's items
(`<ol><li><h2><button aria-expanded>`) run together into one passage; and share widgets, a
contact box and a «Sidst opdateret» field of a Drupal site read as the last item's decision.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture
from indexer.htmltext import read_page

HTML5 = FIXTURES / "html5"
read = partial(read_fixture, HTML5)


def text(markup: str) -> str:
    return read_page(markup).text


def items(name: str) -> list[tuple[int | None, str, str]]:
    """Each passage's number, title and decision."""
    return [(p.item_number, p.title, p.sections_by_key().get("beslutning", "")) for p in read(name).passages]


def everything(name: str) -> str:
    return "\n".join(f"{p.title}\n{p.text}\n" + "\n".join(s.text for s in p.sections) for p in read(name).passages)


# --- 1. Item bodies hidden by an attribute, opened by a click ------------------------------------

FAABORG_ITEMS = [(1, "Godkendelse af dagsorden", "Godkendt."),
                 (2, "Salg af byggegrunde i Årslev", "Anbefales godkendt."),
                 (3, "Regnskab 2024", "Oversendes til byrådet."),
                 (4, "Eventuelt", "Intet.")]


@pytest.mark.parametrize("name", ["05-hidden-attr-script.html",  # a page script clicks «.punkt h2»
                                  "05b-onclick-hidden.html",  # <h2 onclick="aabn(1)">
                                  "05c-button-expanded.html",  # <h2><button aria-expanded>
                                  "05d-until-found.html"])  # hidden="until-found": content by definition
def test_item_bodies_hidden_by_an_attribute_and_opened_by_a_click_are_read(name):
    assert items(name) == FAABORG_ITEMS
    document = read(name)
    assert [p.case_number for p in document.passages] == [None, "25/1144", "25/0988", None]
    assert all(p.meeting_date == "2025-06-10" and p.absent == ("Hans Munk",) for p in document.passages)


CHROME_PAGE = """<html><body><main><h1>Økonomiudvalget</h1><p>Referat</p>
<button type="button" aria-expanded="false" class="menu-toggle">Menu</button>
<div class="mobil" hidden><ul><li><a href="/borger">Borger</a></li><li><a href="/erhverv">Erhverv</a></li></ul></div>
<a href="#abonner" data-toggle="modal" data-target="#abonner">Abonnér</a>
<div class="modal fade" id="abonner" aria-hidden="true"><p>Tilmeld dig nyhedsbrevet om dagsordener</p></div>
<button type="button" aria-expanded="false" onclick="vis('cc')">Indstillinger</button>
<div id="cc" class="cookie-indstillinger" style="display:none"><p>Nødvendige cookies er altid slået til</p></div>
<h2 onclick="aabn(1)">1. Godkendelse af dagsorden <span class="ikon" aria-hidden="true">Udvid</span></h2>
<div id="krop-1" hidden><h3>Beslutning</h3><p>Godkendt.</p></div>
<h2>2. Eventuelt</h2><p>Intet.</p><div hidden><p>Kladde der aldrig vises</p></div>
</main></body></html>"""


def test_the_sites_hidden_chrome_stays_hidden_when_bodies_a_click_opens_are_read():
    read_text = text(CHROME_PAGE)
    assert "Godkendt." in read_text  # the item's body, opened by its heading's onclick
    for chrome in ("Borger", "nyhedsbrevet", "Nødvendige cookies", "Udvid", "Kladde"):
        assert chrome not in read_text  # a menu, a modal, a cookie panel, an icon, a block nothing opens


# --- 2. An accessible accordion in a numbered list -----------------------------------------------

ROSKILDE_ITEMS = [(1, "Godkendelse af dagsorden", "Godkendt."),
                  (2, "Klimaplan - status", "Taget til efterretning."),
                  (3, "Naturpark Skjoldungernes Land", "Godkendt.")]


@pytest.mark.parametrize("name", ["06-aria-buttons.html", "06b-aria-buttons-nonum.html"])
def test_an_accordions_toggle_in_a_numbered_list_is_the_items_numbered_heading(name):
    assert items(name) == ROSKILDE_ITEMS
    assert "1. Godkendelse af dagsorden\n" in text((HTML5 / name).read_text(encoding="utf-8"))


def test_a_heading_printing_its_list_items_number_is_numbered_once():
    read_text = text("<ol><li><h2>1. Godkendelse</h2><p>Godkendt.</p></li>"
                     "<li><h2><button aria-expanded='true'>2. Budget</button></h2><p>Vedtaget.</p></li></ol>")
    assert "1. Godkendelse\n" in read_text and "\n2. Budget\n" in read_text
    assert "1. 1." not in read_text and "2. 2." not in read_text


# --- 3. Minutes in an <iframe srcdoc> ------------------------------------------------------------

def test_the_minutes_of_an_iframes_srcdoc_are_read_as_the_pages_content():
    assert items("09-iframe-srcdoc.html") == [
        (1, "Godkendelse af dagsorden", "Godkendt."),
        (2, "Lokalplan 1-25 for boliger ved Ore Strand", "Vedtaget endeligt."),
        (3, "Anlægsbevilling til ny svømmehal", "Bevilget 85 mio. kr.")]
    first = read("09-iframe-srcdoc.html").passages[0]
    assert first.place == "Byrådssalen, Valdemarsgade 43" and first.absent == ("Mikkel Storm",)


def test_an_iframe_with_only_a_src_stays_dropped():
    page = text('<main><h1>Byrådet</h1><iframe src="/referat.html">Din browser viser ikke rammer</iframe>'
                '<iframe srcdoc="&lt;title&gt;Indre titel&lt;/title&gt;&lt;p&gt;Sagsnr.: 25/1&lt;/p&gt;"></iframe></main>')
    assert "Din browser" not in page and "Indre titel" not in page and "Sagsnr.: 25/1" in page


# --- 4. Item bodies in <template> ----------------------------------------------------------------

def test_a_template_holding_the_items_bodies_is_read_with_the_meetings_facts():
    document = read("04-template-bodies.html")
    assert [(p.item_number, p.title, p.sections_by_key().get("beslutning", "")) for p in document.passages] == [
        (1, "Godkendelse af dagsorden", "Godkendt."),
        (2, "Tilskud til foreningernes lokaler 2025", "Godkendt som indstillet."),
        (3, "Bibliotekets åbningstider", "Udsat til næste møde.")]
    first = document.passages[0]
    assert first.meeting_date == "2025-05-06" and first.place == "Mødelokale Vig, Rådhuset"
    assert first.present == ("Ole Sand", "Ditte Rask", "Frank Holm")


def test_a_template_of_the_sites_ui_snippets_stays_dropped():
    page = text('<main><h1>Byrådet</h1><h2>1. Eventuelt</h2><p>Intet.</p>'
                '<template id="toast"><div class="toast">Link kopieret</div></template>'
                '<template><tr><td></td><td>Indlæser …</td></tr></template></main>')
    assert "kopieret" not in page and "Indlæser" not in page and "Intet." in page


# --- 5. Share widgets, a contact box and «Sidst opdateret» of a Drupal site ----------------------

VARDE_ITEMS = [(1, "Godkendelse af dagsorden", "Godkendt."),
               (2, "Plejeboliger i Ølgod - udbud", "Anbefales."),
               (3, "Demensstrategi", "Godkendt.")]


@pytest.mark.parametrize("name", ["03-cicero-drupal-fields.html", "03b-drupal-addthis-contact.html"])
def test_drupal_share_contact_and_updated_blocks_are_chrome(name):
    assert items(name) == VARDE_ITEMS
    read_text = everything(name)
    for chrome in ("Del siden", "Facebook", "LinkedIn", "Del på X", "Kontakt", "Politisk Sekretariat",
                   "politik@varde.dk", "Sidst opdateret"):
        assert chrome not in read_text


def test_chrome_names_are_whole_tokens():
    page = text('<main><h1>Byrådet</h1><h2>1. Eventuelt</h2>'
                '<div class="field field--name-field-contact-person">Sagsbehandler: Jens Hansen</div>'
                '<div class="kontaktboks">Henvendelse til borgerservice</div>'
                '<div class="field--name-field-updated-plan">Planen er opdateret</div></main>')
    for content in ("Jens Hansen", "Henvendelse til borgerservice", "Planen er opdateret"):
        assert content in page
