# Issue 22, session 20: the commands behind docs/RESULTS.md "Session 20" (2 CPU cores, shared).
# PREREGISTERED.md (6324ee8) and its addendum 1 (871b735) were committed before any of this ran.
set -ex
cd /work/main; . .venv/bin/activate; export JAXEFF_DATA=/work/shared/data
E=docs/evidence/perfsage-cpu-2026-12-05-s20
# the session-19 rule-B predictors (mix14, ratio forests, stacked + capped) on one held-out folder, every row
# reused, nothing retrained; $1 = run tag, $2 = folder under runs/ (models/, labels.json), $3 = family number
A="Vela memory rules (no learning)"; B="liveness peak (planner, no learning)"
rule_b_on() {
  for s in 0 1 2; do
    W=runs/psage_rs20$1_s$s; mkdir -p $W
    cp runs/psage_rs18_m12_s$s/real_labels.json $W/real_labels.json
    cp runs/$2/labels.json $W/heldout_labels.json
    python -m experiments.perfsage --dataset runs/mix14 --real-study --epochs 60 --no-prior-variant \
      --node-variants stacked --forest-target ratio --heldout runs/$2/models \
      --no-progress --model-seed $s --reuse runs/psage_rs19b_s$s --workdir $W
  done
  python -m experiments.perfsage_seeds runs/psage_rs20$1_s{0,1,2} --out $E/fam$3_latency.md
  python -m experiments.perfsage_seeds runs/psage_rs20$1_s{0,1,2} --targets u55_sram_kib u65_sram_kib \
    --a "$A" --b "$B" --out $E/fam$3_sram.md
}
# rule G: the legacy slack rule against the own-cycles rule (training split, then validation)
PYTHONPATH=. python $E/rule_g.py fit $E/rule_g_fit.md
PYTHONPATH=. python $E/rule_g.py val $E/rule_g_val.md
# families VI: build (f2b9329), label once with Vela
python -m experiments.perfsage_heldout --workdir runs/perfsage_heldout_s20 --no-progress \
  --models resnet34_224 mobilenet_v2_1.4_224 squeezenet_1.0_224 darknet19_224
python -c "
import json; from jaxeff.gnn.realeval import label_real
json.dump({f'{n}.tflite': label_real(f'runs/perfsage_heldout_s20/models/{n}.tflite')
           for n in ('resnet34_224', 'mobilenet_v2_1.4_224', 'squeezenet_1.0_224', 'darknet19_224')},
          open('runs/perfsage_heldout_s20/vela_labels.json', 'w'), indent=1)"
mkdir -p runs/heldoutVI/models; ln -sf $PWD/runs/perfsage_heldout_s20/models/*.tflite runs/heldoutVI/models/
cp runs/perfsage_heldout_s20/vela_labels.json runs/heldoutVI/labels.json
# rule I: the session-19 rule-B predictors, every row reused, nothing retrained
rule_b_on i heldoutVI 6
PYTHONPATH=. python $E/rule_g.py test $E/fam6_sram_rules.md runs/heldoutVI
# rule J (addendum 2): arithmetic-mean leaves. Development check on the mix14 validation split, then
# mix14 runs with the stacked GNN retrained (old / new reused from rule B), all 42 test models
# evaluated in the same runs (their numbers read only after rule J is decided on validation)
PYTHONPATH=. python $E/rule_j_dev.py $E/rule_j_dev.md
mkdir -p runs/heldout42/models
for f in runs/heldout35/models/*.tflite runs/heldoutV/models/*.tflite runs/heldoutVI/models/*.tflite; do
  ln -sf $(readlink -f $f) runs/heldout42/models/$(basename $f); done
python -c "
import json; m = {}
for f in ('runs/heldout35/labels.json', 'runs/heldoutV/labels.json', 'runs/heldoutVI/labels.json'):
    m.update(json.load(open(f)))
json.dump(m, open('runs/heldout42/labels.json', 'w'), indent=1)"
for s in 0 1 2; do
  W=runs/psage_rs20j_s$s; mkdir -p $W runs/reuse20j_s$s
  cp runs/psage_rs18_m12_s$s/real_labels.json $W/real_labels.json
  cp runs/heldout42/labels.json $W/heldout_labels.json
  ln -sf $PWD/runs/psage_rs19b_s$s/predictor_{old,new}.npz runs/reuse20j_s$s/
  python -m experiments.perfsage --dataset runs/mix14 --real-study --epochs 60 --no-prior-variant \
    --node-variants stacked --forest-target ratio_mean --heldout runs/heldout42/models --no-progress \
    --model-seed $s --reuse runs/reuse20j_s$s --workdir $W
done
# summaries (rule J decided on the Validation section of rs20j_all42_latency.md before its held-out rows were read)
S17="shufflenet_v2_0.5_224 shufflenet_v2_1.0_224 gru_kws_49x10 crnn_kws_49x10 squeezenet_1.1_224 googlenet_224 mobilenet_v3_small_224 mobilenet_v3_large_224"
S18="densenet121_224 vgg11_cifar tiny_yolov2_416"; S19="resnet18_224 resnet50_224 efficientnet_b0_224"
S19B="mobilenet_v1_1.0_224 tiny_yolov3_416 inception_v3_299 pilotnet_66x200"; S19C="ghostnet_1.0_224 mnasnet_a1_224 xception_299"
S20="resnet34_224 mobilenet_v2_1.4_224 squeezenet_1.0_224 darknet19_224"
python -m experiments.perfsage_seeds runs/psage_rs20j_s{0,1,2} --out $E/rs20j_all42_latency.md
python -m experiments.perfsage_seeds runs/psage_rs20j_s{0,1,2} --only $S20 --out $E/rs20j_fam6_latency.md
for pair in "17:--drop $S17 $S18 $S19 $S19B $S19C $S20" "s17eight:--only $S17" "s18three:--only $S18" \
            "fam3:--only $S19" "fam4:--only $S19B" "fam5:--only $S19C"; do
  python -m experiments.perfsage_seeds runs/psage_rs20j_s{0,1,2} ${pair#*:} --out $E/rs20j_${pair%%:*}_latency.md
done
cp runs/psage_rs20i_s0/report.md $E/rs20i_s0_report.md; cp runs/psage_rs20j_s0/report.md $E/rs20j_s0_report.md
# rule K (addendum 3): the refetch split, fitted on the 500 training graphs, then validation; every test model
PYTHONPATH=.:$E python $E/rule_k.py fit $E/rule_k_fit.md
PYTHONPATH=.:$E python $E/rule_k.py val $E/rule_k_val.md
PYTHONPATH=.:$E python $E/rule_k.py test $E/rule_k_all42.md runs/heldout42
# families VII (addendum 3; built by 111bb97, labelled once with Vela as families VI), the rule-B predictors
# reused (every row), SRAM by the refetch rule (rule K, now velamem's default) and by the own-cycles rule
python -m experiments.perfsage_heldout --workdir runs/perfsage_heldout_s20b --no-progress \
  --models peleenet_224 bn_inception_224 densenet169_224 unet_128
python -c "
import json; from jaxeff.gnn.realeval import label_real
json.dump({f'{n}.tflite': label_real(f'runs/perfsage_heldout_s20b/models/{n}.tflite')
           for n in ('peleenet_224', 'bn_inception_224', 'densenet169_224', 'unet_128')},
          open('runs/perfsage_heldout_s20b/vela_labels.json', 'w'), indent=1)"
mkdir -p runs/heldoutVII/models; ln -sf $PWD/runs/perfsage_heldout_s20b/models/*.tflite runs/heldoutVII/models/
cp runs/perfsage_heldout_s20b/vela_labels.json runs/heldoutVII/labels.json
rule_b_on k heldoutVII 7
PYTHONPATH=.:$E python $E/rule_k.py test $E/fam7_sram_rules.md runs/heldoutVII
cp runs/psage_rs20k_s0/report.md $E/rs20k_s0_report.md
# rule L (addendum 4): concatenation inputs in place, with the refetch rule; then every test model so far
PYTHONPATH=.:$E python $E/rule_l.py train $E/rule_l_train.md
PYTHONPATH=.:$E python $E/rule_l.py val $E/rule_l_val.md
mkdir -p runs/heldout46/models
for f in runs/heldout42/models/*.tflite runs/heldoutVII/models/*.tflite; do
  ln -sf $(readlink -f $f) runs/heldout46/models/$(basename $f); done
python -c "
import json; m = json.load(open('runs/heldout42/labels.json')); m.update(json.load(open('runs/heldoutVII/labels.json')))
json.dump(m, open('runs/heldout46/labels.json', 'w'), indent=1)"
PYTHONPATH=.:$E python $E/rule_l.py test $E/rule_l_all46.md runs/heldout46
# families VIII (addendum 4; built by ea2f0c9, labelled once with Vela as families VI / VII): the rule-B predictors
# reused (every row); SRAM by the rules K + L (velamem's default) and, for the record, K alone and the own rule
python -m experiments.perfsage_heldout --workdir runs/perfsage_heldout_s20c --no-progress \
  --models hardnet68_224 yolov4_tiny_416 inception_v4_299 ghostnet_1.3_224
python -c "
import json; from jaxeff.gnn.realeval import label_real
json.dump({f'{n}.tflite': label_real(f'runs/perfsage_heldout_s20c/models/{n}.tflite')
           for n in ('hardnet68_224', 'yolov4_tiny_416', 'inception_v4_299', 'ghostnet_1.3_224')},
          open('runs/perfsage_heldout_s20c/vela_labels.json', 'w'), indent=1)"
mkdir -p runs/heldoutVIII/models; ln -sf $PWD/runs/perfsage_heldout_s20c/models/*.tflite runs/heldoutVIII/models/
cp runs/perfsage_heldout_s20c/vela_labels.json runs/heldoutVIII/labels.json
rule_b_on l heldoutVIII 8
PYTHONPATH=.:$E python $E/rule_l.py test $E/fam8_sram_rules_l.md runs/heldoutVIII
PYTHONPATH=.:$E python $E/rule_k.py test $E/fam8_sram_rules_k.md runs/heldoutVIII
cp runs/psage_rs20l_s0/report.md $E/rs20l_s0_report.md
