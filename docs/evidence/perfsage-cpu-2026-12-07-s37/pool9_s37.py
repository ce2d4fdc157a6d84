"""Issue 22, session 37: the nine fresh models of families LII-LV (with ``--lvi`` the eleven of LII-LVI, with ``--lvi --lvii`` the twelve of LII-LVII) that Vela maps
fully as one set, each under the configuration recommended when it was scored (R'QST2U for LII-LIV, R'QST2U with T2-16
for LV and LVI, with V and Z for LVII; rule set key "as scored"), for choose_s36.py. Call: python pool9_s37.py OUT.json [--lvi [--lvii]]"""

import json
import sys

runs = [(json.load(open(f"runs/{n}.json")), k) for n, k in
        (("score37_lii", "T2U"), ("score37_liii", "T2U"), ("score37_liv", "T2U"), ("score37_lv", "T216U"))
        + ((("score37_lvi", "T216U"),) if "--lvi" in sys.argv else ())
        + ((("score37_lvii", "T216UVZ"),) if "--lvii" in sys.argv else ())]
out = {"models": [m for d, _ in runs for m in d["models"]], "sets": {"as scored": {}}}
s = out["sets"]["as scored"]
s.update({row: [[v for d, k in runs for v in d["sets"][k][row][i]] for i in range(3)] for row in ("j25", "per_op")})
s.update({row: [v for d, k in runs for v in d["sets"][k][row]] for row in ("j25_ens", "per_op_ens")})
json.dump(out, open(sys.argv[1], "w"))
