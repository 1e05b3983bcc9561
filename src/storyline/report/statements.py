"""The dossier's quotes read back as statements by speaker ("Who said what").

``who_said_what`` reads a dossier dict into statements (one per quote group,
with every source that carries it) grouped by speaker; Markdown and HTML both
render from it, so they agree, and the builder counts ``stats.speakers`` with
it so the number matches the view. It reads only the dossier: a statement's
independent sources are its quote group's ``independent_sources`` (counted
once, by ``storyline.fuse.sources``, when the dossier was built); a quote in
no group is one document, one source.

Everything here tolerates missing or ``null`` keys so older dossiers (with
``quotes: []`` and no ``quote_groups``) still render.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.report.text import (
    doubts_within,
    in_text,
    name_doubts,
    plural,
    repaired_reading,
    truncate,
    unquoted,
)

UNATTRIBUTED = "Unattributed"


def local_quote_id(quote: Mapping[str, Any]) -> str:
    """The quote's id inside its document (``q3`` of ``d…:q3``)."""
    qid, doc = str(quote.get("id", "")), str(quote.get("doc", ""))
    prefix = doc + ":"
    return qid[len(prefix) :] if doc and qid.startswith(prefix) else qid


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
    if text and speaker.get("kind") == "coordination":
        return text + " (jointly)"  # "A and B said": two speakers, not one
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
    #: the wording as printed when ``text`` shows the repaired reading of a
    #: machine-spun document (None otherwise): the original is one look away.
    spun_original: str | None = None
    #: doubts about names inside the shown passage ("“Carmelite” is possibly a
    #: mistranslation of “Kremlin”"), from the entities' flags.
    doubts: list[str] = field(default_factory=list)


@dataclass
class SpeakerSection:
    """All statements of one speaker (an entity, a name as written, or nobody)."""

    key: str  # "e:<entity id>", "n:<casefolded name>" or "" (unattributed)
    name: str
    entity: str | None
    statements: list[Statement] = field(default_factory=list)


def group_independent_sources(group: Mapping[str, Any] | None, docs: Sequence[str]) -> int:
    """How many independent sources carry a statement, as the dossier says.

    A quote group's ``independent_sources`` (fusion counted it when the
    dossier was built); a quote in no group is its one document. A group
    record without the count (older dossiers) counts each document once.
    """
    value = group.get("independent_sources") if group is not None else None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return len(docs)


def _fragments_text(q: Mapping[str, Any], text: str | None, spans: Any = None) -> str | None:
    """A quote interrupted by its attribution, as its pieces joined by " … "; with a
    spun document's ``spans``, each piece in its repaired reading (None when none
    of them is repaired)."""
    frags = [f for f in q.get("fragments") or [] if isinstance(f, Mapping)]
    if text is None or len(frags) < 2:
        return None
    pieces, repaired = [], False
    for f in sorted(frags, key=lambda f: (f.get("start"), f.get("end"))):
        start, end = f.get("start"), f.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            return None
        fixed = repaired_reading(text, spans, start, end) if spans else None
        repaired = repaired or fixed is not None
        pieces.append(unquoted(fixed if fixed is not None else text[start:end]))
    if spans and not repaired:
        return None
    return " … ".join(p for p in pieces if p)


def _statement(
    sid: str,
    members: list[dict[str, Any]],
    texts: Mapping[Any, str],
    group: Mapping[str, Any] | None,
    entities: Mapping[str, Mapping[str, Any]],
    spans: Mapping[Any, Any] | None = None,
) -> Statement:
    text = group.get("text") if group and isinstance(group.get("text"), str) else None
    rep = next((q for q in members if text is not None and q.get("text") == text), members[0])
    full = text if text is not None else str(rep.get("text") or "")
    pieces = None
    if full == rep.get("text"):
        pieces = _fragments_text(rep, texts.get(rep.get("doc")))
        full = pieces or full
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
        n_independent=group_independent_sources(group, docs),
    )
    start, end, doc = rep.get("start"), rep.get("end"), rep.get("doc")
    if spans and pieces and doc in texts:  # an interrupted quote: each piece repaired
        repaired = _fragments_text(rep, texts[doc], spans.get(doc))
        if repaired is not None:
            st.spun_original, st.text = st.text, truncate(unquoted(repaired))
    elif (
        spans
        and full == rep.get("text")
        and isinstance(start, int)
        and isinstance(end, int)
        and doc in texts
        and in_text(start, end, len(texts[doc]))
    ):
        repaired = repaired_reading(texts[doc], spans.get(doc), start, end)
        if repaired is not None:
            st.spun_original, st.text = st.text, truncate(unquoted(repaired))
    if spans and doc in texts:
        for name in ("cue", "channel", "when"):
            part = rep.get(name)
            if isinstance(part, Mapping) and getattr(st, name) == _part_text(part):
                p0, p1 = part.get("start"), part.get("end")
                if isinstance(p0, int) and isinstance(p1, int) and in_text(p0, p1, len(texts[doc])):
                    fixed = repaired_reading(texts[doc], spans.get(doc), p0, p1)
                    if fixed is not None:
                        setattr(st, name, " ".join(fixed.split()))
    linked = Counter(
        e
        for q in members
        if isinstance(q.get("speaker"), Mapping)
        and q["speaker"].get("kind") != "coordination"  # "A and B said" is not A's alone
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
    if name and spans:
        name = _repaired_speaker(name, members, texts, spans)
    if name:
        st.speaker_key = "n:" + name.casefold()
        st.speaker_name = name
    return st


def _repaired_speaker(
    name: str, members: list[dict[str, Any]], texts: Mapping[Any, str], spans: Mapping[Any, Any]
) -> str:
    """A speaker named in a spun document's words ("its apical commandant") in its
    repaired reading ("its top commander"); the name as written otherwise."""
    for q in members:
        sp = q.get("speaker")
        if not isinstance(sp, Mapping) or speaker_label(sp) != name:
            continue
        ante = sp.get("antecedent")
        part = ante if isinstance(ante, Mapping) and ante.get("text") else sp
        doc, p0, p1 = q.get("doc"), part.get("start"), part.get("end")
        if (
            doc in texts
            and isinstance(p0, int)
            and isinstance(p1, int)
            and in_text(p0, p1, len(texts[doc]))
            and spans.get(doc)
        ):
            fixed = repaired_reading(texts[doc], spans.get(doc), p0, p1)
            if fixed is not None:
                return " ".join(fixed.split())
    return name


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
    spans = {d.get("id"): d.get("spans") for d in docs if d.get("spans")}
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
    doubts = name_doubts(entities.values())
    threshold = display_threshold(dossier)
    quotes = [
        q for q in dossier.get("quotes") or [] if isinstance(q, Mapping) and shown(q, threshold)
    ]
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
        st = _statement(sid, qs, texts, group, entities, spans)
        found = (doubts_within(doubts, q.get("doc"), q.get("start"), q.get("end")) for q in qs)
        st.doubts = list(dict.fromkeys(w for words in found for w in words))
        statements.append(st)

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

    _surnames_to_people(sections, entities)

    for sec in sections.values():
        sec.statements.sort(
            key=lambda st: (-st.n_independent, -st.n_sources, where(st.quotes[0]), st.id)
        )
    return sorted(
        sections.values(),
        key=lambda s: (s.key == "", -len(s.statements), s.name.casefold(), s.key),
    )


def _surnames_to_people(
    sections: dict[str, SpeakerSection], entities: Mapping[str, Mapping[str, Any]]
) -> None:
    """A speaker named by a bare surname ("Armitage") that is the last word of
    exactly one person entity named in the statements' documents ("Richard
    Armitage") is that person: shown by the full name, in the person's section."""
    lone = [k for k in sections if k.startswith("n:") and " " not in k[2:]]
    if not lone:
        return
    people: dict[tuple[Any, str], set[str]] = {}
    for eid, e in entities.items():
        name = str(e.get("name") or "")
        if e.get("type") != "PERSON" or " " not in name:
            continue
        surname = name.split()[-1].casefold()
        for m in e.get("mentions") or []:
            if isinstance(m, Mapping):
                people.setdefault((m.get("doc"), surname), set()).add(eid)
    by_entity = {sec.entity: key for key, sec in sections.items() if sec.entity}
    for key in lone:
        docs = {d for st in sections[key].statements for d in st.docs}
        found = set().union(*(people.get((d, key[2:]), set()) for d in docs))
        if len(found) != 1:
            continue  # nobody, or two people of that name: left as written
        eid = next(iter(found))
        target_key = by_entity.get(eid, "e:" + eid)
        target = sections.get(target_key)
        if target is None:
            name = str(entities[eid].get("name") or eid)
            target = sections[target_key] = SpeakerSection(target_key, name, eid)
            by_entity[eid] = target_key
        for st in sections.pop(key).statements:
            st.speaker_key, st.speaker_name, st.entity = target.key, target.name, target.entity
            target.statements.append(st)


def display_threshold(dossier: Mapping[str, Any]) -> float:
    """The confidence below which quotes are hidden from the readable views
    (``display.quote_min_confidence``, set from the run's settings; 0 when
    absent, as in older dossiers)."""
    display = dossier.get("display")
    value = display.get("quote_min_confidence") if isinstance(display, Mapping) else None
    return float(value) if isinstance(value, int | float) else 0.0


def shown(quote: Mapping[str, Any], threshold: float) -> bool:
    """Whether a quote is shown: it reaches the display threshold (one
    without a confidence does) and, while a threshold is set, its cue reports
    words or thoughts (``cue.reporting`` not false: "signed the bill" is an
    action, not a statement). A threshold of 0 shows every quote."""
    if threshold <= 0:
        return True
    cue = quote.get("cue")
    if isinstance(cue, Mapping) and cue.get("reporting") is False:
        return False
    conf = quote.get("confidence")
    return not isinstance(conf, int | float) or conf >= threshold


def hidden_quotes(dossier: Mapping[str, Any]) -> int:
    """How many quotes the display threshold hides."""
    threshold = display_threshold(dossier)
    return sum(
        1 for q in dossier.get("quotes") or [] if isinstance(q, Mapping) and not shown(q, threshold)
    )


def speaker_count(dossier: Mapping[str, Any]) -> int:
    """How many distinct speakers (sections of "Who said what" but "Unattributed")."""
    return sum(1 for sec in who_said_what(dossier) if sec.key)


def statement_details(st: Statement) -> list[str]:
    """``direct``, ``cue “said”``, ``channel “told X”``, ``when “on Tuesday”`` (unescaped)."""
    parts = [st.kind] if st.kind else []
    for name, value in (("cue", st.cue), ("channel", st.channel), ("when", st.when)):
        if value:
            parts.append(f"{name} “{value}”")
    return parts


def sources_text(st: Statement) -> str:
    """``2 sources, 1 independent``."""
    return f"{plural(st.n_sources, 'source')}, {st.n_independent} independent"
