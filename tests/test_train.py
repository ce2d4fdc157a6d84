"""Facts about jaxeff.train: LR schedule, convergence on digits, exact resume after an
interruption, and variable files (the trained-model cache: tests/test_zoo.py).

Tiers (DESIGN.md convention 14): exact (schedule values, resumed parameters are
bit-identical to an uninterrupted run, save/load round trip), loose (loss falls).
"""

import json

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import jaxeff.train as T
from jaxeff.data.vision import Split, load_vision, normalize, raw_pixels
from jaxeff.nets import build_model
from jaxeff.train import (
    TrainConfig,
    evaluate,
    fit,
    load_variables,
    make_optimizer,
    save_variables,
)

CFG2 = TrainConfig(epochs=2, batch_size=64)
pytestmark = pytest.mark.usefixtures("rbg_keys")  # fast model.init inside fit()


def _assert_trees_equal(a, b):
    la, ta = jax.tree.flatten(a)
    lb, tb = jax.tree.flatten(b)
    assert ta == tb
    for x, y in zip(la, lb, strict=True):
        np.testing.assert_array_equal(np.asarray(x), np.asarray(y))


@pytest.fixture(scope="module")
def digits():
    return load_vision("digits", val_size=200)


@pytest.fixture(scope="module")
def model():
    return build_model("resnet_tiny", 10)


@pytest.fixture(scope="module")
def run_a(rbg_keys, digits, model, tmp_path_factory):
    """An uninterrupted 2-epoch run."""
    d = tmp_path_factory.mktemp("run_a")
    steps, real = [], T.make_train_step
    traces, real_apply = [], type(model).apply

    def recording(*a, **k):  # count the train steps made
        steps.append(real(*a, **k))
        return steps[-1]

    def counting_apply(self, *a, **k):  # a jitted step calls apply(train=True) only
        if k.get("train"):  # while it is traced: one call per trace
            traces.append(1)
        return real_apply(self, *a, **k)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(T, "make_train_step", recording)
        mp.setattr(type(model), "apply", counting_apply)
        variables, history = fit(model, digits, CFG2, d, progress=False)
    assert len(steps) == 1
    # counted by tracing, not by the jit cache's size (a process-wide LRU that other
    # tests in the same run can evict from)
    return d, variables, history, len(traces)


# ---------------------------------------------------------------------------- config


def test_train_config_validation():
    with pytest.raises(ValueError, match="optimizer"):
        TrainConfig(optimizer="rmsprop")
    with pytest.raises(ValueError, match="bad training config"):
        TrainConfig(epochs=0)
    with pytest.raises(ValueError, match="bad training config"):
        TrainConfig(lr=0.0)


def test_schedule_and_weight_decay_mask():
    """SGD without momentum: the update of a bias under gradient 1 is -lr(t)."""
    cfg = TrainConfig(epochs=4, lr=0.1, momentum=0.0, weight_decay=0.01,
                      warmup_epochs=1.0)
    tx = make_optimizer(cfg, steps_per_epoch=10)  # 40 steps, 10 of warm-up
    params = {"bias": jnp.zeros(3), "kernel": jnp.ones((2, 2))}
    grads = {"bias": jnp.ones(3), "kernel": jnp.zeros((2, 2))}
    state = tx.init(params)
    lrs, kernel_upd = [], []
    for _ in range(41):
        upd, state = tx.update(grads, state, params)
        lrs.append(-float(upd["bias"][0]))
        kernel_upd.append(np.asarray(upd["kernel"]))
    lrs = np.asarray(lrs)
    assert lrs[0] == 0.0
    assert lrs.argmax() == 10  # peak at the end of warm-up
    np.testing.assert_allclose(lrs[:11], 0.01 * np.arange(11), rtol=1e-6)  # linear
    cosine = 0.05 * (1 + np.cos(np.pi * np.arange(31) / 30))  # 0.1 -> 0 over 30
    np.testing.assert_allclose(lrs[10:], cosine, rtol=1e-5, atol=1e-9)
    assert lrs[-1] == pytest.approx(0.0, abs=1e-9)
    # decoupled weight decay on kernels (ndim > 1) only: -lr * wd * w
    np.testing.assert_allclose(kernel_upd[10], -0.1 * 0.01 * np.ones((2, 2)),
                               rtol=1e-6)


def test_adamw_with_clipping_builds():
    cfg = TrainConfig(epochs=1, optimizer="adamw", lr=1e-3, grad_clip=1.0)
    tx = make_optimizer(cfg, steps_per_epoch=5)
    params = {"w": jnp.ones((2, 2))}
    upd, _ = tx.update({"w": jnp.full((2, 2), 100.0)}, tx.init(params), params)
    assert np.all(np.isfinite(upd["w"]))


# ------------------------------------------------------------------------------- fit


def test_fit_loss_decreases(run_a):
    d, variables, history, n_compiles = run_a
    assert n_compiles == 1  # one trace of the train step for all steps and epochs
    assert [h["epoch"] for h in history] == [1, 2]
    assert history[1]["train_loss"] < history[0]["train_loss"]
    for h in history:
        assert 0.0 <= h["val_top1"] <= 100.0
    assert set(variables) == {"params", "batch_stats"}
    logged = [json.loads(s) for s in (d / "metrics.jsonl").read_text().splitlines()]
    assert [r["epoch"] for r in logged] == [1, 2]
    assert (d / "checkpoint.msgpack").exists()


def test_evaluate(run_a, digits, model):
    _, variables, _, _ = run_a
    acc = evaluate(model, variables, digits.test, mean=digits.mean, std=digits.std,
                   batch_size=7)  # 360 test images: the last batch is partial
    assert isinstance(acc, float) and 0.0 <= acc <= 100.0
    x = normalize(digits.test.images, digits.mean, digits.std)
    logits = model.apply(variables, jnp.asarray(x))[0]
    n_correct = int(np.sum(np.argmax(logits, -1) == digits.test.labels))
    assert abs(acc - 100.0 * n_correct / len(digits.test)) <= 100.0 / len(digits.test)
    with pytest.raises(ValueError, match="empty"):
        empty = Split(digits.test.images[:0], digits.test.labels[:0])
        evaluate(model, variables, empty, mean=digits.mean, std=digits.std)


def test_evaluate_preprocessing(run_a, digits, model):
    """Issue 25: preprocessing is an argument, default the dataset's own; a model
    that expects raw 0..255 pixels is scored with ``raw_pixels``."""
    _, variables, _, _ = run_a
    ref = evaluate(model, variables, digits.test, mean=digits.mean, std=digits.std)
    assert evaluate(model, variables, digits) == ref  # VisionData: its test split
    assert evaluate(model, variables, digits.test, preprocess=digits.preprocess) == ref
    # a nearest-prototype "model" memorising the first 60 test images in raw pixels
    split = Split(digits.test.images[:60], digits.test.labels[:60])
    protos = jnp.asarray(raw_pixels(split.images).reshape(60, -1))
    onehot = jax.nn.one_hot(jnp.asarray(split.labels), 10)

    def raw_model(v, x):
        d = ((x.reshape(len(x), 1, -1) - protos[None]) ** 2).sum(-1)
        return onehot[jnp.argmin(d, -1)]

    kw = dict(apply_fn=raw_model, batch_size=25)
    assert evaluate(None, {}, split, preprocess=raw_pixels, **kw) == 100.0
    assert evaluate(None, {}, split, mean=digits.mean, std=digits.std, **kw) < 50.0
    with pytest.raises(ValueError, match="not both"):
        evaluate(None, {}, split, preprocess=raw_pixels, mean=digits.mean,
                 std=digits.std, **kw)
    with pytest.raises(ValueError, match="mean= and std="):
        evaluate(None, {}, split, **kw)


class _Interrupted(Exception):
    pass


def test_resume_is_exact(run_a, digits, model, tmp_path, monkeypatch):
    _, ref_vars, ref_hist, _ = run_a
    real_write = T.atomic_write

    def write_then_die(path, data):  # dies right after the epoch-1 checkpoint
        real_write(path, data)
        raise _Interrupted

    monkeypatch.setattr(T, "atomic_write", write_then_die)
    with pytest.raises(_Interrupted):
        fit(model, digits, CFG2, tmp_path, progress=False)
    monkeypatch.setattr(T, "atomic_write", real_write)

    variables, history = fit(model, digits, CFG2, tmp_path, progress=False)
    _assert_trees_equal(variables, ref_vars)
    strip = [{k: v for k, v in h.items() if k != "epoch_time_s"} for h in history]
    ref = [{k: v for k, v in h.items() if k != "epoch_time_s"} for h in ref_hist]
    assert strip == ref
    lines = (tmp_path / "metrics.jsonl").read_text().splitlines()
    assert [json.loads(s)["epoch"] for s in lines] == [1, 2]  # epoch 1 logged once


def test_finished_run_resumes_to_same_result(run_a, digits, model):
    d, ref_vars, ref_hist, _ = run_a
    variables, history = fit(model, digits, CFG2, d, progress=False)
    _assert_trees_equal(variables, ref_vars)
    assert history == ref_hist


def test_fit_refuses_other_config_in_workdir(run_a, digits, model):
    d, _, _, _ = run_a
    with pytest.raises(FileExistsError):
        fit(model, digits, TrainConfig(epochs=3, batch_size=64), d, progress=False)


def test_fit_batch_larger_than_data(digits, model, tmp_path):
    with pytest.raises(ValueError, match="exceeds"):
        fit(model, digits, TrainConfig(epochs=1, batch_size=10_000), tmp_path,
            progress=False)


# ---------------------------------------------------------------------- variable files


def test_save_load_roundtrip(tmp_path):
    kernel = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    v = {"params": {"conv": {"kernel": kernel}, "b": jnp.array([1.5, -2.0])},
         "batch_stats": {"mean": np.zeros(3, np.float32)}}
    f = tmp_path / "v.msgpack"
    save_variables(f, v)
    _assert_trees_equal(load_variables(f), v)
    assert [p.name for p in tmp_path.iterdir()] == ["v.msgpack"]  # no temp files


def test_load_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.msgpack"):
        load_variables(tmp_path / "missing.msgpack")
    f = tmp_path / "v.msgpack"
    save_variables(f, {"params": {"w": np.ones((8, 8), np.float32)}})
    f.write_bytes(f.read_bytes()[:-20])  # truncated
    with pytest.raises(ValueError, match="v.msgpack"):
        load_variables(f)
    f.write_bytes(b"\xc1 not msgpack")
    with pytest.raises(ValueError, match="corrupt"):
        load_variables(f)
