"""Word material for the synthetic archive: names, councils, compounds, and the seeds' sentences.

Everything here is fictitious except the Danish words themselves. Lists are ordered by how
common a value should be: the generator draws from them with Zipf-like weights, so the
first municipality, council or compound is far more frequent than the last (as in a real
regional archive, where one big municipality and its city council dominate).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_TOWN_HEADS = (
    "Hede", "Fjord", "Lyng", "Bøge", "Havn", "Kilde", "Mose", "Ravn", "Skov", "Strand", "Bakke", "Eng",
    "Holm", "Vester", "Øster", "Nør", "Sønder", "Lille", "Store", "Birke", "Ege", "Ask", "Lind", "Rose",
    "Sol", "Vand", "Klint", "Dal", "Bro", "Mølle",
)
_TOWN_TAILS = ("lund", "by", "sø", "skov", "sted", "holm", "vang", "bjerg", "rup", "løse", "købing", "borg", "havn", "bæk")

# Councils and committees, most active first. Each name matches the segmenter's council
# pattern (one word ending in -rådet/-udvalget/-bestyrelsen, or "X- og Y...udvalget").
COUNCILS = (
    "Kommunalbestyrelsen", "Økonomiudvalget", "Børne- og Skoleudvalget", "Social- og Sundhedsudvalget",
    "Teknik- og Miljøudvalget", "Integrationsrådet", "Beskæftigelsesudvalget", "Kultur- og Fritidsudvalget",
    "Ældrerådet", "Handicaprådet", "Klima- og Planudvalget", "Erhvervsudvalget", "Folkeoplysningsudvalget",
    "Udsatterådet", "Ungerådet", "Landdistriktsrådet",
)

FIRST_NAMES = (
    "Mette", "Anne", "Hanne", "Lise", "Karim", "Said", "Birthe", "Mogens", "Leyla", "Tomas", "Amina", "Jørn",
    "Rasmus", "Nadia", "Erik", "Gulnaz", "Peter", "Fatima", "Bent", "Grethe", "Kasper", "Zainab", "Poul",
    "Inger", "Helle", "Søren", "Jens", "Kirsten", "Henrik", "Susanne", "Lars", "Camilla", "Ahmad", "Olena",
    "Mads", "Louise", "Niels", "Pia", "Thomas", "Marianne", "Bashir", "Samir", "Tina", "Jesper", "Dorthe",
)
LAST_NAMES = (
    "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
    "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen", "Johansen", "Møller",
    "Mortensen", "Haddad", "Mahmoudi", "Kjær", "Ravn", "Friis", "Warsame", "Holst", "Kvist", "Dahl", "Juul",
    "Lykke", "Vinther", "Dam", "Sand", "Lund", "Brix", "Aagaard", "Baktoft", "Feld", "Salameh", "Waage",
)

# Compound parts: Danish writes compounds as one word, which gives a real archive its long
# tail of rare terms. The first parts and last parts are each ordered common → rare.
COMPOUND_HEADS = (
    "bolig", "skole", "sprog", "integrations", "beskæftigelses", "forenings", "sundheds", "ældre", "børne",
    "ungdoms", "kultur", "idræts", "miljø", "klima", "trafik", "cykel", "vej", "havne", "lokal", "nabo",
    "social", "misbrugs", "handicap", "familie", "frivillig", "natur", "vand", "energi", "affalds", "erhvervs",
    "turisme", "lands", "biblioteks", "musik", "teater", "hal", "strand", "skov", "park", "torve", "stations",
    "centrum", "plejehjems", "dagtilbuds", "SFO", "klub", "mentor", "praktik", "ledigheds", "kontanthjælps",
    "psykiatri", "rehabiliterings", "trænings", "hjemmepleje", "madordnings", "rengørings", "vedligeholdelses",
    "digitaliserings", "borgerservice", "beredskabs",
)
COMPOUND_TAILS = (
    "plan", "pulje", "indsats", "strategi", "projekt", "politik", "center", "forløb", "tilbud", "område",
    "rådgivning", "netværk", "aftale", "budget", "analyse", "evaluering", "model", "ordning", "samarbejde",
    "kampagne", "partnerskab", "undersøgelse", "handleplan", "redegørelse", "vision", "koordinator", "forum",
    "værksted", "café", "dag", "festival", "uge", "pakke", "takst", "norm", "standard", "tilsyn", "statistik",
    "rapport", "høring", "prioritering", "reserve", "investering", "renovering", "udbygning", "etablering",
    "lukning", "sammenlægning", "kortlægning", "screening", "visitation", "opfølgning", "kvalitetsrapport",
    "ansøgning", "bevilling", "regnskab", "tidsplan", "tjekliste", "vejledning",
)

STREETS = (
    "Torvet", "Skolevej", "Stationsvej", "Kirkevej", "Engvej", "Byagervej", "Møllevej", "Parkvej", "Søndergade",
    "Nørregade", "Vestergade", "Østergade", "Bredgade", "Havnegade", "Strandvejen", "Bakkegårdsvej",
)
PLACES = (
    "Mødelokale {n}, {town} Rådhus", "{town} Rådhus, mødelokale 1.{n}", "Byrådssalen, {town} Rådhus",
    "Borgerhuset, {street} {n}", "Kantinen på {town} Bibliotek", "Plejecenter {town}gården, festsalen",
)

# Sentence frames that carry the variable parts: places, amounts, compounds, names.
FRAMES = (
    "Administrationen foreslår, at {compound} for {year} forlænges med {amount} kr.",
    "Der er modtaget {n} ansøgninger om tilskud fra {compound} på i alt {amount} kr.",
    "Sagen blev drøftet på mødet den {date}, hvor {person} orienterede om {compound}.",
    "{town} Bibliotek og {association} har ansøgt om støtte til en {compound} i {street}.",
    "Udgiften på {amount} kr. afholdes af {compound} under {council}.",
    "Forvaltningen vil evaluere {compound} i samarbejde med {association} inden udgangen af {year}.",
    "I {year} deltog {n} borgere i {compound}, heraf {m} med anden etnisk baggrund end dansk.",
    "Jobcenter {town} har etableret en {compound} for ledige i samarbejde med lokale virksomheder.",
    "{person} fra {association} deltog under punktet og svarede på spørgsmål om {compound}.",
    "Ejendommen på {street} {n} forventes at kunne tages i brug til {compound} fra {month} {year}.",
    "Der er afsat {amount} kr. til {compound} i budgettet for {year}.",
    "Høringssvaret fra {association} peger på, at {compound} bør prioriteres højere.",
)
ASSOCIATIONS = (
    "Kvindernes Hus", "{town} Boldklub", "Foreningen Nabo til Nabo", "Røde Kors {town}", "Dansk Flygtningehjælp",
    "{town} Idrætsforening", "Ældre Sagen {town}", "Lektiecaféen i {town}", "Frivilligcenter {town}",
    "{town} Kunstforening", "Spejderne i {town}", "Boligforeningen {town}bo",
)
MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december")
ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December")
ENGLISH_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DANISH_DAYS = ("Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag")

# Item titles: recurring agenda points first (every meeting has them), then topical ones.
STANDING_TITLES = ("Godkendelse af dagsorden", "Meddelelser", "Eventuelt", "Godkendelse af referat")
TITLE_FRAMES = (
    "Boligplacering af flygtninge i {year}", "Status på {compound}", "Forslag om {compound}",
    "Høring over {compound} {year}", "Orientering om {compound}", "Tilskud fra {compound}",
    "Evaluering af {compound}", "Ansøgning fra {association} om tilskud", "Budgetopfølgning for {compound}",
    "Beslutning om {compound}", "Godkendelse af {compound} for {town}", "Temadrøftelse om {compound}",
    "Negativ social kontrol - {compound}", "Udpegning af repræsentant til {compound}",
)
DECISIONS = (
    "Godkendt.", "Indstillingen blev godkendt.", "Taget til efterretning.", "Anbefales over for Økonomiudvalget.",
    "Godkendt med de bemærkninger, der fremgik af drøftelsen.", "Sagen udsættes til næste møde.",
    "Forslaget blev vedtaget med alle stemmer.", "Orienteringen blev taget til efterretning, og rådet ønsker en status på næste møde.",
    "Ikke godkendt. Administrationen udarbejder et nyt forslag.",
)

REPORT_HEADINGS = (
    "FORORD", "RÅDETS MØDER I {year}", "AKTIVITETER I {year}", "SAMARBEJDE MED FORENINGER",
    "FOKUS PÅ {COMPOUND}", "FÆLLESMØDE I {TOWN}", "ØKONOMI OG TILSKUD", "HØRINGSSVAR",
    "RÅDETS MEDLEMMER", "PLANER FOR {next}", "BORGERMØDER OG DIALOG", "ERFARINGER MED {COMPOUND}",
)

_SENTENCE_END = re.compile(r"(?<=[a-zæøå0-9)])[.!?](?=\s+[A-ZÆØÅ])")
_BAD = re.compile(r"[|·•…\t\"”“«»#*_\[\]<>=]|https?:|www\.|deltog ikke|\bSide\b|\bpkt\.|\bSag\b|Sagsnr|Sagsbehandler|Punkt|\d\.\s")


def towns(count: int = 60) -> list[str]:
    """`count` distinct fictitious town names, one word each ("Hedelund", "Fjordby", ...)."""
    names: list[str] = []
    for i in range(len(_TOWN_HEADS) * len(_TOWN_TAILS)):
        head = _TOWN_HEADS[i % len(_TOWN_HEADS)]
        tail = _TOWN_TAILS[(i * 5 + i // len(_TOWN_HEADS)) % len(_TOWN_TAILS)]
        name = head + tail
        if name not in names:
            names.append(name)
        if len(names) == count:
            break
    return names


def compounds() -> list[str]:
    """Every head+tail compound, ordered so that common parts combine first."""
    pairs = sorted(
        ((h, t) for h in range(len(COMPOUND_HEADS)) for t in range(len(COMPOUND_TAILS))),
        key=lambda ht: ((ht[0] + 1) * (ht[1] + 1), ht),
    )
    return [COMPOUND_HEADS[h].lower() + COMPOUND_TAILS[t] for h, t in pairs]


@lru_cache(maxsize=1)
def seed_sentences() -> tuple[str, ...]:
    """Prose sentences of the seed texts and layout samples, reflowed, deduplicated.

    Only sentences that cannot be mistaken for a heading, field line, label or decision
    header are kept, so the generated files segment exactly as generated.
    """
    sources = sorted((ROOT / "seeds").glob("*")) + sorted((ROOT / "tests" / "fixtures" / "layouts").glob("*.txt"))
    found: dict[str, None] = {}
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for paragraph in re.split(r"\n\s*\n", text):
            kept = [line for line in paragraph.split("\n") if _prose_line(line.strip())]
            flat = " ".join(" ".join(kept).split())
            for sentence in _SENTENCE_END.sub(lambda m: m.group(0) + "\n", flat).split("\n"):
                sentence = sentence.strip()
                words = sentence.split()
                if not 6 <= len(words) <= 45 or not sentence[0].isupper() or sentence[-1] not in ".!?":
                    continue
                if _BAD.search(sentence) or any(w.isupper() and len(w) > 3 for w in words[:2]):
                    continue
                if sum(w[:1].islower() for w in words) < 0.6 * len(words):
                    continue  # a run of names or a flattened heading, not prose
                found[sentence] = None
    return tuple(found)


def _prose_line(text: str) -> bool:
    """A line of running text: not a label, field line, decision header, heading or list line."""
    from indexer import conventions as cv

    if not text or cv.label_of(text) or cv.field_line(text) or cv.decision_header(text):
        return False
    if re.match(r"^(\d{1,3}[.)]|Punkt\b|Pkt\.|[-–•])", text) or re.search(r"\((B|O)\)|\.{3,}|\s\d{1,3}$", text):
        return False
    return not (text.isupper() or cv.is_attendance(text))
