"""Session 36 addendum 6 (issue 22, SRAM): velamem's default L2 "..._vblk_dom_bdq_vis" against candidate M1 "_1rd"
(diag_sram36.md: an elementwise output takes over an input's buffer only when that input has a single reader) on V28
(= the shared models Vela maps fully + runs/heldoutV28X: V25X, XLVI, XLVII, XLVIII, XLIX and L merged, npu_full),
session 22's pre-registered rule (sram_v2.decide); the tables of sram_v21.py. A development check: M1 was written from
ResUNet's Vela trace (which is in V28).

Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-07-s36/sram_v28.py OUT.md
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-06-s33"))
from sram_v21 import write  # noqa: E402

from jaxeff.gnn import velamem as vm  # noqa: E402

#: L2, the default since session 35 (sram_v26.md)
BASE = "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq_vis"
CANDS = {"M1": BASE + "_1rd"}


def main(out: str) -> None:
    """Scores L2 and M1 on V28 into ``out``."""
    assert vm.DEFAULT_RULE == BASE, "L2 must still be the default"
    write(pathlib.Path(out).resolve(), BASE, CANDS, "V28X", "candidate _1rd (V28 = shared + heldoutV28X)",
          "sram_v28.py", "diag_sram36.md", "session 36 addendum 6")


if __name__ == "__main__":
    main(sys.argv[1])
