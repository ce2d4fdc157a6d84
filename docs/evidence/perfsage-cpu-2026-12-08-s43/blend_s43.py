"""Issue 22, session 43 addendum 2: candidate A(alpha), the geometric blend per_op^(1 - alpha) x j25^alpha of a rule set's
J25 predictions and its own per-op sum, per seed (so the seed ensemble is the blend of the two ensembles), written as
one score file whose sets are the blends (first: alpha = 1, the reference) for choose_s36.py.
  blend SET OUT.json SCORE.json... : the models of the score files (same set name in each) concatenated
Call (repo root): python docs/evidence/perfsage-cpu-2026-12-08-s43/blend_s43.py blend T216UVZ1RWK100+Q2O2P1 OUT.json A.json B.json"""

from __future__ import annotations

import json
import sys

import numpy as np

ALPHAS = (1.0, 0.75, 0.5, 0.25, 0.0)


def blend(set_name: str, out: str, files: list[str]) -> None:
    models, j, po = [], [], []
    for f in files:
        r = json.load(open(f))
        models += r["models"]
        j.append(np.asarray(r["sets"][set_name]["j25"]))
        po.append(np.asarray(r["sets"][set_name]["per_op"]))
    j, po = np.concatenate(j, axis=1), np.concatenate(po, axis=1)  # [seeds, n, 2]
    sets = {}
    for a in ALPHAS:
        b = np.exp((1 - a) * np.log(po) + a * np.log(j))
        sets[f"{set_name}-A{int(a * 100)}"] = {
            "j25": b.tolist(), "per_op": po.tolist(),
            "j25_ens": np.exp(np.log(b).mean(0)).tolist(), "per_op_ens": np.exp(np.log(po).mean(0)).tolist()}
    json.dump({"models": models, "sets": sets}, open(out, "w"))


if __name__ == "__main__":
    assert sys.argv[1] == "blend"
    blend(sys.argv[2], sys.argv[3], sys.argv[4:])
