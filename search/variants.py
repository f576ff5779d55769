"""Query-time variants: renamed titles, synonyms and abbreviations from `data/variants.txt`.

A group such as ``CAM = Center for Arbejdsmarked`` means a query for either finds both.
Variants are compared by the Danish analyzer's terms, so "formanden", "Formand" and
"FORMAND" are all the variant "formand", and a variant of several words is found when the
user types those words in a row ("Center for Arbejdsmarked", with or without quotes).
The other variants are added as OR alternatives with a slightly lower boost, so the
wording the user typed ranks first. Words the user typed that together are a variant are
searched as that name (a phrase: "Rådet for Etniske Minoriteter" should not match a text
that merely has "rådet" and "etniske minoriteter"), and so is an alternative of several
words the engine adds (`REM` searches the phrase, its words stemmed as the index stems
them; the short form stays a word). Until 2026-12-04 added alternatives were searched as
ANDed words, and `REM` found a text about "rådets medlemmer" and "etniske minoriteter"
(docs/relevance.md). Nothing is added to the index: editing the file takes effect for the
next query without reindexing.

>>> from search.syntax import parse
>>> [[(c.text, c.phrase, c.boost) for c in g] for g in expand(parse("CAM flygtninge")).groups]
[[('CAM', False, 1.0), ('Center for Arbejdsmarked', True, 0.8)], [('flygtninge', False, 1.0)]]
>>> [[(c.text, c.phrase) for c in g] for g in expand(parse("center for arbejdsmarked")).groups]
[[('center for arbejdsmarked', True), ('CAM', False)]]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from indexer.datafiles import Watched, content_lines, data_file, malformed
from search import danish
from search.analysis import DanishAnalyzer, analyze
from search.danish import DATA_DIR
from search.syntax import Clause, ParsedQuery

VARIANTS_FILE = data_file("variants.txt", DATA_DIR / "variants.txt")  # or $REFERATSOG_DATA's
VARIANT_BOOST = 0.8  # an alternative scores this much of what the typed wording scores
PHRASE_ALTERNATIVES = True  # an added alternative of several words is a phrase (docs/relevance.md)

_ANALYZER = DanishAnalyzer()


@dataclass(frozen=True)
class VariantTable:
    """The variant groups as written, and each variant's analyzed terms -> its group.

    `warnings`: lines that are read but do not work as written (a variant that is a stop word)."""

    groups: tuple[tuple[str, ...], ...]
    by_terms: Mapping[tuple[str, ...], int]
    warnings: tuple[str, ...] = ()

    @property
    def longest(self) -> int:
        return max((len(terms) for terms in self.by_terms), default=0)

    def alternatives(self, terms: tuple[str, ...]) -> tuple[str, ...]:
        """The other variants of the group `terms` belongs to (empty when none)."""
        group = self.by_terms.get(terms)
        if group is None:
            return ()
        return tuple(v for v in self.groups[group] if _terms(v) != terms)


def _terms(text: str) -> tuple[str, ...]:
    return tuple(analyze(_ANALYZER, text))


VARIANT_FORM = "«variant = variant»"


def load_variants(path: Path = VARIANTS_FILE) -> VariantTable:
    """Read a variants file: one group per line, variants separated by " = ", `#` comments.

    Lines that share a variant are one group (`formand = forperson` and `formand = ordstyrer`:
    each of the three finds the others; the later line used to take «formand» from the first).
    A line that is no group (`FOU: Folkeoplysningsudvalget`) is a `DataFileError` naming it.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "variants.txt"
    >>> _ = path.write_text("formand = forperson\\nordstyrer = Formanden\\n", encoding="utf-8")
    >>> load_variants(path).groups
    (('formand', 'forperson', 'ordstyrer'),)
    """
    lines: list[tuple[str, ...]] = []
    warnings: list[str] = []
    for number, line in content_lines(path):
        variants = tuple(v.strip() for v in line.split("="))
        if len(variants) < 2 or not all(variants):
            raise malformed(path, number, line, VARIANT_FORM)
        for variant in variants:
            if not _terms(variant):
                warnings.append(f"{path}, linje {number}: «{variant}» er et stopord eller tegn, som søgningen ikke "
                                "ser; linjens andre varianter finder ikke hinanden gennem det")
        lines.append(variants)
    # Union-find over the lines: two lines with a variant of the same terms are one group.
    parent = list(range(len(lines)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_line: dict[tuple[str, ...], int] = {}
    for i, variants in enumerate(lines):
        for variant in variants:
            terms = _terms(variant)
            if terms:
                j = first_line.setdefault(terms, i)
                parent[max(root(i), root(j))] = min(root(i), root(j))
    # root line -> its variants: a later line adds those whose terms the group lacks (a line's own
    # spellings of one term, «ukrainsk = ukrainer», stay as written)
    merged: dict[int, list[str]] = {}
    for i, variants in enumerate(lines):
        group = merged.setdefault(root(i), [])
        known = {_terms(v) or v for v in group}
        group += [v for v in variants if (_terms(v) or v) not in known and v not in group]
    groups = tuple(tuple(group) for group in merged.values() if len(group) > 1)
    position = {r: n for n, r in enumerate(r for r, group in merged.items() if len(group) > 1)}
    by_terms = {terms: position[root(i)] for terms, i in first_line.items() if root(i) in position}
    return VariantTable(groups, by_terms, tuple(warnings))


# The table a search uses: read again when the file changes; a file that cannot be read or
# holds a line that is no group keeps the table last read (said once: in the site's log, on
# stderr for a command), and searches without variants when none was ever read.
_READING: Watched[VariantTable] = Watched(
    lambda: VARIANTS_FILE, load_variants, VariantTable((), {}),
    kept="søger med varianterne, som filen havde, da den sidst kunne læses",
    without="søger uden varianter", notes=lambda table: table.warnings)
# The table holds each variant's terms as stemmed when it was read: a stem-list edit, read when
# the rebuilt index opens, must read it again (a site kept the old stems, and «forperson» lost
# its variants until variants.txt itself changed: code review 13).
danish.when_stems_change(_READING.forget)


def default_table() -> VariantTable:
    """The shipped (or user-edited) table, re-read when the file changes."""
    return _READING.get()


def expand(parsed: ParsedQuery, table: VariantTable | None = None) -> ParsedQuery:
    """`parsed` with every variant's alternatives ORed into its group (runs of words merged first)."""
    table = table or default_table()
    if not table.by_terms:
        return parsed
    groups = _merge_runs(list(parsed.groups), table)
    out: list[tuple[Clause, ...]] = []
    for group in groups:
        added: list[Clause] = []
        excluded: list[tuple[Clause, ...]] = []
        for clause in group:
            if clause.field is not None or clause.prefix:  # "CAM*" is the words beginning with it
                continue
            for alternative in table.alternatives(_terms(clause.text)):
                alt = Clause(alternative, None, PHRASE_ALTERNATIVES and len(_terms(alternative)) > 1, clause.negated,
                             clause.boost * VARIANT_BOOST)
                if clause.negated:
                    excluded.append((alt,))  # an excluded word excludes its variants too, each alone
                else:
                    added.append(alt)
        out.append(tuple(group) + tuple(added))
        out.extend(excluded)
    return replace(parsed, groups=tuple(out))


def _is_word(group: tuple[Clause, ...]) -> bool:
    return len(group) == 1 and group[0].field is None and not group[0].negated and not group[0].phrase


def _merge_runs(groups: list[tuple[Clause, ...]], table: VariantTable) -> list[tuple[Clause, ...]]:
    """Replace runs of single words that together are a multi-word variant by one phrase clause."""
    out: list[tuple[Clause, ...]] = []
    i = 0
    while i < len(groups):
        end = None  # the longest run groups[i:end] that is a variant
        if _is_word(groups[i]) and _terms(groups[i][0].text):
            terms: tuple[str, ...] = ()
            for j in range(i, len(groups)):
                if not _is_word(groups[j]):
                    break
                terms += _terms(groups[j][0].text)
                if len(terms) > table.longest:
                    break
                if j > i and len(terms) > 1 and terms in table.by_terms and _terms(groups[j][0].text):
                    end = j + 1
        if end is None:
            out.append(groups[i])
            i += 1
        else:
            out.append((Clause(" ".join(g[0].text for g in groups[i:end]), None, True),))
            i = end
    return out
