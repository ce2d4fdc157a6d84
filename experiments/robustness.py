"""Super-resolution as an adversarial defence: ``python -m experiments.robustness``.

"Super-Efficient Super Resolution for Fast Adversarial Defense at the Edge"
(Bhardwaj et al., arXiv 2112.14340) after "Image Super-Resolution as a Defense
Against Adversarial Attacks" (Mustafa et al., arXiv 1901.01677); spec ``sesr.md``
§3.3. Classifier: the cached CIFAR-10 ResNet-20 (``float_base("resnet20",
"cifar10")``, never retrained here). Defence (small-scale variant of §3.3, keeps the
classifier's 32 x 32 input)::

    D(x) = up_x2(bicubic_down_x2(x)),   up = SESR-M5 | SESR-M11 | FSRCNN | bicubic

SR nets work on Y (BT.601); Cb/Cr are upscaled by bicubic (our choice, as in P2's
RGB pipeline [U]); all resizes are the float MATLAB bicubic as matrices, so D is
differentiable. The SR nets are trained on T91 with one shared budget (``sr_train``)
by ``experiments.sesr`` (cache shared). No wavelet denoising.

Attacks (L-inf, eps in {2, 4, 8}/255): FGSM and PGD-10 (random start, alpha =
eps/4). *Gray-box*: adversarial examples from the classifier's gradient only, shared
by all defences (P2/P3 protocol). *Adaptive* (issue 21 item 4), so robustness is not
overstated: PGD-10 on each defended pipeline f(D(x)). D is differentiable (matrix
resizes, colour matrices, convs, PReLU, clips), so the default is the exact
full gradient through D and f (``--adaptive full``,
:func:`jaxeff.ops.attacks.pipeline_loss`); ``--adaptive bpda`` adds PGD with the
BPDA straight-through gradient (forward D, backward identity), with the same
random starts. Nothing in D is randomized (no random resize, noise or dropout; the
only randomness is PGD's own start), so no expectation-over-transformation (EOT)
variant is needed.

The default preset evaluates the first ``n_test`` = 1,000 CIFAR-10 test images
(fixed, class-balanced order of the JPEG copy) to fit minutes on a CPU.
"""

from __future__ import annotations

import dataclasses
import pathlib
import time
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from experiments._cli import parse_run_args, preset_parser, run_and_report
from jaxeff.data.sr import resize_macs, resize_matrix
from jaxeff.nets.sesr import (
    bicubic_macs,
    fsrcnn_macs,
    sesr_macs,
)
from jaxeff.ops.attacks import cross_entropy_loss, fgsm, pgd, pipeline_loss
from jaxeff.report import RunDir, markdown_table
from jaxeff.train_sr import SRTrainConfig
from jaxeff.zoo import ModelSpec as TrainRun
from jaxeff.zoo import float_base, inference_sr, is_cached, model_kwargs, trained_model

_Y = np.array([65.481, 128.553, 24.966]) / 255.0
_YCC = np.array([[65.481, 128.553, 24.966], [-37.797, -74.203, 112.0],
                 [112.0, -93.786, -18.214]]) / 255.0
_OFF = np.array([16.0, 128.0, 128.0]) / 255.0
#: adaptive attack mode -> column label prefix
ADAPTIVE = {"full": "full-grad", "bpda": "BPDA"}


@dataclasses.dataclass(frozen=True, kw_only=True)
class Config:
    classifier: TrainRun = float_base("resnet20", "cifar10")
    n_test: int = 1000
    batch: int = 250
    eps: tuple[int, ...] = (2, 4, 8)  # in 1/255
    pgd_steps: int = 10
    defences: tuple[str, ...] = ("bicubic", "sesr_m5", "sesr_m11", "fsrcnn")
    sr_train: SRTrainConfig = SRTrainConfig(steps=4_000)
    # adaptive PGD through the defence: "full" (exact gradient, default) and / or
    # "bpda" (straight-through); () = none
    adaptive: tuple[str, ...] = ("full",)
    adaptive_eps: tuple[int, ...] = (2, 4, 8)
    sr_data_dir: str | None = None
    seed: int = 0
    require_cached: bool = True  # never retrain the shared CIFAR-10 ResNet-20

    def __post_init__(self) -> None:
        bad = [m for m in self.adaptive if m not in ADAPTIVE]
        if bad or len(set(self.adaptive)) != len(self.adaptive):
            raise ValueError(f"adaptive must be distinct modes from {tuple(ADAPTIVE)}, "
                             f"got {self.adaptive}")
    @staticmethod
    def smoke() -> Config:
        return Config(classifier=TrainRun.smoke(), n_test=32, batch=16, eps=(4,),
                      pgd_steps=2, defences=("bicubic", "sesr_tiny"),
                      sr_train=SRTrainConfig(steps=5, batch_size=4, lr_patch=16,
                                             ckpt_every=5, log_every=5),
                      adaptive=("full", "bpda"), adaptive_eps=(4,),
                      require_cached=False)

    @staticmethod
    def default() -> Config:
        return Config()


def _colour(x: jax.Array, m: np.ndarray, off: np.ndarray | None = None) -> jax.Array:
    y = jnp.einsum("nhwc,dc->nhwd", x, jnp.asarray(m, x.dtype))
    return y if off is None else y + jnp.asarray(off, x.dtype)


def _resize(x: jax.Array, mh: np.ndarray, mw: np.ndarray) -> jax.Array:
    x = jnp.einsum("oh,nhwc->nowc", jnp.asarray(mh, x.dtype), x)
    return jnp.einsum("pw,nhwc->nhpc", jnp.asarray(mw, x.dtype), x)


def make_defence(up_fn: Any, hw: tuple[int, int]) -> Any:
    """``D(x)``: bicubic x1/2 then x2 with ``up_fn`` on Y (None: bicubic on RGB).

    ``x [N, H, W, C]`` in [0, 1] (C = 3 RGB or 1 gray) -> same shape, clipped.
    """
    h, w = hw
    dh, dw = resize_matrix(h, 0.5), resize_matrix(w, 0.5)
    uh, uw = resize_matrix(h // 2, 2.0), resize_matrix(w // 2, 2.0)

    def d(x):
        lr = _resize(x, dh, dw)
        if up_fn is None:
            return jnp.clip(_resize(lr, uh, uw), 0.0, 1.0)
        if x.shape[-1] == 1:
            return jnp.clip(up_fn(jnp.clip(lr, 0, 1)), 0.0, 1.0)
        ycc = _colour(lr, _YCC, _OFF)
        y = up_fn(jnp.clip(ycc[..., :1], 0.0, 1.0))
        cbcr = _resize(ycc[..., 1:], uh, uw)
        rgb = _colour(jnp.concatenate([y, cbcr], -1) - jnp.asarray(_OFF, x.dtype),
                      np.linalg.inv(_YCC))
        return jnp.clip(rgb, 0.0, 1.0)

    return d


def defence_macs(name: str, hw: tuple[int, int], channels: int) -> int:
    """Downscale (all channels) + upscale MACs (colour conversions excluded)."""
    lr = (hw[0] // 2, hw[1] // 2)
    down = resize_macs(hw, 0.5, channels)
    if name == "none":
        return 0
    if name == "bicubic":
        return down + bicubic_macs(lr, 2, channels)
    chroma = bicubic_macs(lr, 2, channels - 1) if channels > 1 else 0
    if name == "fsrcnn":
        return down + fsrcnn_macs(2, lr) + chroma
    key = name.removeprefix("sesr_").upper()
    return down + sesr_macs("tiny" if key == "TINY" else key, 2, lr) + chroma


def run(cfg: Config, workdir: str | pathlib.Path, *, progress: bool = True,
        overwrite: bool = False) -> dict[str, Any]:
    """Clean / gray-box / adaptive accuracy of every defence; writes the report."""
    run_dir = RunDir(workdir, cfg, overwrite=overwrite)
    t0 = time.time()
    if cfg.require_cached:
        from jaxeff.data.vision import load_vision

        c = cfg.classifier
        d = load_vision(c.dataset, c.data_dir, val_size=c.val_size)
        if not is_cached(c.model, d, c.train, model_kwargs=model_kwargs(c)):
            raise FileNotFoundError(
                f"the cached {c.model} on {c.dataset} is missing from $JAXEFF_CACHE/"
                "models; train it once with `python -m experiments.train_classifier "
                f"--model {c.model} --dataset {c.dataset} --epochs {c.train.epochs}`")
    model, variables, data, meta = trained_model(cfg.classifier, progress=progress)
    mean = jnp.asarray(data.mean, jnp.float32)
    std = jnp.asarray(data.std, jnp.float32)
    n = min(cfg.n_test, len(data.test))
    xs = data.test.images[:n].astype(np.float32) / 255.0
    ys = data.test.labels[:n]
    hw, ch = xs.shape[1:3], xs.shape[3]

    def logits(x):
        return model.apply(variables, (x - mean) / std)[0]

    def full(name):
        d = defences[name]
        return logits if d is None else (lambda x: logits(d(x)))

    gray = cross_entropy_loss(logits)
    fgsm_j = jax.jit(lambda x, y, e: fgsm(gray, x, y, e))
    pgd_j = jax.jit(lambda k, x, y, e: pgd(k, gray, x, y, e, steps=cfg.pgd_steps))

    def accuracy(fn, images):
        correct = 0
        for i in range(0, n, cfg.batch):
            p = np.asarray(jnp.argmax(fn(jnp.asarray(images[i:i + cfg.batch])), -1))
            correct += int((p == ys[i:i + cfg.batch]).sum())
        return 100.0 * correct / n

    def attack(fn_batch, tag):
        out = np.empty_like(xs)
        for i in range(0, n, cfg.batch):
            out[i:i + cfg.batch] = np.asarray(fn_batch(i, jnp.asarray(xs[i:i + cfg.batch]),
                                                       jnp.asarray(ys[i:i + cfg.batch])))
        return out

    sets: dict[str, np.ndarray] = {"clean": xs}
    key = jax.random.key(cfg.seed)
    steps = [(f"FGSM {e}/255", "fgsm", e) for e in cfg.eps] + [
        (f"PGD{cfg.pgd_steps} {e}/255", "pgd", e) for e in cfg.eps]
    bar = None
    if progress:
        from tqdm.auto import tqdm

        n_adapt = len(cfg.adaptive) * len(cfg.adaptive_eps) * (len(cfg.defences) + 1)
        bar = tqdm(total=len(steps) + n_adapt, desc="attacks", leave=False)
    for label, kind, e in steps:
        eps = e / 255.0
        if kind == "fgsm":
            sets[label] = attack(lambda i, x, y: fgsm_j(x, y, eps), label)
        else:
            sets[label] = attack(lambda i, x, y: pgd_j(jax.random.fold_in(key, i * 997 + e),
                                                        x, y, eps), label)
        if bar is not None:
            bar.update(1)
    # SR nets are loaded after the gray-box attacks (those never see the defence)
    defences: dict[str, Any] = {"none": None}
    sr_meta = {}
    for name in cfg.defences:
        if name == "bicubic":
            defences[name] = make_defence(None, hw)
            continue
        # collapsed SESR / FSRCNN: shipped weights if they match, else trained here
        m, v, mt = inference_sr(name, 2, cfg.sr_train, cfg.sr_data_dir,
                                progress=progress)
        sr_meta[name] = {"train_steps": cfg.sr_train.steps,
                         "train_wall_s": mt.get("train_wall_s")}
        defences[name] = make_defence(lambda y, m=m, v=v: m.apply(v, y)[0], hw)

    acc_fns = {k: jax.jit(full(k)) for k in defences}
    table_rows = {}
    for name in defences:
        row = {k: accuracy(acc_fns[name], v) for k, v in sets.items()}
        for mode in cfg.adaptive:
            loss = pipeline_loss(logits, defences[name], mode)
            adj = jax.jit(lambda k, x, y, e, loss=loss: pgd(k, loss, x, y, e,
                                                            steps=cfg.pgd_steps))
            for e in cfg.adaptive_eps:  # same random starts for every mode
                adv = attack(lambda i, x, y: adj(jax.random.fold_in(key, i * 991 + e),
                                                 x, y, e / 255.0), "adaptive")
                col = f"{ADAPTIVE[mode]} PGD{cfg.pgd_steps} {e}/255"
                row[col] = accuracy(acc_fns[name], adv)
                if bar is not None:
                    bar.update(1)
        row["macs"] = defence_macs(name, hw, ch)
        table_rows[name] = row
        run_dir.log(defence=name, **row)
    if bar is not None:
        bar.close()
    results = {"classifier": cfg.classifier.model, "dataset": cfg.classifier.dataset,
               "classifier_test_top1_full": meta.get("test_top1"), "n_test": n,
               "adaptive": cfg.adaptive, "rows": table_rows, "sr": sr_meta,
               "wall_s": time.time() - t0}
    run_dir.write_results(results)
    run_dir.write_report("# SR adversarial defence\n\n" + table(results) + "\n")
    return results


def table(results: dict[str, Any]) -> str:
    rows = results["rows"]
    cols = [k for k in next(iter(rows.values())) if k != "macs"]
    head = ["defence", "MACs / image", *cols]
    body = [[k, f"{r['macs']:,}", *[f"{r[c]:.1f}" for c in cols]] for k, r in rows.items()]
    adaptive = results["adaptive"]
    note = (f"{results['classifier']} on {results['dataset']}, top-1 (%) on the first "
            f"{results['n_test']} test images; gray-box FGSM / PGD: the classifier's "
            f"gradient only; adaptive ({', '.join(adaptive) or 'none'}): PGD on f(D(x)), "
            "full-grad = exact gradient through D, BPDA = D's backward as identity.")
    return note + "\n\n" + markdown_table(head, body)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    p = preset_parser(__doc__.splitlines()[0])
    p.add_argument("--n-test", type=int, default=None)
    p.add_argument("--eps", type=int, nargs="+", default=None, help="in 1/255")
    p.add_argument("--defences", nargs="+", default=None)
    p.add_argument("--sr-steps", type=int, default=None)
    p.add_argument("--adaptive", nargs="+", choices=[*ADAPTIVE, "none"], default=None,
                   help="adaptive PGD modes (default: full); 'none' skips them")
    p.add_argument("--adaptive-eps", type=int, nargs="+", default=None)
    a, preset = parse_run_args(p, argv)
    cfg = Config.smoke() if preset == "smoke" else Config.default()
    over: dict[str, Any] = {}
    if a.n_test is not None:
        over["n_test"] = a.n_test
    if a.adaptive is not None:
        over["adaptive"] = () if a.adaptive == ["none"] else tuple(a.adaptive)
    for k in ("eps", "defences", "adaptive_eps"):
        if getattr(a, k):
            over[k] = tuple(getattr(a, k))
    if a.sr_steps:
        over["sr_train"] = dataclasses.replace(cfg.sr_train, steps=a.sr_steps)
    cfg = dataclasses.replace(cfg, **over)
    workdir = a.workdir or f"runs/robustness_{preset}"
    return run_and_report(run, table, cfg, workdir, a)


if __name__ == "__main__":
    main()
