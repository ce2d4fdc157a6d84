"""Issue 22, session 40: session 39's per-model and summary tables of a fresh set (``fresh_table_s39.py``) with the
rule-set names of this session (T216UVZ1RWK50 / K100 = T216UVZ1RW with candidate K at beta 0.5 / 1.0).
Call: PYTHONPATH=src:. python fresh_table_s40.py SCORE.json BASE.json FOLDER HEADLINE_SET OTHER_SET [TITLE]"""

import importlib.util
import pathlib
import sys

_P = pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-07-s39" / "fresh_table_s39.py"
_spec = importlib.util.spec_from_file_location("fresh_table_s39", _P)
s39 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(s39)
_W = s39.s38.s37.NAME["T216UVZ1RW"]
s39.s38.s37.NAME.update({"T216UVZ1RWK50": _W + " + K50", "T216UVZ1RWK100": _W + " + K100",
                         "T216UVZ1RW2K100": s39.s38.s37.NAME["T216UVZ1R"] + " + W2 + K100",
                         "T216UVZ1RW3K100": s39.s38.s37.NAME["T216UVZ1R"] + " + W3 + K100"})

if __name__ == "__main__":
    s39.s38.s37.main(*sys.argv[1:])
