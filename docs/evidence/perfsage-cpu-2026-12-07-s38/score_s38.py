"""Issue 22, session 38 (PREREGISTERED.md addendum 2): session 37's light scorer (``score_s37.py``) with rule set names
that may also end in ``Z1`` / ``Z2`` (rule Z with ``with_z_rule(geometry="row")`` / ``"rowcol"``), then ``Y``
(addendum 3, ``with_ruled_fallback``).
  score SETS... --folders F... --out OUT.json   (sets: T216UVZ, T216UVZ1, T216UVZ2, ...)
Call (repo root, venv on, JAXEFF_DATA set): PYTHONPATH=src:. python docs/evidence/perfsage-cpu-2026-12-07-s38/score_s38.py ..."""

from __future__ import annotations

import importlib.util
import pathlib
import sys

_S37 = pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-07-s37" / "score_s37.py"
_spec = importlib.util.spec_from_file_location("score_s37", _S37)
s37 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(s37)
_base = s37.predictors


def predictors(rules: str) -> list:
    """Session 37's predictors for ``rules`` minus, from the end, Y (addendum 3: candidate Y,
    ``with_ruled_fallback``), R (addendum 7: R16) and A (A16), then a trailing 1 / 2 (Z's
    geometry): e.g. T216UVZ1AR = T216UVZ1 with A16 and R16."""
    y = rules.endswith("Y")
    rules = rules.removesuffix("Y")
    r16 = rules.endswith("R") and "Z" in rules
    rules = rules.removesuffix("R") if r16 else rules
    a16 = rules.endswith("A") and "Z" in rules
    rules = rules.removesuffix("A") if a16 else rules
    geometry = {"Z1": "row", "Z2": "rowcol"}.get(rules[-2:], "")
    out = _base(rules[:-1] if geometry else rules)
    out = [p.with_z_rule(geometry) for p in out] if geometry else out
    out = [p.with_depth16_rule(a16, r16) for p in out] if a16 or r16 else out
    return [p.with_ruled_fallback() for p in out] if y else out


s37.s36.predictors = predictors

if __name__ == "__main__":
    s37.s36.main(sys.argv[1:])
