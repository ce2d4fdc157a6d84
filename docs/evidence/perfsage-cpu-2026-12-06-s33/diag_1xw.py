"""Session 33 addendum 2 (issue 22, SRAM): mechanism B, 1 x W maps -- where Vela 5.2's SRAM peak lies on the V21
models with 1 x W maps, and what velamem holds at its own peak (diag_1xw.md).

For each model (a .tflite path) and NPU (U55: ethos-u55-128 / Ethos_U55_High_End_Embedded; U65: ethos-u65-256 /
Ethos_U65_High_End; Shared_Sram, --optimise Performance, --verbose-schedule --verbose-allocation; Vela's logs are
not kept) prints: Vela's label, its allocation peak step and the SRAM tensors live there (name, size, interval),
Vela's weighted operators (OFM, OFM block, encoded weights, weight buffer and its kind, depth slices, cycles),
and velamem's estimate per rule with, at its peak operator, the parts (feature maps, own buffer, next pre-buffer,
held whole buffers) in Vela's order. ``probe`` mode builds 1 x W int8 probes (jaxeff.gnn.build.NetBuilder) instead.

Usage (repo root, PYTHONPATH=src:., JAXEFF_MAIN for runs/): python docs/evidence/perfsage-cpu-2026-12-06-s33/diag_1xw.py
  models NAME...   (names of runs/heldoutV21/models)   |   probe   (the 1 x W probes of PROBES)
"""
from __future__ import annotations

import csv
import glob
import os
import re
import subprocess
import sys
import tempfile

import numpy as np

from jaxeff.gnn import velamem as vm
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.int8 import calibrate, quantize_int8
from jaxeff.gnn.realeval import record_of
from jaxeff.tflite import save_tflite

PLAT = {"u55": ("ethos-u55-128", "Ethos_U55_High_End_Embedded"),
        "u65": ("ethos-u65-256", "Ethos_U65_High_End")}
RULES = (vm.DEFAULT_RULE,) + tuple(r for r in vm.RULES if r.startswith(vm.DEFAULT_RULE + "_"))
OP = re.compile(r"\n\t(\d+): Operation (\w+)\s+- OFM ([\d, ]+).*?OFM Block=\[([\d, ]+)\].*?"
                r"(?:Encoded Weights = (\d+) bytes\s+Weight buffer = (\d+) bytes \((\w+)\)\s+"
                r"Depth slices = \[([\d, ]+)\].*?)?Cycles=(\d+)\s+Memory Used: (\d+)", re.S)
ALLOC = re.compile(r"^\s+(\d+) -\s+(\d+):\s+\S+ -\s+\S+:\s+(\d+):\s+(\d+):\s+(\S+)\s+: (\S+)", re.M)
# (W, C_in, [(C_out, kernel width)]) on a 1 x W map, convolutions in a row (SAME, RELU)
PROBES = [(w, 64, [(128, 3), (128, 3)]) for w in (32, 62, 64, 66, 96, 124, 128, 130, 256)] + [
    (128, 256, [(512, 3), (512, 3)]), (64, 256, [(512, 3), (512, 3)]), (128, 512, [(512, 3), (512, 3)]),
    (108, 256, [(1024, 3), (1024, 3)]), (128, 64, [(128, 7), (128, 7)]), (128, 16, [(64, 1), (64, 1)]),
    (32, 256, [(512, 3), (512, 3)]), (16, 512, [(1024, 3), (1024, 3)])]


def vela(path: str, pl: str) -> dict:
    accel, system = PLAT[pl]
    with tempfile.TemporaryDirectory() as out:
        log = subprocess.run(["vela", path, "--accelerator-config", accel, "--system-config", system,
                              "--memory-mode", "Shared_Sram", "--optimise", "Performance", "--output-dir", out,
                              "--verbose-schedule", "--verbose-allocation"], capture_output=True, text=True).stdout
        row = next(csv.DictReader(open(glob.glob(os.path.join(out, "*_summary_*.csv"))[0])))
    ops = [{"i": int(m[1]), "op": m[2], "ofm": m[3].strip(), "block": m[4].strip(), "wenc": int(m[5] or 0),
            "wbuf": int(m[6] or 0), "kind": m[7] or "-", "slices": m[8] or "", "cycles": int(m[9]),
            "mem": int(m[10])} for m in OP.finditer(log)]
    sram = log.split("Tensor Allocation for read-only")[0]
    tens = [(int(a), int(b), int(s), name) for a, b, s, _, _, name in ALLOC.findall(sram)]
    top = max(range(max(b for _, b, _, _ in tens) + 1), key=lambda t: sum(s for a, b, s, _ in tens if a <= t <= b))
    live = [(n, s, a, b) for a, b, s, n in tens if a <= top <= b]
    return {"sram": int(round(float(row["sram_memory_used"]) * 1024)), "ops": ops, "step": top, "live": live}


def ours(rec: dict, pl: str, rule: str) -> dict:
    """velamem's total and, at its peak operator (Vela's order), the parts: fm, own buffer, next pre-buffer, held."""
    order = vm.vela_order(rec, concat_first=True)
    r2 = vm._reordered(rec, order)
    n = int(r2["n_ops"])
    held = np.zeros(n)
    ws = vm.vela_cycles(r2, pl, depthwise="_dwc" in rule) if "_vslack" in rule else None
    kw = dict(split=True, whole_prebuffer=True, held=held, split_slack="_spslack" in rule, pad_through=ws is not None,
              whole_slack=ws)
    if "_1xw" in rule:  # candidates "*_1xw" / "*_1xwh"
        kw["row_blocks"] = "h" if "_1xwh" in rule else "hw"
    buf, pre = vm.refetch_buffers(r2, pl, None, **kw)
    fm = vm.feature_map_live(r2, True, True, True, True, "_bigact" in rule)  # "_dwc" / "_bigact": diag_v22.py
    tot = vm._in_use(fm, buf, pre) + held
    k = int(np.argmax(tot))
    x = np.asarray(r2["x"])
    sh = lambda v: "x".join(str(int(round(x[v, vm._COL[f"shape{i}"]]))) for i in (1, 2, 3))  # noqa: E731
    nb = [v for v in range(k + 1, n) if buf[v] > 0][:1]
    w = vm.encoded_weight_bytes(r2)
    return {"total": vm.sram_bytes(rec, pl, rule=rule), "k": k, "op": f"{r2['ops'][k]} {sh(k)}", "fm": fm[k],
            "buf": buf[k], "wenc": w[k], "next": (f"{r2['ops'][nb[0]]} {sh(nb[0])} pre {pre[nb[0]]:.0f}" if nb else "-"),
            "held": held[k],
            "bufs": [(r2["ops"][v], sh(v), int(w[v]), int(buf[v]), int(pre[v]), int(held[v]))
                     for v in range(n) if w[v] > 0]}


def report(path: str, name: str) -> None:
    rec = record_of(path)
    for pl in PLAT:
        v = vela(path, pl)
        print(f"\n## {name} {pl}: Vela {v['sram']} B, allocation peak at step {v['step']}:")
        print("   live: " + "; ".join(f"{n} {s} [{a}-{b}]" for n, s, a, b in v["live"]) + f" = {sum(s for _, s, _, _ in v['live'])}")
        for o in v["ops"]:
            if o["wenc"]:
                sl = o["slices"].split(", ")
                print(f"   op{o['i']} {o['op']} [{o['ofm']}] blk [{o['block']}] Wenc {o['wenc']} buf {o['wbuf']} {o['kind']} "
                      f"slices {len(sl) - 1} ({', '.join(sl[:4])}{' ...' if len(sl) > 4 else ''}) cyc {o['cycles']} mem {o['mem']}")
        for ru in RULES:
            o = ours(rec, pl, ru)
            print(f"   ours {ru}: {o['total']:.0f} ({(o['total'] / v['sram'] - 1) * 100:+.1f} %) peak at {o['k']} {o['op']}: "
                  f"fm {o['fm']:.0f} buf {o['buf']:.0f} (W {o['wenc']:.0f}) next {o['next']} held {o['held']:.0f}")
        print("   ours default per weighted op (op, OFM, W, buf, pre, held): "
              + "; ".join(str(b) for b in ours(rec, pl, vm.DEFAULT_RULE)["bufs"]))


def build_probe(spec, path: str) -> None:
    w, cin, layers = spec
    b = NetBuilder(np.random.default_rng(0))
    x = b.input((1, 1, w, cin))
    for cout, k in layers:
        x = b.conv(x, cout, (1, k), act="RELU")
    g = b.finish([x])
    save_tflite(quantize_int8(g, calibrate(g, seed=0, samples=1)), path)


def probes() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for i, spec in enumerate(PROBES):
            p = os.path.join(tmp, f"p{i}.tflite")
            build_probe(spec, p)
            rec = record_of(p)
            for pl in PLAT:
                v = vela(p, pl)
                vo = " ; ".join(f"[{o['ofm']}] blk [{o['block']}] W {o['wenc']} buf {o['wbuf']} {o['kind']} "
                                f"sl {len(o['slices'].split(', ')) - 1} cyc {o['cycles']}" for o in v["ops"] if o["wenc"])
                ou = {ru: ours(rec, pl, ru) for ru in RULES}
                print(f"{spec} {pl}: Vela {v['sram']} | {vo} | " + " | ".join(
                    f"{ru[len(vm.DEFAULT_RULE):] or 'default'} {o['total']:.0f} ({(o['total'] / v['sram'] - 1) * 100:+.1f} %) "
                    f"bufs {[b[3:5] for b in o['bufs']]}" for ru, o in ou.items()), flush=True)


def main(folder: str = "heldoutV21") -> None:
    if sys.argv[1] == "probe":
        probes()
    else:
        d = os.path.join(os.environ.get("JAXEFF_MAIN", "."), "runs", folder, "models")
        for nm in sys.argv[2:]:
            report(os.path.join(d, nm + ".tflite"), nm)


if __name__ == "__main__":
    main()
