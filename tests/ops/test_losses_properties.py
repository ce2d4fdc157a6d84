"""Evol-Q fitness losses (arXiv 2308.10814, spec evolq.md §2): the default temperature
of the official code, per-row reductions on non-square [N, C] outputs, and errors that
name the loss (mutation survivors of ops/losses.py, docs/TESTING.md)."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.ops import losses

ZQ = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], np.float32)  # N = 2 rows, C = 3
ZF = np.array([[1.0, 0.0, 0.0], [1.0, 1.0, 0.0]], np.float32)


def test_info_nce_default_temperature_is_three():
    np.testing.assert_allclose(losses.info_nce(ZQ, ZF), losses.info_nce(ZQ, ZF, 3.0),
                               rtol=0)
    assert float(losses.info_nce(ZQ, ZF)) != pytest.approx(float(losses.info_nce(ZQ, ZF, 4.0)))


def test_cosine_is_per_row_on_non_square_outputs():
    # row cosines 1 and 1/sqrt(2)
    want = 1.0 - (1.0 + 1.0 / np.sqrt(2.0)) / 2.0
    assert float(losses.cosine(ZQ, ZF)) == pytest.approx(want, rel=1e-6)


def test_kl_is_per_row_on_non_square_outputs():
    zq = jax.random.normal(jax.random.key(0), (3, 5))
    zf = jax.random.normal(jax.random.key(1), (3, 5))
    pf = np.exp(zf) / np.exp(zf).sum(1, keepdims=True)
    pq = np.exp(zq) / np.exp(zq).sum(1, keepdims=True)
    want = np.mean(np.sum(pf * (np.log(pf) - np.log(pq)), axis=1))
    assert float(losses.kl(zq, zf)) == pytest.approx(float(want), rel=1e-5)
    # infoNCE softmax runs over the keys of each query row (not over queries)
    q = np.asarray(zq) / np.linalg.norm(zq, axis=1, keepdims=True)
    k = np.asarray(zf) / np.linalg.norm(zf, axis=1, keepdims=True)
    logits = q @ k.T / 3.0
    logp = logits - np.log(np.exp(logits).sum(1, keepdims=True))
    want = 2 * 3.0 * -np.mean(np.diag(logp))
    assert float(losses.info_nce(zq, zf)) == pytest.approx(float(want), rel=1e-5)


@pytest.mark.parametrize("name", ["info_nce", "mse", "cosine", "kl"])
def test_shape_error_names_the_loss(name):
    with pytest.raises(ValueError, match=f"^{name} needs zq and zf of the same shape"):
        getattr(losses, name)(jnp.zeros((2, 3)), jnp.zeros((3, 2)))
