#!/bin/bash
# Issue 22, session 38 (PREREGISTERED.md): every step of this session, one case per step, run from the repo root with
# the venv on, JAXEFF_DATA set and PYTHONPATH=src:. ; the folders under runs/ are session 37's (its eval_s37.sh).
set -e
. docs/evidence/perfsage-cpu-2026-12-06-s28/real_study_s28.sh ""  # merged(); it sets E, so E is set after it
E=docs/evidence/perfsage-cpu-2026-12-07-s38
S37=docs/evidence/perfsage-cpu-2026-12-07-s37
S36=docs/evidence/perfsage-cpu-2026-12-07-s36
# section 1: V33 = V31X + families LVI + LVII as one folder; the SRAM choice among N1, N1', N2
case $1 in
  v33x) merged heldoutV33X heldoutV31X heldoutLVI heldoutLVII ;;
  sram33) JAXEFF_MAIN=$PWD python $E/sram_v33.py $E/sram_v33.md ;;
esac
# addendum 2: V33 (latency) = V32's folders + families LVII; Z1 / Z2 against T216UVZ by section 2's criteria
case $1 in
  v33) python $E/score_s38.py score T216UVZ T216UVZ1 T216UVZ2 --folders real_shared heldoutV25X heldoutXLVI heldoutXLVII \
         heldoutXLVIII heldoutXLIX heldoutL heldoutLI heldoutLII heldoutLIII heldoutLIV heldoutLV heldoutLVI heldoutLVII \
         --out runs/score38_v33.json
       python $S36/choose_s36.py runs/score38_v33.json --choose > $E/choice_v33.md ;;
esac
# section 3 + addendum 1: families LVIII (built and labelled once by the helpers into runs/heldoutLVIII_A, _B, _C: names
# and npu_full only) as one folder, without samplecnn_59049 (not fresh: addendum 1); then as session 37's fresh sets
case $1 in
  famLVIII) rm -rf runs/heldoutLVIII; mkdir -p runs/heldoutLVIII/models
            python -c "
import json, os
out = {}
for h in ('heldoutLVIII_A', 'heldoutLVIII_B', 'heldoutLVIII_C'):
    for k, v in json.load(open(f'runs/{h}/labels.json')).items():
        if k != 'samplecnn_59049.tflite':
            out[k] = v
            os.symlink(os.path.realpath(f'runs/{h}/models/{k}'), f'runs/heldoutLVIII/models/{k}')
json.dump(out, open('runs/heldoutLVIII/labels.json', 'w'), indent=1)
print({k: v['npu_full'] for k, v in out.items()})" ;;
  evalLVIII) JAXEFF_MAIN=$PWD SRAM_SET=heldoutLVIII python $E/sram_fresh_s38.py $E/sram_LVIII.md > /dev/null
             python $E/score_s38.py score T216UVZ1 T216U T216UVZ --folders heldoutLVIII --out runs/score38_lviii.json
             python $S36/choose_s36.py runs/score38_lviii.json > $E/fresh_LVIII.md
             python $S36/baselines_s36.py score --folders heldoutLVIII --out runs/base38_lviii.json
             python $E/fresh_table_s38.py runs/score38_lviii.json runs/base38_lviii.json heldoutLVIII T216UVZ1 T216U \
               "Families LVIII (fresh)" > $E/fresh_LVIII_table.md ;;
esac
# addendum 4: the SRAM choice between N1' and R on V33
case $1 in
  sram33r) JAXEFF_MAIN=$PWD python $E/sram_v33r.py $E/sram_v33r.md ;;
esac
# addendum 3: Y on top of addendum 2's choice (T216UVZ1, outcome 2) on V33
case $1 in
  v33y) python $E/score_s38.py score T216UVZ1 T216UVZ1Y --folders real_shared heldoutV25X heldoutXLVI heldoutXLVII \
          heldoutXLVIII heldoutXLIX heldoutL heldoutLI heldoutLII heldoutLIII heldoutLIV heldoutLV heldoutLVI heldoutLVII \
          --out runs/score38_v33y.json
        python $S36/choose_s36.py runs/score38_v33y.json --choose > $E/choice_v33y.md ;;
esac
# addendum 5: SwiftNet-RN18 (built and labelled once by its helper into runs/heldoutLIX_F: name and npu_full only)
case $1 in
  famLIX) merged heldoutLIX heldoutLIX_F ;;
  evalLIX) JAXEFF_MAIN=$PWD SRAM_SET=heldoutLIX python $E/sram_fresh_s38.py $E/sram_LIX.md > /dev/null
           python $E/score_s38.py score T216UVZ1 T216UVZ --folders heldoutLIX --out runs/score38_lix.json
           python $S36/choose_s36.py runs/score38_lix.json > $E/fresh_LIX.md
           python $S36/baselines_s36.py score --folders heldoutLIX --out runs/base38_lix.json
           python $E/fresh_table_s38.py runs/score38_lix.json runs/base38_lix.json heldoutLIX T216UVZ1 T216UVZ \
             "Families LIX (SwiftNet-RN18, fresh)" > $E/fresh_LIX_table.md ;;
esac
# the fresh models of this session that Vela maps fully as one set (four), and with session 37's twelve (sixteen)
case $1 in
  pool) python $E/pool_s38.py runs/score38_fresh4.json
        python $S36/choose_s36.py runs/score38_fresh4.json > $E/fresh_pooled4.md
        python $E/pool_s38.py runs/score38_fresh16.json --s37
        python $S36/choose_s36.py runs/score38_fresh16.json > $E/fresh_pooled16.md ;;
esac
# the in-distribution table of the recommended reading (mix22's test split)
case $1 in
  indist) python $E/indist_s38.py > $E/indist_s38.md ;;
esac
# addendum 6: the SRAM choice between R and E1 on V33
case $1 in
  sram33e) JAXEFF_MAIN=$PWD python $E/sram_v33e.py $E/sram_v33e.md ;;
esac
# addendum 6: families LX (built and labelled once by their helper into runs/heldoutLX: names and npu_full only)
case $1 in
  evalLX) JAXEFF_MAIN=$PWD SRAM_SET=heldoutLX python $E/sram_fresh_s38.py $E/sram_LX.md > /dev/null
          python $E/score_s38.py score T216UVZ1 T216UVZ --folders heldoutLX --out runs/score38_lx.json
          python $S36/choose_s36.py runs/score38_lx.json > $E/fresh_LX.md
          python $S36/baselines_s36.py score --folders heldoutLX --out runs/base38_lx.json
          python $E/fresh_table_s38.py runs/score38_lx.json runs/base38_lx.json heldoutLX T216UVZ1 T216UVZ \
            "Families LX (fresh)" > $E/fresh_LX_table.md ;;
esac
# with families LX: the six fresh models of this session, and with session 37's twelve (eighteen)
case $1 in
  pool6) python $E/pool_s38.py runs/score38_fresh6.json --lx
         python $S36/choose_s36.py runs/score38_fresh6.json > $E/fresh_pooled6.md
         python $E/pool_s38.py runs/score38_fresh18.json --s37 --lx
         python $S36/choose_s36.py runs/score38_fresh18.json > $E/fresh_pooled18.md ;;
esac
# addendum 7: A16 / R16 on top of T216UVZ1 on V33
case $1 in
  v33d) python $E/score_s38.py score T216UVZ1 T216UVZ1A T216UVZ1R T216UVZ1AR --folders real_shared heldoutV25X \
          heldoutXLVI heldoutXLVII heldoutXLVIII heldoutXLIX heldoutL heldoutLI heldoutLII heldoutLIII heldoutLIV heldoutLV \
          heldoutLVI heldoutLVII --out runs/score38_v33d.json
        python $S36/choose_s36.py runs/score38_v33d.json --choose > $E/choice_v33d.md ;;
esac
# addendum 7: families LXI (built and labelled once by their helper into runs/heldoutLXI: names and npu_full only);
# HEAD = the reading addendum 7's choice recommends
case $1 in
  evalLXI) JAXEFF_MAIN=$PWD SRAM_SET=heldoutLXI python $E/sram_fresh_s38.py $E/sram_LXI.md > /dev/null
           python $E/score_s38.py score $HEAD T216UVZ1 --folders heldoutLXI --out runs/score38_lxi.json
           python $S36/choose_s36.py runs/score38_lxi.json > $E/fresh_LXI.md
           python $S36/baselines_s36.py score --folders heldoutLXI --out runs/base38_lxi.json
           python $E/fresh_table_s38.py runs/score38_lxi.json runs/base38_lxi.json heldoutLXI $HEAD T216UVZ1 \
             "Families LXI (fresh)" > $E/fresh_LXI_table.md ;;
esac
# with families LXI: the eight fresh models of this session, and with session 37's twelve (twenty)
case $1 in
  pool8) python $E/pool_s38.py runs/score38_fresh8.json --lx --lxi
         python $S36/choose_s36.py runs/score38_fresh8.json > $E/fresh_pooled8.md
         python $E/pool_s38.py runs/score38_fresh20.json --s37 --lx --lxi
         python $S36/choose_s36.py runs/score38_fresh20.json > $E/fresh_pooled20.md ;;
esac
