"""Session 37 section 2 (issue 22, SRAM): velamem on families LII and LIII (fresh, runs/heldoutLII, runs/heldoutLIII) under M1 (the default,
"..._vblk_dom_bdq_vis_1rd", the headline) with L2 beside it: session 36's script with this folder; nothing is chosen.

Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.):
SRAM_SET=heldoutLII|heldoutLIII python docs/evidence/perfsage-cpu-2026-12-07-s37/sram_fresh_s37.py OUT.md
"""
import importlib.util
import pathlib
import sys

_P = pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-07-s36" / "sram_fresh_s36.py"
_spec = importlib.util.spec_from_file_location("sram_fresh_s36", _P)
s36 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(s36)
M1 = s36.L2 + "_1rd"
for _f in ("heldoutLII", "heldoutLIII", "heldoutLIV", "heldoutLV"):  # section 2, addenda 2, 3, 6 (M1 the default)
    s36.s33.RULESETS[_f] = {"L2": s36.L2, "M1 (default)": M1}
#: addendum 7: families LVI under N1 (the default since outcome 8), M1 beside it
for _f in ("heldoutLVI", "heldoutLVII"):  # addenda 7-8, under N1 (the default since outcome 8)
    s36.s33.RULESETS[_f] = {"M1": M1, "N1 (default)": s36.velamem.DEFAULT_RULE}

if __name__ == "__main__":
    s36.s33.main(pathlib.Path(sys.argv[1]).resolve())
