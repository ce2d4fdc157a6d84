# Issue 22, session 23: the commands behind docs/RESULTS.md "Session 23" (2 CPU cores, shared).
# PREREGISTERED.md (this folder) was committed before any of it ran. Call: bash real_study_s23.sh STEP
set -ex
cd /work/main; . .venv/bin/activate; export JAXEFF_DATA=/work/shared/data
E=docs/evidence/perfsage-cpu-2026-12-05-s23
S22=docs/evidence/perfsage-cpu-2026-12-05-s22
RULE_E="--forest-lowered --forest-resize"
# session 22's family(), names() and union() (sourcing it runs none of its steps)
. $S22/real_study_s22.sh ""
# a rule trained on $2 and evaluated on V4 (runs/heldout74); old / new rows reused from rule B; $1 tag, seeds $3
train_v4() {
  for s in ${3:-0 1 2}; do
    W=runs/psage_rs23$1_s$s; mkdir -p $W runs/reuse23$1_s$s
    cp runs/psage_rs19b_s$s/real_labels.json $W/real_labels.json
    cp runs/heldout74/labels.json $W/heldout_labels.json
    ln -sf $PWD/runs/psage_rs19b_s$s/predictor_{old,new}.npz runs/reuse23$1_s$s/
    python -m experiments.perfsage --dataset $2 --real-study --epochs 60 --no-prior-variant \
      --node-variants stacked --forest-target ratio --heldout runs/heldout74/models --no-progress \
      --model-seed $s --reuse runs/reuse23$1_s$s --workdir $W $RULE_E
  done
}
# a trained rule (its runs reused, nothing retrained) on a held-out folder; $1 tag, $2 runs, $3 folder, $4 dataset
ev() {
  for s in 0 1 2; do
    W=runs/psage_rs23$1_s$s; mkdir -p $W
    cp runs/psage_rs19b_s$s/real_labels.json $W/real_labels.json
    cp runs/$3/labels.json $W/heldout_labels.json
    python -m experiments.perfsage --dataset $4 --real-study --epochs 60 --no-prior-variant \
      --node-variants stacked --forest-target ratio --heldout runs/$3/models \
      --no-progress --model-seed $s --reuse $2_s$s --workdir $W $RULE_E
  done
}
case $1 in
  # section 1: mix15's per-op labels under attribution version 3 (graphs with a CONCATENATION recompiled)
  reattr) for k in 0 1; do python $E/reattribute.py runs/mix15 runs/mix15g $k/2 & done; wait ;;
  # section 2: rule E' (rule E's recipe on mix15g), seeds split over two processes
  e2a) train_v4 e2 runs/mix15g "0 1" ;;
  e2b) train_v4 e2 runs/mix15g "2" ;;
esac
# section 3: families XVII / XVIII (the helpers' branches fam17, fam18), labelled once with Vela, in one folder
case $1 in
  fam17) family "$(names SESSION23)" perfsage_heldout_s23 heldoutXVII ;;
  fam18) family "$(names SESSION23B)" perfsage_heldout_s23b heldoutXVIII
         union heldoutXVIIXVIII heldoutXVII heldoutXVIII ;;
  # rules E and E' (their runs reused, nothing retrained) on families XVII / XVIII
  testE) ev eT runs/psage_rs22e74 heldoutXVIIXVIII runs/mix15 ;;
  testE2) ev e2T runs/psage_rs23e2 heldoutXVIIXVIII runs/mix15g ;;
esac
