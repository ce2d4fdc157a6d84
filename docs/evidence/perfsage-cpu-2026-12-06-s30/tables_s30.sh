# Issue 22, session 30: the tables of RESULTS "Session 30" part 2 from the runs of real_study_s30.sh.
# Call (repo root): bash docs/evidence/perfsage-cpu-2026-12-06-s30/tables_s30.sh 34|35
# Families XXXIV (test): the headline over the seven without fsrcnn_deconv_x2_64 (drawn exactly by the upsample
# space), all eight beside it, per-model errors, SRAM on both (every velamem rule of section 1)
set -e
E=docs/evidence/perfsage-cpu-2026-12-06-s30
S28=docs/evidence/perfsage-cpu-2026-12-06-s28
J25="PerfSAGE capped, per-op on unseen op types and out-of-box nodes (m = 0.25, ours)"
OUT="fsrcnn_deconv_x2_64"
case $1 in
  34) python -m experiments.perfsage_seeds runs/psage_rs30o34_s{0,1,2} --a "$J25" --drop $OUT \
        --out $E/fam34seven_O_J25.md > /dev/null
      python -m experiments.perfsage_seeds runs/psage_rs30o34_s{0,1,2} --a "$J25" --out $E/fam34_O_J25.md > /dev/null
      PYTHONPATH=. python $S28/per_model28.py O=runs/psage_rs30o34 > $E/fam34_per_model.md
      python docs/evidence/perfsage-cpu-2026-12-06-s30/subset_folder.py heldoutXXXIV heldoutXXXIV7 7 $OUT
      SRAM_SET=heldoutXXXIV7 python $E/sram_v14.py $E/sram_fam34seven.md > /dev/null ;;
  # addendum 2: families XXXV (test), the five Vela maps fully (none drawn exactly by a space); SRAM: sram35 step
  35) python -m experiments.perfsage_seeds runs/psage_rs30o35_s{0,1,2} --a "$J25" --out $E/fam35_O_J25.md > /dev/null
      PYTHONPATH=. python $S28/per_model28.py O=runs/psage_rs30o35 > $E/fam35_per_model.md ;;
esac
