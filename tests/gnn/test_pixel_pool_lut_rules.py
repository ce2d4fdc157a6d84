"""Latency candidates G1, AB and AS of session 44 (issue 22; ``docs/evidence/perfsage-cpu-2026-12-08-s44/
probe_44.md``): Vela 5.2's cycles of pools with one output pixel (CF3 = compute term + command term + first IFM block
fetch) and of LUT activations (TANH, LOGISTIC, HARD_SWISH, LEAKY_RELU) folded into an ABS / NEG or run in their own
pass. Every figure below is computed by hand from the formulas and, where marked, equals Vela's label."""

from __future__ import annotations

import numpy as np
import pytest

from jaxeff.gnn import baselines as bl
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.fit import ForestBase, Predictor
from tests.gnn.test_tconv_rule import _save


def _net(tmp_path, name, shape, body):
    b = NetBuilder(np.random.default_rng(0))
    out = body(b, b.input(shape))
    return _save(tmp_path, f"{name}.tflite", b.finish(out if isinstance(out, list) else [out]))


def test_cnniqa_pool_by_hand(tmp_path):
    """CNNIQA's whole-map max pool, 26 x 26 on 50 channels. P = 9 x 64 + 6 x 16 + 4 = 676 (8 x 8 sub-kernels),
    compute 4 x 7 x 676 = 18,928. U55: IFM block 8 x 10, D = min(56, 128, 8 floor(5,376 / 80 / 8)) = 56, command
    676 x 56 / 8 = 4,732, fetch 64 + 80 x 56 / 8 = 624: 24,284 cycles (Vela 5.2's label on the read CNNIQA: 24,239).
    U65: block 10 x 10, D = min(56, 128, 112) = 56, fetch 64 + 100 x 56 / 16 = 414: 24,074 (Vela 24,043). An AVG pool
    costs the same; a pool with two output pixels is PL2a's, not G1's."""
    rec = _net(tmp_path, "iqa", (1, 26, 26, 50), lambda b, x: [b.pool(x, "max", (26, 26)), b.pool(x, "avg", (26, 26)),
                                                                 b.pool(x, "max", (13, 26), (13, 1))])
    for pl, cyc in (("u55", 24_284), ("u65", 24_074)):
        m, c = bl.pixel_pool_cycles(rec, pl)
        assert m.tolist() == [True, True, False] and c.tolist() == [cyc, cyc, 0.0]
    assert abs(24_284 / 24_239 - 1) < 0.002 and abs(24_074 / 24_043 - 1) < 0.002


def test_one_row_pool_depth(tmp_path):
    """A one-row whole-axis pool, 1 x 78 on 16 channels (DeepBind's shape): P = 9 x 8 + 6 = 78, hb = 1 on the U55,
    wb = 10, D = min(16, 128, 8 floor(5,376 / 10 / 8)) = 16: 4 x 2 x 78 + 78 x 16 / 8 + 64 + 10 x 16 / 8 = 864. U65:
    hb = min(2 ceil(2 / 2), 10) = 2: 624 + 156 + 64 + 20 x 16 / 16 = 864."""
    rec = _net(tmp_path, "row", (1, 1, 78, 16), lambda b, x: b.pool(x, "max", (1, 78)))
    assert bl.pixel_pool_cycles(rec, "u55")[1][0] == 864 and bl.pixel_pool_cycles(rec, "u65")[1][0] == 864


def test_abs_tanh_pair(tmp_path):
    """Xu-Net's motif, CONV -> ABS -> TANH on 256 x 256 x 8 inside a network: the pair is labelled on the TANH at
    max(a_ABS, 1) E_w = 256 x 256 x 16 = 1,048,576 cycles on both NPUs (Vela's label on the read Xu-Net), the ABS 0;
    as the graph output E_w = H W C (524,288); a NEG -> LOGISTIC pair costs 1.5 E_w on the U55 (1.0 on the U65)."""
    mid = _net(tmp_path, "mid", (1, 256, 256, 1),
               lambda b, x: b.pool(b.act(b.act(b.conv(x, 8, 5), "ABS"), "TANH"), "avg", (5, 5), (2, 2), "SAME"))
    out = _net(tmp_path, "out", (1, 256, 256, 1), lambda b, x: b.act(b.act(b.conv(x, 8, 5), "ABS"), "TANH"))
    neg = _net(tmp_path, "neg", (1, 32, 32, 8), lambda b, x: b.act(b.act(x, "NEG"), "LOGISTIC"))
    for pl in ("u55", "u65"):
        m, c = bl.lut_activation_cycles(mid, pl, "b")
        assert m.tolist() == [False, True, True, False] and c[1:3].tolist() == [0.0, 1_048_576]
        assert bl.lut_activation_cycles(out, pl, "bs")[1][2] == 524_288
        assert not bl.lut_activation_cycles(mid, pl, "s")[0].any()  # AS: not its domain
    assert bl.lut_activation_cycles(neg, "u55", "b")[1].tolist() == [0.0, 1.5 * 32 * 32 * 8]
    assert bl.lut_activation_cycles(neg, "u65", "b")[1].tolist() == [0.0, 32 * 32 * 8]


def test_own_pass_domain(tmp_path):
    """AS: a LUT activation on the graph input, after a CONCATENATION or after an operator with a second consumer
    runs in its own pass of 16 Uxy ceil(C / 8) cycles: 32 x 32 x 64 -> 16 x 32 x 16 x 8 = 65,536 on the U55 (one
    per element), 16 x 16 x 16 x 8 = 32,768 on the U65; after a conv of which it is the only consumer it is folded
    (not the rule's); a RELU is never the rule's."""
    def body(b, x):
        y = b.conv(x, 64, 1)
        swish = b.mul(y, b.act(y, "LOGISTIC"))  # conv -> (LOGISTIC, MUL): a second consumer
        cat = b.act(b.concat([b.conv(x, 32, 1), b.conv(x, 32, 1)]), "TANH")
        return [b.act(x, "HARD_SWISH"), swish, cat, b.act(b.conv(x, 64, 1), "TANH"), b.act(x, "RELU")]

    rec = _net(tmp_path, "own", (1, 32, 32, 64), body)
    ops = rec["ops"][: int(rec["n_ops"])]
    for pl, cyc in (("u55", 65_536), ("u65", 32_768)):
        m, c = bl.lut_activation_cycles(rec, pl, "s")
        hit = sorted(ops[i] for i in np.flatnonzero(m))
        assert hit == ["HARD_SWISH", "LOGISTIC", "TANH"] and set(c[m].tolist()) == {cyc}
        assert not bl.lut_activation_cycles(rec, pl, "b")[0].any()


def test_errors_and_wiring(tmp_path):
    rec = _net(tmp_path, "e", (1, 8, 8, 8), lambda b, x: b.act(x, "TANH"))
    with pytest.raises(ValueError, match="kind"):
        bl.lut_activation_cycles(rec, "u55", "x")
    with pytest.raises(ValueError, match="kind"):
        bl.lut_activation_cycles(rec, "u55", "")
    with pytest.raises(ValueError, match="platform"):
        bl.pixel_pool_cycles(rec, "cpu")
    fake = Predictor(params=None, scaler=None, targets=("u55_latency_ms",), config=None)
    with pytest.raises(ValueError, match="G1 needs a stacked"):
        fake.with_pixel_pool_rule()
    with pytest.raises(ValueError, match="AB / AS need a stacked"):
        fake.with_lut_act_rule("b")
    with pytest.raises(ValueError, match="ratio forest"):
        bl.NNMeter(target="cycles").predict_ops(rec, lut_act="s")
    base = ForestBase(targets=("u55_latency_ms",), meters={}, ratios={})
    assert base.with_lut_act_rule("bs").lut_act == "bs" and base.with_pixel_pool_rule().pixel_pool
    with pytest.raises(ValueError, match="kind"):
        base.with_lut_act_rule("q")
