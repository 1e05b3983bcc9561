"""Benchmark cross-document entity resolution (storyline.fuse.entities).

Builds synthetic analyses with N mentions (default 10,000 and 100,000) from
invented people, organisations and places: full names, bare surnames,
transliteration variants (Aleksandr / Alexander / Alyaksandr-style vowel and
consonant swaps), titles ("Mr X"), acronyms and place variants, 20 mentions
per document. Times ``resolve_entities`` and prints the growth ratio
(time at the larger size / time at the smaller; ~10 means linear for 10x).

    .venv/bin/python benchmarks/entities.py [--sizes 10000 100000] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import time

from storyline.fuse.entities import resolve_entities
from storyline.model import DocumentAnalysis, Mention, Metadata

FIRST = ["Alexander", "Aleksandr", "Viktor", "Ilse", "Tomas", "Oleksiy", "Maria", "Ihor", "Igor"]
SWAPS = [("v", "w"), ("ou", "ov"), ("y", "i"), ("ks", "x"), ("o", "a")]


def _word(rng: random.Random, n: int) -> str:
    cons, vow = "bdgklmnprstvz", "aeiou"
    return "".join(rng.choice(cons) + rng.choice(vow) for _ in range(n)).capitalize()


def _variant(rng: random.Random, s: str) -> str:
    a, b = rng.choice(SWAPS)
    return s.replace(a, b, 1) if a in s else s


def make(n_mentions: int, seed: int) -> list[DocumentAnalysis]:
    rng = random.Random(seed)
    n_people = max(50, n_mentions // 20)
    people = [(rng.choice(FIRST), _word(rng, rng.randint(3, 4)) + "ko") for _ in range(n_people)]
    orgs = [" ".join(_word(rng, 3) for _ in range(3)) for _ in range(n_people // 4)]
    places = [_word(rng, 2) + "iv" for _ in range(n_people // 4)] + ["Kyiv", "Kiev", "Lviv"]
    docs = []
    per_doc = 20
    for d in range(n_mentions // per_doc):
        parts, ms = [], []
        pos = 0
        for _ in range(per_doc):
            r = rng.random()
            if r < 0.5:
                first, sur = rng.choice(people)
                form = rng.random()
                if form < 0.4:
                    text, label = f"{first} {sur}", "PERSON"
                elif form < 0.7:
                    text, label = sur, "PERSON"
                elif form < 0.85:
                    text, label = f"Mr {sur}", "PERSON"
                else:
                    text, label = f"{first} {_variant(rng, sur)}", "PERSON"
            elif r < 0.75:
                org = rng.choice(orgs)
                acr = "".join(w[0] for w in org.split()).upper()
                text = acr if rng.random() < 0.2 else org
                label = "ORG"
            else:
                text, label = rng.choice(places), "GPE"
            ms.append(Mention(pos, pos + len(text), text, label))
            parts.append(text + ". ")
            pos += len(text) + 2
        docs.append(
            DocumentAnalysis(
                f"d{d}", "bench", "".join(parts), f"d{d}", "txt", Metadata(), mentions=ms
            )
        )
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rows = []
    for n in args.sizes:
        docs = make(n, args.seed)
        t0 = time.perf_counter()
        ents = resolve_entities(docs)
        dt = time.perf_counter() - t0
        m = sum(len(a.mentions) for a in docs)
        rows.append({"mentions": m, "seconds": round(dt, 3), "entities": len(ents),
                     "mentions_per_second": round(m / dt)})  # fmt: skip
        print(json.dumps(rows[-1]))
    if len(rows) >= 2:
        ratio = rows[-1]["seconds"] / rows[0]["seconds"]
        size = rows[-1]["mentions"] / rows[0]["mentions"]
        print(json.dumps({"growth_ratio": round(ratio, 2), "size_ratio": round(size, 1)}))


if __name__ == "__main__":
    main()
