# Issue 22, session 33: a new machine without runs/ (PREREGISTERED.md section 0). Rebuild every registered held-out
# model, label each once with Vela, and V20 (session 32's SRAM validation set) as one folder of links.
# Call: bash rebuild_s33.sh STEP   (repo root)
set -ex
cd /work/main; . .venv/bin/activate; export JAXEFF_DATA=/work/shared/data
S24=docs/evidence/perfsage-cpu-2026-12-05-s24
S32=docs/evidence/perfsage-cpu-2026-12-06-s32
S33=docs/evidence/perfsage-cpu-2026-12-06-s33
case $1 in
  build) python -m experiments.perfsage_heldout --workdir runs/heldout_all --no-progress ;;
  shared) mkdir -p runs/real_shared/models; ln -sf $JAXEFF_DATA/tflite/*.tflite runs/real_shared/models/
          python $S24/label_all.py runs/real_shared && python $S24/label_all.py runs/real_shared --merge 1 ;;
  # $2 = K/2: one of two label shards (resumable)
  label) python $S33/label33.py runs/heldout_all $2 ;;
  merge) python $S33/label33.py runs/heldout_all --merge 2 ;;
  # runs/heldoutV20 = links to the 210 held-out models that sram_v20.md scores, with their labels
  v20) python - <<'PY'
import json, os, re
names = sorted(set(re.findall(r"heldoutV20/([A-Za-z0-9_.\-]+\.tflite)",
                              open("docs/evidence/perfsage-cpu-2026-12-06-s32/sram_v20.md").read())))
lab = json.load(open("runs/heldout_all/labels.json"))
missing = [n for n in names if n not in lab]
assert not missing, missing
os.makedirs("runs/heldoutV20/models", exist_ok=True)
for n in names:
    dst = f"runs/heldoutV20/models/{n}"
    if not os.path.lexists(dst):
        os.symlink(os.path.realpath(f"runs/heldout_all/models/{n}"), dst)
json.dump({n: lab[n] for n in names}, open("runs/heldoutV20/labels.json", "w"), indent=1)
print(len(names), "V20 held-out models;", sum(lab[n].get("npu_full", False) for n in names), "npu_full")
PY
  ;;
  # families XL (section 1; the test set): built once, labelled once; only names and npu_full are printed
  famXL) python -m experiments.perfsage_heldout --models vgg_s_224 overfeat_accurate_221 dcgan_gen_mnist_28 \
           acgan_gen_cifar_32 conv_tasnet_enc_8000 demucs_enc4_4096 vdcnn9_1024 preact_resnet18_cifar_32 \
           --workdir runs/heldoutXL --no-progress
         python $S33/label33.py runs/heldoutXL 0/1 --quiet && python $S33/label33.py runs/heldoutXL --merge 1 ;;
  # families XLI (addendum 2; the test set of B): built once, labelled once; only names and npu_full are printed
  famXLI) python -m experiments.perfsage_heldout --models char_cnn_small_1014 samplecnn_59049 soundnet8_220500 \
            inceptiontime_1000 resnet_ts_500 quartznet5x5_64x256 --workdir runs/heldoutXLI --no-progress
          python $S33/label33.py runs/heldoutXLI 0/1 --quiet && python $S33/label33.py runs/heldoutXLI --merge 1 ;;
  # families XLII (addendum 3; the test set of its candidates): built once, labelled once; names and npu_full only
  famXLII) python -m experiments.perfsage_heldout --models marblenet_3x2x64 envnet_v2_66650 abdoli_esc_16000 \
             resnet18_cifar_32 vgg16_cifar_32 nin_cifar_32 --workdir runs/heldoutXLII --no-progress
           python $S33/label33.py runs/heldoutXLII 0/1 --quiet && python $S33/label33.py runs/heldoutXLII --merge 1 ;;
  # families XLIII (addendum 5; the test set of its candidates): built once, labelled once; names and npu_full only
  famXLIII) python -m experiments.perfsage_heldout --models resnet32_cifar_32 densenet_bc100_k12_cifar_32 \
              wrn28_10_cifar_32 resnext29_8x64d_cifar_32 preact_resnet164_cifar_32 --workdir runs/heldoutXLIII --no-progress
            python $S33/label33.py runs/heldoutXLIII 0/1 --quiet && python $S33/label33.py runs/heldoutXLIII --merge 1 ;;
  # V21 = V20 + XL (outcome 4), V22 = V21 + XLI (outcome 6), V23 = V22 + XLII (outcome 9) as one folder each (links, merged labels)
  v21|v22|v23) python - $1 <<'PY'
import json, os, sys
parts = {"v21": ("heldoutV20", "heldoutXL"), "v22": ("heldoutV21", "heldoutXLI"),
         "v23": ("heldoutV22", "heldoutXLII")}[sys.argv[1]]
d = "runs/heldout" + sys.argv[1].upper()
out = {}
os.makedirs(f"{d}/models", exist_ok=True)
for h in parts:
    lab = json.load(open(f"runs/{h}/labels.json"))
    assert not set(lab) & set(out), h
    out.update(lab)
    for k in lab:
        dst = f"{d}/models/{k}"
        if not os.path.lexists(dst):
            os.symlink(os.path.realpath(f"runs/{h}/models/{k}"), dst)
json.dump(out, open(f"{d}/labels.json", "w"), indent=1)
print(len(out), d, "held-out models")
PY
  ;;
esac
