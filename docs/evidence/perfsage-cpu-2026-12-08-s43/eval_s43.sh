#!/bin/bash
# Issue 22, session 43 (PREREGISTERED.md): the steps, one case per step, from the repo root with the venv on,
# JAXEFF_DATA and JAXEFF_MAIN set and PYTHONPATH=src:. ; runs/ as session 42 left it (rebuild_s41.sh, eval_s41.sh resave,
# session 42's LXIX folders).
set -e
E=docs/evidence/perfsage-cpu-2026-12-08-s43
E42=docs/evidence/perfsage-cpu-2026-12-07-s42
S36=docs/evidence/perfsage-cpu-2026-12-07-s36
case $1 in
  # sections 2-3 and addendum 1: S2 against T, L, LT, Lo on V43S and the choice
  v43s) python $E/sram_v43.py $E/sram_v43.md ;;
  # section 4: families LXX = the parts Vela maps fully (A, B, C), linked into one folder; SRAM with every candidate
  lxx) python - <<'PY'
import json, os
d = "runs/heldoutLXX"
os.makedirs(f"{d}/models", exist_ok=True)
lab = {}
for part in ("heldoutLXXa", "heldoutLXXb", "heldoutLXXc"):
    for k, v in json.load(open(f"runs/{part}/labels.json")).items():
        lab[k] = v
        if not os.path.lexists(f"{d}/models/{k}"):
            os.symlink(os.path.realpath(f"runs/{part}/models/{k}"), f"{d}/models/{k}")
json.dump(lab, open(f"{d}/labels.json", "w"), indent=1)
print(d, sorted(k for k, v in lab.items() if v["npu_full"]))
PY
       SRAM_SET=heldoutLXX python $E/sram_v43.py $E/sram_LXX.md ;;
  # $2 = the headline (the recommended reading), $3... = the other rows
  fresh) python $E42/score_s42.py score "${@:2}" --folders heldoutLXX --out runs/score43_LXX.json
         python $S36/choose_s36.py runs/score43_LXX.json > $E/fresh_LXX.md
         python $S36/baselines_s36.py score --folders heldoutLXX --out runs/base43_LXX.json
         python $E42/fresh_table_s42.py runs/score43_LXX.json runs/base43_LXX.json heldoutLXX "${@:2}" \
           --title "Families LXX (fresh)" > $E/fresh_LXX_table.md ;;
esac
# addendum 2: candidate A(alpha) on V43 (= V42 + LXIX, both scored with T216UVZ1RWK100+Q2O2P1) and the choice
case $1 in
  v43a) python $E42/score_s42.py score T216UVZ1RWK100+Q2O2P1 --folders heldoutLXIX --out runs/score43_LXIXp1.json
        python $E/blend_s43.py blend T216UVZ1RWK100+Q2O2P1 runs/score43_v43a.json runs/score42_v42p1all.json \
          runs/score43_LXIXp1.json
        python $S36/choose_s36.py runs/score43_v43a.json --choose > $E/choice_v43a.md ;;
esac
# addenda 3-4: candidates C1a / C1b / PL on V44 (= V43 + LXX; two runs in parallel, merged) and the choice
V44="real_shared heldoutV41 heldoutLXVII heldoutLXVIII heldoutLXIX heldoutLXX"
case $1 in
  v44a) python $E/score_s43.py score T216UVZ1RWK100+Q2O2P1 T216UVZ1RWK100+Q2O2P1+C1a T216UVZ1RWK100+Q2O2P1+C1b \
          --folders $V44 --out runs/score43_v44a.json ;;
  v44b) python $E/score_s43.py score T216UVZ1RWK100+Q2O2P1+PL T216UVZ1RWK100+Q2O2P1+C1aPL \
          T216UVZ1RWK100+Q2O2P1+C1bPL --folders $V44 --out runs/score43_v44b.json ;;
  choose44) python - <<'PY'
import json
a, b = json.load(open("runs/score43_v44a.json")), json.load(open("runs/score43_v44b.json"))
assert a["models"] == b["models"]
a["sets"].update(b["sets"])
json.dump(a, open("runs/score43_v44.json", "w"))
PY
            python $S36/choose_s36.py runs/score43_v44.json --choose > $E/choice_v44.md ;;
esac
# addenda 3 and 5, outcome 5: families LXXI (parts A, B linked into one folder; the helpers built and labelled them
# blind), SRAM with every candidate, latency with the chosen reading (+PL) as the headline and the rest as rows
case $1 in
  lxxi) python - <<'PY'
import json, os
d = "runs/heldoutLXXI"
os.makedirs(f"{d}/models", exist_ok=True)
lab = {}
for part in ("heldoutLXXIa", "heldoutLXXIb"):
    for k, v in json.load(open(f"runs/{part}/labels.json")).items():
        lab[k] = v
        if not os.path.lexists(f"{d}/models/{k}"):
            os.symlink(os.path.realpath(f"runs/{part}/models/{k}"), f"{d}/models/{k}")
json.dump(lab, open(f"{d}/labels.json", "w"), indent=1)
print(d, sorted(k for k, v in lab.items() if v["npu_full"]))
PY
        SRAM_SET=heldoutLXXI python $E/sram_v43.py $E/sram_LXXI.md ;;
  fresh71) S="T216UVZ1RWK100+Q2O2P1+PL T216UVZ1RWK100+Q2O2P1 T216UVZ1RWK100+Q2O2P1+C1a T216UVZ1RWK100+Q2O2P1+C1aPL \
              T216UVZ1RWK100+Q2O2P1+C1b"
           python $E/score_s43.py score $S --folders heldoutLXXI --out runs/score43_LXXI.json
           python $S36/choose_s36.py runs/score43_LXXI.json > $E/fresh_LXXI.md
           python $S36/baselines_s36.py score --folders heldoutLXXI --out runs/base43_LXXI.json
           python $E42/fresh_table_s42.py runs/score43_LXXI.json runs/base43_LXXI.json heldoutLXXI $S \
             --title "Families LXXI (fresh)" > $E/fresh_LXXI_table.md ;;
esac
# addendum 6: PL2a / PL2b on V45 (= V44 + LXXI) against the recommended + PL, and the choice
V45="real_shared heldoutV41 heldoutLXVII heldoutLXVIII heldoutLXIX heldoutLXX heldoutLXXI"
case $1 in
  v45) python $E/score_s43.py score T216UVZ1RWK100+Q2O2P1+PL T216UVZ1RWK100+Q2O2P1+PL2a T216UVZ1RWK100+Q2O2P1+PL2b \
         --folders $V45 --out runs/score43_v45.json
       python $S36/choose_s36.py runs/score43_v45.json --choose > $E/choice_v45.md ;;
esac
# addendum 6: families LXXII (one helper, built and labelled blind), SRAM and latency; $2 = the headline (the V45
# choice), $3... = the other rows
case $1 in
  lxxii) SRAM_SET=heldoutLXXII python $E/sram_v43.py $E/sram_LXXII.md ;;
  fresh72) python $E/score_s43.py score "${@:2}" --folders heldoutLXXII --out runs/score43_LXXII.json
           python $S36/choose_s36.py runs/score43_LXXII.json > $E/fresh_LXXII.md
           python $S36/baselines_s36.py score --folders heldoutLXXII --out runs/base43_LXXII.json
           python $E42/fresh_table_s42.py runs/score43_LXXII.json runs/base43_LXXII.json heldoutLXXII "${@:2}" \
             --title "Families LXXII (fresh)" > $E/fresh_LXXII_table.md ;;
esac
# the in-distribution table beside the real-model ones (the test split of runs/mix22)
case $1 in
  indist) python $E/indist_s43.py > $E/indist_s43.md ;;
esac
