#!/bin/bash
# Issue 22, session 44 (PREREGISTERED.md): the steps, one case per step, from the repo root with the venv on,
# JAXEFF_DATA and JAXEFF_MAIN set and PYTHONPATH=src:. ; runs/ as session 43 left it (+ the LXXIII parts built here).
set -e
E=docs/evidence/perfsage-cpu-2026-12-08-s44
E43=docs/evidence/perfsage-cpu-2026-12-08-s43
E42=docs/evidence/perfsage-cpu-2026-12-07-s42
S36=docs/evidence/perfsage-cpu-2026-12-07-s36
P=T216UVZ1RWK100+Q2O2P1+PL2a  # the recommended reading at the start of the session (session 43)
V46="real_shared heldoutV41 heldoutLXVII heldoutLXVIII heldoutLXIX heldoutLXX heldoutLXXI heldoutLXXII"

case $1 in
  # section 2: the probes (a helper's; about 80 s, one process)
  probe) python $E/probe_44.py ;;
  # addendum 1: G1 / AB / AS / GABS on V46 against the reference, and the choice (one run: ~12 GB)
  v46) python $E/score_s44.py score $P $P+G1 $P+AB $P+AS $P+GABS --folders $V46 --out runs/score44_v46.json
       python $S36/choose_s36.py runs/score44_v46.json --choose > $E/choice_v46.md ;;
  # section 4 / addendum 2: families LXXIII (parts a, b; Basset not npu_full) and LXXIV (parts a, b): SRAM (S2)
  sram) SRAM_SET=heldout$2 python $E43/sram_v43.py $E/sram_$2.md ;;
  # addendum 4: S2 against PSL on V46S and the choice; sram44 FAMILY: S2 and PSL (the default since outcome 7) on a folder
  v46s) python $E/sram_v44.py $E/sram_v46s.md ;;
  sram44) SRAM_SET=heldout$2 python $E/sram_v44.py $E/sram44_$2.md ;;
  # latency on runs/heldout$2; $3 = the headline (the reading recommended after the V46 choice), $4... = the other rows
  fresh) fam=$2
         shift 2
         python $E/score_s44.py score "$@" --folders heldout$fam --out runs/score44_$fam.json
         python $S36/choose_s36.py runs/score44_$fam.json > $E/fresh_$fam.md
         python $S36/baselines_s36.py score --folders heldout$fam --out runs/base44_$fam.json
         python $E42/fresh_table_s42.py runs/score44_$fam.json runs/base44_$fam.json heldout$fam "$@" \
           --title "Families $fam (fresh)" > $E/fresh_${fam}_table.md ;;
  # outcome 5: the pooled fresh sets (this session's; sessions 42-44, each family with the reading recommended when scored)
  pool) G=$P+GABS
        S44="runs/score44_LXXIII.json:$G runs/score44_LXXIV.json:$G runs/score44_LXXV.json:$G runs/score44_LXXVI.json:$G"
        { python $E/pool_s44.py $S44; echo; echo '---'; echo
          python $E/pool_s44.py runs/score42_LXIX.json:T216UVZ1RWK100+Q2O2 runs/score43_LXX.json:T216UVZ1RWK100+Q2O2P1 \
            runs/score43_LXXI.json:T216UVZ1RWK100+Q2O2P1+PL runs/score43_LXXII.json:T216UVZ1RWK100+Q2O2P1+PL2a $S44
        } > $E/pooled_s44.md ;;
  # the in-distribution table beside the real-model ones (the test split of runs/mix22)
  indist) python $E/indist_s44.py > $E/indist_s44.md ;;
  *) echo "usage: eval_s44.sh probe|v46|sram FAMILY|v46s|sram44 FAMILY|fresh FAMILY SETS...|pool|indist" >&2
     exit 2 ;;
esac
