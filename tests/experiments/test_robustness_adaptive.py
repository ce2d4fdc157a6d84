"""experiments.robustness, adaptive attack (issue 21 item 4) on a tiny pipeline: the
default attack's gradient is jax.grad of the whole defended loss (bicubic down x2,
SESR x2 on Y, colour matrices, clips, then the classifier), and it lowers accuracy
where the BPDA attack with the same starts does no better."""

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from experiments.robustness import Config, make_defence
from jaxeff.nets.sesr import CollapsedSESR
from jaxeff.ops.attacks import pgd, pipeline_loss


@pytest.fixture(scope="module")
def tiny():
    sr = CollapsedSESR(scale=2, m=1, f=4)
    ks = jax.random.split(jax.random.key(0), 5)
    v = sr.init(ks[0], jnp.zeros((1, 4, 4, 1)))
    leaves, tree = jax.tree.flatten(v)
    v = jax.tree.unflatten(tree, [0.2 * jax.random.normal(k, p.shape) for p, k in
                                  zip(leaves, jax.random.split(ks[1], len(leaves)))])
    d = make_defence(lambda y: sr.apply(v, y)[0], (8, 8))
    w = jax.random.normal(ks[2], (8 * 8 * 3, 4)) * 0.3
    x = jax.random.uniform(ks[3], (64, 8, 8, 3), minval=0.1, maxval=0.9)

    def logits(z):
        return (z - 0.5).reshape(z.shape[0], -1) @ w

    y = jax.jit(lambda z: jnp.argmax(logits(d(z)), -1))(x)  # clean accuracy of f(D(x)) is 100 % by design
    return d, logits, x, y


def test_default_attack_gradient_is_the_pipeline_gradient(tiny):
    d, logits, x, y = tiny
    assert Config().adaptive == ("full",) and Config().adaptive_eps == (2, 4, 8)
    np.testing.assert_array_equal(np.asarray(d(x)), np.asarray(d(x)))  # deterministic D

    @jax.jit
    def grads(x):
        ref = jax.grad(lambda z: optax.softmax_cross_entropy_with_integer_labels(
            logits(d(z)), y).sum())(x)
        return (jax.grad(pipeline_loss(logits, d, "full"))(x, y), ref,
                jax.grad(pipeline_loss(logits, d, "bpda"))(x, y))

    full, ref, bp = jax.device_get(grads(x))
    np.testing.assert_array_equal(full, ref)
    assert np.abs(full).max() > 0 and not np.allclose(full, bp, atol=1e-3)


def test_full_gradient_attack_lowers_accuracy(tiny):
    d, logits, x, y = tiny
    acc = jax.jit(lambda z: jnp.mean(jnp.argmax(logits(d(z)), -1) == y))
    assert float(acc(x)) == 1.0
    out = {}
    for mode in ("full", "bpda"):
        loss = pipeline_loss(logits, d, mode)
        adv = jax.jit(lambda k, z, loss=loss: pgd(k, loss, z, y, 8 / 255, steps=5))(
            jax.random.key(1), x)
        assert float(jnp.abs(adv - x).max()) <= 8 / 255 + 1e-6
        out[mode] = float(acc(adv))
    assert out["full"] <= 0.6  # from 100 %
    assert out["full"] <= out["bpda"]
