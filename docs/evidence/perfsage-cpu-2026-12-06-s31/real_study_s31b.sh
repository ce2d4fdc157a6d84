# Issue 22, session 31, steps added after addendum 1's choice (real_study_s31.sh's sram36 step predates it and was
# not run). Call (repo root, venv on, JAXEFF_DATA set): bash docs/evidence/perfsage-cpu-2026-12-06-s31/real_study_s31b.sh STEP
# sram36: SRAM on families XXXVI under the default after addendum 1 (vorder_cat_smx_lin) and session 30's default
set -ex
E=docs/evidence/perfsage-cpu-2026-12-06-s31
case $1 in
  sram36) SRAM_SET=heldoutXXXVI python $E/sram_v16.py $E/sram_fam36.md ;;
esac
