"""PerfSAGE graphs: a TFLite op graph (:mod:`jaxeff.tflite.ir`) as ``jraph.GraphsTuple``.

PerfSAGE: "Generalized Inference Performance Predictor for Arbitrary Deep Learning
Models on Edge Devices" (Chai et al., arXiv 2301.10999), graph construction of the
public code (ARM-software/perfsage ``data_preprocess/preprocess.py``), spec
perfsage.md §2.1:

* one node per operator (serialised order) of the main subgraph;
* one synthetic *input node* per tensor without a producer (graph inputs and
  every constant: weights, biases, axes, shapes);
* one directed edge producer -> consumer per tensor and consumer (``-1`` optional
  inputs skipped, duplicates collapsed), direction configurable;
* node features: slots 0-3 = first output shape left-padded to rank 4 (rank > 4:
  leading dims folded), then the 14 scalar builtin-option fields of spec §2.1 item 5
  (the "faithful" 18 columns), then the flagged "+" columns: log(1+x) of MACs,
  parameter bytes, activation (input + output) bytes, dtype one-hot, kernel h/w and
  C_in.  A fixed column list replaces the code's dataset-wide dictionary (same
  columns for our op set; a design choice [U]).
* category id: 0 = input node, 1 = output (reserved, unused as in the code), else
  2 + BuiltinOperator code (a fixed vocabulary instead of "first appearance").

Batches are padded to power-of-two buckets (``pad_batch``) so a jitted model
compiles once per bucket (DESIGN.md convention 15).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import jraph
import numpy as np

from jaxeff.tflite.ir import Op, OpGraph, Tensor
from jaxeff.tflite.schema import op_code, option_code

# BuiltinOperator has codes up to ~210; CUSTOM ops share one id.
NUM_CATEGORIES = 2 + 256
INPUT_CATEGORY = 0
OPTION_FIELDS = (
    "depth_multiplier",
    "dilation_h_factor",
    "dilation_w_factor",
    "filter_height",
    "filter_width",
    "fused_activation_function",
    "padding",
    "pot_scale_int16",
    "stride_h",
    "stride_w",
    "axis",
    "asymmetric_quantize_inputs",
    "keep_num_dims",
    "weights_format",
)
DTYPES = ("float32", "int8", "uint8", "int16", "int32")
FAITHFUL_COLUMNS = ("shape0", "shape1", "shape2", "shape3") + OPTION_FIELDS
PLUS_COLUMNS = (
    ("log_macs", "log_param_bytes", "log_act_bytes")
    + tuple(f"dtype_{d}" for d in DTYPES + ("other",))
    + ("kernel_h", "kernel_w", "c_in")
)
FEATURE_COLUMNS = FAITHFUL_COLUMNS + PLUS_COLUMNS


def op_macs(g: OpGraph, op: Op) -> int:
    """Multiply-accumulates of one op (spec §3.1; = Vela ``nn_macs`` on conv graphs).

    CONV_2D H_o W_o C_o K_h K_w C_i; DEPTHWISE_CONV_2D H_o W_o C_o K_h K_w;
    FULLY_CONNECTED B C_i C_o; TRANSPOSE_CONV H_i W_i C_i K_h K_w C_o;
    BATCH_MATMUL B M K N; UNIDIRECTIONAL_SEQUENCE_LSTM B T 4 H (F + H) (the four gate
    FCs per step, = Vela's per-layer MACs of the unrolled cell); every other op 0.
    """
    t = g.tensors
    try:
        if op.type in ("CONV_2D", "DEPTHWISE_CONV_2D"):
            out, w = t[op.outputs[0]].shape, t[op.inputs[1]].shape
            kh, kw = w[1], w[2]
            base = out[0] * out[1] * out[2] * out[3] * kh * kw
            return base * (w[3] if op.type == "CONV_2D" else 1)
        if op.type == "FULLY_CONNECTED":
            w = t[op.inputs[1]].shape
            rows = math.prod(t[op.outputs[0]].shape) // max(w[0], 1)
            return rows * w[0] * w[1]
        if op.type == "TRANSPOSE_CONV":
            w, x = t[op.inputs[1]].shape, t[op.inputs[2]].shape
            return x[1] * x[2] * x[3] * w[1] * w[2] * w[0]
        if op.type == "UNIDIRECTIONAL_SEQUENCE_LSTM":  # 4 gates x (input + recurrent)
            x, wr = t[op.inputs[0]].shape, t[op.inputs[5]].shape
            return math.prod(x[:-1]) * 4 * wr[0] * (x[-1] + wr[1])
        if op.type == "BATCH_MATMUL":
            a, b = t[op.inputs[0]].shape, t[op.inputs[1]].shape
            return math.prod(a[:-1]) * a[-1] * b[-1]
    except (IndexError, TypeError):
        return 0
    return 0


def total_macs(g: OpGraph) -> int:
    """Sum of :func:`op_macs` over the graph."""
    return sum(op_macs(g, op) for op in g.ops)


def _shape4(shape: Sequence[int]) -> list[int]:
    s = [int(v) for v in shape]
    if len(s) > 4:
        s = [math.prod(s[:-3])] + s[-3:]
    return [1] * (4 - len(s)) + s


def _dtype_onehot(dtype: str) -> list[float]:
    return [float(dtype == d) for d in DTYPES] + [float(dtype not in DTYPES)]


def category(op: Op) -> int:
    """Category id: 2 + BuiltinOperator code of ``op.type`` (CUSTOM ops: 2 + 32)."""
    name = "CUSTOM" if op.type.startswith("CUSTOM:") else op.type
    try:
        code = op_code(name)
    except KeyError:
        code = int(op.code)
    return 2 + min(max(code, 0), 255)


def node_features(g: OpGraph) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Raw (unscaled) node features, categories and the tensor of each input node.

    Returns ``x [N, len(FEATURE_COLUMNS)] float32``, ``cat [N] int32`` and, for
    the input nodes (appended after the op nodes), their tensor indices.
    """
    produced = g.producers()
    rows, cats = [], []
    for op in g.ops:
        out = g.tensors[op.outputs[0]] if op.outputs else Tensor("", (1,))
        opts = [_option_value(f, op.options.get(f, 0)) for f in OPTION_FIELDS]
        ins = [g.tensors[i] for i in op.inputs if i >= 0]
        params = sum(x.nbytes for x in ins if x.data is not None)
        act = sum(x.nbytes for x in ins if x.data is None) + sum(
            g.tensors[o].nbytes for o in op.outputs
        )
        w = ins[1].shape if len(ins) > 1 and len(ins[1].shape) == 4 else None
        kh, kw = (
            (w[1], w[2])
            if w and op.type in ("CONV_2D", "DEPTHWISE_CONV_2D", "TRANSPOSE_CONV")
            else (0, 0)
        )
        if op.type in ("AVERAGE_POOL_2D", "MAX_POOL_2D"):
            kh, kw = (
                op.options.get("filter_height", 0),
                op.options.get("filter_width", 0),
            )
        c_in = ins[0].shape[-1] if ins and ins[0].shape else 0
        if op.type == "TRANSPOSE_CONV" and len(ins) > 2:  # input 0 is output_shape
            c_in = ins[2].shape[-1]
        if op.type == "SPLIT" and len(ins) > 1:  # input 0 is the axis
            c_in = ins[1].shape[-1] if ins[1].shape else 0
        if op.type == "FULLY_CONNECTED" and w is None and len(ins) > 1 and len(
                ins[1].shape) == 2:  # the FC's input depth, whatever the input's rank
            c_in = ins[1].shape[1]
        plus = [math.log1p(op_macs(g, op)), math.log1p(params), math.log1p(act)]
        plus += _dtype_onehot(out.dtype) + [float(kh), float(kw), float(c_in)]
        rows.append(_shape4(out.shape) + opts + plus)
        cats.append(category(op))
    input_tensors = _input_tensors(g, produced)
    for ti in input_tensors:
        t = g.tensors[ti]
        nb = t.nbytes
        plus = [
            0.0,
            math.log1p(nb if t.data is not None else 0),
            math.log1p(nb if t.data is None else 0),
        ]
        plus += _dtype_onehot(t.dtype) + [0.0, 0.0, 0.0]
        rows.append(_shape4(t.shape) + [0.0] * len(OPTION_FIELDS) + plus)
        cats.append(INPUT_CATEGORY)
    x = np.asarray(rows, np.float32).reshape(len(rows), len(FEATURE_COLUMNS))
    return x, np.asarray(cats, np.int32), input_tensors


def _option_value(field: str, v: Any) -> float:
    """Feature value of an option: enum names (``padding="SAME"``) as their schema
    codes, as the public PerfSAGE preprocessing stores them (spec §2.1 step 5)."""
    if isinstance(v, str):
        return float(option_code(field, v))
    return float(_scalar(v))


def _scalar(v: Any) -> float:
    return (
        float(v)
        if isinstance(v, int | float | bool | np.integer | np.floating)
        else 0.0
    )


def _input_tensors(g: OpGraph, produced: dict[int, int]) -> list[int]:
    seen: dict[int, None] = {}
    for op in g.ops:
        for i in op.inputs:
            if i >= 0 and i not in produced:
                seen.setdefault(i)
    for i in g.inputs:
        if i not in produced:
            seen.setdefault(i)
    return list(seen)


def edges(g: OpGraph, direction: str = "forward") -> tuple[np.ndarray, np.ndarray]:
    """Edge index arrays ``(senders, receivers)`` over the nodes of
    :func:`node_features` (ops first, then input nodes).

    ``direction``: ``"forward"`` producer -> consumer (spec §2.1 item 4),
    ``"reverse"`` consumer -> producer (jraph aggregates at receivers, so reverse
    edges make a node average its *successors*, PerfSAGE's N(v)), or ``"both"``.
    """
    produced = g.producers()
    inputs = _input_tensors(g, produced)
    node_of = {t: len(g.ops) + k for k, t in enumerate(inputs)}
    pairs: dict[tuple[int, int], None] = {}
    for ci, op in enumerate(g.ops):
        for t in op.inputs:
            if t < 0:
                continue
            src = produced.get(t, node_of.get(t))
            if src is not None:
                pairs.setdefault((src, ci))
    e = np.asarray(list(pairs), np.int32).reshape(-1, 2)
    s, r = e[:, 0], e[:, 1]
    if direction == "forward":
        return s, r
    if direction == "reverse":
        return r, s
    if direction == "both":
        return np.concatenate([s, r]), np.concatenate([r, s])
    raise ValueError(f"direction must be forward, reverse or both, got {direction!r}")


def to_graphs_tuple(
    g: OpGraph, *, direction: str = "forward", globals_: np.ndarray | None = None
) -> jraph.GraphsTuple:
    """One op graph as a ``jraph.GraphsTuple``.

    ``nodes = {"x": [N, F] float32 raw features, "cat": [N] int32}``; no edge
    features; ``globals`` = ``globals_`` (e.g. labels, ``[1, T]``) or zeros [1, 1].
    """
    x, cat, _ = node_features(g)
    s, r = edges(g, direction)
    glob = (
        np.zeros((1, 1), np.float32)
        if globals_ is None
        else np.asarray(globals_, np.float32).reshape(1, -1)
    )
    return jraph.GraphsTuple(
        nodes={"x": x, "cat": cat},
        edges=None,
        senders=s,
        receivers=r,
        n_node=np.asarray([len(x)], np.int32),
        n_edge=np.asarray([len(s)], np.int32),
        globals=glob,
    )


def next_pow2(n: int) -> int:
    """Smallest power of two >= n (>= 1)."""
    return 1 << max(int(n) - 1, 0).bit_length()


def pad_batch(
    graphs: Sequence[jraph.GraphsTuple],
    *,
    min_nodes: int = 64,
    min_edges: int = 64,
    n_graphs: int | None = None,
) -> jraph.GraphsTuple:
    """Batch graphs and pad to a power-of-two bucket of nodes and edges.

    Padding graphs are appended up to ``n_graphs`` (default ``len(graphs) + 1``;
    a fixed count keeps the shapes of a short last batch in the same bucket).
    Mask real graphs with ``jraph.get_graph_padding_mask``.
    """
    b = jraph.batch_np(list(graphs))
    n = next_pow2(max(int(b.n_node.sum()) + 1, min_nodes))
    e = next_pow2(max(int(b.n_edge.sum()), min_edges))
    return jraph.pad_with_graphs(b, n, e, n_graphs or len(graphs) + 1)
