"""Evol-Q / CPT-V: the block-wise runner of the scale search.

"Jumping through Local Minima: Quantization in the Loss Landscape of Vision
Transformers" (Frumkin, Gope, Marculescu; ICCV 2023; arXiv 2308.10814); its preprint
CPT-V (arXiv 2211.09643) is the same engine (``algo="cptv"`` aliases ``"evolq"``).
Split by role: :mod:`jaxeff.search.strategy` (the steady-state tournament and evosax
adapters, ``init/ask/tell``), :mod:`jaxeff.search.fitness` (``F(s)``, a pure function
of device arrays, and the model cuts) and this runner (spec ``evolq.md`` §2
"Algorithm"): ``P`` passes over the blocks last-first; per block visit ``s0``,
``F0 = F(s0)``, ``K`` copies of ``(F0, s0)``, ``C`` generations, the lowest-``F``
member written back (elitist: ``F`` never increases). The mutation step is explicit
(:attr:`EvolQConfig.eps`); :func:`eps_for_bits` is the official code's rule. An
evosax ``algo`` (``"SNES"``, ``"CMA_ES"``, ...) is a different algorithm: label it so.

Selection never touches the test set: after every pass the held-out loss of the
current state is computed on a separate split and the lowest (the un-searched
baseline, "pass 0", included) is returned (``select="heldout"``), or the last state
(``select="final"``). The state is checkpointed after every block visit
(``workdir/evolq_state.msgpack``) and a rerun resumes from it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Callable, Sequence
from typing import Any

import flax.serialization
import jax
import jax.numpy as jnp
import numpy as np
from flax.traverse_util import flatten_dict, unflatten_dict
from jax.sharding import Mesh

from jaxeff.ops.losses import LOSSES
from jaxeff.search.baselines import BASELINE_ALGOS, search_block_baseline
from jaxeff.search.fitness import (
    BlockAdapter,
    BlockLoss,
    block_leaves,
    jit_logits_all,
    make_fitness,
    stack_batches,
    vector_fitness,
)
from jaxeff.search.fitness import float_adapter as _float_adapter
from jaxeff.search.strategy import EVOLQ_ALGOS, evosax_algorithms, search_block
from jaxeff.types import Key, QParams, Variables

__all__ = ["STATE_FILE", "EvolQConfig", "SearchResult", "eps_for_bits", "run_search"]

log = logging.getLogger(__name__)

STATE_FILE = "evolq_state.msgpack"
_EPS_BY_BITS = {3: 1e-3, 4: 1e-3, 8: 1e-4}  # official code (spec §2)
_SELECT = ("heldout", "final")


def eps_for_bits(w_bits: int) -> float:
    """The official code's mutation step for weights of ``w_bits`` bits (spec §2).

    ``eps = 1e-3`` at 3 and 4 bits, ``1e-4`` at 8 bits, absolute. Reason: min-max
    per-channel weight scales of ImageNet ViTs are about 1e-2 at uint4 and 1e-3 at
    uint8, so both steps move a scale by about 5-10% (the reversed mapping would
    move 8-bit scales by ~100%). It is a rule for the paper's models: for other
    scale magnitudes set :attr:`EvolQConfig.eps` (or ``eps_relative``) directly.

    Raises ``ValueError`` naming ``w_bits`` for any other bit-width.
    """
    if (isinstance(w_bits, bool) or not isinstance(w_bits, (int, np.integer))
            or w_bits not in _EPS_BY_BITS):
        raise ValueError(f"no official eps for w_bits={w_bits!r} (defined for "
                         f"{sorted(_EPS_BY_BITS)}); set EvolQConfig.eps directly")
    return _EPS_BY_BITS[w_bits]


@dataclasses.dataclass(frozen=True, kw_only=True)
class EvolQConfig:
    """Static settings of the search (hashable).

    Attributes:
      passes: ``P``, passes over all blocks (10 in the paper, 3 by default here).
      population: ``K`` (>= 2), steady-state population size.
      cycles: ``C``, tournament cycles (generations) per block visit.
      tournament: ``S``, members drawn (with replacement) per tournament.
      eps: mutation half-width, absolute (``u_j ~ U(-eps, eps)``); required by
        :func:`run_search`. :func:`eps_for_bits` is the paper's rule.
      eps_relative: if True, ``u_j ~ U(-eps s0_j, eps s0_j)`` (for evosax: initial
        std ``eps * mean|s0|``); spec §6 pitfall, not the paper.
      loss: fitness, a key of :data:`jaxeff.ops.losses.LOSSES`.
      temperature: infoNCE ``T``.
      algo: ``"evolq"`` / ``"cptv"`` (the paper), an evosax algorithm name, or a
        baseline of :mod:`jaxeff.search.baselines` (``"adam"``: STE gradient,
        ``lr = eps``, needs a model from ``lsq_model``; ``"random"``), both with
        ``cycles`` steps / samples per visit (the tournament's budget).
      evosax_popsize, evosax_generations: evosax population size and generations per
        block visit.
      children_per_cycle: children per tournament cycle, evaluated in one vmapped
        call (1 = paper).
      leaves: regex (``re.fullmatch`` on ``"a/b/w_scale"`` paths of the ``"quant"``
        collection) with ``{b}`` standing for the block index.
      select: ``"heldout"`` (best held-out loss after a pass) or ``"final"``.
    """

    passes: int = 3
    population: int = 15
    cycles: int = 3
    tournament: int = 10
    eps: float | None = None
    eps_relative: bool = False
    loss: str = "infonce"
    temperature: float = 3.0
    algo: str = "evolq"
    evosax_popsize: int = 16
    evosax_generations: int = 3
    children_per_cycle: int = 1
    leaves: str = r"blocks_{b}/attn/(qkv|proj)/w_scale"
    select: str = "heldout"

    def __post_init__(self) -> None:
        if self.loss not in LOSSES:
            raise ValueError(f"unknown loss {self.loss!r}; choose from {list(LOSSES)}")
        if (self.algo not in EVOLQ_ALGOS + BASELINE_ALGOS
                and self.algo not in evosax_algorithms()):
            raise ValueError(
                f"unknown algo {self.algo!r}; use one of {EVOLQ_ALGOS}, a baseline "
                f"{BASELINE_ALGOS} or an evosax algorithm name "
                f"({sorted(evosax_algorithms())})"
            )
        if self.select not in _SELECT:
            raise ValueError(f"unknown select {self.select!r}; choose from {_SELECT}")
        for name in ("passes", "population", "cycles", "tournament", "evosax_popsize",
                     "evosax_generations", "children_per_cycle"):
            v, low = getattr(self, name), 2 if name == "population" else 1
            if isinstance(v, bool) or not isinstance(v, int) or v < low:
                raise ValueError(f"{name} must be an int >= {low}, got {v!r}")
        if self.eps is not None and not (self.eps >= 0 and np.isfinite(self.eps)):
            raise ValueError(f"eps must be finite and >= 0, got {self.eps!r}")
        if not self.temperature > 0:
            raise ValueError(f"temperature must be > 0, got {self.temperature!r}")
        try:
            re.compile(self.leaves.replace("{b}", "0"))
        except re.error as e:
            raise ValueError(f"invalid leaves regex {self.leaves!r}: {e}") from e


# ----------------------------------------------------------------------------- block


def _plain(tree: Any) -> dict:
    """Nested plain dicts (FrozenDicts converted)."""
    flat = flatten_dict(tree)
    return unflatten_dict(flat) if flat else {}


def _without_quant(variables: Variables) -> Variables:
    return {k: v for k, v in variables.items() if k not in ("quant", "quant_stats")}


def _search_block(key: Key, fitness: Callable, s0: dict[str, jax.Array],
                  config: EvolQConfig, eps: float):
    """One block visit (:func:`jaxeff.search.strategy.search_block` on ``F`` of the
    raveled leaves ``s0``). Returns (best leaves, F0, F_best, evals, dims)."""
    f_vec, s0_vec, unravel = vector_fitness(fitness, s0)
    if config.algo in BASELINE_ALGOS:  # same 1 + C forward passes as the tournament
        best, f0, f_best, evals = search_block_baseline(
            key, f_vec, s0_vec, algo=config.algo, budget=config.cycles, eps=eps,
            eps_relative=config.eps_relative)
        return unravel(best), float(f0), float(f_best), evals, int(s0_vec.size)
    tournament = config.algo in EVOLQ_ALGOS
    best, f0, f_best, evals = search_block(
        key, f_vec, s0_vec, algo="evolq" if tournament else config.algo,
        population=config.population if tournament else config.evosax_popsize,
        generations=config.cycles if tournament else config.evosax_generations,
        tournament_size=config.tournament, num_children=config.children_per_cycle,
        eps=eps, eps_relative=config.eps_relative)
    return unravel(best), float(f0), float(f_best), evals, int(s0_vec.size)


# ----------------------------------------------------------------------------- driver


@dataclasses.dataclass
class SearchResult:
    """Outcome of :func:`run_search`.

    Attributes:
      quant: the selected ``"quant"`` collection (nested dicts).
      history: one dict per block visit: ``pass`` (1-based), ``block``,
        ``f_before``, ``f_after``, ``evals``, ``seconds``, ``dims``.
      evals: fitness evaluations (candidates) in total.
      seconds: search wall time (summed over resumed runs).
      selection: ``[{"pass": p, "loss": l}]`` held-out losses (pass 0 = baseline).
      best_pass: the pass whose state was returned (``passes`` for ``"final"``).
    """

    quant: QParams
    history: list[dict[str, Any]]
    evals: int
    seconds: float
    selection: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    best_pass: int = 0


def _fingerprint(config: EvolQConfig, adapter, key: Key, qvariables: Variables,
                 arrays: tuple) -> str:
    """What a saved state must match to resume: config, adapter and model types, and
    a sha256 of the key, the variables (initial scales included) and the inputs."""
    h = hashlib.sha256()
    for leaf in jax.tree_util.tree_leaves((_key_data(key)[0], qvariables, arrays)):
        a = np.asarray(leaf)
        h.update(f"{a.dtype}{a.shape}".encode() + a.tobytes())
    return json.dumps({**dataclasses.asdict(config), "num_blocks": adapter.num_blocks,
                       "adapter": type(adapter).__name__, "model": type(getattr(
                           adapter, "model", None)).__name__, "sha256": h.hexdigest()},
                      sort_keys=True)


def _save(path: str, state: dict[str, Any]) -> None:
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(flax.serialization.msgpack_serialize(state))
    os.replace(tmp, path)


def _key_data(key: Key) -> tuple[np.ndarray, bool]:
    typed = jnp.issubdtype(key.dtype, jax.dtypes.prng_key)
    return np.asarray(jax.random.key_data(key) if typed else key), bool(typed)


def _check_search_args(key, adapter, config, calib_x, selection_x) -> None:
    dt = getattr(key, "dtype", None)
    if dt is None or not (jnp.issubdtype(dt, jax.dtypes.prng_key) and np.ndim(key) == 0
                          or dt == np.uint32 and np.ndim(key) == 1):
        raise TypeError(f"key must be one PRNG key (jax.random.key or PRNGKey), got "
                        f"{type(key).__name__} {getattr(key, 'shape', '')} {dt or ''}")
    if not isinstance(adapter, BlockAdapter):
        raise TypeError(f"adapter must be a BlockAdapter (num_blocks, prefix, suffix), "
                        f"got {type(adapter).__name__}")
    nb = adapter.num_blocks
    if isinstance(nb, bool) or not isinstance(nb, (int, np.integer)) or nb < 1:
        raise ValueError(f"adapter.num_blocks must be a positive int, got {nb!r}")
    if not isinstance(config, EvolQConfig):
        raise TypeError(f"config must be an EvolQConfig, got {type(config).__name__}")
    if config.eps is None:
        raise ValueError("config.eps (the mutation step) is None: set it, e.g. "
                         "EvolQConfig(eps=eps_for_bits(w_bits)) for the paper's rule")
    ca = stack_batches(calib_x, "calib_x")
    if selection_x is not None:
        sa = stack_batches(selection_x, "selection_x")
        if ca.shape[2:] != sa.shape[2:]:
            raise ValueError(f"selection_x items {sa.shape[2:]} differ from calib_x "
                             f"items {ca.shape[2:]}")


def run_search(
    key: Key,
    adapter: BlockAdapter,
    qvariables: Variables,
    calib_x: jax.Array | Sequence[jax.Array],
    selection_x: jax.Array | Sequence[jax.Array] | None = None,
    config: EvolQConfig | None = None,
    workdir: str | os.PathLike | None = None,
    *,
    mesh: Mesh | None = None,
    on_block: Callable[[dict[str, Any]], None] | None = None,
    float_adapter: BlockAdapter | None = None,
) -> SearchResult:
    """Block-wise scale search (Evol-Q, arXiv 2308.10814; spec §2 "Algorithm").

    Args:
      key: PRNG key (typed or raw); split once per block visit.
      adapter: :class:`ViTBlocks` or :class:`FullForward` (any :class:`BlockAdapter`).
      qvariables: quantized variables with a calibrated ``"quant"`` collection.
      calib_x: calibration inputs ``[n_batches, N, ...]`` (or a list of ``[N, ...]``).
      selection_x: held-out selection inputs, same layout (never the test set);
        required for ``select="heldout"``.
      config: :class:`EvolQConfig` with ``eps`` set (for example
        ``EvolQConfig(eps=eps_for_bits(4))``: the paper's K/C/S, 3 passes).
      workdir: if given, the state is saved to ``workdir/evolq_state.msgpack`` after
        every block visit and a run resumes from it (same config required).
      mesh: optional mesh over which the population is split (1-D, e.g.
        :func:`jaxeff.parallel.make_mesh`, or with a ``"pop"`` axis).
      on_block: called after every block visit (and checkpoint) with the history
        record plus ``step`` / ``total``.
      float_adapter: the adapter that computes the float targets; default: the
        same adapter with ``jaxeff.ptq.float_model`` of its ``model`` (quantizers
        explicitly off).

    Targets are the float logits (quantizers off), computed once per split. Same
    key and inputs -> the same result.

    Raises ``TypeError`` / ``ValueError`` naming the argument: ``key``, ``adapter``,
    ``config`` (``config.eps`` unset), ``calib_x`` / ``selection_x`` (not
    ``[n_batches, N, ...]`` floats, empty, or shapes that differ), ``qvariables``.
    """
    config = config or EvolQConfig()
    _check_search_args(key, adapter, config, calib_x, selection_x)
    eps = float(config.eps)
    loss = BlockLoss(config.loss, float(config.temperature))
    quant0 = _plain(qvariables.get("quant", {}))
    if not quant0:
        raise ValueError("qvariables has no 'quant' collection to search")
    base = {k: v for k, v in qvariables.items() if k not in ("quant", "quant_stats")}
    nb = adapter.num_blocks
    leaves = block_leaves(quant0, config.leaves, nb)
    order = list(reversed(range(nb)))
    calib = stack_batches(calib_x, "calib_x")
    fadapter = float_adapter or _float_adapter(adapter)
    try:
        targets = jit_logits_all(_without_quant(qvariables), calib, adapter=fadapter)
    except (TypeError, ValueError, flax.errors.FlaxError) as e:
        raise ValueError(f"calib_x batches of shape {calib.shape[1:]} do not fit the "
                         f"model: {e}") from e

    heldout = config.select == "heldout"
    if heldout:
        if selection_x is None:
            raise ValueError("select='heldout' needs selection_x (a held-out split, "
                             "never the test set); or use select='final'")
        sel_x = stack_batches(selection_x, "selection_x")
        sel_t = jit_logits_all(_without_quant(qvariables), sel_x, adapter=fadapter)

    def heldout_loss(quant) -> float:
        # the fitness program of block 0 at the current state (P = 1): the same
        # compiled code as the search whenever the splits have equal shapes
        fit = make_fitness(adapter, {**base, "quant": quant}, sel_x, sel_t, 0, loss,
                           mesh=mesh)
        flat = flatten_dict(quant, sep="/")
        return float(fit({p: jnp.asarray(flat[p])[None] for p in leaves[0]})[0])

    flat0 = flatten_dict(quant0, sep="/")
    med = float(np.median(np.concatenate(
        [np.ravel(flat0[p]) for blk in leaves for p in blk])))
    log.info("Evol-Q: %s over %d blocks, %d values per block (last block), median "
             "searched scale %.3g, eps %.3g%s", config.algo, nb,
             sum(int(np.size(flat0[p])) for p in leaves[-1]), med, eps,
             " (relative)" if config.eps_relative else "")
    fp = _fingerprint(config, adapter, key, qvariables,
                      (calib, sel_x if heldout else None))
    path = None if workdir is None else os.path.join(os.fspath(workdir), STATE_FILE)
    if path is not None and os.path.exists(path):
        with open(path, "rb") as f:
            st = flax.serialization.msgpack_restore(f.read())
        if st["fingerprint"] != fp:
            raise ValueError(f"{path} was written by a different search (config, model, "
                             "scales, key or inputs); remove it or use another workdir")
        data = jnp.asarray(st["key"])
        key = jax.random.wrap_key_data(data) if st["typed_key"] else data
        quant, p_idx, pos = st["quant"], int(st["pass"]), int(st["pos"])
        history, selection = json.loads(st["history"]), json.loads(st["selection"])
        best_quant, best_loss = st["best_quant"], float(st["best_loss"])
        best_pass, evals, seconds = int(st["best_pass"]), int(st["evals"]), float(
            st["seconds"])
        log.info("resuming Evol-Q search from %s at pass %d, block position %d",
                 path, p_idx + 1, pos)
    else:
        if path is not None:
            os.makedirs(os.fspath(workdir), exist_ok=True)
        quant, p_idx, pos, history, selection = quant0, 0, 0, [], []
        evals, seconds, best_quant, best_loss, best_pass = 0, 0.0, {}, float("inf"), 0
        if heldout:
            best_loss, best_quant = heldout_loss(quant0), quant0
            selection.append({"pass": 0, "loss": best_loss})
    total = config.passes * nb
    while p_idx < config.passes:
        b = order[pos]
        t0 = time.perf_counter()
        key, kb = jax.random.split(key)
        fit = make_fitness(adapter, {**base, "quant": quant}, calib, targets, b, loss,
                           mesh=mesh)
        flat = flatten_dict(quant, sep="/")
        s0 = {p: jnp.asarray(flat[p]) for p in leaves[b]}
        best, f0, f1, n, d = _search_block(kb, fit, s0, config, eps)
        flat.update({p: np.asarray(v) for p, v in best.items()})
        quant = unflatten_dict(flat, sep="/")
        dt = time.perf_counter() - t0
        rec = {"pass": p_idx + 1, "block": b, "f_before": f0, "f_after": f1,
               "evals": n, "seconds": dt, "dims": d}
        history.append(rec)
        evals, seconds = evals + n, seconds + dt
        log.info("Evol-Q pass %d block %d: F %.6f -> %.6f (%d evals, %.1fs)",
                 p_idx + 1, b, f0, f1, n, dt)
        pos += 1
        if pos == len(order):
            p_idx, pos = p_idx + 1, 0
            if heldout:
                sl = heldout_loss(quant)
                selection.append({"pass": p_idx, "loss": sl})
                if sl < best_loss:
                    best_loss, best_quant, best_pass = sl, quant, p_idx
                log.info("Evol-Q pass %d: held-out loss %.6f (best: pass %d, %.6f)",
                         p_idx, sl, best_pass, best_loss)
        if path is not None:
            kd, typed = _key_data(key)
            _save(path, {"fingerprint": fp, "pass": p_idx, "pos": pos,
                         "quant": jax.device_get(quant), "key": kd, "typed_key": typed,
                         "history": json.dumps(history),
                         "selection": json.dumps(selection),
                         "best_quant": jax.device_get(best_quant),
                         "best_loss": best_loss, "best_pass": best_pass,
                         "evals": evals, "seconds": seconds})
        if on_block is not None:
            on_block({**rec, "step": len(history), "total": total})
    if heldout:
        out, chosen = best_quant, best_pass
    else:
        out, chosen = quant, config.passes
    out = jax.tree.map(jnp.asarray, _plain(out))
    return SearchResult(out, history, evals, seconds, selection, chosen)
