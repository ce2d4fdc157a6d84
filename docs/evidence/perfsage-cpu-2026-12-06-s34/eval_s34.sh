# Issue 22, session 34 (PREREGISTERED.md section 1): the rebuilt rule O predictors with rules R', Q and S on V24 =
# V23 + XLIII as one held-out folder (nothing retrained), and the tables cut from those runs.
# Call (repo root, venv on, JAXEFF_DATA set): bash docs/evidence/perfsage-cpu-2026-12-06-s34/eval_s34.sh STEP [SEEDS]
#   v24: the folder; ev SEEDS [FOLDER]: one run per seed (runs/psage_rs34r24_s*) on FOLDER (default heldoutV24;
#   heldoutV24X = V24 + XLIV when families XLIV are ready in time, addendum 1); v13: reproduction check 1 (rule O's
#   own training runs); v19: check 2; fresh: the test tables (XL-XLIII); famXLIV: build and label families XLIV
#   (names and npu_full only); v24x: V24 + XLIV as one folder; t44: XLIV's latency tables
set -ex
. docs/evidence/perfsage-cpu-2026-12-06-s28/real_study_s28.sh ""   # merged, ev25, names, RULE
E=docs/evidence/perfsage-cpu-2026-12-06-s34
export PRE=rs34
F="--forest-context --forest-padded 32 --weight-rule --stride-rule --stream-rule --tconv-rule"
J25="PerfSAGE capped, per-op on unseen op types and out-of-box nodes (m = 0.25, ours)"
PER="per-op sum (nn-Meter forests)"
R2="rules R', Q and S"
stems() { python -c "import json; print(' '.join(k.removesuffix('.tflite') for k in json.load(open('runs/$1/labels.json'))))"; }
seeds() { python -m experiments.perfsage_seeds runs/psage_rs34r24_s{0,1,2} --a "$J25, $R2" --b "$PER, $R2" "$@"; }
case $1 in
  v24) merged heldoutV24 heldoutV23 heldoutXLIII ;;
  ev) H=${3:-heldoutV24} SEEDS="$2" ev25 r24 runs/psage_rs29o runs/mix22 "$F" ;;
  famXLIV) python -m experiments.perfsage_heldout --models vggish_96x64 panns_cnn6_1001x64 mtcnn_onet_48 fastdepth_224 \
             cyclegan_gen_r6_128 --workdir runs/heldoutXLIV --no-progress
           python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutXLIV 0/1 --quiet
           python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutXLIV --merge 1 ;;
  v24x) merged heldoutV24X heldoutV24 heldoutXLIV ;;
  t44) seeds --only $(stems heldoutXLIV) --out $E/fresh_XLIV_R2QS_J25.md > /dev/null ;;
  # addendum 2: families XLV (fresh); V24X + XLV as one folder (the eval's folder if XLV is labelled in time)
  famXLV) python -m experiments.perfsage_heldout --models sphereface20_112x96 arcface_iresnet18_112 segan_gen_16384 \
            segnet_basic_360x480 --workdir runs/heldoutXLV --no-progress
          python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutXLV 0/1 --quiet
          python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutXLV --merge 1 ;;
  v25x) merged heldoutV25X heldoutV24X heldoutXLV ;;
  t45) seeds --only $(python -c "import json; print(' '.join(k.removesuffix('.tflite') for k, v in json.load(open('runs/heldoutXLV/labels.json')).items() if v['npu_full']))") \
         --out $E/fresh_XLV_R2QS_J25.md > /dev/null ;;
  v13) python -m experiments.perfsage_seeds runs/psage_rs29o_s{0,1,2} --out $E/v13_O_J25_rebuilt.md > /dev/null ;;
  v19) seeds --only $(python -c "
import json, experiments.perfsage_heldout as ph
fresh = set(ph.SESSION32C) | {n for t in 'ABCDEFGH' for n in getattr(ph, 'SESSION33' + t)}
keep = [*json.load(open('runs/real_shared/labels.json')), *json.load(open('runs/heldoutV24/labels.json'))]
print(' '.join(k.removesuffix('.tflite') for k in keep if k.removesuffix('.tflite') not in fresh))") --pooled --out $E/v19_R2QS_J25_rebuilt.md > /dev/null ;;
  fresh)
    X="$(stems heldoutXL) $(stems heldoutXLI) $(stems heldoutXLII) $(stems heldoutXLIII)"
    seeds --only $X --drop resnet18_cifar_32 vgg16_cifar_32 --out $E/fresh_XL_XLIII_R2QS_J25.md > /dev/null
    seeds --only $X --out $E/fresh_XL_XLIII_all25_R2QS_J25.md > /dev/null
    for f in XL XLI XLII XLIII; do seeds --only $(stems heldout$f) --out $E/fresh_${f}_R2QS_J25.md > /dev/null; done ;;
esac
