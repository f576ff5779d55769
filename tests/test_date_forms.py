"""Dates as people type them (d/m/yyyy from Outlook, Excel and web forms; yyyy-m-d), read the same
in the query box and the period fields; and a bullet list that must not swallow the next heading."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import PDFS, SEEDS, run

from indexer.clean import reflow
from indexer.dates import find_dates, find_query_dates, parse_typed_date
from search import InvalidParameter, SearchRequest, open_index, parse_request

TODAY = date(2026, 12, 3)
MEETING = "2015-05-21"  # the Næstved meeting of the seeds: items 11, 12, 14, 15, 16, 16, 17


@pytest.fixture(scope="module")
def seeds_dir(tmp_path_factory) -> Path:
    """An index of the seeds plus one item of a later meeting that names 21/05/2015 in its text."""
    from indexer.update import update_index

    folder = tmp_path_factory.mktemp("date-forms") / "corpus"
    shutil.copytree(SEEDS, folder)
    (folder / "tornby-socialudvalget-referat-2018-03-12.txt").write_text(LATER_MINUTES, encoding="utf-8")
    report = update_index([folder], folder.parent / "index")
    assert not report.skipped, report.skipped
    return folder.parent / "index"


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    index = open_index(seeds_dir)
    yield index
    index.close()


LATER_MINUTES = """Tornby Kommune

Referat

Socialudvalget

Mødedato: 12.03.2018

1. Opfølgning på boligplaceringen

Sagsfremstilling
På Integrationsrådets møde den 21/05/2015 blev det aftalt at følge op på boligplaceringen af de nye borgere.

Beslutning
Taget til efterretning.
"""


def found(index, query: str, **fields):
    return index.search(SearchRequest(query=query, page_size=100, **fields))


# --- The query box --------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["21/05/2015", "21/5/2015", "2015-5-21", "2015-05-21", "21.5.2015", "21/5-2015"])
def test_a_date_typed_day_first_with_slashes_or_iso_without_zeros_finds_the_meeting_and_its_mentions(seeds, typed):
    answer = found(seeds, typed)
    assert not answer.approximate and answer.notice is None
    assert sorted(h.meeting_date for h in answer.hits) == [MEETING] * 7 + ["2018-03-12"]
    assert "Opfølgning på boligplaceringen" in {h.title for h in answer.hits}  # it names the date as 21/05/2015
    assert [h.id for h in answer.hits] == [h.id for h in found(seeds, "21.05.2015").hits]


def test_a_date_with_words_searches_both_and_is_no_approximate_answer(seeds):
    """`21/05/2015 flygtninge` gave 27 approximate hits saying the date was in none of them."""
    answer = found(seeds, "21/05/2015 flygtninge")
    assert not answer.approximate and answer.notice is None
    assert [h.title for h in answer.hits] == [h.title for h in found(seeds, "21.5.2015 flygtninge").hits]
    assert {h.meeting_date for h in answer.hits} == {MEETING}
    assert "Modtagelse af flygtninge" in {h.title for h in answer.hits} and answer.total == 3


def test_a_two_digit_year_with_slashes_is_still_read_and_named(seeds):
    answer = found(seeds, "21/5/15")
    assert sorted(h.meeting_date for h in answer.hits) == [MEETING] * 7 + ["2018-03-12"]
    assert answer.notice == ('«21/5/15» blev søgt som datoen 21. maj 2015; skriv "21/5/15" i anførselstegn '
                             'for at søge efter det som tekst.')


@pytest.mark.parametrize(("typed", "expected"), [
    ("21/05/2015", date(2015, 5, 21)), ("1/12/2016", date(2016, 12, 1)), ("2015-5-21", date(2015, 5, 21)),
    ("2015-05-1", date(2015, 5, 1)), ("2015-12-3", date(2015, 12, 3)), ("21/5/15", date(2015, 5, 21)),
])
def test_the_forms_are_read_whole(typed, expected):
    assert [(d.value, d.span) for d in find_query_dates(typed, TODAY)] == [(expected, (0, len(typed)))]


@pytest.mark.parametrize("text", ["588-2021-1874", "731-2012-10870", "2012-10-870", "A2015-5-21", "2015-5-21-3",
                                  "2014-2017", "2015-5", "15/4410", "18/11092", "21/05/20155", "31/02/2015",
                                  "21/13/2015", "00.01.00-A21-1-14"])
def test_case_numbers_and_ranges_stay_numbers(text):
    assert find_query_dates(text, TODAY) == []


def test_documents_are_read_for_slashed_dates_but_not_for_loose_iso():
    # d/m/yyyy is a full date printed by mail and office programs; "2015-5-21" is typed, not printed.
    assert [d for d, _ in find_dates("Mødet den 21/05/2015 og den 1/12/2016.")] == [date(2015, 5, 21), date(2016, 12, 1)]
    assert find_dates("Mødet den 2015-5-21.") == []


# --- The period fields: one parser with the query box -------------------------------------------

@pytest.mark.parametrize(("typed", "iso"), [
    ("21.5.15", "2015-05-21"), ("1/1-17", "2017-01-01"), ("21/05/2015", "2015-05-21"), ("01/01/2017", "2017-01-01"),
    ("2015-5-21", "2015-05-21"), ("21.maj 2015", "2015-05-21"), (" 21. maj 2015 ", "2015-05-21"),
])
def test_a_period_reads_every_date_form_the_query_box_reads(typed, iso):
    assert parse_typed_date(typed) is not None
    request = parse_request({"from": [typed], "to": [typed]})
    assert (request.date_from, request.date_to) == (iso, iso)


def test_a_two_digit_year_in_a_period_follows_the_query_rule():
    assert parse_typed_date("1.1.27", TODAY).value == date(2027, 1, 1)
    assert parse_typed_date("1.1.28", TODAY).value == date(1928, 1, 1)
    assert parse_typed_date("17.01.00", TODAY) is None  # a KLE code, as in the query box


@pytest.mark.parametrize("typed", ["31/02/2015", "21/13/2015", "17.01.00", "21/5", "21.05.2015 og mere", "4.-5. juni 2026"])
def test_what_is_no_date_is_still_one_danish_error(typed):
    with pytest.raises(InvalidParameter) as raised:
        parse_request({"to": [typed]})
    assert (raised.value.parameter, raised.value.code) == ("to", "invalid_date")
    assert raised.value.message == (f"Til-datoen «{typed}» er ikke en dato. Skriv den som 21.05.2019, 2019-05-21, "
                                    "maj 2019 eller et årstal.")


def test_the_command_line_period_takes_slashed_and_two_digit_dates(runner, seeds_dir):
    index_dir = seeds_dir
    result = run(runner, "search", "flygtninge", "--from", "21/05/2015", "--to", "21.5.15", "--json", "--limit", "100",
                 "--index-dir", index_dir)
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert (answer["from"], answer["to"]) == ("2015-05-21", "2015-05-21")
    meetings = [h for h in answer["hits"] if h["meeting_date"]]
    assert {h["meeting_date"] for h in meetings} == {MEETING} and len(meetings) == 3
    every = run(runner, "search", "boligplaceringen", "--json", "--limit", "100", "--index-dir", index_dir)
    assert MEETING in {h["meeting_date"] for h in json.loads(every.output)["hits"]}
    later = run(runner, "search", "boligplaceringen", "--from", "1/1-17", "--json", "--limit", "100",
                "--index-dir", index_dir)
    assert [(h["meeting_date"], h["title"]) for h in json.loads(later.output)["hits"] if h["meeting_date"]] == [
        ("2018-03-12", "Opfølgning på boligplaceringen")]
    bad = run(runner, "search", "flygtninge", "--from", "31/02/2015", "--index-dir", index_dir)
    assert bad.exit_code == 2 and bad.stderr == ("Fejl: --from: Fra-datoen «31/02/2015» er ikke en dato. Skriv den som "
                                                 "21.05.2019, 2019-05-21, maj 2019 eller et årstal.\n")


def test_the_api_and_web_period_take_slashed_dates(client):
    answer = client.get("/api/search", query_string={"q": "flygtninge", "from": "21/05/2015", "to": "21/5/15"})
    assert answer.status_code == 200
    body = answer.get_json()
    assert (body["from"], body["to"]) == ("2015-05-21", "2015-05-21")
    assert {h["meeting_date"] for h in body["hits"] if h["meeting_date"]} == {MEETING}
    page = client.get("/", query_string={"q": "flygtninge", "from": "01/05/2015", "to": "31/05/2015"})
    assert page.status_code == 200 and "21. maj 2015" in page.get_data(as_text=True)
    bad = client.get("/api/search", query_string={"q": "flygtninge", "from": "21/13/2015"})
    assert bad.status_code == 400 and bad.get_json()["code"] == "invalid_date"
    assert bad.get_json()["message"].startswith("Fra-datoen «21/13/2015» er ikke en dato.")


# --- A bullet list before a heading (PDF and text) ---------------------------------------------

def test_a_bullet_before_a_blank_line_does_not_swallow_the_heading_after_it():
    lines = ["• Danskundervisning i kombination med beskæftigelsestilbud", "",
             "• Grundig screening af borgers ressourcer (uddannelse, erhvervserfaring, helbred m.m.)", "",
             "Branchepakker", "I den kommende tid fokuseres der på at udvikle og etablere branchepakker."]
    assert reflow(lines) == ("• Danskundervisning i kombination med beskæftigelsestilbud\n\n"
                             "• Grundig screening af borgers ressourcer (uddannelse, erhvervserfaring, helbred m.m.)\n\n"
                             "Branchepakker\nI den kommende tid fokuseres der på at udvikle og etablere branchepakker.")


def test_a_bullet_wrapped_across_a_blank_line_is_still_joined():
    # The text seeds are double-spaced: a bullet's last words come after a blank line.
    lines = ["-   Grundig screening af borgers ressourcer (uddannelse, erhvervserfaring, helbred", "", "m.m.)", "",
             "", "Branchepakker"]
    assert reflow(lines) == ("-   Grundig screening af borgers ressourcer (uddannelse, erhvervserfaring, helbred m.m.)"
                             "\n\nBranchepakker")


def test_a_date_at_a_line_start_is_no_list_item():
    lines = ["Som altid var rådet at finde på i Rådmandshaven på Foreningernes Dag den", "",
             "7. september. Flere af rådets medlemmer er aktive i planlægningen af dagen, og det er et arrangement for",
             "", "Næstved Kommune."]
    assert reflow(lines) == ("Som altid var rådet at finde på i Rådmandshaven på Foreningernes Dag den 7. september. "
                             "Flere af rådets medlemmer er aktive i planlægningen af dagen, og det er et arrangement for "
                             "Næstved Kommune.")
    # a numbered point is still a list item: it starts a line of its own after a long one
    assert reflow(["Rådet besluttede følgende om sagen efter en længere drøftelse af økonomien",
                   "2. Rådet nedsætter en arbejdsgruppe."]) == (
        "Rådet besluttede følgende om sagen efter en længere drøftelse af økonomien\n2. Rådet nedsætter en arbejdsgruppe.")


@pytest.mark.parametrize(("path", "bullet"), [(PDFS / "referat-2015-05-21.pdf", "•"),
                                              (SEEDS / "naestved-integrationsraadet-referat-2015-05-21.txt", "-")])
def test_item_15s_case_text_keeps_the_heading_after_its_list(path, bullet):
    from indexer.pipeline import read_document

    item = next(p for p in read_document(path, path.parent).passages if p.item_number == 15)
    case = next(s.text for s in item.sections if s.key == "sagsfremstilling")
    assert f"{bullet} Grundig screening af borgers ressourcer (uddannelse, erhvervserfaring, helbred m.m.)\n\n" \
           "Branchepakker\n" in case
    assert "m.m.) Branchepakker" not in case and "Branchepakker I den" not in case


# --- A dates review (2026-12-05) ------------------------------------------------------------------

def test_two_numeric_dates_joined_by_a_hyphen_are_a_two_day_meeting():
    assert [(d.isoformat(), span) for d, span in find_dates("Mødedato: 04.06.2026-05.06.2026")] == [
        ("2026-06-04", (10, 20)), ("2026-06-05", (21, 31))]
    assert [d.isoformat() for d, _ in find_dates("Dato: 04-06-2026-05-06-2026")] == ["2026-06-04", "2026-06-05"]
    assert find_dates("Sagsnr. 588-2021-1874-2") == []


def test_minutes_of_a_two_day_meeting_printed_with_a_hyphen_have_their_first_day(tmp_path):
    from conftest import read_written

    text = "Søholt Kommune\nByrådet\nReferat\nMødedato: 04.06.2026-05.06.2026\n\n1. Kommuneplan 2026\nBeslutning:\nGodkendt.\n"
    (item,) = read_written(tmp_path, "byraadet.txt", text).passages
    assert (item.meeting_date, item.year, item.decision_date) == ("2026-06-04", 2026, "2026-06-04")


@pytest.mark.parametrize("pasted", ["d. 04-06-2026", "den 4. juni 2026", "Torsdag den 4. juni 2026",
                                    "4. juni 2026 kl. 17.00", "Mødedato: 4. juni 2026, kl. 17.00-19.00"])
def test_a_period_takes_a_date_as_a_meetings_head_prints_it(pasted):
    request = parse_request({"from": [pasted], "to": [pasted]})
    assert (request.date_from, request.date_to) == ("2026-06-04", "2026-06-04")


def test_a_month_typed_with_a_word_processors_dash_is_a_month():
    request = parse_request({"from": ["2026–06"], "to": ["2026–06"]})
    assert (request.date_from, request.date_to) == ("2026-06-01", "2026-06-30")


def test_a_quarter_in_the_title_gives_the_year(tmp_path):
    from conftest import read_written

    text = ("Søholt Kommune\nFolkeoplysningsudvalget\n\nKvartalsrapport\n1. kvartal 2025\n\n1. Tilskud til foreninger\n\n"
            "Sagsnr.: 25/1101\n\nSagsfremstilling\nOversigt over udbetalte tilskud.\n\nBeslutning\nTaget til efterretning.\n")
    (item,) = read_written(tmp_path, "kvartal.txt", text).passages
    assert (item.year, item.title) == (2025, "Tilskud til foreninger")


def test_an_impossible_meeting_date_is_noted_not_dropped_silently(tmp_path):
    from conftest import read_written

    text = "Søholt Kommune\nByrådet\nReferat\nMødedato: 31.02.2025\n\n1. Budget\nBeslutning:\nGodkendt.\n"
    document = read_written(tmp_path, "byraadet.txt", text)
    assert document.passages[0].meeting_date is None
    assert "mødedatoen «31.02.2025» er ingen gyldig dato: dokumentet er indekseret uden mødedato" in document.notices
    good = read_written(tmp_path, "byraadet2.txt", text.replace("31.02.2025", "28.02.2025"))
    assert not any("ingen gyldig dato" in notice for notice in good.notices)
