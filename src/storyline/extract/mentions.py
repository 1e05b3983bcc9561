"""Named-entity mentions from the parse, with offsets into the original text."""

from __future__ import annotations

from storyline.model import Mention, ParsedDocument

# OntoNotes labels that name actors, places and things; numbers and dates are
# handled by their own extractors.
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)


def extract_mentions(parsed: ParsedDocument) -> list[Mention]:
    doc = parsed.doc
    sent_index = {}
    for i, sent in enumerate(doc.sents):
        sent_index[sent.start] = i
    out: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        text = ent.text
        # spaCy may include a trailing possessive or whitespace; trim to the name itself.
        start, end = ent.start_char, ent.end_char
        for suffix in ("'s", "\u2019s"):
            if text.endswith(suffix):
                end -= len(suffix)
        while end > start and parsed.text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        out.append(
            Mention(
                start=start,
                end=end,
                text=parsed.text[start:end],
                label=ent.label_,
                sentence=sent_index.get(ent.sent.start),
            )
        )
    return out
