"""Issue 22, session 43: session 42's in-distribution table (indist_s42.py) for the recommended T216UVZ1RWK100 + Q2 + O2 +
P1 + PL2a (outcome 7) beside session 42's T216UVZ1RWK100 + Q2 + O2 + P1 and R'QS -- the J25 row and its per-op sum on the test split of runs/mix22 (the study's split, its config from
runs/psage_rs35x46_s0), per seed and NPU, with the study's own R'QS figures of the same runs as a check (they must agree
to 1e-6); session 40's indist_s40.py with this session's scorer (score_s42.py) and rule sets. The test graphs carry no
TFLite graph, so Q2's fetch uses the raw weight estimate there.
Call (repo root, venv on): PYTHONPATH=src:. python docs/evidence/perfsage-cpu-2026-12-08-s43/indist_s43.py"""

import importlib.util
import pathlib

HERE = pathlib.Path(__file__).resolve().parent


def _load(name: str, path: pathlib.Path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


s43 = _load("score_s43", HERE / "score_s43.py")
i42 = _load("indist_s42", HERE.parent / "perfsage-cpu-2026-12-07-s42" / "indist_s42.py")
SETS = ("", "T216UVZ1RWK100+Q2O2P1", "T216UVZ1RWK100+Q2O2P1+PL2a")

if __name__ == "__main__":
    i42.table(s43.predictors, SETS, {**i42.NAME, SETS[2]: i42.NAME[SETS[1]] + " + PL2a"})
