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
  v33w2) python $E/score_s40.py score T216UVZ1RWK100 T216UVZ1RW2K100 --folders real_shared heldoutV25X heldoutXLVI \
           heldoutXLVII heldoutXLVIII heldoutXLIX heldoutL heldoutLI heldoutLII heldoutLIII heldoutLIV heldoutLV heldoutLVI \
           heldoutLVII --out runs/score40_v33w2.json
         python $S36/choose_s36.py runs/score40_v33w2.json --choose > $E/choice_v33w2.md ;;
  v33w3) python $E/score_s40.py score T216UVZ1RWK100 T216UVZ1RW3K100 --folders real_shared heldoutV25X heldoutXLVI \
           heldoutXLVII heldoutXLVIII heldoutXLIX heldoutL heldoutLI heldoutLII heldoutLIII heldoutLIV heldoutLV heldoutLVI \
           heldoutLVII --out runs/score40_v33w3.json
         python $S36/choose_s36.py runs/score40_v33w3.json --choose > $E/choice_v33w3.md ;;
  famLXIV) merged heldoutLXIV heldoutLXIV_A heldoutLXIV_B ;;
  sramLXIV) JAXEFF_MAIN=$PWD SRAM_SET=heldoutLXIV python $E/sram_fresh_s40.py $E/sram_LXIV.md > /dev/null ;;
  evalLXIV) # $2 = the headline set (section 1's choice), $3... = the extra rows, the first of them T216UVZ1R (no W1)
            python $E/score_s40.py score "${@:2}" --folders heldoutLXIV --out runs/score40_lxiv.json
            python $S36/choose_s36.py runs/score40_lxiv.json > $E/fresh_LXIV.md
            python $S36/baselines_s36.py score --folders heldoutLXIV --out runs/base40_lxiv.json
            python $E/fresh_table_s40.py runs/score40_lxiv.json runs/base40_lxiv.json heldoutLXIV $2 $3 \
              "Families LXIV (fresh)" > $E/fresh_LXIV_table.md ;;
  famLXV) merged heldoutLXV heldoutLXV_A ;;
  sramLXV) JAXEFF_MAIN=$PWD SRAM_SET=heldoutLXV python $E/sram_fresh_s40.py $E/sram_LXV.md > /dev/null ;;
  evalLXV) # $2 = the headline set (addendum 1's choice), $3 = the other W row
           python $E/score_s40.py score "${@:2}" --folders heldoutLXV --out runs/score40_lxv.json
           python $S36/choose_s36.py runs/score40_lxv.json > $E/fresh_LXV.md
           python $S36/baselines_s36.py score --folders heldoutLXV --out runs/base40_lxv.json
           python $E/fresh_table_s40.py runs/score40_lxv.json runs/base40_lxv.json heldoutLXV $2 $3 \
             "Family LXV (fresh)" > $E/fresh_LXV_table.md ;;
  famLXVI) merged heldoutLXVI heldoutLXVI_A heldoutLXVI_B heldoutLXVI_C ;;
  sramLXVI) JAXEFF_MAIN=$PWD SRAM_SET=heldoutLXVI python $E/sram_fresh_s40.py $E/sram_LXVI.md > /dev/null ;;
  evalLXVI) # $2 = the headline set at the time of scoring, $3 = the set the table shows beside it, $4... = more rows
            python $E/score_s40.py score "${@:2}" --folders heldoutLXVI --out runs/score40_lxvi.json
            python $S36/choose_s36.py runs/score40_lxvi.json > $E/fresh_LXVI.md
            python $S36/baselines_s36.py score --folders heldoutLXVI --out runs/base40_lxvi.json
            python $E/fresh_table_s40.py runs/score40_lxvi.json runs/base40_lxvi.json heldoutLXVI $2 $3 \
              "Families LXVI (fresh)" > $E/fresh_LXVI_table.md ;;
  pooled3) python $E/pool_s40.py runs/score40_fresh3.json runs/score40_lxiv.json runs/score40_lxv.json runs/score40_lxvi.json
           python $S36/choose_s36.py runs/score40_fresh3.json > $E/fresh_pooled3_s40.md ;;
  pooled) python $E/pool_s40.py runs/score40_fresh.json runs/score40_lxiv.json runs/score40_lxv.json
          python $S36/choose_s36.py runs/score40_fresh.json > $E/fresh_pooled_s40.md ;;
  indist) python $E/indist_s40.py > $E/indist_s40.md ;;
esac
