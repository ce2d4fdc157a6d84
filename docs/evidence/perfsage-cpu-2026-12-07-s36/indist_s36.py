"""Issue 22, session 36: which training graphs (runs/mix22, all splits) rules T and U touch. Where no graph has an operator
that either rule acts on, every in-distribution figure of R'QSTU equals R'QS's (the rules change nothing else). Also the
Vela cycles of the operators T touches, over its floor (a check that the floor does not exceed Vela on training data).
Call: PYTHONPATH=src:. python docs/evidence/perfsage-cpu-2026-12-07-s36/indist_s36.py"""

import collections
import glob

import numpy as np

from jaxeff.gnn.baselines import (BCAST_BYTES_PER_ELT, WEIGHT_PORT_BYTES_PER_CYCLE, bcast_const_ops,
                                  row_resizes)
from jaxeff.gnn.shards import read_shard

graphs = collections.Counter()
ops = collections.Counter()
ratios = {p: [] for p in ("u55", "u65")}
n = 0
for f in sorted(glob.glob("runs/mix22/shards/*.npz")):
    for r in read_shard(f)[0]:
        n += 1
        t, u = bcast_const_ops(r), row_resizes(r) > 0
        if t.any():
            graphs[("T", r["space"])] += 1
            ops["T"] += int(t.sum())
            k = int(r["n_ops"])
            elts = np.prod(np.asarray(r["x"][:k], np.float64)[:, :4], axis=1)
            for p in ratios:
                cyc = np.asarray(r[f"{p}_op_cycles"], np.float64)
                ratios[p] += list(cyc[t] / (BCAST_BYTES_PER_ELT * elts[t] / WEIGHT_PORT_BYTES_PER_CYCLE[p]))
        if u.any():
            graphs[("U", r["space"])] += 1
            ops["U"] += int(u.sum())
print(f"{n} training graphs (runs/mix22)")
print("graphs touched, by rule and space:", dict(graphs) or "none")
print("operators touched:", dict(ops) or "none")
for p, v in ratios.items():
    if v:
        q = np.quantile(v, [0, 0.1, 0.5, 0.9, 1])
        print(f"{p}: Vela cycles / rule T's floor over those operators: min {q[0]:.2f}, q10 {q[1]:.2f}, "
              f"median {q[2]:.2f}, q90 {q[3]:.2f}, max {q[4]:.2f}")
