"""Physical bounds and an out-of-distribution score for PerfSAGE predictions (issue 22).

PerfSAGE (Chai et al., arXiv 2301.10999) claims predictions for "arbitrary input graphs";
a learnt head alone extrapolates without bound (an exp head gave 4e18 ms for a detector
with a CUSTOM op). Every prediction is therefore clamped into a range that follows from
the graph alone, and carries an out-of-distribution (OOD) score.

**Bounds** (all from a dataset-style record: ``macs``, ``weight_bytes``, ``act_bytes``,
``n_ops`` and the raw node features; constants are our choices [U] unless named):

* Vela latency, lower: roofline ``max(MACs / P, B_in / W_sram) / f``: ``P`` MACs per
  cycle of the configuration (ethos-u55-128: 128, ethos-u65-256: 256), ``f`` the core
  clock of Vela's system config (``Ethos_U55_High_End_Embedded`` 500 MHz,
  ``Ethos_U65_High_End`` 1 GHz, vela.ini), ``W_sram`` the SRAM AXI bytes per cycle
  (64-bit port = 8 B on U55, 128-bit = 16 B on U65), ``B_in`` the bytes of the graph's
  non-constant inputs (read at least once).
* Vela latency, upper (generous): ``(64 MACs / P + 32 B_act + 16 B_w + 2e4 n_ops) / f``:
  every MAC at 1/64 utilisation, 32 cycles per activation byte an operator touches,
  16 per weight byte, 20,000 cycles of overhead per operator.
* Vela SRAM (Shared_Sram: the arena in SRAM): lower ``B_in``; upper ``16 B_act + 2 B_w +
  64 KiB`` (NHCWB16 pads channels to 16; double-buffered weights).
* Planner peak / arena: lower = the largest operator's input + output bytes, upper =
  all activation tensors at once (+16 B alignment each).
* Host latency: lower ``MACs / 1e12`` s, upper ``MACs / 1e7 + B_act / 1e7`` s + 1 ms per
  operator. Energy: lower ``0.2 pJ x MACs`` (the energy model's MAC term), upper
  ``0.2 pJ x MACs + 160 pJ x 64 (B_act + B_w)``.
* Any other target: ``[min / 1e3, max x 1e3 x max(1, n / n_max)]`` of the training labels.

``tests/gnn/test_bounds.py`` checks that every Vela label of the shared real models lies
inside its bounds; the experiment reports the same check on the training graphs.

**OOD score**: the largest amount by which any node feature lies outside the training
range ``[min, max]`` of its column, in units of the column's training standard deviation
(0 = inside the training box; a column constant in training uses 1e-3, so e.g. a float32
tensor seen by a predictor trained on int8 graphs scores 1,000); a graph is flagged when it has an operator type never
seen in training, more nodes than any training graph, a score above 1, or a prediction
that had to be clamped.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Container, Sequence
from typing import Any

import numpy as np

from jaxeff.gnn.graph import FEATURE_COLUMNS, INPUT_CATEGORY, NUM_CATEGORIES

__all__ = ["PEAK", "OodStats", "assess", "capped_correction", "check_caps", "correction_cap",
           "graph_quantities", "node_box", "node_fallback", "node_prior",
           "nodes_out_of_range", "target_bounds"]

_COL = {c: i for i, c in enumerate(FEATURE_COLUMNS)}
UNKNOWN_CATEGORY = 1  # the "output" id the public code reserves and never uses


@dataclasses.dataclass(frozen=True)
class Peak:
    """Peak rates of one Ethos-U configuration (module doc)."""

    macs_per_cycle: float
    clock_hz: float
    sram_bytes_per_cycle: float


PEAK = {
    "u55": Peak(128.0, 500e6, 8.0),
    "u65": Peak(256.0, 1e9, 16.0),
}


def graph_quantities(rec: dict) -> dict[str, float]:
    """MACs, weight / activation bytes, op count, graph-input bytes and the largest
    operator's activation bytes of a record (dataset record or ``record_of``)."""
    x = np.asarray(rec["x"], np.float64)
    cat = np.asarray(rec["cat"])
    n_ops = int(rec["n_ops"])
    act = np.rint(np.expm1(x[:, _COL["log_act_bytes"]]))  # float32 log: round to bytes
    inputs = act[n_ops:][cat[n_ops:] == INPUT_CATEGORY]
    return {
        "macs": float(rec["macs"]),
        "weight_bytes": float(rec["weight_bytes"]),
        "act_bytes": float(rec["act_bytes"]),
        "op_act_bytes": float(act[:n_ops].sum()),
        "n_ops": float(n_ops),
        "n_nodes": float(len(x)),
        "input_bytes": float(inputs.sum()),
        "max_op_bytes": float(act[:n_ops].max()) if n_ops else 0.0,
    }


_ITEMSIZE = {"float32": 4, "int8": 1, "uint8": 1, "int16": 2, "int32": 4, "other": 4}


def live_bytes(rec: dict) -> np.ndarray:
    """Per node, the activation bytes live while it runs ``[N]`` (float64): for the
    operator at step ``k``, the sum over non-constant tensors alive at ``k`` (an
    operator's output from step ``k`` to its last consumer, or to the last step if
    nothing consumes it; a graph input from step 0 to its last consumer), each
    16-byte aligned, the liveness rule of :func:`jaxeff.gnn.labels.memory_plan`; input
    nodes get their own size (constants 0). Computed from a record's node features
    and forward edges alone (an operator's first output; multi-output operators are
    counted by that output, so where a SPLIT's parts die at different steps, as in the
    unrolled GRUs of the ``recurrent`` space, its maximum is a lower bound of the
    planner's peak). Its maximum over operators is the planner's peak, the
    base of Vela's SRAM use (Shared_Sram: the activation arena lives in SRAM), used
    by the stacked variant's memory base (``FitConfig.memory_base``, ours [U])."""
    x = np.asarray(rec["x"], np.float64)
    n, nn_ = int(rec["n_ops"]), len(x)
    item = np.zeros(nn_)
    for d, b in _ITEMSIZE.items():
        item = np.where(x[:, _COL[f"dtype_{d}"]] > 0.5, b, item)
    shape = x[:, [_COL[f"shape{i}"] for i in range(4)]]
    size = np.where(np.arange(nn_) < n, np.prod(shape, 1) * item,
                    np.rint(np.expm1(x[:, _COL["log_act_bytes"]])))
    size = np.where(size > 0, np.ceil(size / 16) * 16, 0.0)
    s, r = np.asarray(rec["senders"], np.int64), np.asarray(rec["receivers"], np.int64)
    end = np.full(nn_, -1, np.int64)
    np.maximum.at(end, s, r)
    start = np.where(np.arange(nn_) < n, np.arange(nn_), 0)
    end = np.where(end >= 0, end, np.where(np.arange(nn_) < n, max(n - 1, 0), 0))
    diff = np.zeros(max(n, 1) + 1)
    np.add.at(diff, np.minimum(start, max(n - 1, 0)), size)
    np.add.at(diff, np.minimum(end, max(n - 1, 0)) + 1, -size)
    live = np.cumsum(diff)[:max(n, 1)]
    out = size.copy()
    out[:n] = live[:n]
    return out


def node_prior(rec: dict, target: str) -> np.ndarray:
    """Per-node log roofline time ``[N]`` (log ms) of a Vela latency target: each
    operator alone at the configuration's peak, ``max(MACs_v / P, B_v / W_sram, 1) / f``
    with ``B_v`` the operator's activation (input + output) bytes (module doc); input
    nodes get one cycle. Zeros for targets without a roofline (SRAM, host, ...). The
    kernel prior of the residual variant (``FitConfig.prior``, issue 22, ours [U])."""
    x = np.asarray(rec["x"], np.float64)
    out = np.zeros(len(x), np.float64)
    plat = target.split("_", 1)[0]
    if plat not in PEAK or not target.endswith("_latency_ms"):
        return out
    p, n = PEAK[plat], int(rec["n_ops"])
    macs = np.expm1(x[:n, _COL["log_macs"]])
    act = np.expm1(x[:n, _COL["log_act_bytes"]])
    cyc = np.maximum(np.maximum(macs / p.macs_per_cycle, act / p.sram_bytes_per_cycle), 1.0)
    out[:] = math.log(1e3 / p.clock_hz)
    out[:n] = np.log(cyc * 1e3 / p.clock_hz)
    return out


def target_bounds(target: str, q: dict[str, float],
                  label_range: tuple[float, float, float] | None = None
                  ) -> tuple[float, float]:
    """``(lower, upper)`` of ``target`` for a graph with quantities ``q``
    (:func:`graph_quantities`); ``label_range`` = (min, max, max nodes) of the training
    labels, used only for targets without a physical model (module doc)."""
    plat = target.split("_", 1)[0]
    tiny = 1e-9
    if plat in PEAK and target.endswith("_latency_ms"):
        p = PEAK[plat]
        lo = max(q["macs"] / p.macs_per_cycle, q["input_bytes"] / p.sram_bytes_per_cycle)
        hi = (64 * q["macs"] / p.macs_per_cycle + 32 * q["op_act_bytes"]
              + 16 * q["weight_bytes"] + 2e4 * q["n_ops"])
        return max(lo / p.clock_hz * 1e3, tiny), hi / p.clock_hz * 1e3 + tiny
    if plat in PEAK and target.endswith("_sram_kib"):
        hi = 16 * q["act_bytes"] + 2 * q["weight_bytes"] + 64 * 1024
        return max(q["input_bytes"] / 1024, tiny), hi / 1024
    if target in ("peak_kib", "arena_kib"):
        hi = q["act_bytes"] + 16 * (q["n_nodes"] + 1)
        return max(q["max_op_bytes"] / 1024, tiny), hi / 1024
    if target == "host_latency_ms":
        lo = q["macs"] / 1e12 * 1e3
        hi = (q["macs"] + q["op_act_bytes"]) / 1e7 * 1e3 + q["n_ops"]
        return max(lo, tiny), hi + tiny
    if plat in PEAK and target.endswith("_energy_uj"):
        lo = 0.2e-6 * q["macs"]
        hi = lo + 160e-6 * 64 * (q["act_bytes"] + q["weight_bytes"])
        return max(lo, tiny), hi + tiny
    if label_range is None:
        return tiny, math.inf
    ymin, ymax, nmax = label_range
    return ymin / 1e3, ymax * 1e3 * max(1.0, q["n_nodes"] / max(nmax, 1.0))


@dataclasses.dataclass
class OodStats:
    """What the training set covered: op categories, per-column feature range and
    standard deviation, node count, label ranges (stored with the predictor)."""

    categories: list[int]
    lo: list[float]
    hi: list[float]
    std: list[float]
    max_nodes: int
    labels: dict[str, list[float]]  # target -> [min, max]

    @staticmethod
    def fit(recs: Sequence[dict], targets: Sequence[str]) -> OodStats:
        x = np.concatenate([np.asarray(r["x"], np.float64) for r in recs])
        std = x.std(0)
        cats = sorted({int(c) for r in recs for c in r["cat"]})
        labels = {t: [float(min(r["labels"][t] for r in recs)),
                      float(max(r["labels"][t] for r in recs))] for t in targets}
        return OodStats(cats, x.min(0).tolist(), x.max(0).tolist(),
                        np.where(std > 0, std, 1.0).tolist(),
                        max(len(r["x"]) for r in recs), labels)

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @staticmethod
    def from_json(d: Any, width: int, targets: Sequence[str]) -> OodStats:
        """Validate a stored dict (``ValueError`` naming the field)."""
        if not isinstance(d, dict) or set(d) != {f.name for f in dataclasses.fields(OodStats)}:
            raise ValueError(f"ood must have the OodStats fields, got {d!r}")
        for k in ("lo", "hi", "std"):
            v = d[k]
            if (not isinstance(v, list) or len(v) != width or not all(
                    isinstance(a, int | float) and math.isfinite(a) for a in v)):
                raise ValueError(f"ood.{k} must be {width} finite numbers")
        if not all(s > 0 for s in d["std"]):
            raise ValueError("ood.std must be > 0")
        if (not isinstance(d["categories"], list)
                or not all(isinstance(c, int) and 0 <= c for c in d["categories"])):
            raise ValueError("ood.categories must be non-negative ints")
        if not isinstance(d["max_nodes"], int) or d["max_nodes"] < 1:
            raise ValueError("ood.max_nodes must be a positive int")
        lab = d["labels"]
        if not isinstance(lab, dict) or set(lab) != set(targets) or not all(
                isinstance(v, list) and len(v) == 2 and all(
                    isinstance(a, int | float) and math.isfinite(a) and a > 0 for a in v)
                for v in lab.values()):
            raise ValueError("ood.labels must map every target to [min, max] > 0")
        return OodStats(**d)

    def score(self, rec: dict) -> tuple[float, list[str]]:
        """(feature excess in training standard deviations, unseen op types)."""
        x = np.asarray(rec["x"], np.float64)
        lo, hi, sd = (np.asarray(v) for v in (self.lo, self.hi, self.std))
        sd = np.where(hi > lo, sd, 1e-3)  # constant in training: any change is novel
        k = min(x.shape[1], len(lo))
        ex = np.maximum(np.maximum(x[:, :k] - hi[:k], lo[:k] - x[:, :k]), 0) / sd[:k]
        seen = set(self.categories)
        ops = rec.get("ops") or []
        unseen = sorted({ops[i] if i < len(ops) else f"category {c}"
                         for i, c in enumerate(np.asarray(rec["cat"])) if int(c) not in seen})
        return float(ex.max()) if ex.size else 0.0, unseen


def assess(raw: np.ndarray, recs: Sequence[dict], targets: Sequence[str],
           ood: OodStats | None) -> list[dict[str, Any]]:
    """Clamp raw predictions ``[n, T]`` into their bounds; one dict per graph with the
    clamped ``value``, ``lower``, ``upper``, ``clamped`` (per target), the OOD ``score``,
    ``unseen_ops`` and the overall ``ood`` flag. Non-finite features are refused."""
    out = []
    for r, row in zip(recs, np.asarray(raw, np.float64), strict=True):
        if not np.all(np.isfinite(np.asarray(r["x"], np.float64))):
            raise ValueError("refused: the graph has non-finite node features "
                             "(a tensor size overflows float32)")
        q = graph_quantities(r)
        res: dict[str, Any] = {"value": {}, "lower": {}, "upper": {}, "clamped": {}}
        for t, v in zip(targets, row, strict=True):
            lr = None if ood is None else (*ood.labels[t], ood.max_nodes)
            lo, hi = target_bounds(t, q, lr)
            y = float(np.clip(v if np.isfinite(v) else hi, lo, hi))
            res["value"][t], res["lower"][t], res["upper"][t] = y, lo, hi
            res["clamped"][t] = bool(not np.isfinite(v) or v < lo or v > hi)
        if ood is None:
            res.update(score=math.nan, unseen_ops=[], ood=True)
        else:
            s, unseen = ood.score(r)
            res.update(score=s, unseen_ops=unseen, ood=bool(
                unseen or s > 1.0 or q["n_nodes"] > ood.max_nodes
                or any(res["clamped"].values())))
        out.append(res)
    return out


def correction_cap(labels: np.ndarray, base: np.ndarray, q: float = 99.0) -> float:
    """The largest graph-level correction a training set needs: the ``q``-th
    percentile of ``|log(labels / base)|`` over training graphs (session 19 [U]; e.g.
    ``base`` the out-of-fold per-op sum a stacked GNN was trained to correct)."""
    y, b = np.asarray(labels, np.float64), np.asarray(base, np.float64)
    if y.shape != b.shape or y.ndim != 1 or not y.size:
        raise ValueError(f"labels and base must be equal-length 1-d arrays, got "
                         f"{y.shape} and {b.shape}")
    if not (np.all(np.isfinite(y)) and np.all(np.isfinite(b)) and np.all(y > 0)
            and np.all(b > 0)):
        raise ValueError("labels and base must be finite and > 0")
    if not 0.0 <= q <= 100.0:
        raise ValueError(f"q must be a percentile in [0, 100], got {q!r}")
    return float(np.percentile(np.abs(np.log(y / b)), q))


def check_caps(caps: object, targets: Sequence[str],
               forests: Container[str] | None = None) -> dict[str, float]:
    """``caps`` checked as correction caps of a predictor with ``targets``: a mapping of
    its latency targets (``*_latency_ms``, and with ``forests`` only those the per-op
    forests predict) to finite numbers >= 0; else ``ValueError`` naming what is wrong."""
    ok = isinstance(caps, dict) and all(
        isinstance(t, str) and t in targets and t.endswith("_latency_ms")
        and (forests is None or t in forests) and isinstance(v, int | float)
        and not isinstance(v, bool) and math.isfinite(v) and v >= 0
        for t, v in caps.items())
    if not ok:
        raise ValueError("caps must map latency targets of the predictor (with per-op "
                         f"forests) to finite numbers >= 0, got {caps!r}")
    return {t: float(v) for t, v in caps.items()}


def per_op_on_unseen(capped: np.ndarray, per_op: np.ndarray, unseen: np.ndarray
                     ) -> np.ndarray:
    """Rule C-U (issue 22 session 22 [U]): ``per_op`` where ``unseen`` (a graph holds an
    operator type no training graph has, :func:`assess`'s ``unseen_ops``), else the
    ``capped`` prediction. A GNN's embedding of an unseen type is untrained, and the
    correction cap bounds its damage only to ``exp(cap)``; a per-op forest sum falls
    back to its nearest kernel type instead. Shapes ``[n]`` or ``[n, T]`` with
    ``unseen [n]``."""
    c, p = np.asarray(capped, np.float64), np.asarray(per_op, np.float64)
    u = np.asarray(unseen, bool)
    if c.shape != p.shape or u.shape != c.shape[:1]:
        raise ValueError(f"capped {c.shape}, per_op {p.shape} and unseen {u.shape} "
                         "must agree (unseen: one flag per graph)")
    return np.where(u.reshape(-1, *([1] * (c.ndim - 1))), p, c)


def capped_correction(pred: np.ndarray, base: np.ndarray, cap: float) -> np.ndarray:
    """``base x exp(clip(log(pred / base), -cap, cap))``: a prediction that corrects
    ``base`` by at most a factor ``exp(cap)`` either way (:func:`correction_cap`)."""
    p, b = np.asarray(pred, np.float64), np.asarray(base, np.float64)
    if p.shape != b.shape:
        raise ValueError(f"pred and base shapes differ: {p.shape} vs {b.shape}")
    if not (math.isfinite(cap) and cap >= 0):
        raise ValueError(f"cap must be finite and >= 0, got {cap!r}")
    if np.any(b <= 0) or np.any(p <= 0):
        raise ValueError("pred and base must be > 0")
    r = np.log(p / b)
    return np.where(np.abs(r) <= cap, p, b * np.exp(np.clip(r, -cap, cap)))


def node_box(recs: Sequence[dict]) -> tuple[np.ndarray, np.ndarray]:
    """Per operator category, the training range of every raw node-feature column
    (issue 22, session 26, rule J [U]): ``lo, hi [NUM_CATEGORIES + 1, F]`` float32, the
    min / max over the nodes of that category in ``recs`` (input nodes are category
    0); rows of categories no node of ``recs`` has are NaN."""
    if not recs:
        raise ValueError("node_box needs at least one record")
    x = np.concatenate([np.asarray(r["x"], np.float32) for r in recs])
    cat = np.clip(np.concatenate([np.asarray(r["cat"]) for r in recs]), 0, NUM_CATEGORIES)
    lo = np.full((NUM_CATEGORIES + 1, x.shape[1]), np.nan, np.float32)
    hi = lo.copy()
    for c in np.unique(cat):
        lo[c], hi[c] = x[cat == c].min(0), x[cat == c].max(0)
    return lo, hi


def nodes_out_of_range(rec: dict, box: tuple[np.ndarray, np.ndarray],
                       margin: float = 0.0) -> np.ndarray:
    """``[N]`` bool: the nodes of ``rec`` outside their category's training box
    (:func:`node_box`): a category no training node had, or any column outside
    ``[lo - margin (hi - lo), hi + margin (hi - lo)]`` (a column constant in training
    allows no change at any ``margin``)."""
    if not (isinstance(margin, int | float) and math.isfinite(margin) and margin >= 0):
        raise ValueError(f"margin must be a finite number >= 0, got {margin!r}")
    lo, hi = (np.asarray(b, np.float32) for b in box)
    x = np.asarray(rec["x"], np.float32)
    if lo.shape != hi.shape or lo.shape[0] != NUM_CATEGORIES + 1 or x.shape[1] != lo.shape[1]:
        raise ValueError(f"box {lo.shape} does not fit node features {x.shape} "
                         f"(want [{NUM_CATEGORIES + 1}, {x.shape[1]}])")
    cat = np.clip(np.asarray(rec["cat"]), 0, NUM_CATEGORIES)
    a, b = lo[cat].astype(np.float64), hi[cat].astype(np.float64)
    w = margin * (b - a)
    with np.errstate(invalid="ignore"):
        inside = (x >= a - w) & (x <= b + w)  # NaN rows (unseen category): False
    return ~inside.all(1)


def node_fallback(pred: np.ndarray, gnn: np.ndarray, base: np.ndarray,
                  out: np.ndarray, log_bound: float | None = None,
                  bounded: np.ndarray | None = None) -> np.ndarray:
    """Rule J (issue 22, session 26 [U]): a graph prediction ``pred [T]`` of the
    additive readout with the GNN's node contributions ``gnn [N, T]`` (``exp(u_v)``) of
    the nodes flagged in ``out [N]`` replaced by the per-op base ``base [N, T]``
    (``exp(b_v)``, the forests' value), the prediction scaled by the same ratio:
    ``pred x (sum_v kept_v) / sum_v gnn_v`` with ``kept_v = base_v`` (out) or
    ``gnn_v`` (in).

    With ``log_bound`` (candidate K, session 40 [U]) the kept GNN contribution of every
    in-box node flagged in ``bounded [N]`` (the operators: input nodes have no forest
    value) is clipped to ``[base_v e^-beta, base_v e^beta]``, ``beta = log_bound``:
    ``|log(kept_v / base_v)| <= beta``."""
    p, g, b = (np.asarray(a, np.float64) for a in (pred, gnn, base))
    o = np.asarray(out, bool)
    if g.shape != b.shape or g.ndim != 2 or p.shape != g.shape[1:] or o.shape != g.shape[:1]:
        raise ValueError(f"pred {p.shape}, gnn {g.shape}, base {b.shape} and out "
                         f"{o.shape} must be [T], [N, T], [N, T] and [N]")
    if not (np.all(g > 0) and np.all(b > 0)):
        raise ValueError("node contributions must be > 0")
    kept = np.where(o[:, None], b, g)
    if log_bound is not None:
        if not (isinstance(log_bound, int | float) and math.isfinite(log_bound)
                and log_bound > 0):
            raise ValueError(f"log_bound must be a finite number > 0, got {log_bound!r}")
        m = np.asarray(bounded, bool) if bounded is not None else None
        if m is None or m.shape != o.shape:
            raise ValueError(f"log_bound needs bounded [N] = {o.shape}, got "
                             f"{None if m is None else m.shape}")
        r = np.log(g / b)  # the GNN's log correction per node and target
        c = np.clip(r, -log_bound, log_bound)
        clip = np.where(c != r, b * np.exp(c), g)  # bit-exact where nothing is clipped
        kept = np.where((m & ~o)[:, None], clip, kept)
    return p * kept.sum(0) / g.sum(0)
