"""Session 33 addendum 3 (issue 22, SRAM): velamem's default "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh"
against the candidates of diag_v22.md on V22 (= V21 + families XLI: the shared models Vela maps fully +
runs/heldoutV22, npu_full), session 22's pre-registered rule (sram_v2.decide) per candidate, and the addendum-3
choice among those that pass (the most within 10 %, a tie: the lower mean absolute error over both platforms);
the tables of sram_v21.py.

Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-06-s33/sram_v22.py OUT.md
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from sram_v21 import write  # noqa: E402

from jaxeff.gnn import velamem as vm  # noqa: E402

BASE = "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh"
#: both written from diag_v22.md (QuartzNet's and SoundNet-8's Vela traces) before V22 was scored
CANDS = {"D": BASE + "_dwc", "E": BASE + "_bigact"}

if __name__ == "__main__":
    assert vm.DEFAULT_RULE in (BASE, CANDS["E"], BASE + "_dwc_bigact")  # E, then DE (outcomes 7-8)
    write(pathlib.Path(sys.argv[1]).resolve(), BASE, CANDS, "V22", "the addendum-3 candidates", "sram_v22.py",
          "diag_v22.md", "addendum 3")
