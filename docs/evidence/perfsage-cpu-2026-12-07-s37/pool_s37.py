"""Issue 22, session 37: the seven fresh models of families LII, LIII and LIV that Vela maps fully as one set (the
light scorer's outputs merged; rule sets present in all three: T2U, and TU where scored), for choose_s36.py.
Call: python pool_s37.py OUT.json"""

import json
import sys

runs = [json.load(open(f"runs/{n}.json")) for n in ("score37_lii", "score37_liii", "score37_liv")]
out = {"models": [m for d in runs for m in d["models"]], "sets": {}}
for key in ("T2U",):
    out["sets"][key] = {row: [[v for d in runs for v in d["sets"][key][row][s]] for s in range(3)]
                        for row in ("j25", "per_op")}
    out["sets"][key].update({row: [v for d in runs for v in d["sets"][key][row]] for row in ("j25_ens", "per_op_ens")})
json.dump(out, open(sys.argv[1], "w"))
