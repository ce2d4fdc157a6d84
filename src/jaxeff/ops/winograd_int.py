"""Integer execution of the fully quantized Winograd convolution (int8 in, int32 GEMM).

"Data-Free Group-Wise Fully Quantized Winograd Convolution via Learnable Scales"
(Pan et al., CVPR 2025, arXiv 2412.19867), spec ``winograd.md`` §2 "Quantized
pipeline" and §5 (the Arm-CPU speed claim: +31.3 % for the conv layers against
direct int8 convolution). :mod:`jaxeff.ops.winograd_quant` *simulates* the pipeline
in float (fake quantization); this module *runs* it in integers, as a kernel on an
int8 machine would, so its speed can be compared with a direct int8 convolution
with int32 accumulation (``lax.conv_general_dilated(..., preferred_element_type=
int32)``), which is the paper's comparison (`benchmarks/bench_winograd_int8.py`).

Stages, for ``x_q`` int8 NHWC with scale ``s_x`` (per tensor), ``U_q`` int8
``[alpha^2, C_in, C_out]`` with scales ``s_U [alpha^2, C_out]`` and static
per-position input scales ``s_V [alpha^2]``:

1. ``V_int = B_i^T d B_i`` in int32 on the padded tiles, where ``B_i^T = k_B B^T`` is
   the Cook-Toom ``B^T`` scaled by the smallest power of two ``k_B`` that makes it
   integral (1 for F(2,3), F(4,3); 4 for F(6,3)), so ``V = s_x V_int / k_B^2`` exactly;
2. ``V_q = clamp(round(V_int * s_x / (k_B^2 s_V[p])), -128, 127)`` int8 (round half
   to even; the library's signed grid, so static scales clip as the fake-quant does);
3. ``M_int = V_q U_q`` per position, int8 x int8 -> int32 (the batched GEMM);
4. ``M = M_int s_V[p] s_U[p, o]`` (float), then int8 with one dynamic scale per tile
   and output channel *across the alpha^2 positions* (``s_M = max_p |M| / 127``):
   the grouping the paper keeps so that the output transform runs in integers;
5. ``Y_int = A_i^T M_q A_i`` in int32 (``A_i^T = k_A A^T``, integral), ``Y = s_M
   Y_int / k_A^2``.

Scales (transform scales included) are folded in offline by the caller:
:func:`prepare_weights` quantizes ``U = G w G^T`` per position and output channel.
Equal (up to rounding ties at a few ulp) to the fake-quant pipeline with the same
layouts: ``x`` per tensor, ``V`` per position (static), ``U`` per position x
``C_out``, ``M`` grouped across positions (test ``tests/ops/test_winograd_int.py``).
Stride 1, ``r = 3``, NHWC / HWIO only; explicit or ``"SAME"``/``"VALID"`` padding.
Standard transforms only: learned transform scales would make ``A^T``, ``B^T``
non-integral unless rounded to powers of two (not implemented), and with standard
transforms the M layout above collapses at F(4,3) / F(6,3) exactly as the
fake-quant "standard" rows do; this module exists to measure integer speed.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from jaxeff.ops.winograd import (
    _input_transform,
    _output_transform,
    transform_weights,
    winograd_matrices,
)

__all__ = ["int8_winograd_conv", "integer_matrices", "prepare_weights"]

QMIN, QMAX = -128, 127  # the library's signed 8-bit grid (jaxeff.ops.quant)


def integer_matrices(m: int, r: int = 3) -> tuple[np.ndarray, int, np.ndarray, int,
                                                   np.ndarray]:
    """``(A_i^T, k_A, B_i^T, k_B, G)``: the Cook-Toom ``A^T``, ``B^T`` of F(m, r)
    times the smallest powers of two ``k_A``, ``k_B`` that make them integral
    (int64 arrays), and the float ``G``. ``ValueError`` if none up to ``2^10``."""
    at, g, bt = winograd_matrices(m, r)

    def scaled(mat: np.ndarray, name: str) -> tuple[np.ndarray, int]:
        for e in range(11):
            k = 2 ** e
            t = mat * k
            if np.allclose(t, np.round(t), atol=1e-9):
                return np.round(t).astype(np.int64), k
        raise ValueError(f"F({m},{r}): {name} has no power-of-two integer form <= 2^10")

    ai, ka = scaled(np.asarray(at, np.float64), "A^T")
    bi, kb = scaled(np.asarray(bt, np.float64), "B^T")
    return ai, ka, bi, kb, np.asarray(g)


def prepare_weights(w: jax.Array, m: int) -> tuple[jax.Array, jax.Array]:
    """HWIO float ``w [3, 3, C_in, C_out]`` -> ``(U_q int8 [alpha^2, C_in, C_out],
    s_U float32 [alpha^2, C_out])``: ``U = G w G^T`` quantized per position and
    output channel (symmetric, absmax / 127, round half to even)."""
    if jnp.ndim(w) != 4 or tuple(jnp.shape(w)[:2]) != (3, 3):
        raise ValueError(f"prepare_weights: need an HWIO 3x3 kernel, got shape "
                         f"{jnp.shape(w)}")
    _, _, _, _, g = integer_matrices(m)
    u = transform_weights(jnp.asarray(w, jnp.float32), g)  # [a^2, C_in, C_out]
    s = jnp.maximum(jnp.max(jnp.abs(u), axis=1), 1e-12) / QMAX
    uq = jnp.clip(jnp.round(u / s[:, None, :]), QMIN, QMAX).astype(jnp.int8)
    return uq, s.astype(jnp.float32)


def _pads(padding, hw: tuple[int, int]) -> tuple[tuple[int, int], tuple[int, int]]:
    if isinstance(padding, str):
        if padding.upper() not in ("SAME", "VALID"):
            raise ValueError(f"int8_winograd_conv: padding must be 'SAME', 'VALID' or "
                             f"two (low, high) pairs, got {padding!r}")
        p = lax.padtype_to_pads(hw, (3, 3), (1, 1), padding.upper())
    else:
        p = [tuple(q) for q in padding]
        if len(p) != 2 or not all(len(q) == 2 for q in p):
            raise ValueError(f"int8_winograd_conv: explicit padding must be two (low, "
                             f"high) pairs, got {padding!r}")
    return (int(p[0][0]), int(p[0][1])), (int(p[1][0]), int(p[1][1]))


def int8_winograd_conv(x_q: jax.Array, x_scale: jax.typing.ArrayLike, u_q: jax.Array,
                       u_scale: jax.Array, v_scale: jax.Array, *, m: int,
                       padding: str | Sequence[tuple[int, int]] = "SAME") -> jax.Array:
    """Fully quantized Winograd F(m, 3) conv run in integers (module docstring).

    Args:
      x_q: int8 NHWC input codes; ``x = x_scale * x_q``.
      x_scale: per-tensor input scale (scalar).
      u_q, u_scale: from :func:`prepare_weights` (same ``m``).
      v_scale: ``[alpha^2]`` static per-position scales of ``V`` (e.g. calibrated
        ``max |V_p| / 127``).
      m: output tile size (2, 4 or 6).
      padding: ``"SAME"``, ``"VALID"`` or ``((top, bottom), (left, right))``.

    Returns:
      float32 NHWC output (stride 1).
    """
    alpha = m + 2
    if x_q.dtype != jnp.int8 or u_q.dtype != jnp.int8:
        raise TypeError(f"int8_winograd_conv: x_q and u_q must be int8, got {x_q.dtype} "
                        f"and {u_q.dtype}")
    if x_q.ndim != 4:
        raise ValueError(f"int8_winograd_conv: x_q must be NHWC, got shape {x_q.shape}")
    if (u_q.ndim != 3 or u_q.shape[0] != alpha ** 2 or u_q.shape[1] != x_q.shape[3]
            or u_scale.shape != (alpha ** 2, u_q.shape[2])
            or jnp.shape(v_scale) != (alpha ** 2,)):
        raise ValueError(
            f"int8_winograd_conv: F({m},3) needs u_q [{alpha ** 2}, {x_q.shape[3]}, "
            f"C_out], u_scale [{alpha ** 2}, C_out], v_scale [{alpha ** 2}]; got "
            f"{u_q.shape}, {u_scale.shape}, {jnp.shape(v_scale)}")
    pads = _pads(padding, x_q.shape[1:3])
    return _run(x_q, jnp.asarray(x_scale, jnp.float32), u_q, u_scale,
                jnp.asarray(v_scale, jnp.float32), m=m, pads=pads)


@functools.partial(jax.jit, static_argnames=("m", "pads"))
def _run(x_q, x_scale, u_q, u_scale, v_scale, *, m: int, pads):
    ai, ka, bi, kb, _ = integer_matrices(m)
    n, h, wd, _ = x_q.shape
    (ph0, ph1), (pw0, pw1) = pads
    ho, wo = h + ph0 + ph1 - 2, wd + pw0 + pw1 - 2
    if ho < 1 or wo < 1:
        raise ValueError(f"int8_winograd_conv: empty output {ho}x{wo} for input "
                         f"{h}x{wd}, padding {pads}")
    th, tw = -(-ho // m), -(-wo // m)
    cfg = ((0, 0, 0), (ph0, th * m + 2 - h - ph0, 0), (pw0, tw * m + 2 - wd - pw0, 0),
           (0, 0, 0))
    xp = lax.pad(x_q.astype(jnp.int32), jnp.zeros((), jnp.int32), cfg)
    v_int = _input_transform(xp, bi, None, m, th, tw)  # [a^2, T, C_in] int32
    mult = x_scale / (kb * kb * v_scale)  # [a^2]
    v_q = jnp.clip(jnp.round(v_int.astype(jnp.float32) * mult[:, None, None]),
                   QMIN, QMAX).astype(jnp.int8)
    m_int = lax.dot_general(v_q, u_q, (((2,), (1,)), ((0,), (0,))),
                            preferred_element_type=jnp.int32)  # [a^2, T, C_out]
    mm = m_int.astype(jnp.float32) * (v_scale[:, None] * u_scale)[:, None, :]
    s_m = jnp.maximum(jnp.max(jnp.abs(mm), axis=0), 1e-30) / QMAX  # [T, C_out]
    m_q = jnp.clip(jnp.round(mm / s_m), QMIN, QMAX).astype(jnp.int32)
    y_int = _output_transform(m_q, ai, None, n, th, tw)  # [N, th m, tw m, C] int32
    s_y = s_m.reshape(n, th, 1, tw, 1, -1) / (ka * ka)
    y = y_int.reshape(n, th, m, tw, m, -1).astype(jnp.float32) * s_y
    return y.reshape(n, th * m, tw * m, -1)[:, :ho, :wo]
