"""Cue words and the parse around them: the syntax of attribution.

Which tokens can be cues (the learned lexicon and the speech-verb list), the
content frames a cue can govern (``cue_frames``: "said [that ...]",
"accused [X of ...]", "[...], he said"), where its source is (the subject,
climbing through participles, conjuncts and control verbs) and how token runs
become character spans. Shared by the proposal steps, the filter's candidates and
the scripts that learn the tables.
"""

from __future__ import annotations

from typing import Any

from storyline.extract.quotes import cue_tables as L
from storyline.extract.quotes import rules as R

TRIM_PUNCT = set(",.;:-\u2013\u2014")


def lexicon_entry(tok: Any) -> dict[str, float] | None:
    pos = "VERB" if tok.pos_ in ("VERB", "AUX") else tok.pos_
    return L.cue_lexicon().get((tok.lemma_.lower(), pos))


def is_quote_cue(tok: Any) -> bool:
    if tok.pos_ != "VERB":
        return False
    lemma = tok.lemma_.lower()
    if lemma == "accord":
        return False
    if lemma in R.SPEECH_VERBS:
        return True
    lex = lexicon_entry(tok)
    return bool(lex and lex["p"] >= R.QUOTE_P and lex["n"] >= 5)


def clause_child(tok: Any) -> Any:
    """The clause a cue governs: a ``ccomp`` after it first ("[the group
    polled members]: 1,409 teachers said [they wanted ...]" has one on each
    side, and the one before, cut off by the colon, is no reported clause),
    else one before it ("..., sources said"), else a control ``xcomp``."""
    lemma = tok.lemma_.lower()
    comps = [c for c in tok.children if c.dep_ == "ccomp"]
    if comps:
        return next((c for c in comps if c.i > tok.i), comps[0])
    for child in tok.children:
        if child.dep_ == "xcomp" and (lemma in R.XCOMP_CUES or xcomp_ok(tok)):
            return child
    return None


def xcomp_ok(tok: Any) -> bool:
    lex = lexicon_entry(tok)
    return bool(lex and lex["p_clause"] >= R.XCOMP_P and lex["n_clause"] >= R.MIN_LEXICON_N)


def is_clause_cue(tok: Any) -> bool:
    if tok.pos_ != "VERB":
        return False
    lemma = tok.lemma_.lower()
    lex = lexicon_entry(tok)
    if lex and lex["n_clause"] >= R.MIN_LEXICON_N:
        return lex["p_clause"] >= R.CLAUSE_P
    if lemma in R.SPEECH_VERBS:
        return True
    return bool(lex and lex["p_clause"] >= R.CLAUSE_P and lex["n_clause"] >= 3)


def sibling_cue(tok: Any) -> bool:
    """A second act of the same speaker: "... and warned", ", arguing that"."""
    if tok.pos_ != "VERB" or any(c.dep_ in R.SUBJECT_DEPS for c in tok.children):
        return False
    if tok.lemma_.lower() in R.SPEECH_VERBS:
        return True
    lex = lexicon_entry(tok)
    return bool(lex and lex["p"] >= 0.5 and lex["n"] >= R.MIN_LEXICON_N)


def cut_relative(toks: list[Any]) -> list[Any]:
    """Drop a trailing non-restrictive relative clause (", which ...")."""
    if len(toks) < 4:
        return toks
    last = toks[-1]
    for k in range(len(toks) - 2, 0, -1):
        t = toks[k]
        if t.text == "," and toks[k + 1].lower_ in ("which", "who", "where"):
            rel = toks[k + 1].head if toks[k + 1].dep_ != "relcl" else toks[k + 1]
            if rel.dep_ == "relcl" and rel.right_edge.i >= last.i:
                return toks[:k]
            return toks
    return toks


def cut_sibling_cues(clause: Any, toks: list[Any], cue: Any, siblings: dict[int, Any]) -> list[Any]:
    """End a reported clause before a conjoined / participial cue of its own.

    PolNeAR gives "X said A and warned B" and "X said A, arguing B" two
    attributions; the parser hangs the second verb inside the first clause.
    """
    cut = None
    for t in toks:
        if t.i <= clause.i or t.dep_ not in ("conj", "advcl") or t.head.i != clause.i:
            continue
        if not sibling_cue(t):
            continue
        siblings[t.i] = cue
        left = t.left_edge.i
        for c in clause.children:
            if c.dep_ == "cc" and c.i < t.i and c.i >= left - 2:
                left = min(left, c.i)
        cut = left if cut is None else min(cut, left)
    if cut is None or cut <= toks[0].i:
        return toks
    out = [t for t in toks if t.i < cut]
    while out and (out[-1].is_punct or out[-1].dep_ == "cc" or out[-1].is_space):
        out.pop()
    return out or toks


def with_object(tok: Any, frame: str, idx: list[int]) -> list[int]:
    """ "accused [the Saudi government of ...]", "urged [X to ...]": PolNeAR's
    content takes the direct object in along with an ``of``/infinitive frame."""
    if not idx:
        return idx
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None:
        return idx
    if frame == "dobj":
        oprd = next((c for c in tok.children if c.dep_ == "oprd" and c.i > obj.i), None)
        if oprd is not None:  # "called [him a genius]"
            return idx + [k for k in range(idx[-1] + 1, oprd.right_edge.i + 1)]
        # "described Clinton [as a disgrace]": the object and its predicate.
        prep = next(
            (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("as", "of")), None
        )
        if prep is not None and prep.i == obj.right_edge.i + 1:
            return idx + list(range(prep.i, prep.right_edge.i + 1))
        return idx
    if frame not in ("xcomp", "prep:of", "prep:as", "oprd") or not (tok.i < obj.i < min(idx)):
        return idx
    return list(range(obj.left_edge.i, min(idx))) + idx


def source_token(tok: Any, deps: frozenset[str] = R.SOURCE_DEPS, steps: int = 3) -> Any:
    """The subject of a cue verb; participles and conjuncts borrow their head's."""
    seen = 0
    cur = tok
    while cur is not None:
        for child in cur.children:
            if child.dep_ in R.SUBJECT_DEPS:
                return child
        if seen >= steps:
            return None
        if cur.dep_ in deps and cur.head.i != cur.i:
            outer = reported_sibling(cur)
            if outer is not None:
                cur = outer
                seen += 1
                continue
            if cur.dep_ == "xcomp":
                # "urged NATO to order ...", "asked Stumpf to admit ...": the
                # object of the governing verb does the saying (PolNeAR train:
                # the object 35 times, the subject 8).
                obj = next((c for c in cur.head.children if c.dep_ == "dobj" and c.i < cur.i), None)
                if obj is not None:
                    return obj
                # "X is expected to say", "X was asked to comment": the
                # passive subject of the governing verb does the saying.
                sbj = next((c for c in cur.head.children if c.dep_ in R.PASSIVE_CONTROL_DEPS), None)
                if sbj is not None:
                    return sbj
            cur = cur.head
            seen += 1
            continue
        return None
    return None


def reported_sibling(tok: Any) -> Any:
    """The cue a verb of saying really goes with when the parser conjoined
    it to a verb inside that cue's reported clause ("X said [it was too
    early] but added, '...'": "added" is X's, not "it"'s); None otherwise.
    The dependency shape is ``rules.REPORTED_SIBLING``."""
    conj_dep, clause_deps = R.REPORTED_SIBLING
    head = tok.head
    if tok.dep_ != conj_dep or tok.lemma_.lower() not in R.SPEECH_VERBS:
        return None
    if head.dep_ not in clause_deps or head.lemma_.lower() in R.SPEECH_VERBS:
        return None
    outer = head.head
    return outer if outer.lemma_.lower() in R.SPEECH_VERBS and outer.i < tok.i else None


def np_range(tok: Any) -> tuple[int, int]:
    """Token range [i, j) of a noun phrase's subtree, punctuation trimmed."""
    left, right = tok.left_edge.i, tok.right_edge.i + 1
    doc = tok.doc
    for child in tok.rights:
        # "Mr X, announcing ..., said": a participle is not part of the name.
        if child.dep_ == "acl" and child.tag_ == "VBG" and child.i > tok.i:
            right = min(right, child.left_edge.i)
    while right - 1 > tok.i and (
        doc[right - 1].pos_ in ("ADV", "DET", "PUNCT", "SPACE", "CCONJ")
        or doc[right - 1].lower_ in ("all", "both", "each", "themselves")
    ):
        right -= 1
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right > left and (doc[right - 1].is_punct or doc[right - 1].is_space):
        right -= 1
    if right < len(doc) and doc[right].text == ")" and "(" in doc[left:right].text:
        right += 1  # "Gov. X (R-OH)": the bracket the phrase opened is closed
    return left, right


def span_range(tokens: list[Any]) -> tuple[int, int] | None:
    """Char span of a token list, trailing/leading separators trimmed."""
    toks = [t for t in tokens if not t.is_space]
    while toks and (toks[-1].text in TRIM_PUNCT or toks[-1].is_space):
        toks.pop()
    while toks and (toks[0].text in TRIM_PUNCT or toks[0].is_space):
        toks.pop(0)
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


# ------------------------------------------------------------- cue frames

#: Child dependencies whose subtree can be an attribution's content.
FRAME_CHILD_DEPS = frozenset(
    {"ccomp", "xcomp", "dobj", "attr", "oprd", "advcl", "acl", "acomp", "dative", "relcl"}
)
#: Prepositional children: the frame is named after the preposition.
FRAME_PREP_DEPS = frozenset({"prep", "agent"})
#: Dependencies by which a cue hangs off its content ("X, he said, Y").
FRAME_HEAD_DEPS = frozenset({"parataxis", "advcl", "ccomp"})


def cue_frames(tok: Any) -> list[tuple[str, list[int]]]:
    """Candidate (frame name, content token indices) of a potential cue token.

    Shared by ``tools/train/learn_cue_lexicon.py`` (which learns P(cue, content =
    frame | lemma, pos, frame) from PolNeAR train) and the extractor.
    """
    out: list[tuple[str, list[int]]] = []
    subj = None
    for child in tok.children:
        dep = child.dep_
        if dep in FRAME_CHILD_DEPS:
            out.append((dep, list(range(child.left_edge.i, child.right_edge.i + 1))))
        elif dep in FRAME_PREP_DEPS:
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                out.append(
                    (f"{dep}:{child.lower_}", list(range(obj.left_edge.i, obj.right_edge.i + 1)))
                )
        elif dep == "nsubjpass":
            subj = child
    if subj is not None:
        # "X is expected to win", "X is believed to ...": subject + complement.
        comp = next((c for c in tok.children if c.dep_ in ("xcomp", "ccomp")), None)
        if comp is not None and subj.i < tok.i < comp.i:
            idx = list(range(subj.left_edge.i, subj.right_edge.i + 1))
            idx += list(range(comp.left_edge.i, comp.right_edge.i + 1))
            out.append(("pass+" + comp.dep_, idx))
    head = tok.head
    if tok.dep_ in FRAME_HEAD_DEPS and head.i != tok.i and head.i < tok.i + 40:
        own = set(range(tok.left_edge.i, tok.right_edge.i + 1))
        idx = [k for k in range(head.left_edge.i, head.right_edge.i + 1) if k not in own]
        if idx:
            out.append(("^" + tok.dep_, idx))
    return out
