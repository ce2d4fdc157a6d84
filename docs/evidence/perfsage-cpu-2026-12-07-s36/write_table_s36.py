"""Issue 22, session 36 addendum 5: write src/jaxeff/gnn/bcast_table.py (rule T''s table) from the probes'
JSON lines (`probe_s36.py Tp > runs/probeTp.jsonl`). Call: python write_table_s36.py runs/probeTp.jsonl"""

import json
import pathlib
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
out = ['"""The table of rule T-prime (issue 22, session 36 addendum 5; written by',
       "``docs/evidence/perfsage-cpu-2026-12-07-s36/write_table_s36.py`` from ``probe_s36.py Tp``): Vela 5.2's cycles",
       "per output element of a MUL by a constant ``[1, 1, 1, C]`` and of an ADD of one with a fused ReLU, each between",
       "two 1 x 1 convs, on a square ``H = W`` map, per NPU (U55-128 High_End_Embedded, U65-256 High_End, Shared_Sram).",
       'Rows: ``(H, C, U55 cycles / element, U65 cycles / element)``."""', "",
       "TABLE: dict[str, tuple[tuple[int, int, float, float], ...]] = {"]
for op in ("MUL", "ADD"):
    out.append(f'    "{op}": (')
    for r in sorted((r for r in rows if r["op"] == op), key=lambda r: (r["hw"], r["c"])):
        out.append(f'        ({r["hw"]}, {r["c"]}, {r["u55"]:.4f}, {r["u65"]:.4f}),')
    out.append("    ),")
out.append("}")
path = pathlib.Path("src/jaxeff/gnn/bcast_table.py")
path.write_text("\n".join(out) + "\n")
print(f"{len(rows)} probes -> {path}")
