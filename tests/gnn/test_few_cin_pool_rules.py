"""Latency candidates C1a / C1b and PL of session 43 (issue 22; ``docs/evidence/perfsage-cpu-2026-12-08-s43/
probe_c1_43.md``): Vela 5.2's part-kernel compute term of stride-1 convs on few input channels,
``4 Uxy ceil(C_out / 8) S ceil(C_in / 8)``, and of stride-1 VALID pools, ``4 Uxy ceil(C / 8) P``, with Vela's 8 x 8
sub-kernels (S: ceil(taps / 4) each; P: max(4, taps) each) and OFM micro-blocks (1 x 2 on the U55, 2 x 2 on the U65)."""

from __future__ import annotations

import json
import pathlib

import numpy as np
import pytest

from jaxeff.gnn import baselines as bl
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.fit import Predictor
from tests.gnn.test_tconv_rule import _save


def _net(tmp_path, name, cin, h, w, body):
    b = NetBuilder(np.random.default_rng(0))
    return _save(tmp_path, f"{name}.tflite", b.finish([body(b, b.input((1, h, w, cin)))]))


def test_sub_kernel_sums():
    kh, kw = np.array([7, 7, 128, 9, 3, 1]), np.array([38, 67, 1, 9, 3, 59])
    s = bl._sub_kernels(kh, kw, lambda t: -(-t // 4))
    p = bl._sub_kernels(kh, kw, lambda t: max(4, t))
    # 7 x 38: pieces 7 x (8, 8, 8, 8, 6) -> 4 x 14 + 11; 128 x 1: 16 pieces of 8 taps; 9 x 9: 64, 8, 8, 1 taps
    assert s.tolist() == [67, 118, 32, 21, 3, 15]
    assert p.tolist()[5] == 7 * 8 + 4 and p.tolist()[2] == 128


def test_musicnn_stem_by_hand(tmp_path):
    """musicnn's timbral stem (7 x 38 VALID, 1 -> 204 channels, on 193 x 96): 187 x 59 outputs. U55: 4 x 187 x
    ceil(59 / 2) x 26 x 67 = 39,090,480 cycles = 78.181 ms at 500 MHz (Vela 5.2's per-op label on the model built
    from the paper: 78.193 ms); U65: 4 x 94 x 30 x 26 x 67 = 19,649,760 cycles (19.659 ms). The whole-axis max pool
    after it (1 x 59, VALID): 4 x 187 x 1 x 26 x 60 = 1,166,880 cycles on both (U65: ceil(187 / 2) x 1 = 94 blocks,
    half as many, at twice the clock)."""
    rec = _net(tmp_path, "stem", 1, 193, 96,
               lambda b, x: b.pool(b.conv(x, 204, (7, 38), padding="VALID", act="RELU"), "max", (1, 59)))
    for pl, conv, pool in (("u55", 39_090_480, 1_166_880), ("u65", 19_649_760, 4 * 94 * 26 * 60)):
        for wide in (False, True):
            m, c = bl.few_cin_conv_cycles(rec, pl, wide)
            assert m.tolist() == [True, False] and c[0] == conv
        m, c = bl.stride1_pool_cycles(rec, pl)
        assert m.tolist() == [False, True] and c[1] == pool
        assert bl.z_conv_bound(rec, pl)[0][0]  # rule Z's domain: C1 replaces its price there
    assert 39_090_480 / 5e5 == pytest.approx(78.1927, rel=2e-4)


@pytest.mark.parametrize("cin, k, kw, a, b", [
    (1, (7, 7), {}, True, True),            # 49 taps, one channel
    (3, (5, 5), {}, False, True),           # 25 taps: C1b only (S = 7)
    (5, (7, 7), {}, False, True),           # C_in 5: C1b only
    (16, (3, 3), {}, False, True),          # S ceil(16 / 8) = 6: C1b (16 channels are not R16's odd depths)
    (24, (7, 7), {}, False, False),         # too many channels
    (1, (7, 7), {"stride": 2}, False, False),
    (1, (7, 7), {"dilation": 2}, False, False),
])
def test_domains(tmp_path, cin, k, kw, a, b):
    rec = _net(tmp_path, f"d{cin}{k}{sorted(kw.items())}", cin, 40, 40, lambda bb, x: bb.conv(x, 32, k, **kw))
    assert bl.few_cin_conv_cycles(rec, "u55")[0][0] == a
    assert bl.few_cin_conv_cycles(rec, "u55", True)[0][0] == b


def test_one_row_and_small_pools_left_out(tmp_path):
    row = _net(tmp_path, "row", 1, 1, 400, lambda b, x: b.conv(x, 32, (1, 64)))
    assert not bl.few_cin_conv_cycles(row, "u65", True)[0].any()  # one-row maps: W1 / O2 / Z's geometry
    pools = _net(tmp_path, "pools", 8, 30, 30, lambda b, x: b.pool(b.pool(b.pool(x, "avg", (5, 5)), "max", (1, 26)),
                                                                     "max", (26, 1)))
    assert bl.stride1_pool_cycles(pools, "u55")[0].tolist() == [False, False, False]  # 25 taps; 26 taps; 1 pixel
    same = _net(tmp_path, "same", 8, 40, 40, lambda b, x: b.pool(x, "max", (8, 8), padding="SAME"))
    assert not bl.stride1_pool_cycles(same, "u55")[0].any()


def test_errors(tmp_path):
    rec = _net(tmp_path, "e", 1, 20, 20, lambda b, x: b.conv(x, 8, (7, 7)))
    with pytest.raises(ValueError, match="platform"):
        bl.few_cin_conv_cycles(rec, "u75")
    with pytest.raises(ValueError, match="platform"):
        bl.stride1_pool_cycles(rec, "cpu")
    fake = Predictor(params=None, scaler=None, targets=("u55_latency_ms",), config=None)
    with pytest.raises(ValueError, match="C1a / C1b need a stacked"):
        fake.with_few_cin_rule()
    with pytest.raises(ValueError, match="PL needs a stacked"):
        fake.with_stride1_pool_rule()
    meter = bl.NNMeter(target="cycles")
    with pytest.raises(ValueError, match="ratio forest"):
        meter.predict_ops(rec, few_cin="a")


def test_wide_pool_domains(tmp_path):
    """PL2a / PL2b (addendum 6): Xu-Net's 5 x 5 / 2 SAME average pool on 256 x 256 x 8 costs 4 x 128 x 64 x 1 x 25 =
    819,200 U55 cycles (1.638 ms; Vela 5.2's label on the read Xu-Net: 1.644 ms), 4 x 64 x 64 x 25 on the U65; a
    2 x 2 / 2 max pool only under PL2b (4 x Uxy x ceil(C / 8) x 4); a stride-4 pool is rule V's, a global pool
    (one output pixel) nobody's."""
    rec = _net(tmp_path, "xu", 8, 256, 256, lambda b, x: b.pool(b.pool(b.pool(
        b.pool(x, "avg", (5, 5), (2, 2), padding="SAME"), "max", (2, 2), (2, 2)), "avg", (4, 4), (4, 4)), "max", (16, 16)))
    for pl, first, second in (("u55", 819_200, 4 * 64 * 32 * 4), ("u65", 4 * 64 * 64 * 25, 4 * 32 * 32 * 4)):
        ma, ca = bl.stride1_pool_cycles(rec, pl, "a")
        mb, cb = bl.stride1_pool_cycles(rec, pl, "b")
        assert ma.tolist() == [True, False, False, False] and mb.tolist() == [True, True, False, False]
        assert ca[0] == cb[0] == first and cb[1] == second
        assert not bl.stride1_pool_cycles(rec, pl)[0].any()  # PL: stride 1, VALID only
    assert 819_200 / 5e5 == pytest.approx(1.6438, rel=5e-3)
    with pytest.raises(ValueError, match="wide"):
        bl.stride1_pool_cycles(rec, "u55", "c")
