# Issue 22, session 25: the tables of this folder from the study runs (nothing trained). Call: bash tables_s25.sh
set -ex
cd /work/main; . .venv/bin/activate; export JAXEFF_DATA=/work/shared/data
E=docs/evidence/perfsage-cpu-2026-12-06-s25
CU="PerfSAGE capped, per-op sum on unseen op types (ours)"
tfl() { for n in $(python -c "import experiments.perfsage_heldout as ph; print(' '.join(sum((getattr(ph, t) for t in '$1'.split()), ())))"); do echo -n "$n.tflite "; done; }
XXII=$(tfl SESSION25); XXIII=$(tfl SESSION25B)
# $1 = run folders with {s} for the seed, $2 = table name, rest = perfsage_seeds flags
seeds() { python -m experiments.perfsage_seeds ${1//\{s\}/0} ${1//\{s\}/1} ${1//\{s\}/2} \
            --a "$CU" "${@:3}" --out $E/$2.md > /dev/null; }
# section 2: the candidates on V6 (H-ctx: session 24's V5 runs and its families XX / XXI runs, merged)
seeds "runs/psage_rs24hc_s{s}+runs/psage_rs24hcT_s{s}" v6_Hctx --pooled
for r in i:I ir:Irec; do
  [ -e runs/psage_rs25${r%%:*}_s2/results.json ] && seeds "runs/psage_rs25${r%%:*}_s{s}" v6_${r#*:} --pooled
done
# section 3: families XXII / XXIII (test)
for r in iT:I irT:Irec hcT:Hctx e2T:Eprime; do
  [ -e runs/psage_rs25${r%%:*}_s2/results.json ] || continue
  seeds "runs/psage_rs25${r%%:*}_s{s}" fam22_23_${r#*:}
  seeds "runs/psage_rs25${r%%:*}_s{s}" fam22_${r#*:} --only $XXII
  seeds "runs/psage_rs25${r%%:*}_s{s}" fam23_${r#*:} --only $XXIII
done
# section 4: SRAM by the Vela memory rules (refetch) on families XXII / XXIII
SRAM_SET=heldoutXXIIXXIII python docs/evidence/perfsage-cpu-2026-12-05-s22/sram_v2.py $E/sram_fam22_23.md refetch > /dev/null
