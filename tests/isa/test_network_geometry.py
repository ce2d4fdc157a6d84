"""jaxeff.isa.network.simd_apply reads each conv's geometry as Flax does (mutation
survivor of issue 26): strides=None is stride 1, an int stride is used on both axes,
and the GEMM lowering then equals the int32 W4A8 lowering of the same layer with
explicit strides."""

import flax.linen as nn
import jax
import numpy as np
import pytest

from jaxeff.isa.network import simd_apply


class _Conv(nn.Module):
    strides: object

    @nn.compact
    def __call__(self, x):
        return nn.Conv(4, (3, 3), strides=self.strides, padding="SAME", name="c")(x)


@pytest.mark.parametrize("strides,same_as", [(None, (1, 1)), (2, (2, 2)), (1, (1, 1))])
def test_conv_strides_none_and_int_follow_flax(strides, same_as):
    x = jax.random.normal(jax.random.key(0), (2, 7, 7, 3))
    net, ref = _Conv(strides), _Conv(same_as)
    v = net.init(jax.random.key(1), x)
    y_f = net.apply(v, x)
    y, st = simd_apply(net, v, x, gemm="int32")
    y_ref, _ = simd_apply(ref, v, x, gemm="int32")
    assert y.shape == y_f.shape == y_ref.shape
    np.testing.assert_array_equal(np.asarray(y), np.asarray(y_ref))
    assert st[0].rows == y_f.shape[0] * y_f.shape[1] * y_f.shape[2]  # one GEMM row per pixel
