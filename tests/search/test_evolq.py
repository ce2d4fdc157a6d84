"""Tests for jaxeff.search.evolq (Evol-Q block-wise scale search, arXiv 2308.10814).

Tiny setting (the ``setup`` fixture of ``conftest.py``): ViT "tiny/2" (D 32, depth
2, 2 heads) on random 8x8x1 inputs, FQ-ViT W4A8 baseline calibrated on 2 batches of 16.
"""


import chex
import jax
import jax.numpy as jnp
import numpy as np
import pytest
from flax.traverse_util import flatten_dict, unflatten_dict

from jaxeff.ops import losses
from jaxeff.search import evolq
from jaxeff.search import fitness as evolq_fitness
from jaxeff.search.evolq import EvolQConfig
from jaxeff.search.fitness import FullForward, ViTBlocks

N, D, DEPTH = 16, 32, 2
# 4 children per cycle (one vmapped call): shares the P=4 program with SNES below
TINY = dict(passes=2, cycles=3, population=6, tournament=4, children_per_cycle=4,
            eps=evolq.eps_for_bits(4))


def _flat(quant):
    return {k: np.asarray(v) for k, v in flatten_dict(quant, sep="/").items()}


def _assert_same_quant(a, b):
    fa, fb = _flat(a), _flat(b)
    assert fa.keys() == fb.keys()
    for k in fa:
        np.testing.assert_array_equal(fa[k], fb[k], err_msg=k)


def _search(setup, key=0, config=None, **kw):
    cfg = config or EvolQConfig(**TINY)
    return evolq.run_search(jax.random.key(key), ViTBlocks(setup["model"]),
                            setup["qvars"], setup["calib"], setup["sel"], cfg, **kw)


def test_vit_prefix_suffix_equals_full_forward(setup):
    ad, qv, x = ViTBlocks(setup["model"]), setup["qvars"], setup["calib"][0]
    full = setup["model"].apply(qv, x)[0]
    for b in (0, 1):  # eager (op by op), as the full forward
        out = ad.suffix(qv, ad.prefix(qv, x, b), b)
        np.testing.assert_allclose(out, full, atol=1e-5, rtol=1e-5)
    assert ad.num_blocks == DEPTH
    ff = FullForward(setup["model"], DEPTH)
    np.testing.assert_array_equal(ff.prefix(qv, x, 1), x)


def test_vmapped_fitness_equals_python_loop_and_compiles_once(setup):
    """One vmapped call == a Python loop over candidates (1e-6), one trace.

    The loop uses the same cached prefix h_b, so both run the same float program.
    (A full forward compiled as ONE program, prefix fused with the blocks, agrees
    only to ~1e-4: the activation quantizers turn float reassociation between
    separately compiled programs into occasional round flips. Prefix + suffix ==
    full forward is checked op by op in the test above.)
    """
    qv, calib, block = setup["qvars"], setup["calib"], 0
    ad = ViTBlocks(setup["model"])
    targets = jax.random.normal(jax.random.key(4), (len(calib), N, 10))  # any targets
    loss = chex.assert_max_traces(losses.info_nce, n=1)
    fit = evolq_fitness.make_fitness(ad, qv, calib, targets, block, loss)
    paths = evolq_fitness.block_leaves(qv["quant"], EvolQConfig().leaves, DEPTH)[block]
    flat = flatten_dict(qv["quant"], sep="/")
    p = 5
    keys = jax.random.split(jax.random.key(3), len(paths))
    pop = {path: jnp.abs(flat[path] + 2e-3 * jax.random.normal(k, (p, *a.shape)))
           for (path, a), k in zip(((q, flat[q]) for q in paths), keys)}
    got = fit(pop)
    assert got.shape == (p,) and got.dtype == np.float32
    assert len(set(np.round(np.asarray(got), 5))) > 1  # the candidates do differ

    hs = [ad.prefix(qv, x, block) for x in calib]  # eager; equals the jitted prefix
    suffix_loss = jax.jit(lambda v, h, t: losses.info_nce(ad.suffix(v, h, block), t))
    loop = []
    for i in range(p):
        q = unflatten_dict({**flat, **{k: v[i] for k, v in pop.items()}}, sep="/")
        v = {**qv, "quant": q}
        loop.append(np.mean([suffix_loss(v, h, t) for h, t in zip(hs, targets)]))
    # float tier of separately compiled programs (docstring): one activation-quantizer
    # round flip moves a fitness by ~1e-5 relative on some CPUs (AMD EPYC without
    # AVX-512, session 11); the candidates themselves differ by > 1e-3 relative
    np.testing.assert_allclose(got, loop, rtol=1e-4, atol=1e-6)
    fit(jax.tree.map(lambda a: a * 1.001, pop))  # same shapes: no retrace


def test_elitism_positivity_and_dims(setup):
    res = _search(setup)
    assert len(res.history) == TINY["passes"] * DEPTH
    assert [r["block"] for r in res.history[:DEPTH]] == [1, 0]  # last-first
    for r in res.history:
        assert r["f_after"] <= r["f_before"]
        assert r["dims"] == 4 * D
        assert r["evals"] == 1 + TINY["cycles"] * TINY["children_per_cycle"]
    assert res.evals == sum(r["evals"] for r in res.history)
    assert any(r["f_after"] < r["f_before"] for r in res.history)
    # the best is written into the tree: the next visit starts from it (a different
    # block cut is a differently compiled program, hence the loose tolerance)
    for prev, nxt in zip(res.history, res.history[1:]):
        np.testing.assert_allclose(nxt["f_before"], prev["f_after"], rtol=2e-4)
    for k, v in _flat(res.quant).items():
        if k.endswith("w_scale"):
            assert np.all(v > 0), k
    # held-out selection: pass 0 (baseline) .. P, the returned one is the lowest
    sel = [s["loss"] for s in res.selection]
    assert len(sel) == TINY["passes"] + 1
    assert res.best_pass == int(np.argmin(sel))


def test_eps_zero_is_bit_exact(setup):
    cfg = EvolQConfig(**{**TINY, "passes": 1, "children_per_cycle": 1, "eps": 0.0},
                      select="final")  # the paper's one child per cycle
    res = _search(setup, config=cfg)
    _assert_same_quant(res.quant, setup["qvars"]["quant"])
    assert all(r["f_after"] == r["f_before"] for r in res.history)


def test_determinism_and_resume(setup, tmp_path):
    ref = _search(setup, key=7)
    again = _search(setup, key=7, workdir=tmp_path / "a")
    _assert_same_quant(ref.quant, again.quant)
    assert [r["f_after"] for r in ref.history] == [r["f_after"] for r in again.history]

    calls = []

    def boom(rec):
        calls.append(rec)
        if rec["step"] == 3:  # mid-pass: pass 2, first block
            raise KeyboardInterrupt("simulated interruption")

    wd = tmp_path / "b"
    with pytest.raises(KeyboardInterrupt):
        _search(setup, key=7, workdir=wd, on_block=boom)
    assert (wd / evolq.STATE_FILE).exists()
    resumed = _search(setup, key=7, workdir=wd, on_block=calls.append)
    assert [c["step"] for c in calls] == [1, 2, 3, 4]
    _assert_same_quant(ref.quant, resumed.quant)
    f_ref = [r["f_after"] for r in ref.history]
    assert [r["f_after"] for r in resumed.history] == f_ref
    assert resumed.best_pass == ref.best_pass
    # a different config must not silently resume from that state
    with pytest.raises(ValueError, match="different search"):
        _search(setup, key=7, workdir=wd, config=EvolQConfig(**{**TINY, "cycles": 2}))


@pytest.mark.parametrize("change", ["key", "scales", "calib"])
def test_a_finished_state_is_not_reused_by_another_search(setup, tmp_path, change):
    """Review finding: the resume fingerprint held only the config, so a rerun in the
    same workdir with other scales (another bit-width), key or inputs returned the
    first search's scales."""
    _search(setup, key=7, workdir=tmp_path)
    other = dict(setup)
    if change == "scales":
        other["qvars"] = {**setup["qvars"], "quant": jax.tree_util.tree_map(
            lambda a: a * 2.0, setup["qvars"]["quant"])}
    if change == "calib":
        other["calib"] = setup["calib"] + 1.0
    with pytest.raises(ValueError, match="different search"):
        _search(other, key=8 if change == "key" else 7, workdir=tmp_path)


def test_bad_key_is_named():
    with pytest.raises(TypeError, match="key"):
        evolq.run_search(7, None, {}, None)


def test_evosax_algorithm_is_elitist(setup):
    cfg = EvolQConfig(passes=1, algo="SNES", evosax_popsize=4, evosax_generations=2,
                      select="final", eps=1e-3)
    res = _search(setup, config=cfg)
    for r in res.history:
        assert r["f_after"] <= r["f_before"]
        assert r["evals"] == 1 + 4 * 2
    assert all(np.all(v > 0) for k, v in _flat(res.quant).items() if "scale" in k)


def test_bad_config_raises(setup):
    with pytest.raises(ValueError, match="nope_loss"):
        EvolQConfig(loss="nope_loss")
    with pytest.raises(ValueError, match="nope_algo"):
        EvolQConfig(algo="nope_algo")
    with pytest.raises(ValueError, match="select"):
        EvolQConfig(select="test")
    assert EvolQConfig(algo="cptv").algo == "cptv"  # CPT-V == Evol-Q engine
    with pytest.raises(ValueError, match=r"blocks_0/nothing"):
        _search(setup, config=EvolQConfig(leaves=r"blocks_{b}/nothing", eps=1e-3))
    for bits in (2, 5, 6, 16, True, 4.0):
        with pytest.raises(ValueError, match=f"w_bits={bits!r}"):
            evolq.eps_for_bits(bits)
    assert [evolq.eps_for_bits(b) for b in (3, 4, 8)] == [1e-3, 1e-3, 1e-4]
    with pytest.raises(ValueError, match=r"config.eps \(the mutation step\) is None"):
        _search(setup, config=EvolQConfig())
    for bad in (-1e-3, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="eps must be finite and >= 0"):
            EvolQConfig(eps=bad)
    with pytest.raises(ValueError, match="population must be an int >= 2"):
        EvolQConfig(population=1)
    with pytest.raises(ValueError, match="selection_x"):
        evolq.run_search(jax.random.key(0), ViTBlocks(setup["model"]), setup["qvars"],
                         setup["calib"], None, EvolQConfig(eps=1e-3))
