"""Finding event triggers in the parse and what PLOVER type each one has.

A trigger is a verb of the lexicon (with its phrase: "open fire", "impose
sanctions", "step down"), a light verb with an event noun object ("launch an
attack"), a controller with its complement ("agreed to cooperate", "urged Y
to stop", "is ready to send"), an event noun with a participant or place
("the attack on X", "talks with Y"), or a deontic report ("X said Y must
Z": a REQUEST of X to Y). Returns ``Trigger`` candidates; the roles are read
by ``extract.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storyline.extract.events.lexicon import (
    ASPECTUAL,
    CONTROLLERS,
    COOPERATIVE,
    DENIAL_VERBS,
    DEONTIC,
    EXPEL,
    GUEST_PRESENCE,
    INTENT_ADJECTIVES,
    INTENT_VERBS,
    LIGHT_VERBS,
    NOT_EVENTS,
    NOUN_PLACE_PREPS,
    NOUN_STRENGTH,
    NOUN_TARGET_PREPS,
    NOUNS,
    OBSTRUCT,
    PHRASE_STRENGTH,
    PHRASES,
    PLACE_ENTS,
    PLAN_VERBS,
    PREPARE_VERBS,
    REPORT_OR_EVENT,
    REPORTING_VERBS,
    STRONG,
    VERBAL_WITH_CLAUSE,
    VERBS,
    WEAK,
    WEAK_STRENGTH,
    WITHDRAWAL_VERBS,
    Sense,
    inflections,
)
from storyline.extract.events.syntax import is_actor_like
from storyline.nlp import ent_type, string_ids

Token = Any

#: Every lemma or word that can start a trigger: a sentence without one is
#: never walked (a set lookup over the token array).
TRIGGER_WORDS = frozenset(
    set(VERBS)
    | set(NOUNS)
    | {v for v, _ in PHRASES}
    | LIGHT_VERBS
    | INTENT_ADJECTIVES
    | CONTROLLERS
    | DEONTIC
)
#: Inflected forms of the verb words, for tokens the lemmatizer gets wrong
#: ("staged" -> "stag"): form -> lemma.
FORMS = {
    form: word
    for word in sorted(TRIGGER_WORDS - set(NOUNS) - DEONTIC)
    for form in inflections(word)
    if form not in TRIGGER_WORDS
}
TRIGGER_IDS = string_ids(TRIGGER_WORDS | set(FORMS))

#: What a controller makes of its complement, by the controller's lemma.
CONTROL_TYPES = {
    "agree": "AGREE",
    "consent": "AGREE",
    "refuse": "REJECT",
    "decline": "REJECT",
    "reject": "REJECT",
    "threaten": "THREATEN",
    "warn": "THREATEN",
    "help": "AID",
    "accuse": "ACCUSE",
    "blame": "ACCUSE",
}
CONTROL_TYPES |= dict.fromkeys(
    ("urge", "ask", "demand", "request", "call", "appeal", "press", "pressure", "plead"),
    "REQUEST",
)
VERB_POS = frozenset({"VERB", "AUX"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
#: Largest gap (tokens) for a phrase to be one contiguous trigger span.
MAX_PHRASE_GAP = 4


@dataclass
class Trigger:
    """One candidate event: the trigger tokens and the token whose clause
    carries the roles (``anchor``), with the words that belong to the
    trigger rather than to a participant (``parts``)."""

    first: int
    last: int
    anchor: Token
    sense: Sense
    strength: float
    pattern: str
    parts: set[int] = field(default_factory=set)
    inner: Token | None = None  # a swallowed complement whose roles count too
    actor: Token | None = None  # set when the rule knows it (deontic reports)
    targets: list[Token] | None = None
    nominal: bool = False


def lemma_of(tok: Token) -> str:
    """The lemma, or the lexicon word a regular form belongs to when the
    lemmatizer's lemma is no trigger word but the form is one."""
    lemma = tok.lemma_.lower()
    if lemma in TRIGGER_WORDS:
        return lemma
    return FORMS.get(tok.lower_, lemma)


#: A particle or preposition (or its object) before its verb is a fronted
#: relative or topic ("in which", "In the statement released ..."), no part of
#: a phrasal verb ("give in", "withdraw from"); it still blocks (``NOT_EVENTS``).
FRONTED_DEPS = frozenset({"prt", "prep", "pobj"})


def _phrase_words(verb: Token) -> list[tuple[str, Token]]:
    """Particles, prepositions and object heads a phrase row can name."""
    out = []
    for c in verb.children:
        if c.dep_ in ("prt", "prep"):
            out.append((c.lower_, c))
            out.extend((lemma_of(g), g) for g in c.children if g.dep_ == "pobj")
        elif c.dep_ in ("dobj", "nsubjpass", "attr"):
            out.append((lemma_of(c), c))
    return out


def _span(a: Token, b: Token) -> tuple[int, int]:
    first, last = min(a.i, b.i), max(a.i, b.i)
    if last - first > MAX_PHRASE_GAP:
        return a.i, a.i
    return first, last


def _complement(tok: Token) -> Token | None:
    """The verb a controller governs: its infinitive, or the gerund after
    "of"/"for" ("accused X of shelling")."""
    for c in tok.children:
        if c.dep_ == "xcomp" and c.pos_ in VERB_POS:
            return _through_aspect(c)
    for c in tok.children:
        # "have sworn to fight" is often parsed as a purpose clause
        if c.dep_ == "advcl" and c.i == tok.i + 2 and tok.doc[tok.i + 1].lower_ == "to":
            return _through_aspect(c)
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "for"):
            for g in c.children:
                if g.dep_ == "pcomp" and g.pos_ in VERB_POS:
                    return g
    return None


def _through_aspect(verb: Token) -> Token:
    """The verb an aspectual verb governs ("resume shelling" -> shelling)."""
    if lemma_of(verb) in ASPECTUAL:
        for c in verb.children:
            if c.dep_ == "xcomp" and c.pos_ in VERB_POS:
                return c
    return verb


def verbal_sense(verb: Token) -> tuple[Sense, float, str, set[int]] | None:
    """The sense of a verb on its own or with its phrase words, or None; a
    withdrawal of a guest presence is SANCTION (``moves_guests``)."""
    found = _verbal_sense(verb)
    withdrawal = found is not None and (
        found[0] == Sense("RETREAT", "withdraw") or lemma_of(verb) in WITHDRAWAL_VERBS
    )
    if found is not None and withdrawal and moves_guests(verb):
        return EXPEL, found[1], f"guests:{found[2]}", found[3]
    return found


def _verbal_sense(verb: Token) -> tuple[Sense, float, str, set[int]] | None:
    lemma = lemma_of(verb)
    words = _phrase_words(verb)
    if verb.dep_ == "acl":
        words.append((lemma_of(verb.head), verb.head))  # "the report released"
    if any((lemma, w) in NOT_EVENTS for w, _ in words):
        return None
    for word, part in words:
        if part.i < verb.i and part.dep_ in FRONTED_DEPS:
            continue  # "the scenario in which the dam gives way": no "give in"
        sense = PHRASES.get((lemma, word)) or OBSTRUCT.get((lemma, word))
        if sense is not None:
            return sense, PHRASE_STRENGTH, f"phrase:{lemma}+{word}", {part.i}
    if lemma in LIGHT_VERBS:
        for c in verb.children:
            if c.dep_ not in ("dobj", "nsubjpass"):
                continue
            for n in (c, *(g for g in c.children if g.dep_ == "compound")):
                if lemma_of(n) in NOUNS:
                    return NOUNS[lemma_of(n)], STRONG, f"light:{lemma}+{lemma_of(n)}", {c.i}
    if lemma in VERBAL_WITH_CLAUSE and any(c.dep_ == "ccomp" for c in verb.children):
        return VERBAL_WITH_CLAUSE[lemma], STRONG, f"verbal:{lemma}", set()
    sense = VERBS.get(lemma)
    if sense is None:
        return None
    return sense, WEAK_STRENGTH if lemma in WEAK else STRONG, f"verb:{lemma}", set()


def moves_guests(verb: Token) -> bool:
    """Whether what a withdrawal moves is a guest presence ("withdrew its
    peacekeeping force", "observers were pulled out"): then it is SANCTION."""
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            words = [c, *(g for g in c.children if g.dep_ in ("amod", "compound"))]
            if any(w.lemma_.lower() in GUEST_PRESENCE for w in words):
                return True
    return False


def verbal_trigger(tok: Token) -> Trigger | None:
    """A trigger anchored on a verb or an intent adjective, or None."""
    lemma = lemma_of(tok)
    controls = lemma in CONTROLLERS or lemma in INTENT_VERBS or lemma in INTENT_ADJECTIVES
    inner = _complement(tok) if controls or lemma in PREPARE_VERBS else None
    if lemma in PREPARE_VERBS and inner is not None:
        inner_sense = verbal_sense(inner)
        if inner_sense is not None and inner_sense[0].type == "ASSAULT":
            return Trigger(
                tok.i, tok.i, tok, Sense("MOBILIZE"), STRONG, f"prepare>{lemma_of(inner)}",
                inner=inner,
            )  # fmt: skip
        return None
    if lemma in PLAN_VERBS and inner is not None:
        return None  # "sought to", "plans to": the complement is the event
    if lemma in DENIAL_VERBS and any(
        c.dep_ in ("xcomp", "ccomp", "pcomp") or (c.dep_ == "dobj" and c.pos_ in VERB_POS)
        for c in tok.children
    ):
        return None  # "denied sending troops": the complement, negated
    if lemma in REPORT_OR_EVENT and any(c.dep_ == "ccomp" for c in tok.children):
        return None  # "warned that Minsk could join": a report, its clause the event
    own = verbal_sense(tok) if tok.pos_ in VERB_POS else None
    inner_sense = verbal_sense(inner) if inner is not None else None
    if inner is not None and (own is not None or inner_sense is not None):
        typ = _controlled_type(lemma, own, inner_sense)
        if typ is not None:
            strength = own[1] if own else STRONG
            mode = own[0].mode if own and own[0].type == typ else None
            return Trigger(
                tok.i,
                tok.i,
                tok,
                Sense(typ, mode),
                max(strength, STRONG),
                f"control:{lemma}>{lemma_of(inner)}",
                set(),
                inner=inner,
            )
    if own is None:
        return None
    sense, strength, pattern, parts = own
    first, last = tok.i, tok.i
    for p in parts:
        first, last = _span(tok, tok.doc[p])
    return Trigger(first, last, tok, sense, strength, pattern, parts)


def _controlled_type(
    lemma: str, own: tuple[Sense, float, str, set[int]] | None, inner: Any
) -> str | None:
    if lemma in CONTROL_TYPES:
        return CONTROL_TYPES[lemma]
    if lemma in INTENT_VERBS or lemma in INTENT_ADJECTIVES:
        if inner is None:
            return own[0].type if own else None
        return "AGREE" if inner[0].type in COOPERATIVE else "THREATEN"
    return own[0].type if own else None


def nominal_trigger(tok: Token) -> Trigger | None:
    """An event noun with a participant or a place of its own ("the attack
    on Kyiv", "Israeli airstrikes", "protests in Minsk"), or None."""
    sense = NOUNS.get(lemma_of(tok))
    if sense is None:
        return None
    has_role = False
    for c in tok.children:
        if c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and ent_type(c) in ("NORP", "GPE")):
            has_role = True
        elif c.dep_ == "prep" and (c.lower_ in NOUN_TARGET_PREPS or c.lower_ == "by"):
            has_role = has_role or any(
                g.dep_ == "pobj"
                and (is_actor_like(g) or ent_type(g) in PLACE_ENTS or c.lower_ == "against")
                for g in c.children
            )
        elif c.dep_ == "prep" and c.lower_ in NOUN_PLACE_PREPS:
            has_role = has_role or any(
                g.dep_ == "pobj" and ent_type(g) in PLACE_ENTS for g in c.children
            )
    if not has_role:
        return None
    return Trigger(tok.i, tok.i, tok, sense, NOUN_STRENGTH, f"noun:{lemma_of(tok)}", nominal=True)


def deontic_trigger(modal: Token) -> Trigger | None:
    """ "X said Y must/should Z": a REQUEST by the speaker to Y (CAMEO's
    "demand" is often worded so), or None."""
    verb = modal.head
    if modal.dep_ != "aux" or verb.dep_ != "ccomp":
        return None
    report = verb.head
    if lemma_of(report) not in REPORTING_VERBS:
        return None
    speaker = next((c for c in report.children if c.dep_ == "nsubj"), None)
    addressee = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if speaker is None or addressee is None or not is_actor_like(addressee):
        return None
    first, last = _span(modal, verb)
    return Trigger(
        first,
        last,
        verb,
        Sense("REQUEST"),
        0.5,
        f"deontic:{lemma_of(report)}+{modal.lower_}",
        inner=verb,
        actor=speaker,
        targets=[addressee],
    )


def find_triggers(doc: Any, candidates: list[int]) -> list[Trigger]:
    """Triggers at the candidate token indices, one per anchor; a
    complement swallowed by a controller or a deontic report, and an event
    noun that is the object of a phrase or light verb, are not their own."""
    found: list[Trigger] = []
    for i in candidates:
        tok = doc[i]
        if tok.lower_ in DEONTIC and tok.tag_ == "MD":
            t = deontic_trigger(tok)
        elif tok.pos_ in VERB_POS or (tok.pos_ == "ADJ" and lemma_of(tok) in INTENT_ADJECTIVES):
            t = verbal_trigger(tok)
        elif tok.pos_ in NOUN_POS:
            t = nominal_trigger(tok)
        else:
            t = None
        if t is not None:
            found.append(t)
    swallowed = {t.inner.i for t in found if t.inner is not None}
    swallowed |= {p for t in found for p in t.parts}
    out, seen = [], set()
    for t in found:
        if t.inner is None and t.anchor.i in swallowed:
            continue
        if t.anchor.i in seen:
            continue
        seen.add(t.anchor.i)
        out.append(t)
    return out
