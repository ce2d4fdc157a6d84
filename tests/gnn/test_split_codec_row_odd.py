"""Candidates Qe and O2 (issue 22, session 42 [U];
``docs/evidence/perfsage-cpu-2026-12-07-s42/PREREGISTERED.md``). Qe: rule Q's split
convolutions fetch Vela's own encoded weights per output pixel
(``baselines.split_conv_cycles(codec=True)``). O2: on the U65 a one-row CONV_2D of odd
width outside rules Z / W1 pays its MAC-array share twice (``baselines.row_odd_macs``,
``NNMeter.predict_ops(row_odd=True)``)."""

from __future__ import annotations

import numpy as np
import pytest

from jaxeff.gnn.baselines import (SPLIT_WEIGHT_FETCH, NNMeter, roof_terms, row_odd_macs,
                                  split_conv_cycles)
from jaxeff.gnn.build import NetBuilder
from tests.gnn.test_tconv_rule import _save


@pytest.fixture(scope="module")
def fitted(tmp_path_factory):
    """Ratio forests on both NPUs' per-op cycles (1.0 x each operator's roofline)."""
    d = tmp_path_factory.mktemp("qo")
    train = []
    for i, (w, c) in enumerate([(40, 16), (64, 32), (96, 24), (50, 48), (70, 20)]):
        b = NetBuilder(np.random.default_rng(i))
        x = b.conv(b.input((1, 1, w, c)), c, (1, 3))
        rec = _save(d, f"t{i}.tflite", b.finish([b.conv(x, c, 1)]))
        for pl in ("u55", "u65"):
            rec[f"{pl}_op_cycles"] = np.maximum(roof_terms(rec, pl).max(1), 1.0)
        train.append(rec)
    return d, {pl: NNMeter(trees_scale=0.05, target="ratio").fit(train, f"{pl}_op_cycles")
               for pl in ("u55", "u65")}


def test_qe_fetches_the_encoded_weights_per_pixel(fitted):
    """A WaveGAN-like 1 x 25 / 4 conv of 1 -> 64 channels (split by Vela into one operation per
    output pixel): Qe prices each of its 64 pixels at ``max(c_px, W_0 + E / beta)`` plus one
    more fetch, with E from Vela's weight encoder on this conv only; one input channel
    encodes to more than the raw ``K C_in C_out + 10 C_out`` estimate; a record without its
    graph keeps rule Q; Qe without rule Q is refused."""
    from jaxeff.gnn.velamem import codec_weight_bytes

    d, meters = fitted
    b = NetBuilder(np.random.default_rng(0))
    y = b.conv(b.input((1, 1, 256, 1)), 64, (1, 25), (1, 4), padding="SAME")
    rec = _save(d, "qe.tflite", b.finish([b.conv(y, 16, 1)]))
    raw = 25 * 1 * 64 + 640
    for pl in ("u55", "u65"):
        split, q = split_conv_cycles(rec, pl)
        split_e, qe = split_conv_cycles(rec, pl, codec=True)
        np.testing.assert_array_equal(split, split_e)
        assert split.tolist() == [True, False]
        enc = codec_weight_bytes(rec, pl, only=split)[0]
        assert enc > raw  # one input channel: the encoder's per-channel overhead dominates
        w0, beta = SPLIT_WEIGHT_FETCH[pl]
        c_px = 11 * 25 * 1 * 8 + 200
        assert q[0] == pytest.approx(64 * max(c_px, w0 + raw / beta) + raw / beta, rel=1e-12)
        assert qe[0] == pytest.approx(64 * max(c_px, w0 + enc / beta) + enc / beta, rel=1e-12)
        nog = {k: v for k, v in rec.items() if k != "graph"}
        np.testing.assert_array_equal(split_conv_cycles(nog, pl, codec=True)[1], q)
        m = meters[pl]
        ruled = m.predict_ops(rec, stride_split=True, split_codec=True)
        assert ruled[0] == qe[0] and ruled[1] == m.predict_ops(rec)[1]
        assert m.predict_ops(rec, stride_split=True)[0] == q[0]
        with pytest.raises(ValueError, match="Qe"):
            m.predict_ops(rec, split_codec=True)


def test_o2_doubles_the_mac_share_of_odd_one_row_convs_on_the_u65(fitted):
    """O2's domain: a 1 x 3 conv of 64 -> 64 at the odd width 399 (depth first: 3 taps x 64
    lanes x 64 outputs per pixel / 256 = 48 cycles per pixel); not the even width 400, not
    W1's (OW 49, 36 channels, 1 x 9), not Z's (2 input channels, 1 x 64 taps, 1,999 pixels),
    not a dilated one, not a 3 x 3 one, and nothing on the U55. The priced value is
    ``v + min(v, bV)``; other operators keep their value."""
    d, meters = fitted
    b = NetBuilder(np.random.default_rng(0))
    odd = b.conv(b.input((1, 1, 399, 64)), 64, (1, 3))                    # O2
    even = b.conv(b.input((1, 1, 400, 64)), 64, (1, 3))                   # even: not
    w1 = b.conv(b.input((1, 1, 49, 36)), 36, (1, 9))                      # W1's: not
    z = b.conv(b.input((1, 1, 1999, 2)), 8, (1, 64))                      # Z's: not
    dil = b.conv(b.input((1, 1, 399, 64)), 64, (1, 3), dilation=(1, 2))   # dilated: not
    sq = b.conv(b.input((1, 3, 399, 64)), 64, 3, padding="VALID")         # one row, 3 x 3: not
    rec = _save(d, "o2.tflite", b.finish([odd, even, w1, z, dil, sq]))
    mask, bv = row_odd_macs(rec, "u65")
    assert mask.tolist() == [True, False, False, False, False, False]
    assert bv[0] == pytest.approx(399 * 3 * 64 * 64 / 256, rel=1e-12)
    assert not row_odd_macs(rec, "u55")[0].any()
    m = meters["u65"]
    v = m.predict_ops(rec)
    got = m.predict_ops(rec, row_odd=True)
    assert got[0] == pytest.approx(v[0] + min(v[0], bv[0]), rel=1e-12)
    np.testing.assert_array_equal(got[1:], v[1:])
    np.testing.assert_array_equal(meters["u55"].predict_ops(rec, row_odd=True),
                                  meters["u55"].predict_ops(rec))
    with pytest.raises(ValueError, match="platform"):
        row_odd_macs(rec, "u99")


def test_q2_prices_a_split_stem_as_vela_probes_do(fitted):
    """Candidate Q2 (session 42 addendum 2, ``probe_split42.md``): M3's stem geometry, a
    1 x 80 / 4 VALID conv of 1 -> 256 channels with a fused RELU. Part-kernel first (one
    input channel): T = ceil(80 / 4) = 20 kernel steps, 32 groups of 8 output channels, so
    the compute term is ``a0 + a1 640 + a2 320`` = 23,978.6 cycles per pixel on the U65,
    where Vela 5.2 measured 23,875 (+0.4 %); on the U55 the encoded weights' fetch (64 + E
    at 1 B / cycle) is larger. The fused RELU adds its pass, ``b0 + b1 OW C_out``; without
    the activation, none. Q2 without rule Q is refused."""
    from jaxeff.gnn.baselines import SPLIT_ACT_PASS, SPLIT_COMPUTE, split_conv_cycles2
    from jaxeff.gnn.velamem import codec_weight_bytes

    d, meters = fitted
    b = NetBuilder(np.random.default_rng(0))
    x = b.input((1, 1, 476, 1))
    y = b.conv(x, 256, (1, 80), (1, 4), act="RELU", padding="VALID")       # OW 100
    z = b.conv(x, 256, (1, 80), (1, 4), padding="VALID")                   # no activation
    rec = _save(d, "q2.tflite", b.finish([b.conv(y, 16, 1), b.conv(z, 16, 1)]))
    split, _ = split_conv_cycles(rec, "u65")
    (v, w) = np.flatnonzero(split)
    assert int(rec["x"][v, 2]) == 100
    a0, a1, a2 = SPLIT_COMPUTE["u65"]
    comp = a0 + a1 * 20 * 32 + a2 * 20 * 16
    assert comp == pytest.approx(23978.6, abs=0.05)
    assert abs(comp / 23875 - 1) < 0.01  # Vela 5.2's cycles per pixel on the probe
    for pl in ("u55", "u65"):
        m2, c2 = split_conv_cycles2(rec, pl)
        np.testing.assert_array_equal(m2, split)
        e = codec_weight_bytes(rec, pl, only=split)
        w0, beta = SPLIT_WEIGHT_FETCH[pl]
        a0, a1, a2 = SPLIT_COMPUTE[pl]
        comp = a0 + a1 * 640 + a2 * 320
        b0, b1 = SPLIT_ACT_PASS[pl]
        assert c2[v] == pytest.approx(100 * max(comp, w0 + e[v] / beta) + b0 + b1 * 100 * 256,
                                      rel=1e-12)
        assert c2[w] == pytest.approx(100 * max(comp, w0 + e[w] / beta), rel=1e-12)
        assert (w0 + e[v] / beta > comp) == (pl == "u55")
        m = meters[pl]
        np.testing.assert_array_equal(m.predict_ops(rec, stride_split=True, split_probe=True)[split],
                                      c2[split])
        with pytest.raises(ValueError, match="Q2"):
            m.predict_ops(rec, split_probe=True)


def test_qe_and_q2_exclude_each_other():
    """A forest base (or predictor) with Qe on refuses Q2 on top, and the other way round."""
    from jaxeff.gnn.fit import ForestBase

    fb = ForestBase(("u55_latency_ms",), {}, {})
    assert fb.with_stride_rule(probe=True).split_probe
    for first, second in (({"codec": True}, {"probe": True}), ({"probe": True}, {"codec": True})):
        with pytest.raises(ValueError, match="choose one"):
            fb.with_stride_rule(**first).with_stride_rule(**second)
    with pytest.raises(ValueError, match="choose one"):
        fb.with_stride_rule(codec=True, probe=True)


def test_p1_prices_one_row_prelus_per_element(fitted):
    """Candidate P1 (session 42 addendum 3, ``probe_prelu42.md``): a PRELU on a one-row map
    costs Vela's probed cycles per element by depth band (C <= 8, <= 64, above; U55 4.5 /
    2.25 / 3.25, U65 2.0 / 1.0 / 1.158), e.g. Conv-TasNet's 1 x 999 x 512 at 3.25 x 511,488 =
    1,662,336 U55 cycles (Vela 5.2: 3.32 ms at 500 MHz); a PRELU on a 2-D map keeps its
    forest value."""
    from jaxeff.gnn.baselines import row_prelu_cycles

    d, meters = fitted
    b = NetBuilder(np.random.default_rng(0))
    outs = []
    for w, c in ((999, 512), (999, 64), (64, 8)):
        outs.append(b.act(b.conv(b.input((1, 1, w, c)), c, 1), "PRELU"))
    outs.append(b.act(b.conv(b.input((1, 8, 8, 64)), 64, 1), "PRELU"))    # 2-D: not
    rec = _save(d, "p1.tflite", b.finish(outs))
    pre = [i for i, t in enumerate(rec["ops"][: rec["n_ops"]]) if t == "PRELU"]
    want = {"u55": (3.25 * 999 * 512, 2.25 * 999 * 64, 4.5 * 64 * 8),
            "u65": (1.158 * 999 * 512, 1.0 * 999 * 64, 2.0 * 64 * 8)}
    for pl in ("u55", "u65"):
        m, cyc = row_prelu_cycles(rec, pl)
        assert m.tolist() == [i in pre[:3] for i in range(int(rec["n_ops"]))]
        np.testing.assert_allclose(cyc[pre[:3]], want[pl], rtol=1e-12)
        got = meters[pl].predict_ops(rec, row_prelu=True)
        np.testing.assert_array_equal(got[m], cyc[m])
        np.testing.assert_array_equal(got[~m], meters[pl].predict_ops(rec)[~m])
    assert want["u55"][0] / 5e5 == pytest.approx(3.32, rel=0.01)
