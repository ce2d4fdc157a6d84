"""Budget selection on validation (issue 14 item 3): fit_sr scores held-out pairs
every val_every steps and at the end, keeps a snapshot per score, resumes without
re-scoring; select_checkpoint applies the stated rule."""

import jax
import numpy as np
import pytest

from jaxeff.data.sr import SRPairs
from jaxeff.nets.sesr import build_sr
from jaxeff.train import load_variables
from jaxeff.train_sr import (
    SRTrainConfig,
    evaluate_sr,
    fit_sr,
    make_validator,
    select_checkpoint,
    snapshot_path,
)

pytestmark = pytest.mark.usefixtures("rbg_keys")


def test_select_checkpoint_rule():
    h = [{"step": 2, "loss": 0.1}, {"step": 2, "val_psnr": 30.0},
         {"step": 4, "val_psnr": 30.2}, {"step": 6, "val_psnr": 30.19}]
    assert select_checkpoint(h) == 4  # the best
    assert select_checkpoint(h, 0.02) == 4  # 30.0 is not within 0.02 of 30.2
    assert select_checkpoint(h, 0.25) == 2  # earliest within the tolerance
    assert select_checkpoint([{"step": 8, "val_psnr": 1.0},
                              {"step": 3, "val_psnr": 1.0}]) == 3  # ties: earlier
    with pytest.raises(ValueError, match="no validation records"):
        select_checkpoint([{"step": 2, "loss": 0.1}])
    with pytest.raises(ValueError, match="tol_db must be >= 0"):
        select_checkpoint(h, -0.1)
    with pytest.raises(ValueError, match="val_every must be >= 0"):
        SRTrainConfig(val_every=-1)


def _data(n=3, seed=0):
    rng = np.random.default_rng(seed)
    lr = [rng.random((12, 12)).astype(np.float32) for _ in range(n)]
    hr = [np.kron(a, np.ones((2, 2), np.float32)) for a in lr]
    return hr, lr


def test_fit_sr_validates_snapshots_and_resumes(tmp_path):
    hr, lr = _data()
    model = build_sr("sesr_tiny", 2)
    rng = np.random.default_rng(1)
    val_hr = [rng.integers(0, 256, (16, 16, 3), dtype=np.uint8) for _ in range(2)]
    from jaxeff.data.sr import imresize

    pairs = SRPairs(["a", "b"], val_hr, [imresize(h, 0.5) for h in val_hr], 2)
    validate = make_validator(model, pairs)
    seen = []

    def spy(v):
        seen.append(1)
        return validate(v)

    cfg = SRTrainConfig(steps=5, batch_size=2, lr_patch=8, ckpt_every=10, log_every=5,
                        val_every=2)
    with pytest.raises(ValueError, match="needs a validate function"):
        fit_sr(model, hr, lr, cfg, tmp_path / "x", scale=2, progress=False)
    v, hist = fit_sr(model, hr, lr, cfg, tmp_path / "w", scale=2, progress=False,
                     validate=spy)
    val = [(h["step"], h["val_psnr"]) for h in hist if "val_psnr" in h]
    assert [s for s, _ in val] == [2, 4, 5]  # every val_every steps and the last
    assert len(seen) == 3
    # the last snapshot is the returned model; its score is what the validator gives
    last = load_variables(snapshot_path(tmp_path / "w", 5))
    for a, b in zip(jax.tree.leaves(last), jax.tree.leaves(v)):
        np.testing.assert_array_equal(a, np.asarray(b))
    fwd = jax.jit(lambda x: model.apply(v, x)[0])
    assert val[-1][1] == pytest.approx(evaluate_sr(fwd, pairs)["psnr"], abs=1e-9)
    for s, _ in val:
        assert snapshot_path(tmp_path / "w", s).exists()
    # a second call resumes from the final checkpoint: no training, no re-scoring
    v2, hist2 = fit_sr(model, hr, lr, cfg, tmp_path / "w", scale=2, progress=False,
                       validate=spy)
    assert len(seen) == 3 and hist2 == hist
    # the chosen snapshot is one of the scored ones and has the best score
    best = select_checkpoint(hist)
    assert dict(val)[best] == max(p for _, p in val)
