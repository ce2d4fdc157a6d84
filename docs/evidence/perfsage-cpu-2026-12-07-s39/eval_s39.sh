#!/bin/bash
# Issue 22, session 39 (PREREGISTERED.md): every step of this session, one case per step, run from the repo root with
# the venv on, JAXEFF_DATA set and PYTHONPATH=src:. ; the folders under runs/ are session 38's (its eval_s38.sh).
set -e
. docs/evidence/perfsage-cpu-2026-12-06-s28/real_study_s28.sh ""  # merged(); it sets E, so E is set after it
E=docs/evidence/perfsage-cpu-2026-12-07-s39
S38=docs/evidence/perfsage-cpu-2026-12-07-s38
S36=docs/evidence/perfsage-cpu-2026-12-07-s36
case $1 in
  enccheck) python $E/enc_check.py $E/enc_check.md ;;
  sram33c) JAXEFF_MAIN=$PWD python $E/sram_v33c.py $E/sram_v33c.md ;;
  sram33h) JAXEFF_MAIN=$PWD python $E/sram_v33h.py $E/sram_v33h.md ;;
  v33w) python $E/score_s39.py score T216UVZ1R T216UVZ1RW --folders real_shared heldoutV25X heldoutXLVI heldoutXLVII \
          heldoutXLVIII heldoutXLIX heldoutL heldoutLI heldoutLII heldoutLIII heldoutLIV heldoutLV heldoutLVI heldoutLVII \
          --out runs/score39_v33w.json
        python $S36/choose_s36.py runs/score39_v33w.json --choose > $E/choice_v33w.md ;;
  famLXII) merged heldoutLXII heldoutLXII_A heldoutLXII_B ;;
  indist) python $E/indist_s39.py > $E/indist_s39.md ;;
  sramLXII) JAXEFF_MAIN=$PWD SRAM_SET=heldoutLXII python $E/sram_fresh_s39.py $E/sram_LXII.md > /dev/null ;;
  evalLXII) python $E/score_s39.py score T216UVZ1RW T216UVZ1R --folders heldoutLXII --out runs/score39_lxii.json
            python $S36/choose_s36.py runs/score39_lxii.json > $E/fresh_LXII.md
            python $S36/baselines_s36.py score --folders heldoutLXII --out runs/base39_lxii.json
            python $E/fresh_table_s39.py runs/score39_lxii.json runs/base39_lxii.json heldoutLXII T216UVZ1RW T216UVZ1R \
              "Families LXII (fresh)" > $E/fresh_LXII_table.md ;;
  evalLXIII) JAXEFF_MAIN=$PWD SRAM_SET=heldoutLXIII python $E/sram_fresh_s39.py $E/sram_LXIII.md > /dev/null
             python $E/score_s39.py score T216UVZ1RW T216UVZ1R --folders heldoutLXIII --out runs/score39_lxiii.json
             python $S36/choose_s36.py runs/score39_lxiii.json > $E/fresh_LXIII.md
             python $S36/baselines_s36.py score --folders heldoutLXIII --out runs/base39_lxiii.json
             python $E/fresh_table_s39.py runs/score39_lxiii.json runs/base39_lxiii.json heldoutLXIII T216UVZ1RW T216UVZ1R \
               "Family LXIII (fresh)" > $E/fresh_LXIII_table.md ;;
esac
