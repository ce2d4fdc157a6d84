"""Evol-Q / CPT-V: block-wise evolutionary search of quantization scales.

"Jumping through Local Minima: Quantization in the Loss Landscape of Vision
Transformers" (Frumkin, Gope, Marculescu; ICCV 2023; arXiv 2308.10814) and its
preprint "CPT-V: A Contrastive Approach to Post-Training Quantization of Vision
Transformers" (arXiv 2211.09643). CPT-V and Evol-Q are the same engine here
(``algo="cptv"`` is an alias of ``"evolq"``); Evol-Q adds the analysis, CNNs and LeViT.

Implemented (spec ``evolq.md`` §2, after the official code ``enyac-group/evol-q``):

* search space: per block ``beta`` the leaves of the ``"quant"`` collection matched by
  ``EvolQConfig.leaves`` (default the per-output-channel weight scales of ``qkv``
  [3D] and ``proj`` [D], 4D values per block), flattened into one vector ``s``;
* fitness ``F(s)`` = mean over the fixed calibration batches of the loss between the
  quantized outputs and the float targets ``z^f`` (quantizers off), infoNCE by
  default (:mod:`jaxeff.ops.losses`); evaluated for a whole population in ONE
  ``jax.vmap`` (:func:`make_fitness`), optionally sharded over a ``"pop"`` mesh axis;
* the steady-state tournament (spec §2 "Algorithm"): ``P`` passes over the blocks
  last-first; per block ``s0``, ``F0 = F(s0)``, population = ``K`` copies of
  ``(F0, s0)``; ``C`` cycles of: draw ``S`` members uniformly with replacement,
  parent = lowest ``F``, child = ``|parent + u|``, ``u_j ~ U(-eps, eps)``; append,
  sort by ``F`` (stable), drop the worst; write the best into the block (elitist:
  ``F`` never increases). ``eps = 1e-3`` at 3/4-bit, ``1e-4`` at 8-bit (absolute);
* alternatively any evosax algorithm (``algo="CMA_ES"``, ``"SNES"``, ...) on the same
  problem: mean initialised at ``s0``, initial std ``eps``, candidates ``|x|``, the
  best seen written only if ``F < F0``. This is a different algorithm; label it so.

Selection never touches the test set: after every pass the held-out loss of the
current state is computed on a separate selection split, and the state with the
lowest held-out loss (the un-searched baseline, "pass 0", included) is returned
(``select="heldout"``), or the last state (``select="final"``). The search state is
checkpointed after every block visit (``workdir/evolq_state.msgpack``) and resumed.

Block adapters (:class:`BlockAdapter`) let one engine run on any model: a ViT caches
the prefix ``h_b = embed + blocks[:b]`` once per block visit and each candidate runs
only ``blocks[b:] + head`` (:class:`ViTBlocks`); any other net (e.g. a ResNet, with
``leaves=r"blocks_{b}/(conv1|conv2|shortcut)/w_scale"``) runs the full forward per
candidate (:class:`FullForward`).
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import json
import logging
import os
import re
import time
from collections.abc import Callable, Sequence
from typing import Any, Protocol, runtime_checkable

import flax.linen as nn
import flax.serialization
import flax.struct
import jax
import jax.numpy as jnp
import numpy as np
import optax
from flax.traverse_util import flatten_dict, unflatten_dict
from jax import lax
from jax.flatten_util import ravel_pytree
from jax.sharding import Mesh, NamedSharding, PartitionSpec

from jaxeff.ops.losses import LOSSES, info_nce
from jaxeff.ptq import float_model
from jaxeff.types import Key, QParams, Variables

__all__ = [
    "EVOLQ_ALGOS",
    "STATE_FILE",
    "BlockAdapter",
    "EvolQConfig",
    "FullForward",
    "SearchResult",
    "SteadyStateTournament",
    "TournamentParams",
    "TournamentState",
    "ViTBlocks",
    "block_leaves",
    "make_fitness",
    "resolve_eps",
    "run_search",
]

log = logging.getLogger(__name__)

EVOLQ_ALGOS = ("evolq", "cptv")  # the paper's steady-state tournament
STATE_FILE = "evolq_state.msgpack"
_EPS_BY_BITS = {3: 1e-3, 4: 1e-3, 8: 1e-4}  # official code (spec §2)
_SELECT = ("heldout", "final")


def _evosax_registry() -> dict[str, Any]:
    from evosax.algorithms import algorithms  # name -> class

    return algorithms


# ----------------------------------------------------------------------------- config


@dataclasses.dataclass(frozen=True, kw_only=True)
class EvolQConfig:
    """Static settings of the search (hashable).

    Attributes:
      passes: ``P``, passes over all blocks (10 in the paper, 3 by default here).
      population: ``K``, steady-state population size.
      cycles: ``C``, tournament cycles per block visit.
      tournament: ``S``, members drawn (with replacement) per tournament.
      eps: mutation half-width; None -> by weight bits (1e-3 at 3/4-bit, 1e-4 at
        8-bit, from the ``w_bits`` given to :func:`run_search`).
      eps_relative: if True, ``u_j ~ U(-eps s0_j, eps s0_j)`` (for evosax: initial
        std ``eps * mean|s0|``); spec §6 pitfall, not the paper.
      loss: fitness, a key of :data:`jaxeff.ops.losses.LOSSES`.
      temperature: infoNCE ``T``.
      algo: ``"evolq"`` / ``"cptv"`` (the paper), or an evosax algorithm name.
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
        if self.algo not in EVOLQ_ALGOS and self.algo not in _evosax_registry():
            raise ValueError(
                f"unknown algo {self.algo!r}; use one of {EVOLQ_ALGOS} or an evosax "
                f"algorithm name ({sorted(_evosax_registry())})"
            )
        if self.select not in _SELECT:
            raise ValueError(f"unknown select {self.select!r}; choose from {_SELECT}")
        for name in ("passes", "population", "cycles", "tournament", "evosax_popsize",
                     "evosax_generations", "children_per_cycle"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int) or v < 1:
                raise ValueError(f"{name} must be a positive int, got {v!r}")
        if self.eps is not None and not self.eps >= 0:
            raise ValueError(f"eps must be >= 0, got {self.eps!r}")
        if not self.temperature > 0:
            raise ValueError(f"temperature must be > 0, got {self.temperature!r}")
        try:
            re.compile(self.leaves.replace("{b}", "0"))
        except re.error as e:
            raise ValueError(f"invalid leaves regex {self.leaves!r}: {e}") from e


def resolve_eps(config: EvolQConfig, w_bits: int | None) -> float:
    """``config.eps`` or the official code's bit-width default (spec §2)."""
    if config.eps is not None:
        return float(config.eps)
    if w_bits not in _EPS_BY_BITS:
        raise ValueError(
            f"no default eps for w_bits={w_bits!r} (defined for "
            f"{sorted(_EPS_BY_BITS)}); pass w_bits or set EvolQConfig.eps"
        )
    return _EPS_BY_BITS[w_bits]


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


# ----------------------------------------------------------------------------- fitness


@dataclasses.dataclass(frozen=True)
class _Loss:
    """Hashable loss by name (so compiled fitness functions are shared)."""

    name: str
    temperature: float = 3.0

    def __call__(self, zq: jax.Array, zf: jax.Array) -> jax.Array:
        if self.name == "infonce":
            return info_nce(zq, zf, self.temperature)
        return LOSSES[self.name](zq, zf)


def _as_loss(loss: str | Callable, temperature: float = 3.0) -> Callable:
    if callable(loss):
        return loss
    if loss not in LOSSES:
        raise ValueError(f"unknown loss {loss!r}; choose from {list(LOSSES)}")
    return _Loss(loss, float(temperature))


def _plain(tree: Any) -> dict:
    """Nested plain dicts (FrozenDicts converted)."""
    flat = flatten_dict(tree)
    return unflatten_dict(flat) if flat else {}


def _without_quant(variables: Variables) -> Variables:
    return {k: v for k, v in variables.items() if k not in ("quant", "quant_stats")}


def _float_adapter(adapter: BlockAdapter) -> BlockAdapter:
    """The adapter with its model's quantizers explicitly off (float targets)."""
    model = getattr(adapter, "model", None)
    if not (dataclasses.is_dataclass(adapter) and model is not None):
        raise TypeError(
            f"cannot derive a float adapter from {type(adapter).__name__}: pass "
            "float_adapter= (the same cut of the float model) to run_search")
    return dataclasses.replace(adapter, model=float_model(model))


@functools.partial(jax.jit, static_argnames=("adapter", "block"))
def _prefix_all(variables, xs, *, adapter, block):
    return lax.map(lambda x: adapter.prefix(variables, x, block), xs)


@functools.partial(jax.jit, static_argnames=("adapter",))
def _logits_all(variables, xs, *, adapter):
    return lax.map(lambda x: adapter.suffix(variables, adapter.prefix(variables, x, 0),
                                            0), xs)


@functools.partial(jax.jit, static_argnames=("adapter", "block", "loss"))
def _population_fitness(pop, variables, hs, targets, *, adapter, block, loss):
    """``pop``: {path: [P, ...]} -> mean loss over batches ``[P]`` (nan -> inf)."""
    base = flatten_dict(variables["quant"], sep="/")

    def one(cand):
        v = {**variables, "quant": unflatten_dict({**base, **cand}, sep="/")}

        def per_batch(ht):
            return loss(adapter.suffix(v, ht[0], block), ht[1])

        return jnp.mean(lax.map(per_batch, (hs, targets)))

    f = jax.vmap(one)(pop)
    return jnp.where(jnp.isnan(f), jnp.inf, f)


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
) -> Callable[[dict[str, jax.Array]], np.ndarray]:
    """Population fitness of block ``block`` (spec §2 ``F(s)``).

    The prefix ``h_b`` of every batch is computed once here with the current
    ``variables["quant"]``; each call then runs only the suffix for every candidate,
    in one ``jax.vmap`` over candidates and ``lax.map`` over batches (compiled once
    per adapter / block / loss / shapes, shared across calls and block visits).

    Args:
      adapter: a :class:`BlockAdapter`.
      variables: quantized variables (``"params"``, ``"quant"``, ...).
      batches: ``[n_batches, N, ...]`` calibration inputs.
      targets: ``[n_batches, N, classes]`` float targets.
      block: block index ``b``.
      loss: a name in ``LOSSES`` or a callable ``(zq [N,C], zf [N,C]) -> scalar``.
      temperature: infoNCE ``T`` when ``loss`` is a name.
      mesh: optional mesh with a ``"pop"`` axis; the population is padded to a
        multiple of its size and sharded over it (padding dropped from the result).

    Returns:
      ``fitness(pop) -> float32 [P]`` (numpy, lower is better; nan -> inf) where
      ``pop`` maps the searched ``"quant"`` paths (``"a/b/w_scale"``) to ``[P, ...]``
      arrays; the other quant leaves stay as in ``variables``.
    """
    loss_fn = _as_loss(loss, temperature)
    batches, targets = jnp.asarray(batches), jnp.asarray(targets)
    if batches.ndim < 2 or targets.shape[:2] != batches.shape[:2]:
        raise ValueError(
            f"batches [n_batches, N, ...] and targets [n_batches, N, C] disagree: "
            f"{batches.shape} vs {targets.shape}"
        )
    variables = {k: v for k, v in variables.items() if k != "quant_stats"}
    if "quant" not in variables:
        raise ValueError("make_fitness needs quantized variables ('quant')")
    hs = _prefix_all(variables, batches, adapter=adapter, block=block)
    n_dev, pop_sharding = 1, None
    if mesh is not None:
        if "pop" not in mesh.axis_names:
            raise ValueError(f"mesh needs a 'pop' axis, got {mesh.axis_names}")
        n_dev = int(mesh.shape["pop"])
        pop_sharding = NamedSharding(mesh, PartitionSpec("pop"))
        rep = NamedSharding(mesh, PartitionSpec())
        variables, hs, targets = jax.device_put((variables, hs, targets), rep)

    def fitness(pop: dict[str, jax.Array]) -> np.ndarray:
        sizes = {int(jnp.shape(a)[0]) for a in jax.tree.leaves(pop)}
        if len(sizes) != 1:
            raise ValueError(f"population leaves disagree on the leading axis: {sizes}")
        p = sizes.pop()
        pad = (-p) % n_dev
        if pad:
            pop = jax.tree.map(
                lambda a: jnp.concatenate([a, jnp.repeat(a[:1], pad, axis=0)]), pop)
        if pop_sharding is not None:
            pop = jax.device_put(pop, pop_sharding)
        f = _population_fitness(pop, variables, hs, targets, adapter=adapter,
                                block=block, loss=loss_fn)
        return np.asarray(jax.device_get(f))[:p]

    return fitness


# ----------------------------------------------------------------------------- strategy


@flax.struct.dataclass
class TournamentState:
    population: jax.Array  # [K, d]
    fitness: jax.Array  # [K], ascending
    best_solution: jax.Array  # [d]
    best_fitness: jax.Array  # []
    generation_counter: int


@flax.struct.dataclass
class TournamentParams:
    eps: jax.Array  # [] or [d]: mutation half-width per coordinate


class SteadyStateTournament:
    """Evol-Q's steady-state tournament, in evosax's ``init/ask/tell`` form.

    Minimization over flat vectors ``[d]``. ``init`` takes an evaluated population
    (as evosax's population-based algorithms); ``ask`` draws ``num_children``
    tournaments of ``tournament_size`` members with replacement and mutates each
    winner, ``child = |parent + u|``, ``u ~ U(-eps, eps)``; ``tell`` appends the
    children, sorts stably by fitness and keeps the best ``population_size``.
    """

    def __init__(self, population_size: int, num_dims: int, tournament_size: int,
                 num_children: int = 1):
        self.population_size = population_size
        self.num_dims = num_dims
        self.tournament_size = tournament_size
        self.num_children = num_children

    @property
    def default_params(self) -> TournamentParams:
        return TournamentParams(eps=jnp.asarray(1e-3, jnp.float32))

    @functools.partial(jax.jit, static_argnames=("self",))
    def init(self, key: Key, population: jax.Array, fitness: jax.Array,
             params: TournamentParams) -> TournamentState:
        del key, params
        order = jnp.argsort(fitness, stable=True)
        pop, fit = population[order], fitness[order]
        return TournamentState(pop, fit, pop[0], fit[0], 0)

    @functools.partial(jax.jit, static_argnames=("self",))
    def ask(self, key: Key, state: TournamentState,
            params: TournamentParams) -> tuple[jax.Array, TournamentState]:
        k_draw, k_mut = jax.random.split(key)
        c, s, k = self.num_children, self.tournament_size, self.population_size
        idx = jax.random.randint(k_draw, (c, s), 0, k)
        win = jnp.argmin(state.fitness[idx], axis=1)
        parents = state.population[idx[jnp.arange(c), win]]
        u = jax.random.uniform(k_mut, (c, self.num_dims), minval=-1.0, maxval=1.0)
        return jnp.abs(parents + u * params.eps), state

    @functools.partial(jax.jit, static_argnames=("self",))
    def tell(self, key: Key, population: jax.Array, fitness: jax.Array,
             state: TournamentState, params: TournamentParams
             ) -> tuple[TournamentState, dict[str, jax.Array]]:
        del key, params
        pop = jnp.concatenate([state.population, population])
        fit = jnp.concatenate([state.fitness, jnp.asarray(fitness, jnp.float32)])
        order = jnp.argsort(fit, stable=True)[: self.population_size]
        pop, fit = pop[order], fit[order]
        state = TournamentState(pop, fit, pop[0], fit[0], state.generation_counter + 1)
        return state, {"best_fitness": fit[0]}


@functools.lru_cache(maxsize=64)
def _tournament(k: int, d: int, s: int, c: int) -> SteadyStateTournament:
    return SteadyStateTournament(k, d, s, c)


@functools.lru_cache(maxsize=64)
def _evosax_strategy(algo: str, popsize: int, d: int, std: float):
    cls = _evosax_registry()[algo]
    kw: dict[str, Any] = {}
    if "std_schedule" in inspect.signature(cls.__init__).parameters:
        kw["std_schedule"] = optax.constant_schedule(std)
    try:
        strat = cls(population_size=popsize, solution=jnp.zeros((d,), jnp.float32),
                    **kw)
        params = strat.default_params
    except Exception as e:  # noqa: BLE001 - any construction failure
        raise ValueError(f"evosax algorithm {algo!r} could not be built: {e}") from e
    names = {f.name for f in dataclasses.fields(params)}
    for name in ("std_init", "std"):
        if name in names:
            params = params.replace(**{name: jnp.asarray(std, jnp.float32)})
    population_based = "fitness" in inspect.signature(strat.init).parameters
    return strat, params, population_based


def _search_block(key: Key, fitness: Callable, s0: dict[str, jax.Array],
                  config: EvolQConfig, eps: float):
    """One block visit. Returns (best leaves, F0, F_best, evals, dims)."""
    s0_vec, unravel = ravel_pytree(s0)
    d = int(s0_vec.size)

    def evaluate(vecs: jax.Array) -> np.ndarray:
        return fitness(jax.vmap(unravel)(jnp.abs(vecs)))

    f0 = evaluate(s0_vec[None])[0]
    evals = 1
    best_vec, best_f = s0_vec, f0

    def consider(vecs, f):
        nonlocal best_vec, best_f
        i = int(np.argmin(f))
        if f[i] < best_f:  # strict: ties keep the incumbent (eps=0 is bit-exact)
            best_vec, best_f = jnp.abs(vecs[i]), f[i]

    key, k_init = jax.random.split(key)
    if config.algo in EVOLQ_ALGOS:
        k = config.population
        strat = _tournament(k, d, config.tournament, config.children_per_cycle)
        e = eps * jnp.abs(s0_vec) if config.eps_relative else jnp.float32(eps)
        params = TournamentParams(eps=jnp.asarray(e, jnp.float32))
        state = strat.init(k_init, jnp.tile(s0_vec, (k, 1)),
                           jnp.full((k,), f0, jnp.float32), params)
        generations = config.cycles
    else:
        std = eps * float(jnp.mean(jnp.abs(s0_vec))) if config.eps_relative else eps
        strat, params, pop_based = _evosax_strategy(config.algo, config.evosax_popsize,
                                                    d, float(std))
        if pop_based:  # seed: s0 and s0 + U(-std, std) perturbations, evaluated
            key, k_pop = jax.random.split(key)
            u = jax.random.uniform(k_pop, (config.evosax_popsize - 1, d),
                                   minval=-std, maxval=std)
            pop0 = jnp.abs(jnp.concatenate([s0_vec[None], s0_vec + u]))
            f = evaluate(pop0)
            evals += len(f)
            consider(pop0, f)
            state = strat.init(k_init, pop0, jnp.asarray(f), params)
        else:
            state = strat.init(k_init, s0_vec, params)
        generations = config.evosax_generations
    for _ in range(generations):
        key, k_ask, k_tell = jax.random.split(key, 3)
        pop, state = strat.ask(k_ask, state, params)
        f = evaluate(pop)
        evals += len(f)
        state, _ = strat.tell(k_tell, pop, jnp.asarray(f), state, params)
        consider(pop, f)
    return unravel(best_vec), float(f0), float(best_f), evals, d


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


def _stack(x: Any) -> jax.Array:
    if isinstance(x, (list, tuple)):
        return jnp.stack([jnp.asarray(a) for a in x])
    return jnp.asarray(x)


def _fingerprint(config: EvolQConfig, eps: float, num_blocks: int, shape) -> str:
    return json.dumps({**dataclasses.asdict(config), "eps_resolved": eps,
                       "num_blocks": num_blocks, "calib_shape": list(shape)},
                      sort_keys=True)


def _save(path: str, state: dict[str, Any]) -> None:
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(flax.serialization.msgpack_serialize(state))
    os.replace(tmp, path)


def _key_data(key: Key) -> tuple[np.ndarray, bool]:
    typed = jnp.issubdtype(key.dtype, jax.dtypes.prng_key)
    return np.asarray(jax.random.key_data(key) if typed else key), bool(typed)


def _check_inputs(x: Any, name: str) -> None:
    try:
        arr = _stack(x)
    except (ValueError, TypeError) as e:
        raise ValueError(f"{name} must be [n_batches, N, ...] (or a list of equal "
                         f"[N, ...] batches): {e}") from None
    if arr.ndim < 2 or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty [n_batches, N, ...] array, got "
                         f"shape {arr.shape}")
    if not jnp.issubdtype(arr.dtype, jnp.floating):
        raise TypeError(f"{name} must be floating, got dtype {arr.dtype}")


def _check_search_args(adapter, config, w_bits, calib_x, selection_x) -> None:
    if not isinstance(adapter, BlockAdapter):
        raise TypeError(f"adapter must be a BlockAdapter (num_blocks, prefix, suffix), "
                        f"got {type(adapter).__name__}")
    nb = adapter.num_blocks
    if isinstance(nb, bool) or not isinstance(nb, (int, np.integer)) or nb < 1:
        raise ValueError(f"adapter.num_blocks must be a positive int, got {nb!r}")
    if not isinstance(config, EvolQConfig):
        raise TypeError(f"config must be an EvolQConfig, got {type(config).__name__}")
    if w_bits is not None and (isinstance(w_bits, bool) or not isinstance(w_bits, int)
                               or not (2 <= w_bits <= 8 or w_bits == 16)):
        raise ValueError(f"w_bits must be an int in 2..8 or 16, got {w_bits!r}")
    _check_inputs(calib_x, "calib_x")
    if selection_x is not None:
        _check_inputs(selection_x, "selection_x")
        ca, sa = _stack(calib_x), _stack(selection_x)
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
    w_bits: int | None = None,
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
      config: :class:`EvolQConfig` (default: the paper's K/C/S, 3 passes).
      workdir: if given, the state is saved to ``workdir/evolq_state.msgpack`` after
        every block visit and a run resumes from it (same config required).
      w_bits: weight bits of the searched scales (``proj``'s), for the default eps.
      mesh: optional ``jax.sharding.Mesh`` with a ``"pop"`` axis.
      on_block: called after every block visit (and checkpoint) with the history
        record plus ``step`` / ``total``.
      float_adapter: the adapter that computes the float targets; default: the
        same adapter with ``jaxeff.ptq.float_model`` of its ``model`` (quantizers
        explicitly off).

    Targets are the float logits (quantizers off), computed once per split. Same
    key and inputs -> the same result.

    Raises ``TypeError`` / ``ValueError`` naming the argument: ``key``, ``adapter``,
    ``config``, ``w_bits`` (no default eps), ``calib_x`` / ``selection_x`` (not
    ``[n_batches, N, ...]`` floats, empty, or shapes that differ), ``qvariables``.
    """
    config = config or EvolQConfig()
    _check_search_args(adapter, config, w_bits, calib_x, selection_x)
    eps = resolve_eps(config, w_bits)
    loss = _Loss(config.loss, float(config.temperature))
    quant0 = _plain(qvariables.get("quant", {}))
    if not quant0:
        raise ValueError("qvariables has no 'quant' collection to search")
    base = {k: v for k, v in qvariables.items() if k not in ("quant", "quant_stats")}
    nb = adapter.num_blocks
    leaves = block_leaves(quant0, config.leaves, nb)
    order = list(reversed(range(nb)))
    calib = _stack(calib_x)
    fadapter = float_adapter or _float_adapter(adapter)
    try:
        targets = _logits_all(_without_quant(qvariables), calib, adapter=fadapter)
    except (TypeError, ValueError, flax.errors.FlaxError) as e:
        raise ValueError(f"calib_x batches of shape {calib.shape[1:]} do not fit the "
                         f"model: {e}") from e

    heldout = config.select == "heldout"
    if heldout:
        if selection_x is None:
            raise ValueError("select='heldout' needs selection_x (a held-out split, "
                             "never the test set); or use select='final'")
        sel_x = _stack(selection_x)
        sel_t = _logits_all(_without_quant(qvariables), sel_x, adapter=fadapter)

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
    fp = _fingerprint(config, eps, nb, calib.shape)
    path = None if workdir is None else os.path.join(os.fspath(workdir), STATE_FILE)
    if path is not None and os.path.exists(path):
        with open(path, "rb") as f:
            st = flax.serialization.msgpack_restore(f.read())
        if st["fingerprint"] != fp:
            raise ValueError(f"{path} was written by a different search config; "
                             "remove it or use another workdir")
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
