"""Session 34, helper diag44 (issue 22, SRAM): where Vela 5.2's SRAM peak lies on VGGish (families XLIV) and on small
VGGish-tail probes, against velamem's default and candidates "_vblk" / "_vblk_dom" (diag_vggish.md).

For a model (a .tflite path) and each NPU (U55: ethos-u55-128 / Ethos_U55_High_End_Embedded; U65: ethos-u65-256 /
Ethos_U65_High_End; Shared_Sram, --optimise Performance, --verbose-schedule --verbose-allocation; diag_1xw.py's
`vela` parser, logs not kept) prints Vela's label, its allocation peak step and the SRAM tensors live there, its
weighted operators (OFM, OFM block, encoded weights, buffer and kind, depth slices, cycles), and velamem's per-operator
SRAM in Vela's order with, per convolution, session 22's port of Vela's block search (`ofm_block`, refetches).
``probe`` builds int8 probes (jaxeff.gnn.build.NetBuilder): an H x W x C_in map, a 2 x 2 MaxPool, two 3 x 3 SAME
convs with RELU.

Usage (repo root, PYTHONPATH=src:., JAXEFF_MAIN for runs/): python docs/evidence/perfsage-cpu-2026-12-06-s34/diag_vggish.py
  model PATH...   |   probe
"""
from __future__ import annotations

import os
import pathlib
import sys
import tempfile

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-06-s33"))
from diag_1xw import PLAT, vela  # noqa: E402

from jaxeff.gnn import velamem as vm  # noqa: E402
from jaxeff.gnn.build import NetBuilder  # noqa: E402
from jaxeff.gnn.int8 import calibrate, quantize_int8  # noqa: E402
from jaxeff.gnn.realeval import record_of  # noqa: E402
from jaxeff.tflite import save_tflite  # noqa: E402

RULES = {"default": vm.DEFAULT_RULE, "vblk": vm.DEFAULT_RULE + "_vblk", "vblk_dom": vm.DEFAULT_RULE + "_vblk_dom"}
# (H, W, C_in, C_out) before the MaxPool: the pooled map is H/2 x W/2
PROBES = [(24, 16, 128, 256), (24, 16, 64, 128), (16, 16, 128, 256), (20, 20, 128, 256), (32, 32, 64, 128)]


def build_probe(spec, path: str) -> None:
    h, w, cin, cout = spec
    b = NetBuilder(np.random.default_rng(0))
    x = b.pool(b.input((1, h, w, cin)), "max", 2, 2)
    x = b.conv(b.conv(x, cout, 3, act="RELU"), cout, 3, act="RELU")
    g = b.finish([x])
    save_tflite(quantize_int8(g, calibrate(g, seed=0, samples=1)), path)


def ours(rec: dict, pl: str) -> list:
    """Per operator in Vela's order: (op, OFM, refetches by Vela's block search, per rule the SRAM in use)."""
    order = vm.vela_order(rec, concat_first=True)
    ref = vm.weight_refetches(rec, pl)
    x = np.asarray(rec["x"])
    sh = lambda v: "x".join(str(int(round(x[v, vm._COL[f"shape{i}"]]))) for i in (1, 2, 3))  # noqa: E731
    per = {t: vm.node_sram_bytes(rec, pl, rule=r) for t, r in RULES.items()}
    return [(rec["ops"][v], sh(v), int(ref[v]), {t: int(p[v]) for t, p in per.items()}) for v in order]


def report(path: str) -> None:
    rec = record_of(path)
    for pl in PLAT:
        v = vela(path, pl)
        est = {t: vm.sram_bytes(rec, pl, rule=r) for t, r in RULES.items()}
        print(f"\n## {os.path.basename(path)} {pl}: Vela {v['sram']} B; " + "; ".join(
            f"{t} {e:.0f} ({(e / v['sram'] - 1) * 100:+.1f} %)" for t, e in est.items()))
        print(f"   Vela's allocation peak at step {v['step']}: " + "; ".join(
            f"{n} {s} [{a}-{b}]" for n, s, a, b in v["live"]) + f" = {sum(s for _, s, _, _ in v['live'])}")
        for o in v["ops"]:
            if o["wenc"]:
                sl = o["slices"].split(", ")
                print(f"   Vela op{o['i']} {o['op']} [{o['ofm']}] blk [{o['block']}] Wenc {o['wenc']} buf {o['wbuf']} "
                      f"{o['kind']} slices {len(sl) - 1} cyc {o['cycles']} mem {o['mem']}")
        for op, shp, ref, mem in ours(rec, pl):
            print(f"   ours {op} {shp} refetches {ref}: " + " ".join(f"{t} {m}" for t, m in mem.items()))


def probes() -> None:
    for spec in PROBES:
        with tempfile.NamedTemporaryFile(suffix=".tflite") as f:
            build_probe(spec, f.name)
            rec, ref = record_of(f.name), {}
            for pl in PLAT:
                ref[pl] = [int(r) for r in vm.weight_refetches(rec, pl) if r]
                v, est = vela(f.name, pl), {t: vm.sram_bytes(rec, pl, rule=r) for t, r in RULES.items()}
                blocks = " ; ".join(f"[{o['ofm']}] blk [{o['block']}] W {o['wenc']} buf {o['wbuf']} {o['kind']} sl "
                                    f"{len(o['slices'].split(', ')) - 1}" for o in v["ops"] if o["wenc"])
                errs = " | ".join(f"{t} {e:.0f} ({(e / v['sram'] - 1) * 100:+.1f} %)" for t, e in est.items())
                print(f"{spec} {pl}: Vela {v['sram']} | {blocks} | refetches {ref[pl]} | {errs}", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "probe":
        probes()
    else:
        for a in sys.argv[2:]:
            report(a)
