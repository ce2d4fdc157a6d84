# Issue 22, session 24, addendum 1: rules H-both and H-ctx on V5. Call: bash real_study_s24c.sh STEP
set -ex
. docs/evidence/perfsage-cpu-2026-12-05-s24/real_study_s24.sh ""
case $1 in
  hba) RULE="$RULE --stacked-direction both" train_v5 hb runs/mix17 "0 1" ;;
  hbb) RULE="$RULE --stacked-direction both" train_v5 hb runs/mix17 "2" ;;
  hca) RULE="$RULE --forest-context" train_v5 hc runs/mix17 "0 1" ;;
  hcb) RULE="$RULE --forest-context" train_v5 hc runs/mix17 "2" ;;
esac
