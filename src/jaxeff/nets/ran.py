"""RAN-e networks (GT, C, all-MBConv) and the EfficientNet-Lite0 baseline.

"Restructurable Activation Networks" (Bhardwaj et al., arXiv 2208.08562), spec
``micronets_ran.md`` §B2 and §B5. EfficientNet-Lite: "EfficientNet: Rethinking Model
Scaling for CNNs" (Tan & Le, arXiv 1905.11946) without squeeze-excitation, with a
fixed 32-channel stem and 1280-channel head (the "Lite" variant).

RAN-e layout (spec §B2): stem 3x3 s2 16 ch (no BN, no act, no bias); ten stages
(``STAGES_*``: Cin, Cout, kernels, repeats, expansion t, stride, collapse flags);
head 1x1 -> 1344 + BN + act, depthwise 7x7 + BN + act, global average pool, dropout
0.2, FC. Block ``j`` of a stage is an :class:`~jaxeff.nets.ran_blocks.MBConv` when
its flag is 0 and a :class:`~jaxeff.nets.ran_blocks.CollapsibleBlock` when 1; the
128 -> 128 block is the two-conv "bottleneck" special case of either.

Widths scale by :func:`round_filters` (EfficientNet rounding, divisor 8). The
CIFAR-10 variant [Choice, spec §B5]: 32x32 input, stem stride 1, width 0.5. The
bottleneck special case is tied to the 128 -> 128 position of the base layout (the
official code tests ``Cin == 128`` after width scaling, which never fires at width
0.5) [Choice].

:func:`count_macs` counts multiply-accumulates of the traced network (every
``conv_general_dilated`` and ``dot_general`` in its jaxpr, nested jaxprs included),
so the published counts of §B5 are checked against the modules themselves.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from typing import Any

import flax.linen as nn
import jax
import jax.numpy as jnp
from jax.extend import core

from jaxeff.nets.ran_blocks import (
    ACTIVATIONS,
    BN_EPS,
    BN_MOMENTUM,
    CollapsedBlock,
    CollapsibleBlock,
    MBConv,
    export_collapsible,
)
from jaxeff.ops.depthwise import depthwise_impl, depthwise_macs

__all__ = [
    "LITE0_STAGES",
    "RAN_E_CONFIGS",
    "BlockPlan",
    "EfficientNetLite",
    "RANe",
    "StageSpec",
    "all_mbconv",
    "block_plan",
    "count_init",
    "count_macs",
    "count_params",
    "export_ran_e",
    "ran_e",
    "round_filters",
]


@dataclasses.dataclass(frozen=True, kw_only=True)
class StageSpec:
    """One stage: ``repeats`` blocks ``cin -> cout`` (then ``cout -> cout``), kernel
    per block, expansion ``t``, first-block ``stride``, collapse flag per block."""

    cin: int
    cout: int
    kernels: tuple[int, ...]
    t: int
    stride: int
    collapse: tuple[int, ...]

    def __post_init__(self):
        if len(self.kernels) != len(self.collapse):
            raise ValueError(f"kernels {self.kernels} and collapse {self.collapse} "
                             f"must have one entry per block")

    @property
    def repeats(self) -> int:
        return len(self.kernels)


def _stages(rows) -> tuple[StageSpec, ...]:
    out = []
    for cin, cout, k, t, s, col in rows:
        ks = tuple(k) if isinstance(k, list) else (k,) * len(col)
        out.append(StageSpec(cin=cin, cout=cout, kernels=ks, t=t, stride=s,
                             collapse=tuple(col)))
    return tuple(out)


# spec §B2 "Configs per stage" (Cin, Cout, k, t, stride, collapse flags)
_GT = [(16, 32, 3, 2, 1, [1]), (32, 48, 3, 2, 2, [1]), (48, 64, 3, 2, 2, [1]),
       (64, 80, 3, 2, 1, [1]), (80, 80, 5, 6, 2, [0, 0]), (80, 96, 3, 4, 1, [0, 0]),
       (96, 128, 3, 2, 1, [1, 1]), (128, 160, 7, 6, 2, [0]),
       (160, 176, 3, 4, 1, [0, 0, 0]), (176, 224, 5, 6, 1, [0, 0])]
_C = [(16, 32, 3, 6, 1, [1]), (32, 48, 3, 6, 2, [1]), (48, 64, 3, 6, 2, [0]),
      (64, 80, 3, 6, 1, [1]), (80, 80, [5, 3], 6, 2, [0, 1]),
      (80, 96, [5, 3], 4, 1, [0, 1]), (96, 128, 3, 6, 1, [0, 0]),
      (128, 160, 3, 6, 2, [1]), (160, 176, [7, 3, 3], 4, 1, [0, 0, 1]),
      (176, 224, [5, 5], 6, 1, [0, 0])]
RAN_E_CONFIGS: dict[str, tuple[StageSpec, ...]] = {"GT": _stages(_GT), "C": _stages(_C)}

# EfficientNet-Lite0 (t, Cout, repeats, stride, k); stem 32, head 1280.
_LITE0 = [(1, 16, 1, 1, 3), (6, 24, 2, 2, 3), (6, 40, 2, 2, 5), (6, 80, 3, 2, 3),
          (6, 112, 3, 1, 5), (6, 192, 4, 2, 5), (6, 320, 1, 1, 3)]
LITE0_STAGES: tuple[StageSpec, ...] = tuple(
    StageSpec(cin=cin, cout=c, kernels=(k,) * n, t=t, stride=s, collapse=(0,) * n)
    for cin, (t, c, n, s, k) in zip([32, 16, 24, 40, 80, 112, 192], _LITE0, strict=True))


@dataclasses.dataclass(frozen=True, kw_only=True)
class BlockPlan:
    """One block of a layout after width scaling: ``kind`` "mbconv" or "collapsed",
    ``cin -> cout``, depthwise ``kernel``, expanded width ``t cin``, ``stride``,
    ``bottleneck`` (the 128 -> 128 special case of the base layout)."""

    kind: str
    cin: int
    cout: int
    kernel: int
    t: int
    stride: int
    bottleneck: bool

    @property
    def residual(self) -> bool:
        return self.stride == 1 and self.cin == self.cout


def block_plan(stages: Sequence[StageSpec], width: float = 1.0,
               special_128: bool = True) -> tuple[BlockPlan, ...]:
    """The blocks of a layout, in order (shared by the Flax modules and the TFLite
    graphs of :mod:`jaxeff.nets.ran_vela`)."""
    out = []
    for st in stages:
        for j, (k, col) in enumerate(zip(st.kernels, st.collapse, strict=True)):
            cin, s = (st.cin, st.stride) if j == 0 else (st.cout, 1)
            out.append(BlockPlan(
                kind="collapsed" if col else "mbconv", cin=round_filters(cin, width),
                cout=round_filters(st.cout, width), kernel=k, t=st.t, stride=s,
                bottleneck=special_128 and cin == 128 and st.cout == 128 and s == 1))
    return tuple(out)


def all_mbconv(stages: Sequence[StageSpec]) -> tuple[StageSpec, ...]:
    """The same layout with every collapse flag 0 (the all-MBConv reference)."""
    return tuple(dataclasses.replace(s, collapse=(0,) * s.repeats) for s in stages)


def round_filters(filters: int, width: float, divisor: int = 8) -> int:
    """EfficientNet width rounding (arXiv 1905.11946 code): nearest multiple of
    ``divisor``, at least ``divisor``, never more than 10 % below ``filters w``."""
    if width == 1.0:
        return filters
    f = filters * width
    new = max(divisor, int(f + divisor / 2) // divisor * divisor)
    return int(new + divisor if new < 0.9 * f else new)


def _check_images(x: Any, who: str) -> None:
    shape = getattr(x, "shape", None)
    if shape is None or len(shape) != 4 or shape[-1] != 3:
        raise ValueError(f"{who}: argument x must be RGB images [N, H, W, 3], got "
                         f"shape {None if shape is None else tuple(shape)}")
    if not jnp.issubdtype(x.dtype, jnp.floating):
        raise TypeError(f"{who}: argument x must be floating, got dtype {x.dtype}")


class RANe(nn.Module):
    """RAN-e classifier ``[N, H, W, 3] -> (logits [N, classes], aux)`` (spec §B2).

    ``expand``: width ``p`` of the expanded (training) form of every collapsible conv
    (None: train the 3x3 directly, as the official code); ``collapsed``: re-collapse
    each step; ``skip``: see :class:`~jaxeff.nets.ran_blocks.CollapsibleBlock`.
    ``aux["blocks"]``: every block's output.
    """

    stages: tuple[StageSpec, ...]
    num_classes: int = 1000
    width: float = 1.0
    stem_stride: int = 2
    stem: int = 16
    head: int = 1344
    act: str = "hswish"
    dropout: float = 0.2
    expand: int | None = None
    collapsed: bool = True
    skip: str = "input"
    inference: bool = False  # collapsed positions as CollapsedBlock (export_ran_e)
    depthwise: str = "shifted"  # dw conv lowering: "shifted" | "lax" (ops.depthwise)
    bn_momentum: float = BN_MOMENTUM  # spec 0.99; short CIFAR runs use 0.9 [Choice]

    @nn.compact
    def __call__(self, x: jax.Array, train: bool = False) -> tuple[jax.Array, Any]:
        _check_images(x, "RANe")
        act, rf = ACTIVATIONS[self.act], (lambda c: round_filters(c, self.width))
        x = nn.Conv(rf(self.stem), (3, 3), (self.stem_stride,) * 2, padding="SAME",
                    use_bias=False, name="stem")(x)
        outs = []
        for b, p in enumerate(block_plan(self.stages, self.width)):
            if p.kind == "collapsed" and self.inference:
                x = CollapsedBlock(p.cout, p.stride, act=self.act,
                                   add_input=p.residual and self.skip == "input",
                                   bottleneck=p.bottleneck, name=f"block_{b}")(x)
                outs.append(x)
                continue
            if p.kind == "collapsed":
                blk = CollapsibleBlock(p.cout, p.stride, act=self.act,
                                       expand=self.expand, collapsed=self.collapsed,
                                       skip=self.skip, bottleneck=p.bottleneck,
                                       bn_momentum=self.bn_momentum,
                                       name=f"block_{b}")
            else:
                blk = MBConv(p.cout, p.kernel, p.stride, p.t, act=self.act,
                             bottleneck=p.bottleneck, depthwise=self.depthwise,
                             bn_momentum=self.bn_momentum, name=f"block_{b}")
            x = blk(x, train)
            outs.append(x)
        bn = {"use_running_average": not train, "momentum": self.bn_momentum,
              "epsilon": BN_EPS}
        x = nn.Conv(rf(self.head), (1, 1), use_bias=False, name="head_conv")(x)
        x = act(nn.BatchNorm(name="head_bn", **bn)(x))
        x = nn.Conv(x.shape[-1], (7, 7), padding="SAME", feature_group_count=x.shape[-1],
                    use_bias=False, name="head_dw",
                    conv_general_dilated=depthwise_impl(self.depthwise))(x)
        x = act(nn.BatchNorm(name="head_dw_bn", **bn)(x))
        x = nn.Dropout(self.dropout, deterministic=not train)(jnp.mean(x, axis=(1, 2)))
        return nn.Dense(self.num_classes, name="fc")(x), {"blocks": tuple(outs)}


class EfficientNetLite(nn.Module):
    """EfficientNet-Lite0 ``[N, H, W, 3] -> (logits, aux)`` (arXiv 1905.11946, no SE):
    stem 3x3 s2 32 + BN + act, MBConv stages, 1x1 -> 1280 + BN + act, GAP, dropout,
    FC; ``width`` scales stem and head too. ``act`` "relu6" (Lite) or "hswish" (the
    RAN paper's second baseline)."""

    stages: tuple[StageSpec, ...] = LITE0_STAGES
    num_classes: int = 1000
    width: float = 1.0
    stem_stride: int = 2
    stem: int = 32
    head: int = 1280
    act: str = "relu6"
    dropout: float = 0.2
    depthwise: str = "shifted"  # dw conv lowering: "shifted" | "lax" (ops.depthwise)
    bn_momentum: float = BN_MOMENTUM  # spec 0.99; short CIFAR runs use 0.9 [Choice]

    @nn.compact
    def __call__(self, x: jax.Array, train: bool = False) -> tuple[jax.Array, Any]:
        _check_images(x, "EfficientNetLite")
        act, rf = ACTIVATIONS[self.act], (lambda c: round_filters(c, self.width))
        bn = {"use_running_average": not train, "momentum": self.bn_momentum,
              "epsilon": BN_EPS}
        x = nn.Conv(rf(self.stem), (3, 3),
                    (self.stem_stride,) * 2, padding="SAME", use_bias=False,
                    name="stem")(x)
        x = act(nn.BatchNorm(name="stem_bn", **bn)(x))
        outs = []
        for b, p in enumerate(block_plan(self.stages, self.width, special_128=False)):
            x = MBConv(p.cout, p.kernel, p.stride, p.t, act=self.act,
                       depthwise=self.depthwise, bn_momentum=self.bn_momentum,
                       name=f"block_{b}")(x, train)
            outs.append(x)
        x = nn.Conv(rf(self.head), (1, 1), use_bias=False, name="head_conv")(x)
        x = act(nn.BatchNorm(name="head_bn", **bn)(x))
        x = nn.Dropout(self.dropout, deterministic=not train)(jnp.mean(x, axis=(1, 2)))
        return nn.Dense(self.num_classes, name="fc")(x), {"blocks": tuple(outs)}


def export_ran_e(model: RANe, variables: Any) -> tuple[RANe, dict[str, Any]]:
    """Inference RAN-e: every collapsible block collapsed once (BN folded, folded
    skips in the centre tap; :func:`~jaxeff.nets.ran_blocks.export_collapsible`),
    everything else unchanged. Returns ``(module, variables)``."""
    params = dict(variables["params"])
    stats = dict(variables.get("batch_stats", {}))
    for b, p in enumerate(block_plan(model.stages, model.width)):
        if p.kind != "collapsed":
            continue
        name = f"block_{b}"
        blk = CollapsibleBlock(p.cout, p.stride, act=model.act, expand=model.expand,
                               skip=model.skip, bottleneck=p.bottleneck)
        _, iv = export_collapsible(
            blk, {"params": params[name], "batch_stats": stats.pop(name)}, p.cin)
        params[name] = iv["params"]
    return model.clone(inference=True), {"params": params, "batch_stats": stats}


def ran_e(name: str, *, cifar: bool = False, **kw: Any) -> nn.Module:
    """``"GT"``, ``"C"``, ``"mbconv"`` (RAN-e layout, no collapse; C's k and t),
    ``"lite0"`` -> a module; ``cifar=True``: 10 classes, stem stride 1, width 0.5."""
    if cifar:
        kw = {"num_classes": 10, "stem_stride": 1, "width": 0.5, **kw}
    if name == "lite0":
        return EfficientNetLite(**kw)
    if name == "mbconv":
        return RANe(all_mbconv(RAN_E_CONFIGS["C"]), **kw)
    if name not in RAN_E_CONFIGS:
        raise ValueError(f"unknown RAN-e network {name!r}; choose from "
                         f"{[*RAN_E_CONFIGS, 'mbconv', 'lite0']}")
    return RANe(RAN_E_CONFIGS[name], **kw)


# ------------------------------------------------------------------ cost counters


def _eqn_macs(eqn: core.JaxprEqn) -> int:
    dw = depthwise_macs(eqn)  # the shifted depthwise conv of jaxeff.ops.depthwise
    if dw is not None:
        return dw
    name = eqn.primitive.name
    if name == "conv_general_dilated":
        out = eqn.outvars[0].aval.shape
        rhs = eqn.invars[1].aval.shape
        dn = eqn.params["dimension_numbers"]
        # rhs_spec = (out feature dim, in feature dim, *spatial)
        _o_dim, i_dim, *sp = dn.rhs_spec
        per_out = rhs[i_dim] * math.prod(rhs[d] for d in sp)
        return math.prod(out) * per_out
    if name == "dot_general":
        (lc, _), _ = eqn.params["dimension_numbers"]
        lhs = eqn.invars[0].aval.shape
        return math.prod(eqn.outvars[0].aval.shape) * math.prod(lhs[d] for d in lc)
    return 0


def _jaxpr_macs(jaxpr: core.Jaxpr) -> int:
    tot = 0
    for eqn in jaxpr.eqns:
        tot += _eqn_macs(eqn)
        if depthwise_macs(eqn) is not None:
            continue  # counted as one depthwise conv, not as its multiply-adds
        for v in eqn.params.values():
            for sub in (v if isinstance(v, list | tuple) else (v,)):
                if isinstance(sub, core.ClosedJaxpr):
                    tot += _jaxpr_macs(sub.jaxpr)
                elif isinstance(sub, core.Jaxpr):
                    tot += _jaxpr_macs(sub)
    return tot


def count_macs(fn: Callable[..., Any], *args: Any) -> int:
    """Multiply-accumulates of ``fn(*args)``: every conv (``N Ho Wo Cout k k Cin /
    groups``; the shifted depthwise conv of :mod:`jaxeff.ops.depthwise` as
    ``N Ho Wo C k k``) and matmul in its jaxpr. BN, activations, pooling and adds are not
    counted (the convention of spec §B5)."""
    return _jaxpr_macs(jax.make_jaxpr(fn)(*args).jaxpr)


def count_init(module: nn.Module, x: jax.Array, key: jax.Array | None = None
               ) -> tuple[int, int]:
    """``(MACs, params)`` of ``module`` on input ``x`` from one trace of
    ``module.init``: init runs the forward pass once, and initializers add no convs
    or matmuls, so the MACs equal :func:`count_macs` of ``module.apply`` (pinned in
    tests) at about half the tracing cost (no separate ``eval_shape``)."""
    key = jax.random.key(0) if key is None else key
    jaxpr, shapes = jax.make_jaxpr(module.init, return_shape=True)(key, x)
    return _jaxpr_macs(jaxpr.jaxpr), count_params(shapes["params"])


def count_params(tree: Any) -> int:
    """Number of scalars in a pytree (e.g. ``variables["params"]``: BN gamma and beta
    count, running statistics do not)."""
    return int(sum(math.prod(x.shape) for x in jax.tree.leaves(tree)))
