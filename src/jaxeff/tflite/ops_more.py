"""More ops of issue 16's common list for ``to_jax``, as TFLite's reference kernels
define them (float32 arithmetic; data movement for any dtype with equal quantization).

* DIV (div.cc): ``a / b`` broadcasting, then the fused activation.
* LEAKY_RELU (activations.cc): ``x > 0 ? x : alpha x``.
* BATCH_MATMUL (batch_matmul.cc): ``adj_x`` / ``adj_y`` transposes, broadcast batch dims.
* TRANSPOSE_CONV (transpose_conv.cc, reference_ops::TransposeConv): every input pixel
  scatters ``x * w[o, ky, kx, i]`` to ``(y s - pad + ky, x s - pad + kx)``; ``pad`` is
  ``ComputePaddingHeightWidth`` of a forward conv from the output size (SAME / VALID),
  taps outside the output are dropped; optional bias input 3. int8
  (reference_integer_ops::TransposeConv): exact int32 sums of ``(x - zx) w`` (symmetric
  per-channel filter), ``+ bias``, per-channel ``MultiplyByQuantizedMultiplier``,
  ``+ zp_out``, clamp.
* SLICE (slice.cc): ``begin``, ``size`` (-1 = to the end) constants.
* GATHER (gather.cc): ``axis``, ``batch_dims = 0``; indices constant or computed.
* ARG_MAX (arg_min_max.cc): first index of the maximum along the constant axis.
* CAST (cast.cc): ``static_cast`` (float -> int truncates toward zero).
* RESIZE_BILINEAR (reference_ops::ResizeBilinear, ``ComputeInterpolationValues``):
  source coordinate ``(o + 0.5) s - 0.5`` (half-pixel) or ``o s``,
  ``s = in / out`` (``(in - 1) / (out - 1)`` with align_corners), float32,
  ``lo = max(floor, 0)``, ``hi = min(ceil, in - 1)``, weights ``src - lo``; int8
  (``ResizeBilinearInteger``): the same in Q10 integers, raw codes weighted, the Q20
  sum divided by 2^20 rounding half away from zero.
* RESIZE_NEAREST_NEIGHBOR (``GetNearestNeighbor``): ``min(floor((o + off) s), in - 1)``,
  ``round`` with align_corners, ``off = 0.5`` and ``max(., 0)`` with half-pixel centers.
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np
from jax import lax

from jaxeff.tflite.kernels import (
    Ctx,
    Run,
    Unsupported,
    check_types,
    float_act,
    is_quant,
    pads,
    qparams,
    register,
    requant_out,
    weight_multipliers,
)
from jaxeff.tflite.qmath import QRANGE, quantize_multiplier

__all__ = ["arg_max", "batch_matmul", "cast", "div", "gather", "leaky_relu",
           "resize_bilinear", "resize_nearest", "slice_op", "transpose_conv"]


def _same_quant_io(ctx: Ctx) -> None:
    a, o = ctx.ins[0], ctx.outs[0]
    if a.scale is not None and o.scale is not None and qparams(a) != qparams(o):
        raise Unsupported("input and output quantization differ")


@register("DIV")
def div(ctx: Ctx) -> Run:
    """DIV (broadcasting), float32, fused activation."""
    check_types(ctx, ("float32",), n_data=2)
    fa = float_act(ctx.opt.get("fused_activation_function"))
    return lambda v: [fa(v[0] / v[1])]


@register("LEAKY_RELU")
def leaky_relu(ctx: Ctx) -> Run:
    """LEAKY_RELU ``x > 0 ? x : alpha x``; int8/uint8 as ``QuantizeLeakyRelu``:
    ``x' = q - zp_in``, ``mbqm(x', s_in / s_out)`` for ``x' >= 0`` else
    ``mbqm(x', s_in alpha / s_out)`` (multipliers from float32 products), ``+ zp_out``,
    clamped to the dtype."""
    dt = check_types(ctx, ("float32", "int8", "uint8"))
    alpha = np.float32(ctx.opt.get("alpha", 0.0))
    if dt == "float32":
        return lambda v: [jnp.where(v[0] > 0, v[0], v[0] * alpha)]
    (si, zi), (so, zo) = qparams(ctx.ins[0]), qparams(ctx.outs[0])
    f32 = np.float32
    q_id, s_id = quantize_multiplier(float(f32(si) / f32(so)))
    q_al, s_al = quantize_multiplier(float(f32(f32(si) * alpha) / f32(so)))
    lo, hi = QRANGE[dt]
    mul = ctx.mbqm

    def run(v: list) -> list:
        x = v[0].astype(jnp.int32) - zi
        y = jnp.where(x >= 0, mul(x, q_id, s_id), mul(x, q_al, s_al)) + zo
        return [jnp.clip(y, lo, hi).astype(dt)]

    return run


@register("BATCH_MATMUL")
def batch_matmul(ctx: Ctx) -> Run:
    """BATCH_MATMUL: ``x @ y`` with ``adj_x`` / ``adj_y``, batch dims broadcast; float32,
    or int8 (reference BatchMatMul: exact int32 ``(x - zx) (y - zy)`` sums,
    ``mbqm(., s_x s_y / s_out) + zp_out``, clamped to int8)."""
    dt = check_types(ctx, ("float32", "int8"), n_data=2)
    ax, ay = bool(ctx.opt.get("adj_x", False)), bool(ctx.opt.get("adj_y", False))

    def operands(v: list) -> tuple[jnp.ndarray, jnp.ndarray]:
        x = jnp.swapaxes(v[0], -1, -2) if ax else v[0]
        y = jnp.swapaxes(v[1], -1, -2) if ay else v[1]
        return x, y

    if dt == "float32":
        return lambda v: [jnp.matmul(*operands(v), precision=lax.Precision.HIGHEST)]
    (sx, zx), (sy, zy), (so, zo) = (qparams(t) for t in (*ctx.ins[:2], ctx.outs[0]))
    q, sh = quantize_multiplier(np.float64(sx) * np.float64(sy) / np.float64(so))
    mul = ctx.mbqm

    def run(v: list) -> list:
        x, y = operands(v)
        acc = jnp.matmul(x.astype(jnp.int32) - zx, y.astype(jnp.int32) - zy,
                         preferred_element_type=jnp.int32)
        return [jnp.clip(mul(acc, q, sh) + zo, -128, 127).astype(jnp.int8)]

    return run


@register("TRANSPOSE_CONV", static=(0,))
def transpose_conv(ctx: Ctx) -> Run:
    """TRANSPOSE_CONV (float32): output shape input 0, filter ``[O, KH, KW, I]``
    input 1, data input 2, optional bias input 3 (module doc)."""
    if len(ctx.ins) < 3 or ctx.ins[2] is None:
        raise Unsupported("needs output shape, filter and input")
    x_t, w_t, out = ctx.ins[2], ctx.ins[1], ctx.outs[0]
    out_shape = [int(d) for d in ctx.const(0)]
    n_out, kh, kw, _ = w_t.shape
    s = (int(ctx.opt.get("stride_h", 1)), int(ctx.opt.get("stride_w", 1)))
    pad = [p[0] for p in pads(out_shape[1:3], (kh, kw), s, (1, 1),
                              ctx.opt.get("padding", "SAME"))]
    act = ctx.opt.get("fused_activation_function")
    has_bias = len(ctx.ins) > 3 and ctx.ins[3] is not None

    def transposed(x: jnp.ndarray, w: jnp.ndarray, preferred: object = None) -> jnp.ndarray:
        w = jnp.transpose(w[:, ::-1, ::-1, :], (1, 2, 3, 0))  # flipped, HWIO
        full = lax.conv_general_dilated(
            x, w, (1, 1), [(kh - 1, kh - 1), (kw - 1, kw - 1)], lhs_dilation=s,
            dimension_numbers=("NHWC", "HWIO", "NHWC"), precision=lax.Precision.HIGHEST,
            preferred_element_type=preferred)
        ho, wo = out_shape[1], out_shape[2]
        need = [(0, 0), (0, max(0, pad[0] + ho - full.shape[1])),
                (0, max(0, pad[1] + wo - full.shape[2])), (0, 0)]
        return jnp.pad(full, need)[:, pad[0]:pad[0] + ho, pad[1]:pad[1] + wo, :]

    if x_t.dtype == "float32" and w_t.dtype == "float32":
        fa = float_act(act)
        return lambda v: [fa(transposed(v[2], v[1]) + (v[3] if has_bias else 0.0))]
    if x_t.dtype != "int8" or not (is_quant(x_t) and is_quant(w_t) and is_quant(out)):
        raise Unsupported(f"{x_t.dtype} input with a {w_t.dtype} filter "
                          f"(float32, or int8 with quantization)")
    if w_t.dtype != "int8" or np.any(np.asarray(w_t.zero_point) != 0):
        raise Unsupported(f"filter {w_t.name!r} must be symmetric int8")
    if has_bias and ctx.ins[3].dtype != "int32":
        raise Unsupported(f"{ctx.ins[3].dtype} bias {ctx.ins[3].name!r}")
    q, sh = weight_multipliers(x_t, w_t, out, n_out)
    _, zx = qparams(x_t)
    mul = ctx.mbqm

    def run(v: list) -> list:
        acc = transposed(v[2].astype(jnp.int32) - zx, v[1].astype(jnp.int32), jnp.int32)
        if has_bias:
            acc = acc + v[3]
        return [requant_out(mul, acc, q, sh, out, act)]

    return run


@register("SLICE", static=(1, 2))
def slice_op(ctx: Ctx) -> Run:
    """SLICE by constant ``begin`` and ``size`` (-1: to the end); any dtype."""
    _same_quant_io(ctx)
    begin = [int(b) for b in ctx.const(1)]
    size = [int(n) for n in ctx.const(2)]

    def run(v: list) -> list:
        idx = tuple(slice(b, None if n < 0 else b + n) for b, n in zip(begin, size,
                                                                         strict=True))
        return [v[0][idx]]

    return run


@register("GATHER")
def gather(ctx: Ctx) -> Run:
    """GATHER along ``axis`` (``batch_dims`` 0); indices constant or computed."""
    _same_quant_io(ctx)
    if int(ctx.opt.get("batch_dims", 0) or 0) != 0:
        raise Unsupported("batch_dims != 0")
    axis = int(ctx.opt.get("axis", 0))

    def run(v: list) -> list:
        return [jnp.take(v[0], jnp.asarray(v[1]).astype(jnp.int32), axis=axis)]

    return run


@register("ARG_MAX", static=(1,))
def arg_max(ctx: Ctx) -> Run:
    """ARG_MAX along the constant axis: the first index of the maximum, as the
    output's int32/int64 (int64 computed as int32: JAX's default 32-bit mode)."""
    check_types(ctx, ("float32", "int8", "uint8", "int32"))
    axis = int(np.ravel(ctx.const(1))[0])
    return lambda v: [jnp.argmax(v[0], axis=axis).astype(jnp.int32)]


_CASTABLE = ("float32", "int32", "int16", "int8", "uint8", "bool")


@register("CAST")
def cast(ctx: Ctx) -> Run:
    """CAST between float32 / int32 / int16 / int8 / uint8 / bool (``static_cast``:
    float -> int truncates toward zero; bool is ``x != 0``)."""
    src, dst = ctx.ins[0].dtype, ctx.outs[0].dtype
    if src not in _CASTABLE or dst not in _CASTABLE:
        raise Unsupported(f"CAST {src} -> {dst}")
    if dst == "bool":
        return lambda v: [v[0] != 0]
    return lambda v: [jnp.asarray(v[0]).astype(dst)]


def _out_hw(ctx: Ctx) -> tuple[int, int]:
    if len(ctx.ins[0].shape) != 4:
        raise Unsupported("needs a 4-D NHWC input")
    hw = [int(d) for d in ctx.const(1)]
    if len(hw) != 2:
        raise Unsupported("size must hold 2 values")
    return hw[0], hw[1]


def _scale(n_in: int, n_out: int, align: bool) -> np.float32:
    if align and n_out > 1:
        return np.float32(n_in - 1) / np.float32(n_out - 1)
    return np.float32(n_in) / np.float32(n_out)


def _ctdiv(a: np.ndarray, b: int) -> np.ndarray:
    """C integer division (truncation toward zero)."""
    q = np.abs(a) // b
    return np.where(a < 0, -q, q)


def _bilinear_sum(x: jnp.ndarray, ty: tuple, tx: tuple, one: int) -> jnp.ndarray:
    """The four weighted taps of bilinear resizing, in the C kernel's order: ``(lo, hi,
    frac)`` per axis, weights ``one - frac`` and ``frac`` (``one`` = 1 or 2^10)."""
    (y0, y1, dy), (x0, x1, dx) = ty, tx
    dy, dx = dy[None, :, None, None], dx[None, None, :, None]
    r0, r1 = x[:, y0], x[:, y1]
    return (r0[:, :, x0] * (one - dy) * (one - dx) + r1[:, :, x0] * dy * (one - dx)
            + r0[:, :, x1] * (one - dy) * dx + r1[:, :, x1] * dy * dx)


def _resize_bilinear_int(dt: str, out_hw: tuple[int, int], align: bool, half: bool) -> Run:
    """``ResizeBilinearInteger``: Q10 source coordinates, products of the raw codes with
    Q10 x Q10 weights summed in int32, divided by 2^20 rounding half away from zero."""

    def axis_terms(n_in: int, n_out: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if align and n_out > 1:
            sc = ((1 << 10) * (n_in - 1) + (n_out - 1) // 2) // (n_out - 1)
        else:
            sc = ((1 << 10) * n_in + n_out // 2) // n_out
        o = np.arange(n_out, dtype=np.int64)
        v = o * sc + sc // 2 - (1 << 9) if half else o * sc
        lo = np.maximum(_ctdiv(v, 1 << 10), 0)
        hi = np.minimum(_ctdiv(v + (1 << 10) - 1, 1 << 10), n_in - 1)
        return lo, hi, (v - (1 << 10) * lo).astype(np.int32)

    def run(v: list) -> list:
        x = v[0].astype(jnp.int32)
        tot = _bilinear_sum(x, axis_terms(x.shape[1], out_hw[0]),
                            axis_terms(x.shape[2], out_hw[1]), 1 << 10)
        r = jnp.where(tot > 0, tot + (1 << 19), tot - (1 << 19))
        q = jnp.where(r < 0, -((-r) >> 20), r >> 20)  # C division by 2^20
        return [q.astype(dt)]

    return run


@register("RESIZE_BILINEAR", static=(1,))
def resize_bilinear(ctx: Ctx) -> Run:
    """RESIZE_BILINEAR with ``align_corners`` / ``half_pixel_centers``: float32, or int8
    by the reference integer kernel (input and output quantization equal). uint8 is
    not supported: neither the float kernel truncated (38 % of outputs off by 1 vs
    LiteRT BUILTIN_REF) nor rounded to nearest (about 0.5 % off) reproduced it."""
    dt = check_types(ctx, ("float32", "int8"))
    out_hw = _out_hw(ctx)
    align = bool(ctx.opt.get("align_corners", False))
    half = bool(ctx.opt.get("half_pixel_centers", False))
    if dt == "int8":
        _same_quant_io(ctx)
        return _resize_bilinear_int(dt, out_hw, align, half)

    def axis_terms(n_in: int, n_out: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        sc = _scale(n_in, n_out, align)
        o = np.arange(n_out, dtype=np.float32)
        src = ((o + np.float32(0.5)) * sc - np.float32(0.5)) if half else o * sc
        lo = np.maximum(np.floor(src).astype(np.int32), 0)
        hi = np.minimum(np.ceil(src).astype(np.int32), n_in - 1)
        return lo, hi, (src - lo.astype(np.float32)).astype(np.float32)

    def run(v: list) -> list:
        x = v[0].astype(jnp.float32)
        y = _bilinear_sum(x, axis_terms(x.shape[1], out_hw[0]),
                          axis_terms(x.shape[2], out_hw[1]), 1)
        return [y]

    return run


@register("RESIZE_NEAREST_NEIGHBOR", static=(1,))
def resize_nearest(ctx: Ctx) -> Run:
    """RESIZE_NEAREST_NEIGHBOR (any dtype; quantization kept)."""
    _same_quant_io(ctx)
    out_hw = _out_hw(ctx)
    align = bool(ctx.opt.get("align_corners", False))
    half = bool(ctx.opt.get("half_pixel_centers", False))

    def src_index(n_in: int, n_out: int) -> np.ndarray:
        sc = _scale(n_in, n_out, align)
        v = (np.arange(n_out, dtype=np.float32) + np.float32(0.5 if half else 0.0)) * sc
        idx = (np.sign(v) * np.floor(np.abs(v) + np.float32(0.5)) if align
               else np.floor(v)).astype(np.int32)
        idx = np.minimum(idx, n_in - 1)
        return np.maximum(idx, 0) if half else idx

    def run(v: list) -> list:
        x = v[0]
        return [x[:, src_index(x.shape[1], out_hw[0])][:, :, src_index(x.shape[2],
                                                                        out_hw[1])]]

    return run
