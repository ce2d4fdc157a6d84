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


def test_collect_reads_only_the_cells_present(tmp_path):
    """``collect`` builds rows from the cached cells alone: mean ± sample std over
    the seeds that have a cell, no row for a setting with none."""
    import json

    cfg = diffusion.Config(n_samples=8, seeds=(0, 1, 2))
    for seed, fid in ((0, 2.0), (2, 4.0)):
        f = diffusion.cell_path(tmp_path, "FP", seed, "m0", cfg).with_suffix(".json")
        f.write_text(json.dumps({"seed": seed, "fid": fid, "acc": 50.0 + seed,
                                 "psnr": None, "wall_s": 1.0}))
    other = diffusion.cell_path(tmp_path, "W8A8", 0, "m1", cfg)  # another model
    other.with_suffix(".json").write_text(json.dumps({"seed": 0, "fid": 9.0}))
    rows = diffusion.collect(cfg, tmp_path, "m0", ["FP", "W8A8"])
    assert list(rows) == ["FP"]
    assert [p["seed"] for p in rows["FP"]["seeds"]] == [0, 2]
    assert rows["FP"]["fid"] == pytest.approx((3.0, np.sqrt(2.0)))
    assert rows["FP"]["psnr"] is None and rows["FP"]["wall_s"] == 2.0


class _Judge:
    def uint8(self, x):
        return x

    def features(self, x):
        return np.asarray(x).reshape(len(x), -1)[:, :2].astype(np.float64), None


def test_fp_samples_of_an_evidence_cell_are_regenerated_and_checked(tmp_path):
    """An FP cell copied without its samples: they are sampled again and saved only
    if they reproduce the cell's proxy-FID; other weights are refused, named."""
    from jaxeff.metrics import frechet_distance

    cfg = diffusion.Config(n_samples=6, batch=3, sampler_steps=1)
    cell = diffusion.cell_path(tmp_path, "FP", 0, "m0", cfg)
    test_f = np.random.default_rng(0).normal(size=(50, 2))

    def sampler(v, noise, labels):
        return np.asarray(noise) * v

    noise, _ = diffusion.fixed_noise(0, 6)
    fid = frechet_distance(np.asarray(noise).reshape(6, -1)[:, :2].astype(np.float64),
                           test_f)
    built = {"FP": (None, sampler)}
    with pytest.raises(ValueError, match="other weights"):
        diffusion._regenerate_fp((cell, {"fid": fid}), built, None, 2.0, _Judge(),
                                 test_f, 0, cfg)
    assert not cell.with_suffix(".npy").exists()
    x = diffusion._regenerate_fp((cell, {"fid": fid}), built, None, 1.0, _Judge(),
                                 test_f, 0, cfg)
    np.testing.assert_array_equal(np.load(cell.with_suffix(".npy")), x)


def test_cells_are_keyed_by_the_weights_not_only_the_recipe():
    """Retraining the same recipe on another CPU gave other weights (the loss at
    step 100 differed in the 5th digit): the run-dir key must change with them."""
    cfg, meta = diffusion.Config(), {"steps": 921, "data_sha256": "d" * 64}
    v = {"params": {"w": np.ones((2, 3), np.float32)}}
    v2 = {"params": {"w": np.ones((2, 3), np.float32) + np.float32(1e-6)}}
    a = diffusion._model_id(cfg, meta, v)
    assert a == diffusion._model_id(cfg, meta, {"params": {"w": np.ones((2, 3),
                                                                        np.float32)}})
    assert a != diffusion._model_id(cfg, meta, v2)
    assert diffusion.weights_digest(v) != diffusion.weights_digest(v2)


def test_floors_are_cached_and_reloaded_without_features(tmp_path):
    """The floors and the test features are written when first computed (so a
    partial study records them) and reloaded bit-exactly; another judge misses."""
    from types import SimpleNamespace

    rng = np.random.default_rng(0)

    class Split:
        def __init__(self, n):
            self.images = rng.integers(0, 255, (n, 4, 4, 1), dtype=np.uint8)

        def __len__(self):
            return len(self.images)

    data = SimpleNamespace(train=Split(40), test=Split(30))
    calls = []

    class J:
        size, cvars = (4, 4), {"w": np.ones(3, np.float32)}

        def features(self, x):
            calls.append(len(x))
            f = np.asarray(x, np.float64).reshape(len(x), -1)[:, :3]
            return f + np.arange(3), None

    cfg = diffusion.Config(n_samples=20, floor_images=25)
    f1, r1 = diffusion.floors(cfg, data, J(), tmp_path)
    assert calls == [25, 25, 20] and r1["floor_images"] == 25 and r1["n_samples"] == 20
    assert r1["floor_fid"] > 0 and r1["floor_fid_n"] > 0
    f2, r2 = diffusion.floors(cfg, data, J(), tmp_path)
    assert calls == [25, 25, 20] and r2 == r1 and np.array_equal(f1, f2)
    J.cvars = {"w": np.zeros(3, np.float32)}  # another judge: recomputed
    diffusion.floors(cfg, data, J(), tmp_path)
    assert len(calls) == 6
