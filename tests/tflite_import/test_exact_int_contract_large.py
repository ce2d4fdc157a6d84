"""``exact_int_contract`` (``jaxeff.tflite.kernels``) returns an *exact int32*
contraction on every path, also where the result exceeds 2^24 and is odd (a float32
cannot hold it): the 4-bit weight split must recombine in int32. Written for a
mutation-testing survivor of issue 26 (2026-12-03)."""

import jax.numpy as jnp
import numpy as np
from jax import lax

from jaxeff.tflite.kernels import exact_int_contract


def _dot(a, b, preferred=None):
    return lax.dot_general(a, b, (((1,), (1,)), ((), ())), precision=lax.Precision.HIGHEST,
                           preferred_element_type=preferred)


def test_split_path_is_exact_int32_above_two_to_the_24():
    k = 2000  # k * 255 * 255 >= 2^24 > k * 255 * 16: the 4-bit split path
    x = np.full((1, k), 255, np.int32)
    w = np.full((2, k), 255, np.int32)
    w[0, 7] = 254  # 255 * (255 k - 1): odd and > 2^24
    want = x.astype(np.int64) @ w.astype(np.int64).T
    assert want[0, 0] % 2 == 1 and want[0, 0] > 2**24
    got = exact_int_contract(_dot, jnp.asarray(x), jnp.asarray(w), k, 255, 255)
    assert got.dtype == jnp.int32
    np.testing.assert_array_equal(np.asarray(got), want)
