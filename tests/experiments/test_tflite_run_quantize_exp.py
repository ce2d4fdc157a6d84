"""``python -m experiments.tflite_run --smoke --quantize``: a zoo model exported to a
float TFLite, imported, quantized (W8A8, Winograd F(4,3)), the W8A8 model exported
to int8 TFLite and run in LiteRT and to_jax (issue 16, item 4)."""

import dataclasses

import pytest

pytest.importorskip("ai_edge_litert")
from experiments import tflite_run


@pytest.mark.slow  # CI budget: ~57 s on 2 cores; tests/tflite* pin the quantizer
def test_quantize_smoke(tmp_path):
    cfg = dataclasses.replace(tflite_run.QuantizeConfig.smoke(),
                              export=str(tmp_path / "int8.tflite"))
    r = tflite_run.run(cfg, tmp_path / "run", progress=False)
    rows = r["rows"]
    assert set(rows) == {"FP (to_flax)", "w8a8 (JAX)", "winograd-f43 (JAX)",
                         "w8a8 int8 TFLite in to_jax (= LiteRT BUILTIN_REF)",
                         "w8a8 int8 TFLite in LiteRT (default, XNNPACK)", "agreement"}
    assert rows["winograd-f43 (JAX)"]["winograd_layers"] == 4
    a = rows["agreement"]
    assert a["LiteRT vs to_jax"] >= 99.0 and a["to_jax vs JAX W8A8"] >= 90.0
    assert (tmp_path / "int8.tflite").stat().st_size == a["int8_tflite_bytes"]
    assert "same top-1 prediction" in tflite_run.table(r)


def test_quantize_cli_errors(tmp_path):
    with pytest.raises(SystemExit, match="unknown"):
        tflite_run.main(["--smoke", "--quantize", "w4a4"])
    with pytest.raises(SystemExit, match="float .tflite"):
        tflite_run.main(["--quantize", "w8a8", "--workdir", str(tmp_path)])
