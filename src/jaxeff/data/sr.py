"""Super-resolution data: image folders, MATLAB-exact bicubic, BT.601 Y, patches.

Data side of "Collapsible Linear Blocks for Super-Efficient Super Resolution"
(Bhardwaj et al., arXiv 2103.09404) and its adversarial-defence follow-up (arXiv
2112.14340); spec ``sesr.md`` §3.1 (MATLAB ``imresize``), §5.1 (Y), §5.4 (patches).

MATLAB ``imresize(img, r, 'bicubic')`` per axis of length ``L`` (spec §3.1)::

    Lo = ceil(L * r);  u_j = j / r + 0.5 (1 - 1/r),  j = 1..Lo
    h(t) = 1.5|t|^3 - 2.5|t|^2 + 1          (|t| <= 1)
         = -0.5|t|^3 + 2.5|t|^2 - 4|t| + 2  (1 < |t| <= 2), else 0
    r < 1: h_r(t) = r h(r t), width 4/r (antialiasing); r >= 1: h_r = h, width 4
    taps i = floor(u - width/2) + {0..ceil(width)+1}, weights normalised, i clamped

separable, **height first**; uint8 input is rounded half away from zero and clipped
to [0, 255] after each pass. This reproduces the benchmark LR files bit-exactly.

Y (MATLAB ``rgb2ycbcr``, BT.601): ``Y = 16 + (65.481 R + 128.553 G + 24.966 B)/255``
with R, G, B in [0, 255]; Cb/Cr likewise (``ycbcr_to_rgb`` is the exact inverse in
float). A grayscale image's Y is its gray value (spec §5.1).

Length (about 410 lines): readers, the MATLAB-exact bicubic resize, patch sampling
and the T91 split serve one pipeline and share the image conventions above.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import os
import pathlib
from collections.abc import Sequence

import numpy as np

log = logging.getLogger(__name__)

__all__ = [
    "SRPairs",
    "imresize",
    "list_images",
    "load_sr_pairs",
    "load_training_pairs",
    "modcrop",
    "read_image",
    "resize_macs",
    "resize_matrix",
    "rgb_to_y",
    "rgb_to_ycbcr",
    "holdout_split",
    "sample_patches",
    "sr_root",
    "ycbcr_to_rgb",
]

_EXTS = (".png", ".bmp", ".jpg", ".jpeg", ".tif", ".tiff")

# BT.601 "studio swing" matrix of MATLAB rgb2ycbcr (inputs in [0, 255])
_YCBCR = np.array([[65.481, 128.553, 24.966],
                   [-37.797, -74.203, 112.0],
                   [112.0, -93.786, -18.214]]) / 255.0
_YCBCR_OFF = np.array([16.0, 128.0, 128.0])


# ------------------------------------------------------------------------ bicubic


def _cubic(t: np.ndarray) -> np.ndarray:
    a = np.abs(t)
    a2, a3 = a * a, a * a * a
    return ((1.5 * a3 - 2.5 * a2 + 1.0) * (a <= 1)
            + (-0.5 * a3 + 2.5 * a2 - 4.0 * a + 2.0) * ((a > 1) & (a <= 2)))


def _contributions(in_len: int, out_len: int, scale: float) -> tuple[np.ndarray,
                                                                       np.ndarray]:
    """MATLAB ``contributions``: (weights [Lo, P] float64, 0-based indices [Lo, P])."""
    if scale < 1:
        width = 4.0 / scale

        def kernel(t):
            return scale * _cubic(scale * t)
    else:
        width = 4.0
        kernel = _cubic
    x = np.arange(1, out_len + 1, dtype=np.float64)
    u = x / scale + 0.5 * (1.0 - 1.0 / scale)
    left = np.floor(u - width / 2.0)
    taps = int(math.ceil(width)) + 2
    idx = left[:, None] + np.arange(taps, dtype=np.float64)[None, :]
    w = kernel(u[:, None] - idx)
    w = w / w.sum(axis=1, keepdims=True)
    keep = np.any(w != 0, axis=0)  # MATLAB drops all-zero tap columns
    w, idx = w[:, keep], idx[:, keep]
    idx = np.clip(idx, 1, in_len).astype(np.int64) - 1
    return w, idx


def _resize_axis(img: np.ndarray, axis: int, out_len: int, scale: float,
                 to_uint8: bool) -> np.ndarray:
    w, idx = _contributions(img.shape[axis], out_len, scale)
    x = np.moveaxis(img.astype(np.float64), axis, 0)
    acc = np.zeros((out_len, *x.shape[1:]), np.float64)
    extra = (None,) * (x.ndim - 1)
    for k in range(w.shape[1]):  # taps summed in MATLAB's order
        acc += w[(slice(None), k, *extra)] * x[idx[:, k]]
    if to_uint8:  # MATLAB round: half away from zero, then saturate
        acc = np.clip(np.sign(acc) * np.floor(np.abs(acc) + 0.5), 0, 255)
        acc = acc.astype(np.uint8)
    return np.moveaxis(acc, 0, axis)


def imresize(img: np.ndarray, scale: float) -> np.ndarray:
    """MATLAB ``imresize(img, scale, 'bicubic')`` (antialiased when shrinking).

    Args:
      img: ``[H, W]`` or ``[H, W, C]``; uint8 (each pass rounded half away from zero
        and clipped, as MATLAB) or float (no rounding, no clipping).
      scale: ``> 0``; output size ``(ceil(H * scale), ceil(W * scale))``. Use
        ``1 / s`` to downscale by an integer ``s``.

    Returns:
      The resized image, same dtype and number of dims as ``img``.
    """
    img = np.asarray(img)
    if img.ndim not in (2, 3) or min(img.shape[:2]) < 1:
        raise ValueError(f"imresize needs an [H, W] or [H, W, C] image, got {img.shape}")
    if not (isinstance(scale, int | float) and math.isfinite(scale) and scale > 0):
        raise ValueError(f"scale must be a finite number > 0, got {scale!r}")
    if img.dtype == np.uint8:
        to_uint8 = True
    elif np.issubdtype(img.dtype, np.floating):
        to_uint8 = False
    else:
        raise TypeError(f"imresize takes uint8 or float images, got {img.dtype}")
    out_h = int(math.ceil(img.shape[0] * scale))
    out_w = int(math.ceil(img.shape[1] * scale))
    out = _resize_axis(img, 0, out_h, scale, to_uint8)  # height first (spec §3.1)
    out = _resize_axis(out, 1, out_w, scale, to_uint8)
    return out if to_uint8 else out.astype(np.promote_types(img.dtype, np.float32))


def resize_matrix(in_len: int, scale: float) -> np.ndarray:
    """The float MATLAB bicubic of one axis as a matrix ``M [ceil(L s), L]`` float64:
    ``imresize`` of a float image equals ``M_h @ img @ M_w.T`` (per channel). Lets a
    differentiable JAX defence use the exact MATLAB kernel (spec §3.1)."""
    out_len = int(math.ceil(in_len * scale))
    w, idx = _contributions(in_len, out_len, scale)
    m = np.zeros((out_len, in_len))
    for k in range(w.shape[1]):
        np.add.at(m, (np.arange(out_len), idx[:, k]), w[:, k])
    return m


def resize_macs(hw: tuple[int, int], scale: float, channels: int = 1) -> int:
    """MACs of :func:`imresize` (non-zero taps, height pass then width pass)."""
    h, w = hw
    oh, ow = int(math.ceil(h * scale)), int(math.ceil(w * scale))
    th = _contributions(h, oh, scale)[0].shape[1]
    tw = _contributions(w, ow, scale)[0].shape[1]
    return channels * (oh * w * th + oh * ow * tw)


# ---------------------------------------------------------------------- colour


def modcrop(img: np.ndarray, scale: int) -> np.ndarray:
    """Drop the bottom/right ``H % scale`` rows and ``W % scale`` columns."""
    img = np.asarray(img)
    if not isinstance(scale, int) or scale < 1:
        raise ValueError(f"scale must be a positive int, got {scale!r}")
    if img.ndim < 2 or img.shape[0] < scale or img.shape[1] < scale:
        raise ValueError(f"image of shape {img.shape} is too small for scale {scale}")
    h, w = img.shape[0] - img.shape[0] % scale, img.shape[1] - img.shape[1] % scale
    return img[:h, :w]


def rgb_to_ycbcr(img: np.ndarray) -> np.ndarray:
    """``[..., 3]`` RGB on [0, 255] (any dtype) -> float64 YCbCr on [0, 255] (BT.601)."""
    img = np.asarray(img)
    if img.shape[-1] != 3:
        raise ValueError(f"rgb_to_ycbcr needs [..., 3] RGB, got shape {img.shape}")
    return img.astype(np.float64) @ _YCBCR.T + _YCBCR_OFF


def ycbcr_to_rgb(img: np.ndarray) -> np.ndarray:
    """Exact float inverse of :func:`rgb_to_ycbcr`; ``[..., 3]`` float64, unclipped."""
    img = np.asarray(img, np.float64)
    if img.shape[-1] != 3:
        raise ValueError(f"ycbcr_to_rgb needs [..., 3] YCbCr, got shape {img.shape}")
    return (img - _YCBCR_OFF) @ np.linalg.inv(_YCBCR).T


def rgb_to_y(img: np.ndarray, *, round_y: bool = True) -> np.ndarray:
    """BT.601 Y on [0, 255] of ``[H, W, 3]`` RGB or ``[H, W]`` / ``[H, W, 1]`` gray.

    ``round_y``: round half up to integers (MATLAB ``rgb2ycbcr`` on uint8, spec §5.1);
    else float Y (BasicSR). Returns float64 ``[H, W]``.
    """
    img = np.asarray(img)
    if img.ndim == 3 and img.shape[-1] == 1:
        img = img[..., 0]
    if img.ndim == 2:
        return img.astype(np.float64)
    if img.ndim != 3 or img.shape[-1] != 3:
        raise ValueError(f"rgb_to_y needs [H, W, 3] or [H, W], got shape {img.shape}")
    y = img.astype(np.float64) @ _YCBCR[0] + 16.0
    return np.floor(y + 0.5) if round_y else y


# ------------------------------------------------------------------------ files


def read_image(path: str | os.PathLike) -> np.ndarray:
    """uint8 ``[H, W, 3]`` (RGB) or ``[H, W]`` (grayscale) from an image file."""
    from jaxeff._extras import require

    Image = require("PIL.Image", purpose="reading image files")
    path = pathlib.Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"image file {str(path)!r} does not exist")
    try:
        with Image.open(path) as im:
            im.load()
            if im.mode not in ("RGB", "L"):
                im = im.convert("L" if im.mode in ("I", "I;16", "1", "LA") else "RGB")
            return np.asarray(im, np.uint8).copy()
    except Exception as e:  # noqa: BLE001 - PIL raises several types
        raise ValueError(f"cannot read image {str(path)!r}: {e}") from e


def list_images(path: str | os.PathLike) -> list[pathlib.Path]:
    """Image files of a folder (sorted by name), or ``[path]`` for a single file."""
    path = pathlib.Path(path).expanduser()
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise FileNotFoundError(f"{str(path)!r} is neither an image file nor a folder")
    files = sorted(p for p in path.iterdir() if p.suffix.lower() in _EXTS)
    if not files:
        raise FileNotFoundError(f"no image files ({', '.join(_EXTS)}) in {str(path)!r}")
    return files


def _image_files(src: str | os.PathLike | Sequence[str | os.PathLike]) -> list[
        pathlib.Path]:
    """A folder / single file (:func:`list_images`) or an explicit list of files."""
    if isinstance(src, str | os.PathLike):
        return list_images(src)
    files = [pathlib.Path(f) for f in src]
    if not files:
        raise ValueError("empty list of image files")
    return files


def holdout_split(folder: str | os.PathLike, n_val: int, *, seed: int = 0) -> tuple[
        list[pathlib.Path], list[pathlib.Path]]:
    """Split a training folder into (train files, validation files) by image.

    The ``n_val`` validation images are the first ``n_val`` of a permutation of the
    name-sorted files drawn with ``numpy.random.default_rng(seed)``; both lists come
    back sorted by name. Used to choose budgets on data never reported as test
    (spec ``sesr.md`` §5.4; T91: 91 images). ``n_val = 0`` gives (all files, []).
    """
    files = list_images(folder)
    if not isinstance(n_val, int) or isinstance(n_val, bool) or not 0 <= n_val < len(files):
        raise ValueError(f"n_val must be an int in [0, {len(files) - 1}] for the "
                         f"{len(files)} images of {str(folder)!r}, got {n_val!r}")
    perm = np.random.default_rng(seed).permutation(len(files))
    val = set(perm[:n_val].tolist())
    return ([f for i, f in enumerate(files) if i not in val],
            [f for i, f in enumerate(files) if i in val])


def folder_fingerprint(folder: str | os.PathLike) -> str:
    """Hex sha256 over the name-sorted image files of ``folder`` (names and bytes):
    the content fingerprint of an SR training set such as T91, so shipped weights
    are matched to the same copy of the data (:mod:`jaxeff.weights`)."""
    import hashlib

    files = list_images(folder)
    if not files:
        raise FileNotFoundError(f"no images in {folder}")
    h = hashlib.sha256()
    for f in sorted(files, key=lambda p: p.name):
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def sr_root(data_dir: str | os.PathLike | None = None) -> pathlib.Path:
    """``data_dir`` or ``$JAXEFF_DATA/sr`` (a folder holding ``Set5/``, ``T91/``...)."""
    from jaxeff.data.vision import data_root

    root = data_root(data_dir)
    return root / "sr" if (root / "sr").is_dir() else root


@dataclasses.dataclass(frozen=True)
class SRPairs:
    """Evaluation pairs: ``hr[i]`` = modcrop(HR, s) uint8, ``lr[i]`` its LR; same
    layout ([H, W, 3] RGB or [H, W] gray) for both."""

    names: list[str]
    hr: list[np.ndarray]
    lr: list[np.ndarray]
    scale: int

    def __len__(self) -> int:
        return len(self.names)


def load_sr_pairs(hr_dir: str | os.PathLike | Sequence[str | os.PathLike], scale: int,
                  lr_dir: str | os.PathLike | None = None) -> SRPairs:
    """HR folder or file list (+ optional LR folder) -> :class:`SRPairs` at ``scale``.

    LR files are matched by stem: ``<name>.png`` <-> ``<name>x<s>.png`` or
    ``<name>.png``. Without ``lr_dir`` the LR is MATLAB bicubic of modcrop(HR).
    """
    hr_files = _image_files(hr_dir)
    lr_map: dict[str, pathlib.Path] = {}
    if lr_dir is not None:
        for p in list_images(lr_dir):
            stem = p.stem
            lr_map[stem[: -len(f"x{scale}")] if stem.endswith(f"x{scale}") else stem] = p
    names, hrs, lrs = [], [], []
    for f in hr_files:
        hr = modcrop(read_image(f), scale)
        if lr_dir is None:
            lr = imresize(hr, 1.0 / scale)
        else:
            if f.stem not in lr_map:
                raise FileNotFoundError(
                    f"no LR file for {f.name} in {str(lr_dir)!r} (expected "
                    f"{f.stem}x{scale}{f.suffix} or {f.name})")
            lr = read_image(lr_map[f.stem])
            want = (hr.shape[0] // scale, hr.shape[1] // scale)
            if lr.shape[:2] != want or lr.ndim != hr.ndim:
                raise ValueError(
                    f"{lr_map[f.stem]}: LR shape {lr.shape} does not match HR "
                    f"{hr.shape} at scale {scale} (expected {want})")
        names.append(f.stem)
        hrs.append(hr)
        lrs.append(lr)
    return SRPairs(names, hrs, lrs, scale)


def load_training_pairs(folder: str | os.PathLike | Sequence[str | os.PathLike],
                        scale: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Training Y pairs (spec §5.4): LR = MATLAB↓s(modcrop(HR RGB uint8)), then
    rounded Y of both. ``folder``: a folder or a list of image files (e.g. the train
    part of :func:`holdout_split`). Returns (hr_y, lr_y) lists of float32 ``[H, W]``
    in [0, 1]."""
    hr_y, lr_y = [], []
    for f in _image_files(folder):
        hr = modcrop(read_image(f), scale)
        lr = imresize(hr, 1.0 / scale)
        hr_y.append((rgb_to_y(hr) / 255.0).astype(np.float32))
        lr_y.append((rgb_to_y(lr) / 255.0).astype(np.float32))
    log.info("loaded %d training images (x%d)", len(hr_y), scale)
    return hr_y, lr_y


def sample_patches(rng: np.random.Generator, hr: list[np.ndarray],
                   lr: list[np.ndarray], batch: int, lr_patch: int,
                   scale: int) -> tuple[np.ndarray, np.ndarray]:
    """Random aligned patches with a vertical flip (p = 0.5) and rot90 k ~ U{0..3}.

    Args:
      hr, lr: per-image ``[sH, sW]`` / ``[H, W]`` arrays (or ``[..., C]``).
      batch: patches; images are drawn uniformly among those at least
        ``lr_patch`` on each side (smaller ones are skipped, e.g. a few T91 at x4).
      lr_patch: LR patch side; HR side is ``scale * lr_patch``.

    Returns:
      ``(lr [B, p, p, C], hr [B, sp, sp, C])`` float32 (C = 1 for 2-D images).
    """
    if batch < 1 or lr_patch < 1:
        raise ValueError(f"batch and lr_patch must be >= 1, got {batch}, {lr_patch}")
    if len(hr) != len(lr) or not hr:
        raise ValueError(f"need equal, non-empty hr/lr lists, got {len(hr)}/{len(lr)}")
    lrs, hrs = [], []
    p, sp = lr_patch, scale * lr_patch
    ok = [i for i, a in enumerate(lr) if a.shape[0] >= p and a.shape[1] >= p]
    if not ok:
        raise ValueError(f"every LR image is smaller than the {p}x{p} patch")
    for i in rng.choice(ok, size=batch):
        a, b = lr[i], hr[i]
        y = int(rng.integers(0, a.shape[0] - p + 1))
        x = int(rng.integers(0, a.shape[1] - p + 1))
        pa = a[y:y + p, x:x + p]
        pb = b[scale * y:scale * y + sp, scale * x:scale * x + sp]
        if rng.random() < 0.5:
            pa, pb = pa[::-1], pb[::-1]
        k = int(rng.integers(0, 4))
        lrs.append(np.rot90(pa, k))
        hrs.append(np.rot90(pb, k))
    out_lr, out_hr = np.stack(lrs), np.stack(hrs)
    if out_lr.ndim == 3:
        out_lr, out_hr = out_lr[..., None], out_hr[..., None]
    return out_lr.astype(np.float32), out_hr.astype(np.float32)
