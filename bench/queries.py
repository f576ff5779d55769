"""The fixed query mix: what users type, each with 0, 1 and 2 facet filters.

Words were picked from the generated archive's own distribution (document frequencies in
the 10k corpus in the comments; they scale with the size): a very common word, a rare
compound from the long tail, two- and three-word queries, a phrase and a case number.
The case number belongs to the archive's first document, which every size contains (the
generator draws documents in the same order whatever the size).

Filters are the corpus's most common municipality and then also its most common year there,
as a user narrows down (`bench.generate.mix_filters`: taken from the corpus, so each filter
finds passages at every size, the 200-passage smoke corpus included).
Every request asks for page 1 of 10 hits by relevance, with facet counts and snippets:
exactly what the search page shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from search import SearchRequest

# (kind, query text). Matching passages at 10k (of 10,000) in the comments.
TEXTS: tuple[tuple[str, str], ...] = (
    ("common word", "flygtninge"),  # 2,625
    ("very common word", "borgere"),  # 4,172: facet counts over 42% of the archive
    ("rare word", "musikfestival"),  # 5: a long-tail compound
    ("two words", "boligplacering flygtninge"),  # 1,074
    ("three words", "tilskud foreninger aktiviteter"),  # 516
    ("phrase", '"negativ social kontrol"'),  # 376
    ("case number", "sagsnr:{case_number}"),  # 1
)


def filter_sets(municipality: str, year: str) -> tuple[dict[str, tuple[str, ...]], ...]:
    """No filter, the municipality, the municipality and the year."""
    return ({}, {"municipality": (municipality,)}, {"municipality": (municipality,), "year": (year,)})


@dataclass(frozen=True)
class BenchQuery:
    kind: str
    text: str
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.kind} / {len(self.filters)} filter{'s' if len(self.filters) != 1 else ''}"

    def request(self) -> SearchRequest:
        return SearchRequest(query=self.text, filters=dict(self.filters), page_size=10)

    def params(self) -> str:
        """URL parameters, as the search page and /api/search take them."""
        pairs = [("q", self.text)] + [(name, v) for name, values in self.filters.items() for v in values]
        return urlencode(pairs)

    def to_json(self) -> dict:
        return {"kind": self.kind, "query": self.text, "filters": {k: list(v) for k, v in self.filters.items()}}


def query_mix(case_number: str, municipality: str, year: str) -> list[BenchQuery]:
    """The 21 requests of the mix (7 query kinds × 3 filter sets); the arguments from the corpus
    (`bench.generate.first_case_number`, `bench.generate.mix_filters`)."""
    return [
        BenchQuery(kind, text.format(case_number=case_number), filters)
        for kind, text in TEXTS
        for filters in filter_sets(municipality, year)
    ]
