"""Session 43 (issue 22, SRAM; PREREGISTERED.md sections 2-3): velamem's default S2 against candidates T ("_pbt"),
L (S2 fed the recommended latency predictor's per-op forest cycles, ``fit.forest_op_cycles``) and LT (both) on V43S
(= the shared models Vela maps fully + runs/heldout_all (npu_full) + runs/heldoutLXVII / LXVIII / LXIX), session 22's
pre-registered rule (``sram_v2.decide``) and session 33's choice among the passing.

With SRAM_SET=FOLDER (a fresh set, after the choice) only that folder is scored and nothing is chosen.
The forests' cycles are cached per folder in runs/<folder>/forest_cycles_s43.json (the three seeds' mean, per NPU).

Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.):
  python docs/evidence/perfsage-cpu-2026-12-08-s43/sram_v43.py OUT.md
"""
import importlib.util
import json
import os
import pathlib
import sys
import time

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-06-s33"))
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-06-s30"))
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-05-s22"))
from sram_v2 import PL, _folder, summary  # noqa: E402
from sram_v14 import real_models  # noqa: E402
from sram_v20_s33 import choose, summary_rows  # noqa: E402

from jaxeff.gnn import velamem as vm  # noqa: E402
from jaxeff.gnn.fit import forest_op_cycles  # noqa: E402

S2 = vm.S2_RULE  # session 41's default, the reference (the default is PSL since session 44)
assert S2.endswith("_sact2"), S2
RECOMMENDED = "T216UVZ1RWK100+Q2O2P1"


def _predictors():
    spec = importlib.util.spec_from_file_location(
        "score_s42", HERE.parent / "perfsage-cpu-2026-12-07-s42" / "score_s42.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.predictors(RECOMMENDED)


def forest_cycles(models: dict) -> dict:
    """name -> {pl: [n_ops] cycles}, cached per runs folder."""
    out, preds = {}, None
    by_folder = {}
    for nm in models:
        by_folder.setdefault(nm.split("/", 1)[0], []).append(nm)
    for folder, names in by_folder.items():
        cache = pathlib.Path("runs") / ("real_shared" if folder == "shared" else folder) / "forest_cycles_s43.json"
        got = json.loads(cache.read_text()) if cache.exists() else {}
        todo = [nm for nm in names if nm not in got]
        if todo:
            preds = preds or _predictors()
            t0 = time.time()
            for k, nm in enumerate(todo):
                rec = models[nm][0]
                got[nm] = {pl: forest_op_cycles(preds, rec, pl).tolist() for pl in PL}
                if k % 25 == 0:
                    print(f"  {folder}: {k + 1}/{len(todo)} forest cycles ({time.time() - t0:.0f} s)", flush=True)
            cache.write_text(json.dumps(got))
        out.update({nm: got[nm] for nm in names})
    return out


def errors(models: dict, rule: str, cyc: dict | None, test: dict | None = None) -> dict:
    return {(nm, pl): (vm.sram_bytes(rec, pl, None if cyc is None else np.asarray(cyc[nm][pl]), rule=rule,
                                     test_cycles=None if test is None else np.asarray(test[nm][pl])) / 1024
                       - y[pl]) / y[pl] * 100
            for nm, (rec, y) in models.items() for pl in PL}


def main(out: pathlib.Path) -> None:
    os.chdir(os.environ.get("JAXEFF_MAIN", "/work/main"))
    fresh = os.environ.get("SRAM_SET")
    if fresh:
        models = _folder(fresh)
    else:
        if not os.path.lexists("runs/heldoutV41"):
            os.symlink("heldout_all", "runs/heldoutV41")
        models = real_models("heldoutV41")
        for f in ("heldoutLXVII", "heldoutLXVIII", "heldoutLXIX"):
            models |= _folder(f)
    print(f"{len(models)} models", flush=True)
    cyc = forest_cycles(models)
    rules = {"S2": (S2, None, None), "T": (S2 + "_pbt", None, None), "L": (S2, cyc, None),
             "LT": (S2 + "_pbt", cyc, None), "Lo": (S2, None, cyc)}  # Lo: addendum 1
    errs = {tag: errors(models, r, c, o) for tag, (r, c, o) in rules.items()}
    cands = ("T", "L", "LT", "Lo")
    where = f"runs/{fresh} (npu_full; a fresh set: nothing is chosen)" if fresh else (
        "V43S = shared models Vela maps fully + runs/heldout_all (npu_full) + runs/heldoutLXVII, LXVIII, LXIX (all read)")
    text = [f"# Velamem on {fresh or 'V43S'} ({len(models)} models): S2 and candidates T, L, LT, Lo", "",
            f"{where}. Error = (velamem / Vela's \"Total SRAM used\" - 1) x 100. Made by `sram_v43.py` (this folder). "
            f"S2 = `{S2}`; T = S2 + `_pbt`; L = S2 with `cycles` = `fit.forest_op_cycles` of {RECOMMENDED} "
            "(three seeds' mean); LT = T with those cycles; Lo (addendum 1) = S2 with those cycles as `test_cycles` "
            "(the U65 whole-weight test alone).", "", "## Summary", ""]
    text += summary_rows(errs, {t: t for t in rules})
    if not fresh:
        lines, best = choose(errs, "S2", {t: t for t in cands})
        text += ["", "## Choice (section 3: session 22's rule per candidate, against S2)", ""] + lines + [""]
        text.append(f"**Passes and is best: {best}**." if best else "**None passes: S2 stays.**")
    changed = sorted({nm for (nm, pl) in errs["S2"] if any(abs(errs["S2"][(nm, pl)] - errs[t][(nm, pl)]) > 1e-9
                                                          for t in cands)})
    if fresh:  # a fresh set: every model
        changed = sorted(models)
    text += ["", "## " + ("Per model" if fresh else "Models whose prediction a candidate changes") + " (signed error %)", "",
             "| model | " + " | ".join(f"{pl} Vela KiB | {pl} S2 | {pl} T | {pl} L | {pl} LT | {pl} Lo" for pl in PL) + " |",
             "|---" * (1 + 6 * len(PL)) + "|"]
    for nm in changed:
        cells = []
        for pl in PL:
            cells += [f"{models[nm][1][pl]:.1f}"] + [f"{errs[t][(nm, pl)]:+.1f}" for t in rules]
        text.append(f"| {nm} | " + " | ".join(cells) + " |")
    text += ["", f"{len(changed)} of {len(models)} models change under a candidate.", ""]
    out.write_text("\n".join(text) + "\n")
    print("\n".join(text[:40]))


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]).resolve())
