"""jaxeff.ops.collapse: collapsed == expanded (float64, 1e-10), delta trick == einsum
(spec sesr.md §2.2, §5.3 item 3)."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.ops import collapse as C


def _rand(key, shape):
    return jax.random.normal(jax.random.key(key), shape, jnp.float64)


@pytest.mark.parametrize("k,cin,p,cout,residual", [
    (3, 4, 16, 4, True), (5, 1, 8, 6, False), (5, 3, 7, 9, False), (1, 5, 3, 5, True)])
def test_collapsed_equals_expanded_float64_with_biases(k, cin, p, cout, residual):
    with jax.enable_x64(True):
        x = _rand(0, (2, 9, 7, cin))
        a, b = _rand(1, (k, k, cin, p)), _rand(2, (p, cout))
        ba, bb = _rand(3, (p,)), _rand(4, (cout,))
        ref = C.expanded_block(x, a, b, residual=residual, expand_bias=ba,
                               project_bias=bb)
        kern = C.collapse_block(a, b, residual=residual)
        bias = C.collapse_bias(b, ba, bb)
        got = C.conv2d(x, kern, bias)
        assert kern.shape == (k, k, cin, cout) and got.dtype == jnp.float64
        assert float(jnp.max(jnp.abs(got - ref))) < 1e-10
        # B given as a [1, 1, p, Cout] kernel gives the same result
        k2 = C.collapse_block(a, b[None, None], residual=residual)
        assert float(jnp.max(jnp.abs(k2 - kern))) == 0.0


def test_delta_trick_equals_einsum_and_chains():
    with jax.enable_x64(True):
        a, b = _rand(1, (3, 3, 4, 8)), _rand(2, (8, 4))
        fn = lambda x: C.conv2d(C.conv2d(x, a, padding="VALID"), b[None, None],  # noqa
                                padding="VALID")
        d = C.delta_collapse(fn, 4, 3, jnp.float64)
        assert float(jnp.max(jnp.abs(d - C.collapse_block(a, b)))) < 1e-12
        # a 3x3 -> 3x3 chain collapses to 5x5 (VALID), the RAN use case
        a2 = _rand(5, (3, 3, 8, 2))
        chain = lambda x: C.conv2d(C.conv2d(x, a, padding="VALID"), a2,  # noqa
                                   padding="VALID")
        k5 = C.delta_collapse(chain, 4, 5, jnp.float64)
        x = _rand(6, (1, 11, 10, 4))
        ref = chain(x)
        assert float(jnp.max(jnp.abs(C.conv2d(x, k5, padding="VALID") - ref))) < 1e-10


def test_residual_kernel_and_errors():
    r = C.residual_kernel(3, 2)
    assert r.shape == (3, 3, 2, 2) and float(r.sum()) == 2.0 and float(r[1, 1, 0, 0]) == 1
    with pytest.raises(ValueError, match="odd"):
        C.residual_kernel(2, 2)
    with pytest.raises(ValueError, match="Cin == Cout"):
        C.collapse_block(jnp.zeros((3, 3, 2, 4)), jnp.zeros((4, 3)), residual=True)
    with pytest.raises(ValueError, match=r"\[p, Cout\]"):
        C.collapse_block(jnp.zeros((3, 3, 2, 4)), jnp.zeros((5, 3)))
    with pytest.raises(ValueError, match="1x1"):
        C.collapse_block(jnp.zeros((3, 3, 2, 4)), jnp.zeros((3, 3, 4, 3)))
    with pytest.raises(ValueError, match="HWIO"):
        C.collapse_block(jnp.zeros((3, 2, 4)), jnp.zeros((4, 3)))
    with pytest.raises(ValueError, match="VALID"):
        C.delta_collapse(lambda x: x, 2, 3)
    assert C.collapse_bias(jnp.zeros((4, 3)), None, None) is None
