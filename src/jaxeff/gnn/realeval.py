"""Real-model validation of PerfSAGE predictors and baselines (issue 22).

PerfSAGE (Chai et al., arXiv 2301.10999) claims generality to "arbitrary input
graphs". Here real, independently published TFLite models (``$JAXEFF_DATA/tflite``,
never used for training) are labelled with Vela 5.2 on the two PerfSAGE platforms
(ethos-u55-128 / ethos-u65-256, Shared_Sram, :mod:`jaxeff.gnn.labels`) and every
predictor's per-model relative error is summarised by its median, mean (MAPE) and
maximum, over the models that Vela maps fully to the NPU (no CPU operator, non-zero
NPU time), which is the population the issue's goal names.
"""

from __future__ import annotations

import math
import os
import pathlib
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

__all__ = ["REAL_TARGETS", "error_rows", "graph_record", "label_real", "node_breakdown",
           "op_coverage", "real_dir", "record_of", "summary"]

REAL_TARGETS = ("u55_latency_ms", "u65_latency_ms", "u55_sram_kib", "u65_sram_kib")


def real_dir() -> pathlib.Path | None:
    """``$JAXEFF_DATA/tflite`` if it exists, else None."""
    root = os.environ.get("JAXEFF_DATA")
    d = pathlib.Path(root or "") / "tflite"
    return d if root and d.is_dir() else None


def graph_record(g: Any) -> dict[str, Any]:
    """An op graph (:class:`jaxeff.tflite.ir.OpGraph`) featurized like a dataset record
    (no labels; ``graph`` kept)."""
    from jaxeff.gnn.graph import edges, node_features, total_macs

    x, cat, _ = node_features(g)
    s, r = edges(g, "forward")
    return {
        "x": x,
        "cat": cat,
        "senders": s,
        "receivers": r,
        "n_ops": len(g.ops),
        "macs": total_macs(g),
        "ops": g.op_types(),
        "graph": g,
        "weight_bytes": sum(t.nbytes for t in g.tensors if t.data is not None),
        "act_bytes": sum(t.nbytes for t in g.tensors if t.data is None),
    }


def record_of(path: str | os.PathLike) -> dict[str, Any]:
    """Featurize any TFLite file like a dataset record (:func:`graph_record`)."""
    from jaxeff.tflite import read_main

    return graph_record(read_main(path))


def label_real(path: str | os.PathLike) -> dict[str, Any]:
    """Vela labels of one real model: latency (ms) and SRAM (KiB) per platform, CPU
    operator counts, ``npu_full`` (every operator on the NPU, NPU time > 0), and
    ``{plat}_op_ms``: Vela's per-layer cycles summed onto the TFLite operators
    (:func:`jaxeff.gnn.labels.per_op_cycles`) in ms."""
    from jaxeff.gnn.labels import per_op_cycles, run_vela
    from jaxeff.tflite import read_main

    g = read_main(path)
    lab: dict[str, Any] = {}
    full = True
    for plat in ("u55", "u65"):
        v = run_vela(path, plat)
        c = per_op_cycles(g, v.per_layer, v.original_ops)
        lab[f"{plat}_op_ms"] = (c / max(c.sum(), 1.0) * v.latency_ms).tolist()
        lab[f"{plat}_latency_ms"] = float(v.latency_ms)
        lab[f"{plat}_sram_kib"] = float(v.sram_kib)
        lab[f"{plat}_cpu_ops"] = int(v.cpu_ops)
        full = full and v.cpu_ops == 0 and v.latency_ms > 0
    lab["npu_full"] = bool(full)
    return lab


def error_rows(names: Sequence[str], labels: Sequence[Mapping[str, Any]],
               preds: Mapping[str, np.ndarray], targets: Sequence[str]
               ) -> list[dict[str, Any]]:
    """Per model: label and, per predictor, prediction and signed relative error (%)
    for every target; ``preds[name]`` is ``[n_models, len(targets)]``."""
    rows = []
    for i, (n, lab) in enumerate(zip(names, labels, strict=True)):
        row: dict[str, Any] = {"model": n, "npu_full": lab["npu_full"], "label": {},
                               "pred": {}, "err": {}}
        for k, t in enumerate(targets):
            y = float(lab[t])
            row["label"][t] = y
            for m, p in preds.items():
                v = float(np.asarray(p)[i, k])
                row["pred"].setdefault(m, {})[t] = v
                row["err"].setdefault(m, {})[t] = (
                    (v - y) / y * 100 if y > 0 and math.isfinite(v) else math.nan)
        rows.append(row)
    return rows


def summary(rows: Sequence[Mapping[str, Any]], model: str, target: str,
            only_full: bool = True) -> dict[str, float]:
    """Median, mean (MAPE) and max absolute relative error (%) of ``model`` on
    ``target``, over the NPU-only models (``only_full``), and the count within 10 %."""
    e = np.asarray([abs(r["err"][model][target]) for r in rows
                    if (r["npu_full"] or not only_full)
                    and math.isfinite(r["err"][model][target])], np.float64)
    if not e.size:
        return {"n": 0, "median": math.nan, "mape": math.nan, "max": math.nan,
                "within10": 0}
    return {"n": int(e.size), "median": float(np.median(e)), "mape": float(e.mean()),
            "max": float(e.max()), "within10": int((e <= 10).sum())}


def op_coverage(recs: Sequence[Mapping[str, Any]]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per operator type, the (min, max) of every raw node-feature column over the
    operators of that type in ``recs`` (the training set): what an op-type regressor
    (nn-Meter) or a GNN has seen of that kernel."""
    rows: dict[str, list[np.ndarray]] = {}
    for r in recs:
        x = np.asarray(r["x"], np.float64)
        for i, t in enumerate(r["ops"]):
            rows.setdefault(t, []).append(x[i])
    return {t: (np.min(v, 0), np.max(v, 0)) for t, v in rows.items()}


def node_breakdown(rec: Mapping[str, Any], cycles_ms: np.ndarray,
                   preds: Mapping[str, np.ndarray],
                   coverage: Mapping[str, tuple[np.ndarray, np.ndarray]]
                   ) -> list[dict[str, Any]]:
    """Per operator of one real model: Vela's per-layer time (``cycles_ms [n_ops]``,
    ms), each predictor's per-operator prediction (``preds[name] [n_ops]``, ms), and
    the feature columns outside the training range of that op type (``coverage`` from
    :func:`op_coverage`; ``"unseen op type"`` when the type never occurs in training).
    The diagnosis of issue 22 item 1: which operators carry a model's error."""
    from jaxeff.gnn.graph import FEATURE_COLUMNS

    x = np.asarray(rec["x"], np.float64)
    out = []
    for i, t in enumerate(rec["ops"]):
        if t not in coverage:
            outside = ["unseen op type"]
        else:
            lo, hi = coverage[t]
            outside = [f"{FEATURE_COLUMNS[k]}={x[i, k]:g} (train {lo[k]:g}..{hi[k]:g})"
                       for k in range(min(len(lo), x.shape[1]))
                       if x[i, k] < lo[k] or x[i, k] > hi[k]]
        out.append({"op": i, "type": t, "vela_ms": float(cycles_ms[i]),
                    "pred_ms": {m: float(np.asarray(p)[i]) for m, p in preds.items()},
                    "outside": outside})
    return out
