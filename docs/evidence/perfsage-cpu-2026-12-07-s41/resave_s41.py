"""Issue 22, session 41 addendum 6: the light scorer's inputs without session 35's 25-minute study runs.

``score_s36.py`` (and every later scorer) loads ``runs/psage_rs35x46_s0``, ``psage_rs35x4647_s1``, ``psage_rs35x46_s2``
/ ``predictor_stacked.npz``: rule O's saved stacked predictors (``runs/psage_rs29o_s*``, rebuilt by session 34's
``rebuild_s34.sh all``) as session 35's ``--reuse`` runs re-saved them, i.e. with rule R / R' ratios of the training
split added (``experiments.perfsage._with_weight_stream(p, train, per_type=True)``, as ``--stream-rule --tconv-rule``
does on ``--reuse``) and the node box checked against it (``_with_node_box``). This script does exactly those two steps
and nothing else (no evaluation), for one seed, and writes the result under the folder name the scorer reads, with the
run's ``predictor_old.npz`` (the old-predictor baseline) and ``config.json`` (the MACs+bytes linear baseline's split).

Usage (repo root, venv on, JAXEFF_DATA set, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-07-s41/resave_s41.py SEED
"""
from __future__ import annotations

import json
import pathlib
import shutil
import sys
import time

from experiments import perfsage as ps
from jaxeff.gnn.fit import Predictor

OUT = {0: "runs/psage_rs35x46_s0", 1: "runs/psage_rs35x4647_s1", 2: "runs/psage_rs35x46_s2"}


def main(seed: int) -> None:
    t0 = time.time()
    src = pathlib.Path(f"runs/psage_rs29o_s{seed}")
    cfg = ps.Config(**{k: v for k, v in json.loads((src / "config.json").read_text()).items()
                       if k in ps.Config.__dataclass_fields__})
    recs, _ = ps.load_records(cfg.dataset, cfg)
    train, _, _ = ps.split(recs, cfg.split_seed, cfg.split_kind)
    p = Predictor.load(src / "predictor_stacked.npz")
    assert p.weight_stream is None or p.weight_stream_types is not None
    ps._with_node_box(p, train)  # raises unless the saved box is this split's
    ps._with_weight_stream(p, train, per_type=True)
    out = pathlib.Path(OUT[seed])
    if out.exists():
        raise SystemExit(f"{out} exists: not overwritten")
    out.mkdir(parents=True)
    p.save(out / "predictor_stacked.npz")
    shutil.copy(src / "predictor_old.npz", out / "predictor_old.npz")
    shutil.copy(src / "config.json", out / "config.json")
    (out / "RESAVED_BY").write_text(f"docs/evidence/perfsage-cpu-2026-12-07-s41/resave_s41.py {seed} from {src}\n")
    print(f"seed {seed}: {len(train)} training graphs; rho_w {p.weight_stream}; {time.time() - t0:.0f} s -> {out}")


if __name__ == "__main__":
    main(int(sys.argv[1]))
