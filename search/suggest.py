"""When nothing matches: "Mente du …?" for typos in the query, close spellings for typos in the sources.

Only called when a query found no passage, so none of this costs anything on a query that
matches. Each searchable word of the query (five letters or more) is looked up in the
index vocabulary for terms within a small edit distance (one edit up to seven letters, two
beyond), via Whoosh's automaton per segment, sharing the first letter: bounded work, not a
scan of the vocabulary. A word whose own term is missing from the index is a typo in the
query: its closest spelling becomes the suggestion. Every word also gets its close
spellings as weaker OR alternatives, which finds passages where the *source* is misspelt
("pavillioner", "Integrationenrådet"); those hits are labelled approximate.

Index terms are stems, so a close term is turned back into a word a user can read by
scanning one passage that has it for the word closest to what the user typed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

from whoosh.query import Term
from whoosh.searching import Searcher
from whoosh.support.levenshtein import damerau_levenshtein
from whoosh.util.text import rcompile

from search import danish
from search.analysis import DanishAnalyzer, analyze, word_terms
from search.syntax import Clause, ParsedQuery

MIN_LENGTH = 5  # shorter words are not corrected
MAX_CANDIDATES = 6  # close index terms looked at per word
MAX_ALTERNATIVES = 3  # close spellings searched per word
MAX_WORDS = 8  # words of one query looked up
FUZZY_BOOST = 0.5  # a close spelling scores this much of the word typed
_TRIM = (1, 2, 3, 4)  # a typo in the ending can hide the stem: "repatrierng" → "repatrie" → "repatri"
_SCAN = 20_000
_TOKEN_RE = rcompile(danish.TOKEN_PATTERN)
_ANALYZER = DanishAnalyzer()


@dataclass(frozen=True)
class Correction:
    """A close index term for a word of the query, with a readable spelling of it."""

    word: str  # as the user typed it
    term: str  # the index term
    spelling: str  # a word from the documents that analyses to `term`
    distance: int


@dataclass(frozen=True)
class Fallback:
    """The query rewritten with close spellings, and what to tell the user."""

    parsed: ParsedQuery
    suggestion: str | None  # the query with its misspelt words corrected
    corrections: tuple[Correction, ...]


def max_distance(term: str) -> int:
    return 1 if len(term) <= 7 else 2


def close_terms(searcher: Searcher, word: str, field: str = "body") -> list[str]:
    """Index terms close to a word, best first: within its edit limit of the word's stem, or one
    edit from the stem of the word with up to four letters cut off its end (a typo in an
    ending hides the stem from Snowball: "kommunalbestyrelsne" → "kommunalbestyr")."""
    folded = danish.fold(word)
    terms = analyze(_ANALYZER, word)
    if len(terms) != 1 or len(folded) < MIN_LENGTH or not folded.isalpha():
        return []
    own = terms[0]
    # The word's own stem and the word as typed first (a typo can cut the stem short:
    # "flygtnige" stems to "flygtn", three edits from "flygtning" but two from the word);
    # cut endings only if those find nothing.
    rounds = [{own: max_distance(own), folded: max_distance(folded)}]
    rounds.append({danish.stem(folded[:-cut]): 1 for cut in _TRIM if len(folded) - cut >= MIN_LENGTH})
    found: dict[str, int] = {}
    leaves = [leaf for leaf, _offset in searcher.reader().leaf_readers()]
    for probes in rounds:
        for probe, limit in probes.items():
            for leaf in leaves:
                for term in leaf.terms_within(field, probe, limit, prefix=1):
                    found[term] = min(found.get(term, 9), _distance(probe, term))
        found.pop(own, None)
        if found:
            break
    ranked = sorted(found, key=lambda term: (found[term], -searcher.doc_frequency(field, term)))
    return ranked[:MAX_CANDIDATES]


def spelling_distance(typed: str, spelt: str) -> int:
    """Edit distance of two folded words where a different ending of up to four letters on
    either side counts as one edit, as inflections differ there ("boligplaseringer" is two
    edits from "boligplacering": the typo and the ending).

    >>> spelling_distance("boligplaseringer", "boligplacering"), spelling_distance("pavilloner", "pavillonboliger")
    (2, 4)
    """
    best = _distance(typed, spelt)
    for k in range(len(_TRIM) + 1):
        for j in range(len(_TRIM) + 1):
            if (k or j) and len(typed) - k >= MIN_LENGTH and len(spelt) - j >= MIN_LENGTH:
                best = min(best, 1 + _distance(typed[: len(typed) - k], spelt[: len(spelt) - j]))
    return best


def _distance(a: str, b: str) -> int:
    return damerau_levenshtein(a, b)


def spelling(searcher: Searcher, term: str, typed: str, field: str = "body") -> str | None:
    """A word of a passage having `term` whose own stem is `term`, the closest to `typed`."""
    docs = searcher.docs_for_query(Term(field, term))
    docnum = next(iter(docs), None)
    if docnum is None:
        return None
    stored = searcher.stored_fields(docnum).get("record")
    record = json.loads(stored) if stored else {}
    text = f"{record.get('title') or ''}\n{record.get('text') or ''}"[:_SCAN]
    typed_folded = danish.fold(typed)
    best: tuple[int, str] | None = None
    for match in _TOKEN_RE.finditer(text):
        word = match.group(0)
        if term in word_terms(word) and analyze(_ANALYZER, word) == [term]:
            candidate = (_distance(typed_folded, danish.fold(word)), word.lower())
            best = candidate if best is None or candidate < best else best
    return best[1] if best else None


def corrections(searcher: Searcher, word: str, field: str = "body") -> list[Correction]:
    """Readable close spellings of a word, closest to what was typed first, within its edit limit.

    Stems hide how far two words are ("boligplas" is as close to "boligplan" as to
    "boligplac"), so candidates are ranked by the distance of their spelling to `word`.
    """
    typed = danish.fold(word)
    found = []
    for term in close_terms(searcher, word, field):
        spelt = spelling(searcher, term, word, field)
        if spelt:
            distance = spelling_distance(typed, danish.fold(spelt))
            if distance <= max_distance(typed):
                found.append(Correction(word, term, spelt, distance))
    if not found:
        return []
    closest = min(c.distance for c in found)  # only the closest: "boligplacering", not also "boligplanen"
    # Ties (a different ending counts as one edit) go to the spelling nearest letter by letter:
    # "flygtnige" is "flygtninge" with one letter missing, "flygtet" with an ending changed.
    best = sorted((c for c in found if c.distance == closest), key=lambda c: _distance(typed, danish.fold(c.spelling)))
    return best[:MAX_ALTERNATIVES]


def fallback(searcher: Searcher, parsed: ParsedQuery, query: str, field: str = "body") -> Fallback | None:
    """`parsed` with close spellings ORed into its word groups; None when there is nothing to try."""
    found: list[Correction] = []
    groups: list[tuple[Clause, ...]] = []
    looked_up = 0
    for group in parsed.groups:
        added: list[Clause] = []
        for clause in group:
            if clause.field is not None or clause.negated or clause.phrase or clause.boost < 1 or looked_up >= MAX_WORDS:
                continue
            looked_up += 1
            for correction in corrections(searcher, clause.text, field):
                found.append(correction)
                added.append(Clause(correction.spelling, None, False, False, clause.boost * FUZZY_BOOST))
        groups.append(tuple(group) + tuple(added))
    if not found:
        return None
    missing = {c.word for c in found if not searcher.doc_frequency(field, analyze(_ANALYZER, c.word)[0])}
    suggestion = query
    for word in missing:
        best = next(c for c in found if c.word == word)  # corrections are best first per word
        suggestion = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", best.spelling, suggestion, count=1)
    return Fallback(replace(parsed, groups=tuple(groups)), suggestion if missing else None, tuple(found))


def notice(corrections: tuple[Correction, ...]) -> str:
    """Which spellings were searched for which words (the CLI and the web page already say that
    the results are approximate; this says how)."""
    pairs = {}
    for c in corrections:
        pairs.setdefault(c.word, []).append(c.spelling)
    read = "; ".join(f"«{word}» også som {', '.join(f'«{s}»' for s in spellings)}" for word, spellings in pairs.items())
    return f"Der er søgt på lignende stavemåder: {read}."
