"""SESR (collapsible linear blocks) and FSRCNN super-resolution networks.

"Collapsible Linear Blocks for Super-Efficient Super Resolution" (Bhardwaj et al.,
arXiv 2103.09404, ARM-software/sesr ``models/sesr.py``); spec ``sesr.md`` §2.1-2.3.
FSRCNN: "Accelerating the Super-Resolution Convolutional Neural Network" (Dong et al.,
arXiv 1608.00367), spec §3.2.

SESR on the Y channel ``x [N, H, W, 1]`` in [0, 1] (spec §2.1)::

    h0 = LB5(1 -> f)(x - 0.5)                        (no activation)
    h  = PReLU(LB3(f -> f)(h) + h)     m times         (residual folded: Eq. C1)
    y  = LB5(f -> s^2)(h + h0) + x                    (x broadcast over s^2)
    out = clip(d2s(y), 0, 1)           s = 4: two x2 depth-to-space (TF DCR order)

Each LB is an expand k x k conv to ``p`` channels and a 1 x 1 projection, both
bias-free (spec §2.2, "follow"). ``collapsed=True`` (training in collapsed space,
§2.3): every call first forms ``K = A B (+ R)`` (``jaxeff.ops.collapse``, Eq. C1)
and runs the m + 2 small convs; gradients reach A and B through the einsum.
``collapsed=False`` runs the expanded convs (same function). :func:`export_sesr`
collapses once into :class:`CollapsedSESR`, the deployable inference module.

QAT (``qat=True``, spec §2.1 step 6 / README "INT8"): ReLU replaces PReLU;
collapsed kernels are fake-quantized to int8 per output channel (symmetric,
scale ``max|K|/127``, straight-through); activations are fake-quantized to int8
per tensor with LSQ-learned scales in the ``"quant"`` collection (initialised by
:func:`calibrate_act_scales`). The quantizer choice is ours [U].

Length (about 400 lines): the training-time SESR, its collapsed inference export and
the FSRCNN baseline share the layer helpers and the spec's MAC counts; the export
must stay next to the module it inverts.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import flax.linen as nn
import jax
import jax.numpy as jnp
from jax import lax

from jaxeff.ops.collapse import collapse_block, conv2d
from jaxeff.ops.quant import QuantSpec, fake_quant

__all__ = [
    "FSRCNN", "SESR", "SESR_VARIANTS", "CollapsedSESR", "SESRVariant",
    "SR_MODELS", "bicubic_macs", "subpixel_kernel", "build_sr", "calibrate_act_scales",
    "check_y_input",
    "depth_to_space", "export_sesr", "fsrcnn_macs", "fsrcnn_weights",
    "param_count", "sesr_delta_trick_macs", "sesr_expanded_weights", "sesr_macs",
    "sesr_train_macs", "sesr_weights",
]


@dataclasses.dataclass(frozen=True, kw_only=True)
class SESRVariant:
    """m middle blocks, f features, p expansion width (spec §2.1 table)."""

    m: int
    f: int
    p: int


SESR_VARIANTS: dict[str, SESRVariant] = {
    "M3": SESRVariant(m=3, f=16, p=256),
    "M5": SESRVariant(m=5, f=16, p=256),
    "M7": SESRVariant(m=7, f=16, p=256),
    "M11": SESRVariant(m=11, f=16, p=64),
    "XL": SESRVariant(m=11, f=32, p=64),
    "tiny": SESRVariant(m=1, f=4, p=8),  # tests only
}

_INT8 = QuantSpec(bits=8, signed=True, symmetric=True)
_INT8_CH = QuantSpec(bits=8, signed=True, symmetric=True, granularity="channel",
                     axis=-1)


def depth_to_space(x: jax.Array, block: int = 2) -> jax.Array:
    """TF ``depth_to_space`` (DCR): ``out[bh+i, bw+j, c] = in[h, w, (b i + j) C + c]``.

    ``x [N, H, W, b^2 C]`` -> ``[N, bH, bW, C]``.
    """
    n, h, w, c = x.shape
    if c % (block * block):
        raise ValueError(f"channels {c} not divisible by block^2 = {block * block}")
    co = c // (block * block)
    x = x.reshape(n, h, w, block, block, co).transpose(0, 1, 3, 2, 4, 5)
    return x.reshape(n, h * block, w * block, co)


def check_y_input(x: Any, who: str) -> None:
    """Reject what an SR net on Y cannot take: ``x`` must be a floating array
    ``[N, H, W, 1]`` with values in [0, 1] (BT.601 Y / 255). Integer / bool images
    (e.g. uint8 on [0, 255]) are refused instead of being silently saturated by the
    final clip to [0, 1]: convert with ``x.astype(np.float32) / 255`` first."""
    dtype = getattr(x, "dtype", None)
    shape = getattr(x, "shape", None)
    if dtype is None or shape is None:
        raise TypeError(f"{who}: argument x must be an array [N, H, W, 1], got "
                        f"{type(x).__name__}")
    if not jnp.issubdtype(dtype, jnp.floating):
        raise TypeError(
            f"{who}: argument x must be a floating array of Y values in [0, 1] (e.g. "
            f"uint8 Y / 255 as float32), got dtype {dtype}; integer images would "
            f"saturate silently")
    if len(shape) != 4 or shape[-1] != 1:
        raise ValueError(f"{who}: argument x must be Y images [N, H, W, 1], got shape "
                         f"{tuple(shape)}")
    if min(shape[:3]) < 1:
        raise ValueError(f"{who}: argument x has an empty dimension: shape "
                         f"{tuple(shape)}")


def _prelu(mod: nn.Module, x: jax.Array, name: str) -> jax.Array:
    alpha = mod.param(name, nn.initializers.zeros, (x.shape[-1],), jnp.float32)
    return jnp.where(x >= 0, x, alpha.astype(x.dtype) * x)


def _act_q(mod: nn.Module, name: str, x: jax.Array) -> jax.Array:
    """int8 per-tensor fake-quant with an LSQ scale from the "quant" collection.

    ``init`` makes no scales (they come from :func:`calibrate_act_scales`); applying
    a QAT model without them is an error, never a silent float run."""
    if not mod.has_variable("quant", name):
        if mod.is_initializing():
            return x
        raise ValueError(
            f"SESR(qat=True): variables have no 'quant' scale {name!r}; pass "
            f"{{'params': ..., 'quant': calibrate_act_scales(model, float_vars, x)}} "
            f"(or use qat=False for float)")
    s = mod.get_variable("quant", name)
    return fake_quant(x, s, jnp.zeros_like(s), _INT8, lsq=True)


class LinearBlock(nn.Module):
    """LB_k(Cin -> features): expand to ``expand`` channels, project, (+ residual)."""

    features: int
    kernel: int
    expand: int
    residual: bool = False
    collapsed: bool = True
    qat: bool = False

    @nn.compact
    def __call__(self, x: jax.Array) -> jax.Array:
        cin, k = x.shape[-1], self.kernel
        init = nn.initializers.glorot_uniform()
        a = self.param("expand", init, (k, k, cin, self.expand), jnp.float32)
        b = self.param("project", init, (self.expand, self.features), jnp.float32)
        if self.collapsed or self.qat:
            kern = collapse_block(a, b, residual=self.residual)
            if self.qat:
                s = lax.stop_gradient(jnp.maximum(
                    jnp.max(jnp.abs(kern), axis=(0, 1, 2)), 1e-8) / 127.0)
                kern = fake_quant(kern, s, jnp.zeros_like(s), _INT8_CH)
            return conv2d(x, kern)
        y = conv2d(conv2d(x, a.astype(x.dtype)), b[None, None].astype(x.dtype))
        return y + x if self.residual else y


class SESR(nn.Module):
    """SESR-M{m} at ``scale`` in {2, 4}; returns ``(out [N, sH, sW, 1], aux)``."""

    scale: int = 2
    m: int = 5
    f: int = 16
    p: int = 256
    collapsed: bool = True
    qat: bool = False

    @nn.compact
    def __call__(self, x: jax.Array) -> tuple[jax.Array, dict[str, jax.Array]]:
        if self.scale not in (2, 4):
            raise ValueError(f"SESR scale must be 2 or 4, got {self.scale}")
        check_y_input(x, "SESR")
        lb = dict(expand=self.p, collapsed=self.collapsed, qat=self.qat)
        act = (lambda h, i: nn.relu(h)) if self.qat else (
            lambda h, i: _prelu(self, h, f"alpha_{i}"))
        q = (lambda n, v: _act_q(self, n, v)) if self.qat else (lambda n, v: v)
        aux: dict[str, jax.Array] = {}
        h0 = LinearBlock(self.f, 5, name="first", **lb)(x - 0.5)
        h0 = aux["first"] = q("first", h0)
        h = h0
        for i in range(self.m):
            h = act(LinearBlock(self.f, 3, residual=True, name=f"block_{i}", **lb)(h), i)
            h = aux[f"block_{i}"] = q(f"block_{i}", h)
        r = aux["sum"] = q("sum", h + h0)
        y = LinearBlock(self.scale**2, 5, name="last", **lb)(r) + x
        y = aux["last"] = q("last", y)
        z = depth_to_space(y, 2)
        if self.scale == 4:
            z = depth_to_space(z, 2)
        return jnp.clip(z, 0.0, 1.0), aux


class CollapsedSESR(nn.Module):
    """Inference SESR: m + 2 plain k x k convs (kernels from :func:`export_sesr`)."""

    scale: int = 2
    m: int = 5
    f: int = 16
    relu: bool = False

    @nn.compact
    def __call__(self, x: jax.Array) -> tuple[jax.Array, dict[str, jax.Array]]:
        if self.scale not in (2, 4):
            raise ValueError(f"CollapsedSESR scale must be 2 or 4, got {self.scale}")
        check_y_input(x, "CollapsedSESR")

        def kern(name, k, cin, cout):
            return self.param(name, nn.initializers.zeros, (k, k, cin, cout))

        h0 = conv2d(x - 0.5, kern("first", 5, 1, self.f))
        h = h0
        for i in range(self.m):
            h = conv2d(h, kern(f"block_{i}", 3, self.f, self.f))
            h = nn.relu(h) if self.relu else _prelu(self, h, f"alpha_{i}")
        y = conv2d(h + h0, kern("last", 5, self.f, self.scale**2)) + x
        z = depth_to_space(y, 2)
        if self.scale == 4:
            z = depth_to_space(z, 2)
        return jnp.clip(z, 0.0, 1.0), {}


def export_sesr(model: SESR, variables: Any) -> tuple[CollapsedSESR, dict[str, Any]]:
    """Collapse once (Eq. C1): the small inference module and its variables.

    QAT models export their float collapsed kernels (fake-quant is not baked in).
    """
    p = variables["params"]
    out: dict[str, Any] = {}
    names = ["first", *(f"block_{i}" for i in range(model.m)), "last"]
    for n in names:
        out[n] = collapse_block(p[n]["expand"], p[n]["project"],
                                residual=n.startswith("block_"))
    for i in range(model.m):
        if f"alpha_{i}" in p:
            out[f"alpha_{i}"] = p[f"alpha_{i}"]
    inf = CollapsedSESR(scale=model.scale, m=model.m, f=model.f, relu=model.qat)
    return inf, {"params": out}


def calibrate_act_scales(model: SESR, variables: Any, x: jax.Array) -> dict[str,
                                                                            jax.Array]:
    """QAT init: ``max|a| / 127`` of every quantized activation on batch ``x``."""
    fmodel = model.clone(qat=False)
    _, aux = fmodel.apply({"params": variables["params"]}, x)
    return {k: jnp.maximum(jnp.max(jnp.abs(v)), 1e-3) / 127.0 for k, v in aux.items()}


class FSRCNN(nn.Module):
    """FSRCNN(d=56, s=12, m=4) on Y; ``(out [N, sH, sW, 1], aux)`` (spec §3.2).

    The 9 x 9 transposed conv computes ``HR[Y] = sum_y LR[y] w[Y - s y + 4]`` (PyTorch
    padding 4, output_padding s - 1, so exactly s H).
    """

    scale: int = 2
    d: int = 56
    s: int = 12
    m: int = 4

    @nn.compact
    def __call__(self, x: jax.Array) -> tuple[jax.Array, dict[str, jax.Array]]:
        check_y_input(x, "FSRCNN")
        he = nn.initializers.he_normal()

        def conv(h, cout, k, name):
            w = self.param(f"{name}_w", he, (k, k, h.shape[-1], cout), jnp.float32)
            b = self.param(f"{name}_b", nn.initializers.zeros, (cout,), jnp.float32)
            return _prelu_init(self, conv2d(h, w, b), f"{name}_alpha")

        h = conv(x, self.d, 5, "feature")
        h = conv(h, self.s, 1, "shrink")
        for i in range(self.m):
            h = conv(h, self.s, 3, f"map_{i}")
        h = conv(h, self.d, 1, "expand")
        w = self.param("deconv_w", nn.initializers.normal(1e-3), (9, 9, self.d, 1))
        b = self.param("deconv_b", nn.initializers.zeros, (1,), jnp.float32)
        y = depth_to_space(conv2d(h, subpixel_kernel(w, self.scale)), self.scale) + b
        return jnp.clip(y, 0.0, 1.0), {}


def subpixel_kernel(w: jax.Array, scale: int) -> jax.Array:
    """The stride-``s`` 9 x 9 transposed conv as an LR conv + depth-to-space.

    ``HR[s Y + i] = sum_u LR[Y + u] w[i + 4 - s u]`` (per axis), so the deconv equals
    a ``(2U+1)^2`` "SAME" conv to ``s^2 C`` channels (phase ``(i, j)`` at channel
    ``(s i + j) C + c``, TF DCR order) followed by :func:`depth_to_space` with block
    ``s``. Exact; it skips the zeros a dilated-input deconv multiplies.
    ``w [9, 9, Cin, C]`` -> ``[2U+1, 2U+1, Cin, s^2 C]``, ``U = ceil((s + 3) / s)``.
    """
    w = jnp.asarray(w)  # loaded params may be numpy arrays
    k = w.shape[0]
    c = k // 2
    u_max = -(-(scale - 1 + c) // scale)
    us = jnp.arange(-u_max, u_max + 1)
    ph = jnp.arange(scale)
    idx = ph[None, :] + c - scale * us[:, None]  # [2U+1, s]
    valid = (idx >= 0) & (idx < k)
    idx = jnp.clip(idx, 0, k - 1)
    # kern[uy, ux, cin, i, j, cout] = w[idx[uy, i], idx[ux, j], cin, cout]
    kern = w[idx[:, None, :, None], idx[None, :, None, :]]  # [U', U', s, s, Cin, C]
    mask = (valid[:, None, :, None] & valid[None, :, None, :]).astype(w.dtype)
    kern = kern * mask[..., None, None]
    n = 2 * u_max + 1
    kern = kern.transpose(0, 1, 4, 2, 3, 5)  # [U', U', Cin, s, s, C]
    return kern.reshape(n, n, w.shape[2], scale * scale * w.shape[3])


def _prelu_init(mod: nn.Module, x: jax.Array, name: str) -> jax.Array:
    alpha = mod.param(name, nn.initializers.constant(0.25), (x.shape[-1],))
    return jnp.where(x >= 0, x, alpha * x)


SR_MODELS = tuple(f"sesr_{v.lower()}" for v in SESR_VARIANTS) + ("fsrcnn",)


def build_sr(name: str, scale: int, **kw: Any) -> nn.Module:
    """``"sesr_m5"``, ``"sesr_xl"``, ``"sesr_tiny"``, ``"fsrcnn"`` -> a Flax module."""
    if name == "fsrcnn":
        return FSRCNN(scale=scale)
    key = name.removeprefix("sesr_").upper() if name.startswith("sesr_") else None
    key = "tiny" if key == "TINY" else key
    if key not in SESR_VARIANTS:
        raise ValueError(f"unknown SR model {name!r}; choose from {SR_MODELS}")
    v = SESR_VARIANTS[key]
    return SESR(scale=scale, m=v.m, f=v.f, p=v.p, **kw)


# ---------------------------------------------------------------- cost counters


def _variant(v: str | SESRVariant) -> SESRVariant:
    if isinstance(v, SESRVariant):
        return v
    if v not in SESR_VARIANTS:
        raise ValueError(f"unknown SESR variant {v!r}; choose from {list(SESR_VARIANTS)}")
    return SESR_VARIANTS[v]


def sesr_weights(variant: str | SESRVariant, scale: int) -> int:
    """Collapsed weights ``25 f + 9 m f^2 + 25 f s^2`` (spec §2.1; excl. PReLU α)."""
    v = _variant(variant)
    return 25 * v.f + 9 * v.m * v.f**2 + 25 * v.f * scale**2


def sesr_expanded_weights(variant: str | SESRVariant, scale: int) -> int:
    """Bias-free expanded A + B weights (spec §4.3 last line)."""
    v = _variant(variant)
    first = 25 * 1 * v.p + v.p * v.f
    mid = v.m * (9 * v.f * v.p + v.p * v.f)
    last = 25 * v.f * v.p + v.p * scale**2
    return first + mid + last


def sesr_macs(variant: str | SESRVariant, scale: int, lr_hw: tuple[int, int]) -> int:
    """Collapsed inference MACs = weights x LR pixels (spec §4.3)."""
    return sesr_weights(variant, scale) * lr_hw[0] * lr_hw[1]


def sesr_train_macs(variant: str | SESRVariant, scale: int,
                    batch_shape: tuple[int, int, int], *, collapsed: bool) -> int:
    """Forward MACs of one training batch ``(N, H, W)`` (spec §2.3): collapsed =
    conv MACs + the Eq. C1 einsum, expanded = expanded weights x pixels."""
    n, h, w = batch_shape
    px = n * h * w
    if not collapsed:
        return sesr_expanded_weights(variant, scale) * px
    v = _variant(variant)
    einsum = (25 * v.p * v.f + v.m * 9 * v.f * v.p * v.f
              + 25 * v.f * v.p * scale**2)
    return sesr_weights(variant, scale) * px + einsum


def sesr_delta_trick_macs(variant: str | SESRVariant, scale: int) -> int:
    """MACs of collapsing by the delta trick (P1 Alg. 1-2) instead of the einsum."""
    v = _variant(variant)
    tot = 0
    for cin, cout, k in [(1, v.f, 5), *[(v.f, v.f, 3)] * v.m, (v.f, scale**2, 5)]:
        tot += cin * k * k * (k * k * cin * v.p) + cin * k * k * v.p * cout
    return tot


def fsrcnn_weights(d: int = 56, s: int = 12, m: int = 4) -> int:
    """FSRCNN weights (no biases / PReLU): 12,464 for (56, 12, 4) (spec §3.2)."""
    return 25 * d + d * s + m * 9 * s * s + s * d + 81 * d


def fsrcnn_macs(scale: int, lr_hw: tuple[int, int], d: int = 56, s: int = 12,
                m: int = 4) -> int:
    """MACs, deconv counted per HR pixel (P1/CARN convention, spec §3.2)."""
    lr_px = lr_hw[0] * lr_hw[1]
    return (fsrcnn_weights(d, s, m) - 81 * d) * lr_px + 81 * d * lr_px * scale**2


def bicubic_macs(lr_hw: tuple[int, int], scale: int, channels: int = 1) -> int:
    """Separable bicubic upscaling, 4 taps per axis, height first (spec §3.1)."""
    h, w = lr_hw
    return channels * 4 * (scale * h * w + scale * h * scale * w)


def param_count(tree: Any) -> int:
    """Number of scalars in a pytree (e.g. ``variables["params"]``)."""
    return int(sum(math.prod(x.shape) for x in jax.tree.leaves(tree)))
