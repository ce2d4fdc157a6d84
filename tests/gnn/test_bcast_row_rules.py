"""Rules T and U (issue 22, session 36 [U]). T: an elementwise operator with a
per-channel constant broadcast over a map of at least 32 x 32 x 17 costs at least Vela
5.2's reads of that constant, 8 bytes per output element at the constant port
(``baselines.bcast_const_ops``, ``NNMeter.predict_ops(bcast=True)``). U: a resize of a
one-row (one-column) map costs Vela's single average pool, 1 (U55 one column: 2)
cycles per output element (``baselines.row_resizes``, ``predict_ops(row=True)``)."""

from __future__ import annotations

import numpy as np
import pytest

from jaxeff.gnn.baselines import (BCAST_BYTES_PER_ELT, WEIGHT_PORT_BYTES_PER_CYCLE, NNMeter,
                                  bcast_const_ops, roof_terms, row_resizes)
from jaxeff.gnn.build import NetBuilder
from tests.gnn.test_tconv_rule import _save


def _elementwise(tmp_path, name, h, w, c, const_shape, op="mul", label=1.0):
    """A 1 x 1 conv, then MUL / ADD / SUB by a constant of ``const_shape``, labelled
    ``label`` x each operator's roofline (the forests' ratio ``label``)."""
    b = NetBuilder(np.random.default_rng(0))
    x = b.conv(b.input((1, h, w, c)), c, 1)
    k = b.const(np.full(const_shape, 0.5, np.float32))
    y = getattr(b, op)(x, k)
    rec = _save(tmp_path, name, b.finish([y]))
    rec["u55_op_cycles"] = label * np.maximum(roof_terms(rec, "u55").max(1), 1.0)
    return rec


@pytest.fixture(scope="module")
def fitted(tmp_path_factory):
    d = tmp_path_factory.mktemp("bc")
    train = [_elementwise(d, f"t{i}.tflite", s, s, c, (1, 1, 1, c))
             for i, (s, c) in enumerate([(4, 16), (6, 24), (8, 32), (5, 48), (7, 20)])]
    return d, NNMeter(trees_scale=0.05, target="ratio").fit(train, "u55_op_cycles")


def test_bcast_const_ops_picks_the_broadcast_constants_in_the_region(fitted):
    d, _ = fitted
    ops = lambda r: [o for o in r["ops"][: r["n_ops"]]]  # noqa: E731
    big = _elementwise(d, "big.tflite", 64, 64, 32, (1, 1, 1, 32))
    m = bcast_const_ops(big)
    assert m.tolist() == [o == "MUL" for o in ops(big)] and m.sum() == 1
    sub = _elementwise(d, "sub.tflite", 32, 32, 48, (1, 1, 1, 48), op="sub")
    assert bcast_const_ops(sub).sum() == 1
    # outside the region: depth 16, a map under 32 x 32, one row, a scalar, a full-shaped
    # constant (it does not broadcast)
    for name, h, w, c, shape in (("c16", 64, 64, 16, (1, 1, 1, 16)),
                                 ("small", 24, 24, 48, (1, 1, 1, 48)),
                                 ("row", 1, 4096, 48, (1, 1, 1, 48)),
                                 ("scalar", 64, 64, 32, (1, 1, 1, 1)),
                                 ("full", 32, 32, 32, (1, 32, 32, 32))):
        assert not bcast_const_ops(_elementwise(d, f"{name}.tflite", h, w, c, shape)).any(), name
    # two activations multiplied: no constant, no rule
    b = NetBuilder(np.random.default_rng(0))
    x = b.input((1, 64, 64, 32))
    act = _save(d, "act.tflite", b.finish([b.mul(b.conv(x, 32, 1), b.conv(x, 32, 1))]))
    assert not bcast_const_ops(act).any()


def test_rule_t_floors_at_the_constant_reads(fitted):
    d, m = fitted
    big = _elementwise(d, "big2.tflite", 112, 112, 48, (1, 1, 1, 48))
    k = list(big["ops"]).index("MUL")
    plain, ruled = m.predict_ops(big), m.predict_ops(big, bcast=True)
    floor = BCAST_BYTES_PER_ELT * 112 * 112 * 48 / WEIGHT_PORT_BYTES_PER_CYCLE["u55"]
    assert floor == 8.0 * 112 * 112 * 48  # U55's constant port: 1 byte per cycle
    assert plain[k] < floor  # the forest (ratio about 1) sits far below Vela's reads
    assert ruled[k] == pytest.approx(floor, rel=1e-12)
    others = np.arange(len(plain)) != k
    np.testing.assert_array_equal(ruled[others], plain[others])
    # a floor, not a replacement: an operator already above it keeps its value
    hi = NNMeter(trees_scale=0.05, target="ratio").fit(
        [_elementwise(d, f"h{i}.tflite", s, s, c, (1, 1, 1, c), label=50.0)
         for i, (s, c) in enumerate([(32, 32), (40, 48), (48, 24)])], "u55_op_cycles")
    assert hi.predict_ops(big, bcast=True)[k] == hi.predict_ops(big)[k] > floor


def test_rule_u_one_row_resizes(fitted):
    d, m = fitted
    b = NetBuilder(np.random.default_rng(0))
    row = b.resize(b.conv(b.input((1, 1, 512, 24)), 24, 1), (1, 1024), "bilinear")
    col = b.resize(b.conv(b.input((1, 300, 1, 8)), 8, 1), (600, 1))
    sq = b.resize(b.conv(b.input((1, 16, 16, 8)), 8, 1), (32, 32), "bilinear")
    rec = _save(d, "rs.tflite", b.finish([row, col, sq]))
    code = row_resizes(rec)
    kinds = [o for o in rec["ops"][: rec["n_ops"]]]
    rs = [i for i, o in enumerate(kinds) if o.startswith("RESIZE")]
    assert [int(code[i]) for i in rs] == [1, 2, 0] and code.sum() == 3
    plain, ruled = m.predict_ops(rec), m.predict_ops(rec, row=True)
    assert ruled[rs[0]] == 1.0 * 1024 * 24 and ruled[rs[1]] == 2.0 * 600 * 8  # U55
    assert ruled[rs[2]] == plain[rs[2]]
    u65 = NNMeter(trees_scale=0.05, target="ratio")
    u65.forests, u65.fallback, u65.platform = m.forests, m.fallback, "u65"
    assert u65.predict_ops(rec, row=True)[rs[1]] == 1.0 * 600 * 8  # U65: 1 per element


def test_rules_t_u_refusals():
    from jaxeff.gnn.fit import FitConfig, Predictor

    p = Predictor(params=None, scaler=None, targets=(), config=FitConfig())
    with pytest.raises(ValueError, match="rule T needs a stacked predictor"):
        p.with_bcast_rule()
    with pytest.raises(ValueError, match="rule U needs a stacked predictor"):
        p.with_row_rule()
    cyc = NNMeter(trees_scale=0.05)  # a cycles forest: no roofline, no platform
    rec = {"n_ops": 0, "ops": [], "x": np.zeros((0, 40)), "senders": [], "receivers": []}
    with pytest.raises(ValueError, match="rules T / T. / U"):
        cyc.predict_ops(rec, bcast=True)


def test_rule_t_prime_reads_vela_probes_at_every_map_size(fitted):
    """T' (session 36 addendum 5): the broadcast constants of a depth that is a multiple
    of 16 cost the probe table's cycles per element at any map size, replacing the
    forest (Vela's 128 / block-depth bytes: 2 on a 14 x 14 x 1024 map, 8 on 56 x 56)."""
    from jaxeff.gnn.baselines import bcast_table_cycles
    from jaxeff.gnn.bcast_table import TABLE

    d, m = fitted
    # the table itself: Vela's regimes on U55 (1 / 2 / 8 cycles per element by map size)
    mul = {(h, c): (a, b) for h, c, a, b in TABLE["MUL"]}
    assert mul[(7, 2048)][0] == 1.0 and mul[(14, 1024)][0] == 2.0 and mul[(56, 256)][0] == 8.0
    assert mul[(56, 256)][1] == pytest.approx(8 / 3.75, rel=1e-3)  # U65: DRAM 3.75 B / cycle
    assert len(TABLE["MUL"]) == len(TABLE["ADD"]) == 69
    small = _elementwise(d, "tp14.tflite", 14, 14, 1024, (1, 1, 1, 1024))
    k = list(small["ops"]).index("MUL")
    mask, cyc = bcast_table_cycles(small, "u55")
    assert mask.tolist() == [o == "MUL" for o in small["ops"][: small["n_ops"]]]
    assert cyc[k] == 2.0 * 14 * 14 * 1024
    assert bcast_table_cycles(small, "u65")[1][k] == pytest.approx(0.375 * 14 * 14 * 1024,
                                                                   rel=1e-3)
    # a replacement, not a floor: the forest's own value is gone on both sides of it
    ruled = m.predict_ops(small, bcast_table=True)
    assert ruled[k] == cyc[k] != m.predict_ops(small)[k]
    near = _elementwise(d, "tp12.tflite", 12, 12, 96, (1, 1, 1, 96), op="add")
    j = list(near["ops"]).index("ADD")  # nearest grid point (14, 128): 2.0 on U55
    assert bcast_table_cycles(near, "u55")[1][j] == 2.0 * 12 * 12 * 96
    # depth 24 (not a multiple of 16) and depth 16 are left to T
    for c in (24, 16):
        r = _elementwise(d, f"tpc{c}.tflite", 32, 32, c, (1, 1, 1, c))
        assert not bcast_table_cycles(r, "u55")[0].any()
    with pytest.raises(ValueError, match="platform must be one of"):
        bcast_table_cycles(small, "u75")


def test_rule_t2_reads_vela_probes_at_the_exact_square_map_size(fitted):
    """T2 (session 37): on a square map of 2 x 2 to 64 x 64 with a depth a multiple of 16
    above 16, a broadcast constant costs Vela's probed cycles at that exact size (its
    OFM-block regimes change at H = 8, 15, 16 on U55 and 15, 31 on U65, where a coarse
    grid goes wrong); ADDs cost at least their own elementwise term, 1.5 / 0.75."""
    from jaxeff.gnn.baselines import bcast_exact_cycles
    from jaxeff.gnn.bcast_table2 import ADD_NPU, CS, TABLE

    d, m = fitted
    # the table itself: every size 2..64, Vela's regimes at C = 256 (1 / 2 / 4 / 8 on U55)
    assert sorted(TABLE["u55"]) == sorted(TABLE["u65"]) == list(range(2, 65))
    j = CS.index(256)
    assert [TABLE["u55"][h][j] for h in (7, 8, 14, 15, 16, 64)] == [1.0, 2.0, 2.0, 4.0, 8.0, 8.0]
    assert [TABLE["u65"][h][j] for h in (14, 15, 30, 31)] == pytest.approx(
        [0.375, 1.0667, 1.0667, 8 / 3.75], rel=1e-3)
    assert ADD_NPU == {"u55": 1.5, "u65": 0.75}
    cases = [("mul", 16, 64, "MUL", 8.0), ("mul", 15, 256, "MUL", 4.0),
             ("add", 7, 2048, "ADD", 1.5),   # the ADD's own term over the table's 1.0
             ("add", 14, 80, "ADD", 2.0),    # C = 80: the nearest in log C is 96
             ("sub", 31, 448, "SUB", 8.0)]
    for op, h, c, t, want in cases:
        r = _elementwise(d, f"t2_{op}{h}_{c}.tflite", h, h, c, (1, 1, 1, c), op=op)
        k = list(r["ops"]).index(t)
        mask, cyc = bcast_exact_cycles(r, "u55")
        assert mask.tolist() == [o == t for o in r["ops"][: r["n_ops"]]], (op, h, c)
        assert cyc[k] == want * h * h * c, (op, h, c)
        ruled = m.predict_ops(r, bcast=True, bcast_exact=True)
        assert ruled[k] == cyc[k]  # a replacement, below T's floor too (8 B from 32 x 32)
    # outside: a depth not a multiple of 16, a non-square map, a map above 64 x 64
    for name, h, w, c in (("c24", 32, 32, 24), ("nsq", 16, 32, 64), ("big", 65, 65, 64)):
        r = _elementwise(d, f"t2o_{name}.tflite", h, w, c, (1, 1, 1, c))
        assert not bcast_exact_cycles(r, "u65")[0].any(), name
    with pytest.raises(ValueError, match="platform must be one of"):
        bcast_exact_cycles(r, "u75")
    with pytest.raises(ValueError, match="choose one"):
        m.predict_ops(r, bcast_table=True, bcast_exact=True)


def test_rule_v_splits_pools_with_a_stride_above_3(fitted):
    """V (session 37 addenda 3-4): an average / max pool with a stride above 3 and more than
    one output pixel costs ``OH OW (a0 + a1 Kh Kw ceil(C / 8))`` (Vela runs one operation
    per output pixel: Res8's 4 x 3 / 4 x 3 pool on 100 x 39 x 19, 325 operations of 286
    cycles on U55); a global pool, a stride-3 pool and a conv are left alone."""
    from jaxeff.gnn.baselines import POOL_SPLIT, split_pool_cycles

    d, m = fitted
    b = NetBuilder(np.random.default_rng(0))
    x = b.conv(b.input((1, 100, 39, 19)), 19, 1)
    res8 = b.pool(x, "avg", (4, 3), (4, 3))                     # 25 x 13 out: split
    row = b.pool(b.conv(b.input((1, 1, 4096, 16)), 16, 1), "max", (1, 8), (1, 8))
    s3 = b.pool(b.conv(b.input((1, 99, 39, 19)), 19, 1), "avg", 3, 3)   # stride 3: not
    glob = b.pool(b.conv(b.input((1, 7, 7, 64)), 64, 1), "avg", 7, 7)   # one pixel: not
    rec = _save(d, "v.tflite", b.finish([res8, row, s3, glob]))
    ops = list(rec["ops"][: rec["n_ops"]])
    pools = [i for i, o in enumerate(ops) if o.endswith("POOL_2D")]
    mask, cyc = split_pool_cycles(rec, "u55")
    assert [bool(mask[i]) for i in pools] == [True, True, False, False] and mask.sum() == 2
    a0, a1 = POOL_SPLIT["u55"]
    assert cyc[pools[0]] == pytest.approx(325 * (a0 + a1 * 12 * 3), rel=1e-12)
    assert cyc[pools[0]] / 325 == pytest.approx(286, rel=0.02)  # Vela's probe, within 2 %
    assert cyc[pools[1]] == pytest.approx(512 * (a0 + a1 * 8 * 2), rel=1e-12)
    plain, ruled = m.predict_ops(rec), m.predict_ops(rec, pool_split=True)
    assert ruled[pools[0]] == cyc[pools[0]] and ruled[pools[1]] == cyc[pools[1]]
    keep = np.ones(len(plain), bool)
    keep[pools[:2]] = False
    np.testing.assert_array_equal(ruled[keep], plain[keep])
    with pytest.raises(ValueError, match="platform must be one of"):
        split_pool_cycles(rec, "u75")


def test_rule_v_refusals():
    from jaxeff.gnn.fit import FitConfig, Predictor

    p = Predictor(params=None, scaler=None, targets=(), config=FitConfig())
    with pytest.raises(ValueError, match="rule V needs a stacked predictor"):
        p.with_pool_rule()
    rec = {"n_ops": 0, "ops": [], "x": np.zeros((0, 40)), "senders": [], "receivers": []}
    with pytest.raises(ValueError, match="rule V .pool_split. needs a ratio forest"):
        NNMeter(trees_scale=0.05).predict_ops(rec, pool_split=True)


def test_candidate_t2_16_prices_depth_16_at_the_npu_s_own_cost(fitted):
    """T2-16 (session 37 addendum 5): on 16 channels Vela's 16-deep block covers C and
    reads the constant in full bursts, so a MUL / ADD by a [1, 1, 1, 16] constant costs
    the NPU's own 1.0 / 1.5 cycles per element on U55 (from 7 x 7 / 5 x 5 up); plain T2
    leaves depth 16 alone, and T2-16 needs T2."""
    from jaxeff.gnn.baselines import bcast_exact_cycles
    from jaxeff.gnn.bcast_table2 import TABLE16

    d, m = fitted
    assert [TABLE16["u55"]["MUL"][h] for h in (2, 7, 32, 64)] == [4.0, 1.0, 1.0, 1.0]
    assert TABLE16["u55"]["ADD"][32] == 1.5 and TABLE16["u65"]["ADD"][32] == 0.75
    for op, t, want in (("mul", "MUL", 1.0), ("add", "ADD", 1.5)):
        r = _elementwise(d, f"c16_{op}.tflite", 32, 32, 16, (1, 1, 1, 16), op=op)
        k = list(r["ops"]).index(t)
        assert not bcast_exact_cycles(r, "u55")[0].any()
        mask, cyc = bcast_exact_cycles(r, "u55", c16=True)
        assert mask.sum() == 1 and cyc[k] == want * 32 * 32 * 16
        assert m.predict_ops(r, bcast=True, bcast_exact=True, bcast_c16=True)[k] == cyc[k]
    with pytest.raises(ValueError, match="extends rule T2"):
        m.predict_ops(r, bcast=True, bcast_c16=True)


def test_rule_z_prices_narrow_input_long_kernel_convs_at_the_padded_mac_bound(fitted):
    """Z (session 37 addendum 8): a CONV_2D with fewer than 8 input channels, at least 16
    taps, a stride of at most 3 and at least 1,000 output pixels costs kappa x OH OW Kh Kw
    pad8(C_in) pad8(C_out) / P (Chambon et al. 2018's 1 x 64 conv of 2 -> 8 channels on
    3,840 samples: 122,880 cycles on U55 at the bound, Vela 123,613); 8 input channels,
    15 taps, stride 4 or a small map are left alone."""
    from jaxeff.gnn.baselines import Z_KAPPA, z_conv_bound

    d, m = fitted
    b = NetBuilder(np.random.default_rng(0))
    x = b.input((1, 1, 3840, 2))
    z = b.conv(x, 8, (1, 64), padding="SAME")                     # in the domain
    wide = b.conv(b.input((1, 1, 3840, 8)), 8, (1, 64), padding="SAME")   # C_in 8: not
    short = b.conv(b.input((1, 1, 3840, 2)), 8, (1, 15), padding="SAME")  # 15 taps: not
    small = b.conv(b.input((1, 1, 512, 2)), 8, (1, 64), padding="SAME")   # 512 px: not
    rec = _save(d, "z.tflite", b.finish([z, wide, short, small]))
    mask, bound = z_conv_bound(rec, "u55")
    convs = [i for i, o in enumerate(rec["ops"][: rec["n_ops"]]) if o == "CONV_2D"]
    assert [bool(mask[i]) for i in convs] == [True, False, False, False]
    assert bound[convs[0]] == 3840 * 64 * 8 * 8 / 128 == 122880
    assert z_conv_bound(rec, "u65")[1][convs[0]] == 122880 / 2
    assert 1.05 < Z_KAPPA["u55"] < 1.2 and 1.05 < Z_KAPPA["u65"] < 1.2  # mix22's median
    ruled = m.predict_ops(rec, z_conv=True)
    assert ruled[convs[0]] == pytest.approx(Z_KAPPA["u55"] * 122880, rel=1e-12)
    np.testing.assert_array_equal(np.delete(ruled, convs[0]),
                                  np.delete(m.predict_ops(rec), convs[0]))
    with pytest.raises(ValueError, match="platform must be one of"):
        z_conv_bound(rec, "u75")


def test_z_geometries_price_odd_rows_on_u65_and_columns_on_both(fitted):
    """Candidates Z1 / Z2 (session 38 addendum 2, ``diag_vz38.md``): Vela 5.2 runs a conv of
    Z's domain whose output is one row of odd width at about twice the padded-MAC bound on
    the U65 only (Abdoli et al.'s 1 x 64 / 2 conv, 7,969 outputs); a one-column output at
    about twice on both NPUs; even rows and 2-D maps keep kappa."""
    from jaxeff.gnn.baselines import Z_COLUMN, Z_KAPPA, Z_ROW_ODD, z_conv_bound, z_conv_kappa

    d, _ = fitted
    b = NetBuilder(np.random.default_rng(0))
    odd = b.conv(b.input((1, 1, 16000, 1)), 16, (1, 64), (1, 2), padding="VALID")  # 1 x 7969
    even = b.conv(b.input((1, 1, 16000, 1)), 16, (1, 64), (1, 2), padding="SAME")  # 1 x 8000
    col = b.conv(b.input((1, 4033, 1, 1)), 8, (64, 1), padding="VALID")            # 3970 x 1
    flat = b.conv(b.input((1, 40, 150, 1)), 50, (8, 13), padding="VALID")          # 33 x 138
    rec = _save(d, "zg.tflite", b.finish([odd, even, col, flat]))
    convs = [i for i, o in enumerate(rec["ops"][: rec["n_ops"]]) if o == "CONV_2D"]
    assert z_conv_bound(rec, "u65")[0][convs].all()
    for p in ("u55", "u65"):
        k0, k1, k2 = (z_conv_kappa(rec, p, g)[convs] for g in ("", "row", "rowcol"))
        assert (k0 == Z_KAPPA[p]).all()
        assert k1.tolist() == [Z_ROW_ODD.get(p, Z_KAPPA[p])] + [Z_KAPPA[p]] * 3
        assert k2.tolist() == [Z_ROW_ODD.get(p, Z_KAPPA[p]), Z_KAPPA[p], Z_COLUMN[p], Z_KAPPA[p]]
    assert "u55" not in Z_ROW_ODD and 2.0 < Z_ROW_ODD["u65"] < 2.05
    with pytest.raises(ValueError, match="geometry must be one of"):
        z_conv_kappa(rec, "u65", "col")


def test_depth16_candidates_price_odd16_depths_at_16_padded_costs(fitted):
    """Candidates A16 / R16 (session 38 addendum 7, ``diag_lx38.md``): Vela works on depths
    padded to 16. On 19 channels (Res26-narrow's 50 x 20 maps) a residual ADD costs 1.5 / 0.75
    cycles per 16-padded element (1,000 x 32 x 1.5 = 48,000 on U55) and a 3 x 3 conv
    kappa16 x 1,000 x 9 x 32 x 32 / P; 32 channels (pad8 = pad16), a broadcast ADD, a
    dilated or 1 x 1 conv and a small map are left alone."""
    from jaxeff.gnn.baselines import R16_KAPPA, depth16_cycles

    d, m = fitted
    b = NetBuilder(np.random.default_rng(0))
    x = b.input((1, 50, 20, 19))
    c1 = b.conv(x, 19, 3)                                      # R16
    a = b.add(x, c1)                                           # A16
    w = b.conv(b.input((1, 50, 20, 32)), 32, 3)                # 32 channels: not
    dil = b.conv(x, 19, 3, dilation=2)                         # dilated: not
    small = b.conv(b.input((1, 20, 20, 19)), 19, 3)            # 400 px: not
    bc = b.add(c1, b.const(np.ones((1, 1, 1, 19), np.float32)))  # broadcast constant: not
    rec = _save(d, "d16.tflite", b.finish([a, w, dil, small, bc]))
    ops = list(rec["ops"][: rec["n_ops"]])
    mask, cyc = depth16_cycles(rec, "u55")
    assert [ops[i] for i in np.flatnonzero(mask)] == ["CONV_2D", "ADD"]
    conv, add = np.flatnonzero(mask)
    assert cyc[add] == 1.5 * 1000 * 32 == 48000
    assert cyc[conv] == pytest.approx(R16_KAPPA["u55"] * 1000 * 9 * 32 * 32 / 128, rel=1e-12)
    assert depth16_cycles(rec, "u65")[1][add] == 0.75 * 1000 * 32
    only_add = depth16_cycles(rec, "u55", conv=False)[0]
    assert only_add.sum() == 1 and only_add[add]
    ruled = m.predict_ops(rec, add16=True, conv16=True)
    np.testing.assert_array_equal(ruled[mask], cyc[mask])
    np.testing.assert_array_equal(ruled[~mask], m.predict_ops(rec)[~mask])


def test_w1_prices_one_row_convs_as_vela_counts_them(fitted):
    """Candidate W1 (session 39 addendum 3, ``diag_row39.md``): a one-row 1 x 9 conv of 36 -> 36
    channels (a TC-ResNet temporal conv) runs part-kernel first (36 x 9 / (40 x 12) > 36 / 64):
    12 taps x 48 lanes x pad8(36) = 40 outputs per pixel; on the U65 an odd width costs twice
    (its 2 x 2 micro-block half empty), an even one once; on the U55 the 12,024-byte weight
    stream at 1 B per cycle is the larger term. Outside the domain: OW 64, C_in 8, stride 2,
    a 3 x 3 kernel."""
    from jaxeff.gnn.baselines import W1_KAPPA, row_conv_cycles

    d, m = fitted
    b = NetBuilder(np.random.default_rng(0))
    odd = b.conv(b.conv(b.input((1, 1, 49, 36)), 36, 1), 36, (1, 9))      # W1
    even = b.conv(b.input((1, 1, 48, 36)), 36, (1, 9))                    # W1
    wide = b.conv(b.input((1, 1, 64, 36)), 36, (1, 9))                    # OW 64: not
    narrow = b.conv(b.input((1, 1, 49, 8)), 8, (1, 9))                    # C_in 8: not
    strided = b.conv(b.input((1, 1, 98, 36)), 36, (1, 9), (1, 2))          # stride 2: not
    square = b.conv(b.input((1, 3, 49, 36)), 36, 3)                       # 3 x 3: not
    rec = _save(d, "w1.tflite", b.finish([odd, even, wide, narrow, strided, square]))
    mask, cyc = row_conv_cycles(rec, "u65")
    shapes = [(int(rec["x"][v, 2]), int(rec["x"][v, 3])) for v in np.flatnonzero(mask)]
    assert shapes == [(49, 36), (48, 36)]
    o, e = np.flatnonzero(mask)
    assert cyc[o] == pytest.approx(W1_KAPPA["u65"] * 49 * 12 * 48 * 40 * 2 / 256, rel=1e-12)
    assert cyc[e] == pytest.approx(W1_KAPPA["u65"] * 48 * 12 * 48 * 40 / 256, rel=1e-12)
    u55 = row_conv_cycles(rec, "u55")
    np.testing.assert_array_equal(u55[0], mask)
    assert u55[1][o] == pytest.approx(W1_KAPPA["u55"] * (9 * 36 * 36 + 360) / 1.0, rel=1e-12)
    ruled = m.predict_ops(rec, row_conv=True)
    np.testing.assert_array_equal(ruled[u55[0]], u55[1][u55[0]])
    np.testing.assert_array_equal(ruled[~mask], m.predict_ops(rec)[~mask])
    with pytest.raises(ValueError, match="platform"):
        row_conv_cycles(rec, "u99")


def test_w2_keeps_kappa_off_the_weight_stream(fitted):
    """Candidate W2 (session 40 addendum 1): W1 with kappa on the MAC count only. The 1 x 9
    conv of 36 -> 36 channels: on the U55 its 12,024-byte weight stream (1 B / cycle) is the
    larger term, so W2 prices it at the stream itself, W1 at kappa x the stream; on the U65
    (3.75 B / cycle) its odd-width MAC count is larger: W2 = W1 there. Same domain as W1."""
    from jaxeff.gnn.baselines import W1_KAPPA, row_conv_cycles

    d, m = fitted
    b = NetBuilder(np.random.default_rng(0))
    odd = b.conv(b.input((1, 1, 49, 36)), 36, (1, 9))
    rec = _save(d, "w2.tflite", b.finish([odd]))
    for pl in ("u55", "u65"):
        m1, c1 = row_conv_cycles(rec, pl)
        m2, c2 = row_conv_cycles(rec, pl, stream_kappa=False)
        np.testing.assert_array_equal(m1, m2)
        (v,) = np.flatnonzero(m1)
        stream = (9 * 36 * 36 + 360) / {"u55": 1.0, "u65": 3.75}[pl]
        bv = 49 * 12 * 48 * 40 * {"u55": 1, "u65": 2}[pl] / {"u55": 128, "u65": 256}[pl]
        assert c1[v] == pytest.approx(W1_KAPPA[pl] * max(bv, stream), rel=1e-12)
        assert c2[v] == pytest.approx(max(W1_KAPPA[pl] * bv, stream), rel=1e-12)
    assert row_conv_cycles(rec, "u55", stream_kappa=False)[1][v] == pytest.approx(12024.0)
    ruled = m.predict_ops(rec, row_conv=True, row_conv_w2=True)
    np.testing.assert_array_equal(ruled[m2], row_conv_cycles(rec, m.platform, False)[1][m2])
    with pytest.raises(ValueError, match="W2"):
        m.predict_ops(rec, row_conv_w2=True)


def test_w3_streams_the_encoded_weights(fitted):
    """Candidate W3 (session 40 addendum 4, ``diag_w1_40.md``): W1 with the weight stream at
    Vela's own encoded size, ``max(kappa bV, E / beta)``, E from
    ``velamem.codec_weight_bytes`` on the domain's convs only (the others keep the estimate);
    a record without its TFLite graph keeps W1; W2 and W3 together are refused."""
    from jaxeff.gnn.baselines import W1_KAPPA, row_conv_cycles
    from jaxeff.gnn.velamem import codec_weight_bytes, encoded_weight_bytes

    d, m = fitted
    b = NetBuilder(np.random.default_rng(0))
    big = b.conv(b.input((1, 1, 14, 192)), 192, (1, 9))                   # weight-bound
    sq = b.conv(b.input((1, 8, 8, 16)), 16, 3)                            # not in the domain
    rec = _save(d, "w3.tflite", b.finish([big, sq]))
    assert rec.get("graph") is not None
    for pl, beta in (("u55", 1.0), ("u65", 3.75)):
        mask, c1 = row_conv_cycles(rec, pl)
        m3, c3 = row_conv_cycles(rec, pl, codec=True)
        np.testing.assert_array_equal(mask, m3)
        (v,) = np.flatnonzero(mask)
        enc = codec_weight_bytes(rec, pl, only=mask)
        est = encoded_weight_bytes(rec)
        assert enc[v] != est[v] and np.array_equal(enc[~mask], est[~mask])
        bv = c1[v] / W1_KAPPA[pl] if c1[v] / W1_KAPPA[pl] > (9 * 192 * 192 + 1920) / beta else 0.0
        assert c3[v] == pytest.approx(max(W1_KAPPA[pl] * bv, enc[v] / beta), rel=1e-12)
        assert 0.8 < enc[v] / (9 * 192 * 192 + 1920) < 1.0  # seeded weights compress
        nog = {k: val for k, val in rec.items() if k != "graph"}
        np.testing.assert_array_equal(row_conv_cycles(nog, pl, codec=True)[1], c1)
    ruled = m.predict_ops(rec, row_conv=True, row_conv_codec=True)
    np.testing.assert_array_equal(ruled[m3], row_conv_cycles(rec, m.platform, codec=True)[1][m3])
    with pytest.raises(ValueError, match="choose one"):
        m.predict_ops(rec, row_conv=True, row_conv_w2=True, row_conv_codec=True)
    with pytest.raises(ValueError, match="only must be"):
        codec_weight_bytes(rec, "u55", only=np.ones(5, bool))
