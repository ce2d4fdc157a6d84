"""Session 36, helper s36ds (issue 22, SRAM): why velamem's default rule gives -27.9 % on both NPUs for the fresh
model resunet_224 (runs/heldoutXLIX/models/resunet_224.tflite; Vela 5.2 "Total SRAM used" 21,952.0 KiB on both)
-- diag_sram36.md. A diagnosis only: velamem is not changed, no score moves.

``model``: for each NPU (U55: ethos-u55-128 / Ethos_U55_High_End_Embedded; U65: ethos-u65-256 / Ethos_U65_High_End;
Shared_Sram, --optimise Performance, --verbose-schedule --verbose-allocation, as jaxeff.gnn.labels.run_vela; logs not
kept) prints Vela's label, its allocation peak step and the SRAM tensors live there (name, size, interval, address;
each address range once), and velamem's ``DEFAULT_RULE`` total and per operator in Vela's order (``vela_order``), with
the feature-map groups ``feature_map_live`` holds live at its own peak and at the operator where Vela peaks (read off
``feature_map_live``'s locals by a profile hook: nothing in velamem is copied or changed).

``probe``: small int8 graphs (jaxeff.gnn.build.NetBuilder, seed 0) that isolate the mechanism -- does Vela write an
elementwise MUL's output over its input when that input is a CONCATENATION's output, against a single-writer input?
For each probe it prints whether the MUL's output shares its input's address in Vela's SRAM allocation, Vela's label
and velamem's.

Usage (repo root, PYTHONPATH=src:., JAXEFF_MAIN for runs/):
  python docs/evidence/perfsage-cpu-2026-12-07-s36/diag_sram36.py model [PATH]
  python docs/evidence/perfsage-cpu-2026-12-07-s36/diag_sram36.py probe
"""
from __future__ import annotations

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
MODEL = os.path.join(os.environ.get("JAXEFF_MAIN", "."), "runs", "heldoutXLIX", "models", "resunet_224.tflite")
OP = re.compile(r"\n\t(\d+): Operation (\w+)\s+- OFM ([\d, ]+).*?Time index = (\d+).*?Memory Used: (\d+)", re.S)
ALLOC = re.compile(r"^\s+(\d+) -\s+(\d+):\s+(\S+) -\s+(\S+):\s+(\d+):\s+\d+:\s+(\S+)\s+: (\S+)", re.M)


def vela(path: str, pl: str) -> dict:
    """Vela's label (B), its operators (index, type, OFM, time index, memory used) and SRAM allocation
    (start, end, address, size, format, name), and the allocation step where the live tensors sum highest."""
    accel, system = PLAT[pl]
    opts = {"--accelerator-config": accel, "--system-config": system, "--memory-mode": "Shared_Sram",
            "--optimise": "Performance"}
    with tempfile.TemporaryDirectory() as out:
        cmd = ["vela", path, "--output-dir", out, "--verbose-schedule", "--verbose-allocation"]
        log = subprocess.run(cmd + [a for kv in opts.items() for a in kv], capture_output=True, text=True).stdout
    # the SRAM allocation's peak in bytes, which is the summary's "Total SRAM used" (printed in KiB, 2 decimals)
    label = int(re.search(r"Allocation Peak Tensor Size: (\d+) bytes", log)[1])
    assert abs(label / 1024 - float(re.search(r"Total SRAM used\s+([\d.]+) KiB", log)[1])) < 0.01
    ops = [(int(m[1]), m[2], m[3].strip(), int(m[4]), int(m[5])) for m in OP.finditer(log)]
    sram = log.split("Tensor Allocation for read-only")[0]
    tens = [(int(a), int(b), addr, int(s), f, name) for a, b, addr, _, s, f, name in ALLOC.findall(sram)]
    # the allocation log lists each name of a shared buffer (an in-place output) on its own line: count each
    # address range once
    uniq = {}
    for a, b, addr, s, f, name in tens:
        k = (a, b, addr, s)
        uniq[k] = uniq.get(k, ()) + (name,)
    last = max(b for _, b, _, _ in uniq)
    use = [sum(s for (a, b, _, s) in uniq if a <= t <= b) for t in range(last + 1)]
    top = int(np.argmax(use))
    live = [(" = ".join(nm), s, a, b, addr) for (a, b, addr, s), nm in uniq.items() if a <= top <= b]
    return {"sram": label, "ops": ops, "tens": tens, "step": top,
            "live": live, "use": use}


def fm_groups(r2: dict) -> dict:
    """``feature_map_live(r2, True, True, True, True, True)`` (the maps as the default rule counts them) and its
    locals at return: per buffer group (a root node) its size and live interval [start, end] in operator steps, and
    the member nodes sharing it (memory-only ops, in-place outputs, CONCATENATION inputs written in place)."""
    got = {}

    def hook(frame, event, arg):
        if event == "return" and frame.f_code is vm.feature_map_live.__code__:
            got.update(frame.f_locals)
    sys.setprofile(hook)
    try:
        fm = vm.feature_map_live(r2, True, True, True, True, True)
    finally:
        sys.setprofile(None)
    find = got["find"]
    members: dict[int, list[int]] = {}
    for v in range(len(got["size"])):
        members.setdefault(find(v), []).append(v)
    groups = {g: (float(got["size"][g]), int(got["start"][g]), int(got["end"][g]), members[g]) for g in got["start"]}
    return {"fm": fm, "groups": groups, "n": int(r2["n_ops"])}


def ours(path: str, pl: str) -> dict:
    rec = record_of(path)
    order = vm.vela_order(rec, concat_first=True)
    r2 = vm._reordered(rec, order)
    x = np.asarray(r2["x"])
    n = int(r2["n_ops"])
    sh = lambda v: "x".join(str(int(round(x[v, vm._COL[f"shape{i}"]]))) for i in (1, 2, 3))  # noqa: E731
    tot = vm.node_sram_bytes(rec, pl)[order]
    g = fm_groups(r2)
    name = lambda v: f"{v}:{r2['ops'][v]} {sh(v)}" if v < n else f"input {sh(v)}"  # noqa: E731
    return {"total": vm.sram_bytes(rec, pl), "tot": tot, "fm": g["fm"], "groups": g["groups"], "name": name,
            "ops": [(r2["ops"][v], sh(v)) for v in range(n)], "peak": int(np.argmax(tot))}


def live_at(o: dict, k: int) -> list:
    return [(" = ".join(o["name"](m) for m in mem), int(s), a, b) for s, a, b, mem in o["groups"].values()
            if a <= k <= b and s > 0]


def report(path: str) -> None:
    for pl in PLAT:
        v = vela(path, pl)
        o = ours(path, pl)
        print(f"\n## {os.path.basename(path)} {pl}: Vela {v['sram']} B; velamem {vm.DEFAULT_RULE} {o['total']:.0f} B "
              f"({(o['total'] / v['sram'] - 1) * 100:+.1f} %)")
        print(f"   Vela's allocation peak at step {v['step']} ({v['use'][v['step']]} B); live there:")
        for nm, s, a, b, addr in sorted(v["live"], key=lambda t: -t[1]):
            print(f"     {nm} {s} [{a}-{b}] @{addr}")
        # Vela's op whose time index covers the peak step (each op spans two steps)
        kv = max(i for i, _, _, t, _ in v["ops"] if t <= v["step"])
        print(f"   = Vela op{kv} {v['ops'][kv][1]} [{v['ops'][kv][2]}]")
        print("   Vela ops (index type OFM, time, memory used) against velamem in Vela's order (op, OFM, maps, total):")
        for (i, t, ofm, ti, mem), (op, shp), fm, tot in zip(v["ops"], o["ops"], o["fm"], o["tot"]):
            print(f"     op{i} {t} [{ofm}] t{ti} {mem} | {op} {shp} fm {fm:.0f} total {tot:.0f} ({tot - mem:+.0f})")
        for k, what in ((o["peak"], "velamem's own peak"), (kv, "Vela's peak operator")):
            lv = live_at(o, k)
            print(f"   velamem at {what}: op {k} {o['ops'][k][0]} {o['ops'][k][1]}: total {o['tot'][k]:.0f}, "
                  f"maps {o['fm'][k]:.0f} (groups {sum(s for _, s, _, _ in lv)}):")
            for nm, s, a, b in sorted(lv, key=lambda t: -t[1]):
                print(f"     {nm} {s} [{a}-{b}]")


# -- probes: a MUL (and ADD) by per-channel constants -- the batch norm of resunet's decoder -- on
#    (cat)  a CONCATENATION of two convolutions' outputs, its only consumer;
#    (cat2) the same CONCATENATION also read by a 1 x 1 convolution (resunet's residual shortcut) run before the MUL;
#    (rcat) a CONCATENATION of a nearest 2x resize and a skip convolution output (resunet's decoder input);
#    (conv) a single convolution's output of the same shape (the control: one writer);
#    (conv2) that output also read by a 1 x 1 convolution run before the MUL (one writer, two readers).
def build_probe(kind: str, path: str, hw: int = 32) -> None:
    b = NetBuilder(np.random.default_rng(0))
    x = b.input((1, hw, hw, 16))
    if kind in ("conv", "conv2"):
        c = b.conv(x, 48, 3, act="RELU")
    elif kind == "rcat":
        lo = b.conv(x, 32, 3, stride=2, act="RELU")
        c = b.concat([b.resize(lo, (hw, hw)), b.conv(x, 16, 3, act="RELU")])
    else:
        c = b.concat([b.conv(x, 16, 3, act="RELU"), b.conv(x, 32, 3, act="RELU")])
    sc = b.conv(c, 16, 1) if kind in ("cat2", "conv2") else None
    y = b.add(b.mul(c, b.const(np.linspace(0.5, 1.5, 48).astype(np.float32))),
              b.const(np.linspace(-0.1, 0.1, 48).astype(np.float32)), act="RELU")
    y = b.conv(y, 16, 3)
    if sc is not None:
        y = b.add(y, sc)
    g = b.finish([y])
    save_tflite(quantize_int8(g, calibrate(g, seed=0, samples=1)), path)


def probes() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("conv", "conv2", "cat", "cat2", "rcat"):
            p = os.path.join(tmp, f"{kind}.tflite")
            build_probe(kind, p)
            rec = record_of(p)
            for pl in PLAT:
                v = vela(p, pl)
                by = {}
                for a, b, addr, s, f, name in v["tens"]:
                    by.setdefault((a, b, addr, s), []).append(name)
                mul = [(k, nm) for k, nm in by.items() if any(t.startswith("mul") for t in nm)]
                (ma, mb, maddr, ms), mn = mul[0]
                # the MUL's input: the map of the MUL's size that ends where the MUL's interval starts (+1)
                src = [(k, nm) for k, nm in by.items() if k[3] == ms and k[1] in (ma, ma + 1) and k != (ma, mb, maddr, ms)]
                same = "in place (shares " + " = ".join(mn) + ")" if any(t.startswith(("concatenation", "conv"))
                                                                          for t in mn) else "own buffer"
                est = vm.sram_bytes(rec, pl)
                print(f"{kind} {pl}: MUL output {' = '.join(mn)} {ms} B [{ma}-{mb}] @{maddr}: {same}; "
                      f"its input {[' = '.join(nm) + f' [{k[0]}-{k[1]}] @{k[2]}' for k, nm in src]}; "
                      f"Vela {v['sram']} B, velamem {est:.0f} B ({(est / v['sram'] - 1) * 100:+.1f} %)", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "probe":
        probes()
    else:
        report(sys.argv[2] if len(sys.argv) > 2 else MODEL)
