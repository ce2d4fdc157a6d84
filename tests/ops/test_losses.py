"""Tests for jaxeff.ops.losses (Evol-Q fitness functions, arXiv 2308.10814)."""

import math

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.ops import losses


def _rand(seed, shape):
    return jax.random.normal(jax.random.key(seed), shape, jnp.float32)


def test_info_nce_is_2t_mean_ce_of_similarity_matrix():
    zq, zf = _rand(0, (12, 10)), _rand(1, (12, 10))
    t = 3.0
    q = np.asarray(zq, np.float64)
    k = np.asarray(zf, np.float64)
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    k /= np.linalg.norm(k, axis=1, keepdims=True)
    s = q @ k.T / t
    ce = [-(s[n, n] - np.log(np.exp(s[n]).sum())) for n in range(len(s))]
    want = 2 * t * np.mean(ce)
    np.testing.assert_allclose(losses.info_nce(zq, zf, t), want, rtol=1e-5)


def test_info_nce_orthonormal_closed_form():
    n, t = 100, 3.0
    want = 2 * t * math.log(1 + (n - 1) * math.exp(-1 / t))
    assert want == pytest.approx(25.6547, abs=1e-4)
    eye = jnp.eye(n)
    np.testing.assert_allclose(losses.info_nce(eye, eye, t), want, rtol=1e-6)


def test_info_nce_invariant_to_positive_row_rescaling():
    zq, zf = _rand(2, (16, 10)), _rand(3, (16, 10))
    a = jnp.exp(_rand(4, (16, 1)))  # positive per-row factors
    b = jnp.exp(_rand(5, (16, 1)))
    base = losses.info_nce(zq, zf)
    np.testing.assert_allclose(losses.info_nce(zq * a, zf * b), base, rtol=1e-5)


def test_mse_cosine_kl_hand_values():
    zq = jnp.array([[1.0, 0.0], [0.0, 2.0]])
    zf = jnp.array([[0.0, 1.0], [0.0, 1.0]])
    assert float(losses.mse(zq, zf)) == pytest.approx((1 + 1 + 0 + 1) / 4)
    # cos: row 0 orthogonal (0), row 1 parallel (1) -> 1 - 0.5
    assert float(losses.cosine(zq, zf)) == pytest.approx(0.5)
    # KL(softmax zf || softmax zq) by hand
    pf = np.exp([[0, 1], [0, 1]]) / np.exp([[0, 1], [0, 1]]).sum(1, keepdims=True)
    pq = np.exp([[1, 0], [0, 2]]) / np.exp([[1, 0], [0, 2]]).sum(1, keepdims=True)
    want = np.mean(np.sum(pf * np.log(pf / pq), axis=1))
    assert float(losses.kl(zq, zf)) == pytest.approx(want, rel=1e-5)
    assert float(losses.kl(zf, zf)) == pytest.approx(0.0, abs=1e-7)


def test_sqnr_db():
    ref = jnp.ones((4, 4))
    assert float(losses.sqnr_db(ref + 0.1, ref)) == pytest.approx(20.0, rel=1e-5)


@pytest.mark.parametrize("name", sorted(losses.LOSSES))
def test_shape_errors_raise(name):
    fn = losses.LOSSES[name]
    with pytest.raises(ValueError, match="shape"):
        fn(jnp.ones((4, 3)), jnp.ones((4, 2)))
    with pytest.raises(ValueError, match="shape"):
        fn(jnp.ones((4,)), jnp.ones((4,)))


def test_sqnr_shape_error():
    with pytest.raises(ValueError, match="shape"):
        losses.sqnr_db(jnp.ones(3), jnp.ones(4))


def test_losses_registry():
    assert set(losses.LOSSES) == {"infonce", "mse", "cosine", "kl"}
