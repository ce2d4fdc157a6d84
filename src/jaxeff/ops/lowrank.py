"""HMF, LMF, magnitude pruning and Kronecker matrices for compressed layers.

"Rank and run-time aware compression of NLP Applications" (Thakker, Beu, Gope,
Dasika, Mattina; SustaiNLP 2020, arXiv 2010.03193), as reconstructed in
``shared/specs/hmf_simd.md`` Part A (only the abstract was available, so the
structure below is the spec's [Choice], not verified against the paper's text).

A matrix ``W [m, n]`` acts as ``y = W x`` on ``x [..., n]`` (spec A2 notation; a
Flax kernel is its transpose). Compressed forms, each at budget
``B = floor(m n / c)`` parameters (spec A2 procedure step 1):

* ``dense``: ``W`` itself, ``m n`` parameters.
* ``lmf``: ``W = U V``, ``U [m, r]``, ``V [r, n]``; ``r_L = floor(B / (m + n))``
  (Grachev et al., arXiv 1703.10722).
* ``hmf``: ``W = [D; U V]``, ``D [p, n]`` dense rows, ``U [m-p, r]``, ``V [r, n]``;
  params ``p n + r (m - p + n)``, rank ``<= min(m, n, p + r)``, default split
  ``p = floor(B / 2n)``, ``r = floor((B - p n) / (m - p + n))`` (spec A2). With
  ``groups = g`` (the gates of an RNN) the rows form ``g`` blocks and the first
  ``p / g`` rows of every block are dense (spec A2 "RNN use", per-unit split).
  Forward ``y = concat(D x, U (V x))``: three dense GEMVs, no gather.
* ``prune``: ``W * mask`` with ``B`` non-zeros, gradual magnitude pruning
  ``s_t = s_f + (s_i - s_f)(1 - (t - t0) / (n dt))^3`` (Zhu & Gupta, arXiv
  1710.01878; spec A3); sparse inference through ``jax.experimental.sparse``.
* ``kron``: ``W = A (x) B``, ``A [m1, n1]``, ``B [m2, n2]`` with ``m2 n2`` small so
  that ``m1 n1 + m2 n2 ~ B`` (spec A3 structured baseline; the choice of the factor
  shapes to meet the budget is ours [Choice]).

Batch-1 MACs equal the parameter count for dense, LMF and HMF (spec A2).
"""

from __future__ import annotations

import dataclasses
import math

import jax
import jax.numpy as jnp
import numpy as np
from jax.experimental import sparse

from jaxeff.types import Key

KINDS = ("dense", "lmf", "hmf", "prune", "kron")


def budget(m: int, n: int, compression: float) -> int:
    """``B = floor(m n / c)`` parameters for a ``[m, n]`` matrix (spec A2 step 1)."""
    if m < 1 or n < 1:
        raise ValueError(f"matrix shape must be positive, got [{m}, {n}]")
    if not compression >= 1.0:
        raise ValueError(f"compression factor must be >= 1, got {compression}")
    return int(math.floor(m * n / compression))


def lmf_rank(m: int, n: int, b: int) -> int:
    """LMF rank at budget ``b``: ``r_L = floor(b / (m + n))`` (spec A2)."""
    r = min(b // (m + n), m, n)
    if r < 1:
        raise ValueError(f"budget {b} is below one rank-1 term (m + n = {m + n}) "
                         f"for W [{m}, {n}]; lower the compression factor")
    return r


def hmf_split(m: int, n: int, b: int, *, groups: int = 1,
              dense_frac: float = 0.5) -> tuple[int, int]:
    """HMF ``(p, r)`` at budget ``b`` (spec A2 default split).

    ``p = floor(dense_frac * b / n)`` rounded down to a multiple of ``groups``,
    ``r = floor((b - p n) / (m - p + n))``. ``dense_frac = 0.5`` is the spec's
    [Choice]; ``p n + r (m - p + n) <= b`` always holds. If that leaves ``r = 0``
    (tiny budgets), ``p`` drops by ``groups`` until ``r >= 1`` [Choice].
    """
    if m % groups:
        raise ValueError(f"m={m} rows do not split into {groups} equal groups")
    if not 0.0 <= dense_frac <= 1.0:
        raise ValueError(f"dense_frac must lie in [0, 1], got {dense_frac}")
    p = min(int(dense_frac * b) // n, m)
    p -= p % groups

    def rank(p):
        return min((b - p * n) // (m - p + n), m - p, n) if p < m else 0

    while p < m and p >= groups and rank(p) < 1:  # rounding left no rank: fewer rows
        p -= groups
    r = rank(p)
    if p < m and r < 1:
        raise ValueError(f"budget {b} leaves no rank for the low-rank part of W "
                         f"[{m}, {n}] after {p} dense rows; lower dense_frac or c")
    return p, r


def kron_shape(m: int, n: int, b: int) -> tuple[int, int, int, int]:
    """``(m1, n1, m2, n2)`` with ``m1 n1 + m2 n2`` closest to ``b`` (within 1%).

    [Choice] the spec names ``W = A (x) B`` (arXiv 1906.02876) but not how to hit a
    budget; we search the divisor pairs ``m2 | m``, ``n2 | n`` and prefer, among
    those with params ``<= 1.01 b``, the largest count, then balanced ``m2 ~ n2``.
    """
    best = None
    for m2 in (d for d in range(1, m + 1) if m % d == 0):
        for n2 in (d for d in range(1, n + 1) if n % d == 0):
            p = (m // m2) * (n // n2) + m2 * n2
            if p <= 1.01 * b:
                key = (p, -abs(m2 - n2), m2)
                if best is None or key > best[0]:
                    best = (key, (m // m2, n // n2, m2, n2))
    if best is None:
        raise ValueError(f"no Kronecker factorization of W [{m}, {n}] fits {b} params")
    return best[1]


@dataclasses.dataclass(frozen=True, kw_only=True)
class Factorization:
    """Static structure of one compressed matrix ``W [m, n]`` (hashable).

    ``rank`` is LMF's ``r`` or HMF's ``r``; ``dense_rows`` HMF's ``p``; ``groups``
    the row blocks of HMF's per-unit split; ``kron`` ``(m1, n1, m2, n2)``;
    ``nnz`` the non-zeros kept by pruning.
    """

    kind: str
    m: int
    n: int
    rank: int = 0
    dense_rows: int = 0
    groups: int = 1
    kron: tuple[int, int, int, int] = (0, 0, 0, 0)
    nnz: int = 0

    def __post_init__(self) -> None:
        m, n, k = self.m, self.n, self.kind
        if k not in KINDS:
            raise ValueError(f"unknown kind {k!r}; choose from {KINDS}")
        if m < 1 or n < 1:
            raise ValueError(f"matrix shape must be positive, got [{m}, {n}]")
        if k == "lmf" and not 1 <= self.rank <= min(m, n):
            raise ValueError(f"LMF rank must lie in [1, {min(m, n)}] for W [{m}, {n}],"
                             f" got {self.rank}")
        if k == "hmf":
            p, r, g = self.dense_rows, self.rank, self.groups
            if g < 1 or m % g or p % g:
                raise ValueError(f"HMF groups={g} must divide m={m} and p={p}")
            if not 0 <= p <= m:
                raise ValueError(f"HMF dense rows p={p} must lie in [0, {m}]")
            if not (0 if p == m else 1) <= r <= min(m - p, n):
                raise ValueError(f"HMF rank r={r} must lie in [1, {min(m - p, n)}] "
                                 f"for W [{m}, {n}] with p={p} dense rows")
        if k == "kron":
            m1, n1, m2, n2 = self.kron
            if min(self.kron) < 1 or m1 * m2 != m or n1 * n2 != n:
                raise ValueError(f"Kronecker shape {self.kron} does not give [{m}, {n}]")
        if k == "prune" and not 1 <= self.nnz <= m * n:
            raise ValueError(f"pruning must keep 1..{m * n} weights, got {self.nnz}")

    @property
    def params(self) -> int:
        """Stored weights (no bias, no sparse index) — spec A2 formulas."""
        m, n, r, p = self.m, self.n, self.rank, self.dense_rows
        m1, n1, m2, n2 = self.kron
        return {"dense": m * n, "lmf": r * (m + n), "hmf": p * n + r * (m - p + n),
                "prune": self.nnz, "kron": m1 * n1 + m2 * n2}[self.kind]

    @property
    def index_cost(self) -> int:
        """CSR index entries (column index per non-zero + m + 1 row pointers)."""
        return self.nnz + self.m + 1 if self.kind == "prune" else 0

    @property
    def macs(self) -> int:
        """Multiply-accumulates of one batch-1 GEMV ``W x``."""
        if self.kind == "kron":
            m1, n1, m2, n2 = self.kron
            return min(self.n * m2 + self.m * n1, m1 * self.n + self.m * n2)
        return self.params

    @property
    def rank_bound(self) -> int:
        """Upper bound on ``rank(W)`` (spec A2; Kronecker: product of factor ranks)."""
        m, n = self.m, self.n
        if self.kind == "lmf":
            return self.rank
        if self.kind == "hmf":
            return min(m, n, self.dense_rows + self.rank)
        if self.kind == "kron":
            m1, n1, m2, n2 = self.kron
            return min(m1, n1) * min(m2, n2)
        return min(m, n)


def plan(kind: str, m: int, n: int, compression: float, *, groups: int = 1,
         dense_frac: float = 0.5) -> Factorization:
    """The spec A2 structure of ``kind`` for ``W [m, n]`` at compression ``c``.

    ``dense`` ignores ``compression``. Every other kind stays within budget
    ``B = floor(m n / c)`` (Kronecker within +1%, see :func:`kron_shape`).
    """
    if kind == "dense":
        return Factorization(kind="dense", m=m, n=n)
    b = budget(m, n, compression)
    if kind == "lmf":
        return Factorization(kind="lmf", m=m, n=n, rank=lmf_rank(m, n, b))
    if kind == "hmf":
        p, r = hmf_split(m, n, b, groups=groups, dense_frac=dense_frac)
        return Factorization(kind="hmf", m=m, n=n, rank=r, dense_rows=p, groups=groups)
    if kind == "prune":
        return Factorization(kind="prune", m=m, n=n, nnz=b)
    if kind == "kron":
        return Factorization(kind="kron", m=m, n=n, kron=kron_shape(m, n, b))
    raise ValueError(f"unknown kind {kind!r}; choose from {KINDS}")


# ------------------------------------------------------------------ init / apply


def init(key: Key, f: Factorization, dtype: jnp.dtype = jnp.float32) -> dict[str, jax.Array]:
    """Random factors: Glorot-normal ``W``/``D``; ``U, V ~ N(0, (s_G^2/r)^{1/2})``.

    So that ``U V`` has the Glorot variance ``s_G^2 = 2 / (m + n)`` (spec A2
    initialisation). Kronecker factors get std ``s_G^{1/2}`` each.
    """
    m, n = f.m, f.n
    var = 2.0 / (m + n)
    k1, k2, k3 = jax.random.split(key, 3)

    def normal(k, shape, std):
        return (std * jax.random.normal(k, shape)).astype(dtype)

    if f.kind in ("dense", "prune"):
        return {"w": normal(k1, (m, n), var ** 0.5)}
    if f.kind == "kron":
        m1, n1, m2, n2 = f.kron
        s = var ** 0.25
        return {"a": normal(k1, (m1, n1), s), "b": normal(k2, (m2, n2), s)}
    s = (var / max(f.rank, 1)) ** 0.25
    lo = m - f.dense_rows if f.kind == "hmf" else m
    out = {"u": normal(k2, (lo, f.rank), s), "v": normal(k3, (f.rank, n), s)}
    if f.kind == "hmf":
        out["d"] = normal(k1, (f.dense_rows, n), var ** 0.5)
    return out


def _hmf_merge(dense: jax.Array, low: jax.Array, f: Factorization) -> jax.Array:
    """Rows ``[..., p]`` + ``[..., m - p]`` -> natural order ``[..., m]`` per group."""
    g, lead = f.groups, dense.shape[:-1]
    out = jnp.concatenate([dense.reshape(*lead, g, -1), low.reshape(*lead, g, -1)], -1)
    return out.reshape(*lead, f.m)


def apply(params: dict[str, jax.Array], x: jax.Array, f: Factorization,
          mask: jax.Array | None = None) -> jax.Array:
    """``y = W x`` for ``x [..., n]`` -> ``[..., m]`` without materialising ``W``.

    HMF: ``concat(D x, U (V x))`` (spec A2 forward); LMF: ``U (V x)``; Kronecker:
    ``vec(A X B^T)`` with ``X = x.reshape(n1, n2)`` (row-major vec); prune:
    ``(W * mask) x`` (dense-masked path; see :func:`sparse_apply`).
    """
    if x.shape[-1] != f.n:
        raise ValueError(f"input has {x.shape[-1]} features, W [{f.m}, {f.n}] needs {f.n}")
    if f.kind in ("dense", "prune"):
        w = params["w"] if mask is None else params["w"] * mask
        return x @ w.T
    if f.kind == "lmf":
        return (x @ params["v"].T) @ params["u"].T
    if f.kind == "hmf":
        low = (x @ params["v"].T) @ params["u"].T if f.rank else x[..., :0]
        return _hmf_merge(x @ params["d"].T, low, f)
    m1, n1, m2, n2 = f.kron
    xm = x.reshape(*x.shape[:-1], n1, n2)
    y = jnp.einsum("ij,...jl,kl->...ik", params["a"], xm, params["b"])
    return y.reshape(*x.shape[:-1], f.m)


def materialize(params: dict[str, jax.Array], f: Factorization,
                mask: jax.Array | None = None) -> jax.Array:
    """The full ``W [m, n]`` that :func:`apply` multiplies by."""
    if f.kind in ("dense", "prune"):
        return params["w"] if mask is None else params["w"] * mask
    if f.kind == "lmf":
        return params["u"] @ params["v"]
    if f.kind == "kron":
        return jnp.kron(params["a"], params["b"])
    low = params["u"] @ params["v"]
    return _hmf_merge(params["d"].T, low.T, f).T


def from_dense(w: jax.Array, f: Factorization) -> tuple[dict[str, jax.Array],
                                                         jax.Array | None]:
    """Best factors of structure ``f`` for a trained ``w [m, n]``: ``(params, mask)``.

    LMF: truncated SVD ``U = U_r S_r^{1/2}``, ``V = S_r^{1/2} V_r^T`` (Eckart-Young).
    HMF: ``D`` = the dense rows of ``w`` (first ``p / g`` of every group), ``U V`` =
    truncated SVD of the remaining rows (spec A2 alternative initialisation).
    Kronecker: nearest ``A (x) B`` by Van Loan-Pitsianis rearrangement + rank-1 SVD.
    Prune: ``w`` with the magnitude mask keeping ``nnz`` weights.
    """
    w = jnp.asarray(w)
    if w.shape != (f.m, f.n):
        raise ValueError(f"dense matrix has shape {w.shape}, structure needs "
                         f"[{f.m}, {f.n}]")
    if f.kind == "dense":
        return {"w": w}, None
    if f.kind == "prune":
        mask = magnitude_mask(w, 1.0 - f.nnz / w.size)
        return {"w": w * mask}, mask

    def svd(a, r):
        u, s, vt = jnp.linalg.svd(a, full_matrices=False)
        sq = jnp.sqrt(s[:r])
        return u[:, :r] * sq, sq[:, None] * vt[:r]

    if f.kind == "lmf":
        u, v = svd(w, f.rank)
        return {"u": u, "v": v}, None
    if f.kind == "kron":
        m1, n1, m2, n2 = f.kron
        rw = w.reshape(m1, m2, n1, n2).transpose(0, 2, 1, 3).reshape(m1 * n1, m2 * n2)
        a, b = svd(rw, 1)
        return {"a": a.reshape(m1, n1), "b": b.reshape(m2, n2)}, None
    wg = w.reshape(f.groups, f.m // f.groups, f.n)
    pg = f.dense_rows // f.groups
    d, rest = wg[:, :pg].reshape(-1, f.n), wg[:, pg:].reshape(-1, f.n)
    u, v = svd(rest, f.rank)
    return {"d": d, "u": u, "v": v}, None


# ---------------------------------------------------------------------- pruning


def magnitude_mask(w: jax.Array, sparsity: float | jax.Array) -> jax.Array:
    """0/1 mask (dtype of ``w``) zeroing the ``round(sparsity * w.size)`` smallest |w|.

    Exactly that many zeros (ties broken by position), so a schedule reaches
    ``s_f`` exactly. Already-zero weights go first, which keeps masks monotone
    when ``w`` is the masked weight (spec A5).
    """
    k = jnp.round(jnp.asarray(sparsity) * w.size).astype(jnp.int32)
    order = jnp.argsort(jnp.abs(w).ravel(), stable=True)
    rank = jnp.zeros(w.size, jnp.int32).at[order].set(jnp.arange(w.size, dtype=jnp.int32))
    return (rank >= k).astype(w.dtype).reshape(w.shape)


def prune_sparsity(step: int | jax.Array, *, final: float, initial: float = 0.0,
                   begin: int, end: int) -> jax.Array:
    """Zhu & Gupta schedule ``s_t = s_f + (s_i - s_f)(1 - (t - t0)/(n dt))^3``.

    ``begin = t0``, ``end = t0 + n dt``; clamped to ``[s_i, s_f]`` outside
    (arXiv 1710.01878 eq. 1; spec A3 with ``s_f = 1 - 1/c``).
    """
    if end <= begin:
        raise ValueError(f"pruning must end after it begins, got [{begin}, {end}]")
    frac = jnp.clip((jnp.asarray(step, jnp.float32) - begin) / (end - begin), 0.0, 1.0)
    return final + (initial - final) * (1.0 - frac) ** 3


def to_sparse(w: jax.Array, mask: jax.Array | None = None, *,
              nnz: int | None = None) -> sparse.BCOO:
    """``W * mask`` as a ``jax.experimental.sparse.BCOO`` with ``nnz`` stored entries."""
    wm = w if mask is None else w * mask
    n = int(nnz if nnz is not None else np.count_nonzero(np.asarray(wm)))
    return sparse.BCOO.fromdense(wm, nse=n)


def sparse_apply(w_sp: sparse.BCOO, x: jax.Array) -> jax.Array:
    """``y = W x`` for ``x [..., n]`` with a BCOO ``W [m, n]`` (sparse inference path)."""
    if x.shape[-1] != w_sp.shape[1]:
        raise ValueError(f"input has {x.shape[-1]} features, W {w_sp.shape} needs "
                         f"{w_sp.shape[1]}")
    lead = x.shape[:-1]
    y = w_sp @ x.reshape(-1, x.shape[-1]).T
    return y.T.reshape(*lead, w_sp.shape[0])
