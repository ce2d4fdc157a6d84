"""Issue 22, session 44 (PREREGISTERED.md addendum 1): session 43's scorer (``score_s43.py``) with rule set names that
may end in a third suffix ``+G1``, ``+AB``, ``+AS`` or ``+GABS`` on top of session 43's (e.g.
T216UVZ1RWK100+Q2O2P1+PL2a+G1): candidates G1 (``Predictor.with_pixel_pool_rule``) and AB / AS
(``Predictor.with_lut_act_rule``).
  score SETS... --folders F... --out OUT.json
Call (repo root, venv on, JAXEFF_DATA set): PYTHONPATH=src:. python docs/evidence/perfsage-cpu-2026-12-08-s44/score_s44.py ..."""

from __future__ import annotations

import importlib.util
import pathlib
import sys

_S43 = pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-08-s43" / "score_s43.py"
_spec = importlib.util.spec_from_file_location("score_s43", _S43)
s43 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(s43)
_base = s43.predictors
#: candidate -> (G1 on, LUT kind)
CANDIDATES = {"G1": (True, ""), "AB": (False, "b"), "AS": (False, "s"), "GABS": (True, "bs")}


def predictors(rules: str) -> list:
    """Session 43's predictors for the part before the last ``+``, with candidates G1 / AB / AS after it."""
    head, sep, cand = rules.rpartition("+")
    if not sep or cand not in CANDIDATES or head.count("+") < 2:
        return _base(rules)
    g1, kind = CANDIDATES[cand]
    out = _base(head)
    if g1:
        out = [p.with_pixel_pool_rule() for p in out]
    if kind:
        out = [p.with_lut_act_rule(kind) for p in out]
    return out


s43.s42.s40.s39.s38.s37.s36.predictors = predictors

if __name__ == "__main__":
    s43.s42.s40.s39.s38.s37.s36.main(sys.argv[1:])
