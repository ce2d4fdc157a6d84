"""bench_hmf runs at a tiny size; speed itself is never asserted in tests."""

import pytest

from benchmarks import bench_hmf


@pytest.mark.slow  # CI budget (session 35): ~18 s on 2 cores (a benchmark's run)
def test_bench_hmf_runs(tmp_path):
    out = tmp_path / "RESULTS.md"
    res = bench_hmf.main(["--hidden", "32", "--input", "16", "--factors", "4",
                          "--repeats", "1", "--inner", "1", "--out", str(out)])
    r = res["factors"]["4"]
    assert r["ratios"]["hmf_vs_prune_bcoo"] > 0
    assert r["info"]["hmf"]["weights"] <= r["info"]["dense"]["weights"] / 4
    assert "bench_hmf" in out.read_text()
