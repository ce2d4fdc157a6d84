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
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from fractions import Fraction

import flax.struct
import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

__all__ = [
    "STANDARD_POINTS",
    "WinogradScales",
    "check_eligible",
    "cook_toom",
    "range_imbalance",
    "transform_weights",
    "winograd_conv",
    "winograd_cost",
    "winograd_matrices",
]

_h = Fraction(1, 2)
STANDARD_POINTS: dict[tuple[int, int], tuple[Fraction, ...]] = {
    (2, 3): tuple(map(Fraction, (0, 1, -1))),
    (4, 3): tuple(map(Fraction, (0, 1, -1, 2, -2))),
    (6, 3): tuple(map(Fraction, (0, 1, -1, 2, -2))) + (_h, -_h),
}
"""Interpolation points of F(2,3), F(4,3), F(6,3) (spec "Standard point sets")."""

Matrix = list[list[Fraction]]
Hook = Callable[[jax.Array], jax.Array]


def _poly_from_roots(roots: Sequence[Fraction], length: int) -> list[Fraction]:
    """Coefficients ``[x^0, x^1, ...]`` of ``prod (x - a)``, zero-padded."""
    c = [Fraction(1)]
    for a in roots:
        c = [Fraction(0)] + c  # x * p
        for j in range(len(c) - 1):
            c[j] -= a * c[j + 1]
    return c + [Fraction(0)] * (length - len(c))


def cook_toom(
    m: int, r: int, points: Sequence[Fraction | int | str] | None = None
) -> tuple[Matrix, Matrix, Matrix]:
    """Exact rational ``(A^T [m x a], G [a x r], B^T [a x a])`` of F(m, r).

    Spec §2 "Cook-Toom construction" (``a = alpha = m + r - 1``).

    Args:
      m: outputs per tile (>= 1).
      r: filter taps (>= 1).
      points: ``alpha - 1`` distinct rational points (anything ``Fraction``
        accepts); default: :data:`STANDARD_POINTS` for F(2,3)/F(4,3)/F(6,3).

    Returns:
      Three matrices as lists of rows of ``fractions.Fraction``.
    """
    if not (isinstance(m, int) and isinstance(r, int) and m >= 1 and r >= 1):
        raise ValueError(f"F(m, r) needs integers m >= 1, r >= 1, got m={m!r} r={r!r}")
    alpha = m + r - 1
    n = alpha - 1
    if points is None:
        if (m, r) not in STANDARD_POINTS:
            raise ValueError(
                f"no standard points for F({m},{r}); pass {n} points "
                f"(standard: {sorted(STANDARD_POINTS)})"
            )
        points = STANDARD_POINTS[(m, r)]
    a = [Fraction(p) for p in points]
    if len(a) != n:
        raise ValueError(f"F({m},{r}) needs {n} points (alpha - 1), got {len(a)}")
    if len(set(a)) != n:
        raise ValueError(f"interpolation points must be distinct, got {points}")
    f = [
        functools.reduce(lambda u, v: u * v, (a[i] - a[k] for k in range(n) if k != i),
                         Fraction(1))
        for i in range(n)
    ]
    bt = [_poly_from_roots([a[k] for k in range(n) if k != i], alpha) for i in range(n)]
    bt.append(_poly_from_roots(a, alpha))
    if n and f[0] < 0:  # wincnn: flip the sign of row 0 (the product is unchanged)
        f[0] = -f[0]
        bt[0] = [-v for v in bt[0]]
    at = [[a[i] ** j for i in range(n)] + [Fraction(int(j == m - 1))] for j in range(m)]
    g = [[a[i] ** k / f[i] for k in range(r)] for i in range(n)]
    g.append([Fraction(int(k == r - 1)) for k in range(r)])
    return at, g, bt


@functools.lru_cache(maxsize=64)
def _matrices_cached(m: int, r: int, points: tuple[Fraction, ...] | None):
    at, g, bt = cook_toom(m, r, points)
    out = tuple(np.array([[float(v) for v in row] for row in mat]) for mat in (at, g, bt))
    for mat in out:
        mat.setflags(write=False)
    return out


def winograd_matrices(
    m: int, r: int = 3, points: Sequence[Fraction | int | str] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(A^T, G, B^T)`` of F(m, r) as read-only ``float64`` numpy arrays.

    Built exactly with :func:`cook_toom`, then cast (spec §2).
    """
    pts = None if points is None else tuple(Fraction(p) for p in points)
    return _matrices_cached(m, r, pts)


def winograd_cost(m: int, r: int = 3) -> dict[str, Fraction | int]:
    """Multiplications of 2-D F(m x m, r x r) per tile and channel pair (spec §2).

    Returns ``mults_per_tile = alpha^2``, ``outputs_per_tile = m^2``,
    ``direct_mults = m^2 r^2`` and ``reduction = m^2 r^2 / alpha^2`` (exact).
    """
    alpha = m + r - 1
    return {"mults_per_tile": alpha**2, "outputs_per_tile": m * m,
            "direct_mults": m * m * r * r,
            "reduction": Fraction(m * m * r * r, alpha**2)}


def range_imbalance(m: int, r: int = 3, points=None) -> tuple[np.ndarray, float]:
    """Per-position std factors ``a_i = |G_i| |B^T_i|`` and ``max/min`` of ``a_i a_j``.

    For i.i.d. unit-variance ``d`` and ``g``, ``std(M_ij) = a_i a_j`` with
    ``M = (G g G^T) ⊙ (B^T d B)`` (spec "Range imbalance"): F(2,3) 1.333,
    F(4,3) 115.2, F(6,3) 1678.8.
    """
    _, g, bt = winograd_matrices(m, r, points)
    a = np.linalg.norm(g, axis=1) * np.linalg.norm(bt, axis=1)
    return a, float((a.max() / a.min()) ** 2)


@flax.struct.dataclass
class WinogradScales:
    """Learnable diagonal transform scales in log form, each ``[alpha] float32``.

    ``S_B = diag(exp(log_b))``, ``S_G = diag(exp(log_c))`` and
    ``S_A = (S_B S_G)^{-1}`` (spec "Learnable scales"); zeros = standard transforms.
    """

    log_b: jax.Array
    log_c: jax.Array

    @staticmethod
    def identity(alpha: int) -> WinogradScales:
        return WinogradScales(jnp.zeros((alpha,), jnp.float32),
                              jnp.zeros((alpha,), jnp.float32))

    def apply(self, at, g, bt) -> tuple[jax.Array, jax.Array, jax.Array]:
        """Scaled ``(A'^T, G', B'^T)``: ``A^T S_A``, ``S_G G``, ``S_B B^T``."""
        alpha = bt.shape[0]
        if self.log_b.shape != (alpha,) or self.log_c.shape != (alpha,):
            raise ValueError(
                f"scales must have shape ({alpha},) for alpha={alpha}, got "
                f"{self.log_b.shape} and {self.log_c.shape}"
            )
        b, c = jnp.exp(self.log_b), jnp.exp(self.log_c)
        # explicit device arrays in the scales' dtype: mixing host float64 constants
        # into eager ops under a toggled x64 mode can hit a stale executable
        at, g, bt = (jnp.asarray(t, dtype=b.dtype) for t in (at, g, bt))
        return at / (b * c)[None, :], g * c[:, None], bt * b[:, None]


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
        return [[(k, float(v)) for k, v in enumerate(row) if v != 0] for row in mat]
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
        unit = isinstance(c, float) and c in (1.0, -1.0)
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
    v = _input_transform(xp, bt, bt_nz, m, th, tw)  # B^T d B: [alpha^2, T, C_in]
    v = hooks.get("V", lambda t: t)(v)
    u = transform_weights(w, g) if u is None else u.astype(x.dtype)
    u = hooks.get("U", lambda t: t)(u)
    mm = lax.dot_general(v, u, (((2,), (1,)), ((0,), (0,))), precision=precision)
    mm = hooks.get("M", lambda t: t)(mm)  # [alpha^2, T, C_out]
    y = _output_transform(mm, at, at_nz, n, th, tw)  # A^T M A
    return y[:, :ho, :wo]


def _nhwc_perms(dimension_numbers, lhs_shape, rhs_shape):
    dn = lax.conv_dimension_numbers(lhs_shape, rhs_shape, dimension_numbers)
    if len(dn.lhs_spec) != 4:
        raise ValueError("winograd_conv supports 2-D convolutions only")
    lp = (dn.lhs_spec[0], dn.lhs_spec[2], dn.lhs_spec[3], dn.lhs_spec[1])
    rp = (dn.rhs_spec[2], dn.rhs_spec[3], dn.rhs_spec[1], dn.rhs_spec[0])
    op = (dn.out_spec[0], dn.out_spec[2], dn.out_spec[3], dn.out_spec[1])
    return lp, rp, tuple(int(i) for i in np.argsort(op))


def check_eligible(rhs_hw: tuple[int, ...], window_strides, lhs_dilation, rhs_dilation,
                   feature_group_count: int, batch_group_count: int) -> str | None:
    """Why a conv cannot run as Winograd (``None`` if it can): square kernel,
    stride 1, no dilation, no feature/batch groups (spec §4, §7)."""
    if len(rhs_hw) != 2 or rhs_hw[0] != rhs_hw[1]:
        return f"needs a square 2-D kernel, got spatial shape {tuple(rhs_hw)}"
    if tuple(window_strides) != (1, 1):
        return f"stride 1 only, got window_strides={tuple(window_strides)}"
    for name, d in (("lhs_dilation", lhs_dilation), ("rhs_dilation", rhs_dilation)):
        if d is not None and tuple(d) != (1, 1):
            return f"no dilation, got {name}={tuple(d)}"
    if feature_group_count != 1 or batch_group_count != 1:
        return (f"groups unsupported, got feature_group_count={feature_group_count}, "
                f"batch_group_count={batch_group_count}")
    return None


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
) -> jax.Array:
    """``lax.conv_general_dilated`` computed with Winograd F(m x m, r x r).

    Pipeline of Lavin & Gray (arXiv 1509.09308) / Pan et al. (arXiv 2412.19867,
    spec §2): ``V = B'^T d B'`` per tile, ``U = G' w G'^T``, one batched GEMM
    ``M[p] = V[p] U[p]`` over the ``alpha^2`` positions ``p``, ``Y = A'^T M A'``.
    Partial tiles are zero-padded and the output cropped, so any output size works.

    Args:
      lhs: input, e.g. ``[N, H, W, C_in]`` float (layout from
        ``dimension_numbers``; ``None`` means NCHW/OIHW/NCHW as in lax).
      rhs: kernel ``[r, r, C_in, C_out]`` (HWIO) or per ``dimension_numbers``.
      window_strides: must be ``(1, 1)``.
      padding: ``"SAME"``, ``"VALID"``, ``"SAME_LOWER"`` or ``((lo, hi), (lo, hi))``.
      lhs_dilation, rhs_dilation: ``None`` or ones.
      dimension_numbers: as ``lax.conv_general_dilated``.
      feature_group_count, batch_group_count: must be 1.
      precision: passed to the GEMM.
      preferred_element_type: output dtype (default: ``lhs`` dtype).
      m: outputs per tile side (F(2,3), F(4,3), F(6,3) have standard points).
      points: Cook-Toom points (default standard).
      scales: optional :class:`WinogradScales` (``S_A = (S_B S_G)^{-1}``).
      hooks: optional functions applied to the stage tensors ``"x"`` (NHWC input),
        ``"V"`` ``[alpha^2, T, C_in]``, ``"U"`` ``[alpha^2, C_in, C_out]`` and ``"M"``
        ``[alpha^2, T, C_out]`` (``T`` = tiles); used by the quantized path.
      transformed_rhs: optional precomputed ``U = G' w G'^T`` ``[alpha^2, C_in,
        C_out]`` (:func:`transform_weights`, done offline as when deployed); then
        ``rhs`` only fixes shapes.

    Returns:
      The convolution, same shape and layout as ``lax.conv_general_dilated``.

    Raises:
      ValueError: unsupported stride, dilation, groups, kernel or padding.
    """
    lhs, rhs = jnp.asarray(lhs), jnp.asarray(rhs)
    if lhs.ndim != 4 or rhs.ndim != 4:
        raise ValueError(f"winograd_conv needs 4-D lhs and rhs, got {lhs.shape}, "
                         f"{rhs.shape}")
    lp, rp, oinv = _nhwc_perms(dimension_numbers, lhs.shape, rhs.shape)
    x, w = lhs.transpose(lp), rhs.transpose(rp)
    why = check_eligible(w.shape[:2], window_strides, lhs_dilation, rhs_dilation,
                         feature_group_count, batch_group_count)
    if why:
        raise ValueError(f"winograd_conv: {why}")
    if x.shape[-1] != w.shape[2]:
        raise ValueError(f"input channels {x.shape[-1]} != kernel C_in {w.shape[2]}")
    r = w.shape[0]
    at, g, bt = winograd_matrices(m, r, points)
    mats = (at, g, bt) if scales is None else scales.apply(at, g, bt)
    dtype = jnp.promote_types(x.dtype, w.dtype)
    pads = _pairs(padding, x.shape[1:3], r)
    nonzero = (at != 0, bt != 0)  # scaling keeps the zero pattern
    y = _core(x.astype(dtype), w.astype(dtype), pads, mats, m, hooks or {},
              precision, transformed_rhs, nonzero)
    return y.transpose(oinv).astype(preferred_element_type or dtype)

