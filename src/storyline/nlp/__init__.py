"""The NLP stage: one spaCy model per process, batched parsing, offsets kept.

Boilerplate is *masked* (replaced by spaces, newlines kept) rather than cut
out, so the parsed text has exactly the length of the original and every
token offset is an offset into ``Document.text``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.attrs import IDX, IS_SPACE
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from storyline.model import Sentence, Span
from storyline.nlp.fast_components import install as install_fast_rules

log = logging.getLogger(__name__)

EXCLUDED_KINDS = frozenset({"boilerplate"})

# NER weights the project trains itself (tools/train/train_ner.py): the small
# model's NER fine-tuned on CoNLL-2003 train, same OntoNotes labels, so it
# replaces the stock component without touching any extractor.
NER_WEIGHTS = {"news": Path(__file__).parent / "ner_news"}
# Pipeline profiles: "accurate" adds the fine-tuned MiniLM tagger
# (storyline.nlp.ner_accurate_model) after ``ner``; it replaces the names.
PROFILES = ("default", "accurate")


@Language.component("storyline_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: news paragraphs, headlines and datelines
    sit on lines of their own, and the parser would otherwise run a headline
    into the first paragraph."""
    from spacy.attrs import IS_SPACE, ORTH, SENT_START

    if len(doc) < 2:
        return doc
    # Work on the token arrays: a Token object per token, or setting
    # ``Token.is_sent_start`` one by one (it rescans the Doc), would make
    # this component the slowest part of a long document.
    arr = doc.to_array([IS_SPACE, ORTH, SENT_START])
    strings = doc.vocab.strings
    breaks: dict[int, bool] = {}
    changed = False
    for k in arr[:-1, 0].nonzero()[0]:
        orth = int(arr[k, 1])
        if orth not in breaks:
            breaks[orth] = "\n" in strings[orth]
        if breaks[orth]:
            arr[k + 1, 2] = 1
            changed = True
    if changed:
        doc.from_array([SENT_START], arr[:, 2:3])
    return doc


# Name of the Doc extension the NER-corrections component installs.
CORRECTED_ENTS_EXTENSION = "corrected_ents"


@Language.factory("storyline_ner_corrections")
def ner_corrections(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The post-NER correction steps (``storyline.nlp.ner_corrections``) as a
    pipeline component, placed after ``ner``.

    Lazy: per Doc it does nothing, and the corrections run on the first
    ``corrected_entities(doc)`` (or ``doc._.corrected_ents``), then are kept.
    Run on every parse they would cost about 1.2% of the pipeline's CPU
    time (benchmark texts), also on parses no extractor reads (the first
    parse of a machine-spun text, replaced by the parse of its repaired
    text); and a long text is parsed in pieces joined afterwards, whose
    document-level rules must see the whole Doc (per-piece results kept in
    ``user_data`` would also make ``Doc.from_docs`` warn). The model's
    ``doc.ents`` are never changed.
    """
    if not Doc.has_extension(CORRECTED_ENTS_EXTENSION):
        Doc.set_extension(CORRECTED_ENTS_EXTENSION, getter=corrected_entities)
    return defer_ner_corrections


def defer_ner_corrections(doc: Doc) -> Doc:
    """The per-Doc call of ``storyline_ner_corrections``: leaves the Doc as it
    is; the work happens on first access (see ``ner_corrections``)."""
    return doc


_CORRECTED_KEY = "storyline.nlp.corrected_entities"


def corrected_entities(doc: Doc) -> list[SpacySpan]:
    """The Doc's entities after the default NER correction steps: the one
    entity list extractors use. Computed once per Doc and kept in
    ``doc.user_data`` with the token count it was taken at (as ``doc_text``).

    A failure inside the steps falls back to the model's own entities for
    this Doc (logged): a rule bug must never lose a document's mentions.
    """
    # Imported here: ner_corrections builds on this module's doc helpers.
    from storyline.nlp.ner_corrections import correct_entities

    cached = doc.user_data.get(_CORRECTED_KEY)
    if cached is not None and cached[0] == len(doc):
        return list(cached[1])
    try:
        ents = correct_entities(doc)
    except Exception:
        log.exception("NER corrections failed; using the model's entities")
        ents = list(doc.ents)
    doc.user_data[_CORRECTED_KEY] = (len(doc), tuple(ents))
    return ents


_TYPES_KEY = "storyline.nlp.corrected_types"


def ent_type(token: Any) -> str:
    """The token's entity label after the NER corrections ('' outside any
    entity): what ``token.ent_type_`` says, but agreeing with the mentions
    the dossier shows ("Kessel Gorge Dam" a FAC, not the model's PERSON).
    The per-token table is built once per Doc from ``corrected_entities``."""
    doc = token.doc
    cached = doc.user_data.get(_TYPES_KEY)
    if cached is None or len(cached) != len(doc):
        cached = [""] * len(doc)
        for ent in corrected_entities(doc):
            for i in range(ent.start, ent.end):
                cached[i] = ent.label_
        doc.user_data[_TYPES_KEY] = cached
    return cached[token.i]


@lru_cache(maxsize=4)
def load_nlp(
    model: str, ner: str = "news", fast_rules: bool = True, profile: str = "default"
) -> Language:
    """Load a spaCy pipeline once per process (worker processes call this too).

    ``ner`` names the entity recogniser: "news" (the project's fine-tuned
    weights, shipped in the package) or "stock" (the model's own).
    ``fast_rules`` swaps the model's attribute ruler and lemmatizer for
    array-based versions that set the same attributes in a fraction of the
    time (``storyline.nlp.fast_components``); False keeps the stock components.
    The NER corrections component (``storyline_ner_corrections``) follows
    ``ner``; read its result with ``corrected_entities``. ``profile``
    "accurate" puts the MiniLM tagger between the two (its weights must be
    built: a one-line error says how otherwise).
    """
    import spacy

    if profile not in PROFILES:
        raise RuntimeError(f"unknown profile {profile!r}; choose one of: {', '.join(PROFILES)}")
    if profile == "accurate":  # fail before the spaCy model loads
        from storyline.nlp.ner_accurate_model import check_weights

        check_weights()

    try:
        nlp = spacy.load(model)
    except OSError as exc:  # model package missing: say how to fix it
        raise RuntimeError(
            f"spaCy model {model!r} is not installed; run `make install` "
            "(it installs the pinned model package) or pass --model NAME"
        ) from exc
    if "parser" in nlp.pipe_names and "storyline_paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("storyline_paragraph_breaks", before="parser")
    if ner != "stock":
        if ner not in NER_WEIGHTS:
            raise RuntimeError(
                f"unknown NER {ner!r}; choose one of: stock, {', '.join(NER_WEIGHTS)}"
            )
        nlp.get_pipe("ner").from_disk(NER_WEIGHTS[ner])
    if fast_rules:
        install_fast_rules(nlp)
    if profile == "accurate" and "storyline_accurate_ner" not in nlp.pipe_names:
        nlp.add_pipe("storyline_accurate_ner", after="ner")
    if "ner" in nlp.pipe_names and "storyline_ner_corrections" not in nlp.pipe_names:
        last = "storyline_accurate_ner" if profile == "accurate" else "ner"
        nlp.add_pipe("storyline_ner_corrections", after=last)
    return nlp


def mask(text: str, spans: Sequence[Span], kinds: frozenset[str] = EXCLUDED_KINDS) -> str:
    """Blank out excluded spans (keeping newlines) so NLP skips them but offsets hold."""
    ranges = sorted((s.start, s.end) for s in spans if s.kind in kinds)
    if not ranges:
        return text
    out: list[str] = []
    pos = 0
    for start, end in ranges:
        start = max(start, pos)
        if start >= end:
            continue
        out.append(text[pos:start])
        out.append("".join(c if c in "\r\n" else " " for c in text[start:end]))
        pos = end
    out.append(text[pos:])
    masked = "".join(out)
    assert len(masked) == len(text)
    return masked


# Texts longer than this are parsed in pieces cut at line breaks and joined
# back into one Doc: spaCy refuses texts over ``nlp.max_length`` (1,000,000
# characters), and the parser's memory grows with the tokens in a batch, so
# pieces the size of an ordinary article keep a batch's memory ordinary.
CHUNK_CHARS = 10_000


def chunks(text: str, limit: int | None = None) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` (default ``CHUNK_CHARS``)
    characters whose concatenation is exactly ``text``: at a line break when
    there is one, else at a space, else anywhere."""
    limit = limit or CHUNK_CHARS
    if len(text) <= limit:
        return [text]
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = text.rfind("\n", start + 1, end)
        if cut == -1:
            cut = text.rfind(" ", start + 1, end)
        cut = end if cut == -1 else cut + 1
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse many texts with ``nlp.pipe`` batching (the fast path), one Doc per
    text in order; long texts are parsed in pieces and joined, so
    ``doc.text`` is always exactly the text given."""
    pieces = ((chunk, i) for i, text in enumerate(texts) for chunk in chunks(text))
    current: int | None = None
    parts: list[Doc] = []
    for doc, i in nlp.pipe(pieces, batch_size=batch_size, as_tuples=True):
        if current is not None and i != current:
            yield _join(parts)
            parts = []
        current = i
        parts.append(doc)
    if parts:
        yield _join(parts)


def _join(parts: list[Doc]) -> Doc:
    return parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)


def sentences(doc: Doc) -> list[Sentence]:
    """Sentence spans with surrounding whitespace trimmed; blank sentences dropped."""
    arr = doc.to_array([IS_SPACE, IDX])
    # Token arrays, not a Token object per token (see paragraph_breaks).
    words = arr[:, 0] == 0
    out: list[Sentence] = []
    for sent in doc.sents:
        inside = words[sent.start : sent.end].nonzero()[0]
        if not len(inside):
            continue
        first, last = sent.start + int(inside[0]), sent.start + int(inside[-1])
        out.append(Sentence(int(arr[first, 1]), int(arr[last, 1]) + len(doc[last].text)))
    return out


def token_count(doc: Doc) -> int:
    """Tokens that are not whitespace."""
    return int((doc.to_array([IS_SPACE]).reshape(-1) == 0).sum())


_TEXT_KEY = "storyline.nlp.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token's text anew on
    each access, and several extractors need it. Kept in ``doc.user_data``
    with the token count it was taken at (retokenising keeps the text, but
    the count is checked anyway, as ``corrected_entities`` does)."""
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    text = doc.text
    doc.user_data[_TEXT_KEY] = (len(doc), text)
    return text


def release(doc: Doc) -> None:
    """Drop what the pipeline's steps cached on ``doc`` once it is analysed.

    The caches (``corrected_entities``, ``doc_text``, the quote extractor's
    entity index) hold Spans, and a Span holds its Doc: each Doc sits in a
    reference cycle that only the cyclic garbage collector frees, which in a
    bulk run (``storyline.runtime.bulk_gc``: fewer collections) let dead Docs
    pile up. Cleared, a Doc is freed as soon as the pipeline lets go of it
    (measured on 600 articles: peak RSS 1,140 -> 1,058 MB, docs/accuracy.md).
    """
    doc.user_data.clear()


def string_ids(words: Iterable[str]) -> frozenset[int]:
    """Hashes of ``words`` as spaCy stores strings: a token's LOWER (or ORTH)
    value is in this set whenever its string is in ``words``, so a token
    array can rule tokens out before any ``Token`` object is made."""
    return frozenset(get_string_id(w) for w in words)
