"""Int8 quantization-aware training with learned ranges for MicroNets.

"MicroNets" (Banbury et al., arXiv 2010.11267, Sec. 5): the searched networks are
retrained with int8 quantization-aware training before deployment in TFLM. The
paper does not give its quantizer; [Choice] (spec ``micronets_ran.md`` A2 step 4):
LSQ ("Learned Step Size Quantization", Esser et al., arXiv 1902.08153, Eq. 1-3)
on the deployed, BN-folded network, with the scheme TFLite's int8 kernels use:

* weights: per-output-channel symmetric int8 in ``[-127, 127]`` (FC per tensor),
  ``w_hat = s_w clip(round(w / s_w), -127, 127)``, the scale learned but capped at
  ``max|w| / 127`` so the exported weights ``clip(w, +-127 s_w)`` give the exporter
  exactly ``s_w`` back;
* activations: the model input, every conv output (ReLU fused: zero point -128,
  ``fake_quant(y) = fake_quant(relu(y))``), the average-pool output and the logits,
  per-tensor asymmetric int8 with a learned scale and the zero point of the
  post-training export (fixed integers);
* scales are learned as ``log s`` with the LSQ straight-through gradient
  (:func:`jaxeff.ops.quant.fake_quant`, ``lsq=True``) and Adam.

Quantization enters the plain :class:`~jaxeff.nets.micronets.MicroNet` (deployed
form, ``batch_norm=False``) by method interception of its ``nn.Conv`` / ``nn.Dense``
calls (DESIGN.md convention 4). Initial ranges are those of the post-training int8
export (:func:`~jaxeff.nets.micronets_export.export_int8`), so QAT starts at PTQ;
:func:`export_qat` writes the learned ranges into the int8 ``.tflite``.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import Any

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
import optax
from jax import lax

from jaxeff.nets.micronets import MicroNet, MicroNetSpec
from jaxeff.nets.micronets_export import export_int8, float_graph, fold_bn
from jaxeff.ops.quant import QuantSpec, fake_quant

__all__ = ["QATConfig", "QATState", "export_qat", "init_qat", "qat_apply", "qat_train"]

log = logging.getLogger(__name__)
INT8 = QuantSpec(bits=8, signed=True)
INT8_CH = QuantSpec(bits=8, signed=True, granularity="channel", axis=-1)
Prep = Callable[[jax.Array, jax.Array, bool], jax.Array]


@dataclasses.dataclass(frozen=True, kw_only=True)
class QATConfig:
    """Fine-tuning recipe [Choice]: SGD (momentum 0.9, cosine to ``lr * 1e-2``,
    weight decay on kernels) for the weights, Adam on ``log s`` for the scales."""

    epochs: int = 4
    batch_size: int = 64
    lr: float = 0.005
    scale_lr: float = 1e-3
    weight_decay: float = 1e-3
    seed: int = 0

    def __post_init__(self) -> None:
        if self.epochs < 1 or self.batch_size < 1 or self.lr <= 0 or self.scale_lr <= 0:
            raise ValueError(f"bad QAT config: {self}")


@dataclasses.dataclass(frozen=True)
class QATState:
    """Folded float ``params`` (MicroNet ``batch_norm=False`` layout), learned
    ``log_scales`` (``{"input": [], layer: {"w": [C], "out": []}}``) and the fixed
    activation zero points ``zps`` (``"input"`` and layer names -> int)."""

    params: dict[str, Any]
    log_scales: dict[str, Any]
    zps: dict[str, int]


def _layer_names(spec: MicroNetSpec) -> list[str]:
    return ["stem"] + [f"block{i}_{k}" for i in range(len(spec.blocks))
                       for k in ("dw", "pw")] + ["mean", "fc"]


def init_qat(spec: MicroNetSpec, variables: Any, calib: np.ndarray) -> QATState:
    """Fold BN and read the initial scales / zero points from the post-training
    int8 export of ``variables`` calibrated on ``calib`` [N, H, W, C_in]."""
    from jaxeff.tflite import read_main

    w = fold_bn(spec, variables)
    params = {n: {"kernel": jnp.asarray(k), "bias": jnp.asarray(b)}
              for n, (k, b) in w.items()}
    g = read_main(export_int8(spec, variables, calib))
    outs = [g.tensors[op.outputs[0]] for op in g.ops]
    names = _layer_names(spec)
    if len(outs) != len(names):
        raise ValueError(f"exported graph has {len(outs)} ops, expected {len(names)}")
    tin = g.tensors[g.inputs[0]]
    zps = {"input": int(tin.zero_point[0])}
    ls: dict[str, Any] = {"input": jnp.log(jnp.float32(tin.scale[0]))}
    for n, t, op in zip(names, outs, g.ops):
        zps[n] = int(t.zero_point[0])
        ls[n] = {"out": jnp.log(jnp.float32(t.scale[0]))}
        if n != "mean":
            ws = np.asarray(g.tensors[op.inputs[1]].scale, np.float32)
            ls[n]["w"] = jnp.log(jnp.asarray(ws if n != "fc" else ws[0]))
    return QATState(params, ls, zps)


def _fq_act(x: jax.Array, log_s: jax.Array, zp: int) -> jax.Array:
    return fake_quant(x, jnp.exp(log_s), jnp.float32(zp), INT8, lsq=True)


def _fq_weight(k: jax.Array, log_s: jax.Array) -> jax.Array:
    """Symmetric int8 in [-127, 127] along the last axis, scale capped at max|k|/127."""
    red = tuple(range(k.ndim - 1)) if log_s.ndim else None
    cap = lax.stop_gradient(jnp.max(jnp.abs(k), axis=red, keepdims=log_s.ndim > 0))
    s = jnp.minimum(jnp.exp(log_s).reshape(cap.shape), jnp.maximum(cap / 127.0, 1e-8))
    spec = INT8_CH if log_s.ndim else INT8
    return fake_quant(jnp.clip(k, -127 * s, 127 * s), s, jnp.zeros_like(s), spec,
                      lsq=True)


def _interceptor(params: dict[str, Any], ls: dict[str, Any], zps: dict[str, int]):
    def icpt(next_fun, args, kwargs, ctx):
        m = ctx.module
        if ctx.method_name != "__call__" or not isinstance(m, (nn.Conv, nn.Dense)):
            return next_fun(*args, **kwargs)
        x, name = args[0], m.name
        p = params[name]
        k = _fq_weight(p["kernel"], ls[name]["w"])
        if name == "stem":
            x = _fq_act(x, ls["input"], zps["input"])
        if isinstance(m, nn.Dense):
            x = _fq_act(x, ls["mean"]["out"], zps["mean"])
            y = x @ k
        else:
            strides = m.strides or 1
            strides = (strides,) * 2 if isinstance(strides, int) else tuple(strides)
            y = lax.conv_general_dilated(x, k, strides, m.padding,
                                         feature_group_count=m.feature_group_count,
                                         dimension_numbers=("NHWC", "HWIO", "NHWC"))
        return _fq_act(y + p["bias"], ls[name]["out"], zps[name])
    return icpt


def qat_apply(spec: MicroNetSpec, st: QATState | None, x: jax.Array, *,
              params: Any = None, log_scales: Any = None) -> jax.Array:
    """Fake-quantized int8 logits [N, classes] of ``x`` [N, H, W, C_in]; ``params`` /
    ``log_scales`` override ``st``'s (for gradients)."""
    params = st.params if params is None else params
    ls = st.log_scales if log_scales is None else log_scales
    model = MicroNet(spec, batch_norm=False)
    with nn.intercept_methods(_interceptor(params, ls, st.zps)):
        return model.apply({"params": params}, x)[0]


def qat_train(key: jax.Array, spec: MicroNetSpec, st: QATState, x: np.ndarray,
              y: np.ndarray, cfg: QATConfig, *, prep: Prep) -> tuple[QATState, list]:
    """Fine-tune weights and log-scales on (``x``, ``y``) through ``prep`` (features,
    augmentation when its flag is True); returns the new state and per-epoch
    ``{"epoch", "train_ce", "train_acc"}``."""
    if len(x) != len(y) or len(x) < cfg.batch_size:
        raise ValueError(f"x ({len(x)}) and y ({len(y)}) must match and hold at least "
                         f"one batch of {cfg.batch_size}")
    steps = cfg.epochs * (len(x) // cfg.batch_size)
    sched = optax.cosine_decay_schedule(cfg.lr, steps, 1e-2)
    tx_w = optax.chain(optax.add_decayed_weights(
        cfg.weight_decay, mask=lambda p: jax.tree.map(lambda a: a.ndim > 1, p)),
        optax.sgd(sched, momentum=0.9))
    tx_s = optax.adam(cfg.scale_lr)
    state = (st.params, st.log_scales, tx_w.init(st.params), tx_s.init(st.log_scales))

    @jax.jit
    def step(state, xb, yb, k):
        p, ls, ow, os_ = state

        def loss_fn(p, ls):
            logits = qat_apply(spec, st, prep(xb, k, True), params=p, log_scales=ls)
            ce = optax.softmax_cross_entropy_with_integer_labels(logits, yb).mean()
            return ce, logits

        (ce, logits), (gp, gs) = jax.value_and_grad(loss_fn, (0, 1), has_aux=True)(p, ls)
        up, ow = tx_w.update(gp, ow, p)
        us, os_ = tx_s.update(gs, os_, ls)
        new = (optax.apply_updates(p, up), optax.apply_updates(ls, us), ow, os_)
        return new, {"ce": ce, "acc": jnp.mean(jnp.argmax(logits, -1) == yb)}

    hist = []
    for epoch in range(cfg.epochs):
        perm = np.random.default_rng(cfg.seed * 1_000_003 + epoch).permutation(len(x))
        ms = []
        for i in range(len(x) // cfg.batch_size):
            idx = perm[i * cfg.batch_size:(i + 1) * cfg.batch_size]
            key, sk = jax.random.split(key)
            state, m = step(state, jnp.asarray(x[idx]), jnp.asarray(y[idx]), sk)
            ms.append(m)
        ms = jax.device_get(ms)
        hist.append({"epoch": epoch + 1,
                     "train_ce": float(np.mean([m["ce"] for m in ms])),
                     "train_acc": 100 * float(np.mean([m["acc"] for m in ms]))})
        log.info("QAT epoch %s", hist[-1])
    return QATState(state[0], state[1], st.zps), hist


def export_qat(spec: MicroNetSpec, st: QATState) -> bytes:
    """Full-int8 ``.tflite`` with the learned ranges: weights clipped to
    ``+-127 s_w`` (the exporter's per-channel max then equals ``127 s_w``), every
    activation range ``[(-128 - z) s, (127 - z) s]``."""
    from jaxeff.gnn.int8 import quantize_int8
    from jaxeff.tflite.writer import write_tflite

    params = {}
    for n, p in st.params.items():
        k = np.asarray(p["kernel"], np.float64)
        red = tuple(range(k.ndim - 1)) if np.ndim(st.log_scales[n]["w"]) else None
        cap = np.max(np.abs(k), axis=red) / 127.0
        s = np.minimum(np.exp(np.asarray(st.log_scales[n]["w"], np.float64)), cap)
        params[n] = {"kernel": np.clip(k, -127 * s, 127 * s).astype(np.float32),
                     "bias": np.asarray(p["bias"], np.float32)}
    g = float_graph(spec, {"params": params})

    def rng(log_s: Any, z: int) -> tuple[float, float]:
        s = float(np.exp(np.float64(log_s)))
        return (-128 - z) * s, (127 - z) * s

    ranges = {g.inputs[0]: rng(st.log_scales["input"], st.zps["input"])}
    for n, op in zip(_layer_names(spec), g.ops):
        ranges[op.outputs[0]] = rng(st.log_scales[n]["out"], st.zps[n])
    return write_tflite(quantize_int8(g, ranges), description="jaxeff micronet int8 QAT")
