"""Smoke test of the FQ-ViT PTQ experiment (tiny ViT on digits)."""

import json

from experiments import fqvit


def test_fqvit_smoke(tmp_path, monkeypatch):
    monkeypatch.setenv("JAXEFF_CACHE", str(tmp_path / "cache"))
    res = fqvit.run(fqvit.Config.smoke(), tmp_path / "run", progress=False)
    assert 0.0 <= res["fp_top1"] <= 100.0
    assert set(res["ptq"]) == {"W8A8", "W4A8"}
    for r in res["ptq"].values():
        assert 0.0 <= r["mean"] <= 100.0 and len(r["per_seed"]) == 1
    saved = json.loads((tmp_path / "run" / "results.json").read_text())
    assert saved["ptq"]["W8A8"]["mean"] == res["ptq"]["W8A8"]["mean"]
    assert (tmp_path / "run" / "report.md").read_text().startswith("# FQ-ViT PTQ")
