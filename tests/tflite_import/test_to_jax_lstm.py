"""UNIDIRECTIONAL_SEQUENCE_LSTM in ``to_jax``: the shared int8 8x8_16 LSTM bit-exact
against LiteRT BUILTIN_REF (on the LSTM's own output, not only the softmax), a float
LSTM written with jaxeff's writer within 1e-4, and the gemmlowp 16-bit tables."""

import os
import pathlib

import jax
import numpy as np
import pytest

pytest.importorskip("ai_edge_litert")
from jaxeff.tflite import Op, OpGraph, Tensor, write_tflite
from jaxeff.tflite.compare import match_stats, random_inputs, run_litert
from jaxeff.tflite.fixedpoint16 import logistic_table, tanh_table
from jaxeff.tflite.interpreter import (
    UnsupportedOpsError,
    input_specs,
    read_graph,
    to_jax,
)

LSTM = (pathlib.Path(os.environ.get("JAXEFF_DATA", "/work/shared/data")) / "tflite"
        / "test_data__keras_lstm_mnist_ptq.tflite")


@pytest.mark.skipif(not LSTM.is_file(), reason="shared TFLite models not available")
def test_int8_lstm_hidden_sequence_bit_exact():
    g = read_graph(LSTM)
    lstm = next(op for op in g.ops if op.type == "UNIDIRECTIONAL_SEQUENCE_LSTM")
    g.outputs = (lstm.outputs[0], *g.outputs)  # expose the [1, 28, 20] int8 sequence
    model = write_tflite(g)
    fn, params = to_jax(model)
    jf = jax.jit(fn)
    for seed in range(3):
        x = random_inputs(input_specs(model), seed)
        ours = [np.asarray(v) for v in jf(params, *x)]
        ref, _ = run_litert(model, x, "ref")
        assert np.unique(ref[0]).size > 100  # a non-degenerate sequence
        for a, b in zip(ours, ref, strict=True):
            assert match_stats(a, b)["identical"] == 1.0, (seed, match_stats(a, b))


def test_gemmlowp_tables():
    """Q3.12 -> Q0.15: 1/2 and 0 at the origin, the symmetries the C code builds in
    (``s(-x) = 1 - s(x)`` with 1 = 32767, tanh odd), within 2e-4 (logistic) / 4e-4
    (tanh) of the real functions (not monotone: a fixed-point approximation)."""
    x = np.arange(-32768, 32768)
    s, t = logistic_table(3), tanh_table(3)
    assert s[32768] == 16384 and t[32768] == 0
    np.testing.assert_array_equal(s[32769:] + s[32767:0:-1], 32767)
    np.testing.assert_array_equal(t[32769:], -t[32767:0:-1])  # tanh(-x) = -tanh(x)
    np.testing.assert_allclose(s / 32768, 1 / (1 + np.exp(-x / 4096)), atol=2e-4)
    np.testing.assert_allclose(t / 32768, np.tanh(x / 4096), atol=4e-4)


def _float_lstm_graph(n_b=2, n_t=5, n_in=3, n_cell=4, clip=0.0):
    rng = np.random.default_rng(0)
    ts = [Tensor("x", (n_b, n_t, n_in))]
    ins = [0]
    for k in range(8):  # input-to-gate, then recurrent-to-gate weights (i, f, c, o)
        shp = (n_cell, n_in) if k < 4 else (n_cell, n_cell)
        ts.append(Tensor(f"w{k}", shp, data=rng.uniform(-0.8, 0.8, shp).astype(np.float32)))
        ins.append(len(ts) - 1)
    ins += [-1, -1, -1]
    for k in range(4):
        ts.append(Tensor(f"b{k}", (n_cell,), data=rng.uniform(-0.5, 0.5, n_cell).astype(np.float32)))
        ins.append(len(ts) - 1)
    ins += [-1, -1]
    ts.append(Tensor("h", (n_b, n_cell), is_variable=True))
    ts.append(Tensor("c", (n_b, n_cell), is_variable=True))
    ins += [len(ts) - 2, len(ts) - 1, -1, -1, -1, -1]
    ts.append(Tensor("y", (n_b, n_t, n_cell)))
    op = Op("UNIDIRECTIONAL_SEQUENCE_LSTM", tuple(ins), (len(ts) - 1,),
            {"fused_activation_function": "TANH", "cell_clip": clip, "proj_clip": 0.0,
             "time_major": False}, options_type="UnidirectionalSequenceLSTMOptions")
    return OpGraph(ts, [op], (0,), (len(ts) - 1,))


@pytest.mark.parametrize("clip", [0.0, 0.5])
def test_float_lstm_matches_litert(clip):
    model = write_tflite(_float_lstm_graph(clip=clip))
    fn, params = to_jax(model)
    x = np.random.default_rng(1).standard_normal((2, 5, 3)).astype(np.float32) * 2
    ours = np.asarray(jax.jit(fn)(params, x)[0])
    ref, _ = run_litert(model, [x], "ref")
    np.testing.assert_allclose(ours, ref[0], rtol=1e-4, atol=1e-5)


def test_lstm_variants_listed():
    g = _float_lstm_graph()
    op = g.ops[0]
    g.ops[0] = Op(op.type, op.inputs, op.outputs, {**op.options, "time_major": True},
                  options_type=op.options_type)
    with pytest.raises(UnsupportedOpsError, match="time-major"):
        to_jax(write_tflite(g))
