"""Session 32 addendum 4 (issue 22, SRAM): velamem's default "vorder_cat_smx_lin_split_u65buf" against the candidate
"vorder_cat_smx_lin_split_u65buf_spslack" (the operator after a convolution Vela splits per output pixel sees the
slack of one sub-operation, not the whole convolution's cycles; diag_u55_fresh.md) on V20 = the shared real models
Vela maps fully + runs/heldoutV20 (npu_full), the validation set of addendum 4; session 22's pre-registered rule
(sram_v2.decide). A copy of sram_v18b.py with BASE / CAND and the set changed. No other folder is read.

Usage (repo root, JAXEFF_DATA set, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-06-s32/sram_v20.py OUT.md
"""
import os
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-05-s22"))
from sram_v2 import PL, _folder, decide, errors, summary, table  # noqa: E402
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-06-s30"))
from sram_v2 import MAIN  # noqa: E402,F811
from sram_v14 import real_models  # noqa: E402

from jaxeff.gnn import velamem as vm  # noqa: E402

BASE, CAND = "vorder_cat_smx_lin_split_u65buf", "vorder_cat_smx_lin_split_u65buf_spslack"


def v20_models() -> dict:
    """Shared models + runs/heldoutV20 (read relative to the main checkout)."""
    cwd = os.getcwd()
    os.chdir(MAIN)
    try:
        return real_models("heldoutV20")
    finally:
        os.chdir(cwd)


def whole_buffers(rec: dict) -> int:
    """How many convolutions Vela splits per output pixel (the candidate changes the slack after each)."""
    return int(vm.split_convs(rec).sum())


def main(out: pathlib.Path) -> None:
    assert vm.DEFAULT_RULE in (BASE, CAND)
    fresh = os.environ.get("SRAM_SET")
    models = _folder(fresh) if fresh else v20_models()
    errs = {r: errors(models, r) for r in (BASE, CAND)}
    nwhole = {name: whole_buffers(rec) for name, (rec, _) in models.items()}
    where = (f"runs/{fresh} (npu_full; a fresh set: no choice is made)" if fresh else
             "V20 = shared models Vela maps fully + runs/heldoutV20 (npu_full)")
    text = [f"# Velamem on {fresh or 'V20'} ({len(models)} models): {BASE!r} and {CAND!r}", "",
            f"{where}. Error = "
            "(velamem / Vela's \"Total SRAM used\" - 1) x 100. Made by `sram_v20.py` (this folder).", "",
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
        text += ["", f"**Choice (PREREGISTERED.md addendum 4, session 22's rule), {CAND!r} against {BASE!r}: "
                 f"{'adopt' if ok else 'reject'}** ({why})."]
    changed = sorted({name for (name, pl) in errs[BASE] if abs(errs[BASE][(name, pl)] - errs[CAND][(name, pl)]) > 1e-9})
    text += ["",
             "## Models whose prediction changes", "",
             f"{len(changed)} models change (error %, default -> candidate; 'split' = the convolutions Vela "
             "splits per output pixel):", "",
             "| model | split | " + " | ".join(f"{pl} Vela KiB | {pl} default % | {pl} candidate %" for pl in PL) + " |",
             "|---" * (2 + 3 * len(PL)) + "|"]
    for name in changed:
        cells = [str(nwhole[name])]
        for pl in PL:
            cells += [f"{models[name][1][pl]:.1f}", f"{errs[BASE][(name, pl)]:+.1f}", f"{errs[CAND][(name, pl)]:+.1f}"]
        text.append(f"| {name} | " + " | ".join(cells) + " |")
    text += ["", f"Models with a split convolution whose prediction does not change (the peak is "
             f"elsewhere): {len([n for n in nwhole if nwhole[n] and n not in changed])}.", ""]
    text.append(table(models, errs[CAND], CAND, errs[BASE]))
    text = "\n".join(text) + "\n"
    print("\n".join(text.splitlines()[:40]))
    out.write_text(text)


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]).resolve())
