"""Issue 22, session 32: per-operator U55 cycles of RQ (seed 0) against Vela on four families-XXXVIII models, read after the test (decides nothing). Usage (repo root): PYTHONPATH=src:. python docs/evidence/perfsage-cpu-2026-12-06-s32/diag_fam38_after.py"""
import json, numpy as np
from jaxeff.gnn.baselines import roof_terms, _COL
from jaxeff.gnn.fit import Predictor
from jaxeff.gnn.realeval import record_of
CLK = {"u55": 500e3, "u65": 1e6}
p = Predictor.load("runs/psage_rs32rv18_s0/predictor_stacked.npz").with_weight_rule(True).with_stride_rule()
fb = p.node_base
for name in ["lsgan_gen_112", "zfnet_224", "srgan_disc_96", "infogan_gen_mnist_28"]:
    lab = json.load(open("runs/heldoutXXXVIII/labels.json"))[name + ".tflite"]
    rec = record_of(f"runs/heldoutXXXVIII/models/{name}.tflite")
    x = np.asarray(rec["x"])
    for plat in ("u55",):
        m = fb.meters[f"{plat}_latency_ms"]
        t = roof_terms(rec, plat, m.lowered, m.resize_lowered, m.padded)
        pr = m.predict_ops(rec, fb.weight_hi, True, fb.weight_stream[f"{plat}_latency_ms"])
        v = np.asarray(lab[f"{plat}_op_ms"]) * CLK[plat]
        print(f"## {name} {plat}")
        for i, o in enumerate(rec["ops"]):
            if v[i] > 0.03 * v.sum() or pr[i] > 0.03 * pr.sum():
                k = (int(x[i, _COL["kernel_h"]]), int(x[i, _COL["stride_h"]]))
                print(f"  {i:2d} {o:16s} k,s={k} W {np.expm1(x[i, _COL['log_param_bytes']])/1e6:6.2f}MB terms {t[i,0]:.3g} {t[i,1]:.3g} {t[i,2]:.3g} vela {v[i]:.3g} pred {pr[i]:.3g} ({pr[i]/v[i]-1:+.0%})")
