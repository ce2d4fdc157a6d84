"""``to_flax``: a TFLite model (subgraph 0) as a Flax module built from ``nn.Conv`` /
``nn.Dense`` (issue 16, item 2), so the library's interceptor rules (PTQ, Winograd:
:mod:`jaxeff.inject`) apply to an imported model with no special case.

CONV_2D becomes ``nn.Conv`` (kernel OHWI -> HWIO, TFLite's SAME/VALID padding as
explicit pads, strides, dilation), DEPTHWISE_CONV_2D an ``nn.Conv`` with one group per
input channel, FULLY_CONNECTED an ``nn.Dense`` on the flattened input; their fused
activations follow. Every other op runs the float32 kernel of ``to_jax``
(:mod:`jaxeff.tflite.interpreter`); its constant operands are module constants, not
variables. Layer names are ``conv_<op index>``, ``dwconv_<i>``, ``dense_<i>``.

A quantized model is imported as its **float view** (:func:`float_view`): every int8 /
uint8 / int32 tensor with quantization parameters becomes float32 (constant data
dequantized ``s (q - zp)``, per channel along the quantized dimension), QUANTIZE and
DEQUANTIZE become identities; the model then takes and returns float values (a
quantized input as ``s (q - zp)``). Integer ops with no float meaning (the integer
LSTM's int16 cell state) are not converted and raise ``UnsupportedOpsError``.

:func:`write_back` is the inverse for float models: the module's (e.g. fine-tuned)
conv/dense variables go back into the graph in TFLite layouts (HWIO -> OHWI, grouped
HWIO -> ``[1, KH, KW, C*M]``, IO -> OI) and the graph is written with jaxeff's writer.
The int8 export of a model quantized in JAX (issue 16, item 3) is
:func:`jaxeff.tflite.flax_export.export_int8`.
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any

import flax.linen as nn
import jax.numpy as jnp
import numpy as np
from jax import lax

from jaxeff.tflite.interpreter import UnsupportedOpsError, _prepare, read_graph
from jaxeff.tflite.ir import OpGraph, Tensor
from jaxeff.tflite.kernels import STATE_SLOTS, float_act, pads
from jaxeff.tflite.layout import (
    conv_kernel_hwio,
    dense_kernel_io,
    depthwise_kernel_hwio,
)

__all__ = ["TFLiteFlax", "float_view", "layer_name", "to_flax", "with_params",
           "write_back"]

_LAYER_OPS = ("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED")
_IDENTITY_OPS = ("QUANTIZE", "DEQUANTIZE")


def _dequantize(t: Tensor) -> np.ndarray:
    q = np.asarray(t.data, np.float64)
    s = np.asarray(t.scale, np.float64)
    z = np.asarray(t.zero_point, np.float64)
    if s.size > 1:
        shape = [1] * q.ndim
        shape[t.quant_dim] = s.size
        s, z = s.reshape(shape), z.reshape(shape)
    return ((q - z) * s).astype(np.float32)


def float_view(g: OpGraph) -> OpGraph:
    """The float32 view of a (partly) quantized graph: quantized int8/uint8/int32
    tensors become float32 (constants dequantized), quantization dropped."""
    ts = []
    for t in g.tensors:
        if t.scale is not None and t.dtype in ("int8", "uint8", "int32"):
            data = None if t.data is None else _dequantize(t)
            t = dataclasses.replace(t, dtype="float32", data=data, scale=None,
                                    zero_point=None)
        ts.append(t)
    return OpGraph(ts, list(g.ops), g.inputs, g.outputs, g.name)


class TFLiteFlax(nn.Module):
    """A float TFLite graph as a Flax module (see the module doc). ``__call__(*inputs)``
    returns the list of the graph's outputs."""

    graph: Any  # OpGraph (float view)

    @nn.compact
    def __call__(self, *inputs: jnp.ndarray) -> list[jnp.ndarray]:
        g = self.graph
        runs = {id(op): run for run, op in _prepare(_kernel_graph(g), "ref")[0]}
        env: dict[int, Any] = {}
        for i, t in enumerate(g.tensors):
            if t.data is not None:
                env[i] = np.asarray(t.data)
        for ti, x in zip(g.inputs, inputs, strict=True):
            env[ti] = jnp.asarray(x, jnp.float32)
        for oi, op in enumerate(g.ops):
            if op.type in _IDENTITY_OPS:
                env[op.outputs[0]] = env[op.inputs[0]]
                continue
            vals = [None if i < 0 else env.get(i) for i in op.inputs]
            if op.type in _LAYER_OPS:
                outs = [_layer(g, oi, op, vals)]
            else:
                outs = runs[id(op)](vals)
            for ti, y in zip(op.outputs, outs, strict=True):
                env[ti] = y
        return [env[i] for i in g.outputs]


def _kernel_graph(g: OpGraph) -> OpGraph:
    """The graph minus the ops that ``TFLiteFlax`` runs itself (layers, identities)."""
    return OpGraph(g.tensors, [op for op in g.ops
                               if op.type not in _LAYER_OPS + _IDENTITY_OPS],
                   g.inputs, g.outputs, g.name)


def _layer(g: OpGraph, oi: int, op: Any, vals: list) -> jnp.ndarray:
    o = op.options
    act = float_act(o.get("fused_activation_function"))
    has_bias = len(op.inputs) > 2 and op.inputs[2] >= 0
    w = g.tensors[op.inputs[1]]
    x = vals[0]
    if op.type == "FULLY_CONNECTED":
        n_out, n_in = w.shape
        y = nn.Dense(n_out, use_bias=has_bias, precision=lax.Precision.HIGHEST,
                     name=f"dense_{oi}")(x.reshape(-1, n_in))
        if o.get("keep_num_dims", False):
            y = y.reshape(*x.shape[:-1], n_out)
        return act(y)
    depthwise = op.type == "DEPTHWISE_CONV_2D"
    _, kh, kw, _ = w.shape
    n_out = w.shape[3] if depthwise else w.shape[0]
    strides = (o.get("stride_h", 1), o.get("stride_w", 1))
    dil = (o.get("dilation_h_factor", 1), o.get("dilation_w_factor", 1))
    pad = pads(x.shape[1:3], (kh, kw), strides, dil, o.get("padding", "SAME"))
    groups = x.shape[3] if depthwise else x.shape[3] // w.shape[3]
    conv = nn.Conv(n_out, (kh, kw), strides=strides, padding=pad, kernel_dilation=dil,
                   feature_group_count=groups, use_bias=has_bias,
                   precision=lax.Precision.HIGHEST,
                   name=f"{'dw' if depthwise else ''}conv_{oi}")
    return act(conv(x))


def _variables(g: OpGraph) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for oi, op in enumerate(g.ops):
        if op.type not in _LAYER_OPS:
            continue
        w = np.asarray(g.tensors[op.inputs[1]].data)
        if op.type == "FULLY_CONNECTED":
            name, k = f"dense_{oi}", dense_kernel_io(w)
        elif op.type == "DEPTHWISE_CONV_2D":
            name, k = f"dwconv_{oi}", depthwise_kernel_hwio(w)
        else:
            name, k = f"conv_{oi}", conv_kernel_hwio(w)
        params[name] = {"kernel": jnp.asarray(k, jnp.float32)}
        if len(op.inputs) > 2 and op.inputs[2] >= 0:
            params[name]["bias"] = jnp.asarray(g.tensors[op.inputs[2]].data, jnp.float32)
    return {"params": params}


def to_flax(src: str | os.PathLike | bytes) -> tuple[TFLiteFlax, dict[str, Any]]:
    """``(module, variables)`` of subgraph 0 of a TFLite model (its float view when
    quantized): ``module.apply(variables, *inputs)`` returns the list of outputs.
    Conv/dense weights are ``variables["params"]``; unsupported ops raise
    :class:`~jaxeff.tflite.interpreter.UnsupportedOpsError` listing them."""
    g = float_view(read_graph(src))
    for op in g.ops:
        if op.type in _LAYER_OPS:
            w = g.tensors[op.inputs[1]]
            if w.dtype != "float32" or w.data is None:
                raise UnsupportedOpsError(f"{op.type}: filter {w.name!r} must be a "
                                          f"float (or dequantizable) constant")
        for slot, ti in enumerate(op.inputs):
            t = g.tensors[ti] if ti >= 0 else None
            if t is not None and t.dtype not in ("float32", "int32", "int64") and \
                    slot not in STATE_SLOTS.get(op.type, ()):
                raise UnsupportedOpsError(f"{op.type}: tensor {t.name!r} of dtype "
                                          f"{t.dtype} has no float view")
    _prepare(_kernel_graph(g), "ref")  # lists every unsupported op before building
    return TFLiteFlax(g), _variables(g)


def layer_name(op_type: str, oi: int) -> str:
    """The Flax layer name of op ``oi`` (``conv_<i>``, ``dwconv_<i>``, ``dense_<i>``)."""
    return {"FULLY_CONNECTED": "dense", "DEPTHWISE_CONV_2D": "dwconv"}.get(
        op_type, "conv") + f"_{oi}"


def with_params(module: TFLiteFlax, variables: dict[str, Any]) -> OpGraph:
    """The module's graph with ``variables["params"]`` written into its conv/dense
    weights and biases in TFLite layouts (module doc); ``ValueError`` names a missing
    or misshapen variable."""
    g = module.graph
    tensors = list(g.tensors)
    params = variables.get("params", {})
    for oi, op in enumerate(g.ops):
        if op.type not in _LAYER_OPS:
            continue
        name = layer_name(op.type, oi)
        if name not in params:
            raise ValueError(f"write_back: variables have no params[{name!r}]")
        k = np.asarray(params[name]["kernel"], np.float32)
        w = (k.T if op.type == "FULLY_CONNECTED"
             else k.transpose(2, 0, 1, 3) if op.type == "DEPTHWISE_CONV_2D"
             else k.transpose(3, 0, 1, 2))
        updates = [(op.inputs[1], w)]
        if len(op.inputs) > 2 and op.inputs[2] >= 0:
            updates.append((op.inputs[2], np.asarray(params[name]["bias"], np.float32)))
        for ti, data in updates:
            if data.shape != tuple(tensors[ti].shape):
                raise ValueError(f"write_back: params[{name!r}] gives shape {data.shape} "
                                 f"for tensor {tensors[ti].name!r} {tensors[ti].shape}")
            tensors[ti] = dataclasses.replace(tensors[ti], data=data)
    return OpGraph(tensors, list(g.ops), g.inputs, g.outputs, g.name)


def write_back(module: TFLiteFlax, variables: dict[str, Any]) -> bytes:
    """The TFLite bytes of a float :class:`TFLiteFlax` with ``variables["params"]``
    written into its conv/dense weights and biases (:func:`with_params`).
    ``ValueError`` for the float view of a quantized model (write an int8 model with
    :func:`jaxeff.tflite.flax_export.export_int8`) or a missing / misshapen
    variable (named)."""
    from jaxeff.tflite.writer import write_tflite

    if any(op.type in _IDENTITY_OPS for op in module.graph.ops):
        raise ValueError("write_back: the float view of a quantized model cannot be "
                         "written back as float (QUANTIZE/DEQUANTIZE inside)")
    return write_tflite(with_params(module, variables))
