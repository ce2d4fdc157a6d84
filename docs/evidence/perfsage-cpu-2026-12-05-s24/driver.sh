# Issue 22, session 24: the order the steps of real_study_s24.sh ran in (after rebuild.sh and the agg step)
S=docs/evidence/perfsage-cpu-2026-12-05-s24/real_study_s24.sh
cd /work/main
while [ ! -e runs/heldout_all/labels.json ] || [ ! -e runs/ds_agg/card.md -a ! -e runs/mix17/shards ]; do sleep 10; done
bash $S prep
for r in e2 g h; do
  bash $S ${r}a > /tmp/s24_${r}a.log 2>&1 &
  bash $S ${r}b > /tmp/s24_${r}b.log 2>&1
  wait
done
