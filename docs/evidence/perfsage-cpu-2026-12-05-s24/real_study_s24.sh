# Issue 22, session 24: the commands behind docs/RESULTS.md "Session 24" (2 CPU cores, shared).
# PREREGISTERED.md (this folder) was committed before any of it ran; rebuild.sh ran first. Call: bash real_study_s24.sh STEP
set -ex
cd /work/main; . .venv/bin/activate; export JAXEFF_DATA=/work/shared/data
E=docs/evidence/perfsage-cpu-2026-12-05-s24
RULE="--forest-lowered --forest-resize"   # rule E's recipe (E', G and H differ in their data only)
names() { python -c "import experiments.perfsage_heldout as ph; print(' '.join(getattr(ph, '$1', ())))"; }
# a folder of the held-out models of runs/heldout_all named in $2 (links, labels subset); $1 = new folder
subset() {
  rm -rf runs/$1; mkdir -p runs/$1/models
  for n in $2; do ln -sf $PWD/runs/heldout_all/models/$n.tflite runs/$1/models/; done
  python -c "
import json, sys; keep = set(n + '.tflite' for n in sys.argv[2].split())
m = json.load(open('runs/heldout_all/labels.json'))
json.dump({k: v for k, v in m.items() if k in keep}, open(f'runs/{sys.argv[1]}/labels.json', 'w'), indent=1)" $1 "$2"
}
# a rule trained on $2 and evaluated on V5 (runs/heldoutV5); $1 tag; seeds $3; old / new rows: trained in the
# E' run (reuse dir empty), reused from it by every later rule
train_v5() {
  for s in ${3:-0 1 2}; do
    W=runs/psage_rs24$1_s$s; R=runs/reuse24$1_s$s; mkdir -p $W $R
    cp runs/real_shared/labels.json $W/real_labels.json
    cp runs/heldoutV5/labels.json $W/heldout_labels.json
    [ $1 = e2 ] || ln -sf $PWD/runs/psage_rs24e2_s$s/predictor_{old,new}.npz $R/
    python -m experiments.perfsage --dataset $2 --real-study --epochs 60 --no-prior-variant \
      --node-variants stacked --forest-target ratio --heldout runs/heldoutV5/models --no-progress \
      --model-seed $s --reuse $R --workdir $W $RULE
  done
}
# a trained rule (its runs reused, nothing retrained) on a held-out folder; $1 tag, $2 runs, $3 folder, $4 dataset
ev() {
  for s in 0 1 2; do
    W=runs/psage_rs24$1_s$s; mkdir -p $W
    cp runs/real_shared/labels.json $W/real_labels.json
    cp runs/$3/labels.json $W/heldout_labels.json
    python -m experiments.perfsage --dataset $4 --real-study --epochs 60 --no-prior-variant \
      --node-variants stacked --forest-target ratio --heldout runs/$3/models \
      --no-progress --model-seed $s --reuse $2_s$s --workdir $W $RULE
  done
}
LATER="$(names SESSION22E) $(names SESSION22F) $(names SESSION23) $(names SESSION23B) $(names SESSION23C)"
case $1 in
  # the shared real models labelled once; V5 = every held-out model of sessions 15-23; V4's 74 for the check
  prep) mkdir -p runs/real_shared/models; ln -sf $JAXEFF_DATA/tflite/*.tflite runs/real_shared/models/
        python $E/label_all.py runs/real_shared && python $E/label_all.py runs/real_shared --merge 1
        ALL="$(python -c "import experiments.perfsage_heldout as ph; print(' '.join(ph.MODELS))")"
        subset heldoutV5 "$ALL"
        subset heldout74 "$(python -c "import sys; l = set(sys.argv[2].split()); print(' '.join(n for n in sys.argv[1].split() if n not in l))" "$ALL" "$LATER")" ;;
  # section 0 / 2: rule E' on mix15g (its seeds in two processes), then G on mix16
  e2a) train_v5 e2 runs/mix15g "0 1" ;;
  e2b) train_v5 e2 runs/mix15g "2" ;;
  ga) train_v5 g runs/mix16 "0 1" ;;
  gb) train_v5 g runs/mix16 "2" ;;
  # rule H: mix17 = mix16 + 200 graphs of the agg space (helper branch agg)
  agg) python -m experiments.perfsage_dataset --per-space 200 --workers 2 --no-host --no-progress --spaces agg \
         --workdir runs/ds_agg
       mkdir -p runs/mix17/shards
       for f in runs/mix16/shards/*; do ln -sf $(readlink -f $f) runs/mix17/shards/$(basename $f); done
       for f in runs/ds_agg/shards/*; do ln -sf $PWD/$f runs/mix17/shards/ds_agg-$(basename $f); done ;;
  ha) train_v5 h runs/mix17 "0 1" ;;
  hb) train_v5 h runs/mix17 "2" ;;
esac
