#!/bin/bash
# Issue 22, session 42 (PREREGISTERED.md): the steps, one case per step, from the repo root with the venv on,
# JAXEFF_DATA and JAXEFF_MAIN set and PYTHONPATH=src:. ; runs/ as session 41 left it (rebuild_s41.sh, eval_s41.sh resave).
set -e
E=docs/evidence/perfsage-cpu-2026-12-07-s42
S36=docs/evidence/perfsage-cpu-2026-12-07-s36
V42="real_shared heldoutV41 heldoutLXVII heldoutLXVIII"
case $1 in
  # sections 2-3 and addendum 2: the candidates on V42 (two runs, merged into one score file) and the choice
  v42) python $E/score_s42.py score T216UVZ1RWK100 T216UVZ1RWK100+Qe T216UVZ1RWK100+O2 T216UVZ1RWK100+QeO2 \
         --folders $V42 --out runs/score42_v42.json
       python $E/score_s42.py score T216UVZ1RWK100+Q2 T216UVZ1RWK100+Q2O2 --folders $V42 --out runs/score42_v42q2.json ;;
  choose) python - <<'PY'
import json
a, b = json.load(open("runs/score42_v42.json")), json.load(open("runs/score42_v42q2.json"))
assert a["models"] == b["models"]
a["sets"].update(b["sets"])
json.dump(a, open("runs/score42_v42all.json", "w"))
PY
       python $S36/choose_s36.py runs/score42_v42all.json --choose > $E/choice_v42.md ;;
  # section 4 / addendum 1: families LXIX = the parts Vela maps fully (B and C), linked into one folder
  lxix) python - <<'PY'
import json, os
d = "runs/heldoutLXIX"
os.makedirs(f"{d}/models", exist_ok=True)
lab = {}
for part in ("heldoutLXIXb", "heldoutLXIXc"):
    for k, v in json.load(open(f"runs/{part}/labels.json")).items():
        lab[k] = v
        if not os.path.lexists(f"{d}/models/{k}"):
            os.symlink(os.path.realpath(f"runs/{part}/models/{k}"), f"{d}/models/{k}")
json.dump(lab, open(f"{d}/labels.json", "w"), indent=1)
print(d, sorted(k for k, v in lab.items() if v["npu_full"]))
PY
        SRAM_SET=heldoutLXIX python $E/sram_fresh_s42.py $E/sram_LXIX.md ;;
  # $2 = the headline (the choice), $3... = the other rows
  fresh) python $E/score_s42.py score "${@:2}" --folders heldoutLXIX --out runs/score42_LXIX.json
         python $S36/choose_s36.py runs/score42_LXIX.json > $E/fresh_LXIX.md
         python $S36/baselines_s36.py score --folders heldoutLXIX --out runs/base42_LXIX.json
         python $E/fresh_table_s42.py runs/score42_LXIX.json runs/base42_LXIX.json heldoutLXIX "${@:2}" \
           --title "Families LXIX (fresh)" > $E/fresh_LXIX_table.md ;;
esac
# addendum 3: candidate P1 on V42 against the reference T216UVZ1RWK100+O2 (outcome 1's choice)
case $1 in
  v42p1) python $E/score_s42.py score T216UVZ1RWK100+O2P1 T216UVZ1RWK100+QeO2P1 T216UVZ1RWK100+Q2O2P1 \
           --folders $V42 --out runs/score42_v42p1.json ;;
  choosep1) python - <<'PY'
import json
a, b = json.load(open("runs/score42_v42all.json")), json.load(open("runs/score42_v42p1.json"))
assert a["models"] == b["models"]
out = {"models": a["models"], "sets": {"T216UVZ1RWK100+O2": a["sets"]["T216UVZ1RWK100+O2"], **b["sets"]}}
json.dump(out, open("runs/score42_v42p1all.json", "w"))
PY
            python $S36/choose_s36.py runs/score42_v42p1all.json --choose > $E/choice_v42p1.md ;;
esac
# the in-distribution table beside the real-model ones (the test split of runs/mix22)
case $1 in
  indist) python $E/indist_s42.py > $E/indist_s42.md ;;
esac
# addendum 4: candidate Y on top of Q2O2P1 (outcome 3's choice)
case $1 in
  v42y) python $E/score_s42.py score T216UVZ1RWK100+Q2O2P1Y --folders $V42 --out runs/score42_v42y.json
        python - <<'PY'
import json
a, b = json.load(open("runs/score42_v42p1all.json")), json.load(open("runs/score42_v42y.json"))
assert a["models"] == b["models"]
out = {"models": a["models"], "sets": {"T216UVZ1RWK100+Q2O2P1": a["sets"]["T216UVZ1RWK100+Q2O2P1"], **b["sets"]}}
json.dump(out, open("runs/score42_v42yall.json", "w"))
PY
        python $S36/choose_s36.py runs/score42_v42yall.json --choose > $E/choice_v42y.md ;;
esac
