"""Int8 TFLite export of a model quantized in JAX (issue 16, item 3).

The path: a float TFLite model -> :func:`jaxeff.tflite.to_flax` (a Flax module of
``nn.Conv`` / ``nn.Dense``) -> :func:`jaxeff.inject.quantize_model` with direct W8A8
rules (per-channel symmetric int8 weights, per-tensor int8 layer inputs) ->
:func:`export_int8` -> a fully int8 TFLite file that LiteRT, TensorFlow Lite Micro
and Vela (Ethos-U) run, and that :func:`jaxeff.tflite.to_jax` runs bit-exactly as
LiteRT's reference kernels do.

The file carries the JAX model's own quantization: each conv / dense weight is
``round(w / s_w)`` with the ``w_scale`` the JAX quantizer calibrated (per output
channel; per tensor for FULLY_CONNECTED, TFLite's usual form), each layer input
tensor has the JAX ``scale`` / ``zero_point`` (an unsigned 8-bit grid is shifted by
-128, the same grid), biases are int32 with scale ``s_in * s_w`` (Jacob et al.,
"Quantization and Training of Neural Networks for Efficient Integer-Arithmetic-Only
Inference", arXiv 1712.05877, Eq. 7-8). Tensors the JAX model keeps in float (conv
outputs before an ADD, the logits) get min-max ranges from the float graph run in
LiteRT on the same calibration inputs (:func:`jaxeff.gnn.int8.calibrate`), then the
full-int8 rules of :func:`jaxeff.gnn.int8.quantize_int8` (fixed SOFTMAX / LOGISTIC /
TANH outputs, PAD / pools / RESHAPE tied to their input). A layer input produced by
such a tied op (e.g. the PAD before a stride-2 conv) puts its quantization on the tied
op's input: quantizing before a zero pad or a max-pool is the same as after it.

So the int8 file differs from the JAX fake-quant model only where TFLite must
quantize what JAX leaves in float (int32 bias rounding, conv outputs and ADD results
in int8, integer requantization). Winograd layers have no int8 TFLite op and are
refused, as are layers the JAX model kept in float and ops outside
:data:`EXPORT_OPS`, each with an error naming it.
"""

from __future__ import annotations

import collections
from collections.abc import Sequence
from typing import Any

import numpy as np

from jaxeff.gnn.int8 import SAME_QUANT, calibrate, quantize_int8
from jaxeff.inject import InjectedModel
from jaxeff.nets.layers import LayerQuant
from jaxeff.tflite.flax_import import TFLiteFlax, layer_name, with_params
from jaxeff.tflite.interpreter import UnsupportedOpsError
from jaxeff.tflite.ir import OpGraph
from jaxeff.tflite.writer import write_tflite

__all__ = ["EXPORT_OPS", "export_int8"]

_LAYERS = ("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED")
#: op types :func:`export_int8` writes as int8 (LiteRT, TFLM and Vela int8 kernels)
EXPORT_OPS = frozenset(_LAYERS + (
    "ADD", "SUB", "MUL", "MEAN", "AVERAGE_POOL_2D", "MAX_POOL_2D", "RESHAPE", "PAD",
    "SOFTMAX", "LOGISTIC", "TANH", "RELU", "RELU6", "HARD_SWISH", "CONCATENATION"))


def _check_ops(g: OpGraph) -> None:
    bad = collections.Counter(op.type for op in g.ops if op.type not in EXPORT_OPS)
    if bad:
        listed = ", ".join(f"{k} x{n}" for k, n in sorted(bad.items()))
        raise UnsupportedOpsError(f"export_int8: no int8 export for {listed} "
                                  f"(supported: {sorted(EXPORT_OPS)})")


def _check_quant(path: str, op_type: str, cfg: LayerQuant) -> None:
    w, a = cfg.weight, cfg.act
    if w is None or a is None:
        raise ValueError(f"{path} ({op_type}): the rule quantizes "
                         f"{'activations' if w is None else 'weights'} only; a "
                         f"fully int8 export needs W8A8")
    want = "tensor" if op_type == "FULLY_CONNECTED" else "channel"
    if (w.bits, w.signed, w.symmetric) != (8, True, True) or w.granularity not in (
            want, "tensor") or (w.granularity == "channel" and w.axis not in (-1, 3)):
        raise ValueError(f"{path} ({op_type}): weights must be 8-bit signed symmetric "
                         f"per {want} (output-channel axis -1), got {w}")
    if a.bits != 8 or a.granularity != "tensor" or cfg.observer == "ptf":
        raise ValueError(f"{path} ({op_type}): activations must be 8-bit per tensor "
                         f"(observer not 'ptf'), got {a} / {cfg.observer!r}")


def _source(g: OpGraph, t: int) -> int:
    """The tensor whose quantization ``t`` shares (walk back through tied ops)."""
    prod = g.producers()
    while t in prod and g.ops[prod[t]].type in SAME_QUANT:
        t = g.ops[prod[t]].inputs[0]
    return t


def _samples(g: OpGraph, calib: np.ndarray | Sequence[np.ndarray]
             ) -> list[list[np.ndarray]]:
    """Calibration inputs as LiteRT samples of the graph's batch size."""
    xs = [np.asarray(c, np.float32) for c in calib] if isinstance(
        calib, list | tuple) else [np.asarray(calib, np.float32)]
    if len(xs) != len(g.inputs):
        raise ValueError(f"calib_inputs: {len(xs)} arrays for {len(g.inputs)} inputs")
    out = []
    for x, ti in zip(xs, g.inputs, strict=True):
        shp = g.tensors[ti].shape
        if x.ndim != len(shp) or x.shape[1:] != tuple(shp[1:]) or len(x) < shp[0]:
            raise ValueError(f"calib_inputs for input {g.tensors[ti].name!r} must be "
                             f"[N >= {shp[0]}, {', '.join(map(str, shp[1:]))}], got "
                             f"{x.shape}")
        out.append([x[i:i + shp[0]] for i in range(0, len(x) - shp[0] + 1, shp[0])])
    return [list(s) for s in zip(*out, strict=False)]


def _act(q: dict[str, Any], path: str) -> tuple[float, int]:
    s, z = np.asarray(q["scale"], np.float64), np.asarray(q["zero_point"], np.float64)
    if s.size != 1 or z.size != 1:
        raise ValueError(f"{path}: per-tensor activation scale expected, got shape "
                         f"{s.shape}")
    zp = round(float(z.reshape(())))
    return float(s.reshape(())), zp


def export_int8(qmodel: InjectedModel, qvariables: dict[str, Any],
                calib_inputs: np.ndarray | Sequence[np.ndarray], *,
                description: str = "jaxeff int8") -> bytes:
    """A fully int8 TFLite file (bytes) of a model quantized in JAX (module doc).

    Args:
      qmodel: :func:`jaxeff.inject.quantize_model`'s model around a
        :class:`~jaxeff.tflite.flax_import.TFLiteFlax` (from
        :func:`~jaxeff.tflite.to_flax`), every conv / dense under a W8A8 rule
        (weights 8-bit signed symmetric per output channel, per tensor for dense;
        inputs 8-bit per tensor), no Winograd rule.
      qvariables: its variables with the calibrated ``"quant"`` collection.
      calib_inputs: float inputs ``[N, ...]`` (one array per model input) for the
        ranges of the tensors the JAX model keeps in float; use the images that
        calibrated the JAX model (training data, never test).
      description: the file's description string.

    Returns:
      ``.tflite`` bytes: int8 input and output with the quantization above, per-channel
      int8 weights, int32 biases.

    Raises:
      TypeError: ``qmodel`` is not an injected ``TFLiteFlax``.
      UnsupportedOpsError: ops outside :data:`EXPORT_OPS` (each named with its count).
      ValueError: no ``"quant"`` collection, a Winograd or float layer, a quantizer
        TFLite cannot hold, or one tensor given two quantizations (each named).
    """
    if not isinstance(qmodel, InjectedModel) or not isinstance(qmodel.model, TFLiteFlax):
        raise TypeError("export_int8 needs jaxeff.inject.quantize_model's model of a "
                        "module from jaxeff.tflite.to_flax, got "
                        f"{type(qmodel).__name__}")
    quant = qvariables.get("quant")
    if not quant:
        raise ValueError("qvariables have no 'quant' collection: quantize the model "
                         "with jaxeff.inject.quantize_model first")
    g = qmodel.model.graph
    if any(op.type in ("QUANTIZE", "DEQUANTIZE") for op in g.ops):
        raise UnsupportedOpsError("export_int8: the float view of a quantized model "
                                  "(QUANTIZE/DEQUANTIZE inside) is not exported")
    _check_ops(g)
    g = with_params(qmodel.model, qvariables)
    samples = _samples(g, calib_inputs)
    base = {k: v for k, v in qvariables.items() if k != "quant"}
    infos = {i.path: i for i in qmodel.layers(base, *samples[0])}
    acts: dict[int, tuple[float, int]] = {}
    owner: dict[int, str] = {}
    wscales: dict[int, np.ndarray] = {}
    for oi, op in enumerate(g.ops):
        if op.type not in _LAYERS:
            continue
        path = layer_name(op.type, oi)
        info = infos.get(path)
        rule = None if info is None or info.rule is None else qmodel.rules[info.rule]
        if rule is not None and rule.winograd is not None:
            raise ValueError(f"{path}: a Winograd rule ({rule.pattern!r}); int8 TFLite "
                             "has no Winograd op: export the direct W8A8 model")
        if rule is None or rule.quant is None:
            raise ValueError(f"{path} ({op.type}) is float in the JAX model; a fully "
                             "int8 export needs every conv/dense under a W8A8 rule")
        _check_quant(path, op.type, rule.quant)
        q = quant.get(path, {})
        if not {"w_scale", "scale", "zero_point"} <= set(q):
            raise ValueError(f"{path}: 'quant' lacks w_scale/scale/zero_point")
        wscales[op.inputs[1]] = np.asarray(q["w_scale"], np.float32).reshape(-1)
        s, z = _act(q, path)
        if not rule.quant.act.signed:
            z -= 128  # the same grid as int8
        t = _source(g, op.inputs[0])
        if t in acts and acts[t] != (s, z):
            raise ValueError(f"tensor {g.tensors[t].name!r} feeds {owner[t]} and {path}"
                             f" with different quantization {acts[t]} vs {(s, z)}; "
                             "TFLite holds one per tensor")
        acts[t], owner[t] = (s, z), path
    ranges = calibrate(g, inputs=samples)
    return write_tflite(quantize_int8(g, ranges, act_qparams=acts,
                                      weight_scales=wscales), description=description)
