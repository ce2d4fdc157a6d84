# Issue 22, session 30 (PREREGISTERED.md): Vela's execution order for SRAM, and families XXXIV.
# Call (repo root): bash docs/evidence/perfsage-cpu-2026-12-06-s30/real_study_s30.sh STEP [SEEDS]
set -ex
. docs/evidence/perfsage-cpu-2026-12-06-s28/real_study_s28.sh ""   # merged, train; names, RULE, ev25, fam_build
E=docs/evidence/perfsage-cpu-2026-12-06-s30
export PRE=rs30
case $1 in
  # V14 = V13 + XXXIII as one held-out folder
  v14) merged heldoutV14 heldoutV13 heldoutXXXIII ;;
  # section 1: Vela's printed order on V14 (U55, resumable), the order check, the SRAM choice
  dump) python -c "
import json
lab = json.load(open('runs/real_shared/labels.json'))
print('\n'.join(['$JAXEFF_DATA/tflite/' + k for k, v in lab.items() if v['npu_full']]
                + ['runs/' + h + '/models/' + k for h in ('heldoutV13', 'heldoutXXXIII')
                   for k, v in json.load(open('runs/' + h + '/labels.json')).items() if v['npu_full']]))" \
         | xargs python $E/vela_order_dump.py runs/vela_order_v14.json ;;
  order) python $E/order_check.py runs/vela_order_v14.json > $E/order_v14.md
         CONCAT_FIRST=1 python $E/order_check.py runs/vela_order_v14.json > $E/order_v14_cat.md ;;
  sram) python $E/sram_v14.py $E/sram_v14.md ;;
  # section 2: families XXXIV (test), built and labelled once; O-J25-ens on them ($2 seeds)
  fam34) fam_build heldout_s30 heldoutXXXIV $(names SESSION30A) $(names SESSION30B) ;;
  to34) H=heldoutXXXIV SEEDS="$2" ev25 o34 runs/psage_rs29o runs/mix22 "--forest-context --forest-padded 32" ;;
  sram34) SRAM_SET=heldoutXXXIV python $E/sram_v14.py $E/sram_fam34.md ;;
  # addendum 2: V15 = V14 + XXXIV, the choice of vorder_cat_smx; families XXXV (test) and the rules on them
  v15) merged heldoutV15 heldoutV14 heldoutXXXIV ;;
  sram15) python $E/sram_v15.py $E/sram_v15.md ;;
  fam35) fam_build heldout_s30b heldoutXXXV $(names SESSION30C) $(names SESSION30D) ;;
  to35) H=heldoutXXXV SEEDS="$2" ev25 o35 runs/psage_rs29o runs/mix22 "--forest-context --forest-padded 32" ;;
  sram35) SRAM_SET=heldoutXXXV python $E/sram_v15.py $E/sram_fam35.md ;;
esac
