"""Smoke runs of `python -m experiments.sesr` (+ upscale / evaluate) and
`python -m experiments.robustness`; need JAXEFF_DATA with sr/ (T91, Set5)."""

import os
import pathlib

import numpy as np
import pytest
from PIL import Image

DATA = os.environ.get("JAXEFF_DATA")
pytestmark = [
    pytest.mark.skipif(not DATA or not (pathlib.Path(DATA or ".") / "sr").is_dir(),
                       reason="JAXEFF_DATA is unset or has no sr/ folder"),
    pytest.mark.usefixtures("rbg_keys"),
]


@pytest.mark.slow  # CI budget (session 35): ~46 s on 2 cores; SESR's collapse, training and
# metrics are pinned by tests/nets/test_sesr.py and tests/test_metrics_sr.py
def test_sesr_smoke_upscale_evaluate(tmp_path):
    from experiments import sesr

    wd = tmp_path / "run"
    res = sesr.main(["--smoke", "--no-progress", "--workdir", str(wd)])
    methods = {(r["method"], r["scale"]) for r in res["rows"]}
    assert {("bicubic", 2), ("sesr_tiny", 2), ("fsrcnn", 2), ("sesr_tiny int8 QAT", 2),
            ("sesr_tiny (same budget)", 2), ("bicubic", 4), ("sesr_tiny", 4)} <= methods
    for r in res["rows"]:
        assert 0 < r["Set5"][0] < 60 and -1 <= r["Set5"][1] <= 1
    # budgets chosen on held-out T91 images: the row's step is the best-scored one
    rows = {(r["method"], r["scale"]): r for r in res["rows"]}
    for key in [("sesr_tiny", 2), ("sesr_tiny", 4), ("sesr_tiny int8 QAT", 2)]:
        r = rows[key]
        curve = dict(r["val_curve"])
        assert list(curve) == ([5] if "QAT" in key[0] else [10, 20])
        assert r["train_steps"] == max(curve, key=lambda k: (curve[k], -k))
        assert r["val_psnr"] == curve[r["train_steps"]]
    assert rows[("sesr_tiny (same budget)", 2)]["val_curve"] == []  # fixed budget
    # every model trained on T91 minus the same 3 held-out images
    import json

    metas = [json.loads(f.read_text()) for f in
             pathlib.Path(os.environ["JAXEFF_CACHE"]).glob("models/sr-*/meta.json")]
    assert len(metas) == 6  # x2, same budget, FSRCNN x2, QAT, x4, FSRCNN x4
    for m in metas:
        assert len(m["train_images"]) == 88 and len(m["val_images_used"]) == 3
        assert not set(m["train_images"]) & set(m["val_images_used"])
    assert "| sesr_tiny | x2 | 20 |" in (wd / "report.md").read_text() or \
        "| sesr_tiny | x2 | 10 |" in (wd / "report.md").read_text()
    assert (wd / "report.md").exists() and (wd / "models" / "sesr_tiny_x2.msgpack").exists()
    # rerun: everything cached, same numbers
    again = sesr.main(["--smoke", "--no-progress", "--workdir", str(wd)])
    assert again["rows"][1]["Set5"] == pytest.approx(res["rows"][1]["Set5"], abs=1e-6)
    # upscale a file (RGB) and a gray image; evaluate a folder without LR
    src = tmp_path / "in"
    src.mkdir()
    rng = np.random.default_rng(0)
    Image.fromarray(rng.integers(0, 256, (20, 18, 3), dtype=np.uint8)).save(src / "a.png")
    Image.fromarray(rng.integers(0, 256, (16, 16), dtype=np.uint8)).save(src / "g.png")
    out = sesr.main(["upscale", "--scale", "2", "--input", str(src), "--output",
                     str(tmp_path / "out"), "--model", "sesr_tiny", "--workdir", str(wd)])
    assert len(out) == 2
    assert np.asarray(Image.open(out[0])).shape == (40, 36, 3)
    assert np.asarray(Image.open(out[1])).shape == (32, 32)
    ev = sesr.main(["evaluate", "--hr", str(src), "--scale", "2", "--model", "sesr_tiny",
                    "--workdir", str(wd)])
    assert set(ev) == {"bicubic", "sesr_tiny"} and ev["bicubic"]["psnr"] > 10
    with pytest.raises(FileNotFoundError, match="run `python -m experiments.sesr`"):
        sesr.main(["upscale", "--scale", "4", "--input", str(src), "--output",
                   str(tmp_path / "o2"), "--workdir", str(tmp_path / "nothing")])


@pytest.mark.slow  # CI budget: ~21 s on 2 cores; the SESR smoke stays
def test_robustness_smoke(tmp_path):
    from experiments import robustness

    res = robustness.main(["--smoke", "--no-progress", "--workdir", str(tmp_path / "r")])
    rows = res["rows"]
    assert set(rows) == {"none", "bicubic", "sesr_tiny"}
    for r in rows.values():
        assert all(0 <= v <= 100 for k, v in r.items() if k != "macs")
        assert "full-grad PGD2 4/255" in r and "BPDA PGD2 4/255" in r
    assert rows["none"]["macs"] == 0 and rows["sesr_tiny"]["macs"] > rows["bicubic"]["macs"]
