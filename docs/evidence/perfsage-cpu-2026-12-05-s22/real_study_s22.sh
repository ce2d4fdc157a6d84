# Issue 22, session 22: the commands behind docs/RESULTS.md "Session 22" (2 CPU cores, shared).
# PREREGISTERED.md (this folder) was committed before any of it ran. Call: bash real_study_s22.sh STEP
set -ex
cd /work/main; . .venv/bin/activate; export JAXEFF_DATA=/work/shared/data
E=docs/evidence/perfsage-cpu-2026-12-05-s22
CAP="PerfSAGE stacked, capped correction (ours)"; PO="per-op sum (nn-Meter forests)"
# rule B's recipe trained on validation only; old / new rows reused from rule B; $1 tag, $2 dataset
train_val() {
  for s in 0 1 2; do
    W=runs/psage_rs22$1_s$s; mkdir -p $W runs/reuse22$1_s$s
    cp runs/psage_rs19b_s$s/real_labels.json $W/real_labels.json
    ln -sf $PWD/runs/psage_rs19b_s$s/predictor_{old,new}.npz runs/reuse22$1_s$s/
    python -m experiments.perfsage --dataset $2 --real-study --epochs 60 --no-prior-variant \
      --node-variants stacked --forest-target ratio --no-progress --model-seed $s \
      --reuse runs/reuse22$1_s$s --workdir $W
  done
}
# a trained rule (its runs reused, nothing retrained) on a held-out folder; $1 tag, $2 runs, $3 folder, $4 dataset
ev() {
  for s in 0 1 2; do
    W=runs/psage_rs22$1_s$s; mkdir -p $W
    cp runs/psage_rs19b_s$s/real_labels.json $W/real_labels.json
    cp runs/$3/labels.json $W/heldout_labels.json
    python -m experiments.perfsage --dataset $4 --real-study --epochs 60 --no-prior-variant \
      --node-variants stacked --forest-target ratio --heldout runs/$3/models \
      --no-progress --model-seed $s --reuse $2_s$s --workdir $W
  done
}
case $1 in
  # section 2: rule B (runs/psage_rs19b) on the 58 V2 held-out models; rule B' on them is session 21's rs21bph
  b58) ev b58 runs/psage_rs19b heldout58 runs/mix14 ;;
esac
case $1 in
  # section 2, rule C's training set: 200 graphs of the new ext space, linked beside mix14f's shards
  ext) python -m experiments.perfsage_dataset --per-space 200 --workers 2 --no-host --spaces ext --workdir runs/ds_ext
       mkdir -p runs/mix15/shards
       for f in runs/mix14f/shards/*; do ln -sf $(readlink -f $f) runs/mix15/shards/$(basename $f); done
       for f in runs/ds_ext/shards/*; do ln -sf $PWD/$f runs/mix15/shards/ds_ext-$(basename $f); done ;;
esac
# rule C: the rule-B recipe trained on mix15 (old / new rows reused from rule B) and evaluated on all of V2 at once
train_v2() {  # $1 tag, $2 dataset, $3 held-out folder (default heldout58), $4 extra flags
  for s in 0 1 2; do
    W=runs/psage_rs22$1_s$s; mkdir -p $W runs/reuse22$1_s$s
    cp runs/psage_rs19b_s$s/real_labels.json $W/real_labels.json
    cp runs/${3:-heldout58}/labels.json $W/heldout_labels.json
    ln -sf $PWD/runs/psage_rs19b_s$s/predictor_{old,new}.npz runs/reuse22$1_s$s/
    python -m experiments.perfsage --dataset $2 --real-study --epochs 60 --no-prior-variant \
      --node-variants stacked --forest-target ratio --heldout runs/${3:-heldout58}/models --no-progress \
      --model-seed $s --reuse runs/reuse22$1_s$s --workdir $W $4
  done
}
case $1 in
  c58) train_v2 c58 runs/mix15 ;;
esac
# section 3: a held-out family: build, label once with Vela, link into runs/$3; $1 = names, $2 = build folder
family() {
  python -m experiments.perfsage_heldout --workdir runs/$2 --no-progress --models $1
  python -c "
import json; from jaxeff.gnn.realeval import label_real
json.dump({f'{n}.tflite': label_real(f'runs/$2/models/{n}.tflite') for n in '$1'.split()},
          open('runs/$2/vela_labels.json', 'w'), indent=1)"
  mkdir -p runs/$3/models; ln -sf $PWD/runs/$2/models/*.tflite runs/$3/models/
  cp runs/$2/vela_labels.json runs/$3/labels.json
}
# the model names of a session tuple of experiments.perfsage_heldout; $1 = its name
names() { python -c "import experiments.perfsage_heldout as ph; print(' '.join(getattr(ph, '$1', ())))"; }
# one folder of two held-out folders (links and merged labels); $1 = new folder, $2 $3 = folders
union() {
  mkdir -p runs/$1/models
  for f in runs/$2/models/*.tflite runs/$3/models/*.tflite; do
    ln -sf $(readlink -f $f) runs/$1/models/$(basename $f); done
  python -c "
import json, sys; a, b, c = sys.argv[1:]
m = {**json.load(open(f'runs/{b}/labels.json')), **json.load(open(f'runs/{c}/labels.json'))}
json.dump(m, open(f'runs/{a}/labels.json', 'w'), indent=1)" $1 $2 $3
}
XI=$(names SESSION22)
XII=$(names SESSION22B)
case $1 in
  fam) family "$XI" perfsage_heldout_s22 heldoutXI
       family "$XII" perfsage_heldout_s22b heldoutXII
       union heldoutXIXII heldoutXI heldoutXII ;;
  # rules B, B', C (every predictor reused, nothing retrained) on families XI and XII
  # (run as three processes, two at a time)
  testB) ev bT runs/psage_rs19b heldoutXIXII runs/mix14 ;;
  testBp) ev bpT runs/psage_rs21bp heldoutXIXII runs/mix14f ;;
  testC) ev cT runs/psage_rs22c58 heldoutXIXII runs/mix15 ;;
esac
# addendum 3: V3 = V2 + families XI / XII (runs/heldout66, linked), rule D trained on mix15 and evaluated on V3
case $1 in
  v3) union heldout66 heldout58 heldoutXIXII ;;
  d66) train_v2 d66 runs/mix15 heldout66 --forest-lowered ;;
esac
# addendum 3: families XIII / XIV (the helpers' commits 4276d39, a7ea5c4), labelled once with Vela, in one folder
XIII=$(names SESSION22C)
XIV=$(names SESSION22D)
case $1 in
  fam2) family "$XIII" perfsage_heldout_s22c heldoutXIII
        family "$XIV" perfsage_heldout_s22d heldoutXIV
        union heldoutXIIIXIV heldoutXIII heldoutXIV ;;
  # rules C-U and D (their runs reused, nothing retrained) on families XIII / XIV
  test2C) ev cT2 runs/psage_rs22c58 heldoutXIIIXIV runs/mix15 ;;
  test2D) ev dT2 runs/psage_rs22d66 heldoutXIIIXIV "runs/mix15 --forest-lowered" ;;
esac
# addendum 4: V4 = V3 + families XIII / XIV (runs/heldout74, linked); rule E trained on mix15 and evaluated on V4
case $1 in
  v4) union heldout74 heldout66 heldoutXIIIXIV ;;
  e74) train_v2 e74 runs/mix15 heldout74 "--forest-lowered --forest-resize" ;;
esac
# addendum 4: families XV / XVI (the helpers' branches fam15, fam16), labelled once with Vela, in one folder
XV=$(names SESSION22E)
XVI=$(names SESSION22F)
case $1 in
  fam16) family "$XVI" perfsage_heldout_s22f heldoutXVI ;;
  fam15) family "$XV" perfsage_heldout_s22e heldoutXV
         union heldoutXVXVI heldoutXV heldoutXVI ;;
  # rules D and E (their runs reused, nothing retrained) on families XV / XVI
  test3D) ev dT3 runs/psage_rs22d66 heldoutXVXVI "runs/mix15 --forest-lowered" ;;
  test3E) ev eT3 runs/psage_rs22e74 heldoutXVXVI "runs/mix15 --forest-lowered --forest-resize" ;;
esac
