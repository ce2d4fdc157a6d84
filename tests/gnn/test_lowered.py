"""Rule D (issue 22 session 22): the roofline counts the MACs Vela 5.2 executes for
convolutions dilated above 2 (a zero-filled kernel, ``fixup_dilation_gt2``)."""

from __future__ import annotations

import numpy as np
import pytest

from jaxeff.gnn.baselines import NNMeter, executed_macs_factor, roof_terms
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.int8 import calibrate, quantize_int8
from jaxeff.gnn.realeval import record_of
from jaxeff.tflite import save_tflite


def _rec(tmp_path, name="d.tflite"):
    b = NetBuilder(np.random.default_rng(0))
    x = b.input((1, 40, 40, 8))
    y = b.conv(x, 8, 3, dilation=16)            # 17 x 17 taps: 289 / 9
    y = b.conv(y, 8, 3, dilation=3)             # odd: 7 x 7 taps: 49 / 9
    y = b.conv(y, 8, (3, 1), dilation=(8, 1))   # 9 x 1 taps: 9 / 3
    y = b.dwconv(y, 3, dilation=2)              # the hardware's own dilation: 1
    y = b.conv(y, 8, 3, dilation=(4, 1))        # 5 x 3 taps: 15 / 9
    g = b.finish([b.conv(y, 4, 1)])
    save_tflite(quantize_int8(g, calibrate(g, seed=0, samples=1)), tmp_path / name)
    return record_of(tmp_path / name)


def test_executed_macs_factor_is_vela_kernel_expansion(tmp_path):
    rec = _rec(tmp_path)
    f = executed_macs_factor(rec)
    conv = [i for i, t in enumerate(rec["ops"]) if t in ("CONV_2D", "DEPTHWISE_CONV_2D")]
    np.testing.assert_allclose(f[conv], [289 / 9, 49 / 9, 9 / 3, 1.0, 15 / 9, 1.0])
    assert (f[[i for i in range(rec["n_ops"]) if i not in conv]] == 1).all()
    plain, low = roof_terms(rec, "u55"), roof_terms(rec, "u55", lowered=True)
    np.testing.assert_allclose(low[:, 0], plain[:, 0] * f)
    np.testing.assert_array_equal(low[:, 1:], plain[:, 1:])


def test_lowered_forests_round_trip_and_refuse_cycles(tmp_path):
    recs = [_rec(tmp_path, f"d{i}.tflite") for i in range(2)]
    for i, r in enumerate(recs):
        r["u55_op_cycles"] = np.arange(1.0, r["n_ops"] + 1) * 1000 * (i + 1)
    m = NNMeter(trees_scale=0.05, target="ratio", lowered=True).fit(recs, "u55_op_cycles")
    back = NNMeter.from_arrays(*m.to_arrays())
    assert back.lowered and m.to_arrays()[1]["lowered"] is True
    np.testing.assert_array_equal(back.predict_ops(recs[0]), m.predict_ops(recs[0]))
    plain = NNMeter(trees_scale=0.05, target="ratio").fit(recs, "u55_op_cycles")
    assert "lowered" not in plain.to_arrays()[1]  # older files stay as they were
    assert not np.allclose(plain.predict_ops(recs[0]), m.predict_ops(recs[0]))
    with pytest.raises(ValueError, match="lowered roofline needs a ratio target"):
        NNMeter(target="cycles", lowered=True)
    arrays, meta = m.to_arrays()
    with pytest.raises(ValueError, match="lowered must be a bool"):
        NNMeter.from_arrays(arrays, {**meta, "lowered": "yes"})


def test_study_flag():
    from experiments import perfsage

    cfg, _, _ = perfsage.parse(["--smoke", "--forest-target", "ratio", "--forest-lowered"])
    assert cfg.forest_lowered and cfg.forest_target == "ratio"
    assert not perfsage.parse(["--smoke"])[0].forest_lowered


def _resize_rec(tmp_path):
    b = NetBuilder(np.random.default_rng(0))
    x = b.input((1, 8, 8, 16))
    y = b.resize(x, (16, 16), "bilinear")          # x2: 16*16*16 outputs x 4
    y = b.resize(y, (128, 128), "bilinear")        # x8: 128*128*16 x 64
    z = b.resize(b.mean(x, (1, 2), True), (8, 8), "bilinear")  # from 1 x 1: an ADD
    n = b.resize(x, (32, 32), "nearest")           # nearest: unchanged
    g = b.finish([y, z, n])
    save_tflite(quantize_int8(g, calibrate(g, seed=0, samples=1)), tmp_path / "r.tflite")
    return record_of(tmp_path / "r.tflite")


def test_resize_ops_are_vela_average_pool_taps(tmp_path):
    from jaxeff.gnn.baselines import resize_ops

    rec = _resize_rec(tmp_path)
    ro = resize_ops(rec)
    got = {(t, i): ro[i] for i, t in enumerate(rec["ops"]) if t.startswith("RESIZE")}
    assert sorted(v for (t, _), v in got.items() if t == "RESIZE_BILINEAR") == sorted(
        [16 * 16 * 16 * 4, 128 * 128 * 16 * 64, 8 * 8 * 16])
    assert [v for (t, _), v in got.items() if t == "RESIZE_NEAREST_NEIGHBOR"] == [0]
    d, e = roof_terms(rec, "u55", lowered=True), roof_terms(rec, "u55", True, resize=True)
    k = [i for i, t in enumerate(rec["ops"]) if t == "RESIZE_BILINEAR"]
    np.testing.assert_allclose(e[k, 0], ro[k] / 128)  # U55-128: 128 operations a cycle
    keep = [i for i in range(rec["n_ops"]) if i not in k]
    np.testing.assert_array_equal(e[keep], d[keep])


def test_resize_lowered_forests_round_trip_and_refusal(tmp_path):
    rec = _resize_rec(tmp_path)
    rec["u55_op_cycles"] = np.arange(1.0, rec["n_ops"] + 1) * 1000
    m = NNMeter(trees_scale=0.05, target="ratio", lowered=True, resize_lowered=True).fit(
        [rec], "u55_op_cycles")
    back = NNMeter.from_arrays(*m.to_arrays())
    assert back.resize_lowered and back.lowered
    np.testing.assert_array_equal(back.predict_ops(rec), m.predict_ops(rec))
    with pytest.raises(ValueError, match="resize_lowered needs lowered"):
        NNMeter(target="ratio", resize_lowered=True)
    arrays, meta = m.to_arrays()
    with pytest.raises(ValueError, match="resize_lowered must be a bool"):
        NNMeter.from_arrays(arrays, {**meta, "lowered": False, "resize_lowered": True})
    from experiments import perfsage

    cfg = perfsage.parse(["--smoke", "--forest-target", "ratio", "--forest-lowered",
                          "--forest-resize"])[0]
    assert cfg.forest_resize and cfg.forest_lowered
