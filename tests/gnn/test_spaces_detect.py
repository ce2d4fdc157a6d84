"""Issue 22: the ``detect`` space (``jaxeff.gnn.spaces_detect``): SSDLite heads on
MobileNet-v2 / ShuffleNet-v2 backbones, with SPLIT, STRIDED_SLICE and box RESHAPEs."""

import collections

import numpy as np
import pytest
from ai_edge_litert.interpreter import Interpreter

from jaxeff.gnn import spaces
from jaxeff.gnn.int8 import calibrate, quantize_int8
from jaxeff.gnn.labels import run_vela
from jaxeff.gnn.reference import reference
from jaxeff.gnn.spaces_detect import detect
from jaxeff.tflite import write_tflite
from jaxeff.tflite.vela import vela_available


def _draws(n, seed=0):
    rng = np.random.default_rng(seed)
    return [detect(rng) for _ in range(n)]


def test_detect_space_is_seeded_and_has_its_structures():
    a = spaces.sample("detect", np.random.default_rng(5))
    b = spaces.sample("detect", np.random.default_rng(5))
    assert write_tflite(a.graph) == write_tflite(b.graph)
    kinds, ops, crops = collections.Counter(), set(), set()
    for g, meta in _draws(16):
        kinds[meta["kind"]] += 1
        ops |= set(g.op_types())
        crops.add(meta["crop"] is None)
        assert spaces.num_nodes(g) <= 200
        boxes, scores = (g.tensors[o].shape for o in g.outputs)
        n, a = meta["boxes"], meta["anchors"]
        assert boxes == (1, n, 4) and scores == (1, n, meta["classes"])
        assert g.ops[-1].type == "LOGISTIC"
        # every box comes from one anchor at one location of one scale
        maps = [g.tensors[op.inputs[0]].shape for op in g.ops if op.type == "RESHAPE"]
        assert n == sum(h * w for _, h, w, _ in maps[::2]) * a
        for op in g.ops:
            if op.type == "STRIDED_SLICE":  # Vela: batch and channel strides 1
                st = g.tensors[op.inputs[3]].data
                assert st[0] == st[3] == 1 and st[1] == st[2] in (1, 2)
                r = meta["res"]
                assert g.tensors[op.outputs[0]].shape == (1, r, r, 3)
    assert set(kinds) == {"mbv2", "shufflenet"} and crops == {True, False}
    assert {"SPLIT", "STRIDED_SLICE", "CONCATENATION", "RESHAPE", "LOGISTIC",
            "MAX_POOL_2D", "ADD"} <= ops


def _small(kind):
    for g, meta in _draws(40, seed=3):
        if meta["kind"] == kind and meta["res"] <= 128 and meta["crop"]:
            return g
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["mbv2", "shufflenet"])
def test_detector_float_and_int8_match_the_reference(kind):
    g = _small(kind)
    x = np.random.default_rng(1).standard_normal(g.tensors[g.inputs[0]].shape)
    x = x.astype(np.float32)
    ref = [np.asarray(r) for r in reference(g, [x])]
    it = Interpreter(model_content=write_tflite(g), num_threads=1)
    it.allocate_tensors()
    it.set_tensor(it.get_input_details()[0]["index"], x)
    it.invoke()
    for d, r in zip(it.get_output_details(), ref, strict=True):
        np.testing.assert_allclose(it.get_tensor(d["index"]), r, atol=1e-4, rtol=1e-4)
    q = quantize_int8(g, calibrate(g, inputs=[[x]]), same_scale_concat=True)
    ti = q.tensors[q.inputs[0]]
    xq = np.clip(np.round(x / ti.scale[0]) + ti.zero_point[0], -128, 127)
    it = Interpreter(model_content=write_tflite(q), num_threads=1)
    it.allocate_tensors()  # XNNPACK: every CONCATENATION has equal int8 params
    it.set_tensor(it.get_input_details()[0]["index"], xq.astype(np.int8))
    it.invoke()
    for d, o, r in zip(it.get_output_details(), q.outputs, ref, strict=True):
        t = q.tensors[o]
        deq = it.get_tensor(d["index"]).astype(np.float64) - t.zero_point[0]
        deq = deq * t.scale[0]
        # golden tier: the error of ~20 random int8 layers compounds (and the scores'
        # logits share one range over all scales), so no per-code bound; measured
        # median 1.1-3.9 codes, correlation 0.992-0.999
        assert np.median(np.abs(deq - r)) <= 5 * t.scale[0]
        assert np.corrcoef(deq.ravel(), r.ravel())[0, 1] > 0.98


@pytest.mark.skipif(not vela_available(), reason="ethos-u-vela not installed")
@pytest.mark.parametrize("kind", ["mbv2", "shufflenet"])
def test_vela_maps_detectors_to_the_npu(kind):
    g = _small(kind)
    q = quantize_int8(g, calibrate(g, samples=1), same_scale_concat=True)
    v = run_vela(write_tflite(q), "u55")
    assert v.cpu_ops == 0 and {r[1] for r in v.per_layer} == {"NPU"}
