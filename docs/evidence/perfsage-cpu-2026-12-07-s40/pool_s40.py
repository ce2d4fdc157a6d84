"""Issue 22, session 40 (outcome 6): the session's fresh models pooled -- score_s40.py's outputs for families LXIV and
LXV joined on the rule sets they share (models concatenated; seeds kept), written as one score file that
``choose_s36.py`` reads. Call: PYTHONPATH=src:. python pool_s40.py OUT.json IN.json..."""

import json
import sys


def pool(paths: list[str]) -> dict:
    parts = [json.load(open(p)) for p in paths]
    keys = [k for k in parts[0]["sets"] if all(k in p["sets"] for p in parts)]
    out = {"models": [m for p in parts for m in p["models"]], "sets": {}}
    for k in keys:
        s = {}
        for f in ("j25", "per_op"):  # [seed][model][target]
            s[f] = [sum((p["sets"][k][f][i] for p in parts), []) for i in range(len(parts[0]["sets"][k][f]))]
        for f in ("j25_ens", "per_op_ens"):  # [model][target]
            s[f] = sum((p["sets"][k][f] for p in parts), [])
        out["sets"][k] = s
    return out


if __name__ == "__main__":
    json.dump(pool(sys.argv[2:]), open(sys.argv[1], "w"))
