"""Session 38 section 1 (issue 22, SRAM): velamem's default N1 "..._1rd_spool" against candidates N1' "_spool_cb" and
N2 "_spool_cb_pcat" (diag_tsception37.md: the NHWC input of a split pool carried back through a fused standalone
activation; a split pool copied into its CONCATENATION) on V33 (= the shared models Vela maps fully + runs/heldoutV33X:
heldoutV31X, families LVI and LVII merged, npu_full), session 22's pre-registered rule (sram_v2.decide) per candidate;
the tables of sram_v21.py. A development check: both were written from TSception (in V33).

Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-07-s38/sram_v33.py OUT.md
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-06-s33"))
from sram_v21 import write  # noqa: E402

from jaxeff.gnn import velamem as vm  # noqa: E402

#: N1, the default since session 37 (sram_v31.md)
BASE = "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq_vis_1rd_spool"
CANDS = {"N1'": BASE + "_cb", "N2": BASE + "_cb_pcat"}


def main(out: str) -> None:
    """Scores N1, N1' and N2 on V33 into ``out``."""
    assert vm.DEFAULT_RULE in (BASE, *CANDS.values()), "N1 was the default when this ran"
    write(pathlib.Path(out).resolve(), BASE, CANDS, "V33X", "candidates _spool_cb / _spool_cb_pcat (V33 = shared + "
          "heldoutV33X)", "sram_v33.py", "../perfsage-cpu-2026-12-07-s37/diag_tsception37.md", "session 38 section 1")


if __name__ == "__main__":
    main(sys.argv[1])
