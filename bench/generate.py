"""A deterministic synthetic archive of council minutes and annual reports, in the real layouts.

`generate(target, out, seed)` writes files until they hold exactly `target` passages (agenda
items or report sections), under `out/docs/<town>/<council>/<year>/`, and a manifest
(`out/manifest.jsonl`, one line per file) of what each file must segment into. The files
use the layout families of `tests/fixtures/layouts/LAYOUTS.md`, one family per municipality
(each municipality has its own minutes system):

* `caps`   (f1) `N. Title`, `Sagsbehandler`/`Sagsnr` lines, upper-case sections, page footers
* `polweb` (f2) `41.    Title`, `Sag 588-2021-1874`/`Initialer:` lines, running item numbers
* `punkt`  (Roskilde seed) `Punkt N: Title`, `Sagsnr.: … Sagsansvarlig: …`, mixed-case sections
* `pkt`    (f8) `Pkt. N` alone, title on the next line, `Sagsnr. 299835 <Udvalg> Åbent punkt`
* `edoc`   (f6) label head (`UDVALG`, `STARTTIDSPUNKT`), title repeated under the heading
* `report` (seeds' årsberetninger) upper-case headings, one line per paragraph

Text recombines the seeds' sentences with sentence frames filled from `bench.vocab`, and
every value is drawn with Zipf-like weights: a few municipalities, councils, case handlers
and words are common and there is a long tail, as in a real regional archive. Files get
their meeting date as mtime, so an incremental run trusts size+mtime as on a real archive.

`check(out, sample)` runs the real pipeline (`indexer.pipeline.read_document`) over files
and compares with the manifest: the benchmark must measure real passages, not garbage.
"""

from __future__ import annotations

import calendar
import itertools
import json
import os
import random
import re
import time
from dataclasses import asdict
from datetime import date
from pathlib import Path

from bench.archive import Archive, ExpectedDocument, ExpectedPassage
from bench.layouts import Writer, caps, dmy, edoc, pkt, polweb, punkt, report

__all__ = ["ExpectedDocument", "ExpectedPassage", "check", "compare", "first_case_number", "generate",
           "generate_pdfs", "load_manifest", "mix_filters"]


# --- the archive ------------------------------------------------------------------------------


# Running item numbers stay below 1000, as in real minutes (the segmenter reads 1-3 digits:
# a 4-digit number at a line start is more often a year than an item).
MAX_RUNNING = 999


def _meeting_day(rng: random.Random, year: int) -> date:
    """A weekday (Monday–Thursday) of `year`, outside July."""
    while True:
        month = rng.choice((1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12))
        day = rng.randint(1, calendar.monthrange(year, month)[1])
        when = date(year, month, day)
        if when.weekday() < 4:
            return when


def _slug(text: str) -> str:
    folded = text.lower().translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"}))
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def generate(target: int, out: Path, seed: int = 6) -> dict:
    """Write files holding exactly `target` passages into `out/docs`, and `out/manifest.jsonl`."""
    started = time.monotonic()
    archive = Archive(seed)
    rng = random.Random(seed)
    docs_dir = out / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    running: dict[tuple[str, str, int], int] = {}
    total = files = 0
    used: set[str] = set()
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as manifest:
        while total < target:
            town, council = archive.town(rng), archive.council(rng)
            year = archive.year(rng)
            when = _meeting_day(rng, year)
            is_report = rng.random() < 0.03
            family = "report" if is_report else archive.family[town]
            n = min(rng.randint(6, 12) if is_report else rng.randint(5, 15), target - total)
            if is_report and n < 2:
                family = archive.family[town]
            agenda = family in ("caps", "edoc") and rng.random() < 0.1
            doc_type = "årsberetning" if family == "report" else "dagsorden" if agenda else "referat"
            w = Writer(archive, random.Random(rng.getrandbits(64)), town, council, when)
            base = f"{_slug(town)}/{_slug(council)}/{year}/{doc_type.replace('å', 'aa')}-{when.isoformat()}"
            name = base
            for k in itertools.count(2):
                if name not in used:
                    break
                name = f"{base}-{k}"
            used.add(name)
            rel = f"{name}.txt"
            doc = ExpectedDocument(rel, family, doc_type, town, council, None if family == "report" else when.isoformat(), year)
            if family == "caps":
                text = caps(w, n, doc, agenda)
            elif family == "polweb" or family == "pkt":
                key = (town, council, year)
                first = running.get(key, rng.randint(1, 30))
                if first + n > MAX_RUNNING:  # a busy council-year of a big corpus: start a new series
                    first = rng.randint(1, 30)
                text = polweb(w, n, doc, first) if family == "polweb" else pkt(w, n, doc, first)
                running[key] = first + n
            elif family == "punkt":
                text = punkt(w, n, doc)
            elif family == "edoc":
                text = edoc(w, n, doc, agenda)
            else:
                text = report(w, n, doc)
            path = docs_dir / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text + "\n", encoding="utf-8")
            stamp = time.mktime((when.year, when.month, when.day, 12, 0, 0, 0, 0, -1))
            os.utime(path, (stamp, stamp))
            manifest.write(json.dumps(asdict(doc), ensure_ascii=False) + "\n")
            total += len(doc.passages)
            files += 1
    info = {"passages": total, "files": files, "seed": seed, "bytes": _size(docs_dir),
            "seconds": round(time.monotonic() - started, 2)}
    (out / "corpus.json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    return info


def generate_pdfs(count: int, out: Path, seed: int = 60) -> dict:
    """Write `count` minutes (layout family 1) as PDF files into `out/docs`, and their manifest.

    The text is the `caps` family's without its own page footers: `bench.pdfgen` paginates
    it and adds a running header and `Side N af M` footers on every page, which the PDF path
    must strip (`indexer.pages`).
    """
    from bench.pdfgen import write_pdf

    started = time.monotonic()
    archive = Archive(seed)
    rng = random.Random(seed)
    docs_dir = out / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    total = pages = 0
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as manifest:
        for k in range(count):
            town, council = archive.town(rng), archive.council(rng)
            when = _meeting_day(rng, archive.year(rng))
            w = Writer(archive, random.Random(rng.getrandbits(64)), town, council, when)
            rel = f"{_slug(town)}/{_slug(council)}/{when.year}/referat-{when.isoformat()}-{k + 1:03d}.pdf"
            doc = ExpectedDocument(rel, "caps-pdf", "referat", town, council, when.isoformat(), when.year)
            running = f"{town} Kommune – {council} – Referat {dmy(when)}"
            lines = [line for line in caps(w, rng.randint(5, 12), doc, agenda=False).split("\n")
                     if line != running and not re.fullmatch(r"Side \d+ af \d+", line)]
            path = docs_dir / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            pages += write_pdf(path, lines, running)
            manifest.write(json.dumps(asdict(doc), ensure_ascii=False) + "\n")
            total += len(doc.passages)
    info = {"passages": total, "files": count, "pages": pages, "seed": seed, "bytes": _size(docs_dir),
            "seconds": round(time.monotonic() - started, 2)}
    (out / "corpus.json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    return info


def _size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def load_manifest(out: Path) -> list[ExpectedDocument]:
    docs = []
    with (out / "manifest.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            data = json.loads(line)
            data["passages"] = [ExpectedPassage(**p) for p in data["passages"]]
            docs.append(ExpectedDocument(**data))
    return docs


def check(out: Path, sample: int | None = None, seed: int = 0) -> tuple[int, list[str]]:
    """Run the real pipeline over (a sample of) the files; returns (files checked, mismatches).

    The sample takes files of every family. A mismatch names the file and what differs.
    """
    from indexer.pipeline import read_document

    docs = load_manifest(out)
    if sample is not None and sample < len(docs):
        rng = random.Random(seed)
        by_family: dict[str, list[ExpectedDocument]] = {}
        for doc in docs:
            by_family.setdefault(doc.family, []).append(doc)
        chosen = {id(d): d for fam in by_family.values() for d in rng.sample(fam, min(len(fam), 3))}
        chosen.update({id(d): d for d in rng.sample(docs, min(len(docs), sample))})
        docs = list(chosen.values())
    problems: list[str] = []
    root = out / "docs"
    for doc in docs:
        got = read_document(root / doc.path, root)
        problems += [f"{doc.path} ({doc.family}): {p}" for p in compare(doc, got)]
    return len(docs), problems


def compare(doc: ExpectedDocument, got) -> list[str]:
    """What differs between the expected document and the pipeline's Document."""
    problems = []
    for name, want, have in (
        ("doc_type", doc.doc_type, got.doc_type), ("municipality", doc.municipality, got.municipality),
        ("council", doc.council, got.council), ("meeting_date", doc.meeting_date, got.meeting_date),
        ("year", doc.year, got.year), ("passages", len(doc.passages), len(got.passages)),
    ):
        if want != have:
            problems.append(f"{name}: want {want!r}, got {have!r}")
    for want, have in zip(doc.passages, got.passages):
        for name, a, b in (
            ("item_number", want.number, have.item_number), ("title", want.title.casefold(), have.title.casefold()),
            ("case_number", want.case_number, have.case_number), ("case_handler", want.case_handler, have.case_handler),
            ("has_decision", want.has_decision, have.has_decision),
        ):
            if a != b:
                problems.append(f"item {want.number} {name}: want {a!r}, got {b!r}")
    return problems


def first_case_number(out: Path) -> str:
    """The first case number of the archive: its first document is in every size."""
    for doc in load_manifest(out):
        for passage in doc.passages:
            if passage.case_number:
                return passage.case_number
    raise RuntimeError("no case number in the corpus")


def mix_filters(out: Path) -> tuple[str, str]:
    """The query mix's filters: the municipality with the most passages in this corpus and, within
    it, the year with the most (ties: the generator's own order, its most common town first, then
    the later year, the more common one). Drawn from the manifest, so every size filters on values
    it holds: a fixed town the Zipf draw happened to skip made every filtered query of a small
    corpus find nothing in both engines. From 10k passages up it is the generator's top town,
    Hedelund (a fifth of the archive)."""
    rank = {town: k for k, town in enumerate(Archive(0).towns)}
    by_town: dict[str, int] = {}
    by_year: dict[tuple[str, int], int] = {}
    for doc in load_manifest(out):
        by_town[doc.municipality] = by_town.get(doc.municipality, 0) + len(doc.passages)
        by_year[doc.municipality, doc.year] = by_year.get((doc.municipality, doc.year), 0) + len(doc.passages)
    if not by_town:
        raise RuntimeError("no documents in the corpus")
    town = min(by_town, key=lambda t: (-by_town[t], rank.get(t, len(rank)), t))
    year = max((y for t, y in by_year if t == town), key=lambda y: (by_year[town, y], y))
    return town, str(year)
