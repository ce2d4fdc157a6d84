"""SRAM candidate PSL of session 44 (issue 22; ``docs/evidence/perfsage-cpu-2026-12-08-s44/diag_sram44.md``): the
operator after a pool Vela 5.2 splits into one operation per output pixel sees the slack of one sub-operation, not of
the whole pool (regor's slack is the cycles of the NPU operation just before)."""

from __future__ import annotations

import numpy as np
import pytest

from jaxeff.gnn import velamem as vm
from jaxeff.gnn.build import NetBuilder
from tests.gnn.test_tconv_rule import _save

PSL = vm.S2_RULE + "_psl"


def test_psl_is_the_default():
    """Session 44 outcome 7: PSL passed session 22's rule on V46S (347 read models) and is the default."""
    assert vm.DEFAULT_RULE == PSL and PSL in vm.RULES


def _deepsea_head(tmp_path, stride=4):
    b = NetBuilder(np.random.default_rng(0))
    y = b.conv(b.input((1, 1, 1000, 4)), 320, (1, 8), padding="VALID", act="RELU")
    y = b.pool(y, "max", (1, stride), (1, stride))
    return _save(tmp_path, f"ds{stride}.tflite", b.finish([b.conv(y, 480, (1, 8), padding="VALID", act="RELU")]))


def test_deepsea_head_u65(tmp_path):
    """DeepSEA's first three operators: conv 320 k8 (1 x 993 x 320 = 317,760 B), max pool 4 / 4 (split per output
    pixel: 248 x 320 = 79,360 B), conv 480 k8. Under S2 velamem gives the second conv a 1,110,240 B sliced weight
    buffer on the U65 because its first slice hides under the whole pool's cycles; Vela hides it under one pool step
    only, keeps no buffer and peaks at 317,760 + 79,360 = 397,120 B (its label on DeepSEA). The U55 is unchanged."""
    rec = _deepsea_head(tmp_path)
    assert vm.split_pools(rec).tolist() == [False, True, False]
    assert vm.sram_bytes(rec, "u65", rule=vm.S2_RULE) == 1_305_280 and vm.sram_bytes(rec, "u65") == 317_760 + 79_360
    assert vm.sram_bytes(rec, "u55", rule=vm.S2_RULE) == vm.sram_bytes(rec, "u55") == 561_600


def test_unsplit_pool_unchanged(tmp_path):
    """A 2 / 2 pool is not split (stride <= 3): PSL changes nothing."""
    rec = _deepsea_head(tmp_path, stride=2)
    assert not vm.split_pools(rec).any()
    for pl in ("u55", "u65"):
        assert vm.sram_bytes(rec, pl, rule=vm.S2_RULE) == vm.sram_bytes(rec, pl)


def test_rule_name_checked(tmp_path):
    rec = _deepsea_head(tmp_path)
    with pytest.raises(ValueError, match="rule must be one of"):
        vm.sram_bytes(rec, "u65", rule=vm.S2_RULE + "_psx")
