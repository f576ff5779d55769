"""Layouts review 16: a Markdown report's «###» section whose text is a table or label lines (files in
tests/fixtures/layouts16_reports/, copied from the review; the review's variants written here).

Svendborg's annual report heads «### Rådets sammensætning» over a table of its members («| Repræsenterer |
Navn |»): no prose of six words or more, no list, no table of figures under it, so the line was taken for
a line of text and the members went into «Formandens beretning». A Markdown heading heads a section
whatever its text is.
"""

from __future__ import annotations

from functools import partial

from conftest import FIXTURES, read_fixture, read_rewritten

LAYOUTS16 = FIXTURES / "layouts16_reports"
read = partial(read_fixture, LAYOUTS16)

SVENDBORG = "svendborg-folkeoplysningsudvalget-aarsberetning-2024.md"
SECTIONS = ["Formandens beretning", "Rådets sammensætning", "Økonomi", "Høringssvar i 2024", "Fremtiden"]


def test_a_markdown_heading_over_a_table_heads_its_section():
    passages = read(SVENDBORG).passages
    assert [p.title for p in passages] == SECTIONS
    beretning, raadet = passages[0], passages[1]
    assert beretning.text.endswith("(fra 212 til 238).")
    assert "Susanne Holm" not in beretning.text
    assert raadet.text.startswith("Repræsenterer Navn")
    assert "Byrådet Susanne Holm (formand)" in raadet.text and "Spejdere Mads Poulsen" in raadet.text


def test_a_markdown_heading_over_label_lines_heads_its_section(tmp_path):
    rows = ("| Repræsenterer | Navn |\n|---|---|\n| Byrådet | Susanne Holm (formand) |\n| Byrådet | Morten Kjær |\n"
            "| Idrætsforeninger | Lars Winther (næstformand) |\n| Aftenskoler | Birgit Hansen |\n"
            "| Spejdere | Mads Poulsen |\n")
    labels = ("Byrådet: Susanne Holm (formand)\nByrådet: Morten Kjær\nIdrætsforeninger: Lars Winther (næstformand)\n"
              "Aftenskoler: Birgit Hansen\nSpejdere: Mads Poulsen\n")
    passages = read_rewritten(LAYOUTS16, tmp_path, SVENDBORG, lambda text: text.replace(rows, labels)).passages
    assert [p.title for p in passages] == SECTIONS
    assert passages[1].text.startswith("Byrådet: Susanne Holm (formand)\nByrådet: Morten Kjær")
    assert "Susanne Holm" not in passages[0].text


def test_the_same_line_without_its_marker_stays_text(tmp_path):
    # a plain text's short line over label lines is no heading: its marker is what tells
    passages = read_rewritten(LAYOUTS16, tmp_path, SVENDBORG,
                              lambda text: text.replace("### Rådets sammensætning", "Rådets sammensætning")).passages
    assert [p.title for p in passages] == [t for t in SECTIONS if t != "Rådets sammensætning"]
