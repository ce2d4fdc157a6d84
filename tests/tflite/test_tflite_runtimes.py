"""The three real-runtime wrappers of jaxeff.tflite on small real models: LiteRT
(run, time), Vela (compile, per-layer estimates), TensorFlow Lite Micro (run,
measured arena); bad files give the reader's clear errors (issue 15 item 2)."""

import importlib.util
import sys

import numpy as np
import pytest
from tflite_graphs import fc_softmax_graph

from jaxeff._extras import MissingExtraError
from jaxeff.tflite import TFLiteError, litert, tflm, vela, write_tflite

SPEECH = "tflite-micro__micro_speech_quantized.tflite"  # int8 [1, 1960] -> int8 [1, 4]
DSCNN = "ML-examples__ds_cnn_s_quantized.tflite"
needs_litert = pytest.mark.skipif(importlib.util.find_spec("ai_edge_litert") is None,
                                  reason="ai-edge-litert missing: pip install 'jaxeff[tflite]'")
needs_vela = pytest.mark.skipif(not vela.vela_available(),
                                reason="ethos-u-vela missing: pip install 'jaxeff[tflite]'")
needs_tflm = pytest.mark.skipif(importlib.util.find_spec("tflite_micro") is None,
                                reason="tflite-micro missing: pip install 'jaxeff[tflite]'")


@needs_litert
def test_litert_run_and_time(models):
    x = np.random.default_rng(0).integers(-128, 128, (1, 1960)).astype(np.int8)
    (y,) = litert.run(models / SPEECH, [x])
    assert y.shape == (1, 4) and y.dtype == np.int8
    np.testing.assert_array_equal(litert.run((models / SPEECH).read_bytes(), [x])[0], y)
    t = litert.time_model(models / SPEECH, [x], runs=7, warmup=1)
    assert t.n == 7 and t.median_ms > 0 and t.iqr_ms >= 0
    with pytest.raises(ValueError, match=r"inputs\[0\].*int8\[1, 1960\].*float32"):
        litert.run(models / SPEECH, [x.astype(np.float32)])
    with pytest.raises(ValueError, match="1 inputs, got 2"):
        litert.run(models / SPEECH, [x, x])
    with pytest.raises(ValueError, match="runs must be >= 1"):
        litert.time_model(models / SPEECH, runs=0)


@needs_vela
def test_vela_named_configs_and_per_layer_rows(models):
    v = vela.compile_model(models / DSCNN, accelerator_config="ethos-u55-128",
                           system_config="Ethos_U55_High_End_Embedded")
    # the PerfSAGE anchor of tests/gnn/test_labels.py, through the plain wrapper
    assert v.cycles == 89_884 and v.sram_kib == 21.6875 and v.nn_macs == 2_664_792
    assert sum(r.cycles for r in v.layers) == v.cycles
    assert sum(r.macs for r in v.layers) == v.nn_macs
    assert v.accelerator_config == "ethos-u55-128" and v.cpu_ops == 0
    assert {r.target for r in v.layers if r.original_op not in ("Quantize", "Dequantize")
            } == {"NPU"}
    assert v.per_layer == tuple((r.name, r.target, r.cycles) for r in v.layers)
    big = vela.compile_model(models / DSCNN, accelerator_config="ethos-u65-512",
                             system_config="Ethos_U65_High_End")
    assert 0 < big.cycles < v.cycles  # 4x the MACs per cycle of a U55-128
    with pytest.raises(ValueError, match="accelerator_config must be one of"):
        vela.compile_model(models / DSCNN, accelerator_config="ethos-u99")
    with pytest.raises(vela.VelaError, match="No_Such_System"):
        vela.compile_model(models / DSCNN, system_config="No_Such_System")


@needs_tflm
def test_tflm_matches_litert_and_measures_its_arena(models):
    x = np.random.default_rng(0).integers(-128, 128, (1, 1960)).astype(np.int8)
    r = tflm.run(models / SPEECH, [x])
    np.testing.assert_array_equal(r.outputs[0], litert.run(models / SPEECH, [x])[0])
    assert r.arena_bytes == r.arena_head_bytes + r.arena_tail_bytes > 0
    # the measured arena is the smallest that works: one byte less fails to allocate
    assert tflm.run(models / SPEECH, [x], arena_size=r.arena_bytes).arena_bytes == (
        r.arena_bytes)
    with pytest.raises(tflm.TFLMError, match="allocate"):
        tflm.run(models / SPEECH, [x], arena_size=r.arena_bytes - 1)
    with pytest.raises(ValueError, match=r"inputs\[0\]"):
        tflm.run(models / SPEECH, [x[:, :10]])


@needs_tflm
def test_tflm_run_many_equals_one_run_per_input(models):
    xs = np.random.default_rng(1).integers(-128, 128, (5, 1, 1960)).astype(np.int8)
    many = tflm.run_many(models / SPEECH, [[x] for x in xs])
    assert len(many.outputs) == 5
    for x, out in zip(xs, many.outputs, strict=True):
        one = tflm.run(models / SPEECH, [x])
        np.testing.assert_array_equal(out[0], one.outputs[0])
        assert (many.arena_bytes, many.arena_head_bytes, many.arena_tail_bytes) == (
            one.arena_bytes, one.arena_head_bytes, one.arena_tail_bytes)
    with pytest.raises(ValueError, match=r"inputs\[0\]"):
        tflm.run_many(models / SPEECH, [[xs[0]], [xs[0][:, :10]]])


@needs_tflm
def test_tflm_float_model_and_unsupported_op_message():
    g = fc_softmax_graph()
    x = np.linspace(-1, 1, 8, dtype=np.float32).reshape(1, 8)
    r = tflm.run(write_tflite(g), [x])
    np.testing.assert_allclose(r.outputs[0], litert.run(write_tflite(g), [x])[0],
                               rtol=1e-6, atol=1e-7)
    g.ops[1].type, g.ops[1].options = "GELU", {}  # no GELU kernel in TFLM's resolver
    with pytest.raises(tflm.TFLMError, match="<bytes>: TFLM cannot prepare.*GELU"):
        tflm.run(write_tflite(g), [x])


@pytest.mark.parametrize("call", [
    lambda m: litert.run(m), lambda m: litert.time_model(m),
    lambda m: vela.compile_model(m), lambda m: tflm.run(m)])
def test_bad_files_name_the_problem(call, tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.tflite"):
        call(tmp_path / "nope.tflite")
    bad = tmp_path / "bad.tflite"
    bad.write_bytes(b"\x10\x00\x00\x00XXXX" + bytes(64))
    with pytest.raises(TFLiteError, match="bad.tflite.*not a TFLite flatbuffer"):
        call(bad)
    with pytest.raises(TFLiteError, match="truncated"):
        call(b"TFL")


@pytest.mark.parametrize("module, dist, call", [
    ("ai_edge_litert", "ai-edge-litert", lambda m: litert.run(m)),
    ("ethosu", "ethos-u-vela", lambda m: vela.compile_model(m)),
    ("tflite_micro", "tflite-micro", lambda m: tflm.run(m)),
])
def test_missing_runtime_names_its_package_and_the_extra(module, dist, call, monkeypatch):
    buf = write_tflite(fc_softmax_graph())
    for name in [m for m in sys.modules if m == module or m.startswith(module + ".")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, module, None)  # "import module" now fails
    with pytest.raises(MissingExtraError, match=rf"'{dist}'.*pip install 'jaxeff\[tflite\]'"):
        call(buf)
