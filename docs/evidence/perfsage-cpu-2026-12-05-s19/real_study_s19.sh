# Issue 22, session 19: the commands behind docs/RESULTS.md "Session 19" (2 CPU cores, shared).
# PREREGISTERED.md was committed (6b2183f) before any of this ran.
set -ex
cd /work/main; . .venv/bin/activate; export JAXEFF_DATA=/work/shared/data
E=docs/evidence/perfsage-cpu-2026-12-05-s19
# 0. data. runs/mix12 as in sessions 16-18 (real_study_s16.sh); the plain space (B):
python -m experiments.perfsage_dataset --per-space 200 --workers 2 --no-host --spaces plain --workdir runs/ds_plain
mkdir -p runs/mix14/shards
for f in runs/mix12/shards/*; do ln -sf $(readlink -f $f) runs/mix14/shards/$(basename $f); done
for f in runs/ds_plain/shards/*; do ln -sf $PWD/$f runs/mix14/shards/ds_plain-$(basename $f); done
# held-out families III (C), built after the pre-registration, labelled once by Vela
python -m experiments.perfsage_heldout --workdir runs/perfsage_heldout_s19 --no-progress \
  --models resnet18_224 resnet50_224 efficientnet_b0_224
# all 31 test models in one folder; their Vela labels (deterministic) copied from the
# earlier runs' caches so that each run below does not re-run Vela on them
mkdir -p runs/heldout31/models
for f in runs/heldout25/models/*.tflite runs/perfsage_heldout_s18/models/*.tflite \
         runs/perfsage_heldout_s19/models/*.tflite; do ln -sf $PWD/$f runs/heldout31/models/; done
python - <<'PY'
import json
from jaxeff.gnn.realeval import label_real
m = {**json.load(open("runs/psage_rs18_m12_s0/heldout_labels.json")),
     **json.load(open("runs/psage_rs18h3_m12_s0/heldout_labels.json"))}
for n in ("resnet18_224", "resnet50_224", "efficientnet_b0_224"):
    m[f"{n}.tflite"] = label_real(f"runs/perfsage_heldout_s19/models/{n}.tflite")
json.dump(m, open("runs/heldout31/labels.json", "w"), indent=1)
PY
# study: $1 = tag, $2 = dataset, $3 = forest target; old / new rows reused where the data are the same
study() {
  for s in 0 1 2; do
    W=runs/psage_rs19$1_s$s; mkdir -p $W
    cp runs/psage_rs18_m12_s$s/real_labels.json $W/real_labels.json
    cp runs/heldout31/labels.json $W/heldout_labels.json
    R=""
    if [ "$2" = runs/mix12 ]; then
      mkdir -p runs/reuse19_s$s
      ln -sf $PWD/runs/psage_rs18_m12_s$s/predictor_{old,new}.npz runs/reuse19_s$s/
      R="--reuse runs/reuse19_s$s"
    fi
    python -m experiments.perfsage --dataset $2 --real-study --epochs 60 --no-prior-variant \
      --node-variants stacked --forest-target $3 --heldout runs/heldout31/models --no-progress \
      --model-seed $s $R --workdir $W
  done
}
study a runs/mix12 ratio      # rule A: ratio forests on mix12
study b runs/mix14 ratio      # rule B: mix14 (+ plain), with the forests rule A chose
# for comparison: the session-18 recommended predictors (mix12, cycle forests; every row reused) on all 31 test models
for s in 0 1 2; do
  W=runs/psage_rs19c_s$s; mkdir -p $W
  cp runs/psage_rs18_m12_s$s/real_labels.json $W/real_labels.json
  cp runs/heldout31/labels.json $W/heldout_labels.json
  python -m experiments.perfsage --dataset runs/mix12 --real-study --epochs 60 --no-prior-variant \
    --node-variants stacked --heldout runs/heldout31/models --no-progress \
    --model-seed $s --reuse runs/psage_rs18_m12_s$s --workdir $W
done
# summaries: validation (rules A, B) and the test subsets (rule C)
S17="shufflenet_v2_0.5_224 shufflenet_v2_1.0_224 gru_kws_49x10 crnn_kws_49x10 squeezenet_1.1_224 googlenet_224 mobilenet_v3_small_224 mobilenet_v3_large_224"
S18="densenet121_224 vgg11_cifar tiny_yolov2_416"; S19="resnet18_224 resnet50_224 efficientnet_b0_224"
A="Vela memory rules (no learning)"; B="liveness peak (planner, no learning)"
for t in a b c; do
  python -m experiments.perfsage_seeds runs/psage_rs19${t}_s{0,1,2} --out $E/rs19${t}_all31_latency.md
  python -m experiments.perfsage_seeds runs/psage_rs19${t}_s{0,1,2} --only $S19 --out $E/rs19${t}_fam3_latency.md
  python -m experiments.perfsage_seeds runs/psage_rs19${t}_s{0,1,2} --only $S18 --out $E/rs19${t}_s18three_latency.md
  python -m experiments.perfsage_seeds runs/psage_rs19${t}_s{0,1,2} --only $S17 --out $E/rs19${t}_s17eight_latency.md
  python -m experiments.perfsage_seeds runs/psage_rs19${t}_s{0,1,2} --drop $S17 $S18 $S19 --out $E/rs19${t}_17_latency.md
done
python -m experiments.perfsage_seeds runs/psage_rs19b_s{0,1,2} --only $S19 --targets u55_sram_kib u65_sram_kib \
  --a "$A" --b "$B" --out $E/fam3_sram.md
for s in 0 1 2; do cp runs/psage_rs19b_s$s/report.md $E/rs19b_s${s}_report.md; done
# families IV (addendum 1) and the capped GNN correction (addendum 2): build, label once, then every saved
# predictor of rule B reused (the capped row needs only the out-of-fold forests)
python -m experiments.perfsage_heldout --workdir runs/perfsage_heldout_s19b --no-progress \
  --models mobilenet_v1_1.0_224 tiny_yolov3_416 inception_v3_299 pilotnet_66x200
mkdir -p runs/heldout35/models
for f in runs/heldout31/models/*.tflite runs/perfsage_heldout_s19b/models/*.tflite; do
  ln -sf $(readlink -f $f) runs/heldout35/models/$(basename $f); done
python - <<'PY'
import json
from jaxeff.gnn.realeval import label_real
m = json.load(open("runs/heldout31/labels.json"))
for n in ("mobilenet_v1_1.0_224", "tiny_yolov3_416", "inception_v3_299", "pilotnet_66x200"):
    m[f"{n}.tflite"] = label_real(f"runs/perfsage_heldout_s19b/models/{n}.tflite")
json.dump(m, open("runs/heldout35/labels.json", "w"), indent=1)
PY
for s in 0 1 2; do
  W=runs/psage_rs19d_s$s; mkdir -p $W
  cp runs/psage_rs18_m12_s$s/real_labels.json $W/real_labels.json
  cp runs/heldout35/labels.json $W/heldout_labels.json
  python -m experiments.perfsage --dataset runs/mix14 --real-study --epochs 60 --no-prior-variant \
    --node-variants stacked --forest-target ratio --heldout runs/heldout35/models --no-progress \
    --model-seed $s --reuse runs/psage_rs19b_s$s --workdir $W
done
# addendum 3 (rule F): ratio forests + fusion context on mix14; old / new rows reused from rule B
for s in 0 1 2; do
  W=runs/psage_rs19e_s$s; mkdir -p $W runs/reuse19e_s$s
  cp runs/psage_rs18_m12_s$s/real_labels.json $W/real_labels.json
  cp runs/heldout35/labels.json $W/heldout_labels.json
  ln -sf $PWD/runs/psage_rs19b_s$s/predictor_{old,new}.npz runs/reuse19e_s$s/
  python -m experiments.perfsage --dataset runs/mix14 --real-study --epochs 60 --no-prior-variant \
    --node-variants stacked --forest-target ratio --forest-context --heldout runs/heldout35/models \
    --no-progress --model-seed $s --reuse runs/reuse19e_s$s --workdir $W
done
# families V (addendum 3): build, label once, then both forest kinds' saved predictors (every row reused)
python -m experiments.perfsage_heldout --workdir runs/perfsage_heldout_s19c --no-progress \
  --models ghostnet_1.0_224 mnasnet_a1_224 xception_299
mkdir -p runs/heldoutV/models; ln -sf $PWD/runs/perfsage_heldout_s19c/models/*.tflite runs/heldoutV/models/
python -c "
import json; from jaxeff.gnn.realeval import label_real
json.dump({f'{n}.tflite': label_real(f'runs/perfsage_heldout_s19c/models/{n}.tflite')
           for n in ('ghostnet_1.0_224', 'mnasnet_a1_224', 'xception_299')},
          open('runs/heldoutV/labels.json', 'w'), indent=1)"
for s in 0 1 2; do
  for t in f g; do
    W=runs/psage_rs19${t}_s$s; mkdir -p $W
    cp runs/psage_rs18_m12_s$s/real_labels.json $W/real_labels.json
    cp runs/heldoutV/labels.json $W/heldout_labels.json
    if [ $t = f ]; then X=""; R=runs/psage_rs19b_s$s; else X="--forest-context"; R=runs/psage_rs19e_s$s; fi
    python -m experiments.perfsage --dataset runs/mix14 --real-study --epochs 60 --no-prior-variant \
      --node-variants stacked --forest-target ratio $X --heldout runs/heldoutV/models \
      --no-progress --model-seed $s --reuse $R --workdir $W
  done
done
