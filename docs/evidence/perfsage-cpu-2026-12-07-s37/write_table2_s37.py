"""Issue 22, session 37 (PREREGISTERED.md section 1, addendum 1): write rule T2's table
``src/jaxeff/gnn/bcast_table2.py`` from the ``probe_s37.py sq`` JSON lines (MUL by a [1, 1, 1, C] constant on square
maps 2..64, every C of SQ_C) and the elementwise term of an ADD with a fused RELU (argument ``--act U55 U65``, read from
the ``probe_s37.py add`` probes, see addendum 1).
Call (repo root): python docs/evidence/perfsage-cpu-2026-12-07-s37/write_table2_s37.py runs/probe37_sq_*.jsonl --act A B"""

from __future__ import annotations

import argparse
import json
import pathlib

OUT = pathlib.Path("src/jaxeff/gnn/bcast_table2.py")


def main() -> None:
    a = argparse.ArgumentParser()
    a.add_argument("files", nargs="+")
    a.add_argument("--act", nargs=2, type=float, required=True)
    a.add_argument("--c16", default=None, help="addendum 5: probe_s37.py c16 lines (TABLE16)")
    k = a.parse_args()
    rows = [json.loads(line) for f in k.files for line in open(f) if line.strip()]
    rows = [r for r in rows if r["op"] == "MUL" and r["h"] == r["w"]]
    cs = sorted({r["c"] for r in rows})
    hs = sorted({r["h"] for r in rows})
    got = {(r["h"], r["c"]): r for r in rows}
    missing = [(h, c) for h in hs for c in cs if (h, c) not in got]
    if missing:
        raise SystemExit(f"probe grid incomplete: {len(missing)} missing, e.g. {missing[:5]}")
    lines = ['"""Rule T2 table (issue 22, session 37 [U]; written by',
             "``docs/evidence/perfsage-cpu-2026-12-07-s37/write_table2_s37.py`` from ``probe_s37.py sq``): Vela 5.2",
             "cycles per output element of a MUL by a constant ``[1, 1, 1, C]`` between two 1 x 1 convs on a square",
             "``H = W`` map, per NPU (U55-128 High_End_Embedded, U65-256 High_End, Shared_Sram), for every H from 2 to",
             "64 and the depths :data:`CS`; and :data:`ADD_NPU`, the elementwise term of an ADD by such a constant, with",
             'or without a fused RELU (cycles per output element, from ``probe_s37.py add``)."""', "",
             f"CS: tuple[int, ...] = {tuple(cs)!r}",
             f'ADD_NPU: dict[str, float] = {{"u55": {k.act[0]!r}, "u65": {k.act[1]!r}}}',
             "#: ``TABLE[npu][H]``: cycles per output element at each depth of :data:`CS`",
             "TABLE: dict[str, dict[int, tuple[float, ...]]] = {"]
    for p in ("u55", "u65"):
        lines.append(f'    "{p}": {{')
        for h in hs:
            vals = [f"{round(got[(h, c)][p], 4)!r}" for c in cs]
            lines.append(f"        {h}: ({', '.join(vals[:8])},")
            lines.append(f"             {', '.join(vals[8:])}),")
        lines.append("    },")
    lines.append("}")
    if k.c16:
        r16 = [json.loads(line) for line in open(k.c16) if line.strip()]
        g16 = {(r["op"], r["h"]): r for r in r16}
        lines += ["#: candidate T2-16 (session 37 addendum 5, ``probe_s37.py c16``): ``TABLE16[npu][kind][H]``,",
                  "#: cycles per output element at depth 16 of a MUL and of an ADD with a fused RELU",
                  "TABLE16: dict[str, dict[str, dict[int, float]]] = {"]
        for p in ("u55", "u65"):
            lines.append(f'    "{p}": {{')
            for op in ("MUL", "ADD"):
                vals = [f"{h}: {round(g16[(op, h)][p], 4)!r}" for h in hs]
                lines.append(f'        "{op}": {{')
                lines += [f"            {', '.join(vals[i:i + 7])}," for i in range(0, len(vals), 7)]
                lines.append("        },")
            lines.append("    },")
        lines.append("}")
    OUT.write_text("\n".join(lines) + "\n")
    print(f"wrote {OUT}: {len(hs)} sizes x {len(cs)} depths x 2 NPUs")


if __name__ == "__main__":
    main()
