"""The 8-device half of tests/test_parallel.py (issue 20), run as a subprocess.

JAX fixes its device count when it starts, so tests/test_parallel.py runs this file
once under ``XLA_FLAGS=--xla_force_host_platform_device_count=8``:

    python tests/parallel_worker.py OUTDIR

and compares what it writes to OUTDIR (msgpack and JSON, no pickle) with the same
computations on one device in the test process:

* ``evolq.msgpack`` - an Evol-Q search (arXiv 2308.10814) of a tiny quantized MLP
  with its population split over 8 devices, and the inputs it used;
* ``dp_step.msgpack`` / ``sr_step.msgpack`` / ``flow_step.msgpack`` - one
  data-parallel classifier / SR / rectified-flow (diffusion) training step (batch
  split over 8, state replicated), with its inputs;
* ``run8/`` (a checkpoint written on 8 devices after epoch 1 of 2) and
  ``final8.msgpack`` (the 8-device run continued from it to the end);
* ``facts.json`` - mesh sizes and the error messages of bad requests.

The tiny models and settings are defined here and imported by the test.
"""

from __future__ import annotations

import dataclasses
import json
import pathlib
import shutil
import sys

import flax.linen as nn
import flax.serialization
import jax
import jax.numpy as jnp
import numpy as np
import optax

import jaxeff.train as T
from experiments._cli import mesh_from_args
from experiments.evolq import parse as evolq_parse
from jaxeff.data.vision import Augment, Split, VisionData
from jaxeff.inject import InjectRule, inject, quantize_model
from jaxeff.nets.layers import LayerQuant
from jaxeff.ops.quant import QuantSpec
from jaxeff.parallel import (
    make_mesh,
    mesh_size,
    pad_leading,
    replicate,
    shard_leading,
    to_host,
)
from jaxeff.search.evolq import EvolQConfig, eps_for_bits, run_search
from jaxeff.search.fitness import FullForward
from jaxeff.search.winograd_scales import ScaleTuneConfig, tune_scales

DEVICES = 8
#: one child per cycle (the paper's setting): padded to 8 on 8 devices, so every
#: device runs the one-candidate program the single device runs (bit-exactness)
EVOLQ = EvolQConfig(passes=1, cycles=3, population=4, tournament=3,
                    children_per_cycle=1, eps=eps_for_bits(4),
                    leaves=r"Dense_\d/w_scale")  # one block: both layers
TRAIN = T.TrainConfig(epochs=2, batch_size=16, lr=0.05, warmup_epochs=0.5,
                      augment=Augment(), seed=3)
SEARCH_SEED = 7


class TinyMLP(nn.Module):
    """Two ``nn.Dense`` layers (their weight scales: one Evol-Q block)."""

    @nn.compact
    def __call__(self, x: jax.Array) -> jax.Array:
        x = nn.relu(nn.Dense(16)(x.reshape(x.shape[0], -1)))
        return nn.Dense(10)(x)


class TinyBNNet(nn.Module):
    """Dense -> BatchNorm -> ReLU -> Dense, returning ``(logits, aux)`` as the
    jaxeff nets do; BatchNorm makes the data-parallel step use global batch
    statistics."""

    @nn.compact
    def __call__(self, x: jax.Array, train: bool = False):
        x = nn.Dense(12)(x.reshape(x.shape[0], -1))
        x = nn.relu(nn.BatchNorm(use_running_average=not train, momentum=0.5)(x))
        return nn.Dense(4)(x), {}


_W4A8 = [InjectRule(pattern=".*", quant=LayerQuant(
    weight=QuantSpec(bits=4, signed=False, granularity="channel", axis=-1),
    act=QuantSpec(bits=8, signed=False)))]


def qmodel():
    """:class:`TinyMLP` with W4A8 fake quantization injected (jaxeff.inject)."""
    return inject(TinyMLP(), _W4A8)


def evolq_inputs() -> dict:
    """The calibrated ``"quant"`` collection of :func:`qmodel` and its
    calibration / selection batches (host arrays)."""
    x = jax.random.normal(jax.random.key(0), (4, 16, 8))
    v = TinyMLP().init(jax.random.key(1), x[0])
    _, qv = quantize_model(TinyMLP(), v, _W4A8, list(x[:2]))
    return {"qvars": to_host(qv), "calib": np.asarray(x[:2]), "sel": np.asarray(x[2:])}


def tiny_data() -> VisionData:
    """64 / 16 / 16 random 4x4x1 uint8 images, 4 classes (label: brightest
    quadrant), so a 2-epoch run is 8 steps of 16."""
    rng = np.random.default_rng(0)

    def split(n: int) -> Split:
        im = rng.integers(0, 256, (n, 4, 4, 1), dtype=np.uint8)
        q = im.reshape(n, 2, 2, 2, 2).transpose(0, 1, 3, 2, 4).reshape(n, 4, 4)
        return Split(im, q.astype(np.int32).sum(-1).argmax(-1).astype(np.int32))

    return VisionData("tiny", split(64), split(16), split(16), 4, (0.5,), (0.29,),
                      (4, 4, 1))


def dp_tx() -> optax.GradientTransformation:
    """The data-parallel step's optimizer (no warm-up: the first step moves)."""
    return optax.sgd(0.1, momentum=0.9, nesterov=True)


def dp_inputs() -> dict:
    """A train state after init and one batch of 16 (host arrays)."""
    data, model = tiny_data(), TinyBNNet()
    v = model.init(jax.random.key(2), jnp.zeros((1, 4, 4, 1)))
    params, state = T._split_vars(dict(v))
    tx = dp_tx()
    batch = {"image": data.preprocess(data.train.images[:16]),
             "label": data.train.labels[:16]}
    return to_host({"params": params, "state": state, "opt_state": tx.init(params),
                    "batch": batch})


def dp_step(inputs: dict, mesh) -> dict:
    """One step of :func:`jaxeff.train.make_train_step` on ``inputs``."""
    step = T.make_train_step(TinyBNNet(), dp_tx(), 4, 0.0, mesh=mesh)
    st = (inputs["params"], inputs["state"], jax.tree.map(
        jnp.asarray, inputs["opt_state"]))
    batch = inputs["batch"]
    if mesh is not None:
        st, batch = replicate(st, mesh), shard_leading(batch, mesh)
    params, state, _, m = step(*st, batch)
    return to_host({"params": params, "state": state, "metrics": m})


class TinySR(nn.Module):
    """A residual 3x3 conv, ``(out, aux)`` as the SR nets return."""

    @nn.compact
    def __call__(self, x: jax.Array):
        return x + nn.Conv(1, (3, 3))(x), {}


def sr_inputs() -> dict:
    """Variables, AMSGrad state and a batch of 16 LR/HR 6x6 patches (host)."""
    v = TinySR().init(jax.random.key(4), jnp.zeros((1, 6, 6, 1)))
    x = np.random.default_rng(1).random((2, 16, 6, 6, 1), np.float32)
    opt = flax.serialization.to_state_dict(optax.amsgrad(1e-2).init(v))  # as saved
    return to_host({"tv": v, "opt_state": opt, "lr": x[0], "hr": x[1]})


def sr_step(inputs: dict, mesh) -> dict:
    """One step of :func:`jaxeff.train_sr.make_sr_step` on ``inputs``."""
    from jaxeff.train_sr import make_sr_step

    step = make_sr_step(TinySR(), optax.amsgrad(1e-2), mesh=mesh)
    opt = flax.serialization.from_state_dict(optax.amsgrad(1e-2).init(inputs["tv"]),
                                             inputs["opt_state"])
    st, batch = (inputs["tv"], {}, opt), (inputs["lr"], inputs["hr"])
    if mesh is not None:
        st, batch = replicate(st, mesh), shard_leading(batch, mesh)
    tv, _, m = step(*st, *batch)
    return to_host({"tv": tv, "metrics": m})


class TinyFlowNet(nn.Module):
    """A velocity net with the UNet's signature ``(x, t, y) -> (v, aux)``."""

    @nn.compact
    def __call__(self, x: jax.Array, t: jax.Array, y: jax.Array):
        h = nn.Conv(2, (3, 3))(x) + nn.Dense(2)(t[:, None])[:, None, None, :]
        h = h + nn.Embed(3, 2)(y)[:, None, None, :]
        return nn.Conv(1, (3, 3))(nn.silu(h)), {}


def flow_inputs() -> dict:
    """Params (= EMA), AdamW state, a key and a batch of 16 6x6 images (host)."""
    params = TinyFlowNet().init(jax.random.key(6), jnp.zeros((1, 6, 6, 1)), jnp.zeros((1,)),
                                jnp.zeros((1,), jnp.int32))["params"]
    x = np.random.default_rng(2).uniform(-1, 1, (16, 6, 6, 1)).astype(np.float32)
    opt = flax.serialization.to_state_dict(optax.adamw(1e-2).init(params))
    return to_host({"params": params, "opt_state": opt, "x": x,
                    "y": np.arange(16, dtype=np.int32) % 3,
                    "key": jax.random.key_data(jax.random.key(7))})


def flow_step(inputs: dict, mesh) -> dict:
    """One step of :func:`jaxeff.flow.make_flow_step` (EMA 0.9) on ``inputs``."""
    from jaxeff.flow import make_flow_step

    tx = optax.adamw(1e-2)
    step = make_flow_step(TinyFlowNet(), tx, 0.9, mesh=mesh)
    opt = flax.serialization.from_state_dict(tx.init(inputs["params"]), inputs["opt_state"])
    st, batch = (inputs["params"], inputs["params"], opt), (inputs["x"], inputs["y"])
    if mesh is not None:
        st, batch = replicate(st, mesh), shard_leading(batch, mesh)
    key = jax.random.wrap_key_data(jnp.asarray(inputs["key"]))
    params, ema, _, loss = step(*st, key, *batch)
    return to_host({"params": params, "ema": ema, "loss": loss})


def winograd_inputs() -> tuple[dict, ScaleTuneConfig]:
    """Two random 3x3 layers and a 2-step tuning run with a noise batch of 8 (later
    steps drift apart by rounding flips of the quantizers, as any two summation
    orders would). The layers share one shape, so each process compiles the
    F(4,3) loss gradient once, not once per shape (~4 s each on CPU); how the batch
    is split does not depend on the kernel's channel counts."""
    k = jax.random.split(jax.random.key(6), 2)
    kernels = {"a": jax.random.normal(k[0], (3, 3, 8, 16)) * 0.2,
               "b": jax.random.normal(k[1], (3, 3, 8, 16)) * 0.2}
    return kernels, ScaleTuneConfig(steps=2, batch=8, layers_per_step=1)


def restore_opt_state(tree: dict) -> dict:
    """msgpack turns the optimizer state's tuples into ``{"0": ...}`` dicts."""
    return flax.serialization.from_state_dict(dp_tx().init(tree["params"]),
                                              tree["opt_state"])


class _Stop(Exception):
    pass


def _save(path: pathlib.Path, tree) -> None:
    path.write_bytes(flax.serialization.to_bytes(to_host(tree)))


def _error(fn) -> str:
    try:
        fn()
    except (ValueError, TypeError) as e:
        return f"{type(e).__name__}: {e}"
    return "no error"


def main(out: pathlib.Path) -> None:
    assert jax.device_count() == DEVICES, jax.devices()
    mesh = make_mesh(DEVICES)

    # 1. Evol-Q, population over 8 devices
    inp = evolq_inputs()
    res = run_search(jax.random.key(SEARCH_SEED), FullForward(qmodel(), 1),
                     inp["qvars"], inp["calib"], inp["sel"], EVOLQ, mesh=mesh)
    _save(out / "evolq.msgpack", {
        **inp, "quant": res.quant, "history": json.dumps(res.history),
        "selection": json.dumps(res.selection)})

    # 2. one data-parallel step
    inputs = dp_inputs()
    _save(out / "dp_step.msgpack", {"inputs": inputs, "out": dp_step(inputs, mesh)})
    sr = sr_inputs()
    _save(out / "sr_step.msgpack", {"inputs": sr, "out": sr_step(sr, mesh)})
    fl = flow_inputs()
    _save(out / "flow_step.msgpack", {"inputs": fl, "out": flow_step(fl, mesh)})

    # 3. fit on 8 devices: stop after the epoch-1 checkpoint, keep a copy, resume
    data, run8 = tiny_data(), out / "run8"
    real_write = T.atomic_write

    def write_then_stop(path, blob):
        real_write(path, blob)
        raise _Stop

    T.atomic_write = write_then_stop
    try:
        T.fit(TinyBNNet(), data, TRAIN, run8, progress=False, mesh=mesh)
    except _Stop:
        pass
    T.atomic_write = real_write
    shutil.copytree(run8, out / "ckpt_epoch1")
    variables, history = T.fit(TinyBNNet(), data, TRAIN, run8, progress=False,
                               mesh=mesh)
    _save(out / "final8.msgpack", {"variables": variables,
                                   "history": json.dumps(history)})

    # 4. Winograd scale tuning (arXiv 2412.19867) with its noise batch over 8 devices
    kernels, tune_cfg = winograd_inputs()
    scales, hist = tune_scales(jax.random.key(5), kernels, 4, cfg=tune_cfg, mesh=mesh)
    _save(out / "winograd_scales.msgpack", {"scales": {"log_b": scales.log_b,
                                                       "log_c": scales.log_c},
                                            "history": np.asarray(hist)})

    # 5. facts about the helpers on 8 devices
    facts = {
        "sizes": [int(make_mesh(n).devices.size) for n in (None, 1, 3, 8)],
        "too_many": _error(lambda: make_mesh(9)),
        "not_divisible": _error(lambda: shard_leading(np.zeros((12, 2)), mesh)),
        "pad": [int(pad_leading(np.zeros((5, 2)), 8)[0].shape[0]),
                int(pad_leading(np.zeros((8, 2)), 8)[0].shape[0])],
        "fit_batch": _error(lambda: T.fit(
            TinyBNNet(), data, T.TrainConfig(epochs=1, batch_size=12), out / "bad",
            progress=False, mesh=mesh)),
        "evolq_flag": [mesh_size(mesh_from_args(evolq_parse(["--smoke", *f])[2]))
                       for f in ([], ["--devices", "1"], ["--devices", "4"])],
        "tune_batch": _error(lambda: tune_scales(
            jax.random.key(5), kernels, 4,
            cfg=dataclasses.replace(tune_cfg, batch=12), mesh=mesh)),
        "shards": [len(shard_leading(np.zeros((16, 3)), mesh).addressable_shards),
                   int(shard_leading(np.zeros((16, 3)), mesh)
                       .addressable_shards[0].data.shape[0])],
    }
    (out / "facts.json").write_text(json.dumps(facts))


if __name__ == "__main__":
    jax.config.update("jax_default_prng_impl", "rbg")  # fast init on CPU
    main(pathlib.Path(sys.argv[1]))
    print("ok")
