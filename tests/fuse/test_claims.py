"""Claims over small hand-written analyses (invented texts and records)."""

from __future__ import annotations

import pytest

from storyline.fuse.claims import build_claims
from storyline.fuse.claims_statements import canonical_lemma
from storyline.model import (
    DocumentAnalysis,
    Entity,
    EntityMention,
    Event,
    Evidence,
    Fused,
    Lineage,
    Metadata,
    Quantity,
    Quote,
    Sentence,
    Span,
)
from storyline.report.render.claims import claims_lines, count_words
from storyline.report.schema_claims import claim_problems


def _doc(doc_id: str, text: str, published: str = "2024-03-01", **outputs) -> DocumentAnalysis:
    """One sentence per line; the outlet is named after the id."""
    sentences, pos = [], 0
    for line in text.split("\n"):
        sentences.append(Sentence(pos, pos + len(line)))
        pos += len(line) + 1
    md = Metadata(
        published=Evidence(published, "json"), outlet=Evidence(f"Outlet {doc_id.upper()}", "json")
    )
    return DocumentAnalysis(
        doc_id, "1", text, doc_id, "json", md, sentences=sentences, outputs=outputs or None
    )


def _span(text: str, words: str, after: int = 0) -> dict:
    s = text.index(words, after)
    return {"start": s, "end": s + len(words), "text": words}


def _event(
    text: str, eid: str, etype: str, trigger: str, lemma: str, actor: str, target=None, **kw
) -> Event:
    trig = _span(text, trigger)
    return Event(
        id=eid,
        type=etype,
        start=0,
        end=len(text),
        text=text,
        trigger={**trig, "lemma": lemma},
        actors=[_span(text, actor)],
        targets=[_span(text, target)] if target else [],
        confidence=kw.pop("confidence", 0.8),
        **kw,
    )


def _entity(eid: str, name: str, etype: str, docs: list[DocumentAnalysis], roles=()) -> Entity:
    mentions = []
    for d in docs:
        i = d.text.find(name)
        while i >= 0:
            mentions.append(EntityMention(d.doc_id, i, i + len(name), name))
            i = d.text.find(name, i + 1)
    return Entity(eid, name, etype, mentions=mentions, roles=list(roles))


def _two_reports(lineages=()) -> tuple[list[DocumentAnalysis], Fused]:
    ta = "Harbour chief Mara Quell resigned on Monday."
    tb = "The resignation of Mara Quell stunned the port."
    a = _doc("a", ta, events=[_event(ta, "e1", "RETREAT", "resigned", "resign", "Mara Quell")])
    b = _doc(
        "b", tb, events=[_event(tb, "e1", "RETREAT", "resignation", "resignation", "Mara Quell")]
    )
    ent = _entity("p1", "Mara Quell", "PERSON", [a, b])
    return [a, b], Fused(entities=[ent], lineages=list(lineages))


def _only(claims, kind):
    found = [c for c in claims if c.kind == kind]
    assert len(found) == 1, [c.label for c in claims]
    return found[0]


def test_same_claim_in_other_words_from_two_outlets_is_one_claim():
    docs, fused = _two_reports()
    c = _only(build_claims(docs, fused), "event")
    assert c.subject == {"name": "Mara Quell", "entity": "p1"}
    assert c.predicate == "RETREAT:resign" and c.label == "Mara Quell — resigned"
    assert c.docs == ["a", "b"] and c.sources == 2 and c.sources_negating == 0
    for st in c.statements:
        assert st.text == next(d.text for d in docs if d.doc_id == st.doc)[st.start : st.end]
        assert st.asserter["kind"] == "outlet"


def test_a_copy_of_one_article_is_not_a_second_source():
    lineage = Lineage("lin1", "a", ["a", "b"])
    docs, fused = _two_reports([lineage])
    c = _only(build_claims(docs, fused), "event")
    assert c.docs == ["a", "b"] and c.sources == 1


def test_synonym_triggers_share_a_predicate():
    assert canonical_lemma("resignation") == canonical_lemma("step down") == "resign"
    assert canonical_lemma("unheard-of") == "unheard-of"


def test_a_quoted_speaker_is_the_asserter():
    text = '"The mayor fled the city," said Ana Ruiz.'
    ev = _event(text, "e1", "RETREAT", "fled", "flee", "mayor")
    quote = Quote(
        "q1",
        1,
        25,
        text[1:25],
        "direct",
        speaker={**_span(text, "Ana Ruiz"), "kind": "name"},
    )
    a = _doc("a", text, events=[ev], quotes=[quote])
    ent = _entity("p9", "Ana Ruiz", "PERSON", [a])
    fused = Fused(entities=[ent], speaker_entities={"a:q1": "p9"})
    st = _only(build_claims([a], fused), "event").statements[0]
    assert st.asserter["kind"] == "speaker" and st.asserter["name"] == "Ana Ruiz"
    assert st.asserter["entity"] == "p9"
    assert a.text[st.asserter["start"] : st.asserter["end"]] == "Ana Ruiz"


def test_a_credited_source_is_the_asserter_outside_quotes():
    text = "Rebels shelled the depot, according to the border guard."
    ev = _event(
        text,
        "e1",
        "ASSAULT",
        "shelled",
        "shell",
        "Rebels",
        "depot",
        reported_by=_span(text, "the border guard"),
    )
    st = _only(build_claims([_doc("a", text, events=[ev])], Fused()), "event").statements[0]
    assert st.asserter["kind"] == "source" and st.asserter["name"] == "the border guard"


def test_negated_claim_keeps_its_polarity():
    ta = "Velmark troops attacked Keldara on Monday."
    tb = "Velmark did not attack Keldara, its ministry said."
    a = _doc("a", ta, events=[_event(ta, "e1", "ASSAULT", "attacked", "attack", "Velmark troops")])
    b = _doc(
        "b",
        tb,
        events=[_event(tb, "e1", "ASSAULT", "attack", "attack", "Velmark", modality="negated")],
    )
    fused = Fused(entities=[_entity("g1", "Velmark", "GPE", [a, b])])
    only_b = _only(build_claims([b], fused), "event")
    assert only_b.polarity == "negated" and only_b.statements[0].polarity == "negated"
    assert only_b.modality == "asserted" and only_b.sources == 0 and only_b.sources_negating == 1
    assert only_b.says == "not attack"
    # "Velmark troops" is keyed entity + head noun, not the country itself
    both = build_claims([a, b], fused)
    assert {c.subject["name"] for c in both} == {"Velmark troops", "Velmark"}


def test_affirmed_and_denied_statements_of_one_claim_are_counted_apart():
    ta = "Velmark attacked Keldara on Monday."
    tb = "Velmark did not attack Keldara, its ministry said."
    a = _doc("a", ta, events=[_event(ta, "e1", "ASSAULT", "attacked", "attack", "Velmark")])
    b = _doc(
        "b",
        tb,
        events=[_event(tb, "e1", "ASSAULT", "attack", "attack", "Velmark", modality="negated")],
    )
    fused = Fused(entities=[_entity("g1", "Velmark", "GPE", [a, b])])
    c = _only(build_claims([a, b], fused), "event")
    assert c.polarity == "affirmed" and c.sources == 1 and c.sources_negating == 1
    lines = "\n".join(claims_lines(_dossier([a, b], [c.to_dict()])))
    assert "one source; denied by one source" in lines and "denies:" in lines


def _q(text: str, phrase: str, value, qualifier=None, low=None, high=None, counts="people"):
    s = text.index(phrase)
    c = text.index(counts, s)
    return Quantity(
        s,
        s + len(phrase),
        phrase,
        value,
        low,
        high,
        qualifier,
        counts={"start": c, "end": c + len(counts), "text": counts},
        confidence=0.9,
    )


def test_number_claims_carry_value_and_qualifier_and_group_when_compatible():
    ta = "At least 1,200 people were evacuated from Keldara."
    tb = "Some 1,250 people were evacuated from Keldara overnight."
    tc = "Only 300 people were evacuated from Keldara."
    a = _doc("a", ta, quantities=[_q(ta, "At least 1,200", 1200, "at least", low=1200)])
    b = _doc("b", tb, quantities=[_q(tb, "Some 1,250", 1250, "about")])
    c = _doc("c", tc, quantities=[_q(tc, "300", 300)])
    fused = Fused(entities=[_entity("g1", "Keldara", "GPE", [a, b, c])])
    claims = [x for x in build_claims([a, b, c], fused) if x.kind == "number"]
    assert len(claims) == 2
    big = next(x for x in claims if x.sources == 2)
    assert big.value["qualifier"] == "at least" and big.value["low"] == 1200
    assert big.value["counts"] == "people" and big.predicate == "evacuated or displaced"
    assert big.label == "At least 1,200 people — evacuated or displaced"
    small = next(x for x in claims if x.sources == 1)
    assert small.value["value"] == 300 and small.value["qualifier"] is None


def test_roles_group_across_spellings_and_a_former_title_is_negated():
    ta = "Deputy Defence Minister Mara Quell spoke."
    tb = "Keldaran deputy defense minister Mara Quell arrived."
    tc = "Former deputy defense minister Mara Quell left."
    docs = [_doc("a", ta), _doc("b", tb), _doc("c", tc)]

    def role(d: DocumentAnalysis, title: str) -> dict:
        s = d.text.index(title)
        e = d.text.index("Mara Quell") + len("Mara Quell")
        return {
            "relation": "role",
            "title": title,
            "doc": d.doc_id,
            "start": s,
            "end": e,
            "text": d.text[s:e],
            "title_start": s,
        }

    roles = [
        role(docs[0], "Deputy Defence Minister"),
        role(docs[1], "Keldaran deputy defense minister"),
        role(docs[2], "Former deputy defense minister"),
    ]
    person = _entity("p1", "Mara Quell", "PERSON", docs, roles)
    norp = _entity("n1", "Keldaran", "NORP", docs)
    c = _only(build_claims(docs, Fused(entities=[person, norp])), "role")
    assert c.predicate == "holds office" and c.sources == 2 and c.sources_negating == 1
    negated = [s for s in c.statements if s.polarity == "negated"]
    assert [s.doc for s in negated] == ["c"] and negated[0].says.startswith("no longer")


def test_an_appositive_name_is_the_subject_of_a_description():
    text = "The port director, Mara Quell, resigned."
    ev = _event(text, "e1", "RETREAT", "resigned", "resign", "The port director")
    a = _doc("a", text, events=[ev])
    c = _only(
        build_claims([a], Fused(entities=[_entity("p1", "Mara Quell", "PERSON", [a])])), "event"
    )
    assert c.subject == {"name": "Mara Quell", "entity": "p1"}


def test_spun_words_are_read_as_their_repair_for_keys_only():
    text = "Helium threatened the town."
    ev = _event(text, "e1", "THREATEN", "threatened", "threaten", "Helium")
    spun = Span(0, 6, "spun", "table", {"original": "He"})
    a = _doc("a", text, events=[ev])
    a.spans = [spun]
    assert [c for c in build_claims([a], Fused()) if c.kind == "event"] == []  # "he" names nothing


def test_a_malformed_record_costs_only_itself():
    text = "Velmark attacked Keldara."
    good = _event(text, "e1", "ASSAULT", "attacked", "attack", "Velmark")
    bad = _event(text, "e2", "ASSAULT", "attacked", "attack", "Velmark")
    bad.actors = [{"text": "Velmark"}]  # no offsets
    a = _doc("a", text, events=[bad, good])
    claims = build_claims([a], Fused(entities=[_entity("g1", "Velmark", "GPE", [a])]))
    assert [c.statements[0].ref for c in claims] == ["a:e1"]


def _dossier(docs: list[DocumentAnalysis], claims: list[dict]) -> dict:
    return {
        "documents": [
            {"id": d.doc_id, "text": d.text, "outlet": f"Outlet {d.doc_id}"} for d in docs
        ],
        "claims": claims,
        "conflicts": [],
    }


def test_schema_check_catches_a_statement_that_misquotes_its_text():
    docs, fused = _two_reports()
    claims = [c.to_dict() for c in build_claims(docs, fused)]
    texts = {d.doc_id: d.text for d in docs}
    assert list(claim_problems(claims, texts)) == []
    claims[0]["statements"][0]["text"] = "something else"
    claims[0]["sources"] = 5
    problems = [msg for _, msg in claim_problems(claims, texts)]
    assert any("differs from the text" in m for m in problems)
    assert any("more independent sources" in m for m in problems)


@pytest.mark.parametrize(("n", "words"), [(1, "one source"), (2, "two independent sources")])
def test_sources_are_counted_in_words(n, words):
    assert count_words(n) == words


def test_markdown_groups_claims_by_subject_with_sources_in_words():
    docs, fused = _two_reports()
    md = "\n".join(claims_lines(_dossier(docs, [c.to_dict() for c in build_claims(docs, fused)])))
    assert "### Mara Quell" in md
    assert "**resigned** — two independent sources: Outlet a; Outlet b" in md


def _left(sentence: str, doc: str = "a") -> list:
    a = _doc(doc, sentence)
    fused = Fused(entities=[_entity("p1", "Mara Quell", "PERSON", [a])])
    return [c for c in build_claims([a], fused) if c.predicate == "RETREAT:resign"]


def test_a_report_of_leaving_office_is_a_resign_claim():
    (c,) = _left("Port director Mara Quell handed in her resignation late on Wednesday.")
    assert c.polarity == "affirmed" and c.subject["entity"] == "p1"
    assert c.says == "handed in her resignation"


def test_a_denial_of_leaving_office_is_the_claim_negated():
    (c,) = _left("Reports that Mara Quell resigned are simply untrue, the port said.")
    assert c.polarity == "negated" and c.sources_negating == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "Asked about rumours that she resigned, Mara Quell laughed.",
        "Mara Quell would resign if the quay failed, she said.",
    ],
)
def test_rumours_and_conditionals_state_no_resignation(sentence):
    assert _left(sentence) == []


def test_an_event_and_a_status_cue_in_one_sentence_are_one_statement():
    text = "Mara Quell resigned on Monday."
    a = _doc("a", text, events=[_event(text, "e1", "RETREAT", "resigned", "resign", "Mara Quell")])
    fused = Fused(entities=[_entity("p1", "Mara Quell", "PERSON", [a])])
    (c,) = build_claims([a], fused)
    assert len(c.statements) == 1 and c.statements[0].ref == "a:e1"


def test_a_title_in_reported_speech_is_the_outlets_description():
    text = "Aides said Port director Mara Quell had left."
    quote = Quote(
        "q1", 11, 45, text[11:45], "indirect", speaker={**_span(text, "Aides"), "kind": "name"}
    )
    a = _doc("a", text, quotes=[quote])
    s = text.index("Port director")
    role = {
        "relation": "role",
        "title": "Port director",
        "doc": "a",
        "start": s,
        "end": s + len("Port director Mara Quell"),
        "text": "Port director Mara Quell",
        "title_start": s,
    }
    person = _entity("p1", "Mara Quell", "PERSON", [a], [role])
    c = _only(build_claims([a], Fused(entities=[person])), "role")
    assert c.statements[0].asserter["kind"] == "outlet"


@pytest.mark.parametrize(("place_b", "n_claims"), [("Keldara", 1), ("Ostrava", 2)])
def test_word_subjects_of_unrelated_stories_stay_apart(place_b, n_claims):
    ta = "The government sent aid after the Keldara flood."
    tb = f"The government sent aid after the {place_b} flood."
    a = _doc("a", ta, events=[_event(ta, "e1", "AID", "sent aid", "send", "The government")])
    b = _doc("b", tb, events=[_event(tb, "e1", "AID", "sent aid", "send", "The government")])
    ents = [_entity("g1", "Keldara", "GPE", [a, b]), _entity("g2", "Ostrava", "GPE", [a, b])]
    claims = build_claims([a, b], Fused(entities=ents))
    assert len(claims) == n_claims
    assert claims[0].subject == {"name": "The government", "entity": None}
