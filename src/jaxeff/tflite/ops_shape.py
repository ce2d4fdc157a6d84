"""Shape and data-movement ops for ``to_jax`` (no arithmetic, so no requantization:
TFLite requires equal input/output quantization for them, checked here).

Shape-valued tensors (RESHAPE's shape, STRIDED_SLICE's begin/end/strides, SPLIT's axis,
TRANSPOSE's permutation, FILL's dims) must be known on the host: file constants, or the
results of SHAPE / STRIDED_SLICE / PACK on static shapes, which these kernels compute in
NumPy (so a model that derives its batch size with SHAPE stays jittable).
"""

from __future__ import annotations

import math

import jax.numpy as jnp
import numpy as np

from jaxeff.tflite.kernels import Ctx, Run, Unsupported, qparams, register


def _host(x: object, what: str) -> np.ndarray:
    if not isinstance(x, np.ndarray | np.generic):
        raise Unsupported(f"{what} must be known before running (a constant or a "
                          f"static shape computation), got a traced value")
    return np.asarray(x)


def _xp(vals: list) -> object:
    return np if all(isinstance(v, np.ndarray | np.generic) for v in vals) else jnp


def _same_quant(ctx: Ctx, data: int = 0) -> None:
    """Input ``data`` and every output must share the quantization (data movement)."""
    a = ctx.ins[data]
    for o in ctx.outs:
        if a.scale is not None and o.scale is not None and qparams(a) != qparams(o):
            raise Unsupported("input and output quantization differ")


def _static_or_value(ctx: Ctx, i: int, v: list, what: str) -> np.ndarray:
    t = ctx.ins[i]
    if t is not None and t.data is not None:
        return np.asarray(t.data)
    return _host(v[i], what)


@register("RESHAPE", static=(1,))
def reshape(ctx: Ctx) -> Run:
    """RESHAPE to ``new_shape`` (option) or the shape input; a stored leading batch of
    1 follows the actual batch when the element count requires it."""
    _same_quant(ctx)
    opt_shape = ctx.opt.get("new_shape")
    stored_batch = ctx.ins[0].shape[0] if ctx.ins[0].shape else 1

    def run(v: list) -> list:
        if len(ctx.ins) > 1 and ctx.ins[1] is not None:
            shape = [int(s) for s in _static_or_value(ctx, 1, v, "RESHAPE shape")]
        elif opt_shape is not None:
            shape = list(opt_shape)
        else:
            shape = list(ctx.outs[0].shape)
        size = math.prod(v[0].shape)
        if -1 not in shape and math.prod(shape) != size and shape and shape[0] == stored_batch:
            shape[0] = -1
        return [_xp(v[:1]).reshape(v[0], shape)]

    return run


@register("SQUEEZE")
def squeeze(ctx: Ctx) -> Run:
    """SQUEEZE ``squeeze_dims`` (all size-1 dims when empty)."""
    dims = tuple(ctx.opt.get("squeeze_dims", ()) or ())
    return lambda v: [_xp(v).squeeze(v[0], axis=dims or None)]


@register("EXPAND_DIMS", static=(1,))
def expand_dims(ctx: Ctx) -> Run:
    """EXPAND_DIMS at the (constant) axis."""
    axis = int(ctx.const(1).reshape(-1)[0])
    return lambda v: [_xp(v[:1]).expand_dims(v[0], axis)]


@register("TRANSPOSE", static=(1,))
def transpose(ctx: Ctx) -> Run:
    """TRANSPOSE by the (constant) permutation."""
    _same_quant(ctx)
    perm = tuple(int(p) for p in ctx.const(1))
    return lambda v: [_xp(v[:1]).transpose(v[0], perm)]


@register("SHAPE")
def shape(ctx: Ctx) -> Run:
    """SHAPE: the static shape of the input, as a host array (int32 or int64)."""
    dt = ctx.outs[0].dtype
    return lambda v: [np.asarray(v[0].shape, dt)]


@register("FILL", static=(0,))
def fill(ctx: Ctx) -> Run:
    """FILL: host dims, a scalar value (traced)."""
    dt = ctx.outs[0].dtype

    def run(v: list) -> list:
        dims = tuple(int(d) for d in _static_or_value(ctx, 0, v, "FILL dims"))
        return [jnp.full(dims, jnp.reshape(v[1], ()), dt)]

    return run


@register("STRIDED_SLICE", static=(1, 2, 3))
def strided_slice(ctx: Ctx) -> Run:
    """STRIDED_SLICE with begin/end/shrink-axis masks (ellipsis and new-axis masks are
    not supported)."""
    o = ctx.opt
    if o.get("ellipsis_mask", 0) or o.get("new_axis_mask", 0) or o.get("offset", False):
        raise Unsupported("ellipsis_mask / new_axis_mask / offset")
    bm, em, sm = o.get("begin_mask", 0), o.get("end_mask", 0), o.get("shrink_axis_mask", 0)
    b, e, s = (ctx.const(i).astype(np.int64) for i in (1, 2, 3))

    def run(v: list) -> list:
        idx = []
        for i in range(len(b)):
            if sm >> i & 1:
                idx.append(int(b[i]))
                continue
            idx.append(slice(None if bm >> i & 1 else int(b[i]),
                             None if em >> i & 1 else int(e[i]), int(s[i])))
        return [v[0][tuple(idx)]]

    return run


@register("PACK")
def pack(ctx: Ctx) -> Run:
    """PACK (stack) ``values_count`` tensors along ``axis``."""
    _same_quant(ctx)
    axis = int(ctx.opt.get("axis", 0))
    dt = ctx.outs[0].dtype
    return lambda v: [_xp(v).stack(v, axis=axis).astype(dt)]


@register("UNPACK")
def unpack(ctx: Ctx) -> Run:
    """UNPACK (unstack) along ``axis`` into ``num`` tensors."""
    _same_quant(ctx)
    axis = int(ctx.opt.get("axis", 0))
    n = len(ctx.outs)

    def run(v: list) -> list:
        xp = _xp(v)
        return [xp.take(v[0], i, axis=axis) for i in range(n)]

    return run


@register("SPLIT", static=(0,))
def split(ctx: Ctx) -> Run:
    """SPLIT input 1 into ``num_splits`` equal parts along the (constant) axis input 0."""
    _same_quant(ctx, data=1)
    axis = int(ctx.const(0).reshape(-1)[0])
    n = int(ctx.opt.get("num_splits", len(ctx.outs)))
    return lambda v: list(_xp(v[1:]).split(v[1], n, axis=axis))


@register("CONCATENATION")
def concatenation(ctx: Ctx) -> Run:
    """CONCATENATION along ``axis`` (quantized inputs must share the output's scale
    and zero point; the uint8 rescaling path is not implemented)."""
    axis = int(ctx.opt.get("axis", 0))
    if (ctx.opt.get("fused_activation_function") or "NONE") != "NONE":
        raise Unsupported("fused activation")
    out = ctx.outs[0]
    for t in ctx.ins:
        if out.scale is not None and t.scale is not None and qparams(t) != qparams(out):
            raise Unsupported("inputs with a quantization other than the output's")
    return lambda v: [_xp(v).concatenate(v, axis=axis)]


@register("PAD", "PADV2", static=(1,))
def pad(ctx: Ctx) -> Run:
    """PAD / PADV2 with constant paddings; pads with 0.0 (float), the zero point
    (quantized) or PADV2's constant value."""
    _same_quant(ctx)
    p = [tuple(int(a) for a in r) for r in ctx.const(1)]
    t = ctx.ins[0]
    fill_v: object = 0
    if t.scale is not None and t.dtype in ("int8", "uint8"):
        fill_v = qparams(t)[1]
    has_value = ctx.op.type == "PADV2" and len(ctx.ins) > 2 and ctx.ins[2] is not None

    def run(v: list) -> list:
        val = jnp.reshape(v[2], ()) if has_value else fill_v
        return [jnp.pad(v[0], p, constant_values=val)]

    return run
