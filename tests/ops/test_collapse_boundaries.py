"""jaxeff.ops.collapse.delta_collapse at the edges of its domain (mutation survivors of
issue 26): the smallest valid sizes work exactly, the first invalid ones are refused
with a message naming the argument; conv2d adds its bias."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.ops import collapse as C


def test_delta_collapse_recovers_a_single_conv_kernel_at_the_smallest_sizes():
    # cin = 1 and k = 1 are valid: the delta trick returns the conv's own kernel exactly
    # (impulses of value 1 select single taps, no arithmetic on the weights)
    for cin, k, cout in ((1, 3, 2), (2, 1, 3), (1, 1, 1)):
        a = jax.random.normal(jax.random.key(cin * 10 + k), (k, k, cin, cout))
        d = C.delta_collapse(lambda x, a=a: C.conv2d(x, a, padding="VALID"), cin, k)
        assert d.shape == (k, k, cin, cout)
        np.testing.assert_array_equal(np.asarray(d), np.asarray(a))


@pytest.mark.parametrize("cin,k", [(0, 3), (2, 0), (-1, 1)])
def test_delta_collapse_rejects_empty_sizes_naming_both(cin, k):
    with pytest.raises(ValueError, match=f"got k={k}, cin={cin}"):
        C.delta_collapse(lambda x: x, cin, k)


def test_delta_collapse_kernel_is_not_flipped_for_an_asymmetric_kernel():
    # one non-zero tap off-centre: the collapsed kernel has it at the same (y, x)
    a = jnp.zeros((3, 3, 1, 1)).at[0, 2, 0, 0].set(1.0)
    d = C.delta_collapse(lambda x: C.conv2d(x, a, padding="VALID"), 1, 3)
    assert float(d[0, 2, 0, 0]) == 1.0 and float(jnp.abs(d).sum()) == 1.0


def test_conv2d_adds_the_bias_once_per_output_channel():
    x = jax.random.normal(jax.random.key(7), (1, 5, 4, 2))
    k = jax.random.normal(jax.random.key(8), (3, 3, 2, 3))
    bias = jnp.array([1.0, -2.0, 0.5])
    np.testing.assert_allclose(np.asarray(C.conv2d(x, k, bias)),
                               np.asarray(C.conv2d(x, k) + bias), rtol=0, atol=0)
    assert float(jnp.abs(C.conv2d(x, k, bias) - C.conv2d(x, k)).max()) == pytest.approx(2.0, abs=1e-5)


def test_collapse_bias_accepts_the_1x1_kernel_form_and_non_square_expand_is_named():
    b = jax.random.normal(jax.random.key(9), (4, 3))
    ba, bb = jnp.arange(4.0), jnp.array([1.0, 2.0, 3.0])
    np.testing.assert_array_equal(np.asarray(C.collapse_bias(b[None, None], ba, bb)),
                                  np.asarray(C.collapse_bias(b, ba, bb)))
    with pytest.raises(ValueError, match=r"expand must be square, got \(3, 2\)"):
        C.collapse_block(jnp.zeros((3, 2, 4, 4)), jnp.zeros((4, 4)))
