"""FGSM and PGD make a fixed tiny classifier worse (arXiv 1412.6572, 1706.06083; issue 26).

A linear classifier ``logits = flatten(x) W`` on a fixed batch whose labels are the
clean predictions (clean accuracy 100%). Cross-entropy of linear logits is convex
in ``x``, so any step ``d`` with ``g . d > 0`` (``g`` = input gradient) raises every
example's loss: FGSM's ``d = eps sign(g)`` must raise each one, and beat a random
sign step of the same size. Both attacks must lower accuracy. A flipped sign, a
dropped step or a step along the wrong gradient fails here.
"""

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from jaxeff.ops.attacks import cross_entropy_loss, fgsm, pgd

EPS = 8 / 255


def _setup():
    x = jax.random.uniform(jax.random.key(0), (16, 6, 6, 3), minval=0.25, maxval=0.75)
    w = jax.random.normal(jax.random.key(1), (6 * 6 * 3, 5))

    def logits(z):
        return (z - 0.5).reshape(z.shape[0], -1) @ w

    y = jnp.argmax(logits(x), -1)
    return x, y, logits


def _per_example(logits, x, y):
    return np.asarray(optax.softmax_cross_entropy_with_integer_labels(logits(x), y))


def _acc(logits, x, y):
    return float(jnp.mean(jnp.argmax(logits(x), -1) == y))


def test_fgsm_raises_every_example_loss_and_lowers_accuracy():
    x, y, logits = _setup()
    loss = cross_entropy_loss(logits)
    adv = fgsm(loss, x, y, EPS)
    clean, attacked = _per_example(logits, x, y), _per_example(logits, adv, y)
    assert _acc(logits, x, y) == 1.0
    assert np.all(attacked > clean)
    assert _acc(logits, adv, y) < 0.75
    # the gradient-sign step beats a random-sign step of the same L-inf size
    rand = x + EPS * jnp.sign(jax.random.normal(jax.random.key(5), x.shape))
    assert float(loss(adv, y)) > float(loss(rand, y))
    # a smaller step does less damage (the step is along the ascent direction)
    assert float(loss(fgsm(loss, x, y, EPS / 4), y)) < float(loss(adv, y))


@pytest.mark.parametrize("steps", [1, 5])
def test_pgd_raises_loss_lowers_accuracy_and_at_least_matches_fgsm(steps):
    x, y, logits = _setup()
    loss = cross_entropy_loss(logits)
    adv = pgd(jax.random.key(3), loss, x, y, EPS, steps=steps, alpha=EPS if steps == 1 else EPS / 2)
    assert float(jnp.max(jnp.abs(adv - x))) <= EPS + 1e-6
    clean, attacked = _per_example(logits, x, y), _per_example(logits, adv, y)
    assert attacked.sum() > clean.sum()
    assert _acc(logits, adv, y) < 0.75
    if steps > 1:  # iterating climbs further than one FGSM step of the full budget
        assert np.all(attacked > clean)
        assert float(loss(adv, y)) >= float(loss(fgsm(loss, x, y, EPS), y)) * 0.99
