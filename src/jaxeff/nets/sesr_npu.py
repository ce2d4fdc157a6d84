"""SESR and FSRCNN as int8 TFLite graphs for Arm Ethos-U, and their Vela frame rates.

"Collapsible Linear Blocks for Super-Efficient Super Resolution" (Bhardwaj et al.,
arXiv 2103.09404, P1) and "Super-Efficient Super Resolution for Fast Adversarial
Defense at the Edge" (arXiv 2112.14340, P2); spec ``sesr.md`` §2.1, §3.2, §6 and
issue 21 items 2-3.

**NPU depth-to-space.** Vela runs DEPTH_TO_SPACE on the CPU (spec §6). TF's
depth-to-space (DCR), ``out[s h + i, s w + j, c] = in[h, w, (s i + j) C + c]``, is a
stride-``s`` transposed convolution with an ``s x s`` kernel and VALID padding,

    out[s h + i, s w + j, c] = sum_k in[h, w, k] W[i, j, k, c],
    W[i, j, k, c] = 1 if k = (s i + j) C + c else 0,                       (D1)

since every output pixel receives exactly one input pixel (stride = kernel: the
taps never overlap). One-hot weights make it exact in float (one product by 1, the
rest exact zeros) and in int8 (weights 127 at scale 1/127, output quantization =
input quantization). Vela maps TRANSPOSE_CONV with stride 2 to the NPU, so block 2
is used; SESR x4 is two x2 shuffles (spec §2.1), FSRCNN's block-``s`` shuffle is
rewritten as ``log2 s`` x2 shuffles after permuting the conv's output channels (a
free relabelling, :func:`d2s_channel_perm`).

**Graphs** (ours, [Choice]): built with the PerfSAGE graph builder
(:class:`jaxeff.gnn.build.NetBuilder`) from the same plan as the Flax inference
modules (:class:`~jaxeff.nets.sesr.CollapsedSESR`, :class:`~jaxeff.nets.sesr.FSRCNN`
in its sub-pixel form), seeded random weights, calibrated in LiteRT and fully
quantized (int8 per-channel weights, per-tensor activations), as in
:mod:`jaxeff.nets.ran_vela`. Vela's cycle estimate depends on shapes, not on weight
values (except through weight compression, a second-order effect on bandwidth).
SESR graph: the input tensor carries ``x - 0.5`` (its quantization absorbs the
shift, exact with SAME zero padding), the global residual ``+ x`` is a broadcast
ADD of that input (the ``+0.5`` goes into the last conv's bias), the output clip to
[0, 1] is the int8 saturation of the ADD output quantized on [0, 1] (clip commutes
with depth-to-space, a permutation).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.int8 import calibrate, quantize_int8
from jaxeff.nets.sesr import (
    SESRVariant,
    _variant,
    fsrcnn_weights,
    sesr_weights,
    subpixel_kernel,
)
from jaxeff.tflite.ir import OpGraph
from jaxeff.tflite.vela import VelaResult, compile_model
from jaxeff.tflite.writer import write_tflite

__all__ = [
    "NPU_PLATFORMS", "d2s_channel_perm", "d2s_tconv", "d2s_tconv_weights",
    "frame_tiles", "fsrcnn_graph", "halo", "int8_graph", "npu_d2s", "npu_d2s_perm",
    "sesr_graph", "vela",
]

#: issue 21 platforms: name -> (Vela accelerator config, named system config)
NPU_PLATFORMS = {
    "u55-128": ("ethos-u55-128", "Ethos_U55_High_End_Embedded"),
    "u55-256": ("ethos-u55-256", "Ethos_U55_High_End_Embedded"),
    "u65-256": ("ethos-u65-256", "Ethos_U65_High_End"),
}


def d2s_tconv_weights(channels: int, block: int = 2) -> np.ndarray:
    """One-hot TRANSPOSE_CONV kernel (D1), TFLite layout OHWI ``[C, s, s, s^2 C]``."""
    if channels < 1 or block < 2:
        raise ValueError(f"need channels >= 1 and block >= 2, got {channels}, {block}")
    w = np.zeros((channels, block, block, block * block * channels), np.float32)
    for i in range(block):
        for j in range(block):
            for c in range(channels):
                w[c, i, j, (block * i + j) * channels + c] = 1.0
    return w


def d2s_tconv(x: jax.Array, block: int = 2) -> jax.Array:
    """Depth-to-space computed as the stride-``block`` transposed conv (D1).

    ``x [N, H, W, s^2 C]`` -> ``[N, sH, sW, C]``; equals
    :func:`jaxeff.nets.sesr.depth_to_space` exactly (tested bit for bit).
    """
    c = x.shape[-1]
    if c % (block * block):
        raise ValueError(f"x channels {c} not divisible by block^2 = {block * block}")
    wt = jnp.asarray(d2s_tconv_weights(c // (block * block), block).transpose(1, 2, 3, 0),
                     x.dtype)  # HWIO [s, s, s^2 C, C]
    # transposed conv: out[s h + i] = sum x[h] W[i] (input dilated by s, kernel
    # flipped, padded by s - 1 on each side)
    return jax.lax.conv_general_dilated(
        x, wt[::-1, ::-1], (1, 1), ((block - 1, block - 1),) * 2,
        lhs_dilation=(block, block), dimension_numbers=("NHWC", "HWIO", "NHWC"),
        precision=jax.lax.Precision.HIGHEST)


def d2s_channel_perm(channels: int, block: int) -> np.ndarray:
    """Permutation ``p`` with ``d2s(x, block) = d2s(d2s(x[..., p], 2), block / 2)``
    (block a power of 2 >= 4): one block-``s`` shuffle as x2 shuffles (D1)."""
    if block < 4 or block & (block - 1):
        raise ValueError(f"block must be a power of 2 >= 4, got {block}")
    b2 = block // 2
    # out channel index of the two-stage shuffle: stage 1 (x2) takes channel
    # (2 a + b) * (b2^2 C) + k, stage 2 (x b2) splits k = (b2 u + v) C + c;
    # the pixel (i, j) of the single shuffle has i = b2 a + u, j = b2 b + v
    p = np.empty(block * block * channels, np.int64)
    for a in range(2):
        for b in range(2):
            for u in range(b2):
                for v in range(b2):
                    for c in range(channels):
                        two = (2 * a + b) * b2 * b2 * channels + (b2 * u + v) * channels + c
                        i, j = b2 * a + u, b2 * b + v
                        p[two] = (block * i + j) * channels + c
    return p


def npu_d2s_perm(channels: int, block: int) -> np.ndarray:
    """Permutation ``p`` with ``d2s(x, block)`` = :func:`npu_d2s`'s ``log2 block`` x2
    shuffles of ``x[..., p]`` (block a power of 2; the identity for block 2):
    :func:`d2s_channel_perm` for the first x2 step, composed with this permutation
    for the remaining ``block / 2`` applied within each of the step's four groups."""
    if block < 2 or block & (block - 1):
        raise ValueError(f"block must be a power of 2 >= 2, got {block}")
    if block == 2:
        return np.arange(4 * channels)
    n = (block // 2) ** 2 * channels  # channels of each x2 step's four sub-pixels
    q = npu_d2s_perm(channels, block // 2)
    within = np.concatenate([g * n + q for g in range(4)])
    return d2s_channel_perm(channels, block)[within]


def npu_d2s(nb: NetBuilder, x: int, block: int = 2) -> int:
    """Append DEPTH_TO_SPACE(block) as ``log2 block`` stride-2 TRANSPOSE_CONVs (D1).
    For block > 2 the producer's channels must be permuted by
    :func:`npu_d2s_perm` (the graph builders here leave it to the seeded weights, a
    relabelling)."""
    if block < 2 or block & (block - 1):
        raise ValueError(f"block must be a power of 2 >= 2, got {block}")
    for _ in range(int(math.log2(block))):
        n, h, w, c = nb.shape(x)
        if c % 4:
            raise ValueError(f"depth-to-space input channels {c} not divisible by 4")
        out = (n, 2 * h, 2 * w, c // 4)
        x = nb._op("TRANSPOSE_CONV",
                   (nb.const(np.asarray(out, np.int32)),
                    nb.const(d2s_tconv_weights(c // 4, 2)), x),
                   out, padding="VALID", stride_w=2, stride_h=2,
                   fused_activation_function="NONE")
    return x


def halo(net: str, scale: int) -> int:
    """Receptive-field radius in LR pixels (overlap each tile needs per side):
    SESR ``2 + m + 2`` (5x5, m 3x3, 5x5); FSRCNN ``2 + 4 + U`` (5x5, four 3x3, the
    ``(2U+1)^2`` sub-pixel deconv)."""
    if net == "fsrcnn":
        return 2 + 4 + -(-(scale + 3) // scale)
    return 2 + _variant(net).m + 2


def sesr_graph(variant: str | SESRVariant, scale: int, hw: tuple[int, int], *, d2s: str = "tconv",
               act: str = "prelu", seed: int = 0) -> OpGraph:
    """Float graph of collapsed SESR (spec §2.1) on a ``[1, H, W, 1]`` tile holding
    ``x - 0.5``; ``d2s``: ``"tconv"`` (NPU, D1), ``"d2s"`` (DEPTH_TO_SPACE) or
    ``"none"`` (output ``[1, H, W, s^2]`` before the shuffle). ``act``: ``"prelu"``
    (a PRELU op) or ``"relu"`` (the spec's QAT mode, fused into the conv)."""
    if act not in ("prelu", "relu"):
        raise ValueError(f"act must be 'prelu' or 'relu', got {act!r}")
    if scale not in (2, 4):
        raise ValueError(f"scale must be 2 or 4, got {scale}")
    v = _variant(variant)
    nb = NetBuilder(np.random.default_rng(seed), f"sesr_{variant}_x{scale}")
    x = nb.input((1, *hw, 1))
    h0 = nb.conv(x, v.f, 5)
    h = h0
    for _ in range(v.m):
        h = (nb.act(nb.conv(h, v.f, 3), "PRELU") if act == "prelu"
             else nb.conv(h, v.f, 3, act="RELU"))
    y = nb.add(nb.conv(nb.add(h, h0), scale * scale, 5), x)
    return nb.finish([_upsample(nb, y, scale, d2s, stages=2)])


def fsrcnn_graph(scale: int, hw: tuple[int, int], *, d2s: str = "tconv",
                 seed: int = 0) -> OpGraph:
    """Float graph of FSRCNN(56, 12, 4) (spec §3.2) in the project's inference form:
    the 9x9 stride-s deconv as a ``(2U+1)^2`` conv to s^2 channels + depth-to-space
    (:func:`jaxeff.nets.sesr.subpixel_kernel`)."""
    if scale not in (2, 4):
        raise ValueError(f"scale must be 2 or 4, got {scale}")
    nb = NetBuilder(np.random.default_rng(seed), f"fsrcnn_x{scale}")
    x = nb.input((1, *hw, 1))
    h = nb.act(nb.conv(x, 56, 5), "PRELU")
    h = nb.act(nb.conv(h, 12, 1), "PRELU")
    for _ in range(4):
        h = nb.act(nb.conv(h, 12, 3), "PRELU")
    h = nb.act(nb.conv(h, 56, 1), "PRELU")
    k = subpixel_kernel(np.zeros((9, 9, 1, 1), np.float32), scale).shape[0]
    y = nb.conv(h, scale * scale, k)
    return nb.finish([_upsample(nb, y, scale, d2s, stages=1)])


def _upsample(nb: NetBuilder, y: int, scale: int, d2s: str, stages: int) -> int:
    # stages: how the float model shuffles (SESR: x2 twice; FSRCNN: one x s); the
    # TCONV form always uses x2 steps (a one-step x4 needs d2s_channel_perm on the
    # producer's channels, a relabelling that does not change its cost)
    if d2s == "tconv":
        return npu_d2s(nb, y, scale)
    if d2s == "none":  # the shuffle left to the caller (a permutation)
        return y
    if d2s != "d2s":
        raise ValueError(f"d2s must be 'tconv', 'd2s' or 'none', got {d2s!r}")
    if stages == 2 and scale == 4:
        return nb.depth_to_space(nb.depth_to_space(y, 2), 2)
    return nb.depth_to_space(y, scale)


def int8_graph(g: OpGraph, *, seed: int = 0, out_range: tuple[float, float] | None = None,
               calib_inputs: list[list[np.ndarray]] | None = None,
               ranges: dict[int, tuple[float, float]] | None = None) -> bytes:
    """Full-int8 TFLite of a float SR graph: LiteRT-calibrated ranges, each
    depth-to-space (TRANSPOSE_CONV of :func:`npu_d2s` or DEPTH_TO_SPACE) with its
    input's quantization (exact shuffle), ``out_range`` (e.g. (0, 1): the clip)
    imposed on the tensor feeding the shuffles. ``calib_inputs``: calibration
    samples (default: N(0, 1) noise, enough for cycle estimates); ``ranges``: tensor
    index -> (min, max) computed elsewhere (then no calibration here)."""
    ranges = dict(ranges) if ranges is not None else calibrate(g, seed=seed,
                                                                inputs=calib_inputs)
    producer = {o: op for op in g.ops for o in op.outputs}
    shuffles = [op for op in g.ops if op.type in ("TRANSPOSE_CONV", "DEPTH_TO_SPACE")]
    if out_range is not None and shuffles:
        first = shuffles[0]
        src = first.inputs[2] if first.type == "TRANSPOSE_CONV" else first.inputs[0]
        assert src in producer
        ranges[src] = out_range
    elif out_range is not None:
        ranges[g.outputs[0]] = out_range
    for op in shuffles:
        src = op.inputs[2] if op.type == "TRANSPOSE_CONV" else op.inputs[0]
        ranges[op.outputs[0]] = ranges[src]
    return write_tflite(quantize_int8(g, ranges))


def vela(buf: bytes, platform: str) -> VelaResult:
    """Vela estimate on one of :data:`NPU_PLATFORMS` (Shared_Sram)."""
    if platform not in NPU_PLATFORMS:
        raise ValueError(f"platform must be one of {sorted(NPU_PLATFORMS)}, got {platform!r}")
    accel, system = NPU_PLATFORMS[platform]
    return compile_model(buf, accelerator_config=accel, system_config=system,
                         memory_mode="Shared_Sram")


def frame_tiles(lr_hw: tuple[int, int], core: int) -> int:
    """Number of ``core x core`` LR tiles covering an LR frame (edge tiles padded)."""
    return -(-lr_hw[0] // core) * -(-lr_hw[1] // core)


def net_weights(net: str, scale: int) -> int:
    """Conv weights of the inference net (MACs per LR pixel of its input tile)."""
    if net == "fsrcnn":
        k = -(-(scale + 3) // scale) * 2 + 1
        return fsrcnn_weights() - 81 * 56 + k * k * 56 * scale * scale
    return sesr_weights(net, scale)


def tile_fps(net: str, scale: int, platforms: Sequence[str], *, core: int = 120,
             lr_hw: tuple[int, int] = (1080, 1920), seed: int = 0) -> dict[str, Any]:
    """Vela per-tile cycles and full-frame FPS of one SR net (issue 21 item 3).

    A frame of ``lr_hw`` LR pixels is cut into ``core x core`` tiles, each run with a
    ``halo`` of LR pixels on every side (receptive-field overlap, so tiled output =
    whole-frame output) and the halo's HR pixels dropped; FPS = clock / (tiles x
    tile cycles). Includes no host-side tiling or I/O.
    """
    hal = halo(net, scale)
    t = core + 2 * hal
    g = (fsrcnn_graph(scale, (t, t), seed=seed) if net == "fsrcnn"
         else sesr_graph(net, scale, (t, t), seed=seed))
    buf = int8_graph(g, seed=seed, out_range=None if net == "fsrcnn" else (0.0, 1.0))
    n = frame_tiles(lr_hw, core)
    row: dict[str, Any] = {"net": net, "scale": scale, "core": core, "halo": hal,
                           "tile": t, "tiles": n,
                           "macs_tile": net_weights(net, scale) * t * t,
                           "macs_frame_ideal": net_weights(net, scale) * lr_hw[0] * lr_hw[1]}
    for pf in platforms:
        v = vela(buf, pf)
        row[pf] = {"cycles": v.cycles, "clock": v.core_clock, "cpu_ops": v.cpu_ops,
                   "nn_macs": v.nn_macs, "ops": sorted(set(v.original_ops)),
                   "fps": v.core_clock / (n * v.cycles)}
    return row


def edsr_graph(hw: tuple[int, int], *, feats: int = 64, blocks: int = 16,
               seed: int = 0) -> OpGraph:
    """Float graph of EDSR-baseline x2 on RGB (Lim et al., arXiv 1707.02921; the SR of
    P3, arXiv 1901.01677, spec §3.3): head 3x3, ``blocks`` x (3x3, ReLU, 3x3, + skip;
    the 0.1 residual scale folded into the conv), 3x3 + head skip, 3x3 to 4 x feats +
    depth-to-space (D1 TCONV), 3x3 to RGB. 1.37 M weights at (64, 16)."""
    nb = NetBuilder(np.random.default_rng(seed), "edsr_baseline_x2")
    x = nb.input((1, *hw, 3))
    h0 = nb.conv(x, feats, 3)
    h = h0
    for _ in range(blocks):
        h = nb.add(nb.conv(nb.conv(h, feats, 3, act="RELU"), feats, 3), h)
    h = nb.add(nb.conv(h, feats, 3), h0)
    h = npu_d2s(nb, nb.conv(h, 4 * feats, 3), 2)
    return nb.finish([nb.conv(h, 3, 3)])


def resnet20_graph(hw: int = 32, num_classes: int = 10, seed: int = 0) -> OpGraph:
    """Float graph of the CIFAR ResNet-20 classifier of the defence (He et al., arXiv
    1512.03385; :mod:`jaxeff.nets.resnet`, 1x1 projection shortcuts, BN folded):
    3x3 stem 16, 3 stages x 3 basic blocks (16, 32, 64), global mean, FC."""
    nb = NetBuilder(np.random.default_rng(seed), "resnet20")
    x = nb.input((1, hw, hw, 3))
    h = nb.conv(x, 16, 3, act="RELU")
    for stage, width in enumerate((16, 32, 64)):
        for b in range(3):
            s = 2 if stage and b == 0 else 1
            y = nb.conv(nb.conv(h, width, 3, s, act="RELU"), width, 3)
            sc = nb.conv(h, width, 1, s) if s != 1 or nb.shape(h)[-1] != width else h
            h = nb.add(y, sc, act="RELU")
    return nb.finish([nb.fc(nb.mean(h, (1, 2), keep_dims=False), num_classes)])


def graph_fps(g: OpGraph, platforms: Sequence[str], *, seed: int = 0,
              out_range: tuple[float, float] | None = None) -> dict[str, Any]:
    """``{platform: {cycles, clock, cpu_ops, nn_macs, ops, fps}}`` of one whole graph."""
    buf = int8_graph(g, seed=seed, out_range=out_range)
    out = {}
    for pf in platforms:
        v = vela(buf, pf)
        out[pf] = {"cycles": v.cycles, "clock": v.core_clock, "cpu_ops": v.cpu_ops,
                   "nn_macs": v.nn_macs, "ops": sorted(set(v.original_ops)),
                   "fps": v.core_clock / v.cycles}
    return out


def defence_fps(platforms: Sequence[str], *, srs: Sequence[str] = ("M3", "M5", "M11", "XL",
                                                                    "fsrcnn", "edsr"),
                hw: int = 32, seed: int = 0) -> dict[str, Any]:
    """NPU cost of the defence D(x) = SR x2(bicubic down x2(x)) then the classifier
    (experiments.robustness, spec §3.3): SR on the ``hw/2`` LR image (SESR / FSRCNN on
    Y, EDSR-baseline on RGB), ResNet-20 on ``hw x hw x 3``. The bicubic resizes and
    the colour conversion are not counted (host side, same for every SR)."""
    lr = (hw // 2, hw // 2)
    res: dict[str, Any] = {"classifier": graph_fps(resnet20_graph(hw, seed=seed),
                                                   platforms, seed=seed)}
    for sr in srs:
        if sr == "edsr":
            g, rng = edsr_graph(lr, seed=seed), None
        elif sr == "fsrcnn":
            g, rng = fsrcnn_graph(2, lr, seed=seed), None
        else:
            g, rng = sesr_graph(sr, 2, lr, seed=seed), (0.0, 1.0)
        res[sr] = graph_fps(g, platforms, seed=seed, out_range=rng)
        for pf in platforms:
            cyc = res[sr][pf]["cycles"] + res["classifier"][pf]["cycles"]
            res[sr][pf]["pipeline_cycles"] = cyc
            res[sr][pf]["pipeline_fps"] = res[sr][pf]["clock"] / cyc
    return res
