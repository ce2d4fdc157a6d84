"""jaxeff.metrics pinned by hand values and an independent SSIM (mutation survivors of
issue 26): top-1 counts, mean/std with ddof=1, PSNR with peak and crop at the
boundary, SSIM against a direct 2-D windowed loop (Wang et al. 2004, Eq. 13), and
sr_scores' clipping, Y conversion and crop."""

import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.data.sr import rgb_to_y
from jaxeff.metrics import mean_std, psnr, sr_scores, ssim, top1, top1_correct


def test_top1_hand_counts_and_shape_errors():
    logits = jnp.array([[0.1, 0.9, 0.0], [2.0, 1.0, 0.0], [0.0, 0.2, 0.3], [5.0, 6.0, 7.0]])
    labels = jnp.array([1, 0, 0, 2])
    assert int(top1_correct(logits, labels)) == 3
    assert float(top1(logits, labels)) == 0.75
    assert float(top1(logits[:2], labels[:2])) == 1.0
    with pytest.raises(ValueError, match=r"logits \[B, K\] and labels \[B\]"):
        top1_correct(logits[0], labels)
    with pytest.raises(ValueError, match=r"\(4, 3\) and \(3,\)"):
        top1_correct(logits, labels[:3])


def test_mean_std_is_the_sample_std_and_zero_for_one_value():
    assert mean_std([3.0]) == (3.0, 0.0)
    m, s = mean_std([1.0, 2.0, 3.0, 4.0])
    assert m == 2.5 and s == pytest.approx(np.sqrt(5.0 / 3.0), rel=1e-12)


def test_psnr_hand_values_peak_and_crop_boundaries():
    a = np.zeros((6, 9))
    b = a.copy()
    b[3, 4] = 6.0  # one interior pixel: MSE = 36 / 54
    assert psnr(a, b) == pytest.approx(10 * np.log10(255.0**2 * 54 / 36), rel=1e-12)
    assert psnr(a, b, peak=1.0) == pytest.approx(10 * np.log10(54 / 36), rel=1e-12)
    # crop=2 keeps rows 2..3 and cols 2..6 (10 pixels): MSE = 36 / 10
    assert psnr(a, b, crop=2) == pytest.approx(10 * np.log10(255.0**2 * 10 / 36), rel=1e-12)
    # the crop must leave >= 1 pixel along each axis separately
    with pytest.raises(ValueError, match=r"crop=3 leaves nothing of a \(6, 9\) image"):
        psnr(a, b, crop=3)  # H = 6 <= 2 * 3 although W = 9 > 6
    with pytest.raises(ValueError, match="crop=3"):
        psnr(a.T, b.T, crop=3)  # W = 6
    with pytest.raises(ValueError, match="crop=-1"):
        psnr(a, b, crop=-1)
    with pytest.raises(ValueError, match=r"\[H, W\] Y images"):
        psnr(np.zeros((2, 3, 3)), np.zeros((2, 3, 3)))
    assert psnr(np.zeros((5, 5)), np.ones((5, 5)), crop=2) == pytest.approx(
        20 * np.log10(255.0))  # 5 > 4: one pixel left


def _ssim_direct(a, b, window=11, sigma=1.5, peak=255.0):
    """SSIM with an explicit 2-D Gaussian window, one output position at a time."""
    t = np.arange(window) - (window - 1) / 2
    w = np.exp(-(t[:, None] ** 2 + t[None, :] ** 2) / (2 * sigma**2))
    w /= w.sum()
    c1, c2 = (0.01 * peak) ** 2, (0.03 * peak) ** 2
    vals = []
    for i in range(a.shape[0] - window + 1):
        for j in range(a.shape[1] - window + 1):
            pa, pb = a[i:i + window, j:j + window], b[i:i + window, j:j + window]
            ma, mb = (w * pa).sum(), (w * pb).sum()
            va = (w * (pa - ma) ** 2).sum()
            vb = (w * (pb - mb) ** 2).sum()
            cab = (w * (pa - ma) * (pb - mb)).sum()
            vals.append((2 * ma * mb + c1) * (2 * cab + c2)
                        / ((ma**2 + mb**2 + c1) * (va + vb + c2)))
    return float(np.mean(vals))


def test_ssim_equals_a_direct_windowed_loop():
    rng = np.random.default_rng(3)
    a = rng.uniform(0, 255, (15, 14))
    b = np.clip(a + rng.normal(0, 25, a.shape), 0, 255)
    assert ssim(a, b) == pytest.approx(_ssim_direct(a, b), rel=1e-10)
    assert ssim(a, b, crop=1) == pytest.approx(_ssim_direct(a[1:-1, 1:-1], b[1:-1, 1:-1]),
                                               rel=1e-10)
    assert ssim(a, b, sigma=0.8, window=7) == pytest.approx(
        _ssim_direct(a, b, window=7, sigma=0.8), rel=1e-10)
    assert ssim(a / 255, b / 255, peak=1.0) == pytest.approx(ssim(a, b), rel=1e-10)
    # constant images: only the luminance term, (2 a b + C1) / (a^2 + b^2 + C1)
    c1 = (0.01 * 255) ** 2
    assert ssim(np.full((11, 11), 100.0), np.full((11, 11), 50.0)) == pytest.approx(
        (2 * 100 * 50 + c1) / (100**2 + 50**2 + c1), rel=1e-12)
    # symmetric in its arguments
    assert ssim(b, a) == pytest.approx(ssim(a, b), rel=1e-12)


def test_sr_scores_clips_sr_uses_y_and_crops_by_scale():
    rng = np.random.default_rng(4)
    hr = rng.integers(0, 256, (24, 24, 3)).astype(np.float64)
    sr = hr + rng.normal(0, 8, hr.shape)
    over = sr.copy()
    over[0, 0] = [400.0, -50.0, 300.0]  # out-of-range sr is clipped to [0, 255]
    clipped = np.clip(over, 0, 255)
    assert sr_scores(over, hr, 1) == sr_scores(clipped, hr, 1)
    for round_y in (True, False):
        ya, yb = rgb_to_y(clipped, round_y=round_y), rgb_to_y(hr, round_y=round_y)
        p, s = sr_scores(over, hr, 2, round_y=round_y)
        assert p == psnr(ya, yb, crop=2) and s == ssim(ya, yb, crop=2)
    assert sr_scores(over, hr, 2, round_y=False) != sr_scores(over, hr, 2)
