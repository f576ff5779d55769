"""Layouts review 17 (2026-12-05): minutes and agendas in conventions the reader had not seen
(Aalborg, Odense, Esbjerg, Kolding, Horsens, Frederiksberg, Bornholm, an Aarhus elderly council),
and a gap noted at release 0.7.0.
"""

from __future__ import annotations

from conftest import read_written

AGENDA_SAYING_MINUTES_FOLLOW = """Dagsorden
Kultur- og Fritidsudvalget
Mødedato: 3. juni 2025
{line}

1. Godkendelse af dagsorden
Sagsnr.: 25-001122
Indstilling
Forvaltningen indstiller, at dagsordenen godkendes.

2. Tilskud til foreninger
Sagsnr.: 25-001123
Indstilling
Forvaltningen indstiller, at udvalget godkender tilskuddet.
"""


def test_an_agenda_saying_its_minutes_follow_stays_an_agenda(tmp_path):
    # «Referat sendes ud efter mødet» named the minutes to come, and the agenda was filed as minutes
    for number, line in enumerate(("Referat sendes ud efter mødet", "Referat følger", "Referatet udsendes senere",
                                   # and as code review 44 wrote them
                                   "REFERAT UDSENDES EFTER MØDET", "Referat fra mødet udsendes efter mødet",
                                   "Referat kommer efter mødet", "Referat foreligger efter mødet",
                                   "Referat kan læses på kommunens hjemmeside efter mødet")):
        document = read_written(tmp_path, f"agenda-{number}.txt", AGENDA_SAYING_MINUTES_FOLLOW.format(line=line))
        assert [p.doc_type for p in document.passages] == ["dagsorden", "dagsorden"], line


def test_minutes_titled_as_such_stay_minutes_beside_such_a_line(tmp_path):
    text = AGENDA_SAYING_MINUTES_FOLLOW.replace("Dagsorden\n", "Referat\n").format(line="Referat sendes ud efter mødet")
    assert {p.doc_type for p in read_written(tmp_path, "minutes.txt", text).passages} == {"referat"}
