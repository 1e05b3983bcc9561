"""The first screen of the HTML dossier: the story, its sources and what is open.

A reader opens the dossier to learn what happened and how far to trust it,
before any table. This view answers that from the dossier dict alone: the
largest developing story's headline and brief (a developing story holds the
event-level stories of one larger story, listed under it; a dossier without
``developing_stories`` uses the event-level stories alone) (``story["brief"]``, ``story["summary"]``
when the brief stage filled them, else its title and documents), every
integrity finding as a sentence ("machine-translated re-post of an Israel
Hayom article") rather than a bare score, the forecasts still open and the
disagreements, and which parts were not analysed. Each cited sentence links
to its span in the document view (the layers it returns draw those spans).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from storyline.report.render.forecasts import deadline_words
from storyline.report.render.html.anchors import css_name, doc_anchor
from storyline.report.render.html.layers import Layer
from storyline.report.render.html.view_timeline import link_span
from storyline.report.render.integrity import integrity_of, same_outlet
from storyline.report.text import (
    doc_label,
    excerpt,
    in_text,
    plural,
    repaired_reading,
    short_date,
    truncate,
)

MAX_FINDINGS = 8  # integrity sentences on the first screen (the rest: Sources table)
MAX_OPEN = 5  # forecasts and disagreements on the first screen
MAX_OTHER_STORIES = 8  # other stories named on the first screen
# Top-level sections a run may leave out, as the reader knows them. A key
# absent from the dossier was not analysed; an empty list was, and found none.
ANALYSED_SECTIONS = (
    ("stories", "stories"),
    ("quotes", "quotes"),
    ("events", "events"),
    ("timeline", "timeline"),
    ("forecasts", "forecasts"),
    ("claims", "claims"),
    ("conflicts", "disagreements"),
    ("lineages", "copies"),
    ("places", "places"),
    ("quantities", "numbers"),
)
NEVER_ANALYSED = "Only the text is read: photos, videos and linked pages are not analysed."
SPOILED = (
    ("documents_spun", "machine-spun"),
    ("documents_machine_translated", "machine-translated"),
)
BRIEF_OPEN_KINDS = ("forecast", "disagreement")  # a brief that has these replaces "Open questions"
FORECAST_SHOWN = ("open", "not by its deadline", "contradicted")


def _article(name: str) -> str:
    return "an" if name[:1].upper() in "AEIOU" else "a"


def _span_ref(ref: Mapping[str, Any]) -> dict[str, Any]:
    """A brief's span reference, whichever id key the producer used."""
    return {
        "doc": ref.get("doc_id", ref.get("doc")),
        "start": ref.get("start"),
        "end": ref.get("end"),
    }


class Linker:
    """Links cited spans to their place in the document view (and draws them there)."""

    def __init__(self, docs_by_id: Mapping[Any, Mapping[str, Any]]) -> None:
        self.docs = docs_by_id
        self.texts = {d_id: str(d.get("text", "")) for d_id, d in docs_by_id.items()}
        self.layers: dict[Any, list[Layer]] = defaultdict(list)

    def cite(self, ref: Mapping[str, Any], title: str) -> dict[str, Any]:
        """``{"href", "label", "id"}`` for a span: its anchor, its document's label."""
        span = _span_ref(ref)
        doc = self.docs.get(span["doc"])
        if doc is None or not isinstance(span["start"], int) or not isinstance(span["end"], int):
            return {"href": None, "label": str(span["doc"]), "id": span["doc"]}
        link_span(span, self.texts, self.layers, title)
        return {"href": span["href"], "label": doc_label(doc), "id": span["doc"]}

    def reading(self, ref: Mapping[str, Any], fallback: Any) -> tuple[str, str | None]:
        """The sentence to show (the repaired reading in a machine-spun text) and,
        when repaired, the wording as printed."""
        span = _span_ref(ref)
        doc = self.docs.get(span["doc"]) or {}
        text = self.texts.get(span["doc"], "")
        printed = str(fallback or "")
        if in_text(span["start"], span["end"], len(text)):
            printed = text[span["start"] : span["end"]]
            repaired = repaired_reading(text, doc.get("spans"), span["start"], span["end"])
            if repaired:
                return truncate(repaired), truncate(printed)
        return truncate(printed), None


def integrity_sentence(
    doc: Mapping[str, Any], docs_by_id: Mapping[Any, Mapping[str, Any]]
) -> str | None:
    """One document's integrity findings as one phrase, or None if it is clean."""
    integ = integrity_of(doc)
    spun = integ.get("spun") if isinstance(integ.get("spun"), dict) else {}
    mt = integ.get("machine_translated")
    mt = mt if isinstance(mt, dict) else {}
    outlet = integ.get("original_outlet")
    outlet = outlet if isinstance(outlet, dict) else {}
    copy_of = integ.get("copy_of") if isinstance(integ.get("copy_of"), dict) else {}
    adjectives = []
    if mt.get("flagged") is True:
        adjectives.append("machine-translated")
    if spun.get("flagged") is True:
        adjectives.append("machine-spun")
    name = outlet.get("name") if isinstance(outlet.get("name"), str) else ""
    own = outlet.get("same_as_document_outlet") is True or same_outlet(name, doc.get("outlet"))
    extra = ""
    if copy_of.get("doc"):
        original = docs_by_id.get(copy_of["doc"])
        kind = str(copy_of.get("kind") or "")
        noun = f"copy of “{doc_label(original) if original else copy_of['doc']}”"
        if kind and kind not in ("copy", "spun"):  # a spun copy says so by its adjective
            noun += f" ({kind})"
    elif name and not own and outlet.get("repost") is True:
        noun = f"re-post of {_article(name)} {name} article"
    elif name and not own:
        noun = "text"
        extra = f"credits {name} as a source"
    elif outlet.get("repost") is True and not name:
        noun = "re-post whose original outlet is not named"
    else:
        noun = "text"
    if not adjectives and noun == "text" and not extra:
        return None
    phrase = " ".join([*adjectives, noun]) if adjectives or noun != "text" else ""
    if spun.get("flagged") is True and isinstance(spun.get("n_spun"), int):
        n_words = spun.get("n_words")
        of = f" of {n_words}" if isinstance(n_words, int) else ""
        replaced = f"{plural(spun['n_spun'], 'word')}{of} replaced by synonyms"
        repairable = any(
            isinstance(s, dict) and s.get("kind") == "spun" and s.get("original")
            for s in doc.get("spans") or []
        )
        extra = "; ".join(
            x for x in (extra, replaced, "repaired reading shown" if repairable else "") if x
        )
    return ": ".join(x for x in (phrase, extra) if x) if phrase else extra


def integrity_findings(
    docs: list[Mapping[str, Any]], docs_by_id: Mapping[Any, Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Every document with an integrity finding: its label, link and the finding in words."""
    out = []
    for d in docs:
        sentence = integrity_sentence(d, docs_by_id)
        if sentence:
            out.append(
                {
                    "label": doc_label(d),
                    "id": d.get("id"),
                    "href": "#" + doc_anchor(str(d.get("id", ""))),
                    "text": sentence,
                }
            )
    return out


def sources_in_words(dossier: Mapping[str, Any], docs: list[Mapping[str, Any]]) -> str:
    """``5 articles from 3 outlets; 5 independent sources; 1 machine-spun, …``."""
    stats = dossier.get("stats") or {}
    n = len(docs)
    named = [str(d.get("outlet")).casefold() for d in docs if d.get("outlet")]
    parts = [plural(n, "article")]
    if named and len(named) == n:
        parts[0] += f" from {plural(len(set(named)), 'outlet')}"
    elif named:
        parts[0] += f" (outlet named for {len(named)})"
    independent = stats.get("independent_sources")
    if isinstance(independent, int):
        parts.append(plural(independent, "independent source"))
    copied = stats.get("documents_copied")
    if isinstance(copied, int):
        if copied:
            parts.append(f"{copied} of {n} {'is a copy' if copied == 1 else 'are copies'}")
        elif n > 1:
            parts.append("no two are copies of each other")
    reposts = sum(
        1 for d in docs if (integrity_of(d).get("original_outlet") or {}).get("repost") is True
    )
    if reposts:
        parts.append(f"{reposts} re-post{'' if reposts == 1 else 's'} of another outlet's report")
    for key, word in SPOILED:
        if stats.get(key):
            parts.append(f"{stats[key]} {word}")
    return "; ".join(parts) + "."


def _story_docs(story: Mapping[str, Any], docs_by_id: Mapping[Any, Mapping[str, Any]]) -> list:
    return [docs_by_id[d] for d in story.get("documents") or [] if d in docs_by_id]


def _undated(span: str, docs: list[Mapping[str, Any]]) -> str:
    """``11 Mar 2022 – 19 Mar 2022 (2 undated)``: a story's date range says
    nothing of its articles without a date, so their number is added."""
    n = sum(1 for d in docs if not d.get("published"))
    if not n:
        return span
    return f"{span} ({n} undated)" if span else f"{n} undated"


def story_view(
    story: Mapping[str, Any], docs_by_id: Mapping[Any, Mapping[str, Any]], linker: Linker
) -> dict[str, Any]:
    """One story: headline (linked to its span), cited summary, state of play,
    its sources in words and its documents by label."""
    brief = story.get("brief") if isinstance(story.get("brief"), dict) else {}
    docs = _story_docs(story, docs_by_id)
    headline = brief.get("headline") if isinstance(brief.get("headline"), dict) else None
    title_span = story.get("title_span") if isinstance(story.get("title_span"), dict) else None
    head_ref = headline or title_span
    head_text = str((headline or {}).get("text") or story.get("title") or "")
    if not head_text and docs:
        head_text = doc_label(docs[0])
    summary = []
    for s in story.get("summary") or []:
        if not isinstance(s, dict):
            continue
        text, printed = linker.reading(s, s.get("text"))
        summary.append({"text": text, "printed": printed, **linker.cite(s, "brief: summary")})
    state = []
    for item in brief.get("state_of_play") or []:
        if not isinstance(item, dict) or not item.get("text"):
            continue
        refs = [linker.cite(r, f"brief: {item.get('kind')}") for r in item.get("refs") or []]
        state.append({"kind": item.get("kind"), "text": str(item["text"]), "refs": refs})
    sources = brief.get("sources") if isinstance(brief.get("sources"), dict) else {}
    dates = [short_date(story.get(k)) for k in ("first", "last") if story.get(k)]
    return {
        "id": story.get("id"),
        "anchor": f"story-{css_name(story.get('id'))}",
        "headline": head_text,
        "headline_href": linker.cite(head_ref, "headline")["href"] if head_ref else None,
        "has_brief": bool(brief or summary),
        "summary": summary,
        "state_of_play": state,
        "brief_has_open": any(x["kind"] in BRIEF_OPEN_KINDS for x in state),
        "sources_words": str(sources.get("in_words") or ""),
        "dates": _undated(" – ".join(dict.fromkeys(dates)), docs),
        "n_documents": len(story.get("documents") or []),
        "documents": [
            {"label": doc_label(d), "id": d.get("id"), "href": "#" + doc_anchor(str(d.get("id")))}
            for d in docs
        ],
    }


def _open_questions(dossier: Mapping[str, Any], linker: Linker) -> list[dict[str, Any]]:
    """Forecasts not settled true, then disagreements: each a sentence with its link."""
    out: list[dict[str, Any]] = []
    for fc in dossier.get("forecasts") or []:
        if not isinstance(fc, dict) or fc.get("status") not in FORECAST_SHOWN:
            continue
        st = fc.get("statement")
        if not isinstance(st, dict):
            continue
        text, _ = linker.reading(st, st.get("text"))
        who = (fc.get("who") or {}).get("text") if isinstance(fc.get("who"), dict) else None
        due = "deadline " + deadline_words(fc.get("deadline"))
        out.append(
            {
                "kind": "forecast",
                "status": fc.get("status"),
                "low": float(fc.get("confidence") or 0.0) < 0.5,
                "text": excerpt(text, 220),
                "note": ", ".join(x for x in (who, due if fc.get("deadline") else "") if x),
                **linker.cite(st, f"forecast: {fc.get('status')}"),
            }
        )
    for c in dossier.get("conflicts") or []:
        if not isinstance(c, dict):
            continue
        out.append(
            {
                "kind": "disagreement",
                "status": "disagreement",
                "low": float(c.get("confidence") or 0.0) < 0.5,
                "text": str(c.get("explanation") or c.get("about") or "sources disagree"),
                "note": str(c.get("about") or ""),
                "href": "#conflicts",
                "label": "Disagreements",
                "id": c.get("id"),
            }
        )
    out.sort(key=lambda q: q["low"])  # confident ones first, order kept otherwise
    return out


def not_analysed(dossier: Mapping[str, Any], docs: list[Mapping[str, Any]]) -> list[str]:
    """What this dossier did not look at, one line each."""
    missing = [word for key, word in ANALYSED_SECTIONS if key not in dossier]
    lines = [f"Not analysed in this run: {', '.join(missing)}."] if missing else []
    other = [d for d in docs if d.get("language") and str(d.get("language")) != "en"]
    if other:
        lines.append(
            f"{plural(len(other), 'document')} not in English: names, quotes and events "
            "come from English models and may be missing there."
        )
    return [*lines, NEVER_ANALYSED]


def _events(
    dev: Mapping[str, Any],
    by_id: Mapping[Any, Mapping[str, Any]],
    docs_by_id: Mapping[Any, Mapping[str, Any]],
    linker: Linker,
) -> list[dict[str, Any]]:
    """The event-level stories of a developing story that ``by_id`` holds (none when
    it holds only one, whose brief is the developing story's own; a document's
    page holds only the document's own story, listed under its developing story)."""
    if len(dev.get("stories") or []) < 2:
        return []
    ids = [s for s in dev.get("stories") or [] if s in by_id]
    briefed = dev.get("brief_stories")
    out = []
    for s in ids:
        view = story_view(by_id[s], docs_by_id, linker)
        view["loose"] = isinstance(briefed, list) and s not in briefed
        out.append(view)
    return out


def story_views(
    dossier: Mapping[str, Any], docs_by_id: Mapping[Any, Mapping[str, Any]], linker: Linker
) -> list[dict[str, Any]]:
    """The stories a reader meets first, largest first: developing stories, each
    with its event-level stories under ``events``; else the event-level stories."""
    stories = [s for s in dossier.get("stories") or [] if isinstance(s, dict)]
    developing = [s for s in dossier.get("developing_stories") or [] if isinstance(s, dict)]
    tops = developing or stories
    order = sorted(range(len(tops)), key=lambda i: -len(tops[i].get("documents") or []))
    by_id = {s.get("id"): s for s in stories}
    views = []
    for i in order:
        view = story_view(tops[i], docs_by_id, linker)
        view["events"] = _events(tops[i], by_id, docs_by_id, linker) if developing else []
        view["n_events"] = len(tops[i].get("stories") or []) if developing else 1
        views.append(view)
    return views


def front_view(
    dossier: Mapping[str, Any], docs_by_id: Mapping[Any, Mapping[str, Any]]
) -> tuple[dict[str, Any], dict[Any, list[Layer]]]:
    """The first screen, and per document the layers of the spans it cites."""
    linker = Linker(docs_by_id)
    docs = [d for d in dossier.get("documents") or [] if isinstance(d, dict)]
    views = story_views(dossier, docs_by_id, linker)
    main = views[0] if views else None
    findings = integrity_findings(docs, docs_by_id)
    questions = _open_questions(dossier, linker)
    view = {
        "story": main,
        "other_stories": views[1 : 1 + MAX_OTHER_STORIES],
        "n_other_stories": max(0, len(views) - 1),
        "stories": views,
        "stories_analysed": "stories" in dossier,
        "sources_words": ("In this dossier: " if len(views) > 1 else "")
        + sources_in_words(dossier, docs),
        "findings": findings[:MAX_FINDINGS],
        "n_more_findings": max(0, len(findings) - MAX_FINDINGS),
        "questions": questions[:MAX_OPEN],
        "n_more_questions": max(0, len(questions) - MAX_OPEN),
        "not_analysed": not_analysed(dossier, docs),
    }
    return view, linker.layers
