"""A parsed query (`search.syntax`) made into Whoosh queries: what ranks, what matches, what to mark.

Each clause becomes a pair of queries: the scored one (over title, decision and body with
their weights) and the matching one (over `body` alone, which holds the whole passage), so
which passages match is decided once and ranking only orders them. Field clauses (facets,
case numbers, dates, item numbers, attendance) match without ranking.
"""

from __future__ import annotations

import heapq
import re
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from whoosh.analysis import Analyzer
from whoosh.query import And, NullQuery, Or, Phrase, Prefix, Query, Term, Wildcard
from whoosh.searching import Searcher

from indexer.dates import MONTH_NAMES, parse_date
from indexer.models import AARSBERETNING, DAGSORDEN, REFERAT
from search import danish
from search.analysis import compound_lexicon
from search.api import FACET_LABELS, PERIOD_YEARS, is_year
from search.facets import FACETS_BY_NAME, facet_key
from search.schema import FIELD_BOOSTS, TEXT_FIELDS
from search.syntax import FIELD_NAMES_SHOWN, Clause, ParsedQuery, looks_like_case_number

# A case-number match outweighs any text match, so every item of the case comes first.
CASE_NUMBER_BOOST = 20.0
# A case number that only begins with what was copied with a label (`labelled_case`): below the
# texts that print it as copied.
PREFIX_CASE_BOOST = 0.1
COUNCIL_BOOST = 100.0  # a council's name typed in full: its own items before the items that mention it
NOTHING_TO_SEARCH = "Søgningen indeholdt kun småord (fx «og», «i», «at»), som der ikke søges på; alle punkter vises."
NO_WORDS = "Søgningen indeholdt ingen ord, der kan søges på; alle punkter vises."
# A truncated word ("flygt*") is searched as at most this many index terms that begin with it,
# the most frequent: each is a posting list to read and score. At most `PREFIX_SCAN` terms are
# looked at, so a short prefix over a large vocabulary costs a bounded walk of the term list.
MAX_PREFIX_TERMS = 100
PREFIX_SCAN = 5_000
# The parts of a compound the index lacks rank first where they stand next to each other, in
# either order, small words not counted: "kvote for flygtninge" for "flygtningekvote". Two words
# apart ("kvote på 6 flygtninge") put a lesser item first in the benchmark.
PARTS_SLOP = 1
_WORD_RE = re.compile(r"[^\W_]")  # a letter or digit: what the analyzer could have kept
# Signs typed around a word ("Mosevang?", "(Næstved)"): the analyzer drops them from a text
# word, and a municipality's name or a year is looked up without them too.
_EDGE_SIGNS_RE = re.compile(r"^[\W_]+|[\W_]+$")
_WORD_PIECE_RE = re.compile(r"[^\W\d_]{2,}")  # a piece of a hyphenated word the index holds as a part
# A four-digit number in this range typed among words is also read as the year of the items
# (`year`): "flygtninge 2017" missed Næstved's «Status på flygtninge» of 23.02.2017, whose
# text has 2017 only inside dates. Outside it a four-digit number is a number ("1874").
YEARS = range(1990, 2100)


@dataclass(frozen=True)
class Compiled:
    """A parsed query made into Whoosh queries, plus the terms to highlight.

    `matching` decides which passages match (unfielded words in `body` alone, which holds
    the whole passage: one posting list per word instead of three); `scored` ranks them
    (the same words in title^4, decision^2 and body).
    """

    scored: Query | None  # None: no positive clause (browse, possibly with exclusions)
    matching: Query | None
    negative: tuple[Query, ...]
    highlight: frozenset[str]
    notices: tuple[str, ...]
    # Whether any clause searches text: a query of facet values, dates, item or case numbers
    # alone gives every hit the same score, so its "relevance" order is newest first.
    ranked: bool = True
    # Whether every word searched is searched in the decision (`beslutning:…`): the snippet is
    # then cut from the decision, as with `decisions_only`, not from where else a stem occurs.
    in_decision: bool = False
    # (scored, matching) of groups of the hits ranked one group after the other, each by its
    # score: the passages holding the rarest of the words first, when no passage held them all
    # (`search.partial`). Empty: one ranking.
    tiers: tuple[tuple[Query, Query], ...] = ()
    # The phrases searched, as their index terms in order: marked only where their words stand
    # in a row (`search.highlight`), not word by word as `highlight` is.
    phrases: frozenset[tuple[str, ...]] = frozenset()
    # Whether a word was not searched as typed but as its parts (a compound no text has): its
    # hits are a guess, labelled approximate as spelling corrections are (`search.query`).
    approximate: bool = False
    # Where `approximate`: the passages the words find as typed, not by a word's parts or the compounds
    # holding it (`search.query._exact_if_found_whole`); a hit outside them is the guess. None: unknown.
    exact: frozenset[int] | None = None
    # The words so searched, as typed.
    split: tuple[str, ...] = ()

    @property
    def terms(self) -> frozenset[str]:
        """Every term searched for, the phrases' words included."""
        return self.highlight.union(*self.phrases)


def compile_query(parsed: ParsedQuery, searcher: Searcher, *, decisions_only: bool = False, text: str = "",
                  inside: Mapping[str, Sequence[str]] | None = None, split_words: bool = True) -> Compiled:
    """Turn parsed clauses into Whoosh queries, analysing words as the index analysed them.

    `text` is the query as typed: when none of it can be searched (only small words, or
    only signs and symbols), a notice says so, since every passage is then shown. `inside`:
    the longer words the texts hold a typed word in, which found nothing with the rest of the
    query (`search.suggest.inside_compounds`, looked up by the caller, who has the generation's
    snapshot): a split of the word then says so instead of calling it absent from the texts.
    `split_words`: False searches a word no text holds as typed, not by its parts (matching nothing)."""
    analyzer = searcher.schema["body"].analyzer
    scored: list[Query] = []
    matching: list[Query] = []
    negative: list[Query] = []
    highlight: set[str] = set()
    phrases: set[tuple[str, ...]] = set()
    dropped_words = 0
    split: list[str] = []  # the words searched by their parts, not as typed (positive clauses)
    text_fields: set[str | None] = set()  # the fields of the clauses that rank: none, a text field or None (all)
    notices = list(parsed.notices)
    councils = _council_names(parsed.groups, searcher)
    council_words: list[tuple[Query, Query]] = []  # the pairs of the words of a council's name so far
    written_joined = {g: forms for g, forms in _letters_then_number(parsed.groups, searcher, analyzer).items()
                      if g not in councils}
    entries: dict[int, int] = {}  # a group of a typed plain word -> its entry in `scored` and `matching`
    for g, group in enumerate(parsed.groups):
        alternatives: list[tuple[Query, Query]] = []
        if g - 1 in written_joined:
            continue  # the number of "covid 19", searched with its word
        if g in written_joined:
            # "covid 19": the two words (the first with the variants the engine added to it), or the
            # word the texts write them as («COVID-19», one term, which holds no «19»: Kildeholm's
            # item was labelled approximate, «19» missing)
            words = [pair for c in group if (pair := _clause_query(c, searcher, analyzer, decisions_only, highlight,
                                                                    phrases, notices, split)) is not None]
            number = _clause_query(parsed.groups[g + 1][0], searcher, analyzer, decisions_only, highlight, phrases,
                                   notices, split)
            pairs = [(_any([s for s, _ in words]), _any([m for _, m in words]))] if words else []
            pairs += [number] if number is not None else []
            fields = ["decision"] if decisions_only else list(TEXT_FIELDS)
            forms = written_joined[g]
            highlight.update(forms)
            joined = (_any([Term(f, t, boost=FIELD_BOOSTS.get(f, 1.0)) for f in fields for t in forms]),
                      _any([Term(fields[0] if len(fields) == 1 else "body", t) for t in forms]))
            apart = [_all([p[k] for p in pairs]) for k in (0, 1)]
            scored.append(Or([apart[0], joined[0]]) if apart[0] is not None else joined[0])
            matching.append(Or([apart[1], joined[1]]) if apart[1] is not None else joined[1])
            text_fields.add(None)
            continue
        council = councils.get(g)
        if council is not None:
            # A word of a council's name ("Teknisk Udvalg", "Ældrerådet"): searched as typed, not
            # split, and with its last word, the council's own records join the text's mentions.
            (clause,) = group
            pair = _clause_query(clause, searcher, analyzer, decisions_only, highlight, phrases, notices, split,
                                 may_split=False, inside={})
            if pair is not None:
                council_words.append(pair)
                text_fields.add(None)
            if council:  # the name's last word
                # The council's own items first, then the items that mention it: a constant
                # score of 1 put them below every passing mention ("Sagen sendes videre til
                # Teknik- og Miljøudvalget" at 41.5 above the committee's own items).
                record = _any([Term("council", key, boost=COUNCIL_BOOST) for key in council])
                words_scored, words_matching = _all([s for s, _ in council_words]), _all([m for _, m in council_words])
                scored.append(Or([words_scored, record]) if words_scored is not None else record)
                matching.append(Or([words_matching, record]) if words_matching is not None else record)
                council_words = []
            continue
        # A word whose variant the texts have is answered by the variant, not by its parts:
        # `næstforkvinde` finds «næstforperson», not a guess from «næst» and «forkvinde».
        answered = any(c.boost != 1.0 and _in_texts(c, searcher, analyzer) for c in group)
        for clause in group:
            if clause.field == "year" and (years := year_range(clause.text)):
                # `år:2015-2019`, `år:2015..2019` (and Lucene's `år:[2015 TO 2019]`, so read by the
                # parser): the items of each year the index has, as `år:2015 ELLER år:2016 …` find them;
                # the year values read once (32 ranges of 200 years read them 6,400 times: 1.1 s)
                field = FACETS_BY_NAME["year"].field
                q = _any([Term(field, raw.decode("utf-8")) for raw in searcher.reader().lexicon(field)
                          if raw.isdigit() and int(raw) in years]) or NullQuery
                if q is NullQuery and not clause.negated:
                    notices.append(f"{FACET_LABELS['year']} «{clause.text}» findes ikke i søgeindekset.")
                if clause.negated:
                    negative.append(q)
                else:
                    alternatives.append((q, q))
                continue
            if clause.field == "year" and not is_year(clause.text):
                notices.append(f"«{clause.text}» er ikke et årstal og blev ignoreret.")
                continue
            if clause.field == "date" and parse_date(clause.text) is None:  # "dato:31.02.2015"
                notices.append(f"«{clause.text}» er ikke en dato og blev ignoreret.")
                continue
            pair = _clause_query(clause, searcher, analyzer, decisions_only, highlight if not clause.negated else set(),
                                 phrases if not clause.negated else set(), notices, split, may_split=split_words and not answered,
                                 inside=inside or {})
            if pair is None:
                dropped_words += bool(_WORD_RE.search(clause.text))
            elif clause.negated:
                negative.append(pair[1])
            else:
                alternatives.append(pair)
                if clause.field not in _UNRANKED_FIELDS:
                    text_fields.add(clause.field)
                elif labelled_case(clause):  # it searches the text too, which ranks
                    text_fields.add(None)
            if (pair is not None and clause.field in FACETS_BY_NAME and pair[1] is NullQuery
                    and FACETS_BY_NAME[clause.field].field not in searcher.schema):
                # an index an older release built, before the facet (`udfald:`): not «findes ikke»
                notices.append(f"{FACET_LABELS[clause.field]}-filteret virker først, når søgeindekset er bygget igen "
                               f"af denne udgave af Referatsøg (referatsog index).")
            elif pair is not None and clause.field in FACETS_BY_NAME and pair[1] is NullQuery:
                said = f"{FACET_LABELS[clause.field]} «{clause.text}» findes ikke i søgeindekset"
                close = FACETS_BY_NAME[clause.field].close_value(searcher, clause.text)
                notices.append(f"{said}; mente du «{FIELD_NAMES_SHOWN.get(clause.field, clause.field)}:"
                               f"{chr(34) + close + chr(34) if ' ' in close else close}»?" if close else f"{said}.")
        if alternatives:
            if _plain_word(group[0]) and all(c.boost < 1 for c in group[1:]):  # a typed word and its variants
                entries[g] = len(scored)
            scored.append(_any([a for a, _ in alternatives]))
            matching.append(_any([m for _, m in alternatives]))
    for joined in reversed(joined_pairs(parsed, searcher, decisions_only)):
        # A compound typed as two words ("integrations politik", "Udlændinge styrelsen"): the
        # texts' compound is an alternative of the pair, ranked as the pair standing together;
        # the words alone found «Medborgerskabspolitikken» first, or nothing (no «styrelsen» alone).
        i, j = entries.get(joined.first), entries.get(joined.first + 1)
        if i is None or j is None:
            continue
        fields = ["decision"] if decisions_only else list(TEXT_FIELDS)
        highlight.add(joined.term)
        scored[i:j + 1] = [Or([And([scored[i], scored[j]]),
                               _any([Term(f, joined.term, boost=FIELD_BOOSTS.get(f, 1.0) * JOINED_BOOST)
                                     for f in fields])])]
        matching[i:j + 1] = [Or([And([matching[i], matching[j]]),
                                 Term("decision" if decisions_only else "body", joined.term)])]
    if not scored and not negative and (parsed.groups or text.strip()):
        notices.append(NOTHING_TO_SEARCH if dropped_words else NO_WORDS)
    ranked_all = _all(scored)
    nearby = _words_together(parsed, analyzer, decisions_only, searcher)
    if ranked_all is not None and nearby is not None:
        ranked_all = Or([ranked_all, nearby])
    return Compiled(ranked_all, _all(matching), tuple(negative), frozenset(highlight), tuple(dict.fromkeys(notices)),
                    ranked=bool(text_fields), in_decision=text_fields == {"decision"}, phrases=frozenset(phrases),
                    approximate=bool(split), split=tuple(split))


def _words_together(parsed: ParsedQuery, analyzer: Analyzer, decisions_only: bool, searcher: Searcher) -> Query | None:
    """A bonus for the query's plain words standing together, in their order, where two to
    four words were typed without quotes: "Nabo til Nabo" ranked an item about «naboerne» above the
    one naming «Foreningen Nabo til Nabo». Ranks only: the matching set is the words' own."""
    words: list[str] = []
    for group in parsed.groups:
        if len(group) != 1:
            return None
        clause = group[0]
        if clause.negated:
            continue
        if clause.field is not None or clause.phrase or clause.prefix or clause.boost != 1.0:
            return None
        words.extend(t.text for t in analyzer(clause.text, mode="query"))
    if not 2 <= len(words) <= TOGETHER_MAX_WORDS:
        return None
    field = "decision" if decisions_only else "body"
    if min(searcher.doc_frequency(field, word) for word in words) > TOGETHER_MAX_DF:
        # Common words only: the phrase would read the positions of every passage holding them
        # all (1M passages, "tilskud foreninger aktiviteter": 5.5 s on the first search). The
        # bonus is for names of bodies, which hold at least one rarer word.
        return None
    # `body` holds the title and decision too: one phrase, not one per field (each costs a
    # read of the words' positions in every item that has them all)
    # the bonus grows with the pairs of neighbours in the run: three words by chance in order are rarer than two
    return Phrase(field, words, slop=TOGETHER_SLOP, boost=TOGETHER_BOOST * (len(words) - 1))


TOGETHER_SLOP = 1
# Two words may stand between a name's words on an attendance list (two middle names).
ATTENDANCE_SLOP = 3
# Per pair of neighbours in the run: 1.5 for two words, 3 for three. One 1.5 for any run put
# Aarhus's «Forslag fra Enhedslisten om gratis busser» (the party voted for), lifted by one word
# in its title, before Aasted's «Enhedslisten stemte imod» word for word (a citizen review); 3 for
# two words too put a youth council's «… videre til Teknik- og Miljøudvalget» before the
# committee's own routine items. A run with one word between (slop 2: «Enhedslisten (Ø) stemte
# imod») was tried and left out: «flygtninge i Næstved» in a foreword came before the item on the
# refugee quota, «4 stemmer for og 3 imod» among the votes against (docs/relevance.md).
TOGETHER_BOOST = 1.5
TOGETHER_MAX_WORDS = 4  # names of bodies and organisations; a longer query is a question
# The bonus is given only where the rarest word is in at most this many passages: the phrase's
# cost grows with the passages that hold every word (about 0.05 ms each at 1M, read once per query).
TOGETHER_MAX_DF = 2_000


# Clauses on these fields match or not; they do not rank (a case number typed as a plain word
# has no field and also searches the text).
_UNRANKED_FIELDS = frozenset(FACETS_BY_NAME) | {"case_number", "date", "day", "item", "month", "present", "absent"}


def _any(queries: list[Query]) -> Query:
    return queries[0] if len(queries) == 1 else Or(queries)


def _all(queries: list[Query]) -> Query | None:
    return None if not queries else queries[0] if len(queries) == 1 else And(queries)


def _clause_query(
    clause: Clause, searcher: Searcher, analyzer: Analyzer, decisions_only: bool, highlight: set[str],
    phrases: set[tuple[str, ...]], notices: list[str], split: list[str], *, may_split: bool = True,
    inside: Mapping[str, Sequence[str]] | None = None,
) -> tuple[Query, Query] | None:
    """(scored, matching) queries of one clause; None when nothing of it is searchable. Its terms
    to mark go into `highlight`, or, for a phrase, into `phrases`; what the user should know of
    how it was read into `notices`; a word searched by its compound parts into `split`."""
    field = clause.field
    if field in FACETS_BY_NAME:
        q = FACETS_BY_NAME[field].user_query(searcher.reader(), clause.text)
        return q, q
    if field == "case_number":
        value = clause.text.strip().lower()
        highlight.add(value)
        q = _case_number(value)
        if labelled_case(clause):
            # Copied with its label from a text («J.nr.: 00.01.00», «Sagsnr. 15/4410»): the items
            # filed under it, and those whose text prints it. Many councils print the journal plan
            # number (a KLE code) as «J.nr.», which is no item's case number: the case field alone
            # found another council's cases that begin with it, and not the items printing it.
            terms = [t.text for t in analyzer(clause.text, mode="query")]
            body = _all([Term("decision" if decisions_only else "body", t) for t in terms])
            if body is not None:
                highlight.update(terms)
                # Ranked: the case itself first, then the texts that print the number as copied,
                # then the cases filed under a code it begins (another council's, often).
                return (Or([Term("case_number", value, boost=CASE_NUMBER_BOOST), body, _case_number(value, PREFIX_CASE_BOOST)]),
                        Or([q, body]))
        return q, q
    if field == "date":
        day = parse_date(clause.text)
        if day is None:
            return None
        # A date written in one token ("21.05.2015") is marked where the text has it; the
        # words of a written-out date ("21. maj 2015") are not: every "21", "maj" and "2015"
        # in the text would light up (the highlighter marks words, not phrases).
        typed = (clause.typed or clause.text).strip()
        if _KLE_CODE_RE.fullmatch(typed) and not searcher.doc_frequency("dates", day.isoformat()):
            # "17.02.05" is also the first part of a case number (the journal plan's code, KLE):
            # with no such date in the index, the cases filed under it, as `sagsnr:17.02.05` finds.
            cases = _case_number(typed.lower())
            if _finds_any(searcher, cases):
                read_as_date = f"«{typed}» blev søgt som datoen"
                notices[:] = [n for n in notices if not n.startswith(read_as_date)]
                notices.append(f"«{typed}» blev søgt som begyndelsen af sagsnumre: ingen tekst har datoen "
                               f"{day.day}. {MONTH_NAMES[day.month - 1]} {day.year}.")
                highlight.add(typed.lower())
                return cases, cases
        highlight.update(t.text for t in analyzer(clause.text, mode="query") if not t.text.isalnum())
        q = Term("dates", day.isoformat())
        return q, q
    if field == "item":
        return _item_query(clause, searcher, analyzer, decisions_only, phrases, notices)
    if field == "day":
        # A day without its year ("4. juni"): every meeting and dated text of that day, any year,
        # and the day written as words in the texts («den 4. juni»).
        month, day = (int(part) for part in clause.text.split("-"))
        written = tuple(t.text for t in analyzer(f"{day}. {MONTH_NAMES[month - 1]}", mode="query"))
        phrases.add(written)
        q = Or([Wildcard("dates", f"*-{clause.text}"), Phrase("body", list(written))])
        return q, q
    if field == "month":
        # Every date of the month (meetings, decisions, dates in the text), and the month written
        # as words ("I august 2019 blev 138 børn … sprogvurderet"), which no date records.
        year, month = clause.text.split("-")
        written = tuple(t.text for t in analyzer(f"{MONTH_NAMES[int(month) - 1]} {year}", mode="query"))
        phrases.add(written)
        q = Or([Prefix("dates", clause.text + "-"), Phrase("body", list(written))])
        return q, q
    fields = [field] if field else (["decision"] if decisions_only else list(TEXT_FIELDS))
    match_field = fields[0] if len(fields) == 1 else "body"
    boosts = {f: FIELD_BOOSTS.get(f, 1.0) * clause.boost for f in fields}
    if clause.prefix:
        return _prefix_query(clause, searcher, analyzer, fields, match_field, boosts, highlight, notices)
    terms = [t.text for t in analyzer(clause.text, mode="query")]
    if not terms:
        return None
    parts: list[str] = []
    if (len(terms) == 1 and not clause.phrase and clause.boost == 1.0 and field is None
            and (apart := _LETTERS_NUMBER_RE.fullmatch(typed_word(clause.text)))
            and not searcher.doc_frequency(match_field, terms[0])):
        # "covid19", a word no text holds: as the texts write it, «COVID-19» or «covid 19»; else
        # ("skoler2") its two words as if typed apart. Each form only where the index finds it:
        # «skoler 2» as a phrase no text holds was announced and found nothing.
        letters, number = apart.groups()
        hyphenated = [t for t in _query_terms(analyzer, f"{letters}-{number}") if searcher.doc_frequency(match_field, t)]
        spaced = _query_terms(analyzer, f"{letters} {number}")
        spaced = spaced if len(spaced) == 2 and all(searcher.doc_frequency(match_field, t) for t in spaced) else []
        phrase = bool(spaced) and _finds(searcher, Phrase(match_field, spaced))
        both = bool(spaced) and not hyphenated and not phrase and _finds(searcher, And([Term(match_field, t) for t in spaced]))
        if hyphenated or phrase or both:
            said = (f"punkter med både «{letters}» og «{number}»" if both else
                    " og ".join(f"«{form}»" for form, found in ((f"{letters}-{number}", hyphenated),
                                                              (f"{letters} {number}", phrase)) if found))
            if not clause.negated:
                notices.append(f"«{clause.text}» står ikke i {_texts(match_field)}; der er søgt efter {said}.")
                highlight.update(hyphenated)
                if phrase:
                    phrases.add(tuple(spaced))
                if both:
                    highlight.update(spaced)
            if both:
                return (And([_any([Term(f, t, boost=boosts[f]) for f in fields]) for t in spaced]),
                        And([Term(match_field, t) for t in spaced]))
            written = ([(_any([Term(f, t, boost=boosts[f]) for f in fields]), Term(match_field, t)) for t in hyphenated]
                       + [(_any([Phrase(f, spaced, boost=boosts[f]) for f in fields]), Phrase(match_field, spaced))]
                       * phrase)
            return _any([q for q, _ in written]), _any([m for _, m in written])
    if (len(terms) == 1 and not clause.phrase and clause.boost == 1.0 and "-" in terms[0]
            and searcher.doc_frequency(field or "body", terms[0])
            and not (field is None and _municipality(searcher, typed_word(clause.text)) is not None)
            and (forms := _inflected_forms(searcher, field or "body", terms[0]))):
        # A hyphenated word the texts hold, and in other inflections too: all of them, as a stemmed
        # word finds its forms («it-system» missed «It-systemerne», which «it-systemer» found; and
        # «-it-system» kept it: a code review).
        every = (terms[0], *forms)
        highlight.update(every)
        return (_any([Term(f, t, boost=boosts[f]) for f in fields for t in every]),
                _any([Term(match_field, t) for t in every]))
    if (len(terms) == 1 and not clause.phrase and clause.boost == 1.0 and may_split
            and searcher.doc_frequency(field or "body", terms[0]) == 0
            # a municipality's name that no text writes finds its records below, whole: "København"
            # was said to be missing and searched as «køben» and «havn», its hits labelled approximate
            and not (field is None and _municipality(searcher, typed_word(clause.text)) is not None)):
        # A compound the index does not have ("flygtningekvote"): search its parts instead, and
        # say so: "lokalplan" found «lokalt» and «Beskæftigelsesplanen» and looked like an answer.
        # Only a word the user typed: an alternative the engine added (a variant, boost below 1)
        # that no text has matches nothing; split, `næstforperson` was said to be searched as
        # «næst» and «forkvinde» and its exact hits labelled approximate.
        words = danish.tokens(clause.text)
        # The texts' own forms of a hyphenated word first: «it-systemet» is the texts'
        # «it-system», «SSP-samarbejde» their «SSP-samarbejdet» (the whole word is not stemmed:
        # searched by its parts, the item that has it ranked second, labelled approximate).
        inflected = _inflected_forms(searcher, field or "body", terms[0]) if len(words) == 1 else ()
        if inflected:
            highlight.update(inflected)
            scored = _any([Term(f, t, boost=boosts[f]) for f in fields for t in inflected])
            return scored, _any([Term(match_field, t) for t in inflected])
        # An excluded hyphenated word is not split: «-skole-politi» left out every item that had
        # «skole» and «politi» anywhere, with nothing said (a code review).
        hyphenated = _hyphen_parts(words[0]) if len(words) == 1 and not clause.negated else []
        if clause.negated and len(words) == 1 and _hyphen_parts(words[0]):
            return None if not searcher.doc_frequency(field or "body", terms[0]) else (
                _any([Term(f, terms[0]) for f in fields]), Term(match_field, terms[0]))
        parts = hyphenated or (list(compound_lexicon(searcher.schema).split(danish.fold(words[0]))) if len(words) == 1 else [])
        stems = list(dict.fromkeys(danish.stem(part) for part in parts))
        linked = (_with_linking_letter(words[0], parts, searcher, analyzer, field or "body")
                  if len(stems) > 1 and not hyphenated else None)
        if linked is not None:
            # "integrationpolitik": the texts' compound has its linking letter, «integrationspolitik»;
            # searched as that word, not by parts that found «Medborgerskabspolitikken» first
            spelt, term = linked
            terms, parts = [term], []
            if not clause.negated:
                split.append(clause.text)
                notices.append(f"«{words[0]}» står ikke i {_texts(match_field)}; der er søgt efter «{spelt}».")
        elif len(stems) > 1:
            terms = stems
            if not clause.negated:  # an excluded compound excludes its parts: nothing shown to explain
                split.append(clause.text)
                notices.append(_split_notice(words[0], parts, (inside or {}).get(clause.text, ()), searcher,
                                             _texts(match_field)))
        else:
            parts = []
    if field is None and not clause.phrase and (looks_like_case_number(clause.text.strip()) or _case_serial(
            clause.text.strip(), searcher)):
        # A case number typed as a word: the items filed under it first, then mentions in text.
        # A first part of case numbers ("00.01.00", the journal plan's code) finds the cases
        # under it, as `sagsnr:00.01.00` does.
        value = clause.text.strip().lower()
        highlight.update(terms)
        case = _case_number(value, CASE_NUMBER_BOOST)
        body = _all([Term("decision" if decisions_only else "body", t) for t in terms])
        assert body is not None
        return Or([case, body]), Or([_case_number(value), body])
    if clause.phrase and len(terms) > 1:
        phrases.add(tuple(terms))
        # A name on the attendance lists without its middle names: «Tina Hasselager» is listed
        # as «Tina Svarre Hasselager», «Poul Sand» as «Poul Erik Sand».
        slop = ATTENDANCE_SLOP if field in ("present", "absent") else 1
        scored = _any([Phrase(f, terms, slop=slop, boost=boosts[f]) for f in fields])
        return scored, Phrase(match_field, terms, slop=slop)
    highlight.update(terms)
    scored = _all([_any([Term(f, t, boost=boosts[f]) for f in fields]) for t in terms])
    matching = _all([Term(match_field, t) for t in terms])
    assert scored is not None and matching is not None
    if parts:
        # The parts written together, in either order, rank first: "kvote for flygtninge"
        # before an item that has "flygtninge" in one place and "kvote" in another.
        orders = [terms, terms[::-1]] if len(terms) == 2 else [terms]
        scored = Or([scored, *(Phrase(f, order, slop=PARTS_SLOP, boost=boosts[f]) for f in fields for order in orders)])
    if field is None:
        # A municipality's name finds its own records too, which seldom name it: "flygtninge
        # Næstved" missed Næstved's "Status på flygtninge"; a year finds the items of that year.
        # A mention in the text scores more (a facet term scores its weight, 1). Signs typed
        # around the word do not count: "dagsorden Mosevang?" missed Mosevang's own item.
        word = typed_word(clause.text)
        record = _municipality(searcher, word)
        if record is None:
            record = _year(searcher, word)
        if record is None and len(terms) == 1 and terms[0].startswith("§"):
            # «§ 3»: the items a protocol numbers so ("§ 3. Høring …"), first, and the texts
            # that cite a paragraph 3 (of a law, mostly) after them.
            if searcher.doc_frequency("item", terms[0]):
                return (Or([scored, Term("item", terms[0], boost=CASE_NUMBER_BOOST)]),
                        Or([matching, Term("item", terms[0])]))
        if record is not None:
            return Or([scored, record]), Or([matching, record])
    return scored, matching


# The words that name a document type (as the index analyses them: «årsberetninger» and
# «aarsberetning» are «årsberetning»), and what a notice calls that type's documents.
_DOC_TYPE_WORDS = {AARSBERETNING: (AARSBERETNING, "beretning"), REFERAT: (REFERAT,), DAGSORDEN: (DAGSORDEN,)}
_DOC_TYPE_PLURALS = {AARSBERETNING: "årsberetningerne", REFERAT: "referaterne", DAGSORDEN: "dagsordenerne"}


def doc_type_words(parsed: ParsedQuery, searcher: Searcher) -> ParsedQuery:
    """`parsed` with each plain word that names a document type and that no text holds read as
    that type's filter (`type:årsberetning`), with a notice saying so: no text says «årsberetning»,
    since a report's passages are its sections («Forord» …) and its title is no passage's text.
    Read before the fallbacks, so they see the filter as if typed (not a word to drop or respell).

    Beside other words, the word is the filter when it stands alone in its group (not ORed) and the
    other words find documents of that type: «årsberetning 2019», «årsberetning Næstved». Searched
    as a word, it was said to be missing from every annual report found by the rest. When the rest
    finds none of that type, it stays a word: the filter would find nothing, and the words' own hits
    are the closer answer. An ORed type word stays a word too: «dagsorden OR referat» is no filter."""
    analyzer = searcher.schema["body"].analyzer
    notices = list(parsed.notices)
    only = sum(not c.negated for group in parsed.groups for c in group) == 1
    groups = []
    for g, group in enumerate(parsed.groups):
        clauses = []
        for clause in group:
            doc_type = _doc_type_named(clause, searcher, analyzer)
            alone = not _other_words(parsed.groups, g)
            if doc_type is not None and (only or len(group) == 1 and _rest_finds_type(parsed, g, doc_type, searcher)):
                notices.append(_doc_type_notice(typed_word(clause.text), doc_type, alone=alone))
                clause = replace(clause, field="doc_type", text=doc_type, typed=None)
            clauses.append(clause)
        groups.append(tuple(clauses))
    return ParsedQuery(tuple(groups), tuple(notices)) if len(notices) > len(parsed.notices) else parsed


def _rest_finds_type(parsed: ParsedQuery, g: int, doc_type: str, searcher: Searcher) -> bool:
    """Whether the query without its `g`th group finds a document of `doc_type` (or searches
    nothing, when the type word is then all there is to search)."""
    rest = compile_query(ParsedQuery(tuple(group for i, group in enumerate(parsed.groups) if i != g)), searcher)
    if rest.matching is None:
        return True
    return _finds(searcher, And([rest.matching, FACETS_BY_NAME["doc_type"].filter_query([doc_type])]))


def _doc_type_named(clause: Clause, searcher: Searcher, analyzer: Analyzer) -> str | None:
    """The document type a plain word typed names («årsberetning», «referater», «dagsorden»),
    when no text holds the word and the index has documents of that type; else None. A text
    that says «referat» is still found by the word."""
    if (clause.field is not None or clause.negated or clause.prefix or clause.phrase or clause.quoted
            or clause.boost != 1.0):
        return None  # a word in quotes is searched as typed
    terms = [t.text for t in analyzer(clause.text, mode="query")]
    if len(terms) != 1 or searcher.doc_frequency("body", terms[0]):
        return None
    facet = FACETS_BY_NAME["doc_type"]
    for doc_type, words in _DOC_TYPE_WORDS.items():
        if any(terms[0] == t.text for word in words for t in analyzer(word, mode="query")):
            return doc_type if searcher.doc_frequency(facet.field, facet_key(doc_type)) else None
    return None


def _other_words(groups: Sequence[Sequence[Clause]], g: int) -> bool:
    """Whether a group other than the `g`th searches something (a clause not excluded)."""
    return any(not c.negated for i, group in enumerate(groups) if i != g for c in group)


def _doc_type_notice(word: str, doc_type: str, *, alone: bool) -> str:
    """What is said of a word read as its document type's filter (`_doc_type_named`).

    >>> _doc_type_notice("årsberetning", "årsberetning", alone=True)
    'Ingen tekst nævner «årsberetning»; viser årsberetningerne (type:årsberetning).'
    >>> _doc_type_notice("referater", "referat", alone=False)
    'Ingen tekst nævner «referater»; de øvrige ord er søgt i referaterne (type:referat).'
    """
    shown = f"{_DOC_TYPE_PLURALS[doc_type]} ({FIELD_NAMES_SHOWN.get('doc_type', 'type')}:{doc_type})"
    return f"Ingen tekst nævner «{word}»; " + (f"viser {shown}." if alone else f"de øvrige ord er søgt i {shown}.")


def typed_word(text: str) -> str:
    """A word or phrase as typed, without the signs typed around it that the analyzer drops: how
    notices and a hit's missing words name it ("Roskilde?" was said to be missing as «Roskilde?»).
    A sign the analyzer keeps stays ("§ 18"), and so does text of signs alone.

    >>> [typed_word(t) for t in ("Roskilde?", "(Næstved)", "«fritidspas»", "§ 18", "kr.", "?", "social kontrol.")]
    ['Roskilde', 'Næstved', 'fritidspas', '§ 18', 'kr', '?', 'social kontrol']
    """
    word = _EDGE_SIGNS_RE.sub("", text)
    return word if word and danish.tokens(word) == danish.tokens(text) else text


def _in_texts(clause: Clause, searcher: Searcher, analyzer: Analyzer) -> bool:
    """Whether the texts hold every word of the plain word or phrase `clause` (a phrase's
    words need not stand in a row: a cheap test, no positions read)."""
    if clause.field is not None or clause.negated or clause.prefix:
        return False
    terms = [t.text for t in analyzer(clause.text, mode="query")]
    return bool(terms) and all(searcher.doc_frequency("body", t) for t in terms)


def _year(searcher: Searcher, word: str) -> Query | None:
    """The items of the year `word` ("2017", within `YEARS`), or None when it is no year or
    no item has it."""
    if not is_year(word) or int(word) not in YEARS or not searcher.doc_frequency("year", word):
        return None
    return Term("year", word)


def _item_query(clause: Clause, searcher: Searcher, analyzer: Analyzer, decisions_only: bool,
                phrases: set[tuple[str, ...]], notices: list[str]) -> tuple[Query, Query]:
    """(scored, matching) of an item reference ("punkt 15", "pkt. 42"): the items with that
    number. When no item has it, the texts that cite it («behandlet i Økonomiudvalget den
    17. september 2019, pkt. 148»), with a notice: "pkt. 77" and "punkt 99" were silent zeros."""
    number = clause.text.strip()
    q = Term("item", number.lower())  # "3B" is item 3b, indexed in lower case
    if clause.negated or searcher.doc_frequency("item", number.lower()):
        return q, q
    field = "decision" if decisions_only else "body"
    if clause.typed == "afsnit" and _SUBSECTION_RE.fullmatch(number):
        return _subsection_query(number, searcher, analyzer, field, phrases, notices)
    written = [f"punkt {number}", f"pkt. {number}"]
    said = list(dict.fromkeys(tuple(t.text for t in analyzer(text, mode="query")) for text in written))
    phrases.update(said)
    notices.append(f"Der er intet punkt {number} i søgeindekset; der er i stedet søgt efter "
                   f"{' og '.join(f'«{text}»' for text in written)} i teksterne.")
    q = _any([Phrase(field, list(words)) for words in said])
    return q, q


# A subsection's number as a report prints it at the head of its lines, «2.1 Medlemmer»: a
# report's passages are its numbered sections (afsnit 2), and what they print under them
# stays in their text.
_SUBSECTION_RE = re.compile(r"\d{1,2}\.\d{1,2}")


def _subsection_query(number: str, searcher: Searcher, analyzer: Analyzer, field: str,
                      phrases: set[tuple[str, ...]], notices: list[str]) -> tuple[Query, Query]:
    """(scored, matching) of `afsnit 2.1` where no passage is numbered so: the reports' sections
    that print «2.1» (a subsection's heading, in the text of afsnit 2), and the texts that cite
    «afsnit 2.1». `afsnit 2.1` searched «punkt 2.1» and «pkt. 2.1», and found nothing (a review)."""
    cited = tuple(t.text for t in analyzer(f"afsnit {number}", mode="query"))
    printed = tuple(t.text for t in analyzer(number, mode="query"))
    phrases.update((cited, printed))
    reports = FACETS_BY_NAME["doc_type"].filter_query([AARSBERETNING])
    q = Or([Phrase(field, list(cited)), And([reports, *(Term(field, t) for t in printed)])])
    notices.append(f"Intet afsnit eller punkt har nummeret {number}. Et underafsnit står i teksten til sit afsnit, så "
                   f"der er i stedet søgt efter «{number}» i årsberetningernes tekst og efter «afsnit {number}» i "
                   f"alle tekster.")
    return q, q


_LINKING_LETTERS = ("s", "e")
# A compound typed as two words outweighs the two words found apart: as much as a phrase of them.
JOINED_BOOST = 1.0


@dataclass(frozen=True)
class Joined:
    """Two adjacent words of a query written together as a word the texts hold."""

    first: int  # the index of the first word's group in `ParsedQuery.groups` (the second is next)
    spelt: str  # the compound as written: "Udlændingestyrelsen"
    term: str  # its index term


def _plain_word(clause: Clause) -> bool:
    """Whether `clause` is one word typed as such: no field, quotes, truncation, exclusion or variant weight."""
    return (clause.field is None and not clause.phrase and not clause.quoted and not clause.prefix
            and not clause.negated and clause.boost == 1.0 and clause.text.isalpha())


def joined_pairs(parsed: ParsedQuery, searcher: Searcher, decisions_only: bool = False) -> tuple[Joined, ...]:
    """The pairs of adjacent plain words of `parsed` (typed as words; the engine's alternatives
    aside) that the texts hold written together (`joined_word`), left to right, no word in two
    pairs: "integrations politik" is «integrationspolitik», "Udlændinge styrelsen" «Udlændingestyrelsen»."""
    analyzer = searcher.schema["body"].analyzer
    field = "decision" if decisions_only else "body"
    found: list[Joined] = []
    groups = parsed.groups
    g = 0
    while g + 1 < len(groups):
        pair = groups[g:g + 2]
        # the word typed, with the alternatives the engine added (variants, compounds holding it)
        if all(_plain_word(group[0]) and all(c.boost < 1 for c in group[1:]) for group in pair):
            joined = joined_word(pair[0][0].text, pair[1][0].text, searcher, analyzer, field)
            if joined is not None:
                found.append(Joined(g, *joined))
                g += 2
                continue
        g += 1
    return tuple(found)


def joined_word(first: str, second: str, searcher: Searcher, analyzer: Analyzer, field: str) -> tuple[str, str] | None:
    """The compound of `first` and `second` that the texts hold, as (the word so spelt, its
    index term): written together, with a linking letter (-s-, -e-), or without the first
    word's own last e or s ("integration politik", "integrations politik", "udlændinge
    styrelsen"); the one most texts hold. None when the texts hold none, or when a word is
    a small word the analyzer drops."""
    own = [[t.text for t in analyzer(word, mode="query")] for word in (first, second)]
    if any(len(terms) != 1 for terms in own):
        return None
    lower = first.lower()
    spellings = [first + second, *(first + letter + second for letter in _LINKING_LETTERS
                                   if not lower.endswith(letter))]
    if lower[-1] in _LINKING_LETTERS and len(lower) > 3:
        spellings.append(first[:-1] + second)
    best: tuple[int, str, str] | None = None
    for spelt in dict.fromkeys(spellings):
        terms = [t.text for t in analyzer(spelt, mode="query")]
        if len(terms) != 1 or terms[0] in (own[0][0], own[1][0]):
            continue
        frequency = searcher.doc_frequency(field, terms[0])
        if frequency and (best is None or frequency > best[0]):
            best = (frequency, spelt, terms[0])
    return None if best is None else (best[1], best[2])


def _with_linking_letter(word: str, parts: list[str], searcher: Searcher, analyzer: Analyzer,
                         field: str) -> tuple[str, str] | None:
    """The compound the texts hold where `word` (split into `parts`, none of which it is) lacks a
    linking letter between two of them: "integrationpolitik" is «integrationspolitik», as
    (the word so spelt, its index term); None when no such word is in the texts."""
    lower = word.lower()
    typed = _typed_parts(word, parts)
    at, cuts = 0, []
    for part in typed:  # where each part begins in the word, in order
        found = lower.find(part, at)
        if found > 0:
            cuts.append(found)
        if found >= 0:
            at = found + len(part)
    for cut in dict.fromkeys(cuts):
        for letter in _LINKING_LETTERS:
            if lower[cut - 1] == letter:
                continue  # it has one already
            spelt = word[:cut] + letter + word[cut:]
            terms = [t.text for t in analyzer(spelt, mode="query")]
            if len(terms) == 1 and searcher.doc_frequency(field, terms[0]):
                return spelt, terms[0]
    return None


# The most forms of one hyphenated word a query looks for («uu-vejleder»: «uu-vejlederen», «uu-vejlederne», …).
MAX_INFLECTED_FORMS = 12


def _inflected_forms(searcher: Searcher, field: str, term: str) -> tuple[str, ...]:
    """The hyphenated words of the texts that are `term` (a hyphenated query term, folded, as
    the index holds it whole) in another inflection: the same words before the last hyphen and
    a last word of the same stem. Empty for a term with no hyphen, or none in the texts."""
    head, dash, last = term.rpartition("-")
    if not dash or not head or not last.isalpha() or len(last) < 2 or not all(piece.isalnum() for piece in head.split("-")):
        return ()
    stem = danish.stem(last)
    # The stem's first letters: Snowball's stem need not begin the word («kattene» → «kat»)
    candidates, _capped = _prefix_terms(searcher, field, f"{head}-{stem[:max(2, len(stem) - 1)]}")
    forms = [t for t in candidates if t != term and (rest := t[len(head) + 1:]).isalpha() and danish.stem(rest) == stem]
    return tuple(forms[:MAX_INFLECTED_FORMS])


# A word of letters then a number, as one may type a name the texts write with a hyphen or a
# space: "covid19" for «COVID-19», "covid 19" (`_letters_then_number`).
_LETTERS_NUMBER_RE = re.compile(r"([^\W\d_]{2,})(\d{1,4})")


def _finds(searcher: Searcher, query: Query) -> bool:
    """Whether `query` matches any item of the index."""
    return searcher.search(query, limit=1).scored_length() > 0


def _query_terms(analyzer: Analyzer, text: str) -> list[str]:
    return [t.text for t in analyzer(text, mode="query")]


def _letters_then_number(groups: Sequence[Sequence[Clause]], searcher: Searcher, analyzer: Analyzer) -> dict[int, list[str]]:
    """The groups that are a word of letters (and the variants the engine added to it) followed
    by a group that is a number ("covid 19"), each with the terms the texts hold the two as one
    word in («covid-19», «covid19»), by the word's group; pairs no text writes as one word are
    left out."""
    found: dict[int, list[str]] = {}
    for g in range(len(groups) - 1):
        if g - 1 in found or len(groups[g + 1]) != 1 or any(c.boost == 1.0 for c in groups[g][1:]):
            continue
        word, number = groups[g][0], groups[g + 1][0]
        if not all(c.field is None and not c.phrase and not c.negated and not c.prefix and c.boost == 1.0
                   for c in (word, number)):
            continue
        letters, digits = typed_word(word.text), typed_word(number.text)
        if not _LETTERS_NUMBER_RE.fullmatch(letters + digits) or not letters.isalpha() or not digits.isdigit():
            continue
        forms = [t for form in (f"{letters}-{digits}", f"{letters}{digits}") for t in _query_terms(analyzer, form)
                 if searcher.doc_frequency("body", t)]
        if forms:
            found[g] = list(dict.fromkeys(forms))
    return found


def _hyphen_parts(word: str) -> list[str]:
    """The folded parts of a hyphenated word the index holds as parts (`analysis.PartsFilter`),
    when each of its pieces is a word of two letters or more and not a stop word; else none.
    A hyphenated word is one token, so "UU-vejleder" and "intro-møde" found nothing where the
    texts have «UU-vejlederne» and «intro-møder»: searched by its parts, as typed apart.

    >>> _hyphen_parts("UU-vejleder"), _hyphen_parts("åben-hus"), _hyphen_parts("Sam-X"), _hyphen_parts("00.01.00-A21")
    (['uu', 'vejleder'], ['aaben', 'hus'], [], [])
    """
    pieces = re.split(r"[-\u2013\u2014\u2212/]", danish.fold(word.lower()))
    if len(pieces) < 2 or not all(_WORD_PIECE_RE.fullmatch(p) and not danish.is_stop(p) for p in pieces):
        return []
    return pieces


def _texts(field: str) -> str:
    """What a notice calls the texts searched: the decisions with «Kun beslutninger» («plejecenter» is in
    the texts, only not in a decision: a web review), else the texts."""
    return "beslutningerne" if field == "decision" else "teksterne"


def _split_notice(word: str, parts: list[str], inside: Sequence[str] = (), searcher: Searcher | None = None,
                  texts: str = "teksterne") -> str:
    """What a search of a compound by its parts tells the user, naming the parts as typed, and
    the longer words the texts hold it in (`inside`) when those found nothing with the rest of
    the query: "fokusgruppe Næstved" said «fokusgruppe» was in no text, which holds
    «fokusgruppeinterview» (in a Roskilde item).

    >>> _split_notice("Lokalplan", ["lokal", "plan"])
    '«Lokalplan» står ikke i teksterne; der er søgt efter punkter med både «lokal» og «plan».'
    >>> _split_notice("fokusgruppe", ["fokus", "gruppe"], ["fokusgruppeinterview"])[:88]
    '«fokusgruppe» står kun i teksterne som del af længere ord («fokusgruppeinterview»), som '
    """
    if searcher is None:
        shown = [f"«{part}»" for part in _typed_parts(word, parts)]
    else:
        from search.suggest import written_as_is  # suggest imports the snapshot, which the compile need not

        typed = _typed_parts(word, parts)
        shown = [f"«{part}»" for part in _written_out(word, typed, lambda part: written_as_is(searcher, part))]
    listed = f"både {shown[0]} og {shown[1]}" if len(shown) == 2 else f"{', '.join(shown[:-1])} og {shown[-1]}"
    if inside:
        where = (f"står kun i {texts} som del af længere ord ({', '.join(f'«{w}»' for w in inside)}), "
                 "som intet punkt har sammen med resten af søgningen")
    else:
        where = f"står ikke i {texts}"
    return f"«{word}» {where}; der er søgt efter punkter med {listed}."


def _typed_parts(word: str, parts: list[str]) -> list[str]:
    """The folded compound `parts` as they are spelt in `word` (lower case): "børnehus" split as
    ("boern", "hus") is «børn», «hus». Parts may overlap (a part and its own parts: «boligområder»,
    «bolig», «områder»), so each is looked for after the one before, else anywhere. A part not
    found in it stays folded.

    >>> _typed_parts("Flygtningekvote", ["flygtning", "kvote"]), _typed_parts("Børnehus", ["boern", "hus"])
    (['flygtning', 'kvote'], ['børn', 'hus'])
    >>> _typed_parts("lørdagboligområder", ["loerdag", "boligomraader", "bolig", "omraader"])
    ['lørdag', 'boligområder', 'bolig', 'områder']
    """
    lower = word.lower()
    folded, where = "", []  # the folded word, and the letter of `lower` each folded letter came from
    for k, letter in enumerate(lower):
        spelt = danish.fold(letter)
        folded += spelt
        where.extend([k] * len(spelt))
    out, at = [], 0
    for part in parts:
        found = folded.find(part, at)
        if found < 0:
            found = folded.find(part)
        if found < 0:
            out.append(part)
            continue
        out.append(lower[where[found]:where[found + len(part) - 1] + 1])
        at = found + len(part)
    return out


def _written_out(word: str, typed: list[str], is_word: Callable[[str], bool]) -> list[str]:
    """The `typed` parts of `word` (`_typed_parts`: stems, a split's heads without a letter it
    took for a linking one) that are no word of the texts (`is_word`), run on to where the next
    part begins, or to the word's end for the last, as the user wrote them: «ældreboliger» was
    said to be searched as «ældr» and «boliger»; «flygtning» of "flygtningekvote" is a word.
    Not over a linking "s", more than two letters inside the word or four at its end (an
    ending), or for a part not found in order.

    >>> _written_out("ældreboliger", ["ældr", "bolig"], lambda part: False)
    ['ældre', 'boliger']
    >>> _written_out("Bibliotekslukning", ["bibliotek", "lukn"], lambda part: False)
    ['bibliotek', 'lukning']
    >>> _written_out("flygtningekvote", ["flygtning", "kvote"], lambda part: part == "flygtning")
    ['flygtning', 'kvote']
    """
    lower = word.lower()
    starts, at = [], 0
    for part in typed:
        found = lower.find(part, at)
        starts.append(found)
        at = found + len(part) if found >= 0 else at
    out = []
    for k, (part, start) in enumerate(zip(typed, starts)):
        following = [s for s in starts[k + 1:] if s >= 0]
        rest = lower[start + len(part):following[0] if following else len(lower)] if start >= 0 else ""
        longest = 2 if following else 4
        run_on = rest.isalpha() and len(rest) <= longest and rest != "s" and not is_word(part)
        out.append(part + rest if run_on else part)
    return out


def _prefix_query(
    clause: Clause, searcher: Searcher, analyzer: Analyzer, fields: list[str], match_field: str,
    boosts: dict[str, float], highlight: set[str], notices: list[str],
) -> tuple[Query, Query]:
    """(scored, matching) of a truncated word ("flygt*"): the index terms that begin with it,
    folded and lower-cased as the index has them (stems, compound parts included), and the
    word's own stem ("kommune*" also finds "kommunen", indexed as "kommun"). At most
    `MAX_PREFIX_TERMS` of them, the most frequent, with a notice when more were left out."""
    typed = clause.text.rstrip("*")
    prefix = danish.fold(typed)
    found, capped = _prefix_terms(searcher, match_field, prefix)
    terms = list(found)
    own = [t.text for t in analyzer(typed, mode="query")]
    if len(own) == 1 and own[0] not in terms and searcher.doc_frequency(match_field, own[0]):
        terms.append(own[0])
    if capped:
        notices.append(f"«{clause.text}» passer på for mange ord; der blev søgt på de {MAX_PREFIX_TERMS} hyppigste. "
                       "Skriv flere bogstaver før * for at få alle med.")
    if not terms:
        notices.append(f"Intet ord i teksterne begynder med «{typed}».")
        return NullQuery, NullQuery
    highlight.update(terms)
    scored = _any([Term(f, t, boost=boosts[f]) for f in fields for t in terms])
    return scored, _any([Term(match_field, t) for t in terms])


_YEAR_RANGE_RE = re.compile(r"(\d{4})\s*(?:-|–|\.\.)\s*(\d{4})")


def year_range(value: str) -> range | None:
    """The years of a range typed as a year's value ("2015-2019", "2015..2019", "2019–2015"),
    both ends included, or None when `value` is no range of years.

    >>> year_range("2015..2017"), year_range("2019–2015"), year_range("2015"), year_range("2015-1800")
    (range(2015, 2018), range(2015, 2020), None, None)
    """
    found = _YEAR_RANGE_RE.fullmatch(value.strip())
    if found is None or not (is_year(found[1]) and is_year(found[2])):
        return None
    low, high = sorted((int(found[1]), int(found[2])))
    return range(low, high + 1) if PERIOD_YEARS[0] <= low and high <= PERIOD_YEARS[-1] else None


def _prefix_terms(searcher: Searcher, field: str, prefix: str) -> tuple[tuple[str, ...], bool]:
    """The `MAX_PREFIX_TERMS` most frequent terms of `field` that begin with the folded `prefix`,
    sorted, and whether more were left out. Remembered per index generation (at most
    `_PREFIX_MEMORY` prefixes): each walks up to `PREFIX_SCAN` terms, and a query may repeat one
    («for* for* …» walked the terms once per copy)."""
    reader = searcher.reader()
    memory = _PREFIXES.setdefault(reader, {})
    key = (field, prefix, MAX_PREFIX_TERMS, PREFIX_SCAN)
    if key not in memory:
        fieldobj = searcher.schema[field]
        found: list[tuple[int, str]] = []
        capped = False
        for k, (term, info) in enumerate(reader.iter_prefix(field, prefix)):
            if k == PREFIX_SCAN:
                capped = True
                break
            found.append((info.doc_frequency(), fieldobj.from_bytes(term)))
        if len(found) > MAX_PREFIX_TERMS:
            capped = True
            found = heapq.nlargest(MAX_PREFIX_TERMS, found)
        if len(memory) >= _PREFIX_MEMORY:
            memory.clear()
        memory[key] = (tuple(sorted({term for _, term in found})), capped)
    return memory[key]


_PREFIXES: weakref.WeakKeyDictionary[Any, dict[tuple[str, str, int, int], tuple[tuple[str, ...], bool]]] = \
    weakref.WeakKeyDictionary()
_PREFIX_MEMORY = 256


# The most words a council's name is typed in ("Social-, Sundheds- og Ældreudvalget": 4).
COUNCIL_NAME_WORDS = 5


def _council_names(groups: Sequence[Sequence[Clause]], searcher: Searcher) -> dict[int, tuple[str, ...]]:
    """The groups that spell an indexed council's name, one plain word each, typed in a row
    ("Teknisk Udvalg", "Kultur- og Fritidsudvalget", "Ældrerådet"): each group's index maps to
    () and the name's last one to the council's keys (several where councils' names differ only
    in their hyphens: "Teknik og Miljøudvalget" names «Teknik- og Miljøudvalget» too, as
    reporters type it). The longest name wins where names overlap.
    A council's name found its meetings only by `råd:`: typed as words, "Ældrerådet" was split
    into «ældr» and «rådet» and "Teknisk Udvalg" found an item that mentions both words."""
    names = _council_keys(searcher.reader())
    stems = _council_stems(searcher.reader())
    plain = [len(g) == 1 and g[0].field is None and not (g[0].negated or g[0].phrase or g[0].prefix)
             and g[0].boost == 1.0 for g in groups]
    found: dict[int, tuple[str, ...]] = {}
    i = 0
    while i < len(groups):
        for n in range(min(COUNCIL_NAME_WORDS, len(groups) - i), 0, -1):
            if not all(plain[i:i + n]):
                continue
            key = facet_key(" ".join(groups[k][0].text for k in range(i, i + n)))
            # As typed, and in another form ("ældreråd", "integrationsrådets", without hyphens)
            keys = tuple(dict.fromkeys(([key] if key in names else []) + list(stems.get(_stemmed(key), ()))))
            if keys:
                found.update({k: () for k in range(i, i + n - 1)} | {i + n - 1: keys})
                i += n
                break
        else:
            i += 1
    return found


_COUNCILS: weakref.WeakKeyDictionary[Any, frozenset[str]] = weakref.WeakKeyDictionary()


def _stemmed(key: str) -> str:
    """A folded name's words stemmed, without the hyphens and commas of a shared ending:
    "aeldreraad" and "aeldreraadet" alike, "teknik- og miljoeudvalget" as "teknik og miljoeudvalget"."""
    return " ".join(danish.stem(word) for word in key.replace("-", " ").replace(",", " ").split())


def _council_stems(reader: Any) -> dict[str, tuple[str, ...]]:
    """The indexed council keys by their `_stemmed` form (several where names differ only in
    their hyphens or inflection: "Teknik og Miljøudvalget" of one municipality, "Teknik- og
    Miljøudvalget" of another)."""
    table = _COUNCIL_STEMS.get(reader)
    if table is None:
        by_stem: dict[str, list[str]] = {}
        for key in sorted(_council_keys(reader)):
            by_stem.setdefault(_stemmed(key), []).append(key)
        table = _COUNCIL_STEMS[reader] = {stem: tuple(keys) for stem, keys in by_stem.items()}
    return table


_COUNCIL_STEMS: weakref.WeakKeyDictionary[Any, dict[str, tuple[str, ...]]] = weakref.WeakKeyDictionary()


def _council_keys(reader: Any) -> frozenset[str]:
    """The indexed council keys of one index generation (a few hundred at most), read once."""
    keys = _COUNCILS.get(reader)
    if keys is None:
        keys = _COUNCILS[reader] = frozenset(raw.decode("utf-8") for raw in reader.lexicon("council"))
    return keys


def _municipality(searcher: Searcher, word: str) -> Query | None:
    """The records of the municipality named `word` as its facet value is written ("Næstved",
    "naestved", and with a plain vowel for æ, ø, å as on a foreign keyboard: "Lyngso"), or None
    when no indexed municipality has that name."""
    key = facet_key(word)
    if not key:
        return None
    if searcher.doc_frequency("municipality", key):
        return Term("municipality", key)
    if "o" not in key:  # the loose form of a name differs only where ø (oe) is typed as o
        return None
    loose = _municipalities_loosely(searcher.reader()).get(_loose(key))
    return Term("municipality", loose) if loose else None


def _loose(key: str) -> str:
    """A folded name with ø (folded to oe) written as a plain o: "lyngsoe" and "lyngso" alike,
    as the text's stems already have it ("Lyngso" finds «Lyngsø» in the text). Names only:
    "oe" → "o" would merge ordinary words. Not æ or å: "Nastved" is a misspelling that gets
    its "Mente du Næstved?", which then finds the text's mentions too.

    >>> _loose("lyngsoe"), _loose("aarhus"), _loose("naestved")
    ('lyngso', 'aarhus', 'naestved')
    """
    return key.replace("oe", "o")


# One table per reader (an index generation's searcher keeps its reader): reading the
# municipality lexicon for each word of each query cost a third of a query's time.
_LOOSELY: weakref.WeakKeyDictionary[Any, dict[str, str]] = weakref.WeakKeyDictionary()


def _municipalities_loosely(reader: Any) -> dict[str, str]:
    """The indexed municipality keys by `_loose` form (one index generation's, a few hundred at
    most); a loose form two municipalities share names neither."""
    table = _LOOSELY.get(reader)
    if table is None:
        by_loose: dict[str, str | None] = {}
        for raw in reader.lexicon("municipality"):
            key = raw.decode("utf-8")
            loose = _loose(key)
            by_loose[loose] = None if loose in by_loose and by_loose[loose] != key else key
        table = _LOOSELY[reader] = {loose: key for loose, key in by_loose.items() if key}
    return table


def labelled_case(clause: Clause) -> bool:
    """Whether `clause` is a case number copied with its label («J.nr.: 00.01.00», `Clause.typed`)
    that names one case or code, so that the texts printing it are found too: a number with
    separators, or digits alone of five or more (a year after «sagsnr» is no case's mention:
    «2015» is in every text of that year). The field `sagsnr:` searches the case numbers alone.

    >>> [labelled_case(Clause(v, "case_number", typed="j.nr")) for v in ("00.01.00", "15/4410", "299835", "2015")]
    [True, True, True, False]
    >>> labelled_case(Clause("00.01.00", "case_number"))
    False
    """
    value = clause.text.strip()
    return (clause.field == "case_number" and bool(clause.typed) and not clause.negated
            and (looks_like_case_number(value) or (len(value) >= 5 and value.isdigit())))


def _case_serial(text: str, searcher: Searcher) -> bool:
    """A number of five digits or more that ends a case number of the index ("88412" of
    «731-2011-88412»): searched as a case number is (a number that ends none, as a number)."""
    return len(text) >= 5 and text.isdigit() and bool(searcher.doc_frequency("case_number", text))


# A date with a two-digit year, "17.02.05", is also the shape of a KLE code, the first part
# of a case number ("17.02.05-P20-3-23").
_KLE_CODE_RE = re.compile(r"\d\d\.\d\d\.\d\d")


def _finds_any(searcher: Searcher, query: Query) -> bool:
    return any(True for _ in query.docs(searcher))


def _case_number(value: str, boost: float = 1.0) -> Query:
    """The case number `value` (lower case) and every case number that begins with it and a separator."""
    return Or([Term("case_number", value), Prefix("case_number", value + "-"), Prefix("case_number", value + ".")],
              boost=boost)
