"""Facts about jaxeff.zoo: the trained-model cache (hit, miss on another recipe),
model specs, and calibration samples.

Tiers (DESIGN.md convention 14): exact (cached variables are bit-identical, the
calibration sample is the seeded choice).
"""

import dataclasses
import json

import jax
import numpy as np
import pytest

import jaxeff.train as T
from jaxeff import zoo
from jaxeff.data.vision import Augment, Split, VisionData, load_vision, normalize
from jaxeff.nets import build_model
from jaxeff.train import TrainConfig

pytestmark = pytest.mark.usefixtures("rbg_keys")  # fast model.init inside fit()


@pytest.fixture(scope="module")
def digits_and_net():
    """(digits with 200 validation images, the tiny ResNet)."""
    return load_vision("digits", val_size=200), build_model("resnet_tiny", 10)


def _small(data: VisionData) -> VisionData:
    empty = Split(data.val.images[:0], data.val.labels[:0])
    return dataclasses.replace(
        data, train=Split(data.train.images[:128], data.train.labels[:128]),
        val=empty, test=Split(data.test.images[:50], data.test.labels[:50]))


def _no_training(*a, **k):
    raise AssertionError("fit() called although the model is cached")


def test_train_cached(digits_and_net, monkeypatch, _jaxeff_cache):
    digits, model = digits_and_net
    data = _small(digits)
    cfg = TrainConfig(epochs=1, batch_size=64)
    v1, meta1 = zoo.train_cached("resnet_tiny", model, data, cfg, progress=False)
    assert 0.0 <= meta1["test_top1"] <= 100.0
    assert meta1["params"] == 1382
    (entry,) = (_jaxeff_cache / "models").iterdir()
    assert entry.name.startswith("resnet_tiny-")
    assert (entry / "variables.msgpack").exists() and (entry / "meta.json").exists()
    assert zoo.is_cached("resnet_tiny", data, cfg)

    monkeypatch.setattr(T, "fit", _no_training)
    v2, meta2 = zoo.train_cached("resnet_tiny", model, data, cfg, progress=False)
    assert jax.tree.structure(v2) == jax.tree.structure(v1)
    jax.tree.map(np.testing.assert_array_equal, v2, v1)
    assert meta2 == json.loads(json.dumps(meta1))
    # another training config is another cache entry
    other = TrainConfig(epochs=1, batch_size=64, seed=1)
    assert not zoo.is_cached("resnet_tiny", data, other)
    with pytest.raises(AssertionError, match="fit"):
        zoo.train_cached("resnet_tiny", model, data, other, progress=False)


def test_cache_keyed_on_data_and_augmentation(digits_and_net, monkeypatch):
    """Issue 14 item 2: another copy of the data with the same shapes, or another
    augmentation, misses the cache (never a stale model)."""
    digits, model = digits_and_net
    data = _small(digits)
    cfg = TrainConfig(epochs=1, batch_size=64)
    zoo.train_cached("resnet_tiny", model, data, cfg, progress=False)
    monkeypatch.setattr(T, "fit", _no_training)
    assert zoo.is_cached("resnet_tiny", data, cfg)
    img = data.train.images.copy()
    img[5, 3, 3, 0] ^= 0x10  # one pixel of one training image
    copy = dataclasses.replace(data, train=Split(img, data.train.labels))
    assert copy.sizes == data.sizes and not zoo.is_cached("resnet_tiny", copy, cfg)
    flipped = dataclasses.replace(data, augment=Augment(hflip=True))
    assert not zoo.is_cached("resnet_tiny", flipped, cfg)
    explicit = dataclasses.replace(cfg, augment=Augment(pad=1))
    assert not zoo.is_cached("resnet_tiny", data, explicit)
    # augment=False on a dataset without augmentation trains the same thing: a hit
    assert zoo.is_cached("resnet_tiny", data, dataclasses.replace(cfg, augment=False))
    assert not zoo.is_cached("resnet_tiny", data, cfg, model_kwargs={"width": 2})
    with pytest.raises(AssertionError, match="fit"):
        zoo.train_cached("resnet_tiny", model, copy, cfg, progress=False)


def test_specs_and_recipes():
    s = zoo.float_base("vit_digits/2", "digits")
    assert s.model == "vit_digits/2" and s.dataset == "digits" and s.val_size == 200
    assert s.train.optimizer == "adamw" and s.train.epochs == 20
    assert s.train.batch_size == 32 and s.train.lr == 2e-3
    assert zoo.model_kwargs(s) == {"image_size": 8}
    c = zoo.float_base("resnet20", "cifar10")
    assert c.train.optimizer == "sgd" and c.train.epochs == 30 and c.val_size == 1000
    assert zoo.model_kwargs(c) == {}
    assert zoo.ModelSpec.smoke().model == "resnet_tiny"


def test_calibration_batches(digits_and_net):
    digits = digits_and_net[0]
    imgs = digits.train.images
    b = zoo.calibration_batches(imgs, digits.mean, digits.std, 50, 20, seed=3)
    assert [len(x) for x in b] == [20, 20, 10]
    idx = np.sort(np.random.default_rng(3).choice(len(imgs), 50, replace=False))
    np.testing.assert_array_equal(np.concatenate(b),
                                  normalize(imgs[idx], digits.mean, digits.std))
    assert not np.array_equal(
        np.concatenate(b),
        np.concatenate(zoo.calibration_batches(imgs, digits.mean, digits.std, 50, 20,
                                               seed=4)))
    with pytest.raises(ValueError, match="calibration needs"):
        zoo.calibration_batches(imgs, digits.mean, digits.std, len(imgs) + 1, 10, 0)


def test_validation_batches(digits_and_net):
    digits = digits_and_net[0]  # 200 validation images
    b = zoo.validation_batches(digits, 64)  # 3 whole batches, the rest unused
    assert [len(x) for x in b] == [64, 64, 64]
    np.testing.assert_array_equal(np.concatenate(b),
                                  digits.preprocess(digits.val.images[:192]))
    assert [len(x) for x in zoo.validation_batches(digits, 500)] == [200]
    with pytest.raises(ValueError, match="validation"):
        zoo.validation_batches(dataclasses.replace(
            digits, val=Split(digits.val.images[:0], digits.val.labels[:0])), 10)
