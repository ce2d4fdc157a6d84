"""Winograd injection into a ResNet and data-free scale tuning."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.nets import build_model
from jaxeff.nets.winograd import WinogradConfig, conv_layers, winograd_model
from jaxeff.ops.winograd_quant import WinogradQuant
from jaxeff.search.winograd_scales import (
    ScaleTuneConfig,
    equalized_scales,
    layer_sqnr,
    tune_scales,
)


@pytest.fixture(scope="module")
def tiny():
    model = build_model("resnet_tiny", 10)
    x = jnp.asarray(np.random.default_rng(0).normal(size=(2, 8, 8, 1)), jnp.float32)
    return model, model.init(jax.random.key(0), x), x


def test_injection_routes_3x3_stride1_and_keeps_params(tiny):
    model, variables, x = tiny
    layers = conv_layers(model, variables, x)
    assert [c.path for c in layers if c.eligible] == [
        "conv_init", "blocks_0/conv1", "blocks_0/conv2", "blocks_1/conv2"]
    assert {c.path for c in layers if not c.eligible} == {
        "blocks_1/conv1", "blocks_1/shortcut"}  # stride 2 and 1x1 stay direct
    wm = winograd_model(model, WinogradConfig(m=6))
    y0, y1 = model.apply(variables, x)[0], jax.jit(wm.apply)(variables, x)[0]
    np.testing.assert_allclose(y1, y0, atol=1e-4)
    shapes = jax.tree.map(jnp.shape, wm.init(jax.random.key(0), x)["params"])
    assert shapes == jax.tree.map(jnp.shape, variables["params"])
    # only the pattern's layers change under quantization. The residual branches'
    # last BN scale is zero-initialised (so a fresh net ignores blocks_0/conv1
    # exactly); give it unit scale so the quantized layer reaches the output.
    params = jax.tree_util.tree_map_with_path(
        lambda kp, v: jnp.ones_like(v) if "bn2" in jax.tree_util.keystr(kp)
        and "scale" in jax.tree_util.keystr(kp) else v, variables["params"])
    live = {**variables, "params": params}
    q = WinogradQuant()
    fwd = jax.jit(model.apply)
    y0 = fwd(live, x)[0]
    yq = jax.jit(winograd_model(model, WinogradConfig(
        m=4, quant=q, pattern="blocks_0/conv1")).apply)(live, x)[0]
    assert 0 < float(jnp.max(jnp.abs(yq - y0))) < 1.0
    # a pattern naming only an ineligible (stride-2) layer changes nothing
    yn = jax.jit(winograd_model(model, WinogradConfig(
        m=4, quant=q, pattern="blocks_1/conv1")).apply)(live, x)[0]
    np.testing.assert_allclose(yn, y0, atol=1e-6)
    with pytest.raises(ValueError, match="pattern"):
        WinogradConfig(pattern="(")


@pytest.mark.slow  # CI budget: ~48 s (F(6,3) compiles); the cut Winograd smoke pins learned > standard SQNR
def test_tune_scales_raises_sqnr_and_learns_cross_pattern():
    rng = np.random.default_rng(0)
    # two layers of one shape: one compile of the F(6,3) SQNR gradient (~10 s each)
    ks = {name: jnp.asarray(rng.normal(size=(3, 3, 8, 8)) / np.sqrt(9 * 8), jnp.float32)
          for name in ("l8", "l8b")}
    x = jnp.asarray(np.maximum(rng.normal(size=(2, 12, 12, 8)), 0), jnp.float32)
    q = WinogradQuant()
    s, hist = tune_scales(jax.random.key(0), ks, 6, q, ScaleTuneConfig(steps=40))
    assert hist[-1] < hist[0] - 10.0  # loss = -SQNR (dB)
    before = float(layer_sqnr(x, ks["l8"], 6, q))
    after = float(layer_sqnr(x, ks["l8"], 6, q, s))
    assert after > before + 15.0
    t = np.exp(np.asarray(s.log_b + s.log_c))
    assert t[3] / t[0] > 10 and t[4] / t[0] > 10  # the small ±2 positions grow
    assert abs(float(jnp.mean(s.log_b))) < 1e-5  # gauge fixed
    eq = equalized_scales(6)
    assert float(layer_sqnr(x, ks["l8"], 6, q, eq)) > before + 15.0
    with pytest.raises(ValueError, match="noise"):
        ScaleTuneConfig(noise="pink")
    with pytest.raises(ValueError, match="3x3"):
        tune_scales(jax.random.key(0), {"a": jnp.ones((1, 1, 2, 2))}, 4)
