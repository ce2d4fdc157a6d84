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


def _linear_case():
    """A loss linear in ``x`` (gradient ``c``, with zeros) on pixels that touch 0 and 1."""
    x = jnp.concatenate([jnp.zeros(4), jnp.ones(4), jnp.full(4, 0.99), jnp.full(4, 0.01),
                         jnp.linspace(0.1, 0.9, 16)]).reshape(2, 4, 4, 1)
    c = jnp.tile(jnp.array([1.0, -2.0, 0.0, 3.0]), 8).reshape(x.shape)
    return x, c, lambda z, y: jnp.sum(z * c)


def test_linear_loss_attacks_land_exactly_on_the_box_corner():
    """With a constant gradient ``c`` the L-inf optimum is ``clip(x + eps sign(c), 0, 1)``:
    FGSM reaches it in one step, PGD from any random start once ``steps * alpha`` covers
    the ``2 eps`` ball; pixels with zero gradient are left alone by FGSM."""
    x, c, loss = _linear_case()
    y = jnp.zeros(2, jnp.int32)
    for eps in (0.3, 1.0):
        corner = np.asarray(jnp.clip(x + eps * jnp.sign(c), 0.0, 1.0))
        np.testing.assert_array_equal(np.asarray(fgsm(loss, x, y, eps)), corner)
        for steps, alpha in ((1, 2 * eps), (10, None)):
            adv = np.asarray(pgd(jax.random.key(steps), loss, x, y, eps, steps=steps,
                                 alpha=alpha))
            moved = np.asarray(c) != 0
            np.testing.assert_array_equal(adv[moved], corner[moved])
            assert np.all(np.abs(adv - np.asarray(x)) <= eps + 1e-6)
            assert adv.min() >= 0.0 and adv.max() <= 1.0


def test_pgd_defaults_and_step_size_are_used():
    """``steps=10, alpha=eps/4`` by default; a given ``alpha`` is the step taken."""
    x, y, logits = _setup()
    loss, key = cross_entropy_loss(logits), jax.random.key(0)
    default = np.asarray(pgd(key, loss, x, y, EPS))
    np.testing.assert_array_equal(default, np.asarray(pgd(key, loss, x, y, EPS, steps=10,
                                                          alpha=EPS / 4)))
    for other in (dict(steps=11, alpha=EPS / 4), dict(steps=10, alpha=EPS / 5)):
        assert not np.array_equal(default, np.asarray(pgd(key, loss, x, y, EPS, **other)))
    # one or two steps of alpha from the random start x0 (alpha small: the box never binds)
    x, c, lin = _linear_case()
    y, eps = jnp.zeros(2, jnp.int32), 0.2
    x0 = jnp.clip(x + jax.random.uniform(key, x.shape, x.dtype, -eps, eps), 0.0, 1.0)
    lo, hi = jnp.clip(x - eps, 0.0, 1.0), jnp.clip(x + eps, 0.0, 1.0)
    for steps, alpha in ((1, 0.01), (2, 0.003)):
        want = jnp.clip(x0 + steps * alpha * jnp.sign(c), lo, hi)
        got = pgd(key, lin, x, y, eps, steps=steps, alpha=alpha)
        np.testing.assert_allclose(np.asarray(got), np.asarray(want), atol=1e-6)
    assert float(jnp.max(jnp.abs(pgd(key, lin, x, y, eps, steps=10, alpha=0.0) - x0))) == 0


@pytest.mark.parametrize("edge", [0.0, 1.0])
def test_pgd_never_evaluates_the_model_outside_the_image_range(edge):
    """The random start is clipped to [0, 1] before the first gradient: a loss that is
    flat on [0, 1] and steep outside it must leave the (clipped) start unmoved."""
    x = jnp.full((2, 4, 4, 1), edge)

    def loss(z, y):  # zero gradient on [0, 1], descent direction outside
        return -jnp.sum(jax.nn.relu(z - 1.0) + jax.nn.relu(-z))

    key, eps, y = jax.random.key(4), 0.2, jnp.zeros(2, jnp.int32)
    x0 = jnp.clip(x + jax.random.uniform(key, x.shape, x.dtype, -eps, eps), 0.0, 1.0)
    got = pgd(key, loss, x, y, eps, steps=1, alpha=eps)
    np.testing.assert_array_equal(np.asarray(got), np.asarray(x0))


def test_eps_range_is_closed_and_checked_by_both_attacks():
    x, c, loss = _linear_case()
    y = jnp.zeros(2, jnp.int32)
    assert fgsm(loss, x, y, 1.0).shape == x.shape  # eps = 1 is allowed
    assert pgd(jax.random.key(0), loss, x, y, 1.0, steps=1).shape == x.shape
    for bad in (-0.01, 1.01):
        with pytest.raises(ValueError, match="eps must lie in"):
            fgsm(loss, x, y, bad)
        with pytest.raises(ValueError, match="eps must lie in"):
            pgd(jax.random.key(0), loss, x, y, bad)
    with pytest.raises(ValueError, match="steps must be >= 1, got 0"):
        pgd(jax.random.key(0), loss, x, y, 0.1, steps=0)


def test_attacks_keep_the_image_dtype():
    x, c, _ = _linear_case()
    xb = x.astype(jnp.bfloat16)

    def loss(z, y):
        return jnp.sum(z.astype(jnp.float32) * c)

    y = jnp.zeros(2, jnp.int32)
    assert fgsm(loss, xb, y, 0.1).dtype == jnp.bfloat16
    assert pgd(jax.random.key(0), loss, xb, y, 0.1, steps=2).dtype == jnp.bfloat16
