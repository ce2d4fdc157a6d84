"""Issue 22, session 42 (PREREGISTERED.md section 2): session 40's light scorer (``score_s40.py``) with rule set names
that may end in ``+Qe``, ``+O2``, ``+QeO2``, ``+Q2`` ``+Q2O2``, ``+O2P1``, ``+QeO2P1`` or ``+Q2O2P1`` (Q2: addendum 2; P1: addendum 3, ``with_row_prelu_rule()``; ``with_stride_rule(probe=True)``): candidate Qe (``Predictor.with_stride_rule(codec=True)``: rule Q at Vela's
encoded weight bytes) and / or candidate O2 (``Predictor.with_row_odd_rule()``: U65 one-row convs of odd width pay their
MAC share twice), on top of the named set, e.g. T216UVZ1RWK100+QeO2.
  score SETS... --folders F... --out OUT.json
Call (repo root, venv on, JAXEFF_DATA set): PYTHONPATH=src:. python docs/evidence/perfsage-cpu-2026-12-07-s42/score_s42.py ..."""

from __future__ import annotations

import importlib.util
import pathlib
import sys

_S40 = pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-07-s40" / "score_s40.py"
_spec = importlib.util.spec_from_file_location("score_s40", _S40)
s40 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(s40)
_base = s40.predictors


def predictors(rules: str) -> list:
    """Session 40's predictors for the part before ``+``, with candidates Qe / O2 as the suffix names them."""
    head, _, cand = rules.partition("+")
    if cand not in ("", "Qe", "O2", "QeO2", "Q2", "Q2O2", "O2P1", "QeO2P1", "Q2O2P1", "Q2O2P1Y"):
        raise ValueError(f"unknown candidate suffix {cand!r}")
    out = _base(head)
    if "Qe" in cand:
        out = [p.with_stride_rule(codec=True) for p in out]
    if "Q2" in cand:  # addendum 2
        out = [p.with_stride_rule(probe=True) for p in out]
    if "O2" in cand:
        out = [p.with_row_odd_rule() for p in out]
    if "P1" in cand:  # addendum 3
        out = [p.with_row_prelu_rule() for p in out]
    if cand.endswith("Y"):  # addendum 4: candidate Y (session 38) on top
        out = [p.with_ruled_fallback() for p in out]
    return out


s40.s39.s38.s37.s36.predictors = predictors

if __name__ == "__main__":
    s40.s39.s38.s37.s36.main(sys.argv[1:])
