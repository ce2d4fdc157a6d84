"""Review fixes of ``to_jax`` and its helpers (issue 16): hybrid filters, mixed input
dtypes, omitted biases, the batch-dependent MEAN count, errors collected before
running, LiteRT input checks, reader/writer validation, the single-rounding shift
saturation. Small graphs written with jaxeff's writer, checked against LiteRT
BUILTIN_REF where a value is compared."""

import gc
import warnings

import jax
import numpy as np
import pytest

pytest.importorskip("ai_edge_litert")
from jaxeff.tflite import Op, OpGraph, Tensor, TFLiteError, write_tflite
from jaxeff.tflite.compare import _agree, format_agreement, run_litert
from jaxeff.tflite.interpreter import UnsupportedOpsError, to_jax
from jaxeff.tflite.qmath import mbqm_single, np_mbqm_single, quantize_multiplier


def _q(name, shape, dt="int8", scale=0.1, zp=0, data=None, qd=0):
    return Tensor(name, shape, dt, data=data, scale=np.atleast_1d(np.float32(scale)),
                  zero_point=np.atleast_1d(np.asarray(zp, np.int64)), quant_dim=qd)


def _run_both(model, xs):
    fn, params = to_jax(model)
    ours = [np.asarray(v) for v in jax.jit(fn)(params, *xs)]
    ref, _ = run_litert(model, xs, "ref")
    return ours, ref


def _conv_graph(w_dtype="float32", bias=True, b_dtype="float32"):
    rng = np.random.default_rng(0)
    w = rng.uniform(-1, 1, (3, 3, 3, 2)).astype(np.float32)
    ts = [Tensor("x", (1, 5, 5, 2))]
    if w_dtype == "int8":
        ts.append(_q("w8", (3, 3, 3, 2), data=np.round(w * 100).astype(np.int8),
                     scale=np.full(3, 0.01), zp=np.zeros(3), qd=0))
    else:
        ts.append(Tensor("w", (3, 3, 3, 2), data=w))
    ins = [0, 1]
    if bias:
        ts.append(Tensor("b", (3,), b_dtype, data=np.arange(3).astype(b_dtype)))
        ins.append(2)
    ts.append(Tensor("y", (1, 5, 5, 3)))
    op = Op("CONV_2D", tuple(ins), (len(ts) - 1,),
            {"padding": "SAME", "stride_h": 1, "stride_w": 1})
    return OpGraph(ts, [op], (0,), (len(ts) - 1,))


def test_hybrid_int8_filter_and_int_bias_on_float_conv_are_listed():
    with pytest.raises(UnsupportedOpsError, match=r"int8 filter 'w8' \(hybrid"):
        to_jax(write_tflite(_conv_graph("int8")))
    with pytest.raises(UnsupportedOpsError, match=r"int32 bias 'b'"):
        to_jax(write_tflite(_conv_graph(b_dtype="int32")))


def test_conv_and_fc_without_bias_match_litert():
    """LiteRT's CONV_2D needs a bias tensor; to_jax also runs a 2-input conv, equal to
    LiteRT's with a zero bias. A 2-input FULLY_CONNECTED runs in both."""
    x = np.random.default_rng(1).standard_normal((1, 5, 5, 2)).astype(np.float32)
    g = _conv_graph(bias=False)
    fn, params = to_jax(write_tflite(g))
    two = np.asarray(fn(params, x)[0])
    g = _conv_graph()
    g.tensors[2].data = np.zeros(3, np.float32)
    ref, _ = run_litert(write_tflite(g), [x], "ref")
    np.testing.assert_allclose(two, ref[0], rtol=1e-5, atol=1e-5)
    w = np.random.default_rng(2).integers(-127, 128, (3, 6)).astype(np.int8)
    g = OpGraph([_q("x", (2, 6), scale=0.05, zp=3), _q("w", (3, 6), data=w, scale=0.02),
                 _q("y", (2, 3), scale=0.3, zp=-5)],
                [Op("FULLY_CONNECTED", (0, 1), (2,))], (0,), (2,))
    xq = np.random.default_rng(3).integers(-128, 128, (2, 6)).astype(np.int8)
    ours, ref = _run_both(write_tflite(g), [xq])
    np.testing.assert_array_equal(ours[0], ref[0])


@pytest.mark.parametrize("op", ["ADD", "MAXIMUM", "PRELU"])
def test_mixed_input_dtypes_are_listed(op):
    g = OpGraph([Tensor("a", (1, 4)), _q("b", (1, 4), data=np.ones((1, 4), np.int8)),
                 Tensor("y", (1, 4))], [Op(op, (0, 1), (2,))], (0,), (2,))
    with pytest.raises(UnsupportedOpsError, match=r"mixed input dtypes float32 and int8"):
        to_jax(write_tflite(g))


def test_quantized_mean_over_batch_uses_runtime_count():
    g = OpGraph([_q("x", (1, 4), scale=1.0), Tensor("ax", (1,), "int32",
                                                    data=np.array([0], np.int32)),
                 _q("y", (4,), scale=1.0)],
                [Op("MEAN", (0, 1), (2,), {"keep_dims": False})], (0,), (2,))
    x = np.array([[0, 0, 0, 0], [20, 40, 60, 80]], np.int8)
    ours, ref = _run_both(write_tflite(g), [x])
    np.testing.assert_array_equal(ref[0], [10, 20, 30, 40])
    np.testing.assert_array_equal(ours[0], ref[0])


def test_prepare_errors_all_collected_with_op_index():
    ts = [_q("x", (1, 4)), _q("y", (1, 4)), _q("z", (1, 4), scale=0.0), _q("w", (1, 4))]
    ops = [Op("ADD", (0, 0), (1,), {"fused_activation_function": "TANH"}),
           Op("RELU", (1,), (2,)), Op("ABS", (2,), (3,))]
    with pytest.raises(UnsupportedOpsError) as e:
        to_jax(write_tflite(OpGraph(ts, ops, (0,), (3,))))
    msg = str(e.value)
    assert "3 op(s)" in msg, msg
    assert "ADD (NotImplementedError: fused activation TANH" in msg
    assert "op 0 ('x', 'x' -> 'y')" in msg
    assert "RELU (ValueError: multiplier must be finite" in msg and "op 1 (" in msg
    assert "ABS x1: op 2 ('z' -> 'w')" in msg


def test_run_litert_checks_inputs_and_agree_mixed_outputs():
    g = OpGraph([Tensor("a", (1, 4)), Tensor("b", (1, 4)), Tensor("y", (1, 4))],
                [Op("ADD", (0, 1), (2,))], (0, 1), (2,))
    m = write_tflite(g)
    x = np.ones((1, 4), np.float32)
    with pytest.raises(ValueError, match="2 inputs, got 1"):
        run_litert(m, [x])
    with pytest.raises(ValueError, match=r"inputs\[1\] \('b'\) must be float32"):
        run_litert(m, [x, x.astype(np.int8)])
    out, _ = run_litert(m, [np.ones((3, 4), np.float32)] * 2)  # another batch
    np.testing.assert_array_equal(out[0], 2 * np.ones((3, 4)))
    a = _agree([np.array([1, 2], np.int8), np.array([1.0, 2.0], np.float32)],
               [np.array([1, 4], np.int8), np.array([1.0, 2.5], np.float32)])
    assert a == {"identical": 0.5, "max_lsb": 2, "max_rel": 0.2}
    assert format_agreement(a) == "50.0 % identical, max 2 LSB, max rel 2.0e-01"


def _fc_int8(**wq):
    w = np.ones((3, 4), np.int8)
    return OpGraph([_q("x", (1, 4)), Tensor("w", (3, 4), "int8", data=w, **wq),
                    _q("y", (1, 3))], [Op("FULLY_CONNECTED", (0, 1), (2,))], (0,), (2,))


@pytest.mark.parametrize("wq,msg", [
    ({"scale": np.ones(3, np.float32), "zero_point": np.zeros(2, np.int64)},
     "3 scales but 2 zero points"),
    ({"scale": np.ones(3, np.float32), "zero_point": np.zeros(3, np.int64), "quant_dim": 2},
     "quantized dimension 2 is outside"),
    ({"scale": np.ones(4, np.float32), "zero_point": np.zeros(4, np.int64), "quant_dim": 0},
     "4 scales for 3 channels"),
])
def test_reader_rejects_inconsistent_quantization(wq, msg):
    with pytest.raises(TFLiteError, match=msg):
        to_jax(write_tflite(_fc_int8(**wq)))


def test_reader_rejects_omitted_output():
    g = OpGraph([Tensor("x", (1, 4)), Tensor("y", (1, 4))],
                [Op("RELU", (0,), (-1,)), Op("RELU", (0,), (1,))], (0,), (1,))
    with pytest.raises(TFLiteError, match=r"op 0 has an omitted \(-1\) output"):
        to_jax(write_tflite(g))


def test_writer_names_unknown_op_and_unwritable_dtype():
    g = OpGraph([Tensor("x", (1, 4)), Tensor("y", (1, 4))], [Op("NO_SUCH_OP", (0,), (1,))],
                (0,), (1,))
    with pytest.raises(ValueError, match="op 0: unknown op type 'NO_SUCH_OP'"):
        write_tflite(g)
    g = OpGraph([Tensor("s", (2,), "string", data=np.zeros(2, np.uint8)),
                 Tensor("y", (2,))], [Op("RELU", (0,), (1,))], (0,), (1,))
    with pytest.raises(ValueError, match=r"tensor 0 's'.*'string' cannot be written"):
        write_tflite(g)


def test_single_rounding_saturates_shift_above_30():
    """TFLite's QuantizeMultiplier in a TFLITE_SINGLE_ROUNDING build stores a shift
    above 30 as (2^31 - 1, 30) (quantization_util.cc); both implementations do so."""
    q, sh = quantize_multiplier(2.0**40)
    assert sh == 41
    x = np.array([0, 1, -1, 7, -100, 2**20], np.int32)
    want = np_mbqm_single(x.astype(np.int64), 2**31 - 1, 30)
    np.testing.assert_array_equal(np_mbqm_single(x, q, sh), want)
    np.testing.assert_array_equal(np.asarray(mbqm_single(x, q, sh)), want)
    assert want[1] == 2**30  # M = (2^31 - 1) * 2^-1, one rounding


def test_vela_closes_its_csv_files(tmp_path):
    from jaxeff.tflite import vela

    if not vela.vela_available():
        pytest.skip("ethos-u-vela missing")
    g = OpGraph([_q("x", (1, 4)), _q("y", (1, 4))], [Op("RELU", (0,), (1,))], (0,), (1,))
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        vela.compile_model(write_tflite(g))
        gc.collect()
    assert not [x for x in w if issubclass(x.category, ResourceWarning)]
