"""Session 33 (issue 22, SRAM): every rule of PREREGISTERED.md on a fresh set (runs/$SRAM_SET: heldoutXLI for addendum
2's test): on heldoutXLI the session-32 default, A2C (the default after outcome 3), B1 and B2 (the default after outcome 5);
on heldoutXLII also D, E and DE (the default after addendum 4); on heldoutXLIII DE, U and W (the default after
addendum 5); with per-model errors. Nothing is chosen here.

Usage (repo root, JAXEFF_DATA set, PYTHONPATH=src:.): SRAM_SET=heldoutXLI python
docs/evidence/perfsage-cpu-2026-12-06-s33/sram_fresh_s33.py OUT.md
"""
import os
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from sram_v20_s33 import BASE, CANDS1, PL, _folder, errors, summary_rows  # noqa: E402

B2 = CANDS1["A2C"] + "_1xwh"
#: the rules reported on each fresh set (PREREGISTERED.md addenda 2 and 4)
RULESETS = {
    "heldoutXLI": {"session-32 default": BASE, "A2C": CANDS1["A2C"], "B1": CANDS1["A2C"] + "_1xw", "B2 (default)": B2},
    "heldoutXLII": {"session-32 default": BASE, "A2C": CANDS1["A2C"], "B2": B2, "D": B2 + "_dwc", "E": B2 + "_bigact",
                    "DE (default)": B2 + "_dwc_bigact"},
    "heldoutXLIII": {"session-32 default": BASE, "A2C": CANDS1["A2C"], "B2": B2, "DE": B2 + "_dwc_bigact",
                     "U": B2 + "_dwc_bigact_ublk", "W (default)": B2 + "_dwc_bigact_wlive"},
}


def main(out: pathlib.Path) -> None:
    fresh = os.environ["SRAM_SET"]
    RULES = RULESETS[fresh]
    models = _folder(fresh)
    errs = {r: errors(models, r) for r in RULES.values()}
    text = [f"# Velamem on runs/{fresh} ({len(models)} models, npu_full; a fresh set: nothing is chosen)", "",
            "Error = (velamem / Vela's \"Total SRAM used\" - 1) x 100. Made by `sram_fresh_s33.py` (this folder).", "",
            "## Summary", ""] + summary_rows(errs, RULES)
    text += ["", "## Per model (signed error %)", "",
             "| model | " + " | ".join(f"{pl} Vela KiB | " + " | ".join(f"{pl} {t}" for t in RULES) for pl in PL) + " |",
             "|---" * (1 + (1 + len(RULES)) * len(PL)) + "|"]
    for nm in sorted(models):
        cells = []
        for pl in PL:
            cells += [f"{models[nm][1][pl]:.1f}"] + [f"{errs[r][(nm, pl)]:+.1f}" for r in RULES.values()]
        text.append(f"| {nm} | " + " | ".join(cells) + " |")
    out.write_text("\n".join(text) + "\n")
    print("\n".join(text))


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]).resolve())
