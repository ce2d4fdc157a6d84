# Issue 22, session 31 (PREREGISTERED.md in this folder). Call (repo root, venv on, JAXEFF_DATA set):
#   bash docs/evidence/perfsage-cpu-2026-12-06-s31/real_study_s31.sh STEP [SEEDS]
# v16: V16 = V15 + XXXV; pv16: rule O's three predictors on V16 with rule P's rows beside (--weight-rule), nothing
# retrained; fam36: build and label families XXXVI; p36: the same predictors on XXXVI; sram36: SRAM on XXXVI
set -ex
. docs/evidence/perfsage-cpu-2026-12-06-s30/real_study_s30.sh ""   # merged, ev25, fam_build, names, RULE
E=docs/evidence/perfsage-cpu-2026-12-06-s31
export PRE=rs31
case $1 in
  v16) merged heldoutV16 heldoutV15 heldoutXXXV ;;
  pv16) H=heldoutV16 SEEDS="$2" ev25 pv16 runs/psage_rs29o runs/mix22 "--forest-context --forest-padded 32 --weight-rule" ;;
  fam36) fam_build heldout_s31 heldoutXXXVI $(names SESSION31A) $(names SESSION31B) ;;
  p36) H=heldoutXXXVI SEEDS="$2" ev25 p36 runs/psage_rs29o runs/mix22 "--forest-context --forest-padded 32 --weight-rule" ;;
  sram36) SRAM_SET=heldoutXXXVI python docs/evidence/perfsage-cpu-2026-12-06-s30/sram_v15.py $E/sram_fam36.md ;;
esac
