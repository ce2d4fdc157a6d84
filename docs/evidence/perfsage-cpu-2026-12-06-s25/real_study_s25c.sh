# Issue 22, session 25, addendum 2b: families XXIV (test) built and labelled once, rule I evaluated on them (its runs
# reused, nothing retrained), then the tables. Call: bash real_study_s25c.sh STEP
set -ex
. docs/evidence/perfsage-cpu-2026-12-06-s25/real_study_s25b.sh ""   # names, RULE, ev25, fam_build
E=docs/evidence/perfsage-cpu-2026-12-06-s25
CU="PerfSAGE capped, per-op sum on unseen op types (ours)"
case $1 in
  fam) fam_build heldout_s25c heldoutXXIV $(names SESSION25C) $(names SESSION25D) ;;
  # $2 = the seeds of rule I to evaluate here (two processes share the three)
  i) H=heldoutXXIV SEEDS="$2" ev25 i24 runs/psage_rs25i runs/mix18 --forest-context ;;
  tables) python -m experiments.perfsage_seeds runs/psage_rs25i24_s{0,1,2} --a "$CU" --out $E/fam24_I.md > /dev/null
          SRAM_SET=heldoutXXIV python docs/evidence/perfsage-cpu-2026-12-05-s22/sram_v2.py $E/sram_fam24.md refetch > /dev/null ;;
esac
