"""When no passage has every word of a query: the passages that have the most of them.

Words are ANDed, so one word that no passage holds leaves nothing. That is what a question
typed as a reporter or a citizen would ask it does: "hvad besluttede integrationsrådet om
sprogcenter" (the minutes say "Anbefalet", not "besluttede"), "hvem stemte imod" (no minutes
say "hvem"). Instead of "Ingen resultater", the search then shows the passages that hold the
most of the words (`most_words`), labelled approximate, with a notice that says how many of
the words they hold and which word none of them has (`notice`).

Each passage shown holds the same number of the words. Those holding the rarer words come
first (`MostWords.tiers`: combinations of words by the sum of their inverse document
frequencies), then by the BM25F of the words each holds: the rarest word of a question is its
topic ("sprogcenter"), the commonest its setting ("integrationsrådet", the council's name in
half of its items' titles), and by BM25F alone "Beslutning om nyt kommissorium for
Integrationsrådet" (besluttede, integrationsrådet) came before the item that recommends
housing near the language centre (integrationsrådet, sprogcenter). Scores shown are each
passage's BM25F, so a later tier may show a higher one. The passages are described by a
query, an OR of the AND of each combination of words that occurs among them
(`MostWords.combinations`), so they are counted, faceted, paged and cached as the hits of any
query are. Only plain words and phrases are left out this way; field
values, dates, item and case numbers and exclusions still hold for every passage. A query of
more than `MAX_WORDS` words that finds nothing stays empty (the combinations would grow with
the number of words).

>>> found = most_words([frozenset({1, 2}), frozenset({2, 3}), frozenset()], None)
>>> found.count, found.combinations, found.absent, found.tiers
(2, ((0, 1),), (2,), (((0, 1),),))
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

MAX_WORDS = 8


@dataclass(frozen=True)
class MostWords:
    """The passages that hold the most of a query's words: how many words each holds, which
    combinations of words (their indexes, ascending) occur among them, and which words none
    of them holds."""

    count: int
    combinations: tuple[tuple[int, ...], ...]
    absent: tuple[int, ...]
    # The combinations grouped in the order their passages are shown: rarest words first
    # (the largest sum of log(passages / passages with the word)); equal sums share a tier.
    tiers: tuple[tuple[tuple[int, ...], ...], ...] = ()


def most_words(word_docs: Sequence[frozenset[int]], allowed: frozenset[int] | None,
               passages: int | None = None) -> MostWords | None:
    """The passages of `allowed` (None: any) holding the most of the words whose passages are
    `word_docs` (in an index of `passages` passages, for the words' rarity; default: the
    largest document number + 1): None when there are fewer than two words or more than
    `MAX_WORDS`, when no allowed passage holds any of them, or when one holds all (the query
    itself finds it).

    >>> most_words([frozenset({1}), frozenset({2}), frozenset({2, 5})], frozenset({1, 2})).combinations
    ((1, 2),)
    >>> found = most_words([frozenset({1}), frozenset({2, 3, 4})], None, passages=10)
    >>> found.combinations, found.tiers
    (((0,), (1,)), (((0,),), ((1,),)))
    """
    if not 2 <= len(word_docs) <= MAX_WORDS:
        return None
    arrays = [_array(docs if allowed is None else docs & allowed) for docs in word_docs]
    every = np.concatenate(arrays)
    if not len(every):
        return None
    counts = np.bincount(every)
    best = int(counts.max())
    if best >= len(word_docs):
        return None
    shown = np.flatnonzero(counts == best)
    held = np.column_stack([np.isin(shown, docs) for docs in arrays])  # passage x word
    combinations = sorted(tuple(np.flatnonzero(row).tolist()) for row in np.unique(held, axis=0))
    absent = tuple(np.flatnonzero(~held.any(axis=0)).tolist())
    size = passages or int(max(max(docs, default=0) for docs in word_docs)) + 1
    rarity = [math.log(size / max(1, len(docs))) for docs in word_docs]
    tiers: dict[float, list[tuple[int, ...]]] = {}
    for combination in combinations:
        tiers.setdefault(round(sum(rarity[i] for i in combination), 9), []).append(combination)
    ordered = tuple(tuple(tiers[key]) for key in sorted(tiers, reverse=True))
    return MostWords(best, tuple(combinations), absent, ordered)


def _array(docs: frozenset[int]) -> np.ndarray:
    return np.fromiter(docs, dtype=np.intp, count=len(docs))


def notice(found: MostWords, words: Sequence[str]) -> str:
    """What the user is told: how many of the words the passages shown hold, and the words
    none of them holds.

    >>> notice(MostWords(2, ((0, 1),), (2,)), ["integrationsrådet", "sprogcenter", "besluttede"])
    'Intet punkt indeholder alle ordene; her er de punkter, der indeholder flest af dem (2 af 3). «besluttede» står ikke i nogen af dem.'
    """
    text = (f"Intet punkt indeholder alle ordene; her er de punkter, der indeholder flest af dem "
            f"({found.count} af {len(words)}).")
    absent = [f"«{words[i]}»" for i in found.absent]
    if absent:
        listed = absent[0] if len(absent) == 1 else ", ".join(absent[:-1]) + " og " + absent[-1]
        text += f" {listed} står ikke i nogen af dem."
    return text
