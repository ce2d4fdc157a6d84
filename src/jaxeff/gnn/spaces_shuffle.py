"""The ``shuffle`` search space: ShuffleNet-v2 classifiers with the channel shuffle
(issue 22 item 3).

ShuffleNet V2: "Practical Guidelines for Efficient CNN Architecture Design" (Ma et al.,
arXiv 1807.11164), Fig. 3c/d and Table 5. The ``detect`` space's ShuffleNet-v2 backbone
leaves the shuffle out; this space keeps the real unit structure:

* stem: 3x3 stride-2 conv to 24 channels (RELU), 3x3 stride-2 MAX_POOL;
* three stages of repeat counts ``ceil(d (4, 8, 4))``, each a stride-2 unit (both
  branches: 3x3 stride-2 depthwise + 1x1 conv || 1x1 conv, 3x3 stride-2 depthwise,
  1x1 conv; CONCATENATION; shuffle) then stride-1 units (SPLIT the channels in
  halves, 1x1 conv, 3x3 depthwise, 1x1 conv on one, CONCATENATION, shuffle); the
  depthwise convolutions have no activation, the 1x1 convolutions RELU;
* head: 1x1 conv (1024, or 2048 for 2.0x), global MEAN, FULLY_CONNECTED, optional
  SOFTMAX.

:func:`channel_shuffle` is the shuffle with groups = 2 (``out[..., 2 i + g] =
in[..., g C/2 + i]``) as RESHAPE ``[1, H, W, C] -> [1, H W, 2, C/2]``, TRANSPOSE perm
``[0, 1, 3, 2]``, RESHAPE back. The TFLite converter emits the 5-D form (RESHAPE to
``[1, H, W, 2, C/2]``, perm ``[0, 1, 2, 4, 3]``); Vela 5.2's compiler (the C++ "regor"
core; the legacy Python checker in ``tflite_supported_operators.py``, which admits
only a few swaps, is not what it runs) maps an int8 TRANSPOSE of rank <= 8 to the NPU
when it is an H/W/C permutation of a 3-D tensor or of one whose other axes are 1,
with H, W, C <= 2^16 (the 4-D form here: always, for these sizes), else only if the
product of any N - 2 axes is <= 2^16. The 5-D form fails that from H W C/2 > 2^16
(2.0x at 28x28 or 14x14 maps: 28 x 28 x 122 = 95,648) and is left to the CPU; the
4-D form maps at every size drawn and costs the same NPU cycles as the 5-D one where
both map (measured: 34,104 cycles for 28x28x116 on U55-128). Hence the 4-D form.

Choice sets (ours [U]): width multiplier {0.5, 1.0, 1.5, 2.0} (Table 5 stage widths
48/96/192, 116/232/464, 176/352/704, 244/488/976), input resolution {96, ..., 224}
with ``res * width <= 320`` (2.0x at most 160, 1.5x at most 192: graphs label in
seconds), depth fraction d {0.25, 0.375, 0.5, 0.625} (the full depth, 261 graph
nodes, exceeds the faithful readout's 200; ``ceil(0.625 (4, 8, 4)) = (3, 5, 3)`` has
191), classes {10, 100, 1000}, and random I/O boundaries
(:func:`jaxeff.gnn.spaces_edge.io_choice`, added by :func:`jaxeff.gnn.spaces.sample`).
Equal int32 constants (shapes, permutations, split axes) are one tensor, as the
converter writes them (``NetBuilder(share_consts=True)``).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from jaxeff.gnn.build import NetBuilder, pick
from jaxeff.gnn.spaces_edge import io_choice
from jaxeff.tflite.ir import OpGraph

__all__ = ["STAGES", "channel_shuffle", "shuffle", "shuffle_unit", "shufflenet_v2"]

#: width multiplier -> (stage 2-4 output channels, final 1x1 conv channels), Table 5
STAGES = {0.5: ((48, 96, 192), 1024), 1.0: ((116, 232, 464), 1024),
          1.5: ((176, 352, 704), 1024), 2.0: ((244, 488, 976), 2048)}
#: units per stage at full depth (Table 5)
REPEATS = (4, 8, 4)
RESOLUTIONS = (96, 128, 160, 192, 224)
DEPTHS = (0.25, 0.375, 0.5, 0.625)


def channel_shuffle(b: NetBuilder, x: int) -> int:
    """Channel shuffle with 2 groups of ``x [1, H, W, C]`` (C even) in the form Vela
    maps to the NPU (module doc): RESHAPE, TRANSPOSE ``[0, 1, 3, 2]``, RESHAPE."""
    _, h, w, c = b.shape(x)
    y = b.transpose(b.reshape(x, (1, h * w, 2, c // 2)), (0, 1, 3, 2))
    return b.reshape(y, (1, h, w, c))


def shuffle_unit(b: NetBuilder, x: int, cout: int, stride: int,
                 act: Callable[[NetBuilder, int], int] | None = None,
                 k: int = 3) -> int:
    """A ShuffleNet-v2 unit (Ma et al., arXiv 1807.11164, Figure 3 (c) / (d)) to
    ``cout`` channels. Stride 1: SPLIT in halves, the second through 1x1, ``k x k``
    (3x3; ThunderNet's SNet 5x5) depthwise, 1x1; stride 2: both branches on the input
    (``k x k``/2 depthwise then 1x1 on the kept one); CONCATENATION and the 2-group
    channel shuffle. The depthwise convs are linear; each 1x1 conv has RELU fused, or
    ``act(b, y)`` after it when given (NanoDet-m's standalone LEAKY_RELU)."""
    half = cout // 2

    def pw(y: int) -> int:
        return b.conv(y, half, 1, 1, "RELU") if act is None else act(b, b.conv(y, half, 1))

    if stride == 1:
        keep, h = b.split(x, 2)
    else:
        keep, h = pw(b.dwconv(x, k, 2)), x
    h = pw(b.dwconv(pw(h), k, stride))
    return channel_shuffle(b, b.concat([keep, h]))


def shufflenet_v2(b: NetBuilder, x: int, width: float, depth: float = 1.0,
                  classes: int = 1000, softmax: bool = True) -> int:
    """ShuffleNet-v2 ``width``x on ``x [1, H, W, 3]`` with ``ceil(depth n)`` units per
    stage; returns the logits (or SOFTMAX) ``[1, classes]``."""
    widths, last = STAGES[width]
    x = b.pool(b.conv(x, 24, 3, 2, "RELU"), "max", 3, 2, "SAME")
    for cout, n in zip(widths, REPEATS, strict=True):
        for j in range(math.ceil(depth * n)):
            x = shuffle_unit(b, x, cout, 2 if j == 0 else 1)
    x = b.mean(b.conv(x, last, 1, 1, "RELU"), (1, 2), keep_dims=False)
    x = b.fc(x, classes)
    return b.softmax(x) if softmax else x


def shuffle(rng: np.random.Generator) -> tuple[OpGraph, dict]:
    """One float graph of the ``shuffle`` space and its choices (module doc)."""
    b = NetBuilder(rng, "shuffle", share_consts=True)
    width = pick(rng, tuple(STAGES))
    res = pick(rng, tuple(r for r in RESOLUTIONS if r * width <= 320))
    depth = pick(rng, DEPTHS)
    classes = pick(rng, (10, 100, 1000))
    soft = bool(rng.random() < 0.5)
    out = shufflenet_v2(b, b.input((1, res, res, 3)), width, depth, classes, soft)
    meta = {"width": width, "res": res, "depth": depth, "classes": classes,
            "softmax": soft, "io": io_choice(rng)}
    return b.finish([out]), meta
