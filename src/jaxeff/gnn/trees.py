"""Data-only random forests for the nn-Meter kernel predictors (issue 22, session 16).

nn-Meter (Zhang et al., "nn-Meter: Towards Accurate Latency Prediction of
Deep-Learning Model Inference on Diverse Edge Devices", MobiSys 2021) predicts each
kernel's latency with a random forest per kernel type; :class:`jaxeff.gnn.baselines.
NNMeter` fits them with scikit-learn. :class:`TreeEnsemble` is the same fitted
``RandomForestRegressor`` as plain arrays (child indices, split feature, threshold,
node value; per-tree node offsets), so a forest can be stored in the data-only
``.npz`` + JSON files of :mod:`jaxeff.gnn.store` (no pickle) and evaluated without
scikit-learn.

Bit-identical to ``RandomForestRegressor.predict`` (scikit-learn 1.x,
``sklearn/tree/_tree.pyx`` ``_apply_dense`` and ``ensemble/_forest.py``):

* X is cast to float32 and a sample goes left at a node iff ``x[f] <= threshold``,
  the float32 value compared with the float64 threshold (NaN: the node's
  ``missing_go_to_left``). We store ``threshold32`` = the largest float32 <= the
  float64 threshold; for any float32 ``x``, ``x <= t`` iff ``x <= threshold32``
  (if ``x <= t`` then ``x`` is a float32 <= ``t``, hence <= the largest one; the
  converse because ``threshold32 <= t``), so the float32 comparison is exact.
* the forest's output is ``(((0 + v_0) + v_1) + ... + v_{T-1}) / T`` in float64,
  trees in fitting order (sklearn accumulates with ``+=`` one tree at a time).

:meth:`TreeEnsemble.predict` walks all trees and samples together, one step down per
iteration (a loop over depth, not over trees); children always point forward (a
larger node index), which :meth:`TreeEnsemble.from_arrays` checks, so the walk ends.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

# name -> dtype of the stored arrays (one entry per node, except "offsets")
ARRAYS = {
    "offsets": np.int64,  # [T + 1] first node of each tree; offsets[-1] = N
    "left": np.int32,  # [N] left child, tree-local index; -1 at leaves
    "right": np.int32,  # [N] right child, tree-local index; -1 at leaves
    "feature": np.int32,  # [N] split feature (ignored at leaves)
    "threshold": np.float32,  # [N] largest float32 <= sklearn's float64 threshold
    "value": np.float64,  # [N] the prediction at leaves (0 at split nodes: never read)
    "missing_left": np.uint8,  # [N] 1: NaN goes left
}


def float32_floor(t: np.ndarray) -> np.ndarray:
    """The largest float32 <= each float64 in ``t`` (finite inputs)."""
    t = np.asarray(t, np.float64)
    f = t.astype(np.float32)
    up = f.astype(np.float64) > t
    f[up] = np.nextafter(f[up], np.float32(-np.inf))
    return f


@dataclasses.dataclass(eq=False)
class TreeEnsemble:
    """A fitted regression forest as arrays (see :data:`ARRAYS`); ``n_features``
    input columns. Build with :meth:`from_sklearn` or :meth:`from_arrays`."""

    arrays: dict[str, np.ndarray]
    n_features: int

    def __post_init__(self) -> None:
        a = self.arrays
        off = a["offsets"]
        start = np.repeat(off[:-1], np.diff(off))  # each node's tree offset
        self._leaf = a["left"] < 0
        # global children, interleaved: kids[2 i] = left, kids[2 i + 1] = right
        kids = np.stack([a["left"], a["right"]], 1).astype(np.int64) + start[:, None]
        self._kids = np.where(self._leaf[:, None], -1, kids).ravel()
        self._feature = np.where(self._leaf, 0, a["feature"]).astype(np.int64)
        self._nan_right = ~a["missing_left"].astype(bool)

    @property
    def n_trees(self) -> int:
        return len(self.arrays["offsets"]) - 1

    @staticmethod
    def from_sklearn(rf: Any) -> TreeEnsemble:
        """Arrays of a fitted single-output ``RandomForestRegressor`` (or any object
        with ``estimators_`` of fitted trees and ``n_features_in_``)."""
        parts: dict[str, list] = {k: [] for k in ARRAYS if k != "offsets"}
        sizes = []
        for est in rf.estimators_:
            tr = est.tree_
            if tr.n_outputs != 1:
                raise ValueError(f"only single-output forests, got {tr.n_outputs}")
            leaf = tr.children_left < 0
            parts["left"].append(tr.children_left)
            parts["right"].append(tr.children_right)
            parts["feature"].append(np.where(leaf, -1, tr.feature))
            parts["threshold"].append(
                np.where(leaf, 0.0, float32_floor(np.where(leaf, 0.0, tr.threshold))))
            parts["value"].append(np.where(leaf, tr.value[:, 0, 0], 0.0))
            mgl = getattr(tr, "missing_go_to_left", None)
            parts["missing_left"].append(np.zeros(tr.node_count) if mgl is None
                                         else np.asarray(mgl))
            sizes.append(tr.node_count)
        arrays = {k: np.concatenate(v).astype(ARRAYS[k]) for k, v in parts.items()}
        arrays["offsets"] = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        return TreeEnsemble(arrays, int(rf.n_features_in_))

    @staticmethod
    def from_arrays(arrays: dict[str, np.ndarray], n_features: int) -> TreeEnsemble:
        """Validate untrusted arrays (e.g. from a file) and build the ensemble; raises
        ``ValueError`` naming the problem: missing / extra arrays, wrong dtype or
        shape, child indices out of range or not pointing forward (a cycle), a
        feature index out of range, non-finite thresholds or values."""
        if set(arrays) != set(ARRAYS):
            raise ValueError(f"forest arrays {sorted(set(arrays) ^ set(ARRAYS))} "
                             "missing or unexpected")
        if (isinstance(n_features, bool) or not isinstance(n_features, int)
                or n_features < 1):
            raise ValueError(f"n_features must be an int >= 1, got {n_features!r}")
        for k, dt in ARRAYS.items():
            v = arrays[k]
            if v.dtype != dt or v.ndim != 1:
                raise ValueError(f"forest array {k!r} must be 1-D {np.dtype(dt)}, got "
                                 f"{v.dtype}{list(v.shape)}")
        off = arrays["offsets"]
        n = len(arrays["left"])
        if any(len(arrays[k]) != n for k in ARRAYS if k != "offsets"):
            raise ValueError("forest node arrays differ in length")
        if len(off) < 2 or off[0] != 0 or off[-1] != n or not np.all(np.diff(off) > 0):
            raise ValueError(f"forest offsets must rise from 0 to {n} nodes (at least "
                             "one tree, one node per tree)")
        start = np.repeat(off[:-1], np.diff(off))
        size = np.repeat(np.diff(off), np.diff(off))
        local = np.arange(n) - start
        left, right = arrays["left"], arrays["right"]
        leaf = left == -1
        if not np.array_equal(leaf, right == -1):
            raise ValueError("forest node with exactly one child (left, right must "
                             "both be -1 at leaves)")
        for name, c in (("left", left), ("right", right)):
            bad = ~leaf & ((c <= local) | (c >= size))
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise ValueError(f"forest {name} child of node {i} is {int(c[i])}: "
                                 "must point forward inside its tree (no cycles)")
        f = arrays["feature"]
        if np.any(~leaf & ((f < 0) | (f >= n_features))):
            raise ValueError(f"forest feature index out of range [0, {n_features})")
        if not np.all(np.isfinite(arrays["threshold"][~leaf])):
            raise ValueError("forest thresholds must be finite")
        if not np.all(np.isfinite(arrays["value"])):
            raise ValueError("forest values must be finite")
        if np.any(arrays["missing_left"] > 1):
            raise ValueError("forest missing_left must be 0 or 1")
        return TreeEnsemble({k: np.array(v) for k, v in arrays.items()}, n_features)

    def apply(self, x: np.ndarray) -> np.ndarray:
        """Leaf (global node index) of every tree and sample: ``[T, S]`` int64 for
        ``x [S, n_features]`` (cast to float32, as scikit-learn does)."""
        x = np.asarray(x, np.float32)
        if x.ndim != 2 or x.shape[1] != self.n_features:
            raise ValueError(f"x must be [S, {self.n_features}], got {x.shape}")
        if np.isinf(x).any():
            raise ValueError("x has infinite values")
        s, f = x.shape
        xf = x.ravel()
        node = np.repeat(self.arrays["offsets"][:-1], s)
        base = np.tile(np.arange(s, dtype=np.int64) * f, self.n_trees)  # row starts
        thr, kids, leaf = self.arrays["threshold"], self._kids, self._leaf
        has_nan = bool(np.isnan(x).any())
        act = np.flatnonzero(~leaf[node])
        while act.size:  # one level per iteration; children point forward
            nd = node[act]
            v = xf[base[act] + self._feature[nd]]
            right = v > thr[nd]  # = not (v <= threshold) for non-NaN v
            if has_nan:
                right = np.where(np.isnan(v), self._nan_right[nd], right)
            nxt = kids[2 * nd + right]
            node[act] = nxt
            act = act[~leaf[nxt]]
        return node.reshape(self.n_trees, s)

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Forest prediction ``[S]`` float64, bit-identical to scikit-learn's."""
        vals = self.arrays["value"][self.apply(x)]
        acc = np.zeros(vals.shape[1], np.float64)
        for v in vals:  # tree order, as sklearn's += accumulation
            acc += v
        acc /= self.n_trees
        return acc
