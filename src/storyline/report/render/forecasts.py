"""The Forecasts view, shared by dossier.md and dossier.html: reads the dict only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from storyline.report.text import short_date, truncate, with_repaired


def _month_words(value: str) -> str:
    """ "August 2025" from a TIMEX3 month value ``2025-08``; anything else as it is."""
    if len(value) == 7 and value[4] == "-" and value[:4].isdigit() and value[5:].isdigit():
        month = int(value[5:])
        if 1 <= month <= 12:
            return f"{dt.date(2000, month, 1).strftime('%B')} {value[:4]}"
    return value


def deadline_words(value: Any) -> str:
    """ "Friday 4 April 2025, 18:00" from a TIMEX3 value; other values as they are."""
    if not isinstance(value, str) or not value:
        return "no deadline"
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return _month_words(value)
    words = f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"
    return words + (f", {value[11:16]}" if value[10:11] == "T" and value[11:13].isdigit() else "")


def _span(
    span: dict[str, Any], labels: dict[Any, str], docs: dict[Any, Any] | None = None
) -> dict[str, Any]:
    """A shown passage; a spun document's in its repaired reading (``printed`` keeps the words)."""
    item = {
        "doc": span.get("doc"),
        "label": labels.get(span.get("doc"), str(span.get("doc"))),
        "start": span.get("start"),
        "end": span.get("end"),
        "text": truncate(str(span.get("text", "")), 300),
        "relation": span.get("relation"),
    }
    with_repaired(item, docs or {}, 300)
    return item


#: Source words that name nobody by themselves: shown as the entity they were
#: resolved to, else marked as unresolved (never "according to he").
PRONOUNS = frozenset(
    {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "one"}
)


def mention_names(dossier: dict[str, Any]) -> dict[tuple[Any, Any, Any], str]:
    """(doc, start, end) of each mention of a person or organisation entity -> the
    entity's name, so a source given as a bare surname ("Rubio") shows the full
    name the entity resolved to ("Marco Rubio"); and of each shown quotation's
    speaker resolved to an entity ("he" -> "Alexander Lukashenko")."""
    out: dict[tuple[Any, Any, Any], str] = {}
    by_id: dict[Any, str] = {}
    for e in dossier.get("entities") or []:
        if not isinstance(e, dict) or not isinstance(e.get("name"), str):
            continue
        by_id[e.get("id")] = e["name"]
        if e.get("type") not in ("PERSON", "ORG"):
            continue
        for m in e.get("mentions") or []:
            if isinstance(m, dict):
                out[(m.get("doc"), m.get("start"), m.get("end"))] = e["name"]
    shown = float((dossier.get("display") or {}).get("quote_min_confidence") or 0.0)
    for q in dossier.get("quotes") or []:
        if not isinstance(q, dict) or float(q.get("confidence") or 0.0) < shown:
            continue  # a hidden attribution names no one here either
        speaker = q.get("speaker")
        if isinstance(speaker, dict) and speaker.get("entity") in by_id:
            key = (q.get("doc"), speaker.get("start"), speaker.get("end"))
            out.setdefault(key, by_id[speaker["entity"]])
    return out


def who_words(
    who: Any,
    fallback: Any,
    names: dict[tuple[Any, Any, Any], str],
    docs: dict[Any, Any] | None = None,
) -> str:
    """Who made a forecast or reported an event: the resolved entity's full name
    when the span is a mention of it and the name extends the words written
    ("Rubio" -> "Marco Rubio") or the words are a pronoun ("he" -> "Alexander
    Lukashenko"); else the words written (a spun document's in their repaired
    reading, given ``docs``), an unresolved pronoun marked as such; else the
    outlet."""
    if not isinstance(who, dict) or not who.get("text"):
        return str(fallback or "the outlet")
    span = {k: who.get(k) for k in ("doc", "start", "end", "text")}
    with_repaired(span, docs or {})
    text = str(span["text"])
    full = names.get((who.get("doc"), who.get("start"), who.get("end")))
    pronoun = text.casefold() in PRONOUNS
    if full and full != text and (pronoun or full.casefold().endswith(text.casefold())):
        return full
    return f"“{text}” (unresolved)" if pronoun else text


def forecast_view(dossier: dict[str, Any]) -> list[dict[str, Any]]:
    """One plain item per forecast: who, when made, deadline in words, status, reason,
    the statement and the evidence spans with their documents."""
    labels = {
        d.get("id"): str(d.get("outlet") or d.get("title") or d.get("id"))
        for d in dossier.get("documents", [])
    }
    docs = {d.get("id"): d for d in dossier.get("documents", []) if isinstance(d, dict)}
    names = mention_names(dossier) if dossier.get("forecasts") else {}
    out = []
    for fc in dossier.get("forecasts") or []:
        if not isinstance(fc, dict) or not isinstance(fc.get("statement"), dict):
            continue
        who = fc.get("who") or {}
        out.append(
            {
                "id": fc.get("id"),
                "who": who_words(who, fc.get("who_name"), names, docs),
                "made": (
                    f"on or after {short_date(fc['made'])}"
                    if fc.get("made") and fc.get("made_bound")
                    else short_date(fc.get("made")) or "an unknown date"
                ),
                "deadline": deadline_words(fc.get("deadline")),
                "horizon": fc.get("horizon"),
                "status": fc.get("status"),
                "modality": fc.get("modality"),
                "reason": fc.get("reason", ""),
                "confidence": fc.get("confidence", 0.0),
                "low": float(fc.get("confidence") or 0.0) < 0.5,
                "known_until": fc.get("known_until"),
                "statement": _span(fc["statement"], labels, docs),
                "copies": len(fc.get("copies") or []),
                "evidence": [_span(e, labels, docs) for e in (fc.get("evidence") or [])[:5]],
            }
        )
    return out


def printed(span: dict[str, Any], escape: Any = str) -> str:
    """The words as printed after a repaired passage's place, for dossier.md."""
    if not span.get("printed"):
        return ""
    return f"; repaired reading, as printed: “{escape(span['printed'])}”"


def forecast_lines(dossier: dict[str, Any], escape: Any = str) -> list[str]:
    """The Forecasts section of dossier.md."""
    items = forecast_view(dossier)
    out = ["## Forecasts", ""]
    if not items:
        return out + ["No forecasts found.", ""]
    for it in items:
        low = " · *low confidence*" if it["low"] else ""
        s = it["statement"]
        out.append(
            f"- **{escape(it['status'])}**{low} — {escape(it['who'])}, {escape(it['made'])}: "
            f"“{escape(s['text'])}” ({escape(s['label'])} {s['start']}–{s['end']}"
            f"{printed(s, escape)}); "
            + ("" if it["deadline"] == "no deadline" else "deadline ")
            + escape(it["deadline"])
            + (
                f", repeated by {it['copies']} cop{'y' if it['copies'] == 1 else 'ies'}"
                if it["copies"]
                else ""
            )
        )
        out.append(f"  - {escape(it['reason'])} (confidence {it['confidence']:.2f})")
        for e in it["evidence"]:
            out.append(
                f"  - {escape(e['relation'])}: “{escape(e['text'])}” "
                f"({escape(e['label'])} {e['start']}–{e['end']}{printed(e, escape)})"
            )
    return out + [""]
