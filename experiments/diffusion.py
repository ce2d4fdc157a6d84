"""Fully quantized Winograd on a diffusion UNet: ``python -m experiments.diffusion``.

"Data-Free Group-Wise Fully Quantized Winograd Convolution via Learnable Scales"
(Pan et al., CVPR 2025, arXiv 2412.19867), spec ``winograd.md`` §4 and §6
"Diffusion": the paper's headline (InstaFlow, a rectified-flow text-to-image
model: FP 23.00 / W8A8 23.04 / F(6,3) standard 326.96 / F(6,3) learned 26.58 FID) in
miniature, on a small class-conditional rectified-flow UNet trained on MNIST padded
to 32x32 (:mod:`jaxeff.nets.unet`, :mod:`jaxeff.flow`). Metrics
(:mod:`jaxeff.gen_metrics`): proxy-FID on the penultimate features of the cached
MNIST ResNet-20, the classifier's accuracy on the samples against their class
labels (the CLIP-score analogue), and PSNR of each quantized sample to the FP
sample from the same noise.

Settings: FP; W8A8 direct, group-wise (every conv, the 1x1 attention projections and
the dense time/embedding layers: :func:`jaxeff.gen_metrics.quantized_unet`); and for
F(4,3) and F(6,3) on every eligible 3x3 stride-1 conv: standard scales, learned
scales (data-free, :func:`jaxeff.search.winograd_scales.tune_scales`), closed-form
equalized scales, the tap-wise baseline, and standard scales with M quantized per
position (no group mixes positions). Everything enters the UNet by injection.

Subcommands::

    python -m experiments.diffusion train                 # train / load the UNet
    python -m experiments.diffusion train --devices 8     # data-parallel over 8 devices
    python -m experiments.diffusion sample --n 64 --out DIR [--quant SETTING]
    python -m experiments.diffusion [study] [--smoke]     # the table
    python -m experiments.diffusion cross --workdir DIR   # the range "cross" plot
    python -m experiments.diffusion collect --workdir DIR [--seeds ..] [--settings ..]
                                        # the rows from the cells already computed

The UNet comes from the package's shipped weights (:mod:`jaxeff.weights`, card
``unet_cpu_mnist_flow``) when the recipe and the MNIST copy match, else from the
model cache or training (``JAXEFF_NO_SHIPPED=1``: never the shipped weights).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import pathlib
import time

import flax.linen as nn
import flax.serialization
import jax
import jax.numpy as jnp
import numpy as np

from experiments._cli import add_devices_flag, mesh_from_args, parse_run_args, preset_parser
from jaxeff.data.vision import load_vision
from jaxeff.flow import FlowConfig, euler_sample, train_flow, trajectory
from jaxeff.metrics import frechet_distance, mean_std, psnr
from jaxeff.nets.unet import unet
from jaxeff.nets.winograd import WinogradConfig, conv_layers, winograd_model
from jaxeff.ops.winograd import WinogradScales
from jaxeff.ops.winograd_baselines import (
    PAWConfig,
    PAWLayer,
    bqw_calibrate,
    bqw_conv,
    paw_fsq_conv,
    paw_train,
)
from jaxeff.ops.winograd_calib import TAPWISE, cross_map, tapwise_absmax
from jaxeff.ops.winograd_quant import WinogradQuant
from jaxeff.ops.winograd_route import quant_dot_general
from jaxeff.report import RunDir, atomic_write, markdown_table, plot_cross_maps
from jaxeff.search.winograd_scales import (
    ScaleTuneConfig,
    equalized_scales,
    tune_scales,
)
from jaxeff.train import TrainConfig
from jaxeff.zoo import ModelSpec as ZooSpec
from jaxeff.zoo import trained_model


@dataclasses.dataclass(frozen=True, kw_only=True)
class Config:
    variant: str = "cpu"
    flow: FlowConfig = dataclasses.field(default_factory=FlowConfig)
    dataset: str = "mnist"
    data_dir: str | None = None
    val_size: int = 1000
    train_limit: int = 0  # 0: the whole training split
    sampler_steps: int = 20
    n_samples: int = 1000
    seeds: tuple[int, ...] = (0, 1, 2)
    batch: int = 250
    ms: tuple[int, ...] = (4, 6)
    group_size: int = 64
    calib_samples: int = 8  # noises whose FP trajectories calibrate tap-wise ranges
    tune_steps: int = 300
    floor_images: int = 10_000  # test-vs-train proxy-FID floor
    classifier_epochs: int = 2
    settings: tuple[str, ...] = ()  # () = every setting of setting_names(ms)
    extra_seeds: tuple[int, ...] | None = None  # seeds of the non-headline
    # settings (None: ``seeds``); FP always runs on ``seeds`` (PSNR reference)
    # PAW+FSQ per-layer training; calibration: the FP sampler's inputs of the
    # calib_samples noises at every timestep
    paw: PAWConfig = dataclasses.field(default_factory=PAWConfig)

    def seeds_for(self, name: str) -> tuple[int, ...]:
        """Sampling seeds of setting ``name``: ``seeds`` for the headline rows
        (:data:`HEADLINE`), ``extra_seeds`` (if set) for the others."""
        if name in HEADLINE or self.extra_seeds is None:
            return self.seeds
        return self.extra_seeds

    @staticmethod
    def smoke() -> Config:
        tc = TrainConfig(epochs=1, batch_size=32, optimizer="adamw", lr=2e-3,
                         weight_decay=0.0, warmup_epochs=0.1, grad_clip=1.0,
                         augment=False)
        return Config(variant="tiny", dataset="digits", val_size=200,
                      flow=FlowConfig(train=tc, ema=0.9, ckpt_every=10),
                      train_limit=320, sampler_steps=4, n_samples=32, seeds=(0,),
                      batch=32, ms=(4,), calib_samples=2, tune_steps=3,
                      floor_images=100, classifier_epochs=2,
                      paw=PAWConfig(steps=2, batch=4),
                      settings=("FP", "W8A8", "F4-standard"))


def load_data(cfg: Config):
    """The dataset (uint8 images) with its validation split carved out."""
    return load_vision(cfg.dataset, cfg.data_dir, val_size=cfg.val_size)


def unet_data_key(cfg: Config, data) -> dict:
    """What identifies the UNet's training data in its cache key (and card)."""
    n = min(cfg.train_limit, len(data.train)) if cfg.train_limit else len(data.train)
    return {"dataset": data.name, "data_sha256": data.fingerprint,
            "train_images": n, "variant": cfg.variant}


def probe_velocity_rms(model, variables, n: int = 4) -> float:
    """RMS of the net's velocity on a fixed probe (noise seed 0, t = 0.5, labels
    0..n-1): a cheap fingerprint of the weights' behaviour (recorded in the shipped
    card and checked by the tests)."""
    x = jax.random.normal(jax.random.key(0), (n, 32, 32, 1))
    v, _ = model.apply(variables, x, jnp.full((n,), 0.5), jnp.arange(n, dtype=jnp.int32))
    return float(jnp.sqrt(jnp.mean(jnp.square(v))))


def judge_spec(cfg: Config) -> ZooSpec:
    """The classifier whose features give the proxy-FID (:class:`Judge`)."""
    if cfg.dataset == "digits":
        spec = ZooSpec.smoke()
    else:
        spec = ZooSpec.for_model("resnet20", cfg.dataset, cfg.classifier_epochs,
                                 augment=False)
    return dataclasses.replace(spec, data_dir=cfg.data_dir)


def trained_unet(cfg: Config, data, *, progress: bool = True, mesh=None):
    """``(model, variables, meta)``: the shipped (:mod:`jaxeff.weights`, kind
    ``"diffusion"``), cached or newly trained flow UNet (``JAXEFF_NO_SHIPPED=1``:
    never the shipped one); ``mesh`` (``--devices``): data-parallel training over
    its devices (issue 20)."""
    train = data.train
    if cfg.train_limit:
        train = dataclasses.replace(train, images=train.images[:cfg.train_limit],
                                    labels=train.labels[:cfg.train_limit])
    model = unet(cfg.variant, data.num_classes)
    key = unet_data_key(cfg, data)
    log_path = pathlib.Path("runs") / f"diffusion_train_{cfg.variant}.jsonl"

    def log_fn(rec):
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with log_path.open("a") as f:
            f.write(f"{rec}\n")

    variables, meta = train_flow(model, f"unet_{cfg.variant}", train, cfg.flow,
                                 data_key=key, progress=progress, log_fn=log_fn,
                                 mesh=mesh)
    return model, variables, meta



# ---------------------------------------------------------------- settings


HEADLINE = ("FP", "W8A8", "F6-standard", "F6-learned")
"""The paper's InstaFlow rows (spec §4)."""
SETTINGS = ("FP", "W8A8", "standard", "learned", "equalized", "tapwise", "pixel",
            "bqw", "bqw-dynamic", "paw-fsq")
"""Setting kinds; the per-F kinds are named ``F4-standard``, ``F6-learned``..."""
LABELS = {"standard": "standard scales", "learned": "learned scales (data-free)",
          "equalized": "equalized scales (closed form)",
          "tapwise": "tap-wise static ranges (baseline)",
          "pixel": "standard scales, M per position",
          "bqw": "BQW static (channel balancing)",
          "bqw-dynamic": "BQW dynamic (channel balancing)",
          "paw-fsq": "PAW+FSQ [U] (reconstruction)"}
PAPER = [  # spec winograd.md §4 (InstaFlow-0.9B, MS-COCO FID / CLIP x100)
    ("FP16", "23.00", "30.19"), ("W8A8 group-wise, no Winograd", "23.04", "30.16"),
    ("W8A8 F(6,3), standard scales", "326.96", "5.95"),
    ("W8A8 F(6,3), learned scales", "26.58", "29.65")]


def setting_names(ms) -> list[str]:
    return ["FP", "W8A8", *[f"F{m}-{k}" for m in ms for k in SETTINGS[2:]]]


class _Cond:
    """``conv_layers`` calls ``model.apply(variables, x)``: bind ``t`` and ``y``."""

    def __init__(self, model, t, y):
        self.model, self.t, self.y = model, t, y

    def apply(self, variables, x):
        return self.model.apply(variables, x, self.t, self.y)


class Study:
    """Builds each setting's model by injection; caches what settings share
    (eligible layers with their calibration inputs, learned scales)."""

    def __init__(self, cfg: Config, model, variables, calib_noise, calib_labels,
                 cache: pathlib.Path | None = None, model_id: str = ""):
        self.cfg, self.model, self.variables = cfg, model, variables
        self.cache, self.model_id = cache, model_id
        self.q = WinogradQuant(bits=8, granularity="group", group_size=cfg.group_size)
        fp = jax.jit(lambda v, x, t, y: model.apply(v, x, t, y)[0])
        xs, _ = trajectory(functools.partial(fp, variables), calib_noise, calib_labels,
                           cfg.sampler_steps)
        # every sampler timestep of every calibration noise: ranges over all t
        s, b = xs.shape[:2]
        x = xs.reshape(s * b, *xs.shape[2:])
        t = jnp.repeat(jnp.arange(s, dtype=jnp.float32) / s, b)
        y = jnp.tile(calib_labels, s)
        self.layers = [c for c in conv_layers(_Cond(model, t, y), variables, x)
                       if c.eligible]
        self.all_convs = len(conv_layers(_Cond(model, t[:1], y[:1]), variables, x[:1]))
        self.kernels = {c.path: c.kernel for c in self.layers}
        self.learned: dict[int, object] = {}
        self.tune_s: dict[str, float] = {}
        self.paw: dict[int, dict[str, PAWLayer]] = {}

    def quant_base(self):
        """The UNet with group-wise W8A8 dense layers (time MLP, embedding
        projections); its convs are injected per setting."""
        return self.model.clone(dense=functools.partial(
            nn.Dense, dot_general=quant_dot_general(self.q)))

    def _cache_file(self, what: str, **key) -> pathlib.Path | None:
        """``cache/<what>-<hash>.npz``: keyed by the model and what determines it."""
        if self.cache is None:
            return None
        h = _hash({"model": self.model_id, "group_size": self.cfg.group_size, **key})
        return self.cache / f"{what}-{h}.npz"

    def learned_scales(self, m: int):
        """The data-free learned scales of F(m,3), tuned once per model and cached
        in the run dir (they do not depend on the sampling seed)."""
        if m in self.learned:
            return self.learned[m]
        f = self._cache_file(f"scales-F{m}", m=m, tune_steps=self.cfg.tune_steps)
        if f is not None and f.exists():
            z = np.load(f, allow_pickle=False)
            self.learned[m] = WinogradScales(jnp.asarray(z["log_b"]),
                                             jnp.asarray(z["log_c"]))
            self.tune_s[f"learned{m}"] = float(z["tune_s"])
            return self.learned[m]
        t0 = time.time()
        self.learned[m], _ = tune_scales(
            jax.random.key(m), self.kernels, m, self.q,
            ScaleTuneConfig(steps=self.cfg.tune_steps))
        self.tune_s[f"learned{m}"] = time.time() - t0
        if f is not None:
            _save_npz(f, log_b=self.learned[m].log_b, log_c=self.learned[m].log_c,
                      tune_s=self.tune_s[f"learned{m}"])
        return self.learned[m]

    def paw_layers(self, m: int) -> dict[str, PAWLayer]:
        """PAW+FSQ transforms per eligible layer (spec §3, a reconstruction [U]),
        trained on the calibration inputs (the FP sampler's inputs at every
        timestep of ``calib_samples`` noises), cached in the run dir."""
        if m in self.paw:
            return self.paw[m]
        paw = dataclasses.asdict(self.cfg.paw)
        f = self._cache_file(f"paw-F{m}", m=m, paw=paw, calib=self.cfg.calib_samples)
        fields = [fl.name for fl in dataclasses.fields(PAWLayer)]
        if f is not None and f.exists():
            z = np.load(f, allow_pickle=False)
            self.paw[m] = {str(p): PAWLayer(*(jnp.asarray(z[f"{i}_{k}"]) for k in fields))
                           for i, p in enumerate(z["paths"])}
            self.tune_s[f"paw{m}"] = float(z["train_s"])
            return self.paw[m]
        t0 = time.time()
        self.paw[m], _ = paw_train(jax.random.key(100 + m), self.layers, m, self.q,
                                   self.cfg.paw)
        self.tune_s[f"paw{m}"] = time.time() - t0
        if f is not None:
            arrs = {f"{i}_{k}": getattr(li, k)
                    for i, li in enumerate(self.paw[m].values()) for k in fields}
            _save_npz(f, paths=np.array(list(self.paw[m])),
                      train_s=self.tune_s[f"paw{m}"], **arrs)
        return self.paw[m]

    def build(self, name: str):
        """The model of setting ``name`` (``"FP"``, ``"W8A8"``, ``"F6-learned"``...)."""
        if name == "FP":
            return self.model
        q = self.q
        if name == "W8A8":
            return winograd_model(self.quant_base(), WinogradConfig(m=None,
                                                                    direct_quant=q))
        try:
            fm, kind = name.split("-", 1)
            m = int(fm[1:])
        except ValueError:
            raise ValueError(f"unknown setting {name!r}; e.g. {setting_names((6,))}")
        if kind not in SETTINGS[2:]:
            raise ValueError(f"unknown setting kind {kind!r}; choose from {SETTINGS[2:]}")
        base = {"m": m, "quant": q, "direct_quant": q}
        if kind == "learned":
            wc = WinogradConfig(**base, scales=self.learned_scales(m))
        elif kind == "equalized":
            wc = WinogradConfig(**base, scales=equalized_scales(m))
        elif kind == "pixel":
            wc = WinogradConfig(**{**base, "quant": dataclasses.replace(
                q, m_groups="pixel")})
        elif kind == "tapwise":
            wc = WinogradConfig(m=m, quant=TAPWISE, direct_quant=q,
                                absmax=tapwise_absmax(self.layers, m, TAPWISE))
        elif kind in ("bqw", "bqw-dynamic"):
            convs = {p: bqw_conv(li, m=m, quant=q) for p, li in bqw_calibrate(
                self.layers, m, dynamic=kind == "bqw-dynamic").items()}
            wc = WinogradConfig(**base, layer_convs=convs)
        elif kind == "paw-fsq":
            wc = WinogradConfig(**base, layer_convs={
                p: paw_fsq_conv(li, m=m, quant=q) for p, li in self.paw_layers(m).items()})
        else:
            wc = WinogradConfig(**base)
        return winograd_model(self.quant_base(), wc)


def weights_digest(variables) -> str:
    """sha256 (16 hex) of the variables' msgpack bytes (the bytes
    :func:`jaxeff.train.save_variables` writes): the trained weights themselves."""
    blob = flax.serialization.msgpack_serialize(
        jax.tree.map(np.asarray, jax.device_get(variables)))
    return hashlib.sha256(blob).hexdigest()[:16]


def _model_id(cfg: Config, meta: dict, variables) -> str:
    """What the run-dir caches are keyed by: the trained weights (their digest:
    retraining is not bitwise reproducible across CPUs, so the recipe alone does
    not name a model) and the calibration."""
    return _hash({"variant": cfg.variant, "dataset": cfg.dataset,
                  "steps": meta["steps"], "data": meta.get("data_sha256"),
                  "weights": weights_digest(variables),
                  "calib": cfg.calib_samples, "sampler_steps": cfg.sampler_steps})


def cross_plot(study: Study, ms, path) -> dict[str, np.ndarray]:
    """The per-position range "cross" (mean over the UNet's eligible layers of
    ``log10 std(M_p)`` on the calibration inputs) of F(m,3) for each ``m`` in
    ``ms``, with standard and learned scales, plotted to ``path``."""
    maps = {}
    for m in ms:
        maps[f"F({m},3) standard"] = cross_map(study.layers, m, None)
        maps[f"F({m},3) learned"] = cross_map(study.layers, m, study.learned_scales(m))
    if maps:
        plot_cross_maps(path, maps)
    return maps


def _hash(obj) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, default=str).encode()
                          ).hexdigest()[:16]


def _save_npz(path: pathlib.Path, **arrays) -> None:
    """Write ``arrays`` (no pickle) atomically: a temp file, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp.npz")
    np.savez(tmp, **{k: np.asarray(v) for k, v in arrays.items()})
    tmp.replace(path)


# ---------------------------------------------------------------- metrics


class Judge:
    """Proxy-FID features and sample accuracy from the cached same-data classifier
    (its penultimate features: the mean-pooled output of the last ResNet block)."""

    def __init__(self, cfg: Config, data, progress: bool):
        self.clf, self.cvars, self.cdata, self.cmeta = trained_model(
            judge_spec(cfg), progress=progress)
        self.size = data.image_shape[:2]
        clf, cvars = self.clf, self.cvars

        @jax.jit
        def fwd(v, x):
            logits, aux = clf.apply(v, x)
            return logits, jnp.mean(aux["blocks"][-1], axis=(1, 2))

        self.fwd = functools.partial(fwd, cvars)

    def uint8(self, x: np.ndarray) -> np.ndarray:
        """Samples ``[-1, 1]`` 32x32 -> uint8 at the data's size (centre crop)."""
        h, w = self.size
        top, left = (x.shape[1] - h) // 2, (x.shape[2] - w) // 2
        x = x[:, top:top + h, left:left + w]
        return np.clip(np.round((x + 1.0) * 127.5), 0, 255).astype(np.uint8)

    def features(self, images_u8: np.ndarray, batch: int = 500):
        pre = self.cdata.preprocess
        outs = [self.fwd(jnp.asarray(pre(images_u8[i:i + batch])))
                for i in range(0, len(images_u8), batch)]
        logits = np.concatenate([np.asarray(o[0]) for o in outs])
        return np.concatenate([np.asarray(o[1]) for o in outs]), logits


def _psnr_to_ref(a: np.ndarray, ref: np.ndarray) -> float:
    """Mean over images of the PSNR (dB, 8-bit) of clipped sample ``a`` to ``ref``;
    identical images count as 100 dB."""
    vals = []
    for x, r in zip(a, ref, strict=True):
        p = psnr(np.clip(x[..., 0], -1, 1) * 127.5, np.clip(r[..., 0], -1, 1) * 127.5)
        vals.append(min(p, 100.0))
    return float(np.mean(vals))


def make_sampler(model, steps: int):
    """The jitted Euler sampler ``(variables, noise, labels) -> samples`` of
    ``model``: build it once per model, so every batch and seed reuses one compile
    (compiling a quantized Winograd UNet takes minutes on this CPU)."""
    # variables are an argument, not a closed-over constant: XLA would constant-fold
    # the Winograd weight transforms of every layer at compile time (slow)
    return jax.jit(lambda v, x, y: euler_sample(
        lambda xx, t, yy: model.apply(v, xx, t, yy)[0], x, y, steps))


def sample_all(model, variables, noise, labels, steps: int, batch: int,
               fn=None) -> np.ndarray:
    """Euler samples of ``model`` for every noise, in batches of ``batch``;
    ``fn``: the model's :func:`make_sampler` (built here if ``None``)."""
    fn = make_sampler(model, steps) if fn is None else fn
    return np.concatenate([np.asarray(fn(variables, noise[i:i + batch],
                                         labels[i:i + batch]))
                           for i in range(0, len(noise), batch)])


def fixed_noise(seed: int, n: int, shape=(32, 32, 1)):
    """The sampling noise and labels of seed ``seed`` (labels ``i % 10``)."""
    noise = jax.random.normal(jax.random.key(10_000 + seed), (n, *shape))
    return noise, jnp.arange(n, dtype=jnp.int32) % 10


def write_grid(path, images: np.ndarray, cols: int = 8) -> None:
    """PNG grid (Pillow) of ``[N, H, W, 1]`` samples in [-1, 1]."""
    from PIL import Image

    n, h, w = images.shape[:3]
    rows = -(-n // cols)
    grid = np.zeros((rows * (h + 2), cols * (w + 2)), np.uint8)
    u8 = np.clip(np.round((images[..., 0] + 1) * 127.5), 0, 255).astype(np.uint8)
    for i in range(n):
        r, c = divmod(i, cols)
        grid[r * (h + 2) + 1:r * (h + 2) + 1 + h, c * (w + 2) + 1:c * (w + 2) + 1 + w] = u8[i]
    pathlib.Path(path).parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(grid).resize((grid.shape[1] * 2, grid.shape[0] * 2),
                                 Image.NEAREST).save(path)


def floors(cfg: Config, data, judge: Judge, cache: pathlib.Path | None = None):
    """The judge's features of the test images every proxy-FID is measured against,
    and the floors: the proxy-FID of ``cfg.floor_images`` real training images vs as
    many test images, and of ``cfg.n_samples`` real training images vs the test
    features (the bias of a proxy-FID on n samples). Cached in ``cache`` (keyed by
    the judge's weights and the sizes; ``.npy`` + ``.json``, no pickle), so a resumed
    or partial study records its floors and skips the feature pass."""
    key = _hash({"judge": weights_digest(judge.cvars), "dataset": cfg.dataset,
                 "floor_images": cfg.floor_images, "n": cfg.n_samples,
                 "size": list(judge.size)})
    fjson = cache / f"floors-{key}.json" if cache is not None else None
    fnpy = cache / f"testfeat-{key}.npy" if cache is not None else None
    if fjson is not None and fjson.exists() and fnpy.exists():
        return np.load(fnpy, allow_pickle=False), json.loads(fjson.read_text())
    rng = np.random.default_rng(0)
    nf = min(cfg.floor_images, len(data.test), len(data.train))
    test_f, _ = judge.features(data.test.images[:nf] if nf == len(data.test) else
                               data.test.images[np.sort(rng.choice(len(data.test), nf,
                                                                   replace=False))])
    train_f, _ = judge.features(data.train.images[np.sort(rng.choice(
        len(data.train), nf, replace=False))])
    nn_ = min(cfg.n_samples, len(data.train))
    rec = {"floor_fid": frechet_distance(test_f, train_f), "floor_images": nf,
           "floor_fid_n": frechet_distance(judge.features(data.train.images[np.sort(
               np.random.default_rng(1).choice(len(data.train), nn_, replace=False))])[0],
               test_f), "n_samples": nn_}
    if fjson is not None:
        np.save(fnpy, test_f, allow_pickle=False)
        atomic_write(fjson, json.dumps(rec))
    return test_f, rec


def run(cfg: Config, workdir, *, settings: list[str] | None = None,
        progress: bool = True, overwrite: bool = False, mesh=None) -> dict:
    """The study: every setting x seed -> proxy-FID, sample accuracy, PSNR to FP."""
    run_dir = RunDir(workdir, cfg, overwrite=overwrite)
    (run_dir.path / "cache").mkdir(exist_ok=True)
    t0 = time.time()
    data = load_data(cfg)
    model, variables, meta = trained_unet(cfg, data, progress=progress, mesh=mesh)
    judge = Judge(cfg, data, progress)
    cache = run_dir.path / "cache"
    test_f, fl = floors(cfg, data, judge, cache)
    floor, floor_n, nf = fl["floor_fid"], fl["floor_fid_n"], fl["floor_images"]
    cn, cl = fixed_noise(999, cfg.calib_samples)  # not an evaluation seed
    # results cache (survives a changed config): model + what a cell depends on
    model_id = _model_id(cfg, meta, variables)
    study = Study(cfg, model, variables, cn, cl, cache=cache, model_id=model_id)
    names = list(settings or cfg.settings or setting_names(cfg.ms))
    if "FP" not in names:
        names = ["FP", *names]
    fp_samples: dict[int, np.ndarray] = {}
    fp_cells: dict[int, tuple] = {}  # seed -> (cell, record): FP cells with no .npy
    built: dict[str, tuple] = {}  # name -> (model, its jitted sampler): one compile
    per: dict[str, list[dict]] = {name: [] for name in names}
    wall: dict[str, float] = dict.fromkeys(names, 0.0)
    # seed-major: every setting's first seed before any second seed, so an
    # interrupted study (resumed from the cells) has every row at >= 1 seed
    for seed in sorted({s for name in names for s in cfg.seeds_for(name)}):
        for name in [n for n in names if seed in cfg.seeds_for(n)]:
            t = time.time()
            cell = cell_path(cache, name, seed, model_id, cfg)
            if cell.with_suffix(".json").exists():  # computed by an earlier run
                per[name].append(json.loads(cell.with_suffix(".json").read_text()))
                if name == "FP" and cell.with_suffix(".npy").exists():
                    fp_samples[seed] = np.load(cell.with_suffix(".npy"))
                elif name == "FP":  # a cell copied without its samples (evidence)
                    fp_cells[seed] = (cell, per[name][-1])
                continue
            if name not in built:
                mdl = study.build(name)
                built[name] = (mdl, make_sampler(mdl, cfg.sampler_steps))
            mdl, sampler = built[name]
            noise, labels = fixed_noise(seed, cfg.n_samples)
            x = sample_all(mdl, variables, noise, labels, cfg.sampler_steps, cfg.batch,
                           sampler)
            if name == "FP":
                fp_samples[seed] = x
                np.save(cell.with_suffix(".npy"), x, allow_pickle=False)
            elif seed in fp_cells and seed not in fp_samples:
                fp_samples[seed] = _regenerate_fp(fp_cells[seed], built, study,
                                                  variables, judge, test_f, seed, cfg)
            elif seed not in fp_samples:
                raise ValueError(f"seed {seed} of {name} has no FP samples: FP must "
                                 "run on every seed (--seeds)")
            f, logits = judge.features(judge.uint8(x))
            per[name].append({
                "seed": seed, "fid": frechet_distance(f, test_f),
                "acc": 100.0 * float(np.mean(logits.argmax(-1) == np.asarray(labels))),
                "psnr": _psnr_to_ref(x, fp_samples[seed]) if name != "FP" else None,
                "wall_s": time.time() - t})
            atomic_write(cell.with_suffix(".json"), json.dumps(per[name][-1]))
            wall[name] += time.time() - t
            if seed == cfg.seeds_for(name)[0]:
                write_grid(run_dir.path / "grids" / f"{name}.png", x[:64])
            run_dir.log(setting=name, **per[name][-1])
            if progress:
                print(f"{name} seed {seed}: FID {per[name][-1]['fid']:.2f} acc "
                      f"{per[name][-1]['acc']:.1f} ({time.time() - t:.0f} s)", flush=True)
    rows: dict[str, dict] = {}
    for name in names:
        rows[name] = {"seeds": per[name], "wall_s": wall[name]}
        for k in ("fid", "acc", "psnr"):
            v = [p[k] for p in per[name] if p[k] is not None]
            rows[name][k] = mean_std(v) if v else None
    maps = cross_plot(study, [m for m in cfg.ms if f"F{m}-learned" in names],
                      run_dir.path / "cross.png")
    res = {"rows": rows, "floor_fid": floor, "floor_images": nf, "floor_fid_n": floor_n,
           "eligible_convs": len(study.layers), "all_convs": study.all_convs,
           "unet_params": meta["params"], "train_steps": meta["steps"],
           "train_wall_s": meta["train_wall_s"],
           "classifier_test_top1": judge.cmeta.get("test_top1"),
           "tune_s": study.tune_s, "n_samples": cfg.n_samples, "seeds": cfg.seeds,
           "range_ratio": {k: float(10 ** (v.max() - v.min())) for k, v in maps.items()},
           "learned_t": {str(m): np.exp(np.asarray(s.log_b + s.log_c)).tolist()
                         for m, s in study.learned.items()},
           "wall_s": time.time() - t0}
    run_dir.write_results(res)
    run_dir.write_report("# Winograd II: diffusion\n\n" + table(res) + "\n")
    return res


def cell_path(cache: pathlib.Path, name: str, seed: int, model_id: str,
              cfg: Config) -> pathlib.Path:
    """The cached result of one (setting, seed) cell, without suffix (``.json``:
    metrics; ``.npy``: the FP samples): keyed by the model and what a cell depends on."""
    return cache / (f"cell-{name}-s{seed}-" + _hash(
        {"model": model_id, "n": cfg.n_samples, "g": cfg.group_size,
         "tune": cfg.tune_steps, "paw": dataclasses.asdict(cfg.paw)}))


def collect(cfg: Config, cache: pathlib.Path, model_id: str, names) -> dict:
    """The table rows from the cells already in ``cache`` (nothing is computed):
    per setting, the seeds of ``cfg.seeds_for`` that have a cell, their metrics and
    mean ± sample std (a row with no cell has no entry)."""
    rows = {}
    for name in names:
        per = []
        for seed in cfg.seeds_for(name):
            f = cell_path(cache, name, seed, model_id, cfg).with_suffix(".json")
            if f.exists():
                per.append(json.loads(f.read_text()))
        if not per:
            continue
        rows[name] = {"seeds": per, "wall_s": sum(p["wall_s"] for p in per)}
        for k in ("fid", "acc", "psnr"):
            v = [p[k] for p in per if p[k] is not None]
            rows[name][k] = mean_std(v) if v else None
    return rows


def _regenerate_fp(cell_rec, built, study, variables, judge, test_f, seed: int,
                   cfg: Config, rtol: float = 1e-3) -> np.ndarray:
    """The FP samples of an FP cell whose ``.npy`` is missing (cells copied from the
    evidence keep only the JSON): sampled again and saved, after checking that they
    give the cell's proxy-FID (else the cells came from another model: the cache key
    names the recipe and data, not the weights)."""
    cell, rec = cell_rec
    if "FP" not in built:
        mdl = study.build("FP")
        built["FP"] = (mdl, make_sampler(mdl, cfg.sampler_steps))
    mdl, sampler = built["FP"]
    noise, labels = fixed_noise(seed, cfg.n_samples)
    x = sample_all(mdl, variables, noise, labels, cfg.sampler_steps, cfg.batch, sampler)
    fid = frechet_distance(judge.features(judge.uint8(x))[0], test_f)
    if abs(fid - rec["fid"]) > rtol * max(1.0, abs(rec["fid"])):
        raise ValueError(f"FP seed {seed} regenerated: proxy-FID {fid:.6f}, but its cell "
                         f"{cell.name} says {rec['fid']:.6f}: the cells were computed "
                         "with other weights; move the run dir's cache away")
    np.save(cell.with_suffix(".npy"), x, allow_pickle=False)
    print(f"FP seed {seed}: samples regenerated (proxy-FID {fid:.4f}, the cell's "
          f"{rec['fid']:.4f})", flush=True)
    return x


def _fmt(v, nd=2) -> str:
    if v is None:
        return "-"
    return f"{v[0]:.{nd}f} ± {v[1]:.{nd}f}"


def table(res: dict) -> str:
    """The InstaFlow-shaped table (ours) and the paper's rows."""
    rows = []
    for name, r in res["rows"].items():
        if "-" in name:
            fm, kind = name.split("-", 1)
            label = f"W8A8 F({fm[1:]},3), {LABELS[kind]}"
        else:
            label = {"FP": "FP32", "W8A8": "W8A8 group-wise, no Winograd"}[name]
        rows.append([label, len(r["seeds"]), _fmt(r["fid"]), _fmt(r["acc"], 1),
                     _fmt(r["psnr"])])
    ours = markdown_table([f"config ({res['n_samples']} samples per seed)", "seeds",
                           "proxy-FID ↓ (mean ± std)", "sample acc. (%) ↑",
                           "PSNR to FP (dB) ↑"], rows)
    paper = markdown_table(["InstaFlow-0.9B (paper)", "FID ↓", "CLIP ↑"],
                           [list(p) for p in PAPER])
    return (f"{ours}\n\nproxy-FID floor (test vs train, {res['floor_images']} images "
            f"each): {res['floor_fid']:.2f}; with {res['n_samples']} real training "
            f"images vs the test set: {res['floor_fid_n']:.2f}; eligible 3x3 stride-1 convs: "
            f"{res['eligible_convs']} of {res['all_convs']}\n\n{paper}")

def main(argv: list[str] | None = None) -> dict:
    p = preset_parser(__doc__)
    p.add_argument("command", nargs="?", default="study",
                   choices=["train", "sample", "study", "cross", "collect"])
    p.add_argument("--variant", default=None)
    p.add_argument("--max-steps", type=int, default=None,
                   help="train: stop after this many steps (resumable)")
    p.add_argument("--n", type=int, default=64, help="sample: images in the grid")
    p.add_argument("--out", default=None, help="sample: output folder")
    p.add_argument("--quant", default=None,
                   help="sample: setting, e.g. W8A8, F6-learned (default FP)")
    p.add_argument("--seed", type=int, default=0, help="sample: noise seed")
    p.add_argument("--n-samples", type=int, default=None, help="study: samples/seed")
    p.add_argument("--seeds", type=int, nargs="+", default=None)
    p.add_argument("--extra-seeds", type=int, nargs="+", default=None,
                   help="study: seeds of the settings outside the paper's four rows")
    p.add_argument("--paw-steps", type=int, default=None,
                   help="study: PAW steps per layer (default 100)")
    p.add_argument("--tune-steps", type=int, default=None,
                   help="study: data-free scale tuning steps (default 300)")
    p.add_argument("--settings", default=None,
                   help="study: comma-separated subset of settings (FP always)")
    p.add_argument("--ms", type=int, nargs="+", default=None,
                   help="study, cross: Winograd F(m,3) tile sizes (default 4 6)")
    p.add_argument("--data-dir", default=None)
    add_devices_flag(p)
    a, preset = parse_run_args(p, argv)
    cfg = Config.smoke() if preset == "smoke" else Config()
    over: dict = {}
    if a.variant:
        over["variant"] = a.variant
    if a.data_dir:
        over["data_dir"] = a.data_dir
    if a.max_steps is not None:
        over["flow"] = dataclasses.replace(cfg.flow, max_steps=a.max_steps)
    cfg = dataclasses.replace(cfg, **over)
    data = load_data(cfg)
    mesh = mesh_from_args(a)
    t0 = time.time()
    if a.command == "train":
        _, _, meta = trained_unet(cfg, data, progress=not a.no_progress, mesh=mesh)
        print(f"trained {meta['steps']} steps, complete={meta['complete']}, "
              f"{meta['train_wall_s']:.0f} s training, wall {time.time() - t0:.0f} s")
        return meta
    if a.command == "sample":
        model, variables, _ = trained_unet(cfg, data, progress=not a.no_progress,
                                           mesh=mesh)
        cn, cl = fixed_noise(999, cfg.calib_samples)
        name = a.quant or "FP"
        mdl = Study(cfg, model, variables, cn, cl).build(name)
        noise, labels = fixed_noise(a.seed, a.n)
        x = sample_all(mdl, variables, noise, labels, cfg.sampler_steps, cfg.batch)
        out = pathlib.Path(a.out or "runs/diffusion_samples") / f"{name}.png"
        write_grid(out, x)
        print(f"wrote {out} ({a.n} samples, seed {a.seed}, {name})")
        return {"path": str(out)}
    if a.n_samples:
        cfg = dataclasses.replace(cfg, n_samples=a.n_samples)
    if a.tune_steps is not None:
        cfg = dataclasses.replace(cfg, tune_steps=a.tune_steps)
    if a.seeds:
        cfg = dataclasses.replace(cfg, seeds=tuple(a.seeds))
    if a.extra_seeds:
        cfg = dataclasses.replace(cfg, extra_seeds=tuple(a.extra_seeds))
    if a.ms:
        cfg = dataclasses.replace(cfg, ms=tuple(a.ms))
    if a.paw_steps is not None:
        cfg = dataclasses.replace(cfg, paw=dataclasses.replace(cfg.paw,
                                                               steps=a.paw_steps))
    settings = a.settings.split(",") if a.settings else None
    workdir = a.workdir or ("runs/diffusion_smoke" if a.smoke else
                            f"runs/diffusion_{cfg.variant}")
    if a.command == "collect":  # the table from the cells present, no computing
        _, variables, meta = trained_unet(cfg, data, progress=not a.no_progress)
        names = settings or list(cfg.settings or setting_names(cfg.ms))
        rows = collect(cfg, pathlib.Path(workdir) / "cache",
                       _model_id(cfg, meta, variables), names)
        for name, r in rows.items():
            fids = " / ".join(f"{p['fid']:.2f}" for p in r["seeds"])
            print(f"{name}: seeds {[p['seed'] for p in r['seeds']]} FID {_fmt(r['fid'])} "
                  f"({fids}) acc {_fmt(r['acc'], 1)} PSNR {_fmt(r['psnr'])}")
        judge = Judge(cfg, data, not a.no_progress)
        _, fl = floors(cfg, data, judge, pathlib.Path(workdir) / "cache")
        print(f"proxy-FID floor (test vs train, {fl['floor_images']} images each): "
              f"{fl['floor_fid']:.2f}; {fl['n_samples']} real training images vs the "
              f"test set: {fl['floor_fid_n']:.2f}")
        out = pathlib.Path(workdir) / "collected.json"
        atomic_write(out, json.dumps({"n_samples": cfg.n_samples, "rows": rows,
                                      "floors": fl}, indent=1))
        print(f"wrote {out}")
        return rows
    if a.command == "cross":  # the cross plot alone, scales from the run dir's cache
        model, variables, meta = trained_unet(cfg, data, progress=not a.no_progress,
                                              mesh=mesh)
        cn, cl = fixed_noise(999, cfg.calib_samples)
        cache = pathlib.Path(workdir) / "cache"
        study = Study(cfg, model, variables, cn, cl, cache=cache,
                      model_id=_model_id(cfg, meta, variables))
        maps = cross_plot(study, cfg.ms, pathlib.Path(workdir) / "cross.png")
        ratios = {k: float(10 ** (v.max() - v.min())) for k, v in maps.items()}
        learned_t = {str(m): np.exp(np.asarray(s.log_b + s.log_c)).tolist()
                     for m, s in study.learned.items()}
        atomic_write(pathlib.Path(workdir) / "cross.json", json.dumps(
            {"range_ratio": ratios, "learned_t": learned_t,
             "maps": {k: v.tolist() for k, v in maps.items()}}, indent=1))
        print(f"wrote {workdir}/cross.png; max/min std over positions: {ratios}")
        return ratios
    res = run(cfg, workdir, settings=settings, progress=not a.no_progress,
              overwrite=a.overwrite, mesh=mesh)
    print(table(res))
    print(f"wall {time.time() - t0:.0f} s; run directory: {workdir}")
    return res


if __name__ == "__main__":
    main()
