"""Shared plumbing of the ``to_jax`` op kernels: the prepare context, quantization
parameters, fused activations and exact integer contractions.

A kernel is registered as ``prepare(ctx) -> run``: ``prepare`` sees the op, its input and
output :class:`~jaxeff.tflite.ir.Tensor` metadata (shapes, dtypes, scales, constants) and
computes every per-op constant (requantization multipliers, lookup tables) on the host;
it raises :class:`Unsupported` for a dtype/option combination it does not implement, so
``to_jax`` can list every problem before anything runs. ``run(values)`` is traced under
``jax.jit`` and returns the op's output values.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

import jax.numpy as jnp
import numpy as np
from jax import lax

from jaxeff.tflite.ir import Op, Tensor
from jaxeff.tflite.qmath import (
    QRANGE,
    activation_range,
    mbqm,
    mbqm_single,
    quantize_multipliers,
)

Run = Callable[[list[Any]], list[Any]]


class Unsupported(NotImplementedError):
    """The op's dtype/option combination is not implemented by ``to_jax``."""


@dataclasses.dataclass
class Ctx:
    """What a kernel's ``prepare`` sees: the op, its inputs (None = absent optional
    input) and outputs as tensor metadata."""

    op: Op
    ins: list[Tensor | None]
    outs: list[Tensor]
    rounding: str = "ref"
    inter: list[Tensor] = dataclasses.field(default_factory=list)  # intermediates

    @property
    def mbqm(self) -> Callable[..., jnp.ndarray]:
        """``MultiplyByQuantizedMultiplier`` to use: ``"single"`` rounding (one rounding
        of the 64-bit product, as ``TFLITE_SINGLE_ROUNDING`` builds and ruy/XNNPACK),
        ``"double"`` (SRDHM then RoundingDivideByPOT), or ``"ref"``: what LiteRT's
        BUILTIN_REF resolver was measured to do, single for FULLY_CONNECTED (its int8
        path runs through the GEMM backend) and double for every other op."""
        if self.rounding == "ref":
            return mbqm_single if self.op.type in SINGLE_ROUNDING_IN_REF else mbqm
        return mbqm_single if self.rounding == "single" else mbqm

    @property
    def opt(self) -> dict[str, Any]:
        return self.op.options

    def const(self, i: int) -> np.ndarray:
        """Constant data of input ``i`` (needed on the host, e.g. a shape or axis)."""
        t = self.ins[i]
        if t is None or t.data is None:
            raise Unsupported(f"input {i} must be a constant tensor")
        return np.asarray(t.data)


#: ops whose int8/uint8 requantization rounds once in LiteRT's BUILTIN_REF (measured on
#: the shared models, docs/RESULTS.md "TFLite import"); all others round twice.
SINGLE_ROUNDING_IN_REF = frozenset({"FULLY_CONNECTED"})

REGISTRY: dict[str, tuple[Callable[[Ctx], Run], frozenset[int]]] = {}

#: input slots of variable (state) tensors, per op type: they hold no data in the file,
#: the kernel starts them at zero (TFLite resets variable tensors to zero, int8 ones to
#: their zero point) and they stay None in ``to_jax``'s environment
STATE_SLOTS: dict[str, tuple[int, ...]] = {"UNIDIRECTIONAL_SEQUENCE_LSTM": (18, 19)}


def register(*names: str, static: Sequence[int] = ()) -> Callable:
    """Register a prepare function for op ``names``; ``static`` input slots are read on
    the host (shape/axis arguments) and are never traced parameters."""

    def deco(fn: Callable[[Ctx], Run]) -> Callable[[Ctx], Run]:
        for n in names:
            REGISTRY[n] = (fn, frozenset(static))
        return fn

    return deco


def is_quant(t: Tensor | None) -> bool:
    """An int8/uint8 tensor with quantization parameters."""
    return t is not None and t.dtype in ("int8", "uint8") and t.scale is not None


def qparams(t: Tensor) -> tuple[float, int]:
    """Per-tensor ``(scale, zero_point)`` of a quantized tensor (float32 scale)."""
    if t.scale is None or len(t.scale) != 1:
        raise Unsupported(f"tensor {t.name!r} needs per-tensor quantization")
    return float(np.float32(t.scale[0])), int(t.zero_point[0])


def check_types(ctx: Ctx, allowed: Sequence[str], n_data: int = 1) -> str:
    """The op's data dtype, which must be one of ``allowed``: the first ``n_data``
    inputs (the data operands, e.g. both sides of ADD or PRELU's alpha) must all have
    it; quantized dtypes must carry quantization parameters on those inputs and on
    every output."""
    data = [t for t in ctx.ins[:n_data] if t is not None]
    if not data:
        raise Unsupported("missing data input")
    d = data[0].dtype
    if d not in allowed:
        raise Unsupported(f"dtype {d} (supported: {', '.join(allowed)})")
    for t in data[1:]:
        if t.dtype != d:
            raise Unsupported(f"mixed input dtypes {d} and {t.dtype} (tensor {t.name!r})")
    if d in ("int8", "uint8"):
        bad = [t.name for t in [*data, *ctx.outs] if not is_quant(t)]
        if bad:
            raise Unsupported(f"{d} tensors without quantization parameters: {bad}")
    return d


def float_act(act: str | None) -> Callable[[jnp.ndarray], jnp.ndarray]:
    """Fused activation on float32 (``ActivationFunctionType``)."""
    act = act or "NONE"
    fns = {
        "NONE": lambda x: x,
        "RELU": lambda x: jnp.maximum(x, 0.0),
        "RELU6": lambda x: jnp.clip(x, 0.0, 6.0),
        "RELU_N1_TO_1": lambda x: jnp.clip(x, -1.0, 1.0),
        "TANH": jnp.tanh,
    }
    if act not in fns:
        raise Unsupported(f"fused activation {act}")
    return fns[act]


def requant_out(mul: Callable[..., jnp.ndarray], acc: jnp.ndarray, q: np.ndarray,
                shift: np.ndarray, out: Tensor, act: str | None) -> jnp.ndarray:
    """int32 accumulator -> output dtype: ``mbqm`` (per channel on the last axis),
    ``+ zero_point``, clamp to the fused activation's range (reference conv/FC tail)."""
    s, zp = qparams(out)
    lo, hi = activation_range(act, out.dtype, s, zp)
    y = mul(acc, jnp.asarray(q), jnp.asarray(shift)) + jnp.int32(zp)
    return jnp.clip(y, lo, hi).astype(out.dtype)


def weight_multipliers(x: Tensor, w: Tensor, out: Tensor, n_out: int
                       ) -> tuple[np.ndarray, np.ndarray]:
    """Per-output-channel ``(q, shift)`` of ``double(s_in) * double(s_w[c]) / double(s_out)``
    (``PopulateConvolutionQuantizationParams``); a per-tensor weight scale broadcasts."""
    sx, _ = qparams(x)
    so, _ = qparams(out)
    sw = np.asarray(w.scale, np.float32).astype(np.float64)
    if sw.size not in (1, n_out):
        raise Unsupported(f"weight has {sw.size} scales for {n_out} output channels")
    m = np.float64(sx) * np.broadcast_to(sw, (n_out,)) / np.float64(so)
    return quantize_multipliers(m)


def weight_zero_points(w: Tensor, n_out: int) -> np.ndarray:
    """Weight zero point(s) broadcast to the output channels (int32)."""
    zp = np.asarray(w.zero_point, np.int64)
    if zp.size not in (1, n_out):
        raise Unsupported(f"weight has {zp.size} zero points for {n_out} channels")
    return np.broadcast_to(zp, (n_out,)).astype(np.int32)


def max_abs_offset(dtype: str, zps: np.ndarray) -> int:
    """Largest ``|q - zp|`` a value of ``dtype`` can take (worst over ``zps``)."""
    lo, hi = QRANGE[dtype]
    z = np.asarray(zps, np.int64)
    return int(max(np.max(np.abs(lo - z)), np.max(np.abs(hi - z))))


_F32_EXACT = 1 << 24  # every integer of magnitude <= 2^24 is a float32


def exact_int_contract(f: Callable[..., jnp.ndarray], x: jnp.ndarray, w: jnp.ndarray,
                       k: int, mx: int, mw: int) -> jnp.ndarray:
    """``f(x, w)`` (a conv or matmul, linear in ``w``) of int32 operands with an exact
    int32 result, ``k`` = terms per output, ``|x| <= mx``, ``|w| <= mw``.

    Float32 accumulates exactly while every partial sum stays below 2^24 in magnitude
    (bounded by ``k * mx * mw`` whatever the summation order), so the fast float path is
    taken when that bound holds; otherwise ``w = 16 * (w >> 4) + (w & 15)`` gives two
    float contractions with ``|w| <= 16``; beyond that, an int32 contraction."""
    xf = x.astype(jnp.float32)
    if k * mx * mw < _F32_EXACT:
        return f(xf, w.astype(jnp.float32)).astype(jnp.int32)
    if k * mx * 16 < _F32_EXACT:
        hi = f(xf, (w >> 4).astype(jnp.float32)).astype(jnp.int32)
        lo = f(xf, (w & 15).astype(jnp.float32)).astype(jnp.int32)
        return hi * 16 + lo
    return f(x, w, preferred=jnp.int32)


def pads(in_hw: Sequence[int], k_hw: Sequence[int], strides: Sequence[int],
         dil: Sequence[int], padding: str) -> list[tuple[int, int]]:
    """TFLite ``ComputePaddingHeightWidth``: SAME pads ``total // 2`` before, the rest
    after; VALID none."""
    if padding == "VALID":
        return [(0, 0)] * len(in_hw)
    if padding != "SAME":
        raise Unsupported(f"padding {padding}")
    out = []
    for n, k, s, d in zip(in_hw, k_hw, strides, dil):
        eff = (k - 1) * d + 1
        o = -(-n // s)
        total = max((o - 1) * s + eff - n, 0)
        out.append((total // 2, total - total // 2))
    return out


def conv_fn(strides: Sequence[int], pad: list[tuple[int, int]], dil: Sequence[int],
            groups: int, depthwise: bool = False) -> Callable[..., jnp.ndarray]:
    """NHWC x HWIO convolution with TFLite's strides/padding/dilation. A depthwise
    kernel (``I == 1``, one group per input channel) is a sum of ``KH * KW`` shifted,
    strided slices times the tap's weights (about 8x faster than XLA's grouped conv on
    CPU at batch 1; the same products, so the exactness bound of
    :func:`exact_int_contract` still holds)."""
    sh, sw = strides
    dh, dw = dil

    def f(x: jnp.ndarray, w: jnp.ndarray, preferred: Any = None) -> jnp.ndarray:
        if depthwise:
            kh, kw, _, n_out = w.shape
            m = n_out // x.shape[3]
            if preferred is not None:
                x, w = x.astype(preferred), w.astype(preferred)
            xp = jnp.pad(x, [(0, 0), pad[0], pad[1], (0, 0)])
            if m > 1:
                xp = jnp.repeat(xp, m, axis=3)
            ho = (xp.shape[1] - (kh - 1) * dh - 1) // sh + 1
            wo = (xp.shape[2] - (kw - 1) * dw - 1) // sw + 1
            acc = None
            for i in range(kh):
                for j in range(kw):
                    tap = xp[:, i * dh: i * dh + (ho - 1) * sh + 1: sh,
                             j * dw: j * dw + (wo - 1) * sw + 1: sw, :] * w[i, j, 0]
                    acc = tap if acc is None else acc + tap
            return acc
        return lax.conv_general_dilated(
            x, w, tuple(strides), pad, rhs_dilation=tuple(dil),
            dimension_numbers=("NHWC", "HWIO", "NHWC"), feature_group_count=groups,
            precision=lax.Precision.HIGHEST, preferred_element_type=preferred)

    return f
