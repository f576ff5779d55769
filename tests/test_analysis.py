"""The Danish analyzer: what words become at index and query time, and that it survives pickling."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from search import SearchRequest, open_index
from whoosh.formats import Positions

from search import decompound
from search.analysis import DanishAnalyzer, DanishPositions, FacetAnalyzer, analyze, use_compound_lexicon, word_terms
from search.examples import example_document, example_passage
from search.schema import build_schema
from tests.conftest import LAYOUTS, SEEDS


def tokens(text: str, mode: str = "query") -> list[str]:
    return analyze(DanishAnalyzer(), text, mode=mode)


def test_sentence_becomes_folded_stems_without_stop_words():
    assert tokens("Modtagelse af flygtningene i Næstved Kommune") == ["modtag", "flygtning", "naestved", "kommun"]


@pytest.mark.parametrize(
    "words",
    [
        ("flygtning", "flygtninge", "flygtningene", "Flygtningenes"),
        ("boligplacering", "boligplaceret", "Boligplaceringen"),
        ("rådet", "Rådets", "raadet"),
        ("beslutning", "beslutningen", "beslutninger"),
        ("beslutte", "besluttet", "besluttede"),  # Snowball leaves the past tense "-ede"
        ("behandle", "behandlet", "behandlede"),
        ("center", "centret", "centre", "centrene"),  # Snowball: "cent" and "centr"
        ("plejecenter", "plejecentre", "plejecentret"),
        ("dagsorden", "dagsordenen", "dagsordener"),  # Snowball: "dagsord" and "dagsorden"
        # Snowball strips the word's own "-et"/"-s" as if an ending, but not its inflections'
        ("budget", "budgettet", "budgetter", "budgets"),  # "budg" and "budget"
        ("aktivitet", "aktiviteter", "aktiviteterne", "aktivitetens"),  # "aktivit" and "aktivitet"
        ("kvalitet", "kvaliteten", "kvalitets"),
        ("minoritet", "minoriteter"),
        ("indsats", "indsatsen", "indsatser"),  # "indsat" and "indsats"
        ("plads", "pladsen", "pladser"),
        ("café", "cafeen", "caféer"),
        ("lektiecafé", "lektiecaféen", "lektiecaféer"),  # "*cafe" at the end of a compound (4 letters)
        ("forretningsorden", "forretningsordenen"),
        ("virksomhed", "virksomheder", "virksomhederne"),  # "virksom" and "virksomhed"
        ("stemme", "stemmer", "stemte", "stemt"),  # "stem" and "stemt": the council voted
        # Snowball took the root's "-end" with the ending "-ende(s)": "godk" and "godkend"
        ("godkende", "godkendes", "godkendt", "godkendte", "godkendelse"),
        ("anvende", "anvendes", "anvendt", "anvendelse"),
        ("oversende", "oversendes", "oversendt", "oversendelse"),
        ("forhåndsgodkende", "forhåndsgodkendt"),
        # Folded "æde"/"øde" ended like the past tense "-ede": "byraadsmo" and "byraadsmoed"
        ("byrådsmøde", "byrådsmødet", "byrådsmøder"),
        ("fremmøde", "fremmødet"),
        ("tiltræde", "tiltræder", "tiltrådt", "tiltrådte"),
        ("opnå", "opnået", "opnåede"),  # "åede" is a past tense all the same
        # Neuter "-t" of adjectives (and participles ending so) Snowball leaves on
        ("negativ", "negative", "negativt"),
        ("social", "sociale", "socialt"),
        ("generel", "generelle", "generelt"),
        ("aftale", "aftaler", "aftalt"),
        ("betale", "betaler", "betalt"),
        # Strong verbs and "-t" participles, from the stem-exclusion list
        ("vedtage", "vedtages", "vedtaget", "vedtog", "vedtagne"),
        ("afvise", "afvises", "afvist", "afviste"),
        ("høre", "høres", "hørt"),
        # Compounds ending in a starred word of the exclusion list
        ("beskæftigelsesindsats", "beskæftigelsesindsatsen", "beskæftigelsesindsatser"),
        ("fritidsaktivitet", "fritidsaktiviteter", "fritidsaktiviteten"),
        ("praktikplads", "praktikpladsen", "praktikpladser"),
    ],
)
def test_inflections_share_one_term(words):
    terms = {tuple(tokens(w)) for w in words}
    assert len(terms) == 1 and len(next(iter(terms))) == 1, terms


def test_the_past_tense_and_ending_rules_leave_other_words_alone():
    """'fremmede' (foreign) ends like a past tense, 'ordenen' (the order) like 'dagsordenen'."""
    assert tokens("fremmede") == tokens("fremmed") != tokens("fremme")
    assert tokens("ordenen") != tokens("ord")  # "the order" is not "word"
    # Only listed roots get "-end" back: a present participle keeps its verb's stem.
    assert tokens("tænkende") == tokens("tænke") and tokens("rækkende") == tokens("række")
    assert tokens("bemærkende") == tokens("bemærke")
    # Too short for the neuter rule: "felt" (field) is not "fel", "salt" not "sal" (hall).
    assert tokens("felt") != tokens("fel") and tokens("salt") != tokens("sal")
    assert tokens("enkelte") == tokens("enkelt") != tokens("enkel")  # "individual" is not "simple"


def test_a_decision_word_in_one_form_finds_the_item_written_in_another(tmp_path):
    """'godkende lokalplan' found nothing where the council had 'godkendt' the plan."""
    index = open_index(tmp_path / "index", create=True)
    with index.writer() as writer:
        writer.add(example_document("a.txt", [
            example_passage("Lokalplan 12", "Byrådet har godkendt lokalplanen og vedtog den endeligt."),
            example_passage("Byrådsmøde", "Næste byrådsmøde holdes i rådhuset."),
            example_passage("Budget 2027", "Budgettet blev vedtaget."),
        ]), tmp_path)
    assert [h.title for h in index.search(SearchRequest(query="godkende lokalplan")).hits] == ["Lokalplan 12"]
    assert [h.title for h in index.search(SearchRequest(query="vedtage lokalplanen")).hits] == ["Lokalplan 12"]
    assert {h.title for h in index.search(SearchRequest(query="byrådsmødet")).hits} == {"Byrådsmøde"}
    index.close()


@pytest.mark.parametrize("word, other", [("billet", "bil"), ("internet", "intern"), ("indsats", "indsat"), ("plads", "plade"),
                                         ("Anders", "andet"), ("Helle", "hel")])
def test_a_word_kept_whole_is_not_merged_with_a_shorter_one(word, other):
    """Snowball made "billet" (ticket) "bil" (car) and "indsats" (effort) "indsat" (inserted)."""
    assert tokens(word) != tokens(other)


def test_inflections_of_a_kept_word_are_found_by_the_word_and_inside_compounds(tmp_path):
    index = open_index(tmp_path / "index", create=True)
    with index.writer() as writer:
        writer.add(example_document("a.txt", [
            example_passage("Budget 2027", "Budgettet for 2027 og aktiviteterne i beskæftigelsesindsatsen."),
            example_passage("Mødeplan", "Mødeplan for året."),
        ]), tmp_path)
    for query in ("budget", "aktivitet", "indsats", "budgetter aktiviteter indsatsen"):
        assert [h.title for h in index.search(SearchRequest(query=query)).hits] == ["Budget 2027"], query
    index.close()


@pytest.mark.parametrize(
    "modern, old",
    [("Næstved", "Naestved"), ("rådet", "raadet"), ("Århus", "Aarhus"), ("Integrationsrådet", "INTEGRATIONSRAADET")],
)
def test_old_and_ascii_spellings_fold_together(modern, old):
    assert tokens(modern) == tokens(old)
    assert tokens(modern, mode="index") == tokens(old, mode="index")


def test_stop_words_are_dropped_and_positions_close_up():
    assert tokens("og i at på når det er") == []
    positioned = [(t.text, t.pos) for t in DanishAnalyzer()("modtagelse af flygtninge", positions=True)]
    assert positioned == [("modtag", 0), ("flygtning", 1)]


def test_numbers_dates_and_case_numbers_stay_whole():
    assert tokens("Sagsnr 00.01.00-A21-1-14 mødet 21.05.2015 punkt 15, kvoten 225") == [
        "sagsnr",
        "00.01.00-a21-1-14",
        "moed",
        "21.05.2015",
        "punk",
        "15",
        "kvot",
        "225",
    ]


def test_hyphenated_words_add_their_parts_at_index_time_only():
    indexed = [(t.text, t.pos) for t in DanishAnalyzer()("Helle Waage-Jensen", positions=True, mode="index")]
    assert indexed == [("helle", 0), ("waage-jensen", 1), ("waag", 1), ("jens", 1)]
    assert tokens("Waage-Jensen") == ["waage-jensen"]
    assert tokens("Jensen")[0] in {t for t, _ in indexed}


def test_parts_keep_character_offsets_for_highlighting():
    text = "Helle Waage-Jensen"
    spans = [(t.text, text[t.startchar : t.endchar]) for t in DanishAnalyzer()(text, chars=True, mode="index")]
    assert spans == [("helle", "Helle"), ("waage-jensen", "Waage-Jensen"), ("waag", "Waage"), ("jens", "Jensen")]


def test_word_terms_are_what_the_index_holds_for_a_word():
    assert word_terms("Flygtningene") == {"flygtning"}
    assert word_terms("Waage-Jensen") == {"waage-jensen", "waag", "jens"}
    assert word_terms("og") == frozenset()


def test_facet_values_fold_whole():
    assert analyze(FacetAnalyzer(), "Næstved\x1fBørn og unge") == ["naestved", "boern og unge"]


def test_schema_pickles_with_working_analyzers():
    schema = pickle.loads(pickle.dumps(build_schema(), protocol=2))
    body = schema["body"].analyzer
    assert [t.text for t in body("Flygtningene i Næstved", mode="index")] == ["flygtning", "naestved"]
    assert [t.text for t in schema["municipality"].analyzer("Næstved")] == ["naestved"]


def test_index_reopened_in_a_fresh_process_analyses_and_finds_the_same(tmp_path: Path):
    """The analyzer is pickled into the index; another interpreter must rebuild it by import."""
    index = open_index(tmp_path / "ix", create=True)
    with index.writer() as writer:
        writer.add(
            example_document("a.txt", [example_passage("Modtagelse af flygtninge", "Boligplacering i Næstved.")]),
            tmp_path,
        )
    script = """
import json, sys
from search import open_index, SearchRequest
index = open_index(sys.argv[1])
searcher = index._searcher()
analyzer = searcher.schema["body"].analyzer
print(json.dumps({
    "tokens": [t.text for t in analyzer("Flygtningene blev boligplaceret i Naestved", mode="query")],
    "analyzer": type(analyzer).__module__ + "." + ",".join(type(i).__name__ for i in analyzer.items),
    "total": index.search(SearchRequest(query="flygtningene boligplaceret naestved")).total,
}))
"""
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "ix")], capture_output=True, text=True, timeout=60, check=True
    )
    seen = json.loads(result.stdout)
    assert seen["tokens"] == ["flygtning", "boligplac", "naestved"]
    assert seen["tokens"] == tokens("Flygtningene blev boligplaceret i Naestved")
    assert "FoldFilter" in seen["analyzer"] and "StemFilter" in seen["analyzer"]
    assert seen["total"] == 1


# Text that exercises every stage: stop words between words, repeated words, hyphenated
# names, case numbers and dates, compounds, and words whose parts repeat the word.
TRICKY = (
    "Integrationsrådet og Integrationsrådets formand Helle Waage-Jensen drøftede boligplacering af "
    "flygtninge, flygtningene og flygtningekvoten 2017. Sagsnr. 00.01.00-A21-1-14 (21.05.2015). "
    "Det er det, der er boligplaceringen: bolig og placering, bolig-placering; AARHUS/Århus. "
    "KL anbefaler; MØDET BEGYNDTE KL. 17.00 OG SLUTTEDE KL 19; KL 2019; KL."
)


def _postings(fmt: Positions, analyzer, text: str) -> list:
    return list(fmt.word_values(text, analyzer, mode="index"))


def test_word_by_word_format_writes_exactly_whooshs_postings():
    """DanishPositions memoises each word's tokens; the postings (term, frequency, weight,
    encoded positions) must be those of Whoosh's own Positions format, in the same order."""
    analyzer = DanishAnalyzer()
    texts = [TRICKY, "", "og i af"] + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir())]
    texts += [p.read_text(encoding="utf-8") for p in sorted(LAYOUTS.glob("*.txt"))]
    fast = DanishPositions(field_boost=1.0)
    for text in texts + texts:  # the second round answers from the memo
        assert _postings(fast, analyzer, text) == _postings(Positions(field_boost=1.0), analyzer, text)
    postings = {term: (freq, weight) for term, freq, weight, _value in _postings(fast, analyzer, TRICKY)}
    # "placering" itself, the part of "bolig-placering", the compound parts of two compounds.
    assert postings["plac"] == (4, pytest.approx(1 + 1 + 0.7 + 0.7))
    assert postings["flygtning"] == (3, pytest.approx(1 + 1 + 0.7))  # flygtninge, flygtningene, flygtningekvoten


def test_word_by_word_format_follows_a_changed_lexicon():
    analyzer = DanishAnalyzer()
    fast = DanishPositions(field_boost=1.0)
    schema = build_schema()
    schema["body"].analyzer = analyzer
    before = {term for term, *_ in _postings(fast, analyzer, "Kvotetildelingen blev drøftet")}
    use_compound_lexicon(schema, decompound.default_lexicon().with_words(["kvote", "tildeling"]))
    after = {term for term, *_ in _postings(fast, analyzer, "Kvotetildelingen blev drøftet")}
    assert "tildeling" not in before and {"kvot", "tildeling"} <= after
    assert _postings(fast, analyzer, "Kvotetildelingen blev drøftet") == _postings(
        Positions(field_boost=1.0), analyzer, "Kvotetildelingen blev drøftet"
    )


def test_word_by_word_format_leaves_other_analyzers_to_whoosh():
    facet = FacetAnalyzer()
    assert _postings(DanishPositions(), facet, "Næstved") == _postings(Positions(), facet, "Næstved")
    assert [t for t, *_ in _postings(DanishPositions(), facet, "Næstved")] == ["naestved"]


def test_schema_text_fields_write_word_by_word():
    schema = build_schema()
    assert all(isinstance(schema[name].format, DanishPositions) for name in ("title", "decision", "body"))


@pytest.mark.parametrize("argv, code", [(["learn", "--help"], 0), (["--help"], 0), (["learn"], 2), (["learn", "--out"], 2),
                                         (["learn", "/no/such/folder"], 2), (["learn", "--verbose", "seeds"], 2)])
def test_learning_the_lexicon_with_a_wrong_command_writes_nothing(tmp_path, monkeypatch, capsys, argv, code):
    """`python -m search.decompound learn --help` took --help for a path and replaced the
    shipped lexicon with an empty one; any such command now prints the usage and writes nothing."""
    from search import decompound

    lexicon = tmp_path / "compound_lexicon.txt"
    lexicon.write_text("# shipped\nbolig\n", encoding="utf-8")
    monkeypatch.setattr(decompound, "LEXICON_FILE", lexicon)
    assert decompound.main(argv) == code
    assert lexicon.read_text(encoding="utf-8") == "# shipped\nbolig\n"
    assert "Brug: python -m search.decompound learn" in capsys.readouterr().err
    empty = tmp_path / "tom"
    empty.mkdir()
    assert decompound.main(["learn", str(empty)]) == 1  # nothing learned: the lexicon is kept
    assert lexicon.read_text(encoding="utf-8") == "# shipped\nbolig\n"


def test_the_documented_command_writes_the_shipped_lexicon(tmp_path):
    """README: the lexicon is learned with `python -m search.decompound learn seeds
    tests/fixtures/layouts`. Since «ikke» is indexed it was learned as a part too, so following
    the docs changed the shipped list and forced a whole rebuild (a docs review)."""
    from conftest import LAYOUTS, SEEDS

    out = tmp_path / "lexicon.txt"
    assert decompound.main(["learn", str(SEEDS), str(LAYOUTS), "--out", str(out)]) == 0
    assert decompound.read_words(out) == decompound.read_words(decompound.LEXICON_FILE)
    assert "ikke" not in decompound.read_words(out)
