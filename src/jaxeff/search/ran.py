"""RAN-e hardware-aware collapse search (greedy, cost-model ordered).

"Restructurable Activation Networks" (Bhardwaj et al., arXiv 2208.08562). The
paper's semi-automatic search is not released [U]; spec ``micronets_ran.md`` §B2
[Choice]:

1. per-block NPU cycles of MBConv vs collapsed block at every position
   (:func:`jaxeff.nets.ran_vela.block_costs`);
2. visit positions in order of cycles saved, most first (only positive savings);
3. collapse a position if a short proxy training on a validation split loses at
   most ``delta`` accuracy against the all-MBConv reference, else keep the MBConv;
4. a human fixes the candidate set (``candidates``).

The proxy accuracy is a caller-supplied function ``pattern -> accuracy`` so the
search logic is tested without training; :func:`apply_pattern` turns a pattern into
stage specs for :class:`jaxeff.nets.ran.RANe`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from jaxeff.nets.ran import StageSpec

__all__ = ["SearchStep", "apply_pattern", "greedy_collapse", "saved_cycles"]


@dataclasses.dataclass(frozen=True, kw_only=True)
class SearchStep:
    """One tried position: its ``saved`` cycles, the proxy ``accuracy`` with it
    collapsed, and whether it was ``kept``."""

    position: int
    saved: int
    accuracy: float
    kept: bool


def apply_pattern(stages: Sequence[StageSpec], pattern: Sequence[int]
                  ) -> tuple[StageSpec, ...]:
    """Stage specs with the collapse flags of ``pattern`` (one 0/1 per block)."""
    n = sum(s.repeats for s in stages)
    if len(pattern) != n or set(pattern) - {0, 1}:
        raise ValueError(f"pattern must be {n} flags in {{0, 1}}, got {list(pattern)}")
    out, i = [], 0
    for s in stages:
        out.append(dataclasses.replace(s, collapse=tuple(pattern[i:i + s.repeats])))
        i += s.repeats
    return tuple(out)


def greedy_collapse(saved: Sequence[int], accuracy: Callable[[tuple[int, ...]], float],
                    *, delta: float, candidates: Sequence[int] | None = None
                    ) -> tuple[tuple[int, ...], float, list[SearchStep]]:
    """Greedy search (steps 2-3 above).

    Args:
      saved: cycles saved by collapsing each position (MBConv - collapsed).
      accuracy: proxy accuracy of a pattern (tuple of 0/1 flags, 1 = collapsed).
      delta: largest accuracy loss allowed against the all-MBConv reference.
      candidates: positions allowed to collapse (default: all).

    Returns ``(pattern, reference accuracy, steps)``.
    """
    if delta < 0:
        raise ValueError(f"delta must be >= 0, got {delta}")
    n = len(saved)
    cand = range(n) if candidates is None else candidates
    if any(not 0 <= c < n for c in cand):
        raise ValueError(f"candidates must be positions in [0, {n}), got {list(cand)}")
    pattern = [0] * n
    ref = accuracy(tuple(pattern))
    steps: list[SearchStep] = []
    for pos in sorted((c for c in cand if saved[c] > 0), key=lambda c: (-saved[c], c)):
        trial = pattern.copy()
        trial[pos] = 1
        acc = accuracy(tuple(trial))
        kept = acc >= ref - delta
        if kept:
            pattern = trial
        steps.append(SearchStep(position=pos, saved=int(saved[pos]), accuracy=acc,
                                kept=kept))
    return tuple(pattern), ref, steps


def saved_cycles(rows: Sequence[dict[str, Any]], platform: str) -> list[int]:
    """``{platform}_saved`` of :func:`jaxeff.nets.ran_vela.block_costs` rows."""
    return [int(r[f"{platform}_saved"]) for r in rows]
