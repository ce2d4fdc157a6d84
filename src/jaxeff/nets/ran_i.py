"""RAN-i: ConvNeXt scaled by NN-Mass, and NN-Mass itself.

"Restructurable Activation Networks" (Bhardwaj et al., arXiv 2208.08562), spec
``micronets_ran.md`` §B2 (RAN-i) and §B5; NN-Mass: "How does topology influence
gradient propagation and model performance of deep networks with DenseNet-type skip
connections?" (Bhardwaj et al., arXiv 1910.00780, code ``SLDGroup/NN_Mass``).
ConvNeXt: "A ConvNet for the 2020s" (Liu et al., arXiv 2201.03545).

NN-Mass (spec §B2):

* cell form: width ``w``, depth ``d``, link cap ``t``; layer ``L >= 2`` (0-based)
  has ``P_L = w (L - 1)`` possible and ``A_L = min(t, P_L)`` actual long-range links;
  ``rho = sum A / sum P`` and ``NN-Mass = sum_cells rho w d``            (Eq. M1)
* per block: ConvNeXt block ``2 dim``; ResNet basic block ``in + out``; residual
  bottleneck / inverted residual ``(in + 2h) in / (2 in + h)``, 0 without the
  residual                                                               (Eq. M2)

RAN-i: depths ``round(dm [3, 3, 9, 3])``, dims ``round(wm [96, 192, 384, 768])``
with Python's round (half to even). :func:`choose_multipliers` is our [Choice]:
the (wm, dm) on a grid minimising MACs subject to NN-Mass >= the base model's.

MACs (:func:`convnext_cost`) count convs and linear layers only (no LayerNorm, GELU,
layer scale), params count everything trainable; both are checked against the Flax
module (:func:`jaxeff.nets.ran.count_macs`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

import flax.linen as nn
import jax
import jax.numpy as jnp

from jaxeff.ops.depthwise import depthwise_impl

__all__ = [
    "CONVNEXT", "CONVNEXT_CIFAR", "RAN_I", "ConvNeXt", "choose_multipliers",
    "convnext_cost", "nn_mass_cell", "nn_mass_convnext", "nn_mass_inverted_residual",
    "nn_mass_resnet_basic", "ran_i_layout",
]

# name -> (depths, dims) of ConvNeXt (arXiv 2201.03545) and the CIFAR-10 base [Choice]
CONVNEXT: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "T": ((3, 3, 9, 3), (96, 192, 384, 768)),
    "S": ((3, 3, 27, 3), (96, 192, 384, 768)),
    "B": ((3, 3, 27, 3), (128, 256, 512, 1024)),
}
CONVNEXT_CIFAR = ((2, 2, 6, 2), (32, 64, 128, 256))
# RAN-i (wm, dm) of the official code (RAN_i/models/ran_i.py), on ConvNeXt-T's layout
RAN_I: dict[str, tuple[float, float]] = {
    "T": (0.666, 1.65), "S": (0.789, 1.65), "B": (0.9105, 2.30)}


def nn_mass_cell(w: int, d: int, t: int) -> tuple[float, float]:
    """Eq. M1 for one cell: ``(rho, rho w d)``."""
    if min(w, d) < 1 or t < 0:
        raise ValueError(f"need w >= 1, d >= 1, t >= 0, got w={w}, d={d}, t={t}")
    p = [w * (L - 1) for L in range(2, d)]
    if not p:
        return 0.0, 0.0
    rho = sum(min(t, pl) for pl in p) / sum(p)
    return rho, rho * w * d


def nn_mass_convnext(depths: Sequence[int], dims: Sequence[int]) -> int:
    """Eq. M2 summed over ConvNeXt blocks: ``sum_stages depth 2 dim``."""
    return int(sum(2 * c * d for d, c in zip(depths, dims, strict=True)))


def nn_mass_resnet_basic(cin: int, cout: int) -> int:
    """Eq. M2, ResNet basic block: ``in + out``."""
    return cin + cout


def nn_mass_inverted_residual(cin: int, hidden: int, residual: bool = True) -> float:
    """Eq. M2, residual bottleneck / inverted residual: ``(in + 2h) in / (2 in + h)``;
    0 without the residual."""
    return (cin + 2 * hidden) * cin / (2 * cin + hidden) if residual else 0.0


def ran_i_layout(wm: float, dm: float, base: tuple[Sequence[int], Sequence[int]]
                 = CONVNEXT["T"]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """``(round(dm depths), round(wm dims))`` with Python round (spec §B2)."""
    depths, dims = base
    return tuple(round(d * dm) for d in depths), tuple(round(c * wm) for c in dims)


def convnext_cost(depths: Sequence[int], dims: Sequence[int], res: int = 224,
                  num_classes: int = 1000, patch: int = 4) -> tuple[int, int]:
    """``(MACs, params)`` of ConvNeXt at ``res x res``: stem ``patch x patch`` conv +
    LN, per stage (after the first) LN + 2x2/2 conv, blocks ``dw7x7, LN, 1x1 4c,
    GELU, 1x1 c, layer scale``, final LN and FC."""
    h = res // patch
    macs = h * h * patch * patch * 3 * dims[0]
    params = patch * patch * 3 * dims[0] + dims[0] + 2 * dims[0]
    for i, (d, c) in enumerate(zip(depths, dims, strict=True)):
        if i:
            h //= 2
            macs += h * h * 4 * dims[i - 1] * c
            params += 2 * dims[i - 1] + 4 * dims[i - 1] * c + c
        macs += d * h * h * (49 * c + 8 * c * c)
        params += d * (49 * c + c + 2 * c + 4 * c * c + 4 * c + 4 * c * c + c + c)
    macs += dims[-1] * num_classes
    params += 2 * dims[-1] + dims[-1] * num_classes + num_classes
    return macs, params


@dataclasses.dataclass(frozen=True, kw_only=True)
class Choice:
    """A (wm, dm) choice with its layout, MACs and NN-Mass."""

    wm: float
    dm: float
    depths: tuple[int, ...]
    dims: tuple[int, ...]
    macs: int
    nn_mass: int


def choose_multipliers(target_mass: float, wms: Iterable[float], dms: Iterable[float],
                       base: tuple[Sequence[int], Sequence[int]] = CONVNEXT["T"],
                       **cost_kw: Any) -> Choice:
    """[Choice] The grid point minimising MACs subject to NN-Mass >= ``target_mass``
    (ties: the larger NN-Mass). Raises ``ValueError`` if no point qualifies."""
    best: Choice | None = None
    for dm in dms:
        for wm in wms:
            depths, dims = ran_i_layout(wm, dm, base)
            if min(depths) < 1 or min(dims) < 1:
                continue
            mass = nn_mass_convnext(depths, dims)
            if mass < target_mass:
                continue
            macs = convnext_cost(depths, dims, **cost_kw)[0]
            c = Choice(wm=wm, dm=dm, depths=depths, dims=dims, macs=macs, nn_mass=mass)
            if best is None or (macs, -mass) < (best.macs, -best.nn_mass):
                best = c
    if best is None:
        raise ValueError(f"no (wm, dm) on the grid reaches NN-Mass {target_mass}")
    return best


class _Block(nn.Module):
    dim: int
    drop_path: float = 0.0
    layer_scale: float = 1e-6
    depthwise: str = "shifted"

    @nn.compact
    def __call__(self, x: jax.Array, train: bool) -> jax.Array:
        c = self.dim
        y = nn.Conv(c, (7, 7), padding="SAME", feature_group_count=c, name="dw",
                    conv_general_dilated=depthwise_impl(self.depthwise))(x)
        y = nn.LayerNorm(epsilon=1e-6, name="ln")(y)
        y = nn.gelu(nn.Dense(4 * c, name="pw1")(y), approximate=False)
        y = nn.Dense(c, name="pw2")(y)
        y = y * self.param("gamma", nn.initializers.constant(self.layer_scale), (c,))
        if train and self.drop_path > 0:
            keep = jax.random.bernoulli(self.make_rng("dropout"), 1 - self.drop_path,
                                        (x.shape[0], 1, 1, 1))
            y = jnp.where(keep, y / (1 - self.drop_path), 0)
        return x + y


class ConvNeXt(nn.Module):
    """ConvNeXt ``[N, H, W, 3] -> (logits, aux)`` (arXiv 2201.03545). ``patch``: stem
    conv size = stride (4 on ImageNet; CIFAR-10 [Choice] 2). ``aux["nn_mass"]``."""

    depths: tuple[int, ...] = CONVNEXT["T"][0]
    dims: tuple[int, ...] = CONVNEXT["T"][1]
    num_classes: int = 1000
    patch: int = 4
    drop_path: float = 0.0
    depthwise: str = "shifted"  # dw conv lowering: "shifted" | "lax" (ops.depthwise)

    @nn.compact
    def __call__(self, x: jax.Array, train: bool = False) -> tuple[jax.Array, Any]:
        if x.ndim != 4 or x.shape[-1] != 3:
            raise ValueError(f"ConvNeXt: argument x must be [N, H, W, 3], got {x.shape}")
        if len(self.depths) != len(self.dims):
            raise ValueError(f"depths {self.depths} and dims {self.dims} differ in length")
        p = self.patch
        x = nn.Conv(self.dims[0], (p, p), (p, p), padding="VALID", name="stem")(x)
        x = nn.LayerNorm(epsilon=1e-6, name="stem_ln")(x)
        total, k = sum(self.depths), 0
        for i, (d, c) in enumerate(zip(self.depths, self.dims, strict=True)):
            if i:
                x = nn.LayerNorm(epsilon=1e-6, name=f"down_{i}_ln")(x)
                x = nn.Conv(c, (2, 2), (2, 2), padding="VALID", name=f"down_{i}")(x)
            for _ in range(d):
                rate = self.drop_path * k / max(total - 1, 1)
                x = _Block(c, rate, depthwise=self.depthwise, name=f"block_{k}")(x, train)
                k += 1
        x = nn.LayerNorm(epsilon=1e-6, name="norm")(jnp.mean(x, axis=(1, 2)))
        aux = {"nn_mass": nn_mass_convnext(self.depths, self.dims)}
        return nn.Dense(self.num_classes, name="head")(x), aux
