# Issue 22, session 29 addendum 2 (PREREGISTERED.md): rule O (the dil space) and families XXXIII.
# Call (repo root): bash docs/evidence/perfsage-cpu-2026-12-06-s29/real_study_s29b.sh STEP [SEEDS]
set -ex
. docs/evidence/perfsage-cpu-2026-12-06-s28/real_study_s28.sh ""   # merged, train; names, RULE, ev25, fam_build
E=docs/evidence/perfsage-cpu-2026-12-06-s29
S28=docs/evidence/perfsage-cpu-2026-12-06-s28
export PRE=rs29
N="N=runs/psage_rs29n_s{s}+runs/psage_rs29n32_s{s}"
case $1 in
  # V13 = V12 + XXXII as one held-out folder; the dil space's 400 graphs (seed 30), mix22 = mix21 + them
  v13) merged heldoutV13 heldoutV12 heldoutXXXII ;;
  dil) python -m experiments.perfsage_dataset --per-space 400 --workers 2 --no-host --no-progress --spaces dil \
         --seed 30 --workdir runs/ds_dil
       rm -rf runs/mix22; mkdir -p runs/mix22/shards
       for f in runs/mix21/shards/*; do ln -sf $(readlink -f $f) runs/mix22/shards/$(basename $f); done
       for f in runs/ds_dil/shards/*.npz; do ln -sf $(readlink -f $f) runs/mix22/shards/ds_dil-$(basename $f); done ;;
  # rule O = rule N's command on mix22 ($2: the seeds of this process), V13 held out; runs psage_rs29o_s*
  o) train o mix22 heldoutV13 "$2" 32 ;;
  ochoice) PYTHONPATH=. python $S28/choose28.py "$N" O=runs/psage_rs29o > $E/choice29_o.txt ;;
  # families XXXIII (test), built and labelled once; then the rules on them ($2 seeds)
  fam33) fam_build heldout_s29b heldoutXXXIII $(names SESSION29C) $(names SESSION29D) ;;
  tn33) H=heldoutXXXIII SEEDS="$2" ev25 n33 runs/psage_rs29n runs/mix21 "--forest-context --forest-padded 32" ;;
  to33) H=heldoutXXXIII SEEDS="$2" ev25 o33 runs/psage_rs29o runs/mix22 "--forest-context --forest-padded 32" ;;
esac
