"""Write the op-graph IR (:mod:`jaxeff.tflite.ir`) as a TFLite flatbuffer.

The writer recipe of spec perfsage.md §5.2 (PerfSAGE, arXiv 2301.10999, needs
TFLite files of random networks for Vela / LiteRT labels): ``ModelT`` ->
``flatbuffers.Builder``, file identifier ``TFL3``, schema version 3, empty
``buffers[0]``, one buffer per constant, builtin options on every op
(:data:`jaxeff.tflite.schema.OPTIONS_OF`), ``deprecated_builtin_code =
min(code, 127)``; enum option fields are given by name and encoded
(:func:`jaxeff.tflite.schema.option_code`).
"""

from __future__ import annotations

import os
import pathlib

import numpy as np

from jaxeff._extras import require
from jaxeff.tflite.ir import OpGraph
from jaxeff.tflite.schema import (
    ENUM_OPTIONS,
    NP_DTYPES,
    OPTIONS_OF,
    camel,
    op_code,
    option_code,
    schema_module,
    tables,
)

__all__ = ["save_tflite", "write_tflite"]

#: op types whose options are (knowingly) not written: the PerfSAGE builder's LSTM
#: (``NetBuilder.lstm``) has always been written without them, so LiteRT and Vela see
#: no builtin options on it; the labelled datasets depend on that, and adding the
#: table would change those graphs. Any other op type with options and no table is
#: refused (session 18).
OPTIONS_NOT_WRITTEN = frozenset({"UNIDIRECTIONAL_SEQUENCE_LSTM"})


def write_tflite(g: OpGraph, description: str = "jaxeff") -> bytes:
    """Serialise one :class:`OpGraph` as a TFLite model (spec §5.2 recipe).

    Raises ``ValueError`` naming the tensor or op for an unsupported dtype, a
    constant whose data shape differs from the tensor's, or an unknown option."""
    flatbuffers = require("flatbuffers", purpose="writing TFLite files")
    s, t = schema_module(), tables()
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
        tt.isVariable = bool(ten.is_variable)
        if ten.data is not None:
            if ten.dtype not in NP_DTYPES:
                raise ValueError(f"tensor {ti} {ten.name!r}: constant data of dtype "
                                 f"{ten.dtype!r} cannot be written (no NumPy dtype)")
            arr = np.asarray(ten.data, NP_DTYPES[ten.dtype])
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
    for oi, op in enumerate(g.ops):
        custom = op.type[7:] if op.type.startswith("CUSTOM:") else None
        try:
            code = op_code("CUSTOM") if custom is not None else op_code(op.type)
        except KeyError:
            raise ValueError(f"op {oi}: unknown op type {op.type!r} (not a TFLite "
                             f"builtin; write custom ops as 'CUSTOM:name')") from None
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
        if op.intermediates:
            o.intermediates = np.asarray(op.intermediates, np.int32)
        oname = op.options_type or OPTIONS_OF.get(op.type)
        if oname is None and op.options and op.type not in OPTIONS_NOT_WRITTEN:
            # a silent drop would run the op with default options (a LEAKY_RELU
            # without its alpha is a ReLU in LiteRT)
            raise ValueError(f"{op.type}: no builtin options table is known for this op "
                             f"type, so its options {sorted(op.options)} cannot be written; "
                             "set Op.options_type to the schema's options name")
        if oname is not None:
            opts = getattr(s, oname + "T")()
            for k, v in op.options.items():
                ck = camel(k)
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


def save_tflite(g: OpGraph, path: str | os.PathLike) -> pathlib.Path:
    """Write :func:`write_tflite` output to ``path``."""
    path = pathlib.Path(path)
    path.write_bytes(write_tflite(g))
    return path
