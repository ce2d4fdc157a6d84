# Issue 22, session 28: the tables of RESULTS "Session 28" from the runs of real_study_s28.sh (V10: l; families XXX:
# tk30, tl30). Call (repo root): bash docs/evidence/perfsage-cpu-2026-12-06-s28/tables_s28.sh STEP [REC]
# REC (step 30): the rule recommended after section 2B, K or L (the headline; the other is beside it)
set -e
E=docs/evidence/perfsage-cpu-2026-12-06-s28
J25="PerfSAGE capped, per-op on unseen op types and out-of-box nodes (m = 0.25, ours)"
case $1 in
  v10) python -m experiments.perfsage_seeds runs/psage_rs28l_s{0,1,2} --pooled --a "$J25" --out $E/v10_L_J25.md > /dev/null
       PYTHONPATH=. python $E/choose28.py > $E/choice28.txt ;;
  # families XXX (test): the headline over the nine (tf_fashion_mlp_784 drawable by tiny), all ten beside it,
  # per-model errors, SRAM on the ten and on the nine
  30) OUT="tf_fashion_mlp_784"
      for r in K:rs28k30 L:rs28l30; do
        python -m experiments.perfsage_seeds runs/psage_${r#*:}_s{0,1,2} --a "$J25" --drop $OUT \
          --out $E/fam30nine_${r%%:*}_J25.md > /dev/null
        python -m experiments.perfsage_seeds runs/psage_${r#*:}_s{0,1,2} --a "$J25" --out $E/fam30_${r%%:*}_J25.md > /dev/null
      done
      if [ "$2" = L ]; then P="L=runs/psage_rs28l30 K=runs/psage_rs28k30"; else P="K=runs/psage_rs28k30 L=runs/psage_rs28l30"; fi
      PYTHONPATH=. python $E/per_model28.py $P > $E/fam30_per_model.md
      SRAM_SET=heldoutXXX python docs/evidence/perfsage-cpu-2026-12-05-s22/sram_v2.py $E/sram_fam30.md refetch > /dev/null
      rm -rf runs/heldoutXXX9; mkdir -p runs/heldoutXXX9/models
      python -c "
import json, os, sys
lab = json.load(open('runs/heldoutXXX/labels.json')); drop = {m + '.tflite' for m in sys.argv[1:]}
nine = {k: v for k, v in lab.items() if k not in drop and v['npu_full']}; assert len(nine) == 9
json.dump(nine, open('runs/heldoutXXX9/labels.json', 'w'), indent=1)
for k in nine: os.symlink(os.path.realpath(f'runs/heldoutXXX/models/{k}'), f'runs/heldoutXXX9/models/{k}')" $OUT
      SRAM_SET=heldoutXXX9 python docs/evidence/perfsage-cpu-2026-12-05-s22/sram_v2.py $E/sram_fam30nine.md refetch \
        > /dev/null ;;
esac
