"""Gradient (Adam, LSQ STE) and random-search baselines of the Evol-Q block search
(arXiv 2308.10814 Table 7), on the tiny quantized ViT of conftest.py."""

import dataclasses

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from flax.traverse_util import flatten_dict

from jaxeff.search.baselines import (
    gradient_search_block,
    lsq_model,
    random_search_block,
    search_block_baseline,
)
from jaxeff.search.evolq import EvolQConfig, run_search
from jaxeff.search.fitness import (
    ViTBlocks,
    float_adapter,
    jit_logits_all,
    make_fitness,
    vector_fitness,
)


def _fitness(setup, model, block=1):
    ad = ViTBlocks(model)
    qv = setup["qvars"]
    base = {k: v for k, v in qv.items() if k not in ("quant", "quant_stats")}
    tg = jit_logits_all(base, setup["calib"], adapter=float_adapter(ad))
    fit = make_fitness(ad, qv, setup["calib"], tg, block, "infonce")
    flat = flatten_dict(qv["quant"], sep="/")
    s0 = {p: jnp.asarray(flat[p]) for p in (f"blocks_{block}/attn/qkv/w_scale",
                                             f"blocks_{block}/attn/proj/w_scale")}
    return vector_fitness(fit, s0)[:2]


def test_lsq_model_same_forward(setup):
    x = setup["calib"][0]
    a = setup["model"].apply(setup["qvars"], x)[0]
    b = lsq_model(setup["model"]).apply(setup["qvars"], x)[0]
    np.testing.assert_array_equal(a, b)


@pytest.mark.slow  # CI budget: ~17 s on 2 cores; test_gradient_baseline_needs_scale_gradients stays
def test_gradient_baseline_lowers_the_calibration_loss(setup):
    f, s0 = _fitness(setup, lsq_model(setup["model"]))
    best, f0, fb, n = gradient_search_block(None, f, s0, steps=4, lr=3e-3)
    assert n == 5
    assert float(fb) < float(f0)  # strictly lower
    assert float(f(best[None])[0]) == pytest.approx(float(fb), rel=1e-6)
    assert bool(jnp.all(best > 0))


def test_gradient_baseline_needs_scale_gradients(setup):
    f, s0 = _fitness(setup, setup["model"])  # plain quantizers: d F / d s = 0
    with pytest.raises(ValueError, match="lsq_model"):
        gradient_search_block(None, f, s0, steps=2, lr=1e-3)


def test_random_search_elitist_and_eps_zero_is_identity(setup):
    f, s0 = _fitness(setup, setup["model"])
    _, f0, fb, n = random_search_block(jax.random.key(0), f, s0, samples=3, eps=1e-3)
    assert n == 4 and float(fb) <= float(f0)
    best0, _, fb0, _ = random_search_block(jax.random.key(0), f, s0, samples=2, eps=0.0)
    np.testing.assert_array_equal(best0, s0)
    assert float(fb0) == float(f0)


@pytest.mark.slow  # CI budget: ~22 s on 2 cores
def test_run_search_with_baselines(setup):
    for algo in ("adam", "random"):
        cfg = EvolQConfig(passes=1, cycles=2, eps=1e-3, algo=algo, select="final")
        model = lsq_model(setup["model"]) if algo == "adam" else setup["model"]
        res = run_search(jax.random.key(0), ViTBlocks(model), setup["qvars"],
                         setup["calib"], None, cfg)
        assert res.evals == 2 * 3  # 2 blocks x (1 + cycles): the tournament's budget
        assert all(h["f_after"] <= h["f_before"] for h in res.history)


@pytest.mark.parametrize("kw, match", [
    ({"algo": "adam", "budget": 0, "eps": 1e-3}, "steps"),
    ({"algo": "adam", "budget": 2, "eps": 0.0}, "lr"),
    ({"algo": "random", "budget": 2, "eps": -1.0}, "eps"),
    ({"algo": "random", "budget": True, "eps": 1e-3}, "samples"),
    ({"algo": "sgd", "budget": 2, "eps": 1e-3}, "unknown baseline"),
])
def test_baseline_bad_arguments(kw, match):
    f = lambda x: jnp.sum(x * x, axis=1)
    with pytest.raises(ValueError, match=match):
        search_block_baseline(jax.random.key(0), f, jnp.ones(4), **kw)
    with pytest.raises(ValueError, match="x0"):
        random_search_block(jax.random.key(0), f, jnp.ones((2, 2)), samples=1, eps=0.1)


def test_config_names_the_baselines():
    with pytest.raises(ValueError, match="adam"):
        EvolQConfig(algo="nope")
    assert dataclasses.replace(EvolQConfig(), algo="random").algo == "random"
    with pytest.raises(TypeError, match="quantized model"):
        from jaxeff.nets.vit import vit
        lsq_model(vit("tiny/2", 10))
