"""Kernel layouts: TFLite's constant weights in JAX's HWIO / IO layouts.

TFLite stores CONV_2D / TRANSPOSE_CONV kernels OHWI ``[O, KH, KW, I]``,
DEPTHWISE_CONV_2D ``[1, KH, KW, C*M]`` and FULLY_CONNECTED ``[O, I]`` (schema
``tensorflow/compiler/mlir/lite/schema/schema.fbs``); ``lax.conv_general_dilated``
with ``("NHWC", "HWIO", "NHWC")`` and ``nn.Conv`` / ``nn.Dense`` take HWIO / IO.
Pure transposes: NumPy or JAX arrays in, the same kind out, dtype unchanged.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from jaxeff.tflite.ir import Op, OpGraph

__all__ = ["conv_kernel_hwio", "dense_kernel_io", "depthwise_kernel_hwio", "op_kernel"]


def _kernel(w: Any, ndim: int, what: str) -> Any:
    w = w if hasattr(w, "transpose") and hasattr(w, "ndim") else np.asarray(w)
    if w.ndim != ndim:
        raise ValueError(f"{what} kernel must have {ndim} dimensions, got shape {w.shape}")
    return w


def conv_kernel_hwio(w: np.ndarray) -> np.ndarray:
    """CONV_2D weights OHWI ``[O, KH, KW, I]`` (NumPy or JAX array) -> HWIO ``[KH, KW, I, O]`` (the layout
    of ``lax.conv_general_dilated`` with ``("NHWC", "HWIO", "NHWC")`` / ``nn.Conv``)."""
    return _kernel(w, 4, "CONV_2D").transpose(1, 2, 3, 0)


def depthwise_kernel_hwio(w: np.ndarray) -> np.ndarray:
    """DEPTHWISE_CONV_2D weights ``[1, KH, KW, C*M]`` -> HWIO ``[KH, KW, 1, C*M]``
    for a grouped conv with ``feature_group_count = C`` (output channel ``c*M + m``
    reads input channel ``c``, as in TFLite)."""
    w = _kernel(w, 4, "DEPTHWISE_CONV_2D")
    if w.shape[0] != 1:
        raise ValueError(f"DEPTHWISE_CONV_2D kernel must be [1, KH, KW, C*M], got {w.shape}")
    return w.transpose(1, 2, 0, 3)


def dense_kernel_io(w: np.ndarray) -> np.ndarray:
    """FULLY_CONNECTED weights ``[O, I]`` -> ``[I, O]`` (``x @ w``, ``nn.Dense``)."""
    return _kernel(w, 2, "FULLY_CONNECTED").transpose(1, 0)


def op_kernel(g: OpGraph, op: Op) -> np.ndarray:
    """The constant weights of a CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED op in
    JAX layout (HWIO / HWIO grouped / IO), still in the file's dtype (quantized
    weights are not dequantized: use the tensor's ``scale`` / ``zero_point``)."""
    conv = {"CONV_2D": conv_kernel_hwio, "DEPTHWISE_CONV_2D": depthwise_kernel_hwio,
            "FULLY_CONNECTED": dense_kernel_io}
    if op.type not in conv:
        raise ValueError(f"op_kernel: {op.type} has no conv / dense kernel")
    if len(op.inputs) < 2 or op.inputs[1] < 0 or g.tensors[op.inputs[1]].data is None:
        raise ValueError(f"op_kernel: {op.type} weights are not a constant tensor")
    return conv[op.type](g.tensors[op.inputs[1]].data)
