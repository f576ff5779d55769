"""What a council decided, from its decision text (`indexer.outcome`): the decision texts of the seeds
and the fixture corpus, and the traps of Danish minutes (negations, «udsatte børn», an earlier decision
told in the text, the first outcome mentioned winning over a later one).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import FIXTURES, SEEDS
from indexer.outcome import (AFVIST, ANBEFALET, ANDET, DROEFTET, GODKENDT, HOERINGSSVAR, OUTCOMES,
                             TAGET_TIL_EFTERRETNING, UDSAT, VALG, decision_outcome)
from indexer.pipeline import read_document

# Decision texts as the corpus prints them (seeds and tests/fixtures), with the outcome a Danish reader gives.
REAL = [
    ("Godkendt", GODKENDT),
    ("Referatet godkendt.", GODKENDT),
    ("Bestyrelsen tiltrådte indstillingen.", GODKENDT),
    ("Bevilget 85.000 kr. af udviklingspuljen.", GODKENDT),
    ("Godkendt som indstillet.", GODKENDT),
    ("Kvoten på 45 boliger blev vedtaget.", GODKENDT),
    ("Lokalplanen vedtages endeligt med de foreslåede ændringer.", GODKENDT),
    ("Ansøgningen blev imødekommet.", GODKENDT),
    ("Rådet tilslutter sig Foreningernes dag. Kontaktperson til arbejdsgruppen er Tonny Ploug.", GODKENDT),
    ("Ældrerådet afgiver høringssvar som indstillet. Formanden udarbejder det endelige høringssvar.", HOERINGSSVAR),
    ("Økonomiudvalget besluttede at sætte bygningen til salg gennem en ejendomsmægler med en mindstepris på 4 mio. kr.",
     GODKENDT),
    ("Godkendt. Lise Winther (F) kunne ikke tiltræde pkt. 2.", GODKENDT),  # her reservation is no rejection
    ("Godkendt. Gulnaz Rahimi erklærede sig inhabil og deltog ikke i behandlingen af ansøgningen.", GODKENDT),
    ("1. Taget til efterretning. 2. Godkendt.", GODKENDT),
    ("Punktet var udsat fra mødet den 8. oktober. Politikken blev godkendt.", GODKENDT),
    ("Godkendt med den ændring, at mødet i juli udgår.", GODKENDT),
    ("Godkendt med tilskud på 119.925 kr. Ønsket om „ekstra timer” behandles på næste møde.", GODKENDT),
    ("- Flere udvalg har valgt at anvende betegnelserne forperson og næstforperson i stedet for formand og "
     "næstformand. Rådet drøftede dette og besluttede fremover at anvende betegnelserne.", GODKENDT),
    ("Byrådet besluttede: 1. Regnskab 2024 blev oversendt til revisionen. 2. Overførslerne blev godkendt med 8 "
     "stemmer for (A, V, C) og 1 imod (Ø).", GODKENDT),
    ("Anbefales godkendt over for Byrådet.", ANBEFALET),
    ("Anbefales over for Økonomiudvalget. Lars Elmquist (K) stemte imod.", ANBEFALET),
    ("Anbefalet med følgende bemærkninger: 1) Rådet ønsker at bevare 11 medlemmer.", ANBEFALET),
    ("Udvalget anbefaler byrådet at bygge sundhedshuset.", ANBEFALET),
    ("Oversendes til byrådet.", ANBEFALET),
    ("Indstillingens punkt 1 blev anbefalet. For stemte 5 (A, V, C), imod stemte 1 (F). Indstillingens punkt 2 "
     "blev udsat.", ANBEFALET),
    ("Økonomiudvalget besluttede: 1. Økonomirapporteringen blev taget til efterretning. 2. Tillægsbevillingen på "
     "3,2 mio. kr. blev anbefalet over for Byrådet.", ANBEFALET),
    ("Handicaprådet kan ikke anbefale besparelsen på bostøtte.", AFVIST),
    ("Ikke godkendt.", AFVIST),
    ("Indstillingen blev ikke godkendt, da lokalerne er optaget.", AFVIST),
    ("Klagen blev ikke imødekommet.", AFVIST),
    ("Forkastet. For stemte 1, imod stemte 3.", AFVIST),
    ("Forslaget blev afvist med 1 stemme for (F) og 3 stemmer imod (A og V).", AFVIST),
    ("Ældrerådet kan ikke anbefale omlægningen af rengøring til hver 3. uge. Høringssvaret udarbejdes af "
     "formandskabet og udsendes til godkendelse.", AFVIST),
    ("Udsat.", UDSAT),
    ("Sagen blev udsat.", UDSAT),
    ("Udsat til næste møde, da udvalget ønsker at se foreningens regnskab for 2011.", UDSAT),
    ("Rådet beder om en tidsplan for reparationen. Sagen genoptages på næste møde.", UDSAT),
    ("Slides fra præsentation er vedlagt som bilag.\n\nRådet vil gerne have uddybning af repatriering på et "
     "senere møde. Tages op igen efter den 1.7.2017", ANDET),  # a sub-topic followed up, not the item's outcome
    ("Taget til efterretning.", TAGET_TIL_EFTERRETNING),
    ("Til orientering", TAGET_TIL_EFTERRETNING),
    ("Orienteringen blev taget til efterretning.", TAGET_TIL_EFTERRETNING),
    ("Punktet var udsat fra ordinært møde 19.03.2015. Punktet tages til efterretning.", TAGET_TIL_EFTERRETNING),
    ("Taget til efterretning. Protokoltilførsel: Mads Ørum (V) ønsker sagen genoptaget, når skoleåret 2025/26 er "
     "evalueret.", TAGET_TIL_EFTERRETNING),
    ("Borgmesteren orienterede om mødet med Kommunernes Landsforening.", TAGET_TIL_EFTERRETNING),
    ("Kommunaldirektøren orienterede om tre forhold. 1. Ny direktør for Børn og Unge tiltræder 1. april.",
     TAGET_TIL_EFTERRETNING),  # takes office, approves nothing
    ("Byrådet besluttede: 1. at budgetopfølgningen tages til efterretning, 2. at merforbruget finansieres af "
     "kassebeholdningen.", GODKENDT),  # a decided list with a funding decision
    ("Drøftet.", DROEFTET),
    ("Udvalget drøftede processen og ønsker et dialogmøde med foreningerne i marts.", DROEFTET),
    ("Per Lund blev valgt.", VALG),
    ("Jens Vang blev valgt som ordstyrer.", VALG),
    ("Rådet afgiver høringssvar som drøftet. Formanden udarbejder svaret.", HOERINGSSVAR),  # not Drøftet
    ("Forslaget blev sendt til udvalget.", ANDET),  # sideways, not up for approval
    ("Lukket punkt. Beslutningen fremgår af den lukkede protokol.", ANDET),
    ("Næste møde holdes mandag den 7. april 2025 kl. 19.00.", ANDET),
]


@pytest.mark.parametrize("decision, expected", REAL)
def test_real_decisions(decision, expected):
    assert decision_outcome(decision) == expected


@pytest.mark.parametrize("decision, expected", [
    # negations are rejections, never the approval they contain
    ("Udvalget kunne ikke godkende ansøgningen.", AFVIST),
    ("Kan ikke anbefales.", AFVIST),
    ("Ikke tiltrådt.", AFVIST),
    ("Godkendes ikke.", AFVIST),
    ("Udvalget anbefaler ikke forslaget.", AFVIST),
    ("Udvalget besluttede ikke at godkende ansøgningen.", AFVIST),
    ("Der gives afslag på ansøgningen.", AFVIST),
    # the decisive outcome mentioned first wins
    ("Anbefales godkendt.", ANBEFALET),
    ("Økonomiudvalget anbefaler, at Byrådet godkender forslaget.", ANBEFALET),
    ("Godkendt, idet punkt 3 udsættes.", GODKENDT),
    ("Udvalget besluttede at udsætte sagen.", UDSAT),
    # noting and discussing are weaker than any decisive outcome; noting beats discussing
    ("Udvalget drøftede sagen og godkendte indstillingen.", GODKENDT),
    ("Drøftet og taget til efterretning.", TAGET_TIL_EFTERRETNING),
    ("Taget til efterretning og drøftet.", TAGET_TIL_EFTERRETNING),
    ("Anbefalingerne fra rådet drøftes.", DROEFTET),
    # votes
    ("Et flertal (A, V) godkendte indstillingen. Imod stemte O.", GODKENDT),
    ("Forslaget blev forkastet med 3 stemmer mod 6.", AFVIST),
    ("Indstillingen blev godkendt med 7 stemmer for og 2 imod.", GODKENDT),
    # forwarded for approval
    ("Sagen sendes til godkendelse i Byrådet.", ANBEFALET),
    ("Indstilles til Byrådets godkendelse.", ANBEFALET),
    # vulnerable people and being exposed to something are no postponement
    ("Udvalget ønsker en plan for udsatte børn og unge. Taget til efterretning.", TAGET_TIL_EFTERRETNING),
    ("Indsatsen for udsatte borgere blev drøftet.", DROEFTET),
    ("Orienteringen om socialt udsatte blev taget til efterretning.", TAGET_TIL_EFTERRETNING),
    ("Børn, der udsættes for vold, skal have hjælp. Drøftet.", DROEFTET),
    ("Rådet vil styrke indsatsen for de mest udsatte.", ANDET),
    # withdrawn or carried over: nothing decided this time
    ("Sagen blev trukket.", UDSAT),
    ("Sagen er udsat.", UDSAT),
    ("Udskudt til næste møde.", UDSAT),
    # an earlier decision told in the text gives way to the current outcome
    ("Byrådet godkendte i 2022 en ramme på 4 mio. kr. Taget til efterretning.", TAGET_TIL_EFTERRETNING),
    ("Byrådet godkendte sidste år planen. Til orientering.", TAGET_TIL_EFTERRETNING),
    ("Kommunalbestyrelsen har tidligere godkendt planen. Taget til efterretning.", TAGET_TIL_EFTERRETNING),
    # a title-like rejection noun, and choosing to do something, are no outcome
    ("Afvisning af klage over afgørelse om tilskud.", ANDET),
    ("Rådet valgte at holde mødet i marts.", ANDET),
    ("Rådet valgte at sende et høringssvar.", HOERINGSSVAR),
    ("Anders Hansen blev valgt som formand.", VALG),
    ("Udvalget konstituerede sig med Anna Holm som formand.", VALG),
    ("Der nedsættes en arbejdsgruppe.", ANDET),
    ("GODKENDT.", GODKENDT),
    ("UDSAT TIL NÆSTE MØDE.", UDSAT),
])
def test_tricky_decisions(decision, expected):
    assert decision_outcome(decision) == expected


# Code review 19 (/tmp/review/cr19): misreadings found, with the outcome a Danish reader gives.
@pytest.mark.parametrize("decision, expected", [
    # a minority's, a member's or an amendment's sentence is not the council's outcome (rule 6)
    ("Venstre kunne ikke godkende indstillingen og stemte imod. Indstillingen blev godkendt med 15 stemmer mod 4.",
     GODKENDT),
    ("V kan ikke tiltræde indstillingen. Et flertal (A, F, Ø) anbefaler indstillingen.", ANBEFALET),
    ("Et mindretal (C) kan ikke anbefale indstillingen.\nEt flertal anbefaler indstillingen godkendt.", ANBEFALET),
    ("Jens Hansen (V) kunne ikke godkende indstillingen. I øvrigt godkendt.", GODKENDT),
    ("Ændringsforslag fra V om at udsætte sagen blev forkastet. Indstillingen blev herefter godkendt.", GODKENDT),
    ("V stillede ændringsforslag om at sagen udsættes. Ændringsforslaget faldt. Indstillingen godkendt.", GODKENDT),
    ("Et mindretal (V) kunne ikke godkende indstillingen.", ANDET),  # alone: the council's outcome is not told
    ("Venstre kunne ikke godkende indstillingen. Taget til efterretning.", TAGET_TIL_EFTERRETNING),
    ("Forvaltningen indstiller at sagen godkendes. Udvalget godkendte.", GODKENDT),
    # a refusal after the item was noted is a reservation
    ("Tages til efterretning. Udvalget kan dog ikke godkende, at tidsplanen ændres.", TAGET_TIL_EFTERRETNING),
    ("Kommunalbestyrelsen godkendte ikke budgettet i første omgang, men godkendte det nu.", GODKENDT),
    # postponed in order to («for at») is Udsat; exposed to a noun is not
    ("Sagen blev udsat for at indhente yderligere oplysninger.", UDSAT),
    ("Udsat for at indhente oplysninger.", UDSAT),
    ("Sagen udsættes for at afvente høringssvar.", UDSAT),
    ("Udvalget udsætter behandlingen for at få en ny vurdering.", UDSAT),
    ("Børn udsat for støj skal have hjælp. Drøftet.", DROEFTET),
    ("Borgere, der er udsat for vold, skal have hjælp. Taget til efterretning.", TAGET_TIL_EFTERRETNING),
    # an approval verb whose object is a postponement or rejection takes the object's outcome
    ("Det blev besluttet at sagen udsættes til næste møde.", UDSAT),
    ("Udvalget besluttede at ansøgningen ikke imødekommes.", AFVIST),
    ("Udvalget besluttede at ansøgningen ikke kan imødekommes.", AFVIST),
    ("Udvalget besluttede at tage sagen af dagsordenen.", UDSAT),
    ("Udvalget besluttede at sende sagen i høring.", ANDET),  # as «Sagen sendes i høring»
    ("Udvalget er enig i, at sagen udsættes.", UDSAT),
    ("Udvalget godkendte at udsætte sagen til næste møde.", UDSAT),
    # earlier decisions told with a date or meeting
    ("Byrådet godkendte den 12. maj 2022 budgettet. Udvalget tog orienteringen til efterretning.",
     TAGET_TIL_EFTERRETNING),
    # the month abbreviated as `indexer.dates` reads it (a code-health review: a list of its own missed them)
    ("Byrådet godkendte den 12. dec. 2022 planen. Udvalget tog orienteringen til efterretning.",
     TAGET_TIL_EFTERRETNING),
    ("Byrådet godkendte 3. sept. 2021 rammen. Drøftet.", DROEFTET),
    ("Byrådet har i 2022 godkendt projektet. Taget til efterretning.", TAGET_TIL_EFTERRETNING),
    ("Udvalget har den 4. maj godkendt projektet. Orientering givet.", TAGET_TIL_EFTERRETNING),
    ("Byrådet godkendte på mødet den 12. maj budgettet. Drøftet.", DROEFTET),
    ("Punktet blev udsat på sidste møde. Godkendt.", GODKENDT),
    ("Sagen var på dagsordenen den 3. marts, hvor den blev udsat. Godkendt.", GODKENDT),
    # negated weak outcomes are no outcome; a negated approval is a rejection
    ("Ikke drøftet.", ANDET),
    ("Udvalget drøftede ikke sagen.", ANDET),
    ("Ikke til efterretning.", ANDET),
    ("Udvalget tog ikke orienteringen til efterretning, men ønsker en ny redegørelse.", ANDET),
    ("Ikke drøftet, udsat.", UDSAT),
    ("Ej godkendt.", AFVIST),
    # forwarded without a recommendation
    ("Sagen sendes til Byrådet uden anbefaling.", ANDET),
    ("Oversendes til Byrådet uden indstilling.", ANDET),
    # wording that was missing
    ("Forslaget faldt.", AFVIST),
    ("Forslaget blev nedstemt med 12 stemmer mod 13.", AFVIST),
    ("Forslaget opnåede ikke flertal.", AFVIST),
    ("Der var ikke flertal for forslaget.", AFVIST),
    ("Forslaget bortfalder.", AFVIST),
    ("Der meddeles ikke dispensation.", AFVIST),
    ("Punktet blev ikke nået.", UDSAT),
    ("Sagen behandles på næste møde.", UDSAT),
    ("Sagen tages op på næste møde.", UDSAT),
    ("Udvalget valgte at udsætte sagen.", UDSAT),
    ("Sagen afventer svar fra ministeriet.", UDSAT),
    ("Som formand valgtes Jens Hansen.", VALG),
    ("Jens Hansen genvalgtes.", VALG),
    ("Bevillingen gives.", GODKENDT),
    ("Dispensation meddeles.", GODKENDT),
    ("Der gives tilladelse som ansøgt.", GODKENDT),
    ("Approved.", GODKENDT),
    ("Rejected.", AFVIST),
    ("Postponed.", UDSAT),
    ("Noted.", TAGET_TIL_EFTERRETNING),
])
def test_review_19_decisions(decision, expected):
    assert decision_outcome(decision) == expected


def test_empty_and_blank_are_none_and_a_dash_does_not_crash():
    assert decision_outcome("") is None
    assert decision_outcome("  \n\t ") is None
    assert decision_outcome("-") == ANDET


def test_only_the_start_is_read():
    """The outcome is stated at the start; what stands after 600 characters is the reasoning."""
    assert decision_outcome("Taget til efterretning. " + "Udvalget ønsker en status. " * 30 + "Udsat.") \
        == TAGET_TIL_EFTERRETNING
    assert decision_outcome("x" * 700 + " Godkendt.") == ANDET


def test_outcomes_in_facet_order():
    assert OUTCOMES == (GODKENDT, ANBEFALET, AFVIST, UDSAT, HOERINGSSVAR, TAGET_TIL_EFTERRETNING, DROEFTET, VALG, ANDET)
    assert VALG == "Valg" and HOERINGSSVAR == "Høringssvar"
    assert len(set(OUTCOMES)) == len(OUTCOMES)


def _decisions(root: Path) -> list[tuple[str, str]]:
    """(file, decision) of every passage with a decision in the files under `root`."""
    found = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in {".txt", ".md", ".html", ".htm", ".pdf"}:
            continue
        try:
            document = read_document(path, path.parent)
        except Exception:  # noqa: BLE001 - the fixtures hold broken files on purpose
            continue
        found += [(path.name, passage.decision) for passage in document.passages if passage.has_decision]
    return found


@pytest.fixture(scope="module")
def corpus_decisions() -> list[tuple[str, str]]:
    return _decisions(SEEDS) + _decisions(FIXTURES)


def test_every_seed_decision_has_an_outcome():
    decisions = _decisions(SEEDS)
    assert len(decisions) >= 15
    assert [(name, text[:60]) for name, text in decisions if decision_outcome(text) not in OUTCOMES] == []


def test_share_of_andet_over_the_corpus_stays_low(corpus_decisions):
    # Measured: 45 of 651 decisions (6.9 %) are «Andet» («Næste møde …», «Intet til referat.»,
    # a news round); a rule lost would push it past 10 %.
    outcomes = Counter(decision_outcome(text) for _, text in corpus_decisions)
    assert len(corpus_decisions) >= 500
    assert None not in outcomes
    assert outcomes[ANDET] / len(corpus_decisions) < 0.10, outcomes
    # And each outcome but Drøftet/Valg, which few fixtures hold, is common enough to tell a facet apart.
    assert min(outcomes[GODKENDT], outcomes[ANBEFALET], outcomes[TAGET_TIL_EFTERRETNING]) >= 40, outcomes
    assert min(outcomes[AFVIST], outcomes[UDSAT], outcomes[HOERINGSSVAR]) >= 5, outcomes


@pytest.mark.parametrize("decision, expected", [
    # 1. another body's election in a news round is not the council's
    ("Polsk-Dansk Forening i Næstved - Bestyrelsen genvalgt ved generalforsamling. Foreningen har til næste år "
     "eksisteret i 90 år.", ANDET),
    ("Nyt fra foreningerne:\n\nDen Tamilske Forening - Der er generalforsamling den 13. marts 2017.\n\n"
     "Polsk-Dansk Forening i Næstved - Bestyrelsen genvalgt ved generalforsamling.", ANDET),
    ("Kulturforeningen: Bestyrelsen genvalgt.", ANDET),
    ("Formanden blev genvalgt ved generalforsamlingen.", ANDET),
    ("Jens Hansen blev genvalgt som formand.", VALG),
    # 2. a majority named by party letters decides; a party that dissents does not
    ("A, F og Ø godkendte indstillingen. V stemte imod.", GODKENDT),
    ("V, C og O anbefaler indstillingen.", ANBEFALET),
    ("Venstre og Konservative godkendte indstillingen.", GODKENDT),
    ("V stemte imod. A, F og Ø godkendte indstillingen.", GODKENDT),
    ("Jens Hansen (V) tog forbehold for godkendelsen.", ANDET),
    ("C ønskede sagen udsat. Godkendt.", GODKENDT),
    ("Et mindretal (A) godkendte indstillingen.", ANDET),
    # 3. an election not made: the seat is still to fill
    ("Rådet kunne ikke udpege en repræsentant til Folkeoplysningsudvalget på mødet. Det blev derfor aftalt "
     "først at spørge Lisbeth, om hun vil.", UDSAT),
    ("Rådet kunne ikke vælge en ny næstformand.", UDSAT),
    ("Der blev ikke valgt en formand.", UDSAT),
    # 4. consultation answers
    ("Rådet afgiver høringssvar som drøftet.", HOERINGSSVAR),
    ("Rådet besluttede at afgive høringssvar om, at papiransøgning fortsat skal være mulig.", HOERINGSSVAR),
    ("Integrationsrådet afgiver følgende høringssvar: 1) Rådet bakker op om målet.", HOERINGSSVAR),
    ("Høringssvaret blev godkendt.", HOERINGSSVAR),
    ("Handicaprådet sender høringssvar.", HOERINGSSVAR),
    ("Ældrerådet afgav høringssvar – se bilag.", HOERINGSSVAR),
    ("Høringssvar afgives.", HOERINGSSVAR),
    ("Sagen sendes i høring.", ANDET),
    ("Udvalget besluttede at sende sagen i høring.", ANDET),
    ("Høringssvarene blev drøftet.", DROEFTET),
    ("Udvalget tog høringssvarene til efterretning.", TAGET_TIL_EFTERRETNING),
    ("Ældrerådet kan ikke anbefale forslaget. Høringssvaret udsendes.", AFVIST),
    # 5. off the agenda, resumed later
    ("Punktet blev taget af dagsordenen.", UDSAT),
    ("Udvalget tog sagen af dagsordenen.", UDSAT),
    ("Udvalget genoptager sagen i april.", UDSAT),
    ("Udvalget genoptager den i april.", UDSAT),
    ("Udvalget genoptager sagen på mødet den 9. maj 2025.", UDSAT),
    # 6. a decided list: Godkendt beyond noting, noting alone stays noted
    ("Byrådet besluttede: 1. at budgetopfølgningen tages til efterretning, 2. at merforbruget finansieres af "
     "kassebeholdningen.", GODKENDT),
    ("Byrådet besluttede: 1. at orienteringen tages til efterretning.", TAGET_TIL_EFTERRETNING),
    ("Byrådet besluttede: at orienteringen tages til efterretning.", TAGET_TIL_EFTERRETNING),
    ("Udvalget besluttede: at merforbruget finansieres af kassebeholdningen.", GODKENDT),
    # 7. a bare follow-up after other text is no outcome; with a subject, or alone, it is Udsat
    ("Rådet ønsker uddybning på et senere møde. Tages op igen efter den 1.7.2017", ANDET),
    ("Orienteringen blev taget til efterretning. Genoptages i august.", TAGET_TIL_EFTERRETNING),
    ("Tages op igen efter sommerferien.", UDSAT),
    ("Rådet ønsker uddybning. Sagen tages op igen i august.", UDSAT),
])
def test_journalist_review_3(decision, expected):
    assert decision_outcome(decision) == expected


def test_news_round_seed_is_not_an_election(corpus_decisions):
    news = [text for name, text in corpus_decisions
            if name == "naestved-integrationsraadet-referat-2017-02-23.md" and text.startswith("Nyt fra foreningerne")]
    assert news and decision_outcome(news[0]) not in (VALG, None)


# Code review 21 (/tmp/review/cr21): clauses, dates, declined hearing answers, commas, fields, English.
@pytest.mark.parametrize("decision, expected", [
    # 1. a dissent in the same sentence as the majority's decision: only the dissenting clause is skipped
    ("A, F og Ø godkendte indstillingen, idet V og C stemte imod.", GODKENDT),
    ("A, F og Ø godkendte indstillingen, idet V undlod at stemme.", GODKENDT),
    ("A, F og Ø anbefaler indstillingen, mens V og C ikke kan anbefale den.", ANBEFALET),
    ("V og C stemte imod indstillingen, som herefter blev godkendt.", GODKENDT),
    ("O ønskede sagen udsat, men indstillingen blev godkendt.", GODKENDT),
    ("Jens Hansen (V) ønskede sagen udsat, men indstillingen blev godkendt.", GODKENDT),
    ("V og C kan ikke godkende indstillingen, men et flertal godkendte den.", GODKENDT),
    ("C godkendte ikke indstillingen, men et flertal godkendte.", GODKENDT),
    ("Radikale Venstre stemte imod, og forslaget blev herefter vedtaget.", GODKENDT),
    ("Anne Hansen (A) blev valgt som formand, da der ikke var andre kandidater.", VALG),
    ("A, F og Ø godkendte indstillingen, så længe udgiften ikke overstiger 2 mio. kr.", GODKENDT),
    ("Ændringsforslag fra V blev godkendt, og den ændrede indstilling blev herefter godkendt.", GODKENDT),
    ("Et mindretal (V) stemte imod, idet de ikke kunne godkende indstillingen.", ANDET),  # all the minority's
    ("Venstre stillede ændringsforslag om udsættelse, og ændringsforslaget faldt. Godkendt.", GODKENDT),
    # 2. English of parallel-language minutes, negations first
    ("Not approved.", AFVIST),
    ("Not approved. / Ikke godkendt.", AFVIST),
    ("Not adopted.", AFVIST),
    ("Not recommended.", AFVIST),
    ("Recommended for approval by the City Council.", ANBEFALET),
    ("Adopted.", GODKENDT),
    ("Discussed.", DROEFTET),
    # 3. earlier dated decisions give way to the later outcome; a dated one alone is this decision
    ("Byrådet godkendte i december 2022 en ramme. Drøftet.", DROEFTET),
    ("Byrådet vedtog i maj 2023 en ramme. Drøftet.", DROEFTET),
    ("Byrådet godkendte d. 12. maj 2022 en ramme. Drøftet.", DROEFTET),
    ("Byrådet godkendte 12. maj 2022 en ramme. Drøftet.", DROEFTET),
    ("Byrådet godkendte den 12.05.2022 en ramme. Drøftet.", DROEFTET),
    ("Udvalget godkendte den 12/5 2022 rammen. Taget til efterretning.", TAGET_TIL_EFTERRETNING),
    ("Byrådet vedtog i juni 2023 en handleplan. Orienteringen taget til efterretning.", TAGET_TIL_EFTERRETNING),
    ("Byrådet godkendte ved budgetvedtagelsen 2023 en ramme. Drøftet.", DROEFTET),
    ("Godkendt den 12. maj 2026 af formanden.", GODKENDT),
    ("Godkendt i 2026 med ikrafttræden 1. januar 2027.", GODKENDT),
    ("Udsat på mødet den 4. juni 2026.", UDSAT),
    ("Udvalget godkendte tidligere end planlagt rammen.", GODKENDT),
    ("Kommunalbestyrelsen har tidligere godkendt planen.", ANDET),  # undated story alone: still not told
    # 4. a hearing answer declined is no outcome; no remarks to the consultation is the answer
    ("Rådet undlader at afgive høringssvar.", ANDET),
    ("Rådet har valgt ikke at afgive høringssvar.", ANDET),
    ("Ældrerådet besluttede ikke at afgive høringssvar.", ANDET),
    ("Rådet afgiver ikke høringssvar.", ANDET),
    ("Rådet har valgt at afgive høringssvar.", HOERINGSSVAR),
    ("Ældrerådet har ingen bemærkninger til høringen.", HOERINGSSVAR),
    ("Handicaprådet har ingen bemærkninger til høringsmaterialet.", HOERINGSSVAR),
    ("Ældrerådet har ingen bemærkninger.", ANDET),
    # judgement call: noting the consultation without remarks is noting, not an answer of its own
    ("Rådet tager høringen til efterretning uden bemærkninger.", TAGET_TIL_EFTERRETNING),
    ("Rådet udarbejder høringssvar, som formanden færdiggør.", HOERINGSSVAR),
    ("Formandskabet udarbejder høringssvar. Sagen blev drøftet.", HOERINGSSVAR),
    ("Høringssvar: Rådet støtter forslaget.", HOERINGSSVAR),
    # 5. a comma before «at» changes nothing
    ("Udvalget godkendte at forslaget sendes i høring.", ANDET),
    ("Udvalget godkendte, at forslaget sendes i høring.", ANDET),
    ("Udvalget godkendte,at forslaget sendes i høring.", ANDET),
    ("Godkendt, at forslaget sendes i offentlig høring.", ANDET),
    ("Udvalget besluttede at der gives et tilskud på 50.000 kr.", GODKENDT),
    ("Udvalget besluttede, at der gives et tilskud på 50.000 kr.", GODKENDT),
    ("Udvalget besluttede, at sagen udsættes.", UDSAT),
    ("Udvalget besluttede, at ansøgningen ikke imødekommes.", AFVIST),
    ("Udvalget besluttede, at sende sagen i høring.", ANDET),
    # 6. elections written as fields or short forms
    ("Formand: Anne Hansen\nNæstformand: Bo Jensen", VALG),
    ("Genvalg af formand: Anne Hansen.", VALG),
    ("Ny formand blev Anne Hansen.", VALG),
    ("Elected: Anne Hansen as chair.", VALG),
    ("Anne Hansen fortsætter som formand.", VALG),
    ("Formand: Anne Hansen orienterede om mødet med borgmesteren. Taget til efterretning.", TAGET_TIL_EFTERRETNING),
    # moved or gone from the agenda
    ("Punktet blev flyttet til næste møde.", UDSAT),
    ("Punktet er udgået.", UDSAT),
])
def test_review_21_decisions(decision, expected):
    assert decision_outcome(decision) == expected


# A party's wish then the committee's act; an election after a bare approval; an earlier decision's clause.
@pytest.mark.parametrize("decision, expected", [
    # a. after «, og»/«;» the item or the council as subject is the committee's act, not the party's wish
    ("V ønskede sagen udsat, og sagen blev udsat.", UDSAT),
    ("Et mindretal (V) ønskede sagen udsat, og punktet blev derfor udsat til næste møde.", UDSAT),
    ("V stemte imod, og indstillingen blev godkendt.", GODKENDT),
    ("V ønskede sagen udsat, og udvalget godkendte den.", GODKENDT),
    ("V kunne ikke godkende indstillingen; udvalget besluttede at udsætte sagen.", UDSAT),
    # b. an election to an office after an approval that names nothing of its own is the decision's main act
    ("Dagsordenen blev godkendt. Udvalget valgte Anne Hansen som formand og Bo Jensen som næstformand.", VALG),
    ("Indstillingen godkendt. Som medlem af bestyrelsen for Fjordby Forsyning udpegedes Anne Hansen (A).", VALG),
    ("Som medlem af bestyrelsen for Fjordby Forsyning udpegedes Anne Hansen.", VALG),
    ("Udvalget godkendte indstillingen. Kim Lund (V) blev valgt som repræsentant i Grønt Råd.", VALG),
    ("Godkendt.\nFormand: Anne Hansen\nNæstformand: Bo Jensen", VALG),
    # c. an earlier decision and the clause it governs are the item's story; today's act decides
    ("Udvalget besluttede i marts 2023 at afvise ansøgningen. Sagen blev drøftet.", DROEFTET),
    ("Udvalget besluttede i marts at afvise ansøgningen. Sagen blev drøftet.", DROEFTET),
    ("Udvalget besluttede den 3. maj 2022, at sagen udsættes. Taget til efterretning.", TAGET_TIL_EFTERRETNING),
    ("Udvalget har tidligere besluttet, at sagen udsættes. Godkendt.", GODKENDT),
    ("Byrådet har den 3. maj 2022 godkendt, at ansøgningen afvises. Drøftet.", DROEFTET),
    ("Udvalget besluttede i marts 2023 at afvise ansøgningen.", AFVIST),  # dated and alone: this decision
    ("Udvalget besluttede i marts 2023 at afvise ansøgningen, men godkendte den nu.", GODKENDT),
    ("Kommunalbestyrelsen besluttede den 12. maj 2022 at udsætte sagen. Godkendt.", GODKENDT),
    # near misses that keep their outcome
    ("Ansøgningen afvises. Udvalget besluttede i 2022 at give tilskud til foreningen.", AFVIST),
    ("Byrådet godkendte i 2022 rammen. Udvalget godkendte projektet.", GODKENDT),
    ("Udvalget godkendte i marts 2023 at igangsætte projektet. Tillægget blev godkendt.", GODKENDT),
    ("Udsat til næste møde.", UDSAT),
    ("Sagen udsættes i april. Drøftet.", UDSAT),  # a present tense looks ahead
    ("Godkendt. Udvalget drøftede tidsplanen.", GODKENDT),
    ("Godkendt. Udvalget besluttede at udsætte punkt 3.", GODKENDT),
    ("V ønskede, at sagen blev udsat. Godkendt.", GODKENDT),  # the wish's own clause
    ("Et mindretal (V) stemte imod, idet de ikke kunne godkende indstillingen.", ANDET),
    ("Budgettet blev godkendt. Anne Hansen blev valgt som kontaktperson.", GODKENDT),  # approves something named
    ("Godkendt. Udvalget har valgt model B.", GODKENDT),  # a model chosen, no one elected
    ("Godkendt, idet Anne Hansen deltager i arbejdsgruppen.", GODKENDT),
    ("Referatet blev godkendt. Anne Hansen blev ikke valgt som formand.", GODKENDT),
    # a postponement denied is none
    ("Sagen blev ikke udsat. Godkendt.", GODKENDT),
    ("Sagen udsættes ikke. Godkendt.", GODKENDT),
])
def test_committee_act_election_and_history(decision, expected):
    assert decision_outcome(decision) == expected


# Code review of rule 7: an election is this council's act when told as made (past, perfect, passive past), not
# one still to come (future, modal) nor another body's reported in an «at …» clause; «valgte at <verb>» decides.
@pytest.mark.parametrize("decision, expected", [
    # a. a bare approval, then an election to come: the approval is the decision
    ("Godkendt. Ny formand vælges på næste møde.", GODKENDT),
    ("Indstillingen blev godkendt. Der skal vælges en ny repræsentant til bestyrelsen på næste møde.", GODKENDT),
    ("Indstillingen godkendt. Repræsentanten vælges for resten af valgperioden.", GODKENDT),
    ("Godkendt. Anne Hansen vil blive udpeget som repræsentant i Grønt Råd.", GODKENDT),
    ("Godkendt. Der skal efterfølgende udpeges et medlem til bestyrelsen.", GODKENDT),
    # an election to come, alone: carried over to a later meeting (as «Sagen behandles på næste møde»), or no outcome
    ("Ny formand vælges på næste møde.", UDSAT),
    ("Der skal vælges en ny repræsentant til bestyrelsen på næste møde.", UDSAT),
    ("Anne Hansen vil blive udpeget som repræsentant i Grønt Råd.", ANDET),
    # b. another body's election reported after «orienterede om, at», «oplyst, at», «meddelte, at»
    ("Godkendt. Formanden orienterede om, at Jens Hansen er valgt som formand for KL's social- og sundhedsudvalg.",
     GODKENDT),
    ("Godkendt.\n\nDet blev oplyst, at Anne Hansen er udpeget som repræsentant af regionsrådet.", GODKENDT),
    ("Godkendt. Borgmesteren meddelte, at Bo Jensen er genvalgt som formand for Fjordby Forsyning.", GODKENDT),
    ("Formanden orienterede om, at Jens Hansen er valgt som formand for KL's social- og sundhedsudvalg.",
     TAGET_TIL_EFTERRETNING),
    ("Det blev oplyst, at Anne Hansen er udpeget som repræsentant af regionsrådet.", ANDET),
    # near misses: elections told as made stay Valg
    ("Godkendt. Som formand valgtes Jens Hansen.", VALG),
    ("Godkendt. Anne Hansen er valgt som formand.", VALG),
    ("Godkendt. Udvalget udpegede Anne Hansen som repræsentant i Grønt Råd.", VALG),
    ("Indstillingen blev godkendt. Anne Hansen blev udpeget som medlem af bestyrelsen.", VALG),
    ("Godkendt. Formanden orienterede om mødet, og Anne Hansen blev valgt som formand.", VALG),
    ("Formanden oplyste, at Bo Jensen var fraflyttet, men Anne Hansen blev valgt som formand.", VALG),
    ("Anne Hansen vælges som formand.", VALG),  # a decision in the present, alone
    ("Udvalget kunne ikke vælge en formand.", UDSAT),  # an election not made, as before
    ("Forslaget blev vedtaget med 34 stemmer for. Bestyrelsen består af fem medlemmer, som vælges for to år ad "
     "gangen.", GODKENDT),
    # c. «valgte at <verb>» reads as «besluttede at <verb>»; choosing a person stays an election
    ("Udvalget valgte at anbefale indstillingen over for Økonomiudvalget.", ANBEFALET),
    ("Udvalget valgte ikke at anbefale indstillingen.", AFVIST),
    ("Udvalget valgte at tage orienteringen til efterretning.", TAGET_TIL_EFTERRETNING),
    ("Udvalget valgte at udsætte sagen.", UDSAT),
    ("Udvalget har valgt at oversende sagen til Byrådet.", ANBEFALET),
    ("Udvalget valgte Jens Hansen som formand.", VALG),
    ("Rådet valgte at holde mødet i marts.", ANDET),  # choosing to do something else is no outcome, as before
    ("Rådet har valgt ikke at afgive høringssvar.", ANDET),
    # the council's own election after a reported one, in one sentence (code review 27)
    ("Det blev oplyst, at Jens Hansen er valgt som formand, og udvalget valgte herefter Karen Vang som næstformand.",
     VALG),
    ("Godkendt.\n\nDet blev oplyst, at Anne Hansen er udpeget som repræsentant af regionsrådet, og at hun tiltræder "
     "1. maj.", GODKENDT),
])
def test_election_made_to_come_or_reported_and_chose_to(decision, expected):
    assert decision_outcome(decision) == expected
