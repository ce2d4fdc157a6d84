# Issue 22, session 28: the commands behind docs/RESULTS.md "Session 28" (2 CPU cores, shared).
# PREREGISTERED.md (this folder) was committed before any of it ran. Call: bash real_study_s28.sh STEP [SEEDS] [G]
set -ex
. docs/evidence/perfsage-cpu-2026-12-06-s25/real_study_s25b.sh ""   # names, RULE, ev25 (H, SEEDS, PRE), fam_build
E=docs/evidence/perfsage-cpu-2026-12-06-s28
export PRE=rs28
# runs/$1 = the held-out folders $2... as one (links to their models, their labels merged; no model twice)
merged() {
  local d=$1; shift
  rm -rf runs/$d; mkdir -p runs/$d/models
  python -c "
import json, os, sys
d, out = sys.argv[1], {}
for h in sys.argv[2:]:
    lab = json.load(open(f'runs/{h}/labels.json'))
    assert not set(lab) & set(out), h
    out.update(lab)
    for k in lab:
        os.symlink(os.path.realpath(f'runs/{h}/models/{k}'), f'runs/{d}/models/{k}')
json.dump(out, open(f'runs/{d}/labels.json', 'w'), indent=1)
print(len(out), 'held-out models')" $d "$@"
}
# rule K's command plus --forest-padded $5 on dataset $2 with held-out folder $3; runs runs/psage_$PRE$1_s<seed>
# for the seeds $4 (rule L: mix19, V10; rule M: mix20, V11)
train() {
  for s in $4; do
    W=runs/psage_$PRE$1_s$s; R=runs/reuse${PRE#rs}$1_s$s; mkdir -p $W $R
    cp runs/real_shared/labels.json $W/real_labels.json
    cp runs/$3/labels.json $W/heldout_labels.json
    ln -sf $PWD/runs/psage_rs24e2_s$s/predictor_{old,new}.npz $R/
    python -m experiments.perfsage --dataset runs/$2 --real-study --epochs 60 --no-prior-variant \
      --node-variants stacked --forest-target ratio --heldout runs/$3/models --no-progress \
      --model-seed $s --reuse $R --workdir $W $RULE --forest-context --forest-padded $5
  done
}
case $1 in
  # section 2A: G from the forests' per-op sum on V10
  pad) PYTHONPATH=. python $E/forest_pad28.py > $E/forest_pad28.txt ;;
  # V10's held-out models as one folder (links and merged labels; the 11 shared models come with every run)
  v10) merged heldoutV10 heldoutV8 heldoutXXVII heldoutXXVIII heldoutXXIX ;;
  # section 2B: rule L = rule K's command + --forest-padded G ($2: the seeds of this process, $3: G), V10 held out
  l) train l mix19 heldoutV10 "$2" $3 ;;
  lchoice) PYTHONPATH=. python $E/choose28.py > $E/choice28.txt ;;
  # section 3: families XXX (test), built and labelled once; then K and L on them ($2 seeds; $3 G for L)
  fam30) fam_build heldout_s28 heldoutXXX $(names SESSION28A) $(names SESSION28B) ;;
  tk30) H=heldoutXXX SEEDS="$2" ev25 k30 runs/psage_rs27k runs/mix19 --forest-context ;;
  tl30) H=heldoutXXX SEEDS="$2" ev25 l30 runs/psage_rs28l runs/mix19 "--forest-context --forest-padded $3" ;;
  # addendum 1: the bcast space's 400 graphs (seed 28), mix20 = mix19 + them, V11 = V10 + XXX as one folder
  bcast) python -m experiments.perfsage_dataset --per-space 400 --workers 2 --no-host --no-progress --spaces bcast \
           --seed 28 --workdir runs/ds_bcast
         rm -rf runs/mix20; mkdir -p runs/mix20/shards
         for f in runs/mix19/shards/*; do ln -sf $(readlink -f $f) runs/mix20/shards/$(basename $f); done
         for f in runs/ds_bcast/shards/*.npz; do ln -sf $(readlink -f $f) runs/mix20/shards/ds_bcast-$(basename $f); done ;;
  v11) merged heldoutV11 heldoutV10 heldoutXXX ;;
  # addendum 1: rule M = rule L's command on mix20 ($2: the seeds of this process), V11 held out
  m) train m mix20 heldoutV11 "$2" 32 ;;
  mchoice) PYTHONPATH=. python $E/choose28.py "L=runs/psage_rs28l_s{s}+runs/psage_rs28l30_s{s}" M=runs/psage_rs28m \
             > $E/choice28_v11.txt ;;
esac
