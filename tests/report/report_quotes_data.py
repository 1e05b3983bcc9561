"""Hand-made quote data for the report tests (texts written for these tests).

Three reports of one flood statement by Mayor Ilse Varga: an original, a
syndicated copy of it (one lineage) and an independent report; plus a
statement by an organisation nobody links to an entity and one by an
unresolved "he". Quotes overlap mentions, boilerplate and spun words on
purpose.
"""

from __future__ import annotations

from storyline.fuse.quotes import group_quotes, link_speakers
from storyline.model import (
    CopyLink,
    DocumentAnalysis,
    Entity,
    EntityMention,
    Evidence,
    Fused,
    Lineage,
    Mention,
    Metadata,
    Quote,
    SharedPassage,
    Span,
)

STATEMENT = "The flood barrier will hold until the river drops below the red marker"

TEXT_A = (
    "Flood barrier to hold, mayor says\n"
    f"Mayor Ilse Varga said on Monday: \u201c{STATEMENT}.\u201d "
    "The harbour authority said the port would stay closed for a week.\n"
    "Subscribe now | the river news you need\n"
)
TEXT_B = (
    f"\u201c{STATEMENT},\u201d Varga told the Harbour Post on Monday. "
    "Read more at the Harbour Post.\n"
)
TEXT_C = (
    "River news\n"
    f"\u201c{STATEMENT},\u201d Ilse Varga said. "
    "\u201cWe will not leave our homes,\u201d he said, \u201cnot this year.\u201d\n"
)

A_ID = "d0000000000quoteA"
B_ID = "d0000000000quoteB"
C_ID = "d0000000000quoteC"


def find(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def part(text: str, needle: str, nth: int = 0, **extra) -> dict:
    s, e = find(text, needle, nth)
    return {"text": needle, "start": s, "end": e, **extra}


def speaker(text: str, needle: str, kind: str, antecedent: dict | None = None) -> dict:
    return part(text, needle, kind=kind, antecedent=antecedent, entity=None)


def quote(text: str, qid: str, content: str, kind: str = "direct", **parts) -> Quote:
    s, e = find(text, content)
    fragments = parts.pop("fragments", None) or [{"start": s, "end": e}]
    return Quote(qid, s, e, content, kind, fragments=fragments, **parts)


def _analysis(doc_id: str, text: str, title: str, outlet: str | None, **kw) -> DocumentAnalysis:
    return DocumentAnalysis(
        doc_id=doc_id,
        pipeline_version="test",
        text=text,
        source=f"examples/{doc_id}.txt",
        format="txt",
        metadata=Metadata(
            title=Evidence(title, "first-line"),
            outlet=Evidence(outlet, "json") if outlet else None,
            published=Evidence("2024-05-06", "json"),
            language=Evidence("en", "json"),
        ),
        **kw,
    )


def make_a() -> DocumentAnalysis:
    t = TEXT_A
    return _analysis(
        A_ID,
        t,
        "Flood barrier to hold, mayor says",
        "Riverside Courier",
        spans=[
            Span(*find(t, "Flood barrier to hold, mayor says"), "title", "first-line"),
            # boilerplate crossing nothing but the last line
            Span(*find(t, "Subscribe now | the river news you need"), "boilerplate", "signup"),
        ],
        mentions=[
            Mention(*find(t, "Ilse Varga"), "Ilse Varga", "PERSON"),
            Mention(*find(t, "The harbour authority"), "The harbour authority", "ORG"),
        ],
        quotes=[
            quote(
                t,
                "q1",
                f"{STATEMENT}.",
                speaker=speaker(t, "Mayor Ilse Varga", "title+name"),
                cue=part(t, "said", lemma="say"),
                when=part(t, "on Monday"),
                confidence=0.9,
            ),
            quote(
                t,
                "q2",
                "the port would stay closed for a week",
                "indirect",
                speaker=speaker(t, "The harbour authority", "organisation"),
                cue=part(t, "said", 1, lemma="say"),
                confidence=0.7,
            ),
        ],
    )


def make_b() -> DocumentAnalysis:
    t = TEXT_B
    return _analysis(
        B_ID,
        t,
        "Varga: barrier will hold",
        "Harbour Post",
        mentions=[
            Mention(*find(t, "Varga"), "Varga", "PERSON"),
            # a mention crossing the quote's end on purpose
            Mention(*find(t, "red marker,\u201d Varga"), "red marker,\u201d Varga", "ORG"),
        ],
        quotes=[
            quote(
                t,
                "q1",
                f"{STATEMENT},",
                speaker=speaker(t, "Varga", "name"),
                cue=part(t, "told", lemma="tell"),
                channel=part(t, "told the Harbour Post"),
                when=part(t, "on Monday"),
                confidence=0.9,
            )
        ],
    )


def make_c() -> DocumentAnalysis:
    t = TEXT_C
    he = "We will not leave our homes,\u201d he said, \u201cnot this year."
    s, e = find(t, he)
    f1 = find(t, "We will not leave our homes,")
    f2 = find(t, "not this year.")
    spun_s, spun_e = find(t, "leave")
    return _analysis(
        C_ID,
        t,
        "River news",
        None,
        spans=[
            # a spun word inside a quote, and boilerplate crossing a quote's start
            Span(spun_s, spun_e, "spun", "spin-table", {"original": "quit"}),
            Span(0, find(t, "The flood")[1], "boilerplate", "kicker"),
        ],
        mentions=[Mention(*find(t, "Ilse Varga"), "Ilse Varga", "PERSON")],
        quotes=[
            quote(
                t,
                "q1",
                f"{STATEMENT},",
                speaker=speaker(t, "Ilse Varga", "name"),
                cue=part(t, "said", lemma="say"),
                confidence=0.9,
            ),
            Quote(
                "q2",
                s,
                e,
                he,
                "direct",
                fragments=[{"start": f1[0], "end": f1[1]}, {"start": f2[0], "end": f2[1]}],
                speaker={
                    "text": "he",
                    "start": t.index("\u201d he said") + 2,
                    "end": t.index("\u201d he said") + 4,
                    "kind": "pronoun",
                    "antecedent": None,
                    "entity": None,
                },
                cue=part(t, "said", 1, lemma="say"),
                confidence=0.9,
            ),
        ],
    )


def make_quote_analyses() -> list[DocumentAnalysis]:
    return [make_a(), make_b(), make_c()]


def make_quote_fused(analyses: list[DocumentAnalysis]) -> Fused:
    a, b, c = analyses

    def em(doc: DocumentAnalysis, needle: str) -> EntityMention:
        s, e = find(doc.text, needle)
        return EntityMention(doc.doc_id, s, e, needle)

    entities = [
        Entity(
            "e-varga",
            "Ilse Varga",
            "PERSON",
            aliases=[{"text": "Varga", "count": 1, "docs": [b.doc_id]}],
            mentions=[em(a, "Ilse Varga"), em(b, "Varga"), em(c, "Ilse Varga")],
        )
    ]
    sa, sb = find(a.text, STATEMENT), find(b.text, STATEMENT)
    lineage = Lineage(
        "lin-flood",
        a.doc_id,
        [a.doc_id, b.doc_id],
        [
            CopyLink(
                b.doc_id,
                a.doc_id,
                "excerpt",
                0.7,
                [SharedPassage(sb[0], sb[1], sa[0], sa[1])],
                "earlier",
            )
        ],
    )
    return Fused(
        entities=entities,
        lineages=[lineage],
        quote_groups=group_quotes(analyses),
        speaker_entities=link_speakers(analyses, entities),
    )
