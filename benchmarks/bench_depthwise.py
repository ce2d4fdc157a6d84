"""Shifted multiply-add depthwise conv vs XLA's grouped conv: train steps and layers.

``jaxeff.ops.depthwise`` writes the depthwise ``k x k`` conv of MBConv / ConvNeXt
blocks as ``k^2`` strided slices times per-channel weights; the baseline is
``lax.conv_general_dilated(..., feature_group_count=C)``. Both run jitted in the same
process, one after the other (medians of ``--repeats``):

* one SGD train step (forward, backward, BN update, optimizer) of the CIFAR-10
  variants of the RAN-e networks (arXiv 2208.08562, spec ``micronets_ran.md`` §B5:
  32x32, stem stride 1, width 0.5) and of the CIFAR ConvNeXt, at ``--batch``, with
  ``depthwise="shifted"`` vs ``"lax"`` (same parameters, same outputs);
* one depthwise layer alone, forward + both gradients, per ``--layers`` shape.

Appends one row per net / layer to benchmarks/RESULTS.md (ratio = lax time / shifted
time).

    python -m benchmarks.bench_depthwise                       # 4 nets + 4 layers
    python -m benchmarks.bench_depthwise --nets GT --layers 32x48k3s1 --repeats 3
"""

from __future__ import annotations

import argparse
import re
import time

import jax
import jax.numpy as jnp
import numpy as np
import optax
from jax import lax

from benchmarks._results import append_rows, median_time, table_row
from jaxeff.nets.ran import ran_e
from jaxeff.nets.ran_i import CONVNEXT_CIFAR, ConvNeXt
from jaxeff.ops.depthwise import depthwise_conv

NETS = ("mbconv", "GT", "lite0", "convnext")
LAYERS = ("32x48k3s1", "16x144k3s2", "8x240k5s1", "4x480k7s1")


def _net(name: str, impl: str):
    if name == "convnext":
        return ConvNeXt(*CONVNEXT_CIFAR, num_classes=10, patch=2, depthwise=impl)
    kw = {"act": "hswish"} if name == "lite0" else {}
    return ran_e(name, cifar=True, dropout=0.0, depthwise=impl, **kw)


def train_step_time(name: str, impl: str, batch: int, repeats: int
                    ) -> tuple[float, float]:
    """(first call incl. compile, median step) seconds of one SGD step."""
    m, tx = _net(name, impl), optax.sgd(0.05, 0.9)
    rng = np.random.default_rng(0)
    x = jnp.asarray(rng.normal(size=(batch, 32, 32, 3)), jnp.float32)
    y = jnp.asarray(np.arange(batch) % 10)
    v = m.init(jax.random.key(0), x[:1])
    p, st = v["params"], {k: c for k, c in v.items() if k != "params"}

    def loss_fn(p, st):
        mut = list(st)
        (logits, _), new = m.apply({"params": p, **st}, x, train=True, mutable=mut)
        return optax.softmax_cross_entropy_with_integer_labels(logits, y).mean(), new

    @jax.jit
    def step(p, st, o):
        (loss, new), g = jax.value_and_grad(loss_fn, has_aux=True)(p, st)
        u, o = tx.update(g, o, p)
        return optax.apply_updates(p, u), new, o, loss

    o = tx.init(p)
    t0 = time.perf_counter()
    jax.block_until_ready(step(p, st, o))
    first = time.perf_counter() - t0
    return first, median_time(lambda: step(p, st, o), repeats)


def layer_time(spec: str, batch: int, repeats: int) -> dict:
    """fwd + d/dx + d/dkernel of one depthwise layer ``HWxCkKsS``, both lowerings."""
    mt = re.fullmatch(r"(\d+)x(\d+)k(\d+)s(\d+)", spec)
    if not mt:
        raise ValueError(f"layer spec must look like 32x48k3s1, got {spec!r}")
    hw, c, k, s = (int(g) for g in mt.groups())
    rng = np.random.default_rng(0)
    x = jnp.asarray(rng.normal(size=(batch, hw, hw, c)), jnp.float32)
    w = jnp.asarray(rng.normal(size=(k, k, 1, c)), jnp.float32)

    def ref(a, b):
        return lax.conv_general_dilated(a, b, (s, s), "SAME", dimension_numbers=(
            "NHWC", "HWIO", "NHWC"), feature_group_count=c)

    out = {}
    for name, f in (("shifted", lambda a, b: depthwise_conv(a, b, s)), ("lax", ref)):
        g = jax.jit(jax.value_and_grad(lambda a, b, f=f: jnp.sum(f(a, b) ** 2), (0, 1)))
        out[name] = median_time(lambda g=g: g(x, w), repeats)
    return out


def main(argv: list[str] | None = None) -> list[dict]:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--nets", nargs="*", default=list(NETS), choices=[*NETS, "C"])
    p.add_argument("--layers", nargs="*", default=list(LAYERS))
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--out", default="benchmarks/RESULTS.md")
    a = p.parse_args(argv)
    dev, rows, lines = jax.devices()[0].device_kind, [], []
    for name in a.nets:
        (c_s, t_s), (c_l, t_l) = (train_step_time(name, impl, a.batch, a.repeats)
                                  for impl in ("shifted", "lax"))
        r = {"net": name, "shifted_s": t_s, "lax_s": t_l, "ratio": t_l / t_s,
             "first_call_s": {"shifted": c_s, "lax": c_l}}
        rows.append(r)
        lines.append(table_row(
            "bench_depthwise", f"{name} (CIFAR variant)",
            f"SGD train step, batch {a.batch}, f32",
            f"shifted dw {1e3 * t_s:.0f} ms ({a.batch / t_s:.0f} img/s)",
            f"grouped lax.conv {1e3 * t_l:.0f} ms", r["ratio"], dev))
        print(lines[-1], flush=True)
    for spec in a.layers:
        t = layer_time(spec, a.batch, a.repeats)
        rows.append({"layer": spec, "shifted_s": t["shifted"], "lax_s": t["lax"],
                     "ratio": t["lax"] / t["shifted"]})
        lines.append(table_row(
            "bench_depthwise", f"dw layer {spec}", f"fwd + grads, batch {a.batch}, f32",
            f"shifted {1e3 * t['shifted']:.1f} ms", f"grouped lax.conv "
            f"{1e3 * t['lax']:.1f} ms", t["lax"] / t["shifted"], dev))
        print(lines[-1], flush=True)
    append_rows(a.out, lines)
    return rows


if __name__ == "__main__":
    main()
