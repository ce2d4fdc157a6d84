"""Image-classification datasets as numpy arrays: CIFAR-10, MNIST, scikit-learn digits.

Not a paper method; the data side of the pipeline (DESIGN.md, "data -> net -> ...").
Loaders read standard formats and return uint8 ``[N, H, W, C]`` images with int32
labels:

* CIFAR-10: an ImageFolder zip (``train/<class>/<n>.jpg``, ``test/...``; classes sorted
  alphabetically give labels 0..9), the official python-pickle folder
  ``cifar-10-batches-py``, or an ``.npz`` with ``x_train, y_train, x_test, y_test``.
  Decoded zips are cached as ``.npz`` under :func:`cache_dir`.
* MNIST: the four idx files (raw or ``.gz``).
* digits: ``sklearn.datasets.load_digits`` (bundled, needs no files).

Batches are ``{"image": float32 [B, H, W, C], "label": int32 [B]}``; the images are
normalized with the train split's channel statistics unless another ``preprocess``
is given (e.g. :func:`raw_pixels` for a model that expects 0..255 input).

Training augmentation is a property of the dataset (:attr:`VisionData.augment`,
table :data:`AUGMENTATIONS`): CIFAR-10 gets the usual zero-pad 4 + random crop and
horizontal flips; MNIST only small translations (pad 2 + crop: a mirrored digit is
another glyph); scikit-learn's 8x8 digits none.

``$JAXEFF_CACHE`` (default ``~/.cache/jaxeff``) holds decoded copies of zipped
datasets (CIFAR-10's JPEG zip: a 177 MB ``.npz``, written once and announced by a
warning) and the trained-model cache of :mod:`jaxeff.zoo`.

Length (about 700 lines): one module on purpose. Every loader returns the same
:class:`Split` / :class:`VisionData` types, shares the path, cache and
error-message helpers, and its format checks (each a named error) are most of the
text; splitting by dataset would scatter those shared pieces over four files.
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import hashlib
import io
import logging
import os
import pathlib
import pickle
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

__all__ = [
    "AUGMENTATIONS",
    "DATASETS",
    "Augment",
    "Split",
    "VisionData",
    "cache_dir",
    "data_root",
    "hflip",
    "iterate_batches",
    "load_cifar10",
    "load_digits",
    "load_image_folder_zip",
    "load_mnist",
    "load_vision",
    "normalize",
    "pad_crop",
    "raw_pixels",
]

DATASETS = ("cifar10", "mnist", "digits")
_IMAGE_EXTS = (".jpg", ".jpeg", ".png", ".bmp")
_CACHE_VERSION = 1


@dataclasses.dataclass(frozen=True)
class Split:
    """One split: ``images`` [N, H, W, C] uint8, ``labels`` [N] int32."""

    images: np.ndarray
    labels: np.ndarray

    def __len__(self) -> int:
        return len(self.labels)


@dataclasses.dataclass(frozen=True)
class Augment:
    """Label-preserving training augmentation of one dataset.

    ``pad``: zero-pad H and W by ``pad`` pixels and take a random HxW crop (random
    translation by up to ``pad`` pixels; 0 = off). ``hflip``: flip left-right with
    probability 1/2 (only for classes that are mirror-invariant: natural images, not
    digits or letters).
    """

    pad: int = 0
    hflip: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.pad, bool) or not isinstance(self.pad, int) or self.pad < 0:
            raise ValueError(f"Augment.pad must be an int >= 0, got {self.pad!r}")
        if not isinstance(self.hflip, bool):
            raise ValueError(f"Augment.hflip must be a bool, got {self.hflip!r}")

    @property
    def enabled(self) -> bool:
        """Whether this changes any image."""
        return self.pad > 0 or self.hflip

    def __call__(self, rng: np.random.Generator, images: np.ndarray) -> np.ndarray:
        """Augment uint8 ``[N, H, W, C]`` images (same shape and dtype out)."""
        if self.pad:
            images = pad_crop(rng, images, self.pad)
        if self.hflip:
            images = hflip(rng, images)
        return images


# Each dataset's own training augmentation (issue 14: digits were once flipped).
AUGMENTATIONS: dict[str, Augment] = {
    "cifar10": Augment(pad=4, hflip=True),
    "mnist": Augment(pad=2),
    "digits": Augment(),
}


@dataclasses.dataclass(frozen=True)
class VisionData:
    """A dataset with train/val/test splits and train-split channel statistics.

    ``mean``/``std`` are per channel on the [0, 1] pixel scale. ``val`` is carved out
    of the original training split, so ``train`` holds the rest (:attr:`sizes`).
    ``augment`` is the dataset's own training augmentation (:data:`AUGMENTATIONS`).
    """

    name: str
    train: Split
    val: Split
    test: Split
    num_classes: int
    mean: tuple[float, ...]
    std: tuple[float, ...]
    image_shape: tuple[int, int, int]
    augment: Augment = Augment()

    @property
    def sizes(self) -> dict[str, int]:
        """Images per split, e.g. CIFAR-10 with ``val_size=5000``: 45,000 / 5,000 /
        10,000 (validation images are taken from the original 50,000 train)."""
        return {"train": len(self.train), "val": len(self.val), "test": len(self.test)}

    def preprocess(self, images: np.ndarray) -> np.ndarray:
        """The dataset's own eval transform: uint8 ``[..., C]`` -> float32 normalized
        with the train split's ``mean``/``std`` (:func:`normalize`)."""
        return normalize(images, self.mean, self.std)

    @functools.cached_property
    def fingerprint(self) -> str:
        """SHA-256 (hex) of every split's images and labels (dtype, shape, bytes).

        Two copies of a dataset with the same sizes but other pixels, labels or
        validation carve-out get different fingerprints. About 0.5 s for CIFAR-10.
        """
        h = hashlib.sha256()
        for name, split in (("train", self.train), ("val", self.val),
                            ("test", self.test)):
            for arr in (split.images, split.labels):
                arr = np.ascontiguousarray(arr)
                h.update(f"{name}:{arr.dtype.str}:{arr.shape};".encode())
                h.update(memoryview(arr.reshape(-1)).cast("B"))
        return h.hexdigest()


# ----------------------------------------------------------------------------- paths


def data_root(data_dir: str | os.PathLike | None = None) -> pathlib.Path:
    """``data_dir`` if given, else ``$JAXEFF_DATA``; must be an existing folder."""
    if data_dir is None:
        env = os.environ.get("JAXEFF_DATA")
        if not env:
            raise FileNotFoundError(
                "no data folder: pass data_dir=... or set JAXEFF_DATA to a folder laid "
                "out like shared/data (cifar10/, mnist/, ...; see its README)"
            )
        data_dir = env
    root = pathlib.Path(data_dir).expanduser()
    if not root.is_dir():
        raise FileNotFoundError(f"data folder {str(root)!r} does not exist")
    return root


def cache_dir() -> pathlib.Path:
    """``$JAXEFF_CACHE`` or ``~/.cache/jaxeff``, created if missing.

    It holds decoded dataset copies (CIFAR-10 zip: 177 MB) and trained models
    (:mod:`jaxeff.zoo`, under ``models/``); point ``JAXEFF_CACHE`` elsewhere to move
    them, delete the folder to free the space (everything is rebuilt on demand).
    """
    env = os.environ.get("JAXEFF_CACHE") or "~/.cache/jaxeff"
    path = pathlib.Path(env).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def _make_split(images: np.ndarray, labels: np.ndarray, num_classes: int, src) -> Split:
    images = np.ascontiguousarray(images, dtype=np.uint8)
    labels = np.asarray(labels).astype(np.int32)
    if images.ndim != 4:
        raise ValueError(f"{src}: images must be [N, H, W, C], got {images.shape}")
    if labels.shape != (images.shape[0],):
        raise ValueError(
            f"{src}: {images.shape[0]} images but labels of shape {labels.shape}"
        )
    if labels.size and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError(
            f"{src}: labels must lie in [0, {num_classes}), found "
            f"[{labels.min()}, {labels.max()}]"
        )
    return Split(images, labels)


# --------------------------------------------------------------------------- CIFAR-10


def load_cifar10(path: str | os.PathLike) -> tuple[Split, Split]:
    """CIFAR-10 ``(train, test)`` from a zip, a folder holding it, or a pickle folder.

    ``path`` may be the ImageFolder zip itself, a folder containing ``cifar10-jpeg.zip``
    (or a single ``*.zip``), the ``cifar-10-batches-py`` folder, a folder containing
    that, or an ``.npz`` with ``x_train, y_train, x_test, y_test``.
    """
    path = pathlib.Path(path).expanduser()
    if not path.exists():
        raise FileNotFoundError(
            f"CIFAR-10 path {str(path)!r} does not exist (expected the ImageFolder "
            "zip, a folder containing it, or the cifar-10-batches-py folder)"
        )
    if path.is_file():
        if path.suffix == ".npz":
            return _cifar_from_npz(path)
        return _cifar_from_zip(path)
    if (path / "data_batch_1").exists() or (path / "test_batch").exists():
        return _cifar_from_pickles(path)
    if (path / "cifar-10-batches-py").is_dir():
        return _cifar_from_pickles(path / "cifar-10-batches-py")
    if (path / "cifar10-jpeg.zip").is_file():
        return _cifar_from_zip(path / "cifar10-jpeg.zip")
    zips = sorted(path.glob("*.zip"))
    if len(zips) == 1:
        return _cifar_from_zip(zips[0])
    raise FileNotFoundError(
        f"no CIFAR-10 data in {str(path)!r}: expected cifar10-jpeg.zip (ImageFolder "
        "layout), data_batch_1..5 + test_batch, or a cifar-10-batches-py folder; "
        f"found {sorted(p.name for p in path.iterdir())[:10]}"
    )


def _cifar_from_npz(path: pathlib.Path) -> tuple[Split, Split]:
    with np.load(path) as z:
        missing = {"x_train", "y_train", "x_test", "y_test"} - set(z.files)
        if missing:
            raise ValueError(f"{str(path)!r}: missing arrays {sorted(missing)}")
        out = [
            _make_split(z[f"x_{s}"], z[f"y_{s}"].reshape(-1), 10, f"{path}:{s}")
            for s in ("train", "test")
        ]
    return out[0], out[1]


class _ArraysOnlyUnpickler(pickle.Unpickler):
    """The CIFAR-10 "python version" batches are pickles: read them without running
    code. Only plain containers and numpy arrays may be rebuilt; any other global
    (``os.system``, a class with a ``__reduce__``...) is refused before it is called."""

    _ALLOWED = {("numpy.core.multiarray", "_reconstruct"),
                ("numpy._core.multiarray", "_reconstruct"),
                ("numpy", "ndarray"), ("numpy", "dtype")}

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in self._ALLOWED:
            raise pickle.UnpicklingError(
                f"refusing to load global {module}.{name}: a CIFAR-10 batch holds only "
                f"arrays and lists (the file may execute code)")
        return super().find_class(module, name)


def _unpickle(file: pathlib.Path) -> tuple[np.ndarray, np.ndarray]:
    if not file.is_file():
        raise FileNotFoundError(f"CIFAR-10 batch file {str(file)!r} is missing")
    try:
        with open(file, "rb") as f:
            d = _ArraysOnlyUnpickler(f, encoding="bytes").load()
        data = d.get(b"data", d.get("data"))
        labels = d.get(b"labels", d.get("labels"))
    except Exception as e:  # noqa: BLE001 - any unpickling failure means a bad file
        raise ValueError(f"cannot read CIFAR-10 batch {str(file)!r}: {e}") from e
    if data is None or labels is None:
        raise ValueError(f"{str(file)!r}: expected a dict with keys b'data', b'labels'")
    data = np.asarray(data, dtype=np.uint8)
    if data.ndim != 2 or data.shape[1] != 3072:
        raise ValueError(f"{str(file)!r}: data must be [N, 3072], got {data.shape}")
    # rows are CHW (1024 red, 1024 green, 1024 blue) -> NHWC
    return data.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1), np.asarray(labels)


def _cifar_from_pickles(folder: pathlib.Path) -> tuple[Split, Split]:
    parts = [_unpickle(folder / f"data_batch_{i}") for i in range(1, 6)]
    train = _make_split(
        np.concatenate([p[0] for p in parts]),
        np.concatenate([p[1] for p in parts]),
        10,
        str(folder / "data_batch_*"),
    )
    x, y = _unpickle(folder / "test_batch")
    return train, _make_split(x, y, 10, str(folder / "test_batch"))


def _cifar_from_zip(zpath: pathlib.Path) -> tuple[Split, Split]:
    st = zpath.stat()
    key = f"cifar10-{zpath.name}-{st.st_size}-{st.st_mtime_ns}-v{_CACHE_VERSION}.npz"
    cached = cache_dir() / key
    if cached.is_file():
        try:
            with np.load(cached) as z:
                arrays = {k: z[k] for k in z.files}
            log.info("loaded decoded %s from cache %s", zpath.name, cached)
            return (
                _make_split(arrays["train_images"], arrays["train_labels"], 10, cached),
                _make_split(arrays["test_images"], arrays["test_labels"], 10, cached),
            )
        except Exception as e:  # noqa: BLE001 - a broken cache is rebuilt
            log.warning("ignoring unreadable cache %s (%s); decoding again", cached, e)
    log.warning("decoding %s once; its decoded copy goes to %s (set JAXEFF_CACHE to "
                "write elsewhere)", zpath, cached)
    train, test, classes = load_image_folder_zip(zpath, ("train", "test"))
    if len(classes) != 10:
        raise ValueError(f"{str(zpath)!r}: CIFAR-10 needs 10 classes, found {classes}")
    fd, tmp = tempfile.mkstemp(dir=cached.parent, prefix=key, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(
                f,
                train_images=train.images,
                train_labels=train.labels,
                test_images=test.images,
                test_labels=test.labels,
                classes=np.asarray(classes),
            )
        os.chmod(tmp, 0o644)  # mkstemp makes 0600
        os.replace(tmp, cached)
        log.warning("wrote decoded %s (%.0f MB) to %s", zpath.name,
                    cached.stat().st_size / 1e6, cached)
    except OSError as e:
        log.warning("could not write cache %s: %s", cached, e)
        pathlib.Path(tmp).unlink(missing_ok=True)
    return train, test


def load_image_folder_zip(
    zpath: str | os.PathLike, splits: Sequence[str] = ("train", "test")
) -> tuple[Split, Split, list[str]]:
    """Decode an ImageFolder zip ``<split>/<class>/<file>`` (optionally under one top
    folder). Returns one Split per name in ``splits`` (all must exist) and the sorted
    class names (label i = i-th name). Images within a class are in file-name order."""
    zpath = pathlib.Path(zpath)
    try:
        zf = zipfile.ZipFile(zpath)
    except FileNotFoundError:
        raise FileNotFoundError(f"zip {str(zpath)!r} does not exist") from None
    except (zipfile.BadZipFile, OSError) as e:
        raise ValueError(f"{str(zpath)!r} is not a readable zip file: {e}") from e
    from jaxeff._extras import require

    Image = require("PIL.Image", purpose="decoding image zips")

    with zf:
        names = [
            i.filename
            for i in zf.infolist()
            if not i.is_dir() and i.filename.lower().endswith(_IMAGE_EXTS)
        ]
        parts = [n.split("/") for n in names]
        # allow one common top-level folder (e.g. "cifar10/train/cat/0.jpg")
        tops = {p[0] for p in parts}
        if parts and all(len(p) == 4 for p in parts) and len(tops) == 1:
            parts = [p[1:] for p in parts]
        by_split: dict[str, dict[str, list[str]]] = {s: {} for s in splits}
        for name, p in zip(names, parts, strict=True):
            if len(p) == 3 and p[0] in by_split:
                by_split[p[0]].setdefault(p[1], []).append(name)
        for s in splits:
            if not by_split[s]:
                raise ValueError(
                    f"{str(zpath)!r}: wrong layout, expected image entries "
                    f"'{s}/<class>/<file>' for splits {list(splits)}; first entries: "
                    f"{[i.filename for i in zf.infolist()[:5]]}"
                )
        classes = sorted(by_split[splits[0]])
        for s in splits[1:]:
            if sorted(by_split[s]) != classes:
                raise ValueError(
                    f"{str(zpath)!r}: classes of '{s}' {sorted(by_split[s])} differ "
                    f"from those of '{splits[0]}' {classes}"
                )

        def sort_key(entry: str):
            stem = entry.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            return (0, int(stem), entry) if stem.isdigit() else (1, 0, entry)

        out = []
        for s in splits:
            entries, labels = [], []
            for c, cls in enumerate(classes):
                files = sorted(by_split[s][cls], key=sort_key)
                entries += files
                labels += [c] * len(files)
            log.info("decoding %d images of '%s' from %s", len(entries), s, zpath.name)
            images = None
            for i, entry in enumerate(entries):
                try:
                    with Image.open(io.BytesIO(zf.read(entry))) as im:
                        im.load()
                        if im.mode not in ("RGB", "L"):
                            im = im.convert("RGB")
                        arr = np.asarray(im)
                except Exception as e:  # noqa: BLE001 - name the bad entry
                    raise ValueError(
                        f"{str(zpath)!r}: corrupt or unreadable image entry "
                        f"{entry!r}: {e}"
                    ) from e
                if arr.ndim == 2:
                    arr = arr[:, :, None]
                if images is None:
                    images = np.empty((len(entries), *arr.shape), np.uint8)
                if arr.shape != images.shape[1:]:
                    raise ValueError(
                        f"{str(zpath)!r}: entry {entry!r} has shape {arr.shape}, "
                        f"expected {images.shape[1:]} like the first image"
                    )
                images[i] = arr
            out.append(_make_split(images, np.asarray(labels), len(classes), zpath))
    return (*out, classes)


# ------------------------------------------------------------------------------ MNIST


def _read_idx(
    path: pathlib.Path, magic: int, item_shape: tuple[int, ...]
) -> np.ndarray:
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rb") as f:
                raw = f.read()
        else:
            raw = path.read_bytes()
    except (OSError, EOFError) as e:  # BadGzipFile is an OSError
        raise ValueError(f"cannot read idx file {str(path)!r}: {e}") from e
    ndim = len(item_shape) + 1
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise ValueError(f"idx file {str(path)!r} is truncated ({len(raw)} bytes)")
    got = int.from_bytes(raw[:4], "big")
    if got != magic:
        raise ValueError(
            f"idx file {str(path)!r}: bad magic number 0x{got:08x}, "
            f"expected 0x{magic:08x}"
        )
    dims = [int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim)]
    if tuple(dims[1:]) != item_shape:
        raise ValueError(
            f"idx file {str(path)!r}: dims {dims}, expected [N, *{item_shape}]"
        )
    size = int(np.prod(dims))
    if len(raw) - header != size:
        what = "truncated" if len(raw) - header < size else "too long"
        raise ValueError(
            f"idx file {str(path)!r} is {what}: header says {dims} = {size} bytes of "
            f"data, file holds {len(raw) - header}"
        )
    return np.frombuffer(raw, np.uint8, offset=header).reshape(dims)


def _find_idx(folder: pathlib.Path, prefix: str, kind: str, n: int) -> pathlib.Path:
    cands = [
        f"{prefix}-{kind}-idx{n}-ubyte{gz}" for gz in ("", ".gz")
    ] + [f"{prefix}-{kind}.idx{n}-ubyte{gz}" for gz in ("", ".gz")]
    for c in cands:
        if (folder / c).is_file():
            return folder / c
    raise FileNotFoundError(
        f"MNIST file missing in {str(folder)!r}: expected {cands[0]} or {cands[1]}"
    )


def load_mnist(path: str | os.PathLike) -> tuple[Split, Split]:
    """MNIST ``(train, test)`` from a folder with the four idx files; [N, 28, 28, 1]."""
    folder = pathlib.Path(path).expanduser()
    if not folder.is_dir():
        raise FileNotFoundError(
            f"MNIST folder {str(folder)!r} does not exist (expected a folder with "
            "train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], t10k-...)"
        )
    out = []
    for prefix in ("train", "t10k"):
        ipath = _find_idx(folder, prefix, "images", 3)
        lpath = _find_idx(folder, prefix, "labels", 1)
        images = _read_idx(ipath, 0x803, (28, 28))
        labels = _read_idx(lpath, 0x801, ())
        if len(images) != len(labels):
            raise ValueError(
                f"{str(ipath)!r} holds {len(images)} images but {str(lpath)!r} "
                f"holds {len(labels)} labels"
            )
        out.append(_make_split(images[..., None], labels, 10, lpath))
    return out[0], out[1]


# ----------------------------------------------------------------------------- digits


def load_digits() -> tuple[Split, Split]:
    """scikit-learn digits as [N, 8, 8, 1] uint8 (0..16 -> x*255//16), seeded 80/20."""
    from jaxeff._extras import require

    _sk_load_digits = require(
        "sklearn.datasets", purpose="the bundled digits dataset"
    ).load_digits

    d = _sk_load_digits()
    images = (d.images.astype(np.int64) * 255 // 16).astype(np.uint8)[..., None]
    labels = d.target.astype(np.int32)
    perm = np.random.default_rng(0).permutation(len(labels))
    n_test = int(round(0.2 * len(labels)))
    test_idx, train_idx = np.sort(perm[:n_test]), np.sort(perm[n_test:])
    return (
        _make_split(images[train_idx], labels[train_idx], 10, "digits"),
        _make_split(images[test_idx], labels[test_idx], 10, "digits"),
    )


# ----------------------------------------------------------------------------- public


def _channel_stats(images: np.ndarray) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Exact per-channel mean/std on [0, 1] scale via chunked 256-bin histograms."""
    c = images.shape[-1]
    hist = np.zeros((c, 256), np.int64)
    for s in range(0, len(images), 4096):
        chunk = images[s : s + 4096]
        for ch in range(c):
            hist[ch] += np.bincount(chunk[..., ch].ravel(), minlength=256)
    v = np.arange(256, dtype=np.float64) / 255.0
    n = hist.sum(axis=1)
    mean = hist @ v / n
    var = np.maximum(hist @ (v * v) / n - mean**2, 0.0)
    return tuple(float(m) for m in mean), tuple(float(s) for s in np.sqrt(var))


def load_vision(
    name: str,
    data_dir: str | os.PathLike | None = None,
    *,
    val_size: int | float = 0.1,
    seed: int = 0,
) -> VisionData:
    """Load ``name`` in {"cifar10", "mnist", "digits"} with a seeded validation split.

    ``data_dir`` is the dataset folder (default ``$JAXEFF_DATA/<name>``); a folder that
    holds a ``<name>`` sub-folder is also accepted. ``val_size`` is a count (int) or a
    fraction (float) of the original training split moved into ``val`` by a
    ``seed``-ed permutation, so ``train`` shrinks by as much: CIFAR-10 with the
    default 0.1 gives 45,000 train / 5,000 val / 10,000 test, digits with
    ``val_size=200`` gives 1,238 / 200 / 359 (see :attr:`VisionData.sizes`); 0 ->
    empty val, full train. Train/val keep the original order. ``mean``/``std`` come
    from the final train split. A zipped CIFAR-10 is decoded once into
    :func:`cache_dir` (a warning names the file written).
    """
    if name not in DATASETS:
        raise ValueError(f"unknown dataset {name!r}; valid names: {list(DATASETS)}")
    if name == "digits":
        train, test = load_digits()
    else:
        if data_dir is None:
            folder = data_root() / name
        else:
            folder = pathlib.Path(data_dir).expanduser()
            if (folder / name).is_dir():
                folder = folder / name
        train, test = (load_cifar10 if name == "cifar10" else load_mnist)(folder)

    n = len(train.labels)
    if isinstance(val_size, bool) or not isinstance(val_size, int | float):
        raise ValueError(f"val_size must be an int or a float fraction: {val_size!r}")
    if isinstance(val_size, float):
        if not 0.0 <= val_size < 1.0:
            raise ValueError(f"val_size fraction must be in [0, 1), got {val_size}")
        n_val = int(round(val_size * n))
    else:
        n_val = val_size
    if not 0 <= n_val < n:
        raise ValueError(f"val_size {val_size} leaves no training data (train has {n})")
    perm = np.random.default_rng(seed).permutation(n)
    val_idx, tr_idx = np.sort(perm[:n_val]), np.sort(perm[n_val:])
    val = Split(train.images[val_idx], train.labels[val_idx])
    if n_val:
        train = Split(train.images[tr_idx], train.labels[tr_idx])
    mean, std = _channel_stats(train.images)
    log.info(
        "%s: train %d, val %d, test %d, mean %s, std %s",
        name, len(train.labels), n_val, len(test.labels), mean, std,
    )
    return VisionData(
        name=name,
        train=train,
        val=val,
        test=test,
        num_classes=10,
        mean=mean,
        std=std,
        image_shape=tuple(int(s) for s in train.images.shape[1:]),
        augment=AUGMENTATIONS[name],
    )


def normalize(images: np.ndarray, mean, std) -> np.ndarray:
    """uint8 [..., C] -> float32 ``(x / 255 - mean) / std``."""
    if mean is None or std is None:
        raise ValueError("normalize needs mean= and std= (per channel, [0, 1] scale)")
    mean = np.asarray(mean, np.float32)
    std = np.asarray(std, np.float32)
    return (np.asarray(images, np.float32) * np.float32(1 / 255) - mean) / std


def raw_pixels(images: np.ndarray) -> np.ndarray:
    """uint8 [..., C] -> float32 0..255 (a ``preprocess`` for raw-pixel models)."""
    return np.asarray(images, np.float32)


def _preprocess_fn(mean, std, preprocess: Callable | None) -> Callable:
    if preprocess is not None:
        if mean is not None or std is not None:
            raise ValueError("pass either preprocess= or mean=/std=, not both")
        if not callable(preprocess):
            raise ValueError(f"preprocess must be callable, got {preprocess!r}")
        return preprocess
    if mean is None or std is None:
        raise ValueError("pass mean= and std= (the dataset's normalization, e.g. "
                         "data.mean, data.std) or preprocess= (e.g. data.preprocess, "
                         "raw_pixels)")
    return functools.partial(normalize, mean=mean, std=std)


def pad_crop(rng: np.random.Generator, images: np.ndarray, pad: int = 4) -> np.ndarray:
    """Zero-pad H and W by ``pad``, take a random HxW crop per image; uint8 in/out."""
    if pad < 0:
        raise ValueError(f"pad must be >= 0, got {pad}")
    images = np.asarray(images)
    if pad == 0:
        return images.copy()
    n, h, w, c = images.shape
    padded = np.zeros((n, h + 2 * pad, w + 2 * pad, c), images.dtype)
    padded[:, pad : pad + h, pad : pad + w] = images
    oy = rng.integers(0, 2 * pad + 1, size=n)
    ox = rng.integers(0, 2 * pad + 1, size=n)
    rows = (oy[:, None] + np.arange(h))[:, :, None]
    cols = (ox[:, None] + np.arange(w))[:, None, :]
    return padded[np.arange(n)[:, None, None], rows, cols]


def hflip(rng: np.random.Generator, images: np.ndarray, p: float = 0.5) -> np.ndarray:
    """Flip each image left-right with probability ``p``. [N, H, W, C] in/out."""
    images = np.asarray(images)
    flip = rng.random(len(images)) < p
    out = images.copy()
    out[flip] = images[flip, :, ::-1]
    return out


def iterate_batches(
    split: Split,
    batch_size: int,
    *,
    mean=None,
    std=None,
    preprocess: Callable[[np.ndarray], np.ndarray] | None = None,
    rng: np.random.Generator | None = None,
    shuffle: bool = True,
    drop_remainder: bool = True,
    augment: Augment | None = None,
) -> Iterator[dict]:
    """One epoch of ``{"image": float32 [B, H, W, C], "label": int32 [B]}``.

    Images go through ``preprocess`` (uint8 ``[B, H, W, C]`` -> float32), or
    :func:`normalize` with ``mean``/``std`` (exactly one of the two). ``augment`` is
    an :class:`Augment` (normally the dataset's own, ``data.augment``) applied to
    the uint8 images first; ``None`` = none. ``shuffle`` and an enabled ``augment``
    need ``rng``.
    """
    if batch_size <= 0:
        raise ValueError(f"batch_size must be positive, got {batch_size}")
    if augment is not None and not isinstance(augment, Augment):
        raise ValueError(
            f"augment must be an Augment (e.g. the dataset's data.augment) or None, "
            f"got {augment!r}: augmentation is a property of the dataset")
    prep = _preprocess_fn(mean, std, preprocess)
    augment = augment if augment is not None and augment.enabled else None
    if (shuffle or augment) and rng is None:
        raise ValueError("shuffle=True or an augment needs rng=np.random.Generator")
    n = len(split.labels)
    order = rng.permutation(n) if shuffle else None
    stop = n - n % batch_size if drop_remainder else n
    for s in range(0, stop, batch_size):
        if order is None:
            images = split.images[s : s + batch_size]
            labels = split.labels[s : s + batch_size]
        else:
            idx = order[s : s + batch_size]
            images, labels = split.images[idx], split.labels[idx]
        if augment is not None:
            images = augment(rng, images)
        yield {
            "image": np.asarray(prep(images), np.float32),
            "label": np.asarray(labels, np.int32),
        }
