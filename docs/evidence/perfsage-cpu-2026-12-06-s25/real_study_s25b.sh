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
# build the named models into runs/$1, label each once by Vela (two processes), link them as the held-out folder
# runs/$2 (models/ and labels.json); $3... the model names (sessions 25-26)
fam_build() {
  local w=$1 h=$2; shift 2
  python -m experiments.perfsage_heldout --workdir runs/$w --no-progress --models "$@"
  for k in 0 1; do python docs/evidence/perfsage-cpu-2026-12-05-s24/label_all.py runs/$w $k/2 & done; wait
  python docs/evidence/perfsage-cpu-2026-12-05-s24/label_all.py runs/$w --merge 2
  rm -rf runs/$h; mkdir -p runs/$h/models
  ln -sf $PWD/runs/$w/models/*.tflite runs/$h/models/
  cp runs/$w/labels.json runs/$h/labels.json
}
case $1 in
  fam) fam_build heldout_s25 heldoutXXIIXXIII $(names SESSION25) $(names SESSION25B) ;;
  hc) ev25 hcT runs/psage_rs24hc runs/mix17 --forest-context ;;
  i) ev25 iT runs/psage_rs25i runs/mix18 --forest-context ;;
  ir) ev25 irT runs/psage_rs25ir runs/mix18r --forest-context ;;
  e2) ev25 e2T runs/psage_rs24e2 runs/mix15g ;;
esac
