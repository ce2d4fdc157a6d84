"""Bounded predictions + OOD assessment of a saved predictor on every real model (what
``python -m experiments.perfsage predict`` prints, for all of $JAXEFF_DATA/tflite).

    python docs/evidence/perfsage-cpu-2026-12-03/ood_rescore.py runs/psage_rs_mix120/predictor_new.npz
"""

import sys

from jaxeff.gnn.fit import Predictor
from jaxeff.gnn.realeval import real_dir, record_of

pred = Predictor.load(sys.argv[1])
print("| model | nodes | OOD score | unseen ops | clamped | flag |")
print("|---|---|---|---|---|---|")
for f in sorted(real_dir().glob("*.tflite")):
    rec = record_of(f)
    a = pred.predict_bounded([rec])[0]
    clamped = " ".join(t for t, c in a["clamped"].items() if c) or "-"
    print(f"| {f.stem} | {len(rec['x'])} | {a['score']:.3g} | "
          f"{' '.join(a['unseen_ops']) or '-'} | {clamped} | {'OOD' if a['ood'] else 'in'} |")
