"""Facts about jaxeff.ops.quant (tiers: exact, golden, analytic, STE values)."""

import chex
import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.ops.calibrate import observe_minmax
from jaxeff.ops.quant import (
    QuantSpec,
    dequantize,
    expand_params,
    fake_quant,
    int_matmul,
    quantize,
    round_ste,
)

BITS = (2, 3, 4, 8, 16)


def _gauss(shape, seed=0):
    return jnp.asarray(np.random.default_rng(seed).standard_normal(shape), jnp.float32)


def _pow2_scales(shape, seed=1):
    k = np.random.default_rng(seed).integers(2, 7, size=shape)
    return jnp.asarray(2.0 ** (-k), jnp.float32)


def _int_zp(shape, spec, seed=2):
    z = np.random.default_rng(seed).integers(spec.qmin, spec.qmax + 1, size=shape)
    return jnp.asarray(z, jnp.float32)


# ---------------------------------------------------------------- spec & shapes


@pytest.mark.parametrize("bits", BITS)
def test_grid_bounds(bits):
    u, s = QuantSpec(bits=bits), QuantSpec(bits=bits, signed=True)
    assert (u.qmin, u.qmax) == (0, 2**bits - 1)
    assert (s.qmin, s.qmax) == (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1)


def test_param_shapes():
    shape = (64, 3, 16)
    assert QuantSpec().param_shape(shape) == ()
    assert QuantSpec(granularity="channel").param_shape(shape) == (1, 1, 16)
    assert QuantSpec(granularity="channel", axis=1).param_shape(shape) == (1, 3, 1)
    g = QuantSpec(granularity="group", axis=0, group_size=32)
    assert g.param_shape(shape) == (2, 1, 1)
    gc = QuantSpec(granularity="group", axis=0, group_size=16, channel_axis=-1)
    assert gc.param_shape(shape) == (4, 1, 16)
    assert gc.block_shape(shape) == (4, 16, 3, 16)
    assert gc.reduce_axes(shape) == (1, 2)
    e = expand_params(jnp.arange(64.0).reshape(4, 1, 16), gc, shape)
    assert e.shape == (64, 1, 16)
    np.testing.assert_array_equal(e[:16, 0, 5], np.full(16, 5.0))
    np.testing.assert_array_equal(e[16:32, 0, 5], np.full(16, 21.0))


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(bits=9), "bits=9"),
        (dict(bits=1), "bits=1"),
        (dict(bits=32), "bits=32"),
        (dict(granularity="row"), "'row'"),
        (dict(granularity="group"), "group_size"),
        (dict(granularity="group", group_size=0), "group_size"),
        (dict(granularity="channel", group_size=8), "group_size=8"),
    ],
)
def test_bad_spec(kwargs, match):
    with pytest.raises(ValueError, match=match):
        QuantSpec(**kwargs)


def test_bad_arguments():
    x = jnp.ones((64, 16))
    spec = QuantSpec(granularity="group", axis=0, group_size=24)
    with pytest.raises(ValueError, match=r"group_size=24.*64.*\(64, 16\)"):
        fake_quant(x, jnp.ones(()), jnp.zeros(()), spec)
    with pytest.raises(TypeError, match="int32"):
        fake_quant(jnp.ones((4, 4), jnp.int32), 1.0, 0.0, QuantSpec())
    chan = QuantSpec(granularity="channel")
    with pytest.raises(ValueError, match=r"\(8,\).*\(1, 16\)"):
        fake_quant(x, jnp.ones((8,)), 0.0, chan)
    with pytest.raises(ValueError, match=r"\(64, 16\).*\(\)"):
        quantize(x, jnp.ones((64, 16)), 0.0, QuantSpec())
    with pytest.raises(ValueError, match="axis=2"):
        fake_quant(x, 1.0, 0.0, QuantSpec(granularity="channel", axis=2))
    with pytest.raises(TypeError, match="float32"):
        int_matmul(x, jnp.ones((16, 2), jnp.int32))


def test_broadcast_compatible_params_accepted():
    x = _gauss((32, 16))
    chan = QuantSpec(granularity="channel")
    s = _pow2_scales((16,))
    a = fake_quant(x, s, 3.0, chan)
    b = fake_quant(x, s.reshape(1, 16), jnp.full((1, 16), 3.0), chan)
    np.testing.assert_array_equal(a, b)
    t = fake_quant(x, jnp.full((1, 1), 0.25), 0.0, QuantSpec())
    np.testing.assert_array_equal(t, fake_quant(x, 0.25, 0.0, QuantSpec()))


# ---------------------------------------------------------------- exact tier


@pytest.mark.parametrize("bits", BITS)
@pytest.mark.parametrize("signed", [False, True])
@pytest.mark.parametrize("scale", [0.1, 2.0**-3])
def test_grid_round_trip(bits, signed, scale):
    spec = QuantSpec(bits=bits, signed=signed)
    q = jnp.arange(spec.qmin, spec.qmax + 1, dtype=jnp.int32)
    z = float(spec.qmin + (spec.qmax - spec.qmin) // 3)
    x = dequantize(q, scale, z, spec)
    np.testing.assert_array_equal(quantize(x, scale, z, spec), q)
    np.testing.assert_array_equal(fake_quant(x, scale, z, spec), x)


def _pow2_case(spec, shape):
    x = _gauss(shape) * 0.5
    ps = spec.param_shape(shape)
    return x, _pow2_scales(ps), _int_zp(ps, spec)


SPECS = [
    QuantSpec(bits=4),
    QuantSpec(bits=3, signed=True, granularity="channel", axis=-1),
    QuantSpec(bits=8, granularity="channel", axis=0),
    QuantSpec(bits=4, granularity="group", axis=0, group_size=32),
    QuantSpec(bits=2, granularity="group", axis=0, group_size=32, channel_axis=-1),
    QuantSpec(bits=16, signed=True, granularity="group", axis=-1, group_size=8),
]


@pytest.mark.parametrize("spec", SPECS, ids=str)
def test_integer_path_equals_fake_quant_pow2(spec):
    x, s, z = _pow2_case(spec, (64, 24))
    q = quantize(x, s, z, spec)
    assert q.dtype == jnp.int32
    assert int(q.min()) >= spec.qmin and int(q.max()) <= spec.qmax
    fq = fake_quant(x, s, z, spec)
    np.testing.assert_array_equal(dequantize(q, s, z, spec), fq)
    np.testing.assert_array_equal(
        jax.jit(fake_quant, static_argnums=3)(x, s, z, spec), fq
    )


def test_int_matmul_equals_fake_quant_matmul_pow2():
    sa_spec = QuantSpec(bits=4, signed=True, symmetric=True)
    sb_spec = QuantSpec(bits=4, granularity="channel", axis=-1)
    a, b = _gauss((8, 64), 3), _gauss((64, 16), 4) * 0.3
    sa, za = jnp.float32(2.0**-2), jnp.float32(0.0)
    sb, zb = _pow2_scales((1, 16)), _int_zp((1, 16), sb_spec)
    qa, qb = quantize(a, sa, za, sa_spec), quantize(b, sb, zb, sb_spec)
    acc = int_matmul(qa, qb - zb.astype(jnp.int32))
    assert acc.dtype == jnp.int32
    np.testing.assert_array_equal(
        acc, np.asarray(qa, np.int64) @ (np.asarray(qb, np.int64) - np.asarray(zb))
    )
    fa, fb = fake_quant(a, sa, za, sa_spec), fake_quant(b, sb, zb, sb_spec)
    ref = jnp.matmul(fa, fb, precision=jax.lax.Precision.HIGHEST)
    np.testing.assert_array_equal(acc.astype(jnp.float32) * (sa * sb), ref)
    small = int_matmul(qa.astype(jnp.int8), qb.astype(jnp.uint8))
    np.testing.assert_array_equal(small, int_matmul(qa, qb))


# ---------------------------------------------------------------- golden tier

# Relative error ||fq(w) - w|| / ||w|| of unsigned asymmetric min-max fake-quant of
# w = default_rng(0).standard_normal((256, 128)) float32; channel = axis -1, groups
# along axis 0 (fan-in) and per channel.
NAMES = ("tensor", "channel", "group64", "group32")
# fmt: off
GOLDEN = {  # bits: relative error for NAMES
    2: (0.77192, 0.552613, 0.459854, 0.409486),
    3: (0.349189, 0.237155, 0.19615, 0.174894),
    4: (0.162731, 0.11064, 0.0912056, 0.0811476),
    8: (0.00960417, 0.00649085, 0.00538376, 0.00478472),
    16: (3.71981e-05, 2.53241e-05, 2.10142e-05, 1.85563e-05),
}
# fmt: on


def _golden_specs(bits):
    g = dict(granularity="group", axis=0, channel_axis=-1)
    return {
        "tensor": QuantSpec(bits=bits),
        "channel": QuantSpec(bits=bits, granularity="channel", axis=-1),
        "group64": QuantSpec(bits=bits, group_size=64, **g),
        "group32": QuantSpec(bits=bits, group_size=32, **g),
    }


@pytest.fixture(scope="module")
def golden_errors():
    w = _gauss((256, 128), 0)
    out = {}
    for bits in BITS:
        out[bits] = {}
        for name, spec in _golden_specs(bits).items():
            qp = observe_minmax(w, spec)
            err = fake_quant(w, qp.scale, qp.zero_point, spec) - w
            out[bits][name] = float(jnp.linalg.norm(err) / jnp.linalg.norm(w))
    return out


def test_golden_relative_errors(golden_errors):
    for bits in BITS:
        for name, ref in zip(NAMES, GOLDEN[bits], strict=True):
            assert golden_errors[bits][name] == pytest.approx(ref, rel=1e-3), (
                bits,
                name,
            )


def test_error_orderings(golden_errors):
    names = NAMES[::-1]
    for bits in BITS:
        errs = [golden_errors[bits][n] for n in names]
        assert errs == sorted(errs), (bits, errs)  # group32 <= ... <= tensor
    for name in names:
        errs = [golden_errors[b][name] for b in BITS]
        assert errs == sorted(errs, reverse=True), (name, errs)


@pytest.mark.parametrize("bits", [4, 6, 8])
def test_uniform_mse_is_step_squared_over_12(bits):
    x = jax.random.uniform(jax.random.key(0), (1 << 16,), minval=-1.0, maxval=1.0)
    spec = QuantSpec(bits=bits)
    qp = observe_minmax(x, spec)
    mse = float(jnp.mean((fake_quant(x, qp.scale, qp.zero_point, spec) - x) ** 2))
    assert mse == pytest.approx(float(qp.scale) ** 2 / 12, rel=0.05)


# ---------------------------------------------------------------- gradients

_X = jnp.array([-1.0, -0.3, 0.2, 0.6, 0.9, 1.0, 2.0])
_S, _Z = jnp.float32(0.5), jnp.float32(1.0)
_SPEC2 = QuantSpec(bits=2)  # grid 0..3; with z=1 the range is [-0.5, 1.0]


def test_ste_mask_and_zero_grads():
    def f(x, s, z):
        return jnp.sum(fake_quant(x, s, z, _SPEC2) * jnp.arange(1.0, 8.0))

    dx, ds, dz = jax.grad(f, argnums=(0, 1, 2))(_X, _S, _Z)
    np.testing.assert_array_equal(dx, [0.0, 2.0, 3.0, 4.0, 5.0, 6.0, 0.0])
    assert float(ds) == 0.0 and float(dz) == 0.0


def test_lsq_scale_gradient_hand_computed():
    # elementwise d x_hat / d s: clipped low qmin-z=-1; round(x/s)-x/s = -0.4, -0.4,
    # -0.2, 0.2, 0.0 inside; clipped high qmax-z=2.
    def f(s, c):
        return jnp.sum(fake_quant(_X, s, _Z, _SPEC2, lsq=True) * c)

    assert float(jax.grad(f)(_S, jnp.ones(7))) == pytest.approx(0.2, abs=1e-6)
    c = jnp.arange(1.0, 8.0)
    assert float(jax.grad(f)(_S, c)) == pytest.approx(11.2, abs=1e-5)
    dz = jax.grad(lambda z: jnp.sum(fake_quant(_X, _S, z, _SPEC2, lsq=True)))(_Z)
    assert float(dz) == 0.0


@pytest.mark.parametrize("spec", SPECS[1:5], ids=str)
def test_lsq_gradient_sums_to_param_shape(spec):
    x, s, z = _pow2_case(spec, (64, 24))
    g = jax.grad(lambda s: jnp.sum(fake_quant(x, s, z, spec, lsq=True) ** 2))(s)
    assert g.shape == s.shape
    se, ze = (np.asarray(expand_params(p, spec, x.shape)) for p in (s, z))
    xn = np.asarray(x, np.float64)
    r = xn / se
    v = np.round(r) + ze
    el = np.where(
        v < spec.qmin,
        spec.qmin - ze,
        np.where(v > spec.qmax, spec.qmax - ze, np.round(r) - r),
    )
    up = 2 * np.asarray(fake_quant(x, s, z, spec), np.float64)
    full = np.broadcast_to(up * el, x.shape)
    blocks = full.reshape(spec.block_shape(x.shape))
    ref = blocks.sum(axis=spec.reduce_axes(x.shape), keepdims=True).reshape(s.shape)
    np.testing.assert_allclose(g, ref, rtol=1e-4, atol=1e-4)


def test_round_ste():
    x = jnp.array([0.5, 1.5, 2.5, -0.5, -1.7])
    np.testing.assert_array_equal(round_ste(x), [0.0, 2.0, 2.0, -0.0, -2.0])
    np.testing.assert_array_equal(jax.grad(lambda v: jnp.sum(round_ste(v) * 3))(x), 3.0)


# ---------------------------------------------------------------- transforms


def test_vmap_over_population_of_scales():
    spec = QuantSpec(bits=4, granularity="channel", axis=-1)
    w = _gauss((32, 16))
    qp = observe_minmax(w, spec)
    scales = qp.scale[None] * (1.0 + 0.01 * jnp.arange(5.0))[:, None, None]
    out = jax.vmap(lambda s: fake_quant(w, s, qp.zero_point, spec))(scales)
    loop = jnp.stack([fake_quant(w, s, qp.zero_point, spec) for s in scales])
    np.testing.assert_array_equal(out, loop)

    def loss(s):
        return jnp.sum(fake_quant(w, s, qp.zero_point, spec, lsq=True) ** 2)

    gv = jax.vmap(jax.grad(loss))(scales)
    gl = jnp.stack([jax.grad(loss)(s) for s in scales])
    np.testing.assert_allclose(gv, gl, rtol=1e-6)


def test_low_precision_input_keeps_dtype():
    x = _gauss((8, 8)).astype(jnp.bfloat16)
    y = fake_quant(x, 2.0**-4, 128.0, QuantSpec())
    assert y.dtype == jnp.bfloat16


def test_fake_quant_compiles_once():
    spec = QuantSpec(bits=4, granularity="group", axis=0, group_size=8)
    chex.clear_trace_counter()

    @jax.jit
    @chex.assert_max_traces(n=1)
    def f(x, s, z):
        return fake_quant(x, s, z, spec)

    x = _gauss((32, 4))
    s, z = jnp.full((4, 1), 0.125), jnp.full((4, 1), 7.0)
    f(x, s, z).block_until_ready()
    f(x * 2, s * 2, z + 1).block_until_ready()
