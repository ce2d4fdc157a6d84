"""Int8 QAT of collapsed SESR whose forward is the exported int8 TFLite's computation.

"Collapsible Linear Blocks for Super-Efficient Super Resolution" (Bhardwaj et al.,
arXiv 2103.09404), spec ``sesr.md`` §2.1 (PReLU network, Eq. C1 collapsed kernels),
issue 21 item 1. :class:`Int8SESR` fake-quantizes exactly the tensors that
:func:`jaxeff.nets.sesr_export.export_int8` quantizes, with the same quantizers
(:func:`jaxeff.gnn.int8.quantize_int8`), so training sees the deployed arithmetic::

    t   = Q_in(x - 0.5)                                   input, per tensor (asym.)
    h0  = Q(conv(t, W(K_first)))                          W: per output channel,
    c_i = Q(conv(h_{i-1}, W(K_i))),  h_i = Q(prelu(c_i, A(alpha_i)))   symmetric,
    r   = Q(h_m + h0)                                        max|K| / 127, [-127, 127]
    l   = Q(conv(r, W(K_last)) + B(0.5))                  B: int32, scale s_in s_w
    y   = Q_[0,1](l + t)                                  scale 1/255, zp -128: the clip
    out = d2s(y) (x4: twice)                              a permutation

``Q`` = per-tensor asymmetric int8 with the TFLite (scale, zero point) of a fixed
range ``(lo, hi)`` (:func:`jaxeff.gnn.int8._qparams`: the range widened to hold 0,
scale ``(hi - lo) / 255``), ``A`` = the PReLU slopes quantized per tensor from their
own (min, max) as the exporter does.

**Value = the int8 kernels, gradient = fake-quant.** Every tensor's *value* is what
TFLite's reference int8 kernels compute (as :mod:`jaxeff.tflite` ``to_jax`` does):
int32 accumulation of ``(q - zp) q_w`` (exact in float32 below 2^24) plus the int32
bias, requantized by ``MultiplyByQuantizedMultiplier`` with TFLite's per-channel
multipliers; PReLU ``x' >= 0 ? mbqm(x', s_in/s_out) : mbqm(x' (q_a - zp_a),
s_in s_a / s_out)``; ADD with the 2^20 left shift and three multipliers; the input
rounded as :func:`~jaxeff.nets.sesr_export.quantize_input` (float64). The scales and
multipliers that depend on the weights are computed on the host in float64 NumPy
(``jax.pure_callback``), as TFLite's Prepare does. Its *gradient* is the float
fake-quant path's (straight-through, zero outside each tensor's range, :func:`jaxeff.
ops.quant.fake_quant`). So the QAT forward equals ``to_jax`` and LiteRT's reference
kernels bit for bit (tested). The weight scales follow the weights (as at export);
the activation ranges stay fixed at their calibration (our choice [U]: the deployed
ranges are the trained ones, nothing is recalibrated after training).
"""

from __future__ import annotations

from typing import Any

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np

from jaxeff.gnn.int8 import _qparams
from jaxeff.nets.sesr import check_y_input, depth_to_space
from jaxeff.nets.sesr_export import Ranges, _float_graph, collapsed_shape, export_int8
from jaxeff.ops.collapse import conv2d
from jaxeff.ops.quant import QuantSpec, fake_quant
from jaxeff.tflite.qmath import mbqm, quantize_multiplier, quantize_multipliers

__all__ = ["Int8SESR", "act_names", "export_qat8", "fine_tune_qat8", "init_qat8",
           "named_ranges", "qat8_ranges"]

_ASYM = QuantSpec(bits=8, signed=True, symmetric=False)
_SYM_CH = QuantSpec(bits=8, signed=True, symmetric=True, granularity="channel", axis=-1)
OUT_RANGE = (0.0, 1.0)


def act_names(m: int) -> list[str]:
    """Quantized activation tensors in graph order (``conv_i`` / ``prelu_i`` per
    middle block)."""
    mid = [n for i in range(m) for n in (f"conv_{i}", f"prelu_{i}")]
    return ["input", "first", *mid, "sum", "last", "out"]


def _graph_index(params: dict[str, Any]) -> dict[str, int]:
    """Activation name -> tensor index in the exported graph (indices do not depend
    on the input size or on the shuffle, which comes last)."""
    m = collapsed_shape(params)[0]
    g = _float_graph(params, (8, 8), "none")
    outs = [op.outputs[0] for op in g.ops if op.type in ("CONV_2D", "PRELU", "ADD")]
    names = act_names(m)
    if len(outs) != len(names) - 1:
        raise ValueError(f"unexpected SESR graph: {len(outs)} activations for m={m}")
    return dict(zip(names, [g.inputs[0], *outs], strict=True))


def named_ranges(params: dict[str, Any], ranges: Ranges) -> dict[str, tuple[float, float]]:
    """Calibrated graph ``ranges`` (:func:`~jaxeff.nets.sesr_export.calibrate_sesr`)
    by activation name; ``out`` is [0, 1] (the clip), as at export."""
    idx = _graph_index(params)
    missing = [n for n, i in idx.items() if n != "out" and i not in ranges]
    if missing:
        raise ValueError(f"ranges lack tensors {missing}: not calibrated on this SESR")
    got = {n: (float(ranges[i][0]), float(ranges[i][1])) for n, i in idx.items()
           if n != "out"}
    return {**got, "out": OUT_RANGE}


def qat8_ranges(model: Int8SESR, params: dict[str, Any]) -> Ranges:
    """Graph tensor index -> (lo, hi) of an :class:`Int8SESR` (for
    :func:`~jaxeff.nets.sesr_export.export_int8`)."""
    idx = _graph_index(params)
    return {idx[n]: r for n, r in zip(act_names(model.m), model.ranges, strict=True)}


def init_qat8(params: dict[str, Any], ranges: Ranges) -> tuple[Int8SESR, dict[str, Any]]:
    """:class:`Int8SESR` with the calibrated activation ``ranges`` (graph indices,
    :func:`~jaxeff.nets.sesr_export.calibrate_sesr`) frozen in, and its variables:
    the collapsed float ``params`` (``first``, ``block_i``, ``last``, ``alpha_i``)."""
    m, f, scale = collapsed_shape(params)
    named = named_ranges(params, ranges)
    model = Int8SESR(scale=scale, m=m, f=f,
                     ranges=tuple(named[n] for n in act_names(m)))
    return model, {"params": {k: jnp.asarray(v, jnp.float32) for k, v in params.items()}}


def export_qat8(model: Int8SESR, variables: dict[str, Any], hw: tuple[int, int], *,
                d2s: str = "tconv") -> bytes:
    """Int8 TFLite of trained :class:`Int8SESR` variables for ``[1, H, W, 1]``."""
    p = {k: np.asarray(v) for k, v in variables["params"].items()}
    return export_int8(p, hw, qat8_ranges(model, p), d2s=d2s)


def _host(fn: Any, shapes: tuple[tuple[tuple[int, ...], Any], ...], *args: jax.Array
          ) -> tuple[jax.Array, ...]:
    """``fn(*numpy args)`` on the host (float64 NumPy, as TFLite's Prepare computes
    its scales and multipliers); no gradient flows through it."""
    out = tuple(jax.ShapeDtypeStruct(sh, dt) for sh, dt in shapes)
    return jax.pure_callback(fn, out, *(jax.lax.stop_gradient(a) for a in args))


def _conv_q(k: jax.Array, s_in: float, s_out: float, bias: float | None = None
            ) -> tuple[jax.Array, ...]:
    """Conv weights as the exporter writes them: per output channel (last axis)
    symmetric int8, ``s_w = max|k| / 127`` in float32 (|k| / s_w <= 127: the
    exporter's [-127, 127]), the int32 ``bias`` at scale ``s_in s_w``, and TFLite's
    per-channel ``QuantizeMultiplier(double(s_in) double(s_w) / double(s_out))``.
    Returns ``(k_hat, q_w [k, k, cin, cout] int32, bias int32 [cout], multiplier,
    shift, s_w)``; the integers and scales are computed on the host (XLA may turn ``/ 127`` into a
    product by a rounded reciprocal, one ulp away from NumPy's)."""
    c = k.shape[-1]

    def fn(w):
        sw = np.maximum(np.abs(np.asarray(w, np.float32)).max(axis=(0, 1, 2)), 1e-8
                        ) / np.float32(127.0)
        sw = sw.astype(np.float32)
        sb = (np.float64(s_in) * sw.astype(np.float64)).astype(np.float32)
        b = (np.round(np.float32(bias) / sb) if bias is not None else np.zeros(c)
             ).astype(np.int32)
        q, sh = quantize_multipliers(np.float64(s_in) * sw.astype(np.float64)
                                     / np.float64(s_out))
        n_w = np.clip(np.round(np.asarray(w, np.float32) / sw), -127, 127)
        return sw, b, q, sh, n_w.astype(np.int32)

    sw, b, q, sh, n_w = _host(fn, (((c,), jnp.float32), ((c,), jnp.int32),
                                   ((c,), jnp.int32), ((c,), jnp.int32),
                                   (k.shape, jnp.int32)), k)
    k_hat = fake_quant(k, sw, jnp.zeros_like(sw), _SYM_CH)  # the gradient path
    return k_hat, n_w, b, q, sh, sw


def _alpha_q(a: jax.Array, s_in: float, s_out: float) -> tuple[jax.Array, ...]:
    """PReLU slopes as the exporter stores them (per-tensor asymmetric int8 of their
    (min, max) widened to 0, :func:`jaxeff.gnn.int8._qparams`): ``(a_hat, q - zp
    [f] int32, multiplier, shift)`` of the negative branch ``s_in s_a / s_out``."""
    def fn(al):
        al = np.asarray(al, np.float32)
        s, zp = _qparams(al.min(), al.max())
        q, sh = quantize_multiplier(np.float64(s_in) * np.float64(np.float32(s))
                                    / np.float64(s_out))
        n_a = np.clip(np.round(al / np.float32(s)) + zp, -128, 127) - zp
        return (np.asarray([np.float32(s), zp], np.float32), np.int32(q), np.int32(sh),
                n_a.astype(np.int32))

    (sz_a, q, sh, n_a) = _host(fn, (((2,), jnp.float32), ((), jnp.int32), ((), jnp.int32),
                                    (a.shape, jnp.int32)), a)
    return fake_quant(a, sz_a[0], sz_a[1], _ASYM), n_a, q, sh


def _ints(v: jax.Array, s: Any) -> jax.Array:
    """``q - zp`` of a tensor on its int8 grid (``v = (q - zp) s``), as int32."""
    return jax.lax.stop_gradient(jnp.round(v / s)).astype(jnp.int32)


def _st(fl: jax.Array, ex: jax.Array) -> jax.Array:
    """Value of the integer path ``ex``, gradient of the fake-quant path ``fl``."""
    return fl + jax.lax.stop_gradient(ex - fl)


class Int8SESR(nn.Module):
    """Collapsed SESR-M{m} x``scale`` computing its int8 TFLite export (module doc).

    The value of every tensor is the int8 reference kernels' (int32 accumulation,
    ``MultiplyByQuantizedMultiplier`` requantization, TFLite's PReLU and ADD); the
    gradient is the float fake-quant one (straight-through). Variables: ``params``
    as :class:`~jaxeff.nets.sesr.CollapsedSESR`, ``quant`` from :func:`init_qat8`.
    ``x [N, H, W, 1]`` Y in [0, 1] (or ``q_in``: the file's int8 input) ->
    ``(out [N, sH, sW, 1]`` on the grid ``k / 255``, ``aux)``.
    """

    scale: int = 2
    m: int = 5
    f: int = 16
    #: (lo, hi) per activation of :func:`act_names` (static: frozen calibration)
    ranges: tuple[tuple[float, float], ...] = ()

    @nn.compact
    def __call__(self, x: jax.Array, q_in: jax.Array | None = None
                 ) -> tuple[jax.Array, dict[str, jax.Array]]:
        if self.scale not in (2, 4):
            raise ValueError(f"Int8SESR scale must be 2 or 4, got {self.scale}")
        check_y_input(x, "Int8SESR")
        names = act_names(self.m)
        if len(self.ranges) != len(names):
            raise ValueError(f"Int8SESR needs {len(names)} activation ranges {names}, "
                             f"got {len(self.ranges)}: build it with init_qat8")
        qp = {n: _qparams(*r) for n, r in zip(names, self.ranges, strict=True)}

        def sz(name):  # (scale as stored in the file, zero point): static floats
            s, zp = qp[name]
            return float(np.float32(s)), float(zp)

        def out(name, fl, acc, mult):  # requantize the int32 ``acc`` into ``name``
            s, zp = sz(name)
            fq = fake_quant(fl, s, zp, _ASYM)
            n = jnp.clip(mbqm(acc, *mult) + int(zp), -128, 127)
            return _st(fq, (n - zp) * s)

        def conv(v, src, k, name, bias=None):
            s_in = sz(src)[0]
            wq, n_w, b, q, sh, sw = _conv_q(k, s_in, sz(name)[0], bias)
            acc = jax.lax.conv_general_dilated(  # exact: |acc| < 2^24
                _ints(v, s_in).astype(jnp.float32), n_w.astype(jnp.float32),
                (1, 1), "SAME", dimension_numbers=("NHWC", "HWIO", "NHWC"),
                precision=jax.lax.Precision.HIGHEST).astype(jnp.int32) + b
            fl = conv2d(v, wq) + b * (s_in * sw)  # int32 bias at scale s_in s_w
            return out(name, fl, acc, (q, sh))

        def add(a, sa, b, sb, name):
            s1, s2, so = (sz(n)[0] for n in (sa, sb, name))
            twice = 2.0 * max(s1, s2)
            m1, m2 = quantize_multiplier(s1 / twice), quantize_multiplier(s2 / twice)
            acc = (mbqm(_ints(a, s1) * (1 << 20), *m1)
                   + mbqm(_ints(b, s2) * (1 << 20), *m2))
            return out(name, a + b, acc, quantize_multiplier(twice / ((1 << 20) * so)))

        def kern(name, k, cin, cout):
            return self.param(name, nn.initializers.zeros, (k, k, cin, cout))

        s, zp = sz("input")
        if q_in is None:  # value: quantize_input's float64 rounding (host); STE grad
            def fn(v):
                v = np.round((np.asarray(v, np.float64) - 0.5) / s) + zp
                return np.clip(v, -128, 127).astype(np.float32)

            q_in = _host(fn, ((x.shape, jnp.float32),), x)[0]
            t = _st(fake_quant(x - 0.5, s, zp, _ASYM), (q_in - zp) * s)
        else:  # the file's int8 input
            t = (jnp.asarray(q_in, jnp.float32) - zp) * s
        h0 = conv(t, "input", kern("first", 5, 1, self.f), "first")
        h, src = h0, "first"
        for i in range(self.m):
            c = conv(h, src, kern(f"block_{i}", 3, self.f, self.f), f"conv_{i}")
            s_c, s_o = sz(f"conv_{i}")[0], sz(f"prelu_{i}")[0]
            a, n_a, q2, sh2 = _alpha_q(self.param(f"alpha_{i}", nn.initializers.zeros,
                                                  (self.f,)), s_c, s_o)
            n = _ints(c, s_c)
            pos = mbqm(n, *quantize_multiplier(s_c / s_o))
            neg = mbqm(n * n_a, q2, sh2)
            h = out(f"prelu_{i}", jnp.where(c >= 0, c, a * c),
                    jnp.where(n >= 0, pos, neg), (jnp.int32(1 << 30), jnp.int32(1)))
            src = f"prelu_{i}"
        r = add(h, src, h0, "first", "sum")
        last = conv(r, "sum", kern("last", 5, self.f, self.scale**2), "last", bias=0.5)
        y = add(last, "last", t, "input", "out")
        z = depth_to_space(y, 2)
        return (depth_to_space(z, 2) if self.scale == 4 else z), {"y": y}


def fine_tune_qat8(scale: int, tcfg: Any, workdir: str, *, val_images: int = 10,
                   val_seed: int = 0, calib: int = 8, data_dir: str | None = None,
                   progress: bool = True) -> tuple[Int8SESR, dict[str, Any], dict[str, Any]]:
    """QAT fine-tune of the shipped collapsed SESR-M5 x``scale`` as :class:`Int8SESR`.

    T91 minus ``val_images`` held-out images (:func:`jaxeff.data.sr.holdout_split`,
    the split the shipped model was trained with); activation ranges calibrated on
    the LR of the first ``calib`` training images and frozen; L1 training with
    ``tcfg`` (:class:`jaxeff.train_sr.SRTrainConfig`, resumable in ``workdir``);
    the checkpoint used is the best on the held-out images (step 0 = the
    post-training-quantized model is a candidate). Test sets are never read.
    Returns ``(model, variables, meta)`` with ``meta["history"]`` and
    ``meta["selected_step"]``.
    """
    from jaxeff.data.sr import (
        holdout_split,
        load_sr_pairs,
        load_training_pairs,
        rgb_to_y,
        sr_root,
    )
    from jaxeff.nets.sesr_export import calibrate_sesr, shipped_collapsed
    from jaxeff.train import load_variables
    from jaxeff.train_sr import fit_sr, make_validator, select_checkpoint, snapshot_path

    _, v = shipped_collapsed(scale)
    params = {k: np.asarray(a) for k, a in v["params"].items()}
    train_files, val_files = holdout_split(sr_root(data_dir) / "T91", val_images,
                                           seed=val_seed)
    cal = [rgb_to_y(lr).astype(np.float32) / 255.0
           for lr in load_sr_pairs(train_files[:calib], scale).lr]
    model, v0 = init_qat8(params, calibrate_sesr(params, cal))
    validate = make_validator(model, load_sr_pairs(val_files, scale))
    hist0 = {"step": 0, "val_psnr": float(validate(v0))}
    hr, lr = load_training_pairs(train_files, scale)
    variables, hist = fit_sr(model, hr, lr, tcfg, workdir, scale=scale, init=v0,
                             progress=progress, desc=f"int8 QAT x{scale}",
                             validate=validate if tcfg.val_every else None,
                             extra_config={"qat8_of": f"sesr_m5_x{scale}_collapsed",
                                           "calib": calib, "val_images": val_images})
    hist = [hist0, *hist]
    step = select_checkpoint(hist) if tcfg.val_every else tcfg.steps
    if step == 0:
        variables = v0
    elif step != tcfg.steps:
        variables = load_variables(snapshot_path(workdir, step))
    return model, variables, {"history": hist, "selected_step": step,
                              "train_images": [f.name for f in train_files],
                              "val_images_used": [f.name for f in val_files],
                              "ranges": dict(zip(act_names(model.m), model.ranges))}
