"""Session 32 addendum 2, section 4 (issue 22, SRAM): velamem's default `vorder_cat_smx_lin_split` and the candidate
`vorder_cat_smx_lin_split_u65buf` (on the U65, an operator whose whole-weight copy from DRAM hides under the previous
operator's cycles and does not make it slower holds its whole encoded weights, fetched while that operator runs;
diag_u65_buffer.md) on V18, and the pre-registered choice (PREREGISTERED.md addendum 2: session 22's rule, as in
section 3, `sram_v2.decide`). sram_v18.py with BASE / CAND changed (its V18
loader imported).

V18 = the shared real models Vela maps fully (labels in runs/real_shared/labels.json) + the held-out models of
runs/heldoutV17 and runs/heldoutXXXVII that it maps fully (npu_full). No other folder is read. Adapted from
session 31's sram_v16.py (same error, summary and table functions, from session 22's sram_v2.py). Also lists
every model whose prediction the candidate changes, with the number of operators the candidate buffers whole
under the previous one on the U65 (velamem.refetch_buffers(whole_prebuffer=True)).

With SRAM_SET=DIR only the models of runs/DIR that Vela maps fully are read and no choice is made (a fresh set:
the same two rules side by side).

Usage (repo root, JAXEFF_DATA set, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-06-s32/sram_v18b.py OUT.md
"""
import os
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-05-s22"))
from sram_v2 import PL, _folder, decide, errors, summary, table  # noqa: E402
from sram_v18 import v18_models  # noqa: E402  (the same V18: shared + heldoutV17 + heldoutXXXVII)

from jaxeff.gnn import velamem as vm  # noqa: E402

BASE, CAND = "vorder_cat_smx_lin_split", "vorder_cat_smx_lin_split_u65buf"


def whole_buffers(rec: dict) -> int:
    """How many operators the candidate buffers whole under the previous one on the U65 (in Vela's order)."""
    import numpy as np
    r2 = vm._reordered(rec, vm.vela_order(rec, concat_first=True))
    held = np.zeros(int(r2["n_ops"]))
    vm.refetch_buffers(r2, "u65", split=True, whole_prebuffer=True, held=held)
    return int((held > 0).sum())


def main(out: pathlib.Path) -> None:
    assert vm.DEFAULT_RULE in (BASE, CAND)
    fresh = os.environ.get("SRAM_SET")
    models = _folder(fresh) if fresh else v18_models()
    errs = {r: errors(models, r) for r in (BASE, CAND)}
    nwhole = {name: whole_buffers(rec) for name, (rec, _) in models.items()}
    where = (f"runs/{fresh} (npu_full; a fresh set: no choice is made)" if fresh else
             "V18 = shared models Vela maps fully + runs/heldoutV17 + runs/heldoutXXXVII (npu_full)")
    text = [f"# Velamem on {fresh or 'V18'} ({len(models)} models): {BASE!r} and {CAND!r}", "",
            f"{where}. Error = "
            "(velamem / Vela's \"Total SRAM used\" - 1) x 100. Made by `sram_v18b.py` (this folder).", "",
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
        text += ["", f"**Choice (PREREGISTERED.md addendum 2, session 22's rule), {CAND!r} against {BASE!r}: "
                 f"{'adopt' if ok else 'reject'}** ({why})."]
    changed = sorted({name for (name, pl) in errs[BASE] if abs(errs[BASE][(name, pl)] - errs[CAND][(name, pl)]) > 1e-9})
    text += ["",
             "## Models whose prediction changes", "",
             f"{len(changed)} models change (error %, default -> candidate; 'whole' = the operators the candidate "
             "buffers whole under the previous one on the U65):", "",
             "| model | whole | " + " | ".join(f"{pl} Vela KiB | {pl} default % | {pl} candidate %" for pl in PL) + " |",
             "|---" * (2 + 3 * len(PL)) + "|"]
    for name in changed:
        cells = [str(nwhole[name])]
        for pl in PL:
            cells += [f"{models[name][1][pl]:.1f}", f"{errs[BASE][(name, pl)]:+.1f}", f"{errs[CAND][(name, pl)]:+.1f}"]
        text.append(f"| {name} | " + " | ".join(cells) + " |")
    text += ["", f"Models with an operator buffered whole on the U65 whose prediction does not change (the peak is "
             f"elsewhere): {len([n for n in nwhole if nwhole[n] and n not in changed])}.", ""]
    text.append(table(models, errs[CAND], CAND, errs[BASE]))
    text = "\n".join(text) + "\n"
    print("\n".join(text.splitlines()[:40]))
    out.write_text(text)


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]).resolve())
