"""The accurate profile's NER, model-free parts: labels, word casing, BIO
decoding, and the mapping of CoNLL's four types to spaCy's OntoNotes labels.

The accurate profile (``--profile accurate``) tags names with a fine-tuned
MiniLM token classifier (``storyline.nlp.ner_accurate_model``, built by
``tools/train/ner_transformer.py``). It is trained on CoNLL-2003, so it
knows PER / LOC / ORG / MISC only; every later stage reads OntoNotes labels
(PERSON, GPE, NORP, DATE, ...). So the names it finds are relabelled here,
using the spaCy model's own finer label where it tags the same span, and
the spaCy model's numeric and date entities are kept where they do not
overlap a name. Kept free of torch so it can be tested without weights.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

TYPES = ("PER", "LOC", "ORG", "MISC")
#: BIO tags over the four CoNLL types; the index is the classifier's output.
LABELS = ("O",) + tuple(f"{p}-{t}" for t in TYPES for p in ("B", "I"))
LABEL_INDEX = {label: i for i, label in enumerate(LABELS)}

# Word casing classes. The base model is uncased (its word pieces are
# lower-cased), so casing, the strongest single cue for names in English,
# is given to the tagger as a learned embedding per word piece.
CASE_PAD, CASE_LOWER, CASE_TITLE, CASE_UPPER, CASE_MIXED, CASE_DIGIT, CASE_OTHER = range(7)
CASE_CLASSES = 7

# OntoNotes labels that agree with each CoNLL type: when the spaCy model tags
# the same span with one of these, its finer label is kept.
COMPATIBLE = {
    "PER": frozenset({"PERSON"}),
    "LOC": frozenset({"GPE", "LOC", "FAC"}),
    "ORG": frozenset({"ORG"}),
    "MISC": frozenset({"NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"}),
}
# The label a CoNLL type gets when the spaCy model has no compatible label
# for the span (MISC is refined by ``misc_label``).
DEFAULT_LABEL = {"PER": "PERSON", "LOC": "GPE", "ORG": "ORG", "MISC": "NORP"}
# spaCy's non-name entities, kept from the spaCy model where they do not
# overlap a name the tagger found.
KEPT_SPACY_LABELS = frozenset(
    {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL"}
)
# Words that mark a MISC name as an event (tournaments, wars, games) or a
# law; a one-word MISC is most often a nationality or group (NORP).
MISC_EVENT_WORDS = frozenset(
    {
        "cup",
        "open",
        "championship",
        "championships",
        "games",
        "olympics",
        "olympic",
        "prix",
        "league",
        "war",
        "tour",
        "summit",
        "festival",
        "revolution",
        "election",
        "elections",
    }
)
MISC_LAW_WORDS = frozenset({"act", "treaty", "convention", "constitution", "accord", "accords"})

_DIGIT = re.compile(r"\d")


def case_class(word: str) -> int:
    """The casing class of one word (see ``CASE_*``)."""
    if _DIGIT.search(word):
        return CASE_DIGIT
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return CASE_OTHER
    if all(c.islower() for c in letters):
        return CASE_LOWER
    if all(c.isupper() for c in letters):
        return CASE_UPPER
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return CASE_TITLE
    return CASE_MIXED


def piece_cases(word_ids: Sequence[int | None], words: Sequence[str]) -> list[int]:
    """The casing class of each word piece: that of the word it belongs to
    (``CASE_PAD`` for [CLS], [SEP] and padding)."""
    cases = [case_class(w) for w in words]
    return [CASE_PAD if w is None else cases[w] for w in word_ids]


def first_pieces(word_ids: Sequence[int | None], n_words: int) -> list[int]:
    """For each word, the index of its first word piece (-1 when the word
    produced none, e.g. a control character the tokenizer drops)."""
    out = [-1] * n_words
    for i, w in enumerate(word_ids):
        if w is not None and out[w] == -1:
            out[w] = i
    return out


def piece_labels(
    word_ids: Sequence[int | None], tags: Sequence[str], index: Mapping[str, int] = LABEL_INDEX
) -> list[int]:
    """Training targets per word piece: the word's tag (its number in
    ``index``: the NER tags by default) on its first piece, -100 (ignored by
    the loss) on the others and on special tokens."""
    out: list[int] = []
    seen: set[int] = set()
    for w in word_ids:
        if w is None or w in seen:
            out.append(-100)
        else:
            seen.add(w)
            out.append(index[tags[w]])
    return out


def decode_bio(tags: Sequence[str], join_adjacent: bool = False) -> list[tuple[int, int, str]]:
    """Entity spans (first word, end word exclusive, type) from BIO tags.

    An I- tag that does not continue an entity of its type starts one (the
    tagger decides per word, so it can emit I- after O). ``join_adjacent``:
    a B- right after an entity of the same type continues it. Two names of
    one type with nothing between them are rare in news (CoNLL-2003 marks
    them with its own B- tag: about 0.4% of its train entities), while a
    tagger's stray B- inside a long name ("North" B-LOC "Korea" B-LOC) is not.
    """
    out: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        joins = prefix == "I" or (join_adjacent and prefix == "B")
        if joins and start >= 0 and label == kind:
            continue
        if start >= 0:
            out.append((start, i, kind))
        start, kind = (i, label) if prefix in ("B", "I") else (-1, "")
    if start >= 0:
        out.append((start, len(tags), kind))
    return out


def windows(n_words: int, limit: int) -> list[tuple[int, int]]:
    """Cut a sentence of ``n_words`` words into consecutive windows of at most
    ``limit`` words (a run-on "sentence", e.g. a table, must not exceed the
    model's 512 pieces)."""
    if n_words <= limit:
        return [(0, n_words)]
    return [(i, min(i + limit, n_words)) for i in range(0, n_words, limit)]


def misc_label(text: str) -> str:
    """The OntoNotes label of a MISC name the spaCy model did not label."""
    words = text.lower().split()
    if any(w in MISC_EVENT_WORDS for w in words):
        return "EVENT"
    if any(w in MISC_LAW_WORDS for w in words):
        return "LAW"
    return "NORP" if len(words) == 1 else "EVENT"


def ontonotes_label(kind: str, text: str, spacy_label: str | None) -> str:
    """The OntoNotes label for a name of CoNLL type ``kind``: the spaCy
    model's label of the same span when compatible, else a default."""
    if spacy_label in COMPATIBLE[kind]:
        return spacy_label
    return misc_label(text) if kind == "MISC" else DEFAULT_LABEL[kind]


def merge(
    names: Sequence[tuple[int, int, str]],
    spacy_ents: Sequence[tuple[int, int, str]],
) -> list[tuple[int, int, str]]:
    """The Doc's entities (token start, token end, OntoNotes label): the
    tagger's names (``kind`` already mapped), plus the spaCy model's numeric
    and date entities that overlap none of them; sorted by start."""
    taken = [False] * (max((e for _, e, _ in names), default=0) + 1)
    for s, e, _ in names:
        for i in range(s, e):
            taken[i] = True

    def free(s: int, e: int) -> bool:
        return not any(taken[i] for i in range(s, min(e, len(taken))))

    kept = [x for x in spacy_ents if x[2] in KEPT_SPACY_LABELS and free(x[0], x[1])]
    return sorted([*names, *kept])
