"""Topics from a small, editable Danish vocabulary, matched on stemmed words.

The vocabulary is a data file (`indexer/data/topics.txt`, one `topic: keyword, keyword` line
per topic); `$REFERATSOG_TOPICS` names an extra file whose lines add keywords or topics.
Keywords are stemmed exactly as search terms are (`search.danish.terms`), and a keyword also
matches as a part of a compound ("bolig" in "boligplacering"), since Danish writes compounds
as one word.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from search.danish import terms

_MIN_COMPOUND_PART = 4  # shorter keyword stems match whole words only ("ung" must not hit "forening")
_TITLE_WEIGHT = 3
_MIN_SCORE = 2
_MAX_TOPICS = 4
FALLBACK_TOPIC = "rådets arbejde"


@dataclass(frozen=True)
class Topic:
    name: str
    keywords: tuple[tuple[str, ...], ...]  # each keyword as its sequence of stems


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
    """Assigns topics to a passage from its title and text."""

    def __init__(self, vocabulary: dict[str, list[str]]) -> None:
        self.topics = tuple(
            Topic(name, tuple(stems for stems in (tuple(terms(k)) for k in keywords) if stems))
            for name, keywords in vocabulary.items()
        )

    @classmethod
    def from_files(cls, extra: Path | None = None) -> TopicTagger:
        text = resources.files("indexer").joinpath("data/topics.txt").read_text(encoding="utf-8")
        vocabulary = parse_vocabulary(text)
        if extra is not None:
            for name, words in parse_vocabulary(extra.read_text(encoding="utf-8")).items():
                vocabulary.setdefault(name, []).extend(words)
        return cls(vocabulary)

    def tag(self, title: str, text: str) -> tuple[str, ...]:
        """Topics whose keywords occur often enough, strongest first (at least one topic)."""
        scores: Counter[str] = Counter()
        for weight, stems in ((_TITLE_WEIGHT, terms(title)), (1, terms(text))):
            for topic in self.topics:
                hits = sum(_count(keyword, stems) for keyword in topic.keywords)
                if hits:
                    scores[topic.name] += weight * hits
        chosen = [name for name, score in scores.most_common() if score >= _MIN_SCORE][:_MAX_TOPICS]
        if not chosen:
            chosen = [name for name, _ in scores.most_common(1)] or [FALLBACK_TOPIC]
        return tuple(chosen)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.topics)


def _count(keyword: tuple[str, ...], stems: list[str]) -> int:
    if len(keyword) > 1:
        n = len(keyword)
        return sum(1 for i in range(len(stems) - n + 1) if tuple(stems[i:i + n]) == keyword)
    word = keyword[0]
    if len(word) < _MIN_COMPOUND_PART:
        return sum(1 for s in stems if s == word)
    return sum(1 for s in stems if s == word or s.startswith(word) or (len(s) > len(word) and s.endswith(word)))


@lru_cache(maxsize=4)
def default_tagger(extra: Path | None = None) -> TopicTagger:
    return TopicTagger.from_files(extra)


def topic_names(taggers: Iterable[TopicTagger]) -> list[str]:
    return sorted({name for tagger in taggers for name in tagger.names})
