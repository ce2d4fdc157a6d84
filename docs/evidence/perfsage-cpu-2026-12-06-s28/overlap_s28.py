"""Issue 22, session 28 (section 3): is any training graph of mix19 (every space rule K and rule L train on) the same
network as a families-XXX model? Same = the same operator list and the same raw node features (shapes, kernels,
strides, MACs, bytes) on every operator; also the nearest training graph per model (operator list equal, fewest
differing feature cells). Builds the XXX int8 graphs only (no Vela, no predictor). Session 27's overlap_s27.py over
all of mix19 and families XXX.
Usage (repo root): PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-06-s28/overlap_s28.py [DATASET [FAMILIES]]
(FAMILIES: comma-separated tuples of experiments.perfsage_heldout; addendum 1: runs/mix20 SESSION28C,SESSION28D).
"""
import sys

import numpy as np

from experiments import perfsage_heldout as ph
from jaxeff.gnn.realeval import graph_record
from jaxeff.gnn.shards import load_dataset
from jaxeff.tflite import read_main

recs = load_dataset(sys.argv[1] if len(sys.argv) > 1 else "runs/mix19")
print(f"{len(recs)} training graphs\n")
print("| model | ops | training graphs with the same operator list | identical | fewest differing cells |")
print("|---|---|---|---|---|")
fams = sys.argv[2].split(",") if len(sys.argv) > 2 else ["SESSION28A", "SESSION28B"]
for name in [n for f in fams for n in getattr(ph, f)]:
    r = graph_record(read_main(ph.build(name)))
    n = r["n_ops"]
    x = np.asarray(r["x"][:n], np.float64)
    same = [t for t in recs if list(t["ops"]) == list(r["ops"])]
    diffs = [int((~np.isclose(np.asarray(t["x"][:n], np.float64), x)).sum()) for t in same]
    print(f"| {name} | {n} | {len(same)} | {sum(d == 0 for d in diffs)} | {min(diffs) if diffs else '-'} |")
