"""CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED and 2-D pooling for ``to_jax``.

Float32: the plain definitions (reference_ops conv.h, depthwiseconv_float.h,
fully_connected.h, pooling.h). Quantized int8/uint8 (reference_integer_ops conv.h,
depthwise_conv.h, fully_connected.h, pooling.h and their uint8 reference_ops twins):
``acc = sum (w - w_zp) * (x - x_zp)`` in exact int32 (out-of-image taps contribute
nothing, i.e. ``x - x_zp`` is zero-padded), ``+ bias``, ``MultiplyByQuantizedMultiplier``
per output channel, ``+ out_zp``, clamp to the fused activation's range.
Average pooling counts only in-image taps and rounds the int32 sum half away from zero.
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np
from jax import lax

from jaxeff.tflite.ir import Tensor
from jaxeff.tflite.kernels import (
    Ctx,
    Run,
    Unsupported,
    activation_range,
    check_types,
    conv_fn,
    exact_int_contract,
    float_act,
    max_abs_offset,
    pads,
    qparams,
    register,
    requant_out,
    weight_multipliers,
    weight_zero_points,
)


def _add_bias(y: jnp.ndarray, v: list, slot: int = 2) -> jnp.ndarray:
    """``y + bias`` where the op has a bias input (absent, or omitted as index -1:
    ``y`` unchanged)."""
    b = v[slot] if len(v) > slot else None
    return y if b is None else y + b


def _quant_setup(ctx: Ctx, dt: str, n_out: int, b_slot: int = 2
                 ) -> tuple[np.ndarray, np.ndarray, int, np.ndarray, int, int]:
    """Host constants of a quantized conv/matmul (input 0 x data, input 1 filter):
    per-channel ``(q, shift)``, input zero point, weight zero points, and the largest
    ``|x - zx|``, ``|w - zw|`` (for :func:`exact_int_contract`)."""
    x_t, w_t = ctx.ins[0], ctx.ins[1]
    _check_quant_weights(dt, w_t, ctx.ins[b_slot] if len(ctx.ins) > b_slot else None)
    q, sh = weight_multipliers(x_t, w_t, ctx.outs[0], n_out)
    _, zx = qparams(x_t)
    zw = weight_zero_points(w_t, n_out)
    return q, sh, zx, zw, max_abs_offset(dt, np.array([zx])), max_abs_offset(w_t.dtype, zw)


def _check_float_weights(w_t: Tensor, b_t: Tensor | None) -> None:
    """A float op needs float32 weights and bias: int8 filters on a float input are
    TFLite's hybrid kernels (on-the-fly input quantization), not implemented."""
    if w_t.dtype != "float32":
        raise Unsupported(f"float32 input with a {w_t.dtype} filter {w_t.name!r} "
                          f"(hybrid kernel)")
    if b_t is not None and b_t.dtype != "float32":
        raise Unsupported(f"float32 input with a {b_t.dtype} bias {b_t.name!r}")


def _check_quant_weights(dt: str, w_t: Tensor, b_t: Tensor | None) -> None:
    """A quantized op needs quantized int8/uint8 weights and an int32 bias."""
    if w_t.dtype not in ("int8", "uint8") or w_t.scale is None:
        raise Unsupported(f"{dt} input with a {w_t.dtype} filter {w_t.name!r}")
    if b_t is not None and b_t.dtype != "int32":
        raise Unsupported(f"{dt} input with a {b_t.dtype} bias {b_t.name!r}")


def _conv_common(ctx: Ctx, depthwise: bool) -> Run:
    x_t, w_t, b_t = ctx.ins[0], ctx.ins[1], ctx.ins[2] if len(ctx.ins) > 2 else None
    out = ctx.outs[0]
    dt = check_types(ctx, ("float32", "int8", "uint8"))
    o = ctx.opt
    strides = (o.get("stride_h", 1), o.get("stride_w", 1))
    dil = (o.get("dilation_h_factor", 1), o.get("dilation_w_factor", 1))
    act = o.get("fused_activation_function")
    if len(x_t.shape) != 4 or len(w_t.shape) != 4:
        raise Unsupported("needs a 4-D NHWC input and a 4-D filter")
    if depthwise:  # filter [1, KH, KW, C*M]
        _, kh, kw, n_out = w_t.shape
        cin = x_t.shape[3]
        groups, k_terms = cin, kh * kw
        if n_out % cin:
            raise Unsupported(f"{n_out} output channels for {cin} input channels")
    else:  # filter [O, KH, KW, I]
        n_out, kh, kw, cin_g = w_t.shape
        groups, k_terms = x_t.shape[3] // cin_g, kh * kw * cin_g
    pad = pads(x_t.shape[1:3], (kh, kw), strides, dil, o.get("padding", "SAME"))
    f = conv_fn(strides, pad, dil, groups, depthwise=depthwise)

    def hwio(w: jnp.ndarray) -> jnp.ndarray:
        return (jnp.transpose(w, (1, 2, 0, 3)) if depthwise
                else jnp.transpose(w, (1, 2, 3, 0)))

    if dt == "float32":
        _check_float_weights(w_t, b_t)
        fa = float_act(act)

        def run(v: list) -> list:
            return [fa(_add_bias(f(v[0], hwio(v[1])), v))]

        return run
    q, sh, zx, zw, mx, mw = _quant_setup(ctx, dt, n_out)
    mul = ctx.mbqm
    wzp = zw.reshape(1, 1, 1, n_out) if depthwise else zw.reshape(n_out, 1, 1, 1)

    def run(v: list) -> list:
        x = v[0].astype(jnp.int32) - zx
        w = hwio(v[1].astype(jnp.int32) - jnp.asarray(wzp))
        acc = _add_bias(exact_int_contract(f, x, w, k_terms, mx, mw), v)
        return [requant_out(mul, acc, q, sh, out, act)]

    return run


@register("CONV_2D")
def conv2d(ctx: Ctx) -> Run:
    """CONV_2D: NHWC input, OHWI filter, optional bias; float or int8/uint8."""
    return _conv_common(ctx, depthwise=False)


@register("DEPTHWISE_CONV_2D")
def depthwise_conv2d(ctx: Ctx) -> Run:
    """DEPTHWISE_CONV_2D: filter ``[1, KH, KW, C*M]``, output channel ``c*M + m``."""
    return _conv_common(ctx, depthwise=True)


def _dot(x: jnp.ndarray, w: jnp.ndarray, preferred: object = None) -> jnp.ndarray:
    return lax.dot_general(x, w, (((1,), (1,)), ((), ())),
                           precision=lax.Precision.HIGHEST, preferred_element_type=preferred)


@register("FULLY_CONNECTED")
def fully_connected(ctx: Ctx) -> Run:
    """FULLY_CONNECTED: input flattened to ``[-1, I]``, filter ``[O, I]``; with
    ``keep_num_dims`` the leading input dims are kept."""
    w_t = ctx.ins[1]
    b_t = ctx.ins[2] if len(ctx.ins) > 2 else None
    out = ctx.outs[0]
    dt = check_types(ctx, ("float32", "int8", "uint8"))
    o = ctx.opt
    if o.get("weights_format", "DEFAULT") != "DEFAULT":
        raise Unsupported(f"weights_format {o['weights_format']}")
    n_out, n_in = w_t.shape
    keep = bool(o.get("keep_num_dims", False))
    act = o.get("fused_activation_function")

    def shape_out(x: jnp.ndarray, y: jnp.ndarray) -> jnp.ndarray:
        return y.reshape(*x.shape[:-1], n_out) if keep else y

    if dt == "float32":
        _check_float_weights(w_t, b_t)
        fa = float_act(act)

        def run(v: list) -> list:
            y = _add_bias(_dot(v[0].reshape(-1, n_in), v[1]), v)
            return [shape_out(v[0], fa(y))]

        return run
    q, sh, zx, zw, mx, mw = _quant_setup(ctx, dt, n_out)
    mul = ctx.mbqm

    def run(v: list) -> list:
        x = v[0].reshape(-1, n_in).astype(jnp.int32) - zx
        w = v[1].astype(jnp.int32) - jnp.asarray(zw)[:, None]
        acc = _add_bias(exact_int_contract(_dot, x, w, n_in, mx, mw), v)
        return [shape_out(v[0], requant_out(mul, acc, q, sh, out, act))]

    return run


def _pool_geometry(ctx: Ctx) -> tuple[tuple, tuple, list]:
    o = ctx.opt
    k = (o.get("filter_height", 1), o.get("filter_width", 1))
    s = (o.get("stride_h", 1), o.get("stride_w", 1))
    if len(ctx.ins[0].shape) != 4:
        raise Unsupported("needs a 4-D NHWC input")
    p = pads(ctx.ins[0].shape[1:3], k, s, (1, 1), o.get("padding", "VALID"))
    return (1, *k, 1), (1, *s, 1), [(0, 0), *p, (0, 0)]


@register("AVERAGE_POOL_2D")
def average_pool(ctx: Ctx) -> Run:
    """AVERAGE_POOL_2D over in-image taps; quantized: ``(sum +- n/2) / n`` truncated
    (round half away from zero), no rescale (input and output share scale and zp)."""
    dt = check_types(ctx, ("float32", "int8", "uint8"))
    win, st, pd = _pool_geometry(ctx)
    act = ctx.opt.get("fused_activation_function")

    def window_sum(x: jnp.ndarray) -> jnp.ndarray:
        return lax.reduce_window(x, jnp.zeros((), x.dtype), lax.add, win, st, pd)

    if dt == "float32":
        fa = float_act(act)

        def run(v: list) -> list:
            n = window_sum(jnp.ones(v[0].shape[:3] + (1,), jnp.float32))
            return [fa(window_sum(v[0]) / n)]

        return run
    if qparams(ctx.ins[0]) != qparams(ctx.outs[0]):
        raise Unsupported("input and output quantization differ")
    s, zp = qparams(ctx.outs[0])
    lo, hi = activation_range(act, dt, s, zp)

    def run(v: list) -> list:
        tot = window_sum(v[0].astype(jnp.int32))
        n = window_sum(jnp.ones(v[0].shape[:3] + (1,), jnp.int32))
        half = n // 2
        avg = jnp.where(tot > 0, (tot + half) // n, -((half - tot) // n))
        return [jnp.clip(avg, lo, hi).astype(dt)]

    return run


@register("MAX_POOL_2D")
def max_pool(ctx: Ctx) -> Run:
    """MAX_POOL_2D over in-image taps (padding never wins), then the fused activation."""
    dt = check_types(ctx, ("float32", "int8", "uint8"))
    win, st, pd = _pool_geometry(ctx)
    act = ctx.opt.get("fused_activation_function")
    if dt == "float32":
        fa = float_act(act)
        return lambda v: [fa(lax.reduce_window(v[0], -jnp.inf, lax.max, win, st, pd))]
    if qparams(ctx.ins[0]) != qparams(ctx.outs[0]):
        raise Unsupported("input and output quantization differ")
    s, zp = qparams(ctx.outs[0])
    lo, hi = activation_range(act, dt, s, zp)

    def run(v: list) -> list:
        m = lax.reduce_window(v[0].astype(jnp.int32), jnp.int32(-(2**31)), lax.max,
                              win, st, pd)
        return [jnp.clip(m, lo, hi).astype(dt)]

    return run


__all__ = ["average_pool", "conv2d", "depthwise_conv2d", "fully_connected", "max_pool"]
