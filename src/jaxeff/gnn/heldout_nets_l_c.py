"""Held-out families L, part I (session 36, pre-registered in addendum 4 of
``docs/evidence/perfsage-cpu-2026-12-07-s36/PREREGISTERED.md`` before being built):
SimpleNet, the 13-layer CIFAR-10 network of mostly 3x3 convs (two 1x1 near the end),
five 2x2 max pools (the last on a 2 x 2 map, so its last 3x3 conv runs on 1 x 1) and
a global max pool before one FC.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias; batch norms folded into the convs,
RELU fused into them, dropout left out at inference). A test model: no training
space draws it (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_l_c.py``). Written from the paper's definition as
recalled; no code was read. Choices the source leaves open, and ours, are marked
[U].

* :func:`simplenet`: SimpleNet (Hasanpour, Rouhani, Fayyaz & Sabokrou, arXiv
  1608.06037) on ``[1, 32, 32, 3]``: thirteen SAME convs with RELU, 3x3 of 64, 128,
  128, 128 (32 x 32), a 2x2 / 2 max pool, 3x3 of 128, 128, 256 (16 x 16), a pool, 3x3
  of 256, 256 (8 x 8), a pool, 3x3 of 512 (4 x 4), a pool, 1x1 of 2,048 and 256 (2 x
  2), a pool, 3x3 of 256 (1 x 1); a global max pool (MAX_POOL_2D of the whole 1 x 1
  map), RESHAPE, FC 10, SOFTMAX; ``[1, 10]``. 22 ops: 13 CONV_2D, 6 MAX_POOL_2D,
  RESHAPE, FULLY_CONNECTED, SOFTMAX.

The MAC and parameter counts are in the function's docstring and pinned in the
test. Vela mapping (checked with ``npu_full`` only, no Vela figure read): Vela 5.2
maps the int8 build fully (``npu_full`` true, checked once), the global max pool as
the one MAX_POOL_2D, so no stated replacement (REDUCE_MAX, a pool chain) is needed.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder

__all__ = ["simplenet"]


# -- Hasanpour et al.: SimpleNet

#: SimpleNet (arXiv 1608.06037, the CIFAR-10 architecture's table, recalled [U]): the
#: thirteen convs' filters and kernels, and the (1-based) convs a 2x2 / 2 max pool
#: follows
SIMPLENET_WIDTHS = (64, 128, 128, 128, 128, 128, 256, 256, 256, 512, 2048, 256, 256)
SIMPLENET_KERNELS = (3,) * 10 + (1, 1, 3)
SIMPLENET_POOLS = (4, 7, 9, 10, 12)


def simplenet(b: NetBuilder, x: int, classes: int = 10) -> int:
    """SimpleNet on ``x`` (``[1, 32, 32, 3]``, CIFAR-10); returns the SOFTMAX output
    ``[1, classes]``.

    Hasanpour, Rouhani, Fayyaz & Sabokrou, "Lets keep it simple, Using simple
    architectures to outperform deeper and more complex architectures", arXiv
    1608.06037 (the architecture's table, recalled): 13 conv layers, each a conv
    with batch norm and ReLU (dropout at training), 3x3 kernels but two 1x1 ones
    (layers 11 and 12), widths 64, 128, 128, 128 | 128, 128, 256 | 256, 256 | 512 |
    2048, 256 | 256 with a 2x2 max pool of stride 2 at each bar, then a global max
    pool and a fully connected layer to the 10 classes; about 5.48 M parameters.
    Here (the pre-registered definition): CONV_2D SAME stride 1 RELU (batch norm
    folded) per layer, MAX_POOL_2D 2x2 / 2 VALID after layers 4, 7, 9, 10 and 12 (32
    -> 16 -> 8 -> 4 -> 2 -> 1), the global max pool a MAX_POOL_2D of the whole map
    (1 x 1, stride 1, VALID), RESHAPE to ``[1, 256]``, FULLY_CONNECTED ``classes``,
    SOFTMAX. 22 ops: 13 CONV_2D, 6 MAX_POOL_2D, RESHAPE, FULLY_CONNECTED, SOFTMAX.
    This graph counts 631,507,456 MACs (32 x 32: 379,256,832; 16 x 16: 150,994,944;
    8 x 8: 75,497,472; 4 x 4: 18,874,368; 2 x 2: 6,291,456; 1 x 1: 589,824 (the
    3x3 SAME conv counted with its padded taps, as Vela's); FC 2,560) and 5,489,290
    parameters (weights 5,484,736, biases 4,554; by hand in the test). Published:
    5.48 M parameters (recalled; pinned within 1 %: +0.17 %); no MAC count recalled
    precisely enough, not pinned.

    [U] the widths, the 1x1 layers (11 and 12) and the pool positions (after layers
    4, 7, 9, 10, 12) as recalled from the paper's table; the last 3x3 conv on the 1 x
    1 map with SAME zero padding (the paper's padding 1); the global max pool one
    MAX_POOL_2D of the whole map (here 1 x 1; Vela 5.2 maps it, the module's
    docstring); RESHAPE before the FC; SOFTMAX after it (as the other classifiers);
    batch norms folded, RELU fused, no dropout; biases on every conv (NetBuilder's).
    """
    for i, (c, k) in enumerate(zip(SIMPLENET_WIDTHS, SIMPLENET_KERNELS, strict=True)):
        x = b.conv(x, c, k, 1, "RELU")
        if i + 1 in SIMPLENET_POOLS:
            x = b.pool(x, "max", 2, 2)
    x = b.pool(x, "max", b.shape(x)[1:3], 1)
    x = b.reshape(x, (1, b.shape(x)[-1]))
    return b.softmax(b.fc(x, classes))
