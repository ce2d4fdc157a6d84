"""Validation-only sweep of the digits ViT recipe (issue 14 item 1).

Trains ``vit_digits/2`` on the 1,238 digits training images with a few augmentations /
budgets and prints the per-epoch validation top-1 (200 images) of each. The test split
is never evaluated here. Run: PYTHONPATH=src:. python docs/evidence/data-cpu-2026-12-02/digits_vit_val_sweep.py
"""

import dataclasses
import json
import sys
import tempfile
import time

from jaxeff.data.vision import Augment, load_vision
from jaxeff.nets import build_model
from jaxeff.train import fit
from jaxeff.zoo import float_base, model_kwargs

base = float_base("vit_digits/2", "digits")
data = load_vision("digits", val_size=base.val_size)
model = build_model(base.model, 10, **model_kwargs(base))
variants = {
    "none (20 ep)": dict(augment=Augment()),
    "pad1 crop (20 ep)": dict(augment=Augment(pad=1)),
    "pad2 crop (20 ep)": dict(augment=Augment(pad=2)),
    "pad1 crop (40 ep)": dict(augment=Augment(pad=1), epochs=40),
    "batch 32 (20 ep)": dict(augment=Augment(), batch_size=32),
    "batch 32 lr 1e-3 (20 ep)": dict(augment=Augment(), batch_size=32, lr=1e-3),
    "batch 32 wd 0.3 (20 ep)": dict(augment=Augment(), batch_size=32, weight_decay=0.3),
    "batch 32 no smoothing (20 ep)": dict(augment=Augment(), batch_size=32,
                                          label_smoothing=0.0),
    "batch 16 lr 1e-3 (20 ep)": dict(augment=Augment(), batch_size=16, lr=1e-3),
}
only = sys.argv[1:]
for name, over in variants.items():
    if only and not any(o in name for o in only):
        continue
    cfg = dataclasses.replace(base.train, **over)
    t0 = time.time()
    with tempfile.TemporaryDirectory() as d:
        _, hist = fit(model, data, cfg, d, progress=False)
    vals = [h["val_top1"] for h in hist]
    print(json.dumps({"variant": name, "final_val": vals[-1], "best_val": max(vals),
                      "last5_mean": sum(vals[-5:]) / 5, "val_curve": vals,
                      "wall_s": round(time.time() - t0, 1)}), flush=True)
