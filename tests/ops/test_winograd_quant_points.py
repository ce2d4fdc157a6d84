"""jaxeff.ops.winograd_quant.quantized_winograd_conv passes its interpolation points
through (mutation survivor of issue 26): with no stage quantized it is exactly
winograd_conv with the same points, and the points change the quantized result."""

from fractions import Fraction

import jax
import numpy as np

from jaxeff.ops.winograd import winograd_conv
from jaxeff.ops.winograd_quant import WinogradQuant, quantized_winograd_conv

DN = ("NHWC", "HWIO", "NHWC")
PTS = [Fraction(0), Fraction(2), Fraction(-2)]  # F(2, 3) with non-standard points


def _xw():
    x = jax.random.normal(jax.random.key(0), (1, 6, 6, 2))
    w = jax.random.normal(jax.random.key(1), (3, 3, 2, 3))
    return x, w


def test_points_reach_the_winograd_core():
    x, w = _xw()
    none = WinogradQuant(stages=())
    got = quantized_winograd_conv(x, w, (1, 1), "SAME", dimension_numbers=DN, m=2,
                                  quant=none, points=PTS)
    want = winograd_conv(x, w, (1, 1), "SAME", dimension_numbers=DN, m=2, points=PTS)
    np.testing.assert_array_equal(np.asarray(got), np.asarray(want))
    q = WinogradQuant(bits=4)
    a = quantized_winograd_conv(x, w, (1, 1), "SAME", dimension_numbers=DN, m=2, quant=q,
                                points=PTS)
    b = quantized_winograd_conv(x, w, (1, 1), "SAME", dimension_numbers=DN, m=2, quant=q)
    assert not np.array_equal(np.asarray(a), np.asarray(b))
