"""bench_depthwise runs on a tiny layer (speed itself is never asserted)."""

from benchmarks import bench_depthwise


def test_bench_depthwise_runs(tmp_path):
    out = tmp_path / "RESULTS.md"
    rows = bench_depthwise.main(["--nets", "--layers", "6x4k3s2", "--batch", "2",
                                 "--repeats", "1", "--out", str(out)])
    assert rows[0]["layer"] == "6x4k3s2" and rows[0]["ratio"] > 0
    assert "bench_depthwise" in out.read_text()
