"""Session 38 (issue 22, SRAM): velamem's default of the moment against the candidates of one step, on V33 (= the shared
models Vela maps fully + runs/heldoutV33X: heldoutV31X, families LVI and LVII merged, npu_full), session 22's
pre-registered rule (sram_v2.decide) per candidate; the tables of sram_v21.py. Development checks: every candidate was
written from V33 models.
  section 1:  N1 "..._1rd_spool" against N1' "_cb" and N2 "_cb_pcat" (diag_tsception37.md)      -> sram_v33.md
  addendum 4: N1' against R "_rsz" (diag_sram38.md)  [sram_v33r.py]                              -> sram_v33r.md
  addendum 6: R against E1 "_ew1" (diag_ew38.md)     [sram_v33e.py]                              -> sram_v33e.md
The rules are named in full, so the tables do not depend on which one is `velamem.DEFAULT_RULE` when this runs.

Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-07-s38/sram_v33.py OUT.md
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-06-s33"))
from sram_v21 import write  # noqa: E402

#: N1, the default since session 37 (sram_v31.md), and this session's suffixes on it
N1 = "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq_vis_1rd_spool"


def run(out: str, base: str, cands: dict[str, str], what: str, script: str, diag: str, add: str) -> None:
    """Scores ``base`` (the default then) and ``cands`` on V33 into ``out``."""
    write(pathlib.Path(out).resolve(), base, cands, "V33X", f"{what} (V33 = shared + heldoutV33X)", script, diag, add)


if __name__ == "__main__":
    run(sys.argv[1], N1, {"N1'": N1 + "_cb", "N2": N1 + "_cb_pcat"}, "candidates _spool_cb / _spool_cb_pcat",
        "sram_v33.py", "../perfsage-cpu-2026-12-07-s37/diag_tsception37.md", "session 38 section 1")
