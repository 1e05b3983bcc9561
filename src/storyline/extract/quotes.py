"""Who said what: direct quotes and reported speech, with speaker, cue, channel and time.

One public function, ``extract_quotes(parsed) -> list[Quote]``. It works over
the existing parse (no re-parsing, no extra model): quotation marks are found
in ``parsed.doc.text`` per paragraph (multi-paragraph quotes, quotes split by
their attribution, straight and curly marks), then the dependency parse finds
the cue verb next to each quote, and cue verbs/nouns that govern a clause
("X said (that) ...", "according to X, ...") give reported speech. Speakers
are classified (name, title+name, organisation, pronoun, description,
anonymous, collective) and pronouns / descriptions are resolved over a small
subject chain. Every offset is reported in the original text through
``parsed.original_span`` (spun documents are parsed in a repaired view).
"""

from __future__ import annotations

import bisect
import json
import math
from dataclasses import dataclass, field
from typing import Any

from storyline.extract import quote_rules as R
from storyline.model import ParsedDocument, Quote

_TRIM_PUNCT = set(",.;:-\u2013\u2014")


@dataclass
class _Group:
    """One quotation: its fragments (marks included), in doc-text offsets."""

    frags: list[tuple[int, int]]
    single: bool = False
    cue: Any = None  # spaCy token
    kind: str = "direct"
    content: list[tuple[int, int]] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.frags[0][0]

    @property
    def end(self) -> int:
        return self.frags[-1][1]

    def n_words(self, text: str) -> int:
        return sum(len(text[s:e].split()) for s, e in self.frags)


@dataclass
class _Att:
    start: int
    end: int
    kind: str
    frags: list[tuple[int, int]]
    cue: Any = None  # token or (start, end, lemma)
    source: tuple[int, int] | None = None  # token index range [i, j)
    confidence: float = 1.0
    inherit: bool = False  # orphan quote: speaker from the previous attribution


# ------------------------------------------------------------- quote marks


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end) with surrounding whitespace trimmed."""
    out = []
    pos = 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        stripped = line.strip()
        if not stripped:
            continue
        s += len(line) - len(line.lstrip())
        e -= len(line) - len(line.rstrip())
        out.append((s, e))
    return out


def _is_opening(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return (prev.isspace() or prev in "([{:\u2014\u2013-/") and not nxt.isspace()


def _double_mark(text: str, i: int) -> int:
    """Length of an ambiguous double mark at ``i``: ``"`` or NYT-style ``''`` (0: none)."""
    c = text[i]
    if c in R.AMBIGUOUS_DOUBLE:
        return 1
    if c == "'" and text[i + 1 : i + 2] == "'" and text[i - 1 : i] != "'":
        return 2
    return 0


def _scan_double(text: str, s: int, e: int) -> tuple[list[tuple[int, int]], int | None]:
    """Closed double-quoted segments in text[s:e] and an unclosed opening, if any."""
    segs: list[tuple[int, int]] = []
    open_at: int | None = None
    i = s
    while i < e:
        c = text[i]
        if c in R.OPEN_DOUBLE:
            if open_at is None:
                open_at = i
        elif c in R.CLOSE_DOUBLE:
            if open_at is not None:
                segs.append((open_at, i + 1))
                open_at = None
        else:
            n = _double_mark(text, i)
            if n:
                if open_at is None:
                    prev = text[i - 1] if i > 0 else " "
                    nxt = text[i + n] if i + n < len(text) else " "
                    opening = (prev.isspace() or prev in "([{:\u2014\u2013-/") and not nxt.isspace()
                    if opening or i == s:
                        open_at = i
                else:
                    segs.append((open_at, i + n))
                    open_at = None
                i += n
                continue
        i += 1
    return segs, open_at


def _scan_single(text: str, s: int, e: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """'...' / ‘...’ segments outside double quotes (headlines, British style)."""

    def free(i: int) -> bool:
        return not any(a <= i < b for a, b in taken)

    segs = []
    i = s
    while i < e:
        c = text[i]
        if (c in R.OPEN_SINGLE or c in R.AMBIGUOUS_SINGLE) and free(i) and _is_opening(text, i):
            j = i + 1
            while j < e:
                d = text[j]
                after = text[j + 1] if j + 1 < len(text) else " "
                closing = d in R.CLOSE_SINGLE or d in R.AMBIGUOUS_SINGLE
                if closing and not text[j - 1].isspace() and not after.isalnum():
                    break
                j += 1
            if j < e and free(j):
                segs.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    return segs


def _find_groups(text: str, paras: list[tuple[int, int]]) -> list[_Group]:
    groups: list[_Group] = []
    pending: _Group | None = None  # a quote still open at the end of a paragraph
    for k, (s, e) in enumerate(paras):
        segs, open_at = _scan_double(text, s, e)
        if pending is not None:
            first = text[s] if s < e else ""
            if first in R.OPEN_DOUBLE or (s < e and _double_mark(text, s)):
                # Continuation paragraph: it opens again; close at its first closing mark.
                if segs and segs[0][0] == s:
                    pending.frags.append(segs[0])
                    groups.append(pending)
                    pending = None
                    segs = segs[1:]
                elif not segs and open_at == s:
                    pending.frags.append((s, e))
                    open_at = None
                    if not _continues(text, paras, k):
                        groups.append(pending)
                        pending = None
                    else:
                        continue
                else:
                    groups.append(pending)
                    pending = None
            else:
                groups.append(pending)
                pending = None
        for seg in segs:
            groups.append(_Group([seg]))
        if open_at is not None:
            g = _Group([(open_at, e)])
            if _continues(text, paras, k):
                pending = g
            else:
                groups.append(g)
        taken = [f for g in groups for f in g.frags] + ([] if pending is None else pending.frags)
        for seg in _scan_single(text, s, e, taken):
            groups.append(_Group([seg], single=True))
    if pending is not None:
        groups.append(pending)
    groups.sort(key=lambda g: g.start)
    return groups


def _continues(text: str, paras: list[tuple[int, int]], k: int) -> bool:
    if k + 1 >= len(paras):
        return False
    c = text[paras[k + 1][0]]
    return c in R.OPEN_DOUBLE or bool(_double_mark(text, paras[k + 1][0]))


# ------------------------------------------------------------------- cues


def _lex(tok: Any) -> dict[str, float] | None:
    pos = "VERB" if tok.pos_ in ("VERB", "AUX") else tok.pos_
    return R.cue_lexicon().get((tok.lemma_.lower(), pos))


def _is_quote_cue(tok: Any) -> bool:
    if tok.pos_ != "VERB":
        return False
    lemma = tok.lemma_.lower()
    if lemma == "accord":
        return False
    if lemma in R.SPEECH_VERBS:
        return True
    lex = _lex(tok)
    return bool(lex and lex["p"] >= R.QUOTE_P and lex["n"] >= 5)


def _clause_child(tok: Any) -> Any:
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ == "ccomp":
            return child
    for child in tok.children:
        if child.dep_ == "xcomp" and (lemma in R.XCOMP_CUES or _xcomp_ok(tok)):
            return child
    return None


def _xcomp_ok(tok: Any) -> bool:
    lex = _lex(tok)
    return bool(lex and lex["p_clause"] >= R.XCOMP_P and lex["n_clause"] >= R.MIN_LEXICON_N)


def _is_clause_cue(tok: Any) -> bool:
    if tok.pos_ != "VERB":
        return False
    lemma = tok.lemma_.lower()
    lex = _lex(tok)
    if lex and lex["n_clause"] >= R.MIN_LEXICON_N:
        return lex["p_clause"] >= R.CLAUSE_P
    if lemma in R.SPEECH_VERBS:
        return True
    return bool(lex and lex["p_clause"] >= R.CLAUSE_P and lex["n_clause"] >= 3)


def _sibling_cue(tok: Any) -> bool:
    """A second act of the same speaker: "... and warned", ", arguing that"."""
    if tok.pos_ != "VERB" or any(c.dep_ in R.SUBJECT_DEPS for c in tok.children):
        return False
    if tok.lemma_.lower() in R.SPEECH_VERBS:
        return True
    lex = _lex(tok)
    return bool(lex and lex["p"] >= 0.5 and lex["n"] >= R.MIN_LEXICON_N)


def _cut_relative(toks: list[Any]) -> list[Any]:
    """Drop a trailing non-restrictive relative clause (", which ...")."""
    if not R.CUT_RELATIVE or len(toks) < 4:
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


def _cut_sibling_cues(
    clause: Any, toks: list[Any], cue: Any, siblings: dict[int, Any]
) -> list[Any]:
    """End a reported clause before a conjoined / participial cue of its own.

    PolNeAR gives "X said A and warned B" and "X said A, arguing B" two
    attributions; the parser hangs the second verb inside the first clause.
    """
    cut = None
    for t in toks:
        if t.i <= clause.i or t.dep_ not in ("conj", "advcl") or t.head.i != clause.i:
            continue
        if not _sibling_cue(t):
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


def _with_object(tok: Any, frame: str, idx: list[int]) -> list[int]:
    """ "accused [the Saudi government of ...]", "urged [X to ...]": PolNeAR's
    content takes the direct object in along with an ``of``/infinitive frame."""
    if not idx:
        return idx
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None:
        return idx
    if frame == "dobj" and R.FRAME_AS:
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


def _source_token(tok: Any, deps: frozenset[str] = R.SOURCE_DEPS, steps: int = 3) -> Any:
    """The subject of a cue verb; participles and conjuncts borrow their head's."""
    seen = 0
    cur = tok
    while cur is not None and seen < steps:
        for child in cur.children:
            if child.dep_ in R.SUBJECT_DEPS:
                return child
        if cur.dep_ in deps and cur.head is not cur:
            cur = cur.head
            seen += 1
            continue
        return None
    return None


def _np_range(tok: Any) -> tuple[int, int]:
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
    return left, right


def _span_range(tokens: list[Any]) -> tuple[int, int] | None:
    """Char span of a token list, trailing/leading separators trimmed."""
    toks = [t for t in tokens if not t.is_space]
    while toks and (toks[-1].text in _TRIM_PUNCT or toks[-1].is_space):
        toks.pop()
    while toks and (toks[0].text in _TRIM_PUNCT or toks[0].is_space):
        toks.pop(0)
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


# ------------------------------------------------------------- cue frames

#: Child dependencies whose subtree can be an attribution's content.
_FRAME_CHILD_DEPS = frozenset(
    {"ccomp", "xcomp", "dobj", "attr", "oprd", "advcl", "acl", "acomp", "dative", "relcl"}
)
#: Prepositional children: the frame is named after the preposition.
_FRAME_PREP_DEPS = frozenset({"prep", "agent"})
#: Dependencies by which a cue hangs off its content ("X, he said, Y").
_FRAME_HEAD_DEPS = frozenset({"parataxis", "advcl", "ccomp"})


def cue_frames(tok: Any) -> list[tuple[str, list[int]]]:
    """Candidate (frame name, content token indices) of a potential cue token.

    Shared by ``scripts/learn_cue_lexicon.py`` (which learns P(cue, content =
    frame | lemma, pos, frame) from PolNeAR train) and the extractor.
    """
    out: list[tuple[str, list[int]]] = []
    subj = None
    for child in tok.children:
        dep = child.dep_
        if dep in _FRAME_CHILD_DEPS:
            out.append((dep, list(range(child.left_edge.i, child.right_edge.i + 1))))
        elif dep in _FRAME_PREP_DEPS:
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
    if tok.dep_ in _FRAME_HEAD_DEPS and head is not tok and head.i < tok.i + 40:
        own = set(range(tok.left_edge.i, tok.right_edge.i + 1))
        idx = [k for k in range(head.left_edge.i, head.right_edge.i + 1) if k not in own]
        if idx:
            out.append(("^" + tok.dep_, idx))
    return out


# ------------------------------------------------------ cue classifier

_CLF_POS = frozenset({"VERB", "AUX", "NOUN"})
_CLF_MODEL: dict[str, Any] | None = None
_CLF_LOADED = False


def clf_model() -> dict[str, Any] | None:
    """Weights of the learned cue classifier (``cue_classifier.json``), or None."""
    global _CLF_MODEL, _CLF_LOADED
    if not _CLF_LOADED:
        _CLF_LOADED = True
        if _CLF_MODEL is None and R.CLF_PATH.exists() and R.CLF_ENABLED:
            _CLF_MODEL = json.loads(R.CLF_PATH.read_text(encoding="utf-8"))
    return _CLF_MODEL


def set_clf_model(model: dict[str, Any] | None) -> None:
    """Replace the classifier (training / cross-validation); None disables it."""
    global _CLF_MODEL, _CLF_LOADED
    _CLF_MODEL, _CLF_LOADED = model, True


def _subject_type(tok: Any) -> str:
    if tok is None:
        return "none"
    low = tok.lower_
    if low in R.PRONOUNS_PERSON or low in ("i",):
        return "pron_person"
    if low in R.PRONOUNS_GROUP or low in R.PRONOUNS_SELF:
        return "pron_group"
    if tok.ent_type_ in R.PERSON_LABELS:
        return "person"
    if tok.ent_type_ in R.GROUP_LABELS:
        return "group"
    lemma = tok.lemma_.lower()
    if lemma in R.PERSON_DESCRIPTION_HEADS or lemma in R.TITLE_WORDS:
        return "desc_person"
    if lemma in R.ORG_HEADS or lemma in R.COLLECTIVE_HEADS or lemma in R.ANONYMOUS_HEADS:
        return "desc_group"
    if tok.pos_ == "PROPN":
        return "propn"
    return "noun" if tok.pos_ == "NOUN" else "other"


def _clf_token_feats(ex: Any, tok: Any) -> dict[str, float]:
    """Features of a candidate cue token (shared by its frames)."""
    lemma = tok.lemma_.lower()
    pos = "VERB" if tok.pos_ == "AUX" else tok.pos_
    src = ex.source_token(tok, R.SOURCE_CLIMB_DEPS, R.SOURCE_CLIMB)
    if src is None:
        for child in tok.children:
            if child.dep_ == "agent" or (child.dep_ == "poss" and pos == "NOUN"):
                src = next((c for c in child.children if c.dep_ == "pobj"), child)
                break
    st = _subject_type(src)
    f: dict[str, float] = {
        "bias": 1.0,
        "L=" + lemma + "/" + pos: 1.0,
        "P=" + pos: 1.0,
        "T=" + tok.tag_: 1.0,
        "D=" + tok.dep_: 1.0,
        "S=" + st: 1.0,
        "S=" + st + "/P=" + pos: 1.0,
    }
    f["SUF=" + lemma[-3:]] = 1.0
    f["H=" + tok.head.lemma_.lower() + "/" + tok.dep_] = 1.0
    if src is not None:
        f["SL=" + src.lemma_.lower()] = 1.0
    lex = _lex(tok)
    if lex:
        f["lex_p"] = lex["p"]
        f["lex_pc"] = lex["p_clause"]
        f["lex_n"] = math.log1p(lex["n"]) / 8.0
    else:
        f["nolex"] = 1.0
    if any(c.dep_ == "neg" for c in tok.children):
        f["neg"] = 1.0
    sent = tok.sent
    f["spos"] = (tok.i - sent.start) / max(1, len(sent))
    s0, e0 = sent.start_char, sent.end_char
    k = bisect.bisect_left(ex.quoted_starts, s0)
    if k < len(ex.quoted) and ex.quoted[k][0] < e0:
        f["quote_in_sent"] = 1.0
    if ex.para_of(tok.idx) == 0:
        f["first_para"] = 1.0
    return f


def _clf_frame_feats(
    ex: Any, tok: Any, name: str, idx: list[int], base: dict[str, float]
) -> dict[str, float]:
    doc = tok.doc
    lemma = tok.lemma_.lower()
    pos = "VERB" if tok.pos_ == "AUX" else tok.pos_
    fr = name if not name.startswith("prep:") or name[5:] in R.CLF_PREPS else "prep:other"
    f = dict(base)
    f["F=" + fr] = 1.0
    f["F=" + fr + "/P=" + pos] = 1.0
    f["F=" + fr + "/D=" + tok.dep_] = 1.0
    f["F=" + fr + "/" + next((k for k in base if k.startswith("S=") and "/" not in k), "")] = 1.0
    f["LF=" + lemma + "/" + pos + "/" + fr] = 1.0
    known = R.cue_frames().get((lemma, pos), {}).get(name)
    if known:
        f["frame_p"] = known[0]
    root = min((doc[k] for k in idx), key=lambda t: (t.head.i in idx, t.i))
    f["FR=" + fr + "/" + root.lemma_.lower()] = 1.0
    f["FT=" + fr + "/" + root.tag_] = 1.0
    n = len(idx)
    f["len"] = min(n, 60) / 30.0
    if n <= 3:
        f["short"] = 1.0
    head = doc[idx[0]]
    if any(
        t.dep_ == "mark" and t.lower_ in ("that", "whether", "if") for t in doc[idx[0] : idx[0] + 3]
    ):
        f["mark_that"] = 1.0
    if head.lower_ in ("to",) or (idx and doc[idx[0]].tag_ == "TO"):
        f["to_inf"] = 1.0
    s0 = doc[idx[0]].idx
    e0 = doc[idx[-1]].idx + len(doc[idx[-1]].text)
    k = bisect.bisect_left(ex.quoted_starts, s0)
    if k < len(ex.quoted) and ex.quoted[k][0] < e0:
        f["quote_in_content"] = 1.0
    if idx[0] < tok.i:
        f["content_before"] = 1.0
    return f


# ---------------------------------------------------------------- extraction


class _Extractor:
    def __init__(self, parsed: ParsedDocument) -> None:
        self.parsed = parsed
        self.doc = parsed.doc
        self.text = self.doc.text
        self.paras = _paragraphs(self.text)
        self.para_starts = [s for s, _ in self.paras]
        self.groups = _find_groups(self.text, self.paras)
        self.quoted = sorted(f for g in self.groups for f in g.frags)
        self.quoted_starts = [s for s, _ in self.quoted]
        self.siblings: dict[int, Any] = {}  # cue cut out of another's clause -> that cue

    def source_token(self, tok: Any, deps: frozenset[str] = R.SOURCE_DEPS, steps: int = 3) -> Any:
        """The cue's subject; a sibling cue shares its first cue's speaker."""
        first = self.siblings.get(tok.i)
        if first is not None:
            src = _source_token(first)
            if src is not None:
                return src
        return _source_token(tok, deps, steps)

    # -- positions
    def para_of(self, char: int) -> int:
        return max(bisect.bisect_right(self.para_starts, char) - 1, 0)

    def in_quote(self, char: int) -> bool:
        k = bisect.bisect_right(self.quoted_starts, char) - 1
        return k >= 0 and self.quoted[k][0] <= char < self.quoted[k][1]

    def tokens_in(self, s: int, e: int) -> list[Any]:
        span = self.doc.char_span(s, e, alignment_mode="expand")
        return list(span) if span is not None else []

    # -- direct quotes
    def cue_for_group(self, g: _Group) -> Any:
        doc = self.doc
        paras = {self.para_of(s) for s, _ in g.frags}
        sents = []
        for s, e in g.frags:
            for pos in (s, max(e - 1, s), min(e, len(self.text) - 1)):
                span = doc.char_span(pos, pos + 1, alignment_mode="expand")
                if span is not None and len(span):
                    sents.append(span[0].sent)
        # The sentence before an opening that follows a colon ("He added: “...").
        first = doc.char_span(g.start, g.start + 1, alignment_mode="expand")
        if first is not None and len(first) and first[0].i > 0:
            prev = doc[first[0].i - 1]
            while prev.i > 0 and prev.is_space:
                prev = doc[prev.i - 1]
            if prev.text == ":" or prev.text == ",":
                sents.append(prev.sent)
        # ... and the sentence right after a closing mark ("” he said.").
        after = doc.char_span(g.end, min(g.end + 3, len(self.text)), alignment_mode="expand")
        if after is not None and len(after):
            sents.append(after[-1].sent)
        best = None
        seen = set()
        for sent in sents:
            if sent.start in seen:
                continue
            seen.add(sent.start)
            for tok in sent:
                if self.in_quote(tok.idx) or not _is_quote_cue(tok):
                    continue
                if self.para_of(tok.idx) not in paras:
                    continue
                dist = min(min(abs(tok.idx - e), abs(tok.idx - s)) for s, e in g.frags)
                # A cue between two fragments is as close as can be.
                if g.start < tok.idx < g.end:
                    dist = 0
                if self.governs(tok, g):
                    dist = -1
                if best is None or dist < best[0]:
                    best = (dist, tok)
        return best[1] if best is not None and best[0] <= 250 else None

    def governs(self, cue: Any, g: _Group) -> bool:
        """True when some token of the quote depends on the cue."""
        for tok in self.tokens_in(g.start, g.end):
            if tok.is_punct or tok.is_space:
                continue
            head = tok
            for _ in range(12):
                if head.head is head:
                    break
                head = head.head
                if head.i == cue.i:
                    return True
                if not (g.start <= head.idx < g.end):
                    break
        return False

    def standalone(self, g: _Group) -> bool:
        """A quote that is a sentence of its own ("“With hate!” he shouted", ': “..."').

        A short quote inside running text ("vowed to “de-blockade”") is a scare
        quote or part of reported speech, never a direct quote.
        """
        s0, _ = self.paras[self.para_of(g.start)]
        before = self.text[s0 : g.start].rstrip()
        if before and before[-1] not in ":,.!?\u2014\u2013-":
            return False
        inner = self.text[g.start : g.end].rstrip("\"'\u201d\u2019\u00bb ")
        after = self.text[g.end : g.end + 2].lstrip()
        return bool(inner) and (inner[-1] in ",.!?\u2026-\u2014" or not after or after[0] in ",.!?")

    def direct_quotes(self, used: set[int]) -> list[_Att]:
        out: list[_Att] = []
        groups = self.groups
        # Attach each group to its cue; merge fragments split by one attribution.
        for g in groups:
            g.cue = self.cue_for_group(g)
        for g in groups:
            g.kind = "direct"
            if g.cue is not None and self.embedded(g):
                g.kind = "mixed"
            elif not self.standalone(g) and (
                g.single or g.n_words(self.text) <= R.SCARE_QUOTE_MAX_WORDS
            ):
                g.kind = "scare"
        merged: list[_Group] = []
        for g in groups:
            if merged:
                prev = merged[-1]
                same_para = self.para_of(prev.end - 1) == self.para_of(g.start)
                between = self.text[prev.end : g.start]
                if (
                    same_para
                    and prev.kind == g.kind == "direct"
                    and prev.cue is not None
                    and (g.cue is None or g.cue.i == prev.cue.i)
                    and prev.end <= prev.cue.idx < g.start
                    and len(between.split()) <= 40
                    and not g.single
                    and not prev.single
                    and not self.second_cue(prev.cue, prev.end, g.start)
                ):
                    prev.frags.extend(g.frags)
                    continue
            merged.append(g)
        for g in merged:
            if g.kind in ("scare", "mixed") or (g.cue is not None and not self.standalone(g)):
                continue  # partial quotes come with their reported speech (or ``leftovers``)
            if g.cue is None:
                # An orphan quote: a whole paragraph in quotes continues the
                # previous speaker.
                s0, e0 = self.paras[self.para_of(g.start)]
                if g.single or g.start - s0 > 1 or e0 - self.para_end(g) > 2:
                    continue  # embedded in a sentence without a cue: a title, a term
                out.append(
                    _Att(g.start, g.end, "direct", list(g.frags), inherit=True, confidence=0.6)
                )
                continue
            used.add(g.cue.i)
            out.append(self._att(g.cue, g.start, g.end, "direct", list(g.frags)))
        return out

    def second_cue(self, cue: Any, s: int, e: int) -> bool:
        """A participle cue between two quotes ("..." X said, adding, "...")."""
        return any(
            t.i != cue.i and t.tag_ == "VBG" and t.head.i == cue.i and _is_quote_cue(t)
            for t in self.tokens_in(s, e)
        )

    def para_end(self, g: _Group) -> int:
        return g.end

    def leftovers(self, atts: list[_Att], used: set[int]) -> list[_Att]:
        """Attributed quotes no reported speech took up: kept as direct quotes."""
        out = []
        for g in self.groups:
            if g.kind == "scare" or g.cue is None or g.cue.i in used:
                continue
            if any(a.start <= g.start and g.end <= a.end for a in atts):
                continue
            if any(g.start <= a.start < g.end for a in atts):
                continue
            used.add(g.cue.i)
            out.append(self._att(g.cue, g.start, g.end, "direct", list(g.frags)))
        return out

    def embedded(self, g: _Group) -> bool:
        """The quote is part of the cue's reported clause (a partial quote)."""
        clause = _clause_child(g.cue)
        if clause is None:
            return False
        toks = list(clause.subtree)
        if not any(g.start <= t.idx < g.end for t in toks):
            return False
        outside = [t for t in toks if t.is_alpha and not self.in_quote(t.idx) and t.idx > g.cue.idx]
        return len(outside) >= 2

    def _att(self, cue: Any, s: int, e: int, kind: str, frags: list[tuple[int, int]]) -> _Att:
        src = self.source_token(cue)
        source = _np_range(src) if src is not None else None
        lex = _lex(cue)
        conf = 0.9 if kind == "direct" else round(max(lex["p_clause"], 0.5) if lex else 0.5, 3)
        return _Att(s, e, kind, frags, cue=cue, source=source, confidence=conf)

    # -- reported speech
    def reported(self, used: set[int], taken: list[tuple[int, int]]) -> list[_Att]:
        out: list[_Att] = []
        for tok in self.doc:
            if tok.i in used or self.in_quote(tok.idx):
                continue
            if tok.lemma_.lower() == "accord" and tok.i + 1 < len(self.doc):
                att = self.according_to(tok)
                if att is not None:
                    out.append(att)
                continue
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in R.CUE_NOUNS:
                att = self.noun_cue(tok)
                if att is not None:
                    out.append(att)
                continue
            if not _is_clause_cue(tok):
                continue
            clause = _clause_child(tok)
            if clause is None:
                att = self.object_cue(tok)
                if att is not None:
                    out.append(att)
                continue
            src = self.source_token(tok)
            if src is None or self.in_quote(src.idx):
                continue
            toks = list(clause.subtree)
            if toks[-1].i < tok.i:
                # Inverted order ("..., sources said"): the clause must end at a comma.
                nxt = self.doc[toks[-1].i + 1] if toks[-1].i + 1 < len(self.doc) else None
                if nxt is None or nxt.text not in (",", "\u2014", "\u2013", "-", '"', "\u201d"):
                    continue
            toks = _cut_relative(_cut_sibling_cues(clause, toks, tok, self.siblings))
            rng = _span_range(toks)
            if rng is None:
                continue
            s, e = rng
            # A partial quote right after the clause belongs to it.
            k = bisect.bisect_left(self.quoted_starts, e)
            if k < len(self.quoted):
                gap = self.text[e : self.quoted[k][0]]
                if (
                    "\n" not in gap
                    and len(gap.split()) <= 3
                    and not any(c in gap for c in ".;:,!?")
                ):
                    e = self.quoted[k][1]
            kind = "indirect"
            for q0, q1 in self.quoted:
                if s <= q0 < e or s < q1 <= e:
                    kind = "mixed"
                    s, e = min(s, q0), max(e, q1)
            att = self._att(tok, s, e, kind, [(s, e)])
            out.append(att)
        return out

    def object_cue(self, tok: Any) -> _Att | None:
        """ "X cited problems", "X called for repeal": the object is the content."""
        lex = _lex(tok)
        if not lex or lex["p"] < R.OBJECT_P or lex["n"] < R.MIN_LEXICON_N:
            return None
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is None:
            prep = next(
                (
                    c
                    for c in tok.children
                    if c.dep_ == "prep" and c.lower_ in R.OBJECT_PREPS and c.i == tok.i + 1
                ),
                None,
            )
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if obj is None or self.in_quote(obj.idx):
            return None
        src = self.source_token(tok)
        if src is None or self.in_quote(src.idx):
            return None
        idx = _with_object(tok, "dobj", list(range(obj.left_edge.i, obj.right_edge.i + 1)))
        rng = _span_range([self.doc[k] for k in idx])
        if rng is None:
            return None
        att = self._att(tok, rng[0], rng[1], "indirect", [rng])
        att.confidence = round(lex["p"], 3)
        return att

    def framed(self, used: set[int], atts: list[_Att]) -> list[_Att]:
        """Cues found by the learned (lemma, frame) table: "X attacked Y",
        "Y, X said, Z", "X is expected to ...", "X's criticism of Y"."""
        table = R.cue_frames()
        taken = {a.cue.i for a in atts if a.cue is not None and hasattr(a.cue, "i")}
        spans = sorted((a.start, a.end) for a in atts)
        out: list[_Att] = []
        doc = self.doc
        for tok in doc:
            if tok.pos_ not in ("VERB", "AUX", "NOUN") or tok.i in used or tok.i in taken:
                continue
            pos = "VERB" if tok.pos_ == "AUX" else tok.pos_
            if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.lemma_.lower() in R.NAMING_VERBS:
                continue  # "a program called EB-5": a name, not an attribution
            known = table.get((tok.lemma_.lower(), pos))
            if not known or self.in_quote(tok.idx):
                continue
            best = None
            for name, idx in cue_frames(tok):
                hit = known.get(name)
                if hit is None or hit[0] < R.FRAME_P or hit[1] < R.FRAME_MIN_HIT:
                    continue
                if best is None or hit[0] > best[0]:
                    best = (hit[0], name, idx)
            if best is None:
                continue
            p, name, idx = best
            idx = _with_object(tok, name, idx)
            frags = self._frags(idx)
            if not frags:
                continue
            s, e = frags[0][0], frags[-1][1]
            clash = [
                k for k, (a, b) in enumerate(spans) if a < e and s < b and self._ov(s, e, a, b)
            ]
            if clash:
                # The outer attribution wins over one whose cue it contains
                # ("accused X of attempting to ...", "insist that he wants to ...").
                inner = set(idx)
                owners = [x for x in atts + out if (x.start, x.end) in {spans[k] for k in clash}]
                if not owners or not all(
                    hasattr(x.cue, "i") and x.cue.i in inner and x.kind != "direct" for x in owners
                ):
                    continue
                for x in owners:
                    (atts if x in atts else out).remove(x)
                spans = [sp for k, sp in enumerate(spans) if k not in clash]
            out.append(self._frame_att(tok, s, e, frags, idx, round(p, 3)))
            spans.append((s, e))
            used.add(tok.i)
        return out

    # -- learned cue classifier (rare cues the tables do not know)
    def clf_candidates(
        self, used: set[int], atts: list[_Att]
    ) -> list[tuple[Any, str, list[int], dict[str, float]]]:
        """(token, frame, content indices, features) for every verb/noun frame
        left over by the rules: outside quotes and existing attributions."""
        doc = self.doc
        taken = {a.cue.i for a in atts if a.cue is not None and hasattr(a.cue, "i")}
        cover = bytearray(len(self.text) + 1)
        for a in atts:
            for fs, fe in a.frags:
                cover[fs:fe] = b"\x01" * (fe - fs)
        out = []
        for tok in doc:
            if tok.pos_ not in _CLF_POS or tok.i in used or tok.i in taken:
                continue
            if cover[tok.idx] or self.in_quote(tok.idx):
                continue
            frames = [
                f for f in cue_frames(tok) if f[0] in R.CLF_FRAMES or f[0].startswith("prep:")
            ]
            if not frames:
                continue
            base = None
            for name, idx in frames:
                if len(idx) < 2:
                    continue
                s0, e0 = doc[idx[0]].idx, doc[idx[-1]].idx + len(doc[idx[-1]].text)
                if any(cover[k] for k in range(s0, e0, 3)):
                    continue
                if base is None:
                    base = _clf_token_feats(self, tok)
                out.append((tok, name, idx, _clf_frame_feats(self, tok, name, idx, base)))
        return out

    def classified(self, used: set[int], atts: list[_Att]) -> list[_Att]:
        model = clf_model()
        if not model:
            return []
        weights, thr = model["weights"], model["threshold"]
        best: dict[int, tuple[float, Any, str, list[int]]] = {}
        for tok, name, idx, feats in self.clf_candidates(used, atts):
            z = sum(weights.get(f, 0.0) * v for f, v in feats.items())
            if z < thr:
                continue
            if tok.i not in best or z > best[tok.i][0]:
                best[tok.i] = (z, tok, name, idx)
        if not best:
            return []
        spans = [(a.start, a.end) for a in atts]
        out: list[_Att] = []
        for z, tok, name, idx in sorted(best.values(), key=lambda x: -x[0]):
            idx = _with_object(tok, name, idx)
            frags = self._frags(idx)
            if not frags:
                continue
            s, e = frags[0][0], frags[-1][1]
            if any(a < e and s < b for a, b in spans) or any(
                fs <= tok.idx < fe for a in out for fs, fe in a.frags
            ):
                continue
            if any(s <= a.cue.idx < e for a in out):
                continue
            conf = round(1.0 / (1.0 + math.exp(-z)), 3)
            out.append(self._frame_att(tok, s, e, frags, idx, conf))
            spans.append((s, e))
            used.add(tok.i)
        return out

    def credits(self, atts: list[_Att]) -> list[_Att]:
        """Punctuation cues: a headline "Source: content" and "“...” ― Name"."""
        text = self.text
        new: list[_Att] = []
        if self.paras:
            s0, e0 = self.paras[0]
            colon = text.find(": ", s0, e0)
            left = text[s0:colon].split() if colon > 0 else []
            if (
                left
                and len(self.paras) > 1
                and len(left) <= R.HEADLINE_SOURCE_MAX_WORDS
                and all(w[:1].isupper() or w in R.HEADLINE_SMALL_WORDS for w in left)
                and not any(a.cue is not None and a.start < e0 for a in atts)
                and left[0].lower() not in R.HEADLINE_LABEL_STARTS
                and not any(w.lower().strip(".,") in R.HEADLINE_LABEL_WORDS for w in left)
            ):
                att = self._colon_att(s0, colon, e0, "indirect", ".,;: ", 0.6)
                if att is not None:
                    new.append(att)
        for k, (s0, e0) in enumerate(self.paras):
            if k == 0:
                continue
            # Transcript lines: "WALLACE: If I may, sir, ..." (an opening mark may lead).
            ls = s0 + 1 if text[s0] in R.OPEN_DOUBLE or text[s0] == '"' else s0
            colon = text.find(": ", ls, min(e0, ls + 40))
            label = text[ls:colon].split() if colon > ls else []
            if (
                label
                and len(label) <= R.TRANSCRIPT_MAX_WORDS
                and all(w.isupper() and len(w.strip(".'")) >= 2 for w in label)
                and not any(w.lower().strip(".'") in R.HEADLINE_LABEL_WORDS for w in label)
            ):
                att = self._colon_att(ls, colon, e0, "direct", '"\u201d ', 0.7)
                if att is not None:
                    new.append(att)
                    continue
        for s0, e0 in self.paras:
            line = text[s0:e0].rstrip(" \u00a0")
            dash = max(line.rfind(d) for d in R.CREDIT_DASHES)
            if dash <= 0:
                continue
            dash += s0
            before = text[s0:dash].rstrip(" \u00a0")
            name = text[dash + 1 : s0 + len(line)].strip(" \u00a0").rstrip(".")
            initials = (
                name.replace(".", "")
                if all(len(w) <= 2 for w in name.split() if w.endswith("."))
                else name
            )
            if (
                not before
                or before[-1] not in '"\u201d'
                or not name
                or not name[0].isupper()
                or len(name.split()) > R.CREDIT_MAX_WORDS
                or any(c in initials for c in '.!?"\u201c\u201d')
            ):
                continue
            ns = text.find(name, dash)
            rng = self._chars_to_tokens(ns, ns + len(name))
            cs, ce = s0, s0 + len(before)
            if rng is None:
                continue
            new.append(
                _Att(
                    cs,
                    ce,
                    "direct",
                    [(cs, ce)],
                    cue=(dash, dash + 1, "\u2015"),
                    source=rng,
                    confidence=0.8,
                )
            )
        new += self.block_quotes()
        if not new:
            return atts
        keep = [a for a in atts if not any(a.start < n.end and n.start < a.end for n in new)]
        return keep + new

    def block_quotes(self) -> list[_Att]:
        """ "The governor added:" then a paragraph of speech without quote marks."""
        out = []
        text, doc = self.text, self.doc
        for k, (s0, e0) in enumerate(self.paras[:-1]):
            if text[e0 - 1] != ":":
                continue
            ns, ne = self.paras[k + 1]
            if text[ns] in R.OPEN_DOUBLE or _double_mark(text, ns) or self.in_quote(ns):
                continue
            span = doc.char_span(s0, e0 - 1, alignment_mode="expand")
            if span is None or not len(span):
                continue
            cue = next((t for t in reversed(span) if _is_quote_cue(t)), None)
            if cue is None or cue.i < span.end - 4:
                continue
            src = self.source_token(cue)
            source = _np_range(src) if src is not None else None
            ce = ne
            while ce > ns and text[ce - 1] in " \u00a0":
                ce -= 1
            out.append(_Att(ns, ce, "direct", [(ns, ce)], cue=cue, source=source, confidence=0.7))
        return out

    def _frame_att(
        self, tok: Any, s: int, e: int, frags: list[tuple[int, int]], idx: Any, confidence: float
    ) -> _Att:
        """An attribution whose cue is ``tok`` and content the frame [s, e): its
        source is the cue's subject (climbing the parse), else a "by X" agent
        or, for a noun cue, its possessor; never a word inside the content."""
        src = self.source_token(tok, R.SOURCE_CLIMB_DEPS, R.SOURCE_CLIMB)
        if src is None:
            for child in tok.children:
                if child.dep_ == "agent" or (child.dep_ == "poss" and tok.pos_ == "NOUN"):
                    src = next((c for c in child.children if c.dep_ == "pobj"), child)
                    break
        if src is not None and (self.in_quote(src.idx) or src.i in idx):
            src = None
        mixed = any(s <= q0 < e or s < q1 <= e for q0, q1 in self.quoted)
        source = _np_range(src) if src is not None else None
        kind = "mixed" if mixed else "indirect"
        return _Att(s, e, kind, frags, cue=tok, source=source, confidence=confidence)

    def _colon_att(
        self, label_start: int, colon: int, end: int, kind: str, trim: str, confidence: float
    ) -> _Att | None:
        """ "LABEL: content" up to ``end``: the label is the source, the colon the cue."""
        rng = self._chars_to_tokens(label_start, colon)
        cs, ce = colon + 2, end
        while ce > cs and self.text[ce - 1] in trim:
            ce -= 1
        if rng is None or ce <= cs:
            return None
        cue = (colon, colon + 1, ":")
        return _Att(cs, ce, kind, [(cs, ce)], cue=cue, source=rng, confidence=confidence)

    def _chars_to_tokens(self, s: int, e: int) -> tuple[int, int] | None:
        span = self.doc.char_span(s, e, alignment_mode="expand")
        if span is None or not len(span):
            return None
        return span.start, span.end

    @staticmethod
    def _ov(s: int, e: int, a: int, b: int) -> bool:
        inter = min(e, b) - max(s, a)
        return inter > 0.5 * min(e - s, b - a)

    def _frags(self, idx: list[int]) -> list[tuple[int, int]]:
        """Char fragments of sorted token indices (a gap splits a fragment)."""
        doc = self.doc
        runs: list[list[Any]] = []
        prev = None
        for k in sorted(idx):
            if prev is None or k != prev + 1:
                runs.append([])
            runs[-1].append(doc[k])
            prev = k
        out = []
        for run in runs:
            rng = _span_range(run)
            if rng is not None:
                out.append(rng)
        return out

    def according_to(self, tok: Any) -> _Att | None:
        doc = self.doc
        to = doc[tok.i + 1]
        if to.lower_ != "to":
            return None
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        sent = tok.sent
        phrase = set(range(tok.left_edge.i, tok.right_edge.i + 1)) | {tok.i, to.i}
        phrase |= set(range(pobj.left_edge.i, pobj.right_edge.i + 1))
        toks = [t for t in sent if t.i not in phrase]
        rng = _span_range(toks)
        if rng is None:
            return None
        s, e = rng
        if self.in_quote(s) and self.in_quote(e - 1):
            return None
        kind = "indirect"
        for q0, q1 in self.quoted:
            if s <= q0 < e:
                kind = "mixed"
                e = max(e, q1)
        span = (tok.idx, to.idx + len(to.text))
        return _Att(
            s,
            e,
            kind,
            [(s, e)],
            cue=(span[0], span[1], "according to"),
            source=_np_range(pobj),
            confidence=0.85,
        )

    def noun_cue(self, tok: Any) -> _Att | None:
        clause = next(
            (
                c
                for c in tok.children
                if c.dep_ in ("acl", "ccomp")
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            ),
            None,
        )
        if clause is None:
            return None
        src = next((c for c in tok.children if c.dep_ == "poss"), None)
        if src is None:
            return None
        rng = _span_range(list(clause.subtree))
        if rng is None:
            return None
        return _Att(
            rng[0], rng[1], "indirect", [rng], cue=tok, source=_np_range(src), confidence=0.6
        )

    # -- channel and time
    def channel(self, cue: Any) -> tuple[int, int] | None:
        for child in cue.children:
            if child.dep_ == "prep" and child.lower_ in R.CHANNEL_PREPS:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                words = {pobj.lower_, pobj.lemma_.lower()}
                if words & (R.CHANNEL_MEDIA | R.CHANNEL_FORMS):
                    i, j = child.i, pobj.right_edge.i + 1
                    return self._tok_span(i, j)
        if cue.lemma_.lower() in R.AUDIENCE_VERBS:
            obj = next((c for c in cue.children if c.dep_ in ("dobj", "dative", "iobj")), None)
            if obj is not None and obj.i > cue.i and not self.in_quote(obj.idx):
                j = obj.i + 1
                # The audience is a name or a short noun phrase ("Ukrainian media").
                while (
                    j <= obj.right_edge.i
                    and j - cue.i <= 6
                    and self.doc[j].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PART")
                ):
                    j += 1
                while (
                    j < len(self.doc)
                    and j - cue.i <= 6
                    and self.doc[j].is_title
                    and (self.doc[j].pos_ in ("PROPN", "NOUN"))
                ):
                    j += 1  # "told Israel Today"
                return self._tok_span(cue.i, max(j, obj.i + 1))
        return None

    def when(self, cue: Any) -> tuple[int, int] | None:
        for child in cue.children:
            if child.dep_ not in ("prep", "npadvmod", "advmod", "tmod"):
                continue
            i, j = child.left_edge.i, child.right_edge.i + 1
            if j - i > 6:
                continue
            if any(self.doc[k].ent_type_ in ("DATE", "TIME") for k in range(i, j)):
                return self._tok_span(i, j)
        return None

    def _tok_span(self, i: int, j: int) -> tuple[int, int] | None:
        toks = [self.doc[k] for k in range(i, j)]
        return _span_range(toks)


# ------------------------------------------------------------- speakers


class _Ents:
    """The parse's entities with start/end indexes for range queries.

    ``Doc.ents`` rebuilds every span on each access; asked once per speaker,
    it made long documents quadratic. Built once per Doc and kept in
    ``doc.user_data``.
    """

    KEY = "storyline.quotes.ents"

    def __init__(self, doc: Any) -> None:
        self.ents = tuple(doc.ents)
        self.starts = [e.start for e in self.ents]
        self.ends = [e.end for e in self.ents]

    @classmethod
    def of(cls, doc: Any) -> _Ents:
        cached = doc.user_data.get(cls.KEY)
        if cached is None or cached[0] != len(doc):
            cached = (len(doc), cls(doc))
            doc.user_data[cls.KEY] = cached
        return cached[1]

    def within(self, i: int, j: int) -> list[Any]:
        """Entities lying inside tokens [i, j)."""
        out = []
        for k in range(bisect.bisect_left(self.starts, i), len(self.ents)):
            if self.starts[k] >= j:
                break
            if self.ends[k] <= j:
                out.append(self.ents[k])
        return out

    def ending_by(self, i: int) -> tuple[Any, ...]:
        """Entities that end at or before token i, in text order."""
        return self.ents[: bisect.bisect_right(self.ends, i)]

    def starting_before(self, i: int) -> tuple[Any, ...]:
        return self.ents[: bisect.bisect_left(self.starts, i)]

    def at(self, i: int) -> Any | None:
        k = bisect.bisect_right(self.starts, i) - 1
        return self.ents[k] if k >= 0 and self.ends[k] > i else None


def _classify(doc: Any, i: int, j: int) -> tuple[str, Any]:
    """Speaker kind of the noun phrase doc[i:j] and its head token."""
    span = doc[i:j]
    head = span.root
    low = head.lower_
    if head.pos_ == "PRON":
        return "pronoun", head
    person = [e for e in _Ents.of(doc).within(i, j) if e.label_ in R.PERSON_LABELS]
    if person:
        ent = next((e for e in person if e.start <= head.i < e.end), person[0])
        if ent.end == j and not (ent.start <= head.i < ent.end):
            return "title+name", head  # "the chief of staff Viktor Gulevich"
        if not (ent.start <= head.i < ent.end) and head.pos_ == "PROPN":
            person = []
        elif ent.start <= head.i < ent.end:
            rest = [
                t
                for t in span
                if not (ent.start <= t.i < ent.end)
                and not t.is_punct
                and t.dep_ not in ("det", "case")
            ]
            # NER may include the title in the name ("Mayor Tilda Rusk")
            titled = any(t.lower_ in R.TITLE_WORDS for t in span if t.i < head.i)
            return ("title+name" if rest or titled else "name"), head
        else:
            return "description", head
    if head.pos_ == "PROPN" or (head.is_title and head.i > i):
        before = [t for t in span if t.i < head.i and t.pos_ in ("NOUN", "ADJ", "PROPN")]
        if any(t.lower_ in R.TITLE_WORDS for t in before):
            return "title+name", head  # "One Reddit user Aspos", "analyst Romanenko"
        if _earlier_person(doc, head):
            return ("title+name" if before else "name"), head
        appos_person = any(
            c.dep_ == "appos"
            and (c.lemma_.lower() in R.PERSON_DESCRIPTION_HEADS or c.lower_ in R.TITLE_WORDS)
            for c in head.children
        )
        if head.ent_type_ in R.GROUP_LABELS and not appos_person:
            return "organisation", head
        before = [t for t in span if t.i < head.i and t.pos_ in ("NOUN", "ADJ", "PROPN")]
        return ("title+name" if before else "name"), head
    dets = {c.lower_ for c in head.children if c.dep_ in ("det", "nummod", "quantmod")}
    if head.ent_type_ in R.GROUP_LABELS and head.pos_ != "NOUN":
        return "organisation", head
    if dets & R.INDEFINITE_DETS:
        return "anonymous", head
    lemma = head.lemma_.lower()
    if low in R.ORG_HEADS or lemma in R.ORG_HEADS:
        return "organisation", head
    if head.tag_ in ("NNS", "NNPS") or low in R.COLLECTIVE_HEADS:
        if low in R.ANONYMOUS_HEADS and "the" not in dets:
            return "anonymous", head
        return "collective", head
    return "description", head


class _Resolver:
    """A small subject chain: who is being talked about, in text order."""

    def __init__(self, ex: _Extractor) -> None:
        self.ex = ex
        self.doc = ex.doc
        # (char position, paragraph, kind, resolved person/org mention (i, j) or None, head lemma)
        self.entries: list[tuple[int, int, str, tuple[int, int] | None, str]] = []

    def add(self, i: int, j: int, kind: str, resolved: tuple[int, int] | None, head: Any) -> None:
        tok = self.doc[i]
        self.entries.append(
            (tok.idx, self.ex.para_of(tok.idx), kind, resolved, head.lemma_.lower())
        )

    def latest(self, before: int, kinds: set[str], para: int) -> tuple[int, int] | None:
        for pos, p, kind, resolved, _ in reversed(self.entries):
            if pos >= before:
                continue
            if para - p > R.ANTECEDENT_PARAGRAPHS:
                return None
            if kind in kinds and resolved is not None:
                return resolved
        return None

    def by_head(self, before: int, lemma: str, para: int) -> tuple[int, int] | None:
        for pos, p, _kind, resolved, head in reversed(self.entries):
            if pos >= before:
                continue
            if para - p > R.ANTECEDENT_PARAGRAPHS:
                return None
            if head == lemma and resolved is not None:
                return resolved
        return None

    def resolve(self, i: int, j: int, kind: str, head: Any) -> tuple[int, int] | None:
        """Antecedent token range for a pronoun / description / bare name."""
        pos = self.doc[i].idx
        para = self.ex.para_of(pos)
        low = head.lower_
        if kind == "pronoun":
            if low in R.PRONOUNS_PERSON:
                return self.latest(pos, {"person"}, para)
            if low in ("it", "they", "them"):
                return self.latest(pos, {"group"}, para)
            return None
        if kind == "description":
            hit = self.by_head(pos, head.lemma_.lower(), para)
            if hit is not None and hit != (i, j):
                return hit
            words = [t for t in self.doc[i:j] if not t.is_punct]
            aged = _aged(self.doc, i, j)
            if aged or (head.lemma_.lower() in R.PERSON_DESCRIPTION_HEADS and len(words) <= 3):
                return self.latest(pos, {"person"}, para)
            return None
        definite = any(c.lower_ in ("the", "this", "that") for c in head.children)
        if kind == "organisation" and head.pos_ == "NOUN" and definite:
            low_head = head.lemma_.lower()
            for ent in reversed(_Ents.of(self.doc).ending_by(i)):
                if ent.label_ == "ORG" and low_head in ent.text.lower():
                    return ent.start, ent.end
            return self.latest(pos, {"group"}, para)
        if kind in ("name", "title+name"):
            # A surname alone resolves to the full name said earlier ("expert Romanenko").
            last = head.text
            for ent in _Ents.of(self.doc).ending_by(i):
                same = ent.label_ in R.PERSON_LABELS and ent[-1].text == last and len(ent) > 1
                if same and (j - i == 1 or kind == "title+name"):
                    return ent.start, ent.end
            return None
        return None


def _build(parsed: ParsedDocument) -> list[Quote]:
    ex = _Extractor(parsed)
    doc = ex.doc
    used: set[int] = set()
    atts = ex.direct_quotes(used)
    atts += ex.reported(used, [(a.start, a.end) for a in atts])
    atts += ex.framed(used, atts)
    atts += ex.classified(used, atts)
    atts = ex.credits(atts)
    atts += ex.leftovers(atts, used)
    atts.sort(key=lambda a: (a.start, -a.end))
    # A token belongs to at most one attribution: drop attributions whose cue
    # lies inside another's content (quoted speech inside reported speech).
    kept: list[_Att] = []
    for a in atts:
        cpos = a.cue.idx if hasattr(a.cue, "idx") else None
        if cpos is not None and any(
            b is not a and any(fs <= cpos < fe for fs, fe in b.frags) for b in atts
        ):
            continue
        if any(b.start <= a.start and a.end <= b.end and b is not a and b in kept for b in kept):
            continue
        kept.append(a)
    atts = kept

    # Subject chain for resolution: speakers and subjects, in text order.
    resolver = _Resolver(ex)
    events: list[tuple[int, str, Any]] = []
    for k, a in enumerate(atts):
        if a.source is not None:
            events.append((doc[a.source[0]].idx, "att", k))
        elif a.inherit:
            events.append((a.start, "orphan", k))
    att_sources = {a.source for a in atts if a.source is not None}
    for tok in doc:
        if tok.dep_ in ("nsubj", "nsubjpass") and not ex.in_quote(tok.idx):
            rng = _np_range(tok)
            if rng not in att_sources and rng[1] > rng[0]:
                events.append((doc[rng[0]].idx, "subj", rng))
    events.sort(key=lambda x: (x[0], x[1]))
    last: tuple[int, dict[str, Any]] | None = None  # (paragraph, speaker) of the latest attribution
    speakers: dict[int, dict[str, Any] | None] = {}
    for pos, what, payload in events:
        if what == "orphan":
            # A quote paragraph with no cue goes on from the previous speaker,
            # or else from the person the text was just talking about.
            para = ex.para_of(pos)
            if last is not None and para - last[0] <= 2:
                speakers[payload] = dict(last[1])
            else:
                found = resolver.latest(pos, {"person"}, para)
                if found is not None:
                    fk, fh = _classify(doc, *found)
                    speakers[payload] = _speaker(parsed, doc, found[0], found[1], fk, None)
            continue
        rng = atts[payload].source if what == "att" else payload
        i, j = rng
        kind, head = _classify(doc, i, j)
        resolved = resolver.resolve(i, j, kind, head)
        if kind in ("name", "title+name"):
            target = resolved or _name_core(doc, i, j, head)
            resolver.add(i, j, "person", target, head)
        elif kind == "pronoun":
            group = "person" if head.lower_ in R.PRONOUNS_PERSON else "group"
            resolver.add(i, j, group, resolved, head)
        elif kind == "description":
            person_like = head.lemma_.lower() in R.PERSON_DESCRIPTION_HEADS or _aged(doc, i, j)
            resolver.add(i, j, "person" if person_like else "other", resolved or (i, j), head)
        elif kind in ("organisation", "collective"):
            resolver.add(i, j, "group", resolved or (i, j), head)
        else:  # anonymous: later "the defender" may refer back to it by head noun
            resolver.add(i, j, "other", (i, j), head)
        if what == "att":
            speakers[payload] = _speaker(parsed, doc, i, j, kind, resolved)
            last = (ex.para_of(pos), speakers[payload])

    quotes: list[Quote] = []
    for k, a in enumerate(atts):
        speaker = speakers.get(k)
        cue = channel = when = None
        if a.cue is not None:
            if isinstance(a.cue, tuple):
                cs, ce, lemma = a.cue
            else:
                cs, ce = _cue_extent(a.cue, a.start, a.end)
                lemma = a.cue.lemma_.lower()
                ch = ex.channel(a.cue)
                if ch is not None:
                    channel = _orig(parsed, *ch)
                wh = ex.when(a.cue)
                if wh is not None and not (ch and ch[0] < wh[1] and wh[0] < ch[1]):
                    when = _orig(parsed, *wh)
            cue = _orig(parsed, cs, ce)
            cue["lemma"] = lemma
        s, e = parsed.original_span(a.start, a.end)
        frags = []
        for fs, fe in a.frags:
            fs, fe = parsed.original_span(fs, fe)
            frags.append({"start": fs, "end": fe})
        quotes.append(
            Quote(
                id="",
                start=s,
                end=e,
                text=parsed.text[s:e],
                kind=a.kind,
                fragments=frags,
                speaker=speaker,
                cue=cue,
                channel=channel,
                when=when,
                confidence=a.confidence,
            )
        )
    quotes.sort(key=lambda q: (q.start, q.end))
    for n, q in enumerate(quotes, 1):
        q.id = f"q{n}"
    return quotes


def _cue_extent(tok: Any, cs: int, ce: int) -> tuple[int, int]:
    """Char span of a cue verb with its auxiliaries, negation and particle
    ("has not said", "called for"), as PolNeAR marks cues; never into the content."""
    doc = tok.doc
    i = j = tok.i
    if R.CUE_AUX:
        while i - 1 >= 0 and doc[i - 1].head.i == tok.i and doc[i - 1].dep_ in R.CUE_LEFT_DEPS:
            i -= 1
        while j + 1 < len(doc) and doc[j + 1].head.i == tok.i and doc[j + 1].dep_ in ("prt",):
            j += 1
        nxt = doc[j + 1] if j + 1 < len(doc) else None
        if (
            R.CUE_PREP
            and nxt is not None
            and nxt.head.i == tok.i
            and nxt.dep_ in ("prep", "agent")
            and nxt.i + 1 < len(doc)
            and doc[nxt.i + 1].idx == cs
        ):
            j += 1  # "called [for] ...", "accused X [of]" stays out: only when adjacent
    s, e = doc[i].idx, doc[j].idx + len(doc[j].text)
    if s < ce and cs < e:  # would overlap the content: the bare token
        return tok.idx, tok.idx + len(tok.text)
    return s, e


def _aged(doc: Any, i: int, j: int) -> bool:
    """ "the 67-year-old": a description by age."""
    return "year-old" in doc[i:j].text.lower().replace(" ", "")


def _earlier_person(doc: Any, head: Any) -> bool:
    """A surname that an earlier PERSON mention ends with ("Viačorka")."""
    for ent in _Ents.of(doc).starting_before(head.i):
        if ent.label_ in R.PERSON_LABELS and ent[-1].text == head.text:
            return True
    return False


def _name_core(doc: Any, i: int, j: int, head: Any) -> tuple[int, int]:
    ent = _Ents.of(doc).at(head.i)
    if ent is not None and ent.label_ in R.PERSON_LABELS:
        return ent.start, ent.end
    ents = [e for e in _Ents.of(doc).within(i, j) if e.label_ in R.PERSON_LABELS]
    if ents:
        return ents[-1].start, ents[-1].end
    k = head.i
    while k - 1 >= i and doc[k - 1].pos_ == "PROPN" and doc[k - 1].lower_ not in R.TITLE_WORDS:
        k -= 1
    return k, head.i + 1


def _orig(parsed: ParsedDocument, s: int, e: int) -> dict[str, Any]:
    s, e = parsed.original_span(s, e)
    return {"text": parsed.text[s:e], "start": s, "end": e}


def _speaker(
    parsed: ParsedDocument, doc: Any, i: int, j: int, kind: str, resolved: tuple[int, int] | None
) -> dict[str, Any]:
    s, e = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
    out = _orig(parsed, s, e)
    out["kind"] = kind
    antecedent = None
    if resolved is not None and resolved != (i, j):
        a, b = resolved
        antecedent = _orig(parsed, doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text))
    out["antecedent"] = antecedent
    out["entity"] = None
    return out


def extract_quotes(parsed: ParsedDocument) -> list[Quote]:
    """Direct quotes and reported speech in one parsed document, in text order."""
    if parsed.doc is None or not parsed.text:
        return []
    return _build(parsed)
