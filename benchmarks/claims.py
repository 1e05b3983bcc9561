"""Benchmark cross-document claims (storyline.fuse.claims.build_claims).

Builds synthetic analyses from invented stories (no spaCy): each document
belongs to one of N/20 stories, each story with its own person, country and
town; a document states that the person resigned (or denies it), that the
country's troops attacked the town, and a count of people evacuated from it,
with the event and quantity records and fused entities the claims step
reads. Times ``build_claims`` at each size and prints the growth ratio (time
at the larger size / time at the smaller; ~10 means linear for 10x).

    .venv/bin/python benchmarks/claims.py [--sizes 1000 10000] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import time

from storyline.fuse.claims import build_claims
from storyline.model import (
    DocumentAnalysis,
    Entity,
    EntityMention,
    Event,
    Evidence,
    Fused,
    Metadata,
    Quantity,
    Sentence,
)


def _word(rng: random.Random, n: int) -> str:
    cons, vow = "bdgklmnprstvz", "aeiou"
    return "".join(rng.choice(cons) + rng.choice(vow) for _ in range(n)).capitalize()


def _span(text: str, words: str, at: int) -> dict:
    s = text.index(words, at)
    return {"start": s, "end": s + len(words), "text": words}


def make(n_docs: int, seed: int) -> tuple[list[DocumentAnalysis], Fused]:
    rng = random.Random(seed)
    stories = [
        (f"{_word(rng, 2)} {_word(rng, 3)}ko", _word(rng, 3) + "ia", _word(rng, 2) + "grad")
        for _ in range(max(1, n_docs // 20))
    ]
    ents: dict[str, Entity] = {}
    docs = []
    for d in range(n_docs):
        person, country, town = rng.choice(stories)
        denied = rng.random() < 0.2
        lines = [
            f"Reports that {person} resigned are untrue, aides said."
            if denied
            else f"{person} resigned on Monday, officials said.",
            f"{country} troops attacked {town} overnight.",
            f"At least {rng.choice([1200, 1250, 3000])} people were evacuated from {town}.",
        ]
        text = "\n".join(lines)
        sentences, pos = [], 0
        for line in lines:
            sentences.append(Sentence(pos, pos + len(line)))
            pos += len(line) + 1
        s2 = sentences[1].start
        trig = _span(text, "attacked", s2)
        ev = Event("e1", "ASSAULT", s2, sentences[1].end, lines[1], {**trig, "lemma": "attack"},
                   actors=[_span(text, f"{country} troops", s2)],
                   targets=[_span(text, town, s2)], confidence=0.8)  # fmt: skip
        s3 = sentences[2].start
        fig = _span(text, "At least", s3)
        value = float(lines[2].split()[2].replace(",", ""))
        figure_end = text.index(" people", s3)
        counted = _span(text, "people", s3)
        q = Quantity(fig["start"], figure_end, text[fig["start"] : figure_end], value, low=value,
                     qualifier="at least", counts=counted, confidence=0.9)  # fmt: skip
        doc_id = f"d{d:07d}"
        md = Metadata(published=Evidence(f"2025-04-{1 + d % 28:02d}", "json"))
        docs.append(DocumentAnalysis(doc_id, "1", text, doc_id, "json", md, sentences=sentences,
                                     events=[ev], quantities=[q]))  # fmt: skip
        for name, etype in ((person, "PERSON"), (country, "GPE"), (town, "GPE")):
            ent = ents.setdefault(name, Entity(f"e{len(ents)}", name, etype))
            i = text.find(name)
            while i >= 0:
                ent.mentions.append(EntityMention(doc_id, i, i + len(name), name))
                i = text.find(name, i + 1)
    return docs, Fused(entities=list(ents.values()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rows = []
    for n in args.sizes:
        docs, fused = make(n, args.seed)
        t = time.perf_counter()
        claims = build_claims(docs, fused)
        dt = time.perf_counter() - t
        rows.append({"documents": n, "seconds": round(dt, 3), "claims": len(claims),
                     "ms_per_document": round(1000 * dt / n, 3)})  # fmt: skip
        print(json.dumps(rows[-1]), flush=True)
    if len(rows) > 1:
        ratio = rows[-1]["seconds"] / max(rows[0]["seconds"], 1e-9)
        size = rows[-1]["documents"] / rows[0]["documents"]
        print(f"growth: {ratio:.1f}x time for {size:.0f}x documents")


if __name__ == "__main__":
    main()
