"""View-side facets: small objects with one job each, looped over by the search page.

The engine counts; these decide how a facet's values are labelled, ordered and linked
(a value links to the URL with it added, a selected value to the URL without it), and
which removable chips the active filters show.

Values of one facet are ORed, so once a facet has a selected value, a click on another adds
results: the number beside it is then how many it adds ("+4"), not its own count, which is
what a click gives only in a facet without a selection.

The engine lists a facet's most frequent values; the page links the rest as a view of the same
hits with every value listed (`?all_values=case_handler`, «Vis alle N»), and back («Vis færre»).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from search.api import FACET_LABELS, FACETS, MAX_FILTER_VALUES, OUTCOMES, FacetValue

from .state import SearchState, value_key

# How many values a facet shows before the rest fold into "Vis alle".
VISIBLE_VALUES = 8
# The fewest values worth folding: a "Vis alle" that reveals one value takes the line that value needs.
FOLD_AT_LEAST = 2

DOC_TYPE_LABELS = {"referat": "Referat", "dagsorden": "Dagsorden", "årsberetning": "Årsberetning"}


@dataclass(frozen=True)
class FacetLink:
    value: str
    label: str
    count: int  # results with the value; when `adds`, the results a click adds
    selected: bool
    url: str  # with the value added, or (when selected) without it; "" when no more can be added (`FacetGroup.full`)
    adds: bool = False  # another value of this facet is selected: a click widens the results


@dataclass(frozen=True)
class Chip:
    """An active filter, shown above the hits with a link that removes it."""

    facet_label: str
    label: str
    remove_url: str
    parameter: str = ""  # the URL parameter it sets: a facet's name, "from", "to", "decisions_only"


@dataclass(frozen=True)
class FacetGroup:
    name: str
    label: str
    links: tuple[FacetLink, ...]
    more: int = 0  # values the results have beyond those listed (the engine lists the most frequent)
    full: bool = False  # MAX_FILTER_VALUES are selected: the others are shown, not offered
    all_url: str = ""  # the page listing every value, when some are not listed
    fewer_url: str = ""  # the page listing the most frequent only, when this one lists all

    @property
    def full_note(self) -> str:
        """What the page says under a facet that takes no more values."""
        return f"Højst {MAX_FILTER_VALUES} værdier ad gangen: fjern en for at vælge en anden." if self.full else ""

    @property
    def listed_in_full(self) -> bool:
        return bool(self.fewer_url)

    @property
    def total(self) -> int:
        """How many values the results have, listed or not."""
        return len(self.links) + self.more

    def _folds(self, at: int, link: FacetLink) -> bool:
        return at >= VISIBLE_VALUES and not link.selected

    @property
    def visible(self) -> tuple[FacetLink, ...]:
        """The first values, and every selected one: a filter that is on is seen, and can be
        removed, without opening "Vis alle". All of them when fewer than FOLD_AT_LEAST would fold."""
        if not self.folded:
            return self.links
        return tuple(link for at, link in enumerate(self.links) if not self._folds(at, link))

    @property
    def folded(self) -> tuple[FacetLink, ...]:
        """The values behind "Vis alle", or none when that would hide fewer than FOLD_AT_LEAST."""
        folded = tuple(link for at, link in enumerate(self.links) if self._folds(at, link))
        return folded if len(folded) >= FOLD_AT_LEAST else ()


class Facet:
    """A facet as the page shows it; subclasses change labels or order."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.label = FACET_LABELS[name]

    def value_label(self, value: str) -> str:
        return value

    def order(self, values: Sequence[FacetValue]) -> list[FacetValue]:
        """Most frequent first (the engine's order), ties by label."""
        return sorted(values, key=lambda fv: (-fv.count, self.value_label(fv.value).casefold()))

    def group(self, counted: Sequence[FacetValue], state: SearchState) -> FacetGroup:
        """The facet's links. Beside a selection, an unselected value shows what a click adds:
        the engine's `adds` where values overlap (a multi-valued facet); for a single-valued
        one the value's own count is what a click adds."""
        widens = bool(state.selected(self.name))
        # ordered by the number shown: a value that adds 20 before one that adds 5
        values = [FacetValue(fv.value, fv.count if fv.adds is None else fv.adds, fv.selected) for fv in counted]
        # A selected value the result set no longer holds stays visible, so it can be removed.
        known = {value_key(fv.value) for fv in values}
        values += [FacetValue(v, 0, True) for v in state.selected(self.name) if value_key(v) not in known]
        links = []
        for fv in self.order(values):
            selected = state.is_selected(self.name, fv.value)
            url = state.without_value(self.name, fv.value) if selected else \
                state.with_value(self.name, fv.value) if state.can_add(self.name, fv.value) else ""
            links.append(FacetLink(fv.value, self.value_label(fv.value), fv.count, selected, url, widens and not selected))
        full = len(state.selected(self.name)) >= MAX_FILTER_VALUES
        return FacetGroup(self.name, self.label, tuple(links), full=full,
                          fewer_url=state.listing_fewer() if state.all_values == self.name else "")

    def chips(self, state: SearchState, counted: Sequence[FacetValue] = ()) -> list[Chip]:
        """One chip per selected value, labelled as the index spells it (`naestved` shows as
        Næstved) when the counts hold it."""
        spelled = {value_key(fv.value): fv.value for fv in counted}
        return [Chip(self.label, self.value_label(spelled.get(value_key(v), v)), state.without_value(self.name, v), self.name)
                for v in state.selected(self.name)]


class YearFacet(Facet):
    def order(self, values: Sequence[FacetValue]) -> list[FacetValue]:
        """Newest year first: people scan years as a timeline, not by count."""
        return sorted(values, key=lambda fv: fv.value, reverse=True)


class DocTypeFacet(Facet):
    def value_label(self, value: str) -> str:
        return DOC_TYPE_LABELS.get(value, value)


class OutcomeFacet(Facet):
    def order(self, values: Sequence[FacetValue]) -> list[FacetValue]:
        """Most frequent first, ties as `indexer.outcome.OUTCOMES` lists them (decisive outcomes first)."""
        return sorted(values, key=lambda fv: (-fv.count, OUTCOMES.index(fv.value) if fv.value in OUTCOMES else len(OUTCOMES),
                                              fv.value.casefold()))


def _make(name: str) -> Facet:
    return {"year": YearFacet, "doc_type": DocTypeFacet, "outcome": OutcomeFacet}.get(name, Facet)(name)


FACET_VIEWS: tuple[Facet, ...] = tuple(_make(name) for name in FACETS)


def facet_groups(counts: Mapping[str, Sequence[FacetValue]], state: SearchState,
                 more: Mapping[str, int] | None = None) -> list[FacetGroup]:
    """One group per facet that has values (or a selected value), in FACETS order; `more`: how
    many values each facet has beyond those counted (`SearchResponse.facets_more`)."""
    groups = []
    for facet in FACET_VIEWS:
        left_out = (more or {}).get(facet.name, 0)
        groups.append(replace(facet.group(counts.get(facet.name, ()), state), more=left_out,
                              all_url=state.listing_all(facet.name) if left_out else ""))
    return [g for g in groups if g.links]


def chips(state: SearchState, counts: Mapping[str, Sequence[FacetValue]] | None = None) -> list[Chip]:
    counts = counts or {}
    return [chip for facet in FACET_VIEWS for chip in facet.chips(state, counts.get(facet.name, ()))]


def doc_type_label(value: str, supplement: bool = False) -> str:
    """«Dagsorden», and «Tillægsdagsorden»/«Tillægsreferat» for a supplement (`Hit.supplement`)."""
    label = DOC_TYPE_LABELS.get(value, value)
    return f"Tillægs{label.lower()}" if supplement and value in ("dagsorden", "referat") else label
