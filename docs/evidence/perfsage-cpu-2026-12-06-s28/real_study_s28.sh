# Issue 22, session 28: the commands behind docs/RESULTS.md "Session 28" (2 CPU cores, shared).
# PREREGISTERED.md (this folder) was committed before any of it ran. Call: bash real_study_s28.sh STEP [SEEDS] [G]
set -ex
. docs/evidence/perfsage-cpu-2026-12-06-s25/real_study_s25b.sh ""   # names, RULE, ev25 (H, SEEDS, PRE), fam_build
E=docs/evidence/perfsage-cpu-2026-12-06-s28
export PRE=rs28
case $1 in
  # section 2A: G from the forests' per-op sum on V10
  pad) PYTHONPATH=. python $E/forest_pad28.py > $E/forest_pad28.txt ;;
  # V10's held-out models as one folder (links and merged labels; the 11 shared models come with every run)
  v10) rm -rf runs/heldoutV10; mkdir -p runs/heldoutV10/models
       python -c "
import json, os
out = {}
for h in ('heldoutV8', 'heldoutXXVII', 'heldoutXXVIII', 'heldoutXXIX'):
    lab = json.load(open(f'runs/{h}/labels.json'))
    assert not set(lab) & set(out), h
    out.update(lab)
    for k in lab:
        os.symlink(os.path.realpath(f'runs/{h}/models/{k}'), f'runs/heldoutV10/models/{k}')
json.dump(out, open('runs/heldoutV10/labels.json', 'w'), indent=1)
print(len(out), 'held-out models')" ;;
  # section 2B: rule L = rule K's command + --forest-padded G ($2: the seeds of this process, $3: G), V10 held out
  l) for s in $2; do
       W=runs/psage_rs28l_s$s; R=runs/reuse28l_s$s; mkdir -p $W $R
       cp runs/real_shared/labels.json $W/real_labels.json
       cp runs/heldoutV10/labels.json $W/heldout_labels.json
       ln -sf $PWD/runs/psage_rs24e2_s$s/predictor_{old,new}.npz $R/
       python -m experiments.perfsage --dataset runs/mix19 --real-study --epochs 60 --no-prior-variant \
         --node-variants stacked --forest-target ratio --heldout runs/heldoutV10/models --no-progress \
         --model-seed $s --reuse $R --workdir $W $RULE --forest-context --forest-padded $3
     done ;;
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
  v11) rm -rf runs/heldoutV11; mkdir -p runs/heldoutV11/models
       python -c "
import json, os
out = {}
for h in ('heldoutV10', 'heldoutXXX'):
    lab = json.load(open(f'runs/{h}/labels.json'))
    assert not set(lab) & set(out), h
    out.update(lab)
    for k in lab:
        os.symlink(os.path.realpath(f'runs/{h}/models/{k}'), f'runs/heldoutV11/models/{k}')
json.dump(out, open('runs/heldoutV11/labels.json', 'w'), indent=1)
print(len(out), 'held-out models')" ;;
  # addendum 1: rule M = rule L's command on mix20 ($2: the seeds of this process), V11 held out
  m) for s in $2; do
       W=runs/psage_rs28m_s$s; R=runs/reuse28m_s$s; mkdir -p $W $R
       cp runs/real_shared/labels.json $W/real_labels.json
       cp runs/heldoutV11/labels.json $W/heldout_labels.json
       ln -sf $PWD/runs/psage_rs24e2_s$s/predictor_{old,new}.npz $R/
       python -m experiments.perfsage --dataset runs/mix20 --real-study --epochs 60 --no-prior-variant \
         --node-variants stacked --forest-target ratio --heldout runs/heldoutV11/models --no-progress \
         --model-seed $s --reuse $R --workdir $W $RULE --forest-context --forest-padded 32
     done ;;
  mchoice) PYTHONPATH=. python $E/choose28.py "L=runs/psage_rs28l_s{s}+runs/psage_rs28l30_s{s}" M=runs/psage_rs28m \
             > $E/choice28_v11.txt ;;
esac
