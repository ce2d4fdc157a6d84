"""Rule L (issue 22 session 28): the forests' roofline counts the MACs of channel-padded
tensors (output depth to the NPU's micro-block of 8, input depth to a granule G)."""

from __future__ import annotations

import numpy as np
import pytest

from jaxeff.gnn.baselines import NNMeter, padded_macs_factor, roof_terms
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.int8 import calibrate, quantize_int8
from jaxeff.gnn.realeval import record_of
from jaxeff.tflite import save_tflite


def _rec(tmp_path, name="p.tflite"):
    b = NetBuilder(np.random.default_rng(0))
    x = b.input((1, 12, 12, 17))
    y = b.conv(x, 19, 3)        # C_in 17, C_out 19
    y = b.dwconv(y, 3)          # C 19
    y = b.conv(y, 16, 1)        # C_in 19, C_out 16
    y = b.conv(y, 32, 3)        # C_in 16, C_out 32
    y = b.add(y, y)
    y = b.fc(b.reshape(y, (1, 12 * 12 * 32)), 10)  # C_in 4608, C_out 10
    g = b.finish([y])
    save_tflite(quantize_int8(g, calibrate(g, seed=0, samples=1)), tmp_path / name)
    return record_of(tmp_path / name)


def _ceil(c, n):
    return -(-c // n) * n


@pytest.mark.parametrize("g", [8, 16, 32])
def test_padded_factor_is_channel_padding(tmp_path, g):
    rec = _rec(tmp_path)
    f = padded_macs_factor(rec, g)
    ops = list(rec["ops"][: rec["n_ops"]])
    convs = iter([(17, 19), (19, 16), (16, 32)])  # (C_in, C_out) in graph order
    want = []
    for t in ops:
        if t == "CONV_2D":
            ci, co = next(convs)
            want.append(_ceil(ci, g) / ci * _ceil(co, 8) / co)
        else:
            want.append({"DEPTHWISE_CONV_2D": 24 / 19,
                         "FULLY_CONNECTED": _ceil(4608, g) / 4608 * 16 / 10}.get(t, 1.0))
    np.testing.assert_allclose(f, want)
    assert ops.count("CONV_2D") == 3 and "ADD" in ops
    # the 16 -> 32 conv needs no padding at G = 8 or 16, the 17 -> 19 conv always does
    k = [i for i, t in enumerate(ops) if t == "CONV_2D"]
    assert f[k[0]] > 1 and (f[k[2]] == 1) == (g <= 16)
    plain, pad = roof_terms(rec, "u65"), roof_terms(rec, "u65", padded=g)
    np.testing.assert_allclose(pad[:, 0], plain[:, 0] * f)
    np.testing.assert_array_equal(pad[:, 1:], plain[:, 1:])


def test_padded_factor_pins_probe_step(tmp_path):
    """A 3x3 conv of 17 channels has 3 x the padded MACs of one of 16 at G = 16
    (``probe_channels_s27.txt``: Vela's cycles step 2.2 x on U55, 3.0 x on U65), and
    the same padded MACs as one of 24 in, 24 out at G = 8 ... 16."""
    def conv(c, name):
        b = NetBuilder(np.random.default_rng(0))
        g = b.finish([b.conv(b.input((1, 20, 20, c)), c, 3)])
        save_tflite(quantize_int8(g, calibrate(g, seed=0, samples=1)), tmp_path / name)
        rec = record_of(tmp_path / name)
        return roof_terms(rec, "u55", padded=16)[0, 0], roof_terms(rec, "u55")[0, 0]
    (p16, r16), (p17, r17) = conv(16, "c16.tflite"), conv(17, "c17.tflite")
    assert p16 == pytest.approx(r16)
    assert p17 / p16 == pytest.approx(3.0)
    assert r17 / r16 == pytest.approx(17 * 17 / 256)


def test_padded_forests_round_trip_and_refusals(tmp_path):
    recs = [_rec(tmp_path, f"p{i}.tflite") for i in range(2)]
    for i, r in enumerate(recs):
        r["u55_op_cycles"] = np.arange(1.0, r["n_ops"] + 1) * 1000 * (i + 1)
    m = NNMeter(trees_scale=0.05, target="ratio", lowered=True, padded=16).fit(
        recs, "u55_op_cycles")
    arrays, meta = m.to_arrays()
    back = NNMeter.from_arrays(arrays, meta)
    assert back.padded == 16 and meta["padded"] == 16
    np.testing.assert_array_equal(back.predict_ops(recs[0]), m.predict_ops(recs[0]))
    plain = NNMeter(trees_scale=0.05, target="ratio", lowered=True).fit(recs, "u55_op_cycles")
    assert "padded" not in plain.to_arrays()[1]  # older files stay as they were
    assert not np.allclose(plain.predict_ops(recs[0]), m.predict_ops(recs[0]))
    with pytest.raises(ValueError, match="padded roofline needs a ratio target"):
        NNMeter(target="cycles", padded=8)
    for bad in (12, True, "16", -8):
        with pytest.raises(ValueError, match="padded must be 0 or one of"):
            NNMeter.from_arrays(arrays, {**meta, "padded": bad})
    with pytest.raises(ValueError, match="padding granule must be one of"):
        padded_macs_factor(recs[0], 4)


def test_study_flag():
    from experiments import perfsage

    cfg = perfsage.parse(["--smoke", "--forest-target", "ratio", "--forest-padded", "16"])[0]
    assert cfg.forest_padded == 16
    assert perfsage.parse(["--smoke"])[0].forest_padded == 0
    with pytest.raises(SystemExit):
        perfsage.parse(["--smoke", "--forest-padded", "12"])
