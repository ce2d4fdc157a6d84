"""bench_winograd_int8 runs on a tiny shape (speed itself is never asserted)."""

from benchmarks import bench_winograd_int8


def test_bench_winograd_int8_runs(tmp_path):
    out = tmp_path / "RESULTS.md"
    rows = bench_winograd_int8.main(["--shapes", "8x8", "--batches", "1", "--ms", "4",
                                     "--repeats", "1", "--out", str(out)])
    assert rows[0]["ratio"] > 0 and rows[0]["mult_limit"] == 4.0
    assert "bench_winograd_int8" in out.read_text()
