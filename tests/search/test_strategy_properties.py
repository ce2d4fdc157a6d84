"""Search-direction properties of Evol-Q's strategies (arXiv 2308.10814, issue 26).

On a toy objective (squared distance to a target, minimum 0) the steady-state
tournament keeps exactly the lowest-loss candidates it has seen, its best fitness
never gets worse over generations, and every strategy ``search_block`` drives
(the paper's tournament and an evosax algorithm) returns the best candidate it
evaluated and improves on the start. A reversed sort, a reversed tournament or a
dropped elitism check fails here.
"""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.search import evolq
from jaxeff.search.evolq import EvolQConfig
from jaxeff.search.strategy import SteadyStateTournament, TournamentParams

TARGET = jnp.array([0.5, 1.0, 1.5, 2.0], jnp.float32)


def _loss(vecs):
    """Sphere objective per row of ``vecs [P, 4]`` -> ``[P]``."""
    return jnp.sum((jnp.atleast_2d(vecs) - TARGET) ** 2, axis=-1)


def test_tournament_keeps_the_lowest_loss_candidates_and_best_never_worsens():
    k, d, gens = 6, TARGET.size, 15
    strat = SteadyStateTournament(k, d, tournament_size=3, num_children=4)
    params = TournamentParams(eps=jnp.float32(0.3))
    pop0 = jax.random.uniform(jax.random.key(0), (k, d), minval=2.0, maxval=4.0)
    state = strat.init(jax.random.key(1), pop0, _loss(pop0), params)
    seen = [np.asarray(_loss(pop0))]
    # init sorts ascending and the best is the minimum
    assert np.all(np.diff(np.asarray(state.fitness)) >= 0)
    assert float(state.best_fitness) == pytest.approx(float(seen[0].min()))
    best = [float(state.best_fitness)]
    key = jax.random.key(2)
    for _ in range(gens):
        key, ka, kt = jax.random.split(key, 3)
        children, state = strat.ask(ka, state, params)
        f = _loss(children)
        seen.append(np.asarray(f))
        state, info = strat.tell(kt, children, f, state, params)
        fit = np.asarray(state.fitness)
        # the population is the K lowest losses seen so far, ascending, and each
        # member's stored fitness is its own loss (rows and fitness stay paired)
        np.testing.assert_allclose(fit, np.sort(np.concatenate(seen))[:k], rtol=1e-6)
        np.testing.assert_allclose(np.asarray(_loss(state.population)), fit, rtol=1e-5)
        assert float(info["best_fitness"]) == float(state.best_fitness) == fit[0]
        best.append(float(state.best_fitness))
    assert all(b1 <= b0 for b0, b1 in zip(best, best[1:]))
    assert best[-1] < 0.5 * best[0]  # it moves towards the minimum
    assert int(state.generation_counter) == gens


def test_tournament_parents_are_tournament_winners():
    """``ask`` with eps = 0 returns the lowest-loss member of each tournament; with the
    tournament spanning many draws it is almost always the population's best."""
    k, d = 5, TARGET.size
    strat = SteadyStateTournament(k, d, tournament_size=40, num_children=8)
    pop = jnp.stack([TARGET + i for i in range(k)])  # losses 0, 4, 16, 36, 64
    state = strat.init(jax.random.key(0), pop[::-1], _loss(pop[::-1]), TournamentParams(
        eps=jnp.float32(0.0)))
    children, _ = strat.ask(jax.random.key(1), state, TournamentParams(eps=jnp.float32(0)))
    np.testing.assert_array_equal(np.asarray(children), np.tile(np.asarray(TARGET), (8, 1)))


@pytest.mark.parametrize("algo", ["evolq", "SNES"])
def test_search_block_returns_the_best_evaluated_and_improves(algo):
    """Every strategy of ``_search_block``: the result is the minimum over all the
    candidates it evaluated (never worse than the start) and beats the start."""
    calls = []

    def fitness(pop):
        f = np.asarray(_loss(pop["s"]))
        calls.append(f)
        return f

    s0 = {"s": jnp.full((TARGET.size,), 3.0, jnp.float32)}
    cfg = EvolQConfig(population=6, tournament=3, cycles=10, children_per_cycle=4,
                      algo=algo, evosax_popsize=8, evosax_generations=10)
    best, f0, f_best, evals, d = evolq._search_block(jax.random.key(0), fitness, s0, cfg, 0.3)
    allf = np.concatenate(calls)
    assert d == TARGET.size and evals == allf.size
    assert f0 == pytest.approx(float(_loss(s0["s"])[0]))
    assert f_best == pytest.approx(float(allf.min()))
    assert f_best == pytest.approx(float(_loss(best["s"])[0]), rel=1e-5)
    assert f_best < 0.5 * f0
