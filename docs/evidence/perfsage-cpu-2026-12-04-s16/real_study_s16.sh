# Issue 22, session 16: the commands behind docs/RESULTS.md "Session 16" (2 CPU cores, shared).
set -x
cd /work/main; . .venv/bin/activate; export JAXEFF_DATA=/work/shared/data
# the session-15 datasets (runs/ds_base, ds_mk, ds_edge) and held-out models: see ../perfsage-cpu-2026-12-03/real_study_s15.sh
python -m experiments.perfsage_dataset --per-space 100 --workers 2 --no-host --no-progress --spaces upsample --workdir runs/ds_up
python -m experiments.perfsage_dataset --per-space 100 --workers 2 --no-host --no-progress --spaces families detect --workdir runs/ds_fd
mkdir -p runs/mix12/shards
for d in ds_base ds_mk ds_edge ds_up ds_fd; do for f in runs/$d/shards/*; do ln -sf $PWD/$f runs/mix12/shards/$d-$(basename $f); done; done
for s in 0 1 2; do
  python -m experiments.perfsage --dataset runs/mix12 --real-study --epochs 60 --no-prior-variant \
    --node-variants roofline stacked stacked_mem --heldout runs/perfsage_heldout/models --no-progress \
    --model-seed $s --workdir runs/psage_rs16_m12_s$s
done
python -m experiments.perfsage_seeds runs/psage_rs16_m12_s{0,1,2} --out mix12_seeds_latency.md
python -m experiments.perfsage_seeds runs/psage_rs16_m12_s{0,1,2} --targets u55_sram_kib u65_sram_kib \
  --a "PerfSAGE stacked + liveness memory base (ours, bounded)" --b "liveness peak (planner, no learning)" --out mix12_seeds_sram.md
# mix10 (= mix12 without families / detect), seed 0 only, ran first: mix10_s0_*
# stacked_mem v2 (no input column, lr 0.01) and v3 (no column, Config.memory_lr 0.003): the other rows reused
# (runs/reuse_sN = symlinks to predictor_{old,new,roofline,stacked}.npz of the runs above)
for s in 0 1 2; do
  python -m experiments.perfsage --dataset runs/mix12 --real-study --epochs 60 --no-prior-variant \
    --node-variants roofline stacked stacked_mem --heldout runs/perfsage_heldout/models --no-progress \
    --model-seed $s --reuse runs/reuse_s$s --workdir runs/psage_rs16c_m12_s$s
done
python -m experiments.perfsage_seeds runs/psage_rs16c_m12_s{0,1,2} --out mix12c_seeds_latency.md
python -m experiments.perfsage_seeds runs/psage_rs16c_m12_s{0,1,2} --targets u55_sram_kib u65_sram_kib \
  --a "PerfSAGE stacked + liveness memory base (ours, bounded)" --b "liveness peak (planner, no learning)" --out mix12c_seeds_sram.md
