"""The steady-state tournament as an evosax-style strategy (arXiv 2308.10814, issue 15).

Its state is a pytree, its ``init/ask/tell`` are pure functions that jit and vmap (many
independent searches, one per key, in one call), ``evolve`` runs the generations in one
``lax.scan`` with the candidates a Python loop draws, and bad arguments fail with an
error that names them.
"""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.search.fitness import vector_fitness
from jaxeff.search.strategy import (
    SteadyStateTournament,
    TournamentParams,
    TournamentState,
    evolve,
    evosax_strategy,
    generation,
    keep_best,
    search_block,
)

TARGET = jnp.array([0.5, 1.0, 1.5, 2.0], jnp.float32)
K, D = 6, 4
STRAT = SteadyStateTournament(K, D, tournament_size=3, num_children=2)


def _sphere(x):
    """``[P, 4] -> [P]``, minimum 0 at TARGET."""
    return jnp.sum((x - TARGET) ** 2, axis=-1)


def _start(key):
    pop = jax.random.uniform(key, (K, D), minval=2.0, maxval=4.0)
    f = _sphere(pop)
    state = STRAT.init(key, pop, f, STRAT.params(0.2))
    return state


def test_state_and_params_are_pytrees():
    state = _start(jax.random.key(0))
    leaves, treedef = jax.tree_util.tree_flatten(state)
    assert len(leaves) == 5
    back = jax.tree_util.tree_unflatten(treedef, leaves)
    assert isinstance(back, TournamentState)
    for a, b in zip(jax.tree.leaves(state), jax.tree.leaves(back), strict=True):
        np.testing.assert_array_equal(a, b)
    assert back.generation_counter.dtype == jnp.int32
    # tree maps act on every field; the hyper-parameters are not in the state
    doubled = jax.tree.map(lambda a: a * 2, state)
    np.testing.assert_array_equal(doubled.population, 2 * state.population)
    p_leaves, p_def = jax.tree_util.tree_flatten(STRAT.params(0.3))
    assert jax.tree_util.tree_unflatten(p_def, p_leaves).eps == np.float32(0.3)
    # the strategy is static: hashable, equal by value
    assert hash(STRAT) == hash(SteadyStateTournament(K, D, 3, 2))


def _one_search(key, generations=12):
    k_init, k_run = jax.random.split(key)
    state = _start(k_init)
    params = STRAT.params(0.2)
    carry, fs = evolve(k_run, STRAT, params, state, _sphere, state.best_solution,
                       state.best_fitness, generations)
    return carry[1], carry[3], fs


def test_jit_vmap_runs_independent_searches_in_one_call():
    keys = jax.random.split(jax.random.key(1), 5)
    states, best, fs = jax.jit(jax.vmap(_one_search))(keys)
    assert states.population.shape == (5, K, D) and fs.shape == (5, 12, 2)
    assert np.all(np.asarray(states.generation_counter) == 12)
    for i, key in enumerate(keys):  # each lane is the search of its own key
        s1, b1, f1 = jax.jit(_one_search)(key)
        np.testing.assert_allclose(states.population[i], s1.population, rtol=1e-6)
        np.testing.assert_allclose(best[i], b1, rtol=1e-6)
        np.testing.assert_allclose(fs[i], f1, rtol=1e-6)
    assert len(set(np.round(np.asarray(best), 6))) == 5  # different keys differ
    start = jax.vmap(lambda k: _start(jax.random.split(k)[0]).best_fitness)(keys)
    assert np.all(np.asarray(best) < np.asarray(start))  # every search improved


def test_scan_equals_python_loop_on_a_toy_objective():
    state = _start(jax.random.key(2))
    params = STRAT.params(0.2)
    carry = (jax.random.key(3), state, state.best_solution, state.best_fitness)
    step = jax.jit(lambda c: generation(STRAT, params, _sphere, c))
    loop_f = []
    for _ in range(8):
        carry, f = step(carry)
        loop_f.append(f)
    scan_carry, scan_f = jax.jit(lambda: evolve(
        jax.random.key(3), STRAT, params, state, _sphere, state.best_solution,
        state.best_fitness, 8))()
    np.testing.assert_array_equal(scan_f, jnp.stack(loop_f))
    for a, b in zip(jax.tree.leaves(scan_carry[1:]), jax.tree.leaves(carry[1:]),
                    strict=True):
        np.testing.assert_array_equal(a, b)


def test_keep_best_is_strict_and_stores_the_absolute_point():
    x = jnp.array([[-1.0, 2.0], [3.0, -4.0]])
    bx, bf = keep_best(x, jnp.array([2.0, 1.0]), jnp.zeros(2), jnp.float32(1.5))
    np.testing.assert_array_equal(bx, [3.0, 4.0])
    assert float(bf) == 1.0
    bx, bf = keep_best(x, jnp.array([2.0, 1.5]), jnp.zeros(2), jnp.float32(1.5))
    np.testing.assert_array_equal(bx, [0.0, 0.0])  # a tie keeps the incumbent
    assert float(bf) == 1.5


def test_search_block_budget_and_elitism():
    x0 = jnp.full((D,), 3.0)
    for algo, evals in (("evolq", 1 + 5 * 2), ("SNES", 1 + 4 * 5)):
        best, f0, fb, n = search_block(jax.random.key(0), _sphere, x0, algo=algo,
                                       population=4, generations=5, tournament_size=3,
                                       num_children=2, eps=0.3)
        assert n == evals
        assert float(fb) <= float(f0) == float(_sphere(x0[None])[0])
        assert float(fb) == pytest.approx(float(_sphere(best[None])[0]), rel=1e-6)


@pytest.mark.parametrize("kw, match", [
    ({"population_size": 1}, "population_size must be an int >= 2"),
    ({"population_size": 3.0}, "population_size must be an int >= 2"),
    ({"num_dims": 0}, "num_dims must be an int >= 1"),
    ({"tournament_size": True}, "tournament_size must be an int >= 1"),
    ({"num_children": 0}, "num_children must be an int >= 1"),
])
def test_bad_hyper_parameters_are_named(kw, match):
    args = {"population_size": K, "num_dims": D, "tournament_size": 3, **kw}
    with pytest.raises(ValueError, match=match):
        SteadyStateTournament(**args)


def test_bad_step_size_and_shapes_are_named():
    for eps in (-1e-3, float("nan"), float("inf"), [0.1, -0.1, 0.1, 0.1]):
        with pytest.raises(ValueError, match="eps must be finite and >= 0"):
            STRAT.params(eps)
    with pytest.raises(ValueError, match=r"eps must have shape \(\) or \(4,\)"):
        STRAT.params(jnp.ones(3))
    state = _start(jax.random.key(0))
    with pytest.raises(ValueError, match=r"eps must have shape \(\) or \(4,\)"):
        STRAT.ask(jax.random.key(0), state, TournamentParams(eps=jnp.ones(2)))
    params = STRAT.params(0.1)
    with pytest.raises(ValueError, match=r"population must have shape \(6, 4\)"):
        STRAT.init(jax.random.key(0), jnp.ones((5, D)), jnp.ones(5), params)
    with pytest.raises(ValueError, match=r"fitness must have shape \(6,\)"):
        STRAT.init(jax.random.key(0), jnp.ones((K, D)), jnp.ones(5), params)
    with pytest.raises(ValueError, match=r"tell needs population \(2, 4\)"):
        STRAT.tell(jax.random.key(0), jnp.ones((3, D)), jnp.ones(3), state, params)
    with pytest.raises(ValueError, match="num_generations must be an int >= 1"):
        evolve(jax.random.key(0), STRAT, params, state, _sphere, state.best_solution,
               state.best_fitness, 0)
    with pytest.raises(ValueError, match=r"x0 must be a flat vector \[d\]"):
        search_block(jax.random.key(0), _sphere, jnp.ones((2, D)))
    f_vec, _, _ = vector_fitness(lambda pop: _sphere(pop["s"]), {"s": TARGET})
    with pytest.raises(ValueError, match=r"candidates must have shape \[P, 4\]"):
        f_vec(jnp.ones((3, 5)))
    with pytest.raises(ValueError, match="unknown evosax algorithm 'nope'"):
        evosax_strategy("nope", 8, D, 0.1)
