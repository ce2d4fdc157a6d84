# Issue 22, session 27: the commands behind docs/RESULTS.md "Session 27" (2 CPU cores, shared).
# PREREGISTERED.md (this folder) was committed before any of it ran. Call: bash real_study_s27.sh STEP [SEEDS]
set -ex
. docs/evidence/perfsage-cpu-2026-12-06-s25/real_study_s25b.sh ""   # names, RULE, ev25 (H, SEEDS, PRE), fam_build
E=docs/evidence/perfsage-cpu-2026-12-06-s27
export PRE=rs27
case $1 in
  # the tiny space's 400 graphs (seed 27) and mix19 = mix18 + them
  tiny) python -m experiments.perfsage_dataset --per-space 400 --workers 2 --no-host --no-progress --spaces tiny \
          --seed 27 --workdir runs/ds_tiny
        rm -rf runs/mix19; mkdir -p runs/mix19/shards
        for f in runs/mix18/shards/*; do ln -sf $(readlink -f $f) runs/mix19/shards/$(basename $f); done
        for f in runs/ds_tiny/shards/*.npz; do ln -sf $(readlink -f $f) runs/mix19/shards/ds_tiny-$(basename $f); done ;;
  # rule K: rule I's training command (session 25 train_v6) on mix19, V8 held out ($2: the seeds of this process)
  k) for s in $2; do
       W=runs/psage_rs27k_s$s; R=runs/reuse27k_s$s; mkdir -p $W $R
       cp runs/real_shared/labels.json $W/real_labels.json
       cp runs/heldoutV8/labels.json $W/heldout_labels.json
       ln -sf $PWD/runs/psage_rs24e2_s$s/predictor_{old,new}.npz $R/
       python -m experiments.perfsage --dataset runs/mix19 --real-study --epochs 60 --no-prior-variant \
         --node-variants stacked --forest-target ratio --heldout runs/heldoutV8/models --no-progress \
         --model-seed $s --reuse $R --workdir $W $RULE --forest-context
     done ;;
  # rule K on families XXVII (read in session 26; an extra row only, PREREGISTERED section 0)
  k27) H=heldoutXXVII SEEDS="$2" ev25 k27 runs/psage_rs27k runs/mix19 --forest-context ;;
  # families XXVIII (test), built and labelled once; then K and I (with rule J's rows) on them
  fam28) fam_build heldout_s27 heldoutXXVIII $(names SESSION27A) $(names SESSION27B) ;;
  tk) H=heldoutXXVIII SEEDS="$2" ev25 k28 runs/psage_rs27k runs/mix19 --forest-context ;;
  ti) H=heldoutXXVIII SEEDS="$2" ev25 i28 runs/psage_rs25i runs/mix18 --forest-context ;;
  # addendum 2: families XXIX (test of the rule chosen on V9), built and labelled once; then K and I on them
  fam29) fam_build heldout_s27b heldoutXXIX $(names SESSION27C) $(names SESSION27D) ;;
  tk29) H=heldoutXXIX SEEDS="$2" ev25 k29 runs/psage_rs27k runs/mix19 --forest-context ;;
  ti29) H=heldoutXXIX SEEDS="$2" ev25 i29 runs/psage_rs25i runs/mix18 --forest-context ;;
esac
