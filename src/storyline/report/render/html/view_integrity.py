"""Source integrity in the HTML page: lineages, per-document flags and panel.

Everything is read from the dossier (``lineages`` and each document's
``integrity``); nothing is recomputed from fusion.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from storyline.report.render.html.anchors import (
    doc_anchor,
    evidence_anchor,
    passage_anchor,
    spun_anchor,
)
from storyline.report.render.html.layers import evidence_items, spun_original
from storyline.report.render.integrity import flag_items, integrity_of
from storyline.report.text import doc_label, in_text, score_text

PASSAGE_EXCERPT_CHARS = 120  # shared-passage previews


def passage_excerpt(text: str, start: Any, end: Any) -> str:
    """A shared passage's start as a one-line preview ("" if the range is not in the text)."""
    if not in_text(start, end, len(text)):
        return ""
    piece = " ".join(text[start:end].split())
    if len(piece) <= PASSAGE_EXCERPT_CHARS:
        return piece
    return piece[: PASSAGE_EXCERPT_CHARS - 1] + "…"


def doc_ref(doc_id: Any, docs_by_id: dict[Any, dict[str, Any]]) -> dict[str, Any]:
    """A link to a document for the ``docref`` macro: its id, anchor (if in the page), outlet."""
    doc = docs_by_id.get(doc_id)
    return {
        "id": doc_id,
        "href": "#" + doc_anchor(str(doc_id)) if doc is not None else None,
        "outlet": (doc or {}).get("outlet"),
        "label": doc_label(doc) if doc is not None else str(doc_id),
    }


def lineage_view(
    dossier: dict[str, Any], docs_by_id: dict[Any, dict[str, Any]]
) -> tuple[list[dict], dict[Any, list], dict[Any, list], dict[Any, list]]:
    """Lineages for the page, plus per document: passage layers, links as copy, as original."""
    texts = {d_id: str(d.get("text", "")) for d_id, d in docs_by_id.items()}
    passages_by_doc: dict[Any, list[tuple[int, int, str, str]]] = defaultdict(list)
    as_copy: dict[Any, list[dict]] = defaultdict(list)
    as_original: dict[Any, list[dict]] = defaultdict(list)
    views = []
    lineages = [lin for lin in dossier.get("lineages") or [] if isinstance(lin, dict)]
    for li, lin in enumerate(lineages):
        links = []
        for lj, link in enumerate(lin.get("links") or []):
            copy_id, orig_id = link.get("copy"), link.get("original")
            copy_text, orig_text = texts.get(copy_id), texts.get(orig_id)
            passages = []
            for k, p in enumerate(link.get("passages") or []):
                a = (p.get("a_start"), p.get("a_end"))
                b = (p.get("b_start"), p.get("b_end"))
                a_ok = copy_text is not None and in_text(*a, len(copy_text))
                b_ok = orig_text is not None and in_text(*b, len(orig_text))
                a_id, b_id = passage_anchor(li, lj, k, "a"), passage_anchor(li, lj, k, "b")
                if a_ok:
                    title = f"shared passage {k + 1} with {orig_id} (its original)"
                    passages_by_doc[copy_id].append((*a, a_id, title))
                if b_ok:
                    title = f"shared passage {k + 1} with {copy_id} (a copy)"
                    passages_by_doc[orig_id].append((*b, b_id, title))
                passages.append(
                    {
                        "n": k + 1,
                        "a": f"{a[0]}–{a[1]}",
                        "b": f"{b[0]}–{b[1]}",
                        "a_href": "#" + a_id if a_ok else None,
                        "b_href": "#" + b_id if b_ok else None,
                        "excerpt": passage_excerpt(copy_text, *a) if a_ok else "",
                    }
                )
            view = {
                "anchor": f"link-{li}-{lj}",
                "copy_ref": doc_ref(copy_id, docs_by_id),
                "original_ref": doc_ref(orig_id, docs_by_id),
                "kind": link.get("kind"),
                "similarity": score_text(link.get("similarity")),
                "reason": link.get("reason"),
                "passages": passages,
            }
            links.append(view)
            as_copy[copy_id].append(view)
            as_original[orig_id].append(view)
        views.append(
            {
                "id": lin.get("id"),
                "anchor": f"lin-{li}",
                "original": doc_ref(lin.get("original"), docs_by_id),
                "n_documents": len(lin.get("documents") or []),
                "links": links,
            }
        )
    return views, passages_by_doc, as_copy, as_original


def flags_view(doc: dict[str, Any], docs_by_id: dict[Any, dict[str, Any]]) -> list[dict]:
    """A document's integrity flags, with links to the documents they name."""
    flags = []
    for f in flag_items(doc):
        f = dict(f)
        if f["kind"] == "copy":
            f["ref"] = doc_ref(f["doc"], docs_by_id)
        if f["kind"] == "copied":
            f["refs"] = [doc_ref(d, docs_by_id) for d in f["docs"]]
        flags.append(f)
    return flags


def integrity_view(
    doc: dict[str, Any], lineage_anchor: dict[Any, str], docs_by_id: dict[Any, dict[str, Any]]
) -> dict[str, Any]:
    """The per-document integrity panel: each finding with its evidence, linked."""
    doc_id = str(doc.get("id", ""))
    text = str(doc.get("text", ""))
    n = len(text)
    integ = integrity_of(doc)
    view: dict[str, Any] = dict.fromkeys(("spun", "mt", "outlet", "lineage", "copy_of"))

    spun = integ.get("spun")
    words = []
    for span in doc.get("spans", []):
        if span.get("kind") != "spun":
            continue
        start, end = span.get("start"), span.get("end")
        ok = in_text(start, end, n)
        words.append(
            {
                "text": text[start:end] if ok else "",
                "original": spun_original(span),
                "confidence": score_text(span.get("confidence")),
                "evidence": span.get("evidence") if isinstance(span.get("evidence"), str) else "",
                "href": "#" + spun_anchor(doc_id, start, end) if ok else None,
            }
        )
    if isinstance(spun, dict) or words:
        spun = spun if isinstance(spun, dict) else {}
        view["spun"] = {
            "score": score_text(spun.get("score")),
            "flagged": spun.get("flagged") is True,
            "n_spun": spun.get("n_spun"),
            "n_words": spun.get("n_words"),
            "method": spun.get("method"),
            "words": words,
            "repairable": any(w["original"] and w["href"] for w in words),
        }

    def evidence(prefix: str, finding: Any) -> list[dict[str, Any]]:
        out = []
        for ev in evidence_items(finding):
            start, end = ev.get("start"), ev.get("end")
            ok = in_text(start, end, n)
            shown = ev.get("text") if isinstance(ev.get("text"), str) else ""
            out.append(
                {
                    "text": shown or (text[start:end] if ok else ""),
                    "kind": ev.get("kind"),
                    "note": ev.get("note"),
                    "pattern": ev.get("pattern"),
                    "where": f"{start}–{end}",
                    "href": "#" + evidence_anchor(prefix, doc_id, start, end) if ok else None,
                }
            )
        return out

    mt = integ.get("machine_translated")
    if isinstance(mt, dict):
        view["mt"] = {
            "score": score_text(mt.get("score")),
            "flagged": mt.get("flagged") is True,
            "method": mt.get("method"),
            "evidence": evidence("mt", mt),
        }
    outlet = integ.get("original_outlet")
    if isinstance(outlet, dict) and (outlet.get("name") or outlet.get("repost") is True):
        view["outlet"] = {
            "name": outlet.get("name") or "not named (the text is a re-post)",
            "confidence": score_text(outlet.get("confidence")) if outlet.get("name") else None,
            "evidence": evidence("oo", outlet),
            "candidates": [
                {
                    "name": c.get("name"),
                    "score": score_text(c.get("score")),
                    "count": c.get("count"),
                }
                for c in outlet.get("candidates") or []
                if isinstance(c, dict)
            ],
        }
    lineage = integ.get("lineage")
    if isinstance(lineage, str):
        view["lineage"] = {"id": lineage, "href": lineage_anchor.get(lineage)}
    copy_of = integ.get("copy_of")
    if isinstance(copy_of, dict) and copy_of.get("doc"):
        # Shown from the lineage links when there are any; this is the fallback.
        view["copy_of"] = {
            "original": doc_ref(copy_of.get("doc"), docs_by_id),
            "kind": copy_of.get("kind"),
            "similarity": score_text(copy_of.get("similarity")),
            "reason": copy_of.get("reason"),
            "passages": [
                {
                    "n": k + 1,
                    "a": f"{p.get('a_start')}–{p.get('a_end')}",
                    "b": f"{p.get('b_start')}–{p.get('b_end')}",
                    "a_href": None,
                    "b_href": None,
                    "excerpt": passage_excerpt(text, p.get("a_start"), p.get("a_end")),
                }
                for k, p in enumerate(copy_of.get("passages") or [])
                if isinstance(p, dict)
            ],
        }
    return view
