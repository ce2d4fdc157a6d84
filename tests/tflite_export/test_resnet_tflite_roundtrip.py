"""Issue 16 must-show: a jaxeff-trained float model -> TFLite writer -> ``to_jax`` (and
LiteRT, and ``to_flax``) gives the Flax model's outputs (float tolerance)."""

import jax
import numpy as np
import pytest

from jaxeff.nets.resnet import RESNETS
from jaxeff.nets.resnet_export import resnet_graph
from jaxeff.tflite import to_flax, to_jax
from jaxeff.tflite.compare import run_litert
from jaxeff.tflite.interpreter import read_graph


def test_resnet_graph_round_trip(tiny_resnet):
    model, v, buf, x = tiny_resnet
    want = np.asarray(model.apply(v, x[:4])[0])
    assert np.abs(want).max() > 0.1  # not a degenerate (zero) network
    g = read_graph(buf)
    # stride-2 3x3 conv: explicit PAD (1, 1) then VALID, as Flax pads; BN folded
    assert g.op_types() == ["CONV_2D", "CONV_2D", "CONV_2D", "ADD", "PAD", "CONV_2D",
                            "CONV_2D", "CONV_2D", "ADD", "MEAN", "FULLY_CONNECTED"]
    fn, params = to_jax(buf)
    fn = jax.jit(fn)
    ours = np.concatenate([np.asarray(fn(params, x[i:i + 1])[0]) for i in range(4)])
    np.testing.assert_allclose(ours, want, rtol=1e-5, atol=1e-5)
    lite, _ = run_litert(buf, [x[:4]], "ref")
    np.testing.assert_allclose(lite[0], want, rtol=1e-5, atol=1e-5)
    module, fv = to_flax(buf)
    np.testing.assert_allclose(np.asarray(module.apply(fv, x[:4])[0]), want,
                               rtol=1e-5, atol=1e-5)


def test_resnet_graph_errors(tiny_resnet):
    model, v, _, _ = tiny_resnet
    with pytest.raises(TypeError, match="jaxeff ResNet"):
        resnet_graph(object(), v)
    with pytest.raises(ValueError, match="basic-block"):
        resnet_graph(RESNETS["resnet50"](num_classes=5), v)
    with pytest.raises(ValueError, match="batch_stats"):
        resnet_graph(model, {"params": v["params"]}, input_shape=(1, 8, 8, 3))
    with pytest.raises(ValueError, match="input_shape"):
        resnet_graph(model, v, input_shape=(8, 8, 3))
