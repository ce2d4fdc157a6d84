# Issue 22, session 29: the commands behind docs/RESULTS.md "Session 29" (2 CPU cores, shared).
# PREREGISTERED.md (this folder) was committed before any of it ran. Call: bash real_study_s29.sh STEP [SEEDS]
set -ex
. docs/evidence/perfsage-cpu-2026-12-06-s28/real_study_s28.sh ""   # merged, train; names, RULE, ev25, fam_build
E=docs/evidence/perfsage-cpu-2026-12-06-s29
S28=docs/evidence/perfsage-cpu-2026-12-06-s28
export PRE=rs29
L="L=runs/psage_rs28l_s{s}+runs/psage_rs28l30_s{s}+runs/psage_rs28l31_s{s}"
M="M=runs/psage_rs28m_s{s}+runs/psage_rs28m31_s{s}"
case $1 in
  # section 1: L against M on V12 = V11 + XXXI (no training)
  v12choice) PYTHONPATH=. python $S28/choose28.py "$L" "$M" > $E/choice29_v12.txt ;;
  # section 2: V12's held-out models as one folder; the longk space's 400 graphs (seed 29), mix21 = mix20 + them
  v12) merged heldoutV12 heldoutV11 heldoutXXXI ;;
  longk) python -m experiments.perfsage_dataset --per-space 400 --workers 2 --no-host --no-progress --spaces longk \
           --seed 29 --workdir runs/ds_longk
         rm -rf runs/mix21; mkdir -p runs/mix21/shards
         for f in runs/mix20/shards/*; do ln -sf $(readlink -f $f) runs/mix21/shards/$(basename $f); done
         for f in runs/ds_longk/shards/*.npz; do ln -sf $(readlink -f $f) runs/mix21/shards/ds_longk-$(basename $f); done ;;
  # section 2: rule N = rule M's command on mix21 ($2: the seeds of this process), V12 held out; runs psage_rs29n_s*
  n) train n mix21 heldoutV12 "$2" 32 ;;
  nchoice) PYTHONPATH=. python $S28/choose28.py "$M" N=runs/psage_rs29n > $E/choice29_n.txt ;;
  # section 3: families XXXII (test), built and labelled once; then the rules on them ($2 seeds)
  fam32) fam_build heldout_s29 heldoutXXXII $(names SESSION29A) $(names SESSION29B) ;;
  tm32) H=heldoutXXXII SEEDS="$2" ev25 m32 runs/psage_rs28m runs/mix20 "--forest-context --forest-padded 32" ;;
  tl32) H=heldoutXXXII SEEDS="$2" ev25 l32 runs/psage_rs28l runs/mix19 "--forest-context --forest-padded 32" ;;
  tn32) H=heldoutXXXII SEEDS="$2" ev25 n32 runs/psage_rs29n runs/mix21 "--forest-context --forest-padded 32" ;;
esac
