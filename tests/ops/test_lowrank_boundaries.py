"""jaxeff.ops.lowrank.hmf_split at its bounds (mutation survivors of issue 26): the
low-rank part's rank never exceeds min(m - p, n), whatever the budget, the budget
always holds, and dense_frac's range [0, 1] and pruning's 1..m*n are inclusive."""

import pytest

from jaxeff.ops import lowrank as lr


@pytest.mark.parametrize("m,n,b,frac,want", [
    (8, 4, 1000, 0.0, (0, 4)),    # huge budget, no dense rows: r capped at n = 4
    (4, 8, 1000, 0.0, (0, 4)),    # ... capped at m - p = 4
    (8, 4, 1000, 0.5, (8, 0)),    # p = min(500 // 4, 8) = m: all dense, no low rank
    (8, 4, 20, 0.5, (2, 1)),      # p = 10 // 4 = 2, r = (20 - 8) // 10 = 1
    (16, 16, 100, 1.0, (4, 1)),   # frac = 1 is valid: p = 6 leaves r = 0, drops to 4
])
def test_hmf_split_hand_values_cap_the_rank_and_keep_the_budget(m, n, b, frac, want):
    p, r = lr.hmf_split(m, n, b, dense_frac=frac)
    assert (p, r) == want
    assert r <= min(m - p, n) and p * n + r * (m - p + n) <= b


@pytest.mark.parametrize("frac", [-0.01, 1.01])
def test_hmf_split_dense_frac_outside_0_1_is_refused(frac):
    with pytest.raises(ValueError, match=rf"dense_frac must lie in \[0, 1\], got {frac}"):
        lr.hmf_split(8, 4, 20, dense_frac=frac)


def test_pruning_keeps_1_to_all_weights_inclusive():
    assert lr.Factorization(kind="prune", m=4, n=3, nnz=12).nnz == 12  # keep all: valid
    assert lr.Factorization(kind="prune", m=4, n=3, nnz=1).nnz == 1
    for bad in (0, 13):
        with pytest.raises(ValueError, match=rf"pruning must keep 1\.\.12 weights, got {bad}"):
            lr.Factorization(kind="prune", m=4, n=3, nnz=bad)
