"""Full-int8 TFLite export of MicroNets for TensorFlow Lite Micro and LiteRT.

"MicroNets" (Banbury et al., arXiv 2010.11267, Sec. 5): networks are deployed as
int8 TFLite models run by TFLM on the MCU. Export [Choice], spec A0 path without
TensorFlow: BatchNorm is folded into each conv (``w' = w gamma / sqrt(var + eps)``,
``b' = beta - mean gamma / sqrt(var + eps)``), the float graph is written with
:class:`jaxeff.gnn.build.NetBuilder` (CONV_2D + RELU, DEPTHWISE_CONV_2D + RELU,
MEAN over H, W, FULLY_CONNECTED), activation ranges are calibrated by running the
float graph in LiteRT on representative inputs, and :func:`jaxeff.gnn.int8.
quantize_int8` makes the full-int8 copy (per-channel symmetric conv weights,
int32 biases, per-tensor asymmetric activations).
"""

from __future__ import annotations

import dataclasses
import warnings
from typing import Any

import numpy as np

from jaxeff._extras import require
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.int8 import quantize_int8
from jaxeff.nets.micronets import MicroNetSpec
from jaxeff.tflite.ir import OpGraph
from jaxeff.tflite.writer import write_tflite

__all__ = ["calibrate_ranges", "export_int8", "float_graph", "fold_bn",
           "quantize_input"]

BN_EPS = 1e-5  # flax.linen.BatchNorm default


def fold_bn(spec: MicroNetSpec, variables: Any) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Layer name -> (kernel in Flax layout, bias), BN folded when present."""
    p = variables["params"]
    st = variables.get("batch_stats", {})
    names = ["stem"] + [f"block{i}_{k}" for i in range(len(spec.blocks))
                        for k in ("dw", "pw")]
    out = {}
    for n in names:
        if n not in p:
            raise ValueError(f"variables['params'] has no layer {n!r} for {spec}")
        k = np.asarray(p[n]["kernel"], np.float64)
        b = np.asarray(p[n].get("bias", np.zeros(k.shape[-1])), np.float64)
        if f"{n}_bn" in p:
            g = np.asarray(p[f"{n}_bn"]["scale"], np.float64)
            beta = np.asarray(p[f"{n}_bn"]["bias"], np.float64)
            mu = np.asarray(st[f"{n}_bn"]["mean"], np.float64)
            var = np.asarray(st[f"{n}_bn"]["var"], np.float64)
            s = g / np.sqrt(var + BN_EPS)
            k, b = k * s, (b - mu) * s + beta
        out[n] = (k.astype(np.float32), b.astype(np.float32))
    out["fc"] = (np.asarray(p["fc"]["kernel"], np.float32),
                 np.asarray(p["fc"]["bias"], np.float32))
    return out


def float_graph(spec: MicroNetSpec, variables: Any, *, batch: int = 1) -> OpGraph:
    """The float32 TFLite graph of a MicroNet with its (BN-folded) weights;
    input ``[batch, H, W, in_channels]``, output logits ``[batch, classes]``."""
    w = fold_bn(spec, variables)
    nb = NetBuilder(np.random.default_rng(0))
    set_data: dict[int, np.ndarray] = {}

    def last_op_weights(kernel: np.ndarray, bias: np.ndarray) -> None:
        op = nb.ops[-1]
        set_data[op.inputs[1]] = kernel
        set_data[op.inputs[2]] = bias

    x = nb.input((batch, *spec.input_hw, spec.in_channels))
    k, b = w["stem"]
    x = nb.conv(x, spec.stem_channels, spec.stem_kernel, 1, act="RELU")
    last_op_weights(k.transpose(3, 0, 1, 2), b)  # HWIO -> OHWI
    for i, (c, s) in enumerate(spec.blocks):
        k, b = w[f"block{i}_dw"]
        x = nb.dwconv(x, 3, s, act="RELU")
        last_op_weights(k.transpose(2, 0, 1, 3), b)  # [3,3,1,C] -> [1,3,3,C]
        k, b = w[f"block{i}_pw"]
        x = nb.conv(x, c, 1, 1, act="RELU")
        last_op_weights(k.transpose(3, 0, 1, 2), b)
    x = nb.mean(x, (1, 2), keep_dims=False)
    k, b = w["fc"]
    x = nb.fc(x, spec.num_classes)
    last_op_weights(k.T, b)
    g = nb.finish([x])
    tensors = [dataclasses.replace(t, data=set_data[i].astype(np.float32))
               if i in set_data else t for i, t in enumerate(g.tensors)]
    return OpGraph(tensors, g.ops, g.inputs, g.outputs, g.name)


def calibrate_ranges(g: OpGraph, inputs: np.ndarray) -> dict[int, tuple[float, float]]:
    """(min, max) of every non-constant tensor over ``inputs`` [N, H, W, C_in] float32,
    running the float graph (batch 1) in LiteRT."""
    Interpreter = require("ai_edge_litert.interpreter", purpose="LiteRT").Interpreter
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        it = Interpreter(model_content=write_tflite(g), num_threads=1,
                         experimental_preserve_all_tensors=True)
    it.allocate_tensors()
    idx = it.get_input_details()[0]["index"]
    lo = {i: np.inf for i, t in enumerate(g.tensors) if t.data is None}
    hi = {i: -np.inf for i in lo}
    for x in np.asarray(inputs, np.float32):
        it.set_tensor(idx, x[None])
        it.invoke()
        for i in list(lo):
            v = it.get_tensor(i)
            lo[i], hi[i] = min(lo[i], float(v.min())), max(hi[i], float(v.max()))
    return {i: (lo[i], hi[i]) for i in lo}


def export_int8(spec: MicroNetSpec, variables: Any, calib: np.ndarray) -> bytes:
    """Full-int8 ``.tflite`` bytes of a trained MicroNet (batch 1), activation
    ranges from ``calib`` [N, H, W, C_in] float32 (representative inputs)."""
    if (calib.ndim != 4 or calib.shape[1:] != (*spec.input_hw, spec.in_channels)
            or not len(calib)):
        raise ValueError(f"calib must be [N>0, {spec.input_hw[0]}, {spec.input_hw[1]}, "
                         f"{spec.in_channels}], got {calib.shape}")
    g = float_graph(spec, variables)
    return write_tflite(quantize_int8(g, calibrate_ranges(g, calib)),
                        description="jaxeff micronet int8")


def quantize_input(x: np.ndarray, scale: float, zero_point: int) -> np.ndarray:
    """Float input -> the int8 codes of the model's input tensor."""
    return np.clip(np.round(np.asarray(x) / scale) + zero_point, -128, 127).astype(np.int8)
