"""When no passage has every word of a query: the passages that have the most of them.

Words are ANDed, so one word that no passage holds leaves nothing. That is what a question
typed as a reporter or a citizen would ask it does: "hvad vedtog integrationsrådet om
sprogcenter" (the minutes say "Anbefalet", not "vedtog"), "hvem stemte imod" (no minutes
say "hvem"). Instead of "Ingen resultater", the search then shows the passages that hold the
most of the words (`most_words`), labelled approximate, with a notice that says how many of
the words they hold and which word none of them has (`notice`). A question's «besluttede» or
«beslutning» is not among the words: it says what is asked (`search.syntax.asked_decisions`);
counted, it matched «Byrådet besluttede …» in an item on something else, which then held every
word, so the question found that item alone and this fallback never ran.

Each passage shown holds the same number of the words. Those holding the rarer words come first
(`MostWords.tiers`: combinations of words by the sum of their inverse document frequencies),
then by the BM25F of the words each holds: the rarest word of a question is its topic
("sprogcenter"), the commonest its setting ("integrationsrådet", the council's name in half of
its items' titles), and by BM25F alone an item with the council's name in its title and the
verb in its text came before the item that recommends housing near the language centre
(integrationsrådet, sprogcenter). Scores shown are each passage's BM25F, so a later tier may
show a higher one. The passages are described by a query, an OR of the AND of each combination
of words that occurs among them (`MostWords.combinations`), so they are counted, faceted, paged
and cached as the hits of any query are. Only plain words and phrases are left out this way;
field values, dates, item and case numbers and exclusions still hold for every passage. Of the
words some passage holds, only the `MAX_WORDS` rarest are counted (the combinations would grow
with the number of words; the commonest say least), and the notice says so. A word no passage
holds is counted as well (it adds no combination) and named as held by none: a question of ten
words, one of them in no text, counts nine ("Kun de 9 sjældneste af de 10 ord er talt med").

Nothing is shown when the passages hold fewer than half of the words counted, or only units
and abbreviations (`2.500 kr`: every item with an amount holds «kr»): those passages are not
about what was asked. Each hit shown can name the words it lacks (`lacking`), so a reporter
does not read a Roskilde item as being about refugees for `flygtninge Roskilde`.

>>> found = most_words([frozenset({1, 2}), frozenset({2, 3}), frozenset()], None)
>>> found.count, found.combinations, found.absent, found.tiers
(2, ((0, 1),), (2,), (((0, 1),),))
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from search import danish

MAX_WORDS = 8
# Said when nothing is shown although no passage holds every word: not a silent zero.
NOT_ALL = "Intet punkt indeholder alle ordene eller nok af dem til at blive vist; prøv med færre eller andre ord."
# Words that say nothing of a topic alone: units, and abbreviations the minutes put before
# numbers (folded, without their full stop). A passage holding only these of a query's words is not shown.
# The units' long forms too: `data/variants.txt` makes "kroner" find «kr.», so "2.500 kroner" would
# otherwise show every item with an amount in it.
TRIVIAL = frozenset({"kr", "dkk", "pct", "procent", "mio", "mia", "dok", "nr", "stk", "jf", "kl", "ca", "mv", "bl",
                     "fx", "evt", "inkl", "ekskl", "pkt", "tlf", "km", "m", "t", "md", "mdr", "aar",
                     "krone", "kroner", "million", "millioner", "milliard", "milliarder"})


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
    # The words left out of the count: a query of more than `MAX_WORDS` words keeps the rarest.
    dropped: tuple[int, ...] = ()


def most_words(word_docs: Sequence[frozenset[int]], allowed: frozenset[int] | None,
               passages: int | None = None, words: Sequence[str] | None = None,
               asked: frozenset[int] = frozenset()) -> MostWords | None:
    """The passages of `allowed` (None: any) holding the most of the words whose passages are
    `word_docs` (in an index of `passages` passages, for the words' rarity; default: the
    largest document number + 1), of the `MAX_WORDS` rarest words that some passage holds:
    None when there are fewer than two words, when no allowed passage holds any of them, when
    one holds all (the query itself finds it), when the passages hold fewer than half of the
    words counted, or when the words they hold are all `TRIVIAL` (`words`: the words as typed).
    The words of `asked` (indexes: a question's verb, `asked_verbs`) are counted but do not
    order the tiers: «modtage» is rarer than «flygtninge» in minutes about refugees, and by
    rarity an item holding the place and the verb came before the one holding the place and the topic.

    >>> most_words([frozenset({1}), frozenset({2}), frozenset({2, 5})], frozenset({1, 2})).combinations
    ((1, 2),)
    >>> found = most_words([frozenset({1}), frozenset({2, 3, 4})], None, passages=10)
    >>> found.combinations, found.tiers
    (((0,), (1,)), (((0,),), ((1,),)))
    >>> most_words([frozenset(), frozenset({1, 2})], None, words=["2.500", "kr."]) is None
    True
    >>> found = most_words([frozenset(range(i, 10)) for i in range(9)] + [frozenset({20})], None, passages=30)
    >>> found.dropped, found.count, found.absent
    ((0, 1), 7, (9,))
    """
    if len(word_docs) < 2:
        return None
    if allowed is not None:
        word_docs = [docs & allowed for docs in word_docs]
    # The commonest words are left out of a long query: the combinations of its words grow
    # with their number, and the commonest word says least of what was asked.
    present = sorted((i for i, docs in enumerate(word_docs) if docs), key=lambda i: (len(word_docs[i]), i))
    dropped = tuple(sorted(present[MAX_WORDS:]))
    counted = [i for i in range(len(word_docs)) if i not in set(dropped)]
    arrays = [_array(word_docs[i]) for i in counted]
    every = np.concatenate(arrays)
    if not len(every):
        return None
    counts = np.bincount(every)
    best = int(counts.max())
    if best >= len(counted) or 2 * best < min(len(counted), MAX_WORDS):
        return None
    shown = np.flatnonzero(counts == best)
    held = np.column_stack([np.isin(shown, docs) for docs in arrays])  # passage x word
    combinations = sorted(tuple(counted[i] for i in np.flatnonzero(row).tolist()) for row in np.unique(held, axis=0))
    if words is not None and all(_trivial(words[i]) for combination in combinations for i in combination):
        return None
    absent = tuple(counted[i] for i in np.flatnonzero(~held.any(axis=0)).tolist())
    size = passages or int(max(max(docs, default=0) for docs in word_docs)) + 1
    rarity = [0.0 if i in asked else math.log(size / max(1, len(docs))) for i, docs in enumerate(word_docs)]
    tiers: dict[float, list[tuple[int, ...]]] = {}
    for combination in combinations:
        tiers.setdefault(round(sum(rarity[i] for i in combination), 9), []).append(combination)
    ordered = tuple(tuple(tiers[key]) for key in sorted(tiers, reverse=True))
    return MostWords(best, tuple(combinations), absent, ordered, dropped)


# Verbs that take an infinitive: in a question, the infinitive after one says what is to be
# done («hvor mange flygtninge skal Fjordby modtage»), not what the items are about.
MODALS = frozenset({"skal", "skulle", "kan", "kunne", "vil", "ville", "maa", "maatte", "boer", "burde"})
QUESTION_WORDS = frozenset({"hvad", "hvem", "hvor", "hvordan", "hvornaar", "hvorfor", "hvilke", "hvilken", "hvilket",
                            "hvorledes"})
# Infinitives not ending in -e (folded): «hvor skal flygtninge bo».
SHORT_INFINITIVES = frozenset({"bo", "naa", "tro", "doe", "slaa", "gaa", "faa", "se", "staa", "le", "saa", "ske"})


def asked_verbs(words: Sequence[str]) -> frozenset[int]:
    """The indexes of the infinitives of a question typed as `words` (in order, small words
    included): in a query that begins with a question word, the infinitive's slot after a modal
    verb, when the word there is one (ends in -e, or a short infinitive, «bo», «få»). Danish word
    order puts the subject first ("skal Fjordby modtage"): the slot is the second word after the
    modal when there are two, the first only when it is the last word ("hvem skal betale"). The
    subject is never the infinitive: «flygtninge» in "hvor skal flygtninge bo" was taken for one.

    >>> sorted(asked_verbs("hvor mange flygtninge skal Fjordby modtage".split()))
    [5]
    >>> sorted(asked_verbs("hvad kan foreningen søge tilskud til".split()))
    [3]
    >>> sorted(asked_verbs("hvor skal flygtninge bo".split())), sorted(asked_verbs("hvor skal flygtninge bo Roskilde kvinder".split()))
    ([3], [3])
    >>> sorted(asked_verbs("hvem skal betale".split())), sorted(asked_verbs("skal modtage".split()))  # no question
    ([2], [])
    """
    folded = [danish.fold(word.lower()) for word in words]
    if not folded or folded[0] not in QUESTION_WORDS:
        return frozenset()
    found: set[int] = set()
    for i, word in enumerate(folded):
        if word in MODALS and i + 1 < len(folded):
            slot = i + 2 if i + 2 < len(folded) else i + 1
            if folded[slot].isalpha() and (folded[slot].endswith("e") or folded[slot] in SHORT_INFINITIVES):
                found.add(slot)
    return frozenset(found)


def _trivial(word: str) -> bool:
    return danish.fold(word.lower()).rstrip(".") in TRIVIAL


def lacking(word_docs: Sequence[frozenset[int]], words: Sequence[str], docnum: int) -> tuple[str, ...]:
    """The `words` (as typed) whose passages `word_docs` do not include passage `docnum`.

    >>> lacking([frozenset({1}), frozenset({2})], ["flygtninge", "Roskilde"], 2)
    ('flygtninge',)
    """
    return tuple(word for word, docs in zip(words, word_docs) if docnum not in docs)


def _array(docs: frozenset[int]) -> np.ndarray:
    return np.fromiter(docs, dtype=np.intp, count=len(docs))


def notice(found: MostWords, words: Sequence[str]) -> str:
    """What the user is told: how many of the words the passages shown hold, and the words
    none of them holds.

    >>> notice(MostWords(2, ((0, 1),), (2,)), ["integrationsrådet", "sprogcenter", "vedtog"])
    'Intet punkt indeholder alle ordene; her er de punkter, der indeholder flest af dem (2 af 3). «vedtog» står ikke i nogen af dem.'
    >>> notice(MostWords(4, ((1, 2, 3, 4),), (), dropped=(0,)), ["a", "b", "c", "d", "e", "f"])
    'Intet punkt indeholder alle ordene; her er de punkter, der indeholder flest af dem (4 af 5). Kun de 5 sjældneste af de 6 ord er talt med; «a» er udeladt.'
    """
    counted = len(words) - len(found.dropped)
    text = (f"Intet punkt indeholder alle ordene; her er de punkter, der indeholder flest af dem "
            f"({found.count} af {counted}).")
    absent = [f"«{words[i]}»" for i in found.absent]
    if absent:
        text += f" {_and(absent)} står ikke i nogen af dem."
    if found.dropped:
        text += (f" Kun de {counted} sjældneste af de {len(words)} ord er talt med; "
                 f"{_and([f'«{words[i]}»' for i in found.dropped])} er udeladt.")
    return text


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]
