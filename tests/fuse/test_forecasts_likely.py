"""Likelihood judgements, inflected matches, what confirms a forecast and
bound-dated documents in the forecast ledger (texts invented here)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from storyline.fuse.forecasts import build_forecasts, judgement
from storyline.fuse.forecasts_status import asserts_act, relation, stem
from storyline.fuse.timeline_text import words_of
from storyline.model import DocumentAnalysis, Forecast
from storyline.report.render.forecasts import forecast_lines

DOCS = [
    {
        "id": "ledger-a",
        "outlet": "Northern Ledger",
        "published": "2031-05-01T09:00:00Z",
        "title": "Ministry warns of war",
        "text": (
            "The Osterlich defence ministry said on Thursday that Ruritanian troops may be "
            "drawn into the war on May 3.\n\n"
            "Ruritania's intelligence service says the possibility that Osterlich joins the "
            "conflict is high.\n\n"
            "Farmers in the valley continue to work their fields while the border stays calm.\n\n"
            "Ruritania may send its navy to the Velmar strait. The likelihood is high, "
            "Admiral Tessa Korvin said.\n\n"
            "Osterlich is likely to favour a slower timetable for the border talks, "
            "diplomats said.\n\n"
            "The weather is likely to stay mild over the coming weeks.\n"
        ),
    },
    {
        "id": "ledger-b",
        "outlet": "Southern Herald",
        "published": "2031-05-10T09:00:00Z",
        "title": "Osterlich enters conflict",
        "text": (
            "Ruritanian troops have not been drawn into the war, officials in the capital "
            "said on Saturday.\n\n"
            "The war weighs on Ruritanian families, whose troops live in fear of being "
            "drawn into it.\n\n"
            "Osterlich joined the conflict on May 6, its army command said in a statement.\n"
        ),
    },
    {
        "id": "ledger-c",
        "title": "Pass may close",
        "text": (
            "Osterlich may close the northern Dravna pass to all traffic, the regional "
            "governor Ilko Maran said. The chance is real, he added in an interview.\n"
        ),
    },
]


def test_short_words_share_a_stem_with_their_inflections() -> None:
    assert {stem(w) for w in ("join", "joins", "joined", "joining")} == {"join"}
    assert stem("invade") == stem("invaded") == stem("invades")
    assert stem("plan") == stem("planned")
    assert stem("belarus") == stem("belarusian")  # a final -us is no plural
    assert stem("press") != stem("pres")[:3]  # "ss" kept


def test_a_likelihood_judgement_names_its_act_from_its_complement() -> None:
    m, act, subject = judgement(
        "Officials say the possibility that Ruritania joins the war is high."
    ) or (None, None, [])
    assert m is not None and act == "joins" and subject == [stem("ruritania")]
    found = judgement("There is a strong likelihood that Osterlich will invade the islands.")
    assert found is not None and found[1] == "invade"
    bare = judgement("The likelihood is high, he said.")
    assert bare is not None and bare[1] is None  # names no act: the sentence before does
    # a complement without a named actor: no forecast, and no judge of the one before
    assert judgement("Chances are that prices rise again.") is None
    assert judgement("The risk of flooding is high, engineers said.") is None
    assert judgement("The levee could fail by Friday.") is None


def _clause(deadline: str | None, text: str, *words: str) -> SimpleNamespace:
    return SimpleNamespace(
        doc="a", text=text, subject=sorted({stem("ruritanian"), stem("troops")}),
        words=frozenset(stem(w) for w in words), deadline=deadline, inferred=False,
        lineage="a", act=None,
    )  # fmt: skip


def test_confirmation_needs_the_act_done_by_its_actor() -> None:
    clause = _clause(
        "2031-05-03", "Ruritanian troops may be drawn into the war", "ruritanian", "troops",
        "drawn", "war",
    )  # fmt: skip
    done = "Ruritanian troops were drawn into the war on Friday."
    assert relation(clause, done, None, "drawn") == "confirms"
    # the same words, asserted, but nobody did anything: no outcome
    weighs = "The war weighs on Ruritanian families, whose troops fear being drawn into it."
    assert relation(clause, weighs, None, "drawn") is None
    hedged = "Ruritanian troops could still be drawn into the war."
    assert relation(clause, hedged, None, "drawn") == "still pending"
    denied = "Ruritanian troops have not been drawn into the war."
    assert relation(clause, denied, None, "drawn") == "refutes"


def test_asserts_act_reads_past_forms_after_the_actor() -> None:
    subject = [stem("ruritania")]
    assert asserts_act(words_of("Ruritania joined the alliance."), subject, "join")
    assert asserts_act(words_of("Ruritania has joined the alliance."), subject, "joins")
    assert not asserts_act(words_of("Ruritania joins the alliance next year."), subject, "join")
    assert not asserts_act(words_of("Osterlich joined the alliance."), subject, "join")
    # with no act given (a forecast with a deadline), any past verb of the actor
    assert asserts_act(
        words_of("The Ruritanian reservoir fell below its mark."), [stem("reservoir")], None
    )


@pytest.fixture(scope="module")
def analyses(tmp_path_factory: pytest.TempPathFactory) -> list[DocumentAnalysis]:
    from storyline.model import RawDocument
    from storyline.pipeline import Pipeline
    from storyline.read import read_inputs
    from storyline.settings import Settings

    path = Path(tmp_path_factory.mktemp("ledger")) / "ledger.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in DOCS) + "\n", encoding="utf-8")
    raws = [r for r in read_inputs([str(path)], settings=Settings()) if isinstance(r, RawDocument)]
    out = list(Pipeline(Settings()).analyze_many(raws))
    for a in out:  # the third document is dated only by a bound ("on or after")
        if "Dravna" in a.text:
            a.metadata.published = dataclasses.replace(
                a.metadata.published or _evidence(),
                value="2031-05-05",
                method="embedded-post (publication at or after)",
            )
            a.dct = None
    return out


def _evidence():  # noqa: ANN202 - the model's Evidence type
    from storyline.model.document import Evidence

    return Evidence(value=None, method="test")


def _ledger(analyses: list[DocumentAnalysis]) -> list[Forecast]:
    return build_forecasts(analyses, [])


def _find(ledger: list[Forecast], words: str) -> Forecast:
    found = [f for f in ledger if words in f.statement["text"]]
    assert found, (words, [f.statement["text"] for f in ledger])
    return found[0]


def test_ledger_on_written_texts(analyses: list[DocumentAnalysis]) -> None:
    ledger = _ledger(analyses)
    texts = {a.doc_id: a.text for a in analyses}
    for f in ledger:
        s = f.statement
        assert texts[s["doc"]][s["start"] : s["end"]] == s["text"]
    # the dated forecast: a later report denies it, after its deadline
    drawn = _find(ledger, "may be drawn into the war")
    assert drawn.status == "not by its deadline"
    assert not [e for e in drawn.evidence if e["relation"] == "confirms"]
    # a likelihood judgement with its act in the complement; "joined" matches "joins"
    joins = _find(ledger, "the possibility that Osterlich joins the conflict is high")
    assert joins.modality == "hedged" and joins.made == "2031-05-01"
    assert joins.status == "came true", joins.reason
    assert any("Osterlich joined" in e["text"] for e in joins.evidence)
    # a bare judgement takes the forecast of the sentence before, and its judge
    navy = _find(ledger, "may send its navy")
    assert navy.statement["text"].endswith("Admiral Tessa Korvin said")
    assert navy.who_name and "Korvin" in navy.who_name
    # "X is likely to Y" of a named actor is a forecast; of the weather it is none
    _find(ledger, "Osterlich is likely to favour a slower timetable")
    assert not [f for f in ledger if "weather" in f.statement["text"]]
    # a document dated only "on or after": listed, made on or after its bound
    pass_ = _find(ledger, "close the northern Dravna pass")
    assert pass_.made == "2031-05-05" and pass_.made_bound and pass_.status == "open"
    lines = "\n".join(forecast_lines({"forecasts": [dataclasses.asdict(pass_)]}))
    assert "on or after 5 May 2031" in lines and "2031-05-05" not in lines
