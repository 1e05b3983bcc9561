"""Is there a speech event at all? Attributions whose cue reports no
statement of their source.

The learned filter (trained on PolNeAR) and the proposal rules find a cue,
a content and a source; on real news some of those frames state no words of
anyone, and shown in "Who said what" they put words in a mouth. Each check
reads one token-level fact of the cue (its children, its head, its
sentence; no loop over the document) and its words from ``speech_rules``:

- a headline cue whose speaker is no named person or organisation
  ("Experts: ...", "Former official says ...");
- an agentless passive or participle of an opinion verb ("is widely seen
  as", "is expected to", "being accused of"): the subject is the topic;
- an intent frame ("hopes to resolve", "wants X to act") or a speech verb
  under one ("plans to announce", "refused to say", "is expected to tell");
- a negated speech verb ("did not say", "never confirmed"), except the
  neg-raising verbs of belief ("I don't think ...");
- an interviewer's question ("Do you think ...?"), an imperative
  ("Look what happened: ...");
- a noun phrase as the whole content of a cue whose object is no claim or
  request ("touched on security", "knows this"): a topic, no statement.

PolNeAR annotates most of these frames as attributions, so they are not
dropped: ``vetting`` marks them (``cue.reporting = false``) and the dossier's
readable views leave them out by default, as they do actions.
"""

from __future__ import annotations

import re
from typing import Any

from storyline.extract.integrity.outlet_rules import KNOWN_OUTLETS
from storyline.extract.quotes import rules as R
from storyline.extract.quotes import speaker_rules as SPR
from storyline.extract.quotes import speech_rules as SR
from storyline.extract.quotes.attribution import Attribution
from storyline.extract.quotes.context import QuoteContext

#: Head words that describe a speaker without naming one.
NOT_NAMES = (
    SPR.PERSON_DESCRIPTION_HEADS | SPR.COLLECTIVE_HEADS | SPR.ANONYMOUS_HEADS | SPR.TITLE_WORDS
)


_SAYING = R.SPEECH_VERBS | R.COGNITION_VERBS | SR.SAYING_EXTRA | SR.PROPOSITION_NP_VERBS
_LABEL = re.compile(SR.TRANSCRIPT_LABEL, re.MULTILINE)
_ASKERS = SR.INTERVIEWER_LABELS | {n.casefold() for k, v in KNOWN_OUTLETS.items() for n in (k, *v)}


def transcript_speaker(ctx: QuoteContext, a: Attribution) -> tuple[int, int] | None:
    """The answer's label (token range) for an "I"/"we" source outside
    quotation marks in a Q&A run into one paragraph ("VOA: Do you ...?
    Lind: I think ..."): the last label before it in the paragraph, unless
    that label is the asking side. None when there is no such label."""
    if a.source is None or a.source[1] - a.source[0] != 1:
        return None
    tok = ctx.doc[a.source[0]]
    if tok.lower_ not in SR.FIRST_PERSON_SUBJECTS or ctx.in_quote(tok.idx):
        return None
    p0 = ctx.paras[ctx.para_of(tok.idx)][0] if ctx.paras else 0
    last = None
    for last in _LABEL.finditer(ctx.text, p0, tok.idx):  # noqa: B007 - the last one counts
        pass
    if last is None or last.group(1).casefold() in _ASKERS:
        return None
    return ctx.chars_to_tokens(last.start(1), last.end(1))


def not_speech(ctx: QuoteContext, a: Attribution) -> str | None:
    """Why ``a`` reports no statement of its source ("headline", "passive",
    "intent", "unrealised", "refusal", "negated", "question"), or None."""
    if in_headline(ctx, a) and not named_source(ctx, a):
        return "headline"
    cue = a.cue if hasattr(a.cue, "i") else None
    if cue is None or a.kind == "direct":
        # A quotation in marks is words someone said; only its frame is judged
        # by the cue rules when it has no marks.
        return None
    keys = verb_keys(cue)
    if keys & SR.REFUSAL_VERBS:
        return "refusal"
    if keys & SR.PASSIVE_OPINION_VERBS and agentless_passive(cue):
        return "passive"
    if intent(cue, keys):
        return "intent"
    if unrealised(cue):
        return "unrealised"
    if not keys & SR.NEG_RAISING_VERBS and negated(cue):
        return "negated"
    if question(ctx, a, cue):
        return "question"
    if imperative(cue):
        return "imperative"
    if topic(ctx, a, keys):
        return "topic"
    return None


def verb_keys(tok: Any) -> frozenset[str]:
    """The tagger's lemma and the word's regular stems: the lemmatizer slips
    on some inflections ("hopes" -> "hop"), and a missed lemma must not let
    a frame through. Only compared against the closed tables of
    ``speech_rules``, so a spurious stem matches nothing."""
    low = tok.lower_
    keys = {tok.lemma_.lower(), low}
    for suffix in ("s", "es", "d", "ed", "ing"):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            stem = low[: -len(suffix)]
            keys.update((stem, stem + "e"))
            if len(stem) > 3 and stem[-1] == stem[-2]:  # "planned" -> "plan"
                keys.add(stem[:-1])
    return frozenset(keys)


def in_headline(ctx: QuoteContext, a: Attribution) -> bool:
    """Whether the attribution lies in a title line: the first of several
    lines, short and with no sentence stop at its end."""
    if len(ctx.paras) < 2:
        return False
    s0, e0 = ctx.paras[0]
    if a.start >= e0:
        return False
    line = ctx.text[s0:e0]
    return len(line.split()) <= SR.HEADLINE_MAX_WORDS and line[-1:] not in SR.HEADLINE_END_STOPS


def named_source(ctx: QuoteContext, a: Attribution) -> bool:
    """Whether a headline's source names a person or organisation: its head
    is no title, description or group word and no place, and the body
    writes it capitalised inside a sentence ("Kasich: ...", "Trump says";
    not "Experts: ...", "Charity: ...", "Former Top Official Calls", nor
    "Turkey Criticizes"). A title capitalises every word, so only the body
    tells a name from a common noun."""
    if a.source is None:
        return False
    i, j = a.source
    head = ctx.doc[i:j].root
    if head.ent_type_ in SR.HEADLINE_PLACE_LABELS:
        return False
    if head.lemma_.lower() in NOT_NAMES or head.lower_ in NOT_NAMES:
        return False
    return head.text in body_names(ctx)


def body_names(ctx: QuoteContext) -> frozenset[str]:
    """Capitalised words inside the body's sentences (not sentence-initial),
    past the title line; computed once per document."""
    names = ctx.memo.get("speech.names")
    if names is None:
        start = ctx.paras[0][1] if ctx.paras else 0
        names = frozenset(
            t.text
            for t in ctx.doc
            if t.idx >= start and t.i != t.sent.start and t.text[:1].isupper()
        )
        ctx.memo["speech.names"] = names
    return names


def agentless_passive(cue: Any) -> bool:
    """A passive verb ("is seen as", "was expected to") or a past participle
    on a noun ("a move seen as"), with no "by" agent naming who holds it."""
    deps = {c.dep_ for c in cue.children}
    if "agent" in deps:
        return False
    if deps & SR.PASSIVE_CHILD_DEPS:
        return True
    if cue.dep_ == "acl" and cue.tag_ in ("VBN", "VBD") and "nsubj" not in deps:
        return True  # "a group called X": the tagger may say VBD here
    return cue.tag_ == "VBN" and cue.dep_ in SR.PARTICIPLE_DEPS


def intent(cue: Any, keys: frozenset[str]) -> bool:
    """An aim, not words: an intent verb with an infinitive complement and
    no finite clause of its own ("hopes to win"; not "hopes that ...")."""
    if keys & SR.DESIRE_VERBS:
        return True
    if not keys & SR.INTENT_VERBS or keys & SR.INTENT_SPEECH_ACTS:
        return False
    infinitive = finite = False
    for c in cue.children:
        if c.dep_ == "xcomp":
            infinitive = True
        elif c.dep_ == "ccomp":
            # "wants the government to act" parses as a ccomp with its own
            # "to"; "hopes (that) the talks will work" is a finite clause.
            if any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                infinitive = True
            else:
                finite = True
    return infinitive and not finite


def unrealised(cue: Any) -> bool:
    """A speech verb as the infinitive of an intent, schedule or refusal
    ("plans to announce", "is expected to tell", "declined to comment")."""
    head = cue.head
    return (
        cue.dep_ == "xcomp"
        and head is not cue
        and bool(verb_keys(head) & SR.UNREALISED_HEADS)
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children)
    )


def negated(cue: Any) -> bool:
    """A negation on the cue itself ("did not say", "never confirmed")."""
    return any(
        c.dep_ == "neg" or (c.lower_ in SR.NEGATIONS and c.dep_ == "advmod") for c in cue.children
    )


def imperative(cue: Any) -> bool:
    """A bare verb opening its sentence with no subject and no auxiliary
    ("Look what happened: ..."): an address to the reader."""
    if cue.tag_ not in SR.IMPERATIVE_TAGS or cue.i != cue.sent.start:
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "expl") for c in cue.children)


def topic(ctx: QuoteContext, a: Attribution, keys: frozenset[str]) -> bool:
    """A noun phrase or a bare infinitive as the whole content of a cue that
    is no verb of saying, and whose object is no claim or request ("touched
    on security", "railed against the treaty", "knows this well", "voted to
    extend his term", "pushed to loosen the rules"): a topic, a target or an
    act of the source, no statement. Verbs of saying are left alone ("noted
    a Brexit irony" reports words); verbs of thinking are not ("knows
    this")."""
    if keys & (SR.PROPOSITION_NP_VERBS | R.SPEECH_VERBS):
        return False  # a verb of saying reports words whatever its object's shape
    if any(c.lower_ in SR.CHARACTERISING_PREPS for c in a.cue.children):
        return False  # "sees X as Y", "cited X as a concern": X is Y, a claim
    doc = ctx.doc
    infinitive_only = not keys & _SAYING
    for fs, fe in a.frags:
        span = doc.char_span(fs, fe, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        if any(t.dep_ == "mark" and t.head.i != root.i for t in span):
            return False  # "a statement that the plane fell": a claim in a noun
        if root.pos_ in ("VERB", "AUX"):
            # A clause, unless it is the bare infinitive of an act ("to
            # extend") under a cue that is no verb of saying or thinking.
            to_inf = root.tag_ == "VB" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in root.children
            )
            has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children)
            if not (infinitive_only and to_inf and not has_subject):
                return False
    return True


def question(ctx: QuoteContext, a: Attribution, cue: Any) -> bool:
    """An interviewer's question: a sentence ending in "?" whose cue has
    "you" as subject ("Do you think ...?", "What did you discuss?"), whoever
    the source was taken to be (a transcript label "Q:")."""
    subjects = [ctx.doc[a.source[0]]] if a.source and a.source[1] - a.source[0] == 1 else []
    subjects += [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not any(t.lower_ in SR.QUESTION_SUBJECTS for t in subjects):
        return False
    return cue.sent.text.rstrip().endswith("?")
