# Issue 22, session 25: the commands behind docs/RESULTS.md "Session 25" (2 CPU cores, shared).
# PREREGISTERED.md (this folder) was committed before any of it ran. Call: bash real_study_s25.sh STEP
set -ex
. docs/evidence/perfsage-cpu-2026-12-05-s24/real_study_s24.sh ""   # names, subset, train_v5, ev, RULE
E=docs/evidence/perfsage-cpu-2026-12-06-s25
CTX="--forest-context"
# a rule trained on $2 and evaluated on V6 (runs/heldoutV6); $1 tag; seeds $3 (train_v5 with V6)
train_v6() {
  for s in ${3:-0 1 2}; do
    W=runs/psage_rs25$1_s$s; R=runs/reuse25$1_s$s; mkdir -p $W $R
    cp runs/real_shared/labels.json $W/real_labels.json
    cp runs/heldoutV6/labels.json $W/heldout_labels.json
    ln -sf $PWD/runs/psage_rs24e2_s$s/predictor_{old,new}.npz $R/
    python -m experiments.perfsage --dataset $2 --real-study --epochs 60 --no-prior-variant \
      --node-variants stacked --forest-target ratio --heldout runs/heldoutV6/models --no-progress \
      --model-seed $s --reuse $R --workdir $W $RULE $CTX
  done
}
link() {  # link every shard of folder $2 (matching $3) into runs/$1/shards as <dsname>-<file>
  mkdir -p runs/$1/shards
  for f in runs/$2/shards/${3:-*}; do ln -sf $(readlink -f $f) runs/$1/shards/$(basename $2)-$(basename $f); done
}
case $1 in
  # V6 = V5 + families XX / XXI; mix18 = mix17 + 200 shuffle graphs (seed 25); mix18r = mix18 + ds_rs's recurrent
  prep) rm -rf runs/heldoutV6; mkdir -p runs/heldoutV6/models
        ln -sf $(readlink -f runs/heldoutV5/models/*.tflite) runs/heldoutV6/models/
        ln -sf $(readlink -f runs/heldoutXXXXI/models/*.tflite) runs/heldoutV6/models/
        python -c "
import json; a = json.load(open('runs/heldoutV5/labels.json')); b = json.load(open('runs/heldoutXXXXI/labels.json'))
assert not set(a) & set(b); json.dump({**a, **b}, open('runs/heldoutV6/labels.json', 'w'), indent=1)"
        python -m experiments.perfsage_dataset --per-space 200 --workers 2 --no-host --no-progress --spaces shuffle \
          --seed 25 --workdir runs/ds_sh
        rm -rf runs/mix18 runs/mix18r
        mkdir -p runs/mix18/shards
        for f in runs/mix17/shards/*; do ln -sf $(readlink -f $f) runs/mix18/shards/$(basename $f); done
        link mix18 ds_sh
        mkdir -p runs/mix18r/shards
        for f in runs/mix18/shards/*; do ln -sf $(readlink -f $f) runs/mix18r/shards/$(basename $f); done
        link mix18r ds_rs 'recurrent_*' ;;
  ia) train_v6 i runs/mix18 "0 1" ;;
  ib) train_v6 i runs/mix18 "2" ;;
  ira) train_v6 ir runs/mix18r "0" ;;
  irb) train_v6 ir runs/mix18r "1 2" ;;
esac
