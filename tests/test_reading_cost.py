"""Reading costs no more than the file's size says (a redos review: a 1.27 MB minutes file whose last item
ran long, a 120 KB line of spaces and a 10 KB file of long hyphenated tokens each ran into the time limit
and were left out of the index). Counted, never timed: the benchmarks time things."""

from __future__ import annotations

import random
import re

import pytest

from indexer import clean, headings, items
from indexer.clean import _line_end_hyphen
from indexer.pipeline import read_document


def test_a_long_last_item_finds_where_the_minutes_close_once(tmp_path, monkeypatch):
    text = ("Referat\n\n1. Godkendelse af dagsorden\n\nGodkendt.\n\n2. Eventuelt\n\n"
            + "".join(f"Tekst linje {n}.\n\n" for n in range(3000)))
    (tmp_path / "referat.txt").write_text(text, encoding="utf-8")
    calls = []
    counted = headings.closed_titles_end

    def counting(lines):
        calls.append(len(lines))
        return counted(lines)

    monkeypatch.setattr(headings, "closed_titles_end", counting)
    monkeypatch.setattr(items, "closed_titles_end", counting)
    passages = read_document(tmp_path / "referat.txt", tmp_path).passages
    assert [p.title for p in passages] == ["Godkendelse af dagsorden", "Eventuelt"]
    assert "Tekst linje 2999." in passages[-1].text
    assert len(calls) < 20  # once per question asked of the item, not once per line (3,000 before)


def test_a_long_line_is_never_searched_for_a_footer(tmp_path, monkeypatch):
    searched = []
    footer = clean._FOOTER_LINE

    class Counting:
        def search(self, line):
            searched.append(len(line))
            return footer.search(line)

    monkeypatch.setattr(clean, "_FOOTER_LINE", Counting())
    (tmp_path / "referat.txt").write_text("Referat\n" + " " * 5000 + "x\n\n1. Eventuelt\n\nIntet.\n", encoding="utf-8")
    read_document(tmp_path / "referat.txt", tmp_path)
    assert searched and max(searched) < 200


def test_the_hyphen_at_a_lines_end_is_found_as_the_regex_found_it():
    regex = re.compile(r"(\S*?)(\w+)( ?)-$")  # what `_line_end_hyphen` replaces: cubic in a token's length
    pieces = ["a", "æ", "1", "_", "-", " ", "  ", "(", ".", "\t", "\u00a0", "é", "²"]
    rng = random.Random(44)
    for _ in range(50_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        found = regex.search(text) if text.endswith("-") else None
        expected = (found.group(1), found.group(2), found.group(3) == " ", found.start(2)) if found else None
        assert (tuple(_line_end_hyphen(text)) if _line_end_hyphen(text) else None) == expected, repr(text)


@pytest.mark.parametrize("line", ["integra-", "(Beskæftigelses -", "a" * 5000 + "--"])
def test_a_long_token_ending_in_hyphens_is_read_as_a_short_one(line):
    found = _line_end_hyphen(line)
    assert (found is None) == line.endswith("--")
