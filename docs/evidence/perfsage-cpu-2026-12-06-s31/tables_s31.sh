# Issue 22, session 31: the choice and tables of RESULTS "Session 31" from the runs of real_study_s31.sh.
# Call (repo root): bash docs/evidence/perfsage-cpu-2026-12-06-s31/tables_s31.sh v16|36|v17|37
set -e
E=docs/evidence/perfsage-cpu-2026-12-06-s31
J25="PerfSAGE capped, per-op on unseen op types and out-of-box nodes (m = 0.25, ours)"
PER="per-op sum (nn-Meter forests)"
case $1 in
  # section 1: the choice on V16 (both rules from the same three runs)
  v16) PYTHONPATH=. python $E/choose31.py runs/psage_rs31pv16 > $E/choice31.txt ;;
  # section 2: families XXXVI (test), the seven Vela maps fully; P's rows and O's, per model
  36) python -m experiments.perfsage_seeds runs/psage_rs31p36_s{0,1,2} --a "$J25, rule P" --b "$PER, rule P" \
        --out $E/fam36_P_J25.md > /dev/null
      python -m experiments.perfsage_seeds runs/psage_rs31p36_s{0,1,2} --a "$J25" --out $E/fam36_O_J25.md > /dev/null
      PYTHONPATH=. python $E/per_model31.py runs/psage_rs31p36 > $E/fam36_per_model.md ;;
  # addendum 2: the choice of rule Q on V17 (P against P and Q, from the same three runs)
  v17) PYTHONPATH=. python $E/choose31.py runs/psage_rs31qv17 P PQ > $E/choice31_v17.txt ;;
  # addendum 2: families XXXVII (test), the models Vela maps fully
  37) python -m experiments.perfsage_seeds runs/psage_rs31q37_s{0,1,2} --a "$J25, rules P and Q" \
        --b "$PER, rules P and Q" --out $E/fam37_PQ_J25.md > /dev/null
      python -m experiments.perfsage_seeds runs/psage_rs31q37_s{0,1,2} --a "$J25, rule P" --b "$PER, rule P" \
        --out $E/fam37_P_J25.md > /dev/null
      PYTHONPATH=. python $E/per_model31.py runs/psage_rs31q37 > $E/fam37_per_model.md ;;
esac
