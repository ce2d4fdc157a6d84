# Issue 22, session 34: rebuild rule O's training data (mix22, 3,800 Vela-labelled graphs) and its three predictors
# (runs/psage_rs29o_s{0,1,2}) on a machine that has the held-out models (rebuilt in session 33) but no training data.
# The commands, seeds and names are those of session 24 rebuild.sh / rebuild_fix.sh, session 24 real_study_s24.sh
# (agg), session 25 (shuffle, seed 25), 27 (tiny, 27), 28 (bcast, 28), 29 (longk, 29; dil, 30) and session 28's
# train() for rule O; only the order is new. One deviation: the "old" / "new" predictors that every later rule
# reuses (runs/psage_rs24e2_s*/predictor_{old,new}.npz) are trained by a run of rule E''s command on mix15g without
# its stacked variant (--node-variants stacked) and without a held-out folder: their fit config and data are the
# same, and the stacked E' row is used by nothing after session 24.
# Call (repo root, venv on, JAXEFF_DATA set): bash docs/evidence/perfsage-cpu-2026-12-06-s34/rebuild_s34.sh STEP [SEEDS]
#   data: the 14 datasets (resumable) and the links mix15g / mix22; v13: session 29's V13 held-out folder (the
#   first 198 registered held-out models, as a subset of runs/heldout_all); e2 SEEDS; o SEEDS; chain S: e2 then o
#   for seed S; all: data, v13, then the three seeds' chains at once (3 processes on 2 cores)
set -ex
cd /work/main
E=docs/evidence/perfsage-cpu-2026-12-06-s34
ds() { python -m experiments.perfsage_dataset --workers 2 --no-host --no-progress --workdir runs/$1 "${@:2}"; }
lnk() {  # lnk MIX DS [GLOB]: link DS's shards into runs/MIX/shards as DS-<file>
  mkdir -p runs/$1/shards
  for f in runs/$2/shards/${3:-*}; do ln -sf $(readlink -f $f) runs/$1/shards/$2-$(basename $f); done
}
case $1 in
  data)
    date -u
    ds ds_base --per-space 150
    ds ds_mk --per-space 100 --spaces mobilenet kws
    ds ds_edge --per-space 100 --spaces edge
    ds ds_up --per-space 100 --spaces upsample
    ds ds_fd --per-space 100 --spaces families detect
    ds ds_plain --per-space 200 --spaces plain
    ds ds_ext --per-space 200 --spaces ext
    rm -rf runs/mix15g; for d in ds_base ds_mk ds_edge ds_up ds_fd ds_plain ds_ext; do lnk mix15g $d; done
    date -u
    ds ds_silu --per-space 200 --spaces silu
    ds ds_agg --per-space 200 --spaces agg
    ds ds_sh --per-space 200 --spaces shuffle --seed 25
    ds ds_tiny --per-space 400 --spaces tiny --seed 27
    ds ds_bcast --per-space 400 --spaces bcast --seed 28
    ds ds_longk --per-space 400 --spaces longk --seed 29
    ds ds_dil --per-space 400 --spaces dil --seed 30
    rm -rf runs/mix22; for d in ds_base ds_mk ds_edge ds_up ds_fd ds_plain ds_ext ds_silu ds_agg ds_sh; do lnk mix22 $d; done
    for d in ds_tiny ds_bcast ds_longk ds_dil; do lnk mix22 $d '*.npz'; done
    ls runs/mix15g/shards | sed 's/-.*//' | sort | uniq -c
    ls runs/mix22/shards | sed 's/-.*//' | sort | uniq -c
    date -u ;;
  v13)
    rm -rf runs/heldoutV13; mkdir -p runs/heldoutV13/models
    python -c "
import json, os
import experiments.perfsage_heldout as ph
keys = list(ph.MODELS)
v13 = {k + '.tflite' for k in keys[:keys.index(ph.SESSION29C[0])]}
lab = json.load(open('runs/heldout_all/labels.json'))
out = {k: v for k, v in lab.items() if k in v13}
for k in out:
    os.symlink(os.path.realpath(f'runs/heldout_all/models/{k}'), f'runs/heldoutV13/models/{k}')
json.dump(out, open('runs/heldoutV13/labels.json', 'w'), indent=1)
print(len(out), 'held-out models (V13)')" ;;
  e2)
    for s in $2; do
      W=runs/psage_rs24e2_s$s; mkdir -p $W
      cp runs/real_shared/labels.json $W/real_labels.json
      python -m experiments.perfsage --dataset runs/mix15g --real-study --epochs 60 --no-prior-variant \
        --forest-target ratio --no-progress --model-seed $s --workdir $W --forest-lowered --forest-resize
    done ;;
  o)
    . docs/evidence/perfsage-cpu-2026-12-06-s28/real_study_s28.sh ""   # train (rule K's command + --forest-padded)
    export PRE=rs29
    train o mix22 heldoutV13 "$2" 32 ;;
  chain)
    bash $E/rebuild_s34.sh e2 $2 > runs/s34_e2_s$2.log 2>&1
    bash $E/rebuild_s34.sh o $2 > runs/s34_o_s$2.log 2>&1 ;;
  all)
    bash $E/rebuild_s34.sh data > runs/s34_data.log 2>&1
    bash $E/rebuild_s34.sh v13 > runs/s34_v13.log 2>&1
    for s in 0 1 2; do bash $E/rebuild_s34.sh chain $s & done; wait
    date -u ;;
esac
