"""LSTM / GRU networks whose gate matrices are dense, LMF, HMF, pruned or Kronecker.

"Rank and run-time aware compression of NLP Applications" (arXiv 2010.03193),
spec ``hmf_simd.md`` A2 "RNN use": ``W_x [G h, n]`` and ``W_h [G h, h]`` of every
cell (``G`` = 4 gates for LSTM, 3 for GRU) are compressed separately, each to
budget ``floor(m n / c)``; embeddings and the softmax stay dense. HMF's dense rows
belong to the same hidden units in every gate (``groups = G``, per-unit split,
spec A2); ``per_unit=False`` is the stacked-rows ablation (``groups = 1``).

The input projection ``W_x x_t`` is computed for all steps at once before the
time scan; the scan applies ``W_h h_{t-1}``. LSTM: ``i, f, g, o = split(W_x x +
W_h h + b)``, ``c' = s(f) c + s(i) tanh(g)``, ``h' = s(o) tanh(c')``. GRU
(PyTorch form): ``r, z = s(.)``, ``n = tanh(W_xn x + b_xn + r (W_hn h + b_hn))``,
``h' = (1 - z) n + z h``. Padded steps (``t >= length``) keep the carry.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import flax.linen as nn
import jax
import jax.numpy as jnp
from flax import traverse_util

from jaxeff.ops import lowrank as lr
from jaxeff.types import Variables

GATES = {"lstm": 4, "gru": 3}


@dataclasses.dataclass(frozen=True, kw_only=True)
class Compression:
    """How every gate matrix is compressed: ``kind`` at ``factor`` (spec A2/A3).

    ``dense_frac``: HMF budget share of the dense rows ([Choice] 0.5, spec A2);
    ``per_unit``: HMF dense rows per hidden unit across gates (spec default) or
    the first stacked rows.
    """

    kind: str = "dense"
    factor: float = 1.0
    dense_frac: float = 0.5
    per_unit: bool = True

    def __post_init__(self) -> None:
        if self.kind not in lr.KINDS:
            raise ValueError(f"unknown compression {self.kind!r}; choose from {lr.KINDS}")
        if not self.factor >= 1.0:
            raise ValueError(f"compression factor must be >= 1, got {self.factor}")

    def plan(self, m: int, n: int, gates: int) -> lr.Factorization:
        """The :class:`~jaxeff.ops.lowrank.Factorization` of one ``[m, n]`` gate matrix."""
        return lr.plan(self.kind, m, n, self.factor, dense_frac=self.dense_frac,
                       groups=gates if self.per_unit else 1)


class CompressedDense(nn.Module):
    """``y = W x + b`` with ``W [features, n]`` of structure ``comp`` (spec A2).

    Parameters: ``factors`` (the pytree of :func:`jaxeff.ops.lowrank.init`) and
    ``bias``; pruning keeps its 0/1 ``mask`` in the ``"mask"`` collection.
    """

    features: int
    comp: Compression = Compression()
    gates: int = 1
    use_bias: bool = True

    @nn.compact
    def __call__(self, x: jax.Array) -> jax.Array:
        f = self.comp.plan(self.features, x.shape[-1], self.gates)
        factors = self.param("factors", lr.init, f)
        mask = None
        if f.kind == "prune":
            mask = self.variable("mask", "mask", jnp.ones, (f.m, f.n)).value
        y = lr.apply(factors, x, f, mask)
        if self.use_bias:
            y = y + self.param("bias", nn.initializers.zeros, (self.features,))
        return y


def cell_update(cell: str, carry: tuple[jax.Array, ...], gx: jax.Array,
                gh: jax.Array) -> tuple[jax.Array, ...]:
    """New carry from pre-activations ``gx = W_x x + b_x``, ``gh = W_h h (+ b_h)``.

    ``carry`` is ``(c, h)`` for LSTM and ``(h,)`` for GRU, ``[B, h]`` each; the gate
    order is ``i, f, g, o`` (LSTM) and ``r, z, n`` (GRU), see the module docstring.
    """
    if cell == "lstm":
        i, f, g, o = jnp.split(gx + gh, 4, -1)
        c = nn.sigmoid(f) * carry[0] + nn.sigmoid(i) * jnp.tanh(g)
        return c, nn.sigmoid(o) * jnp.tanh(c)
    xr, xz, xn = jnp.split(gx, 3, -1)
    hr, hz, hn = jnp.split(gh, 3, -1)
    r, z = nn.sigmoid(xr + hr), nn.sigmoid(xz + hz)
    n = jnp.tanh(xn + r * hn)
    return ((1.0 - z) * n + z * carry[0],)


class _Cell(nn.Module):
    cell: str
    hidden: int
    comp: Compression

    @nn.compact
    def __call__(self, carry, inp):
        gx, keep = inp
        g = GATES[self.cell]
        gh = CompressedDense(g * self.hidden, self.comp, g, self.cell == "gru",
                             name="wh")(carry[-1])
        new = cell_update(self.cell, carry, gx, gh)
        new = tuple(jnp.where(keep[:, None], a, b) for a, b in zip(new, carry))
        return new, new[-1]


class Recurrent(nn.Module):
    """One LSTM/GRU layer over ``xs [B, T, n]`` -> ``(hs [B, T, h], carry)``.

    ``lengths [B]`` marks padding (steps ``t >= length`` keep the carry);
    ``carry`` continues a previous call (``T = 1`` is one inference step).
    """

    cell: str = "lstm"
    hidden: int = 128
    comp: Compression = Compression()
    reverse: bool = False

    @nn.compact
    def __call__(self, xs: jax.Array, lengths: jax.Array | None = None,
                 carry: tuple[jax.Array, ...] | None = None):
        if self.cell not in GATES:
            raise ValueError(f"unknown cell {self.cell!r}; choose from {tuple(GATES)}")
        b, t = xs.shape[:2]
        g = GATES[self.cell]
        gx = CompressedDense(g * self.hidden, self.comp, g, name="wx")(xs)
        if carry is None:
            carry = tuple(jnp.zeros((b, self.hidden), xs.dtype)
                          for _ in range(2 if self.cell == "lstm" else 1))
        steps = jnp.arange(t)[None, :]
        keep = (steps < lengths[:, None]) if lengths is not None else jnp.ones((b, t), bool)
        scan = nn.scan(_Cell, variable_broadcast=("params", "mask"),
                       split_rngs={"params": False}, in_axes=1, out_axes=1,
                       reverse=self.reverse)
        carry, hs = scan(self.cell, self.hidden, self.comp, name="scan")(carry, (gx, keep))
        return hs, carry


class LanguageModel(nn.Module):
    """Embedding -> ``layers`` x LSTM/GRU -> dense softmax head (not compressed).

    ``tokens [B, T]`` int32 -> ``(logits [B, T, vocab], {"carry": [...]})``.
    """

    vocab: int
    embed: int = 64
    hidden: int = 256
    layers: int = 1
    cell: str = "lstm"
    comp: Compression = Compression()

    @nn.compact
    def __call__(self, tokens: jax.Array, carry: list | None = None):
        x = nn.Embed(self.vocab, self.embed, name="embed")(tokens)
        carries = []
        for i in range(self.layers):
            x, c = Recurrent(self.cell, self.hidden, self.comp, name=f"rnn_{i}")(
                x, carry=None if carry is None else carry[i])
            carries.append(c)
        return nn.Dense(self.vocab, name="head")(x), {"carry": carries}


class IntentClassifier(nn.Module):
    """Embedding -> (Bi)LSTM/GRU -> last states -> dense intent head.

    ``tokens [B, L]`` int32 (0-padded), ``lengths [B]`` -> ``(logits [B, C], {})``.
    """

    vocab: int
    num_classes: int
    embed: int = 64
    hidden: int = 128
    cell: str = "lstm"
    bidirectional: bool = True
    comp: Compression = Compression()

    @nn.compact
    def __call__(self, tokens: jax.Array, lengths: jax.Array):
        x = nn.Embed(self.vocab, self.embed, name="embed")(tokens)
        _, c = Recurrent(self.cell, self.hidden, self.comp, name="fwd")(x, lengths)
        feats = [c[-1]]
        if self.bidirectional:
            _, c = Recurrent(self.cell, self.hidden, self.comp, reverse=True,
                             name="bwd")(x, lengths)
            feats.append(c[-1])
        return nn.Dense(self.num_classes, name="head")(jnp.concatenate(feats, -1)), {}


# ------------------------------------------------------------ variables helpers


def gate_matrices(params: Any) -> dict[tuple[str, ...], Any]:
    """Module path -> ``factors`` dict of every :class:`CompressedDense`."""
    flat = traverse_util.flatten_dict(params)
    out: dict[tuple[str, ...], Any] = {}
    for path in flat:
        if "factors" in path:
            i = path.index("factors")
            out.setdefault(path[:i], {})[path[-1]] = flat[path]
    return out


def update_masks(variables: Variables, sparsity: float | jax.Array) -> Variables:
    """New ``"mask"`` collection: magnitude masks of the masked weights at ``sparsity``.

    Uses ``|W * mask|`` so pruned weights stay pruned (monotone masks; Zhu &
    Gupta, arXiv 1710.01878, as in spec A3).
    """
    masks = traverse_util.flatten_dict(variables.get("mask", {}))
    params = traverse_util.flatten_dict(variables["params"])
    new = {p: lr.magnitude_mask(params[(*p[:-1], "factors", "w")] * m, sparsity)
           for p, m in masks.items()}
    return {**variables, "mask": traverse_util.unflatten_dict(new)}


def compress_variables(dense: Variables, target: Variables,
                       comp: Compression, gates: int) -> Variables:
    """Initialise ``target`` (a compressed model's variables) from a trained dense model.

    Every gate matrix goes through :func:`jaxeff.ops.lowrank.from_dense` (truncated
    SVD for LMF/HMF, nearest Kronecker product, magnitude mask); embeddings, heads
    and biases are copied (spec A2 alternative initialisation, then fine-tune).
    """
    dflat = traverse_util.flatten_dict(dense["params"])
    tflat = traverse_util.flatten_dict(target["params"])
    out, masks = dict(tflat), {}
    for path, factors in gate_matrices(target["params"]).items():
        w = dflat[(*path, "factors", "w")]
        f = comp.plan(w.shape[0], w.shape[1], gates)
        new, mask = lr.from_dense(w, f)
        for k, v in new.items():
            out[(*path, "factors", k)] = v
        if mask is not None:
            masks[(*path, "mask")] = mask
    for path, v in dflat.items():
        if "factors" not in path:
            if tflat[path].shape != v.shape:
                raise ValueError(f"{'/'.join(path)}: dense {v.shape} vs "
                                 f"target {tflat[path].shape}")
            out[path] = v
    res = {**target, "params": traverse_util.unflatten_dict(out)}
    if masks:
        res["mask"] = traverse_util.unflatten_dict(masks)
    return res


def rnn_cost(variables: Variables, comp: Compression, gates: int) -> dict[str, int]:
    """Gate-matrix weights, CSR index entries and batch-1 MACs per step, all layers.

    Counts from the structures (spec A2 formulas); biases, embeddings and heads
    are excluded here; ``total_params`` is the whole model with pruned matrices
    counted at their non-zeros (no index).
    """
    cost = {"weights": 0, "index": 0, "macs": 0, "dense_weights": 0}
    stored = 0
    for factors in gate_matrices(variables["params"]).values():
        m, n = _dense_shape(factors)
        f = comp.plan(m, n, gates)
        cost["weights"] += f.params
        cost["index"] += f.index_cost
        cost["macs"] += f.macs
        cost["dense_weights"] += m * n
        stored += sum(v.size for v in factors.values())
    everything = sum(x.size for x in jax.tree.leaves(variables["params"]))
    cost["total_params"] = int(everything - stored + cost["weights"])
    return cost


def _dense_shape(factors: dict[str, Any]) -> tuple[int, int]:
    if "w" in factors:
        return factors["w"].shape
    if "a" in factors:
        return (factors["a"].shape[0] * factors["b"].shape[0],
                factors["a"].shape[1] * factors["b"].shape[1])
    rows = factors["u"].shape[0] + (factors["d"].shape[0] if "d" in factors else 0)
    return rows, factors["v"].shape[1]
