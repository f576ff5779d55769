"""Answer a `SearchRequest` from a Whoosh searcher: the matching set, facet counts, one page of hits.

The steps, each over sets of document numbers so facet counts cover the whole result
set rather than one page:

1. the query text (`search.syntax`) becomes a Whoosh query over title^4, decision^2 and
   body; no positive words means "every passage". With `decisions_only` unfielded words
   search the decision alone and every hit must have a decision;
2. each selected facet becomes its own set of documents (OR within the facet), and a
   period of meeting dates one more (`period_docs`);
3. hits = query ∩ every facet set ∩ the period; a facet's counts = query ∩ every *other*
   facet's set ∩ the period. This is disjunctive faceting: choosing "Næstved" keeps the other municipalities'
   counts visible so a user can add them with OR. For facets with no selection the
   counts are over exactly the hits, so they add up to `total` when every passage has
   a value;
4. the page: by score (Whoosh's BM25F of the hit set, `search.ranking`) or by a cached
   date rank (`snapshot.Snapshot.rank`). An empty query has no relevance: it lists newest
   first.

Matching sets, facet filter sets and exclusions come from the generation's snapshot
(`Snapshot.docs`): per-term document sets cached by size, combined with set operations.
"""

from __future__ import annotations

import heapq
import json
import re
from array import array
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone

import numpy as np
from whoosh.query import And, Not, NullQuery, Or, Query, Term
from whoosh.searching import Searcher

from indexer.citation import municipality_name
from indexer.models import AARSBERETNING
from search.analysis import compound_lexicon
from search.api import (FACET_LABELS, FACETS, MAX_PAGE_SIZE, MAX_QUERY_LENGTH, SORT_MESSAGE, SORTS, InvalidParameter,
                        FilterSuggestion, SearchRequest, SearchResponse, Widening, is_year)
from search.facets import FACETS_BY_NAME, Facet, FacetColumn, docnum_array, facet_key
from search.highlight import Marker
from search.schema import TEXT_FIELDS, stored_passage
from search.orders import NEWEST
from search.snapshot import Snapshot, set_bytes
from search import danish, partial, ranking, suggest, variants, versions
# The query's compilation and a hit's building live in their own modules; the compilation's
# public names are re-exported (`__all__`) for callers and tests that import them from here.
from search.compile import (CASE_NUMBER_BOOST, NO_WORDS, NOTHING_TO_SEARCH, Compiled, _all, _any, compile_query,
                            doc_type_words, joined_pairs, typed_word)
from search.hits import _hit, row_hit
from search.syntax import (FIELD_ALIASES, FIELD_NAMES_SHOWN, Clause, ParsedQuery, asked_decisions, asked_notice, parse,
                           without_question_words, without_repeats)


def _read_query(text: str, decisions_only: bool = False) -> ParsedQuery:
    """The query as typed, as every search reads it: parsed (within `MAX_QUERY_LENGTH`), the
    decision words of a question about decisions left out with a notice (`asked_decisions`;
    `decisions_only`: the search already looks in the decisions alone), its words' synonyms and
    abbreviations added (`variants.expand`)."""
    parsed, asked = asked_decisions(parse(text.strip(), MAX_QUERY_LENGTH))
    parsed = without_question_words(parsed)
    if asked:
        parsed = replace(parsed, notices=(*parsed.notices, asked_notice(asked, decisions_only)))
    return variants.expand(parsed)


def query_marker(searcher: Searcher, query: str, snapshot: Snapshot | None = None) -> Marker:
    """What a search for `query` marks in a hit (its words and their variants, as this index
    analyses and splits them), to mark them anywhere else: the passage page opened from a hit.
    Words the query excludes are not marked; malformed text never raises. With the generation's
    `snapshot`, a word the index has only inside compounds marks those compounds, as the hits
    do (`_compile`); without one that look-up is not made (it reads the whole vocabulary)."""
    if snapshot is None:
        compiled = compile_query(_read_query(query), searcher, text=query)
    else:
        compiled = _compile(searcher, snapshot, _read_query(query), False, query)[0]
    return Marker(compiled.highlight, compound_lexicon(searcher.schema), compiled.phrases)


def _compile(searcher: Searcher, snapshot: Snapshot, parsed: ParsedQuery, decisions_only: bool,
             text: str) -> tuple[Compiled, frozenset[int]]:
    """The query compiled, and the passages it matches (before facet filters).

    A word the index has only inside longer words is searched as those words
    (`suggest.inside_compounds`), labelled approximate with a notice naming them: split into
    parts found anywhere, "fokusgruppe" ranked «Rådets fokus punkter» (fokus … Indsatsgruppen)
    above the item with «fokusgruppeinterview», and said the word was in no text. When those
    words find nothing with the rest of the query, it is compiled as typed (and the fallbacks
    that follow start from there)."""
    whole, inside = suggest.inside_compounds(searcher, parsed, "decision" if decisions_only else "body", snapshot)
    if inside and joined_pairs(parsed, searcher, decisions_only):
        # "kommune garanti": the two words written together are a word of the texts, «kommunegaranti»,
        # an exact hit, not «garanti» guessed inside compounds and labelled approximate
        compiled = compile_query(parsed, searcher, decisions_only=decisions_only, text=text)
        if matched := _base_set(searcher, snapshot, compiled, decisions_only):
            return compiled, matched
    if inside:
        compiled = compile_query(whole, searcher, decisions_only=decisions_only, text=text)
        matched = _base_set(searcher, snapshot, compiled, decisions_only)
        if matched:
            return _exact_if_found_whole(searcher, snapshot, parsed, decisions_only, text, replace(
                compiled, notices=(*compiled.notices, suggest.notice(inside)), approximate=True), matched), matched
    # A word found inside longer words that do not match with the rest is split after all; its
    # notice names those words ("fokusgruppe Næstved": «fokusgruppeinterview» is in Roskilde's item).
    within: dict[str, list[str]] = {}
    for correction in inside:
        within.setdefault(correction.word, []).append(correction.spelling)
    compiled = compile_query(parsed, searcher, decisions_only=decisions_only, text=text, inside=within)
    matched = _base_set(searcher, snapshot, compiled, decisions_only)
    return _exact_if_found_whole(searcher, snapshot, parsed, decisions_only, text, compiled, matched), matched


def _exact_if_found_whole(searcher: Searcher, snapshot: Snapshot, parsed: ParsedQuery, decisions_only: bool,
                          text: str, compiled: Compiled, matched: frozenset[int]) -> Compiled:
    """`compiled`, labelled approximate only where a hit is found by a word's parts or the compounds
    holding it, not by the words as typed: «flygtninge OR sprogcenter» finds what «flygtninge» finds,
    exact hits the answer and the CSV called guesses (a docs review)."""
    if not compiled.approximate or not matched or not any(len(group) > 1 for group in parsed.groups):
        return compiled  # without an OR every hit needs the word searched by its parts
    whole = compile_query(parsed, searcher, decisions_only=decisions_only, text=text, split_words=False)
    # Told after the filters (`run_search`): Næstved's guessed hit makes no search of Viborg's a guess
    # (code review 46)
    return replace(compiled, exact=_base_set(searcher, snapshot, whole, decisions_only))


def _attendance(parsed: ParsedQuery, searcher: Searcher, snapshot: Snapshot, decisions_only: bool,
                matched: frozenset[int]) -> tuple[Compiled, frozenset[int]] | None:
    """A query of a few plain words that a meeting's attendance lists hold ("Rasmus Kvist": a chair
    is named in the list of members, seldom in the items; absentees are in the text too).

    When no text holds it: the attendance query and its passages, with a notice naming the
    fields that search them. When the text does (`matched`), but the lists name it at other
    meetings too: the query unchanged, with a notice pointing to those fields. When no text holds
    the words and the lists hold a full name typed among them ("Else Brink formand"): the items
    of that person's meetings holding the other words (`_name_with_words`). Otherwise None.
    """
    words = [group[0].text for group in parsed.groups]
    if not words or any(group[0].field is not None or group[0].negated or group[0].prefix for group in parsed.groups):
        return None
    whole = _attendance_whole(parsed, words, searcher, snapshot, decisions_only, matched) \
        if len(words) <= _NAME_WORDS else None
    if whole is None and not matched:
        return _name_with_words(parsed, searcher, snapshot, decisions_only)
    return whole


def _attendance_whole(parsed: ParsedQuery, words: list[str], searcher: Searcher, snapshot: Snapshot,
                      decisions_only: bool, matched: frozenset[int]) -> tuple[Compiled, frozenset[int]] | None:
    """`_attendance` for a query whose words are all the name."""
    # A small word is not searched, in a name neither ("Hans Jensen" looks for Jensen): the
    # notices name what was looked for, not another Jensen as "Hans Jensen".
    name, quoted = _searched_name(words)
    if not name:
        return None
    attendance = ParsedQuery(((Clause(name, "present", phrase=True), Clause(name, "absent", phrase=True)),))
    compiled = compile_query(attendance, searcher)
    if compiled.matching is None or not _may_match(searcher, compiled.matching):
        return None
    listed = _base_set(searcher, snapshot, compiled, decisions_only)
    if not matched and listed:
        spelt = next(filter(None, (_listed_as(searcher, docnum, name) for docnum in sorted(listed)[:_MEETINGS_COMPARED])), None)
        lists = f"mødernes deltagerlister (som «{spelt}»)" if spelt else "mødernes deltagerlister"
        notice = (f"«{name}» står ikke i teksten, men på {lists}: her er møderne med «{name}» som "
                  f"deltager eller fraværende (søg deltager:{quoted} eller fraværende:{quoted}).")
        return replace(compiled, notices=(*parsed.notices, notice)), listed
    notices = []
    if matched and (away := matched & _base_set(searcher, snapshot, compile_query(
            ParsedQuery(((Clause(name, "absent", phrase=True),),)), searcher), decisions_only)):
        # The text holds an absentee's name where the item lists who was away: say why it was found.
        notices.append(f"«{name}» er nævnt som fraværende ved disse punkter (søg fraværende:{quoted})." if away == matched
                       else f"«{name}» er nævnt som fraværende ved nogle af disse punkter: søg fraværende:{quoted} for dem.")
    if matched and listed - matched:
        where = _elsewhere(searcher, snapshot, listed - matched, matched)
        notices.append(f"«{name}» står også på deltagerlisten {where}: søg deltager:{quoted} for dem.")
    if notices:
        return replace(compiled, notices=tuple(notices)), matched
    return None


def _name_with_words(parsed: ParsedQuery, searcher: Searcher, snapshot: Snapshot, decisions_only: bool
                     ) -> tuple[Compiled, frozenset[int]] | None:
    """A person's full name with other words ("Else Brink formand") that no text holds together:
    the items of the meetings whose attendance lists name the person and whose text holds the
    other words («Orientering fra formanden» of the meeting where «Deltagere: Else Brink (formand)»),
    with a notice. The name is two or three capitalised words typed together that the lists hold
    as a name (`_NAME_SPAN`): counted as words, «Else» matched «Else Mogensen» in another item.
    The lists hold names without their roles («(formand)» is not read into them), so a role is
    looked for in the text. None when the query holds no such name or nothing is found so."""
    groups = parsed.groups
    capital = [bool(_CAPITALISED.match(group[0].text)) and not group[0].phrase for group in groups]
    for size in sorted(_NAME_SPAN, reverse=True):
        for start in range(len(groups) - size + 1):
            if not all(capital[start:start + size]) or len(groups) == size:
                continue
            name = " ".join(group[0].text for group in groups[start:start + size])
            others = [group for k, group in enumerate(groups) if not start <= k < start + size]
            if not any(not danish.is_stop(danish.fold(group[0].text.lower())) for group in others):
                continue
            on_lists = ParsedQuery(((Clause(name, "present", phrase=True), Clause(name, "absent", phrase=True)),))
            listed = compile_query(on_lists, searcher)
            if listed.matching is None or not _may_match(searcher, listed.matching):
                continue
            combined = replace(parsed, groups=(*on_lists.groups, *others))
            compiled = compile_query(combined, searcher, decisions_only=decisions_only)
            if compiled.matching is None:
                continue
            found = _base_set(searcher, snapshot, compiled, decisions_only)
            if not found:
                continue
            quoted = f'"{name}"'
            rest = " ".join(group[0].text for group in others)
            said = [f"«{group[0].text}»" for group in others]
            words = said[0] if len(said) == 1 else f"{', '.join(said[:-1])} og {said[-1]}"
            notice = (f"«{name}» står ikke i teksten sammen med {words}, men på mødernes deltagerlister: her er "
                      f"punkterne fra møder med «{name}» som deltager eller fraværende, hvis tekst har {words} "
                      f"(søg deltager:{quoted} {rest}).")
            return replace(compiled, notices=(*parsed.notices, notice)), found
    return None


# A full name in a query: first name and surname, or with one middle name.
_NAME_SPAN = (2, 3)
_CAPITALISED = re.compile(r"^[A-ZÆØÅ][a-zæøåéü-]+$")


def _searched_name(words: list[str]) -> tuple[str, str]:
    """A name's words without the small ones, which are not searched ("Hans Jensen" looks for
    Jensen), and as a field query quotes it (`deltager:"Ole Riis"`)."""
    name = " ".join(word for word in words if not danish.is_stop(danish.fold(word)))
    return name, f'"{name}"' if " " in name else name


def _listed_as(searcher: Searcher, docnum: int, name: str) -> str | None:
    """How an item's attendance lists spell `name` when they add to it (middle names, a party:
    «Tina Svarre Hasselager» for "Tina Hasselager"); None when they spell it as typed."""
    record = json.loads(searcher.stored_fields(docnum).get("record") or "{}")
    wanted = [danish.fold(word) for word in danish.tokens(name)]
    for listed in (*(record.get("present") or ()), *(record.get("absent") or ())):
        words = [danish.fold(word) for word in danish.tokens(listed)]
        at = 0
        for word in words:  # the typed words in order, others between them
            if at < len(wanted) and danish.stem(word) == danish.stem(wanted[at]):
                at += 1
        if at == len(wanted):
            return listed if words != wanted else None
    return None


def _attendance_respelt(parsed: ParsedQuery, request: SearchRequest, searcher: Searcher, snapshot: Snapshot
                        ) -> tuple[Compiled, frozenset[int], str] | None:
    """A name no text or list holds, spelt as the attendance lists spell it (`suggest.name_corrections`):
    the meetings that list that name, a notice saying so, and the query so spelt as the suggestion."""
    if not parsed.groups or len(parsed.groups) > _NAME_WORDS or any(
            group[0].field is not None or group[0].negated or group[0].phrase or group[0].prefix
            for group in parsed.groups):
        return None
    words = [group[0].text for group in parsed.groups]
    # A name of several words, one of them on the lists ("Francisco Ortega"), is checked whole on
    # the lists below (`_attendance`): its list spelling need not be closer than the texts' words.
    whole = len(words) > 1 and any(suggest.on_the_lists(searcher, word) for word in words)
    spelt = suggest.name_corrections(searcher, words, "decision" if request.decisions_only else "body", snapshot,
                                     whole_name=whole)
    if spelt is None:
        return None
    respelt = replace(parsed, groups=tuple((replace(group[0], text=word),) for group, word in zip(parsed.groups, spelt)))
    if _base_set(searcher, snapshot, compile_query(respelt, searcher, decisions_only=request.decisions_only),
                 request.decisions_only):
        # the texts hold the name so spelt ("Niels Bækgaard" in an item's title): the close spellings'
        # search finds those items, ranked by it, where the lists gave every item of the meetings
        return None
    found = _attendance_whole(respelt, [group[0].text for group in respelt.groups], searcher, snapshot,
                              request.decisions_only, frozenset())
    if found is None or not found[1]:
        return None
    suggestion = request.query.strip()
    for word, right in zip(words, spelt):
        if right != word:
            suggestion = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", right, suggestion, count=1)
    typed = " ".join(w for w, right in zip(words, spelt) if right != w)
    named = " ".join(right for w, right in zip(words, spelt) if right != w)
    name, quoted = _searched_name(spelt)  # as `_attendance` reads it
    notice = (f"«{typed}» står hverken i teksten eller på deltagerlisterne, men «{named}» står på mødernes deltagerlister: "
              f"her er møderne med «{name}» som deltager eller fraværende (søg deltager:{quoted} eller fraværende:{quoted}).")
    compiled, listed = found
    return replace(compiled, notices=(*parsed.notices, notice)), listed, suggestion


def _as_corrected(parsed: ParsedQuery, corrections: tuple[suggest.Correction, ...]) -> ParsedQuery:
    """`parsed` with each word a close spelling replaced by that spelling (the first of each)."""
    spelling: dict[str, str] = {}
    for correction in corrections:
        if not correction.compound:
            spelling.setdefault(correction.word, correction.spelling)
    return replace(parsed, groups=tuple(
        (replace(group[0], text=spelling.get(group[0].text, group[0].text)), *group[1:]) for group in parsed.groups))


def _elsewhere(searcher: Searcher, snapshot: Snapshot, others: frozenset[int], matched: frozenset[int]) -> str:
    """Where the lists name a person at items the text did not find (`others`): "ved andre møder",
    or "ved mødets andre punkter" when each is of a meeting found already ("Peter Juul" is found
    by item 45's "Fraværende: …, Peter Juul"; the list names him at items 41-44 of that meeting)."""
    covered: frozenset[int] = frozenset()
    meetings = 0
    for docnum in sorted(others):
        if docnum in covered:
            continue
        if meetings == _MEETINGS_COMPARED:  # a name at many meetings: not every one is looked up
            return "ved andre punkter"
        items = snapshot.docs(searcher, Term("document_id", searcher.stored_fields(docnum)["document_id"]))
        if not items & matched:
            return "ved andre møder"
        covered, meetings = covered | items, meetings + 1
    return "ved mødets andre punkter" if meetings == 1 else "ved de samme møders andre punkter"


_MEETINGS_COMPARED = 20


def _may_match(searcher: Searcher, query: Query) -> bool:
    """False when a term of every alternative of `query` is missing from its field (a cheap test
    before running a phrase)."""
    alternatives = query.subqueries if isinstance(query, Or) else [query]
    return any(all(searcher.doc_frequency(field, text) for field, text in alternative.iter_all_terms())
               for alternative in alternatives)


# A name is a few words: a longer query that no text holds is not looked for in attendance lists.
_NAME_WORDS = 4


def run_search(searcher: Searcher, request: SearchRequest, snapshot: Snapshot | None = None, *,
               loosen_phrases: bool = True, check_suggestion: bool = True, widen: bool = True,
               rows: int = 0) -> SearchResponse:
    """Answer one request. Malformed query text never raises; invalid parameters raise `InvalidParameter`.
    `loosen_phrases`: when nothing matches, count what the query finds without the quotes of
    the phrases no text holds (`_without_quotes`), which is itself searched without.
    `check_suggestion`: when nothing is found, offer a "Mente du …?" only if it finds something
    with the same filters and period (`_followed`), which is itself searched without.
    `widen`: when nothing is found with filters on, count what each filter taken off finds
    (`_widenings`), which is itself searched without.
    `rows`: the first `rows` hits, whatever the page, as a spreadsheet's rows (`hits.row_hit`: no
    snippets, whole decisions): a CSV's one search, not one per page."""
    _validate(request)
    snapshot = snapshot or Snapshot(searcher.reader().generation() or 0)
    parsed = doc_type_words(_read_query(request.query, request.decisions_only), searcher)
    compiled, matched = _compile(searcher, snapshot, parsed, request.decisions_only, request.query)
    found = _match(searcher, snapshot, request, parsed, compiled, matched, loosen_phrases)
    compiled, matched, suggestion, approximate, lacking, loose = (
        found.compiled, found.matched, found.suggestion, found.approximate, found.lacking, found.loose)

    copies = snapshot.copies(searcher)
    selected = {name: values for name, values in request.filters.items() if values}
    facet_sets = {name: snapshot.docs(searcher, FACETS_BY_NAME[name].filter_query(values)) for name, values in selected.items()}
    # Copies are left out of each set that is counted or shown, after the filters: a copy that
    # alone has the filtered value is still found.
    unknown = [(name, value, close_value(searcher, name, value)) for name, docs in facet_sets.items()
               for value in _unknown_values(searcher, snapshot, name, selected[name], docs)]
    if unknown:  # a filter value from an old link, or typed into the URL: say why nothing is found
        compiled = replace(compiled, notices=(*compiled.notices, *(unknown_notice(searcher, name, value, close)
                                                                   for name, value, close in unknown)))
    filter_suggestions = tuple(_filter_suggestion(request, name, value, close)
                               for name, value, close in unknown if close)
    # The period narrows like a facet filter that every facet's counts keep.
    period = [period_docs(searcher, snapshot, request.date_from, request.date_to)] \
        if request.date_from or request.date_to else []
    narrowed = bool(facet_sets or period)
    filtered = _intersect(matched, [*facet_sets.values(), *period])
    if narrowed or not copies:
        hits_set = _without_copies(filtered, copies)
    else:  # the query's own matching set: the same for every request of it in this generation
        # Only the copies left out are cached, not the set without them: that is nearly the
        # matching set again (already cached), and holding both made the cache evict at 1M
        # passages (every common word's set rebuilt on every request, the phrase 0.8 s warm).
        dropped = snapshot.cache.get(("copies-left-out", compiled.matching, compiled.negative, request.decisions_only),
                                     lambda: filtered - _without_copies(filtered, copies), set_bytes)
        hits_set = filtered - dropped if dropped else filtered
    period_search = None
    if years := _chosen_years(request, parsed):
        said, named = _year_notices(searcher, snapshot, request, parsed, compiled.notices, years,
                                    [docs for name, docs in facet_sets.items() if name != "year"] + period, copies, hits_set)
        compiled = replace(compiled, notices=said)
        period_search = as_period(request, named[0]) if len(years) == 1 and named == years else None
    collapsed = len(hits_set) < len(filtered)  # then Whoosh's collector, which ranks every match, must not rank

    facets = {}
    facets_more: dict[str, int] = {}  # values a facet has beyond those listed
    # Converted once, ascending: counted by every facet without a selection, and scored. Without
    # facet filters the hits are the query's own matching set, the same for every request of
    # the query in this generation: its array is cached with it.
    if narrowed:
        hits_array = docnum_array(hits_set, searcher.doc_count_all())
    else:
        key = (compiled.matching, compiled.negative, request.decisions_only)
        hits_array = snapshot.hits_array(searcher, key, hits_set)
    for facet in (FACETS_BY_NAME[name] for name in FACETS):
        others = [docs for name, docs in facet_sets.items() if name != facet.name] + period
        base = hits_array if facet.name not in facet_sets else _without_copies(_intersect(matched, others), copies)
        column = snapshot.facet_column(searcher, facet)
        facets[facet.name], more = facet.counted(column, base, _as_indexed(column, selected.get(facet.name, ()), facet),
                                                 every_value=facet.name == request.all_values)
        if more:
            facets_more[facet.name] = more

    start = 0 if rows else (request.page - 1) * request.page_size
    end = rows or start + request.page_size
    # Relevance needs words to rank by; without them (facet values, dates, case numbers or
    # exclusions alone) every score is 0 and the newest meetings come first. The answer says so.
    ranked = compiled.scored is not None and compiled.ranked
    order = request.sort if request.sort != "relevance" else "relevance" if ranked else NEWEST
    if order == "relevance":
        restricted = narrowed or request.decisions_only or collapsed
        ordered = hits_array if isinstance(hits_array, np.ndarray) else None
        if compiled.tiers:
            page = _by_tier(searcher, snapshot, compiled, hits_set, start, end)
        else:
            page = _by_score(searcher, snapshot, compiled, hits_set, restricted, end, ordered)[start:end]
    else:
        page = [(d, 0.0) for d in _by_date(snapshot.rank(searcher, order), hits_set, hits_array, end)[start:end]]

    lexicon = compound_lexicon(searcher.schema)  # mark compounds as this index split them
    from_decision = request.decisions_only or compiled.in_decision
    hits = tuple(row_hit(searcher, docnum, score) if rows else
                 _hit(searcher, docnum, score, compiled.highlight, compiled.phrases, from_decision, lexicon)
                 for docnum, score in page)
    if lacking is not None:
        hits = tuple(replace(hit, missing=lacking(docnum)) for hit, (docnum, _) in zip(hits, page))
    added = snapshot.added_at(searcher)
    hits = tuple(replace(hit, first_indexed=_iso_time(int(added[docnum]))) if docnum < len(added) and added[docnum] else hit
                 for hit, (docnum, _) in zip(hits, page))
    later = versions.superseded(searcher, snapshot, ((docnum, hit) for hit, (docnum, _) in zip(hits, page)))  # type: ignore[misc]  # a hit has the fields of a passage it needs
    hits = tuple(replace(hit, superseded_by=later[docnum]) if docnum in later else hit
                 for hit, (docnum, _) in zip(hits, page))
    notices = compiled.notices
    if (day := _day_without_year(request.query)) and (not hits_set or _finds_nothing(
            searcher, snapshot, _typed_day(request.query), request.decisions_only)):
        # "flygtninge 25/11": the most-words fallback says «25/11» is in none of its hits; why is said too
        notices = (*notices, day)
    # A spelling offered must lead to hits where the user is searching: "integrationsmenor" in
    # Hedelund offered «integrationsmentor», which only Næstved's minutes hold. (The spelling
    # without quotes, `loose`, is offered only when it finds items with the filters already.)
    if suggestion is not None and not hits_set and loose is None and check_suggestion:
        suggestion, said = _followed(searcher, snapshot, request, suggestion, bool(facet_sets), bool(period))
        notices = (*notices, said) if said else notices
    approximate = approximate and bool(hits_set)  # no "approximate results" above none
    if approximate and compiled.exact is not None:  # an OR: a guess only where a hit is one
        approximate = any(docnum not in compiled.exact for docnum in hits_set)
    wider = run_search(searcher, replace(request, decisions_only=False, page=1, page_size=1), snapshot,
                       check_suggestion=False, widen=False) if widen and not hits_set and request.decisions_only else None
    if wider is not None and wider.approximate and wider.suggestion and suggestion is None and check_suggestion:
        # A typo with «Kun beslutninger» on: the decisions hold no close spelling, the whole items
        # may. The «Mente du» link would keep the switch on; the notice names what the items give.
        notices = (*notices, f"Ingen beslutning indeholder ordene eller en lignende stavemåde; i hele punkterne er der "
                             f"{wider.total} {'omtrentligt resultat' if wider.total == 1 else 'omtrentlige resultater'}"
                             f" med «{wider.suggestion}».")
    notice = " ".join(notices) or None
    widenings = _widenings(searcher, snapshot, request, matched, facet_sets, copies, wider) \
        if widen and not hits_set and (facet_sets or period or request.decisions_only) else ()
    return SearchResponse(request=request, total=len(hits_set), hits=hits, facets=facets, notice=notice,
                          suggestion=suggestion, approximate=approximate, order=order, widenings=widenings,
                          facets_more=facets_more, period_search=period_search, filter_suggestions=filter_suggestions,
                          still_empty=_still_empty(request, widenings, wider) if widen and not hits_set else frozenset())


def _still_empty(request: SearchRequest, widenings: tuple[Widening, ...], wider: SearchResponse | None) -> frozenset[str]:
    """The filters of a search that found nothing whose removal finds nothing either, counted
    exactly (`SearchResponse.still_empty`): a facet with one value chosen or an end of the
    period that `widenings` leave out, and «Kun beslutninger» when the search without it found
    nothing and guessed nothing."""
    counted = {name for name, values in request.filters.items() if len(values) == 1}
    counted |= {name for name, on in (("from", request.date_from), ("to", request.date_to)) if on}
    if wider is not None and not wider.total and not wider.approximate:
        counted.add("decisions_only")
    return frozenset(counted - {w.parameter for w in widenings})


@dataclass(frozen=True)
class _Matched:
    """What a query matches after the fallbacks of a search that matched nothing (`_match`)."""

    compiled: Compiled
    matched: frozenset[int]
    suggestion: str | None  # "Mente du …?"
    approximate: bool  # guessed: close spellings, compound parts, most words
    lacking: Callable[[int], tuple[str, ...]] | None  # most words: the words a hit lacks
    loose: tuple[str, int] | None  # typed phrases no text holds: the query without their quotes, and its count


def _match(searcher: Searcher, snapshot: Snapshot, request: SearchRequest, parsed: ParsedQuery, compiled: Compiled,
           matched: frozenset[int], loosen_phrases: bool) -> _Matched:
    """The query's matching passages, or, when it matches none, what the fallbacks find, in order:
    the meetings' attendance lists, the typed phrases without quotes (`_without_quotes`) or spelt
    as the texts spell them (`_respelt_phrases`), close spellings (`suggest.fallback`), and the
    passages with most of the words (`_most_words`); each with what is told of it."""
    lacking: Callable[[int], tuple[str, ...]] | None = None  # most words: the words a hit lacks
    # Hits for a compound searched by its parts are a guess, as close spellings are.
    suggestion, approximate = None, compiled.approximate and bool(matched)
    if compiled.scored is not None and (
            attendance := _attendance(parsed, searcher, snapshot, request.decisions_only, matched)):
        if matched:  # found in the text: the query as it is, and a pointer to the lists
            compiled = replace(compiled, notices=(*compiled.notices, *attendance[0].notices))
        else:  # a name on the meetings' attendance lists only
            compiled, matched = attendance
    elif not matched and compiled.scored is not None and (
            listed := _attendance_respelt(parsed, request, searcher, snapshot)):
        compiled, matched, suggestion = listed  # a misspelt name the lists spell otherwise
        approximate = True
    # Typed phrases no text holds: said, with the query without their quotes as the link to follow.
    unquoted: tuple[str, ...] = ()
    loose: tuple[str, int] | None = None
    if not matched and compiled.scored is not None and loosen_phrases:
        # only phrases typed in quotes: a variant typed as words ("Kommunernes Landsforening")
        # is searched as a phrase too, and was said not to stand «ordret» though no quotes were typed
        unquoted = tuple(phrase for phrase in _absent_phrases(searcher, snapshot, parsed, request.decisions_only)
                         if _in_quotes(request.query, phrase))
        loose = _without_quotes(searcher, snapshot, request, unquoted) if unquoted else None
        if loose is not None:  # its words find items: those, not what the fallbacks below would guess
            suggestion = loose[0]
            compiled = replace(compiled, notices=(*compiled.notices, _phrase_notice(unquoted, loose[1])))
    # Phrases no text holds even without their quotes, with a misspelt word: the phrase spelt as
    # the texts spell it is offered, and nothing guessed is shown in its place (as for `loose`).
    respelt = _respelt_phrases(searcher, snapshot, request, unquoted) \
        if not matched and compiled.scored is not None and loose is None and unquoted else None
    if respelt is not None:
        suggestion = respelt
        compiled = replace(compiled, notices=(*compiled.notices, _phrase_notice(unquoted)))
    # With «Kun beslutninger», words the whole items hold exactly are no typo: «vedtaget» found an
    # approximate «vedlagt» in a decision, and «integrationspolitik» was «not in the texts», where
    # the whole items hold them five and three times. Nothing is guessed; the widening says so.
    in_items = (not matched and request.decisions_only and compiled.scored is not None
                and bool(_base_set(searcher, snapshot, compile_query(parsed, searcher), False)))
    if not matched and compiled.scored is not None and loose is None and respelt is None and not in_items:
        fallback = suggest.fallback(searcher, parsed, request.query.strip(), "decision" if request.decisions_only else "body",
                                    snapshot)
        relaxable, notices, typos = parsed, compiled.notices, ()
        if fallback is not None:
            suggestion = fallback.suggestion
            fuzzy = compile_query(fallback.parsed, searcher, decisions_only=request.decisions_only)
            fuzzy_matched = _base_set(searcher, snapshot, fuzzy, request.decisions_only)
            if fuzzy_matched:
                notices = (*compiled.notices, suggest.notice(fallback.corrections))
                # a name so corrected that the lists name at other items too: said, as for the name typed right
                if listed := _attendance(_as_corrected(parsed, fallback.corrections), searcher, snapshot,
                                         request.decisions_only, fuzzy_matched):
                    notices = (*notices, *listed[0].notices)
                compiled, matched, approximate = replace(fuzzy, notices=notices), fuzzy_matched, True
            elif fallback.corrected is not None and fallback.typos:  # the misspelt words' spellings, not the sources'
                relaxable, typos = fallback.corrected, fallback.typos
        # Still no passage has every word: the passages with the most of them. Not with
        # `decisions_only`, which narrows a search: it would show decisions holding some of the
        # words where the whole text of fewer passages holds them all.
        if not matched and not request.decisions_only:
            most = _most_words(searcher, snapshot, relaxable, request.decisions_only, notices, typos)
            if most is not None:
                compiled, matched, lacking = most
                approximate = True
            elif sum(map(_is_words, parsed.groups)) > 1:  # not a silent zero
                compiled = replace(compiled, notices=(*compiled.notices, partial.NOT_ALL))
        if not matched and unquoted:  # not a silent zero
            compiled = replace(compiled, notices=(*compiled.notices, _phrase_notice(unquoted)))
    if not matched and suggestion is None and compiled.scored is not None and not in_items and (
            parted := _part_of_word(searcher, parsed, request.query, "decision" if request.decisions_only else "body",
                                    compiled.split)):
        suggestion, said = parted  # the last resort: a part of a word no text holds, offered to follow
        compiled = replace(compiled, notices=(*compiled.notices, said))
    if not matched and (unfound := _unfound_values(parsed, searcher, snapshot, request.decisions_only, request.query)):
        compiled = replace(compiled, notices=(*compiled.notices, *unfound[0]))  # not a silent zero either
        suggestion = suggestion or unfound[1]
    if not matched and suggestion is None:
        # `sagsbehandler:Sadegi`: the notice names «Maryam Sadeghi»; the query so spelt is the
        # «Mente du» link a plain "Sadegi" gets (offered only if it finds items: `_followed`)
        suggestion = _close_field_values(parsed, searcher, request.query)
    # Only the relevance sort keeps them after the exact hits: a date sort would mix them in (a
    # passage holding only «kontrakten» second for "kontakt", after the notice said they came last).
    if (matched and len(matched) <= suggest.SOURCE_TYPO_MAX_HITS and not approximate and suggestion is None
            and lacking is None and request.sort == "relevance" and (
            typos := _source_typos(searcher, snapshot, request, parsed, compiled, matched))):
        compiled, matched, lacking = typos  # the passages spelling a word otherwise, after the exact ones

    return _Matched(compiled, matched, suggestion, approximate, lacking, loose)


def _as_indexed(column: FacetColumn, values: Sequence[str], facet: Facet) -> tuple[str, ...]:
    """Selected filter `values` as the index spells them (`naestved` → «Næstved»), whether or not
    the search finds items with them: the counts name a selected value no hit has as it was
    given, and `/api/search`'s filters and /foelg's description said «naestved» after no hits."""
    if not values:  # most facets: no dictionary of thousands of case handlers built per search
        return ()
    spelt = dict(zip(column.value_keys, column.values))
    # «Næstved Kommune» is the municipality «Næstved» (`Facet.named`): counted and shown as selected
    return tuple(spelt.get(facet_key(value)) or spelt.get(facet_key(facet.named(value)), value) for value in values)


def _source_typos(searcher: Searcher, snapshot: Snapshot, request: SearchRequest, parsed: ParsedQuery,
                  compiled: Compiled, matched: frozenset[int]
                  ) -> tuple[Compiled, frozenset[int], Callable[[int], tuple[str, ...]]] | None:
    """For a query that found passages: also the passages that hold a rare close form of a word
    instead (`suggest.source_typos`: «pavillioner» for "pavilloner"), ranked after every exact
    hit (a second tier), each labelled with the word it lacks, and a notice saying so; None when
    no word has such a form or it finds no passage more."""
    if compiled.scored is None or compiled.matching is None or compiled.tiers:
        return None
    typos = suggest.source_typos(searcher, parsed, "decision" if request.decisions_only else "body", snapshot)
    if typos is None:
        return None
    fuzzy = compile_query(typos.parsed, searcher, decisions_only=request.decisions_only)
    if fuzzy.scored is None or fuzzy.matching is None:
        return None
    more = _base_set(searcher, snapshot, fuzzy, request.decisions_only) - matched
    if not more:
        return None
    words = tuple(dict.fromkeys(c.word for c in typos.corrections))
    tiers = ((compiled.scored, compiled.matching), (fuzzy.scored, And([fuzzy.matching, Not(compiled.matching)])))
    notices = (*compiled.notices, suggest.source_typo_notice(typos.corrections))
    return (replace(fuzzy, notices=notices, tiers=tiers), matched | more,
            lambda docnum: words if docnum in more else ())


def _part_of_word(searcher: Searcher, parsed: ParsedQuery, query: str, field: str, split: Sequence[str]
                  ) -> tuple[str, str] | None:
    """For a search that found nothing and offered nothing: the query with each word that no text
    holds, even inside longer words, replaced by the part of it that texts do hold
    (`suggest.word_part`), and the notice saying so; None when no word has such a part. Only
    words the user typed as words (not fielded, excluded, quoted or truncated), and of those
    only the first `suggest.MAX_WORDS` that are looked into: each reads up to a few hundred
    passages, and a query of 32 invented words read them for every one."""
    said: list[str] = []
    seen: set[str] = set()
    looked_up = 0
    for clause in (clause for group in parsed.groups for clause in group):
        if (clause.field is not None or clause.negated or clause.phrase or clause.prefix or clause.boost < 1
                or clause.text.casefold() in seen):  # a word typed twice is said once
            continue
        seen.add(clause.text.casefold())
        if not suggest.may_have_part(searcher, clause.text, field):
            continue
        if looked_up >= suggest.MAX_WORDS:
            break
        looked_up += 1
        part = suggest.word_part(searcher, clause.text, field)
        typed = re.compile(rf"(?<!\w){re.escape(clause.text)}(?!\w)", re.IGNORECASE)
        if part and typed.search(query):
            query = typed.sub(lambda _: part, query)  # each time it is typed
            said.append(suggest.part_notice(clause.text, part, split=clause.text in split,
                                            decisions=field == "decision"))
    return (query, " ".join(said)) if said else None


def _unfound_values(parsed: ParsedQuery, searcher: Searcher, snapshot: Snapshot, decisions_only: bool, query: str
                    ) -> tuple[tuple[str, ...], str | None]:
    """For a search that found nothing: the attendance and case number values that find nothing
    on their own (`deltager:"Helle Waage-Jensen"`, staff on no list; `sagsnr:1-14`, too short
    an end of a case number), said, as a facet value the index lacks is. A name the other list
    holds (`deltager:"Ole Riis"`, listed as absent) is said to stand there, and `query` with that
    list's field is the suggestion (None when there is none)."""
    notices = []
    suggestion = None
    for group in parsed.groups:
        clause = group[0]
        if len(group) > 1 or clause.negated or clause.field not in ("present", "absent", "case_number"):
            continue
        alone = compile_query(ParsedQuery(((clause,),)), searcher, decisions_only=decisions_only)
        if alone.matching is not None and _base_set(searcher, snapshot, alone, decisions_only):
            continue
        if clause.field == "case_number":
            notices.append(f"Intet sagsnummer i søgeindekset hedder, begynder eller ender med «{clause.text}»; "
                           "skriv hele sagsnummeret eller dets sidste dele (mindst seks tegn).")
        elif _finds_nothing(searcher, snapshot, ParsedQuery(((replace(clause, field=_OTHER_LIST[clause.field]),),)),
                            decisions_only):
            notices.append(f"Ingen deltagerliste nævner «{clause.text}» som deltager (administrationens folk og "
                           "sagsbehandlere står ikke på listerne)." if clause.field == "present"
                           else f"Ingen deltagerliste nævner «{clause.text}» som fraværende.")
        else:  # on the other list: said, and that list offered, as a name typed without a field is
            other = _OTHER_LIST[clause.field]
            quoted = f'"{clause.text}"' if " " in clause.text else clause.text
            notices.append(f"Ingen deltagerliste nævner «{clause.text}» som {_LIST_ROLE[clause.field]}, men listerne "
                           f"nævner «{clause.text}» som {_LIST_ROLE[other]} (søg {FIELD_NAMES_SHOWN[other]}:{quoted}).")
            suggestion = suggestion or _refielded(query, clause.field, clause.text, other, clause.text)
    return tuple(notices), suggestion


_OTHER_LIST = {"present": "absent", "absent": "present"}
_LIST_ROLE = {"present": "deltager", "absent": "fraværende"}


def _finds_nothing(searcher: Searcher, snapshot: Snapshot, parsed: ParsedQuery | str, decisions_only: bool) -> bool:
    """Whether `parsed` (or a query's text) alone, without filters, finds no passage."""
    if isinstance(parsed, str):
        parsed = parse(parsed, MAX_QUERY_LENGTH)
    alone = compile_query(parsed, searcher, decisions_only=decisions_only)
    return alone.matching is None or not _base_set(searcher, snapshot, alone, decisions_only)


def _refielded(query: str, field: str, value: str, to_field: str, to_value: str) -> str | None:
    """`query` with the value `value` typed after a name of `field` written as `to_field`'s name and
    `to_value` (quoted when it has a space); None when it does not stand so in `query`.

    >>> _refielded('deltager:"Ole Riis" budget', "present", "Ole Riis", "absent", "Ole Riis")
    'fraværende:"Ole Riis" budget'
    >>> _refielded("(Sagsbehandler: sadegi)", "case_handler", "sadegi", "case_handler", "Maryam Sadeghi")
    '(sagsbehandler:"Maryam Sadeghi")'
    >>> _refielded("titel:Sadegi", "case_handler", "Sadegi", "case_handler", "Maryam Sadeghi") is None
    True
    """
    words = r"\s+".join(re.escape(word) for word in value.split())
    typed = re.compile(rf'(?<![^\s(])([^\s:()"-][^\s:()"]*):\s*(?:"\s*{words}\s*"|{words})(?![^\s)])', re.IGNORECASE)
    for match in typed.finditer(query):
        if FIELD_ALIASES.get(danish.fold(match[1])) == field:
            shown = f'"{to_value}"' if " " in to_value else to_value
            return f"{query[:match.start()]}{FIELD_NAMES_SHOWN.get(to_field, to_field)}:{shown}{query[match.end():]}"
    return None


def _close_field_values(parsed: ParsedQuery, searcher: Searcher, query: str) -> str | None:
    """`query` with each facet value no passage has (`sagsbehandler:Sadegi`) written as the one
    value it is close to (`Facet.close_value`: «Maryam Sadeghi»), as the notice names it; None
    when no value has one."""
    spelt = query
    for clause in (clause for group in parsed.groups for clause in group):
        facet = FACETS_BY_NAME.get(clause.field or "")
        if (facet is None or clause.field == "year" or clause.negated or clause.prefix
                or facet.field not in searcher.schema or facet.user_query(searcher.reader(), clause.text) is not NullQuery):
            continue
        close = facet.close_value(searcher, clause.text)
        if close and (respelt := _refielded(spelt, clause.field, clause.text, clause.field, close)):
            spelt = respelt
    return spelt if spelt != query else None


def _unknown_values(searcher: Searcher, snapshot: Snapshot, name: str, values: Sequence[str], docs: frozenset[int]
                    ) -> list[str]:
    """The values of filter `name` that no passage has: all of them when together they find none
    (`docs`), else each that finds none on its own («Næstvd» beside «Fjordby» was ignored in silence)."""
    if not docs:
        return list(values)
    if len(values) < 2:
        return []
    facet = FACETS_BY_NAME[name]
    return [value for value in values if value.strip() and not snapshot.docs(searcher, facet.filter_query([value]))]


def _widenings(searcher: Searcher, snapshot: Snapshot, request: SearchRequest, matched: frozenset[int],
               facet_sets: dict[str, frozenset[int]], copies: dict[int, tuple[int, bytes]],
               wider: SearchResponse | None) -> tuple[Widening, ...]:
    """For a search that found nothing with filters on: how many items each filter taken off
    finds (a facet with all its values, an end of the period, «Kun beslutninger»), those that
    find some. A facet or an end from the sets at hand; «Kun beslutninger», which changes what
    the words are matched in, from the search without it (`wider`, one hit asked for; None when
    the switch is off)."""
    ends = {name: bounds for name, bounds, on in (("from", ("", request.date_to), request.date_from),
                                                  ("to", (request.date_from, ""), request.date_to)) if on}
    whole = [period_docs(searcher, snapshot, request.date_from, request.date_to)] if ends else []
    found = [Widening(name, len(_without_copies(_intersect(matched, [
                 *(docs for other, docs in facet_sets.items() if other != name), *whole]), copies)))
             for name in facet_sets]
    for name, bounds in ends.items():
        rest = [period_docs(searcher, snapshot, *bounds)] if any(bounds) else []
        found.append(Widening(name, len(_without_copies(_intersect(matched, [*facet_sets.values(), *rest]), copies))))
    if wider is not None:  # «Kun beslutninger» on
        if not wider.approximate:  # guesses are no count of what the words find
            found.append(Widening("decisions_only", wider.total))
    return tuple(widening for widening in found if widening.total)


_WORD_FIELDS = frozenset({None, *TEXT_FIELDS})

# A day and month without a year, "21.05" or "27/5": searched as the characters, which seldom
# stand so in the minutes. Two digits after a dot (a section "1.8" is no date), any after "/".
_DAY_MONTH = re.compile(r"(?<![\w.,/-])(\d{1,2})(?:\.(\d{2})|/(\d{1,2}))(?![\w,/-]|\.\d|\s+(?:19|20)\d\d(?!\d))")


def _typed_day(query: str) -> str:
    """The first day and month typed without a year in `query`, as typed ("" when there is none).

    >>> _typed_day("flygtninge 25/11"), _typed_day("21.05.2015")
    ('25/11', '')
    """
    for match in _DAY_MONTH.finditer(query):
        if 1 <= int(match[1]) <= 31 and 1 <= int(match[2] or match[3]) <= 12:
            return match[0]
    return ""


def _day_without_year(query: str) -> str:
    """For a search that found nothing: a notice that a date needs its year, naming the first
    day and month typed without one ("" when there is none).

    >>> _day_without_year("møde 21.05")
    '«21.05» ligner en dato uden årstal, som søges som tegn; skriv årstallet med (fx 21.05.2015) for at finde mødet.'
    >>> _day_without_year("27/5"), _day_without_year("§ 1.8"), _day_without_year("21.05.2015"), _day_without_year("40.05")
    ('«27/5» ligner en dato uden årstal, som søges som tegn; skriv årstallet med (fx 27/5 2015) for at finde mødet.', '', '', '')
    >>> _day_without_year("21/5 2016"), _day_without_year("møde 21.05 2016")  # the year after a space, as the notice says
    ('', '')
    """
    typed = _typed_day(query)
    if not typed:
        return ""
    example = f"{typed}.2015" if "." in typed else f"{typed} 2015"
    return f"«{typed}» ligner en dato uden årstal, som søges som tegn; skriv årstallet med (fx {example}) for at finde mødet."


def _absent_phrases(searcher: Searcher, snapshot: Snapshot, parsed: ParsedQuery, decisions_only: bool
                    ) -> tuple[str, ...]:
    """The phrases the user typed that no passage holds (`_loose_phrase`): for a search that
    found nothing, at the cost of a look-up per phrase. Not a phrase ORed with others ("a b"
    OR "c d"): without its quotes, OR would join b and c."""
    absent: list[str] = []
    for group in parsed.groups:
        typed = [clause for clause in group if clause.boost == 1.0]
        if len(typed) == 1 and _loose_phrase(clause := typed[0]):
            alone = compile_query(ParsedQuery(((clause,),)), searcher, decisions_only=decisions_only)
            if not _base_set(searcher, snapshot, alone, decisions_only):
                absent.append(clause.text)
    return tuple(dict.fromkeys(absent))


def _without_quotes(searcher: Searcher, snapshot: Snapshot, request: SearchRequest, phrases: tuple[str, ...]
                    ) -> tuple[str, int] | None:
    """The query with the quotes around `phrases` left out, and how many items it finds (with
    the request's filters and period: what the link to it shows), when it finds some exactly
    (its own fallbacks' guesses are not counted); else None.

    "social kontrol negativ" in quotes was a silent zero although the words stand in the
    texts, as «negativ social kontrol». Its words' items are not shown in its place: the quotes
    ask for the words in a row, and a reporter checking whether a quote is in the minutes must
    not read items that merely hold its words as an answer. The search says the phrase is not
    there and how many items hold the words, and offers the query without quotes to follow
    ("Mente du …?"). Nor does the most-words fallback run: «social kontrol negativ» Næstved
    listed 28 Næstved items without the phrase, where its words are in 2."""
    text = _loose_query(request.query, phrases)
    if text is None:
        return None
    found = run_search(searcher, replace(request, query=text, page=1, page_size=1), snapshot, loosen_phrases=False)
    return (text, found.total) if found.total and not found.approximate else None


def _respelt_phrases(searcher: Searcher, snapshot: Snapshot, request: SearchRequest, phrases: tuple[str, ...]
                     ) -> str | None:
    """The query with the misspelt words of `phrases` spelt as the texts spell them, still in
    quotes, when that finds items exactly; else None.

    «"negativ socail kontrol"» found nothing and offered nothing: the close-spelling fallback
    leaves a phrase's words alone, and without quotes the typo finds nothing either. The phrase
    is asked for as written, so the correction is a suggestion to follow ("Mente du …?"), never
    searched in its place."""
    field = "decision" if request.decisions_only else "body"
    query = request.query
    for phrase in phrases:
        spelt = suggest.respelt(searcher, phrase, field, snapshot)
        words = r"\s+".join(re.escape(word) for word in phrase.split())
        typed = re.search(rf'"\s*({words})\s*"', query)
        if spelt is None or typed is None:
            continue
        query = query[:typed.start(1)] + spelt + query[typed.end(1):]
    if query == request.query:
        return None
    # Counted without the filters and period: `_followed` then offers it where it finds items with
    # them, or says how many it finds without them (a filtered search was a bare zero).
    found = run_search(searcher, replace(request, query=query, page=1, page_size=1, filters={}, date_from="", date_to=""),
                       snapshot, loosen_phrases=False, check_suggestion=False, widen=False)
    return query if found.total and not found.approximate else None


def _followed(searcher: Searcher, snapshot: Snapshot, request: SearchRequest, suggestion: str, filtered: bool,
              dated: bool) -> tuple[str | None, str]:
    """For a search that found nothing: `suggestion` when following it finds something with the
    request's filters and period (`filtered`, `dated`: some are chosen), else None; and, when
    it finds something only without them, a notice that says so and how much.

    The link to a suggestion keeps the filters, so one that finds nothing within them leads to
    another empty page. Counted as the page it links to is (`run_search`, one hit asked for),
    only when nothing was found and a spelling is offered."""
    def total(**changes) -> int:
        return run_search(searcher, replace(request, query=suggestion, page=1, page_size=1, **changes), snapshot,
                          check_suggestion=False).total

    if total():
        return suggestion, ""
    if not filtered and not dated:
        return None, ""
    anywhere = total(filters={}, date_from="", date_to="")
    if not anywhere:
        return None, ""
    where = " og ".join([*(["med de valgte filtre"] if filtered else []), *(["i den valgte periode"] if dated else [])])
    them = "den" if dated and not filtered else "dem"
    return None, (f"«{suggestion}» giver heller ingen resultater {where}; uden {them} findes {anywhere} "
                  f"{'punkt' if anywhere == 1 else 'punkter'}.")


def _loose_phrase(clause: Clause) -> bool:
    """Whether `clause` is a phrase the user typed that may be searched as its words, or one
    word typed in quotes (`"21.05.2015"` searches the characters; without quotes, the date)."""
    return (clause.phrase or clause.quoted) and clause.field is None and not clause.negated and not clause.prefix


def _in_quotes(query: str, phrase: str) -> bool:
    """Whether `phrase` stands in quotes in `query` (spaces inside the quotes aside).

    >>> _in_quotes('"social  kontrol" x', "social kontrol"), _in_quotes("social kontrol", "social kontrol")
    (True, False)
    """
    words = r"\s+".join(re.escape(word) for word in phrase.split())
    return re.search(rf'"\s*{words}\s*"', query) is not None


def _loose_query(query: str, phrases: Collection[str]) -> str | None:
    """`query` with the quotes around `phrases` left out (each written as the parser read it,
    spaces inside the quotes aside); None when one of them cannot be found as typed (a party
    letter the parser left out of it) or stands after a field name or an exclusion sign. A
    proximity Lucene writes after a phrase (`"a b"~2`, not ours) goes with its quotes.

    >>> _loose_query('"social kontrol  negativ" Næstved', ["social kontrol negativ"])
    'social kontrol  negativ Næstved'
    >>> _loose_query('titel:"a b"', ["a b"]), _loose_query('-"a b"', ["a b"]), _loose_query('"a b"~2 c', ["a b"])
    (None, None, 'a b c')
    """
    for phrase in phrases:
        words = r"\s+".join(re.escape(word) for word in phrase.split())
        typed = re.search(rf'(?<![^\s(])"\s*({words})\s*"(?:~\d*)?', query)
        if typed is None:
            return None
        query = query[:typed.start()] + typed.group(1) + query[typed.end():]
    return query.strip()


def _phrase_notice(phrases: tuple[str, ...], count: int | None = None) -> str:
    """What is said of typed phrases no text holds, and how many items hold their words
    without the quotes (`count`; None: none has them all).

    >>> _phrase_notice(("a b",), 2)
    'Frasen «a b» står ikke ordret i teksterne; uden anførselstegn findes 2 punkter med ordene.'
    >>> _phrase_notice(("a b", "c d"), 1)
    'Fraserne «a b» og «c d» står ikke ordret i teksterne; uden anførselstegn findes 1 punkt med ordene.'
    >>> _phrase_notice(("a b",)), _phrase_notice(("21.05.2015",), 7)
    ('Frasen «a b» står ikke ordret i teksterne.', 'Ordet «21.05.2015» står ikke ordret i teksterne; uden anførselstegn findes 7 punkter.')
    """
    named = [f"«{phrase}»" for phrase in phrases]
    listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} og {named[-1]}"
    words = any(" " in phrase for phrase in phrases)  # a word typed in quotes is no phrase
    kind = ("Frasen" if len(named) == 1 else "Fraserne") if words else ("Ordet" if len(named) == 1 else "Ordene")
    said = f"{kind} {listed} står ikke ordret i teksterne"
    if count is None:
        return f"{said}."
    found = f"{count} {'punkt' if count == 1 else 'punkter'}"
    return f"{said}; uden anførselstegn findes {found} med ordene." if words else f"{said}; uden anførselstegn findes {found}."


def _is_words(group: tuple[Clause, ...]) -> bool:
    """Whether a group is a word or phrase (with its alternatives), which a query that finds
    nothing may leave out (`search.partial`); field values, dates, numbers and exclusions are not."""
    return all(not clause.negated and clause.field in _WORD_FIELDS for clause in group)


def _most_words(searcher: Searcher, snapshot: Snapshot, parsed: ParsedQuery, decisions_only: bool,
                notices: tuple[str, ...], typos: tuple[suggest.Correction, ...] = ()
                ) -> tuple[Compiled, frozenset[int], Callable[[int], tuple[str, ...]]] | None:
    """The query of the passages holding the most of `parsed`'s words (`search.partial`), those
    passages, and the words (as typed) a passage lacks; None when that leaves nothing to show.
    `typos`: the spellings searched for the query's misspelt words (`suggest.Fallback.typos`), said
    for the words the passages shown hold: «Silkeborg» was said «fundet som del af sammensatte ord:
    «Silkeborgvej»» and, in the same notice, to stand in none of them (a web review)."""
    words = [group for group in without_repeats(parsed.groups) if _is_words(group)]
    each = [(group, compile_query(ParsedQuery((group,)), searcher, decisions_only=decisions_only)) for group in words]
    each = [(group, c) for group, c in each if c.scored is not None and c.matching is not None]  # not small words alone
    each = _with_joined(each, parsed, searcher, decisions_only)
    if len(each) < 2:
        return None
    required = compile_query(replace(parsed, groups=tuple(g for g in parsed.groups if not _is_words(g))), searcher,
                             decisions_only=decisions_only)
    allowed = _base_set(searcher, snapshot, required, decisions_only)
    # the words as typed, without signs around them: «Roskilde?» was named so as missing
    word_docs, labels = [snapshot.docs(searcher, c.matching) for _, c in each], [typed_word(g[0].text) for g, _ in each]
    verbs = partial.asked_verbs([typed_word(group[0].text) for group in words])
    asked = frozenset(n for n, (group, _) in enumerate(each) if any(group is words[i] for i in verbs))
    found = partial.most_words(word_docs, allowed, len(snapshot.passages(searcher)), labels, asked)
    if found is None:
        return None

    def query(combinations: tuple[tuple[int, ...], ...]) -> tuple[Query, Query]:
        """(scored, matching) of the passages holding one of `combinations` of the words."""
        parts = [[each[i][1] for i in combination] for combination in combinations]
        scored = _any([_all([c.scored for c in part]) for part in parts])  # type: ignore[misc]
        matching = _any([_all([c.matching for c in part]) for part in parts])  # type: ignore[misc]
        assert scored is not None and matching is not None
        if required.scored is not None and required.matching is not None:
            return And([required.scored, scored]), And([required.matching, matching])
        return scored, matching

    scored, matching = query(found.combinations)
    shown = {i for combination in found.combinations for i in combination}
    highlight = required.highlight.union(*(each[i][1].highlight for i in shown))
    held = {labels[i].casefold() for i in shown}
    said = tuple(c for c in typos if typed_word(c.word).casefold() in held)
    notices = (*notices, suggest.notice(said)) if said else notices
    compiled = Compiled(scored, matching, required.negative, highlight, (*notices, partial.notice(found, labels)),
                        ranked=True, in_decision=all(c.in_decision for _, c in each),
                        tiers=tuple(query(tier) for tier in found.tiers) if len(found.tiers) > 1 else (),
                        phrases=required.phrases.union(*(each[i][1].phrases for i in shown)))
    return compiled, _base_set(searcher, snapshot, compiled, decisions_only), lambda d: partial.lacking(word_docs, labels, d)


def _with_joined(each: list[tuple[tuple[Clause, ...], Compiled]], parsed: ParsedQuery, searcher: Searcher,
                 decisions_only: bool) -> list[tuple[tuple[Clause, ...], Compiled]]:
    """`each` word's compilation with the compound it makes with its neighbour (`compile.joined_pairs`)
    as an alternative: an item holding «Udlændingestyrelsen» holds "Udlændinge" and "styrelsen",
    and was labelled as lacking «Udlændinge»."""
    joined = {id(parsed.groups[pair.first + k]): pair for pair in joined_pairs(parsed, searcher, decisions_only)
              for k in (0, 1)}
    if not joined:
        return each
    field = "decision" if decisions_only else "body"
    widened = []
    for group, c in each:
        pair = joined.get(id(group))
        if pair is not None and c.scored is not None and c.matching is not None:
            compound = Term(field, pair.term)
            c = replace(c, scored=Or([c.scored, compound]), matching=Or([c.matching, compound]),
                        highlight=c.highlight | {pair.term})
        widened.append((group, c))
    return widened


def _by_tier(searcher: Searcher, snapshot: Snapshot, compiled: Compiled, hits: frozenset[int], start: int,
             end: int) -> list[tuple[int, float]]:
    """Ranks `start` to `end` of `hits` ranked tier by tier (`Compiled.tiers`), each tier by score."""
    page: list[tuple[int, float]] = []
    before = 0  # hits in the tiers before this one
    for scored, matching in compiled.tiers:
        if before >= end:
            break
        docs = hits & snapshot.docs(searcher, matching)
        if docs and before + len(docs) > start:
            ranked = _by_score(searcher, snapshot, replace(compiled, scored=scored), docs, True, end - before)
            page.extend(ranked[max(0, start - before):])
        before += len(docs)
    return page


def period_docs(searcher: Searcher, snapshot: Snapshot, date_from: str, date_to: str) -> frozenset[int]:
    """Documents in a period of ISO dates (either end "" for open, both included): meetings by
    their date; what is dated by its year alone (`year_dated`) when the year overlaps the
    period. Undated documents are in no period."""
    low = int(date_from.replace("-", "")) if date_from else 1
    high = int(date_to.replace("-", "")) if date_to else 99_999_999

    def build() -> frozenset[int]:
        days = snapshot.days(searcher)
        years = days // 10_000
        by_year = year_dated(searcher, snapshot)
        inside = np.where(by_year, (years >= low // 10_000) & (years <= high // 10_000), (days >= low) & (days <= high))
        # A report of a season or a term («2024-2025», «Beretning 2022-2025») is dated by its first
        # year and reaches into the later ones: «Fra 2025» holds it too.
        for doc, end in snapshot.season_ends(searcher).items():
            if years[doc] < low // 10_000 and end >= low // 10_000 and years[doc] <= high // 10_000:
                inside[doc] = True
        return frozenset(np.flatnonzero(inside & (days > 0)).tolist())

    return snapshot.cache.get(("period", low, high), build, set_bytes)


def year_dated(searcher: Searcher, snapshot: Snapshot) -> np.ndarray:
    """Per document number: dated by its year alone. Annual reports, and minutes that give a
    year but no meeting date: they sort as the year's last day (`schema.sort_date`), as a
    meeting held on 31 December does, whose date is among its own dates (`dates` field)."""

    def build() -> np.ndarray:
        days = snapshot.days(searcher)
        doc_types = snapshot.facet_column(searcher, FACETS_BY_NAME["doc_type"])
        annual_ords = [o for o, labels in enumerate(doc_types.labels) if AARSBERETNING in labels]
        by_year = np.isin(doc_types.ords_np[:len(days)], annual_ords)
        last_day = (days % 10_000 == 1231) & ~by_year
        for year in np.unique(days[last_day] // 10_000).tolist():
            held = np.zeros(len(days), dtype=bool)
            held[list(snapshot.docs(searcher, Term("dates", f"{year:04d}-12-31")))] = True
            by_year |= last_day & (days // 10_000 == year) & ~held
        return by_year

    return snapshot.kept("year-dated", build)


def _by_date(rank: array, hits: frozenset[int], hits_array: Collection[int], limit: int) -> list[int]:
    """The first `limit` of `hits` in `rank` order (ranks are distinct: a total order).

    A large hit set (an empty query browses every passage) is ranked over its array: a
    partition and a sort of the `limit` first, instead of a Python heap over every hit.
    """
    if not isinstance(hits_array, np.ndarray):
        return heapq.nsmallest(limit, hits, key=rank.__getitem__)
    ranks = np.frombuffer(rank, dtype=np.uint32)[hits_array]
    first = np.argpartition(ranks, limit - 1)[:limit] if limit < len(ranks) else np.arange(len(ranks))
    return hits_array[first[np.argsort(ranks[first])]].tolist()


def close_value(searcher: Searcher, name: str, value: str) -> str | None:
    """The value of facet `name` that a `value` no passage has names (`Facet.close_value`); None
    when none does, or the index was built before the facet."""
    facet = FACETS_BY_NAME[name]
    return facet.close_value(searcher, value) if facet.field in searcher.schema else None


def unknown_notice(searcher: Searcher, name: str, value: str, close: str | None) -> str:
    """The notice for a filter value no passage has, with the value it names (`close_value`), when there
    is one: «Kommune «Koge» findes ikke i søgeindekset; mente du «Køge»?»."""
    if FACETS_BY_NAME[name].field not in searcher.schema:  # an index an older release built, before the facet (an upgrade review)
        return (f"{FACET_LABELS[name]}-filteret virker først, når søgeindekset er bygget igen af denne udgave "
                f"af Referatsøg (referatsog index).")
    said = f"{FACET_LABELS[name]} «{value}» findes ikke i søgeindekset"
    return f"{said}; mente du «{close}»?" if close else f"{said}."


def _filter_suggestion(request: SearchRequest, name: str, value: str, close: str) -> FilterSuggestion:
    """The search with filter `name`'s `value` swapped for `close`, the rest as it was (query, other
    filters, sort, period), from its first page; a value given twice once."""
    values = tuple(dict.fromkeys(close if v == value else v for v in request.filters.get(name, ())))
    return FilterSuggestion(parameter=name, value=value, suggestion=close,
                            request=request.with_changes(filters={**request.filters, name: values}, page=1))


def _chosen_years(request: SearchRequest, parsed: ParsedQuery) -> tuple[str, ...]:
    """The single years a search narrows to: the year filter's values and `år:2025` typed alone
    (not excluded, not a range, not one of several alternatives)."""
    typed = [group[0].text.strip() for group in parsed.groups
             if len(group) == 1 and group[0].field == "year" and not group[0].negated and is_year(group[0].text)]
    chosen = [value.strip() for value in request.filters.get("year", ()) if is_year(value)]
    return tuple(dict.fromkeys([*chosen, *typed]))


# More reports than this covering a year are counted in its notice, not named.
REPORTS_NAMED = 3


def _year_notices(searcher: Searcher, snapshot: Snapshot, request: SearchRequest, parsed: ParsedQuery,
                  notices: tuple[str, ...], years: tuple[str, ...], others: list[frozenset[int]],
                  copies: dict[int, tuple[int, bytes]], hits: frozenset[int]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`notices` with what is said of each chosen year that no passage has, or that found nothing,
    where reports of a season or a term that reach into it would be found without it: the year
    facet holds a report's first year («Årsberetning 2024/25» is 2024), so `år:2025` missed the
    reports that a period from 2025 to 2025 finds (`period_docs`), and said «findes ikke i
    søgeindekset». The facet keeps its meaning (its counts add up to the hits); the notice names
    the reports and the period that finds them. `others`: the other filters' sets and the period;
    `hits`: what the search found (a report among them, under another year chosen, is not named).
    With the notices, the years so said."""
    indexed = {year: bool(searcher.doc_frequency("year", year)) for year in years}
    unanswered = [year for year in years if not (hits and indexed[year])]
    ends = snapshot.season_ends(searcher) if unanswered else {}
    named: list[str] = []
    if not ends:
        return notices, ()
    days = snapshot.days(searcher)
    without: frozenset[int] | None = None  # what the search finds without its years, read once
    for year in unanswered:
        covering = [doc for doc, end in ends.items() if days[doc] // 10_000 < int(year) <= end]
        if not covering:
            continue
        if without is None:
            rest = replace(parsed, groups=tuple(group for group in parsed.groups if not (
                len(group) == 1 and group[0].field == "year" and not group[0].negated and is_year(group[0].text))))
            compiled = compile_query(rest, searcher, decisions_only=request.decisions_only)
            without = _without_copies(_intersect(_base_set(searcher, snapshot, compiled, request.decisions_only),
                                                 others), copies)
        reports = _reports(searcher, [doc for doc in covering if doc in without and doc not in hits])
        if not reports:
            continue
        absent = f"{FACET_LABELS['year']} «{year}» findes ikke i søgeindekset"
        notices = (*(n for n in notices if not n.startswith(absent)), year_notice(year, reports, indexed=indexed[year]))
        named.append(year)
    return notices, tuple(named)


# `år:2025` as typed in a query, to take off for the search of the year's period.
_YEAR_TYPED = r"(?<![^\s(])(?:år|aar|year):\s*{year}(?![^\s)])"


def as_period(request: SearchRequest, year: str) -> SearchRequest | None:
    """`request` with the year `year` (its only year, as a filter or typed `år:2025`) made the period
    from `year` to `year`, which finds the reports whose period reaches into it; None when the
    request has a period already.

    >>> as_period(SearchRequest(query="år:2025 høringssvar"), "2025").query
    'høringssvar'
    >>> r = as_period(SearchRequest(query="høringssvar", filters={"year": ("2025",)}, page=2), "2025")
    >>> r.filters, r.date_from, r.date_to, r.page
    ({}, '2025-01-01', '2025-12-31', 1)
    """
    if request.date_from or request.date_to:
        return None
    query = " ".join(re.sub(_YEAR_TYPED.format(year=re.escape(year)), " ", request.query, flags=re.IGNORECASE).split())
    if any(clause.field == "year" for group in parse(query, MAX_QUERY_LENGTH).groups for clause in group):
        return None  # typed in a form not taken off here: the notice says what to do
    filters = {name: values for name, values in request.filters.items() if name != "year" and values}
    return request.with_changes(query=query, filters=filters, date_from=f"{year}-01-01", date_to=f"{year}-12-31", page=1)


def _reports(searcher: Searcher, docs: list[int]) -> list[tuple[str, str, str]]:
    """The reports `docs` are passages of, once each, in order of their first year: (period, first
    year, who: «Børne- og Ungerådet, Hjørring Kommune»)."""
    reports: dict[str, tuple[str, str, str]] = {}
    for doc in docs:
        passage = stored_passage(searcher.stored_fields(doc))
        if passage.document_id not in reports and passage.period:
            who = ", ".join(part for part in (passage.council, municipality_name(passage.municipality)) if part)
            reports[passage.document_id] = (passage.period, str(passage.year), who)
    return sorted(reports.values())


def year_notice(year: str, reports: list[tuple[str, str, str]], *, indexed: bool) -> str:
    """What a search for `year` says of the reports (period, first year, who) whose period reaches
    into it, which the year facet files under their first year.

    >>> print(year_notice("2025", [("2024-2025", "2024", "Børne- og Ungerådet, Hjørring Kommune")], indexed=False))
    Ingen punkter har år 2025. Årsberetningen 2024-2025 fra Børne- og Ungerådet, Hjørring Kommune, står under år 2024; \
søg med perioden fra 2025 til 2025 i stedet for år 2025 for at få den med.
    >>> print(year_notice("2025", [("2022-2025", "2022", "Handicaprådet, Vordingborg Kommune"),
    ...                            ("2024-2025", "2024", "Børne- og Ungerådet, Hjørring Kommune")], indexed=True))
    Søgningen finder intet med år 2025. Årsberetningerne 2022-2025 fra Handicaprådet, Vordingborg Kommune, og 2024-2025 \
fra Børne- og Ungerådet, Hjørring Kommune, står under deres første år (2022 og 2024); søg med perioden fra 2025 til 2025 \
i stedet for år 2025 for at få dem med.
    """
    head = f"Søgningen finder intet med år {year}." if indexed else f"Ingen punkter har år {year}."
    how = f"søg med perioden fra {year} til {year} i stedet for år {year}"
    if len(reports) == 1:
        period, first, who = reports[0]
        return f"{head} Årsberetningen {period}{f' fra {who},' if who else ''} står under år {first}; {how} for at få den med."
    if len(reports) > REPORTS_NAMED:
        return (f"{head} {len(reports)} årsberetninger, hvis periode omfatter {year}, står under deres første år; "
                f"{how} for at få dem med.")
    named = [f"{period}{f' fra {who},' if who else ''}" for period, _, who in reports]
    firsts = list(dict.fromkeys(first for _, first, _ in reports))
    under = f"år {firsts[0]}" if len(firsts) == 1 else f"deres første år ({', '.join(firsts[:-1])} og {firsts[-1]})"
    return f"{head} Årsberetningerne {', '.join(named[:-1])} og {named[-1]} står under {under}; {how} for at få dem med."


def _iso_time(seconds: int) -> str:
    """UTC seconds as ISO 8601 to the second, «2026-12-05T02:00:33Z»."""
    return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _validate(request: SearchRequest) -> None:
    if request.sort not in SORTS:
        raise InvalidParameter("sort", SORT_MESSAGE, "invalid_sort")
    if request.page < 1:
        raise InvalidParameter("page", "Siden skal være 1 eller mere.", "invalid_page")
    if not 1 <= request.page_size <= MAX_PAGE_SIZE:
        raise InvalidParameter("page_size", f"Antal pr. side skal være mellem 1 og {MAX_PAGE_SIZE}.", "invalid_page_size")
    for name in request.filters:
        if name not in FACETS_BY_NAME:
            raise InvalidParameter(name, f"Der kan ikke filtreres på «{name}».", "unknown_facet")


def _base_set(searcher: Searcher, snapshot: Snapshot, compiled: Compiled, decisions_only: bool) -> frozenset[int]:
    """Document numbers matching the query text alone (before facet filters)."""
    if compiled.matching is not None:
        docs = snapshot.docs(searcher, compiled.matching)
    else:
        docs = snapshot.passages(searcher)
    if decisions_only:  # also when a field clause (titel:…) searched outside the decision
        docs = docs & snapshot.with_decision(searcher)
    if compiled.negative:
        excluded = Or(list(compiled.negative)) if len(compiled.negative) > 1 else compiled.negative[0]
        docs = docs - snapshot.docs(searcher, excluded)
    return docs


def _without_copies(docs: frozenset[int], copies: dict[int, tuple[int, bytes]]) -> frozenset[int]:
    """`docs` with, of each agenda item found in several files, only the passages of the
    best-ranked source among those in `docs` (`Snapshot.copies`): one hit, counted once."""
    if not copies:
        return docs
    found = copies.keys() & docs
    if not found:
        return docs
    best: dict[int, bytes] = {}
    for d in found:
        group, rank = copies[d]
        if group not in best or rank < best[group]:
            best[group] = rank
    dropped = {d for d in found if copies[d][1] != best[copies[d][0]]}
    return docs - dropped if dropped else docs


def _intersect(first: frozenset[int], others: Iterable[frozenset[int]]) -> frozenset[int]:
    result = first
    for docs in sorted(others, key=len):
        result = result & docs
    return result


def _by_score(
    searcher: Searcher, snapshot: Snapshot, compiled: Compiled, hits: frozenset[int], restricted: bool, limit: int,
    ordered: np.ndarray | None = None,
) -> list[tuple[int, float]]:
    """The top `limit` (docnum, score) pairs among `hits` (`ordered`: the same, as an ascending
    array, when the caller has one); `restricted`: filters removed some matches.

    Routine items rank below substantive ones unless the query asks for them (`search.ranking`).
    """
    assert compiled.scored is not None
    if limit < 1 or not hits:
        return []
    query = compiled.scored
    if compiled.negative:
        query = And([query, *(Not(q) for q in compiled.negative)])
    factor = 1.0 if ranking.asks_for_routine(compiled.terms) else ranking.ROUTINE_FACTOR
    return ranking.top_scored(searcher, snapshot, query, hits, restricted, limit, factor, ordered)


__all__ = ["CASE_NUMBER_BOOST", "NOTHING_TO_SEARCH", "NO_WORDS", "Compiled", "compile_query", "period_docs", "query_marker",
           "run_search", "year_dated"]
