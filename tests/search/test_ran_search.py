"""Greedy RAN-e collapse search (arXiv 2208.08562, spec micronets_ran.md §B2)."""

from __future__ import annotations

import pytest

from jaxeff.nets.ran import RAN_E_CONFIGS
from jaxeff.search.ran import apply_pattern, greedy_collapse, saved_cycles


def test_greedy_order_and_delta():
    saved = [50, -5, 300, 10, 200]
    hurt = {0: 0.2, 2: 0.5, 3: 0.1, 4: 2.0}  # accuracy lost by collapsing each
    calls = []

    def acc(p):
        calls.append(p)
        return 90.0 - sum(hurt[i] for i, f in enumerate(p) if f)

    pattern, ref, steps = greedy_collapse(saved, acc, delta=1.0)
    assert ref == 90.0
    assert [s.position for s in steps] == [2, 4, 0, 3]  # most cycles saved first
    assert [s.kept for s in steps] == [True, False, True, True]  # 4 would cost 2.5
    assert pattern == (1, 0, 1, 1, 0)  # position 1 saves nothing: never tried
    assert len(calls) == 5
    assert steps[1].accuracy == pytest.approx(87.5)


def test_candidates_and_bad_input():
    pattern, _, steps = greedy_collapse([5, 5, 5], lambda p: 1.0, delta=0.0,
                                        candidates=[1])
    assert pattern == (0, 1, 0) and len(steps) == 1
    with pytest.raises(ValueError, match="delta"):
        greedy_collapse([1], lambda p: 1.0, delta=-1)
    with pytest.raises(ValueError, match="candidates"):
        greedy_collapse([1], lambda p: 1.0, delta=0, candidates=[3])


def test_apply_pattern_round_trip():
    gt = RAN_E_CONFIGS["GT"]
    flags = [f for s in gt for f in s.collapse]
    assert apply_pattern(gt, flags) == gt
    c = apply_pattern(gt, [0] * len(flags))
    assert all(f == 0 for s in c for f in s.collapse)
    with pytest.raises(ValueError, match="pattern"):
        apply_pattern(gt, [1, 0])
    assert saved_cycles([{"u65_saved": 3}, {"u65_saved": -1}], "u65") == [3, -1]
