"""Evol-Q's ``run_search`` (arXiv 2308.10814) at the edges of its documented inputs,
on the tiny quantized ViT of conftest.py: a one-block adapter (``FullForward`` with
``num_blocks = 1``, "any model") is valid, the run log says when eps is relative
and where a run resumes from, a model without a ``quant`` collection is named, and
:class:`BlockLoss` computes the named loss with its temperature. Written for
mutation-testing survivors of issue 26 (2026-12-03)."""

import logging

import jax
import jax.numpy as jnp
import pytest

from jaxeff.ops.losses import LOSSES, info_nce
from jaxeff.search import evolq
from jaxeff.search.evolq import EvolQConfig
from jaxeff.search.fitness import BlockLoss, FullForward

ONE = {"passes": 1, "cycles": 1, "population": 2, "tournament": 2, "children_per_cycle": 1,
       "eps": 1e-3, "select": "final", "leaves": r"blocks_0/attn/qkv/w_scale"}


def test_one_block_adapter_runs_and_logs_relative_eps(setup, caplog):
    cfg = EvolQConfig(**ONE, eps_relative=True)
    with caplog.at_level(logging.INFO, logger="jaxeff.search.evolq"):
        res = evolq.run_search(jax.random.key(0), FullForward(setup["model"], 1),
                               setup["qvars"], setup["calib"], None, cfg)
    assert [(r["pass"], r["block"]) for r in res.history] == [(1, 0)]  # 1-based pass
    assert res.history[0]["f_after"] <= res.history[0]["f_before"]
    assert any("eps 0.001 (relative)" in r.getMessage() for r in caplog.records)


def test_resume_is_logged_with_the_state_path(setup, tmp_path, caplog):
    cfg = EvolQConfig(**{**ONE, "leaves": r"blocks_{b}/attn/qkv/w_scale"})

    def stop(rec):
        if rec["step"] == 1:
            raise KeyboardInterrupt("simulated interruption")

    with pytest.raises(KeyboardInterrupt):
        evolq.run_search(jax.random.key(1), FullForward(setup["model"], 2),
                         setup["qvars"], setup["calib"], None, cfg, tmp_path, on_block=stop)
    with caplog.at_level(logging.INFO, logger="jaxeff.search.evolq"):
        res = evolq.run_search(jax.random.key(1), FullForward(setup["model"], 2),
                               setup["qvars"], setup["calib"], None, cfg, tmp_path)
    path = str(tmp_path / evolq.STATE_FILE)
    assert any(r.getMessage() == f"resuming Evol-Q search from {path} at pass 1, block "
               "position 1" for r in caplog.records)
    assert sorted(r["block"] for r in res.history) == [0, 1]  # both visits kept


def test_variables_without_quant_collection_are_named(setup):
    plain = {k: v for k, v in setup["qvars"].items() if k != "quant"}
    with pytest.raises(ValueError, match=r"^qvariables has no 'quant' collection to "
                       r"search$"):
        evolq.run_search(jax.random.key(0), FullForward(setup["model"], 1), plain,
                         setup["calib"], None, EvolQConfig(**ONE))


def test_block_loss_is_the_named_loss_with_its_temperature():
    zq = jax.random.normal(jax.random.key(0), (6, 5))
    zf = zq + 0.3 * jax.random.normal(jax.random.key(1), (6, 5))
    for name in LOSSES:
        if name != "infonce":
            assert float(BlockLoss(name)(zq, zf)) == float(LOSSES[name](zq, zf)), name
    assert float(BlockLoss("infonce", 0.5)(zq, zf)) == float(info_nce(zq, zf, 0.5))
    assert float(BlockLoss("infonce", 0.5)(zq, zf)) != pytest.approx(
        float(BlockLoss("infonce", 3.0)(zq, zf)))
    assert float(BlockLoss("infonce")(zq, zf)) == float(info_nce(zq, zf, 3.0))
    assert jnp.isfinite(BlockLoss("mse")(zq, zf))
