# Issue 22, session 29: the tables of RESULTS "Session 29" from the runs of real_study_s29.sh.
# Call (repo root): bash docs/evidence/perfsage-cpu-2026-12-06-s29/tables_s29.sh STEP [REC]
# REC (step 32): the rule chosen on V12 after section 2, M or N (the headline; the others beside it);
# REC (step 33, addendum 2): the rule chosen on V13, N or O
set -e
E=docs/evidence/perfsage-cpu-2026-12-06-s29
S28=docs/evidence/perfsage-cpu-2026-12-06-s28
J25="PerfSAGE capped, per-op on unseen op types and out-of-box nodes (m = 0.25, ours)"
case $1 in
  # is any mix21 graph (every space rule N trains on) the same network as a families-XXXII model? (no Vela)
  overlap) PYTHONPATH=. python $S28/overlap_s28.py runs/mix21 SESSION29A,SESSION29B > $E/overlap_s29.txt ;;
  v12) python -m experiments.perfsage_seeds runs/psage_rs29n_s{0,1,2} --pooled --a "$J25" --out $E/v12_N_J25.md > /dev/null
       bash $E/real_study_s29.sh nchoice ;;
  32) R=""
      for r in $2 M N L; do
        d=runs/psage_rs29${r,,}32_s0; [ -d $d ] && [[ " $R " != *" $r="* ]] || continue
        python -m experiments.perfsage_seeds runs/psage_rs29${r,,}32_s{0,1,2} --a "$J25" --out $E/fam32_${r}_J25.md \
          > /dev/null
        R="$R $r=runs/psage_rs29${r,,}32"
      done
      PYTHONPATH=. python $S28/per_model28.py $R > $E/fam32_per_model.md
      SRAM_SET=heldoutXXXII python docs/evidence/perfsage-cpu-2026-12-05-s22/sram_v2.py $E/sram_fam32.md refetch > /dev/null ;;
  # addendum 2: rule O on V13, its choice; families XXXIII (test): the headline over the seven without
  # mobilenet_v2_1.0_160 (drawable by the mobilenet space), all eight beside it, per-model errors, SRAM on both
  v13) python -m experiments.perfsage_seeds runs/psage_rs29o_s{0,1,2} --pooled --a "$J25" --out $E/v13_O_J25.md > /dev/null
       bash $E/real_study_s29b.sh ochoice ;;
  33) OUT="mobilenet_v2_1.0_160"
      if [ "$2" = O ]; then P="O N"; else P="N O"; fi
      R=""
      for r in $P; do
        [ -d runs/psage_rs29${r,,}33_s0 ] || continue
        python -m experiments.perfsage_seeds runs/psage_rs29${r,,}33_s{0,1,2} --a "$J25" --drop $OUT \
          --out $E/fam33seven_${r}_J25.md > /dev/null
        python -m experiments.perfsage_seeds runs/psage_rs29${r,,}33_s{0,1,2} --a "$J25" --out $E/fam33_${r}_J25.md > /dev/null
        R="$R $r=runs/psage_rs29${r,,}33"
      done
      PYTHONPATH=. python $S28/per_model28.py $R > $E/fam33_per_model.md
      SRAM_SET=heldoutXXXIII python docs/evidence/perfsage-cpu-2026-12-05-s22/sram_v2.py $E/sram_fam33.md refetch > /dev/null
      python docs/evidence/perfsage-cpu-2026-12-06-s30/subset_folder.py heldoutXXXIII heldoutXXXIII7 7 $OUT
      SRAM_SET=heldoutXXXIII7 python docs/evidence/perfsage-cpu-2026-12-05-s22/sram_v2.py $E/sram_fam33seven.md refetch \
        > /dev/null ;;
esac
