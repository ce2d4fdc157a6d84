"""Session 38 addendum 6 (issue 22, SRAM): velamem's default R "..._1rd_spool_cb_rsz" against candidate E1 "_ew1"
(diag_ew38.md: Vela 5.2 holds element-wise maps on C % 16 != 0 channels in bricks unless the operator is on one channel)
on V33 (= the shared models Vela maps fully + runs/heldoutV33X, npu_full), session 22's pre-registered rule
(sram_v2.decide); the tables of sram_v21.py. A development check: E1 was written from V33 models.

Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-07-s38/sram_v33e.py OUT.md
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-06-s33"))
from sram_v21 import write  # noqa: E402

from jaxeff.gnn import velamem as vm  # noqa: E402

#: R, the default since session 38 outcome 3 (sram_v33r.md)
BASE = "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq_vis_1rd_spool_cb_rsz"
CANDS = {"E1": BASE + "_ew1"}


def main(out: str) -> None:
    """Scores R and E1 on V33 into ``out``."""
    assert vm.DEFAULT_RULE in (BASE, *CANDS.values()), "R was the default when this ran"
    write(pathlib.Path(out).resolve(), BASE, CANDS, "V33X", "candidate _ew1 (V33 = shared + heldoutV33X)",
          "sram_v33e.py", "diag_ew38.md", "session 38 addendum 6")


if __name__ == "__main__":
    main(sys.argv[1])
