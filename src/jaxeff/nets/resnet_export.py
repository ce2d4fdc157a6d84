"""A trained CIFAR ResNet (:mod:`jaxeff.nets.resnet`) as a float32 TFLite graph.

"Deep Residual Learning for Image Recognition" (He et al., arXiv 1512.03385): the
CIFAR ResNets (3x3 stem, basic blocks, 1x1 projection shortcuts, global mean, dense
head). Issue 16 (bring your own model) round trip: a model trained by jaxeff ->
this graph -> :func:`jaxeff.tflite.write_tflite` -> :func:`jaxeff.tflite.to_jax` /
:func:`jaxeff.tflite.to_flax` / LiteRT give the Flax model's logits.

Inference BatchNorm is folded into the preceding conv (``W gamma/sigma``,
``(0 - mu) gamma/sigma + beta``, :func:`jaxeff.nets.ran_blocks.fold_bn`), so every
conv carries a bias. Padding follows Flax's explicit ``((1, 1), (1, 1))``: stride-1
3x3 convs are TFLite ``SAME`` (the same pads), stride-2 3x3 convs are an explicit
``PAD`` then a ``VALID`` conv (TFLite's ``SAME`` would pad (0, 1) on even sizes).
The graph takes the model's own input (images normalized as in training,
``[batch, H, W, C]`` float32) and returns the logits ``[batch, classes]``.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import flax.linen as nn
import numpy as np

from jaxeff.gnn.build import NetBuilder
from jaxeff.nets.ran_blocks import fold_bn
from jaxeff.nets.resnet import ResNet
from jaxeff.tflite.ir import OpGraph

__all__ = ["resnet_graph"]

_BN_EPS = 1e-5  # jaxeff.nets.resnet's BatchNorm epsilon


def _folded(params: Any, stats: Any, conv: str, bn: str, where: str
            ) -> tuple[np.ndarray, np.ndarray]:
    """(OHWI kernel, bias) of ``conv`` with ``bn`` folded in."""
    for coll, name in ((params, conv), (params, bn), (stats, bn)):
        if name not in coll:
            raise ValueError(f"variables lack {where}/{name} (not a trained "
                             f"jaxeff CIFAR ResNet with batch_stats)")
    k, b = fold_bn(np.asarray(params[conv]["kernel"], np.float32), params[bn],
                   stats[bn], eps=_BN_EPS)
    return (np.asarray(k, np.float32).transpose(3, 0, 1, 2),
            np.asarray(b, np.float32))


def resnet_graph(model: ResNet, variables: Any, *, input_shape: tuple[int, ...] = (
        1, 32, 32, 3)) -> OpGraph:
    """The float32 TFLite graph of a trained CIFAR :class:`~jaxeff.nets.resnet.ResNet`.

    Args:
      model: a ``ResNet`` with ``stem="cifar"``, ``block="basic"``, plain ``nn.Conv``
        / ``nn.Dense`` factories and no ``act_quant`` (the float model).
      variables: its ``{"params", "batch_stats"}``.
      input_shape: ``[batch, H, W, C]`` of the graph input.

    Returns:
      An :class:`~jaxeff.tflite.ir.OpGraph` (CONV_2D with fused RELU, PAD, ADD +
      RELU, MEAN, FULLY_CONNECTED) whose output equals ``model.apply(variables,
      x)[0]`` up to float32 rounding. ``ValueError`` / ``TypeError`` name an
      unsupported configuration or a missing variable.
    """
    if not isinstance(model, ResNet):
        raise TypeError(f"model must be a jaxeff ResNet, got {type(model).__name__}")
    if model.stem != "cifar" or model.block != "basic":
        raise ValueError(f"only the CIFAR basic-block ResNet is exported, got stem="
                         f"{model.stem!r} block={model.block!r}")
    if model.conv is not nn.Conv or model.dense is not nn.Dense or model.act_quant:
        raise ValueError("export the float model: conv/dense must be nn.Conv / nn.Dense"
                         " and act_quant None (quantize the imported graph instead)")
    if len(input_shape) != 4:
        raise ValueError(f"input_shape must be [batch, H, W, C], got {input_shape}")
    p, st = variables.get("params", {}), variables.get("batch_stats", {})
    nb = NetBuilder(np.random.default_rng(0), "resnet")
    data: dict[int, np.ndarray] = {}

    def conv(x: int, cout: int, k: int, s: int, act: str, w: tuple) -> int:
        pad = "SAME"
        if k == 3 and s == 2:
            x, pad = nb.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]]), "VALID"
        y = nb.conv(x, cout, k, s, act=act, padding="VALID" if k == 1 else pad)
        op = nb.ops[-1]
        if tuple(w[0].shape) != nb.tensors[op.inputs[1]].shape:
            raise ValueError(f"kernel shape {w[0].shape} != the graph's "
                             f"{nb.tensors[op.inputs[1]].shape}")
        data[op.inputs[1]], data[op.inputs[2]] = w
        return y

    h = nb.input(input_shape)
    h = conv(h, model.widths[0], 3, 1, "RELU",
             _folded(p, st, "conv_init", "bn_init", "root"))
    k = 0
    for i, (n, width) in enumerate(zip(model.stage_sizes, model.widths, strict=True)):
        for j in range(n):
            s = 2 if i > 0 and j == 0 else 1
            name = f"blocks_{k}"
            if name not in p:
                raise ValueError(f"variables lack {name} for {model.stage_sizes}")
            bp, bs = p[name], st.get(name, {})
            y = conv(h, width, 3, s, "RELU", _folded(bp, bs, "conv1", "bn1", name))
            y = conv(y, width, 3, 1, "NONE", _folded(bp, bs, "conv2", "bn2", name))
            if nb.shape(h)[-1] != width or s != 1:
                h = conv(h, width, 1, s, "NONE",
                         _folded(bp, bs, "shortcut", "bn_sc", name))
            h = nb.add(h, y, act="RELU")
            k += 1
    h = nb.fc(nb.mean(h, (1, 2), keep_dims=False), model.num_classes)
    fc = nb.ops[-1]
    data[fc.inputs[1]] = np.asarray(p["head"]["kernel"], np.float32).T
    data[fc.inputs[2]] = np.asarray(p["head"]["bias"], np.float32)
    g = nb.finish([h])
    tensors = [dataclasses.replace(t, data=data[i]) if i in data else t
               for i, t in enumerate(g.tensors)]
    return OpGraph(tensors, g.ops, g.inputs, g.outputs, g.name)
