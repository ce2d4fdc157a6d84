# Issue 22, session 23: the tables of this folder from the study runs (nothing trained). Call: bash tables.sh
set -ex
cd /work/main; . .venv/bin/activate
E=docs/evidence/perfsage-cpu-2026-12-05-s23
CU="PerfSAGE capped, per-op sum on unseen op types (ours)"
XVII="vovnet27_slim_224.tflite yolov5n_320.tflite unetpp_128.tflite retinaface_mnet025_320.tflite"
XVIII="se_resnet50_224.tflite nin_224.tflite spnasnet100_224.tflite efficientnet_edgetpu_s_224.tflite"
seeds() { python -m experiments.perfsage_seeds runs/psage_rs23$1_s0 runs/psage_rs23$1_s1 runs/psage_rs23$1_s2 \
            --a "$CU" "${@:3}" --out $E/$2.md > /dev/null; }
# V4 (validation): rules E', E'' and E'''
seeds e2 v4_Eprime --pooled
seeds e3 v4_Eprime2 --pooled
seeds e4 v4_Eprime3 --pooled
# families XVII / XVIII (test): each rule on all eight and on each family
for r in eT:E e2T:Eprime e3T:Eprime2 e4T:Eprime3; do
  [ -e runs/psage_rs23${r%%:*}_s2/results.json ] || continue
  seeds ${r%%:*} fam17_18_${r#*:}
  seeds ${r%%:*} fam17_${r#*:} --only $XVII
  seeds ${r%%:*} fam18_${r#*:} --only $XVIII
done
# addendum 3: rule G on V4, and rules E' and G on families XIX
[ -e runs/psage_rs23g_s2/results.json ] && seeds g v4_G --pooled
for r in e2T19:Eprime gT19:G; do
  [ -e runs/psage_rs23${r%%:*}_s2/results.json ] && seeds ${r%%:*} fam19_${r#*:}
done
