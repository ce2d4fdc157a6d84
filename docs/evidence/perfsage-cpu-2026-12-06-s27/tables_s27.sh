# Issue 22, session 27: the tables of RESULTS "Session 27" from the runs of real_study_s27.sh (V8: k; families XXVII:
# k27; families XXVIII: tk, ti). Call (repo root): bash docs/evidence/perfsage-cpu-2026-12-06-s27/tables_s27.sh STEP
set -e
E=docs/evidence/perfsage-cpu-2026-12-06-s27
J25="PerfSAGE capped, per-op on unseen op types and out-of-box nodes (m = 0.25, ours)"
case $1 in
  v8) python -m experiments.perfsage_seeds runs/psage_rs27k_s{0,1,2} --pooled --a "$J25" --out $E/v8_K_J25.md > /dev/null
      PYTHONPATH=. python $E/choose27.py runs/psage_rs26j8 runs/psage_rs27k > $E/choice27.txt ;;
  # families XXVII under K (an extra row: the tiny space was designed after reading XXVII), the six of session 26
  27) python -m experiments.perfsage_seeds runs/psage_rs27k27_s{0,1,2} --a "$J25" \
        --drop mobilenet_v1_0.25_96_vww resnet8_cifar --out $E/fam27six_K_J25.md > /dev/null
      PYTHONPATH=. python $E/per_model27.py runs/psage_rs27k27 runs/psage_rs26j27 > $E/fam27_per_model_K.md ;;
  # addendum 2: V9's choice (everything read: V8 + XXVII + XXVIII, merged per seed)
  v9) PYTHONPATH=. python $E/choose27.py "runs/psage_rs26j8_s{s}+runs/psage_rs26j27_s{s}+runs/psage_rs27i28_s{s}" \
        "runs/psage_rs27k_s{s}+runs/psage_rs27k27_s{s}+runs/psage_rs27k28_s{s}" > $E/choice27_v9.txt ;;
  # addendum 2: families XXIX (test; $2: the models left out of the headline, if any)
  29) for r in K:rs27k29 I:rs27i29; do
        python -m experiments.perfsage_seeds runs/psage_${r#*:}_s{0,1,2} --a "$J25" ${2:+--drop $2} \
          --out $E/fam29head_${r%%:*}_J25.md > /dev/null
        python -m experiments.perfsage_seeds runs/psage_${r#*:}_s{0,1,2} --a "$J25" --out $E/fam29_${r%%:*}_J25.md > /dev/null
      done
      PYTHONPATH=. python $E/per_model27.py runs/psage_rs27k29 runs/psage_rs27i29 > $E/fam29_per_model.md
      SRAM_SET=heldoutXXIX python docs/evidence/perfsage-cpu-2026-12-05-s22/sram_v2.py $E/sram_fam29.md refetch > /dev/null ;;
  # families XXVIII (test): the headline over the nine (addendum 1: the two drawable models out; tiny_embedding_conv
  # not scored, a CPU op), all eleven scored beside it, per-model errors, SRAM
  28) OUT="keras_mnist_convnet_28 keras_cifar10_cnn_32"
      for r in K:rs27k28 I:rs27i28; do
        python -m experiments.perfsage_seeds runs/psage_${r#*:}_s{0,1,2} --a "$J25" --drop $OUT \
          --out $E/fam28nine_${r%%:*}_J25.md > /dev/null
        python -m experiments.perfsage_seeds runs/psage_${r#*:}_s{0,1,2} --a "$J25" --out $E/fam28_${r%%:*}_J25.md > /dev/null
      done
      PYTHONPATH=. python $E/per_model27.py runs/psage_rs27k28 runs/psage_rs27i28 > $E/fam28_per_model.md
      SRAM_SET=heldoutXXVIII python docs/evidence/perfsage-cpu-2026-12-05-s22/sram_v2.py $E/sram_fam28.md refetch > /dev/null
      rm -rf runs/heldoutXXVIII9; mkdir -p runs/heldoutXXVIII9/models
      python -c "
import json, os, sys
lab = json.load(open('runs/heldoutXXVIII/labels.json')); drop = {m + '.tflite' for m in sys.argv[1:]}
nine = {k: v for k, v in lab.items() if k not in drop and v['npu_full']}; assert len(nine) == 9
json.dump(nine, open('runs/heldoutXXVIII9/labels.json', 'w'), indent=1)
for k in nine: os.symlink(os.path.realpath(f'runs/heldoutXXVIII/models/{k}'), f'runs/heldoutXXVIII9/models/{k}')" $OUT
      SRAM_SET=heldoutXXVIII9 python docs/evidence/perfsage-cpu-2026-12-05-s22/sram_v2.py $E/sram_fam28nine.md refetch \
        > /dev/null ;;
esac
