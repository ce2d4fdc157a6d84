"""CPT-V (arXiv 2211.09643): ``python -m experiments.cptv``.

CPT-V is the preprint of Evol-Q by the same authors: a block-wise evolutionary
search minimising a global contrastive (infoNCE) loss on an already fully quantized
ViT. Its settings equal Evol-Q's official code (spec evolq.md, "CPT-V relation"), so
this runs the Evol-Q engine with ``algo="cptv"`` (an alias of the paper's
steady-state tournament) and accepts the same flags as ``experiments.evolq``.
"""

from __future__ import annotations

from experiments.evolq import main as _main


def main(argv: list[str] | None = None) -> dict:
    return _main(argv, algo_default="cptv")


if __name__ == "__main__":
    main()
