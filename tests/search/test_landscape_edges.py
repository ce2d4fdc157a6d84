"""Edges of the landscape study's documented domain (arXiv 2308.10814 Fig. 1; spec
``evolq.md`` §5 claim 3): the smallest inputs each function documents as valid
work and give their closed-form values, the documented defaults hold, and a bad
plane names both directions (mutation-testing survivors of issue 26, 2026-12-03)."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.search.landscape import (
    Roughness,
    line_points,
    plane_points,
    random_directions,
    roughness,
)


def test_roughness_of_exactly_three_points():
    # "n >= 3": the smallest valid line. V shape 1, 0, 1 at h = 0.5:
    # |Δ²f| = 2 over n - 2 = 1 interior point -> tv = 2 / 0.5; sum |Δf| = 2 -> ratio 1
    assert roughness(np.array([1.0, 0.0, 1.0]), 0.5) == Roughness(4.0, 1.0, 1)
    assert roughness(np.array([0.0, 1.0, 2.0]), 1.0) == Roughness(0.0, 0.0, 0)


def test_random_directions_default_is_relative_and_one_direction_is_valid():
    s0 = jnp.array([0.5, 2.0, 8.0, 0.25])
    key = jax.random.key(7)
    np.testing.assert_array_equal(random_directions(key, s0, 2),
                                  random_directions(key, s0, 2, relative=True))
    one = random_directions(key, s0, 1, relative=False)  # "n >= 1"
    assert one.shape == (1, 4)
    assert float(jnp.sqrt(jnp.mean(one * one))) == pytest.approx(1.0, rel=1e-5)


def test_a_single_step_grid_is_valid():
    s0, d = jnp.array([1.0, 2.0]), jnp.array([1.0, -1.0])
    np.testing.assert_array_equal(line_points(s0, d, [0.5]), [[1.5, 1.5]])
    np.testing.assert_array_equal(plane_points(s0, d, 2 * d, [1.0]), [[4.0, -1.0]])
    with pytest.raises(ValueError, match="ts"):
        line_points(s0, d, np.zeros(0))


@pytest.mark.parametrize("bad", ["d1", "d2"])
def test_plane_points_names_both_directions_and_their_shapes(bad):
    s0 = jnp.ones(3)
    d = {"d1": jnp.ones(3), "d2": jnp.ones(3)}
    d[bad] = jnp.ones(4)
    with pytest.raises(ValueError, match=r"d1 and d2 must have shape \(3,\)"):
        plane_points(s0, d["d1"], d["d2"], [0.0])
