"""Facets: one small class per facet, looped over by the schema and the query code.

A facet knows four things: its values on a passage (what gets indexed), its Whoosh
field, how to filter by selected values, and how to count values over a set of matching
document numbers. Adding a facet means adding a class to `FACETS` (and to `api.FACETS`).

Counting never walks Whoosh's `groupedby` (which visits every hit through Python-level
facet objects): each facet's column is read once per index generation into a compact
array of value ordinals (`FacetColumn`), shared by all threads. A count over a large
result set is numpy's `bincount` of `ords[docnums]` (the matching set converted to an
array once per request, `docnum_array`): ~0.1 ms per facet at 40,000 hits against ~3 ms
for a `Counter` over Python ints, which was a third of a common word's answer at 100k
passages. Small sets are counted with a `Counter`, cheaper than the conversion. Counts
go from ordinals to values (a topic combination counts once for each of its topics) and
are ranked in numpy too: the case handler facet has thousands of values, and mapping and
sorting them in Python took 3 ms of each large answer.
"""

from __future__ import annotations

import difflib
import re
from array import array
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from whoosh import columns
from whoosh.fields import KEYWORD, FieldType
from whoosh.query import NullQuery, Or, Query, Term
from whoosh.reading import IndexReader

from indexer.citation import OFFICIAL_NAMES
from indexer.models import DOC_TYPES, Passage
from indexer.outcome import OUTCOMES
from search import danish
from search.analysis import VALUE_SEPARATOR, FacetAnalyzer
from search.api import FACETS as api_facets, FacetValue
from search.columns import column_codes


SMALL_SET = 256  # below this many documents a Counter beats converting the set to an array

def docnum_array(docnums: Collection[int], documents: int | None = None) -> Collection[int]:
    """`docnums` as a numpy array of document numbers when it is large enough to pay off;
    ascending when `documents` (the index's document count) is given: `sorted_docnums`."""
    if isinstance(docnums, np.ndarray) or len(docnums) < SMALL_SET:
        return docnums
    if documents is not None:
        return sorted_docnums(docnums, documents)
    return np.fromiter(docnums, dtype=np.intp, count=len(docnums))


def sorted_docnums(docnums: Collection[int], documents: int) -> np.ndarray:
    """`docnums` (numbers below `documents`) as an ascending numpy array.

    A large set is sorted by marking a mask of all documents and reading it back (linear in
    the index size, ~0.2 ms at 100k), a small one by `np.sort`.

    >>> sorted_docnums({5, 3, 9}, 10).tolist(), sorted_docnums(set(range(0, 100, 3)), 100)[:4].tolist()
    ([3, 5, 9], [0, 3, 6, 9])
    """
    found = np.fromiter(docnums, dtype=np.intp, count=len(docnums))
    if len(found) * 16 < documents:
        return np.sort(found)
    mask = np.zeros(documents, dtype=bool)
    mask[found] = True
    return np.flatnonzero(mask)


# A letter pair of a folded Danish letter, as typed by someone without it: "Koge" for «Køge».
_TYPED_WITHOUT = (("aa", "a"), ("ae", "a"), ("oe", "o"))


def loose_key(value: str) -> str:
    """A facet value as typed without the Danish letters, case, spaces or dashes: what `close_value` compares.

    >>> loose_key("Køge") == loose_key("Koge") == loose_key("KOEGE"), loose_key("Lyngby-Taarbæk") == loose_key("lyngby tarbak")
    (True, True)
    >>> loose_key("Århus") == loose_key("Arhus"), loose_key("Ærø") == loose_key("Aero"), loose_key("--")
    (True, True, '')
    """
    key = danish.fold(value.strip().lower())
    for pair, letter in _TYPED_WITHOUT:
        key = key.replace(pair, letter)
    return "".join(c for c in key if c.isalnum())


def _last_parts(value: str) -> set[str]:
    """The `loose_key` of each proper ending of `value` that starts at a word or part.

    >>> sorted(_last_parts("born & familieudvalget")), sorted(_last_parts("teknik- og miljoudvalget"))
    (['familieudvalget'], ['miljoudvalget', 'ogmiljoudvalget'])
    >>> _last_parts("byradet")
    set()
    """
    starts = [match.start() for match in re.finditer(r"\w+", value)][1:]
    return {key for key in (loose_key(value[start:]) for start in starts) if key}


def facet_key(value: str) -> str:
    """The indexed form of a facet value: what `FacetAnalyzer` makes of it."""
    return danish.fold(value.strip())


def _spelt_better(value: str, than: str) -> bool:
    """Whether `value` shows a facet value better than `than`, both one `facet_key`: with the Danish
    letters where the other spells them out («Åhavn», not «Aahavn»), then as a name is written
    (capitals starting its words, not all lower or upper case: «Anne Holm», not «anne holm» or
    «ANNE HOLM», a code review), else the first met stays.

    >>> _spelt_better("Åhavn", "Aahavn"), _spelt_better("Aahavn", "Åhavn"), _spelt_better("næstved", "Næstved")
    (True, False, False)
    >>> _spelt_better("Anne Holm", "anne holm"), _spelt_better("Anne Holm", "ANNE HOLM"), _spelt_better("ANNE HOLM", "anne holm")
    (True, True, False)
    """
    def rank(text: str) -> tuple[int, bool]:
        return sum(text.count(c) for c in "æøåÆØÅ"), not (text.islower() or text.isupper())
    return rank(value) > rank(than)


@dataclass(frozen=True)
class FacetColumn:
    """One facet's values for every document number of one index generation.

    `labels[o]` is the tuple of display values of ordinal `o` (ordinal 0 = no value); a
    multi-valued facet stores each distinct combination once.
    """

    labels: tuple[tuple[str, ...], ...]
    ords: array
    ords_np: np.ndarray = field(init=False, repr=False, compare=False)  # a view of `ords`, no copy
    # Each distinct display value once (`values`), and which values each ordinal holds: as
    # tuples for small sets, and as parallel arrays (ordinal, value) for numpy.
    values: tuple[str, ...] = field(init=False, repr=False, compare=False)
    value_keys: tuple[str, ...] = field(init=False, repr=False, compare=False)  # `facet_key` of each value
    value_indexes: tuple[tuple[int, ...], ...] = field(init=False, repr=False, compare=False)
    _pair_ords: np.ndarray = field(init=False, repr=False, compare=False)
    _pair_values: np.ndarray = field(init=False, repr=False, compare=False)
    _ranks: dict = field(init=False, repr=False, compare=False, default_factory=dict)  # by order function

    def __post_init__(self) -> None:
        object.__setattr__(self, "ords_np", np.frombuffer(self.ords, dtype=np.uint32) if self.ords else
                           np.zeros(0, dtype=np.uint32))
        # One value per `facet_key`: «Aahavn» and «Åhavn» (two files spelling the town two ways) are
        # one filter, and were listed as two, each link finding the sum of both (a journalist review).
        index: dict[str, int] = {}
        spelt: list[str] = []

        def value_index(value: str) -> int:
            key = facet_key(value)
            i = index.get(key)
            if i is None:
                i = index[key] = len(spelt)
                spelt.append(value)
            elif _spelt_better(value, spelt[i]):
                spelt[i] = value
            return i

        value_indexes = tuple(tuple(dict.fromkeys(value_index(v) for v in labels)) for labels in self.labels)
        pairs = [(o, i) for o, indexes in enumerate(value_indexes) for i in indexes]
        object.__setattr__(self, "values", tuple(spelt))
        object.__setattr__(self, "value_keys", tuple(index))
        object.__setattr__(self, "value_indexes", value_indexes)
        object.__setattr__(self, "_pair_ords", np.array([o for o, _ in pairs], dtype=np.intp))
        object.__setattr__(self, "_pair_values", np.array([i for _, i in pairs], dtype=np.intp))

    @classmethod
    def load(cls, reader: IndexReader, field: str) -> FacetColumn:
        """The column of every segment of `reader`; ordinals in order of first occurrence."""
        ordinal: dict[bytes, int] = {b"": 0}
        ords = array("I")
        for leaf, _offset in reader.leaf_readers():
            count = leaf.doc_count_all()
            # (`has_column` raises for a field the leaf's schema lacks: an index written before
            # the facet, as `outcome` was added, answers until the rebuild aside replaces it)
            if field not in leaf.schema or not leaf.has_column(field):
                ords.extend([0] * count)
                continue
            uniques, refs = column_codes(leaf.column_reader(field, translate=False), count)
            if not len(refs):
                continue
            # Distinct values numbered as a walk over the documents would meet them.
            present, first = np.unique(refs, return_index=True)
            mapping = np.zeros(len(uniques), dtype=np.uint32)
            for k in np.argsort(first, kind="stable").tolist():
                mapping[present[k]] = ordinal.setdefault(uniques[present[k]], len(ordinal))
            ords.frombytes(mapping[refs].tobytes())
        labels = [()] * len(ordinal)
        for raw, o in ordinal.items():
            if o:
                labels[o] = tuple(v for v in raw.decode("utf-8").split(VALUE_SEPARATOR) if v)
        return cls(tuple(labels), ords)

    def count_values(self, docnums: Collection[int]) -> np.ndarray:
        """How many of `docnums` (a set or a `docnum_array`) have each of `values`."""
        docnums = docnum_array(docnums)
        if isinstance(docnums, np.ndarray):
            by_ordinal = np.bincount(self.ords_np[docnums], minlength=len(self.labels))
            by_value = np.bincount(self._pair_values, weights=by_ordinal[self._pair_ords], minlength=len(self.values))
            return by_value.astype(np.int64)  # sums of whole numbers, exact in float64
        counted = np.zeros(len(self.values), dtype=np.int64)
        for o, n in Counter(map(self.ords.__getitem__, docnums)).items():
            for i in self.value_indexes[o]:
                counted[i] += n
        return counted

    def count(self, docnums: Collection[int]) -> Counter[str]:
        """How many of `docnums` have each value (the values they have)."""
        counted = self.count_values(docnums)
        return Counter({self.values[i]: int(counted[i]) for i in np.flatnonzero(counted).tolist()})

    def ranks(self, order: Callable[[tuple[str, int]], Any]) -> np.ndarray:
        """Each value's place among all values when their counts are equal, by `order`
        (a facet's sort key of (value, count)); built once per column and order."""
        ranks = self._ranks.get(order)
        if ranks is None:
            ranked = sorted(range(len(self.values)), key=lambda i: order((self.values[i], 0)))
            ranks = np.empty(len(ranked), dtype=np.intp)
            ranks[ranked] = np.arange(len(ranked))
            self._ranks[order] = ranks
        return ranks


class Facet:
    """Base class: a single-valued facet stored under its own name."""

    name: ClassVar[str]
    limit: ClassVar[int] = 50  # values shown; selected values are always shown
    multi: ClassVar[bool] = False
    # A facet of a few fixed values (outcomes, document types): a filter value typed with a typo
    # is answered with the one it is close to («mente du «Godkendt»?»), not only «findes ikke».
    known_values: ClassVar[tuple[str, ...]] = ()

    @property
    def field(self) -> str:
        return self.name

    def values(self, passage: Passage) -> tuple[str, ...]:
        value = getattr(passage, self.name)
        return (str(value),) if value not in (None, "") else ()

    def schema_field(self) -> FieldType:
        field = KEYWORD(analyzer=FacetAnalyzer())
        # A pointer per document into the segment's unique values: small for facets whose
        # values repeat (municipalities, councils, years); KEYWORD ignores a column argument.
        field.column_type = columns.RefBytesColumn()
        return field

    def named(self, value: str) -> str:
        """The value that `value`, as people write it, names (`MunicipalityFacet`: «Næstved Kommune»)."""
        return value

    def filter_query(self, values: Iterable[str]) -> Query:
        """Documents with any of `values` (OR within one facet), or the value each names (`named`)."""
        keys = dict.fromkeys(facet_key(name) for v in values if v.strip() for name in (v, self.named(v)))
        terms = [Term(self.field, key) for key in keys]
        return Or(terms) if terms else NullQuery

    def user_query(self, reader: IndexReader, text: str) -> Query:
        """`kommune:naestved`, `sagsbehandler:mette`: values equal to `text` or holding all its words."""
        key = facet_key(text)
        wanted = set(danish.terms(text))
        matches = []
        if self.field not in reader.schema:  # an index written before the facet
            return NullQuery
        for raw in reader.lexicon(self.field):
            value = raw.decode("utf-8")
            if value == key or (wanted and wanted <= set(danish.terms(value))):
                matches.append(Term(self.field, value))
        return Or(matches) if matches else NullQuery

    def close_value(self, searcher: Any, text: str) -> str | None:
        """The one value of the index that `text` names as typed without the Danish letters
        (`loose_key`: "Koge" for «Køge», "lyngby tarbak" for «Lyngby-Taarbæk»), as the index
        spells it; None when no value or several do. A filter typed so found nothing and said
        «findes ikke», which a reporter on a keyboard without æ, ø and å could not mend."""
        key = loose_key(text)
        if not key or self.field not in searcher.schema:
            return None
        found = [raw.decode("utf-8") for raw in searcher.reader().lexicon(self.field)
                 if loose_key(raw.decode("utf-8")) == key]
        if not found and self.known_values:
            return self._close_known_value(searcher, key)
        return self._spelt(searcher, found[0]) if len(found) == 1 else None

    def _spelt(self, searcher: Any, found: str) -> str | None:
        """The indexed value `found` as a passage holding it spells it."""
        docnum = searcher.document_number(**{self.field: found})
        if docnum is None:
            return None
        from search.schema import stored_passage  # the schema is built from the facets

        stored = searcher.stored_fields(docnum)
        if "record" not in stored:
            return None
        spelt = [v for v in self.values(stored_passage(stored)) if facet_key(v) == found]
        return spelt[0] if spelt else None

    def _close_known_value(self, searcher: Any, key: str) -> str | None:
        """A facet of a few fixed values (`known_values`): the one the index has that `key` (a
        `loose_key`) is a typo of, «Godkent» for «Godkendt»; None when none is close."""
        indexed = {raw.decode("utf-8") for raw in searcher.reader().lexicon(self.field)}
        candidates = {loose_key(v): v for v in self.known_values if facet_key(v) in indexed}
        close = difflib.get_close_matches(key, list(candidates), n=1, cutoff=0.75)
        return candidates[close[0]] if close else None

    def counts(self, column: FacetColumn, docnums: Collection[int], selected: Collection[str]) -> tuple[FacetValue, ...]:
        """Values by count over `docnums`, most frequent first (ties by `order`); the first
        `limit` and the selected values (`counted`)."""
        return self.counted(column, docnums, selected)[0]

    def counted(self, column: FacetColumn, docnums: Collection[int], selected: Collection[str], *,
                every_value: bool = False) -> tuple[tuple[FacetValue, ...], int]:
        """The values `counts` gives (`every_value`: all of them, not the first `limit`: a page's
        «Vis alle»), and how many more values `docnums` have that are not among them: an answer
        says so rather than end the list in silence. Ranked in numpy: a case handler facet has
        thousands."""
        counted = column.count_values(docnums)
        present = np.flatnonzero(counted)
        ranked = present[np.lexsort((column.ranks(self.order)[present], -counted[present]))].tolist()
        keys = {facet_key(v) for v in selected}
        limit = len(ranked) if every_value else self.limit
        chosen = ranked[:limit]
        if keys:
            chosen += [i for i in ranked[limit:] if column.value_keys[i] in keys]
        adds = self._adds(column, docnums, keys) if self.multi and keys else None
        shown = [FacetValue(column.values[i], int(counted[i]), column.value_keys[i] in keys,
                            None if adds is None or column.value_keys[i] in keys else int(adds[i])) for i in chosen]
        present_keys = {column.value_keys[i] for i in chosen}
        missing = [v for v in selected if facet_key(v) not in present_keys]  # selected, but no passage has it
        return (*shown, *(FacetValue(v, 0, True) for v in missing)), len(ranked) - len(chosen)

    @staticmethod
    def _adds(column: FacetColumn, docnums: Collection[int], keys: set[str]) -> np.ndarray:
        """For each value, how many of `docnums` (the search without this facet's filter) have
        it but none of the selected `keys`: what a click on it adds to the results. One more
        count over the documents outside the results, not one search per value."""
        chosen = np.array([any(column.value_keys[i] in keys for i in indexes) for indexes in column.value_indexes],
                          dtype=bool)
        docnums = docnum_array(docnums)
        if isinstance(docnums, np.ndarray):
            outside = docnums[~chosen[column.ords_np[docnums]]]
        else:
            outside = {d for d in docnums if not chosen[column.ords[d]]}
        return column.count_values(outside)

    @staticmethod
    def order(item: tuple[str, int]) -> tuple[int, int, str]:
        """Most frequent first, then alphabetical."""
        return (-item[1], 0, item[0].casefold())


def municipality_named(value: str) -> str:
    """The municipality an official name names, as the index names it (by its place): the name a
    citation writes, «Næstved Kommune» (`indexer.citation.municipality_name`), was «findes ikke».

    >>> municipality_named("Næstved Kommune"), municipality_named("næstved kommune"), municipality_named("Københavns Kommune")
    ('Næstved', 'næstved', 'København')
    >>> municipality_named("Næstved"), municipality_named("Kommune"), municipality_named("Bornholms Regionskommune")
    ('Næstved', 'Kommune', 'Bornholm')
    """
    official = {facet_key(name): place for place, name in OFFICIAL_NAMES.items()}
    if (place := official.get(facet_key(value))) is not None:
        return place
    return re.sub(r"\s+kommune\s*$", "", value.strip(), flags=re.IGNORECASE) or value


class MunicipalityFacet(Facet):
    name = "municipality"

    def named(self, value: str) -> str:
        return municipality_named(value)

    def user_query(self, reader: IndexReader, text: str) -> Query:
        """As `Facet.user_query`, else the municipality `text` names: `kommune:"Næstved Kommune"`."""
        query = super().user_query(reader, text)
        named = self.named(text)
        return super().user_query(reader, named) if query is NullQuery and named != text else query


class CouncilFacet(Facet):
    name = "council"

    def close_value(self, searcher: Any, text: str) -> str | None:
        """As `Facet.close_value`, else the one council whose name ends with `text` as its last
        words or parts: «Familieudvalget» for «Børn & Familieudvalget». A release that read the
        committee's name whole (Esbjerg's «Teknik & Byggeudvalget») changed the value, and a
        filter or feed saved on the old one found nothing, without a hint (an upgrade review)."""
        close = super().close_value(searcher, text)
        key = loose_key(text)
        if close is not None or not key or self.field not in searcher.schema:
            return close
        found = [value for value in (raw.decode("utf-8") for raw in searcher.reader().lexicon(self.field))
                 if key in _last_parts(value)]
        return self._spelt(searcher, found[0]) if len(found) == 1 else None


class YearFacet(Facet):
    name = "year"

    @staticmethod
    def order(item: tuple[str, int]) -> tuple[int, int, str]:
        """Most frequent first, then the newer year."""
        value, count = item
        return (-count, -int(value) if value.isdigit() else 0, value)


class CaseHandlerFacet(Facet):
    name = "case_handler"

    def schema_field(self) -> FieldType:
        field = super().schema_field()
        # Names are a long tail; RefBytesColumn caps a segment at 65,535 unique values.
        field.column_type = columns.VarBytesColumn()
        return field

    def close_value(self, searcher: Any, text: str) -> str | None:
        """As `Facet.close_value`, else the one name a typo away (`suggest.nearest_name`):
        `sagsbehandler:Sadegi` → «Maryam Sadeghi»."""
        close = super().close_value(searcher, text)
        if close is not None or self.field not in searcher.schema:
            return close
        from search.suggest import nearest_name  # suggest imports the snapshot, which imports this

        found = nearest_name(text, (raw.decode("utf-8") for raw in searcher.reader().lexicon(self.field)))
        return self._spelt(searcher, found) if found else None


class TopicFacet(Facet):
    name = "topic"
    multi = True

    def values(self, passage: Passage) -> tuple[str, ...]:
        return tuple(t for t in passage.topics if t)

    def close_value(self, searcher: Any, text: str) -> str | None:
        """As `Facet.close_value`, else the one topic that has `text`'s words among its own: «trafik og
        veje» for «trafik», «plan og byggeri» for «byggeri». `emne:trafik` found those items, the same word
        as a filter in the URL (`topic=trafik`) was «findes ikke» without a hint (a web review)."""
        close = super().close_value(searcher, text)
        wanted = _words(text)
        if close is not None or not wanted or self.field not in searcher.schema:
            return close
        found = [value for value in (raw.decode("utf-8") for raw in searcher.reader().lexicon(self.field))
                 if wanted <= _words(value)]
        return self._spelt(searcher, found[0]) if len(found) == 1 else None


def _words(value: str) -> frozenset[str]:
    """The `loose_key` of each word of `value` a topic is told by: not «og» nor another short word.

    >>> sorted(_words("Trafik og veje")), sorted(_words("plan- og byggeri"))
    (['trafik', 'veje'], ['byggeri', 'plan'])
    """
    return frozenset(key for word in re.findall(r"\w+", value) if len(key := loose_key(word)) >= 3)


class DocTypeFacet(Facet):
    name = "doc_type"
    known_values = DOC_TYPES


class OutcomeFacet(Facet):
    """What the decision says became of the item (`Passage.outcome`): «Godkendt», «Udsat», …
    Items without a decision have none, so the counts add up to the hits with a decision."""

    name = "outcome"
    known_values = OUTCOMES

    @staticmethod
    def order(item: tuple[str, int]) -> tuple[int, int, str]:
        """Most frequent first, then as `indexer.outcome.OUTCOMES` lists them (decisive outcomes first)."""
        value, count = item
        return (-count, OUTCOMES.index(value) if value in OUTCOMES else len(OUTCOMES), value)


FACETS_BY_NAME: dict[str, Facet] = {f.name: f for f in (
    MunicipalityFacet(), CouncilFacet(), YearFacet(), CaseHandlerFacet(), TopicFacet(), DocTypeFacet(), OutcomeFacet())}
# In the order the API names them (`search.api.FACETS`, the one list of facets and their order);
# a name there without a facet here fails at import, not on a user's search.
FACETS: tuple[Facet, ...] = tuple(FACETS_BY_NAME[name] for name in api_facets)
