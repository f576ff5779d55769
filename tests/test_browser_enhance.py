"""What webui/static/enhance.js does for a reader, in headless Chromium against `referatsog serve`.

The script is progressive enhancement: the same pages without JavaScript are the control.
With it, on a page the browser may copy from (loopback is a secure context):

* «Kun beslutninger» says beforehand that the results update at once (its description), and
  changing it reloads the page with the focus kept on the box;
* the citation's copy button appears, the hint under it names the button, and a click puts
  the citation block on the clipboard, one line each, and says so in the status region;
* the feed page's button copies the feed's address; a refused copy says what to do instead.

One server (the seeds) and one browser for the module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from webui.screenshot import CHROMIUM, MISSING_CHROMIUM, launch_chromium, running_server

ROOT = Path(__file__).resolve().parent.parent
ADVICE = "Resultaterne opdateres, så snart du ændrer valget."
SHORT_HINT = "Markér teksten og kopiér den."
BUTTON_HINT = "Markér teksten og kopiér den, eller brug knappen."
CITATION = "Integrationsrådet, Næstved Kommune, referat af mødet 21.05.2015, punkt 15: Modtagelse af flygtninge"
CLIPBOARD = ["clipboard-read", "clipboard-write"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[tuple[str, object]]:
    assert Path(CHROMIUM).exists(), MISSING_CHROMIUM
    from playwright.sync_api import sync_playwright

    tmp = tmp_path_factory.mktemp("enhance")
    with running_server(tmp / "index", ROOT / "seeds") as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield base, browser
        browser.close()


@pytest.fixture(scope="module")
def item_url(site) -> str:
    base, browser = site
    context = browser.new_context()
    hits = context.request.get(base + "/api/search?q=Modtagelse+af+flygtninge&page_size=20").json()["hits"]
    context.close()
    [url] = [hit["links"]["html"] for hit in hits if hit["title"] == "Modtagelse af flygtninge"]
    return url if url.startswith("http") else base + url


@pytest.fixture
def page(site):
    base, browser = site
    context = browser.new_context(permissions=CLIPBOARD)
    yield context.new_page()
    context.close()


@pytest.fixture
def page_without_script(site):
    _, browser = site
    context = browser.new_context(java_script_enabled=False, permissions=CLIPBOARD)
    yield context.new_page()
    context.close()


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


# --- «Kun beslutninger» --------------------------------------------------------------------------


def test_the_decisions_box_says_it_applies_at_once_and_keeps_the_focus_across_the_reload(site, page):
    from playwright.sync_api import expect

    base, _ = site
    page.goto(base + "/?q=flygtninge")
    box = page.get_by_label("Kun beslutninger")
    expect(page.locator("#decisions-auto")).to_have_text(ADVICE)
    expect(page.locator("#decisions-auto")).to_be_visible()
    expect(box).to_have_accessible_description(re.compile(re.escape(ADVICE) + "$"))
    total = page.locator("h2.count").inner_text()

    box.check()  # a change, by mouse: no Søg button pressed
    page.wait_for_url(re.compile(r"decisions_only=1"))
    expect(page.get_by_label("Kun beslutninger")).to_be_checked()
    expect(page.get_by_label("Kun beslutninger")).to_be_focused()
    expect(page.locator("h2.count")).not_to_have_text(total)  # the results did update


def test_without_the_script_the_decisions_box_claims_nothing_and_waits_for_the_button(site, page_without_script):
    from playwright.sync_api import expect

    base, _ = site
    page = page_without_script
    page.goto(base + "/?q=flygtninge")
    expect(page.locator("#decisions-auto")).to_have_text("")
    expect(page.get_by_label("Kun beslutninger")).not_to_have_accessible_description(re.compile("opdateres"))
    page.get_by_label("Kun beslutninger").check()
    page.wait_for_timeout(300)
    assert "decisions_only" not in page.url  # nothing reloads by itself


# --- Copying the citation ------------------------------------------------------------------------


def test_the_copy_button_appears_the_hint_names_it_and_a_click_copies_the_citation(page, item_url):
    from playwright.sync_api import expect

    page.goto(item_url)
    button = page.get_by_role("button", name="Kopiér henvisning")
    expect(button).to_be_visible()
    hint = page.locator("[data-copy-hint=citation-block]")
    expect(hint).to_have_text(BUTTON_HINT)

    expect(page.locator(".copy-status")).to_have_text("")
    button.click()
    expect(page.locator(".copy-status")).to_have_text("Henvisningen er kopieret.")
    assert page.locator(".copy-status").get_attribute("role") == "status"  # read out when it changes

    lines = clipboard(page).split("\n")
    block = [text.strip() for text in page.locator("#citation-block p").all_inner_texts()]
    assert lines == block  # the citation, then its two links, one line each, nothing blank
    assert lines[0] == CITATION
    assert lines[1].startswith("Link til punktet: http") and item_url.rsplit("/", 1)[1] in lines[1]
    assert lines[2].startswith("Kilde") and "http" in lines[2]
    # the status goes quiet again after a while, so a second copy is announced anew
    expect(page.locator(".copy-status")).to_have_text("", timeout=6000)


def test_without_the_script_there_is_no_button_and_the_hint_does_not_name_one(page_without_script, item_url):
    from playwright.sync_api import expect

    page = page_without_script
    page.goto(item_url)
    expect(page.get_by_role("button", name="Kopiér henvisning")).to_be_hidden()
    expect(page.locator("[data-copy-hint=citation-block]")).to_have_text(SHORT_HINT)
    expect(page.locator("#citation")).to_have_text(CITATION)  # there to be selected by hand


def test_a_refused_copy_tells_the_reader_to_copy_by_hand(site, item_url):
    from playwright.sync_api import expect

    _, browser = site
    context = browser.new_context(permissions=CLIPBOARD)
    context.add_init_script("""Object.defineProperty(navigator.clipboard, "writeText",
        {value: () => Promise.reject(new DOMException("denied", "NotAllowedError"))});""")
    page = context.new_page()
    page.goto(item_url)
    page.get_by_role("button", name="Kopiér henvisning").click()
    expect(page.locator(".copy-status")).to_have_text("Kunne ikke kopiere; markér teksten og kopiér den selv.")
    context.close()


# --- Copying a feed's address ----------------------------------------------------------------------


def test_the_feed_page_copies_the_feeds_address(site, page):
    from playwright.sync_api import expect

    base, _ = site
    page.goto(base + "/foelg?q=flygtninge")
    address = page.get_by_label("Feedets adresse").input_value()
    assert address.startswith(base + "/feed?") and "q=flygtninge" in address
    button = page.get_by_role("button", name="Kopiér adressen")
    expect(button).to_be_visible()
    button.click()
    expect(page.locator(".copy-status")).to_have_text("Adressen er kopieret.")
    assert clipboard(page) == address
