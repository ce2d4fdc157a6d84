"""Session 44 (issue 22, SRAM; PREREGISTERED.md addendum 4): velamem's default S2 against candidate PSL (S2 + "_psl":
the operator after a pool Vela splits per output pixel sees the slack of one sub-operation) on V46S (= the shared
models Vela maps fully + runs/heldout_all (npu_full) + runs/heldoutLXVII ... LXXII, all read), session 22's rule
(``sram_v2.decide``) through session 33's ``choose``. With SRAM_SET=FOLDER (a fresh set) only that folder is scored and
nothing is chosen. No predictor is loaded (velamem's own cycles).

Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.):
  python docs/evidence/perfsage-cpu-2026-12-08-s44/sram_v44.py OUT.md
"""
import importlib.util
import os
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("sram_v43", HERE.parent / "perfsage-cpu-2026-12-08-s43" / "sram_v43.py")
v43 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(v43)  # session 43's SRAM scorer: its model sets, error table and choice (no predictor loaded)
PL, _folder, real_models, choose, summary_rows = v43.PL, v43._folder, v43.real_models, v43.choose, v43.summary_rows

S2 = v43.S2  # session 41's default (velamem.S2_RULE), the reference; the default is PSL since session 44
RULES = {"S2": S2, "PSL": S2 + "_psl"}
READ = ("heldoutLXVII", "heldoutLXVIII", "heldoutLXIX", "heldoutLXX", "heldoutLXXI", "heldoutLXXII")


def errors(models: dict, rule: str) -> dict:
    return v43.errors(models, rule, None)


def main(out: pathlib.Path) -> None:
    os.chdir(os.environ.get("JAXEFF_MAIN", "/work/main"))
    fresh = os.environ.get("SRAM_SET")
    if fresh:
        models = _folder(fresh)
    else:
        models = real_models("heldoutV41")
        for f in READ:
            models |= _folder(f)
    print(f"{len(models)} models", flush=True)
    errs = {tag: errors(models, r) for tag, r in RULES.items()}
    where = f"runs/{fresh} (npu_full; a fresh set: nothing is chosen)" if fresh else (
        "V46S = shared models Vela maps fully + runs/heldout_all (npu_full) + runs/heldoutLXVII ... LXXII (all read)")
    text = [f"# Velamem on {fresh or 'V46S'} ({len(models)} models): S2 and candidate PSL", "",
            f"{where}. Error = (velamem / Vela's \"Total SRAM used\" - 1) x 100. Made by `sram_v44.py` (this folder). "
            f"S2 = `{S2}`; PSL = S2 + `_psl`.", "", "## Summary", ""]
    text += summary_rows(errs, {t: t for t in RULES})
    if not fresh:
        lines, best = choose(errs, "S2", {"PSL": "PSL"})
        text += ["", "## Choice (addendum 4: session 22's rule, against S2)", ""] + lines + [""]
        text.append(f"**Passes: {best}**." if best else "**Fails: S2 stays.**")
    changed = sorted(models) if fresh else sorted(
        {nm for (nm, pl) in errs["S2"] if abs(errs["S2"][(nm, pl)] - errs["PSL"][(nm, pl)]) > 1e-9})
    text += ["", "## " + ("Per model" if fresh else "Models PSL changes") + " (signed error %)", "",
             "| model | " + " | ".join(f"{pl} Vela KiB | {pl} S2 | {pl} PSL" for pl in PL) + " |",
             "|---" * (1 + 3 * len(PL)) + "|"]
    for nm in changed:
        cells = []
        for pl in PL:
            cells += [f"{models[nm][1][pl]:.1f}"] + [f"{errs[t][(nm, pl)]:+.1f}" for t in RULES]
        text.append(f"| {nm} | " + " | ".join(cells) + " |")
    text += ["", f"{len(changed)} of {len(models)} models listed.", ""]
    out.write_text("\n".join(text) + "\n")
    print("\n".join(text[:30]))


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]).resolve())
