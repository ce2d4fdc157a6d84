"""SRAM candidate "_sact" (issue 22, session 41 addendum 1): a convolution Vela 5.2 splits
into one operation per output pixel (stride above 3, no padding) with a fused activation
writes its sub-operations' output as a brick map, and a separate activation operation then
rewrites it into the output's own layout; that operation's step holds both maps, not the
convolution's input that dies there (``docs/evidence/perfsage-cpu-2026-12-07-s41/``: M18's
Vela peak, two copies of its 1 x 7,981 x 64 stem output)."""

from __future__ import annotations

import numpy as np

from jaxeff.gnn import velamem as vm
from jaxeff.gnn.build import NetBuilder
from tests.gnn.test_tconv_rule import _save

H2 = ("vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq_vis_1rd"
      "_spool_cb_rsz_ew1_lut_hpx")


def _graph(tmp_path, act: str, w: int = 4000, pool: bool = True):
    """input 1 x w x 1 -> 1 x 8 / 4 VALID conv to 64 channels (act) -> max pool 1 x 4 / 4 (split: its input
    NHWC) or, with ``pool=False``, nothing (its output read by an ordinary conv: bricks) -> 1 x 1 conv."""
    b = NetBuilder(np.random.default_rng(0))
    x = b.conv(b.input((1, 1, w, 1)), 64, (1, 8), stride=(1, 4), padding="VALID", act=act)
    y = b.pool(x, "max", (1, 4), (1, 4)) if pool else x
    return _save(tmp_path, f"s{act}_{w}_{pool}.tflite", b.finish([b.conv(y, 16, 1)]))


def test_split_activation_step_holds_both_maps(tmp_path):
    rec = _graph(tmp_path, "RELU")
    ops = list(rec["ops"][: rec["n_ops"]])
    c = ops.index("CONV_2D")
    assert vm.split_convs(rec)[c]
    base = vm.feature_map_live(rec, True, split=True, split_pool=True)
    sact = vm.feature_map_live(rec, True, split=True, split_pool=True, split_act=True)
    # OFM 1 x 999 x 64: NHWC (the split pool reads it) 63,936 B; the 1 x 4000 x 1 input (4,000 B) dies there
    out, inp = 999 * 64, 4000
    assert sact[c] - base[c] == out - inp
    others = [i for i in range(len(base)) if i != c]
    np.testing.assert_array_equal(sact[others], base[others])
    # the step's live set: the brick map (64 channels: the same bytes) + the NHWC output
    assert sact[c] == 2 * out
    # S2 (the default since session 41): the same here, the output being NHWC
    s2 = vm.feature_map_live(rec, True, split=True, split_pool=True, split_act=True, split_act_copy=True)
    np.testing.assert_array_equal(s2, sact)
    assert vm.DEFAULT_RULE == H2 + "_sact2_psl" and vm.S2_RULE == H2 + "_sact2"  # PSL since session 44
    for rule in (H2 + "_sact", H2 + "_sact2"):
        assert rule in vm.RULES
        for pl in ("u55", "u65"):
            assert vm.sram_bytes(rec, pl, rule=rule) >= 2 * out > vm.sram_bytes(rec, pl, rule=H2)


def test_brick_output_is_rewritten_in_place(tmp_path):
    """S2: an output read by an ordinary conv stays in bricks; the activation rewrites it in place (Vela's
    ``cnn_tstride4``: both maps at one address), so only S adds the step."""
    rec = _graph(tmp_path, "RELU", pool=False)
    c = list(rec["ops"][: rec["n_ops"]]).index("CONV_2D")
    kw = dict(split=True, split_pool=True)
    base = vm.feature_map_live(rec, True, **kw)
    assert vm.feature_map_live(rec, True, split_act=True, **kw)[c] - base[c] == 999 * 64 - 4000
    np.testing.assert_array_equal(vm.feature_map_live(rec, True, split_act=True, split_act_copy=True, **kw), base)


def test_no_activation_no_step(tmp_path):
    rec = _graph(tmp_path, "NONE")
    np.testing.assert_array_equal(vm.feature_map_live(rec, True, split=True, split_pool=True, split_act=True),
                                  vm.feature_map_live(rec, True, split=True, split_pool=True))
