"""Issue 22, session 38: session 37's per-model and summary tables of a fresh set (``fresh_table_s37.py``) with the
rule-set names of this session (T216UVZ1 = R'QST2U (T2-16) + V + Z1).
Call: PYTHONPATH=src:. python fresh_table_s38.py SCORE.json BASE.json FOLDER HEADLINE_SET OTHER_SET [TITLE]"""

import importlib.util
import pathlib
import sys

_P = pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-07-s37" / "fresh_table_s37.py"
_spec = importlib.util.spec_from_file_location("fresh_table_s37", _P)
s37 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(s37)
s37.NAME.update({"T216UVZ1": "R'QST2U (T2-16) + V + Z1", "T216UVZ2": "R'QST2U (T2-16) + V + Z2",
                 "T216UVZ1Y": "R'QST2U (T2-16) + V + Z1 + Y", "T216UVZ1A": "R'QST2U (T2-16) + V + Z1 + A16",
                 "T216UVZ1R": "R'QST2U (T2-16) + V + Z1 + R16", "T216UVZ1AR": "R'QST2U (T2-16) + V + Z1 + A16 + R16"})

if __name__ == "__main__":
    s37.main(*sys.argv[1:])
