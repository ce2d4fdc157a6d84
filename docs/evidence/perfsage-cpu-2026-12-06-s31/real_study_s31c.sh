# Issue 22, session 31 addendum 2 (rule Q). Call (repo root, venv on, JAXEFF_DATA set):
#   bash docs/evidence/perfsage-cpu-2026-12-06-s31/real_study_s31c.sh STEP [SEEDS]
# v17: V17 = V16 + XXXVI; qv17: rule O's predictors on V17 with P's and P+Q's rows (nothing retrained);
# fam37: build and label families XXXVII; q37: the same predictors on XXXVII; sram37: SRAM on XXXVII (the default)
set -ex
. docs/evidence/perfsage-cpu-2026-12-06-s30/real_study_s30.sh ""   # merged, ev25, fam_build, names, RULE
E=docs/evidence/perfsage-cpu-2026-12-06-s31
export PRE=rs31
F="--forest-context --forest-padded 32 --weight-rule --stride-rule"
case $1 in
  v17) merged heldoutV17 heldoutV16 heldoutXXXVI ;;
  qv17) H=heldoutV17 SEEDS="$2" ev25 qv17 runs/psage_rs29o runs/mix22 "$F" ;;
  fam37) fam_build heldout_s31c heldoutXXXVII $(names SESSION31C) ;;
  q37) H=heldoutXXXVII SEEDS="$2" ev25 q37 runs/psage_rs29o runs/mix22 "$F" ;;
  sram37) SRAM_SET=heldoutXXXVII python $E/sram_v16.py $E/sram_fam37.md ;;
esac
