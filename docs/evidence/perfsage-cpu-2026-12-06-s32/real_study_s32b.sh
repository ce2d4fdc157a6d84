# Issue 22, session 32: families XXXVIII after Vela refused m5_raw_32000 ("Non-passthrough operation (Conv2D) could not
# run on NPU": it folds the PAD into the stride-4 conv, as with AlexNet-OWT in session 31). The model is kept in
# runs/heldout_s32/refused/, the others labelled (label_all.py resumes), the held-out folder relinked.
# Call (repo root, venv on, JAXEFF_DATA set): bash docs/evidence/perfsage-cpu-2026-12-06-s32/real_study_s32b.sh fam38b
set -ex
case $1 in
  fam38b)
    mkdir -p runs/heldout_s32/refused
    [ -f runs/heldout_s32/models/m5_raw_32000.tflite ] && mv runs/heldout_s32/models/m5_raw_32000.tflite runs/heldout_s32/refused/
    for k in 0 1; do python docs/evidence/perfsage-cpu-2026-12-05-s24/label_all.py runs/heldout_s32 $k/2 > /dev/null & done; wait
    python docs/evidence/perfsage-cpu-2026-12-05-s24/label_all.py runs/heldout_s32 --merge 2
    rm -rf runs/heldoutXXXVIII; mkdir -p runs/heldoutXXXVIII/models
    ln -sf $PWD/runs/heldout_s32/models/*.tflite runs/heldoutXXXVIII/models/
    cp runs/heldout_s32/labels.json runs/heldoutXXXVIII/labels.json ;;
esac
