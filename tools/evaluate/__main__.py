"""``python -m tools.evaluate TASK [--gold-dir DIR] [--out FILE] [--predictor NAME]``:
score a gold set."""

from __future__ import annotations

import argparse
import importlib
import json
from pathlib import Path

from tools.evaluate.gold import ENV_VAR, GoldDataMissing, gold_folder

TASKS = {"extraction": "extraction", "ner": "ner", "quotes": "quotes", "spun": "spun"}
TASKS |= {"xdoc": "xdoc", "xdoc_coref": "xdoc"}  # gold folder: eval/xdoc_coref
TASKS |= {"timex": "timex", "events": "events"}
TASKS |= {"xdoc_events": "xdoc_events"}  # event side of xdoc_coref alone
TASKS |= {"timeline": "timeline"}  # gold folder: eval/timelines
TASKS |= {"quantities": "quantities"}  # MeasEval
TASKS |= {"stance": "stance"}  # FNC-1 claim relation
TASKS |= {"spun_docs": "spun_docs"}  # real spun news, ../shared/corpus/spun-news*
TASKS |= {"voa_attributions": "voa_attributions"}  # our own labels on ../shared/corpus/voa
TASKS |= {"clustering": "clustering"}  # ECB+ stories, BCubed
TASKS |= {"brief": "brief"}  # the story brief's summary, ROUGE on eval/timelines
TASKS |= {"developing": "developing"}  # developing stories, Timeline17 topics + ECB+
# Tasks whose gold folder is named otherwise than the task.
FOLDERS = {"xdoc_events": "xdoc_coref", "timeline": "timelines", "spun_docs": "../corpus"}
FOLDERS |= {"voa_attributions": "../corpus/voa"}
FOLDERS |= {"brief": "timelines"}
FOLDERS |= {"developing": "timelines"}
# Tasks whose run() takes a predictor name (the registered ones are in the module).
WITH_PREDICTOR = {"timex"}
# Tasks whose run() takes a pipeline profile (NER: default or accurate).
WITH_PROFILE = {"ner", "quotes", "voa_attributions"}
# Tasks whose run() takes a split name (ner: dev or train-holdout; quotes: dev or train).
WITH_SPLIT = {"ner", "quotes"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("task", choices=sorted(TASKS))
    ap.add_argument(
        "--gold-dir",
        type=Path,
        help=f"folder holding one gold folder per task [env {ENV_VAR}; <repo>/../shared/eval]",
    )
    ap.add_argument("--out", type=Path)
    ap.add_argument("--predictor", help="timex: registered predictor to score (default: spacy)")
    ap.add_argument(
        "--profile", help="ner, quotes, voa_attributions: pipeline profile, default or accurate"
    )
    ap.add_argument(
        "--split",
        help="ner: dev (default) or train-holdout (every 10th train doc); "
        "quotes: dev, train or train-holdout",
    )
    args = ap.parse_args()
    if args.predictor and args.task not in WITH_PREDICTOR:
        ap.error(f"--predictor applies only to: {', '.join(sorted(WITH_PREDICTOR))}")
    if args.profile and args.task not in WITH_PROFILE:
        ap.error(f"--profile applies only to: {', '.join(sorted(WITH_PROFILE))}")
    if args.split and args.task not in WITH_SPLIT:
        ap.error(f"--split applies only to: {', '.join(sorted(WITH_SPLIT))}")
    try:
        folder = gold_folder(FOLDERS.get(args.task, args.task), args.gold_dir)
    except GoldDataMissing as exc:
        raise SystemExit(str(exc)) from None
    module = importlib.import_module(f"tools.evaluate.{TASKS[args.task]}")
    kwargs = {"predictor": args.predictor} if args.predictor else {}
    kwargs |= {k: v for k, v in (("profile", args.profile), ("split", args.split)) if v}
    result = module.run(folder, **kwargs)
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
