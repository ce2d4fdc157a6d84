"""Issue 22: the ``families`` space (``jaxeff.gnn.spaces_families``): EfficientNet-Lite,
MLPerf Tiny ResNet-8 and visual-wake-words MobileNet-v1 with random multipliers."""

import collections

import numpy as np
import pytest
from ai_edge_litert.interpreter import Interpreter

from jaxeff.gnn import spaces
from jaxeff.gnn import spaces_families as fam
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.graph import total_macs
from jaxeff.gnn.int8 import calibrate, quantize_int8
from jaxeff.gnn.labels import run_vela
from jaxeff.gnn.reference import reference
from jaxeff.tflite import write_tflite
from jaxeff.tflite.vela import vela_available

NPU_OPS = {"CONV_2D", "DEPTHWISE_CONV_2D", "ADD", "MEAN", "AVERAGE_POOL_2D", "RESHAPE",
           "FULLY_CONNECTED", "SOFTMAX"}
# small members of each family, for the LiteRT and Vela checks
SMALL = {"efficientnet_lite": (fam.efficientnet_lite_net,
                               dict(width=0.5, depth=0.5, res=96, classes=10)),
         "resnet8": (fam.resnet8_net, {}),
         "vww": (fam.vww_net, dict(res=64, channels=1, mid=1))}


def _net(fn, **kw):
    b = NetBuilder(np.random.default_rng(0))
    return b.finish([fn(b, **kw)])


def _params(g):  # float weights and biases (batch norm folded)
    return sum(t.data.size for t in g.tensors if t.data is not None
               and t.dtype == "float32")


def test_families_space_is_seeded_and_draws_every_family():
    a = spaces.sample("families", np.random.default_rng(5))
    b = spaces.sample("families", np.random.default_rng(5))
    assert write_tflite(a.graph) == write_tflite(b.graph)
    rng = np.random.default_rng(0)
    seen = collections.Counter()
    for _ in range(15):  # float graphs only: cheap
        g, meta = fam.families(rng)
        seen[meta["family"]] += 1
        assert spaces.num_nodes(g) <= 200 and set(g.op_types()) <= NPU_OPS
    assert set(seen) == set(fam.FAMILIES)


def test_resnet8_reference_config_is_mlperf_tiny():
    g = _net(fam.resnet8_net)
    ops = collections.Counter(g.op_types())
    # 7 main-path convs + 2 projection shortcuts, 3 residual ADDs, the Keras head
    assert ops == {"CONV_2D": 9, "ADD": 3, "AVERAGE_POOL_2D": 1, "RESHAPE": 1,
                   "FULLY_CONNECTED": 1, "SOFTMAX": 1}
    assert total_macs(g) == 12_501_632  # MLPerf Tiny: 12.5 M MACs
    # 78,666 Keras parameters = 77,706 weights and biases + 4 x 240 batch-norm ones
    assert _params(g) == 77_706
    assert g.tensors[g.inputs[0]].shape == (1, 32, 32, 3)
    assert g.tensors[g.outputs[0]].shape == (1, 10)


def test_vww_reference_config_is_mlperf_tiny():
    g = _net(fam.vww_net)
    ops = collections.Counter(g.op_types())
    assert ops["CONV_2D"] == 14 and ops["DEPTHWISE_CONV_2D"] == 13
    assert total_macs(g) == 7_489_664  # MLPerf Tiny VWW: 7.49 M MACs
    assert g.tensors[g.inputs[0]].shape == (1, 96, 96, 3)
    assert g.tensors[g.outputs[0]].shape == (1, 2)
    # widths int(alpha c): 8 ... 256 at alpha 0.25
    fcw = [t.shape for t in g.tensors if t.data is not None and len(t.shape) == 2]
    assert fcw == [(2, 256)]


def test_efficientnet_lite0_blocks_and_macs():
    assert [fam.round_filters(c, 1.4) for c in (16, 24, 40, 80, 112, 192, 320)] == [
        24, 32, 56, 112, 160, 272, 448]
    assert fam.round_filters(16, 0.5) == 8 and fam.round_filters(40, 1.1) == 48
    g = _net(fam.efficientnet_lite_net)
    ops = collections.Counter(g.op_types())
    assert ops["DEPTHWISE_CONV_2D"] == 16  # B0: 1 + 2 + 2 + 3 + 3 + 4 + 1 MBConv blocks
    assert ops["ADD"] == 9  # identity skips: stride 1, same width
    assert ops["CONV_2D"] == 1 + 15 + 16 + 1  # stem, expansions, projections, head
    macs = total_macs(g)
    assert macs == 385_187_552  # B0's 0.39 B FLOPs, Lite0's published 385-407 M
    assert 4.6e6 < _params(g) < 4.7e6  # Lite0: 4.7 M parameters (with batch norm)
    # Lite keeps the first / last stages' repeats: depth 2 doubles only stages 2-6
    deep = _net(fam.efficientnet_lite_net, depth=2.0, res=96)
    assert collections.Counter(deep.op_types())["DEPTHWISE_CONV_2D"] == 2 + 2 * 14


def _run(buf, x):
    it = Interpreter(model_content=buf, num_threads=1)
    it.allocate_tensors()
    d = it.get_input_details()[0]
    it.set_tensor(d["index"], x.astype(d["dtype"]))
    it.invoke()
    return it.get_tensor(it.get_output_details()[0]["index"])


@pytest.mark.parametrize("family", fam.FAMILIES)
def test_each_family_float_and_int8_match_the_reference(family):
    fn, kw = SMALL[family]
    g = _net(fn, **kw)
    x = np.random.default_rng(1).standard_normal(g.tensors[g.inputs[0]].shape)
    x = x.astype(np.float32)
    ref = np.asarray(reference(g, [x])[0])
    np.testing.assert_allclose(_run(write_tflite(g), x), ref, atol=1e-5)
    q = quantize_int8(g, calibrate(g, inputs=[[x]]))
    ti, to = q.tensors[q.inputs[0]], q.tensors[q.outputs[0]]
    xq = np.clip(np.round(x / ti.scale[0]) + ti.zero_point[0], -128, 127)
    out = _run(write_tflite(q), xq.astype(np.int8)).astype(np.float64)
    deq = (out - to.zero_point[0]) * to.scale[0]
    # the whole-network tolerance of test_build.test_int8_model_close_to_float
    assert np.abs(deq - ref).max() < 0.05 * np.abs(ref).max() + 4 * to.scale[0]


@pytest.mark.skipif(not vela_available(), reason="ethos-u-vela not installed")
@pytest.mark.parametrize("family", fam.FAMILIES)
def test_vela_maps_each_family_to_the_npu(family):
    fn, kw = SMALL[family]
    g = _net(fn, **kw)
    v = run_vela(write_tflite(quantize_int8(g, calibrate(g, samples=1))), "u55")
    assert v.cpu_ops == 0 and {r[1] for r in v.per_layer} == {"NPU"}
    # Vela's nn_macs also counts the global pooling (one MAC per input element)
    pool, = (op for op in g.ops if op.type in ("MEAN", "AVERAGE_POOL_2D"))
    _, h, w, c = g.tensors[pool.inputs[0]].shape
    assert 0 <= v.nn_macs - total_macs(g) - h * w * c <= 32
