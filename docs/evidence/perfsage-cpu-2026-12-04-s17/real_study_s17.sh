# Issue 22, session 17: the commands behind docs/RESULTS.md "Session 17" (2 CPU cores, shared).
set -x
cd /work/main; . .venv/bin/activate; export JAXEFF_DATA=/work/shared/data
# 1. stacked_slow on mix12 (session 16's data; its other rows reused from the session-16 v3 runs)
for s in 0 1 2; do
  python -m experiments.perfsage --dataset runs/mix12 --real-study --epochs 60 --no-prior-variant \
    --node-variants roofline stacked stacked_mem stacked_slow --heldout runs/perfsage_heldout/models --no-progress \
    --model-seed $s --reuse runs/psage_rs16c_m12_s$s --workdir runs/psage_rs17_m12_s$s
done
python -m experiments.perfsage_seeds runs/psage_rs17_m12_s{0,1,2} --a "PerfSAGE stacked, Adam step 0.003 (ours, bounded)" \
  --out mix12_slow_seeds_latency.md
# 2. the GRU (recurrent) and ShuffleNet-v2 (shuffle) spaces, 100 graphs each, and held-out models II
python -m experiments.perfsage_dataset --per-space 100 --workers 2 --no-host --no-progress --spaces recurrent shuffle --workdir runs/ds_rs
python -m experiments.perfsage_heldout --workdir runs/perfsage_heldout_s17 \
  --models shufflenet_v2_0.5_224 shufflenet_v2_1.0_224 gru_kws_49x10 crnn_kws_49x10
mkdir -p runs/mix13/shards runs/heldout21/models
for f in runs/mix12/shards/*; do ln -sf $(readlink -f $f) runs/mix13/shards/$(basename $f); done
for f in runs/ds_rs/shards/*; do ln -sf $PWD/$f runs/mix13/shards/ds_rs-$(basename $f); done
for f in runs/perfsage_heldout/models/*.tflite runs/perfsage_heldout_s17/models/*.tflite; do ln -sf $PWD/$f runs/heldout21/models/; done
# 3. mix13 = mix12 + recurrent + shuffle, three model seeds
for s in 0 1 2; do
  python -m experiments.perfsage --dataset runs/mix13 --real-study --epochs 60 --no-prior-variant \
    --node-variants roofline stacked stacked_mem --heldout runs/heldout21/models --no-progress \
    --model-seed $s --workdir runs/psage_rs17_m13_s$s
done
NEW="shufflenet_v2_0.5_224 shufflenet_v2_1.0_224 gru_kws_49x10 crnn_kws_49x10"
R=$(echo runs/psage_rs17_m13_s{0,1,2})
python -m experiments.perfsage_seeds $R --drop $NEW --out mix13_seeds_latency.md
python -m experiments.perfsage_seeds $R --only $NEW --out mix13_seeds_latency_heldout2.md
python -m experiments.perfsage_seeds $R --drop $NEW --targets u55_sram_kib u65_sram_kib \
  --a "PerfSAGE stacked + liveness memory base (ours, bounded)" --b "liveness peak (planner, no learning)" --out mix13_seeds_sram.md
python -m experiments.perfsage_seeds $R --only $NEW --targets u55_sram_kib u65_sram_kib \
  --a "PerfSAGE stacked + liveness memory base (ours, bounded)" --b "liveness peak (planner, no learning)" --out mix13_seeds_sram_heldout2.md
# 4. the mix12 predictors (no GRU / ShuffleNet graphs in training) on the four new held-out models: all rows reused
for s in 0 1 2; do
  python -m experiments.perfsage --dataset runs/mix12 --real-study --epochs 60 --no-prior-variant \
    --node-variants roofline stacked stacked_mem --heldout runs/perfsage_heldout_s17/models --no-progress \
    --model-seed $s --reuse runs/psage_rs16c_m12_s$s --workdir runs/psage_rs17_m12new_s$s
done
python -m experiments.perfsage_seeds runs/psage_rs17_m12new_s{0,1,2} --only $NEW --out mix12_on_heldout2_latency.md
# 5. three pre-registered held-out families (PREREGISTERED.md): all eight builder-built models, mix12 and mix13 reused
python -m experiments.perfsage_heldout --workdir runs/perfsage_heldout_s17b --no-progress --models shufflenet_v2_0.5_224 \
  shufflenet_v2_1.0_224 gru_kws_49x10 crnn_kws_49x10 squeezenet_1.1_224 googlenet_224 mobilenet_v3_small_224 mobilenet_v3_large_224
for s in 0 1 2; do
  python -m experiments.perfsage --dataset runs/mix12 --real-study --epochs 60 --no-prior-variant \
    --node-variants roofline stacked stacked_mem --heldout runs/perfsage_heldout_s17b/models --no-progress \
    --model-seed $s --reuse runs/psage_rs16c_m12_s$s --workdir runs/psage_rs17_m12h8_s$s
  python -m experiments.perfsage --dataset runs/mix13 --real-study --epochs 60 --no-prior-variant \
    --node-variants roofline stacked stacked_mem --heldout runs/perfsage_heldout_s17b/models --no-progress \
    --model-seed $s --reuse runs/psage_rs17_m13_s$s --workdir runs/psage_rs17_m13h8_s$s
done
SIX="shufflenet_v2_0.5_224 shufflenet_v2_1.0_224 gru_kws_49x10 crnn_kws_49x10 squeezenet_1.1_224 googlenet_224"
MB="mobilenet_v3_small_224 mobilenet_v3_large_224"
for m in m12 m13; do
  python -m experiments.perfsage_seeds runs/psage_rs17_${m}h8_s{0,1,2} --only $SIX --out ${m}_on_new6_latency.md
  python -m experiments.perfsage_seeds runs/psage_rs17_${m}h8_s{0,1,2} --only $MB --out ${m}_on_mbv3_latency.md
  python -m experiments.perfsage_seeds runs/psage_rs17_${m}h8_s{0,1,2} --only $SIX $MB --targets u55_sram_kib u65_sram_kib \
    --a "PerfSAGE stacked + liveness memory base (ours, bounded)" --b "liveness peak (planner, no learning)" --out ${m}_on_new8_sram.md
done
# 6. diagnostic (chooses nothing): the stable split (--split stable), seed 0, mix12 and mix13, all 25 held-out models
mkdir -p runs/heldout25/models
for f in runs/perfsage_heldout/models/*.tflite runs/perfsage_heldout_s17b/models/*.tflite; do ln -sf $PWD/$f runs/heldout25/models/; done
for m in 12 13; do
  python -m experiments.perfsage --dataset runs/mix$m --real-study --epochs 60 --no-prior-variant --split stable \
    --node-variants stacked stacked_mem --heldout runs/heldout25/models --no-progress \
    --model-seed 0 --workdir runs/psage_rs17_m${m}st_s0
done
# seeds 1 and 2 of the same, then the three-seed summaries
for s in 1 2; do for m in 12 13; do
  python -m experiments.perfsage --dataset runs/mix$m --real-study --epochs 60 --no-prior-variant --split stable \
    --node-variants stacked stacked_mem --heldout runs/heldout25/models --no-progress \
    --model-seed $s --workdir runs/psage_rs17_m${m}st_s$s
done; done
SIX="shufflenet_v2_0.5_224 shufflenet_v2_1.0_224 gru_kws_49x10 crnn_kws_49x10 squeezenet_1.1_224 googlenet_224"
MB="mobilenet_v3_small_224 mobilenet_v3_large_224"
for m in 12 13; do
  python -m experiments.perfsage_seeds runs/psage_rs17_m${m}st_s{0,1,2} --drop $SIX $MB --out mix${m}_stable_seeds_latency.md
  python -m experiments.perfsage_seeds runs/psage_rs17_m${m}st_s{0,1,2} --only $SIX --out mix${m}_stable_on_new6_latency.md
done
