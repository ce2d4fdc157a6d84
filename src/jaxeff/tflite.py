"""A small pure-Python reader for TensorFlow Lite flatbuffers (``.tflite``).

No TensorFlow / LiteRT dependency: the flatbuffer wire format (root uoffset, tables
with vtables, vectors, strings, unions) is decoded directly, following
``tensorflow/compiler/mlir/lite/schema/schema.fbs`` (schema version 3). Only the
parts needed to inspect a graph are read:

* ``Model.operator_codes``, ``Model.subgraphs``, ``Model.buffers``, ``description``;
* ``SubGraph.tensors / inputs / outputs / operators / name``;
* ``Tensor.shape / type / buffer / name / quantization / is_variable``;
* ``QuantizationParameters.min / max / scale / zero_point / quantized_dimension``;
* ``Operator.opcode_index / inputs / outputs`` (builtin options are not decoded).

Constant tensors get their data as a NumPy array of the tensor's shape and dtype
(little-endian), read from ``Buffer.data`` or, for large models, from
``Buffer.offset/size`` into the file. Used by the asymmetric-SIMD overflow study
(arXiv 2008.00638: int8 weights requantized to 4 bits) and meant for PerfSAGE-style
graph extraction.

    model = read_model("mobilenet.tflite")
    g = model.subgraphs[0]
    for op in g.operators:
        w = g.tensors[op.inputs[1]]          # e.g. a CONV_2D weight
        print(op.opcode, w.shape, w.dtype, w.quantization.scale[:3], w.data is None)
"""

from __future__ import annotations

import dataclasses
import os
import pathlib
import struct
from collections import Counter

import numpy as np

__all__ = [
    "BUILTIN_OPS",
    "Model",
    "Operator",
    "Quantization",
    "Subgraph",
    "Tensor",
    "op_histogram",
    "read_model",
]

# TensorType enum -> (name, numpy dtype or None)
TENSOR_TYPES: dict[int, tuple[str, str | None]] = {
    0: ("FLOAT32", "float32"), 1: ("FLOAT16", "float16"), 2: ("INT32", "int32"),
    3: ("UINT8", "uint8"), 4: ("INT64", "int64"), 5: ("STRING", None),
    6: ("BOOL", "bool"), 7: ("INT16", "int16"), 8: ("COMPLEX64", "complex64"),
    9: ("INT8", "int8"), 10: ("FLOAT64", "float64"), 11: ("COMPLEX128", "complex128"),
    12: ("UINT64", "uint64"), 13: ("RESOURCE", None), 14: ("VARIANT", None),
    15: ("UINT32", "uint32"), 16: ("UINT16", "uint16"), 17: ("INT4", None),
    18: ("BFLOAT16", None),
}

# BuiltinOperator enum, codes 0..161 (schema.fbs order)
BUILTIN_OPS: tuple[str, ...] = tuple("""
ADD AVERAGE_POOL_2D CONCATENATION CONV_2D DEPTHWISE_CONV_2D DEPTH_TO_SPACE DEQUANTIZE
EMBEDDING_LOOKUP FLOOR FULLY_CONNECTED HASHTABLE_LOOKUP L2_NORMALIZATION L2_POOL_2D
LOCAL_RESPONSE_NORMALIZATION LOGISTIC LSH_PROJECTION LSTM MAX_POOL_2D MUL RELU
RELU_N1_TO_1 RELU6 RESHAPE RESIZE_BILINEAR RNN SOFTMAX SPACE_TO_DEPTH SVDF TANH
CONCAT_EMBEDDINGS SKIP_GRAM CALL CUSTOM EMBEDDING_LOOKUP_SPARSE PAD
UNIDIRECTIONAL_SEQUENCE_RNN GATHER BATCH_TO_SPACE_ND SPACE_TO_BATCH_ND TRANSPOSE MEAN
SUB DIV SQUEEZE UNIDIRECTIONAL_SEQUENCE_LSTM STRIDED_SLICE BIDIRECTIONAL_SEQUENCE_RNN
EXP TOPK_V2 SPLIT LOG_SOFTMAX DELEGATE BIDIRECTIONAL_SEQUENCE_LSTM CAST PRELU MAXIMUM
ARG_MAX MINIMUM LESS NEG PADV2 GREATER GREATER_EQUAL LESS_EQUAL SELECT SLICE SIN
TRANSPOSE_CONV SPARSE_TO_DENSE TILE EXPAND_DIMS EQUAL NOT_EQUAL LOG SUM SQRT RSQRT
SHAPE POW ARG_MIN FAKE_QUANT REDUCE_PROD REDUCE_MAX PACK LOGICAL_OR ONE_HOT LOGICAL_AND
LOGICAL_NOT UNPACK REDUCE_MIN FLOOR_DIV REDUCE_ANY SQUARE ZEROS_LIKE FILL FLOOR_MOD
RANGE RESIZE_NEAREST_NEIGHBOR LEAKY_RELU SQUARED_DIFFERENCE MIRROR_PAD ABS SPLIT_V
UNIQUE CEIL REVERSE_V2 ADD_N GATHER_ND COS WHERE RANK ELU REVERSE_SEQUENCE MATRIX_DIAG
QUANTIZE MATRIX_SET_DIAG ROUND HARD_SWISH IF WHILE NON_MAX_SUPPRESSION_V4
NON_MAX_SUPPRESSION_V5 SCATTER_ND SELECT_V2 DENSIFY SEGMENT_SUM BATCH_MATMUL
PLACEHOLDER_FOR_GREATER_OP_CODES CUMSUM CALL_ONCE BROADCAST_TO RFFT2D CONV_3D IMAG REAL
COMPLEX_ABS HASHTABLE HASHTABLE_FIND HASHTABLE_IMPORT HASHTABLE_SIZE REDUCE_ALL
CONV_3D_TRANSPOSE VAR_HANDLE READ_VARIABLE ASSIGN_VARIABLE BROADCAST_ARGS
RANDOM_STANDARD_NORMAL BUCKETIZE RANDOM_UNIFORM MULTINOMIAL GELU DYNAMIC_UPDATE_SLICE
RELU_0_TO_1 UNSORTED_SEGMENT_PROD UNSORTED_SEGMENT_MAX UNSORTED_SEGMENT_SUM ATAN2
UNSORTED_SEGMENT_MIN SIGN BITCAST BITWISE_XOR RIGHT_SHIFT
""".split())


@dataclasses.dataclass(frozen=True)
class Quantization:
    """Per-tensor or per-axis affine quantization: ``real = scale * (q - zero_point)``.

    ``scale float32 [C]``, ``zero_point int64 [C]`` (C = 1 per tensor), the
    channel axis ``quantized_dimension``, optional float ``min`` / ``max``.
    """

    scale: np.ndarray
    zero_point: np.ndarray
    quantized_dimension: int = 0
    min: np.ndarray | None = None
    max: np.ndarray | None = None


@dataclasses.dataclass(frozen=True)
class Tensor:
    """A tensor of a subgraph; ``data`` is set for constants (weights, biases)."""

    index: int
    name: str
    shape: tuple[int, ...]
    type_name: str
    dtype: str | None
    buffer: int
    quantization: Quantization | None
    data: np.ndarray | None
    is_variable: bool = False


@dataclasses.dataclass(frozen=True)
class Operator:
    """An operator: ``opcode`` name (``CUSTOM:<code>`` for custom ops), tensor ids
    (``-1`` marks an omitted optional input)."""

    index: int
    opcode: str
    builtin_code: int
    version: int
    inputs: tuple[int, ...]
    outputs: tuple[int, ...]


@dataclasses.dataclass(frozen=True)
class Subgraph:
    name: str
    tensors: tuple[Tensor, ...]
    operators: tuple[Operator, ...]
    inputs: tuple[int, ...]
    outputs: tuple[int, ...]


@dataclasses.dataclass(frozen=True)
class Model:
    version: int
    description: str
    subgraphs: tuple[Subgraph, ...]


class _Table:
    """Read access to one flatbuffer table."""

    def __init__(self, buf: bytes, pos: int):
        self.buf, self.pos = buf, pos
        vt = pos - struct.unpack_from("<i", buf, pos)[0]
        vt_size = struct.unpack_from("<H", buf, vt)[0]
        n = (vt_size - 4) // 2
        self.fields = struct.unpack_from(f"<{n}H", buf, vt + 4) if n else ()

    def _off(self, i: int) -> int:
        return self.fields[i] if i < len(self.fields) else 0

    def scalar(self, i: int, fmt: str, default=0):
        o = self._off(i)
        return struct.unpack_from("<" + fmt, self.buf, self.pos + o)[0] if o else default

    def _target(self, i: int) -> int | None:
        o = self._off(i)
        if not o:
            return None
        p = self.pos + o
        return p + struct.unpack_from("<I", self.buf, p)[0]

    def table(self, i: int) -> _Table | None:
        t = self._target(i)
        return None if t is None else _Table(self.buf, t)

    def string(self, i: int) -> str:
        t = self._target(i)
        if t is None:
            return ""
        n = struct.unpack_from("<I", self.buf, t)[0]
        return self.buf[t + 4:t + 4 + n].decode("utf-8", "replace")

    def vector(self, i: int, fmt: str) -> np.ndarray:
        t = self._target(i)
        if t is None:
            return np.zeros(0, np.dtype("<" + fmt))
        n = struct.unpack_from("<I", self.buf, t)[0]
        return np.frombuffer(self.buf, np.dtype("<" + fmt), n, t + 4)

    def tables(self, i: int) -> list[_Table]:
        t = self._target(i)
        if t is None:
            return []
        n = struct.unpack_from("<I", self.buf, t)[0]
        out = []
        for e in range(n):
            p = t + 4 + 4 * e
            out.append(_Table(self.buf, p + struct.unpack_from("<I", self.buf, p)[0]))
        return out


def _quant(t: _Table | None) -> Quantization | None:
    if t is None:
        return None
    scale = t.vector(2, "f4").astype(np.float32)
    if scale.size == 0:
        return None
    zp = t.vector(3, "i8").astype(np.int64)
    if zp.size == 0:
        zp = np.zeros_like(scale, np.int64)
    lo, hi = t.vector(0, "f4"), t.vector(1, "f4")
    return Quantization(scale=scale, zero_point=zp,
                        quantized_dimension=int(t.scalar(6, "i")),
                        min=lo.astype(np.float32) if lo.size else None,
                        max=hi.astype(np.float32) if hi.size else None)


def _buffer_data(raw: bytes, b: _Table) -> bytes:
    data = b.vector(0, "u1")
    if data.size:
        return data.tobytes()
    off, size = b.scalar(1, "Q"), b.scalar(2, "Q")
    return raw[off:off + size] if off > 1 and size else b""


def read_model(source: str | os.PathLike | bytes) -> Model:
    """Parse a ``.tflite`` flatbuffer (path or bytes) into a :class:`Model`.

    Raises:
      FileNotFoundError: the path does not exist.
      ValueError: the bytes are not a TFLite flatbuffer (bad identifier/offsets).
    """
    if isinstance(source, bytes | bytearray):
        raw, where = bytes(source), "<bytes>"
    else:
        path = pathlib.Path(source)
        if not path.exists():
            raise FileNotFoundError(f"no TFLite model at {path}")
        raw, where = path.read_bytes(), str(path)
    if len(raw) < 8 or raw[4:8] != b"TFL3":
        raise ValueError(f"{where} is not a TFLite flatbuffer (identifier "
                         f"{raw[4:8]!r}, expected b'TFL3')")
    try:
        root = _Table(raw, struct.unpack_from("<I", raw, 0)[0])
        codes = []
        for c in root.tables(1):
            code = max(int(c.scalar(0, "b")), int(c.scalar(3, "i")))
            name = BUILTIN_OPS[code] if code < len(BUILTIN_OPS) else f"BUILTIN_{code}"
            if name == "CUSTOM":
                name = f"CUSTOM:{c.string(1)}"
            codes.append((name, code, int(c.scalar(2, "i", 1))))
        buffers = [_buffer_data(raw, b) for b in root.tables(4)]
        subgraphs = [_subgraph(sg, codes, buffers) for sg in root.tables(2)]
        return Model(version=int(root.scalar(0, "I")), description=root.string(3),
                     subgraphs=tuple(subgraphs))
    except (struct.error, IndexError, ValueError) as e:
        raise ValueError(f"corrupt TFLite flatbuffer {where}: {e}") from e


def _subgraph(sg: _Table, codes, buffers) -> Subgraph:
    tensors = []
    for i, t in enumerate(sg.tables(0)):
        shape = tuple(int(d) for d in t.vector(0, "i4"))
        type_name, dtype = TENSOR_TYPES.get(int(t.scalar(1, "b")), ("UNKNOWN", None))
        bidx = int(t.scalar(2, "I"))
        data = None
        blob = buffers[bidx] if bidx < len(buffers) else b""
        if blob and dtype is not None:
            arr = np.frombuffer(blob, np.dtype(dtype).newbyteorder("<"))
            if arr.size == int(np.prod(shape)):
                data = arr.reshape(shape)
        tensors.append(Tensor(index=i, name=t.string(3), shape=shape, type_name=type_name,
                              dtype=dtype, buffer=bidx, quantization=_quant(t.table(4)),
                              data=data, is_variable=bool(t.scalar(5, "b"))))
    ops = []
    for i, o in enumerate(sg.tables(3)):
        name, code, version = codes[int(o.scalar(0, "I"))]
        ops.append(Operator(index=i, opcode=name, builtin_code=code, version=version,
                            inputs=tuple(int(x) for x in o.vector(1, "i4")),
                            outputs=tuple(int(x) for x in o.vector(2, "i4"))))
    return Subgraph(name=sg.string(4), tensors=tuple(tensors), operators=tuple(ops),
                    inputs=tuple(int(x) for x in sg.vector(1, "i4")),
                    outputs=tuple(int(x) for x in sg.vector(2, "i4")))


def op_histogram(model: Model) -> dict[str, int]:
    """Operator name -> count over all subgraphs."""
    return dict(Counter(op.opcode for sg in model.subgraphs for op in sg.operators))
