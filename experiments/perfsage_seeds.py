"""Seeds of the PerfSAGE real-model study: ``python -m experiments.perfsage_seeds DIR...``.

Issue 22 asks whether PerfSAGE (Chai et al., arXiv 2301.10999) beats a per-op sum of
nn-Meter-style kernel forests (Zhang et al., MobiSys 2021) on real int8 models. One
run of ``python -m experiments.perfsage --real-study`` is one draw: rows moved by 1-3
points between two reruns (RESULTS, session 15). This script reads the
``results.json`` of several runs that differ only in ``--model-seed`` (same data,
same split) and reports, per model set (``real`` = the shared validation models,
``heldout`` = the test models) and latency target, over the models Vela maps fully
to the NPU:

* each row's median / MAPE / max |error| % as mean +- sample sd over the runs;
* a **paired** comparison of two rows (default: the stacked GNN against the per-op
  sum): over every (model, run) pair, how often each has the smaller |error|, and
  the per-model mean |error| over runs;
* with ``--pooled``, the same over the validation and held-out models as one set;
* each row's **seed ensemble**: the geometric mean over runs of its prediction for
  a model, scored like one predictor (for the forests this is just more trees).

Nothing here trains or chooses anything; it only summarises runs.

    python -m experiments.perfsage_seeds runs/psage_rs16_s0 runs/psage_rs16_s1 runs/psage_rs16_s2
"""

from __future__ import annotations

import argparse
import json
import math
import pathlib
import sys
from collections.abc import Sequence
from typing import Any

import numpy as np

from jaxeff.report import markdown_table

STACKED = "PerfSAGE stacked on per-op forests (ours, bounded)"
PER_OP = "per-op sum (nn-Meter forests)"
TARGETS = ("u55_latency_ms", "u65_latency_ms")


def load(d: str | pathlib.Path) -> dict[str, Any]:
    """The ``real_study`` part of ``d/results.json`` (``d`` may also be the file)."""
    p = pathlib.Path(d)
    p = p / "results.json" if p.is_dir() else p
    if not p.is_file():
        raise FileNotFoundError(f"{p}: no results.json of a --real-study run")
    res = json.loads(p.read_text())
    if "real_study" not in res:
        raise ValueError(f"{p} is not a --real-study run (no 'real_study' key)")
    return res["real_study"]


def _rows(runs: Sequence[dict], subset: str) -> list[list[dict]]:
    """Per run, the NPU-only rows of ``subset``; every run must hold the same models."""
    out = [[r for r in st.get(subset, []) if r["npu_full"]] for st in runs]
    names = [[r["model"] for r in rs] for rs in out]
    if any(n != names[0] for n in names):
        raise ValueError(f"runs disagree on the {subset!r} models: {names}")
    return out


def _stats(e: np.ndarray) -> tuple[float, float, float, int]:
    return (float(np.median(e)), float(e.mean()), float(e.max()), int((e <= 10).sum()))


def seed_table(runs: Sequence[dict], subset: str, targets: Sequence[str] = TARGETS,
               ) -> tuple[list[str], list[list[str]]]:
    """Per row: median / MAPE / max as mean +- sd over runs, then the seed ensemble."""
    rows = _rows(runs, subset)
    if not rows[0]:
        return [], []
    models = [m for m in rows[0][0]["err"] if all(
        math.isfinite(r["err"][m][t]) for r in rows[0] for t in targets)]
    head = ["predictor"] + [f"{t} {k}" for t in targets
                            for k in ("median", "MAPE", "max", "ensemble med / MAPE / max (<=10 %)")]
    body = []
    for m in models:
        line = [m]
        for t in targets:
            per = np.asarray([_stats(np.abs([r["err"][m][t] for r in rs]))[:3]
                              for rs in rows])  # [runs, 3]
            sd = per.std(0, ddof=1) if len(rows) > 1 else np.zeros(3)
            line += [f"{a:.1f} ± {s:.1f}" for a, s in zip(per.mean(0), sd, strict=True)]
            pred = np.exp(np.mean([[math.log(max(r["pred"][m][t], 1e-30)) for r in rs]
                                   for rs in rows], 0))
            lab = np.asarray([r["label"][t] for r in rows[0]])
            e = np.abs(pred / lab - 1) * 100
            med, mape, mx, w = _stats(e)
            line.append(f"{med:.1f} / {mape:.1f} / {mx:.1f} ({w}/{len(lab)}"
                        + (f"; > 50 %: {int((e > 50).sum())})" if (e > 50).any() else ")"))
        body.append(line)
    return head, body


def paired(runs: Sequence[dict], subset: str, a: str = STACKED, b: str = PER_OP,
           targets: Sequence[str] = TARGETS) -> tuple[list[str], list[list[str]]]:
    """Per model, mean |error| of ``a`` and ``b`` over runs; the last rows count the
    (model, run) pairs where each is closer to Vela (ties within 0.05 points)."""
    rows = _rows(runs, subset)
    head = ["model"] + [f"{t} {x}" for t in targets for x in ("|err| a", "|err| b")]
    body, wins = [], {t: [0, 0, 0] for t in targets}
    for i, r0 in enumerate(rows[0]):
        line = [r0["model"]]
        for t in targets:
            ea = np.abs([rs[i]["err"][a][t] for rs in rows])
            eb = np.abs([rs[i]["err"][b][t] for rs in rows])
            line += [f"{ea.mean():.1f}", f"{eb.mean():.1f}"]
            for x, y in zip(ea, eb, strict=True):
                wins[t][0 if x < y - 0.05 else 1 if y < x - 0.05 else 2] += 1
        body.append(line)
    body.append(["a closer / b closer / tie"] + [
        v for t in targets for v in (f"{wins[t][0]} / {wins[t][1]} / {wins[t][2]}", "")])
    return head, body


def select(st: dict[str, Any], only: Sequence[str] = (), drop: Sequence[str] = ()
           ) -> dict[str, Any]:
    """``st`` with its ``real`` / ``heldout`` model lists cut to the models named in
    ``only`` (all if empty) minus those in ``drop`` (names with or without
    ``.tflite``); an unknown name raises ``ValueError``."""
    def stem(m: str) -> str:
        return m.removesuffix(".tflite")
    have = {stem(r["model"]) for k in ("real", "heldout") for r in st.get(k, [])}
    unknown = sorted({stem(m) for m in (*only, *drop)} - have)
    if unknown:
        raise ValueError(f"no such model in the runs: {unknown}")
    keep = {stem(m) for m in only} or have
    keep -= {stem(m) for m in drop}
    return {**st, **{k: [r for r in st[k] if stem(r["model"]) in keep]
                     for k in ("real", "heldout") if k in st}}


def pooled(st: dict[str, Any]) -> dict[str, Any]:
    """``st`` with one more model list, ``pooled``: the ``real`` (validation) and
    ``heldout`` models as one set (issue 22 session 22's V2, a validation set once
    the held-out models have been reported)."""
    return {**st, "pooled": [*st.get("real", []), *st.get("heldout", [])]}


def report(dirs: Sequence[str], a: str = STACKED, b: str = PER_OP,
           targets: Sequence[str] = TARGETS, only: Sequence[str] = (),
           drop: Sequence[str] = (), pool: bool = False) -> str:
    runs = [select(load(d), only, drop) for d in dirs]
    if pool:
        runs = [pooled(st) for st in runs]
    out = [f"# PerfSAGE real-model study over {len(runs)} runs\n",
           "Runs: " + ", ".join(f"`{d}`" for d in dirs) + "\n",
           "Models Vela maps fully to the NPU; |error| % against Vela. Mean ± sample sd "
           "over runs; ensemble = geometric mean of the runs' predictions.\n"]
    for subset, title in (("real", "Validation (shared real models)"),
                          ("heldout", "Held-out test models"),
                          ("pooled", "Validation and held-out models pooled")):
        head, body = seed_table(runs, subset, targets)
        if not body:
            continue
        out.append(f"\n## {title}\n\n" + markdown_table(head, body))
        head, body = paired(runs, subset, a, b, targets)
        out.append(f"\n### Paired, a = {a}, b = {b}\n\n" + markdown_table(head, body))
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> str:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("dirs", nargs="+", help="workdirs of --real-study runs")
    p.add_argument("--a", default=STACKED, help="first row of the paired comparison")
    p.add_argument("--b", default=PER_OP, help="second row of the paired comparison")
    p.add_argument("--targets", nargs="+", default=list(TARGETS),
                   help="targets to summarise (default: the two latency targets)")
    p.add_argument("--only", nargs="+", default=(), metavar="MODEL",
                   help="summarise only these models (file names, .tflite optional)")
    p.add_argument("--drop", nargs="+", default=(), metavar="MODEL",
                   help="leave these models out")
    p.add_argument("--pooled", action="store_true",
                   help="also summarise the validation and held-out models as one set")
    p.add_argument("--out", default=None, help="also write the report here")
    args = p.parse_args(sys.argv[1:] if argv is None else argv)
    text = report(args.dirs, args.a, args.b, args.targets, args.only, args.drop,
                  args.pooled)
    if args.out:
        pathlib.Path(args.out).write_text(text)
    print(text)
    return text


if __name__ == "__main__":
    main()
