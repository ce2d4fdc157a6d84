# Issue 22, session 36 (PREREGISTERED.md): the commands behind RESULTS "Session 36".
# Call (repo root, venv on, JAXEFF_DATA set): bash docs/evidence/perfsage-cpu-2026-12-07-s36/eval_s36.sh STEP
set -ex
E=docs/evidence/perfsage-cpu-2026-12-07-s36
export PYTHONPATH=src:.
case $1 in
  # section 1: probes that fix rules T and U (synthetic single operators)
  probes) for k in T T2 U; do python $E/probe_s36.py $k > $E/probe$k.md; done ;;
  # section 1: check the light scorer against session 35's study runs, then score V27 with R'QS, T, U, TU
  check) python $E/score_s36.py check > $E/score_check.txt ;;
  v27) python $E/score_s36.py score RQS T U TU --folders real_shared heldoutV25X heldoutXLVI heldoutXLVII \
         --out runs/score36_v27.json
       python $E/choose_s36.py runs/score36_v27.json --choose > $E/choice_v27.md ;;
  # section 2: families XLVIII built and labelled once (names and npu_full only)
  famXLVIII) python -m experiments.perfsage_heldout --models edsr_baseline_x2_64 ffdnet_gray_128 superpoint_240x320 \
               csrnet_b_256 srresnet_x4_32 --workdir runs/heldoutXLVIII --no-progress
             python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutXLVIII 0/1 --quiet
             python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutXLVIII --merge 1
             python -c "import json; print({k: v['npu_full'] for k, v in json.load(open('runs/heldoutXLVIII/labels.json')).items()})" ;;
esac
# section 2: the headline folder (addendum 1: EDSR-baseline x2 left out), SRAM on both folders, latency by the light scorer
case $1 in
  h48) rm -rf runs/heldoutXLVIIIh; mkdir -p runs/heldoutXLVIIIh/models
       for m in ffdnet_gray_128 superpoint_240x320 csrnet_b_256 srresnet_x4_32; do
         ln -s $PWD/runs/heldoutXLVIII/models/$m.tflite runs/heldoutXLVIIIh/models/; done
       python -c "import json; l = json.load(open('runs/heldoutXLVIII/labels.json')); json.dump({k: v for k, v in l.items() if not k.startswith('edsr_')}, open('runs/heldoutXLVIIIh/labels.json', 'w'), indent=1)" ;;
  sram48) JAXEFF_MAIN=$PWD SRAM_SET=heldoutXLVIIIh python $E/sram_fresh_s36.py $E/sram_XLVIII.md > /dev/null
          JAXEFF_MAIN=$PWD SRAM_SET=heldoutXLVIII python $E/sram_fresh_s36.py $E/sram_XLVIII_all.md > /dev/null ;;
  lat48) python $E/score_s36.py score RQS TU --folders heldoutXLVIIIh heldoutXLVIII --out runs/score36_xlviii.json
         python $E/choose_s36.py runs/score36_xlviii.json --only heldoutXLVIIIh > $E/fresh_XLVIII.md
         python $E/choose_s36.py runs/score36_xlviii.json --only heldoutXLVIII > $E/fresh_XLVIII_all.md ;;
esac
# addendum 3: families XLIX built and labelled once (names and npu_full only), then SRAM and latency as for XLVIII
case $1 in
  famXLIX) python -m experiments.perfsage_heldout --models resnet_v2_50_224 resunet_224 utime_4096 \
             --workdir runs/heldoutXLIX --no-progress
           python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutXLIX 0/1 --quiet
           python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutXLIX --merge 1
           python -c "import json; print({k: v['npu_full'] for k, v in json.load(open('runs/heldoutXLIX/labels.json')).items()})" ;;
  sram49) JAXEFF_MAIN=$PWD SRAM_SET=heldoutXLIX python $E/sram_fresh_s36.py $E/sram_XLIX.md > /dev/null ;;
  lat49) python $E/score_s36.py score RQS TU --folders heldoutXLIX --out runs/score36_xlix.json
         python $E/choose_s36.py runs/score36_xlix.json > $E/fresh_XLIX.md ;;
esac
# the MACs+bytes linear and old-predictor baselines on the fresh sets (checked against session 35's rows first), tables
case $1 in
  base) python $E/baselines_s36.py check
        python $E/baselines_s36.py score --folders heldoutXLVIIIh heldoutXLVIII heldoutXLIX --out runs/base36_48_49.json
        python $E/fresh_table_s36.py runs/score36_xlviii.json runs/base36_48_49.json heldoutXLVIIIh "Families XLVIII (headline, 4 fresh)" > $E/fresh_XLVIII_table.md
        python $E/fresh_table_s36.py runs/score36_xlviii.json runs/base36_48_49.json heldoutXLVIII "Families XLVIII (all five, EDSR not fresh)" > $E/fresh_XLVIII_all_table.md
        python $E/fresh_table_s36.py runs/score36_xlix.json runs/base36_48_49.json heldoutXLIX "Families XLIX (3 fresh)" > $E/fresh_XLIX_table.md ;;
esac
# addendum 4: families L built and labelled once (names and npu_full only), SRAM, latency, baselines, table
case $1 in
  famL) python -m experiments.perfsage_heldout --models rdn_x2_32 l3net_audio_257x199 simplenet_cifar_32 \
          --workdir runs/heldoutL --no-progress
        python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutL 0/1 --quiet
        python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutL --merge 1
        python -c "import json; print({k: v['npu_full'] for k, v in json.load(open('runs/heldoutL/labels.json')).items()})" ;;
  evalL) JAXEFF_MAIN=$PWD SRAM_SET=heldoutL python $E/sram_fresh_s36.py $E/sram_L.md > /dev/null
         python $E/score_s36.py score RQS TU --folders heldoutL --out runs/score36_l.json
         python $E/choose_s36.py runs/score36_l.json > $E/fresh_L.md
         python $E/baselines_s36.py score --folders heldoutL --out runs/base36_l.json
         python $E/fresh_table_s36.py runs/score36_l.json runs/base36_l.json heldoutL "Families L (3 fresh)" > $E/fresh_L_table.md ;;
esac
# addendum 5: the T' probe table, the library table, and the choice on V28 (V27 + XLVIII + XLIX)
case $1 in
  tp) python $E/probe_s36.py Tp > runs/probeTp.jsonl; cp runs/probeTp.jsonl $E/probeTp.jsonl
      python $E/write_table_s36.py runs/probeTp.jsonl ;;
  v28) python $E/score_s36.py score TU TpU --folders real_shared heldoutV25X heldoutXLVI heldoutXLVII heldoutXLVIII \
         heldoutXLIX --out runs/score36_v28.json
       python $E/choose_s36.py runs/score36_v28.json --choose > $E/choice_v28.md ;;
esac
# the in-distribution table of R'QSTU beside R'QS (mix22's test split)
case $1 in
  indist) python $E/indist_s36.py > $E/indist_s36.txt
          python $E/indist2_s36.py > $E/indist2_s36.md ;;
esac
# the ten fresh models as one set
case $1 in
  pool) python $E/pool_s36.py runs/score36_fresh10.json
        python $E/choose_s36.py runs/score36_fresh10.json > $E/fresh_pooled10.md ;;
esac
# addendum 6: V28's held-out folders as one (links, merged labels), the SRAM choice on it
case $1 in
  v28x) . docs/evidence/perfsage-cpu-2026-12-06-s28/real_study_s28.sh ""
        merged heldoutV28X heldoutV25X heldoutXLVI heldoutXLVII heldoutXLVIII heldoutXLIX heldoutL ;;
  sram28) JAXEFF_MAIN=$PWD python $E/sram_v28.py $E/sram_v28.md ;;
esac
# addendum 6: families LI built and labelled once (names and npu_full only), then SRAM (M1 headline, L2 beside) and latency
case $1 in
  famLI) python -m experiments.perfsage_heldout --models preact_resnet34_224 densenet161_224 --workdir runs/heldoutLI \
           --no-progress
         python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutLI 0/1 --quiet
         python docs/evidence/perfsage-cpu-2026-12-06-s33/label33.py runs/heldoutLI --merge 1
         python -c "import json; print({k: v['npu_full'] for k, v in json.load(open('runs/heldoutLI/labels.json')).items()})" ;;
  evalLI) JAXEFF_MAIN=$PWD SRAM_SET=heldoutLI python $E/sram_fresh_s36.py $E/sram_LI.md > /dev/null
          python $E/score_s36.py score RQS TU --folders heldoutLI --out runs/score36_li.json
          python $E/choose_s36.py runs/score36_li.json > $E/fresh_LI.md
          python $E/baselines_s36.py score --folders heldoutLI --out runs/base36_li.json
          python $E/fresh_table_s36.py runs/score36_li.json runs/base36_li.json heldoutLI "Families LI (2 fresh)" > $E/fresh_LI_table.md ;;
esac
