"""Topics from the editable vocabulary, on stemmed words and compound parts."""

from __future__ import annotations

from indexer.topics import FALLBACK_TOPIC, TopicTagger, parse_vocabulary


def test_vocabulary_file_format_merges_repeated_topics():
    vocabulary = parse_vocabulary("# comment\nbolig: bolig, lejlighed\n\nbolig: pavillon # more\nsport: fodbold")
    assert vocabulary == {"bolig": ["bolig", "lejlighed", "pavillon"], "sport": ["fodbold"]}


def test_keywords_match_inflections_and_compound_parts():
    tagger = TopicTagger({"flygtninge": ["flygtning"], "bolig": ["bolig"], "sport": ["fodbold"]})
    topics = tagger.tag("Modtagelse af flygtningene", "Boligplaceringen af flygtninge i midlertidige boliger")
    assert topics == ("flygtninge", "bolig")


def test_short_keywords_match_whole_words_only():
    tagger = TopicTagger({"unge": ["unge"], "foreninger": ["forening"]})
    assert tagger.tag("Foreningernes dag", "foreningen og foreningslivet") == ("foreninger",)


def test_words_that_merely_contain_a_keyword_can_be_excepted():
    """Parents are no health matter, and a lift is no pupil: "-forældre" and "-elevator"
    stop the compound-part match, while the words keep their own keywords' topics."""
    tagger = TopicTagger({"sundhed": ["ældre", "-forældre"], "uddannelse": ["elev", "-elevator"],
                          "børn og unge": ["forældre"]})
    assert tagger.tag("Forældresamarbejde", "Forældrene og forældrebestyrelsen") == ("børn og unge",)
    assert tagger.tag("Ny elevator", "Elevatoren på rådhuset er udskiftet", fallback=False) == ()
    assert tagger.tag("Ældreplejen", "Elevrådets elever besøger ældre") == ("sundhed", "uddannelse")
    assert "sundhed" not in TopicTagger.from_files().tag("Forældremøde", "Forældrene og forældreforeningen")
    # inside a compound too: foster parents and grandparents are no health matter either
    assert TopicTagger.from_files().tag("Plejeforældre", "Plejeforældre og bedsteforældre. Plejeforældre søges.") \
        == ("børn og unge",)


def test_the_shipped_vocabulary_has_only_its_topics():
    """A comment line that lost its «#» and held a colon was read as a topic of its own."""
    from indexer.topics import default_tagger

    assert default_tagger().names == ("flygtninge", "bolig", "beskæftigelse", "uddannelse", "børn og unge",
                                      "foreninger og frivillighed", "sundhed", "negativ social kontrol", "sprog",
                                      "rådets arbejde", "handicap og tilgængelighed", "ældre og omsorg",
                                      "kultur og fritid", "økonomi og budget", "trafik og veje", "plan og byggeri")


def test_roads_and_planning_have_topics_of_their_own():
    """Cycle paths, roundabouts and land sales fell back to «rådets arbejde» (a citizen review): a
    reporter clicking «the council's own work» got road projects. A street name is no road topic,
    nor «på grund af» a land sale."""
    from indexer.topics import default_tagger

    tagger = default_tagger()
    assert tagger.tag("Vejprojekter 2025 – Cykelsti langs Silkeborgvej",
                      "Cykelstien anlægges langs vejen. Cykelstier øger trafiksikkerheden.") == ("trafik og veje",)
    assert tagger.tag("Lukket punkt: Salg af byggegrund", "Byggegrunden sælges til højestbydende.") == ("plan og byggeri",)
    assert tagger.tag("Lokalplan 45 for Havnen", "Forslag til lokalplan 45 sendes i høring.") == ("plan og byggeri",)
    # a code review: «opbygning», «krydsfeltet», «på vej» and a website's «renovering» are no roads or buildings
    assert not {"trafik og veje", "plan og byggeri"} & set(tagger.tag(
        "Kompetenceopbygning i Jobcentret", "Jobcentret orienterer om kompetenceopbygning. Indsatsen ligger i "
        "krydsfeltet mellem sundhed og beskæftigelse. Vi er godt på vej, men der er stadig et stykke vej at gå."))
    assert not {"trafik og veje", "plan og byggeri"} & set(tagger.tag(
        "Ny hjemmeside for Integrationsrådet", "Rådets hjemmeside trænger til renovering. Renoveringen af hjemmesiden "
        "sker i efteråret."))
    assert tagger.tag("Møde på Møllevej", "Mødet blev holdt på Møllevej på grund af ombygning. Referatet godkendt.",
                      fallback=False) == ()


def test_a_passage_always_gets_a_topic():
    tagger = TopicTagger({"sport": ["fodbold"]})
    assert tagger.tag("Eventuelt", "Der var intet til eventuelt.") == (FALLBACK_TOPIC,)


def test_extra_vocabulary_file_extends_the_shipped_one(tmp_path, monkeypatch):
    extra = tmp_path / "emner.txt"
    extra.write_text("kultur: kulturnat, festival\n", encoding="utf-8")
    tagger = TopicTagger.from_files(extra)
    assert "kultur" in tagger.names and "flygtninge" in tagger.names
    assert tagger.tag("Kulturnatten", "Kulturnat og festival i byen")[0] == "kultur"


def test_keyword_lookup_finds_what_comparing_every_keyword_finds(seed_documents):
    """`_topics_of` looks keywords up by stem, prefix and suffix; `matches` is the rule it
    must reproduce, keyword by keyword, for every word of the seeds and a few edge cases."""
    from indexer.topics import _MIN_COMPOUND_PART, default_tagger, words

    def matches(topic: str, keyword: tuple[str, str], found: tuple[str, str]) -> bool:
        """Same stem; or, for keywords long enough, the start or end of a compound that is
        not one of the topic's exceptions."""
        (word, stem_), (w, s) = keyword, found
        if s == stem_:
            return True
        if any(exception in w for exception in exceptions.get(topic, ())):
            return False
        return len(word) >= _MIN_COMPOUND_PART and (w.startswith(word) or (len(w) > len(word) and w.endswith(word)))

    tagger = default_tagger()
    exceptions = {t.name: t.exceptions for t in tagger.topics}
    assert exceptions["ældre og omsorg"] and exceptions["uddannelse"]
    texts = [p.title + "\n" + p.text for doc in seed_documents.values() for p in doc.passages]
    pairs = {pair for text in texts for pair in words(text)}
    pairs |= {pair for w in ("bolig", "boligen", "almenbolig", "ungdomsbolig", "ung", "forening", "flygtningebolig",
                             "sprogskole", "sprog", "integrationsråd", "forældrene", "elevatoren", "elever",
                             "skoleelever", "ældreplejen") for pair in words(w)}
    assert len(pairs) > 1000
    tagged = 0
    for pair in pairs:
        expected = tuple(name for name, keyword in tagger._single if matches(name, keyword, pair))
        assert tagger._topics_of(pair) == expected, pair
        tagged += bool(expected)
    assert tagged > 100


def test_the_councils_own_name_is_no_evidence_of_a_topic():
    """Every item of the employment committee names it; approving its agenda is not about jobs."""
    tagger = TopicTagger({"beskæftigelse": ["beskæftigelse"], "uddannelse": ["skole"], "børn og unge": ["børn"]})
    approval = ("Godkendelse af dagsorden", "Beskæftigelsesudvalget skal godkende dagsordenen. "
                "BESLUTNING I BESKÆFTIGELSESUDVALGET: Godkendt.")
    assert "beskæftigelse" in tagger.tag(*approval)
    assert tagger.tag(*approval, council="Beskæftigelsesudvalget") == (FALLBACK_TOPIC,)
    pass_ = ("Fritidspas", "Børne- og Skoleudvalget drøftede, hvordan flere børn kommer i foreningslivet; børnene "
             "og deres forældre får et fritidspas. Børne- og Skoleudvalgets beslutning følger.")
    assert tagger.tag(*pass_, council="Børne- og Skoleudvalget") == ("børn og unge",)  # its own words still count


def test_layout_minutes_approving_the_agenda_get_no_topic_from_the_committee_name(layout_expectations):
    from conftest import LAYOUTS
    from indexer.pipeline import read_document

    for name in ("f5_havnsted_beskaeftigelsesudvalget_2019-11-19.txt", "f6_kildeholm_boerne_og_skoleudvalget_2020-06-10.txt"):
        document = read_document(LAYOUTS / name, LAYOUTS)
        approval = next(p for p in document.passages if p.title == "Godkendelse af dagsorden")
        assert approval.topics == (FALLBACK_TOPIC,), (name, approval.topics)


def test_a_title_only_keyword_counts_in_the_title_alone():
    """«titel:budget»: «Budget 2026» is a budget item; one «budgettet» in a text is not, not even as the fallback."""
    tagger = TopicTagger({"økonomi": ["titel:budget", "regnskab"], "rådets arbejde": ["eventuelt"]})
    assert tagger.tag("Budget 2026", "Forslaget drøftes.") == ("økonomi",)
    assert tagger.tag("Ungdomsbudget 2025", "Forslaget drøftes.") == ("økonomi",)  # inside a compound too
    assert tagger.tag("Ansøgning", "Budgettet suppleres; eventuelt søges puljen.") == ("rådets arbejde",)


def test_a_capitalised_exception_is_the_first_word_of_a_name():
    """«-Danske»: «Danske Seniorer» is an association, «dansk» and «Danske» before a small letter the language."""
    tagger = TopicTagger({"sprog": ["dansk", "-Danske"]})
    assert tagger.tag("Landsmøde", "Danske Seniorers og Danske Ældreråds landsmøde", fallback=False) == ()
    assert tagger.tag("Kurser", "Kurser i dansk. Danske ord og danske sange.") == ("sprog",)


def test_a_capitalised_exception_in_a_users_file_is_still_an_exception():
    """«-Plejeforældre» (capitalised as a user writes it) became a proper-name rule and stopped
    keeping «plejeforældre» from «forældre» (a code review); «-Danske», a form of «dansk» itself,
    is the one kind that names a proper name's first word."""
    from indexer.topics import TopicTagger, parse_vocabulary

    tagger = TopicTagger(parse_vocabulary("familie: forældre, -Plejeforældre\nsprog: dansk, -Danske"))
    assert "familie" not in tagger.tag("Møde", "Plejeforældre mødes. Plejeforældre taler.", fallback=False)
    assert "familie" in tagger.tag("Møde", "Forældre mødes. Forældre taler.", fallback=False)
    assert "sprog" not in tagger.tag("Møde", "Danske Seniorer mødes. Danske Seniorer taler.", fallback=False)
    assert "sprog" in tagger.tag("Kurser", "Kurser i dansk. Danske kurser.", fallback=False)
