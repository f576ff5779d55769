"""What a council decided, from the text of an item's decision section («Beslutning»): one outcome
of `OUTCOMES` for a facet, or None where no decision is recorded.

Rules of precedence (`decision_outcome`):
1. A negated approval («ikke godkendt», «Ej godkendt», «kunne ikke anbefale», «godkendes ikke»,
   «ikke tiltrådt») is Afvist, never Godkendt/Anbefalet: the negation is matched where it starts,
   before its verb. A negated weak outcome («Ikke drøftet», «drøftede ikke sagen», «Ikke til
   efterretning», «tog ikke orienteringen til efterretning») is no outcome: Andet unless more is said.
2. Among the decisive outcomes (Godkendt, Anbefalet, Afvist, Udsat, Høringssvar, Valg) the one mentioned first
   wins (but rule 7): «Anbefales godkendt» → Anbefalet, «Godkendt, idet punkt 3 udsættes» → Godkendt.
3. Taget til efterretning and Drøftet are weak: used only when nothing decisive is mentioned, and
   noting beats discussing («Drøftet og taget til efterretning» → Taget til efterretning). A refusal
   after the item was noted is a reservation, not a rejection («Tages til efterretning. Udvalget kan
   dog ikke godkende, at tidsplanen ændres» → Taget til efterretning).
4. A decisive verb with an earlier time right after it («Byrådet godkendte i 2022 …», «… den 12. maj
   2022», «udsat på sidste møde», «på mødet den …», «godkendte ikke budgettet i første omgang») or
   before it («har tidligere godkendt», «har den 4. maj godkendt», «har i 2022 godkendt», «Punktet var
   udsat fra …», «…, hvor den blev udsat») is the item's story and is skipped; the time after it may be
   «i maj 2023», «d. 12. maj 2022», «12. maj 2022», «den 12/5 2022», and after a preterite a month alone
   («besluttede i marts»). The «at …» clause such a verb governs is its story too («Udvalget besluttede i
   marts 2023 at afvise ansøgningen. Sagen blev drøftet.» → Drøftet; «har tidligere besluttet, at sagen
   udsættes. Godkendt.» → Godkendt). A dated decisive verb that is the only outcome told is this
   decision's own date, with its clause's outcome («Godkendt den 12. maj 2026 af formanden» → Godkendt,
   «Udvalget besluttede i marts 2023 at afvise ansøgningen.» → Afvist).
5. «X besluttede: 1. … 2. …» lets its list decide, and is Godkendt when the list says nothing
   decisive, unless its only point is noting («besluttede: 1. at orienteringen tages til efterretning»
   → Taget til efterretning; «1. at budgetopfølgningen tages til efterretning, 2. at merforbruget
   finansieres …» → Godkendt). «besluttede at <clause>», «godkendte at …», «er enig i, at …» (with or
   without a comma before «at») take the clause's postponement or rejection («besluttede at sagen
   udsættes» → Udsat, «… at ansøgningen ikke
   imødekommes» → Afvist, «… at tage sagen af dagsordenen» → Udsat), are Andet for a hearing
   («besluttede at sende sagen i høring», as «Sagen sendes i høring») and Godkendt otherwise.
6. A clause (a sentence split at «, idet», «, men», «, og», «, som», «, da», «, så længe», «, mens»,
   «; ») whose subject is a minority («Et mindretal (C) …»), a party or member that dissents
   («V kan ikke tiltræde», «Jens Hansen (V) stemte imod», «Venstre tog forbehold», «C ønskede …»; a
   positive one, «A, F og Ø godkendte indstillingen», is the majority's decision and counts), an amendment
   («Ændringsforslag fra V om at
   udsætte …», «Ændringsforslaget faldt») or the administration («Forvaltningen/Direktionen/
   Administrationen indstiller …») is not the council's outcome and is skipped, even when nothing
   else is said («Et mindretal (V) kunne ikke godkende indstillingen.» → Andet: the outcome is not told).
   Only that clause: «A, F og Ø godkendte indstillingen, idet V og C stemte imod» → Godkendt. A later
   clause goes with such a first clause («Et mindretal (V) stemte imod, idet de ikke kunne godkende …»)
   unless it follows «men» or says «herefter»/«flertal» («V og C stemte imod indstillingen, som herefter
   blev godkendt», «Ændringsforslag fra V blev godkendt, og den ændrede indstilling blev herefter
   godkendt» → Godkendt), or follows «, og»/«;» with the item or the council as its own subject: a
   party's wish, then the committee's act («V ønskede sagen udsat, og sagen blev udsat» → Udsat; not
   «…, idet de ikke kunne …», the party again).
   A decision text matching nothing is Andet.
7. An approval that names nothing of its own («Godkendt.», «Indstillingen blev godkendt», «Dagsordenen
   godkendt», «Udvalget godkendte indstillingen») followed by an election to an office («Udvalget valgte
   Anne Hansen som formand», «Som medlem af bestyrelsen udpegedes …», «Formand: Anne Hansen» as a field)
   is Valg: the election is what was approved, the decision's main act. An approval of something named
   stays first («Budgettet blev godkendt. Anne Hansen blev valgt som kontaktperson.» → Godkendt), and so
   does a bare approval before a choice that elects no one («Godkendt. Udvalget har valgt model B.» →
   Godkendt) or a sentence that goes on («Godkendt, idet Anne Hansen blev valgt som formand» → Godkendt).
   The election must be told as made, in the past, perfect or passive past («blev valgt», «valgte»,
   «udpegede», «er valgt», «Som formand valgtes …»), not as one to come or a present passive that may look
   ahead («Godkendt. Ny formand vælges på næste møde.», «… Der skal vælges en ny repræsentant …»,
   «… vil blive udpeget», «Indstillingen godkendt. Repræsentanten vælges for resten af valgperioden.» →
   Godkendt), nor another body's reported in an «at …» clause («Godkendt. Formanden orienterede om, at
   Jens Hansen er valgt som formand for KL's social- og sundhedsudvalg.», «Det blev oplyst, at …» → Godkendt).

Judgement calls, documented so a reviewer can overrule them:
- Forwarded for approval («Sagen sendes til godkendelse i Byrådet», «Oversendes til byrådet»,
  «indstilles til Byrådets godkendelse») is Anbefalet; forwarded sideways («Sagen sendes videre til
  Teknik- og Miljøudvalget», «Oversendt til 2. behandling») or without a recommendation («Sagen
  sendes til Byrådet uden anbefaling», «… uden indstilling») is Andet.
- Carried over, withdrawn or waiting («Sagen genoptages på næste møde», «Tages op igen», «Udvalget
  genoptager sagen i april», «Sagen behandles på næste møde», «Punktet blev ikke nået», «Sagen afventer
  svar», «Sagen blev trukket», «Punktet blev taget af dagsordenen», «Punktet udgår») is Udsat: nothing
  was decided this time, the item may come back. A bare «Tages op igen …»/«Genoptages …» (no subject)
  after other text is a sub-topic followed up later, not the item's outcome («Slides … er vedlagt.
  Rådet vil gerne have uddybning … Tages op igen efter den 1.7.2017» → Andet).
- An election not made («Rådet kunne ikke udpege en repræsentant», «blev ikke valgt») is Udsat: the
  seat is still to fill; so is one put to a later meeting («Ny formand vælges på næste møde», «Der skal
  vælges … på næste møde»). One only to come («Anne Hansen vil blive udpeget») is no outcome. Another
  body's election («Bestyrelsen genvalgt ved generalforsamling», «X - Bestyrelsen genvalgt» in a news
  round, «Formanden orienterede om, at Jens Hansen er valgt som formand for KL's …», «Det blev oplyst, at
  …», «Borgmesteren meddelte, at …») is not the council's and is skipped. A present passive alone is
  this decision («Anne Hansen vælges som formand» → Valg).
- «X orienterede om …» is an orientation given, so Taget til efterretning.
- Agreeing and granting («Ældrerådet bakker op», «tilslutter sig», «støtter», «Klagen blev
  imødekommet», «Det blev aftalt at …», «Dispensation meddeles», «Bevillingen gives») are Godkendt;
  a recommendation («anbefaler») is Anbefalet. «Forslaget faldt», «nedstemt», «opnåede ikke flertal»,
  «Forslaget bortfalder», «Der meddeles ikke dispensation» are Afvist.
- Høringssvar: the council gives, sends or approves a consultation answer («Rådet afgiver
  høringssvar som drøftet», «besluttede at afgive høringssvar om, at …», «Handicaprådet sender
  høringssvar», «Høringssvaret blev godkendt»). It is decisive, what advisory councils (ældreråd,
  handicapråd, integrationsråd) mostly decide; «som drøftet» points at the discussion the answer rests
  on. Not «Sagen sendes i høring» (Andet), «høringssvarene blev drøftet» (Drøftet) or «tog
  høringssvarene til efterretning» (Taget til efterretning): answers received. «har ingen bemærkninger
  til høringen/høringsmaterialet» is an answer (Høringssvar); a bare «har ingen bemærkninger» and
  «tager høringen til efterretning uden bemærkninger» are not (Andet, Taget til efterretning). An answer
  declined («undlader at afgive høringssvar», «besluttede ikke at / har valgt ikke at afgive
  høringssvar», «afgiver ikke høringssvar») is no outcome (Andet): not Afvist, not a failed election.
- «udsatte børn», «socialt udsatte», «udsat for» + a noun (exposed to: «udsat for vold») are never
  Udsat; «udsat for at …», «udsættes for at …» (postponed in order to) are. «valgt at» (chose to) is
  never Valg; with an outcome's verb it reads as «besluttede at» («valgte at udsætte sagen» → Udsat,
  «valgte at anbefale indstillingen» → Anbefalet, «valgte ikke at anbefale» → Afvist), otherwise a choice
  of no outcome («Rådet valgte at holde mødet i marts» → Andet; not Godkendt as «besluttede at …» would be).
- An election as a field, a line holding at most a name («Formand: Anne Hansen», «Genvalg af formand:
  Anne Hansen.»), is Valg when nothing else decisive is said; so are «Ny formand blev …», «… fortsætter
  som formand», «Elected».
- English of parallel-language minutes: «Approved», «Adopted», «Recommended», «Rejected», «Not
  approved/adopted/recommended» (Afvist), «Postponed», «Noted», «Discussed».

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
>>> decision_outcome("Ældrerådet afgiver høringssvar som indstillet.")
'Høringssvar'
>>> decision_outcome("Der nedsættes en arbejdsgruppe."), decision_outcome("  ")
('Andet', None)
"""

from __future__ import annotations

import re

from indexer.dates import DANISH_MONTH_PATTERN

GODKENDT = "Godkendt"
ANBEFALET = "Anbefalet"
AFVIST = "Afvist"
UDSAT = "Udsat"
TAGET_TIL_EFTERRETNING = "Taget til efterretning"
DROEFTET = "Drøftet"
VALG = "Valg"
HOERINGSSVAR = "Høringssvar"
ANDET = "Andet"
# The order a facet lists them when counts tie: Høringssvar, decisive, next to the other decisions a
# council makes of its own (what the advisory councils mostly do), before the weak outcomes.
OUTCOMES: tuple[str, ...] = (GODKENDT, ANBEFALET, AFVIST, UDSAT, HOERINGSSVAR, TAGET_TIL_EFTERRETNING, DROEFTET, VALG,
                             ANDET)

# An outcome is stated at the start; later paragraphs are the reasoning, protocol remarks and votes.
OUTCOME_CHARS = 600

# «besluttede at», «besluttede, at», «besluttede,at»: the comma changes nothing
_DECIDED = r"beslut(?:tede|tet|tes|ter)(?:\s*,\s*|\s+)(?:enstemmigt\s+|derfor\s+|herefter\s+)?"
_APPROVED_THAT = r"godkend(?:te|er|t)(?:\s*,\s*|\s+)"
# «valgte at anbefale», «har valgt ikke at …»: choosing to act on the item is deciding to (not «valgte at holde
# mødet i marts», a choice of no outcome, so not in «decided_clause»)
_CHOSE = r"valg(?:te|t)(?:\s*,\s*|\s+)(?:enstemmigt\s+|derfor\s+|herefter\s+)?"
# Group name → outcome. At one position the first alternative listed wins, so the negations and the
# «besluttede at <verb>» forms come before the plain verbs they start with.
_ANSWER = r"(?:afgive|sende|fremsende|indsende)\s+(?:[\wæøå]+\s+){0,2}?høringssvar"
_PATTERNS: tuple[tuple[str, str, str], ...] = (
    # «Rådet undlader at afgive høringssvar», «besluttede ikke at afgive høringssvar», «har valgt ikke at
    # afgive høringssvar», «afgiver ikke høringssvar»: no answer given, neither Høringssvar nor Afvist (Andet)
    ("no_answer", ANDET,
     r"\b(?:ikke|ej|undl(?:ader|od|ade|adt))\s+at\s+" + _ANSWER),
    ("afvist", AFVIST,
     # «ikke godkendt», «kan ikke anbefale», «blev ikke tiltrådt», «ikke at imødekomme»
     r"\b(?:ikke|ej)\s+(?:at\s+)?(?:(?:kan|kunne|vil|ville)\s+)?(?:godkend(?:e|er|es|t|te)?|anbefal(?:e|er|es|et|ede)"
     r"|tiltræd(?:e|er|es)|tiltrådt[e]?|vedtag(?:e|es|et)|vedtog|imødekom(?:me|mes|met)?|bevilg(?:e|es|et|ede)"
     r"|støtte|tilslutte\s+sig|følge\s+indstillingen|enige?\s+i)\b"
     # «godkendes ikke», «Udvalget anbefaler ikke …»: the verb first, at the same place as the approval
     r"|\b(?:godkend(?:er|es|t|te)|anbefal(?:er|es|et|ede)|tiltræd(?:er|es)|tiltrådte|vedtog|vedtages"
     r"|imødekom(?:mes)?|bevilg(?:er|es|ede)|støtter)\s+ikke\b"
     rf"|\b(?:{_DECIDED}|{_CHOSE})(?:ikke\s+at(?!\s+{_ANSWER})|at\s+ikke|at\s+(?:afvise|forkaste|give\s+afslag))\b"
     r"|\bafvi(?:st|ses|ste|ser)\b|\bat\s+afvise\b|\bforkast(?:et|es|ede|er)\b|\bnedstem(?:t|mes|te)\b|\brejected\b"
     r"|\bnot\s+(?:approved|adopted|recommended)\b"
     r"|\b(?:forslaget|ændringsforslaget|medlemsforslaget|indstillingen|ansøgningen)\s+(?:faldt|bortfald(?:er|t))\b"
     r"|\b(?:opnåede\s+ikke|ikke\s+opnåede)\s+(?:et\s+)?flertal\b|\bikke\s+(?:et\s+)?flertal\s+for\b"
     r"|\b(?:meddeles|meddelte|gives|gav)\s+ikke\s+(?:\w+\s+)?(?:dispensation|tilladelse|tilskud)\b"
     # «Der gives afslag», «Afslag.»; not «Afslag på ansøgning om …» as a title
     r"|\b(?:gives?|gav|givet|meddeles|meddelt|meddelte|fik|får)\s+(?:\w+\s+)?afslag\b|afslag(?<![^\n]afslag)\b(?!\s+på\b)"),
    # «Ikke drøftet», «drøftede ikke sagen», «tog ikke orienteringen til efterretning», «Sagen blev ikke
    # udsat», «udsættes ikke»: skipped (Andet)
    ("negated_weak", ANDET,
     r"\b(?:ikke|ej)\s+(?:(?:taget|blev|er)\s+)?(?:drøft\w*|til\s+(?:efterretning|orientering)|udsat\b|udskudt\b)"
     r"|\b(?:udsættes|udskydes)\s+ikke\b"
     r"|\b(?:drøftede|drøftes)\s+ikke\b|\b(?:tog|tager)\s+ikke\s+(?:[\wæøå]+\s+){0,3}?til\s+(?:efterretning|orientering)\b"),
    ("udsat_decided", UDSAT, rf"\b(?:{_DECIDED}|{_CHOSE})at\s+(?:udsætte|udskyde)\b"),
    ("anbefalet_decided", ANBEFALET, rf"\b(?:{_DECIDED}|{_CHOSE})at\s+(?:anbefale|indstille|oversende)\b"),
    ("hoeringssvar_decided", HOERINGSSVAR,
     rf"\b(?:{_DECIDED}|{_CHOSE}|{_APPROVED_THAT})at\s+(?:afgive|sende|fremsende|indsende|godkende)\s+"
     r"(?:[\wæøå]+\s+){0,2}?høringssvar"),
    ("valgt_decided", VALG, rf"\b{_DECIDED}at\s+(?:gen)?(?:vælge|udpege|konstituere)\b"),
    ("noted_decided", TAGET_TIL_EFTERRETNING,
     rf"\b(?:{_DECIDED}|{_CHOSE})at\s+(?:tage\s|.{{0,60}}?\btages\s)[^.]{{0,60}}?"
     r"\btil\s+(?:efterretning|orientering)\b"),
    # «Økonomiudvalget besluttede: 1. …»: the list says what (rule 5)
    ("decided_list", GODKENDT, r"\bbeslut(?:tede|tet|tes|ter)(?:\s+(?:enstemmigt|derfor|herefter))?\s*:"),
    # «besluttede at sagen udsættes», «godkendte at udsætte», «er enig i, at …»: the clause decides (rule 5)
    ("decided_clause", GODKENDT, rf"\b(?:{_DECIDED}|{_APPROVED_THAT}|enige?\s+i,?\s+)at\s"),
    ("udsat", UDSAT,
     # the participle where it is the outcome: «Udsat.», «Sagen blev udsat», «udsat til næste møde»;
     # not «socialt udsat», «udsat for» (exposed to), «Punktet var udsat fra mødet …» (its story)
     r"udsat(?<![^\n]udsat)\b(?!\s+fra\b|\s+for\b(?!\s+at\b))"
     r"|\b(?:blev|er|bliver)\s+(?:derfor\s+|enstemmigt\s+)?udsat\b(?!\s+fra\b|\s+for\b(?!\s+at\b))"
     r"|\budsat(?<!socialt udsat)(?<!særligt udsat)(?<!særlig udsat)(?<!mest udsat)(?<!meget udsat)(?<!var udsat)"
     r"(?=\s*(?:[.,;:!)]|$)|\s+(?:til|indtil|på|idet|da|fordi|med|og|under|efter)\b)"
     r"|\budsættes\b(?!\s+for\b(?!\s+at\b))|\budsætter\b(?!\s+(?:\w+\s+)?for\b(?!\s+at\b))"
     r"|\bpostponed\b|\bikke\s+nået\b|\bafvent(?:er|es)\b"
     r"|\b(?:behandles|tages\s+op|drøftes)\s+(?:igen\s+)?på\s+(?:næste|et\s+senere|kommende)\s+møde\b"
     r"|\budsatte\s+(?:sagen|punktet|punkt|behandlingen|beslutningen|forslaget|indstillingen|den|det)\b"
     r"|\b(?:udskudt|udskydes|udskød)\b"
     # carried over or withdrawn
     r"|\bgenoptages\s+(?:på|i|ved|til|når|efter)\b|\b(?:sagen|punktet)\s+genoptages\b|\btages\s+op\s+igen\b"
     r"|\b(?:sagen|punktet|forslaget)\s+(?:blev\s+|er\s+)?(?:trukket|udgik|udgår|udgået)\b"
     r"|\b(?:flyttet|flyttes)\s+til\s+(?:næste|et\s+senere|kommende)\s+møde\b"
     r"|\b(?:trukket|taget|tages|tog|tager)\s+(?:[\wæøå]+\s+)?(?:af|fra)\s+dagsordenen\b"),
    # «Udvalget genoptager sagen i april», «… genoptager den på mødet den 9. maj 2025»: ahead, never told
    # as earlier
    ("resumed", UDSAT, r"\bgenoptager\s+(?:sagen|punktet|den|det|drøftelsen|behandlingen)\b"),
    ("anbefalet", ANBEFALET,
     r"\banbefal(?:es|et|er|ede)\b|\bindstille[rs]\b|\brecommended\b"
     # forwarded for approval: «indstilles til Byrådets godkendelse», «sendes til godkendelse i Byrådet»
     r"|(?:\btil\s+(?:endelig\s+)?(?:[\wæøå-]+s\s+)?godkendelse\b"
     r"|\b(?:over|videre)?send(?:es|t|ere)?\s+(?:videre\s+)?til\s+(?:endelig\s+)?(?:beslutning|godkendelse"
     r"|byrådet|kommunalbestyrelsen|regionsrådet|økonomiudvalget|borgerrepræsentationen)\b)"
     # «sendes til Byrådet uden anbefaling» forwards without recommending
     r"(?![^.]{0,30}?\buden\s+(?:anbefaling|indstilling))"),
    # a consultation answer given, sent or approved: «afgiver høringssvar», «Høringssvaret blev godkendt»,
    # «godkendte høringssvaret»; not «Sagen sendes i høring», «høringssvarene blev drøftet»
    ("hoeringssvar", HOERINGSSVAR,
     r"\b(?:afgiver|afgav|afgive|afgives|afgivet|sender|sendte|sende|sendes|sendt|fremsender|fremsendte|indsender"
     r"|indsendte|godkend(?:er|es|te|t)|vedt(?:og|ager|ages|aget)|tiltrådte|tiltræder)\s+(?:et\s+|sit\s+|følgende\s+"
     r"|rådets\s+|det\s+|nyt\s+|skriftligt\s+|samlet\s+)?høringssvar"
     r"|\budarbejd(?:er|ede|es)\s+(?:et\s+|sit\s+|rådets\s+)?høringssvar"
     # «har ingen bemærkninger til høringen/høringsmaterialet»: the answer is that there are none
     r"|\bingen\s+bemærkninger\s+til\s+(?:[\wæøå]+\s+){0,2}?høring\w*"
     r"|høringssvar(?<![^\n]høringssvar)\s*:"
     r"|\bhøringssvar(?:et|ene)?\s+(?:blev\s+|er\s+)?(?:afgives|afgivet|godkend(?:es|t)|vedtages|vedtaget|tiltrådt"
     r"|sendes|sendt|fremsendes|fremsendt)\b"),
    # «kunne ikke udpege», «blev ikke valgt», «udpeges ikke»: no one elected, the election is still to come
    ("valg_negated", UDSAT,
     r"\b(?:ikke|ej)\s+(?:at\s+)?(?:(?:kan|kunne|vil|ville|blev)\s+)?(?:gen)?(?:vælge|valgt|vælges|valgte)"
     r"\b(?!\s+at\b)"
     r"|\b(?:ikke|ej)\s+(?:at\s+)?(?:(?:kan|kunne|vil|ville|blev)\s+)?(?:udpege|udpeget|udpeges|udpegede|konstituere)\b"
     r"|\b(?:(?:gen)?valgt(?:es)?|(?:gen)?vælges|udpeg(?:et|es|ede|edes))\s+ikke\b(?!\s+at\b)"),
    ("valgt", VALG,
     r"\b(?:gen)?valgt\b(?!\s+(?:ikke\s+)?at\b)|\b(?:gen)?vælges\b|\b(?:gen)?valgtes\b|\bkonstituere(?:t|de|des|r)\b"
     # «Som medlem af bestyrelsen udpegedes Anne Hansen»: the passive preterite too
     r"|\budpeg(?:et|es|ede|edes)\b"
     r"|\b(?:gen)?valgte\s+(?!at\b)[^.]{0,60}?\b(?:som|til)\s+(?:ny\s+)?(?:formand|næstformand|forperson"
     r"|næstforperson|ordstyrer|dirigent|referent|medlem|repræsentant|suppleant)"
     # short forms: «Ny formand blev …», «Anne Hansen fortsætter som formand», «Elected: …»
     r"|\bny\s+(?:næst)?(?:formand|forperson)\s+(?:blev|er)\s+(?=[a-zæøå])"
     r"|\bfortsætter\s+som\s+(?:næst)?(?:formand|forperson)\b|\b(?:re-?)?elected\b"),
    ("godkendt", GODKENDT,
     r"\bgodkend(?:t|es|te|er)\b|\bat\s+godkende\b|\bvedt(?:aget|ages|og)\b|\btiltr(?:ådt|ådte|ædes)\b"
     # not «Ny direktør tiltræder 1. april» (takes office)
     r"|\btiltræder\s+(?:\w+s\s+)?(?:indstilling|forslag|anbefaling|beslutning|aftale)\w*"
     r"|\bbevilg(?:et|es|ede|er)\b|\bsom\s+indstillet\b|\bindstilling\w*\s+(?:blev\s+)?følge[st]\b"
     r"|\b(?:følger|fulgte)\s+indstillingen\b|\bimødekom(?:met|mes|mer)?\b|\btilslut(?:ter|tede)\s+sig\b"
     r"|\bbak(?:ker|kede)\s+op\b|\bstøt(?:ter|tede)\b|\benige?\s+i\b|\b(?:gav|giver)\s+tilskud\b"
     r"|\b(?:blev|er)\s+(?:derfor\s+|herefter\s+)?aftalt\b|\baftalte\b|\bapproved\b|\badopted\b"
     r"|\bbevillingen\s+gives\b"
     r"|\b(?:dispensation|tilladelse)\s+(?:meddeles|gives|er\s+givet|blev\s+givet)\b"
     r"|\b(?:meddeles|gives|meddelte|gav)\s+(?:\w+\s+)?(?:dispensation|tilladelse)\b"
     rf"|\b{_DECIDED}(?!ikke\s+at\s+{_ANSWER})"),
    ("noted", TAGET_TIL_EFTERRETNING,
     r"\btil\s+(?:efterretning|orientering)\b|\borientering(?:en)?\s+(?:blev\s+|er\s+)?givet\b"
     r"|\borienterede\b|\b(?:blev|er)\s+orienteret\b|\bnoteret\b|\bnoted\b"),
    # «som drøftet» points at the discussion a decision rests on, no outcome of its own
    ("discussed", DROEFTET,
     r"\b(?<!som )(?:drøft(?:et|ede|es)|drøftelse|debatter(?:et|ede)|diskuter(?:et|ede)|discussed)\b"),
)
# Every alternative starts a word with a letter: one `\b(?=[a-zæøå])` in front spares the others at
# every word end and other position (half the scan time). The patterns are lower case and read
# lower-cased text: a third faster than `re.IGNORECASE`.
_OUTCOME = re.compile(r"\b(?=[a-zæøå])(?:" + "|".join(f"(?P<{name}>{pattern})" for name, _, pattern in _PATTERNS) + ")")
_OUTCOME_OF = {name: outcome for name, outcome, _ in _PATTERNS}
_DECISIVE = frozenset((GODKENDT, ANBEFALET, AFVIST, UDSAT, HOERINGSSVAR, VALG))

# the months as `indexer.dates` reads them, abbreviations too («12. dec. 2022»: a code-health review)
_MONTH = rf"(?:{DANISH_MONTH_PATTERN})\.?"
# A decision of another time told in the decision (as `indexer.items._EARLIER_TIME`): the time right
# after the verb («godkendte i 2022», «… den 12. maj 2022», «udsat på sidste møde», «godkendte ikke
# budgettet i første omgang»), or an adverb, pluperfect, dated perfect or «hvor» right before it («har
# tidligere godkendt», «havde vedtaget», «har den 4. maj godkendt», «…, hvor den blev udsat»).
# Elsewhere a time is what was decided.
_EARLIER_AFTER = re.compile(
    r"\s*(?:allerede\s+)?(?:i\s+(?:19|20)\d{2}|sidste\s+år|sidste\s+gang|i\s+fjor|tidligere(?!\s+end\b)|dengang"
    r"|i\s+sin\s+tid|forrige\s+(?:år|møde|måned)|på\s+(?:sidste|forrige)\s+møde|på\s+mødet\s+(?:den|i)\b"
    rf"|i\s+{_MONTH}\s+(?:19|20)\d{{2}}|ved\s+budgetvedtagelsen\s+(?:for\s+)?(?:19|20)\d{{2}}"
    # «den 12. maj 2022», «d. 12. maj 2022», «12. maj 2022», «den 12.05.2022», «den 12/5 2022»
    rf"|(?:den\s+|d\.\s*)?\d{{1,2}}(?:\.\s*(?:{_MONTH}|\d{{1,2}}\.?)|/\d{{1,2}}[\s/-]*)\s*(?:19|20)\d{{2}})\b"
    r"|[^.,;\n]{0,40}?\bi\s+første\s+omgang\b")
# A date in the earlier time: a dated decision that is the only outcome is this decision («Godkendt den 12.
# maj 2026 af formanden», «Udsat på mødet den 4. juni 2026»).
_DATED = re.compile(r"[^.\n]{0,30}?\d")
_EARLIER_BEFORE = re.compile(
    r"(?:\b(?:tidligere|allerede|oprindeligt?|havde|dengang)"
    rf"|\b(?:har|havde)\s+(?:den\s+\d{{1,2}}\.\s*(?:{_MONTH}|\d{{1,2}}\.)(?:\s*(?:19|20)\d{{2}})?|i\s+(?:(?:19|20)\d{{2}}|{_MONTH}))"
    r"|\bhvor\s+(?:den|det|sagen|punktet|udvalget|byrådet))\s+$")
_BEFORE_CHARS = 32  # «har den 12. september 2022 » and a little

# A sentence that is not the council's outcome (rule 6): a minority or a member («V kan ikke tiltræde»,
# «Jens Hansen (V) stemte imod», «Et mindretal (C) …», «Venstre …»), an amendment («Ændringsforslag fra
# V om at udsætte …», «Ændringsforslaget faldt») or the administration's recommendation quoted
# («Forvaltningen indstiller at …»). Party letters leave out «i» (the preposition starts sentences).
_PARTY = (r"(?:venstre|socialdemokrat(?:iet|erne)|dansk\s+folkeparti|sf|socialistisk\s+folkeparti|enhedslisten"
          r"|det\s+konservative\s+folkeparti|de\s+konservative|konservative|radikale\s+venstre|de\s+radikale"
          r"|liberal\s+alliance|nye\s+borgerlige|moderaterne|danmarksdemokraterne|alternativet"
          r"|kristendemokraterne|slesvigsk\s+parti|borgerlisten)")
_PROTOCOL = r"[\s\-–•*]*(?:(?:protokol\w*|mindretalsudtalelse)\s*:\s*)?"
_NOT_THE_COUNCIL = re.compile(
    _PROTOCOL + r"(?:(?:et\s+)?mindretal(?:let)?\b|(?:\w+\s+)?ændringsforslag"
    r"|(?:forvaltningen|direktionen|administrationen)\s+indstiller\b)")
# A party, party letters or a named member as the subject: the majority's decision when positive («A, F og
# Ø godkendte indstillingen»), a minority's when negated, dissenting or wishing (`_DISSENT`).
_MEMBER = re.compile(
    _PROTOCOL + r"(?:[abcdfkmoøvå](?:\s*(?:,|og)\s*[abcdfkmoøvå])*\s+(?=[a-zæøå])"
    rf"|(?:[\wæøå-]+\s+){{1,4}}\([a-zæøå]{{1,2}}\)|{_PARTY}\b)")
# Clauses of a sentence (rule 6): «A godkendte, idet V stemte imod», «V stemte imod, men …», «…; …».
_CLAUSE_SPLIT = re.compile(r"(?:,\s*(?:idet|men|og|som|da|så\s+længe|mens)|;)\s+")
# A clause that is the council's again after a minority's or member's: «…, men …», «…, som herefter …».
_COUNCIL_AGAIN = re.compile(r"\b(?:men|herefter|flertal(?:let)?)\b")
_DISSENT = re.compile(r"\b(?:ikke|ej|imod|forbehold|ændringsforslag\w*|ønske[rt]?|ønskede|foreslog|foreslår|undlod"
                      r"|hverken|protokol\w*|mindretal\w*)\b")
# A list's second point: «besluttede: 1. at …, 2. at …» decides more than noting (rule 5); not «2. maj».
_SECOND_POINT = re.compile(rf"(?:^|[\s,;])2[.)]\s+(?!{_MONTH}\b)")
# An election written as a field (`_FIELD_ELECTION`): «Formand: Anne Hansen», «Genvalg af formand: Anne
# Hansen.», a line holding at most a name; read only when nothing decisive is said (kept out of `_OUTCOME`,
# where it would be tried at every word).
_FIELD_ELECTION = re.compile(
    r"(?m)^[ \t\-–•*]*(?:(?:gen)?valg\s+af\s+|ny\s+)?(?:næst)?(?:formand|forperson)\s*:[ \t]*"
    r"[\wæøå-]+(?:[ \t]+[\wæøå.-]+){0,3}[ \t]*(?:\([a-zæøå]{1,2}\)[ \t]*)?\.?[ \t]*$")
# Another body's election told in a news round: «X - Bestyrelsen genvalgt», «… valgt ved generalforsamlingen».
_OTHER_BODY_BEFORE = re.compile(r"(?:(?:\s[-–]|:)\s+(?:hele\s+|den\s+(?:nye\s+|samlede\s+)?)?bestyrelse\w*"
                                r"\s+(?:blev\s+|er\s+|var\s+)?(?:\w+\s+)?$|\bgeneralforsamling)")
_OTHER_BODY_AFTER = re.compile(r"[^.\n]{0,60}?\b(?:ved|på)\s+(?:\w+\s+)?generalforsamling")
# Reported speech: what another body did, told in an «at …» clause («Formanden orienterede om, at Jens Hansen er
# valgt som formand for KL's …», «Det blev oplyst, at …», «Borgmesteren meddelte, at …»).
_REPORTED = re.compile(r"\b(?:orienter(?:ede|et|es|er)\s+om|oplys(?:te|t|es|er)|meddel(?:te|t|es|er)"
                       r"|informer(?:ede|et|es|er)(?:\s+om)?|fortalte|nævnte|redegjorde\s+for)\s*,?\s*at\s")
# An election in the present passive («vælges», «udpeges»): a decision told in the present, or one still to come.
_PRESENT_ELECTION = re.compile(r"(?:gen)?(?:vælges|udpeges|konstitueres)")
# An election still to come, a modal right before it: «skal vælges», «vil blive udpeget», «skal der efterfølgende
# udpeges» (not «kunne ikke …», an election not made); read on an election's match only (speed).
_MODAL_BEFORE = re.compile(r"\b(?:skal|skulle|vil|ville|kan|kunne|må|bør|burde)\s+(?:der\s+)?"
                           r"(?:(?!ikke\b|ej\b)[\wæøå]+\s+)?(?:blive\s+|være\s+)?$")
# ... at a later meeting («Ny formand vælges på næste møde», «Der skal vælges … på næste møde»): carried over.
_AT_A_LATER_MEETING = re.compile(r"[^.\n]{0,80}?\b(?:på|til|ved)\s+(?:det\s+|et\s+)?(?:næste|senere|kommende"
                                 r"|førstkommende)\s+[\wæøå]*møde\b")
_MODAL_CHARS = 40  # «skulle der efterfølgende blive » and a little
# A bare «Tages op igen …»/«Genoptages …» after other text: a sub-topic followed up later (a judgement call).
_BARE_FOLLOW_UP = re.compile(r"tages\s+op\s+igen\b|genoptages\b")
# The council or the item as a clause's own subject after «, og» or «;»: the committee's act after a
# party's wish («V ønskede sagen udsat, og sagen blev udsat»), not the party's (rule 6).
_COORDINATED = re.compile(r"(?:,\s*og|;)\s+$")
_COUNCIL_SUBJECT = re.compile(
    r"(?:sagen|punktet|indstillingen|[\wæøå-]*udvalget|[\wæøå-]*rådet|kommunalbestyrelsen"
    r"|borgerrepræsentationen)\b")
# An approval that names nothing of its own, the recommendation, agenda or minutes («Godkendt.», «Indstillingen
# blev godkendt», «Udvalget godkendte indstillingen», «Godkendt som indstillet»): an election that follows it
# says what was approved (rule 7).
_BARE_APPROVAL = re.compile(
    r"[\s\-–•*]*(?:(?:[\wæøå-]*udvalget|[\wæøå-]*rådet|kommunalbestyrelsen|bestyrelsen)\s+)?"
    r"(?:(?:indstillingen|dagsordenen|referatet|forretningsordenen)\s+)?(?:blev\s+|er\s+)?(?:enstemmigt\s+)?"
    r"(?:godkend(?:t|es|te|er)|tiltr(?:ådt|ådte|ædes)|vedt(?:aget|ages|og))"
    r"(?:\s+(?:indstillingen|dagsordenen|referatet|forretningsordenen))?(?:\s+enstemmigt)?(?:\s+som\s+indstillet)?"
    r"[\s.]*")
# An election to an office in the election's sentence («valgt som formand», «Som medlem af … udpegedes»): a
# person elected, not a model or a solution chosen («Udvalget har valgt model B»).
_OFFICE = re.compile(r"\b(?:(?:næst)?(?:formand|forperson)|medlem(?:mer)?|repræsentant(?:er)?|suppleant(?:er)?"
                     r"|ordstyrer|dirigent|referent|kontaktperson|bestyrelsesmedlem(?:mer)?)\b")
# Any word an election is told with: a bare approval waits for an election only when one may follow (speed).
_ELECTION_WORD = re.compile(r"val[gt]|vælg|udpeg|konstitu|elected|formand|forperson")
# «besluttede i marts 2023 at afvise …», «har tidligere besluttet, at sagen udsættes»: the clause an earlier
# decision governs is that decision's too (rule 4).
_THEN_THAT = re.compile(r"\s*,?\s*(?=at\s)")
_STORY_TURN = re.compile(r",\s*men\s|;")

# What «besluttede at …» decides besides a postponement or rejection the outcome patterns find.
_CLAUSE_UDSAT = re.compile(r"[^.]*?\b(?:udsætte|udskyde|af\s+dagsordenen|vente\s+med|afvente)\b")
_CLAUSE_ANDET = re.compile(r"[^.]*?\bi\s+(?:offentlig\s+)?høring\b")


def decision_outcome(decision: str) -> str | None:
    """The outcome of `decision`, an item's decision text: None for an empty or blank text,
    otherwise exactly one of `OUTCOMES` (the module's rules).

    >>> decision_outcome("Økonomiudvalget anbefaler, at Byrådet godkender forslaget.")
    'Anbefalet'
    >>> decision_outcome("Godkendt, idet punkt 3 udsættes.")
    'Godkendt'
    >>> decision_outcome("Byrådet godkendte i 2022 en ramme på 4 mio. kr. Taget til efterretning.")
    'Taget til efterretning'
    >>> decision_outcome("V kan ikke tiltræde indstillingen. Et flertal (A, F, Ø) anbefaler indstillingen.")
    'Anbefalet'
    """
    text = decision[:OUTCOME_CHARS].lower()
    if not text.strip():
        return None
    weak = listed = earlier = approved = None
    story_end = 0  # the end of the clause an earlier decision governs (rule 4)
    for match in _OUTCOME.finditer(text):
        outcome = _OUTCOME_OF[match.lastgroup]
        if outcome == ANDET or match.start() < story_end:
            continue
        if match.lastgroup != "resumed" and (told := _told_as_earlier(text, match)):
            told, told_end = told  # how it is told (`_DATED_EARLIER` or 1), where the time told ends
            clause = match.end() if match.lastgroup == "decided_clause" else _clause_after(text, told_end)
            if clause is not None:
                story_end = _story_end(text, clause)
                outcome = _clause_outcome(text, clause)  # «besluttede i marts 2023 at afvise …»: Afvist
            if (earlier is None and told == _DATED_EARLIER and outcome in _DECISIVE
                    and not _not_the_council(text, match.start())):
                earlier = outcome  # this decision's own date when nothing else is said (rule 4)
            continue
        if _not_the_council(text, match.start()):
            continue
        if outcome == UDSAT and _bare_follow_up(text, match.start()):
            continue
        if outcome == VALG:
            if _other_body(text, match):
                continue
            if (to_come := _election_to_come(text, match)) is not None:
                if to_come == ANDET:
                    continue  # «Anne Hansen vil blive udpeget som repræsentant»: not made, not put off
                outcome = to_come  # «Ny formand vælges på næste møde»: carried over
        if approved is not None and outcome in _DECISIVE:
            # after a bare approval: an election to an office says what was approved (rule 7), else the first wins
            made = outcome == VALG and _office_election(text, match) and _election_made(match)
            return VALG if made else approved
        if (match.lastgroup == "godkendt" and _ELECTION_WORD.search(text, match.end())
                and _bare_approval(text, match.start())):
            approved = GODKENDT
            continue
        if match.lastgroup == "decided_list":
            listed = match.end()
        elif match.lastgroup == "decided_clause":
            return _clause_outcome(text, match.end())
        elif outcome == AFVIST and weak == TAGET_TIL_EFTERRETNING:
            continue  # «Tages til efterretning. Udvalget kan dog ikke godkende, at …»: a reservation
        elif outcome in _DECISIVE:
            return outcome
        elif outcome == TAGET_TIL_EFTERRETNING or weak is None:
            weak = outcome  # noting beats discussing, whichever comes first
    if approved is not None:
        return VALG if _FIELD_ELECTION.search(text) else approved  # «Godkendt.\nFormand: Anne Hansen»
    if listed is not None and not (weak == TAGET_TIL_EFTERRETNING and not _SECOND_POINT.search(text, listed)):
        return GODKENDT  # «besluttede: 1. … til efterretning, 2. at merforbruget finansieres …»
    if earlier is None and _FIELD_ELECTION.search(text):
        return VALG  # «Formand: Anne Hansen\nNæstformand: Bo Jensen»
    return weak or earlier or ANDET


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding `at` starts: after the last «. » or line break, or at the start."""
    stop = text.rfind(". ", 0, at)
    return max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, at) + 1)


def _sentence_end(text: str, at: int) -> int:
    """Where the sentence holding `at` ends: at the next «. » or line break, or at the end."""
    ends = [end for end in (text.find(". ", at), text.find("\n", at)) if end >= 0]
    return min(ends) if ends else len(text)


def _not_the_council(text: str, at: int) -> bool:
    """Whether the clause holding `at` is a minority's, an amendment's or the administration's: a
    party or member as subject only when its clause dissents («V stemte imod», «kan ikke …»). A later
    clause without a subject of its own («…, idet de ikke kunne godkende») goes with the sentence's
    first; one after «men» or with «herefter» or «flertal» («…, men indstillingen blev godkendt», «…,
    som herefter blev godkendt») is the council's."""
    start = _sentence_start(text, at)
    clause, connective = start, None
    for split in _CLAUSE_SPLIT.finditer(text, start, at):
        clause, connective = split.end(), split
    if _own_clause_not_the_council(text, clause, at):
        return True
    if clause == start or _COUNCIL_AGAIN.search(connective.group()) or _COUNCIL_AGAIN.search(text, clause, at):
        return False
    if _COORDINATED.search(connective.group()) and _COUNCIL_SUBJECT.match(text, clause):
        return False  # «V ønskede sagen udsat, og sagen blev udsat»: the committee's act
    return _own_clause_not_the_council(text, start, at)


def _own_clause_not_the_council(text: str, clause: int, at: int) -> bool:
    """Whether the clause starting at `clause` (holding `at`) has a minority, an amendment or the
    administration as subject, or a party or member that dissents in the clause."""
    if _NOT_THE_COUNCIL.match(text, clause):
        return True
    if _MEMBER.match(text, clause) is None:
        return False
    split = _CLAUSE_SPLIT.search(text, at, _sentence_end(text, at))
    return _DISSENT.search(text, clause, split.start() if split else _sentence_end(text, at)) is not None


def _bare_follow_up(text: str, at: int) -> bool:
    """Whether `at` starts a «Tages op igen …»/«Genoptages …» without a subject after other text."""
    return (_BARE_FOLLOW_UP.match(text, at) is not None and _sentence_start(text, at) == at
            and bool(text[:at].strip()))


def _other_body(text: str, match: re.Match[str]) -> bool:
    """Whether the election `match` is another body's: at a general assembly, «X - Bestyrelsen genvalgt»,
    or reported in the «at …» clause of «orienterede om, at …», «Det blev oplyst, at …» (up to «, men»)."""
    start = _sentence_start(text, match.start())
    if _OTHER_BODY_BEFORE.search(text, start, match.start()) or _OTHER_BODY_AFTER.match(text, match.end()):
        return True
    reports = list(_REPORTED.finditer(text, start, match.start()))  # the last report governs the clause
    return bool(reports) and _REPORT_END.search(text, reports[-1].end(), match.start()) is None


# Where a reported «at …» clause ends: a turn of the story, or the council as the next clause's subject
# («Det blev oplyst, at X er valgt som formand, og udvalget valgte herefter Y som næstformand»: code review 27).
_REPORT_END = re.compile(_STORY_TURN.pattern + r"|,\s*og\s+(?=" + _COUNCIL_SUBJECT.pattern + r")")


def _clause_outcome(text: str, at: int) -> str:
    """The outcome of «besluttede at <clause>» whose clause starts at `at`: the clause's own
    postponement or rejection, Andet for a hearing, otherwise Godkendt."""
    end = _clause_end(text, at)
    for match in _OUTCOME.finditer(text, at, end):
        if _OUTCOME_OF[match.lastgroup] in (UDSAT, AFVIST):
            return _OUTCOME_OF[match.lastgroup]
    if _CLAUSE_UDSAT.match(text, at, end):
        return UDSAT
    if _CLAUSE_ANDET.match(text, at, end):
        return ANDET
    return GODKENDT


def _clause_end(text: str, at: int) -> int:
    """Where a «besluttede at …» clause starting at `at` ends: at the next full stop, or at the end."""
    end = text.find(".", at)
    return len(text) if end < 0 else end


def _story_end(text: str, at: int) -> int:
    """Where the «at …» clause of an earlier decision starting at `at` ends: at the full stop, or at
    «, men»/«;» where today's act may follow («besluttede i 2023 at afvise den, men godkendte den nu»)."""
    end = _clause_end(text, at)
    turn = _STORY_TURN.search(text, at, end)
    return turn.start() if turn else end


def _clause_after(text: str, at: int) -> int | None:
    """Where an «at …» clause right after `at` starts, at its «at» («…, at sagen udsættes»), or None."""
    that = _THEN_THAT.match(text, at)
    return that.end() if that else None


def _bare_approval(text: str, at: int) -> bool:
    """Whether the sentence holding `at` approves nothing named: «Godkendt.», «Indstillingen blev godkendt»."""
    return _BARE_APPROVAL.fullmatch(text, _sentence_start(text, at), _sentence_end(text, at)) is not None


def _election_to_come(text: str, match: re.Match[str]) -> str | None:
    """Whether the election `match` is still to come: Udsat when at a later meeting («Ny formand vælges på
    næste møde», «Der skal vælges … på næste møde»), Andet when only a modal says so («vil blive
    udpeget»), else None."""
    modal = _MODAL_BEFORE.search(text, max(0, match.start() - _MODAL_CHARS), match.start())
    if modal is None and _PRESENT_ELECTION.fullmatch(match.group()) is None:
        return None
    if _AT_A_LATER_MEETING.match(text, match.end()):
        return UDSAT
    return ANDET if modal else None


def _election_made(match: re.Match[str]) -> bool:
    """Whether the election `match` is told as made, not in the present passive that may look ahead
    («Repræsentanten vælges for resten af valgperioden»): after a bare approval only a made one is its act."""
    return _PRESENT_ELECTION.fullmatch(match.group()) is None


def _office_election(text: str, match: re.Match[str]) -> bool:
    """Whether the election `match` elects to an office named in its sentence («… valgt som formand»,
    «Som medlem af bestyrelsen udpegedes …»)."""
    at = match.start()
    return _OFFICE.search(text, _sentence_start(text, at), _sentence_end(text, at)) is not None


_DATED_EARLIER = 2
# «besluttede i marts at …»: a month without a year after a decisive preterite is another time too (rule 4);
# not after a present or passive, which may look ahead («Sagen udsættes i april»).
_MONTH_AFTER = re.compile(rf"\s*i\s+{_MONTH}\b")
_PRETERITE = re.compile(r"(?:ede|te|tog)\s*$")


def _told_as_earlier(text: str, match: re.Match[str]) -> tuple[int, int] | None:
    """Whether `match` is a decision of another time, and where the time told ends: `_EARLIER_AFTER`
    right after it (`_DATED_EARLIER` when with a date: «godkendte den 12. maj 2022»; a month alone after
    a decisive preterite: «besluttede i marts»), or `_EARLIER_BEFORE` right before it (1); None when it is not."""
    after = _EARLIER_AFTER.match(text, match.end())
    if after:
        return (_DATED_EARLIER if _DATED.match(text, after.start()) else 1), after.end()
    month = _MONTH_AFTER.match(text, match.end())
    if month and _OUTCOME_OF[match.lastgroup] in _DECISIVE and _PRETERITE.search(match.group()):
        return _DATED_EARLIER, month.end()
    if _EARLIER_BEFORE.search(text[max(0, match.start() - _BEFORE_CHARS):match.start()]):
        return 1, match.end()
    return None


def decision_label(outcome: str | None, cut: bool = False) -> str:
    """How a decision is labelled wherever it is shown (page, document page, feed, CLI): «Beslutning
    (udsat)» with its outcome, «uddrag» when shown in part; «Andet» says nothing.

    >>> decision_label("Udsat"), decision_label("Andet"), decision_label(None, cut=True), decision_label("Godkendt", cut=True)
    ('Beslutning (udsat)', 'Beslutning', 'Beslutning (uddrag)', 'Beslutning (godkendt, uddrag)')
    """
    said = [outcome.lower()] if outcome and outcome != ANDET else []
    said += ["uddrag"] if cut else []
    return f"Beslutning ({', '.join(said)})" if said else "Beslutning"


def shown_in_part(shown: str) -> bool:
    """Whether a decision as shown (a snippet's HTML, an excerpt, a terminal line) is a part of it,
    the `cut` of `decision_label`: cut at its start or end («…»), or cut from further on after its
    outcome line («Anbefalet. …», `search.hits`). One rule, so the page, the document page, the
    feed and the CLI label the same text alike.

    >>> shown_in_part("…på mødet. Lisbeth"), shown_in_part("Anbefalet. …Søren"), shown_in_part("Godkendt med…")
    (True, True, True)
    >>> shown_in_part("Godkendt."), shown_in_part("")
    (False, False)
    """
    return shown.startswith("…") or shown.rstrip().endswith("…") or " …" in shown
