# Issue 22, session 18: the commands behind docs/RESULTS.md "Session 18" (2 CPU cores, shared).
set -x
cd /work/main; . .venv/bin/activate; export JAXEFF_DATA=/work/shared/data
E=docs/evidence/perfsage-cpu-2026-12-05-s18
# 0. data: runs/mix12 and runs/heldout25 as in sessions 16-17 (real_study_s16.sh, real_study_s17.sh)
# 1. velamem's structure against Vela's own --verbose-schedule (all 36 real models, both NPUs)
python $E/vela_schedule_check.py /tmp/vsc /work/shared/data/tflite/*.tflite runs/heldout25/models/*.tflite \
  > $E/vela_schedule_check_real.md
# 2. the no-learning "Vela memory rules" row on the session-16 predictors (mix12; every GNN row reused)
for s in 0 1 2; do
  python -m experiments.perfsage --dataset runs/mix12 --real-study --epochs 60 --no-prior-variant \
    --node-variants roofline stacked stacked_mem --heldout runs/heldout25/models --no-progress \
    --model-seed $s --reuse runs/psage_rs16c_m12_s$s --workdir runs/psage_rs18_m12_s$s
done
SIX="shufflenet_v2_0.5_224 shufflenet_v2_1.0_224 gru_kws_49x10 crnn_kws_49x10 squeezenet_1.1_224 googlenet_224"
MB="mobilenet_v3_small_224 mobilenet_v3_large_224"
A="Vela memory rules (no learning)"; B="liveness peak (planner, no learning)"
python -m experiments.perfsage_seeds runs/psage_rs18_m12_s{0,1,2} --targets u55_sram_kib u65_sram_kib \
  --a "$A" --b "$B" --out $E/rules_vs_live_sram_all25.md
python -m experiments.perfsage_seeds runs/psage_rs18_m12_s{0,1,2} --drop $SIX $MB --targets u55_sram_kib u65_sram_kib \
  --a "$A" --b "$B" --out $E/rules_vs_live_sram_17.md
python -m experiments.perfsage_seeds runs/psage_rs18_m12_s{0,1,2} --only $SIX $MB --targets u55_sram_kib u65_sram_kib \
  --a "$A" --b "$B" --out $E/rules_vs_live_sram_new8.md
# 3. the stacked GNN on the Vela-rules base (stacked_rules, pre-registered addendum); other rows reused
for s in 0 1 2; do
  python -m experiments.perfsage --dataset runs/mix12 --real-study --epochs 60 --no-prior-variant \
    --node-variants roofline stacked stacked_mem stacked_rules --heldout runs/heldout25/models --no-progress \
    --model-seed $s --reuse runs/psage_rs18_m12_s$s --workdir runs/psage_rs18r_m12_s$s
done
R="PerfSAGE stacked + Vela-rules memory base (ours, bounded)"
python -m experiments.perfsage_seeds runs/psage_rs18r_m12_s{0,1,2} --targets u55_sram_kib u65_sram_kib \
  --a "$R" --b "$A" --out $E/stacked_rules_sram_all25.md
python -m experiments.perfsage_seeds runs/psage_rs18r_m12_s{0,1,2} --drop $SIX $MB --targets u55_sram_kib u65_sram_kib \
  --a "$R" --b "$A" --out $E/stacked_rules_sram_17.md
for s in 0 1 2; do cp runs/psage_rs18r_m12_s$s/report.md $E/rs18r_m12_s${s}_report.md; done
# 4. held-out families II (addendum 2): build, then the saved mix12 predictors (every row reused)
python -m experiments.perfsage_heldout --workdir runs/perfsage_heldout_s18 --no-progress \
  --models densenet121_224 vgg11_cifar tiny_yolov2_416
for s in 0 1 2; do
  python -m experiments.perfsage --dataset runs/mix12 --real-study --epochs 60 --no-prior-variant \
    --node-variants roofline stacked stacked_mem --heldout runs/perfsage_heldout_s18/models --no-progress \
    --model-seed $s --reuse runs/psage_rs18_m12_s$s --workdir runs/psage_rs18h3_m12_s$s
done
python -m experiments.perfsage_seeds runs/psage_rs18h3_m12_s{0,1,2} --out $E/new3_latency.md
python -m experiments.perfsage_seeds runs/psage_rs18h3_m12_s{0,1,2} --targets u55_sram_kib u65_sram_kib \
  --a "$A" --b "$B" --out $E/new3_sram.md
cp runs/psage_rs18h3_m12_s0/report.md $E/rs18h3_m12_s0_report.md
