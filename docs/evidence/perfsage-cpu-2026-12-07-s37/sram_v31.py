"""Session 37 addendum 7 (issue 22, SRAM): velamem's default M1 "..._bdq_vis_1rd" against candidate N1 "_spool"
(diag_chambon37.md: a pool Vela splits per output pixel keeps its input unpadded) on V31 (= the shared models Vela maps
fully + runs/heldoutV31X: V28X and families LI-LV merged, npu_full), session 22's pre-registered rule
(sram_v2.decide); the tables of sram_v21.py. A development check: N1 was written from Chambon et al. 2018 (in V31).

Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-07-s37/sram_v31.py OUT.md
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-06-s33"))
from sram_v21 import write  # noqa: E402

from jaxeff.gnn import velamem as vm  # noqa: E402

#: M1, the default since session 36 (sram_v28.md)
BASE = "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq_vis_1rd"
CANDS = {"N1": BASE + "_spool"}


def main(out: str) -> None:
    """Scores M1 and N1 on V31 into ``out``."""
    assert vm.DEFAULT_RULE in (BASE, CANDS["N1"]), "M1 was the default when this ran (N1 since its outcome)"
    write(pathlib.Path(out).resolve(), BASE, CANDS, "V31X", "candidate _spool (V31 = shared + heldoutV31X)",
          "sram_v31.py", "diag_chambon37.md", "session 37 addendum 7")


if __name__ == "__main__":
    main(sys.argv[1])
