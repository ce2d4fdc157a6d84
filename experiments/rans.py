"""RANs: RAN-e (GT, C) vs MBConv / EfficientNet-Lite0, and RAN-i: ``python -m experiments.rans``.

"Restructurable Activation Networks" (Bhardwaj et al., arXiv 2208.08562); spec
``micronets_ran.md`` part B. One run reports:

1. MACs and parameters of the Flax modules at 224^2 (exact, against spec §B5) and in
   the CIFAR-10 variant (32^2, stem stride 1, width 0.5);
2. Vela cycles / FPS of every network (Ethos-U55-128 and U65-256), as ratios to
   EfficientNet-Lite0 compiled the same way (ReLU6 and h-swish baselines); int8
   graphs rebuilt with the PerfSAGE builder, random weights (see
   :mod:`jaxeff.nets.ran_vela`); LiteRT host latency (1 thread) of the same files;
3. Vela cycles of MBConv vs collapsed block at every position of the RAN-e layout;
4. the RAN-i table, the (wm, dm) choice at NN-Mass >= the base's, and the CIFAR-10
   ConvNeXt [32, 64, 128, 256] / [2, 2, 6, 2] vs its RAN-i (0.666, 1.65) version;
5. a short training of the CIFAR-10 networks (:func:`jaxeff.nets.ran_train.
   train_select`: the epoch with the best validation top-1 is selected, and only it
   is evaluated on test);
6. ``--search-top N``: the greedy collapse search (spec §B2 [Choice]) over the N
   positions of the CIFAR all-MBConv layout that save most U65 cycles, each
   candidate scored by a short proxy training on the validation split; delta
   (``--search-delta``, default 1.0 point) is fixed before running; ``--nets
   searched`` then trains the searched network like the others (and Vela costs it);
7. ``--study-n N``: the NN-Mass study, N random (wm, dm) CIFAR ConvNeXts (wm in
   [0.25, 0.75], dm in [0.5, 1.5] [Choice]), a short training each, Kendall tau-b
   of NN-Mass (and, as controls, MACs and params) vs validation top-1; one cache
   file per network, so an interrupted study resumes.

    python -m experiments.rans --smoke     # CIFAR-size Vela, digits, 2-stage search
    python -m experiments.rans --smoke --study-n 2   # + a 2-network NN-Mass study
    python -m experiments.rans --nets      # costs only (counts, Vela, RAN-i): ~1 min
    python -m experiments.rans             # default: every section, CPU-sized (~1 h)
    python -m experiments.rans --preset gpu  # 10 epochs of 48k, 4-candidate search

The default preset (seven nets x 2 epochs x 10,000 images, a 2-candidate search and
the 20-network study at small budgets) took 54 min on the shared 2-core CPU
(docs/RESULTS.md, "RANs (issue 19)"); at that budget the accuracies measure how fast
each net starts learning. ``--preset gpu`` is the configuration of the accelerator runs.
``--train-seed S`` retrains with another seed on the same split.

The smoke preset trains on scikit-learn digits (tiled to RGB, 16x16): a plumbing
check, not a CIFAR-10 result. Each trained network is saved under
``<workdir>/train/<net>`` (search proxies under ``search/``, study nets under
``study/``); a rerun skips it.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import pathlib
import time
from typing import Any

import jax.numpy as jnp
import numpy as np

from experiments._cli import parse_run_args, preset_parser, run_and_report
from jaxeff.data.vision import Split, load_vision
from jaxeff.metrics import kendall_test
from jaxeff.nets.ran import (
    LITE0_STAGES,
    RAN_E_CONFIGS,
    RANe,
    all_mbconv,
    count_init,
    count_macs,
    count_params,
    ran_e,
)
from jaxeff.nets.ran_i import (
    CONVNEXT,
    CONVNEXT_CIFAR,
    RAN_I,
    ConvNeXt,
    choose_multipliers,
    convnext_cost,
    nn_mass_convnext,
    ran_i_layout,
)
from jaxeff.nets.ran_train import train_select
from jaxeff.nets.ran_vela import block_costs, int8_tflite, network_graph, vela_costs
from jaxeff.report import RunDir, markdown_table
from jaxeff.search.ran import apply_pattern, greedy_collapse, saved_cycles
from jaxeff.tflite.litert import host_latency
from jaxeff.train import TrainConfig, evaluate

RAN_E_NETS = ("lite0", "lite0_hswish", "mbconv", "GT", "C")
# the RAN-i (wm, dm) grid [Choice]: wm 0.5 .. 1.0 step 0.001, dm 1.0 .. 2.3 step 0.05
WM_GRID = tuple(round(0.5 + 0.001 * i, 3) for i in range(501))
DM_GRID = tuple(round(1.0 + 0.05 * i, 2) for i in range(27))
CIFAR_COST = {"res": 32, "num_classes": 10, "patch": 2}
SPEC = {"GT": (434.4, 4.49), "C": (489.2, 4.63), "lite0": (385.2, None)}
PAPER_FPS = {"GT": (1.16, 1.49), "C": (1.06, 1.28)}  # (U55, U65) vs EffNet-Lite-B0
COUNT_NETS = ("lite0", "mbconv", "GT", "C", "convnext", "ran_i", "ran_i_rule")
CONVNEXTS = ("convnext", "ran_i", "ran_i_rule")


@dataclasses.dataclass(frozen=True, kw_only=True)
class Config:
    vela_imagenet: bool = True
    count_imagenet: bool = True  # MACs / params at 224^2 (spec §B5)
    count_nets: tuple[str, ...] = COUNT_NETS
    litert_budget_s: float = 2.0  # LiteRT host latency per int8 net (0: skip)
    block_nets: tuple[str, ...] = ("GT", "C")
    block_res: int = 224  # input size of the per-block Vela table (0: skip)
    affine: str = "dw"  # lowering of the collapsed block's leading BN
    dataset: str = "cifar10"  # or "digits" (smoke)
    train_size: int = 10_000  # seeded subset of the training split (0: all)
    val_size: int = 5_000
    epochs: int = 5
    batch_size: int = 128
    lr: float = 0.05
    weight_decay: float = 5e-5
    warmup_epochs: float = 1.0
    bn_momentum: float = 0.9  # spec 0.99 is for 350 ImageNet epochs [Choice]
    nets: tuple[str, ...] = ("lite0", "mbconv", "GT", "C", "convnext", "ran_i")
    data_dir: str | None = None
    seed: int = 0  # data split, study draws and (unless train_seed) training
    # training seed (init, shuffling, augmentation) of every trained net, search
    # proxy and study net; None: ``seed``. A second training seed keeps the split.
    train_seed: int | None = None
    # greedy collapse search (spec §B2 [Choice]) on the CIFAR variant of C's layout
    search_top: int = 0  # candidates: the N positions saving most U65 cycles (0: skip)
    search_delta: float = 1.0  # largest proxy val top-1 loss (points), fixed a priori
    search_train_size: int = 5_000
    search_epochs: int = 2
    search_stages: int = 0  # search a prefix of the layout (smoke); 0: all stages
    # NN-Mass study: study_n random (wm, dm) CIFAR ConvNeXts, short training each
    study_n: int = 0  # 0: skip (--study-n 20: the study)
    study_wm: tuple[float, float] = (0.25, 0.75)  # uniform ranges [Choice]
    study_dm: tuple[float, float] = (0.5, 1.5)
    study_train_size: int = 3_000
    study_epochs: int = 1
    # (j, k): this process trains only the study networks i with i % k == j and
    # reuses the others' caches (k processes, e.g. on one GPU, share a workdir);
    # tau is computed once every network is cached
    study_shard: tuple[int, int] = (0, 1)
    # depthwise conv lowering of the trained nets (jaxeff.ops.depthwise; equal
    # outputs): "shifted" runs faster on CPU, "lax" compiles faster (smoke)
    depthwise: str = "shifted"

    def __post_init__(self) -> None:
        bad = set(self.nets) - {*RAN_E_NETS, "convnext", "ran_i", "ran_i_rule",
                                "GT_tiny", "searched"}
        if bad:
            raise ValueError(f"nets: unknown {sorted(bad)}; choose from "
                             f"{[*RAN_E_NETS, 'convnext', 'ran_i', 'ran_i_rule', 'searched']}")
        if self.train_seed is not None and self.train_seed < 0:
            raise ValueError(f"train_seed must be >= 0, got {self.train_seed}")
        if "searched" in self.nets and (not self.search_top or self.search_stages):
            raise ValueError("nets 'searched' needs the full-layout search "
                             "(search_top > 0, search_stages = 0)")
        for lo, hi in (self.study_wm, self.study_dm):
            if not 0 < lo <= hi:
                raise ValueError(f"study ranges need 0 < low <= high, got "
                                 f"{self.study_wm}, {self.study_dm}")
        if self.study_n < 0:
            raise ValueError(f"study_n must be >= 0, got {self.study_n}")
        j, k = self.study_shard
        if not 0 <= j < k:
            raise ValueError(f"study_shard (j, k) needs 0 <= j < k, got "
                             f"{self.study_shard}")
        if self.depthwise not in ("shifted", "lax"):
            raise ValueError(f"depthwise must be 'shifted' or 'lax', got "
                             f"{self.depthwise!r}")
        if self.affine not in ("dw", "muladd"):
            raise ValueError(f"affine must be 'dw' or 'muladd', got {self.affine!r}")

    @staticmethod
    def smoke() -> Config:
        return Config(vela_imagenet=False, count_imagenet=False, block_nets=("GT",),
                      count_nets=("mbconv", "GT", "convnext", "ran_i"),
                      litert_budget_s=0.1,
                      block_res=32, dataset="digits",
                      train_size=0, val_size=200, epochs=1, batch_size=128,
                      nets=("GT_tiny",), search_top=1, search_stages=2,
                      search_train_size=0, search_epochs=1,
                      study_n=0, study_wm=(0.25, 0.3), study_dm=(0.5, 0.6),
                      study_train_size=0, depthwise="lax")

    @staticmethod
    def default() -> Config:
        """Every section of issue 19 sized to about an hour on a 2-core CPU: the
        miniature recipe (2 epochs of 10,000 images, batch 64, 0.2-epoch warm-up)
        for seven nets, a 2-candidate search with a 1-epoch / 3,000-image proxy and
        a 20-network NN-Mass study at 1 epoch of 1,000 images. At these budgets the
        accuracies measure how fast each net starts learning (docs/RESULTS.md);
        ``--preset gpu`` is the 10-epoch, all-data configuration."""
        return Config(**_MINI)

    @staticmethod
    def gpu() -> Config:
        """The configuration of the accelerator runs in docs/RESULTS.md: all 48,000
        training images, 10 epochs, a 4-candidate search and the 20-network study
        at 2 epochs each (hours on a CPU; minutes per net on one GPU)."""
        return Config(**{**_MINI, "nets": (*_MINI["nets"], "ran_i"),
                         "train_size": 0, "epochs": 10, "search_top": 4,
                         "search_train_size": 0, "search_epochs": 2,
                         "study_train_size": 0, "study_epochs": 2,
                         "vela_imagenet": False, "block_res": 0, "depthwise": "lax"})


_MINI: dict[str, Any] = {
    "train_size": 10_000, "val_size": 2_000, "epochs": 2, "batch_size": 64,
    "warmup_epochs": 0.2,
    "nets": ("mbconv", "GT", "C", "lite0_hswish", "searched", "convnext", "ran_i_rule"),
    "search_top": 2, "search_train_size": 3_000, "search_epochs": 1,
    "study_n": 20, "study_train_size": 1_000, "study_epochs": 1}


def _tseed(cfg: Config) -> int:
    return cfg.seed if cfg.train_seed is None else cfg.train_seed


@functools.lru_cache(maxsize=1)  # a pure grid search, called by every section
def ran_i_rule_cifar():
    """The spec's RAN-i rule (§B2 [Choice]) applied to the CIFAR ConvNeXt
    [32, 64, 128, 256] / [2, 2, 6, 2] itself: the grid point (``WM_GRID`` x
    ``DM_GRID``) with the fewest CIFAR MACs at NN-Mass >= the base's
    (:func:`jaxeff.nets.ran_i.choose_multipliers`). ``ran_i`` instead reuses the
    published RAN-i-T multipliers (0.666, 1.65)."""
    return choose_multipliers(nn_mass_convnext(*CONVNEXT_CIFAR), WM_GRID, DM_GRID,
                              base=CONVNEXT_CIFAR, **CIFAR_COST)


def _convnext_layout(name: str):
    if name == "convnext":
        return CONVNEXT_CIFAR
    if name == "ran_i":
        return ran_i_layout(*RAN_I["T"], CONVNEXT_CIFAR)
    c = ran_i_rule_cifar()
    return c.depths, c.dims


def _searched(pattern: Any) -> tuple[Any, ...]:
    """The searched CIFAR layout: C's k and t with the search's collapse flags."""
    return apply_pattern(all_mbconv(RAN_E_CONFIGS["C"]), pattern)


def _module(name: str, cifar: bool = True, pattern: Any = None,
            depthwise: str = "shifted", **kw: Any):
    kw["depthwise"] = depthwise
    if name == "searched":
        return RANe(_searched(pattern), num_classes=10, stem_stride=1, width=0.5, **kw)
    if name == "GT_tiny":  # smoke only: GT's first five stages (4 collapsed, 2 MBConv)
        return RANe(RAN_E_CONFIGS["GT"][:5], num_classes=10, stem_stride=1, width=0.5,
                    head=256, **kw)
    if name in CONVNEXTS:
        return ConvNeXt(*_convnext_layout(name), num_classes=10, patch=2,
                        depthwise=depthwise)
    if name == "lite0_hswish":
        return ran_e("lite0", cifar=cifar, act="hswish", **kw)
    return ran_e(name, cifar=cifar, **kw)


def counts(imagenet: bool = True, nets: tuple[str, ...] = COUNT_NETS
           ) -> list[dict[str, Any]]:
    """Section 1: MACs / params of the modules (224^2 and the CIFAR variant)."""
    rows = []
    for name in nets:
        row: dict[str, Any] = {"net": name}
        for tag, cifar, hw in (("imagenet", False, 224), ("cifar", True, 32)):
            if (name in CONVNEXTS or not imagenet) and not cifar:
                continue
            row[f"{tag}_macs"], row[f"{tag}_params"] = count_init(
                _module(name, cifar), jnp.zeros((1, hw, hw, 3)))
        rows.append(row)
    return rows


def _graph(name: str, cifar: bool, affine: str, pattern: Any = None):
    kw = ({"res": 32, "width": 0.5, "stem_stride": 1, "num_classes": 10} if cifar
          else {})
    if name == "searched":
        return network_graph(_searched(pattern), affine=affine, **kw)
    if name.startswith("lite0"):
        act = "hswish" if name == "lite0_hswish" else "relu6"
        return network_graph(LITE0_STAGES, lite=True, stem=32, head=1280, act=act, **kw)
    stages = all_mbconv(RAN_E_CONFIGS["C"]) if name == "mbconv" else RAN_E_CONFIGS[name]
    return network_graph(stages, affine=affine, **kw)


def vela_table(cfg: Config, cifar: bool, pattern: Any = None) -> dict[str, Any]:
    """Section 2: Vela cycles / FPS and ratios to both Lite0 baselines and the
    all-MBConv net; LiteRT median latency (one host thread) of the same int8 file.
    ``pattern``: add the searched network (CIFAR variant)."""
    out = {}
    nets = (*RAN_E_NETS, "searched") if pattern is not None else RAN_E_NETS
    for n in nets:
        buf = int8_tflite(_graph(n, cifar, cfg.affine, pattern))
        out[n] = vela_costs(buf)
        if cfg.litert_budget_s:
            out[n]["litert"] = host_latency(buf, budget_s=cfg.litert_budget_s)
    for n in nets:
        for base in ("lite0", "lite0_hswish", "mbconv"):
            for pf in ("u55", "u65"):
                out[n][pf][f"x_{base}"] = out[n][pf]["fps"] / out[base][pf]["fps"]
    return out


def ran_i_section() -> dict[str, Any]:
    """Section 4: the T/S/B table, the grid choice, the CIFAR pair."""
    table = []
    for size in "TSB":
        for fam, layout in (("ConvNeXt", CONVNEXT[size]),
                            ("RAN-i", ran_i_layout(*RAN_I[size]))):
            macs, params = convnext_cost(*layout)
            table.append({"model": f"{fam}-{size}", "depths": layout[0],
                          "dims": layout[1], "gmacs": macs / 1e9,
                          "mparams": params / 1e6,
                          "nn_mass": nn_mass_convnext(*layout)})
    choice = {}
    for size in "TSB":
        try:
            c = choose_multipliers(nn_mass_convnext(*CONVNEXT[size]), WM_GRID, DM_GRID)
            choice[size] = dataclasses.asdict(c)
        except ValueError as e:
            choice[size] = {"error": str(e)}
    cifar = {}
    rule = ran_i_rule_cifar()
    for name in CONVNEXTS:
        layout = _convnext_layout(name)
        macs, params = convnext_cost(*layout, **CIFAR_COST)
        cifar[name] = {"layout": layout, "macs": macs, "params": params,
                       "nn_mass": nn_mass_convnext(*layout),
                       **({"wm": rule.wm, "dm": rule.dm} if name == "ran_i_rule"
                          else {})}
    return {"table": table, "choice": choice, "cifar": cifar}


def _data(cfg: Config):
    d = load_vision(cfg.dataset, cfg.data_dir, val_size=cfg.val_size, seed=cfg.seed)
    if cfg.train_size and cfg.train_size < len(d.train):
        idx = np.sort(np.random.default_rng(cfg.seed).permutation(len(d.train))[
            :cfg.train_size])
        d = dataclasses.replace(d, train=Split(d.train.images[idx], d.train.labels[idx]))
    if d.image_shape[-1] == 1:  # digits: tile to RGB, 2x nearest upsampling (16x16)
        def rgb(a):
            return np.repeat(np.repeat(np.repeat(a, 3, -1), 2, 1), 2, 2)

        splits = {k: Split(rgb(getattr(d, k).images), getattr(d, k).labels)
                  for k in ("train", "val", "test")}
        h, w = d.image_shape[:2]
        d = dataclasses.replace(d, **splits, mean=d.mean * 3, std=d.std * 3,
                                image_shape=(2 * h, 2 * w, 3))
    return d


def train_section(cfg: Config, workdir: pathlib.Path, progress: bool,
                  pattern: Any = None) -> dict[str, Any]:
    """Section 5: short training of each net (dropout 0: the shared loop passes no
    dropout RNG; BN momentum ``cfg.bn_momentum``); the epoch with the best
    validation top-1 is selected and only its variables are evaluated on test."""
    if not cfg.nets:
        return {}
    data, out = _data(cfg), {}
    tc = TrainConfig(epochs=cfg.epochs, batch_size=cfg.batch_size, lr=cfg.lr,
                     weight_decay=cfg.weight_decay, warmup_epochs=cfg.warmup_epochs,
                     seed=_tseed(cfg))
    x1 = jnp.zeros((1, *data.image_shape))
    for name in cfg.nets:
        done = workdir / "train" / f"{name}.json"
        if done.exists():
            out[name] = json.loads(done.read_text())
            continue
        m = (_module(name, depthwise=cfg.depthwise) if name in CONVNEXTS
             else _module(name, pattern=pattern, depthwise=cfg.depthwise, dropout=0.0,
                     bn_momentum=cfg.bn_momentum))
        t0 = time.time()
        v, hist = train_select(m, data, tc, workdir / "train" / name, progress=progress)
        sel = next(h for h in hist if h.get("selected"))
        out[name] = {"val_top1": sel["val_top1"], "epoch": sel["epoch"],
                     **({"pattern": list(pattern)} if name == "searched" else {}),
                     "test_top1": evaluate(m, v, data), "train_s": time.time() - t0,
                     "epochs": len(hist), "history": hist,
                     "macs": count_macs(m.apply, v, x1)}
        done.write_text(json.dumps(out[name]))
    return out


def search_section(cfg: Config, workdir: pathlib.Path, progress: bool
                   ) -> dict[str, Any]:
    """Section 6: :func:`jaxeff.search.ran.greedy_collapse` on the CIFAR variant of
    the all-MBConv layout (C's k and t): per-block U65 cycles at 32^2 order the
    ``search_top`` candidates; the proxy is :func:`train_select` on
    ``search_train_size`` training images for ``search_epochs`` epochs, scored by
    the selected validation top-1 (test never used). Each pattern's proxy result is
    cached under ``<workdir>/search`` (a rerun resumes)."""
    if not cfg.search_top:
        return {}
    base = all_mbconv(RAN_E_CONFIGS["C"])[:cfg.search_stages or None]
    rows = block_costs(base, res=32, width=0.5, stem_stride=1, affine=cfg.affine)
    saved = saved_cycles(rows, "u65")
    order = sorted(range(len(saved)), key=lambda i: (-saved[i], i))
    cand = [i for i in order if saved[i] > 0][:cfg.search_top]
    data = _data(dataclasses.replace(cfg, train_size=cfg.search_train_size))
    tc = TrainConfig(epochs=cfg.search_epochs, batch_size=cfg.batch_size, lr=cfg.lr,
                     weight_decay=cfg.weight_decay, warmup_epochs=cfg.warmup_epochs,
                     seed=_tseed(cfg))

    def proxy(pattern: tuple[int, ...]) -> float:
        tag = "".join(map(str, pattern))
        done = workdir / "search" / f"{tag}.json"
        if not done.exists():
            m = RANe(apply_pattern(base, pattern), num_classes=10, stem_stride=1,
                     depthwise=cfg.depthwise,
                     width=0.5, dropout=0.0, bn_momentum=cfg.bn_momentum,
                     head=256 if cfg.search_stages else 1344)
            _, hist = train_select(m, data, tc, workdir / "search" / tag,
                                   progress=progress)
            done.write_text(json.dumps({"val_top1": max(h["val_top1"] for h in hist),
                                        "history": hist}))
        return json.loads(done.read_text())["val_top1"]

    pattern, ref, steps = greedy_collapse(saved, proxy, delta=cfg.search_delta,
                                          candidates=cand)
    return {"saved_u65": saved, "candidates": cand, "pattern": pattern,
            "reference_val_top1": ref, "delta": cfg.search_delta,
            "steps": [dataclasses.asdict(s) for s in steps],
            "gt": [f for st in RAN_E_CONFIGS["GT"] for f in st.collapse],
            "c": [f for st in RAN_E_CONFIGS["C"] for f in st.collapse]}


def study_multipliers(cfg: Config) -> list[tuple[float, float]]:
    """The study's ``study_n`` (wm, dm) pairs: uniform in ``study_wm`` x ``study_dm``
    (seeded by ``cfg.seed``), rounded to 3 decimals."""
    rng = np.random.default_rng([cfg.seed, 19])
    return [(round(float(rng.uniform(*cfg.study_wm)), 3),
             round(float(rng.uniform(*cfg.study_dm)), 3)) for _ in range(cfg.study_n)]


def study_section(cfg: Config, workdir: pathlib.Path, progress: bool
                  ) -> dict[str, Any]:
    """Section 7: the NN-Mass study (issue 19, spec §B5 item 3). ``study_n`` random
    (wm, dm) scalings of the CIFAR ConvNeXt [32, 64, 128, 256] / [2, 2, 6, 2], each
    trained by :func:`train_select` (``study_train_size`` images, ``study_epochs``
    epochs; validation top-1, test never used); Kendall tau-b of NN-Mass vs
    validation top-1 with a permutation p-value and a bootstrap interval, and the
    same for MACs and params (controls: does NN-Mass rank better than size?). Each
    network's result is cached in ``<workdir>/study/<i>.json`` (a rerun resumes; a
    cache written for another (wm, dm) is an error)."""
    if not cfg.study_n:
        return {}
    data = _data(dataclasses.replace(cfg, train_size=cfg.study_train_size))
    tc = TrainConfig(epochs=cfg.study_epochs, batch_size=cfg.batch_size, lr=cfg.lr,
                     weight_decay=cfg.weight_decay, warmup_epochs=cfg.warmup_epochs,
                     seed=_tseed(cfg))
    x1 = jnp.zeros((1, *data.image_shape))
    rows = []
    for i, (wm, dm) in enumerate(study_multipliers(cfg)):
        done = workdir / "study" / f"{i:02d}.json"
        layout = ran_i_layout(wm, dm, CONVNEXT_CIFAR)
        if done.exists():
            row = json.loads(done.read_text())
            if (row["wm"], row["dm"]) != (wm, dm):
                raise ValueError(f"{done} holds (wm, dm) = ({row['wm']}, {row['dm']}), "
                                 f"expected ({wm}, {dm}): use another --workdir")
            rows.append(row)
            continue
        if i % cfg.study_shard[1] != cfg.study_shard[0]:
            continue  # another shard's network, not cached yet
        m = ConvNeXt(*layout, num_classes=10, patch=2, depthwise=cfg.depthwise)
        t0 = time.time()
        v, hist = train_select(m, data, tc, workdir / "study" / f"{i:02d}",
                               progress=progress)
        row = {"index": i, "wm": wm, "dm": dm, "depths": layout[0],
               "dims": layout[1], "nn_mass": nn_mass_convnext(*layout),
               "macs": count_macs(m.apply, v, x1), "params": count_params(v["params"]),
               "val_top1": max(h["val_top1"] for h in hist),
               "train_s": time.time() - t0, "history": hist}
        done.write_text(json.dumps(row))
        rows.append(row)
    if len(rows) < cfg.study_n:  # other shards still running: no tau yet
        return {"networks": rows, "partial": f"{len(rows)} of {cfg.study_n} cached"}
    acc = [r["val_top1"] for r in rows]
    return {"networks": rows, **{f"tau_{k}": kendall_test(
        [r[k] for r in rows], acc, seed=cfg.seed) for k in ("nn_mass", "macs", "params")}}


def run(cfg: Config, workdir: str | pathlib.Path, *, progress: bool = True,
        overwrite: bool = False) -> dict[str, Any]:
    rd = RunDir(workdir, cfg, overwrite=overwrite)
    res: dict[str, Any] = {"section_s": {}}

    def timed(key: str, fn: Any, *args: Any) -> None:  # wall time per section
        t0 = time.time()
        res[key] = fn(*args)
        res["section_s"][key] = round(time.time() - t0, 1)

    timed("counts", counts, cfg.count_imagenet, cfg.count_nets)
    timed("search", search_section, cfg, rd.path, progress)
    pattern = (res["search"]["pattern"] if res["search"] and not cfg.search_stages
               else None)
    timed("vela_cifar", vela_table, cfg, True, pattern)
    if cfg.vela_imagenet:
        timed("vela_imagenet", vela_table, cfg, False)
    if cfg.block_res:
        kw = ({"res": 32, "width": 0.5, "stem_stride": 1} if cfg.block_res == 32
              else {"res": cfg.block_res})
        timed("blocks", lambda: {n: block_costs(RAN_E_CONFIGS[n], affine=cfg.affine,
                                                **kw) for n in cfg.block_nets})
    timed("ran_i", ran_i_section)
    timed("train", train_section, cfg, rd.path, progress, pattern)
    timed("study", study_section, cfg, rd.path, progress)
    rd.write_results(res)
    rd.write_report(report(res))
    return res


def report(res: dict[str, Any]) -> str:
    """Markdown tables of a run's results."""
    parts = ["# RANs (arXiv 2208.08562)\n"]
    rows = []
    for r in res["counts"]:
        spec = SPEC.get(r["net"], (None, None))
        rows.append([r["net"], r.get("imagenet_macs", "-"), r.get("imagenet_params", "-"),
                     spec[0] or "-", spec[1] or "-", r["cifar_macs"], r["cifar_params"]])
    parts.append(markdown_table(["net", "MACs 224", "params 224", "spec MACs (M)",
                                 "spec params (M)", "MACs CIFAR", "params CIFAR"], rows))
    for key in ("vela_imagenet", "vela_cifar"):
        if key not in res:
            continue
        rows = [[n, c["u55"]["cycles"], c["u65"]["cycles"], c["u55"]["x_lite0"],
                 c["u65"]["x_lite0"], c["u55"]["x_lite0_hswish"],
                 c["u65"]["x_lite0_hswish"], c["u55"]["x_mbconv"], c["u65"]["x_mbconv"],
                 *PAPER_FPS.get(n, ("-", "-")),
                 c["u55"]["cpu_ops"] + c["u65"]["cpu_ops"],
                 c["litert"]["median_ms"] if "litert" in c else "-"]
                for n, c in res[key].items()]
        parts.append(f"\n## {key}\n\n" + markdown_table(
            ["net", "U55 cycles", "U65 cycles", "U55 x Lite0", "U65 x Lite0",
             "U55 x Lite0-hs", "U65 x Lite0-hs", "U55 x MBConv", "U65 x MBConv",
             "paper U55", "paper U65", "CPU ops",
             "LiteRT ms"], rows))
    for n, rows in res.get("blocks", {}).items():
        parts.append(f"\n## per-block Vela cycles, {n} layout\n\n" + markdown_table(
            ["block", "cin", "cout", "s", "hw", "k", "t", "flag", "U55 MBConv",
             "U55 coll.", "U65 MBConv", "U65 coll."],
            [[r["index"], r["cin"], r["cout"], r["stride"], r["hw"], r["kernel"], r["t"],
              r["flag"], r["u55_mbconv"], r["u55_collapsed"], r["u65_mbconv"],
              r["u65_collapsed"]] for r in rows]))
    ri = res["ran_i"]
    parts.append("\n## RAN-i\n\n" + markdown_table(
        ["model", "depths", "dims", "GMACs", "Mparams", "NN-Mass"],
        [[r["model"], r["depths"], r["dims"], round(r["gmacs"], 2),
          round(r["mparams"], 1), r["nn_mass"]] for r in ri["table"]]))
    parts.append("\nGrid choice (min MACs, NN-Mass >= base): " + json.dumps(ri["choice"]))
    parts.append("\nCIFAR pair: " + json.dumps(ri["cifar"]))
    if res.get("search"):
        sr = res["search"]
        parts.append(f"\n## greedy search (delta {sr['delta']} points, reference val "
                     f"top-1 {sr['reference_val_top1']:.2f})\n\n" + markdown_table(
                         ["position", "U65 cycles saved", "proxy val top-1", "kept"],
                         [[s["position"], s["saved"], s["accuracy"], s["kept"]]
                          for s in sr["steps"]]))
        parts.append(f"\nsearched {sr['pattern']}\nGT       {tuple(sr['gt'])}\n"
                     f"C        {tuple(sr['c'])}")
    if res.get("study"):
        st = res["study"]
        parts.append("\n## NN-Mass study\n\n" + markdown_table(
            ["#", "wm", "dm", "depths", "dims", "NN-Mass", "MACs", "params",
             "val top-1", "train s"],
            [[r["index"], r["wm"], r["dm"], r["depths"], r["dims"], r["nn_mass"],
              r["macs"], r["params"], r["val_top1"], round(r["train_s"])]
             for r in st["networks"]]))
        if "partial" in st:
            parts.append(f"\nstudy partial ({st['partial']}): no tau yet")
        else:
            parts.append("\n" + markdown_table(
                ["vs val top-1", "Kendall tau-b", "permutation p", "bootstrap 95 %"],
                [[k, round(st[f"tau_{k}"]["tau"], 3),
                  round(st[f"tau_{k}"]["p_perm"], 4),
                  f"[{st[f'tau_{k}']['ci95_low']:.3f}, "
                  f"{st[f'tau_{k}']['ci95_high']:.3f}]"]
                 for k in ("nn_mass", "macs", "params")]))
    if res["train"]:
        parts.append("\n## training\n\n" + markdown_table(
            ["net", "MACs", "epochs", "selected epoch", "val top-1",
             "test top-1 (selected)", "train s"],
            [[n, r.get("macs", "-"), r["epochs"], r.get("epoch", "-"), r["val_top1"],
              r["test_top1"], round(r["train_s"])]
             for n, r in res["train"].items()]))
    return "\n".join(parts) + "\n"


def parse(argv: list[str] | None = None) -> tuple[Config, str, Any]:
    p = preset_parser(__doc__, ("smoke", "default", "gpu"))
    p.add_argument("--epochs", type=int, default=None)
    p.add_argument("--train-size", type=int, default=None)
    p.add_argument("--val-size", type=int, default=None)
    p.add_argument("--batch-size", type=int, default=None)
    p.add_argument("--warmup-epochs", type=float, default=None)
    p.add_argument("--bn-momentum", type=float, default=None)
    p.add_argument("--lr", type=float, default=None)
    p.add_argument("--nets", nargs="*", default=None)
    p.add_argument("--affine", choices=["dw", "muladd"], default=None)
    p.add_argument("--no-imagenet-vela", action="store_true")
    p.add_argument("--block-res", type=int, default=None,
                   help="input size of the per-block Vela table (32: CIFAR variant)")
    p.add_argument("--data-dir", default=None)
    p.add_argument("--search-top", type=int, default=None,
                   help="greedy search over the N best positions (0: no search)")
    p.add_argument("--search-delta", type=float, default=None)
    p.add_argument("--search-train-size", type=int, default=None)
    p.add_argument("--search-epochs", type=int, default=None)
    p.add_argument("--study-n", type=int, default=None,
                   help="NN-Mass study over N random (wm, dm) ConvNeXts (0: skip)")
    p.add_argument("--study-train-size", type=int, default=None)
    p.add_argument("--study-epochs", type=int, default=None)
    p.add_argument("--study-shard", default=None, metavar="J/K",
                   help="train only study networks i with i %% K == J")
    p.add_argument("--train-seed", type=int, default=None,
                   help="training seed (init, order, augmentation); the split stays")
    p.add_argument("--depthwise", choices=["shifted", "lax"], default=None,
                   help="depthwise lowering (shifted: faster on CPU; lax: GPU/TPU)")
    a, preset = parse_run_args(p, argv)
    cfg = {"smoke": Config.smoke, "gpu": Config.gpu}.get(preset, Config.default)()
    over = {k: v for k, v in (("epochs", a.epochs), ("train_size", a.train_size),
                              ("bn_momentum", a.bn_momentum), ("lr", a.lr),
                              ("val_size", a.val_size), ("batch_size", a.batch_size),
                              ("warmup_epochs", a.warmup_epochs),
                              ("affine", a.affine), ("data_dir", a.data_dir),
                              ("block_res", a.block_res),
                              ("search_top", a.search_top),
                              ("search_delta", a.search_delta),
                              ("search_train_size", a.search_train_size),
                              ("search_epochs", a.search_epochs),
                              ("study_n", a.study_n),
                              ("study_train_size", a.study_train_size),
                              ("study_epochs", a.study_epochs),
                              ("depthwise", a.depthwise),
                              ("train_seed", a.train_seed))
            if v is not None}
    if a.nets is not None:
        over["nets"] = tuple(a.nets)
    if a.no_imagenet_vela:
        over["vela_imagenet"] = False
    if a.study_shard is not None:
        try:
            j, k = (int(t) for t in a.study_shard.split("/"))
        except ValueError:
            raise SystemExit(f"--study-shard: expected J/K (e.g. 0/3), got "
                             f"{a.study_shard!r}") from None
        over["study_shard"] = (j, k)
    cfg = dataclasses.replace(cfg, **over)
    return cfg, a.workdir or f"runs/rans_{preset}", a


def main(argv: list[str] | None = None) -> dict[str, Any]:
    cfg, workdir, a = parse(argv)
    return run_and_report(run, report, cfg, workdir, a)


if __name__ == "__main__":
    main()
