"""Issue 22, session 43 (PREREGISTERED.md addenda 3-4): session 42's light scorer (``score_s42.py``) with rule set names
that may end in a second suffix ``+C1a``, ``+C1b``, ``+PL``, ``+C1aPL`` or ``+C1bPL`` on top of session 42's
(e.g. T216UVZ1RWK100+Q2O2P1+C1a): candidates C1a / C1b (``Predictor.with_few_cin_rule``) and PL
(``Predictor.with_stride1_pool_rule``).
  score SETS... --folders F... --out OUT.json
Call (repo root, venv on, JAXEFF_DATA set): PYTHONPATH=src:. python docs/evidence/perfsage-cpu-2026-12-08-s43/score_s43.py ..."""

from __future__ import annotations

import importlib.util
import pathlib
import sys

_S42 = pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-07-s42" / "score_s42.py"
_spec = importlib.util.spec_from_file_location("score_s42", _S42)
s42 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(s42)
_base = s42.predictors


def predictors(rules: str) -> list:
    """Session 42's predictors for the part before the second ``+``, with candidates C1a / C1b / PL after it."""
    head, sep, cand = rules.rpartition("+")
    if not sep or cand not in ("C1a", "C1b", "PL", "C1aPL", "C1bPL", "PL2a", "PL2b") or "+" not in head:
        return _base(rules)
    out = _base(head)
    if "C1" in cand:
        out = [p.with_few_cin_rule(wide="C1b" in cand) for p in out]
    if cand.endswith("PL"):
        out = [p.with_stride1_pool_rule() for p in out]
    if cand.startswith("PL2"):  # addendum 6
        out = [p.with_stride1_pool_rule(cand[-1]) for p in out]
    return out


s42.s40.s39.s38.s37.s36.predictors = predictors

if __name__ == "__main__":
    s42.s40.s39.s38.s37.s36.main(sys.argv[1:])
