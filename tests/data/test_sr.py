"""jaxeff.data.sr: MATLAB bicubic (bit-exact vs the staged LR files), Y, patches;
bicubic baseline PSNR/SSIM with jaxeff.metrics (spec sesr.md §3.1, §5.2, §5.3)."""

import os
import pathlib

import numpy as np
import pytest
from PIL import Image

from jaxeff.data import sr as S
from jaxeff.train_sr import evaluate_sr

DATA = os.environ.get("JAXEFF_DATA")
needs_data = pytest.mark.skipif(
    not DATA or not (pathlib.Path(DATA or ".") / "sr").is_dir(),
    reason="JAXEFF_DATA is unset or has no sr/ folder (Set5/Set14/T91)")


# T91 images held out by the default SESR preset (holdout_split(T91, 10, seed=0))
VAL_T91 = ["t14.png", "t21.png", "t28.png", "t32.png", "t34.png", "tt13.png",
           "tt15.png", "tt19.png", "tt26.png", "tt4.png"]


def _root() -> pathlib.Path:
    return pathlib.Path(DATA) / "sr"


@needs_data
def test_imresize_reproduces_all_57_staged_lr_files_bit_exactly():
    n = 0
    for st in ("Set5", "Set14"):
        for s in (2, 3, 4):
            for f in sorted((_root() / st / "HR").iterdir()):
                hr = S.modcrop(S.read_image(f), s)
                lr = S.imresize(hr, 1.0 / s)
                ref = S.read_image(_root() / st / "LR_bicubic" / f"X{s}" /
                                   f"{f.stem}x{s}.png")
                assert lr.dtype == np.uint8 and lr.shape == ref.shape
                assert lr.shape[:2] == (-(-hr.shape[0] // s), -(-hr.shape[1] // s))
                np.testing.assert_array_equal(lr, ref, err_msg=f"{st} x{s} {f.stem}")
                n += 1
    assert n == 57


def _bicubic(st, s, round_y, u8=False):
    pairs = S.load_sr_pairs(_root() / st / "HR", s, _root() / st / "LR_bicubic" / f"X{s}")
    if not u8:
        return evaluate_sr(None, pairs, round_y=round_y)
    from jaxeff.metrics import sr_scores

    sc = [sr_scores(S.imresize(lr, float(s)), hr, s, round_y=round_y)
          for hr, lr in zip(pairs.hr, pairs.lr)]
    return {"psnr": np.mean([a for a, _ in sc]), "ssim": np.mean([b for _, b in sc])}


@needs_data
def test_bicubic_baseline_x2_matches_published():
    """Float bicubic, rounded Y (our default): Set5 33.65-33.66, Set14 30.22-30.24."""
    s5, s14 = _bicubic("Set5", 2, True), _bicubic("Set14", 2, True)
    assert 33.65 <= s5["psnr"] <= 33.66 and 30.22 <= s14["psnr"] <= 30.24
    assert abs(s5["ssim"] - 0.9299) < 0.002 and abs(s14["ssim"] - 0.8688) < 0.002


@needs_data
@pytest.mark.parametrize("st,s,want", [
    ("Set5", 2, (33.640, 0.9292, 33.674, 0.9303)),
    ("Set5", 4, (28.418, 0.8101, 28.430, 0.8111)),
])
def test_bicubic_uint8_path_matches_spec_measurements(st, s, want):
    """uint8 bicubic SR (spec §5.2 [M]) in both Y modes, within 0.005 dB / 0.0005."""
    r, f = _bicubic(st, s, True, u8=True), _bicubic(st, s, False, u8=True)
    assert abs(r["psnr"] - want[0]) < 0.005 and abs(r["ssim"] - want[1]) < 5e-4
    assert abs(f["psnr"] - want[2]) < 0.005 and abs(f["ssim"] - want[3]) < 5e-4


def test_imresize_sizes_kernel_and_errors():
    img = np.arange(7 * 5 * 3, dtype=np.uint8).reshape(7, 5, 3)
    assert S.imresize(img, 0.5).shape == (4, 3, 3)
    assert S.imresize(img, 2.0).shape == (14, 10, 3)
    flat = np.full((9, 9), 0.3)
    np.testing.assert_allclose(S.imresize(flat, 1 / 3), 0.3, atol=1e-12)  # weights sum 1
    # upscaling a linear ramp by 2 reproduces the ramp in the interior (cubic a=-0.5)
    ramp = np.tile(np.arange(16, dtype=np.float64), (4, 1))
    up = S.imresize(ramp, 2.0)[:, :-2]  # last 3 outputs see the clamped edge
    np.testing.assert_allclose(up[0, 4:-4], (np.arange(30)[4:-4] - 0.5) / 2, atol=1e-12)
    with pytest.raises(ValueError, match="scale"):
        S.imresize(img, 0)
    with pytest.raises(ValueError, match="image"):
        S.imresize(np.zeros((2, 2, 2, 2)), 2.0)
    with pytest.raises(TypeError, match="uint8 or float"):
        S.imresize(np.zeros((4, 4), np.int32), 2.0)


def test_modcrop_y_and_ycbcr():
    img = np.zeros((11, 9, 3), np.uint8)
    assert S.modcrop(img, 4).shape == (8, 8, 3)
    with pytest.raises(ValueError):
        S.modcrop(img, 0)
    rgb = np.array([[[255, 255, 255], [0, 0, 0], [255, 0, 0]]], np.uint8)
    np.testing.assert_array_equal(S.rgb_to_y(rgb), [[235, 16, 81]])
    assert S.rgb_to_y(rgb, round_y=False)[0, 2] == pytest.approx(16 + 65.481)
    gray = np.array([[3, 200]], np.uint8)
    np.testing.assert_array_equal(S.rgb_to_y(gray), [[3, 200]])
    x = np.random.default_rng(0).uniform(0, 255, (5, 4, 3))
    np.testing.assert_allclose(S.ycbcr_to_rgb(S.rgb_to_ycbcr(x)), x, atol=1e-9)
    with pytest.raises(ValueError, match="H, W, 3"):
        S.rgb_to_y(np.zeros((2, 2, 2)))


def test_sample_patches_aligned_flips_rotations():
    rng = np.random.default_rng(0)
    lr = [rng.random((20, 24)).astype(np.float32) for _ in range(3)]
    hr = [np.kron(a, np.ones((2, 2), np.float32)) for a in lr]  # nearest x2
    xs, ys = S.sample_patches(np.random.default_rng(1), hr, lr, 32, 8, 2)
    assert xs.shape == (32, 8, 8, 1) and ys.shape == (32, 16, 16, 1)
    np.testing.assert_array_equal(ys[:, ::2, ::2], xs)  # alignment survives flip/rot
    with pytest.raises(ValueError, match="smaller"):
        S.sample_patches(rng, hr, lr, 2, 30, 2)
    small = [np.zeros((4, 4), np.float32)]  # too small images are skipped
    xs2, _ = S.sample_patches(rng, hr + [np.zeros((8, 8), np.float32)], lr + small,
                              8, 8, 2)
    assert xs2.shape == (8, 8, 8, 1)
    with pytest.raises(ValueError, match="equal"):
        S.sample_patches(rng, hr, lr[:2], 2, 4, 2)


def test_folders_and_clear_errors(tmp_path):
    hr_dir, lr_dir = tmp_path / "HR", tmp_path / "LR"
    hr_dir.mkdir()
    lr_dir.mkdir()
    img = np.random.default_rng(0).integers(0, 256, (13, 10, 3), dtype=np.uint8)
    Image.fromarray(img).save(hr_dir / "a.png")
    pairs = S.load_sr_pairs(hr_dir, 2)  # LR made by MATLAB bicubic
    assert pairs.hr[0].shape == (12, 10, 3) and pairs.lr[0].shape == (6, 5, 3)
    np.testing.assert_array_equal(pairs.lr[0], S.imresize(pairs.hr[0], 0.5))
    with pytest.raises(FileNotFoundError, match="no LR file"):
        S.load_sr_pairs(hr_dir, 2, tmp_path / "HR2" if False else _empty(lr_dir))
    Image.fromarray(img[:5, :5]).save(lr_dir / "ax2.png")
    with pytest.raises(ValueError, match="does not match"):
        S.load_sr_pairs(hr_dir, 2, lr_dir)
    with pytest.raises(FileNotFoundError, match="no image files"):
        S.list_images(tmp_path / "empty_dir" if (tmp_path / "empty_dir").mkdir() is None
                      else None)
    with pytest.raises(FileNotFoundError, match="neither"):
        S.list_images(tmp_path / "missing")
    (tmp_path / "bad.png").write_bytes(b"not a png")
    with pytest.raises(ValueError, match="cannot read image"):
        S.read_image(tmp_path / "bad.png")


def _empty(lr_dir):
    Image.fromarray(np.zeros((6, 5, 3), np.uint8)).save(lr_dir / "other.png")
    return lr_dir


def _write_images(folder, n):
    folder.mkdir()
    rng = np.random.default_rng(0)
    for i in range(n):
        img = rng.integers(0, 256, (12 + i, 10, 3), dtype=np.uint8)
        Image.fromarray(img).save(folder / f"im{i:02d}.png")


def test_holdout_split_is_seeded_disjoint_and_complete(tmp_path):
    _write_images(tmp_path / "T", 7)
    tr, va = S.holdout_split(tmp_path / "T", 3, seed=0)
    assert len(tr) == 4 and len(va) == 3
    assert set(tr).isdisjoint(va) and sorted(tr + va) == S.list_images(tmp_path / "T")
    assert tr == sorted(tr) and va == sorted(va)
    perm = np.random.default_rng(0).permutation(7)[:3]  # the documented rule
    assert [f.name for f in va] == sorted(f"im{i:02d}.png" for i in perm)
    assert S.holdout_split(tmp_path / "T", 3, seed=0) == (tr, va)  # deterministic
    assert S.holdout_split(tmp_path / "T", 0) == (S.list_images(tmp_path / "T"), [])
    for bad in (-1, 7, True, 2.0):
        with pytest.raises(ValueError, match=r"n_val must be an int in \[0, 6\]"):
            S.holdout_split(tmp_path / "T", bad)
    # training pairs from a file list = those files only, in that order
    hr, lr = S.load_training_pairs(tr, 2)
    assert len(hr) == 4 and hr[0].shape == (12, 10) and lr[0].shape == (6, 5)
    pairs = S.load_sr_pairs(va, 2)
    assert pairs.names == [f.stem for f in va]
    with pytest.raises(ValueError, match="empty list of image files"):
        S.load_training_pairs([], 2)


@needs_data
def test_t91_validation_split_of_the_default_preset():
    tr, va = S.holdout_split(_root() / "T91", 10, seed=0)
    assert len(tr) == 81 and len(va) == 10
    # the held-out images named in docs/RESULTS.md (SESR §3)
    assert [f.name for f in va] == VAL_T91
