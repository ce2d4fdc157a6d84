# Issue 22, session 23, addendum 1: rule E'' (E' + --zero-floor). Call: bash real_study_s23b.sh STEP
# (a second file so that real_study_s23.sh was not edited while its steps ran; it defines train_v4 / ev)
set -ex
. docs/evidence/perfsage-cpu-2026-12-05-s23/real_study_s23.sh ""
RULE_E="--forest-lowered --forest-resize --zero-floor"
case $1 in
  e3a) train_v4 e3 runs/mix15g "0 1" ;;
  e3b) train_v4 e3 runs/mix15g "2" ;;
  # E'' (its runs reused, nothing retrained) on families XVII / XVIII
  testE3) ev e3T runs/psage_rs23e3 heldoutXVIIXVIII runs/mix15g ;;
esac
