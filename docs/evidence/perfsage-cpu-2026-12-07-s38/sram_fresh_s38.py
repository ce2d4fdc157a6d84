"""Session 38 section 3 and addendum 5 (issue 22, SRAM): velamem on families LVIII (fresh, runs/heldoutLVIII) under
the default when they are scored (the headline) with N1 beside it, and on SwiftNet (runs/heldoutLIX) with N1' beside it;
session 36's script with these folders; nothing is chosen.

Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.):
SRAM_SET=heldoutLVIII|heldoutLIX|heldoutLX|heldoutLXI python docs/evidence/perfsage-cpu-2026-12-07-s38/sram_fresh_s38.py OUT.md
"""
import importlib.util
import pathlib
import sys

_P = pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-07-s36" / "sram_fresh_s36.py"
_spec = importlib.util.spec_from_file_location("sram_fresh_s36", _P)
s36 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(s36)
N1 = s36.L2 + "_1rd_spool"
_D = s36.velamem.DEFAULT_RULE
_NAME = {N1 + "_cb": "N1p", N1 + "_cb_pcat": "N2", N1 + "_cb_rsz": "R", N1 + "_cb_rsz_ew1": "E1"}
#: section 3: families LVIII under the default (headline) with N1 beside it; addendum 5: SwiftNet with N1' beside it
s36.s33.RULESETS["heldoutLVIII"] = {"N1": N1, f"{_NAME.get(_D, 'default')} (default)": _D}
s36.s33.RULESETS["heldoutLIX"] = {"N1p": N1 + "_cb", f"{_NAME.get(_D, 'default')} (default)": _D}
#: addendum 6: families LX under the default (headline) with R beside it
s36.s33.RULESETS["heldoutLX"] = {"R": N1 + "_cb_rsz", f"{_NAME.get(_D, 'default')} (default)": _D}
#: addendum 7: families LXI under the default, R beside it
s36.s33.RULESETS["heldoutLXI"] = {"R": N1 + "_cb_rsz", f"{_NAME.get(_D, 'default')} (default)": _D}

if __name__ == "__main__":
    s36.s33.main(pathlib.Path(sys.argv[1]).resolve())
