"""The same quote across sources: reprinted, excerpted, translated or spun.

Quotes are compared on their *repaired* wording (spun words replaced by the
suggested originals) so a spun reprint meets its source. Blocking: each
quote is indexed under its rarest content words, so only quotes sharing a
rare word are compared, at most ``QUOTES_PER_KEY`` per word (linear in the
number of quotes).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from rapidfuzz import fuzz

from storyline.despin.repair import repaired_slice
from storyline.model import DocumentAnalysis, Entity, Quote, QuoteGroup

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?|\d+(?:[.,]\d+)*")
KEYS_PER_QUOTE = 3  # rarest words a quote is indexed under
#: Earlier quotes read per key: the latest this many. A quote reprinted in
#: thousands of documents still meets its latest reprints (which hold its
#: group), and the step stays linear in the number of quotes.
QUOTES_PER_KEY = 100
MIN_WORDS = 4  # shorter quotes ("deplorables") are too common to group by wording
SAME_WORDING = 85  # rapidfuzz token-set ratio at or above which two quotes are one


def repaired_content(a: DocumentAnalysis, q: Quote) -> str:
    """The quote's text with spun words replaced by their suggested originals."""
    spun = [s for s in a.spans if s.kind == "spun"]
    return repaired_slice(a.text, spun, q.start, q.end) or a.text[q.start : q.end]


def speaker_name(q: Quote) -> str | None:
    """Who said it, as written: the resolved antecedent of a pronoun or description."""
    speaker = q.speaker or {}
    antecedent = speaker.get("antecedent") or {}
    if antecedent.get("text"):
        return antecedent["text"]
    if speaker.get("kind") == "pronoun":
        return None  # an unresolved "he" names nobody
    return speaker.get("text")


def _words(text: str) -> list[str]:
    return [w.casefold().replace("\u2019", "'") for w in _WORD.findall(text)]


def group_quotes(analyses: Sequence[DocumentAnalysis]) -> list[QuoteGroup]:
    """Group quotes with the same wording across documents (single-source groups too)."""
    items: list[tuple[str, DocumentAnalysis, Quote, list[str]]] = []
    for a in analyses:
        for q in a.quotes:
            items.append((f"{a.doc_id}:{q.id}", a, q, _words(repaired_content(a, q))))
    df: Counter[str] = Counter()
    for *_, words in items:
        df.update(set(words))

    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index: dict[str, list[int]] = defaultdict(list)
    texts = [" ".join(words) for *_, words in items]
    for i, (_, a, _, words) in enumerate(items):
        if len(words) < MIN_WORDS:
            continue
        keys = sorted(set(w for w in words if len(w) > 2), key=lambda w: (df[w], w))
        candidates: set[int] = set()
        for key in keys[:KEYS_PER_QUOTE]:
            candidates.update(index[key][-QUOTES_PER_KEY:])
            index[key].append(i)
        for j in candidates:
            if items[j][1].doc_id == a.doc_id or find(i) == find(j):
                continue
            if fuzz.token_set_ratio(texts[i], texts[j]) >= SAME_WORDING:
                parent[find(i)] = find(j)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[find(i)].append(i)
    out: list[QuoteGroup] = []
    for members in groups.values():
        # Prefer the wording of an unspun source, then the longest.
        def rank(i: int) -> tuple[bool, int]:
            a, q = items[i][1], items[i][2]
            spun = bool((a.integrity.get("spun") or {}).get("flagged"))
            return (not spun, q.end - q.start)

        best = max(members, key=rank)
        speakers = Counter(n for i in members if (n := speaker_name(items[i][2])))
        ids = [items[i][0] for i in members]
        out.append(
            QuoteGroup(
                id="qg" + hashlib.sha1("|".join(sorted(ids)).encode()).hexdigest()[:10],
                text=items[best][2].text,
                speaker=speakers.most_common(1)[0][0] if speakers else None,
                quotes=ids,
                docs=sorted({items[i][1].doc_id for i in members}),
            )
        )
    out.sort(key=lambda g: (-len(g.docs), g.id))
    return out


# Entity types that can be a speaker, and speaker kinds that name no one entity.
SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE"})
# Which mention inside a speaker span names the speaker: a person before an
# organisation before a place ("X, a researcher with Y University in Z" is X
# speaking, not the university; "Ukraine's Center for ..." is the centre).
SPEAKER_TYPE_RANK = {"PERSON": 2, "ORG": 1, "GPE": 0}
UNLINKED_SPEAKERS = frozenset({"anonymous", "collective"})


#: Where a speaker span's relative clause starts ("A student, who spoke with
#: VOA on condition of anonymity"): a name inside the clause is someone the
#: speaker met or works for, never the speaker.
RELATIVE_CLAUSE = re.compile(r"(?:,\s*|\s)(?:who|whom|whose|which|that)\b")


def _head_end(target: dict[str, Any]) -> int:
    """The offset where the speaker span's relative clause begins (its end if none)."""
    found = RELATIVE_CLAUSE.search(str(target.get("text") or ""))
    return target["start"] + found.start() if found else target["end"]


def _whole(target: dict[str, Any], start: int, end: int) -> bool:
    """Whether a place's mention is the whole speaker ("Washington said"),
    not a modifier of it ("the authorities in X", "X's former minister"):
    only then does the place speak (for its government)."""
    text = str(target.get("text") or "")
    rest = text[: start - target["start"]] + text[end - target["start"] :]
    return not rest.strip(" '\u2019s").lower().removeprefix("the").strip()


def link_speakers(
    analyses: Sequence[DocumentAnalysis], entities: Sequence[Entity]
) -> dict[str, str]:
    """Global quote id -> entity id of its speaker (the antecedent when resolved).

    A speaker is linked when an entity mention lies inside the speaker span
    (the name in "Deputy Defence Minister Viktor Gulevich"); a person's
    mention wins over an organisation's over a place's, then the first
    (the name an apposition describes: "X, an adviser to Y" is X), then the
    longest. A name inside a relative clause of the speaker ("a student who
    spoke with VOA") is not the speaker.
    Unlinked speakers (anonymous, collective, unresolved pronouns) are
    simply absent.
    """
    by_doc: dict[str, list[tuple[int, int, str, int]]] = defaultdict(list)
    for e in entities:
        if e.type not in SPEAKER_TYPES:
            continue  # "a Belarusian troop" is not spoken by the nationality
        for m in e.mentions:
            by_doc[m.doc].append((m.start, m.end, e.id, SPEAKER_TYPE_RANK[e.type]))
    out: dict[str, str] = {}
    for a in analyses:
        mentions = by_doc.get(a.doc_id, [])
        for q in a.quotes:
            speaker = q.speaker or {}
            if speaker.get("kind") in UNLINKED_SPEAKERS:
                continue
            target = speaker.get("antecedent") or speaker
            if "start" not in target or "end" not in target:
                continue
            head_end = _head_end(target)
            inside = [
                (rank, -start, end - start, eid)
                for start, end, eid, rank in mentions
                if start >= target["start"]
                and end <= head_end
                and (rank > 0 or _whole(target, start, end))
            ]
            if inside:
                out[f"{a.doc_id}:{q.id}"] = max(inside)[3]
    return out
