"""Session 21, issue 22: is Vela's latency a sum of context-free kernel costs?

Measurement A (training data): a per-op "memoriser" on mix14. Measurement B (real
models): every kernel compiled alone with Vela against Vela's in-graph total.
See PREREGISTERED.md in this folder. Usage:

    python additivity.py A runs/mix14 > additivity_A.md
    python additivity.py B OUT.json MODEL.tflite [...]   # per-kernel rows as JSON
    python additivity.py report OUT.json [...] > additivity_B.md
    python additivity.py C RUN,RUN OUT.json,OUT.json SET=MODEL,MODEL [...] > additivity_C.md
    python additivity.py types RUN OUT.json MODEL.tflite [...] > fam9_by_type.md
"""
from __future__ import annotations

import collections
import json
import pathlib
import sys

import numpy as np

from jaxeff.gnn.labels import kernel_graph, kernels, per_op_cycles, run_vela
from jaxeff.gnn.velamem import MEMORY_ONLY
from jaxeff.tflite.reader import read_main
from jaxeff.tflite.writer import write_tflite

PLATFORMS = ("u55", "u65")


def measurement_a(path: str) -> None:
    from jaxeff.gnn.shards import load_dataset

    recs = load_dataset(path)
    print(f"# Measurement A: a context-free per-op memoriser on `{path}` ({len(recs)} graphs)\n")
    print("Operators are twins when their op type and full node-feature row are equal. Each operator of a "
          "graph is predicted by the median Vela cycles of its twins in other graphs; only graphs whose "
          "every operator has such a twin are scored.\n")
    print("| NPU | graphs scored | twin groups across graphs | median | MAPE | p90 | max | graphs > 1 % | "
          "graphs > 2 % |")
    print("|---|---|---|---|---|---|---|---|---|")
    worst = {}
    for p in PLATFORMS:
        groups: dict = collections.defaultdict(list)
        keys = []
        for gi, r in enumerate(recs):
            n = r["n_ops"]
            x = np.asarray(r["x"][:n])
            ks = [(r["ops"][i], tuple(np.round(x[i], 5))) for i in range(n)]
            keys.append(ks)
            for i, k in enumerate(ks):
                groups[k].append((gi, float(r[f"{p}_op_cycles"][i])))
        errs, who = [], []
        for gi, r in enumerate(recs):
            pred = []
            for k in keys[gi]:
                other = [c for g, c in groups[k] if g != gi]
                if not other:
                    break
                pred.append(np.median(other))
            else:
                tot = float(np.sum(r[f"{p}_op_cycles"]))
                errs.append(100 * abs(sum(pred) - tot) / tot)
                who.append(r["space"])
        e = np.asarray(errs)
        multi = sum(1 for v in groups.values() if len({g for g, _ in v}) > 1)
        print(f"| {p} | {len(e)} | {multi} | {np.median(e):.3f} | {e.mean():.2f} | "
              f"{np.quantile(e, 0.9):.2f} | {e.max():.1f} | {(e > 1).sum()} | {(e > 2).sum()} |")
        worst[p] = collections.Counter(s for s, v in zip(who, e, strict=True) if v > 2)
        if p == PLATFORMS[0]:
            scored = collections.Counter(who)
    print(f"\nScored graphs by space: {dict(sorted(scored.items()))}.\n")
    for p in PLATFORMS:
        print(f"Graphs over 2 % on {p}, by space: {dict(sorted(worst[p].items()))}.")


def measurement_b(out: str, models: list[str]) -> None:
    res = json.loads(pathlib.Path(out).read_text()) if pathlib.Path(out).exists() else {}
    for m in models:
        name = pathlib.Path(m).name
        if name in res:
            continue
        g = read_main(m)
        buf = pathlib.Path(m).read_bytes()
        row: dict = {"kernels": [], "path": m}
        ks = kernels(g)
        for p in PLATFORMS:
            v = run_vela(buf, p)
            row[f"{p}_total"] = int(v.cycles)
            row[f"{p}_cpu_ops"] = int(v.cpu_ops)
            row[f"{p}_in_graph"] = per_op_cycles(g, v.per_layer, list(v.original_ops)).tolist()
        for k in ks:
            kr = {"ops": k, "types": [g.ops[i].type for i in k]}
            try:
                sb = write_tflite(kernel_graph(g, k))
                for p in PLATFORMS:
                    v = run_vela(sb, p)
                    kr[f"{p}_alone"] = int(v.cycles)
                    kr[f"{p}_alone_cpu_ops"] = int(v.cpu_ops)
            except Exception as e:  # noqa: BLE001 - recorded, reported per type
                kr["error"] = f"{type(e).__name__}: {str(e)[:200]}"
            row["kernels"].append(kr)
        res[name] = row
        pathlib.Path(out).write_text(json.dumps(res))
        print(name, "done", file=sys.stderr, flush=True)


def report(outs: list[str]) -> None:
    res = {}
    for o in outs:
        res.update(json.loads(pathlib.Path(o).read_text()))
    print("# Measurement B: every kernel compiled alone with Vela against the in-graph total\n")
    print("`alone` = sum over kernels of Vela's cycles for the kernel compiled as a graph of its own; "
          "`in graph` = Vela's total for the model. A kernel that failed to compile alone is left out of "
          "both sums (its in-graph cycles are listed).\n")
    print("`compute only` (addendum 1, written after the validation rows were first read): the same sums "
          "without memory-only kernels (`velamem.MEMORY_ONLY`), which Vela removes inside a graph but "
          "compiles to a copy when one stands alone.\n")
    print("| model | NPU | in graph (Mcycles) | alone (Mcycles) | alone / in graph - 1 (%) | "
          "compute only: alone / in graph - 1 (%) | "
          "kernels failed (their in-graph %) | kernels off by > 5 % (their in-graph share %) |")
    print("|---|---|---|---|---|---|---|---|")
    bytype: dict = collections.defaultdict(lambda: collections.defaultdict(list))
    summary = {p: [] for p in PLATFORMS}
    summary_c = {p: [] for p in PLATFORMS}
    for name, row in res.items():
        for p in PLATFORMS:
            ing = np.asarray(row[f"{p}_in_graph"])
            tot = row[f"{p}_total"]
            alone = kin = fail = off = offshare = alone_c = kin_c = 0.0
            for kr in row["kernels"]:
                c_in = float(ing[kr["ops"]].sum())
                if "error" in kr or kr.get(f"{p}_alone_cpu_ops", 0):
                    fail += c_in
                    continue
                a = kr[f"{p}_alone"]
                alone += a
                kin += c_in
                if not set(kr["types"]) <= MEMORY_ONLY:
                    alone_c += a
                    kin_c += c_in
                bytype[p]["+".join(kr["types"])].append((c_in, a))
                if abs(a - c_in) > 0.05 * max(c_in, 1.0) and max(a, c_in) > 0.001 * tot:
                    off += 1
                    offshare += c_in
            d = 100 * (alone / kin - 1) if kin else float("nan")
            dc = 100 * (alone_c / kin_c - 1) if kin_c else float("nan")
            summary[p].append(abs(d))
            summary_c[p].append(abs(dc))
            print(f"| {name} | {p} | {tot / 1e6:.3f} | {alone / 1e6:.3f} | {d:+.2f} | {dc:+.2f} | "
                  f"{100 * fail / tot:.1f} | {int(off)} ({100 * offshare / tot:.1f}) |")
    print()
    for p in PLATFORMS:
        s = np.asarray(summary[p])
        c = np.asarray(summary_c[p])
        print(f"- {p}: |alone / in graph - 1| median {np.median(s):.2f} %, max {s.max():.2f} %, "
              f"models within 2 %: {(s <= 2).sum()} of {len(s)}; compute only: median "
              f"{np.median(c):.2f} %, max {c.max():.2f} %, within 2 %: {(c <= 2).sum()} of {len(c)}.")
    print("\n## Per kernel type: in-graph cycles against alone (all models)\n")
    print("| NPU | kernel | count | in graph (Mcycles) | alone (Mcycles) | alone / in graph | "
          "kernels within 5 % |")
    print("|---|---|---|---|---|---|---|")
    for p in PLATFORMS:
        for t, v in sorted(bytype[p].items(), key=lambda kv: -sum(a for a, _ in kv[1])):
            a = np.asarray(v)
            ok = np.sum(np.abs(a[:, 1] - a[:, 0]) <= 0.05 * np.maximum(a[:, 0], 1))
            print(f"| {p} | {t} | {len(a)} | {a[:, 0].sum() / 1e6:.3f} | {a[:, 1].sum() / 1e6:.3f} | "
                  f"{a[:, 1].sum() / max(a[:, 0].sum(), 1):.3f} | {ok} |")


def measurement_c(runs: list[str], outs: list[str], sets: dict[str, list[str]]) -> None:
    """Measurement C (PREREGISTERED.md): the per-op sum's |F - I| on context-free kernels."""
    from jaxeff.gnn.fit import Predictor
    from jaxeff.gnn.realeval import record_of

    res = {}
    for o in outs:
        res.update(json.loads(pathlib.Path(o).read_text()))
    meters = [Predictor.load(pathlib.Path(r) / "predictor_stacked.npz").node_base.meters for r in runs]
    print("# Measurement C: where the per-op sum's error on real models lies\n")
    print(f"Forests: the stacked base of {', '.join(f'`{r}`' for r in runs)} (the per-op sum row). "
          "F = forest cycles, I = Vela in-graph cycles, A = the kernel alone; context-free: "
          "|A - I| <= 2 % of I; memory-only kernels left out. Sums over models and the three runs.\n")
    print("| set | NPU | models | context-free share of in-graph cycles (%) | share of sum abs(F - I) "
          "on context-free kernels (%) | per-op sum MAPE (%) | MAPE left if the context-dependent kernels "
          "were exact (%) | MAPE left if the context-free kernels were exact (%) |")
    print("|---|---|---|---|---|---|---|---|---|")
    recs = {}
    for set_name, names in sets.items():
        for p in PLATFORMS:
            cf_in = tot_in = cf_err = tot_err = 0.0
            mape, mape_fix_ctx, mape_fix_cf = [], [], []
            used = 0
            for name in names:
                if name not in res:
                    continue
                row = res[name]
                if name not in recs:
                    recs[name] = record_of(row["path"])
                rec = recs[name]
                used += 1
                ing = np.asarray(row[f"{p}_in_graph"])
                for m in meters:
                    f = m[f"{p}_latency_ms"].predict_ops(rec)
                    fs = is_ = fix_ctx = fix_cf = 0.0
                    for kr in row["kernels"]:
                        ii = float(ing[kr["ops"]].sum())
                        ff = float(f[kr["ops"]].sum())
                        fs += ff
                        is_ += ii
                        if set(kr["types"]) <= MEMORY_ONLY or "error" in kr:
                            fix_ctx += ff
                            fix_cf += ff
                            continue
                        a = kr[f"{p}_alone"]
                        free = abs(a - ii) <= 0.02 * max(ii, 1.0)
                        tot_in += ii
                        tot_err += abs(ff - ii)
                        if free:
                            cf_in += ii
                            cf_err += abs(ff - ii)
                        fix_ctx += ff if free else ii
                        fix_cf += ii if free else ff
                    mape.append(abs(fs / is_ - 1))
                    mape_fix_ctx.append(abs(fix_ctx / is_ - 1))
                    mape_fix_cf.append(abs(fix_cf / is_ - 1))
            if not used:
                continue
            print(f"| {set_name} | {p} | {used} | {100 * cf_in / tot_in:.1f} | {100 * cf_err / tot_err:.1f} | "
                  f"{100 * np.mean(mape):.1f} | {100 * np.mean(mape_fix_ctx):.1f} | "
                  f"{100 * np.mean(mape_fix_cf):.1f} |")


def by_type(run: str, out: str, names: list[str]) -> None:
    """Per model and kernel type: share of Vela's in-graph cycles and the forests' ratio to them (U55)."""
    from jaxeff.gnn.fit import Predictor
    from jaxeff.gnn.realeval import record_of

    res = json.loads(pathlib.Path(out).read_text())
    meter = Predictor.load(pathlib.Path(run) / "predictor_stacked.npz").node_base.meters["u55_latency_ms"]
    print(f"# Where the per-op sum misses, by kernel type (U55, forests of `{run}`)\n")
    print("| model | kernel | count | share of in-graph cycles (%) | forests / in-graph | "
          "contribution to the model's error (points) |")
    print("|---|---|---|---|---|---|")
    for name in names:
        row = res[name]
        f = meter.predict_ops(record_of(row["path"]))
        ing = np.asarray(row["u55_in_graph"])
        agg: dict = collections.defaultdict(lambda: [0.0, 0.0, 0])
        for kr in row["kernels"]:
            a = agg["+".join(kr["types"])]
            a[0] += float(ing[kr["ops"]].sum())
            a[1] += float(f[kr["ops"]].sum())
            a[2] += 1
        tot = float(ing.sum())
        for t, (i, ff, n) in sorted(agg.items(), key=lambda kv: -kv[1][0]):
            if i > 0.005 * tot:
                print(f"| {name} | {t} | {n} | {100 * i / tot:.1f} | {ff / i:.2f} | "
                      f"{100 * (ff - i) / tot:+.1f} |")


if __name__ == "__main__":
    if sys.argv[1] == "A":
        measurement_a(sys.argv[2])
    elif sys.argv[1] == "B":
        measurement_b(sys.argv[2], sys.argv[3:])
    elif sys.argv[1] == "C":
        # C RUN,RUN,.. OUT.json,.. SET=NAME,NAME,.. [...]
        sets = {a.split("=", 1)[0]: a.split("=", 1)[1].split(",") for a in sys.argv[4:]}
        measurement_c(sys.argv[2].split(","), sys.argv[3].split(","), sets)
    elif sys.argv[1] == "types":  # types RUN OUT.json MODEL.tflite [...]
        by_type(sys.argv[2], sys.argv[3], sys.argv[4:])
    else:
        report(sys.argv[2:])
