"""Issue 22, session 27 (addendum 1): is any graph the ``tiny`` dataset drew (runs/ds_tiny) the same network as a
families-XXVIII model? Same = the same operator list and the same raw node features (shapes, kernels, strides, MACs,
bytes) on every operator; also the nearest training graph per model (operator list equal, fewest differing feature
cells). Builds the XXVIII int8 graphs only (no Vela, no predictor).
Usage (repo root): PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-06-s27/overlap_s27.py [DATASET]
"""
import sys

import numpy as np

from experiments import perfsage_heldout as ph
from jaxeff.gnn.realeval import graph_record
from jaxeff.gnn.shards import load_dataset
from jaxeff.tflite import read_main

recs = load_dataset(sys.argv[1] if len(sys.argv) > 1 else "runs/ds_tiny")
print(f"{len(recs)} training graphs of the tiny space\n")
print("| model | ops | training graphs with the same operator list | identical | fewest differing cells |")
print("|---|---|---|---|---|")
for name in ph.SESSION27A + ph.SESSION27B:
    r = graph_record(read_main(ph.build(name)))
    n = r["n_ops"]
    x = np.asarray(r["x"][:n], np.float64)
    same = [t for t in recs if list(t["ops"]) == list(r["ops"])]
    diffs = [int((~np.isclose(np.asarray(t["x"][:n], np.float64), x)).sum()) for t in same]
    print(f"| {name} | {n} | {len(same)} | {sum(d == 0 for d in diffs)} | {min(diffs) if diffs else '-'} |")
