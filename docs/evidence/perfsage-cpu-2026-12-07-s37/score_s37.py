"""Issue 22, session 37 (PREREGISTERED.md section 1): session 36's light scorer (``score_s36.py``: the three saved
rule O predictors of session 35's runs with their training split's ratios, the J25 row and the per-op sum, per seed
and as the seed ensemble) with rule set names that may also hold ``T2`` (rule T2 with T, ``with_bcast_rule(exact=True)``).
  score SETS... --folders F... --out OUT.json   (sets: RQS, TU, T2U, T2UV, ...)
Call (repo root, venv on, JAXEFF_DATA set): PYTHONPATH=src:. python docs/evidence/perfsage-cpu-2026-12-07-s37/score_s37.py ..."""

from __future__ import annotations

import importlib.util
import pathlib
import sys

from jaxeff.gnn.fit import Predictor

_S36 = pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-07-s36" / "score_s36.py"
_spec = importlib.util.spec_from_file_location("score_s36", _S36)
s36 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(s36)


def predictors(rules: str) -> list[Predictor]:
    out = []
    for d in s36.PRED:
        p = Predictor.load(f"{d}/predictor_stacked.npz")
        p = p.with_weight_rule(stream=True, per_type=True).with_stride_rule().with_tconv_rule()
        if "T216" in rules:  # addendum 5: T2-16
            p = p.with_bcast_rule(exact=True, c16=True)
        elif "T2" in rules:
            p = p.with_bcast_rule(exact=True)
        elif "Tp" in rules:
            p = p.with_bcast_rule(table=True)
        elif "T" in rules:
            p = p.with_bcast_rule()
        if "U" in rules:
            p = p.with_row_rule()
        if "V" in rules:  # addendum 3: rule V
            p = p.with_pool_rule()
        if "Z" in rules:  # addendum 8: rule Z
            p = p.with_z_rule()
        out.append(p)
    return out


s36.predictors = predictors

if __name__ == "__main__":
    s36.main(sys.argv[1:])
