# Issue 22, session 26, addendum 3: the tables of families XXVI (and XXV + XXVI pooled, an extra row) from the runs
# of real_study_s26.sh t26. Call (repo root): bash docs/evidence/perfsage-cpu-2026-12-06-s26/tables_s26b.sh
set -e
E=docs/evidence/perfsage-cpu-2026-12-06-s26
U="PerfSAGE capped, per-op sum on unseen op types (ours)"
J25="PerfSAGE capped, per-op on unseen op types and out-of-box nodes (m = 0.25, ours)"
python -m experiments.perfsage_seeds runs/psage_rs26j26_s{0,1,2} --a "$J25" --out $E/fam26_J25.md > /dev/null
python -m experiments.perfsage_seeds runs/psage_rs26j26_s{0,1,2} --a "$U" --out $E/fam26_I.md > /dev/null
python -m experiments.perfsage_seeds $(for s in 0 1 2; do echo runs/psage_rs26jT_s$s+runs/psage_rs26j26_s$s; done) \
  --a "$J25" --out $E/fam25_26_J25.md > /dev/null
PYTHONPATH=. python $E/per_model26.py runs/psage_rs26j26 > $E/fam26_per_model.md
SRAM_SET=heldoutXXVI python docs/evidence/perfsage-cpu-2026-12-05-s22/sram_v2.py $E/sram_fam26.md refetch > /dev/null
