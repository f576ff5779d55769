"""Snippets: a short window of a passage's text with `<mark>` around words that match the query.

Matching is by index term, not by spelling: a word is marked when the Danish analyzer
makes of it a term the query searched for, so "flygtningene" lights up for the query
"flygtninge". A phrase (`"negativ social kontrol"`, or the long form `REM` adds, "Rådet for
Etniske Minoriteter") is marked where its words stand in a row, as the index matched it (small
words between them skipped, compound parts counting as their word), and only there: marked
word by word, `REM` lit up every "Integrationsrådet" (its part "råd") and every "etniske". Tokens are found with the analyzer's own token pattern (a C-level regex)
and each distinct word is analysed once (`analysis.word_terms`, whose memo `_matches` reads
directly), so a snippet costs a scan of the text, not a Whoosh analysis per hit. Only the
first `MAX_SCAN` characters are scanned: long annual-report sections stay cheap (issue 6).

Everything taken from the document is HTML-escaped; the only markup is our `<mark>`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from html import escape

from indexer.conventions import without_closing_stop
from search import danish
from search.analysis import word_terms, word_terms_table
from search.decompound import Lexicon

MAX_SCAN = 20_000  # characters of a passage searched for matches
SNIPPET_WIDTH = 240  # characters of text shown
_CONTEXT = 60  # characters shown before the first match of the window
_MAX_MATCHES = 200
_TOKEN_RE = re.compile(danish.TOKEN_PATTERN)
_SPACE_RE = re.compile(r"\s+")
# A paragraph break after text that does not end a sentence (a label, a heading, a bullet):
# shown as " · ", else "Kompetenceudvalg: Integrationsrådet Administrationen indstiller"
# reads as one sentence once line breaks are spaces.
_OPEN_PARAGRAPH_END_RE = re.compile(r"(?<![.!?:;…·])[ \t]*\n[ \t]*\n\s*")
_BREAK = " · "  # what stands for such a break


Phrase = tuple[str, ...]  # the index terms of a phrase's words, in order (small words left out)


def snippet(text: str, terms: Collection[str], *, width: int = SNIPPET_WIDTH, lexicon: Lexicon | None = None,
            phrases: Collection[Phrase] = ()) -> str:
    """HTML: the best window of `text` for `terms` and `phrases`, matches in `<mark>`, all else escaped.

    >>> snippet("Byrådet drøftede <b>flygtningene</b> i Næstved.", {"flygtning"})
    'Byrådet drøftede &lt;b&gt;<mark>flygtningene</mark>&lt;/b&gt; i Næstved.'
    >>> snippet("Kompetenceudvalg: Integrationsrådet\\n\\nAdministrationen indstiller.\\n\\nGodkendt.", {"administration"})
    'Kompetenceudvalg: Integrationsrådet · <mark>Administrationen</mark> indstiller. Godkendt.'
    >>> snippet(" - ", {"flygtning"})
    ''
    >>> snippet("Sager til eventuelt\\n\\nOrientering om de lokale foreningers arbejde med flygtninge.", {"flygtning"})
    '…Orientering om de lokale foreningers arbejde med <mark>flygtninge</mark>.'
    """
    text = _SPACE_RE.sub(" ", _OPEN_PARAGRAPH_END_RE.sub(_BREAK, text[:MAX_SCAN].strip())).strip()
    if not any(c.isalnum() for c in text):  # a placeholder («-» where a decision would stand): nothing to show
        return ""
    matches = _matches(text, frozenset(terms), lexicon, frozenset(phrases)) if terms or phrases else []
    if not matches:
        start, end = 0, _cut(text, width)
    else:
        start, end = _window(text, matches, width)
    # a window cut at a paragraph break shows no separator beside its ellipsis («…· Administrationen»)
    if start and text.startswith(_BREAK.lstrip(), start):
        start += len(_BREAK.lstrip())
    if end < len(text) and text.endswith(_BREAK.rstrip(), 0, end):
        end -= len(_BREAK.rstrip())
    if end < len(text):  # the ellipsis takes a closing period's place, as in `excerpt` («2019.…» read as a typo)
        end = _before_closing_stop(text, start, end, matches)
    ellipsis_before, ellipsis_after = ("…" if start > 0 else ""), ("…" if end < len(text) else "")
    return ellipsis_before + _marked(text, matches, start, end) + ellipsis_after


def mark(text: str, terms: Collection[str], *, lexicon: Lexicon | None = None, phrases: Collection[Phrase] = ()) -> str:
    """HTML: all of a short `text` (a title) escaped, every matching word and phrase in `<mark>`.

    >>> mark("Modtagelse af <flygtninge>", {"flygtning"})
    'Modtagelse af &lt;<mark>flygtninge</mark>&gt;'
    >>> mark("Rådet for Etniske Minoriteter og rådets etniske grupper", (), phrases={("raad", "etnisk", "minoritet")})
    '<mark>Rådet</mark> for <mark>Etniske</mark> <mark>Minoriteter</mark> og rådets etniske grupper'
    """
    found = _matches(text, frozenset(terms), lexicon, frozenset(phrases)) if terms or phrases else []
    return _marked(text, found, 0, len(text))


@dataclass(frozen=True)
class Marker:
    """A query's words to mark in any text of one index (a passage page opened from a hit).

    >>> Marker(frozenset({"flygtning"}))("Flygtningene kom <i>i går</i>.")
    '<mark>Flygtningene</mark> kom &lt;i&gt;i går&lt;/i&gt;.'
    >>> bool(Marker(frozenset()))
    False
    """

    terms: frozenset[str]
    lexicon: Lexicon | None = None
    phrases: frozenset[Phrase] = frozenset()

    def __call__(self, text: str) -> str:
        """HTML: `text` escaped, its first matches (`_MAX_MATCHES`) in `<mark>`."""
        return mark(text, self.terms, lexicon=self.lexicon, phrases=self.phrases)

    def __bool__(self) -> bool:
        return bool(self.terms or self.phrases)


def _marked(text: str, matches: list[tuple[int, int, frozenset[str]]], start: int, end: int) -> str:
    """HTML: `text[start:end]` escaped, the matches that lie wholly inside it in `<mark>`."""
    out, pos = [], start
    for s, e, _ in matches:
        if s >= start and e <= end:
            out += [escape(text[pos:s]), f"<mark>{escape(text[s:e])}</mark>"]
            pos = e
    out.append(escape(text[pos:end]))
    return "".join(out)


def excerpt(text: str, *, max_lines: int = 3, max_chars: int = 300) -> str:
    """Plain text: the first non-empty lines of `text`, cut at a word boundary. Where more
    follows, an ellipsis takes the place of a closing period or comma ("gavn.…" read as a
    typo).

    >>> excerpt("Integrationsrådet, 21.05.2015\\n\\nGodkendt.\\n\\nSe bilag.\\n\\nMere.", max_lines=2)
    'Integrationsrådet, 21.05.2015\\nGodkendt…'
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    result = "\n".join(" ".join(line.split()) for line in lines[:max_lines])
    more = len(lines) > max_lines
    if len(result) > max_chars:
        result, more = result[: _cut(result, max_chars)].rstrip(), True
    return without_closing_stop(result) + "…" if more else result  # «kr.…» keeps its stop, as a snippet's does


def _matches(text: str, terms: frozenset[str], lexicon: Lexicon | None,
             phrases: frozenset[Phrase] = frozenset()) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, matched terms) of each word of `text` whose index terms (compounds split by
    the index's `lexicon`) meet `terms`, and of each word of a phrase where its words stand in a
    row (their "term" is the phrase's terms joined by spaces, which no index term has)."""
    found = []
    words: list[tuple[int, int, frozenset[str]]] = []  # every word with index terms, for phrases
    known = word_terms_table(lexicon)
    for m in _TOKEN_RE.finditer(text):
        word = m.group(0)
        analysed = known.get(word)
        if analysed is None:
            analysed = word_terms(word, lexicon)
        if phrases and analysed:
            words.append((m.start(), m.end(), analysed))
        hit = analysed & terms
        if hit and len(found) < _MAX_MATCHES:
            found.append((m.start(), m.end(), hit))
        elif len(found) >= _MAX_MATCHES and not phrases:
            break
    return _with_phrases(found, words, phrases)[:_MAX_MATCHES] if phrases else found


def _with_phrases(found: list[tuple[int, int, frozenset[str]]], words: list[tuple[int, int, frozenset[str]]],
                  phrases: frozenset[Phrase]) -> list[tuple[int, int, frozenset[str]]]:
    """`found` with the words of each place a phrase occurs in `words` (the text's words that
    have index terms: small words are not indexed, so the index's phrase skips them too),
    each word once."""
    marked: dict[tuple[int, int], frozenset[str]] = {(start, end): hit for start, end, hit in found}
    for phrase in phrases:
        n, key = len(phrase), frozenset({" ".join(phrase)})
        for i in range(len(words) - n + 1):
            if all(phrase[k] in words[i + k][2] for k in range(n)):
                for start, end, _terms in words[i : i + n]:
                    marked[start, end] = marked.get((start, end), frozenset()) | key
    return [(start, end, hit) for (start, end), hit in sorted(marked.items())]


def _window(text: str, matches: list[tuple[int, int, frozenset[str]]], width: int) -> tuple[int, int]:
    """The `width`-wide window holding the most distinct matched terms, then the rarest of them
    in this text, then the most matches.

    Where no window holds every term, the one with the rarer term says more: for a query of
    "integrationsrådet" and "sprogcenter", an item that names the council four times and the
    language centre once was shown where it named the council twice.
    A sliding window over the matches: linear in their number.
    """
    reach = width - _CONTEXT
    occurrences = Counter(term for _s, _e, terms in matches for term in terms)
    counts: Counter[str] = Counter()
    best, best_score, j = 0, (-1, -1.0, -1), 0
    for i, (start, _end, _terms) in enumerate(matches):
        j = max(j, i)
        while j < len(matches) and (j == i or matches[j][1] - start <= reach):
            counts.update(matches[j][2])
            j += 1
        score = (len(counts), round(sum(1 / occurrences[term] for term in counts), 9), j - i)
        if score > best_score:
            best, best_score = i, score
        counts.subtract(matches[i][2])
        counts = +counts  # drop terms no longer in the window
    first = matches[best][0]
    start = max(0, first - _CONTEXT)
    if start:
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else first
    end = start + _cut(text[start:], width)
    return start, max(end, matches[best][1])


def _before_closing_stop(text: str, start: int, end: int, matches: list[tuple[int, int, frozenset[str]]]) -> int:
    """`end` moved back before the «.», «,», «;» or «:» (and spaces) that close `text[start:end]`,
    never into a match («kr.» of a search for «kr.» keeps its period); an abbreviation's or a
    day's number's full stop stays (`without_closing_stop`: «ca.…», not «ca…»).

    >>> _before_closing_stop("Siden 2019. Mere.", 0, 11, []), _before_closing_stop("Prisen er ca. 2.500 kr.", 0, 13, [])
    (10, 13)
    """
    floor = max([start, *(e for s, e, _ in matches if start <= s and e <= end)])
    return max(floor, start + len(without_closing_stop(text[start:end])))


def _cut(text: str, width: int) -> int:
    """Where to end a `width`-long piece of `text` without splitting a word."""
    if len(text) <= width:
        return len(text)
    space = text.rfind(" ", 0, width)
    return space if space > width // 2 else width
