"""Session 22, addendum 2 (rule C-U) on runs made before the study had the row: beside each run's results.json
write results_u/results.json with the row "PerfSAGE capped, per-op sum on unseen op types (ours)" added, computed by
jaxeff.gnn.bounds.per_op_on_unseen from the run's own saved capped and per-op-sum predictions and its rows'
unseen_ops (the operator categories absent from the training graphs). Nothing is retrained.

    python docs/evidence/perfsage-cpu-2026-12-05-s22/unseen_rows.py runs/psage_rs22c58_s0 ...
"""
import json
import pathlib
import sys

import numpy as np

from experiments.perfsage import CAPPED, CAPPED_U
from jaxeff.gnn.bounds import per_op_on_unseen

PO = "per-op sum (nn-Meter forests)"
TG = ("u55_latency_ms", "u65_latency_ms")

for d in sys.argv[1:]:
    res = json.loads((pathlib.Path(d) / "results.json").read_text())
    for rows in (res["real_study"].get(k, []) for k in ("real", "heldout")):
        if not rows:
            continue
        unseen = np.asarray([bool(r["unseen_ops"]) for r in rows])
        for t in TG:
            cap = np.asarray([r["pred"][CAPPED][t] for r in rows])
            po = np.asarray([r["pred"][PO][t] for r in rows])
            for r, v in zip(rows, per_op_on_unseen(cap, po, unseen), strict=True):
                r["pred"].setdefault(CAPPED_U, {})[t] = float(v)
                y = r["label"][t]  # as jaxeff.gnn.realeval.error_rows
                r["err"].setdefault(CAPPED_U, {})[t] = (
                    (float(v) - y) / y * 100 if y > 0 and np.isfinite(v) else float("nan"))
    out = pathlib.Path(d) / "results_u" / "results.json"  # perfsage_seeds reads DIR/results.json
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(res))
    print(d, "unseen:", sorted({r["model"] for k in ("real", "heldout")
                                 for r in res["real_study"].get(k, []) if r["unseen_ops"]}))
