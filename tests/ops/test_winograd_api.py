"""Winograd conv entry points as a user sees them: one layout rule, one eligibility
rule and router, exact default precision, dtype errors, Flax ``nn.Conv`` drop-ins,
per-layer calibration and SQNR, the M-scale layouts and the closed-form scales."""

import functools

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax import lax

from jaxeff.nets.winograd import conv_layers
from jaxeff.ops.losses import sqnr_db
from jaxeff.ops.winograd import (
    WinogradScales,
    check_eligible,
    transform_weights,
    winograd_conv,
    winograd_matrices,
)
from jaxeff.ops.winograd_calib import (
    TAPWISE,
    ConvLayer,
    cross_map,
    direct_layer_sqnr,
    layer_sqnr,
    m_position_std,
    per_layer_sqnr,
    tapwise_absmax,
)
from jaxeff.ops.winograd_quant import WinogradQuant, quantized_winograd_conv
from jaxeff.ops.winograd_route import direct_quant_conv, winograd_or_direct
from jaxeff.search.winograd_scales import equalized_scales

DN = ("NHWC", "HWIO", "NHWC")
Q16 = WinogradQuant(bits=16, granularity="position")
Q8 = WinogradQuant()


def _rng_arrays(seed, *shapes):
    rng = np.random.default_rng(seed)
    return [jnp.asarray(rng.normal(size=s), jnp.float32) for s in shapes]


def test_every_entry_point_defaults_to_lax_layout():
    """Called with lax's defaults (NCHW/OIHW/NCHW), every entry point computes the
    same convolution as ``lax.conv_general_dilated`` with its defaults."""
    x, w = _rng_arrays(0, (2, 5, 9, 10), (4, 5, 3, 3))  # NCHW, OIHW
    ref = lax.conv_general_dilated(x, w, (1, 1), "SAME",
                                   precision=lax.Precision.HIGHEST)
    fns = {
        "winograd_conv": winograd_conv,
        "quantized_winograd_conv": functools.partial(quantized_winograd_conv, quant=Q16),
        "direct_quant_conv": functools.partial(direct_quant_conv, quant=Q16),
        "winograd_or_direct": winograd_or_direct(4),
        "winograd_or_direct quantized": winograd_or_direct(4, quant=Q16),
    }
    for name, f in fns.items():
        y = jax.jit(lambda x, w, f=f: f(x, w, (1, 1), "SAME"))(x, w)
        assert y.shape == ref.shape == (2, 4, 9, 10), name
        floor = 100.0 if "quant" not in name else 55.0
        assert float(sqnr_db(y, ref)) > floor, name
        # the same call in NHWC/HWIO, given as a ConvDimensionNumbers as Flax does
        dn = lax.conv_dimension_numbers((2, 9, 10, 5), (3, 3, 5, 4), DN)
        y2 = jax.jit(lambda x, w, f=f: f(x, w, (1, 1), "SAME", dimension_numbers=dn))(
            x.transpose(0, 2, 3, 1), w.transpose(2, 3, 1, 0))
        if "quant" in name:
            # two compiled programs of a quantizer may round one value to the other
            # side (one 16-bit step of M moves 5 outputs by 1.5e-3 on an AMD EPYC
            # host): compare as signals; a layout bug gives ~0 dB
            assert float(sqnr_db(y2.transpose(0, 3, 1, 2), y)) > 70.0, name
        else:
            np.testing.assert_allclose(y2.transpose(0, 3, 1, 2), y, rtol=1e-4, atol=1e-4)


def _dot_precisions(jaxpr) -> list:
    out = []
    for eqn in jaxpr.eqns:
        if eqn.primitive.name in ("dot_general", "conv_general_dilated"):
            out.append(eqn.params["precision"])
        for p in eqn.params.values():
            if hasattr(p, "jaxpr") and hasattr(p.jaxpr, "eqns"):
                out += _dot_precisions(p.jaxpr)
    return out


def _is_highest(p) -> bool:
    hi = lax.Precision.HIGHEST
    return p == hi or (isinstance(p, tuple) and all(v == hi for v in p))


@pytest.mark.parametrize("quant", [None, Q8])
def test_matmuls_run_at_highest_precision_by_default(quant):
    """The library, not the test suite, asks for exact float32: every matmul of the
    Winograd path carries precision HIGHEST even under a reduced global default
    (TF32 / bf16 on accelerators); an explicit ``precision`` is honoured."""
    x, w = _rng_arrays(1, (1, 8, 8, 3), (3, 3, 3, 4))
    conv = winograd_or_direct(4, quant=quant)
    with jax.default_matmul_precision("bfloat16"):
        jaxpr = jax.make_jaxpr(lambda x, w: conv(x, w, (1, 1), "SAME",
                                                 dimension_numbers=DN))(x, w)
    precs = _dot_precisions(jaxpr.jaxpr)
    assert len(precs) >= 3  # two for U = G w G^T, the Winograd-domain GEMM
    assert all(_is_highest(p) for p in precs), precs
    jaxpr = jax.make_jaxpr(lambda x, w: winograd_conv(
        x, w, (1, 1), "SAME", dimension_numbers=DN,
        precision=lax.Precision.DEFAULT))(x, w)
    assert not all(_is_highest(p) for p in _dot_precisions(jaxpr.jaxpr))


@pytest.mark.parametrize("dtype", [jnp.int32, jnp.int8, jnp.uint8, jnp.bool_])
def test_integer_inputs_raise_naming_the_argument(dtype):
    x, w = jnp.ones((1, 6, 6, 2)), jnp.ones((3, 3, 2, 2))
    for name, args in (("lhs", (x.astype(dtype), w)), ("rhs", (x, w.astype(dtype)))):
        for f in (winograd_conv, functools.partial(quantized_winograd_conv, quant=Q8)):
            with pytest.raises(TypeError, match=f"{name}.dtype"):
                f(*args, (1, 1), "SAME", dimension_numbers=DN)


def test_check_eligible_is_the_one_rule():
    assert check_eligible((3, 3)) is None
    assert check_eligible((3, 3), 1, 1, (1, 1), m=6) is None
    cases = [(((1, 1),), "1x1"), (((3, 3), (2, 2)), "stride"),
             (((3, 3), (1, 1), None, (2, 2)), "rhs_dilation"),
             (((3, 3), (1, 1), (2, 2)), "lhs_dilation"),
             (((3, 3), (1, 1), None, None, 2), "feature_group_count"),
             (((3, 3), (1, 1), None, None, 1, 2), "batch_group_count"),
             (((3, 1),), "square"), (((5, 5),), "points")]
    for args, msg in cases:
        why = check_eligible(*args)
        assert why is not None and msg in why, (args, why)
    assert check_eligible((5, 5), m=2, points=[0, 1, -1, 2, -2, 3]) is None


def _sqnr_vs_flax(mod_kw, conv_fn, x):
    mod_kw = {**mod_kw, "precision": lax.Precision.HIGHEST}  # exact on every backend
    plain = nn.Conv(**mod_kw)
    params = plain.init(jax.random.key(0), x)
    ref = plain.apply(params, x)
    y = jax.jit(nn.Conv(**mod_kw, conv_general_dilated=conv_fn).apply)(params, x)
    assert y.shape == ref.shape
    return float(sqnr_db(y, ref))


_LAYERS = {  # nn.Conv settings -> eligible for Winograd?
    "3x3": ({"features": 8, "kernel_size": (3, 3)}, True),
    "3x3 VALID": ({"features": 8, "kernel_size": (3, 3), "padding": "VALID"}, True),
    "1x1": ({"features": 8, "kernel_size": (1, 1)}, False),
    "stride 2": ({"features": 8, "kernel_size": (3, 3), "strides": 2}, False),
    "dilated": ({"features": 8, "kernel_size": (3, 3), "kernel_dilation": 2}, False),
    "grouped": ({"features": 8, "kernel_size": (3, 3), "feature_group_count": 2}, False),
    "input dilation": ({"features": 8, "kernel_size": (3, 3), "input_dilation": 2,
                            "padding": ((1, 1), (1, 1))}, False),
}


def test_direct_quant_conv_drops_into_flax_conv():
    """``nn.Conv(conv_general_dilated=partial(direct_quant_conv, quant=q))`` accepts
    Flax's ConvDimensionNumbers, any layout and rank: 16-bit matches plain nn.Conv,
    8-bit group-wise is close but really quantized."""
    x = jnp.maximum(_rng_arrays(2, (2, 10, 10, 8))[0], 0)
    for name, (kw, _) in _LAYERS.items():
        s16 = _sqnr_vs_flax(kw, functools.partial(direct_quant_conv, quant=Q16), x)
        s8 = _sqnr_vs_flax(kw, functools.partial(direct_quant_conv, quant=Q8), x)
        assert s16 > 70.0 and 30.0 < s8 < 60.0, (name, s16, s8)
    x1 = _rng_arrays(3, (2, 12, 8))[0]  # a 1-D conv (NWC / WIO)
    s = _sqnr_vs_flax({"features": 4, "kernel_size": (3,)},
                      functools.partial(direct_quant_conv, quant=Q8), x1)
    assert 30.0 < s < 60.0


def test_router_in_flax_conv_sends_only_eligible_convs_to_winograd():
    """With 8-bit standard F(6,3) (which collapses, spec §2) the route is visible in
    the SQNR: eligible layers collapse, ineligible ones (1x1, strided, dilated,
    grouped) run direct W8A8; in float every layer equals plain nn.Conv."""
    x = jnp.maximum(_rng_arrays(4, (2, 12, 12, 8))[0], 0)
    for name, (kw, eligible) in _LAYERS.items():
        assert _sqnr_vs_flax(kw, winograd_or_direct(6), x) > 90.0, name
        s = _sqnr_vs_flax(kw, winograd_or_direct(6, quant=Q8), x)
        assert (s < 8.0) if eligible else (s > 30.0), (name, s)


def test_pixel_wise_m_scales_avoid_the_collapse():
    """Spec must-hold 5 / issue: the collapse comes from M groups that span the
    alpha^2 positions; per-position ("pixel") or per-position C_out groups remove it
    with standard transforms, no learning."""
    rng = np.random.default_rng(0)
    x = jnp.asarray(np.maximum(rng.normal(size=(2, 14, 14, 32)), 0), jnp.float32)
    w = jnp.asarray(rng.normal(size=(3, 3, 32, 32)) / np.sqrt(288), jnp.float32)
    sq = jax.jit(layer_sqnr, static_argnames=("m", "quant"))
    for m, bad, good in ((6, 0.0, 12.0), (4, 5.0, 18.0)):
        got = {g: float(sq(x, w, m=m, quant=WinogradQuant(m_groups=g)))
               for g in ("position", "pixel", "channel")}
        assert got["position"] < bad and got["pixel"] > good and got["channel"] > good


def test_equalized_scales_on_kernels_flatten_the_cross():
    """The closed form equalizes the predicted std of M over positions: on Gaussian
    input the measured max/min std ratio of F(6,3) falls from > 1000x to < 3x; for
    i.i.d. Gaussian kernels it reduces to the spec's t = 1/a."""
    rng = np.random.default_rng(5)
    ks = {f"l{i}": jnp.asarray(rng.normal(size=(3, 3, 16, 16)) *
                               rng.uniform(0.2, 2, size=(1, 1, 1, 16)), jnp.float32)
          for i in range(2)}
    ks["l0"] = ks["l0"].at[1, 1].mul(4.0)  # a centre-heavy kernel: not i.i.d.
    x = jnp.asarray(rng.normal(size=(2, 26, 26, 16)), jnp.float32)
    eq = equalized_scales(6, kernels=ks)
    ratio = {}
    for name, s in (("standard", None), ("equalized", eq)):
        sd = np.mean([np.log(m_position_std(x, w, 6, s)) for w in ks.values()], 0)
        ratio[name] = float(np.exp(sd.max() - sd.min()))
    assert ratio["standard"] > 1000 and ratio["equalized"] < 3.0, ratio
    iid = {"a": jnp.asarray(rng.normal(size=(3, 3, 64, 64)), jnp.float32)}
    np.testing.assert_allclose(np.exp(equalized_scales(6, kernels=iid).log_b),
                               np.exp(equalized_scales(6).log_b), rtol=0.05)


def test_calibration_and_per_layer_sqnr_direct_vs_winograd():
    rng = np.random.default_rng(6)
    layers = [ConvLayer(f"l{i}", jnp.asarray(np.maximum(rng.normal(
        size=(2, 12, 12, 16)), 0), jnp.float32), jnp.asarray(rng.normal(
            size=(3, 3, 16, 16)) / 12.0, jnp.float32)) for i in range(2)]
    direct = per_layer_sqnr(layers, m=None, quant=Q8)
    std = per_layer_sqnr(layers, m=6, quant=Q8)
    assert list(direct) == ["l0", "l1"]
    li = layers[0]
    # the one-layer functions, jitted (eager op-by-op dispatch took ~10 s on 2 cores)
    one_direct = jax.jit(direct_layer_sqnr, static_argnames=("quant",))
    one_std = jax.jit(layer_sqnr, static_argnames=("m", "quant"))
    assert direct["l0"] == pytest.approx(
        float(one_direct(li.input, li.kernel, Q8)), abs=1e-3)
    assert std["l0"] == pytest.approx(float(one_std(li.input, li.kernel, 6, Q8)),
                                      abs=1e-3)
    assert min(direct.values()) > 35.0 and max(std.values()) < 5.0
    am = tapwise_absmax(layers, 6)
    assert {k: v.shape for k, v in am["l0"].items()} == {"x": (1,), "V": (64,),
                                                         "M": (64,)}
    tap = per_layer_sqnr(layers, m=6, quant=TAPWISE, absmax=am)
    # the static ranges are used: doubling them costs about 6 dB of SQNR
    am2 = {p: {k: 2 * v for k, v in d.items()} for p, d in am.items()}
    tap2 = per_layer_sqnr(layers, m=6, quant=TAPWISE, absmax=am2)
    assert 3.0 < tap["l0"] - tap2["l0"] < 9.0
    assert float(10 ** -cross_map(layers, 6).min()) > 300
    eq = equalized_scales(6)
    assert float(10 ** -cross_map(layers, 6, eq).min()) < 10


def test_conv_layers_gives_each_conv_its_kernel():
    class Net(nn.Module):
        @nn.compact
        def __call__(self, x):
            x = nn.Conv(4, (3, 3), name="a")(x)
            return nn.Conv(2, (1, 1), strides=2, name="b")(x)

    x = _rng_arrays(7, (1, 8, 8, 3))[0]
    v = Net().init(jax.random.key(0), x)
    got = conv_layers(Net(), v, x)
    assert [(c.path, c.eligible) for c in got] == [("a", True), ("b", False)]
    np.testing.assert_array_equal(got[0].kernel, v["params"]["a"]["kernel"])
    # and U = G w G^T of that kernel has alpha^2 positions
    assert transform_weights(got[0].kernel, winograd_matrices(4)[1]).shape == (36, 3, 4)
    assert isinstance(WinogradScales.identity(6), WinogradScales)
