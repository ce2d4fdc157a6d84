"""Session 41 addendum 2 (issue 22, SRAM): velamem on families LXVII (fresh, runs/heldoutLXVII) under H2 and candidates
S "_sact" and S2 "_sact2" (addendum 3), the default of the moment marked; session 36's script with this folder; nothing is chosen. Also used for the
read families LXVI (runs/heldoutLXVI: links to the rebuilt models) as the section-0 reproduction check.

Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.):
SRAM_SET=heldoutLXVII|heldoutLXVIII|heldoutLXVI python docs/evidence/perfsage-cpu-2026-12-07-s41/sram_fresh_s41.py OUT.md
"""
import importlib.util
import pathlib
import sys

_P = pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-07-s36" / "sram_fresh_s36.py"
_spec = importlib.util.spec_from_file_location("sram_fresh_s36", _P)
s36 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(s36)
H2 = s36.L2 + "_1rd_spool_cb_rsz_ew1_lut_hpx"
S, S2 = H2 + "_sact", H2 + "_sact2"
_D = s36.velamem.DEFAULT_RULE
for _f in ("heldoutLXVII", "heldoutLXVI", "heldoutLXVIII"):
    s36.s33.RULESETS[_f] = {t + (" (default)" if r == _D else ""): r for t, r in (("H2", H2), ("S", S), ("S2", S2))}

if __name__ == "__main__":
    s36.s33.main(pathlib.Path(sys.argv[1]).resolve())
