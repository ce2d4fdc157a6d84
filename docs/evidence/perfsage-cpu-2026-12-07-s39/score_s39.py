"""Issue 22, session 39 (PREREGISTERED.md addendum 3): session 38's light scorer (``score_s38.py``) with rule set names
that may also end in ``W`` (candidate W1, ``with_row_conv_rule``): e.g. T216UVZ1RW = T216UVZ1R with W1.
  score SETS... --folders F... --out OUT.json
Call (repo root, venv on, JAXEFF_DATA set): PYTHONPATH=src:. python docs/evidence/perfsage-cpu-2026-12-07-s39/score_s39.py ..."""

from __future__ import annotations

import importlib.util
import pathlib
import sys

_S38 = pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-07-s38" / "score_s38.py"
_spec = importlib.util.spec_from_file_location("score_s38", _S38)
s38 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(s38)
_base = s38.predictors


def predictors(rules: str) -> list:
    """Session 38's predictors for ``rules`` minus a trailing W, with candidate W1 when it was there."""
    if rules.endswith("W") and "Z" in rules:
        return [p.with_row_conv_rule() for p in _base(rules[:-1])]
    return _base(rules)


s38.s37.s36.predictors = predictors

if __name__ == "__main__":
    s38.s37.s36.main(sys.argv[1:])
