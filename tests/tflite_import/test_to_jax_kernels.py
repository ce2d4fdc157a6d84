"""Kernel plumbing of ``to_jax``: the depthwise shifted-slice convolution and the exact
integer contraction against plain references."""

import jax.numpy as jnp
import numpy as np
import pytest
from jax import lax

from jaxeff.tflite.kernels import conv_fn, exact_int_contract, pads


@pytest.mark.parametrize("stride,dil,mult,padding", [((1, 1), (1, 1), 1, "SAME"),
                                                      ((2, 2), (1, 1), 2, "SAME"),
                                                      ((1, 2), (2, 1), 1, "VALID"),
                                                      ((2, 1), (1, 1), 3, "VALID")])
def test_depthwise_shift_equals_grouped_conv(stride, dil, mult, padding):
    rng = np.random.default_rng(0)
    x = jnp.asarray(rng.integers(-50, 50, (2, 9, 8, 4)).astype(np.int32))
    w = jnp.asarray(rng.integers(-50, 50, (3, 3, 1, 4 * mult)).astype(np.int32))
    pd = pads((9, 8), (3, 3), stride, dil, padding)
    got = conv_fn(stride, pd, dil, 4, depthwise=True)(x, w, preferred=jnp.int32)
    want = lax.conv_general_dilated(x, w, stride, pd, rhs_dilation=dil,
                                    dimension_numbers=("NHWC", "HWIO", "NHWC"),
                                    feature_group_count=4,
                                    preferred_element_type=jnp.int32)
    np.testing.assert_array_equal(np.asarray(got), np.asarray(want))


@pytest.mark.parametrize("k", [8, 250, 2000, 20000])
def test_exact_int_contract_all_paths(k):
    """float path (small k), 4-bit weight split (medium), int32 (large): all exact."""
    rng = np.random.default_rng(k)
    x = rng.integers(-255, 256, (3, k)).astype(np.int32)
    w = rng.integers(-255, 256, (5, k)).astype(np.int32)
    x[0], w[0] = 255, 255  # the worst case of the bound
    def dot(a, b, preferred=None):
        return lax.dot_general(a, b, (((1,), (1,)), ((), ())),
                               precision=lax.Precision.HIGHEST,
                               preferred_element_type=preferred)
    got = exact_int_contract(dot, jnp.asarray(x), jnp.asarray(w), k, 255, 255)
    want = x.astype(np.int64) @ w.astype(np.int64).T
    assert np.all(np.abs(want) < 2**31)
    np.testing.assert_array_equal(np.asarray(got), want)
