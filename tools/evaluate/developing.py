"""Developing stories on Timeline17 topics mixed with ECB+ events, BCubed F1.

Gold: a Timeline17 topic (the BP oil spill, the Libyan war, H1N1, Michael
Jackson's death: one developing story told by many outlets over weeks) is one
developing story; an ECB+ event (subtopic) is one developing story of its
own -- two earthquakes of one ECB+ topic are the same *kind* of story, not
one developing story, so ECB+ topics are not the gold here (we report the
topic-level figure only to show how often same-kind events were merged).

Data: ``SAMPLE`` non-empty articles per Timeline17 topic of the folder (the
files give only the dev topics here; the hidden five are the test), chosen by
sha256 of their id (spread over each topic's months), with their publication
days; ECB+ documents (no dates) from ``../clustering``. The grouping is the
production ``group_documents`` (event-level stories with the committed
setting, then the developing pass); NER as in ``clustering`` (cached).

Protocol: a user's folder may hold 5 articles or 5,000, and the cosines the
developing pass compares shrink as a corpus grows (idf sharpens), so the
setting is chosen on *folders* of several sizes, not on one big mix; and a
folder holds several developing stories of one era (the four Timeline17
topics, 2009-2011, all naming the United States, Obama, Washington) besides
one-off reports of unrelated events, as a newsroom folder does. The
Timeline17 articles (by their sha256 order) and the ECB+ train topics are
dealt into four folds (article n to fold n mod 4; ECB+ topic t to fold t mod
4); each fold gives three folders: small (3 articles of each of the four
topics + one document from each of 8 ECB+ events), medium (10 of each + 3
documents from each of 12 events, both events of a topic when there are
two: same kind, not one story) and large (25 of each + every document of
the fold's events). Each folder is grouped by the production
``group_documents`` (event-level stories with the committed setting;
cached); the developing setting (level and kind weights) is chosen by
4-fold CV (best mean BCubed F1 on the other folds' folders, scored on the
held-out fold's; the folds share the four topics, not articles) and then on
all twelve (the committed setting must equal it: ``setting_matches``).
Checks: the ECB+ dev topics alone (197 documents, never used to choose), and
a TF-IDF single-pass baseline whose threshold is chosen the same way, in the
same table. The hidden Timeline17 topics are the real test of this level.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from storyline.fuse.stories import StoryDoc, group_documents
from storyline.fuse.stories_developing import developing_groups
from storyline.fuse.stories_rules import DEVELOPING
from tools.evaluate.clustering import baseline, bcubed
from tools.evaluate.clustering import load as load_ecb
from tools.evaluate.clustering import story_docs as ecb_story_docs
from tools.train.stories import DEV_TOPICS

SAMPLE = 100
CACHE = Path("/tmp/storyline-eval-developing-ner.json")
LEVELS = [round(0.025 + 0.025 * i, 3) for i in range(12)]
#: The setting is chosen on BCubed F-beta with this beta (< 1 weighs precision
#: more): a wrong merge puts another story's sentences into a brief and hides
#: it from the first screen, a missed one leaves two briefs side by side, each
#: listing its events. Fixed before any run as a product choice, not fitted.
BETA = 0.5
WEIGHTS = [(1, 0, 0), (0, 1, 0), (1, 1, 0), (1, 1, 1), (2, 1, 1), (1, 2, 2), (0, 1, 1), (1, 2, 0)]
GAPS = [None, 365.0]  # dates ignored, or a link halved when stories are a year apart
GRID = [(lv, *w, gap) for lv in LEVELS for w in WEIGHTS for gap in GAPS]
CV_FOLDS = 4
#: TF-IDF baseline thresholds (its cost grows with the number of clusters, so
#: only the low range where topics can hold together is tried).
BASE_LEVELS = [0.05, 0.075, 0.1, 0.15, 0.2, 0.25]
GROUPING_CACHE = Path("/tmp/storyline-eval-developing-groupings.pkl")
#: Folders per fold: (Timeline17 articles per topic, ECB+ events, documents per
#: event or None for all, both events of a topic).
FOLDERS = {"small": (3, 8, 1, False), "medium": (10, 12, 3, True), "large": (25, 99, None, True)}


def _log(msg: str) -> None:
    print(f"[developing] {msg}", file=sys.stderr, flush=True)


def _grouping_key(docs: Sequence[StoryDoc]) -> str:
    """The documents and the event-level code and setting (not the developing one)."""
    import storyline.fuse.stories as stories_mod
    import storyline.fuse.stories_features as features_mod
    import storyline.fuse.stories_split as split_mod
    from storyline.fuse.stories_features import SHIPPED_MODEL
    from storyline.fuse.stories_rules import SETTINGS

    h = hashlib.sha256()
    for d in docs:
        h.update((d.doc_id + d.text + repr(d.entities) + str(d.published)).encode())
    for mod in (stories_mod, features_mod, split_mod):
        h.update(Path(str(mod.__file__)).read_bytes())
    model = (SHIPPED_MODEL[0], sorted(SHIPPED_MODEL[1].items()))
    h.update(repr((sorted(SETTINGS.items()), model)).encode())
    return h.hexdigest()


def cached_groupings(folders: Mapping[str, Sequence[StoryDoc]]) -> dict[str, Any]:
    """``group_documents`` of each folder, cached by its key under /tmp (the
    developing setting is applied afresh by the caller)."""
    cache: dict[str, Any] = {}
    if GROUPING_CACHE.exists():
        with GROUPING_CACHE.open("rb") as fh:
            cache = pickle.load(fh)  # noqa: S301 - our own cache file under /tmp
    out = {}
    for name, docs in folders.items():
        key = _grouping_key(docs)
        if key not in cache:
            _log(f"grouping {name}: {len(docs)} documents")
            cache[key] = group_documents(docs)
            with GROUPING_CACHE.open("wb") as fh:
                pickle.dump(cache, fh)
        out[name] = cache[key]
    return out


def setting_of(point: tuple[Any, ...]) -> dict[str, float]:
    """A grid point as the developing step's setting."""
    level, words, names, caps, gap = point
    out = {"level": level, "words": words, "names": names, "caps": caps}
    if gap is not None:
        out |= {"gap_free_days": 30.0, "gap_full_days": gap, "gap_floor": 0.5}
    return out


def t17_sample(folder: Path, per_topic: int = SAMPLE) -> list[dict[str, Any]]:
    """``per_topic`` non-empty articles of each topic, by sha256 of their id."""
    by_topic: dict[str, list[dict[str, Any]]] = {}
    with (folder / "articles.jsonl").open() as fh:
        for line in fh:
            a = json.loads(line)
            if a["text"].strip():
                by_topic.setdefault(a["topic"], []).append(a)
    out = []
    for topic in sorted(by_topic):
        arts = sorted(by_topic[topic], key=lambda a: hashlib.sha256(a["id"].encode()).hexdigest())
        out += arts[:per_topic]
    return out


def t17_docs(arts: Sequence[dict[str, Any]]) -> list[StoryDoc]:
    """StoryDocs with NER mentions (cached by the texts' hash) and dates."""
    from storyline.fingerprint import code_fingerprint  # the NER code is part of the key

    texts = "".join(a["id"] + a["text"] for a in arts)
    key = hashlib.sha256((code_fingerprint() + texts).encode()).hexdigest()
    ents = None
    if CACHE.exists():
        cached = json.loads(CACHE.read_text())
        ents = cached["entities"] if cached.get("key") == key else None
    if ents is None:
        from storyline.nlp import corrected_entities, load_nlp, parse
        from storyline.settings import Settings

        nlp = load_nlp(Settings().model)
        ents = {
            a["id"]: [[e.text, e.label_] for e in corrected_entities(doc)]
            for a, doc in zip(arts, parse(nlp, (a["text"] for a in arts)), strict=True)
        }
        CACHE.write_text(json.dumps({"key": key, "entities": ents}))
    return [
        StoryDoc(a["id"], a["text"], tuple(map(tuple, ents[a["id"]])), a["published"]) for a in arts
    ]


def _score(groups: Sequence[Sequence[str]], gold: Mapping[str, str]) -> dict[str, float]:
    return {k: round(v, 4) for k, v in bcubed(groups, gold).items()}


def _doc_groups(g: Any, dev: Sequence[Sequence[int]], ids: Sequence[str]) -> list[list[str]]:
    """Developing stories as lists of document ids."""
    return [[ids[d] for s in grp for d in g.groups[s]] for grp in dev]


def folders(
    t17: Mapping[str, list[StoryDoc]], ecb: Sequence[tuple[StoryDoc, dict[str, Any]]]
) -> dict[tuple[int, str], list[StoryDoc]]:
    """The twelve folders: per fold and size, its documents (``FOLDERS``)."""
    out = {}
    for f in range(CV_FOLDS):
        events: dict[str, list[StoryDoc]] = {}
        for d, r in ecb:
            if r["topic"] % CV_FOLDS == f:
                events.setdefault(r["story_id"], []).append(d)
        by_topic: dict[str, list[str]] = {}
        for sid in sorted(events, key=lambda e: hashlib.sha256(e.encode()).hexdigest()):
            by_topic.setdefault(sid.split("_")[0], []).append(sid)
        for size, (n_t17, n_events, per_event, pairs) in FOLDERS.items():
            order = [e for evs in by_topic.values() for e in (evs if pairs else evs[:1])]
            chosen = order[:n_events]
            docs = [d for topic in sorted(t17) for d in t17[topic][f::CV_FOLDS][:n_t17]]
            for e in chosen:
                docs = docs + events[e][:per_event]
            out[(f, size)] = docs
    return out


def f_beta(scores: Mapping[str, float], beta: float = BETA) -> float:
    """BCubed F-beta from precision and recall."""
    p, r = scores["precision"], scores["recall"]
    return (1 + beta**2) * p * r / (beta**2 * p + r) if p + r else 0.0


def choose(
    runs: Mapping[Any, Mapping[Any, list[list[str]]]], gold: Mapping[str, str]
) -> dict[str, Any]:
    """``runs[point][(fold, size)]``: per fold, the point best on the other folds'
    folders (mean BCubed F-beta) scored on the fold's; then the point best on
    all. Reported with the mean BCubed F1 and P/R at the chosen point."""

    def scoped(groups: list[list[str]]) -> dict[str, str]:  # the folder's own items
        return {d: gold[d] for grp in groups for d in grp}

    scores = {p: {k: bcubed(g, scoped(g)) for k, g in r.items()} for p, r in runs.items()}
    fb = {p: {k: f_beta(x) for k, x in r.items()} for p, r in scores.items()}
    keys = list(next(iter(fb.values())))

    def mean(p: Any, ks: Sequence[Any], table: Mapping = fb) -> float:
        return sum(table[p][k] for k in ks) / len(ks)

    f1 = {p: {k: x["f1"] for k, x in r.items()} for p, r in scores.items()}
    held, held_f1, chosen = [], [], []
    for f in range(CV_FOLDS):
        inner = [k for k in keys if k[0] != f]
        outer = [k for k in keys if k[0] == f]
        best = max(fb, key=lambda p: mean(p, inner))
        chosen.append(best)
        held.append(mean(best, outer))
        held_f1.append(mean(best, outer, f1))
    best = max(fb, key=lambda p: mean(p, keys))
    f1_at = list(scores[best].values())
    return {
        "best": best,
        "cv_f_beta": round(sum(held) / len(held), 4),
        "cv_f1": round(sum(held_f1) / len(held_f1), 4),
        "in_sample_f1": round(sum(x["f1"] for x in f1_at) / len(f1_at), 4),
        "in_sample_precision": round(sum(x["precision"] for x in f1_at) / len(f1_at), 4),
        "in_sample_recall": round(sum(x["recall"] for x in f1_at) / len(f1_at), 4),
        "chosen_per_fold": chosen,
        "in_sample_f_beta": round(mean(best, keys), 4),
        "in_sample_f_beta_by_size": {
            size: round(mean(best, [k for k in keys if k[1] == size]), 4)
            for size in FOLDERS
            if any(k[1] == size for k in keys)
        },
    }


def run(folder: Path) -> dict[str, Any]:
    arts = t17_sample(folder)
    ecb = load_ecb(folder.parent / "clustering")
    ecb_docs = ecb_story_docs(ecb)
    pairs = list(zip(ecb_docs, ecb, strict=True))
    train_ecb = [(d, r) for d, r in pairs if r["topic"] not in DEV_TOPICS]
    dev_ecb = [(d, r) for d, r in pairs if r["topic"] in DEV_TOPICS]
    t17: dict[str, list[StoryDoc]] = {}
    for a, d in zip(arts, t17_docs(arts), strict=True):
        t17.setdefault(a["topic"], []).append(d)
    gold = {a["id"]: "t17:" + a["topic"] for a in arts}
    gold |= {r["doc_id"]: r["story_id"] for r in ecb}
    docs_of = folders(t17, train_ecb)
    groupings = cached_groupings({f"{k[0]}-{k[1]}": v for k, v in docs_of.items()})
    g_of = {k: groupings[f"{k[0]}-{k[1]}"] for k in docs_of}
    _log(f"developing grid of {len(GRID)} on {len(docs_of)} folders")
    runs = {
        p: {
            k: _doc_groups(g, developing_groups(g.profiles, setting_of(p))[0],
                           [d.doc_id for d in docs_of[k]])
            for k, g in g_of.items()
        }
        for p in GRID
    }  # fmt: skip
    ours = choose(runs, gold)
    best = ours.pop("best")
    ours = {"setting": setting_of(best),
            "setting_matches": dict(setting_of(best)) == dict(DEVELOPING), **ours}  # fmt: skip
    ours["folder_sizes"] = {f"{k[0]}-{k[1]}": len(v) for k, v in docs_of.items()}
    events = {k: [[docs_of[k][i].doc_id for i in grp] for grp in g.groups] for k, g in g_of.items()}
    ev_f1 = [
        bcubed(events[k], {d.doc_id: gold[d.doc_id] for d in docs_of[k]})["f1"] for k in docs_of
    ]
    ours["event_level_in_sample_f1"] = round(sum(ev_f1) / len(ev_f1), 4)
    _log("TF-IDF baseline")
    base_runs = {
        t: {k: [[v[i].doc_id for i in grp] for grp in baseline(v, t)] for k, v in docs_of.items()}
        for t in BASE_LEVELS
    }
    base = choose(base_runs, gold)
    base["threshold"] = base.pop("best")
    _log("ECB+ dev check")
    dv = [d for d, _ in dev_ecb]
    dv_ids = [d.doc_id for d in dv]
    gd = group_documents(dv, ordered=True, developing=setting_of(best))
    dv_groups = _doc_groups(gd, gd.developing, dv_ids)
    sub = {r["doc_id"]: r["story_id"] for _, r in dev_ecb}
    top = {r["doc_id"]: str(r["topic"]) for _, r in dev_ecb}
    ours["ecb_dev"] = {
        "event_level_vs_events": _score([[dv_ids[i] for i in x] for x in gd.groups], sub),
        "developing_vs_events": _score(dv_groups, sub),
        "developing_vs_topics": _score(dv_groups, top),
        "developing_stories": len(dv_groups),
        "spanning_two_topics": sum(1 for grp in dv_groups if len({top[d] for d in grp}) > 1),
        "events": len(set(sub.values())),
        "topics": len(set(top.values())),
    }
    bd = [[dv_ids[i] for i in x] for x in baseline(dv, base["threshold"])]
    base["ecb_dev_vs_events"] = _score(bd, sub)
    return {"t17_docs": len(arts), "ecb_train_docs": len(train_ecb), "storyline": ours,
            "baseline_tfidf": base}  # fmt: skip
