"""Build float32 TFLite op graphs from Python.

Support for PerfSAGE (arXiv 2301.10999) dataset generation, spec perfsage.md §5.2:
:class:`NetBuilder` records a float32 :class:`~jaxeff.tflite.ir.OpGraph` (conv OHWI,
depthwise ``[1, K_h, K_w, C*mult]``, FC ``[out, in]``, axes/shapes as const int32,
float conv always with a bias) with seeded Gaussian weights (Vela compresses weights,
so values matter: never zeros, spec §6). :mod:`jaxeff.gnn.int8` turns it into a full
INT8 graph; :mod:`jaxeff.gnn.reference` runs it in JAX (the test oracle).

Length (over 400 lines): one class with one short method per TFLite operator the
search spaces emit (shapes checked where the op is recorded), plus the two recurrent
layers (LSTM, the unrolled GRU) that share its weight and constant helpers; splitting
the class would only scatter the op list the int8 writer and reference mirror.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from jaxeff.tflite.ir import Op, OpGraph, Tensor

# fused activations (ActivationFunctionType names) the builder and the reference support
ACT = ("NONE", "RELU", "RELU_N1_TO_1", "RELU6", "TANH")
_PAD = ("SAME", "VALID")


# STRIDED_SLICE options: no masks
_SLICE_OPTIONS = dict(begin_mask=0, end_mask=0, ellipsis_mask=0, new_axis_mask=0,
                      shrink_axis_mask=0, offset=False)


def _act_name(act: str) -> str:
    if act not in ACT:
        raise ValueError(f"act must be one of {ACT}, got {act!r}")
    return act


def _pad_name(padding: str) -> str:
    if padding not in _PAD:
        raise ValueError(f"padding must be one of {_PAD}, got {padding!r}")
    return padding


def _pair(k: int | Sequence[int]) -> tuple[int, int]:
    return (
        (int(k), int(k)) if isinstance(k, int | np.integer) else (int(k[0]), int(k[1]))
    )


def pick(rng: np.random.Generator, choices):
    """One element of ``choices``, uniformly (one ``rng.integers`` draw): the search
    spaces' choice helper."""
    return choices[int(rng.integers(len(choices)))]


def redraw_within(name: str, rng: np.random.Generator, draw, max_ops: int, max_macs: int,
                  fits=None, tries: int = 1000):
    """The search spaces' size guard: ``draw(rng) -> (graph, meta)`` repeated until the
    graph has at most ``max_ops`` operators and ``max_macs`` MACs (and ``fits(graph)``
    holds, where given); returns the graph and ``meta`` with its ``macs`` and the number
    of ``redraws``. Raises after ``tries`` draws."""
    from jaxeff.gnn.graph import total_macs

    for redraws in range(tries):
        g, meta = draw(rng)
        macs = total_macs(g)
        if len(g.ops) <= max_ops and macs <= max_macs and (fits is None or fits(g)):
            return g, {**meta, "macs": macs, "redraws": redraws}
    raise RuntimeError(f"{name}: no draw within the size limits in {tries} tries")


def _out_len(n: int, k: int, s: int, padding: str) -> int:
    return -(-n // s) if padding == "SAME" else (n - k) // s + 1


class NetBuilder:
    """Records a float32 op graph; every method returns the new tensor index.

    Args:
      rng: numpy generator for the weights (He-normal, biases N(0, 0.1)).
      name: subgraph name.
      share_consts: equal int32 constants (shapes, axes, permutations) are one
        tensor, as the TFLite converter emits them (its basic_lstm models feed one
        ``split_dim`` to 49 SPLITs); off by default, so older spaces stay unchanged.
    """

    def __init__(self, rng: np.random.Generator, name: str = "main", *,
                 share_consts: bool = False):
        self.rng, self.name = rng, name
        self.tensors: list[Tensor] = []
        self.ops: list[Op] = []
        self.inputs: list[int] = []
        self._shared: dict[tuple, int] | None = {} if share_consts else None

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
        if self._shared is None or dtype != "int32":
            return self._tensor(data.shape, dtype, data.astype(dtype), prefix="const")
        key = (data.shape, data.astype(dtype).tobytes())
        if key not in self._shared:
            self._shared[key] = self._tensor(data.shape, dtype, data.astype(dtype),
                                             prefix="const")
        return self._shared[key]

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
        dilation: int | Sequence[int] = 1,
    ) -> int:
        """CONV_2D, weights OHWI, with bias; ``dilation`` (atrous rate) per axis."""
        n, h, w, c = self.shape(x)
        (kh, kw), (sh, sw), (dh, dw) = _pair(k), _pair(stride), _pair(dilation)
        wt = self.const(self._weights((cout, kh, kw, c), kh * kw * c))
        out = (n, _out_len(h, (kh - 1) * dh + 1, sh, padding),
               _out_len(w, (kw - 1) * dw + 1, sw, padding), cout)
        return self._op(
            "CONV_2D",
            (x, wt, self._bias(cout)),
            out,
            padding=_pad_name(padding),
            stride_h=sh,
            stride_w=sw,
            fused_activation_function=_act_name(act),
            dilation_h_factor=dh,
            dilation_w_factor=dw,
        )

    def dwconv(
        self,
        x: int,
        k: int | Sequence[int],
        stride: int | Sequence[int] = 1,
        act: str = "NONE",
        padding: str = "SAME",
        mult: int = 1,
        dilation: int | Sequence[int] = 1,
    ) -> int:
        """DEPTHWISE_CONV_2D, weights ``[1, K_h, K_w, C*mult]``, with bias; ``dilation``
        (atrous rate) per axis."""
        n, h, w, c = self.shape(x)
        (kh, kw), (sh, sw), (dh, dw) = _pair(k), _pair(stride), _pair(dilation)
        wt = self.const(self._weights((1, kh, kw, c * mult), kh * kw))
        out = (n, _out_len(h, (kh - 1) * dh + 1, sh, padding),
               _out_len(w, (kw - 1) * dw + 1, sw, padding), c * mult)
        return self._op(
            "DEPTHWISE_CONV_2D",
            (x, wt, self._bias(c * mult)),
            out,
            padding=_pad_name(padding),
            stride_h=sh,
            stride_w=sw,
            depth_multiplier=mult,
            fused_activation_function=_act_name(act),
            dilation_h_factor=dh,
            dilation_w_factor=dw,
        )

    def fc(self, x: int, n: int, act: str = "NONE") -> int:
        """FULLY_CONNECTED, weights ``[out, in]``; input flattened to [rows, in]."""
        cin = self.shape(x)[-1]
        wt = self.const(self._weights((n, cin), cin))
        return self._fc(x, wt, self._bias(n), act)

    def _fc(self, x: int, wt: int, bias: int, act: str = "NONE") -> int:
        """FULLY_CONNECTED of ``x`` with the given weight ``[out, in]`` and bias
        tensors (shared by the steps of an unrolled recurrent cell)."""
        shp = self.shape(x)
        rows = math.prod(shp) // shp[-1]
        return self._op(
            "FULLY_CONNECTED",
            (x, wt, bias),
            (rows, self.shape(wt)[0]),
            fused_activation_function=_act_name(act),
        )

    def _binary(self, type_: str, a: int, b: int, act: str) -> int:
        return self._op(
            type_,
            (a, b),
            _bcast(self.shape(a), self.shape(b)),
            fused_activation_function=_act_name(act),
        )

    def add(self, a: int, b: int, act: str = "NONE") -> int:
        return self._binary("ADD", a, b, act)

    def mul(self, a: int, b: int, act: str = "NONE") -> int:
        return self._binary("MUL", a, b, act)

    def sub(self, a: int, b: int, act: str = "NONE") -> int:
        """SUB ``a - b`` (broadcasting)."""
        return self._binary("SUB", a, b, act)

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

    def space_to_depth(self, x: int, block: int) -> int:
        n, h, w, c = self.shape(x)
        return self._op(
            "SPACE_TO_DEPTH",
            (x,),
            (n, h // block, w // block, c * block * block),
            block_size=block,
        )

    def transpose_conv(
        self,
        x: int,
        cout: int,
        k: int | Sequence[int],
        stride: int | Sequence[int] = 2,
        act: str = "NONE",
        padding: str = "SAME",
        bias: bool = True,
    ) -> int:
        """TRANSPOSE_CONV (the up-sampling layer of FSRCNN / SESR, arXiv 2010.12868 /
        2103.09404): inputs ``(output_shape int32 [4], weights OHWI [C_o, K_h, K_w,
        C_i], x[, bias])``. Output ``H_o = s H_i`` (SAME) or ``s H_i + max(K - s, 0)``
        (VALID), the two forms Vela maps to the NPU (stride 1x1 or 2x2)."""
        n, h, w, c = self.shape(x)
        (kh, kw), (sh, sw) = _pair(k), _pair(stride)
        if padding == "SAME":
            out = (n, h * sh, w * sw, cout)
        else:
            out = (n, h * sh + max(kh - sh, 0), w * sw + max(kw - sw, 0), cout)
        wt = self.const(self._weights((cout, kh, kw, c), kh * kw * c / (sh * sw)))
        ins = (self.const(np.asarray(out, np.int32)), wt, x)
        return self._op(
            "TRANSPOSE_CONV",
            ins + ((self._bias(cout),) if bias else ()),
            out,
            padding=_pad_name(padding),
            stride_h=sh,
            stride_w=sw,
            fused_activation_function=_act_name(act),
        )

    def resize(
        self,
        x: int,
        size: Sequence[int],
        kind: str = "nearest",
        align_corners: bool = False,
        half_pixel_centers: bool = False,
    ) -> int:
        """RESIZE_NEAREST_NEIGHBOR (``kind="nearest"``) or RESIZE_BILINEAR
        (``"bilinear"``) to ``size = (H_o, W_o)`` (a constant int32 input)."""
        if kind not in ("nearest", "bilinear"):
            raise ValueError(f"resize kind must be 'nearest' or 'bilinear', got {kind!r}")
        n, _, _, c = self.shape(x)
        ho, wo = (int(v) for v in size)
        op = "RESIZE_NEAREST_NEIGHBOR" if kind == "nearest" else "RESIZE_BILINEAR"
        return self._op(
            op,
            (x, self.const(np.asarray((ho, wo), np.int32))),
            (n, ho, wo, c),
            align_corners=bool(align_corners),
            half_pixel_centers=bool(half_pixel_centers),
        )

    def lstm(self, x: int, hidden: int) -> int:
        """UNIDIRECTIONAL_SEQUENCE_LSTM (batch-major ``[1, T, F] -> [1, T, hidden]``),
        the 24-input layout of the TFLite schema with no CIFG, peephole, projection or
        layer norm (the form Vela maps to the NPU): inputs 1-4 input weights
        ``[hidden, F]`` (gates i, f, c, o), 5-8 recurrent weights ``[hidden, hidden]``,
        12-15 gate biases, 18 / 19 the variable output / cell states ``[1, hidden]``;
        fused TANH, cell clip 10."""
        n, t, f = self.shape(x)
        ws = [self.const(self._weights((hidden, f), f)) for _ in range(4)]
        rs = [self.const(self._weights((hidden, hidden), hidden)) for _ in range(4)]
        bs = [self._bias(hidden) for _ in range(4)]
        states = []
        for kind in ("output_state", "cell_state"):
            states.append(self._tensor((n, hidden), prefix=kind))
            self.tensors[-1].is_variable = True
        ins = (x, *ws, *rs, -1, -1, -1, *bs, -1, -1, *states, -1, -1, -1, -1)
        return self._op("UNIDIRECTIONAL_SEQUENCE_LSTM", ins, (n, t, hidden),
                        fused_activation_function="TANH", cell_clip=10.0, proj_clip=0.0,
                        time_major=False, asymmetric_quantize_inputs=False)

    def gru(
        self,
        x: int | Sequence[int],
        hidden: int,
        return_sequences: bool = False,
        h0: int | None = None,
        steps: str = "split",
    ) -> int | list[int]:
        """A GRU layer unrolled into primitive ops (TFLite has no GRU builtin).

        Cho et al., "Learning Phrase Representations using RNN Encoder-Decoder"
        (arXiv 1406.1078), in the Keras ``reset_after=True`` form (the default, the
        cuDNN variant: the reset gate multiplies the recurrent projection after its
        bias). Per step ``t``, gates in Keras order z, r, n::

            g_x = x_t W^T + b_x          g_h = h U^T + b_h        (W [3H, F], U [3H, H])
            z = sigmoid(g_x^z + g_h^z)   r = sigmoid(g_x^r + g_h^r)
            n = tanh(g_x^n + r * g_h^n)  h' = n + z * (h - n)     (= z h + (1 - z) n)

        emitted as FULLY_CONNECTED x_t -> 3H and h -> 3H (weights and biases shared
        by the steps), SPLIT into three, ADD / LOGISTIC, ADD / LOGISTIC, MUL / ADD /
        TANH, SUB / MUL / ADD: 14 ops per step.

        Args:
          x: the sequence ``[1, T, F]``, whose steps are taken by one SPLIT on the
            time axis (``steps="split"``) or one STRIDED_SLICE ``[1, 1, F]`` per step
            (``"slice"``); or the list of a previous layer's step outputs ``[1, F]``.
          hidden: H.
          return_sequences: return every step's ``h`` (a list of T ``[1, H]``
            tensors) instead of the last one.
          h0: initial state ``[1, H]`` (e.g. a graph input, as streaming models
            with external state have); None: the zero state, so step 0's recurrent
            FULLY_CONNECTED folds to its bias (three ``[1, H]`` constants) and
            ``h_1 = n - z n`` (SUB of MUL), as a converter's constant folding
            leaves it.
        """
        if isinstance(x, int | np.integer):
            n, t, f = self.shape(x)
            if steps == "split":
                xs = self.split(x, t, axis=1)
            elif steps == "slice":
                stride, xs = self.const(np.ones(3, np.int32)), []
                for i in range(t):
                    lo, hi = (self.const(np.asarray(v, np.int32))
                              for v in ((0, i, 0), (n, i + 1, f)))
                    xs.append(self._op("STRIDED_SLICE", (x, lo, hi, stride), (n, 1, f),
                                       **_SLICE_OPTIONS))
            else:
                raise ValueError(f"steps must be 'split' or 'slice', got {steps!r}")
        else:
            xs = list(x)
        f = self.shape(xs[0])[-1]
        wx = self.const(self._weights((3 * hidden, f), f))
        wh = self.const(self._weights((3 * hidden, hidden), hidden))
        bx, bh = self._bias(3 * hidden), self._bias(3 * hidden)
        axis = self.const(np.asarray(-1, np.int32))

        def split3(g: int) -> list[int]:
            return self._multi("SPLIT", (axis, g), [(1, hidden)] * 3, num_splits=3)

        h, out = h0, []
        for xt in xs:
            xz, xr, xn = split3(self._fc(xt, wx, bx))
            if h is None:
                hb = self.tensors[bh].data.reshape(3, 1, hidden)
                hz, hr, hn = (self.const(v) for v in hb)
            else:
                hz, hr, hn = split3(self._fc(h, wh, bh))
            z = self.act(self.add(xz, hz), "LOGISTIC")
            r = self.act(self.add(xr, hr), "LOGISTIC")
            nn = self.act(self.add(xn, self.mul(r, hn)), "TANH")
            if h is None:
                h = self.sub(nn, self.mul(z, nn))
            else:
                h = self.add(nn, self.mul(z, self.sub(h, nn)))
            out.append(h)
        return out if return_sequences else h

    def strided_slice(
        self,
        x: int,
        begin: Sequence[int],
        end: Sequence[int],
        strides: Sequence[int] | None = None,
    ) -> int:
        """STRIDED_SLICE with constant int32 ``begin``, ``end`` (exclusive, non-negative,
        within the shape) and ``strides`` (default 1) on every axis, no masks:
        ``out[d] = ceil((end[d] - begin[d]) / strides[d])``."""
        shp = self.shape(x)
        strides = tuple(strides or (1,) * len(shp))
        spec = [tuple(int(v) for v in t) for t in (begin, end, strides)]
        if any(len(t) != len(shp) for t in spec):
            raise ValueError(f"begin / end / strides need {len(shp)} entries, got {spec}")
        out = [len(range(b, e, s)) for b, e, s in zip(*spec, strict=True)]
        ins = (x, *(self.const(np.asarray(t, np.int32)) for t in spec))
        return self._op("STRIDED_SLICE", ins, out, **_SLICE_OPTIONS)

    def transpose(self, x: int, perm: Sequence[int]) -> int:
        """TRANSPOSE by the constant int32 permutation ``perm`` (inputs: ``x``, then
        ``perm``): ``out.shape[d] = x.shape[perm[d]]``. Which permutations Vela 5.2
        maps to the NPU: :mod:`jaxeff.gnn.spaces_shuffle`."""
        shp = self.shape(x)
        perm = tuple(int(p) for p in perm)
        if sorted(perm) != list(range(len(shp))):
            raise ValueError(f"transpose: {perm} is no permutation of {len(shp)} axes")
        return self._op("TRANSPOSE", (x, self.const(np.asarray(perm, np.int32))),
                        [shp[p] for p in perm])

    def _multi(self, type_: str, ins: Sequence[int], shapes, **options) -> list[int]:
        outs = [self._tensor(s, prefix=type_.lower() + "_") for s in shapes]
        self.ops.append(Op(type_, tuple(ins), tuple(outs), dict(options)))
        return outs

    def split(self, x: int, n: int, axis: int = -1) -> list[int]:
        """SPLIT into ``n`` equal parts along ``axis`` (inputs: the int32 scalar axis,
        then ``x``); returns the ``n`` output tensors."""
        shp = list(self.shape(x))
        ax = axis % len(shp)
        if shp[ax] % n:
            raise ValueError(f"split: axis {ax} of {tuple(shp)} not divisible by {n}")
        shp[ax] //= n
        return self._multi("SPLIT", (self.const(np.asarray(axis, np.int32)), x),
                           [shp] * n, num_splits=n)

    def split_v(self, x: int, sizes: Sequence[int], axis: int = -1) -> list[int]:
        """SPLIT_V into parts of ``sizes`` along ``axis`` (inputs: ``x``, the int32
        sizes, the int32 scalar axis); returns one output tensor per size."""
        shp = list(self.shape(x))
        ax = axis % len(shp)
        if sum(sizes) != shp[ax] or min(sizes) < 1:
            raise ValueError(f"split_v: sizes {tuple(sizes)} do not cover {shp[ax]}")
        shapes = [shp[:ax] + [int(s)] + shp[ax + 1:] for s in sizes]
        ins = (x, self.const(np.asarray(sizes, np.int32)),
               self.const(np.asarray(axis, np.int32)))
        return self._multi("SPLIT_V", ins, shapes, num_splits=len(sizes))

    def act(self, x: int, kind: str) -> int:
        """Standalone activation op: RELU, RELU6, HARD_SWISH, LOGISTIC, TANH, PRELU, ELU
        (``x > 0 ? x : exp(x) - 1``, no options; EEGNet's), RSQRT (``1 / sqrt(x)``, no
        options; SuperPoint's L2 normalisation)."""
        if kind == "PRELU":
            alpha = self.const(
                np.abs(
                    self.rng.standard_normal((1, 1, self.shape(x)[-1])) * 0.25
                ).astype(np.float32)
            )
            return self._op("PRELU", (x, alpha), self.shape(x))
        return self._op(kind, (x,), self.shape(x))

    def leaky_relu(self, x: int, alpha: float) -> int:
        """LEAKY_RELU ``x > 0 ? x : alpha x`` (standalone; its ``alpha`` is written)."""
        if not 0.0 <= alpha < 1.0:
            raise ValueError(f"leaky_relu alpha must be in [0, 1), got {alpha!r}")
        return self._op("LEAKY_RELU", (x,), self.shape(x), alpha=float(alpha))

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
