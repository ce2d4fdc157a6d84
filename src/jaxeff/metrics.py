"""Evaluation metrics (pure functions)."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np


def top1_correct(logits: jax.Array, labels: jax.Array) -> jax.Array:
    """Number of correct top-1 predictions. ``logits [B, K]``, ``labels [B]`` int."""
    if logits.ndim != 2 or labels.shape != logits.shape[:1]:
        raise ValueError(
            f"expected logits [B, K] and labels [B], got {logits.shape} and {labels.shape}"
        )
    return jnp.sum(jnp.argmax(logits, -1) == labels)


def top1(logits: jax.Array, labels: jax.Array) -> jax.Array:
    """Top-1 accuracy in [0, 1]."""
    return top1_correct(logits, labels) / labels.shape[0]


def mean_std(values: list[float] | np.ndarray) -> tuple[float, float]:
    """Mean and sample standard deviation (0 for a single value)."""
    v = np.asarray(values, dtype=np.float64)
    return float(v.mean()), float(v.std(ddof=1)) if v.size > 1 else 0.0


# ------------------------------------------------------------ super-resolution
# PSNR / SSIM on the BT.601 Y channel with a ``scale``-pixel border crop (BasicSR
# convention; SESR spec sesr.md §5.1). SSIM: Wang et al., "Image Quality
# Assessment: From Error Visibility to Structural Similarity" (TIP 2004), Eq. 13,
# 11x11 Gaussian window (sigma 1.5), K1 = 0.01, K2 = 0.03, L = 255, valid filtering.


def _check_pair(a: np.ndarray, b: np.ndarray, crop: int) -> tuple[np.ndarray,
                                                                  np.ndarray]:
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    if a.shape != b.shape or a.ndim != 2:
        raise ValueError(f"need two [H, W] Y images of equal shape, got {a.shape} "
                         f"and {b.shape}")
    if crop < 0 or a.shape[0] <= 2 * crop or a.shape[1] <= 2 * crop:
        raise ValueError(f"crop={crop} leaves nothing of a {a.shape} image")
    if crop:
        a, b = a[crop:-crop, crop:-crop], b[crop:-crop, crop:-crop]
    return a, b


def psnr(a: np.ndarray, b: np.ndarray, *, crop: int = 0,
         peak: float = 255.0) -> float:
    """``10 log10(peak^2 / MSE)`` of two ``[H, W]`` images after a ``crop`` border;
    ``inf`` when they are equal."""
    a, b = _check_pair(a, b, crop)
    mse = float(np.mean((a - b) ** 2))
    return float("inf") if mse == 0 else 10.0 * float(np.log10(peak**2 / mse))


def _gauss_valid(x: np.ndarray, g: np.ndarray) -> np.ndarray:
    """Separable valid correlation with the 1-D window ``g`` along H then W."""
    k = len(g)
    h = sum(g[i] * x[i:x.shape[0] - k + 1 + i] for i in range(k))
    return sum(g[i] * h[:, i:h.shape[1] - k + 1 + i] for i in range(k))


def ssim(a: np.ndarray, b: np.ndarray, *, crop: int = 0, peak: float = 255.0,
         window: int = 11, sigma: float = 1.5) -> float:
    """Mean SSIM (Wang et al. 2004, Eq. 13) of two ``[H, W]`` images, float64."""
    a, b = _check_pair(a, b, crop)
    if min(a.shape) < window:
        raise ValueError(f"image {a.shape} is smaller than the {window}x{window} window")
    t = np.arange(window) - (window - 1) / 2
    g = np.exp(-(t**2) / (2 * sigma**2))
    g /= g.sum()
    c1, c2 = (0.01 * peak) ** 2, (0.03 * peak) ** 2
    mu_a, mu_b = _gauss_valid(a, g), _gauss_valid(b, g)
    saa = _gauss_valid(a * a, g) - mu_a**2
    sbb = _gauss_valid(b * b, g) - mu_b**2
    sab = _gauss_valid(a * b, g) - mu_a * mu_b
    m = ((2 * mu_a * mu_b + c1) * (2 * sab + c2)) / (
        (mu_a**2 + mu_b**2 + c1) * (saa + sbb + c2))
    return float(m.mean())


def sr_scores(sr: np.ndarray, hr: np.ndarray, scale: int, *,
              round_y: bool = True) -> tuple[float, float]:
    """(PSNR, SSIM) on Y with a ``scale``-pixel crop (spec §5.1).

    ``sr``, ``hr``: ``[H, W, 3]`` RGB or ``[H, W]`` gray on [0, 255] (uint8 or
    float; float RGB is clipped, not rounded). ``round_y``: integer Y (MATLAB) or
    float Y (BasicSR).
    """
    from jaxeff.data.sr import rgb_to_y

    sr = np.clip(np.asarray(sr, np.float64), 0, 255)
    ya, yb = rgb_to_y(sr, round_y=round_y), rgb_to_y(hr, round_y=round_y)
    return psnr(ya, yb, crop=scale), ssim(ya, yb, crop=scale)


# ------------------------------------------------------------ generative models
# Frechet distance between Gaussians fitted to two feature sets (Heusel et al., "GANs
# Trained by a Two Time-Scale Update Rule...", arXiv 1706.08500, Eq. 6: FID on
# Inception features). jaxeff computes it on the penultimate features of a small
# classifier trained on the same data ("proxy-FID", no download).


def gaussian_stats(features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean ``[D]`` and unbiased covariance ``[D, D]`` (float64) of ``[N, D]``
    features, ``N >= 2``."""
    f = np.asarray(features, np.float64)
    if f.ndim != 2 or f.shape[0] < 2:
        raise ValueError(f"need features [N >= 2, D], got shape {f.shape}")
    if not np.all(np.isfinite(f)):
        raise ValueError("features contain NaN or inf")
    return f.mean(axis=0), np.cov(f, rowvar=False).reshape(f.shape[1], f.shape[1])


def _sqrt_psd(a: np.ndarray) -> np.ndarray:
    """Symmetric PSD square root by ``eigh`` (negative round-off eigenvalues -> 0)."""
    w, v = np.linalg.eigh((a + a.T) / 2)
    return (v * np.sqrt(np.clip(w, 0.0, None))) @ v.T


def frechet_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Frechet distance of Gaussians fitted to feature sets ``a [N, D]``, ``b [M, D]``.

    ``|mu_a - mu_b|^2 + tr(S_a + S_b - 2 (S_a S_b)^(1/2))`` (arXiv 1706.08500 Eq. 6),
    in float64. The trace term uses the symmetric form
    ``tr((S_a^(1/2) S_b S_a^(1/2))^(1/2))`` (same eigenvalues as ``(S_a S_b)^(1/2)``),
    both square roots by ``eigh``, so it is real and ``>= 0`` up to round-off;
    ``frechet_distance(a, a) == 0`` to round-off.
    """
    (ma, sa), (mb, sb) = gaussian_stats(a), gaussian_stats(b)
    if ma.shape != mb.shape:
        raise ValueError(f"feature dims differ: {ma.shape[0]} vs {mb.shape[0]}")
    ra = _sqrt_psd(sa)
    cross = np.trace(_sqrt_psd(ra @ sb @ ra))
    d = float(np.sum((ma - mb) ** 2) + np.trace(sa) + np.trace(sb) - 2.0 * cross)
    return max(d, 0.0)


# ------------------------------------------------------------- rank correlation


def kendall_tau(x: np.ndarray | list[float], y: np.ndarray | list[float]) -> float:
    """Kendall's tau-b of two equal-length 1-D samples (ties in either handled as
    in tau-b: ``(n_c - n_d) / sqrt((n_0 - t_x)(n_0 - t_y))``); NaN if either is
    constant."""
    a, b = np.asarray(x, np.float64), np.asarray(y, np.float64)
    if a.ndim != 1 or a.shape != b.shape or a.size < 2:
        raise ValueError(f"need two 1-D samples of equal length >= 2, got {a.shape} "
                         f"and {b.shape}")
    sa = np.sign(a[:, None] - a[None, :])
    sb = np.sign(b[:, None] - b[None, :])
    den = np.sqrt(np.sum(sa * sa) * np.sum(sb * sb))
    return float(np.sum(sa * sb) / den) if den else float("nan")


def _signs(v: np.ndarray) -> np.ndarray:
    return np.sign(v[..., :, None] - v[..., None, :])


def _tau_rows(sa: np.ndarray, sb: np.ndarray) -> np.ndarray:
    """tau-b for stacked sign matrices ``[R, n, n]`` (NaN where undefined)."""
    num = np.sum(sa * sb, axis=(-2, -1))
    den = np.sqrt(np.sum(sa * sa, axis=(-2, -1)) * np.sum(sb * sb, axis=(-2, -1)))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def kendall_test(x: np.ndarray | list[float], y: np.ndarray | list[float], *,
                 seed: int = 0, n_perm: int = 10_000, n_boot: int = 10_000
                 ) -> dict[str, float]:
    """Kendall tau-b with a two-sided permutation p-value (``(1 + #{|tau_perm| >=
    |tau|}) / (1 + n_perm)``) and a 95 % percentile bootstrap interval over pairs
    (resamples where tau is undefined are dropped). Vectorised in chunks of
    ``[chunk, n, n]`` sign matrices."""
    a, b = np.asarray(x, np.float64), np.asarray(y, np.float64)
    tau = kendall_tau(a, b)
    rng = np.random.default_rng(seed)
    n = a.size
    chunk = max(1, 2_000_000 // (n * n))
    sa, sb = _signs(a), _signs(b)
    perm = []
    for k in range(0, n_perm, chunk):
        p = rng.permuted(np.tile(np.arange(n), (min(chunk, n_perm - k), 1)), axis=1)
        perm.append(_tau_rows(sa[None], sb[p[:, :, None], p[:, None, :]]))
    perm = np.concatenate(perm) if perm else np.zeros(0)
    pval = (1 + np.sum(np.abs(perm) >= abs(tau) - 1e-12)) / (1 + n_perm)
    boot = []
    for k in range(0, n_boot, chunk):
        i = rng.integers(0, n, (min(chunk, n_boot - k), n))
        boot.append(_tau_rows(_signs(a[i]), _signs(b[i])))
    boot = np.concatenate(boot) if boot else np.zeros(0)
    boot = boot[np.isfinite(boot)]
    lo, hi = np.percentile(boot, [2.5, 97.5]) if boot.size else (np.nan, np.nan)
    return {"tau": tau, "p_perm": float(pval), "ci95_low": float(lo),
            "ci95_high": float(hi), "n": int(n)}
