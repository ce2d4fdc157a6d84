"""Maintainers: put a trained float model into jaxeff/weights/files with its card.

Issue 24. The model comes from the zoo's cache (or is trained now, exactly as the
experiments would), never from shipped weights; its metrics are measured here, on
this device, and written into the card with the command, commit, device, jax
version and sha256 (:func:`jaxeff.weights.ship`).

    python tools/ship_weights.py classifier --model vit_digits/2 --dataset digits
    python tools/ship_weights.py classifier --model resnet20 --dataset cifar10
    python tools/ship_weights.py sesr-default      # SESR-M5 x2/x4 collapsed + FSRCNN x2
    python tools/ship_weights.py robustness-sr     # the robustness study's x2 nets
    python tools/ship_weights.py diffusion         # the flow UNet ("cpu") + its judge

Add ``--overwrite`` to replace an existing card. Then run ``python -m jaxeff.weights``.
"""

from __future__ import annotations

import argparse
import shlex
import sys

from jaxeff import weights, zoo
from jaxeff.data.vision import Split
from jaxeff.report import to_jsonable
from jaxeff.train import evaluate


def _command() -> str:
    return "python tools/ship_weights.py " + shlex.join(sys.argv[1:])


def ship_classifier(model: str, dataset: str, overwrite: bool,
                    spec: zoo.ModelSpec | None = None, train_command: str | None = None
                    ) -> dict:
    spec = spec or zoo.float_base(model, dataset)
    with weights.use_shipped(False):
        net, variables, data, meta = zoo.trained_model(spec)
    _, key = zoo._model_cache(spec.model, data, spec.train, zoo.model_kwargs(spec))
    full = evaluate(net, variables, data)
    n = min(1000, len(data.test))
    sub = evaluate(net, variables, Split(data.test.images[:n], data.test.labels[:n]),
                   preprocess=data.preprocess)
    name = f"{model.replace('/', '-')}_{dataset}"
    card = weights.ship(
        name, "classifier", variables, key, overwrite=overwrite, command=_command(),
        metrics={"test_top1": round(full, 2), f"test_top1_first{n}": round(sub, 2)},
        meta=meta, data_sha256=data.fingerprint, spec=to_jsonable(spec),
        train_command=train_command or (
            f"python -m experiments.train_classifier --model {model} "
            f"--dataset {dataset} --epochs {spec.train.epochs}; the "
            f"recipe of jaxeff.zoo.float_base({model!r}, {dataset!r})"))
    return card


def ship_diffusion(overwrite: bool) -> list[dict]:
    """The diffusion study's rectified-flow UNet (EMA weights, kind "diffusion") and
    its proxy-FID judge (the MNIST ResNet-20 of ``experiments.diffusion.Judge``)."""
    import pathlib

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))  # experiments/
    from experiments import diffusion as dx
    from jaxeff.flow import flow_cache_key

    cfg = dx.Config()
    data = dx.load_data(cfg)
    with weights.use_shipped(False):
        model, variables, meta = dx.trained_unet(cfg, data, progress=False)
    if not meta.get("complete"):
        raise SystemExit(f"the UNet stopped at step {meta['steps']}: train it first")
    key = flow_cache_key(f"unet_{cfg.variant}", cfg.flow, dx.unet_data_key(cfg, data))
    card = weights.ship(
        f"unet_{cfg.variant}_{cfg.dataset}_flow", "diffusion", variables, key,
        overwrite=overwrite, command=_command(),
        metrics={"final_train_loss": round(meta["history"][-1]["loss"], 5),
                 "steps": meta["steps"],
                 "probe_velocity_rms": round(dx.probe_velocity_rms(model, variables), 6)},
        meta=meta, data_sha256=data.fingerprint, config=to_jsonable(cfg),
        architecture=f"jaxeff.nets.unet.unet({cfg.variant!r}, {data.num_classes})",
        train_command="python -m experiments.diffusion train")
    spec = dx.judge_spec(cfg)
    judge = ship_classifier(spec.model, spec.dataset, overwrite, spec=spec,
                            train_command="python -m experiments.diffusion study (its "
                            "Judge: jaxeff.zoo.trained_model(experiments.diffusion."
                            "judge_spec(Config())))")
    return [card, judge]


def _sr_metrics(model, variables, scale: int, data_dir: str | None) -> dict:
    import jax

    from jaxeff.data.sr import load_sr_pairs, sr_root
    from jaxeff.train_sr import evaluate_sr

    root = sr_root(data_dir)
    fn = jax.jit(lambda x: model.apply(variables, x)[0])
    out = {}
    for st in ("Set5", "Set14"):
        p = load_sr_pairs(root / st / "HR", scale,
                          root / st / "LR_bicubic" / f"X{scale}")
        r = evaluate_sr(fn, p)
        out[f"{st}_psnr"] = round(float(r["psnr"]), 3)
        out[f"{st}_ssim"] = round(float(r["ssim"]), 4)
    return out


def _ship_sr(name: str, net: str, scale: int, tcfg, data_dir, *, collapsed: bool,
             overwrite: bool, **key_args) -> dict:
    from jaxeff.nets.sesr import SESR, export_sesr

    with weights.use_shipped(False):
        model, variables, meta = zoo.trained_sr(net, scale, tcfg, data_dir, **key_args)
    if collapsed and isinstance(model, SESR):
        model, variables = export_sesr(model, variables)
        kind = "sr-collapsed"
    else:
        kind = "sr"
    key = zoo.sr_cache_key(net, scale, tcfg, **key_args)
    return weights.ship(
        name, kind, variables, key, overwrite=overwrite, command=_command(),
        metrics=_sr_metrics(model, variables, scale, data_dir), meta=meta,
        data_sha256=zoo._t91_fingerprint(data_dir))


def ship_sesr_default(overwrite: bool) -> list[dict]:
    from experiments.sesr import Config, train_cfg

    cfg = Config.default()
    split = dict(val_images=cfg.val_images, val_seed=cfg.val_seed,
                 val_tol_db=cfg.val_tol_db)
    cards = []
    for s in (2, 4):
        init = (cfg.model, cfg.train_x2) if s == 4 and cfg.x4_from_x2 else None
        cards.append(_ship_sr(f"{cfg.model}_x{s}_collapsed", cfg.model, s,
                              train_cfg(cfg, s), cfg.data_dir, collapsed=True,
                              overwrite=overwrite, init_from=init, **split))
    cards.append(_ship_sr(f"{cfg.baseline}_x2_same_budget", cfg.baseline, 2,
                          cfg.compare, cfg.data_dir, collapsed=False,
                          overwrite=overwrite, **split))
    return cards


def ship_robustness_sr(overwrite: bool) -> list[dict]:
    from experiments.robustness import Config

    cfg = Config()
    return [_ship_sr(f"{n}_x2_robustness", n, 2, cfg.sr_train, cfg.sr_data_dir,
                     collapsed=True, overwrite=overwrite)
            for n in cfg.defences if n != "bicubic"]


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("what", choices=["classifier", "sesr-default", "robustness-sr",
                                     "diffusion"])
    p.add_argument("--model")
    p.add_argument("--dataset")
    p.add_argument("--overwrite", action="store_true")
    a = p.parse_args(argv)
    if a.what == "classifier":
        if not (a.model and a.dataset):
            p.error("classifier needs --model and --dataset")
        cards = [ship_classifier(a.model, a.dataset, a.overwrite)]
    elif a.what == "diffusion":
        cards = ship_diffusion(a.overwrite)
    elif a.what == "sesr-default":
        cards = ship_sesr_default(a.overwrite)
    else:
        cards = ship_robustness_sr(a.overwrite)
    for c in cards:
        print(c["name"], c["kind"], c["bytes"], c["sha256"][:12], c["metrics"])


if __name__ == "__main__":
    main()
