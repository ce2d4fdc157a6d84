"""Session 36 section 2 (issue 22, SRAM): velamem on families XLVIII (fresh): runs/heldoutXLVIIIh (the headline: the four
fresh models) and runs/heldoutXLVIII (all five, EDSR-baseline x2 included; addendum 1: not fresh), under L2 (the
default, "..._vblk_dom_bdq_vis", the headline) with K2 beside it. Session 35's script with these folders; nothing is chosen.

Usage (repo root, JAXEFF_DATA set, PYTHONPATH=src:.):
SRAM_SET=heldoutXLVIIIh|heldoutXLVIII python docs/evidence/perfsage-cpu-2026-12-07-s36/sram_fresh_s36.py OUT.md
"""
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-06-s33"))
import sram_fresh_s33 as s33  # noqa: E402

from jaxeff.gnn import velamem  # noqa: E402

K2 = s33.B2 + "_dwc_bigact_wlive_vblk_dom"
L2 = K2 + "_bdq_vis"
for f in ("heldoutXLVIIIh", "heldoutXLVIII", "heldoutXLIX", "heldoutL"):  # scored while L2 was the default
    s33.RULESETS[f] = {"K2": K2, "L2 (default)": L2}
#: addendum 6: families LI, under M1 (the default since outcome 7), L2 beside it
assert velamem.DEFAULT_RULE.startswith(L2 + "_1rd")  # M1, or a later default built on it (session 37: "_spool")
s33.RULESETS["heldoutLI"] = {"L2": L2, "M1 (default)": velamem.DEFAULT_RULE}

if __name__ == "__main__":
    s33.main(pathlib.Path(sys.argv[1]).resolve())
