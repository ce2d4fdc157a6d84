"""MicroNets DNAS: a tiny search run, training, and the budget helpers (arXiv 2010.11267)."""

from __future__ import annotations

import dataclasses

import jax
import numpy as np
import pytest

from jaxeff.nets.micronets import MICRONETS, MicroNet, MicroNetSpec, cost_summary
from jaxeff.search.dnas import SearchSpace, extract_spec
from jaxeff.search.dnas_budget import excess, fits, random_spec, repair, widest_dscnn
from jaxeff.search.dnas_train import (
    DNASConfig,
    TrainConfig,
    accuracy,
    search,
    train_classifier,
)

pytestmark = pytest.mark.usefixtures("rbg_keys")


def _space(w=8):
    base = MicroNetSpec(input_hw=(12, 6), stem_kernel=(3, 3), stem_channels=w,
                        blocks=((w, 2), (w, 1)), num_classes=3)
    return SearchSpace(base=base, skippable=(False, True))


def _toy(n=96, seed=0):
    # class 0: a bright patch, 1: a dark patch, 2: none (at a random place)
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    x = rng.normal(0, 0.3, (n, 12, 6, 1)).astype(np.float32)
    for i, c in enumerate(y):
        r = rng.integers(0, 8)
        x[i, r:r + 4] += (2.0, -2.0, 0.0)[c]
    return x, y.astype(np.int32)


def test_tiny_dnas_run_moves_logits_and_respects_a_tight_budget():
    space = _space()
    x, y = _toy()
    big = cost_summary(space.base)["ops"]
    cfg = DNASConfig(epochs=2, batch_size=16, lr=0.05, arch_lr=0.05, penalty=5.0,
                     budgets=(("ops", 0.45 * big),))
    arch, _, hist = search(jax.random.key(0), space, x, y, cfg)
    assert len(hist) == 2 and all(np.isfinite(h["train_ce"]) for h in hist)
    assert any(np.abs(np.asarray(a)).max() > 0 for a in arch.values())
    # the penalty drives the expected ops down
    assert hist[-1]["E_ops"] < hist[0]["E_ops"]
    spec, kept = extract_spec(space, arch)
    assert kept[0] == 0
    fixed, _ = repair(spec, {"ops": 0.45 * big})
    assert fits(fixed, {"ops": 0.45 * big})


def test_train_classifier_learns_the_toy_task():
    x, y = _toy(192)
    spec = dataclasses.replace(_space().base, stem_channels=8)
    model = MicroNet(spec)
    v, hist = train_classifier(jax.random.key(0), model, x, y,
                               TrainConfig(epochs=4, batch_size=32, lr=0.05))
    xt, yt = _toy(96, seed=1)
    assert accuracy(model, v, xt, yt) >= 90.0
    assert hist[-1]["train_ce"] < hist[0]["train_ce"]


def test_repair_and_baselines_fit_their_budgets():
    base = MICRONETS["kws_s"]
    budgets = {"ops": 5e6, "wm": 48_000}
    assert not fits(base, budgets) and excess(base, budgets) > 0
    fixed, steps = repair(base, budgets)
    assert fits(fixed, budgets) and steps > 0
    ds = widest_dscnn(dataclasses.replace(base, num_classes=10), budgets)
    assert fits(ds, budgets)
    c = ds.stem_channels
    wider = dataclasses.replace(ds, stem_channels=c + 4,
                                blocks=((c + 4, 2),) + ((c + 4, 1),) * 3)
    assert not fits(wider, budgets)  # the widest that fits
    space = SearchSpace(base=dataclasses.replace(
        base, stem_channels=64, blocks=((64, 2),) + ((64, 1),) * 5),
        skippable=(False,) + (True,) * 5)
    rng = np.random.default_rng(0)
    for _ in range(5):
        s = random_spec(rng, space, budgets)
        assert fits(s, budgets) and cost_summary(s)["ops"] >= 0.7 * 5e6
    with pytest.raises(ValueError, match="does not fit"):
        widest_dscnn(base, {"ops": 1.0})


def test_search_rejects_too_little_data():
    x, y = _toy(8)
    with pytest.raises(ValueError, match="two batches"):
        search(jax.random.key(0), _space(), x, y, DNASConfig(epochs=1, batch_size=16))
    with pytest.raises(ValueError, match="must match"):
        train_classifier(jax.random.key(0), MicroNet(_space().base), x, y[:4],
                         TrainConfig(epochs=1, batch_size=2))



def test_dnas_config_rejects_bad_targets_and_schedule():
    with pytest.raises(ValueError, match="target_costs"):
        DNASConfig(budgets=(("wm", 1e3),), target_costs=("ops",))
    with pytest.raises(ValueError, match="tau_decay"):
        DNASConfig(tau_decay=1.5)
