"""Kendall tau-b and its permutation / bootstrap test (jaxeff.metrics; used by the
RAN-i NN-Mass study, issue 19): pinned by hand counts and against scipy."""

import numpy as np
import pytest
import scipy.stats

from jaxeff.metrics import kendall_tau, kendall_test


def test_tau_hand_values():
    assert kendall_tau([1, 2, 3, 4], [10, 20, 30, 40]) == 1.0
    assert kendall_tau([1, 2, 3, 4], [4, 3, 2, 1]) == -1.0
    # pairs: (1,2) c, (1,3) c, (2,3) d -> (2 - 1) / 3
    assert kendall_tau([1, 2, 3], [1, 3, 2]) == pytest.approx(1 / 3, rel=1e-12)
    # a tie in x: n0 = 3, t_x = 1 pair; n_c = 2, n_d = 0 -> 2 / sqrt(2 * 3)
    assert kendall_tau([1, 1, 2], [1, 2, 3]) == pytest.approx(2 / np.sqrt(6), rel=1e-12)
    assert np.isnan(kendall_tau([5, 5, 5], [1, 2, 3]))


def test_tau_b_equals_scipy_with_ties():
    rng = np.random.default_rng(3)
    for _ in range(5):
        x = rng.integers(0, 6, 20).astype(float)
        y = x + rng.integers(0, 4, 20)
        assert kendall_tau(x, y) == pytest.approx(
            scipy.stats.kendalltau(x, y).statistic, rel=1e-12)


def test_test_p_value_and_interval():
    x = np.arange(10.0)
    r = kendall_test(x, x, n_perm=300, n_boot=300)
    assert r["tau"] == 1.0 and r["n"] == 10
    assert r["p_perm"] == pytest.approx(1 / 301)  # no permutation reaches tau = 1
    assert r["ci95_low"] == r["ci95_high"] == 1.0
    rng = np.random.default_rng(0)
    y = rng.normal(size=30)
    r = kendall_test(rng.normal(size=30), y, n_perm=300, n_boot=300)
    assert r["p_perm"] > 0.05 and r["ci95_low"] < r["tau"] < r["ci95_high"]


def test_bad_input():
    with pytest.raises(ValueError, match="equal length"):
        kendall_tau([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match="equal length"):
        kendall_tau([1], [1])
