"""jaxeff.ops.quant.dequantize refuses bad arguments naming them, like quantize and
fake_quant (mutation survivors of issue 26)."""

import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.ops.quant import QuantSpec, dequantize

SPEC = QuantSpec(bits=8, granularity="channel", axis=-1)
Q = jnp.arange(12, dtype=jnp.int32).reshape(3, 4)
S, Z = jnp.full((1, 4), 0.5), jnp.zeros((1, 4))


def test_dequantize_hand_values_and_output_dtype():
    out = dequantize(Q, S, Z + 2.0, SPEC, dtype=jnp.float16)
    assert out.dtype == jnp.float16
    np.testing.assert_array_equal(np.asarray(out, np.float32),
                                  (np.arange(12).reshape(3, 4) - 2.0) * 0.5)


@pytest.mark.parametrize("dtype", [jnp.int32, jnp.uint8, jnp.bool_])
def test_dequantize_non_float_dtype_is_named(dtype):
    with pytest.raises(TypeError, match=rf"dtype must be a floating dtype, got "
                                        rf"{jnp.dtype(dtype)}"):
        dequantize(Q, S, Z, SPEC, dtype=dtype)


def test_dequantize_wrong_parameter_shapes_are_named():
    with pytest.raises(ValueError, match=r"scale shape \(1, 3\) does not match "
                                         r"spec.param_shape\(x.shape\)=\(1, 4\)"):
        dequantize(Q, jnp.ones((1, 3)), Z, SPEC)
    with pytest.raises(ValueError, match=r"zero_point shape \(2, 4\) does not match"):
        dequantize(Q, S, jnp.zeros((2, 4)), SPEC)
