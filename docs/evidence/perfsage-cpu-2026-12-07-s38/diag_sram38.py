"""Session 38, helper diag (issue 22, SRAM): why velamem's default (``velamem.DEFAULT_RULE``) under-predicts a cluster of
V33 models by about the same amount on both NPUs (sram_v33.md: contextnet14_1024x512, fast_scnn_1024x512,
shuffleseg_512x256 -27.8 / -27.5 %, lenet1_28 -27.5 %, res15_narrow_kws_101x40 -27.2 %, bc_resnet1_40x101 -34.1 %; on
the U65 only marblenet_3x2x64 / matchboxnet_3x2x64 -27.5 %). Nothing here changes a number of velamem or chooses a rule.

Part 1: per cluster model and NPU, Vela 5.2's peak live set (--verbose-allocation, temporary folder, not kept; the same
accelerator / system config and --memory-mode Shared_Sram as ``jaxeff.gnn.labels.run_vela``) against velamem's own peak
operator (``node_sram_bytes`` / ``feature_map_live`` in Vela's order), and the mechanism each miss falls under.
Part 2: Vela's schedule of the segmentation heads' RESIZE_BILINEAR (--verbose-schedule).
Part 3: what-if rules (not rules of velamem; made in this process only by wrapping / re-building
``velamem.feature_map_live``), on every model of V33 (sram_v33.md's set: the shared models Vela maps fully +
runs/heldoutV33X npu_full), every model it changes listed:

* R ("resize chain"): a RESIZE_BILINEAR whose output is ``s`` times its input on both axes, ``s = 2^k`` with ``k >= 2``,
  runs in Vela as ``k`` chained x2 upscales; the intermediates (input x 2^j, j = 1..k-1) are held in the brick layout
  (channels rounded up to 16). While the RESIZE runs, velamem's ``input + output`` becomes the largest
  ``step input + step output`` over the chain (plus the input where another reader keeps it live).
* E ("elementwise brick"): the NHWC rule for element-wise operators whose channel count is not a multiple of 16 (the
  operator's output and its inputs) is dropped: such maps take the brick layout like any other.
* R+E: both.

Markdown on stdout. Deterministic. About 2 minutes (Vela on 7 models x 2 NPUs, velamem on 284 models x 4 rules).
Usage (repo root, venv on, PYTHONPATH=src:., JAXEFF_MAIN = the checkout holding runs/, JAXEFF_DATA set):
  python docs/evidence/perfsage-cpu-2026-12-07-s38/diag_sram38.py > tables.md
"""
from __future__ import annotations

import concurrent.futures
import contextlib
import inspect
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

import numpy as np

from jaxeff.gnn import velamem as vm
from jaxeff.gnn.bounds import _COL, _ITEMSIZE
from jaxeff.gnn.labels import PLATFORMS
from jaxeff.gnn.realeval import record_of

HERE = pathlib.Path(__file__).resolve().parent
MAIN = os.environ.get("JAXEFF_MAIN", ".")
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-06-s30"))
from sram_v14 import real_models  # noqa: E402

PLATS = ("u55", "u65")
RULE = vm.DEFAULT_RULE
CLUSTER = ("contextnet14_1024x512", "fast_scnn_1024x512", "shuffleseg_512x256", "lenet1_28",
           "res15_narrow_kws_101x40", "bc_resnet1_40x101", "marblenet_3x2x64")
FOLDER = "heldoutV33X"


# ---------------------------------------------------------------- Vela
def vela_text(path: str, p: str) -> str:
    """Vela 5.2 stdout with --verbose-schedule --verbose-allocation (as jaxeff.gnn.labels.run_vela configures it)."""
    acc, sysc = PLATFORMS[p]
    with tempfile.TemporaryDirectory() as out:
        return subprocess.run(["vela", path, "--accelerator-config", acc, "--system-config", sysc, "--memory-mode",
                               "Shared_Sram", "--output-dir", out, "--verbose-schedule", "--verbose-allocation"],
                              capture_output=True, check=True, text=True).stdout


def allocation(text: str) -> list[dict]:
    """The SRAM table of --verbose-allocation: start, end, address, size, format, name."""
    out, on = [], False
    for line in text.splitlines():
        if line.startswith("Allocation, memory Sram"):
            on = True
            continue
        if on and line.startswith("Allocation Peak"):
            break
        m = re.match(r"\s*(\d+) -\s+(\d+):\s+(0x\w+) -\s+0x\w+:\s+(\d+):\s+(\d+):\s+(\w+)\s+: (\S+)", line)
        if on and m:
            out.append({"start": int(m.group(1)), "end": int(m.group(2)), "addr": m.group(3), "size": int(m.group(4)),
                        "fmt": m.group(6), "name": m.group(7)})
    return out


def peak_live(al: list[dict]) -> tuple[int, list[dict]]:
    """Vela's live set at the first time of its largest live sum (tensors sharing address and lifetime count once)."""
    seen: set = set()
    al = [a for a in al if not ((a["addr"], a["start"], a["end"]) in seen
                                or seen.add((a["addr"], a["start"], a["end"])))]
    ts = sorted({a["start"] for a in al})
    use = {t: sum(a["size"] for a in al if a["start"] <= t <= a["end"]) for t in ts}
    t0 = max(ts, key=lambda t: (use[t], -t))
    return t0, [a for a in al if a["start"] <= t0 <= a["end"]]


def total_sram(text: str) -> int:
    return int(round(float(re.search(r"Total SRAM used\s+([\d.]+) KiB", text).group(1)) * 1024))


def vela_ops(text: str) -> list[dict]:
    """--verbose-schedule: per NPU operation its kind, OFM, kernel, time index, weight buffer and Memory Used."""
    out = []
    for blk in re.split(r"\n\t(?=\d+: Operation)", text.split("Schedule:", 1)[1])[1:]:
        m = re.match(r"(\d+): Operation (\w+)\s+- OFM ([\d, ]+)", blk)
        k = re.search(r"Kernel: size=(\d+),(\d+)", blk)
        t = re.search(r"Time index = (\d+)", blk)
        w = re.search(r"Weight buffer = (\d+) bytes \((\w+)\)", blk)
        u = re.search(r"Memory Used: (\d+) bytes", blk)
        out.append({"i": int(m.group(1)), "kind": m.group(2), "ofm": m.group(3).strip().replace(", ", "x"),
                    "kernel": f"{k.group(1)}x{k.group(2)}" if k else "", "t": int(t.group(1)) if t else -1,
                    "wbuf": f"{w.group(1)} {w.group(2)}" if w else "", "used": int(u.group(1)) if u else 0})
    return out


# ---------------------------------------------------------------- what-if rules
_FML = vm.feature_map_live


def _build_no_ew_nhwc():
    """feature_map_live without the element-wise C % 16 NHWC rule (E), rebuilt from velamem's own source."""
    src = inspect.getsource(_FML)
    a = "ops[c] in ELEMENTWISE and shape[c, 3] % 16) or ("
    b = "(ops[v] in ELEMENTWISE and shape[v, 3] % 16) or "
    assert src.count(a) == 1 and src.count(b) == 1, "velamem.feature_map_live changed; E no longer applies"
    src = src.replace(a, "False) or (").replace(b, "")
    ns = dict(vm.__dict__)
    exec(compile(src, "<feature_map_live E>", "exec"), ns)  # noqa: S102 (velamem's own code, two clauses dropped)
    return ns["feature_map_live"]


_FML_E = _build_no_ew_nhwc()


def _brick(h: int, w: int, c: int, item: float) -> float:
    return float(np.ceil(h * w * (-(-c // 16) * 16) * item / 16) * 16)


def resize_chain(rec: dict) -> dict[int, float]:
    """R: per RESIZE_BILINEAR with an upscale factor 2^k (k >= 2, both axes), the extra bytes of Vela's chain of k x2
    upscales over velamem's ``input + output`` while it runs (``{op: extra}``)."""
    x, n, ops, cons, prods = vm._graph(rec)
    out = {}
    for v in range(n):
        if ops[v] != "RESIZE_BILINEAR":
            continue
        ins = [p for p in prods[v] if not vm._is_const(x, n, p)]
        if not ins:
            continue
        p = ins[0]
        (hi, wi, ci), (ho, wo, co) = [[int(round(x[u, _COL[f"shape{i}"]])) for i in (1, 2, 3)] for u in (p, v)]
        if hi < 1 or wi < 1 or ho % hi or wo % wi or ho // hi != wo // wi:
            continue
        s = ho // hi
        k = int(round(np.log2(s))) if s > 0 else 0
        if s < 4 or 2 ** k != s:
            continue
        item = 1.0
        for d, b in _ITEMSIZE.items():
            if x[v, _COL[f"dtype_{d}"]] > 0.5:
                item = b
        # the input's and output's sizes as velamem holds them: NHWC for a graph input or an element-wise C % 16
        # producer (velamem's layout rule), else brick; the graph's RESIZE output has no reader (NHWC)
        s0 = (float(np.ceil(hi * wi * ci * item / 16) * 16) if p >= n or (ops[p] in vm.ELEMENTWISE and ci % 16)
              else _brick(hi, wi, ci, item))
        sk = float(np.ceil(ho * wo * co * item / 16) * 16) if not cons[v] else _brick(ho, wo, co, item)
        chain = [s0] + [_brick(hi * 2 ** j, wi * 2 ** j, ci, item) for j in range(1, k)] + [sk]
        keep = s0 if any(c > v for c in cons[p] if c != v) else 0.0  # another reader keeps the input live
        peak = max(chain[j] + chain[j + 1] + (keep if j else 0.0) for j in range(k))
        out[v] = max(peak - (s0 + sk), 0.0)
    return out


def _fml_r(base):
    def f(rec, *a, **kw):
        fm = np.array(base(rec, *a, **kw), np.float64)
        for v, e in resize_chain(rec).items():
            fm[v] += e
        return fm
    return f


@contextlib.contextmanager
def what_if(name: str):
    vm.feature_map_live = {"default": _FML, "R": _fml_r(_FML), "E": _FML_E, "R+E": _fml_r(_FML_E)}[name]
    try:
        yield
    finally:
        vm.feature_map_live = _FML


# ---------------------------------------------------------------- part 1
def shp(v) -> str:
    return "x".join(str(int(round(q))) for q in v)


def velamem_peak(rec: dict, p: str) -> tuple[int, str, str, float, float]:
    """velamem's peak operator on ``p`` (TFLite index), its type, OFM, feature maps and total bytes."""
    n = int(rec["n_ops"])
    tot = vm.node_sram_bytes(rec, p, rule=RULE)[:n]
    order = vm.vela_order(rec, concat_first=True)
    rr = vm._reordered(rec, order)
    fm = vm.feature_map_live(rr, vm.CONCAT_IN_PLACE, True, True, True, True, True, True, "_spool_cb" in RULE)
    v = int(np.argmax(tot))
    i = int(np.flatnonzero(order == v)[0])
    x = np.asarray(rec["x"])
    return v, rec["ops"][v], shp([x[v, _COL[f"shape{j}"]] for j in (1, 2, 3)]), float(fm[i]), float(tot[v])


def part1(texts: dict, labs: dict, recs: dict) -> None:
    print("## 1. Vela's peak live set against velamem's peak (cluster models)\n")
    print(f"Rule `{RULE}` (the default). Vela: the SRAM allocation table at the first time index of its largest live "
          "sum (equals \"Total SRAM used\" in every row). velamem: the operator of its maximum `node_sram_bytes` "
          "(TFLite index), its `feature_map_live` (fm, Vela order) and total.\n")
    print("| model | NPU | Vela total B | Vela peak time | Vela live set at the peak (name fmt bytes life) | velamem total B "
          "| velamem peak op | fm B | error % |")
    print("|---|---|---:|---:|---|---:|---|---:|---:|")
    for m in CLUSTER:
        for p in PLATS:
            t = texts[(m, p)]
            t0, live = peak_live(allocation(t))
            tot = total_sram(t)
            assert abs(sum(a["size"] for a in live) - tot) < 8, (m, p)
            v, op, o, fm, est = velamem_peak(recs[m], p)
            lab = labs[m][p + "_sram_kib"] * 1024
            print(f"| {m} | {p} | {tot} | {t0} | " + "; ".join(f"{a['name']} {a['fmt']} {a['size']} {a['start']}-{a['end']}"
                                                            for a in live)
                  + f" | {int(est)} | {v} {op} {o} | {int(fm)} | {(est / lab - 1) * 100:+.1f} |")


def part2(texts: dict) -> None:
    print("\n## 2. Vela's schedule at the end of the segmentation heads (U55; --verbose-schedule)\n")
    print("| model | NPU op | kind | OFM | kernel | time index | weight buffer | Memory Used B |")
    print("|---|---:|---|---|---|---:|---|---:|")
    for m in CLUSTER[:3]:
        for o in vela_ops(texts[(m, "u55")])[-5:]:
            print(f"| {m} | {o['i']} | {o['kind']} | {o['ofm']} | {o['kernel']} | {o['t']} | {o['wbuf']} | {o['used']} |")
    print("\n## 2b. The weighted operators around the peak of LeNet-1 and MarbleNet (--verbose-schedule)\n")
    print("| model | NPU | NPU op | kind | OFM | time index | weight buffer | Memory Used B |")
    print("|---|---|---:|---|---|---:|---|---:|")
    for m, lo, hi in (("lenet1_28", 0, 4), ("marblenet_3x2x64", 0, 5)):
        for p in PLATS:
            for o in vela_ops(texts[(m, p)])[lo:hi]:
                print(f"| {m} | {p} | {o['i']} | {o['kind']} | {o['ofm']} | {o['t']} | {o['wbuf']} | {o['used']} |")


# ---------------------------------------------------------------- part 3
def part3() -> None:
    models = real_models(FOLDER)  # chdir'd to MAIN below
    names = sorted(models)
    cands = ("R", "E", "R+E")
    err = {}
    for c in ("default",) + cands:
        with what_if(c):
            for nm in names:
                rec, y = models[nm]
                for p in PLATS:
                    err[(c, nm, p)] = (vm.sram_bytes(rec, p, rule=RULE) / 1024 / y[p] - 1) * 100
    print(f"\n## 3. What-if rules on V33 ({len(names)} models: shared npu_full + runs/{FOLDER} npu_full)\n")
    print("| rule | NPU | n | within 10 % | median abs. % | mean abs. % | above 50 % | max abs. % |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for c in ("default",) + cands:
        for p in PLATS:
            a = np.abs([err[(c, nm, p)] for nm in names])
            print(f"| {c} | {p} | {len(a)} | {int(np.sum(a <= 10))} | {np.median(a):.2f} | {np.mean(a):.2f} | "
                  f"{int(np.sum(a > 50))} | {np.max(a):.1f} |")
    for c in cands:
        ch = [nm for nm in names if any(abs(err[(c, nm, p)] - err[("default", nm, p)]) > 1e-9 for p in PLATS)]
        print(f"\n### Models {c} changes ({len(ch)} of {len(names)})\n")
        print("| model | U55 Vela KiB | U55 default % | U55 " + c + " % | U65 Vela KiB | U65 default % | U65 " + c + " % |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for nm in ch:
            y = models[nm][1]
            print(f"| {nm} | " + " | ".join(f"{y[p]:.1f} | {err[('default', nm, p)]:+.1f} | {err[(c, nm, p)]:+.1f}"
                                            for p in PLATS) + " |")


def main() -> None:
    os.chdir(MAIN)
    labs = json.load(open(os.path.join("runs", FOLDER, "labels.json")))
    labs = {m: labs[m + ".tflite"] for m in CLUSTER}
    paths = {m: os.path.join("runs", FOLDER, "models", m + ".tflite") for m in CLUSTER}
    recs = {m: record_of(paths[m]) for m in CLUSTER}
    with concurrent.futures.ThreadPoolExecutor(8) as ex:
        fut = {(m, p): ex.submit(vela_text, paths[m], p) for m in CLUSTER for p in PLATS}
        texts = {k: f.result() for k, f in fut.items()}
    for m in CLUSTER:
        for p in PLATS:
            assert abs(total_sram(texts[(m, p)]) - labs[m][p + "_sram_kib"] * 1024) < 8, (m, p)
    part1(texts, labs, recs)
    part2(texts)
    part3()


if __name__ == "__main__":
    main()
