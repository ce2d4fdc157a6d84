"""SRAM rule "_spool" (issue 22, session 37 addendum 7; the default since outcome 8): the input map of a pool that
Vela 5.2 splits into one operation per output pixel (a stride above 3, more than one
output pixel) stays NHWC, unpadded, as velamem's "_split" keeps a split convolution's
(``docs/evidence/perfsage-cpu-2026-12-07-s37/diag_chambon37.md``: Chambon et al. 2018's
1 x 64 conv output of 8 channels read by a 1 x 16 / 16 max pool)."""

from __future__ import annotations

import numpy as np

from jaxeff.gnn import velamem as vm
from jaxeff.gnn.build import NetBuilder
from tests.gnn.test_tconv_rule import _save


def _graph(tmp_path, k: int, s: int, w: int = 3840):
    """input 1 x w x 2 -> 1 x 64 conv to 8 channels -> max pool 1 x k / s -> 1 x 1 conv."""
    b = NetBuilder(np.random.default_rng(0))
    x = b.conv(b.input((1, 1, w, 2)), 8, (1, 64), padding="SAME")
    y = b.pool(x, "max", (1, k), (1, s))
    return _save(tmp_path, f"p{k}_{s}_{w}.tflite", b.finish([b.conv(y, 8, 1)]))


def test_split_pool_input_is_held_unpadded(tmp_path):
    rec = _graph(tmp_path, 16, 16)
    ops = list(rec["ops"][: rec["n_ops"]])
    assert vm.split_pools(rec).tolist() == [o == "MAX_POOL_2D" for o in ops]
    c, p = ops.index("CONV_2D"), ops.index("MAX_POOL_2D")
    brick = vm.feature_map_live(rec, True)
    nhwc = vm.feature_map_live(rec, True, split_pool=True)
    # the conv's 1 x 3840 x 8 output: 16-channel bricks (61,440 B) -> NHWC (30,720 B), while
    # it is live (under the conv that writes it and the pool that reads it), nowhere else
    assert brick[c] - nhwc[c] == brick[p] - nhwc[p] == 3840 * 16 - 3840 * 8
    others = [i for i in range(len(brick)) if i not in (c, p)]
    np.testing.assert_array_equal(nhwc[others], brick[others])
    assert vm.S2_RULE.endswith("_1rd_spool_cb_rsz_ew1_lut_hpx_sact2")  # _spool since 37, _cb / _rsz / _ew1 38, _lut_hpx 39
    m1 = vm.S2_RULE.removesuffix("_spool_cb_rsz_ew1_lut_hpx_sact2")
    assert m1 in vm.RULES
    assert vm.sram_bytes(rec, "u55") < vm.sram_bytes(rec, "u55", rule=m1)


def test_unsplit_pools_keep_bricks(tmp_path):
    for k, s, w in ((3, 3, 3840), (16, 16, 16)):  # stride 3; a one-pixel (global) output
        rec = _graph(tmp_path, k, s, w)
        assert not vm.split_pools(rec).any()
        np.testing.assert_array_equal(vm.feature_map_live(rec, True, split_pool=True),
                                      vm.feature_map_live(rec, True))
