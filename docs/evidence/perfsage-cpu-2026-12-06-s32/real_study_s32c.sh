# Issue 22, session 32 addendum 3 (PREREGISTERED.md). Call (repo root, venv on, JAXEFF_DATA set):
#   bash docs/evidence/perfsage-cpu-2026-12-06-s32/real_study_s32c.sh STEP [SEEDS]
# v19: V19 = V18 + XXXVIII; sv19: rule O's predictors on V19 with RQ's and R'QS's rows (nothing retrained; R and R'
# ratios read off each run's training split, saved with the re-saved predictor); fam39: build and label families
# XXXIX (labelling output to /dev/null: it prints Vela latencies); s39: the same predictors on XXXIX
set -ex
. docs/evidence/perfsage-cpu-2026-12-06-s30/real_study_s30.sh ""   # merged, ev25, names, RULE
E=docs/evidence/perfsage-cpu-2026-12-06-s32
export PRE=rs32
F="--forest-context --forest-padded 32 --weight-rule --stride-rule --stream-rule --tconv-rule"
case $1 in
  v19) merged heldoutV19 heldoutV18 heldoutXXXVIII ;;
  sv19) H=heldoutV19 SEEDS="$2" ev25 sv19 runs/psage_rs29o runs/mix22 "$F" ;;
  fam39)
    python -m experiments.perfsage_heldout --workdir runs/heldout_s32c --no-progress --models $(names SESSION32C)
    for k in 0 1; do python docs/evidence/perfsage-cpu-2026-12-05-s24/label_all.py runs/heldout_s32c $k/2 > /dev/null & done; wait
    python docs/evidence/perfsage-cpu-2026-12-05-s24/label_all.py runs/heldout_s32c --merge 2
    rm -rf runs/heldoutXXXIX; mkdir -p runs/heldoutXXXIX/models
    ln -sf $PWD/runs/heldout_s32c/models/*.tflite runs/heldoutXXXIX/models/
    cp runs/heldout_s32c/labels.json runs/heldoutXXXIX/labels.json ;;
  s39) H=heldoutXXXIX SEEDS="$2" ev25 s39 runs/psage_rs29o runs/mix22 "$F" ;;
esac
