"""Accessibility of the web UI (WCAG 2.2 AA), through Flask's test client and the stylesheet.

A citizen with a screen reader, a keyboard, a phone or low vision uses the same pages as
everyone: each page says its language and what it is in its title, has one h1 and no
skipped heading level, names every control and link the way it reads, marks the current
page and sort, and the stylesheet's colour pairs reach the contrast WCAG asks for. What
needs a real browser (no sideways scrolling on a phone) is in tests/test_browser.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parent.parent
STYLE = ROOT / "webui" / "static" / "style.css"
SCRIPT = ROOT / "webui" / "static" / "enhance.js"
BROAD = "integrationsrådet"  # matches every seed, in both municipalities
QUERY = "flygtninge boligplacering"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def text(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


def accessible_name(node: Tag, page: BeautifulSoup) -> str:
    """The name a screen reader announces, as far as these pages need it: aria-labelledby,
    aria-label, a label[for], else the text without aria-hidden parts (visually hidden
    text counts)."""
    if node.get("aria-labelledby"):
        return " ".join(accessible_name(page.find(id=ref), page) for ref in node["aria-labelledby"].split())
    if node.get("aria-label"):
        return node["aria-label"].strip()
    if node.get("id") and node.name in ("input", "select", "textarea"):
        label = page.find("label", attrs={"for": node["id"]})
        if label is not None:
            return accessible_name(label, page)
    parts: list[str] = []
    for child in node.descendants:
        if isinstance(child, str) and not any(
                isinstance(p, Tag) and p.get("aria-hidden") == "true" for p in child.parents):
            parts.append(child)
    return re.sub(r"\s+([,.:])", r"\1", " ".join("".join(parts).split()))


def passage_url(client, title: str, query: str = QUERY) -> str:
    hits = client.get("/api/search", query_string={"q": query, "page_size": 50}).get_json()["hits"]
    return "/passage/" + next(h["id"] for h in hits if h["title"] == title)


@pytest.fixture
def pages(client) -> dict[str, tuple[int, BeautifulSoup]]:
    """Every kind of page, by name: (HTTP status, parsed HTML)."""
    passage = passage_url(client, "Modtagelse af flygtninge")
    passage_page = soup(client.get(passage))
    document = passage_page.select("nav.breadcrumbs a")[1]["href"]
    urls = {
        "front": "/",
        "search": f"/?q={BROAD}&page_size=2&page=2",
        "filtered": f"/?q={BROAD}&municipality=Næstved&decisions_only=1",
        "empty": "/?q=xyzzyqq&municipality=Næstved",
        "invalid": f"/?q={BROAD}&sort=bogus",
        "past_last": f"/?q={BROAD}&page=999",
        "passage": passage,
        "document": document,
        "not_found": "/findes/ikke",
        "unknown_passage": "/passage/findes-ikke",
        "help": "/hjaelp",
    }
    out = {}
    for name, url in urls.items():
        response = client.get(url)
        out[name] = (response.status_code, soup(response))
    return out


# --- Language, titles, landmarks, headings -----------------------------------------------

def test_every_page_is_danish_and_has_its_own_title(pages):
    titles = {}
    for name, (_, page) in pages.items():
        assert page.html.get("lang") == "da", name
        title = page.title.get_text(strip=True)
        assert title.endswith("Referatsøg") and len(title) > len("Referatsøg"), (name, title)
        titles[name] = title
    # No two kinds of page look alike in a tab (two pages not found may).
    assert titles.pop("unknown_passage") == titles["not_found"]
    assert len(set(titles.values())) == len(titles), titles


def test_a_page_of_all_items_says_its_page_in_the_title(client):
    # "/?page=3" (browsing everything, newest first) was titled "Søg · Referatsøg" like page 1
    page = soup(client.get("/", query_string={"page": 3}))
    assert page.title.get_text(strip=True) == "Side 3 af 4 · Søg · Referatsøg"  # the seeds' 35 items, 10 a page
    assert soup(client.get("/")).title.get_text(strip=True) == "Søg · Referatsøg"


def test_a_search_title_says_the_count_and_page_and_an_error_says_so_first(pages):
    """Each search reloads the page; the title is what a screen reader reads out first."""
    _, search = pages["search"]
    total = text(search.select_one("h2.count")).split(" resultat")[0]
    assert re.match(rf"^{BROAD} · {re.escape(total)} resultater, side 2 af \d+ · Søg · Referatsøg$",
                    search.title.get_text(strip=True))
    assert pages["empty"][1].title.get_text(strip=True).startswith("xyzzyqq · Ingen resultater · ")
    assert pages["invalid"][0] == 400 and pages["invalid"][1].title.get_text(strip=True).startswith("Fejl: ")
    assert pages["past_last"][0] == 404
    assert pages["past_last"][1].title.get_text(strip=True).startswith("Siden findes ikke: ")
    assert pages["not_found"][0] == 404 and pages["not_found"][1].title.get_text(strip=True) == "Ikke fundet · Referatsøg"
    assert pages["front"][1].title.get_text(strip=True) == "Søg · Referatsøg"


def test_a_passage_title_names_the_item_and_its_meeting(pages):
    """Every meeting has an "Eventuelt": the title must tell two of them apart."""
    _, page = pages["passage"]
    title = page.title.get_text(strip=True)
    assert title.startswith("15. Modtagelse af flygtninge · Referat: Integrationsrådet, Næstved Kommune, 21. maj 2015")


def test_landmarks_are_there_once_and_every_navigation_is_named(pages):
    for name, (_, page) in pages.items():
        assert len(page.select("main")) == 1, name
        assert page.select_one("main")["id"] == "indhold" and page.select_one("a.skip-link")["href"] == "#indhold"
        assert len(page.select("body > header")) == 1 and len(page.select("body > footer")) == 1, name
        labels = [accessible_name(nav, page) for nav in page.select("nav")]
        assert all(labels) and len(set(labels)) == len(labels), (name, labels)
        for aside in page.select("aside"):
            assert accessible_name(aside, page), name
    for name in ("front", "search", "filtered", "empty", "invalid"):
        assert pages[name][1].select_one("form[role=search]"), name
    # every page offers one search, labelled: its own box, or the header's on an item, a document
    # or the help (a new search from there went back to the search page first)
    for name, (_, page) in pages.items():
        [search] = page.select("form[role=search]")
        field = search.select_one("input[name=q]")
        assert page.select_one(f"label[for={field['id']}]").get_text(strip=True), name
    for name in ("passage", "document", "help"):
        assert pages[name][1].select_one("header form.header-search[role=search][aria-label='Ny søgning']"), name


def test_one_h1_and_no_heading_level_is_skipped(pages):
    for name, (_, page) in pages.items():
        levels = [int(h.name[1]) for h in page.find_all(re.compile(r"^h[1-6]$"))]
        assert levels.count(1) == 1 and levels[0] == 1, (name, levels)
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, (name, levels)


def test_every_id_is_unique_and_every_reference_points_at_one(pages):
    for name, (_, page) in pages.items():
        ids = [node["id"] for node in page.find_all(id=True)]
        assert len(ids) == len(set(ids)), name
        for node in page.find_all(attrs={"aria-labelledby": True}) + page.find_all(attrs={"aria-describedby": True}):
            for ref in (node.get("aria-labelledby", "") + " " + node.get("aria-describedby", "")).split():
                assert ref in ids, (name, ref)
        for label in page.find_all("label", attrs={"for": True}):
            assert label["for"] in ids, name
        for link in page.select("a[href^='#']"):
            assert link["href"][1:] in ids, (name, link["href"])


# --- Controls and links ------------------------------------------------------------------

def test_every_form_control_and_link_has_a_name(pages):
    for name, (_, page) in pages.items():
        for control in page.select("input:not([type=hidden]), select, textarea, button"):
            assert accessible_name(control, page), (name, str(control)[:80])
        for link in page.select("a[href]"):
            assert accessible_name(link, page), (name, str(link)[:80])


def test_the_search_box_is_labelled_and_described(pages):
    _, page = pages["search"]
    box = page.select_one("input#q")
    assert accessible_name(box, page) == "Søg i referater, dagsordener og årsberetninger"
    assert "Alle ord skal forekomme" in text(page.find(id=box["aria-describedby"].split()[0]))
    assert not box.has_attr("aria-invalid")


def test_an_overlong_query_marks_the_box_invalid_and_points_at_the_message(client):
    page = soup(client.get("/", query_string={"q": "ord " * 200}))
    box = page.select_one("input#q")
    assert box["aria-invalid"] == "true"
    alert = page.find(id="fejl")
    assert alert["role"] == "alert" and "fejl" in box["aria-describedby"].split()


def test_the_decisions_only_box_is_labelled_and_says_beforehand_that_it_applies_at_once(pages):
    """WCAG 3.2.2: the page reloads when the box changes (enhance.js), so the box says so
    first; without JavaScript nothing reloads and the page does not claim it does."""
    _, page = pages["search"]
    box = page.select_one("input#decisions_only")
    assert box["type"] == "checkbox" and accessible_name(box, page) == "Kun beslutninger"
    described = box["aria-describedby"].split()
    assert "søg kun i det, der blev besluttet" in text(page.find(id=described[0]))
    assert page.find(id=described[1]).get_text() == ""  # filled in by the script only
    assert 'getElementById("decisions-auto")' in SCRIPT.read_text(encoding="utf-8")
    assert "Resultaterne opdateres" in SCRIPT.read_text(encoding="utf-8")
    form = box.find_parent("form")
    assert form.select_one("button[type=submit]")  # without JavaScript the Søg button applies it


def test_facet_links_read_as_value_count_and_a_chosen_one_says_it_removes_the_filter(pages):
    _, page = pages["filtered"]
    municipality = page.select_one("#filtre section.facet:has(h3#facet-municipality)")
    names = [accessible_name(a, page) for a in municipality.select("a")]
    chosen = [n for n in names if n.startswith("Valgt:")]
    assert len(chosen) == 1 and re.fullmatch(r"Valgt: Næstved, \d+ resultat(er)?\. Fjern filteret", chosen[0]), names
    # beside a chosen value, another of the same facet adds results (values of a facet are ORed)
    for other in set(names) - set(chosen):
        assert re.fullmatch(r"[^,]+, (\d+ flere resultater|1 resultat mere)", other), other
    years = [accessible_name(a, page) for a in page.select("#filtre section.facet:has(h3#facet-year) a")]
    assert years and all(re.fullmatch(r"\d{4}, \d+ resultat(er)?", name) for name in years), years
    assert all("klik" not in n.casefold() for n in names)
    for summary in page.select("#filtre summary"):
        assert re.fullmatch(r"Vis alle \d+ under .+", accessible_name(summary, page))


def test_chips_start_with_what_they_show_and_say_they_remove_the_filter(pages):
    _, page = pages["filtered"]
    chips = [accessible_name(a, page) for a in page.select("a.chip")]
    assert chips == ["Kommune: Næstved (fjern filteret)", "Kun beslutninger (fjern filteret)"]
    for chip in page.select("a.chip"):
        visible = chip.select_one(".chip-x")
        assert visible.get("aria-hidden") == "true"  # the × is not read as "gange"
    assert accessible_name(page.select_one("a.chip-clear"), page) == "Fjern alle filtre"


def test_pagination_marks_the_current_page_and_names_previous_and_next(pages):
    _, page = pages["search"]
    nav = page.select_one("nav.pagination")
    assert accessible_name(nav, page) == "Resultatsider"
    current = nav.select("[aria-current]")
    assert len(current) == 1 and current[0]["aria-current"] == "page"
    assert accessible_name(current[0], page) == "Side 2"
    names = [accessible_name(a, page) for a in nav.select("a")]
    assert names[0] == "Forrige side" and names[-1] == "Næste side", names
    assert all(re.fullmatch(r"Side \d+", n) for n in names[1:-1]), names
    assert nav.select_one("a[rel=prev]") and nav.select_one("a[rel=next]")


def test_the_current_sort_is_marked_once(client):
    for sort, label in (("relevance", "Relevans"), ("newest", "Nyeste"), ("oldest", "Ældste")):
        page = soup(client.get("/", query_string={"q": BROAD, "sort": sort}))
        nav = page.select_one("nav.sort")
        assert accessible_name(nav, page) == "Sortering"
        current = nav.select("a[aria-current]")
        assert [accessible_name(a, page) for a in current] == [label]


def test_the_result_count_is_a_heading_and_the_list_keeps_its_semantics(pages):
    _, page = pages["search"]
    count = page.select_one("#antal")
    assert count.name == "h2" and re.match(r"\d+ resultater for «integrationsrådet»", text(count))
    hits = page.select_one("ol.hits")
    assert hits["role"] == "list" and hits["start"] == "3"  # list-style: none drops lists in Safari


def test_passage_page_names_its_neighbours_marks_itself_and_copies_without_javascript(pages):
    _, page = pages["passage"]
    nav = page.select_one("nav.prev-next")
    names = [accessible_name(a, page) for a in nav.select("a")]
    assert names == ["Forrige punkt: 14. Foreningernes dag 2015", "Næste punkt: 16. Medborgerskabspolitikken"]
    current = page.select("nav.siblings a[aria-current=page]")
    assert len(current) == 1 and text(current[0]) == "15. Modtagelse af flygtninge"
    # The copy button appears only with JavaScript; the citation is plain text to select.
    assert page.select_one("button.copy").has_attr("hidden")
    assert text(page.select_one("#citation")).startswith("Integrationsrådet, Næstved Kommune")
    status = page.select_one(".copy-status")
    assert status["role"] == "status" and status.get_text() == ""


def test_pages_load_nothing_from_other_hosts(pages):
    for name, (_, page) in pages.items():
        for node in page.find_all(["link", "script", "img", "iframe"]):
            url = node.get("href") or node.get("src") or ""
            assert url.startswith("/") and not url.startswith("//"), (name, url)


# --- The stylesheet: contrast, highlights, target size, motion ---------------------------

def css_rules() -> list[tuple[str, dict[str, str]]]:
    """(selector, declarations) of every innermost rule in style.css, var() left as written."""
    css = re.sub(r"/\*.*?\*/", "", STYLE.read_text(encoding="utf-8"), flags=re.S)
    rules = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        decls = {}
        for decl in body.split(";"):
            if ":" in decl:
                prop, value = decl.split(":", 1)
                decls[prop.strip()] = value.strip()
        rules.append((" ".join(selector.split()), decls))
    return rules


def rule(selector: str) -> dict[str, str]:
    """The declarations of the first rule for exactly `selector` (outside media queries first)."""
    return next(decls for sel, decls in css_rules() if sel == selector)


def css_variables() -> dict[str, str]:
    return {prop: value for selector, decls in css_rules() if selector == ":root"
            for prop, value in decls.items() if prop.startswith("--")}


def colour(value: str) -> str:
    """A colour as #rrggbb from a CSS value: a hex colour, a var() of one, or the colour in a
    `border`/`outline` shorthand."""
    variables = css_variables()
    value = re.sub(r"var\((--[\w-]+)\)", lambda m: variables[m.group(1)], value)
    if value.strip() in ("white", "#fff"):
        return "#ffffff"
    found = re.search(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b", value)
    assert found, value
    hex_ = found.group(1)
    return "#" + ("".join(c * 2 for c in hex_) if len(hex_) == 3 else hex_).lower()


def luminance(hex_colour: str) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(colour(a)), luminance(colour(b))), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_helper_agrees_with_wcag():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54  # the classic lightest grey that passes


def test_every_rule_that_sets_text_and_background_together_reaches_4_5_to_1():
    checked = 0
    for selector, decls in css_rules():
        background = decls.get("background") or decls.get("background-color")
        if "color" in decls and background and "inherit" not in decls["color"]:
            assert contrast(decls["color"], background) >= 4.5, selector
            checked += 1
    assert checked >= 6  # buttons, skip link, chips, current sort and page, badge, header


# Text colour, background it is read on, and what WCAG 1.4.3/1.4.11 asks of the pair.
PAIRS = [
    ("var(--ink)", "var(--paper)", 4.5, "body text"),
    ("var(--muted)", "var(--paper)", 4.5, "meta lines, hints, facet counts"),
    ("var(--muted)", "var(--wash)", 4.5, "hints in the search form"),
    ("var(--muted)", "#e4eefa", 4.5, "facet name in a chip, count of a chosen facet"),
    ("var(--muted)", "#d3e4f7", 4.5, "facet name in a hovered chip"),
    ("var(--muted)", "var(--decision)", 4.5, "date in a decision section"),
    ("var(--brand)", "var(--paper)", 4.5, "links"),
    ("var(--brand)", "var(--wash)", 4.5, "links in notices"),
    ("var(--brand)", "#fdf0ef", 4.5, "links in the approximate-results notice"),
    ("var(--brand)", "var(--mark)", 4.5, "a highlighted word in a hit title"),
    ("var(--ink)", "var(--mark)", 4.5, "a highlighted word"),
    ("var(--brand-dark)", "var(--paper)", 4.5, "hovered links"),
    ("var(--decision-line)", "var(--decision)", 4.5, "the 'beslutning' tag"),
    ("var(--decision-line)", "var(--paper)", 4.5, "'Henvisningen er kopieret.'"),
    ("#cfe3ff", "var(--brand)", 4.5, "'søg' in the logo"),
    ("#dbe8f7", "var(--brand)", 4.5, "the tagline"),
    ("var(--muted)", "var(--paper)", 4.5, "the search box placeholder"),
    # Non-text: boundaries and indicators need 3:1 against what is next to them.
    ("#7d8596", "var(--paper)", 3.0, "search box border"),
    ("#7d8596", "var(--wash)", 3.0, "search box border against the form"),
    ("var(--ink)", "var(--paper)", 3.0, "focus outline on the page"),
    ("var(--focus)", "var(--brand)", 3.0, "focus ring on the blue header"),
    ("var(--ink)", "var(--focus)", 3.0, "the two rings of the focus indicator"),
    ("var(--mark-line)", "var(--paper)", 3.0, "a highlight's underline"),
    ("var(--mark-line)", "var(--mark)", 3.0, "a highlight's underline on its yellow"),
    ("var(--decision-line)", "var(--decision)", 3.0, "the decision section's edge"),
]


@pytest.mark.parametrize("fg, bg, needed, where", PAIRS, ids=[p[3] for p in PAIRS])
def test_colour_pairs_reach_wcag_contrast(fg, bg, needed, where):
    assert contrast(fg, bg) >= needed, f"{where}: {contrast(fg, bg):.2f}:1"


def test_the_pairs_cover_every_colour_the_stylesheet_uses_for_text():
    """A new text colour must be added to PAIRS (with its background) to be checked."""
    text_colours = {colour(decls["color"]) for _, decls in css_rules()
                    if "color" in decls and not re.search(r"inherit|currentColor|Highlight|Canvas", decls["color"])}
    checked = {colour(fg) for fg, _, needed, _ in PAIRS if needed == 4.5} | {"#ffffff"}  # white: on the rules above
    assert text_colours <= checked, text_colours - checked


def test_highlights_are_not_shown_by_colour_alone():
    """Yellow on white is 1.25:1; the highlight also carries an underline that keeps 3:1
    and survives forced-colours mode (a border, not a box-shadow)."""
    mark = rule("mark")
    assert contrast(css_variables()["--mark"], "#ffffff") < 3  # why the underline is needed
    assert re.match(r"2px solid var\(--mark-line\)", mark["border-bottom"])


def test_the_checkbox_and_sort_links_are_at_least_24_css_px():
    assert rule(".switch input")["width"] == rule(".switch input")["height"] == "1.5rem"
    assert rule(".sort a")["min-height"] == "1.5rem" and rule(".sort a")["display"] == "inline-block"


def test_the_results_column_cannot_grow_wider_than_the_screen():
    """WCAG 1.4.10: an auto grid column grows to its longest word; minmax(0, 1fr) does not."""
    assert rule(".layout")["grid-template-columns"] == "minmax(0, 1fr)"
    wraps = [selector for selector, decls in css_rules() if decls.get("overflow-wrap") == "anywhere"]
    assert any(".hit" in s.split(", ") for s in wraps)


def test_focus_is_visible_on_everything_and_nothing_animates():
    assert rule(":focus-visible")["outline"].startswith("3px solid")
    for selector, decls in css_rules():
        if decls.get("outline") in ("none", "0") and selector not in ("main:focus, aside:focus",):
            pytest.fail(f"{selector} hides the focus outline")
    css = STYLE.read_text(encoding="utf-8")
    assert not re.search(r"\b(animation|transition)\s*:", css)  # else a prefers-reduced-motion rule is due


def test_a_query_too_long_is_named_by_its_start_in_the_title(client):
    """A 525-character title repeated the whole query: a tab full of it, read out whole."""
    query = "flygtninge " * 50
    page = soup(client.get("/", query_string={"q": query}))
    title = page.title.get_text(strip=True)
    assert title.startswith("Fejl: flygtninge flygtninge") and "…" in title and len(title) < 120, title
