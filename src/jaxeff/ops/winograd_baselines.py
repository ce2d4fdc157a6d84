"""Published Winograd PTQ baselines: BQW channel balancing and PAW+FSQ.

Baselines of "Data-Free Group-Wise Fully Quantized Winograd Convolution via
Learnable Scales" (Pan et al., CVPR 2025, arXiv 2412.19867), spec ``winograd.md``
§3 "Baselines". Both are post-training methods that use calibration data (unlike
Pan et al.'s data-free scales), and both are per layer.

**BQW** -- "Channel Balancing for Accurate Quantization of Winograd Convolutions"
(Chikin & Antiukh, CVPR 2022; "balanced quantization for Winograd"). In the
Winograd domain ``M[p] = sum_c V[p, :, c] U[p, c, :]`` (position ``p = (i, j)``),
so a per-channel factor moves freely between the two operands:
``V' = V / Omega``, ``U' = U * Omega`` leave ``M`` unchanged (exact in float). With
the calibrated ranges ``t_pc = max_tiles |V_pc|`` and ``r_pc = max_f |U_pcf|`` the
DFQ-style closed form ``Omega_pc = sqrt(t_pc / r_pc)`` equalizes both ranges to
``sqrt(t_pc r_pc)`` (spec [derived]; the secondary source's form with ``T_ij R_ij``
is [unverified]), so one scale per position suits every channel. ``V'`` and ``U'``
are quantized per position (``U'`` also per output channel); the **static**
variant folds calibrated per-position ranges of ``V'`` and ``M`` into fixed scales,
the **dynamic** variant recomputes them per input (``Omega`` is static in both: it
is folded into the offline ``U'``).

**PAW+FSQ** -- "Towards Efficient and Accurate Winograd Convolution via Full
Quantization" (Chen et al., NeurIPS 2023). Only the abstract and secondary
descriptions were found: the recipe below is a reconstruction [unverified].

* FSQ (factorized scale quantization): the ``alpha x alpha`` per-position scale
  matrix is constrained to rank one, ``S[i, j] = r_i c_j`` (:func:`fsq_factors`:
  alternating least squares on log-ranges), so the factors fold into the
  transforms and one integer scale per tensor/group remains. Applied to ``V`` and
  ``M``: each is divided by ``S`` before its quantizer and multiplied back after.
* PAW (PTQ-aware Winograd): the full ``B^T, G, A^T`` of each layer, initialised
  from Cook-Toom, are trained together with every stage quantized (STE through
  rounding), layer-wise, minimising ``||Y_q - Y_fp||^2`` (normalised by
  ``||Y_fp||^2``) on calibration activations of the float model; Adam with a
  smaller learning rate for ``G`` (5e-4, reported best [sec]).

Each method gives a per-layer ``lax.conv_general_dilated`` drop-in
(:func:`bqw_conv`, :func:`paw_fsq_conv`) for
``WinogradConfig(layer_convs={path: conv})`` (:mod:`jaxeff.nets.winograd`).
Layouts: ``V [alpha^2, T, C_in]``, ``U [alpha^2, C_in, C_out]``, ``M [alpha^2, T,
C_out]``, positions ``p = i * alpha + j``.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Mapping, Sequence
from typing import Any

import flax.struct
import jax
import jax.numpy as jnp
import numpy as np
import optax
from jax import lax

from jaxeff.ops.losses import sqnr_db
from jaxeff.ops.winograd import winograd_conv, winograd_matrices
from jaxeff.ops.winograd_calib import DN, stage_tensors
from jaxeff.ops.winograd_quant import WinogradQuant, absmax_fake_quant, quant_axes
from jaxeff.types import Key

log = logging.getLogger(__name__)

__all__ = [
    "BQWLayer",
    "PAWConfig",
    "PAWLayer",
    "balance",
    "balance_factors",
    "bqw_calibrate",
    "bqw_conv",
    "channel_ranges",
    "convs_sqnr",
    "fsq_factors",
    "fsq_scale",
    "paw_fsq_conv",
    "paw_identity",
    "paw_train",
]

_EPS = 1e-12
W8A8 = WinogradQuant()  # group-wise W8A8, g = 64 (the paper's table)


# ---------------------------------------------------------------- BQW


def channel_ranges(v: jax.Array, u: jax.Array) -> tuple[jax.Array, jax.Array]:
    """``t [alpha^2, C_in] = max_T |V|`` and ``r [alpha^2, C_in] = max_f |U|``."""
    if v.ndim != 3 or u.ndim != 3 or v.shape[0] != u.shape[0] or v.shape[2] != u.shape[1]:
        raise ValueError(f"need V [P, T, C] and U [P, C, F], got {v.shape}, {u.shape}")
    return jnp.max(jnp.abs(v), axis=1), jnp.max(jnp.abs(u), axis=2)


def balance_factors(t: jax.Array, r: jax.Array) -> jax.Array:
    """BQW's ``Omega = sqrt(t / r)`` per position and channel (1 where a range is 0).

    Then ``max|V / Omega| = max|U * Omega| = sqrt(t r)`` (spec §3, DFQ-style).
    """
    t, r = jnp.asarray(t), jnp.asarray(r)
    if t.shape != r.shape:
        raise ValueError(f"t and r must have equal shapes, got {t.shape}, {r.shape}")
    ok = (t > 0) & (r > 0)
    return jnp.where(ok, jnp.sqrt(jnp.where(ok, t, 1.0) / jnp.where(ok, r, 1.0)), 1.0)


def balance(v: jax.Array, u: jax.Array, omega: jax.Array) -> tuple[jax.Array, jax.Array]:
    """``(V / Omega, U * Omega)``: leaves ``M[p] = V[p] U[p]`` unchanged in float."""
    return v / omega[:, None, :], u * omega[:, :, None]


@flax.struct.dataclass
class BQWLayer:
    """One layer's BQW state: ``omega [alpha^2, C_in]`` and, for the static variant,
    per-position ranges ``absmax_v, absmax_m [alpha^2]`` (``None``: dynamic)."""

    omega: jax.Array
    absmax_v: jax.Array | None = None
    absmax_m: jax.Array | None = None


def bqw_calibrate(layers: Sequence[Any], m: int, *, dynamic: bool = False
                  ) -> dict[str, BQWLayer]:
    """BQW per layer from calibration inputs (``layers``: ``path, input [N,H,W,C_in],
    kernel`` HWIO, optional ``padding``, e.g. :func:`~jaxeff.nets.winograd.conv_layers`
    on training images). Static: ranges of ``V' = V / Omega`` and ``M`` per position."""
    out = {}
    for li in layers:
        layer = _bqw_layer(li.input, li.kernel, m=m,
                           pad=_hashable(getattr(li, "padding", "SAME")))
        out[li.path] = BQWLayer(layer.omega) if dynamic else layer
    return out


@functools.partial(jax.jit, static_argnames=("m", "pad"))
def _bqw_layer(x, w, *, m: int, pad) -> BQWLayer:
    st = stage_tensors(x, w, m, pad, ("V", "U", "M"))
    omega = balance_factors(*channel_ranges(st["V"], st["U"]))
    vb = st["V"] / omega[:, None, :]
    return BQWLayer(omega, jnp.max(jnp.abs(vb), axis=(1, 2)),
                    jnp.max(jnp.abs(st["M"]), axis=(1, 2)))


def _only(q: WinogradQuant, hooks: dict) -> dict:
    """The hooks of the stages ``q`` quantizes."""
    return {s: h for s, h in hooks.items() if s in q.stages}


def _fq(t, keep, gax, q: WinogradQuant, absmax=None):
    return absmax_fake_quant(t, keep, gax, q.group_size, q.bits, absmax)


def bqw_conv(layer: BQWLayer, *, m: int, quant: WinogradQuant = W8A8):
    """BQW Winograd F(m, r) conv (``lax.conv_general_dilated`` signature).

    ``x`` is quantized with ``quant``'s layout (group-wise in the paper's table);
    ``V' = V / Omega`` per position, ``U' = U * Omega`` per position and output
    channel, ``M`` per position (our choice, so every stage is 8-bit as in the
    table); static ranges if ``layer`` has them, else dynamic.
    """
    om = layer.omega
    hooks = _only(quant, {
        "x": lambda t: _fq(t, *quant_axes("x", quant), quant),
        "V": lambda t: _fq(t / om[:, None, :].astype(t.dtype), (0,), None, quant,
                           layer.absmax_v),
        "U": lambda t: _fq(t * om[:, :, None].astype(t.dtype), (0, 2), None, quant),
        "M": lambda t: _fq(t, (0,), None, quant, layer.absmax_m),
    })
    return functools.partial(winograd_conv, m=m, hooks=hooks)


# ---------------------------------------------------------------- FSQ


def fsq_factors(ranges: jax.typing.ArrayLike, iters: int = 3
                ) -> tuple[jax.Array, jax.Array]:
    """Rank-1 factors ``r, c [alpha]`` of a positive ``[alpha, alpha]`` range matrix.

    Alternating least squares on ``L = log ranges``: ``log r_i = mean_j (L_ij -
    log c_j)``, ``log c_j = mean_i (L_ij - log r_i)`` (each step exact; on a full
    matrix one sweep already reaches the least-squares optimum ``L_i. + L_.j -
    L_..``), then the gauge ``mean log r = mean log c``. Exact for a rank-1 matrix.
    """
    rg = jnp.asarray(ranges)
    if rg.ndim != 2 or rg.shape[0] != rg.shape[1]:
        raise ValueError(f"ranges must be a square [alpha, alpha] matrix, got {rg.shape}")
    if iters < 1:
        raise ValueError(f"iters must be >= 1, got {iters}")
    ell = jnp.log(jnp.maximum(rg, _EPS))
    lc = jnp.zeros(rg.shape[1], ell.dtype)
    lr = lc
    for _ in range(iters):
        lr = jnp.mean(ell - lc[None, :], axis=1)
        lc = jnp.mean(ell - lr[:, None], axis=0)
    shift = (jnp.mean(lr) - jnp.mean(lc)) / 2
    return jnp.exp(lr - shift), jnp.exp(lc + shift)


def fsq_scale(ranges: jax.typing.ArrayLike, *, cover: bool = True) -> jax.Array:
    """FSQ's rank-1 scale matrix ``S = r c^T`` ``[alpha, alpha]`` for ``ranges``.

    ``cover=True`` (our choice [unverified]) multiplies ``S`` by the largest
    ``ranges / S``, so that no position's range exceeds its share of the one scale
    (nothing clips that would not clip per position).
    """
    r, c = fsq_factors(ranges)
    s = r[:, None] * c[None, :]
    if cover:
        s = s * jnp.max(jnp.maximum(jnp.asarray(ranges), _EPS) / s)
    return s


def _pos_ranges(t: jax.Array, alpha: int) -> jax.Array:
    return jnp.max(jnp.abs(t), axis=(1, 2)).reshape(alpha, alpha)


# ---------------------------------------------------------------- PAW


@dataclasses.dataclass(frozen=True, kw_only=True)
class PAWConfig:
    """PAW training settings (jaxeff's; the paper's steps and batch are [unverified]).

    ``lr`` for ``B^T`` and ``A^T``, ``lr_g`` for ``G`` (5e-4 reported best [sec]);
    ``batch`` calibration images per step.
    """

    steps: int = 100
    lr: float = 1e-3
    lr_g: float = 5e-4
    batch: int = 32

    def __post_init__(self) -> None:
        for name, least in (("steps", 0), ("batch", 1)):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int) or v < least:
                raise ValueError(f"{name} must be an int >= {least}, got {v!r}")
        for name in ("lr", "lr_g"):
            v = getattr(self, name)
            if not isinstance(v, int | float) or not np.isfinite(v) or v <= 0:
                raise ValueError(f"{name} must be a finite number > 0, got {v!r}")


PAW_DEFAULT = PAWConfig()


@flax.struct.dataclass
class PAWLayer:
    """One layer's learned transforms ``at [m, alpha], g [alpha, r], bt [alpha,
    alpha]`` and static FSQ scales ``s_v, s_m [alpha, alpha]`` (ones: none)."""

    at: jax.Array
    g: jax.Array
    bt: jax.Array
    s_v: jax.Array
    s_m: jax.Array

    @property
    def matrices(self) -> tuple[jax.Array, jax.Array, jax.Array]:
        return self.at, self.g, self.bt


def paw_identity(m: int, r: int = 3) -> PAWLayer:
    """Cook-Toom ``(A^T, G, B^T)`` (float32) and ``S = 1``: the standard Winograd path."""
    at, g, bt = (jnp.asarray(t, jnp.float32) for t in winograd_matrices(m, r))
    ones = jnp.ones((m + r - 1,) * 2, jnp.float32)
    return PAWLayer(at, g, bt, ones, ones)


def _fsq_hooks(quant: WinogradQuant, s_v=None, s_m=None) -> dict:
    """Stage hooks: ``quant``'s layouts; ``V``, ``M`` divided by their FSQ scale
    (static ``s_*``; ``None``: fitted on the tensor at hand, no gradient) first."""

    def scaled(stage, s):
        def hook(t):
            alpha = round(t.shape[0] ** 0.5)
            sc = (lax.stop_gradient(fsq_scale(_pos_ranges(t, alpha))) if s is None
                  else s).reshape(-1, 1, 1).astype(t.dtype)
            return _fq(t / sc, *quant_axes(stage, quant), quant) * sc
        return hook

    return _only(quant, {"x": lambda t: _fq(t, *quant_axes("x", quant), quant),
                         "V": scaled("V", s_v),
                         "U": lambda t: _fq(t, *quant_axes("U", quant), quant),
                         "M": scaled("M", s_m)})


def paw_fsq_conv(layer: PAWLayer, *, m: int, quant: WinogradQuant = W8A8):
    """PAW+FSQ Winograd conv (``lax.conv_general_dilated`` signature) [unverified
    reconstruction]: ``layer``'s transforms, every stage quantized with ``quant``'s
    layouts, ``V`` and ``M`` normalised by the static FSQ scales first."""
    return functools.partial(winograd_conv, m=m, matrices=layer.matrices,
                             hooks=_fsq_hooks(quant, layer.s_v, layer.s_m))


def _hashable(padding):
    return padding if isinstance(padding, str) else tuple(tuple(p) for p in padding)


def _reference(x, w, padding):
    return lax.conv_general_dilated(x, w, (1, 1), padding, dimension_numbers=DN,
                                    precision=lax.Precision.HIGHEST)


@functools.partial(jax.jit, static_argnames=("m", "pad"))
def _vm_ranges(mats, x, w, *, m: int, pad):
    alpha = mats[2].shape[0]
    st = stage_tensors(x, w, m, pad, ("V", "M"), matrices=mats)
    return _pos_ranges(st["V"], alpha), _pos_ranges(st["M"], alpha)


def _fsq_static(mats, li, m: int, alpha: int, n: int) -> tuple[jax.Array, jax.Array]:
    """Static FSQ scales of ``V`` and ``M`` from ``n`` images at a time of ``li``."""
    rv = rm = jnp.zeros((alpha, alpha))
    pad = _hashable(getattr(li, "padding", "SAME"))
    for i in range(0, li.input.shape[0], n):
        v, mm = _vm_ranges(mats, li.input[i:i + n], li.kernel, m=m, pad=pad)
        rv, rm = jnp.maximum(rv, v), jnp.maximum(rm, mm)
    return fsq_scale(rv), fsq_scale(rm)


def paw_train(key: Key, layers: Sequence[Any], m: int,
              quant: WinogradQuant = W8A8, cfg: PAWConfig = PAW_DEFAULT,
              *, fsq: bool = True) -> tuple[dict[str, PAWLayer], dict[str, list[float]]]:
    """PAW (+FSQ) per layer on calibration inputs [unverified reconstruction].

    For each layer (``path, input [N,H,W,C_in]`` of the float model on calibration
    images, HWIO ``kernel``): Adam on ``(A^T, B^T)`` (``cfg.lr``) and ``G``
    (``cfg.lr_g``) from Cook-Toom, ``cfg.steps`` steps on random batches of
    ``cfg.batch`` inputs, loss ``||Y_q - Y_fp||^2 / ||Y_fp||^2`` with every stage
    quantized (FSQ scales of ``V``, ``M`` fitted per batch while training); then the
    static FSQ scales from all calibration inputs (``fsq=False``: ones).

    Returns ``({path: PAWLayer}, {path: loss per step})``.
    """
    if not isinstance(cfg, PAWConfig):
        raise TypeError(f"cfg must be a PAWConfig, got {type(cfg).__name__}")
    tx = _paw_tx(cfg)
    out, hist = {}, {}
    for li in layers:
        pad = _hashable(getattr(li, "padding", "SAME"))
        r = li.kernel.shape[0]
        init = paw_identity(m, r)
        theta = {"at": init.at, "g": init.g, "bt": init.bt}
        step = _paw_step(cfg, m, r, pad, quant, fsq)
        opt = tx.init(theta)
        n = li.input.shape[0]
        hist[li.path] = []
        for _ in range(cfg.steps):
            key, kb = jax.random.split(key)
            idx = jax.random.choice(kb, n, (min(cfg.batch, n),), replace=False)
            x = li.input[idx]
            theta, opt, loss = step(theta, opt, x, li.kernel)
            hist[li.path].append(float(loss))
        mats = (theta["at"], theta["g"], theta["bt"])
        alpha = m + r - 1
        s_v, s_m = (_fsq_static(mats, li, m, alpha, cfg.batch) if fsq
                    else (init.s_v, init.s_m))
        out[li.path] = PAWLayer(*mats, s_v, s_m)
        if hist[li.path]:
            log.info("PAW %s: loss %.4g -> %.4g", li.path, hist[li.path][0],
                     hist[li.path][-1])
    return out, hist


@functools.lru_cache(maxsize=32)
def _paw_step(cfg: PAWConfig, m: int, r: int, pad, quant: WinogradQuant, fsq: bool):
    """One jitted Adam step of PAW (cached: one compile per setting and shape)."""
    init = paw_identity(m, r)
    hooks = _fsq_hooks(quant) if fsq else _fsq_hooks(quant, init.s_v, init.s_m)

    def loss_fn(theta, x, w):
        y_ref = _reference(x, w, pad)
        y = winograd_conv(x, w, (1, 1), pad, dimension_numbers=DN, m=m, hooks=hooks,
                          matrices=(theta["at"], theta["g"], theta["bt"]))
        return jnp.sum(jnp.square(y - y_ref)) / jnp.sum(jnp.square(y_ref))

    @jax.jit
    def step(theta, opt, x, w):
        loss, grads = jax.value_and_grad(loss_fn)(theta, x, w)
        upd, opt = _paw_tx(cfg).update(grads, opt, theta)
        return optax.apply_updates(theta, upd), opt, loss

    return step


def _paw_tx(cfg: PAWConfig):
    return optax.multi_transform({"ab": optax.adam(cfg.lr), "g": optax.adam(cfg.lr_g)},
                                 {"at": "ab", "bt": "ab", "g": "g"})


def convs_sqnr(layers: Sequence[Any], convs: Mapping[str, Any]) -> dict[str, float]:
    """``{path: SQNR dB}`` of each layer's conv ``convs[path]`` (``lax`` signature,
    NHWC/HWIO) against the float direct conv on the layer's ``input``."""
    out = {}
    for li in layers:
        pad = getattr(li, "padding", "SAME")
        y = jax.jit(lambda x, w, f=convs[li.path], p=pad: f(
            x, w, (1, 1), p, dimension_numbers=DN))(li.input, li.kernel)
        out[li.path] = float(sqnr_db(y, _reference(li.input, li.kernel, pad)))
    return out
