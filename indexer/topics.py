"""Topics from a small, editable Danish vocabulary, matched on stemmed words.

The vocabulary is a data file (`indexer/data/topics.txt`, or the `topics.txt` in
`$REFERATSOG_DATA` that replaces it; one `topic: keyword, keyword` line per topic);
`$REFERATSOG_TOPICS` names an extra file whose lines add keywords or topics.
Keywords are stemmed exactly as search terms are (`search.danish.terms`), and a keyword also
matches as a part of a compound ("bolig" in "boligplacering"), since Danish writes compounds
as one word. A keyword with a leading `-` names words that contain a keyword of the
topic but are not about it ("-forældre" under ældre og omsorg, which has "ældre"; "-elevator"
under uddannelse, which has "elev"): words holding it («plejeforældre», «elevatoren») match
the topic's keywords by stem only, never as a compound part. Written with a capital ("-Danske"
under sprog) it names the first word of proper names instead: capitalised and followed by
another capitalised word («Danske Seniorer», «Danske Ældreråd») the word is no evidence, as a
council's own name is not, while «dansk» and «danske» still are. A keyword written `titel:budget` counts in the
title only: «Budget 2026» is about the budget, while one «budgettet» in a text is not.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from indexer import datafiles
from indexer.datafiles import DataFileError, data_file
from indexer.progress import printable
from search.danish import STOP_WORDS, fold, stem, tokens

_MIN_COMPOUND_PART = 4  # shorter keyword stems match whole words only ("ung" must not hit "forening")
_TITLE_WEIGHT = 3
_MIN_SCORE = 2
_MAX_TOPICS = 4
FALLBACK_TOPIC = "rådets arbejde"
# The shipped vocabulary, or the one in $REFERATSOG_DATA that replaces it (`$REFERATSOG_TOPICS` adds to either).
TOPICS_FILE = data_file("topics.txt", Path(__file__).resolve().parent / "data" / "topics.txt")


_STOP = frozenset(fold(w) for w in STOP_WORDS)


def words(text: str) -> list[tuple[str, str]]:
    """(folded word, stem) for each content word: stems match inflections, words compound parts.

    Both are needed: Snowball stems "bolig" to "bol", too short to look for inside
    "boligplacering", while the folded word "bolig" finds it.
    """
    return list(filter(None, map(_word, tokens(text))))  # C-level calls: this runs on every passage


@lru_cache(maxsize=100_000)
def _word(token: str) -> tuple[str, str] | None:
    word = fold(token)
    return None if word in _STOP else (word, stem(word))


_TITLE_ONLY = "titel:"


@dataclass(frozen=True)
class Topic:
    name: str
    keywords: tuple[tuple[tuple[str, str], ...], ...]  # each keyword as its (word, stem) sequence
    exceptions: tuple[str, ...] = ()  # folded words that merely contain a keyword ("forældre")
    title_keywords: tuple[tuple[tuple[str, str], ...], ...] = ()  # keywords that count in the title only
    name_words: tuple[str, ...] = ()  # capitalised words that start proper names ("Danske")


def _keyword_parts(keywords: list[str]) -> tuple[tuple[tuple[str, str], ...], ...]:
    return tuple(dict.fromkeys(parts for parts in (tuple(words(k)) for k in keywords) if parts))


def _topic(name: str, keywords: list[str]) -> Topic:
    exceptions = [k[1:].strip() for k in keywords if k.startswith("-") and k[1:].strip()]
    plain = [k for k in keywords if not k.startswith("-")]
    parts = _keyword_parts([k for k in plain if not k.startswith(_TITLE_ONLY)])
    # A capitalised exception that is a form of a keyword itself («-Danske» of «dansk») can only mean a
    # proper name's first word: as a mere exception it would switch the keyword off. Any other one keeps
    # its meaning, whatever its case («-Plejeforældre» in a user's file: a code review).
    stems = {keyword[0][1] for keyword in parts if len(keyword) == 1}
    names = [e for e in exceptions if e[0].isupper() and len(own := tuple(words(e))) == 1 and own[0][1] in stems]
    return Topic(name,
                 parts,
                 tuple(dict.fromkeys(fold(e) for e in exceptions if e not in names)),
                 _keyword_parts([k[len(_TITLE_ONLY):] for k in plain if k.startswith(_TITLE_ONLY)]),
                 tuple(dict.fromkeys(names)))


def parse_vocabulary(text: str) -> dict[str, list[str]]:
    """`topic: kw, kw` lines → {topic: [keywords]}; `#` starts a comment."""
    vocabulary: dict[str, list[str]] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or ":" not in line:
            continue
        name, _, words = line.partition(":")
        keywords = [w.strip() for w in words.split(",") if w.strip()]
        vocabulary.setdefault(name.strip().lower(), []).extend(keywords)
    return vocabulary


class TopicTagger:
    """Assigns topics to a passage from its title and text.

    Which keywords a word matches depends only on the word, so it is computed once per
    distinct word and cached: tagging a passage then costs one lookup per word instead of
    one comparison per word and keyword.
    """

    _CACHE_LIMIT = 200_000

    def __init__(self, vocabulary: dict[str, list[str]]) -> None:
        # Each keyword once per topic as it matches (folded and stemmed): «medborgerskab» and
        # «Medborgerskab», or the shipped list copied into $REFERATSOG_TOPICS, counted every
        # mention twice.
        self.topics = tuple(_topic(name, keywords) for name, keywords in vocabulary.items())
        self._exceptions = {t.name: t.exceptions for t in self.topics if t.exceptions}
        # (topic, (word, stem)) per single-word keyword; `_title_only` holds the indices of those
        # that count in the title only
        self._single = [(t.name, k[0]) for t in self.topics for k in t.keywords if len(k) == 1]
        self._title_only = frozenset(range(len(self._single), len(self._single) + sum(
            1 for t in self.topics for k in t.title_keywords if len(k) == 1)))
        self._single += [(t.name, k[0]) for t in self.topics for k in t.title_keywords if len(k) == 1]
        self._phrases = [(t.name, tuple(s for _, s in k), False) for t in self.topics for k in t.keywords if len(k) > 1]
        self._phrases += [(t.name, tuple(s for _, s in k), True)
                          for t in self.topics for k in t.title_keywords if len(k) > 1]
        names = sorted({n for t in self.topics for n in t.name_words}, key=len, reverse=True)
        # A capitalised name word, then (over spaces or a hyphen) a capitalised word: «Danske Seniorers»
        self._names = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names))
                                 + r")\w{0,2}(?!\w)(?=[\s-]+[A-ZÆØÅ]\w*[a-zæøå])") if names else None
        self._cache: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}
        # A word matches a single keyword with the same stem or, when the keyword is long
        # enough to stand inside a compound, one that the word starts with or (being longer)
        # ends with. The keywords by stem and by word make that a lookup per stem, prefix and
        # suffix of a new word instead of a comparison with every keyword.
        self._by_stem: dict[str, list[int]] = {}
        self._by_part: dict[str, list[int]] = {}
        for i, (_name, (word, stem_)) in enumerate(self._single):
            self._by_stem.setdefault(stem_, []).append(i)
            if len(word) >= _MIN_COMPOUND_PART:
                self._by_part.setdefault(word, []).append(i)

    @classmethod
    def from_files(cls, extra: Path | None = None) -> TopicTagger:
        """The shipped vocabulary (`TOPICS_FILE`) and the `extra` file's lines. A shipped file that
        cannot be read or has a line that is no «emne: nøgleord, …» is a `DataFileError` naming
        it; the extra file's problems are `VocabularyError`s naming `$REFERATSOG_TOPICS`."""
        vocabulary = parse_vocabulary(_checked_text(TOPICS_FILE))
        if extra is not None:
            for name, words in parse_vocabulary(_checked_text(extra, extra=True)).items():
                vocabulary.setdefault(name, []).extend(words)
        return cls(vocabulary)

    def tag(self, title: str, text: str, *, council: str | None = None, fallback: bool = True) -> tuple[str, ...]:
        """Topics whose keywords occur often enough, strongest first (at least one topic, the
        strongest or `FALLBACK_TOPIC`, unless not `fallback`: a text that is no council document).

        The `council`'s own name is not evidence: "Beskæftigelsesudvalget skal godkende
        dagsordenen" is not about employment, and every item of that committee names it.
        """
        if council:
            name = _name_pattern(council)
            title, text = name.sub(" ", title), name.sub(" ", text)
        if self._names is not None:
            title, text = self._names.sub(" ", title), self._names.sub(" ", text)
        scores: Counter[str] = Counter()
        for in_title, weight, found in ((True, _TITLE_WEIGHT, words(title)), (False, 1, words(text))):
            # Each distinct word once, times its count (in order of first occurrence, so
            # topics with equal scores keep the order of the text).
            for pair, count in Counter(found).items():
                for name in self._topics_of(pair, title=in_title):
                    scores[name] += weight * count
            stems = [s for _, s in found]
            present = set(stems)
            for name, phrase, title_only in self._phrases:
                hits = _occurrences(phrase, stems) if (in_title or not title_only) and present.issuperset(phrase) else 0
                if hits:
                    scores[name] += weight * hits
        chosen = [name for name, score in scores.most_common() if score >= _MIN_SCORE][:_MAX_TOPICS]
        if not chosen and fallback:
            chosen = [name for name, _ in scores.most_common(1)] or [FALLBACK_TOPIC]
        return tuple(chosen)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.topics)

    def _topics_of(self, pair: tuple[str, str], *, title: bool = True) -> tuple[str, ...]:
        """One topic name per single-word keyword this (word, stem) matches (in the text, the
        title-only keywords left out)."""
        hit = self._cache.get(pair)
        if hit is None:
            word, stem_ = pair
            by_stem = set(self._by_stem.get(stem_, ()))
            by_part: set[int] = set()
            parts = self._by_part
            for end in range(_MIN_COMPOUND_PART, len(word) + 1):  # keywords the word starts with
                by_part.update(parts.get(word[:end], ()))
            for start in range(1, len(word) - _MIN_COMPOUND_PART + 1):  # ... and ends with (shorter ones)
                by_part.update(parts.get(word[start:], ()))
            if by_part and self._exceptions:
                by_part = {i for i in by_part
                           if not any(exception in word for exception in self._exceptions.get(self._single[i][0], ()))}
            found = sorted(by_stem | by_part)
            hit = (tuple(self._single[i][0] for i in found),
                   tuple(self._single[i][0] for i in found if i not in self._title_only))
            if len(self._cache) >= self._CACHE_LIMIT:
                self._cache.clear()
            self._cache[pair] = hit
        return hit[0] if title else hit[1]


@lru_cache(maxsize=256)
def _name_pattern(name: str) -> re.Pattern[str]:
    """A council's name as written in running text: any case and spacing, inflected
    ("Børne- og Skoleudvalgets"), as a whole word.

    >>> _name_pattern("Børne- og Skoleudvalget").sub("_", "BØRNE- OG SKOLEUDVALGETS møde; børne- og ungeområdet")
    '_ møde; børne- og ungeområdet'
    """
    words = name.split()
    return re.compile(r"(?<!\w)" + r"\s*".join(re.escape(w) for w in words) + r"\w*", re.IGNORECASE)


def _occurrences(phrase: tuple[str, ...], stems: list[str]) -> int:
    n = len(phrase)
    first = phrase[0]
    return sum(1 for i, s in enumerate(stems[: len(stems) - n + 1]) if s == first and tuple(stems[i:i + n]) == phrase)


@lru_cache(maxsize=4)
def default_tagger(extra: Path | None = None) -> TopicTagger:
    return TopicTagger.from_files(extra)


class VocabularyError(ValueError):
    """An extra topic vocabulary that cannot be used, in one Danish line naming it."""


def checked_tagger(extra: Path | None) -> TopicTagger:
    """`default_tagger(extra)`, or a `VocabularyError` saying why the extra file cannot be read
    (a `DataFileError` for the shipped `topics.txt`: the variable may not even be set).

    Checked before a run reads any document: a missing file used to fail every document,
    each reported as vanished, and a full build then committed an empty index."""
    return default_tagger(extra)


_FORM = "«emne: nøgleord, nøgleord»"


def _checked_text(path: Path, *, extra: bool = False) -> str:
    """The text of a vocabulary file, every line a comment or «emne: nøgleord, …»: a line that is
    not was dropped without a word, and the administrator's topic never appeared."""
    try:
        text = datafiles.read_text(path)
    except DataFileError as error:
        if not extra:
            raise
        reason = "er ikke tekst i UTF-8" if error.reason == datafiles.NOT_UTF8 else error.reason
        raise VocabularyError(f"REFERATSOG_TOPICS: emneordlisten {printable(str(path))} {reason}.") from None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if line and (":" not in line or not line.partition(":")[0].strip()):
            if extra:
                raise VocabularyError(f"REFERATSOG_TOPICS: emneordlisten {printable(str(path))}, linje {number}: "
                                      f"«{printable(line[:60])}» er ikke på formen {_FORM}.")
            raise datafiles.malformed(path, number, line, _FORM)
    return text
