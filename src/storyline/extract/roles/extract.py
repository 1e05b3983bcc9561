"""Roles and titles a document gives a person, as stand-off spans.

``extract_roles(parsed)`` looks around every PERSON entity (the same
corrected entities ``extract_mentions`` reports) for a title built on a head
noun of ``storyline.extract.roles.rules.TITLE_HEADS``:

* **title before the name** ("Deputy Defence Minister Viktor Gulevich",
  "Kyiv-based analyst Aleksey Kushch", "Belarusian President Alexander
  Lukashenko"), with a possessive as the organisation ("the city's mayor
  Vadym Boychenko": title "mayor", org "the city");
* **title with an "of" phrase before the name** ("the Belarusian chief of
  the general staff of the armed forces Viktor Gulevich": title
  "Belarusian chief", org "the general staff of the armed forces");
* **title, comma, name** ("Belarus' deputy defense minister and military
  chief of staff, Viktor Gulevich");
* **appositive after the name** ("Alexei Leonchik, founder of the BY_help
  aid fund": title "founder", org "the BY_help aid fund"), coordinated
  titles each a role ("a retired lieutenant-general and former deputy chief
  of Ukraine's General Staff").

The phrases are read from the tokens with their part of speech, and the
parse decides only where a modifier belongs (a modifier must attach to a
later word of the phrase), which keeps the rules stable when the parser
misplaces an appositive. An organisation phrase that is one bare lower-case
word ("chief of staff", "head of state") stays part of the title.

For a machine-spun document the parse is of the repaired text: every span is
mapped back through ``parsed.original_span``, so each ``text`` is the
original characters (a spun title keeps its spun wording; ``title["parsed"]``
then holds the repaired wording the rules read).
"""

from __future__ import annotations

from typing import Any

from storyline.extract.registry import extractor
from storyline.extract.roles.rules import ORG_PREPOSITIONS, TITLE_HEADS
from storyline.model import ParsedDocument, Role
from storyline.nlp import corrected_entities, doc_text

MAX_TITLE_TOKENS = 8
MAX_OF_CHAIN = 14
_POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
_HYPHENS = frozenset({"-", "\u2010", "\u2011", "\u2013"})
_DETS = frozenset({"a", "an", "the"})
_MOD_POS = frozenset({"ADJ", "NOUN", "PROPN", "NUM"})
_BAD_ENTS = frozenset({"DATE", "TIME", "PERSON", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"})


def title_kind(word: str) -> str | None:
    """The kind of a title head word, or None when it is not one (a
    hyphenated title by its last part: "lieutenant-general" -> "general")."""
    w = word.lower().replace("\u2011", "-")
    return TITLE_HEADS.get(w) or TITLE_HEADS.get(w.rsplit("-", 1)[-1])


def _is_title(tok: Any) -> bool:
    if tok.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return False
    return bool(title_kind(tok.text) or title_kind(tok.lemma_))


def _hyphen_joined(tok: Any) -> bool:
    """A hyphen inside a word ("Kyiv-based", "lieutenant-general")."""
    doc = tok.doc
    return (
        tok.text in _HYPHENS
        and not tok.whitespace_
        and tok.i > 0
        and not doc[tok.i - 1].whitespace_
    )


def _modifier(tok: Any) -> bool:
    if tok.is_space or tok.ent_type_ in _BAD_ENTS:
        return False
    if _hyphen_joined(tok):
        return True
    if tok.pos_ in _MOD_POS:
        return True
    return tok.pos_ == "VERB" and tok.tag_ == "VBN"  # "exiled", "retired"


def _premods(doc: Any, h: int, limit: int) -> int:
    """First token of the modifiers before title head ``h`` (``h`` when none).

    A modifier must attach to a later word up to ``limit`` (or be joined by a
    hyphen), so "Over the weekend Belarusian dictator" keeps "weekend" out.
    """
    b = h
    while b > 0 and h - b < MAX_TITLE_TOKENS - 1:
        tok = doc[b - 1]
        if doc[b].is_sent_start or not _modifier(tok):
            break
        if tok.text.lower() in _POSSESSIVE:
            break
        joined = _hyphen_joined(tok) or (b < len(doc) and _hyphen_joined(doc[b]))
        if not joined and not (tok.i < tok.head.i <= limit):
            break
        b -= 1
    return b


def _possessor(doc: Any, b: int) -> tuple[int, int] | None:
    """The possessor phrase ("the city", "Ukraine") ending before a possessive at b-1."""
    if b < 2 or doc[b - 1].text.lower() not in _POSSESSIVE or doc[b - 1].tag_ != "POS":
        return None
    end = b - 2
    start = end
    while start > 0 and end - start < 5 and not doc[start].is_sent_start:
        tok = doc[start - 1]
        if tok.is_space or tok.pos_ not in ("PROPN", "NOUN", "ADJ", "DET"):
            break
        if not (tok.i < tok.head.i <= end):
            break
        start -= 1
        if tok.pos_ == "DET":
            break
    if doc[end].pos_ not in ("PROPN", "NOUN"):
        return None
    return start, end + 1


def _np_forward(doc: Any, k: int, stop: int | None = None) -> int:
    """End (exclusive) of the noun phrase starting at ``k`` ("the BY_help aid fund")."""
    n = len(doc) if stop is None else stop
    j = k
    while j < n:
        tok = doc[j]
        if tok.is_space or (j > k and tok.is_sent_start):
            break
        if tok.pos_ == "DET" and tok.text.lower() in _DETS and j == k:
            j += 1
            continue
        if tok.text.lower() in _POSSESSIVE and tok.tag_ == "POS":
            j += 1
            continue
        if tok.text.lower() == "of" and j + 1 < n and j > k and _modifier(doc[j + 1]):
            j += 1
            continue
        if tok.text.lower() == "of" and j + 2 < n and doc[j + 1].text.lower() in _DETS:
            j += 2
            continue
        if _modifier(tok) or (tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN"):
            j += 1
            continue
        break
    return j


class _Roles:
    def __init__(self, parsed: ParsedDocument) -> None:
        self.parsed = parsed
        self.doc = parsed.doc
        self.doc_text = doc_text(self.doc)
        self.out: list[Role] = []
        self.seen: set[tuple[int, int, int, int]] = set()

    def span(self, i: int, j: int) -> dict[str, Any] | None:
        """Tokens [i, j) as an original-text span dict."""
        if j <= i:
            return None
        a, b = self.doc[i].idx, self.doc[j - 1].idx + len(self.doc[j - 1].text)
        s, e = self.parsed.original_span(a, b)
        if e <= s:
            return None
        d: dict[str, Any] = {"text": self.parsed.text[s:e], "start": s, "end": e}
        if self.doc_text[a:b] != d["text"]:
            d["parsed"] = self.doc_text[a:b]
        return d

    def add(
        self,
        person: dict[str, Any],
        title: tuple[int, int],
        org: tuple[int, int] | None,
        pattern: str,
    ) -> None:
        # A one-word lower-case "of" object stays in the title: "chief of staff".
        if org and org[1] - org[0] == 1 and org[0] == title[1] + 1:
            tok = self.doc[org[0]]
            if tok.text.islower() and tok.pos_ == "NOUN":
                title, org = (title[0], org[1]), None
        t = self.span(*title)
        if t is None:
            return
        key = (person["start"], person["end"], t["start"], t["end"])
        if key in self.seen:
            return
        self.seen.add(key)
        self.out.append(
            Role(person=person, title=t, org=self.span(*org) if org else None, pattern=pattern)
        )

    # ------------------------------------------------------------ backward

    def title_before(
        self, end: int, person: dict[str, Any], pattern: str, limit: int | None = None
    ) -> int | None:
        """Title phrase(s) ending at token ``end`` (inclusive); returns where they start.

        Modifiers of the title may attach up to token ``limit`` (the name).
        """
        limit = end if limit is None else limit
        doc = self.doc
        if end < 0 or doc[end].is_space:
            return None
        if _is_title(doc[end]) and not (end + 1 < len(doc) and doc[end + 1].tag_ == "POS"):
            h = end
            b = _premods(doc, h, limit)
            poss = _possessor(doc, b)
            self.add(person, (b, h + 1), poss, pattern)
            start = poss[0] if poss else b
        else:
            found = self._of_chain(end)
            if found is None:
                return None
            h, start_org = found
            b = _premods(doc, h, h)
            self.add(person, (b, h + 1), (start_org, end + 1), pattern + "-of")
            start = b
        # "deputy defense minister and military chief of staff, Viktor Gulevich"
        if start >= 2 and doc[start - 1].text.lower() == "and" and not doc[start].is_sent_start:
            self.title_before(start - 2, person, pattern + "-conj")
        return start

    def _of_chain(self, end: int) -> tuple[int, int] | None:
        """Title head h with "h of <NP ... end>": (h, first token of the NP)."""
        doc = self.doc
        i = end
        best = None
        while i > 0 and end - i < MAX_OF_CHAIN:
            tok = doc[i]
            if tok.is_sent_start:
                break
            prev = doc[i - 1]
            if prev.is_space:
                break
            ok = (
                _modifier(prev)
                or (prev.pos_ == "DET" and prev.text.lower() in _DETS)
                or prev.text.lower() == "of"
                or (prev.tag_ == "POS")
            )
            if not ok:
                break
            if _is_title(prev) and doc[i].text.lower() == "of" and i + 1 <= end:
                best = (prev.i, i + 1)
                break
            i -= 1
        if best is None or best[1] > end:
            return None
        return best

    # ------------------------------------------------------------- forward

    def title_after(self, k: int, person: dict[str, Any], pattern: str) -> None:
        """An appositive title starting at token ``k`` (after the comma)."""
        doc, n = self.doc, len(self.doc)
        j = k
        if j < n and doc[j].pos_ == "DET" and doc[j].text.lower() in _DETS:
            j += 1
        poss: tuple[int, int] | None = None
        first = j
        h = None
        while j < n and j - first < MAX_TITLE_TOKENS:
            tok = doc[j]
            if tok.is_space or (j > k and tok.is_sent_start):
                return
            if tok.tag_ == "POS" and tok.text.lower() in _POSSESSIVE and j > first and not poss:
                poss = (first, j)
                first = j + 1
                j += 1
                continue
            if not _modifier(tok):
                return
            nxt = doc[j + 1] if j + 1 < n else None
            continues = nxt is not None and (
                (nxt.pos_ in ("NOUN", "PROPN") and nxt.ent_type_ != "PERSON") or _hyphen_joined(nxt)
            )
            if _is_title(tok) and not continues:
                h = j
                break
            j += 1
        if h is None:
            return
        end = h + 1
        org = poss
        if end < n and doc[end].text.lower() in ORG_PREPOSITIONS and poss is None:
            stop = _np_forward(doc, end + 1)
            if stop > end + 1:
                org = (end + 1, stop)
                end = stop
        self.add(person, (first, h + 1), org, pattern)
        # "a retired lieutenant-general and former deputy chief of ..."
        if end + 1 < n and doc[end].text.lower() == "and":
            self.title_after(end + 1, person, "appositive-conj")

    # ---------------------------------------------------------------- run

    def person(self, s: int, e: int) -> dict[str, Any] | None:
        return self.span(s, e)

    def run(self, ents: list[Any]) -> list[Role]:
        doc = self.doc
        for ent in ents:
            if ent.label_ != "PERSON":
                continue
            s, e = ent.start, ent.end
            while e > s and (doc[e - 1].is_space or doc[e - 1].tag_ == "POS"):
                e -= 1
            # a title the NER took into the name: "President Putin"
            while e - s > 1 and _is_title(doc[s]) and doc[s].text[:1].isupper():
                s += 1
            if e <= s or any(t.is_space for t in doc[s:e]):
                continue
            person = self.person(s, e)
            if person is None:
                continue
            if s > 0 and doc[s - 1].text == "," and s > 1:
                self.title_before(s - 2, person, "title-comma-name")
            elif s > 0:
                self.title_before(s - 1, person, "title-before-name", e - 1)
            if e + 1 < len(doc) and doc[e].text == ",":
                self.title_after(e + 1, person, "appositive")
        return self.out


@extractor("roles", version="1", output="roles")
def extract_roles(parsed: ParsedDocument) -> list[Role]:
    """Titles and roles attached to PERSON entities, in text order."""
    doc = parsed.doc
    roles = _Roles(parsed).run(corrected_entities(doc))
    roles.sort(key=lambda r: (r.person["start"], r.title["start"]))
    return roles
