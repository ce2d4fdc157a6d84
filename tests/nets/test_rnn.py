"""jaxeff.nets.rnn: compressed LSTM/GRU gate matrices (arXiv 2010.03193, spec A2)."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.nets import rnn
from jaxeff.ops import lowrank as lr

pytestmark = pytest.mark.usefixtures("rbg_keys")

TOK = jnp.array([[1, 2, 3, 4, 5, 0], [3, 1, 0, 0, 0, 0]], jnp.int32)
LEN = jnp.array([5, 2], jnp.int32)


def _lm(kind, factor=4.0, cell="lstm", **kw):
    comp = rnn.Compression(kind=kind, factor=factor, **kw)
    model = rnn.LanguageModel(vocab=11, embed=8, hidden=16, cell=cell, comp=comp)
    return model, model.init(jax.random.key(0), TOK)


@pytest.mark.parametrize("kind,cell", [(k, "lstm") for k in lr.KINDS]
                         + [("hmf", "gru"), ("prune", "gru")])
def test_lm_shapes_and_cost(kind, cell):
    model, v = _lm(kind, cell=cell)
    logits, aux = model.apply(v, TOK)
    assert logits.shape == (2, 6, 11) and len(aux["carry"]) == 1
    g = rnn.GATES[cell]
    cost = rnn.rnn_cost(v, model.comp, g)
    assert cost["dense_weights"] == g * 16 * 8 + g * 16 * 16
    if kind != "dense":
        budget = lr.budget(g * 16, 8, 4) + lr.budget(g * 16, 16, 4)
        assert cost["weights"] <= 1.01 * budget
    assert ("mask" in v) == (kind == "prune")


def test_hmf_all_dense_rows_is_the_dense_model():
    dense, dv = _lm("dense")
    hmf, hv = _lm("hmf", factor=1.0, dense_frac=1.0)
    hv = rnn.compress_variables(dv, hv, hmf.comp, 4)
    assert jnp.array_equal(hmf.apply(hv, TOK)[0], dense.apply(dv, TOK)[0])


@pytest.mark.parametrize("kind", ["lmf", "hmf", "kron", "prune"])
def test_compress_from_trained_dense(kind):
    dense, dv = _lm("dense")
    model, v = _lm(kind)
    cv = rnn.compress_variables(dv, v, model.comp, 4)
    assert jax.tree.structure(cv["params"]) == jax.tree.structure(v["params"])
    logits = model.apply(cv, TOK)[0]
    assert bool(jnp.all(jnp.isfinite(logits)))
    np.testing.assert_array_equal(cv["params"]["embed"]["embedding"],
                                  dv["params"]["embed"]["embedding"])


def test_pruning_masks_and_sparsity():
    model, v = _lm("prune", factor=4.0)
    v2 = rnn.update_masks(v, 0.75)
    for m in jax.tree.leaves(v2["mask"]):
        assert float(1 - m.mean()) == 0.75
    # a masked weight has no effect on the output
    flat = rnn.gate_matrices(v2["params"])
    path = next(iter(flat))
    mask = v2["mask"]
    for k in path:
        mask = mask[k]
    w = flat[path]["w"]
    bumped = jax.tree.map(lambda x: x, v2)
    node = bumped["params"]
    for k in path:
        node = node[k]
    node["factors"]["w"] = w + 5.0 * (1 - mask["mask"])
    np.testing.assert_allclose(model.apply(bumped, TOK)[0], model.apply(v2, TOK)[0],
                               atol=1e-6)


@pytest.mark.parametrize("cell", ["lstm", pytest.param("gru", marks=pytest.mark.slow)])
def test_intent_padding_and_step(cell):
    model = rnn.IntentClassifier(vocab=11, num_classes=3, embed=8, hidden=16, cell=cell,
                                 comp=rnn.Compression(kind="hmf", factor=2.0))
    v = model.init(jax.random.key(0), TOK, LEN)
    out = model.apply(v, TOK, LEN)[0]
    short = model.apply(v, TOK[1:, :2], LEN[1:])[0]
    np.testing.assert_allclose(out[1], short[0], atol=1e-5)
    # step-by-step (T=1 with carry) equals the full sequence
    lm = rnn.LanguageModel(vocab=11, embed=8, hidden=16, cell=cell,
                           comp=rnn.Compression(kind="lmf", factor=2.0))
    lv = lm.init(jax.random.key(0), TOK)
    full = lm.apply(lv, TOK)[0]
    carry = [tuple(jnp.zeros((2, 16)) for _ in range(2 if cell == "lstm" else 1))]
    step, outs = jax.jit(lm.apply), []
    for t in range(TOK.shape[1]):
        o, aux = step(lv, TOK[:, t:t + 1], carry)
        carry, outs = aux["carry"], outs + [o]
    np.testing.assert_allclose(jnp.concatenate(outs, 1), full, atol=1e-5)


def test_errors():
    with pytest.raises(ValueError, match="unknown compression"):
        rnn.Compression(kind="svd")
    with pytest.raises(ValueError, match=">= 1"):
        rnn.Compression(kind="lmf", factor=0.5)
    with pytest.raises(ValueError, match="unknown cell"):
        rnn.LanguageModel(vocab=5, cell="rnn").init(jax.random.key(0), TOK)
    with pytest.raises(ValueError, match="below one rank-1"):
        _lm("lmf", factor=500.0)
