# Issue 22, session 31 addendum 2: finishing families XXXVII after Vela 5.2 refused alexnet_owt_224 ("Non-passthrough
# operation (Conv2D) could not run on NPU": it folds the PAD into the stride-4 convolution, which it cannot split then),
# which stopped shard 0 of real_study_s31c.sh fam37's labelling. AlexNet is set aside (reported, not labelled or
# scored) and the other three are labelled as fam_build does. Call (repo root, venv on, JAXEFF_DATA set):
#   bash docs/evidence/perfsage-cpu-2026-12-06-s31/real_study_s31d.sh fam37b
set -ex
L=docs/evidence/perfsage-cpu-2026-12-05-s24/label_all.py
case $1 in
  fam37b) mkdir -p runs/heldout_s31c/refused
          if [ -f runs/heldout_s31c/models/alexnet_owt_224.tflite ]; then
            mv runs/heldout_s31c/models/alexnet_owt_224.tflite runs/heldout_s31c/refused/; fi
          for k in 0 1; do python $L runs/heldout_s31c $k/2 & done; wait
          python $L runs/heldout_s31c --merge 2
          rm -rf runs/heldoutXXXVII; mkdir -p runs/heldoutXXXVII/models
          ln -sf $PWD/runs/heldout_s31c/models/*.tflite runs/heldoutXXXVII/models/
          cp runs/heldout_s31c/labels.json runs/heldoutXXXVII/labels.json ;;
esac
