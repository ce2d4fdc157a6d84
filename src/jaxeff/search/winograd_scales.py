"""Data-free learning of Winograd transform scales, and closed-form equalization.

"Data-Free Group-Wise Fully Quantized Winograd Convolution via Learnable Scales"
(Pan et al., CVPR 2025, arXiv 2412.19867), spec ``winograd.md`` §2 "Data-free
fine-tuning":

1. ``theta = (log b, log c) = 0`` (standard transforms), or the equalized init;
2. each step: pick ``K`` random eligible layers (their real, unchanged weights);
   ``x ~ N(0, 1)`` (or uniform) of shape ``[B, H, W, C_in]`` per layer, ``H = W =
   4m + 2``; loss ``= -mean_k SQNR_k`` (dB) of the fully quantized Winograd output
   against the float direct conv; an optax step on ``theta`` (STE for rounding,
   gradient through the group max);
3. re-center ``mean log b = mean log c = 0`` (the loss is invariant to t -> kt);
4. output ``S_B, S_G`` (``S_A = (S_B S_G)^{-1}`` is derived in the conv).

No training data is used. Defaults (SGD momentum 0.9, lr 1e-2, 300 steps, B 2,
K 2) are jaxeff's: the paper's lr, steps, noise std and batch are [unverified].
``per_layer=True`` learns one set per layer (an option, not the paper's method).

:func:`equalized_scales` is the closed-form alternative (a baseline and an init
option): the ``t`` that equalizes the predicted spread of ``M`` over positions (see
its docstring). ``layer_sqnr`` is re-exported from :mod:`jaxeff.ops.winograd_calib`.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING

import jax
import jax.numpy as jnp
import numpy as np
import optax

from jaxeff.ops.winograd import (
    WinogradScales,
    range_imbalance,
    transform_weights,
    winograd_matrices,
)
from jaxeff.ops.winograd_calib import layer_sqnr
from jaxeff.ops.winograd_quant import WinogradQuant
from jaxeff.types import Key

if TYPE_CHECKING:
    from jax.sharding import Mesh

log = logging.getLogger(__name__)

__all__ = ["ScaleTuneConfig", "equalized_scales", "layer_sqnr", "tune_scales"]


@dataclasses.dataclass(frozen=True, kw_only=True)
class ScaleTuneConfig:
    """Settings of the data-free scale fine-tuning (jaxeff defaults, see module)."""

    steps: int = 300
    lr: float = 1e-2
    momentum: float = 0.9
    layers_per_step: int = 2
    batch: int = 2
    size: int | None = None  # H = W; None: 4m + 2
    noise: str = "gaussian"  # "gaussian" | "uniform" (U[-sqrt3, sqrt3], unit var)
    per_layer: bool = False
    init: str = "standard"  # "standard" | "equalized"

    def __post_init__(self) -> None:
        if self.noise not in ("gaussian", "uniform"):
            raise ValueError(f"noise must be 'gaussian' or 'uniform', got {self.noise!r}")
        if self.init not in ("standard", "equalized"):
            raise ValueError(f"init must be 'standard' or 'equalized', got {self.init!r}")
        for name, least in (("steps", 0), ("layers_per_step", 1), ("batch", 1)):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int) or v < least:
                raise ValueError(f"{name} must be an int >= {least}, got {v!r}")
        if self.size is not None and (isinstance(self.size, bool) or not isinstance(
                self.size, int) or self.size < 3):
            raise ValueError(f"size must be None or an int >= 3, got {self.size!r}")
        for name in ("lr", "momentum"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not np.isfinite(v):
                raise ValueError(f"{name} must be a finite number, got {v!r}")
        if not self.lr > 0:
            raise ValueError(f"lr must be > 0 (a negative rate ascends the loss), got "
                             f"{self.lr!r}")
        if not 0 <= self.momentum < 1:
            raise ValueError(f"momentum must be in [0, 1), got {self.momentum!r}")
        if not isinstance(self.per_layer, bool):
            raise TypeError(f"per_layer must be a bool, got {self.per_layer!r}")


def equalized_scales(m: int, r: int = 3,
                     kernels: Mapping[str, jax.Array] | None = None) -> WinogradScales:
    """Closed-form transform scales that equalize ``std(M'_p)`` over positions.

    Derivation (spec §2 "Range imbalance" and "Learnable scales"). With scales,
    ``M'_ij = t_i t_j M_ij`` (``t = b ⊙ c``); ``V`` and ``U`` are quantized per
    position, so only ``t`` matters. For i.i.d. unit-variance input ``d`` (the noise
    the learned scales are tuned on), ``V_ij`` has std ``|B^T_i| |B^T_j|`` and
    ``M_ij = sum_c V_ijc U_ijc`` has std ``s_ij = |B^T_i| |B^T_j| u_ij`` with
    ``u_ij = sqrt(mean_out sum_in U_ij^2)``. ``t_i t_j s_ij = const`` is solved in
    the least-squares sense on logs: ``log t_i = -(mean_j L_ij - mean L / 2)`` with
    ``L = log s`` (exact if ``s`` is rank one). What it equalizes: the predicted
    per-position spread of ``M`` that a position-spanning group must share.

    * ``kernels=None``: i.i.d. weights, ``u_ij ∝ |G_i| |G_j|``, so ``s_ij = a_i a_j``
      and ``t_i ∝ 1/a_i`` with ``a_i = |G_i| |B^T_i|`` (the spec's closed form);
    * ``kernels={path: HWIO [r, r, C_in, C_out]}``: ``u`` from the real kernels,
      ``L`` averaged over the layers (one shared set, as the learned scales).

    Returns ``b = t`` (``c = 1``), re-centered to ``mean log b = 0``.
    """
    if kernels is None:
        a, _ = range_imbalance(m, r)
        lb = -np.log(a)
    else:
        if not kernels:
            raise ValueError("equalized_scales: kernels is empty (pass None for the "
                             "i.i.d. closed form)")
        _, g, bt = winograd_matrices(m, r)
        nb = np.log(np.linalg.norm(bt, axis=1))
        logs = []
        for p, w in kernels.items():
            if jnp.ndim(w) != 4 or tuple(jnp.shape(w)[:2]) != (r, r):
                raise ValueError(f"kernels[{p!r}]: need an HWIO {r}x{r} kernel, got "
                                 f"shape {jnp.shape(w)}")
            u = np.asarray(transform_weights(jnp.asarray(w, jnp.float32), g), np.float64)
            un = np.sqrt(np.mean(np.sum(u**2, axis=1), axis=1)).reshape(len(nb), -1)
            logs.append(nb[:, None] + nb[None, :] + np.log(un + 1e-30))
        ell = np.mean(logs, axis=0)
        ell = (ell + ell.T) / 2
        lb = -(ell.mean(axis=1) - ell.mean() / 2)
    return WinogradScales(jnp.asarray(lb - lb.mean(), jnp.float32),
                          jnp.zeros(lb.shape, jnp.float32))


def _recenter(s: WinogradScales) -> WinogradScales:
    return WinogradScales(s.log_b - jnp.mean(s.log_b), s.log_c - jnp.mean(s.log_c))


def tune_scales(
    key: Key,
    kernels: Mapping[str, jax.Array],
    m: int,
    quant: WinogradQuant = WinogradQuant(),
    cfg: ScaleTuneConfig = ScaleTuneConfig(),
    *,
    mesh: Mesh | None = None,
) -> tuple[WinogradScales | dict[str, WinogradScales], list[float]]:
    """Learn the transform scales on noise (Pan et al., arXiv 2412.19867; spec §2).

    Args:
      key: PRNG key (noise and layer choice).
      kernels: ``{path: HWIO [3, 3, C_in, C_out]}`` real weights of the eligible
        layers (left unchanged).
      m: Winograd F(m, 3).
      quant: the quantized pipeline whose output SQNR is maximized.
      cfg: fine-tuning settings.
      mesh: a 1-D :class:`jax.sharding.Mesh` (:func:`jaxeff.parallel.make_mesh`,
        issue 20) to split each step's noise batch over its devices (``cfg.batch``
        must be a multiple of the device count); the scales stay replicated and
        XLA's SPMD partitioner inserts the reductions of the SQNR. Every quantizer
        group of the pipeline lies inside one image, so the result is the
        one-device result up to float summation order. ``None``: one device.

    Returns:
      ``(scales, history)``: one shared :class:`WinogradScales` (or a
      ``{path: scales}`` dict if ``cfg.per_layer``) and the loss (``-mean SQNR``,
      dB) per step.
    """
    if not isinstance(cfg, ScaleTuneConfig):
        raise TypeError(f"cfg must be a ScaleTuneConfig, got {type(cfg).__name__}")
    if not isinstance(quant, WinogradQuant):
        raise TypeError(f"quant must be a WinogradQuant, got {type(quant).__name__}")
    if isinstance(m, bool) or not isinstance(m, int) or m < 1:
        raise ValueError(f"m must be a positive int (F(m, 3)), got {m!r}")
    if not kernels:
        raise ValueError("tune_scales needs at least one layer kernel")
    for p, w in kernels.items():
        if jnp.ndim(w) != 4 or tuple(jnp.shape(w)[:2]) != (3, 3):
            raise ValueError(f"layer {p!r}: need an HWIO 3x3 kernel, got {jnp.shape(w)}")
        if not jnp.issubdtype(jnp.result_type(w), jnp.floating):
            raise TypeError(f"layer {p!r}: kernel must be floating, got dtype "
                            f"{jnp.result_type(w)}")
    noise_sharding = None
    if mesh is not None:
        from jaxeff.parallel import leading_sharding, mesh_size, replicate

        if cfg.batch % mesh_size(mesh):
            raise ValueError(f"cfg.batch={cfg.batch} is not a multiple of the "
                             f"{mesh_size(mesh)} devices of the mesh: use a noise batch "
                             "divisible by the device count")
        noise_sharding = leading_sharding(mesh)
    paths = sorted(kernels)
    alpha = m + 2
    init = equalized_scales(m) if cfg.init == "equalized" else WinogradScales.identity(
        alpha)
    theta = {p: init for p in paths} if cfg.per_layer else init
    if mesh is not None:
        # replicated from the start, as every update returns it: one compiled
        # loss_grad per kernel shape, not a second one for step 1's new placement
        theta = replicate(theta, mesh)
    tx = optax.sgd(cfg.lr, momentum=cfg.momentum)
    opt_state = tx.init(theta)
    size = cfg.size or 4 * m + 2

    @jax.jit
    def loss_grad(s, w, k):
        shape = (cfg.batch, size, size, w.shape[2])
        if cfg.noise == "gaussian":
            x = jax.random.normal(k, shape)
        else:
            x = jax.random.uniform(k, shape, minval=-3**0.5, maxval=3**0.5)
        if noise_sharding is not None:
            x = jax.lax.with_sharding_constraint(x, noise_sharding)
        return jax.value_and_grad(lambda s: -layer_sqnr(x, w, m, quant, s))(s)

    @jax.jit
    def update(theta, grads, opt_state):
        upd, opt_state = tx.update(grads, opt_state, theta)
        theta = optax.apply_updates(theta, upd)
        return jax.tree.map(_recenter, theta, is_leaf=lambda t: isinstance(
            t, WinogradScales)), opt_state

    history = []
    k_layers = min(cfg.layers_per_step, len(paths))
    for step in range(cfg.steps):
        key, kc, kn = jax.random.split(key, 3)
        chosen = jax.random.choice(kc, len(paths), (k_layers,), replace=False)
        zero = jax.tree.map(jnp.zeros_like, theta)
        grads, total = zero, 0.0
        for i, kk in zip(np.asarray(chosen), jax.random.split(kn, k_layers),
                         strict=True):
            p = paths[int(i)]
            s = theta[p] if cfg.per_layer else theta
            val, g = loss_grad(s, kernels[p], kk)
            g = jax.tree.map(lambda t: t / k_layers, g)
            if cfg.per_layer:
                grads = {**grads, p: jax.tree.map(jnp.add, grads[p], g)}
            else:
                grads = jax.tree.map(jnp.add, grads, g)
            total += float(val) / k_layers
        theta, opt_state = update(theta, grads, opt_state)
        history.append(total)
        if step % 50 == 0:
            log.info("scale tuning step %d: -SQNR %.2f dB", step, total)
    return theta, history
