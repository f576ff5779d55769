"""An accessibility and phone review of the web UI, its findings fixed: a chip's facet name
broken mid-word on a phone, a decision badge that printed faint grey and screen-only notes on
paper, two "Følg søgningen" links with two destinations, a long filter value that made the
no-results page scroll sideways, a label parted from its field in "Ret perioden", a "Vis alle"
that revealed one value, raw numbers beside "1.234 resultater", a date broken after its day, and
a landmark per facet and per section. Through the test client and the stylesheet; what only
layout shows, in headless Chromium at the end.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import SEEDS, api, soup
from test_accessibility import accessible_name, contrast, css_variables
from test_web_phone import declarations

TITLE = "Modtagelse af flygtninge"
# one token of 171 characters (a filter value takes 200 at most)
LONG_VALUE = "Integrationsgrunduddannelsesforløbskoordinatorfunktionen" * 3


def text(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


def passage_id(client, title: str = TITLE, query: str = "flygtninge") -> str:
    return next(h["id"] for h in api(client, q=query, page_size=50)["hits"] if h["title"] == title)


# --- 1. A chip's facet name stays whole --------------------------------------------------

def test_a_chips_facet_name_does_not_wrap_and_its_value_does():
    """«Sagsbehandle/r:» at 375 px: the chip is a flex box that wraps anywhere, so its name
    shrank to a letter's width. The name keeps its width; the value (and the chip) still wrap."""
    name = declarations(".chip-facet")
    assert name["white-space"] == "nowrap" and name["flex"] == "none"
    assert declarations(".chip-x")["white-space"] == "nowrap"  # the × does not drop to a line of its own
    assert declarations(".chip")["overflow-wrap"] == "anywhere"


def test_the_chip_keeps_its_name_in_its_own_box_and_the_value_as_text(client):
    page = soup(client.get("/", query_string={"q": "flygtninge", "case_handler": "Helle Waage-Jensen"}))
    [chip] = page.select("a.chip")
    assert text(chip.select_one(".chip-facet")) == "Sagsbehandler:"
    assert "".join(chip.find_all(string=True, recursive=False)).strip() == "Helle Waage-Jensen"


# --- 2. The passage page on paper --------------------------------------------------------

PRINT = "@media print"


def test_the_decision_badge_prints_as_dark_text_in_a_frame():
    """Printers drop backgrounds: the white «Beslutning» on green came out faint grey."""
    badge = declarations(".badge", PRINT)
    assert re.fullmatch(r"1px solid var\(--ink\)", badge["border"])
    assert badge["color"] == "var(--ink)" and contrast(badge["color"], badge["background"]) >= 4.5
    assert contrast(badge["border"], "#ffffff") >= 3  # the frame shows on white paper


def test_print_leaves_out_the_breadcrumbs_and_the_screen_notes(client):
    for selector in (".breadcrumbs", ".marked-note", "[data-copy-hint]"):
        assert declarations(selector, PRINT).get("display") == "none", selector
    # the page's own elements carry what the print rules name
    page = soup(client.get(f"/passage/{passage_id(client)}", query_string={"q": "flygtninge"}))
    assert page.select_one("nav.breadcrumbs")
    note = page.select_one("p.marked-note")
    assert "Gå til første markering" in text(note) and "Vis uden markering" in text(note)
    hint = page.select_one("[data-copy-hint]")
    assert hint["data-with-button"] == "Markér teksten og kopiér den, eller brug knappen."


# --- 3. "Følg søgningen" leads to one place -----------------------------------------------

def test_every_follow_the_search_link_leads_to_the_follow_page(client):
    """The footer's «Følg søgningen (Atom-feed)» opened raw XML while «Følg søgningen» beside
    the hits explained the feed (WCAG 3.2.4): one name, one destination."""
    params = {"q": "flygtninge", "municipality": "Næstved", "sort": "oldest"}
    page = soup(client.get("/", query_string=params))
    follow = [a for a in page.select("a[href]") if accessible_name(a, page).startswith("Følg søgningen")]
    assert len(follow) == 2 and page.select_one("footer a.follow-link") in follow
    assert {a["href"] for a in follow} == {follow[0]["href"]}
    assert urlsplit(follow[0]["href"]).path == "/foelg"
    assert parse_qs(urlsplit(follow[0]["href"]).query) == {"q": ["flygtninge"], "municipality": ["Næstved"],
                                                            "sort": ["oldest"]}
    # feed readers still find the feed in the head, and the follow page opens it
    feed = page.select_one('head link[rel=alternate][type="application/atom+xml"]')["href"]
    assert urlsplit(feed).path == "/feed"
    assert soup(client.get(follow[0]["href"])).select_one("a.feed-link")["href"] == feed
    # the feed itself, named as what it is, beside the JSON: a name of its own
    raw = [a for a in page.select("footer a") if a["href"] == feed]
    assert [text(a) for a in raw] == ["Denne søgning som Atom-feed"]


def test_the_empty_page_and_an_error_page_link_the_follow_page_too(client):
    empty = soup(client.get("/", query_string={"q": "xyzzyqq"}))
    assert {urlsplit(a["href"]).path for a in empty.select("a.follow-link")} == {"/foelg"}
    invalid = client.get("/", query_string={"q": "flygtninge", "sort": "bogus"})
    assert invalid.status_code == 400
    assert urlsplit(soup(invalid).select_one("footer a.follow-link")["href"]).path == "/foelg"


# --- 4. A long filter value on the no-results page ---------------------------------------

def test_the_ways_out_of_an_empty_search_wrap_a_long_value(client):
    assert declarations(".empty a.action")["overflow-wrap"] == "anywhere"
    page = soup(client.get("/", query_string={"q": "flygtninge", "case_handler": LONG_VALUE}))
    [remove] = [a for a in page.select(".empty a.action") if LONG_VALUE in a.get_text()]
    assert text(remove).startswith("Fjern filteret sagsbehandler:")


# --- 5. "Ret perioden" on a phone --------------------------------------------------------

def test_each_label_of_the_period_fix_stays_with_its_field(client):
    response = client.get("/", query_string={"q": "flygtninge", "from": "igår", "to": "2019"})
    assert response.status_code == 400
    page = soup(response)
    fields = page.select("form.period-fix .field")
    pairs = [(f.label["for"], f.input["id"]) for f in fields]
    assert pairs == [("fix-from", "fix-from"), ("fix-to", "fix-to")]
    assert all(len(f.find_all(["label", "input"])) == 2 for f in fields)
    box = declarations(".period-fix .field")
    assert box["white-space"] == "nowrap" and box["display"] == "inline-block"


def test_an_invalid_field_has_a_visible_error_border(client):
    page = soup(client.get("/", query_string={"q": "flygtninge", "from": "igår"}))
    assert page.select_one("#fix-from")["aria-invalid"] == "true"
    border = declarations('input[aria-invalid="true"]')["border"]
    assert re.fullmatch(r"2px solid var\(--accent\)", border)
    assert contrast(css_variables()["--accent"], "#ffffff") >= 3  # WCAG 1.4.11 against the white field
    # the search box shows it too when the query is what is wrong
    assert soup(client.get("/", query_string={"q": "ord " * 200})).select_one("input#q")["aria-invalid"] == "true"


# --- 6. "Vis alle" folds two values or more ---------------------------------------------

def links(n: int, selected: tuple[int, ...] = ()):
    from webui.facets import FacetLink

    return tuple(FacetLink(f"v{i}", f"v{i}", 100 - i, i in selected, f"/?topic=v{i}") for i in range(n))


def test_a_facet_folds_only_when_two_values_or_more_would_be_hidden():
    from webui.facets import VISIBLE_VALUES, FacetGroup

    nine = FacetGroup("topic", "Emne", links(VISIBLE_VALUES + 1))
    assert nine.folded == () and nine.visible == nine.links  # "Vis alle 9" for one value: shown instead
    ten = FacetGroup("topic", "Emne", links(VISIBLE_VALUES + 2))
    assert len(ten.visible) == VISIBLE_VALUES and [link.value for link in ten.folded] == ["v8", "v9"]
    # a selected value past the first ones is shown, and is not counted among the folded
    chosen = FacetGroup("topic", "Emne", links(VISIBLE_VALUES + 2, selected=(8,)))
    assert chosen.folded == () and chosen.visible == chosen.links
    chosen = FacetGroup("topic", "Emne", links(VISIBLE_VALUES + 3, selected=(8,)))
    assert [link.value for link in chosen.folded] == ["v9", "v10"] and chosen.links[8] in chosen.visible


def test_a_facet_with_one_value_past_the_fold_lists_it_without_vis_alle(client, monkeypatch):
    """The seeds have ten topics: folded after nine, «Vis alle 10» revealed just one."""
    monkeypatch.setattr("webui.facets.VISIBLE_VALUES", 9)
    page = soup(client.get("/"))
    topics = page.select_one("#filtre section.facet:has(h3#facet-topic)")
    assert topics.select_one("details") is None and len(topics.select("li a")) == 10
    monkeypatch.setattr("webui.facets.VISIBLE_VALUES", 8)
    topics = soup(client.get("/")).select_one("#filtre section.facet:has(h3#facet-topic)")
    assert len(topics.select("details li a")) == 2 and text(topics.summary).startswith("Vis alle 10")


def test_values_the_engine_left_out_are_still_said_when_nothing_folds(app):
    """«og 3 andre med færre resultater» stood inside the fold; with none folded it stays said."""
    from webui.facets import FacetGroup

    with app.test_request_context():
        macros = app.jinja_env.get_template("search/_macros.html").module
        html = str(macros.facet_group(FacetGroup("topic", "Emne", links(3), more=3)))
    group = BeautifulSoup(html, "html.parser")
    assert group.select_one("details") is None
    assert text(group.select_one("p.facet-more")).startswith("og 3 andre med færre resultater")


# --- 7. Numbers and dates for Danish readers ----------------------------------------------

def test_facet_counts_ranges_and_pages_use_the_thousands_point(app):
    from webui.facets import FacetLink

    with app.test_request_context():
        macros = app.jinja_env.get_template("search/_macros.html").module
        assert str(macros.number(1234567)) == "1.234.567" and str(macros.number(999)) == "999"
        assert str(macros.shown_range(1231, 1240, 124, 2000)) == "Viser 1.231–1.240 · side 124 af 2.000"
        assert str(macros.shown_range(12001, 12001, 1201, 1201)) == "Viser resultat 12.001 · side 1.201 af 1.201"
        link = BeautifulSoup(str(macros.facet_link(FacetLink("Næstved", "Næstved", 1234, False, "/"))), "html.parser")
        assert link.select_one(".n").find(string=True, recursive=False) == "1.234"
        assert accessible_name(link.a, link) == "Næstved, 1.234 resultater"
        added = FacetLink("2019", "2019", 4321, False, "/", adds=True)
        added = BeautifulSoup(str(macros.facet_link(added)), "html.parser")
        assert text(added.select_one(".n")).startswith("+ 4.321")


def test_a_large_search_reads_its_numbers_alike(app, monkeypatch):
    """The count said «12.345 resultater» above «side 1 af 1235» and facet counts of 11000."""
    from dataclasses import replace

    from search.api import FacetValue
    from webui import search_views

    real = search_views.run_search

    def large(state):
        response = real(state)
        facets = {name: [FacetValue(fv.value, fv.count * 1000, fv.selected) for fv in values]
                  for name, values in response.facets.items()}
        return replace(response, total=12_345, facets=facets)

    monkeypatch.setattr("webui.search_views.run_search", large)
    page = soup(app.test_client().get("/", query_string={"q": "flygtninge"}))
    assert text(page.select_one("h2.count")).startswith("12.345 resultater")
    assert text(page.select_one("p.range")).startswith("Viser 1–10 · side 1 af 1.235")
    assert page.title.get_text().startswith("flygtninge · 12.345 resultater, side 1 af 1.235 ·")
    counts = [n.find(string=True, recursive=False) for n in page.select("#filtre .n")]
    assert counts and all(re.fullmatch(r"\d{1,3}(\.\d{3})+", c) for c in counts), counts
    assert text(page.select("nav.pagination li a")[-2]) == "Side 1.235"


def test_a_written_date_is_not_broken_after_its_day(client):
    """A phone broke «21.» from «maj». A date stays on one line; its text keeps plain spaces
    (copied into a search box or a quote, it reads as typed)."""
    assert declarations("time")["white-space"] == declarations(".date")["white-space"] == "nowrap"
    page = soup(client.get(f"/passage/{passage_id(client)}"))
    dated = page.select_one("dl.facts time")
    assert dated.get_text() == "21. maj 2015" and dated["datetime"] == "2015-05-21"
    hits = soup(client.get("/", query_string={"q": "flygtninge"})).select("ol.hits .meta time")
    assert hits and all(re.fullmatch(r"\d{1,2}\. [a-zæø]+ \d{4}", t.get_text()) for t in hits)
    chips = soup(client.get("/", query_string={"q": "flygtninge", "from": "2015-05-21"})).select("a.chip .date")
    assert [c.get_text() for c in chips] == ["21. maj 2015"]


# --- 8. Landmarks: header, main, nav, aside, footer --------------------------------------

def landmarks(page: BeautifulSoup) -> list[tuple[str, str]]:
    """(role, name) of every landmark, as browsers map HTML to roles: a <section> or a <form> is
    a landmark (region, form) only when named; header and footer only outside main, article,
    aside, nav and section."""
    found = []
    for node in page.body.find_all(True):
        role = node.get("role")
        named = bool(node.get("aria-label") or node.get("aria-labelledby"))
        inside = any(p.name in ("main", "article", "aside", "nav", "section") for p in node.parents)
        if role in ("group", "list", "none", "presentation", "status", "alert"):
            continue
        if role is None:
            role = {"main": "main", "nav": "navigation", "aside": "complementary"}.get(node.name)
            if node.name == "header" and not inside:
                role = "banner"
            elif node.name == "footer" and not inside:
                role = "contentinfo"
            elif node.name == "section" and named:
                role = "region"
            elif node.name == "form" and named:
                role = "form"
        if role in ("banner", "contentinfo", "main", "navigation", "complementary", "search", "region", "form"):
            found.append((role, accessible_name(node, page)))
    return found


@pytest.mark.parametrize("url, params", [
    ("/", {"q": "flygtninge", "municipality": "Næstved", "from": "2015"}),
    ("/", {"q": "xyzzyqq", "municipality": "Næstved"}),
    ("/", {"q": "flygtninge", "sort": "bogus"}),
    ("/findes/ikke", {}),
])
def test_the_search_pages_have_only_the_page_landmarks(client, url, params):
    """The sidebar was eight regions (Aktive filtre and one per facet) between nav and aside."""
    page = soup(client.get(url, query_string=params))
    roles = [role for role, _ in landmarks(page)]
    assert "region" not in roles and "form" not in roles, landmarks(page)
    assert set(roles) <= {"banner", "main", "navigation", "complementary", "search", "contentinfo"}
    assert roles.count("main") == roles.count("banner") == roles.count("contentinfo") == 1


def test_the_facets_keep_their_headings_and_name_their_groups(client):
    page = soup(client.get("/", query_string={"q": "flygtninge", "municipality": "Næstved"}))
    assert page.select_one("section.chips h2").get_text() == "Aktive filtre"
    facets = page.select("#filtre section.facet")
    assert facets and all(f["role"] == "group" and f.h3 for f in facets)
    # heard as "Kommune, gruppe" on entering its links: a link says only "Næstved, 11 resultater"
    assert [accessible_name(f, page) for f in facets][:1] == ["Kommune"]
    assert accessible_name(facets[-1], page) == "Periode"


def test_a_passage_page_has_no_region_per_section(client):
    page = soup(client.get(f"/passage/{passage_id(client)}", query_string={"q": "flygtninge"}))
    found = landmarks(page)
    assert [role for role, _ in found if role not in ("navigation",)] == [
        "banner", "search", "main", "complementary", "contentinfo"], found
    assert {name for role, name in found if role == "navigation"} == {
        "Brødkrummer", "Forrige og næste punkt", "Alle punkter i dokumentet"}
    # the headings stay, the decision first; «Gå til henvisning og kilde» still has its target
    assert page.select("article.passage section.section h2")[0].select_one(".badge").get_text() == "Beslutning"
    assert page.select_one("section.cite h2#henvisning")


def test_a_document_page_has_no_region_either(client):
    passage = soup(client.get(f"/passage/{passage_id(client)}"))
    page = soup(client.get(passage.select("nav.breadcrumbs a")[1]["href"]))
    assert "region" not in [role for role, _ in landmarks(page)]
    assert page.select_one("section.contents h2").get_text().startswith("Punkter")


# --- In a browser ------------------------------------------------------------------------

@pytest.mark.browser
def test_on_a_phone_and_on_paper(tmp_path):
    """What only layout shows: at 375 and 320 px a chip's facet name is one line, the empty page
    with a long filter value does not scroll sideways, «Til» stands on its field's line, an
    invalid field is framed red, a date is one line; printed, the notes are gone and the badge
    is dark on white."""
    from playwright.sync_api import sync_playwright

    from webui.screenshot import CHROMIUM, MISSING_CHROMIUM, launch_chromium, running_server

    assert Path(CHROMIUM).exists(), MISSING_CHROMIUM
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    one_line = """el => { const r = el.getBoundingClientRect();
        return r.height <= parseFloat(getComputedStyle(el).lineHeight) * 1.3; }"""
    with running_server(tmp_path / "index", corpus) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        phone = browser.new_page(viewport={"width": 375, "height": 812})
        for width in (375, 320):
            phone.set_viewport_size({"width": width, "height": 812})
            phone.goto(f"{base}/?q=flygtninge&case_handler={LONG_VALUE}&from=2015-05-21")
            assert phone.evaluate("document.documentElement.scrollWidth") <= width, width
            names = phone.locator("a.chip .chip-facet")
            assert names.count() == 2
            assert all(names.nth(i).evaluate(one_line) for i in range(names.count())), width
            assert phone.locator("a.chip .date").evaluate(one_line)
            assert phone.locator(".empty a.action").first.is_visible()

            phone.goto(f"{base}/?q=flygtninge")
            dates = phone.locator("ol.hits .meta time")
            assert dates.count() and all(dates.nth(i).evaluate("el => el.getClientRects().length") == 1
                                         for i in range(dates.count()))

            phone.goto(f"{base}/?q=flygtninge&from=ig%C3%A5r&to=31.12.2019")
            for field in ("fix-from", "fix-to"):
                label = phone.locator(f"label[for={field}]").bounding_box()
                box = phone.locator(f"#{field}").bounding_box()
                middle = label["y"] + label["height"] / 2
                assert box["y"] <= middle <= box["y"] + box["height"], (width, field, label, box)
            border = phone.locator("#fix-from").evaluate("el => getComputedStyle(el).borderTopColor")
            assert border == "rgb(179, 38, 30)"  # --accent
            assert phone.evaluate("document.documentElement.scrollWidth") <= width, width

        item = phone.request.get(base + "/api/search?q=flygtninge").json()["hits"]
        item = next(h["id"] for h in item if h["title"] == TITLE)
        phone.goto(f"{base}/passage/{item}?q=flygtninge")
        phone.emulate_media(media="print")
        for selector in ("nav.breadcrumbs", "p.marked-note", "[data-copy-hint]"):
            assert not phone.locator(selector).is_visible(), selector
        badge = phone.locator(".badge").evaluate(
            "el => { const s = getComputedStyle(el); return [s.color, s.backgroundColor, s.borderTopStyle]; }")
        assert badge == ["rgb(29, 35, 48)", "rgb(255, 255, 255)", "solid"]
        browser.close()
