"""Claim statements about people: the roles documents give them and reports
that they left office.

Per person entity (fusion attaches each document's roles to it), each role is
a "holds office" statement keyed by its title with nationality words,
"former" and spelling variants folded ("Belarusian Deputy Defence Minister"
and "deputy defense minister" are one office); a "former" title is that
statement negated. A cue that the person left office near their name
(``conflicts_rules.LEFT_OFFICE``) is a statement sharing the predicate of a
"resign" event, so the event and the cue meet in one claim; a denial of it is
that statement negated, and a rumour, question or conditional states nothing.
"""

from __future__ import annotations

import re
from typing import Any

from storyline.fuse import claims_rules as R
from storyline.fuse.claims_statements import DocFacts, Found
from storyline.fuse.conflicts_rules import (
    DENIED_AFTER,
    FORMER_TITLE,
    LEFT_OFFICE,
    LEFT_OFFICE_WINDOW,
    NOT_A_REPORT,
    NOT_A_REPORT_BEFORE,
)
from storyline.model import Entity


def title_key(facts: DocFacts, role: dict[str, Any]) -> str:
    """A role title as a key: entity words (nationality, country) and "former"
    dropped, spelling folded: "Belarusian Deputy Defence Minister" ->
    "deputy defense minister"."""
    start = role.get("title_start")
    title = str(role.get("title") or "")
    if isinstance(start, int):
        spans = sorted(
            (s - start, e - start)
            for s, e, _ in facts.index.by_doc.get(facts.info.doc, ())
            if start <= s and e <= start + len(title)
        )
        for s, e in reversed(spans):
            title = title[:s] + " " + title[e:]
    title = FORMER_TITLE.sub(" ", title)
    words = [R.SPELLING.get(w, w) for w in title.lower().replace("-", " ").split()]
    return " ".join(w for w in words if w not in R.TITLE_STOP)


def role_statements(ent: Entity, facts_of: dict[str, DocFacts]) -> list[Found]:
    """The roles fusion attached to a person, as "holds office" statements."""
    out = []
    for role in ent.roles:
        facts = facts_of.get(str(role.get("doc")))
        if role.get("relation") != "role" or facts is None:
            continue
        try:
            key = title_key(facts, role)
            start, end = int(role["start"]), int(role["end"])
        except (KeyError, TypeError, ValueError):
            continue
        if not key:
            continue
        former = bool(FORMER_TITLE.search(str(role.get("text") or "")))
        title = " ".join(FORMER_TITLE.sub(" ", str(role.get("title") or key)).split()) or key
        org = f" of {role['org']}" if role.get("org") else ""
        st = facts.statement(
            start,
            end,
            ("no longer " if former else "") + title + org,
            asserter=facts.asserter(start, direct_only=True),
            polarity="negated" if former else "affirmed",
            confidence=R.CONF_ROLE,
            ref=f"{facts.info.doc}:role:{start}-{end}",
        )
        out.append(
            Found(
                statement=st,
                kind="role",
                subject={"name": ent.name, "entity": ent.id},
                subject_key=ent.id,
                predicate="holds office",
                object={"name": title + org, "entity": None},
                object_key=key,
            )
        )
    return out


def _left_office_polarity(facts: DocFacts, cue: re.Match[str], s: int, e: int) -> str | None:
    """ "affirmed" for a report of leaving office, "negated" for a denial of one,
    None for a rumour, question or conditional (no statement)."""
    text = facts.info.text
    before = max(s, cue.start() - NOT_A_REPORT_BEFORE)
    hedge = NOT_A_REPORT.search(text, before, cue.end())
    denied_after = DENIED_AFTER.search(text, cue.end(), e)
    if not hedge and not denied_after:
        return "affirmed"
    if denied_after or R.DENIAL.search(text, before, cue.start()):
        return "negated"
    return None


def left_office_statements(ent: Entity, facts_of: dict[str, DocFacts]) -> list[Found]:
    """A person reported to have left office ("resigned", "stepped down", "was
    dismissed") near a mention of them, or a denial of it; one per document.
    Rumours, questions and conditionals state nothing."""
    out: dict[str, Found] = {}
    for m in ent.mentions:
        facts = facts_of.get(m.doc)
        if facts is None or m.doc in out:
            continue
        s, e = facts.info.sentence_at(m.start)
        for cue in LEFT_OFFICE.finditer(facts.info.text, s, e):
            if min(abs(cue.start() - m.end), abs(m.start - cue.end())) > LEFT_OFFICE_WINDOW:
                continue
            polarity = _left_office_polarity(facts, cue, s, e)
            if polarity is None:
                continue
            word = cue.group(0)
            st = facts.statement(
                s,
                e,
                word if polarity == "affirmed" else f"not {word}",
                asserter=facts.asserter(cue.start()),
                polarity=polarity,
                confidence=R.CONF_STATUS,
                ref=f"{m.doc}:status:{cue.start()}-{cue.end()}",
            )
            out[m.doc] = Found(
                statement=st,
                kind="event",
                subject={"name": ent.name, "entity": ent.id},
                subject_key=ent.id,
                predicate=R.LEFT_OFFICE_PREDICATE,
                context=facts.entities_between(s, e) - {ent.id},
            )
            break
    return list(out.values())
