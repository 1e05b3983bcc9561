"""Benchmark copy detection (storyline.fuse.copies) on synthetic corpora.

Builds corpora of 1,000 and 10,000 documents from sentences of real texts
(../shared/corpus/voa/*.txt when present, else the project's examples),
made unique per document by swapping names, numbers and a quarter of the
content words, then plants copies of earlier documents: exact (re-spaced),
excerpt, extended, reordered paragraphs, near-duplicate (a few words changed)
and spun by a rule table (half with repair spans, half without). Documents
are light ``DocumentAnalysis`` records (text, no spans, a date), so no spaCy
is needed.

Reports documents per second, the growth ratio (time at 10k / time at 1k;
about 10 means linear), recall of planted copies (copy and original end up
in one lineage; direction right), and links between documents of different
families (false links). Writes benchmarks/results/copies.json.

    .venv/bin/python benchmarks/copies.py [--sizes 1000 10000] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import string
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from storyline.fuse.copies import find_copies
from storyline.model import DocumentAnalysis, Evidence, Metadata, Span

ROOT = Path(__file__).resolve().parents[1]
VOA = ROOT.parent / "shared" / "corpus" / "voa"
EXAMPLES = ROOT / "examples" / "corpus"
RESULTS = ROOT / "benchmarks" / "results" / "copies.json"

SPIN = {
    "at": "astatine",
    "in": "successful",
    "he": "helium",
    "may": "whitethorn",
    "city": "metropolis",
    "on": "connected",
    "said": "stated",
    "people": "folks",
    "after": "aft",
    "last": "past",
    "about": "astir",
    "government": "authorities",
    "most": "astir",
    "be": "beryllium",
    "is": "is",
    "new": "caller",
    "also": "besides",
    "week": "period",
    "country": "state",
    "officials": "officers",
    "would": "volition",
    "will": "volition",
    "told": "informed",
}
START = datetime(2024, 1, 1)
KINDS = ["exact", "excerpt", "extended", "reordered", "near-duplicate", "spun", "spun-spans"]


def _source_sentences() -> tuple[list[str], str]:
    files = sorted(VOA.glob("*.txt")) if VOA.exists() else []
    origin = "voa"
    if not files:
        files = sorted(EXAMPLES.glob("*.txt"))
        origin = "examples"
    out = []
    for f in files:
        text = f.read_text(encoding="utf-8", errors="replace")
        for s in re.split(r"(?<=[.!?])\s+", text):
            s = " ".join(s.split())
            if 8 <= len(s.split()) <= 60:
                out.append(s)
    return out, origin


def _vocab() -> list[str]:
    try:
        from wordfreq import top_n_list

        return [w for w in top_n_list("en", 6000) if w.isalpha() and len(w) >= 3]
    except Exception:  # pragma: no cover
        return ["word" + c for c in string.ascii_lowercase]


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.sentences, self.origin = _source_sentences()
        self.vocab = _vocab()

    def name(self) -> str:
        syl = ["ka", "lo", "ren", "vi", "dar", "mo", "sel", "tu", "bri", "an", "gor", "el", "os"]
        return "".join(self.rng.choice(syl) for _ in range(self.rng.randint(2, 3))).capitalize()

    def sentence(self, names: dict[str, str]) -> str:
        rng = self.rng
        words = rng.choice(self.sentences).split()
        out = []
        for i, w in enumerate(words):
            core = w.strip(string.punctuation + "\u201c\u201d\u2019")
            if core and core[0].isdigit():
                w = w.replace(core, str(rng.randint(2, 99999)))
            elif i > 0 and core[:1].isupper():
                w = w.replace(core, names.setdefault(core, self.name()))
            elif core.isalpha() and len(core) >= 4 and rng.random() < 0.25:
                w = w.replace(core, rng.choice(self.vocab))
            out.append(w)
        return " ".join(out)

    def article(self) -> list[str]:
        names: dict[str, str] = {}
        n = self.rng.randint(12, 24)
        sents = [self.sentence(names) for _ in range(n)]
        paras, i = [], 0
        while i < n:
            k = self.rng.randint(1, 3)
            paras.append(" ".join(sents[i : i + k]))
            i += k
        return paras


def _spin(text: str, with_spans: bool) -> tuple[str, list[Span]]:
    out, spans, pos, length = [], [], 0, 0
    for m in re.finditer(r"[A-Za-z]+", text):
        repl = SPIN.get(m.group().lower())
        if repl is None or repl == m.group().lower():
            continue
        if m.group()[0].isupper():
            repl = repl.capitalize()
        chunk = text[pos : m.start()]
        out.append(chunk)
        length += len(chunk)
        out.append(repl)
        if with_spans:
            spans.append(Span(length, length + len(repl), "spun", "bench", {"original": m.group()}))
        length += len(repl)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), spans


def build_corpus(n: int, seed: int, copy_share: float = 0.2):
    gen = Generator(seed)
    rng = gen.rng
    docs: list[DocumentAnalysis] = []
    family: dict[str, int] = {}
    planted: list[tuple[str, str, str]] = []  # (copy, original, kind)
    bases: list[tuple[str, list[str]]] = []
    for i in range(n):
        doc_id = f"d{i:06d}"
        day = (START + timedelta(minutes=30 * i)).isoformat()
        spans: list[Span] = []
        if bases and rng.random() < copy_share:
            orig_id, paras = rng.choice(bases[-2000:])
            kind = rng.choice(KINDS)
            if kind == "exact":
                text = "\n\n".join(p.replace(" ", "  ") for p in paras)
            elif kind == "excerpt":
                keep = sorted(rng.sample(range(len(paras)), max(2, int(len(paras) * 0.4))))
                text = "\n\n".join(paras[j] for j in keep)
            elif kind == "extended":
                text = "\n\n".join(paras + gen.article()[:3])
            elif kind == "reordered":
                shuffled = paras[:]
                rng.shuffle(shuffled)
                text = "\n\n".join(shuffled)
            elif kind == "near-duplicate":
                words = "\n\n".join(paras).split(" ")
                for _ in range(max(1, len(words) // 40)):
                    words[rng.randrange(len(words))] = rng.choice(gen.vocab)
                text = " ".join(words)
            else:
                text, spans = _spin("\n\n".join(paras), with_spans=kind == "spun-spans")
            family[doc_id] = family[orig_id]
            planted.append((doc_id, orig_id, kind))
        else:
            paras = gen.article()
            text = "\n\n".join(paras)
            family[doc_id] = i
            bases.append((doc_id, paras))
        meta = Metadata(published=Evidence(day, "bench"))
        docs.append(DocumentAnalysis(doc_id, "bench", text, doc_id, "txt", meta, spans=spans))
    return docs, family, planted, gen.origin


def run(n: int, seed: int) -> dict:
    docs, family, planted, origin = build_corpus(n, seed)
    t0 = time.perf_counter()
    lineages = find_copies(docs)
    elapsed = time.perf_counter() - t0
    lineage = {d: lg.id for lg in lineages for d in lg.documents}
    links = {(lk.copy, lk.original) for lg in lineages for lk in lg.links}
    found_by_kind: dict[str, list[int]] = {k: [0, 0] for k in KINDS}
    oriented = 0
    for copy, orig, kind in planted:
        found_by_kind[kind][1] += 1
        if lineage.get(copy) is not None and lineage.get(copy) == lineage.get(orig):
            found_by_kind[kind][0] += 1
        if (copy, orig) in links:
            oriented += 1
    false_links = sum(
        1 for lg in lineages for lk in lg.links if family[lk.copy] != family[lk.original]
    )
    total_links = sum(len(lg.links) for lg in lineages)
    found = sum(v[0] for v in found_by_kind.values())
    return {
        "docs": n,
        "source_sentences": origin,
        "seconds": round(elapsed, 3),
        "docs_per_second": round(n / elapsed, 1),
        "planted": len(planted),
        "recall": round(found / max(len(planted), 1), 4),
        "direct_links_with_right_original": round(oriented / max(len(planted), 1), 4),
        "recall_by_kind": {k: round(v[0] / max(v[1], 1), 4) for k, v in found_by_kind.items()},
        "planted_by_kind": {k: v[1] for k, v in found_by_kind.items()},
        "lineages": len(lineages),
        "links": total_links,
        "false_links": false_links,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    find_copies([])  # warm imports
    runs = []
    for n in args.sizes:
        r = run(n, args.seed)
        runs.append(r)
        print(
            f"{n:>7} docs  {r['seconds']:8.2f} s  {r['docs_per_second']:8.1f} docs/s  "
            f"recall {r['recall']:.3f}  right original {r['direct_links_with_right_original']:.3f}"
            f"  false links {r['false_links']}/{r['links']}"
        )
        print("         recall by kind:", r["recall_by_kind"])
    result = {
        "benchmark": "storyline.fuse.copies.find_copies",
        "python": sys.version.split()[0],
        "machine": platform.machine(),
        "runs": runs,
    }
    if len(runs) >= 2:
        a, b = runs[0], runs[-1]
        result["growth"] = {
            "docs_ratio": b["docs"] / a["docs"],
            "time_ratio": round(b["seconds"] / a["seconds"], 2),
        }
        print(
            f"growth: {b['docs'] / a['docs']:.0f}x documents -> "
            f"{result['growth']['time_ratio']}x time"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
