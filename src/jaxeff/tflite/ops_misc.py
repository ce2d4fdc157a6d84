"""Mostly float32 ops of issue 16's common list for ``to_jax`` (quantized variants raise
:class:`~jaxeff.tflite.kernels.Unsupported`, so ``to_jax`` lists them before running).

Definitions as in TFLite's reference kernels (maximum_minimum.cc, elementwise.cc,
reduce.cc, activations.cc, depth_to_space.cc, space_to_depth.cc): MAXIMUM / MINIMUM
(broadcasting), SQRT, RSQRT, MEAN / SUM over constant axes with ``keep_dims``,
HARD_SWISH ``x * relu6(x + 3) / 6``, LOG_SOFTMAX over the last axis, DEPTH_TO_SPACE /
SPACE_TO_DEPTH (NHWC, channel index ``(i * b + j) * C + c``).
"""

from __future__ import annotations

from collections.abc import Callable

import jax.numpy as jnp
import numpy as np

from jaxeff.tflite.kernels import Ctx, Run, Unsupported, check_types, qparams, register
from jaxeff.tflite.ops_elem import log_softmax
from jaxeff.tflite.qmath import QRANGE, quantize_multiplier


def _float_only(ctx: Ctx, n_data: int = 1) -> None:
    check_types(ctx, ("float32",), n_data)


def _unary(fn: Callable[[jnp.ndarray], jnp.ndarray]) -> Callable[[Ctx], Run]:
    def prep(ctx: Ctx) -> Run:
        _float_only(ctx)
        return lambda v: [fn(v[0])]

    return prep


register("SQRT")(_unary(jnp.sqrt))
register("RSQRT")(_unary(lambda x: 1.0 / jnp.sqrt(x)))


@register("HARD_SWISH")
def hard_swish(ctx: Ctx) -> Run:
    """HARD_SWISH ``x * relu6(x + 3) / 6``: float32, or int8/uint8 through the table of
    :func:`jaxeff.tflite.hardswish.hard_swish_table` (the reference fixed-point kernel)."""
    dt = check_types(ctx, ("float32", "int8", "uint8"))
    if dt == "float32":
        return lambda v: [v[0] * jnp.clip(v[0] + 3.0, 0.0, 6.0) / 6.0]
    from jaxeff.tflite.hardswish import hard_swish_table

    table = jnp.asarray(hard_swish_table(dt, *qparams(ctx.ins[0]), *qparams(ctx.outs[0])))
    off = -QRANGE[dt][0]
    return lambda v: [table[v[0].astype(jnp.int32) + off].astype(dt)]

register("LOG_SOFTMAX")(_unary(log_softmax))


@register("MAXIMUM", "MINIMUM")
def max_min(ctx: Ctx) -> Run:
    """MAXIMUM / MINIMUM with broadcasting: float32, or int8/uint8 comparing the codes
    (maximum_minimum.cc: no rescaling, so all tensors must share one quantization)."""
    dt = check_types(ctx, ("float32", "int8", "uint8"), n_data=2)
    if dt != "float32" and len({qparams(t) for t in (*ctx.ins[:2], ctx.outs[0])}) != 1:
        raise Unsupported("inputs and output with different quantization")
    f = jnp.maximum if ctx.op.type == "MAXIMUM" else jnp.minimum
    return lambda v: [f(v[0], v[1])]


@register("MEAN", "SUM", static=(1,))
def reduce_op(ctx: Ctx) -> Run:
    """MEAN / SUM over the constant axes input, ``keep_dims`` option. float32, and int8
    /uint8 MEAN: ``mbqm(sum(q - zp_in), s_in / s_out / n) + zp_out``, clamped. Chosen
    among five candidate formulas as the one LiteRT BUILTIN_REF reproduced on a random
    graph (MEAN over H, W without keep_dims; the float-mean and multiply-then-divide
    variants of older reduce.cc were each off by 1 LSB on 4-5 of 1,024 outputs)."""
    dt = check_types(ctx, ("float32", "int8", "uint8"))
    rank = len(ctx.ins[0].shape)
    axes = tuple(sorted({int(a) % rank for a in np.ravel(ctx.const(1))}))
    keep = bool(ctx.opt.get("keep_dims", False))
    if dt == "float32":
        f = jnp.mean if ctx.op.type == "MEAN" else jnp.sum
        return lambda v: [f(v[0], axis=axes, keepdims=keep)]
    if ctx.op.type != "MEAN":
        raise Unsupported(f"quantized {ctx.op.type}")
    (si, zi), (so, zo) = qparams(ctx.ins[0]), qparams(ctx.outs[0])
    lo, hi = QRANGE[dt]
    mul = ctx.mbqm

    def run(v: list) -> list:
        # the count of averaged elements from the runtime shape (static under jit):
        # the batch axis may be reduced and the batch may differ from the file's
        n = int(np.prod([v[0].shape[a] for a in axes]))
        q, sh = quantize_multiplier(np.float64(si) / np.float64(so) / n)
        acc = jnp.sum(v[0].astype(jnp.int32) - zi, axis=axes, keepdims=keep)
        return [jnp.clip(mul(acc, q, sh) + zo, lo, hi).astype(dt)]

    return run


def _block(ctx: Ctx) -> int:
    b = int(ctx.opt.get("block_size", 0))
    if b < 1 or len(ctx.ins[0].shape) != 4:
        raise Unsupported(f"block_size {b} on a rank-{len(ctx.ins[0].shape)} input")
    return b


@register("DEPTH_TO_SPACE", "SPACE_TO_DEPTH")
def depth_space(ctx: Ctx) -> Run:
    """DEPTH_TO_SPACE (NHWC): ``[N, H, W, b*b*C] -> [N, H*b, W*b, C]``; SPACE_TO_DEPTH
    the inverse. Float32, or int8/uint8 with the input's quantization on the output."""
    dt = check_types(ctx, ("float32", "int8", "uint8"))
    if dt != "float32" and qparams(ctx.ins[0]) != qparams(ctx.outs[0]):
        raise Unsupported("input and output quantization differ")
    b = _block(ctx)
    to_space = ctx.op.type == "DEPTH_TO_SPACE"

    def run(v: list) -> list:
        n, h, w, c = v[0].shape
        if to_space:
            split, out = (n, h, w, b, b, c // (b * b)), (n, h * b, w * b, c // (b * b))
        else:
            split, out = (n, h // b, b, w // b, b, c), (n, h // b, w // b, b * b * c)
        return [v[0].reshape(split).transpose(0, 1, 3, 2, 4, 5).reshape(out)]

    return run
