"""bench_winograd runs on a tiny shape (speed itself is never asserted)."""

from benchmarks import bench_winograd


def test_bench_winograd_runs(tmp_path):
    out = tmp_path / "RESULTS.md"
    rows = bench_winograd.main(["--shapes", "8x8", "--batches", "1", "--ms", "2",
                                "--repeats", "1", "--out", str(out)])
    assert rows[0]["ratio"] > 0 and rows[0]["max_rel_err"] < 1e-4
    assert set(rows[0]["breakdown_ms"]) == {"input_transform", "gemm",
                                            "output_transform", "weight_transform"}
    assert "bench_winograd" in out.read_text()
