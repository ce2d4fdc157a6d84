"""Smoke tests of `python -m experiments.evolq_claims` (issue 23; arXiv 2308.10814)."""

import math

import pytest

from experiments import evolq_claims


@pytest.mark.slow  # CI budget: ~44 s on 2 cores; test_evolq_smoke stays
def test_losses_study_smoke_resumes(tmp_path):
    wd = tmp_path / "run"
    argv = ["--smoke", "--studies", "losses", "--no-progress", "--workdir", str(wd)]
    res = evolq_claims.main(argv)
    runs = res["losses"]
    assert set(runs) == {"infonce", "mse"} and res["test_images"] == 359
    for rs in runs.values():
        r = rs[0]
        assert 0 <= r["ptq_top1"] <= 100 and r["evals"] > 0
        assert r["f_final"] <= r["f0"]  # elitist block visits
        assert r["gain"] == pytest.approx(r["top1"] - r["ptq_top1"])
    assert "## 4 fitness losses" in (wd / "report.md").read_text()
    units = sorted(p.name for p in (wd / "units").glob("*.json"))
    assert len(units) == 2
    # a rerun reads the finished units (same numbers, no new search)
    again = evolq_claims.main(argv)
    assert again["losses"] == runs
    with pytest.raises(FileExistsError):  # another configuration: refused
        evolq_claims.main(["--smoke", "--studies", "grid", "--no-progress",
                           "--workdir", str(wd)])


def test_units_of_another_config_are_wiped(tmp_path):
    a = evolq_claims.Config.smoke()
    b = evolq_claims.Config(calib_images=128)
    units = evolq_claims._units_dir(tmp_path, a)
    (units / "x.json").write_text("{}")
    assert evolq_claims._units_dir(tmp_path, a) == units and (units / "x.json").exists()
    evolq_claims._units_dir(tmp_path, b)  # e.g. a directory reused with --overwrite
    assert not (units / "x.json").exists()

@pytest.mark.slow
def test_full_smoke_all_studies(tmp_path):
    res = evolq_claims.main(["--smoke", "--no-progress", "--workdir", str(tmp_path)])
    assert set(res) >= set(evolq_claims.STUDIES)
    rough = res["landscape"]["W4"]["rough"]["infonce"][0]
    assert rough["tv"] >= 0 and rough["minima"] >= 0
    # every method: 1 pass x 2 blocks x (1 + budget 2) forward passes
    assert {r[0]["evals"] for r in res["methods"].values()} == {6}
    for name in ("landscape_w4.png", "methods_curves.png", "grid_gain_vs_drop.png"):
        assert (tmp_path / name).stat().st_size > 1000


def test_seeds_needed_and_flags():
    assert evolq_claims.seeds_needed([1.0, 1.0, 1.0]) == 2
    assert evolq_claims.seeds_needed([0.28, -0.28]) == math.inf
    assert evolq_claims.seeds_needed([1.0, 1.0, 1.0, 5.0]) == 4  # mean 2, sd 2: (2*2/2)^2
    assert math.isnan(evolq_claims.seeds_needed([1.0]))
    cfg, wd, _ = evolq_claims.parse(["--studies", "grid", "losses"])
    assert cfg.studies == ("grid", "losses") and wd.endswith("default_grid_losses")
    with pytest.raises(SystemExit):
        evolq_claims.parse(["--studies", "nope"])
    with pytest.raises(ValueError, match="eps"):
        evolq_claims.eps_rule(5)
    assert evolq_claims.eps_rule(2) == evolq_claims.eps_rule(3) == 1e-3


def test_cifar10_preset_is_the_grid_on_the_shipped_cifar_vit():
    cfg, workdir, _ = evolq_claims.parse(["--preset", "cifar10"])
    assert cfg == evolq_claims.Config.cifar10()
    assert (cfg.base.model, cfg.base.dataset) == ("vit_cifar/4", "cifar10")
    assert cfg.studies == ("grid",) and cfg.grid_seeds == (0, 1, 2)
    assert cfg.calib_images == 1000 and workdir == "runs/evolq_claims_cifar10"


def test_top1_in_chunks_equals_one_batch(monkeypatch):
    """The chunked test evaluation (bounded memory) gives the one-batch top-1, with a
    test set that is not a multiple of the chunk (padding cut off). The smoke ViT is
    freshly initialized, not trained: the fact is about chunking, not accuracy."""
    import jax
    import jax.numpy as jnp
    import numpy as np

    from jaxeff.data import load_vision
    from jaxeff.nets import build_model
    from jaxeff.zoo import model_kwargs

    spec = evolq_claims.Config.smoke().base
    ctx = object.__new__(evolq_claims._Ctx)
    ctx.data = load_vision(spec.dataset, spec.data_dir, val_size=spec.val_size)
    ctx.model = build_model(spec.model, ctx.data.num_classes, **model_kwargs(spec))
    x = jnp.asarray(ctx.data.preprocess(ctx.data.test.images))
    ctx.variables = jax.jit(ctx.model.init)(jax.random.key(0), x[:1])  # jit: ~2 s not ~5
    ctx._test = None
    monkeypatch.setattr(evolq_claims, "TEST_CHUNK", 7)
    chunked = ctx.top1(ctx.model, ctx.variables)
    assert ctx._test[0].shape[1] == 7 and len(ctx.data.test) % 7 != 0
    logits = jax.jit(ctx.model.apply)({k: v for k, v in ctx.variables.items()
                              if k != "quant_stats"}, x)
    logits = logits[0] if isinstance(logits, tuple) else logits
    pred = np.argmax(np.asarray(logits), -1)
    # the check can fail: predictions vary across images (a chunk mix-up would show)
    assert len(np.unique(pred)) > 1
    ref = 100.0 * np.mean(pred == ctx.data.test.labels)
    assert abs(chunked - ref) < 1e-9
