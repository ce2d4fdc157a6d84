"""The op-graph IR of a TFLite model, shared by the reader, the writer and PerfSAGE.

A TFLite flatbuffer (schema ``tensorflow/compiler/mlir/lite/schema/schema.fbs``,
version 3) holds subgraphs of tensors and operators; :class:`OpGraph` is one
subgraph in plain Python: :class:`Tensor` (shape, dtype, constant data, the
``QuantizationParameters`` scale / zero point / quantized dimension) and
:class:`Op` (builtin type name, tensor indices, builtin options as a dict).
PerfSAGE (Chai et al., arXiv 2301.10999, spec perfsage.md §2.1) turns it into a
graph (``jaxeff.gnn.graph``); the SIMD workloads read its weights
(``jaxeff.isa.workloads``). This module imports nothing beyond NumPy, so every
consumer can use the IR without the ``tflite`` extra.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np

__all__ = ["ITEMSIZE", "Op", "OpGraph", "Tensor"]

#: bytes per element of each TFLite tensor type (lower-case TensorType name)
ITEMSIZE = {
    "float32": 4,
    "float16": 2,
    "int32": 4,
    "uint8": 1,
    "int64": 8,
    "bool": 1,
    "int16": 2,
    "int8": 1,
    "float64": 8,
    "uint64": 8,
    "uint32": 4,
    "uint16": 2,
    "bfloat16": 2,
}


@dataclasses.dataclass
class Tensor:
    """One tensor: ``shape``, numpy ``dtype`` name, constant ``data`` (or None).

    Quantization (TFLite ``QuantizationParameters``): ``scale``/``zero_point``
    arrays of length 1 (per tensor) or C (per channel along ``quant_dim``).
    ``buffer``: index into the model's buffers as read (0 = none; tensors sharing
    one constant share it); informational, the writer numbers buffers afresh.
    """

    name: str
    shape: tuple[int, ...]
    dtype: str = "float32"
    data: np.ndarray | None = None
    scale: np.ndarray | None = None
    zero_point: np.ndarray | None = None
    quant_dim: int = 0
    buffer: int = 0
    is_variable: bool = False  # a state tensor (e.g. an LSTM's), no constant data

    @property
    def nbytes(self) -> int:
        """Bytes of the dense tensor (``prod(shape) * itemsize``)."""
        return math.prod(self.shape) * ITEMSIZE.get(self.dtype, 1)


@dataclasses.dataclass
class Op:
    """One operator: type name (BuiltinOperator, or ``"CUSTOM:<code>"``), tensor
    indices (``-1`` = absent optional input), snake_case builtin options."""

    type: str
    inputs: tuple[int, ...]
    outputs: tuple[int, ...]
    options: dict[str, Any] = dataclasses.field(default_factory=dict)
    options_type: str | None = None  # BuiltinOptions name, as read
    code: int = 0  # BuiltinOperator code as read (informational)
    #: tensors carrying quantization of internal values (e.g. an integer LSTM's
    #: hidden-state scale), not data inputs
    intermediates: tuple[int, ...] = ()


@dataclasses.dataclass
class OpGraph:
    """A single-subgraph dataflow graph (the main subgraph of a TFLite model)."""

    tensors: list[Tensor]
    ops: list[Op]
    inputs: tuple[int, ...]
    outputs: tuple[int, ...]
    name: str = "main"

    def producers(self) -> dict[int, int]:
        """Tensor index -> index of the op that writes it."""
        return {t: i for i, op in enumerate(self.ops) for t in op.outputs if t >= 0}

    def op_types(self) -> list[str]:
        """Operator type names in serialised order."""
        return [op.type for op in self.ops]
