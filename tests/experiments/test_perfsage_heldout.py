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



def test_session17_models_are_the_published_structures():
    """The GRU KWS unrolls all 49 frames (step 0's recurrent FC folded by the zero
    state), the ShuffleNet-v2 is full depth (4 + 8 + 4 units, 3 of them stride 2)."""
    gru = read_main(perfsage_heldout.build("gru_kws_49x10"))
    types = [op.type for op in gru.ops]
    assert types.count("TANH") == 49 and types.count("FULLY_CONNECTED") == 49 + 48 + 1
    shuf = read_main(perfsage_heldout.build("shufflenet_v2_0.5_224"))
    st = [op.type for op in shuf.ops]
    assert st.count("TRANSPOSE") == 16 and st.count("SPLIT") == 13
    assert {shuf.tensors[i].dtype for i in shuf.inputs} == {"int8"}
    assert shuf.tensors[shuf.outputs[0]].shape[-1] == 1000
