"""Trained collapsed SESR -> int8 TFLite, checked against a JAX int8 model.

"Collapsible Linear Blocks for Super-Efficient Super Resolution" (Bhardwaj et al.,
arXiv 2103.09404), spec ``sesr.md`` §2.1-§2.2, issue 21 item 1 (export part). The
collapsed kernels ``K`` (Eq. C1, :func:`jaxeff.nets.sesr.export_sesr`) and PReLU slopes
of a :class:`~jaxeff.nets.sesr.CollapsedSESR` are written into the graph of
:func:`jaxeff.nets.sesr_npu.sesr_graph` (input ``x - 0.5``; convs bias-free except
``+0.5`` on the last one, which restores the global residual ``+ x``; depth-to-space
as the one-hot TRANSPOSE_CONV by default), and fully quantized to int8 by
post-training calibration (per-channel weights, per-tensor activations; the output on
[0, 1], so int8 saturation is the clip). Calibration (:func:`calibrate_sesr`) merges
the per-tensor (min, max) of the float graph run on several LR images of any sizes
(tensor indices do not depend on the input size); one set of ranges then serves every
input size. The JAX int8 model (:func:`jax_int8`) is :func:`jaxeff.tflite.to_jax`
(TFLite reference integer arithmetic in JAX) of the graph without the shuffle
(``to_jax`` has no int8 DEPTH_TO_SPACE), followed by
:func:`jaxeff.nets.sesr.depth_to_space` (a permutation, exact on int8).
"""

from __future__ import annotations

import argparse
import pathlib
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from jaxeff.gnn.int8 import calibrate
from jaxeff.nets.sesr import CollapsedSESR, SESRVariant, build_sr, depth_to_space
from jaxeff.nets.sesr_npu import int8_graph, sesr_graph
from jaxeff.tflite.ir import OpGraph

__all__ = ["calibrate_sesr", "collapsed_shape", "export_cli", "export_int8",
           "export_shipped", "jax_int8", "quantize_input", "shipped_collapsed",
           "t91_calibration"]

Ranges = dict[int, tuple[float, float]]


def collapsed_shape(params: dict[str, Any]) -> tuple[int, int, int]:
    """``(m, f, scale)`` of collapsed SESR parameters (``first``, ``block_i``,
    ``last``, ``alpha_i``); ``ValueError`` naming what is missing."""
    for k in ("first", "last"):
        if k not in params:
            raise ValueError(f"params lack {k!r}: not collapsed SESR parameters")
    m = sum(1 for k in params if k.startswith("block_"))
    missing = [f"alpha_{i}" for i in range(m) if f"alpha_{i}" not in params]
    if missing:
        raise ValueError(f"params lack PReLU slopes {missing} (ReLU/QAT export not supported)")
    first, last = np.asarray(params["first"]), np.asarray(params["last"])
    if first.shape[:3] != (5, 5, 1):
        raise ValueError(f"params['first'] must be [5, 5, 1, f], got {first.shape}")
    if last.shape[-1] not in (4, 16):
        raise ValueError(f"params['last'] must end in 4 or 16 channels, got {last.shape}")
    return m, first.shape[-1], 2 if last.shape[-1] == 4 else 4


def _float_graph(params: dict[str, Any], hw: tuple[int, int], d2s: str) -> OpGraph:
    m, f, scale = collapsed_shape(params)
    g = sesr_graph(SESRVariant(m=m, f=f, p=1), scale, hw, d2s=d2s)
    convs = [op for op in g.ops if op.type == "CONV_2D"]
    names = ["first", *(f"block_{i}" for i in range(m)), "last"]
    for op, name in zip(convs, names, strict=True):
        k = np.asarray(params[name], np.float32)  # HWIO -> OHWI
        g.tensors[op.inputs[1]].data = np.ascontiguousarray(k.transpose(3, 0, 1, 2))
        g.tensors[op.inputs[2]].data = np.full(k.shape[-1], 0.5 if name == "last" else 0.0,
                                               np.float32)
    for i, op in enumerate(op for op in g.ops if op.type == "PRELU"):
        g.tensors[op.inputs[1]].data = np.asarray(params[f"alpha_{i}"],
                                                  np.float32).reshape(1, 1, f)
    return g


def _image(x: np.ndarray, who: str) -> np.ndarray:
    x = np.asarray(x, np.float32)
    x = x.reshape(x.shape[1:3]) if x.ndim == 4 else x
    if x.ndim != 2:
        raise ValueError(f"{who} must be [H, W] or [1, H, W, 1] Y images, got {x.shape}")
    return x


def calibrate_sesr(params: dict[str, Any], images: Sequence[np.ndarray]) -> Ranges:
    """Merged per-tensor (min, max) of the float graph on LR Y ``images`` in [0, 1]
    (``[H, W]``, any sizes)."""
    if not images:
        raise ValueError("images must hold at least one LR image")
    out: Ranges = {}
    for x in images:
        x = _image(x, "images")
        g = _float_graph(params, x.shape, "none")
        r = calibrate(g, inputs=[[x[None, :, :, None] - 0.5]])
        for k, (lo, hi) in r.items():
            a, b = out.get(k, (lo, hi))
            out[k] = (min(a, lo), max(b, hi))
    return out


def export_int8(params: dict[str, Any], hw: tuple[int, int], ranges: Ranges, *,
                d2s: str = "tconv") -> bytes:
    """Int8 TFLite of a trained collapsed SESR on ``[1, H, W, 1]`` inputs holding
    ``x - 0.5`` (``x`` = Y in [0, 1]) with :func:`calibrate_sesr` ``ranges``."""
    return int8_graph(_float_graph(params, tuple(hw), d2s), out_range=(0.0, 1.0),
                      ranges=ranges)


def quantize_input(buf: bytes, x: np.ndarray) -> np.ndarray:
    """``x`` (Y in [0, 1], ``[H, W]`` or ``[1, H, W, 1]``) as the model's int8 input
    ``round((x - 0.5) / s) + zp``, clipped to int8."""
    from jaxeff.tflite.interpreter import read_graph

    t = (g := read_graph(buf)).tensors[g.inputs[0]]
    q = np.round((np.asarray(x, np.float64) - 0.5) / float(t.scale[0])) + int(t.zero_point[0])
    return np.clip(q, -128, 127).astype(np.int8).reshape(t.shape)


def jax_int8(params: dict[str, Any], hw: tuple[int, int], ranges: Ranges
             ) -> Callable[[np.ndarray], np.ndarray]:
    """JAX int8 model of :func:`export_int8`: ``fn(q int8 [1, H, W, 1]) -> int8
    [1, sH, sW, 1]`` = depth-to-space of ``to_jax`` of the shuffle-free file."""
    import jax
    import jax.numpy as jnp

    from jaxeff.tflite import to_jax

    scale = collapsed_shape(params)[2]
    run, prm = to_jax(export_int8(params, hw, ranges, d2s="none"))

    @jax.jit
    def fn(q: jax.Array) -> jax.Array:
        y = depth_to_space(run(prm, q)[0], 2)
        return depth_to_space(y, 2) if scale == 4 else y

    return lambda q: np.asarray(fn(jnp.asarray(q)))


def shipped_collapsed(scale: int) -> tuple[CollapsedSESR, dict[str, Any]]:
    """The shipped collapsed SESR-M5 x``scale`` of ``experiments.sesr``'s default
    preset (cards ``sesr_m5_x{2,4}_collapsed``, sha256-verified by
    :func:`jaxeff.weights.load`): ``(CollapsedSESR, variables)``."""
    from jaxeff import weights

    if scale not in (2, 4):
        raise ValueError(f"scale must be 2 or 4, got {scale}")
    name = f"sesr_m5_x{scale}_collapsed"
    card = next((c for c in weights.cards() if c["name"] == name), None)
    if card is None:
        raise FileNotFoundError(f"no shipped weights card {name!r} in {weights.WEIGHTS_DIR}"
                                " (train with `python -m experiments.sesr`)")
    net = build_sr("sesr_m5", scale)
    return CollapsedSESR(scale=scale, m=net.m, f=net.f), weights.load(card)


def t91_calibration(scale: int, n: int, data_dir: str | None = None) -> list[np.ndarray]:
    """LR Y images (``[H, W]`` float32 in [0, 1]) of the first ``n`` T91 images
    (training data, never a test set): MATLAB bicubic of modcrop(HR), rounded Y."""
    from jaxeff.data.sr import list_images, load_sr_pairs, rgb_to_y, sr_root

    if n < 1:
        raise ValueError(f"need at least one calibration image, got n={n}")
    files = list_images(sr_root(data_dir) / "T91")[:n]
    return [rgb_to_y(lr).astype(np.float32) / 255.0
            for lr in load_sr_pairs(files, scale).lr]


def export_shipped(scale: int, out_dir: str | pathlib.Path, *,
                   hw: tuple[int, int] = (360, 640), calib: int = 8,
                   d2s: str = "tconv", data_dir: str | None = None) -> pathlib.Path:
    """Write the shipped SESR-M5 x``scale`` as int8 TFLite for ``[1, H, W, 1]`` LR
    inputs (post-training ranges from :func:`t91_calibration`); returns the file
    ``out_dir/sesr_m5_x{s}_{H}x{W}_int8_{d2s}.tflite``."""
    _, v = shipped_collapsed(scale)
    ranges = calibrate_sesr(v["params"], t91_calibration(scale, calib, data_dir))
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    h, w = hw
    dst = out / f"sesr_m5_x{scale}_{h}x{w}_int8_{d2s}.tflite"
    dst.write_bytes(export_int8(v["params"], (h, w), ranges, d2s=d2s))
    return dst


def export_cli(argv: Sequence[str], prog: str) -> list[str]:
    """The ``export`` subcommand shared by ``experiments.sesr`` and
    ``experiments.sesr_npu``: parses ``--scale --out [--hw H W] [--calib N]
    [--d2s tconv|d2s]`` and calls :func:`export_shipped`; returns the files."""
    p = argparse.ArgumentParser(prog=prog, description="shipped SESR-M5 -> int8 TFLite")
    p.add_argument("--scale", type=int, choices=[2, 4], required=True)
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--hw", type=int, nargs=2, default=[360, 640], help="LR input H W")
    p.add_argument("--calib", type=int, default=8, help="T91 images for calibration")
    p.add_argument("--d2s", choices=["tconv", "d2s"], default="tconv")
    a = p.parse_args(list(argv))
    return [str(export_shipped(a.scale, a.out, hw=tuple(a.hw), calib=a.calib, d2s=a.d2s))]
