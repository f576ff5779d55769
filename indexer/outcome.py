"""What a council decided, from the text of an item's decision section («Beslutning»): one outcome
of `OUTCOMES` for a facet, or None where no decision is recorded.

Rules of precedence (`decision_outcome`):
1. A negated approval («ikke godkendt», «kunne ikke anbefale», «godkendes ikke», «ikke tiltrådt»)
   is Afvist, never Godkendt/Anbefalet: the negation is matched where it starts, before its verb.
2. Among the decisive outcomes (Godkendt, Anbefalet, Afvist, Udsat, Valgt) the one mentioned first
   wins: «Anbefales godkendt» → Anbefalet, «Godkendt, idet punkt 3 udsættes» → Godkendt.
3. Taget til efterretning and Drøftet are weak: used only when nothing decisive is mentioned, and
   noting beats discussing («Drøftet og taget til efterretning» → Taget til efterretning).
4. A decisive verb with an earlier time right after it («Byrådet godkendte i 2022 …») or before it
   («har tidligere godkendt», «Punktet var udsat fra …») is the item's story and is skipped.
5. «X besluttede: 1. … 2. …» lets its list decide, and is Godkendt only when the list says nothing
   decisive; a decision text matching nothing is Andet.

Judgement calls, documented so a reviewer can overrule them:
- Forwarded for approval («Sagen sendes til godkendelse i Byrådet», «Oversendes til byrådet»,
  «indstilles til Byrådets godkendelse») is Anbefalet; forwarded sideways («Sagen sendes videre til
  Teknik- og Miljøudvalget», «Oversendt til 2. behandling») is Andet.
- Carried over or withdrawn («Sagen genoptages på næste møde», «Tages op igen», «Sagen blev
  trukket», «Punktet udgår») is Udsat: nothing was decided this time, the item may come back.
- «X orienterede om …» is an orientation given, so Taget til efterretning.
- Agreeing and granting («Ældrerådet bakker op», «tilslutter sig», «støtter», «Klagen blev
  imødekommet», «Det blev aftalt at …») are Godkendt; a recommendation («anbefaler») is Anbefalet.
- «Afgiver høringssvar som drøftet» is not Drøftet: «som drøftet» points at the discussion the
  answer rests on. A consultation answer sent is Andet, one adopted («Høringssvaret blev vedtaget»)
  Godkendt.
- «udsatte børn», «socialt udsatte», «udsat for» (exposed to) are never Udsat; «valgt at» (chose to)
  is never Valgt.

>>> decision_outcome("Godkendt.")
'Godkendt'
>>> decision_outcome("Anbefales godkendt over for Byrådet.")
'Anbefalet'
>>> decision_outcome("Indstillingen blev ikke godkendt, da lokalerne er optaget.")
'Afvist'
>>> decision_outcome("Udvalget drøftede sagen og godkendte indstillingen.")
'Godkendt'
>>> decision_outcome("Drøftet og taget til efterretning.")
'Taget til efterretning'
>>> decision_outcome("Udvalget ønsker en ny indsats for udsatte børn og unge. Drøftet.")
'Drøftet'
>>> decision_outcome("Der nedsættes en arbejdsgruppe."), decision_outcome("  ")
('Andet', None)
"""

from __future__ import annotations

import re

GODKENDT = "Godkendt"
ANBEFALET = "Anbefalet"
AFVIST = "Afvist"
UDSAT = "Udsat"
TAGET_TIL_EFTERRETNING = "Taget til efterretning"
DROEFTET = "Drøftet"
VALGT = "Valgt"
ANDET = "Andet"
# The order a facet lists them when counts tie.
OUTCOMES: tuple[str, ...] = (GODKENDT, ANBEFALET, AFVIST, UDSAT, TAGET_TIL_EFTERRETNING, DROEFTET, VALGT, ANDET)

# An outcome is stated at the start; later paragraphs are the reasoning, protocol remarks and votes.
OUTCOME_CHARS = 600

_DECIDED = r"beslut(?:tede|tet|tes|ter)\s+(?:enstemmigt\s+|derfor\s+|herefter\s+)?"
# Group name → outcome. At one position the first alternative listed wins, so the negations and the
# «besluttede at <verb>» forms come before the plain verbs they start with.
_PATTERNS: tuple[tuple[str, str, str], ...] = (
    ("afvist", AFVIST,
     # «ikke godkendt», «kan ikke anbefale», «blev ikke tiltrådt», «ikke at imødekomme»
     r"\bikke\s+(?:at\s+)?(?:(?:kan|kunne|vil|ville)\s+)?(?:godkend(?:e|er|es|t|te)?|anbefal(?:e|er|es|et|ede)"
     r"|tiltræd(?:e|er|es)|tiltrådt[e]?|vedtag(?:e|es|et)|vedtog|imødekom(?:me|mes|met)?|bevilg(?:e|es|et|ede)"
     r"|støtte|tilslutte\s+sig|følge\s+indstillingen|enige?\s+i)\b"
     # «godkendes ikke», «Udvalget anbefaler ikke …»: the verb first, at the same place as the approval
     r"|\b(?:godkend(?:er|es|t|te)|anbefal(?:er|es|et|ede)|tiltræd(?:er|es)|tiltrådte|vedtog|vedtages"
     r"|imødekom(?:mes)?|bevilg(?:er|es|ede)|støtter)\s+ikke\b"
     rf"|\b{_DECIDED}(?:ikke\s+at|at\s+ikke|at\s+(?:afvise|forkaste|give\s+afslag))\b"
     r"|\bafvi(?:st|ses|ste|ser)\b|\bat\s+afvise\b|\bforkast(?:et|es|ede|er)\b"
     # «Der gives afslag», «Afslag.»; not «Afslag på ansøgning om …» as a title
     r"|\b(?:gives?|gav|givet|meddeles|meddelt|meddelte|fik|får)\s+(?:\w+\s+)?afslag\b|(?<![^\n])afslag\b(?!\s+på\b)"),
    ("udsat_decided", UDSAT, rf"\b{_DECIDED}at\s+(?:udsætte|udskyde)\b"),
    ("anbefalet_decided", ANBEFALET, rf"\b{_DECIDED}at\s+(?:anbefale|indstille|oversende)\b"),
    ("valgt_decided", VALGT, rf"\b{_DECIDED}at\s+(?:gen)?(?:vælge|udpege|konstituere)\b"),
    ("noted_decided", TAGET_TIL_EFTERRETNING,
     rf"\b{_DECIDED}(?::\s*(?:1\.\s*)?)?at\s+(?:tage\s|.{{0,60}}?\btages\s)[^.]{{0,60}}?\btil\s+(?:efterretning|orientering)\b"),
    # «Økonomiudvalget besluttede: 1. …»: the list says what (rule 5)
    ("decided_list", GODKENDT, rf"\b{_DECIDED}:"),
    ("udsat", UDSAT,
     # the participle where it is the outcome: «Udsat.», «Sagen blev udsat», «udsat til næste møde»;
     # not «socialt udsat», «udsat for» (exposed to), «Punktet var udsat fra mødet …» (its story)
     r"(?<![^\n])udsat\b(?!\s+(?:fra|for)\b)"
     r"|\b(?:blev|er|bliver)\s+(?:derfor\s+|enstemmigt\s+)?udsat\b(?!\s+(?:fra|for)\b)"
     r"|\budsat(?<!socialt udsat)(?<!særligt udsat)(?<!særlig udsat)(?<!mest udsat)(?<!meget udsat)(?<!var udsat)"
     r"(?=\s*(?:[.,;:!)]|$)|\s+(?:til|indtil|på|idet|da|fordi|med|og|under|efter)\b)"
     r"|\budsættes\b(?!\s+for\b)|\budsætter\b(?!\s+(?:\w+\s+)?for\b)"
     r"|\budsatte\s+(?:sagen|punktet|punkt|behandlingen|beslutningen|forslaget|indstillingen|den|det)\b"
     r"|\b(?:udskudt|udskydes|udskød)\b"
     # carried over or withdrawn
     r"|\bgenoptages\s+(?:på|i|ved|til|når|efter)\b|\b(?:sagen|punktet)\s+genoptages\b|\btages\s+op\s+igen\b"
     r"|\b(?:sagen|punktet|forslaget)\s+(?:blev\s+)?(?:trukket|udgik|udgår)\b|\btrukket\s+(?:af|fra)\s+dagsordenen\b"),
    ("anbefalet", ANBEFALET,
     r"\banbefal(?:es|et|er|ede)\b|\bindstille[rs]\b"
     # forwarded for approval: «indstilles til Byrådets godkendelse», «sendes til godkendelse i Byrådet»
     r"|\btil\s+(?:endelig\s+)?(?:[\wæøå-]+s\s+)?godkendelse\b"
     r"|\b(?:over|videre)?send(?:es|t|ere)?\s+(?:videre\s+)?til\s+(?:endelig\s+)?(?:beslutning|godkendelse"
     r"|byrådet|kommunalbestyrelsen|regionsrådet|økonomiudvalget|borgerrepræsentationen)\b"),
    ("valgt", VALGT,
     r"\b(?:gen)?valgt\b(?!\s+at\b)|\b(?:gen)?vælges\b|\bkonstituere(?:t|de|r)\b"
     r"|\budpeg(?:et|es|ede)\b"
     r"|\b(?:gen)?valgte\s+(?!at\b)[^.]{0,60}?\b(?:som|til)\s+(?:ny\s+)?(?:formand|næstformand|forperson"
     r"|næstforperson|ordstyrer|dirigent|referent|medlem|repræsentant|suppleant)"),
    ("godkendt", GODKENDT,
     r"\bgodkend(?:t|es|te|er)\b|\bat\s+godkende\b|\bvedt(?:aget|ages|og)\b|\btiltr(?:ådt|ådte|ædes)\b"
     # not «Ny direktør tiltræder 1. april» (takes office)
     r"|\btiltræder\s+(?:\w+s\s+)?(?:indstilling|forslag|anbefaling|beslutning|aftale)\w*"
     r"|\bbevilg(?:et|es|ede|er)\b|\bsom\s+indstillet\b|\bindstilling\w*\s+(?:blev\s+)?følge[st]\b"
     r"|\b(?:følger|fulgte)\s+indstillingen\b|\bimødekom(?:met|mes|mer)?\b|\btilslut(?:ter|tede)\s+sig\b"
     r"|\bbak(?:ker|kede)\s+op\b|\bstøt(?:ter|tede)\b|\benige?\s+i\b|\b(?:gav|giver)\s+tilskud\b"
     r"|\b(?:blev|er)\s+(?:derfor\s+|herefter\s+)?aftalt\b|\baftalte\b"
     rf"|\b{_DECIDED}"),
    ("noted", TAGET_TIL_EFTERRETNING,
     r"\btil\s+(?:efterretning|orientering)\b|\borientering(?:en)?\s+(?:blev\s+|er\s+)?givet\b"
     r"|\borienterede\b|\b(?:blev|er)\s+orienteret\b|\bnoteret\b"),
    # «som drøftet» points at the discussion a decision rests on, no outcome of its own
    ("discussed", DROEFTET,
     r"\b(?<!som )(?:drøft(?:et|ede|es)|drøftelse|debatter(?:et|ede)|diskuter(?:et|ede))\b"),
)
# Every alternative starts a word: one `\b` in front spares the others at every other position. The
# patterns are lower case and read lower-cased text: a third faster than `re.IGNORECASE`.
_OUTCOME = re.compile(r"\b(?:" + "|".join(f"(?P<{name}>{pattern})" for name, _, pattern in _PATTERNS) + ")")
_OUTCOME_OF = {name: outcome for name, outcome, _ in _PATTERNS}
_DECISIVE = frozenset((GODKENDT, ANBEFALET, AFVIST, UDSAT, VALGT))

# A decision of another time told in the decision (as `indexer.items._EARLIER_TIME`): the time right
# after the verb («godkendte i 2022», «… sidste år»), or an adverb or pluperfect right before it
# («har tidligere godkendt», «havde vedtaget»). Elsewhere a time is what was decided.
_EARLIER_AFTER = re.compile(
    r"\s+(?:allerede\s+)?(?:i\s+(?:19|20)\d{2}|sidste\s+år|sidste\s+gang|i\s+fjor|tidligere|dengang|i\s+sin\s+tid"
    r"|forrige\s+(?:år|møde|måned))\b")
_EARLIER_BEFORE = re.compile(r"\b(?:tidligere|allerede|oprindeligt?|havde|dengang)\s+$")
_BEFORE_CHARS = 14  # «oprindeligt » and a little


def decision_outcome(decision: str) -> str | None:
    """The outcome of `decision`, an item's decision text: None for an empty or blank text,
    otherwise exactly one of `OUTCOMES` (the module's rules).

    >>> decision_outcome("Økonomiudvalget anbefaler, at Byrådet godkender forslaget.")
    'Anbefalet'
    >>> decision_outcome("Godkendt, idet punkt 3 udsættes.")
    'Godkendt'
    >>> decision_outcome("Byrådet godkendte i 2022 en ramme på 4 mio. kr. Taget til efterretning.")
    'Taget til efterretning'
    """
    text = decision[:OUTCOME_CHARS].lower()
    if not text.strip():
        return None
    weak = listed = None
    for match in _OUTCOME.finditer(text):
        outcome = _OUTCOME_OF[match.lastgroup]
        if _told_as_earlier(text, match):
            continue
        if match.lastgroup == "decided_list":
            listed = GODKENDT
        elif outcome in _DECISIVE:
            return outcome
        elif outcome == TAGET_TIL_EFTERRETNING or weak is None:
            weak = outcome  # noting beats discussing, whichever comes first
    return listed or weak or ANDET


def _told_as_earlier(text: str, match: re.Match[str]) -> bool:
    """Whether `match` is a decision of another time: `_EARLIER_AFTER` right after it, or
    `_EARLIER_BEFORE` right before it."""
    return bool(_EARLIER_AFTER.match(text, match.end())
                or _EARLIER_BEFORE.search(text[max(0, match.start() - _BEFORE_CHARS):match.start()]))
