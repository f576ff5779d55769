"""Danish word normalisation: folding, stop words and stemming, with no Whoosh in sight.

This is the one place that decides what a Danish word "is" for matching. The Whoosh
analyzer (`search.analysis`) wraps these functions as filters; the indexer's topic tagger
uses `terms()` so topics and search agree on word forms.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from collections.abc import Callable
from typing import Any

import snowballstemmer

from indexer.datafiles import DataFileError, content_lines, data_file, file_stamp, malformed, say

# Letters and digits; Danish letters are \w in Python's re. A token may hold inner dots and
# hyphens between alphanumerics ("21.05.2015", "00.01.00-A21-1-14") so dates and case
# numbers stay whole; the analyzer's filters decide what else to emit for them.
# An en dash, em dash or minus sign between two alphanumerics is a hyphen (`fold`): a case number
# copied from a PDF or a word processor ("588–2021–1874") is the one the minutes print.
_WORD = r"\w+(?:[.\-/\u2013\u2014\u2212]\w+)*"
# Numbers as the minutes print them are single tokens too (`number_terms` says what each is
# searched as); split at the comma or the space, "1,8 mio" matched every "1" and "8", and
# "§ 18" was the word "18" ("18. juni").
# A section reference: "§ 18", "§18", "§ 18a", "§ 18-19"; lists only after "§§" ("§§ 12 og
# 13"), since after one "§" a comma goes on with the text ("§ 18, stk. 2").
_GAP = "[ \u00a0\u202f]"  # a space within a line (no-break spaces too; not a line break: tables)
_SECTION_NUMBER = r"\d{1,3}[a-zA-Z]?(?!\w)"
# After a "§" any space will do: a line break there ("servicelovens §\n18") still cites the section.
_SECTION_RANGE = r"\s?[-–]\s?"
_SECTION = (rf"§\s?{_SECTION_NUMBER}(?:{_SECTION_RANGE}{_SECTION_NUMBER})?"
            rf"|§§\s?{_SECTION_NUMBER}(?:(?:{_SECTION_RANGE}|,\s?|\s(?:og|eller)\s){_SECTION_NUMBER})*")
# A decimal comma, after thousands dots or not: "1,8", "3,6", "150.000,00". Not within a run of
# commas between digits ("1,2,3" is a list; "1,2 og 3" is read as the decimal 1,2, which is
# what a comma between digits means in Danish prose: a list puts a space after the comma).
_DECIMAL = r"(?<!\d,)\d+(?:\.\d{3})*,\d+(?!\w|,\d)"
# Digit groups split by spaces: "150 000", "1 000 000". The first group has one to three digits
# and every later one exactly three, standing alone: "2015 2016" (years), "43 33 45 67"
# (a phone number) and "1/12 2016" do not qualify.
_SPACED_DIGITS = rf"(?<![\w.,])\d{{1,3}}(?:{_GAP}\d{{3}})+(?:,\d+)?(?!\w|[.,]\d)"
TOKEN_PATTERN = "|".join((_SECTION, _DECIMAL, _SPACED_DIGITS, _WORD))
# The tokens that hold a space: a query, split into words at spaces, must keep them whole.
SPACED_TOKEN_PATTERN = f"{_SECTION}|{_SPACED_DIGITS}"
_TOKEN_RE = re.compile(TOKEN_PATTERN)

# Snowball's Danish stop list (snowballstem.org/algorithms/danish/stop.txt).
STOP_WORDS = frozenset(
    """
    og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi
    min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her
    alle vil blev kunne ind når være dog noget ville jo deres efter ned skulle denne end dette
    mit også under have dig anden hende mine alt meget sit sine vor mod disse hvis din nogle hos
    blive mange ad bliver hendes været thi jer sådan
    """.split()
)

# Old and ASCII spellings of the Danish letters, folded at index and query time alike so
# "Naestved" finds "Næstved" and "raadet" finds "rådet". Folding goes *to* the ASCII form:
# that direction is unambiguous ("poesi" must not become "pøsi"), and it runs before
# stemming so both spellings reach the stemmer as the same string.
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "è": "e", "ü": "u", "ö": "oe", "ä": "ae",
                       "ı": "i", "ł": "l", "đ": "d", "ß": "ss",  # letters no accent can be taken off
                       "\u2013": "-", "\u2014": "-", "\u2212": "-"})  # dashes within a token (`_WORD`)

# Danish Snowball leaves "-ering" nouns whole while stripping the verb forms
# ("boligplacering" -> "boligplacering", "boligplaceret" -> "boligplac"). These extra
# endings are removed after Snowball when enough of the word remains.
_EXTRA_ENDINGS = ("ering",)
_MIN_STEM = 4
# Snowball has no past tense "-ede": "besluttede" stays "beslutted" while "beslutte" and
# "besluttet" are "beslut", so a search for what a council decided missed every
# "besluttede". The ending is removed (and a doubled consonant undoubled, as Snowball does)
# when the word ends in "ede" and enough remains; "sted", "stede" are too short to change.
_PAST_TENSE = "ede"
# Folding comes before stemming, so a word ending in "æde"/"øde" also ends in "ede" when it
# reaches the stemmer ("møde" -> "moede", "tiltræde" -> "tiltraede"). It is no past tense:
# "byrådsmøde" became "byraadsmo" while "byrådsmødet" was "byraadsmoed". ("aaede" is "åede",
# a true past tense: "opnåede".) Past tenses of verbs in "-o" ("troede", "beboede") end the
# same way; they are rarer in minutes than every "-møde" compound.
_FOLDED_VOWEL_DE = ("aede", "oede")
# Verbs whose root ends in "-kend", "-vend" or "-send" lose it to Snowball's "-ende" ending in
# the infinitive and passive ("godkende", "godkendes" -> "godk") while the participle and noun
# keep it ("godkendt", "godkendelse" -> "godkend"): "godkende lokalplan" missed every item
# decided "Godkendt". These roots get their "-end" back when Snowball took it with "-ende(s)";
# the prefixes are listed so "tænkende" (thinking) stays "tænk".
_END_VERB_ROOTS = (
    "godk", "anerk", "genk", "bek", "frak", "tilk", "underk",  # -kende
    "anv", "henv", "indv", "omv",  # -vende
    "overs", "uds", "frems", "inds", "tils", "videres", "efters", "tilbages", "afs", "gens",  # -sende
)
# Adjectives take "-t" in the neuter, which Snowball leaves on ("socialt" -> "socialt",
# "sociale" -> "social"), so "negativt" missed "negativ social kontrol". The "t" is removed
# after these endings when enough remains; participles ending so ("betalt", "fordelt",
# "aftalt") join their verb the same way. "felt", "salt" are too short to change.
_NEUTER_T_ENDINGS = ("ivt", "alt", "elt")
# Stems Snowball leaves different within one word: "center" -> "cent" but "centre"/"centret"
# -> "centr"; "dagsorden" -> "dagsord" but "dagsordenen" -> "dagsorden". A stem ending in the
# first is given the second (also inside compounds: "plejecentre" -> "plejecent"). Not "orden"
# alone: "ordenen" would become "ord" (word).
_MERGED_STEM_ENDINGS = (("centr", "cent"), ("dagsorden", "dagsord"))
_VOWELS = frozenset("aeiouy")

DATA_DIR = Path(__file__).resolve().parent / "data"
# The shipped list, or the one in $REFERATSOG_DATA (`indexer.datafiles.data_file`).
_EXCLUSIONS_FILE = data_file("stem_exclusions.txt", DATA_DIR / "stem_exclusions.txt")


def load_stem_exclusions(path: Path = _EXCLUSIONS_FILE) -> dict[str, str]:
    """The editable stem-exclusion list: folded word -> the stem to use instead of Snowball's.

    A line `word` keeps the word as written; `word -> stem` gives it an explicit stem. A
    leading `*` (`*indsats`) applies the line to compounds ending in the word as well
    (`compound_exclusions`); here the `*` is dropped.
    """
    return {word: target for word, (target, _compounds) in _read_exclusions(path).items()}


def load_compound_exclusions(path: Path = _EXCLUSIONS_FILE) -> dict[str, str]:
    """The lines of the exclusion list marked `*`: folded word -> stem, for compounds ending in it.

    >>> load_compound_exclusions()["indsats"]
    'indsats'
    """
    return {word: target for word, (target, compounds) in _read_exclusions(path).items() if compounds}


# A line of the exclusion list: `word`, `word -> stem`, `*word` or `*word -> stem` (its header).
_EXCLUSION_LINE = re.compile(r"(\*?)\s*([^\W\d_][\w'.-]*)(?:\s*->\s*([^\W\d_][\w'.-]*))?")
EXCLUSION_FORM = "«ord», «ord -> stamme» eller «*ord -> stamme»"


def _read_exclusions(path: Path) -> dict[str, tuple[str, bool]]:
    """The list's lines; a `DataFileError` naming the line for one not in its form
    (`borgerne => borger` became a word «borgerne => borger»)."""
    exclusions: dict[str, tuple[str, bool]] = {}
    for number, line in content_lines(path):
        match = _EXCLUSION_LINE.fullmatch(line)
        if match is None:
            raise malformed(path, number, line, EXCLUSION_FORM)
        star, word, target = match.groups()
        exclusions[fold(word)] = (fold(target or word), bool(star))
    return exclusions


def _compound_exclusion(word: str) -> str | None:
    """The stem of a compound whose last part is on the list with `*` ("beskæftigelsesindsats"
    -> "beskaeftigelsesindsats"), or None. The first part must have `_MIN_COMPOUND_HEAD`
    letters, so "bestemt" is not "be" + "stemt"."""
    for start in range(_MIN_COMPOUND_HEAD, len(word) - _MIN_COMPOUND_TAIL + 1):
        tail = COMPOUND_EXCLUSIONS.get(word[start:])
        if tail is not None:
            return word[:start] + tail
    return None


# One Snowball stemmer per thread: PyStemmer's objects keep per-call buffers and are not
# documented as safe to share, and the web server analyses queries in several threads.
_stemmers = threading.local()


def _stemmer() -> Any:
    stemmer = getattr(_stemmers, "danish", None)
    if stemmer is None:
        stemmer = _stemmers.danish = snowballstemmer.stemmer("danish")
    return stemmer


def fold(text: str) -> str:
    """Lower-case and fold Danish letters to their ASCII spellings, and any other letter's accent
    away: the members of an integration council are named «Yalçin», «Hélène», «Şahin» in one
    list and «Yalcin» in the next, and typed either way.

    >>> fold("Næstved Rådet Århus"), fold("Yalçin Şahin Núñez Idé")
    ('naestved raadet aarhus', 'yalcin sahin nunez ide')
    """
    folded = unicodedata.normalize("NFC", text).lower().translate(_FOLD)
    if folded.isascii():
        return folded
    # Canonical decomposition only (not NFKD): "ç" is "c" and a combining cedilla, while "½" or
    # "²" stay as they are, as the tokenizer read them.
    return "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c))


# Longer words are stemmed every time, not remembered: the caches bound their entries, not
# their size, and made-up words of hundreds of letters (a hostile query's, each of whose endings
# the compound splitter used to stem) filled them with 280 MB per web worker.
MAX_CACHED_LETTERS = 40


def stem(word: str) -> str:
    """Stem one folded, lower-case word (`_stem`; remembered unless longer than `MAX_CACHED_LETTERS`).

    >>> [stem(fold(w)) for w in ("flygtning", "flygtninge", "flygtningene")]
    ['flygtning', 'flygtning', 'flygtning']
    >>> stem(fold("boligplacering")) == stem(fold("boligplaceret"))
    True
    >>> {stem(w) for w in ("beslutte", "besluttet", "besluttede")}, {stem(w) for w in ("behandle", "behandlede")}
    ({'beslut'}, {'behandl'})
    >>> {stem(w) for w in ("center", "centre", "centret")}, {stem(w) for w in ("dagsorden", "dagsordenen")}
    ({'cent'}, {'dagsord'})
    """
    return _cached_stem(word) if len(word) <= MAX_CACHED_LETTERS else _stem(word)


def _stem(word: str) -> str:
    if word in STEM_EXCLUSIONS:
        return STEM_EXCLUSIONS[word]
    if COMPOUND_EXCLUSIONS and (compound := _compound_exclusion(word)) is not None:
        return compound
    if not word.isalpha():
        return word
    result = _stemmer().stemWord(word)
    for ending in _EXTRA_ENDINGS:
        if result.endswith(ending) and len(result) - len(ending) >= _MIN_STEM:
            result = result[: -len(ending)]
    if result.endswith(_END_VERB_ROOTS) and word[len(result):] in ("ende", "endes"):
        return result + "end"
    if result.endswith(_NEUTER_T_ENDINGS) and len(result) - 1 > _MIN_STEM:
        return result[:-1]
    if (word.endswith(_PAST_TENSE) and result.endswith("ed") and len(result) - 2 >= _MIN_STEM
            and not (word.endswith(_FOLDED_VOWEL_DE) and not word.endswith("aaede"))):
        result = result[:-2]
        if result[-1] == result[-2] and result[-1] not in _VOWELS:
            result = result[:-1]
    for ending, merged in _MERGED_STEM_ENDINGS:
        if result.endswith(ending):
            result = result[: -len(ending)] + merged
    return result


_cached_stem = lru_cache(maxsize=200_000)(_stem)


def tokens(text: str) -> list[str]:
    """The raw word tokens of a text, in order (no folding).

    >>> tokens("Sagsnr 00.01.00-A21-1-14, mødet 21.05.2015")
    ['Sagsnr', '00.01.00-A21-1-14', 'mødet', '21.05.2015']
    """
    return _TOKEN_RE.findall(text)


def terms(text: str) -> list[str]:
    """Folded, stemmed content words of a text: what matching compares.

    >>> terms("Modtagelse af flygtningene i Næstved")
    ['modtag', 'flygtning', 'naestved']
    """
    out = []
    for token in tokens(text):
        word = fold(token)
        if word in _FOLDED_STOP_WORDS:
            continue
        out.append(stem(word))
    return out


@dataclass(frozen=True)
class NumberTerms:
    """What a number token is searched as: `terms` at index and query time alike, `parts` only
    in the index (so a plain "18" still finds "§ 18", and "120" finds "42 120" where the space
    was a gap between two numbers, as in a table)."""

    terms: tuple[str, ...]
    parts: tuple[str, ...] = ()


_AMOUNT_RE = re.compile(r"\d{1,3}(?:[.\s]\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
_SECTIONS_RE = re.compile(r"(\d+[a-z]?)(?:\s*[-–]\s*(\d+[a-z]?))?")  # "18", "18a", "18-20"
_MAX_SECTION_RANGE = 20  # a longer range ("§§ 1-99") stands for its two ends alone


def number_terms(token: str) -> NumberTerms | None:
    """`_number_terms`, remembered for tokens up to `MAX_CACHED_LETTERS` characters (see `stem`)."""
    return _cached_number_terms(token) if len(token) <= MAX_CACHED_LETTERS else _number_terms(token)


def _number_terms(token: str) -> NumberTerms | None:
    """The terms of a folded number token: thousands separators dropped (`150.000`, `150 000`
    and `150000` are one number), trailing decimal zeros too (`1,50` is `1,5`, `150.000,00` is
    `150000`), a section reference as `§` and its number (a range as each section in it); None
    for any other token, which is searched as it is (`21.05.2015`, `15.20.15`, `1.8`: a dot
    before fewer than three digits numbers things, it groups no thousands).

    >>> [number_terms(t).terms for t in ("150.000", "150 000", "1,8", "150.000,00", "§ 18", "§§ 18-20")]
    [('150000',), ('150000',), ('1,8',), ('150000',), ('§18',), ('§18', '§19', '§20')]
    >>> number_terms("§ 18").parts, number_terms("42 120").parts, number_terms("15.20.15")
    (('18',), ('42', '120'), None)
    """
    if token.startswith("§"):
        sections: list[str] = []
        for low, high in _SECTIONS_RE.findall(token):
            sections.append(low)
            if high and low.isdigit() and high.isdigit() and 0 < int(high) - int(low) <= _MAX_SECTION_RANGE:
                sections += map(str, range(int(low) + 1, int(high)))
            if high:
                sections.append(high)
        numbers = tuple(dict.fromkeys(sections))
        return NumberTerms(tuple("§" + n for n in numbers), numbers) if numbers else None
    if not _AMOUNT_RE.fullmatch(token) or token.isdigit():
        return None
    whole, _, fraction = token.partition(",")
    fraction = fraction.rstrip("0")
    term = "".join(whole.replace(".", "").split()) + ("," + fraction if fraction else "")
    groups = whole.split()  # digits split by spaces: each group may be a number of its own
    return NumberTerms((term,), tuple(dict.fromkeys(groups)) if len(groups) > 1 else ())


_cached_number_terms = lru_cache(maxsize=50_000)(_number_terms)


# Words Snowball merges with unrelated words ("haven" the garden -> "hav" the sea,
# "talen" the speech -> "tal" the number), from `data/stem_exclusions.txt`.
STEM_EXCLUSIONS: dict[str, str] = load_stem_exclusions()
# The entries marked `*`, also at the end of compounds ("beskæftigelsesindsatsen").
COMPOUND_EXCLUSIONS: dict[str, str] = load_compound_exclusions()


_exclusions_read = file_stamp(_EXCLUSIONS_FILE)
_FORGET_ON_NEW_STEMS: list[Callable[[], None]] = []


def when_stems_change(forget: Callable[[], None]) -> Callable[[], None]:
    """Have `forget` called when the stem-exclusion list was read again: the modules that keep
    memos of analysed words register how to drop them, instead of this module (or the index)
    reaching into their private caches."""
    _FORGET_ON_NEW_STEMS.append(forget)
    return forget


def refresh_exclusions() -> bool:
    """Read the stem-exclusion list again if its file changed since it was read; True if so.

    An edit forces a whole rebuild (the index records its data files), and a server running
    across it must then stem queries as the new index was written: with the list read once at
    import, a site kept the old stems after the rebuild, and an edited word found 3 items where
    the command line found 10 (a docs review). Called when a new commit is opened."""
    global _exclusions_read, STEM_EXCLUSIONS, COMPOUND_EXCLUSIONS
    now = file_stamp(_EXCLUSIONS_FILE)
    if now == _exclusions_read:
        return False
    try:
        stems, compounds = load_stem_exclusions(_EXCLUSIONS_FILE), load_compound_exclusions(_EXCLUSIONS_FILE)
    except DataFileError as error:  # half-written by an editor, or saved as Latin-1: the next commit tries again
        say(f"{error}; ordstammerne fra listen, som den sidst kunne læses, bruges fortsat")
        return False
    _exclusions_read = now
    # New tables swapped in whole: a request thread stemming meanwhile reads the old table or the
    # new one, never one emptied for refilling (a code review saw «haven» stemmed «hav» so).
    STEM_EXCLUSIONS, COMPOUND_EXCLUSIONS = stems, compounds
    _cached_stem.cache_clear()
    for forget in _FORGET_ON_NEW_STEMS:
        forget()
    return True


_MIN_COMPOUND_HEAD = 3
_MIN_COMPOUND_TAIL = 4  # "lektiecafé" ends in "*cafe"

# Words of the stop list that are searched all the same: a decision turns on «ikke» («Ikke
# godkendt», «Indstillingen blev ikke vedtaget»). Unindexed, `"ikke godkendt"` found the
# approvals and could only say so (a reviewer, 2026-12); indexed, the phrase is exact and the
# word alone weighs little, as common as it is. (`indexer.topics` keeps the whole list.)
SEARCHED_SMALL_WORDS = frozenset({"ikke"})
_FOLDED_STOP_WORDS = frozenset(fold(w) for w in STOP_WORDS - SEARCHED_SMALL_WORDS)
# The stop list as the analyzer sees it (after folding): "på" -> "paa", "når" -> "naar".
FOLDED_STOP_WORDS = _FOLDED_STOP_WORDS


def is_stop(word: str) -> bool:
    """Whether a folded, lower-case word is a stop word.

    >>> is_stop("paa"), is_stop("flygtning"), is_stop("ikke")
    (True, False, False)
    """
    return word in _FOLDED_STOP_WORDS
