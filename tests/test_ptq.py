"""Facts about jaxeff.ptq and the quantized layers: what gets calibrated, PTF scales,
rule checking, the weight path, running-range calibration, and W/A error levels.

Tiers (DESIGN.md convention 14): exact (float path without "quant", weight
fake-quant, power-of-two PTF factors, min/max calibration scales), tight (bias
correction moments, 1e-5), golden (relative logit error per bit-width).
"""

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
import pytest
from flax.traverse_util import flatten_dict, unflatten_dict

from jaxeff.nets import (
    ActQuant,
    LayerQuant,
    QuantConfig,
    QuantConv,
    QuantDense,
    QuantRule,
    build_model,
)
from jaxeff.ops.quant import QuantSpec, fake_quant
from jaxeff.ptq import (
    calibrate,
    float_model,
    fq_vit,
    fq_vit_config,
    ptq,
    quantize_model,
    resnet_config,
)

W8 = QuantSpec(bits=8, signed=False, granularity="channel", axis=-1)


def _normal(shape, seed):
    return jnp.asarray(np.random.default_rng(seed).standard_normal(shape), jnp.float32)


def _rel_err(q, f):
    return float(jnp.linalg.norm(q - f) / jnp.linalg.norm(f))


# -------------------------------------------------------------------------- ViT model


def _key(seed):
    # "rbg" keys: threefry kernels take seconds to compile per parameter shape on CPU
    return jax.random.key(seed, impl="rbg")


@pytest.fixture(scope="module")
def vit():
    """vit_tiny/2 with trained-like token magnitudes, a calibration batch, a test
    batch of 3 x 32 images (3 input seeds) and the float outputs on it.

    At init the CLS token is 0 and pos_embed ~ N(0, 0.02), so the CLS row of the
    embed_sum quantizer is pure rounding noise that ln1 then blows up to unit scale
    (W8A8 logit error > 100%). Trained ViTs have O(1) CLS / position embeddings.
    """
    model = build_model("vit_tiny/2", 10)
    v = jax.jit(model.init)(_key(1), jnp.zeros((1, 8, 8, 1)))
    p = dict(v["params"])
    p["cls_token"] = _normal(p["cls_token"].shape, 2)
    p["pos_embed"] = 0.5 * _normal(p["pos_embed"].shape, 3)
    calib = [_normal((96, 8, 8, 1), 10)]
    test = jnp.concatenate([_normal((32, 8, 8, 1), 100 + s) for s in range(3)])
    v = {"params": p}
    return model, v, calib, test, jax.jit(model.apply)(v, test)


@pytest.fixture(scope="module")
def vit_w8(vit):
    model, v, calib, _, _ = vit
    return fq_vit(model, v, calib)  # default recipe: W8A8, OMSE, PTF, bias corr.


def _seed_errors(float_out, qmodel, qv, test):
    """Relative logit error on each of the 3 input seeds (rows of 32)."""
    f, q = float_out[0], jax.jit(qmodel.apply)(qv, test)[0]
    return [_rel_err(q[i:i + 32], f[i:i + 32]) for i in range(0, 96, 32)]


VIT_WEIGHTS = ("attn/qkv", "attn/proj", "mlp/fc1", "mlp/fc2")
VIT_BLOCK_ACTS = ("ln1_out", "attn/qkv_out", "attn/attn_logits", "attn/attn_probs",
                  "attn/attn_v", "attn/proj_out", "res1", "ln2_out", "mlp/gelu_out",
                  "mlp/fc2_out", "res2")
VIT_TOP_ACTS = ("patch_out", "pos_embed_q", "embed_sum", "norm_out", "logits_out")


def test_fq_vit_quant_tree(vit, vit_w8):
    model = vit[0]
    flat = flatten_dict(vit_w8[1]["quant"], sep="/")
    expected = set()
    for w in ("head", "patch_embed",
              *(f"blocks_{i}/{n}" for i in range(model.depth) for n in VIT_WEIGHTS)):
        expected |= {f"{w}/w_scale", f"{w}/w_zero_point"}
    for a in (*VIT_TOP_ACTS,
              *(f"blocks_{i}/{n}" for i in range(model.depth) for n in VIT_BLOCK_ACTS)):
        expected |= {f"{a}/scale", f"{a}/zero_point"}
    assert set(flat) == expected  # no 'input' point: ViT has quant_input=False
    assert flat["blocks_1/mlp/fc1/w_scale"].shape == (1, 4 * 32)  # per out channel
    assert flat["patch_embed/w_scale"].shape == (1, 1, 1, 32)
    assert flat["blocks_0/attn/attn_probs/scale"].shape == ()  # per tensor


def test_fq_vit_quant_input_point(vit):
    model, v, calib, _, _ = vit

    def calib_quant(qmodel):  # the calibration pass, traced only: "quant" shapes
        return jax.eval_shape(
            lambda x: qmodel.apply(v, x, mutable=["quant_stats", "quant"]), calib[0]
        )[1]["quant"]

    deit = model.clone(quant_input=True)
    quant = calib_quant(quantize_model(deit, fq_vit_config(quant_input=True)))
    assert set(quant["input"]) == {"scale", "zero_point"}
    assert "input" not in calib_quant(quantize_model(model, fq_vit_config()))


def test_fq_vit_without_quant_raises_float_is_explicit(vit, vit_w8):
    _, v, _, test, ref = vit
    qmodel = vit_w8[0]
    # v has no "quant" collection: a quantized net never silently runs in float
    with pytest.raises(ValueError, match=r"'patch_embed'.*'w_scale'.*float_model"):
        jax.jit(qmodel.apply)(v, test)
    out = jax.jit(float_model(qmodel).apply)(v, test)  # explicit: quantizers off
    for a, b in zip(jax.tree.leaves(out), jax.tree.leaves(ref), strict=True):
        np.testing.assert_array_equal(a, b)
    assert float_model(qmodel) is float_model(qmodel)  # memoised: one jit static arg
    with pytest.raises(TypeError, match="not a quantized model"):
        float_model(vit[0])


def test_fq_vit_error_by_bits(vit, vit_w8):
    """Golden: W8A8 within 10% of float; error grows W8 < W4 < W3 (A8).

    W4A8 / W3A8 reuse W8A8's activation parameters and re-calibrate only the
    weights: calibration observes in float, so activation parameters do not depend
    on the weight bits and this equals ``fq_vit(w_bits=b)`` at a fraction of the
    compile time.
    """
    model, v, calib, test, float_out = vit
    qmodel8, qv8 = vit_w8
    flat8 = flatten_dict(qv8["quant"])
    errs = {8: np.mean(_seed_errors(float_out, qmodel8, qv8, test))}
    for bits in (4, 3):
        cfg = fq_vit_config(w_bits=bits)
        _, wq = ptq(model, v, calib, QuantConfig(cfg.rules[:1]))  # weight rule only
        wflat = flatten_dict(wq["quant"])
        assert set(wflat) == {k for k in flat8 if k[-1].startswith("w_")}
        for k, s in wflat.items():  # min-max weight scales: s_b = s_8 255/(2^b-1)
            if k[-1] == "w_scale":
                np.testing.assert_allclose(s, flat8[k] * 255 / (2**bits - 1),
                                           rtol=1e-5)
        quant = unflatten_dict({**flat8, **wflat})
        errs[bits] = np.mean(_seed_errors(float_out, quantize_model(model, cfg),
                                          {**v, "quant": quant}, test))
    assert errs[8] < 0.1, errs  # measured ~0.04
    assert errs[8] < errs[4] < errs[3], errs  # measured ~0.04 < 0.16 < 0.34


def test_ptf_scales(vit, vit_w8):
    model, v, calib, _, _ = vit
    qmodel, qv = vit_w8
    quant = qv["quant"]
    # float ranges recorded at every point on the same calibration batch
    stats = jax.jit(lambda x: qmodel.apply(v, x, mutable=["quant_stats"])[1])(calib[0])
    points = ["embed_sum"] + [f"blocks_{i}/res{j}" for i in range(model.depth)
                              for j in (1, 2)]
    for pt in points:
        q, st = quant, stats["quant_stats"]
        for part in pt.split("/"):
            q, st = q[part], st[part]
        scale, zp = np.asarray(q["scale"]), np.asarray(q["zero_point"])
        assert scale.shape == (1, 1, model.dim), pt  # per channel
        assert zp.shape == (), pt  # one shared zero point
        # s_c = (s8 / 8) 2^alpha_c, alpha_c in {0, 1, 2, 3}: exact powers of two
        alpha = np.log2(scale / scale.min())
        np.testing.assert_array_equal(alpha, np.round(alpha), err_msg=pt)
        assert alpha.max() <= 3, pt
        # s8: the 8-bit per-tensor min-max scale of the point's whole range
        lo, hi = np.asarray(st["min"]), np.asarray(st["max"])
        assert lo.shape == hi.shape == (), pt  # PTF ranges are over all channels
        s8 = (hi - lo) / np.float32(255)
        k = scale / (s8 / 8)
        np.testing.assert_allclose(k, np.round(k), rtol=1e-5, err_msg=pt)
        assert set(np.round(k).ravel().tolist()) <= {1.0, 2.0, 4.0, 8.0}, pt
        assert zp == np.clip(-np.round(lo / s8), 0, 255), pt


def test_unmatched_rule_is_an_error(vit):
    model, v, calib, _, _ = vit
    cfg = QuantConfig((
        QuantRule("head", LayerQuant(weight=W8)),
        QuantRule("nonexistent", LayerQuant(act=QuantSpec())),
    ))
    with pytest.raises(ValueError, match="nonexistent"):
        ptq(model, v, calib, cfg)


def test_calibrate_needs_a_batch(vit):
    model, v, _, _, _ = vit
    with pytest.raises(ValueError, match="at least one batch"):
        ptq(model, v, [], fq_vit_config())


# ------------------------------------------------------------------------ weight path


def _dense(bias_correction: bool):
    cfg = QuantConfig((QuantRule(".*", LayerQuant(weight=W8,
                                                  bias_correction=bias_correction)),))
    layer = QuantDense(5, config=cfg)
    x = _normal((4, 7), 0)
    p = dict(layer.init(_key(0), x)["params"])
    p["bias"] = _normal((5,), 1)
    quant = calibrate(layer, {"params": p}, [x], check_rules=cfg)
    return layer, p, quant, x


def test_dense_weight_fake_quant_exact():
    layer, p, quant, x = _dense(bias_correction=False)
    k = p["kernel"]
    # per-output-channel min-max (range widened to contain 0) on a uint8 grid
    lo, hi = np.minimum(k.min(0), 0), np.maximum(k.max(0), 0)
    np.testing.assert_allclose(quant["w_scale"].ravel(), (hi - lo) / 255, rtol=1e-6)
    wq = fake_quant(k, quant["w_scale"], quant["w_zero_point"], W8)
    y = layer.apply({"params": p, "quant": quant}, x)
    np.testing.assert_array_equal(y, x @ wq + p["bias"])
    assert not np.array_equal(wq, k)
    with pytest.raises(ValueError, match="QuantDense.*'w_scale'"):
        layer.apply({"params": p}, x)  # no "quant": never a silent float run
    np.testing.assert_array_equal(layer.clone(quantize=False).apply({"params": p}, x),
                                  x @ k + p["bias"])


def test_dense_bias_correction_moments():
    layer, p, quant, _ = _dense(bias_correction=True)
    k = np.asarray(p["kernel"])
    eye = jnp.eye(k.shape[0], dtype=jnp.float32)
    zero_bias = {**p, "bias": jnp.zeros_like(p["bias"])}
    w_eff = np.asarray(layer.apply({"params": zero_bias, "quant": quant}, eye))
    assert not np.allclose(w_eff, k, atol=1e-6, rtol=0)
    np.testing.assert_allclose(w_eff.mean(0), k.mean(0), atol=1e-5)
    np.testing.assert_allclose(w_eff.std(0, ddof=1), k.std(0, ddof=1), atol=1e-5)


def test_conv_weight_fake_quant_exact():
    cfg = QuantConfig((QuantRule(".*", LayerQuant(weight=W8)),))
    layer = QuantConv(6, (3, 3), use_bias=False, config=cfg)
    x = _normal((2, 6, 6, 3), 0)
    v = layer.init(_key(0), x)
    quant = calibrate(layer, v, [x], check_rules=cfg)
    assert quant["w_scale"].shape == (1, 1, 1, 6)
    wq = fake_quant(v["params"]["kernel"], quant["w_scale"], quant["w_zero_point"], W8)
    ref = jax.lax.conv_general_dilated(x, wq, (1, 1), "SAME",
                                       dimension_numbers=("NHWC", "HWIO", "NHWC"))
    y = layer.apply({**v, "quant": quant}, x)
    np.testing.assert_array_equal(y, ref)


# ----------------------------------------------------------------- activation ranges


class _Point(nn.Module):
    config: QuantConfig
    quantize: bool = True

    @nn.compact
    def __call__(self, x):
        return ActQuant(config=self.config, quantize=self.quantize, name="q")(x)


_MINMAX = QuantConfig((QuantRule("q", LayerQuant(act=QuantSpec(bits=8),
                                                 observer="minmax")),))


@pytest.mark.parametrize(
    "b1, b2, lo, hi",
    [([-1.0, 0.3, 2.0], [-3.0, 0.1, 0.5], -3.0, 2.0),  # each batch one extreme
     ([1.0, 1.5, 2.0], [0.5, 3.0, 1.0], 0.0, 3.0)],  # all > 0: range includes 0
)
def test_actquant_running_minmax(b1, b2, lo, hi):
    m = _Point(_MINMAX)
    x1 = jnp.asarray(b1, jnp.float32).reshape(1, 3)
    x2 = jnp.asarray(b2, jnp.float32).reshape(1, 3)
    quant = calibrate(m, {}, [x1, x2], check_rules=_MINMAX)
    s = np.float32(hi - lo) / np.float32(255)
    np.testing.assert_allclose(quant["q"]["scale"], s, rtol=1e-6)
    assert quant["q"]["zero_point"] == np.clip(-np.round(np.float32(lo) / s), 0, 255)
    rev = calibrate(m, {}, [x2, x1])  # order does not matter
    np.testing.assert_array_equal(rev["q"]["scale"], quant["q"]["scale"])
    one = calibrate(m, {}, [x1])  # a single batch sees a narrower range
    assert float(one["q"]["scale"]) < float(quant["q"]["scale"])
    # once calibrated the point fake-quantizes with exactly those parameters
    x = _normal((4, 3), 5)
    spec = QuantSpec(bits=8)
    np.testing.assert_array_equal(
        m.apply({"quant": quant}, x),
        fake_quant(x, quant["q"]["scale"], quant["q"]["zero_point"], spec))
    with pytest.raises(ValueError, match=r"ActQuant 'q'.*'scale'"):
        m.apply({}, x)  # no "quant": an error, not a silent identity
    off = _Point(_MINMAX, quantize=False)  # explicit quantizers off: identity
    np.testing.assert_array_equal(off.apply({}, x), x)


# ---------------------------------------------------------------------------- ResNet


def test_resnet_config_tiny():
    model = build_model("resnet_tiny", 10)
    v = model.init(_key(0), jnp.zeros((1, 8, 8, 1)))
    # BN scales of 1 everywhere (bn2 starts at 0, which would hide conv2)
    params = jax.tree_util.tree_map_with_path(
        lambda path, a: jnp.ones_like(a) if path[-1].key == "scale" else a, v["params"])
    v = {**v, "params": params}
    calib = [_normal((64, 8, 8, 1), 10)]
    qmodel, qv = ptq(model, v, calib, resnet_config(8, 8))
    flat = flatten_dict(qv["quant"], sep="/")
    convs = ("conv_init", "blocks_0/conv1", "blocks_0/conv2", "blocks_1/conv1",
             "blocks_1/conv2", "blocks_1/shortcut", "head")
    acts = ("blocks_0/in_q", "blocks_0/mid_q", "blocks_1/in_q", "blocks_1/mid_q",
            "head_in_q")
    expected = {f"{c}/{n}" for c in convs for n in ("w_scale", "w_zero_point")}
    expected |= {f"{a}/{n}" for a in acts for n in ("scale", "zero_point")}
    assert set(flat) == expected
    x = _normal((64, 8, 8, 1), 100)
    err = _rel_err(jax.jit(qmodel.apply)(qv, x)[0], jax.jit(model.apply)(v, x)[0])
    assert err < 0.05, err


def test_equal_quantized_models_are_equal_static_args_and_compile_once():
    """Review finding: factories were plain partials (identity equality), so each
    quantize_model clone was a new jit static argument and recompiled."""
    import functools

    from jaxeff.ptq import resnet_config
    from jaxeff.search.baselines import lsq_model

    m = build_model("resnet_tiny", num_classes=10)
    a, b = quantize_model(m, resnet_config(4, 8)), quantize_model(
        m, resnet_config(4, 8))
    assert a == b and hash(a) == hash(b)
    assert float_model(a) == float_model(b) and lsq_model(a) == lsq_model(b)
    assert quantize_model(m, resnet_config(8, 8)) != a
    traces = []

    @functools.partial(jax.jit, static_argnums=0)
    def f(model, x):
        traces.append(model)
        return x + 1

    f(a, 1.0), f(b, 1.0), f(float_model(b), 1.0), f(float_model(a), 1.0)
    assert len(traces) == 2
