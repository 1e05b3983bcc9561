"""How the accurate profile's attribution tagger and the rules combine: data.

Held-out tenth, 84 articles (content / source / cue overlap F1, direct-quote
speaker): rules only 0.811 / 0.743 / 0.754, 96.2%; tagger only 0.808 /
0.717 / 0.712, 90.9%; the tagger's source and cue in place of the rules'
0.811 / 0.731 / 0.738, 95.4% (worse); the tagger's attributions that no
rule found, added when their mean tag probability is >= 0.85: 0.815 /
0.747 / 0.758, 96.3% (shipped; >= 0.7: 0.817 / 0.746 / 0.758 but 95.6%,
so lower direct-quote speakers; all added: 0.817 / 0.741 / 0.748, 94.4%).
The differences are within what 84 articles can move, and the rules'
learned filter was trained on these articles too (its figures here are
optimistic), so this is no evidence that the tagger helps.

Chosen on the held-out tenth of PolNeAR train (documents whose index in
``train.jsonl`` % 10 == 9, never trained on by the tagger), never on dev, by
``tools/train/attribution_combine.py``; the figures are in docs/accuracy.md
("Attribution: the accurate profile").
"""

from __future__ import annotations

#: What a tagged attribution (the tagger's cue with its source and content)
#: does to the rule attribution whose content it overlaps:
#: "source_cue" -- its source and cue replace the rule's (the rule's content
#: stays); "all" -- its content too; "none" -- the rule attribution stays as
#: it is.
REPLACE = "none"
#: Whether tagged attributions that overlap no rule attribution are added.
ADD_UNMATCHED = True
#: Whether rule attributions that no tagged attribution overlaps are kept.
KEEP_UNMATCHED_RULES = True
#: A tagged and a rule attribution are "the same" when their contents share
#: at least this share of the shorter content's characters, or their cues
#: overlap.
SAME_CONTENT = 0.5
#: A tagged attribution is added only when its mean tag probability (cue
#: and content words) reaches this.
MIN_ADD_SCORE = 0.85

#: The ``origin`` of an attribution the tagger added (no rule found it).
TAGGER_ORIGIN = "tagger"
#: Logistic calibration of an added (tagger-only) attribution's confidence:
#: weights over ``bias``, ``z`` (logit of the tag probability / 4) and the
#: speaker facts of ``confidence.features``; fitted on the held-out tenth.
#: Empty: the tagger's mean probability is shown as it is.
ADDED_WEIGHTS: dict[str, float] = {
    "bias": -0.683,
    "direct": 0.3901,
    "long_source": -0.6314,
    "np_content": -0.7254,
    "saying": 0.6741,
    "spk_named": 0.2318,
    "spk_none": -1.3952,
    "spk_other": -0.2707,
    "spk_pronoun": -0.0976,
    "spk_unresolved": 0.8488,
    "unspoken": 0.1286,
    "z": 1.1201,
}
