"""The direct W8A8 reference conv (``winograd_route.direct_quant_conv``, Pan et al.
arXiv 2412.19867 spec §1) at ``granularity="tensor"``: one symmetric scale
``absmax / 127`` for the whole input and one for the whole kernel, by hand; and
``winograd_calib.per_layer_sqnr`` on a duck-typed layer without ``strides`` /
``padding`` (the module's documented defaults ``(1, 1)`` and ``"SAME"``), with errors
that name the function. Written for mutation-testing survivors of issue 26."""

import dataclasses

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax import lax

from jaxeff.ops.winograd_calib import ConvLayer, per_layer_sqnr
from jaxeff.ops.winograd_quant import WinogradQuant
from jaxeff.ops.winograd_route import direct_quant_conv

DN = ("NHWC", "HWIO", "NHWC")


def _q(a):  # per-tensor symmetric 8-bit fake quant, by hand
    a = np.asarray(a, np.float64)
    s = np.abs(a).max() / 127
    return np.round(a / s) * s


def test_tensor_granularity_is_one_scale_per_tensor():
    x = jax.random.normal(jax.random.key(0), (2, 6, 5, 3))
    w = jax.random.normal(jax.random.key(1), (3, 3, 3, 4))
    q = WinogradQuant(granularity="tensor")
    got = direct_quant_conv(x, w, (1, 1), "SAME", dimension_numbers=DN, quant=q)
    want = lax.conv_general_dilated(jnp.asarray(_q(x), jnp.float32),
                                    jnp.asarray(_q(w), jnp.float32), (1, 1), "SAME",
                                    dimension_numbers=DN,
                                    precision=lax.Precision.HIGHEST)
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4)


@dataclasses.dataclass
class _Bare:  # a layer object with only the required attributes
    path: str
    input: jax.Array
    kernel: jax.Array


def test_per_layer_sqnr_defaults_for_a_bare_layer_and_names_itself():
    x = jax.random.normal(jax.random.key(2), (1, 8, 8, 2))
    w = jax.random.normal(jax.random.key(3), (3, 3, 2, 2))
    q = WinogradQuant(bits=6, granularity="channel")
    bare = per_layer_sqnr([_Bare("a", x, w)], m=2, quant=q)
    full = per_layer_sqnr([ConvLayer("a", x, w, (1, 1), "SAME")], m=2, quant=q)
    valid = per_layer_sqnr([ConvLayer("a", x, w, (1, 1), "VALID")], m=2, quant=q)
    assert bare == full and bare["a"] != valid["a"]
    with pytest.raises(TypeError, match=r"^per_layer_sqnr: quant must be a WinogradQuant"):
        per_layer_sqnr([_Bare("a", x, w)], m=2, quant="W8A8")


def test_router_says_why_it_runs_direct():
    from jaxeff.ops.winograd_route import winograd_or_direct

    dn = lax.conv_dimension_numbers((1, 8, 8, 2), (3, 3, 2, 2), DN)
    off = winograd_or_direct(None)
    assert off.why_direct((1, 8, 8, 2), (3, 3, 2, 2), (1, 1), None, None, dn) == (
        "m is None (all direct)")
    on = winograd_or_direct(2)
    assert on.why_direct((1, 8, 8, 2), (3, 3, 2, 2), (1, 1), None, None, dn) is None
    assert on.why_direct((1, 8, 2), (3, 2, 2), (1,)) == "not a 2-D conv (lhs rank 3)"


def test_router_names_itself_on_bad_dimension_numbers():
    from jaxeff.ops.winograd_route import winograd_or_direct

    with pytest.raises(ValueError, match=r"^winograd_or_direct: bad dimension_numbers="):
        winograd_or_direct(2).why_direct((1, 8, 8, 2), (3, 3, 2, 2), (1, 1), None, None,
                                         ("NHWC", "HWIO", "NCHWX"))
