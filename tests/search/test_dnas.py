"""MicroNets DNAS (arXiv 2010.11267 Sec. 4): relaxation, expected costs, extraction."""

from __future__ import annotations

import dataclasses

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.nets.micronets import MICRONETS, MicroNet, MicroNetSpec, cost_summary
from jaxeff.search.dnas import (
    SearchSpace,
    SuperMicroNet,
    budget_penalty,
    expected_costs,
    extract_spec,
    extract_variables,
    init_arch,
    one_hot_arch,
    sample_arch,
)


def _tiny_space() -> SearchSpace:
    base = MicroNetSpec(input_hw=(49, 10), stem_kernel=(10, 4), stem_channels=16,
                        blocks=((16, 2), (16, 1), (16, 1)), num_classes=10)
    return SearchSpace(base=base, width_step=4, skippable=(False, True, True))


def _kws_space() -> SearchSpace:
    # the paper's KWS backbone: DS-CNN-L + 4 DS blocks, all 276 wide (spec A2)
    base = dataclasses.replace(MICRONETS["dscnn_l"],
                               blocks=((276, 2),) + ((276, 1),) * 8)
    return SearchSpace(base=base, skippable=(False,) + (True,) * 8)


def test_options_are_multiples_of_four():
    opts = _kws_space().options()
    assert opts["stem"] == tuple(range(4, 277, 4)) and len(opts["stem"]) == 69
    assert set(opts) == {"stem", *(f"width{i}" for i in range(9))}
    assert set(init_arch(_kws_space())) == set(opts) | {f"depth{i}" for i in range(1, 9)}


@pytest.mark.parametrize("name", ["kws_s", "kws_m", "kws_l"])
def test_one_hot_expected_costs_equal_exact_costs_of_table5(name):
    # KWS-S/M/L are subnets of the KWS backbone: extra blocks skipped
    spec = MICRONETS[name]
    space = _kws_space()
    n = len(space.base.blocks)
    k = len(spec.blocks)
    widths = [c for c, _ in spec.blocks] + [4] * (n - k)
    keep = [True] * k + [False] * (n - k)
    arch = one_hot_arch(space, stem=spec.stem_channels, widths=widths, keep=keep)
    with jax.enable_x64(True):
        arch64 = jax.tree.map(lambda a: jnp.asarray(a, jnp.float64), arch)
        got = {kk: float(v) for kk, v in expected_costs(space, arch64).items()}
    want = cost_summary(spec)
    assert got == {kk: float(v) for kk, v in want.items()}
    got_spec, kept = extract_spec(space, arch)
    assert got_spec == dataclasses.replace(spec, num_classes=space.base.num_classes)
    assert kept == list(range(k))


def test_gradients_reach_every_architecture_logit():
    space = _tiny_space()
    model = SuperMicroNet(space)
    x = jax.random.normal(jax.random.key(0), (4, 49, 10, 1))
    y = jnp.array([0, 1, 2, 3])
    arch = init_arch(space)
    v = model.init(jax.random.key(1), x, arch_probs_uniform(arch))

    def loss(a, key):
        w = sample_arch(key, a, 5.0)
        logits, _ = model.apply(v, x, w)
        ce = -jnp.mean(jax.nn.log_softmax(logits)[jnp.arange(4), y])
        pen = budget_penalty(expected_costs(space, w), {"ops": 1e5, "wm": 2e3})
        return ce + pen

    g = jax.jit(jax.grad(loss))(arch, jax.random.key(2))  # one compile, not op by op
    for k, gk in g.items():
        assert np.all(np.isfinite(gk)) and np.abs(np.asarray(gk)).sum() > 0, k
    # the cost penalty alone pushes towards narrower stems (negative slope in width)
    gc = jax.grad(lambda a: expected_costs(space, a)["ops"])(
        {k: jax.nn.softmax(v) for k, v in arch.items()})
    assert np.all(np.diff(np.asarray(gc["stem"])) > 0)


def arch_probs_uniform(arch):
    return {k: jax.nn.softmax(v) for k, v in arch.items()}


@pytest.mark.parametrize("keep", [[True, True, True], [True, False, True],
                                  [True, False, False]])
def test_extracted_model_equals_one_hot_supernet(keep):
    space = _tiny_space()
    sup = SuperMicroNet(space)
    x = jax.random.normal(jax.random.key(0), (3, 49, 10, 1))
    arch = one_hot_arch(space, stem=8, widths=[12, 8, 4], keep=keep)
    v = sup.init(jax.random.key(1), x, arch)
    # non-trivial BN statistics: one training pass
    _, upd = sup.apply(v, x, arch, train=True, mutable=["batch_stats"])
    v = {**v, **upd}
    spec, sub = extract_variables(space, arch, v)
    assert spec.stem_channels == 8
    assert [c for c, _ in spec.blocks] == [c for c, k in zip([12, 8, 4], keep) if k]
    plain = MicroNet(spec, batch_norm=True)
    ref = plain.init(jax.random.key(2), x)
    assert jax.tree.map(np.shape, ref) == jax.tree.map(np.shape, sub)
    a, _ = sup.apply(v, x, arch)
    b, _ = plain.apply(sub, x)
    np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-5)
    # train mode (batch statistics) agrees as well
    a, _ = sup.apply(v, x, arch, train=True, mutable=["batch_stats"])[0]
    b, _ = plain.apply(sub, x, train=True, mutable=["batch_stats"])[0]
    np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-5)


def test_soft_expected_costs_interpolate():
    space = _tiny_space()
    a = one_hot_arch(space, stem=8, widths=[8, 8, 8])
    b = one_hot_arch(space, stem=16, widths=[16, 16, 16])
    mix = jax.tree.map(lambda p, q: 0.5 * p + 0.5 * q, a, b)
    e = expected_costs(space, mix)
    # params are linear in each width: bilinear mix at E[c] = 12 equals the 12-wide net
    c12 = cost_summary(dataclasses.replace(space.base, stem_channels=12,
                                           blocks=((12, 2), (12, 1), (12, 1))))
    np.testing.assert_allclose(float(e["params"]), c12["params"], rtol=1e-6)


def test_bad_inputs():
    base = _tiny_space().base
    with pytest.raises(ValueError, match=r"skippable\[0\]"):
        SearchSpace(base=base, skippable=(True, False, False))
    with pytest.raises(ValueError, match="skippable has 2"):
        SearchSpace(base=base, skippable=(False, True))
    with pytest.raises(ValueError, match="width 6 is not an option"):
        one_hot_arch(_tiny_space(), stem=6, widths=[4, 4, 4])
    with pytest.raises(ValueError, match="unknown costs"):
        budget_penalty({"ops": jnp.ones(())}, {"latency": 1.0})


def test_target_penalty_is_two_sided_and_hinge_is_not():
    costs = {"ops": jnp.asarray(50.0), "wm": jnp.asarray(30.0)}
    budgets = {"ops": 100.0, "wm": 40.0}
    # under both budgets: the hinge is exactly 0, the target term is |0.5 - 1|
    assert float(budget_penalty(costs, budgets)) == 0.0
    assert float(budget_penalty(costs, budgets, target=("ops",))) == 0.5
    over = {"ops": jnp.asarray(150.0), "wm": jnp.asarray(60.0)}
    assert float(budget_penalty(over, budgets)) == 0.5 + 0.5
    assert float(budget_penalty(over, budgets, target=("ops",))) == 0.5 + 0.5
    # under the budget the target term's gradient pushes the cost up, the hinge's is 0
    g = jax.grad(lambda c: budget_penalty({"ops": c}, {"ops": 100.0}, target=("ops",)))
    assert float(g(jnp.asarray(50.0))) == pytest.approx(-0.01)
    assert float(jax.grad(lambda c: budget_penalty({"ops": c}, {"ops": 100.0}))(
        jnp.asarray(50.0))) == 0.0
    with pytest.raises(ValueError, match="have no budget"):
        budget_penalty(costs, {"wm": 40.0}, target=("ops",))
