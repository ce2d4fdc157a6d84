"""Issue 22, session 40 (PREREGISTERED.md section 1): session 39's light scorer (``score_s39.py``) with rule set names
that may also end in ``K50`` / ``K100`` (candidate K, ``Predictor.with_node_bound`` at beta 0.5 / 1.0): e.g.
T216UVZ1RWK50 = T216UVZ1RW with K(0.5); and, addendum 1, ``W2`` in place of ``W`` (candidate W2,
``with_row_conv_rule(w2=True)``): e.g. T216UVZ1RW2K100; addendum 4, ``W3`` (candidate W3, ``with_row_conv_rule(codec=True)``).
  score SETS... --folders F... --out OUT.json
Call (repo root, venv on, JAXEFF_DATA set): PYTHONPATH=src:. python docs/evidence/perfsage-cpu-2026-12-07-s40/score_s40.py ..."""

from __future__ import annotations

import importlib.util
import pathlib
import re
import sys

_S39 = pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-07-s39" / "score_s39.py"
_spec = importlib.util.spec_from_file_location("score_s39", _S39)
s39 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(s39)
_base = s39.predictors


def predictors(rules: str) -> list:
    """Session 39's predictors for ``rules`` minus a trailing K<beta x 100>, with candidate K when it was there."""
    m = re.fullmatch(r"(.+)K(\d+)", rules)
    if m:
        return [p.with_node_bound(int(m.group(2)) / 100) for p in predictors(m.group(1))]
    if rules.endswith("W2"):  # addendum 1: candidate W2 in place of W1
        return [p.with_row_conv_rule(w2=True) for p in _base(rules[:-2])]
    if rules.endswith("W3"):  # addendum 4: candidate W3 in place of W1
        return [p.with_row_conv_rule(codec=True) for p in _base(rules[:-2])]
    return _base(rules)


s39.s38.s37.s36.predictors = predictors

if __name__ == "__main__":
    s39.s38.s37.s36.main(sys.argv[1:])
