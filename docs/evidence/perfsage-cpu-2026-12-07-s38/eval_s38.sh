#!/bin/bash
# Issue 22, session 38 (PREREGISTERED.md): every step of this session, one case per step, run from the repo root with
# the venv on, JAXEFF_DATA set and PYTHONPATH=src:. ; the folders under runs/ are session 37's (its eval_s37.sh).
set -e
. docs/evidence/perfsage-cpu-2026-12-06-s28/real_study_s28.sh ""  # merged(); it sets E, so E is set after it
E=docs/evidence/perfsage-cpu-2026-12-07-s38
S37=docs/evidence/perfsage-cpu-2026-12-07-s37
S36=docs/evidence/perfsage-cpu-2026-12-07-s36
# section 1: V33 = V31X + families LVI + LVII as one folder; the SRAM choice among N1, N1', N2
case $1 in
  v33x) merged heldoutV33X heldoutV31X heldoutLVI heldoutLVII ;;
  sram33) JAXEFF_MAIN=$PWD python $E/sram_v33.py $E/sram_v33.md ;;
esac
# addendum 2: V33 (latency) = V32's folders + families LVII; Z1 / Z2 against T216UVZ by section 2's criteria
case $1 in
  v33) python $E/score_s38.py score T216UVZ T216UVZ1 T216UVZ2 --folders real_shared heldoutV25X heldoutXLVI heldoutXLVII \
         heldoutXLVIII heldoutXLIX heldoutL heldoutLI heldoutLII heldoutLIII heldoutLIV heldoutLV heldoutLVI heldoutLVII \
         --out runs/score38_v33.json
       python $S36/choose_s36.py runs/score38_v33.json --choose > $E/choice_v33.md ;;
esac
