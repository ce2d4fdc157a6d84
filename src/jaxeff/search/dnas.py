"""MicroNets differentiable NAS: width and depth decision nodes with expected MCU costs.

"MicroNets: Neural Network Architectures for Deploying TinyML Applications on
Commodity Microcontrollers" (Banbury et al., MLSys 2021, arXiv 2010.11267, Sec. 4).

Decision nodes (paper Sec. 4.1): ``y = sum_k z_k f_k(x)`` with ``z`` one-hot over
the options of a node. Only widths and depth are searched:

* width nodes: the stem conv and every DS block's pointwise conv choose an output
  width among multiples of ``width_step`` up to the backbone's width;
* depth nodes: every skippable block chooses between itself and an identity skip.

Relaxation, [Choice] (the paper does not give it; spec ``micronets_ran.md`` A2):
FBNetV2 channel masking (Wan et al., arXiv 2004.05565, Eq. 3-5). One weight tensor
at the maximum width is shared by all options; a width node multiplies its output
channels by ``m = sum_k g_k 1[c < c_k]`` with ``g = softmax((alpha + G) / tau)``,
``G`` Gumbel noise (Jang et al., arXiv 1611.01144); a depth node mixes
``z_keep * block(x) + z_skip * x``. The mask is applied after BN and ReLU, so a
masked channel is exactly zero.

Expected costs (paper Sec. 4.1, ``cost = sum_k z_k cost_k``): the exact cost model
of :mod:`jaxeff.nets.micronets` evaluated at the expected widths
``E[c] = sum_k g_k c_k`` and keep probabilities (products of two widths assume
independent nodes, spec A6). With one-hot ``g`` they equal the exact costs of the
extracted network. Penalty [Choice]: ``sum_b max(0, E[cost_b] / B_b - 1)``, or the
two-sided ``|E[cost_b] / B_b - 1|`` for costs to be matched (:func:`budget_penalty`);
the working memory is the hard max over layers of expected input + output bytes.

The argmax architecture is extracted as a plain :class:`~jaxeff.nets.micronets.
MicroNet` (:func:`extract_spec`), optionally with its weights sliced from the
supernet (:func:`extract_variables`; equal outputs to the one-hot supernet).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np

from jaxeff.nets.micronets import MicroNetSpec, cost_summary
from jaxeff.ops.depthwise import depthwise_impl

__all__ = [
    "SearchSpace",
    "SuperMicroNet",
    "arch_probs",
    "budget_penalty",
    "expected_costs",
    "extract_spec",
    "extract_variables",
    "gumbel_softmax",
    "init_arch",
    "kws_space",
    "one_hot_arch",
    "sample_arch",
]

Arch = dict[str, jax.Array]  # "stem", "width{i}", "depth{i}" -> logits or weights [K]


@dataclasses.dataclass(frozen=True, kw_only=True)
class SearchSpace:
    """A MicroNet backbone at maximum widths plus its decision nodes.

    Attributes:
      base: geometry and maximum widths (stem channels, block channels).
      width_step: width options are ``width_step, 2 width_step, ... <= max``.
      min_width: the smallest option (rounded up to a multiple of ``width_step``).
      skippable: per block, whether it has a depth node (an identity skip). Needs
        stride 1 and the block's max width equal to its input's max width.
    """

    base: MicroNetSpec
    width_step: int = 4
    min_width: int = 4
    skippable: tuple[bool, ...] = ()

    def __post_init__(self):
        if self.width_step < 1 or self.min_width < 1:
            raise ValueError(f"width_step and min_width must be >= 1, got "
                             f"{self.width_step}, {self.min_width}")
        n = len(self.base.blocks)
        if self.skippable and len(self.skippable) != n:
            raise ValueError(f"skippable has {len(self.skippable)} entries for {n} blocks")
        cin = self.base.stem_channels
        for i, ((c, s), skip) in enumerate(zip(self.base.blocks, self.skip_flags)):
            if skip and (s != 1 or c != cin):
                raise ValueError(f"skippable[{i}]: block {i} has stride {s} and max width "
                                 f"{c} (input {cin}); an identity skip needs stride 1 "
                                 "and equal widths")
            cin = c
        for c in (self.base.stem_channels, *(c for c, _ in self.base.blocks)):
            if not self._options(c):
                raise ValueError(f"max width {c} has no option >= min_width "
                                 f"{self.min_width} in steps of {self.width_step}")

    @property
    def skip_flags(self) -> tuple[bool, ...]:
        return self.skippable or (False,) * len(self.base.blocks)

    def _options(self, c: int) -> tuple[int, ...]:
        lo = -(-self.min_width // self.width_step) * self.width_step
        return tuple(range(lo, c + 1, self.width_step))

    def options(self) -> dict[str, tuple[int, ...]]:
        """Width options per width node: ``"stem"``, ``"width0"``, ..."""
        out = {"stem": self._options(self.base.stem_channels)}
        for i, (c, _) in enumerate(self.base.blocks):
            out[f"width{i}"] = self._options(c)
        return out


def kws_space(max_width: int = 64, n_blocks: int = 6, *,
              num_classes: int = 10) -> SearchSpace:
    """The KWS backbone (paper Sec. 5.2, spec A2) at a given scale: a 10x4 stem and
    ``n_blocks`` DS blocks on 49x10 MFCC maps, all ``max_width`` wide, the first
    strided, an identity skip on the others."""
    base = MicroNetSpec(input_hw=(49, 10), stem_kernel=(10, 4), stem_channels=max_width,
                        blocks=((max_width, 2),) + ((max_width, 1),) * (n_blocks - 1),
                        num_classes=num_classes)
    return SearchSpace(base=base, skippable=(False,) + (True,) * (n_blocks - 1))


def init_arch(space: SearchSpace) -> Arch:
    """Zero logits (uniform) for every node; depth nodes are ``[skip, keep]``."""
    arch = {k: jnp.zeros(len(v)) for k, v in space.options().items()}
    for i, skip in enumerate(space.skip_flags):
        if skip:
            arch[f"depth{i}"] = jnp.zeros(2)
    return arch


def gumbel_softmax(key: jax.Array, logits: jax.Array, tau: float | jax.Array) -> jax.Array:
    """``softmax((logits + G) / tau)``, ``G ~ Gumbel(0, 1)`` (arXiv 1611.01144 Eq. 1)."""
    g = jax.random.gumbel(key, logits.shape, logits.dtype)
    return jax.nn.softmax((logits + g) / tau)


def sample_arch(key: jax.Array, arch: Arch, tau: float | jax.Array) -> Arch:
    """Gumbel-softmax weights for every node (independent keys, sorted node order)."""
    keys = jax.random.split(key, len(arch))
    return {k: gumbel_softmax(kk, arch[k], tau) for kk, k in zip(keys, sorted(arch))}


def arch_probs(arch: Arch) -> Arch:
    """``softmax(alpha)`` per node: the architecture distribution without noise."""
    return {k: jax.nn.softmax(v) for k, v in arch.items()}


def one_hot_arch(space: SearchSpace, *, stem: int, widths: list[int],
                 keep: list[bool] | None = None) -> Arch:
    """One-hot node weights selecting the given widths (and blocks kept)."""
    opts = space.options()

    def hot(name: str, c: int) -> jax.Array:
        if c not in opts[name]:
            raise ValueError(f"{name}: width {c} is not an option {opts[name]}")
        return jax.nn.one_hot(opts[name].index(c), len(opts[name]))

    n = len(space.base.blocks)
    if len(widths) != n:
        raise ValueError(f"widths has {len(widths)} entries for {n} blocks")
    keep = [True] * n if keep is None else keep
    arch = {"stem": hot("stem", stem)}
    for i, (c, skip) in enumerate(zip(widths, space.skip_flags)):
        arch[f"width{i}"] = hot(f"width{i}", c)
        if skip:
            arch[f"depth{i}"] = jax.nn.one_hot(int(keep[i]), 2)
        elif not keep[i]:
            raise ValueError(f"keep[{i}] is False but block {i} is not skippable")
    return arch


def _expected_width(weights: jax.Array, options: tuple[int, ...]) -> jax.Array:
    return jnp.dot(weights, jnp.asarray(options, weights.dtype))


def _mask(weights: jax.Array, options: tuple[int, ...], cmax: int) -> jax.Array:
    # m_c = sum_k g_k 1[c < c_k]  (FBNetV2 Eq. 4), [cmax]
    ind = np.arange(cmax)[None, :] < np.asarray(options)[:, None]
    return weights @ jnp.asarray(ind, weights.dtype)


def expected_costs(space: SearchSpace, weights: Arch, *,
                   fractional: bool = True) -> dict[str, jax.Array]:
    """E[ops], E[params], E[flash] and the WM (hard max of expected layer bytes)
    under node weights (Gumbel samples, probabilities or one-hot); differentiable."""
    opts = space.options()
    n = len(space.base.blocks)
    widths = [_expected_width(weights[f"width{i}"], opts[f"width{i}"]) for i in range(n)]
    keep = [weights[f"depth{i}"][1] if f"depth{i}" in weights else 1 for i in range(n)]
    return cost_summary(space.base, stem_channels=_expected_width(weights["stem"],
                                                                  opts["stem"]),
                        widths=widths, keep=keep, fractional=fractional)


def budget_penalty(costs: dict[str, jax.Array], budgets: dict[str, float], *,
                   target: tuple[str, ...] | frozenset[str] = ()) -> jax.Array:
    """The budget term of the DNAS loss.

    ``sum_b max(0, E[cost_b] / B_b - 1)`` over the budgeted costs ([Choice], spec
    A2: a hinge, zero anywhere under the budget). Costs named in ``target`` get the
    two-sided ``|E[cost_b] / B_b - 1|`` instead: TuNAS's absolute-value reward
    (Bender et al., arXiv 2008.06120, Sec. 3.2, ``Q + beta |T / T_0 - 1|``), which
    pulls the search *to* the budget rather than only under it [Choice, ours for
    MicroNets]: with the hinge nothing stops the argmax network from using a small
    part of the budget, and "DNAS vs baselines at equal ops" needs it to use all.
    """
    unknown = (set(budgets) | set(target)) - set(costs)
    if unknown:
        raise ValueError(f"budgets names unknown costs {sorted(unknown)}; "
                         f"known: {sorted(costs)}")
    missing = set(target) - set(budgets)
    if missing:
        raise ValueError(f"target costs {sorted(missing)} have no budget; "
                         f"budgets: {sorted(budgets)}")
    terms = (jnp.abs(costs[k] / b - 1.0) if k in target else jax.nn.relu(costs[k] / b - 1.0)
             for k, b in budgets.items())
    return sum(terms, jnp.zeros(()))


class SuperMicroNet(nn.Module):
    """The supernet: a :class:`~jaxeff.nets.micronets.MicroNet` at maximum widths with
    channel masks and skips. ``__call__(x, weights, train)`` -> ``(logits, aux)``.

    Parameter names equal MicroNet's (``stem``, ``block{i}_dw``, ``block{i}_pw``,
    ``*_bn``, ``fc``), so a subnet's weights are slices (:func:`extract_variables`).
    """

    space: SearchSpace
    depthwise: str = "shifted"  # dw conv lowering (jaxeff.ops.depthwise; "lax": grouped)

    def _conv_bn(self, x, conv, name, train, mask):
        y = nn.BatchNorm(use_running_average=not train, momentum=0.9,
                         name=f"{name}_bn")(conv(x))
        return nn.relu(y) * mask

    @nn.compact
    def __call__(self, x: jax.Array, weights: Arch, *,
                 train: bool = False) -> tuple[jax.Array, dict]:
        sp = self.space.base
        opts = self.space.options()
        if x.ndim != 4 or x.shape[1:] != (*sp.input_hw, sp.in_channels):
            raise ValueError(f"x must be [N, {sp.input_hw[0]}, {sp.input_hw[1]}, "
                             f"{sp.in_channels}], got {x.shape}")
        m = _mask(weights["stem"], opts["stem"], sp.stem_channels)
        x = self._conv_bn(x, nn.Conv(sp.stem_channels, sp.stem_kernel, padding="SAME",
                                     use_bias=False, name="stem"), "stem", train, m)
        for i, ((c, s), skip) in enumerate(zip(sp.blocks, self.space.skip_flags)):
            cin = x.shape[-1]
            y = self._conv_bn(x, nn.Conv(cin, (3, 3), (s, s), padding="SAME",
                                         feature_group_count=cin, use_bias=False,
                                         conv_general_dilated=depthwise_impl(
                                             self.depthwise),
                                         name=f"block{i}_dw"), f"block{i}_dw", train, m)
            m_out = _mask(weights[f"width{i}"], opts[f"width{i}"], c)
            y = self._conv_bn(y, nn.Conv(c, (1, 1), use_bias=False,
                                         name=f"block{i}_pw"), f"block{i}_pw", train,
                              m_out)
            if skip:
                z = weights[f"depth{i}"]
                x, m = z[1] * y + z[0] * x, z[1] * m_out + z[0] * m
            else:
                x, m = y, m_out
        x = jnp.mean(x, axis=(1, 2))
        return nn.Dense(sp.num_classes, name="fc")(x), {"mask": m}


def extract_spec(space: SearchSpace, arch: Arch) -> tuple[MicroNetSpec, list[int]]:
    """Argmax architecture -> (plain spec, indices of the kept supernet blocks)."""
    opts = space.options()
    pick = {k: int(np.argmax(np.asarray(v))) for k, v in arch.items()}
    blocks, kept = [], []
    for i, (_, s) in enumerate(space.base.blocks):
        if f"depth{i}" in pick and pick[f"depth{i}"] == 0:
            continue
        blocks.append((opts[f"width{i}"][pick[f"width{i}"]], s))
        kept.append(i)
    spec = dataclasses.replace(space.base, stem_channels=opts["stem"][pick["stem"]],
                               blocks=tuple(blocks))
    return spec, kept


def extract_variables(space: SearchSpace, arch: Arch, variables: Any) -> tuple[
        MicroNetSpec, dict[str, Any]]:
    """The argmax subnet with its weights sliced from the supernet's ``variables``
    (``params`` and ``batch_stats``), for ``MicroNet(spec, batch_norm=True)``."""
    spec, kept = extract_spec(space, arch)

    def cut(tree: dict[str, Any], src: str, dst: str, cin: int | None, cout: int) -> None:
        for coll, d in tree.items():
            out = new.setdefault(coll, {})
            if src in d:  # conv kernel [kh, kw, cin_or_1, cout]
                k = d[src]["kernel"]
                k = k[:, :, :cin, :cout] if cin is not None else k[..., :cout]
                out[dst] = {"kernel": k}
            if f"{src}_bn" in d:
                out[f"{dst}_bn"] = {n: v[:cout] for n, v in d[f"{src}_bn"].items()}

    new: dict[str, Any] = {}
    tree = {k: v for k, v in variables.items() if k in ("params", "batch_stats")}
    c = spec.stem_channels
    cut(tree, "stem", "stem", None, c)
    for j, (i, (cout, _)) in enumerate(zip(kept, spec.blocks)):
        cut(tree, f"block{i}_dw", f"block{j}_dw", None, c)
        cut(tree, f"block{i}_pw", f"block{j}_pw", c, cout)
        c = cout
    fc = variables["params"]["fc"]
    new["params"]["fc"] = {"kernel": fc["kernel"][:c], "bias": fc["bias"]}
    return spec, new
