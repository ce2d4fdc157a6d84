"""The PerfSAGE labelling benchmark runs (tiny setting); speed is never asserted."""

import pytest

pytest.importorskip("distributed")
pytest.importorskip("ethosu.vela")


@pytest.mark.slow  # starts two Dask clusters of fresh processes (~30 s at load 15)
def test_bench_perfsage_labels_runs(tmp_path):
    from benchmarks import bench_perfsage_labels

    out = tmp_path / "RESULTS.md"
    res = bench_perfsage_labels.main(["--spaces", "dscnn", "--per-space", "2",
                                      "--shard-size", "1", "--out", str(out)])
    assert res["graphs"] == 2 and res["ratio"] > 0 and res["ratio_vs_inproc"] > 0
    text = out.read_text()
    assert text.count("bench_perfsage_labels") == 2 and "identical" in text
