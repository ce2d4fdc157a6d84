"""Tests for jaxeff.data.vision: loaders (synthetic files + real data if JAXEFF_DATA),
splits, and the batch iterator / augmentations."""

import dataclasses
import gzip
import io
import os
import pathlib
import pickle
import zipfile

import numpy as np
import pytest
from PIL import Image

from jaxeff.data import vision as V

CLASSES = ["cat", "airplane", "truck", "bird", "ship", "dog", "frog", "horse", "deer",
           "automobile"]  # deliberately unsorted: labels must follow sorted order


@pytest.fixture(autouse=True)
def _tmp_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("JAXEFF_CACHE", str(tmp_path / "cache"))


def _rows(images, labels):
    """Multiset of (image bytes, label) for partition checks."""
    return sorted(im.tobytes() + bytes([lab]) for im, lab in zip(images, labels))


# ----------------------------------------------------------------------------- digits


def test_digits_shapes_split_and_reproducible():
    train, test = V.load_digits()
    assert train.images.shape == (1438, 8, 8, 1) and test.images.shape == (359, 8, 8, 1)
    assert train.images.dtype == np.uint8 and train.labels.dtype == np.int32
    assert train.images.max() == 255 and set(np.unique(train.labels)) == set(range(10))
    from sklearn.datasets import load_digits

    d = load_digits()
    full = (d.images.astype(int) * 255 // 16).astype(np.uint8)[..., None]
    all_rows = _rows(np.concatenate([train.images, test.images]),
                     np.concatenate([train.labels, test.labels]))
    assert all_rows == _rows(full, d.target)  # train/test partition the data set

    a = V.load_vision("digits", val_size=0.1, seed=3)
    b = V.load_vision("digits", val_size=0.1, seed=3)
    c = V.load_vision("digits", val_size=0.1, seed=4)
    assert a.num_classes == 10 and a.image_shape == (8, 8, 1)
    assert len(a.val.labels) == 144 and len(a.train.labels) == 1438 - 144
    assert len(a.test.labels) == 359
    np.testing.assert_array_equal(a.val.images, b.val.images)
    assert not np.array_equal(a.val.images, c.val.images)
    # train and val partition the original train split
    merged = _rows(np.concatenate([a.train.images, a.val.images]),
                   np.concatenate([a.train.labels, a.val.labels]))
    assert merged == _rows(train.images, train.labels)
    x = a.train.images.astype(np.float64) / 255
    np.testing.assert_allclose(a.mean, [x.mean()], rtol=1e-12)
    np.testing.assert_allclose(a.std, [x.std()], rtol=1e-12)

    d0 = V.load_vision("digits", val_size=0)
    assert d0.val.images.shape == (0, 8, 8, 1) and len(d0.train.labels) == 1438
    assert len(V.load_vision("digits", val_size=100).val.labels) == 100


def test_load_vision_errors(monkeypatch):
    with pytest.raises(ValueError, match="cifar10.*mnist.*digits"):
        V.load_vision("imagenet")
    for bad in (1.0, -1, 5000, True):
        with pytest.raises(ValueError, match="val_size"):
            V.load_vision("digits", val_size=bad)
    monkeypatch.delenv("JAXEFF_DATA", raising=False)
    with pytest.raises(FileNotFoundError, match="JAXEFF_DATA"):
        V.data_root()
    with pytest.raises(FileNotFoundError, match="nowhere"):
        V.data_root("/nowhere/at/all")


# ----------------------------------------------------------------------- CIFAR pickle


def _write_pickles(folder: pathlib.Path, rng):
    folder.mkdir(parents=True)
    batches = {}
    for i, name in enumerate([f"data_batch_{k}" for k in range(1, 6)] + ["test_batch"]):
        n = 2 + i % 2
        data = rng.integers(0, 256, (n, 3072), dtype=np.uint8)
        labels = [int(v) for v in rng.integers(0, 10, n)]
        with open(folder / name, "wb") as f:
            pickle.dump({b"data": data, b"labels": labels, b"batch_label": b"x"}, f)
        batches[name] = (data, labels)
    return batches


def test_cifar_pickle_folder(tmp_path):
    batches = _write_pickles(tmp_path / "cifar-10-batches-py", np.random.default_rng(0))
    for path in (tmp_path / "cifar-10-batches-py", tmp_path):
        train, test = V.load_cifar10(path)
        data = np.concatenate([batches[f"data_batch_{k}"][0] for k in range(1, 6)])
        labels = sum((batches[f"data_batch_{k}"][1] for k in range(1, 6)), [])
        assert train.images.shape == (len(data), 32, 32, 3)
        np.testing.assert_array_equal(train.labels, labels)
        # CHW row layout: pixel (y, x, c) is data[c * 1024 + y * 32 + x]
        assert train.images[0, 5, 7, 2] == data[0, 2 * 1024 + 5 * 32 + 7]
        np.testing.assert_array_equal(
            train.images, data.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1))
        np.testing.assert_array_equal(
            test.images,
            batches["test_batch"][0].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1))
    d = V.load_vision("cifar10", tmp_path, val_size=0)
    assert d.image_shape == (32, 32, 3) and len(d.mean) == 3
    (tmp_path / "cifar-10-batches-py" / "data_batch_3").unlink()
    with pytest.raises(FileNotFoundError, match="data_batch_3"):
        V.load_cifar10(tmp_path)
    with pytest.raises(FileNotFoundError, match="expected"):
        V.load_cifar10(tmp_path / "missing")


class _RunsCode:
    def __reduce__(self):
        import os

        return (os.system, ("touch CODE_RAN",))


def test_cifar_pickle_that_would_run_code_is_refused_unexecuted(tmp_path, monkeypatch):
    _write_pickles(tmp_path / "cifar-10-batches-py", np.random.default_rng(0))
    monkeypatch.chdir(tmp_path)
    with open(tmp_path / "cifar-10-batches-py" / "data_batch_2", "wb") as f:
        pickle.dump({b"data": _RunsCode(), b"labels": [0]}, f)
    with pytest.raises(ValueError, match="refusing to load global .*system"):
        V.load_cifar10(tmp_path)
    assert not (tmp_path / "CODE_RAN").exists()


# -------------------------------------------------------------------------- CIFAR zip


def _png(arr):
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, format="PNG")
    return buf.getvalue()


def _write_zip(path, rng, n_train=2, n_test=1, top="", extra=()):
    """ImageFolder zip of PNGs; returns {split: [(k, image, class name)]}."""
    content = {"train": [], "test": []}
    with zipfile.ZipFile(path, "w") as zf:
        for split, n in (("train", n_train), ("test", n_test)):
            for cls in CLASSES:
                for k in reversed(range(n)):  # written out of order on purpose
                    img = rng.integers(0, 256, (32, 32, 3), dtype=np.uint8)
                    zf.writestr(f"{top}{split}/{cls}/{k:04d}.png", _png(img))
                    content[split].append((k, img, cls))
        for name, data in extra:
            zf.writestr(name, data)
    return content


def _expected(content, split):
    items = sorted(content[split], key=lambda t: (sorted(CLASSES).index(t[2]), t[0]))
    return (np.stack([t[1] for t in items]),
            np.array([sorted(CLASSES).index(t[2]) for t in items]))


def test_cifar_zip_png_exact_and_cached(tmp_path, caplog):
    content = _write_zip(tmp_path / "cifar10-jpeg.zip", np.random.default_rng(1))
    with caplog.at_level("WARNING", logger="jaxeff.data.vision"):
        train, test = V.load_cifar10(tmp_path)
    for split, got in (("train", train), ("test", test)):
        images, labels = _expected(content, split)
        np.testing.assert_array_equal(got.images, images)
        np.testing.assert_array_equal(got.labels, labels)
    assert train.labels.dtype == np.int32 and len(train.labels) == 20
    cached = list((tmp_path / "cache").glob("cifar10-*.npz"))
    assert len(cached) == 1 and not list((tmp_path / "cache").glob("*.tmp"))
    # writing the decoded copy is announced with its path (issue 25 item 7)
    assert sum(str(cached[0]) in r.getMessage() for r in caplog.records) == 2
    train2, test2 = V.load_cifar10(tmp_path / "cifar10-jpeg.zip")  # from the cache
    np.testing.assert_array_equal(train2.images, train.images)
    np.testing.assert_array_equal(test2.labels, test.labels)
    # a common top-level folder is accepted
    _write_zip(tmp_path / "top.zip", np.random.default_rng(1), top="cifar10/")
    np.testing.assert_array_equal(V.load_cifar10(tmp_path / "top.zip")[0].images,
                                  train.images)


def test_cifar_zip_corrupt_entry_named(tmp_path):
    buf = io.BytesIO()
    Image.fromarray(np.full((32, 32, 3), 90, np.uint8)).save(buf, format="JPEG")
    rng = np.random.default_rng(2)
    for i, bad in enumerate([buf.getvalue()[:200], b"definitely not a jpeg"]):
        path = tmp_path / f"bad{i}.zip"
        _write_zip(path, rng, extra=[("train/dog/9999.jpg", bad)])
        with pytest.raises(ValueError, match="train/dog/9999.jpg"):
            V.load_cifar10(path)


def test_cifar_zip_wrong_layout(tmp_path):
    with zipfile.ZipFile(tmp_path / "flat.zip", "w") as zf:
        for cls in CLASSES:
            zf.writestr(f"images/{cls}/0.png", _png(np.zeros((32, 32, 3), np.uint8)))
    with pytest.raises(ValueError, match="layout"):
        V.load_cifar10(tmp_path / "flat.zip")
    (tmp_path / "notazip.zip").write_bytes(b"hello")
    with pytest.raises(ValueError, match="notazip.zip"):
        V.load_cifar10(tmp_path / "notazip.zip")


# ------------------------------------------------------------------------------ MNIST


def _idx(arr, magic):
    dims = b"".join(d.to_bytes(4, "big") for d in arr.shape)
    return magic.to_bytes(4, "big") + dims + arr.astype(np.uint8).tobytes()


def _write_mnist(folder, rng, gz, n=(5, 3)):
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for prefix, k in zip(("train", "t10k"), n):
        images = rng.integers(0, 256, (k, 28, 28), dtype=np.uint8)
        labels = rng.integers(0, 10, k).astype(np.uint8)
        for kind, data in (("images-idx3", _idx(images, 0x803)),
                           ("labels-idx1", _idx(labels, 0x801))):
            name = folder / f"{prefix}-{kind}-ubyte{'.gz' if gz else ''}"
            name.write_bytes(gzip.compress(data) if gz else data)
        out[prefix] = (images, labels)
    return out


@pytest.mark.parametrize("gz", [False, True])
def test_mnist_idx(tmp_path, gz):
    ref = _write_mnist(tmp_path / "mnist", np.random.default_rng(3), gz)
    train, test = V.load_mnist(tmp_path / "mnist")
    assert train.images.shape == (5, 28, 28, 1) and test.images.shape == (3, 28, 28, 1)
    np.testing.assert_array_equal(train.images[..., 0], ref["train"][0])
    np.testing.assert_array_equal(test.labels, ref["t10k"][1])
    d = V.load_vision("mnist", tmp_path, val_size=1)  # root holding mnist/ also works
    assert len(d.train.labels) == 4 and len(d.val.labels) == 1


def test_mnist_errors(tmp_path):
    folder = tmp_path / "m"
    rng = np.random.default_rng(4)
    _write_mnist(folder, rng, gz=False)
    f = folder / "train-images-idx3-ubyte"
    good = f.read_bytes()
    f.write_bytes(b"\x00\x00\x08\x01" + good[4:])
    with pytest.raises(ValueError, match="magic.*train-images|train-images.*magic"):
        V.load_mnist(folder)
    f.write_bytes(good[:-10])
    with pytest.raises(ValueError, match="truncated"):
        V.load_mnist(folder)
    gzf = folder / "train-images-idx3-ubyte.gz"
    f.unlink()
    gzf.write_bytes(gzip.compress(good)[:-30])
    with pytest.raises(ValueError, match="train-images-idx3-ubyte.gz"):
        V.load_mnist(folder)
    gzf.unlink()
    with pytest.raises(FileNotFoundError, match="train-images-idx3-ubyte"):
        V.load_mnist(folder)
    _write_mnist(folder, rng, gz=False, n=(5, 3))
    (folder / "train-labels-idx1-ubyte").write_bytes(_idx(np.zeros(4), 0x801))
    with pytest.raises(ValueError, match="5 images.*4 labels"):
        V.load_mnist(folder)
    (folder / "train-labels-idx1-ubyte").write_bytes(_idx(np.full(5, 12), 0x801))
    with pytest.raises(ValueError, match="labels must lie"):
        V.load_mnist(folder)
    with pytest.raises(FileNotFoundError, match="does not exist"):
        V.load_mnist(tmp_path / "nope")


# -------------------------------------------------------------------------- real data

REAL = os.environ.get("JAXEFF_DATA")
USER_CACHE = os.environ.get("JAXEFF_CACHE")  # as set before the autouse fixture
needs_data = pytest.mark.skipif(not REAL, reason="JAXEFF_DATA not set")


@needs_data
def test_real_cifar10(monkeypatch):
    # share the decoded cache with other runs (decoding from scratch takes ~8 s)
    if USER_CACHE:
        monkeypatch.setenv("JAXEFF_CACHE", USER_CACHE)
    else:
        monkeypatch.delenv("JAXEFF_CACHE")
    train, test = V.load_cifar10(pathlib.Path(REAL) / "cifar10")
    assert train.images.shape == (50000, 32, 32, 3)
    assert test.images.shape == (10000, 32, 32, 3)
    np.testing.assert_array_equal(np.bincount(train.labels), [5000] * 10)
    np.testing.assert_array_equal(np.bincount(test.labels), [1000] * 10)
    samples = pathlib.Path(REAL) / "cifar10" / "lossless_test_samples"
    files = sorted(samples.glob("*.png"))
    assert len(files) == 20
    seen = []
    for f in files:
        label = int(f.stem.split("_")[2])
        k = seen.count(label)  # k-th test image of this class -> test/<class>/<k>.jpg
        seen.append(label)
        i = label * 1000 + k  # our test split is ordered by class, then file index
        assert test.labels[i] == label
        png = np.asarray(Image.open(f).convert("RGB"), np.float64)
        mse = np.mean((png - test.images[i]) ** 2)
        assert 10 * np.log10(255**2 / mse) > 25, f.name


@needs_data
def test_real_mnist():
    d = V.load_vision("mnist", val_size=0)
    assert d.train.images.shape == (60000, 28, 28, 1) and d.image_shape == (28, 28, 1)
    np.testing.assert_array_equal(
        np.bincount(d.train.labels),
        [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
    np.testing.assert_array_equal(
        np.bincount(d.test.labels),
        [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])


# -------------------------------------------------------------------- batches / augment


def _toy_split(n=10, hw=32):
    images = np.zeros((n, hw, hw, 3), np.uint8)
    images[:] = np.arange(n, dtype=np.uint8)[:, None, None, None] * 20  # id in pixels
    return V.Split(images, np.arange(n, dtype=np.int32) % 10)


def test_iterate_batches_counts_order_and_normalization():
    s = _toy_split()
    kw = dict(mean=(0.5, 0.5, 0.5), std=(0.25, 0.25, 0.25))
    assert len(list(V.iterate_batches(s, 4, shuffle=False, **kw))) == 2
    batches = list(V.iterate_batches(s, 4, shuffle=False, drop_remainder=False, **kw))
    assert [len(b["label"]) for b in batches] == [4, 4, 2]
    labels = np.concatenate([b["label"] for b in batches])
    np.testing.assert_array_equal(labels, s.labels)
    b = batches[0]
    assert b["image"].dtype == np.float32 and b["label"].dtype == np.int32
    np.testing.assert_allclose(b["image"], (s.images[:4] / 255 - 0.5) / 0.25, atol=1e-6)
    rng = np.random.default_rng(0)
    shuf = list(V.iterate_batches(s, 3, rng=rng, drop_remainder=False, **kw))
    labels = np.concatenate([b["label"] for b in shuf])
    assert sorted(labels) == list(s.labels) and list(labels) != list(s.labels)
    with pytest.raises(ValueError, match="rng"):
        next(V.iterate_batches(s, 4, **kw))


def test_augmentation_shapes_and_identities():
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, (6, 32, 32, 3), dtype=np.uint8)
    s = V.Split(images, np.arange(6, dtype=np.int32))
    kw = dict(mean=(0.5,) * 3, std=(0.2,) * 3)
    for b in V.iterate_batches(s, 3, rng=rng, augment=V.Augment(pad=4, hflip=True),
                               **kw):
        assert b["image"].shape == (3, 32, 32, 3) and b["image"].dtype == np.float32
    flip = V.Augment(hflip=True)  # flip only: each image is itself or its mirror
    b = next(V.iterate_batches(s, 6, rng=rng, shuffle=False, augment=flip, **kw))
    for got, x in zip(b["image"], V.normalize(s.images, **kw)):
        assert np.allclose(got, x) or np.allclose(got, x[:, ::-1])
    # no augmentation (None or a disabled Augment) is the identity, and needs no rng
    for none in (None, V.Augment()):
        b = next(V.iterate_batches(s, 6, shuffle=False, augment=none, **kw))
        np.testing.assert_array_equal(b["image"], V.normalize(s.images, **kw))
    # augmentation is the dataset's property: a bare True is refused
    with pytest.raises(ValueError, match="Augment"):
        next(V.iterate_batches(s, 3, rng=rng, augment=True, **kw))
    with pytest.raises(ValueError, match="pad"):
        V.Augment(pad=-1)

    np.testing.assert_array_equal(V.pad_crop(rng, images, pad=0), images)
    np.testing.assert_array_equal(V.hflip(rng, images, p=1.0), images[:, :, ::-1])
    np.testing.assert_array_equal(V.hflip(rng, images, p=0.0), images)
    out = V.pad_crop(rng, images, pad=2)
    assert out.shape == images.shape and out.dtype == np.uint8
    padded = np.pad(images, ((0, 0), (2, 2), (2, 2), (0, 0)))
    for o, p in zip(out, padded):  # every output is one 32x32 window of the padding
        assert any(np.array_equal(o, p[y:y + 32, x:x + 32])
                   for y in range(5) for x in range(5))


def test_augmentation_is_per_dataset():
    """Issue 14: a mirrored digit is another glyph, so digits/MNIST are never flipped;
    8x8 digits are not translated either; CIFAR-10 keeps pad-crop + flips."""
    assert V.AUGMENTATIONS["cifar10"] == V.Augment(pad=4, hflip=True)
    assert not V.AUGMENTATIONS["mnist"].hflip
    assert not V.AUGMENTATIONS["digits"].enabled
    d = V.load_vision("digits", val_size=200)
    assert d.augment == V.Augment()
    rng = np.random.default_rng(0)
    b = next(V.iterate_batches(d.train, 64, rng=rng, augment=d.augment,
                               preprocess=V.raw_pixels))
    idx = np.random.default_rng(0).permutation(len(d.train))[:64]
    np.testing.assert_array_equal(b["image"], d.train.images[idx].astype(np.float32))


def test_split_sizes_and_fingerprint():
    d = V.load_vision("digits", val_size=200)
    assert d.sizes == {"train": 1238, "val": 200, "test": 359}  # README's split
    assert V.load_vision("digits", val_size=0).sizes == {
        "train": 1438, "val": 0, "test": 359}
    fp = d.fingerprint
    assert len(fp) == 64 and fp == V.load_vision("digits", val_size=200).fingerprint
    # same shapes, one pixel / one label / another carve-out: another fingerprint
    img = d.train.images.copy()
    img[0, 0, 0, 0] ^= 1
    other = dataclasses.replace(d, train=V.Split(img, d.train.labels))
    lab = d.test.labels.copy()
    lab[0] = (lab[0] + 1) % 10
    other2 = dataclasses.replace(d, test=V.Split(d.test.images, lab))
    other3 = V.load_vision("digits", val_size=200, seed=1)
    fps = {fp, other.fingerprint, other2.fingerprint, other3.fingerprint}
    assert len(fps) == 4


def test_preprocess_choices():
    d = V.load_vision("digits", val_size=200)
    x = d.test.images[:5]
    np.testing.assert_array_equal(d.preprocess(x), V.normalize(x, d.mean, d.std))
    raw = V.raw_pixels(x)
    assert raw.dtype == np.float32 and raw.max() == x.max() == 255
    b = next(V.iterate_batches(d.test, 5, shuffle=False, preprocess=V.raw_pixels))
    np.testing.assert_array_equal(b["image"], raw)
    with pytest.raises(ValueError, match="not both"):
        next(V.iterate_batches(d.test, 5, shuffle=False, preprocess=V.raw_pixels,
                               mean=d.mean, std=d.std))
    with pytest.raises(ValueError, match="mean= and std="):
        next(V.iterate_batches(d.test, 5, shuffle=False))
