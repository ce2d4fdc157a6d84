"""Session 25 diagnosis (after the tests; decides nothing): where rule I's GNN moves its per-op sum on IGCV3-D and
RegNetX-200MF, per operator type (U55). Usage (repo root): python docs/evidence/perfsage-cpu-2026-12-06-s25/diag_s25.py"""
import collections
import json

from jaxeff.gnn.fit import Predictor
from jaxeff.gnn.realeval import record_of
lab = {**json.load(open("runs/heldoutXXIV/labels.json")), **json.load(open("runs/heldoutXXIIXXIII/labels.json"))}
for name, folder in (("regnetx_200mf_224", "heldoutXXIV"), ("igcv3_d_1.0_224", "heldoutXXIIXXIII")):
    rec = record_of(f"runs/{folder}/models/{name}.tflite")
    L = lab[name + ".tflite"]
    print(name, "n_ops", rec["n_ops"], "label u55 ms", L["u55_latency_ms"])
    for s in (0, 1, 2):
        p = Predictor.load(f"runs/psage_rs25i_s{s}/predictor_stacked.npz")
        base = p.node_base.per_op()["u55_latency_ms"](rec)
        nodes = p.predict_nodes([rec])[0][:, 0]
        types = [op.type for op in rec["graph"].ops]
        by = collections.defaultdict(lambda: [0.0, 0.0])
        for t, b, n in zip(types, base, nodes):
            by[t][0] += b; by[t][1] += n
        tot_b, tot_n = base.sum(), nodes.sum()
        print(f" seed {s}: per-op sum {tot_b:.4g}, GNN nodes sum {tot_n:.4g} (x{tot_n/tot_b:.2f}), capped {p.predict_capped([rec], unseen_per_op=True)[0,0]:.4g}")
        for t, (b, n) in sorted(by.items(), key=lambda kv: -abs(kv[1][1] - kv[1][0]))[:4]:
            print(f"   {t:22s} base {b:.4g} gnn {n:.4g}")
