"""jaxeff.ops.attacks.pipeline_loss (issue 21 item 4): the adaptive attack's gradient
is the exact gradient of the defended pipeline f(D(x)); BPDA and gray-box are what
they claim; PGD steps along the sign of that gradient."""

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from jaxeff.ops.attacks import ATTACK_MODES, pgd, pipeline_loss


def _setup(dtype=jnp.float32):
    x = jax.random.uniform(jax.random.key(0), (3, 4, 4, 2), dtype)
    m = jax.random.normal(jax.random.key(1), (2, 2), dtype)
    w = jax.random.normal(jax.random.key(2), (4 * 4 * 2, 5), dtype)

    def defence(z):  # smooth, differentiable, not the identity
        return jax.nn.sigmoid(3.0 * jnp.einsum("nhwc,dc->nhwd", z, m))

    def logits(z):
        return z.reshape(z.shape[0], -1) @ w

    return x, jnp.array([0, 1, 4]), defence, logits


def _ce(lg, y):
    return optax.softmax_cross_entropy_with_integer_labels(lg, y).sum()


def test_full_gradient_is_the_pipeline_gradient_bpda_and_gray_are_not():
    x, y, d, f = _setup()

    @jax.jit
    def grads(x):
        g = {m: jax.grad(pipeline_loss(f, d, m))(x, y) for m in ATTACK_MODES}
        g |= {f"none-{m}": jax.grad(pipeline_loss(f, None, m))(x, y) for m in ATTACK_MODES}
        g["ref"] = jax.grad(lambda z: _ce(f(d(z)), y))(x)
        g["f at D(x)"] = jax.grad(lambda z: _ce(f(z), y))(d(x))
        g["f at x"] = jax.grad(lambda z: _ce(f(z), y))(x)
        v = {m: pipeline_loss(f, d, m)(x, y) for m in ATTACK_MODES}
        return g, v, _ce(f(d(x)), y), _ce(f(x), y)

    g, v, l_fd, l_f = jax.device_get(grads(x))
    np.testing.assert_array_equal(g["full"], g["ref"])
    # BPDA: grad of f at D(x), passed through D as if D were the identity
    np.testing.assert_allclose(g["bpda"], g["f at D(x)"], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(g["gray"], g["f at x"], rtol=1e-6, atol=1e-7)
    assert np.abs(g["full"] - g["bpda"]).max() > 1e-2
    # the loss value is f(D(x))'s for full and BPDA, f(x)'s for gray-box
    assert v["full"] == pytest.approx(l_fd) and v["bpda"] == pytest.approx(l_fd)
    assert v["gray"] == pytest.approx(l_f)
    for m in ATTACK_MODES:  # no defence: every mode attacks f alone
        np.testing.assert_allclose(g[f"none-{m}"], g["f at x"], rtol=1e-6, atol=1e-7)


def test_full_gradient_matches_central_differences_in_float64():
    with jax.enable_x64(True):
        x, y, d, f = _setup(jnp.float64)
        loss = pipeline_loss(f, d, "full")
        v = jax.random.normal(jax.random.key(5), x.shape, jnp.float64)

        @jax.jit
        def both(x, v, h):
            fd = (loss(x + h * v, y) - loss(x - h * v, y)) / (2 * h)
            return jnp.vdot(jax.grad(loss)(x, y), v), fd

        gv, fd = jax.device_get(both(x, v, 1e-5))
    assert gv == pytest.approx(fd, rel=1e-7)


def test_pgd_steps_along_the_sign_of_the_pipeline_gradient():
    x, y, d, f = _setup()
    loss = pipeline_loss(f, d, "full")
    eps, key = 8 / 255, jax.random.key(7)
    got = pgd(key, loss, x, y, eps, steps=1)
    x0 = jnp.clip(x + jax.random.uniform(key, x.shape, x.dtype, -eps, eps), 0, 1)
    step = jnp.sign(jax.grad(lambda z: _ce(f(d(z)), y))(x0))
    want = jnp.clip(x0 + eps / 4 * step, jnp.clip(x - eps, 0, 1), jnp.clip(x + eps, 0, 1))
    np.testing.assert_array_equal(np.asarray(got), np.asarray(want))


def test_pipeline_loss_rejects_unknown_modes():
    _, _, d, f = _setup()
    with pytest.raises(ValueError, match="mode must be one of"):
        pipeline_loss(f, d, "eot")
