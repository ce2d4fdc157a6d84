# Issue 22, session 37 (PREREGISTERED.md): the commands behind RESULTS "Session 37".
# Call (repo root, venv on, JAXEFF_DATA set): bash docs/evidence/perfsage-cpu-2026-12-07-s37/eval_s37.sh STEP
set -ex
E=docs/evidence/perfsage-cpu-2026-12-07-s37
S36=docs/evidence/perfsage-cpu-2026-12-07-s36
export PYTHONPATH=src:.
case $1 in
  # section 1: synthetic probes (MUL on square maps, ADD with / without RELU, non-square maps) and T2's table
  probes) for g in sq add; do for s in 0 1; do python $E/probe_s37.py $g $s 2 > runs/probe37_${g}_$s.jsonl & done; wait; done
          python $E/probe_s37.py nsq > runs/probe37_nsq.jsonl
          cat runs/probe37_sq_0.jsonl runs/probe37_sq_1.jsonl > $E/probe_sq.jsonl
          cat runs/probe37_add_0.jsonl runs/probe37_add_1.jsonl > $E/probe_add.jsonl
          cp runs/probe37_nsq.jsonl $E/probe_nsq.jsonl
          python $E/write_table2_s37.py $E/probe_sq.jsonl --act 1.5 0.75 --c16 $E/probe_c16.jsonl ;;  # c16: addendum 5
  # section 1 / addendum 1: the choice on V29 (V28 + families LI), reference R'QSTU
  v29) python $E/score_s37.py score TU T2U --folders real_shared heldoutV25X heldoutXLVI heldoutXLVII heldoutXLVIII \
         heldoutXLIX heldoutL heldoutLI --out runs/score37_v29.json
       python $S36/choose_s36.py runs/score37_v29.json --choose > $E/choice_v29.md ;;
  # section 2: families LII built and labelled once (names and npu_full only)
  famLII) python -m experiments.perfsage_heldout --models attention56_224 revnet110_cifar_32 drrn_b1u9_31 memnet_m6r6_31 \
            --workdir runs/heldoutLII --no-progress
          python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutLII 0/1 --quiet
          python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutLII --merge 1
          python -c "import json; print({k: v['npu_full'] for k, v in json.load(open('runs/heldoutLII/labels.json')).items()})" ;;
esac
# section 2: families LII, SRAM (M1 headline, L2 beside), latency (both rule sets), baselines, table
case $1 in
  evalLII) JAXEFF_MAIN=$PWD SRAM_SET=heldoutLII python $E/sram_fresh_s37.py $E/sram_LII.md > /dev/null
           python $E/score_s37.py score TU T2U --folders heldoutLII --out runs/score37_lii.json
           python $S36/choose_s36.py runs/score37_lii.json > $E/fresh_LII.md
           python $S36/baselines_s36.py score --folders heldoutLII --out runs/base37_lii.json
           python $E/fresh_table_s37.py runs/score37_lii.json runs/base37_lii.json heldoutLII ${HEAD:-T2U} \
             ${OTHER:-TU} "Families LII (4 fresh)" > $E/fresh_LII_table.md ;;
esac
# the in-distribution table of R'QST2U beside R'QSTU and R'QS (mix22's test split)
case $1 in
  indist) python $E/indist_s37.py > $E/indist_s37.md ;;
esac
# addendum 2: families LIII (neutral), built and labelled once (names and npu_full only), then as LII
case $1 in
  famLIII) python -m experiments.perfsage_heldout --models ircnn_gray_128 idn_x2_64 faceboxes_512 \
             --workdir runs/heldoutLIII --no-progress
           python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutLIII 0/1 --quiet
           python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutLIII --merge 1
           python -c "import json; print({k: v['npu_full'] for k, v in json.load(open('runs/heldoutLIII/labels.json')).items()})" ;;
  evalLIII) JAXEFF_MAIN=$PWD SRAM_SET=heldoutLIII python $E/sram_fresh_s37.py $E/sram_LIII.md > /dev/null
            python $E/score_s37.py score TU T2U --folders heldoutLIII --out runs/score37_liii.json
            python $S36/choose_s36.py runs/score37_liii.json > $E/fresh_LIII.md
            python $S36/baselines_s36.py score --folders heldoutLIII --out runs/base37_liii.json
            python $E/fresh_table_s37.py runs/score37_liii.json runs/base37_liii.json heldoutLIII T2U TU \
              "Families LIII (3 fresh, neutral)" > $E/fresh_LIII_table.md ;;
esac
# addenda 3-4: the pool probes and the choice of rule V on V30 (V29 + LII + LIII), reference R'QST2U
case $1 in
  pool) python $E/probe_s37.py pool > runs/probe37_pool.jsonl; cp runs/probe37_pool.jsonl $E/probe_pool.jsonl
        python $E/probe_globalpool_s37.py > $E/probe_globalpool.txt ;;
  v30) python $E/score_s37.py score T2U T2UV --folders real_shared heldoutV25X heldoutXLVI heldoutXLVII heldoutXLVIII \
         heldoutXLIX heldoutL heldoutLI heldoutLII heldoutLIII --out runs/score37_v30.json
       python $S36/choose_s36.py runs/score37_v30.json --choose > $E/choice_v30.md ;;
esac
# addendum 3: families LIV, built and labelled once (names and npu_full only), then as LII
case $1 in
  famLIV) python -m experiments.perfsage_heldout --models tinysleepnet_cnn_3000 deepsleepnet_cnn_3000 chambon2018_2x3840 \
            --workdir runs/heldoutLIV --no-progress
          python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutLIV 0/1 --quiet
          python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutLIV --merge 1
          python -c "import json; print({k: v['npu_full'] for k, v in json.load(open('runs/heldoutLIV/labels.json')).items()})" ;;
  evalLIV) JAXEFF_MAIN=$PWD SRAM_SET=heldoutLIV python $E/sram_fresh_s37.py $E/sram_LIV.md > /dev/null
           python $E/score_s37.py score T2U T2UV --folders heldoutLIV --out runs/score37_liv.json
           python $S36/choose_s36.py runs/score37_liv.json > $E/fresh_LIV.md
           python $S36/baselines_s36.py score --folders heldoutLIV --out runs/base37_liv.json
           python $E/fresh_table_s37.py runs/score37_liv.json runs/base37_liv.json heldoutLIV ${HEAD:-T2UV} \
             ${OTHER:-T2U} "Families LIV (3 fresh)" > $E/fresh_LIV_table.md ;;
esac
# the seven fresh models of this session that Vela maps fully, as one set
case $1 in
  pool) python $E/pool_s37.py runs/score37_fresh7.json
        python $S36/choose_s36.py runs/score37_fresh7.json > $E/fresh_pooled7.md ;;
esac
# addendum 5: depth-16 probes, the table, and the choice of T2-16 on V30, reference R'QST2U
case $1 in
  c16) for s in 0 1; do python $E/probe_s37.py c16 $s 2 > runs/probe37_c16_$s.jsonl & done; wait
       cat runs/probe37_c16_0.jsonl runs/probe37_c16_1.jsonl > $E/probe_c16.jsonl
       python $E/write_table2_s37.py $E/probe_sq.jsonl --act 1.5 0.75 --c16 $E/probe_c16.jsonl ;;
  v30c16) python $E/score_s37.py score T2U T216U --folders real_shared heldoutV25X heldoutXLVI heldoutXLVII \
            heldoutXLVIII heldoutXLIX heldoutL heldoutLI heldoutLII heldoutLIII --out runs/score37_v30c16.json
          python $S36/choose_s36.py runs/score37_v30c16.json --choose > $E/choice_v30_c16.md ;;
esac
# addendum 6: families LV (a fresh test of T2-16), built and labelled once, then as LII
case $1 in
  famLV) python -m experiments.perfsage_heldout --models preact_resnet110_cifar_32 revnet38_cifar_32 \
           --workdir runs/heldoutLV --no-progress
         python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutLV 0/1 --quiet
         python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutLV --merge 1
         python -c "import json; print({k: v['npu_full'] for k, v in json.load(open('runs/heldoutLV/labels.json')).items()})" ;;
  evalLV) JAXEFF_MAIN=$PWD SRAM_SET=heldoutLV python $E/sram_fresh_s37.py $E/sram_LV.md > /dev/null
          python $E/score_s37.py score T2U T216U --folders heldoutLV --out runs/score37_lv.json
          python $S36/choose_s36.py runs/score37_lv.json > $E/fresh_LV.md
          python $S36/baselines_s36.py score --folders heldoutLV --out runs/base37_lv.json
          python $E/fresh_table_s37.py runs/score37_lv.json runs/base37_lv.json heldoutLV T216U T2U \
            "Families LV (2 fresh)" > $E/fresh_LV_table.md ;;
esac
# the nine fresh models of families LII-LV that Vela maps fully, each under the configuration recommended when scored
case $1 in
  pool9) python $E/pool9_s37.py runs/score37_fresh9.json
         python $S36/choose_s36.py runs/score37_fresh9.json > $E/fresh_pooled9.md ;;
esac
# addendum 7: V31's held-out folders as one (links, merged labels), the SRAM choice of N1 on it
case $1 in
  v31x) . docs/evidence/perfsage-cpu-2026-12-06-s28/real_study_s28.sh ""
        merged heldoutV31X heldoutV28X heldoutLI heldoutLII heldoutLIII heldoutLIV heldoutLV ;;
  sram31) JAXEFF_MAIN=$PWD python $E/sram_v31.py $E/sram_v31.md ;;
esac
# addendum 7: families LVI, built and labelled once (names and npu_full only); SRAM N1 (M1 beside), latency with V beside
case $1 in
  famLVI) python -m experiments.perfsage_heldout --models sbcnn_128 fcn4_96x1366 --workdir runs/heldoutLVI --no-progress
          python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutLVI 0/1 --quiet
          python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutLVI --merge 1
          python -c "import json; print({k: v['npu_full'] for k, v in json.load(open('runs/heldoutLVI/labels.json')).items()})" ;;
  evalLVI) JAXEFF_MAIN=$PWD SRAM_SET=heldoutLVI python $E/sram_fresh_s37.py $E/sram_LVI.md > /dev/null
           python $E/score_s37.py score T216U T216UV --folders heldoutLVI --out runs/score37_lvi.json
           python $S36/choose_s36.py runs/score37_lvi.json > $E/fresh_LVI.md
           python $S36/baselines_s36.py score --folders heldoutLVI --out runs/base37_lvi.json
           python $E/fresh_table_s37.py runs/score37_lvi.json runs/base37_lvi.json heldoutLVI T216U T216UV \
             "Families LVI (2 fresh)" > $E/fresh_LVI_table.md ;;
esac
# the eleven fresh models of families LII-LVI that Vela maps fully, each under the configuration recommended when scored
case $1 in
  pool11) python $E/pool9_s37.py runs/score37_fresh11.json --lvi
          python $S36/choose_s36.py runs/score37_fresh11.json > $E/fresh_pooled11.md ;;
esac
# addendum 8: rule Z's kappa on mix22's training split, then the choice of VZ (and Z) on V32 (V30 + LIV + LV + LVI)
case $1 in
  zfit) python $E/zfit_s37.py > $E/zfit_s37.txt ;;
  v32) python $E/score_s37.py score T216U T216UVZ T216UZ --folders real_shared heldoutV25X heldoutXLVI heldoutXLVII \
         heldoutXLVIII heldoutXLIX heldoutL heldoutLI heldoutLII heldoutLIII heldoutLIV heldoutLV heldoutLVI \
         --out runs/score37_v32.json
       python $S36/choose_s36.py runs/score37_v32.json --choose > $E/choice_v32.md ;;
esac
# addendum 8: families LVII, built and labelled once (names and npu_full only)
case $1 in
  famLVII) python -m experiments.perfsage_heldout --models tsception_28x512 tsinalis2016_15000 --workdir runs/heldoutLVII \
             --no-progress
           python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutLVII 0/1 --quiet
           python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutLVII --merge 1
           python -c "import json; print({k: v['npu_full'] for k, v in json.load(open('runs/heldoutLVII/labels.json')).items()})" ;;
  evalLVII) JAXEFF_MAIN=$PWD SRAM_SET=heldoutLVII python $E/sram_fresh_s37.py $E/sram_LVII.md > /dev/null
            python $E/score_s37.py score T216U T216UVZ --folders heldoutLVII --out runs/score37_lvii.json
            python $S36/choose_s36.py runs/score37_lvii.json > $E/fresh_LVII.md
            python $S36/baselines_s36.py score --folders heldoutLVII --out runs/base37_lvii.json
            python $E/fresh_table_s37.py runs/score37_lvii.json runs/base37_lvii.json heldoutLVII ${HEAD:-T216U} \
              ${OTHER:-T216UVZ} "Families LVII (2 fresh)" > $E/fresh_LVII_table.md ;;
esac
# the twelve fresh models of families LII-LVII that Vela maps fully, each under the configuration recommended when scored
case $1 in
  pool12) python $E/pool9_s37.py runs/score37_fresh12.json --lvi --lvii
          python $S36/choose_s36.py runs/score37_fresh12.json > $E/fresh_pooled12.md ;;
esac
