"""Session 37, helper diag (issue 22, outcome 11 of PREREGISTERED.md): why SRAM rule N1 (``velamem.DEFAULT_RULE``,
"..._1rd_spool") over-estimates the fresh TSception (``tsception_28x512`` of runs/heldoutLVII; +56.9 % on both NPUs,
Vela 315.4 KiB) where M1 (the same rule without "_spool") gives -3.4 % (diag_tsception37.md). The outcome is recorded;
nothing here changes a number or chooses a rule.

TSception: velamem's ``feature_map_live`` / ``node_sram_bytes`` per operator under M1, N1 and the what-if N1' (below)
against Vela 5.2's --verbose-allocation table and --verbose-schedule (temporary folder, not kept; SRAM functions of
diag_chambon37.py loaded by importlib). Then every model of runs/heldoutL* / heldoutV25X (Res8) whose graph holds a
pool that ``velamem.split_pools`` flags: per split pool, the Vela format of its input map and whether its output is
written into a CONCATENATION in place, and the estimate under M1 / N1 / N1' against Vela's "Total SRAM used".

N1' (a what-if, not a rule of velamem; made by wrapping ``velamem.split_pools`` in this process only): as N1, and where
the split pool's input is the output of a standalone activation in ``velamem.IN_PLACE`` (not elementwise) that is the
single reader of its own input, that input (the convolution's output) is held NHWC too, so that the activation can
still take over its buffer (Vela fuses the activation into the convolution: one NPU operation, one NHWC tensor).

Markdown on stdout. Deterministic. About 1 minute.
Usage (repo root, venv on, PYTHONPATH=src:., JAXEFF_MAIN = the checkout holding runs/, JAXEFF_DATA set):
  python docs/evidence/perfsage-cpu-2026-12-07-s37/diag_tsception37.py > tables.md
"""
from __future__ import annotations

import contextlib
import glob
import importlib.util
import json
import os
import re
import subprocess

import numpy as np

from jaxeff.gnn import velamem as vm
from jaxeff.gnn.realeval import record_of

HERE = os.path.dirname(os.path.abspath(__file__))
MAIN = os.environ.get("JAXEFF_MAIN", ".")
PLATS = ("u55", "u65")
N1 = vm.DEFAULT_RULE
M1 = N1.replace("_spool", "")
assert N1.endswith("_spool") and M1 != N1
TS = ("heldoutLVII", "tsception_28x512")


def _load(name: str, path: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


dc = _load("diag_chambon37", os.path.join(HERE, "diag_chambon37.py"))
_SPLIT_POOLS = vm.split_pools


def split_pools_prop(rec: dict) -> np.ndarray:
    """N1': velamem.split_pools, plus each standalone IN_PLACE activation (not elementwise) whose readers are all
    split pools and whose input has it as its single reader (its input map then goes NHWC too)."""
    sp = _SPLIT_POOLS(rec)
    _, n, ops, cons, prods = vm._graph(rec)
    out = sp.copy()
    for v in range(n):
        if ops[v] in vm.IN_PLACE and ops[v] not in vm.ELEMENTWISE and cons[v] and all(sp[c] for c in cons[v]):
            ins = [p for p in prods[v] if p < n]
            if len(ins) == 1 and set(cons[ins[0]]) == {v}:
                out[v] = True
    return out


@contextlib.contextmanager
def prop():
    vm.split_pools = split_pools_prop
    try:
        yield
    finally:
        vm.split_pools = _SPLIT_POOLS


def est(rec: dict, p: str, rule: str) -> np.ndarray:
    return vm.node_sram_bytes(rec, p, rule=rule)[:int(rec["n_ops"])]


def fm_of(rec: dict, split_pool: bool) -> np.ndarray:
    return vm.feature_map_live(rec, vm.CONCAT_IN_PLACE, True, True, True, True, True, split_pool)


def peak_live(al: list[dict], text: str) -> tuple[int, list[dict]]:
    """Vela's live set at the first time of its largest live sum; tensors sharing an address range (an in-place
    MUL over the CONCATENATION) count once."""
    addr = {nm: ad for ad, nm in re.findall(r"\s*\d+ -\s+\d+:\s+(0x\w+) -\s+0x\w+:\s+\d+:\s+\d+:\s+\w+\s+: (\S+)", text)}
    seen, al = set(), [a for a in al]
    al = [a for a in al if not ((addr[a["name"]], a["start"], a["end"]) in seen
                                or seen.add((addr[a["name"]], a["start"], a["end"])))]
    ts = sorted({a["start"] for a in al})
    use = {t: sum(a["size"] for a in al if a["start"] <= t <= a["end"]) for t in ts}
    t0 = max(ts, key=lambda t: (use[t], -t))
    return t0, [a for a in al if a["start"] <= t0 <= a["end"]]


def op_runs(text: str) -> list[tuple[str, str, int]]:
    """--verbose-schedule: consecutive NPU operations of one kind and OFM shape, run-length coded."""
    runs: list[list] = []
    for kind, ofm in re.findall(r"\d+: Operation (\w+)\s+- OFM ([\d, ]+)", text):
        if runs and runs[-1][0] == kind and runs[-1][1] == ofm.strip():
            runs[-1][2] += 1
        else:
            runs.append([kind, ofm.strip(), 1])
    return [tuple(r) for r in runs]


def c16(b: float) -> int:
    return int(-(-b // 16) * 16)


def shp(s) -> str:
    return "x".join(str(int(q)) for q in s)


def tsception(texts: dict, lab: dict) -> None:
    folder, name = TS
    rec = record_of(os.path.join(MAIN, "runs", folder, "models", name + ".tflite"))
    n = int(rec["n_ops"])
    x, _, ops, cons, prods = vm._graph(rec)
    sp = vm.split_pools(rec)
    with prop():
        spp = vm.split_pools(rec)
        fmp = fm_of(rec, True)
        tp = {p: est(rec, p, N1) for p in PLATS}
    fm1, fmn = fm_of(rec, False), fm_of(rec, True)
    t1 = {p: est(rec, p, M1) for p in PLATS}
    tn = {p: est(rec, p, N1) for p in PLATS}
    assert all(np.array_equal(t1["u55"], t1[p]) and np.array_equal(tn["u55"], tn[p]) for p in PLATS)
    vela = int(round(lab["u55_sram_kib"] * 1024))
    assert vela == int(round(lab["u65_sram_kib"] * 1024))
    print(f"## {name} (runs/{folder})\n")
    print(f"M1 = `{M1}`; N1 = M1 + `_spool` (the default); N1' = N1 with the layout carried back through the fused "
          "activation (module doc). fm = feature_map_live; total = node_sram_bytes (identical on U55 and U65 here). "
          "Order: velamem's vela_order (here the TFLite order). sp: split_pools (N1), sp': N1''s flags.\n")
    print("| op | type | OFM | readers | sp | sp' | fm M1 | fm N1 | fm N1' | total M1 | total N1 | total N1' |")
    print("|---:|---|---|---|:-:|:-:|---:|---:|---:|---:|---:|---:|")
    for v in range(n):
        print(f"| {v} | {ops[v]} | {shp(x[v, 1:4])} | {','.join(str(c) for c in cons[v])} | {'x' if sp[v] else ''} "
              f"| {'x' if spp[v] else ''} | {int(fm1[v])} | {int(fmn[v])} | {int(fmp[v])} | {int(t1['u55'][v])} "
              f"| {int(tn['u55'][v])} | {int(tp['u55'][v])} |")
    print(f"\nVela 'Total SRAM used' {vela} B ({lab['u55_sram_kib']:.2f} KiB) on both NPUs. Peaks: "
          + "; ".join(f"{k} {int(t.max())} B at op {int(np.argmax(t))} ({(t.max() / vela - 1) * 100:+.1f} %)"
                      for k, t in (("M1", t1["u55"]), ("N1", tn["u55"]), ("N1'", tp["u55"]))) + ".")
    for p in PLATS:
        al = dc.allocation(texts[p])
        t0, live = peak_live(al, texts[p])
        print(f"\n{p.upper()}: Vela's live set at its peak (time index {t0}; sum "
              f"{sum(a['size'] for a in live)} B):\n")
        print("| tensor | Vela format | Vela bytes | lifetime |")
        print("|---|---|---:|---|")
        for a in live:
            print(f"| {a['name']} | {a['fmt']} | {a['size']} | {a['start']}-{a['end']} |")
    al = dc.allocation(texts["u55"])
    print("\nU55: Vela's allocation of the three 1 x k temporal branches (ops 0-9; names are the TFLite tensors'):\n")
    print("| tensor | Vela format | Vela bytes | lifetime |")
    print("|---|---|---:|---|")
    for a in al:
        if a["start"] <= 9983:
            print(f"| {a['name']} | {a['fmt']} | {a['size']} | {a['start']}-{a['end']} |")
    print("\nU55: Vela's NPU operations, run-length coded (--verbose-schedule; the first 16 runs):\n")
    print("| run | NPU operation | OFM | count |")
    print("|---:|---|---|---:|")
    for i, (k, o, c) in enumerate(op_runs(texts["u55"])[:16]):
        print(f"| {i} | {k} | {o.replace(', ', 'x')} | {c} |")
    # the hand-read rows of the .md, asserted against the tables above
    names = {a["name"]: a for a in al}
    for nm, fmt_, b in (("leaky_relu_14", "NHWC", c16(28 * 497 * 15)), ("leaky_relu_9", "NHWC", c16(28 * 481 * 15)),
                        ("leaky_relu_4", "NHWC", c16(28 * 449 * 15)), ("concatenation_16", "NHCWB16", 28 * 178 * 16),
                        ("average_pool_2d_10", "NHCWB16", 28 * 60 * 16), ("input0", "NHWC", 28 * 512)):
        assert names[nm]["fmt"] == fmt_ and names[nm]["size"] == b, nm
    assert not any(a["name"].startswith("conv_2d") and a["start"] < 9983 for a in al)
    assert int(tn["u55"].max()) == 14336 + 74768 + 28 * 481 * 16 + c16(28 * 481 * 15)
    assert vela == 14336 + 79744 + c16(28 * 481 * 15) + 28 * 60 * 16


def vela_fmt(al: list[dict], shape) -> str:
    """The Vela format of a map, matched by byte size (NHWC vs brick; 'either' where the two coincide)."""
    h, w, c = (int(q) for q in shape)
    nhwc, brick = c16(h * w * c), h * w * c16(c)
    fm = {a["fmt"] for a in al if a["size"] in (nhwc, brick) and a["fmt"] != "Unknown"
          and (a["size"] == nhwc) == (a["fmt"] == "NHWC")}
    if nhwc == brick:
        return "either (C % 16 = 0)"
    return "/".join(sorted(fm)) or "not found"


def survey() -> None:
    files = sorted(glob.glob(os.path.join(MAIN, "runs", "heldoutL*", "labels.json"))) + [
        os.path.join(MAIN, "runs", "heldoutV25X", "labels.json")]
    print("\n## Models with a pool that split_pools flags (runs/heldoutL*, Res8 of heldoutV25X)\n")
    print("Per split pool: its input's producer, the input map's Vela format (matched by byte size in the U55 "
          "allocation), whether the producer is a standalone activation (N1' applies), and whether the pool's "
          "readers include a CONCATENATION; then the model's SRAM estimate (U55 / U65) against Vela.\n")
    rows, models, failed = [], [], []
    for f in files:
        lab = json.load(open(f))
        for key in sorted(lab):
            if os.path.basename(os.path.dirname(f)) == "heldoutV25X" and "res8" not in key:
                continue
            path = os.path.join(os.path.dirname(f), "models", key)
            rec = record_of(path)
            sp = vm.split_pools(rec)
            if not sp.any():
                continue
            x, n, ops, cons, prods = vm._graph(rec)
            try:
                texts = {p: dc.vela_alloc(path, p) for p in PLATS}
            except subprocess.CalledProcessError:  # Vela 5.2 fails with the verbose options here: left out, said
                failed.append(key)
                continue
            al = dc.allocation(texts["u55"])
            schedule = op_runs(texts["u55"])
            copies = sum(c for k, _, c in schedule if k == "MemoryCopy")
            for v in np.flatnonzero(sp):
                q = [p for p in prods[v] if p < n][0]
                rows.append((key, int(v), ops[v], shp(x[v, 1:4]), f"{q} {ops[q]}", shp(x[q, 1:4]),
                             vela_fmt(al, x[q, 1:4]), "yes" if split_pools_prop(rec)[q] else "no",
                             ",".join(ops[c] for c in cons[v]), copies))
            cell = []
            for p in PLATS:
                vb = lab[key][p + "_sram_kib"] * 1024
                e = [vm.sram_bytes(rec, p, rule=M1), vm.sram_bytes(rec, p, rule=N1)]
                with prop():
                    e.append(vm.sram_bytes(rec, p, rule=N1))
                cell.append((vb, [(t / vb - 1) * 100 for t in e]))
            models.append((key, cell))
    print("| model | pool op | type | OFM | input from | input map | Vela format of input | N1' carries back "
          "| pool readers | MemoryCopy ops (model) |")
    print("|---|---:|---|---|---|---|---|---|---|---:|")
    for r in rows:
        print("| " + " | ".join(str(c) for c in r) + " |")
    print("\n| model | Vela U55 / U65 KiB | M1 U55 / U65 % | N1 U55 / U65 % | N1' U55 / U65 % |")
    print("|---|---|---|---|---|")
    for key, cell in models:
        print(f"| {key[:-7]} | {cell[0][0] / 1024:.1f} / {cell[1][0] / 1024:.1f} | "
              + " | ".join(f"{cell[0][1][j]:+.1f} / {cell[1][1][j]:+.1f}" for j in range(3)) + " |")
    if failed:
        print(f"\nLeft out (Vela with --verbose-schedule --verbose-allocation exits non-zero): {', '.join(failed)}.")


def main() -> None:
    folder, name = TS
    path = os.path.join(MAIN, "runs", folder, "models", name + ".tflite")
    lab = json.load(open(os.path.join(MAIN, "runs", folder, "labels.json")))[name + ".tflite"]
    texts = {p: dc.vela_alloc(path, p) for p in PLATS}
    tsception(texts, lab)
    survey()


if __name__ == "__main__":
    main()
