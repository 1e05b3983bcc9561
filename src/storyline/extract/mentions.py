"""Named-entity mentions from the parse, with offsets into the original text.

For a machine-spun document the parse is of the repaired text; offsets are
mapped back, so a mention's ``text`` is always the original characters.
"""

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
        # An entity never crosses a run of whitespace (the parser sees masked
        # boilerplate as blank lines) and never ends on whitespace.
        tokens = []
        for tok in ent:
            if tok.is_space:
                break
            tokens.append(tok)
        while tokens and tokens[-1].is_space:
            tokens.pop()
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        # spaCy may include a trailing possessive; trim to the name itself.
        for suffix in ("'s", "\u2019s"):
            if doc.text.endswith(suffix, start, end) and end - len(suffix) > start:
                end -= len(suffix)
                break
        start, end = parsed.original_span(start, end)
        if end <= start or parsed.text[start:end].isspace():
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
