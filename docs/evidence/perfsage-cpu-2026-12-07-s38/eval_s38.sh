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
