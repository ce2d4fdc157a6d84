"""Session 35, helper diagsegan (issue 22, SRAM): where Vela 5.2's SRAM peak lies on the SEGAN generator (family
XLV, runs/heldoutXLV/models/segan_gen_16384.tflite) against velamem's default K2 and candidates L1 / L2
(diag_segan.md).

For a model (a .tflite path) and each NPU (U55: ethos-u55-128 / Ethos_U55_High_End_Embedded; U65: ethos-u65-256 /
Ethos_U65_High_End; Shared_Sram, --optimise Performance, --verbose-schedule --verbose-allocation; diag_1xw.py's
`vela` parser, logs not kept) prints Vela's label, its allocation peak step and the SRAM tensors
live there (each listed once), its operators (OFM, OFM block, encoded weights, buffer and kind, depth slices, cycles, memory),
and velamem's per-operator SRAM in Vela's order per rule, with session 22's port of Vela's block search
(`_conv_blocks`: refetches and block depth) and the feature maps live (`feature_map_live` as K2 calls it); a rule's SRAM
minus the maps is the weight buffers it holds there.

Usage (repo root, PYTHONPATH=src:., JAXEFF_MAIN for runs/): python docs/evidence/perfsage-cpu-2026-12-07-s35/diag_segan.py
  model PATH...
"""
from __future__ import annotations

import os
import pathlib
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-06-s33"))
from diag_1xw import PLAT, vela  # noqa: E402

from jaxeff.gnn import velamem as vm  # noqa: E402
from jaxeff.gnn.realeval import record_of  # noqa: E402

RULES = {"K2": vm.DEFAULT_RULE}
RULES.update({"L1": vm.DEFAULT_RULE + "_bdq", "L2": vm.DEFAULT_RULE + "_bdq_vis"})


def ours(rec: dict, pl: str) -> list:
    """Per operator in Vela's order: (op, OFM, refetches and block depth by Vela's block search, feature maps live, per
    rule the SRAM in use)."""
    order = vm.vela_order(rec, concat_first=True)
    r2 = vm._reordered(rec, order)
    ref, depth = vm._conv_blocks(r2, pl)
    fm = vm.feature_map_live(r2, True, True, True, True, True)
    x = np.asarray(r2["x"])
    sh = lambda v: "x".join(str(int(round(x[v, vm._COL[f"shape{i}"]]))) for i in (1, 2, 3))  # noqa: E731
    per = {t: vm.node_sram_bytes(rec, pl, rule=r)[order] for t, r in RULES.items()}
    return [(r2["ops"][v], sh(v), f"{int(ref[v])} x{int(depth[v])}", int(fm[v]), {t: int(p[v]) for t, p in per.items()})
            for v in range(len(order))]


def report(path: str) -> None:
    """Prints, per NPU, the lines described in the module docstring."""
    rec = record_of(path)
    for pl in PLAT:
        v = vela(path, pl)
        ref = v["sram"]
        live = list(dict.fromkeys(v["live"]))  # the allocation log lists a tensor once per address range user
        out = [f"\n## {os.path.basename(path)} {pl}: Vela {ref} B; " + "; ".join(
            f"{t} {e:.0f} ({(e / ref - 1) * 100:+.1f} %)"
            for t, e in ((t, vm.sram_bytes(rec, pl, rule=r)) for t, r in RULES.items())),
            f"   Vela's allocation peak at step {v['step']} ({sum(t[1] for t in live)} B): "
            + "; ".join("{} {} [{}-{}]".format(*t) for t in live)]
        out += ["   Vela op{i} {op} [{ofm}] blk [{block}] Wenc {wenc} buf {wbuf} {kind} slices [{slices}] cyc {cycles} "
                "mem {mem}".format(**o) for o in v["ops"]]
        out += [f"   ours {op} {shp} blocks {blk} fm {fm}: " + " ".join(f"{t} {m}" for t, m in mem.items())
                for op, shp, blk, fm, mem in ours(rec, pl)]
        print("\n".join(out), flush=True)


if __name__ == "__main__":
    for a in sys.argv[2:]:
        report(a)
