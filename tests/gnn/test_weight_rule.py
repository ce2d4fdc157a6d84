"""Rule P (issue 22, session 31): an operator whose weights exceed its type's training
range, in a regime its type never showed (weights not dominating the roofline once
clipped), costs ``max(forest at the clipped weights, B_w / W_w)``; every other
operator keeps the forest's prediction."""

from __future__ import annotations

import numpy as np
import pytest

from jaxeff.gnn.baselines import WEIGHT_PORT_BYTES_PER_CYCLE, NNMeter, roof_terms
from jaxeff.gnn.bounds import node_box
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.graph import FEATURE_COLUMNS, NUM_CATEGORIES
from jaxeff.gnn.int8 import calibrate, quantize_int8
from jaxeff.gnn.realeval import record_of
from jaxeff.tflite import save_tflite

COL = FEATURE_COLUMNS.index("log_param_bytes")


def _rec(tmp_path, name, side, cin, cout, fc_in):
    """A TRANSPOSE_CONV (4x4/2) of ``cin -> cout`` channels on ``side x side`` and an FC
    of ``fc_in -> 64`` (always weight-bound), labelled like Vela: the TRANSPOSE_CONV 4 x
    its MAC term or 0.9 x its weight term, whichever is larger; the FC 1.1 x its
    weight term."""
    b = NetBuilder(np.random.default_rng(0))
    y = b.transpose_conv(b.input((1, side, side, cin)), cout, 4, 2)
    z = b.fc(b.input((1, fc_in)), 64)
    g = b.finish([y, z])
    save_tflite(quantize_int8(g, calibrate(g, seed=0, samples=1)), tmp_path / name)
    rec = record_of(tmp_path / name)
    t = roof_terms(rec, "u55")
    lab = np.where([o == "TRANSPOSE_CONV" for o in rec["ops"]],
                   np.maximum(4 * t[:, 0], 0.9 * t[:, 2]), 1.1 * t[:, 2])
    rec["u55_op_cycles"] = np.maximum(lab, 1.0)
    return rec


@pytest.fixture(scope="module")
def fitted(tmp_path_factory):
    d = tmp_path_factory.mktemp("wr")
    train = [_rec(d, f"t{i}.tflite", s, c, c // 2, f)
             for i, (s, c, f) in enumerate([(8, 16, 64), (16, 32, 96), (12, 24, 128),
                                            (20, 16, 80)])]
    m = NNMeter(trees_scale=0.05, target="ratio").fit(train, "u55_op_cycles")
    m = NNMeter.from_arrays(*m.to_arrays())
    hi = node_box(train)[1][:, COL]
    # a DCGAN-like test graph: 2 x 2 x 512 -> 4 x 4 x 256 (2.1 M weights, weight-bound),
    # and an FC larger than any in training (still weight-bound: the forest knows it)
    test = _rec(d, "big.tflite", 2, 512, 256, 512)
    return m, hi, test


def test_weight_bound_transpose_conv_gets_the_streaming_time(fitted):
    m, hi, rec = fitted
    ops = list(rec["ops"][: rec["n_ops"]])
    k, f = ops.index("TRANSPOSE_CONV"), ops.index("FULLY_CONNECTED")
    t = roof_terms(rec, "u55")
    assert t[k, 2] > 10 * t[k, 0]  # the weights dominate it
    regime, clipped = m.weight_regime(rec, hi)
    assert regime.tolist() == [i == k for i in range(len(ops))]
    # clipped to the training maximum of its type, and only that column, only there
    cat = np.asarray(rec["cat"])
    assert clipped["x"][k, COL] == hi[cat[k]] < rec["x"][k, COL]
    assert clipped["x"][f, COL] == hi[cat[f]] < rec["x"][f, COL]  # clipped, not in regime
    np.testing.assert_array_equal(np.delete(clipped["x"], COL, 1),
                                  np.delete(np.asarray(rec["x"], np.float32), COL, 1))
    plain, ruled = m.predict_ops(rec), m.predict_ops(rec, hi)
    # the forest applies its compute-side ratio (4) to the weight term; rule P streams
    assert plain[k] > 3 * t[k, 2]
    assert ruled[k] == max(m.predict_ops(clipped)[k], t[k, 2])  # B_w / W_w cycles
    assert t[k, 2] == pytest.approx(np.expm1(rec["x"][k, COL]) / WEIGHT_PORT_BYTES_PER_CYCLE["u55"])
    assert ruled[k] == pytest.approx(t[k, 2])  # 0.9 x measured: within 11 %, not 4 x
    np.testing.assert_array_equal(np.delete(ruled, k), np.delete(plain, k))


def test_inside_the_training_range_nothing_moves(fitted):
    m, hi, rec = fitted
    wide = np.full(NUM_CATEGORIES + 1, 99.0, np.float32)  # every weight inside
    assert not m.weight_regime(rec, wide)[0].any()
    np.testing.assert_array_equal(m.predict_ops(rec, wide), m.predict_ops(rec))
    unseen = np.full(NUM_CATEGORIES + 1, np.nan, np.float32)  # no category seen: no rule
    np.testing.assert_array_equal(m.predict_ops(rec, unseen), m.predict_ops(rec))


def test_refusals(fitted):
    m, hi, rec = fitted
    with pytest.raises(ValueError, match="weight_hi must be"):
        m.predict_ops(rec, hi[:10])
    with pytest.raises(ValueError, match="needs a ratio forest target"):
        NNMeter(target="cycles").predict_ops(rec, hi)
    from jaxeff.gnn.fit import FitConfig, Predictor

    with pytest.raises(ValueError, match="rule P needs a stacked predictor"):
        Predictor(params=None, scaler=None, targets=(), config=FitConfig()).with_weight_rule()


def test_flags():
    from experiments import perfsage

    assert perfsage.parse(["--smoke", "--weight-rule"])[0].weight_rule
    assert not perfsage.parse(["--smoke"])[0].weight_rule


# -- rule Q (session 31 addendum 2): CONV_2Ds with a stride above 3, split by Vela


def _conv(tmp_path, name, h, cin, cout, k, stride):
    b = NetBuilder(np.random.default_rng(0))
    g = b.finish([b.conv(b.input((1, h, h, cin)), cout, k, stride=stride, padding="VALID")])
    save_tflite(quantize_int8(g, calibrate(g, seed=0, samples=1)), tmp_path / name)
    return tmp_path / name


def test_split_conv_cycles_formula_by_hand(tmp_path):
    from jaxeff.gnn.baselines import SPLIT_WEIGHT_FETCH, split_conv_cycles

    rec = record_of(_conv(tmp_path, "s4.tflite", 24, 3, 96, 11, 4))  # 4 x 4 output pixels
    w_enc = 11 * 11 * 3 * 96 + 10 * 96
    c_px = 11 * 121 * 1 * 12 + 200
    for pl, (w0, beta) in SPLIT_WEIGHT_FETCH.items():
        split, cyc = split_conv_cycles(rec, pl)
        assert split.tolist() == [True]
        assert cyc[0] == pytest.approx(16 * max(c_px, w0 + w_enc / beta) + w_enc / beta)
    # U55 streams the weights again per pixel (weight-bound), U65 computes (compute-bound)
    assert 64 + w_enc > c_px > 454 + w_enc / 3.71
    for s in (2, 3, (1, 3)):  # Vela runs these as one operation: no split
        r = record_of(_conv(tmp_path, f"s{s}.tflite", 24, 3, 96, 11, s))
        assert not split_conv_cycles(r, "u55")[0].any()
    r = record_of(_conv(tmp_path, "s14.tflite", 24, 8, 16, 3, (1, 4)))  # one axis is enough
    assert split_conv_cycles(r, "u65")[0].all()
    with pytest.raises(ValueError, match="platform must be one of"):
        split_conv_cycles(rec, "u85")


def test_rule_q_replaces_the_forest_only_on_split_convs(fitted, tmp_path):
    from jaxeff.gnn.baselines import split_conv_cycles

    m, hi, rec = fitted
    plain = m.predict_ops(rec, hi)
    np.testing.assert_array_equal(m.predict_ops(rec, hi, True), plain)  # no stride > 3
    s4 = record_of(_conv(tmp_path, "q.tflite", 24, 3, 96, 11, 4))
    assert m.predict_ops(s4, None, True)[0] == split_conv_cycles(s4, "u55")[1][0]
    with pytest.raises(ValueError, match="rule Q .stride_split. needs a ratio forest"):
        NNMeter(target="cycles").predict_ops(s4, None, True)
    from jaxeff.gnn.fit import FitConfig, Predictor

    with pytest.raises(ValueError, match="rule Q needs a stacked predictor"):
        Predictor(params=None, scaler=None, targets=(), config=FitConfig()).with_stride_rule()


def test_rule_q_is_near_velas_split_cost(tmp_path):
    """Vela 5.2's cycles of two stride-4 convolutions (run in the test) within 20 % of
    :func:`split_conv_cycles` (its weight size is estimated), and 5 x above the same
    convolution at stride 2, which Vela runs as one operation."""
    from jaxeff.gnn.baselines import split_conv_cycles
    from jaxeff.gnn.labels import run_vela
    from jaxeff.tflite.vela import vela_available

    if not vela_available():
        pytest.skip("ethos-u-vela not installed")
    for h, cin, cout, k in ((24, 8, 16, 5), (24, 3, 96, 11)):
        p4 = _conv(tmp_path, f"v{cin}.tflite", h, cin, cout, k, 4)
        p2 = _conv(tmp_path, f"w{cin}.tflite", h, cin, cout, k, 2)
        for pl in ("u55", "u65"):
            vela = run_vela(p4, pl).cycles
            assert split_conv_cycles(record_of(p4), pl)[1][0] == pytest.approx(vela, rel=0.2)
            assert vela > 5 * run_vela(p2, pl).cycles
