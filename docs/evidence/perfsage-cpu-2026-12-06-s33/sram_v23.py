"""Session 33 addendum 5 (issue 22, SRAM): velamem's default "..._1xwh_dwc_bigact" against the candidates of
diag_v23.md on V23 (= V22 + families XLII: the shared models Vela maps fully + runs/heldoutV23, npu_full),
session 22's pre-registered rule (sram_v2.decide) per candidate, and the addendum-5 choice among those that pass
(the most within 10 %, a tie: the lower mean absolute error over both platforms); the tables of sram_v21.py.
"WU" (both) is reported, not a pre-registered candidate.

Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-06-s33/sram_v23.py OUT.md
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from sram_v21 import write  # noqa: E402

from jaxeff.gnn import velamem as vm  # noqa: E402

BASE = "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact"
#: both written from diag_v23.md (the Vela traces of ResNet-18 / PreAct ResNet-18 / VGG-16-CIFAR / MarbleNet)
#: before V23 was scored
CANDS = {"W": BASE + "_wlive", "U": BASE + "_ublk"}

if __name__ == "__main__":
    assert vm.DEFAULT_RULE == BASE
    write(pathlib.Path(sys.argv[1]).resolve(), BASE, CANDS, "V23", "the addendum-5 candidates", "sram_v23.py",
          "diag_v23.md", "addendum 5")
