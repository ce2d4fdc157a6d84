# Issue 22, session 41: a new machine without runs/ (as in session 33). Rebuild every registered held-out model once
# and label each once with Vela (session 33's label33.py), plus the shared models' labels: all the SRAM rules need.
# Call: bash rebuild_s41.sh STEP [K/N]   (repo root)
set -ex
cd /work/main; . .venv/bin/activate; export JAXEFF_DATA=/work/shared/data
S24=docs/evidence/perfsage-cpu-2026-12-05-s24
S33=docs/evidence/perfsage-cpu-2026-12-06-s33
case $1 in
  build) date -u; python -m experiments.perfsage_heldout --workdir runs/heldout_all --no-progress; date -u ;;
  shared) mkdir -p runs/real_shared/models; ln -sf $JAXEFF_DATA/tflite/*.tflite runs/real_shared/models/
          python $S33/label33.py runs/real_shared 0/1 && python $S33/label33.py runs/real_shared --merge 1 ;;
  label) date -u; python $S33/label33.py runs/heldout_all $2; date -u ;;   # $2 = K/N (resumable)
  merge) python $S33/label33.py runs/heldout_all --merge $2 ;;
esac
