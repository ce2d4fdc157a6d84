"""Session 42 (issue 22, SRAM): velamem on families LXIX (fresh, runs/heldoutLXIX) under the default S2 and H2 beside it;
session 41's script with this session's folder; nothing is chosen.

Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.):
SRAM_SET=heldoutLXIX python docs/evidence/perfsage-cpu-2026-12-07-s42/sram_fresh_s42.py OUT.md
"""
import importlib.util
import pathlib
import sys

_P = pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-07-s41" / "sram_fresh_s41.py"
_spec = importlib.util.spec_from_file_location("sram_fresh_s41", _P)
s41 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(s41)
s41.s36.s33.RULESETS["heldoutLXIX"] = {"H2": s41.H2, "S2 (default)": s41.S2}
assert s41.S2 == s41.s36.velamem.DEFAULT_RULE

if __name__ == "__main__":
    s41.s36.s33.main(pathlib.Path(sys.argv[1]).resolve())
