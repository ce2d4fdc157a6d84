"""Session 30 addendum 2 (issue 22, SRAM): velamem rules on V15 and the pre-registered choice of vorder_cat_smx.

V15 = the shared real models Vela maps fully + the held-out models of runs/heldoutV15 (= heldoutV14 + heldoutXXXIV)
that it maps fully. Choice (PREREGISTERED.md addendum 2): session 22's rule, vorder_cat_smx against vorder_cat (the
default after section 1). With SRAM_SET=DIR only that folder's models are read and no choice is made (the fresh
test families XXXV). Tables and summaries as sram_v14.py.

Usage (repo root, JAXEFF_DATA set): python docs/evidence/perfsage-cpu-2026-12-06-s30/sram_v15.py OUT.md
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from sram_v14 import decide, real_models, report  # noqa: E402

RULES = ("vorder_cat", "vorder_cat_smx", "refetch")


def choose(errs: dict) -> list:
    ok, why = decide(errs["vorder_cat"], errs["vorder_cat_smx"])
    return [f"**Choice, 'vorder_cat_smx' against 'vorder_cat': {'adopt' if ok else 'reject'}** ({why}).\n"]


if __name__ == "__main__":
    report(pathlib.Path(sys.argv[1]), "V15", real_models("heldoutV15"), RULES, choose)
