"""Budget helpers for MicroNets DNAS: fit checks, repair, and the two baselines.

"MicroNets" (Banbury et al., arXiv 2010.11267): a found network must fit the
MCU's budgets of ops (latency proxy, Sec. 3), flash and SRAM working memory
(Sec. 4; costs of :func:`jaxeff.nets.micronets.cost_summary`). Here:

* :func:`fits` checks exact costs against budgets;
* :func:`repair` ([Choice]) narrows an extracted argmax network greedily, one
  ``width_step`` at a time on the node that lowers the summed relative excess most,
  until it fits (the relaxed search only penalizes the expected costs);
* :func:`widest_dscnn`: the hand-designed baseline, a DS-CNN (paper Sec. 5.2,
  Hello Edge arXiv 1711.07128) with one width everywhere, the widest multiple of
  ``width_step`` that fits;
* :func:`random_spec`: uniform random search over the same space, rejection-sampled
  to fit the budget and use at least ``min_frac`` of the ops budget (equal ops).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import numpy as np

from jaxeff.nets.micronets import MicroNetSpec, cost_summary
from jaxeff.search.dnas import SearchSpace

__all__ = ["excess", "fits", "random_spec", "repair", "widest_dscnn"]


def excess(spec: MicroNetSpec, budgets: Mapping[str, float]) -> float:
    """``sum_b max(0, cost_b / B_b - 1)`` of the exact costs (0 when it fits)."""
    c = cost_summary(spec)
    return float(sum(max(0.0, c[k] / b - 1.0) for k, b in budgets.items()))


def fits(spec: MicroNetSpec, budgets: Mapping[str, float]) -> bool:
    """Whether every exact cost named in ``budgets`` is within its budget."""
    return excess(spec, budgets) == 0.0


def repair(spec: MicroNetSpec, budgets: Mapping[str, float], *,
           width_step: int = 4) -> tuple[MicroNetSpec, int]:
    """Narrow ``spec`` until it fits; returns (spec, number of narrowing steps)."""
    steps = 0
    while not fits(spec, budgets):
        cands = []
        if spec.stem_channels > width_step:
            cands.append(dataclasses.replace(spec,
                                             stem_channels=spec.stem_channels - width_step))
        for i, (c, s) in enumerate(spec.blocks):
            if c > width_step:
                b = list(spec.blocks)
                b[i] = (c - width_step, s)
                cands.append(dataclasses.replace(spec, blocks=tuple(b)))
        if not cands:
            raise ValueError(f"no width of {spec} fits the budgets {dict(budgets)}")
        spec = min(cands, key=lambda s: excess(s, budgets))
        steps += 1
    return spec, steps


def widest_dscnn(base: MicroNetSpec, budgets: Mapping[str, float], *,
                 n_blocks: int = 4, width_step: int = 4) -> MicroNetSpec:
    """The widest uniform DS-CNN (stem + ``n_blocks`` DS blocks, first stride 2) of
    ``base``'s geometry that fits ``budgets``."""
    best = None
    c = width_step
    while True:
        spec = dataclasses.replace(base, stem_channels=c,
                                   blocks=((c, 2),) + ((c, 1),) * (n_blocks - 1))
        if not fits(spec, budgets):
            break
        best, c = spec, c + width_step
    if best is None:
        raise ValueError(f"even width {width_step} does not fit the budgets "
                         f"{dict(budgets)}")
    return best


def random_spec(rng: np.random.Generator, space: SearchSpace,
                budgets: Mapping[str, float], *, min_frac: float = 0.7,
                max_tries: int = 100_000) -> MicroNetSpec:
    """A uniform sample of ``space`` (every width option and skip equally likely)
    that fits ``budgets`` and has ops >= ``min_frac`` of the ops budget."""
    opts = space.options()
    lo = min_frac * budgets["ops"] if "ops" in budgets else 0.0
    for _ in range(max_tries):
        blocks = []
        for i, (_, s) in enumerate(space.base.blocks):
            w = int(rng.choice(opts[f"width{i}"]))
            if space.skip_flags[i] and rng.random() < 0.5:
                continue
            blocks.append((w, s))
        spec = dataclasses.replace(space.base, stem_channels=int(rng.choice(opts["stem"])),
                                   blocks=tuple(blocks))
        if fits(spec, budgets) and cost_summary(spec)["ops"] >= lo:
            return spec
    raise ValueError(f"no random network of the space fits {dict(budgets)} with ops >= "
                     f"{lo:g} in {max_tries} tries")
