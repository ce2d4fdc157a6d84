#!/bin/bash
# Issue 22, session 44 (PREREGISTERED.md): the steps, one case per step, from the repo root with the venv on,
# JAXEFF_DATA and JAXEFF_MAIN set and PYTHONPATH=src:. ; runs/ as session 43 left it (+ the LXXIII parts built here).
set -e
E=docs/evidence/perfsage-cpu-2026-12-08-s44
E43=docs/evidence/perfsage-cpu-2026-12-08-s43
E42=docs/evidence/perfsage-cpu-2026-12-07-s42
S36=docs/evidence/perfsage-cpu-2026-12-07-s36
P=T216UVZ1RWK100+Q2O2P1+PL2a  # the recommended reading at the start of the session (session 43)
V46="real_shared heldoutV41 heldoutLXVII heldoutLXVIII heldoutLXIX heldoutLXX heldoutLXXI heldoutLXXII"

case $1 in
  # section 2: the probes (a helper's; about 80 s, one process)
  probe) python $E/probe_44.py ;;
  # addendum 1: G1 / AB / AS / GABS on V46 against the reference, and the choice (one run: ~12 GB)
  v46) python $E/score_s44.py score $P $P+G1 $P+AB $P+AS $P+GABS --folders $V46 --out runs/score44_v46.json
       python $S36/choose_s36.py runs/score44_v46.json --choose > $E/choice_v46.md ;;
  *) echo "usage: eval_s44.sh probe|v46" >&2
     exit 2 ;;
esac
