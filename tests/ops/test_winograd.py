"""Winograd F(m, r): exact construction, conv equality, scales, quantized path."""

from fractions import Fraction

import chex
import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax import lax

from jaxeff.ops.losses import sqnr_db
from jaxeff.ops.winograd import (
    WinogradScales,
    cook_toom,
    range_imbalance,
    transform_weights,
    winograd_conv,
    winograd_cost,
    winograd_matrices,
)
from jaxeff.ops.winograd_quant import (
    WinogradQuant,
    absmax_fake_quant,
    quantized_winograd_conv,
)
from jaxeff.ops.winograd_route import direct_quant_conv, winograd_or_direct

DN = ("NHWC", "HWIO", "NHWC")
F = Fraction


def _direct(x, w, pad):  # exact reference on every backend (no TF32)
    return lax.conv_general_dilated(x, w, (1, 1), pad, dimension_numbers=DN,
                                    precision=lax.Precision.HIGHEST)


def test_f63_matrices_match_spec():
    at, g, bt = cook_toom(6, 3)
    assert bt[0] == [F(1), 0, F(-21, 4), 0, F(21, 4), 0, F(-1), 0]
    assert bt[3] == [0, F(1, 2), F(1, 4), F(-5, 2), F(-5, 4), F(2), F(1), 0]
    assert bt[7] == [0, F(-1), 0, F(21, 4), 0, F(-21, 4), 0, F(1)]
    assert g[1] == [F(-2, 9)] * 3 and g[3] == [F(1, 90), F(1, 45), F(2, 45)]
    assert g[5] == [F(32, 45), F(16, 45), F(8, 45)] and g[7] == [0, 0, 1]
    assert at[5] == [0, 1, -1, 32, -32, F(1, 32), F(-1, 32), 1]


def test_f43_and_f23_match_wincnn():
    at, g, bt = cook_toom(4, 3)
    assert bt[0] == [4, 0, -5, 0, 1, 0]
    assert g[0] == [F(1, 4), 0, 0] and g[1] == [F(-1, 6)] * 3
    at2, g2, bt2 = cook_toom(2, 3)
    assert at2 == [[1, 1, 1, 0], [0, 1, -1, 1]]
    assert bt2 == [[1, 0, -1, 0], [0, 1, 1, 0], [0, -1, 1, 0], [0, -1, 0, 1]]
    assert g2[1] == [F(1, 2)] * 3


@pytest.mark.parametrize("m,r,points", [(2, 3, None), (4, 3, None), (6, 3, None),
                                        (3, 2, ["1/3", -2, 5]), (2, 5, [0, 1, -1, 3, -4])])
def test_construction_is_exact_in_rationals(m, r, points):
    """1-D F(m, r) equals cross-correlation exactly (Fractions, random ints)."""
    at, g, bt = cook_toom(m, r, points)
    rng = np.random.default_rng(m * 10 + r)
    alpha = m + r - 1
    for _ in range(3):
        d = [F(int(v)) for v in rng.integers(-9, 10, alpha)]
        w = [F(int(v)) for v in rng.integers(-9, 10, r)]
        gw = [sum(g[i][k] * w[k] for k in range(r)) for i in range(alpha)]
        bd = [sum(bt[i][j] * d[j] for j in range(alpha)) for i in range(alpha)]
        y = [sum(at[k][i] * gw[i] * bd[i] for i in range(alpha)) for k in range(m)]
        assert y == [sum(d[k + t] * w[t] for t in range(r)) for k in range(m)]


def test_cost_and_imbalance_match_theory():
    for m, mults, red, ratio in [(2, 16, F(9, 4), 4 / 3), (4, 36, F(4), 115.2),
                                 (6, 64, F(81, 16), 1678.7755)]:
        c = winograd_cost(m)
        assert c["mults_per_tile"] == mults and c["reduction"] == red
        assert c["direct_mults"] == c["outputs_per_tile"] * 9
        # the implementation's GEMM really has alpha^2 positions per tile
        assert transform_weights(jnp.ones((3, 3, 2, 5)), winograd_matrices(m)[1]).shape \
            == (mults, 2, 5)
        a, r = range_imbalance(m)
        assert r == pytest.approx(ratio, rel=1e-6)
    a6, _ = range_imbalance(6)
    np.testing.assert_allclose(a6, [7.56, 2.44, 2.44, 0.185, 0.185, 5.90, 5.90, 7.56],
                               rtol=0.01)


_CASES = [((2, 11, 7, 3, 5), "SAME"), ((1, 5, 9, 4, 4), "VALID"),
          ((3, 13, 13, 2, 6), ((2, 0), (1, 3)))]
_EXTRA = [((1, 6, 6, 1, 2), "SAME_LOWER"), ((2, 9, 10, 3, 1), ((0, -1), (1, 1)))]


def _maxrel(y, ref):
    return float(jnp.max(jnp.abs(y - ref)) / jnp.max(jnp.abs(ref)))


@pytest.mark.parametrize("m", [2, 4, 6])
def test_float64_equals_direct_conv(m):
    """Tight tier: max|y - direct| <= 1e-10 max|direct| (odd sizes, every padding)."""
    rng = np.random.default_rng(m)
    with jax.enable_x64(True):
        for (n, h, wd, ci, co), pad in _CASES + (_EXTRA if m == 4 else []):
            x = jnp.asarray(rng.normal(size=(n, h, wd, ci)))
            w = jnp.asarray(rng.normal(size=(3, 3, ci, co)))
            ref = _direct(x, w, pad)
            y = jax.jit(lambda x, w, pad=pad: winograd_conv(
                x, w, (1, 1), pad, dimension_numbers=DN, m=m))(x, w)
            assert y.dtype == jnp.float64 and y.shape == ref.shape
            assert _maxrel(y, ref) <= 1e-10
        # scaled transforms, S_A = (S_B S_G)^-1, stay exact (concrete and traced)
        sc = WinogradScales(jnp.asarray(rng.normal(size=m + 2)),
                            jnp.asarray(rng.normal(size=m + 2)))
        # concrete scales as closure constants (jit avoids eager dispatch, whose
        # numpy->device conversion can disagree with a toggled x64 context)
        yc = jax.jit(lambda x, w: winograd_conv(x, w, (1, 1), pad, dimension_numbers=DN,
                                                m=m, scales=sc))(x, w)
        assert _maxrel(yc, ref) <= 1e-10
        ys = jax.jit(lambda x, w, s: winograd_conv(
            x, w, (1, 1), pad, dimension_numbers=DN, m=m, scales=s))(x, w, sc)
        assert _maxrel(ys, ref) <= 1e-10
        if m == 4:  # other layouts (lax's default NCHW/OIHW) go through transposes
            x = jnp.asarray(rng.normal(size=(2, 3, 7, 8)))
            w = jnp.asarray(rng.normal(size=(4, 3, 3, 3)))
            ref = lax.conv_general_dilated(x, w, (1, 1), "SAME",
                                           precision=lax.Precision.HIGHEST)
            assert _maxrel(winograd_conv(x, w, (1, 1), "SAME", m=m), ref) <= 1e-10


@pytest.mark.parametrize("m,tol", [(2, 1e-6), (4, 1e-5), (6, 3e-5)])
def test_float32_error(m, tol):
    rng = np.random.default_rng(0)
    x = jnp.asarray(rng.normal(size=(2, 14, 14, 16)), jnp.float32)
    w = jnp.asarray(rng.normal(size=(3, 3, 16, 8)), jnp.float32)
    ref = lax.conv_general_dilated(x, w, (1, 1), "SAME", dimension_numbers=DN,
                                   precision=lax.Precision.HIGHEST)
    y = winograd_conv(x, w, (1, 1), "SAME", dimension_numbers=DN, m=m,
                      precision=lax.Precision.HIGHEST)
    assert float(jnp.max(jnp.abs(y - ref)) / jnp.max(jnp.abs(ref))) <= tol


def test_bad_arguments_raise():
    x, w = jnp.ones((1, 8, 8, 2)), jnp.ones((3, 3, 2, 4))
    cases = [
        (dict(window_strides=(2, 2)), "stride 1"),
        (dict(rhs_dilation=(2, 2)), "dilation"),
        (dict(feature_group_count=2), "groups"),
        (dict(padding="FULL"), "padding"),
    ]
    for kw, msg in cases:
        args = {"window_strides": (1, 1), "padding": "SAME", **kw}
        with pytest.raises(ValueError, match=msg):
            winograd_conv(x, w, dimension_numbers=DN, **args)
    with pytest.raises(ValueError, match="square"):
        winograd_conv(x, jnp.ones((3, 1, 2, 4)), (1, 1), "SAME", dimension_numbers=DN)
    with pytest.raises(ValueError, match="channels"):
        winograd_conv(x, jnp.ones((3, 3, 3, 4)), (1, 1), "SAME", dimension_numbers=DN)
    with pytest.raises(ValueError, match="empty output"):
        winograd_conv(jnp.ones((1, 2, 2, 2)), w, (1, 1), "VALID", dimension_numbers=DN)
    with pytest.raises(ValueError, match="standard points"):
        winograd_matrices(5, 3)
    with pytest.raises(ValueError, match="distinct"):
        cook_toom(2, 3, [0, 1, 1])
    with pytest.raises(ValueError, match="needs 3 points"):
        cook_toom(2, 3, [0, 1])
    with pytest.raises(ValueError, match="shape"):
        winograd_conv(x, w, (1, 1), "SAME", dimension_numbers=DN, m=4,
                      scales=WinogradScales.identity(8))
    with pytest.raises(ValueError, match="granularity"):
        WinogradQuant(granularity="row")
    with pytest.raises(ValueError, match="stages"):
        WinogradQuant(stages=("Y",))
    with pytest.raises(ValueError, match="bits"):
        WinogradQuant(bits=12)


def _relu_case(c=32, seed=0):
    rng = np.random.default_rng(seed)
    x = jnp.asarray(np.maximum(rng.normal(size=(2, 14, 14, c)), 0), jnp.float32)
    w = jnp.asarray(rng.normal(size=(3, 3, c, c)) / np.sqrt(9 * c), jnp.float32)
    return x, w, _direct(x, w, "SAME")


@pytest.mark.parametrize("m", [2, 4, 6])
def test_16bit_quantized_path_matches_float(m):
    """Per-position 16-bit: the quantized path is within float-level error."""
    x, w, ref = _relu_case()
    q = WinogradQuant(bits=16, granularity="position")
    yf, yq = jax.jit(lambda x, w: (
        winograd_conv(x, w, (1, 1), "SAME", dimension_numbers=DN, m=m),
        quantized_winograd_conv(x, w, (1, 1), "SAME", dimension_numbers=DN, m=m,
                                quant=q)))(x, w)
    assert float(sqnr_db(yq, yf)) > 55.0  # |error| ~ 1e-3 of the signal at 16 bits
    assert float(sqnr_db(yf, ref)) > 100.0


def test_8bit_sqnr_pattern_and_scale_invariance():
    """Spec §2 single-layer numbers: group-wise M collapses for F(6,3) with standard
    scales, equalized t = 1/a recovers; power-of-two t -> 2t is bit-identical."""
    x, w, ref = _relu_case()
    q = WinogradQuant()
    s_direct = float(sqnr_db(jax.jit(lambda x, w: direct_quant_conv(
        x, w, (1, 1), "SAME", dimension_numbers=DN, quant=q))(x, w), ref))
    res = {}
    for m in (4, 6):
        a, _ = range_imbalance(m)
        eq = WinogradScales(jnp.asarray(np.log(a.mean() / a), jnp.float32),
                            jnp.zeros(m + 2))
        conv = jax.jit(lambda x, w, s, m=m: quantized_winograd_conv(
            x, w, (1, 1), "SAME", dimension_numbers=DN, m=m, quant=q, scales=s))
        std = conv(x, w, WinogradScales.identity(m + 2))
        res[m] = (float(sqnr_db(std, ref)), float(sqnr_db(conv(x, w, eq), ref)))
        twice = WinogradScales(eq.log_b + np.log(2.0), eq.log_c)
        np.testing.assert_array_equal(np.asarray(conv(x, w, twice)),
                                      np.asarray(conv(x, w, eq)))
    assert s_direct > 38.0
    assert res[6][0] < 0.0 and res[4][0] < 5.0  # collapse with standard scales
    assert res[6][1] > 12.0 and res[4][1] > 18.0  # equalized scales recover


def test_group_quantizer_clips_and_pads_groups():
    x = jnp.asarray(np.random.default_rng(0).normal(size=(36, 5, 3)), jnp.float32)
    # 36 positions with g=32: groups [0:32] and [32:36]; g=64 clips to one group
    y = absmax_fake_quant(x, (1, 2), 0, 32, 8)
    s = jnp.max(jnp.abs(x[32:]), axis=0) / 127
    np.testing.assert_allclose(y[32:], jnp.round(x[32:] / s) * s, rtol=1e-6)
    y64 = absmax_fake_quant(x, (1, 2), 0, 64, 8)
    s64 = jnp.max(jnp.abs(x), axis=0) / 127
    np.testing.assert_allclose(y64, jnp.round(x / s64) * s64, rtol=1e-6)
    for bad in (0, -4, True, 2.0):
        with pytest.raises(ValueError, match="group_size must be a positive int"):
            absmax_fake_quant(x, (1, 2), 0, bad, 8)


def test_gradient_flows_to_scales_and_jit_compiles_once():
    x, w, ref = _relu_case(c=8)
    x = x[:1, :8, :8]
    ref = _direct(x, w, "SAME")
    q = WinogradQuant()

    @jax.jit
    @chex.assert_max_traces(n=1)
    def loss(s):
        y = quantized_winograd_conv(x, w, (1, 1), "SAME", dimension_numbers=DN, m=4,
                                    quant=q, scales=s)
        return -sqnr_db(y, ref)

    g = jax.grad(loss)(WinogradScales.identity(6))
    assert np.all(np.isfinite(g.log_b)) and float(jnp.abs(g.log_b).sum()) > 0
    loss(WinogradScales(jnp.ones(6), jnp.zeros(6)))  # same shapes: no retrace


def test_dispatch_routes_only_eligible_convs():
    conv = winograd_or_direct(4)
    x = jnp.asarray(np.random.default_rng(0).normal(size=(1, 9, 9, 3)), jnp.float32)
    for shape, stride in [((3, 3, 3, 4), (1, 1)), ((3, 3, 3, 4), (2, 2)),
                          ((1, 1, 3, 4), (1, 1))]:
        w = jnp.asarray(np.random.default_rng(1).normal(size=shape), jnp.float32)
        y = conv(x, w, stride, "SAME", dimension_numbers=DN)
        ref = lax.conv_general_dilated(x, w, stride, "SAME", dimension_numbers=DN,
                                       precision=lax.Precision.HIGHEST)
        np.testing.assert_allclose(y, ref, atol=1e-4)


def _stacked_tiles_reference(x, w, pads, mats, m, bend):
    """The former formulation: stacked ``alpha x alpha`` tiles + ``_left2`` einsums;
    ``bend`` is applied to ``V`` and ``M`` like the ``"V"``/``"M"`` hooks."""
    from jaxeff.ops.winograd import _left2

    at, g, bt = (jnp.asarray(t, x.dtype) for t in mats)
    alpha, n, h, wd = m + 2, *x.shape[:3]
    (ph0, ph1), (pw0, pw1) = pads
    ho, wo = h + ph0 + ph1 - 2, wd + pw0 + pw1 - 2
    th, tw = -(-ho // m), -(-wo // m)
    xp = lax.pad(x, jnp.zeros((), x.dtype), ((0, 0, 0), (ph0, th * m + 2 - h - ph0, 0),
                                              (pw0, tw * m + 2 - wd - pw0, 0), (0, 0, 0)))
    t = jnp.stack([xp[:, i : i + m * (th - 1) + 1 : m] for i in range(alpha)])
    t = jnp.stack([t[:, :, :, j : j + m * (tw - 1) + 1 : m] for j in range(alpha)], 1)
    v = bend(_left2(bt, t.reshape(alpha, alpha, -1)).reshape(alpha**2, n * th * tw, -1))
    mm = bend(lax.dot_general(v, transform_weights(w, g), (((2,), (1,)), ((0,), (0,))),
                              precision=lax.Precision.HIGHEST))
    y = _left2(at, mm.reshape(alpha, alpha, -1)).reshape(m, m, n, th, tw, -1)
    return y.transpose(2, 3, 0, 4, 1, 5).reshape(n, th * m, tw * m, -1)[:, :ho, :wo]


# m = 2 runs by default; 4 and 6 pin the same identity on larger tiles (~30 s each on
# 2 CPU cores, slow tier: CI budget).
@pytest.mark.parametrize("m", [2, pytest.param(4, marks=pytest.mark.slow),
                               pytest.param(6, marks=pytest.mark.slow)])
def test_separable_transforms_match_stacked_tiles(m):
    """float64: the separable slice transforms equal the stacked-tile ``_left2``
    formulation (paddings incl. negative), and so do gradients w.r.t. traced
    learnable scales. A position-dependent nonlinear hook on ``V`` and ``M`` (which
    breaks the scale invariance, so the gradients are not rounding noise) checks
    that the hooks see the same ``[alpha^2, T, C]`` tensors, element by element."""
    rng = np.random.default_rng(10 + m)
    seen = {}

    def bend(t):
        return t * (1 + 0.1 * jnp.arange((m + 2) ** 2.0)[:, None, None]) + 0.05 * t**2

    def grab(name):
        def keep(t):
            seen[name] = t.shape
            return bend(t)
        return keep

    # every padding case at F(4,3); F(2,3) / F(6,3) on one string and one negative
    # explicit padding (each case costs four float64 compiles)
    cases = _CASES + _EXTRA if m == 4 else [_CASES[0], _EXTRA[1]]
    with jax.enable_x64(True):
        for (n, h, wd, ci, co), pad in cases:
            x = jnp.asarray(rng.normal(size=(n, h, wd, ci)))
            w = jnp.asarray(rng.normal(size=(3, 3, ci, co)))
            pads = [tuple(p) for p in pad] if not isinstance(pad, str) else list(
                lax.padtype_to_pads((h, wd), (3, 3), (1, 1), pad))

            def conv(x, w, s, pad=pad):
                return winograd_conv(x, w, (1, 1), pad, dimension_numbers=DN, m=m,
                                     scales=s, hooks={k: grab(k) for k in "VM"})

            def ref(x, w, s, pads=pads):
                mats = s.apply(*winograd_matrices(m))
                return _stacked_tiles_reference(x, w, pads, mats, m, bend)

            sc = WinogradScales(jnp.asarray(rng.normal(size=m + 2) * 0.3),
                                jnp.asarray(rng.normal(size=m + 2) * 0.3))
            y, yr = jax.jit(conv)(x, w, sc), jax.jit(ref)(x, w, sc)
            assert y.shape == yr.shape and _maxrel(y, yr) <= 1e-10
            th, tw = -(-y.shape[1] // m), -(-y.shape[2] // m)
            assert seen["V"] == ((m + 2) ** 2, n * th * tw, ci)
            assert seen["M"] == ((m + 2) ** 2, n * th * tw, co)
            probe = jnp.asarray(rng.normal(size=y.shape))
            g, gr = (jax.jit(jax.grad(lambda s, f=f, x=x, w=w, p=probe: jnp.sum(
                f(x, w, s) * p)))(sc) for f in (conv, ref))
            for a, b in ((g.log_b, gr.log_b), (g.log_c, gr.log_c)):
                assert float(jnp.max(jnp.abs(b))) > 1e-3  # a real gradient
                assert _maxrel(a, b) <= 1e-10
