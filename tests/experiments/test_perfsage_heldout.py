"""Smoke test of `experiments.perfsage_heldout` (issue 22 item 4)."""

import json

import pytest

from experiments import perfsage_heldout
from jaxeff.tflite import read_main

pytestmark = pytest.mark.usefixtures("rbg_keys")


@pytest.mark.slow  # LiteRT calibration of two models, MicroNet init (~10 s)
def test_heldout_smoke_builds_int8_models_and_resumes(tmp_path):
    res = perfsage_heldout.main(["--smoke", "--no-progress", "--workdir", str(tmp_path)])
    assert set(res["models"]) == {"micronet_kws_s", "sesr_m3_x2_64"}
    for name, row in res["models"].items():
        g = read_main(tmp_path / "models" / f"{name}.tflite")
        assert len(g.ops) == row["ops"] > 0
        assert {g.tensors[i].dtype for i in g.inputs} == {"int8"}
    assert "TRANSPOSE_CONV" in res["models"]["sesr_m3_x2_64"]["op_types"]
    stamp = (tmp_path / "models" / "micronet_kws_s.tflite").stat().st_mtime_ns
    again = perfsage_heldout.main(["--smoke", "--no-progress", "--workdir", str(tmp_path)])
    assert again["models"] == res["models"]  # a rerun keeps the built files
    assert (tmp_path / "models" / "micronet_kws_s.tflite").stat().st_mtime_ns == stamp
    assert json.loads((tmp_path / "models.json").read_text()) == res["models"]


def test_unknown_model_is_named():
    with pytest.raises(ValueError, match="unknown held-out model 'vgg'"):
        perfsage_heldout.build("vgg")
