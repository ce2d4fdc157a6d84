"""Session 35, helper diaglat (issue 22, latency): why the per-op sum of forests (the recommended predictor's base)
misses Vela 5.2's latency of two fresh published models (diag_latency35.md): Wave-U-Net (family XLVI,
wave_unet_16384, U55 about +60 %) and FC-DenseNet56 (family XLVII, fc_densenet56_224, U55 -49 %, U65 -36 %).

Reads (never writes) runs/psage_rs35x46_s0 and runs/psage_rs35x47_s0 (results.json: real_study -> heldout ->
breakdown[target] per TFLite operator: type, vela_ms, pred_ms["per-op sum"]; predictor_stacked.npz: the forests),
the two .tflite files under runs/heldoutXLVI / runs/heldoutXLVII, and the training set runs/mix22 (shards, per-op
cycles u55_op_cycles / u65_op_cycles). Runs Vela 5.2 once per model and NPU (ethos-u55-128 /
Ethos_U55_High_End_Embedded, ethos-u65-256 / Ethos_U65_High_End, Shared_Sram, --verbose-performance; output in a
temporary folder, not kept). Prints markdown sections A-E (see the md). Deterministic.

Usage (repo root, PYTHONPATH=src:., JAXEFF_MAIN = the checkout holding runs/, default "."):
  python docs/evidence/perfsage-cpu-2026-12-07-s35/diag_latency35.py > tables.md
"""
from __future__ import annotations

import collections
import csv
import glob
import json
import os
import subprocess
import tempfile

import numpy as np

from jaxeff.gnn.baselines import WEIGHT_PORT_BYTES_PER_CYCLE, op_features, roof_terms
from jaxeff.gnn.bounds import _COL, PEAK
from jaxeff.gnn.fit import Predictor
from jaxeff.gnn.realeval import record_of
from jaxeff.gnn.shards import read_shard

MAIN = os.environ.get("JAXEFF_MAIN", ".")
MODELS = [("wave_unet_16384", "psage_rs35x46_s0", "heldoutXLVI"),
          ("fc_densenet56_224", "psage_rs35x47_s0", "heldoutXLVII")]
PLATS = ("u55", "u65")
VELA = {"u55": ("ethos-u55-128", "Ethos_U55_High_End_Embedded"), "u65": ("ethos-u65-256", "Ethos_U65_High_End")}
KHZ = {p: PEAK[p].clock_hz / 1e3 for p in PLATS}  # cycles per ms
KEY = "per-op sum"
FEATS = ["H", "W", "HW", "C_in", "C_out", "K_h", "K_w", "s_h", "s_w", "MACs/1e6", "params/1e6", "act/1e6"]


def roof(rec: dict, p: str) -> np.ndarray:
    """The forests' roofline r (cycles) as the stacked predictor builds it (lowered, rule E resize, padded 32)."""
    return np.maximum(roof_terms(rec, p, True, True, 32).max(1), 1.0)


def fmt(v: float, d: int = 2) -> str:
    return f"{v:.{d}f}"


def load_training() -> dict:
    """Per op type of mix22: x rows, input node shapes, per-op ms and cycles per NPU (cycles / sum x label)."""
    ops: dict = collections.defaultdict(list)
    for f in sorted(glob.glob(os.path.join(MAIN, "runs/mix22/shards/*.npz"))):
        for r in read_shard(f)[0]:
            n, x = int(r["n_ops"]), np.asarray(r["x"])
            s, d = np.asarray(r["senders"]), np.asarray(r["receivers"])
            cyc = {p: np.asarray(r[f"{p}_op_cycles"], np.float64) for p in PLATS}
            for v in range(n):
                ins = s[d == v]
                ops[r["ops"][v]].append({"space": r["space"], "x": x[v].copy(), "ins": [x[i, :4].copy() for i in ins],
                                         **{p: float(cyc[p][v]) for p in PLATS}})
    out = {}
    for t, lst in ops.items():
        X = np.stack([o["x"] for o in lst])
        rec = {"x": X, "n_ops": len(lst), "ops": [t] * len(lst)}
        out[t] = {"list": lst, "feat": op_features(rec), "cyc": {p: np.array([o[p] for o in lst]) for p in PLATS},
                  "r": {p: roof(rec, p) for p in PLATS}}
    return out


def bcast_kind(x: np.ndarray, ins: list) -> str:
    """MUL / ADD: 'act' (two activations), 'const_chan' (a constant [1,1,1,C] broadcast over H x W),
    'const_scalar', 'const_full' (a constant of another shape)."""
    if np.expm1(x[_COL["log_param_bytes"]]) <= 0 or len(ins) < 2:
        return "act"
    s2 = [int(v) for v in ins[1]]
    if np.prod(s2) == 1:
        return "const_scalar"
    return "const_chan" if s2[1] == 1 and s2[2] == 1 and s2[3] > 1 and x[1] * x[2] > 1 else "const_full"


def vela_layers(path: str, p: str, legacy: bool = False) -> list[dict]:
    """Vela's per-layer CSV rows (the default regor core, or the legacy Python core with ``legacy``)."""
    acc, sysc = VELA[p]
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(["vela", path, "--accelerator-config", acc, "--system-config", sysc, "--memory-mode",
                        "Shared_Sram", "--output-dir", out, "--verbose-performance"]
                       + (["--debug-force-legacy-core"] if legacy else []), capture_output=True, check=True)
        return list(csv.DictReader(open(glob.glob(os.path.join(out, "*_per-layer.csv"))[0])))


def section_a(name: str, b: dict, label: dict, train: dict, rec: dict) -> None:
    print(f"\n### A. {name}: per operator type, Vela ms vs per-op sum ms\n")
    print("label (Vela) " + ", ".join(f"{p.upper()} {label[p + '_latency_ms']:.2f} ms" for p in PLATS)
          + "; contribution = (pred - Vela) / label, %, summing to the per-op sum's error. U65/U55 cycles: Vela's "
            "cycles on U65 over U55 for this type here, and the median over mix22's operators of the type.\n")
    print("| type | n | U55 Vela | U55 pred | U55 contrib % | U65 Vela | U65 pred | U65 contrib % "
          "| U65/U55 cycles here | U65/U55 cycles mix22 (median) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    agg = collections.defaultdict(lambda: {p: [0, 0.0, 0.0] for p in PLATS})
    for p in PLATS:
        for o in b[p + "_latency_ms"]:
            a = agg[o["type"]][p]
            a[0] += 1
            a[1] += o["vela_ms"]
            a[2] += o["pred_ms"][KEY]
    lab = {p: sum(o["vela_ms"] for o in b[p + "_latency_ms"]) for p in PLATS}
    tot = {p: [0.0, 0.0] for p in PLATS}
    for t, a in sorted(agg.items(), key=lambda kv: -abs(kv[1]["u55"][2] - kv[1]["u55"][1])):
        here = (a["u65"][1] * KHZ["u65"]) / max(a["u55"][1] * KHZ["u55"], 1e-9)
        tr = train.get(t)
        med = "-"
        if tr is not None:
            m = tr["cyc"]["u55"] > 0
            med = fmt(float(np.median(tr["cyc"]["u65"][m] / tr["cyc"]["u55"][m]))) if m.any() else "-"
        cells = []
        for p in PLATS:
            tot[p][0] += a[p][1]
            tot[p][1] += a[p][2]
            cells += [fmt(a[p][1]), fmt(a[p][2]), f"{(a[p][2] - a[p][1]) / lab[p] * 100:+.1f}"]
        print(f"| {t} | {a['u55'][0]} | " + " | ".join(cells) + f" | {fmt(here) if a['u55'][1] > 0 else '-'} | {med} |")
    print("| **sum** | | " + " | ".join(f"{fmt(tot[p][0])} | {fmt(tot[p][1])} | {(tot[p][1] / tot[p][0] - 1) * 100:+.1f}"
                                     for p in PLATS) + " | | |")


def shapes_in(rec: dict, v: int) -> str:
    n, x = int(rec["n_ops"]), np.asarray(rec["x"])
    s, d = np.asarray(rec["senders"]), np.asarray(rec["receivers"])
    return ", ".join(("c" if i >= n else "") + "x".join(str(int(q)) for q in x[i, :4]) for i in s[d == v])


def section_b(name: str, b: dict, train: dict, rec: dict) -> None:
    x = np.asarray(rec["x"])
    feat = op_features(rec)
    for p in PLATS:
        rows = b[p + "_latency_ms"]
        r = roof(rec, p)
        top = sorted(range(len(rows)), key=lambda v: -abs(rows[v]["pred_ms"][KEY] - rows[v]["vela_ms"]))[:10]
        print(f"\n### B. {name} {p.upper()}: top 10 operators by |pred - Vela|\n")
        print("Inputs: 'c' marks a constant. Vela/r, pred/r: cycles over the forests' roofline r (the ratio the "
              "forest predicts); mix22 Vela/r: q10-q50-q90 over the type's training operators; outside: op_features "
              "beyond the type's mix22 [min, max].\n")
        print("| op | type | OFM | inputs | k / s | Vela ms | pred ms | err ms | Vela/r | pred/r | mix22 Vela/r "
              "| outside mix22 |")
        print("|---:|---|---|---|---|---:|---:|---:|---:|---:|---|---|")
        for v in top:
            o = rows[v]
            t = o["type"]
            tr = train.get(t)
            out, q = [], "-"
            if tr is not None:
                lo, hi = tr["feat"].min(0), tr["feat"].max(0)
                out = [f"{FEATS[j]}={feat[v, j]:.4g} ({lo[j]:.4g}..{hi[j]:.4g})" for j in range(len(FEATS))
                       if feat[v, j] < lo[j] or feat[v, j] > hi[j]]
                q = "-".join(fmt(z, 1) for z in np.percentile(tr["cyc"][p] / tr["r"][p], [10, 50, 90]))
            ks = (f"{int(x[v, _COL['kernel_h']])}x{int(x[v, _COL['kernel_w']])} / "
                  f"{int(x[v, _COL['stride_h']])}x{int(x[v, _COL['stride_w']])}")
            print(f"| {v} | {t} | {'x'.join(str(int(z)) for z in x[v, :4])} | {shapes_in(rec, v)} | {ks} "
                  f"| {fmt(o['vela_ms'], 3)} | {fmt(o['pred_ms'][KEY], 3)} | {o['pred_ms'][KEY] - o['vela_ms']:+.3f} "
                  f"| {fmt(o['vela_ms'] * KHZ[p] / r[v], 1)} | {fmt(o['pred_ms'][KEY] * KHZ[p] / r[v], 1)} | {q} "
                  f"| {'; '.join(out) or '-'} |")


def section_c(name: str, path: str, rec: dict) -> None:
    print(f"\n### C. {name}: Vela 5.2 --verbose-performance, per (TFLite op, NPU op) summed\n")
    print("Cycles per OFM element use the TFLite operators' output sizes of that type; 'port' = OffFlash (U55) / "
          "DRAM (U65) access cycles, the memory read-only constants live in.\n")
    print("| NPU | TFLite op | NPU op | n | op cycles | NPU cycles | SRAM AC | DRAM AC | OffFlash AC "
          "| op cycles / OFM elt | port cycles / OFM elt |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    x = np.asarray(rec["x"])
    vt = {"Conv2D": "CONV_2D", "Mul": "MUL", "Add": "ADD", "Concat": "CONCATENATION", "ResizeBilinear":
          "RESIZE_BILINEAR", "MaxPool": "MAX_POOL_2D", "TransposeConv2D": "TRANSPOSE_CONV", "Softmax": "SOFTMAX",
          "Tanh": "TANH", "LeakyRelu": "LEAKY_RELU", "StridedSlice": "STRIDED_SLICE"}
    elts = collections.Counter()
    for v in range(int(rec["n_ops"])):
        elts[rec["ops"][v]] += float(np.prod(x[v, :4]))
    for p in PLATS:
        agg: dict = collections.defaultdict(lambda: np.zeros(6))
        for row in vela_layers(path, p):
            agg[(row["Original Operator"], row["NNG Operator"])] += [1, int(row["Op Cycles"]), int(row["NPU"]),
                                                                     int(row["SRAM AC"]), int(row["DRAM AC"]),
                                                                     int(row["OffFlash AC"])]
        for (a, nng), s in sorted(agg.items(), key=lambda kv: -kv[1][1]):
            if s[1] == 0:
                continue
            e = elts.get(vt.get(a, a), 0)
            port = s[5] if p == "u55" else s[4]
            print(f"| {p.upper()} | {a} | {nng} | {int(s[0])} | {int(s[1])} | {int(s[2])} | {int(s[3])} | {int(s[4])} "
                  f"| {int(s[5])} | {fmt(s[1] / e) if e else '-'} | {fmt(port / e) if e else '-'} |")


def legacy_check() -> None:
    """FC-DenseNet56 on U55 through Vela 5.2's legacy Python core (whose npu_performance.py can be read): MUL / ADD
    totals against the default (regor) core's."""
    path = os.path.join(MAIN, "runs", "heldoutXLVII", "models", "fc_densenet56_224.tflite")
    print("\n### C2. fc_densenet56_224 U55, MUL / ADD: default (regor) core vs --debug-force-legacy-core\n")
    print("| core | type | n | op cycles | NPU cycles | OffFlash AC |")
    print("|---|---|---:|---:|---:|---:|")
    for legacy, col in ((False, "Original Operator"), (True, "TFLite_operator")):
        agg: dict = collections.defaultdict(lambda: np.zeros(4))
        for row in vela_layers(path, "u55", legacy):
            t = row[col].upper()
            if t in ("MUL", "ADD") and row["NNG Operator"] in ("Mul", "Add"):
                agg[t] += [1, float(row["Op Cycles"]), float(row["NPU"]), float(row["OffFlash AC"])]
        for t, s in sorted(agg.items()):
            print(f"| {'legacy' if legacy else 'regor'} | {t} | {int(s[0])} | {int(s[1])} | {int(s[2])} | {int(s[3])} |")


def section_d(train: dict) -> None:
    print("\n### D. mix22 (the forests' training set): the culprits' neighbours\n")
    print("MUL / ADD by second input (act: two activations; const_chan: a constant [1,1,1,C] over an H x W map; "
          "const_full / const_scalar): count, largest H x W and OFM elements, Vela/r q10-q50-q90 per NPU, and "
          "Vela cycles over 8 B per OFM element at the constant port (U55 1 B / cycle, U65 3.75 B / cycle).\n")
    print("| type | kind | n | spaces | max HW | max OFM elts | U55 Vela/r | U65 Vela/r | U55 cyc / (8 elt / W_w) "
          "| U65 cyc / (8 elt / W_w) |")
    print("|---|---|---:|---|---:|---:|---|---|---|---|")
    for t in ("MUL", "ADD"):
        tr = train[t]
        kinds = np.array([bcast_kind(o["x"], o["ins"]) for o in tr["list"]])
        X = np.stack([o["x"] for o in tr["list"]])
        el = X[:, 1] * X[:, 2] * X[:, 3]
        for k in sorted(set(kinds)):
            m = kinds == k
            sp = collections.Counter(tr["list"][i]["space"] for i in np.where(m)[0]).most_common(3)
            q = {p: "-".join(fmt(z, 1) for z in np.percentile(tr["cyc"][p][m] / tr["r"][p][m], [10, 50, 90]))
                 for p in PLATS}
            w = {p: "-".join(fmt(z, 2) for z in np.percentile(
                tr["cyc"][p][m] / (8 * el[m] / WEIGHT_PORT_BYTES_PER_CYCLE[p]), [10, 50, 90])) for p in PLATS}
            print(f"| {t} | {k} | {int(m.sum())} | {', '.join(f'{s} {c}' for s, c in sp)} | {int((X[m, 1] * X[m, 2]).max())} "
                  f"| {int(el[m].max())} | {q['u55']} | {q['u65']} | {w['u55']} | {w['u65']} |")
    print("\nRESIZE_BILINEAR / CONCATENATION by output height (1-row maps vs 2-D): count, W range, Vela cycles per "
          "OFM element q10-q50-q90 per NPU, U65/U55 cycles median; RESIZE_BILINEAR also by scale f = output / input "
          "H x W (1 x 1 inputs apart).\n")
    print("| type | group | n | W range | U55 cyc/elt | U65 cyc/elt | U65/U55 cycles |")
    print("|---|---|---:|---|---|---|---:|")
    for t in ("RESIZE_BILINEAR", "CONCATENATION"):
        tr = train[t]
        X = np.stack([o["x"] for o in tr["list"]])
        el = np.maximum(X[:, 1] * X[:, 2] * X[:, 3], 1)
        groups = {"H = 1": X[:, 1] == 1, "H 2-7": (X[:, 1] > 1) & (X[:, 1] < 8), "H >= 8": X[:, 1] >= 8}
        if t == "RESIZE_BILINEAR":
            ihw = np.array([float(o["ins"][0][1] * o["ins"][0][2]) for o in tr["list"]])
            f = X[:, 1] * X[:, 2] / np.maximum(ihw, 1)
            groups = {"input 1x1": ihw == 1, "f = 4 (2x2)": (ihw > 1) & (np.round(f) == 4),
                      "f = 16 (4x4)": (ihw > 1) & (np.round(f) == 16), "f other": (ihw > 1) & ~np.isin(np.round(f), [4, 16]),
                      "H = 1 (any)": X[:, 1] == 1}
        for g, m in groups.items():
            if not m.any():
                print(f"| {t} | {g} | 0 | - | - | - | - |")
                continue
            q = {p: "-".join(fmt(z) for z in np.percentile(tr["cyc"][p][m] / el[m], [10, 50, 90])) for p in PLATS}
            pos = m & (tr["cyc"]["u55"] > 0)
            ratio = fmt(float(np.median(tr["cyc"]["u65"][pos] / tr["cyc"]["u55"][pos]))) if pos.any() else "-"
            print(f"| {t} | {g} | {int(m.sum())} | {int(X[m, 2].min())}..{int(X[m, 2].max())} | {q['u55']} | {q['u65']} "
                  f"| {ratio} |")


def _reshaped(rec: dict, v: int, h: int, w: int, c: int, in_hw: float) -> dict:
    """rec with operator v's output set to 1 x h x w x c, its input of in_hw x c elements (activation bytes,
    int8; MACs scaled with the output), constants and edges unchanged."""
    x = np.array(rec["x"], np.float64)
    old = float(np.prod(x[v, :4]))
    x[v, 1:4] = (h, w, c)
    macs = np.expm1(x[v, _COL["log_macs"]])
    x[v, _COL["log_macs"]] = np.log1p(macs * h * w * c / old)
    x[v, _COL["log_act_bytes"]] = np.log1p(h * w * c + in_hw * c)
    if x[v, _COL["c_in"]] > 0:
        x[v, _COL["c_in"]] = c
    return {**rec, "x": x.astype(np.asarray(rec["x"]).dtype)}


def section_e() -> None:
    print("\n### E. The forests on the culprits, as is and reshaped (Vela not rerun; forest = NNMeter.predict_ops "
          "of the stacked predictor's node base, no rules)\n")
    print("| model | op | variant | U55 forest cyc/elt | U65 forest cyc/elt | U55 Vela cyc/elt (this op) "
          "| U65 Vela cyc/elt (this op) |")
    print("|---|---:|---|---:|---:|---:|---:|")
    cases = {"wave_unet_16384": (82, [("as is: 1 x 16384 x 48 from 1 x 8192", None),
                                      ("W at the training max: 1 x 640 x 48 from 1 x 320", (1, 640, 48, 320)),
                                      ("same elements in 2-D: 128 x 128 x 48 from 64 x 64", (128, 128, 48, 4096))]),
             "fc_densenet56_224": (1, [("as is: 224 x 224 x 48, const 1x1x1x48", None),
                                       ("inside mix22's const_chan range: 64 x 48 x 48", (64, 48, 48, 3072)),
                                       ("mid: 112 x 112 x 48", (112, 112, 48, 112 * 112))])}
    for name, run, folder in MODELS:
        rec = record_of(os.path.join(MAIN, "runs", folder, "models", name + ".tflite"))
        res = json.load(open(os.path.join(MAIN, "runs", run, "results.json")))
        b = next(h for h in res["real_study"]["heldout"] if h["model"] == name + ".tflite")["breakdown"]
        meters = Predictor.load(os.path.join(MAIN, "runs", run, "predictor_stacked.npz")).node_base.meters
        v, variants = cases[name]
        el0 = float(np.prod(np.asarray(rec["x"])[v, :4]))
        vela = {p: b[p + "_latency_ms"][v]["vela_ms"] * KHZ[p] / el0 for p in PLATS}
        for label, shp in variants:
            r2 = rec if shp is None else _reshaped(rec, v, *shp)
            el = float(np.prod(np.asarray(r2["x"])[v, :4]))
            f = {p: meters[p + "_latency_ms"].predict_ops(r2)[v] / el for p in PLATS}
            print(f"| {name} | {v} ({rec['ops'][v]}) | {label} | {fmt(f['u55'])} | {fmt(f['u65'])} | "
                  f"{fmt(vela['u55']) if shp is None else '-'} | {fmt(vela['u65']) if shp is None else '-'} |")


def main() -> None:
    train = load_training()
    print(f"mix22: {sum(len(t['list']) for t in train.values())} operators of {len(train)} types")
    for name, run, folder in MODELS:
        path = os.path.join(MAIN, "runs", folder, "models", name + ".tflite")
        res = json.load(open(os.path.join(MAIN, "runs", run, "results.json")))
        h = next(h for h in res["real_study"]["heldout"] if h["model"] == name + ".tflite")
        rec = record_of(path)
        print(f"\n## {name} ({run}; per-op sum error " + ", ".join(
            f"{p.upper()} {h['err']['per-op sum (nn-Meter forests)'][p + '_latency_ms']:+.1f} %" for p in PLATS)
              + ", stacked / capped " + ", ".join(
            f"{p.upper()} {h['err']['PerfSAGE stacked, capped correction (ours)'][p + '_latency_ms']:+.1f} %"
            for p in PLATS) + ")")
        section_a(name, h["breakdown"], h["label"], train, rec)
        section_b(name, h["breakdown"], train, rec)
        section_c(name, path, rec)
    legacy_check()
    section_d(train)
    section_e()


if __name__ == "__main__":
    main()
