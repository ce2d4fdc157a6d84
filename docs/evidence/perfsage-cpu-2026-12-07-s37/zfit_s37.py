"""Issue 22, session 37 addendum 8: rule Z's kappa per NPU -- the median, over the CONV_2Ds of mix22's training split
(the study's split, config from runs/psage_rs35x46_s0) with fewer than 8 input channels, at least 16 kernel taps, a
stride of at most 3 and at least 1,000 output pixels, of Vela's per-operator cycles over the padded-MAC bound
OH OW Kh Kw pad8(C_in) pad8(C_out) / P (P = 128 / 256). Reads no validation or fresh model.
Call (repo root, venv on): PYTHONPATH=src:. python docs/evidence/perfsage-cpu-2026-12-07-s37/zfit_s37.py"""

import json

import numpy as np

from experiments import perfsage as ps
from jaxeff.gnn.baselines import z_conv_bound

cfg = ps.Config(**{k: v for k, v in json.load(open("runs/psage_rs35x46_s0/config.json")).items()
                   if k in ps.Config.__dataclass_fields__})
recs, _ = ps.load_records(cfg.dataset, cfg)
train, _, _ = ps.split(recs, cfg.split_seed, cfg.split_kind)
print(f"{len(train)} training graphs of {cfg.dataset} (split seed {cfg.split_seed}, {cfg.split_kind})")
for p in ("u55", "u65"):
    r = []
    for rec in train:
        m, bound = z_conv_bound(rec, p)
        cyc = np.asarray(rec[f"{p}_op_cycles"], np.float64)[: int(rec["n_ops"])]
        r += list(cyc[m] / bound[m])
    r = np.asarray(r)
    q = np.quantile(r, [0.1, 0.5, 0.9])
    print(f"{p}: {len(r)} convs, ratio 10 / 50 / 90 % = {q[0]:.4f} / {q[1]:.4f} / {q[2]:.4f}, "
          f"within [0.9, 1.2] {np.mean((r >= 0.9) & (r <= 1.2)) * 100:.0f} %; kappa = {q[1]:.4f}")
