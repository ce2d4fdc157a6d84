"""Facts about jaxeff.ops.calibrate: observers equal hand-computed values."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.ops.calibrate import (
    bias_correct,
    minmax_qparams,
    observe_minmax,
    observe_mse,
    observe_omse,
    observe_percentile,
    ptf_params,
    reduce_minmax,
)
from jaxeff.ops.quant import QuantSpec, fake_quant

F32 = np.float32


def _gauss(shape, seed=0):
    return jnp.asarray(np.random.default_rng(seed).standard_normal(shape), jnp.float32)


def _mse(x, qp, spec, axis=None):
    return jnp.mean((fake_quant(x, qp.scale, qp.zero_point, spec) - x) ** 2, axis=axis)


def _heavy_tailed(shape, seed=0):
    """Gaussian with a few large outliers: clipping pays off."""
    x = np.random.default_rng(seed).standard_normal(shape).astype(F32)
    x.reshape(-1)[:: max(1, x.size // 8)] *= 12.0
    return jnp.asarray(x)


# ---------------------------------------------------------------- min-max


def test_reduce_minmax_granularities():
    x = _gauss((64, 6))
    xn = np.asarray(x)
    lo, hi = reduce_minmax(x, QuantSpec())
    assert lo.shape == () and float(lo) == xn.min() and float(hi) == xn.max()
    lo, hi = reduce_minmax(x, QuantSpec(granularity="channel", axis=-1))
    np.testing.assert_array_equal(lo, xn.min(0, keepdims=True))
    np.testing.assert_array_equal(hi, xn.max(0, keepdims=True))
    spec = QuantSpec(granularity="group", axis=0, group_size=16, channel_axis=-1)
    lo, hi = reduce_minmax(x, spec)
    assert lo.shape == (4, 6)
    np.testing.assert_array_equal(lo, xn.reshape(4, 16, 6).min(1))
    np.testing.assert_array_equal(hi, xn.reshape(4, 16, 6).max(1))
    lo, _ = reduce_minmax(x, QuantSpec(granularity="group", axis=0, group_size=32))
    np.testing.assert_array_equal(lo, xn.reshape(2, 32 * 6).min(1)[:, None])


def test_minmax_hand_values():
    u8 = QuantSpec(bits=8)
    qp = observe_minmax(jnp.array([-1.0, 0.5, 3.0]), u8)
    assert float(qp.scale) == F32(4.0) / F32(255.0)
    assert float(qp.zero_point) == 64.0  # -round(-1 / (4/255)) = round(63.75)
    # the range is widened to contain 0 ...
    qp = observe_minmax(jnp.array([1.0, 2.0]), u8)
    assert float(qp.scale) == F32(2.0) / F32(255.0) and float(qp.zero_point) == 0
    # ... unless include_zero=False (FQ-ViT / Evol-Q code): z = clip(-255) = 0
    qp = observe_minmax(jnp.array([1.0, 2.0]), u8, include_zero=False)
    assert float(qp.scale) == F32(1.0) / F32(255.0) and float(qp.zero_point) == 0
    s8 = QuantSpec(bits=8, signed=True)
    qp = minmax_qparams(-1.0, 3.0, s8)
    assert float(qp.scale) == F32(4.0) / F32(255.0)
    assert float(qp.zero_point) == -64.0  # -128 - round(-63.75)
    qp = minmax_qparams(-2.0, 1.0, QuantSpec(bits=8, signed=True, symmetric=True))
    assert float(qp.scale) == F32(2.0) / F32(127.0) and float(qp.zero_point) == 0
    qp = minmax_qparams(0.0, 3.0, QuantSpec(bits=4, symmetric=True))
    assert float(qp.scale) == F32(3.0) / F32(15.0) and float(qp.zero_point) == 0
    qp = observe_minmax(jnp.zeros((4, 3)), QuantSpec(granularity="channel"))
    np.testing.assert_array_equal(qp.scale, np.full((1, 3), 1e-8, F32))
    np.testing.assert_array_equal(qp.zero_point, np.zeros((1, 3)))


def test_minmax_per_channel_matches_formula():
    x = _gauss((32, 5)) + jnp.arange(5.0) - 2.0
    spec = QuantSpec(bits=4, granularity="channel")
    qp = observe_minmax(x, spec)
    lo = np.minimum(np.asarray(x).min(0, keepdims=True), 0)
    hi = np.maximum(np.asarray(x).max(0, keepdims=True), 0)
    # XLA:CPU divides via a reciprocal: allow a couple of ulps against NumPy
    np.testing.assert_allclose(qp.scale, (hi - lo) / F32(15), rtol=3e-7)
    z = np.clip(-np.round(lo / np.asarray(qp.scale)), 0, 15)
    np.testing.assert_array_equal(qp.zero_point, z)


def test_percentile_matches_numpy():
    x = _gauss((1000, 3), 1)
    spec = QuantSpec(bits=8, granularity="channel")
    qp = observe_percentile(x, spec, pct=90.0)
    lo = np.percentile(np.asarray(x), 10.0, axis=0, keepdims=True)
    hi = np.percentile(np.asarray(x), 90.0, axis=0, keepdims=True)
    ref = minmax_qparams(lo, hi, spec)
    np.testing.assert_allclose(qp.scale, ref.scale, rtol=1e-5)
    np.testing.assert_array_equal(qp.zero_point, ref.zero_point)


# ---------------------------------------------------------------- OMSE / MSE


def _omse_brute_force(x, spec, lo, hi):
    best = None
    for i in range(90):
        r = 1.0 - 0.01 * i
        r = jnp.float32(r)
        qp = minmax_qparams(jnp.float32(lo) * r, jnp.float32(hi) * r, spec)
        e = float(_mse(x, qp, spec))
        if best is None or e < best[0]:
            best = (e, qp, i)
    return best


def test_omse_equals_brute_force_and_beats_minmax():
    x = _heavy_tailed((4096,))
    spec = QuantSpec(bits=4)
    qp = observe_omse(x, spec)
    e, ref, i = _omse_brute_force(x, spec, float(x.min()), float(x.max()))
    assert i > 0  # outliers: a clipped range wins
    np.testing.assert_allclose(qp.scale, ref.scale, rtol=1e-6)
    assert float(qp.zero_point) == float(ref.zero_point)
    mm = float(_mse(x, observe_minmax(x, spec), spec))
    assert float(_mse(x, qp, spec)) <= mm and e < mm


def test_omse_uses_running_range_and_scores_last_batch():
    batches = [_heavy_tailed((512, 8), s) * (1 + s) for s in range(3)]
    lo = min(float(b.min()) for b in batches)
    hi = max(float(b.max()) for b in batches)
    spec = QuantSpec(bits=8)
    qp = observe_omse(batches[-1], spec, lo, hi)
    e, ref, _ = _omse_brute_force(batches[-1], spec, lo, hi)
    np.testing.assert_allclose(qp.scale, ref.scale, rtol=1e-6)
    mm = minmax_qparams(lo, hi, spec)
    assert float(_mse(batches[-1], qp, spec)) <= float(_mse(batches[-1], mm, spec))


@pytest.mark.parametrize("observe", [observe_omse, observe_mse], ids=["omse", "mse"])
def test_search_per_channel_never_worse_than_minmax(observe):
    x = _heavy_tailed((256, 16), 3)
    spec = QuantSpec(bits=3, granularity="channel")
    qp = observe(x, spec)
    assert qp.scale.shape == (1, 16)
    e = _mse(x, qp, spec, axis=0)
    e_mm = _mse(x, observe_minmax(x, spec), spec, axis=0)
    assert bool(jnp.all(e <= e_mm)) and bool(jnp.any(e < e_mm))


def test_mse_group_wise_shapes():
    spec = QuantSpec(bits=4, granularity="group", axis=0, group_size=32, channel_axis=1)
    qp = observe_mse(_gauss((64, 8)), spec, num_steps=20)
    assert qp.scale.shape == qp.zero_point.shape == (2, 8)


# ---------------------------------------------------------------- PTF


def test_ptf_alpha_hand_values():
    n = 512
    rng = np.random.default_rng(0)
    wide = np.linspace(-4.0, 12.0, n, dtype=F32)  # spans the global range
    narrow = rng.uniform(-0.3, 0.3, n).astype(F32)  # inside [min/8, max/8]
    zeros = np.zeros(n, F32)  # every alpha is exact: tie -> 0
    x = jnp.asarray(np.stack([wide, narrow, zeros], -1)[None])  # [1, N, 3]
    qp, alpha = ptf_params(x, None, None)
    np.testing.assert_array_equal(alpha, [3, 0, 0])
    assert alpha.dtype == jnp.int32
    s8 = F32(16.0) / F32(255.0)
    assert float(qp.zero_point) == 64.0  # -round(-4 / s8) = round(63.75)
    assert qp.scale.shape == (1, 1, 3)
    np.testing.assert_array_equal(qp.scale[0, 0], s8 / 8 * np.exp2([3.0, 0.0, 0.0]))
    spec = QuantSpec(bits=8, granularity="channel", axis=-1)
    y = fake_quant(x, qp.scale, qp.zero_point, spec)
    assert float(jnp.max(jnp.abs(y - x)[..., 0])) <= s8 / 2 + 1e-6


def test_ptf_uses_given_range():
    x = _gauss((64, 4))
    lo, hi = jnp.full((4,), -8.0), jnp.full((4,), 8.0)
    qp, alpha = ptf_params(x, lo, hi, bits=8)
    s8 = F32(16.0) / F32(255.0)
    assert float(qp.zero_point) == np.clip(-np.round(F32(-8.0) / s8), 0, 255)
    np.testing.assert_array_equal(
        qp.scale.reshape(-1), s8 / 8 * np.exp2(np.asarray(alpha, F32))
    )


# ---------------------------------------------------------------- bias correction


@pytest.mark.parametrize("axis", [-1, 0])
def test_bias_correction_restores_channel_mean_and_std(axis):
    w = _gauss((64, 16)) * 0.1 + 0.02
    spec = QuantSpec(bits=3)
    qp = observe_minmax(w, spec)
    w_q = fake_quant(w, qp.scale, qp.zero_point, spec)
    w_hat = bias_correct(w_q, w, axis=axis)
    red = 1 - (axis % 2)
    wn, wh = np.asarray(w, np.float64), np.asarray(w_hat, np.float64)
    assert np.abs(wn.mean(red) - np.asarray(w_q).mean(red)).max() > 1e-4
    np.testing.assert_allclose(wh.mean(red), wn.mean(red), atol=1e-6)
    np.testing.assert_allclose(wh.std(red, ddof=1), wn.std(red, ddof=1), atol=1e-6)


# ---------------------------------------------------------------- errors, jit


def test_bad_inputs():
    with pytest.raises(TypeError, match="int32"):
        observe_minmax(jnp.ones((4, 4), jnp.int32), QuantSpec())
    with pytest.raises(ValueError, match="group_size=3"):
        observe_omse(jnp.ones((4, 4)), QuantSpec(granularity="group", group_size=3))
    with pytest.raises(ValueError, match=r"\(4, 3\).*\(4, 4\)"):
        bias_correct(jnp.ones((4, 3)), jnp.ones((4, 4)))


def test_observers_jit():
    spec = QuantSpec(bits=4, granularity="channel")
    x = _gauss((32, 4))
    for observe in (observe_minmax, observe_percentile):
        a = observe(x, spec)
        b = jax.jit(observe, static_argnums=1)(x, spec)
        np.testing.assert_array_equal(a.scale, b.scale)
        np.testing.assert_array_equal(a.zero_point, b.zero_point)
