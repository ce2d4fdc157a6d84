# Issue 22, session 24: addendum 1's steps, after driver.sh's last rule (H) finished
S=docs/evidence/perfsage-cpu-2026-12-05-s24/real_study_s24c.sh
cd /work/main
while pgrep -f "driver.sh" > /dev/null; do sleep 15; done
for r in hb hc; do
  bash $S ${r}a > /tmp/s24_${r}a.log 2>&1 &
  bash $S ${r}b > /tmp/s24_${r}b.log 2>&1
  wait
done
