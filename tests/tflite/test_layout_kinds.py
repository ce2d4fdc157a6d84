"""Kernel layouts (``jaxeff.tflite.layout``): "NumPy or JAX arrays in, the same kind
out, dtype unchanged", and ``op_kernel`` refuses weights that are not a constant
tensor. Written for mutation-testing survivors of issue 26 (fresh sample, 2026-12-03)."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.tflite import (
    Op,
    OpGraph,
    Tensor,
    conv_kernel_hwio,
    dense_kernel_io,
    depthwise_kernel_hwio,
    op_kernel,
)


@pytest.mark.parametrize("fn, shape", [(conv_kernel_hwio, (4, 3, 2, 5)),
                                       (depthwise_kernel_hwio, (1, 3, 2, 6)),
                                       (dense_kernel_io, (4, 7))])
def test_jax_in_jax_out_numpy_in_numpy_out(fn, shape):
    w = np.arange(np.prod(shape), dtype=np.int8).reshape(shape)
    a, b = fn(w), fn(jnp.asarray(w))
    assert type(a) is np.ndarray and isinstance(b, jax.Array)
    assert a.dtype == np.int8 and b.dtype == jnp.int8
    np.testing.assert_array_equal(a, np.asarray(b))


def test_op_kernel_refuses_non_constant_weights():
    ts = [Tensor("x", (1, 4)), Tensor("w", (3, 4)), Tensor("y", (1, 3))]  # w: no data
    g = OpGraph(ts, [Op("FULLY_CONNECTED", (0, 1), (2,))], (0, 1), (2,))
    with pytest.raises(ValueError, match="FULLY_CONNECTED weights are not a constant"):
        op_kernel(g, g.ops[0])
