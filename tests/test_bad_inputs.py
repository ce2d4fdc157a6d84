"""Bad input at the public entry points gives a clear error naming the argument.

Issue 14 item 9 ("must show"): property-based (hypothesis) inputs that break one
rule at a time -- scale <= 0 or not finite, bad zero-points, bit-widths outside
2..8 / 16, bool or non-positive group sizes, wrong dtypes and shapes, out-of-range
integer codes, bad search settings, unknown or broken dataset files -- must raise a
``TypeError`` / ``ValueError`` / ``FileNotFoundError`` whose message names the
argument, never return a silent result nor crash deep inside XLA. Under ``jit``,
where values cannot be inspected, the documented behaviour is pinned instead:
``fake_quant`` / ``dequantize`` poison bad scales with NaN; ``asmmla_gemm``'s range
check runs through ``checkify``.
"""

import math
import zipfile
from typing import Any

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jax.experimental import checkify

from jaxeff.data.vision import DATASETS, load_vision
from jaxeff.isa.simd import asmmla_gemm, asmmla_gemm_checked
from jaxeff.ops.calibrate import (
    minmax_qparams,
    observe_minmax,
    observe_mse,
    observe_omse,
    observe_percentile,
    ptf_params,
)
from jaxeff.ops.quant import QuantSpec, dequantize, fake_quant, quantize
from jaxeff.ops.winograd_quant import WinogradQuant
from jaxeff.search.winograd_scales import ScaleTuneConfig

FEW = settings(max_examples=25, deadline=None)
SPEC = QuantSpec(bits=4, signed=True)
CHAN = QuantSpec(bits=8, granularity="channel", axis=-1)

bad_scales = st.one_of(st.floats(max_value=0.0, allow_nan=False, width=32),
                       st.just(math.nan),
                       st.just(math.inf), st.just(-math.inf))
bad_bits = st.one_of(st.integers(-4, 40).filter(lambda b: not (2 <= b <= 8 or b == 16)),
                     st.booleans(), st.floats(2.0, 8.0))


def _x(n=6, seed=0):
    return jnp.asarray(np.random.default_rng(seed).standard_normal((n, 4)), jnp.float32)


# ----------------------------------------------------------------- fake_quant / quantize


@FEW
@given(s=bad_scales, where=st.integers(0, 3))
def test_bad_scale_raises_eagerly_naming_scale(s, where):
    x = _x()
    scale = np.full((1, 4), 0.1, np.float32)
    scale[0, where] = s  # one bad channel among good ones
    z = np.zeros((1, 4), np.float32)
    for op in (fake_quant, quantize):
        with pytest.raises(ValueError, match=r"scale must be finite and > 0"):
            op(x, scale, z, CHAN)
    with pytest.raises(ValueError, match=r"scale must be finite and > 0"):
        dequantize(jnp.zeros((6, 4), jnp.int32), scale, z, CHAN)


@FEW
@given(s=bad_scales, where=st.integers(0, 3))
def test_bad_scale_under_jit_poisons_with_nan(s, where):
    x = _x()
    scale = jnp.full((1, 4), 0.1).at[0, where].set(s)
    z = jnp.zeros((1, 4))
    out = np.asarray(jax.jit(fake_quant, static_argnums=3)(x, scale, z, CHAN))
    assert np.isnan(out[:, where]).all()  # never a plausible wrong number
    good = np.delete(out, where, axis=1)
    assert np.isfinite(good).all()
    deq = np.asarray(jax.jit(dequantize, static_argnums=3)(
        jnp.ones((6, 4), jnp.int32), scale, z, CHAN))
    assert np.isnan(deq[:, where]).all() and np.isfinite(np.delete(deq, where, 1)).all()
    # vmapped over a population (as Evol-Q does): same poison
    pop = jnp.stack([scale, jnp.full((1, 4), 0.1)])
    vo = np.asarray(jax.vmap(lambda s_: fake_quant(x, s_, z, CHAN))(pop))
    assert np.isnan(vo[0][:, where]).all() and np.isfinite(vo[1]).all()


@FEW
@given(z=st.one_of(st.floats(0.01, 0.99).map(lambda f: f + 3),  # not an integer
                   st.integers(8, 300), st.integers(-300, -9),   # outside [-8, 7]
                   st.just(math.nan)))
def test_bad_zero_point_raises_naming_it(z):
    with pytest.raises(ValueError, match=r"zero_point must hold finite integers in "
                                         r"\[qmin, qmax\] = \[-8, 7\]"):
        fake_quant(_x(), 0.1, z, SPEC)


@FEW
@given(bits=bad_bits)
def test_bad_bits_raise_naming_bits(bits):
    with pytest.raises(ValueError, match="bits"):
        QuantSpec(bits=bits)
    with pytest.raises(ValueError, match="bits"):
        WinogradQuant(bits=bits)
    with pytest.raises(ValueError, match="bits"):
        ptf_params(_x(), bits=bits)


@FEW
@given(g=st.one_of(st.booleans(), st.integers(-5, 0), st.floats(1.0, 8.0)))
def test_bool_or_non_positive_group_size_rejected(g):
    with pytest.raises(ValueError, match="group_size"):
        QuantSpec(granularity="group", group_size=g)
    with pytest.raises(ValueError, match="group_size"):
        WinogradQuant(group_size=g)


@FEW
@given(dtype=st.sampled_from([jnp.int8, jnp.int32, jnp.uint8, jnp.bool_]))
def test_non_float_x_raises_naming_x(dtype):
    x = jnp.ones((4, 4), dtype)
    with pytest.raises(TypeError, match=r"\bx must be a floating array"):
        fake_quant(x, 0.1, 0.0, SPEC)
    with pytest.raises(TypeError, match=r"\bx must be a floating array"):
        quantize(x, 0.1, 0.0, SPEC)
    with pytest.raises(TypeError, match=r"calibration data x must be floating"):
        observe_minmax(x, SPEC)


@FEW
@given(shape=st.lists(st.integers(2, 5), min_size=1, max_size=3).map(tuple)
       .filter(lambda s: s not in ((4,), (1, 4))))
def test_scale_of_wrong_shape_raises_naming_scale(shape):
    with pytest.raises(ValueError, match=r"scale shape .* does not match"):
        fake_quant(_x(), jnp.full(shape, 0.1), jnp.zeros((1, 4)), CHAN)


def test_bad_spec_and_scale_dtype():
    with pytest.raises(TypeError, match="spec must be a QuantSpec"):
        fake_quant(_x(), 0.1, 0.0, {"bits": 8})
    with pytest.raises(TypeError, match="scale must be a real"):
        fake_quant(_x(), jnp.asarray(True), 0.0, SPEC)
    with pytest.raises(TypeError, match="q must hold integer codes"):
        dequantize(_x(), 0.1, 0.0, SPEC)


# ---------------------------------------------------------------------------- observers


@FEW
@given(which=st.integers(0, 3), bad=st.sampled_from([math.nan, math.inf, -math.inf]))
def test_observers_reject_non_finite_data(which, bad):
    x = _x().at[which, which].set(bad)
    for observe in (observe_minmax, observe_percentile, observe_omse, observe_mse):
        with pytest.raises(ValueError, match=r"calibration data x holds 1 NaN / inf"):
            observe(x, CHAN)


@FEW
@given(pct=st.one_of(st.floats(-1e3, 49.99), st.floats(100.01, 1e3), st.just(math.nan)))
def test_percentile_out_of_range(pct):
    with pytest.raises(ValueError, match=r"pct must be a number in \[50, 100\]"):
        observe_percentile(_x(), SPEC, pct)


@FEW
@given(n=st.one_of(st.integers(-3, 0), st.booleans()),
       p=st.one_of(st.floats(max_value=0.0), st.just(math.nan), st.just(math.inf)))
def test_mse_observer_options(n, p):
    with pytest.raises(ValueError, match="num_steps must be a positive int"):
        observe_mse(_x(), SPEC, num_steps=n)
    with pytest.raises(ValueError, match="p must be a finite number > 0"):
        observe_mse(_x(), SPEC, p=p)


@FEW
@given(lo=st.floats(-10, 10), gap=st.floats(0.01, 10))
def test_reversed_range_rejected(lo, gap):
    hi = lo - gap
    with pytest.raises(ValueError, match="lo must be <= hi"):
        minmax_qparams(lo, hi, SPEC)
    with pytest.raises(ValueError, match="lo must be <= hi"):
        observe_omse(_x(), QuantSpec(), lo, hi)


@FEW
@given(n=st.integers(2, 6).filter(lambda n: n != 4))
def test_observer_range_of_wrong_shape(n):
    with pytest.raises(ValueError, match=rf"lo shape \(1, {n}\) does not broadcast to "
                                         r"spec.param_shape\(x.shape\)=\(1, 4\)"):
        observe_omse(_x(), CHAN, jnp.full((1, n), -1.0), jnp.full((1, n), 1.0))


def test_observer_empty_data_and_eps():
    with pytest.raises(ValueError, match=r"calibration data x is empty"):
        observe_minmax(jnp.zeros((0, 4)), SPEC)
    for eps in (0.0, -1e-3, math.nan):
        with pytest.raises(ValueError, match="eps must be a finite number > 0"):
            minmax_qparams(-1.0, 1.0, SPEC, eps=eps)


# -------------------------------------------------------------------------- asmmla_gemm


def _codes(seed, m=3, k=10, n=5):
    rng = np.random.default_rng(seed)
    return (rng.integers(-128, 128, (m, k)).astype(np.int32),
            rng.integers(-8, 8, (k, n)).astype(np.int32))


_CHECKIFIED = checkify.checkify(
    jax.jit(lambda p, q: asmmla_gemm(p, q, traced="checkify").out))


@FEW
@given(v=st.one_of(st.integers(128, 10**6), st.integers(-10**6, -129)),
       seed=st.integers(0, 3))
def test_asmmla_gemm_a_out_of_range_eager_and_jitted(v, seed):
    a, b = _codes(seed)
    a[1, 2] = v
    lo, hi = min(v, a.min()), max(v, a.max())
    msg = rf"a \(8-bit codes\) values must lie in \[-128, 127\], got \[{lo}, {hi}\]"
    with pytest.raises(ValueError, match=msg):
        asmmla_gemm(a, b)
    with pytest.raises(ValueError, match=msg):
        asmmla_gemm_checked(a, b)
    err, _ = _CHECKIFIED(a, b)
    assert err.get() is not None and "a (8-bit codes)" in err.get()
    with pytest.raises(Exception, match=msg):  # plain jit: host check at run time
        jax.block_until_ready(jax.jit(lambda p, q: asmmla_gemm(p, q).out)(a, b))


@FEW
@given(v=st.one_of(st.integers(8, 200), st.integers(-200, -9)), seed=st.integers(0, 3))
def test_asmmla_gemm_b_out_of_range_eager_and_jitted(v, seed):
    a, b = _codes(seed)
    b[0, 0] = v
    for gemm in (asmmla_gemm, asmmla_gemm_checked):
        with pytest.raises(ValueError, match=r"b \(s4 codes\) values must lie in "
                                             r"\[-8, 7\]"):
            gemm(a, b)


def test_asmmla_gemm_unsigned_a_and_plain_jit_is_never_silent():
    a, b = _codes(0)
    with pytest.raises(ValueError, match=r"a \(u8 codes, a_signed=False\) values must "
                                         r"lie in \[0, 255\]"):
        asmmla_gemm_checked(a, b, a_signed=False)
    # a plain jit checks on the host at run time: valid codes run, bad ones fail
    # the call with the message naming the operand (never silently)
    np.testing.assert_array_equal(jax.jit(lambda p, q: asmmla_gemm(p, q).out)(a, b),
                                  a @ b)
    with pytest.raises(Exception, match=r"b \(s4 codes\) values must lie in"):
        jax.block_until_ready(
            jax.jit(lambda p, q: asmmla_gemm(p, q).out)(a, b.astype(np.int32) * 9))
    # the explicit opt-out jits (caller guarantees the ranges)
    out = jax.jit(lambda p, q: asmmla_gemm(p, q, checked=False).out)(a, b)
    np.testing.assert_array_equal(out, a @ b)
    np.testing.assert_array_equal(asmmla_gemm_checked(a, b).out, a @ b)


@FEW
@given(m=st.integers(0, 5), n=st.integers(0, 6))
def test_asmmla_gemm_empty_k_is_the_empty_sum(m, n):
    res = asmmla_gemm(np.zeros((m, 0), np.int8), np.zeros((0, n), np.int8))
    assert res.out.shape == (m, n) and res.out.dtype == jnp.int32
    assert not np.asarray(res.out).any() and res.instructions == 0


@FEW
@given(ka=st.integers(1, 9), kb=st.integers(1, 9))
def test_asmmla_gemm_shape_and_dtype(ka, kb):
    a = np.zeros((2, ka), np.int32)
    b = np.zeros((kb, 4), np.int32)
    if ka != kb:
        with pytest.raises(ValueError, match=r"needs a \[M, K\] and b \[K, N\]"):
            asmmla_gemm(a, b)
    with pytest.raises(TypeError, match="a must hold integer codes"):
        asmmla_gemm(a.astype(np.float32), b)


# ------------------------------------------------------------------ Winograd tuning args


@FEW
@given(lr=st.one_of(st.floats(max_value=0.0), st.just(math.nan)))
def test_tune_scales_rejects_non_positive_lr(lr):
    with pytest.raises(ValueError, match="lr must be"):
        ScaleTuneConfig(lr=lr)


@FEW
@given(steps=st.one_of(st.booleans(), st.integers(-5, -1)),
       mom=st.one_of(st.floats(1.0, 5.0), st.floats(-5.0, -1e-6)))
def test_tune_scales_config_ints_and_momentum(steps, mom):
    with pytest.raises(ValueError, match="steps must be an int >= 0"):
        ScaleTuneConfig(steps=steps)
    with pytest.raises(ValueError, match=r"momentum must be in \[0, 1\)"):
        ScaleTuneConfig(momentum=mom)


# -------------------------------------------------------------------------- run_search


class _Tiny(nn.Module):
    """A one-layer classifier with the factory fields quantization injects into."""

    dense: Any = nn.Dense
    conv: Any = nn.Conv
    act_quant: Any = None

    @nn.compact
    def __call__(self, x):
        return self.dense(10, name="fc")(x.reshape(x.shape[0], -1))


@pytest.fixture(scope="module")
def qsetup():
    from jaxeff.nets.layers import LayerQuant, QuantConfig, QuantRule
    from jaxeff.ptq import ptq

    model = _Tiny()
    x = jax.random.normal(jax.random.key(0), (2, 4, 8, 8, 1))
    variables = model.init(jax.random.key(1), x[0])
    cfg = QuantConfig((QuantRule("fc", LayerQuant(weight=QuantSpec(
        bits=4, granularity="channel"))),))
    qmodel, qvars = ptq(model, variables, list(x[:1]), cfg)
    return qmodel, qvars, x


def _run(qsetup, qvariables=None, **kw):
    from jaxeff.search.evolq import EvolQConfig, run_search
    from jaxeff.search.fitness import FullForward

    qmodel, qvars, x = qsetup
    args = {"calib_x": x[:1], "selection_x": x[1:],
            "config": EvolQConfig(passes=1, population=2, cycles=1, tournament=2,
                                  leaves="fc/w_scale", eps=1e-3)}
    args.update(kw)
    return run_search(jax.random.key(0), FullForward(qmodel, 1), qvariables or qvars,
                      **args)


def test_run_search_runs_on_good_input(qsetup):
    res = _run(qsetup)  # the baseline the bad inputs below break one at a time
    assert res.quant["fc"]["w_scale"].shape == (1, 10)


@FEW
@given(bits=bad_bits)
def test_run_search_bad_bits(bits):
    """The paper's step-size rule names a bit-width it has no step for."""
    from jaxeff.search.evolq import eps_for_bits

    with pytest.raises(ValueError, match="no official eps for w_bits="):
        eps_for_bits(bits)


@FEW
@given(pop=st.one_of(st.integers(-3, 0), st.booleans(), st.floats(1.0, 9.0)),
       field=st.sampled_from(["population", "tournament", "cycles", "passes"]))
def test_run_search_bad_population(pop, field):
    from jaxeff.search.evolq import EvolQConfig

    with pytest.raises(ValueError, match=f"{field} must be an int >= "):
        EvolQConfig(**{field: pop})


@FEW
@given(shape=st.sampled_from([(4,), (0, 4, 8, 8, 1), (1, 4, 6, 6, 1), (1, 4, 8, 8, 3)]))
def test_run_search_wrong_shapes(qsetup, shape):
    x = jnp.zeros(shape)
    with pytest.raises(ValueError, match="calib_x"):
        _run(qsetup, calib_x=x)


def test_run_search_wrong_dtype_selection_and_missing_quant(qsetup):
    qmodel, qvars, x = qsetup
    with pytest.raises(TypeError, match="calib_x must be floating"):
        _run(qsetup, calib_x=x[:1].astype(jnp.int32))
    with pytest.raises(ValueError, match=r"selection_x items \(6, 6, 1\) differ from "
                                         r"calib_x items \(8, 8, 1\)"):
        _run(qsetup, selection_x=jnp.zeros((1, 4, 6, 6, 1)))
    with pytest.raises(ValueError, match="no 'quant' collection"):
        _run(qsetup, qvariables={"params": qvars["params"]})
    # and the quantized net itself refuses to run silently in float
    with pytest.raises(ValueError, match="has a quantization rule but no 'quant'"):
        qmodel.apply({"params": qvars["params"]}, x[0])


# -------------------------------------------------------------------------- load_vision


@FEW
@given(name=st.text(min_size=0, max_size=12).filter(lambda s: s not in DATASETS))
def test_load_vision_unknown_name(name):
    with pytest.raises(ValueError, match="unknown dataset"):
        load_vision(name)


def test_load_vision_missing_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match=str(tmp_path / "nowhere")):
        load_vision("cifar10", tmp_path / "nowhere")
    with pytest.raises(FileNotFoundError, match="MNIST file missing in .*train-images"):
        load_vision("mnist", tmp_path)


@FEW
@given(frac=st.floats(0.05, 0.95))
def test_load_vision_truncated_zip(tmp_path_factory, frac):
    d = tmp_path_factory.mktemp("cifar")
    good = d / "good.zip"
    with zipfile.ZipFile(good, "w") as zf:
        for split in ("train", "test"):
            for c in range(10):
                zf.writestr(f"{split}/class{c}/0.png", bytes(range(256)) * 4)
    raw = good.read_bytes()
    bad = d / "cifar10" / "cifar10-jpeg.zip"
    bad.parent.mkdir()
    bad.write_bytes(raw[:int(len(raw) * frac)])
    with pytest.MonkeyPatch.context() as mp:  # never touch the shared model cache
        mp.setenv("JAXEFF_CACHE", str(d / "cache"))
        with pytest.raises(ValueError, match=r"cifar10-jpeg.zip.*not a readable zip"):
            load_vision("cifar10", d)


@FEW
@given(entry=st.integers(0, 19), where=st.floats(0.0, 0.999), flip=st.integers(1, 255))
def test_load_vision_corrupt_zip_entry(tmp_path_factory, entry, where, flip):
    """One byte of one image's stored data changed: the CRC (or the decoder) fails
    and the error names the zip and the entry."""
    import io

    from PIL import Image

    d = tmp_path_factory.mktemp("cifar")
    zpath = d / "cifar10" / "cifar10-jpeg.zip"
    zpath.parent.mkdir()
    buf = io.BytesIO()
    Image.fromarray(np.zeros((32, 32, 3), np.uint8)).save(buf, "PNG")
    with zipfile.ZipFile(zpath, "w") as zf:
        for split in ("train", "test"):
            for c in range(10):
                zf.writestr(f"{split}/class{c}/0.png", buf.getvalue())
    with zipfile.ZipFile(zpath) as zf:
        info = zf.infolist()[entry]
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw = bytearray(zpath.read_bytes())
    raw[start + int(where * info.compress_size)] ^= flip
    zpath.write_bytes(bytes(raw))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JAXEFF_CACHE", str(d / "cache"))
        with pytest.raises(ValueError, match=r"cifar10-jpeg.zip.*corrupt or unreadable "
                                             rf"image entry '{info.filename}'"):
            load_vision("cifar10", d)
