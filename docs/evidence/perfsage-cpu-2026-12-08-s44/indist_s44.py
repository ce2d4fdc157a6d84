"""Issue 22, session 44: session 42's in-distribution table (indist_s42.table) for the recommended T216UVZ1RWK100 + Q2 +
O2 + P1 + PL2a + GABS (outcome 4) beside session 43's reading (+ PL2a) and R'QS -- the J25 row and its per-op sum on the
test split of runs/mix22, per seed and NPU (session 43's indist_s43.py with this session's scorer).
Call (repo root, venv on): PYTHONPATH=src:. python docs/evidence/perfsage-cpu-2026-12-08-s44/indist_s44.py"""

import importlib.util
import pathlib

HERE = pathlib.Path(__file__).resolve().parent


def _load(name: str, path: pathlib.Path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


s44 = _load("score_s44", HERE / "score_s44.py")
i42 = _load("indist_s42", HERE.parent / "perfsage-cpu-2026-12-07-s42" / "indist_s42.py")
SETS = ("", "T216UVZ1RWK100+Q2O2P1+PL2a", "T216UVZ1RWK100+Q2O2P1+PL2a+GABS")
PL2A = i42.NAME["T216UVZ1RWK100+Q2O2P1"] + " + PL2a"

if __name__ == "__main__":
    i42.table(s44.predictors, SETS, {**i42.NAME, SETS[1]: PL2A, SETS[2]: PL2A + " + G1 + AB + AS"})
