"""The numpy tree walker on hand-written trees, and against LightGBM itself."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.trees import TreeEnsemble, from_lightgbm_dump


def _leaf(v: float) -> dict:
    return {"leaf_value": v}


def _split(f: int, t: float, left: dict, right: dict) -> dict:
    return {
        "split_feature": f,
        "threshold": t,
        "decision_type": "<=",
        "left_child": left,
        "right_child": right,
    }


DUMP = {
    "num_tree_per_iteration": 2,
    "tree_info": [
        {"tree_structure": _split(0, 1.0, _leaf(1.0), _split(1, 0.5, _leaf(2.0), _leaf(3.0)))},
        {"tree_structure": _leaf(-1.0)},
        {"tree_structure": _split(1, 0.0, _leaf(10.0), _leaf(20.0))},
        {"tree_structure": _split(0, 5.0, _leaf(0.5), _leaf(0.25))},
    ],
}


def test_walks_hand_written_trees():
    ens = from_lightgbm_dump(DUMP)
    assert ens.n_outputs == 2 and ens.depth == 2
    x = np.array([[0.0, 0.0], [1.0, 0.7], [2.0, 0.5], [9.0, -1.0]])
    # output 0 = trees 0 and 2; output 1 = trees 1 and 3; "<=" goes left
    want = np.array([[1 + 10, -1 + 0.5], [1 + 20, -1 + 0.5], [2 + 20, -1 + 0.5], [2 + 10, -0.75]])
    assert np.allclose(ens.raw(x), want)
    assert np.allclose(ens.raw(x[1]), want[1:2])


def test_round_trips_through_arrays():
    ens = from_lightgbm_dump(DUMP)
    back = TreeEnsemble.from_arrays(ens.to_arrays("m_"), "m_")
    x = np.array([[0.3, 2.0], [7.0, 0.1]])
    assert np.array_equal(back.raw(x), ens.raw(x))


def test_rejects_categorical_splits():
    bad = {
        "tree_info": [
            {"tree_structure": _split(0, 1.0, _leaf(0), _leaf(1)) | {"decision_type": "=="}}
        ]
    }
    with pytest.raises(ValueError):
        from_lightgbm_dump(bad)


def test_matches_lightgbm_predictions():
    lgb = pytest.importorskip("lightgbm", reason="LightGBM is a training-only (dev) dependency")
    rng = np.random.default_rng(3)
    x = rng.normal(size=(400, 5))
    y = (x[:, 0] + x[:, 1] * x[:, 2] > 0).astype(int) + (x[:, 3] > 1).astype(int)
    params = {"objective": "multiclass", "num_class": 3, "verbose": -1, "num_threads": 1}
    booster = lgb.train(params, lgb.Dataset(x, y), 20)
    ens = from_lightgbm_dump(booster.dump_model())
    assert np.allclose(ens.raw(x), booster.predict(x, raw_score=True), atol=1e-9)


def test_concat_walks_both_ensembles_at_once():
    a = from_lightgbm_dump(DUMP)
    b = from_lightgbm_dump(
        {"tree_info": [{"tree_structure": _split(0, 0.5, _leaf(4.0), _leaf(-4.0))}]}
    )
    both = a.concat(b)
    x = np.array([[0.0, 0.0], [1.0, 0.7], [9.0, -1.0]])
    assert np.allclose(both.raw(x), np.hstack([a.raw(x), b.raw(x)]))
