"""The diffusion UNet (jaxeff.nets.unet) and its rectified-flow training / sampler
(jaxeff.flow): loss falls, the sampler is deterministic, Winograd injection is exact
in float, the eligible-conv count is pinned."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from jaxeff.flow import euler_sample, flow_loss, pad_images, trajectory
from jaxeff.inject import InjectRule, inject
from jaxeff.nets.unet import UNet, timestep_embedding, unet
from jaxeff.nets.winograd import WinogradConfig, winograd_model

TINY = unet("tiny")


def _batch(n=8, size=8):
    x = np.zeros((n, size, size, 1), np.float32) - 1.0
    for i in range(n):  # a bright square per "class"
        x[i, i % 4:i % 4 + 4, 2:6] = 1.0
    return jnp.asarray(x), jnp.arange(n, dtype=jnp.int32) % 10


@pytest.fixture(scope="module")
def tiny_params():
    x, y = _batch()
    return jax.jit(TINY.init)(jax.random.key(0), x, jnp.zeros(8), y)["params"]


def test_loss_falls_in_a_few_steps(tiny_params):
    x, y = _batch()
    tx = optax.adam(3e-3)
    key = jax.random.key(1)  # the same noise and t every step: a fair comparison

    @jax.jit
    def step(p, o):
        loss, g = jax.value_and_grad(lambda p: flow_loss(TINY, p, key, x, y))(p)
        u, o = tx.update(g, o, p)
        return optax.apply_updates(p, u), o, loss

    p, o = tiny_params, tx.init(tiny_params)
    losses = []
    for _ in range(10):
        p, o, loss = step(p, o)
        losses.append(float(loss))
    assert losses[-1] < 0.7 * losses[0], losses


def test_euler_sampler_is_deterministic_and_is_euler(tiny_params):
    x, y = _batch()
    fn = jax.jit(lambda xx, t, yy: TINY.apply({"params": tiny_params}, xx, t, yy)[0])
    noise = jax.random.normal(jax.random.key(3), x.shape)
    a = euler_sample(fn, noise, y, 3)
    b = euler_sample(fn, noise, y, 3)
    np.testing.assert_array_equal(np.asarray(a), np.asarray(b))
    z = noise  # the same three steps by hand
    for i in range(3):
        z = z + fn(z, jnp.full((8,), i / 3), y) / 3
    np.testing.assert_allclose(np.asarray(a), np.asarray(z), rtol=1e-5, atol=1e-5)
    xs, last = trajectory(fn, noise, y, 3)
    np.testing.assert_array_equal(np.asarray(last), np.asarray(a))
    assert xs.shape == (3, *x.shape)
    np.testing.assert_array_equal(np.asarray(xs[0]), np.asarray(noise))
    with pytest.raises(ValueError, match="steps"):
        euler_sample(fn, noise, y, 0)


@pytest.mark.parametrize("m", [4, pytest.param(6, marks=pytest.mark.slow)])
def test_winograd_unet_in_float_equals_direct(tiny_params, m):
    x, y = _batch()
    t = jnp.linspace(0.0, 1.0, 8)
    ref = jax.jit(TINY.apply)({"params": tiny_params}, x, t, y)[0]
    win = jax.jit(winograd_model(TINY, WinogradConfig(m=m)).apply)(
        {"params": tiny_params}, x, t, y)[0]
    err = float(jnp.max(jnp.abs(win - ref)) / jnp.max(jnp.abs(ref)))
    assert err < 3e-5, err
    assert float(jnp.max(jnp.abs(ref))) > 0


@pytest.mark.parametrize("variant,eligible,total", [("cpu", 26, 44), ("base", 38, 63)])
def test_eligible_conv_count_pinned(variant, eligible, total):
    """cpu: conv_in 1 + down 3x1x2 + mid 2x2 + up 3x2x2 + 2 upsample + conv_out = 26;
    ineligible: 2 stride-2 downsamplers, 8 1x1 skips, 4 attention x (qkv, proj)."""
    model = unet(variant)
    x = jnp.zeros((1, 32, 32, 1))
    args = (x, jnp.zeros(1), jnp.zeros(1, jnp.int32))
    variables = jax.eval_shape(model.init, jax.random.key(0), *args)
    found = inject(model, [InjectRule(pattern=".*", winograd=WinogradConfig(m=4))]).layers(
        variables, *args)
    convs = [f for f in found if f.kind == "Conv"]
    assert sum(f.winograd for f in convs) == eligible
    assert len(convs) == total
    assert not any(f.winograd for f in convs if "downsample" in f.path or "attn" in
                   f.path or f.path.endswith("skip"))


def test_bad_inputs_and_embedding():
    with pytest.raises(ValueError, match="unknown UNet variant"):
        unet("huge")
    x, y = _batch()
    with pytest.raises(ValueError, match="divisible"):
        jax.eval_shape(TINY.init, jax.random.key(0), jnp.zeros((1, 5, 5, 1)),
                       jnp.zeros(1), jnp.zeros(1, jnp.int32))
    with pytest.raises(ValueError, match="shape"):
        jax.eval_shape(UNet(channels=(8,)).init, jax.random.key(0), x, jnp.zeros(3), y)
    e = timestep_embedding(jnp.array([0.0, 0.5]), 8)
    assert e.shape == (2, 8)
    np.testing.assert_allclose(np.asarray(e[0]), [1, 1, 1, 1, 0, 0, 0, 0])
    with pytest.raises(ValueError, match="even"):
        timestep_embedding(jnp.zeros(2), 7)


def test_pad_images():
    img = np.full((2, 28, 28, 1), 255, np.uint8)
    out = pad_images(img)
    assert out.shape == (2, 32, 32, 1) and out.dtype == np.float32
    assert out[0, 2:30, 2:30].min() == 1.0 and out[0, :2].max() == -1.0
    assert out.sum() == 2 * (28 * 28 - (32 * 32 - 28 * 28))
    with pytest.raises(ValueError, match="uint8"):
        pad_images(img.astype(np.float32))
