# Issue 22, session 28 addendum 1 (second script: real_study_s28.sh was running while these steps were written).
# Call: bash docs/evidence/perfsage-cpu-2026-12-06-s28/real_study_s28b.sh STEP [SEEDS]
set -ex
. docs/evidence/perfsage-cpu-2026-12-06-s25/real_study_s25b.sh ""   # names, RULE, ev25 (H, SEEDS, PRE), fam_build
export PRE=rs28
case $1 in
  # families XXXI (test of the rule chosen on V11), built and labelled once; then M and L on them
  fam31) fam_build heldout_s28b heldoutXXXI $(names SESSION28C) $(names SESSION28D) ;;
  tm31) H=heldoutXXXI SEEDS="$2" ev25 m31 runs/psage_rs28m runs/mix20 "--forest-context --forest-padded 32" ;;
  tl31) H=heldoutXXXI SEEDS="$2" ev25 l31 runs/psage_rs28l runs/mix19 "--forest-context --forest-padded 32" ;;
esac
