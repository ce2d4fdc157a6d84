# Issue 22, session 32 (PREREGISTERED.md in this folder). Call (repo root, venv on, JAXEFF_DATA set):
#   bash docs/evidence/perfsage-cpu-2026-12-06-s32/real_study_s32.sh STEP [SEEDS]
# v18: V18 = V17 + XXXVII; rv18: rule O's three predictors on V18 with PQ's and RQ's rows (nothing retrained; rule R's
# ratios read off each run's training split and saved with the re-saved predictor); fam38: build and label families
# XXXVIII; r38: the same predictors on XXXVIII
set -ex
. docs/evidence/perfsage-cpu-2026-12-06-s30/real_study_s30.sh ""   # merged, ev25, fam_build, names, RULE
E=docs/evidence/perfsage-cpu-2026-12-06-s32
export PRE=rs32
F="--forest-context --forest-padded 32 --weight-rule --stride-rule --stream-rule"
case $1 in
  v18) merged heldoutV18 heldoutV17 heldoutXXXVII ;;
  rv18) H=heldoutV18 SEEDS="$2" ev25 rv18 runs/psage_rs29o runs/mix22 "$F" ;;
  fam38) fam_build heldout_s32 heldoutXXXVIII $(names SESSION32A) $(names SESSION32B) ;;
  r38) H=heldoutXXXVIII SEEDS="$2" ev25 r38 runs/psage_rs29o runs/mix22 "$F" ;;
esac
