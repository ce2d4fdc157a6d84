"""Read and write TFLite flatbuffers with the schema bindings of ``ai_edge_litert``.

PerfSAGE (arXiv 2301.10999) consumes "any TFLite graph"; this module is the
parser of spec perfsage.md §2.1 and the writer recipe of §5.2:

* reader: subgraphs, operators, tensors, buffers and quantization parameters via
  the object API of ``ai_edge_litert.schema_py_generated``: constants as NumPy
  arrays of the tensor's shape and dtype (``Buffer.data`` or ``offset/size`` into
  the file), per-tensor or per-channel ``scale`` / ``zero_point`` / ``quant_dim``,
  the buffer index, builtin options as a snake_case dict whose enum-valued fields
  are decoded to the schema's member names (``padding="SAME"``,
  ``fused_activation_function="RELU6"``, ``weights_format="DEFAULT"``, dtype fields
  such as CAST's ``out_data_type="INT8"``; :data:`ENUM_OPTIONS`); operator code =
  ``max(builtin_code, deprecated_builtin_code)`` (the public PerfSAGE code reads
  only the deprecated int8 field, wrong for codes > 127); CUSTOM -> ``"CUSTOM:"``
  + custom code. Every malformed, truncated or inconsistent file raises
  :class:`TFLiteError` (a ``ValueError``) naming the problem, never another error.
* writer: ``ModelT`` -> ``flatbuffers.Builder``, file identifier ``TFL3``,
  version 3, empty ``buffers[0]``, one buffer per constant, builtin options on
  every op, ``deprecated_builtin_code = min(code, 127)``; enum option fields are
  given by name and encoded (:func:`option_code`).
* kernels stay in the file's layout (``Tensor.data``: CONV_2D / TRANSPOSE_CONV OHWI,
  DEPTHWISE_CONV_2D ``[1, KH, KW, C*M]``, FULLY_CONNECTED ``[O, I]``);
  :func:`conv_kernel_hwio`, :func:`depthwise_kernel_hwio`, :func:`dense_kernel_io`
  and :func:`op_kernel` give them in JAX's HWIO / IO layouts.
"""

from __future__ import annotations

import logging
import math
import os
import pathlib
import re
from typing import Any

import numpy as np

from jaxeff._extras import require

from jaxeff.gnn.graph import Op, OpGraph, Tensor

log = logging.getLogger(__name__)


class TFLiteError(ValueError):
    """A TFLite file is missing, truncated, corrupt or unsupported."""


def _schema():
    return require("ai_edge_litert.schema_py_generated", purpose="the TFLite schema")


def _names(enum_cls) -> dict[int, str]:
    return {
        v: k
        for k, v in vars(enum_cls).items()
        if not k.startswith("_") and isinstance(v, int)
    }


_CACHE: dict[str, Any] = {}


def _tables() -> dict[str, Any]:
    if not _CACHE:
        s = _schema()
        ops = _names(s.BuiltinOperator)
        _CACHE.update(
            op_name=ops,
            op_code={v: k for k, v in ops.items()},
            type_name={k: v.lower() for k, v in _names(s.TensorType).items()},
            opt_name=_names(s.BuiltinOptions),
        )
        _CACHE["type_code"] = {v: k for k, v in _CACHE["type_name"].items()}
        _CACHE["opt_code"] = {v: k for k, v in _CACHE["opt_name"].items()}
    return _CACHE


# Enum-valued builtin-option fields (snake_case) -> schema enum they hold. Every
# scalar options field of the schema with an enum type is listed (the field names
# are unique across options tables), so the reader decodes them for every op type.
ENUM_OPTIONS = {
    "padding": "Padding",
    "fused_activation_function": "ActivationFunctionType",
    "weights_format": "FullyConnectedOptionsWeightsFormat",
    "type": "LSHProjectionType",
    "combiner": "CombinerType",
    "mode": "MirrorPadMode",
    "kernel_type": "LSTMKernelType",
    "reduce_function": "ReduceWindowFunction",
    "algorithm": "RngAlgorithm",
    "compare_type": "StablehloComparisonType",
    "comparison_direction": "StablehloComparisonDirection",
    "composite_attributes_format": "CustomOptionsFormat",
    **{
        f: "TensorType"
        for f in (
            "quantized_bias_type",
            "idx_out_type",
            "in_data_type",
            "out_data_type",
            "out_type",
            "output_type",
            "key_dtype",
            "value_dtype",
        )
    },
}


def _enum(field: str) -> dict[int, str]:
    key = "enum:" + field
    t = _tables()
    if key not in t:
        t[key] = _names(getattr(_schema(), ENUM_OPTIONS[field]))
    return t[key]


def option_name(field: str, code: int) -> str:
    """Schema name of an enum option value (``("padding", 0)`` -> ``"SAME"``).

    Raises ``KeyError`` for a field that is not enum-valued and ``ValueError`` for a
    code the schema does not define."""
    names = _enum(field)
    if int(code) not in names:
        raise ValueError(f"option {field}: {code} is not a {ENUM_OPTIONS[field]} value "
                         f"(known {sorted(names)})")
    return names[int(code)]


def option_code(field: str, value: str) -> int:
    """Schema code of an enum option name (``("fused_activation_function", "RELU6")``
    -> 3), the inverse of :func:`option_name`; ``ValueError`` names the field and the
    allowed names."""
    names = _enum(field)
    codes = {v: k for k, v in names.items()}
    if not isinstance(value, str) or value not in codes:
        raise ValueError(f"option {field} must be one of {sorted(codes)} "
                         f"(a {ENUM_OPTIONS[field]} name), got {value!r}")
    return codes[value]


def op_code(name: str) -> int:
    """BuiltinOperator code of an op name (``"CONV_2D"`` -> 3)."""
    return _tables()["op_code"][name]


def op_name(builtin_code: int, deprecated_builtin_code: int = 0) -> str:
    """Op type of an OperatorCode: name of ``max(builtin, deprecated)``."""
    code = max(int(builtin_code), int(deprecated_builtin_code))
    return _tables()["op_name"].get(code, f"UNKNOWN_{code}")


# Builtin options table written for each op type we emit (spec §5.2: every op
# carries its options). Ops absent here are written without options.
OPTIONS_OF = {
    "CONV_2D": "Conv2DOptions",
    "DEPTHWISE_CONV_2D": "DepthwiseConv2DOptions",
    "FULLY_CONNECTED": "FullyConnectedOptions",
    "ADD": "AddOptions",
    "MUL": "MulOptions",
    "SUB": "SubOptions",
    "AVERAGE_POOL_2D": "Pool2DOptions",
    "MAX_POOL_2D": "Pool2DOptions",
    "MEAN": "ReducerOptions",
    "RESHAPE": "ReshapeOptions",
    "SOFTMAX": "SoftmaxOptions",
    "CONCATENATION": "ConcatenationOptions",
    "PAD": "PadOptions",
    "DEPTH_TO_SPACE": "DepthToSpaceOptions",
    "HARD_SWISH": "HardSwishOptions",
    "QUANTIZE": "QuantizeOptions",
    "DEQUANTIZE": "DequantizeOptions",
    "TRANSPOSE_CONV": "TransposeConvOptions",
}


def _snake(name: str) -> str:
    return re.sub(r"([A-Z])", r"_\1", name).lower()


def _camel(name: str) -> str:
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), name)


def _options_dict(opts: Any) -> dict[str, Any]:
    """Scalar and list fields of an options object; enum fields as schema names."""
    out: dict[str, Any] = {}
    for k, v in vars(opts).items():
        name = _snake(k)
        if isinstance(v, bool | int | float | np.integer | np.floating):
            v = v.item() if isinstance(v, np.generic) else v
            if name in ENUM_OPTIONS and not isinstance(v, bool | float):
                v = option_name(name, v)
            out[name] = v
        elif isinstance(v, list | np.ndarray):
            out[name] = tuple(int(x) for x in v)
    return out


# ----------------------------------------------------------------------- reading
def read_tflite(src: str | os.PathLike | bytes) -> list[OpGraph]:
    """Parse a TFLite flatbuffer (path or bytes) into one :class:`OpGraph` per
    subgraph (index 0 = main). Raises :class:`TFLiteError` on any defect."""
    if isinstance(src, bytes | bytearray | memoryview):
        buf, where = bytes(src), "<bytes>"
    else:
        where = str(src)
        path = pathlib.Path(src)
        if not path.is_file():
            raise FileNotFoundError(f"TFLite file {where!r} does not exist")
        buf = path.read_bytes()
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
    s = _schema()
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


def _arr(v: Any) -> list:
    return [] if v is None else [int(x) for x in v]


def _convert(model: Any, buf: bytes, where: str) -> list[OpGraph]:
    t = _tables()
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
    graphs = []
    for si, sg in enumerate(model.subgraphs):
        tensors = []
        for ti, tt in enumerate(sg.tensors or []):
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
            name = (
                tt.name.decode(errors="replace")
                if isinstance(tt.name, bytes)
                else str(tt.name or f"t{ti}")
            )
            ten = Tensor(name, shape, dtype, buffer=int(tt.buffer))
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
            tensors.append(ten)
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
            name, code = codes[op.opcodeIndex]
            opts, otype = {}, None
            if op.builtinOptions is not None and op.builtinOptionsType:
                otype = t["opt_name"].get(int(op.builtinOptionsType))
                try:
                    opts = _options_dict(op.builtinOptions)
                except ValueError as e:
                    raise TFLiteError(f"{where}: subgraph {si} op {oi} ({name}): {e}"
                                      ) from None
            ops.append(Op(name, ins, outs, opts, otype, code))
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
        graphs.append(OpGraph(tensors, ops, ios[0], ios[1], name))
    return graphs


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


_NP = {
    "float32": np.float32,
    "float16": np.float16,
    "int32": np.int32,
    "uint8": np.uint8,
    "int64": np.int64,
    "int16": np.int16,
    "int8": np.int8,
    "float64": np.float64,
    "bool": np.bool_,
    "uint32": np.uint32,
    "uint16": np.uint16,
    "uint64": np.uint64,
}


def _typed(
    raw: np.ndarray, shape: tuple[int, ...], dtype: str, where: str, ti: int
) -> np.ndarray:
    if dtype not in _NP:  # string, int4, ... kept as raw bytes
        return raw
    want = math.prod(shape) * np.dtype(_NP[dtype]).itemsize
    if raw.size != want:
        raise TFLiteError(
            f"{where}: tensor {ti} {dtype}{list(shape)} needs {want} "
            f"bytes, its buffer holds {raw.size}"
        )
    return raw.view(np.dtype(_NP[dtype]).newbyteorder("<")).reshape(shape).copy()


# ----------------------------------------------------------------------- writing
def write_tflite(g: OpGraph, description: str = "jaxeff") -> bytes:
    """Serialise one :class:`OpGraph` as a TFLite model (spec §5.2 recipe)."""
    flatbuffers = require("flatbuffers", purpose="writing TFLite files")
    s, t = _schema(), _tables()
    model = s.ModelT()
    model.version = 3
    model.description = description
    model.buffers = [s.BufferT()]
    codes: dict[tuple[int, str | None], int] = {}
    model.operatorCodes = []
    sg = s.SubGraphT()
    sg.tensors = []
    for ti, ten in enumerate(g.tensors):
        tt = s.TensorT()
        tt.name = ten.name or f"t{ti}"
        tt.shape = np.asarray(ten.shape, np.int32)
        if ten.dtype not in t["type_code"]:
            raise ValueError(f"tensor {ti}: unsupported dtype {ten.dtype!r}")
        tt.type = t["type_code"][ten.dtype]
        tt.buffer = 0
        if ten.data is not None:
            arr = np.asarray(ten.data, _NP[ten.dtype])
            if arr.shape != tuple(ten.shape):
                raise ValueError(
                    f"tensor {ti} {ten.name!r}: data shape {arr.shape} != {ten.shape}"
                )
            b = s.BufferT()
            b.data = np.frombuffer(
                arr.astype(arr.dtype.newbyteorder("<")).tobytes(), np.uint8
            )
            tt.buffer = len(model.buffers)
            model.buffers.append(b)
        if ten.scale is not None:
            q = s.QuantizationParametersT()
            q.scale = np.asarray(ten.scale, np.float32).reshape(-1)
            zp = (
                ten.zero_point if ten.zero_point is not None else np.zeros_like(q.scale)
            )
            q.zeroPoint = np.asarray(zp, np.int64).reshape(-1)
            q.quantizedDimension = int(ten.quant_dim)
            tt.quantization = q
        sg.tensors.append(tt)
    sg.operators = []
    for op in g.ops:
        custom = op.type[7:] if op.type.startswith("CUSTOM:") else None
        code = op_code("CUSTOM") if custom is not None else op_code(op.type)
        key = (code, custom)
        if key not in codes:
            oc = s.OperatorCodeT()
            oc.builtinCode, oc.deprecatedBuiltinCode = code, min(code, 127)
            oc.version = 1
            if custom is not None:
                oc.customCode = custom
            codes[key] = len(model.operatorCodes)
            model.operatorCodes.append(oc)
        o = s.OperatorT()
        o.opcodeIndex = codes[key]
        o.inputs = np.asarray(op.inputs, np.int32)
        o.outputs = np.asarray(op.outputs, np.int32)
        oname = op.options_type or OPTIONS_OF.get(op.type)
        if oname is not None:
            opts = getattr(s, oname + "T")()
            for k, v in op.options.items():
                ck = _camel(k)
                if not hasattr(opts, ck):
                    raise ValueError(f"{op.type}: {oname} has no field {k!r}")
                if k in ENUM_OPTIONS:
                    try:
                        v = option_code(k, v)
                    except ValueError as e:
                        raise ValueError(f"{op.type}: {e}") from None
                setattr(opts, ck, list(v) if isinstance(v, tuple) else v)
            o.builtinOptionsType = t["opt_code"][oname]
            o.builtinOptions = opts
        sg.operators.append(o)
    sg.inputs = np.asarray(g.inputs, np.int32)
    sg.outputs = np.asarray(g.outputs, np.int32)
    sg.name = g.name
    model.subgraphs = [sg]
    b = flatbuffers.Builder(1024)
    b.Finish(model.Pack(b), file_identifier=b"TFL3")
    return bytes(b.Output())


# ----------------------------------------------------------------------- kernels
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


def save_tflite(g: OpGraph, path: str | os.PathLike) -> pathlib.Path:
    """Write :func:`write_tflite` output to ``path``."""
    path = pathlib.Path(path)
    path.write_bytes(write_tflite(g))
    return path
