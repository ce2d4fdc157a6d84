"""RAN-e blocks and networks (arXiv 2208.08562, spec micronets_ran.md §B2, §B5)."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.nets.ran import (
    RAN_E_CONFIGS,
    StageSpec,
    count_init,
    count_macs,
    count_params,
    ran_e,
    round_filters,
)
from jaxeff.nets.ran_blocks import (
    CollapsibleBlock,
    CollapsibleConv,
    MBConv,
    collapsible_kernel,
    conv_nhwc,
    export_collapsible,
)


def _rel(a, b) -> float:
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    return float(np.max(np.abs(a - b)) / np.max(np.abs(b)))


def _randomise(tree, key):
    """Random BN statistics / params so that folding is actually exercised."""
    leaves, treedef = jax.tree.flatten(tree)
    keys = jax.random.split(key, len(leaves))
    new = [jax.random.uniform(k, x.shape, x.dtype, 0.5, 1.5) * jnp.sign(
        jax.random.normal(k, x.shape)) if x.ndim == 1 else x
        for k, x in zip(keys, leaves, strict=True)]
    return jax.tree.unflatten(treedef, new)


def _var_pos(tree):  # BN variances must be positive
    return jax.tree.map_with_path(
        lambda p, x: jnp.abs(x) if "var" in jax.tree_util.keystr(p) else x, tree)


@pytest.mark.parametrize("stride,residual", [(1, False), (1, True), (2, False)])
def test_collapsible_conv_equals_expanded(stride, residual):
    x = jax.random.normal(jax.random.key(0), (2, 9, 9, 6))
    expanded = CollapsibleConv(6, 3, stride, expand=32, collapsed=False,
                               residual_tap=residual)
    v = expanded.init(jax.random.key(1), x)
    y_exp = expanded.apply(v, x)
    y_col = expanded.clone(collapsed=True).apply(v, x)
    y_one = conv_nhwc(x, collapsible_kernel(v["params"], residual), stride)
    assert y_exp.shape == (2, 9 // stride + 9 % stride, 9 // stride + 9 % stride, 6)
    assert _rel(y_col, y_exp) < 1e-5
    assert _rel(y_one, y_exp) < 1e-5
    if residual:  # the centre tap really carries the identity
        assert _rel(y_exp - x, expanded.clone(residual_tap=False).apply(v, x)) < 1e-5


@pytest.mark.parametrize("stride,cin,skip", [(1, 8, "input"), (1, 8, "folded"),
                                             (2, 8, "input"), (1, 4, "folded")])
def test_collapsible_block_export_equals_expanded_with_bn(stride, cin, skip):
    x = jax.random.normal(jax.random.key(0), (2, 8, 8, cin))
    blk = CollapsibleBlock(8, stride, expand=24, collapsed=False, skip=skip)
    v = blk.init(jax.random.key(1), x)
    v = _var_pos({"params": _randomise(v["params"], jax.random.key(2)),
                  "batch_stats": _randomise(v["batch_stats"], jax.random.key(3))})
    y_exp = blk.apply(v, x)
    inf, iv = export_collapsible(blk, v, cin)
    y_inf = inf.apply(iv, x)
    assert _rel(y_inf, y_exp) < 1e-5
    # the folded residual lives in the kernel, not as an add
    residual = stride == 1 and cin == 8
    assert inf.add_input == (residual and skip == "input")
    if residual and skip == "folded":
        k_plain = export_collapsible(blk.clone(skip="input"), v, cin)[1]["params"]
        d = iv["params"]["kernel1"] - k_plain["kernel1"]
        np.testing.assert_allclose(d[1, 1], np.eye(8), atol=1e-6)
        assert float(jnp.max(jnp.abs(d.at[1, 1].set(0)))) < 1e-6


def test_bottleneck_collapsible_export():
    x = jax.random.normal(jax.random.key(0), (1, 6, 6, 16))
    blk = CollapsibleBlock(16, 1, expand=40, collapsed=False, bottleneck=True)
    v = blk.init(jax.random.key(1), x)
    v = _var_pos({"params": _randomise(v["params"], jax.random.key(2)),
                  "batch_stats": _randomise(v["batch_stats"], jax.random.key(3))})
    inf, iv = export_collapsible(blk, v, 16)
    assert iv["params"]["kernel1"].shape == (3, 3, 16, 8)
    assert _rel(inf.apply(iv, x), blk.apply(v, x)) < 1e-5
    with pytest.raises(ValueError, match="folded"):
        blk.clone(skip="folded").init(jax.random.key(1), x)


def test_gradients_flow_through_train_time_collapse():
    x = jax.random.normal(jax.random.key(0), (2, 8, 8, 8))
    blk = CollapsibleBlock(8, 1, expand=16, collapsed=True, skip="folded")
    v = blk.init(jax.random.key(1), x)

    def loss(params, m):
        y, _ = m.apply({"params": params, "batch_stats": v["batch_stats"]}, x,
                       train=True, mutable=["batch_stats"])
        return jnp.mean(jnp.sin(y))

    g_col = jax.grad(loss)(v["params"], blk)
    g_exp = jax.grad(loss)(v["params"], blk.clone(collapsed=False))
    for name in ("expand", "project"):
        g = g_col["conv1"][name]
        assert float(jnp.linalg.norm(g)) > 1e-4, name
        assert _rel(g, g_exp["conv1"][name]) < 1e-4
    # a step on the factors changes the collapsed kernel
    new = jax.tree.map(lambda p, g: p - 0.1 * g, v["params"], g_col)
    assert _rel(collapsible_kernel(new["conv1"]), collapsible_kernel(
        v["params"]["conv1"])) > 1e-3


def test_mbconv_shapes_and_residual():
    x = jax.random.normal(jax.random.key(0), (1, 8, 8, 16))
    m = MBConv(16, 3, 1, 4)
    v = m.init(jax.random.key(1), x)
    assert v["params"]["expand"]["kernel"].shape == (1, 1, 16, 64)
    assert v["params"]["dw"]["kernel"].shape == (3, 3, 1, 64)
    # zero projection BN scale -> the block is the identity (residual present)
    p = jax.tree.map(lambda a: a, v["params"])
    p["project_bn"]["scale"] = jnp.zeros_like(p["project_bn"]["scale"])
    p["project_bn"]["bias"] = jnp.zeros_like(p["project_bn"]["bias"])
    np.testing.assert_allclose(m.apply({**v, "params": p}, x), x, atol=1e-6)
    assert MBConv(24, 5, 2, 6).apply(
        MBConv(24, 5, 2, 6).init(jax.random.key(1), x), x).shape == (1, 4, 4, 24)
    with pytest.raises(ValueError, match="strides"):
        MBConv(16, 3, 3).init(jax.random.key(1), x)


def _counts(name, **kw):
    m = ran_e(name, **kw)
    hw = 32 if kw.get("cifar") else 224
    x = jnp.zeros((1, hw, hw, 3))
    v = jax.eval_shape(lambda: m.init(jax.random.key(0), x))
    return count_macs(lambda v, x: m.apply(v, x), v, x), count_params(v["params"])


@pytest.mark.parametrize("name,macs_m,params_m", [
    ("GT", 434.4, 4.49), ("C", 489.2, 4.63), ("lite0", 385.2, None)])
def test_published_counts(name, macs_m, params_m):
    """Spec §B5: MACs at 224^2 (convs + FC, no BN / act), params with BN gamma/beta."""
    macs, params = _counts(name)
    assert round(macs / 1e6, 1) == macs_m
    if params_m is not None:
        assert round(params / 1e6, 2) == params_m


def test_exact_counts_pinned():
    # exact integers (derived by hand from the layout; see docs/RESULTS.md)
    assert _counts("GT") == (434_395_808, 4_486_680)
    assert _counts("C") == (489_172_320, 4_634_872)
    assert _counts("lite0") == (385_187_552, 4_652_008)


@pytest.mark.slow  # CI budget: ~15-59 s on 2 cores
def test_cifar_variant():
    for name in ("GT", "C", "mbconv"):
        m = ran_e(name, cifar=True)
        x = jnp.zeros((2, 32, 32, 3))
        v = jax.eval_shape(m.init, jax.random.key(0), x)
        y, aux = jax.eval_shape(m.apply, v, x)
        assert y.shape == (2, 10)
        assert v["params"]["stem"]["kernel"].shape == (3, 3, 3, 8)
        assert aux["blocks"][-1].shape == (2, 2, 2, 112)  # 32 / 2^4, 224 / 2
    macs_gt, params_gt = _counts("GT", cifar=True)
    macs_mb, _ = _counts("mbconv", cifar=True)
    assert macs_gt < macs_mb
    # one trace of init counts the same MACs and params as eval_shape + apply
    assert count_init(ran_e("GT", cifar=True), jnp.zeros((1, 32, 32, 3))) == (
        macs_gt, params_gt) == (9_258_368, 854_754)


@pytest.mark.slow
def test_cifar_gt_runs():
    m = ran_e("GT", cifar=True)
    x = jax.random.normal(jax.random.key(1), (2, 32, 32, 3))
    v = jax.jit(m.init)(jax.random.key(0), x)
    y = jax.jit(m.apply)(v, x)[0]
    assert bool(jnp.all(jnp.isfinite(y))) and float(jnp.std(y)) > 0


def test_gt_and_c_block_types():
    v = jax.eval_shape(lambda: ran_e("GT").init(jax.random.key(0),
                                                jnp.zeros((1, 64, 64, 3))))
    p = v["params"]
    flags = [f for st in RAN_E_CONFIGS["GT"] for f in st.collapse]
    for i, f in enumerate(flags):
        assert ("pre_bn" in p[f"block_{i}"]) == bool(f), i
    # the 128 -> 128 collapsed block is the two-conv special case
    assert p["block_9"]["conv1"]["kernel"].shape == (3, 3, 128, 64)


def test_round_filters_and_bad_input():
    assert [round_filters(c, 0.5) for c in (16, 48, 80, 176, 1344)] == [
        8, 24, 40, 88, 672]
    with pytest.raises(ValueError, match="one entry per block"):
        StageSpec(cin=1, cout=2, kernels=(3, 3), t=1, stride=1, collapse=(1,))
    with pytest.raises(ValueError, match="argument x"):
        ran_e("GT").init(jax.random.key(0), jnp.zeros((1, 32, 32, 1)))
    with pytest.raises(ValueError, match="unknown RAN-e"):
        ran_e("XL")


@pytest.mark.parametrize("skip", [pytest.param("input", marks=pytest.mark.slow),
                                  "folded"])
def test_network_export_equals_expanded(skip):
    """Whole-network collapse: a small RAN-e (collapsed blocks strided and residual,
    an MBConv, for skip "input" the 128 -> 128 two-conv case) in its trained form
    (expanded, p = 16) == the exported inference form, fp32 rel 1e-5."""
    from jaxeff.nets.ran import RANe, export_ran_e

    stages = (StageSpec(cin=8, cout=16, kernels=(3, 3), t=2, stride=2, collapse=(1, 1)),
              StageSpec(cin=16, cout=16, kernels=(3,), t=4, stride=1, collapse=(0,)),
              StageSpec(cin=16, cout=128, kernels=(3,), t=2, stride=2, collapse=(1,)))
    if skip == "input":  # a folded skip cannot wrap the two-conv block
        stages += (StageSpec(cin=128, cout=128, kernels=(3,), t=2, stride=1,
                             collapse=(1,)),)
    m = RANe(stages, num_classes=10, stem_stride=1, stem=8, head=32, expand=16,
             collapsed=False, skip=skip)
    x = jax.random.normal(jax.random.key(0), (2, 8, 8, 3))
    v = jax.jit(m.init)(jax.random.key(1), x)
    v = _var_pos({"params": v["params"],
                  "batch_stats": _randomise(v["batch_stats"], jax.random.key(3))})
    y_exp = jax.jit(lambda v, x: m.apply(v, x)[0])(v, x)
    inf, iv = export_ran_e(m, v)
    assert "pre_scale" in iv["params"]["block_0"]
    assert "block_0" not in iv["batch_stats"] and "block_2" in iv["batch_stats"]
    y_inf = jax.jit(lambda v, x: inf.apply(v, x)[0])(iv, x)
    assert _rel(y_inf, y_exp) < 1e-5


def test_count_macs_on_known_layers():
    import flax.linen as nn

    class Tiny(nn.Module):
        @nn.compact
        def __call__(self, x):
            x = nn.Conv(6, (3, 3), (2, 2), padding="SAME")(x)  # 4x4x6 out, 9*4 each
            x = nn.Conv(6, (5, 5), feature_group_count=6, padding="SAME")(x)  # dw
            return nn.Dense(10)(jnp.mean(x, axis=(1, 2)))

    x = jnp.zeros((2, 8, 8, 4))
    v = jax.eval_shape(Tiny().init, jax.random.key(0), x)
    expected = 2 * (4 * 4 * 6 * 9 * 4 + 4 * 4 * 6 * 25 + 6 * 10)
    assert count_macs(Tiny().apply, v, x) == expected
    assert count_params(v["params"]) == (9 * 4 * 6 + 6) + (25 * 6 + 6) + (6 * 10 + 10)



def _dw_nets():
    from jaxeff.nets.ran import RANe
    from jaxeff.nets.ran_i import ConvNeXt

    return [lambda d: RANe(RAN_E_CONFIGS["C"][4:5], num_classes=10, stem_stride=1,
                           width=0.5, head=64, dropout=0.0, depthwise=d),
            lambda d: ConvNeXt((1, 1), (8, 16), num_classes=10, patch=2, depthwise=d)]


@pytest.mark.slow  # ~60 s of compiles; the op itself is pinned in tests/ops/test_depthwise.py
@pytest.mark.usefixtures("rbg_keys")
def test_shifted_depthwise_equals_grouped_conv_in_networks():
    """Default ``depthwise="shifted"`` (jaxeff.ops.depthwise) == grouped lax conv:
    same params, same outputs (fp32 rel 1e-5), same exact MAC count."""
    x = jax.random.normal(jax.random.key(3), (2, 8, 8, 3))
    for make in _dw_nets():
        fast, ref = make("shifted"), make("lax")
        v = jax.jit(ref.init)(jax.random.key(0), x)
        assert jax.tree.map(jnp.shape, jax.eval_shape(fast.init, jax.random.key(0), x)
                            ) == jax.tree.map(jnp.shape, v)
        assert count_macs(fast.apply, v, x) == count_macs(ref.apply, v, x)
        assert _rel(jax.jit(fast.apply)(v, x)[0], jax.jit(ref.apply)(v, x)[0]) < 1e-5


@pytest.mark.slow
def test_shifted_depthwise_network_gradients():
    """Train-mode loss and whole-gradient vector equal for both lowerings."""
    from jax.flatten_util import ravel_pytree

    x = jax.random.normal(jax.random.key(3), (2, 8, 8, 3))
    for make in _dw_nets():
        fast, ref = make("shifted"), make("lax")
        v = jax.jit(ref.init)(jax.random.key(0), x)

        def loss(p, m, v=v):
            out = m.apply({**v, "params": p}, x, train=True, mutable=["batch_stats"])
            return jnp.sum(out[0][0] ** 2)

        (lf, gf), (lr, gr) = (jax.jit(jax.value_and_grad(loss), static_argnums=1)(
            v["params"], m) for m in (fast, ref))
        assert _rel(lf, lr) < 1e-5
        # whole vector: some entries (a BN bias before a BN) are 0 up to float noise
        assert _rel(ravel_pytree(gf)[0], ravel_pytree(gr)[0]) < 1e-4
