"""Session 39 section 1 (issue 22, SRAM): E1 "..._1rd_spool_cb_rsz_ew1" (the default then) against candidate C1 "_enc"
(Vela's weight codec on the model's own weights; PREREGISTERED.md section 1) on V33; session 38's ``sram_v33.run``.
Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-07-s39/sram_v33c.py OUT.md
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-07-s38"))
from sram_v33 import N1, run  # noqa: E402

if __name__ == "__main__":
    run(sys.argv[1], N1 + "_cb_rsz_ew1", {"C1": N1 + "_cb_rsz_ew1_enc"}, "candidate _enc", "sram_v33c.py",
        "enc_check.md (development check) and ../perfsage-cpu-2026-12-07-s38/diag_lviii38.md", "session 39 section 1")
