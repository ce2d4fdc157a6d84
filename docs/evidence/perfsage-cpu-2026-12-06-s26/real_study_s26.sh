# Issue 22, session 26: the commands behind docs/RESULTS.md "Session 26" (2 CPU cores, shared).
# PREREGISTERED.md (this folder) was committed before any of it ran. Call: bash real_study_s26.sh STEP [SEEDS]
# Nothing is retrained: rule I's saved predictors (runs/psage_rs25i_s*) are reused; each study run adds rule J's
# rows (margins 0 and 0.25, the default --node-margins) and saves the predictor with its training split's box.
set -ex
. docs/evidence/perfsage-cpu-2026-12-06-s25/real_study_s25b.sh ""   # names, RULE, ev25 (H, SEEDS, PRE), fam_build
E=docs/evidence/perfsage-cpu-2026-12-06-s26
export PRE=rs26
case $1 in
  # V8 = V6 + families XXII / XXIII + families XXIV (118 held-out models; the 11 shared ones are the "real" set)
  v8) rm -rf runs/heldoutV8; mkdir -p runs/heldoutV8/models
      for h in heldoutV6 heldoutXXIIXXIII heldoutXXIV; do ln -sf $(readlink -f runs/$h/models/*.tflite) runs/heldoutV8/models/; done
      python -c "
import json; d = {}
for h in ('heldoutV6', 'heldoutXXIIXXIII', 'heldoutXXIV'):
    a = json.load(open(f'runs/{h}/labels.json')); assert not set(a) & set(d); d |= a
json.dump(d, open('runs/heldoutV8/labels.json', 'w'), indent=1); print(len(d), 'labels')" ;;
  # families XXV (test), built and labelled once by Vela (two labelling processes)
  fam) fam_build heldout_s26 heldoutXXV $(names SESSION26) $(names SESSION26B) ;;
  # addendum 3: families XXVI (fresh replication), built and labelled once, then J25-ens etc. on them ($2: seeds)
  fam26) fam_build heldout_s26b heldoutXXVI $(names SESSION26C) $(names SESSION26D) $(names SESSION26E) \
           $(names SESSION26F) ;;
  t26) H=heldoutXXVI SEEDS="$2" ev25 j26 runs/psage_rs25i runs/mix18 --forest-context ;;
  # addendum 4: families XXVII (small fresh models), built and labelled once, then J25-ens etc. on them ($2: seeds)
  fam27) fam_build heldout_s26c heldoutXXVII $(names SESSION26G) $(names SESSION26H) ;;
  t27) H=heldoutXXVII SEEDS="$2" ev25 j27 runs/psage_rs25i runs/mix18 --forest-context ;;
  # rule I's three seeds on V8, with rule J's rows ($2: the seeds of this process)
  j) H=heldoutV8 SEEDS="$2" ev25 j8 runs/psage_rs25i runs/mix18 --forest-context ;;
  # the same on families XXV (test; read only after the choice on V8)
  t) H=heldoutXXV SEEDS="$2" ev25 jT runs/psage_rs25i runs/mix18 --forest-context ;;
esac
