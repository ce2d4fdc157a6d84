"""MicroNets: the published KWS / AD architectures and their exact MCU cost models.

"MicroNets: Neural Network Architectures for Deploying TinyML Applications on
Commodity Microcontrollers" (Banbury et al., MLSys 2021, arXiv 2010.11267).

Architectures (paper Table 5; spec ``micronets_ran.md`` A3/A4): a ``kh x kw`` conv
stem (stride 1, 'same' padding), then depthwise-separable (DS) blocks, each a
3x3 depthwise conv (stride 1 or 2, 'same') and a 1x1 pointwise conv, each followed
by ReLU (BatchNorm at training time, folded into the bias for deployment), then
global average pooling and a fully-connected classifier. KWS inputs are 49x10
MFCC maps (12 classes), AD inputs 32x32 log-mel maps (FC with 4 outputs, paper
Table 5; ML-zoo has 8, A6).

Cost models (paper Sec. 3/4, the MicroNets conventions; spec A2):

* ops (1 MAC = 2 ops): conv ``2 Ho Wo kh kw Cin Cout``, depthwise
  ``2 Ho Wo kh kw C``, FC ``2 Cin Cout``; pooling, bias, BN and ReLU are not
  counted. The paper counts ``H W / 4`` output positions after a stride-2 layer
  (49x10 -> 122.5, "fractional"); the integer 'same' map is 25x5 = 125.
* params: weights + biases with BN folded (no BN parameters).
* flash: int8 weight bytes + bias bytes (int32 biases, as TFLite stores them).
* working memory (SpArSe, Fedorov et al. arXiv 1905.12107): per layer the int8
  bytes of its input plus its output (integer 'same' shapes); the model needs the
  maximum over layers, to be compared with SRAM minus the TFLM overhead.

:func:`layer_costs` is written with ``+``, ``*`` and a max only, so the same code
gives exact Python numbers for a fixed architecture and differentiable expected
costs (``jnp`` channel expectations and keep probabilities) in
:mod:`jaxeff.search.dnas`.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Sequence
from typing import Any

import flax.linen as nn
import jax
import jax.numpy as jnp

from jaxeff.ops.depthwise import depthwise_impl

__all__ = [
    "MICRONETS",
    "MicroNet",
    "MicroNetSpec",
    "cost_summary",
    "layer_costs",
    "micronet",
    "num_params",
]

Num = Any  # a Python int/float or a jax scalar (expected costs in DNAS)


@dataclasses.dataclass(frozen=True, kw_only=True)
class MicroNetSpec:
    """A stem conv + DS blocks + avg-pool + FC network (paper Table 5).

    Attributes:
      input_hw: input map (H, W); one input channel.
      stem_kernel: (kh, kw) of the stem conv (stride 1).
      stem_channels: stem conv output channels.
      blocks: ``(channels, stride)`` per DS block (pointwise output channels and
        the depthwise stride, 1 or 2).
      num_classes: FC outputs.
      in_channels: input channels (1 for MFCC / log-mel maps, 3 for RGB images).
    """

    input_hw: tuple[int, int]
    stem_kernel: tuple[int, int]
    stem_channels: int
    blocks: tuple[tuple[int, int], ...]
    num_classes: int
    in_channels: int = 1

    def __post_init__(self):
        if len(self.input_hw) != 2 or min(self.input_hw) < 1:
            raise ValueError(f"input_hw must be two positive ints, got {self.input_hw}")
        if len(self.stem_kernel) != 2 or min(self.stem_kernel) < 1:
            raise ValueError(f"stem_kernel must be two positive ints, got "
                             f"{self.stem_kernel}")
        if self.stem_channels < 1 or self.num_classes < 1 or self.in_channels < 1:
            raise ValueError("stem_channels, num_classes and in_channels must be >= 1, "
                             f"got {self.stem_channels}, {self.num_classes}, "
                             f"{self.in_channels}")
        for i, (c, s) in enumerate(self.blocks):
            if c < 1 or s not in (1, 2):
                raise ValueError(f"blocks[{i}] = {(c, s)}: channels must be >= 1 and "
                                 "stride 1 or 2")


def _kws(c0: int, blocks: Sequence[tuple[int, int]]) -> MicroNetSpec:
    return MicroNetSpec(input_hw=(49, 10), stem_kernel=(10, 4), stem_channels=c0,
                        blocks=tuple(blocks), num_classes=12)


def _ad(c0: int, blocks: Sequence[tuple[int, int]]) -> MicroNetSpec:
    return MicroNetSpec(input_hw=(32, 32), stem_kernel=(3, 3), stem_channels=c0,
                        blocks=tuple(blocks), num_classes=4)


def _ds(c: int, n: int) -> list[tuple[int, int]]:
    return [(c, 2)] + [(c, 1)] * (n - 1)


#: Paper Table 5 (KWS, AD) and the DS-CNN baselines as the paper sized them
#: (spec A3: conv 10x4 stride 1, first DS block stride 2; S = 64 x4, M = 172 x4,
#: L = 276 x5 DS blocks).
MICRONETS: dict[str, MicroNetSpec] = {
    "kws_s": _kws(84, [(112, 2), (84, 1), (84, 1), (84, 1), (196, 1)]),
    "kws_m": _kws(140, [(140, 2), (140, 1), (140, 1), (112, 1), (196, 1)]),
    "kws_l": _kws(276, [(248, 2), (276, 1), (276, 1), (248, 1), (248, 1), (248, 1),
                        (248, 1)]),
    "dscnn_s": _kws(64, _ds(64, 4)),
    "dscnn_m": _kws(172, _ds(172, 4)),
    "dscnn_l": _kws(276, _ds(276, 5)),
    "ad_s": _ad(72, [(164, 2), (220, 1), (276, 2), (276, 2)]),
    "ad_m": _ad(192, [(276, 2), (276, 1), (276, 1), (276, 2), (276, 2)]),
    "ad_l": _ad(276, [(248, 2), (276, 1), (276, 1), (248, 2), (248, 2)]),
}


def _max(a: Num, b: Num) -> Num:
    if isinstance(a, jax.Array) or isinstance(b, jax.Array):
        return jnp.maximum(a, b)
    return max(a, b)


def _layer(name: str, ops: Num, weights: Num, biases: Num, wm: Num) -> dict[str, Num]:
    return {"name": name, "ops": ops, "weights": weights, "biases": biases, "wm": wm}


def layer_costs(spec: MicroNetSpec, *, stem_channels: Num | None = None,
                widths: Sequence[Num] | None = None, keep: Sequence[Num] | None = None,
                fractional: bool = True) -> list[dict[str, Num]]:
    """Per-layer costs of ``spec`` (paper Sec. 4 conventions; module docstring).

    Args:
      spec: the geometry (input size, kernels, strides, classes) and default widths.
      stem_channels, widths: (expected) channel counts replacing the spec's; may be
        jax scalars, so the costs are differentiable (MicroNets Sec. 4.1:
        cost = sum_k z_k cost_k with z the architecture distribution).
      keep: per block the probability that the block is present (1 = always; a
        skipped block passes its input through, so the next block's input width is
        ``keep * width + (1 - keep) * input width``). Its layers' costs are scaled by
        ``keep``.
      fractional: count ``H W / 4`` output positions after a stride-2 layer (the
        paper's convention) instead of the integer 'same' map, for ops only.

    Returns:
      one dict per layer: ``name``, ``ops``, ``weights``, ``biases``, ``wm`` (int8
      input + output bytes, integer shapes).
    """
    n = len(spec.blocks)
    widths = [c for c, _ in spec.blocks] if widths is None else list(widths)
    keep = [1] * n if keep is None else list(keep)
    if len(widths) != n or len(keep) != n:
        raise ValueError(f"widths ({len(widths)}) and keep ({len(keep)}) must have one "
                         f"entry per block ({n})")
    c0 = spec.stem_channels if stem_channels is None else stem_channels
    h, w = spec.input_hw
    kh, kw = spec.stem_kernel
    ci = spec.in_channels
    pos = h * w  # ops positions (fractional after stride 2)
    out = [_layer("stem", 2 * pos * kh * kw * ci * c0, kh * kw * ci * c0, c0,
                  h * w * ci + h * w * c0)]
    cin = c0
    for i, ((_, s), cout, p) in enumerate(zip(spec.blocks, widths, keep)):
        ho, wo = (math.ceil(h / 2), math.ceil(w / 2)) if s == 2 else (h, w)
        npos = (pos / 4 if fractional else ho * wo) if s == 2 else pos
        out.append(_layer(f"block{i}/dw", p * (2 * npos * 9 * cin), p * 9 * cin,
                          p * cin, p * (h * w * cin + ho * wo * cin)))
        out.append(_layer(f"block{i}/pw", p * (2 * npos * cin * cout), p * cin * cout,
                          p * cout, p * (ho * wo * cin + ho * wo * cout)))
        cin = p * cout + (1 - p) * cin
        h, w, pos = ho, wo, npos
    out.append(_layer("pool", 0, 0, 0, h * w * cin + cin))
    k = spec.num_classes
    out.append(_layer("fc", 2 * cin * k, cin * k, k, cin + k))
    return out


def cost_summary(spec: MicroNetSpec, *, bias_bytes: int = 4, fractional: bool = True,
                 **kw: Any) -> dict[str, Num]:
    """Whole-model costs: ``ops``, ``params``, ``flash`` (bytes), ``wm`` (bytes).

    ``flash = weights * 1 + biases * bias_bytes`` (int8 weights, int32 biases) and
    ``wm = max_l (in_l + out_l)`` (SpArSe working memory); arXiv 2010.11267 Sec. 4.
    ``kw`` is passed to :func:`layer_costs` (expected widths / keep probabilities).
    """
    layers = layer_costs(spec, fractional=fractional, **kw)
    weights = sum(x["weights"] for x in layers)
    biases = sum(x["biases"] for x in layers)
    return {"ops": sum(x["ops"] for x in layers), "params": weights + biases,
            "flash": weights + bias_bytes * biases,
            "wm": functools.reduce(_max, [x["wm"] for x in layers])}


class MicroNet(nn.Module):
    """A Table 5 network. Input ``[N, H, W, in_channels]`` float32; returns ``(logits, aux)``.

    ``batch_norm=True`` (training) puts BN after every conv and drops the conv
    biases; folding BN gives exactly the ``params`` of :func:`cost_summary`.
    ``batch_norm=False`` is the deployed form (conv + bias + ReLU).
    ``aux["blocks"]`` holds every block's output.
    """

    spec: MicroNetSpec
    batch_norm: bool = True
    depthwise: str = "shifted"  # dw conv lowering (jaxeff.ops.depthwise; "lax": grouped)

    def _conv_bn(self, x: jax.Array, conv: nn.Module, name: str,
                 train: bool) -> jax.Array:
        y = conv(x)
        if self.batch_norm:
            y = nn.BatchNorm(use_running_average=not train, momentum=0.9,
                             name=f"{name}_bn")(y)
        return nn.relu(y)

    @nn.compact
    def __call__(self, x: jax.Array, *, train: bool = False) -> tuple[jax.Array, dict]:
        sp = self.spec
        if x.ndim != 4 or x.shape[1:] != (*sp.input_hw, sp.in_channels):
            raise ValueError(f"x must be [N, {sp.input_hw[0]}, {sp.input_hw[1]}, "
                             f"{sp.in_channels}], got {x.shape}")
        bias = not self.batch_norm
        x = self._conv_bn(x, nn.Conv(sp.stem_channels, sp.stem_kernel, padding="SAME",
                                     use_bias=bias, name="stem"), "stem", train)
        blocks = []
        for i, (c, s) in enumerate(sp.blocks):
            cin = x.shape[-1]
            x = self._conv_bn(x, nn.Conv(cin, (3, 3), (s, s), padding="SAME",
                                         feature_group_count=cin, use_bias=bias,
                                         conv_general_dilated=depthwise_impl(
                                             self.depthwise),
                                         name=f"block{i}_dw"), f"block{i}_dw", train)
            x = self._conv_bn(x, nn.Conv(c, (1, 1), use_bias=bias,
                                         name=f"block{i}_pw"), f"block{i}_pw", train)
            blocks.append(x)
        x = jnp.mean(x, axis=(1, 2))
        return nn.Dense(sp.num_classes, name="fc")(x), {"blocks": blocks}


def micronet(name: str, **kw: Any) -> MicroNet:
    """``"kws_s"`` ... ``"ad_l"`` (keys of :data:`MICRONETS`) -> a :class:`MicroNet`."""
    if name not in MICRONETS:
        raise ValueError(f"unknown MicroNet {name!r}; choose from {sorted(MICRONETS)}")
    return MicroNet(MICRONETS[name], **kw)


def num_params(params: Any, *, fold_bn: bool = True) -> int:
    """Parameter count of a MicroNet ``params`` tree; with ``fold_bn`` each BN
    counts as the conv bias it folds into (one value per channel)."""
    total = 0
    for path, leaf in jax.tree_util.tree_flatten_with_path(params)[0]:
        names = [str(getattr(k, "key", k)) for k in path]
        if fold_bn and any(n.endswith("_bn") for n in names):
            total += leaf.size if names[-1] == "bias" else 0
        else:
            total += leaf.size
    return int(total)
