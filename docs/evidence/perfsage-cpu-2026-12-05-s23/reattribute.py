"""Session 23, section 1: a dataset's per-op Vela labels under attribution version 3
(``labels.per_op_cycles``: rows of several in-place writers of one CONCATENATION split
over them), written as a new dataset folder.

    python reattribute.py runs/mix15 runs/mix15g [K/N]

Graphs without a CONCATENATION cannot change (version 3 differs from 2 only on rows
named after one) and are copied; every other graph is regenerated from its seed and
compiled again, and the run stops if its operators or Vela total differ from the
record's. Everything else in a record is kept. Resumable: a shard already written is
skipped; nothing in the source folder is touched. Prints the cycles moved per shard.
"""
from __future__ import annotations

import math
import pathlib
import sys
import time

import numpy as np

from jaxeff.gnn.dataset import regenerate
from jaxeff.gnn.labels import PER_OP_ATTRIBUTION, per_op_cycles, run_vela
from jaxeff.gnn.shards import ATTRIBUTION_KEY, read_shard, save_shard


def main(src: str, dst: str, part: str = "0/1") -> None:
    k, n = (int(v) for v in part.split("/"))
    files = sorted((pathlib.Path(src) / "shards").glob("*.npz"))[k::n]
    out = pathlib.Path(dst) / "shards"
    out.mkdir(parents=True, exist_ok=True)
    t0, moved, redone = time.perf_counter(), 0.0, 0
    for i, f in enumerate(files):
        if (out / f.name).exists():
            continue
        recs, head = read_shard(f)
        max_nodes = int(head["dataset"]["max_nodes"])
        for r in recs:
            if "CONCATENATION" not in r["ops"]:
                continue
            redone += 1
            s, buf = regenerate(r, max_nodes)  # ValueError if the operators differ
            for p in ("u55", "u65"):
                v = run_vela(buf, p)
                new = per_op_cycles(s.graph, v.per_layer, list(v.original_ops))
                old = np.asarray(r[f"{p}_op_cycles"], np.float64)  # stored as float32
                if not (math.isclose(new.sum(), old.sum(), rel_tol=1e-6)
                        and math.isclose(new.sum(), v.cycles, rel_tol=1e-9)):
                    raise RuntimeError(f"{f.name} {r['space']}:{r['seed']} {p}: Vela total "
                                       f"{new.sum()} != recorded {old.sum()}")
                moved += float(np.abs(new - old).sum()) / 2
                r[f"{p}_op_cycles"] = new.astype(np.float32)
        info = {k2: v2 for k2, v2 in head.items() if k2 not in ("records", "seconds", "format")}
        info["versions"] = {**info.get("versions", {}), ATTRIBUTION_KEY: str(PER_OP_ATTRIBUTION)}
        save_shard(out / f.name, recs, float(head.get("seconds", 0.0)), info)
        print(f"[{i + 1}/{len(files)}] {f.name}: {time.perf_counter() - t0:.0f} s, {redone} "
              f"graphs recompiled, {moved / 1e6:.3f} Mcycles moved so far",
              file=sys.stderr, flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
