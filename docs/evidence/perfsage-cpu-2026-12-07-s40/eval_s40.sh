#!/bin/bash
# Issue 22, session 40 (PREREGISTERED.md): every step of this session, one case per step, run from the repo root with
# the venv on, JAXEFF_DATA set and PYTHONPATH=src:. ; the folders under runs/ are session 39's (its eval_s39.sh).
set -e
. docs/evidence/perfsage-cpu-2026-12-06-s28/real_study_s28.sh ""  # merged(); it sets E, so E is set after it
E=docs/evidence/perfsage-cpu-2026-12-07-s40
S39=docs/evidence/perfsage-cpu-2026-12-07-s39
S36=docs/evidence/perfsage-cpu-2026-12-07-s36
case $1 in
  v33k) python $E/score_s40.py score T216UVZ1RW T216UVZ1RWK50 T216UVZ1RWK100 --folders real_shared heldoutV25X \
          heldoutXLVI heldoutXLVII heldoutXLVIII heldoutXLIX heldoutL heldoutLI heldoutLII heldoutLIII heldoutLIV \
          heldoutLV heldoutLVI heldoutLVII --out runs/score40_v33k.json
        python $S36/choose_s36.py runs/score40_v33k.json --choose > $E/choice_v33k.md ;;
esac
