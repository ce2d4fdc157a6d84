# Issue 22, session 23, addendum 2: rule E''' (E'' with messages both ways). Call: bash real_study_s23c.sh STEP
# (a third file so that the running steps' scripts were not edited; real_study_s23.sh defines train_v4 / ev)
set -ex
. docs/evidence/perfsage-cpu-2026-12-05-s23/real_study_s23.sh ""
RULE_E="--forest-lowered --forest-resize --zero-floor --stacked-direction both"
case $1 in
  e4a) train_v4 e4 runs/mix15g "0 1" ;;
  e4b) train_v4 e4 runs/mix15g "2" ;;
  # E''' (its runs reused, nothing retrained) on families XVII / XVIII
  testE4) ev e4T runs/psage_rs23e4 heldoutXVIIXVIII runs/mix15g ;;
esac
