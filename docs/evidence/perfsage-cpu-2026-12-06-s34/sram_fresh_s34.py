"""Session 34 addenda 1-2 (issue 22, SRAM): velamem on families XLIV (runs/heldoutXLIV, fresh), under the default chosen
on V23 (W, `velamem.DEFAULT_RULE`; the headline) and, beside it, deciding nothing, session 32's default and session 33's
intermediate defaults A2C, B2 and DE; on families XLV (runs/heldoutXLV, addendum 2) under K2 ("..._wlive_vblk_dom",
the default since outcome 2; the headline) with W beside. Session 33's `sram_fresh_s33.py` with two more rule sets.

Usage (repo root, JAXEFF_DATA set, PYTHONPATH=src:.):
SRAM_SET=heldoutXLIV|heldoutXLV python docs/evidence/perfsage-cpu-2026-12-06-s34/sram_fresh_s34.py OUT.md
"""
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-06-s33"))
import sram_fresh_s33 as s33  # noqa: E402

from jaxeff.gnn import velamem  # noqa: E402

B2 = s33.B2
s33.RULESETS["heldoutXLIV"] = {"session-32 default": s33.BASE, "A2C": s33.CANDS1["A2C"], "B2": B2,
                               "DE": B2 + "_dwc_bigact", "W (default)": velamem.DEFAULT_RULE}
W = B2 + "_dwc_bigact_wlive"
#: addendum 2: families XLV under K2 (the default since outcome 2; headline) with W beside
s33.RULESETS["heldoutXLV"] = {"W": W, "K2 (default)": velamem.DEFAULT_RULE}
s33.RULESETS["heldoutXLIV"]["W (default)"] = W  # the default when XLIV was scored (outcome 1)
assert velamem.DEFAULT_RULE == W + "_vblk_dom"

if __name__ == "__main__":
    s33.main(pathlib.Path(sys.argv[1]).resolve())
