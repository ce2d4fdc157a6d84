"""experiments.robustness, adaptive attack (issue 21 item 4) on a tiny pipeline: the
default attack's gradient is jax.grad of the whole defended loss (bicubic down x2,
SESR x2 on Y, colour matrices, clips, then the classifier), and it lowers accuracy
at least as much as the BPDA attack with the same random start. One jit."""

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from experiments.robustness import Config, make_defence
from jaxeff.nets.sesr import CollapsedSESR
from jaxeff.ops.attacks import pgd, pipeline_loss


@pytest.fixture(scope="module")
def out():
    rng = np.random.default_rng(0)
    shapes = {"first": (5, 5, 1, 4), "block_0": (3, 3, 4, 4), "last": (5, 5, 4, 4),
              "alpha_0": (4,)}
    v = {"params": {k: jnp.asarray(0.2 * rng.standard_normal(s), jnp.float32)
                    for k, s in shapes.items()}}
    sr = CollapsedSESR(scale=2, m=1, f=4)
    d = make_defence(lambda y: sr.apply(v, y)[0], (8, 8))
    w = jnp.asarray(0.3 * rng.standard_normal((8 * 8 * 3, 4)), jnp.float32)
    x = jnp.asarray(rng.uniform(0.1, 0.9, (32, 8, 8, 3)), jnp.float32)

    def logits(z):
        return (z - 0.5).reshape(z.shape[0], -1) @ w

    @jax.jit
    def run(x):
        y = jnp.argmax(logits(d(x)), -1)  # clean accuracy of f(D(x)) is 100 % by design
        ref = jax.grad(lambda z: optax.softmax_cross_entropy_with_integer_labels(
            logits(d(z)), y).sum())(x)
        res = {"ref": ref, "clean": jnp.mean(jnp.argmax(logits(d(x)), -1) == y)}
        for mode in ("full", "bpda"):
            loss = pipeline_loss(logits, d, mode)
            res[f"grad_{mode}"] = jax.grad(loss)(x, y)
            adv = pgd(jax.random.key(1), loss, x, y, 8 / 255, steps=3)
            res[f"linf_{mode}"] = jnp.abs(adv - x).max()
            res[f"acc_{mode}"] = jnp.mean(jnp.argmax(logits(d(adv)), -1) == y)
        return res

    return jax.device_get(run(x))


def test_default_attack_gradient_is_the_pipeline_gradient(out):
    assert Config().adaptive == ("full",) and Config().adaptive_eps == (2, 4, 8)
    np.testing.assert_array_equal(out["grad_full"], out["ref"])
    assert np.abs(out["grad_full"]).max() > 0
    assert not np.allclose(out["grad_full"], out["grad_bpda"], atol=1e-3)


def test_full_gradient_attack_lowers_accuracy(out):
    assert out["clean"] == 1.0
    assert out["linf_full"] <= 8 / 255 + 1e-6 and out["linf_bpda"] <= 8 / 255 + 1e-6
    assert out["acc_full"] <= 0.6  # from 100 %
    assert out["acc_full"] <= out["acc_bpda"]
