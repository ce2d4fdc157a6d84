"""Landscape sweeps and roughness of Evol-Q's scale landscape (arXiv 2308.10814 Fig. 1).

Facts pinned: the roughness measure is exactly 0 on an affine function and positive
on a jagged one (with its closed-form values on a zig-zag); the sweeps are
deterministic; the grids are the documented affine combinations.
"""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.search.landscape import (
    Roughness,
    Top1,
    line_points,
    line_sweep,
    plane_points,
    plane_sweep,
    random_directions,
    roughness,
    sweep,
)


def test_roughness_zero_on_linear():
    f = 3.0 * np.arange(50) - 7.0  # exact in float64
    assert roughness(f, 0.5) == Roughness(0.0, 0.0, 0)
    assert roughness(np.full(9, 2.5), 1.0) == Roughness(0.0, 0.0, 0)


def test_roughness_positive_on_jagged_with_closed_form():
    # zig-zag 0,1,0,1,... : |Δ²f| = 2 (9 of them), |Δf| = 1 (10): tv = 2/h, ratio 1.8
    f = np.arange(11) % 2.0
    r = roughness(f, 0.25)
    assert r.tv == pytest.approx(2 / 0.25) and r.tv_ratio == pytest.approx(1.8)
    assert r.minima == 4  # interior zeros at i = 2, 4, 6, 8
    # a linear trend plus jaggedness stays positive; a smooth bowl has 1 minimum
    assert roughness(np.arange(11) + 0.3 * f, 1.0).tv > 0
    bowl = roughness((np.arange(21) - 10.0) ** 2, 1.0)
    assert bowl.minima == 1 and bowl.tv == pytest.approx(2.0)  # f'' = 2


@pytest.mark.parametrize("values, step, match", [
    (np.zeros((3, 3)), 1.0, "values"), (np.zeros(2), 1.0, "values"),
    (np.array([0.0, np.nan, 1.0]), 1.0, "values"), (np.zeros(5), 0.0, "step"),
    (np.zeros(5), -1.0, "step"), (np.zeros(5), True, "step"),
    (np.zeros(5), float("inf"), "step")])
def test_roughness_bad_arguments(values, step, match):
    with pytest.raises(ValueError, match=match):
        roughness(values, step)


def _jagged(x):  # [P, d] -> [P]: a bowl plus a rounding staircase
    return jnp.sum((x - 1.0) ** 2, axis=1) + 0.01 * jnp.sum(jnp.round(x * 40), axis=1)


def test_points_are_the_documented_affine_grids():
    s0 = jnp.array([1.0, 2.0, 3.0])
    d1, d2 = jnp.array([1.0, 0, 0]), jnp.array([0, 0, 2.0])
    ts = np.array([-1.0, 0.0, 1.0])
    np.testing.assert_array_equal(line_points(s0, d1, ts)[:, 0], [0.0, 1.0, 2.0])
    p = plane_points(s0, d1, d2, ts)
    assert p.shape == (9, 3)
    np.testing.assert_array_equal(p[1 * 3 + 2], [1.0, 2.0, 5.0])  # a = 0, b = +1
    np.testing.assert_array_equal(p[0 * 3 + 1], [0.0, 2.0, 3.0])  # a = -1, b = 0


def test_random_directions_unit_rms_and_relative():
    s0 = jnp.linspace(0.1, 2.0, 64)
    g = random_directions(jax.random.key(0), s0, 3, relative=False)
    np.testing.assert_allclose(jnp.sqrt(jnp.mean(g * g, axis=1)), 1.0, rtol=1e-5)
    r = random_directions(jax.random.key(0), s0, 3, relative=True)
    np.testing.assert_allclose(r, g * s0, rtol=1e-6)


def test_line_and_plane_sweeps_are_deterministic():
    s0 = jnp.full((8,), 0.9)
    fits = {"jagged": _jagged}
    a = line_sweep(jax.random.key(3), fits, s0, n_dirs=2, radius=0.1, steps=9, chunk=4)
    b = line_sweep(jax.random.key(3), fits, s0, n_dirs=2, radius=0.1, steps=9, chunk=4)
    np.testing.assert_array_equal(a.values["jagged"], b.values["jagged"])
    np.testing.assert_array_equal(a.directions, b.directions)
    assert a.values["jagged"].shape == (2, 9) and len(a.rough["jagged"]) == 2
    c = line_sweep(jax.random.key(4), fits, s0, n_dirs=2, radius=0.1, steps=9)
    assert not np.array_equal(a.directions, c.directions)
    p1 = plane_sweep(jax.random.key(5), fits, s0, radius=0.1, steps=5)
    p2 = plane_sweep(jax.random.key(5), fits, s0, radius=0.1, steps=5)
    np.testing.assert_array_equal(p1.values["jagged"], p2.values["jagged"])
    # the centre of the plane is s0 itself
    assert p1.values["jagged"][2, 2] == pytest.approx(float(_jagged(s0[None])[0]))


def test_sweep_chunking_matches_one_call():
    pts = jax.random.uniform(jax.random.key(1), (11, 5))
    want = np.asarray(_jagged(pts), np.float64)
    for chunk in (1, 4, 11, 32):
        np.testing.assert_allclose(sweep({"f": _jagged}, pts, chunk=chunk)["f"], want,
                                   rtol=1e-6)


def test_top1_counts_hits():
    zq = jnp.array([[2.0, 1.0], [0.0, 3.0], [5.0, 1.0], [0.0, 1.0]])
    onehot = jax.nn.one_hot(jnp.array([0, 1, 1, 0]), 2)
    assert float(Top1()(zq, onehot)) == 50.0
    with pytest.raises(ValueError, match="Top1"):
        Top1()(zq, onehot[:3])


def test_sweep_bad_arguments():
    s0 = jnp.ones(4)
    with pytest.raises(ValueError, match="direction"):
        line_points(s0, jnp.ones(3), [0.0])
    with pytest.raises(ValueError, match="s0"):
        line_points(jnp.ones((2, 2)), jnp.ones(4), [0.0])
    with pytest.raises(TypeError, match="s0"):
        random_directions(jax.random.key(0), jnp.ones(4, jnp.int32), 1)
    with pytest.raises(ValueError, match="n must"):
        random_directions(jax.random.key(0), s0, 0)
    with pytest.raises(ValueError, match="steps"):
        line_sweep(jax.random.key(0), {"f": _jagged}, s0, n_dirs=1, radius=0.1, steps=2)
    with pytest.raises(ValueError, match="radius"):
        plane_sweep(jax.random.key(0), {"f": _jagged}, s0, radius=0.0, steps=3)
    with pytest.raises(ValueError, match="fitnesses"):
        sweep({}, jnp.ones((2, 4)))
    with pytest.raises(ValueError, match="chunk"):
        sweep({"f": _jagged}, jnp.ones((2, 4)), chunk=0)
    with pytest.raises(ValueError, match="points"):
        sweep({"f": _jagged}, jnp.ones(4))


def test_a_non_finite_direction_is_recorded_not_fatal():
    """Review finding: one inf (a scale crossing 0 -> nan -> inf) raised after the
    whole sweep had been computed, losing it."""
    s0 = jnp.asarray([1.0, 2.0])

    def f(x):  # inf where the first coordinate moves more than 0.1 from s0's
        return jnp.where(jnp.abs(x[:, 0] - 1.0) > 0.1, jnp.inf, jnp.sum(x ** 2, axis=1))

    r = line_sweep(jax.random.key(0), {"f": f}, s0, n_dirs=8, radius=0.2, steps=5,
                   relative=False)
    finite = [bool(np.isfinite(row).all()) for row in r.values["f"]]
    assert not all(finite) and any(finite)
    assert [x is not None for x in r.rough["f"]] == finite
