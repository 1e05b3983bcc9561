"""Stand-off boilerplate marking, line by line.

A "line" is the text between two newlines; a span covers the line's
characters without the newline (and without a trailing ``\\r``). The text is
never changed: every boilerplate line becomes a
``Span(kind="boilerplate", rule=..., attrs={"category": ...})``.

Rules come from :mod:`storyline.clean.rules` (data). Datelines are found by
:mod:`storyline.clean.dates` and marked with category ``"dateline"``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from storyline.clean.dates import parse_dateline
from storyline.clean.rules import HEAD_LINES, RULES, Rule
from storyline.model import Span


@dataclass
class Line:
    index: int  # 0-based line number
    start: int
    end: int
    text: str  # the line's characters (no newline)

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def split_lines(text: str) -> list[Line]:
    """Lines of ``text`` with their offsets (a final ``\\r`` is left out of the span)."""
    lines: list[Line] = []
    pos = 0
    for i, chunk in enumerate(text.split("\n")):
        end = pos + len(chunk)
        content_end = end - 1 if chunk.endswith("\r") else end
        lines.append(Line(i, pos, content_end, text[pos:content_end]))
        pos = end + 1
    return lines


def _span(line: Line, rule: str, category: str, **attrs: object) -> Span:
    # cover the visible characters only (no leading/trailing whitespace)
    lead = len(line.text) - len(line.text.lstrip())
    trail = len(line.text) - len(line.text.rstrip())
    return Span(
        line.start + lead,
        line.end - trail,
        kind="boilerplate",
        rule=rule,
        attrs={"category": category, **attrs},
    )


def _in_scope(rule: Rule, line: Line, head: set[int], first_content: int | None) -> bool:
    if rule.scope == "head":
        return line.index in head
    if rule.scope == "body":
        return first_content is not None and line.index > first_content
    return True


def mark_boilerplate(text: str, rules: Iterable[Rule] = RULES) -> list[Span]:
    """Boilerplate spans of ``text``, one per marked line, in text order."""
    rules = tuple(rules)
    lines = split_lines(text)
    nonblank = [ln for ln in lines if not ln.blank]
    head = {ln.index for ln in nonblank[:HEAD_LINES]}
    marks: dict[int, Span] = {}

    # pass 1: rules that need no context but their scope in the head
    for ln in nonblank:
        found = parse_dateline(ln.stripped)
        if found is not None:
            marks[ln.index] = _span(
                ln, f"dateline:{found.rule}", "dateline", role=found.role, value=found.value
            )
            continue
        for rule in rules:
            if rule.contextual or not _in_scope(rule, ln, head, None):
                continue
            if rule.matches(ln.text):
                marks[ln.index] = _span(ln, rule.name, rule.category)
                break

    # pass 2: rules that depend on their neighbours, repeated until nothing changes
    contextual = [r for r in rules if r.contextual]
    changed = True
    while changed:
        changed = False
        first_content = next((ln.index for ln in nonblank if ln.index not in marks), None)
        for pos, ln in enumerate(nonblank):
            if ln.index in marks:
                continue
            for rule in contextual:
                if not _in_scope(rule, ln, head, first_content) or not rule.matches(ln.text):
                    continue
                if rule.after is not None:
                    prev = lines[ln.index - 1] if ln.index > 0 else None
                    prev_mark = marks.get(prev.index) if prev is not None else None
                    if prev_mark is None or prev_mark.attrs.get("category") != rule.after:
                        continue
                if rule.before is not None:
                    nxt = nonblank[pos + 1] if pos + 1 < len(nonblank) else None
                    nxt_mark = marks.get(nxt.index) if nxt is not None else None
                    if nxt_mark is None or nxt_mark.attrs.get("category") != rule.before:
                        continue
                marks[ln.index] = _span(ln, rule.name, rule.category)
                changed = True
                break
    return [marks[i] for i in sorted(marks)]
