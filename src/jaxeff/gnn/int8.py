"""Full-INT8 copies of float TFLite op graphs, with LiteRT-calibrated ranges.

PerfSAGE (arXiv 2301.10999) dataset generation, spec perfsage.md §5.2: Vela and the
int8 kernels of LiteRT need a fully quantized graph. :func:`quantize_int8`:
per-tensor asymmetric int8 activations, per-channel symmetric int8 weights
(quantized dim 0; depthwise 3), int32 bias with scale ``s_in * s_w[c]``, the output
quantization TFLite fixes (SOFTMAX / LOGISTIC / TANH) or ties to the input
(RESHAPE, pools, PAD, DEPTH_TO_SPACE, SPACE_TO_DEPTH, RESIZE_*, STRIDED_SLICE, SPLIT,
SPLIT_V, TRANSPOSE).
Activation ranges come from :func:`calibrate` (the float graph run in LiteRT) or
from a caller.
"""

from __future__ import annotations

import dataclasses
import warnings

import numpy as np

from jaxeff._extras import require
from jaxeff.tflite.ir import Op, OpGraph, Tensor
from jaxeff.tflite.writer import write_tflite

# int8 outputs TFLite fixes (scale, zero point).
FIXED_QUANT = {
    "SOFTMAX": (1 / 256, -128),
    "LOGISTIC": (1 / 256, -128),
    "TANH": (1 / 128, 0),
}
# smallest activation range (floor of a dead tensor's scale, see _qparams)
MIN_RANGE = 0.05
# ops whose int8 kernels need output quantization == input quantization.
SAME_QUANT = ("RESHAPE", "MAX_POOL_2D", "AVERAGE_POOL_2D", "PAD", "DEPTH_TO_SPACE",
              "SPACE_TO_DEPTH",
              "RESIZE_NEAREST_NEIGHBOR", "RESIZE_BILINEAR", "STRIDED_SLICE", "SPLIT",
              "SPLIT_V", "TRANSPOSE")
# ops whose int8 kernels compare the codes of both inputs (TFLite's
# restrict_same_input_output_scale; Vela keeps them on the NPU only with matching
# quantization): the output and a constant second input take input 0's (scale, zero
# point). No graph before session 43's families LXXII has one, so nothing changes.
SAME_QUANT_ALL = ("MAXIMUM", "MINIMUM")
# SAME_QUANT ops whose data input is not input 0
_DATA_INPUT = {"SPLIT": 1}
# ops _unify_concat_ranges joins through
_JOINED = ("CONCATENATION", "RESHAPE", "STRIDED_SLICE", "SPLIT", "SPLIT_V",
           "TRANSPOSE")


def _qparams(lo: float, hi: float, min_scale: float = 0.0) -> tuple[float, int]:
    lo, hi = min(float(lo), 0.0), max(float(hi), 0.0)
    # floor the range: a dead (all-zero) tensor would get a scale so small that
    # LiteRT/XNNPACK reject the requantization multiplier (must be < 256)
    scale = max((hi - lo) / 255.0, MIN_RANGE / 255.0, min_scale)
    zp = int(np.clip(round(-128 - lo / scale), -128, 127))
    return scale, zp


def quantize_int8(g: OpGraph, ranges: dict[int, tuple[float, float]], *,
                  act_qparams: dict[int, tuple[float, int]] | None = None,
                  weight_scales: dict[int, np.ndarray] | None = None,
                  same_scale_concat: bool = False) -> OpGraph:
    """Full-INT8 copy of a float graph (spec §5.2).

    ``ranges``: tensor index -> (min, max) of every non-constant float tensor.
    Weights of CONV_2D / TRANSPOSE_CONV / DEPTHWISE_CONV_2D are per-channel symmetric (dims 0 / 3),
    FULLY_CONNECTED per-tensor symmetric, biases int32 (scale ``s_in * s_w``),
    other float constants per-tensor asymmetric, int32 constants unchanged.
    ``act_qparams`` (tensor -> (scale, zero point)) and ``weight_scales`` (weight
    tensor -> per-channel or per-tensor scales) replace the ones derived here (a
    model quantized elsewhere, :func:`jaxeff.tflite.flax_export.export_int8`);
    outputs whose quantization TFLite fixes or ties to the input (and HARD_SWISH's)
    keep that rule. ``same_scale_concat``: the inputs and output of every
    CONCATENATION share one range (the union of theirs, transitively), as the TFLite
    converter's same-scale constraint makes them; XNNPACK's int8 CONCATENATION rejects
    unequal ones. Off by default, so graphs quantized before it stay byte-identical.
    """
    if same_scale_concat:
        ranges = _unify_concat_ranges(g, ranges)
    ts = [Tensor(t.name, t.shape, t.dtype, t.data, is_variable=t.is_variable)
          for t in g.tensors]
    given = dict(act_qparams or {})
    wscales = dict(weight_scales or {})

    def rng(i: int) -> tuple[float, float]:
        if i not in ranges:
            raise ValueError(f"tensor {i} ({g.tensors[i].name!r}) has no calibration range: "
                             "calibrate() saw no value for it")
        return ranges[i]

    def set_act(i: int, scale: float, zp: int) -> None:
        ts[i].dtype, ts[i].scale = "int8", np.asarray([scale], np.float32)
        ts[i].zero_point = np.asarray([zp], np.int64)

    for i in g.inputs:
        set_act(i, *(given.get(i) or _qparams(*rng(i))))
    ops = list(g.ops)
    for k, op in enumerate(g.ops):
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
            elif op.type in SAME_QUANT or op.type in SAME_QUANT_ALL:
                src = ts[op.inputs[_DATA_INPUT.get(op.type, 0)]]
                set_act(o, float(src.scale[0]), int(src.zero_point[0]))
            elif op.type == "HARD_SWISH":
                # LiteRT's int8 HARD_SWISH requires s_in / (128 s_out) < 1 (its output
                # multiplier exponent must be <= 0): an input range much wider than
                # the output's (mostly negative inputs) would be rejected at Prepare,
                # so the output scale is floored at s_in / 127.
                s_in = float(ts[op.inputs[0]].scale[0])
                set_act(o, *_qparams(*rng(o), min_scale=s_in / 127.0))
            else:
                set_act(o, *(given.get(o) or _qparams(*rng(o))))
        if op.type == "UNIDIRECTIONAL_SEQUENCE_LSTM":
            ops[k] = _quantize_lstm(op, g, ts)
            continue
        if op.type in ("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED", "TRANSPOSE_CONV"):
            if op.type == "TRANSPOSE_CONV":  # (output_shape, weights OHWI, input[, bias])
                w, x = op.inputs[1:3]
                b = op.inputs[3] if len(op.inputs) > 3 else -1
            else:
                x, w, b = op.inputs[:3]
            wf = g.tensors[w].data
            axis = 3 if op.type == "DEPTHWISE_CONV_2D" else 0
            if w in wscales:
                sw = np.asarray(wscales[w], np.float32).reshape(-1)
            elif op.type == "FULLY_CONNECTED":
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
                    if op.type in SAME_QUANT_ALL and i != op.inputs[0]:
                        src = ts[op.inputs[0]]
                        s, z = float(src.scale[0]), int(src.zero_point[0])
                    else:
                        s, z = _qparams(t.data.min(), t.data.max())
                    ts[i].data = np.clip(np.round(t.data / s) + z, -128, 127).astype(
                        np.int8
                    )
                    ts[i].dtype, ts[i].scale = "int8", np.asarray([s], np.float32)
                    ts[i].zero_point = np.asarray([z], np.int64)
    return OpGraph(ts, ops, g.inputs, g.outputs, g.name)


def _unify_concat_ranges(g: OpGraph, ranges: dict[int, tuple[float, float]]
                         ) -> dict[int, tuple[float, float]]:
    """``ranges`` with every CONCATENATION's tensors given their union range, joined
    through the copying ops whose outputs share their input's quantization (RESHAPE,
    the slices: their own output ranges lie inside their input's)."""
    parent = {i: i for i in ranges}

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for op in g.ops:
        if op.type in _JOINED:
            ts = [i for i in (*op.inputs, *op.outputs) if i in parent]
            for i in ts[1:]:
                parent[root(i)] = root(ts[0])
    union: dict[int, tuple[float, float]] = {}
    for i, (lo, hi) in ranges.items():
        r = root(i)
        ulo, uhi = union.get(r, (lo, hi))
        union[r] = (min(ulo, lo), max(uhi, hi))
    return {i: union[root(i)] for i in ranges}


def _quantize_lstm(op: Op, g: OpGraph, ts: list[Tensor]) -> Op:
    """Integer UNIDIRECTIONAL_SEQUENCE_LSTM (TFLite's 8x8_16 scheme, the form of the
    LiteRT int8 kernel and Vela): weights 1-8 per-tensor symmetric int8, gate biases
    12-15 int32 at ``s_in * s_w`` of the gate's input weights, the variable output
    state int8 with the output's quantization, the cell state int16 at 2^-12 (cell clip
    10 fits in Q3.12), and five intermediates (four float gate placeholders, no layer
    norm, and the hidden-state scale = output scale), all of shape ``(0,)``."""
    x, out = op.inputs[0], op.outputs[0]
    s_in = float(ts[x].scale[0])
    sw = {}
    for i in range(1, 9):
        wf = g.tensors[op.inputs[i]].data
        sw[i] = float(np.float32(max(float(np.abs(wf).max()) / 127.0, 1e-8)))
        t = ts[op.inputs[i]]
        t.data = np.clip(np.round(wf / sw[i]), -127, 127).astype(np.int8)
        t.dtype, t.scale, t.zero_point = "int8", np.asarray([sw[i]], np.float32), \
            np.zeros(1, np.int64)
    for i in range(12, 16):
        sb = s_in * sw[i - 11]
        t = ts[op.inputs[i]]
        t.data = np.round(g.tensors[op.inputs[i]].data / sb).astype(np.int32)
        t.dtype, t.scale, t.zero_point = "int32", np.asarray([sb], np.float32), \
            np.zeros(1, np.int64)
    so, zo = ts[out].scale, ts[out].zero_point
    ts[op.inputs[18]].dtype, ts[op.inputs[18]].scale = "int8", so.copy()
    ts[op.inputs[18]].zero_point = zo.copy()
    ts[op.inputs[19]].dtype = "int16"
    ts[op.inputs[19]].scale = np.asarray([2.0**-12], np.float32)
    ts[op.inputs[19]].zero_point = np.zeros(1, np.int64)
    inter = []
    for gate in ("input", "forget", "cell", "output"):
        ts.append(Tensor(f"{ts[out].name}_{gate}_intermediate", (0,), "float32"))
        inter.append(len(ts) - 1)
    ts.append(Tensor(f"{ts[out].name}_hidden_intermediate", (0,), "int8", None,
                     so.copy(), zo.copy()))
    inter.append(len(ts) - 1)
    return dataclasses.replace(op, intermediates=tuple(inter))


BOUNDARY_DTYPES = ("int8", "uint8", "float32")


def with_io_boundary(q: OpGraph, in_dtype: str = "int8", out_dtype: str = "int8",
                     in_scale: float | None = None) -> OpGraph:
    """Add the boundary operators real converted models carry: a QUANTIZE from a
    ``uint8`` (same scale, zero point + 128) or ``float32`` graph input to each int8
    input, and a QUANTIZE to ``uint8`` or a DEQUANTIZE to ``float32`` after each int8
    output (``"int8"``: no operator); ``in_scale``: a uint8 input with its own scale
    (e.g. 1.0, raw 0..255 pixels; zero point 0), so the QUANTIZE rescales. Vela runs the uint8 <-> int8 QUANTIZE on the NPU
    and leaves the float ones to the CPU (not counted as CPU operators)."""
    for d in (in_dtype, out_dtype):
        if d not in BOUNDARY_DTYPES:
            raise ValueError(f"boundary dtype must be one of {BOUNDARY_DTYPES}, got {d!r}")
    ts = list(q.tensors)
    ops = list(q.ops)

    def outer(i: int, dtype: str, tag: str) -> int:
        t = ts[i]
        if dtype == "uint8" and tag == "in" and in_scale is not None:
            ts.append(Tensor(f"{t.name}_{tag}", t.shape, "uint8", None,
                             np.asarray([in_scale], np.float32), np.zeros(1, np.int64)))
        elif dtype == "uint8":
            ts.append(Tensor(f"{t.name}_{tag}", t.shape, "uint8", None, t.scale.copy(),
                             t.zero_point + 128))
        else:
            ts.append(Tensor(f"{t.name}_{tag}", t.shape, "float32"))
        return len(ts) - 1

    inputs, outputs = list(q.inputs), list(q.outputs)
    if in_dtype != "int8":
        for j, i in enumerate(q.inputs):
            inputs[j] = outer(i, in_dtype, "in")
            ops.insert(0, Op("QUANTIZE", (inputs[j],), (i,)))
    if out_dtype != "int8":
        for j, o in enumerate(q.outputs):
            outputs[j] = outer(o, out_dtype, "out")
            ops.append(Op("QUANTIZE" if out_dtype == "uint8" else "DEQUANTIZE", (o,),
                          (outputs[j],)))
    return OpGraph(ts, ops, tuple(inputs), tuple(outputs), q.name)


def calibrate(
    g: OpGraph, *, seed: int = 0, samples: int = 2,
    inputs: list[list[np.ndarray]] | None = None,
) -> dict[int, tuple[float, float]]:
    """Per-tensor (min, max) of a float graph run in LiteRT on N(0, 1) inputs, or on
    ``inputs`` (a list of samples, each one array per graph input) when given. A
    tensor LiteRT never allocates (an output no operator reads, such as an unused
    SPLIT output) gets no range; :func:`quantize_int8` ties those to their input."""
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
    for k in range(samples if inputs is None else len(inputs)):
        for j, d in enumerate(interp.get_input_details()):
            v = (rng.standard_normal(d["shape"]) if inputs is None
                 else np.asarray(inputs[k][j]).reshape(d["shape"]))
            interp.set_tensor(d["index"], v.astype(np.float32))
        interp.invoke()
        for i, t in enumerate(g.tensors):
            if t.data is None:
                try:
                    v = interp.get_tensor(i)
                except ValueError:  # never allocated: an output no operator reads
                    continue  # (e.g. an unused SPLIT output; its quantization is tied)
                lo[i], hi[i] = min(lo[i], float(v.min())), max(hi[i], float(v.max()))
    return {i: (lo[i], hi[i]) for i in lo if np.isfinite(lo[i])}
