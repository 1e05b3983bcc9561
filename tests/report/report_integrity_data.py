"""Hand-made source-integrity data for the report tests (texts written for these tests).

An original, a machine-spun copy of it (with its lineage), and a
machine-translated report, built on the shapes the producers emit.
"""

from __future__ import annotations

from storyline.model import (
    CopyLink,
    DocumentAnalysis,
    Evidence,
    Lineage,
    Mention,
    Metadata,
    Sentence,
    SharedPassage,
    Span,
)

EVIL = "<script>alert(1)</script>"


def find(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def mention(text: str, needle: str, label: str) -> Mention:
    s, e = find(text, needle)
    return Mention(s, e, needle, label)


def line_span(text: str, needle: str, kind: str, rule: str | None = None, **attrs) -> Span:
    s, e = find(text, needle)
    return Span(s, e, kind, rule, dict(attrs))


# An original, a machine-spun copy of it, and a machine-translated report
# (all written for these tests).
TEXT_ORIG = (
    "Harbor Works said on Tuesday the bridge at Rivertown may open in July. "
    "Officials told the Rivertown Gazette the vote was delayed.\n"
)
TEXT_SPUN = (
    "Harbor Works said connected Tuesday the bridge astatine Rivertown whitethorn open "
    "successful July. Officials told the Rivertown Gazette the vote was delayed.\n"
)
TEXT_MT = "The mayor of Leviv said the Chattem House report on the bridge was delayed.\n"

ORIG_ID = "d000000000000orig"
SPUN_ID = "d000000000000spun"
MT_ID = "d00000000000000mt"
SPUN_WORDS = {"connected": "on", "astatine": "at", "whitethorn": "may", "successful": "in"}


def _plain(doc_id: str, text: str, source: str, outlet: str | None, published: str):
    return DocumentAnalysis(
        doc_id=doc_id,
        pipeline_version="test",
        text=text,
        source=source,
        format="txt",
        metadata=Metadata(
            title=None,
            outlet=Evidence(outlet, "json") if outlet else None,
            published=Evidence(published, "json"),
        ),
        sentences=[Sentence(0, len(text))],
    )


def make_original() -> DocumentAnalysis:
    a = _plain(ORIG_ID, TEXT_ORIG, "examples/orig.txt", "Harbor Daily", "2024-06-04")
    a.mentions = [mention(TEXT_ORIG, "Harbor Works", "ORG")]
    return a


def make_spun() -> DocumentAnalysis:
    t = TEXT_SPUN
    a = _plain(SPUN_ID, t, "examples/spun.txt", "Content Farm", "2024-06-05")
    a.spans = [
        line_span(t, word, "spun", "synonym-swap", original=orig, confidence=0.9, evidence="test")
        for word, orig in SPUN_WORDS.items()
    ]
    a.mentions = [mention(t, "Harbor Works", "ORG"), mention(t, "Rivertown", "GPE")]
    first_end = t.index(".") + 1
    told_s, told_e = find(t, "told the Rivertown Gazette")
    a.integrity = {
        "spun": {
            "score": 0.93,
            "flagged": True,
            "n_spun": 4,
            "n_words": 22,
            "sentences": [{"start": 0, "end": first_end, "score": 0.95}],
            "method": "synonym-swap",
        },
        "original_outlet": {
            "name": "Rivertown Gazette",
            "confidence": 0.9,
            "evidence": [
                {
                    "start": told_s,
                    "end": told_e,
                    "text": "told the Rivertown Gazette",
                    "pattern": "told <outlet>",
                }
            ],
            "candidates": [{"name": "Rivertown Gazette", "score": 0.9, "count": 1}],
        },
    }
    return a


def make_mt() -> DocumentAnalysis:
    t = TEXT_MT
    a = _plain(MT_ID, t, "examples/mt.txt", None, "2024-06-06")
    leviv, chattem = find(t, "Leviv"), find(t, "Chattem House")
    a.integrity = {
        "machine_translated": {
            "score": 0.8,
            "flagged": True,
            "evidence": [
                {
                    "start": leviv[0],
                    "end": leviv[1],
                    "text": "Leviv",
                    "kind": "odd-name",
                    "note": "probably Lviv",
                },
                {
                    "start": chattem[0],
                    "end": chattem[1],
                    "text": "Chattem House",
                    "kind": "odd-name",
                    "note": None,
                },
            ],
            "method": "rules",
        },
        "original_outlet": None,
    }
    return a


def make_lineage() -> Lineage:
    head = "Harbor Works said "
    tail = "Officials told the Rivertown Gazette the vote was delayed."
    passages = []
    for needle in (head, tail):
        a_s, a_e = find(TEXT_SPUN, needle)
        b_s, b_e = find(TEXT_ORIG, needle)
        passages.append(SharedPassage(a_s, a_e, b_s, b_e))
    link = CopyLink(SPUN_ID, ORIG_ID, "spun", 0.87, passages, "published a day earlier")
    return Lineage("L1", ORIG_ID, [ORIG_ID, SPUN_ID], [link])
