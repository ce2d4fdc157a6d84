"""Session 38 addendum 4 (issue 22, SRAM): velamem's default N1' "..._1rd_spool_cb" against candidate R "_rsz"
(diag_sram38.md: a x2^k bilinear resize runs as k chained x2 upscales with brick intermediates) on V33 (= the shared
models Vela maps fully + runs/heldoutV33X, npu_full), session 22's pre-registered rule (sram_v2.decide); the tables of
sram_v21.py. A development check: R was written from ContextNet-14, Fast-SCNN and ShuffleSeg (in V33).

Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-07-s38/sram_v33r.py OUT.md
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-06-s33"))
from sram_v21 import write  # noqa: E402

from jaxeff.gnn import velamem as vm  # noqa: E402

#: N1', the default since session 38 outcome 1 (sram_v33.md)
BASE = "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq_vis_1rd_spool_cb"
CANDS = {"R": BASE + "_rsz"}


def main(out: str) -> None:
    """Scores N1' and R on V33 into ``out``."""
    assert vm.DEFAULT_RULE in (BASE, *CANDS.values()), "N1' was the default when this ran"
    write(pathlib.Path(out).resolve(), BASE, CANDS, "V33X", "candidate _rsz (V33 = shared + heldoutV33X)",
          "sram_v33r.py", "diag_sram38.md", "session 38 addendum 4")


if __name__ == "__main__":
    main(sys.argv[1])
