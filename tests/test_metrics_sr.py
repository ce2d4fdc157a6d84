"""PSNR / SSIM on Y with a scale-pixel crop (jaxeff.metrics, spec sesr.md §5.1)."""

import numpy as np
import pytest

from jaxeff.metrics import psnr, sr_scores, ssim


def test_psnr_ssim_basics():
    rng = np.random.default_rng(0)
    a = rng.uniform(0, 255, (40, 30))
    assert psnr(a, a) == float("inf") and ssim(a, a) == pytest.approx(1.0, abs=1e-12)
    b = a + 5.0
    assert psnr(a, b) == pytest.approx(10 * np.log10(255**2 / 25))
    assert ssim(a, b) < 1.0 and ssim(a, rng.uniform(0, 255, (40, 30))) < 0.2
    # the crop drops the border: an error only there does not count
    c = a.copy()
    c[:2] += 50
    assert psnr(a, c, crop=2) == float("inf")
    assert ssim(a, c, crop=2) == pytest.approx(1.0, abs=1e-12)


def test_sr_scores_rgb_and_gray():
    rng = np.random.default_rng(1)
    hr = rng.integers(0, 256, (30, 30, 3)).astype(np.uint8)
    p, s = sr_scores(hr, hr, 2)
    assert p == float("inf") and s == pytest.approx(1.0)
    g = hr[..., 0]
    p2, _ = sr_scores(np.clip(g.astype(float) + 2, 0, 255), g, 2)
    assert 40 < p2 < 43


def test_metric_errors():
    a = np.zeros((20, 20))
    with pytest.raises(ValueError, match="equal shape"):
        psnr(a, np.zeros((20, 21)))
    with pytest.raises(ValueError, match="crop"):
        psnr(a, a, crop=10)
    with pytest.raises(ValueError, match="window"):
        ssim(np.zeros((8, 8)), np.zeros((8, 8)))
