"""strip_running_chrome(): running headers and footers out, real content that repeats stays."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer.extract import extract
from indexer.models import Page
from indexer.pages import shape, strip_running_chrome

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PDFS = FIXTURES / "pdf"
LAYOUTS = FIXTURES / "layouts"


def removed_lines(before: tuple[Page, ...] | list[Page], after: tuple[Page, ...]) -> dict[int, list[str]]:
    """Per page number, the lines the stripper blanked."""
    out: dict[int, list[str]] = {}
    for old, new in zip(before, after):
        old_lines, new_lines = old.text.split("\n"), new.text.split("\n")
        assert len(old_lines) == len(new_lines)  # chrome is blanked, never deleted: line numbers hold
        gone = [a for a, b in zip(old_lines, new_lines) if a != b]
        assert all(b == "" for a, b in zip(old_lines, new_lines) if a != b)
        if gone:
            out[old.number] = gone
    return out


def pdf_pages(name: str) -> tuple[Page, ...]:
    return extract(PDFS / name, PDFS).pages


def minutes(count: int, header: str | None = "Integrationsrådet – Referat 23.02.2017", footer: str | None = "Side {n} af {m}") -> list[Page]:
    pages = []
    for n in range(1, count + 1):
        body = [f"{n}. Punkt nummer {n}", "Sagsbehandler", "BESLUTNING", "Integrationsrådet, 21.05.2015", "Godkendt."]
        lines = ([header] if header else []) + [""] + body + [""] + ([footer.format(n=n, m=count)] if footer else []) + [""]
        pages.append(Page(n, "\n".join(lines)))
    return pages


def test_shape_lets_digits_change_and_ignores_spacing():
    assert shape("  Side 3   af 8 ") == shape("Side 10 af 8") == "Side # af #"
    assert shape("Integrationsrådet – Referat 23.02.2017") == "Integrationsrådet – Referat #.#.#"


def test_header_and_page_footer_are_blanked_on_every_page():
    pages = minutes(4)

    assert removed_lines(pages, strip_running_chrome(pages)) == {
        n: ["Integrationsrådet – Referat 23.02.2017", f"Side {n} af 4"] for n in range(1, 5)
    }


def test_repeated_section_labels_and_decision_lines_inside_the_page_stay():
    pages = minutes(6)
    stripped = strip_running_chrome(pages)

    assert [page.number for page in stripped] == [1, 2, 3, 4, 5, 6]
    for page in stripped:
        assert "BESLUTNING\nIntegrationsrådet, 21.05.2015\nGodkendt." in page.text


def test_an_item_number_opening_every_page_is_not_a_page_number():
    pages = [Page(n, f"Pkt. {n + 40}\nTitel nummer {n}\nSagsnr. {n}") for n in range(1, 7)]

    assert strip_running_chrome(pages) == tuple(pages)


def test_a_two_line_header_goes_but_a_decision_ending_every_page_stays():
    pages = [Page(n, f"Næstved Kommune\nIntegrationsrådet 21.05.2015\n\n{n}. Titel {n}\nBESLUTNING\nGodkendt.\n\nSide {n}")
             for n in range(1, 5)]

    removed = removed_lines(pages, strip_running_chrome(pages))

    assert removed == {n: ["Næstved Kommune", "Integrationsrådet 21.05.2015", f"Side {n}"] for n in range(1, 5)}


def test_a_header_printed_after_a_long_heading_is_still_found():
    pages = minutes(5)
    pages[2] = Page(3, pages[2].text.replace("Integrationsrådet – Referat 23.02.2017\n\n3. Punkt nummer 3", "3. Punkt nummer 3\n\nIntegrationsrådet – Referat 23.02.2017"))

    removed = removed_lines(pages, strip_running_chrome(pages))

    assert removed[3] == ["Integrationsrådet – Referat 23.02.2017", "Side 3 af 5"]


def test_a_title_page_without_header_or_footer_is_left_alone():
    pages = [Page(1, "REFERAT\nIntegrationsrådet d. 04-06-2026\nMødedato")] + minutes(4)[1:]
    pages = [Page(i + 1, p.text) for i, p in enumerate(pages)]

    removed = removed_lines(pages, strip_running_chrome(pages))

    assert 1 not in removed and set(removed) == {2, 3, 4}


def test_bare_page_numbers_go_but_other_numbers_at_the_page_edge_stay():
    contents = Page(2, "INDHOLD\nFORORD\nAKTIVITETER\n3\n5\n2")  # contents page numbers, then the footer
    pages = [Page(1, "Årsberetning 2019")] + [contents] + [Page(n, f"AFSNIT {n}\nTekst.\n{n}") for n in range(3, 7)]

    removed = removed_lines(pages, strip_running_chrome(pages))

    assert removed == {2: ["2"], 3: ["3"], 4: ["4"], 5: ["5"], 6: ["6"]}


def test_numbers_that_do_not_follow_the_page_numbering_are_content():
    amounts = {"Tilskud": 1200, "Husleje": 45, "Kaffe": 800, "Busbilletter": 17}
    pages = [Page(n, f"{post}\nBeløb i alt:\n{amount}") for n, (post, amount) in enumerate(amounts.items(), start=1)]

    assert strip_running_chrome(pages) == tuple(pages)


def test_identical_last_lines_on_a_few_pages_are_content():
    pages = [Page(n, f"{n}. Punkt\nTekst {n}.\n" + ("Godkendt." if n % 2 else "Taget til efterretning.")) for n in range(1, 7)]

    assert strip_running_chrome(pages) == tuple(pages)


def test_a_header_without_digits_needs_a_clear_majority():
    pages = [Page(n, f"Næstved Kommune\n{n}. Punkt\nTekst {n}.") for n in range(1, 6)]
    two_of_five = [Page(n, ("Næstved Kommune\n" if n < 3 else "") + f"{n}. Punkt\nTekst {n}.") for n in range(1, 6)]

    assert all("Næstved Kommune" not in p.text for p in strip_running_chrome(pages))
    assert strip_running_chrome(two_of_five) == tuple(two_of_five)


def test_a_single_page_and_no_pages_are_returned_unchanged():
    page = Page(1, "Integrationsrådet – Referat 23.02.2017\nTekst\nSide 1 af 1")

    assert strip_running_chrome([page]) == (page,)
    assert strip_running_chrome([]) == ()


@pytest.mark.parametrize(
    "name,header,footer",
    [
        ("referat-2017-02-23.pdf", "Integrationsrådet – Referat 23.02.2017", "Side {n} af 8"),
        ("referat-2015-05-21.pdf", "Næstved Kommune · Integrationsrådet · 21.05.2015", "Side {n}"),
        ("aarsberetning-2019.pdf", None, "{n}"),
        ("referat-2026-06-04.pdf", None, "{n}"),
    ],
)
def test_fixture_pdfs_lose_exactly_their_header_and_footer(name, header, footer):
    pages = pdf_pages(name)
    title_page_without_footer = name in ("aarsberetning-2019.pdf", "referat-2026-06-04.pdf")

    removed = removed_lines(pages, strip_running_chrome(pages))

    expected = {
        p.number: ([header] if header else []) + [footer.format(n=p.number)]
        for p in pages
        if not (title_page_without_footer and p.number == 1)
    }
    assert removed == expected


def test_the_2019_contents_page_keeps_its_page_number_column():
    page2 = strip_running_chrome(pdf_pages("aarsberetning-2019.pdf"))[1]

    assert re.findall(r"^\d+$", page2.text, re.M) == ["3", "4", "4", "5", "5", "5", "5", "6", "7", "8"]


def pseudo_pages(text: str) -> list[Page]:
    """A text file cut after each `Side N af M` line, as the cleaner does."""
    pages, current = [], []
    for line in text.split("\n"):
        current.append(line)
        if re.search(r"Side \d+ af \d+\s*$", line):
            pages.append(Page(len(pages) + 1, "\n".join(current)))
            current = []
    return pages + [Page(len(pages) + 1, "\n".join(current))]


def test_pseudo_pages_of_a_text_file_lose_the_running_header_and_footer():
    pages = pseudo_pages((LAYOUTS / "f1_hedelund_integrationsraadet_2015-05-27.txt").read_text(encoding="utf-8"))

    removed = removed_lines(pages, strip_running_chrome(pages))

    header = "Hedelund Kommune – Integrationsrådet – Referat 27.05.2015"
    assert removed == {1: ["Side 1 af 5"], **{n: [header, f"Side {n} af 5"] for n in range(2, 6)}}


def test_pseudo_pages_with_a_combined_footer_line():
    pages = pseudo_pages((LAYOUTS / "f6_kildeholm_boerne_og_skoleudvalget_2020-06-10.txt").read_text(encoding="utf-8"))

    removed = removed_lines(pages, strip_running_chrome(pages))

    assert sorted(removed) == [1, 2, 3, 4, 5]
    assert all(len(lines) == 1 and lines[0].startswith("Børne- og Skoleudvalget 10-06-2020") for lines in removed.values())
