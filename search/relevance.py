"""The relevance benchmark: judged queries over a fixed corpus, scored by nDCG@10, MRR and recall@10.

The judgments live in `bench/relevance/judgments.toml` (how they were made: `docs/relevance.md`).
A judgment names a passage by a key that survives reindexing ("n2015 #15 Modtagelse af
flygtninge": document label, item number, title prefix), never by id or score, and holds for
every source file of the document (a seed and its PDF copy are judged alike). An agenda item
counts once however many copies of it are judged or found (`ranked_grades`): the search
shows one copy of an item indexed from several files, and a second copy tells a reader
nothing new.

Metrics, per query and then averaged per query type and overall:

* nDCG@10 with gain 2^grade - 1 and the ideal ranking of every judged passage;
* MRR@10: 1 / rank of the first passage of grade >= 2 in the top 10 (0 if none);
* recall@10: passages of grade >= 2 in the top 10 / min(10, how many there are), so a query
  with thirty relevant passages can still reach 1.

Run it with `referatsog eval` or `python -m search.relevance`; `tests/test_relevance.py`
fails when a figure falls below the floors recorded in `bench/relevance/floors.json`.
"""

from __future__ import annotations

import json
import math
import tempfile
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from indexer.models import Passage
from search import danish
from search.api import SearchRequest

if TYPE_CHECKING:
    from search.index import SearchIndex

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench" / "relevance"
JUDGMENTS = BENCH_DIR / "judgments.toml"
FLOORS = BENCH_DIR / "floors.json"
CUTOFF = 10
RELEVANT = 2  # the grade from which a passage counts for MRR and recall

METRICS: tuple[str, ...] = ("ndcg", "mrr", "recall")
METRIC_LABELS = {"ndcg": "nDCG@10", "mrr": "MRR", "recall": "Recall@10"}
# Query types in report order, with their Danish labels.
TYPE_LABELS: dict[str, str] = {
    "topic": "emne",
    "compound": "sammensatte ord",
    "name": "navn",
    "place": "sted",
    "case_number": "sagsnummer",
    "date": "dato",
    "item": "punkt",
    "decision": "beslutning",
    "abbreviation": "forkortelse",
    "variant": "variant/stavemåde",
    "query_typo": "tastefejl i søgning",
    "source_typo": "fejl i kilden",
    "routine": "faste punkter",
}
ALL = "overall"


class BenchmarkError(ValueError):
    """The judgments file is malformed or names a passage the corpus does not have."""


@dataclass(frozen=True)
class JudgedQuery:
    text: str
    type: str
    judgments: Mapping[str, int]  # passage key -> grade 1..3
    decisions_only: bool = False


@dataclass(frozen=True)
class Benchmark:
    documents: Mapping[str, tuple[str, ...]]  # label -> source paths relative to the project root
    queries: tuple[JudgedQuery, ...]

    @property
    def sources(self) -> list[str]:
        return [s for sources in self.documents.values() for s in sources]


@dataclass(frozen=True)
class QueryResult:
    query: JudgedQuery
    ranked: tuple[tuple[str, int], ...]  # (passage title with its document, grade) of the top 10
    scores: Mapping[str, float]
    approximate: bool = False
    suggestion: str | None = None


@dataclass(frozen=True)
class Report:
    results: tuple[QueryResult, ...]
    by_type: Mapping[str, Mapping[str, float]] = field(default_factory=dict)  # type (or ALL) -> metric -> mean

    def to_json(self) -> dict[str, Any]:
        return {
            "summary": {t: {m: round(v, 4) for m, v in ms.items()} | {"queries": _count(self, t)} for t, ms in self.by_type.items()},
            "queries": [
                {"query": r.query.text, "type": r.query.type, **{m: round(v, 4) for m, v in r.scores.items()},
                 "approximate": r.approximate, "suggestion": r.suggestion, "top": [f"{g} {k}" for k, g in r.ranked]}
                for r in self.results
            ],
        }


def load_benchmark(path: Path = JUDGMENTS) -> Benchmark:
    """Read the judgments file; raises `BenchmarkError` on unknown types, grades or documents."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    documents = {label: tuple(sources) for label, sources in data.get("documents", {}).items()}
    queries = []
    for raw in data.get("query", []):
        query = JudgedQuery(raw["text"], raw["type"], dict(raw.get("judgments", {})), bool(raw.get("decisions_only", False)))
        if query.type not in TYPE_LABELS:
            raise BenchmarkError(f"{query.text!r}: unknown type {query.type!r}")
        for key, grade in query.judgments.items():
            if grade not in (1, 2, 3) or key.split(" ", 1)[0] not in documents:
                raise BenchmarkError(f"{query.text!r}: bad judgment {key!r} = {grade!r}")
        queries.append(query)
    return Benchmark(documents, tuple(queries))


def passage_key_matches(key: str, passage: Passage, documents: Mapping[str, tuple[str, ...]]) -> bool:
    """Whether a judgment key ("n2015 #15 Modtagelse af flygtninge") names this passage."""
    label, _, rest = key.partition(" ")
    if passage.source not in documents.get(label, ()):
        return False
    if rest.startswith("#"):
        number, _, rest = rest[1:].partition(" ")
        if passage.item_number is None or str(passage.item_number) != number:
            return False
    return danish.fold(passage.title or "").startswith(danish.fold(rest.strip()))


def resolve(benchmark: Benchmark, passages: Sequence[Passage]) -> dict[str, dict[str, tuple[str, int]]]:
    """query text -> passage id -> (judgment key, grade). Every key must name a passage in each
    source of its document: the copies of one agenda item share its key."""
    resolved: dict[str, dict[str, tuple[str, int]]] = {}
    for query in benchmark.queries:
        grades: dict[str, tuple[str, int]] = {}
        for key, grade in query.judgments.items():
            found = [p for p in passages if passage_key_matches(key, p, benchmark.documents)]
            sources = {p.source for p in found}
            wanted = set(benchmark.documents[key.split(" ", 1)[0]])
            if sources != wanted or len(found) != len(wanted):
                raise BenchmarkError(f"{query.text!r}: {key!r} names {len(found)} passages in {sorted(sources)}")
            grades.update({p.id: (key, grade) for p in found})
        resolved[query.text] = grades
    return resolved


def ranked_grades(hit_ids: Sequence[str], judged: Mapping[str, tuple[str, int]]) -> list[int]:
    """Each hit's grade, counting an agenda item once: a second copy of it (the same item from
    its text and its PDF) gains nothing, as a reader learns nothing new from it.

    >>> ranked_grades(["a.txt#1", "a.pdf#1", "x"], {"a.txt#1": ("a #1", 3), "a.pdf#1": ("a #1", 3)})
    [3, 0, 0]
    """
    seen: set[str] = set()
    grades = []
    for hit_id in hit_ids:
        key, grade = judged.get(hit_id, ("", 0))
        grades.append(grade if key not in seen else 0)
        if key:
            seen.add(key)
    return grades


def build_index(benchmark: Benchmark, index_dir: Path, root: Path = ROOT) -> SearchIndex:
    """A fresh index of the benchmark's corpus in `index_dir`, written as `referatsog index`
    writes one (`indexer.update.update_index`: the corpus's learned compound lexicon, the
    source files' records, the build stamp), so the benchmark measures the product's index.

    Raises `BenchmarkError` when a source is skipped or not named as the judgments name it
    (relative to `root`: the update names sources relative to the folder the paths share)."""
    from indexer.update import update_index  # the indexer is needed only to build
    from search.index import open_index

    report = update_index([root / source for source in benchmark.sources], index_dir)
    if report.skipped:
        raise BenchmarkError("skipped: " + "; ".join(f"{s.source}: {s.reason}" for s in report.skipped))
    index = open_index(index_dir)
    indexed = set(index.sources())
    if indexed != set(benchmark.sources):
        index.close()
        raise BenchmarkError(f"the index names its sources {sorted(indexed)}, not as the judgments do")
    return index


def indexed_passages(index: SearchIndex) -> list[Passage]:
    """Every passage of the index, document by document."""
    documents = dict.fromkeys(record["document_id"] for record in index.sources().values())
    return [passage for document_id in documents for passage in index.document(document_id)]


def evaluate(index: SearchIndex, benchmark: Benchmark) -> Report:
    """Run every judged query through the index's own `search` and score its first page of ten."""
    passages = indexed_passages(index)
    names = {p.id: f"{p.source.rsplit('/', 1)[-1]} #{p.item_number} {p.title}" for p in passages}
    resolved = resolve(benchmark, passages)
    results = []
    for query in benchmark.queries:
        request = SearchRequest(query=query.text, decisions_only=query.decisions_only, page_size=CUTOFF)
        response = index.search(request)
        judged = resolved[query.text]
        ranked = ranked_grades([hit.id for hit in response.hits], judged)
        results.append(QueryResult(
            query,
            tuple((names[h.id], g) for h, g in zip(response.hits, ranked)),
            score(ranked, list(dict(judged.values()).values())),  # one grade per agenda item
            response.approximate,
            response.suggestion,
        ))
    return Report(tuple(results), summarise(results))


def score(ranked: Sequence[int], judged: Iterable[int]) -> dict[str, float]:
    """nDCG@10, MRR@10 and recall@10 of one ranking (grades in rank order) against all judged grades.

    >>> {k: round(v, 3) for k, v in score([0, 3, 1], [3, 1]).items()}
    {'ndcg': 0.644, 'mrr': 0.5, 'recall': 1.0}
    """
    top = list(ranked[:CUTOFF])
    judged = sorted(judged, reverse=True)
    ideal = _dcg(judged[:CUTOFF])
    relevant = sum(1 for g in judged if g >= RELEVANT)
    first = next((i for i, g in enumerate(top, 1) if g >= RELEVANT), None)
    return {
        "ndcg": _dcg(top) / ideal if ideal else 0.0,
        "mrr": 1.0 / first if first else 0.0,
        "recall": sum(1 for g in top if g >= RELEVANT) / min(CUTOFF, relevant) if relevant else 0.0,
    }


def _dcg(grades: Sequence[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 1) for i, g in enumerate(grades, 1))


def summarise(results: Sequence[QueryResult]) -> dict[str, dict[str, float]]:
    groups: dict[str, list[QueryResult]] = {t: [r for r in results if r.query.type == t] for t in TYPE_LABELS}
    groups = {t: rs for t, rs in groups.items() if rs}
    groups[ALL] = list(results)
    return {t: {m: sum(r.scores[m] for r in rs) / len(rs) for m in METRICS} for t, rs in groups.items()}


def _count(report: Report, type_: str) -> int:
    return len(report.results) if type_ == ALL else sum(1 for r in report.results if r.query.type == type_)


def decimal(value: float, digits: int, point: str = ",") -> str:
    """`value` with `digits` decimals and the Danish decimal comma (what a user of `referatsog
    eval` reads; `point="."` for the figures as Python and the JSON write them).

    >>> decimal(0.9254, 3), decimal(1.0, 2), decimal(0.5, 3, point=".")
    ('0,925', '1,00', '0.500')
    """
    return f"{value:.{digits}f}".replace(".", point)


def format_table(report: Report) -> str:
    """The summary as a Markdown table (Danish labels and decimal commas, as the rest of the
    command line writes numbers; `docs/relevance.md` quotes it with points)."""
    lines = ["| Type | Antal | " + " | ".join(METRIC_LABELS[m] for m in METRICS) + " |", "|---|---:|" + "---:|" * len(METRICS)]
    for type_, means in report.by_type.items():
        label = "**i alt**" if type_ == ALL else TYPE_LABELS[type_]
        lines.append(f"| {label} | {_count(report, type_)} | " + " | ".join(decimal(means[m], 3) for m in METRICS) + " |")
    return "\n".join(lines)


def format_details(report: Report) -> str:
    """One block per query: its scores and its top ten with their grades (for tuning by hand)."""
    out = []
    for r in report.results:
        flags = " (omtrentlig)" if r.approximate else ""
        flags += f" (Mente du: {r.suggestion}?)" if r.suggestion else ""
        out.append(f"[{r.query.type}] {r.query.text!r}{flags}  " + "  ".join(f"{METRIC_LABELS[m]} {decimal(r.scores[m], 2)}" for m in METRICS))
        out.extend(f"    {i:2d}. [{g}] {name}" for i, (name, g) in enumerate(r.ranked, 1))
    return "\n".join(out)


def load_floors(path: Path | None = None) -> dict[str, dict[str, float]]:
    """The recorded floors (`FLOORS` unless `path`), read when called: a test or a caller that
    points `FLOORS` elsewhere is not answered from the file named at import."""
    return json.loads((path or FLOORS).read_text(encoding="utf-8"))["floors"]


def below_floors(report: Report, floors: Mapping[str, Mapping[str, float]], point: str = ".") -> list[str]:
    """Danish lines naming every figure under its recorded floor (empty when all hold); `point`:
    the decimal mark (`command` gives users the Danish comma)."""
    failures = []
    for type_, metrics in floors.items():
        measured = report.by_type.get(type_)
        for metric, floor in metrics.items():
            if measured is None or measured[metric] < floor:
                value = "mangler" if measured is None else decimal(measured[metric], 3, point)
                failures.append(f"{TYPE_LABELS.get(type_, 'i alt')}: {METRIC_LABELS[metric]} {value} "
                                f"< gulv {decimal(floor, 3, point)}")
    return failures


def floors_from(report: Report, margin: float = 0.02) -> dict[str, dict[str, float]]:
    """Floors slightly below the measured figures (rounded down to two decimals)."""
    return {t: {m: max(0.0, math.floor((v - margin) * 100) / 100) for m, v in ms.items()} for t, ms in report.by_type.items()}


def run(index_dir: Path | None = None, benchmark: Benchmark | None = None) -> Report:
    """Build the benchmark index (in a temporary folder unless given) and evaluate it."""
    benchmark = benchmark or load_benchmark()
    with tempfile.TemporaryDirectory(prefix="referatsog-eval-") as tmp:
        with build_index(benchmark, Path(index_dir or tmp)) as index:
            return evaluate(index, benchmark)


def command(*, details: bool = False, as_json: bool = False, record_floors: bool = False, echo: Callable[[str], None] = print) -> list[str]:
    """Run the benchmark and write its table (or JSON); returns the lines of figures under their floors."""
    report = run()
    if as_json:
        echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        echo(format_table(report))
        if details:
            echo("")
            echo(format_details(report))
    if record_floors:
        FLOORS.write_text(json.dumps({"floors": floors_from(report)}, indent=2) + "\n", encoding="utf-8")
    return below_floors(report, load_floors(), point=",") if FLOORS.exists() else []


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m search.relevance [--details] [--json] [--record-floors]`; exit code 1 under a floor."""
    import sys

    args = set(sys.argv[1:] if argv is None else argv)
    failures = command(details="--details" in args, as_json="--json" in args, record_floors="--record-floors" in args)
    for line in failures:
        print("Under gulvet: " + line, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
