"""jaxeff.ops.attacks: eps = 0 is the identity, ||x' - x||_inf <= eps, x' in [0, 1],
BPDA forward = D and backward = identity (spec sesr.md §5.3 item 7)."""

import jax
import jax.numpy as jnp
import pytest

from jaxeff.ops.attacks import bpda, cross_entropy_loss, fgsm, pgd


def _setup():
    x = jax.random.uniform(jax.random.key(0), (4, 6, 6, 3))
    w = jax.random.normal(jax.random.key(1), (6 * 6 * 3, 5))
    loss = cross_entropy_loss(lambda z: z.reshape(z.shape[0], -1) @ w)
    return x, jnp.array([0, 1, 2, 3]), loss


def test_attack_bounds_and_identity():
    x, y, loss = _setup()
    assert float(jnp.max(jnp.abs(fgsm(loss, x, y, 0.0) - x))) == 0.0
    assert float(jnp.max(jnp.abs(pgd(jax.random.key(2), loss, x, y, 0.0) - x))) == 0.0
    for eps in (2 / 255, 8 / 255):
        for adv in (fgsm(loss, x, y, eps), pgd(jax.random.key(3), loss, x, y, eps)):
            assert float(jnp.max(jnp.abs(adv - x))) <= eps + 1e-6
            assert float(adv.min()) >= 0.0 and float(adv.max()) <= 1.0
        assert float(loss(pgd(jax.random.key(3), loss, x, y, eps), y)) > float(loss(x, y))
    with pytest.raises(ValueError, match="eps"):
        fgsm(loss, x, y, 2.0)
    with pytest.raises(ValueError, match="steps"):
        pgd(jax.random.key(0), loss, x, y, 0.1, steps=0)
    with pytest.raises(TypeError, match="float"):
        fgsm(loss, jnp.zeros((1, 2), jnp.int32), y, 0.1)


def test_bpda_forward_defence_backward_identity():
    x = jnp.linspace(0, 1, 12).reshape(1, 2, 2, 3)

    def d(z):
        return jnp.round(z * 4) / 4  # non-differentiable defence

    assert float(jnp.max(jnp.abs(bpda(d)(x) - d(x)))) == 0.0
    g = jax.grad(lambda z: jnp.sum(bpda(d)(z) * 3.0))(x)
    assert float(jnp.max(jnp.abs(g - 3.0))) == 0.0
