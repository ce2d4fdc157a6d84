"""Data-free Winograd scale tuning (Pan et al., arXiv 2412.19867; ``tune_scales``)
in its per-layer mode: one :class:`WinogradScales` per path, and a layer that no
step chose keeps its initial scales exactly; the run logs its loss, and a wrong
``cfg`` is named. Written for mutation-testing survivors of issue 26 (2026-12-03)."""

import logging

import jax
import numpy as np
import pytest

from jaxeff.ops.winograd_cooktoom import WinogradScales
from jaxeff.search.winograd_scales import ScaleTuneConfig, tune_scales


def test_per_layer_tuning_moves_only_the_chosen_layer_and_logs(caplog):
    kernels = {p: jax.random.normal(jax.random.key(i), (3, 3, 2, 2))
               for i, p in enumerate(("a", "b"))}
    cfg = ScaleTuneConfig(steps=1, layers_per_step=1, batch=1, per_layer=True, lr=0.1)
    with caplog.at_level(logging.INFO, logger="jaxeff.search.winograd_scales"):
        theta, hist = tune_scales(jax.random.key(0), kernels, 2, cfg=cfg)
    assert sorted(theta) == ["a", "b"] and len(hist) == 1 and np.isfinite(hist[0])
    ident = WinogradScales.identity(4)
    moved = [p for p in theta if not np.array_equal(theta[p].log_b, ident.log_b)]
    assert len(moved) == 1  # one layer per step: the other keeps the identity exactly
    assert np.array_equal(theta[({"a", "b"} - set(moved)).pop()].log_c, ident.log_c)
    assert any(r.getMessage() == f"scale tuning step 0: -SQNR {hist[0]:.2f} dB"
               for r in caplog.records)


def test_wrong_cfg_type_is_named():
    with pytest.raises(TypeError, match=r"cfg must be a ScaleTuneConfig, got dict"):
        tune_scales(jax.random.key(0), {"a": np.zeros((3, 3, 1, 1), np.float32)}, 2,
                    cfg={"steps": 1})
