"""Names a machine translation rendered as common words: flagged, never rewritten.

A translation engine that does not know a name may render it as the nearest
dictionary word: Hebrew "הקרמלין" (the Kremlin) has come out as "Carmelite".
The evidence that allows a flag is cross-document: the name occurs only in
documents flagged machine-translated, it is itself a common English word
(wordfreq), and a name that *sounds* alike (same consonant skeleton but one
sound) occurs in other sources of the corpus. The entity keeps its name and
mentions; it gets a ``flags`` entry naming the likely original, with the
first mention as evidence. Weights and limits are data below.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rapidfuzz.distance import Levenshtein
from wordfreq import zipf_frequency

from storyline.model import DocumentAnalysis, Entity

#: A rendering is a dictionary word at least this common (wordfreq Zipf).
MIN_WORD_ZIPF = 1.5
#: Consonant skeletons this long at least, at most this many edits apart.
MIN_SKELETON = 4
MAX_EDITS = 1
#: Kinds of name a rendering and its original may be.
NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})
#: Letters that sound alike in English spelling, mapped to one class.
SOUND_CLASSES = str.maketrans({"c": "k", "q": "k", "z": "s", "w": "v", "j": "g"})
_NOT_CONSONANT = re.compile(r"[^bcdfgjklmnpqrstvwxz]")


def skeleton(name: str) -> str:
    """The consonants of a name by sound class, doubled ones once ("Carmelite"
    -> "krmlt", "Kremlin" -> "krmln")."""
    word = name.casefold().replace("ph", "f").replace("ck", "k")
    word = _NOT_CONSONANT.sub("", word).translate(SOUND_CLASSES)
    return re.sub(r"(.)\1+", r"\1", word)


def _translated_docs(analyses: Sequence[DocumentAnalysis]) -> set[str]:
    return {
        a.doc_id
        for a in analyses
        if ((a.integrity or {}).get("machine_translated") or {}).get("flagged")
    }


def flag_mistranslations(entities: list[Entity], analyses: Sequence[DocumentAnalysis]) -> None:
    """Flag (in place) one-word entities of machine-translated documents that look
    like a common-word rendering of a name the other sources use."""
    translated = _translated_docs(analyses)
    if not translated:
        return
    by_skeleton: dict[str, list[tuple[Entity, str, set[str]]]] = {}
    candidates: list[tuple[Entity, str]] = []
    for e in entities:
        if e.type not in NAME_TYPES or not e.mentions:
            continue
        docs = {m.doc for m in e.mentions}
        key = skeleton(e.name)
        if len(key) < MIN_SKELETON:
            continue
        if docs <= translated:
            word = e.name.strip()
            if " " not in word and zipf_frequency(word.casefold(), "en") >= MIN_WORD_ZIPF:
                candidates.append((e, key))
        else:
            by_skeleton.setdefault(key[:1], []).append((e, key, docs - translated))
    for e, key in candidates:
        near = [
            (t, len(other))
            for t, t_key, other in by_skeleton.get(key[:1], ())
            if other
            and abs(len(t_key) - len(key)) <= MAX_EDITS
            and t.name.casefold() != e.name.casefold()
            and Levenshtein.distance(key, t_key, score_cutoff=MAX_EDITS) <= MAX_EDITS
        ]
        if not near:
            continue
        target, n_docs = max(near, key=lambda x: (x[1], len(x[0].mentions)))
        first = e.mentions[0]
        e.flags.append(_flag(e, target, n_docs, first.doc, first.start, first.end, first.text))


def _flag(
    e: Entity, target: Entity, n_docs: int, doc: str, start: int, end: int, text: str
) -> dict[str, Any]:
    return {
        "kind": "possible_mistranslation",
        "of": target.name,
        "entity": target.id,
        "doc": doc,
        "start": start,
        "end": end,
        "text": text,
        "note": (
            f"“{e.name}” occurs only in machine-translated text and is a common word; "
            f"“{target.name}”, which sounds alike, is named in {n_docs} other "
            f"source{'s' if n_docs != 1 else ''}"
        ),
    }
