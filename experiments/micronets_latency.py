"""MicroNets latency-vs-ops study: ``python -m experiments.micronets_latency``.

"MicroNets" (Banbury et al., arXiv 2010.11267, Sec. 3; spec ``micronets_ran.md``
A1, A5 item 2, issue 18 item 5): whole-model latency is linear in ops over a
backbone (paper: r^2 0.95-0.99 on Cortex-M MCUs), but not per layer.

For each backbone, ``n`` networks sampled uniformly (every width option and skip
equally likely) are exported to full int8 with random weights and measured:
Vela cycle estimates for Ethos-U55-128 and Ethos-U65-256 and LiteRT single-thread
host latency (median of ``litert_runs`` invokes; the host is a shared, loaded CPU,
so these are noisy; every model is timed twice, the second pass after all
models, and the retest r^2 is reported). Least-squares slope, intercept and r^2
against ops per backbone and target, a scatter plot, a fit on the ops split by
layer kind (stem, depthwise, pointwise + FC) to see where the non-linearity is, per-layer cycles per op by operator from
Vela's per-layer table, and single-layer probes: depthwise vs dense conv, and
channel counts around multiples of 4 (the paper's 138 -> 140 example).

Backbones: ``kws`` is the FSDD DNAS supernet (``experiments.micronets``: stem 10x4
and 6 DS blocks up to 64 channels), ``kws_l`` the paper's KWS supernet scale
(DS-CNN-L plus 4 DS blocks, 276 channels, 12 classes; spec A2), ``cifar10`` a
DS-CNN CIFAR-10 backbone [Choice] (:func:`jaxeff.search.dnas_latency.cifar10_space`).

    python -m experiments.micronets_latency            # 200 networks per backbone
    python -m experiments.micronets_latency --smoke    # < 1 min

Every network's record is written to ``<workdir>/nets/`` as it is measured; a
rerun skips the finished ones.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pathlib
from typing import Any

import numpy as np

from experiments._cli import parse_run_args, preset_parser, run_and_report
from jaxeff.report import RunDir, atomic_write, markdown_table
from jaxeff.search.dnas import SearchSpace, kws_space
from jaxeff.search.dnas_latency import (
    TARGETS,
    cifar10_space,
    layer_probe,
    least_squares,
    linear_fit,
    litert_latency,
    measure_network,
    ops_split,
    sample_specs,
)

BACKBONES = ("kws", "kws_l", "cifar10")
METRICS = ("u55_cycles", "u65_cycles", "litert_ms", "litert_ms_mean2")
SPLIT = ("stem", "depthwise", "pointwise")  # ops_split features of the 3-feature fit
PAPER_R2 = "0.95-0.99 (Cortex-M: STM32F446RE / F746ZG / F767ZI)"


@dataclasses.dataclass(frozen=True, kw_only=True)
class Config:
    backbones: tuple[str, ...] = BACKBONES
    n: int = 200
    litert_runs: int = 50
    cifar_width: int = 64
    sweep: tuple[int, ...] = tuple(range(128, 145))  # channel-count probes
    dw_widths: tuple[int, ...] = (16, 32, 64, 128)  # depthwise vs dense probes
    seed: int = 0

    def __post_init__(self) -> None:
        if set(self.backbones) - set(BACKBONES) or not self.backbones:
            raise ValueError(f"backbones must come from {BACKBONES}, got {self.backbones}")
        if self.n < len(SPLIT) + 2 or self.litert_runs < 1:
            raise ValueError(f"n must be >= {len(SPLIT) + 2} (the split fit) and "
                             f"litert_runs >= 1, got "
                             f"{self.n}, {self.litert_runs}")

    @staticmethod
    def smoke() -> Config:
        return Config(backbones=("kws", "cifar10"), n=6, litert_runs=5,
                      sweep=(138, 140), dw_widths=(32,))

    @staticmethod
    def default() -> Config:
        return Config()


def space(name: str, cfg: Config) -> SearchSpace:
    if name == "kws":
        return kws_space(64, 6)
    if name == "kws_l":
        return kws_space(276, 9, num_classes=12)
    return cifar10_space(cfg.cifar_width)


def _records(cfg: Config, root: pathlib.Path, progress: bool) -> dict[str, list[dict]]:
    nets = root / "nets"
    nets.mkdir(exist_ok=True)
    plan = [(b, i, s) for b in cfg.backbones
            for i, s in enumerate(sample_specs(space(b, cfg), cfg.n,
                                               cfg.seed + BACKBONES.index(b)))]
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(plan), desc="networks")
    out: dict[str, list[dict]] = {b: [] for b in cfg.backbones}
    for b, i, spec in plan:
        f = nets / f"{b}_{i:04d}.json"
        if f.exists():
            rec = json.loads(f.read_text())
        else:
            rec, _ = measure_network(spec, seed=cfg.seed + i, litert_runs=cfg.litert_runs)
            rec |= {"backbone": b, "index": i}
            atomic_write(f, json.dumps(rec))
        out[b].append(rec)
        if bar is not None:
            bar.update(1)
            bar.set_postfix(net=f"{b}/{i}", mops=f"{rec['ops'] / 1e6:.1f}")
    # LiteRT retest: every model timed again after all the others (drift, load)
    if bar is not None:
        bar.close()
        bar = tqdm(total=len(plan), desc="LiteRT retest")
    for b, i, spec in plan:
        rec = out[b][i]
        if "litert_ms_retest" not in rec:
            rec["litert_ms_retest"] = litert_latency(
                spec, seed=cfg.seed + i, litert_runs=cfg.litert_runs)["litert_ms"]
            atomic_write(nets / f"{b}_{i:04d}.json", json.dumps(rec))
        rec["litert_ms_mean2"] = (rec["litert_ms"] + rec["litert_ms_retest"]) / 2
        rec["split"] = ops_split(spec)
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    return out


def _probes(cfg: Config, root: pathlib.Path) -> list[dict[str, Any]]:
    f = root / "probes.json"
    if f.exists():
        return json.loads(f.read_text())
    plan = [(k, c, c) for c in cfg.sweep for k in ("pw", "conv3x3")]
    plan += [(k, c, c) for c in cfg.dw_widths for k in ("dw3x3", "pw", "conv3x3")]
    out = [layer_probe(k, ci, co, seed=cfg.seed, litert_runs=cfg.litert_runs)
           for k, ci, co in plan]
    atomic_write(f, json.dumps(out, indent=1))
    return out


def layer_rates(recs: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Median Vela cycles per kilo-op of every NPU layer, by Vela operator."""
    out: dict[str, dict[str, float]] = {}
    for key, _, _ in TARGETS:
        per: dict[str, list[float]] = {}
        for r in recs:
            for op, cyc, macs in r[f"{key}_layers"]:
                if macs > 0:
                    per.setdefault(op, []).append(1e3 * cyc / (2 * macs))
        out[key] = {op: float(np.median(v)) for op, v in sorted(per.items())}
    return out


def run(cfg: Config, workdir: str | pathlib.Path, *, progress: bool = True,
        overwrite: bool = False) -> dict[str, Any]:
    """Measure (or read back) every network and probe; fit, plot and report."""
    run_dir = RunDir(workdir, cfg, overwrite=overwrite)
    recs = _records(cfg, run_dir.path, progress)
    fits = {b: {m: linear_fit([r["ops"] / 1e6 for r in rs], [r[m] for r in rs])
                | {"mops_range": [min(r["ops"] for r in rs) / 1e6,
                                  max(r["ops"] for r in rs) / 1e6]}
                for m in METRICS} for b, rs in recs.items()}
    split = {b: {m: least_squares(np.array([[r["split"][k] / 1e6 for k in SPLIT]
                                            for r in rs]), [r[m] for r in rs])
                 for m in METRICS} for b, rs in recs.items()}
    retest = {b: linear_fit([r["litert_ms"] for r in rs],
                            [r["litert_ms_retest"] for r in rs])["r2"]
              for b, rs in recs.items()}
    cpu_ops = {b: sum(r[f"{k}_cpu_ops"] for r in rs for k, _, _ in TARGETS)
               for b, rs in recs.items()}
    results = {"fits": fits, "split_fits": split, "litert_retest_r2": retest,
               "cpu_fallback_ops": cpu_ops,
               "layer_cycles_per_kop": {b: layer_rates(rs) for b, rs in recs.items()},
               "probes": _probes(cfg, run_dir.path), "paper_r2": PAPER_R2}
    run_dir.write_results(results)
    with open(run_dir.path / "records.jsonl", "w") as fh:
        for rs in recs.values():
            fh.writelines(json.dumps(r) + "\n" for r in rs)
    plot(recs, fits, run_dir.path / "latency_vs_ops.png")
    plot_sweep(results["probes"], run_dir.path / "channel_sweep.png")
    run_dir.write_report(report(results))
    return results


def report(results: dict[str, Any]) -> str:
    rows = [[b, m, f["n"], f"{f['mops_range'][0]:.2f}-{f['mops_range'][1]:.2f}",
             f"{f['slope']:.4g}", f"{f['intercept']:.4g}", f"{f['r2']:.4f}",
             " / ".join(f"{c:.4g}" for c in results["split_fits"][b][m]["coef"]),
             f"{results['split_fits'][b][m]['r2']:.4f}"]
            for b, fm in results["fits"].items() for m, f in fm.items()]
    lines = ["# MicroNets: latency vs ops (arXiv 2010.11267 Sec. 3)", "",
             (f"Paper r^2: {results['paper_r2']}. Slope per Mop (cycles or ms); "
              "litert_ms_mean2 = mean of the first timing and the retest."), "",
             markdown_table(["backbone", "target", "n", "Mops", "slope / Mop",
                             "intercept", "r^2", "stem / dw / pw slopes",
                             "r^2 (stem, dw, pw ops)"], rows), "",
             "LiteRT retest r^2 (second timing vs first): "
             + str({b: round(v, 4) for b, v in results["litert_retest_r2"].items()}), "",
             f"Vela CPU-fallback ops over all networks: {results['cpu_fallback_ops']}",
             "", "## Vela cycles per kilo-op by operator (median over layers)", ""]
    rows = [[b, k, op, f"{v:.2f}"] for b, d in results["layer_cycles_per_kop"].items()
            for k, ops in d.items() for op, v in ops.items()]
    lines += [markdown_table(["backbone", "target", "Vela op", "cycles / kop"], rows), ""]
    rows = [[p["kind"], p["cin"], p["cout"], f"{p['ops'] / 1e6:.3f}", p["u55_cycles"],
             f"{1e3 * p['u55_cycles'] / p['ops']:.2f}", p["u65_cycles"],
             f"{1e3 * p['u65_cycles'] / p['ops']:.2f}", f"{p['litert_ms']:.4f}"]
            for p in results["probes"]]
    lines += ["## Single-layer probes (25x5 map, stride 1)", "",
              markdown_table(["layer", "Cin", "Cout", "Mops", "U55 cycles",
                              "U55 cyc/kop", "U65 cycles", "U65 cyc/kop", "LiteRT ms"],
                             rows), ""]
    return "\n".join(lines)


def plot(recs: dict[str, list[dict]], fits: dict[str, dict], path: pathlib.Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(len(recs), len(METRICS), figsize=(11, 3.2 * len(recs)),
                             squeeze=False)
    for row, (b, rs) in zip(axes, recs.items()):
        x = np.array([r["ops"] / 1e6 for r in rs])
        for ax, m in zip(row, METRICS):
            f = fits[b][m]
            ax.scatter(x, [r[m] for r in rs], s=6)
            xs = np.array([x.min(), x.max()])
            ax.plot(xs, f["slope"] * xs + f["intercept"], "r-", lw=1)
            ax.set_title(f"{b}: {m}  r^2={f['r2']:.3f}", fontsize=9)
            ax.set_xlabel("Mops")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def plot_sweep(probes: list[dict[str, Any]], path: pathlib.Path) -> None:
    """Vela cycles per kilo-op of the channel-count probes (pw and conv3x3)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5.5, 3.4))
    for kind in ("pw", "conv3x3"):
        for key, acc, _ in TARGETS:
            pts = sorted((p["cin"], 1e3 * p[f"{key}_cycles"] / p["ops"]) for p in probes
                         if p["kind"] == kind and p["cin"] >= 100)
            if pts:
                ax.plot(*zip(*pts), marker=".", label=f"{kind} {acc}")
    ax.set_xlabel("channels (Cin = Cout), 25x5 map")
    ax.set_ylabel("Vela cycles / kop")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def parse(argv: list[str] | None = None) -> tuple[Config, str, argparse.Namespace]:
    p = preset_parser(__doc__)
    p.add_argument("--backbones", nargs="+", choices=BACKBONES, default=None)
    p.add_argument("--n", type=int, default=None, help="networks per backbone")
    p.add_argument("--litert-runs", type=int, default=None)
    p.add_argument("--seed", type=int, default=None)
    a, preset = parse_run_args(p, argv)
    cfg = Config.smoke() if preset == "smoke" else Config.default()
    over = {"backbones": a.backbones and tuple(a.backbones), "n": a.n,
            "litert_runs": a.litert_runs, "seed": a.seed}
    cfg = dataclasses.replace(cfg, **{k: v for k, v in over.items() if v is not None})
    return cfg, a.workdir or f"runs/micronets_latency_{preset}", a


def main(argv: list[str] | None = None) -> dict[str, Any]:
    cfg, workdir, a = parse(argv)
    return run_and_report(run, report, cfg, workdir, a)


if __name__ == "__main__":
    main()
