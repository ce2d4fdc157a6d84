"""Session 38 addendum 6 (issue 22, SRAM): R "..._1rd_spool_cb_rsz" (the default then) against candidate E1 "_ew1"
(diag_ew38.md) on V33; ``sram_v33.run``.
Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-07-s38/sram_v33e.py OUT.md
"""
import sys

from sram_v33 import N1, run

if __name__ == "__main__":
    run(sys.argv[1], N1 + "_cb_rsz", {"E1": N1 + "_cb_rsz_ew1"}, "candidate _ew1", "sram_v33e.py", "diag_ew38.md",
        "session 38 addendum 6")
