"""Attribution check on real news nobody tuned for: our own VOA labels.

``python -m tools.evaluate voa_attributions`` (or ``python -m
tools.evaluate.voa_attributions``) reads the hand labels in
``tests/data/voa_attributions.jsonl`` (offsets, speaker names and cue words
only; see ``tests/data/README.md``), runs the pipeline on the labelled
stories of ``../shared/corpus/voa`` (workspace cached under ``/tmp``) and
scores the dossier's quotes against them:

- content overlap P/R/F1: a predicted quote is right when its content
  overlaps a gold content span; a gold attribution is found when some
  predicted quote overlaps it;
- speaker P/R/F1: the same, but the overlapping pair must also name the same
  speaker (:func:`same_speaker`: the same mention, or normalised names that
  agree in full or by head word / surname, the prediction's entity name and
  aliases and its pronoun antecedent counted);
- each at the default display threshold (``Settings.quote_display_threshold``,
  filtered by :func:`storyline.report.statements.shown`, as the readable
  views do) and for all predicted attributions;
- separately per split: ``dev`` (the first 20 stories, read while designing
  the attribution vetting rules) and ``heldout`` (labelled before those rules
  and never read while writing them; records with ``"split": "heldout"``).

``--dossier FILE`` scores an existing ``dossier.json`` (from ``storyline
analyze`` over the corpus folder) instead of running the pipeline.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
LABELS = REPO / "tests" / "data" / "voa_attributions.jsonl"
CORPUS = REPO.parent / "shared" / "corpus" / "voa"
WORK = Path("/tmp/storyline-eval-voa-attributions")

# Words dropped before names are compared: determiners, titles, possessive
# leftovers. General English, not taken from the labelled stories.
STOP_WORDS = (
    "a an the mr mrs ms dr gen general prof professor president prime minister former senior top s"
)
STOP = frozenset(STOP_WORDS.split())
PRONOUN_WORDS = "he she they it we i you his her their its"
PRONOUNS = frozenset(PRONOUN_WORDS.split())


def load_labels(path: Path = LABELS) -> tuple[dict[str, dict], list[dict]]:
    """The labels file: document records (name -> sha256/chars) and attributions."""
    docs: dict[str, dict] = {}
    gold: list[dict] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row["type"] == "document":
            docs[row["doc"]] = row
        else:
            gold.append(row)
    return docs, gold


def split_of(row: Mapping[str, Any]) -> str:
    """The split a label record belongs to (records without one are dev)."""
    return str(row.get("split") or "dev")


def text_hash(text: str) -> str:
    """The sha256 of a document's text as the pipeline reads it (drift check)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def norm_tokens(name: str) -> list[str]:
    """Lower-cased word tokens of a name, stop words and possessives dropped."""
    words = re.findall(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", name.replace("’", "'").casefold())
    return [w.removesuffix("'s") for w in words if w.removesuffix("'s") not in STOP]


def name_keys(names: Iterable[str]) -> set[str]:
    """Comparison keys of some names: the full normalised name and its last word."""
    keys: set[str] = set()
    for name in names:
        toks = norm_tokens(name or "")
        if not toks or (len(toks) == 1 and toks[0] in PRONOUNS):
            continue
        keys.add(" ".join(toks))
        keys.add("#" + toks[-1])
    return keys


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters two half-open spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def pred_names(quote: Mapping[str, Any], entities: Mapping[str, Mapping]) -> list[str]:
    """Every name the dossier gives a quote's speaker: its text, antecedent, entity."""
    sp = quote.get("speaker") or {}
    names = [sp.get("text") or ""]
    ante = sp.get("antecedent")
    if isinstance(ante, Mapping):
        names.append(ante.get("text") or "")
    elif isinstance(ante, str):
        names.append(ante)
    ent = entities.get(sp.get("entity") or "")
    if ent:
        names.append(ent.get("name") or "")
        names += [a.get("text") or "" for a in ent.get("aliases") or []]
    return names


def speaker_spans(quote: Mapping[str, Any], entities: Mapping[str, Mapping]) -> list[tuple]:
    """Where the dossier puts a quote's speaker: its mention, its antecedent and
    its entity's mentions in the quote's document, as ``(start, end)``."""
    sp = quote.get("speaker") or {}
    out = []
    for node in (sp, sp.get("antecedent")):
        if isinstance(node, Mapping) and node.get("start") is not None:
            out.append((node["start"], node["end"]))
    ent = entities.get(sp.get("entity") or "")
    for m in (ent or {}).get("mentions") or []:
        if m.get("doc") == quote.get("doc_id"):
            out.append((m["start"], m["end"]))
    return out


def same_speaker(
    quote: Mapping[str, Any],
    gold: Mapping[str, Any],
    entities: Mapping,
    mentions: Mapping[tuple[str, str], list] | None = None,
) -> bool:
    """Whether a predicted quote's speaker is the gold speaker: a name that agrees
    with the gold mention or canonical name, or a mention (the speaker's own, its
    antecedent's or its entity's) at a gold mention of the same canonical speaker."""
    gkeys = name_keys([gold["speaker"], gold["speaker_canonical"]])
    if name_keys(pred_names(quote, entities)) & gkeys:
        return True
    gold_spans = list((mentions or {}).get((gold["doc"], gold["speaker_canonical"]), []))
    if gold.get("speaker_span"):
        gold_spans.append(tuple(gold["speaker_span"]))
    return any(overlap(a, b) for a in speaker_spans(quote, entities) for b in gold_spans)


def unresolved_pronoun(quote: Mapping[str, Any]) -> bool:
    """A speaker that is a bare pronoun with no antecedent and no entity."""
    sp = quote.get("speaker") or {}
    toks = norm_tokens(sp.get("text") or "")
    return (
        len(toks) == 1 and toks[0] in PRONOUNS and not sp.get("antecedent") and not sp.get("entity")
    )


def gold_mentions(gold: Iterable[Mapping]) -> dict[tuple[str, str], list]:
    """Gold speaker mention spans by (document, canonical speaker)."""
    out: dict[tuple[str, str], list] = {}
    for g in gold:
        if g.get("speaker_span"):
            out.setdefault((g["doc"], g["speaker_canonical"]), []).append(tuple(g["speaker_span"]))
    return out


def spans(quote: Mapping[str, Any]) -> list[tuple[int, int]]:
    """A quote's content pieces (its fragments, else its start/end)."""
    frags = quote.get("fragments") or [quote]
    return [(f["start"], f["end"]) for f in frags]


def prf(right_pred: int, n_pred: int, right_gold: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 from counts (rounded)."""
    p = right_pred / n_pred if n_pred else 0.0
    r = right_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def score(quotes: list[dict], gold: list[dict], entities: Mapping[str, Mapping]) -> dict[str, Any]:
    """Content-overlap and speaker P/R over one set of predicted quotes
    (``doc`` fields are file names on both sides). A prediction overlapping
    several gold attributions (a quotation nested in an answer) is right when
    any of them has its speaker."""
    by_doc: dict[str, list[dict]] = {}
    for g in gold:
        by_doc.setdefault(g["doc"], []).append(g)
    mentions = gold_mentions(gold)
    content_p = speaker_p = named = pronouns = 0
    found: set[str] = set()
    speaker_found: set[str] = set()
    for q in quotes:
        hits = [
            g for g in by_doc.get(q["doc"], []) if any(overlap(s, g["content"]) for s in spans(q))
        ]
        if not hits:
            continue
        content_p += 1
        named += bool((q.get("speaker") or {}).get("text"))
        right = [g for g in hits if same_speaker(q, g, entities, mentions)]
        found.update(g["id"] for g in hits)
        speaker_found.update(g["id"] for g in right)
        speaker_p += bool(right)
        pronouns += not right and unresolved_pronoun(q)
    n, m = len(quotes), len(gold)
    return {
        "predicted": n,
        "gold": m,
        "content_overlap": prf(content_p, n, len(found), m),
        "speaker": prf(speaker_p, n, len(speaker_found), m),
        "matched_with_a_speaker": named,
        "speaker_right_of_matched_named": round(speaker_p / named, 3) if named else 0.0,
        "breakdown": {
            "speaker_right": speaker_p,
            "speaker_wrong": named - speaker_p - pronouns,
            "unresolved_pronoun": pronouns,
            "no_speaker": content_p - named,
            "not_in_gold": n - content_p,
        },
        "speaker_recall_by_kind": {
            kind: round(
                sum(g["id"] in speaker_found for g in gold if g["kind"] == kind)
                / max(1, sum(g["kind"] == kind for g in gold)),
                3,
            )
            for kind in sorted({g["kind"] for g in gold})
        },
    }


def run_pipeline(
    docs: Mapping[str, dict], corpus: Path, work: Path, profile: str = "default"
) -> dict[str, Any]:
    """The dossier of the labelled stories (analyses cached in ``work``), with
    the pipeline ``profile`` (accurate without its NER weights: parsed with
    the default NER, ``quotes.parsed_as``)."""
    from storyline.api import analyze
    from storyline.settings import Settings
    from tools.evaluate.quotes import parsed_as

    inputs = work / "input"
    inputs.mkdir(parents=True, exist_ok=True)
    for name in docs:
        target = inputs / name
        if not target.exists():
            shutil.copyfile(corpus / name, target)
    settings = Settings(workspace=work / "workspace.db", profile=profile)
    with parsed_as(profile):
        return analyze([str(inputs)], work / "out", settings).dossier


def evaluate(dossier: Mapping[str, Any], docs: Mapping[str, dict], gold: list[dict]) -> dict:
    """Scores of a dossier: drift check, then all quotes and the displayed ones."""
    from storyline.report.statements import display_threshold, shown

    names = {d["id"]: Path(d["source"]).name for d in dossier["documents"]}
    drift = [
        names[d["id"]]
        for d in dossier["documents"]
        if names[d["id"]] in docs and text_hash(d["text"]) != docs[names[d["id"]]]["sha256"]
    ]
    entities = {e["id"]: e for e in dossier.get("entities", [])}
    quotes = [
        dict(q, doc=names[q["doc"]], doc_id=q["doc"])
        for q in dossier.get("quotes", [])
        if names.get(q["doc"]) in docs
    ]
    threshold = display_threshold(dossier)
    out: dict[str, Any] = {
        "documents": len(docs),
        "text_drift": drift,
        "display_threshold": threshold,
    }
    for split in sorted({split_of(d) for d in docs.values()}):
        names_in = {n for n, d in docs.items() if split_of(d) == split}
        part = [q for q in quotes if q["doc"] in names_in]
        labels = [g for g in gold if g["doc"] in names_in]
        out[split] = {
            "documents": len(names_in),
            "displayed": score([q for q in part if shown(q, threshold)], labels, entities),
            "all": score(part, labels, entities),
        }
    return out


def run(
    folder: Path,
    labels: Path = LABELS,
    work: Path = WORK,
    dossier: Path | None = None,
    profile: str = "default",
) -> dict[str, Any]:
    """Entry point of ``python -m tools.evaluate voa_attributions`` (another
    ``profile`` than the default works in its own folder beside ``work``)."""
    docs, gold = load_labels(labels)
    if dossier is not None:
        return evaluate(json.loads(dossier.read_text(encoding="utf-8")), docs, gold)
    missing = [n for n in docs if not (folder / n).is_file()]
    if missing:
        raise SystemExit(f"{folder}: labelled stories missing: {', '.join(missing)}")
    if profile != "default":
        work = work.with_name(f"{work.name}-{profile}")
    return evaluate(run_pipeline(docs, folder, work, profile), docs, gold)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--work", type=Path, default=WORK)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--dossier", type=Path, help="score this dossier.json instead of running")
    args = ap.parse_args()
    text = json.dumps(run(args.corpus, work=args.work, dossier=args.dossier), indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
