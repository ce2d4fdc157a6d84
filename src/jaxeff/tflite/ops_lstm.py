"""UNIDIRECTIONAL_SEQUENCE_LSTM for ``to_jax``: float32 and TFLite's integer 8x8_16 LSTM.

The LSTM cell (Hochreiter & Schmidhuber 1997; the gate form of Graves, arXiv
1308.0850, eqs. 7-11, without peepholes): with ``x_t`` the input and ``h``, ``c`` the
output and cell states,
``i = s(W_i x_t + R_i h + b_i)``, ``f = s(W_f x_t + R_f h + b_f)``,
``g = tanh(W_c x_t + R_c h + b_c)``, ``o = s(W_o x_t + R_o h + b_o)``,
``c = clip(f * c + i * g)``, ``h = o * tanh(c)``, output ``h`` at every step.

Integer 8x8_16 (int8 input/weights/output, int16 cell state; TFLite lstm.cc
``PopulateQuantizedLstmParams8x8_16`` and lstm_eval.cc ``LstmStepInteger8x8_16``):

* each gate ``clamp16(mbqm(W (x - zx) + b, s_x s_W / 2^-12)) + mbqm(R (h - zh),
  s_h s_R / 2^-12)`` clamped to int16, a Q3.12 value (effective scales in float32);
* sigmoid / tanh of the Q3.12 int16 gates by gemmlowp's 16-bit fixed-point
  ``logistic`` / ``tanh`` (``ApplySigmoid`` / ``ApplyTanh(3, ...)``,
  :mod:`jaxeff.tflite.fixedpoint16`), Q0.15 results;
* ``c = clamp16(RDBPOT(f c, 15) + RDBPOT(i g, 30 + log2 s_c))``, clipped to the
  quantized ``cell_clip``; ``h = clamp8(mbqm(o tanh(c), 2^-30 / s_hidden) + zp_hidden)``
  with ``tanh`` of the cell state in Q(15 + log2 s_c).(-log2 s_c) (``s_hidden`` from
  the op's fifth intermediate tensor).

States start at zero (the cell) and at the output zero point (TFLite resets int8
variable tensors to their zero point). Not supported (listed before running): CIFG,
peepholes, projection, layer normalisation, time-major input, activations other than
TANH.
"""

from __future__ import annotations

import math

import jax.numpy as jnp
import numpy as np
from jax import lax

from jaxeff.tflite.fixedpoint16 import logistic_table, tanh_table
from jaxeff.tflite.kernels import Ctx, Run, Unsupported, float_act, qparams, register
from jaxeff.tflite.ops_elem import jax_sigmoid
from jaxeff.tflite.qmath import mbqm, quantize_multiplier, rounding_divide_by_pot

__all__ = ["unidirectional_lstm"]

_W_IN, _W_REC, _BIAS = (1, 2, 3, 4), (5, 6, 7, 8), (12, 13, 14, 15)  # gates i, f, c, o
_OPTIONAL = (9, 10, 11, 16, 17, 20, 21, 22, 23)  # peepholes, projection, layer norm


def _lut(table: np.ndarray, x: jnp.ndarray) -> jnp.ndarray:
    """``table[x + 32768]`` for int16 values ``x`` held as int32."""
    return jnp.asarray(table)[x + 32768]


def _clamp16(x: jnp.ndarray) -> jnp.ndarray:
    return jnp.clip(x, -32768, 32767)


def _wrap16(x: jnp.ndarray) -> jnp.ndarray:
    """``static_cast<int16_t>`` of an int32 (two's complement wrap)."""
    return x.astype(jnp.int16).astype(jnp.int32)


def _idot(x: jnp.ndarray, w: jnp.ndarray) -> jnp.ndarray:
    return lax.dot_general(x, w, (((1,), (1,)), ((), ())), preferred_element_type=jnp.int32)


def _check_plain(ctx: Ctx) -> None:
    o = ctx.opt
    ins = ctx.ins + [None] * (24 - len(ctx.ins))
    if ins[1] is None:
        raise Unsupported("CIFG (no input gate)")
    used = [i for i in _OPTIONAL if ins[i] is not None]
    if used:
        raise Unsupported(f"peephole / projection / layer-norm inputs {used}")
    if o.get("time_major", False):
        raise Unsupported("time-major input")
    if (o.get("fused_activation_function") or "TANH") != "TANH":
        raise Unsupported(f"activation {o['fused_activation_function']}")
    if len(ctx.ins[0].shape) != 3:
        raise Unsupported("needs a [batch, time, input] input")


@register("UNIDIRECTIONAL_SEQUENCE_LSTM")
def unidirectional_lstm(ctx: Ctx) -> Run:
    """UNIDIRECTIONAL_SEQUENCE_LSTM, batch-major, states from zero (module doc)."""
    _check_plain(ctx)
    dt = ctx.ins[0].dtype
    if dt == "float32":
        return _float_lstm(ctx)
    if dt != "int8":
        raise Unsupported(f"dtype {dt}")
    return _int_lstm(ctx)


def _float_lstm(ctx: Ctx) -> Run:
    if any(ctx.ins[i].dtype != "float32" for i in _W_IN + _W_REC):
        raise Unsupported("float32 input with quantized weights (hybrid)")
    clip = float(ctx.opt.get("cell_clip", 0.0) or 0.0)
    act = float_act("TANH")

    def run(v: list) -> list:
        x = v[0]
        n_cell = v[1].shape[0]
        h0 = jnp.zeros((x.shape[0], v[5].shape[1]), jnp.float32)
        c0 = jnp.zeros((x.shape[0], n_cell), jnp.float32)

        def step(carry: tuple, xt: jnp.ndarray) -> tuple:
            h, c = carry
            z = [xt @ v[w].T + h @ v[r].T + v[b]
                 for w, r, b in zip(_W_IN, _W_REC, _BIAS, strict=True)]
            i, f, g, o = jax_sigmoid(z[0]), jax_sigmoid(z[1]), act(z[2]), jax_sigmoid(z[3])
            c = f * c + i * g
            if clip > 0:
                c = jnp.clip(c, -clip, clip)
            h = o * act(c)
            return (h, c), h

        _, hs = lax.scan(step, (h0, c0), jnp.swapaxes(x, 0, 1))
        return [jnp.swapaxes(hs, 0, 1)]

    return run


def _int_lstm(ctx: Ctx) -> Run:
    x_t, h_t, c_t, out = ctx.ins[0], ctx.ins[18], ctx.ins[19], ctx.outs[0]
    if h_t is None or c_t is None or c_t.dtype != "int16" or h_t.dtype != "int8":
        raise Unsupported("integer LSTM needs int8 output-state and int16 cell-state inputs")
    if len(ctx.inter) != 5 or ctx.inter[4].scale is None:
        raise Unsupported("integer 8x8_16 LSTM needs 5 intermediate tensors (hidden scale)")
    for i in _W_IN + _W_REC:
        t = ctx.ins[i]
        if t.dtype != "int8" or t.scale is None or np.any(np.asarray(t.zero_point) != 0):
            raise Unsupported(f"weight {t.name!r} must be symmetric per-tensor int8")
    for i in _BIAS:
        if ctx.ins[i].dtype != "int32":
            raise Unsupported(f"bias {ctx.ins[i].name!r} must be int32")
    sx, zx = qparams(x_t)
    sh, zh = qparams(h_t)
    sc, _ = qparams(c_t)
    cell_log2 = round(math.log2(sc))
    if abs(math.log2(sc) - cell_log2) > 1e-3:
        raise Unsupported(f"cell-state scale {sc} is not a power of two")
    s_hid, z_hid = qparams(ctx.inter[4])
    f32 = np.float32
    inter = f32(2.0**-12)  # Q3.12 gate accumulators (no layer norm)
    m_in = [quantize_multiplier(float(f32(qparams(ctx.ins[w])[0]) * f32(sx) / inter))
            for w in _W_IN]
    m_rec = [quantize_multiplier(float(f32(qparams(ctx.ins[r])[0]) * f32(sh) / inter))
             for r in _W_REC]
    q_hid, s_hid_sh = quantize_multiplier(float(f32(f32(2.0**-15) / f32(s_hid)) * f32(2.0**-15)))
    clip_f = float(ctx.opt.get("cell_clip", 0.0) or 0.0)
    qclip = int(min(max(f32(clip_f) / f32(sc), -32768.0), 32767.0)) if clip_f > 0 else 0
    cell_ib = 15 + cell_log2
    if not 0 <= cell_ib <= 6:
        raise Unsupported(f"cell-state scale 2^{cell_log2} (needs 2^-15..2^-9)")
    sig, tanh3, tanh_c = logistic_table(3), tanh_table(3), tanh_table(cell_ib)
    mul = ctx.mbqm
    odt = out.dtype

    def run(v: list) -> list:
        x = v[0].astype(jnp.int32)
        n_b = x.shape[0]
        w_in = [v[w].astype(jnp.int32) for w in _W_IN]
        w_rec = [v[r].astype(jnp.int32) for r in _W_REC]
        # PrecomputeZeroPointTimesWeightWithBias: bias - zp * row sums
        b_in = [jnp.asarray(v[b], jnp.int32) - zx * jnp.sum(w, axis=1)
                for b, w in zip(_BIAS, w_in, strict=True)]
        b_rec = [-zh * jnp.sum(w, axis=1) for w in w_rec]
        h0 = jnp.full((n_b, w_rec[0].shape[1]), zh, jnp.int32)
        c0 = jnp.zeros((n_b, w_rec[0].shape[0]), jnp.int32)

        def gate(k: int, xt: jnp.ndarray, h: jnp.ndarray) -> jnp.ndarray:
            g = _clamp16(mul(_idot(xt, w_in[k]) + b_in[k], *m_in[k]))
            return _clamp16(mul(_idot(h, w_rec[k]) + b_rec[k], *m_rec[k]) + g)

        def step(carry: tuple, xt: jnp.ndarray) -> tuple:
            h, c = carry
            f = _lut(sig, gate(1, xt, h))
            g = _lut(tanh3, gate(2, xt, h))
            i = _lut(sig, gate(0, xt, h))
            c = _wrap16(rounding_divide_by_pot(f * c, 15))
            c = _clamp16(c + _wrap16(rounding_divide_by_pot(i * g, 30 + cell_log2)))
            if qclip > 0:
                c = jnp.clip(c, -qclip, qclip)
            o = _lut(sig, gate(3, xt, h))
            t = _lut(tanh_c, c)
            h = jnp.clip(mbqm(o * t, q_hid, s_hid_sh) + z_hid, -128, 127)
            return (h, c), h

        _, hs = lax.scan(step, (h0, c0), jnp.swapaxes(x, 0, 1))
        return [jnp.swapaxes(hs, 0, 1).astype(odt)]

    return run
