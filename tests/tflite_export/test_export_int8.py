"""Issue 16 item 3: a Flax model quantized in JAX (direct W8A8) -> ``export_int8`` ->
a fully int8 TFLite that LiteRT runs exactly as ``to_jax`` does, that TFLite Micro
runs identically, and that Vela compiles for Ethos-U55/U65 with no CPU op."""

import dataclasses

import jax
import numpy as np
import pytest

from jaxeff.gnn.build import NetBuilder
from jaxeff.inject import InjectRule, quantize_model
from jaxeff.nets.winograd import WinogradConfig
from jaxeff.tflite import to_flax, to_jax, write_tflite
from jaxeff.tflite.compare import run_litert
from jaxeff.tflite.flax_export import export_int8
from jaxeff.tflite.flax_import import TFLiteFlax
from jaxeff.tflite.flax_methods import W8A8_RULES
from jaxeff.tflite.interpreter import UnsupportedOpsError, read_graph
from jaxeff.tflite.ir import Op, OpGraph, Tensor

W8A8 = W8A8_RULES  # conv weights per channel, dense per tensor, inputs per tensor


@pytest.fixture(scope="module")
def exported(tiny_resnet):
    _, _, buf, x = tiny_resnet
    module, fv = to_flax(buf)
    qm, qv = quantize_model(module, fv, W8A8, [x[:16]])
    return qm, qv, export_int8(qm, qv, x[:16]), x


def _codes(buf: bytes, x: np.ndarray) -> np.ndarray:
    t = read_graph(buf).tensors[read_graph(buf).inputs[0]]
    return np.clip(np.round(x / t.scale[0]) + t.zero_point[0], -128, 127).astype(np.int8)


def test_export_carries_the_jax_quantization(exported):
    qm, qv, buf, _ = exported
    g = read_graph(buf)
    assert {t.dtype for t in g.tensors if t.data is None} == {"int8"}
    layers = [(oi, op) for oi, op in enumerate(g.ops)
              if op.type in ("CONV_2D", "FULLY_CONNECTED")]
    assert len(layers) == 7
    for oi, op in layers:
        name = ("dense_" if op.type == "FULLY_CONNECTED" else "conv_") + str(oi)
        q, w = qv["quant"][name], g.tensors[op.inputs[1]]
        assert w.dtype == "int8" and np.abs(w.data.astype(int)).max() == 127
        np.testing.assert_array_equal(w.scale, np.asarray(q["w_scale"]).reshape(-1))
        src = op.inputs[0]
        prod = g.producers()
        if src in prod and g.ops[prod[src]].type == "PAD":  # quantization tied to PAD's
            src = g.ops[prod[src]].inputs[0]
        x = g.tensors[src]
        assert x.scale[0] == np.float32(q["scale"]) and x.zero_point[0] == int(
            q["zero_point"])
        b = g.tensors[op.inputs[2]]
        assert b.dtype == "int32"
        np.testing.assert_allclose(b.scale, x.scale[0] * w.scale, rtol=1e-6)
    # the int8 file and the JAX fake-quant model agree on held-out inputs
    x = exported[3][16:]
    out = g.tensors[g.outputs[0]]
    lite, _ = run_litert(buf, [_codes(buf, x)], "ref")
    deq = (lite[0].astype(np.float32) - out.zero_point[0]) * out.scale[0]
    jq = np.asarray(jax.jit(qm.apply)(qv, x)[0])
    assert np.abs(deq - jq).max() < 8 * out.scale[0]


def _runtimes_agree(buf: bytes, x: np.ndarray) -> None:
    from jaxeff.tflite import tflm

    q = _codes(buf, x)
    fn, params = to_jax(buf)
    ours = np.asarray(jax.jit(fn)(params, q)[0])
    lite, _ = run_litert(buf, [q], "ref")
    np.testing.assert_array_equal(ours, lite[0])  # bit-exact vs BUILTIN_REF
    assert len(np.unique(ours)) > 5
    for i in range(2):  # TFLM (batch 1) == LiteRT reference kernels
        np.testing.assert_array_equal(tflm.run(buf, [q[i:i + 1]]).outputs[0],
                                      lite[0][i:i + 1])


def test_small_export_litert_equals_to_jax_and_tflm():
    """conv + depthwise + ADD + MEAN + dense (a graph small enough to compile fast)."""
    nb = NetBuilder(np.random.default_rng(3))
    x = nb.input((1, 6, 6, 3))
    h = nb.conv(x, 4, 3, act="RELU")
    y = nb.add(h, nb.dwconv(h, 3, act="RELU6"))
    g = nb.finish([nb.fc(nb.mean(y, (1, 2), keep_dims=False), 3)])
    module, fv = to_flax(write_tflite(g))
    imgs = np.random.default_rng(0).normal(size=(12, 6, 6, 3)).astype(np.float32)
    qm, qv = quantize_model(module, fv, W8A8, [imgs[:8]])
    buf = export_int8(qm, qv, imgs[:8])
    dw = read_graph(buf).tensors[g.ops[1].inputs[1]]
    assert dw.quant_dim == 3 and dw.scale.size == 4  # depthwise: per channel, dim 3
    _runtimes_agree(buf, imgs[8:])


def test_litert_equals_to_jax_and_tflm(exported):
    _runtimes_agree(exported[2], exported[3][16:])


def test_vela_no_cpu_ops(exported):
    from jaxeff.tflite import vela

    buf = exported[2]
    for acc, system in (("ethos-u55-128", "Ethos_U55_High_End_Embedded"),
                        ("ethos-u65-256", "Ethos_U65_High_End")):
        r = vela.compile_model(buf, accelerator_config=acc, system_config=system)
        assert r.cpu_ops == 0 and r.nn_macs > 0, (acc, r.per_layer)


def test_export_errors(tiny_resnet, exported):
    qm, qv, _, x = exported
    with pytest.raises(TypeError, match="to_flax"):
        export_int8(qm.model, qv, x)
    with pytest.raises(ValueError, match="'quant' collection"):
        export_int8(qm, {"params": qv["params"]}, x)
    with pytest.raises(ValueError, match="calib_inputs"):
        export_int8(qm, qv, x[:, :4])
    wino = dataclasses.replace(qm, rules=(InjectRule(
        pattern=".*", quant=W8A8[1].quant, winograd=WinogradConfig(m=4)),))
    with pytest.raises(ValueError, match="no Winograd op"):
        export_int8(wino, qv, x)
    part = dataclasses.replace(qm, rules=(InjectRule(pattern="dense_.*"), W8A8[1]))
    with pytest.raises(ValueError, match="float in the JAX model"):
        export_int8(part, qv, x)
    w4 = dataclasses.replace(qm, rules=(W8A8[0], InjectRule(
        pattern=".*", quant=dataclasses.replace(W8A8[1].quant, weight=dataclasses.replace(
            W8A8[1].quant.weight, bits=4)))))
    with pytest.raises(ValueError, match="8-bit signed symmetric"):
        export_int8(w4, qv, x)
    g = qm.model.graph
    t = len(g.tensors)
    ops = [*g.ops, Op("LOG_SOFTMAX", (g.outputs[0],), (t,), {})]
    bad = OpGraph([*g.tensors, Tensor("p", g.tensors[g.outputs[0]].shape)], ops,
                  g.inputs, (t,))
    with pytest.raises(UnsupportedOpsError, match="LOG_SOFTMAX x1"):
        export_int8(dataclasses.replace(qm, model=TFLiteFlax(bad)), qv, x)
