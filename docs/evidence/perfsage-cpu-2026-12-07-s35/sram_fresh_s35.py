"""Session 35 section 2 (issue 22, SRAM): velamem on families XLVI (runs/heldoutXLVI, fresh) and XLVII (addendum 2), under L2
("..._vblk_dom_bdq_vis", the default since outcome 1; the headline) with K2 (session 34's default) beside it. Session 33's
`sram_fresh_s33.py` with one more rule set; nothing is chosen here.

Usage (repo root, JAXEFF_DATA set, PYTHONPATH=src:.):
SRAM_SET=heldoutXLVI|heldoutXLVII python docs/evidence/perfsage-cpu-2026-12-07-s35/sram_fresh_s35.py OUT.md
"""
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-06-s33"))
import sram_fresh_s33 as s33  # noqa: E402

from jaxeff.gnn import velamem  # noqa: E402

K2 = s33.B2 + "_dwc_bigact_wlive_vblk_dom"
s33.RULESETS["heldoutXLVI"] = {"K2": K2, "L2 (default)": velamem.DEFAULT_RULE}
s33.RULESETS["heldoutXLVII"] = s33.RULESETS["heldoutXLVI"]  # addendum 2 (MelGAN not npu_full: left out)
assert velamem.DEFAULT_RULE == K2 + "_bdq_vis"

if __name__ == "__main__":
    s33.main(pathlib.Path(sys.argv[1]).resolve())
