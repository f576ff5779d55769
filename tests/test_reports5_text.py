"""Annual reports the reports5 review found misread; the texts in tests/fixtures/reports5_text/ are copied
from the review (its t/p21.txt, t/p8.txt and t/caps.txt renamed after what they are).

- a running page header without a page number («Årsberetning 2024 · Ældrerådet») in a text with
  pdftotext's form feeds ended every section;
- a term report's lower-case title «Handicaprådets beretning for valgperioden 2022–2025» (or
  «Handicaprådet 2022-2025 – beretning») was no title, and the letterhead above became a section;
- upper-case headings took a sentence's capital («Fokus i Det kommende år») and lost their
  acronyms' («Samarbejde med kl og dh»);
- the topic facet had nothing for handicap, the elderly, culture and leisure, or the budget.
"""

from __future__ import annotations

from functools import partial

from conftest import FIXTURES, read_fixture, read_shared_fixture, shared_fixture, read_rewritten, read_written

FOLDER = FIXTURES / "reports5_text"
SHARED = FIXTURES / "reports5"  # the review's own files, read there (not copied here)


fixture = partial(shared_fixture, FOLDER, SHARED)
read = partial(read_shared_fixture, FOLDER, SHARED)

rewritten = partial(read_rewritten, FOLDER)


def section(document, title: str):
    return next(p for p in document.passages if p.title == title)


# --- 4. a running header in a text with form feeds ----------------------------------------------------

RANDERS_PAGED = "randers3-aeldreraadet-aarsberetning-2024.txt"
HEADER = "Årsberetning 2024 · Ældrerådet"


def test_a_running_header_without_a_page_number_leaves_a_paged_texts_sections():
    document = read(RANDERS_PAGED)
    assert [p.title for p in document.passages] == ["Forord", "Rådets sammensætning", "Høringssvar i 2024", "Økonomi",
                                                    "Aktiviteter og arrangementer", "Fokusområder for 2025"]
    assert not [p.title for p in document.passages if HEADER in p.text]
    assert section(document, "Forord").text.endswith("Birgit Kjær Mortensen\nFormand for Ældrerådet")
    assert section(document, "Økonomi").text.endswith("Det uforbrugte beløb på 15.475 kr. er overført til 2025.")
    # each section still cites its heading's line in the file
    lines = (FOLDER / RANDERS_PAGED).read_text(encoding="utf-8").split("\n")
    assert [lines[p.line - 1] for p in document.passages][:2] == ["1. Forord", "2. Rådets sammensætning"]


def test_the_paged_report_reads_as_the_same_report_with_side_n_af_m_lines():
    paged, printed = read(RANDERS_PAGED), read("randers-aeldreraadet-aarsberetning-2024.txt")
    assert [(p.title, p.text) for p in paged.passages] == [(p.title, p.text) for p in printed.passages]


def test_a_form_feed_before_the_header_on_its_line_is_a_page_break_too(tmp_path):
    """pdftotext writes «\\f» before a page's first line; the review's file has it on a line of its own."""
    document = rewritten(tmp_path, RANDERS_PAGED, lambda text: text.replace("\f\n", "\f"))
    assert len(document.passages) == 6
    assert not [p.title for p in document.passages if HEADER in p.text]


def test_headings_opening_each_page_are_no_running_header(tmp_path):
    """Near miss: every page of a paged text opens with a heading, each another one; they are sections."""
    pages = ["Handicaprådet\n\nÅrsberetning 2024\n\n",
             "1. Forord\n\nRådet har holdt otte møder i 2024 og afgivet tolv høringssvar.\n",
             "2. Tilgængelighed\n\nRådet har besigtiget rådhuset og biblioteket med kørestol.\n",
             "3. Økonomi\n\nRådet har brugt 28.000 kr. af sit budget på 30.000 kr.\n"]
    document = read_written(tmp_path, "handicapraadet-aarsberetning-2024.txt", "\f".join(pages) + "\f")
    assert [p.title for p in document.passages] == ["Forord", "Tilgængelighed", "Økonomi"]
    assert section(document, "Tilgængelighed").text == "Rådet har besigtiget rådhuset og biblioteket med kørestol."


# --- 5. a term report's lower-case title under a letterhead ---------------------------------------------

def test_a_term_reports_title_for_the_valgperiode_ends_the_letterhead():
    for name, title in (("vordingborg-handicapraadet-beretning-valgperioden-2022-2025.txt",
                         "Handicaprådets beretning for valgperioden 2022–2025"),
                        ("vordingborg-handicapraadet-2022-2025-beretning.txt", "Handicaprådet 2022-2025 – beretning")):
        document = read(name)
        first = document.passages[0]
        assert (first.title, first.doc_type, first.council, first.period) == (
            "Indledning", "årsberetning", "Handicaprådet", "2022-2025"), name
        assert "Vordingborg Kommune" not in [p.title for p in document.passages], name
        assert not [p.title for p in document.passages if title in p.text], name
        assert first.text.startswith("Handicaprådet i Vordingborg Kommune har i perioden 2022-2025 holdt 38 møder"), name


def test_the_council_term_by_its_other_names_is_a_reports_period_too(tmp_path):
    for term in ("funktionsperioden", "rådsperioden"):
        document = rewritten(tmp_path, "vordingborg-handicapraadet-beretning-valgperioden-2022-2025.txt",
                             lambda text: text.replace("valgperioden 2022–2025", f"{term} 2022–2025", 1))
        assert document.passages[0].title == "Indledning", term


def test_minutes_discussing_the_term_report_stay_minutes(tmp_path):
    """Near misses: the words in an agenda's title, and a report's word after a date, name no report."""
    agenda = read_written(tmp_path, "handicapraadet-dagsorden-2025-09-02.txt",
                          "Dagsorden – drøftelse af beretning for valgperioden 2022-2025\n\nHandicaprådet\n"
                          "Mødedato: 2. september 2025\n\n1. Godkendelse af dagsorden\n\nDagsordenen godkendes.\n\n"
                          "2. Beretning for valgperioden\n\nUdkast til beretningen drøftes.\n")
    assert agenda.passages[0].doc_type == "dagsorden"
    dated = read_written(tmp_path, "handicapraadet-dagsorden-2025-09-02-beretning.txt",
                         "Dagsorden 02.09.2025 – beretning\n\nHandicaprådet\n\n1. Godkendelse af dagsorden\n\n"
                         "Dagsordenen godkendes.\n\n2. Beretning for valgperioden\n\nUdkast til beretningen drøftes.\n")
    assert dated.passages[0].doc_type == "dagsorden"
    from indexer.doctype import document_type  # the opening lines alone: a date before «– beretning» is no report's years
    assert document_type(["Dagsorden 02.09.2025 – beretning"], False, False) == "dagsorden"
    assert document_type(["Handicaprådet 2024/25 – beretning"], False, False) == "årsberetning"


# --- 9. upper-case headings in the document's own casing ----------------------------------------------

def test_a_sentences_capital_is_no_proper_noun_in_an_upper_case_heading():
    titles = [p.title for p in read("hjoerring-boerne-og-ungeraadet-aarsberetning-2024-25.txt").passages]
    assert titles[-1] == "Fokus i det kommende år"
    assert "Formandens beretning" in titles and "Ungetopmødet 2024" in titles


def test_an_acronym_printed_only_in_an_upper_case_heading_stays_upper_case():
    titles = [p.title for p in read("hjoerring-boerne-og-ungeraadet-aarsberetning-2024-kl-og-dh.txt").passages]
    assert titles == ["Forord", "Samarbejde med KL og DH"]


def test_short_danish_words_and_names_printed_inside_sentences_keep_the_texts_casing(tmp_path):
    """Near misses: «NYE», «ÅR» (printed in lower case), «FOR» (a stop word) go lower case; «SSP» as
    printed; «Rådet for Etniske Minoriteter», capitalised inside a sentence, keeps its capitals."""
    text = ("HJØRRING KOMMUNE\nINTEGRATIONSRÅDET\n\nÅRSBERETNING 2024\n\n"
            "PLANER FOR DET NYE ÅR\n\nDet nye år byder på flere møder. Det glæder vi os til.\n\n"
            "SAMARBEJDE MED SSP OG RÅDET FOR ETNISKE MINORITETER\n\n"
            "I år har vi mødt Rådet for Etniske Minoriteter to gange, og vi har holdt møde med SSP om trivsel.\n")
    document = read_written(tmp_path, "hjoerring-integrationsraadet-aarsberetning-2024.txt", text)
    assert [p.title for p in document.passages] == ["Planer for det nye år",
                                                    "Samarbejde med SSP og Rådet for Etniske Minoriteter"]


# --- 10. topics for the councils these reports come from -----------------------------------------------

def topics(name: str) -> dict[str, tuple[str, ...]]:
    return {p.title: p.topics for p in read(name).passages}


def test_a_handicap_councils_sections_are_about_handicap_and_accessibility():
    found = topics("vordingborg-handicapraadet-beretning-2022-2025.txt")
    for title in ("Tilgængelighed", "Socialpsykiatri og botilbud", "Handicappolitik 2024-2028"):
        assert found[title] == ("handicap og tilgængelighed",), title
    assert "handicap og tilgængelighed" in found["Beskæftigelse"]  # fleksjob, Handicapprisen
    assert found["Medlemmer i perioden"] == ("rådets arbejde",)


def test_an_elderly_councils_hearings_are_about_the_elderly_and_the_budget():
    found = topics("randers-aeldreraadet-aarsberetning-2024.txt")
    assert found["Høringssvar i 2024"] == ("ældre og omsorg", "økonomi og budget")  # madservice, demens; takster
    assert found["Økonomi"] == ("økonomi og budget",)
    assert found["Rådets sammensætning"] == ("rådets arbejde", "ældre og omsorg")  # «Ældrerådet» names the council


def test_a_leisure_committees_grants_and_projects_are_about_the_budget_and_leisure():
    found = topics("viborg-folkeoplysningsudvalget-aarsrapport-2023.html")
    assert found["Tilskud i 2023"] == ("økonomi og budget",)
    assert found["Eksempler på projekter"] == ("kultur og fritid",)  # e-sport, padeltennis


def test_words_that_merely_contain_a_new_topics_keyword_do_not_tag_it():
    """Near misses: parents are not the elderly, transport is no sport, the committee deciding is not the budget,
    an «økonomisk» adjective (a family's «økonomiske forhold») is no budget, another council's name no subject."""
    from indexer.topics import default_tagger

    tag = partial(default_tagger().tag, fallback=False)
    assert tag("Forældremøde", "Forældrene og bedsteforældrene blev inviteret.") == ("børn og unge",)
    assert tag("Bustransport", "Transporten til skolen og transportordningen drøftes.") == ()
    assert tag("Indstilling", "Sagen sendes til Økonomiudvalget og derefter til Økonomiudvalgets møde.") == ()
    assert tag("Familiernes forhold", "Familiernes økonomiske forhold og økonomisk trivsel.") == ()
    # another council's name: «Handicaprådet» is no handicap matter, while the elderly's council is theirs
    assert tag("Høring", "Ældrerådet og Handicaprådet er hørt; Ældrerådets svar er vedlagt.") == ("ældre og omsorg",)


def test_the_seeds_keep_their_ten_topics(seed_passages):
    """The new topics fire on none of the seed minutes and reports (the web facets count ten topics there)."""
    assert {t for p in seed_passages for t in p.topics} == {
        "flygtninge", "bolig", "beskæftigelse", "uddannelse", "børn og unge", "foreninger og frivillighed",
        "sundhed", "negativ social kontrol", "sprog", "rådets arbejde"}


# --- the citizen-UX review of the four new topics -----------------------------------------------------

LAYOUTS12 = FIXTURES / "layouts12"


def test_a_councils_budget_item_is_about_the_budget_and_not_the_language():
    """«Seniorrådets budget og aktiviteter 2025» got «sprog» alone: «Danske Seniorers landsmøde» is a name."""
    found = {p.title: p.topics for p in read_fixture(LAYOUTS12, "norreby-seniorraadet-referat-2025-01-28.html").passages}
    assert found["Seniorrådets budget og aktiviteter 2025"] == ("økonomi og budget",)


def test_budget_counts_in_the_title_and_a_danish_name_is_no_language():
    from indexer.topics import default_tagger

    tag = partial(default_tagger().tag, fallback=False)
    assert tag("Budget 2027", "Forvaltningen fremlægger forslaget.") == ("økonomi og budget",)
    # one «budgettet» in a text is no budget item (a Roskilde seed's only topic it became)
    assert tag("Ansøgning om midler", "For at supplere budgettet søger rådet puljen.") == ()
    assert "sprog" not in tag("Landsmøde", "Formanden deltog i Danske Seniorers og Danske Ældreråds landsmøde.")
    assert tag("Kurser", "Kurser i dansk og danskundervisning.") == ("sprog",)
    assert "sprog" in tag("Prøver", "Prøve i Dansk 2 og Prøve i Dansk 3 blev bestået af mange.")


def test_the_elderly_and_their_care_are_their_own_topic_not_health():
    found = topics("randers-aeldreraadet-aarsberetning-2024.txt")
    assert found["Aktiviteter og arrangementer"] == ("ældre og omsorg",)
    aarhus = {p.title: p.topics for p in read_fixture(LAYOUTS12, "aarhus-byraadet-referat-2025-03-12.txt").passages}
    assert aarhus["Valg af medlem til Ældrerådet efter udtræden"] == ("rådets arbejde", "ældre og omsorg")


def test_a_word_of_one_topic_leaves_room_for_the_refugees():
    """«ældreplejen» tagging both sundhed and the elderly pushed «flygtninge» out of the four topics."""
    from conftest import LAYOUTS

    for name, title in (("f3_lyngsoe_beskaeftigelses_og_integrationsudvalget_2012-03-13.txt",
                         "Sprogpraktik i ældreplejen for flygtninge og indvandrere"),
                        ("f8_mosevang_aeldre_og_sundhedsudvalget_2019-09-09.txt",
                         "Sprogpraktik for flygtninge på kommunens plejecentre")):
        found = {p.title: p.topics for p in read_fixture(LAYOUTS, name).passages}[title]
        assert "flygtninge" in found and "ældre og omsorg" in found and "sundhed" not in found, (name, found)


def test_a_skatepark_is_leisure_and_a_school_in_a_sports_hall_is_not():
    from conftest import LAYOUTS

    skate = {p.title: p.topics for p in read_fixture(LAYOUTS12, "solbjerg-ungdomsraadet-referat-2025-02-20.txt").passages}
    assert skate["Skatepark ved stationen"] == ("kultur og fritid",)
    schools = {p.title: p.topics for p in read_fixture(LAYOUTS, "f6_kildeholm_boerne_og_skoleudvalget_2020-06-10.txt"
                                                       ).passages}
    assert "kultur og fritid" not in schools["Genåbning af skoler og dagtilbud efter COVID-19 - status"]
