set -x
cd /work/main; . .venv/bin/activate; export JAXEFF_DATA=/work/shared/data
date -u
python -m experiments.perfsage_dataset --per-space 150 --workers 2 --no-host --no-progress --workdir runs/ds_base &
python -m experiments.perfsage_heldout --workdir runs/perfsage_heldout &
wait; date -u
python -m experiments.perfsage_dataset --per-space 100 --workers 2 --no-host --no-progress --spaces mobilenet kws --workdir runs/ds_mk
python -m experiments.perfsage_dataset --per-space 100 --workers 2 --no-host --no-progress --spaces edge --workdir runs/ds_edge
date -u
mkdir -p runs/mix9/shards; for d in ds_base ds_mk ds_edge; do for f in runs/$d/shards/*; do ln -sf $PWD/$f runs/mix9/shards/$d-$(basename $f); done; done; ls runs/mix9/shards | wc -l
python -m experiments.perfsage --dataset runs/mix9 --real-study --epochs 60 --no-prior-variant --node-variants roofline stacked --heldout runs/perfsage_heldout/models --no-progress --workdir runs/psage_rs15
date -u
