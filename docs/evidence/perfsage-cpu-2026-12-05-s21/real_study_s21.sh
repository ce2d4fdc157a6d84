# Issue 22, session 21: the commands behind docs/RESULTS.md "Session 21" (2 CPU cores, shared).
# PREREGISTERED.md: measurements A-C and rule M were committed before what they govern ran.
set -ex
cd /work/main; . .venv/bin/activate; export JAXEFF_DATA=/work/shared/data
E=docs/evidence/perfsage-cpu-2026-12-05-s21
R=runs/psage_rs19b_s0,runs/psage_rs19b_s1,runs/psage_rs19b_s2
V=$JAXEFF_DATA/tflite
VAL="$V/ML-examples__cnn_l_quantized.tflite $V/ML-examples__cnn_m_quantized.tflite $V/ML-examples__cnn_s_quantized.tflite
 $V/ML-examples__dnn_l_quantized.tflite $V/ML-examples__dnn_s_quantized.tflite $V/ML-examples__ds_cnn_l_quantized.tflite
 $V/ML-examples__ds_cnn_m_quantized.tflite $V/ML-examples__ds_cnn_s_quantized.tflite $V/test_data__keras_lstm_mnist_ptq.tflite
 $V/test_data__mobilenet_v1_0.25_128_quant.tflite $V/tflite-micro__micro_speech_quantized.tflite"
# rule B's recipe (ratio forests, stacked GNN, capped correction) trained on validation only; old / new rows reused
# from rule B; $1 = run tag, $2 = dataset, $3 = extra flags
train_val() {
  for s in 0 1 2; do
    W=runs/psage_rs21$1_s$s; mkdir -p $W runs/reuse21$1_s$s
    cp runs/psage_rs19b_s$s/real_labels.json $W/real_labels.json
    ln -sf $PWD/runs/psage_rs19b_s$s/predictor_{old,new}.npz runs/reuse21$1_s$s/
    python -m experiments.perfsage --dataset $2 --real-study --epochs 60 --no-prior-variant \
      --node-variants stacked --forest-target ratio $3 \
      --no-progress --model-seed $s --reuse runs/reuse21$1_s$s --workdir $W
  done
}
# a held-out family: build, label once with Vela, link into runs/$3; $1 = names, $2 = build folder
family() {
  python -m experiments.perfsage_heldout --workdir runs/$2 --no-progress --models $1
  python -c "
import json; from jaxeff.gnn.realeval import label_real
json.dump({f'{n}.tflite': label_real(f'runs/$2/models/{n}.tflite') for n in '$1'.split()},
          open('runs/$2/vela_labels.json', 'w'), indent=1)"
  mkdir -p runs/$3/models; ln -sf $PWD/runs/$2/models/*.tflite runs/$3/models/
  cp runs/$2/vela_labels.json runs/$3/labels.json
}
# one folder of several held-out folders; $1 = new folder, the rest = folders
merge() {
  out=$1; shift; mkdir -p runs/$out/models
  for d in "$@"; do for f in runs/$d/models/*.tflite; do
    ln -sf $(readlink -f $f) runs/$out/models/$(basename $f); done; done
  python -c "
import json, sys; m = {}
for d in sys.argv[2:]: m.update(json.load(open(f'runs/{d}/labels.json')))
json.dump(m, open(f'runs/{sys.argv[1]}/labels.json', 'w'), indent=1)" $out "$@"
}
# measurement A (training twins), B (kernels alone: validation, then the 50 test models), C (per-op error split)
(cd $E && PYTHONPATH=../../.. python additivity.py A ../../../runs/mix14 > additivity_A.md)
PYTHONPATH=. python $E/additivity.py B $E/additivity_B_validation.json $VAL
PYTHONPATH=. python $E/additivity.py B $E/additivity_B_test.json runs/heldout46/models/*.tflite runs/heldoutVIII/models/*.tflite
PYTHONPATH=. python $E/additivity.py report $E/additivity_B_validation.json > $E/additivity_B_validation.md
PYTHONPATH=. python $E/additivity.py report $E/additivity_B_validation.json $E/additivity_B_test.json > $E/additivity_B.md
SETS=$(python -c "
import experiments.perfsage_heldout as ph
S={'families_III':ph.SESSION19,'families_IV':ph.SESSION19B,'families_V':ph.SESSION19C,'families_VI':ph.SESSION20,
   'families_VII':ph.SESSION20B,'families_VIII':ph.SESSION20C,'session-17_eight':ph.SESSION17,'session-18_three':ph.SESSION18}
used=set(sum(S.values(),())); S={'17_earlier':tuple(m for m in ph.MODELS if m not in used and m not in ph.SESSION21), **S}
S['all_50_test']=tuple(m for m in ph.MODELS if m not in ph.SESSION21)
print(' '.join(k+'='+','.join(m+'.tflite' for m in v) for k,v in S.items()))")
VN=$(python -c "import json;print(','.join(json.load(open('$E/additivity_B_validation.json'))))")
PYTHONPATH=. python $E/additivity.py C $R $E/additivity_B_validation.json,$E/additivity_B_test.json validation=$VN $SETS > $E/additivity_C.md
# rule M: every kernel of the 1,400 mix14 graphs compiled alone (two processes), then the stacked GNN on
# forests fit on those costs; old / new rows reused from rule B; validation only (no --heldout) first
python -m experiments.perfsage_alone runs/mix14 --part 0/2 & python -m experiments.perfsage_alone runs/mix14 --part 1/2; wait
train_val m runs/mix14 "--forest-base alone"
# families IX (addendum 2; built by the helper's commits ae9c3af..001ff53), labelled once with Vela
IX="deeplabv3_mnv2_513 erfnet_512x256 ssdlite_mnv2_320 mobilefacenet_112"
family "$IX" perfsage_heldout_s21 heldoutIX
# the 50 earlier test models plus families IX in one folder (for rule M)
merge heldout54 heldout46 heldoutVIII heldoutIX
# addendum 3: rule B (every row reused) on families IX; rule M (its runs reused) on all 54
ev() {  # $1 tag, $2 reused runs, $3 folder, $4 extra flags
  for s in 0 1 2; do
    W=runs/psage_rs21$1_s$s; mkdir -p $W
    cp runs/psage_rs19b_s$s/real_labels.json $W/real_labels.json
    cp runs/$3/labels.json $W/heldout_labels.json
    python -m experiments.perfsage --dataset ${DS:-runs/mix14} --real-study --epochs 60 --no-prior-variant \
      --node-variants stacked --forest-target ratio $4 --heldout runs/$3/models \
      --no-progress --model-seed $s --reuse $2_s$s --workdir $W
  done
}
ev ix runs/psage_rs19b heldoutIX ""
ev mh runs/psage_rs21m heldout54 "--forest-base alone"
CAP="PerfSAGE stacked, capped correction (ours)"; PO="per-op sum (nn-Meter forests)"
python -m experiments.perfsage_seeds runs/psage_rs21m_s{0,1,2} --a "$CAP" --b "$PO" --out $E/rs21m_validation.md
python -m experiments.perfsage_seeds runs/psage_rs21ix_s{0,1,2} --a "$CAP" --b "$PO" --out $E/fam9_latency.md
python -m experiments.perfsage_seeds runs/psage_rs21ix_s{0,1,2} --targets u55_sram_kib u65_sram_kib \
  --a "Vela memory rules (no learning)" --b "liveness peak (planner, no learning)" --out $E/fam9_sram.md
python -m experiments.perfsage_seeds runs/psage_rs21mh_s{0,1,2} --only $IX --a "$CAP" --b "$PO" --out $E/rs21m_fam9_latency.md
python -m experiments.perfsage_seeds runs/psage_rs21mh_s{0,1,2} --drop $IX --a "$CAP" --b "$PO" --out $E/rs21m_all50_latency.md
# after the families IX outcomes: measurements B and C on them (diagnostic), and the per-op sum by kernel type
PYTHONPATH=. python $E/additivity.py B $E/additivity_B_fam9.json runs/heldoutIX/models/*.tflite
PYTHONPATH=. python $E/additivity.py report $E/additivity_B_fam9.json > $E/additivity_B_fam9.md
PYTHONPATH=. python $E/additivity.py C $R $E/additivity_B_fam9.json \
  families_IX=deeplabv3_mnv2_513.tflite,erfnet_512x256.tflite,ssdlite_mnv2_320.tflite,mobilefacenet_112.tflite > $E/additivity_C_fam9.md
PYTHONPATH=. python $E/additivity.py types runs/psage_rs19b_s0 $E/additivity_B_fam9_fixed.json deeplabv3_mnv2_513.tflite \
  erfnet_512x256.tflite ssdlite_mnv2_320.tflite mobilefacenet_112.tflite > $E/fam9_by_type.md
# addendum 4 (rule B'): mix14's per-op labels with the fixed attribution (totals checked), then rule B retrained on
# them (old / new rows reused); validation first, then families X (addendum 5) and IX / the 50 earlier (seen)
PYTHONPATH=. python $E/relabel_ops.py runs/mix14 runs/mix14f 0/2 & PYTHONPATH=. python $E/relabel_ops.py runs/mix14 runs/mix14f 1/2; wait
train_val bp runs/mix14f ""
python -m experiments.perfsage_seeds runs/psage_rs21bp_s{0,1,2} --a "$CAP" --b "$PO" --out $E/rs21bp_validation.md
# measurements B and C again with the fixed attribution (the first files are kept)
VAL=$(python -c "import json;print(' '.join(v['path'] for v in json.load(open('$E/additivity_B_validation.json')).values()))")
PYTHONPATH=. python $E/additivity.py B $E/additivity_B_validation_fixed.json $VAL
PYTHONPATH=. python $E/additivity.py B $E/additivity_B_test_fixed.json runs/heldout46/models/*.tflite runs/heldoutVIII/models/*.tflite
PYTHONPATH=. python $E/additivity.py B $E/additivity_B_fam9_fixed.json runs/heldoutIX/models/*.tflite
PYTHONPATH=. python $E/additivity.py report $E/additivity_B_validation_fixed.json $E/additivity_B_test_fixed.json \
  $E/additivity_B_fam9_fixed.json > $E/additivity_B_fixed.md
PYTHONPATH=. python $E/additivity.py C $R $E/additivity_B_validation_fixed.json,$E/additivity_B_test_fixed.json,$E/additivity_B_fam9_fixed.json \
  validation=$VN $SETS families_IX=deeplabv3_mnv2_513.tflite,erfnet_512x256.tflite,ssdlite_mnv2_320.tflite,mobilefacenet_112.tflite \
  > $E/additivity_C_fixed.md
# families X (addendum 5; the helper's commits adcfad0..6eeebaf), labelled once with Vela, then rule B (every row
# reused) on them and rule B' (its runs reused, on mix14f) on all 58 held-out models
X="mnasnet_b1_224 linknet_512x256 wrn16_4_cifar ssd300_mnv1"
family "$X" perfsage_heldout_s21b heldoutX
merge heldout58 heldout54 heldoutX
ev x runs/psage_rs19b heldoutX ""
DS=runs/mix14f ev bph runs/psage_rs21bp heldout58 ""
