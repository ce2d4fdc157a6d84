"""Session 35, helper diagsegan (issue 22, SRAM): velamem's default K2 "..._wlive_vblk_dom" against candidates
L1 "_bdq" / L2 "_bdq_vis" of diag_segan.md on V26 (= the shared models Vela maps fully + runs/heldoutV25X, npu_full:
244 held-out models, family XLV's SEGAN generator among them), session 22's pre-registered rule (sram_v2.decide); the
tables of sram_v21.py. A development check on validation data: both candidates were written from SEGAN's Vela trace
(which is in V26), so their pass or failure here is not a fresh test.

Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-07-s35/sram_v26.py OUT.md
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-06-s33"))
from sram_v21 import write  # noqa: E402

from jaxeff.gnn import velamem as vm  # noqa: E402

#: K2, the default since session 34 (sram_v25.md)
BASE = "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom"
#: both written from SEGAN's Vela 5.2 trace (diag_segan.md) before V26 was scored, neither after a V26 table: L1 the
#: U55 mechanism (later depth slices rounded up to the OFM block depth), L2 = L1 and the U65 one (a sliced buffer
#: dropped when its visible copy outweighs the weight reads it saves)
CANDS = {name: BASE + suffix for name, suffix in (("L1", "_bdq"), ("L2", "_bdq_vis"))}


def main(out: str) -> None:
    """Scores K2, L1 and L2 on V26 into ``out`` (sram_v21.write reads runs/ under JAXEFF_MAIN)."""
    assert vm.DEFAULT_RULE == BASE, "K2 must still be the default"
    write(pathlib.Path(out).resolve(), BASE, CANDS, "V25X", "candidates _bdq / _bdq_vis (V26 = shared + heldoutV25X)",
          "sram_v26.py", "diag_segan.md", "session 35, helper diagsegan")


if __name__ == "__main__":
    main(sys.argv[1])
