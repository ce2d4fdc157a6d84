"""SESR / FSRCNN on Arm Ethos-U (Vela estimates): ``python -m experiments.sesr_npu``.

"Collapsible Linear Blocks for Super-Efficient Super Resolution" (Bhardwaj et al.,
arXiv 2103.09404) and "Super-Efficient Super Resolution for Fast Adversarial Defense
at the Edge" (arXiv 2112.14340); spec ``sesr.md``, issue 21 items 2-3. Prints:

1. depth-to-space on the NPU: Vela's CPU operator count of SESR-M5 x2 with
   DEPTH_TO_SPACE vs with the one-hot stride-2 TRANSPOSE_CONV (:mod:`jaxeff.nets.
   sesr_npu`, D1);
2. 1080p -> 4K (x2) and 1080p -> 8K (x4) FPS from LR tiles of ``core`` pixels plus
   a receptive-field halo, per net and platform (U55-128, U55-256, U65-256 with
   Vela's named system configs, Shared_Sram), with MACs and CPU operator counts;
3. the defence pipeline (SR x2 of the 16 x 16 LR image, then ResNet-20 on 32 x 32)
   FPS per SR net and the ratio to SESR-M5's.

Int8 graphs with seeded random weights (Vela's cycle estimate depends on shapes, not
weight values). Vela estimates, not silicon.

    python -m experiments.sesr_npu                 # all nets, x2 and x4, 3 platforms
    python -m experiments.sesr_npu --smoke         # M3 + FSRCNN x2, U55-128, < 1 min
    python -m experiments.sesr_npu psnr --scale 2  # shipped SESR-M5 int8: Set5/Set14
    python -m experiments.sesr_npu export --scale 2 --out DIR [--hw 360 640]
    python -m experiments.sesr_npu qat --scale 2 [--steps 2000 --lr 1e-4]  # int8 QAT

``qat`` (issue 21 item 1, QAT part): fine-tunes the shipped SESR-M5 as
:class:`jaxeff.nets.sesr_qat8.Int8SESR` (forward = the int8 TFLite's arithmetic),
chooses the checkpoint on 10 held-out T91 images (step 0 = PTQ included), scores its
forward, ``to_jax`` int8 and LiteRT on Set5 / Set14 and writes the int8 ``.tflite``.

``psnr`` / ``export`` (issue 21 item 1, export part): the shipped collapsed SESR-M5
(float training, no QAT) post-training quantized to int8 TFLite
(:mod:`jaxeff.nets.sesr_export`, TRANSPOSE_CONV upsampling), calibrated on the LR of
the first ``--calib`` T91 images (training data, never the test sets); Y-PSNR on
Set5 / Set14 (rounded Y, crop s) of JAX float, JAX int8 (``to_jax``), LiteRT with
the reference kernels and LiteRT's default runtime, and their agreement.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pathlib
import sys
import time
from typing import Any

from experiments._cli import parse_run_args, preset_parser, run_and_report
from jaxeff.nets.sesr_npu import (
    NPU_PLATFORMS,
    defence_fps,
    graph_fps,
    halo,
    sesr_graph,
    tile_fps,
)
from jaxeff.report import RunDir, markdown_table

NETS = ("M3", "M5", "M7", "M11", "XL", "fsrcnn")


@dataclasses.dataclass(frozen=True)
class Config:
    """``nets`` x ``scales`` on ``platforms``; LR frame ``lr_hw`` (1080p) in
    ``core``-pixel tiles; defence SR nets ``defence``."""

    nets: tuple[str, ...] = NETS
    scales: tuple[int, ...] = (2, 4)
    platforms: tuple[str, ...] = tuple(NPU_PLATFORMS)
    core: int = 120
    lr_hw: tuple[int, int] = (1080, 1920)
    defence: tuple[str, ...] = ("M3", "M5", "M11", "XL", "fsrcnn", "edsr")
    seed: int = 0

    def __post_init__(self) -> None:
        for pf in self.platforms:
            if pf not in NPU_PLATFORMS:
                raise ValueError(f"platforms: {pf!r} not in {sorted(NPU_PLATFORMS)}")
        for n in self.nets:
            if n not in NETS:
                raise ValueError(f"nets: {n!r} not in {NETS}")
        if self.core < 8:
            raise ValueError(f"core must be >= 8 LR pixels, got {self.core}")

    @staticmethod
    def smoke() -> Config:
        return Config(nets=("M3", "fsrcnn"), scales=(2,), platforms=("u55-128",),
                      core=60, defence=("M5", "fsrcnn"))

    @staticmethod
    def default() -> Config:
        return Config()


def d2s_check(cfg: Config) -> dict[str, Any]:
    """Vela CPU operators of SESR-M5 x2 (one tile) with DEPTH_TO_SPACE vs the TCONV."""
    t = cfg.core + 2 * halo("M5", 2)
    out = {}
    for mode in ("d2s", "tconv"):
        r = graph_fps(sesr_graph("M5", 2, (t, t), d2s=mode, seed=cfg.seed),
                      cfg.platforms, seed=cfg.seed, out_range=(0.0, 1.0))
        out[mode] = {pf: {"cpu_ops": v["cpu_ops"], "cycles": v["cycles"], "ops": v["ops"]}
                     for pf, v in r.items()}
    return out


def run(cfg: Config, workdir: str | pathlib.Path, *, progress: bool = True,
        overwrite: bool = False) -> dict[str, Any]:
    rd = RunDir(workdir, cfg, overwrite=overwrite)
    t0 = time.time()
    res: dict[str, Any] = {"d2s": d2s_check(cfg), "frames": []}
    for scale in cfg.scales:
        for net in cfg.nets:
            row = tile_fps(net, scale, cfg.platforms, core=cfg.core, lr_hw=cfg.lr_hw,
                           seed=cfg.seed)
            res["frames"].append(row)
            rd.log(net=net, scale=scale, **{pf: row[pf]["fps"] for pf in cfg.platforms})
            if progress:
                print(f"  {net} x{scale}: " + ", ".join(
                    f"{pf} {row[pf]['fps']:.3g} fps" for pf in cfg.platforms)
                    + f" ({time.time() - t0:.0f} s)", flush=True)
    res["defence"] = defence_fps(cfg.platforms, srs=cfg.defence, seed=cfg.seed)
    res["config"] = dataclasses.asdict(cfg)
    rd.write_results(res)
    rd.write_report(report(res))
    return res


def report(res: dict[str, Any]) -> str:
    """Markdown tables of a run."""
    cfg = res["config"]
    pfs = cfg["platforms"]
    parts = ["# SESR on Ethos-U (Vela estimates, int8, random weights)\n"]
    parts.append("## Depth-to-space (SESR-M5 x2 tile)\n\n" + markdown_table(
        ["upsampling", *[f"{pf} CPU ops" for pf in pfs], *[f"{pf} cycles" for pf in pfs]],
        [[m, *[res["d2s"][m][pf]["cpu_ops"] for pf in pfs],
          *[res["d2s"][m][pf]["cycles"] for pf in pfs]] for m in ("d2s", "tconv")]))
    h, w = cfg["lr_hw"]
    rows = []
    for r in res["frames"]:
        rows.append([r["net"], f"x{r['scale']}", f"{r['tile']}^2 ({r['core']}+2*{r['halo']})",
                     r["tiles"], f"{r['macs_frame_ideal'] / 1e9:.1f}",
                     f"{r['macs_tile'] * r['tiles'] / 1e9:.1f}",
                     *[r[pf]["cycles"] for pf in pfs],
                     *[f"{r[pf]['fps']:.3g}" for pf in pfs],
                     sum(r[pf]["cpu_ops"] for pf in pfs)])
    parts.append(f"\n## {w}x{h} LR frame -> x2 / x4, from tiles\n\n" + markdown_table(
        ["net", "scale", "tile (core+2*halo)", "tiles", "GMAC frame", "GMAC tiled",
         *[f"{pf} cycles/tile" for pf in pfs], *[f"{pf} FPS" for pf in pfs], "CPU ops"],
        rows))
    d = res["defence"]
    rows = []
    for sr in (k for k in d if k != "classifier"):
        rows.append([sr, *[d[sr][pf]["cycles"] for pf in pfs],
                     *[f"{d[sr][pf]['pipeline_fps']:.0f}" for pf in pfs],
                     *[f"{d['M5'][pf]['pipeline_fps'] / d[sr][pf]['pipeline_fps']:.2f}"
                       if "M5" in d else "-" for pf in pfs],
                     sum(d[sr][pf]["cpu_ops"] for pf in pfs)])
    parts.append("\n## Defence: SR x2 (16x16 -> 32x32) + ResNet-20 (classifier "
                 + ", ".join(f"{pf} {d['classifier'][pf]['cycles']} cycles" for pf in pfs)
                 + ")\n\n" + markdown_table(
                     ["SR", *[f"{pf} SR cycles" for pf in pfs],
                      *[f"{pf} pipeline FPS" for pf in pfs],
                      *[f"{pf} M5 FPS / this" for pf in pfs], "CPU ops"], rows))
    return "\n".join(parts)


def int8_psnr(scale: int, *, calib: int = 8, sets: tuple[str, ...] = ("Set5", "Set14"),
              data_dir: str | None = None, qat: tuple[Any, dict] | None = None,
              limit: int | None = None) -> dict[str, Any]:
    """Y-PSNR / SSIM of SESR-M5 float vs int8 (JAX and LiteRT) and the agreement.

    ``qat``: an int8-QAT ``(Int8SESR, variables)`` (:mod:`jaxeff.nets.sesr_qat8`):
    its weights and frozen ranges are exported instead of the post-training ones,
    and its own forward is scored too (``qat_jax``, agreement ``qat``)."""
    import numpy as np

    from jaxeff.data.sr import load_sr_pairs, rgb_to_y, sr_root
    from jaxeff.metrics import psnr, ssim
    from jaxeff.nets.sesr_export import (
        calibrate_sesr,
        export_int8,
        jax_int8,
        quantize_input,
        shipped_collapsed,
        t91_calibration,
    )
    from jaxeff.tflite.compare import match_stats, run_litert

    inf, v = shipped_collapsed(scale)
    if qat is None:
        params = v["params"]
        ranges = calibrate_sesr(params, t91_calibration(scale, calib, data_dir))
    else:
        from jaxeff.nets.sesr_qat8 import qat8_ranges

        params = {k: np.asarray(a) for k, a in qat[1]["params"].items()}
        ranges = qat8_ranges(qat[0], params)
        qfwd = jax_jit_apply(qat[0], qat[1])
    out: dict[str, Any] = {"scale": scale, "calib_t91_images": calib,
                           "weights": "post-training int8" if qat is None else "int8 QAT"}
    for name in sets:
        root = sr_root(data_dir) / name
        pairs = load_sr_pairs(root / "HR", scale, root / "LR_bicubic" / f"X{scale}")
        scores: dict[str, list] = {k: [] for k in ("float", "jax_int8", "litert_ref",
                                                   "litert_auto")}
        agree: dict[str, list] = {"ref": [], "auto": []}
        if qat is not None:
            scores["qat_jax"], agree["qat"] = [], []
        for hr, lr in list(zip(pairs.hr, pairs.lr))[:limit]:
            y = rgb_to_y(lr).astype(np.float32) / 255.0
            ref = rgb_to_y(hr)
            buf = export_int8(params, y.shape, ranges)
            q = quantize_input(buf, y)
            outs = {"float": np.asarray(inf.apply(v, y[None, :, :, None])[0])[0, :, :, 0]
                    * 255.0,
                    "jax_int8": jax_int8(params, y.shape, ranges)(q)}
            if qat is not None:  # the QAT forward on the float Y, as int8 (k/255 - 128)
                yq = np.asarray(qfwd(y[None, :, :, None]), np.float64) * 255.0 - 128.0
                outs["qat_jax"] = np.round(yq).astype(np.int8)
                agree["qat"].append(match_stats(outs["qat_jax"], outs["jax_int8"]))
            for res in ("ref", "auto"):
                outs[f"litert_{res}"] = run_litert(buf, [q], resolver=res)[0][0]
                agree[res].append(match_stats(outs[f"litert_{res}"], outs["jax_int8"]))
            for k, o in outs.items():
                o = np.asarray(o, np.float64)
                o = np.floor(np.clip(o, 0, 255) + 0.5) if k == "float" else o[0, :, :, 0] + 128
                scores[k].append((psnr(o, ref, crop=scale), ssim(o, ref, crop=scale)))
        out[name] = {k: {"psnr": float(np.mean([a for a, _ in sc])),
                         "ssim": float(np.mean([b for _, b in sc]))}
                     for k, sc in scores.items()}
        n = sum(a["n"] for a in agree["ref"])
        out[name]["agreement"] = {
            res: {"identical": sum(a["identical"] * a["n"] for a in agree[res]) / n,
                  "max_lsb": max(a["max_lsb"] for a in agree[res])} for res in agree}
    return out


def jax_jit_apply(model: Any, variables: dict) -> Any:
    """Jitted ``x [1, H, W, 1] -> out`` of a Flax SR model."""
    import jax

    fn = jax.jit(lambda x: model.apply(variables, x)[0])
    return lambda x: fn(x)


def qat_main(argv: list[str]) -> dict[str, Any]:
    """``qat``: int8 QAT fine-tune of the shipped SESR-M5 (:mod:`jaxeff.nets.sesr_qat8`),
    then Set5 / Set14 Y-PSNR of its forward, ``to_jax`` int8 and LiteRT, and the
    int8 ``.tflite`` (``--hw``) in ``--workdir``."""
    from jaxeff.nets.sesr_qat8 import export_qat8, fine_tune_qat8
    from jaxeff.train_sr import SRTrainConfig

    p = argparse.ArgumentParser(prog="python -m experiments.sesr_npu qat")
    p.add_argument("--scale", type=int, choices=[2, 4], default=2)
    p.add_argument("--steps", type=int, default=2000)
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--val-every", type=int, default=500)
    p.add_argument("--hw", type=int, nargs=2, default=[360, 640], help="LR input H W")
    p.add_argument("--workdir", default=None)
    p.add_argument("--smoke", action="store_true", help="4 steps, 1 Set5 image")
    p.add_argument("--no-progress", action="store_true")
    a = p.parse_args(argv)
    tcfg = (SRTrainConfig(steps=4, batch_size=2, lr_patch=16, lr=a.lr, ckpt_every=2,
                          log_every=2, val_every=2) if a.smoke else
            SRTrainConfig(steps=a.steps, lr=a.lr, val_every=a.val_every))
    wd = pathlib.Path(a.workdir or f"runs/sesr_qat8_x{a.scale}{'_smoke' if a.smoke else ''}")
    t0 = time.time()
    model, v, meta = fine_tune_qat8(a.scale, tcfg, str(wd / "train"),
                                    val_images=3 if a.smoke else 10,
                                    calib=2 if a.smoke else 8, progress=not a.no_progress)
    res = int8_psnr(a.scale, qat=(model, v), sets=("Set5",) if a.smoke else ("Set5", "Set14"),
                    limit=1 if a.smoke else None)
    res["train"] = {**dataclasses.asdict(tcfg), **meta, "wall_s": time.time() - t0}
    h, w = (12, 16) if a.smoke else a.hw
    dst = wd / f"sesr_m5_x{a.scale}_qat8_{h}x{w}_int8_tconv.tflite"
    dst.write_bytes(export_qat8(model, v, (h, w)))
    res["tflite"] = str(dst)
    (wd / "results.json").write_text(json.dumps(res, indent=1, default=float))
    print(psnr_table(res, res.get("scale", a.scale)))
    print(f"selected step {meta['selected_step']} of {tcfg.steps}; wrote {dst}")
    return res


def psnr_table(res: dict[str, Any], scale: int) -> str:
    """Markdown table of :func:`int8_psnr` results."""
    keys = [k for k in ("float", "qat_jax", "jax_int8", "litert_ref", "litert_auto")
            if k in next(res[n] for n in ("Set5", "Set14") if n in res)]
    rows = []
    for name in (n for n in ("Set5", "Set14") if n in res):
        r = res[name]
        rows.append([name, f"x{scale}", *[f"{r[k]['psnr']:.3f}/{r[k]['ssim']:.4f}" for k in keys],
                     *[f"{r['agreement'][g]['identical']:.4f} ({r['agreement'][g]['max_lsb']})"
                       for g in r["agreement"]]])
    first = next(res[n] for n in ("Set5", "Set14") if n in res)
    return markdown_table(["set", "scale", *keys,
                           *[f"{g} = JAX int8 (max LSB)" for g in first["agreement"]]], rows)


def psnr_main(argv: list[str]) -> dict[str, Any]:
    p = argparse.ArgumentParser(prog="python -m experiments.sesr_npu psnr")
    p.add_argument("--scale", type=int, choices=[2, 4], default=2)
    p.add_argument("--calib", type=int, default=8, help="T91 images for calibration")
    p.add_argument("--sets", nargs="+", default=["Set5", "Set14"])
    a = p.parse_args(argv)
    res = int8_psnr(a.scale, calib=a.calib, sets=tuple(a.sets))
    print(psnr_table(res, a.scale))
    print(json.dumps(res))
    return res


def export_main(argv: list[str]) -> list[str]:
    from jaxeff.nets.sesr_export import export_cli

    files = export_cli(argv, "python -m experiments.sesr_npu export")
    for f in files:
        print(f"{f} (input: int8 of Y - 0.5, output: int8 Y on [0, 1])")
    return files


def main(argv: list[str] | None = None) -> Any:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "psnr":
        return psnr_main(argv[1:])
    if argv and argv[0] == "export":
        return export_main(argv[1:])
    if argv and argv[0] == "qat":
        return qat_main(argv[1:])
    p = preset_parser(__doc__)
    a, preset = parse_run_args(p, argv)
    cfg = Config.smoke() if preset == "smoke" else Config.default()
    workdir = a.workdir or f"runs/sesr_npu_{preset}"
    return run_and_report(run, report, cfg, workdir, a)


if __name__ == "__main__":
    main()
