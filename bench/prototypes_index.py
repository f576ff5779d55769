"""What-if measurements for the proposed indexer changes (docs/benchmarks.md), without editing indexer/.

    python -m bench.prototypes_index CORPUS_DOCS_DIR [--files N]

Reads N files of a generated corpus through `indexer.pipeline.read_document` as it is,
then again with each proposed change patched in for the duration of the run, checks that
every passage comes out identical, and prints passages/s (one process):

1. topics: `TopicTagger.tag` matching keywords per *distinct* word through dictionary
   look-ups of the word's prefixes and suffixes (cached per word), instead of testing
   every keyword against every token (`topics._count`: ~60% of a full build);
2. hyphenation: `clean._LINE_END_HYPHEN.search` only on lines that end in "-" (the
   pattern is anchored at the end but `search` tries every start position: ~20%).
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path


class FastTopics:
    """The same topics as `TopicTagger.tag`, found per distinct word by look-ups."""

    def __init__(self, tagger) -> None:  # noqa: ANN001 (indexer.topics.TopicTagger)
        from indexer import topics as t

        self.t = t
        self.names = [topic.name for topic in tagger.topics]
        self.by_stem: dict[str, list[int]] = {}  # keyword stem -> topic indexes (once per keyword)
        self.by_word: dict[str, list[int]] = {}  # keyword word (>= 4 letters) -> topic indexes
        self.short: set[tuple[str, int]] = set()
        self.phrases: list[tuple[int, tuple[str, ...]]] = []
        for k, topic in enumerate(tagger.topics):
            for keyword in topic.keywords:
                if len(keyword) > 1:
                    self.phrases.append((k, tuple(s for _, s in keyword)))
                    continue
                (word, stem), = keyword
                self.by_stem.setdefault(stem, []).append(k)
                if len(word) >= t._MIN_COMPOUND_PART:
                    self.by_word.setdefault(word, []).append(k)
                else:
                    self.short.add((stem, k))
        self.keywords = [(k, kw) for k, topic in enumerate(tagger.topics) for kw in topic.keywords if len(kw) == 1]

    @lru_cache(maxsize=200_000)  # noqa: B019 (one instance per run)
    def _word_hits(self, word: str, stem: str) -> tuple[int, ...]:
        """Per topic, how many of its single keywords this (word, stem) matches (as `_count` does)."""
        hits = []
        for k, ((kw_word, kw_stem),) in self.keywords:
            if len(kw_word) < self.t._MIN_COMPOUND_PART:
                ok = stem == kw_stem
            else:
                ok = stem == kw_stem or word.startswith(kw_word) or (len(word) > len(kw_word) and word.endswith(kw_word))
            if ok:
                hits.append(k)
        return tuple(hits)

    def tag(self, title: str, text: str) -> tuple[str, ...]:
        t = self.t
        scores: Counter[str] = Counter()
        for weight, found in ((t._TITLE_WEIGHT, t.words(title)), (1, t.words(text))):
            per_topic: Counter[int] = Counter()
            for (word, stem), n in Counter(found).items():
                for k in self._word_hits(word, stem):
                    per_topic[k] += n
            if self.phrases:
                stems = [s for _, s in found]
                for k, wanted in self.phrases:
                    size = len(wanted)
                    per_topic[k] += sum(1 for i in range(len(stems) - size + 1) if tuple(stems[i:i + size]) == wanted)
            for k in sorted(per_topic):  # topic order, as the original loop adds them
                if per_topic[k]:
                    scores[self.names[k]] += weight * per_topic[k]
        chosen = [name for name, score in scores.most_common() if score >= t._MIN_SCORE][:t._MAX_TOPICS]
        if not chosen:
            chosen = [name for name, _ in scores.most_common(1)] or [t.FALLBACK_TOPIC]
        return tuple(chosen)


class EndAnchored:
    """`_LINE_END_HYPHEN` that skips `search` on lines that cannot match (no final hyphen)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern

    def search(self, text: str):  # noqa: ANN201
        return self.pattern.search(text) if text.endswith("-") else None


@contextmanager
def patched(topics: bool, hyphen: bool):  # noqa: ANN201
    from indexer import clean, topics as t

    tagger = t.default_tagger(None)
    saved_tag, saved_re = t.TopicTagger.tag, clean._LINE_END_HYPHEN
    try:
        if topics:
            fast = FastTopics(tagger)
            t.TopicTagger.tag = lambda self, title, text: fast.tag(title, text)
        if hyphen:
            clean._LINE_END_HYPHEN = EndAnchored(saved_re)
        yield
    finally:
        t.TopicTagger.tag, clean._LINE_END_HYPHEN = saved_tag, saved_re


def read_all(files: list[Path], root: Path) -> tuple[float, list]:
    from indexer.pipeline import read_document

    started = time.perf_counter()
    documents = [read_document(f, root) for f in files]
    return time.perf_counter() - started, documents


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("docs", type=Path)
    parser.add_argument("--files", type=int, default=150)
    args = parser.parse_args()
    files = sorted(args.docs.rglob("*.txt"))[: args.files]
    read_all(files[:5], args.docs)  # imports and data files loaded
    seconds, reference = read_all(files, args.docs)
    passages = sum(len(d.passages) for d in reference)
    print(f"{len(files)} files, {passages} passages, one process")
    print("| variant | seconds | passages/s | identical passages |\n|---|---:|---:|---|")
    print(f"| as it is | {seconds:.2f} | {passages / seconds:.0f} | – |")
    for name, topics, hyphen in (("fast topics", True, False), ("end-anchored hyphen search", False, True), ("both", True, True)):
        with patched(topics, hyphen):
            seconds, documents = read_all(files, args.docs)
        same = documents == reference
        print(f"| {name} | {seconds:.2f} | {passages / seconds:.0f} | {same} |")


if __name__ == "__main__":
    main()
