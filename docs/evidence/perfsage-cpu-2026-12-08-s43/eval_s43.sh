#!/bin/bash
# Issue 22, session 43 (PREREGISTERED.md): the steps, one case per step, from the repo root with the venv on,
# JAXEFF_DATA and JAXEFF_MAIN set and PYTHONPATH=src:. ; runs/ as session 42 left it (rebuild_s41.sh, eval_s41.sh resave,
# session 42's LXIX folders).
set -e
E=docs/evidence/perfsage-cpu-2026-12-08-s43
E42=docs/evidence/perfsage-cpu-2026-12-07-s42
S36=docs/evidence/perfsage-cpu-2026-12-07-s36
P=T216UVZ1RWK100+Q2O2P1  # the recommended reading at the start of the session (session 42)
V44="real_shared heldoutV41 heldoutLXVII heldoutLXVIII heldoutLXIX heldoutLXX"
V45="$V44 heldoutLXXI"

# link_parts DEST PART...: one folder runs/DEST of the parts' models (links) and labels, built blind by helpers
link_parts() {
  python - "$@" <<'PY'
import json, os, sys
d = f"runs/{sys.argv[1]}"
os.makedirs(f"{d}/models", exist_ok=True)
lab = {}
for part in sys.argv[2:]:
    for k, v in json.load(open(f"runs/{part}/labels.json")).items():
        lab[k] = v
        if not os.path.lexists(f"{d}/models/{k}"):
            os.symlink(os.path.realpath(f"runs/{part}/models/{k}"), f"{d}/models/{k}")
json.dump(lab, open(f"{d}/labels.json", "w"), indent=1)
print(d, sorted(k for k, v in lab.items() if v["npu_full"]))
PY
}

# fresh SCORER FAMILY SETS...: latency on runs/heldoutFAMILY (the first set the headline), its tables and baselines
fresh() {
  local scorer=$1 fam=$2
  shift 2
  python "$scorer" score "$@" --folders "heldout$fam" --out "runs/score43_$fam.json"
  python $S36/choose_s36.py "runs/score43_$fam.json" > "$E/fresh_$fam.md"
  python $S36/baselines_s36.py score --folders "heldout$fam" --out "runs/base43_$fam.json"
  python $E42/fresh_table_s42.py "runs/score43_$fam.json" "runs/base43_$fam.json" "heldout$fam" "$@" \
    --title "Families $fam (fresh)" > "$E/fresh_${fam}_table.md"
}

case $1 in
  # sections 2-3 and addendum 1: S2 against T, L, LT, Lo on V43S and the choice
  v43s) python $E/sram_v43.py $E/sram_v43.md ;;
  # section 4: families LXX = parts A, B, C; SRAM with every candidate
  lxx) link_parts heldoutLXX heldoutLXXa heldoutLXXb heldoutLXXc
       SRAM_SET=heldoutLXX python $E/sram_v43.py $E/sram_LXX.md ;;
  # $2 = the headline (the recommended reading), $3... = the other rows (section 4: $P, $P's +O2 row, T216UVZ1RWK100)
  fresh) fresh $E42/score_s42.py LXX "${@:2}" ;;
  # addendum 2: candidate A(alpha) on V43 (= V42 + LXIX, both scored with $P) and the choice
  v43a) python $E42/score_s42.py score $P --folders heldoutLXIX --out runs/score43_LXIXp1.json
        python $E/blend_s43.py blend $P runs/score43_v43a.json runs/score42_v42p1all.json runs/score43_LXIXp1.json
        python $S36/choose_s36.py runs/score43_v43a.json --choose > $E/choice_v43a.md ;;
  # addenda 3-4: candidates C1a / C1b / PL on V44 (= V43 + LXX; two runs, one at a time: each holds ~12 GB) and the choice
  v44a) python $E/score_s43.py score $P $P+C1a $P+C1b --folders $V44 --out runs/score43_v44a.json ;;
  v44b) python $E/score_s43.py score $P+PL $P+C1aPL $P+C1bPL --folders $V44 --out runs/score43_v44b.json ;;
  choose44) python - <<'PY'
import json
a, b = json.load(open("runs/score43_v44a.json")), json.load(open("runs/score43_v44b.json"))
assert a["models"] == b["models"]
a["sets"].update(b["sets"])
json.dump(a, open("runs/score43_v44.json", "w"))
PY
            python $S36/choose_s36.py runs/score43_v44.json --choose > $E/choice_v44.md ;;
  # addenda 3 and 5, outcome 5: families LXXI (parts A, B), SRAM with every candidate, latency with the chosen reading
  # (+PL) as the headline and the rest as rows
  lxxi) link_parts heldoutLXXI heldoutLXXIa heldoutLXXIb
        SRAM_SET=heldoutLXXI python $E/sram_v43.py $E/sram_LXXI.md ;;
  fresh71) fresh $E/score_s43.py LXXI $P+PL $P $P+C1a $P+C1aPL $P+C1b ;;
  # addendum 6: PL2a / PL2b on V45 (= V44 + LXXI) against the recommended + PL, and the choice
  v45) python $E/score_s43.py score $P+PL $P+PL2a $P+PL2b --folders $V45 --out runs/score43_v45.json
       python $S36/choose_s36.py runs/score43_v45.json --choose > $E/choice_v45.md ;;
  # addendum 6: families LXXII (one helper), SRAM and latency; $2 = the headline (the V45 choice), $3... = the rows
  lxxii) SRAM_SET=heldoutLXXII python $E/sram_v43.py $E/sram_LXXII.md ;;
  fresh72) fresh $E/score_s43.py LXXII "${@:2}" ;;
  # the in-distribution table beside the real-model ones (the test split of runs/mix22)
  indist) python $E/indist_s43.py > $E/indist_s43.md ;;
  *) echo "usage: eval_s43.sh v43s|lxx|fresh SETS|v43a|v44a|v44b|choose44|lxxi|fresh71|v45|lxxii|fresh72 SETS|indist" >&2
     exit 2 ;;
esac
