"""Calibrated confidence of a quote record: the shown figure means what it says.

The learned filter's probability answers "is this a PolNeAR attribution",
and a quotation with its cue had a fixed 0.9; neither said how often the
record as shown (its content *and* its speaker) is right. A small logistic
model over the raw confidence and a few facts of the record — direct or
not, a verb of saying or thinking as cue or not, what kind of speaker —
could map it to the share of such records that were right.
``tools/train/quote_confidence.py`` fits ``WEIGHTS`` on PolNeAR train and
prints the reliability curve on dev for the raw and the refitted figure.

A record is counted right only when its content *and* its speaker are (a
record with no speaker is no answer to "who said what" unless the gold has
no source either). By that count the raw figure is over-confident (expected
calibration error 0.054 on train and 0.037 on dev; records
without a speaker kept the filter's high probability); the refit, with
features for the speaker's kind, a noun-phrase content, a long source and a
frame ``speech_events`` marks, scores 0.017 out of fold on train and 0.027
on dev (measured 2026-12-06, ``docs/accuracy.md``). Its dev bins 0.5-0.7
are still a few points optimistic: the filter's probability is itself
fitted on train articles.
"""

from __future__ import annotations

import math
from typing import Any

from storyline.extract.quotes import rules as R
from storyline.extract.quotes.attribution import Attribution
from storyline.extract.quotes.tagger_rules import ADDED_WEIGHTS, TAGGER_ORIGIN

#: Records below this confidence are hidden from the dossier's "Who said
#: what" unless all are asked for (they stay in dossier.json). Chosen on
#: PolNeAR *train* by cross-validation, by a rule set before: the lowest
#: threshold (of 0.5, 0.6, 0.7, 0.75, 0.8, ...) at which at least 90% of the
#: records shown are right, content and speaker (0.908 at 0.75; 0.852 at
#: 0.5). A wrong attribution shown as certain costs more than a hidden one.
DISPLAY_THRESHOLD = 0.75

#: Origins whose confidence is a fixed rule value, not the filter's probability.
RULE_ORIGINS = frozenset({"transcript", "credit", "headline", "block", "direct", "orphan"})

_SAYING = R.SPEECH_VERBS | R.COGNITION_VERBS
_NAMED = frozenset({"name", "title+name", "organisation"})

#: A source longer than this many tokens is more often a phrase the parser
#: ran together (a section heading glued to a name, a relative clause) than
#: a speaker.
LONG_SOURCE_TOKENS = 8

#: Parts of speech that make a content a clause (a proposition), not a bare
#: noun phrase ("criticized the plan", "touched on security").
CLAUSE_POS = frozenset({"VERB", "AUX"})

#: Logistic weights over ``features``, fitted by
#: ``tools/train/quote_confidence.py`` on 300 PolNeAR train articles (L2
#: strength by 5-fold cross-validation over articles; see the module
#: docstring and ``docs/accuracy.md``).
WEIGHTS: dict[str, float] = {
    "bias": -0.2137,
    "direct": 0.0859,
    "long_source": -0.3039,
    "no_cue": -2.7133,
    "np_content": -0.222,
    "rule_origin": 0.8579,
    "saying": 0.2083,
    "spk_named": 0.4923,
    "spk_none": -1.5082,
    "spk_other": 0.2691,
    "spk_pronoun": 0.5483,
    "spk_unresolved": -0.0152,
    "unspoken": 0.3443,
    "z": 2.6116,
}


def features(a: Attribution, speaker: dict[str, Any] | None) -> dict[str, float]:
    """The facts of one record the calibration reads."""
    p = min(max(float(a.confidence), 1e-3), 1 - 1e-3)
    f = {"bias": 1.0, "z": math.log(p / (1 - p)) / 4.0}
    if a.origin in RULE_ORIGINS:
        f["rule_origin"] = 1.0
    if a.kind == "direct":
        f["direct"] = 1.0
    cue = a.cue
    if cue is None:
        f["no_cue"] = 1.0
    elif isinstance(cue, tuple):
        f["saying"] = 1.0  # "according to", a colon, a credit dash
    elif cue.lemma_.lower() in _SAYING:
        f["saying"] = 1.0
    if a.unspoken:
        f["unspoken"] = 1.0
    if a.source is not None and a.source[1] - a.source[0] > LONG_SOURCE_TOKENS:
        f["long_source"] = 1.0
    if a.kind != "direct" and hasattr(cue, "doc") and not clause_content(cue.doc, a):
        f["np_content"] = 1.0
    kind = (speaker or {}).get("kind")
    if kind is None:
        f["spk_none"] = 1.0
    elif kind in _NAMED:
        f["spk_named"] = 1.0
    elif kind == "pronoun":
        f["spk_pronoun" if speaker.get("antecedent") else "spk_unresolved"] = 1.0
    else:
        f["spk_other"] = 1.0
    return f


def clause_content(doc: Any, a: Attribution) -> bool:
    """Whether the content holds a verb: a reported proposition rather than
    a noun phrase ("the extension", "security concerns")."""
    for fs, fe in a.frags:
        span = doc.char_span(fs, fe, alignment_mode="expand")
        if span is not None and any(t.pos_ in CLAUSE_POS for t in span):
            return True
    return False


def calibrate(a: Attribution, speaker: dict[str, Any] | None) -> float:
    """The record's calibrated confidence (the raw one without weights)."""
    # An attribution the accurate profile's tagger added has its own fit.
    weights = ADDED_WEIGHTS if a.origin == TAGGER_ORIGIN and ADDED_WEIGHTS else WEIGHTS
    if not weights:
        return a.confidence
    z = sum(weights.get(k, 0.0) * v for k, v in features(a, speaker).items())
    return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), 3)
