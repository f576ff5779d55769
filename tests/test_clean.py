"""Line cleaning: markup, page chrome, hyphenation and paragraph reflow."""

from __future__ import annotations

from pathlib import Path

from indexer.clean import clean, join_hyphenation, reflow
from indexer.models import Line, Page, SourceFile


def lines_of(*texts: str) -> list[Line]:
    return [Line(t, 1, n) for n, t in enumerate(texts, 1)]


def cleaned(text: str, kind: str = "text") -> list[str]:
    source = SourceFile(Path("/x/a.txt"), "a.txt", "0" * 64, kind, (Page(1, text),))
    return [line.text for line in clean(source)]


def joined(first: str, second: str, *context: str) -> list[str]:
    lines = lines_of(first, second, *context)
    return [line.text for line in join_hyphenation(lines)][:2]


def test_typesetter_hyphens_are_joined_and_the_word_stays_on_the_first_line():
    assert joined("Forslag til ny integra-", "tion i kommunen") == ["Forslag til ny integration", "i kommunen"]
    assert joined("en Kommunal-", "bestyrelse") == ["en Kommunalbestyrelse", ""]


def test_real_hyphens_survive_a_line_break():
    assert joined("Orientering fra for-", "og næstforperson") == ["Orientering fra for-", "og næstforperson"]
    assert joined("Helle Waage-", "Jensen") == ["Helle Waage-Jensen", ""]
    assert joined("et IT-", "system") == ["et IT-system", ""]
    assert joined("brobygning og intro-", "møder.") == ["brobygning og intro-møder.", ""]


def test_spaced_hyphen_joins_only_known_words():
    assert joined("mange na -", "boer kom", "naboer og flygtninge") == ["mange naboer", "kom"]
    assert joined("16 personer fra Congo -", "der er tre", "fra Congo", "der kom") == [
        "16 personer fra Congo -", "der er tre"]
    # An unknown whole word whose halves are not words of the document: a split word.
    assert joined("at opmærk -", "somme borgere") == ["at opmærksomme", "borgere"]


def test_urls_keep_their_own_hyphens():
    assert joined("Læs mere på http://rem.dk/news/vellykket-", "repraesentantskabsmode-den-21") == [
        "Læs mere på http://rem.dk/news/vellykket-repraesentantskabsmode-den-21", ""]


def test_markdown_markup_is_removed_and_contents_rows_become_entries():
    assert cleaned("Mødedato **23. februar 2017**") == ["Mødedato 23. februar 2017"]
    assert cleaned("- [Oplæg - Integrationsrådet 23.2.2017](#)") == ["- Oplæg - Integrationsrådet 23.2.2017"]
    assert cleaned("| 1. | <u>Godkendelse af referatet</u> | 2 |") == ["1. Godkendelse af referatet ..... 2"]
    assert cleaned("|----|---|---|") == [""]


def test_page_chrome_lines_become_blank():
    text = "Tekst\nSide 2 af 5\nTil toppen\nForside › Politik › Referater\n7\nBøgeskov Kommune · Rådhustorvet 1 · 5999 Bøgeskov · Kontakt"
    assert cleaned(text) == ["Tekst", "", "", "", "", ""]


def test_reflow_joins_wrapped_sentences_across_blank_lines_and_keeps_lists():
    text = reflow(["Der er afholdt informationsmøder i Gelsted, Hammer, Tappernøje og på", "", "Hjarnøvej. Næste møde er", "den 5. juni.",
                   "", "1) Rådet deltager.", "2) Rådet nedsætter en gruppe."])
    assert text == ("Der er afholdt informationsmøder i Gelsted, Hammer, Tappernøje og på Hjarnøvej. Næste møde er den 5. juni."
                    "\n\n1) Rådet deltager.\n2) Rådet nedsætter en gruppe.")


def test_reflow_reads_through_abbreviations():
    assert reflow(["vært ved mødet d.", "", "29. oktober 2020."]) == "vært ved mødet d. 29. oktober 2020."
    # at the end of a long paragraph (only its end is looked at), and not inside a word
    wrapped = ["rådet drøftede sagen og besluttede at holde et ekstra møde med foreningerne"] * 3
    assert reflow([*wrapped, "om økonomien, ekskl.", "9 mio. kr. til byggeri."]).endswith("ekskl. 9 mio. kr. til byggeri.")
    assert reflow([*wrapped, "det sagde Undskl.", "9 punkter"]).endswith("Undskl.\n9 punkter")


def test_reflow_keeps_short_subheadings_on_their_own_line():
    assert reflow(["Modtagelse", "", "Kvoten er fastsat til 225."]) == "Modtagelse\n\nKvoten er fastsat til 225."


def test_one_chrome_regex_answers_what_each_chrome_pattern_answers():
    """`_ANY_CHROME` joins the chrome patterns, each with its own flags: the same lines match,
    over every line of the seeds and layouts and lines made to hit each pattern's edge."""
    from conftest import LAYOUTS, SEEDS

    from indexer.clean import _ANY_CHROME, _CHROME

    lines = [line for folder in (SEEDS, LAYOUTS) for path in sorted(folder.iterdir()) if path.suffix in (".txt", ".md")
             for line in path.read_text(encoding="utf-8").splitlines()]
    lines += ["Side 3", "side 3 af 8", "SIDE 3/8", "Side 3 af", "Referat 10-06-2020  Side 1 af 5",
              "referat side 1 af 5", "12", "1234", "til toppen", "Forside › Politik", "forside › politik",
              "PRINT referat", "udskriv" + "x" * 70, "| --- | :-: |", "|", "Side 1 af 5 og mere"]
    matched = 0
    for line in lines:
        expected = any(p.match(line) for p in _CHROME)
        assert (_ANY_CHROME.match(line) is not None) == expected, line
        matched += expected
    assert len(lines) > 1000 and matched >= 10


def test_a_date_wrapped_after_its_days_ordinal_is_joined():
    # "senest den 18." / "juni 2026." in a PDF decision: the line break stayed inside the date.
    assert reflow(["Indstillingen godkendt. Svar senest den 18.", "juni 2026."]) == \
        "Indstillingen godkendt. Svar senest den 18. juni 2026."
    assert reflow(["Se punkt 18.", "Juni er en måned."]) == "Se punkt 18.\nJuni er en måned."  # a capital: a new sentence
    assert reflow(["Mødet sluttede 18.", "", "juni 2026 holdes næste møde."]) == \
        "Mødet sluttede 18.\n\njuni 2026 holdes næste møde."  # a blank line between: a new paragraph


def test_the_fixture_pdfs_decision_keeps_its_date_on_one_line():
    from indexer.pipeline import read_document

    pdf = Path(__file__).parent / "fixtures" / "pdf" / "referat-2026-06-04.pdf"
    passages = read_document(pdf, pdf.parent).passages
    decisions = " ".join(p.decision for p in passages)
    assert "den 18. juni 2026" in decisions and "18.\njuni" not in decisions


def test_angle_brackets_that_are_no_html_tag_stay_text():
    """Stray markup in a text export goes; a comparison or a placeholder in angle brackets is
    the council's text: "Tilskud <under> 5000 kr" and "a<b og c>d" were cut to "Tilskud 5000 kr"
    and "ad"."""
    from indexer.clean import _clean_line

    assert _clean_line("1. Tilskud <under> 5000 kr") == "1. Tilskud <under> 5000 kr"
    assert _clean_line("Beløb a<b og c>d.") == "Beløb a<b og c>d."
    assert _clean_line('<span class="x">Beslutning</span><br/>') == "Beslutning"
    assert _clean_line("<P ALIGN=center>Godkendt.</P><o:p></o:p>") == "Godkendt."
    assert _clean_line("<img src=x onerror=alert(1)>Titel") == "Titel"


def test_html_tags_with_bare_boolean_attributes_and_newer_elements_are_stripped():
    """The tag list of the fix above left «<td nowrap>Godkendt.» and «<section>x</section>» in
    the text, which the old pattern had stripped (code review)."""
    from indexer.clean import _clean_line

    assert _clean_line("<td nowrap>Godkendt.</td>") == "Godkendt."
    assert _clean_line("<section><caption>Tabel 1</caption></section><footer>x</footer>") == "Tabel 1x"
    assert _clean_line("<input type=checkbox checked> Enig") == "Enig"
    assert _clean_line("Beløb a<b og c>d.") == "Beløb a<b og c>d."


def test_a_tables_numbers_read_one_a_line_stay_in_a_text():
    """«Skoler» / «45» / «Ældre» / «120»: every bare number of a text was taken for a page
    number, and «ældre 120» found nothing (a code review). One between blank lines may be one."""
    assert cleaned("Tabel over udgifter:\nSkoler\n45\nÆldre\n120\n\n3\n\nVeje\n300") == [
        "Tabel over udgifter:", "Skoler", "45", "Ældre", "120", "", "", "", "Veje", "300"]
