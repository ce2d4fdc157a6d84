#!/bin/bash
# driver: one (budget, seed) at a time, records wall time and load
cd /work/wt/h-mn && source /work/main/.venv/bin/activate
export PYTHONPATH=/work/wt/h-mn/src:/work/wt/h-mn JAXEFF_DATA=/work/shared/data MPLBACKEND=Agg
for bs in "S 1" "S 2" "M 1" "M 2" "L 1" "L 2"; do
  set -- $bs; b=$1; s=$2; wd=runs/mn_seed${s}_${b}
  echo "START $b $s $(date -u +%FT%TZ) uptime: $(uptime)" >> runs/seeds_times.log
  t0=$(date +%s)
  timeout 3000 nice -n 10 python -m experiments.micronets --budgets $b --seed $s --no-speaker --qat-epochs 0 --workdir $wd > runs/log_seed${s}_${b}.txt 2>&1
  rc=$?
  echo "END $b $s rc=$rc wall_s=$(( $(date +%s) - t0 )) $(date -u +%FT%TZ) uptime: $(uptime)" >> runs/seeds_times.log
done
