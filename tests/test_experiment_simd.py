"""Smoke test of ``python -m experiments.simd`` (arXiv 2008.00638), no files needed."""

import json

import pytest

from experiments import simd


@pytest.mark.slow  # CI budget: ~48 s on 2 cores; test_bench_simd_runs and tests/isa pin the kernel
def test_simd_smoke(tmp_path, monkeypatch):
    monkeypatch.delenv("JAXEFF_DATA", raising=False)  # the smoke preset needs no files
    wd = tmp_path / "run"
    res = simd.main(["--smoke", "--no-progress", "--workdir", str(wd)])
    ins = res["instructions"]
    assert ins["asmmla"]["macs"] == 2 * ins["smmla"]["macs"] == 64
    assert ins["sdot"]["macs"] == ins["vpdpbusd"]["macs"] == 16
    w = res["workloads"]["smoke:digits"]
    assert w["source"] == "captured" and len(w["layers"]) == 7  # resnet_tiny convs+head
    for rec in w["overflow"].values():
        assert 0 <= rec["event_pct"] <= 100 and 0 <= rec["wrong_pct"] <= 100
    assert w["overflow"]["W=4/wrap"]["lane_instr"] > 0
    assert w["systolic"]["int8x4"]["cycles"] <= w["systolic"]["int8"]["cycles"]
    assert "ML-examples__ds_cnn_s_quantized.tflite" in res["skipped"]
    assert res["accuracy"]["smoke:digits"]["calib_images"] == 64  # static scales
    acc = res["accuracy"]["smoke:digits"]["rows"]
    assert set(acc) == {"float", "int32", "W=4/wrap", "W=4/saturate", "W=inf/wrap",
                        "W=inf/saturate"}
    assert acc["int32"]["wrong_pct"] == 0 and acc["int32"]["flips"] == 0
    for k in ("W=4/wrap", "W=inf/saturate"):  # outputs equal int32 unless overflowed
        assert (acc[k]["wrong_pct"] == 0) <= (acc[k]["flips"] == 0)
        assert (acc[k]["events"] == 0) <= (acc[k]["wrong_pct"] == 0)
    saved = json.loads((wd / "results.json").read_text())
    assert saved["instructions"]["asmmla"]["macs"] == 64
    assert (wd / "report.md").read_text().startswith("# Asymmetric-operand SIMD")


def test_simd_flags():
    cfg, wd, _ = simd.parse(["--smoke", "--widen", "1", "0", "--array", "32", "8",
                             "--max-rows", "10", "--tflite"])
    assert cfg.widen == (1, None) and cfg.array == (32, 8) and cfg.max_rows == 10
    assert cfg.tflite == () and wd == "runs/simd_smoke"
    cfg, wd, _ = simd.parse(["--accuracy-only", "--accuracy-nets", "resnet20:cifar10",
                             "--accuracy-images", "7", "--accuracy-calib-images", "9"])
    assert cfg.nets == () and cfg.tflite == () and cfg.accuracy_images == 7
    assert cfg.accuracy_calib_images == 9
    assert cfg.accuracy_nets == ("resnet20:cifar10",) and wd == "runs/simd_default_accuracy"


def test_bench_simd_runs(tmp_path):
    from benchmarks import bench_simd

    out = tmp_path / "RESULTS.md"
    res = bench_simd.main(["--m", "16", "--k", "32", "--n", "8", "--repeats", "1",
                           "--out", str(out)])
    assert set(res["impls"]) == {"registers", "lanes"} and res["equal_when_no_overflow"]
    assert all(r["ratio"] > 0 for r in res["impls"].values())
    assert "bench_simd" in out.read_text()
