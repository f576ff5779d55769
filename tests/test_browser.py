"""One real-browser walk through the site: headless Chromium against `referatsog serve`.

The corpus is the seeds plus one minutes file from another municipality that also
treats refugee housing, so choosing a municipality visibly narrows the hits.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from webui.screenshot import CHROMIUM, MISSING_CHROMIUM, launch_chromium, running_server

ROOT = Path(__file__).resolve().parent.parent
OTHER_MUNICIPALITY = ROOT / "tests" / "fixtures" / "layouts" / "f1_hedelund_integrationsraadet_2015-05-27.txt"


@pytest.mark.browser
def test_search_narrow_and_read_the_decision(tmp_path):
    assert Path(CHROMIUM).exists(), MISSING_CHROMIUM
    from playwright.sync_api import expect, sync_playwright

    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    shutil.copy(OTHER_MUNICIPALITY, corpus)
    # Its corrected minutes under a long name, one decision changed: the superseded item's page
    # names the other version, and that long name must not widen a phone's page.
    corrected = OTHER_MUNICIPALITY.read_text(encoding="utf-8").replace("imødekommes med 10.000 kr.", "imødekommes med 15.000 kr.")
    (corpus / "f1_hedelund_integrationsraadet_2015-05-27-rettet-udgave-efter-moedet.txt").write_text(corrected, encoding="utf-8")
    shots = tmp_path / "screenshots"
    shots.mkdir()

    with running_server(tmp_path / "index", corpus) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})

        # 1. Search from the front page, as a person would: type and press Enter.
        page.goto(base + "/")
        page.keyboard.press("Tab")  # keyboard users meet the skip link first
        expect(page.locator("a.skip-link")).to_be_focused()
        page.get_by_label("Søg i referater").fill("flygtninge boligplacering")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"\?q=flygtninge"))
        hits = page.locator("ol.hits h3")
        expect(hits.filter(has_text="Modtagelse af flygtninge")).to_have_count(1)
        total_before = _total(page.locator("h2.count").inner_text())
        page.screenshot(path=str(shots / "1-search.png"), full_page=True)

        # 2. Choose a municipality in the facet sidebar: fewer hits, and a removable chip.
        facet = page.locator("#filtre .facet", has=page.get_by_role("heading", name="Kommune"))
        facet.get_by_role("link", name=re.compile(r"^Næstved")).click()
        page.wait_for_url(re.compile(r"municipality=N%C3%A6stved"))
        total_after = _total(page.locator("h2.count").inner_text())
        assert 0 < total_after < total_before
        expect(page.locator("a.chip")).to_contain_text("Næstved")
        assert set(page.locator("ol.hits .meta").all_inner_texts()) and all(
            "Næstved" in meta for meta in page.locator("ol.hits .meta").all_inner_texts())
        page.screenshot(path=str(shots / "2-facet.png"), full_page=True)

        # 3. Open the passage and find the decision, first among the sections.
        page.get_by_role("link", name="Modtagelse af flygtninge").first.click()
        page.wait_for_url(re.compile(r"/passage/"))
        expect(page.get_by_role("heading", level=1)).to_contain_text("Modtagelse af flygtninge")
        decision = page.locator("article.passage section.section").first
        expect(decision).to_have_class(re.compile(r"\bdecision\b"))
        expect(decision.get_by_role("heading")).to_contain_text("Beslutning")
        assert decision.locator(".text").inner_text().strip()
        expect(page.locator("#citation")).to_have_text(
            "Integrationsrådet, Næstved Kommune, referat af mødet 21.05.2015, punkt 15: Modtagelse af flygtninge")
        page.screenshot(path=str(shots / "3-passage.png"), full_page=True)

        # 4. On a phone, by keyboard: a long word in the query does not make the page scroll
        # sideways (WCAG 1.4.10, down to 320 px), and "Kun beslutninger" reloads the page
        # with the focus still on the box.
        phone = browser.new_page(viewport={"width": 375, "height": 812})
        phone.goto(base + "/?q=arbejdsmarkedstilknytningen")
        expect(phone.locator("ol.hits h3")).to_have_count(1)
        phone.get_by_label("Kun beslutninger").focus()
        phone.keyboard.press("Space")
        phone.wait_for_url(re.compile(r"decisions_only=1"))
        expect(phone.get_by_label("Kun beslutninger")).to_be_focused()
        phone.screenshot(path=str(shots / "4-phone.png"), full_page=True)
        superseded = next(hit["links"]["html"] for hit in phone.request.get(
            base + "/api/search?q=Tamilsk+Foraeldreforening&page_size=20").json()["hits"] if "rettet" not in hit["source"])
        for width in (375, 320):
            phone.set_viewport_size({"width": width, "height": 812})
            for url in ("/?q=arbejdsmarkedstilknytningen", page.url, superseded):
                phone.goto(url if url.startswith("http") else base + url)
                assert phone.evaluate("document.documentElement.scrollWidth") <= width, (width, url)
        browser.close()

    for name in ("1-search.png", "2-facet.png", "3-passage.png", "4-phone.png"):
        assert (shots / name).stat().st_size > 10_000, name


def _total(count_text: str) -> int:
    match = re.match(r"([\d.]+) resultat", count_text)
    assert match, count_text
    return int(match.group(1).replace(".", ""))
