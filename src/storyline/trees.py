"""Gradient-boosted trees evaluated with numpy (no learner needed at run time).

Why: the stance model (``fuse/stance``, fitted by ``tools/train/stance.py``)
and the attribution filter (``extract/quotes/filter.py``, fitted by
``tools/train/train_quote_filter.py``) are fitted with LightGBM, but the
runtime must not depend on it (nor on pickles tied to its version).
The fitted trees are flattened into padded node arrays; a sample walks all
trees at once, one numpy step per tree level, so a call costs a few dozen
array operations whatever the number of trees.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np


@dataclass(frozen=True)
class TreeEnsemble:
    """Trees as (n_trees, n_nodes) arrays; a leaf is a node whose feature is -1.

    Tree ``t`` adds to output ``t % n_outputs`` (LightGBM's multiclass order).
    Internal node: go left iff ``x[feature] <= threshold``. Leaves point to
    themselves, so walking ``depth`` steps lands every sample on a leaf.
    """

    feature: np.ndarray  # int, -1 at leaves
    threshold: np.ndarray  # float
    left: np.ndarray  # int
    right: np.ndarray  # int
    value: np.ndarray  # float, leaf values (0 at internal nodes)
    n_outputs: int
    depth: int
    outputs: np.ndarray | None = None  # output of each tree; default t % n_outputs

    @cached_property
    def _flat(self) -> tuple[np.ndarray, ...]:
        """Node arrays over all trees (built once): feature (leaves read feature 0),
        threshold, children as global indexes at 2*node (right) and 2*node+1 (left),
        leaf values, roots and whether a node is internal."""
        t, w = self.feature.shape
        base = (np.arange(t) * w)[:, None]
        children = np.stack([(self.right + base).ravel(), (self.left + base).ravel()], axis=1)
        return (
            np.maximum(self.feature, 0).ravel(),
            self.threshold.ravel(),
            children.ravel(),
            self.value.ravel(),
            base.ravel(),
            (self.feature >= 0).ravel(),
        )

    def raw(self, x: np.ndarray) -> np.ndarray:
        """Summed leaf values, shape (n_samples, n_outputs)."""
        x = np.atleast_2d(np.asarray(x, dtype=float))
        feature, threshold, children, value, roots, inner = self._flat
        node = np.broadcast_to(roots, (x.shape[0], roots.size))
        samples = np.arange(x.shape[0])[:, None]
        for _ in range(self.depth):
            if not inner[node].any():
                break
            go_left = x[samples, feature[node]] <= threshold[node]
            node = children[2 * node + go_left]
        return value[node] @ self._onehot

    @cached_property
    def _onehot(self) -> np.ndarray:
        t = self.feature.shape[0]
        outs = self.outputs if self.outputs is not None else np.arange(t) % self.n_outputs
        return np.eye(self.n_outputs)[outs]

    def concat(self, other: TreeEnsemble) -> TreeEnsemble:
        """One ensemble walking both (outputs of ``other`` follow ours): one walk, not two."""
        width = max(self.feature.shape[1], other.feature.shape[1])

        def pad(e: TreeEnsemble, a: np.ndarray, fill: float | None) -> np.ndarray:
            extra = width - a.shape[1]
            if fill is None:  # child links of padding nodes point to themselves
                cols = np.arange(a.shape[1], width)
                return np.hstack([a, np.broadcast_to(cols, (a.shape[0], extra))])
            return np.hstack([a, np.full((a.shape[0], extra), fill, dtype=a.dtype)])

        def outs(e: TreeEnsemble) -> np.ndarray:
            t = e.feature.shape[0]
            return e.outputs if e.outputs is not None else np.arange(t) % e.n_outputs

        return TreeEnsemble(
            feature=np.vstack([pad(e, e.feature, -1) for e in (self, other)]),
            threshold=np.vstack([pad(e, e.threshold, 0.0) for e in (self, other)]),
            left=np.vstack([pad(e, e.left, None) for e in (self, other)]),
            right=np.vstack([pad(e, e.right, None) for e in (self, other)]),
            value=np.vstack([pad(e, e.value, 0.0) for e in (self, other)]),
            n_outputs=self.n_outputs + other.n_outputs,
            depth=max(self.depth, other.depth),
            outputs=np.concatenate([outs(self), outs(other) + self.n_outputs]),
        )

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """Arrays to save in an .npz (names start with ``prefix``)."""
        return {
            f"{prefix}feature": self.feature.astype(np.int16),
            f"{prefix}threshold": self.threshold,
            f"{prefix}left": self.left.astype(np.int16),
            f"{prefix}right": self.right.astype(np.int16),
            f"{prefix}value": self.value,
            f"{prefix}shape": np.array([self.n_outputs, self.depth]),
        }

    @classmethod
    def from_arrays(cls, data: Any, prefix: str) -> TreeEnsemble:
        n_out, depth = (int(v) for v in data[f"{prefix}shape"])
        return cls(
            feature=np.asarray(data[f"{prefix}feature"], dtype=np.intp),
            threshold=np.asarray(data[f"{prefix}threshold"], dtype=float),
            left=np.asarray(data[f"{prefix}left"], dtype=np.intp),
            right=np.asarray(data[f"{prefix}right"], dtype=np.intp),
            value=np.asarray(data[f"{prefix}value"], dtype=float),
            n_outputs=n_out,
            depth=depth,
        )


def _flatten(node: dict[str, Any], nodes: list[list[float]], depth: int = 0) -> tuple[int, int]:
    """Append a dumped LightGBM (sub)tree to ``nodes``; return (its index, its depth)."""
    idx = len(nodes)
    if "leaf_value" in node or "split_feature" not in node:
        nodes.append([-1, 0.0, idx, idx, float(node.get("leaf_value", 0.0))])
        return idx, depth
    if node.get("decision_type", "<=") != "<=":
        raise ValueError("only numeric '<=' splits are supported")
    nodes.append([int(node["split_feature"]), float(node["threshold"]), 0, 0, 0.0])
    left, d_left = _flatten(node["left_child"], nodes, depth + 1)
    right, d_right = _flatten(node["right_child"], nodes, depth + 1)
    nodes[idx][2], nodes[idx][3] = left, right
    return idx, max(d_left, d_right)


def from_lightgbm_dump(dump: dict[str, Any]) -> TreeEnsemble:
    """Flatten ``Booster.dump_model()`` output (a plain dict) into a TreeEnsemble."""
    trees, depth = [], 0
    for info in dump["tree_info"]:
        nodes: list[list[float]] = []
        _, d = _flatten(info["tree_structure"], nodes)
        trees.append(nodes)
        depth = max(depth, d)
    width = max(len(t) for t in trees)
    arr = np.zeros((len(trees), width, 5))
    for i, nodes in enumerate(trees):
        arr[i, : len(nodes)] = nodes
        pad = np.arange(len(nodes), width)
        arr[i, len(nodes) :, 0] = -1
        arr[i, len(nodes) :, 2] = pad
        arr[i, len(nodes) :, 3] = pad
    return TreeEnsemble(
        feature=arr[:, :, 0].astype(np.intp),
        threshold=arr[:, :, 1],
        left=arr[:, :, 2].astype(np.intp),
        right=arr[:, :, 3].astype(np.intp),
        value=arr[:, :, 4],
        n_outputs=int(dump.get("num_tree_per_iteration", 1)),
        depth=depth,
    )
