# Issue 22, session 32: the choice and tables of RESULTS "Session 32" from the runs of real_study_s32.sh.
# Call (repo root): bash docs/evidence/perfsage-cpu-2026-12-06-s32/tables_s32.sh v18|38|v19|39
set -e
E=docs/evidence/perfsage-cpu-2026-12-06-s32
J25="PerfSAGE capped, per-op on unseen op types and out-of-box nodes (m = 0.25, ours)"
PER="per-op sum (nn-Meter forests)"
case $1 in
  # section 1: the choice of rule R on V18 (PQ against RQ, from the same three runs)
  v18) PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-06-s31/choose31.py runs/psage_rs32rv18 PQ RQ \
         > $E/choice32_v18.txt ;;
  # section 2: families XXXVIII (test), the models Vela maps fully
  38) python -m experiments.perfsage_seeds runs/psage_rs32r38_s{0,1,2} --a "$J25, rules R and Q" \
        --b "$PER, rules R and Q" --out $E/fam38_RQ_J25.md > /dev/null
      python -m experiments.perfsage_seeds runs/psage_rs32r38_s{0,1,2} --a "$J25, rules P and Q" \
        --b "$PER, rules P and Q" --out $E/fam38_PQ_J25.md > /dev/null
      PYTHONPATH=. python $E/per_model32.py runs/psage_rs32r38 > $E/fam38_per_model.md ;;
  # addendum 3: the choice of R'QS on V19 (RQ against R'QS, from the same three runs)
  v19) PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-06-s31/choose31.py runs/psage_rs32sv19 RQ R2QS \
         > $E/choice32_v19.txt ;;
  # addendum 3: families XXXIX (test)
  39) python -m experiments.perfsage_seeds runs/psage_rs32s39_s{0,1,2} --a "$J25, rules R', Q and S" \
        --b "$PER, rules R', Q and S" --out $E/fam39_R2QS_J25.md > /dev/null
      python -m experiments.perfsage_seeds runs/psage_rs32s39_s{0,1,2} --a "$J25, rules R and Q" \
        --b "$PER, rules R and Q" --out $E/fam39_RQ_J25.md > /dev/null
      PYTHONPATH=. python $E/per_model32.py runs/psage_rs32s39 > $E/fam39_per_model.md ;;
esac
