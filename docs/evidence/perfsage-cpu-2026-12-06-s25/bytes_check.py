"""Session 25: every earlier held-out model rebuilt with today's builders is byte-identical to the file session 24
built (runs/heldout_all/models), after the helpers' refactors of shared builder code (issue 22).

Usage (repo root): PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-06-s25/bytes_check.py [--old DIR] [NAME ...]
(DIR: a folder of earlier .tflite files, default runs/heldout_all/models; session 24's families XX / XXI are in
runs/heldout_s24/models)
Prints one line per model and the count of differing files; exits 1 if any differs.
"""
import hashlib
import pathlib
import sys

import experiments.perfsage_heldout as ph

args = sys.argv[1:]
old = pathlib.Path("runs/heldout_all/models")
if args[:1] == ["--old"]:
    old, args = pathlib.Path(args[1]), args[2:]
names = args or [p.stem for p in sorted(old.glob("*.tflite"))]
bad = []
for n in names:
    a = hashlib.sha256((old / f"{n}.tflite").read_bytes()).hexdigest()
    b = hashlib.sha256(ph.build(n)).hexdigest()
    print(n, "same" if a == b else "DIFFERENT", flush=True)
    if a != b:
        bad.append(n)
print(f"{len(names) - len(bad)} of {len(names)} identical; differing: {bad}")
sys.exit(1 if bad else 0)
