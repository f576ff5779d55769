"""How things read on the page: Danish dates, counts, citations, and the one trusted snippet.

Everything here returns plain text that Jinja escapes, except `snippet_html`: the only
place where engine output becomes markup (see its docstring).
"""

from __future__ import annotations

import re
from datetime import date

from markupsafe import Markup

from indexer.models import AARSBERETNING, DAGSORDEN, Passage

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
          "september", "oktober", "november", "december")

# Any "<" that does not open or close a bare <mark> tag.
_NOT_MARK = re.compile(r"<(?!/?mark>)")


def snippet_html(snippet: str) -> Markup:
    """The engine's snippet as markup: it guarantees escaped text plus `<mark>` tags.

    Defence in depth: any other `<` is escaped anyway, so a broken guarantee shows
    visible tags instead of running them.

    >>> str(snippet_html("a <mark>b</mark> <script>"))
    'a <mark>b</mark> &lt;script>'
    """
    return Markup(_NOT_MARK.sub("&lt;", snippet))


# A passage page shows at most this much of one text (a file without any structure can be
# one passage of megabytes); the whole text stays searchable and in the source file.
MAX_SHOWN_TEXT = 100_000


def shown_text(text: str, limit: int = MAX_SHOWN_TEXT) -> str:
    """`text`, or its beginning cut at a word with a Danish note when it is longer than `limit`.

    >>> print(shown_text("et, to, tre, fire", limit=8))
    et, to,
    <BLANKLINE>
    […] Teksten er afkortet her (17 tegn i alt); hele teksten står i kildefilen.
    """
    if len(text) <= limit:
        return text
    head = text[:limit]
    in_word = not head[-1].isspace() and not text[limit].isspace()
    if in_word and any(c.isspace() for c in head):  # the last word is cut: leave it out
        head = head.rsplit(None, 1)[0]
    cut = head.rstrip()
    total = f"{len(text):,}".replace(",", ".")  # Danish thousands separator
    return f"{cut}\n\n[…] Teksten er afkortet her ({total} tegn i alt); hele teksten står i kildefilen."


def parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def long_date(value: str | None) -> str:
    """'2015-05-21' -> '21. maj 2015' (unparseable values are shown as given)."""
    d = parse_iso(value)
    if d is None:
        return value or ""
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def short_date(value: str | None) -> str:
    """'2015-05-21' -> '21.05.2015', the way the minutes themselves write dates."""
    d = parse_iso(value)
    return d.strftime("%d.%m.%Y") if d else (value or "")


def count_label(total: int) -> str:
    if total == 0:
        return "Ingen resultater"
    number = f"{total:,}".replace(",", ".")
    return f"{number} resultat" if total == 1 else f"{number} resultater"


# Municipalities whose official names are not "<place> Kommune": the index names them by
# their place (`indexer.councils`), a citation by their official name.
OFFICIAL_NAMES = {"København": "Københavns Kommune", "Vesthimmerland": "Vesthimmerlands Kommune",
                  "Bornholm": "Bornholms Regionskommune"}


def person_query(field: str, name: str) -> str:
    """The search for a person's meetings from an attendance list: the name without its role or
    party, quoted ("deltager", "Ole Riis (O)" -> 'deltager:"Ole Riis"').

    >>> person_query("fraværende", "Ole Riis (O)"), person_query("deltager", 'Rasmus "Ras" Kvist (formand)')
    ('fraværende:"Ole Riis"', 'deltager:"Rasmus Ras Kvist"')
    """
    plain = " ".join(re.sub(r"\([^)]*\)", " ", name).replace('"', " ").split())
    return f'{field}:"{plain}"'


def people_shown(names: tuple[str, ...] | list[str], marked: Markup | None) -> list[Markup | str]:
    """Each name of an attendance list as the page shows it: its part of `marked` (the list
    joined with ", " and marked for a search) when the parts line up, else the name itself.

    >>> people_shown(["Ole Riis (O)", "Bodil Krag"], Markup("<mark>Ole</mark> Riis (O), Bodil Krag"))
    [Markup('<mark>Ole</mark> Riis (O)'), Markup('Bodil Krag')]
    >>> people_shown(["Ole Riis"], None)
    ['Ole Riis']
    """
    if marked is None:
        return list(names)
    parts = [Markup(part) for part in str(marked).split(", ")]
    return parts if len(parts) == len(names) else list(names)


def municipality_name(municipality: str | None) -> str:
    """The municipality's official name: 'Næstved' -> 'Næstved Kommune', 'København' ->
    'Københavns Kommune'; names that already say it are kept.

    >>> municipality_name("Næstved"), municipality_name("København"), municipality_name("Vesthimmerland")
    ('Næstved Kommune', 'Københavns Kommune', 'Vesthimmerlands Kommune')
    """
    if not municipality:
        return ""
    if municipality in OFFICIAL_NAMES:
        return OFFICIAL_NAMES[municipality]
    if "kommune" in municipality.casefold() or "region" in municipality.casefold():
        return municipality
    return f"{municipality} Kommune"


def citation(p: Passage, previous: Passage | None = None) -> str:
    """A citation a reporter can paste, with whatever the passage knows. An item with neither
    number nor title is named by the item before it (`previous`), where a reader of the
    document finds it.

    >>> from indexer.models import Passage
    >>> p = Passage(id="x", document_id="d", position=0, doc_type="referat", municipality="Næstved",
    ...     council="Integrationsrådet", meeting_date="2015-05-21", year=2015, item_number=15,
    ...     title="Modtagelse af flygtninge", case_handler=None, case_number=None, place=None,
    ...     present=(), absent=(), topics=(), source="a.txt", source_sha256="", line=1, page=None,
    ...     sections=(), text="")
    >>> citation(p)
    'Integrationsrådet, Næstved Kommune, referat af mødet 21.05.2015, punkt 15: Modtagelse af flygtninge'
    """
    parts = [part for part in (p.council, municipality_name(p.municipality)) if part]
    if p.doc_type == AARSBERETNING:
        parts.append(f"årsberetning {p.year}" if p.year else "årsberetning")
    else:
        kind = "dagsorden til mødet" if p.doc_type == DAGSORDEN else "referat af mødet"
        if p.meeting_date:
            parts.append(f"{kind} {short_date(p.meeting_date)}")
        elif p.year:
            parts.append(f"{kind} i {p.year}")
        else:
            parts.append(kind.replace(" af mødet", "").replace(" til mødet", ""))
    head = ", ".join(parts)
    head = head[:1].upper() + head[1:]
    title = p.title.strip()
    if p.item_number is not None:
        head = f"{head}, punkt {p.item_number}"
    elif not title:
        head = f"{head}, {untitled_place(p, previous)}"
    cited = f"{head}: {title}" if title else head
    # A PDF's page is where a reader finds the item in the document as published.
    return f"{cited} ({cited_pages(p)})" if p.page is not None else cited


def cited_pages(p: Passage) -> str:
    """The pages a citation names: where the item starts, and where its decision starts when
    that is a later page (what a reporter quotes is the decision).

    >>> from indexer.models import Passage, Section
    >>> def item(page, decision_page):
    ...     return Passage(id="x", document_id="d", position=0, doc_type="referat", municipality=None,
    ...         council=None, meeting_date=None, year=None, item_number=15, title="Modtagelse af flygtninge",
    ...         case_handler=None, case_number=None, place=None, present=(), absent=(), topics=(),
    ...         source="a.pdf", source_sha256="", line=1, page=page, text="",
    ...         sections=(Section("beslutning", "BESLUTNING", "Godkendt.", page=decision_page),))
    >>> cited_pages(item(4, 6)), cited_pages(item(9, 9)), cited_pages(item(4, None))
    ('s. 4, beslutningen s. 6', 's. 9', 's. 4')
    """
    decision = p.decision_page
    if decision is not None and p.page is not None and decision > p.page:
        return f"s. {p.page}, beslutningen s. {decision}"
    return f"s. {p.page}"


def untitled_place(p: Passage, previous: Passage | None) -> str:
    """Where an item printed without number and title stands: after the item before it, or
    by its place in the document.

    >>> from indexer.models import Passage
    >>> def item(number, title, position):
    ...     return Passage(id="x", document_id="d", position=position, doc_type="referat", municipality=None,
    ...         council=None, meeting_date=None, year=None, item_number=number, title=title, case_handler=None,
    ...         case_number=None, place=None, present=(), absent=(), topics=(), source="a.txt", source_sha256="",
    ...         line=1, page=None, sections=(), text="")
    >>> untitled_place(item(None, "", 2), item(39, "Støtte", 1)), untitled_place(item(None, "", 0), None)
    ('punktet uden titel efter punkt 39', '1. punkt (uden nummer og titel)')
    """
    unit = "afsnittet" if p.doc_type == AARSBERETNING else "punktet"
    if previous is not None and previous.item_number is not None:
        return f"{unit} uden titel efter punkt {previous.item_number}"
    if previous is not None and previous.title.strip():
        return f"{unit} uden titel efter »{previous.title.strip()}«"
    return f"{p.position + 1}. {unit[:-2]} (uden nummer og titel)"


def document_title(p: Passage) -> str:
    """A document's heading from any of its passages, e.g. 'Referat: Integrationsrådet, 21. maj 2015'."""
    kind = {AARSBERETNING: "Årsberetning", DAGSORDEN: "Dagsorden"}.get(p.doc_type, "Referat")
    who = ", ".join(part for part in (p.council, municipality_name(p.municipality)) if part)
    when = str(p.year or "") if p.doc_type == AARSBERETNING else long_date(p.meeting_date) or str(p.year or "")
    if p.doc_type == AARSBERETNING and when:
        kind = f"{kind} {when}"
        when = ""
    return f"{kind}: {', '.join(part for part in (who, when) if part)}" if who or when else kind


# A council's name in a label printed in capitals: "…UDVALGET", "…RÅDETS", "…BESTYRELSEN".
_COUNCIL_WORD = re.compile(r"\b\w+(?:udvalg|råd|bestyrelse)(?:et|ets|en|ens)\b")


def section_label(label: str, council: str | None = None) -> str:
    """'BESLUTNING' -> 'Beslutning': printed labels shout; headings should not. A council the
    label names keeps its capital (the passage's own `council` as it writes itself).

    >>> section_label("BESLUTNING I BESKÆFTIGELSESUDVALGET DEN 19-11-2019", "Beskæftigelsesudvalget")
    'Beslutning i Beskæftigelsesudvalget den 19-11-2019'
    >>> section_label("ØKONOMIUDVALGETS BESLUTNING"), section_label("BESLUTNING I BØRNE- OG SKOLEUDVALGET")
    ('Økonomiudvalgets beslutning', 'Beslutning i børne- og Skoleudvalget')
    >>> section_label("BESLUTNING I BØRNE- OG SKOLEUDVALGET", "Børne- og Skoleudvalget")
    'Beslutning i Børne- og Skoleudvalget'
    """
    label = label.strip().rstrip(":").strip()
    if not label.isupper():
        return label
    label = _COUNCIL_WORD.sub(lambda m: m[0].capitalize(), label.capitalize())
    if council and council.strip():
        at = label.casefold().find(council.strip().casefold())
        if at > 0 and len(label.casefold()) == len(label):  # casefold kept the positions
            label = label[:at] + council.strip() + label[at + len(council.strip()):]
    return label
