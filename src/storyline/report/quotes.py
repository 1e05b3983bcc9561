"""Quotes in the dossier: the JSON records and the "Who said what" view.

``link_quotes`` / ``quote_group_records`` add fusion's links to the
flattened quote records and turn fusion's ``QuoteGroup`` records into the
top-level ``quotes`` and ``quote_groups`` of the dossier. ``who_said_what``
reads a dossier dict back into statements (one per quote group, with every
source that carries it) grouped by speaker; Markdown and HTML both render from it, so they agree.

Everything here tolerates missing or ``null`` keys so older dossiers (with
``quotes: []`` and no ``quote_groups``) still render.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.fuse.sources import independent_sources
from storyline.model import Fused, Lineage

UNATTRIBUTED = "Unattributed"
MAX_QUOTE_CHARS = 300  # longer statements are cut (at a word boundary) with "…"


# ------------------------------------------------------------ JSON records


def global_quote_id(doc_id: str, quote_id: str) -> str:
    """``"<doc id>:<quote id>"``, the id fusion and the dossier use."""
    return f"{doc_id}:{quote_id}"


def local_quote_id(quote: Mapping[str, Any]) -> str:
    """The quote's id inside its document (``q3`` of ``d…:q3``)."""
    qid, doc = str(quote.get("id", "")), str(quote.get("doc", ""))
    prefix = doc + ":"
    return qid[len(prefix) :] if doc and qid.startswith(prefix) else qid


def link_quotes(
    records: list[dict[str, Any]], fused: Fused, entity_ids: set[str]
) -> list[dict[str, Any]]:
    """The flattened quote records (``storyline.report.sections``) linked by fusion.

    Each gets ``group`` (the quote group carrying it, or ``None``) and
    ``speaker.entity`` from ``fused.speaker_entities`` (``None`` when the
    speaker is not linked to a known entity).
    """
    group_of: dict[str, str] = {}
    for g in fused.quote_groups:
        for qid in g.quotes:
            group_of.setdefault(qid, g.id)
    for rec in records:
        speaker = rec.get("speaker")
        if isinstance(speaker, dict):
            entity = fused.speaker_entities.get(rec["id"])
            speaker["entity"] = entity if entity in entity_ids else None
        rec["group"] = group_of.get(rec["id"])
    return records


def quote_group_records(fused: Fused, lineages: Sequence[Lineage]) -> list[dict[str, Any]]:
    """``QuoteGroup.to_dict()`` per group, plus ``independent_sources``.

    Groups with the same id (the same documents read twice) are merged;
    quote and document ids are kept once each, in order.
    """
    by_id: dict[str, dict[str, Any]] = {}
    for g in getattr(fused, "quote_groups", None) or []:
        d = g.to_dict()
        prev = by_id.get(d["id"])
        if prev is None:
            by_id[d["id"]] = {**d, "quotes": list(d["quotes"]), "docs": list(d["docs"])}
            continue
        prev["quotes"] += d["quotes"]
        prev["docs"] += d["docs"]
    out = []
    for d in by_id.values():
        d["quotes"] = list(dict.fromkeys(d["quotes"]))
        d["docs"] = list(dict.fromkeys(d["docs"]))
        d["independent_sources"] = independent_sources(d["docs"], lineages)
        out.append(d)
    return out


# ------------------------------------------------------------ "who said what"


_MARKS = ' \t\r\n"\u201c\u201d\u201e\u00ab\u00bb'


def unquoted(text: Any) -> str:
    """The text without the quotation marks (and spaces) around it, for display."""
    return str(text or "").strip(_MARKS)


def truncate(text: Any, limit: int = MAX_QUOTE_CHARS) -> str:
    """Whitespace collapsed; cut at a word boundary with "…" past ``limit`` characters."""
    s = " ".join(str(text or "").split())
    if len(s) <= limit:
        return s
    cut = s[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-\u2013\u2014") + "…"


def speaker_label(speaker: Any) -> str | None:
    """Who said it, as written: the antecedent of a pronoun or description, else the text.

    An unresolved pronoun ("he") names nobody. Mirrors
    ``storyline.fuse.quotes.speaker_name`` on dossier dicts.
    """
    if not isinstance(speaker, Mapping):
        return None
    antecedent = speaker.get("antecedent")
    if isinstance(antecedent, Mapping) and isinstance(antecedent.get("text"), str):
        text = " ".join(antecedent["text"].split())
        if text:
            return text
    if speaker.get("kind") == "pronoun":
        return None
    text = " ".join(str(speaker.get("text") or "").split())
    return text or None


def _part_text(part: Any) -> str:
    if isinstance(part, Mapping):
        return " ".join(str(part.get("text") or "").split())
    return ""


def _first_part(quotes: Sequence[Mapping[str, Any]], key: str) -> str:
    return next((t for q in quotes if (t := _part_text(q.get(key)))), "")


@dataclass
class Statement:
    """One statement (a quote group) with every quote that carries it."""

    id: str
    text: str  # truncated for display
    full_text: str
    kind: str
    cue: str
    channel: str
    when: str
    quotes: list[dict[str, Any]]  # member quotes, in dossier document order
    docs: list[str]
    n_sources: int
    n_independent: int
    speaker_key: str = ""
    speaker_name: str = UNATTRIBUTED
    entity: str | None = None


@dataclass
class SpeakerSection:
    """All statements of one speaker (an entity, a name as written, or nobody)."""

    key: str  # "e:<entity id>", "n:<casefolded name>" or "" (unattributed)
    name: str
    entity: str | None
    statements: list[Statement] = field(default_factory=list)


def _lineages(dossier: Mapping[str, Any]) -> list[Lineage]:
    out = []
    for lin in dossier.get("lineages") or []:
        if isinstance(lin, Mapping) and isinstance(lin.get("documents"), list):
            out.append(
                Lineage(
                    id=str(lin.get("id")),
                    original=str(lin.get("original")),
                    documents=[str(d) for d in lin["documents"]],
                )
            )
    return out


def _fragments_text(q: Mapping[str, Any], text: str | None) -> str | None:
    """A quote interrupted by its attribution, as its pieces joined by " … "."""
    frags = [f for f in q.get("fragments") or [] if isinstance(f, Mapping)]
    if text is None or len(frags) < 2:
        return None
    pieces = []
    for f in sorted(frags, key=lambda f: (f.get("start"), f.get("end"))):
        start, end = f.get("start"), f.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            return None
        pieces.append(unquoted(text[start:end]))
    return " … ".join(p for p in pieces if p)


def _statement(
    sid: str,
    members: list[dict[str, Any]],
    texts: Mapping[Any, str],
    group: Mapping[str, Any] | None,
    entities: Mapping[str, Mapping[str, Any]],
    lineages: Sequence[Lineage],
) -> Statement:
    text = group.get("text") if group and isinstance(group.get("text"), str) else None
    rep = next((q for q in members if text is not None and q.get("text") == text), members[0])
    full = text if text is not None else str(rep.get("text") or "")
    if full == rep.get("text"):
        full = _fragments_text(rep, texts.get(rep.get("doc"))) or full
    docs = list(dict.fromkeys(str(q.get("doc")) for q in members))
    # Cue, channel and time of the shown wording; a part it lacks from the
    # first other source that has one ("told the Harbour Post" in a reprint).
    ordered = [rep] + [q for q in members if q is not rep]
    st = Statement(
        id=sid,
        text=truncate(unquoted(full)),
        full_text=full,
        kind=str(rep.get("kind") or ""),
        cue=_first_part(ordered, "cue"),
        channel=_first_part(ordered, "channel"),
        when=_first_part(ordered, "when"),
        quotes=members,
        docs=docs,
        n_sources=len(docs),
        n_independent=independent_sources(docs, lineages),
    )
    linked = Counter(
        e
        for q in members
        if isinstance(q.get("speaker"), Mapping)
        and isinstance(e := q["speaker"].get("entity"), str)
        and e in entities
    )
    if linked:
        st.entity = linked.most_common(1)[0][0]
        st.speaker_key = "e:" + st.entity
        st.speaker_name = str(entities[st.entity].get("name") or st.entity)
        return st
    name = group.get("speaker") if group and isinstance(group.get("speaker"), str) else None
    if not name:
        names = Counter(n for q in members if (n := speaker_label(q.get("speaker"))))
        name = names.most_common(1)[0][0] if names else None
    if name:
        st.speaker_key = "n:" + name.casefold()
        st.speaker_name = name
    return st


def who_said_what(dossier: Mapping[str, Any]) -> list[SpeakerSection]:
    """The dossier's quotes as statements, grouped by speaker.

    A statement is one quote group (every quote of it, from every source) or
    a quote in no group. Its speaker is the entity most of its quotes are
    linked to, else the speaker name as written (resolved antecedent first),
    else nobody. A name that is an entity's name or alias joins that entity's
    section when exactly one speaking entity matches. Sections are ordered by
    number of statements ("Unattributed" last); statements by independent
    sources, then sources, then where they first appear.
    """
    docs = [d for d in dossier.get("documents") or [] if isinstance(d, Mapping)]
    doc_order = {d.get("id"): i for i, d in enumerate(docs)}
    texts = {d.get("id"): d["text"] for d in docs if isinstance(d.get("text"), str)}
    entities = {
        e["id"]: e
        for e in dossier.get("entities") or []
        if isinstance(e, Mapping) and isinstance(e.get("id"), str)
    }
    groups = {
        g["id"]: g
        for g in dossier.get("quote_groups") or []
        if isinstance(g, Mapping) and isinstance(g.get("id"), str)
    }
    lineages = _lineages(dossier)
    quotes = [q for q in dossier.get("quotes") or [] if isinstance(q, Mapping)]
    members: dict[str, list[dict[str, Any]]] = {}
    for q in quotes:
        gid = q.get("group")
        key = "g:" + gid if isinstance(gid, str) and gid in groups else "q:" + str(q.get("id"))
        members.setdefault(key, []).append(dict(q))

    def where(q: Mapping[str, Any]) -> tuple[int, int]:
        start = q.get("start")
        return doc_order.get(q.get("doc"), len(doc_order)), start if isinstance(start, int) else 0

    statements = []
    for key, qs in members.items():
        qs.sort(key=where)
        group = groups.get(key[2:]) if key.startswith("g:") else None
        sid = key[2:] if group is not None else "q-" + str(qs[0].get("id"))
        statements.append(_statement(sid, qs, texts, group, entities, lineages))

    sections: dict[str, SpeakerSection] = {}
    for st in statements:
        sec = sections.get(st.speaker_key)
        if sec is None:
            name = st.speaker_name if st.speaker_key else UNATTRIBUTED
            sec = sections[st.speaker_key] = SpeakerSection(st.speaker_key, name, st.entity)
        sec.statements.append(st)

    # A name as written that names exactly one speaking entity joins its section.
    names: dict[str, set[str]] = {}
    for key, sec in sections.items():
        if sec.entity is None:
            continue
        ent = entities[sec.entity]
        spellings = [ent.get("name")] + [
            a.get("text") for a in ent.get("aliases") or [] if isinstance(a, Mapping)
        ]
        for s in spellings:
            if isinstance(s, str) and s.strip():
                names.setdefault(" ".join(s.split()).casefold(), set()).add(key)
    for key in [k for k in sections if k.startswith("n:")]:
        targets = names.get(key[2:], set())
        if len(targets) == 1:
            target = sections[next(iter(targets))]
            for st in sections.pop(key).statements:
                st.speaker_key, st.speaker_name, st.entity = target.key, target.name, target.entity
                target.statements.append(st)

    for sec in sections.values():
        sec.statements.sort(
            key=lambda st: (-st.n_independent, -st.n_sources, where(st.quotes[0]), st.id)
        )
    return sorted(
        sections.values(),
        key=lambda s: (s.key == "", -len(s.statements), s.name.casefold(), s.key),
    )


def speaker_count(dossier: Mapping[str, Any]) -> int:
    """How many distinct speakers (sections of "Who said what" but "Unattributed")."""
    return sum(1 for sec in who_said_what(dossier) if sec.key)
