"""Trained collapsed SESR -> int8 TFLite vs the JAX int8 model (issue 21 item 1)."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff import weights
from jaxeff.nets.sesr import CollapsedSESR
from jaxeff.nets.sesr_export import (
    calibrate_sesr,
    collapsed_shape,
    export_int8,
    jax_int8,
    quantize_input,
)
from jaxeff.tflite.compare import match_stats, run_litert
from jaxeff.tflite.vela import vela_available

pytest.importorskip("ai_edge_litert")


def _shipped(scale):
    card = next(c for c in weights.cards() if c["name"] == f"sesr_m5_x{scale}_collapsed")
    return weights.load(card)


def _image(h, w, seed):
    yy, xx = np.mgrid[0:h, 0:w]
    rng = np.random.default_rng(seed)
    x = 0.5 + 0.3 * np.sin(yy / 3.0 + seed) * np.cos(xx / 4.0) + 0.05 * rng.random((h, w))
    return (np.round(np.clip(x, 16 / 255, 235 / 255) * 255) / 255).astype(np.float32)


@pytest.mark.parametrize("scale", [2, 4])
def test_litert_equals_jax_int8_and_tracks_float(scale):
    v = _shipped(scale)
    p = v["params"]
    assert collapsed_shape(p) == (5, 16, scale)
    ranges = calibrate_sesr(p, [_image(10, 14, 1), _image(16, 12, 2)])
    x = _image(12, 10, 3)  # not a calibration image, another size
    buf = export_int8(p, x.shape, ranges)
    q = quantize_input(buf, x)
    ours = jax_int8(p, x.shape, ranges)(q)
    ref = run_litert(buf, [q], resolver="ref")[0][0]
    assert ref.shape == ours.shape == (1, 12 * scale, 10 * scale, 1)
    assert match_stats(ref, ours) == {"identical": 1.0, "n": ref.size, "max_lsb": 0}
    # int8 output = Y on [0, 1] in steps of 1/255: close to the float model
    yf = np.asarray(CollapsedSESR(scale=scale, m=5, f=16).apply(v, jnp.asarray(x)[None, ..., None])[0])
    err = np.abs((ours.astype(np.float32) + 128) / 255 - yf) * 255
    assert err.max() < 6 and err.mean() < 1.0


def test_export_bad_inputs():
    p = dict(_shipped(2)["params"])
    with pytest.raises(ValueError, match="images"):
        calibrate_sesr(p, [])
    with pytest.raises(ValueError, match="images must be"):
        calibrate_sesr(p, [np.zeros((2, 3, 4))])
    del p["alpha_0"]
    with pytest.raises(ValueError, match="alpha_0"):
        collapsed_shape(p)
    with pytest.raises(ValueError, match="first"):
        collapsed_shape({"last": np.zeros((5, 5, 16, 4))})


@pytest.mark.skipif(not vela_available(), reason="needs ethos-u-vela")
def test_trained_export_compiles_with_zero_cpu_ops():
    from jaxeff.nets.sesr_npu import vela

    p = _shipped(2)["params"]
    buf = export_int8(p, (16, 16), calibrate_sesr(p, [_image(16, 16, 0)]))
    v = vela(buf, "u55-128")
    assert v.cpu_ops == 0 and "TransposeConv2D" in v.original_ops
