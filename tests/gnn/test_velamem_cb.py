"""SRAM candidates N1' ("_spool_cb") and N2 ("_spool_cb_pcat") (issue 22, session 38 section 1;
``docs/evidence/perfsage-cpu-2026-12-07-s37/diag_tsception37.md``): Vela 5.2 fuses a standalone
LEAKY_RELU into the conv before it, so when the activation's only readers are split pools the
conv and the activation share one NHWC buffer (N1'); a split pool read by a CONCATENATION gets
a buffer of its own and is copied in, the CONCATENATION live from the first such copy (N2)."""

from __future__ import annotations

import numpy as np

from jaxeff.gnn import velamem as vm
from jaxeff.gnn.build import NetBuilder
from tests.gnn.test_tconv_rule import _save

N1 = "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq_vis_1rd_spool"


def _branch(b: NetBuilder, x: int, k: int) -> int:
    """1 x k conv of 15 (VALID), LEAKY_RELU, average pool 1 x 8 / 8: a TSception branch."""
    return b.pool(b.leaky_relu(b.conv(x, 15, (1, k), padding="VALID"), 0.2), "avg", (1, 8), (1, 8))


def _one(tmp_path):
    b = NetBuilder(np.random.default_rng(0))
    y = _branch(b, b.input((1, 28, 512, 1)), 64)
    return _save(tmp_path, "cb1.tflite", b.finish([b.conv(y, 15, 1)]))


def test_carry_back_shares_the_conv_buffer(tmp_path):
    rec = _one(tmp_path)
    ops = list(rec["ops"][: rec["n_ops"]])
    c, a, p = ops.index("CONV_2D"), ops.index("LEAKY_RELU"), ops.index("AVERAGE_POOL_2D")
    assert (c, a, p) == (0, 1, 2)
    n1 = vm.feature_map_live(rec, True, split_pool=True)
    cb = vm.feature_map_live(rec, True, split_pool=True, carry_back=True)
    inp, bricks = 28 * 512, 28 * 449 * 16
    nhwc = -(-28 * 449 * 15 // 16) * 16  # 16-byte aligned
    # N1: the conv output in bricks and the activation's NHWC output cannot share a buffer,
    # both live while the activation runs (the input has died); N1': one NHWC buffer from
    # the conv to the pool
    assert n1[a] == bricks + nhwc
    assert cb[c] == inp + nhwc and cb[a] == nhwc and cb[p] == nhwc + 28 * 56 * 16
    rules = {r: vm.sram_bytes(rec, "u55", rule=r) for r in (N1, N1 + "_cb", N1 + "_cb_pcat")}
    assert rules[N1 + "_cb"] < rules[N1]
    assert rules[N1 + "_cb_pcat"] == rules[N1 + "_cb"]  # no CONCATENATION here


def test_carry_back_needs_split_pool_readers_only(tmp_path):
    b = NetBuilder(np.random.default_rng(0))
    act = b.leaky_relu(b.conv(b.input((1, 28, 512, 1)), 15, (1, 64), padding="VALID"), 0.2)
    y = b.pool(act, "avg", (1, 2), (1, 2))  # stride 2: not split
    rec = _save(tmp_path, "cb2.tflite", b.finish([b.conv(y, 15, 1)]))
    np.testing.assert_array_equal(vm.feature_map_live(rec, True, split_pool=True, carry_back=True),
                                  vm.feature_map_live(rec, True, split_pool=True))


def test_split_pools_copied_into_their_concatenation(tmp_path):
    b = NetBuilder(np.random.default_rng(0))
    x = b.input((1, 28, 512, 1))
    ys = [_branch(b, x, k) for k in (64, 32)]
    rec = _save(tmp_path, "cb3.tflite", b.finish([b.conv(b.concat(ys, axis=2), 15, 1)]))
    ops = list(rec["ops"][: rec["n_ops"]])
    p1 = ops.index("AVERAGE_POOL_2D")
    cat = ops.index("CONCATENATION")
    cb = vm.feature_map_live(rec, True, split_pool=True, carry_back=True)
    pc = vm.feature_map_live(rec, True, split_pool=True, carry_back=True, pool_concat_copy=True)
    assert cat == 6 and p1 == 2
    # in place (N1'): the first pool writes the concat from op 2 on; N2: the pool holds its own
    # 28 x 56 x 15 output (bricks) under itself and until the concat, and the concat is live
    # from op 3 on, so under the second branch both are live
    assert (pc[3:cat] > cb[3:cat]).all()
    assert pc[p1] == cb[p1] - pc[cat] + 28 * 56 * 16 or pc[p1] != cb[p1]
    assert N1 + "_cb_pcat" in vm.RULES and vm.S2_RULE == N1 + "_cb_rsz_ew1_lut_hpx_sact2"  # N1', R, E1 (38), H2 (39)


def _head(tmp_path, h: int, w: int, s: int, name: str):
    """A 1 x 1 conv of 19 classes on an h x w x 16 map, bilinear x s: a segmentation head."""
    b = NetBuilder(np.random.default_rng(0))
    y = b.conv(b.input((1, h, w, 16)), 19, 1)
    return _save(tmp_path, name, b.finish([b.resize(y, (h * s, w * s), "bilinear",
                                                    half_pixel_centers=True)]))


def test_resize_chain_holds_the_brick_intermediates(tmp_path):
    """Candidate R (session 38 addendum 4, ``diag_sram38.md``): Vela 5.2 runs a x8 bilinear
    resize as three x2 upscales; at the last one the x4 intermediate (19 channels padded to
    32) and the NHWC output are live: ContextNet-14's 64 x 128 head gives 4,194,304 +
    9,961,472 = 14,155,776 B, Vela's "Total SRAM used" to the byte."""
    rec = _head(tmp_path, 64, 128, 8, "r8.tflite")
    rz = N1 + "_cb_rsz"
    assert rz in vm.RULES and vm.DEFAULT_RULE.startswith(rz)  # R, in the default since addendum 4
    k = list(rec["ops"][: rec["n_ops"]]).index("RESIZE_BILINEAR")
    plain = vm.feature_map_live(rec, True)
    chain = vm.feature_map_live(rec, True, resize_chain=True)
    assert chain[k] == 256 * 512 * 32 + 512 * 1024 * 19 == 14155776
    assert plain[k] == 64 * 128 * 32 + 512 * 1024 * 19
    np.testing.assert_array_equal(np.delete(chain, k), np.delete(plain, k))
    assert vm.sram_bytes(rec, "u55", rule=rz) == vm.sram_bytes(rec, "u65", rule=rz) == 14155776
    for s in (2, 3, 6):  # x2 is one step; 3 and 6 are not powers of two: unchanged
        r = _head(tmp_path, 16, 16, s, f"r{s}.tflite")
        np.testing.assert_array_equal(vm.feature_map_live(r, True, resize_chain=True),
                                      vm.feature_map_live(r, True))


def test_e1_keeps_element_wise_maps_nhwc_only_on_one_channel(tmp_path):
    """Candidate E1 (session 38 addendum 6, ``diag_ew38.md``): Vela 5.2 holds a residual ADD on
    19 channels (Res15-narrow) in 16-channel bricks, in and out; only a one-channel
    element-wise operator (IDN's final ADD) keeps its maps NHWC."""
    for c in (19, 1):
        b = NetBuilder(np.random.default_rng(0))
        x = b.conv(b.input((1, 101, 40, 1)), c, 3)
        y = b.conv(x, c, 3)
        rec = _save(tmp_path, f"ew{c}.tflite", b.finish([b.conv(b.add(x, y), 8, 1)]))
        k = list(rec["ops"][: rec["n_ops"]]).index("ADD")
        old = vm.feature_map_live(rec, True)
        e1 = vm.feature_map_live(rec, True, ew_one=True)
        if c == 19:  # under the ADD: two maps (the sum written over an input), 19 -> 32 channels
            assert old[k] == 2 * 76768 and e1[k] == 2 * 101 * 40 * 32 == 258560
        else:
            np.testing.assert_array_equal(e1, old)
    assert vm.S2_RULE.endswith("_ew1_lut_hpx_sact2")
