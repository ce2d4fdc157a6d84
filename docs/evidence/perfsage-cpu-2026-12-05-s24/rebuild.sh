# Issue 22, session 24: rebuild every dataset and held-out folder of sessions 15-23 on a new machine
# (this checkout came without runs/). Same commands and seeds as the earlier scripts; labels come from
# today's library (per-op attribution version 3), so mix15g / mix16 are built directly.
set -ex
cd /work/main; . .venv/bin/activate; export JAXEFF_DATA=/work/shared/data
E=docs/evidence/perfsage-cpu-2026-12-05-s24
date -u
ds() { python -m experiments.perfsage_dataset --workers 2 --no-host --no-progress --workdir runs/$1 "${@:2}"; }
ds ds_base --per-space 150
ds ds_mk --per-space 100 --spaces mobilenet kws
ds ds_edge --per-space 100 --spaces edge
ds ds_up --per-space 100 --spaces upsample
ds ds_fd --per-space 100 --spaces families detect
ds ds_rs --per-space 100 --spaces recurrent shuffle
ds ds_plain --per-space 200 --spaces plain
ds ds_ext --per-space 200 --spaces ext
ds ds_silu --per-space 200 --spaces silu
date -u
# mix15g (session 23's name: every space but silu) and mix16 (+ silu), as links
for m in mix15g mix16; do mkdir -p runs/$m/shards; done
for d in ds_base ds_mk ds_edge ds_up ds_fd ds_rs ds_plain ds_ext; do
  for f in runs/$d/shards/*; do for m in mix15g mix16; do ln -sf $PWD/$f runs/$m/shards/$d-$(basename $f); done; done; done
for f in runs/ds_silu/shards/*; do ln -sf $PWD/$f runs/mix16/shards/ds_silu-$(basename $f); done
# every held-out model of experiments.perfsage_heldout (94), built once and labelled once with Vela
python -m experiments.perfsage_heldout --workdir runs/heldout_all --no-progress
for k in 0 1; do python $E/label_all.py runs/heldout_all $k/2 & done; wait
python $E/label_all.py runs/heldout_all --merge 2
date -u
