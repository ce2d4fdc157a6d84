"""Session 39 addendum 4 (issue 22, SRAM): E1 "..._1rd_spool_cb_rsz_ew1" (the default then) against candidates H1 "_hpx"
(a half-pixel x2 bilinear resize's output NHWC) and H2 "_lut_hpx" (and narrow standalone LUT activations NHWC),
diag_sram39.md, on V33; session 38's ``sram_v33.run``.
Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-07-s39/sram_v33h.py OUT.md
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-07-s38"))
from sram_v33 import N1, run  # noqa: E402

if __name__ == "__main__":
    run(sys.argv[1], N1 + "_cb_rsz_ew1", {"H1": N1 + "_cb_rsz_ew1_hpx", "H2": N1 + "_cb_rsz_ew1_lut_hpx"},
        "candidates _hpx / _lut_hpx", "sram_v33h.py", "diag_sram39.md", "session 39 addendum 4")
