"""Named-entity mentions from the parse, with offsets into the original text.

For a machine-spun document the parse is of the repaired text; offsets are
mapped back, so a mention's ``text`` is always the original characters.

The model's entities first go through the post-NER correction steps of
``storyline.nlp.ner_corrections`` (gazetteer, military units, document-level
label consistency, entity noise), read through ``storyline.nlp.corrected_entities``; a
mention those steps added or relabelled has ``source == "ner_rules"``.
Time zones and unit symbols ("GMT", "km") are never mentions, nor is a
hyphenated adjective ("New York-based": its "New York" is).
"""

from __future__ import annotations

from storyline.extract.registry import extractor
from storyline.model import Mention, ParsedDocument
from storyline.nlp import corrected_entities
from storyline.nlp import doc_text as doc_text_of
from storyline.nlp.ner_kinds import compounds
from storyline.nlp.ner_noise import is_clock_or_unit

# OntoNotes labels that name actors, places and things; numbers and dates are
# handled by their own extractors.
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)


@extractor("mentions", version="3", output="mentions")
def extract_mentions(parsed: ParsedDocument) -> list[Mention]:
    doc = parsed.doc
    doc_text = doc_text_of(doc)  # spaCy rebuilds Doc.text on every access
    # Sentence number of every token, computed once (``Span.sent`` rescans the doc).
    sent_of = [0] * len(doc)
    for i, sent in enumerate(doc.sents):
        sent_of[sent.start : sent.end] = [i] * (sent.end - sent.start)
    model_ents = {(e.start, e.end, e.label_) for e in doc.ents}
    ents = corrected_entities(doc)  # the model's own if a rule fails
    # "New York-based" is no name, "New York" is (CoNLL tags the compound MISC,
    # so the NER steps scored on it keep it; the dossier does not)
    ents = compounds(doc, ents)
    out: list[Mention] = []
    for ent in ents:
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
            if doc_text.endswith(suffix, start, end) and end - len(suffix) > start:
                end -= len(suffix)
                break
        start, end = parsed.original_span(start, end)
        if end <= start or parsed.text[start:end].isspace():
            continue
        if is_clock_or_unit(parsed.text[start:end]):
            continue  # "(1900 GMT)": a clock, not an actor (CoNLL tags it MISC)
        out.append(
            Mention(
                start=start,
                end=end,
                text=parsed.text[start:end],
                label=ent.label_,
                sentence=sent_of[ent.start],
                source="ner" if (ent.start, ent.end, ent.label_) in model_ents else "ner_rules",
            )
        )
    return out
