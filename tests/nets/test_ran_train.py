"""train_select: validation-selected checkpoint and resume (jaxeff.nets.ran_train)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from jaxeff.data.vision import Split, load_vision
from jaxeff.nets.ran import RAN_E_CONFIGS, RANe
from jaxeff.nets.ran_train import train_select
from jaxeff.train import TrainConfig, evaluate

pytestmark = pytest.mark.usefixtures("rbg_keys")


def _digits_rgb():
    d = load_vision("digits", None, val_size=200, seed=0)
    splits = {k: Split(np.repeat(getattr(d, k).images, 3, -1), getattr(d, k).labels)
              for k in ("train", "val", "test")}
    return dataclasses.replace(d, **splits, mean=d.mean * 3, std=d.std * 3,
                               image_shape=(8, 8, 3))


def test_train_select_picks_best_val_epoch_and_resumes(tmp_path):
    data = _digits_rgb()
    m = RANe(RAN_E_CONFIGS["GT"][:1], num_classes=10, stem_stride=1, width=0.5,
             head=32, dropout=0.0, bn_momentum=0.9)
    tc = TrainConfig(epochs=3, batch_size=128, lr=0.05, warmup_epochs=0.2)
    v, hist = train_select(m, data, tc, tmp_path)
    vals = [h["val_top1"] for h in hist]
    sel = [h["epoch"] for h in hist if h.get("selected")]
    assert len(hist) == 3 and sel == [int(np.argmax(vals)) + 1]
    # the returned variables are the selected epoch's: their val top-1 is its record
    got = evaluate(m, v, data.val, preprocess=data.preprocess)
    assert got == pytest.approx(max(vals))
    # a rerun resumes after the last epoch: no training, same selection
    v2, hist2 = train_select(m, data, tc, tmp_path)
    assert [h["val_top1"] for h in hist2] == vals
    assert evaluate(m, v2, data.val, preprocess=data.preprocess) == pytest.approx(got)
    with pytest.raises(ValueError, match="validation split"):
        train_select(m, dataclasses.replace(data, val=Split(data.val.images[:0],
                                                           data.val.labels[:0])), tc,
                     tmp_path / "x")
