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
  a model, scored like one predictor (for the forests this is just more trees);
* :func:`beats`: whether ``a`` beats ``b`` under three pre-registered criteria
  (session 22's headline pair count, and session 25's tie-tolerant and seed-ensemble
  rows, which decide nothing about the headline).

A run argument ``DIR1+DIR2`` is one run whose held-out models are both folders'
(the validation models are DIR1's): a rule evaluated on two held-out folders by
``--reuse``, for example session 25's V6 = V5 + families XX / XXI.

Nothing here trains anything; it summarises runs, and :func:`choose` applies the
pre-registered choice of a rule to numbers it is given.

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
#: |error| points within which two predictors are level (issue 22's pair counts)
TIE = 0.05


def load(d: str | pathlib.Path) -> dict[str, Any]:
    """The ``real_study`` part of ``d/results.json`` (``d`` may also be the file).
    ``"A+B"`` (no such path) merges runs: A's study with B's held-out models appended;
    a model held by both raises ``ValueError``."""
    if isinstance(d, str) and "+" in d and not pathlib.Path(d).exists():
        first, *rest = d.split("+")
        st = load(first)
        held = list(st.get("heldout", []))
        for r in rest:
            more = load(r).get("heldout", [])
            dup = {x["model"] for x in held} & {x["model"] for x in more}
            if dup:
                raise ValueError(f"{r}: held-out models already in {first}: {sorted(dup)}")
            held += more
        return {**st, "heldout": held}
    p = pathlib.Path(d)
    p = p / "results.json" if p.is_dir() else p
    if not p.is_file():
        raise FileNotFoundError(f"{p}: no results.json of a --real-study run")
    res = json.loads(p.read_text())
    if "real_study" not in res:
        raise ValueError(f"{p} is not a --real-study run (no 'real_study' key)")
    return res["real_study"]


def _rows(runs: Sequence[dict], subset: str) -> list[list[dict]]:
    """Per run, the NPU-only rows of ``subset`` in the first run's order; every run
    must hold the same models (in any order: merged ``A+B`` runs list A's first)."""
    out = [[r for r in st.get(subset, []) if r["npu_full"]] for st in runs]
    order = {r["model"]: i for i, r in enumerate(out[0])} if out else {}
    out = [sorted(rs, key=lambda r: order.get(r["model"], len(order))) for rs in out]
    names = [[r["model"] for r in rs] for rs in out]
    if any(n != names[0] for n in names):
        raise ValueError(f"runs disagree on the {subset!r} models: {names}")
    return out


def _ens_err(rows: list[list[dict]], row: str, t: str) -> np.ndarray:
    """Per model, |error| % of ``row``'s seed ensemble (geometric mean over runs)."""
    lp = np.mean([[math.log(max(r["pred"][row][t], 1e-30)) for r in rs] for rs in rows], 0)
    lab = np.asarray([r["label"][t] for r in rows[0]])
    return np.abs(np.exp(lp) / lab - 1) * 100


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
            e = _ens_err(rows, m, t)
            med, mape, mx, w = _stats(e)
            line.append(f"{med:.1f} / {mape:.1f} / {mx:.1f} ({w}/{len(e)}"
                        + (f"; > 50 %: {int((e > 50).sum())})" if (e > 50).any() else ")"))
        body.append(line)
    return head, body


def paired(runs: Sequence[dict], subset: str, a: str = STACKED, b: str = PER_OP,
           targets: Sequence[str] = TARGETS) -> tuple[list[str], list[list[str]]]:
    """Per model, mean |error| of ``a`` and ``b`` over runs; the last rows count the
    (model, run) pairs where each is closer to Vela (ties within :data:`TIE` points)."""
    rows = _rows(runs, subset)
    head = ["model"] + [f"{t} {x}" for t in targets for x in ("|err| a", "|err| b")]
    body, wins = [], {t: [0, 0, 0] for t in targets}
    for i, r0 in enumerate(rows[0]):
        line = [r0["model"]]
        for t in targets:
            ea = np.abs([rs[i]["err"][a][t] for rs in rows])
            eb = np.abs([rs[i]["err"][b][t] for rs in rows])
            line += [f"{ea.mean():.1f}", f"{eb.mean():.1f}"]
            wins[t] = [w + c for w, c in zip(wins[t], _count(ea, eb, TIE), strict=True)]
        body.append(line)
    body.append(["a closer / b closer / tie"] + [
        v for t in targets for v in (f"{wins[t][0]} / {wins[t][1]} / {wins[t][2]}", "")])
    return head, body


def _count(ea: np.ndarray, eb: np.ndarray, tie: float) -> tuple[int, int, int]:
    """(a closer, b closer, ties within ``tie`` points) over paired |errors|."""
    return (int(np.sum(ea < eb - tie)), int(np.sum(eb < ea - tie)),
            int(np.sum(np.abs(ea - eb) <= tie)))


def beats(runs: Sequence[dict], subset: str, a: str = STACKED, b: str = PER_OP,
          targets: Sequence[str] = TARGETS) -> dict[str, dict[str, Any]]:
    """Whether row ``a`` beats row ``b`` on ``subset``, per criterion (issue 22):

    * ``headline`` (session 22's rule): ``a`` is closer to Vela than ``b`` in more than
      half of the (model, run) pairs of each target (ties within 0.05 points are not
      closer) and has the lower MAPE (mean over runs) on every target;
    * ``tie-tolerant`` (session 25, extra row): pairs within 0.5 points are ties; ``a``
      is closer in more pairs than ``b`` on each target, and has the lower MAPE;
    * ``seed ensemble`` (session 25, extra row): each row's geometric mean over runs
      per model; ``a``'s is closer (ties within 0.05 points) on more than half of the
      models of each target, and has the lower ensemble MAPE on every target.

    Returns, per criterion, ``counts`` (per target: a closer, b closer, ties, n),
    ``mape`` (per target: a, b) and ``shown``."""
    rows = _rows(runs, subset)
    if not rows[0]:
        return {}
    per_pair = {row: {t: np.abs([[r["err"][row][t] for r in rs] for rs in rows]).ravel()
                      for t in targets} for row in (a, b)}
    per_ens = {row: {t: _ens_err(rows, row, t) for t in targets} for row in (a, b)}
    out: dict[str, dict[str, Any]] = {}
    # criterion: (|errors| of a and b, tie points, a-wins needed: "half" or "losses")
    for name, e, tie, need in (("headline", per_pair, TIE, "half"),
                               ("tie-tolerant", per_pair, 0.5, "losses"),
                               ("seed ensemble", per_ens, TIE, "half")):
        counts = {t: (*_count(e[a][t], e[b][t], tie), e[a][t].size) for t in targets}
        mape = {t: (float(e[a][t].mean()), float(e[b][t].mean())) for t in targets}
        won = all(c[0] > (c[3] / 2 if need == "half" else c[1]) for c in counts.values())
        out[name] = {"counts": counts, "mape": mape,
                     "shown": bool(won and all(x < y for x, y in mape.values()))}
    return out


def beats_table(runs: Sequence[dict], subset: str, a: str = STACKED, b: str = PER_OP,
                targets: Sequence[str] = TARGETS) -> tuple[list[str], list[list[str]]]:
    """:func:`beats` as a table: per criterion and target, "a closer / b closer / tie
    of n" and the two MAPEs, then whether it is shown."""
    res = beats(runs, subset, a, b, targets)
    head = ["criterion"] + [f"{t} {x}" for t in targets
                            for x in ("a / b / tie of n", "MAPE a / b")] + ["shown"]
    body = [[name] + [v for t in targets for v in (
        "{} / {} / {} of {}".format(*r["counts"][t]),
        "{:.2f} / {:.2f}".format(*r["mape"][t]))] + ["yes" if r["shown"] else "no"]
        for name, r in res.items()]
    return head, body


def choose(rules: dict[str, dict[str, tuple[float, int]]], tol: float = 0.3,
           targets: Sequence[str] = TARGETS) -> str:
    """Issue 22's pre-registered choice of a latency rule (sessions 23-25).

    ``rules`` maps a rule's name to, per target, (MAPE averaged over seeds, number of
    seed-ensemble models above 50 %); the first rule is the reference (the one now
    recommended). A rule qualifies if it is not worse than the reference by more than
    ``tol`` points on any target and has no more ensemble models above 50 % on any
    target; among those that qualify, the lowest MAPE averaged over the targets wins
    (the reference if none is lower)."""
    if not rules:
        raise ValueError("no rules to choose from")
    names = list(rules)
    ref = rules[names[0]]
    best, best_avg = names[0], float(np.mean([ref[t][0] for t in targets]))
    for name in names[1:]:
        r = rules[name]
        ok = all(r[t][0] <= ref[t][0] + tol and r[t][1] <= ref[t][1] for t in targets)
        avg = float(np.mean([r[t][0] for t in targets]))
        if ok and avg < best_avg:
            best, best_avg = name, avg
    return best


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
        head, body = beats_table(runs, subset, a, b, targets)
        out.append("\n### Does a beat b? (issue 22's criteria)\n\n" + markdown_table(head, body))
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> str:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("dirs", nargs="+", help="workdirs of --real-study runs "
                   "(DIR1+DIR2: one run, both folders' held-out models)")
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
