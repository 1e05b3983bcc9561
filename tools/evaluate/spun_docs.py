"""Document-level spun detection on the real spun-news folders, every file alike.

``python -m tools.evaluate spun_docs`` (or ``python -m tools.evaluate.spun_docs``)
reads ``../shared/corpus/spun-news`` and ``spun-news-extra``. Each file's line 2
is its ``TYPE:`` (``synonym``/``homonym`` for a spinner's style, ``clean``);
orig files carry their pair's TYPE, so a file is gold-spun when its TYPE is
not ``clean`` and its name ends in ``.spun.txt``. The three header lines are
cut off; the detector reads the excerpt only. No file, site or word is
special-cased: each file goes through ``clean -> nlp -> detect_spun``.

Figures:

- ``shipped``: P/R/F1 with the detector's own decision (``summary.flagged``);
- ``cv``: leave-one-site-out cross-validation of the one free parameter, the
  rate threshold on ``summary.rate_per_100_words`` (0 for a document below
  the detector's fixed evidence floors): for each site (slug
  before the first ``-``), the threshold is chosen on the other sites' files
  (best F1, ties to the higher threshold) and applied to the held-out site;
- ``negatives``: files flagged among extra real negatives (VOA stories,
  Belarus 000-003, examples 01-06), with the shipped decision.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

FOLDERS = ("spun-news", "spun-news-extra")
REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"


def read_item(path: Path) -> dict[str, Any]:
    """One corpus file: excerpt text, TYPE, gold label and site."""
    lines = path.read_text(encoding="utf-8").split("\n", 3)
    kind = lines[1].split(":", 1)[1].strip().lower() if lines[1].startswith("TYPE:") else ""
    return {
        "file": f"{path.parent.name}/{path.name}",
        "type": kind,
        "spun": int(kind != "clean" and path.name.endswith(".spun.txt")),
        "site": path.name.split("-", 1)[0],
        "text": lines[3] if len(lines) > 3 else "",
    }


def analyse(texts: Iterable[str], show_found: bool = False) -> list[dict[str, Any]]:
    """Run clean -> nlp -> detect_spun on raw texts; the detector summaries.

    ``show_found`` adds the first spans found (spun text -> original) to each
    summary, for reading; off by default, so that saved results carry no
    third-party text.
    """
    from storyline import clean as clean_stage
    from storyline import nlp as nlp_stage
    from storyline.despin import detect_spun
    from storyline.model import ParsedDocument, RawDocument
    from storyline.settings import Settings

    settings = Settings()
    nlp = nlp_stage.load_nlp(settings.model)
    out = []
    for k, text in enumerate(texts):
        raw = RawDocument.create(f"doc{k}", text, text.encode(), "txt")
        spans, metadata = clean_stage.clean(raw, settings)
        doc = nlp(nlp_stage.mask(text, spans))
        parsed = ParsedDocument(raw=raw, spans=spans, metadata=metadata, doc=doc)
        res = detect_spun(parsed, spans_when_clean=True)
        summary = dict(res.summary)
        if show_found:
            summary["found"] = [
                f"{text[s.start : s.end]}->{s.attrs.get('original') or '?'}" for s in res.spans
            ][:12]
        out.append(summary)
    return out


def prf(gold: list[int], pred: list[int]) -> dict[str, float]:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": tp, "fp": fp}


def best_threshold(scores: list[float], gold: list[int]) -> float:
    """The rate threshold with the best F1 on these files (ties: the higher one)."""
    cands = sorted(set(scores))
    cuts = [(a + b) / 2 for a, b in zip(cands, cands[1:], strict=False)] or [cands[0]]
    return max(cuts, key=lambda t: (prf(gold, [int(s >= t) for s in scores])["f1"], t))


def loso(items: list[dict[str, Any]], scores: list[float]) -> dict[str, Any]:
    """Leave-one-site-out: threshold from the other sites, applied to the held-out one."""
    gold = [it["spun"] for it in items]
    pred = [0] * len(items)
    cuts: dict[str, float] = {}
    for site in sorted({it["site"] for it in items}):
        train = [i for i, it in enumerate(items) if it["site"] != site]
        cut = best_threshold([scores[i] for i in train], [gold[i] for i in train])
        cuts[site] = round(cut, 3)
        for i, it in enumerate(items):
            if it["site"] == site:
                pred[i] = int(scores[i] >= cut)
    return {
        **prf(gold, pred),
        "sites": len(cuts),
        "thresholds": {"min": min(cuts.values()), "max": max(cuts.values())},
        "threshold_all_files": round(best_threshold(scores, gold), 3),
        "misses": [it["file"] for it, g, p in zip(items, gold, pred, strict=True) if g and not p],
        "false_flags": [it["file"] for it, g, p in zip(items, gold, pred, strict=True) if p > g],
    }


def negatives(corpus: Path, repo: Path = REPO) -> dict[str, Any]:
    """Extra real negatives: VOA, Belarus 000-003, examples 01-06 (shipped decision)."""
    paths = sorted((corpus / "voa").glob("*.txt"))
    paths += [p for p in sorted((corpus / "belarus-2022").glob("00[0-3]_*.txt"))]
    paths += sorted((repo / "examples" / "corpus").glob("0[1-6]_*.txt"))
    summaries = analyse(p.read_text(encoding="utf-8") for p in paths)
    flagged = [p.name for p, s in zip(paths, summaries, strict=True) if s["flagged"]]
    rates = [s["rate_per_100_words"] for s in summaries if s["enough_evidence"]]
    return {
        "files": len(paths),
        "flagged": flagged,
        "max_rate_with_enough_evidence": max(rates, default=0.0),
    }


def run(
    folder: Path | None = None, with_negatives: bool = True, show_found: bool = False
) -> dict[str, Any]:
    """Score the spun-news folders under ``folder`` (the corpus folder)."""
    corpus = folder or CORPUS
    paths = sorted(p for name in FOLDERS for p in (corpus / name).glob("*.txt"))
    items = [read_item(p) for p in paths]
    summaries = analyse((it["text"] for it in items), show_found)
    gold = [it["spun"] for it in items]
    shipped = [int(s["flagged"]) for s in summaries]
    scores = [s["rate_per_100_words"] if s["enough_evidence"] else 0.0 for s in summaries]
    result: dict[str, Any] = {
        "task": "spun_docs",
        "files": len(items),
        "spun": sum(gold),
        "shipped": prf(gold, shipped),
        "cv_leave_one_site_out": loso(items, scores),
        "per_file": [
            {
                "file": it["file"],
                "gold": it["spun"],
                "flagged": s["flagged"],
                "rate": s["rate_per_100_words"],
                "evidence": s["evidence"],
                "spans": s["n_candidates"],
                **({"found": s["found"]} if show_found else {}),
            }
            for it, s in zip(items, summaries, strict=True)
        ],
    }
    if with_negatives:
        result["negatives"] = negatives(corpus)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--no-negatives", action="store_true")
    ap.add_argument("--show-found", action="store_true", help="print spans found (corpus text)")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    result = run(args.corpus, with_negatives=not args.no_negatives, show_found=args.show_found)
    text = json.dumps(result, indent=1, ensure_ascii=False)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
