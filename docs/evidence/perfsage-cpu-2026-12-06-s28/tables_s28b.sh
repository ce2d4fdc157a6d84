# Issue 22, session 28 addendum 1: the tables of RESULTS "Session 28" part 6 from the runs of real_study_s28.sh m and
# real_study_s28b.sh tm31 / tl31. Call (repo root): bash docs/evidence/perfsage-cpu-2026-12-06-s28/tables_s28b.sh STEP REC
# REC (step 31): the rule chosen on V11, L or M (the headline; the other beside it)
set -e
E=docs/evidence/perfsage-cpu-2026-12-06-s28
J25="PerfSAGE capped, per-op on unseen op types and out-of-box nodes (m = 0.25, ours)"
case $1 in
  v11) python -m experiments.perfsage_seeds runs/psage_rs28m_s{0,1,2} --pooled --a "$J25" --out $E/v11_M_J25.md > /dev/null
       bash $E/real_study_s28.sh mchoice ;;
  31) for r in M:rs28m31 L:rs28l31; do
        python -m experiments.perfsage_seeds runs/psage_${r#*:}_s{0,1,2} --a "$J25" --out $E/fam31_${r%%:*}_J25.md > /dev/null
      done
      if [ "$2" = M ]; then P="M=runs/psage_rs28m31 L=runs/psage_rs28l31"; else P="L=runs/psage_rs28l31 M=runs/psage_rs28m31"; fi
      PYTHONPATH=. python $E/per_model28.py $P > $E/fam31_per_model.md
      SRAM_SET=heldoutXXXI python docs/evidence/perfsage-cpu-2026-12-05-s22/sram_v2.py $E/sram_fam31.md refetch > /dev/null ;;
esac
