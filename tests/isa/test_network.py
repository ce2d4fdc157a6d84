"""Whole networks with the asmmla GEMM in the loop (arXiv 2008.00638, spec §B5)."""

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.isa.network import simd_apply


class _Net(nn.Module):
    @nn.compact
    def __call__(self, x):
        x = nn.relu(nn.Conv(8, (3, 3), strides=(2, 2), padding="SAME", name="c1")(x))
        x = nn.relu(nn.Conv(16, (3, 3), padding=((1, 0), (0, 1)), name="c2")(x))
        return nn.Dense(5, name="fc")(x.reshape(x.shape[0], -1))


def _setup():
    net = _Net()
    x = jax.random.normal(jax.random.key(0), (4, 9, 9, 3))
    return net, net.init(jax.random.key(1), x), x


def test_int32_path_is_w4a8_of_the_float_net_and_asmmla_matches_it_without_overflow():
    net, v, x = _setup()
    y_f = net.apply(v, x)
    y_i, st = simd_apply(net, v, x, gemm="int32")
    assert [s.name for s in st] == ["c1", "c2", "fc"]
    assert [s.k for s in st] == [27, 72, 4 * 4 * 16] and [s.n for s in st] == [8, 16, 5]
    assert not st[1].a_signed and st[0].a_signed  # u8 after ReLU, s8 for the input
    assert y_i.shape == y_f.shape
    rel = float(jnp.linalg.norm(y_i - y_f) / jnp.linalg.norm(y_f))
    assert 1e-4 < rel < 0.3  # 4-bit weights: close but not equal to float
    y_a, sa = simd_apply(net, v, x, gemm="asmmla", widen_every=1)
    assert all(s.events == 0 and s.wrong == 0 for s in sa)
    np.testing.assert_array_equal(np.asarray(y_a), np.asarray(y_i))


class _Wide(nn.Module):
    @nn.compact
    def __call__(self, x):
        return nn.Dense(4, use_bias=False, kernel_init=nn.initializers.constant(-1.0),
                        name="fc")(x)


def test_constructed_overflow_changes_outputs_and_widening_fixes_it():
    """K = 64 u8 codes 255 x s4 codes -7: |sum| = 114,240 > 32,767 at W = inf, while
    one instruction adds 8 * 255 * 7 = 14,280 (fits): W = 1 stays exact."""
    net = _Wide()
    x = jnp.ones((2, 64))
    v = net.init(jax.random.key(0), x)
    y_i, _ = simd_apply(net, v, x, gemm="int32")
    y_w, sw = simd_apply(net, v, x, widen_every=None, mode="wrap")
    y_s, ss = simd_apply(net, v, x, widen_every=None, mode="saturate")
    y_1, s1 = simd_apply(net, v, x, widen_every=1)
    assert sw[0].events > 0 and sw[0].wrong == sw[0].outputs == 8
    assert ss[0].wrong == 8 and float(jnp.max(jnp.abs(y_s))) < float(jnp.max(jnp.abs(y_i)))
    assert not np.allclose(np.asarray(y_w), np.asarray(y_i))
    assert s1[0].events == 0 and s1[0].wrong == 0
    np.testing.assert_array_equal(np.asarray(y_1), np.asarray(y_i))
    # the int32 row is the exact integer product, dequantized: 64 * 255 * -7 * s_x * s_w
    np.testing.assert_allclose(np.asarray(y_i), -64.0, rtol=1e-5)


def test_bad_arguments_and_unsupported_convs_raise():
    net, v, x = _setup()
    with pytest.raises(ValueError, match="gemm must be"):
        simd_apply(net, v, x, gemm="int16")
    with pytest.raises(ValueError, match="mode"):
        simd_apply(net, v, x, mode="clip")

    class _Grouped(nn.Module):
        @nn.compact
        def __call__(self, x):
            return nn.Conv(4, (3, 3), feature_group_count=2, name="g")(x)

    g = _Grouped()
    xg = jnp.ones((1, 5, 5, 4))
    with pytest.raises(NotImplementedError, match="feature_group_count"):
        simd_apply(g, g.init(jax.random.key(0), xg), xg)
