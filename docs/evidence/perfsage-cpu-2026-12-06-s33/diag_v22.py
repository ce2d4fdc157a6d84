"""Session 33 addendum 3 (issue 22, SRAM): where Vela 5.2's SRAM peak lies on the V22 misses (QuartzNet 5x5, SoundNet-8,
VDCNN-9, PreAct ResNet-18, VGG-S) and what velamem holds at its own peak, per rule (the default and every rule named
after it, "_dwc" and "_bigact" included): diag_1xw.py's parser and report on runs/heldoutV22 (diag_v22.md).

Usage (repo root, PYTHONPATH=src:., JAXEFF_MAIN for runs/): python docs/evidence/perfsage-cpu-2026-12-06-s33/diag_v22.py
  models NAME...   (names of runs/heldoutV22/models; with DIAG_SET=heldoutV23 those of runs/heldoutV23, addendum 5's
  diag_v23.md)
"""
import os
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from diag_1xw import main  # noqa: E402

if __name__ == "__main__":
    main(os.environ.get("DIAG_SET", "heldoutV22"))
