# Issue 22, session 29: the commands behind docs/RESULTS.md "Session 29" (2 CPU cores, shared).
# PREREGISTERED.md (this folder) was committed before any of it ran. Call: bash real_study_s29.sh STEP [SEEDS]
set -ex
E=docs/evidence/perfsage-cpu-2026-12-06-s29
S28=docs/evidence/perfsage-cpu-2026-12-06-s28
L="L=runs/psage_rs28l_s{s}+runs/psage_rs28l30_s{s}+runs/psage_rs28l31_s{s}"
M="M=runs/psage_rs28m_s{s}+runs/psage_rs28m31_s{s}"
case $1 in
  # section 1: L against M on V12 = V11 + XXXI (no training)
  v12choice) PYTHONPATH=. python $S28/choose28.py "$L" "$M" > $E/choice29_v12.txt ;;
esac
