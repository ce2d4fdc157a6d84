"""Search strategies of Evol-Q, in evosax's ``init/ask/tell`` form.

"Jumping through Local Minima: Quantization in the Loss Landscape of Vision
Transformers" (Frumkin, Gope, Marculescu; ICCV 2023; arXiv 2308.10814), spec
``evolq.md`` §2 "Algorithm", after the official code ``enyac-group/evol-q``.

* :class:`SteadyStateTournament`: the paper's steady-state tournament over flat
  vectors ``s [d]`` (minimization). A population of ``K`` evaluated members; each
  generation draws ``S`` members uniformly with replacement per tournament, the
  parent is the one with the lowest ``F``, the child is ``|parent + u|`` with
  ``u_j ~ U(-eps_j, eps_j)`` i.i.d.; the children are appended, the population is
  sorted stably by ``F`` and the worst are dropped, so ``min F`` never increases.
  Hyper-parameters are the fields of the frozen (hashable) dataclass; the traced
  state is a :class:`TournamentState` pytree and the mutation half-width a
  :class:`TournamentParams` pytree. The methods are plain pure functions: jit and
  vmap them at the call site (``jax.jit(strategy.ask)``,
  ``jax.vmap(strategy.ask, in_axes=(0, 0, None))``).
* :func:`evosax_strategy`: any evosax algorithm (SNES, CMA-ES, ...) set up for the
  same problem; a different algorithm from the paper's, label it so.
* :func:`generation` / :func:`evolve`: one ask -> evaluate -> tell step with the
  best-seen candidate tracked (elitist, strict ``<``: ties keep the incumbent), and
  ``n`` of them inside one ``lax.scan``. The fitness is any function
  ``[P, d] -> [P]`` of device arrays, for example
  :func:`jaxeff.search.fitness.vector_fitness`.
* :func:`search_block`: one block visit (spec §2 step 3a-c) with either strategy,
  the generations looped from Python on device values (the runner's path).
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
from collections.abc import Callable
from typing import Any

import flax.struct
import jax
import jax.numpy as jnp
import optax
from jax import lax

from jaxeff.types import Key

__all__ = [
    "EVOLQ_ALGOS",
    "Carry",
    "SteadyStateTournament",
    "TournamentParams",
    "TournamentState",
    "evolve",
    "evosax_algorithms",
    "evosax_strategy",
    "generation",
    "keep_best",
    "search_block",
]


@flax.struct.dataclass
class TournamentState:
    """Traced state of :class:`SteadyStateTournament` (a pytree).

    Attributes:
      population: ``[K, d]`` float32, sorted by ``fitness`` ascending.
      fitness: ``[K]`` float32, ascending.
      best_solution: ``[d]`` float32, ``population[0]``.
      best_fitness: ``[]`` float32, ``fitness[0]``.
      generation_counter: ``[]`` int32, number of ``tell`` calls.
    """

    population: jax.Array
    fitness: jax.Array
    best_solution: jax.Array
    best_fitness: jax.Array
    generation_counter: jax.Array


@flax.struct.dataclass
class TournamentParams:
    """Mutation half-width ``eps``: ``[]`` (all coordinates) or ``[d]`` float32."""

    eps: jax.Array


def _positive_int(name: str, v: Any, low: int) -> None:
    if isinstance(v, bool) or not isinstance(v, int) or v < low:
        raise ValueError(f"{name} must be an int >= {low}, got {v!r}")


@dataclasses.dataclass(frozen=True)
class SteadyStateTournament:
    """Evol-Q's steady-state tournament (arXiv 2308.10814; spec §2 step 3b).

    Attributes:
      population_size: ``K`` (>= 2), 15 in the paper.
      num_dims: ``d``, length of the searched vector (4D per ViT block).
      tournament_size: ``S``, members drawn with replacement per tournament (10).
      num_children: children per generation (1 in the paper; more are evaluated in
        one vmapped fitness call).
    """

    population_size: int
    num_dims: int
    tournament_size: int
    num_children: int = 1

    def __post_init__(self) -> None:
        _positive_int("population_size", self.population_size, 2)
        _positive_int("num_dims", self.num_dims, 1)
        _positive_int("tournament_size", self.tournament_size, 1)
        _positive_int("num_children", self.num_children, 1)

    @property
    def default_params(self) -> TournamentParams:
        """``eps = 1e-3`` (the official code's step at 3/4-bit weights)."""
        return self.params(1e-3)

    def params(self, eps: Any) -> TournamentParams:
        """:class:`TournamentParams` from ``eps`` (``[]`` or ``[d]``, finite, >= 0)."""
        e = jnp.asarray(eps, jnp.float32)
        self._check_eps(e)
        if not isinstance(e, jax.core.Tracer) and not bool(
                jnp.all(jnp.isfinite(e) & (e >= 0))):
            raise ValueError(f"eps must be finite and >= 0, got {eps!r}")
        return TournamentParams(eps=e)

    def _check_eps(self, eps: jax.Array) -> None:
        if jnp.shape(eps) not in ((), (self.num_dims,)):
            raise ValueError(f"eps must have shape () or ({self.num_dims},), got "
                             f"{jnp.shape(eps)}")

    def init(self, key: Key, population: jax.Array, fitness: jax.Array,
             params: TournamentParams) -> TournamentState:
        """State from an evaluated population ``[K, d]`` with fitness ``[K]``."""
        del key, params
        k, d = self.population_size, self.num_dims
        if jnp.shape(population) != (k, d):
            raise ValueError(f"population must have shape ({k}, {d}) "
                             f"[population_size, num_dims], got {jnp.shape(population)}")
        if jnp.shape(fitness) != (k,):
            raise ValueError(f"fitness must have shape ({k},), got {jnp.shape(fitness)}")
        order = jnp.argsort(fitness, stable=True)
        pop, fit = population[order], fitness[order]
        return TournamentState(pop, fit, pop[0], fit[0], jnp.asarray(0, jnp.int32))

    def ask(self, key: Key, state: TournamentState,
            params: TournamentParams) -> tuple[jax.Array, TournamentState]:
        """Children ``[num_children, d]``: mutated tournament winners."""
        self._check_eps(params.eps)
        k_draw, k_mut = jax.random.split(key)
        c, s, k = self.num_children, self.tournament_size, self.population_size
        idx = jax.random.randint(k_draw, (c, s), 0, k)
        win = jnp.argmin(state.fitness[idx], axis=1)
        parents = state.population[idx[jnp.arange(c), win]]
        u = jax.random.uniform(k_mut, (c, self.num_dims), minval=-1.0, maxval=1.0)
        return jnp.abs(parents + u * params.eps), state

    def tell(self, key: Key, population: jax.Array, fitness: jax.Array,
             state: TournamentState, params: TournamentParams
             ) -> tuple[TournamentState, dict[str, jax.Array]]:
        """Append the evaluated children, sort stably, keep the best ``K``."""
        del key, params
        c, d = self.num_children, self.num_dims
        if jnp.shape(population) != (c, d) or jnp.shape(fitness) != (c,):
            raise ValueError(f"tell needs population ({c}, {d}) and fitness ({c},), "
                             f"got {jnp.shape(population)} and {jnp.shape(fitness)}")
        pop = jnp.concatenate([state.population, population])
        fit = jnp.concatenate([state.fitness, jnp.asarray(fitness, jnp.float32)])
        order = jnp.argsort(fit, stable=True)[: self.population_size]
        pop, fit = pop[order], fit[order]
        state = TournamentState(pop, fit, pop[0], fit[0], state.generation_counter + 1)
        return state, {"best_fitness": fit[0]}


# ----------------------------------------------------------------------------- evosax


def evosax_algorithms() -> dict[str, Any]:
    """evosax's algorithm registry: name (``"SNES"``, ``"CMA_ES"``, ...) -> class."""
    from evosax.algorithms import algorithms

    return algorithms


@functools.lru_cache(maxsize=64)
def evosax_strategy(algo: str, population_size: int, num_dims: int,
                    std: float) -> tuple[Any, Any, bool]:
    """An evosax algorithm for the block problem (not the paper's algorithm).

    Args:
      algo: evosax name (``"SNES"``, ``"CMA_ES"``, ...).
      population_size: evosax population size.
      num_dims: ``d``.
      std: initial search std (``std_init`` / ``std`` / a constant ``std_schedule``).

    Returns:
      ``(strategy, params, population_based)``; ``population_based`` says that its
      ``init`` takes an evaluated population (``init(key, pop, fitness, params)``),
      else ``init(key, mean, params)``. Cached: equal arguments share the compiled
      ``ask``/``tell``.
    """
    registry = evosax_algorithms()
    if algo not in registry:
        raise ValueError(f"unknown evosax algorithm {algo!r}; choose from "
                         f"{sorted(registry)}")
    _positive_int("population_size", population_size, 1)
    _positive_int("num_dims", num_dims, 1)
    if not std >= 0:
        raise ValueError(f"std must be >= 0, got {std!r}")
    cls = registry[algo]
    kw: dict[str, Any] = {}
    if "std_schedule" in inspect.signature(cls.__init__).parameters:
        kw["std_schedule"] = optax.constant_schedule(std)
    try:
        strat = cls(population_size=population_size,
                    solution=jnp.zeros((num_dims,), jnp.float32), **kw)
        params = strat.default_params
    except Exception as e:
        raise ValueError(f"evosax algorithm {algo!r} could not be built: {e}") from e
    names = {f.name for f in dataclasses.fields(params)}
    for name in ("std_init", "std"):
        if name in names:
            params = params.replace(**{name: jnp.asarray(std, jnp.float32)})
    population_based = "fitness" in inspect.signature(strat.init).parameters
    return strat, params, population_based


# ----------------------------------------------------------------------------- loop

#: ``(key, strategy state, best vector [d], best fitness [])``
Carry = tuple[Key, Any, jax.Array, jax.Array]


def keep_best(x: jax.Array, f: jax.Array, best_x: jax.Array,
              best_f: jax.Array) -> tuple[jax.Array, jax.Array]:
    """Elitist update: the lowest of ``f [P]`` replaces ``best_f`` only if strictly
    lower (ties keep the incumbent, so ``eps = 0`` is bit-exact); the stored vector
    is ``|x_i|``, the point the fitness scored."""
    i = jnp.argmin(f)
    better = f[i] < best_f
    return jnp.where(better, jnp.abs(x[i]), best_x), jnp.where(better, f[i], best_f)


def generation(strategy: Any, params: Any, fitness: Callable[[jax.Array], jax.Array],
               carry: Carry, _: Any = None) -> tuple[Carry, jax.Array]:
    """One generation: split the key (``key, k_ask, k_tell``), ask, evaluate, tell,
    keep the best. ``lax.scan``-compatible; returns the new carry and ``f [P]``.

    ``strategy`` is a :class:`SteadyStateTournament` or an evosax algorithm;
    ``fitness`` maps candidates ``[P, d]`` to ``[P]`` (lower is better) and must
    score ``|x|`` (the runner's fitness does).
    """
    key, state, best_x, best_f = carry
    key, k_ask, k_tell = jax.random.split(key, 3)
    x, state = strategy.ask(k_ask, state, params)
    f = fitness(x)
    state, _ = strategy.tell(k_tell, x, f, state, params)
    best_x, best_f = keep_best(x, f, best_x, best_f)
    return (key, state, best_x, best_f), f


def evolve(key: Key, strategy: Any, params: Any, state: Any,
           fitness: Callable[[jax.Array], jax.Array], best_x: jax.Array,
           best_f: jax.Array, num_generations: int) -> tuple[Carry, jax.Array]:
    """``num_generations`` of :func:`generation` inside one ``lax.scan``.

    Jit- and vmap-able (``num_generations`` static). Returns the final carry
    ``(key, state, best_x [d], best_f [])`` and the fitness of every candidate,
    ``[num_generations, P]``. With the same key it draws exactly the candidates a
    Python loop over :func:`generation` draws.
    """
    _positive_int("num_generations", num_generations, 1)
    step = functools.partial(generation, strategy, params, fitness)
    return lax.scan(step, (key, state, best_x, best_f), None, length=num_generations)


# ----------------------------------------------------------------------------- block

#: the paper's steady-state tournament (CPT-V, arXiv 2211.09643, is the same engine)
EVOLQ_ALGOS = ("evolq", "cptv")


@dataclasses.dataclass(frozen=True)
class _Jitted:
    """A tournament's ``init/ask/tell``, each jitted once (the strategy is static)."""

    strategy: SteadyStateTournament
    init: Callable
    ask: Callable
    tell: Callable


@functools.lru_cache(maxsize=64)
def _tournament(k: int, d: int, s: int, c: int) -> _Jitted:
    st = SteadyStateTournament(k, d, s, c)
    return _Jitted(st, jax.jit(st.init), jax.jit(st.ask), jax.jit(st.tell))


_keep_best = jax.jit(keep_best)


def search_block(key: Key, fitness: Callable[[jax.Array], jax.Array], x0: jax.Array,
                 *, algo: str = "evolq", population: int = 15, generations: int = 3,
                 tournament_size: int = 10, num_children: int = 1,
                 eps: float = 1e-3, eps_relative: bool = False
                 ) -> tuple[jax.Array, jax.Array, jax.Array, int]:
    """One Evol-Q block visit from ``x0 [d]`` (spec §2 step 3a-c).

    ``F0 = fitness(x0)``; for the tournament (``algo`` in :data:`EVOLQ_ALGOS`) the
    population is ``population`` copies of ``(F0, x0)`` and ``generations`` (``C``)
    tournament generations follow, ``eps`` the mutation half-width (times ``|x0|``
    if ``eps_relative``). For an evosax ``algo`` (not the paper's algorithm): mean
    ``x0`` (population-based ones: ``x0`` and ``population - 1`` perturbations
    ``U(-std, std)``, evaluated), initial std ``eps`` (times ``mean|x0|`` if
    ``eps_relative``), ``generations`` of ``population`` candidates.

    The generation loop stays on the device: no host read until it ends.

    Args:
      key: PRNG key; split as ``key, k_init`` then per generation.
      fitness: ``[P, d] -> [P]`` (scores ``|x|``; lower is better).
      x0: ``[d]`` float32 start.

    Returns:
      ``(best_x [d], F0 [], best_F [], evaluations)``; ``best_F <= F0`` (elitist).
    """
    d = int(jnp.size(x0))
    if jnp.shape(x0) != (d,):
        raise ValueError(f"x0 must be a flat vector [d], got shape {jnp.shape(x0)}")
    f0 = fitness(x0[None])[0]
    evals = 1
    best_x, best_f = x0, f0
    key, k_init = jax.random.split(key)
    if algo in EVOLQ_ALGOS:
        k = population
        strat = _tournament(k, d, tournament_size, num_children)
        e = eps * jnp.abs(x0) if eps_relative else jnp.float32(eps)
        params = strat.strategy.params(e)
        state = strat.init(k_init, jnp.tile(x0, (k, 1)),
                           jnp.full((k,), f0, jnp.float32), params)
    else:
        std = eps * float(jnp.mean(jnp.abs(x0))) if eps_relative else eps
        strat, params, pop_based = evosax_strategy(algo, population, d, float(std))
        if pop_based:  # seed: x0 and x0 + U(-std, std) perturbations, evaluated
            key, k_pop = jax.random.split(key)
            u = jax.random.uniform(k_pop, (population - 1, d), minval=-std,
                                   maxval=std)
            pop0 = jnp.abs(jnp.concatenate([x0[None], x0 + u]))
            f = fitness(pop0)
            evals += f.shape[0]
            best_x, best_f = _keep_best(pop0, f, best_x, best_f)
            state = strat.init(k_init, pop0, f, params)
        else:
            state = strat.init(k_init, x0, params)
    carry = (key, state, best_x, best_f)
    for _ in range(generations):
        carry, f = generation(strat, params, fitness, carry)
        evals += f.shape[0]
    return carry[2], f0, carry[3], evals
