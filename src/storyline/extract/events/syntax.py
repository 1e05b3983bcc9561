"""Reading roles, places and modality of one trigger off the dependency parse.

Everything here takes spaCy tokens and returns tokens or token ranges
(``(first, last)`` token indices, inclusive); ``extract.py`` turns them into
offsets of the original text. Kept apart so the tree walks can be tested and
changed without the record building.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from storyline.extract.events.lexicon import (
    ACTOR_ENTS,
    ACTOR_NOUNS,
    BELIEF_VERBS,
    DENIAL_VERBS,
    FAILURE_VERBS,
    FUTURE_AUX,
    GROUPING_HEADS,
    HEDGE_ADVERBS,
    HEDGE_CONTROL,
    HEDGE_MODALS,
    HEDGE_NOUNS,
    INTENT_CUES,
    NEGATORS,
    NOT_PARTICIPANT_ENTS,
    OWNER_ENTS,
    OWNER_PREPS,
    PLACE_ENTS,
    PLACE_PREPS,
    PLAN_VERBS,
    PREDICTING_VERBS,
    QUANTITY_HEADS,
    RELATIVE_PRONOUNS,
    REPORTING_VERBS,
    TARGET_PREPS,
)
from storyline.nlp import ent_type

Token = Any  # spacy.tokens.Token
TokenRange = tuple[int, int]

SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
#: Left modifiers that belong to a named actor ("Egyptian police", "Iraq's
#: interim government", "U.S. border patrol"); determiners are left out.
NP_LEFT = frozenset({"compound", "amod", "nmod", "poss", "case", "flat"})
PLAIN_REPORTS = REPORTING_VERBS - BELIEF_VERBS - PREDICTING_VERBS
#: How far up the tree a modality or report cue is looked for.
MAX_CHAIN = 5
#: A dateline is at most this many tokens before its dash.
MAX_DATELINE = 10
DATELINE_DASHES = frozenset({"–", "—", "-", "--"})


def is_actor_like(tok: Token, as_object: bool = False) -> bool:
    """A token that can be a participant: a named actor, a pronoun for one,
    or a common noun for a group or person ("police", "protesters"); "it"
    only as an object (as a subject it is mostly a dummy: "it is likely")."""
    if ent_type(tok) in NOT_PARTICIPANT_ENTS or tok.like_num:
        return False
    if ent_type(tok) in ACTOR_ENTS:
        return True
    if tok.pos_ == "PROPN":
        return True
    if tok.pos_ == "PRON":
        if as_object and tok.lower_ in ("it", "them"):
            return True
        return tok.lower_ not in {"it", "this", "that", "what", "which", "something"}
    return tok.lemma_.lower() in ACTOR_NOUNS


def np_range(head: Token) -> TokenRange:
    """The noun phrase of ``head`` as gold event coding marks an actor: its
    left modifiers (no determiners, no coordinated heads) and "of" phrases."""
    first = head.i
    for child in head.lefts:
        if child.dep_ in NP_LEFT or (child.dep_ == "punct" and child.text in "-'"):
            first = min(first, child.left_edge.i)
    # A left edge inside a determiner phrase starts after it.
    doc = head.doc
    while first < head.i and (doc[first].dep_ in ("det", "predet", "punct", "cc", "preconj")):
        first += 1
    last = head.i
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child.right_edge.i - head.i <= 8:
            last = max(last, child.right_edge.i)
        elif child.dep_ in ("compound", "flat", "nummod") or (
            child.dep_ == "appos" and child.i == head.i + 1
        ):
            last = max(last, child.i)
        else:
            break
    return first, last


def grouped(head: Token) -> Token | None:
    """The actor a counting or grouping head names in its "of" phrase
    ("leaders of the coalition" -> "coalition"), else the head itself.

    A relative pronoun there names the clause's antecedent ("the villagers,
    the majority of whom oppose ..." -> "villagers"); a bare quantity ("the
    vast majority rejected ...") names nobody: None, so no fragment becomes
    an actor or an event label."""
    if head.lemma_.lower() not in GROUPING_HEADS and not head.like_num:
        return head
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ != "pobj":
                    continue
                if g.pos_ in ("NOUN", "PROPN"):
                    return g
                if g.lower_ in RELATIVE_PRONOUNS:
                    return _antecedent(head)
    if head.lower_ in QUANTITY_HEADS or head.lemma_.lower() in QUANTITY_HEADS:
        return None
    return head


def _antecedent(tok: Token) -> Token | None:
    """The noun a relative clause containing ``tok`` modifies, or None: the
    head of the "relcl", else (the parser often reads such a clause as a
    complement) the noun right before the comma that opens the phrase
    ("the villagers(,) the majority of whom")."""
    clause = tok.head
    for _ in range(MAX_CHAIN):
        if clause.dep_ == "relcl":
            noun = clause.head
            return noun if noun.pos_ in ("NOUN", "PROPN") else None
        if clause.head is clause:
            break
        clause = clause.head
    k = tok.left_edge.i - 1
    if k < 1 or tok.doc[k].text != ",":
        return None
    noun = tok.doc[k - 1]
    if noun.dep_ == "appos" and noun.pos_ == "PRON":
        noun = noun.head  # "the farmers themselves, the majority of whom"
    return noun if noun.pos_ in ("NOUN", "PROPN") else None


def intent_cue(trigger: Token) -> bool:
    """A future or decision cue on the trigger or the verbs it is the
    infinitive of ("will send", "would not meet", "plans to visit")."""
    tok = trigger
    for _ in range(MAX_CHAIN):
        if tok is not trigger and tok.lemma_.lower() in INTENT_CUES:
            return True
        if any(c.dep_ == "aux" and c.lower_ in INTENT_CUES for c in tok.children):
            return True
        if tok.dep_ not in ("xcomp", "conj") or tok.head is tok:
            return False
        tok = tok.head
    return False


def stands_for(pronoun: Token, speaker: Token) -> bool:
    """Whether a subject pronoun under a verb of saying can be the speaker
    ("Syria says it is willing", "the farmers said they would"): person
    and number must agree; "you" never is."""
    low = pronoun.lower_
    plural = speaker.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in speaker.children)
    if low in ("i", "we", "our", "my"):
        return True
    if low in ("he", "she", "his", "her"):
        return not plural and ent_type(speaker) in ("PERSON", "")
    if low in ("it", "its"):
        return not plural and ent_type(speaker) != "PERSON"
    if low in ("they", "their"):
        return plural
    return False


def conjuncts(head: Token) -> list[Token]:
    """``head`` and the heads coordinated with it ("Jordan and Britain")."""
    out = [head]
    for c in head.conjuncts:
        if c.i > head.i and c.pos_ in ("NOUN", "PROPN", "PRON", "ADJ"):
            out.append(c)
    return out


def participant_ranges(head: Token) -> list[TokenRange]:
    """Token ranges of a participant and its conjuncts, a conjunct's range
    ending before the next one."""
    out = []
    for tok in conjuncts(head):
        named = grouped(tok)
        if named is not None:  # a bare quantity names nobody
            out.append(np_range(named))
    # A coordinated head's phrase must not swallow the following conjunct.
    fixed = []
    for i, (first, last) in enumerate(out):
        nxt = out[i + 1][0] if i + 1 < len(out) else None
        if nxt is not None and last >= nxt:
            last = max(first, nxt - 1)
        fixed.append((first, last))
    return fixed


def subject_of(verb: Token) -> Token | None:
    """The agent of ``verb``: its subject, the "by" agent of a passive, else
    the subject of the clause it is an infinitive or conjunct of."""
    tok = verb
    for _ in range(MAX_CHAIN):
        for child in tok.children:
            if child.dep_ in SUBJECTS:
                if child.lower_ in {"who", "that", "which"} and tok.dep_ == "relcl":
                    return tok.head
                return child
            if child.dep_ == "agent":
                for g in child.children:
                    if g.dep_ == "pobj":
                        return g
        if tok.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acomp") and tok.head is not tok:
            tok = tok.head
            if tok.dep_ == "prep":
                tok = tok.head
            continue
        if tok.dep_ == "acl" and tok.tag_ == "VBG":
            return tok.head
        break
    return None


def _prep_objects(tok: Token) -> Iterator[tuple[str, Token]]:
    for child in tok.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ != "by":
            for g in child.children:
                if g.dep_ == "pobj":
                    yield child.lower_, g
        elif child.dep_ == "dative" and child.pos_ != "ADP":
            yield "to", child


def targets_of(
    verb: Token, skip: set[int], any_object: bool = False, moved: frozenset[int] = frozenset()
) -> list[Token]:
    """Recipient heads of a verbal trigger: passive subject, an actor-like
    object, the party inside a thing-object ("rejected Iraq's proposal",
    "sanctions on Iran", "the withdrawal of Serbian forces"), or an
    actor-like object of a recipient preposition. In a ditransitive ("offered
    troops to Lebanon", "paid compensation to the victims") the "to" party is
    the recipient and the object what is given. ``moved`` objects (the
    troops of "deployed troops") are what moves, never a recipient nor the
    place to look for one."""
    out: list[Token] = []
    objs = [
        c
        for c in verb.children
        if c.dep_ in PASSIVE_SUBJECTS | {"dobj", "dative"} and c.i not in moved
    ]
    given = _given_to(verb, skip) if not any_object and objs else None
    if given is not None:
        return [given]
    for obj in objs:
        if obj.i in skip:
            # A phrase word ("open fire") is no participant, but its
            # prepositions may hold one ("imposed sanctions on Iran").
            inside = owner_of(obj)
            if inside is not None:
                out.append(inside)
            continue
        if is_actor_like(obj, as_object=True):
            out.append(obj)
            continue
        inside = owner_of(obj)
        if inside is not None:
            out.append(inside)
        elif any_object and obj.pos_ in ("NOUN", "PROPN") or ent_type(obj) in PLACE_ENTS:
            out.append(obj)
    if not out:
        for prep, g in _prep_objects(verb):
            if prep in TARGET_PREPS and g.i not in skip:
                if _ok(g):
                    out.append(g)
                    break
                inside = owner_of(g)
                if inside is not None:
                    out.append(inside)
                    break
    return out


def _given_to(verb: Token, skip: set[int]) -> Token | None:
    """The actor-like "to" object (or dative) of a verb that also has a
    direct object: the recipient of what is given."""
    for c in verb.children:
        if c.dep_ == "dative" and c.pos_ != "ADP" and c.i not in skip and _ok(c):
            return c
        if c.dep_ in ("prep", "dative") and c.lower_ == "to":
            for g in c.children:
                if g.dep_ == "pobj" and g.i not in skip and is_actor_like(g, as_object=True):
                    return g
    return None


def owner_of(thing: Token, depth: int = 2) -> Token | None:
    """The party a thing-noun belongs to, comes from or is aimed at, as
    event coding marks the target: its possessor ("Saddam Hussein's
    proposal"), a named-group modifier ("a U.S. request", "Iraqi towns"),
    the object of "of"/"by"/"from" ("calls by Kofi Annan") or of a
    recipient preposition ("restrictions against German goods"), looked for
    ``depth`` nouns deep."""
    for c in thing.children:
        # "its troops": a possessive pronoun names no new party
        if c.dep_ == "poss" and c.pos_ != "PRON" and is_actor_like(c, as_object=True):
            return c
    for c in thing.lefts:
        if c.dep_ in ("amod", "compound", "nmod") and ent_type(c) in OWNER_ENTS:
            return c
    for prep, g in _prep_objects(thing):
        if prep in OWNER_PREPS or prep in TARGET_PREPS:
            g = grouped(g)
            if g is None:
                continue
            if is_actor_like(g, as_object=True) or ent_type(g) in PLACE_ENTS:
                return g
            if depth > 1:
                inner = owner_of(g, depth - 1)
                if inner is not None:
                    return inner
    return None


def _ok(tok: Token) -> bool:
    if is_actor_like(tok, as_object=True) or ent_type(tok) in PLACE_ENTS:
        return True
    return any(c.dep_ == "compound" and is_actor_like(c) for c in tok.children)


def purpose_of(verb: Token) -> Token | None:
    """The verb of a purpose clause of ``verb`` ("staged a hunger strike to
    protest against ..."): an infinitive clause of the verb or of its
    object (the parser often hangs it on the noun), or None."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    for head in heads:
        for c in head.children:
            if (
                c.dep_ in ("advcl", "xcomp", "relcl", "acl")
                and c.pos_ == "VERB"
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            ):
                return c
    return None


def place_of(verb: Token, taken: set[int]) -> Token | None:
    """The head of a locative phrase attached to the trigger ("in Minsk",
    "near the border crossing at Kopani") or to its object ("banned voting
    in East Jerusalem"): a place preposition whose object is a GPE, LOC or
    FAC entity."""
    found = _place_under(verb, taken)
    if found is None:
        for obj in verb.children:
            if obj.dep_ == "dobj" and obj.i not in taken:
                found = _place_under(obj, taken)
                if found is not None:
                    break
    return found


def _place_under(verb: Token, taken: set[int]) -> Token | None:
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
            for g in child.children:
                if g.dep_ != "pobj" or g.i in taken:
                    continue
                if ent_type(g) in PLACE_ENTS or any(
                    c.dep_ == "prep"
                    and c.lower_ in ("in", "near", "of")
                    and any(x.dep_ == "pobj" and ent_type(x) in PLACE_ENTS for x in c.children)
                    for c in g.children
                ):
                    return g
    return None


def place_range(head: Token) -> TokenRange:
    """A place phrase: the noun phrase, with its "in"/"near"/"of" place
    phrase when the head is no name itself ("the embassy in Vilnius")."""
    first, last = np_range(head)
    if ent_type(head) not in PLACE_ENTS:
        for c in head.rights:
            if c.dep_ == "prep" and c.lower_ in ("in", "near", "of"):
                last = max(last, c.right_edge.i)
                break
    return first, last


#: Penn tags of a finite verb with its own tense: such a conjunct does not
#: share its head's auxiliaries or negation.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def modality(trigger: Token) -> str:
    """What the statement commits to, read from the trigger and the verbs
    that govern it: negated > hedged > predicted > asserted."""
    negated = hedged = predicted = False
    tok = trigger
    for depth in range(MAX_CHAIN):
        for child in tok.children:
            low = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "det" and low == "no" and depth == 0):
                negated = True
            elif child.dep_ in ("aux", "auxpass"):
                if low in HEDGE_MODALS:
                    hedged = True
                elif low in FUTURE_AUX:
                    predicted = True
            elif child.dep_ == "advmod" and low in HEDGE_ADVERBS:
                hedged = True
            elif child.dep_ == "advmod" and low in NEGATORS:
                negated = True
        if depth:
            lemma = tok.lemma_.lower()
            if lemma in DENIAL_VERBS or lemma in FAILURE_VERBS:
                negated = True
            elif lemma in PREDICTING_VERBS or lemma in PLAN_VERBS:
                predicted = True
            elif lemma in HEDGE_CONTROL or lemma in BELIEF_VERBS:
                hedged = hedged or lemma not in REPORTING_VERBS or lemma in BELIEF_VERBS
        if tok.lower_ == "going" and any(c.dep_ == "xcomp" for c in tok.children):
            predicted = True
        if tok.dep_ in ("acl", "ccomp", "relcl") and tok.head.pos_ == "NOUN":
            hedged = hedged or tok.head.lemma_.lower() in HEDGE_NOUNS
            break
        if tok.dep_ not in ("xcomp", "ccomp", "pcomp", "acomp") or tok.head is tok:
            if tok.dep_ == "conj" and tok.head is not tok and tok.tag_ not in FINITE_TAGS:
                tok = tok.head  # "will attack and occupy": the head's auxiliaries count
                continue
            # "did not recognise ... and lambasted": a finite conjunct is its
            # own clause; the first verb's "not" or "may" is not its.
            break
        if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in PLAIN_REPORTS:
            break  # a report's own modality is not the event's
        tok = tok.head
        if tok.dep_ == "prep":
            tok = tok.head
    if negated:
        return "negated"
    if hedged or trigger.sent.text.rstrip().endswith("?"):
        return "hedged"
    if predicted:
        return "predicted"
    return "asserted"


def reporter_of(trigger: Token) -> Token | None:
    """The verb of saying whose complement states the event ("the ministry
    said troops had been sent"), or None when the outlet says it itself."""
    tok = trigger
    for _ in range(MAX_CHAIN):
        head = tok.head
        if head is tok:
            return None
        if tok.dep_ in ("ccomp", "xcomp", "dobj", "pcomp") and (
            head.lemma_.lower() in REPORTING_VERBS or head.lemma_.lower() in DENIAL_VERBS
        ):
            return head
        if tok.dep_ not in ("ccomp", "xcomp", "conj", "advcl", "pcomp", "prep", "acomp"):
            return None
        tok = head
    return None


def in_dateline(tok: Token) -> bool:
    """Whether ``tok`` is in a dateline opening its sentence ("Vinnytsia,
    Ukraine – When ..."): names, numbers and commas before a dash within
    the first ``MAX_DATELINE`` tokens. A dateline says where the report was
    filed, never who acted."""
    sent = tok.sent
    for t in sent[:MAX_DATELINE]:
        if t.text in DATELINE_DASHES:
            return tok.i < t.i and t.i > sent.start
        if t.pos_ not in ("PROPN", "NUM", "PUNCT") or t.text in ".!?":
            return False
    return False


def according_to(sent: Any) -> Token | None:
    """The source of "according to X" in the sentence, else None."""
    for tok in sent:
        if tok.lower_ == "according":
            for prep in tok.children:
                if prep.lower_ == "to":
                    for g in prep.children:
                        if g.dep_ == "pobj":
                            return g
    return None


def subtree_range(tok: Token) -> TokenRange:
    """The tokens a trigger's clause spans (its subtree)."""
    return tok.left_edge.i, tok.right_edge.i
