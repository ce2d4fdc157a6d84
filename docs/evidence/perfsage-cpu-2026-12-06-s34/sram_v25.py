"""Session 34, helper diag44 (issue 22, SRAM): velamem's default "..._1xwh_dwc_bigact_wlive" against candidates
"_vblk" / "_vblk_dom" of diag_vggish.md on V25 (= the shared models Vela maps fully + runs/heldoutV24X, npu_full: 240 held-out
models, families XLIV's VGGish among them), session 22's pre-registered rule (sram_v2.decide); the tables of
sram_v21.py. A development check on validation data: the candidate was written from VGGish's Vela trace (which is
in V25), so its pass or failure here is not a fresh test.

Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-06-s34/sram_v25.py OUT.md
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-06-s33"))
from sram_v21 import write  # noqa: E402

from jaxeff.gnn import velamem as vm  # noqa: E402

BASE = "vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive"
#: K1 written from VGGish's Vela 5.2 trace (diag_vggish.md) before V25 was scored; K2 (K1 and regor's
#: "op-cycle dominated: no buffer" test) written after K1's V25 table (TextCNN +208 / +417 %): said there
CANDS = {"K1": BASE + "_vblk", "K2": BASE + "_vblk_dom"}

if __name__ == "__main__":
    assert vm.DEFAULT_RULE == BASE
    write(pathlib.Path(sys.argv[1]).resolve(), BASE, CANDS, "V24X", "candidates _vblk / _vblk_dom (V25 = shared + heldoutV24X)",
          "sram_v25.py", "diag_vggish.md", "session 34, helper diag44")
