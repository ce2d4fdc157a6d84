"""Winograd F(m, r) convolution: Cook-Toom matrices, ``winograd_conv``, scales.

"Fast Algorithms for Convolutional Neural Networks" (Lavin & Gray, arXiv
1509.09308) with the Cook-Toom construction of ``andravin/wincnn``, and the
diagonal transform scales of "Data-Free Group-Wise Fully Quantized Winograd
Convolution via Learnable Scales" (Pan et al., CVPR 2025, arXiv 2412.19867).
Equations are those of ``shared/specs/winograd.md`` §2:

* 1-D: ``y = A^T[(G g) ⊙ (B^T d)]``, ``y_k = sum_t d_{k+t} g_t`` (cross-correlation,
  as ``lax.conv``), ``alpha = m + r - 1``;
* 2-D: ``Y = A^T[(G g G^T) ⊙ (B^T d B)]A`` on ``alpha x alpha`` input tiles that
  overlap by ``r - 1``; each tile gives ``m x m`` outputs; stride 1 only;
* Cook-Toom (points ``a_0..a_{n-1}``, ``n = alpha - 1``, plus infinity):
  ``A^T[j,i] = a_i^j``, ``A^T[j,n] = [j = m-1]``; ``G[i,k] = a_i^k / f_i``,
  ``G[n,k] = [k = r-1]``; ``B^T[i,j] = [x^j] l_i``, ``B^T[n,j] = [x^j] M`` with
  ``f_i = prod_{k!=i}(a_i - a_k)``, ``l_i = prod_{k!=i}(x - a_k)``,
  ``M = prod_k (x - a_k)``; if ``f_0 < 0`` row 0 of ``B^T`` and ``f_0`` are negated
  (wincnn's convention);
* scales: ``B'^T = S_B B^T``, ``G' = S_G G``, ``A'^T = A^T S_A`` with
  ``S_A = (S_B S_G)^{-1}`` keep the convolution exact (spec "Learnable scales").

The convolution is computed as input transform -> one batched GEMM over the
``alpha^2`` positions (contracting ``C_in``) -> output transform. Both
transforms are separable 1-D passes of linear combinations of strided slices
(input) or of position planes (output), skipping the matrices' structural zeros,
with no stacked tile copy; XLA fuses the elementwise work (see
:func:`_input_transform`, :func:`_output_transform`). ``hooks`` let the quantized path
(:mod:`jaxeff.ops.winograd_quant`) act on the four stage tensors ``x, V, U, M``.
The Cook-Toom construction and :class:`WinogradScales` live in
:mod:`jaxeff.ops.winograd_cooktoom` (names re-exported here).

Rules shared by every conv entry point (``winograd_conv``,
``quantized_winograd_conv``, ``direct_quant_conv`` and the router
``winograd_or_direct`` of :mod:`jaxeff.ops.winograd_quant`):

* **Layout.** The signature and defaults of ``lax.conv_general_dilated``:
  ``dimension_numbers=None`` means lax's default ``("NCHW", "OIHW", "NCHW")``, and
  every form lax accepts works (strings, ``lax.ConvDimensionNumbers`` as Flax's
  ``nn.Conv`` passes). Injection into Flax models (``nn.Conv``, ``QuantConv``,
  :mod:`jaxeff.nets.winograd`) always passes Flax's NHWC/HWIO/NHWC explicitly.
* **Eligibility.** :func:`check_eligible` is the one rule: square ``r x r`` kernel with
  ``r >= 2`` (1x1 stays direct), stride 1, no dilation, no feature/batch groups, and
  Cook-Toom points for F(m, r). ``winograd_conv`` raises on an ineligible conv; the
  router sends it to the direct conv.
* **Precision.** The transforms are elementwise linear combinations (exact float
  operations on every backend); the weight transform and the batched Winograd-domain
  GEMM use ``precision=None -> DEFAULT_PRECISION = HIGHEST``, so no backend (e.g.
  TF32 on GPUs) silently runs them at reduced precision. Pass ``precision`` to
  trade accuracy for speed.
* **dtype.** ``lhs`` and ``rhs`` must be floating (the matrices have fractional
  entries): integer inputs raise ``TypeError`` naming the argument.

Length (about 400 lines): the Cook-Toom construction, the convolution that uses it
and the scale algebra that must keep it exact are one unit; the quantized path,
routing and calibration live in ``winograd_quant`` / ``winograd_route`` /
``winograd_calib``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from jaxeff.ops.winograd_cooktoom import (
    STANDARD_POINTS,
    WinogradScales,
    cook_toom,
    range_imbalance,
    winograd_cost,
    winograd_matrices,
)

__all__ = [
    "DEFAULT_PRECISION",
    "STANDARD_POINTS",
    "WinogradScales",
    "check_eligible",
    "conv_dims",
    "cook_toom",
    "range_imbalance",
    "transform_weights",
    "winograd_conv",
    "winograd_cost",
    "winograd_matrices",
]

Hook = Callable[[jax.Array], jax.Array]
DEFAULT_PRECISION = lax.Precision.HIGHEST
"""Precision of every Winograd matmul when ``precision=None`` (exact float32)."""


def _pairs(padding, in_hw, r: int) -> list[tuple[int, int]]:
    if isinstance(padding, str):
        try:
            return list(lax.padtype_to_pads(in_hw, (r, r), (1, 1), padding))
        except (ValueError, TypeError, KeyError, RuntimeError) as e:
            raise ValueError(f"unsupported padding {padding!r}: {e}") from e
    pads = [tuple(p) for p in padding]
    if len(pads) != 2 or any(len(p) != 2 for p in pads):
        raise ValueError(f"padding must be a string or 2 (lo, hi) pairs, got {padding}")
    return [(int(lo), int(hi)) for lo, hi in pads]


def transform_weights(w: jax.Array, g: jax.typing.ArrayLike) -> jax.Array:
    """``U = G w G^T`` for HWIO ``w [r, r, C_in, C_out]`` -> ``[alpha^2, C_in, C_out]``.

    Computed in ``w``'s dtype at highest precision ("offline, in float": spec
    quantized pipeline step (2)).
    """
    g = jnp.asarray(g, w.dtype)
    u = _left2(g, w.reshape(w.shape[0], w.shape[1], -1))
    return u.reshape(-1, *w.shape[2:])


def _left2(mat: jax.Array, t: jax.Array) -> jax.Array:
    """``mat @ t[i, j, :] @ mat^T`` over the two leading axes of ``t [a, a, X]``.

    Two dot_generals with the big axis ``X`` last, so no transposes are needed.
    """
    hi = lax.Precision.HIGHEST
    t = lax.dot_general(mat, t, (((1,), (1,)), ((), ())), precision=hi)  # [l, i, X]
    return lax.dot_general(mat, t, (((1,), (1,)), ((), ())), precision=hi)  # [k, l, X]


def _coefs(mat, nz) -> list[list[tuple[int, float | jax.Array]]]:
    """Row-wise nonzero terms ``[(k, mat[i, k]), ...]`` of a transform matrix.

    A concrete numpy ``mat`` gives Python floats and skips its exact zeros; a traced
    ``mat`` (learnable scales under jit/grad) gives traced scalars at the entries
    where the boolean pattern ``nz`` is set (all entries if ``nz`` is ``None``).
    """
    if isinstance(mat, np.ndarray):
        cast = int if np.issubdtype(mat.dtype, np.integer) else float  # int: exact
        return [[(k, cast(v)) for k, v in enumerate(row) if v != 0] for row in mat]
    rows, cols = mat.shape
    nz = np.ones((rows, cols), bool) if nz is None else np.asarray(nz, bool)
    return [[(k, mat[i, k]) for k in range(cols) if nz[i, k]] for i in range(rows)]


def _lincomb(terms) -> jax.Array:
    """``sum_k c_k t_k`` over the non-empty ``terms = [(c_k, t_k)]``.

    Python ``+-1`` coefficients become an add/subtract. Plain elementwise ops, so
    XLA fuses each combination (and its strided-slice operands) into the fusion
    that consumes it. (No row or column of a Cook-Toom ``A^T``/``B^T`` is zero.)
    """
    acc = None
    for c, t in terms:
        unit = isinstance(c, (int, float)) and c in (1, -1)
        neg = unit and c < 0
        t = t if unit else c * t
        acc = (-t if neg else t) if acc is None else (acc - t if neg else acc + t)
    return acc


def _input_transform(xp: jax.Array, bt, nz, m: int, th: int, tw: int) -> jax.Array:
    """``V = B^T d B`` of every tile: padded NHWC ``xp`` -> ``[alpha^2, N th tw, C]``.

    Two separable 1-D passes over strided slices, with no stacked ``alpha x alpha``
    tile copy (which expands the input ``(alpha/m)^2`` times and then needs a
    small-``K`` matmul per transform):

    1. along H, ``rows_i = sum_k B^T[i, k] xp[:, k::m]`` (``th`` tile rows each,
       structural zeros skipped), stacked to ``R [alpha, N, th, W_p, C]``;
    2. along W, ``V[:, j] = sum_l B^T[j, l] R[:, :, :, l::m]`` written as a sum over
       ``l`` of a coefficient column broadcast over ``j``, so the whole
       ``[alpha, alpha, N, th, tw, C]`` result, already the GEMM layout, is one
       elementwise fusion.

    Measured on XLA:CPU, stacking the ``alpha^2`` separate combinations of step 2
    instead compiles to ``alpha^2`` fusions plus a concatenate copy, about 1.6x
    slower; broadcasting the coefficients in step 1 as well is also slower.
    """
    alpha = bt.shape[0]
    coefs = _coefs(bt, nz)
    rows = jnp.stack([_lincomb([(c, lax.slice_in_dim(xp, k, k + m * (th - 1) + 1, m, 1))
                                for k, c in coefs[i]]) for i in range(alpha)])
    v = _lincomb([(jnp.asarray(bt[:, l], xp.dtype).reshape(1, alpha, 1, 1, 1, 1),
                   lax.slice_in_dim(rows, l, l + m * (tw - 1) + 1, m, 3)[:, None])
                  for l in range(alpha)])
    return v.reshape(alpha * alpha, -1, xp.shape[-1])


def _output_transform(mm: jax.Array, at, nz, n: int, th: int, tw: int) -> jax.Array:
    """``Y = A^T M A`` of every tile: ``[alpha^2, N th tw, C]`` -> ``[N, th m, tw m, C]``.

    Two separable 1-D passes of linear combinations over the position axes of
    ``M`` (viewed ``[alpha, alpha, N, th, tw, C]``): ``cols_a = sum_i A^T[a, i]
    M[i]``, then ``Y[a, b] = sum_j A^T[b, j] cols_a[j]``. The ``m x m`` outputs
    are stacked straight into the interleaved NHWC order ``[N, th, m, tw, m, C]``
    (a free reshape to ``[N, th m, tw m, C]``), so no separate transpose runs.
    """
    m, alpha = at.shape
    mm = mm.reshape(alpha, alpha, n, th, tw, -1)
    coefs = _coefs(at, nz)
    cols = [_lincomb([(c, mm[i]) for i, c in coefs[a]]) for a in range(m)]
    y = [jnp.stack([_lincomb([(c, ca[j]) for j, c in coefs[b]])
                    for b in range(m)], axis=3) for ca in cols]  # m x [N, th, tw, m, C]
    return jnp.stack(y, axis=2).reshape(n, th * m, tw * m, -1)


def _dense_input(xp: jax.Array, bt: jax.Array, m: int, th: int, tw: int) -> jax.Array:
    """:func:`_input_transform` for dense traced ``B^T`` (learned full matrices):
    the strided slices are stacked and contracted with one matmul per pass, which
    compiles (and differentiates) in far less time than ``alpha^2`` scalar terms."""
    alpha = bt.shape[0]
    hi = lax.Precision.HIGHEST
    s = jnp.stack([lax.slice_in_dim(xp, k, k + m * (th - 1) + 1, m, 1)
                   for k in range(alpha)])  # [k, N, th, W_p, C]
    rows = jnp.tensordot(bt, s, (1, 0), precision=hi)  # [i, N, th, W_p, C]
    s = jnp.stack([lax.slice_in_dim(rows, l, l + m * (tw - 1) + 1, m, 3)
                   for l in range(alpha)])  # [l, i, N, th, tw, C]
    v = jnp.tensordot(bt, s, (1, 0), precision=hi)  # [j, i, N, th, tw, C]
    return v.swapaxes(0, 1).reshape(alpha * alpha, -1, xp.shape[-1])


def _dense_output(mm: jax.Array, at: jax.Array, n: int, th: int, tw: int) -> jax.Array:
    """:func:`_output_transform` for dense traced ``A^T`` (two matmuls)."""
    m, alpha = at.shape
    hi = lax.Precision.HIGHEST
    mm = mm.reshape(alpha, alpha, n, th, tw, -1)
    cols = jnp.tensordot(at, mm, (1, 0), precision=hi)  # [a, j, N, th, tw, C]
    y = jnp.tensordot(at, cols, (1, 1), precision=hi)  # [b, a, N, th, tw, C]
    return y.transpose(2, 3, 1, 4, 0, 5).reshape(n, th * m, tw * m, -1)


def _core(x, w, pads, mats, m: int, hooks: dict[str, Hook], precision, u=None,
          nonzero=None):
    """NHWC ``x``, HWIO ``w`` -> NHWC ``y``; the three-stage Winograd pipeline.

    ``nonzero``: optional boolean patterns ``(A^T != 0, B^T != 0)`` of the unscaled
    matrices, so traced (scaled) matrices still skip structural zeros.
    """
    at, g, bt = mats
    r = w.shape[0]
    n, h, wd, _ = x.shape
    (ph0, ph1), (pw0, pw1) = pads
    ho, wo = h + ph0 + ph1 - r + 1, wd + pw0 + pw1 - r + 1
    if ho < 1 or wo < 1:
        raise ValueError(f"empty output {ho}x{wo} for input {h}x{wd}, padding {pads}")
    th, tw = -(-ho // m), -(-wo // m)
    x = hooks.get("x", lambda v: v)(x)
    zero = jnp.zeros((), x.dtype)
    cfg = ((0, 0, 0), (ph0, th * m + r - 1 - h - ph0, 0),
           (pw0, tw * m + r - 1 - wd - pw0, 0), (0, 0, 0))
    xp = lax.pad(x, zero, cfg)
    at_nz, bt_nz = (None, None) if nonzero is None else nonzero
    if not isinstance(bt, np.ndarray):
        bt, at = (jnp.asarray(t, x.dtype) for t in (bt, at))
    dense = nonzero is None and not isinstance(bt, np.ndarray)  # full learned matrices
    v = (_dense_input(xp, bt, m, th, tw) if dense else
         _input_transform(xp, bt, bt_nz, m, th, tw))  # B^T d B: [alpha^2, T, C_in]
    v = hooks.get("V", lambda t: t)(v)
    u = transform_weights(w, g) if u is None else u.astype(x.dtype)
    u = hooks.get("U", lambda t: t)(u)
    mm = lax.dot_general(v, u, (((2,), (1,)), ((0,), (0,))), precision=precision)
    mm = hooks.get("M", lambda t: t)(mm)  # [alpha^2, T, C_out]
    y = (_dense_output(mm, at, n, th, tw) if dense else
         _output_transform(mm, at, at_nz, n, th, tw))  # A^T M A
    return y[:, :ho, :wo]


def conv_dims(dimension_numbers, lhs_shape, rhs_shape, fn: str):
    """``lax.ConvDimensionNumbers`` of any form lax accepts; a clear error naming
    ``dimension_numbers`` otherwise (shared by every conv entry point)."""
    try:
        return lax.conv_dimension_numbers(tuple(lhs_shape), tuple(rhs_shape),
                                          dimension_numbers)
    except (TypeError, ValueError, IndexError, AssertionError) as e:
        raise ValueError(f"{fn}: bad dimension_numbers={dimension_numbers!r} for lhs "
                         f"{tuple(lhs_shape)} and rhs {tuple(rhs_shape)}: {e}") from e


def _nhwc_perms(dimension_numbers, lhs_shape, rhs_shape):
    dn = conv_dims(dimension_numbers, lhs_shape, rhs_shape, "winograd_conv")
    lp = (dn.lhs_spec[0], dn.lhs_spec[2], dn.lhs_spec[3], dn.lhs_spec[1])
    rp = (dn.rhs_spec[2], dn.rhs_spec[3], dn.rhs_spec[1], dn.rhs_spec[0])
    op = (dn.out_spec[0], dn.out_spec[2], dn.out_spec[3], dn.out_spec[1])
    return lp, rp, tuple(int(i) for i in np.argsort(op))


def _pair(v, name: str) -> tuple[int, ...] | None:
    if v is None:
        return None
    if isinstance(v, int):
        return (v, v)
    return tuple(int(i) for i in v)


def check_eligible(
    rhs_hw: Sequence[int],
    window_strides: Sequence[int] | int | None = (1, 1),
    lhs_dilation: Sequence[int] | int | None = None,
    rhs_dilation: Sequence[int] | int | None = None,
    feature_group_count: int = 1,
    batch_group_count: int = 1,
    *,
    m: int = 4,
    points: Sequence[Fraction | int | str] | None = None,
) -> str | None:
    """The one Winograd eligibility rule: why a conv cannot run as F(m, r), or ``None``.

    Spec §4 "Eligible" and §7: a square 2-D ``r x r`` kernel with ``r >= 2`` (1x1
    convs stay direct: nothing to save), stride 1, no input or kernel dilation, no
    feature or batch groups, and Cook-Toom points for F(m, r) (standard for
    F(2,3), F(4,3), F(6,3), or ``points`` given). Used by :func:`winograd_conv`
    (which raises), the router ``winograd_or_direct`` and the Flax injection (which
    route ineligible convs to the direct conv).

    Args:
      rhs_hw: the kernel's spatial shape, e.g. ``(3, 3)``.
      window_strides, lhs_dilation, rhs_dilation, feature_group_count,
        batch_group_count: as in ``lax.conv_general_dilated`` (an int stride or
        dilation means the same on both axes; ``None`` means ones).
      m: output tile F(m, r).
      points: Cook-Toom points (``None``: standard points).
    """
    hw = tuple(int(v) for v in rhs_hw)
    if len(hw) != 2 or hw[0] != hw[1]:
        return f"needs a square 2-D kernel, got spatial shape {hw}"
    if hw[0] < 2:
        return f"1x1 kernels stay direct (nothing to save), got kernel {hw}"
    st = _pair(window_strides, "window_strides") or (1, 1)
    if st != (1, 1):
        return f"stride 1 only, got window_strides={st}"
    for name, d in (("lhs_dilation", lhs_dilation), ("rhs_dilation", rhs_dilation)):
        d = _pair(d, name)
        if d is not None and d != (1, 1):
            return f"no dilation, got {name}={d}"
    if feature_group_count != 1 or batch_group_count != 1:
        return (f"groups unsupported, got feature_group_count={feature_group_count}, "
                f"batch_group_count={batch_group_count}")
    if points is None and (m, hw[0]) not in STANDARD_POINTS:
        return (f"no standard Cook-Toom points for F({m},{hw[0]}) (standard: "
                f"{sorted(STANDARD_POINTS)}); pass points=")
    return None


def _check_float(name: str, a: jax.Array, fn: str) -> None:
    if not jnp.issubdtype(a.dtype, jnp.floating):
        raise TypeError(
            f"{fn}: {name} must be a floating array (the Winograd matrices have "
            f"fractional entries), got {name}.dtype={a.dtype}; cast it with "
            f".astype(jnp.float32)")


def _check_matrices(matrices, ref, scales):
    """``matrices`` as ``(A^T, G, B^T)`` jax arrays, shapes checked against ``ref``."""
    if scales is not None:
        raise ValueError("winograd_conv: pass either scales or matrices, not both")
    if not isinstance(matrices, tuple | list) or len(matrices) != 3:
        raise ValueError("winograd_conv: matrices must be a tuple (A^T, G, B^T)")
    out = tuple(jnp.asarray(t) for t in matrices)
    for name, t, want in zip(("A^T", "G", "B^T"), out, ref, strict=True):
        if t.shape != want.shape:
            raise ValueError(f"winograd_conv: matrices {name} must have shape "
                             f"{want.shape}, got {t.shape}")
    return out


def winograd_conv(
    lhs: jax.Array,
    rhs: jax.Array,
    window_strides: Sequence[int],
    padding: str | Sequence[tuple[int, int]],
    lhs_dilation: Sequence[int] | None = None,
    rhs_dilation: Sequence[int] | None = None,
    dimension_numbers=None,
    feature_group_count: int = 1,
    batch_group_count: int = 1,
    precision=None,
    preferred_element_type=None,
    *,
    m: int = 4,
    points: Sequence[Fraction | int | str] | None = None,
    scales: WinogradScales | None = None,
    hooks: dict[str, Hook] | None = None,
    transformed_rhs: jax.Array | None = None,
    matrices: tuple[jax.Array, jax.Array, jax.Array] | None = None,
) -> jax.Array:
    """``lax.conv_general_dilated`` computed with Winograd F(m x m, r x r).

    Pipeline of Lavin & Gray (arXiv 1509.09308) / Pan et al. (arXiv 2412.19867,
    spec §2): ``V = B'^T d B'`` per tile, ``U = G' w G'^T``, one batched GEMM
    ``M[p] = V[p] U[p]`` over the ``alpha^2`` positions ``p``, ``Y = A'^T M A'``.
    Partial tiles are zero-padded and the output cropped, so any output size works.
    Follows the module's rules for layout, eligibility, precision and dtype.

    Args:
      lhs: floating input, ``[N, C_in, H, W]`` with the default
        ``dimension_numbers=None`` (lax's NCHW/OIHW/NCHW), e.g. ``[N, H, W, C_in]``
        with ``("NHWC", "HWIO", "NHWC")``.
      rhs: floating kernel, ``[C_out, C_in, r, r]`` (OIHW) by default.
      window_strides: must be ``(1, 1)``.
      padding: ``"SAME"``, ``"VALID"``, ``"SAME_LOWER"`` or ``((lo, hi), (lo, hi))``.
      lhs_dilation, rhs_dilation: ``None`` or ones.
      dimension_numbers: any form ``lax.conv_general_dilated`` accepts.
      feature_group_count, batch_group_count: must be 1.
      precision: of the Winograd-domain GEMM; ``None`` means
        :data:`DEFAULT_PRECISION` (``HIGHEST``, exact float32 on every backend).
      preferred_element_type: output dtype (default: the promoted input dtype).
      m: outputs per tile side (F(2,3), F(4,3), F(6,3) have standard points).
      points: Cook-Toom points (default standard).
      scales: optional :class:`WinogradScales` (``S_A = (S_B S_G)^{-1}``).
      hooks: optional functions applied to the stage tensors ``"x"`` (NHWC input),
        ``"V"`` ``[alpha^2, T, C_in]``, ``"U"`` ``[alpha^2, C_in, C_out]`` and ``"M"``
        ``[alpha^2, T, C_out]`` (``T`` = tiles); used by the quantized path.
      transformed_rhs: optional precomputed ``U = G' w G'^T`` ``[alpha^2, C_in,
        C_out]`` (:func:`transform_weights`, done offline as when deployed); then
        ``rhs`` only fixes shapes.
      matrices: optional full transform matrices ``(A^T [m, alpha], G [alpha, r],
        B^T [alpha, alpha])`` used instead of Cook-Toom's (learned transforms, e.g.
        PAW in :mod:`jaxeff.ops.winograd_baselines`); every entry is used (no
        structural zeros skipped); exclusive with ``scales``.

    Returns:
      The convolution, same shape and layout as ``lax.conv_general_dilated``.

    Raises:
      ValueError: wrong rank, channels, layout, padding or an ineligible conv
        (stride, dilation, groups, kernel, points), naming the argument.
      TypeError: integer (non-floating) ``lhs`` or ``rhs``.
    """
    lhs, rhs = jnp.asarray(lhs), jnp.asarray(rhs)
    if lhs.ndim != 4 or rhs.ndim != 4:
        raise ValueError(f"winograd_conv needs 4-D (2-D conv) lhs and rhs, got "
                         f"lhs.shape={lhs.shape}, rhs.shape={rhs.shape}")
    _check_float("lhs", lhs, "winograd_conv")
    _check_float("rhs", rhs, "winograd_conv")
    lp, rp, oinv = _nhwc_perms(dimension_numbers, lhs.shape, rhs.shape)
    x, w = lhs.transpose(lp), rhs.transpose(rp)
    why = check_eligible(w.shape[:2], window_strides, lhs_dilation, rhs_dilation,
                         feature_group_count, batch_group_count, m=m, points=points)
    if why:
        raise ValueError(f"winograd_conv: {why}")
    if x.shape[-1] != w.shape[2]:
        raise ValueError(f"winograd_conv: lhs has {x.shape[-1]} input channels but rhs "
                         f"has C_in={w.shape[2]} (lhs.shape={lhs.shape}, "
                         f"rhs.shape={rhs.shape})")
    r = w.shape[0]
    at, g, bt = winograd_matrices(m, r, points)
    mats = (at, g, bt) if scales is None else scales.apply(at, g, bt)
    nonzero = (at != 0, bt != 0)  # scaling keeps the zero pattern
    if matrices is not None:
        mats, nonzero = _check_matrices(matrices, (at, g, bt), scales), None
    dtype = jnp.promote_types(x.dtype, w.dtype)
    pads = _pairs(padding, x.shape[1:3], r)
    prec = DEFAULT_PRECISION if precision is None else precision
    y = _core(x.astype(dtype), w.astype(dtype), pads, mats, m, hooks or {},
              prec, transformed_rhs, nonzero)
    return y.transpose(oinv).astype(preferred_element_type or dtype)
