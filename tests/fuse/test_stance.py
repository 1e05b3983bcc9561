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
from storyline.fuse.stance.model import MODEL_PATH, evidence_spans, shipped_model

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
    # A three-sentence body is short for the news the model learned from (and it
    # repeats every claim word), so the test asks only for a clear shift towards
    # disagree here; the news-length pair below asks for the label.
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


def test_features_and_model_agree():
    vec, top = pair_features(CLAIM, DENIAL)
    assert len(vec) == len(FEATURE_NAMES)
    assert all(np.isfinite(vec))
    with np.load(MODEL_PATH, allow_pickle=False) as data:
        assert tuple(json.loads(str(data["meta"]))["features"]) == FEATURE_NAMES
    model = shipped_model()
    assert model.related.n_outputs == 1 and model.stance.n_outputs == 3
    assert int(model.related.feature.max()) < len(FEATURE_NAMES)
    assert top and top[0][0] > 0.5


def test_cue_groups_see_the_denial_not_the_confirmation():
    names = list(FEATURE_NAMES)
    deny, _ = pair_features(CLAIM, DENIAL)
    conf, _ = pair_features(CLAIM, CONFIRMATION)
    for name in ("top_fabricated", "top_false", "best_refuting", "soft_refuting"):
        assert deny[names.index(name)] > 0, name
        assert conf[names.index(name)] == 0, name
    assert conf[names.index("top_confirmed")] > 0
    assert deny[names.index("claim_fabricated")] == 0


def test_negation_before_a_claim_word_counts():
    names = list(FEATURE_NAMES)
    claim = "Mayor Orlan Vesk resigns over harbour deal"
    body = (
        "Mayor Orlan Vesk did not resign on Friday, his office said. "
        "Vesk has no plans to leave and will keep working on the harbour deal."
    )
    vec, _ = pair_features(claim, body)
    assert vec[names.index("neg_before_claim_word")] > 0
    assert vec[names.index("top_denied")] > 0  # "no plans"


MAYOR = "Mayor Orlan Vesk resigns over harbour deal"
MAYOR_DENIAL = (
    "The mayor of Port Calden has dismissed as false a report that he stepped down over the "
    "city's contested harbour contract. A local news site said on Thursday that Orlan Vesk "
    "had handed in his resignation after councillors questioned the deal. "
    '"I have not resigned, and I have no plans to," Vesk said on Friday morning. '
    "His spokeswoman said the report was untrue and that nobody had asked the mayor to leave. "
    "The site later removed the article and apologised for the error. "
    "The harbour contract, worth about 40 million, will be debated by the council next month. "
    "Opposition councillors have called for an audit of the tender process."
)
MAYOR_REPORT = (
    "The mayor of Port Calden, Orlan Vesk, resigned on Thursday over the city's contested "
    "harbour contract, his office said. Vesk handed his letter of resignation to the council "
    "chair after councillors questioned how the deal was awarded. "
    '"I am stepping down so that the harbour deal can be examined without me," Vesk said. '
    "The council confirmed the resignation and said a deputy would act as mayor until an "
    "election is held. The harbour contract, worth about 40 million, will be debated by the "
    "council next month. Opposition councillors have called for an audit of the tender process."
)


def test_news_length_denial_is_disagree_with_the_denying_sentences_as_evidence():
    res = stance(MAYOR, MAYOR_DENIAL)
    assert res.label == "disagree"
    texts = [MAYOR_DENIAL[s:e] for s, e in res.evidence]
    assert any("false" in t or "not resigned" in t or "untrue" in t for t in texts)


def test_news_length_report_of_the_same_event_is_not_read_as_a_denial():
    # An attributed report ("his office said") sits between agree and discuss for
    # the model (agree 0.51 in one fit, 0.44 in the next: agree F1 is ~0.6), so
    # the test asks for the robust part: related, no denial, far more agreeing
    # than the denial of the same event.
    res = stance(MAYOR, MAYOR_REPORT)
    assert res.label in ("agree", "discuss")
    assert res.probabilities["disagree"] < 0.2
    assert res.probabilities["agree"] > 2 * stance(MAYOR, MAYOR_DENIAL).probabilities["agree"]
