"""The layout families as text: one function per family writes a meeting's file and its expectations.

Each family follows one set of conventions of `tests/fixtures/layouts/LAYOUTS.md` (or the
seeds' annual reports) closely enough that the real segmenter finds exactly the items
written; `bench.generate` checks that on every run. `Writer` draws the variable parts
(sentences, titles, names, amounts) from the archive's Zipf-weighted lists.
"""

from __future__ import annotations

import random
from datetime import date

from bench import vocab
from bench.archive import Archive, ExpectedDocument, ExpectedPassage

WRAP = 88  # characters per line in the wrapped layouts


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
