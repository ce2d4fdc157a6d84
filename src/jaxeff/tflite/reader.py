"""Read a TFLite flatbuffer into the op-graph IR (:mod:`jaxeff.tflite.ir`).

PerfSAGE (arXiv 2301.10999) consumes "any TFLite graph"; this is the parser of
spec perfsage.md §2.1, via the object API of ``ai_edge_litert.schema_py_generated``:
subgraphs, operators, tensors, buffers and quantization parameters; constants as
NumPy arrays of the tensor's shape and dtype (``Buffer.data`` or ``offset/size``
into the file); per-tensor or per-channel ``scale`` / ``zero_point`` /
``quant_dim``; the buffer index; builtin options as a snake_case dict whose
enum-valued fields are decoded to the schema's member names (``padding="SAME"``,
``fused_activation_function="RELU6"``, CAST's ``out_data_type="INT8"``;
:data:`jaxeff.tflite.schema.ENUM_OPTIONS`); operator code =
``max(builtin_code, deprecated_builtin_code)``; CUSTOM -> ``"CUSTOM:"`` + custom
code. Kernels stay in the file's layout (:mod:`jaxeff.tflite.layout` converts).
Every malformed, truncated or inconsistent file raises :class:`TFLiteError` (a
``ValueError``) naming the problem, never another error; a missing path raises
``FileNotFoundError`` naming it.
"""

from __future__ import annotations

import math
import os
import pathlib
from typing import Any

import numpy as np

from jaxeff.tflite.ir import Op, OpGraph, Tensor
from jaxeff.tflite.schema import (
    ENUM_OPTIONS,
    NP_DTYPES,
    TFLiteError,
    op_name,
    option_name,
    schema_module,
    snake,
    tables,
)

__all__ = ["model_bytes", "read_main", "read_tflite"]


def model_bytes(src: str | os.PathLike | bytes) -> tuple[bytes, str]:
    """The bytes of a TFLite model given as a path or as bytes, and a name for
    messages (the path, or ``"<bytes>"``), after the header checks: at least 8
    bytes, file identifier ``TFL3``, root table offset inside the buffer.

    Raises ``FileNotFoundError`` for a missing path and :class:`TFLiteError` for a
    truncated or non-TFLite buffer. Does not need the ``tflite`` extra."""
    if isinstance(src, bytes | bytearray | memoryview):
        buf, where = bytes(src), "<bytes>"
    elif isinstance(src, str | os.PathLike):
        where = str(src)
        path = pathlib.Path(src)
        if not path.is_file():
            raise FileNotFoundError(f"TFLite file {where!r} does not exist")
        buf = path.read_bytes()
    else:
        raise TypeError(f"model must be a path or bytes, got {type(src).__name__}")
    if len(buf) < 8:
        raise TFLiteError(f"{where}: truncated TFLite file ({len(buf)} bytes)")
    if buf[4:8] != b"TFL3":
        raise TFLiteError(
            f"{where}: not a TFLite flatbuffer (file identifier "
            f"{buf[4:8]!r}, expected b'TFL3')"
        )
    root = int.from_bytes(buf[:4], "little")
    if root + 4 > len(buf):
        raise TFLiteError(
            f"{where}: truncated or corrupt TFLite file (root table "
            f"offset {root} beyond {len(buf)} bytes)"
        )
    return buf, where


def read_tflite(src: str | os.PathLike | bytes) -> list[OpGraph]:
    """Parse a TFLite flatbuffer (path or bytes) into one :class:`OpGraph` per
    subgraph (index 0 = main). Raises :class:`TFLiteError` on any defect."""
    buf, where = model_bytes(src)
    s = schema_module()
    try:
        model = s.ModelT.InitFromPackedBuf(buf, 0)
    except Exception as e:  # noqa: BLE001 - any decoding failure is a corrupt file
        raise TFLiteError(
            f"{where}: corrupt or truncated TFLite flatbuffer ({type(e).__name__}: {e})"
        ) from None
    try:
        return _convert(model, buf, where)
    except TFLiteError:
        raise
    except Exception as e:  # noqa: BLE001
        raise TFLiteError(
            f"{where}: inconsistent TFLite model ({type(e).__name__}: {e})"
        ) from None


def read_main(src: str | os.PathLike | bytes) -> OpGraph:
    """The main subgraph (index 0) of a TFLite file."""
    return read_tflite(src)[0]


def _options_dict(opts: Any) -> dict[str, Any]:
    """Scalar and list fields of an options object; enum fields as schema names."""
    out: dict[str, Any] = {}
    for k, v in vars(opts).items():
        name = snake(k)
        if isinstance(v, bool | int | float | np.integer | np.floating):
            v = v.item() if isinstance(v, np.generic) else v
            if name in ENUM_OPTIONS and not isinstance(v, bool | float):
                v = option_name(name, v)
            out[name] = v
        elif isinstance(v, list | np.ndarray):
            out[name] = tuple(int(x) for x in v)
    return out


def _arr(v: Any) -> list:
    return [] if v is None else [int(x) for x in v]


def _text(v: Any, default: str) -> str:
    return v.decode(errors="replace") if isinstance(v, bytes) else str(v or default)


def _convert(model: Any, buf: bytes, where: str) -> list[OpGraph]:
    t = tables()
    if model.version != 3:
        raise TFLiteError(
            f"{where}: unsupported schema version {model.version} (expected 3)"
        )
    if not model.subgraphs:
        raise TFLiteError(f"{where}: model has no subgraph")
    codes = []
    for oc in model.operatorCodes or []:
        name = op_name(oc.builtinCode, oc.deprecatedBuiltinCode)
        code = max(int(oc.builtinCode), int(oc.deprecatedBuiltinCode))
        if name == "CUSTOM":
            cc = oc.customCode
            name = "CUSTOM:" + (
                cc.decode(errors="replace") if isinstance(cc, bytes) else str(cc)
            )
        codes.append((name, code))
    buffers = model.buffers or []
    return [
        _subgraph(sg, si, codes, buffers, buf, where, t)
        for si, sg in enumerate(model.subgraphs)
    ]


def _subgraph(sg: Any, si: int, codes: list, buffers: list, buf: bytes, where: str,
              t: dict[str, Any]) -> OpGraph:
    tensors = [_tensor(tt, ti, buffers, buf, where, t)
               for ti, tt in enumerate(sg.tensors or [])]
    nt = len(tensors)
    ops = []
    for oi, op in enumerate(sg.operators or []):
        if not 0 <= op.opcodeIndex < len(codes):
            raise TFLiteError(
                f"{where}: subgraph {si} op {oi} has opcode index "
                f"{op.opcodeIndex} of {len(codes)}"
            )
        ins, outs = tuple(_arr(op.inputs)), tuple(_arr(op.outputs))
        for i in ins + outs:
            if not -1 <= i < nt:
                raise TFLiteError(
                    f"{where}: subgraph {si} op {oi} refers to tensor {i} of {nt}"
                )
        if any(i < 0 for i in outs):
            raise TFLiteError(
                f"{where}: subgraph {si} op {oi} has an omitted (-1) output tensor; "
                f"only optional inputs may be omitted"
            )
        name, code = codes[op.opcodeIndex]
        opts, otype = {}, None
        if op.builtinOptions is not None and op.builtinOptionsType:
            otype = t["opt_name"].get(int(op.builtinOptionsType))
            try:
                opts = _options_dict(op.builtinOptions)
            except ValueError as e:
                raise TFLiteError(f"{where}: subgraph {si} op {oi} ({name}): {e}"
                                  ) from None
        inter = tuple(_arr(op.intermediates))
        if any(not 0 <= i < nt for i in inter):
            raise TFLiteError(f"{where}: subgraph {si} op {oi} has an intermediate "
                              f"tensor outside 0..{nt - 1}: {inter}")
        ops.append(Op(name, ins, outs, opts, otype, code, inter))
    ios = tuple(_arr(sg.inputs)), tuple(_arr(sg.outputs))
    for i in ios[0] + ios[1]:
        if not 0 <= i < nt:
            raise TFLiteError(
                f"{where}: subgraph {si} input/output tensor {i} of {nt}"
            )
    name = (
        sg.name.decode(errors="replace")
        if isinstance(sg.name, bytes)
        else (sg.name or f"subgraph{si}")
    )
    return OpGraph(tensors, ops, ios[0], ios[1], name)


def _tensor(tt: Any, ti: int, buffers: list, buf: bytes, where: str,
            t: dict[str, Any]) -> Tensor:
    shape = tuple(_arr(tt.shape))
    if any(d < 0 for d in shape):
        raise TFLiteError(f"{where}: tensor {ti} has negative shape {shape}")
    dtype = t["type_name"].get(int(tt.type))
    if dtype is None:
        raise TFLiteError(f"{where}: tensor {ti} has unknown type {tt.type}")
    if not 0 <= tt.buffer < max(len(buffers), 1):
        raise TFLiteError(
            f"{where}: tensor {ti} refers to buffer "
            f"{tt.buffer} of {len(buffers)}"
        )
    data = _buffer_data(buffers[tt.buffer] if buffers else None, buf, where)
    ten = Tensor(_text(tt.name, f"t{ti}"), shape, dtype, buffer=int(tt.buffer),
                 is_variable=bool(getattr(tt, "isVariable", False)))
    if data is not None and data.size and tt.buffer > 0:
        ten.data = _typed(data, shape, dtype, where, ti)
    q = tt.quantization
    if q is not None and q.scale is not None and len(q.scale):
        ten.scale = np.asarray(q.scale, np.float32)
        zp = q.zeroPoint if q.zeroPoint is not None else []
        ten.zero_point = (
            np.asarray(zp, np.int64)
            if len(zp)
            else np.zeros(len(ten.scale), np.int64)
        )
        ten.quant_dim = int(q.quantizedDimension)
        _check_quant(ten, ti, where)
    return ten


def _check_quant(ten: Tensor, ti: int, where: str) -> None:
    """Quantization parameters must be consistent: one zero point per scale, and a
    per-channel (several scales) quantized dimension inside the shape with one scale
    per channel."""
    ns, nz = len(ten.scale), len(ten.zero_point)
    name = f"{where}: tensor {ti} {ten.name!r}"
    if nz != ns:
        raise TFLiteError(f"{name} has {ns} scales but {nz} zero points")
    if ns > 1:
        rank = len(ten.shape)
        if not 0 <= ten.quant_dim < rank:
            raise TFLiteError(f"{name}: quantized dimension {ten.quant_dim} is outside "
                              f"its rank-{rank} shape {list(ten.shape)}")
        if ten.shape[ten.quant_dim] != ns:
            raise TFLiteError(
                f"{name} has {ns} scales for {ten.shape[ten.quant_dim]} channels "
                f"(shape {list(ten.shape)}, quantized dimension {ten.quant_dim})")


def _buffer_data(b: Any, buf: bytes, where: str) -> np.ndarray | None:
    if b is None:
        return None
    if b.data is not None and len(b.data):
        return np.asarray(b.data, np.uint8)
    if getattr(b, "offset", 0) > 1:
        if b.offset + b.size > len(buf):
            raise TFLiteError(
                f"{where}: buffer data at offset {b.offset} "
                f"(+{b.size}) beyond the file ({len(buf)} bytes)"
            )
        return np.frombuffer(buf, np.uint8, int(b.size), int(b.offset))
    return None


def _typed(
    raw: np.ndarray, shape: tuple[int, ...], dtype: str, where: str, ti: int
) -> np.ndarray:
    if dtype not in NP_DTYPES:  # string, int4, ... kept as raw bytes
        return raw
    want = math.prod(shape) * np.dtype(NP_DTYPES[dtype]).itemsize
    if raw.size != want:
        raise TFLiteError(
            f"{where}: tensor {ti} {dtype}{list(shape)} needs {want} "
            f"bytes, its buffer holds {raw.size}"
        )
    return raw.view(np.dtype(NP_DTYPES[dtype]).newbyteorder("<")).reshape(shape).copy()
