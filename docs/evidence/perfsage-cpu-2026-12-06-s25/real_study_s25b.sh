# Issue 22, session 25: families XXII / XXIII (test) built and labelled once, then the rules evaluated on them
# (their runs reused, nothing retrained). Call: bash real_study_s25b.sh STEP [ARGS]
set -ex
. docs/evidence/perfsage-cpu-2026-12-05-s24/real_study_s24.sh ""   # names, RULE
E=docs/evidence/perfsage-cpu-2026-12-06-s25
# a trained rule on a test folder (H, default families XXII / XXIII; seeds SEEDS, default all three); $1 new tag,
# $2 its runs (seed appended), $3 dataset, $4 extra flags; run folders runs/psage_${PRE}<tag>_s<seed>, PRE default
# rs25 (session 26 sets rs26)
ev25() {
  local h=${H:-heldoutXXIIXXIII}
  for s in ${SEEDS:-0 1 2}; do
    W=runs/psage_${PRE:-rs25}$1_s$s; mkdir -p $W
    cp runs/real_shared/labels.json $W/real_labels.json
    cp runs/$h/labels.json $W/heldout_labels.json
    python -m experiments.perfsage --dataset $3 --real-study --epochs 60 --no-prior-variant \
      --node-variants stacked --forest-target ratio --heldout runs/$h/models \
      --no-progress --model-seed $s --reuse $2_s$s --workdir $W $RULE $4
  done
}
case $1 in
  fam) python -m experiments.perfsage_heldout --workdir runs/heldout_s25 --no-progress \
         --models $(names SESSION25) $(names SESSION25B)
       for k in 0 1; do python docs/evidence/perfsage-cpu-2026-12-05-s24/label_all.py runs/heldout_s25 $k/2 & done; wait
       python docs/evidence/perfsage-cpu-2026-12-05-s24/label_all.py runs/heldout_s25 --merge 2
       rm -rf runs/heldoutXXIIXXIII; mkdir -p runs/heldoutXXIIXXIII/models
       ln -sf $PWD/runs/heldout_s25/models/*.tflite runs/heldoutXXIIXXIII/models/
       cp runs/heldout_s25/labels.json runs/heldoutXXIIXXIII/labels.json ;;
  hc) ev25 hcT runs/psage_rs24hc runs/mix17 --forest-context ;;
  i) ev25 iT runs/psage_rs25i runs/mix18 --forest-context ;;
  ir) ev25 irT runs/psage_rs25ir runs/mix18r --forest-context ;;
  e2) ev25 e2T runs/psage_rs24e2 runs/mix15g ;;
esac
