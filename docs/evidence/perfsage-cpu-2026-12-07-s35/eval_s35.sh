# Issue 22, session 35 (PREREGISTERED.md section 2): families XLVI built and labelled once (names and npu_full only),
# then R'QS-J25-ens unchanged (the rebuilt rule O predictors runs/psage_rs29o_s*, nothing retrained) on
# runs/heldoutXLVI alone, one run per seed (runs/psage_rs35x46_s*), and the tables cut from those runs.
# Call (repo root, venv on, JAXEFF_DATA set): bash docs/evidence/perfsage-cpu-2026-12-07-s35/eval_s35.sh STEP [SEEDS]
#   famXLVI: build and label; ev SEEDS: the runs (at most two processes at once: memory); t46: the tables
set -ex
. docs/evidence/perfsage-cpu-2026-12-06-s28/real_study_s28.sh ""   # merged, ev25, names, RULE
E=docs/evidence/perfsage-cpu-2026-12-07-s35
export PRE=rs35
F="--forest-context --forest-padded 32 --weight-rule --stride-rule --stream-rule --tconv-rule"
J25="PerfSAGE capped, per-op on unseen op types and out-of-box nodes (m = 0.25, ours)"
PER="per-op sum (nn-Meter forests)"
R2="rules R', Q and S"
seeds() { python -m experiments.perfsage_seeds runs/psage_rs35x46_s{0,1,2} --a "$J25, $R2" --b "$PER, $R2" "$@"; }
full() { python -c "import json; print(' '.join(k.removesuffix('.tflite') for k, v in json.load(open('runs/$1/labels.json')).items() if v['npu_full']))"; }
case $1 in
  famXLVI) python -m experiments.perfsage_heldout --models mini_xception_48 dronet_200 wave_unet_16384 \
             wavenet_2x10_4096 --workdir runs/heldoutXLVI --no-progress
           python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutXLVI 0/1 --quiet
           python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutXLVI --merge 1
           python -c "import json; print({k: v['npu_full'] for k, v in json.load(open('runs/heldoutXLVI/labels.json')).items()})" ;;
  ev) H=heldoutXLVI SEEDS="$2" ev25 x46 runs/psage_rs29o runs/mix22 "$F" ;;
  t46) seeds --only $(full heldoutXLVI) --out $E/fresh_XLVI_R2QS_J25.md > /dev/null ;;
esac
# addendum 2-3: families XLVII (MelGAN is not mapped fully: built and labelled, reported, not scored)
case $1 in
  famXLVII) python -m experiments.perfsage_heldout --models melgan_gen_32x80 fc_densenet56_224 \
              --workdir runs/heldoutXLVII --no-progress
            python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutXLVII 0/1 --quiet
            python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutXLVII --merge 1
            python -c "import json; print({k: v['npu_full'] for k, v in json.load(open('runs/heldoutXLVII/labels.json')).items()})" ;;
  ev47) H=heldoutXLVII SEEDS="$2" ev25 x47 runs/psage_rs29o runs/mix22 "$F" ;;
  t47) python -m experiments.perfsage_seeds runs/psage_rs35x47_s{0,1,2} --a "$J25, $R2" --b "$PER, $R2" \
         --only $(full heldoutXLVII) --out $E/fresh_XLVII_R2QS_J25.md > /dev/null ;;
esac
# addendum 4: seed 1 once on XLVI + XLVII; XLVII's seeds 0 and 2 alone; the tables from those runs
case $1 in
  v4647) merged heldoutXLVI_XLVII heldoutXLVI heldoutXLVII ;;
  ev4647) H=heldoutXLVI_XLVII SEEDS=1 ev25 x4647 runs/psage_rs29o runs/mix22 "$F" ;;
  tab) python -m experiments.perfsage_seeds runs/psage_rs35x46_s0 runs/psage_rs35x4647_s1 runs/psage_rs35x46_s2 \
         --a "$J25, $R2" --b "$PER, $R2" --only $(full heldoutXLVI) --out $E/fresh_XLVI_R2QS_J25.md > /dev/null
       python -m experiments.perfsage_seeds runs/psage_rs35x47_s0 runs/psage_rs35x4647_s1 runs/psage_rs35x47_s2 \
         --a "$J25, $R2" --b "$PER, $R2" --only $(full heldoutXLVII) --out $E/fresh_XLVII_R2QS_J25.md > /dev/null
       python -m experiments.perfsage_seeds runs/psage_rs35x46_s0+runs/psage_rs35x47_s0 runs/psage_rs35x4647_s1 \
         runs/psage_rs35x46_s2+runs/psage_rs35x47_s2 --a "$J25, $R2" --b "$PER, $R2" \
         --only $(full heldoutXLVI) $(full heldoutXLVII) --out $E/fresh_XLVI_XLVII_R2QS_J25.md > /dev/null ;;
esac
