"""Whoosh analyzers for Danish council text, built from Whoosh parts and `search.danish`.

A tokenizer turns a string into tokens, a filter turns tokens into tokens, `|` composes
them. Our filters are tiny module-level generator classes in Whoosh's own style because
Whoosh pickles the analyzers into the index with the schema: an index opened in another
process re-imports these classes by name, so no lambdas and no closures here. The actual
decisions about Danish words (folding, stop words, stems) live in `search.danish`; the
filters only apply them to a token stream.

The Danish chain is ``RegexTokenizer | TimeAbbreviationFilter | LowercaseFilter | FoldFilter | StopFilter |
NumberFilter | PartsFilter | DecompoundFilter | StemFilter``. `DecompoundFilter` sees folded, unstemmed
words and adds the parts of compounds at the same position (`search.decompound`), as
`PartsFilter` does for hyphenated words.
"""

from __future__ import annotations

import re
import weakref
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from whoosh.analysis import CompositeAnalyzer, LowercaseFilter, RegexTokenizer, StopFilter, Token
from whoosh.analysis.acore import Composable
from whoosh.analysis.filters import Filter
from whoosh.analysis.tokenizers import Tokenizer
from whoosh.formats import Positions

from search import danish, decompound

if TYPE_CHECKING:
    from whoosh.fields import Schema

# Separates the values of a multi-valued facet (topics) in one stored string.
VALUE_SEPARATOR = "\x1f"
# The weight of a compound's part relative to the word itself (see DecompoundFilter).
PART_BOOST = 0.7

_PART_RE = re.compile(r"[^\W\d_]{2,}")  # runs of two or more letters: "waage", "jensen"


# Raise with any change to how the analyzers read text that leaves the schema's fields as they
# are: the index's build stamp holds it (`indexer.update.build_stamp`), so the next run rebuilds
# an index whose terms were written the old way while the site goes on answering from it.
# 2: accents folded away ("Yalçin" is "yalcin"); 3: case number tails, section labels that
# name an earlier committee's meeting are words of the item (`search.schema.body_text`), the
# names of an attendance list numbered apart (`NamePositions`); 4: a dash between alphanumerics
# is a hyphen ("588–2021–1874"), "*cafe" ends compounds ("lektiecafé"); 5: «ikke» is indexed
# (`search.danish.SEARCHED_SMALL_WORDS`)
ANALYSIS_VERSION = 5

# A time of day after «KL» in capitals: "17", "9", "17.00" (a heading in capitals: "MØDET KL. 17.00").
_HOUR_RE = re.compile(r"(?:[01]?\d|2[0-4])(?:[.:][0-5]\d)?")


class TimeAbbreviationFilter(Filter):
    """Reads the time's «kl.» ("kl. 17.00", a sentence's "Kl. 16") as «klokken», before case is
    lost; «KL» in capitals, Kommunernes Landsforening, stays the word «kl», unless a time of
    day follows it, as in a heading in capitals ("MØDET BEGYNDTE KL. 17.00"). Lower-cased
    alike, the two were one word: a search for KL found every meeting's time of day.

    >>> chain = RegexTokenizer(danish.TOKEN_PATTERN) | TimeAbbreviationFilter()
    >>> [t.text for t in chain("kl. 17 Kl. 9 KL kl")]
    ['klokken', '17', 'klokken', '9', 'KL', 'klokken']
    >>> [t.text for t in chain("MØDET KL. 17.00 KL 2019 KL anbefaler KL")]
    ['MØDET', 'klokken', '17.00', 'KL', '2019', 'KL', 'anbefaler', 'KL']
    """

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        held: Token | None = None  # a «KL» waiting for the token after it (tokenizers reuse one Token)
        for t in tokens:
            if held is not None:
                if _HOUR_RE.fullmatch(t.text):
                    held.text = "klokken"
                yield held
                held = None
            if t.text in ("kl", "Kl"):
                t.text = "klokken"
            elif t.text == "KL":
                held = t.copy()
                continue
            yield t
        if held is not None:
            yield held


class FoldFilter(Filter):
    """Folds Danish letters to their ASCII spellings (`æ` → `ae`, `å` → `aa`) via `danish.fold`.

    >>> [t.text for t in (RegexTokenizer() | FoldFilter())("Næstved Rådet")]
    ['naestved', 'raadet']
    """

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = danish.fold(t.text)
            yield t


class NumberFilter(Filter):
    """Gives a number token the terms `danish.number_terms` reads in it: `150.000` and `150 000`
    are `150000`, `1,50` is `1,5`, `§ 18` is `§18`, `§§ 12 og 13` both sections. At index
    time a section adds its plain number (`18`) and spaced digits their groups, at the same
    position, so a plain "18" still finds "§ 18". Comes after the stop filter, which would
    give the added terms positions of their own.

    >>> chain = RegexTokenizer(danish.TOKEN_PATTERN) | NumberFilter()
    >>> [(t.text, t.pos) for t in chain("servicelovens § 18", mode="index", positions=True)]
    [('servicelovens', 0), ('§18', 1), ('18', 1)]
    """

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        for t in tokens:
            read = danish.number_terms(t.text) if not t.stopped else None
            if read is None:
                yield t
                continue
            for term in read.terms + (read.parts if t.mode == "index" else ()):
                t.text = term
                yield t


class PartsFilter(Filter):
    """Adds the alphabetic parts of hyphenated or slashed words at the same position.

    "Waage-Jensen" stays findable as a whole and by "Jensen"; a case number or a date
    ("00.01.00-a21-1-14", "21.05.2015") is kept whole and adds only its alphabetic parts
    of two letters or more. Only at index time: a query for the whole word matches the
    whole token, a query for a part matches the part. Stop words are not added as parts.
    """

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        for t in tokens:
            text = t.text
            if t.mode != "index" or text.isalnum():
                yield t
                continue
            chars = t.chars
            start = t.startchar if chars else 0
            yield t
            for match in _PART_RE.finditer(text):
                part = match.group(0)
                if part == text or danish.is_stop(part):
                    continue
                t.text = part
                if chars:
                    t.startchar = start + match.start()
                    t.endchar = start + match.end()
                yield t


class DecompoundFilter(Filter):
    """Adds the parts of a Danish compound at its position, each weighing `boost` (index time only).

    "boligplacering" stays whole and adds "bolig" and "placering" (stemmed by the next
    filter), so a search for "placering" finds it, ranked below a passage that has the word
    itself: a posting's weight is the sum of its tokens' boosts. `lexicon` is None for the
    shipped lexicon (loaded by `search.decompound` on first use, so an index that never
    learned pickles nothing but the boost), or the lexicon an index learned from its corpus
    (`use_compound_lexicon`), pickled with the schema so every later write splits alike.

    >>> [(t.text, t.pos, t.boost) for t in (RegexTokenizer() | DecompoundFilter())("boligplacering", mode="index", positions=True)]
    [('boligplacering', 0, 1.0), ('bolig', 0, 0.7), ('placering', 0, 0.7)]
    """

    lexicon: decompound.Lexicon | None = None  # also for filters pickled before it existed

    def __init__(self, boost: float = PART_BOOST, lexicon: decompound.Lexicon | None = None) -> None:
        self.boost = boost
        if lexicon is not None:
            self.lexicon = lexicon

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        split = (self.lexicon if self.lexicon is not None else decompound.default_lexicon()).split
        for t in tokens:
            # Read the word before yielding: later filters change the shared token in place.
            parts = split(t.text) if t.mode == "index" and not t.stopped else ()
            boost = t.boost
            yield t
            for part in parts:
                t.text = part
                t.boost = boost * self.boost
                yield t
            t.boost = boost


def _decompound_filters(schema: Schema) -> list[DecompoundFilter]:
    found: dict[int, DecompoundFilter] = {}
    for _name, field in schema.items():
        analyzer = getattr(field, "analyzer", None)
        for item in getattr(analyzer, "items", ()):
            if isinstance(item, DecompoundFilter):
                found[id(item)] = item
    return list(found.values())


def compound_lexicon(schema: Schema) -> decompound.Lexicon:
    """The lexicon the index with this schema splits compounds by (interned: see `decompound.interned`)."""
    for item in _decompound_filters(schema):
        if item.lexicon is not None:
            item.lexicon = decompound.interned(item.lexicon)
            return item.lexicon
    return decompound.default_lexicon()


def use_compound_lexicon(schema: Schema, lexicon: decompound.Lexicon) -> None:
    """Make every field of `schema` split compounds by `lexicon` (a writer's schema, before it adds)."""
    for item in _decompound_filters(schema):
        item.lexicon = lexicon


class StemFilter(Filter):
    """Replaces each word by its Danish stem via `danish.stem` (numbers stay as written)."""

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        for t in tokens:
            if not t.stopped:
                t.text = danish.stem(t.text)
            yield t


class ValueTokenizer(Tokenizer):
    """Yields each whole value of a facet field: a list of values or one separator-joined string."""

    def __call__(
        self,
        value: str | list[str] | tuple[str, ...],
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        values = value.split(VALUE_SEPARATOR) if isinstance(value, str) else list(value)
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        offset = start_char
        for pos, text in enumerate(v.strip() for v in values):
            if text:
                t.text = text
                t.boost = 1.0
                t.stopped = False
                if keeporiginal:
                    t.original = text
                if positions:
                    t.pos = start_pos + pos
                if chars:
                    t.startchar, t.endchar = offset, offset + len(text)
                yield t
            offset += len(text) + 1


def DanishAnalyzer(lexicon: decompound.Lexicon | None = None) -> CompositeAnalyzer:  # noqa: N802 (Whoosh's naming)
    """The analyzer of every Danish text field: tokenize, lower-case, fold, drop stop words, read
    numbers, stem; at index time compounds are split by `lexicon` (None: the shipped one).

    >>> [t.text for t in DanishAnalyzer()("Modtagelse af flygtningene i Næstved 21.05.2015")]
    ['modtag', 'flygtning', 'naestved', '21.05.2015']
    >>> [t.text for t in DanishAnalyzer()("ca. 1,8 mio. kr. efter § 18, i alt 150 000 kr.")]
    ['ca', '1,8', 'mio', 'kr', '§18', '150000', 'kr']
    >>> [t.text for t in DanishAnalyzer()("Helle Waage-Jensen", mode="index")]
    ['helle', 'waage-jensen', 'waag', 'jens']
    """
    return (
        RegexTokenizer(danish.TOKEN_PATTERN)
        | TimeAbbreviationFilter()
        | LowercaseFilter()
        | FoldFilter()
        | StopFilter(stoplist=danish.FOLDED_STOP_WORDS, minsize=1, renumber=True)
        | NumberFilter()
        | PartsFilter()
        | DecompoundFilter(PART_BOOST, lexicon)
        | StemFilter()
    )


class DanishPositions(Positions):
    """Whoosh's `Positions` format for the Danish text fields, analysing each distinct word once.

    Whoosh's writer runs the whole analyzer chain, eight generator stages, for every token
    of every passage: a quarter of a build's time. Every stage of the Danish chain treats a
    word alike wherever it stands; only a token's position depends on the words before it
    (the stop filter renumbers the words it keeps), except «KL» before a time of day, which
    this format reads as `TimeAbbreviationFilter` does. So at index time this format runs the
    chain once per distinct word, memoises the word's tokens (text and boost; none for a
    stop word) and numbers the positions itself: the postings are exactly those of
    `Positions` (a test compares them on the seeds and a generated corpus). Any other
    analyzer or call goes through `Positions` unchanged.
    """

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Iterator[tuple[str, int, float, bytes]]:
        memo = _word_memo(analyzer) if isinstance(value, str) and kwargs == {"mode": "index"} else None
        if memo is None:
            yield from super().word_values(value, analyzer, **kwargs)
            return
        poses: defaultdict[str, list[int]] = defaultdict(list)
        weights: defaultdict[str, float] = defaultdict(float)
        for part, start in self._parts(value):
            _number_words(part, start, analyzer, memo, poses, weights)
        field_boost = self.field_boost
        for text, poslist in poses.items():
            yield (text, len(poslist), weights[text] * field_boost, self.encode(poslist))

    def _parts(self, value: str) -> Iterator[tuple[str, int]]:
        """The value's parts numbered apart, each with the position of its first word: one here."""
        yield value, 0


def _number_words(value: str, pos: int, analyzer: Any, memo: dict[str, tuple[tuple[str, float], ...]],
                  poses: defaultdict[str, list[int]], weights: defaultdict[str, float]) -> int:
    """Add the words of `value` from position `pos` on to `poses` and `weights`; the next position."""
    words = analyzer.items[0].expression.findall(value)
    for i, word in enumerate(words):
        if word == "KL" and i + 1 < len(words) and _HOUR_RE.fullmatch(words[i + 1]):
            word = "kl"  # the time's, as `TimeAbbreviationFilter` reads it before a time of day
        word_tokens = memo.get(word)
        if word_tokens is None:
            word_tokens = tuple((t.text, t.boost) for t in analyzer(word, mode="index", positions=True, boosts=True))
            if len(memo) >= _WORD_MEMO_LIMIT:
                memo.clear()
            memo[word] = word_tokens
        if not word_tokens:  # a stop word: dropped, and the next word takes its position
            continue
        for text, boost in word_tokens:
            poses[text].append(pos)
            weights[text] += boost
        pos += 1
    return pos


class NamePositions(DanishPositions):
    """`DanishPositions` for a list of names, one per line (the attendance fields): each name's
    words are numbered `NAME_GAP` on from the last name's, so a phrase that lets words stand
    between a name's words (its middle names) never spans two names: "Mette Boye" is not
    «Mette Olsen» above «Karl Boye».

    >>> fmt = NamePositions()
    >>> names = "Mette Olsen" + chr(10) + "Karl Boye"  # one per line
    >>> {t: fmt.decode_positions(p) for t, _, _, p in fmt.word_values(names, DanishAnalyzer(), mode="index")}
    {'met': [0], 'ols': [1], 'karl': [12], 'boye': [13]}
    """

    def _parts(self, value: str) -> Iterator[tuple[str, int]]:
        pos = 0
        for name in value.split("\n"):
            yield name, pos
            pos += len(name.split()) + NAME_GAP


# Positions between two names of a list: more than any phrase's slop (`search.compile.ATTENDANCE_SLOP`).
NAME_GAP = 10


# The chain `DanishPositions` may memoise by word: its stages, in order (see DanishAnalyzer).
_PER_WORD_CHAIN = (RegexTokenizer, TimeAbbreviationFilter, LowercaseFilter, FoldFilter, StopFilter, NumberFilter,
                   PartsFilter, DecompoundFilter, StemFilter)
_WORD_MEMO_LIMIT = 500_000  # distinct words kept per analyzer (~100 MB at most)
# Per analyzer object (by id: Whoosh analyzers define equality, so they cannot be hashed):
# the compound lexicon its memo was made with, and the memo (word -> tokens). Not an
# attribute of the analyzer, which Whoosh pickles into the index; dropped with it.
_word_memos: dict[int, tuple[Any, dict[str, tuple[tuple[str, float], ...]]]] = {}


def _word_memo(analyzer: Any) -> dict[str, tuple[tuple[str, float], ...]] | None:
    """The word memo of a Danish chain, or None for an analyzer whose tokens depend on context."""
    items = getattr(analyzer, "items", None)
    if (
        not isinstance(analyzer, CompositeAnalyzer)
        or len(items) != len(_PER_WORD_CHAIN)
        or any(type(item) is not kind for item, kind in zip(items, _PER_WORD_CHAIN))
        or items[0].gaps
        or items[0].expression.groups  # findall must give whole matches
        or not items[_PER_WORD_CHAIN.index(StopFilter)].renumber
    ):
        return None
    # The splitting changes with the lexicon (`use_compound_lexicon`).
    lexicon = items[_PER_WORD_CHAIN.index(DecompoundFilter)].lexicon
    key = id(analyzer)
    entry = _word_memos.get(key)
    if entry is None:
        weakref.finalize(analyzer, _word_memos.pop, key, None)
    if entry is None or entry[0] is not lexicon:
        entry = _word_memos[key] = (lexicon, {})
    return entry[1]


def FacetAnalyzer() -> CompositeAnalyzer:  # noqa: N802
    """Whole facet values, lower-cased and folded, so a filter matches "Næstved" and "naestved".

    >>> [t.text for t in FacetAnalyzer()(["Næstved", "Børn og unge"])]
    ['naestved', 'boern og unge']
    """
    return ValueTokenizer() | LowercaseFilter() | FoldFilter()


class CaseNumberTailFilter(Filter):
    """At index time, adds to a whole case number its tails after each dash or slash, so the
    part a reporter copies from a letter finds the case: "A21-1-14" of «00.01.00-A21-1-14»,
    "2021-1874" of «588-2021-1874». A tail is kept only while it still has a separator and six
    characters: "1-14" or "1874" alone would name a great many cases; a last part of five
    digits or more is a serial number of its own (`case_number_tails`).

    >>> [t.text for t in CaseNumberAnalyzer()("00.01.00-A21-1-14", mode="index")]
    ['00.01.00-a21-1-14', 'a21-1-14']
    >>> [t.text for t in CaseNumberAnalyzer()("588-2021-1874", mode="index")]
    ['588-2021-1874', '2021-1874']
    >>> [t.text for t in CaseNumberAnalyzer()("15/4410", mode="index")]
    ['15/4410']
    >>> [t.text for t in CaseNumberAnalyzer()("00.01.00-A21-1-14", mode="query")]
    ['00.01.00-a21-1-14']
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            whole = t.text
            yield t
            if t.mode != "index":
                continue
            for tail in case_number_tails(whole):
                t.text = tail
                yield t


def case_number_tails(value: str) -> list[str]:
    """The tails of a case number that `CaseNumberTailFilter` indexes, longest first; and its
    last part when that is a serial number of five digits or more ("88412" of «731-2011-88412»).

    >>> case_number_tails("731-2011-88412"), case_number_tails("19/20102"), case_number_tails("588-2021-1874")
    (['2011-88412', '88412'], ['20102'], ['2021-1874'])
    """
    tails = [tail for m in _TAIL_START_RE.finditer(value)
             if len(tail := value[m.end():]) >= 6 and _SEPARATOR_RE.search(tail)]
    last = _SERIAL_RE.search(value)
    if last and last.group(0) != value:
        tails.append(last.group(0))
    return tails


_TAIL_START_RE = re.compile(r"[-/](?=\w)")
_SEPARATOR_RE = re.compile(r"\w[-/.]\w")
_SERIAL_RE = re.compile(r"(?<=[-/.])\d{5,}$")


def CaseNumberAnalyzer() -> CompositeAnalyzer:  # noqa: N802
    """A case number as one lower-case token, so `sagsnr:00.01.00-a21-1-14` matches exactly,
    and at index time its tails (`CaseNumberTailFilter`)."""
    return ValueTokenizer() | LowercaseFilter() | CaseNumberTailFilter()


def ExactValueAnalyzer() -> CompositeAnalyzer:  # noqa: N802
    """A value as one lower-case token: an ISO date, an item number ("3a", "§3")."""
    return ValueTokenizer() | LowercaseFilter()


def analyze(analyzer: Composable, text: str, *, mode: str = "query") -> list[str]:
    """The token texts an analyzer makes of `text` (query mode unless told otherwise)."""
    return [t.text for t in analyzer(text, mode=mode)]


def word_terms(word: str, lexicon: decompound.Lexicon | None = None) -> frozenset[str]:
    """Every index term the Danish analyzer makes of one word, for highlighting matches;
    compounds are split by `lexicon` (an index's, see `compound_lexicon`; default: shipped).

    >>> sorted(word_terms("Waage-Jensen"))
    ['jens', 'waag', 'waage-jensen']

    A case number's tails too, as its field indexes them: «A21-1-14» found the item by its case
    number, whose mark then says why.

    >>> sorted(word_terms("00.01.00-A21-1-14"))
    ['00.01.00-a21-1-14', 'a21-1-14']
    """
    table = word_terms_table(lexicon)
    found = table.get(word)
    if found is None:
        if len(table) >= _WORD_TERMS_LIMIT:
            table.clear()
        terms = {t.text for t in _highlight_analyzer(_or_default(lexicon))(word, mode="index")}
        if any(c.isdigit() for c in word) and _SEPARATOR_RE.search(word):
            terms.update(case_number_tails(word.lower()))
        found = table[word] = frozenset(terms)
    return found


def word_terms_table(lexicon: decompound.Lexicon | None = None) -> dict[str, frozenset[str]]:
    """The memo behind `word_terms` for one lexicon (word -> terms). A loop over every word of
    a text (highlighting) reads it directly and calls `word_terms` only for words it lacks:
    a dictionary look-up instead of a call that hashes the lexicon."""
    return _word_terms_tables(_or_default(lexicon))


_WORD_TERMS_LIMIT = 100_000  # words remembered per lexicon


@lru_cache(maxsize=4)
def _word_terms_tables(lexicon: decompound.Lexicon) -> dict[str, frozenset[str]]:
    return {}


danish.when_stems_change(_word_terms_tables.cache_clear)


def _or_default(lexicon: decompound.Lexicon | None) -> decompound.Lexicon:
    return lexicon if lexicon is not None else decompound.default_lexicon()


@lru_cache(maxsize=4)
def _highlight_analyzer(lexicon: decompound.Lexicon) -> CompositeAnalyzer:
    return DanishAnalyzer(lexicon)
