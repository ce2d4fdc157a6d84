# Issue 22, session 24: families XX / XXI (test) built and labelled once, then the rules evaluated on them
# (their runs reused, nothing retrained). Call: bash real_study_s24b.sh STEP
set -ex
. docs/evidence/perfsage-cpu-2026-12-05-s24/real_study_s24.sh ""
case $1 in
  fam) python -m experiments.perfsage_heldout --workdir runs/heldout_s24 --no-progress \
         --models $(names SESSION24) $(names SESSION24B)
       for k in 0 1; do python $E/label_all.py runs/heldout_s24 $k/2 & done; wait
       python $E/label_all.py runs/heldout_s24 --merge 2
       mkdir -p runs/heldoutXXXXI/models; ln -sf $PWD/runs/heldout_s24/models/*.tflite runs/heldoutXXXXI/models/
       cp runs/heldout_s24/labels.json runs/heldoutXXXXI/labels.json ;;
  # $2 = the tag of a trained rule (e2, g or h), $3 its dataset
  test) ev ${2}T runs/psage_rs24$2 heldoutXXXXI runs/$3 ;;
  # the chosen rule H-ctx (its forests take the context features: the flag must travel with RULE; a first call as
  # "test hc 'mix17 --forest-context'" lost the flag to word splitting, and --reuse refused the forests)
  testctx) RULE="$RULE --forest-context" ev hcT runs/psage_rs24hc heldoutXXXXI runs/mix17 ;;
esac
