"""The examples of the help page "Sådan søger du", taken from the index the site searches.

Fixed examples naming a municipality, a case handler or a meeting date advertise dead searches
on any deployment but the seeds'. So `examples(index)` asks the search API for the facet counts
of all passages and for one meeting's items, and picks values from the answer: the most common
municipality, council, year, case handler, topic and document type, one item's meeting date,
item number, case number, title words, decision word and attendance list. The words of the
language examples (phrases, OR, exclusion, misspellings) come from the same item's title; the
few fixed ones (a compound, synonyms) are shown only when the index finds them.

`SEED_EXAMPLES` (the shipped seeds' values) is the answer while there is no index to ask (the
page answers while the first one is built) or it holds nothing; those of them that stand alone
are also kept wherever the index answers them (`_CURATED`). The choice is kept per index
generation: choosing runs some 60 small searches (the benchmark corpus: 80 ms, 0.3 s right
after opening the index), too much for every request; a cached page costs one generation look-up (`SearchIndex.stats`,
no search: ~0.3 ms). The choice is kept with the index object it was made from (weakly), read
and written under a lock.
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from search.api import Hit, SearchError, SearchRequest

from .formatting import MONTH_NAMES, long_date

if TYPE_CHECKING:
    from search import SearchIndex

WEEKDAYS = ("Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag")
# Title words too common in minutes to show what a search is about.
BOILERPLATE = frozenset("""godkendelse dagsorden dagsordenen eventuelt meddelelser orientering beslutning beslutninger
    status drøftelse punkt punkter lukket forslag sager sagen referat opfølgning""".split())
ASCII_FORMS = (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("Æ", "Ae"), ("Ø", "Oe"), ("Å", "Aa"))


@dataclass(frozen=True)
class DateForms:
    """One meeting date written the ways the help shows: 21.05.2015, 21. maj 2015 …"""

    dotted: str
    long: str
    iso: str
    short: str
    slashed: str
    month: str
    days: str
    date_line: str
    day_of_year: str = ""  # the day and month without the year: that day's meetings of every year


def date_forms(iso: str) -> DateForms:
    d = date.fromisoformat(iso)
    other = d + timedelta(days=1)
    first, second = (d, other) if other.month == d.month else (d - timedelta(days=1), d)
    month = f"{MONTH_NAMES[d.month - 1]} {d.year}"
    return DateForms(
        dotted=f"{d.day:02d}.{d.month:02d}.{d.year}",
        long=long_date(iso),
        iso=iso,
        short=f"{d.day}.{d.month}.{d.year % 100:02d}",
        slashed=f"{d.day}/{d.month}-{d.year % 100:02d}",
        month=month,
        days=f"{first.day}.-{second.day}. {month}",
        date_line=f"Mødedato: {WEEKDAYS[d.weekday()]} d. {d.day:02d}. {month} kl. 16:30",
        day_of_year=f"{d.day}. {MONTH_NAMES[d.month - 1]}",
    )


@dataclass(frozen=True)
class HelpExamples:
    """Every value the help page's examples use; each query finds something in the index it
    was chosen from. An empty string or tuple: the example is left out."""

    words: str = "flygtninge boligplacering"
    word: str = "flygtninge"  # one word of many items: the filter, sort and API examples
    ascii_forms: tuple[str, ...] = ("Naestved", "raadet")
    compound_part: str = "placering"  # finds "boligplacering"; fixed, shown when it finds something
    truncated: str = "flygt*"  # every word beginning so: flygtninge, flygtningebaggrund, flygtet
    synonym: str = "formand"  # finds "forperson"
    abbreviation: str = "CAM"  # finds "Center for Arbejdsmarked"
    name_word: str = "flygtninge Næstved"
    phrases: tuple[str, ...] = ('"negativ social kontrol"', '"foreningernes dag"')
    either: tuple[str, ...] = ("sprogcenter OR sprogskole", "sprogcenter ELLER bibliotek")
    without: tuple[str, ...] = ("flygtninge -bolig", "flygtninge IKKE bolig")
    without_municipality: str = "integrationsrådet -Næstved"
    other_municipality: str = "Næstved"
    municipality: str = "kommune:Roskilde"
    council: str = "råd:Integrationsrådet"
    year: str = "år:2017"
    case_handler: str = 'sagsbehandler:"Mette Jung Christensen"'
    topic: str = 'emne:"negativ social kontrol"'
    doc_type: str = "type:årsberetning"
    outcome: str = "udfald:udsat"
    title: str = "titel:flygtninge"
    decision: str = "beslutning:godkendt"
    case_field: str = "sagsnr:00.01.00-A21-1-14"
    present: str = 'deltager:"Mette Boye"'
    absent: str = 'fraværende:"Gunver Nielsen"'
    year_word: str = "år:2019 flygtninge"
    municipality_topic: str = "kommune:Roskilde emne:sprog"
    dates: DateForms | None = field(default_factory=lambda: date_forms("2015-05-21"))
    item: str = "punkt 15"
    case_number: str = "00.01.00-A21-1-14"
    case_prefix: str = "00.01.00"
    misspellings: tuple[str, ...] = ("flygtnige", "boligplasering")
    question: str = "hvad kritiserede integrationsrådet om sprogcenter"  # no decision word nor «sagde»: not searched
    decision_word: str = "flygtninge"  # with "Kun beslutninger"
    filter_municipality: str = "Næstved"
    filter_year: str = "2017"
    period_word: str = "integrationsrådet"
    period_from: str = "maj 2015"
    period_to: str = "2017"


SEED_EXAMPLES = HelpExamples()

# Per open index, the commit its examples were chosen for and the examples. Weak keys: an index
# that is gone takes its entry with it, so a later index (even one Python gives the same id())
# is never handed another index's examples.
_chosen: weakref.WeakKeyDictionary[SearchIndex, tuple[tuple[object, ...], HelpExamples]] = weakref.WeakKeyDictionary()
_chosen_lock = threading.Lock()


def help_examples(get_index) -> HelpExamples:
    """The examples for the index `get_index()` opens, chosen once per commit of that index;
    `SEED_EXAMPLES` while there is no index to ask (`IndexMissing`) or it holds no passage."""
    try:
        index = get_index()
        stats = index.stats()
    except SearchError:
        return SEED_EXAMPLES
    # The commit as the index tells them apart (generation and its table of contents' file: an
    # index folder emptied and built again, or swapped in, may repeat a generation number).
    commit = stats["commit"]
    with _chosen_lock:
        kept = _chosen.get(index)
    if kept is not None and kept[0] == commit:
        return kept[1]
    try:
        chosen = choose_examples(index)  # not under the lock: some 60 searches
    except SearchError:  # a reindex in the way: the next request asks again
        return SEED_EXAMPLES
    with _chosen_lock:
        _chosen[index] = (commit, chosen)
    return chosen


def _ascii(text: str) -> str:
    for letter, form in ASCII_FORMS:
        text = text.replace(letter, form)
    return text


def _quoted(value: str) -> str:
    return f'"{value}"' if re.search(r"\s", value) else value


def _content_words(text: str, shortest: int = 5) -> list[str]:
    """The words of `text` a search is about: letters only, not too short, not boilerplate; in order, once."""
    seen: list[str] = []
    for word in re.findall(r"[^\W\d_]+", text.lower()):
        if len(word) >= shortest and word not in BOILERPLATE and word not in seen:
            seen.append(word)
    return seen


def _phrase(title: str) -> str:
    """The title's first run of two to four words without punctuation or digits between them."""
    for run in re.split(r"[^\w\s]|\d", title):
        words = run.split()[:4]
        while words and len(words[-1]) <= 2:  # not "… af flygtninge i"
            words.pop()
        if len(words) >= 2 and any(len(w) >= 5 and w.lower() not in BOILERPLATE for w in words):
            return f'"{" ".join(words).lower()}"'
    return ""


def _typo(word: str) -> str:
    """`word` with one letter left out, after its first four (flygtninge → flygtnige)."""
    position = max(4, len(word) - 3)
    return word[:position] + word[position + 1:]


def choose_examples(index: SearchIndex) -> HelpExamples:
    """Pick every example from `index` (see the module docstring); seeds' values if it is empty."""

    def search(query: str = "", **settings) -> tuple[int, bool, tuple[Hit, ...]]:
        response = index.search(SearchRequest(query=query, **settings))
        return response.total, response.approximate, response.hits

    def finds(query: str, approximate: bool = False, **settings) -> bool:
        total, fuzzy, _ = search(query, page_size=1, **settings)
        return total > 0 and (approximate or not fuzzy)

    def first(candidates, approximate: bool = False, **settings) -> str:
        return next((q for q in candidates if q and finds(q, approximate, **settings)), "")

    everything = index.search(SearchRequest(page_size=1))
    if not everything.total:
        return SEED_EXAMPLES
    top = {name: [v.value for v in values] for name, values in everything.facets.items()}
    municipalities = top.get("municipality", [])

    # One item to take the related values from: the newest of the most common municipality's
    # items that have the most of what the examples show.
    filters = {"municipality": (municipalities[0],)} if municipalities else {}
    _, _, hits = search(filters=filters, sort="newest", page_size=50)

    def completeness(hit: Hit) -> int:
        return (sum(bool(v) for v in (hit.meeting_date, hit.item_number, hit.case_number, hit.case_handler,
                                      hit.topics, hit.decision))
                + 2 * (len(_content_words(hit.title)) >= 2))

    ref = max(hits, key=completeness)  # max keeps the first (newest) of equals
    title_words = _content_words(ref.title)
    # other agenda items' titles (an annual report's "Forord" says little)
    items = [h for h in hits if h.id != ref.id and h.item_number] or [h for h in hits if h.id != ref.id]
    other_words = [w for h in items for w in _content_words(h.title) if w not in title_words]
    words = title_words + other_words
    word = words[0] if words else ""
    second = words[1] if len(words) > 1 else ""
    other = next((w for w in other_words if w != word), "")

    chosen = {}
    chosen["words"] = first([f"{word} {second}", word])
    chosen["word"] = word
    council = (ref.council or (top.get("council") or [""])[0])
    names = [*municipalities, *top.get("council", []), *(w for v in top.get("topic", []) for w in v.split()), *words]
    ascii_forms = [_ascii(n) for n in dict.fromkeys(names) if n and _ascii(n) != n and " " not in n]
    chosen["ascii_forms"] = tuple(q for q in ascii_forms[:6] if finds(q))[:2]
    for name, target in (("compound_part", "boligplacering"), ("synonym", "forperson"),
                         ("abbreviation", '"Center for Arbejdsmarked"')):
        value = getattr(SEED_EXAMPLES, name)  # the page says what it also finds: show it only if both find something
        chosen[name] = value if finds(value) and finds(target) else ""
    # the first letters of the word the page searches first, truncated: more than the word finds
    chosen["truncated"] = first([f"{word[:5]}*"] if len(word) >= 7 else [])
    municipality = ref.municipality or ""
    chosen["name_word"] = first([f"{word} {municipality}" if municipality else ""])
    topic_phrases = [f'"{t}"' for t in top.get("topic", []) if " " in t]
    phrases = [_phrase(ref.title), *(_phrase(h.title) for h in hits), *topic_phrases]
    found_phrases: list[str] = []
    for phrase in dict.fromkeys(p for p in phrases if p):
        if len(found_phrases) == 2:
            break
        if finds(phrase):
            found_phrases.append(phrase)
    chosen["phrases"] = tuple(found_phrases)
    chosen["either"] = (f"{word} OR {other}", f"{other} ELLER {second}") if word and other and second else ()
    excluded = next((w for w in [*other_words, *words[2:]] if w != word and finds(f"{word} -{w}")), "")
    chosen["without"] = (f"{word} -{excluded}", f"{word} IKKE {excluded}") if excluded else ()
    council_word = council.lower() if council and " " not in council else word
    others = [m for m in municipalities if m != municipality]
    exclusion = next((m for m in others[:5] if finds(f"{council_word} -{m}")), "")
    chosen["without_municipality"] = f"{council_word} -{exclusion}" if exclusion else ""
    chosen["other_municipality"] = exclusion

    def field_example(name: str, facet: str, preferred: str | None = None) -> str:
        values = ([preferred] if preferred else []) + top.get(facet, [])
        return first(f"{name}:{_quoted(v)}" for v in values[:5])

    chosen["municipality"] = field_example("kommune", "municipality")
    chosen["council"] = field_example("råd", "council")
    chosen["year"] = field_example("år", "year")
    chosen["case_handler"] = field_example("sagsbehandler", "case_handler")
    chosen["topic"] = field_example("emne", "topic")
    chosen["doc_type"] = field_example("type", "doc_type")
    chosen["outcome"] = field_example("udfald", "outcome")
    chosen["title"] = first(f"titel:{w}" for w in title_words[:3] or words[:3])
    decision_words = [w for h in [ref, *hits] for w in _content_words(h.decision, 6)][:5]
    chosen["decision"] = first(f"beslutning:{w}" for w in ["godkendt", *decision_words])
    case_numbers = [h.case_number for h in [ref, *hits] if h.case_number]
    case_number = case_numbers[0] if case_numbers else ""
    chosen["decision_word"] = first([word, *decision_words, "godkendt"], decisions_only=True)
    chosen["case_field"] = f"sagsnr:{case_number}" if case_number else ""
    chosen["case_number"] = case_number
    chosen["case_prefix"] = first(_case_prefixes(case_number))
    present, absent = _attendance(index, [ref, *hits])
    chosen["present"] = f'deltager:"{present}"' if present else ""
    chosen["absent"] = f'fraværende:"{absent}"' if absent else ""
    chosen["year_word"] = first([f"år:{ref.year} {word}"] if ref.year and word else [])
    ref_topic = ref.topics[0] if ref.topics else ""
    chosen["municipality_topic"] = first([f"kommune:{_quoted(municipality)} emne:{_quoted(ref_topic)}"]
                                         if municipality and ref_topic else [])
    dated = next((h for h in [ref, *hits] if h.meeting_date and h.item_number), None)
    if dated is not None:
        chosen["dates"] = date_forms(dated.meeting_date)
        chosen["item"] = f"punkt {dated.printed_number}"
    else:  # no meeting with numbered items: the seeds' dates would find nothing here
        chosen["dates"], chosen["item"] = None, ""
    def corrected(typo: str, word: str) -> bool:  # "Mente du <word>?" and hits for it
        response = index.search(SearchRequest(query=typo, page_size=1))
        return response.total > 0 and response.approximate and response.suggestion == word

    typos = {_typo(w): w for w in words[:8] if len(w) >= 8}
    chosen["misspellings"] = tuple(t for t, w in typos.items() if t not in words and corrected(t, w))[:2]
    chosen["question"] = first([f"hvad kritiserede {council_word} om {other or second}"], approximate=True)
    chosen["filter_municipality"] = municipality if ref.year and finds(
        word, filters={"municipality": (municipality,), "year": (str(ref.year),)}) else ""
    chosen["filter_year"] = str(ref.year or "")
    chosen["period_word"] = council_word
    if ref.meeting_date:
        chosen["period_from"], chosen["period_to"] = date_forms(ref.meeting_date).month, str(int(ref.meeting_date[:4]) + 2)
    else:
        chosen["period_from"] = chosen["period_to"] = str(ref.year or "")
    # The hand-picked examples where this index answers them (the shipped seeds, or an archive
    # that includes them): they show more than values picked by frequency ("flygtninge
    # boligplacering" rather than two words of the newest item's title).
    for name in _CURATED:
        value = getattr(SEED_EXAMPLES, name)
        if all(finds(query) for query in (value if isinstance(value, tuple) else (value,))):
            chosen[name] = value
    return replace(SEED_EXAMPLES, **chosen)


# Examples that stand alone (no other example names their values), tried as written first.
_CURATED = ("words", "truncated", "name_word", "phrases", "either", "without", "municipality", "council", "year", "case_handler",
            "topic", "doc_type", "outcome", "title", "decision", "present", "absent", "year_word", "municipality_topic")


def _case_prefixes(case_number: str) -> list[str]:
    """The first part of a case number that names a group of cases: the KLE number of
    00.01.00-A21-1-14, the 588-2021 of 588-2021-2231."""
    if not case_number:
        return []
    head = case_number.split("-", 1)[0]
    candidates = [head] if "." in head else []
    if case_number.count("-") >= 2:
        candidates.append(case_number.rsplit("-", 1)[0])
    return candidates


def _attendance(index: SearchIndex, hits: list[Hit]) -> tuple[str, str]:
    """A name from a meeting's 'Til stede' and one from a meeting's 'Fraværende' list."""
    present = absent = ""
    seen: set[str] = set()
    for hit in hits:
        if hit.document_id in seen:
            continue
        seen.add(hit.document_id)
        passage = index.passage(hit.id)
        if passage is None:
            continue
        present = present or next(iter(passage.present), "")
        absent = absent or next(iter(passage.absent), "")
        if present and absent:
            break
    return present, absent
