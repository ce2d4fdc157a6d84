"""SRAM candidates H1 ("*_hpx") and H2 ("*_lut_hpx") (issue 22, session 39 addendum 4;
``docs/evidence/perfsage-cpu-2026-12-07-s39/diag_sram39.md``): Vela 5.2 writes the output of
a half-pixel RESIZE_BILINEAR that doubles both axes NHWC (four strided 2 x 2 depthwise
convolutions), and runs a standalone LEAKY_RELU / TANH / LOGISTIC / HARD_SWISH on fewer
than 8 channels unfused on the reshaped map, NHWC in and out (as "_lin" runs the clamps)."""

from __future__ import annotations

import numpy as np

from jaxeff.gnn import velamem as vm
from jaxeff.gnn.build import NetBuilder
from tests.gnn.test_tconv_rule import _save

E1 = "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq_vis_1rd_spool_cb_rsz_ew1"
FLAGS = dict(concat_in_place=True, softmax_lowered=True, narrow_linear=True, split=True, big_act=True,
             one_reader=True, split_pool=True, carry_back=True, resize_chain=True, ew_one=True)


def _resizes(tmp_path):
    b = NetBuilder(np.random.default_rng(0))
    x = b.conv(b.input((1, 16, 16, 8)), 40, 1)
    hp = b.resize(x, (32, 32), "bilinear", half_pixel_centers=True)   # H: NHWC
    ac = b.resize(x, (32, 32), "bilinear", align_corners=True)        # align corners: bricks
    x3 = b.resize(x, (48, 48), "bilinear", half_pixel_centers=True)   # x3: bricks
    outs = [b.conv(hp, 24, 3), b.conv(ac, 24, 3), b.conv(x3, 24, 3)]
    return _save(tmp_path, "hpx.tflite", b.finish(outs))


def test_half_pixel_x2_output_is_nhwc(tmp_path):
    rec = _resizes(tmp_path)
    ops = list(rec["ops"][: rec["n_ops"]])
    rs = [v for v, o in enumerate(ops) if o == "RESIZE_BILINEAR"]
    hp = vm.half_pixel_x2_resizes(rec)
    assert hp[rs].tolist() == [True, False, False] and hp.sum() == 1
    base = vm.feature_map_live(rec, **FLAGS)
    h = vm.feature_map_live(rec, **FLAGS, half_pixel_x2=True)
    # while the first resize runs: its 16 x 16 x 40 input (bricks, 48 channels) and output;
    # the output 32 x 32 x 40 NHWC in place of 32 x 32 x 48 bricks
    assert base[rs[0]] - h[rs[0]] == 32 * 32 * (48 - 40)
    no_graph = {k: v for k, v in rec.items() if k != "graph"}
    assert not vm.half_pixel_x2_resizes(no_graph).any()  # without its graph: no flag, bricks
    assert vm.sram_bytes(no_graph, "u55", rule=E1 + "_hpx") == vm.sram_bytes(rec, "u55", rule=E1)
    assert vm.sram_bytes(rec, "u55", rule=E1 + "_hpx") <= vm.sram_bytes(rec, "u55", rule=E1)


def test_narrow_lut_activation_runs_nhwc(tmp_path):
    def net(name, c):  # Acharya's first conv (1 x 102 on one channel), a LEAKY_RELU, a pool
        b = NetBuilder(np.random.default_rng(0))
        y = b.leaky_relu(b.conv(b.input((1, 1, 651, 1)), c, (1, 102), padding="VALID"), 0.01)
        return _save(tmp_path, name, b.finish([b.pool(y, "max", (1, 2), (1, 2))]))

    rec = net("lut3.tflite", 3)
    ops = list(rec["ops"][: rec["n_ops"]])
    c, a = ops.index("CONV_2D"), ops.index("LEAKY_RELU")
    base = vm.feature_map_live(rec, **FLAGS)
    lut = vm.feature_map_live(rec, **FLAGS, lut_narrow=True)
    # the 1 x 550 x 3 map NHWC (1,650 B, 16-aligned 1,664) in place of 16-channel bricks (8,800)
    assert base[a] - lut[a] == 8800 - 1664
    assert base[c] - lut[c] == 8800 - 1664
    r = {x: vm.sram_bytes(rec, "u55", rule=E1 + x) for x in ("", "_hpx", "_lut_hpx")}
    assert r["_hpx"] == r[""] and r["_lut_hpx"] < r[""]
    wide = net("lut16.tflite", 16)  # 16 channels: bricks either way
    np.testing.assert_array_equal(vm.feature_map_live(wide, **FLAGS),
                                  vm.feature_map_live(wide, **FLAGS, lut_narrow=True))
