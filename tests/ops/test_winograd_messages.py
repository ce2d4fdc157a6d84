"""jaxeff.ops.winograd.winograd_conv names itself and the argument when the
dimension numbers are bad, and a missing stride means 1 (mutation survivors of issue 26)."""

import jax.numpy as jnp
import pytest

from jaxeff.ops.winograd import check_eligible, winograd_conv


@pytest.mark.parametrize("dn", [("NHWC", "HWIO"), ("NHWC", "HWIO", "NHWX")])
def test_bad_dimension_numbers_error_names_the_function_and_shapes(dn):
    x, w = jnp.zeros((1, 6, 6, 2)), jnp.zeros((3, 3, 2, 4))
    with pytest.raises(ValueError, match=r"^winograd_conv: bad dimension_numbers=.* for "
                                         r"lhs \(1, 6, 6, 2\) and rhs \(3, 3, 2, 4\)"):
        winograd_conv(x, w, (1, 1), "SAME", dimension_numbers=dn)


@pytest.mark.parametrize("strides", [None, (1, 1), 1, [1, 1]])
def test_missing_or_unit_strides_are_eligible(strides):
    # lax's default stride (None) is 1: a 3x3 stride-1 conv is Winograd-eligible
    assert check_eligible((3, 3), strides, m=2) is None
    assert "stride" in check_eligible((3, 3), (1, 2), m=2)
