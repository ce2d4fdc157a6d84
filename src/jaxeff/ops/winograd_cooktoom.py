"""Cook-Toom F(m, r) transform matrices, exact in rationals, and their cost.

"Fast Algorithms for Convolutional Neural Networks" (Lavin & Gray, arXiv
1509.09308) with the Cook-Toom construction of ``andravin/wincnn``; equations of
``shared/specs/winograd.md`` §2 "Cook-Toom construction", "Standard point sets",
"Cost and conditioning" and "Range imbalance" (points ``a_0..a_{n-1}``,
``n = alpha - 1``, plus infinity):

* ``A^T[j,i] = a_i^j``, ``A^T[j,n] = [j = m-1]``;
* ``G[i,k] = a_i^k / f_i``, ``G[n,k] = [k = r-1]``;
* ``B^T[i,j] = [x^j] l_i``, ``B^T[n,j] = [x^j] M``,

with ``f_i = prod_{k!=i}(a_i - a_k)``, ``l_i = prod_{k!=i}(x - a_k)``,
``M = prod_k (x - a_k)``; if ``f_0 < 0`` row 0 of ``B^T`` and ``f_0`` are negated
(wincnn's convention). :class:`WinogradScales` are the diagonal scalings of Pan et
al. (arXiv 2412.19867): ``B'^T = S_B B^T``, ``G' = S_G G``, ``A'^T = A^T S_A`` with
``S_A = (S_B S_G)^{-1}``. Re-exported by :mod:`jaxeff.ops.winograd`.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from fractions import Fraction

import flax.struct
import jax
import jax.numpy as jnp
import numpy as np

__all__ = [
    "STANDARD_POINTS",
    "WinogradScales",
    "cook_toom",
    "range_imbalance",
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
