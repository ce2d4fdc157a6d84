"""Facts about jaxeff.nets: parameter counts, (logits, aux) outputs, partial
forwards of the ViT, clear errors, and quantization injection (float-identical when
every rule is off).

Tiers (DESIGN.md convention 14): parameter counts and float-vs-injected outputs are
exact; the partial-forward compositions are exact (same ops, same order).
"""

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.nets import (
    MODEL_NAMES,
    QuantConfig,
    QuantRule,
    ViT,
    build_model,
    decode_variant,
)
from jaxeff.ptq import quantize_model

OFF = QuantConfig((QuantRule(".*", None),))  # every module matched, all kept float


def _key(seed=0):
    # "rbg" keys: threefry kernels take seconds to compile per parameter shape on CPU
    return jax.random.key(seed, impl="rbg")


def _n_params(name: str, num_classes: int, shape, **kw) -> int:
    """Number of trainable parameters, without allocating them (``eval_shape``)."""
    model = build_model(name, num_classes, **kw)
    shapes = jax.eval_shape(
        lambda: model.init(_key(), jnp.zeros(shape, jnp.float32))
    )
    return sum(int(np.prod(s.shape)) for s in jax.tree.leaves(shapes["params"]))


def _images(shape, seed=0):
    return jnp.asarray(np.random.default_rng(seed).standard_normal(shape), jnp.float32)


# ------------------------------------------------------------------ parameter counts


@pytest.mark.parametrize(
    "name, classes, shape, expected",
    [
        # He et al. CIFAR ResNet-20 ("0.27M"). With option-A (zero-pad) shortcuts it
        # has 269,722 parameters; our option-B 1x1 projections at the two stage
        # changes add 16*32 + 32*64 conv weights and 2*(32+64) BN scale/bias = 2,752.
        ("resnet20", 10, (1, 32, 32, 3), 272_474),
        # torchvision resnet18/34/50 (same layout: bias-free convs, BN gamma/beta as
        # parameters, running stats as buffers, 1x1 projection on downsampling,
        # stride on the 3x3 of the bottleneck "v1.5", fc with bias): identical counts.
        ("resnet18", 1000, (1, 224, 224, 3), 11_689_512),
        ("resnet34", 1000, (1, 224, 224, 3), 21_797_672),
        ("resnet50", 1000, (1, 224, 224, 3), 25_557_032),
        # CIFAR ViT (dim 128, depth 4, 4 heads, patch 4 -> 64 tokens + CLS)
        ("vit_cifar/4", 10, (1, 32, 32, 3), 809_354),
        # DeiT-Ti/16 (timm deit_tiny_patch16_224): 5,717,416
        ("vit_Ti/16", 1000, (1, 224, 224, 3), 5_717_416),
    ],
)
def test_param_counts(name, classes, shape, expected):
    assert _n_params(name, classes, shape) == expected


def test_vit_cifar_under_one_million():
    assert _n_params("vit_cifar/4", 10, (1, 32, 32, 3)) < 1_000_000


def test_batch_stats_are_not_params():
    model = build_model("resnet_tiny", 10)
    v = jax.eval_shape(lambda: model.init(_key(), jnp.zeros((1, 8, 8, 1))))
    assert set(v) == {"params", "batch_stats"}
    assert set(v["batch_stats"]["bn_init"]) == {"mean", "var"}


# ---------------------------------------------------------------------------- outputs


@pytest.fixture(scope="module")
def vit_tiny():
    model = build_model("vit_tiny/2", 10)
    x = _images((3, 8, 8, 1))
    variables = jax.jit(model.init)(_key(), x)
    return model, variables, x


@pytest.fixture(scope="module")
def resnet_tiny():
    model = build_model("resnet_tiny", 10)
    x = _images((3, 8, 8, 1))
    variables = jax.jit(model.init)(_key(), x)
    return model, variables, x


def test_vit_outputs(vit_tiny):
    model, v, x = vit_tiny
    logits, aux = model.apply(v, x)
    assert logits.shape == (3, 10) and logits.dtype == jnp.float32
    assert len(aux["blocks"]) == model.depth == 2
    for b in aux["blocks"]:
        assert b.shape == (3, 1 + (8 // 2) ** 2, 32)
    assert np.all(np.isfinite(logits))


def test_resnet_outputs(resnet_tiny):
    model, v, x = resnet_tiny
    logits, aux = model.apply(v, x)
    assert logits.shape == (3, 10)
    assert len(aux["blocks"]) == sum(model.stage_sizes) == 2
    assert aux["blocks"][0].shape == (3, 8, 8, 4)
    assert aux["blocks"][1].shape == (3, 4, 4, 8)  # second stage: stride 2
    logits_train, upd = model.apply(v, x, train=True, mutable=["batch_stats"])
    assert logits_train[0].shape == (3, 10) and "batch_stats" in upd


@pytest.mark.parametrize("name, blocks", [("resnet20", 9), ("resnet18_cifar", 8)])
def test_resnet_block_count(name, blocks):
    model = build_model(name, 10)
    out = jax.eval_shape(
        lambda: model.init_with_output(_key(), jnp.zeros((1, 32, 32, 3)))[0]
    )
    assert len(out[1]["blocks"]) == blocks


def test_vit_parts_compose_to_call(vit_tiny):
    model, v, x = vit_tiny
    logits, aux = model.apply(v, x)
    t = model.apply(v, x, method="embed")
    t_end, outs = model.apply(v, t, method="run_blocks")
    np.testing.assert_array_equal(model.apply(v, t_end, method="head_fn"), logits)
    for a, b in zip(outs, aux["blocks"], strict=True):
        np.testing.assert_array_equal(a, b)


def test_vit_run_blocks_from_cached_prefix(vit_tiny):
    model, v, x = vit_tiny
    logits, aux = model.apply(v, x)
    t = model.apply(v, x, method="embed")
    first, outs0 = model.apply(v, t, 0, 1, method="run_blocks")  # only block 0
    assert len(outs0) == 1
    np.testing.assert_array_equal(first, aux["blocks"][0])
    # resume at block 1 from the cached residual stream after block 0
    rest, outs1 = model.apply(v, aux["blocks"][0], 1, method="run_blocks")
    assert len(outs1) == model.depth - 1
    np.testing.assert_array_equal(rest, aux["blocks"][-1])
    np.testing.assert_array_equal(model.apply(v, rest, method="head_fn"), logits)


# ----------------------------------------------------------------------------- errors


def test_vit_wrong_image_size(vit_tiny):
    model, v, _ = vit_tiny
    with pytest.raises(ValueError, match="8x8"):
        model.apply(v, jnp.zeros((1, 16, 16, 1)))
    with pytest.raises(ValueError, match=r"\[B, H, W, C\]"):
        model.apply(v, jnp.zeros((16, 16, 1)))


def test_vit_dim_not_divisible_by_heads():
    model = ViT(num_classes=10, dim=30, heads=4, depth=1, patch_size=2, image_size=8)
    with pytest.raises(ValueError, match="dim=30 is not divisible by heads=4"):
        model.init(_key(), jnp.zeros((1, 8, 8, 1)))


def test_vit_image_not_divisible_by_patch():
    model = build_model("vit_tiny/3", 10)
    with pytest.raises(ValueError, match="patch_size=3"):
        model.init(_key(), jnp.zeros((1, 8, 8, 1)))


def test_unknown_vit_variant():
    with pytest.raises(ValueError, match="unknown ViT variant 'huge'"):
        decode_variant("huge/14")
    with pytest.raises(ValueError, match="unknown ViT variant"):
        build_model("vit_huge/14", 10)
    with pytest.raises(ValueError, match="bad patch size"):
        decode_variant("Ti/x")
    assert decode_variant("Ti/16") == dict(dim=192, depth=12, heads=3, patch_size=16)


def test_resnet_needs_4d(resnet_tiny):
    model, v, _ = resnet_tiny
    with pytest.raises(ValueError, match=r"\[B, H, W, C\]"):
        model.apply(v, jnp.zeros((8, 8, 1)))


@pytest.mark.parametrize("kw, msg", [({"stem": "tiny"}, "stem"),
                                     ({"block": "wide"}, "block")])
def test_resnet_bad_options(kw, msg):
    model = build_model("resnet_tiny", 10, **kw)
    with pytest.raises(ValueError, match=msg):
        model.init(_key(), jnp.zeros((1, 8, 8, 1)))


def test_unknown_model_name():
    with pytest.raises(ValueError, match="unknown model 'resnet99'"):
        build_model("resnet99", 10)
    assert "resnet20" in MODEL_NAMES and "vit_tiny" in MODEL_NAMES


# -------------------------------------------------------------------------- injection


def _shapes(tree):
    return jax.tree.map(lambda a: (a.shape, a.dtype), tree)


@pytest.mark.parametrize("cfg", [OFF, QuantConfig()], ids=["rules-off", "no-rules"])
@pytest.mark.parametrize("fixture", ["vit_tiny", "resnet_tiny"])
def test_injection_off_is_float(fixture, cfg, request):
    model, v, x = request.getfixturevalue(fixture)
    qmodel = quantize_model(model, cfg)
    # same variable names and shapes: float checkpoints load unchanged
    qv = jax.eval_shape(qmodel.init, _key(), x)
    assert _shapes(dict(qv)) == _shapes(dict(v))
    # and the float variables give bit-identical outputs (logits and aux)
    ref = model.apply(v, x)
    out = qmodel.apply(v, x)
    for a, b in zip(jax.tree.leaves(out), jax.tree.leaves(ref), strict=True):
        np.testing.assert_array_equal(a, b)


def test_quantize_model_needs_factories():
    with pytest.raises(TypeError, match="factory"):
        quantize_model(nn.Dense(3), OFF)
