"""``to_flax``: float TFLite models as Flax modules of ``nn.Conv`` / ``nn.Dense`` that
compute what ``to_jax`` computes, and that the library's injection rules see."""

import os
import pathlib

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.tflite.compare import random_inputs
from jaxeff.tflite.flax_import import float_view, to_flax
from jaxeff.tflite.interpreter import (
    UnsupportedOpsError,
    input_specs,
    read_graph,
    to_jax,
)

DATA = pathlib.Path(os.environ.get("JAXEFF_DATA", "/work/shared/data")) / "tflite"
MOBILENET = DATA / "tflite2onnx__mobilenet_v1_0.25_128.tflite"
DSCNN = DATA / "ML-examples__ds_cnn_s_quantized.tflite"


@pytest.mark.skipif(not MOBILENET.is_file(), reason="shared TFLite models not available")
def test_float_mobilenet_equals_to_jax_and_has_layers():
    module, variables = to_flax(MOBILENET)
    names = sorted(variables["params"])
    assert sum(n.startswith("conv_") for n in names) == 15
    assert sum(n.startswith("dwconv_") for n in names) == 13
    fn, params = to_jax(MOBILENET)
    x = random_inputs(input_specs(MOBILENET), 0, batch=2)
    ours = jax.jit(module.apply)(variables, *x)[0]
    ref = fn(params, *x)[0]
    np.testing.assert_allclose(np.asarray(ours), np.asarray(ref), rtol=1e-5, atol=1e-6)
    # an interceptor sees every conv / dense layer (the hook the injection rules use)
    seen = []

    def spy(f, args, kwargs, context):
        if isinstance(context.module, nn.Conv | nn.Dense) and context.method_name == "__call__":
            seen.append(context.module.name)
        return f(*args, **kwargs)

    with nn.intercept_methods(spy):
        module.apply(variables, *x)
    assert sorted(seen) == names


@pytest.mark.skipif(not DSCNN.is_file(), reason="shared TFLite models not available")
def test_float_view_of_int8_model_tracks_the_int8_model():
    """The float view (dequantized weights, float activations) of the int8 DS-CNN
    tracks the int8 model on seeded inputs inside the input's quantization range
    (measured: 90.6 % same top class, mean |difference| 0.014 of the softmax, on
    64 inputs; random features, not speech)."""
    module, variables = to_flax(DSCNN)
    fn, params = to_jax(DSCNN)
    g = read_graph(DSCNN)
    t = g.tensors[next(op for op in g.ops if op.type == "QUANTIZE").outputs[0]]
    s, z = float(t.scale[0]), int(t.zero_point[0])
    lo, hi = s * (-128 - z), s * (127 - z)
    x = random_inputs(input_specs(DSCNN), 0, batch=64)
    x = [np.clip(x[0] * 0.3 * hi, lo, hi).astype(np.float32)]
    yf = np.asarray(module.apply(variables, *x)[0])
    yq = np.asarray(fn(params, *x)[0])
    assert yf.shape == yq.shape == (64, 12)
    np.testing.assert_allclose(yf.sum(-1), 1.0, rtol=1e-5)  # a softmax
    assert np.mean(yf.argmax(-1) == yq.argmax(-1)) >= 0.85
    assert np.abs(yf - yq).mean() < 0.03
    assert all(t.dtype != "int8" for t in float_view(g).tensors)


def test_unsupported_float_view_listed(tmp_path):
    pytest.importorskip("ai_edge_litert")
    from jaxeff.tflite import Op, OpGraph, Tensor, write_tflite

    g = OpGraph([Tensor("x", (1, 4)), Tensor("y", (1, 4))], [Op("ABS", (0,), (1,))],
                (0,), (1,))
    with pytest.raises(UnsupportedOpsError, match="ABS x1"):
        to_flax(write_tflite(g))


def test_dense_model_roundtrip_values():
    pytest.importorskip("ai_edge_litert")
    from jaxeff.tflite import write_tflite
    from tests.tflite.tflite_graphs import fc_softmax_graph

    g = fc_softmax_graph()
    module, variables = to_flax(write_tflite(g))
    x = np.random.default_rng(1).standard_normal((3, 8)).astype(np.float32)
    y = module.apply(variables, jnp.asarray(x))[0]
    h = x @ g.tensors[1].data.T + g.tensors[2].data
    np.testing.assert_allclose(np.asarray(y), np.asarray(jax.nn.softmax(h, -1)), rtol=1e-5)


@pytest.mark.slow  # ~30 s on the shared 2-core CPU
@pytest.mark.skipif(not MOBILENET.is_file(), reason="shared TFLite models not available")
def test_w8a8_ptq_injects_into_imported_model():
    """``jaxeff.inject.quantize_model`` quantizes every imported conv (15 + 13
    depthwise) with no special case; W8A8 keeps the float model's top class."""
    from jaxeff.inject import InjectRule, quantize_model
    from jaxeff.nets.layers import LayerQuant
    from jaxeff.ops.quant import QuantSpec

    module, variables = to_flax(MOBILENET)
    x = random_inputs(input_specs(MOBILENET), 0, batch=4)[0]
    lq = LayerQuant(weight=QuantSpec(bits=8, granularity="channel", axis=-1),
                    act=QuantSpec(bits=8))
    qm, qv = quantize_model(module, variables, [InjectRule(pattern=".*", quant=lq)], [x])
    assert sorted(qv["quant"]) == sorted(variables["params"])
    yf = np.asarray(module.apply(variables, x)[0])
    yq = np.asarray(qm.apply(qv, x)[0])
    assert not np.array_equal(yf, yq)  # quantization did act
    assert np.array_equal(yf.argmax(-1), yq.argmax(-1))
    assert np.abs(yf - yq).max() < 0.1


@pytest.mark.skipif(not MOBILENET.is_file(), reason="shared TFLite models not available")
def test_write_back_round_trip():
    """TFLite -> to_flax -> changed variables -> write_back -> to_jax computes what the
    Flax module computes with those variables (and LiteRT agrees)."""
    pytest.importorskip("ai_edge_litert")
    from jaxeff.tflite.compare import run_litert
    from jaxeff.tflite.flax_import import write_back

    module, variables = to_flax(MOBILENET)
    rng = np.random.default_rng(0)
    changed = jax.tree_util.tree_map(
        lambda a: a * (1 + 0.05 * rng.standard_normal(a.shape)).astype(np.float32),
        variables)
    model = write_back(module, changed)
    x = random_inputs(input_specs(MOBILENET), 1)
    want = np.asarray(module.apply(changed, *x)[0])
    fn, params = to_jax(model)
    np.testing.assert_allclose(np.asarray(fn(params, *x)[0]), want, rtol=1e-5, atol=1e-6)
    ref, _ = run_litert(model, x, "ref")
    np.testing.assert_allclose(ref[0], want, rtol=1e-4, atol=1e-6)
    assert not np.allclose(want, np.asarray(module.apply(variables, *x)[0]), atol=1e-6)
    with pytest.raises(ValueError, match="float view of a quantized model"):
        write_back(*to_flax(DSCNN))
