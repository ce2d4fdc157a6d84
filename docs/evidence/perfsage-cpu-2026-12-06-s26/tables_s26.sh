# Issue 22, session 26: the tables of RESULTS "Session 26" from the runs of real_study_s26.sh (V8 and families XXV).
# Call (repo root): bash docs/evidence/perfsage-cpu-2026-12-06-s26/tables_s26.sh
set -e
E=docs/evidence/perfsage-cpu-2026-12-06-s26
U="PerfSAGE capped, per-op sum on unseen op types (ours)"
J0="PerfSAGE capped, per-op on unseen op types and out-of-box nodes (m = 0, ours)"
J25="PerfSAGE capped, per-op on unseen op types and out-of-box nodes (m = 0.25, ours)"
for tag in J25:"$J25" J0:"$J0" I:"$U"; do
  name=${tag%%:*}; row=${tag#*:}
  python -m experiments.perfsage_seeds runs/psage_rs26j8_s{0,1,2} --pooled --a "$row" --out $E/v8_$name.md > /dev/null
  python -m experiments.perfsage_seeds runs/psage_rs26jT_s{0,1,2} --a "$row" --out $E/fam25_$name.md > /dev/null
done
PYTHONPATH=. python $E/per_model26.py runs/psage_rs26jT > $E/fam25_per_model.md
SRAM_SET=heldoutXXV python docs/evidence/perfsage-cpu-2026-12-05-s22/sram_v2.py $E/sram_fam25.md refetch > /dev/null
