"""TFLite as a first-class format: the op-graph IR, a flatbuffer reader and writer,
kernel layouts, and thin wrappers of three real runtimes.

* :mod:`~jaxeff.tflite.ir`: :class:`Tensor`, :class:`Op`, :class:`OpGraph` (NumPy only).
* :mod:`~jaxeff.tflite.schema`: operator codes, tensor types, option enums,
  :class:`TFLiteError`.
* :mod:`~jaxeff.tflite.reader` / :mod:`~jaxeff.tflite.writer`: ``.tflite`` <-> IR.
* :mod:`~jaxeff.tflite.layout`: kernels in JAX's HWIO / IO layouts.
* :mod:`~jaxeff.tflite.litert` (run, time), :mod:`~jaxeff.tflite.vela` (compile for
  Ethos-U, per-layer estimates), :mod:`~jaxeff.tflite.tflm` (TensorFlow Lite Micro:
  run, measured arena).

Importing this package needs only NumPy; the schema, the writer and the runtimes
need the ``tflite`` extra (``pip install 'jaxeff[tflite]'``), named by the error
when it is missing. PerfSAGE (``jaxeff.gnn``, arXiv 2301.10999) and the SIMD
workloads (``jaxeff.isa.workloads``) read models through this package.
"""

from jaxeff.tflite import litert, tflm, vela
from jaxeff.tflite.ir import Op, OpGraph, Tensor
from jaxeff.tflite.layout import (
    conv_kernel_hwio,
    dense_kernel_io,
    depthwise_kernel_hwio,
    op_kernel,
)
from jaxeff.tflite.reader import model_bytes, read_main, read_tflite
from jaxeff.tflite.schema import (
    TFLiteError,
    op_code,
    op_name,
    option_code,
    option_name,
)
from jaxeff.tflite.writer import save_tflite, write_tflite


def __getattr__(name: str):  # lazy: to_jax / to_flax / export_int8 need jax, this
    # package only NumPy
    if name == "to_jax":
        from jaxeff.tflite.interpreter import to_jax

        return to_jax
    if name == "export_int8":
        from jaxeff.tflite.flax_export import export_int8

        return export_int8
    if name == "to_flax":
        from jaxeff.tflite.flax_import import to_flax

        return to_flax
    raise AttributeError(f"module 'jaxeff.tflite' has no attribute {name!r}")

__all__ = [
    "Op",
    "OpGraph",
    "TFLiteError",
    "Tensor",
    "conv_kernel_hwio",
    "dense_kernel_io",
    "depthwise_kernel_hwio",
    "export_int8",
    "litert",
    "model_bytes",
    "op_code",
    "op_kernel",
    "op_name",
    "option_code",
    "option_name",
    "read_main",
    "read_tflite",
    "save_tflite",
    "tflm",
    "to_flax",
    "to_jax",
    "vela",
    "write_tflite",
]
