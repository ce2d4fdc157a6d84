"""Session 40 section 2 (issue 22, SRAM): velamem on families LXIV (fresh, runs/heldoutLXIV) under the default when
they are scored (H2, the headline) with E1 beside it; session 36's script with this folder; nothing is chosen.

Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.):
SRAM_SET=heldoutLXIV|heldoutLXV|heldoutLXVI python docs/evidence/perfsage-cpu-2026-12-07-s40/sram_fresh_s40.py OUT.md
"""
import importlib.util
import pathlib
import sys

_P = pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-07-s36" / "sram_fresh_s36.py"
_spec = importlib.util.spec_from_file_location("sram_fresh_s36", _P)
s36 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(s36)
E1 = s36.L2 + "_1rd_spool_cb_rsz_ew1"
_D = s36.velamem.DEFAULT_RULE
_NAME = {E1: "E1", E1 + "_enc": "C1", E1 + "_lut_hpx": "H2"}
#: section 2: the default (H2) as the headline, E1 beside it
s36.s33.RULESETS["heldoutLXIV"] = {"E1": E1, f"{_NAME.get(_D, 'default')} (default)": _D}
#: addendum 1: family LXV the same way
s36.s33.RULESETS["heldoutLXV"] = {"E1": E1, f"{_NAME.get(_D, 'default')} (default)": _D}
#: addendum 2: families LXVI the same way
s36.s33.RULESETS["heldoutLXVI"] = {"E1": E1, f"{_NAME.get(_D, 'default')} (default)": _D}

if __name__ == "__main__":
    s36.s33.main(pathlib.Path(sys.argv[1]).resolve())
