"""Issue 22, session 38: fresh models that Vela maps fully as one set, each under the configuration recommended when it
was scored, for choose_s36.py: this session's four (families LVIII and SwiftNet, under T216UVZ1; with ``--lx`` the six
with families LX, with ``--lxi`` also LXI under T216UVZ1R), and with ``--s37`` session 37's twelve before them (LII-LVII, as session 37's pool9_s37.py takes
them). Call: python pool_s38.py OUT.json [--s37] [--lx] [--lxi]"""

import json
import sys

S37 = (("score37_lii", "T2U"), ("score37_liii", "T2U"), ("score37_liv", "T2U"), ("score37_lv", "T216U"),
       ("score37_lvi", "T216U"), ("score37_lvii", "T216UVZ"))
runs = [(json.load(open(f"runs/{n}.json")), k) for n, k in
        (S37 if "--s37" in sys.argv else ()) + (("score38_lviii", "T216UVZ1"), ("score38_lix", "T216UVZ1"))
        + ((("score38_lx", "T216UVZ1"),) if "--lx" in sys.argv else ())
        + ((("score38_lxi", "T216UVZ1R"),) if "--lxi" in sys.argv else ())]
out = {"models": [m for d, _ in runs for m in d["models"]], "sets": {"as scored": {}}}
s = out["sets"]["as scored"]
s.update({row: [[v for d, k in runs for v in d["sets"][k][row][i]] for i in range(3)] for row in ("j25", "per_op")})
s.update({row: [v for d, k in runs for v in d["sets"][k][row]] for row in ("j25_ens", "per_op_ens")})
json.dump(out, open(sys.argv[1], "w"))
