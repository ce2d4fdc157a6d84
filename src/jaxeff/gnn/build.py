"""Build float32 / int8 TFLite op graphs from Python, and a JAX reference interpreter.

Support for PerfSAGE (arXiv 2301.10999) dataset generation, spec perfsage.md §5.2:
:class:`NetBuilder` records a float32 :class:`OpGraph` (conv OHWI, depthwise
``[1, K_h, K_w, C*mult]``, FC ``[out, in]``, axes/shapes as const int32, float conv
always with a bias) with seeded Gaussian weights (Vela compresses weights, so
values matter: never zeros, spec §6). :func:`quantize_int8` turns it into a full
INT8 graph: per-tensor asymmetric activations, per-channel symmetric weights
(quantized dim 0; depthwise 3), int32 bias with scale ``s_in * s_w[c]``.
Activation ranges come from :func:`calibrate` (the float graph run in LiteRT) or
from a caller. :func:`reference` runs a float graph in JAX (the test oracle).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence

import jax
import jax.numpy as jnp
import numpy as np

from jaxeff.tflite.ir import Op, OpGraph, Tensor
from jaxeff.tflite.layout import conv_kernel_hwio, dense_kernel_io, depthwise_kernel_hwio

# fused activations (ActivationFunctionType names) the builder and reference support
ACT = ("NONE", "RELU", "RELU_N1_TO_1", "RELU6", "TANH")
_PAD = ("SAME", "VALID")


def _act_name(act: str) -> str:
    if act not in ACT:
        raise ValueError(f"act must be one of {ACT}, got {act!r}")
    return act


def _pad_name(padding: str) -> str:
    if padding not in _PAD:
        raise ValueError(f"padding must be one of {_PAD}, got {padding!r}")
    return padding
# int8 outputs TFLite fixes (scale, zero point).
FIXED_QUANT = {
    "SOFTMAX": (1 / 256, -128),
    "LOGISTIC": (1 / 256, -128),
    "TANH": (1 / 128, 0),
}
# ops whose int8 kernels need output quantization == input quantization.
MIN_RANGE = 0.05
SAME_QUANT = ("RESHAPE", "MAX_POOL_2D", "AVERAGE_POOL_2D", "PAD", "DEPTH_TO_SPACE")


def _pair(k: int | Sequence[int]) -> tuple[int, int]:
    return (
        (int(k), int(k)) if isinstance(k, int | np.integer) else (int(k[0]), int(k[1]))
    )


def _out_len(n: int, k: int, s: int, padding: str) -> int:
    return -(-n // s) if padding == "SAME" else (n - k) // s + 1


class NetBuilder:
    """Records a float32 op graph; every method returns the new tensor index.

    Args:
      rng: numpy generator for the weights (He-normal, biases N(0, 0.1)).
      name: subgraph name.
    """

    def __init__(self, rng: np.random.Generator, name: str = "main"):
        self.rng, self.name = rng, name
        self.tensors: list[Tensor] = []
        self.ops: list[Op] = []
        self.inputs: list[int] = []

    # -- tensors
    def shape(self, t: int) -> tuple[int, ...]:
        return self.tensors[t].shape

    def _tensor(
        self,
        shape: Sequence[int],
        dtype: str = "float32",
        data: np.ndarray | None = None,
        prefix: str = "t",
    ) -> int:
        self.tensors.append(
            Tensor(
                f"{prefix}{len(self.tensors)}",
                tuple(int(s) for s in shape),
                dtype,
                data,
            )
        )
        return len(self.tensors) - 1

    def input(self, shape: Sequence[int]) -> int:
        t = self._tensor(shape, prefix="input")
        self.inputs.append(t)
        return t

    def const(self, data: np.ndarray) -> int:
        data = np.asarray(data)
        dtype = "int32" if data.dtype.kind in "iu" else "float32"
        return self._tensor(data.shape, dtype, data.astype(dtype), prefix="const")

    def _op(
        self, type_: str, inputs: Sequence[int], out_shape: Sequence[int], **options
    ) -> int:
        out = self._tensor(out_shape, prefix=type_.lower() + "_")
        self.ops.append(Op(type_, tuple(inputs), (out,), dict(options)))
        return out

    def _weights(self, shape: Sequence[int], fan_in: int) -> np.ndarray:
        return (self.rng.standard_normal(shape) * math.sqrt(2.0 / fan_in)).astype(
            np.float32
        )

    def _bias(self, n: int) -> int:
        return self.const((self.rng.standard_normal(n) * 0.1).astype(np.float32))

    # -- ops
    def conv(
        self,
        x: int,
        cout: int,
        k: int | Sequence[int],
        stride: int | Sequence[int] = 1,
        act: str = "NONE",
        padding: str = "SAME",
    ) -> int:
        """CONV_2D, weights OHWI, with bias."""
        n, h, w, c = self.shape(x)
        (kh, kw), (sh, sw) = _pair(k), _pair(stride)
        wt = self.const(self._weights((cout, kh, kw, c), kh * kw * c))
        out = (n, _out_len(h, kh, sh, padding), _out_len(w, kw, sw, padding), cout)
        return self._op(
            "CONV_2D",
            (x, wt, self._bias(cout)),
            out,
            padding=_pad_name(padding),
            stride_h=sh,
            stride_w=sw,
            fused_activation_function=_act_name(act),
            dilation_h_factor=1,
            dilation_w_factor=1,
        )

    def dwconv(
        self,
        x: int,
        k: int | Sequence[int],
        stride: int | Sequence[int] = 1,
        act: str = "NONE",
        padding: str = "SAME",
        mult: int = 1,
    ) -> int:
        """DEPTHWISE_CONV_2D, weights ``[1, K_h, K_w, C*mult]``, with bias."""
        n, h, w, c = self.shape(x)
        (kh, kw), (sh, sw) = _pair(k), _pair(stride)
        wt = self.const(self._weights((1, kh, kw, c * mult), kh * kw))
        out = (n, _out_len(h, kh, sh, padding), _out_len(w, kw, sw, padding), c * mult)
        return self._op(
            "DEPTHWISE_CONV_2D",
            (x, wt, self._bias(c * mult)),
            out,
            padding=_pad_name(padding),
            stride_h=sh,
            stride_w=sw,
            depth_multiplier=mult,
            fused_activation_function=_act_name(act),
            dilation_h_factor=1,
            dilation_w_factor=1,
        )

    def fc(self, x: int, n: int, act: str = "NONE") -> int:
        """FULLY_CONNECTED, weights ``[out, in]``; input flattened to [rows, in]."""
        shp = self.shape(x)
        cin = shp[-1]
        wt = self.const(self._weights((n, cin), cin))
        rows = math.prod(shp) // cin
        return self._op(
            "FULLY_CONNECTED",
            (x, wt, self._bias(n)),
            (rows, n),
            fused_activation_function=_act_name(act),
        )

    def add(self, a: int, b: int, act: str = "NONE") -> int:
        return self._op(
            "ADD",
            (a, b),
            _bcast(self.shape(a), self.shape(b)),
            fused_activation_function=_act_name(act),
        )

    def mul(self, a: int, b: int, act: str = "NONE") -> int:
        return self._op(
            "MUL",
            (a, b),
            _bcast(self.shape(a), self.shape(b)),
            fused_activation_function=_act_name(act),
        )

    def pool(
        self,
        x: int,
        kind: str,
        k: int | Sequence[int],
        stride: int | Sequence[int] = 1,
        padding: str = "VALID",
    ) -> int:
        """AVERAGE_POOL_2D (``kind="avg"``) or MAX_POOL_2D (``"max"``)."""
        n, h, w, c = self.shape(x)
        (kh, kw), (sh, sw) = _pair(k), _pair(stride)
        out = (n, _out_len(h, kh, sh, padding), _out_len(w, kw, sw, padding), c)
        return self._op(
            "AVERAGE_POOL_2D" if kind == "avg" else "MAX_POOL_2D",
            (x,),
            out,
            padding=_pad_name(padding),
            stride_h=sh,
            stride_w=sw,
            filter_height=kh,
            filter_width=kw,
            fused_activation_function="NONE",
        )

    def mean(self, x: int, axes: Sequence[int] = (1, 2), keep_dims: bool = True) -> int:
        shp = self.shape(x)
        out = (
            tuple(1 if i in axes else s for i, s in enumerate(shp))
            if keep_dims
            else tuple(s for i, s in enumerate(shp) if i not in axes)
        )
        return self._op(
            "MEAN",
            (x, self.const(np.asarray(axes, np.int32))),
            out,
            keep_dims=keep_dims,
        )

    def reshape(self, x: int, shape: Sequence[int]) -> int:
        shape = tuple(int(s) for s in shape)
        return self._op(
            "RESHAPE",
            (x, self.const(np.asarray(shape, np.int32))),
            shape,
            new_shape=shape,
        )

    def softmax(self, x: int) -> int:
        return self._op("SOFTMAX", (x,), self.shape(x), beta=1.0)

    def concat(self, xs: Sequence[int], axis: int = -1) -> int:
        shp = list(self.shape(xs[0]))
        ax = axis % len(shp)
        shp[ax] = sum(self.shape(t)[ax] for t in xs)
        return self._op(
            "CONCATENATION", tuple(xs), shp, axis=axis, fused_activation_function="NONE"
        )

    def pad(self, x: int, pads: Sequence[Sequence[int]]) -> int:
        shp = [s + p[0] + p[1] for s, p in zip(self.shape(x), pads, strict=True)]
        return self._op("PAD", (x, self.const(np.asarray(pads, np.int32))), shp)

    def depth_to_space(self, x: int, block: int) -> int:
        n, h, w, c = self.shape(x)
        return self._op(
            "DEPTH_TO_SPACE",
            (x,),
            (n, h * block, w * block, c // (block * block)),
            block_size=block,
        )

    def act(self, x: int, kind: str) -> int:
        """Standalone activation op: RELU, RELU6, HARD_SWISH, LOGISTIC, TANH, PRELU."""
        if kind == "PRELU":
            alpha = self.const(
                np.abs(
                    self.rng.standard_normal((1, 1, self.shape(x)[-1])) * 0.25
                ).astype(np.float32)
            )
            return self._op("PRELU", (x, alpha), self.shape(x))
        return self._op(kind, (x,), self.shape(x))

    def finish(self, outputs: Sequence[int]) -> OpGraph:
        """The recorded float32 graph (tensors are shared, do not mutate)."""
        return OpGraph(
            list(self.tensors),
            list(self.ops),
            tuple(self.inputs),
            tuple(outputs),
            self.name,
        )


def _bcast(a: Sequence[int], b: Sequence[int]) -> tuple[int, ...]:
    return tuple(int(v) for v in np.broadcast_shapes(tuple(a), tuple(b)))


# ------------------------------------------------------------------ quantization
def _qparams(lo: float, hi: float, min_scale: float = 0.0) -> tuple[float, int]:
    lo, hi = min(float(lo), 0.0), max(float(hi), 0.0)
    # floor the range: a dead (all-zero) tensor would get a scale so small that
    # LiteRT/XNNPACK reject the requantization multiplier (must be < 256)
    scale = max((hi - lo) / 255.0, MIN_RANGE / 255.0, min_scale)
    zp = int(np.clip(round(-128 - lo / scale), -128, 127))
    return scale, zp


def quantize_int8(g: OpGraph, ranges: dict[int, tuple[float, float]]) -> OpGraph:
    """Full-INT8 copy of a float graph (spec §5.2).

    ``ranges``: tensor index -> (min, max) of every non-constant float tensor.
    Weights of CONV_2D / DEPTHWISE_CONV_2D are per-channel symmetric (dims 0 / 3),
    FULLY_CONNECTED per-tensor symmetric, biases int32 (scale ``s_in * s_w``),
    other float constants per-tensor asymmetric, int32 constants unchanged.
    """
    ts = [Tensor(t.name, t.shape, t.dtype, t.data) for t in g.tensors]

    def set_act(i: int, scale: float, zp: int) -> None:
        ts[i].dtype, ts[i].scale = "int8", np.asarray([scale], np.float32)
        ts[i].zero_point = np.asarray([zp], np.int64)

    for i in g.inputs:
        set_act(i, *_qparams(*ranges[i]))
    for op in g.ops:
        for o in op.outputs:
            if op.type in FIXED_QUANT:
                set_act(o, *FIXED_QUANT[op.type])
            elif (
                op.type == "CONCATENATION"
                and len(
                    {
                        (float(ts[i].scale[0]), int(ts[i].zero_point[0]))
                        for i in op.inputs
                    }
                )
                == 1
            ):  # XNNPACK needs equal params
                src = ts[op.inputs[0]]
                set_act(o, float(src.scale[0]), int(src.zero_point[0]))
            elif op.type in SAME_QUANT:
                src = ts[op.inputs[0]]
                set_act(o, float(src.scale[0]), int(src.zero_point[0]))
            elif op.type == "HARD_SWISH":
                # LiteRT's int8 HARD_SWISH requires s_in / (128 s_out) < 1 (its output
                # multiplier exponent must be <= 0): an input range much wider than
                # the output's (mostly negative inputs) would be rejected at Prepare,
                # so the output scale is floored at s_in / 127.
                s_in = float(ts[op.inputs[0]].scale[0])
                set_act(o, *_qparams(*ranges[o], min_scale=s_in / 127.0))
            else:
                set_act(o, *_qparams(*ranges[o]))
        if op.type in ("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED"):
            x, w, b = op.inputs[:3]
            wf = g.tensors[w].data
            axis = 3 if op.type == "DEPTHWISE_CONV_2D" else 0
            if op.type == "FULLY_CONNECTED":
                sw = np.full(1, np.abs(wf).max() / 127.0)
            else:
                red = tuple(a for a in range(wf.ndim) if a != axis)
                sw = np.abs(wf).max(axis=red) / 127.0
            sw = np.maximum(sw, 1e-8).astype(np.float32)
            bshape = [1] * wf.ndim
            bshape[axis] = -1
            scale_b = sw.reshape(bshape) if sw.size > 1 else sw[0]
            ts[w].data = np.clip(np.round(wf / scale_b), -127, 127).astype(np.int8)
            ts[w].dtype, ts[w].scale, ts[w].quant_dim = "int8", sw, axis
            ts[w].zero_point = np.zeros(sw.size, np.int64)
            if b >= 0:
                sb = (float(ts[x].scale[0]) * sw.astype(np.float64)).astype(np.float32)
                bf = g.tensors[b].data
                ts[b].data = np.round(bf / (sb if sb.size > 1 else sb[0])).astype(
                    np.int32
                )
                ts[b].dtype, ts[b].scale, ts[b].quant_dim = "int32", sb, 0
                ts[b].zero_point = np.zeros(sb.size, np.int64)
        else:
            for i in op.inputs:
                t = g.tensors[i] if i >= 0 else None
                if t is not None and t.data is not None and t.dtype == "float32":
                    s, z = _qparams(t.data.min(), t.data.max())
                    ts[i].data = np.clip(np.round(t.data / s) + z, -128, 127).astype(
                        np.int8
                    )
                    ts[i].dtype, ts[i].scale = "int8", np.asarray([s], np.float32)
                    ts[i].zero_point = np.asarray([z], np.int64)
    return OpGraph(ts, list(g.ops), g.inputs, g.outputs, g.name)


def calibrate(
    g: OpGraph, *, seed: int = 0, samples: int = 2
) -> dict[int, tuple[float, float]]:
    """Per-tensor (min, max) of a float graph run in LiteRT on N(0, 1) inputs."""
    from jaxeff._extras import require
    from jaxeff.tflite.writer import write_tflite

    Interpreter = require("ai_edge_litert.interpreter", purpose="LiteRT").Interpreter

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "preserve_all_tensors is for debugging"
        interp = Interpreter(
            model_content=write_tflite(g),
            num_threads=1,
            experimental_preserve_all_tensors=True,
        )
    interp.allocate_tensors()
    rng = np.random.default_rng(seed)
    lo = {i: np.inf for i in range(len(g.tensors))}
    hi = {i: -np.inf for i in range(len(g.tensors))}
    for _ in range(samples):
        for d in interp.get_input_details():
            interp.set_tensor(
                d["index"], rng.standard_normal(d["shape"]).astype(np.float32)
            )
        interp.invoke()
        for i, t in enumerate(g.tensors):
            if t.data is None:
                v = interp.get_tensor(i)
                lo[i], hi[i] = min(lo[i], float(v.min())), max(hi[i], float(v.max()))
    return {i: (lo[i], hi[i]) for i in lo if np.isfinite(lo[i])}


# --------------------------------------------------------------- JAX reference
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
            kh, kw = w.shape[1], w.shape[2]
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
        elif t == "PRELU":
            y = jnp.where(a[0] >= 0, a[0], a[0] * a[1])
        else:
            raise NotImplementedError(f"reference: op {t} not implemented")
        env[op.outputs[0]] = y
    return [env[i] for i in g.outputs]
