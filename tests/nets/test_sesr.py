"""jaxeff.nets.sesr: counters (spec sesr.md §2.1, §3.2, §4.3), collapsed vs expanded
forward / gradients / training (§5.3 items 3-6), export, FSRCNN, QAT."""

import jax
import jax.numpy as jnp
import numpy as np
import jax.extend
import optax
import pytest
from jax import lax

from jaxeff.nets import sesr as N
from jaxeff.train_sr import make_sr_step

pytestmark = pytest.mark.usefixtures("rbg_keys")

WEIGHTS = {"M3": (8912, 13712), "M5": (13520, 18320), "M7": (18128, 22928),
           "M11": (27344, 32144), "XL": (105376, 114976)}
MACS = {"M3": (2053324800, 789811200, 796741712),
        "M5": (3115008000, 1055232000, 1208701520),
        "M7": (4176691200, 1320652800, 1620661328),
        "M11": (6300057600, 1851494400, 2444580944),
        "XL": (24278630400, 6622617600, 9420719776)}
EXPANDED = {"M3": 236800, "M5": 318720, "M7": 400640, "M11": 141120, "XL": 280384}
ALPHA = {"M3": 48, "M5": 80, "M7": 112, "M11": 176, "XL": 352}


@pytest.mark.parametrize("v", list(WEIGHTS))
def test_weights_macs_params_per_variant(v):
    assert (N.sesr_weights(v, 2), N.sesr_weights(v, 4)) == WEIGHTS[v]
    assert (N.sesr_macs(v, 2, (360, 640)), N.sesr_macs(v, 4, (180, 320)),
            N.sesr_macs(v, 2, (299, 299))) == MACS[v]
    assert N.sesr_expanded_weights(v, 2) == EXPANDED[v]
    for s in (2, 4):  # the Flax model's parameters: expanded A + B and PReLU alphas
        m = N.build_sr(f"sesr_{v.lower()}", s)
        shapes = jax.eval_shape(m.init, jax.random.key(0), jnp.zeros((1, 8, 8, 1)))
        assert N.param_count(shapes["params"]) == N.sesr_expanded_weights(v, s) + ALPHA[v]
        inf, iv = N.export_sesr(m, jax.tree.map(lambda a: jnp.zeros(a.shape), shapes))
        assert N.param_count(iv["params"]) == WEIGHTS[v][s == 4] + ALPHA[v]


def test_training_macs_and_fsrcnn_counts():
    assert N.sesr_train_macs("M5", 2, (32, 64, 64), collapsed=False) == 41_775_267_840
    conv = N.sesr_weights("M5", 2) * 32 * 64 * 64
    assert conv == 1_772_093_440 and N.sesr_delta_trick_macs("M5", 2) == 71_123_200
    assert N.sesr_train_macs("M5", 2, (32, 64, 64), collapsed=True) == conv + 3_461_120
    assert N.fsrcnn_weights() == 12_464
    assert N.fsrcnn_macs(2, (360, 640)) == 6_006_988_800
    assert N.fsrcnn_macs(4, (180, 320)) == 4_637_030_400
    m = N.FSRCNN(scale=2)
    shapes = jax.eval_shape(m.init, jax.random.key(0), jnp.zeros((1, 8, 8, 1)))
    assert N.param_count(shapes["params"]) == 12_464 + 173 + 172


def _perturbed(m, x, key=1):
    v = m.init(jax.random.key(key), x)
    p = {k: (0.1 * jax.random.normal(jax.random.key(7), a.shape) if k.startswith("alpha")
             else a) for k, a in v["params"].items()}
    return {"params": p}


@pytest.mark.parametrize("v", [v if v == "M5" else pytest.param(v, marks=pytest.mark.slow)
                               for v in WEIGHTS])
def test_collapsed_equals_expanded_float32_all_variants(v):
    x = jax.random.uniform(jax.random.key(0), (1, 6, 5, 1))
    for s in (2, 4):
        m = N.build_sr(f"sesr_{v.lower()}", s)
        var = _perturbed(m, x)
        yc, _ = m.apply(var, x)
        ye, _ = m.clone(collapsed=False).apply(var, x)
        assert yc.shape == (1, 6 * s, 5 * s, 1)
        assert float(jnp.max(jnp.abs(yc - ye))) <= 1e-5
        assert 0.0 <= float(yc.min()) and float(yc.max()) <= 1.0


def test_gradients_collapsed_equal_expanded():
    x = jax.random.uniform(jax.random.key(0), (2, 8, 8, 1))
    t = jax.random.uniform(jax.random.key(3), (2, 16, 16, 1))
    m = N.SESR(scale=2, m=3, f=8, p=32)
    var = _perturbed(m, x)

    def loss(p, mod):
        return jnp.mean(jnp.abs(mod.apply({"params": p}, x)[0] - t))

    gc = jax.grad(loss)(var["params"], m)
    ge = jax.grad(loss)(var["params"], m.clone(collapsed=False))
    for a, b in zip(jax.tree.leaves(gc), jax.tree.leaves(ge)):
        assert float(jnp.linalg.norm(a - b)) <= 1e-4 * float(jnp.linalg.norm(b)) + 1e-9


def test_zero_blocks_give_nearest_upsampling_and_d2s_order():
    x = jax.random.uniform(jax.random.key(0), (1, 5, 4, 1))
    for s in (2, 4):
        m = N.build_sr("sesr_tiny", s)
        v = jax.tree.map(jnp.zeros_like, m.init(jax.random.key(0), x))
        y, _ = m.apply(v, x)
        near = jnp.repeat(jnp.repeat(x, s, 1), s, 2)
        assert float(jnp.max(jnp.abs(y - near))) == 0.0
    # TF DCR order: out[2h+i, 2w+j, c] = in[h, w, (2i+j)C + c]; x4 = two x2 shuffles
    z = jnp.arange(2 * 3 * 16, dtype=jnp.float32).reshape(1, 2, 3, 16)
    o = N.depth_to_space(z, 2)
    zn, on = np.asarray(z), np.asarray(o)
    for h, w, i, j, c in [(1, 2, 1, 0, 3), (0, 1, 0, 1, 2), (1, 0, 1, 1, 0)]:
        assert on[0, 2 * h + i, 2 * w + j, c] == zn[0, h, w, (2 * i + j) * 4 + c]
    assert N.depth_to_space(N.depth_to_space(z, 2), 2).shape == (1, 8, 12, 1)
    with pytest.raises(ValueError, match="divisible"):
        N.depth_to_space(jnp.zeros((1, 2, 2, 3)), 2)


def test_export_matches_and_errors():
    x = jax.random.uniform(jax.random.key(0), (2, 7, 6, 1))
    m = N.build_sr("sesr_m5", 4)
    v = _perturbed(m, x)
    inf, iv = N.export_sesr(m, v)
    assert float(jnp.max(jnp.abs(inf.apply(iv, x)[0] - m.apply(v, x)[0]))) <= 1e-6
    with pytest.raises(ValueError, match="scale"):
        N.SESR(scale=3).init(jax.random.key(0), x)
    with pytest.raises(ValueError, match="Y images"):
        m.init(jax.random.key(0), jnp.zeros((1, 4, 4, 3)))
    with pytest.raises(ValueError, match="unknown SR model"):
        N.build_sr("edsr", 2)


def test_fsrcnn_subpixel_equals_transposed_conv():
    with jax.enable_x64(True):
        h = jax.random.normal(jax.random.key(0), (2, 6, 5, 3), jnp.float64)
        w = jax.random.normal(jax.random.key(1), (9, 9, 3, 1), jnp.float64)
        for s in (2, 4):
            ref = lax.conv_general_dilated(h, w[::-1, ::-1], (1, 1),
                                           ((4, s + 3), (4, s + 3)), lhs_dilation=(s, s),
                                           dimension_numbers=("NHWC", "HWIO", "NHWC"))
            from jaxeff.ops.collapse import conv2d

            got = N.depth_to_space(conv2d(h, N.subpixel_kernel(w, s)), s)
            assert got.shape == ref.shape == (2, 6 * s, 5 * s, 1)
            assert float(jnp.max(jnp.abs(got - ref))) < 1e-10


def test_collapsed_training_matches_expanded_and_has_no_wide_conv():
    rng = np.random.default_rng(0)
    xs = rng.random((20, 4, 12, 12, 1)).astype(np.float32)
    ys = np.repeat(np.repeat(xs, 2, 2), 2, 3) * 0.9
    m = N.SESR(scale=2, m=2, f=4, p=24)
    v = m.init(jax.random.key(0), xs[0])
    losses = {}
    for coll in (True, False):
        mod = m.clone(collapsed=coll)
        tx = optax.amsgrad(5e-4)
        step = make_sr_step(mod, tx)
        tv, st, out = {"params": v["params"]}, tx.init({"params": v["params"]}), []
        for i in range(20):
            tv, st, met = step(tv, {}, st, xs[i], ys[i])
            out.append(float(met["loss"]))
        losses[coll] = np.array(out)
        if coll:
            jaxpr = jax.make_jaxpr(step)(tv, {}, st, xs[0], ys[0])
            text = str(jaxpr)
            assert "conv_general_dilated" in text and "24," not in _conv_shapes(jaxpr)
    np.testing.assert_allclose(losses[True], losses[False], rtol=1e-4)


def _conv_shapes(jaxpr) -> str:
    """Shapes of every conv operand in a (nested) jaxpr, as text."""
    out = []

    def walk(j):
        for e in j.eqns:
            if e.primitive.name == "conv_general_dilated":
                out.extend(str(a.aval.shape) for a in e.invars)
            for sub in jax.extend.core.jaxprs_in_params(e.params):
                walk(sub)

    walk(jaxpr.jaxpr)
    return " ".join(out)


def test_qat_forward_calibration_and_export():
    x = jax.random.uniform(jax.random.key(0), (2, 8, 8, 1))
    m = N.build_sr("sesr_tiny", 2)
    v = m.init(jax.random.key(1), x)
    qm = m.clone(qat=True)
    scales = N.calibrate_act_scales(qm, v, x)
    assert set(scales) == {"first", "block_0", "sum", "last"}
    params = {k: a for k, a in v["params"].items() if not k.startswith("alpha")}
    y, _ = qm.apply({"params": params, "quant": scales}, x)
    yf, _ = m.clone(qat=False).apply(v, x)  # alpha = 0 at init: PReLU == ReLU
    assert y.shape == yf.shape and 0 < float(jnp.max(jnp.abs(y - yf))) < 0.05
    g = jax.grad(lambda q: qm.apply({"params": params, "quant": q}, x)[0].sum())(scales)
    assert any(float(jnp.abs(a)) > 0 for a in jax.tree.leaves(g))  # LSQ scale grads
    inf, iv = N.export_sesr(qm, {"params": params})
    assert inf.relu and inf.apply(iv, x)[0].shape == y.shape
