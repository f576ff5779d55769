"""Minutes that follow the conventions of tests/fixtures/layouts/LAYOUTS.md without being one of
its samples: layout 7 (no sample there) and the ways municipalities vary the others.

Each test reads a whole document through the pipeline and checks the split a reader expects:
the items, their numbers, titles, case numbers, decisions and the meeting's metadata.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from indexer.models import DECISION, EARLIER_DECISION
from indexer.pipeline import read_document
from conftest import UNTITLED_MINUTES

FIXTURES = Path(__file__).resolve().parent / "fixtures"
INPUTS = FIXTURES / "inputs"
LAYOUTS = FIXTURES / "layouts"

F7_MINUTES = INPUTS / "aalunde-byraadet-referat-2019-01-29.txt"


def items(document) -> list[tuple[int | None, str, str | None]]:
    return [(p.item_number, p.title, p.case_number) for p in document.passages]


# --- Layout 7 `f7-punkt-sagsid` ------------------------------------------------------------------

F7_ITEMS = [
    (1, "Godkendelse af dagsorden", "18/2732"),
    (2, "Boligsocial helhedsplan for Nørrevang 2019-2022", "18/1954"),
    (3, "Beslutning om etablering af sprogcafé på Ålunde Bibliotek", "18/3310"),
    (4, "Orientering om modtagelse af flygtninge i 2019", "19/0112"),
    (5, "Lukket punkt: Salg af byggegrund, Engtoften 14", "18/2987"),
]


@pytest.fixture(scope="module")
def f7():
    return read_document(F7_MINUTES, INPUTS)


def test_f7_items_split_at_punkt_headings_without_their_meeting_reference(f7):
    assert items(f7) == F7_ITEMS
    assert [p.line for p in f7.passages] == [24, 41, 83, 109, 129]  # the headings, not the contents list
    assert all(p.case_handler is None for p in f7.passages)


def test_f7_meeting_metadata_comes_from_the_head(f7):
    assert (f7.doc_type, f7.municipality, f7.council, f7.meeting_date, f7.year) == (
        "referat", "Ålunde", "Byrådet", "2019-01-29", 2019)
    assert f7.place == "Byrådssalen, Ålunde Rådhus, Torvegade 1"
    assert f7.absent == ("Kim Ravnkilde",)


def test_f7_sections_start_with_indledning_and_the_decision_comes_first(f7):
    first = f7.passages[0]
    assert [s.key for s in first.sections] == [DECISION, "indledning", "indstilling"]
    assert first.sections_by_key()["indledning"] == "Byrådet skal godkende dagsordenen for mødet."
    assert (first.decision, first.decision_date) == ("Godkendt.", "2019-01-29")
    assert first.sections[0].note == "Ej til stede: Kim Ravnkilde (O)"
    # The field lines are metadata, not text.
    assert "SagsID" not in first.text and "Sagen afgøres i" not in first.text


def test_f7_earlier_committees_decisions_are_quoted_not_this_councils(f7):
    plan = f7.passages[1]
    assert plan.decision == "Godkendt. Jens Peter Bloch (Ø) stemte imod indstillingens punkt 2."
    assert plan.decision_date == "2019-01-29"
    earlier = [(s.label, s.date, s.note, s.text) for s in plan.sections if s.key == EARLIER_DECISION]
    assert earlier == [
        ("Beslutning i Social- og Integrationsudvalget den 09-01-2019", "2019-01-09",
         "Ej til stede: Ditte Aagaard (F)", "Anbefales over for Økonomiudvalget og Byrådet."),
        ("Beslutning i Økonomiudvalget den 16-01-2019", "2019-01-16", "", "Anbefales."),
    ]
    assert "1) Uddannelse og livschancer" in plan.sections_by_key()["sagsfremstilling"]


def test_f7_attendance_sentences_are_the_decisions_note(f7):
    cafe = f7.passages[2]
    assert cafe.sections[0].note == (
        "Ej til stede: Kim Ravnkilde (O)\nHanne Thygesen (C) deltog ikke i behandlingen af punktet.")
    assert cafe.decision == "Godkendt."


def test_f7_closed_item_has_only_its_decision(f7):
    closed = f7.passages[4]
    assert [s.key for s in closed.sections] == [DECISION]
    assert closed.decision == "Godkendt."


@pytest.mark.parametrize("field", ["SagsID/Sagsnummer: 18/2732", "SagsID / Sagsnummer: 18/2732",
                                   "Sagsnummer: 18/2732", "SagsID: 18/2732", "Sagsnr./SagsID 18/2732"])
def test_f7_case_number_field_in_each_spelling(tmp_path, field):
    text = F7_MINUTES.read_text(encoding="utf-8").replace("SagsID/Sagsnummer: 18/2732", field)
    path = tmp_path / F7_MINUTES.name
    path.write_text(text, encoding="utf-8")
    assert items(read_document(path, tmp_path)) == F7_ITEMS


def test_f7_the_mayors_title_in_the_members_list_is_no_name(f7):
    assert f7.present == ("Lars Ebbesen", "Marianne Skov", "Yusuf Demir", "Hanne Thygesen", "Ditte Aagaard",
                          "Jens Peter Bloch")


# --- Variations of the sampled layouts ----------------------------------------------------------

LAYOUT_EXPECTED = {name: spec for name, spec in json.loads((LAYOUTS / "expected.json").read_text(encoding="utf-8")).items()
                   if not name.startswith("_")}


def layout_file(prefix: str) -> Path:
    (path,) = LAYOUTS.glob(f"{prefix}_*.txt")
    return path


def variant(tmp_path: Path, source: Path, change, suffix: str | None = None):
    """`source` rewritten by `change` (text → text), read through the pipeline."""
    path = tmp_path / (source.stem + (suffix or source.suffix))
    path.write_text(change(source.read_text(encoding="utf-8")), encoding="utf-8")
    return read_document(path, tmp_path)


def expected_items(prefix: str) -> list[tuple[int | None, str, str | None, str | None]]:
    spec = LAYOUT_EXPECTED[layout_file(prefix).name]
    return [(i["number"], i["title"].casefold(), i.get("case_number"), i.get("case_handler")) for i in spec["items"]]


def found_items(document) -> list[tuple[int | None, str, str | None, str | None]]:
    return [(p.item_number, p.title.casefold(), p.case_number, p.case_handler) for p in document.passages]


def upper_lines(pattern: str):
    """A change that writes the lines matching `pattern` in capitals."""
    return lambda text: re.sub(pattern, lambda m: m.group(0).upper(), text, flags=re.MULTILINE)


@pytest.mark.parametrize(("prefix", "pattern"), [
    ("f1", r"^(Sagsbehandler|Sagsnr)(?= )"),  # SAGSBEHANDLER Lise Mørk Andersen / SAGSNR 15/4410
    ("f2", r"^(Sag|Initialer:|Dok\.|Åbent|Lukket)( .*)?$"),  # SAG 588-2021-2231, INITIALER: MHL, ÅBENT
    ("f3", r"^Sagsnr\.: .*$"),  # SAGSNR.: 731-2012-10334   J.NR.: 00.01.00   DOKUMENTNR.: …
    ("f8", r"^(Pkt\. \d+|Sagsnr\. .*)$"),  # PKT. 58 / SAGSNR. 299835 ÆLDRE- OG SUNDHEDSUDVALGET ÅBENT PUNKT
])
def test_field_lines_and_headings_in_capitals_are_the_same_conventions(tmp_path, prefix, pattern):
    document = variant(tmp_path, layout_file(prefix), upper_lines(pattern))
    assert found_items(document) == expected_items(prefix)
    assert document.doc_type == "referat"


def test_f7_in_capitals_punkt_headings_and_sagsid(tmp_path):
    change = upper_lines(r"^(• Punkt .*|SagsID/Sagsnummer: .*|Sagen afgøres i: .*|Beslutning i .*)$")
    document = variant(tmp_path, F7_MINUTES, change)
    assert [(n, t.casefold(), c) for n, t, c in items(document)] == [(n, t.casefold(), c) for n, t, c in F7_ITEMS]
    assert document.passages[0].title == "GODKENDELSE AF DAGSORDEN"  # as printed, without "1/2019"
    plan = document.passages[1]
    assert plan.decision.startswith("Godkendt. Jens Peter Bloch") and plan.decision_date == "2019-01-29"
    assert [s.date for s in plan.sections if s.key == EARLIER_DECISION] == ["2019-01-09", "2019-01-16"]


def renumber(form: str, prefix: str):
    """A change that prints the item headings of a layout as `form` ("Pkt. {n} {title}")."""
    titles = {i["title"].split()[0] for i in LAYOUT_EXPECTED[layout_file(prefix).name]["items"]}

    def change(text: str) -> str:
        def heading(m: re.Match[str]) -> str:
            if m.group("title").split()[0] not in titles or re.search(r"\s{3,}\d+$", m.group(0)):
                return m.group(0)  # a list point or a contents entry
            return form.format(n=m.group("n"), title=m.group("title"))
        return re.sub(r"^(?P<n>\d{1,3})\.\s+(?P<title>\S.*)$", heading, text, flags=re.MULTILINE)
    return change


@pytest.mark.parametrize("form", ["Pkt. {n} {title}", "Pkt {n}: {title}", "PKT. {n} {title}", "Pkt. {n}. {title}",
                                  "Punkt {n} - {title}", "Pkt. {n} - {title}", "Punkt {n}: {title}", "{n}) {title}",
                                  "· Punkt {n} {title}", "▪ Pkt. {n} {title}", "• {n}. {title}", "{n}. {title} ( )",
                                  "{n}. {title}          7", "Ad {n}. {title}", "Ad pkt. {n}. {title}",
                                  "Ad punkt {n}: {title}", "AD PKT. {n} {title}"])
@pytest.mark.parametrize("prefix", ["f2", "f4", "f6"])
def test_item_numbers_written_as_pkt_punkt_or_parenthesis(tmp_path, prefix, form):
    document = variant(tmp_path, layout_file(prefix), renumber(form, prefix))
    assert found_items(document) == expected_items(prefix)


@pytest.mark.parametrize("form", ["Pkt. {n} {t}", "Punkt {n} - {t}", "o Punkt {n} {t}", "– Punkt {n} {t}"])
def test_f7_headings_with_other_bullets_and_numbering(tmp_path, form):
    change = lambda text: re.sub(r"^• Punkt (\d+) (.*)$", lambda m: form.format(n=m.group(1), t=m.group(2)), text,
                                 flags=re.MULTILINE)
    assert items(variant(tmp_path, F7_MINUTES, change)) == F7_ITEMS


@pytest.mark.parametrize("prefix", ["f1", "f8", "f9"])
@pytest.mark.parametrize("point", ["{n}. At ", "{n}) At ", "{n}) "])
def test_recommendation_points_are_no_items_however_numbered_and_capitalised(tmp_path, prefix, point):
    # "3. at restbeløbet …" before SAGSFREMSTILLING: "3. At …", "3) At …" and "3) Restbeløbet …" are list
    # points too, though a section label follows them as an item heading's anchor would.
    def change(text: str) -> str:
        return re.sub(r"^(\d)\. at (\w)", lambda m: point.format(n=m.group(1)) + (
            m.group(2) if "At" in point else m.group(2).upper()), text, flags=re.MULTILINE)
    document = variant(tmp_path, layout_file(prefix), change)
    assert found_items(document) == expected_items(prefix)


# --- Decision headers as municipalities print them ----------------------------------------------


def decisions(document) -> list[tuple[int | None, str, str | None, tuple[tuple[str | None, str], ...], str]]:
    """Per item: its decision, the decision's date, the quoted earlier decisions (date, text) and the note."""
    return [
        (p.item_number, p.decision, p.decision_date,
         tuple((s.date, s.text) for s in p.sections if s.key == EARLIER_DECISION),
         next((s.note for s in p.sections if s.key == DECISION), ""))
        for p in document.passages
    ]


def rewrite_headers(pattern: str, replacement):
    return lambda text: re.sub(pattern, replacement, text, flags=re.MULTILINE)


COUNCIL_INITIALS = [
    (F7_MINUTES, r"^Beslutning i (Byrådet|Økonomiudvalget|Social- og Integrationsudvalget) ",
     lambda m: "Beslutning i " + {"Byrådet": "BR", "Økonomiudvalget": "ØU"}.get(m.group(1), "SIU") + " "),
    (layout_file("f6"), r"^Beslutning i Børne- og Skoleudvalget ", "Beslutning i BSU "),
    (layout_file("f2"), r"^Beslutning fra Integrationsrådet$", "Beslutning fra IR"),
    (layout_file("f3"), r"^(Beskæftigelses- og Integrationsudvalgets|Social- og Ældreudvalgets) møde",
     lambda m: ("BIU's" if m.group(1).startswith("Besk") else "SÆU's") + " møde"),
    (layout_file("f8"), r"^(Ældre- og Sundhedsudvalget|Beskæftigelsesudvalget), (\d\d-\d\d-2019, pkt\. \d+)$",
     lambda m: ("ÆSU" if m.group(1).startswith("Æ") else "BEU") + ", " + m.group(2)),
    (layout_file("f9"), r"^(Økonomiudvalget|Social- og Integrationsudvalget|Kultur- og Fritidsudvalget), ",
     lambda m: {"Ø": "ØU", "S": "SIU", "K": "KFU"}[m.group(1)[0]] + ", "),
    (layout_file("f1"), r"^Integrationsrådet, 27\.05\.2015$", "IR, 27.05.2015"),
]


@pytest.mark.parametrize(("source", "pattern", "replacement"), COUNCIL_INITIALS,
                         ids=["f7", "f6", "f2", "f3", "f8", "f9", "f1"])
def test_decision_headers_naming_the_council_by_its_initials(tmp_path, source, pattern, replacement):
    original = read_document(source, source.parent)
    document = variant(tmp_path, source, rewrite_headers(pattern, replacement))
    assert decisions(document) == decisions(original)
    assert all(p.has_decision for p in document.passages)


AT_TIME = [
    (F7_MINUTES, r"^(Beslutning i \w+) den 29-01-2019$", r"\1 den 29. januar 2019 kl. 17.00"),
    (layout_file("f6"), r"^(Beslutning i .+) den 10-06-2020$", r"\1 onsdag den 10. juni 2020, kl. 16.00"),
    (layout_file("f8"), r"^(.+), (\d\d-\d\d-2019), (pkt\. \d+)$", r"\1, \2, kl. 16:30, \3"),
    (layout_file("f3"), r"^(.+møde den 13\. marts 2012):$", r"\1 kl. 15.30:"),
    (layout_file("f1"), r"^(Integrationsrådet), 27\.05\.2015$", r"\1 d. 27.05.2015 kl. 17.00-19.10"),
]


@pytest.mark.parametrize(("source", "pattern", "replacement"), AT_TIME, ids=["f7", "f6", "f8", "f3", "f1"])
def test_decision_headers_with_the_time_of_day_or_weekday(tmp_path, source, pattern, replacement):
    original = read_document(source, source.parent)
    document = variant(tmp_path, source, rewrite_headers(pattern, replacement))
    assert decisions(document) == decisions(original)
    assert all(p.has_decision for p in document.passages)


@pytest.mark.parametrize("name", ["Børne-, Unge- og Skoleudvalget", "Udvalget for Børn og Skole",
                                  "Udvalget for Børn, Unge og Skole"])
def test_council_names_of_three_parts_or_udvalget_for(tmp_path, name):
    source = layout_file("f6")
    original = read_document(source, source.parent)
    document = variant(tmp_path, source, lambda text: text.replace("Børne- og Skoleudvalget", name))
    assert document.council == name
    assert [s.label for s in document.passages[0].sections if s.key == DECISION] == [
        f"Beslutning i {name} den 10-06-2020"]
    renamed = [(n, text.replace("Børne- og Skoleudvalget", name), *rest) for n, text, *rest in decisions(original)]
    assert decisions(document) == renamed


# --- Agendas (dagsordener): the same meetings before anything is decided -------------------------


def as_agenda(this_council: str):
    """A change that turns minutes into their agenda: 'Dagsorden' for 'Referat', and each decision
    header of this council removed with its text (up to the next section label, quoted decision,
    item end or page footer). Earlier committees' decisions stay: an agenda prints them."""
    header = re.compile(this_council)
    stop = re.compile(r"^(Sagsfremstilling|Økonomi|Bilag|Side \d+ af \d+|.+udvalget, \d.+pkt\. \d+:)$")

    def change(text: str) -> str:
        out, skipping = [], False
        lines = text.split("\n")
        for k, line in enumerate(lines):
            if header.match(line):
                skipping = True
                continue
            if skipping and (stop.match(line) or (not line and k + 1 < len(lines) and not lines[k + 1])):
                skipping = False
            if not skipping:
                out.append(line)
        return re.sub(r"^(Referat|REFERAT)$", lambda m: "DAGSORDEN" if m.group(1).isupper() else "Dagsorden",
                      "\n".join(out), flags=re.MULTILINE)
    return change


AGENDAS = [
    (F7_MINUTES, r"^Beslutning i Byrådet den 29-01-2019$", {2: ["2019-01-09", "2019-01-16"]}),
    (layout_file("f3"), r"^Beskæftigelses- og Integrationsudvalgets møde den 13\. marts 2012:$", {20: ["2012-03-06"]}),
    (layout_file("f8"), r"^Ældre- og Sundhedsudvalget, 09-09-2019, pkt\. \d+$", {59: ["2019-08-27"]}),
    (layout_file("f9"), r"^Beslutning$", {130: ["2019-09-04", "2019-09-17"], 131: ["2019-09-17"],
                                          132: ["2019-09-03", "2019-09-17"]}),
]


@pytest.mark.parametrize(("source", "header", "quoted"), AGENDAS, ids=["f7", "f3", "f8", "f9"])
def test_an_agenda_quotes_earlier_committees_but_has_no_decision_of_its_own(tmp_path, source, header, quoted):
    minutes = read_document(source, source.parent)
    agenda = variant(tmp_path, source, as_agenda(header))
    assert agenda.doc_type == "dagsorden" and agenda.meeting_date == minutes.meeting_date
    assert [(p.item_number, p.title) for p in agenda.passages] == [(p.item_number, p.title) for p in minutes.passages]
    assert [(p.item_number, p.decision, p.decision_date) for p in agenda.passages if p.has_decision] == []
    assert {p.item_number: [s.date for s in p.sections if s.key == EARLIER_DECISION]
            for p in agenda.passages if p.item_number in quoted} == quoted


def test_this_councils_decision_on_a_deferred_date_is_still_its_decision(tmp_path):
    # Same council (by its initials), earlier date, the only decision: not a quote (as the seed's
    # 'udsat' item). A guard for the rule above, which must not take this council for another.
    text = F7_MINUTES.read_text(encoding="utf-8").replace(
        "Beslutning i Byrådet den 29-01-2019\nEj til stede: Kim Ravnkilde (O)\n\nTaget til efterretning.",
        "Beslutning i BR den 18-12-2018\nTaget til efterretning.")
    path = tmp_path / F7_MINUTES.name
    path.write_text(text, encoding="utf-8")
    item4 = read_document(path, tmp_path).passages[3]
    assert (item4.decision, item4.decision_date) == ("Taget til efterretning.", "2018-12-18")


# --- Markdown exports --------------------------------------------------------------------------


def pandoc_markdown(text: str) -> str:
    """Minutes as pandoc writes them to Markdown: '## ' item headings, '### ' section labels and
    decision headers, bold field labels, '1\\.' escaped numbers and '\\' hard line breaks."""
    from indexer import conventions as cv

    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        escaped = re.sub(r"^(\d+)\.(\s)", r"\1\\.\2", stripped)
        if re.match(r"^(• Punkt \d+|\d{1,3}\.)\s+[A-ZÆØÅ]", stripped) and not re.search(r"\s{3,}\d+$", stripped):
            out.append("## " + escaped)
        elif cv.label_of(stripped) or cv.decision_header(stripped):
            out.append("### " + stripped)
        elif cv.field_line(stripped) is not None and ":" in stripped:
            label, value = stripped.split(":", 1)
            out.append(f"**{label}:**{value}")
        else:
            out.append(escaped + ("\\" if stripped and stripped[-1] not in ".:" else ""))
    return "\n".join(out)


@pytest.mark.parametrize("source", [F7_MINUTES, layout_file("f1"), layout_file("f2"), layout_file("f6")],
                         ids=["f7", "f1", "f2", "f6"])
def test_a_pandoc_markdown_export_splits_as_the_text_does(tmp_path, source):
    original = read_document(source, source.parent)
    document = variant(tmp_path, source, pandoc_markdown, suffix=".md")
    assert found_items(document) == found_items(original)
    assert decisions(document) == decisions(original)
    assert document.meeting_date == original.meeting_date
    assert not any("\\" in p.text or "\\" in p.title for p in document.passages)


# --- Items numbered across meetings: `Sag nr. 131` under the title --------------------------------


@pytest.mark.parametrize("change", [
    lambda text: text.replace("Afvikling af midlertidige boliger til flygtninge på Solvænget\nSag nr. 130",
                              "Afvikling af midlertidige boliger til flygtninge\npå Solvænget\nSag nr. 130"),
    lambda text: text.replace("Integrationspolitik 2020-2023 - endelig vedtagelse\nSag nr. 131",
                              "Integrationspolitik 2020-2023 -\nendelig vedtagelse\nSag nr. 131"),
    lambda text: re.sub(r"^Sag nr\. (\d+)$", r"Sag nr.: \1", text, flags=re.MULTILINE),
    lambda text: re.sub(r"^Sag nr\. (\d+)$", r"SAG NR: \1", text, flags=re.MULTILINE),
], ids=["title-on-two-lines", "title-broken-at-dash", "sag-nr-colon", "sag-nr-caps-no-dot"])
def test_sag_nr_items_with_a_wrapped_title_or_a_colon(tmp_path, change):
    original = read_document(layout_file("f9"), LAYOUTS)
    document = variant(tmp_path, layout_file("f9"), change)
    assert found_items(document) == expected_items("f9")
    assert decisions(document) == decisions(original)
    # The first line of a wrapped title is not left behind in the previous item.
    assert "Afvikling af midlertidige" not in document.passages[0].text
    assert "Integrationspolitik 2020-2023" not in document.passages[1].text


# --- The meeting reference belongs to layout 7 only ----------------------------------------------


@pytest.mark.parametrize(("prefix", "old", "new"), [
    ("f1", "Høring over udkast til Beskæftigelsesplan 2016", "Høring over lokalplan 3/2015"),
    ("f8", "Sprogpraktik for flygtninge på kommunens plejecentre", "Sprogpraktik 2/2019"),
    ("f9", "Integrationspolitik 2020-2023 - endelig vedtagelse", "Lokalplan 12/2019 - endelig vedtagelse af 4/2019"),
])
def test_a_number_with_a_year_ending_a_title_is_kept_outside_punkt_headings(tmp_path, prefix, old, new):
    document = variant(tmp_path, layout_file(prefix), lambda text: text.replace(old, new))
    assert new in [p.title for p in document.passages]


def test_f7_strips_only_the_meeting_reference_after_a_number_of_the_title(tmp_path):
    change = lambda text: text.replace("Orientering om modtagelse af flygtninge i 2019 1/2019",
                                       "Lokalplan 12/2018 for Stationsvej 1/2019")
    assert variant(tmp_path, F7_MINUTES, change).passages[3].title == "Lokalplan 12/2018 for Stationsvej"


# --- Layout 10 `f10-glued-number` (no sample) ------------------------------------------------------

F10_MINUTES = UNTITLED_MINUTES.format(municipality="Tornby Kommune")


def test_f10_glued_numbers_and_an_item_without_a_title_line(tmp_path):
    # LAYOUTS.md layout 10: '38Godkendelse af dagsorden' is item 38 ('3F' is no heading), and where the
    # section sequence starts again after a Beslutning, a new item without a title begins.
    path = tmp_path / "tornby-socialudvalget-referat-2018-03-12.txt"
    path.write_text(F10_MINUTES, encoding="utf-8")
    document = read_document(path, tmp_path)
    assert items(document) == [(38, "Godkendelse af dagsorden", "18/1021"),
                               (39, "Støtte til boligsocial indsats i Østerbyen", "17/8830"),
                               (None, "", None),
                               (40, "Eventuelt", "18/1021")]
    support, untitled = document.passages[1], document.passages[2]
    assert support.decision == "Godkendt." and "flygtninge" not in support.text
    assert "3F Tornby stiller lokaler" in support.sections_by_key()["sagsfremstilling"]
    assert untitled.decision == "Taget til efterretning."
    assert untitled.sections_by_key()["sagsfremstilling"].startswith("Udvalget orienteres om modtagelsen")
    starts = [number for number, text in enumerate(F10_MINUTES.split("\n"), 1) if text == "Sagsfremstilling"]
    assert untitled.line == starts[1]  # it starts at its own Sagsfremstilling
    assert document.meeting_date == "2018-03-12" and document.place == "Mødelokale 4, Tornby Rådhus"


# --- Attendance as municipalities spell it --------------------------------------------------------


@pytest.mark.parametrize("label", ["Ikke til stede:", "Fraværende med afbud:", "Fraværende uden afbud:", "Afbud fra:",
                                   "Afbud:", "Ikke mødt:"])
@pytest.mark.parametrize("prefix", ["f2", "f4", "f6"])
def test_absent_members_under_every_usual_label_in_the_head_and_under_a_decision(tmp_path, prefix, label):
    # 'Beslutning' / 'Ikke til stede: Mikkel Lund (C)' / 'Godkendt.': the line is the decision's note, and in
    # the head the same label lists the absent members.
    source = layout_file(prefix)
    original = read_document(source, LAYOUTS)
    document = variant(tmp_path, source, lambda text: re.sub(r"^Fraværende:", label, text, flags=re.MULTILINE))
    assert document.absent == original.absent
    assert decisions(document) == [(n, text, date, earlier, note.replace("Fraværende:", label))
                                   for n, text, date, earlier, note in decisions(original)]
    assert found_items(document) == expected_items(prefix)


@pytest.mark.parametrize(("members", "present"), [
    # one member a line, the role after the name (f3) or before it
    ("Medlemmer:   Kirsten Bach (A), formand\n             Henrik Lauesen (V), næstformand\n             Jamal Aziz (A)",
     ("Kirsten Bach", "Henrik Lauesen", "Jamal Aziz")),
    ("Medlemmer:   Formand Kirsten Bach (A)\n             Næstformand Henrik Lauesen (V)\n             Jamal Aziz (A)",
     ("Kirsten Bach", "Henrik Lauesen", "Jamal Aziz")),
])
def test_members_with_their_roles_on_lines_of_their_own(tmp_path, members, present):
    source = layout_file("f3")
    text = source.read_text(encoding="utf-8")
    head = re.search(r"^Medlemmer:.*?(?=\n\n)", text, flags=re.MULTILINE | re.DOTALL).group(0)
    document = variant(tmp_path, source, lambda t: t.replace(head, members))
    assert document.present == present


# --- More decision headers ------------------------------------------------------------------------


def numbered_headers(pattern: str, form: str):
    """A change that rewrites each header matching `pattern` as `form`, with {pkt} its item's number (or as
    `form(match)`)."""
    def change(text: str) -> str:
        out, number = [], None
        for line in text.split("\n"):
            heading = re.match(r"^(\d{1,3})\. [A-ZÆØÅ]", line)
            number = int(heading.group(1)) if heading else number
            out.append(re.sub(pattern, lambda m: form(m) if callable(form) else form.format(*m.groups(), pkt=number), line))
        return "\n".join(out)
    return change


MORE_HEADERS = [
    (layout_file("f6"), r"^Beslutning i (Børne- og Skoleudvalget) den 10-06-2020$", "BESLUTNING I {0} DEN 10. JUNI 2020"),
    (layout_file("f6"), r"^Beslutning i (Børne- og Skoleudvalget) den 10-06-2020$", "Beslutning i {0} den 10. juni 2020, pkt. {pkt}"),
    (layout_file("f6"), r"^Beslutning i (Børne- og Skoleudvalget) den 10-06-2020$", "Beslutning i {0}, 10. juni 2020"),
    (layout_file("f6"), r"^Beslutning i (Børne- og Skoleudvalget) den 10-06-2020$", "Beslutning i {0} 10-06-2020:"),
    (layout_file("f6"), r"^Beslutning i (Børne- og Skoleudvalg)et den 10-06-2020$", "{0}ets beslutning den 10. juni 2020"),
    (layout_file("f3"), r"^(.+udvalgets) møde den (\d+\. marts 2012):$", "{0} møde {1}:"),
    (layout_file("f8"), r"^(.+), (\d\d)-09-2019, (pkt\. \d+)$", "{0}, {1}. SEPTEMBER 2019, {2}"),
    (layout_file("f8"), r"^(.+), (\d\d-09-2019), pkt\. (\d+)$", "{0}, {1}, punkt {2}"),
    (layout_file("f6"), r"^Beslutning i (Børne- og Skoleudvalget) den 10-06-2020$", "Beslutning i {0} den 10-06-2020 (pkt. {pkt})"),
    (layout_file("f3"), r"^.+udvalgets møde den \d+\. marts 2012:$", lambda m: m.group(0).upper()),
]


@pytest.mark.parametrize(("source", "pattern", "form"), MORE_HEADERS,
                         ids=["caps-month", "pkt-after-date", "comma-no-den", "no-den", "genitive-beslutning",
                              "genitive-mode-no-den", "caps-month-pkt", "punkt-n", "pkt-in-brackets", "caps-genitive"])
def test_decision_headers_in_more_of_the_forms_municipalities_print(tmp_path, source, pattern, form):
    original = read_document(source, source.parent)
    document = variant(tmp_path, source, numbered_headers(pattern, form))
    assert decisions(document) == decisions(original)
    assert all(p.has_decision for p in document.passages)


# --- Section labels followed by their text on the same line -------------------------------------


def sections(document) -> list[tuple[int | None, dict[str, str]]]:
    return [(p.item_number, p.sections_by_key()) for p in document.passages]


@pytest.mark.parametrize("prefix", ["f4", "f6", "f9"])
def test_a_section_label_with_a_colon_and_its_text_on_the_same_line(tmp_path, prefix):
    # 'Resume: Dagsordenen for mødet forelægges til godkendelse.', 'Beslutning: Godkendt.' (as on a
    # municipality's web page); the label is the same section as on a line of its own, also as the anchor
    # of the item heading above it.
    source = layout_file(prefix)
    original = read_document(source, LAYOUTS)
    labels = "Resume|Sagens kerne|Sagsgang og sagstype|Indstilling|Sagsfremstilling|Beskrivelse af sagen|Beslutning"
    document = variant(tmp_path, source, lambda text: re.sub(rf"^({labels})\n(?=[A-ZÆØÅ][a-zæøå])", r"\1: ", text,
                                                          flags=re.MULTILINE))
    assert found_items(document) == expected_items(prefix)
    assert decisions(document) == decisions(original)
    assert sections(document) == sections(original)


# --- Numbers in running text are no item headings ----------------------------------------------

# f9 prints the decision before the Sagsfremstilling label, so a line closing a decision is followed by a
# label, as a heading is. None of these lines is an item. 'Punkt 3 …', 'Pkt. 2 …' and '3) …' are item
# numberings (tests above), so only their text tells them apart; '(3)', 'Nr. 3', '§ 3' and
# 'Dagsordenspunkt 3:' number no items in the minutes LAYOUTS.md describes and stay text everywhere.
RUNNING_TEXT = [
    "Punkt 3 i indstillingen udgår",
    "Pkt. 2 og 3 blev behandlet samlet",
    "Punkt 3 udsættes til næste møde",
    "1) De 7 beboere genhuses inden 1. marts 2020\n2) Vedligeholdelsen ophører\n3) Grunden udbydes til salg i 2020",
    "(3) Grunden udbydes til salg i 2020",
    "Nr. 3 Solvænget 2-8 udbydes særskilt",
    "§ 3, stk. 2 i lejeloven finder anvendelse",
    "Dagsordenspunkt 3: Grunden udbydes til salg",
]


@pytest.mark.parametrize("line", RUNNING_TEXT)
def test_a_numbered_line_closing_a_decision_is_no_item(tmp_path, line):
    anchor = "Beslutning\nGodkendt.\n\nSagsfremstilling\nKommunalbestyrelsen besluttede den 2. februar"
    change = lambda text: text.replace(anchor, anchor.replace("Godkendt.\n", f"Godkendt.\n{line}\n"))
    document = variant(tmp_path, layout_file("f9"), change)
    assert found_items(document) == expected_items("f9")
    assert document.passages[1].decision == "Godkendt.\n" + line


def test_quoted_decisions_of_committees_named_by_their_field_with_an_item_number(tmp_path):
    # Some municipalities name committees by their field alone: 'Social og Sundhed, 6. januar 2020, pkt. 123:',
    # 'Plan, Miljø og Teknik, …', 'Direktionen, …'. With the item number after the date the line is a header.
    names = {"Økonomiudvalget": "Økonomi og Erhverv", "Social- og Integrationsudvalget": "Plan, Social og Integration",
             "Kultur- og Fritidsudvalget": "Direktionen"}
    source = layout_file("f9")
    original = read_document(source, LAYOUTS)
    change = rewrite_headers(r"^(Økonomiudvalget|Social- og Integrationsudvalget|Kultur- og Fritidsudvalget)(?=, .*pkt\. \d+:$)",
                             lambda m: names[m.group(1)])
    document = variant(tmp_path, source, change)
    assert decisions(document) == decisions(original)
    assert [s.label for s in document.passages[1].sections if s.key == EARLIER_DECISION] == [
        "Plan, Social og Integration, 4. september 2019, pkt. 77:", "Økonomi og Erhverv, 17. september 2019, pkt. 148:"]


@pytest.mark.parametrize(("quoted", "date"), [
    ("Ældre- og Sundhedsudvalget, 12-08-2019, pkt. 49\nUdsat til næste møde.", "2019-08-12"),
    ("Ældre- og Sundhedsudvalget, 09-09-2019, pkt. 59\nGodkendt, idet udgiften indgår i budgettet.", "2019-09-09"),
], ids=["earlier-meeting", "other-item-same-meeting"])
def test_f8_a_header_with_another_item_number_quotes_an_earlier_decision_wherever_it_stands(tmp_path, quoted, date):
    # LAYOUTS.md layout 8: 'A header naming another committee or number quotes an earlier decision' - also
    # when it follows this item's own header ('…, pkt. 61') instead of coming before it.
    own = "Ældre- og Sundhedsudvalget, 09-09-2019, pkt. 61\nTaget til efterretning."
    document = variant(tmp_path, layout_file("f8"), lambda text: text.replace(own, f"{own}\n\n{quoted}"))
    item61 = document.passages[3]
    assert (item61.item_number, item61.decision, item61.decision_date) == (61, "Taget til efterretning.", "2019-09-09")
    assert [(s.date, s.text) for s in item61.sections if s.key == EARLIER_DECISION] == [
        (date, quoted.split("\n")[1])]


@pytest.mark.parametrize("prefix", ["f1", "f2", "f4", "f6"])
def test_numbered_item_headings_in_capitals(tmp_path, prefix):
    # '2. BESLUTNING OM NYT KOMMISSORIUM FOR INTEGRATIONSRÅDET' is a title, not the BESLUTNING label, and
    # in f6 the repeated title under it may keep its own casing.
    titles = {i["title"] for i in LAYOUT_EXPECTED[layout_file(prefix).name]["items"]}

    def change(text: str) -> str:
        return re.sub(r"^(\d{1,3}\.\s+)(.+)$", lambda m: m.group(1) + (m.group(2).upper() if m.group(2).strip() in titles
                                                                       else m.group(2)), text, flags=re.MULTILINE)
    document = variant(tmp_path, layout_file(prefix), change)
    assert found_items(document) == expected_items(prefix)
    # kept in capitals, or spelled as the contents list spells it (f1 lists its items in their case)
    assert all(p.title.isupper() or p.title in titles for p in document.passages)
    assert any(p.title.isupper() for p in document.passages) or prefix == "f1"


# --- Web page exports of layouts 4 and 6 ------------------------------------------------------------

EDOC_PAGE = """UDVALG

Udvalget for Ældre og Sundhed

MØDE

Referat

STED

Kanalstræde 2, mødelokale 0.21

STARTTIDSPUNKT

04-06-2020 09:00:00

PUNKTER

49. Godkendelse af dagsorden
50. Anbefalinger fra Projektudvalget for Afbureaukratisering


49. Godkendelse af dagsorden

Godkendelse af dagsorden
Sagsgang og sagstype

Udvalget for Ældre og Sundhed

Beslutningssag

Indstilling

Administrationen indstiller, at:

  1. dagsordenen bliver godkendt
Beslutning i Udvalget for Ældre og Sundhed den 04-06-2020

Godkendt


50. Anbefalinger fra Projektudvalget for Afbureaukratisering

Anbefalinger fra Projektudvalget for Afbureaukratisering
Sagsgang og sagstype

Udvalget for Ældre og Sundhed, Økonomiudvalget, Kommunalbestyrelsen

Beslutningssag

Indstilling

Administrationen indstiller, at

  1. anbefalingerne til plejecentrene godkendes
  2. Udvalget for Ældre og Sundhed sikrer, at anbefalingerne udmøntes i lokale initiativer
Beskrivelse af sagen

Projektudvalget har afleveret 14 anbefalinger.

Beslutning i Udvalget for Ældre og Sundhed den 04-06-2020

Anbefales.
"""


def test_an_edoc_web_page_with_blank_lines_and_a_list_under_indstilling(tmp_path):
    # Layout 6 as its web page prints it: a blank line between the heading and the repeated title, and a
    # list whose first point is lower case ('1. anbefalingerne …') so that only its second point
    # ('2. Udvalget for …') looks like a heading - with the label 'Beskrivelse af sagen' under it.
    path = tmp_path / "referat.txt"
    path.write_text(EDOC_PAGE, encoding="utf-8")
    document = read_document(path, tmp_path)
    assert items(document) == [(49, "Godkendelse af dagsorden", None),
                               (50, "Anbefalinger fra Projektudvalget for Afbureaukratisering", None)]
    first, second = document.passages
    assert [s.key for s in first.sections] == [DECISION, "sagsgang_og_sagstype", "indstilling"]
    assert "2. Udvalget for Ældre og Sundhed sikrer" in second.sections_by_key()["indstilling"]
    assert second.decision == "Anbefales." and document.place == "Kanalstræde 2, mødelokale 0.21"


WEB_PAGE = """Byrådet - Referat

Dato: 29. januar 2020
Lokale: Byrådssalen, Tornby Rådhus
Tidspunkt: Kl. 19:00


2. Bemærkninger til dagsordenen


Resume

Sagsforløb: BY

Sagsfremstilling

Evt. bemærkninger til dagsordenen.

Beslutning

Ingen bemærkninger.

Martin Bech og Niels Salling var fraværende.

Til toppen


3. Godkendelse af indkaldte stedfortrædere


Resume

Sagsforløb: BY

Byrådet anmodes om at godkende, at 1. stedfortræder på liste V indkaldes.

Sagsfremstilling

Byrådet skal ved hvert møde godkende indkaldte stedfortrædere.

Personale

Ingen.

Beslutning

Kim Østergaard godkendt.

Martin Bech havde meldt afbud, og Kim Østergaard deltog i stedet.

Til toppen
"""


def test_a_web_page_of_layout_4_with_attendance_sentences_and_a_personale_section(tmp_path):
    path = tmp_path / "referat.txt"
    path.write_text(WEB_PAGE, encoding="utf-8")
    remarks, deputies = read_document(path, tmp_path).passages
    assert (remarks.decision, remarks.sections[0].note) == (
        "Ingen bemærkninger.", "Martin Bech og Niels Salling var fraværende.")
    assert (deputies.decision, deputies.sections[0].note) == (
        "Kim Østergaard godkendt.", "Martin Bech havde meldt afbud, og Kim Østergaard deltog i stedet.")
    assert deputies.sections_by_key()["personale"] == "Ingen."
    assert deputies.sections_by_key()["sagsfremstilling"] == "Byrådet skal ved hvert møde godkende indkaldte stedfortrædere."


@pytest.mark.parametrize("label", ["Personale", "Problemstilling", "Løsning", "Sagens forløb", "Vurdering"])
def test_section_labels_of_municipal_templates(tmp_path, label):
    path = tmp_path / "referat.txt"
    path.write_text(WEB_PAGE.replace("\nPersonale\n", f"\n{label}\n"), encoding="utf-8")
    deputies = read_document(path, tmp_path).passages[1]
    assert deputies.sections_by_key()[label.lower().replace(" ", "_")] == "Ingen."
    assert "Ingen." not in deputies.sections_by_key()["sagsfremstilling"]


# --- What a document is: its type from its own title, never from an item it lists ------------------

EDOC_WITH_REPORT_ITEM = """Kildeholm Kommune

REFERAT

UDVALG Integrationsrådet
MØDE Ordinært møde
STED Byrådssalen, Kildeholm Rådhus
STARTTIDSPUNKT 10-03-2020 16:00:00

PUNKTER
1. Godkendelse af dagsorden
2. Årsberetning 2019 for Integrationsrådet

1. Godkendelse af dagsorden
Godkendelse af dagsorden
Indstilling
Forvaltningen indstiller, at dagsordenen godkendes.
Beslutning i Integrationsrådet den 10-03-2020
Godkendt.

2. Årsberetning 2019 for Integrationsrådet
Årsberetning 2019 for Integrationsrådet
Indstilling
Forvaltningen indstiller, at årsberetningen godkendes.
Beslutning i Integrationsrådet den 10-03-2020
Godkendt.
"""


@pytest.mark.parametrize("contents", ["PUNKTER\n1. Godkendelse af dagsorden\n2. Årsberetning 2019 for Integrationsrådet",
                                      "Indholdsfortegnelse\nGodkendelse af dagsorden.....2\nÅrsberetning 2019 for Integrationsrådet.....3"])
def test_minutes_that_list_an_annual_report_among_their_items_are_minutes(tmp_path, contents):
    # Every council approves its annual report at a meeting: the item's title in the contents list is
    # no title of the document, which calls itself REFERAT.
    path = tmp_path / "kildeholm-integrationsraadet-referat-2020-03-10.txt"
    path.write_text(EDOC_WITH_REPORT_ITEM.replace(
        "PUNKTER\n1. Godkendelse af dagsorden\n2. Årsberetning 2019 for Integrationsrådet", contents), encoding="utf-8")
    document = read_document(path, tmp_path)
    assert (document.doc_type, document.meeting_date) == ("referat", "2020-03-10")
    assert [p.title for p in document.passages] == ["Godkendelse af dagsorden", "Årsberetning 2019 for Integrationsrådet"]


@pytest.mark.parametrize("title", ["Dagsorden med beslutninger", "Åben dagsorden - beslutninger", "DAGSORDEN OG BESLUTNINGER"])
def test_an_agenda_printed_with_the_decisions_is_minutes(tmp_path, title):
    # Some municipalities publish their minutes as the agenda with each decision filled in: the items record
    # this council's decisions, so the document is minutes (a decision is never 'to be found in the minutes').
    path = tmp_path / "tornby-socialudvalget-2018-03-12.txt"
    path.write_text(F10_MINUTES.replace("Referat", title), encoding="utf-8")
    document = read_document(path, tmp_path)
    assert document.doc_type == "referat"
    assert [p.decision for p in document.passages][:2] == ["Godkendt.", "Godkendt."]


def test_an_agenda_whose_decision_sections_are_still_empty_is_an_agenda(tmp_path):
    agenda = re.sub(r"(Beslutning\n)[^\n]+", r"\1-", F10_MINUTES).replace("Referat", "Dagsorden")
    path = tmp_path / "tornby-socialudvalget-dagsorden-2018-03-12.txt"
    path.write_text(agenda, encoding="utf-8")
    document = read_document(path, tmp_path)
    assert document.doc_type == "dagsorden" and not any(p.has_decision for p in document.passages)


@pytest.mark.parametrize(("title", "doc_type"), [("Åben dagsorden", "dagsorden"), ("Lukket dagsorden", "dagsorden"),
                                                 ("Åbent referat", "referat"), ("Dagsorden - åbent referat", "referat"),
                                                 ("Tillægsdagsorden", "dagsorden"), ("TILLÆGSDAGSORDEN", "dagsorden"),
                                                 ("Dagsorden og beslutningsreferat", "referat")])
def test_an_open_or_closed_agenda_is_an_agenda_in_any_case(tmp_path, title, doc_type):
    # 'Åben dagsorden' / 'Åbent referat': systems that publish a closed version too write the word in lower case.
    agenda = re.sub(r"(Beslutning\n)[^\n]+", r"\1-", F10_MINUTES).replace("Referat", title)
    path = tmp_path / "tornby-socialudvalget-2018-03-12.txt"
    path.write_text(agenda, encoding="utf-8")
    assert read_document(path, tmp_path).doc_type == doc_type


# --- Items printed without a number ------------------------------------------------------------------

SINGLE_ITEM = """Integrationsrådet - Referat

Dato: 14. september 2016
Lokale: Mødelokale 2, Bøgeskov Rådhus

Midlertidige boliger til flygtninge på Egevej
Sagsnr.: 16/2231

Resume
Administrationen orienterer om opstilling af pavillonboliger på Egevej 12.

Sagsfremstilling
Bøgeskov Kommune skal i 2016 modtage 118 flygtninge, og 19 bor i midlertidige boliger.

Beslutning
Taget til efterretning.
"""


@pytest.mark.parametrize("change", [lambda text: text, lambda text: text.replace("Sagsnr.: 16/2231\n", ""),
                                    lambda text: text.replace("\n\nBeslutning\nTaget til efterretning.", "")],
                         ids=["with-case-number", "labels-only", "no-decision-yet"])
def test_an_item_exported_alone_without_its_number_is_one_item_with_its_sections(tmp_path, change):
    # A municipality's web page prints one item for itself: its title, fields and sections, no number.
    path = tmp_path / "boegeskov-integrationsraadet-2016-09-14-punkt.txt"
    path.write_text(change(SINGLE_ITEM), encoding="utf-8")
    document = read_document(path, tmp_path)
    (item,) = document.passages
    assert (item.item_number, item.title) == (None, "Midlertidige boliger til flygtninge på Egevej")
    assert (document.doc_type, document.meeting_date, document.council) == ("referat", "2016-09-14", "Integrationsrådet")
    assert item.sections_by_key()["resume"].startswith("Administrationen orienterer")
    assert "Beslutning" not in item.text and "Resume" not in item.text
    assert item.decision == ("Taget til efterretning." if "Beslutning" in change(SINGLE_ITEM) else "")


@pytest.mark.parametrize("numbered_list", [True, False], ids=["punkter-numbered", "punkter-plain"])
def test_a_web_page_of_items_without_numbers_splits_where_the_sections_start_again(tmp_path, numbered_list):
    # Layout 4 with the numbers left out of the headings: each item starts at its title above 'Resume'. A
    # numbered Punkter list gives the numbers back.
    def change(text: str) -> str:
        text = re.sub(r"^\d+\. (.+)\n\n(?=Resume)", r"\1\n\n", text, flags=re.MULTILINE)
        return text if numbered_list else re.sub(r"^\d+\. ", "", text, flags=re.MULTILINE)
    document = variant(tmp_path, layout_file("f4"), change)
    expected = [(n if numbered_list else None, t, c, h) for n, t, c, h in expected_items("f4")]
    assert found_items(document) == expected
    original = read_document(layout_file("f4"), LAYOUTS)
    assert [p.decision for p in document.passages] == [p.decision for p in original.passages]


UNNUMBERED_MINUTES = """Vejle Kommune

Referat
Økonomiudvalget

Mødedato: Tirsdag den 12. marts 2024 kl. 15.00

Godkendelse af dagsorden
Sagsnr.: 24/1234
Sagsansvarlig: Lone Berg

Beslutning
Godkendt.

Budget 2025 - tidsplan
Sagsnr.: 24/2211
Sagsansvarlig: Per Dahl

Indstilling
Direktionen indstiller, at tidsplanen godkendes.

Sagsfremstilling
Tidsplanen følger sidste års model.

Beslutning
Godkendt.

Salg af grund på Havnevej 12
Sagsnr.: 24/0987

Sagsfremstilling
Kommunen har modtaget et bud på 1.250.000 kr.

Beslutning
Anbefales over for Byrådet.
"""


def test_an_unnumbered_item_opening_with_a_section_the_item_before_lacked_is_its_own_item(tmp_path):
    """«Budget 2025» opens with «Indstilling», which «Godkendelse af dagsorden» never had: it was
    merged into it. Its own case number under its title starts it (admin review)."""
    path = tmp_path / "vejle-oekonomiudvalget-2024-03-12.txt"
    path.write_text(UNNUMBERED_MINUTES, encoding="utf-8")
    document = read_document(path, tmp_path)
    assert [(p.title, p.case_number, p.decision) for p in document.passages] == [
        ("Godkendelse af dagsorden", "24/1234", "Godkendt."),
        ("Budget 2025 - tidsplan", "24/2211", "Godkendt."),
        ("Salg af grund på Havnevej 12", "24/0987", "Anbefales over for Byrådet.")]
    assert document.passages[1].sections_by_key()["indstilling"].startswith("Direktionen indstiller")


def test_an_annual_report_with_a_beslutninger_heading_stays_a_report(tmp_path):
    # 'Beslutninger' is a section label of minutes, and an annual report's heading too: a report that calls
    # itself one has sections, not an item starting at the title above that heading.
    path = tmp_path / "aarsberetning.txt"
    path.write_text("Årsberetning 2020\n\nHandicaprådet\n\nForord\n\nHandicaprådet har i 2020 arbejdet under særlige "
                    "vilkår og holdt de fleste møder virtuelt.\n\nRådets arbejde i 2020\n\nBeslutninger\nRådet har i årets "
                    "løb afgivet høringssvar i otte sager og besøgt to plejecentre.\n", encoding="utf-8")
    document = read_document(path, tmp_path)
    assert document.doc_type == "årsberetning" and not any(p.sections for p in document.passages)
    assert document.passages[0].title == "Forord"


def test_a_report_with_an_okonomi_heading_stays_a_report(tmp_path):
    # 'Økonomi' and 'Baggrund' head report sections too: without a decision or the sections only agenda items
    # have, no title above them starts an item.
    path = tmp_path / "aarsberetning.txt"
    path.write_text("Årsberetning 2020\n\nHandicaprådet\n\nForord\n\nRådet har i 2020 holdt fire møder og afgivet seks "
                    "høringssvar til kommunen.\n\nRådets økonomi\n\nØkonomi\nRådet har brugt 12.000 kr. af sit budget på "
                    "kurser og transport.\n", encoding="utf-8")
    document = read_document(path, tmp_path)
    assert document.doc_type == "årsberetning" and all(p.item_number is None and not p.sections for p in document.passages)


# --- Case handlers and case numbers as templates print them -----------------------------------------


@pytest.mark.parametrize("handler", ["Sagsbehandler: Lise Mørk Andersen, Center for Integration",
                                     "Sagsbehandler: Lise Mørk Andersen (LIMA)",
                                     "Sagsbehandler: Lise Mørk Andersen, tlf. 5588 1234, lima@tornby.dk",
                                     "Sagsbehandler Lise Mørk Andersen - Center for Integration",
                                     "Sagsbehandler\nLise Mørk Andersen, Center for Integration"])
@pytest.mark.parametrize("case", ["Sagsnr.: 18/1021", "Sags nr.: 18/1021", "SAGS NR. 18/1021"])
def test_a_case_handler_is_the_name_without_unit_initials_or_phone(tmp_path, handler, case):
    # A reporter follows a person across items: 'Lise Mørk Andersen, Center for Integration' and
    # 'Lise Mørk Andersen (LIMA)' are one case handler. 'Sags nr.' is the case number ('Sag nr.' numbers items).
    path = tmp_path / "referat.txt"
    path.write_text(f"Tornby Kommune\nReferat\nSocialudvalget\nMødedato: 12.03.2018\n\n1. Godkendelse af dagsorden\n"
                    f"{case}\n{handler}\n\nBeslutning\nGodkendt.\n", encoding="utf-8")
    (item,) = read_document(path, tmp_path).passages
    assert (item.title, item.case_number, item.case_handler) == ("Godkendelse af dagsorden", "18/1021", "Lise Mørk Andersen")


# --- Decision headers without 'i' or without a date -----------------------------------------------


@pytest.mark.parametrize("header", ["Beslutning Socialudvalget den 12-03-2018", "BESLUTNING SOCIALUDVALGET 12.03.2018",
                                    "Beslutning SU 12-03-2018", "Socialudvalgets beslutning", "Udvalgets beslutning:",
                                    "SU's beslutning"])
def test_decision_headers_naming_the_council_without_i_or_a_date(tmp_path, header):
    # 'Beslutning Socialudvalget den 12-03-2018' and 'Socialudvalgets beslutning' open the decision as
    # 'Beslutning' does; before, the decision ran on as the text of the section above it.
    untitled = F10_MINUTES[F10_MINUTES.index("Sagsfremstilling\nUdvalget orienteres"):F10_MINUTES.index("40Eventuelt")]
    path = tmp_path / "tornby-socialudvalget-referat-2018-03-12.txt"
    path.write_text(F10_MINUTES.replace(untitled, "").replace("\nBeslutning\n", f"\n{header}\n"), encoding="utf-8")
    document = read_document(path, tmp_path)
    assert [(p.item_number, p.decision) for p in document.passages] == [
        (38, "Godkendt."), (39, "Godkendt."), (40, "Formanden orienterede om næste møde.")]
    assert document.passages[0].sections_by_key()["indstilling"] == "Direktøren indstiller, at dagsordenen godkendes."
    assert {p.decision_date for p in document.passages} <= {None, "2018-03-12"}


# --- A decision dated by the 'Dato:' line under its header (layout 2) --------------------------------


def test_f2_decisions_take_their_date_from_the_dato_line_under_the_header():
    # 'Beslutning fra Integrationsrådet' / 'Dato: 25-11-2021' / 'Sted: …' / 'Fraværende: …': the header names no
    # date, the line under it does (LAYOUTS.md layout 2).
    document = read_document(layout_file("f2"), LAYOUTS)
    assert {p.decision_date for p in document.passages} == {"2021-11-25"}


def test_f2_another_committees_dated_decision_is_quoted_not_this_councils(tmp_path):
    # An item that only quotes another committee's decision, dated by its 'Dato:' line before this meeting,
    # records no decision of this council's (as in an agenda), whatever the item prints after it.
    own = ("Beslutning fra Integrationsrådet\nDato: 25-11-2021\nSted: Fjordby Rådhus, mødelokale 1.14\n"
           "Fraværende: Fatima Osmani\n\nAnbefalet, idet rådet opfordrer til:")
    quoted = ("Beslutning fra Social- og Beskæftigelsesudvalget\nDato: 16-11-2021\nSted: Fjordby Rådhus, byrådssalen\n\n"
              "Anbefales over for Byrådet, idet udvalget opfordrer til:")
    document = variant(tmp_path, layout_file("f2"), lambda text: text.replace(own, quoted))
    item42 = document.passages[1]
    assert (item42.item_number, item42.has_decision, item42.decision_date) == (42, False, None)
    assert [(s.label, s.date) for s in item42.sections if s.key == EARLIER_DECISION] == [
        ("Beslutning fra Social- og Beskæftigelsesudvalget", "2021-11-16")]


# --- Numbered attachments are no items ------------------------------------------------------------


@pytest.mark.parametrize(("prefix", "old", "new"), [
    ("f2", "Bilag\nPlan for boligplacering 2022 (dok. 588-2021-59871)",
     "Bilag\n1. Plan for boligplacering 2022 (dok. 588-2021-59871)"),
    ("f2", "Bilag\nAnsøgninger, 2. runde 2021 (dok. 588-2021-58240)",
     "Bilag\n1) Ansøgninger, 2. runde 2021 (dok. 588-2021-58240)"),
    ("f3", "Bilag\nProjektbeskrivelse - sprogpraktik 2012", "Bilag\n1. Projektbeskrivelse - sprogpraktik 2012"),
])
def test_a_numbered_attachment_under_bilag_is_no_item(tmp_path, prefix, old, new):
    # 'Bilag' / '1. Plan for boligplacering 2022' / 'Beslutning fra Integrationsrådet': a list of one attachment,
    # with the next section label under it as under a heading. Before, it became an item that took the decision.
    original = read_document(layout_file(prefix), LAYOUTS)
    document = variant(tmp_path, layout_file(prefix), lambda text: text.replace(old, new))
    assert found_items(document) == expected_items(prefix)
    assert decisions(document) == decisions(original)
    assert any(s.key == "bilag" and s.text == new.split("\n")[1] for p in document.passages for s in p.sections)


@pytest.mark.parametrize("form", ["Punkt {n}", "PUNKT {n}", "Punkt {n}:", "Pkt. {n}."])
def test_f8_the_item_number_alone_on_its_line_written_as_punkt(tmp_path, form):
    # Layout 8 prints 'Pkt. 58' alone with the title under it; other templates write the word out.
    document = variant(tmp_path, layout_file("f8"), rewrite_headers(r"^Pkt\. (\d+)$", lambda m: form.format(n=m.group(1))))
    assert found_items(document) == expected_items("f8")


@pytest.mark.parametrize("header", ["Beslutning den 12. marts 2018", "BESLUTNING 12.03.2018", "Beslutning (12-03-2018):",
                                    "Beslutning d. 12.03.2018 kl. 16.00"])
def test_a_decision_header_with_the_date_alone_is_this_councils_decision(tmp_path, header):
    # 'Beslutning den 12. marts 2018': a committee that prints only its own decisions names no council.
    untitled = F10_MINUTES[F10_MINUTES.index("Sagsfremstilling\nUdvalget orienteres"):F10_MINUTES.index("40Eventuelt")]
    path = tmp_path / "tornby-socialudvalget-referat-2018-03-12.txt"
    path.write_text(F10_MINUTES.replace(untitled, "").replace("\nBeslutning\n", f"\n{header}\n"), encoding="utf-8")
    document = read_document(path, tmp_path)
    assert [(p.item_number, p.decision, p.decision_date) for p in document.passages] == [
        (38, "Godkendt.", "2018-03-12"), (39, "Godkendt.", "2018-03-12"),
        (40, "Formanden orienterede om næste møde.", "2018-03-12")]


def test_a_decision_header_with_an_earlier_date_alone_is_still_this_councils_deferred_decision(tmp_path):
    # As the seed's 'Integrationsrådet 19.03.2015' under BESLUTNING: no other council is named, so it is no quote.
    path = tmp_path / "tornby-socialudvalget-referat-2018-03-12.txt"
    path.write_text(F10_MINUTES.replace("Beslutning\nFormanden orienterede", "Beslutning den 12. februar 2018\n"
                                        "Formanden orienterede"), encoding="utf-8")
    last = read_document(path, tmp_path).passages[-1]
    assert (last.decision, last.decision_date) == ("Formanden orienterede om næste møde.", "2018-02-12")


# --- What closes the minutes is no part of the last item ---------------------------------------


@pytest.mark.parametrize("ending", [
    "\n\nMødet hævet kl. 18.30.",
    "\n\nMødet sluttede kl. 21.15",
    "\n\nUnderskrifter:\nLars Ebbesen (A), borgmester\nMarianne Skov (V)\nYusuf Demir (A)",
    "\n\nMødet blev hævet kl. 18.30.\n\nUnderskriftsblad\n\nLars Ebbesen\n\nMarianne Skov",
])
def test_the_end_of_the_meeting_and_the_signatures_are_not_the_last_decision(tmp_path, ending):
    # Minutes end with the time the meeting ended and the members' signatures; the last item's decision is
    # what the council decided ('Godkendt.'), the end of the meeting its note.
    document = variant(tmp_path, F7_MINUTES, lambda text: text.rstrip("\n") + ending + "\n")
    last = document.passages[-1]
    assert (last.item_number, last.decision) == (5, "Godkendt.")
    assert "Marianne Skov" not in last.text and "hævet" not in last.text and "sluttede" not in last.text
    assert items(document) == F7_ITEMS


def test_f2_the_dato_line_under_a_decision_header_may_have_a_two_digit_year(tmp_path):
    document = variant(tmp_path, layout_file("f2"), lambda text: text.replace("Dato: 25-11-2021", "Dato: 25-11-21"))
    assert {p.decision_date for p in document.passages} == {"2021-11-25"}


# --- Council names in the lower case Danish writes after 'og' -----------------------------------


@pytest.mark.parametrize(("prefix", "name", "lower"), [
    ("f6", "Børne- og Skoleudvalget", "Børne- og skoleudvalget"),
    ("f3", "Beskæftigelses- og Integrationsudvalget", "Beskæftigelses- og integrationsudvalget"),
    ("f8", "Ældre- og Sundhedsudvalget", "Ældre- og sundhedsudvalget"),
])
def test_a_council_name_with_its_later_parts_in_lower_case(tmp_path, prefix, name, lower):
    # 'Børne- og skoleudvalget' is how Danish spells it: before, no decision header named it, every decision was
    # lost into the section above, and the minutes were filed under another committee the text named.
    original = read_document(layout_file(prefix), LAYOUTS)
    lowered = lambda text: text.replace(name, lower).replace(name[:-2] + "ets", lower[:-2] + "ets")
    document = variant(tmp_path, layout_file(prefix), lowered)
    assert document.council == lower
    assert found_items(document) == expected_items(prefix)
    assert [(n, d, dd) for n, d, dd, *_ in decisions(document)] == [(n, lowered(d), dd) for n, d, dd, *_ in decisions(original)]


@pytest.mark.parametrize("name", ["Social-, sundheds- og ældreudvalget", "Klima-, teknik- og miljøudvalget"])
def test_a_council_name_of_three_parts_in_lower_case(tmp_path, name):
    source = layout_file("f6")
    document = variant(tmp_path, source, lambda text: text.replace("Børne- og Skoleudvalget", name))
    assert document.council == name
    assert all(p.has_decision and p.decision_date == "2020-06-10" for p in document.passages)
