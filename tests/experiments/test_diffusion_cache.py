"""The diffusion study's run-dir caches: tuned scales and PAW transforms are computed
once per model and reloaded bit-exactly (no pickle); seeds per setting."""

import jax.numpy as jnp
import numpy as np
import pytest

from experiments import diffusion
from jaxeff.ops.winograd import WinogradScales
from jaxeff.ops.winograd_baselines import PAWLayer, paw_identity
from jaxeff.ops.winograd_quant import WinogradQuant


def _study(tmp_path, model_id="m0", **over):
    s = diffusion.Study.__new__(diffusion.Study)
    s.cfg = diffusion.Config(**over)
    s.cache, s.model_id = tmp_path, model_id
    s.q = WinogradQuant(group_size=s.cfg.group_size)
    s.kernels, s.layers = {"conv": jnp.ones((3, 3, 2, 2))}, []
    s.learned, s.tune_s, s.paw = {}, {}, {}
    return s


def test_learned_scales_tuned_once_and_reloaded(tmp_path, monkeypatch):
    calls = []
    alpha = 8
    lb = jnp.asarray(np.linspace(-1, 1, alpha), jnp.float32)

    def fake_tune(key, kernels, m, q, cfg):
        calls.append((m, cfg.steps))
        return WinogradScales(lb, -lb / 3), [0.0]

    monkeypatch.setattr(diffusion, "tune_scales", fake_tune)
    a = _study(tmp_path).learned_scales(6)
    b = _study(tmp_path).learned_scales(6)  # a new study: from the run dir's file
    assert calls == [(6, 300)]
    np.testing.assert_array_equal(np.asarray(a.log_b), np.asarray(b.log_b))
    np.testing.assert_array_equal(np.asarray(a.log_c), np.asarray(b.log_c))
    # another model, tuning length or group size is another file
    _study(tmp_path, model_id="m1").learned_scales(6)
    _study(tmp_path, tune_steps=5).learned_scales(6)
    _study(tmp_path, group_size=32).learned_scales(6)
    assert len(calls) == 4 and len(list(tmp_path.glob("scales-F6-*.npz"))) == 4


def test_paw_layers_trained_once_and_reloaded(tmp_path, monkeypatch):
    calls = []

    def fake_paw(key, layers, m, q, cfg):
        calls.append(m)
        li = paw_identity(m)
        return {"a/conv": li, "b/conv": PAWLayer(li.at * 2, li.g, li.bt, li.s_v,
                                                 li.s_m * 3)}, {}

    monkeypatch.setattr(diffusion, "paw_train", fake_paw)
    a = _study(tmp_path).paw_layers(4)
    b = _study(tmp_path).paw_layers(4)
    assert calls == [4] and list(b) == ["a/conv", "b/conv"]
    for p in a:
        for x, y in zip(a[p].matrices + (a[p].s_v, a[p].s_m),
                        b[p].matrices + (b[p].s_v, b[p].s_m), strict=True):
            np.testing.assert_array_equal(np.asarray(x), np.asarray(y))


def test_seeds_for_headline_and_extra():
    cfg = diffusion.Config(seeds=(0, 1, 2), extra_seeds=(0,))
    assert cfg.seeds_for("F6-learned") == (0, 1, 2) and cfg.seeds_for("FP") == (0, 1, 2)
    assert cfg.seeds_for("F4-learned") == (0,) and cfg.seeds_for("F6-bqw") == (0,)
    assert diffusion.Config().seeds_for("F6-paw-fsq") == (0, 1, 2)
    assert set(diffusion.HEADLINE) <= set(diffusion.setting_names((6,)))


def test_unknown_setting_kind_names_it():
    with pytest.raises(ValueError, match="bogus"):
        _study(None).build("F6-bogus")
