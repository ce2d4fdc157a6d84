"""Facts about jaxeff.inject: PTQ and Winograd injected into Flax models that are
defined only here (a flax-examples-style CNN with BatchNorm, a small ViT built on
``nn.MultiHeadDotProductAttention``), without editing them.

Tiers (DESIGN.md convention 14): exact (ineligible convs bit-identical, vmap over
"quant" trees), tight (W8A8 vs a hand-written fake-quant 1e-5; float Winograd vs
lax conv 1e-5), golden (16-bit W/A within 1e-3 of float).
"""

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax import lax

from jaxeff.inject import InjectRule, LayerInfo, inject, injection, quantize_model
from jaxeff.nets.layers import LayerQuant
from jaxeff.nets.winograd import WinogradConfig
from jaxeff.ops.quant import QuantSpec
from jaxeff.ops.winograd_quant import WinogradQuant


def _quant(bits: int) -> LayerQuant:
    return LayerQuant(weight=QuantSpec(bits=bits, granularity="channel", axis=-1),
                      act=QuantSpec(bits=bits))


class CNN(nn.Module):
    """flax examples/mnist-style CNN (smaller), optional BatchNorm."""

    bn: bool = True

    @nn.compact
    def __call__(self, x):
        x = nn.Conv(8, (3, 3))(x)
        if self.bn:
            x = nn.BatchNorm(use_running_average=True)(x)
        x = nn.avg_pool(nn.relu(x), (2, 2), (2, 2))
        x = nn.relu(nn.Conv(16, (3, 3))(x))
        x = nn.avg_pool(x, (2, 2), (2, 2))
        x = x.reshape(x.shape[0], -1)
        x = nn.relu(nn.Dense(32)(x))
        return nn.Dense(10)(x)


class Block(nn.Module):
    dim: int
    heads: int

    @nn.compact
    def __call__(self, x):
        h = nn.LayerNorm()(x)
        x = x + nn.MultiHeadDotProductAttention(num_heads=self.heads)(h, h)
        h = nn.gelu(nn.Dense(2 * self.dim)(nn.LayerNorm()(x)))
        return x + nn.Dense(self.dim)(h)


class TinyViT(nn.Module):
    dim: int = 16
    depth: int = 2
    heads: int = 2
    patch: int = 4

    @nn.compact
    def __call__(self, x):
        x = nn.Conv(self.dim, (self.patch,) * 2, strides=self.patch, padding="VALID",
                    name="embed")(x)
        n, h, w, d = x.shape
        x = x.reshape(n, h * w, d)
        cls = self.param("cls", nn.initializers.normal(0.02), (1, 1, d))
        x = jnp.concatenate([jnp.broadcast_to(cls, (n, 1, d)), x], axis=1)
        x = x + self.param("pos", nn.initializers.normal(0.02), x.shape[1:])
        for i in range(self.depth):
            x = Block(self.dim, self.heads, name=f"block_{i}")(x)
        return nn.Dense(10, name="head")(nn.LayerNorm()(x[:, 0]))


def _x(shape, seed=0):
    return jnp.asarray(np.random.default_rng(seed).standard_normal(shape), jnp.float32)


def _init(model, x):
    v = model.init(jax.random.key(0, impl="rbg"), x)
    if "batch_stats" in v:  # non-trivial running statistics
        v = {**v, "batch_stats": jax.tree.map(
            lambda t: t + 0.1 * _x(t.shape, 5), v["batch_stats"])}
    return v


@pytest.fixture(scope="module")
def cnn():
    m, x = CNN(), _x((4, 16, 16, 3))
    return m, _init(m, x), x


@pytest.fixture(scope="module")
def vit():
    m, x = TinyViT(), _x((4, 16, 16, 3), 1)
    return m, _init(m, x), x


def _rel(a, b):
    return float(jnp.linalg.norm(a - b) / jnp.linalg.norm(b))


# the ViT case (~14 s on 2 cores) is in the slow tier: CI budget
@pytest.mark.parametrize("which", ["cnn", pytest.param("vit", marks=pytest.mark.slow)])
def test_16bit_equals_float(which, request):
    model, v, x = request.getfixturevalue(which)
    qm, qv = quantize_model(model, v, [InjectRule(pattern=".*", quant=_quant(16))], [x])
    flat = jax.tree_util.tree_leaves_with_path(qv["quant"])
    assert flat, "no quantizer was calibrated"
    y, yq = model.apply(v, x), qm.apply(qv, x)
    assert 0 < _rel(yq, y) < 1e-3


def _hand_fq(t, axis_keep=None, bits=8):
    """Asymmetric uint min-max fake-quant written out (range widened to hold 0)."""
    t = np.asarray(t, np.float32)
    red = tuple(i for i in range(t.ndim) if i != axis_keep) if axis_keep is not None \
        else None
    lo = np.minimum(t.min(axis=red, keepdims=True), 0).astype(np.float32)
    hi = np.maximum(t.max(axis=red, keepdims=True), 0).astype(np.float32)
    qmax = 2**bits - 1
    s = np.maximum((hi - lo) / np.float32(qmax), np.float32(1e-8))
    z = np.clip(-np.round(lo / s), 0, qmax)
    return ((np.clip(np.round(t / s) + z, 0, qmax) - z) * s).astype(np.float32)


def test_w8a8_conv_equals_hand_written(cnn):
    model, v, x = cnn
    qm, qv = quantize_model(model, v, [InjectRule(pattern="Conv_1", quant=_quant(8))],
                            [x])
    _, st = model.apply(v, x, capture_intermediates=True, mutable=["intermediates"])
    xin = nn.avg_pool(nn.relu(st["intermediates"]["BatchNorm_0"]["__call__"][0]),
                      (2, 2), (2, 2))
    _, sq = qm.apply(qv, x, capture_intermediates=True, mutable=["intermediates"])
    got = sq["intermediates"]["Conv_1"]["__call__"][0]
    p = v["params"]["Conv_1"]
    want = lax.conv_general_dilated(_hand_fq(xin), _hand_fq(p["kernel"], 3), (1, 1),
                                    "SAME", dimension_numbers=("NHWC", "HWIO", "NHWC"))
    want = want + p["bias"]
    assert float(jnp.max(jnp.abs(got - want))) < 1e-5 * float(jnp.max(jnp.abs(want)))
    assert set(qv["quant"]) == {"Conv_1"}  # only the matched layer is quantized


def test_w8a8_attention_query_equals_hand_written(vit):
    """DenseGeneral kernel [D, heads, head_dim]: one scale per output feature."""
    model, v, x = vit
    path = "block_0/MultiHeadDotProductAttention_0/query"
    qm, qv = quantize_model(model, v, [InjectRule(pattern=path, quant=_quant(8))], [x])
    _, st = model.apply(v, x, capture_intermediates=True, mutable=["intermediates"])
    h = st["intermediates"]["block_0"]["LayerNorm_0"]["__call__"][0]
    _, sq = qm.apply(qv, x, capture_intermediates=True, mutable=["intermediates"])
    got = sq["intermediates"]["block_0"]["MultiHeadDotProductAttention_0"]["query"][
        "__call__"][0]
    p = v["params"]["block_0"]["MultiHeadDotProductAttention_0"]["query"]
    k = np.asarray(p["kernel"])
    kq = _hand_fq(k.reshape(k.shape[0], -1), 1).reshape(k.shape)
    want = jnp.einsum("btd,dhk->bthk", _hand_fq(h), kq) + p["bias"]
    assert float(jnp.max(jnp.abs(got - want))) < 1e-5 * float(jnp.max(jnp.abs(want)))
    assert qv["quant"]["block_0"]["MultiHeadDotProductAttention_0"]["query"][
        "w_scale"].size == k.shape[1] * k.shape[2]


@pytest.mark.parametrize("m", [2, 4, 6])
def test_winograd_float_equals_lax_conv(cnn, m):
    model, v, x = cnn
    wm = inject(model, [InjectRule(pattern=".*", winograd=WinogradConfig(m=m))])
    info = wm.check(v, x)
    assert [i.path for i in info if i.winograd] == ["Conv_0", "Conv_1"]
    y, yw = model.apply(v, x), wm.apply(v, x)
    assert _rel(yw, y) < 1e-5
    assert not np.array_equal(np.asarray(yw), np.asarray(y))  # a different algorithm


class Ineligible(nn.Module):
    @nn.compact
    def __call__(self, x):
        x = nn.Conv(8, (1, 1), name="pointwise")(x)
        x = nn.Conv(8, (3, 3), strides=2, name="strided")(x)
        x = nn.Conv(8, (3, 3), kernel_dilation=2, name="dilated")(x)
        x = nn.Conv(8, (3, 3), feature_group_count=2, name="grouped")(x)
        x = nn.Conv(8, (5, 5), name="five")(x)
        return nn.Conv(8, (3, 3), name="eligible")(x)


def test_ineligible_convs_stay_direct():
    model, x = Ineligible(), _x((2, 12, 12, 4), 2)
    v = _init(model, x)
    wq = WinogradConfig(m=4, quant=WinogradQuant(bits=4))
    wm = inject(model, [InjectRule(pattern=".*", winograd=wq)])
    info = {i.path: i.winograd for i in wm.check(v, x)}
    assert info == {"pointwise": False, "strided": False, "dilated": False,
                    "grouped": False, "five": False, "eligible": True}
    kw = {"capture_intermediates": True, "mutable": ["intermediates"]}
    ref = model.apply(v, x, **kw)[1]["intermediates"]
    got = wm.apply(v, x, **kw)[1]["intermediates"]
    for name in ("pointwise", "strided", "dilated", "grouped", "five"):
        np.testing.assert_array_equal(got[name]["__call__"][0], ref[name]["__call__"][0])
    assert _rel(got["eligible"]["__call__"][0], ref["eligible"]["__call__"][0]) > 1e-3


@pytest.mark.slow  # CI budget: ~20 s on 2 cores
def test_ptq_and_winograd_compose(cnn):
    model, v, x = cnn
    q8 = _quant(8)
    both = [InjectRule(pattern=".*", quant=q8, winograd=WinogradConfig(m=4))]
    qb, vb = quantize_model(model, v, both, [x])
    qp, vp = quantize_model(model, v, [InjectRule(pattern=".*", quant=q8)], [x])
    wm = inject(model, [InjectRule(pattern=".*", winograd=WinogradConfig(m=4))])
    yb, yp, yw = qb.apply(vb, x), qp.apply(vp, x), wm.apply(v, x)
    assert sum(i.winograd for i in qb.layers(vb, x)) == 2
    # float Winograd is exact, so PTQ + Winograd = PTQ alone up to float error ...
    assert _rel(yb, yp) < 1e-5
    # ... and the PTQ part is not dropped: far from float Winograd alone
    assert _rel(yb, yw) > 100 * _rel(yb, yp)
    # quantized Winograd stages on top of PTQ change the output again
    qw = [InjectRule(pattern=".*", quant=q8,
                     winograd=WinogradConfig(m=4, quant=WinogradQuant(bits=8)))]
    qq, vq = quantize_model(model, v, qw, [x])
    assert _rel(qq.apply(vq, x), yp) > 10 * _rel(yb, yp)


def test_vmap_over_quant_collection(cnn):
    model, v, x = cnn
    qm, qv = quantize_model(model, v, [InjectRule(pattern=".*", quant=_quant(8))], [x])
    def member(path, t):  # scales x1 and x1.5; zero points unchanged
        f = 1.5 if path[-1].key.endswith("scale") else 1.0
        return jnp.stack([t, f * t])

    pop = jax.tree_util.tree_map_with_path(member, qv["quant"])
    ys = jax.vmap(lambda q: qm.apply({**v, "quant": q}, x))(pop)
    np.testing.assert_allclose(ys[0], qm.apply(qv, x), rtol=1e-6, atol=1e-6)
    q1 = jax.tree.map(lambda t: t[1], pop)
    np.testing.assert_allclose(ys[1], qm.apply({**v, "quant": q1}, x), rtol=1e-6,
                               atol=1e-6)
    assert _rel(ys[1], ys[0]) > 1e-3


def test_rules_checked(cnn):
    model, v, x = cnn
    with pytest.raises(ValueError, match="applied to no layer.*nothing"):
        quantize_model(model, v, [InjectRule(pattern="nothing", quant=_quant(8))], [x])
    shadowed = [InjectRule(pattern="Conv_.*", quant=_quant(8)),
                InjectRule(pattern="Conv_1", quant=_quant(4))]
    with pytest.raises(ValueError, match=r"applied to no layer: \['Conv_1'\]"):
        quantize_model(model, v, shadowed, [x])
    with pytest.raises(ValueError, match="invalid rule regex"):
        InjectRule(pattern="(", quant=_quant(8))
    with pytest.raises(TypeError, match="InjectRule"):
        inject(model, ["Conv_0"])
    with pytest.raises(TypeError, match="LayerQuant"):
        InjectRule(pattern=".*", quant=QuantSpec(bits=8))
    with pytest.raises(ValueError, match="calib_batches is empty"):
        quantize_model(model, v, [InjectRule(pattern=".*", quant=_quant(8))], [])


def test_exclusion_rule_and_batch_dicts(cnn):
    """A float rule before a broad one keeps that layer float; library batch dicts
    are accepted as calibration batches."""
    model, v, x = cnn
    rules = [InjectRule(pattern="Dense_1"), InjectRule(pattern=".*", quant=_quant(8))]
    qm, qv = quantize_model(model, v, rules, [{"image": x, "label": jnp.zeros(4)}])
    assert "Dense_1" not in qv["quant"] and "Dense_0" in qv["quant"]
    info = qm.layers(qv, x)
    assert all(isinstance(i, LayerInfo) for i in info)
    assert [i.rule for i in info if i.path == "Dense_1"] == [0]


def test_custom_conv_is_not_silently_replaced():
    class Custom(nn.Module):
        @nn.compact
        def __call__(self, x):
            return nn.Conv(4, (3, 3), conv_general_dilated=lax.conv_general_dilated)(x)

    model, x = Custom(), _x((1, 8, 8, 2))
    v = _init(model, x)
    with (pytest.raises(ValueError, match="own conv_general_dilated"),
          injection([InjectRule(pattern=".*", winograd=WinogradConfig(m=4))])):
        model.apply(v, x)


def test_calibration_batch_formats():
    """Arrays, jaxeff batch dicts and (inputs, labels) tuples give the same inputs;
    anything else is refused with the accepted formats named (issue 25 item 6)."""
    from jaxeff.ptq import batch_inputs

    x = _x((2, 4, 4, 1))
    for b in (x, np.asarray(x), {"image": x, "label": np.zeros(2)}, (x, np.zeros(2)),
              {"tokens": x}):
        np.testing.assert_array_equal(batch_inputs(b), x)
    with pytest.raises(ValueError, match=r"one of \('image', 'audio', 'tokens'\).*"
                                         r"\['images', 'label'\]"):
        batch_inputs({"images": x, "label": np.zeros(2)})
    with pytest.raises(ValueError, match="arrays"):
        batch_inputs({"a": 1, "b": 2}.items())
    with pytest.raises(ValueError, match="must be an array"):
        batch_inputs(3.0)


def test_w8a8_einsum_equals_hand_written():
    class Mixer(nn.Module):
        @nn.compact
        def __call__(self, x):
            return nn.Einsum((6, 5), "bti,io->bto", name="mix")(x)

    model, x = Mixer(), _x((3, 4, 6), 7)
    v = _init(model, x)
    qm, qv = quantize_model(model, v, [InjectRule(pattern="mix", quant=_quant(8))], [x])
    p = v["params"]["mix"]
    want = jnp.einsum("bti,io->bto", _hand_fq(x), _hand_fq(p["kernel"], 1)) + p["bias"]
    got = qm.apply(qv, x)
    assert float(jnp.max(jnp.abs(got - want))) < 1e-5 * float(jnp.max(jnp.abs(want)))
    assert _rel(got, model.apply(v, x)) > 1e-4  # quantization acted
