"""Step 4 of copy detection: direct each verified pair and group the lineages.

The original of a pair is the earlier dated one; without dates, the one not
flagged spun or translated, the one whose outlet the other credits (names,
aliases and domains matched through the shared outlet table), the one without
re-post evidence, or the longer one for excerpts; every link says why. A loose
(sentence-aligned) copy is "translated" only with evidence of a language
change; a same-language loose copy is "rewritten". Links are then joined by
union-find into lineages, each rooted at its most plausible original.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Any

from storyline.fuse.copies.params import FULL_COVERAGE
from storyline.fuse.copies.prepare import Doc, masked_intervals
from storyline.fuse.copies.verify import Match
from storyline.model import CopyLink, DocumentAnalysis, Lineage, SharedPassage
from storyline.outlets import same_outlet


def _flag(a: DocumentAnalysis, key: str) -> bool:
    v = a.integrity.get(key)
    return bool(isinstance(v, dict) and v.get("flagged"))


def _date(a: DocumentAnalysis) -> tuple[int, str | None]:
    """(tier, value): tier 0 stated date, 1 inferred date, 2 no date.

    A lower bound (a date the text speaks of, an embedded post's date) says
    nothing about which of two copies came first (both quote the same text):
    it counts as no date here.
    """
    ev = a.metadata.published
    if ev is None or not ev.value or ev.lower_bound:
        return 2, None
    return (1 if ev.inferred else 0), ev.value


def _outlet(a: DocumentAnalysis) -> dict[str, Any]:
    oo = a.integrity.get("original_outlet")
    return oo if isinstance(oo, dict) else {}


def _credits_outlet_of(copy: DocumentAnalysis, orig: DocumentAnalysis) -> bool:
    """Does ``copy`` name ``orig``'s outlet as its origin? Names, aliases and domains
    count as one outlet (shared table ``storyline/outlets.tsv``: 'VOA' is voanews.com)."""
    name = _outlet(copy).get("name")
    if not name:
        return False
    own = orig.metadata.value("outlet")
    return same_outlet(name, own) or same_outlet(name, orig.metadata.url)


def _language(a: DocumentAnalysis) -> str | None:
    value = a.metadata.value("language")
    return value.split("-")[0].lower() if isinstance(value, str) and value else None


def _translated(copy: DocumentAnalysis, orig: DocumentAnalysis) -> bool:
    """A loose (sentence-aligned) copy is a translation only with evidence of a language
    change: flagged machine-translated, a different language than the original, or an
    explicit translation notice. A same-language loose copy is a rewrite."""
    if _flag(copy, "machine_translated"):
        return True
    lc, lo = _language(copy), _language(orig)
    if lc and lo and lc != lo:
        return True
    return any(e.get("pattern") == "translation-notice" for e in _outlet(copy).get("evidence", []))


def _choose_original(m: Match) -> tuple[Doc, Doc, str]:
    """(original, copy, reason)."""
    x, y = m.a, m.b
    ax, ay = x.analysis, y.analysis
    (tx, dx), (ty, dy) = _date(ax), _date(ay)
    if dx and dy:
        n = min(len(dx), len(dy), 19)
        if dx[:n] != dy[:n]:
            first, second = (x, y) if dx[:n] < dy[:n] else (y, x)
            note = " (inferred)" if tx == 1 or ty == 1 else ""
            d1, d2 = (dx, dy) if first is x else (dy, dx)
            return first, second, f"earlier publication date{note}: {d1} before {d2}"
    for key, label in (("spun", "machine-spun"), ("machine_translated", "machine-translated")):
        fx, fy = _flag(ax, key), _flag(ay, key)
        if fx != fy:
            orig, copy = (y, x) if fx else (x, y)
            return orig, copy, f"the copy is flagged {label}"
    if (x.spun_tokens > 0) != (y.spun_tokens > 0):
        orig, copy = (y, x) if x.spun_tokens else (x, y)
        return orig, copy, "the copy carries machine-spun wording (compared in repaired form)"
    for cand, other in ((x, y), (y, x)):
        if _credits_outlet_of(other.analysis, cand.analysis):
            name = _outlet(other.analysis)["name"]
            return cand, other, f"the copy credits {name} as its original outlet"
    rx, ry = _outlet(ax).get("repost") is True, _outlet(ay).get("repost") is True
    if rx != ry:
        orig, copy = (y, x) if rx else (x, y)
        return orig, copy, "the copy carries re-post evidence (a re-post marker or credit)"
    if tx != ty:
        orig, copy = (x, y) if tx < ty else (y, x)
        what = "a stated" if min(tx, ty) == 0 else "an inferred"
        return orig, copy, f"only the original has {what} publication date"
    if m.fuzzy and m.spun_side is not None:
        orig, copy = (y, x) if m.spun_side == 0 else (x, y)
        return orig, copy, "the copy swaps common words for rarer synonyms (spinner's mark)"
    if not m.fuzzy and not m.exact and abs(m.cov_a - m.cov_b) > 0.1:
        orig, copy = (y, x) if m.cov_a > m.cov_b else (x, y)
        return orig, copy, "the longer document contains the shorter one"
    orig, copy = (x, y) if x.id <= y.id else (y, x)
    return orig, copy, "no dating evidence; stable tie-break by document id"


def _credits(copy: Doc, orig: Doc) -> bool:
    """Does the copy name the original's outlet as its source ("the X reported")?"""
    return _credits_outlet_of(copy.analysis, orig.analysis)


def _kind(m: Match, copy: Doc, orig: Doc) -> str:
    cov_c, cov_o = (m.cov_a, m.cov_b) if copy is m.a else (m.cov_b, m.cov_a)
    ca = copy.analysis
    if copy.spun_tokens and _spun_shared(m, copy):
        return "spun"
    if m.exact:
        return "exact"
    if not m.fuzzy and _credits(copy, orig):
        return "syndicated"  # a verbatim reprint that credits the original outlet
    if m.fuzzy:
        if _translated(ca, orig.analysis):
            return "translated"
        if _flag(ca, "spun") or copy.spun_tokens or m.substitution_share >= 0.6:
            return "spun"
        return "rewritten" if m.spun_side is None else "spun"
    if cov_c >= FULL_COVERAGE and cov_o >= FULL_COVERAGE:
        return "reordered" if m.reordered else "near-duplicate"
    if cov_c >= FULL_COVERAGE:
        return "excerpt"
    if cov_o >= FULL_COVERAGE:
        return "extended"
    return "partial"


def _spun_shared(m: Match, doc: Doc) -> bool:
    """Does a repaired (spun) word of ``doc`` lie inside a shared passage?"""
    spun = masked_intervals(doc.analysis, "spun")
    side = 0 if doc is m.a else 2
    for t0, t1 in ((blk[side], blk[side + 1]) for blk in m.blocks):
        lo, hi = doc.starts[t0], doc.ends[t1 - 1]
        if any(a < hi and b > lo for a, b in spun):
            return True
    return False


def copy_link(m: Match) -> CopyLink:
    """The directed link of a match: which side is the copy, what kind, and why."""
    orig, copy, reason = _choose_original(m)
    kind = _kind(m, copy, orig)
    sim = m.cov_a if copy is m.a else m.cov_b
    passages = []
    for a0, a1, b0, b1 in m.blocks:
        if copy is m.b:
            a0, a1, b0, b1 = b0, b1, a0, a1
        passages.append(
            SharedPassage(copy.starts[a0], copy.ends[a1 - 1], orig.starts[b0], orig.ends[b1 - 1])
        )
    passages.sort(key=lambda p: (p.a_start, p.b_start))
    return CopyLink(
        copy=copy.id,
        original=orig.id,
        kind=kind,
        similarity=round(float(sim), 4),
        passages=passages,
        reason=reason,
    )


def _root_key(d: Doc) -> tuple[bool, str, bool, int, int, str]:
    tier, value = _date(d.analysis)
    flagged = _flag(d.analysis, "spun") or _flag(d.analysis, "machine_translated")
    return (value is None, value or "", flagged, tier, -len(d.words), d.id)


def group_lineages(docs: list[Doc], links: list[CopyLink]) -> list[Lineage]:
    """Connected groups of linked documents, largest first; unlinked documents are left out."""
    by_id = {d.id: d for d in docs}
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        ra, rb = find(link.copy), find(link.original)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = defaultdict(list)
    for x in list(parent):
        groups[find(x)].append(x)
    links_of: dict[str, list[CopyLink]] = defaultdict(list)
    for link in links:
        links_of[find(link.copy)].append(link)
    out = []
    for root, members in groups.items():
        glinks = links_of[root]
        copies = {lk.copy for lk in glinks}
        roots = [m for m in members if m not in copies] or members
        original = min(roots, key=lambda m: _root_key(by_id[m]))
        rest = sorted((m for m in members if m != original), key=lambda m: _root_key(by_id[m]))
        gid = "l" + hashlib.sha1(",".join(sorted(members)).encode()).hexdigest()[:12]
        glinks.sort(key=lambda lk: (lk.copy, lk.original))
        out.append(Lineage(id=gid, original=original, documents=[original, *rest], links=glinks))
    out.sort(key=lambda lg: (-len(lg.documents), lg.id))
    return out
