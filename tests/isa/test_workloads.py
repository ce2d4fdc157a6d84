"""GEMM workloads of the asymmetric-SIMD overflow study (arXiv 2008.00638)."""

import os
import pathlib

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.isa import workloads as WL

TFL = pathlib.Path(os.environ.get("JAXEFF_DATA") or "/nonexistent") / "tflite"


class _Net(nn.Module):
    @nn.compact
    def __call__(self, x):
        x = nn.relu(nn.Conv(8, (3, 3), strides=(2, 2), padding="SAME", name="c1")(x))
        x = nn.Conv(4, (1, 1), padding="VALID", name="c2")(x)
        return nn.Dense(3, name="fc")(x.reshape(x.shape[0], -1))


def test_capture_and_lowering_match_the_layers():
    net = _Net()
    x = jax.random.normal(jax.random.key(0), (2, 8, 8, 3))
    variables = net.init(jax.random.key(1), x)
    layers = WL.capture_layers(net, variables, x)
    assert [la.name for la in layers] == ["c1", "c2", "fc"]
    assert layers[0].strides == (2, 2) and layers[1].x.min() >= 0
    for la in layers:  # im2col GEMM == the layer's own op (float)
        cols, w = WL.im2col(la)
        if la.kernel.ndim == 4:
            y = jax.lax.conv_general_dilated(la.x, la.kernel, la.strides, la.padding,
                                             dimension_numbers=("NHWC", "HWIO", "NHWC"))
        else:
            y = la.x @ la.kernel
        np.testing.assert_allclose(cols @ w, np.asarray(y).reshape(cols.shape[0], -1),
                                   atol=1e-5)
    g = WL.layer_gemm(layers[1], max_rows=10)
    assert g.a.shape == (10, 8) and g.full_rows == 32 and not g.a_signed  # ReLU: u8
    assert g.a.min() >= 0 and g.a.max() <= 255
    assert g.b.min() >= -8 and g.b.max() <= 7


def test_quantizers():
    a, signed = WL.quantize_acts(np.array([[-1.0, 0.5, 1.0]]))
    assert signed and a.tolist() == [[-127, 64, 127]]
    a, signed = WL.quantize_acts(np.array([[0.0, 1.0]]))
    assert not signed and a.tolist() == [[0, 255]]
    w = WL.quantize_w4(np.array([[1.0, -0.5], [-0.3, 0.2]]))
    assert w.tolist() == [[7, -7], [-2, 3]]  # per output channel, |max| -> 7
    with pytest.raises(ValueError, match=r"\[K, N\]"):
        WL.quantize_w4(np.zeros(3))


def test_overflow_stats_counts_constructed_overflow():
    g = WL.Gemm("x", np.full((2, 64), -128), np.full((64, 4), -8), 2, True, "test")
    recs = {(r["W"], r["mode"]): r for r in WL.overflow_stats(g, (1, 4, None))}
    assert recs[(1, "wrap")]["events"] == 0 and recs[(1, "wrap")]["wrong"] == 0
    assert recs[(4, "wrap")]["events"] == 16 and recs[(4, "wrap")]["wrong"] == 8
    assert recs[(None, "saturate")]["wrong_rate"] == 1.0
    assert recs[(None, "wrap")]["lane_instr"] == 2 * 4 * 8


@pytest.mark.skipif(not (TFL / "MANIFEST.jsonl").exists(),
                    reason="JAXEFF_DATA is unset (needs the shared tflite models)")
def test_tflite_gemms_ds_cnn():
    gs = WL.tflite_gemms(TFL / "ML-examples__ds_cnn_s_quantized.tflite", rows=16)
    assert [g.b.shape for g in gs] == [(40, 64)] + [(64, 64)] * 4 + [(64, 12)]
    assert all(g.source == "synthetic" and g.a.shape[0] == 16 for g in gs)
    assert not gs[1].a_signed and gs[1].a.min() >= 0  # zp = -128 -> u8
    assert gs[0].a_signed and jnp.asarray(gs[0].a).min() >= -128


def _summary(gs):
    """name, weight shape, full rows, signedness, sum(a), sum|b|, sum(k * b[k])."""
    k = [np.arange(1, g.b.shape[0] + 1)[:, None] for g in gs]
    return [(g.name, g.b.shape, g.full_rows, g.a_signed, int(g.a.sum()),
             int(np.abs(g.b).sum()), int((g.b * ki).sum())) for g, ki in zip(gs, k)]


@pytest.mark.skipif(not (TFL / "MANIFEST.jsonl").exists(),
                    reason="JAXEFF_DATA is unset (needs the shared tflite models)")
def test_tflite_gemms_pinned():
    """Workloads pinned at the switch to jaxeff.gnn.tflite (now jaxeff.tflite;
    identical to the former pure-Python reader): op order, shapes, s4 weights,
    synthetic codes, and the LSTM's 49-fold shared FC weights kept once."""
    gs = WL.tflite_gemms(TFL / "ML-examples__ds_cnn_s_quantized.tflite", rows=32, seed=3)
    assert _summary(gs) == [
        ("2:CONV_2D", (40, 64), 125, True, -6114, 5972, -4569),
        ("4:CONV_2D", (64, 64), 125, False, 261889, 9664, -38185),
        ("6:CONV_2D", (64, 64), 125, False, 258082, 9774, -17971),
        ("8:CONV_2D", (64, 64), 125, False, 260470, 9345, -17443),
        ("10:CONV_2D", (64, 64), 125, False, 262922, 9480, 13425),
        ("13:FULLY_CONNECTED", (64, 12), 1, False, 263206, 2452, -16254)]
    gs = WL.tflite_gemms(TFL / "ML-examples__basic_lstm_quantized_small.tflite", rows=32,
                         seed=3)
    assert _summary(gs) == [
        ("6:FULLY_CONNECTED", (118, 472), 1, True, -8002, 111402, 246432),
        ("9:FULLY_CONNECTED", (10, 472), 1, True, -1661, 14159, -2447),
        ("694:FULLY_CONNECTED", (118, 12), 1, True, 601, 2912, 696)]
