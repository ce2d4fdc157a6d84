"""Session 33 addendum 2 (issue 22, SRAM): velamem's default "vorder_cat_smx_lin_split_u65buf_spslack_vslack"
against the mechanism-B candidate(s) of diag_1xw.md on V21 (= V20 + families XL: the shared models Vela maps fully +
runs/heldoutV21, npu_full), session 22's pre-registered rule (sram_v2.decide) per candidate, and the addendum-2
choice among those that pass (the most within 10 %, a tie: the lower mean absolute error over both platforms).

Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-06-s33/sram_v21.py OUT.md
"""
import os
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-06-s30"))
from sram_v14 import real_models  # noqa: E402
from sram_v20_s33 import PL, choose, errors, summary_rows, table  # noqa: E402

from jaxeff.gnn import velamem as vm  # noqa: E402

BASE = "vorder_cat_smx_lin_split_u65buf_spslack_vslack"
#: B1 written from diag_1xw.md before V21 was scored; B2 written after B1's V21 table (TextCNN's H x 1 maps): said there
CANDS = {"B1": BASE + "_1xw", "B2": BASE + "_1xwh"}


def main(out: pathlib.Path) -> None:
    assert vm.DEFAULT_RULE in (BASE, CANDS["B2"])  # B2 became the default (outcome 5)
    write(out, BASE, CANDS, "V21", "the 1 x W candidate(s)", "sram_v21.py", "diag_1xw.md", "addendum 2")


def write(out: pathlib.Path, BASE: str, CANDS: dict, tag: str, what: str, script: str, diag: str, add: str) -> None:
    """The tables of one addendum's choice on set ``tag`` (runs/heldout``tag``) into ``out``."""
    os.chdir(os.environ.get("JAXEFF_MAIN", "/work/main"))  # real_models reads runs/ from the cwd
    models = real_models("heldout" + tag)
    rules = {"default": BASE, **CANDS}
    errs = {r: errors(models, r) for r in rules.values()}
    text = [f"# Velamem on {tag} ({len(models)} models): the default and {what}", "",
            f"{tag} = shared models Vela maps fully + runs/heldout{tag} (npu_full). Error = (velamem / Vela's \"Total SRAM "
            f"used\" - 1) x 100. Made by `{script}` (this folder); the mechanism in `{diag}`.", "",
            "## Summary", ""]
    text += summary_rows(errs, rules)
    lines, best = choose(errs, BASE, CANDS)
    text += ["", f"## Choice ({add}: session 22's rule per candidate, against the default)", ""] + lines + [""]
    text.append(f"**Passes and is best: {best} ({CANDS[best]})**." if best else "**None passes: the default stays.**")
    changed = sorted({nm for (nm, pl) in errs[BASE] if any(abs(errs[BASE][(nm, pl)] - errs[r][(nm, pl)]) > 1e-9
                                                           for r in CANDS.values())})
    text += ["", "## Models whose prediction a candidate changes", "",
             "| model | " + " | ".join(f"{pl} Vela KiB | {pl} default % | " + " | ".join(f"{pl} {t} %" for t in CANDS)
                                      for pl in PL) + " |", "|---" * (1 + (2 + len(CANDS)) * len(PL)) + "|"]
    text += ["| " + " | ".join([nm] + [f"{v:+.1f}" if i % (2 + len(CANDS)) else f"{v:.1f}" for i, v in enumerate(
        x for pl in PL for x in (models[nm][1][pl], *(errs[r][(nm, pl)] for r in rules.values())))]) + " |"
        for nm in changed]
    text += ["", f"{len(changed)} of {len(models)} models change under some candidate.", ""]
    text += [table(models, errs[r], f"{tag}: {r}", errs[BASE]) for tag, r in CANDS.items()]
    out.write_text("\n".join(text) + "\n")
    print("\n".join(text[:40]))


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]).resolve())
