"""BQW channel balancing and PAW+FSQ (jaxeff.ops.winograd_baselines): exact identities,
the rank-1 fit, PAW training, and the Cook-Toom-initialised PAW path."""

from types import SimpleNamespace

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax import lax

from jaxeff.ops.losses import sqnr_db
from jaxeff.ops.winograd_baselines import (
    PAWConfig,
    balance,
    balance_factors,
    bqw_calibrate,
    bqw_conv,
    channel_ranges,
    fsq_factors,
    fsq_scale,
    paw_fsq_conv,
    paw_identity,
    paw_train,
)
from jaxeff.ops.winograd_quant import WinogradQuant, quantized_winograd_conv

DN = ("NHWC", "HWIO", "NHWC")


def _layer(seed, n=4, hw=8, cin=8, cout=8, spread=1.0):
    kx, kw = jax.random.split(jax.random.key(seed))
    x = jax.nn.relu(jax.random.normal(kx, (n, hw, hw, cin)))
    gain = jnp.logspace(0, np.log10(spread), cin)  # channel ranges spanning `spread`,
    w = jax.random.normal(kw, (3, 3, cin, cout)) / np.sqrt(9 * cin)  # every channel
    return SimpleNamespace(path="l", input=x * gain, kernel=w / gain[:, None],  # counts
                           padding="SAME")


def test_balancing_leaves_m_unchanged_in_float64_and_equalizes_ranges():
    with jax.enable_x64(True):
        rng = np.random.default_rng(0)
        v = jnp.asarray(rng.normal(size=(36, 20, 6)) * rng.uniform(0.01, 10, (36, 1, 6)))
        u = jnp.asarray(rng.normal(size=(36, 6, 5)) * rng.uniform(0.01, 10, (36, 6, 1)))
        t, r = channel_ranges(v, u)
        om = balance_factors(t, r)
        vb, ub = balance(v, u, om)
        m0 = jnp.einsum("ptc,pcf->ptf", v, u)
        m1 = jnp.einsum("ptc,pcf->ptf", vb, ub)
        assert float(jnp.max(jnp.abs(m1 - m0))) <= 1e-12 * float(jnp.max(jnp.abs(m0)))
        tb, rb = channel_ranges(vb, ub)
        np.testing.assert_allclose(tb, jnp.sqrt(t * r), rtol=1e-12)
        np.testing.assert_allclose(rb, jnp.sqrt(t * r), rtol=1e-12)
        # a zero range leaves its channel alone
        assert float(balance_factors(jnp.zeros((1, 1)), jnp.ones((1, 1)))[0, 0]) == 1.0


def _bqw_outs(li, layers, quants):
    ref = lax.conv_general_dilated(li.input, li.kernel, (1, 1), "SAME",
                                   dimension_numbers=DN, precision=lax.Precision.HIGHEST)
    convs = [bqw_conv(b, m=4, quant=q) for b, q in zip(layers, quants, strict=True)]

    @jax.jit
    def outs(x, w):  # one compile for all convs
        return [f(x, w, (1, 1), "SAME", dimension_numbers=DN) for f in convs]

    return outs(li.input, li.kernel), ref


def test_bqw_conv_balances_channels_and_beats_unbalanced_per_position():
    li = _layer(1, spread=100.0)
    static = bqw_calibrate([li], 4)["l"]
    assert static.absmax_v.shape == static.absmax_m.shape == (36,)
    no_balance = static.replace(omega=jnp.ones_like(static.omega))
    (ys, yn), ref = _bqw_outs(li, (static, no_balance), (WinogradQuant(),) * 2)
    assert float(sqnr_db(ys, ref)) > float(sqnr_db(yn, ref)) + 6


@pytest.mark.slow
def test_bqw_dynamic_balances_too_and_is_the_conv_in_float():
    li = _layer(1, spread=100.0)
    dynamic = bqw_calibrate([li], 4, dynamic=True)["l"]
    assert dynamic.absmax_v is None and dynamic.absmax_m is None
    no_balance = dynamic.replace(omega=jnp.ones_like(dynamic.omega))
    q = WinogradQuant()
    (yd, yn, yf), ref = _bqw_outs(li, (dynamic, no_balance, dynamic),
                                  (q, q, WinogradQuant(stages=())))
    assert float(sqnr_db(yd, ref)) > float(sqnr_db(yn, ref)) + 6
    # no quantized stage: BQW is the conv (Omega cancels in float)
    assert float(jnp.max(jnp.abs(yf - ref))) < 1e-5 * float(jnp.max(jnp.abs(ref)))


def test_fsq_recovers_rank_one_exactly_and_is_the_log_least_squares_fit():
    with jax.enable_x64(True):
        rng = np.random.default_rng(2)
        r0, c0 = rng.uniform(0.01, 30, 8), rng.uniform(0.01, 30, 8)
        exact = np.outer(r0, c0)
        r, c = fsq_factors(exact)
        np.testing.assert_allclose(np.outer(r, c), exact, rtol=1e-12)
        np.testing.assert_allclose(np.mean(np.log(r)), np.mean(np.log(c)), atol=1e-12)
        np.testing.assert_allclose(fsq_scale(exact), exact, rtol=1e-12)
        noisy = exact * np.exp(rng.normal(0, 0.5, (8, 8)))
        r, c = fsq_factors(noisy)
        ell = np.log(noisy)
        best = ell.mean(1)[:, None] + ell.mean(0)[None, :] - ell.mean()
        fit = np.log(np.outer(r, c))
        np.testing.assert_allclose(fit, best, atol=1e-10)
        err = np.sum((ell - fit) ** 2)
        for _ in range(20):  # any other rank-1 (additive in log) fit is worse
            dr, dc = rng.normal(0, 0.05, 8), rng.normal(0, 0.05, 8)
            assert np.sum((ell - fit - dr[:, None] - dc[None, :]) ** 2) > err
        s = fsq_scale(noisy)  # cover: no position's range exceeds its scale
        assert np.all(np.asarray(s) >= noisy * (1 - 1e-12))
        assert np.isclose(np.max(noisy / np.asarray(s)), 1.0)
    with pytest.raises(ValueError, match="square"):
        fsq_factors(np.ones((3, 4)))


def test_identity_paw_equals_the_standard_winograd_path():
    li = _layer(3)
    ident = paw_identity(4)
    q = WinogradQuant()

    @jax.jit
    def outs(x, w):  # one compile
        args = (x, w, (1, 1), "SAME")
        return (paw_fsq_conv(ident, m=4, quant=q)(*args, dimension_numbers=DN),
                quantized_winograd_conv(*args, dimension_numbers=DN, m=4, quant=q),
                paw_fsq_conv(ident, m=4, quant=WinogradQuant(stages=()))(
                    *args, dimension_numbers=DN),
                lax.conv_general_dilated(*args, dimension_numbers=DN,
                                         precision=lax.Precision.HIGHEST))

    y_paw, y_std, y_f, ref = outs(li.input, li.kernel)
    np.testing.assert_allclose(y_paw, y_std, rtol=0, atol=1e-6 * float(
        jnp.max(jnp.abs(y_std))))
    np.testing.assert_allclose(y_f, ref, atol=1e-5 * float(jnp.max(jnp.abs(ref))))


def test_paw_lowers_the_layer_loss_in_a_few_steps():
    li = _layer(4, n=4)
    q = WinogradQuant()  # M groups span the positions: standard F(4,3) does badly
    cfg = PAWConfig(steps=10, lr=1e-2, lr_g=5e-4, batch=4)
    layers, hist = paw_train(jax.random.key(0), [li], 4, q, cfg, fsq=False)
    h = hist["l"]
    assert len(h) == 10 and min(h[-3:]) < 0.7 * h[0], h
    np.testing.assert_array_equal(layers["l"].s_m, np.ones((6, 6)))  # fsq=False
    with pytest.raises(ValueError, match="steps"):
        PAWConfig(steps=-1)
    with pytest.raises(ValueError, match="lr_g"):
        PAWConfig(lr_g=0.0)


def test_bad_matrices_and_baseline_conv_routes_raise_clear_errors():
    from jaxeff.ops.winograd import WinogradScales, winograd_conv
    from jaxeff.ops.winograd_route import winograd_or_direct

    x, w = jnp.ones((1, 6, 6, 2)), jnp.ones((3, 3, 2, 2))
    ident = paw_identity(4)
    with pytest.raises(ValueError, match="G must have shape"):
        winograd_conv(x, w, (1, 1), "SAME", dimension_numbers=DN, m=4,
                      matrices=(ident.at, ident.g[:5], ident.bt))
    with pytest.raises(ValueError, match="either scales or matrices"):
        winograd_conv(x, w, (1, 1), "SAME", dimension_numbers=DN, m=4,
                      matrices=ident.matrices, scales=WinogradScales.identity(6))
    with pytest.raises(TypeError, match="winograd_fn must be callable"):
        winograd_or_direct(4, winograd_fn=3)
    # the router sends eligible convs to winograd_fn and the rest direct
    seen = []
    router = winograd_or_direct(4, winograd_fn=lambda *a, **k: seen.append(1) or a[0])
    assert router(x, w, (1, 1), "SAME", dimension_numbers=DN) is x and seen == [1]
    router(x, w, (2, 2), "SAME", dimension_numbers=DN)
    assert seen == [1]
