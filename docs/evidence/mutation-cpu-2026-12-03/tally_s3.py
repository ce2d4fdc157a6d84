"""Tally of the 2026-12-03 sampled run: before (the batch), after (rechecks of every
mutant the batch did not kill, timeouts included), equivalent ones removed;
writes the evidence JSON and prints markdown rows and pooled figures."""
import json
import sys
from pathlib import Path

sys.path.insert(0, "tests")
import mutation as M  # tests/mutation.py (run from the repository root)

B = Path(".mutation/batch_s3")
OUT = Path("docs/evidence/mutation-cpu-2026-12-03")
summ = json.loads((B / "summary.json").read_text())
status = M.results(B)
rechecks = {}
for f in sorted(B.glob("recheck_*.json")):
    for n, st in json.loads(f.read_text())["names"].items():
        rechecks[n] = st
EQUIV = json.loads(Path("docs/evidence/mutation-cpu-2026-12-03/equivalent_s3.json").read_text())
DET = ("killed", "timeout")


def pct(k, n):
    w = M.wilson(k, n)
    return f"{k}/{n} = **{100 * k / n:.0f}%** [{100 * w[0]:.0f}, {100 * w[1]:.0f}]" if n else "-"


ev, pool = {}, {"ops/search": [0, 0, 0, 0, 0], "tflite/graph": [0, 0, 0, 0, 0]}
for m, s in summ.items():
    names = s["sample"]["names"]
    before = {n: status[n] for n in names}
    run = [n for n in names if before[n] != "not checked"]
    after = {}
    for n in run:
        b = before[n]
        if b in ("killed",):
            after[n] = "killed"
        else:  # survived / no tests / timeout: the recheck decides (a timeout must fail plain pytest)
            after[n] = rechecks.get(n, "survived" if n in EQUIV else b + " (not rechecked)")
    kb = sum(before[n] in DET for n in run)
    # a timeout of the run that passes plain pytest is a false detection: count it as missed "before" too
    false_to = [n for n in run if before[n] == "timeout" and after[n] == "survived"]
    kb_true = kb - len(false_to)
    ka = sum(after[n] == "killed" for n in run)
    eq = [n for n in run if n in EQUIV]
    ka_ne = ka - sum(after[n] == "killed" for n in eq)
    n_ne = len(run) - len(eq)
    g = "tflite/graph" if m.startswith(("tflite/", "gnn/")) else "ops/search"
    for i, v in enumerate((len(run), kb_true, ka, len(eq), ka_ne)):
        pool[g][i] += v
    ev[m] = {"module_mutants": s["sample"]["module_mutants"], "seed": s["sample"]["seed"],
             "drawn": names, "before": before, "after": after,
             "equivalent": {n: EQUIV[n] for n in eq},
             "timeouts_that_pass_plain_pytest": false_to}
    print(f"| `{m}` | {s['sample']['module_mutants']} | {len(run)} of {len(names)} | "
          f"{pct(kb_true, len(run))} | {pct(ka, len(run))} | {len(eq)} | {pct(ka_ne, n_ne)} |")
print()
for g, (n, kb, ka, ne, kane) in pool.items():
    print(f"POOLED {g}: before {pct(kb, n)}; after {pct(ka, n)}; w/o equivalent "
          f"{pct(kane, n - ne)}")
OUT.mkdir(parents=True, exist_ok=True)
(OUT / "sampled_seed0.json").write_text(json.dumps(ev, indent=1, ensure_ascii=False))
