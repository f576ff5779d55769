"""The web review's findings on a phone (a reporter and a citizen), through the test client:
the citation one tap from the top of an item, the first hit higher on a results page, tap
targets a thumb can hit, a copy hint that names no button that is not there, a header search
that says what it is, breadcrumbs that keep "›" with its crumb, and no "Omtrentlige
resultater" over nothing found. Sizes in pixels were measured by hand in Chromium; here the
HTML and the stylesheet rules that give them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import api, soup
from search.api import SearchResponse

ROOT = Path(__file__).resolve().parent.parent
STYLE = ROOT / "webui" / "static" / "style.css"
SCRIPT = ROOT / "webui" / "static" / "enhance.js"
TITLE = "Modtagelse af flygtninge"


def text(tag) -> str:
    return " ".join(tag.get_text(" ", strip=True).split())


def passage_id(client, title: str = TITLE, query: str = "flygtninge") -> str:
    return next(h["id"] for h in api(client, q=query, page_size=50)["hits"] if h["title"] == title)


def css_rules() -> list[tuple[str, str, dict[str, str]]]:
    """(media condition or "", selector, declarations) of every rule of style.css."""
    css = re.sub(r"/\*.*?\*/", "", STYLE.read_text(encoding="utf-8"), flags=re.S)
    rules = []
    media = ""
    depth_media = None
    depth = 0
    for token in re.finditer(r"([^{}]*)\{|\}", css):
        if token.group(0) == "}":
            depth -= 1
            if depth_media is not None and depth == depth_media:
                media, depth_media = "", None
            continue
        head = " ".join(token.group(1).split())
        if head.startswith("@media"):
            media, depth_media = head, depth
            depth += 1
            continue
        body_end = css.index("}", token.end())
        decls = {}
        for decl in css[token.end():body_end].split(";"):
            if ":" in decl:
                prop, value = decl.split(":", 1)
                decls[prop.strip()] = value.strip()
        rules.append((media, head, decls))
        depth += 1
    return rules


def declarations(selector: str, media: str = "") -> dict[str, str]:
    """Every declaration that rules listing exactly `selector` (among others) set, in order."""
    out: dict[str, str] = {}
    for condition, selectors, decls in css_rules():
        if condition == media and selector in [s.strip() for s in selectors.split(",")]:
            out.update(decls)
    return out


def test_the_rule_reader_sees_media_blocks():
    """The helper above, on the stylesheet's own known rules: a rule inside @media is not read as a plain one."""
    assert declarations(".layout")["grid-template-columns"] == "minmax(0, 1fr)"
    assert declarations(".layout", "@media (min-width: 52rem)")["grid-template-columns"] == "minmax(0, 1fr) 17rem"


# --- 3. No "Omtrentlige resultater" over nothing ----------------------------------------

def test_nothing_found_is_not_announced_as_approximate_results(app, monkeypatch):
    """A misspelling under a filter: «Omtrentlige resultater: intet matchede præcist …» stood
    directly above «Ingen resultater». The notice of what was searched stays, in its own box."""
    notice = "Der er søgt på lignende stavemåder: «flygtnige» også som «flygtninge»."

    def fake_search(state):
        return SearchResponse(request=state.request, total=0, hits=(), facets={}, suggestion="flygtninge",
                              approximate=True, notice=notice)

    monkeypatch.setattr("webui.search_views.run_search", fake_search)
    page = soup(app.test_client().get("/", query_string={"q": "flygtnige", "municipality": "Roskilde"}))
    assert page.select_one(".approximate") is None
    assert "Omtrentlige" not in text(page.select_one("main"))
    assert text(page.select_one("p.notice")) == notice
    assert text(page.select_one("h2.count")).startswith("Ingen resultater")


@pytest.mark.parametrize("params", [
    {"q": "flygtnige"},  # approximate hits
    {"q": "flygtnige", "municipality": "Roskilde"},  # the same words under a filter that leaves none
    {"q": "flygtninge"},  # exact hits
])
def test_the_approximate_banner_stands_over_approximate_hits_only(client, params):
    body = api(client, **params)
    page = soup(client.get("/", query_string=params))
    banner = page.select_one(".approximate")
    assert bool(banner) == (body["approximate"] and body["total"] > 0), body["total"]
    shown = " ".join(text(p) for p in page.select(".notice, .approximate"))
    assert (body["notice"] or "") in shown  # the notice is said either way, once
    assert len(page.select(".notice")) + len(page.select(".approximate")) <= 1


def test_approximate_hits_keep_their_banner(client):
    body = api(client, q="flygtnige")
    assert body["approximate"] and body["total"] > 0  # what the seeds answer: the case the banner is for
    banner = soup(client.get("/", query_string={"q": "flygtnige"})).select_one(".approximate")
    assert text(banner).startswith("Omtrentlige resultater: intet matchede præcist")


# --- 4. The citation near the top of an item on a phone ---------------------------------

def test_an_item_links_its_citation_from_its_head_before_the_text(client):
    """On a phone the aside (citation, permalink, the decision's page in the source) came after
    the whole item, 8 screens down. A link in the item's head leads there, before the decision."""
    page = soup(client.get(f"/passage/{passage_id(client)}", query_string={"q": "flygtninge"}))
    head = page.select_one("article.passage > header")
    [jump] = head.select(".cite-jump a")
    assert jump["href"] == "#henvisning" and text(jump) == "Gå til henvisning og kilde"
    target = page.find(id="henvisning")
    section = target.find_parent("section")
    assert section.select_one("#citation") and section.select_one("#permalink") and section.select_one("#source-permalink")
    # in reading order: the facts, then the link, then the decision and the rest of the item
    order = [tag for tag in page.find_all(True) if tag is jump or "decision" in (tag.get("class") or [])
             or tag is head.select_one("dl.facts")]
    assert order[0].name == "dl" and order[1] is jump and order[2].name == "section"
    assert order[2].find_parent("article") is head.find_parent("article")


def test_the_citation_link_is_for_narrow_screens_and_lands_clear_of_the_top():
    """Beside the text on a wide screen (the desktop layout kept), the link has nothing to add."""
    assert declarations(".cite-jump", "@media (min-width: 52rem)") == {"display": "none"}
    assert declarations(".cite-jump").get("display") != "none"
    assert declarations(".passage-layout", "@media (min-width: 52rem)")["display"] == "grid"
    assert "scroll-margin-top" in declarations("#henvisning")


def test_every_item_page_has_the_link_and_its_target(client):
    document = api(client, q="flygtninge")["hits"][0]["document_id"]
    for item in client.get(f"/api/document/{document}").get_json()["passages"]:
        page = soup(client.get(f"/passage/{item['id']}"))
        assert [a["href"] for a in page.select(".cite-jump a")] == ["#henvisning"], item["id"]
        assert page.find(id="henvisning").get_text() == "Henvisning"


# --- 6. The first hit higher: the syntax hint folds once a search is made ---------------

def test_the_syntax_hint_is_open_on_the_front_page_and_folded_over_results(client):
    front = soup(client.get("/")).select_one("form.search-form details.search-tips")
    results = soup(client.get("/", query_string={"q": "flygtninge"})).select_one("form.search-form details.search-tips")
    assert front.has_attr("open") and not results.has_attr("open")
    for tips in (front, results):
        assert text(tips.summary) == "Sådan søger du"
        assert "Alle ord skal forekomme" in text(tips.select_one("p.hint"))
        assert [a["href"] for a in tips.select("a.help-link")] == ["/hjaelp"]


def test_a_filter_without_words_keeps_the_hint_open_and_an_error_folds_it(client):
    assert soup(client.get("/", query_string={"municipality": "Næstved"})).select_one("details.search-tips").has_attr("open")
    bad = soup(client.get("/", query_string={"q": "flygtninge", "sort": "bogus"}))
    assert not bad.select_one("details.search-tips").has_attr("open")


def test_the_search_box_is_described_by_the_hint_even_when_it_is_folded(client):
    """Chromium leaves a closed <details>'s text out of a description (measured): the box is
    described by a hidden copy outside it, word for word the hint that is shown."""
    for params in ({}, {"q": "flygtninge"}):
        page = soup(client.get("/", query_string=params))
        box = page.select_one("input#q")
        described = page.find(id=box["aria-describedby"].split()[0])
        assert described.has_attr("hidden") and described.find_parent("details") is None
        assert text(described) == text(page.select_one("details.search-tips p.hint")).removesuffix(
            " Hele vejledningen med eksempler")
        assert not described.find("a")


def test_the_folded_hint_works_without_javascript():
    """<details> opens by itself; the script has nothing to do with it."""
    script = SCRIPT.read_text(encoding="utf-8")
    assert "search-tips" not in script and "details" not in script


# --- 7. Tap targets of at least 24 px -----------------------------------------------------

def test_the_ways_out_of_nothing_found_are_marked_as_targets(client):
    page = soup(client.get("/", query_string={"q": "xyzzyqq", "municipality": "Næstved", "year": "2015"}))
    actions = [text(a) for a in page.select(".empty a.action")]
    # each finds nothing without it either, and without both (the empty page says so)
    assert actions == ["Fjern filteret kommune: Næstved – giver stadig 0 resultater",
                       "Fjern filteret år: 2015 – giver stadig 0 resultater", "Fjern alle filtre – giver stadig 0 resultater"]
    decisions = soup(client.get("/", query_string={"q": "xyzzyqq", "decisions_only": "1"}))
    assert [text(a) for a in decisions.select(".empty a.action")] == [
        "Søg i hele punkterne, ikke kun i beslutningerne – giver stadig 0 resultater"]


# selector, the font size it is read in (1 = the body's 16 px)
TARGETS = [
    (".hit-source a", 0.85),  # "Kilde: …, side 4" and "beslutningen side 6"
    (".citation-link a", 0.85),  # the permalink and the source's address
    (".skip-inline", 0.9),  # "Gå til filtre", "Følg søgningen"
    (".search-tips a", 0.9),
    (".toc a", 1),  # a document's items and their pages in the source
    (".section-page", 1),  # "side 6 i kilden" beside a decision
    (".facts dd a", 1),  # the item's source file, case, case handler, topics
    (".cite-jump a", 1),
    (".empty a.action", 1),
]
LINE_HEIGHT = 1.55


def rem(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)rem", value)
    assert match, value
    return float(match.group(1))


@pytest.mark.parametrize("selector, font", TARGETS, ids=[t[0] for t in TARGETS])
def test_a_reporters_links_are_boxes_at_least_24_px_high(selector, font):
    """An inline link is as high as its font (16-19 px, measured); an inline-block one as its
    line, plus its padding. 24 px is WCAG 2.5.8's minimum."""
    decls = declarations(selector)
    assert decls.get("display") == "inline-block", decls
    padding = decls.get("padding", "0 0").split()[0]
    vertical = 0.0 if padding == "0" else rem(padding)
    assert (font * LINE_HEIGHT + 2 * vertical) * 16 >= 24, (selector, decls)


def test_the_stylesheet_keeps_the_line_height_the_sizes_rest_on():
    assert declarations(":root")["line-height"] == str(LINE_HEIGHT)
    assert declarations(".hit-source")["font-size"] == "0.85rem"
    assert declarations(".citation-link")["font-size"] == "0.85rem"


def test_the_links_the_rules_are_for_are_on_the_pages(client):
    """The selectors above name what the pages have: a rule for a class no page uses sizes nothing."""
    hit = soup(client.get("/", query_string={"q": "flygtninge"})).select_one("li.hit")
    assert hit.select(".hit-source a")
    item = soup(client.get(f"/passage/{passage_id(client)}"))
    assert item.select(".facts dd a") and len(item.select(".citation-link a")) == 2
    document = soup(client.get(item.select("nav.breadcrumbs a")[1]["href"]))
    assert document.select(".toc a")


# --- 8. The copy hint names the button only when there is one -----------------------------

def test_the_copy_hint_without_javascript_names_no_button(client):
    """On a plain-http intranet the script hides the button (no clipboard there), and the hint
    said «… eller brug knappen»."""
    page = soup(client.get(f"/passage/{passage_id(client)}"))
    button = page.select_one("button.copy")
    assert button.has_attr("hidden")
    [hint] = page.select(f"[data-copy-hint='{button['data-copy']}']")
    assert text(hint) == "Markér teksten og kopiér den."
    assert "knap" not in text(hint)
    assert hint["data-with-button"] == "Markér teksten og kopiér den, eller brug knappen."
    # only the script, where it shows the button, puts the longer hint in
    script = SCRIPT.read_text(encoding="utf-8")
    shown = script.index("button.hidden = false")
    assert shown < script.index('getAttribute("data-with-button")') < script.index("button.addEventListener")


def test_no_page_with_a_hidden_copy_button_names_it_in_its_text(client):
    follow = soup(client.get("/foelg", query_string={"q": "flygtninge"}))
    item = soup(client.get(f"/passage/{passage_id(client)}"))
    for page, part in ((follow, "article.follow"), (item, "section.cite")):
        assert page.select(f"{part} button.copy[hidden]")
        for button in page.select("button.copy"):
            button.decompose()
        assert "knap" not in text(page.select_one(part)).casefold()


# --- 10. The header search says what it is, and carries the search ---------------------

def header_box(page):
    box = page.select_one("header form.header-search input#header-q")
    # the main form's words: one box, one name (a web review found two)
    assert page.select_one("label[for=header-q]").get_text(strip=True) == "Søg i referater, dagsordener og årsberetninger"
    return box


def test_the_header_search_carries_the_query_of_the_search_the_page_was_opened_from(client):
    opened = soup(client.get(f"/passage/{passage_id(client)}", query_string={"q": "flygtninge bolig",
                                                                              "municipality": "Næstved"}))
    assert header_box(opened)["value"] == "flygtninge bolig"
    document_url = opened.select("nav.breadcrumbs a")[1]["href"]
    assert header_box(soup(client.get(document_url)))["value"] == "flygtninge bolig"
    follow = soup(client.get("/foelg", query_string={"q": "boligplacering"}))
    assert header_box(follow)["value"] == "boligplacering"
    # and its filters, period and sort: changing the words lost the municipality unseen (a web review)
    for page in (opened, soup(client.get("/foelg", query_string={"q": "flygtninge bolig", "municipality": "Næstved"}))):
        hidden = [(i["name"], i["value"]) for i in page.select("header form.header-search input[type=hidden]")]
        assert hidden == [("municipality", "Næstved")]


@pytest.mark.parametrize("url", ["/hjaelp", "passage", "filters"])
def test_a_header_search_with_no_query_says_new_search(client, url):
    if url == "passage":
        url = f"/passage/{passage_id(client)}"
    elif url == "filters":  # a search of filters alone: nothing to write in the box
        url = f"/passage/{passage_id(client)}?municipality=N%C3%A6stved"
    box = header_box(soup(client.get(url)))
    assert box["placeholder"] == "Ny søgning" and not box.get("value")


def test_the_header_search_escapes_the_query(client):
    hostile = '"><script>alert(1)</script>'
    response = client.get(f"/passage/{passage_id(client)}", query_string={"q": hostile})
    page = soup(response)
    assert header_box(page)["value"] == hostile
    assert not page.select("header script") and "<script>alert" not in response.get_data(as_text=True)


# --- 11. The breadcrumb separator stays with its crumb -----------------------------------

def test_breadcrumb_separators_are_drawn_on_their_crumb(client):
    """«›» stood alone on a line on a phone, the document's title wrapping onto the next. It is
    no character of its own in the HTML, but drawn before a crumb that is a row of the two."""
    for url in (f"/passage/{passage_id(client)}?q=flygtninge", "/hjaelp", "/foelg?q=flygtninge"):
        crumbs = soup(client.get(url)).select_one("nav.breadcrumbs")
        assert "›" not in crumbs.get_text(), url
        assert len(crumbs.select("ol > li")) >= 2, url
    assert declarations(".breadcrumbs li")["display"] == "flex"
    before = declarations(".breadcrumbs li + li::before")
    assert before["content"] == '"›"' and before["flex"] == "none"
