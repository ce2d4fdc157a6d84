# Issue 22, session 25: section 2's runs in order, two processes (A: I s0, s1, I-rec s0; B: I s2, I-rec s1, s2)
S=docs/evidence/perfsage-cpu-2026-12-06-s25/real_study_s25.sh
cd /work/main
bash $S prep > /tmp/s25_prep.log 2>&1 || exit 1
(bash $S ia > /tmp/s25_ia.log 2>&1; bash $S ira > /tmp/s25_ira.log 2>&1) &
(bash $S ib > /tmp/s25_ib.log 2>&1; bash $S irb > /tmp/s25_irb.log 2>&1)
wait
