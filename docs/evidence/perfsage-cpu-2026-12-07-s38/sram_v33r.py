"""Session 38 addendum 4 (issue 22, SRAM): N1' "..._1rd_spool_cb" (the default then) against candidate R "_rsz"
(diag_sram38.md) on V33; ``sram_v33.run``.
Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-07-s38/sram_v33r.py OUT.md
"""
import sys

from sram_v33 import N1, run

if __name__ == "__main__":
    run(sys.argv[1], N1 + "_cb", {"R": N1 + "_cb_rsz"}, "candidate _rsz", "sram_v33r.py", "diag_sram38.md",
        "session 38 addendum 4")
