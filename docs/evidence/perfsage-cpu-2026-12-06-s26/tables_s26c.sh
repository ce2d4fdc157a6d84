# Issue 22, session 26, addendum 4: the tables of families XXVII from the runs of real_study_s26.sh t27.
# Call (repo root): bash docs/evidence/perfsage-cpu-2026-12-06-s26/tables_s26c.sh
set -e
E=docs/evidence/perfsage-cpu-2026-12-06-s26
U="PerfSAGE capped, per-op sum on unseen op types (ours)"
J25="PerfSAGE capped, per-op on unseen op types and out-of-box nodes (m = 0.25, ours)"
python -m experiments.perfsage_seeds runs/psage_rs26j27_s{0,1,2} --a "$J25" --out $E/fam27_J25.md > /dev/null
python -m experiments.perfsage_seeds runs/psage_rs26j27_s{0,1,2} --a "$U" --out $E/fam27_I.md > /dev/null
PYTHONPATH=. python $E/per_model26.py runs/psage_rs26j27 > $E/fam27_per_model.md
SRAM_SET=heldoutXXVII python docs/evidence/perfsage-cpu-2026-12-05-s22/sram_v2.py $E/sram_fam27.md refetch > /dev/null
