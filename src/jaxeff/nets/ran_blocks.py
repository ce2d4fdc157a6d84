"""RAN-e building blocks: MBConv and the collapsible linear block.

"Restructurable Activation Networks" (Bhardwaj et al., arXiv 2208.08562), spec
``micronets_ran.md`` §B2 (official code ``ARM-software/ML-restructurable-activation-
networks`` ``RAN_e/model/blocks/``, read to understand, not copied).

* :class:`MBConv` (inverted residual, no SE): 1x1 expand to ``t Cin`` + BN + act,
  depthwise ``k x k`` (stride) + BN + act, 1x1 project + BN; ``+ x`` if stride 1 and
  ``Cin == Cout``. ``bottleneck=True`` is the RAN-e 128 -> 128 special case: two
  inverted residuals with t = 6, the first projecting to ``Cout / 2``.
* :class:`CollapsibleBlock` (the RAN-e "CollapsedBlock"): ``BN -> act -> conv3x3
  (stride) -> BN (+ skip)``; ``bottleneck=True``: ``3x3 Cin -> Cout/2, BN, act,
  3x3 -> Cout, BN``. Each 3x3 conv is a collapsible linear block
  (:class:`CollapsibleConv`): with ``expand=p`` it is trained in its expanded form
  ``kxk Cin -> p`` then ``1x1 p -> Cout`` (SESR, arXiv 2103.09404), and
  ``collapsed=True`` re-collapses every step (Eq. C1 of :mod:`jaxeff.ops.collapse`,
  gradients reach both factors through the einsum). ``expand=None`` trains the 3x3
  directly, as the RAN-e code does.

Inference export (:func:`export_collapsible`) folds the trailing BN into the kernel
(``K' = K gamma / sigma``, ``c' = (0 - mu) gamma / sigma + beta``, spec §B2) and,
for ``skip="folded"``, the short residual into the centre tap (``+ delta_io``,
Eq. C1). The official block adds the *block input* (before its leading BN and act)
after the last BN (``skip="input"``): that skip does not see the conv's input, so it
cannot be folded and stays one ADD; ``skip="folded"`` is our variant (a residual
around the linear block, over the activated input) that folds exactly [Choice].
"""

from __future__ import annotations

from typing import Any

import flax.linen as nn
import jax
import jax.numpy as jnp
from jax import lax

from jaxeff.ops.collapse import collapse_block, residual_kernel
from jaxeff.ops.depthwise import depthwise_impl

__all__ = [
    "ACTIVATIONS",
    "CollapsedBlock",
    "CollapsibleBlock",
    "CollapsibleConv",
    "MBConv",
    "conv_nhwc",
    "export_collapsible",
    "fold_bn",
]

ACTIVATIONS = {
    "hswish": jax.nn.hard_swish,
    "relu6": jax.nn.relu6,
    "relu": jax.nn.relu,
}
SKIPS = ("input", "folded")
BN_MOMENTUM, BN_EPS = 0.99, 1e-3  # spec §B2 (Keras momentum == Flax momentum)


def _act(name: str):
    if name not in ACTIVATIONS:
        raise ValueError(f"act must be one of {sorted(ACTIVATIONS)}, got {name!r}")
    return ACTIVATIONS[name]


def _check_stride(strides: int) -> int:
    if strides not in (1, 2):
        raise ValueError(f"strides must be 1 or 2, got {strides!r}")
    return strides


def conv_nhwc(x: jax.Array, kernel: jax.Array, strides: int = 1,
              bias: jax.Array | None = None, groups: int = 1) -> jax.Array:
    """"SAME" NHWC conv, ``kernel [k, k, Cin/groups, Cout]`` (HWIO), TF padding."""
    y = lax.conv_general_dilated(
        x, kernel.astype(x.dtype), (strides, strides), "SAME",
        dimension_numbers=("NHWC", "HWIO", "NHWC"), feature_group_count=groups,
        precision=lax.Precision.HIGHEST)
    return y if bias is None else y + bias.astype(y.dtype)


def _bn(train: bool, name: str, momentum: float = BN_MOMENTUM) -> nn.BatchNorm:
    return nn.BatchNorm(use_running_average=not train, momentum=momentum,
                        epsilon=BN_EPS, name=name)


class MBConv(nn.Module):
    """Inverted residual ``[N, H, W, Cin] -> [N, H/s, W/s, features]`` (spec §B2).

    ``depthwise``: ``"shifted"`` (default, fast on CPU) or ``"lax"`` (grouped conv);
    same parameters and, up to float rounding, the same outputs."""

    features: int
    kernel: int = 3
    strides: int = 1
    expand_ratio: int = 6
    act: str = "hswish"
    bottleneck: bool = False
    depthwise: str = "shifted"  # lowering of the dw conv (jaxeff.ops.depthwise)
    bn_momentum: float = BN_MOMENTUM

    def _ibn(self, x, cout, e, strides, train, tag):
        act, h = _act(self.act), x
        if e != x.shape[-1]:
            h = nn.Conv(e, (1, 1), use_bias=False, name=f"expand{tag}")(h)
            h = act(_bn(train, f"expand{tag}_bn", self.bn_momentum)(h))
        h = nn.Conv(e, (self.kernel, self.kernel), (strides, strides), padding="SAME",
                    feature_group_count=e, use_bias=False, name=f"dw{tag}",
                    conv_general_dilated=depthwise_impl(self.depthwise))(h)
        h = act(_bn(train, f"dw{tag}_bn", self.bn_momentum)(h))
        h = nn.Conv(cout, (1, 1), use_bias=False, name=f"project{tag}")(h)
        return _bn(train, f"project{tag}_bn", self.bn_momentum)(h)

    @nn.compact
    def __call__(self, x: jax.Array, train: bool = False) -> jax.Array:
        s = _check_stride(self.strides)
        cin = x.shape[-1]
        if self.bottleneck:
            if self.features % 2:
                raise ValueError(f"bottleneck needs even features, got {self.features}")
            # official: expand 6 Cin -> Cout/2, then expand 6 max(Cout/2, Cout)
            y = self._ibn(x, self.features // 2, 6 * cin, s, train, "")
            y = self._ibn(y, self.features, 6 * self.features, 1, train, "2")
        else:
            y = self._ibn(x, self.features, self.expand_ratio * cin, s, train, "")
        return y + x if s == 1 and cin == self.features else y


class CollapsibleConv(nn.Module):
    """Bias-free ``k x k`` conv, optionally trained as a linear block (spec §B2).

    ``expand=None``: one kernel ``[k, k, Cin, features]``. ``expand=p``: factors
    ``A [k, k, Cin, p]`` and ``B [p, features]``; ``collapsed=True`` runs
    ``conv(x, A B)`` (train-time collapse, Eq. C1), ``False`` the two convs.
    ``residual_tap=True`` adds ``delta_io`` at the centre tap (stride 1, Cin = Cout).
    """

    features: int
    kernel: int = 3
    strides: int = 1
    expand: int | None = None
    collapsed: bool = True
    residual_tap: bool = False

    @nn.compact
    def __call__(self, x: jax.Array) -> jax.Array:
        s, k, cin = _check_stride(self.strides), self.kernel, x.shape[-1]
        init = nn.initializers.he_normal()
        if self.residual_tap and (s != 1 or cin != self.features):
            raise ValueError(f"residual_tap needs stride 1 and Cin == Cout, got stride "
                             f"{s}, {cin} -> {self.features}")
        if self.expand is None:
            w = self.param("kernel", init, (k, k, cin, self.features), jnp.float32)
            if self.residual_tap:
                w = w + residual_kernel(k, cin, w.dtype)
            return conv_nhwc(x, w, s)
        a = self.param("expand", init, (k, k, cin, self.expand), jnp.float32)
        b = self.param("project", init, (self.expand, self.features), jnp.float32)
        if self.collapsed:
            return conv_nhwc(x, collapse_block(a, b, residual=self.residual_tap), s)
        y = conv_nhwc(conv_nhwc(x, a, s), b[None, None])
        return y + x if self.residual_tap else y


def collapsible_kernel(params: Any, residual: bool = False) -> jax.Array:
    """Collapsed ``[k, k, Cin, Cout]`` kernel of :class:`CollapsibleConv` params."""
    if "kernel" in params:
        w = jnp.asarray(params["kernel"])
        return w + residual_kernel(w.shape[0], w.shape[2], w.dtype) if residual else w
    return collapse_block(params["expand"], params["project"], residual=residual)


class CollapsibleBlock(nn.Module):
    """RAN-e collapsed block ``BN -> act -> 3x3 -> BN (+ skip)`` (spec §B2).

    ``skip``: ``"input"`` (official: add the block input when stride 1 and
    ``Cin == features``) or ``"folded"`` (add the activated input; folds into the
    centre tap at export). ``bottleneck``: the 128 -> 128 two-conv special case.
    """

    features: int
    strides: int = 1
    kernel: int = 3
    act: str = "hswish"
    expand: int | None = None
    collapsed: bool = True
    skip: str = "input"
    bottleneck: bool = False
    bn_momentum: float = BN_MOMENTUM

    @nn.compact
    def __call__(self, x: jax.Array, train: bool = False) -> jax.Array:
        if self.skip not in SKIPS:
            raise ValueError(f"skip must be one of {SKIPS}, got {self.skip!r}")
        s, act, cin = _check_stride(self.strides), _act(self.act), x.shape[-1]
        residual = s == 1 and cin == self.features
        if self.skip == "folded" and self.bottleneck and residual:
            raise ValueError("skip='folded' cannot fold a residual around the "
                             "two-conv bottleneck (an activation sits between)")
        cc = {"kernel": self.kernel, "strides": s, "expand": self.expand,
                  "collapsed": self.collapsed}
        h = act(_bn(train, "pre_bn", self.bn_momentum)(x))
        if self.bottleneck:
            y = CollapsibleConv(self.features // 2, name="conv1", **cc)(h)
            y = act(_bn(train, "bn1", self.bn_momentum)(y))
            y = CollapsibleConv(self.features, name="conv2", **{**cc, "strides": 1})(y)
            y = _bn(train, "bn2", self.bn_momentum)(y)
        else:
            y = CollapsibleConv(self.features, name="conv1", **cc)(h)
            y = _bn(train, "bn1", self.bn_momentum)(y)
        if not residual:
            return y
        return y + (x if self.skip == "input" else h)


def fold_bn(kernel: jax.Array, bn_params: Any, bn_stats: Any,
            bias: jax.Array | None = None, eps: float = BN_EPS
            ) -> tuple[jax.Array, jax.Array]:
    """Fold an inference BN after a conv: ``W gamma/sigma``, ``(b - mu) gamma/sigma +
    beta`` with ``sigma = sqrt(var + eps)`` (spec §B2). ``kernel [..., Cout]``."""
    g = bn_params["scale"] / jnp.sqrt(bn_stats["var"] + eps)
    b = jnp.zeros_like(g) if bias is None else bias
    return kernel * g, (b - bn_stats["mean"]) * g + bn_params["bias"]


class CollapsedBlock(nn.Module):
    """Inference form of :class:`CollapsibleBlock`: ``act(x s + t)`` then one (or,
    bottleneck, two) biased ``3x3`` conv(s) with BN folded (+ ``x`` for skip
    "input"); variables from :func:`export_collapsible`."""

    features: int
    strides: int = 1
    kernel: int = 3
    act: str = "hswish"
    add_input: bool = False
    bottleneck: bool = False

    @nn.compact
    def __call__(self, x: jax.Array) -> jax.Array:
        act, cin, k = _act(self.act), x.shape[-1], self.kernel
        z = nn.initializers.zeros
        h = act(x * self.param("pre_scale", z, (cin,)) + self.param("pre_shift", z,
                                                                      (cin,)))
        mid = self.features // 2 if self.bottleneck else self.features
        y = conv_nhwc(h, self.param("kernel1", z, (k, k, cin, mid)), self.strides,
                      self.param("bias1", z, (mid,)))
        if self.bottleneck:
            y = conv_nhwc(act(y), self.param("kernel2", z, (k, k, mid, self.features)),
                          1, self.param("bias2", z, (self.features,)))
        return y + x if self.add_input else y


def export_collapsible(block: CollapsibleBlock, variables: Any, cin: int
                       ) -> tuple[CollapsedBlock, dict[str, Any]]:
    """Collapse a trained :class:`CollapsibleBlock` once: BN folded into the kernels,
    ``skip="folded"`` residual folded into the centre tap (Eq. C1); the leading BN
    becomes a per-channel affine before the activation. ``cin``: input channels."""
    p, st = variables["params"], variables["batch_stats"]
    residual = block.strides == 1 and cin == block.features
    g = p["pre_bn"]["scale"] / jnp.sqrt(st["pre_bn"]["var"] + BN_EPS)
    out = {"pre_scale": g, "pre_shift": p["pre_bn"]["bias"] - st["pre_bn"]["mean"] * g}
    if block.bottleneck:
        for i in (1, 2):
            out[f"kernel{i}"], out[f"bias{i}"] = fold_bn(
                collapsible_kernel(p[f"conv{i}"]), p[f"bn{i}"], st[f"bn{i}"])
    else:
        k, c = fold_bn(collapsible_kernel(p["conv1"]), p["bn1"], st["bn1"])
        if residual and block.skip == "folded":
            k = k + residual_kernel(k.shape[0], cin, k.dtype)
        out["kernel1"], out["bias1"] = k, c
    inf = CollapsedBlock(features=block.features, strides=block.strides,
                         kernel=block.kernel, act=block.act,
                         add_input=residual and block.skip == "input",
                         bottleneck=block.bottleneck)
    return inf, {"params": out}
