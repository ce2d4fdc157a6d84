"""Evol-Q's block fitness: a pure function of device arrays.

"Jumping through Local Minima: Quantization in the Loss Landscape of Vision
Transformers" (Frumkin, Gope, Marculescu; ICCV 2023; arXiv 2308.10814), spec
``evolq.md`` §2 "Fitness", after the official code ``enyac-group/evol-q``
(``utils.py`` ``contrastive_loss``).

For block ``b`` with searched scales ``s`` (the ``"quant"`` leaves of that block),

    F(s) = (1 / n_batches) * sum_i L(z^q_i(s), z^f_i),

the mean over the fixed calibration batches of a loss between the quantized model's
outputs ``z^q`` and the float targets ``z^f`` (quantizers off). The default ``L`` is
infoNCE (:func:`jaxeff.ops.losses.info_nce`):
``L = 2T (1/N) sum_n -log(exp(q_n.k_n/T) / sum_m exp(q_n.k_m/T))`` with ``q``, ``k``
the L2-normalized quantized and float logits; MSE, cosine and KL are the ablations.

A :class:`BlockAdapter` cuts the model at block ``b``: the prefix ``h_b`` (which does
not depend on the searched scales) is computed once per block visit, and each
candidate runs only the suffix (:class:`ViTBlocks`), or the full forward
(:class:`FullForward`, any model). :func:`block_loss` is the undecorated pure
function (``[P]`` candidates -> ``F [P]``, one ``jax.vmap`` over candidates and a
``lax.map`` over batches); :func:`make_fitness` binds it to one block and returns a
closure that stays on the device (no host round-trip), so it can be called inside
``lax.scan`` / ``lax.fori_loop`` (:func:`jaxeff.search.strategy.evolve`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
from flax.traverse_util import flatten_dict, unflatten_dict
from jax import lax
from jax.flatten_util import ravel_pytree
from jax.sharding import Mesh

from jaxeff.ops.losses import LOSSES, info_nce
from jaxeff.parallel import leading_axis, pad_leading, replicate, shard_leading
from jaxeff.ptq import float_model
from jaxeff.types import QParams, Variables

__all__ = [
    "BlockAdapter",
    "BlockLoss",
    "FullForward",
    "ViTBlocks",
    "as_loss",
    "block_leaves",
    "block_loss",
    "float_adapter",
    "jit_block_loss",
    "jit_logits_all",
    "jit_prefix_all",
    "logits_all",
    "make_fitness",
    "prefix_all",
    "stack_batches",
    "vector_fitness",
]


# ----------------------------------------------------------------------------- adapters


@runtime_checkable
class BlockAdapter(Protocol):
    """How the search cuts a model at block ``b`` (must be hashable: jit static).

    ``suffix(v, prefix(v, x, b), b)`` must equal the model's logits for any ``b``;
    ``prefix`` may only depend on quantizers before block ``b``.
    """

    num_blocks: int

    def prefix(self, variables: Variables, x: jax.Array, b: int) -> jax.Array: ...

    def suffix(self, variables: Variables, h: jax.Array, b: int) -> jax.Array: ...


def _vit_prefix(module: nn.Module, x: jax.Array, b: int) -> jax.Array:
    return module.run_blocks(module.embed(x), 0, b)[0]


def _vit_suffix(module: nn.Module, h: jax.Array, b: int) -> jax.Array:
    return module.head_fn(module.run_blocks(h, b, None)[0])


@dataclasses.dataclass(frozen=True)
class ViTBlocks:
    """ViT adapter: ``prefix`` = embed + ``blocks[:b]`` (``[B, T, D]``), ``suffix`` =
    ``blocks[b:]`` + head (logits ``[B, classes]``)."""

    model: nn.Module

    @property
    def num_blocks(self) -> int:
        return int(self.model.depth)

    def prefix(self, variables: Variables, x: jax.Array, b: int) -> jax.Array:
        return self.model.apply(variables, x, b, method=_vit_prefix)

    def suffix(self, variables: Variables, h: jax.Array, b: int) -> jax.Array:
        return self.model.apply(variables, h, b, method=_vit_suffix)


@dataclasses.dataclass(frozen=True)
class FullForward:
    """Any model: ``prefix`` is the identity, ``suffix`` the full forward (its first
    output if the model returns ``(logits, aux)``)."""

    model: nn.Module
    num_blocks: int

    def prefix(self, variables: Variables, x: jax.Array, b: int) -> jax.Array:
        del variables, b
        return x

    def suffix(self, variables: Variables, h: jax.Array, b: int) -> jax.Array:
        del b
        out = self.model.apply(variables, h)
        return out[0] if isinstance(out, tuple) else out


def float_adapter(adapter: BlockAdapter) -> BlockAdapter:
    """The adapter with its model's quantizers explicitly off (the float targets
    ``z^f``, spec §2 step 1), via :func:`jaxeff.ptq.float_model`."""
    model = getattr(adapter, "model", None)
    if not (dataclasses.is_dataclass(adapter) and model is not None):
        raise TypeError(
            f"cannot derive a float adapter from {type(adapter).__name__}: pass "
            "float_adapter= (the same cut of the float model) to run_search")
    return dataclasses.replace(adapter, model=float_model(model))


# ----------------------------------------------------------------------------- losses


@dataclasses.dataclass(frozen=True)
class BlockLoss:
    """Hashable loss by name (so compiled fitness functions are shared):
    ``(zq [N, C], zf [N, C]) -> []``; ``temperature`` is infoNCE's ``T``."""

    name: str
    temperature: float = 3.0

    def __call__(self, zq: jax.Array, zf: jax.Array) -> jax.Array:
        if self.name == "infonce":
            return info_nce(zq, zf, self.temperature)
        return LOSSES[self.name](zq, zf)


def as_loss(loss: str | Callable, temperature: float = 3.0) -> Callable:
    """A callable loss: ``loss`` itself, or :class:`BlockLoss` for a name of
    :data:`jaxeff.ops.losses.LOSSES`."""
    if callable(loss):
        return loss
    if loss not in LOSSES:
        raise ValueError(f"unknown loss {loss!r}; choose from {list(LOSSES)}")
    return BlockLoss(loss, float(temperature))


# ----------------------------------------------------------------------------- inputs


def block_leaves(quant: QParams, pattern: str, num_blocks: int) -> list[list[str]]:
    """Searched ``"quant"`` paths per block; raises if a block matches none."""
    paths = sorted(flatten_dict(quant, sep="/"))
    out = []
    for b in range(num_blocks):
        rx = pattern.replace("{b}", str(b))
        hit = [p for p in paths if re.fullmatch(rx, p)]
        if not hit:
            raise ValueError(f"leaves regex {rx!r} (from {pattern!r}) matches no "
                             f"'quant' leaf of block {b}; leaves: {paths[:12]}...")
        out.append(hit)
    return out


def stack_batches(x: Any, name: str) -> jax.Array:
    """``x`` (``[n_batches, N, ...]`` floats or a list of equal ``[N, ...]`` batches)
    as one array; ``ValueError`` / ``TypeError`` naming ``name`` otherwise."""
    try:
        arr = (jnp.stack([jnp.asarray(a) for a in x]) if isinstance(x, (list, tuple))
               else jnp.asarray(x))
    except (ValueError, TypeError) as e:
        raise ValueError(f"{name} must be [n_batches, N, ...] (or a list of equal "
                         f"[N, ...] batches): {e}") from None
    if arr.ndim < 2 or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty [n_batches, N, ...] array, got "
                         f"shape {arr.shape}")
    if not jnp.issubdtype(arr.dtype, jnp.floating):
        raise TypeError(f"{name} must be floating, got dtype {arr.dtype}")
    return arr


# ----------------------------------------------------------------------------- fitness


def prefix_all(variables: Variables, xs: jax.Array, *, adapter: BlockAdapter,
               block: int) -> jax.Array:
    """``h_b`` of every batch: ``xs [n_batches, N, ...]`` -> ``[n_batches, ...]``."""
    return lax.map(lambda x: adapter.prefix(variables, x, block), xs)


def logits_all(variables: Variables, xs: jax.Array, *,
               adapter: BlockAdapter) -> jax.Array:
    """The model's logits for every batch: ``[n_batches, N, ...]`` -> ``[n_batches,
    N, classes]`` (the float targets when ``adapter`` runs the float model)."""
    return lax.map(lambda x: adapter.suffix(variables, adapter.prefix(variables, x, 0),
                                            0), xs)


def block_loss(pop: dict[str, jax.Array], variables: Variables, hs: jax.Array,
               targets: jax.Array, *, adapter: BlockAdapter, block: int,
               loss: Callable, chunk: int | None = None) -> jax.Array:
    """``F`` of every candidate (spec §2): pure, undecorated (jit it at the call site).

    Args:
      pop: ``{"a/b/w_scale": [P, ...]}``, the searched ``"quant"`` leaves; the other
        leaves stay as in ``variables["quant"]``.
      variables: quantized variables (``"params"``, ``"quant"``, ...).
      hs: the prefixes ``h_b`` of the batches, ``[n_batches, N, ...]``.
      targets: float targets ``[n_batches, N, classes]``.
      adapter, block, loss: the cut, ``b`` and ``L`` (static).
      chunk: ``None`` (default) evaluates the whole population as one ``vmap``;
        an int evaluates it ``chunk`` candidates at a time (``lax.map`` with
        ``batch_size=chunk``: memory bounded by the chunk; same candidates, same
        per-candidate program up to float summation order).

    Returns:
      ``[P]`` float32 mean loss over the batches; nan -> inf (never selected).
    """
    base = flatten_dict(variables["quant"], sep="/")

    def one(cand):
        v = {**variables, "quant": unflatten_dict({**base, **cand}, sep="/")}

        def per_batch(ht):
            return loss(adapter.suffix(v, ht[0], block), ht[1])

        return jnp.mean(lax.map(per_batch, (hs, targets)))

    f = jax.vmap(one)(pop) if chunk is None else lax.map(one, pop, batch_size=chunk)
    return jnp.where(jnp.isnan(f), jnp.inf, f)


#: the jitted forms (static: the adapter, the block and the loss; they are hashable)
jit_prefix_all = jax.jit(prefix_all, static_argnames=("adapter", "block"))
jit_logits_all = jax.jit(logits_all, static_argnames=("adapter",))
jit_block_loss = jax.jit(block_loss, static_argnames=("adapter", "block", "loss", "chunk"))


def make_fitness(
    adapter: BlockAdapter,
    variables: Variables,
    batches: jax.Array,
    targets: jax.Array,
    block: int,
    loss: str | Callable = "infonce",
    *,
    temperature: float = 3.0,
    mesh: Mesh | None = None,
    chunk: int | None = None,
) -> Callable[[dict[str, jax.Array]], jax.Array]:
    """Population fitness of block ``block`` (spec §2 ``F(s)``).

    The prefix ``h_b`` of every batch is computed once here with the current
    ``variables["quant"]``; each call then runs only the suffix for every candidate
    (:func:`block_loss`, compiled once per adapter / block / loss / shapes, shared
    across calls and block visits).

    Args:
      adapter: a :class:`BlockAdapter`.
      variables: quantized variables (``"params"``, ``"quant"``, ...).
      batches: ``[n_batches, N, ...]`` calibration inputs.
      targets: ``[n_batches, N, classes]`` float targets.
      block: block index ``b``.
      loss: a name in ``LOSSES`` or a callable ``(zq [N,C], zf [N,C]) -> scalar``.
      temperature: infoNCE ``T`` when ``loss`` is a name.
      mesh: optional mesh (:func:`jaxeff.parallel.make_mesh`): 1-D, or with a
        ``"pop"`` axis; the population is padded to a multiple of that axis's size
        (:func:`jaxeff.parallel.pad_leading`), split over it, and the padding
        dropped from the result; variables and batches are replicated.
      chunk: candidates evaluated at once (:func:`block_loss`); ``None`` = all.

    Returns:
      ``fitness(pop) -> [P]`` float32 device array (lower is better; nan -> inf)
      where ``pop`` maps the searched ``"quant"`` paths (``"a/b/w_scale"``) to
      ``[P, ...]`` arrays. Traceable: usable inside ``jit`` / ``lax.scan``.
    """
    loss_fn = as_loss(loss, temperature)
    batches, targets = jnp.asarray(batches), jnp.asarray(targets)
    if batches.ndim < 2 or targets.shape[:2] != batches.shape[:2]:
        raise ValueError(
            f"batches [n_batches, N, ...] and targets [n_batches, N, C] disagree: "
            f"{batches.shape} vs {targets.shape}"
        )
    variables = {k: v for k, v in variables.items() if k != "quant_stats"}
    if "quant" not in variables:
        raise ValueError("make_fitness needs quantized variables ('quant')")
    nb = adapter.num_blocks
    if isinstance(block, bool) or not isinstance(block, (int, np.integer)) or not (
            0 <= block < nb):
        raise ValueError(f"block must be an int in [0, {nb}), got {block!r}")
    known = {p: tuple(jnp.shape(a)) for p, a in
             flatten_dict(variables["quant"], sep="/").items()}
    if chunk is not None and (isinstance(chunk, bool) or not isinstance(
            chunk, (int, np.integer)) or chunk < 1):
        raise ValueError(f"chunk must be None or an int >= 1, got {chunk!r}")
    hs = jit_prefix_all(variables, batches, adapter=adapter, block=block)
    axis = None
    if mesh is not None:  # candidates split over the mesh, the rest on every device
        axis = leading_axis(mesh, prefer="pop")
        variables, hs, targets = replicate((variables, hs, targets), mesh)

    def fitness(pop: dict[str, jax.Array]) -> jax.Array:
        sizes = {int(jnp.shape(a)[0]) for a in jax.tree.leaves(pop)}
        if len(sizes) != 1:
            raise ValueError(f"population leaves disagree on the leading axis: {sizes}")
        bad = sorted(k for k, a in pop.items() if known.get(k) != tuple(jnp.shape(a)[1:]))
        if bad:  # a misspelt path would be ignored by Flax: F constant, no search
            raise ValueError(f"population paths {bad} are not 'quant' leaves of these "
                             f"shapes; known: {sorted(known)[:8]}...")
        p = sizes.pop()
        if axis is not None:
            pop, _ = pad_leading(pop, mesh.shape[axis])
            pop = shard_leading(pop, mesh, axis=axis)
        f = jit_block_loss(pop, variables, hs, targets, adapter=adapter, block=block,
                           loss=loss_fn, chunk=None if chunk is None else int(chunk))
        return f if f.shape[0] == p else f[:p]

    return fitness


def vector_fitness(fitness: Callable[[dict[str, jax.Array]], jax.Array],
                   s0: dict[str, jax.Array]
                   ) -> tuple[Callable[[jax.Array], jax.Array], jax.Array, Callable]:
    """The fitness over flat vectors, as the strategies search it.

    Args:
      fitness: ``pop {path: [P, ...]} -> [P]`` (:func:`make_fitness`).
      s0: the block's current leaves ``{path: array}``.

    Returns:
      ``(f, s0_vec, unravel)``: ``f(x [P, d]) = fitness(unravel(|x|))`` (scales stay
      positive: the paper's ``child = |parent + u|``), ``s0_vec [d]`` the raveled
      ``s0`` and ``unravel`` its inverse.
    """
    s0_vec, unravel = ravel_pytree(s0)
    d = int(s0_vec.size)

    def f(x: jax.Array) -> jax.Array:
        if jnp.ndim(x) != 2 or jnp.shape(x)[1] != d:
            raise ValueError(f"candidates must have shape [P, {d}], got {jnp.shape(x)}")
        return fitness(jax.vmap(unravel)(jnp.abs(x)))

    return f, s0_vec, unravel
