"""Issue 22, session 39: session 38's per-model and summary tables of a fresh set (``fresh_table_s38.py``) with the
rule-set names of this session (T216UVZ1RW = R'QST2U (T2-16) + V + Z1 + R16 + W1).
Call: PYTHONPATH=src:. python fresh_table_s39.py SCORE.json BASE.json FOLDER HEADLINE_SET OTHER_SET [TITLE]"""

import importlib.util
import pathlib
import sys

_P = pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-07-s38" / "fresh_table_s38.py"
_spec = importlib.util.spec_from_file_location("fresh_table_s38", _P)
s38 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(s38)
s38.s37.NAME.update({"T216UVZ1RW": "R'QST2U (T2-16) + V + Z1 + R16 + W1"})

if __name__ == "__main__":
    s38.s37.main(*sys.argv[1:])
