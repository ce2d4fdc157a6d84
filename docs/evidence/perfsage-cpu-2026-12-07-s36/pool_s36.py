"""Issue 22, session 36: the ten fresh models of families XLVIII (headline four), XLIX and L as one set (the light
scorer's outputs merged), for choose_s36.py. Call: python pool_s36.py OUT.json"""

import json
import sys

a, b, c = (json.load(open(f"runs/{n}.json")) for n in ("score36_xlviii", "score36_xlix", "score36_l"))
srcs = [(a, [i for i, m in enumerate(a["models"]) if m["folder"] == "heldoutXLVIIIh"]),
        (b, list(range(len(b["models"])))), (c, list(range(len(c["models"]))))]
out = {"models": [d["models"][i] for d, ix in srcs for i in ix], "sets": {}}
for key in ("R'QS", "TU"):
    out["sets"][key] = {row: [[d["sets"][key][row][s][i] for d, ix in srcs for i in ix] for s in range(3)]
                        for row in ("j25", "per_op")}
    out["sets"][key].update({row: [d["sets"][key][row][i] for d, ix in srcs for i in ix]
                             for row in ("j25_ens", "per_op_ens")})
json.dump(out, open(sys.argv[1], "w"))
