"""Smoke test of `python -m experiments.rans` (arXiv 2208.08562, issue 19)."""

import json

import pytest

from experiments import rans
from jaxeff.tflite.vela import vela_available

pytestmark = [pytest.mark.usefixtures("rbg_keys"),
              pytest.mark.skipif(not vela_available(), reason="needs ethos-u-vela")]
pytest.importorskip("ai_edge_litert")


def test_rans_smoke(tmp_path):
    wd = tmp_path / "run"
    res = rans.main(["--smoke", "--no-progress", "--workdir", str(wd)])
    counts = {r["net"]: r for r in res["counts"]}
    assert counts["GT"]["cifar_macs"] < counts["mbconv"]["cifar_macs"]
    assert counts["ran_i"]["cifar_macs"] < counts["convnext"]["cifar_macs"]
    vela = res["vela_cifar"]
    for net, c in vela.items():
        for pf in ("u55", "u65"):
            assert c[pf]["cpu_ops"] == 0, (net, pf)
            assert c[pf]["cycles"] > 0
        assert c["litert"]["median_ms"] > 0 and c["litert"]["n"] >= 5
    assert vela["lite0"]["u65"]["x_lite0"] == pytest.approx(1.0)
    assert len(res["blocks"]["GT"]) == 16
    table = {r["model"]: r for r in res["ran_i"]["table"]}
    assert table["RAN-i-T"]["nn_mass"] == 14_710
    assert 0.0 <= res["train"]["GT_tiny"]["test_top1"] <= 100.0
    assert (wd / "train" / "GT_tiny.json").exists()
    tr = res["train"]["GT_tiny"]
    assert tr["val_top1"] == max(h["val_top1"] for h in tr["history"])
    assert tr["macs"] > 0
    sr = res["search"]  # greedy search on a 2-stage prefix, 1 candidate
    assert len(sr["pattern"]) == 2 and len(sr["steps"]) == 1
    assert sr["pattern"][sr["steps"][0]["position"]] == int(sr["steps"][0]["kept"])
    assert (wd / "search" / "00.json").exists()
    report = (wd / "report.md").read_text()
    assert "## vela_cifar" in report and "| RAN-i-B |" in report
    assert "## greedy search" in report
    assert json.loads((wd / "results.json").read_text())["ran_i"]["cifar"]["ran_i"][
        "nn_mass"] == 3104


def test_rans_flags():
    cfg, wd, _ = rans.parse(["--epochs", "3", "--nets", "GT", "C", "--affine", "muladd",
                             "--no-imagenet-vela"])
    assert cfg.epochs == 3 and cfg.nets == ("GT", "C") and cfg.affine == "muladd"
    assert not cfg.vela_imagenet and wd == "runs/rans_default"
    with pytest.raises(ValueError, match="nets"):
        rans.Config(nets=("resnet",))
