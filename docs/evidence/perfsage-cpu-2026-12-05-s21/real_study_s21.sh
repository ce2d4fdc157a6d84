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
for s in 0 1 2; do
  W=runs/psage_rs21m_s$s; mkdir -p $W runs/reuse21m_s$s
  cp runs/psage_rs19b_s$s/real_labels.json $W/real_labels.json
  ln -sf $PWD/runs/psage_rs19b_s$s/predictor_{old,new}.npz runs/reuse21m_s$s/
  python -m experiments.perfsage --dataset runs/mix14 --real-study --epochs 60 --no-prior-variant \
    --node-variants stacked --forest-target ratio --forest-base alone \
    --no-progress --model-seed $s --reuse runs/reuse21m_s$s --workdir $W
done
python -m experiments.perfsage_seeds runs/psage_rs21m_s{0,1,2} --out $E/rs21m_validation.md
