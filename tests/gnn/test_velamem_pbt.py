"""SRAM candidates of session 43 (issue 22): "_pbt" (the U65 sliced branch sized with the DRAM copy time of the
whole-weight test, ``diag_gpd42.md``), ``test_cycles`` (candidate Lo: cycles for the U65 whole-weight test's
"no slower" branch alone) and :func:`jaxeff.gnn.fit.forest_op_cycles` (the per-op forests' cycles, candidates L / Lo).
None of them is the default: all failed session 43's pre-registered choice on 335 read models
(``docs/evidence/perfsage-cpu-2026-12-08-s43/sram_v43.md``)."""

from __future__ import annotations

import types

import numpy as np
import pytest

from jaxeff.gnn import velamem as vm
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.fit import ForestBase, forest_op_cycles
from jaxeff.gnn.heldout_nets_lxix_b import gpd
from tests.gnn.test_tconv_rule import _save

S2 = vm.S2_RULE  # session 43's reference (the default until session 44's PSL)


@pytest.fixture(scope="module")
def gpd_rec(tmp_path_factory):
    b = NetBuilder(np.random.default_rng(0))
    return _save(tmp_path_factory.mktemp("pbt"), "gpd.tflite", b.finish([gpd(b, b.input((1, 1, 400, 3)))]))


def test_defaults_unchanged():
    assert S2.endswith("_hpx_sact2") and S2 + "_pbt" in vm.RULES and "_pbt" not in S2


def test_pbt_gives_vela_slices_with_the_pool_slack(gpd_rec):
    """GPD's conv 4 (1 x 100 x 64 -> 128, 1x11): with the previous pool at Vela's printed 7,270 U65 cycles,
    "_pbt" (T = W / 3.75 + 500) slices it [0, 32, 96, 128]: 19,200 B of maps + 68,544 B of buffers = 87,744 B,
    the replay figure of diag_gpd42.md (Vela 83,200 B); velamem's own roofline slack leaves every rule as it was,
    and the U55 is never touched."""
    n = int(gpd_rec["n_ops"])
    ops = list(gpd_rec["ops"][:n])
    pools = [i for i, o in enumerate(ops) if o == "MAX_POOL_2D"]
    conv4 = [i for i, o in enumerate(ops) if o == "CONV_2D"][2]
    for pl in ("u55", "u65"):
        c = vm.roofline_cycles(gpd_rec, pl)
        vela = c.copy()
        vela[pools] = 7270.0
        np.testing.assert_array_equal(vm.node_sram_bytes(gpd_rec, pl, c, rule=S2 + "_pbt"),
                                      vm.node_sram_bytes(gpd_rec, pl, c, rule=S2))
        got = vm.node_sram_bytes(gpd_rec, pl, vela, rule=S2 + "_pbt")[:n]
        base = vm.node_sram_bytes(gpd_rec, pl, vela, rule=S2)[:n]
        if pl == "u55":
            np.testing.assert_array_equal(got, base)
        else:
            assert got[conv4] == 19200 + 68544 and base[conv4] == 19200


def test_test_cycles_only_touch_the_u65_whole_test(gpd_rec):
    """``test_cycles`` of 0 change nothing here (no operator passes the "no slower" branch now); huge ones let
    the 42,000 B FC 200 -> 200 (its copy hides under the big FC before it) and the last FC's 640 B be buffered
    whole, each also held under the operator before it; the U55 ignores them."""
    n = int(gpd_rec["n_ops"])
    fc = [i for i, o in enumerate(gpd_rec["ops"][:n]) if o == "FULLY_CONNECTED"]
    base = vm.node_sram_bytes(gpd_rec, "u65")[:n]
    np.testing.assert_array_equal(vm.node_sram_bytes(gpd_rec, "u65", test_cycles=np.zeros(n))[:n], base)
    big = vm.node_sram_bytes(gpd_rec, "u65", test_cycles=np.full(n, 1e12))[:n]
    # each FC's buffer counts at the FC and, fetched under it, at the operator before
    assert [big[k] - base[k] for k in fc] == [42000, 42000 + 640, 640]
    keep = [i for i in range(n) if i not in fc]
    np.testing.assert_array_equal(big[keep], base[keep])
    assert vm.sram_bytes(gpd_rec, "u55", test_cycles=np.full(n, 1e12)) == vm.sram_bytes(gpd_rec, "u55")
    with pytest.raises(ValueError, match="cycles must have shape"):
        vm.sram_bytes(gpd_rec, "u65", test_cycles=np.ones(n + 1))
    with pytest.raises(ValueError, match="non-negative"):
        vm.sram_bytes(gpd_rec, "u65", test_cycles=-np.ones(n))


class _Forests(ForestBase):
    """A ForestBase whose per-op milliseconds are given (no trained forest needed)."""

    def __init__(self, ms: dict):
        super().__init__(tuple(ms), {}, {})
        self._ms = ms

    def per_op(self):
        return {t: (lambda rec, v=v: np.asarray(v, np.float64)) for t, v in self._ms.items()}


def test_forest_op_cycles(gpd_rec):
    n = int(gpd_rec["n_ops"])
    a, b = np.linspace(0.0, 1.0, n), np.linspace(0.0, 3.0, n)  # node 0 priced 0 by both
    preds = [types.SimpleNamespace(node_base=_Forests({"u55_latency_ms": a, "u65_latency_ms": a})),
             types.SimpleNamespace(node_base=_Forests({"u55_latency_ms": b, "u65_latency_ms": b}))]
    for pl, clock in (("u55", 500e6), ("u65", 1e9)):
        got = forest_op_cycles(preds, gpd_rec, pl)
        np.testing.assert_allclose(got[1:], (a + b)[1:] / 2 * clock / 1e3, rtol=1e-12)
        assert got[0] == vm.roofline_cycles(gpd_rec, pl)[0] > 0  # priced 0: roofline
    with pytest.raises(ValueError, match="platform"):
        forest_op_cycles(preds, gpd_rec, "u75")
    with pytest.raises(ValueError, match="at least one"):
        forest_op_cycles([], gpd_rec, "u55")
    with pytest.raises(ValueError, match="ForestBase"):
        forest_op_cycles([types.SimpleNamespace(node_base=None)], gpd_rec, "u55")
    with pytest.raises(ValueError, match="u65_latency_ms"):
        forest_op_cycles([types.SimpleNamespace(node_base=_Forests({"u55_latency_ms": a}))], gpd_rec, "u65")
