"""Session 32 section 3 (issue 22, SRAM): velamem's default `vorder_cat_smx_lin` and the candidate
`vorder_cat_smx_lin_split` (the CONV_2Ds with a stride above 3 that Vela 5.2 splits into one operation per output
pixel: whole encoded weights buffered, NHWC input, brick output under a fused activation; diag_split_sram.md) on
V18, and the pre-registered choice (PREREGISTERED.md section 3: session 22's rule, `sram_v2.decide`).

V18 = the shared real models Vela maps fully (labels in runs/real_shared/labels.json) + the held-out models of
runs/heldoutV17 and runs/heldoutXXXVII that it maps fully (npu_full). No other folder is read. Adapted from
session 31's sram_v16.py (same error, summary and table functions, from session 22's sram_v2.py). Also lists
every model whose prediction the candidate changes, and, for those, the candidate with its encoded-weight
expansion switched off (velamem.SPLIT_EXPANSION = 0; an ablation, not a rule).

With SRAM_SET=DIR only the models of runs/DIR that Vela maps fully are read and no choice is made (the fresh
families XXXVIII, after the candidate was adopted as the default: the same two rules side by side).

Usage (repo root, JAXEFF_DATA set, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-06-s32/sram_v18.py OUT.md
"""
import os
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-05-s22"))
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-06-s30"))
from sram_v2 import MAIN, PL, _folder, decide, errors, summary, table  # noqa: E402
from sram_v14 import real_models  # noqa: E402

from jaxeff.gnn import velamem as vm  # noqa: E402

BASE, CAND = "vorder_cat_smx_lin", "vorder_cat_smx_lin_split"
FOLDERS = ("heldoutV17", "heldoutXXXVII")


def v18_models() -> dict:
    """Session 30's `real_models` (shared models + runs/heldoutV17, read relative to the main checkout) and the
    models of runs/heldoutXXXVII; Vela maps all of them fully."""
    cwd = os.getcwd()
    os.chdir(MAIN)  # sram_v14 reads runs/real_shared/labels.json relative to the main checkout
    try:
        out = real_models(FOLDERS[0])
    finally:
        os.chdir(cwd)
    for f in FOLDERS[1:]:
        out.update(_folder(f))
    return out


def main(out: pathlib.Path) -> None:
    assert vm.DEFAULT_RULE in (BASE, CAND, CAND + "_u65buf")  # CAND, then addendum 2's rule
    fresh = os.environ.get("SRAM_SET")
    models = _folder(fresh) if fresh else v18_models()
    errs = {r: errors(models, r) for r in (BASE, CAND)}
    saved, vm.SPLIT_EXPANSION = vm.SPLIT_EXPANSION, 0.0
    try:
        raw = errors(models, CAND)
    finally:
        vm.SPLIT_EXPANSION = saved
    nsplit = {name: int(vm.split_convs(rec).sum()) for name, (rec, _) in models.items()}
    where = (f"runs/{fresh} (npu_full; a fresh set: no choice is made)" if fresh else
             "V18 = shared models Vela maps fully + runs/heldoutV17 + runs/heldoutXXXVII (npu_full)")
    text = [f"# Velamem on {fresh or 'V18'} ({len(models)} models): {BASE!r} and {CAND!r}", "",
            f"{where}. Error = "
            "(velamem / Vela's \"Total SRAM used\" - 1) x 100. Made by `sram_v18.py` (this folder).", "",
            "## Summary", "",
            "| rule | platform | n | within 10 % | median abs. error % | above 50 % | max abs. error % | mean abs. error % |",
            "|---|---|---|---|---|---|---|---|"]
    for r in (BASE, CAND):
        for pl in PL:
            s = summary(errs[r], pl)
            text.append(f"| {r} | {pl} | {s['n']} | {s['within10']} | {s['median']:.2f} | {s['above50']} | "
                        f"{s['max']:.1f} | {s['mean']:.2f} |")
    if not fresh:
        ok, why = decide(errs[BASE], errs[CAND])
        text += ["", f"**Choice (PREREGISTERED.md section 3, session 22's rule), {CAND!r} against {BASE!r}: "
                 f"{'adopt' if ok else 'reject'}** ({why})."]
    text += ["",
             "## Models whose prediction changes", "",
             f"{sum(v > 0 for v in nsplit.values())} models hold a convolution Vela splits "
             f"(`velamem.split_convs`); the prediction changes on these (error %, default -> candidate; "
             f"'no expansion' = the candidate with SPLIT_EXPANSION = 0):", "",
             "| model | split convs | " + " | ".join(
                 f"{pl} Vela KiB | {pl} default % | {pl} candidate % | {pl} no expansion %" for pl in PL) + " |",
             "|---" * (2 + 4 * len(PL)) + "|"]
    changed = sorted({name for (name, pl) in errs[BASE] if abs(errs[BASE][(name, pl)] - errs[CAND][(name, pl)]) > 1e-9})
    for name in changed:
        cells = [str(nsplit[name])]
        for pl in PL:
            cells += [f"{models[name][1][pl]:.1f}", f"{errs[BASE][(name, pl)]:+.1f}", f"{errs[CAND][(name, pl)]:+.1f}",
                      f"{raw[(name, pl)]:+.1f}"]
        text.append(f"| {name} | " + " | ".join(cells) + " |")
    unchanged_split = [n for n in nsplit if nsplit[n] and n not in changed]
    text += ["", f"Models with a split convolution whose prediction does not change (the peak is elsewhere): "
             f"{', '.join(unchanged_split) or 'none'}.", ""]
    text.append(table(models, errs[CAND], CAND, errs[BASE]))
    text = "\n".join(text) + "\n"
    print("\n".join(text.splitlines()[:40]))
    out.write_text(text)


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]).resolve())
