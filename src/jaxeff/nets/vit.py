"""Vision Transformer / DeiT with every FQ-ViT quantization point injectable.

"An Image is Worth 16x16 Words" (arXiv 2010.11929), DeiT (arXiv 2012.12877);
quantization points after "FQ-ViT: Post-Training Quantization for Fully Quantized
Vision Transformer" (arXiv 2111.13824), as used by Evol-Q (arXiv 2308.10814).

Pre-LN encoder: ``x = x + proj(attn(LN1 x)); x = x + fc2(gelu(fc1(LN2 x)))``.
Quantization points (``ActQuant`` names, all off unless a rule enables them):

* model: ``input`` (DeiT only), ``patch_embed`` (conv weight), ``patch_out``,
  ``pos_embed_q``, ``embed_sum`` (a LayerNorm input: PTF);
* per block ``blocks_i/``: ``ln1_out``, ``attn/qkv`` (weight), ``attn/qkv_out``,
  ``attn/attn_logits`` (q k^T d^-1/2), ``attn/attn_probs`` (softmax output),
  ``attn/attn_v``, ``attn/proj`` (weight), ``attn/proj_out``, ``res1`` (PTF),
  ``ln2_out``, ``mlp/fc1`` (weight), ``mlp/gelu_out``, ``mlp/fc2`` (weight),
  ``mlp/fc2_out``, ``res2`` (PTF);
* head: ``norm_out`` (CLS token), ``head`` (weight), ``logits_out``.

The model returns ``(logits, aux)`` with ``aux["blocks"]`` the residual stream
after every block. ``embed`` / ``run_blocks`` / ``head_fn`` run parts of the net
so a block-wise search can cache the prefix before a block.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import flax.linen as nn
import jax
import jax.numpy as jnp

from jaxeff.nets.layers import maybe_quant

Factory = Callable[..., nn.Module]
_TOP_POINTS = ("input", "patch_out", "pos_embed_q", "embed_sum", "norm_out",
               "logits_out")


class Attention(nn.Module):
    dim: int
    heads: int
    dense: Factory = nn.Dense
    act_quant: Factory | None = None

    @nn.compact
    def __call__(self, x: jax.Array) -> jax.Array:
        b, t, d = x.shape
        hd = d // self.heads
        q_ = partial(maybe_quant, self.act_quant)
        qkv = q_("qkv_out", self.dense(3 * d, name="qkv")(x))
        qkv = qkv.reshape(b, t, 3, self.heads, hd).transpose(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]  # [B, H, T, hd]
        logits = q_("attn_logits", jnp.einsum("bhqd,bhkd->bhqk", q, k) * hd**-0.5)
        probs = q_("attn_probs", jax.nn.softmax(logits, axis=-1))
        out = q_("attn_v", jnp.einsum("bhqk,bhkd->bhqd", probs, v))
        out = out.transpose(0, 2, 1, 3).reshape(b, t, d)
        return q_("proj_out", self.dense(d, name="proj")(out))


class Mlp(nn.Module):
    hidden: int
    dense: Factory = nn.Dense
    act_quant: Factory | None = None

    @nn.compact
    def __call__(self, x: jax.Array) -> jax.Array:
        q_ = partial(maybe_quant, self.act_quant)
        h = self.dense(self.hidden, name="fc1")(x)
        h = q_("gelu_out", nn.gelu(h, approximate=False))
        return q_("fc2_out", self.dense(x.shape[-1], name="fc2")(h))


class Block(nn.Module):
    dim: int
    heads: int
    mlp_ratio: float = 4.0
    dense: Factory = nn.Dense
    act_quant: Factory | None = None

    @nn.compact
    def __call__(self, x: jax.Array) -> jax.Array:
        q_ = partial(maybe_quant, self.act_quant)
        h = q_("ln1_out", nn.LayerNorm(epsilon=1e-6, name="ln1")(x))
        x = q_("res1", x + Attention(self.dim, self.heads, self.dense,
                                     self.act_quant, name="attn")(h))
        h = q_("ln2_out", nn.LayerNorm(epsilon=1e-6, name="ln2")(x))
        mlp = Mlp(int(self.dim * self.mlp_ratio), self.dense, self.act_quant,
                  name="mlp")
        return q_("res2", x + mlp(h))


class ViT(nn.Module):
    """ViT/DeiT classifier. Input ``[B, H, W, C]`` float32, output
    ``(logits [B, num_classes], aux)``."""

    num_classes: int
    patch_size: int = 16
    dim: int = 192
    depth: int = 12
    heads: int = 3
    mlp_ratio: float = 4.0
    image_size: int = 224
    quant_input: bool = False  # DeiT quantizes the input image, ViT-B does not
    dense: Factory = nn.Dense
    conv: Factory = nn.Conv
    act_quant: Factory | None = None

    def setup(self) -> None:
        if self.dim % self.heads:
            raise ValueError(f"dim={self.dim} is not divisible by heads={self.heads}")
        p = self.patch_size
        self.patch_embed = self.conv(
            self.dim, kernel_size=(p, p), strides=(p, p), padding="VALID"
        )
        self.cls_token = self.param(
            "cls_token", nn.initializers.zeros_init(), (1, 1, self.dim)
        )
        self.blocks = [
            Block(self.dim, self.heads, self.mlp_ratio, self.dense, self.act_quant)
            for _ in range(self.depth)
        ]
        if self.image_size % p:
            raise ValueError(
                f"image_size={self.image_size} is not divisible by patch_size={p}"
            )
        n_tok = 1 + (self.image_size // p) ** 2
        self.pos_embed = self.param(
            "pos_embed", nn.initializers.normal(0.02), (1, n_tok, self.dim)
        )
        self.norm = nn.LayerNorm(epsilon=1e-6)
        self.head = self.dense(self.num_classes)
        if self.act_quant is not None:
            for n in _TOP_POINTS:
                setattr(self, n, self.act_quant())

    def _q(self, name: str, x: jax.Array) -> jax.Array:
        return getattr(self, name)(x) if self.act_quant is not None else x

    def embed(self, x: jax.Array) -> jax.Array:
        """Image ``[B,H,W,C]`` -> token stream ``[B, 1+N, dim]`` (after +pos)."""
        if x.ndim != 4:
            raise ValueError(f"ViT expects [B, H, W, C] images, got shape {x.shape}")
        h, w = x.shape[1:3]
        if h != self.image_size or w != self.image_size:
            raise ValueError(
                f"ViT built for {self.image_size}x{self.image_size} images, got {h}x{w}"
            )
        if self.quant_input:
            x = self._q("input", x)
        t = self._q("patch_out", self.patch_embed(x))
        b = t.shape[0]
        t = t.reshape(b, -1, self.dim)
        t = jnp.concatenate([jnp.broadcast_to(self.cls_token, (b, 1, self.dim)), t], 1)
        pos = self._q("pos_embed_q", self.pos_embed)
        return self._q("embed_sum", t + pos)

    def run_blocks(
        self, x: jax.Array, start: int = 0, stop: int | None = None
    ) -> tuple[jax.Array, tuple[jax.Array, ...]]:
        """Blocks ``start..stop-1`` on a token stream; returns (x, per-block outs)."""
        outs = []
        for blk in self.blocks[start:stop]:
            x = blk(x)
            outs.append(x)
        return x, tuple(outs)

    def head_fn(self, x: jax.Array) -> jax.Array:
        """Token stream -> logits (final LN on the CLS token, linear head)."""
        h = self._q("norm_out", self.norm(x[:, 0]))
        return self._q("logits_out", self.head(h))

    def __call__(self, x: jax.Array, train: bool = False) -> tuple[jax.Array, Any]:
        del train  # no dropout / batch norm
        t = self.embed(x)
        t, outs = self.run_blocks(t)
        return self.head_fn(t), {"blocks": outs}


VARIANTS: dict[str, dict[str, Any]] = {
    "Ti": dict(dim=192, depth=12, heads=3),
    "S": dict(dim=384, depth=12, heads=6),
    "B": dict(dim=768, depth=12, heads=12),
    # CIFAR-sized (patch 4 on 32x32): ~0.80M parameters
    "cifar": dict(dim=128, depth=4, heads=4, image_size=32),
    # spec §5 model (D 128, depth 6, 4 heads): ~1.2M parameters
    "cifar6": dict(dim=128, depth=6, heads=4, image_size=32),
    # digits 8x8 (patch 2, 16 tokens + CLS): the Evol-Q main job's default, ~0.2M
    "digits": dict(dim=64, depth=4, heads=4, image_size=8),
    "tiny": dict(dim=32, depth=2, heads=2, image_size=8),  # tests (digits 8x8)
}


def decode_variant(name: str) -> dict[str, Any]:
    """``"Ti/16"`` -> ``dict(dim=192, depth=12, heads=3, patch_size=16)``."""
    base, _, patch = name.partition("/")
    if base not in VARIANTS:
        raise ValueError(f"unknown ViT variant {base!r}; choose from {list(VARIANTS)}")
    out = dict(VARIANTS[base])
    if patch:
        if not patch.isdigit():
            raise ValueError(f"bad patch size in variant {name!r}")
        out["patch_size"] = int(patch)
    return out


def vit(variant: str, num_classes: int, **kw: Any) -> ViT:
    """Build a ViT from a variant name, e.g. ``vit("cifar/4", 10)``."""
    return ViT(num_classes=num_classes, **{**decode_variant(variant), **kw})
