"""The user's query language, parsed without Whoosh: words, "phrases", OR, -exclusions, field:value.

Words are ANDed; `OR` (or `ELLER`) joins the words on either side; `-word` and `-"a phrase"`
exclude, and so does `NOT`/`IKKE` (in capitals) before a word; `AND`/`OG` in capitals are
read as what they mean, the default, and dropped; `field:value` and `field:"a phrase"` search
one field, named in English or Danish; a known value of several words needs no quotes
(`udfald:taget til efterretning`, `KNOWN_FIELD_VALUES`). A word ending in `*` (`flygt*`, at least
`MIN_PREFIX_LETTERS` letters before it) is truncated: every word beginning so. A party letter
after a name (`Ole Riis (O)`) is left out, as the attendance lists leave it out.
Parsing never fails: whatever cannot be read as syntax is read as plain words or dropped,
and each such repair adds a Danish notice for the user (the operators themselves, OR, ELLER,
NOT and IKKE, are read without one; AND/OG is said to be unneeded). Parentheses do not group.
A question about decisions ("hvad besluttede rådet om boliger") is read by `asked_decisions`:
its decision word is what is asked, not a word to search.

Exact things are recognised as written: a date in any form the documents use
(`21.05.2015`, `21. maj 2015`) or a person types (`21.5.15`, `21.maj 2015`; see
`indexer.dates.find_query_dates`) becomes one `date` clause, with what is copied along with it
from a document (`Mødedato: torsdag den 21. maj 2015 kl. 17.00`); a range of days
(`4.-5. juni 2026`) is its days ORed. A month (`maj 2015`, and in digits as the period's ends
take it: `2015-05`, `05.2015`, `5/2015`, with a notice) becomes a `month` clause,
`punkt 15` / `pkt. 15` / `dagsordenspunkt 15` / `sag 132` an `item` clause, and `sagsnr 15/4410`
a `case_number` clause.

>>> q = parse('flygtninge OR indvandrere "negativ social kontrol" -bolig kommune:Næstved')
>>> [[c.text for c in group] for group in q.groups]
[['flygtninge', 'indvandrere'], ['negativ social kontrol'], ['bolig'], ['Næstved']]
>>> q.groups[3][0].field, q.groups[2][0].negated, q.notices
('municipality', True, ())
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from indexer.dates import MONTH_NAMES, danish_date, find_dates, find_query_dates, parse_date, parse_month
from indexer.outcome import OUTCOMES
from search import danish

MAX_CLAUSES = 32
# Phrases searched as phrases; later ones are searched as their words. A phrase of two common
# words walks the positions of both in every passage that has them: at 100k passages each
# such phrase costs 0.1-0.5 s, and 25 of them ORed in one 500-character query took 5-12 s.
MAX_PHRASES = 4
MAX_PREFIXES = 4  # different truncated words searched as such (`_bound_prefixes`)
OPERATORS_OR = frozenset({"OR", "ELLER"})
# Boolean words people carry over from other search engines; only in capitals, as for OR,
# so the words themselves ("ikke" in a phrase) stay searchable.
OPERATORS_AND = frozenset({"AND", "OG"})
OPERATORS_NOT = frozenset({"NOT", "IKKE"})

# User-facing field names (folded, so "råd" and "raad" both work) -> canonical field.
FIELD_ALIASES: dict[str, str] = {
    "municipality": "municipality", "kommune": "municipality",
    "council": "council", "raad": "council", "udvalg": "council",
    "year": "year", "aar": "year",
    "case_handler": "case_handler", "sagsbehandler": "case_handler",
    "topic": "topic", "emne": "topic",
    "doc_type": "doc_type", "type": "doc_type", "dokumenttype": "doc_type",
    "outcome": "outcome", "udfald": "outcome",
    "title": "title", "titel": "title",
    "decision": "decision", "beslutning": "decision",
    "text": "body", "tekst": "body",
    "case_number": "case_number", "sagsnr": "case_number", "sagsnummer": "case_number",
    "date": "date", "dato": "date", "moededato": "date",
    "item": "item", "punkt": "item", "pkt": "item",
    "present": "present", "deltager": "present", "deltagere": "present", "tilstede": "present",
    "absent": "absent", "fravaerende": "absent", "afbud": "absent",
}
# Words that announce the value after them: "punkt 15", "pkt. 15", "sagsnr 15/4410".
# "dagsordenspunkt 15" was searched as «dagsorden» and «punkt» and the text word 15.
# "afsnit 2": a report's section, as its citation names it ("årsberetning 2022, afsnit 2: Høringssvar").
ITEM_WORDS = frozenset({"punkt", "pkt", "item", "dagsordenspunkt", "dagsordenpunkt", "afsnit"})
# "Sag nr. 132" is how some minutes number their items (Ravnsø), and "sag 132" how people
# write it: "sag" before a number of at most this many digits. A longer one is not an item
# number: a year ("sag 2015", the word in that year's items) or a part of a case number.
SAG_ITEM_DIGITS = 3
CASE_WORDS = frozenset({"sagsnr", "sagsnummer", "sags-nr", "sagsid", "j.nr", "journalnr", "sag"})
# group 1: "nr.", which "sag" needs; group 2: the number as printed:
# "15", "3a", "4.1", or a roman numeral ("II", as some councils number their items; in small
# letters two or more, a valid numeral: "punkt ii", not the word «i» in "punkt i dagsordenen")
_ITEM_NUMBER_RE = re.compile(
    r"\s*(nr\.?\s*)?(\d{1,4}(?:[a-zæøå](?![\w.])|\.\d{1,2}(?!\d))?|(?-i:[IVXL]{1,6})(?!\w)"
    r"|(?=[ivxl]{2})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})(?!\w))[.:]?(?=\s|$)",
    re.IGNORECASE)
_NEXT_CHUNK_RE = re.compile(r'\s*([^\s"]+)')

_FIELD_RE = re.compile(r"([^\W\d][\w]*):")
# Fields whose values are known and some of them several words: a value typed without quotes, as
# the help lists it («udfald:taget til efterretning»), is read whole, the longest that stands there;
# «udfald:taget» ANDed «til» and «efterretning» as words of the text and missed the items whose
# decision says «Udvalget blev orienteret» (a web review). What follows it stays words.
KNOWN_FIELD_VALUES: dict[str, tuple[str, ...]] = {"outcome": OUTCOMES}
# The value, and a sentence's comma or full stop after it, which is no word.
_KNOWN_VALUE_RES = {
    field: re.compile("(?P<value>" + "|".join(r"\s+".join(map(re.escape, value.split()))
                                              for value in sorted(values, key=len, reverse=True) if " " in value.strip())
                      + r")(?!\w)[,.;:!?]*", re.IGNORECASE)
    for field, values in KNOWN_FIELD_VALUES.items() if any(" " in value.strip() for value in values)}
# A word: up to the next space, but a number the analyzer reads across a space stays whole
# ("§ 18", "150 000"); split, "§ 18" searched every "18".
_CHUNK_RE = re.compile(rf'(?:{danish.SPACED_TOKEN_PATTERN})|[^\s"]+')
_PROXIMITY_RE = re.compile(r"~\d*")
_MONTH_YEAR_RE = re.compile(rf"({'|'.join(MONTH_NAMES)})\s+((?:19|20)\d\d)(?![\w.\-/])", re.IGNORECASE)
# A month's abbreviation before a year ("sept 2015", "okt. 2015", "febr 2017"), as `--from`/`--to`
# read it (`parse_month`, the same abbreviations): read as the month with a notice, as a month in
# digits is. "jul" only with its full stop: without it, as likely Christmas as July ("jul 2019").
_MONTH_ABBREVIATION_YEAR_RE = re.compile(
    r"((?:jan|febr|feb|mar|apr|jun|aug|sept|sep|okt|nov|dec)\.?|jul\.)\s+((?:19|20)\d\d)(?![\w.\-/])", re.IGNORECASE)
# What a date is copied with from a document, before it: its label, weekday and "den"/"d."
# ("Mødedato: Torsdag d. 04. juni 2026", "Dato: Tirsdag den 13. marts 2012"), and after it: the
# time ("kl. 16:30", "kl. 17.00-19.00", "16:00:00"). None of it is a word to search: "d." would
# fail the AND of every passage that does not abbreviate "den". Nor are the words a reporter
# asks for a meeting with ("mødet den 21. maj 2015", "referat 9.9.2019", "referatet fra mødet
# den …"): the date finds the meeting's items, and "møde" ANDed found only items that say it.
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
# "dagsorden 21.05.2015" asks for that meeting's agenda as "referat 21.05.2015" asks for its minutes
# (ANDed, «dagsorden» found none of the meeting's items).
_MEETING_WORDS = (r"(?:(?:referat(?:et)?|dagsorden(?:en)?)\s+(?:fra|af|for)\s+mødet|mødet|møde|referat(?:et)?"
                  r"|dagsorden(?:en)?|(?:møde)?dato)")
_LEAD_IN = rf"(?P<meeting>{_MEETING_WORDS}(?::\s*|\s+))?(?:(?:{'|'.join(WEEKDAYS)}),?\s+)?(?:den\s+|d\.\s*)?"
_BEFORE_DATE_RE = re.compile(rf"(?<![\w.])(?=\S){_LEAD_IN}$", re.IGNORECASE)
# The same before a month or a day without its year ("mødet d. 4. juni", "referat maj 2015"), and
# the preposition a month is asked for with ("mødet i maj 2015", "referatet fra mødet i maj 2015").
_BEFORE_MONTH_OR_DAY_RE = re.compile(
    rf"(?P<meeting>{_MEETING_WORDS}(?::\s*|\s+)(?:(?:i|fra|for)\s+)?)?(?:(?:{'|'.join(WEEKDAYS)}),?\s+)?(?:den\s+|d\.\s*)?",
    re.IGNORECASE)
# A meeting word after a word that makes it the object of a title's phrase ("Godkendelse af
# referatet maj 2015", "bemærkninger til dagsorden 27.05.2015") is that title's word, searched;
# after any other word ("flygtninge mødet den 21. maj 2015") it is still how the date is asked for.
_BINDING_WORDS = frozenset({"af", "til", "om", "på", "fra", "for", "i", "med", "efter", "ved", "under", "over",
                            "vedr", "vedr.", "vedrørende"})


def _meeting_word_searched(text: str, at: int) -> bool:
    """Whether a meeting word at `at` is a word of what precedes it (see `_BINDING_WORDS`).

    >>> _meeting_word_searched("godkendelse af referatet maj 2015", 15), _meeting_word_searched("flygtninge mødet", 11)
    (True, False)
    """
    before = text[:at].split()
    return bool(before) and before[-1].lower() in _BINDING_WORDS


_TIME = r"\d{1,2}(?:[.:]\d\d){0,2}"
_AFTER_DATE_RE = re.compile(
    rf",?\s+(?:kl\.?\s*{_TIME}|\d{{1,2}}:\d\d(?::\d\d)?)(?:\s*[-–]\s*{_TIME})?(?!\w|[.:]\d)", re.IGNORECASE)
_GLUED_D_RE = re.compile(r"(?<![\w.])d\.(?=\d)", re.IGNORECASE)  # "d.21.05.2015"
# Between the days of a range: a dash with no space or spaces on both sides ("4.-5. juni 2026",
# "30. september - 1. oktober 2019"); "21.05.2015 -23.02.2017" excludes the second date.
_RANGE_DASH_RE = re.compile(r"[-–]|\s+[-–]\s+")

# Truncation, as Danish library and press-archive searches have it: "flygt*" is every word
# beginning with "flygt" (`search.compile` finds them). Fewer letters before the `*` would
# match most of the vocabulary; such a word is searched as it is.
MIN_PREFIX_LETTERS = 3
_TRUNCATED_RE = re.compile(r"(\w[\w.\-/]*?)\*+([,.;:!?]*)")
TRUNCATION_FIELDS = frozenset({None, "title", "decision", "body"})
# A field as a notice names it (its Danish prefix).
FIELD_NAMES_SHOWN = {"municipality": "kommune", "council": "råd", "year": "år", "case_handler": "sagsbehandler",
                     "topic": "emne", "doc_type": "type", "outcome": "udfald", "present": "deltager", "absent": "fraværende"}
# A party letter printed after a member's name ("Ole Riis (O)", "Tove Bech Larsen (V)"), copied
# with the name: the attendance lists hold the name without it, and a lone "V" is no word to
# search (it matched a list of parties "(A, V, C, F, B og Ø)").
_NAME_PARTY_RE = re.compile(r"(\b[A-ZÆØÅ][^\W\d_]*)\s*\(([A-ZÆØÅ]{1,2})\)(?!\w)")
_PARTY_RE = re.compile(r"\([A-ZÆØÅ]{1,2}\)[,.;]?")


def party_notice(letter: str) -> str:
    return f"«({letter})» efter et navn blev læst som partibogstav; der søges ikke på det."


@dataclass(frozen=True)
class Clause:
    """One searchable unit: a word (which may analyse to several terms) or a phrase."""

    text: str
    field: str | None = None  # canonical field name; None = the text fields
    phrase: bool = False
    negated: bool = False
    boost: float = 1.0  # below 1 for alternatives the engine added (variants, corrections)
    # A word typed with a trailing `*` ("flygt*"): every index term that begins with it. `text`
    # keeps the `*`, so notices quote the word as typed and spelling corrections leave it alone.
    prefix: bool = False
    # A single word typed in quotes: searched as the word is, and read as typed where a word
    # alone may be read otherwise ("besluttede" in a question, `asked_decisions`).
    quoted: bool = False
    # A date as typed where it is searched in another form: "17.02.05" as «17.02.2005» (also the
    # shape of a case number's first part, which `search.compile` tries when no text has the date);
    # for an item number, «afsnit» when it was typed after that word (a report's section); for a
    # case number, the label it was typed after («j.nr», «sagsnr»; not for the field `sagsnr:`).
    typed: str = ""


@dataclass(frozen=True)
class ParsedQuery:
    """Groups are ANDed; the clauses of one group are ORed. Negated clauses stand alone."""

    groups: tuple[tuple[Clause, ...], ...]
    notices: tuple[str, ...] = ()


def parse(text: str, max_length: int | None = None) -> ParsedQuery:
    """Read a user's query; never raises. `max_length` cuts overlong input at a word boundary."""
    notices: list[str] = []
    if max_length is not None and len(text) > max_length:
        text = text[:max_length].rsplit(None, 1)[0] if " " in text[:max_length] else text[:max_length]
        notices.append(f"Søgningen var for lang; kun de første {max_length} tegn blev brugt.")
    items = _lex(_LUCENE_YEAR_RANGE.sub(r"\1:\2..\3", text), notices)
    notices.extend(_names_with_small_words(items))
    notices.extend(_lowercase_or(items))
    notices.extend(_impossible_dates(text))
    notices.extend(_time_abbreviation(items))
    items = _decimal_points_as_commas(_hours_as_times(_capital_time_abbreviations(items)))
    groups = _group(items, notices)
    notices.extend(_one_value_fields(groups))
    if len(groups) > MAX_CLAUSES:
        groups = groups[:MAX_CLAUSES]
        notices.append(f"Søgningen havde for mange ord; kun de første {MAX_CLAUSES} blev brugt.")
    groups = _bound_prefixes(_bound_phrases(groups, notices), notices)
    return ParsedQuery(tuple(groups), tuple(dict.fromkeys(notices)))


# Fields an item has one value of, as typed in Danish: two values ANDed find nothing.
_ONE_VALUE_FIELDS = {"municipality": "én kommune", "year": "ét år", "doc_type": "én dokumenttype",
                     "council": "ét råd eller udvalg", "outcome": "ét udfald"}  # typed with their prefix in FIELD_NAMES_SHOWN


def _one_value_fields(groups: list[tuple[Clause, ...]]) -> list[str]:
    """Notices for two values of a field an item has one of, both required ("kommune:Næstved
    kommune:Roskilde", a silent zero): how to ask for either.

    >>> _one_value_fields([(Clause("Næstved", "municipality"),), (Clause("Roskilde", "municipality"),)])[0]
    'Et punkt har kun én kommune, så kommune:Næstved og kommune:Roskilde finder intet sammen; skriv kommune:Næstved ELLER kommune:Roskilde for at finde begge.'
    >>> _one_value_fields([(Clause("Næstved", "municipality"), Clause("Roskilde", "municipality"))])
    []
    """
    required: dict[str, list[str]] = {}
    for group in groups:
        clause = group[0]
        if len(group) == 1 and clause.field in _ONE_VALUE_FIELDS and not clause.negated:
            values = required.setdefault(clause.field, [])
            if danish.fold(clause.text.lower()) not in {danish.fold(v.lower()) for v in values}:
                values.append(clause.text)
    notices = []
    for field, values in required.items():
        if len(values) > 1:
            prefix, name = FIELD_NAMES_SHOWN[field], _ONE_VALUE_FIELDS[field]
            typed = [f'{prefix}:"{v}"' if " " in v else f"{prefix}:{v}" for v in values]
            listed = " og ".join(typed) if len(typed) == 2 else ", ".join(typed[:-1]) + " og " + typed[-1]
            notices.append(f"Et punkt har kun {name}, så {listed} finder intet sammen; "
                           f"skriv {' ELLER '.join(typed)} for at finde {'begge' if len(typed) == 2 else 'alle'}.")
    return notices


def without_repeats(groups: Sequence[tuple[Clause, ...]]) -> list[tuple[Clause, ...]]:
    """The groups once each: a word typed twice ("flygtninge sundhed sundhed") is counted once
    when the passages with most of the words are shown, and named once. (The query keeps its
    words as typed: "Nabo til Nabo" typed together ranks the name first.)

    >>> [c.text for (c,) in without_repeats([(Clause("sundhed"),), (Clause("Sundhed"),), (Clause("x"),)])]
    ['sundhed', 'x']
    """
    seen: set[tuple] = set()
    kept = []
    for group in groups:
        key = tuple((danish.fold(c.text.lower()), c.field, c.phrase, c.negated, c.prefix) for c in group)
        if key not in seen:
            seen.add(key)
            kept.append(group)
    return kept


def _bound_phrases(groups: list[tuple[Clause, ...]], notices: list[str]) -> list[tuple[Clause, ...]]:
    """The first `MAX_PHRASES` phrases stay phrases; later ones become their words, all required
    in any order (the nearest reading that costs a word's look-up, not a walk of positions).

    >>> q = parse(" OR ".join(f'"a{i} b{i}"' for i in range(6)))
    >>> [c.phrase for c in q.groups[0]], q.notices[0][:46]
    ([True, True, True, True, False, False], 'Søgningen havde mere end 4 fraser; de følgende')
    """
    phrases = 0
    bounded = []
    for group in groups:
        clauses = []
        for clause in group:
            if clause.phrase:
                phrases += 1
                if phrases > MAX_PHRASES:
                    clause = replace(clause, phrase=False)
            clauses.append(clause)
        bounded.append(tuple(clauses))
    if phrases > MAX_PHRASES:
        notices.append(f"Søgningen havde mere end {MAX_PHRASES} fraser; de følgende blev søgt som ord, "
                       "der alle skal forekomme, i vilkårlig rækkefølge.")
    return bounded


# A range of years as Lucene (and Solr, Elasticsearch's query string) writes it: `år:[2015 TO
# 2019]` was read as «[2015», «TO» and «2019]», two of them searched as words.
_LUCENE_YEAR_RANGE = re.compile(r"(?i)\b(år|aar|year):\s*[\[{]\s*(\d{4})\s+(?:TO|TIL)\s+(\d{4})\s*[\]}]")


def _bound_prefixes(groups: list[tuple[Clause, ...]], notices: list[str]) -> list[tuple[Clause, ...]]:
    """The first `MAX_PREFIXES` different truncated words stay truncated; later ones are searched
    as whole words. Each walks up to `search.compile.PREFIX_SCAN` index terms: 32 of them in one
    query («for* fora* forb* …») took a web worker over a second.

    >>> q = parse("aaa* bbb* ccc* ddd* aaa* eee*")
    >>> [c.prefix for (c,) in q.groups], [c.text for (c,) in q.groups][-1], q.notices[0][:44]
    ([True, True, True, True, True, False], 'eee', 'Søgningen havde mere end 4 forskellige ord m')
    """
    seen: set[str] = set()
    bounded, cut = [], False
    for group in groups:
        clauses = []
        for clause in group:
            if clause.prefix:
                word = danish.fold(clause.text.lower())
                if word not in seen and len(seen) >= MAX_PREFIXES:
                    clause, cut = replace(clause, text=clause.text.rstrip("*"), prefix=False), True
                else:
                    seen.add(word)
            clauses.append(clause)
        bounded.append(tuple(clauses))
    if cut:
        notices.append(f"Søgningen havde mere end {MAX_PREFIXES} forskellige ord med *; de følgende blev søgt "
                       "som hele ord.")
    return bounded


def looks_like_case_number(value: str) -> bool:
    """A token with digits and inner separators that is not a date: `15/4410`, `00.01.00-A21-1-14`.

    >>> [looks_like_case_number(v) for v in ("15/4410", "588-2021-1874", "21.05.2015", "2015", "A-B")]
    [True, True, False, False, False]
    """
    return bool(_CASE_NUMBER_RE.fullmatch(value)) and not find_dates(value)


_SIGN_RE = re.compile(r"(^|\s)([-+]+)(?=\S)")  # an exclusion's sign; a dash standing alone is none
_CASE_NUMBER_RE = re.compile(r"(?=[\w.\-/]*\d)\w+(?:[.\-/]\w+)+")


def _lex(text: str, notices: list[str]) -> list[Clause | str]:
    """Clauses and the OR operator, left to right."""
    items: list[Clause | str] = []
    i, n = 0, len(text)
    # Dates are found with the exclusion signs blanked out ("-21.05.2015" is a date too).
    unsigned = _SIGN_RE.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)
    dates = _typed_dates(text, unsigned)
    if "(" in (named := _NAME_PARTY_RE.sub(r"\1", text)) or ")" in named:  # a party letter is said alone
        notices.append("Parenteser bruges ikke i søgningen og blev sprunget over.")
    negate_next: str | None = None  # a NOT/IKKE waiting for its word
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        # The word after a NOT/IKKE is excluded, as the help page teaches: no notice, as for OR.
        negated, negate_next = negate_next is not None, None
        while i < n and text[i] in "-+":
            negated = negated or text[i] == "-"
            i += 1
        if (typed := dates.get(i)) is not None:  # a date, with its label ("Dato: …") and all
            i = typed.take(items, notices, negated)
            continue
        # "mødet d. 4. juni", "referat maj 2015": what a month or a day is asked for with is no word
        # to search, as before a whole date: «d» and «referat» ANDed found none or one of the items.
        led_in = (lead_end := _month_or_day_lead_in(text, i)) is not None
        i = lead_end if lead_end is not None else i
        field = None
        match = _FIELD_RE.match(text, i)
        if match:
            name = match.group(1)
            field = FIELD_ALIASES.get(danish.fold(name))
            if field:
                i = match.end()
                if text[i:i + 1] == "-" and text[i + 1:i + 2].strip():  # "titel:-flygtninge": as -titel:flygtninge
                    negated, i = True, i + 1
            elif name.isalpha() and len(name) > 2:
                i = match.end()  # most likely a mistyped field: search for its value alone
                notices.append(f"Feltet «{name}» findes ikke; der blev søgt på det, der stod efter kolonet.")
        if field in _KNOWN_VALUE_RES and (known := _KNOWN_VALUE_RES[field].match(text, i)):
            items.append(Clause(" ".join(known.group("value").split()), field, True, negated))
            i = known.end()
            continue
        if field in _SPACED_VALUE_FIELDS and (gap := len(text[i:]) - len(text[i:].lstrip())) and (
                i + gap in dates or _MONTH_YEAR_RE.match(text, i + gap) or _numeric_month(text, i + gap)
                or _MONTH_ABBREVIATION_YEAR_RE.match(text, i + gap)
                if field == "date" else _case_number_after_space(text, i + gap)):
            i += gap  # "sagsnr: 19/20102", "dato: maj 2015": the value after the space, as people type it
        if (typed := dates.get(i)) is not None and field in (None, "date"):  # however many words it is written in
            i = typed.take(items, notices, negated)
            continue
        if field in (None, "date") and (month := _MONTH_YEAR_RE.match(text, i)):  # "maj 2015": the whole month
            number = MONTH_NAMES.index(month.group(1).lower()) + 1
            items.append(Clause(f"{month.group(2)}-{number:02d}", "month", False, negated))
            i = month.end()
            continue
        if field in (None, "date") and (day := _day_of_year(text, i, led_in=led_in)) is not None:  # "4. juni": every year's
            typed, (month_number, day_number), i = day
            items.append(Clause(f"{month_number:02d}-{day_number:02d}", "day", False, negated))
            notices.append(f"«{typed}» har intet årstal: der er søgt efter møder og datoer den {day_number}. "
                           f"{MONTH_NAMES[month_number - 1]} i alle år; skriv årstallet med for ét møde.")
            continue
        if field in (None, "date") and (short := _MONTH_ABBREVIATION_YEAR_RE.match(text, i)):  # "sept 2015"
            year, number = parse_month(short.group(0))  # type: ignore[misc]  # the pattern is a month
            items.append(Clause(f"{year}-{number:02d}", "month", False, negated))
            notices.append(f"«{short.group(0)}» blev læst som måneden {MONTH_NAMES[number - 1]} {year}; "
                           f"skriv \"{short.group(0)}\" i anførselstegn for at søge efter det som tekst.")
            i = short.end()
            continue
        if field in (None, "date") and (numeric := _numeric_month(text, i)) is not None:  # "2015-05", "05.2015"
            typed, (year, number), i = numeric
            items.append(Clause(f"{year}-{number:02d}", "month", False, negated))
            notices.append(f"«{typed}» blev læst som måneden {MONTH_NAMES[number - 1]} {year}; "
                           f"skriv \"{typed}\" i anførselstegn for at søge efter det som tekst.")
            continue
        if i < n and text[i] == '"':
            end = text.find('"', i + 1)
            if end < 0:
                notices.append("Et anførselstegn blev ikke lukket, så ordene blev søgt hver for sig.")
                words = _CHUNK_RE.findall(text, i + 1)
                # all words required, in any order: the nearest reading of an open phrase; each a
                # word of its own, so a misspelt one gets its close spellings as any typed word
                # does. Excluded, they stay one clause: -"a b excludes the items with both.
                if words and negated:
                    items.append(Clause(" ".join(words), field, False, negated))
                else:
                    items.extend(Clause(word, field, False, negated) for word in words)
                break
            value = _without_party_letters(text[i + 1 : end].strip(), notices)
            i = end + 1
            if "*" in value and len(value.split()) > 1:
                notices.append("Trunkering med * virker ikke i en frase; der blev søgt på frasens ord, som de står.")
            if (proximity := _PROXIMITY_RE.match(text, i)) is not None:  # Lucene's "a b"~2: not ours
                notices.append(f"Nærhedssøgning («{proximity.group(0)}») understøttes ikke; der blev søgt på frasen.")
                i = proximity.end()
            elif (boost := _BOOST_RE.match(text, i)) is not None:  # Lucene's "a b"^2
                notices.append(f"Vægtning («{boost.group(0)}») understøttes ikke; der blev søgt på frasen.")
                i = boost.end()
            if value:
                words = len(value.split())
                items.append(Clause(value, field, words > 1, negated, quoted=words == 1))
            elif field:
                notices.append(f"«{match.group(0) if match else field}» mangler en værdi og blev ignoreret.")
            continue
        chunk = _CHUNK_RE.match(text, i)
        value = chunk.group(0) if chunk else ""
        i = chunk.end() if chunk else i
        if not value:
            if field and match:
                # a date or case number after the space was taken above: what follows is none
                notices.append(_field_without_value(match.group(0), "" if field in _SPACED_VALUE_FIELDS else text[i:]))
            continue
        label = danish.fold(value).rstrip(".:")
        # "Sag nr. 131" and "sag 131" (`SAG_ITEM_DIGITS`): how some minutes number their items.
        if not field and (number := _ITEM_NUMBER_RE.match(text, i)) and (
                label in ITEM_WORDS or label == "sag" and (number.group(1) or len(number.group(2)) <= SAG_ITEM_DIGITS)):
            # «afsnit» kept: a report's subsection («afsnit 2.1») is looked for as printed (`search.compile`)
            items.append(Clause(number.group(2), "item", False, negated, typed="afsnit" if label == "afsnit" else ""))
            i = number.end()
        elif not field and label in CASE_WORDS and (nxt := _NEXT_CHUNK_RE.match(text, i)) and (
                looks_like_case_number(nxt.group(1)) or label != "sag" and nxt.group(1).isdigit()):
            # "sagsnr 299835": some minutes number their cases with digits alone (Mosevang);
            # "sag" before a longer plain number stays a word ("sag 2015", "sag 299835").
            # The label kept (`Clause.typed`): a number copied with it is also looked for in the text,
            # where «J.nr.: 00.01.00» prints a KLE code that is no item's case number (`search.compile`).
            items.append(Clause(nxt.group(1), "case_number", False, negated, typed=label))
            i = nxt.end()
        elif value in OPERATORS_OR and not negated and not field:
            items.append(value)  # the operator as typed, so a notice names what the user wrote
        elif value in OPERATORS_AND and not negated and not field:
            notices.append(f"«{value}» behøves ikke: alle ord skal altid forekomme.")
        elif value in OPERATORS_NOT and not negated and not field:
            negate_next = value
        elif not field and not negated and _abbreviated_den(value, items):
            pass  # «d.», the abbreviation of «den», a small word not searched wherever it stands
        elif not field and _PARTY_RE.fullmatch(value) and items and isinstance(items[-1], Clause) and (
                items[-1].text.split() or [""])[-1][:1].isupper():
            notices.append(party_notice(value.strip(",.;")[1:-1]))  # "Tove Bech Larsen (V)": the name alone
        else:
            items.append(_word(_without_lucene_marks(value, notices), field, negated, notices))
    if negate_next is not None:  # nothing followed it
        notices.append(f"«{negate_next}» mangler et ord efter sig og blev ignoreret.")
    return items


def _abbreviated_den(value: str, items: Sequence[Clause | str]) -> bool:
    """Whether `value` is «d.», the abbreviation of «den» («mødet d. 25/11», «flygtninge d.»): no word
    to search, as «den» is none; required, «d» found the one passage that happened to have it.
    «D.» after a capitalised word is a name's initial («Poul D. Hansen») and stays.

    >>> [_abbreviated_den(v, [Clause("Poul")]) for v in ("d.", "D.", "d", "dk.")]
    [True, False, False, False]
    >>> _abbreviated_den("D.", [Clause("mødet")])
    True
    """
    if value == "d.":
        return True
    before = items[-1] if items else None
    return value == "D." and not (isinstance(before, Clause) and (before.text.split() or [""])[-1][:1].isupper())


# Fields whose value may stand after a space ("sagsnr: 19/20102", "dato: maj 2015"), when it is
# one they take: a case number or a date cannot be meant as a word. Other fields' values keep the
# colon ("titel: flygtninge" searches the word with a notice).
_SPACED_VALUE_FIELDS = frozenset({"case_number", "date"})


def _field_without_value(prefix: str, rest: str) -> str:
    """The notice for a field name with nothing right after its colon: missing (`kommune:`), or
    the value typed after a space (`år: 2017`), which is searched as a word of the text instead.

    >>> _field_without_value("kommune:", ""), _field_without_value("år:", " 2017 flygtninge")
    ('«kommune:» mangler en værdi og blev ignoreret.', '«år:» skal stå lige foran værdien: «2017» blev søgt som ord i teksten; skriv år:2017 uden mellemrum.')
    """
    following = rest.split(None, 1)[0] if rest.strip() else ""
    if not following or following in ("OR", "ELLER", "AND", "OG", "NOT", "IKKE") or following.startswith(("-", "+")):
        return f"«{prefix}» mangler en værdi og blev ignoreret."
    return (f"«{prefix}» skal stå lige foran værdien: «{following}» blev søgt som ord i teksten; "
            f"skriv {prefix}{following} uden mellemrum.")


def _case_number_after_space(text: str, at: int) -> bool:
    """Whether a case number stands at `at`: one with separators, or digits alone ("sagsnr: 299835"),
    as a case word before it takes them (`CASE_WORDS`).

    >>> [_case_number_after_space(t, 0) for t in ("19/20102", "299835", "flygtninge", "-19/20102", "")]
    [True, True, False, False, False]
    """
    chunk = _NEXT_CHUNK_RE.match(text, at)
    return chunk is not None and chunk.start(1) == at and (
        looks_like_case_number(chunk.group(1)) or chunk.group(1).isdigit())


# A month in digits, as the period's ends take it (`indexer.dates.parse_month`): "2015-05", "05.2015",
# "5/2015". A whole word: "21.05.2015" is a date, read before this; "2015-05-32" no month.
_NUMERIC_MONTH_RE = re.compile(r"(\d{1,4}[./\-]\d{1,4})[.,;:!?]*(?=\s|$)")


def _numeric_month(text: str, at: int) -> tuple[str, tuple[int, int], int] | None:
    """The month written in digits at `at`: as typed, as (year, month), and where the query goes on.

    >>> _numeric_month("2015-05", 0), _numeric_month("05.2015.", 0), _numeric_month("5/2015", 0)[1]
    (('2015-05', (2015, 5), 7), ('05.2015', (2015, 5), 8), (2015, 5))
    >>> [_numeric_month(t, 0) for t in ("13.2015", "2015-13", "1.8", "15/4410", "2015-2016", "05.2015x")]
    [None, None, None, None, None, None]
    """
    match = _NUMERIC_MONTH_RE.match(text, at)
    month = parse_month(match.group(1)) if match else None
    return None if match is None or month is None else (match.group(1), month, match.end())


# The shape of a date with its year: "31.02.2015", "30-02-2015", "2015-02-30".
_DATE_SHAPE_RE = re.compile(r"(?<![\w.\-/])(?:\d{1,2}[.\-/]\d{1,2}[.\-/](?:19|20)\d\d|(?:19|20)\d\d-\d{1,2}-\d{1,2})"
                            r"(?![\w\-/]|[.]\d)")


def _impossible_dates(text: str) -> list[str]:
    """Notices for what is written as a date but is none ("31.02.2015", "2015-13-45"): searched
    as the characters, which no text holds, it was a silent zero.

    >>> _impossible_dates("flygtninge 31.02.2015"), _impossible_dates("21.05.2015 00.01.00 1.2.3 2015-5-21")
    (['«31.02.2015» er ingen gyldig dato; der er søgt efter tegnene i teksterne.'], [])
    """
    read = [d.span for d in find_query_dates(text)] if _DATE_SHAPE_RE.search(text) else []
    return [f"«{m.group(0)}» er ingen gyldig dato; der er søgt efter tegnene i teksterne."
            for m in _DATE_SHAPE_RE.finditer(text)
            if not any(start <= m.start() < end for start, end in read) and not _in_field(text, m.start())]


def _in_field(text: str, at: int) -> bool:
    """Whether the word at `at` is a field's value ("dato:31.02.2015", which says so itself)."""
    return at > 0 and text[at - 1] == ":"


_LOWERCASE_OR = frozenset({"eller", "or"})


def _lowercase_or(items: list[Clause | str]) -> list[str]:
    """Notices for an "eller" or "or" in small letters between two words: no operator (OR and
    ELLER are, in capitals), so every word is required, the opposite of what was meant, and
    «flygtninge eller bolig» found two items where «flygtninge ELLER bolig» finds twelve.

    >>> _lowercase_or([Clause("flygtninge"), Clause("eller"), Clause("bolig")])[0]
    '«eller» i små bogstaver er ikke ELLER: alle ordene skal forekomme; skriv flygtninge ELLER bolig for at finde punkter med et af dem.'
    >>> _lowercase_or([Clause("eller"), Clause("bolig")]), _lowercase_or([Clause("a"), Clause("eller", phrase=True), Clause("b")])
    ([], [])
    """
    notices = []
    for k in range(1, len(items) - 1):
        before, item, after = items[k - 1], items[k], items[k + 1]
        if not all(isinstance(x, Clause) for x in (before, item, after)):
            continue
        if item.phrase or item.field is not None or item.negated or item.text not in _LOWERCASE_OR:
            continue
        if before.field is not None or after.field is not None or before.negated or after.negated:
            continue
        shown = [f'"{c.text}"' if c.phrase else c.text for c in (before, after)]
        notices.append(f"«{item.text}» i små bogstaver er ikke ELLER: alle ordene skal forekomme; "
                       f"skriv {shown[0]} ELLER {shown[1]} for at finde punkter med et af dem.")
    return notices


# A question about what was decided ("hvad besluttede rådet om boliger til flygtninge"): its
# decision word says what is asked, not a word the answer holds. The minutes record decisions
# as «Anbefalet», «Godkendt», «Taget til efterretning»; required, «besluttede» found the one item
# that happened to say «Byrådet besluttede …» and none of the housing decisions (a web review,
# 2026-12). Folded stems: beslutte, besluttede, besluttet, besluttes; beslutning(en/er/erne);
# vedtage, vedtaget, vedtagelse, and the strong past «vedtog»; godkende, godkendte, godkendt (the
# help page's own example asks «hvad vedtog integrationsrådet om …»: «vedtog» was required and no
# item holds it). Not «godkendelse» (stem "godk"), the routine item «Godkendelse af referat».
DECISION_STEMS = frozenset({"beslut", "beslutning", "vedtag", "vedtog", "godkend"})
# Words that make a query a question (folded); "hvad" is a small word too, the others are searched.
QUESTION_WORDS = frozenset({"hvad", "hvornaar", "hvem", "hvordan", "hvorfor", "hvilke", "hvilken", "hvilket"})
# Without a question word, a query of at least this many words (small words too) is read as one:
# "beslutning om boliger til flygtninge". Fewer are keywords: "kommissorium beslutning" finds
# «Beslutning om nyt kommissorium» by its title.
QUESTION_LENGTH = 4
_EDGE_RE = re.compile(r"^\W+|\W+$")


def asked_decisions(parsed: ParsedQuery) -> tuple[ParsedQuery, tuple[str, ...]]:
    """`parsed` without the decision words of a question about decisions, and those words as
    typed (without signs around them); `parsed` and () when it is no such question.

    A decision word (`DECISION_STEMS`) is left out when it is a plain word (not in quotes, a
    field, an exclusion or an OR), the query is a question (a `QUESTION_WORDS` word, or at least
    `QUESTION_LENGTH` words), and something else is searched (a word that is not small, a phrase,
    a field, a date). "beslutning" alone, "hvad besluttede" and "kommissorium beslutning" keep it.

    >>> reduced, words = asked_decisions(parse("Hvad besluttede rådet om boliger?"))
    >>> words, [group[0].text for group in reduced.groups]
    (('besluttede',), ['Hvad', 'rådet', 'om', 'boliger?'])
    >>> [asked_decisions(parse(q))[1] for q in ("beslutning om boliger til flygtninge", "kommissorium beslutning",
    ...                                         "hvad besluttede", '"beslutning" om boliger til flygtninge')]
    [('beslutning',), (), (), ()]
    """
    words = [_plain_word(group) for group in parsed.groups]
    decided = [k for k, word in enumerate(words) if word and _stem(word) in DECISION_STEMS]
    if not decided:
        return parsed, ()
    positive = [k for k, group in enumerate(parsed.groups) if any(not clause.negated for clause in group)]
    question = any(word and danish.fold(word) in QUESTION_WORDS for word in words)
    # something else to search: not a small word, a question word or signs typed alone ("?")
    topic = any(k not in decided and (words[k] is None or words[k] and not _small_or_question(words[k]))
                for k in positive)
    if not topic or not (question or len(positive) >= QUESTION_LENGTH):
        return parsed, ()
    kept = tuple(group for k, group in enumerate(parsed.groups) if k not in decided)
    return replace(parsed, groups=kept), tuple(dict.fromkeys(str(words[k]) for k in decided))


# Verbs a question asks with, which say nothing of its topic (folded): «hvor mange flygtninge fik
# Næstved» required «fik» and found the annual report's foreword («Her fik vi …») alone, not the
# item «Modtagelse af flygtninge» that answers it (a citizen review). The small verbs (har, var,
# blev, er) are not searched anyway. Forms of «få», «ske», «sige», «mene» and «gøre».
EMPTY_VERBS = frozenset({"fik", "faaet", "faar", "skete", "sker", "sket", "sagde", "siger", "sagt", "mente", "mener",
                         "ment", "gjorde", "goer", "gjort"})
# Words opening a question that are small words themselves (not in `QUESTION_WORDS`).
_OPENING_QUESTION_WORDS = frozenset({"hvor", "hvorledes", "hvormange"})
# After these the word names what is asked about, not a verb: «hvor mange får» (sheep), «hvilke sager».
_NOUN_BEFORE = frozenset({"mange", "meget", "hvilke", "hvilken", "hvilket"})


def without_question_words(parsed: ParsedQuery) -> ParsedQuery:
    """`parsed` without the question words typed as plain words (hvem, hvornår, hvordan, hvorfor,
    hvilke, …) when something else is searched: they ask, as «hvad» (a small word) does, and no
    answer need hold them. Counted as words, «hvordan går det med IGU» showed the item holding
    «hvordan» and «går» and not the IGU items (a relevance review). In a question (opening with a
    question word, or ending in «?»), the verbs that carry no topic (`EMPTY_VERBS`: «fik», «sagde»)
    are left out too, except where they stand for what is asked about («hvor mange får»).

    >>> [g[0].text for g in without_question_words(parse("Hvorfor lukkes Solvænget?")).groups]
    ['lukkes', 'Solvænget?']
    >>> [g[0].text for g in without_question_words(parse("hvem")).groups], len(without_question_words(parse('"hvem"')).groups)
    (['hvem'], 1)
    >>> [g[0].text for g in without_question_words(parse("hvor mange flygtninge fik Næstved")).groups]
    ['hvor', 'mange', 'flygtninge', 'Næstved']
    >>> [[g[0].text for g in without_question_words(parse(q)).groups] for q in ("fik tilskud", "tilskud fik?", 'hvem "fik" tilskud')]
    [['fik', 'tilskud'], ['tilskud'], ['fik', 'tilskud']]
    """
    words = [_plain_word(group) for group in parsed.groups]
    folded = [danish.fold(word.lower()) if word else None for word in words]
    asking = {k for k, word in enumerate(folded) if word in QUESTION_WORDS}
    question = bool(asking) or (bool(folded) and folded[0] in _OPENING_QUESTION_WORDS) or (
        bool(parsed.groups) and parsed.groups[-1][0].text.rstrip().endswith("?"))
    if question:
        asking |= {k for k, word in enumerate(folded) if word in EMPTY_VERBS
                   and not (k and folded[k - 1] in _NOUN_BEFORE)}
    rest = [k for k, group in enumerate(parsed.groups) if k not in asking and any(not c.negated for c in group)
            and (words[k] is None or words[k] and not _small_or_question(words[k]))]
    if not asking or not rest:
        return parsed
    return replace(parsed, groups=tuple(group for k, group in enumerate(parsed.groups) if k not in asking))


def asked_notice(words: tuple[str, ...], decisions_only: bool) -> str:
    """What is said of the decision words `asked_decisions` left out of a question.

    >>> asked_notice(("besluttede",), False)
    '«besluttede» blev læst som et spørgsmål om, hvad der blev besluttet, og er ikke søgt som ord. Vælg «Kun beslutninger» for kun at søge i beslutningerne; skriv "besluttede" i anførselstegn for at søge på ordet.'
    >>> asked_notice(("besluttet", "beslutning"), True)
    '«besluttet» og «beslutning» blev læst som et spørgsmål om, hvad der blev besluttet, og er ikke søgt som ord: der søges i beslutningerne. Skriv "besluttet" i anførselstegn for at søge på ordet.'
    """
    named = [f"«{word}»" for word in words]
    listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} og {named[-1]}"
    said = f"{listed} blev læst som et spørgsmål om, hvad der blev besluttet, og er ikke søgt som ord"
    quote = f'"{words[0]}" i anførselstegn for at søge på ordet.'
    if decisions_only:
        return f"{said}: der søges i beslutningerne. Skriv {quote}"
    return f"{said}. Vælg «Kun beslutninger» for kun at søge i beslutningerne; skriv {quote}"


def _plain_word(group: tuple[Clause, ...]) -> str | None:
    """The word of a group that is one plain word as typed (with the variants the engine added),
    without signs around it ("" for signs alone); None for a phrase, a field, an exclusion, a
    quoted or truncated word or words joined by OR."""
    typed = [clause for clause in group if clause.boost == 1.0]
    if len(typed) != 1:
        return None
    clause = typed[0]
    if clause.field is not None or clause.negated or clause.phrase or clause.prefix or clause.quoted:
        return None
    return _EDGE_RE.sub("", clause.text)


def _stem(word: str) -> str:
    return danish.stem(danish.fold(word))


def _small_or_question(word: str) -> bool:
    folded = danish.fold(word)
    return danish.is_stop(folded) or folded in QUESTION_WORDS


# The time's «kl.» is indexed as «klokken» and «KL» in capitals as the acronym (Kommunernes
# Landsforening: `search.analysis.TimeAbbreviationFilter`, `data/variants.txt`). A query's
# "kl" in small letters is the time too: said when no time follows it, as "kl" alone may be
# the acronym typed as people type.
TIME_ABBREVIATIONS = frozenset({"kl", "kl.", "Kl", "Kl."})
_TIME_RE = re.compile(r"\d{1,2}(?:[.:]\d{2})?(?:[-–]\d{1,2}(?:[.:]\d{2})?)?")  # "17", "17.00", "17.00-18.00"


def _time_abbreviation(items: list[Clause | str]) -> list[str]:
    """A notice for "kl" typed in small letters with no time after it: searched as the time's «kl.».

    >>> _time_abbreviation([Clause("kl")])[0][:40], _time_abbreviation([Clause("kl."), Clause("17.00")]), _time_abbreviation([Clause("KL")])
    ('«kl» søges som klokkeslættets «kl.» («kl', [], [])
    """
    clauses = [item for item in items if isinstance(item, Clause)]
    for k, item in enumerate(clauses):
        if item.text in TIME_ABBREVIATIONS and not item.negated and not item.phrase and item.field is None:
            after = clauses[k + 1].text if k + 1 < len(clauses) else ""
            if not _TIME_RE.fullmatch(after):
                return [f"«{item.text}» søges som klokkeslættets «kl.» («kl. 17.00»); skriv KL med store bogstaver "
                        "for at søge efter Kommunernes Landsforening."]
    return []


# A day and a month's name without a year ("4. juni", "4 juni", "den 4. juni"): a year after it
# makes it a whole date (`find_query_dates`, asked first), and so does a digit after it.
_DAY_MONTH_RE = re.compile(rf"(\d{{1,2}})\.?\s*({'|'.join(MONTH_NAMES)})(?![\w\-/])(?!\.?\s*\d)", re.IGNORECASE)


def _day_of_year(text: str, i: int, *, led_in: bool = False) -> tuple[str, tuple[int, int], int] | None:
    """(as typed, (month, day), end) of a day of a month without its year at `i` ("4. juni"),
    or None: none there, or no such day ("31. juni"). `led_in`: `i` follows what a day is asked
    for with, which may be glued to it ("d.4. juni").

    >>> _day_of_year("4. juni", 0), _day_of_year("31. juni", 0), _day_of_year("4. juni 2026", 0)
    (('4. juni', (6, 4), 7), None, None)
    """
    match = _DAY_MONTH_RE.match(text, i)
    if match is None or (i and not led_in and (text[i - 1].isalnum() or text[i - 1] in ".-/")):
        return None
    month, day = MONTH_NAMES.index(match.group(2).lower()) + 1, int(match.group(1))
    if not 1 <= day <= calendar.monthrange(2024, month)[1]:  # a leap year: 29. februar is a day
        return None
    return match.group(0), (month, day), match.end()


def _month_or_day_lead_in(text: str, i: int) -> int | None:
    """Where a month or a day without its year begins, when what it is asked for with stands at
    `i` before it (`_BEFORE_MONTH_OR_DAY_RE`: "mødet i maj 2015", "d. 4. juni"); else None.

    >>> [_month_or_day_lead_in(t, 0) for t in ("mødet i maj 2015", "d.4. juni", "referat sept 2015", "mødet flygtninge", "maj 2015")]
    [8, 2, 8, None, None]
    """
    if i and (text[i - 1].isalnum() or text[i - 1] in ".-/"):
        return None
    lead_in = _BEFORE_MONTH_OR_DAY_RE.match(text, i)
    assert lead_in is not None  # all of it optional
    if lead_in.group("meeting") and _meeting_word_searched(text, i):
        return None  # the meeting word is searched; what follows it is asked again at its own start
    end = lead_in.end()
    if end == i or not (_MONTH_YEAR_RE.match(text, end) or _MONTH_ABBREVIATION_YEAR_RE.match(text, end)
                        or _numeric_month(text, end) or _day_of_year(text, end, led_in=True)):
        return None
    return end


def _capital_time_abbreviations(items: list[Clause | str]) -> list[Clause | str]:
    """«KL.» in capitals before a time ("KL. 17.00", copied from a heading in capitals) as the
    time's «kl.», as the analyzer reads it in the texts; «KL» alone stays the acronym.

    >>> [i.text for i in _capital_time_abbreviations([Clause("KL."), Clause("17.00")])], _capital_time_abbreviations([Clause("KL")])[0].text
    (['kl.', '17.00'], 'KL')
    """
    out = list(items)
    for k, item in enumerate(out[:-1]):
        after = out[k + 1]
        if (isinstance(item, Clause) and isinstance(after, Clause) and item.text.rstrip(".") == "KL"
                and not item.phrase and item.field is None and _TIME_RE.fullmatch(after.text)):
            out[k] = replace(item, text="kl.")
    return out


def _time_word(item: Clause | str | None) -> bool:
    """Whether `item` is the word that announces a time of day: «kl.», «kl», «klokken»."""
    return isinstance(item, Clause) and item.text.rstrip(".").lower() in ("kl", "klokken")


def _hours_as_times(items: list[Clause | str]) -> list[Clause | str]:
    """A bare hour after «kl.»/«klokken» ("kl. 17") also as the time the minutes print ("17.00"):
    the texts write «kl. 17.00», indexed as one number, so "kl. 17" found nothing.

    >>> [i if isinstance(i, str) else i.text for i in _hours_as_times([Clause("kl."), Clause("17"), Clause("møde")])]
    ['kl.', '17', 'OR', '17.00', 'møde']
    """
    out: list[Clause | str] = []
    for k, item in enumerate(items):
        out.append(item)
        before = items[k - 1] if k else None
        if (isinstance(item, Clause) and isinstance(before, Clause) and not item.phrase and item.field is None
                and not item.negated and re.fullmatch(r"\d{1,2}", item.text) and int(item.text) <= 24
                and _time_word(before) and not before.phrase):
            hour = int(item.text)
            for printed in dict.fromkeys((f"{hour}.00", f"{hour:02d}.00")):  # «kl. 9.00», «kl. 09.00»
                out += ["OR", Clause(printed, None, False, False)]
    return out


# A decimal typed with a point, as on an English keyboard ("1.8 mio"): one or two decimals, so
# neither thousands ("1.250") nor a date with its year ("21.05.2015").
_POINT_DECIMAL_RE = re.compile(r"\d{1,3}\.\d{1,2}")


def _decimal_points_as_commas(items: list[Clause | str]) -> list[Clause | str]:
    """A decimal typed with a point ("1.8") also as the texts write it, with a comma ("1,8 mio.
    kr."): "1.8 mio" found nothing, not even a notice. A time after «kl.» ("kl. 17.30") is left
    as it is, and so is a number in a phrase or a field.

    >>> [i if isinstance(i, str) else i.text for i in _decimal_points_as_commas([Clause("1.8"), Clause("mio")])]
    ['1.8', 'OR', '1,8', 'mio']
    >>> len(_decimal_points_as_commas([Clause("kl."), Clause("17.30")])), len(_decimal_points_as_commas([Clause("1.250")]))
    (2, 1)
    """
    out: list[Clause | str] = []
    for k, item in enumerate(items):
        out.append(item)
        before = items[k - 1] if k else None
        if (isinstance(item, Clause) and not item.phrase and item.field is None and not item.negated
                and _POINT_DECIMAL_RE.fullmatch(item.text)
                and not _time_word(before)):
            out += ["OR", Clause(item.text.replace(".", ","), None, False, False)]
    return out


# Fields whose words may be a person's name.
_NAME_FIELDS = frozenset({None, "body", "title", "decision", "present", "absent", "case_handler"})


def _names_with_small_words(items: list[Clause | str]) -> list[str]:
    """Notices for a capitalised stop word beside a capitalised word: most likely part of a
    name ("Hans Jensen"). Stop words are not indexed, so it cannot be searched: the user is
    told that the hits are for the rest of the name alone (another Jensen's items).

    >>> _names_with_small_words([Clause("Hans"), Clause("Jensen")])[0][:44]
    '«Hans» er et småord, som der ikke søges på, '
    >>> _names_with_small_words([Clause("Hans"), Clause("sag")]), _names_with_small_words([Clause("og"), Clause("Jensen")])
    ([], [])
    """
    runs: list[list[str]] = [[]]  # words that stand next to each other as typed
    for item in items:
        if isinstance(item, Clause) and not item.negated and item.field in _NAME_FIELDS:
            if item.phrase:
                runs.append(item.text.split())
                runs.append([])
            else:
                runs[-1].append(item.text)
        else:
            runs.append([])
    notices = []
    for words in runs:
        capitalised = [w[:1].isupper() and w.isalpha() for w in words]
        small = [danish.is_stop(danish.fold(w)) for w in words]
        for k, word in enumerate(words):
            if not (capitalised[k] and small[k]):
                continue
            # the rest of the name: the capitalised words it stands among ("Anne Hans Jensen")
            first, last = k, k
            while first > 0 and capitalised[first - 1]:
                first -= 1
            while last + 1 < len(words) and capitalised[last + 1]:
                last += 1
            rest = [words[j] for j in range(first, last + 1) if not small[j]]
            if rest:
                notices.append(f"«{word}» er et småord, som der ikke søges på, heller ikke i et navn; "
                               f"der blev søgt på «{' '.join(rest)}» uden det.")
    return notices


def _without_party_letters(value: str, notices: list[str]) -> str:
    """`value` without the party letter after a name ("Ole Riis (O)" → "Ole Riis").

    >>> _without_party_letters("Ole Riis (O)", []), _without_party_letters("bilag (A)", [])
    ('Ole Riis', 'bilag (A)')
    """
    notices.extend(party_notice(match.group(2)) for match in _NAME_PARTY_RE.finditer(value))
    return _NAME_PARTY_RE.sub(r"\1", value)


# Lucene's weight ("flygtninge^2") and edit distance ("flygtninge~1") after a word, and its
# one-letter wildcard inside one ("fly?tninge"): not ours. Read as part of the word, the number
# was required as a word of its own and "flygtninge^2" found 2 items of the 11 silently.
_BOOST_RE = re.compile(r"\^\d*(?:[.,]\d+)?")
_WORD_MARK_RE = re.compile(r"(?<=\w)([\^~]\d*(?:[.,]\d+)?)([.,;:!?]*)$")
_INNER_WILDCARD_RE = re.compile(r"\w\?+\w")


def _without_lucene_marks(value: str, notices: list[str]) -> str:
    """`value` (a word as typed, party letters left out) without a Lucene weight or edit
    distance after it, with a notice saying so; a notice for a `?` inside it, searched as typed.

    >>> notices = []
    >>> [_without_lucene_marks(v, notices) for v in ("flygtninge^2", "bolig~", "flygtninge~1.", "fly?tninge")]
    ['flygtninge', 'bolig', 'flygtninge.', 'fly?tninge']
    >>> notices[0], notices[1], notices[3]
    ('Vægtning («^2») understøttes ikke; der blev søgt på «flygtninge».', 'Omtrentlig søgning («~») understøttes ikke; der blev søgt på «bolig». Ord, der ikke findes, søges af sig selv med nære stavemåder.', '«fly?tninge»: ? som jokertegn understøttes ikke; brug * i slutningen af et ord (fx flygt*).')
    """
    value = _without_party_letters(value, notices)
    if (mark := _WORD_MARK_RE.search(value)) is not None:
        value = value[:mark.start()] + mark.group(2)
        word = value.rstrip(".,;:!?")
        if mark.group(1).startswith("^"):
            notices.append(f"Vægtning («{mark.group(1)}») understøttes ikke; der blev søgt på «{word}».")
        else:
            notices.append(f"Omtrentlig søgning («{mark.group(1)}») understøttes ikke; der blev søgt på «{word}». "
                           "Ord, der ikke findes, søges af sig selv med nære stavemåder.")
    elif _INNER_WILDCARD_RE.search(value):
        notices.append(f"«{value}»: ? som jokertegn understøttes ikke; brug * i slutningen af et ord (fx flygt*).")
    return value


def _word(value: str, field: str | None, negated: bool, notices: list[str]) -> Clause:
    """One word as typed; a trailing `*` makes it a truncated word (`Clause.prefix`).

    >>> [(c.text, c.prefix) for c in (_word(w, None, False, []) for w in ("flygt*", "fl*", "bolig"))]
    [('flygt*', True), ('fl', False), ('bolig', False)]
    """
    if "*" in value and field == "case_number" and value.rstrip("*") and "*" not in value.rstrip("*"):
        # `sagsnr:00.01.00*`: a case number's beginning already finds the cases under it
        return Clause(value.rstrip("*"), field, False, negated)
    if "*" in value and field in FIELD_NAMES_SHOWN and field not in TRUNCATION_FIELDS:
        # `kommune:Næst*`: said, not "«Næst*» findes ikke"; a value's words are found without it
        notices.append(f"* virker ikke i {FIELD_NAMES_SHOWN[field]}:; der blev søgt på «{value.strip('*')}».")
        return Clause(value.strip("*"), field, False, negated)
    if "*" not in value or field not in TRUNCATION_FIELDS:
        return Clause(value, field, False, negated)
    truncated = _TRUNCATED_RE.fullmatch(value)
    if truncated is None:
        if value.strip("*"):
            notices.append(f"«{value}»: * virker kun i slutningen af et ord (fx flygt*); der blev søgt på ordet uden *.")
        return Clause(value, field, False, negated)
    start = truncated.group(1)
    if len(start) < MIN_PREFIX_LETTERS:
        notices.append(f"«{value}»: der skal stå mindst {MIN_PREFIX_LETTERS} bogstaver før *; "
                       f"der blev søgt på ordet «{start}».")
        return Clause(start, field, False, negated)
    return Clause(start + "*", field, False, negated, prefix=True)


@dataclass(frozen=True)
class _TypedDate:
    """A date as the query writes it, and what it is searched as."""

    end: int  # where the query goes on after it
    days: tuple[str, ...]  # each a date `parse_date` reads; a range's first and last day
    notices: tuple[str, ...]  # said when it is read as a date (not within a phrase)
    typed: tuple[str, ...] = ()  # each day as typed, where that is not the form searched

    def take(self, items: list[Clause | str], notices: list[str], negated: bool) -> int:
        """Add its clauses to `items`, the days of a range ORed (or each excluded); the end."""
        for k, day in enumerate(self.days):
            if k and not negated:
                items.append("OR")
            typed = self.typed[k] if k < len(self.typed) else ""
            items.append(Clause(day, "date", False, negated, typed=typed if typed != day else ""))
        notices.extend(self.notices)
        return self.end


def _typed_dates(text: str, unsigned: str) -> dict[int, _TypedDate]:
    """The dates of a query, by where each starts: its first digit, and where what is copied
    with it begins (its label, weekday, "den"); `unsigned` is `text` without exclusion signs.

    >>> sorted((start, d.end, d.days) for start, d in _typed_dates(*["Dato: Tirsdag d.13.3.12 kl. 16"] * 2).items())
    [(0, 30, ('13.03.2012',)), (16, 30, ('13.03.2012',))]
    """
    found = find_query_dates(_GLUED_D_RE.sub(lambda m: m.group(0)[0] + " ", unsigned))
    dates: dict[int, _TypedDate] = {}
    k = 0
    while k < len(found):
        (start, end), group = found[k].span, [found[k]]
        if k + 1 < len(found) and _RANGE_DASH_RE.fullmatch(text, end, found[k + 1].span[0]):
            group.append(found[k + 1])  # "4.-5. juni 2026": either day
            end = found[k + 1].span[1]
        k += len(group)
        days, notices, typed_days = [], [], []
        for value, (begin, stop), short_year in group:
            typed = text[begin:stop].strip()
            days.append(typed if parse_date(typed) == value else danish_date(value.isoformat()))
            typed_days.append(typed)
            if short_year:
                notices.append(f"«{typed}» blev søgt som datoen {value.day}. {MONTH_NAMES[value.month - 1]} "
                               f"{value.year}; skriv \"{typed}\" i anførselstegn for at søge efter det som tekst.")
        if after := _AFTER_DATE_RE.match(text, end):
            end = after.end()
        read = _TypedDate(end, tuple(days), tuple(notices), tuple(typed_days))
        dates[start] = read
        before = _BEFORE_DATE_RE.search(unsigned, 0, start)
        lead_start = before.start() if before else start
        if before and before.group("meeting") and _meeting_word_searched(unsigned, lead_start):
            lead_start = before.end("meeting")  # "Godkendelse af dagsorden 27.05.2015": «dagsorden» searched
        if lead_start < start and not any(sign in text[lead_start:start] for sign in "-+"):
            dates[lead_start] = read
    return dates


def _group(items: list[Clause | str], notices: list[str]) -> list[tuple[Clause, ...]]:
    """Join clauses around OR; an OR without a positive clause on both sides is dropped."""
    groups: list[list[Clause]] = []
    pending_or = False
    lone_or: list[str] = []
    for k, item in enumerate(items):
        if isinstance(item, str):  # OR or ELLER
            prev_ok = bool(groups) and not groups[-1][-1].negated and k > 0 and isinstance(items[k - 1], Clause)
            nxt = items[k + 1] if k + 1 < len(items) else None
            if prev_ok and isinstance(nxt, Clause) and not nxt.negated:
                pending_or = True
            else:
                lone_or.append(item)
            continue
        assert isinstance(item, Clause)
        if pending_or:
            groups[-1].append(item)
        else:
            groups.append([item])
        pending_or = False
    for word in dict.fromkeys(lone_or):
        notices.append(f"«{word}» skal stå mellem to søgeord og blev ignoreret.")
    return [tuple(g) for g in groups]
