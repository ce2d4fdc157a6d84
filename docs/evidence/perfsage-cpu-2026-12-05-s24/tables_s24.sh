# Issue 22, session 24: the tables of this folder from the study runs (nothing trained). Call: bash tables_s24.sh
set -ex
cd /work/main; . .venv/bin/activate; export JAXEFF_DATA=/work/shared/data
E=docs/evidence/perfsage-cpu-2026-12-05-s24
CU="PerfSAGE capped, per-op sum on unseen op types (ours)"
tfl() { for n in $(python -c "import experiments.perfsage_heldout as ph; print(' '.join(sum((getattr(ph, t) for t in '$1'.split()), ())))"); do echo -n "$n.tflite "; done; }
LATER=$(tfl "SESSION22E SESSION22F SESSION23 SESSION23B SESSION23C")
XX=$(tfl SESSION24); XXI=$(tfl SESSION24B)
seeds() { python -m experiments.perfsage_seeds runs/psage_rs24$1_s0 runs/psage_rs24$1_s1 runs/psage_rs24$1_s2 \
            --a "$CU" "${@:3}" --out $E/$2.md > /dev/null; }
# section 0: E' retrained on the rebuilt data, on V4 (V5 less families XV-XIX): the reproduction check
seeds e2 v4_Eprime_rebuilt --pooled --drop $LATER
# section 2: the three rules on V5
for r in e2:Eprime g:G h:H hb:Hboth hc:Hctx; do
  [ -e runs/psage_rs24${r%%:*}_s2/results.json ] && seeds ${r%%:*} v5_${r#*:} --pooled
done
# section 3: families XX / XXI (test)
for r in e2T:Eprime gT:G hT:H hcT:Hctx; do
  [ -e runs/psage_rs24${r%%:*}_s2/results.json ] || continue
  seeds ${r%%:*} fam20_21_${r#*:}
  seeds ${r%%:*} fam20_${r#*:} --only $XX
  seeds ${r%%:*} fam21_${r#*:} --only $XXI
done
# section 4: SRAM by the Vela memory rules (refetch) on families XX / XXI
SRAM_SET=heldoutXXXXI python docs/evidence/perfsage-cpu-2026-12-05-s22/sram_v2.py $E/sram_fam20_21.md refetch > /dev/null
