"""Session 33 addendum 4 (issue 22, SRAM): candidate DE ("..._1xwh_dwc_bigact", D and E of addendum 3 together) against
E ("..._1xwh_bigact", the default after outcome 7) on V22, session 22's rule; the tables of sram_v21.py.

Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-06-s33/sram_v22b.py OUT.md
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from sram_v21 import write  # noqa: E402

B2 = "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh"
BASE = B2 + "_bigact"
CANDS = {"DE": B2 + "_dwc_bigact"}

if __name__ == "__main__":
    write(pathlib.Path(sys.argv[1]).resolve(), BASE, CANDS, "V22", "candidate DE of addendum 4", "sram_v22b.py",
          "diag_v22.md", "addendum 4")
