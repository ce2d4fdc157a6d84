"""experiments.train_classifier: the --smoke config end to end (DESIGN.md conv. 10)."""

import json

import pytest

from experiments.train_classifier import Config, main, run

pytestmark = pytest.mark.usefixtures("rbg_keys")  # fast model.init inside fit()


def test_smoke_run(tmp_path, _jaxeff_cache):
    res = run(Config.smoke(), tmp_path / "run", progress=False)
    assert 0.0 <= res["test_top1"] <= 100.0
    assert res["model"] == "resnet_tiny" and res["epochs"] == 2
    assert res["params"] == 1382
    for name in ("results.json", "report.md", "curves.png", "config.json",
                 "metrics.jsonl"):
        assert (tmp_path / "run" / name).exists(), name
    assert json.loads((tmp_path / "run" / "results.json").read_text())["test_top1"] \
        == res["test_top1"]
    assert "| resnet_tiny | digits |" in (tmp_path / "run" / "report.md").read_text()
    assert len(list((_jaxeff_cache / "models").iterdir())) == 1
    # a rerun (through the CLI) reuses the cached model: same numbers, no training
    again = main(["--smoke", "--no-progress", "--workdir", str(tmp_path / "run2")])
    assert again["test_top1"] == res["test_top1"]
    assert again["train_time_s"] == res["train_time_s"]
