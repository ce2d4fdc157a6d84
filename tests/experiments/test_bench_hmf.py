"""bench_hmf runs at a tiny size; speed itself is never asserted in tests."""

from benchmarks import bench_hmf


def test_bench_hmf_runs(tmp_path):
    out = tmp_path / "RESULTS.md"
    res = bench_hmf.main(["--hidden", "32", "--input", "16", "--factors", "4",
                          "--repeats", "1", "--inner", "1", "--out", str(out)])
    r = res["factors"]["4"]
    assert r["ratios"]["hmf_vs_prune_bcoo"] > 0
    assert r["info"]["hmf"]["weights"] <= r["info"]["dense"]["weights"] / 4
    assert "bench_hmf" in out.read_text()
