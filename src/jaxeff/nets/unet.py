"""A small class-conditional UNet for flow matching / diffusion on 32x32 images.

The denoiser of "Denoising Diffusion Probabilistic Models" (Ho et al., arXiv
2006.11239, appendix B: GroupNorm + SiLU ResBlocks with an added time embedding,
self-attention at the lowest resolution, skip connections by concatenation) at
a size that trains on a CPU, used as the stand-in for Stable Diffusion's UNet in
the Winograd study ("Data-Free Group-Wise Fully Quantized Winograd Convolution
via Learnable Scales", Pan et al., arXiv 2412.19867, spec ``winograd.md`` §4/§6).
Like SD's UNet it has both Winograd-eligible convs (3x3 stride 1: ``conv_in``, two
per ResBlock, the conv after each nearest x2 upsample, ``conv_out``) and ineligible
ones (stride-2 3x3 downsamplers, 1x1 skip convs, the 1x1 attention projections:
DDPM's attention uses 1x1 "NIN" layers for q, k, v and the output).

``conv`` and ``dense`` are layer factories (``nn.Conv`` / ``nn.Dense`` by default;
quantized or Winograd convs by injection, DESIGN.md convention 4): the net knows
nothing about quantization or Winograd. Inputs: ``x [B, H, W, C]`` float32 (H, W
divisible by ``2^(levels-1)``), ``t [B]`` float32 in [0, 1] (flow time), ``y [B]``
int32 class labels. Returns ``(v [B, H, W, C], aux)`` with ``aux["emb"]`` the
conditioning embedding.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import flax.linen as nn
import jax
import jax.numpy as jnp

__all__ = ["UNET_VARIANTS", "UNet", "timestep_embedding", "unet"]

Factory = Callable[..., nn.Module]


def timestep_embedding(t: jax.Array, dim: int, max_period: float = 10_000.0
                       ) -> jax.Array:
    """Sinusoidal embedding ``[B, dim]`` of ``t [B]`` (Vaswani et al., arXiv
    1706.03762 §3.5; DDPM's time embedding). ``t`` in [0, 1] is scaled by 1000 so
    the frequencies match a 1000-step diffusion schedule."""
    if dim % 2:
        raise ValueError(f"timestep_embedding needs an even dim, got {dim}")
    half = dim // 2
    freqs = jnp.exp(-math.log(max_period) * jnp.arange(half, dtype=jnp.float32) / half)
    args = 1000.0 * jnp.asarray(t, jnp.float32)[:, None] * freqs[None]
    return jnp.concatenate([jnp.cos(args), jnp.sin(args)], axis=-1)


def _groups(c: int, want: int) -> int:
    return math.gcd(c, want)


class ResBlock(nn.Module):
    """GN -> SiLU -> 3x3 conv -> + dense(emb) -> GN -> SiLU -> 3x3 conv, + skip
    (1x1 conv when the channel count changes)."""

    features: int
    groups: int = 8
    conv: Factory = nn.Conv
    dense: Factory = nn.Dense

    @nn.compact
    def __call__(self, x: jax.Array, emb: jax.Array) -> jax.Array:
        h = nn.silu(nn.GroupNorm(_groups(x.shape[-1], self.groups), name="norm1")(x))
        h = self.conv(self.features, (3, 3), padding="SAME", name="conv1")(h)
        h = h + self.dense(self.features, name="emb_proj")(nn.silu(emb))[:, None, None]
        h = nn.silu(nn.GroupNorm(_groups(self.features, self.groups), name="norm2")(h))
        h = self.conv(self.features, (3, 3), padding="SAME", name="conv2")(h)
        if x.shape[-1] != self.features:
            x = self.conv(self.features, (1, 1), padding="VALID", name="skip")(x)
        return x + h


class AttnBlock(nn.Module):
    """Single-head self-attention over the ``H*W`` positions with 1x1 conv
    projections (DDPM's AttnBlock): GN -> qkv -> softmax(q k^T / sqrt(C)) v -> proj,
    + residual."""

    groups: int = 8
    conv: Factory = nn.Conv

    @nn.compact
    def __call__(self, x: jax.Array) -> jax.Array:
        b, hh, ww, c = x.shape
        h = nn.GroupNorm(_groups(c, self.groups), name="norm")(x)
        qkv = self.conv(3 * c, (1, 1), padding="VALID", name="qkv")(h)
        q, k, v = jnp.split(qkv.reshape(b, hh * ww, 3 * c), 3, axis=-1)
        w = jax.nn.softmax(jnp.einsum("bqc,bkc->bqk", q, k) / math.sqrt(c), axis=-1)
        h = jnp.einsum("bqk,bkc->bqc", w, v).reshape(b, hh, ww, c)
        return x + self.conv(c, (1, 1), padding="VALID", name="proj")(h)


class UNet(nn.Module):
    """Class-conditional UNet: ``(x [B,H,W,C], t [B], y [B]) -> (v, aux)``.

    Attributes:
      num_classes: class labels ``0..num_classes-1`` (embedded, added to the time
        embedding).
      channels: width per resolution level (the first is full resolution).
      num_res_blocks: ResBlocks per level on the way down and on the way up.
      groups: GroupNorm groups (clipped to a divisor of the width).
      conv, dense: layer factories (injection points).
    """

    num_classes: int = 10
    channels: Sequence[int] = (32, 64, 128)
    num_res_blocks: int = 2
    groups: int = 8
    conv: Factory = nn.Conv
    dense: Factory = nn.Dense

    @nn.compact
    def __call__(self, x: jax.Array, t: jax.Array, y: jax.Array
                 ) -> tuple[jax.Array, dict[str, Any]]:
        if x.ndim != 4:
            raise ValueError(f"UNet expects x [B, H, W, C], got shape {x.shape}")
        b = x.shape[0]
        down = 2 ** (len(self.channels) - 1)
        if x.shape[1] % down or x.shape[2] % down:
            raise ValueError(f"UNet with {len(self.channels)} levels needs H, W "
                             f"divisible by {down}, got {x.shape[1:3]}")
        if jnp.shape(t) != (b,) or jnp.shape(y) != (b,):
            raise ValueError(f"UNet expects t and y of shape ({b},), got "
                             f"{jnp.shape(t)} and {jnp.shape(y)}")
        c0 = self.channels[0]
        emb = timestep_embedding(t, c0)
        emb = self.dense(4 * c0, name="time_fc1")(emb)
        emb = self.dense(4 * c0, name="time_fc2")(nn.silu(emb))
        emb = emb + nn.Embed(self.num_classes, 4 * c0, name="class_emb")(y)
        res = partial(ResBlock, groups=self.groups, conv=self.conv, dense=self.dense)
        attn = partial(AttnBlock, groups=self.groups, conv=self.conv)
        last = len(self.channels) - 1
        h = self.conv(c0, (3, 3), padding="SAME", name="conv_in")(x)
        skips = [h]
        for i, c in enumerate(self.channels):
            for j in range(self.num_res_blocks):
                h = res(c, name=f"down_{i}_res_{j}")(h, emb)
                if i == last:
                    h = attn(name=f"down_{i}_attn_{j}")(h)
                skips.append(h)
            if i < last:
                h = self.conv(c, (3, 3), (2, 2), padding=((1, 1), (1, 1)),
                              name=f"down_{i}_downsample")(h)
                skips.append(h)
        h = res(self.channels[-1], name="mid_res_0")(h, emb)
        h = attn(name="mid_attn")(h)
        h = res(self.channels[-1], name="mid_res_1")(h, emb)
        for i in reversed(range(len(self.channels))):
            c = self.channels[i]
            for j in range(self.num_res_blocks + 1):
                h = jnp.concatenate([h, skips.pop()], axis=-1)
                h = res(c, name=f"up_{i}_res_{j}")(h, emb)
                if i == last:
                    h = attn(name=f"up_{i}_attn_{j}")(h)
            if i > 0:
                bb, hh, ww, cc = h.shape
                h = jax.image.resize(h, (bb, 2 * hh, 2 * ww, cc), "nearest")
                h = self.conv(c, (3, 3), padding="SAME", name=f"up_{i}_upsample")(h)
        h = nn.silu(nn.GroupNorm(_groups(c0, self.groups), name="norm_out")(h))
        v = self.conv(x.shape[-1], (3, 3), padding="SAME", name="conv_out")(h)
        return v, {"emb": emb}


UNET_VARIANTS: dict[str, dict[str, Any]] = {
    # the size (a GPU preset on this CPU)
    "base": {"channels": (32, 64, 128), "num_res_blocks": 2},
    # the CPU default: the same layout at half width
    "small": {"channels": (16, 32, 64), "num_res_blocks": 2},
    # the smallest that still has every layer kind (fits ~35 min on a shared core)
    "cpu": {"channels": (16, 32, 64), "num_res_blocks": 1},
    # tests and --smoke
    "tiny": {"channels": (8, 16), "num_res_blocks": 1, "groups": 4},
}


def unet(variant: str = "small", num_classes: int = 10, **kw: Any) -> UNet:
    """A :class:`UNet` of a named size in :data:`UNET_VARIANTS`."""
    if variant not in UNET_VARIANTS:
        raise ValueError(f"unknown UNet variant {variant!r}; choose from "
                         f"{sorted(UNET_VARIANTS)}")
    return UNet(num_classes=num_classes, **{**UNET_VARIANTS[variant], **kw})
