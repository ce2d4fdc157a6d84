"""Element-wise ops, (de)quantization and activations for ``to_jax``.

Quantized arithmetic follows TFLite's reference kernels:

* ADD / SUB (add.cc, reference_integer_ops/add.h): both inputs ``(q - zp) << 20``,
  each scaled by ``s_i / (2 max(s1, s2))``, summed, scaled by
  ``2 max(s1, s2) / (2^20 s_out)``; every scaling is ``MultiplyByQuantizedMultiplier``.
* MUL (mul.cc, reference_integer_ops/mul.h): ``(q1 - zp1)(q2 - zp2)`` scaled by
  ``s1 s2 / s_out``.
* QUANTIZE float -> int: ``round(x / s) + zp`` in float32 (AffineQuantize); int -> int:
  ``mbqm(q - zp_in, s_in / s_out) + zp_out`` (Requantize). DEQUANTIZE: ``s (q - zp)``.
* LOGISTIC / TANH int8/uint8 (activations.cc, reference kernel): a 256-entry table built
  in float32: dequantize, ``1 / (1 + expf(-x))`` or ``tanhf``, ``round(y / s_out) + zp``.
* SOFTMAX int8/uint8 (activations.cc -> optimized_ops::Softmax with the table of
  PopulateSoftmaxLookupTable): ``e[d] = expf(-s_in beta d)`` for ``d = max - q``, a float32
  row sum, ``p = e * (1 / (sum * s_out))``, int8 ``round(p) + zp``, uint8 ``int(p + 0.5)``.
"""

from __future__ import annotations

from collections.abc import Callable

import jax.numpy as jnp
import numpy as np
from jax import lax

from jaxeff.tflite.kernels import (
    Ctx,
    Run,
    Unsupported,
    check_types,
    float_act,
    qparams,
    register,
)
from jaxeff.tflite.qmath import (
    QRANGE,
    activation_range,
    np_round_half_away,
    quantize_multiplier,
)


def _f32(x: float | np.ndarray) -> np.ndarray:
    return np.asarray(x, np.float32)


def expf(x: np.ndarray) -> np.ndarray:
    """float32 ``expf``: the float64 exponential rounded once to float32."""
    return np.exp(np.asarray(x, np.float64)).astype(np.float32)


def _clamp_cast(y: jnp.ndarray, lo: int, hi: int, dt: str) -> jnp.ndarray:
    return jnp.clip(y, lo, hi).astype(dt)


# --------------------------------------------------------------------- binary arithmetic
def _binary(ctx: Ctx, fop: Callable, kind: str) -> Run:
    dt = check_types(ctx, ("float32", "int8", "uint8", "int32"), n_data=2)
    act = ctx.opt.get("fused_activation_function")
    if dt in ("float32", "int32"):
        fa = float_act(act) if dt == "float32" else (lambda x: x)
        if dt == "int32" and (act or "NONE") != "NONE":
            raise Unsupported(f"int32 {kind} with activation {act}")
        return lambda v: [fa(fop(v[0], v[1])).astype(dt)]
    a, b, out = ctx.ins[0], ctx.ins[1], ctx.outs[0]
    (s1, z1), (s2, z2), (so, zo) = qparams(a), qparams(b), qparams(out)
    lo, hi = activation_range(act, dt, so, zo)
    mbqm = ctx.mbqm
    if kind == "MUL":
        q, sh = quantize_multiplier(np.float64(s1) * np.float64(s2) / np.float64(so))

        def run_mul(v: list) -> list:
            p = (v[0].astype(jnp.int32) - z1) * (v[1].astype(jnp.int32) - z2)
            return [_clamp_cast(mbqm(p, q, sh) + zo, lo, hi, dt)]

        return run_mul
    left = 20
    twice = 2.0 * np.float64(max(np.float32(s1), np.float32(s2)))
    q1, sh1 = quantize_multiplier(np.float64(s1) / twice)
    q2, sh2 = quantize_multiplier(np.float64(s2) / twice)
    qo, sho = quantize_multiplier(twice / ((1 << left) * np.float64(so)))

    def run_add(v: list) -> list:
        x1 = mbqm((v[0].astype(jnp.int32) - z1) * (1 << left), q1, sh1)
        x2 = mbqm((v[1].astype(jnp.int32) - z2) * (1 << left), q2, sh2)
        return [_clamp_cast(mbqm(fop(x1, x2), qo, sho) + zo, lo, hi, dt)]

    return run_add


@register("ADD")
def add(ctx: Ctx) -> Run:
    """ADD (broadcasting); float32, int32, int8/uint8 (left shift 20)."""
    return _binary(ctx, jnp.add, "ADD")


@register("SUB")
def sub(ctx: Ctx) -> Run:
    """SUB (broadcasting); as ADD with the scaled inputs subtracted."""
    return _binary(ctx, jnp.subtract, "SUB")


@register("MUL")
def mul(ctx: Ctx) -> Run:
    """MUL (broadcasting); quantized: one multiplier ``s1 s2 / s_out``."""
    return _binary(ctx, jnp.multiply, "MUL")


# --------------------------------------------------------------------- (de)quantization
@register("QUANTIZE")
def quantize(ctx: Ctx) -> Run:
    """QUANTIZE float32 -> int8/uint8, or requantize between int8/uint8."""
    src, out = ctx.ins[0], ctx.outs[0]
    if out.dtype not in ("int8", "uint8") or out.scale is None:
        raise Unsupported(f"QUANTIZE to {out.dtype}")
    so, zo = qparams(out)
    lo, hi = QRANGE[out.dtype]
    if src.dtype == "float32":
        s = _f32(so)

        def run_q(v: list) -> list:
            r = v[0] / s
            r = jnp.sign(r) * jnp.floor(jnp.abs(r) + 0.5)  # std::round
            return [jnp.clip(r.astype(jnp.int32) + zo, lo, hi).astype(out.dtype)]

        return run_q
    check_types(ctx, ("int8", "uint8"))
    si, zi = qparams(src)
    q, sh = quantize_multiplier(np.float64(si) / np.float64(so))
    mbqm = ctx.mbqm
    return lambda v: [_clamp_cast(mbqm(v[0].astype(jnp.int32) - zi, q, sh) + zo, lo, hi,
                                  out.dtype)]


@register("DEQUANTIZE")
def dequantize(ctx: Ctx) -> Run:
    """DEQUANTIZE int8/uint8 -> float32: ``scale * (q - zp)``."""
    if ctx.ins[0].dtype not in ("int8", "uint8") or ctx.ins[0].scale is None:
        raise Unsupported(f"DEQUANTIZE from {ctx.ins[0].dtype}")
    if ctx.outs[0].dtype != "float32":
        raise Unsupported(f"DEQUANTIZE to {ctx.outs[0].dtype}")
    s, z = qparams(ctx.ins[0])
    return lambda v: [(v[0].astype(jnp.int32) - z).astype(jnp.float32) * _f32(s)]


# --------------------------------------------------------------------- activations
def lut_8bit(src: tuple[str, float, int], out: tuple[str, float, int],
             fn: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """``PopulateLookupTable``: the output (as int32) for each input code ``qmin..qmax``
    of an 8-bit op ``y = fn(x)`` evaluated in float32."""
    dt, s_in, z_in = src
    odt, s_out, z_out = out
    lo, hi = QRANGE[dt]
    codes = np.arange(lo, hi + 1, dtype=np.int32)
    x = _f32(s_in) * (codes - z_in).astype(np.float32)
    y = fn(x).astype(np.float32)
    r = np_round_half_away(y * (np.float32(1.0) / _f32(s_out)))
    olo, ohi = QRANGE[odt]
    return np.clip((r + np.float32(z_out)).astype(np.int32), olo, ohi)


def _logistic_f32(x: np.ndarray) -> np.ndarray:
    return np.float32(1.0) / (np.float32(1.0) + expf(-x))


def _tanh_f32(x: np.ndarray) -> np.ndarray:
    return np.tanh(np.asarray(x, np.float64)).astype(np.float32)


def _table_op(ctx: Ctx, fn: Callable, ffn: Callable) -> Run:
    dt = check_types(ctx, ("float32", "int8", "uint8"))
    if dt == "float32":
        return lambda v: [ffn(v[0])]
    table = jnp.asarray(lut_8bit((dt, *qparams(ctx.ins[0])),
                                 (ctx.outs[0].dtype, *qparams(ctx.outs[0])), fn))
    off = -QRANGE[dt][0]
    return lambda v: [table[v[0].astype(jnp.int32) + off].astype(ctx.outs[0].dtype)]


@register("LOGISTIC")
def logistic(ctx: Ctx) -> Run:
    """LOGISTIC: float32 sigmoid; int8/uint8 through the reference kernel's table."""
    return _table_op(ctx, _logistic_f32, jax_sigmoid)


@register("TANH")
def tanh(ctx: Ctx) -> Run:
    """TANH: float32 tanh; int8/uint8 through the reference kernel's table."""
    return _table_op(ctx, _tanh_f32, jnp.tanh)


def jax_sigmoid(x: jnp.ndarray) -> jnp.ndarray:
    """Float32 logistic ``1 / (1 + exp(-x))``."""
    return 1.0 / (1.0 + jnp.exp(-x))


def _relu_x(ctx: Ctx, lo_f: float, hi_f: float) -> Run:
    dt = check_types(ctx, ("float32", "int8", "uint8"))
    if dt == "float32":
        return lambda v: [jnp.clip(v[0], lo_f, hi_f)]
    (si, zi), (so, zo) = qparams(ctx.ins[0]), qparams(ctx.outs[0])
    q, sh = quantize_multiplier(np.float64(si) / np.float64(so))
    mbqm = ctx.mbqm
    qmin, qmax = QRANGE[dt]

    def qf(f: float) -> int:
        return zo + int(np_round_half_away(np.float32(f) / np.float32(so)))

    lo = max(qmin, qf(lo_f))
    hi = qmax if hi_f == np.inf else min(qmax, qf(hi_f))
    return lambda v: [_clamp_cast(mbqm(v[0].astype(jnp.int32) - zi, q, sh) + zo, lo, hi,
                                  dt)]


@register("RELU")
def relu(ctx: Ctx) -> Run:
    """RELU; quantized: rescale ``s_in / s_out`` then clamp at ``zp_out``."""
    return _relu_x(ctx, 0.0, np.inf)


@register("RELU6")
def relu6(ctx: Ctx) -> Run:
    """RELU6; quantized as RELU with the upper bound ``zp + round(6 / s)``."""
    return _relu_x(ctx, 0.0, 6.0)


@register("SOFTMAX")
def softmax(ctx: Ctx) -> Run:
    """SOFTMAX over the last axis (``beta``); float32 or int8/uint8 (see module doc)."""
    dt = check_types(ctx, ("float32", "int8", "uint8"))
    beta = float(ctx.opt.get("beta", 1.0))
    if dt == "float32":
        return lambda v: [jnp.exp(log_softmax(v[0] * np.float32(beta)))]
    out = ctx.outs[0]
    if out.dtype != dt:
        raise Unsupported(f"SOFTMAX {dt} -> {out.dtype}")
    si, _ = qparams(ctx.ins[0])
    so, zo = qparams(out)
    table = jnp.asarray(expf((-_f32(si) * _f32(beta)) * np.arange(256, dtype=np.float32)))
    lo, hi = QRANGE[dt]

    def run(v: list) -> list:
        x = v[0].astype(jnp.int32)
        e = table[jnp.max(x, axis=-1, keepdims=True) - x]
        total = _sequential_sum(e)
        inv = jnp.float32(1.0) / (total * _f32(so))
        p = e * inv
        if dt == "uint8":
            r = jnp.trunc(p + jnp.float32(0.5)).astype(jnp.int32)
        else:
            r = (jnp.sign(p) * jnp.floor(jnp.abs(p) + 0.5)).astype(jnp.int32) + zo
        return [jnp.clip(r, lo, hi).astype(dt)]

    return run


def log_softmax(x: jnp.ndarray) -> jnp.ndarray:
    """Float32 log-softmax over the last axis (max-shifted), as LOG_SOFTMAX."""
    z = x - lax.stop_gradient(jnp.max(x, axis=-1, keepdims=True))
    return z - jnp.log(jnp.sum(jnp.exp(z), axis=-1, keepdims=True))


def _sequential_sum(e: jnp.ndarray) -> jnp.ndarray:
    """Left-to-right float32 sum over the last axis (keepdims), the loop order of the
    C kernel, so the float rounding matches it."""
    def body(c: jnp.ndarray, col: jnp.ndarray) -> tuple[jnp.ndarray, None]:
        return c + col, None

    cols = jnp.moveaxis(e, -1, 0)
    total, _ = lax.scan(body, jnp.zeros(cols.shape[1:], jnp.float32), cols)
    return total[..., None]


@register("PRELU")
def prelu(ctx: Ctx) -> Run:
    """PRELU ``x >= 0 ? x : alpha * x`` (alpha broadcast). int8/uint8 as the reference
    kernel (activations.cc, reference/prelu.h): ``x' = q - zp_in``; ``x' >= 0``:
    ``mbqm(x', s_in / s_out)``, else ``mbqm(x' (a - zp_a), s_in s_a / s_out)``; then
    ``+ zp_out`` and clamp to the dtype's range."""
    dt = check_types(ctx, ("float32", "int8", "uint8"), n_data=2)
    if dt == "float32":
        return lambda v: [jnp.where(v[0] >= 0, v[0], v[0] * v[1])]
    a = ctx.ins[1]
    if a.dtype != dt or a.scale is None:
        raise Unsupported(f"{dt} input with a {a.dtype} alpha")
    (si, zi), (sa, za), (so, zo) = qparams(ctx.ins[0]), qparams(a), qparams(ctx.outs[0])
    q1, s1 = quantize_multiplier(np.float64(si) / np.float64(so))
    q2, s2 = quantize_multiplier(np.float64(si) * np.float64(sa) / np.float64(so))
    mbqm = ctx.mbqm
    lo, hi = QRANGE[dt]

    def run(v: list) -> list:
        x = v[0].astype(jnp.int32) - zi
        al = v[1].astype(jnp.int32) - za
        pos = mbqm(x, q1, s1)
        neg = mbqm(x * al, q2, s2)
        return [_clamp_cast(jnp.where(x >= 0, pos, neg) + zo, lo, hi, dt)]

    return run
