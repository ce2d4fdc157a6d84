"""Session 22: one study result of the same predictors evaluated on two held-out folders (V3 = V2's run + the
families XI / XII run of the same predictors): OUT/results.json with the first run's validation rows and the
held-out rows of both. Refuses runs whose validation rows differ (not the same predictors).

    python docs/evidence/perfsage-cpu-2026-12-05-s22/merge_runs.py OUT RUN_A RUN_B
"""
import json
import pathlib
import sys

out, a, b = (pathlib.Path(p) for p in sys.argv[1:4])
ra, rb = (json.loads((p / "results.json").read_text())["real_study"] for p in (a, b))
LAT = ("u55_latency_ms", "u65_latency_ms")


def key(rows):  # every row's latency predictions (a row added by unseen_rows.py may lack the SRAM keys)
    return json.dumps([{k: [v.get(t) for t in LAT] for k, v in sorted(r["pred"].items())}
                       for r in rows])


if key(ra["real"]) != key(rb["real"]):
    raise SystemExit(f"{a} and {b}: validation predictions differ (not the same predictors)")
names = [r["model"] for r in ra["heldout"]] + [r["model"] for r in rb["heldout"]]
if len(set(names)) != len(names):
    raise SystemExit("a held-out model is in both runs")
out.mkdir(parents=True, exist_ok=True)
(out / "results.json").write_text(json.dumps(
    {"real_study": {"real": ra["real"], "heldout": ra["heldout"] + rb["heldout"]}}))
print(out, len(ra["real"]), "validation,", len(names), "held-out")
