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

import bisect
import calendar
import itertools
import json
import os
import random
import re
import time
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from bench import vocab

FAMILIES = ("caps", "polweb", "punkt", "pkt", "edoc")
WRAP = 88  # characters per line in the wrapped layouts
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


class Writer:
    """Builds one document's text and its expectations."""

    def __init__(self, archive: Archive, rng: random.Random, town: str, council: str, when: date) -> None:
        self.a, self.rng, self.town, self.council, self.when = archive, rng, town, council, when
        self.out: list[str] = []

    # --- text pieces --------------------------------------------------------------------

    def fill(self, frame: str, topic: str) -> str:
        r = self.rng
        values = {
            "compound": topic if r.random() < 0.6 else self.a.compound(r),
            "year": str(self.when.year + r.choice((0, 0, 1))),
            "next": str(self.when.year + 1),
            "amount": f"{r.randint(2, 950) * 1000:,}".replace(",", "."),
            "n": str(r.randint(2, 40)),
            "m": str(r.randint(1, 20)),
            "date": f"{r.randint(1, 28)}. {r.choice(vocab.MONTHS)} {self.when.year}",
            "month": r.choice(vocab.MONTHS),
            "person": self.a.staff[self.town](r),
            "town": self.town,
            "street": r.choice(vocab.STREETS),
            "council": self.council,
            "association": self.a.association(r).format(town=self.town),
        }
        text = frame.format(**values)
        return text[:1].upper() + text[1:]

    def sentences(self, count: int, topic: str) -> list[str]:
        out = []
        for _ in range(count):
            if self.rng.random() < 0.55:
                out.append(self.a.sentence(self.rng))
            else:
                out.append(self.fill(self.rng.choice(vocab.FRAMES), topic))
        return out

    def para(self, count: int, topic: str, wrap: bool = True) -> str:
        text = " ".join(self.sentences(count, topic))
        return wrap_text(text) if wrap else text

    def paras(self, count: int, topic: str, wrap: bool = True) -> str:
        return "\n\n".join(self.para(self.rng.randint(2, 5), topic, wrap) for _ in range(count))

    def title(self, topic: str, k: int, n_items: int) -> str:
        r = self.rng
        if k == 0 and r.random() < 0.7:
            return vocab.STANDING_TITLES[0]
        if k == n_items - 1 and r.random() < 0.5:
            return "Eventuelt"
        frame = self.a.title_frame(r)
        title = frame.format(compound=topic, year=self.when.year + 1, town=self.town,
                             association=self.a.association(r).format(town=self.town))
        return title[:1].upper() + title[1:]

    def topic(self) -> str:
        return self.a.compound(self.rng)

    def handler(self) -> str:
        return self.a.staff[self.town](self.rng)

    def decision(self) -> str:
        return self.a.decision(self.rng)

    def place(self) -> str:
        return self.rng.choice(vocab.PLACES).format(town=self.town, n=self.rng.randint(1, 20),
                                                    street=self.rng.choice(vocab.STREETS))

    def members(self, n: int = 7) -> list[str]:
        return list(dict.fromkeys(self.handler() for _ in range(n)))


def wrap_text(text: str, width: int = WRAP) -> str:
    """Greedy wrap that never starts a line with a number and never breaks after a hyphen.

    A line starting with a number could look like an item heading (`2. Title`), and a line
    ending in a hyphen would be re-joined by the cleaner: both would change the passages.
    """
    lines: list[str] = []
    current: list[str] = []
    length = 0
    for word in text.split():
        if current and length + 1 + len(word) > width and not word[0].isdigit() and not current[-1].endswith("-"):
            lines.append(" ".join(current))
            current, length = [], 0
        current.append(word)
        length += len(word) + (1 if length else 0)
    if current:
        lines.append(" ".join(current))
    return "\n".join(lines)


def dmy(d: date, sep: str = ".") -> str:
    return f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"


# --- the layout families ----------------------------------------------------------------------


def _items(w: Writer, n_items: int) -> list[tuple[str, str]]:
    """(title, topic) of each agenda item, titles unique within the meeting."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for k in range(n_items):
        for _attempt in range(20):
            topic = w.topic()
            title = w.title(topic, k, n_items)
            if title.casefold() not in seen:
                break
        seen.add(title.casefold())
        out.append((title, topic))
    return out


def caps(w: Writer, n_items: int, doc: ExpectedDocument, agenda: bool) -> str:
    """Family 1: `N. Title`, Sagsbehandler/Sagsnr lines, upper-case sections, `Side N af M` footers."""
    r, council, when = w.rng, w.council, w.when
    items = _items(w, n_items)
    members = w.members()
    head = [
        f"{w.town} Kommune", "", "DAGSORDEN" if agenda else "REFERAT", "", council, "",
        f"Mødedato:    {dmy(when)}", "Mødetid:     17:00 - 19:10", f"Mødested:    {w.place()}", "",
        f"Deltagere:   {', '.join(members)}", f"Afbud:       {members[-1]}", "", "",
        "Indholdsfortegnelse", "", "Punkt" + " " * 67 + "Side",
    ]
    pages = max(2, n_items // 2 + 1)
    head += [f"{k + 1}. {t}".ljust(72) + f"{k // 2 + 2:>3}" for k, (t, _) in enumerate(items)]
    body = ["", "", f"Side 1 af {pages}", f"{w.town} Kommune – {council} – Referat {dmy(when)}", ""]
    prefix = r.randint(10, 24)
    for k, (title, topic) in enumerate(items):
        handler, case = w.handler(), f"{prefix}/{r.randint(100, 29999)}"
        body += [f"{k + 1}. {title}", "", f"Sagsbehandler {handler}", f"Sagsnr {case}", "",
                 "RESUMÉ", w.para(r.randint(1, 3), topic), "", "INDSTILLING"]
        if r.random() < 0.3:
            body += ["Sekretariatet indstiller,", f"1. at {w.fill('{compound}', topic)} godkendes, og",
                     "2. at administrationen følger op i næste kvartal."]
        else:
            body.append(w.para(1, topic))
        body += ["", "SAGSFREMSTILLING", w.paras(r.randint(1, 3), topic), ""]
        if not agenda:
            body += ["BESLUTNING", f"{council}, {dmy(when)}", w.decision(), ""]
        body.append("")
        if k % 2 == 1 and k < n_items - 1:
            body += [f"Side {k // 2 + 2} af {pages}", f"{w.town} Kommune – {council} – Referat {dmy(when)}", ""]
        doc.passages.append(ExpectedPassage(k + 1, title, case, handler, not agenda))
    return "\n".join(head + body)


def polweb(w: Writer, n_items: int, doc: ExpectedDocument, first: int) -> str:
    """Family 2: `41.    Title` with the year's running numbers, `Sag …`, `Initialer:`, `Beslutning fra`."""
    r, council, when = w.rng, w.council, w.when
    items = _items(w, n_items)
    members = w.members()
    month = vocab.MONTHS[when.month - 1]
    head = [
        f"{w.town} Kommune", "", "Referat", "", council, "",
        f"Mødedato:       {when.day}. {month} {when.year}", "Mødetidspunkt:  16:30 - 18:40",
        f"Mødested:       {w.place()}", "", f"Medlemmer:      {', '.join(members)}",
        f"Fraværende:     {members[0]}", "", "", "Indholdsfortegnelse", "",
    ]
    head += [f"{first + k}.    {t}" for k, (t, _) in enumerate(items)]
    body = ["", ""]
    office = 500 + w.a.towns.index(w.town)
    for k, (title, topic) in enumerate(items):
        handler = w.handler()
        initials = "".join(part[0] for part in handler.split()).upper() + r.choice("ABCDEFGHJKLMNOPRST")
        case = f"{office}-{when.year}-{r.randint(100, 19999)}"
        body += [f"{first + k}.    {title}", "", f"Sag {case}", f"Dok. {office}-{when.year}-{r.randint(10000, 99999)}",
                 f"Initialer: {initials}", "Åbent", "", "Kompetence", council, "",
                 "Beslutningstema", w.para(1, topic), "", "Sagens opståen", "---", "",
                 "Sagsfremstilling", w.paras(r.randint(1, 3), topic), "", "Økonomiske konsekvenser",
                 w.para(1, topic) if r.random() < 0.5 else "---", "", "Administrativ indstilling",
                 "Administrationen indstiller, at sagen godkendes.", "", "Bilag", "---", "",
                 f"Beslutning fra {council}", f"Dato: {dmy(when, '-')}", f"Sted: {w.place()}",
                 f"Fraværende: {members[0]}", "", w.decision(), "", ""]
        doc.passages.append(ExpectedPassage(first + k, title, case, initials, True))
    return "\n".join(head + body)


def punkt(w: Writer, n_items: int, doc: ExpectedDocument) -> str:
    """Roskilde seed's layout: dotted contents, `Punkt N: Title`, mixed-case sections, one line per paragraph."""
    r, council, when = w.rng, w.council, w.when
    items = _items(w, n_items)
    first = r.randint(1, 9)
    day = vocab.DANISH_DAYS[when.weekday()]
    head = [
        f"{w.town} Kommune", "", "", f"REFERAT {council} d. {dmy(when, '-')}", "",
        f"Mødedato {day} d. {when.day:02d}. {vocab.MONTHS[when.month - 1]} {when.year} kl. 16:30", "",
        f"Mødested {w.place()}", "", f"Mødedeltagere {', '.join(w.members(10))}.", "", "Indholdsfortegnelse", "",
    ]
    head += [f"{t}.....\t{k + 3}" for k, (t, _) in enumerate(items)]
    body = [""]
    prefix = r.randint(10, 24)
    for k, (title, topic) in enumerate(items):
        handler, case = w.handler(), f"{prefix}/{r.randint(100, 29999)}"
        body += [f"Punkt {first + k}: {title}", "", f"Sagsnr.: {case} Sagsansvarlig: {handler}", "",
                 "Beslutning", "", w.decision(), "", "Indstilling", "", w.para(1, topic, wrap=False), "",
                 "Fremstilling", "", w.paras(r.randint(1, 3), topic, wrap=False), ""]
        doc.passages.append(ExpectedPassage(first + k, title, case, handler, True))
    return "\n".join(head + body)


def pkt(w: Writer, n_items: int, doc: ExpectedDocument, first: int) -> str:
    """Family 8: `Pkt. N` alone, title below, `Sagsnr. 299835 <Udvalg> Åbent punkt`, decision `<Udvalg>, DD-MM-YYYY, pkt. N`."""
    r, council, when = w.rng, w.council, w.when
    items = _items(w, n_items)
    members = w.members(6)
    head = [
        f"{w.town} Kommune", "", council, "", "Referat", "",
        f"{vocab.ENGLISH_DAYS[when.weekday()]}, {vocab.ENGLISH_MONTHS[when.month - 1]} {when.day}, {when.year} - 16:30", "",
        f"Mødested: {w.place()}", f"Deltagere: {', '.join(members)}", f"Afbud: {members[-1]}", "",
    ]
    body = [""]
    for k, (title, topic) in enumerate(items):
        case = str(r.randint(100000, 399999))
        number = first + k
        body += [f"Pkt. {number}", title, f"Sagsnr. {case} {council} Åbent punkt", "",
                 "Resumé", w.para(r.randint(1, 2), topic), "", "Indstilling", w.para(1, topic), "",
                 "Sagsfremstilling", w.paras(r.randint(1, 3), topic), ""]
        if council != "Økonomiudvalget" and r.random() < 0.25:
            earlier = date.fromordinal(when.toordinal() - r.randint(7, 30))
            body += [f"Økonomiudvalget, {dmy(earlier, '-')}, pkt. {r.randint(1, 150)}", "Anbefales.", ""]
        body += [f"{council}, {dmy(when, '-')}, pkt. {number}", w.decision(), "", ""]
        doc.passages.append(ExpectedPassage(number, title, case, None, True))
    return "\n".join(head + body)


def edoc(w: Writer, n_items: int, doc: ExpectedDocument, agenda: bool) -> str:
    """Family 6: label head, `PUNKTER` list, title repeated under `N. Title`, `Beslutning i <Udvalg> den …`."""
    r, council, when = w.rng, w.council, w.when
    items = _items(w, n_items)
    head = [
        f"{w.town} Kommune", "", "DAGSORDEN" if agenda else "REFERAT", "", f"UDVALG {council}", "MØDE Ordinært møde",
        f"STED {w.place()}", f"STARTTIDSPUNKT {dmy(when, '-')} 16:00:00", f"SLUTTIDSPUNKT {dmy(when, '-')} 18:45:00", "",
        "PUNKTER",
    ]
    head += [f"{k + 1}. {t}" for k, (t, _) in enumerate(items)]
    pages = max(1, (n_items + 1) // 2)
    body = ["", "", f"{council} {dmy(when, '-')}".ljust(70) + f"Side 1 af {pages}", ""]
    for k, (title, topic) in enumerate(items):
        kind = "Orientering" if "Orientering" in title or "Status" in title else "Beslutningssag"
        body += [f"{k + 1}. {title}", title, "", "Sagsgang og sagstype", f"{council}. {kind}", "",
                 "Indstilling", w.para(1, topic), "", "Beskrivelse af sagen", w.paras(r.randint(1, 3), topic), ""]
        if not agenda:
            body += [f"Beslutning i {council} den {dmy(when, '-')}", w.decision(), ""]
        body.append("")
        if k % 2 == 1 and k < n_items - 1:
            body += [f"{council} {dmy(when, '-')}".ljust(70) + f"Side {k // 2 + 2} af {pages}", ""]
        doc.passages.append(ExpectedPassage(k + 1, title, None, None, not agenda))
    return "\n".join(head + body)


def report(w: Writer, n_sections: int, doc: ExpectedDocument) -> str:
    """An annual report: upper-case headings, one line per paragraph (as PDF exports give them)."""
    r = w.rng
    year = w.when.year
    headings: list[str] = []
    for frame in vocab.REPORT_HEADINGS:
        heading = frame.format(year=year, next=year + 1, COMPOUND=w.topic().upper(), TOWN=w.town.upper())
        headings.append(heading)
    chosen = [headings[0]] + r.sample(headings[1:], n_sections - 1)
    lines = [f"{w.town} Kommune", "", f"Årsberetning {year}", "", w.council, "", ""]
    for heading in chosen:
        topic = w.topic()
        lines += [heading, "", w.paras(r.randint(1, 3), topic, wrap=False), "", ""]
        doc.passages.append(ExpectedPassage(None, heading, None, None, False))
    return "\n".join(lines)


# --- the archive ------------------------------------------------------------------------------


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
