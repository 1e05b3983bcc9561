"""The Claims section, shared by dossier.md and dossier.html: reads the dict only.

Claims are grouped by subject ("Viktor Gulevich": resigned; deputy defense
minister; ...), subjects with the most independent sources first. Each claim
says in words how many independent sources affirm it and how many deny it
(copies of one original count once), who asserts it (the outlet, a quoted
speaker, a source the outlet credits), whether it is hedged or a forecast,
and whether the Disagreements section disputes it; every statement links to
its span. Low-confidence claims are marked, as in the other sections.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from storyline.report.text import in_text, plural, repaired_reading, short_date, truncate

#: Subjects and claims per subject shown (the dossier keeps every claim).
MAX_SUBJECTS = 30
MAX_PER_SUBJECT = 8
MAX_STATEMENTS = 4
#: How a claim's modality reads beside it.
MODALITY_WORDS = {"hedged": "possible", "predicted": "forecast"}
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count_words(n: int, noun: str = "source") -> str:
    """ "one source", "two independent sources", "12 independent sources"."""
    word = _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)
    return f"{word} {noun}" if n == 1 else f"{word} independent {noun}s"


@dataclass
class ClaimLine:
    """One claim as shown."""

    id: str
    says: str
    kind: str
    modality: str  # "" when asserted, else "possible" / "forecast"
    negated: bool  # no source affirms it: every statement says it is not so
    support: str  # "two independent sources (+1 copy); denied by one source"
    by: str  # who asserts it: "The Post; Ana Ruiz (quoted by The Wire)"
    confidence: float
    low: bool
    disputed: list[str] = field(default_factory=list)  # "about" of each disagreement
    statements: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class SubjectBlock:
    name: str
    entity: str | None
    claims: list[ClaimLine]


@dataclass
class ClaimsView:
    subjects: list[SubjectBlock]
    total: int
    shown: int


def _labels(dossier: Mapping[str, Any]) -> dict[Any, str]:
    """doc id -> "The Post, 11 Mar 2022" (outlet, else a short title, else the id)."""
    out = {}
    for d in dossier.get("documents") or []:
        if isinstance(d, Mapping):
            source = str(d.get("source") or "").rsplit("/", 1)[-1]
            name = d.get("outlet") or truncate(str(d.get("title") or ""), 40) or source
            name = name or d.get("id")
            day = short_date(str(d.get("published") or "")[:10])
            out[d.get("id")] = f"{name}, {day}" if day else str(name)
    return out


def asserter_words(st: Mapping[str, Any], label: str) -> str:
    """Who asserts one statement, in words."""
    who = st.get("asserter") or {}
    name = str(who.get("name") or "")
    if who.get("kind") == "speaker":
        return f"{name} (quoted by {label})"
    if who.get("kind") == "source":
        return f"{label}, citing {name}"
    return label


def support_words(c: Mapping[str, Any]) -> str:
    """ "two independent sources (+1 copy); denied by one source"."""
    stmts = [s for s in c.get("statements") or [] if isinstance(s, Mapping)]
    pos, neg = int(c.get("sources") or 0), int(c.get("sources_negating") or 0)
    parts = []
    if pos:
        docs = len({s.get("doc") for s in stmts if s.get("polarity") == "affirmed"})
        extra = docs - pos
        copies = f" (+{extra} cop{'y' if extra == 1 else 'ies'})" if extra > 0 else ""
        parts.append(count_words(pos) + copies)
    if neg:
        parts.append(("denied by " if pos else "") + count_words(neg))
    return "; ".join(parts) or "no source"


def _overlaps(conflicts: list[Mapping[str, Any]]) -> dict[Any, list[tuple[int, int, str]]]:
    """doc -> (start, end, about) of every disagreement side."""
    out: dict[Any, list[tuple[int, int, str]]] = defaultdict(list)
    for cf in conflicts:
        for side in cf.get("sides") or []:
            if isinstance(side, Mapping) and isinstance(side.get("start"), int):
                out[side.get("doc")].append((side["start"], side["end"], str(cf.get("about"))))
    return out


def claim_line(
    c: Mapping[str, Any],
    labels: Mapping[Any, str],
    sides: Mapping[Any, list],
    docs: Mapping[Any, Mapping[str, Any]] | None = None,
) -> ClaimLine:
    stmts = [s for s in c.get("statements") or [] if isinstance(s, Mapping)]
    by = list(
        dict.fromkeys(
            asserter_words(s, labels.get(s.get("doc"), str(s.get("doc"))))
            for s in stmts
            if s.get("polarity") == c.get("polarity")
        )
    )
    disputed = {
        about
        for s in stmts
        for start, end, about in sides.get(s.get("doc"), ())
        if start < s.get("end", -1) and s.get("start", -1) < end
    }
    shown = [
        {
            "doc": s.get("doc"),
            "label": labels.get(s.get("doc"), str(s.get("doc"))),
            "start": s.get("start"),
            "end": s.get("end"),
            "text": truncate(str(s.get("text") or ""), 300),
            "negated": s.get("polarity") == "negated",
            "by": asserter_words(s, labels.get(s.get("doc"), str(s.get("doc")))),
        }
        for s in stmts[:MAX_STATEMENTS]
    ]
    for item in shown:  # a spun document's statement: its repaired reading first
        doc = (docs or {}).get(item["doc"])
        start, end = item["start"], item["end"]
        if doc and isinstance(start, int) and isinstance(end, int):
            text = str(doc.get("text") or "")
            fixed = repaired_reading(text, doc.get("spans"), start, end)
            if fixed is not None and in_text(start, end, len(text)):
                item["printed"], item["text"] = item["text"], truncate(fixed, 300)
    conf = float(c.get("confidence") or 0.0)
    return ClaimLine(
        id=str(c.get("id", "")),
        says=str(c.get("says") if c.get("kind") != "number" else c.get("label") or ""),
        kind=str(c.get("kind") or ""),
        modality=MODALITY_WORDS.get(str(c.get("modality")), ""),
        negated=c.get("polarity") == "negated",
        support=support_words(c),
        by="; ".join(by[:3]) + (f" and {len(by) - 3} more" if len(by) > 3 else ""),
        confidence=conf,
        low=bool(c.get("low_confidence")),
        disputed=sorted(disputed),
        statements=shown,
    )


def claims_view(dossier: Mapping[str, Any]) -> ClaimsView:
    """Claims grouped by subject, best-supported subjects first."""
    raw = [c for c in dossier.get("claims") or [] if isinstance(c, Mapping)]
    labels = _labels(dossier)
    docs = {d.get("id"): d for d in dossier.get("documents") or [] if isinstance(d, Mapping)}
    sides = _overlaps([c for c in dossier.get("conflicts") or [] if isinstance(c, Mapping)])
    by_subject: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    names: dict[str, tuple[str, str | None]] = {}
    for c in raw:
        subj = c.get("subject") or {}
        key = str(subj.get("entity") or subj.get("name") or "").lower()
        if c.get("kind") == "number":
            key = "numbers"
            names[key] = ("Numbers", None)
        by_subject[key].append(c)
        names.setdefault(key, (str(subj.get("name") or "?"), subj.get("entity")))

    def rank(item: tuple[str, list[Mapping[str, Any]]]) -> tuple:
        cs = item[1]
        best = max(int(c.get("sources") or 0) + int(c.get("sources_negating") or 0) for c in cs)
        strong = sum(1 for c in cs if not c.get("low_confidence"))
        return (item[0] == "numbers", -best, -strong, -len(cs), names[item[0]][0])

    subjects = []
    shown = 0
    for key, cs in sorted(by_subject.items(), key=rank)[:MAX_SUBJECTS]:
        cs = sorted(cs, key=lambda c: (bool(c.get("low_confidence")), -int(c.get("sources") or 0)))
        lines = [claim_line(c, labels, sides, docs) for c in cs[:MAX_PER_SUBJECT]]
        shown += len(lines)
        subjects.append(SubjectBlock(names[key][0], names[key][1], lines))
    return ClaimsView(subjects=subjects, total=len(raw), shown=shown)


def claims_lines(dossier: Mapping[str, Any], escape: Any = str) -> list[str]:
    """The Claims section of dossier.md."""
    view = claims_view(dossier)
    out = ["## Claims", ""]
    if not view.total:
        return out + ["No claims found.", ""]
    out += [
        f"{plural(view.total, 'claim')} (events, roles and numbers, each with who asserts it); "
        f"{view.shown} shown by subject. Copies of one original count as one source; "
        "low-confidence claims are marked.",
        "",
    ]
    for block in view.subjects:
        out += [f"### {escape(block.name)}", ""]
        for cl in block.claims:
            tags = [t for t in (cl.modality, "denied" if cl.negated else "") if t]
            tag = f" ({', '.join(tags)})" if tags else ""
            low = " · *low confidence*" if cl.low else ""
            dispute = (
                f" · **disputed** — see Disagreements: {escape('; '.join(cl.disputed))}"
                if cl.disputed
                else ""
            )
            out.append(
                f"- **{escape(cl.says)}**{tag} — {escape(cl.support)}: {escape(cl.by)}"
                f"{low}{dispute}"
            )
            for s in cl.statements:
                mark = "denies: " if s["negated"] and not cl.negated else ""
                printed = (
                    f"; repaired reading, as printed: “{escape(s['printed'])}”"
                    if s.get("printed")
                    else ""
                )
                out.append(
                    f"  - {mark}“{escape(s['text'])}” "
                    f"({escape(s['label'])} {s['start']}–{s['end']}{printed})"
                )
        out.append("")
    return out
