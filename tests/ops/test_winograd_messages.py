"""jaxeff.ops.winograd.winograd_conv names itself and the argument when the
dimension numbers are bad (mutation survivor of issue 26)."""

import jax.numpy as jnp
import pytest

from jaxeff.ops.winograd import winograd_conv


@pytest.mark.parametrize("dn", [("NHWC", "HWIO"), ("NHWC", "HWIO", "NHWX")])
def test_bad_dimension_numbers_error_names_the_function_and_shapes(dn):
    x, w = jnp.zeros((1, 6, 6, 2)), jnp.zeros((3, 3, 2, 4))
    with pytest.raises(ValueError, match=r"^winograd_conv: bad dimension_numbers=.* for "
                                         r"lhs \(1, 6, 6, 2\) and rhs \(3, 3, 2, 4\)"):
        winograd_conv(x, w, (1, 1), "SAME", dimension_numbers=dn)
