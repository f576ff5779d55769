"""The fixed world the synthetic archive is drawn from, and what each file must segment into.

Towns and their layout family, councils, staff, vocabulary, all drawn with Zipf-like weights
(`Zipf`), and the expectations (`ExpectedDocument`, `ExpectedPassage`) written to the manifest.
"""

from __future__ import annotations

import bisect
import itertools
import random
from dataclasses import dataclass, field

from bench import vocab

FAMILIES = ("caps", "polweb", "punkt", "pkt", "edoc")
YEARS = tuple(range(2011, 2026))  # fifteen years


@dataclass
class ExpectedPassage:
    number: int | None
    title: str
    case_number: str | None = None
    case_handler: str | None = None
    has_decision: bool = True


@dataclass
class ExpectedDocument:
    path: str  # relative to the docs folder
    family: str
    doc_type: str
    municipality: str
    council: str
    meeting_date: str | None
    year: int
    passages: list[ExpectedPassage] = field(default_factory=list)


class Zipf:
    """Draws items with weight 1/rank^s: item 0 is the most common."""

    def __init__(self, items: list | tuple, s: float = 1.0) -> None:
        self.items = list(items)
        self.cum = list(itertools.accumulate(1.0 / (rank + 1) ** s for rank in range(len(self.items))))

    def __call__(self, rng: random.Random):
        return self.items[bisect.bisect(self.cum, rng.random() * self.cum[-1])]


class Archive:
    """The fixed world the documents are drawn from: towns, their layouts, staff, vocabulary."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(seed)
        self.towns = vocab.towns(60)
        self.family = {t: FAMILIES[(i * 3 + i // 5) % len(FAMILIES)] for i, t in enumerate(self.towns)}
        self.town = Zipf(self.towns, 1.0)
        self.council = Zipf(vocab.COUNCILS, 0.9)
        self.compound = Zipf(vocab.compounds(), 1.05)
        sentences = list(vocab.seed_sentences())
        rng.shuffle(sentences)
        self.sentence = Zipf(sentences, 0.7)
        self.association = Zipf(vocab.ASSOCIATIONS, 0.8)
        self.title_frame = Zipf(vocab.TITLE_FRAMES, 0.6)
        self.decision = Zipf(vocab.DECISIONS, 1.0)
        self.year_weights = list(itertools.accumulate(1.0 + 0.15 * k for k in range(len(YEARS))))
        self.staff: dict[str, Zipf] = {}
        for i, town in enumerate(self.towns):
            people = random.Random(seed * 1000 + i)
            names: list[str] = []
            while len(names) < 25:
                name = f"{people.choice(vocab.FIRST_NAMES)} {people.choice(vocab.LAST_NAMES)}"
                if people.random() < 0.2:
                    name = name.replace(" ", f" {people.choice(vocab.LAST_NAMES)} ", 1)
                if name not in names:
                    names.append(name)
            self.staff[town] = Zipf(names, 1.1)

    def year(self, rng: random.Random) -> int:
        return YEARS[bisect.bisect(self.year_weights, rng.random() * self.year_weights[-1])]
