"""jaxeff.ops.calibrate's documented defaults and its MSE search against a brute force
(mutation survivors of issue 26): observe_mse is the r = 1 - i/100 grid scored by
mean |x_hat - x|^2, observe_percentile uses 99.99; ptf_params checks the bound it is
given and defaults the other to x."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.ops.calibrate import (
    minmax_qparams,
    observe_mse,
    observe_omse,
    observe_percentile,
    ptf_params,
    reduce_minmax,
)
from jaxeff.ops.quant import QuantSpec, fake_quant

SPEC = QuantSpec(bits=4, signed=True)


def _x():
    # heavy tails: the best clip ratio depends on the error exponent p
    return jax.random.t(jax.random.key(0), 2.0, (512,))


def _brute(x, num_steps, p):
    lo, hi = float(x.min()), float(x.max())
    best = None
    for i in range(num_steps):
        r = 1.0 - i / num_steps
        qp = minmax_qparams(lo * r, hi * r, SPEC)
        e = float(np.mean(np.abs(np.asarray(fake_quant(x, qp.scale, qp.zero_point, SPEC))
                                 - np.asarray(x)) ** p))
        if best is None or e < best[0]:
            best = (e, float(qp.scale), float(qp.zero_point))
    return best[1:]


def test_observe_mse_defaults_are_100_steps_and_squared_error():
    x = _x()
    d = observe_mse(x, SPEC)
    e = observe_mse(x, SPEC, num_steps=100, p=2.0)
    assert float(d.scale) == float(e.scale) and float(d.zero_point) == float(e.zero_point)
    s, z = _brute(x, 100, 2.0)
    np.testing.assert_allclose(float(d.scale), s, rtol=1e-6)
    assert float(d.zero_point) == z
    # the exponent matters on this data: p = 3 picks another clip
    assert float(observe_mse(x, SPEC, p=3.0).scale) != float(d.scale)
    # ... and so does the grid
    assert float(observe_mse(x, SPEC, num_steps=7).scale) != float(d.scale)


def test_observe_percentile_default_is_99_99():
    x = _x()
    d, e = observe_percentile(x, SPEC), observe_percentile(x, SPEC, 99.99)
    assert float(d.scale) == float(e.scale)
    assert float(observe_percentile(x, SPEC, 99.9).scale) != float(d.scale)


def test_ptf_params_checks_the_given_bound_and_defaults_the_other_to_x():
    x = jax.random.normal(jax.random.key(1), (64, 4))
    lo = x.min(axis=0)
    a, alpha_a = ptf_params(x, lo, None)
    b, alpha_b = ptf_params(x, lo, x.max(axis=0))  # the default hi is x's max
    assert float(a.zero_point) == float(b.zero_point)
    np.testing.assert_array_equal(np.asarray(a.scale), np.asarray(b.scale))
    np.testing.assert_array_equal(np.asarray(alpha_a), np.asarray(alpha_b))
    with pytest.raises(ValueError, match="hi must be finite"):
        ptf_params(x, None, np.full(4, np.inf, np.float32))
    with pytest.raises(ValueError, match="lo must be <= hi"):
        ptf_params(x, np.zeros(4, np.float32), np.full(4, -1.0, np.float32))


@pytest.mark.parametrize("spec", [QuantSpec(bits=4), QuantSpec(bits=4, granularity="channel")],
                         ids=["tensor", "channel"])
def test_observe_omse_one_bound_given_defaults_the_other_to_x(spec):
    x = jax.random.normal(jax.random.key(2), (128, 3)) * jnp.array([1.0, 2.0, 0.5])
    xlo, xhi = reduce_minmax(x, spec)
    lo, hi = xlo * 1.5, xhi * 1.5  # wider than x: the search result depends on them
    for got, want in ((observe_omse(x, spec, lo, None), observe_omse(x, spec, lo, xhi)),
                      (observe_omse(x, spec, None, hi), observe_omse(x, spec, xlo, hi))):
        np.testing.assert_array_equal(np.asarray(got.scale), np.asarray(want.scale))
        np.testing.assert_array_equal(np.asarray(got.zero_point),
                                      np.asarray(want.zero_point))
    assert not np.array_equal(np.asarray(observe_omse(x, spec, lo, None).scale),
                              np.asarray(observe_omse(x, spec).scale))
    with pytest.raises(ValueError, match="hi must be finite"):
        observe_omse(x, spec, None, jnp.full(xhi.shape, jnp.nan))
