"""Shifted multiply-add depthwise conv == lax grouped conv (jaxeff.ops.depthwise)."""

from __future__ import annotations

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax import lax

from jaxeff.ops.depthwise import (
    DEPTHWISE_NAME,
    conv_general_dilated,
    depthwise_conv,
    depthwise_impl,
    depthwise_macs,
    is_depthwise,
)

DN = ("NHWC", "HWIO", "NHWC")


def _ref(x, w, s, padding):
    return lax.conv_general_dilated(x, w, (s, s) if isinstance(s, int) else s, padding,
                                    dimension_numbers=DN,
                                    feature_group_count=x.shape[-1],
                                    precision=lax.Precision.HIGHEST)


def _rel(a, b) -> float:
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    return float(np.max(np.abs(a - b)) / np.max(np.abs(b)))


CASES = [(3, 1, "SAME", 7), (3, 2, "SAME", 8), (4, 2, "VALID", 9),
         (3, (2, 1), ((2, 0), (1, 3)), 7)]


@pytest.mark.parametrize("k,s,padding,hw", CASES)
def test_forward_and_gradients_equal_grouped_conv(k, s, padding, hw):
    kx, kw, kg = jax.random.split(jax.random.key(k * 10 + hw), 3)
    x = jax.random.normal(kx, (2, hw, hw + 1, 5))
    w = jax.random.normal(kw, (k, k, 1, 5))
    g = jax.random.normal(kg, _ref(x, w, s, padding).shape)

    @jax.jit
    def both(a, b):  # outputs and (d/dx, d/dkernel) of <conv, g>, one compile each
        y, back = jax.vjp(lambda a, b: depthwise_conv(a, b, s, padding), a, b)
        y_ref, back_ref = jax.vjp(lambda a, b: _ref(a, b, s, padding), a, b)
        return (y, *back(g)), (y_ref, *back_ref(g))

    for got, want in zip(*both(x, w), strict=True):
        assert got.shape == want.shape
        assert _rel(got, want) < 1e-5


def test_single_tap_is_exact_scaling():
    x = jax.random.normal(jax.random.key(0), (1, 4, 4, 3))
    w = jnp.zeros((3, 3, 1, 3)).at[1, 1, 0].set(jnp.array([2.0, -1.0, 0.5]))
    np.testing.assert_array_equal(depthwise_conv(x, w), x * w[1, 1, 0])
    # SAME, stride 2, even size: TF pads (0, 1): output pixel (0, 0) sees x[0:2, 0:2]
    w2 = jnp.zeros((3, 3, 1, 3)).at[0, 0, 0].set(1.0)
    np.testing.assert_array_equal(depthwise_conv(x, w2, 2)[:, :, :, :],
                                  x[:, ::2, ::2, :])


def test_flax_conv_drop_in_same_params_and_outputs():
    x = jax.random.normal(jax.random.key(1), (2, 8, 8, 6))
    kw = {"features": 6, "kernel_size": (3, 3), "strides": (2, 2), "padding": "SAME",
          "feature_group_count": 6}
    ref, fast = nn.Conv(**kw), nn.Conv(**kw, conv_general_dilated=conv_general_dilated)
    v = ref.init(jax.random.key(2), x)
    assert jax.tree.map(jnp.shape, v) == jax.tree.map(
        jnp.shape, fast.init(jax.random.key(2), x))
    assert _rel(fast.apply(v, x), ref.apply(v, x)) < 1e-5


def test_routing_and_mac_count():
    x, w = jnp.ones((2, 6, 6, 4)), jnp.ones((3, 3, 1, 4))
    jx = jax.make_jaxpr(lambda a, b: conv_general_dilated(
        a, b, (1, 1), "SAME", dimension_numbers=DN, feature_group_count=4))(x, w)
    (eqn,) = [e for e in jx.jaxpr.eqns if e.params.get("name") == DEPTHWISE_NAME]
    assert depthwise_macs(eqn) == 2 * 6 * 6 * 4 * 9
    # a dense conv, a dilated one and a channel multiplier 2 stay lax convs
    dense = jax.make_jaxpr(lambda a: conv_general_dilated(
        a, jnp.ones((3, 3, 4, 4)), (1, 1), "SAME", dimension_numbers=DN))(x)
    dil = jax.make_jaxpr(lambda a: conv_general_dilated(
        a, w, (1, 1), "SAME", rhs_dilation=(2, 2), dimension_numbers=DN,
        feature_group_count=4))(x)
    for j in (dense, dil):
        assert "conv_general_dilated" in [e.primitive.name for e in j.jaxpr.eqns]
        assert all(depthwise_macs(e) is None for e in j.jaxpr.eqns)
    assert not is_depthwise((2, 6, 6, 4), (3, 3, 1, 8), DN, 4)
    assert not is_depthwise((2, 4, 6, 6), (3, 3, 1, 4), ("NCHW", "HWIO", "NCHW"), 4)
    assert is_depthwise((2, 6, 6, 4), (3, 3, 1, 4), DN, 4)
    assert depthwise_impl("lax") is lax.conv_general_dilated
    assert depthwise_impl("shifted") is conv_general_dilated


def test_bad_inputs_name_the_problem():
    x, w = jnp.ones((1, 5, 5, 4)), jnp.ones((3, 3, 1, 4))
    with pytest.raises(ValueError, match=r"x must be \[N, H, W, C\]"):
        depthwise_conv(jnp.ones((5, 5, 4)), w)
    with pytest.raises(ValueError, match=r"kernel must be \[kh, kw, 1, C\] with C = 4"):
        depthwise_conv(x, jnp.ones((3, 3, 4, 4)))
    with pytest.raises(TypeError, match="x must be floating"):
        depthwise_conv(jnp.ones((1, 5, 5, 4), jnp.int32), w)
    with pytest.raises(ValueError, match="strides"):
        depthwise_conv(x, w, 0)
    with pytest.raises(ValueError, match="padding must be"):
        depthwise_conv(x, w, 1, "FULL")
    with pytest.raises(ValueError, match="explicit padding"):
        depthwise_conv(x, w, 1, ((1, -1), (0, 0)))
    with pytest.raises(ValueError, match="smaller than the kernel"):
        depthwise_conv(jnp.ones((1, 2, 2, 4)), w, 1, "VALID")
    with pytest.raises(ValueError, match="depthwise must be one of"):
        depthwise_impl("fast")


def test_compiles_once_per_shape():
    x, w = jnp.ones((1, 6, 6, 2)), jnp.ones((3, 3, 1, 2))
    f = jax.jit(depthwise_conv, static_argnums=(2, 3))
    f(x, w, 1, "SAME")
    n = f._cache_size()
    f(x + 1, w * 2, 1, "SAME")
    assert f._cache_size() == n
