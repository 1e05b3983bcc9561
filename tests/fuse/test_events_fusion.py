"""The same event across documents (``storyline.fuse.events``), on hand-built records."""

from __future__ import annotations

from storyline.fuse.events import EventMentionFeatures, MergeParams, cluster_mentions
from storyline.fuse.events.groups import group_events
from storyline.model import (
    DocumentAnalysis,
    Entity,
    EntityMention,
    Event,
    Fused,
    Lineage,
    Metadata,
)
from storyline.report.build.events import link_events


def _span(text: str, part: str | None) -> dict | None:
    if part is None:
        return None
    i = text.index(part)
    return {"start": i, "end": i + len(part), "text": part}


def _event(
    text: str,
    trigger: str,
    lemma: str,
    etype: str = "ASSAULT",
    actor: str | None = None,
    target: str | None = None,
    place: str | None = None,
    date: str | None = None,
    modality: str = "asserted",
) -> Event:
    t = _span(text, trigger)
    assert t is not None
    time = None
    if date is not None:
        time = {"start": 0, "end": 0, "text": "", "value": date}
    return Event(
        id="e1",
        type=etype,
        start=0,
        end=len(text),
        text=text,
        trigger={**t, "lemma": lemma},
        actors=[s] if (s := _span(text, actor)) else [],
        targets=[s] if (s := _span(text, target)) else [],
        place=_span(text, place),
        time=time,
        modality=modality,
        confidence=0.8,
    )


def _doc(doc_id: str, text: str, *events: Event) -> DocumentAnalysis:
    return DocumentAnalysis(doc_id, "t", text, doc_id, "txt", Metadata(), events=list(events))


def _entities(docs: list[DocumentAnalysis], names: dict[str, list[str]]) -> list[Entity]:
    """One entity per name key, with a mention wherever one of its spellings occurs."""
    out = []
    for n, (key, spellings) in enumerate(names.items(), 1):
        ms = []
        for a in docs:
            for s in spellings:
                if s in a.text:
                    i = a.text.index(s)
                    ms.append(EntityMention(a.doc_id, i, i + len(s), s))
        out.append(Entity(f"ent{n}", key, "GPE", mentions=ms))
    return out


A = "Varnian forces shelled the port of Odessa on Tuesday, officials said."
B = "Odessa came under a Varnian bombardment on Tuesday morning."
C = "Varnia attacked Odessa's harbour overnight, the mayor said."
D = "Varnia mobilised two reserve brigades near the border."


def _story() -> tuple[list[DocumentAnalysis], Fused]:
    a = _doc("a", A, _event(A, "shelled", "shell", actor="Varnian forces", target="Odessa"))
    b = _doc("b", B, _event(B, "bombardment", "bombardment", actor="Varnian", place="Odessa"))
    c = _doc(
        "c", C, _event(C, "attacked", "attack", actor="Varnia", target="Odessa", modality="hedged")
    )
    d = _doc("d", D, _event(D, "mobilised", "mobilise", etype="MOBILIZE", actor="Varnia"))
    copy = _doc("a2", A, _event(A, "shelled", "shell", actor="Varnian forces", target="Odessa"))
    docs = [a, b, c, d, copy]
    ents = _entities(docs, {"Varnia": ["Varnian", "Varnia"], "Odessa": ["Odessa"]})
    lineage = Lineage("lin1", "a", ["a", "a2"])
    return docs, Fused(entities=ents, lineages=[lineage])


def test_one_attack_in_three_wordings_is_one_group_and_other_event_stays_apart():
    docs, fused = _story()
    groups = group_events(docs, fused)
    attack = next(g for g in groups if "b:e1" in g.events)
    assert sorted(attack.docs) == ["a", "a2", "b", "c"]
    assert attack.type == "ASSAULT"
    assert attack.label == "Varnia — ASSAULT — Odessa"
    assert attack.modality == "asserted" and attack.modalities == ["asserted", "hedged"]
    mobil = next(g for g in groups if "d:e1" in g.events)
    assert mobil.events == ["d:e1"] and mobil is not attack
    assert 0.0 < attack.confidence <= 1.0


def test_a_copy_counts_once_in_lineages():
    docs, fused = _story()
    attack = next(g for g in group_events(docs, fused) if "a2:e1" in g.events)
    assert len(attack.docs) == 4
    assert attack.lineages == 3  # a and its copy a2 are one source


def test_events_without_arguments_do_not_merge_across_different_days():
    t1 = "An explosion was reported in the night."
    t2 = "An explosion was reported in the night."
    a = _doc("x", t1, _event(t1, "explosion", "explosion", date="2022-03-01"))
    b = _doc("y", t2, _event(t2, "explosion", "explosion", date="2022-03-09"))
    groups = group_events([a, b], Fused())
    assert sorted(len(g.events) for g in groups) == [1, 1]
    assert {g.date for g in groups} == {"2022-03-01", "2022-03-09"}


def test_places_in_different_countries_never_merge():
    t1 = "Saboteurs derailed a freight train near Minsk."
    t2 = "Saboteurs derailed a freight train near Lyon."
    a = _doc("x", t1, _event(t1, "derailed", "derail", etype="SABOTAGE", place="Minsk"))
    b = _doc("y", t2, _event(t2, "derailed", "derail", etype="SABOTAGE", place="Lyon"))
    assert len(group_events([a, b], Fused())) == 2
    t3 = "A freight train was derailed by saboteurs close to Minsk."
    c = _doc("z", t3, _event(t3, "derailed", "derail", etype="SABOTAGE", place="Minsk"))
    merged = [g for g in group_events([a, c], Fused()) if len(g.events) == 2]
    assert merged and merged[0].place == "Minsk"


def test_events_link_to_their_group_in_the_dossier_records():
    docs, fused = _story()
    fused.sections["event_groups"] = group_events(docs, fused)
    records = [{"id": "b:e1", "doc": "b"}, {"id": "zz:e9", "doc": "zz"}]
    linked = link_events(records, fused, set())
    group = next(g for g in fused.sections["event_groups"] if "b:e1" in g.events)
    assert linked[0]["group"] == group.id and linked[1]["group"] is None


def test_core_disjoint_known_actors_forbid_a_merge_when_asked_and_synonyms_link():
    def f(key: str, doc: str, lemma: str, actors: set[str]) -> EventMentionFeatures:
        return EventMentionFeatures(
            key=key, doc=doc, lemma=lemma, actors=frozenset(actors), targets=frozenset({"t"})
        )

    ms = [f("1", "a", "arrest", {"police"}), f("2", "b", "detain", {"police"})]
    ms.append(f("3", "c", "arrest", {"army"}))
    strict = MergeParams(threshold=0.5, actor_conflict=True)
    groups = cluster_mentions(ms, strict)
    keys = sorted(sorted(m.key for m in g) for g in groups)
    assert keys == [["1", "2"], ["3"]]
    pair = [ms[0], ms[2]]
    assert len(cluster_mentions(pair, strict)) == 2
    assert len(cluster_mentions(pair, MergeParams(threshold=0.5, actor_conflict=False))) == 1


def test_documents_of_different_stories_never_share_an_event():
    def f(key: str, doc: str, words: set[str]) -> EventMentionFeatures:
        return EventMentionFeatures(
            key=key, doc=doc, lemma="flood", tokens=frozenset({"river"}), doc_words=frozenset(words)
        )

    town = {"river", "levee", "mayor", "sandbag", "rain"}
    other = {"harvest", "drought", "farmer", "wheat", "river"}
    ms = [f("1", "a", town), f("2", "b", town | {"bridge"}), f("3", "c", other)]
    groups = sorted(sorted(m.key for m in g) for g in cluster_mentions(ms))
    assert groups == [["1", "2"], ["3"]]
    merged = cluster_mentions(ms, MergeParams(story_threshold=0.0))
    assert len(merged) == 1


def test_same_type_alone_links_only_with_the_event_itself_shared():
    def f(key: str, doc: str, lemma: str, targets: set[str]) -> EventMentionFeatures:
        return EventMentionFeatures(
            key=key, doc=doc, lemma=lemma, type="ASSAULT", targets=frozenset(targets),
            context=frozenset({"story"}),
        )  # fmt: skip

    shared = [f("1", "a", "storm", {"ent7"}), f("2", "b", "overrun", {"ent7"})]
    params = MergeParams(w_type=0.3, threshold=0.5)
    assert len(cluster_mentions(shared, params)) == 1
    apart = [f("1", "a", "storm", {"ent7"}), f("2", "b", "overrun", {"ent9"})]
    assert len(cluster_mentions(apart, params)) == 2
    assert len(cluster_mentions(shared, MergeParams(threshold=0.5))) == 2  # w_type 0: no link


def test_a_denial_is_not_merged_with_the_report_it_denies() -> None:
    from storyline.fuse.events.core import EventMentionFeatures, contradicts

    said = EventMentionFeatures(key="a:e1", doc="a", lemma="attack", type="ASSAULT")
    denied = EventMentionFeatures(key="b:e1", doc="b", lemma="attack", type="ASSAULT", negated=True)
    assert contradicts(said, denied)
    assert not contradicts(said, EventMentionFeatures(key="c:e1", doc="c", lemma="attack"))
