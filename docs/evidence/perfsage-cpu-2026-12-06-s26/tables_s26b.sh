# Issue 22, session 26, addenda 3 and 4: the tables of families XXVI (and XXV + XXVI pooled, an extra row) or XXVII
# from the runs of real_study_s26.sh t26 / t27. Call (repo root):
#   bash docs/evidence/perfsage-cpu-2026-12-06-s26/tables_s26b.sh [26|27]   (default 26)
set -e
E=docs/evidence/perfsage-cpu-2026-12-06-s26
U="PerfSAGE capped, per-op sum on unseen op types (ours)"
J25="PerfSAGE capped, per-op on unseen op types and out-of-box nodes (m = 0.25, ours)"
F=${1:-26}
H=$([ "$F" = 26 ] && echo heldoutXXVI || echo heldoutXXVII)
python -m experiments.perfsage_seeds runs/psage_rs26j${F}_s{0,1,2} --a "$J25" --out $E/fam${F}_J25.md > /dev/null
python -m experiments.perfsage_seeds runs/psage_rs26j${F}_s{0,1,2} --a "$U" --out $E/fam${F}_I.md > /dev/null
if [ "$F" = 26 ]; then
  python -m experiments.perfsage_seeds $(for s in 0 1 2; do echo runs/psage_rs26jT_s$s+runs/psage_rs26j26_s$s; done) \
    --a "$J25" --out $E/fam25_26_J25.md > /dev/null
fi
PYTHONPATH=. python $E/per_model26.py runs/psage_rs26j$F > $E/fam${F}_per_model.md
SRAM_SET=$H python docs/evidence/perfsage-cpu-2026-12-05-s22/sram_v2.py $E/sram_fam$F.md refetch > /dev/null
if [ "$F" = 27 ]; then  # addendum 4's headline: without the two models the training space `families` draws
  OVERLAP="mobilenet_v1_0.25_96_vww resnet8_cifar"
  python -m experiments.perfsage_seeds runs/psage_rs26j27_s{0,1,2} --a "$J25" --drop $OVERLAP \
    --out $E/fam27six_J25.md > /dev/null
  rm -rf runs/heldoutXXVII6; mkdir -p runs/heldoutXXVII6/models
  python -c "
import json, os, sys
lab = json.load(open('runs/heldoutXXVII/labels.json')); drop = {m + '.tflite' for m in sys.argv[1:]}
six = {k: v for k, v in lab.items() if k not in drop}; assert len(six) == 6
json.dump(six, open('runs/heldoutXXVII6/labels.json', 'w'), indent=1)
for k in six: os.symlink(os.path.realpath(f'runs/heldoutXXVII/models/{k}'), f'runs/heldoutXXVII6/models/{k}')" $OVERLAP
  SRAM_SET=heldoutXXVII6 python docs/evidence/perfsage-cpu-2026-12-05-s22/sram_v2.py $E/sram_fam27six.md refetch \
    > /dev/null
fi
