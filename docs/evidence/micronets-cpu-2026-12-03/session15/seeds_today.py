"""Three-seed MicroNets table with today's seed-0 cells (session 15).

Seed 0 from session15/default/cells (the default preset run with today's code: the
DNAS cells equal session 10's, the baselines were retrained with the shifted depthwise
lowering); seeds 1 and 2 from session12/mn_seed{s}_{budget}/cells (sessions 12-13, also
trained with the shifted lowering). Run from the repository root:
    python docs/evidence/micronets-cpu-2026-12-03/session15/seeds_today.py
Writes seeds_today.md beside this script.
"""
from __future__ import annotations

import importlib.util
import pathlib
import statistics

HERE = pathlib.Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("seeds_table", HERE.parent / "session12/seeds_table.py")
st = importlib.util.module_from_spec(spec)
spec.loader.exec_module(st)
st.SEED0 = {k: HERE / "default/cells" for k in st.SEED0}

lines = ["| budget | method | TFLM int8 test % mean ± sd | seed 0 / 1 / 2 |", "|---|---|---|---|"]
paired = ["", "DNAS minus baseline, test recordings of 300 (seeds 0 / 1 / 2):", ""]
for b in ("S", "M", "L"):
    cells = {m: [st.cell(b, m, s) for s in (0, 1, 2)] for m in st.METHODS}
    for m in st.METHODS:
        v = [c["tflm"] for c in cells[m]]
        lines.append(f"| {b} | {m} | {statistics.mean(v):.2f} ± {statistics.stdev(v):.2f} | "
                     + " / ".join(f"{x:.2f}" for x in v) + " |")
    for base in ("dscnn", "random"):
        d = [c["n_test_correct"] - e["n_test_correct"]
             for c, e in zip(cells["dnas"], cells[base])]
        paired.append(f"- {b}, vs {base}: " + " / ".join(f"{x:+d}" for x in d))
out = "\n".join(lines + paired) + "\n"
(HERE / "seeds_today.md").write_text(out)
print(out)
