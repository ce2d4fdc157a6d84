"""Rules S and R' (issue 22, session 32 addendum 3). S: a TRANSPOSE_CONV with stride 1,
which Vela runs as a plain convolution, is predicted by the CONV_2D forest
(``baselines.stride1_tconvs``, ``NNMeter.predict_ops(tconv1=True)``). R': rule R's
streaming ratio read per op type where training holds enough weight-dominated operators
of it (``NNMeter.weight_stream_ratio(min_ops=...)``), the pooled one elsewhere."""

from __future__ import annotations

import numpy as np
import pytest

from jaxeff.gnn.baselines import NNMeter, roof_terms, stride1_tconvs
from jaxeff.gnn.bounds import node_box
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.int8 import calibrate, quantize_int8
from jaxeff.gnn.realeval import record_of
from jaxeff.tflite import save_tflite
from tests.gnn.test_weight_rule import COL, _rec


def _save(tmp_path, name, g):
    save_tflite(quantize_int8(g, calibrate(g, seed=0, samples=1)), tmp_path / name)
    return record_of(tmp_path / name)


def _pair(tmp_path, name, side, cin, cout, stride):
    """A 3x3 CONV_2D and a 3x3 TRANSPOSE_CONV (``stride``) of the same channels, labelled
    like Vela: the conv 1.0 x its MAC term, the stride-2 transposed conv 4 x."""
    b = NetBuilder(np.random.default_rng(0))
    y = b.conv(b.input((1, side, side, cin)), cout, 3)
    z = b.transpose_conv(b.input((1, side, side, cin)), cout, 3, stride)
    rec = _save(tmp_path, name, b.finish([y, z]))
    t = roof_terms(rec, "u55")
    rec["u55_op_cycles"] = np.where([o == "CONV_2D" for o in rec["ops"]], 1.0, 4.0) * t[:, 0]
    return rec


@pytest.fixture(scope="module")
def fitted(tmp_path_factory):
    d = tmp_path_factory.mktemp("tc")
    train = [_pair(d, f"t{i}.tflite", s, c, c, 2)
             for i, (s, c) in enumerate([(8, 16), (16, 8), (12, 24), (10, 32), (14, 16)])]
    m = NNMeter(trees_scale=0.05, target="ratio").fit(train, "u55_op_cycles")
    return m, _pair(d, "s1.tflite", 12, 16, 16, 1), _pair(d, "s2.tflite", 12, 16, 16, 2)


def test_stride1_tconvs_finds_only_stride_one(fitted):
    _, s1, s2 = fitted
    assert stride1_tconvs(s1).tolist() == [o == "TRANSPOSE_CONV" for o in s1["ops"]]
    assert not stride1_tconvs(s2).any()


def test_rule_s_predicts_a_stride_one_transpose_conv_as_the_conv(fitted):
    m, s1, s2 = fitted
    k = list(s1["ops"]).index("TRANSPOSE_CONV")
    c = list(s1["ops"]).index("CONV_2D")
    t = roof_terms(s1, "u55")
    assert t[k, 0] == pytest.approx(t[c, 0])  # the same MACs as the conv beside it
    plain, ruled = m.predict_ops(s1), m.predict_ops(s1, tconv1=True)
    assert plain[k] > 2 * t[k, 0]  # the stride-2 type's ratio (about 4 in training)
    assert ruled[k] == pytest.approx(ruled[c], rel=1e-9)  # the conv's forest, same shape
    assert ruled[k] == pytest.approx(t[k, 0], rel=0.25) and ruled[k] < 0.5 * plain[k]
    assert ruled[c] == plain[c]
    # a stride-2 one, and a graph without any, are left alone
    np.testing.assert_array_equal(m.predict_ops(s2, tconv1=True), m.predict_ops(s2))


@pytest.fixture(scope="module")
def streamed(tmp_path_factory):
    d = tmp_path_factory.mktemp("rp")
    train = [_rec(d, f"t{i}.tflite", s, c, c // 2, f)
             for i, (s, c, f) in enumerate([(8, 16, 64), (16, 32, 96), (12, 24, 128),
                                            (20, 16, 80)])]
    m = NNMeter(trees_scale=0.05, target="ratio").fit(train, "u55_op_cycles")
    return m, node_box(train)[1][:, COL], train, _rec(d, "big.tflite", 1, 64, 32, 512)


def test_per_type_ratio_and_its_use(streamed):
    m, hi, train, rec = streamed
    pooled = m.weight_stream_ratio(train, "u55_op_cycles")
    per = m.weight_stream_ratio(train, "u55_op_cycles", min_ops=4)
    # the FCs (labelled 1.1 x their weight term) get their own ratio; the few
    # weight-dominated TRANSPOSE_CONVs fall back to the pooled one
    assert per["*"] == pooled and per["FULLY_CONNECTED"] == pytest.approx(1.1)
    assert "TRANSPOSE_CONV" not in per
    assert set(m.weight_stream_ratio(train, "u55_op_cycles", min_ops=10 ** 6)) == {"*"}
    ops = list(rec["ops"][: rec["n_ops"]])
    k, f = ops.index("TRANSPOSE_CONV"), ops.index("FULLY_CONNECTED")
    t = roof_terms(rec, "u55")
    _, clipped = m.clip_weights(rec, hi)
    at_clip = m.predict_ops(clipped)
    typed = m.predict_ops(rec, hi, stream={"*": 0.5, "FULLY_CONNECTED": 2.0})
    assert typed[f] == pytest.approx(max(at_clip[f], 2.0 * t[f, 2]), rel=1e-12)
    assert typed[k] == pytest.approx(max(at_clip[k], 0.5 * t[k, 2]), rel=1e-12)
    assert typed[f] == pytest.approx(2.0 * t[f, 2], rel=1e-12)  # the FC's own, not 0.5
    # a dict of one pooled ratio is rule R
    np.testing.assert_allclose(m.predict_ops(rec, hi, stream={"*": 0.9}),
                               m.predict_ops(rec, hi, stream=0.9), rtol=1e-12)
    with pytest.raises(ValueError, match="pooled ratio under"):
        m.predict_ops(rec, hi, stream={"FULLY_CONNECTED": 1.0})
    with pytest.raises(ValueError, match="min_ops must be"):
        m.weight_stream_ratio(train, "u55_op_cycles", min_ops=0)


def test_predictor_refusals_and_the_file_check():
    from jaxeff.gnn.fit import FitConfig, Predictor, _check_stream_types

    meters = {"u55_latency_ms": None}
    assert _check_stream_types({"u55_latency_ms": {"*": 1, "CONV_2D": 0.9}}, meters) == {
        "u55_latency_ms": {"*": 1.0, "CONV_2D": 0.9}}
    for bad in ({"u55_latency_ms": {"CONV_2D": 0.9}}, {"u65_latency_ms": {"*": 1.0}},
                {"u55_latency_ms": {"*": 0.0}}, {"u55_latency_ms": {"*": True}},
                {"u55_latency_ms": 0.9}):
        with pytest.raises(ValueError, match="weight_stream_types"):
            _check_stream_types(bad, meters)
    p = Predictor(params=None, scaler=None, targets=(), config=FitConfig())
    with pytest.raises(ValueError, match="rule S needs a stacked predictor"):
        p.with_tconv_rule()
