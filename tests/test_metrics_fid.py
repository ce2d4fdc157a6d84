"""Frechet distance (proxy-FID, jaxeff.metrics.frechet_distance; arXiv 1706.08500
Eq. 6) and the group-wise W8A8 dense (jaxeff.ops.winograd_route.quant_dot_general)."""

from __future__ import annotations

import itertools

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
import pytest
import scipy.linalg

from jaxeff.metrics import frechet_distance, gaussian_stats
from jaxeff.ops.winograd_quant import WinogradQuant, absmax_fake_quant
from jaxeff.ops.winograd_route import quant_dot_general

RNG = np.random.default_rng(0)
A = RNG.normal(size=(400, 6)) @ RNG.normal(size=(6, 6))


def test_self_distance_is_zero_and_grows_with_noise():
    assert frechet_distance(A, A) == pytest.approx(0.0, abs=1e-9)
    noise = RNG.normal(size=A.shape)
    d = [frechet_distance(A, A + s * noise) for s in (0.1, 0.5, 1.0, 2.0)]
    assert d[0] > 0 and all(a < b for a, b in itertools.pairwise(d)), d


def test_matches_scipy_sqrtm_formula():
    b = RNG.normal(size=(300, 6)) * 2 + 1
    (ma, sa), (mb, sb) = gaussian_stats(A), gaussian_stats(b)
    ref = np.sum((ma - mb) ** 2) + np.trace(sa + sb - 2 * np.real(
        scipy.linalg.sqrtm(sa @ sb)))
    assert frechet_distance(A, b) == pytest.approx(ref, rel=1e-8)
    assert frechet_distance(A, b) == pytest.approx(frechet_distance(b, A), rel=1e-9)


def test_1d_closed_form():
    """1-D Gaussians: (m1 - m2)^2 + (s1 - s2)^2 with the sample statistics."""
    a = RNG.normal(size=(500, 1))
    b = 3 + 2 * RNG.normal(size=(500, 1))
    ref = (a.mean() - b.mean()) ** 2 + (a.std(ddof=1) - b.std(ddof=1)) ** 2
    assert frechet_distance(a, b) == pytest.approx(ref, rel=1e-10)


def test_bad_features():
    with pytest.raises(ValueError, match="N >= 2"):
        frechet_distance(A[:1], A)
    with pytest.raises(ValueError, match="dims differ"):
        frechet_distance(A, A[:, :3])
    with pytest.raises(ValueError, match="NaN"):
        frechet_distance(A, np.full_like(A, np.nan))


def test_quant_dot_general_is_groupwise_fake_quant_then_matmul():
    q = WinogradQuant(group_size=4)
    x = jnp.asarray(RNG.normal(size=(3, 5, 8)), jnp.float32)
    dense = nn.Dense(6, dot_general=quant_dot_general(q))
    v = dense.init(jax.random.key(0), x)
    w, b = v["params"]["kernel"], v["params"]["bias"]
    xq = absmax_fake_quant(x, (0, 1), 2, 4, 8)
    wq = absmax_fake_quant(w, (1,), 0, 4, 8)
    np.testing.assert_allclose(np.asarray(dense.apply(v, x)),
                               np.asarray(xq @ wq + b), rtol=1e-6, atol=1e-6)
    assert not np.allclose(np.asarray(xq), np.asarray(x))  # it does quantize
    # each group of 4 along K has its own scale: max |x| of a group is exact
    g = np.abs(np.asarray(x)).reshape(3, 5, 2, 4).max(-1)
    np.testing.assert_allclose(np.abs(np.asarray(xq)).reshape(3, 5, 2, 4).max(-1), g,
                               rtol=1e-6)
    with pytest.raises(ValueError, match="only Dense"):
        quant_dot_general(q)(x, w, (((0,), (0,)), ((), ())))
    with pytest.raises(TypeError, match="WinogradQuant"):
        quant_dot_general("w8a8")
