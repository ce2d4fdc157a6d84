"""Session 38 section 3 (issue 22, SRAM): velamem on families LVIII (fresh, runs/heldoutLVIII) under the default after
section 1's choice (the headline) with N1 beside it (and N1' when N1 stayed the default); session 36's script with this
folder; nothing is chosen.

Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.):
SRAM_SET=heldoutLVIII python docs/evidence/perfsage-cpu-2026-12-07-s38/sram_fresh_s38.py OUT.md
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
s36.s33.RULESETS["heldoutLVIII"] = ({"N1": N1, f"{'N2' if _D.endswith('_pcat') else 'N1p'} (default)": _D}
                                    if _D != N1 else {"N1 (default)": N1, "N1p": N1 + "_cb"})

if __name__ == "__main__":
    s36.s33.main(pathlib.Path(sys.argv[1]).resolve())
