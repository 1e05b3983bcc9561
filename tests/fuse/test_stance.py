"""Claim relation (stance) on invented headline/body pairs.

Every text is written for these tests; the FNC-1 data under ../shared is only
read (by the last test), never copied.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from storyline.fuse.stance import LABELS, StanceResult, stance
from storyline.fuse.stance.features import FEATURE_NAMES, pair_features, sentence_spans
from storyline.fuse.stance.model import WEIGHTS_PATH, evidence_spans, shipped_model

CLAIM = "Giant squid washes up on Brindle Island beach"

DENIAL = (
    "Officials on Brindle Island said on Tuesday that pictures of a giant squid on the beach "
    'were a hoax. "There is no giant squid, and nothing washed up on the island\'s beach," '
    "the harbour master said. The photo had been doctored, he said, and the story is false. "
    "Experts who studied the image agreed it was fake."
)
CONFIRMATION = (
    "A giant squid washed up on a Brindle Island beach on Tuesday, the island council "
    "confirmed. Marine biologists verified that the giant squid is genuine and measured it "
    "at nine metres. Footage shows the squid lying on the beach as crowds gathered on the island."
)
NEUTRAL = (
    "Photos circulating online reportedly show a giant squid on a Brindle Island beach. "
    "According to posts on social media, the squid may have washed up overnight, but the "
    "claims could not be verified. It is unclear whether the beach pictures are recent, "
    "and the island council has not commented on the alleged squid."
)
UNRELATED = (
    "The city council approved a new budget for road repairs on Monday. The plan sets aside "
    "money for bridges and bus lanes, and the mayor said work would start in the spring. "
    "Opposition members voted against it, citing rising costs of asphalt."
)


def test_unrelated_body_is_unrelated_without_evidence():
    res = stance(CLAIM, UNRELATED)
    assert res.label == "unrelated"
    assert res.evidence == ()


@pytest.mark.parametrize("body", [DENIAL, CONFIRMATION, NEUTRAL])
def test_bodies_about_the_claim_are_related(body):
    assert stance(CLAIM, body).label != "unrelated"


def test_denial_raises_disagree_and_its_evidence_is_the_refuting_sentence():
    # The model is weak on disagree (docs/accuracy.md: out-of-fold F1 ~0.25), so the
    # test asks for a clear shift towards it, not for the winning label.
    res = stance(CLAIM, DENIAL)
    assert res.label != "unrelated"
    assert res.probabilities["disagree"] > 0.2
    for other in (CONFIRMATION, NEUTRAL):
        assert res.probabilities["disagree"] > 5 * stance(CLAIM, other).probabilities["disagree"]
    _, top = pair_features(CLAIM, DENIAL)
    texts = [DENIAL[s:e].lower() for s, e in evidence_spans(CLAIM, DENIAL, "disagree", top)]
    assert texts and all(any(w in t for w in ("hoax", "false", "fake", "no ")) for t in texts)


def test_confirmation_leans_agree_more_than_the_denial():
    conf, deny = stance(CLAIM, CONFIRMATION), stance(CLAIM, DENIAL)
    assert conf.label == "agree"
    assert conf.probabilities["agree"] > deny.probabilities["agree"]
    assert deny.probabilities["disagree"] > conf.probabilities["disagree"]


def test_neutral_report_is_discuss():
    assert stance(CLAIM, NEUTRAL).label == "discuss"


@pytest.mark.parametrize("body", [DENIAL, CONFIRMATION, NEUTRAL, UNRELATED])
def test_probabilities_sum_to_one_and_evidence_points_into_the_body(body):
    res = stance(CLAIM, body)
    assert isinstance(res, StanceResult)
    assert set(res.probabilities) == set(LABELS)
    assert sum(res.probabilities.values()) == pytest.approx(1.0)
    assert res.confidence == max(res.probabilities.values())
    for start, end in res.evidence:
        assert 0 <= start < end <= len(body)
        assert body[start:end].strip() == body[start:end]


def test_deterministic():
    a, b = stance(CLAIM, DENIAL), stance(CLAIM, DENIAL)
    assert a == b


def test_empty_inputs_do_not_fail():
    assert stance("", "").label in LABELS
    assert stance(CLAIM, "").label == "unrelated"


def test_sentence_spans_are_offsets():
    text = 'One thing. "Two?" Three!\nFour'
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["One thing.", '"Two?"', "Three!", "Four"]


def test_features_and_weights_agree():
    vec, top = pair_features(CLAIM, DENIAL)
    assert len(vec) == len(FEATURE_NAMES)
    assert all(np.isfinite(vec))
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURE_NAMES
    assert shipped_model().st_w.shape == (3, len(FEATURE_NAMES))
    assert top and top[0][0] > 0.5
