"""Integer GEMM workloads (int8 activations x s4 weights) and their overflow study.

"High Throughput Matrix-Matrix Multiplication between Asymmetric Bit-Width Operands"
(arXiv 2008.00638) reports that 16-bit accumulators overflow in 0.05% of cases on
representative ML workloads; how the paper counted is unknown (spec ``hmf_simd.md``
§B4 [U]). This module builds the workloads of spec §B5 experiment 1:

* :func:`capture_layers`: inputs and float kernels of every conv / dense layer of a
  Flax net (e.g. a PTQ'd W4A8 net from :mod:`jaxeff.ptq`), captured with
  ``nn.intercept_methods``; :func:`layer_gemm` lowers one to ``[rows, K] x [K, N]``
  (im2col via ``lax.conv_general_dilated_patches``) with per-tensor 8-bit
  activations (u8 with zero-point 0 when non-negative, for ``asmmla_u``; else
  symmetric s8) and per-output-channel symmetric s4 weights (``jaxeff.ops.quant``).
* :func:`tflite_gemms`: the int8 CONV_2D / FULLY_CONNECTED weights of a ``.tflite``
  model, dequantized and requantized to s4 per output channel, with SYNTHETIC
  activations: uniform int8 codes of the input tensor's quantization grid, zero-point
  removed (u8 when ``zp = -128``), since this package does not execute TFLite graphs.
* :func:`overflow_stats`: :func:`jaxeff.isa.simd.asmmla_gemm` against the exact int32
  matmul for several widening intervals W: lane-instruction event rate and
  wrong-output rate (both definitions, spec §B6).
"""

from __future__ import annotations

import dataclasses
import pathlib
from typing import Any

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from jaxeff.tflite.reader import read_main
from jaxeff.isa.simd import asmmla_gemm
from jaxeff.ops.calibrate import minmax_qparams
from jaxeff.ops.quant import QuantSpec, int_matmul, quantize

__all__ = ["Gemm", "Layer", "capture_layers", "im2col", "layer_gemm", "overflow_stats",
           "patches", "quantize_acts", "quantize_acts_range", "quantize_acts_scaled",
           "quantize_w4", "quantize_w4_scaled", "tflite_gemms"]

W4 = QuantSpec(bits=4, signed=True, symmetric=True, granularity="channel", axis=-1)


@dataclasses.dataclass(frozen=True)
class Layer:
    """A captured conv / dense layer: float input ``x``, float ``kernel``, geometry."""

    name: str
    x: np.ndarray
    kernel: np.ndarray
    strides: tuple[int, int] = (1, 1)
    padding: Any = "SAME"


@dataclasses.dataclass(frozen=True)
class Gemm:
    """An integer GEMM workload ``a [rows, K] x b [K, N]``.

    ``full_rows`` is the layer's row count before sampling (for cycle counts);
    ``a_signed`` selects asmmla (s8) or asmmla_u (u8); ``source`` says where the
    activations come from (``"captured"`` or ``"synthetic"``).
    """

    name: str
    a: np.ndarray
    b: np.ndarray
    full_rows: int
    a_signed: bool
    source: str


def capture_layers(model: nn.Module, variables: dict, x: jax.Array) -> list[Layer]:
    """Run ``model.apply(variables, x)`` and capture every Conv/Dense call's input.

    Works for ``nn.Conv`` / ``nn.Dense`` and the injected ``QuantConv`` /
    ``QuantDense`` (the float kernel is captured; quantizers run as configured).
    """
    layers: list[Layer] = []

    def spy(next_fun, args, kwargs, context):
        out = next_fun(*args, **kwargs)
        mod = context.module
        kind = type(mod).__name__
        if context.method_name == "__call__" and kind in (
                "Conv", "QuantConv", "Dense", "QuantDense"):
            kernel = np.asarray(mod.variables["params"]["kernel"])
            name = "/".join(str(p) for p in mod.scope.path)
            if kind.endswith("Conv"):
                st = mod.strides or 1
                strides = (st, st) if isinstance(st, int) else tuple(st)
                layers.append(Layer(name, np.asarray(args[0]), kernel, strides,
                                    mod.padding))
            else:
                layers.append(Layer(name, np.asarray(args[0]), kernel))
        return out

    with nn.intercept_methods(spy):
        model.apply(variables, x)
    return layers


def quantize_acts_scaled(x: np.ndarray) -> tuple[np.ndarray, bool, float]:
    """Per-tensor min-max 8-bit codes, signedness and scale: ``x ~= codes * scale``.

    ``u8`` (``signed=False``) if ``x >= 0`` else ``s8``; symmetric (zero-point 0) in
    both cases, so zero padding stays exact (arXiv 2008.00638 workloads, spec §B5:
    "symmetric s8, or u8 with zero-point 0").
    """
    x = jnp.asarray(x, jnp.float32)
    return quantize_acts_range(x, float(jnp.min(x)), float(jnp.max(x)))


def quantize_acts_range(x: np.ndarray, lo: float, hi: float
                        ) -> tuple[np.ndarray, bool, float]:
    """8-bit codes of ``x`` on the grid of a given range ``[lo, hi]`` (static scales).

    The grid is :func:`quantize_acts_scaled`'s for data spanning ``[lo, hi]``: u8 if
    ``lo >= 0`` else s8, symmetric; values outside the range are clipped to it (a
    negative value on a u8 grid becomes 0). Returns ``(codes int32 [x.shape],
    signed, scale)``.
    """
    if not (np.isfinite(lo) and np.isfinite(hi) and lo <= hi):
        raise ValueError(f"activation range must be finite with lo <= hi, got "
                         f"lo={lo!r}, hi={hi!r}")
    x = jnp.asarray(x, jnp.float32)
    signed = bool(lo < 0)
    spec = QuantSpec(bits=8, signed=signed, symmetric=True)
    qp = minmax_qparams(jnp.float32(lo), jnp.float32(hi), spec)
    return (np.asarray(quantize(x, qp.scale, qp.zero_point, spec)), signed,
            float(np.asarray(qp.scale).reshape(-1)[0]))


def quantize_acts(x: np.ndarray) -> tuple[np.ndarray, bool]:
    """Per-tensor min-max 8-bit codes: ``(u8, False)`` if ``x >= 0`` else ``(s8, True)``
    (see :func:`quantize_acts_scaled`)."""
    codes, signed, _ = quantize_acts_scaled(x)
    return codes, signed


def quantize_w4_scaled(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Float ``[K, N]`` -> (s4 codes, per-output-channel scales ``[N]``), symmetric."""
    w = jnp.asarray(w, jnp.float32)
    if w.ndim != 2:
        raise ValueError(f"quantize_w4 needs a [K, N] matrix, got {w.shape}")
    qp = minmax_qparams(jnp.min(w, 0, keepdims=True), jnp.max(w, 0, keepdims=True), W4)
    return (np.asarray(quantize(w, qp.scale, qp.zero_point, W4)),
            np.asarray(qp.scale, np.float32).reshape(-1))


def quantize_w4(w: np.ndarray) -> np.ndarray:
    """Float ``[K, N]`` -> s4 codes, symmetric per output channel (last axis)."""
    return quantize_w4_scaled(w)[0]


def patches(layer: Layer) -> tuple[np.ndarray, np.ndarray]:
    """``(patches [..., K], kernel [K, N])`` of a conv (or dense) layer.

    The leading axes of ``patches`` are the layer's output positions (``[n, ho, wo]``
    for a conv, the input's leading axes for a dense layer), so the layer's output is
    ``patches @ kernel`` with shape ``[..., N]``.
    """
    k = layer.kernel
    if k.ndim == 2:  # dense: [..., K] x [K, N]
        return np.asarray(layer.x), k
    kh, kw, cin, cout = k.shape
    pad = layer.padding if isinstance(layer.padding, str) else tuple(
        tuple(p) for p in layer.padding)
    pat = lax.conv_general_dilated_patches(
        jnp.asarray(layer.x), (kh, kw), layer.strides, pad,
        dimension_numbers=("NHWC", "HWIO", "NHWC"))
    # patches are ordered (c, kh, kw); kernel HWIO -> [C*kh*kw, O] in the same order
    return np.asarray(pat), k.transpose(2, 0, 1, 3).reshape(cin * kh * kw, cout)


def im2col(layer: Layer) -> tuple[np.ndarray, np.ndarray]:
    """``(patches [rows, K], kernel [K, N])`` of a conv (or dense) layer; the rows
    are the output positions in NHWC order (:func:`patches`, flattened)."""
    pat, k = patches(layer)
    return pat.reshape(-1, k.shape[0]), k


def layer_gemm(layer: Layer, *, max_rows: int | None, seed: int = 0) -> Gemm:
    """Lower a captured layer to an integer GEMM; sample ``max_rows`` rows.

    Activations are quantized over all rows of the captured batch, then a seeded
    uniform sample of rows is kept (the full row count stays in ``full_rows``).
    """
    cols, wmat = im2col(layer)
    a, signed = quantize_acts(cols)
    rows = a.shape[0]
    if max_rows is not None and rows > max_rows:
        idx = np.sort(np.random.default_rng(seed).choice(rows, max_rows, replace=False))
        a = a[idx]
    return Gemm(layer.name, a, quantize_w4(wmat), rows, signed, "captured")


def tflite_gemms(path: str | pathlib.Path, *, rows: int, seed: int = 0) -> list[Gemm]:
    """CONV_2D / FULLY_CONNECTED GEMMs of a quantized ``.tflite`` model.

    Weights: the model's int8/uint8 constants, dequantized with their (per-channel)
    scale and zero-point and requantized to s4 per output channel. Activations are
    SYNTHETIC: ``rows`` rows of uniform codes over the input tensor's 8-bit grid
    minus its zero-point (u8 when that is 0..255, s8 when -128..127; other
    zero-points keep the raw s8 codes, the zero-point term being added in int32
    outside the accumulators as TFLite kernels do). Depthwise convs (K = kh*kw <= 31
    cannot overflow) and layers whose weights are shared with an earlier one are
    skipped.
    """
    g = read_main(path)
    rng = np.random.default_rng(seed)
    out, seen = [], set()
    for oi, op in enumerate(g.ops):
        if op.type not in ("CONV_2D", "FULLY_CONNECTED") or len(op.inputs) < 2:
            continue
        x, w = g.tensors[op.inputs[0]], g.tensors[op.inputs[1]]
        if (w.data is None or w.dtype not in ("int8", "uint8") or w.buffer in seen
                or x.scale is None or w.scale is None):
            continue
        seen.add(w.buffer)
        per_o = (-1, *[1] * (w.data.ndim - 1))
        wf = (w.data.astype(np.float32) - w.zero_point.reshape(per_o)
              ) * w.scale.reshape(per_o)                 # [O, ...], axis 0
        wmat = wf.reshape(wf.shape[0], -1).T                     # [K, O]
        lo, hi = (-128, 127) if x.dtype == "int8" else (0, 255)
        zp = int(x.zero_point[0])
        codes = rng.integers(lo, hi + 1, (rows, wmat.shape[0])) - zp
        if codes.min() >= 0 and codes.max() <= 255:
            signed = False
        elif codes.min() >= -128 and codes.max() <= 127:
            signed = True
        else:
            codes, signed = codes + zp - (128 if lo == 0 else 0), True
        full = int(np.prod(g.tensors[op.outputs[0]].shape[:-1]))
        out.append(Gemm(f"{oi}:{op.type}", codes.astype(np.int32),
                        quantize_w4(wmat), full, signed, "synthetic"))
    return out


def overflow_stats(gemm: Gemm, widen: tuple[int | None, ...],
                   modes: tuple[str, ...] = ("wrap", "saturate")) -> list[dict[str, Any]]:
    """Overflow of the asmmla GEMM against the exact int32 result, per W and mode.

    Returns one record per (W, mode) with ``events`` (lane-instruction overflow
    flags), ``lane_instr`` (output lanes x K-steps, the event denominator),
    ``event_rate``, ``wrong`` outputs and ``wrong_rate`` (over ``rows x N``).
    """
    exact = np.asarray(int_matmul(jnp.asarray(gemm.a), jnp.asarray(gemm.b)))
    m, k = gemm.a.shape
    n = gemm.b.shape[1]
    lane_instr = m * n * -(-k // 8)
    recs = []
    for w in widen:
        for mode in modes:
            res = asmmla_gemm(gemm.a, gemm.b, widen_every=w, mode=mode,
                              a_signed=gemm.a_signed)
            events = int(jnp.sum(res.events))
            wrong = int(np.sum(np.asarray(res.out) != exact))
            recs.append({"W": w, "mode": mode, "events": events,
                         "lane_instr": lane_instr, "event_rate": events / lane_instr,
                         "wrong": wrong, "outputs": m * n, "wrong_rate": wrong / (m * n),
                         "instructions": res.instructions})
    return recs
