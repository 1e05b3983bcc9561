"""A speaker written as a bare surname is shown by the full name of the one person
of that surname the document names; two such people leave it as written."""

from __future__ import annotations

from storyline.report.statements import who_said_what

TEXT = "Analyst Richard Ambrel spoke. “Prices will rise,” Ambrel said."


def _dossier(extra_people: list[dict] | None = None) -> dict:
    q0 = TEXT.index("“Prices")
    q1 = TEXT.index(",” Ambrel") + 2
    s0 = TEXT.index("Ambrel said")
    return {
        "documents": [{"id": "d1", "text": TEXT}],
        "entities": [
            {
                "id": "e1",
                "name": "Richard Ambrel",
                "type": "PERSON",
                "mentions": [{"doc": "d1", "start": 8, "end": 22, "text": "Richard Ambrel"}],
            },
            *(extra_people or []),
        ],  # fmt: skip
        "quotes": [
            {
                "id": "d1:q1",
                "doc": "d1",
                "start": q0,
                "end": q1,
                "text": TEXT[q0:q1],
                "kind": "direct",
                "confidence": 0.9,
                "speaker": {"text": "Ambrel", "start": s0, "end": s0 + 6, "kind": "name"},
            }
        ],  # fmt: skip
    }


def test_a_bare_surname_speaker_shows_the_full_name() -> None:
    (sec,) = who_said_what(_dossier())
    assert sec.name == "Richard Ambrel" and sec.entity == "e1"


def test_two_people_of_the_surname_leave_it_as_written() -> None:
    other = {"id": "e2", "name": "Tilda Ambrel", "type": "PERSON",
             "mentions": [{"doc": "d1", "start": 0, "end": 7, "text": "Analyst"}]}  # fmt: skip
    (sec,) = who_said_what(_dossier([other]))
    assert sec.name == "Ambrel" and sec.entity is None
