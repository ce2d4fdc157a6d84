"""Held-out check of the rounding rule and kernels: random full-INT8 graphs of the
PerfSAGE search spaces (``jaxeff.gnn.spaces``, never looked at while building
``to_jax``) against LiteRT BUILTIN_REF."""

import jax
import numpy as np
import pytest

pytest.importorskip("ai_edge_litert")
from jaxeff.gnn.dataset import make_tflite
from jaxeff.tflite.compare import match_stats, random_inputs, run_litert
from jaxeff.tflite.interpreter import input_specs, to_jax


@pytest.mark.parametrize("space,seed", [("mbconv", 1000), ("mbconv", 1001), ("mbconv", 1002), ("resnet", 1001), ("sesr", 1001),
                                        ("dscnn", 1000), ("sesr", 1000)])
def test_random_int8_graph_matches_reference(space, seed):
    _, model = make_tflite(space, seed, max_nodes=60)
    fn, params = to_jax(model)
    x = random_inputs(input_specs(model), seed)
    ours = [np.asarray(v) for v in jax.jit(fn)(params, *x)]
    ref, _ = run_litert(model, x, "ref")
    for a, b in zip(ours, ref):
        st = match_stats(a, b)
        assert st["identical"] >= 0.999 and st["max_lsb"] <= 1, st
