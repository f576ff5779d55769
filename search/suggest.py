"""When nothing matches: "Mente du …?" for typos in the query, close spellings for typos in the sources.

Only called when a query found no passage, so none of this costs anything on a query that
matches. Each searchable word of the query (five letters or more) is looked up in the
index vocabulary for terms within a small edit distance (one edit up to seven letters, two
beyond), via Whoosh's Levenshtein automaton walked over the field's terms that share the
word's first letter (a sorted list kept per generation): bounded work, not a scan of the
vocabulary. Two typos the automaton counts as two edits are one here, looked up
as whole variants of the word: neighbouring letters swapped ("socail") and æ/ø/å typed as
a/o ("radet"); the latter also corrects four-letter words ("born" → "børn"). A word whose
own term is missing from the index is a typo in the query: its closest spelling becomes the
suggestion, capitalised as the user typed the word. Every word also gets its close
spellings as weaker OR alternatives, which finds passages where the *source* is misspelt
("pavillioner", "Integrationenrådet"); those hits are labelled approximate.

Index terms are stems, so a close term is turned back into a word a user can read: the
variant that found it, or the word closest to what the user typed in the first passages
that have it (a bounded number: the first may hold the term only inside compounds).

A word no passage has but longer words do ("garanti" in «kommunegaranti», "fokusgruppe" in
«fokusgruppeinterview») is searched as those words (`inside_compounds`, tried before the query
compiles, so before a compound is split into parts found anywhere), unless it is one letter
from a word in many more passages: "flytninge" is a typo of flygtninge, not «indflytning».

A word's corrections are kept with the generation's snapshot, so the same misspelt query
asked again (its next page, a facet) costs a few milliseconds; a commit starts afresh.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from collections.abc import Iterable
from functools import lru_cache

from whoosh.automata.fsa import DFA
from whoosh.automata.lev import levenshtein_automaton
from whoosh.query import Term
from whoosh.searching import Searcher
from whoosh.support.levenshtein import damerau_levenshtein
from whoosh.util.text import rcompile

from search import danish
from search.analysis import DanishAnalyzer, analyze, compound_lexicon
from search.decompound import LINKS, MIN_HEAD, MIN_TAIL, Lexicon
from search.facets import FACETS_BY_NAME, loose_key
from search.snapshot import Snapshot
from search.syntax import Clause, ParsedQuery

MIN_LENGTH = 5  # shorter words are not corrected, except for a missing æ/ø/å:
MIN_SHORT_LENGTH = 4  # "born" → "børn"
MAX_CANDIDATES = 6  # close index terms looked at per word
MAX_ALTERNATIVES = 3  # close spellings searched per word
MAX_WORDS = 8  # words of one query looked up
# Longer words are not looked up: Whoosh builds a Levenshtein automaton per segment whose size
# grows with the word, and one made-up word of 500 letters kept a worker busy for 0.5-2 s on
# a 10k index (the longest Danish compounds in the indexes have about 30 letters).
MAX_LETTERS = 40
FUZZY_BOOST = 0.5  # a close spelling scores this much of the word typed
_TRIM = (1, 2, 3, 4)  # a typo in the ending can hide the stem: "repatrierng" → "repatrie" → "repatri"
_SCAN = 20_000
_PASSAGES = 16  # passages read per term for a readable spelling of it, at most (the closest: the budget)
_PASSAGE_BUDGET = 32  # … and for all close terms of one word
_MAX_VARIANT_LETTERS = 30  # letters of a word whose neighbours are swapped as variants
_MAX_FOLD_LETTERS = 4  # a/o of a word tried as æ/å/ø
_CLEARLY_FARTHER = 2  # a tie this many letter edits farther than the nearest spelling is dropped
_UNFOLDED = {"a": "æå", "o": "ø"}  # what a foreign keyboard types for æ, å and ø
MAX_COMPOUNDS = 6  # compounds searched for a word the index has only inside compounds
MIN_LONG_HEAD = 5  # a word typed this long is a compound's head whatever follows it ("færge" in «færgeruten») …
MIN_STEM_REST = 3  # … if at least this much follows (a stem: "rut" of "ruten")
# A word one letter from a word in this many times as many passages as its compounds together
# is a typo of that word, not a part of them: "flytninge" (flygtninge missing its g, 37
# passages) is not «indflytning» (5).
TYPO_OVER_COMPOUNDS = 5
_COMPOUND_SCAN = 500  # index terms read per part looked for, at most
_TOKEN_RE = rcompile(danish.TOKEN_PATTERN)
_ANALYZER = DanishAnalyzer()


@dataclass(frozen=True)
class Correction:
    """A close index term for a word of the query, with a readable spelling of it."""

    word: str  # as the user typed it
    term: str  # the index term
    spelling: str  # a word from the documents that analyses to `term`
    distance: int
    compound: bool = False  # `term` is a compound with `word` as a part, not a close spelling


@dataclass(frozen=True)
class Fallback:
    """The query rewritten with close spellings, and what to tell the user."""

    parsed: ParsedQuery
    suggestion: str | None  # the query with its misspelt words corrected
    corrections: tuple[Correction, ...]
    # The query with close spellings of its misspelt words only (words not in the index): the
    # spellings of words the index has are alternatives for typos in the sources, which a query
    # that still finds nothing does better without (`search.partial`).
    corrected: ParsedQuery | None = None

    @property
    def typos(self) -> tuple[Correction, ...]:
        """The corrections of the query's misspelt words."""
        words = {clause.text for group in (self.corrected or self.parsed).groups for clause in group if clause.boost < 1}
        return tuple(c for c in self.corrections if c.spelling in words)


def max_distance(term: str) -> int:
    return 1 if len(term) <= 7 else 2


def _close_terms(searcher: Searcher, word: str, field: str = "body",
                 snapshot: Snapshot | None = None) -> tuple[list[str], dict[str, str], frozenset[str]]:
    """Index terms close to a word, best first: within its edit limit of the word's stem, or one
    edit from the stem of the word with up to four letters cut off its end (a typo in an
    ending hides the stem from Snowball: "kommunalbestyrelsne" → "kommunalbestyr"); and the
    variant of `word` each term found as a variant was found by (a readable spelling of it
    for free: "bolig" for "bol", typed "bolgi").

    Two kinds of typo the automaton misses count as one edit too: two neighbouring letters
    swapped ("socail" → "social", two edits to Whoosh) and æ/ø/å typed as a/o on a foreign
    keyboard ("radet" → "rådet", also two edits once folded: "raadet"). Those are looked up
    as whole variants of the word (`_variant_terms`), which is also how a four-letter word
    is corrected ("born" → "børn"), and only then, when its own term is not in the index.

    The third value: the terms found only with an ending cut off, whose spelling must still be
    close to the whole word typed (`corrections`).
    """
    folded = danish.fold(word)
    if len(folded) > MAX_LETTERS or not folded.isalpha():
        return [], {}, frozenset()
    terms = analyze(_ANALYZER, word)
    if len(terms) != 1:
        return [], {}, frozenset()
    own = terms[0]
    # Names are short ("Tony" for «Tonny»): on the attendance lists four letters are corrected too.
    if len(folded) < (MIN_SHORT_LENGTH if field in _ATTENDANCE_FIELDS else MIN_LENGTH):
        if len(folded) < MIN_SHORT_LENGTH or searcher.doc_frequency(field, own):
            return [], {}, frozenset()
        variants = _variant_terms(searcher, word, own, field, transpose=False)
        ranked = sorted(variants, key=lambda term: -searcher.doc_frequency(field, term))[:MAX_CANDIDATES]
        return ranked, variants, frozenset()
    # The word's own stem and the word as typed first (a typo can cut the stem short:
    # "flygtnige" stems to "flygtn", three edits from "flygtning" but two from the word);
    # cut endings only if those find nothing.
    rounds = [{own: max_distance(own), folded: max_distance(folded)}]
    rounds.append({danish.stem(folded[:-cut]): 1 for cut in _TRIM if len(folded) - cut >= MIN_LENGTH})
    variants = _variant_terms(searcher, word, own, field)
    found: dict[str, int] = dict.fromkeys(variants, 1)
    trimmed: frozenset[str] = frozenset()
    for at, probes in enumerate(rounds):
        for probe, limit in probes.items():
            for term in _terms_within(_vocabulary(searcher, field, probe[0], snapshot), probe, limit):
                found[term] = min(found.get(term, 9), _distance(probe, term))
        found.pop(own, None)
        if found:
            trimmed = frozenset(found) - set(variants) if at else frozenset()
            break
    ranked = sorted(found, key=lambda term: (found[term], -searcher.doc_frequency(field, term)))
    return ranked[:MAX_CANDIDATES], variants, trimmed


def compound_terms(searcher: Searcher, word: str, field: str = "body", snapshot: Snapshot | None = None) -> list[str]:
    """Index terms of compounds that `word` is the last part of ("garanti" → "kommunegaranti"),
    or the first part of when the rest is a word the lexicon knows or the index has
    ("fokusgruppe" → "fokusgruppeinterview": the shipped lexicon holds no "interview", which
    the seeds write once, as «Interviewet»); most passages first, at most `MAX_COMPOUNDS`.
    Only for a word whose own term is in no passage: the index splits a compound only into
    parts its lexicon knows, and a part used nowhere alone is not known.

    Danish compounds are right-headed, so the last part says what the compound is (a
    "sommerlejr" is a "lejr"); the tails are found by a range of the field's terms spelt
    backwards, sorted (`_reversed_vocabulary`), the heads by a range of `_vocabulary`. A
    suffix the lexicon never splits off ("tion", "ning") is not looked for.
    """
    folded = danish.fold(word)
    lexicon = compound_lexicon(searcher.schema)
    if len(folded) > MAX_LETTERS or not lexicon.may_be_part(folded):
        return []
    terms = analyze(_ANALYZER, word)
    if len(terms) != 1 or searcher.doc_frequency(field, terms[0]):
        return []
    # The stem, and the word ("dialogkorps" keeps the "s" that "korp" lost); not a stem too
    # short to be a part: "radet" (a typo of "rådet") stems to "rad", the end of "aktiveringsgrad".
    probes = {probe for probe in (terms[0], folded) if len(probe) >= MIN_TAIL}
    found: set[str] = set()
    for probe in probes:
        for term in _starting(_reversed_vocabulary(searcher, field, probe[-1], snapshot), probe[::-1]):
            head = term[::-1][: -len(probe)]
            bare = head[:-1] if head.endswith(("-", *LINKS)) and len(head) > MIN_HEAD else head
            # What stands before the word must be a word itself, as a head's rest must be below:
            # "mente" is no part of «arrangement» («arrange»), nor "vind" of «forkvinde» («fork»).
            if sum(letter.isalpha() for letter in bare) >= MIN_HEAD and _known_head(lexicon, head, bare):
                found.add(term[::-1])
    forwards = _vocabulary(searcher, field, folded[0], snapshot)
    for probe in probes:
        for term in _starting(forwards, probe):
            rest = term[len(probe):]
            rests = [rest, *(rest[1:] for link in LINKS if rest.startswith(link))]
            if any(len(part) >= MIN_TAIL and (lexicon.knows(part) or _indexed_word(searcher, lexicon, part, field))
                   for part in rests):
                found.add(term)
            elif probe == folded and len(probe) >= MIN_LONG_HEAD and any(len(part) >= MIN_STEM_REST for part in rests):
                # A long word as typed needs no known rest: index terms are stems, and «færgeruten»
                # is «færgerut», whose «rut» is too short to be known; «færge» was corrected to
                # «færre». Not its stem: "flygtnige" stems to «flygtn», the start of «flygtning».
                found.add(term)
    return sorted(found, key=lambda term: (-searcher.doc_frequency(field, term), term))[:MAX_COMPOUNDS]


def _known_head(lexicon: Lexicon, head: str, bare: str) -> bool:
    """Whether `head` (folded, with or without its linking letter: `bare`) is a word that may
    begin a compound, as the index splits compounds: one the lexicon knows («kommune»), a small
    word that is a prefix of its own («ind» of «indflytning»), a compound of known words, or
    one ending in a known word («kunstgræs»); for a hyphenated head, its last word
    («vm-kvinde»). Not a word's first letters: «arrange» of «arrangement» (its stem is
    «arrangere»'s, so the index's own terms cannot tell), «fork» of «forkvinde», «minoritetsk»
    of «minoritetskvinder»."""
    for word in {bare.strip("-"), head.strip("-")}:
        word = word.rsplit("-", 1)[-1]
        if not word.isalpha() or len(word) < MIN_HEAD:
            continue
        if lexicon.knows(word) or danish.is_stop(word) or len(lexicon.split(word)) > 1:
            return True
        if any(lexicon.knows(word[cut:]) for cut in range(MIN_HEAD, len(word) - MIN_TAIL + 1)):
            return True
    return False


def _indexed_word(searcher: Searcher, lexicon: Lexicon, part: str, field: str) -> bool:
    """Whether a folded `part` is a word the index has by itself (its stem is a term of `field`),
    not a suffix or small word the lexicon never splits off. The lexicon learns only words seen
    twice; at query time a word seen once is evidence enough that a longer word ends in it."""
    return lexicon.may_be_part(part) and bool(searcher.doc_frequency(field, danish.stem(part)))


def _starting(terms: list[str], prefix: str) -> list[str]:
    """The sorted `terms` that begin with `prefix` and are longer, at most `_COMPOUND_SCAN`."""
    at = bisect_left(terms, prefix)
    found = []
    while at < len(terms) and len(found) < _COMPOUND_SCAN and terms[at].startswith(prefix):
        if terms[at] != prefix:
            found.append(terms[at])
        at += 1
    return found


def _reversed_vocabulary(searcher: Searcher, field: str, letter: str, snapshot: Snapshot | None) -> list[str]:
    """The field's terms that end in `letter` and are long enough to be a compound (letters and
    hyphens only), spelt backwards and sorted, as `_vocabulary` keeps them per first letter.
    Terms are not stored by their end, so one pass over every segment's terms builds the lists
    of every letter (the 100k benchmark copy: 107,500 terms read in ~0.5 s). Kept with the
    generation's snapshot for its life, outside its term cache (`Snapshot.kept_bytes`: ~70 bytes
    a term kept, 0.3 MB for that copy's 4,100 words, ~20 MB for 300,000): evicted there by the
    postings of ordinary searches, it was built again by a third of the queries of unknown
    words (up to 1.1 s each)."""
    if snapshot is None:
        return _reversed_vocabularies(searcher, field).get(letter, [])
    return snapshot.kept(f"reversed-vocabulary:{field}", lambda: _reversed_vocabularies(searcher, field),
                         lambda lists: sum(map(_list_bytes, lists.values()))).get(letter, [])


def _reversed_vocabularies(searcher: Searcher, field: str) -> dict[str, list[str]]:
    """`_reversed_vocabulary` of every last letter."""
    fieldobj = searcher.schema[field]
    by_letter: dict[str, list[str]] = {}
    terms: set[bytes] = set()
    for leaf, _ in searcher.reader().leaf_readers():  # per segment: half the time of the merged lexicon
        terms.update(leaf.lexicon(field))
    for term in terms:
        word = fieldobj.from_bytes(term)
        if len(word) >= MIN_HEAD + MIN_TAIL and word.replace("-", "").isalpha():
            by_letter.setdefault(word[-1], []).append(word[::-1])
    for words in by_letter.values():
        words.sort()
    return by_letter


def compounds(searcher: Searcher, word: str, field: str = "body", snapshot: Snapshot | None = None) -> list[Correction]:
    """`compound_terms` of `word` as corrections, each with a readable spelling from the passages."""
    found = []
    budget = _PASSAGE_BUDGET
    for term in compound_terms(searcher, word, field, snapshot):
        if budget <= 0:
            break
        spelt, read = _spelling(searcher, term, word, field, min(_PASSAGES, budget))
        budget -= read
        if spelt:
            found.append(Correction(word, term, _case(spelt, word), 0, compound=True))
    return found


def _vocabulary(searcher: Searcher, field: str, letter: str, snapshot: Snapshot | None) -> list[str]:
    """The field's terms that begin with `letter`, sorted, kept with the generation's snapshot.

    Close terms share their first letter with the word, so a word is looked up in this list
    in memory: Whoosh's own walk (`terms_within`) finds each next candidate by a binary search
    of the term file on disk, per segment, which was half of a misspelt query's time.
    """
    def build() -> list[str]:
        fieldobj = searcher.schema[field]
        return sorted({fieldobj.from_bytes(term) for term in searcher.reader().expand_prefix(field, letter)})

    if snapshot is None:
        return build()
    return snapshot.cache.get(("vocabulary", field, letter), build, _list_bytes)


def _list_bytes(terms: list[str]) -> int:
    return 56 + sum(57 + len(term) for term in terms)


@lru_cache(maxsize=64)  # ~5 KB (pickled) for a word of 10 letters, 40 KB for one of 40
def _automaton(probe: str, limit: int) -> DFA:
    """Whoosh's Levenshtein automaton of `probe` (the first letter fixed), built once, not per segment."""
    return levenshtein_automaton(probe, limit, prefix=1).to_dfa()


def _terms_within(terms: list[str], probe: str, limit: int) -> list[str]:
    """The sorted `terms` within `limit` edits of `probe` (same first letter): what Whoosh's
    `terms_within` finds, walking the automaton over a list instead of the term file.

    >>> _terms_within(["bolig", "boliger", "bolog", "bulig", "dolig"], "bolig", 1)
    ['bolig', 'bolog', 'bulig']
    """
    dfa = _automaton(probe, limit)
    found: list[str] = []
    at = 0
    match = dfa.next_valid_string(terms[0]) if terms else None
    while match:
        at = bisect_left(terms, match, at)
        if at == len(terms):
            break
        term = terms[at]
        if term == match:
            found.append(term)
            term += "\0"  # the next candidate after this one
        match = dfa.next_valid_string(term)
    return found


def _variants(word: str, transpose: bool = True) -> list[str]:
    """One-edit variants of a word that Whoosh's automaton counts as two: neighbouring letters
    swapped, and a/o where æ/å/ø were meant. At most `_MAX_VARIANT_LETTERS` letters are
    swapped and `_MAX_FOLD_LETTERS` a/o replaced, so a long word costs a bounded number of
    look-ups.

    >>> _variants("radet", transpose=False)
    ['rædet', 'rådet']
    >>> _variants("bolgi", transpose=False), _variants("bolgi")[:4]
    (['bølgi'], ['oblgi', 'blogi', 'bogli', 'bolig'])
    """
    lower = word.lower()
    out = []
    if transpose:
        for i in range(min(len(lower), _MAX_VARIANT_LETTERS) - 1):
            if lower[i] != lower[i + 1]:
                out.append(lower[:i] + lower[i + 1] + lower[i] + lower[i + 2 :])
    positions = [i for i, letter in enumerate(lower) if letter in _UNFOLDED][:_MAX_FOLD_LETTERS]
    for i in positions:
        out.extend(lower[:i] + letter + lower[i + 1 :] for letter in _UNFOLDED[lower[i]])
    return out


def _variant_terms(searcher: Searcher, word: str, own: str, field: str, transpose: bool = True) -> dict[str, str]:
    """The index terms of `word`'s one-edit variants (`_variants`) that are in the index,
    each with the first variant that analyses to it."""
    found: dict[str, str] = {}
    for variant in _variants(word, transpose):
        terms = analyze(_ANALYZER, variant)
        if len(terms) == 1 and terms[0] != own and terms[0] not in found and searcher.doc_frequency(field, terms[0]):
            found[terms[0]] = variant
    return found


@lru_cache(maxsize=65_536)
def spelling_distance(typed: str, spelt: str) -> int:
    """Edit distance of two folded words where a different ending of up to four letters on
    either side counts as one edit, as inflections differ there ("boligplaseringer" is two
    edits from "boligplacering": the typo and the ending).

    >>> spelling_distance("boligplaseringer", "boligplacering"), spelling_distance("pavilloner", "pavillonboliger")
    (2, 4)

    Remembered: the passages read for a spelling repeat their words, and each answer costs up
    to 25 edit distances in pure Python (the largest share of a fallback's time).
    """
    best = _distance(typed, spelt)
    for k in range(len(_TRIM) + 1):
        for j in range(len(_TRIM) + 1):
            shorter, cut = len(typed) - k, len(spelt) - j
            # 1 + a distance is at least 1 + the difference in length: skip what cannot be closer
            if (k or j) and shorter >= MIN_LENGTH and cut >= MIN_LENGTH and 1 + abs(shorter - cut) < best:
                best = min(best, 1 + _distance(typed[:shorter], spelt[:cut]))
    return best


def _distance(a: str, b: str) -> int:
    return damerau_levenshtein(a, b)


def spelling(searcher: Searcher, term: str, typed: str, field: str = "body", passages: int | None = None) -> str | None:
    """A word of the documents whose own stem is `term`, the closest to `typed`, lower case.

    The first passages holding `term` may have it only inside compounds
    ("Beskæftigelsesudvalget" for "beskaeftig") or only in a form further from what was typed
    ("rådets" for "radet"), so up to `passages` (default `_PASSAGE_BUDGET`, what a word's closest
    term may read) are read, stopping at the first word one edit from `typed`.
    """
    return _spelling(searcher, term, typed, field, _PASSAGE_BUDGET if passages is None else passages)[0]


def _spelling(searcher: Searcher, term: str, typed: str, field: str, passages: int) -> tuple[str | None, int]:
    """`spelling`, and how many passages it read."""
    typed_folded = danish.fold(typed)
    best: tuple[int, int, str] | None = None
    seen: dict[str, tuple[int, int, str] | None] = {}  # word -> its candidate (None: not a spelling of term)
    read = 0
    for docnum in searcher.docs_for_query(Term(field, term)):
        if read >= passages:
            break
        read += 1
        text = _passage_text(searcher, docnum, field)
        for match in _TOKEN_RE.finditer(text):
            word = match.group(0)
            if word in seen:
                candidate = seen[word]
            else:
                candidate = seen[word] = _candidate(word, term, typed_folded)
            if candidate is not None and (best is None or candidate < best):
                best = candidate
        if best is not None and best[0] <= 1:
            break
    return (best[2] if best else None), read


def _passage_text(searcher: Searcher, docnum: int, field: str) -> str:
    """The words of a passage that `field` was made of, as written (at most `_SCAN` letters)."""
    stored = searcher.stored_fields(docnum).get("record")
    record = json.loads(stored) if stored else {}
    if field in _ATTENDANCE_FIELDS:  # names: the meeting's lists, not the item's text
        return "\n".join(record.get(field) or ())[:_SCAN]
    # The body also holds the item's case handler and the meeting's absentees and staff
    # (`schema.body_text`): "Sadegi" is close to «Sadeghi», named only as case handler.
    names = [record.get("case_handler") or "", *(record.get("absent") or ()), *(record.get("staff") or ())]
    return "\n".join([record.get("title") or "", record.get("text") or "", *names])[:_SCAN]


def _candidate(word: str, term: str, typed_folded: str) -> tuple[int, int, str] | None:
    """How close `word` of a passage is to what was typed, when its own stem is `term`."""
    if _own_terms(word) != (term,):
        return None
    folded = danish.fold(word)
    return spelling_distance(typed_folded, folded), _distance(typed_folded, folded), word.lower()


@lru_cache(maxsize=65_536)
def _own_terms(word: str) -> tuple[str, ...]:
    """What the analyzer makes of one word of a passage (no compound parts): the words read for
    spellings repeat from query to query, and analysing each costs more than the rest of its check."""
    return tuple(analyze(_ANALYZER, word))


danish.when_stems_change(_own_terms.cache_clear)


def _case(spelt: str, typed: str) -> str:
    """A lower-case spelling cased as the user typed the word: "Vordinborg" → "Vordingborg",
    "NASTVED" → "NÆSTVED", "nastved" → "næstved"."""
    if len(typed) > 1 and typed.isupper():
        return spelt.upper()
    return spelt[:1].upper() + spelt[1:] if typed[:1].isupper() else spelt


def corrections(searcher: Searcher, word: str, field: str = "body", snapshot: Snapshot | None = None) -> list[Correction]:
    """Readable close spellings of a word, closest to what was typed first, within its edit limit.

    Stems hide how far two words are ("boligplas" is as close to "boligplan" as to
    "boligplac"), so candidates are ranked by the distance of their spelling to `word`.
    """
    typed = danish.fold(word)
    found = []
    terms, variant_words, trimmed = _close_terms(searcher, word, field, snapshot)
    typo = not any(searcher.doc_frequency(field, own) for own in analyze(_ANALYZER, word))
    budget = _PASSAGE_BUDGET
    for rank, term in enumerate(terms):
        spelt = None
        if budget > 0:
            # The closest term may read the whole budget: its first passages may hold it only in
            # compounds (each committee named «…udvalget» holds "integration").
            spelt, read = _spelling(searcher, term, word, field, budget if rank == 0 else min(_PASSAGES, budget))
            budget -= read
        # A word of the query that is not in the index, one swap or æ/ø/å from `term`: that
        # variant is what was meant when the passages read have no closer word ("integration",
        # found so far only inside compounds). Not for a word in the index: its variant is
        # an alternative for typos in the sources and need not be a word ("udvælget").
        if typo and term in variant_words and (spelt is None or spelling_distance(typed, danish.fold(spelt)) > 1):
            spelt = variant_words[term]
        # A term found with up to four letters cut off the word is one edit from a stub of it:
        # its spelling must be close to the whole word typed, letter by letter, or "håndbold"
        # cut to "hånd" is "corrected" to «hænder» and «håndteres».
        if spelt and term in trimmed and _distance(typed, danish.fold(spelt)) > max_distance(typed):
            spelt = None
        if spelt:
            distance = spelling_distance(typed, danish.fold(spelt))
            if distance <= max_distance(typed):
                found.append(Correction(word, term, _case(spelt, word), distance))
    if not found:
        return []
    closest = min(c.distance for c in found)  # only the closest: "boligplacering", not also "boligplanen"
    # Ties (a different ending counts as one edit) go to the spelling nearest letter by letter:
    # "flygtnige" is "flygtninge" with one letter missing, "flygtet" with an ending changed.
    letters = {c: _distance(typed, danish.fold(c.spelling)) for c in found if c.distance == closest}
    nearest = min(letters.values())
    # A tie `_CLEARLY_FARTHER` or more letters farther is not searched either: "flygtet" would
    # find (and mark) passages about something else than the refugees the user meant.
    best = sorted((c for c in letters if letters[c] < nearest + _CLEARLY_FARTHER), key=letters.__getitem__)
    return best[:MAX_ALTERNATIVES]


def fallback(searcher: Searcher, parsed: ParsedQuery, query: str, field: str = "body",
             snapshot: Snapshot | None = None) -> Fallback | None:
    """`parsed` with close spellings ORed into its word groups; None when there is nothing to try.

    A word's corrections are kept with the generation's `snapshot`: the next page of the same
    approximate hits, a facet clicked or the feed of the search asks for them again."""
    found: list[Correction] = []
    added: list[list[tuple[Clause, Correction]]] = []  # per group: each close spelling and its correction
    looked_up = 0
    for group in parsed.groups:
        added.append([])
        for clause in group:
            if (clause.field is not None or clause.negated or clause.phrase or clause.boost < 1 or looked_up >= MAX_WORDS
                    or getattr(clause, "prefix", False)):  # a truncated word ("flygt*") is no typo
                continue
            looked_up += 1
            # A word the index has only inside compounds is searched as those compounds, before
            # (and instead of) its close spellings: "håndbold" is in "kvindehåndbold".
            for correction in (_compounds(searcher, clause.text, field, snapshot)
                               or _closest_corrections(searcher, clause.text, field, snapshot)):
                found.append(correction)
                added[-1].append((Clause(correction.spelling, None, False, False, clause.boost * FUZZY_BOOST), correction))
    if not found:
        return None
    missing = {c.word for c in found
               if not c.compound and not searcher.doc_frequency(field, analyze(_ANALYZER, c.word)[0])}
    parts = {c.word for c in found if c.compound}
    suggestion = _without_open_quote(query)
    for word in missing:
        best = next(c for c in found if c.word == word)  # corrections are best first per word
        suggestion = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", best.spelling, suggestion, count=1)

    def rewritten(keep: bool | set[str]) -> ParsedQuery:
        return replace(parsed, groups=tuple(tuple(group) + tuple(c for c, fix in more if keep is True or fix.word in keep)
                                            for group, more in zip(parsed.groups, added)))

    return Fallback(rewritten(True), suggestion if missing else None, tuple(found), rewritten(missing | parts))


def _closest_corrections(searcher: Searcher, word: str, field: str, snapshot: Snapshot | None) -> tuple[Correction, ...]:
    """The close spellings of `word` in the texts (`corrections`), or, for a word no passage
    has, the municipality or council it is closer to (`facet_corrections`); a tie goes to the
    texts' word, spelt as the texts spell it («kommunalbestyrelsen»)."""
    close = _corrections(searcher, word, field, snapshot)
    if not _missing(searcher, word, field):
        return close
    named = facet_corrections(searcher, word, snapshot)
    if named and (not close or named[0].distance < min(c.distance for c in close)):
        return named
    return close


MIN_SOURCE_TYPO = 6  # letters of a word and of a close form for the form to be a typo in the sources
SOURCE_TYPO_PASSAGES = 2  # a close form in at most this many passages is rare enough to be a typo
# Looked for only while the exact hits are few (a page or two): in an archive of thousands of items most
# words have some rare misspelt form, and a search that found plenty needs neither them nor the notice.
SOURCE_TYPO_MAX_HITS = 20


def source_typos(searcher: Searcher, parsed: ParsedQuery, field: str = "body",
                 snapshot: Snapshot | None = None) -> Fallback | None:
    """For a query that found passages: `parsed` with the rare close forms of its words ORed in,
    as typos in the sources to show after the exact hits; None when no word has one.

    A close form is a stem one letter from the word's stem (a letter more or less, or two swapped), both of
    `MIN_SOURCE_TYPO` letters or more, in at most `SOURCE_TYPO_PASSAGES` passages and fewer than
    the word itself: "pavilloner" and "pavillon" (3 passages) also find «pavillioner» (Næstved,
    one passage), which only the misspelt word reached. A stem that starts the other is an
    inflection the stemmer cut otherwise, and a common word is no typo, so an ordinary query
    is not widened. Only the words `fallback` would look up."""
    found: list[Correction] = []
    added: list[list[Clause]] = []
    looked_up = 0
    for group in parsed.groups:
        added.append([])
        for clause in group:
            if (clause.field is not None or clause.negated or clause.phrase or clause.boost < 1 or looked_up >= MAX_WORDS
                    or clause.prefix):
                continue
            looked_up += 1
            for correction in _source_typos(searcher, clause.text, field, snapshot):
                found.append(correction)
                added[-1].append(Clause(correction.spelling, None, False, False, clause.boost * FUZZY_BOOST))
    if not found:
        return None
    groups = tuple(tuple(group) + tuple(more) for group, more in zip(parsed.groups, added))
    return Fallback(replace(parsed, groups=groups), None, tuple(found))


def _source_typos(searcher: Searcher, word: str, field: str, snapshot: Snapshot | None) -> tuple[Correction, ...]:
    if snapshot is None:
        return tuple(_rare_close_forms(searcher, word, field, snapshot))
    return snapshot.cache.get(("source-typos", field, word), lambda: tuple(_rare_close_forms(searcher, word, field, snapshot)),
                              lambda found: 200 + 400 * len(found))


def _rare_close_forms(searcher: Searcher, word: str, field: str, snapshot: Snapshot | None) -> list[Correction]:
    """`source_typos` of one word: its rare close forms as the passages spell them."""
    typed = danish.fold(word)
    if not MIN_SOURCE_TYPO <= len(typed) <= MAX_LETTERS or not typed.isalpha():
        return []
    terms = analyze(_ANALYZER, word)
    if len(terms) != 1 or not (own := searcher.doc_frequency(field, terms[0])):
        return []
    stem = terms[0]
    found = []
    for term in _terms_within(_vocabulary(searcher, field, stem[0], snapshot), stem, 1):
        # One stem the start of the other is an inflection the stemmer cut otherwise, no typo; and
        # a letter changed is more often another word («vedlagt» for "vedtaget", «bidrog» for
        # "bidrage") than a letter doubled, dropped or swapped («pavillioner», «arrrangement»).
        if (term.startswith(stem) or stem.startswith(term) or len(term) < MIN_SOURCE_TYPO
                or (len(term) == len(stem) and sorted(term) != sorted(stem))):
            continue
        frequency = searcher.doc_frequency(field, term)
        if frequency > SOURCE_TYPO_PASSAGES or frequency >= own or _written_twice(searcher, field, term):
            continue
        spelt, _ = _spelling(searcher, term, word, field, SOURCE_TYPO_PASSAGES)
        # A vowel with or without its Danish letter is another word ("udvalget", «udvælge»), not a typo.
        if spelt and len(spelt) >= MIN_SOURCE_TYPO and _danish_letters(spelt) == _danish_letters(word):
            found.append(Correction(word, term, _case(spelt, word), 1))
    return found[:MAX_ALTERNATIVES]


def _written_twice(searcher: Searcher, field: str, term: str) -> bool:
    """Whether a passage holds `term` more than once: a slip of the pen is made once, a word the
    writer means is written again («Kontrakten» twice at Havnsted is no typo of "kontakt")."""
    matcher = searcher.postings(field, term)
    while matcher.is_active():
        if matcher.weight() >= 2:
            return True
        matcher.next()
    return False


def _danish_letters(word: str) -> str:
    return "".join(letter for letter in word.lower() if letter in "æøå")


def source_typo_notice(corrections: tuple[Correction, ...]) -> str:
    """What a search that found passages says of the ones found by a close form (`source_typos`).

    >>> source_typo_notice((Correction("pavilloner", "pavillion", "pavillioner", 1),))
    'Efter de eksakte træf vises punkter med en lignende stavemåde, måske en stavefejl i teksten: «pavilloner» også som «pavillioner».'
    """
    pairs: dict[str, list[str]] = {}
    for c in corrections:
        pairs.setdefault(c.word, []).append(c.spelling)
    read = "; ".join(f"«{word}» også som {_listed(spellings)}" for word, spellings in pairs.items())
    return f"Efter de eksakte træf vises punkter med en lignende stavemåde, måske en stavefejl i teksten: {read}."


def _without_open_quote(query: str) -> str:
    """`query` without a quote that opens nothing it closes (the parser searched its words one
    by one): a suggestion must not carry it on («"social» offered «"social»).

    >>> _without_open_quote('"socail'), _without_open_quote('negativ socail kontrol"'), _without_open_quote('"a b" c')
    ('socail', 'negativ socail kontrol', '"a b" c')
    """
    if query.count('"') % 2 == 0:
        return query
    at = query.rfind('"')
    return " ".join((query[:at] + query[at + 1:]).split())


_ATTENDANCE_FIELDS = frozenset({"present", "absent"})


def on_the_lists(searcher: Searcher, word: str) -> bool:
    """Whether an attendance list of the index has `word` (as the Danish analysis reads it)."""
    own = analyze(_ANALYZER, word)
    return len(own) == 1 and any(searcher.doc_frequency(f, own[0]) for f in _ATTENDANCE_FIELDS)


def name_corrections(searcher: Searcher, words: list[str], field: str = "body",
                     snapshot: Snapshot | None = None, *, whole_name: bool = False) -> list[str] | None:
    """`words` (a name, as typed) spelt as the meetings' attendance lists spell them, when some
    word is on no list and no text has it, and the lists have a spelling closer than any of the
    texts (`field`): "Thiruchelvan" → "Thiruchelvam". None otherwise. Without this a
    misspelt member's name was offered as an ordinary word ("Basiir" → «Basis»).

    `whole_name`: the caller checks that the lists name the whole name so spelt (a name of
    several words), which outweighs a close word of the texts: "Francisco Ortega" is
    «Fransisco Ortega» of the lists, not «Francis», another member named in a text."""
    spelt, changed = [], False
    for word in words:
        own = analyze(_ANALYZER, word)
        if len(own) != 1 or any(searcher.doc_frequency(f, own[0]) for f in (*_ATTENDANCE_FIELDS, field)):
            spelt.append(word)
            continue
        # The texts' spellings are looked up anyway by `fallback` (and kept with the generation).
        nearest = None if whole_name else min((c.distance for c in _corrections(searcher, word, field, snapshot)),
                                              default=None)
        if nearest is not None and nearest <= 1:  # no list can be closer; a tie goes to the texts' word
            return None
        listed = [c for f in sorted(_ATTENDANCE_FIELDS) for c in _corrections(searcher, word, f, snapshot)]
        if not listed:
            return None
        # closest first, then letter by letter: "Francisco" is «Fransisco», not «Francis» (an ending)
        typed = danish.fold(word)
        best = min(listed, key=lambda c: (c.distance, _distance(typed, danish.fold(c.spelling))))
        if nearest is not None and nearest <= best.distance:
            return None
        spelt.append(best.spelling)
        changed = True
    return spelt if changed else None


# A name word is corrected only when typed this long, and by one letter: «Karin» is a name of its
# own, not a typo of «Karim»; «Pedersen» was offered «Lise Mørk Andersen» two letters away.
NAME_TYPO_MIN_LETTERS = 6


def _common_name_form(word: str) -> bool:
    """Whether `word` (as typed) is itself a common first name or a «-sen» surname: someone else's
    name, not a misspelling of this one."""
    from indexer.firstnames import first_names  # at first use: it reads $REFERATSOG_DATA

    folded = word.casefold()
    return folded in first_names() or folded.endswith("sen")


def nearest_name(typed: str, names: Iterable[str]) -> str | None:
    """The one of `names` (a facet's stored values: case handlers, folded) that `typed` names with
    a typo in its words: each typed word a word of the name or one letter from one, a word so
    corrected of `NAME_TYPO_MIN_LETTERS` letters or more and no common name itself
    (`_common_name_form`); the name with the fewest edits in all, None when none is close or two
    are equally close. `sagsbehandler:Sadegi` only said «findes ikke», where «Maryam Sadeghi»
    handled the item.

    >>> nearest_name("Sadegi", ["maryam sadeghi", "karim haddad"]), nearest_name("karim haddat", ["karim haddad"])
    ('maryam sadeghi', 'karim haddad')
    >>> nearest_name("Sadegi", ["mette jung"]), nearest_name("Han", ["hans ravn"]), nearest_name("Jensen", ["ole jensen", "bo jensen"])
    (None, None, None)
    >>> nearest_name("Karin", ["karim haddad"]), nearest_name("Pedersen", ["lise mørk andersen"]), nearest_name("Hansen", ["ole jansen"])
    (None, None, None)
    """
    typed_words = danish.tokens(typed)
    wanted = [danish.fold(word) for word in typed_words]
    if not wanted or max(map(len, wanted)) < MIN_SHORT_LENGTH or any(len(w) > MAX_LETTERS for w in wanted):
        return None
    correctable = [len(w) >= NAME_TYPO_MIN_LETTERS and not _common_name_form(raw) for w, raw in zip(wanted, typed_words)]
    best: dict[int, list[str]] = {}
    for name in names:
        words = [danish.fold(word) for word in danish.tokens(name)]
        edits = 0
        for word, may_correct in zip(wanted, correctable):
            nearest = min((_distance(word, other) for other in words if abs(len(other) - len(word)) <= 1), default=9)
            if nearest > (1 if may_correct else 0):
                break
            edits += nearest
        else:
            best.setdefault(edits, []).append(name)
    if not best:
        return None
    closest = best[min(best)]
    return closest[0] if len(closest) == 1 else None


def _corrections(searcher: Searcher, word: str, field: str, snapshot: Snapshot | None) -> tuple[Correction, ...]:
    if snapshot is None:
        return tuple(corrections(searcher, word, field))
    return snapshot.cache.get(("corrections", field, word), lambda: tuple(corrections(searcher, word, field, snapshot)),
                              lambda found: 200 + 400 * len(found))


# Facets whose values a plain word may name (`names_facet_value`), and those a misspelt word is
# corrected to (`facet_corrections`): a case handler's name is in the body already.
_NAMED_FACETS = ("municipality", "council", "case_handler")
_CORRECTED_FACETS = ("municipality", "council")


def _facet_values(searcher: Searcher, name: str, snapshot: Snapshot | None) -> tuple[str, ...]:
    """The values of facet `name` the index holds (its keys), kept with the generation's snapshot."""
    field = FACETS_BY_NAME[name].field

    def build() -> tuple[str, ...]:
        if field not in searcher.schema:  # an index written before the facet
            return ()
        return tuple(raw.decode("utf-8") for raw in searcher.reader().lexicon(field))

    if snapshot is None:
        return build()
    return snapshot.cache.get(("facet-values", name), build, lambda values: 56 + sum(57 + len(v) for v in values))


def names_facet_value(searcher: Searcher, word: str, snapshot: Snapshot | None = None) -> bool:
    """Whether `word` is a facet value of the index or a word of one (`loose_key`: as typed
    without æ, ø, å): «Silkeborg», «Handicaprådet», «Sadeghi». Such a word names those items
    (a municipality's records are searched by the compile), and is no part of longer words:
    "Silkeborg" found only Herning's «Silkeborgvej», not Silkeborg's nine items."""
    key = loose_key(word)
    return len(key) >= MIN_TAIL and key in _facet_words(searcher, snapshot)


def _facet_words(searcher: Searcher, snapshot: Snapshot | None) -> frozenset[str]:
    """The `loose_key` of each value of the `_NAMED_FACETS` and of each of its words, kept with
    the generation's snapshot (a case handler facet has thousands of values)."""
    def build() -> frozenset[str]:
        return frozenset(key for name in _NAMED_FACETS for value in _facet_values(searcher, name, snapshot)
                         for key in (loose_key(value), *map(loose_key, danish.tokens(value))))

    if snapshot is None:
        return build()
    return snapshot.cache.get(("facet-words",), build, lambda keys: 56 + sum(57 + len(k) for k in keys))


def facet_corrections(searcher: Searcher, word: str, snapshot: Snapshot | None = None) -> tuple[Correction, ...]:
    """The one municipality or council a misspelt `word` is close to (within its edit limit,
    `loose_key`s compared), as a correction spelt as the passages spell the value; () when none
    is, or two are equally close. "Silkebrog" and "Slikeborg" are «Silkeborg»: the texts'
    words do not hold a municipality's name, which its records seldom write."""
    typed = loose_key(word)
    if not MIN_LENGTH <= len(typed) <= MAX_LETTERS or not typed.isalpha():
        return ()
    by_distance: dict[int, set[tuple[str, str]]] = {}
    for name in _CORRECTED_FACETS:
        for value in _facet_values(searcher, name, snapshot):
            key = loose_key(value)
            if abs(len(key) - len(typed)) > max_distance(typed):
                continue
            distance = _distance(typed, key)
            if 0 < distance <= max_distance(typed):
                by_distance.setdefault(distance, set()).add((name, value))
    if not by_distance:
        return ()
    closest = min(by_distance)
    if len(by_distance[closest]) != 1:
        return ()
    name, value = next(iter(by_distance[closest]))
    spelt = FACETS_BY_NAME[name]._spelt(searcher, value)  # as a passage writes it: «Silkeborg»
    return (Correction(word, value, _case(spelt, word), closest),) if spelt else ()


def _compounds(searcher: Searcher, word: str, field: str, snapshot: Snapshot | None) -> tuple[Correction, ...]:
    """`compounds` of `word`, or none when `word` is clearly a typo of a commoner word (`_typo_of`)
    or names a facet value (`names_facet_value`: "Silkeborg" is not «Silkeborgvej»)."""
    if names_facet_value(searcher, word, snapshot):
        return ()
    if snapshot is None:
        found = tuple(compounds(searcher, word, field))
    else:
        found = snapshot.cache.get(("compounds", field, word), lambda: tuple(compounds(searcher, word, field, snapshot)),
                                   lambda found: 200 + 400 * len(found))
    if found and _typo_of(searcher, word, found, field, snapshot):
        return ()
    return found


def _typo_of(searcher: Searcher, word: str, found: tuple[Correction, ...], field: str,
             snapshot: Snapshot | None) -> bool:
    """Whether `word`, which the index has only inside the compounds `found`, is rather a typo:
    one letter (an edit or a swap) from a word in at least `TYPO_OVER_COMPOUNDS` times as many
    passages as the compounds together. "flytninge" is flygtninge (37 passages) missing its g,
    not a part of «indflytning» (5); "garanti" has no such neighbour and stays «kommunegaranti».
    Only words missing from the index are looked up here, so a typo is the likelier reading
    the more the neighbour is used."""
    typed = danish.fold(word)
    inside = sum(searcher.doc_frequency(field, c.term) for c in found)
    return any(_distance(typed, danish.fold(c.spelling)) <= 1
               and searcher.doc_frequency(field, c.term) >= TYPO_OVER_COMPOUNDS * inside
               for c in _corrections(searcher, word, field, snapshot))


def inside_compounds(searcher: Searcher, parsed: ParsedQuery, field: str = "body",
                     snapshot: Snapshot | None = None) -> tuple[ParsedQuery, tuple[Correction, ...]]:
    """`parsed` with each word the index has only inside longer words searched as those words
    (`compounds`: "fokusgruppe" as «fokusgruppeinterview», "garanti" as «kommunegaranti»),
    and the compounds found; `parsed` and () when no word is.

    For a search to try before the query compiles: a compound the index lacks is otherwise
    split into parts found anywhere ("fokusgruppe" found «fokus» … «grupper» first). Only the
    words the user typed (not fielded, excluded, quoted, truncated, or a variant the engine
    added) that no passage has, at most `MAX_WORDS` of them, and not a word that is clearly a
    typo (`_typo_of`) or names a facet value (`names_facet_value`: "Silkeborg").
    """
    found: list[Correction] = []
    groups: list[tuple[Clause, ...]] = []
    looked_up = 0
    for group in parsed.groups:
        clauses: list[Clause] = []
        for clause in group:
            if (clause.field is None and not clause.negated and not clause.phrase and not clause.prefix
                    and clause.boost >= 1 and looked_up < MAX_WORDS and _missing(searcher, clause.text, field)):
                looked_up += 1
                whole = _compounds(searcher, clause.text, field, snapshot)
                if whole:
                    found.extend(whole)
                    clauses.extend(Clause(c.spelling, boost=clause.boost) for c in whole)
                    continue
            clauses.append(clause)
        groups.append(tuple(clauses))
    if not found:
        return parsed, ()
    return replace(parsed, groups=tuple(groups)), tuple(found)


def respelt(searcher: Searcher, words: str, field: str = "body", snapshot: Snapshot | None = None) -> str | None:
    """`words` with each word that no passage holds spelt as its closest spelling in the texts
    (`corrections`; a phrase's words stay in their order); None when no word is misspelt, or a
    misspelt one has no close spelling.

    For a phrase in quotes, whose words the close-spelling fallback leaves alone: a phrase is
    asked for as written, so its correction is offered to follow, not searched in its place."""
    spelt, changed = [], False
    for word in words.split():
        if not _missing(searcher, word, field):
            spelt.append(word)
            continue
        close = _corrections(searcher, word, field, snapshot)
        if not close:
            return None
        spelt.append(close[0].spelling)
        changed = True
    return " ".join(spelt) if changed else None


def _missing(searcher: Searcher, word: str, field: str) -> bool:
    """Whether `word` is one term that no passage has: checked before anything is looked up or
    cached, as for most words of most queries it is not."""
    terms = analyze(_ANALYZER, word)
    return len(terms) == 1 and not searcher.doc_frequency(field, terms[0])


def notice(corrections: tuple[Correction, ...]) -> str:
    """Which spellings were searched for which words, and which compounds for the words found
    only inside compounds (the CLI and the web page already say that the results are
    approximate; this says how).

    >>> notice((Correction("garanti", "kommunegaranti", "kommunegaranti", 0, compound=True),
    ...         Correction("flygtnige", "flygtning", "flygtninge", 1)))
    'Der er søgt på lignende stavemåder: «flygtnige» også som «flygtninge». «garanti» fundet som del af sammensatte ord: «kommunegaranti».'
    >>> notice((Correction("garanti", "kommunegaranti", "kommunegaranti", 0, compound=True),) * 2)
    '«garanti» fundet som del af sammensatte ord: «kommunegaranti».'
    """
    pairs: dict[str, list[str]] = {}
    parts: dict[str, list[str]] = {}
    for c in corrections:
        spellings = (parts if c.compound else pairs).setdefault(c.word, [])
        if c.spelling not in spellings:  # a word typed twice («fokusgruppe OR fokusgruppe»): said once
            spellings.append(c.spelling)
    said = []
    if pairs:
        read = "; ".join(f"«{word}» også som {_listed(spellings)}" for word, spellings in pairs.items())
        said.append(f"Der er søgt på lignende stavemåder: {read}.")
    said.extend(f"«{word}» fundet som del af sammensatte ord: {_listed(spellings)}." for word, spellings in parts.items())
    return " ".join(said)


def _listed(words: list[str]) -> str:
    return ", ".join(f"«{word}»" for word in words)


MIN_WHOLE = 8  # letters of a word looked into for a part the texts hold (as `decompound.MIN_COMPOUND`)


def word_part(searcher: Searcher, word: str, field: str = "body") -> str | None:
    """The part of a `word` no passage holds, even inside longer words, that passages hold as a
    common word of its own: of its longest such end and longest such beginning, the one in fewer
    passages; spelt as typed, lower case. "vindmølleplacering" → «placering», "skolelukning" →
    «skole», "vandpris" → «vand». None when there is none, or the word is short, or not letters
    only. The part must be written so in a passage (`_written`), not only share a stem with a
    word there: "refugees" offered «ugees» (the stem of «uger»); and in lower case somewhere,
    not only as (part of) a name: "vindmøller" offered «møller», which found a Søren Møller.

    For the last answer to a search that found nothing and offered nothing: the lexicon splits
    a compound only into parts it knows, so "skolelukning" (its «lukning» is in no text) was a
    bare zero, though «skole» is in several items. The rarer part is the one that carries the
    compound's topic: a "vandpris" is a price, but the texts have prices of everything, and
    «pris» led to «Handicappolitisk pris 2025»; «forening» is in many more items than the
    «tilskuddene» of "foreningstilskuddene"; equally rare, the beginning, which says what kind
    (Danish compounds are right-headed: the end says what the thing is, a "vandpris" is a
    "pris", the beginning which one). Either alone when the other is no word of the texts
    ("vindmølleplacering" → «placering»). A suffix that is no word of its
    own ("tion", "ning") or a small word is not offered (`Lexicon.may_be_part`)."""
    if not may_have_part(searcher, word, field):
        return None
    lower = word.lower()
    lexicon = compound_lexicon(searcher.schema)
    ends = [lower[cut:] for cut in range(MIN_HEAD, len(lower) - MIN_TAIL + 1)]  # longest first
    beginnings = [lower[:cut] for cut in range(len(lower) - MIN_TAIL, MIN_TAIL - 1, -1)]
    end = beginning = None
    for part in ends:
        if not lexicon.may_be_part(danish.fold(part)) or not (written := _written_as(searcher, part, field, True)):
            continue
        # The longest end the texts hold is the compound's last part; a name («Møller» of
        # "vindmøller") is not offered, nor a piece of it («øller», which «øl» inflects so).
        end = part if written == _WORD else None
        break
    for part in beginnings:
        if not lexicon.may_be_part(danish.fold(part)) or not (written := _written_as(searcher, part, field, False)):
            continue
        if written == _NAME:
            break
        # a beginning with its linking "s" ("biblioteks" of "bibliotekslukning") as the word
        bare = part[:-1] if part.endswith("s") else ""
        beginning = bare if bare and lexicon.may_be_part(danish.fold(bare)) and _written(searcher, bare, field, False) \
            else part
        break
    if end is None or beginning is None:
        return end or beginning
    return beginning if _passages(searcher, beginning, field) <= _passages(searcher, end, field) else end


def may_have_part(searcher: Searcher, word: str, field: str = "body") -> bool:
    """Whether `word_part` looks into `word`: one long enough, of letters only, that no passage holds."""
    lower = word.lower()
    return MIN_WHOLE <= len(lower) <= MAX_LETTERS and lower.isalpha() and _missing(searcher, word, field)


def _passages(searcher: Searcher, part: str, field: str) -> int:
    """In how many passages `part`'s stem stands."""
    terms = analyze(_ANALYZER, part)
    return searcher.doc_frequency(field, terms[0]) if len(terms) == 1 else 0


_INFLECTIONS = ("e", "en", "er", "et", "ne", "ene", "erne", "ens", "ets", "s")  # «kontrakten» of «kontrakt»


_DOUBLED_ENDINGS = ("ene", "et", "en", "er")
_DOUBLED_RE = re.compile(rf"(\w*([bdfgklmnprstv]))\2(?:{'|'.join(_DOUBLED_ENDINGS)})")


def _doubled_inflections(word: str) -> set[str]:
    """The forms of `word` (folded) that double its last consonant before an ending, either way:
    «tilskud» is written «tilskuddet», «tilskuddene» is «tilskud» («foreningstilskuddene» was
    offered as «forening», which the texts' «tilskud» and «tilskuddet» did not let through).

    >>> sorted(_doubled_inflections("tilskuddene")), sorted(_doubled_inflections("tilskud"))[:2]
    (['tilskud', 'tilskudden', 'tilskudder', 'tilskuddet'], ['tilskudden', 'tilskuddene'])
    """
    found = set()
    if (doubled := _DOUBLED_RE.fullmatch(word)) is not None:
        base = doubled.group(1)
        found.add(base)
        found.update(base + doubled.group(2) + ending for ending in _DOUBLED_ENDINGS)
    elif word[-1:] in "bdfgklmnprstv" and word[-2:-1] not in ("", word[-1]):
        found.update(word + word[-1] + ending for ending in _DOUBLED_ENDINGS)
    found.discard(word)
    return found


_WORD, _NAME = "word", "name"  # how the texts write a part (`_written_as`)


def _written(searcher: Searcher, part: str, field: str, last: bool) -> bool:
    """Whether passages hold `part` as a common word (`_written_as`)."""
    return _written_as(searcher, part, field, last) == _WORD


def _written_as(searcher: Searcher, part: str, field: str, last: bool) -> str | None:
    """`_WORD` when passages hold `part` as a word in lower case somewhere, `_NAME` when they hold
    it only capitalised (a name, «Søren Møller», or first in a sentence), None when they do not
    hold it: as written (æ/ø/å aside) or inflected
    («kontrakten»), or, for the `last` part, as the last part of a compound («boligplacering»).
    Not only a word of the same stem: «ugees» of "refugees" stems as «uger» does, and «komm» of
    "kommissionen" as «kommer». An inflected beginning must be `MIN_LONG_HEAD` letters long, as
    a stub of a word («komm») is an inflected form's beginning too. The first
    `_PASSAGE_BUDGET` passages with its stem are read."""
    terms = analyze(_ANALYZER, part)
    if len(terms) != 1 or not searcher.doc_frequency(field, terms[0]):
        return None
    wanted = danish.fold(part)
    forms = {wanted}
    if last or len(wanted) >= MIN_LONG_HEAD:
        forms.update(wanted + ending for ending in _INFLECTIONS)
        forms.update(_doubled_inflections(wanted))

    def holds(word: str) -> bool:
        word = danish.fold(word)
        return word in forms or (last and word.endswith(wanted) and len(word) - len(wanted) >= MIN_HEAD)

    named = False
    for read, docnum in enumerate(searcher.docs_for_query(Term(field, terms[0]))):
        if read >= _PASSAGE_BUDGET:
            break
        for word in _TOKEN_RE.findall(_passage_text(searcher, docnum, field)):
            if holds(word):
                if word[:1].islower():
                    return _WORD
                named = True
    return _NAME if named else None


def written_as_is(searcher: Searcher, part: str, field: str = "body") -> bool:
    """Whether a passage holds `part` (a compound's part as typed) as a word exactly so spelt
    (case and æ/ø/å aside), not only a longer form of its stem: «flygtning» is written, «ældr»
    (of «ældre») is not. The first `_PASSAGE_BUDGET` passages with its stem are read."""
    terms = analyze(_ANALYZER, part)
    if len(terms) != 1 or not searcher.doc_frequency(field, terms[0]):
        return False
    wanted = danish.fold(part)
    for read, docnum in enumerate(searcher.docs_for_query(Term(field, terms[0]))):
        if read >= _PASSAGE_BUDGET:
            break
        if any(danish.fold(word) == wanted for word in _TOKEN_RE.findall(_passage_text(searcher, docnum, field))):
            return True
    return False


def part_notice(word: str, part: str, split: bool = False, decisions: bool = False) -> str:
    """What a search that found nothing says of `word` when `part` of it is in the texts
    (`word_part`); shorter when the search already said it searched the word's parts (`split`).
    With «Kun beslutninger» (`decisions`) the decisions were searched, not the texts: a word of
    the items' texts was said not to be in them (a web review).

    >>> part_notice("skolelukning", "skole")
    '«skolelukning» står ikke i teksterne, heller ikke som del af længere ord; ordets første del, «skole», gør.'
    >>> part_notice("plejecenter", "center", decisions=True)
    '«plejecenter» står ikke i beslutningerne, heller ikke som del af længere ord; ordets sidste del, «center», gør.'
    >>> part_notice("ældreboliger", "boliger", split=True)
    'Intet punkt har dem begge; ordets sidste del, «boliger», står i nogle.'
    """
    where = "sidste" if word.lower().endswith(part) else "første"
    if split:
        return f"Intet punkt har dem begge; ordets {where} del, «{part}», står i nogle."
    searched = "beslutningerne" if decisions else "teksterne"
    return f"«{word}» står ikke i {searched}, heller ikke som del af længere ord; ordets {where} del, «{part}», gør."
