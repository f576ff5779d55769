"""Which part of a case handler's field is the person (code review of the layouts11 fix, 2026-12).

The layouts11 fix took «Koncernøkonomi, Kirsten Vang» for its person, but took any two capitalised
words for a person: «Sagsbehandler: ANBE, Myndighed Voksne» gave «Myndighed Voksne» for the
initials, and «Sagsbehandler: Plan og Byg, Distrikt Nord» gave the second unit for the first. A part
printed after the first is now the person only by a first name (indexer/data/first_names.txt);
initials and a unit printed first stay. A unit's name that lists on past its comma («Center for
Børn, Unge og Familier») is no longer cut at the comma.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import read_written


def _minutes(*handlers: str) -> str:
    items = "".join(f"{number}. Budgetopfølgning {number}\nSagsnr.: 25/{number}\nSagsbehandler: {handler}\n\n"
                    "Sagsfremstilling\nBudgettet blev gennemgået.\n\nBeslutning\nGodkendt.\n\n"
                    for number, handler in enumerate(handlers, 1))
    return f"Fjordby Kommune\nReferat\nByrådet\nMødedato: 3. marts 2025\n\n{items}"


def _handlers(tmp_path, *printed: str) -> list[str | None]:
    document = read_written(tmp_path, "fjordby-byraadet-referat-2025-03-03.txt", _minutes(*printed))
    return [p.case_handler for p in document.passages]


@pytest.mark.parametrize("printed, handler", [
    ("ANBE, Myndighed Voksne", "ANBE"),  # initials are the person, the unit after them is not
    ("Plan og Byg, Distrikt Nord", "Plan og Byg"),  # two units: the first, as printed
    ("Center for Børn, Unge og Familier", "Center for Børn, Unge og Familier"),  # the comma is the name's
    ("Kultur, Fritid og Borgerservice", "Kultur, Fritid og Borgerservice"),
])
def test_the_code_reviews_fields_keep_what_was_printed_first(tmp_path, printed, handler):
    assert _handlers(tmp_path, printed) == [handler]


@pytest.mark.parametrize("printed, handler", [
    ("Koncernøkonomi, Kirsten Vang", "Kirsten Vang"),
    ("Sekretariatet, Jens Hansen", "Jens Hansen"),
    ("Borgerservice, Anne Berg", "Anne Berg"),
    ("Hjemmeplejen, Mette Holm", "Mette Holm"),
    ("Myndighed Voksne, Anne-Mette Holm", "Anne-Mette Holm"),  # a unit of two capitalised words
    ("ANBE, Anne Berg", "Anne Berg"),  # initials and the name: the name
    ("Center for Børn, Unge og Familier, Karim Haddad", "Karim Haddad"),
    ("Økonomi, Ole Hansen", "Ole Hansen"),  # «Ole» was missing from the list (a code review)
    ("Teknik og Miljø, Leyla Doğan", "Leyla Doğan"),
])
def test_a_person_printed_after_the_unit_is_the_case_handler(tmp_path, printed, handler):
    assert _handlers(tmp_path, printed) == [handler]


@pytest.mark.parametrize("printed, handler", [
    ("Kirsten Vang, Koncernøkonomi", "Kirsten Vang"),  # the name, then the unit
    ("Kirsten Vang (Koncernøkonomi)", "Kirsten Vang"),
    ("Jobcenterchef Anders Kvist", "Anders Kvist"),  # a job title is no part of the name
    ("Jobcenterchef Xenia Qvist", "Xenia Qvist"),  # a name printed first needs no listed first name
    ("Xenia Qvist, Plan og Byg", "Xenia Qvist"),
    ("Hjemmeplejen", "Hjemmeplejen"),  # a unit alone stays as printed
    ("Myndighed Voksne", "Myndighed Voksne"),
    ("SKA", "SKA"),
])
def test_a_case_handler_printed_first_stays(tmp_path, printed, handler):
    assert _handlers(tmp_path, printed) == [handler]


def test_one_person_in_either_order_is_one_case_handler(tmp_path):
    # one facet value for her, however the template orders the unit and the name
    assert _handlers(tmp_path, "Koncernøkonomi, Kirsten Vang", "Kirsten Vang, Koncernøkonomi",
                     "Kirsten Vang (Koncernøkonomi)") == ["Kirsten Vang"] * 3


# --- the first names are an editable data file --------------------------------------------------


@pytest.fixture
def own_first_names(tmp_path, monkeypatch):
    """`write(added)`: the shipped first names copied with `added` lines, read in their place."""
    from indexer import firstnames

    def write(added: str) -> Path:
        path = tmp_path / "data" / "first_names.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(firstnames.FIRST_NAMES_FILE.read_text(encoding="utf-8") + added, encoding="utf-8")
        monkeypatch.setattr(firstnames, "FIRST_NAMES_FILE", path)
        firstnames.first_names.cache_clear()
        return path

    yield write
    monkeypatch.undo()
    firstnames.first_names.cache_clear()


def test_a_first_name_added_to_the_list_finds_the_person_after_the_unit(tmp_path, own_first_names):
    assert _handlers(tmp_path, "Koncernøkonomi, Xenia Qvist") == ["Koncernøkonomi"]  # no first name known
    own_first_names("Xenia\n")
    assert _handlers(tmp_path, "Koncernøkonomi, Xenia Qvist") == ["Xenia Qvist"]


def test_a_line_of_the_first_names_not_one_name_is_said_with_its_number(own_first_names):
    from indexer.datafiles import DataFileError, check_for_index

    path = own_first_names("Xenia Qvist\n")
    with pytest.raises(DataFileError) as refused:
        check_for_index()
    assert str(refused.value) == (f"{path}, linje {len(path.read_text(encoding='utf-8').splitlines())}: "
                                  "«Xenia Qvist» er ikke på formen «ét fornavn pr. linje» (som «Kirsten»)")
