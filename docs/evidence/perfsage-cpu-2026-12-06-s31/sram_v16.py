"""Session 31 addendum 1 (issue 22, SRAM): velamem's default `vorder_cat_smx` and the candidate `vorder_cat_smx_lin`
(a clamp activation on fewer than 8 channels keeps its map NHWC) on V16, and the pre-registered choice.

V16 = the shared real models Vela maps fully + the held-out models of runs/heldoutV16 (= heldoutV15 + heldoutXXXV)
that it maps fully. Choice: session 22's rule (`sram_v2.decide`), the candidate against the default. With
SRAM_SET=DIR only that folder's models are read and no choice is made (the fresh families XXXVI). Tables and
summaries as session 30's sram_v14.py.

Usage (repo root, JAXEFF_DATA set): python docs/evidence/perfsage-cpu-2026-12-06-s31/sram_v16.py OUT.md
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "perfsage-cpu-2026-12-06-s30"))
from sram_v14 import decide, real_models, report  # noqa: E402

RULES = ("vorder_cat_smx", "vorder_cat_smx_lin")


def choose(errs: dict) -> list:
    ok, why = decide(errs["vorder_cat_smx"], errs["vorder_cat_smx_lin"])
    return [f"**Choice, 'vorder_cat_smx_lin' against 'vorder_cat_smx': {'adopt' if ok else 'reject'}** ({why}).\n"]


if __name__ == "__main__":
    report(pathlib.Path(sys.argv[1]), "V16", real_models("heldoutV16"), RULES, choose)
