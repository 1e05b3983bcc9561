from storyline.fuse.quotes import group_quotes, repaired_content, speaker_name
from storyline.model import DocumentAnalysis, Entity, EntityMention, Metadata, Quote, Span


def _doc(doc_id: str, text: str, quotes: list[tuple[str, str | None]], spans=(), spun=False):
    qs = []
    for n, (content, speaker) in enumerate(quotes, 1):
        start = text.index(content)
        sp = None
        if speaker:
            s0 = text.index(speaker)
            sp = {"text": speaker, "start": s0, "end": s0 + len(speaker), "kind": "name"}
        qs.append(Quote(f"q{n}", start, start + len(content), content, "direct", speaker=sp))
    a = DocumentAnalysis(doc_id, "2", text, doc_id, "txt", Metadata(), spans=list(spans), quotes=qs)
    if spun:
        a.integrity["spun"] = {"flagged": True, "score": 0.9}
    return a


def _entities(text: str, *named: tuple[str, str, str]) -> list[Entity]:
    """(id, name, type) -> an entity with one mention of the name in document "a"."""
    out = []
    for eid, name, kind in named:
        s = text.index(name)
        out.append(Entity(eid, name, kind, mentions=[EntityMention("a", s, s + len(name), name)]))
    return out


def test_reprinted_quote_is_one_group_with_both_sources():
    q = "The levee will hold until the water drops below the marker"
    a = _doc("a", f"Mayor Ilse Varga said: \u201c{q}.\u201d", [(q, "Ilse Varga")])
    b = _doc("b", f"\u201c{q},\u201d Varga told the Harbour Post.", [(q, "Varga")])
    c = _doc(
        "c",
        "Unrelated: \u201cWe will rebuild the bridge by autumn next year.\u201d",
        [("We will rebuild the bridge by autumn next year.", None)],
    )
    groups = group_quotes([a, b, c])
    big = [g for g in groups if len(g.docs) == 2]
    assert len(big) == 1 and big[0].docs == ["a", "b"]
    assert big[0].speaker in {"Ilse Varga", "Varga"}
    assert sum(len(g.quotes) for g in groups) == 3


def test_spun_reprint_meets_its_source_through_repairs():
    orig = "He said the water may rise in the city on Friday"
    spun = "helium said the water whitethorn emergence successful the metropolis connected Friday"
    spans = []
    for word, fix in (
        ("helium", "He"),
        ("whitethorn", "may"),
        ("emergence", "rise"),
        ("successful", "in"),
        ("metropolis", "city"),
        ("connected", "on"),
    ):
        i = spun.index(word)
        spans.append(Span(i, i + len(word), "spun", attrs={"original": fix}))
    a = _doc("a", orig, [(orig, None)])
    b = _doc("b", spun, [(spun, None)], spans=spans, spun=True)
    assert repaired_content(b, b.quotes[0]) == orig.replace("He", "He", 1)
    groups = group_quotes([a, b])
    assert len(groups) == 1 and groups[0].text == orig  # the unspun wording is shown


def test_short_quotes_are_not_grouped_by_wording():
    a = _doc("a", "He called them \u201cdeplorables\u201d.", [("deplorables", None)])
    b = _doc("b", "She called it \u201cdeplorables\u201d too.", [("deplorables", None)])
    assert len(group_quotes([a, b])) == 2


def test_unresolved_pronoun_names_nobody():
    q = Quote("q1", 0, 5, "hello", "direct", speaker={"text": "he", "kind": "pronoun"})
    assert speaker_name(q) is None
    q.speaker["antecedent"] = {"text": "Ilse Varga", "start": 0, "end": 10}
    assert speaker_name(q) == "Ilse Varga"


def test_speaker_links_to_the_entity_whose_mention_lies_inside_it():
    from storyline.fuse.quotes import link_speakers

    text = "Deputy Minister Ilse Varga said: \u201cThe levee holds and will hold.\u201d"
    a = _doc("a", text, [("The levee holds and will hold.", "Deputy Minister Ilse Varga")])
    s = text.index("Ilse Varga")
    ent = Entity(
        "e1", "Ilse Varga", "PERSON", mentions=[EntityMention("a", s, s + 10, "Ilse Varga")]
    )
    assert link_speakers([a], [ent]) == {"a:q1": "e1"}
    a.quotes[0].speaker = None
    assert link_speakers([a], [ent]) == {}


def test_anonymous_speakers_and_nationalities_are_not_linked():
    from storyline.fuse.quotes import link_speakers

    text = "A Varnish guard said: \u201cThe gate stays shut until the water drops.\u201d"
    a = _doc("a", text, [("The gate stays shut until the water drops.", "A Varnish guard")])
    s = text.index("Varnish")
    norp = Entity("e2", "Varnish", "NORP", mentions=[EntityMention("a", s, s + 7, "Varnish")])
    assert link_speakers([a], [norp]) == {}
    norp.type = "ORG"
    a.quotes[0].speaker["kind"] = "anonymous"
    assert link_speakers([a], [norp]) == {}


def test_a_person_with_an_affiliation_is_the_speaker_not_the_organisation():
    from storyline.fuse.quotes import link_speakers

    text = (
        "Olek Marsh, a historian with Varnholt Technical University in Brask, said: "
        "\u201cThe bridge will not reopen this year.\u201d"
    )
    speaker = text[: text.index(", said")]
    a = _doc("a", text, [("The bridge will not reopen this year.", speaker)])

    ents = _entities(
        text,
        ("e1", "Olek Marsh", "PERSON"),
        ("e2", "Varnholt Technical University", "ORG"),
        ("e3", "Brask", "GPE"),
    )
    assert link_speakers([a], ents) == {"a:q1": "e1"}
    # Without the person, the organisation, not the place.
    assert link_speakers([a], ents[1:]) == {"a:q1": "e2"}


def test_a_place_speaks_only_as_the_whole_speaker_not_as_a_modifier():
    from storyline.fuse.quotes import link_speakers

    def linked(text: str, speaker: str) -> dict:
        a = _doc("a", text, [("The ferry will run again in May.", speaker)])
        s = text.index("Dalmar")
        ent = Entity("e1", "Dalmar", "GPE", mentions=[EntityMention("a", s, s + 6, "Dalmar")])
        return link_speakers([a], [ent])

    assert linked("Dalmar said: \u201cThe ferry will run again in May.\u201d", "Dalmar") == {
        "a:q1": "e1"
    }
    text = "The authorities in Dalmar said: \u201cThe ferry will run again in May.\u201d"
    assert linked(text, "The authorities in Dalmar") == {}


def test_a_name_in_the_speakers_relative_clause_is_not_the_speaker():
    from storyline.fuse.quotes import link_speakers

    text = (
        "A nurse in Brask, who spoke with the Dalmar Courier on condition of anonymity, "
        "said: \u201cThe ward has no heating.\u201d Hana Vok, who runs the Brask Clinic, "
        "said: \u201cWe need fuel.\u201d"
    )
    first = text[: text.index(", said")]
    second = text[text.index("Hana Vok") : text.index(", said: \u201cWe")]
    a = _doc("a", text, [("The ward has no heating.", first), ("We need fuel.", second)])

    ents = _entities(
        text,
        ("e1", "Dalmar Courier", "ORG"),
        ("e2", "Hana Vok", "PERSON"),
        ("e3", "Brask Clinic", "ORG"),
    )
    # The outlet the nurse spoke with is not the nurse; the clinic Hana Vok runs is not her.
    assert link_speakers([a], ents) == {"a:q2": "e2"}
    assert link_speakers([a], [ents[0], ents[2]]) == {}
