"""Int8 QAT SESR (issue 21 item 1): the QAT forward is the exported int8 TFLite's
computation. On a tiny collapsed SESR (m=1, f=4) with random weights and slopes:
Int8SESR(x) == to_jax int8 of the export == LiteRT reference kernels, bit for bit
(the issue's bar is >= 99.9 % identical, none off by > 1 LSB), x2 and x4."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.nets.sesr_export import (
    calibrate_sesr,
    export_int8,
    jax_int8,
    quantize_input,
)
from jaxeff.nets.sesr_qat8 import (
    Int8SESR,
    act_names,
    export_qat8,
    init_qat8,
    named_ranges,
)
from jaxeff.tflite.compare import match_stats, run_litert

pytest.importorskip("ai_edge_litert")


def _image(h, w, seed):
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w]
    x = 0.5 + 0.3 * np.sin(yy / 2.0 + seed) * np.cos(xx / 3.0) + 0.1 * rng.random((h, w))
    return (np.round(np.clip(x, 16 / 255, 235 / 255) * 255) / 255).astype(np.float32)


def _tiny(scale, seed=0):
    rng = np.random.default_rng(seed)
    f = 4
    p = {"first": rng.normal(0, 0.3, (5, 5, 1, f)),
         "block_0": rng.normal(0, 0.3, (3, 3, f, f)),
         "last": rng.normal(0, 0.1, (5, 5, f, scale * scale)),
         "alpha_0": rng.uniform(-0.3, 0.4, f)}
    return {k: v.astype(np.float32) for k, v in p.items()}


def test_qat_forward_equals_litert_reference_kernels():
    p = _tiny(2)
    ranges = calibrate_sesr(p, [_image(9, 11, 1)])
    model, v = init_qat8(p, ranges)
    x = _image(7, 9, 3)
    buf = export_qat8(model, v, x.shape)
    ref = run_litert(buf, [quantize_input(buf, x)], resolver="ref")[0][0]
    y = np.asarray(jax.jit(lambda z: model.apply(v, z)[0])(jnp.asarray(x)[None, ..., None]))
    qat = np.round(y.astype(np.float64) * 255 - 128).astype(np.int8)
    assert match_stats(qat, ref) == {"identical": 1.0, "n": ref.size, "max_lsb": 0}


@pytest.mark.slow
@pytest.mark.parametrize("scale", [2, 4])
def test_qat_forward_equals_jax_int8_and_litert(scale):
    p = _tiny(scale)
    ranges = calibrate_sesr(p, [_image(9, 11, 1), _image(12, 8, 2)])
    model, v = init_qat8(p, ranges)
    assert (model.m, model.f, model.scale) == (1, 4, scale)
    x = _image(10, 13, 3)  # not a calibration image, another size
    buf = export_qat8(model, v, x.shape)
    assert buf == export_int8(p, x.shape, ranges)  # same weights, same ranges
    q = quantize_input(buf, x)
    ref = run_litert(buf, [q], resolver="ref")[0][0]
    ours = jax_int8(p, x.shape, ranges)(q)
    y = np.asarray(jax.jit(lambda z: model.apply(v, z)[0])(jnp.asarray(x)[None, ..., None]))
    qat = np.round(y.astype(np.float64) * 255 - 128).astype(np.int8)
    assert ref.shape == qat.shape == (1, 10 * scale, 13 * scale, 1)
    for a, b in ((ref, ours), (qat, ours)):
        assert match_stats(a, b) == {"identical": 1.0, "n": ref.size, "max_lsb": 0}
    # the output is on the int8 grid k / 255 (the clip to [0, 1] is its saturation)
    assert np.abs(y * 255 - np.round(y * 255)).max() < 1e-4
    # the file's int8 input gives the same output as the float Y
    yq = np.asarray(model.apply(v, jnp.asarray(x)[None, ..., None], jnp.asarray(q))[0])
    np.testing.assert_array_equal(yq, y)


@pytest.mark.slow
def test_qat_gradients_reach_every_parameter():
    p = _tiny(2, seed=1)
    model, v = init_qat8(p, calibrate_sesr(p, [_image(8, 8, 4)]))
    x = jnp.asarray(_image(8, 8, 5))[None, ..., None]
    hr = jnp.asarray(_image(16, 16, 6))[None, ..., None]

    @jax.jit
    def loss_grad(params):
        return jax.value_and_grad(
            lambda pp: jnp.mean(jnp.abs(model.apply({"params": pp}, x)[0] - hr)))(params)

    loss, g = loss_grad(v["params"])
    assert np.isfinite(float(loss))
    for k, a in g.items():
        assert np.all(np.isfinite(a)) and float(jnp.abs(a).max()) > 0, k
    # a small step along -grad lowers the (quantized) loss
    step = jax.tree.map(lambda a, b: a - 0.02 * jnp.sign(b), v["params"], g)
    assert float(loss_grad(step)[0]) < float(loss)


def test_bad_inputs_name_the_problem():
    p = _tiny(2)
    ranges = calibrate_sesr(p, [_image(8, 8, 1)])
    assert list(named_ranges(p, ranges)) == act_names(1)
    assert named_ranges(p, ranges)["out"] == (0.0, 1.0)
    with pytest.raises(ValueError, match="ranges lack tensors"):
        named_ranges(p, {k: r for k, r in list(ranges.items())[1:]})
    with pytest.raises(ValueError, match="activation ranges"):
        Int8SESR(scale=2, m=1, f=4).apply({"params": p}, jnp.zeros((1, 4, 4, 1)))
    model, v = init_qat8(p, ranges)
    with pytest.raises(TypeError, match="floating"):
        model.apply(v, jnp.zeros((1, 4, 4, 1), jnp.int32))
