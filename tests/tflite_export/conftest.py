"""A tiny trained-looking jaxeff ResNet and its float TFLite graph, shared by the
export tests (issue 16: round trip and int8 export)."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.nets.resnet import RESNETS
from jaxeff.nets.resnet_export import resnet_graph
from jaxeff.tflite import write_tflite


@pytest.fixture(scope="session")
def tiny_resnet():
    """``(model, variables, float_tflite_bytes, images [24, 8, 8, 3])``: the tiny CIFAR
    ResNet (stages (1, 1), widths (4, 8), 5 classes) with perturbed weights and BN
    statistics (so the folding is exercised), its graph at batch 1."""
    model = RESNETS["resnet_tiny"](num_classes=5)
    x = np.asarray(jax.random.normal(jax.random.key(0), (24, 8, 8, 3)), np.float32)
    shapes = jax.eval_shape(model.init, jax.random.key(1), x[:1])
    leaves, tree = jax.tree.flatten(shapes)
    rng = np.random.default_rng(0)
    vals = [rng.normal(0, 0.4, s.shape).astype(np.float32) for s in leaves]
    v = jax.tree.unflatten(tree, vals)
    v["batch_stats"] = jax.tree.map(lambda a: jnp.abs(a) + 0.5, v["batch_stats"])
    return model, v, write_tflite(resnet_graph(model, v, input_shape=(1, 8, 8, 3))), x
