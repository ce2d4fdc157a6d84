"""SRAM rule "_1rd" (issue 22, session 36 addendum 6; the default since): an elementwise
output takes over an input's buffer only when that input has a single reader, as Vela
5.2 reuses an ifm (``docs/evidence/perfsage-cpu-2026-12-07-s36/diag_sram36.md``: at
ResUNet's peak the batch-norm MUL on a concatenation that a 1 x 1 shortcut also reads
gets a buffer of its own)."""

from __future__ import annotations

import numpy as np

from jaxeff.gnn import velamem as vm
from jaxeff.gnn.build import NetBuilder
from tests.gnn.test_tconv_rule import _save


def _graph(tmp_path, shared: bool):
    """conv -> (1 x 1 shortcut conv, if ``shared``) -> MUL by a per-channel constant,
    its last reader -> ADD of the two (or of the MUL and a fresh conv)."""
    b = NetBuilder(np.random.default_rng(0))
    x = b.input((1, 32, 32, 32))
    a = b.conv(x, 32, 3)
    s = b.conv(a if shared else x, 32, 1)
    m = b.mul(a, b.const(np.full((1, 1, 1, 32), 0.5, np.float32)))
    return _save(tmp_path, f"g{int(shared)}.tflite", b.finish([b.add(m, s)]))


def test_one_reader_keeps_a_shared_input_and_its_elementwise_output_apart(tmp_path):
    assert vm.S2_RULE.endswith("_bdq_vis_1rd_spool_cb_rsz_ew1_lut_hpx_sact2")  # _1rd, 37's _spool, 38's _cb, _rsz, _ew1, 39's
    rec = _graph(tmp_path, True)
    k = list(rec["ops"]).index("MUL")
    last_reader = vm.feature_map_live(rec, True)
    one_reader = vm.feature_map_live(rec, True, one_reader=True)
    # the MUL's output is one 32 x 32 x 32 int8 map more while the MUL runs, nowhere else
    assert one_reader[k] - last_reader[k] == 32 * 32 * 32
    others = np.arange(len(one_reader)) != k
    np.testing.assert_array_equal(one_reader[others], last_reader[others])
    assert vm.sram_bytes(rec, "u55") >= vm.sram_bytes(rec, "u55", rule=vm.S2_RULE.removesuffix("_1rd_spool_cb_rsz_ew1_lut_hpx"))
    # with a single reader the MUL still writes in place under both
    solo = _graph(tmp_path, False)
    np.testing.assert_array_equal(vm.feature_map_live(solo, True, one_reader=True),
                                  vm.feature_map_live(solo, True))
