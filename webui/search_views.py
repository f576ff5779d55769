"""The search page `/` and its JSON twin `/api/search`: same parameters, same engine call."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any

from flask import Blueprint, Response, current_app, render_template, request, url_for
from markupsafe import Markup, escape

from indexer.models import AARSBERETNING, DAGSORDEN
from indexer.outcome import decision_label, shown_in_part
from search.api import (FACET_LABELS, MAX_PAGE_SIZE, SORT_LABELS, SORTS, FacetValue, Hit, InvalidParameter,
                        SearchRequest, SearchResponse, without_controls)
from search.orders import ADDED

from .errors import PageError, json_response, link_header
from .facets import Chip, chips, doc_type_label, facet_groups
from .formatting import long_date, snippet_html
from .help_examples import HelpExamples, help_examples
from .index import get_index
from .links import with_hit_links
from .state import (SearchState, absolute_url, encoding_error, hidden_fields, pagination, parse_args, period_fields,
                    request_state_without, undecodable, unknown_parameters, without_invalid)

bp = Blueprint("search", __name__)


def current_state() -> SearchState:
    """The page state from the URL; raises `InvalidParameter` (Danish message) when bad,
    also for a value that is not UTF-8 (never searched for as its `%E6` escapes)."""
    not_utf8 = undecodable(request.query_string)
    if not_utf8:
        raise encoding_error(not_utf8[0])
    page_size = int(current_app.config["PAGE_SIZE"])
    return SearchState(parse_args(request.args.to_dict(flat=False), page_size), page_size)


def run_search(state: SearchState) -> SearchResponse:
    """The state's search; a parameter someone meant but the search does not read is said in its notice."""
    response = get_index().search(state.request)
    if unknown := unknown_parameters(list(request.args)):  # said where the search's own notices are
        response = replace(response, notice=f"{response.notice} {unknown}" if response.notice else unknown)
    return response


@bp.get("/")
def index() -> Response | tuple[str, int] | str:
    """The search page. A bad parameter re-renders the page with a Danish explanation; a
    page past the last one answers 404 with a link to the first."""
    try:
        state = current_state()
    except InvalidParameter as error:
        state = state_without_invalid(request.args.to_dict(flat=False))
        # a period typed wrong is corrected where it is explained, as typed, the rest kept
        entered = {name: without_controls((request.args.getlist(name) or [""])[-1])[:100] for name in ("from", "to")}
        return render_template("search/index.html", state=state, response=None, error=error,
                               hidden=hidden_fields(state), period_hidden=period_fields(state), entered=entered), 400
    response = run_search(state)
    r = state.request
    first = (r.page - 1) * r.page_size + 1
    page = render_template(
        "search/index.html",
        state=state,
        response=response,
        error=None,
        hidden=hidden_fields(state),
        period_hidden=period_fields(state),
        groups=facet_groups(response.facets, state, response.facets_more),
        chips=active_chips(state, response.facets),
        # a filter value the index lacks: the value it names, as a link that swaps that one value
        filter_fixes=[(FACET_LABELS[fix.parameter].lower(), fix.suggestion, state.url(fix.request))
                      for fix in response.filter_suggestions],
        sorts=[(key, SORT_LABELS[key], state.with_sort(key)) for key in SORTS],
        pages=pagination(state, response.pages),
        first=first,
        last=first + len(response.hits) - 1,
        by_date=listed_by_date(state, response),
        widened=widened(response),
        still_empty=still_empty(response),
        all_off=without_filters_total(state, response),
    )
    return (page, 404) if response.past_last_page else page


@bp.get("/hjaelp")
def help_page() -> Response:
    """"Sådan søger du": the query syntax, each example a link that runs it, with values taken
    from the index (`help_examples`). Without an index it shows the seeds' values, so it also
    answers while the first one is being built."""
    return with_json_twin(render_template("search/help.html", x=help_examples(get_index)), url_for("search.api_help"))


@bp.get("/api/hjaelp")
def api_help() -> Response:
    """The help page's examples as JSON: each section (its anchor on the page) with the
    searches its example links run, as `/` and `/api/search` URLs."""
    body = {"title": "Sådan søger du", "sections": help_sections(help_examples(get_index)),
            "links": {"html": url_for("search.help_page"), "json": url_for("search.api_help"),
                      "search_json": url_for("search.api_search")}}
    return json_response(body, links={"alternate": url_for("search.help_page")})


def with_json_twin(page: str, json_url: str) -> Response:
    """An HTML page naming its JSON twin in a `Link` header, as the twin names the page."""
    response = Response(page, mimetype="text/html")
    response.headers["Link"] = f'<{json_url}>; rel="alternate"; type="application/json"'
    return response


def help_example(query: str, **params: str) -> dict[str, Any]:
    """One example of the help page: what it searches and the links that run it."""
    args = {"q": query or None, **params}
    return {"query": query, "parameters": params, "url": url_for("search.index", **args),
            "json": url_for("search.api_search", **args)}


def help_sections(x: HelpExamples) -> list[dict[str, Any]]:
    """The help page's sections (`search/help.html`) with its example searches, in its order,
    left out where the page leaves them out (a value the index gave no example for)."""
    dates = x.dates
    sections: list[tuple[str, str, list[tuple[str, dict[str, str]]]]] = [
        ("ord", "Ord", [(q, {}) for q in (x.words, *x.ascii_forms, x.compound_part, x.synonym, x.abbreviation,
                                          x.truncated, x.name_word)]),
        ("fraser", "Fraser", [(q, {}) for q in x.phrases]),
        ("enten-eller", "Enten–eller", [(q, {}) for q in x.either]),
        ("udelad", "Udelad ord", [(q, {}) for q in (*x.without, x.without_municipality)]),
        ("felter", "Søg i ét felt", [(q, {}) for q in (
            x.municipality, x.council, x.year, x.case_handler, x.topic, x.doc_type, x.outcome, x.title, x.decision, x.case_field,
            x.present, x.absent, x.year_word, x.municipality_topic)]),
        ("datoer", "Datoer", [(q, {}) for q in ((dates.dotted, dates.long, dates.iso, dates.short, dates.slashed,
                                                  dates.month, dates.day_of_year, dates.days, dates.date_line) if dates else ())]),
        ("punkter", "Punkter og sager", [(q, {}) for q in (
            x.item, f"{x.item} {dates.dotted}" if x.item and dates else "", x.case_number, x.case_prefix)]),
        ("stavning", "Stavefejl og omtrentlige svar", [(q, {}) for q in (*x.misspellings, x.question)]),
        ("afgraens", "Filtre, beslutninger og sortering", [
            (x.word if x.filter_municipality else "", {"municipality": x.filter_municipality, "year": x.filter_year}),
            (x.decision_word, {"decisions_only": "1"}),
            (x.word, {"sort": "newest"}),
            (x.period_word, {"from": x.period_from, "to": x.period_to}),
        ]),
    ]
    return [{"id": anchor, "title": title, "url": url_for("search.help_page", _anchor=anchor),
             "examples": [help_example(q, **params) for q, params in examples if q]}
            for anchor, title, examples in sections]


def widened(response: SearchResponse) -> dict[str, int]:
    """What each filter taken off finds, by its parameter, for a search that found nothing: the
    empty page names the count beside the link that removes it. A facet with several values
    chosen is counted with all of them off, which no chip of it gives (each removes one value):
    those chips are in `still_empty` instead."""
    chosen = {name: len(values) for name, values in response.request.filters.items()}
    return {w.parameter: w.total for w in response.widenings if chosen.get(w.parameter, 1) == 1}


def still_empty(response: SearchResponse) -> frozenset[str]:
    """The filters of a search that found nothing whose removal finds nothing either: the
    engine's (`SearchResponse.still_empty`), and each facet with several values chosen. Its
    values are ORed, so the search without one of them is narrower and finds nothing too: each
    of its chips says «giver stadig 0 resultater», as a single value's does, where they had no
    count and led to another empty page (a web review)."""
    if response.total:
        return frozenset()
    several = {name for name, values in response.request.filters.items() if len(values) > 1}
    return response.still_empty | several


def without_filters_total(state: SearchState, response: SearchResponse) -> int | None:
    """What «Fjern alle filtre» finds, for an empty page that offers it (two filters or more):
    one search without them, one hit asked for; None when not asked, or the answer is a guess
    (approximate hits are no count of what the words find)."""
    r = state.request
    if response.total or len(active_chips(state)) < 2:
        return None
    wider = get_index().search(r.with_changes(filters={}, decisions_only=False, date_from="", date_to="", page=1,
                                              page_size=1))
    return None if wider.approximate else wider.total


def listed_by_date(state: SearchState, response: SearchResponse) -> bool:
    """Whether "Relevans" lists the hits newest first: a query of facet values, dates, case
    numbers or exclusions alone (or none) has no words to rank by, and the engine says so in
    `response.order`. The page says so beside the sort, which would otherwise claim a ranking
    that is not there."""
    return state.request.sort == "relevance" and response.order == "newest" and bool(response.hits)


def state_without_invalid(args: dict[str, list[str]]) -> SearchState:
    """The page state with the invalid parameters left out (an overlong query cut short, a
    value that is not UTF-8 dropped), so the error page's form and its "search again" link
    keep every other setting."""
    page_size = int(current_app.config["PAGE_SIZE"])
    for name in undecodable(request.query_string):
        args.pop(name, None)
    return SearchState(without_invalid(args, page_size), page_size)


def active_chips(state: SearchState, facets: Mapping[str, Sequence[FacetValue]] | None = None) -> list[Chip]:
    """Facet values (spelled as `facets` counts them), the period's ends, then the
    decisions-only switch: every active filter can be removed in one click."""
    found = chips(state, facets)
    r = state.request
    if r.date_from:
        found.append(Chip("Fra", long_date(r.date_from), state.with_period("", r.date_to), "from"))
    if r.date_to:
        found.append(Chip("Til", long_date(r.date_to), state.with_period(r.date_from, ""), "to"))
    if r.decisions_only:
        found.append(Chip("", "Kun beslutninger", state.with_decisions_only(False), "decisions_only"))
    return found


@bp.get("/api/search")
def api_search() -> Response:
    """`SearchResponse.to_json()` with each hit's `links`, exactly what `referatsog search --json`
    prints (its links from the site's root, the API's under the path it is served at). The `Link`
    header gives the HTML twin and the first, previous, next and last page; a page past the
    last one answers 404, as the search page does."""
    state = current_state()
    response = run_search(state)
    links = {"alternate": state.url(), **state.api_page_links(response.pages)}
    if response.past_last_page:
        raise PageError(
            404, "page_out_of_range", response.past_last_message,
            "page", details={"total": response.total, "pages": response.pages},
            headers={"Link": link_header(links)})
    return json_response(with_hit_links(response.to_json(), request.script_root), links=links)


# Entries in a feed: a feed reader shows what is new since it last looked, not a whole archive.
# Enough for one large meeting's items (a city council's runs to 30-60): 20 left the items from
# 21 on of a new meeting out of the feed of its council for good.
FEED_SIZE = 60
# A meeting is not cut partway: after FEED_SIZE entries, the rest of the last entry's document
# follows, up to this many entries in all (a reader fetches the feed whole, every time).
FEED_MAX = 200
# What XML 1.0 does not allow anywhere, not even escaped: C0 controls but tab and line breaks,
# surrogates and the noncharacters U+FFFE/U+FFFF. One of them in a document's text (a broken
# UTF-16 conversion leaves U+FFFE) or in the query made the whole feed unreadable to every
# feed reader of every search that found the document, the feed of all items included.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# The search page's parameters a feed has no use for: it lists its newest items, one page.
FEED_IGNORES = ("sort", "page", "page_size", "all_values")


def feed_state() -> SearchState:
    """`current_state` of what a feed follows: the search and its filters. The sort, page and
    page size it ignores are not read, so a bad one (`page=abc` from a copied URL) is no error."""
    return request_state_without(FEED_IGNORES)


@bp.get("/feed")
def feed() -> Response:
    """The search as an Atom feed (`/feed?` + the page's parameters): the items it finds, latest
    indexed first, whatever the page's sort, so a reporter's feed reader shows each new item of
    a search (a word, a council, a case number) once it is indexed. By meeting date, minutes
    indexed weeks after their meeting, or an archive filled in, never reached the feed: older
    than its 60th entry. Its page (the alternate link) is the search in the same order, `sort=added`."""
    state = feed_state()
    request_ = state.request.with_changes(sort=ADDED, page=1, page_size=FEED_SIZE)
    response, hits = feed_hits(request_)
    # One entry per item: of two versions of it (corrected minutes beside the first, their Atom
    # id the same), the one indexed last, listed first. Both were entries with one id, which a
    # reader keeps either of, the superseded decision perhaps (a newsdesk review).
    hits = _one_per_item(hits)
    stats = get_index().stats()
    last_commit = str(stats["last_commit"])
    changed = get_index().changed_at([hit.id for hit in hits])
    # the words the entries were found by (approximate hits: the nearest spellings), as the page links them
    searched = response.suggestion if response.approximate and response.suggestion else request_.query
    # an entry's link carries the search as the page's hit links do: «Kun beslutninger» and the
    # filters too (the entries lost them, a journalist review), not the feed's own sort and size
    carry = {name: values for name, values in state.url_params(state.request.with_changes(query=searched)).items()
             if name not in FEED_IGNORES}
    entries = [feed_entry(hit, last_commit, carry, _atom_stamp(changed[hit.id]) if hit.id in changed else None)
               for hit in hits]
    # The feed changed when an entry was added or changed, not at every reindex, and never later
    # than the index's last commit: an agenda for a meeting weeks ahead held the feed's date in
    # the future, where it stopped moving. Nor earlier than the index's last removal: an entry
    # removed (or changed out of the search) left an older newest entry, and the date went back.
    dates = [e["updated"] for e in entries] + ([_atom_stamp(stats["dropped_at"])] if stats.get("dropped_at") else [])
    updated = min(max(dates), last_commit) if dates else last_commit
    body = render_template(
        "search/feed.xml",
        title="Referatsøg: " + search_description(state, response.facets),
        # what the search page says above its hits: a feed of close spellings, or of every item
        # for a query with no word to search, read as the words asked for
        subtitle=" ".join(part for part in (
            "Omtrentlige resultater:" if response.approximate else "", response.notice or "") if part),
        self_url=state.feed_url(external=True),
        page_url=absolute_url("search.index", **state.url_params(state.request.with_changes(sort=ADDED))),
        updated=updated,
        entries=entries,
    )
    answer = Response(_NOT_XML.sub("", body), mimetype="application/atom+xml")
    answer.headers["Cache-Control"] = "no-cache"
    # No Last-Modified: no date is right for it. The entries' dates go back when one is removed,
    # and the last commit's (to the second) misses a second commit within that second, and a
    # feed that changed without a commit (a release, REFERATSOG_BASE_URL set): If-Modified-Since
    # got 304 for a changed feed. The strong ETag of the content is never wrong (If-None-Match).
    answer.add_etag()
    return answer.make_conditional(request)


def _one_per_item(hits: list[Hit]) -> list[Hit]:
    """`hits` in their order, each item (`entry_id`) once: where it is first."""
    listed: dict[str, Hit] = {}
    for hit in hits:
        listed.setdefault(entry_id(hit), hit)
    return list(listed.values())


def feed_hits(request_: SearchRequest) -> tuple[SearchResponse, list[Hit]]:
    """The feed's answer and its entries' hits: the first FEED_SIZE, and when the last of them
    is not its document's last item found, that document's items after it too (up to FEED_MAX
    in all): a large meeting was cut at its 60th item, its others never in the feed."""
    response = get_index().search(request_.with_changes(page_size=min(FEED_SIZE + 1, MAX_PAGE_SIZE)))
    hits = list(response.hits)
    if len(hits) <= FEED_SIZE or hits[FEED_SIZE].document_id != hits[FEED_SIZE - 1].document_id:
        return response, hits[:FEED_SIZE]
    cut, more, page = hits[FEED_SIZE - 1].document_id, [], 1
    while len(more) < FEED_MAX:  # pages of the most the engine gives, while that document goes on
        found = get_index().search(request_.with_changes(page=page, page_size=MAX_PAGE_SIZE)).hits
        more.extend(found)
        if len(found) < MAX_PAGE_SIZE or found[-1].document_id != cut:
            break
        page += 1
    return response, hits[:FEED_SIZE] + [hit for hit in more[FEED_SIZE:FEED_MAX] if hit.document_id == cut]


def _atom_stamp(moment: datetime) -> str:
    """A UTC moment as an Atom date-time, to the second: "2026-03-02T09:15:00Z"."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# The namespace of feed entries' ids (`entry_id`): fixed, so an item's id is the same on every site.
_ENTRY_NAMESPACE = uuid.UUID("5b0c1e0a-7f3e-4d9a-9a51-6d1f0c2e8b47")


def entry_id(hit: Hit) -> str:
    """An Atom entry's id, which a feed reader keeps to tell new entries from seen ones: of the
    item (its document's type, municipality, council, meeting date, number and title), not of the
    file it was read from nor of the site's address. Ids of passages changed with them: a moved or
    renamed file, its PDF or web page indexed beside it (another copy shown first), http turned
    https or a base URL set later, and every item reached readers again as new. An item without
    a meeting date or number keeps its permalink, the one thing that names it."""
    title = " ".join(re.findall(r"\w+", hit.title.casefold()))
    if hit.doc_type == AARSBERETNING and hit.year:
        when, where = str(hit.year), title
    elif hit.meeting_date and hit.item_number is not None:
        when, where = hit.meeting_date, f"{hit.item_reference}|{title}"
    else:
        return absolute_url("passages.passage", passage_id=hit.id)
    key = "|".join((hit.doc_type, hit.municipality or "", hit.council or "", when, where))
    return f"urn:uuid:{uuid.uuid5(_ENTRY_NAMESPACE, key)}"


def search_description(state: SearchState, facets: Mapping[str, Sequence[FacetValue]] | None = None) -> str:
    """The search in a line, as the feed's title names it: «flygtninge» · Kommune: Næstved."""
    r = state.request
    described = [f"«{r.query}»"] if r.query else []
    described += [f"{chip.facet_label}: {chip.label}" if chip.facet_label else chip.label
                  for chip in active_chips(state, facets)]
    return " · ".join(described) or "alle punkter"


@bp.get("/robots.txt")
def robots() -> Response:
    """What crawlers may fetch: not searches (`/?…`), the API or the feeds, whose answers carry
    `X-Robots-Tag: noindex` too; items and documents, public records, they may. Under a path
    prefix a crawler reads the host's own /robots.txt, not this one: the proxy's owner writes it."""
    root = url_for("search.index")
    lines = ["User-agent: *", f"Disallow: {root}?", f"Disallow: {url_for('search.feed')}",
             f"Disallow: {url_for('search.follow')}", f"Disallow: {root}api/", ""]
    response = Response("\n".join(lines), mimetype="text/plain")
    response.cache_control.public = True
    response.cache_control.max_age = 86400
    return response


def _follow_description(state: SearchState) -> str:
    """The search in a line as its feed's title names it: facet values spelled as the index spells
    them (`naestved` as «Næstved», as `/api/search`'s filters and the feed say), read from the
    search's facet counts, which spell every selected value as the index does, hits or none
    (`search.query._as_indexed`); without a facet filter there is nothing to spell, and no search run."""
    if not any(state.request.filters.values()):
        return search_description(state)
    response = get_index().search(state.request.with_changes(page=1, page_size=1))
    return search_description(state, response.facets)


@bp.get("/foelg")
def follow() -> Response:
    """"Følg søgningen": what a feed is and the feed's address to copy into a feed reader. The
    link beside the hits led to the Atom XML itself, which a browser shows as code."""
    state = current_state()
    page = render_template("search/follow.html", state=state, described=_follow_description(state),
                           feed_url=state.feed_url(external=True), feed_link=state.feed_url())
    return with_json_twin(page, state.url(endpoint="search.api_follow"))


@bp.get("/api/foelg")
def api_follow() -> Response:
    """"Følg søgningen" as JSON (the page's parameters): the search in words, the feed's
    address to give a feed reader (absolute, as the page shows it to copy) and the links."""
    state = current_state()
    body = {"description": _follow_description(state), "feed_address": state.feed_url(external=True),
            "links": {"html": state.follow_url(), "json": state.url(endpoint="search.api_follow"),
                      "feed": state.feed_url(), "search": state.url(), "search_json": state.api_url()}}
    return json_response(body, links={"alternate": state.follow_url()})


def decision_lines(hit: Hit) -> Markup:
    """A hit's decision as the search page shows it: the query's words marked, its lines kept
    with `<br>`. A feed reader ran «1) …» and «2) …» of a decision together on one line."""
    if hit.decision_html:
        return Markup("<br>").join(snippet_html(line) for line in hit.decision_html.split("\n"))
    return Markup("<br>").join(hit.decision.split("\n"))  # join escapes each line


def _decision_label(shown: str, outcome: str | None = None) -> str:
    """«Beslutning (udsat):» as the page labels it (`indexer.outcome.decision_label`), «uddrag» for a
    decision shown in part (cut with «…»).

    >>> _decision_label("Godkendt."), _decision_label("… godkendt.", "Godkendt"), _decision_label("Udsat.", "Andet")
    ('Beslutning:', 'Beslutning (godkendt, uddrag):', 'Beslutning:')
    """
    return f"{decision_label(outcome, shown_in_part(shown))}:"


def feed_entry(
    hit: Hit, last_commit: str, carry: Mapping[str, list[str]], changed: str | None = None,
) -> dict[str, Any]:
    """One hit as an Atom entry: updated when it was first indexed or last changed (`changed`, an
    Atom date-time; without one, in an index written before the times were kept, by its meeting,
    an undated item by the index's commit) and published at its meeting, identified by `entry_id`,
    linked with the search's parameters (`carry`), so its page marks the query's words and
    leads back to the search."""
    when = hit.meeting_date or (f"{hit.year}-12-31" if hit.year else None)
    # the meta line the search page shows, labelled the same way: a bare "SKA" said nothing, and
    # an item of the meeting's closed part read as one the minutes print
    meta = " · ".join(part for part in (
        doc_type_label(hit.doc_type, hit.supplement), "Lukket punkt" if hit.closed else "",
        hit.council, hit.municipality,
        long_date(hit.meeting_date) if hit.meeting_date else (hit.period or (str(hit.year) if hit.year else "")),
        hit.item_reference or "",
        f"sagsbehandler {hit.case_handler}" if hit.case_handler else "",
        f"sagsnr. {hit.case_number}" if hit.case_number else "") if part)
    summary = f"<p>{escape(meta)}</p>"
    if hit.missing:  # as the page says it: a most-words hit is not read as holding every word
        summary += f"<p>Mangler: {escape(', '.join(f'«{word}»' for word in hit.missing))}</p>"
    if hit.snippet_from not in ("decision", "decision_record") and hit.snippet:
        summary += f"<p>{snippet_html(hit.snippet)}</p>"
    # A decision cut to its start or to the words found is labelled so: «…Imod stemte Jens Olsen»
    # read as a rejection of what the council had approved (journalist review).
    if hit.snippet_from == "decision":
        summary += f"<p><strong>{_decision_label(hit.snippet, hit.outcome)}</strong> {snippet_html(hit.snippet)}</p>"
    elif hit.decision:
        summary += f"<p><strong>{_decision_label(hit.decision, hit.outcome)}</strong> {decision_lines(hit)}</p>"
    if hit.snippet_from == "decision_record":  # a dissent under its own label, as the page shows it
        cut = " (uddrag)" if shown_in_part(hit.snippet) else ""
        summary += f"<p><strong>{escape(hit.snippet_label)}{cut}:</strong> {snippet_html(hit.snippet)}</p>"
    number = f"{hit.heading_number} " if hit.item_number is not None else ""
    # A feed reader's list shows the title alone: an annual report's "Forord" needs its report,
    # and an agenda's item read as the minutes' item of the same title and date.
    # (a season's report by its period, a supplement by its kind, as the item's page names them)
    year = hit.period or hit.year
    report = f"Årsberetning {year}: " if hit.doc_type == AARSBERETNING and year else (
        "Årsberetning: " if hit.doc_type == AARSBERETNING else
        ("Tillægsdagsorden: " if hit.supplement else "Dagsorden: ") if hit.doc_type == DAGSORDEN else "")
    # An undated item is dated by the index's commit (Atom wants a date): a reader would list it
    # as the newest meeting, so its title says it has none.
    undated = "" if when else " (udateret)"
    updated = min(changed or (f"{when}T00:00:00Z" if when else last_commit), last_commit)
    return {
        "title": f"{report}{number}{hit.title or '(uden titel)'}{undated}",
        "id": entry_id(hit),
        "url": absolute_url("passages.passage", passage_id=hit.id, **carry),
        # new to the feed when first indexed, updated when its text or decision was corrected; a
        # meeting weeks ahead (its agenda) is no news from the future either way: at most the index's commit
        "updated": updated,
        # published at its meeting, never after the entry's own update (an agenda weeks ahead is
        # published now), and not at all without a meeting date: a year's 31 December was a date no
        # document printed, in the future for this year's month-only minutes (a dates review)
        "published": min(f"{hit.meeting_date}T00:00:00Z", updated) if hit.meeting_date else None,
        "author": ", ".join(part for part in (hit.council, hit.municipality) if part) or "Referatsøg",
        "topics": hit.topics,
        "summary": summary,
    }
