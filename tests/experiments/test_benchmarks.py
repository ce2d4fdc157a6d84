"""The benchmarks run (tiny settings); speed itself is never asserted in tests."""

import pytest

from benchmarks import bench_evolq


@pytest.mark.slow  # CI budget: ~19 s on 2 cores
def test_bench_evolq_runs(tmp_path):
    out = tmp_path / "RESULTS.md"
    res = bench_evolq.main(["--model", "vit_tiny/2", "--batch", "8", "--batches", "1",
                            "--population", "4", "--repeats", "1", "--gemm", "64",
                            "--out", str(out)])
    assert res["ratio"] > 0 and res["max_abs_fitness_diff"] < 1e-3
    assert res["population_gflop"] > 0 and res["gemm_gflop_s"] > 0
    assert "bench_evolq" in out.read_text()


def test_bench_sesr_runs(tmp_path):
    from benchmarks import bench_sesr

    out = tmp_path / "RESULTS.md"
    res = bench_sesr.main(["--variant", "tiny", "--tile", "12", "16", "--batch", "2",
                           "--patch", "8", "--repeats", "1", "--out", str(out)])
    assert res["infer_ratio"] > 0 and res["train_ratio"] > 0
    assert res["max_abs_diff"] < 1e-5
    assert "bench_sesr" in out.read_text()
