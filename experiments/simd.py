"""Asymmetric-operand SIMD matmul: MACs per instruction, overflow study, systolic array.

"High Throughput Matrix-Matrix Multiplication between Asymmetric Bit-Width Operands"
(Gope, Beu, Mattina, arXiv 2008.00638); spec ``hmf_simd.md`` part B.

    python -m experiments.simd                 # default: CIFAR-10 ResNet-20 / ViT (if
                                               # cached), digits ResNet-20, TFLite models
    python -m experiments.simd --smoke         # < 1 min, no files needed
    python -m experiments.simd --max-rows 4096 --widen 1 2 4 8 16 0   # 0 = never

Tables: (1) MACs per instruction and per register-port bit of asmmla vs SMMLA,
SDOT, VPDPBUSD; (2) instruction counts of every workload's GEMMs and the
speed-up over SMMLA per widening interval W; (3) 16-bit accumulator overflow rates
(lane-instruction events and wrong outputs, wrap and saturate) per workload and W,
beside the paper's 0.05%; (4) cycles and utilization of a weight-stationary
systolic array with int8 PEs vs 8x4-bit PEs on the workloads' GEMM shapes; (5) top-1
of whole W4A8 networks with every conv / dense GEMM run through asmmla (wrap and
saturate, per W) against the exact int32 GEMM (``jaxeff.isa.network.simd_apply``).

    python -m experiments.simd --accuracy-only           # table (5) alone

Workloads: the project's float nets run through PTQ (W4A8 fake-quant,
``jaxeff.ptq``) and the inputs of every conv / dense layer are captured on test
images; a seeded sample of ``--max-rows`` GEMM rows per layer is kept (activations:
per-tensor 8-bit, weights: s4 per output channel). A CIFAR-10 model that is not in
``$JAXEFF_CACHE`` is skipped (training it takes hours). TFLite models (``$JAXEFF_DATA/
tflite``) contribute their real int8 weights requantized to s4, with SYNTHETIC
uniform activations (labelled as such everywhere).
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import logging
import math
import os
import pathlib
import time
from typing import Any

import jax.numpy as jnp
import numpy as np

from experiments._cli import parse_run_args, preset_parser, run_and_report
from jaxeff.data.vision import load_vision, normalize
from jaxeff.isa import cost, systolic
from jaxeff.isa import workloads as wl
from jaxeff.isa.network import calibrate_acts, simd_apply
from jaxeff.ptq import fq_vit, ptq, resnet_config
from jaxeff.report import RunDir, markdown_table
from jaxeff.zoo import ModelSpec as TrainRun
from jaxeff.zoo import float_base, is_cached, model_kwargs, trained_model

log = logging.getLogger(__name__)
PAPER_OVERFLOW_PCT = 0.05
TFLITE_DEFAULT = ("ML-examples__cnn_s_quantized.tflite", "ML-examples__cnn_l_quantized.tflite",
                  "ML-examples__dnn_l_quantized.tflite", "ML-examples__ds_cnn_l_quantized.tflite",
                  "ML-examples__basic_lstm_quantized_large.tflite",
                  "test_data__mobilenet_v1_0.25_128_quant.tflite",
                  "test_data__keras_lstm_mnist_ptq.tflite",
                  "tflite-micro__micro_speech_quantized.tflite")


@dataclasses.dataclass(frozen=True, kw_only=True)
class Config:
    """``nets``: ``model:dataset`` pairs (``smoke:digits`` = the tiny test net)."""

    nets: tuple[str, ...] = ("resnet20:cifar10", "vit_cifar/4:cifar10", "resnet20:digits")
    tflite: tuple[str, ...] = TFLITE_DEFAULT
    data_dir: str | None = None
    images: int = 32
    calib_images: int = 64
    max_rows: int = 1024
    synthetic_rows: int = 512
    widen: tuple[int | None, ...] = (1, 2, 4, 8, 16, None)
    modes: tuple[str, ...] = ("wrap", "saturate")
    array: tuple[int, int] = (16, 16)
    report_w: int = 4
    # (5) accuracy with the asmmla GEMM in the loop (jaxeff.isa.network)
    accuracy_nets: tuple[str, ...] = ("resnet20:cifar10", "resnet18_cifar:cifar10")
    accuracy_images: int = 500
    accuracy_batch: int = 100
    # static activation ranges: min-max over a seeded sample of TRAINING images
    accuracy_calib_images: int = 500
    accuracy_widen: tuple[int | None, ...] = (None, 16)
    seed: int = 0

    @staticmethod
    def smoke() -> Config:
        return Config(nets=("smoke:digits",),
                      tflite=("ML-examples__ds_cnn_s_quantized.tflite",), images=8,
                      calib_images=16, max_rows=64, synthetic_rows=32,
                      widen=(4, None), accuracy_nets=("smoke:digits",),
                      accuracy_images=64, accuracy_batch=32, accuracy_calib_images=64,
                      accuracy_widen=(4, None))

    @staticmethod
    def default() -> Config:
        return Config()


def _base(net: str) -> TrainRun:
    model, _, dataset = net.partition(":")
    if model == "smoke":
        return TrainRun.smoke()
    return float_base(model, dataset or "cifar10")


def _load_net(net: str, data_dir: str | None):
    """(model, variables, data) of one project net, or (None, reason it was skipped).

    Memoised per (net, data folder, ``$JAXEFF_CACHE``): the GEMM study (2) and the
    accuracy study (5) share the default nets.
    """
    return _load_net_cached(net, data_dir, os.environ.get("JAXEFF_CACHE"))


@functools.lru_cache(maxsize=2)
def _load_net_cached(net: str, data_dir: str | None, _cache: str | None):
    base = dataclasses.replace(_base(net), data_dir=data_dir)
    try:
        data = load_vision(base.dataset, base.data_dir, val_size=base.val_size)
    except (FileNotFoundError, ValueError) as e:
        return None, f"dataset unavailable: {e}"
    if base.dataset != "digits" and not is_cached(
            base.model, data, base.train, model_kwargs=model_kwargs(base)):
        return None, ("float model not in $JAXEFF_CACHE (training it takes hours on a "
                      "CPU); run python -m experiments.train_classifier --model "
                      f"{base.model} --dataset {base.dataset} --epochs {base.train.epochs}")
    model, variables, data, _ = trained_model(base, progress=False)
    return (model, variables, data), ""


def _net_gemms(net: str, cfg: Config) -> tuple[list[wl.Gemm], str]:
    """Captured GEMMs of one project net, or ([], reason it was skipped)."""
    loaded, why = _load_net(net, cfg.data_dir)
    if loaded is None:
        return [], why
    model, variables, data = loaded
    rng = np.random.default_rng(cfg.seed)
    calib = normalize(data.train.images[np.sort(rng.choice(
        len(data.train), cfg.calib_images, replace=False))], data.mean, data.std)
    if _base(net).model.startswith("vit"):
        qmodel, qvars = fq_vit(model, variables, [calib], w_bits=4, a_bits=8)
    else:
        qmodel, qvars = ptq(model, variables, [calib], resnet_config(4, 8))
    x = normalize(data.test.images[:cfg.images], data.mean, data.std)
    layers = wl.capture_layers(qmodel, qvars, jnp.asarray(x))
    return [wl.layer_gemm(la, max_rows=cfg.max_rows, seed=cfg.seed + i)
            for i, la in enumerate(layers)], ""


def _logits(out: Any) -> np.ndarray:
    return np.asarray(out[0] if isinstance(out, tuple) else out)


def accuracy_study(net: str, cfg: Config, progress: bool = False) -> tuple[dict, str]:
    """Top-1 of one net with W4A8 GEMMs: exact int32 vs asmmla per (W, mode).

    Returns ``({"float": {...}, "int32": {...}, "W=inf/wrap": {...}, ...}, "")`` or
    ``({}, reason it was skipped)``. Each row: ``top1`` (%), ``flips`` (test images
    whose top-1 differs from the int32 row, %), lane-instruction overflow ``events``
    and ``event_pct``, ``wrong_pct`` (GEMM outputs that differ from int32), ``s``.

    Activation scales are static: per layer, the min-max range of its input over
    ``accuracy_calib_images`` training images (seeded sample, float forward,
    :func:`jaxeff.isa.network.calibrate_acts`), so a test image's prediction does
    not depend on the other images in its batch.
    """
    loaded, why = _load_net(net, cfg.data_dir)
    if loaded is None:
        return {}, why
    model, variables, data = loaded
    rng = np.random.default_rng(cfg.seed)
    nc = min(cfg.accuracy_calib_images, len(data.train))
    cal = normalize(data.train.images[np.sort(rng.choice(len(data.train), nc,
                                                         replace=False))],
                    data.mean, data.std)
    ranges = calibrate_acts(model, variables, [cal[i:i + cfg.accuracy_batch] for i in
                                               range(0, nc, cfg.accuracy_batch)],
                            train=False)
    n = min(cfg.accuracy_images, len(data.test))
    x = normalize(data.test.images[:n], data.mean, data.std)
    y = np.asarray(data.test.labels[:n])
    batches = [slice(i, min(i + cfg.accuracy_batch, n))
               for i in range(0, n, cfg.accuracy_batch)]
    rows: dict[str, dict] = {}
    t = time.time()
    pred = np.concatenate([_logits(model.apply(variables, jnp.asarray(x[b]), train=False))
                           .argmax(-1) for b in batches])
    rows["float"] = {"top1": 100 * float(np.mean(pred == y)), "s": time.time() - t}
    settings = [("int32", "int32", None, "wrap")] + [
        (f"W={_w(w)}/{m}", "asmmla", w, m) for w in cfg.accuracy_widen for m in cfg.modes]
    ref = None
    for key, gemm, w, mode in settings:
        t = time.time()
        preds, stats = [], []
        for b in batches:
            out, st = simd_apply(model, variables, x[b], gemm=gemm, widen_every=w,
                                 mode=mode, act_ranges=ranges, train=False)
            preds.append(_logits(out).argmax(-1))
            stats += st
        pred = np.concatenate(preds)
        ref = pred if ref is None else ref
        lane = sum(s.lane_instr for s in stats)
        outs = sum(s.outputs for s in stats)
        ev, wrong = sum(s.events for s in stats), sum(s.wrong for s in stats)
        rows[key] = {"top1": 100 * float(np.mean(pred == y)),
                     "flips": 100 * float(np.mean(pred != ref)), "events": ev,
                     "event_pct": 100 * ev / lane, "wrong_pct": 100 * wrong / outs,
                     "max_k": max(s.k for s in stats), "s": time.time() - t}
        if progress:
            print(f"{net} {key}: top-1 {rows[key]['top1']:.2f}%, events {ev}, "
                  f"wrong {rows[key]['wrong_pct']:.4f}% ({rows[key]['s']:.0f} s)",
                  flush=True)
    return {"images": n, "calib_images": nc, "rows": rows}, ""


def _tflite_dir(cfg: Config) -> pathlib.Path | None:
    root = cfg.data_dir or os.environ.get("JAXEFF_DATA")
    return pathlib.Path(root) / "tflite" if root else None


def _summary(gemms: list[wl.Gemm], per_layer: list[list[dict]], cfg: Config) -> dict:
    """Totals over layers per (W, mode), instruction counts, systolic cycles."""
    over = {}
    for i, rec in enumerate(per_layer[0]):
        tot = {k: sum(pl[i][k] for pl in per_layer)
               for k in ("events", "lane_instr", "wrong", "outputs")}
        tot["event_pct"] = 100 * tot["events"] / tot["lane_instr"]
        tot["wrong_pct"] = 100 * tot["wrong"] / tot["outputs"]
        over[f"W={_w(rec['W'])}/{rec['mode']}"] = {**tot, "W": rec["W"], "mode": rec["mode"]}
    shapes = [(g.full_rows, g.b.shape[0], g.b.shape[1]) for g in gemms]
    instr = {}
    for name in ("asmmla", "smmla", "sdot", "vpdpbusd"):
        for w in (cfg.report_w, None):
            if name != "asmmla" and w is not None:
                continue
            tot = {k: sum(cost.gemm_cost(*s, name, widen_every=w)[k] for s in shapes)
                   for k in ("instructions", "widen_ops", "unpack_ops", "total_ops", "macs")}
            instr[name if name != "asmmla" else f"asmmla W={_w(w)}"] = tot
    rows, cols = cfg.array
    sysres = {}
    for pe in ("int8", "int8x4"):
        arr = systolic.ArrayConfig(rows=rows, cols=cols, pe=pe)
        cyc = sum(systolic.cycles(*s, arr) for s in shapes)
        macs = sum(math.prod(s) for s in shapes)
        sysres[pe] = {"cycles": cyc, "utilization": macs / (rows * cols * arr.lanes * cyc)}
    sysres["speedup"] = sysres["int8"]["cycles"] / sysres["int8x4"]["cycles"]
    return {"overflow": over, "instructions": instr, "systolic": sysres,
            "gemm_shapes": shapes}


def _w(w: int | None) -> str:
    return "inf" if w is None else str(w)


def run(cfg: Config, workdir: str | pathlib.Path, *, progress: bool = True,
        overwrite: bool = False) -> dict[str, Any]:
    """Instruction table, overflow study, systolic comparison -> results.json/report.md."""
    run_dir = RunDir(workdir, cfg, overwrite=overwrite)
    t0 = time.time()
    jobs: list[tuple[str, str]] = [("net", n) for n in cfg.nets]
    tdir = _tflite_dir(cfg)
    jobs += [("tflite", f) for f in cfg.tflite]
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(jobs), desc="simd workloads")
    workloads, skipped = {}, {}
    for kind, name in jobs:
        if kind == "net":
            gemms, why = _net_gemms(name, cfg)
        elif tdir is None or not (tdir / name).exists():
            gemms, why = [], f"no {name} under $JAXEFF_DATA/tflite (JAXEFF_DATA unset?)"
        else:
            gemms, why = wl.tflite_gemms(tdir / name, rows=cfg.synthetic_rows,
                                         seed=cfg.seed), ""
        if not gemms:
            skipped[name] = why or "no int8 CONV_2D / FULLY_CONNECTED layers"
            log.warning("skipping %s: %s", name, skipped[name])
        else:
            per_layer = [wl.overflow_stats(g, cfg.widen, cfg.modes) for g in gemms]
            workloads[name] = {
                "source": gemms[0].source, "layers": [
                    {"name": g.name, "rows": g.a.shape[0], "full_rows": g.full_rows,
                     "K": g.b.shape[0], "N": g.b.shape[1], "a_signed": g.a_signed,
                     "stats": pl} for g, pl in zip(gemms, per_layer, strict=True)],
                **_summary(gemms, per_layer, cfg)}
            run_dir.log(workload=name, source=gemms[0].source, overflow={
                k: v["event_pct"] for k, v in workloads[name]["overflow"].items()})
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    accuracy = {}
    for net in cfg.accuracy_nets:
        acc, why = accuracy_study(net, cfg, progress=progress)
        if acc:
            accuracy[net] = acc
            run_dir.log(accuracy=net, **{k: v["top1"] for k, v in acc["rows"].items()})
        else:
            skipped[f"accuracy {net}"] = why
            log.warning("skipping accuracy of %s: %s", net, why)
    ins = {k: {**dataclasses.asdict(v), "macs_per_port_bit": v.macs_per_port_bit,
               "regs_read": v.regs_read, "regs_written": v.regs_written}
           for k, v in cost.INSTRUCTIONS.items()}
    results = {"instructions": ins, "workloads": workloads, "accuracy": accuracy,
               "skipped": skipped,
               "paper_overflow_pct": PAPER_OVERFLOW_PCT,
               "speedup_closed_form": {_w(w): cost.speedup_vs_smmla(w) for w in cfg.widen},
               "wall_s": time.time() - t0}
    run_dir.write_results(results)
    run_dir.write_report(report(results, cfg))
    return results


def report(res: dict[str, Any], cfg: Config) -> str:
    ins = res["instructions"]
    t1 = markdown_table(
        ["instruction", "MACs/instr", "A x B bits", "acc bits", "regs read / written",
         "MACs per port bit", "x SMMLA per instr", "x SMMLA per port bit"],
        [[v["name"], v["macs"], f"{v['a_bits']}x{v['b_bits']}", v["acc_bits"],
          f"{v['regs_read']} / {v['regs_written']}", f"{v['macs_per_port_bit']:.4f}",
          f"{v['macs'] / ins['smmla']['macs']:.2f}",
          f"{v['macs_per_port_bit'] / ins['smmla']['macs_per_port_bit']:.2f}"]
         for v in ins.values()])
    wl_items = res["workloads"].items()
    rw = f"asmmla W={cfg.report_w}"

    def ops(w: dict, key: str) -> int:
        return w["instructions"][key]["total_ops"]

    t2 = markdown_table(
        ["workload", "activations", "layers", "GEMM MACs", "asmmla ops W=inf",
         f"asmmla ops W={cfg.report_w}", "SMMLA ops", "SDOT ops", "VPDPBUSD ops",
         "x SMMLA (W=inf)", f"x SMMLA (W={cfg.report_w})"],
        [[n, w["source"], len(w["layers"]), w["instructions"]["smmla"]["macs"],
          ops(w, "asmmla W=inf"), ops(w, rw), ops(w, "smmla"), ops(w, "sdot"),
          ops(w, "vpdpbusd"), f"{ops(w, 'smmla') / ops(w, 'asmmla W=inf'):.2f}",
          f"{ops(w, 'smmla') / ops(w, rw):.2f}"] for n, w in wl_items])
    t2b = markdown_table(["W", *res["speedup_closed_form"]],
                         [["2/(1+2/W)", *[f"{v:.2f}" for v in
                                          res["speedup_closed_form"].values()]]])
    keys = [f"W={_w(w)}/wrap" for w in cfg.widen]
    rows3 = [[n, w["source"], *[f"{w['overflow'][k]['event_pct']:.4f} / "
                                f"{w['overflow'][k]['wrong_pct']:.4f}" for k in keys]]
             for n, w in wl_items]
    t3 = markdown_table(["workload", "activations", *[k.replace("/wrap", "") for k in keys]],
                        rows3)
    skeys = [f"W={_w(w)}/saturate" for w in cfg.widen]
    t3s = markdown_table(["workload", *[k.replace("/saturate", "") for k in skeys]],
                         [[n, *[f"{w['overflow'][k]['wrong_pct']:.4f}" for k in skeys]]
                          for n, w in wl_items]) if "saturate" in cfg.modes else ""
    r, c = cfg.array
    t4 = markdown_table(
        ["workload", f"int8 PE {r}x{c} cycles", "util", f"8x4-bit PE {r}x{c} cycles",
         "util", "speed-up"],
        [[n, w["systolic"]["int8"]["cycles"], f"{w['systolic']['int8']['utilization']:.3f}",
          w["systolic"]["int8x4"]["cycles"],
          f"{w['systolic']['int8x4']['utilization']:.3f}", f"{w['systolic']['speedup']:.2f}"]
         for n, w in wl_items])
    t5 = "\n\n".join(
        f"{net} ({acc['images']} test images, scales from "
        f"{acc.get('calib_images', '?')} training images):\n\n" + markdown_table(
            ["GEMM", "top-1 (%)", "top-1 flips vs int32 (%)", "overflow events",
             "event %", "wrong outputs %"],
            [[k, f"{v['top1']:.2f}", "" if "flips" not in v else f"{v['flips']:.2f}",
              v.get("events", ""), "" if "event_pct" not in v else f"{v['event_pct']:.5f}",
              "" if "wrong_pct" not in v else f"{v['wrong_pct']:.5f}"]
             for k, v in acc["rows"].items()])
        for net, acc in res.get("accuracy", {}).items()) or "(no net)"
    skipped = "\n".join(f"- skipped {k}: {v}" for k, v in res["skipped"].items())
    return f"""# Asymmetric-operand SIMD matmul (arXiv 2008.00638)

asmmla = jaxeff's reconstruction (2x8 s8 . 8x4 s4 -> 2x4 s16; the paper's exact shape
is unverified). Paper (abstract): 2x the throughput of symmetric instructions, 16-bit
accumulators overflow in {res['paper_overflow_pct']}% of cases.

## 1. MACs per instruction and per register-port bit

{t1}

## 2. Instruction counts on the workloads (full GEMM rows; int4 weights)

SMMLA / SDOT / VPDPBUSD counts include unpacking int4 weights to int8 (2 ops per 32
weights); asmmla counts include the s16 -> s32 widening (2 ops per register every W).

{t2}

Closed form (spec §B2, N%4 = 0, unpacking ignored):

{t2b}

## 3. Overflow of the 16-bit accumulators (wrap): event % / wrong-output %

Event % = lane-instruction overflow flags / (outputs x K-steps); wrong % = outputs that
differ from the exact int32 GEMM. W = widening interval in instructions (8 MACs of K
each); a systolic array with R rows widens every R/8 instructions. Paper: 0.05%.
Rows per layer sampled: {cfg.max_rows} (captured), {cfg.synthetic_rows} (synthetic).
"synthetic" = TFLite int8 weights requantized to s4 with uniform random activation
codes (the graphs are not executed), NOT real activations.

{t3}

Saturate mode, wrong-output %:

{t3s}

## 4. Weight-stationary systolic array, int8 PEs vs 8x4-bit PEs (same wires)

{t4}

## 5. Accuracy with the asmmla GEMM in the loop (W4A8, every conv / dense)

`jaxeff.isa.network.simd_apply`: every conv / dense runs as im2col -> 8-bit codes
(static per-tensor scales: min-max of the layer input over {cfg.accuracy_calib_images}
training images, `calibrate_acts`; u8 where that range is >= 0) x s4 weights (per
channel) -> GEMM -> dequantize; BN, ReLU, pooling and adds stay float. "int32" = the
exact GEMM; the asmmla rows accumulate in 16-bit lanes, widened every W instructions.

{t5}

{skipped}

Wall time: {res['wall_s']:.1f} s.
"""


def parse(argv: list[str] | None = None) -> tuple[Config, str, argparse.Namespace]:
    p = preset_parser(__doc__.splitlines()[0])
    p.add_argument("--nets", nargs="*", default=None, help="model:dataset pairs")
    p.add_argument("--tflite", nargs="*", default=None, help="files in $JAXEFF_DATA/tflite")
    p.add_argument("--data-dir", default=None, help="dataset folder (or $JAXEFF_DATA)")
    p.add_argument("--images", type=int, default=None)
    p.add_argument("--max-rows", type=int, default=None)
    p.add_argument("--synthetic-rows", type=int, default=None)
    p.add_argument("--widen", type=int, nargs="+", default=None, help="0 = never")
    p.add_argument("--array", type=int, nargs=2, default=None, metavar=("ROWS", "COLS"))
    p.add_argument("--accuracy-nets", nargs="*", default=None,
                   help="model:dataset pairs for table (5)")
    p.add_argument("--accuracy-images", type=int, default=None)
    p.add_argument("--accuracy-calib-images", type=int, default=None,
                   help="training images for the static activation ranges of (5)")
    p.add_argument("--accuracy-only", action="store_true",
                   help="only table (5): no GEMM workloads, no TFLite models")
    p.add_argument("--seed", type=int, default=None)
    a, preset = parse_run_args(p, argv)
    cfg = Config.smoke() if preset == "smoke" else Config.default()
    over: dict[str, Any] = {k: v for k, v in (
        ("images", a.images), ("max_rows", a.max_rows), ("data_dir", a.data_dir),
        ("synthetic_rows", a.synthetic_rows), ("seed", a.seed)) if v is not None}
    if a.nets is not None:
        over["nets"] = tuple(a.nets)
    if a.tflite is not None:
        over["tflite"] = tuple(a.tflite)
    if a.widen:
        if any(w < 0 for w in a.widen):
            p.error("--widen values must be >= 0 (0 = never)")
        over["widen"] = tuple(w or None for w in a.widen)
    if a.array:
        over["array"] = tuple(a.array)
    if a.accuracy_nets is not None:
        over["accuracy_nets"] = tuple(a.accuracy_nets)
    if a.accuracy_images is not None:
        over["accuracy_images"] = a.accuracy_images
    if a.accuracy_calib_images is not None:
        over["accuracy_calib_images"] = a.accuracy_calib_images
    if a.accuracy_only:
        over["nets"], over["tflite"] = (), ()
    cfg = dataclasses.replace(cfg, **over)
    tag = "_accuracy" if a.accuracy_only else ""
    return cfg, a.workdir or f"runs/simd_{preset}{tag}", a


def main(argv: list[str] | None = None) -> dict[str, Any]:
    cfg, workdir, a = parse(argv)
    return run_and_report(run, lambda res: report(res, cfg), cfg, workdir, a)


if __name__ == "__main__":
    main()
