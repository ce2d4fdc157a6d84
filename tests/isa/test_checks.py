"""Static activation scales in the SIMD network study, and the ISA argument checks.

Issue 14 items 7 and 9: with scales from :func:`jaxeff.isa.network.calibrate_acts`
(calibration images, never the evaluated ones) one image's W4A8 result must not
depend on the other images of its batch; with the old per-batch (dynamic) scales it
does. ``check_range`` must never skip silently when asked to check traced values.
"""

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax.experimental import checkify

from jaxeff.isa.network import calibrate_acts, simd_apply
from jaxeff.isa.pack import check_range
from jaxeff.isa.workloads import quantize_acts_range, quantize_acts_scaled


class _Net(nn.Module):
    @nn.compact
    def __call__(self, x):
        x = nn.relu(nn.Conv(8, (3, 3), strides=(2, 2), name="c1")(x))
        x = nn.relu(nn.Conv(16, (3, 3), name="c2")(x))
        return nn.Dense(5, name="fc")(x.reshape(x.shape[0], -1))


def _setup():
    net = _Net()
    x = jax.random.normal(jax.random.key(0), (5, 9, 9, 3))
    calib = jax.random.normal(jax.random.key(2), (2, 8, 9, 9, 3))
    v = net.init(jax.random.key(1), x)
    return net, v, x, list(calib)


# CI budget: ~25 s per GEMM on 2 cores (four batch shapes compiled); the asymmetric
# instruction's path stays in the default run, the int32 one is slow
@pytest.mark.parametrize("gemm", [pytest.param("int32", marks=pytest.mark.slow), "asmmla"])
def test_static_scales_make_an_image_independent_of_its_batch(gemm):
    net, v, x, calib = _setup()
    ranges = calibrate_acts(net, v, calib)
    assert set(ranges) == {"c1", "c2", "fc"}
    assert ranges["c1"][0] < 0 < ranges["c1"][1] and ranges["c2"][0] >= 0  # ReLU in
    loud = x.at[1:].multiply(50.0)  # neighbours with a 50x wider range
    alone, _ = simd_apply(net, v, x[:1], gemm=gemm, act_ranges=ranges)
    for batch in (x, loud):
        y, _ = simd_apply(net, v, batch, gemm=gemm, act_ranges=ranges)
        np.testing.assert_allclose(np.asarray(y[:1]), np.asarray(alone), rtol=1e-6,
                                   atol=1e-6)
    # the old dynamic (per-batch min-max) scales: the same image changes with them
    d_alone, _ = simd_apply(net, v, x[:1], gemm=gemm)
    d_loud, _ = simd_apply(net, v, loud, gemm=gemm)
    assert np.abs(np.asarray(d_loud[:1]) - np.asarray(d_alone)).max() > 1e-2


def test_static_ranges_equal_dynamic_on_the_calibration_batch_itself():
    """Calibrating on exactly the batch evaluated reproduces the dynamic codes."""
    net, v, x, _ = _setup()
    ranges = calibrate_acts(net, v, [x])
    y_d, _ = simd_apply(net, v, x, gemm="int32")
    y_s, _ = simd_apply(net, v, x, gemm="int32", act_ranges=ranges)
    # layer 1 sees the same input: same codes; later layers see W4A8 inputs in both
    # runs (the calibration forward is float), so only the first layer is pinned
    c1 = x.reshape(-1, 3)
    codes_d, s_d, scale_d = quantize_acts_scaled(c1)
    codes_s, s_s, scale_s = quantize_acts_range(c1, *ranges["c1"])
    np.testing.assert_array_equal(codes_d, codes_s)
    assert s_d == s_s and scale_d == scale_s
    assert y_s.shape == y_d.shape


def test_quantize_acts_range_clips_and_checks():
    codes, signed, s = quantize_acts_range(np.array([-1.0, 0.25, 3.0]), 0.0, 1.0)
    assert not signed and s == pytest.approx(1 / 255)
    np.testing.assert_array_equal(codes, [0, 64, 255])  # outside the range: clipped
    for lo, hi in ((1.0, 0.0), (np.nan, 1.0), (0.0, np.inf)):
        with pytest.raises(ValueError, match="activation range must be finite"):
            quantize_acts_range(np.zeros(3), lo, hi)


def test_simd_apply_missing_range_and_empty_calibration():
    net, v, x, calib = _setup()
    ranges = calibrate_acts(net, v, calib)
    del ranges["c2"]
    with pytest.raises(ValueError, match="act_ranges has no range for layer 'c2'"):
        simd_apply(net, v, x, act_ranges=ranges)
    with pytest.raises(ValueError, match="at least one batch"):
        calibrate_acts(net, v, [])


def test_check_range_traced_modes():
    x = jnp.arange(10)
    check_range(x, 0, 9, "x")  # in range: nothing
    with pytest.raises(ValueError, match=r"x values must lie in \[0, 5\], got \[0, 9\]"):
        check_range(x, 0, 5, "x")

    def f(y, traced):
        check_range(y, 0, 5, "y", traced=traced)
        return y

    jax.jit(f, static_argnums=1)(x, "skip")  # documented: skipped when traced
    err, _ = checkify.checkify(jax.jit(f, static_argnums=1))(x, "checkify")
    assert "y values must lie in [0, 5], got [0, 9]" in err.get()
    err, _ = checkify.checkify(jax.jit(f, static_argnums=1))(x % 5, "checkify")
    assert err.get() is None
    jax.jit(f, static_argnums=1)(x % 5, "callback")  # in range: runs
    with pytest.raises(Exception, match=r"y values must lie in \[0, 5\], got \[0, 9\]"):
        jax.block_until_ready(jax.jit(f, static_argnums=1)(x, "callback"))
    with pytest.raises(ValueError, match="traced must be 'skip', 'checkify' or"):
        jax.jit(f, static_argnums=1)(x, "maybe")
