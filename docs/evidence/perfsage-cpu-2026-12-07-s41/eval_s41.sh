#!/bin/bash
# Issue 22, session 41 addenda 5-6 (PREREGISTERED.md): the latency steps, one case per step, from the repo root with the
# venv on, JAXEFF_DATA set and PYTHONPATH=src:. ; after `rebuild_s34.sh all` (session 34) has rebuilt rule O.
set -e
E=docs/evidence/perfsage-cpu-2026-12-07-s41
S40=docs/evidence/perfsage-cpu-2026-12-07-s40
S36=docs/evidence/perfsage-cpu-2026-12-07-s36
link() {  # link FOLDER NAME... : runs/FOLDER = links into runs/heldout_all and those models' labels
  python - "$@" <<'PY'
import json, os, sys
d, names = f"runs/{sys.argv[1]}", [n + ".tflite" for n in sys.argv[2:]]
lab = json.load(open("runs/heldout_all/labels.json"))
os.makedirs(f"{d}/models", exist_ok=True)
for n in names:
    if not os.path.lexists(f"{d}/models/{n}"):
        os.symlink(os.path.realpath(f"runs/heldout_all/models/{n}"), f"{d}/models/{n}")
json.dump({n: lab[n] for n in names}, open(f"{d}/labels.json", "w"), indent=1)
print(d, len(names))
PY
}
evalset() {  # evalset FOLDER TAG TITLE: headline T216UVZ1RWK100, T216UVZ1RW beside it
  python $S40/score_s40.py score T216UVZ1RWK100 T216UVZ1RW --folders $1 --out runs/score41_$2.json
  python $S36/choose_s36.py runs/score41_$2.json > $E/fresh_$2.md
  python $S36/baselines_s36.py score --folders $1 --out runs/base41_$2.json
  python $S40/fresh_table_s40.py runs/score41_$2.json runs/base41_$2.json $1 T216UVZ1RWK100 T216UVZ1RW "$3" \
    > $E/fresh_$2_table.md
}
case $1 in
  resave) for s in 0 1 2; do python $E/resave_s41.py $s; done ;;
  links) link heldoutLXIV acharya_arrhythmia_ecg_260 acharya_seizure_eeg_4097 ronao_har_cnn_128x6 yildirim_arrhythmia_ecg_3600
         link heldoutLXV xresnet1d50_ptbxl_1000x12 ;;
  # addendum 5 item 1: reproduction on session 40's read fresh sets (tables compared with session 40's)
  repro) evalset heldoutLXIV LXIV "Families LXIV (read; session 41 rebuild)"
         evalset heldoutLXV LXV "Family LXV (read; session 41 rebuild)"
         evalset heldoutLXVI LXVI "Families LXVI (read; session 41 rebuild)" ;;
  # addendum 5 item 2: the latency test
  fresh) evalset heldoutLXVII LXVII "Families LXVII (fresh)"
         evalset heldoutLXVIII LXVIII "Families LXVIII (fresh for latency; siblings of read models)"
         python $S40/pool_s40.py runs/score41_pooled.json runs/score41_LXVII.json runs/score41_LXVIII.json
         python $S36/choose_s36.py runs/score41_pooled.json > $E/fresh_pooled_s41.md ;;
esac
# addendum 5 item 1, "if time allows": V33 as the SRAM V33 list of session 39's sram_v33h.md (shared + 273 held-out)
case $1 in
  v33) names=$(python -c "
import re
t = open('docs/evidence/perfsage-cpu-2026-12-07-s39/sram_v33h.md').read()
print(' '.join(sorted({n[:-7] for n in re.findall(r'^\| heldoutV33X/([^ |]+\.tflite) \|', t, re.M)})))")
       link heldoutV33S $names
       python $S40/score_s40.py score T216UVZ1RWK100 --folders real_shared heldoutV33S --out runs/score41_v33.json
       python $S36/choose_s36.py runs/score41_v33.json > $E/repro_v33_s41.md ;;
esac
