# Issue 22, session 23, addendum 3: the silu training space, rule G, families XIX. Call: bash real_study_s23d.sh STEP
set -ex
. docs/evidence/perfsage-cpu-2026-12-05-s23/real_study_s23.sh ""
case $1 in
  # 200 graphs of the silu space (attribution version 3), linked beside mix15g's shards as runs/mix16
  silu) python -m experiments.perfsage_dataset --per-space 200 --workers 2 --no-host --spaces silu \
          --workdir runs/ds_silu
        mkdir -p runs/mix16/shards
        for f in runs/mix15g/shards/*; do ln -sf $PWD/$f runs/mix16/shards/$(basename $f); done
        for f in runs/ds_silu/shards/*; do ln -sf $PWD/$f runs/mix16/shards/ds_silu-$(basename $f); done ;;
  # rule G (rule E' on mix16), seeds split over two processes
  ga) train_v4 g runs/mix16 "0 1" ;;
  gb) train_v4 g runs/mix16 "2" ;;
  # families XIX (the helper's branch fam19), labelled once with Vela
  fam19) family "$(names SESSION23C)" perfsage_heldout_s23c heldoutXIX ;;
  # rules E' and G (their runs reused, nothing retrained) on families XIX
  testE2) ev e2T19 runs/psage_rs23e2 heldoutXIX runs/mix15g ;;
  testG) ev gT19 runs/psage_rs23g heldoutXIX runs/mix16 ;;
esac
