"""Smoke test of `python -m experiments.rans` (arXiv 2208.08562, issue 19)."""

import dataclasses
import json

import numpy as np
import pytest

from experiments import rans
from jaxeff.metrics import kendall_tau
from jaxeff.tflite.vela import vela_available

pytestmark = [pytest.mark.usefixtures("rbg_keys"),
              pytest.mark.skipif(not vela_available(), reason="needs ethos-u-vela")]
pytest.importorskip("ai_edge_litert")


@pytest.mark.slow  # CI budget: ~67 s on 2 cores; tests/nets/test_ran*.py pin the parts
def test_rans_smoke(tmp_path):
    wd = tmp_path / "run"
    res = rans.main(["--smoke", "--no-progress", "--workdir", str(wd)])
    counts = {r["net"]: r for r in res["counts"]}
    assert counts["GT"]["cifar_macs"] < counts["mbconv"]["cifar_macs"]
    assert counts["ran_i"]["cifar_macs"] < counts["convnext"]["cifar_macs"]
    assert (counts["convnext"]["cifar_macs"], counts["ran_i"]["cifar_params"]) == (
        28_746_240, 1_495_569)  # = convnext_cost (tests/nets/test_ran_i.py)
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
    assert res["study"] == {}  # the smoke skips the study (test below)
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
    with pytest.raises(ValueError, match="depthwise"):
        rans.Config(depthwise="grouped")
    assert rans.Config.smoke().depthwise == "lax" and cfg.depthwise == "shifted"


def test_study_flags_and_resume_checks(tmp_path):
    cfg, _, _ = rans.parse(["--study-n", "20", "--study-train-size", "3000",
                            "--study-epochs", "2"])
    assert (cfg.study_n, cfg.study_train_size, cfg.study_epochs) == (20, 3000, 2)
    pairs = rans.study_multipliers(cfg)
    assert len(set(pairs)) == 20 and pairs == rans.study_multipliers(cfg)  # seeded
    assert all(0.25 <= w <= 0.75 and 0.5 <= d <= 1.5 for w, d in pairs)
    with pytest.raises(ValueError, match="searched"):
        rans.Config(nets=("searched",))
    with pytest.raises(ValueError, match="study ranges"):
        rans.Config(study_wm=(0.5, 0.2))
    # a cached study network is reused, not retrained; a cache for another (wm, dm)
    # is an error
    small = dataclasses.replace(rans.Config.smoke(), study_n=2)
    (wm, dm), (wm2, dm2) = rans.study_multipliers(small)
    (tmp_path / "study").mkdir()
    for i, (w, d, acc) in enumerate(((wm, dm, 30.0), (wm2, dm2, 40.0))):
        (tmp_path / "study" / f"{i:02d}.json").write_text(json.dumps(
            {"index": i, "wm": w, "dm": d, "nn_mass": 10 + i, "macs": 5 - i,
             "params": 7 + i, "val_top1": acc}))
    st = rans.study_section(small, tmp_path, False)
    assert st["tau_nn_mass"]["tau"] == 1.0 and st["tau_macs"]["tau"] == -1.0
    # shards (--study-shard J/K): a shard skips the other shards' uncached networks
    # (no training here) and reports no tau until all are cached
    (tmp_path / "study" / "01.json").unlink()
    part = rans.study_section(dataclasses.replace(small, study_shard=(0, 2)),
                              tmp_path, False)
    assert [r["index"] for r in part["networks"]] == [0] and "tau_macs" not in part
    assert part["partial"] == "1 of 2 cached"
    rows = [{**r, "depths": [1], "dims": [8], "train_s": 1.0} for r in part["networks"]]
    assert "no tau yet" in rans.report({**_EMPTY_RES, "study": {**part,
                                                                 "networks": rows}})
    c, _, _ = rans.parse(["--study-shard", "1/3", "--depthwise", "lax"])
    assert c.study_shard == (1, 3) and c.depthwise == "lax"
    with pytest.raises(ValueError, match="study_shard"):
        rans.Config(study_shard=(3, 3))
    with pytest.raises(SystemExit):
        rans.parse(["--study-shard", "1-3"])
    (tmp_path / "study" / "00.json").write_text(json.dumps({"wm": 0.1, "dm": 0.2}))
    with pytest.raises(ValueError, match="expected"):
        rans.study_section(small, tmp_path, False)


_EMPTY_RES = {"counts": [], "ran_i": {"table": [], "choice": {}, "cifar": {}},
              "train": {}}


@pytest.mark.slow
def test_study_trains_and_caches(tmp_path):
    """The NN-Mass study's training path: 2 tiny ConvNeXts on digits (~1 min)."""
    cfg = dataclasses.replace(rans.Config.smoke(), study_n=2)
    st = rans.study_section(cfg, tmp_path, False)
    assert [(r["wm"], r["dm"]) for r in st["networks"]] == rans.study_multipliers(cfg)
    for r in st["networks"]:
        assert r["nn_mass"] == rans.nn_mass_convnext(r["depths"], r["dims"])
        assert (tmp_path / "study" / f"{r['index']:02d}.json").exists()
        assert 0 < r["val_top1"] <= 100 and r["macs"] > 0
    acc = [r["val_top1"] for r in st["networks"]]
    for k in ("nn_mass", "macs", "params"):
        tau = kendall_tau([r[k] for r in st["networks"]], acc)  # NaN on a tie
        assert st[f"tau_{k}"]["n"] == 2 and (
            st[f"tau_{k}"]["tau"] == tau or np.isnan(tau) and np.isnan(
                st[f"tau_{k}"]["tau"]))
    again = rans.study_section(cfg, tmp_path, False)  # resumes from the caches
    assert again["networks"] == json.loads(json.dumps(st["networks"]))


def test_presets_train_seed_and_ran_i_rule(monkeypatch, tmp_path):
    d, g = rans.Config.default(), rans.Config.gpu()
    # the default preset is the CPU-sized miniature recipe with every section on
    assert (d.epochs, d.train_size, d.batch_size, d.search_top, d.study_n) == (
        2, 10_000, 64, 2, 20)
    assert {"mbconv", "GT", "C", "searched", "convnext", "ran_i_rule"} <= set(d.nets)
    assert (g.epochs, g.train_size, g.search_top, g.study_epochs) == (10, 0, 4, 2)
    assert rans.parse(["--preset", "gpu"])[1] == "runs/rans_gpu"
    # the spec's RAN-i rule on the CIFAR ConvNeXt: fewest MACs at NN-Mass >= base
    c = rans.ran_i_rule_cifar()
    base_macs = rans.convnext_cost(*rans.CONVNEXT_CIFAR, **rans.CIFAR_COST)[0]
    assert (c.wm, c.dm, c.depths, c.dims) == (0.5, 1.95, (4, 4, 12, 4), (16, 32, 64, 128))
    assert c.macs == 14_933_248 and base_macs == 28_746_240 and base_macs / c.macs > 1.9
    assert c.nn_mass >= rans.nn_mass_convnext(*rans.CONVNEXT_CIFAR) == 2944
    (row,) = rans.counts(False, ("ran_i_rule",))  # the Flax module's traced count
    assert (row["cifar_macs"], row["cifar_params"]) == (14_933_248, 1_089_082)
    # --train-seed reaches the training config; the split seed stays
    cfg, _, _ = rans.parse(["--smoke", "--train-seed", "3"])
    assert (cfg.seed, cfg.train_seed, rans._tseed(cfg)) == (0, 3, 3)
    with pytest.raises(ValueError, match="train_seed"):
        rans.Config(train_seed=-1)

    class Seen(Exception):
        pass

    def fake_train_select(m, data, tc, path, progress):
        raise Seen(tc.seed)

    monkeypatch.setattr(rans, "train_select", fake_train_select)
    with pytest.raises(Seen) as e:
        rans.train_section(cfg, tmp_path, False)
    assert e.value.args == (3,)
