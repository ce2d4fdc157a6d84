"""Performance labels of a TFLite model: Vela (Ethos-U55/U65), LiteRT host CPU,
an analytic memory planner and an energy *model*.

PerfSAGE (arXiv 2301.10999) predicts latency, energy and memory on edge devices;
its public code labels graphs with Vela ``inference_time``. Spec perfsage.md §5.1:

* Vela 5.2 with explicit ``--accelerator-config``, ``--system-config`` and
  ``--memory-mode Shared_Sram`` (defaults would silently pick ethos-u55-256):
  latency = ``inference_time`` (s, = cycles_total / core_clock), SRAM =
  ``sram_memory_used`` (KiB), per-layer ``Op Cycles`` and ``Target`` (NPU/CPU).
* Host CPU: LiteRT ``Interpreter(num_threads=1)`` (default XNNPACK), warm-ups,
  median of n = clip(2 s / first run, 5, 50) ``invoke()`` times, IQR stored.
  The runtime wrappers are :mod:`jaxeff.tflite.vela` and :mod:`jaxeff.tflite.litert`.
* Memory: non-constant tensors, size align16(prod(shape) * itemsize), life =
  [producer op (inputs: 0), last consumer (outputs: last op)]; peak live bytes and
  a greedy arena (largest first, lowest non-overlapping offset).
* Energy: E = e_mac * nn_macs + e_sram * sram_bytes + e_dram * dram_bytes +
  e_flash * flash_bytes + P_idle * t (0.2 pJ/MAC, 1.25 / 160 / 100 pJ/B, 0 W;
  45 nm magnitudes after Horowitz, ISSCC 2014; the flash cost is assumed). This is
  a model, not a measurement [U].
* Kernels alone (issue 22, session 21): :func:`alone_cycles` compiles every kernel
  (an operator and the activation Vela fuses into it, :func:`kernels`) as a graph of
  its own, the context-free cost that the in-graph per-layer cycles are compared with;
  :func:`attach_alone` adds such labels (``experiments.perfsage_alone``) to records.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from typing import Any

import numpy as np

from jaxeff.gnn.graph import op_macs
from jaxeff.tflite.ir import OpGraph
from jaxeff.tflite.litert import host_latency
from jaxeff.tflite.vela import VelaResult, compile_model

log = logging.getLogger(__name__)

PLATFORMS = {  # name -> (accelerator config, system config)
    "u55": ("ethos-u55-128", "Ethos_U55_High_End_Embedded"),
    "u65": ("ethos-u65-256", "Ethos_U65_High_End"),
}


def run_vela(model: str | os.PathLike | bytes, platform: str = "u55") -> VelaResult:
    """Vela estimates of a TFLite model on a PerfSAGE platform (:data:`PLATFORMS`:
    ``"u55"`` / ``"u65"`` -> accelerator and system config, Shared_Sram memory
    mode), via :func:`jaxeff.tflite.vela.compile_model`."""
    if platform not in PLATFORMS:
        raise ValueError(
            f"platform must be one of {sorted(PLATFORMS)}, got {platform!r}"
        )
    accel, system = PLATFORMS[platform]
    return compile_model(model, accelerator_config=accel, system_config=system,
                         memory_mode="Shared_Sram")


@dataclasses.dataclass(frozen=True, kw_only=True)
class EnergyModel:
    """Per-event energies (pJ) and idle power (W) of the energy model (spec §5.1)."""

    e_mac_pj: float = 0.2
    e_sram_pj_per_byte: float = 1.25
    e_dram_pj_per_byte: float = 160.0
    e_flash_pj_per_byte: float = 100.0
    p_idle_w: float = 0.0


def energy_uj(v: VelaResult, m: EnergyModel = EnergyModel()) -> float:
    """Modelled inference energy in microjoules from Vela counts (not measured)."""
    pj = (
        m.e_mac_pj * v.nn_macs
        + m.e_sram_pj_per_byte * v.sram_bytes
        + m.e_dram_pj_per_byte * v.dram_bytes
        + m.e_flash_pj_per_byte * v.flash_bytes
    )
    return pj * 1e-6 + m.p_idle_w * v.latency_ms * 1e3


def _align16(n: int) -> int:
    return (n + 15) // 16 * 16


def memory_plan(g: OpGraph) -> dict[str, int]:
    """Peak live activation bytes, greedy arena bytes and constant (weight) bytes.

    Non-constant tensors live from their producer op (graph inputs: op 0) to their
    last consumer (graph outputs: the last op); sizes are 16-byte aligned.
    """
    last = max(len(g.ops) - 1, 0)
    start, end = {}, {}
    for i in g.inputs:
        start[i] = end[i] = 0
    for k, op in enumerate(g.ops):
        for t in op.outputs:
            if t >= 0:
                start.setdefault(t, k)
                end[t] = max(end.get(t, k), k)
        for t in op.inputs:
            if t >= 0 and g.tensors[t].data is None:
                start.setdefault(t, 0)
                end[t] = max(end.get(t, k), k)
    for t in g.outputs:
        end[t] = last
    size = {t: _align16(g.tensors[t].nbytes) for t in start}
    peak = max(
        (
            sum(size[t] for t in start if start[t] <= k <= end[t])
            for k in range(len(g.ops) or 1)
        ),
        default=0,
    )
    placed: list[tuple[int, int, int, int]] = []  # offset, size, start, end
    arena = 0
    for t in sorted(start, key=lambda t: (-size[t], start[t], t)):
        clash = sorted(
            (o, o + s) for o, s, a, b in placed if not (end[t] < a or b < start[t])
        )
        off = 0
        for lo, hi in clash:
            if off + size[t] <= lo:
                break
            off = max(off, hi)
        placed.append((off, size[t], start[t], end[t]))
        arena = max(arena, off + size[t])
    weights = sum(t.nbytes for t in g.tensors if t.data is not None)
    return {
        "peak_bytes": int(peak),
        "arena_bytes": int(arena),
        "weight_bytes": int(weights),
    }


def label_model(
    g: OpGraph,
    buf: bytes,
    *,
    platforms: tuple[str, ...] = ("u55", "u65"),
    host: bool = True,
    energy: EnergyModel = EnergyModel(),
) -> dict[str, Any]:
    """All labels of one int8 model: ``{target: value}`` plus per-layer Vela rows.

    Targets: ``<p>_latency_ms``, ``<p>_sram_kib``, ``<p>_energy_uj`` per Vela
    platform (and ``<p>_op_cycles``, per TFLite op), ``host_latency_ms``
    (+ ``host_iqr_ms``), ``peak_kib``, ``arena_kib``.
    """
    out: dict[str, Any] = {}
    for p in platforms:
        v = run_vela(buf, p)
        out.update(
            {
                f"{p}_latency_ms": v.latency_ms,
                f"{p}_sram_kib": v.sram_kib,
                f"{p}_energy_uj": energy_uj(v, energy),
                f"{p}_cycles": v.cycles,
                f"{p}_cpu_ops": v.cpu_ops,
                f"{p}_nn_macs": v.nn_macs,
                f"{p}_op_cycles": per_op_cycles(
                    g, v.per_layer, list(v.original_ops)
                ).tolist(),
            }
        )
    if host:
        h = host_latency(buf)
        out.update(
            host_latency_ms=h["median_ms"], host_iqr_ms=h["iqr_ms"], host_runs=h["n"]
        )
    m = memory_plan(g)
    out.update(
        peak_kib=m["peak_bytes"] / 1024,
        arena_kib=m["arena_bytes"] / 1024,
        weight_kib=m["weight_bytes"] / 1024,
    )
    return out


#: version of :func:`per_op_cycles`' row attribution, stored with each dataset shard's
#: tool versions: 2 since session 21 (an operator written in place into a CONCATENATION
#: keeps its row; shards of version 1 or without it have those rows on the
#: CONCATENATION); 3 since session 23 (when several operators write into one
#: CONCATENATION, version 2 gave all their rows to the one of their type nearest it)
PER_OP_ATTRIBUTION = 3

_VELA_TYPES = {
    "Conv2D": "CONV_2D",
    "DepthwiseConv2D": "DEPTHWISE_CONV_2D",
    "FullyConnected": "FULLY_CONNECTED",
    "Add": "ADD",
    "Mul": "MUL",
    "Sub": "SUB",
    "MaxPool": "MAX_POOL_2D",
    "AvgPool": "AVERAGE_POOL_2D",
    "Mean": "MEAN",
    "Reshape": "RESHAPE",
    "Softmax": "SOFTMAX",
    "Concat": "CONCATENATION",
    "ConcatTFLite": "CONCATENATION",
    "Pad": "PAD",
    "HardSwish": "HARD_SWISH",
    "Sigmoid": "LOGISTIC",
    "Relu": "RELU",
    "Relu6": "RELU6",
    "Prelu": "PRELU",
    "UnidirectionalSequenceLstm": "UNIDIRECTIONAL_SEQUENCE_LSTM",
    "Quantize": "QUANTIZE",
    "Dequantize": "DEQUANTIZE",
    "DepthToSpace": "DEPTH_TO_SPACE",
    "SpaceToDepth": "SPACE_TO_DEPTH",
    "Tanh": "TANH",
    "StridedSlice": "STRIDED_SLICE",
    "Split": "SPLIT",
    "SplitV": "SPLIT_V",
    "Transpose": "TRANSPOSE",
    # session 21: without these a row Vela names after the CONCATENATION an operator
    # writes into (in place) landed on that CONCATENATION, leaving the operator 0 cycles
    "TransposeConv2D": "TRANSPOSE_CONV",
    "LeakyRelu": "LEAKY_RELU",
    "ResizeBilinear": "RESIZE_BILINEAR",
    "ResizeNearestNeighbor": "RESIZE_NEAREST_NEIGHBOR",
}


def _split_weight(g: OpGraph, i: int) -> float:
    """Roofline weight of operator ``i``: ``max(MACs, 16 x activation bytes)`` (U55-128
    and U65-256 both do 16 MACs per SRAM byte at peak, ``bounds.PEAK``), at least 1."""
    op = g.ops[i]
    act = sum(g.tensors[t].nbytes for t in (*op.inputs, *op.outputs)
              if t >= 0 and g.tensors[t].data is None)
    return float(max(op_macs(g, op), 16 * act, 1))


def per_op_cycles(
    g: OpGraph, per_layer: list | tuple, original_ops: list[str]
) -> np.ndarray:
    """Vela per-layer ``Op Cycles`` summed onto the TFLite ops of ``g`` [n_ops].

    A row is matched by its name (the output tensor name it derives from) and its
    original operator type; rows of one fused TFLite op land on that op, and the
    total equals ``cycles_total`` (spec §5.1). The nn-Meter "oracle" baseline
    trains on these per-op labels (spec §3.2).

    Rows of operators Vela writes in place into a CONCATENATION are named after its
    output: a row of type ``T`` goes to its producers of type ``T`` without a row of
    their own, split by roofline weight (:func:`_split_weight`) when there are several
    (version 3, session 23, ours [U]); any other type mismatch goes to the nearest
    operator of the row's type (version 2).
    """
    names = [(i, g.tensors[o].name) for i, op in enumerate(g.ops) for o in op.outputs
             if o >= 0]  # every output: a SPLIT's rows are named after any of them
    made = {o: i for i, op in enumerate(g.ops) for o in op.outputs if o >= 0}

    def by_name(name: str) -> int | None:
        cands = [(len(n), i) for i, n in names
                 if n and (name == n or name.startswith(n + "_"))]
        return max(cands, key=lambda c: c[0])[1] if cands else None

    rows = [(by_name(name), _VELA_TYPES.get(orig), cyc)
            for (name, _target, cyc), orig in zip(per_layer, original_ops, strict=True)]
    own = {k for k, typ, _ in rows if k is not None and g.ops[k].type == typ}
    out = np.zeros(len(g.ops), np.float64)
    pooled: dict[tuple[int, str], tuple[float, list[int]]] = {}  # cycles, writers
    last = 0
    for k, typ, cyc in rows:
        k = last if k is None else k
        if typ is not None and g.ops[k].type != typ:
            w = [made[t] for t in g.ops[k].inputs if t in made] \
                if g.ops[k].type == "CONCATENATION" else []
            w = sorted({i for i in w if g.ops[i].type == typ and i not in own})
            if w:
                pooled[(k, typ)] = (pooled.get((k, typ), (0.0, w))[0] + cyc, w)
                last = k
                continue
            same = [i for i, op in enumerate(g.ops) if op.type == typ]
            if same:
                k = min(same, key=lambda i: (abs(i - k), i))
        out[k] += cyc
        last = k
    for cyc, w in pooled.values():
        wt = np.asarray([_split_weight(g, i) for i in w])
        out[w] += cyc * wt / wt.sum()
    return out


def kernels(g: OpGraph) -> list[list[int]]:
    """The operators of ``g`` in execution order, grouped as Vela runs them: an
    operator of :data:`jaxeff.gnn.velamem.ACT_PRODUCERS` and the standalone activation
    (:data:`~jaxeff.gnn.velamem.FUSABLE_ACTIVATIONS`) that is its output's only
    consumer form one kernel (Vela fuses it); every other operator is its own."""
    from jaxeff.gnn.velamem import ACT_PRODUCERS, FUSABLE_ACTIVATIONS

    cons: dict[int, list[int]] = {}
    for i, op in enumerate(g.ops):
        for t in op.inputs:
            if t >= 0:
                cons.setdefault(t, []).append(i)
    taken: set[int] = set()
    out = []
    for v, op in enumerate(g.ops):
        if v in taken:
            continue
        k = [v]
        if op.type in ACT_PRODUCERS and len(op.outputs) == 1:
            c = cons.get(op.outputs[0], [])
            if (len(c) == 1 and g.ops[c[0]].type in FUSABLE_ACTIVATIONS
                    and op.outputs[0] not in g.outputs):
                k.append(c[0])
                taken.add(c[0])
        out.append(k)
    return out


def kernel_graph(g: OpGraph, ops: list[int]) -> OpGraph:
    """The operators ``ops`` of ``g`` (one kernel, :func:`kernels`) as a graph of their
    own: the activations they read become graph inputs, constants stay constants and
    the last operator's outputs are the graph's outputs."""
    made = {t for i in ops for t in g.ops[i].outputs if t >= 0}
    used: list[int] = []
    for i in ops:
        op = g.ops[i]
        for t in (*op.inputs, *op.outputs, *op.intermediates):
            if t >= 0 and t not in used:
                used.append(t)
    idx = {t: j for j, t in enumerate(used)}
    new_ops = [dataclasses.replace(
        g.ops[i], inputs=tuple(idx[t] if t >= 0 else -1 for t in g.ops[i].inputs),
        outputs=tuple(idx[t] for t in g.ops[i].outputs if t >= 0),
        intermediates=tuple(idx[t] for t in g.ops[i].intermediates if t >= 0)) for i in ops]
    reads = {t for i in ops for t in g.ops[i].inputs}
    ins = tuple(idx[t] for t in used if t in reads and t not in made
                and g.tensors[t].data is None and not g.tensors[t].is_variable)
    outs = tuple(idx[t] for t in g.ops[ops[-1]].outputs if t >= 0)
    return OpGraph(tensors=[dataclasses.replace(g.tensors[t]) for t in used], ops=new_ops,
                   inputs=ins, outputs=outs, name="kernel")


def alone_cycles(g: OpGraph, platforms: tuple[str, ...] = ("u55", "u65")
                 ) -> dict[str, np.ndarray]:
    """Per platform, Vela's cycles of every kernel of ``g`` (:func:`kernels`) compiled
    as a graph of its own, on the kernel's first operator ``[n_ops]`` (a fused
    activation and a memory-only operator, :data:`jaxeff.gnn.velamem.MEMORY_ONLY`,
    get 0, as inside a graph). This is the context-free cost of each kernel; Vela's
    per-layer cycles inside the graph (:func:`per_op_cycles`) sum to a median 4-5 % less on
    real models (issue 22, session 21), mostly where a weight transfer overlaps the
    previous operator or a CONCATENATION is written in place. A kernel Vela cannot compile alone, or leaves on the CPU, raises
    ``ValueError`` naming it."""
    from jaxeff.gnn.velamem import MEMORY_ONLY
    from jaxeff.tflite.writer import write_tflite

    bad = [p for p in platforms if p not in PLATFORMS]
    if bad or not platforms:
        raise ValueError(f"platforms must be a non-empty tuple of {sorted(PLATFORMS)}, "
                         f"got {platforms!r}")
    out = {p: np.zeros(len(g.ops), np.float64) for p in platforms}
    for k in kernels(g):
        if g.ops[k[0]].type in MEMORY_ONLY:
            continue
        buf = write_tflite(kernel_graph(g, k))
        for p in platforms:
            try:
                v = run_vela(buf, p)
            except Exception as e:  # noqa: BLE001 - re-raised with the kernel named
                raise ValueError(f"kernel {k} ({'+'.join(g.ops[i].type for i in k)}): Vela "
                                 f"could not compile it alone on {p}: {e}") from e
            if v.cpu_ops:
                raise ValueError(f"kernel {k} ({'+'.join(g.ops[i].type for i in k)}): Vela "
                                 f"leaves {v.cpu_ops} operator(s) on the CPU on {p}")
            out[p][k[0]] = float(v.cycles)
    return out


ALONE_FORMAT = "jaxeff.perfsage.alone_shard"  # experiments.perfsage_alone's shard files


def attach_alone(recs: list[dict], folder: str | os.PathLike) -> int:
    """Add ``<p>_alone_cycles`` (:func:`alone_cycles`) to the dataset records ``recs``
    from the shard files of ``experiments.perfsage_alone`` under ``folder`` (JSON, no
    code), matched by ``space:seed``; returns how many records got them. A file of
    another format, a non-finite or negative value, or a length other than the
    record's operator count raises ``ArtifactError`` naming the file and graph."""
    import json
    import math
    import pathlib

    from jaxeff.gnn.store import ArtifactError

    files = sorted(pathlib.Path(folder).glob("*.json"))
    if not files:
        raise FileNotFoundError(f"no alone-label files (*.json) under {str(folder)!r}; "
                                "make them with python -m experiments.perfsage_alone")
    by_key = {f"{r['space']}:{r['seed']}": r for r in recs}
    n = 0
    for f in files:
        try:
            d = json.loads(f.read_text())
        except (OSError, ValueError) as e:
            raise ArtifactError(f"alone labels {str(f)!r}: unreadable JSON: {e}") from None
        if not isinstance(d, dict) or d.get("format") != ALONE_FORMAT or not isinstance(
                d.get("graphs"), dict):
            raise ArtifactError(f"alone labels {str(f)!r}: not a {ALONE_FORMAT} file")
        for key, per in d["graphs"].items():
            r = by_key.get(key)
            if r is None:
                continue
            if not isinstance(per, dict):
                raise ArtifactError(f"alone labels {str(f)!r} graph {key}: not a dict")
            for p, v in per.items():
                if p not in PLATFORMS or not isinstance(v, list) or len(v) != r["n_ops"] or not all(
                        isinstance(c, int | float) and not isinstance(c, bool)
                        and math.isfinite(c) and c >= 0 for c in v):
                    raise ArtifactError(
                        f"alone labels {str(f)!r} graph {key} platform {p!r}: need "
                        f"{r['n_ops']} finite cycle counts >= 0")
                r[f"{p}_alone_cycles"] = np.asarray(v, np.float64)
            n += 1
    return n
