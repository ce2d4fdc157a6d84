"""Integer Winograd (jaxeff.ops.winograd_int) against the fake-quant pipeline."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax import lax

from jaxeff.ops.winograd import winograd_conv
from jaxeff.ops.winograd_int import (
    int8_winograd_conv,
    integer_matrices,
    prepare_weights,
)
from jaxeff.ops.winograd_quant import absmax_fake_quant

DN = ("NHWC", "HWIO", "NHWC")


def _case(m: int, seed: int = 0, c_in: int = 8, c_out: int = 6, hw: int = 10):
    k = jax.random.split(jax.random.key(seed), 2)
    x_scale = 2.0 ** -5  # powers of two: the float reference is exact up to V
    x_q = jax.random.randint(k[0], (2, hw, hw, c_in), -127, 128).astype(jnp.int8)
    w = jax.random.normal(k[1], (3, 3, c_in, c_out)) * 0.1
    seen = {}

    def grab(t):
        seen["V"] = t
        return t

    x = x_q.astype(jnp.float32) * x_scale
    winograd_conv(x, w, (1, 1), "SAME", dimension_numbers=DN, m=m, hooks={"V": grab})
    vmax = np.abs(np.asarray(seen["V"])).max(axis=(1, 2))  # calibrated per position
    v_scale = jnp.asarray(2.0 ** np.ceil(np.log2(vmax / 127)), jnp.float32)
    return x_q, x_scale, w, v_scale


def _reference(x_q, x_scale, w, v_scale, m: int, seen: dict):
    """The fake-quant float pipeline with the same layouts (module docstring)."""
    alpha2 = (m + 2) ** 2

    def keep(name, fn):
        def hook(t):
            out = fn(t)
            seen[name] = out
            return out
        return hook

    hooks = {"V": keep("V", lambda t: absmax_fake_quant(t, (0,), None, 1, 8,
                                                        v_scale * 127)),
             "U": lambda t: absmax_fake_quant(t, (0, 2), None, 1, 8),
             "M": keep("M", lambda t: absmax_fake_quant(t, (1, 2), 0, alpha2, 8))}
    x = x_q.astype(jnp.float32) * x_scale
    return winograd_conv(x, w, (1, 1), "SAME", dimension_numbers=DN, m=m, hooks=hooks)


@pytest.mark.parametrize("m", [2, 4, 6])
def test_integer_pipeline_equals_fake_quant_pipeline(m):
    x_q, x_scale, w, v_scale = _case(m)
    u_q, u_scale = prepare_weights(w, m)
    got = int8_winograd_conv(x_q, x_scale, u_q, u_scale, v_scale, m=m)
    seen: dict = {}
    ref = _reference(x_q, x_scale, w, v_scale, m, seen)
    assert got.dtype == jnp.float32 and got.shape == ref.shape
    # the V codes are identical (power-of-two scales: the float transform is exact)
    codes = np.asarray(seen["V"]) / np.asarray(v_scale)[:, None, None]
    np.testing.assert_array_equal(codes, np.round(codes))
    # outputs agree except where M's float rescale rounds across a half (a few ulp)
    rel = np.abs(np.asarray(got - ref)) / (np.abs(np.asarray(ref)).max() + 1e-12)
    assert np.mean(rel < 1e-5) >= 0.99, np.mean(rel < 1e-5)
    assert rel.max() < 0.05
    # and it is a convolution: at F(2,3) close to the float direct conv (at F(4,3) /
    # F(6,3) standard transforms with M grouped across positions collapse, in both
    # pipelines alike: the paper's "standard" rows)
    if m != 2:
        return
    direct = lax.conv_general_dilated(x_q.astype(jnp.float32) * x_scale, w, (1, 1),
                                      "SAME", dimension_numbers=DN)
    err = np.asarray(got - direct)
    sqnr = 10 * np.log10(np.sum(np.asarray(direct) ** 2) / np.sum(err ** 2))
    assert sqnr > 30, sqnr


def test_integer_matrices_are_exact_scalings():
    for m, (ka, kb) in {2: (1, 1), 4: (1, 1), 6: (32, 4)}.items():
        ai, ka_, bi, kb_, _ = integer_matrices(m)
        assert (ka_, kb_) == (ka, kb) and ai.dtype == bi.dtype == np.int64
        from jaxeff.ops.winograd import winograd_matrices
        at, _, bt = winograd_matrices(m, 3)
        np.testing.assert_array_equal(ai, np.asarray(at) * ka)
        np.testing.assert_array_equal(bi, np.asarray(bt) * kb)


def test_bad_inputs():
    x_q, x_scale, w, v_scale = _case(4)
    u_q, u_scale = prepare_weights(w, 4)
    with pytest.raises(TypeError, match="must be int8"):
        int8_winograd_conv(x_q.astype(jnp.int32), x_scale, u_q, u_scale, v_scale, m=4)
    with pytest.raises(ValueError, match=r"F\(2,3\) needs u_q \[16"):
        int8_winograd_conv(x_q, x_scale, u_q, u_scale, v_scale, m=2)
    with pytest.raises(ValueError, match="padding must be"):
        int8_winograd_conv(x_q, x_scale, u_q, u_scale, v_scale, m=4, padding="FULL")
    with pytest.raises(ValueError, match="3x3 kernel"):
        prepare_weights(jnp.zeros((5, 5, 2, 2)), 4)
