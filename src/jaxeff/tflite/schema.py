"""TFLite schema tables: operator codes, tensor types and builtin-option enums.

The flatbuffer schema of TensorFlow Lite (``schema.fbs``, version 3) is read
through the generated bindings that ship with LiteRT
(``ai_edge_litert.schema_py_generated``, the ``tflite`` extra). Operator code rule:
``max(builtin_code, deprecated_builtin_code)`` (the int8 deprecated field cannot
hold codes > 127; the public PerfSAGE code, arXiv 2301.10999, reads only that
field). Enum-valued option fields are exchanged by name (``padding="SAME"``).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from jaxeff._extras import require

__all__ = [
    "ENUM_OPTIONS",
    "OPTIONS_OF",
    "TFLiteError",
    "op_code",
    "op_name",
    "option_code",
    "option_name",
]


class TFLiteError(ValueError):
    """A TFLite file is missing, truncated, corrupt or unsupported."""


def schema_module() -> Any:
    """``ai_edge_litert.schema_py_generated`` (a ``MissingExtraError`` names the
    ``tflite`` extra when LiteRT is absent)."""
    return require("ai_edge_litert.schema_py_generated", purpose="the TFLite schema")


def _names(enum_cls: Any) -> dict[int, str]:
    return {
        v: k
        for k, v in vars(enum_cls).items()
        if not k.startswith("_") and isinstance(v, int)
    }


_CACHE: dict[str, Any] = {}


def tables() -> dict[str, Any]:
    """Cached code <-> name maps: ``op_name``, ``op_code``, ``type_name`` (lower
    case), ``type_code``, ``opt_name``, ``opt_code``."""
    if not _CACHE:
        s = schema_module()
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
    t = tables()
    if key not in t:
        t[key] = _names(getattr(schema_module(), ENUM_OPTIONS[field]))
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
    """BuiltinOperator code of an op name (``"CONV_2D"`` -> 3); ``KeyError`` for a
    name the schema does not define."""
    return tables()["op_code"][name]


def op_name(builtin_code: int, deprecated_builtin_code: int = 0) -> str:
    """Op type of an OperatorCode: name of ``max(builtin, deprecated)``."""
    code = max(int(builtin_code), int(deprecated_builtin_code))
    return tables()["op_name"].get(code, f"UNKNOWN_{code}")


# Builtin options table written for each op type we emit (spec perfsage.md §5.2:
# every op carries its options). Ops absent here are written without options.
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
    "SPACE_TO_DEPTH": "SpaceToDepthOptions",
    "HARD_SWISH": "HardSwishOptions",
    "LEAKY_RELU": "LeakyReluOptions",
    "PACK": "PackOptions",
    "QUANTIZE": "QuantizeOptions",
    "DEQUANTIZE": "DequantizeOptions",
    "TRANSPOSE_CONV": "TransposeConvOptions",
    "RESIZE_BILINEAR": "ResizeBilinearOptions",
    "RESIZE_NEAREST_NEIGHBOR": "ResizeNearestNeighborOptions",
    "STRIDED_SLICE": "StridedSliceOptions",
    "SPLIT": "SplitOptions",
    "SPLIT_V": "SplitVOptions",
}

#: lower-case TensorType name -> NumPy dtype (types without one stay raw bytes)
NP_DTYPES = {
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


def snake(name: str) -> str:
    """``fusedActivationFunction`` -> ``fused_activation_function``."""
    return re.sub(r"([A-Z])", r"_\1", name).lower()


def camel(name: str) -> str:
    """``fused_activation_function`` -> ``fusedActivationFunction``."""
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), name)
