"""Choose how the accurate profile's attribution tagger and the rules
combine, and calibrate the confidence of the attributions the tagger adds,
on the held-out tenth of PolNeAR train (never dev).

``python -m tools.train.attribution_combine GOLD_DIR [--out FILE]``

The held-out tenth (document index % 10 == 9 of ``train.jsonl``) is the
part ``tools/train/attribution_transformer.py`` never trains on. Each
article is parsed once with the accurate profile's pipeline and tagged
once; every combination (``tagged.Policy``) is then scored with the
project's scorer (``tools.evaluate.quotes.score``). The records the tagger
adds are labelled right when content and speaker match (as in
``quote_confidence.py``) and a logistic calibration over the confidence
features is fitted on them (L2 strength by 5-fold cross-validation over
articles); its out-of-fold ECE is printed. Note the learned filter of the
rules was trained on all of train, held-out tenth included, so the rules'
figures here are optimistic against dev; the tagger's are not.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from storyline.extract.quotes import confidence as C
from storyline.extract.quotes import filter as F
from storyline.extract.quotes.proposals import candidates
from storyline.extract.quotes.records import build_records
from storyline.extract.quotes.tagged import ORIGIN, Policy, combine, tag_text
from storyline.extract.quotes.vetting import vet
from tools.evaluate.quotes import HOLDOUT_EVERY, quote_to_pred, score
from tools.train.quote_confidence import (
    apply,
    cross_validate,
    fit,
    gold_spans,
    reliability,
    rightness,
)

POLICIES = {
    "rules only": Policy(replace="none", add_unmatched=False, keep_unmatched_rules=True),
    "tagger only": Policy(replace="all", add_unmatched=True, keep_unmatched_rules=False),
    "rules + added": Policy(replace="none", add_unmatched=True, keep_unmatched_rules=True),
    "source/cue": Policy(replace="source_cue", add_unmatched=False, keep_unmatched_rules=True),
    "source/cue + added": Policy(replace="source_cue", add_unmatched=True),
    "all + added": Policy(replace="all", add_unmatched=True, keep_unmatched_rules=True),
    "source/cue + added >= 0.7": Policy(
        replace="source_cue", add_unmatched=True, min_add_score=0.7
    ),
    "source/cue + added >= 0.85": Policy(
        replace="source_cue", add_unmatched=True, min_add_score=0.85
    ),
    "all + added >= 0.7": Policy(replace="all", add_unmatched=True, min_add_score=0.7),
    # After the first run (rules only best on source and cue): additions alone, thresholded.
    "rules + added >= 0.7": Policy(replace="none", add_unmatched=True, min_add_score=0.7),
    "rules + added >= 0.85": Policy(replace="none", add_unmatched=True, min_add_score=0.85),
    "rules + added >= 0.9": Policy(replace="none", add_unmatched=True, min_add_score=0.9),
}


def prepared(items: list[dict[str, Any]]) -> list[tuple[Any, Any, list, list]]:
    """(parsed, context, filter selection, tagged attributions) per article."""
    from storyline.model import Metadata, ParsedDocument, RawDocument
    from storyline.nlp import load_nlp, parse
    from storyline.nlp.attribution_model import attribution_folder, load_attribution_tagger
    from storyline.settings import Settings

    settings = Settings(profile="accurate")
    nlp = load_nlp(settings.model, profile="accurate")
    tag = load_attribution_tagger(str(attribution_folder())).tag
    out = []
    for it, doc in zip(items, parse(nlp, [it["text"] for it in items]), strict=True):
        raw = RawDocument.create(it["id"], it["text"], it["text"].encode(), "json")
        parsed = ParsedDocument(
            raw=raw,
            spans=[],
            metadata=Metadata(),
            doc=doc,
            options=settings.extractor_options(),
        )
        ctx, cands = candidates(parsed)
        out.append((parsed, ctx, F.select(ctx, cands), tag_text(doc.text, tag)))
    return out


def run_policy(prep: list, policy: Policy, seen: list | None = None) -> list[list[Any]]:
    """The records of every article under ``policy``. With ``seen``, each
    record's (start, end, features, raw confidence, origin) is appended."""
    original = C.calibrate

    def capture(a: Any, speaker: Any) -> float:
        if seen is not None:
            seen.append((a.start, a.end, C.features(a, speaker), a.confidence, a.origin))
        return original(a, speaker)

    C.calibrate = capture
    out = []
    try:
        for parsed, ctx, selected, tagged in prep:
            atts = combine(ctx, [replace(a, frags=list(a.frags)) for a in selected], tagged, policy)
            out.append(build_records(parsed, ctx, vet(ctx, atts)))
    finally:
        C.calibrate = original
    return out


def headline(result: dict[str, Any]) -> dict[str, float]:
    """The figures the issue asks for."""
    return {
        "content": result["content_overlap"]["f1"],
        "source": result["source_overlap"]["f1"],
        "cue": result["cue_overlap"]["f1"],
        "dq_speaker": result["direct"]["speaker_accuracy"],
        "n_pred": result["n_pred"],
    }


def labelled(
    items: list, prep: list, policy: Policy, added_only: bool = True
) -> list[tuple[dict, float, int]]:
    """(features, raw confidence, right) for the records the tagger added
    (``added_only``), else (features, shown confidence, right) for all."""
    rows = []
    for k, (it, (parsed, ctx, selected, tagged)) in enumerate(zip(items, prep, strict=True)):
        seen: list = []
        quotes = run_policy([(parsed, ctx, selected, tagged)], policy, seen)[0]
        origin = {(s, e): (f, c, o) for s, e, f, c, o in seen}
        right = rightness(it["text"], gold_spans(it), quotes)
        for q, r in zip(quotes, right, strict=True):
            hit = origin.get((q.start, q.end))
            if not added_only:
                rows.append(
                    ({"_added": float(hit is not None and hit[2] == ORIGIN)}, q.confidence, r)
                )
            elif hit is not None and hit[2] == ORIGIN:
                rows.append((dict(hit[0], _article=float(k)), hit[1], r))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--limit", type=int, default=0, help="first N held-out articles (a dry run)")
    ap.add_argument(
        "--dev",
        action="store_true",
        help="measure only: the shipped combination's calibration (ECE) on dev.jsonl",
    )
    ap.add_argument("--calibrate", default="source/cue + added", help="policy to calibrate")
    args = ap.parse_args()
    if args.dev:
        lines = (args.gold_dir / "dev.jsonl").read_text(encoding="utf-8").splitlines()
        items = [json.loads(line) for line in lines if line.strip()]
    else:
        lines = (args.gold_dir / "train.jsonl").read_text(encoding="utf-8").splitlines()
        items = [json.loads(line) for line in lines[HOLDOUT_EVERY - 1 :: HOLDOUT_EVERY]]
    items = items[: args.limit] if args.limit else items
    prep = prepared(items)
    if args.dev:
        rows = labelled(items, prep, Policy(), added_only=False)
        added = [row for row in rows if row[0]["_added"]]
        result = {
            "documents": len(items),
            "all_records": reliability([c for _, c, _ in rows], [r for _, _, r in rows]),
            "added_records": reliability([c for _, c, _ in added], [r for _, _, r in added]),
            "n_added": len(added),
        }
        print(json.dumps(result, indent=2))
        if args.out:
            args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        return
    result: dict[str, Any] = {"documents": len(items), "policies": {}}
    for name, policy in POLICIES.items():
        quotes = run_policy(prep, policy)
        triples = [
            (it["text"], it["attributions"], [quote_to_pred(q) for q in qs])
            for it, qs in zip(items, quotes, strict=True)
        ]
        result["policies"][name] = headline(score(triples))
        print(name, result["policies"][name], flush=True)
    rows = labelled(items, prep, POLICIES[args.calibrate])
    if rows:
        l2, oof = cross_validate(rows)
        result["added_calibration"] = {
            "policy": args.calibrate,
            "records": len(rows),
            "l2": l2,
            "weights": fit(rows, l2),
            "raw": reliability([c for _, c, _ in rows], [r for _, _, r in rows]),
            "out_of_fold": reliability(oof, [r for _, _, r in rows]),
            "current": reliability(
                [apply(C.WEIGHTS, f) for f, _, _ in rows], [r for _, _, r in rows]
            ),
        }
    shown = labelled(items, prep, POLICIES[args.calibrate], added_only=False)
    result["all_records_shown"] = reliability([c for _, c, _ in shown], [r for _, _, r in shown])
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
