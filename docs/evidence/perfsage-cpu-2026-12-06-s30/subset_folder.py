"""Issue 22 (sessions 29-30): a held-out folder without the named models, for the headline tables.

runs/DST gets links to the models of runs/SRC that Vela maps fully, less the named ones, and their labels; exactly N
must remain. Used by tables_s29.sh (families XXXIII, 7) and tables_s30.sh (families XXXIV, 7).

Usage (repo root): python docs/evidence/perfsage-cpu-2026-12-06-s30/subset_folder.py SRC DST N MODEL [MODEL ...]
"""
import json
import os
import pathlib
import shutil
import sys


def main() -> None:
    src, dst, n, drop = sys.argv[1], sys.argv[2], int(sys.argv[3]), {m + ".tflite" for m in sys.argv[4:]}
    lab = json.load(open(f"runs/{src}/labels.json"))
    keep = {k: v for k, v in lab.items() if k not in drop and v["npu_full"]}
    assert len(keep) == n, (len(keep), n)
    shutil.rmtree(f"runs/{dst}", ignore_errors=True)
    pathlib.Path(f"runs/{dst}/models").mkdir(parents=True)
    json.dump(keep, open(f"runs/{dst}/labels.json", "w"), indent=1)
    for k in keep:
        os.symlink(os.path.realpath(f"runs/{src}/models/{k}"), f"runs/{dst}/models/{k}")


if __name__ == "__main__":
    main()
