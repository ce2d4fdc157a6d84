"""A JAX interpreter of float TFLite op graphs: the oracle of the writer tests.

PerfSAGE (arXiv 2301.10999) support, spec perfsage.md §5.4 test 2: the float graphs
that :class:`jaxeff.gnn.build.NetBuilder` records, run with ``lax`` ops at HIGHEST
precision, must match LiteRT on the written file. Covers the ops and fused
activations the builder emits (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED,
ADD / MUL / SUB, pools, MEAN, RESHAPE, SOFTMAX, CONCATENATION, PAD, DEPTH_TO_SPACE /
SPACE_TO_DEPTH, TRANSPOSE_CONV, RESIZE_NEAREST_NEIGHBOR / RESIZE_BILINEAR (TFLite's
reference-kernel index rules), STRIDED_SLICE (no masks), SPLIT / SPLIT_V, TRANSPOSE,
RELU / RELU6 / HARD_SWISH / LOGISTIC / TANH / PRELU / ELU / RSQRT); anything else raises
``NotImplementedError`` naming it. (Running any TFLite model in JAX is ``jaxeff.tflite``'s job, issue 16.)
"""

from __future__ import annotations

from collections.abc import Sequence

import jax
import jax.numpy as jnp
import numpy as np

from jaxeff.tflite.ir import OpGraph
from jaxeff.tflite.layout import (
    conv_kernel_hwio,
    dense_kernel_io,
    depthwise_kernel_hwio,
)


def _apply_act(x: jax.Array, name: str) -> jax.Array:
    """A fused activation by its ActivationFunctionType name."""
    if name == "RELU":
        return jax.nn.relu(x)
    if name == "RELU_N1_TO_1":
        return jnp.clip(x, -1, 1)
    if name == "RELU6":
        return jnp.clip(x, 0, 6)
    if name == "TANH":
        return jnp.tanh(x)
    if name != "NONE":
        raise NotImplementedError(f"reference: fused activation {name} not implemented")
    return x


def _pads(n: int, k: int, s: int, padding: str) -> tuple[int, int]:
    if padding == "VALID":
        return 0, 0
    total = max((-(-n // s) - 1) * s + k - n, 0)
    return total // 2, total - total // 2


def reference(g: OpGraph, inputs: Sequence[jax.typing.ArrayLike]) -> list[jax.Array]:
    """Run a float32 op graph in JAX (float64 if x64 is on); returns the outputs."""
    env: dict[int, jax.Array] = {}
    for i, x in zip(g.inputs, inputs, strict=True):
        env[i] = jnp.asarray(x)

    fdt = env[g.inputs[0]].dtype if g.inputs else jnp.float32

    def val(i: int) -> jax.Array:
        if i in env:
            return env[i]
        d = np.asarray(g.tensors[i].data)
        return jnp.asarray(d, fdt if d.dtype.kind == "f" else d.dtype)

    for op in g.ops:
        o, a = op.options, [val(i) if i >= 0 else None for i in op.inputs]
        t = op.type
        if t in ("CONV_2D", "DEPTHWISE_CONV_2D"):
            x, w = a[0], a[1]
            dh, dw = o.get("dilation_h_factor", 1), o.get("dilation_w_factor", 1)
            kh, kw = (w.shape[1] - 1) * dh + 1, (w.shape[2] - 1) * dw + 1  # dilated
            pads = [
                _pads(x.shape[1], kh, o["stride_h"], o["padding"]),
                _pads(x.shape[2], kw, o["stride_w"], o["padding"]),
            ]
            if t == "CONV_2D":
                kern, groups = conv_kernel_hwio(w), 1
            else:
                kern, groups = depthwise_kernel_hwio(w), x.shape[3]
            y = jax.lax.conv_general_dilated(
                x,
                kern,
                (o["stride_h"], o["stride_w"]),
                pads,
                rhs_dilation=(dh, dw),
                dimension_numbers=("NHWC", "HWIO", "NHWC"),
                feature_group_count=groups,
                precision=jax.lax.Precision.HIGHEST,
            )
            y = _apply_act(y + a[2], o.get("fused_activation_function", "NONE"))
        elif t == "FULLY_CONNECTED":
            x = a[0].reshape(-1, a[1].shape[1])
            y = jnp.dot(x, dense_kernel_io(a[1]), precision=jax.lax.Precision.HIGHEST)
            if len(a) > 2 and a[2] is not None:
                y = y + a[2]
            y = _apply_act(y, o.get("fused_activation_function", "NONE"))
        elif t in ("ADD", "MUL", "SUB"):
            f = {"ADD": jnp.add, "MUL": jnp.multiply, "SUB": jnp.subtract}[t]
            y = _apply_act(f(a[0], a[1]), o.get("fused_activation_function", "NONE"))
        elif t in ("AVERAGE_POOL_2D", "MAX_POOL_2D"):
            x = a[0]
            win = (1, o["filter_height"], o["filter_width"], 1)
            st = (1, o["stride_h"], o["stride_w"], 1)
            pads = [
                (0, 0),
                _pads(x.shape[1], win[1], st[1], o["padding"]),
                _pads(x.shape[2], win[2], st[2], o["padding"]),
                (0, 0),
            ]
            if t == "MAX_POOL_2D":
                y = jax.lax.reduce_window(x, -jnp.inf, jax.lax.max, win, st, pads)
            else:
                s = jax.lax.reduce_window(x, 0.0, jax.lax.add, win, st, pads)
                n = jax.lax.reduce_window(
                    jnp.ones_like(x), 0.0, jax.lax.add, win, st, pads
                )
                y = s / n
            y = _apply_act(y, o.get("fused_activation_function", "NONE"))
        elif t == "MEAN":
            axes = tuple(
                int(v) for v in np.asarray(g.tensors[op.inputs[1]].data).ravel()
            )
            y = jnp.mean(a[0], axis=axes, keepdims=bool(o.get("keep_dims", False)))
        elif t == "RESHAPE":
            y = a[0].reshape(g.tensors[op.outputs[0]].shape)
        elif t == "SOFTMAX":
            y = jax.nn.softmax(a[0] * o.get("beta", 1.0), axis=-1)
        elif t == "CONCATENATION":
            y = _apply_act(
                jnp.concatenate(a, axis=o["axis"]),
                o.get("fused_activation_function", "NONE"),
            )
        elif t == "PAD":
            y = jnp.pad(a[0], np.asarray(g.tensors[op.inputs[1]].data))
        elif t == "DEPTH_TO_SPACE":
            b = o["block_size"]
            n, h, w, c = a[0].shape
            y = a[0].reshape(n, h, w, b, b, c // (b * b)).transpose(0, 1, 3, 2, 4, 5)
            y = y.reshape(n, h * b, w * b, c // (b * b))
        elif t == "SPACE_TO_DEPTH":
            b = o["block_size"]
            n, h, w, c = a[0].shape
            y = a[0].reshape(n, h // b, b, w // b, b, c).transpose(0, 1, 3, 2, 4, 5)
            y = y.reshape(n, h // b, w // b, b * b * c)
        elif t == "TRANSPOSE_CONV":
            y = _transpose_conv(a[2], a[1], g.tensors[op.outputs[0]].shape, o)
            if len(a) > 3 and a[3] is not None:
                y = y + a[3]
            y = _apply_act(y, o.get("fused_activation_function", "NONE"))
        elif t in ("RESIZE_NEAREST_NEIGHBOR", "RESIZE_BILINEAR"):
            y = _resize(a[0], g.tensors[op.outputs[0]].shape[1:3], t, o)
        elif t == "STRIDED_SLICE":
            b, e, st = (np.asarray(g.tensors[i].data).ravel() for i in op.inputs[1:4])
            y = a[0][tuple(slice(*v) for v in zip(b, e, st, strict=True))]
        elif t == "TRANSPOSE":
            y = jnp.transpose(a[0], np.asarray(g.tensors[op.inputs[1]].data).ravel())
        elif t in ("SPLIT", "SPLIT_V"):
            x, ax = (a[1], op.inputs[0]) if t == "SPLIT" else (a[0], op.inputs[2])
            ax = int(np.asarray(g.tensors[ax].data))
            parts = [g.tensors[i].shape[ax] for i in op.outputs]
            for i, v in zip(op.outputs, jnp.split(x, np.cumsum(parts)[:-1], ax),
                            strict=True):
                env[i] = v
            continue
        elif t == "RELU":
            y = jax.nn.relu(a[0])
        elif t == "RELU6":
            y = jnp.clip(a[0], 0, 6)
        elif t == "HARD_SWISH":
            y = a[0] * jnp.clip(a[0] + 3, 0, 6) / 6
        elif t == "LOGISTIC":
            y = jax.nn.sigmoid(a[0])
        elif t == "TANH":
            y = jnp.tanh(a[0])
        elif t == "ELU":
            y = jax.nn.elu(a[0])
        elif t == "RSQRT":
            y = jax.lax.rsqrt(a[0])
        elif t == "PRELU":
            y = jnp.where(a[0] >= 0, a[0], a[0] * a[1])
        else:
            raise NotImplementedError(f"reference: op {t} not implemented")
        env[op.outputs[0]] = y
    return [env[i] for i in g.outputs]


def _transpose_conv(x: jax.Array, w: jax.Array, out: Sequence[int], o: dict) -> jax.Array:
    """TFLite TRANSPOSE_CONV: input pixel ``(y, x)`` adds ``x w[:, ky, kx, :]`` at
    ``(y s - p + ky, x s - p + kx)``, ``p`` the forward-conv SAME / VALID padding from
    the output size; computed as the full (uncropped) lhs-dilated convolution with
    the flipped kernel, then cropped / zero-extended to ``out``."""
    k = conv_kernel_hwio(w)[::-1, ::-1]  # OHWI -> HWIO, flipped
    kh, kw = k.shape[0], k.shape[1]
    s = (o["stride_h"], o["stride_w"])
    full = jax.lax.conv_general_dilated(
        x, k, (1, 1), ((kh - 1, kh - 1), (kw - 1, kw - 1)), lhs_dilation=s,
        dimension_numbers=("NHWC", "HWIO", "NHWC"), precision=jax.lax.Precision.HIGHEST)
    for ax, (n, kk, st) in enumerate(zip(out[1:3], (kh, kw), s, strict=True), start=1):
        p = _pads(n, kk, st, o["padding"])[0]
        full = jax.lax.slice_in_dim(full, p, min(p + n, full.shape[ax]), axis=ax)
        if full.shape[ax] < n:
            pad = [(0, 0)] * 4
            pad[ax] = (0, n - full.shape[ax])
            full = jnp.pad(full, pad)
    return full


def _src_index(n_in: int, n_out: int, o: dict, nearest: bool) -> tuple[np.ndarray, ...]:
    align, half = bool(o.get("align_corners")), bool(o.get("half_pixel_centers"))
    scale = np.float32((n_in - 1) / (n_out - 1) if align and n_out > 1 else n_in / n_out)
    dst = np.arange(n_out, dtype=np.float32)
    if nearest:
        v = (dst + (0.5 if half else 0.0)) * scale
        v = np.round(v) if align else np.floor(v)
        return (np.clip(v.astype(np.int64), 0, n_in - 1),)
    src = (dst + 0.5) * scale - 0.5 if half else dst * scale
    lo = np.maximum(np.floor(src), 0).astype(np.int64)
    hi = np.minimum(np.ceil(src), n_in - 1).astype(np.int64)
    return lo, hi, (src - np.floor(src)).astype(np.float32) * (src > 0)


def _resize(x: jax.Array, out_hw: Sequence[int], t: str, o: dict) -> jax.Array:
    """RESIZE_NEAREST_NEIGHBOR (``GetNearestNeighbor``) / RESIZE_BILINEAR
    (``ComputeInterpolationValues``) of TFLite's float reference kernels."""
    near = t == "RESIZE_NEAREST_NEIGHBOR"
    for ax, n_out in zip((1, 2), out_hw, strict=True):
        idx = _src_index(x.shape[ax], int(n_out), o, near)
        if near:
            x = jnp.take(x, idx[0], axis=ax)
            continue
        lo, hi, f = idx
        shp = [1, 1, 1, 1]
        shp[ax] = -1
        f = jnp.asarray(f.reshape(shp), x.dtype)
        x = jnp.take(x, lo, axis=ax) * (1 - f) + jnp.take(x, hi, axis=ax) * f
    return x
