"""Issue 22, session 44: pooled fresh sets. Each argument FILE:SET takes the models of a score JSON (score_s4x.py's
output) with one of its rule sets; the models are concatenated into one set "pooled" and printed with session 36's
choose_s36 tables (seed ensemble median / MAPE / max / within 10 % / above 50 %, and perfsage_seeds.beats of the J25
row against its own per-op sum).
Call (repo root, venv on): PYTHONPATH=src:. python docs/evidence/perfsage-cpu-2026-12-08-s44/pool_s44.py F:SET ..."""
import importlib.util
import json
import pathlib
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("choose_s36", HERE.parent / "perfsage-cpu-2026-12-07-s36" / "choose_s36.py")
c36 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(c36)


def pooled(args: list[str]) -> dict:
    out = {"models": [], "sets": {"pooled": {"j25": [], "per_op": [], "j25_ens": [], "per_op_ens": []}}}
    p = out["sets"]["pooled"]
    for a in args:
        f, key = a.split(":", 1)
        d = json.load(open(f))
        s = d["sets"][key]
        out["models"] += d["models"]
        for k in ("j25_ens", "per_op_ens"):
            p[k] += s[k]
        for k in ("j25", "per_op"):
            if not p[k]:
                p[k] = [[] for _ in s[k]]
            for seed, rows in enumerate(s[k]):
                p[k][seed] += rows
    return out


if __name__ == "__main__":
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as t:
        json.dump(pooled(sys.argv[1:]), t)
    print("Pooled: " + ", ".join(sys.argv[1:]) + "\n")
    c36.main([t.name])
