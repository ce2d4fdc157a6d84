"""``python -m experiments.sesr_npu qat --smoke`` (issue 21 item 1): a 4-step int8 QAT
of the shipped SESR-M5, scored on one Set5 image; the QAT forward, ``to_jax`` int8
and LiteRT's reference kernels agree bit for bit. About 20 s of CPU: slow."""

from __future__ import annotations

import json
import os
import pathlib

import pytest

pytest.importorskip("ai_edge_litert")
DATA = pathlib.Path(os.environ.get("JAXEFF_DATA", "/nonexistent"))


@pytest.mark.slow
@pytest.mark.skipif(not (DATA / "sr" / "T91").is_dir(), reason="needs $JAXEFF_DATA/sr")
def test_qat_smoke(tmp_path):
    from experiments import sesr_npu

    res = sesr_npu.main(["qat", "--smoke", "--no-progress", "--workdir", str(tmp_path)])
    s5 = res["Set5"]
    assert s5["agreement"]["ref"] == {"identical": 1.0, "max_lsb": 0}
    assert s5["agreement"]["qat"] == {"identical": 1.0, "max_lsb": 0}
    assert s5["qat_jax"]["psnr"] == s5["jax_int8"]["psnr"] == s5["litert_ref"]["psnr"]
    assert [h["step"] for h in res["train"]["history"] if "val_psnr" in h] == [0, 2, 4]
    assert pathlib.Path(res["tflite"]).is_file()
    assert json.loads((tmp_path / "results.json").read_text())["weights"] == "int8 QAT"
