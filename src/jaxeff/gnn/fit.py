"""Training and inference of PerfSAGE predictors (spec perfsage.md §2.2 "Training").

PerfSAGE (arXiv 2301.10999): (1) graphs from TFLite, (2) a StandardScaler per
feature column fit on train-split nodes (sigma = 0 -> 1), (3) batches of 64 graphs
padded to power-of-two node/edge buckets (jit compiles once per bucket), (4) Adam
(lr 0.01) with every gradient element clipped to [-5, 5], (5) keep the parameters of
the best validation MAPE, (6) test MAPE, +-10 % accuracy and Spearman rho.

Why this file is over 400 lines (issue 15): it is one pipeline, steps (2)-(6) in
order, around one type. :class:`Predictor` holds what :func:`fit` produces and
``predict`` reuses the scaler, :func:`graph_of`, :func:`batches` and the jitted
apply of training; its ``load`` (about 70 of the lines) validates every field of an
untrusted file against :class:`FitConfig` (and, for the roofline-prior variant of
issue 22, its residual ranges and per-op-type feature box; for the stacked variant,
its nn-Meter forests, :class:`ForestBase`, stored data-only, and the per-op-type
feature box of rule J, session 26). Moving ``Predictor`` out
would need a third module for the shared scaler / batching (else the two import each other), for
no reader gain.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import os
import pathlib
import time
from collections.abc import Callable, Sequence
from typing import Any

import jax
import jax.numpy as jnp
import jraph
import numpy as np
import optax

from jaxeff.gnn.baselines import Z_GEOMETRIES, NNMeter
from jaxeff.gnn import velamem
from jaxeff.gnn.bounds import (
    PEAK,
    UNKNOWN_CATEGORY,
    OodStats,
    assess,
    capped_correction,
    check_caps,
    live_bytes,
    node_box,
    node_fallback,
    node_prior,
    nodes_out_of_range,
    per_op_on_unseen,
)
from jaxeff.gnn.graph import (
    FAITHFUL_COLUMNS,
    FEATURE_COLUMNS,
    NUM_CATEGORIES,
    pad_batch,
)
from jaxeff.gnn.perfsage import PerfSAGE, log_l1_loss, mape_loss, node_l1_loss
from jaxeff.gnn.store import (
    ArtifactError,
    flatten_tree,
    load_npz_json,
    save_npz_json,
    unflatten_tree,
)

log = logging.getLogger(__name__)

PREDICTOR_KIND = "jaxeff.perfsage.predictor"
# FitConfig.features -> number of leading node-feature columns used
FEATURE_SETS = {"faithful": len(FAITHFUL_COLUMNS), "plus": len(FEATURE_COLUMNS)}
NODE_INPUTS = ("none", "roofline", "stacked")
STACK_RESIDUAL = 2.0  # "stacked": |log correction| soft-capped at 2 (x 7.4) [U]
MEMORY_TARGETS = ("_sram_kib", "peak_kib", "arena_kib")  # FitConfig.memory_base
MEMORY_SHARPNESS = 100.0  # readout beta the memory targets start at (max-like) [U]


@dataclasses.dataclass(frozen=True, kw_only=True)
class FitConfig:
    """Training settings; defaults follow the public code except ``epochs``."""

    epochs: int = 200
    batch_size: int = 64
    lr: float = 0.01
    clip: float = 5.0
    seed: int = 123
    hidden: int = 128
    log_output: bool = True
    # "mape" (paper) or "log_l1" = mean |log y_hat - log y| (a MAPE surrogate that
    # stays finite with the exp readout; our deviation [U], needs log_output)
    loss: str = "log_l1"
    direction: str = "reverse"  # messages consumer -> producer: mean over successors
    # "paper" (sum of L2-normalised node embeddings, linear head) or "additive" (per-node
    # positive contributions soft-summed; our deviation [U], see jaxeff.gnn.perfsage)
    readout: str = "paper"
    # "constant" (public code) or "cosine" decay of the Adam step to 0 over the epochs
    # (our deviation [U])
    schedule: str = "constant"
    # out-of-distribution guards (our deviation [U], off by default): clip standardised
    # node features to +-feature_clip; with the additive readout, soft-cap every node's
    # log-contribution at the log of the largest training label (``node_cap``), so no
    # operator alone can be predicted slower / larger than the largest training graph
    feature_clip: float | None = None
    node_cap: bool = False
    # node feature columns: "plus" (all of ``graph.FEATURE_COLUMNS``: the paper's 18
    # plus our flagged "+" columns [U]) or "faithful" (the paper's 18 columns only,
    # ``graph.FAITHFUL_COLUMNS``, spec §2.1 step 5)
    features: str = "plus"
    # issue 22 [U]: weight lambda of the node-level loss (additive readout; targets with
    # Vela per-layer cycles: ``perfsage.node_l1_loss``); loss = graph + lambda * node
    node_loss: float = 0.0
    # session 23 [U]: the node loss also fits operators whose per-layer label is 0 to
    # one cycle of their Vela target (``perfsage.node_l1_loss`` ``floor``)
    zero_floor: bool = False
    # issue 22 [U]: each step, replace this fraction of operator categories by the
    # UNKNOWN id (``bounds.UNKNOWN_CATEGORY``), which prediction then uses for op types
    # never seen in training (instead of an untrained random embedding row)
    unknown_rate: float = 0.0
    # issue 22, our variant [U]: with the additive readout, each node's log contribution
    # to a Vela latency target is its roofline time (``bounds.node_prior``) plus the
    # learnt residual, so the GNN predicts a log efficiency, not an absolute time; the
    # residual is soft-clamped to its op type's training range (``residual_range``) and
    # predictions clip node features into the training box (``Predictor._graph``)
    prior: bool = False
    # issue 22 session 9 [U]: extra node inputs appended to the feature columns.
    # "roofline": each latency target's per-node log roofline time
    # (``bounds.node_prior``); "stacked" (our variant): those plus the log of a per-op
    # kernel predictor's per-node time (``node_base``, e.g. the nn-Meter forests), with
    # the node head predicting a soft-clamped log correction (+-``STACK_RESIDUAL``) of it
    node_inputs: str = "none"
    # issue 22 session 16, our variant [U]: with node_inputs="stacked", memory targets
    # (``MEMORY_TARGETS``: Vela SRAM, planner peak / arena) also get a per-node log base,
    # the activation bytes live while the operator runs (``bounds.live_bytes``, as KiB),
    # a soft-clamped +-STACK_RESIDUAL correction, and a readout sharpness started at
    # ``MEMORY_SHARPNESS`` (a near max over the schedule, where the latency targets keep
    # a sum). The base is not also an input column: with that column, two of four seeds
    # diverged in their first epoch at lr 0.01 (session 16, docs/RESULTS.md)
    # session 18 [U]: memory_base="rules" takes the Vela SRAM targets' per-node base
    # from Vela's memory rules (``velamem.node_sram_bytes``: feature maps in Vela's
    # layout + weight buffers) instead of ``live_bytes``; other memory targets keep it
    memory_base: bool | str = False

    def check(self) -> FitConfig:
        """Raise ``ValueError`` naming the field for an invalid setting; returns self."""
        for name in ("epochs", "batch_size", "seed", "hidden"):
            v = getattr(self, name)
            low = 0 if name in ("epochs", "seed") else 1
            if not isinstance(v, int) or isinstance(v, bool) or v < low:
                raise ValueError(f"FitConfig.{name} must be an int >= {low}, got {v!r}")
        for name in ("lr", "clip"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int | float) or not v > 0:
                raise ValueError(f"FitConfig.{name} must be > 0, got {v!r}")
        if not isinstance(self.prior, bool) or (self.prior and self.readout != "additive"):
            raise ValueError("FitConfig.prior must be a bool and needs readout='additive'")
        if not isinstance(self.log_output, bool) or not isinstance(self.node_cap, bool):
            raise ValueError("FitConfig.log_output and FitConfig.node_cap must be bools")
        if self.loss not in ("mape", "log_l1"):
            raise ValueError(f"FitConfig.loss must be 'mape' or 'log_l1', got {self.loss!r}")
        if self.loss == "log_l1" and not self.log_output:
            raise ValueError(f"loss {self.loss!r} needs log_output for log_l1")
        if self.direction not in ("forward", "reverse", "both"):
            raise ValueError(f"FitConfig.direction: bad value {self.direction!r}")
        if self.readout not in ("paper", "additive"):
            raise ValueError(f"readout must be 'paper' or 'additive', got {self.readout!r}")
        if self.readout == "additive" and not self.log_output:
            raise ValueError("readout='additive' needs log_output=True")
        if self.schedule not in ("constant", "cosine"):
            raise ValueError(
                f"schedule must be 'constant' or 'cosine', got {self.schedule!r}")
        if self.node_cap and self.readout != "additive":
            raise ValueError("node_cap needs readout='additive' (per-node contributions)")
        fc = self.feature_clip
        if fc is not None and (isinstance(fc, bool) or not isinstance(fc, int | float)
                               or not fc > 0):
            raise ValueError(f"feature_clip must be > 0 or None, got {fc!r}")
        for name, top in (("node_loss", math.inf), ("unknown_rate", 1.0)):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int | float) or not 0 <= v < top:
                raise ValueError(f"FitConfig.{name} must be in [0, {top}), got {v!r}")
        if self.node_loss and (self.readout != "additive" or self.loss != "log_l1"):
            raise ValueError("node_loss needs readout='additive' and loss='log_l1'")
        if self.zero_floor and not self.node_loss:
            raise ValueError("zero_floor needs node_loss > 0")
        if self.node_inputs not in NODE_INPUTS:
            raise ValueError(f"FitConfig.node_inputs must be one of {NODE_INPUTS}, got "
                             f"{self.node_inputs!r}")
        if self.node_inputs != "none" and (self.readout != "additive" or self.prior):
            raise ValueError("FitConfig.node_inputs needs readout='additive' and "
                             "prior=False")
        if not (isinstance(self.memory_base, bool) or self.memory_base == "rules") or (
                self.memory_base and self.node_inputs != "stacked"):
            raise ValueError("FitConfig.memory_base must be False, True or 'rules' and "
                             f"needs node_inputs='stacked', got {self.memory_base!r}")
        if self.features not in FEATURE_SETS:
            raise ValueError(
                f"features must be one of {sorted(FEATURE_SETS)}, got {self.features!r}")
        return self


@dataclasses.dataclass
class Scaler:
    """Per-column standardisation fit on training nodes (sigma = 0 -> 1), optionally
    clipped to ``+-clip`` (``FitConfig.feature_clip``)."""

    mean: np.ndarray
    std: np.ndarray
    clip: float | None = None

    @staticmethod
    def fit(
        xs: Sequence[np.ndarray], clip: float | None = None, columns: int | None = None
    ) -> Scaler:
        """Fit on the first ``columns`` feature columns (all when None) of ``xs``."""
        x = np.concatenate([np.asarray(v)[:, :columns] for v in xs]).astype(np.float64)
        std = x.std(0)
        return Scaler(
            x.mean(0).astype(np.float32), np.where(std > 0, std, 1.0).astype(np.float32),
            clip,
        )

    def __call__(self, x: np.ndarray) -> np.ndarray:
        """Standardise ``x [N, F]`` (F >= fitted columns; extra trailing columns, e.g.
        the "+" columns of a faithful-feature predictor, are dropped)."""
        k = self.mean.shape[0]
        if x.ndim != 2 or x.shape[1] < k:
            raise ValueError(f"node features must be [N, >={k}], got shape {x.shape}")
        z = (x[:, :k] - self.mean) / self.std
        if self.clip is not None:
            z = np.clip(z, -self.clip, self.clip)
        return z.astype(np.float32)


def graph_of(
    rec: dict, scaler: Scaler, y: np.ndarray | None, direction: str,
    yn: np.ndarray | None = None, cat_map: Callable | None = None,
    prior: np.ndarray | None = None,
) -> jraph.GraphsTuple:
    """One dataset record (``x, cat, senders, receivers``) as a GraphsTuple; ``yn``
    per-node labels ``[N, T]`` (``nodes["yn"]``), ``cat_map`` remaps categories,
    ``prior`` per-node log priors ``[N, T]`` (``nodes["prior"]``, ``FitConfig.prior``)."""
    s, r = rec["senders"], rec["receivers"]
    if direction == "reverse":
        s, r = r, s
    elif direction == "both":
        s, r = np.concatenate([s, r]), np.concatenate([r, s])
    glob = (
        np.zeros((1, 1), np.float32)
        if y is None
        else np.asarray(y, np.float32).reshape(1, -1)
    )
    return jraph.GraphsTuple(
        nodes={"x": scaler(rec["x"]),
               "cat": np.asarray(rec["cat"] if cat_map is None else cat_map(rec["cat"]),
                                 np.int32),
               **({} if yn is None else {"yn": np.asarray(yn, np.float32)}),
               **({} if prior is None else {"prior": np.asarray(prior, np.float32)})},
        edges=None,
        senders=np.asarray(s, np.int32),
        receivers=np.asarray(r, np.int32),
        n_node=np.asarray([len(rec["x"])], np.int32),
        n_edge=np.asarray([len(s)], np.int32),
        globals=glob,
    )


def priors(rec: dict, targets: Sequence[str], cfg: FitConfig) -> np.ndarray | None:
    """Per-node log priors ``[N, T]`` (``bounds.node_prior``) when ``cfg.prior``."""
    if not cfg.prior:
        return None
    return np.stack([node_prior(rec, t) for t in targets], 1)


def latency_columns(targets: Sequence[str]) -> list[int]:
    """Indices of the targets with Vela per-layer cycles (the latency targets)."""
    return [k for k, t in enumerate(targets) if _op_key(t) is not None]


def memory_columns(targets: Sequence[str]) -> list[int]:
    """Indices of the memory targets (``MEMORY_TARGETS``) in ``targets``."""
    return [k for k, t in enumerate(targets)
            if t.endswith(MEMORY_TARGETS) or t in MEMORY_TARGETS]


def n_extra(cfg: FitConfig, targets: Sequence[str]) -> int:
    """Number of extra node-input columns of ``cfg.node_inputs`` (``memory_base`` adds
    none: its base enters as a prior only)."""
    per = {"none": 0, "roofline": 1, "stacked": 2}[cfg.node_inputs]
    return per * len(latency_columns(targets))


def model_inputs(rec: dict, targets: Sequence[str], cfg: FitConfig,
                 base: np.ndarray | None = None) -> dict:
    """``rec`` with ``x`` = its first ``FEATURE_SETS[cfg.features]`` columns followed by
    the extra inputs of ``cfg.node_inputs`` (``[N, width + n_extra]``): the log
    roofline time of each latency target, then (stacked) ``base [N, T]``'s latency
    columns (log ms of the per-op predictor)."""
    x = np.asarray(rec["x"], np.float32)[:, :FEATURE_SETS[cfg.features]]
    if cfg.node_inputs == "none":
        return {**rec, "x": x}
    lat = latency_columns(targets)
    cols = [node_prior(rec, targets[k]) for k in lat]
    if cfg.node_inputs == "stacked":
        if base is None:
            raise ValueError("node_inputs='stacked' needs the per-op predictor's node "
                             "times (node_base)")
        cols += [base[:, k] for k in lat]
    return {**rec, "x": np.concatenate([x, np.stack(cols, 1).astype(np.float32)], 1)}


def log_live_kib(rec: dict) -> np.ndarray:
    """``log`` of :func:`jaxeff.gnn.bounds.live_bytes` in KiB (floored at 1 byte)."""
    return np.log(np.maximum(live_bytes(rec), 1.0) / 1024.0)


def with_memory_base(base: np.ndarray, rec: dict, targets: Sequence[str],
                     kind: bool | str = True) -> np.ndarray:
    """``base [N, T]`` with every memory target's column (:func:`memory_columns`) set to
    :func:`log_live_kib` (``FitConfig.memory_base``); with ``kind="rules"`` the Vela
    SRAM targets (``u55_sram_kib``, ``u65_sram_kib``) get the log KiB of
    :func:`jaxeff.gnn.velamem.node_sram_bytes` (its session-18 rule "own", as trained)
    instead; a copy."""
    out = np.array(base, np.float64)
    cols = memory_columns(targets)
    if cols:
        out[:, cols] = log_live_kib(rec)[:, None]
    if kind == "rules":
        for k in cols:
            if targets[k] in ("u55_sram_kib", "u65_sram_kib"):
                out[:, k] = np.log(np.maximum(
                    velamem.node_sram_bytes(rec, targets[k][:3], rule="own"), 1.0) / 1024.0)
    return out


def stack_base(rec: dict, targets: Sequence[str], per_op: dict[str, Callable],
               memory: bool | str = False) -> np.ndarray:
    """Log base ``[N, T]`` of the stacked variant: per latency target ``t`` in
    ``per_op`` (``rec -> [n_ops]`` ms, e.g. the nn-Meter forests), the log of the
    per-op prediction; where it is <= 0 (op types the forests never saw, and input
    nodes) the log roofline time (``bounds.node_prior``); with ``memory``
    (``FitConfig.memory_base``) each memory target gets :func:`log_live_kib`; 0 for
    other targets."""
    out = np.zeros((len(rec["x"]), len(targets)), np.float64)
    if memory:
        out = with_memory_base(out, rec, targets, memory)
    n = int(rec["n_ops"])
    for k, t in enumerate(targets):
        if t not in per_op:
            continue
        roof = node_prior(rec, t)
        v = np.asarray(per_op[t](rec), np.float64)
        out[:, k] = roof
        pos = v > 0
        out[:n][pos, k] = np.log(v[pos])
    return out


@dataclasses.dataclass(eq=False)
class ForestBase:
    """The stacked variant's ``node_base`` as data: per latency target ``t`` an
    nn-Meter forest set (Zhang et al., MobiSys 2021; :class:`NNMeter`, fit on Vela
    per-layer cycles) and the cycles -> ms ``ratio``; ``base(rec)`` =
    :func:`stack_base` ``(rec, targets, per_op)`` with ``per_op[t](rec) =
    meters[t].predict_ops(rec) * ratios[t]`` (``memory``: also the memory columns,
    ``FitConfig.memory_base``). Stored by :meth:`Predictor.save` as data-only arrays
    (:mod:`jaxeff.gnn.trees`, no pickle). ``memo``: cache the base per record object
    (the validation graphs are predicted every epoch; the cache holds the record, so
    ids are never reused)."""

    targets: tuple[str, ...]
    meters: dict[str, NNMeter]
    ratios: dict[str, float]
    memory: bool | str = False
    memo: bool = False
    #: rule P (session 31): per op category the training split's largest
    #: ``log_param_bytes`` (:meth:`NNMeter.weight_regime`); None = off. Not saved: a
    #: :class:`Predictor` derives it from its ``node_box`` (:meth:`Predictor.with_weight_rule`)
    weight_hi: np.ndarray | None = None
    #: rule Q (session 31): CONV_2Ds with a stride above 3 get
    #: :func:`jaxeff.gnn.baselines.split_conv_cycles`. Not saved either
    stride_split: bool = False
    #: rule R (session 32): per latency target the training split's weight-streaming
    #: ratio (:meth:`jaxeff.gnn.baselines.NNMeter.weight_stream_ratio`), with
    #: ``weight_hi``, in place of rule P; None = rule P. Not saved here either: a
    #: :class:`Predictor` keeps it (``Predictor.weight_stream``)
    weight_stream: dict[str, float | dict[str, float]] | None = None
    #: rule S (session 32 addendum 3): stride-1 TRANSPOSE_CONVs by the CONV_2D forest
    #: (:func:`jaxeff.gnn.baselines.stride1_tconvs`). Not saved either
    tconv1: bool = False
    #: rule T (session 36): broadcast-constant elementwise operators cost at least
    #: Vela's per-element constant reads (:func:`jaxeff.gnn.baselines.bcast_const_ops`).
    #: Not saved either
    bcast: bool = False
    #: rule U (session 36): one-row / one-column resizes at Vela's cycles per element
    #: (:func:`jaxeff.gnn.baselines.row_resizes`). Not saved either
    row: bool = False
    #: rule T' (session 36 addendum 5): broadcast-constant elementwise operators from
    #: Vela probes at every map size (:func:`jaxeff.gnn.baselines.bcast_table_cycles`).
    #: Not saved either
    bcast_table: bool = False
    #: rule T2 (session 37): broadcast-constant elementwise operators on square maps up
    #: to 64 x 64 from Vela probes at the exact map size
    #: (:func:`jaxeff.gnn.baselines.bcast_exact_cycles`). Not saved either
    bcast_exact: bool = False
    #: rule V (session 37 addendum 3): pools with a stride above 3 at Vela's split into
    #: one operation per output pixel (:func:`jaxeff.gnn.baselines.split_pool_cycles`).
    #: Not saved either
    pool_split: bool = False
    #: candidate T2-16 (session 37 addendum 5): rule T2 on depth-16 maps too. Not saved
    bcast_c16: bool = False
    #: rule Z (session 37 addendum 8): narrow-input long-kernel convs at the padded-MAC
    #: bound (:func:`jaxeff.gnn.baselines.z_conv_bound`). Not saved either
    z_conv: bool = False
    #: candidates Z1 ("row") / Z2 ("rowcol") of session 38 addendum 2 with rule Z
    #: (:func:`jaxeff.gnn.baselines.z_conv_kappa`). Not saved either
    z_geometry: str = ""
    #: candidates A16 / R16 of session 38 addendum 7 (:func:`jaxeff.gnn.baselines.depth16_cycles`).
    #: Not saved either
    add16: bool = False
    conv16: bool = False
    #: candidate W1 of session 39 addendum 3 (:func:`jaxeff.gnn.baselines.row_conv_cycles`).
    #: Not saved either
    row_conv: bool = False
    #: candidate W2 of session 40 addendum 1 (W1 with kappa on the MAC term only; with
    #: ``row_conv``). Not saved either
    row_conv_w2: bool = False
    #: candidate W3 of session 40 addendum 4 (W1 with the weight stream at Vela's encoded
    #: size; with ``row_conv``). Not saved either
    row_conv_codec: bool = False
    #: candidate Qe of session 42 (rule Q at Vela's encoded weight bytes; with
    #: ``stride_split``). Not saved either
    split_codec: bool = False
    #: candidate O2 of session 42 (:func:`jaxeff.gnn.baselines.row_odd_macs`: U65 one-row
    #: convs of odd width pay their MAC share twice). Not saved either
    row_odd: bool = False
    #: candidate Q2 of session 42 addendum 2 (rule Q's domain at
    #: :func:`jaxeff.gnn.baselines.split_conv_cycles2`; with ``stride_split``). Not saved either
    split_probe: bool = False
    #: candidate P1 of session 42 addendum 3 (:func:`jaxeff.gnn.baselines.row_prelu_cycles`:
    #: PRELUs on one-row maps at Vela's probed cycles). Not saved either
    row_prelu: bool = False
    #: candidates C1a / C1b ("a" / "b") and PL of session 43 addenda 3-4
    #: (:func:`jaxeff.gnn.baselines.few_cin_conv_cycles`, :func:`~jaxeff.gnn.baselines.stride1_pool_cycles`:
    #: Vela's part-kernel compute term for stride-1 convs on few input channels, and stride-1 VALID pools). Not saved
    few_cin: str = ""
    stride1_pool: bool | str = False  # True: PL; "a" / "b": PL2a / PL2b (addendum 6)
    #: candidates G1 and AB / AS ("b", "s", "bs") of session 44 addendum 1 (:func:`jaxeff.gnn.baselines.pixel_pool_cycles`,
    #: :func:`~jaxeff.gnn.baselines.lut_activation_cycles`: one-pixel pools and LUT activations at Vela's probed
    #: cycles). Not saved
    pixel_pool: bool = False
    lut_act: str = ""
    #: candidate Y (session 38 addendum 3): in :meth:`Predictor.predict_fallback`, the
    #: operators a rule prices (:meth:`ruled`) keep their ruled base, as rule J's
    #: out-of-box nodes do. Not saved either
    ruled_fallback: bool = False
    _cache: dict = dataclasses.field(default_factory=dict, repr=False)

    def per_op(self) -> dict[str, Callable[[dict], np.ndarray]]:
        """Per latency target, ``rec -> [n_ops]`` ms (unseen op types: 0)."""
        ws = self.weight_stream or {}
        return {t: (lambda rec, f=m, k=self.ratios[t], w=self.weight_hi, q=self.stride_split,
                    s=ws.get(t), c=self.tconv1, b=self.bcast, r=self.row,
                    bt=self.bcast_table, be=self.bcast_exact, v=self.pool_split,
                    b16=self.bcast_c16, z=self.z_conv, zg=self.z_geometry, a16=self.add16,
                    r16=self.conv16, w1=self.row_conv, w2=self.row_conv_w2,
                    w3=self.row_conv_codec, qe=self.split_codec, o2=self.row_odd,
                    q2=self.split_probe, p1=self.row_prelu, c1=self.few_cin, pl=self.stride1_pool,
                    g1=self.pixel_pool, la=self.lut_act:
                    f.predict_ops(rec, w, q, s, c, b, r, bt, be, v, b16, z, zg, a16, r16, w1,
                                  w2, w3, split_codec=qe, row_odd=o2, split_probe=q2,
                                  row_prelu=p1, few_cin=c1, stride1_pool=pl, pixel_pool=g1,
                                  lut_act=la) * k)
                for t, m in self.meters.items()}

    def ruled(self, rec: dict) -> dict[str, np.ndarray]:
        """Per latency target, ``[n_ops]`` bool: the operators whose price one of this
        base's rules sets in place of the forest's (Q :func:`~jaxeff.gnn.baselines.split_conv_cycles`,
        T2 :func:`~jaxeff.gnn.baselines.bcast_exact_cycles`, U
        :func:`~jaxeff.gnn.baselines.row_resizes`, V :func:`~jaxeff.gnn.velamem.split_pools`,
        Z :func:`~jaxeff.gnn.baselines.z_conv_bound`, R16, W1, P1
        :func:`~jaxeff.gnn.baselines.row_prelu_cycles`); O2 adds to a value and, like the
        floors (P, R, R', T) and the
        forest swap S do not set a price and are not counted (candidate Y, session 38)."""
        from jaxeff.gnn import baselines as bl

        n = int(rec["n_ops"])
        out = {}
        for t, m in self.meters.items():
            mask = np.zeros(n, bool)
            if self.stride_split:
                mask |= bl.split_conv_cycles(rec, m.platform)[0]
            if self.bcast_exact:
                mask |= bl.bcast_exact_cycles(rec, m.platform, self.bcast_c16)[0]
            if self.row:
                mask |= bl.row_resizes(rec) > 0
            if self.pool_split:
                mask |= velamem.split_pools(rec)
            if self.z_conv:
                mask |= bl.z_conv_bound(rec, m.platform)[0]
            if self.add16 or self.conv16:
                mask |= bl.depth16_cycles(rec, m.platform, self.add16, self.conv16)[0]
            if self.row_conv:
                mask |= bl.row_conv_cycles(rec, m.platform)[0]
            if self.row_prelu:  # candidate P1 (session 42) sets a price too
                mask |= bl.row_prelu_cycles(rec, m.platform)[0]
            if self.few_cin:  # candidates C1a / C1b (session 43)
                mask |= bl.few_cin_conv_cycles(rec, m.platform, wide=self.few_cin == "b")[0]
            if self.stride1_pool:  # candidates PL / PL2a / PL2b (session 43)
                mask |= bl.stride1_pool_cycles(rec, m.platform, "" if self.stride1_pool is True
                                               else self.stride1_pool)[0]
            if self.pixel_pool:  # candidate G1 (session 44)
                mask |= bl.pixel_pool_cycles(rec, m.platform)[0]
            if self.lut_act:  # candidates AB / AS (session 44)
                mask |= bl.lut_activation_cycles(rec, m.platform, self.lut_act)[0]
            out[t] = mask
        return out

    def with_depth16_rule(self, add: bool = True, conv: bool = True) -> ForestBase:
        """A copy with candidates A16 (``add``) / R16 (``conv``) on (see the fields), its own
        empty cache."""
        return dataclasses.replace(self, add16=add, conv16=conv, _cache={})

    def with_row_conv_rule(self, w2: bool = False, codec: bool = False) -> ForestBase:
        """A copy with candidate W1 on (``w2``: W2, ``codec``: W3; see the fields), its own
        empty cache."""
        if w2 and codec:
            raise ValueError("candidates W2 and W3 price the same stream: choose one")
        return dataclasses.replace(self, row_conv=True, row_conv_w2=w2, row_conv_codec=codec,
                                   _cache={})

    def with_ruled_fallback(self) -> ForestBase:
        """A copy with candidate Y on (see the field), its own empty cache."""
        return dataclasses.replace(self, ruled_fallback=True, _cache={})

    def with_bcast_rule(self, table: bool = False, exact: bool = False,
                        c16: bool = False) -> ForestBase:
        """A copy with rule T on (see the field), with ``table`` also rule T', with
        ``exact`` also rule T2 (with ``c16`` on depth 16 too), its own empty cache."""
        if table and exact:
            raise ValueError("rules T' (table) and T2 (exact) replace the same operators: "
                             "choose one")
        if c16 and not exact:
            raise ValueError("candidate T2-16 (c16) extends rule T2 (exact)")
        return dataclasses.replace(self, bcast=True, bcast_table=table, bcast_exact=exact,
                                   bcast_c16=c16, _cache={})

    def with_row_rule(self) -> ForestBase:
        """A copy with rule U on (see the field), its own empty cache."""
        return dataclasses.replace(self, row=True, _cache={})

    def with_pool_rule(self) -> ForestBase:
        """A copy with rule V on (see the field), its own empty cache."""
        return dataclasses.replace(self, pool_split=True, _cache={})

    def with_z_rule(self, geometry: str = "") -> ForestBase:
        """A copy with rule Z on (see the field; ``geometry``: candidates Z1 "row" / Z2
        "rowcol", :func:`jaxeff.gnn.baselines.z_conv_kappa`), its own empty cache."""
        if geometry not in Z_GEOMETRIES:
            raise ValueError(f"geometry must be one of {Z_GEOMETRIES}, got {geometry!r}")
        return dataclasses.replace(self, z_conv=True, z_geometry=geometry, _cache={})

    def with_tconv_rule(self) -> ForestBase:
        """A copy with rule S on (see the field), its own empty cache."""
        return dataclasses.replace(self, tconv1=True, _cache={})

    def with_stride_rule(self, codec: bool = False, probe: bool = False) -> ForestBase:
        """A copy with rule Q on (see the field; ``codec``: candidate Qe too, ``probe``:
        candidate Q2), its own empty cache. Qe and Q2 price the same convs: ``ValueError``
        when both would be on."""
        codec, probe = codec or self.split_codec, probe or self.split_probe
        if codec and probe:
            raise ValueError("candidates Qe (codec) and Q2 (probe) price the same split convs: "
                             "choose one")
        return dataclasses.replace(self, stride_split=True, split_codec=codec,
                                   split_probe=probe, _cache={})

    def with_row_odd_rule(self) -> ForestBase:
        """A copy with candidate O2 on (see the field), its own empty cache."""
        return dataclasses.replace(self, row_odd=True, _cache={})

    def with_few_cin_rule(self, wide: bool = False) -> ForestBase:
        """A copy with candidate C1a (or, ``wide``, C1b) on (see the fields), its own cache."""
        return dataclasses.replace(self, few_cin="b" if wide else "a", _cache={})

    def with_stride1_pool_rule(self, wide: str = "") -> ForestBase:
        """A copy with candidate PL (``wide`` "a" / "b": PL2a / PL2b) on (see the fields), its own cache."""
        if wide not in ("", "a", "b"):
            raise ValueError(f"wide must be '', 'a' or 'b', got {wide!r}")
        return dataclasses.replace(self, stride1_pool=wide or True, _cache={})

    def with_pixel_pool_rule(self) -> ForestBase:
        """A copy with candidate G1 on (see the fields), its own empty cache."""
        return dataclasses.replace(self, pixel_pool=True, _cache={})

    def with_lut_act_rule(self, kind: str = "bs") -> ForestBase:
        """A copy with candidates AB ("b"), AS ("s") or both ("bs") on (see the fields), its own empty cache."""
        if kind not in ("b", "s", "bs"):
            raise ValueError(f"kind must be 'b', 's' or 'bs', got {kind!r}")
        return dataclasses.replace(self, lut_act=kind, _cache={})

    def with_row_prelu_rule(self) -> ForestBase:
        """A copy with candidate P1 on (see the field), its own empty cache."""
        return dataclasses.replace(self, row_prelu=True, _cache={})

    def with_weight_rule(self, weight_hi: np.ndarray,
                         stream: dict[str, float | dict[str, float]] | None = None
                         ) -> ForestBase:
        """A copy with rule P on (``weight_hi``: see the field), or rule R with
        ``stream`` (per latency target of ``meters`` one ratio, or R''s ``{op type:
        ratio, "*": pooled}``), its own empty cache."""
        if stream is not None and set(stream) != set(self.meters):
            raise ValueError(f"rule R: stream must give one ratio per forest target "
                             f"{sorted(self.meters)}, got {sorted(stream)}")
        return dataclasses.replace(self, weight_hi=np.asarray(weight_hi, np.float32),
                                   weight_stream=None if stream is None else dict(stream),
                                   _cache={})

    def __call__(self, rec: dict) -> np.ndarray:
        if self.memo and id(rec) in self._cache:
            return self._cache[id(rec)][1]
        base = stack_base(rec, self.targets, self.per_op(), self.memory)
        if self.memo:
            self._cache[id(rec)] = (rec, base)
        return base

    def to_arrays(self, prefix: str = "forest/") -> tuple[dict[str, np.ndarray], dict]:
        """Arrays ``{prefix}<target>/<op type>/<name>`` and JSON-able meta."""
        arrays, meta = {}, {}
        for t, m in sorted(self.meters.items()):
            a, mm = m.to_arrays()
            arrays.update({f"{prefix}{t}/{k}": v for k, v in a.items()})
            meta[t] = {"ratio": float(self.ratios[t]), "nnmeter": mm}
        return arrays, meta

    @staticmethod
    def from_arrays(arrays: dict[str, np.ndarray], meta: dict, targets: Sequence[str],
                    memory: bool | str = False, prefix: str = "forest/") -> ForestBase:
        """Inverse of :meth:`to_arrays` for untrusted data (``ValueError`` naming the
        problem); the forests' targets must be latency targets among ``targets``."""
        lat = {targets[k] for k in latency_columns(targets)}
        if not isinstance(meta, dict) or not meta or not set(meta) <= lat:
            got = sorted(meta) if isinstance(meta, dict) else meta
            raise ValueError("forest targets must be latency targets among "
                             f"{sorted(lat)}, got {got!r}")
        keys = {k for k in arrays if k.startswith(prefix)}
        meters, ratios = {}, {}
        for t, m in meta.items():
            r = m.get("ratio") if isinstance(m, dict) else None
            if isinstance(r, bool) or not isinstance(r, int | float) or not (
                    math.isfinite(r) and r > 0):
                raise ValueError(f"forest {t!r}: ratio must be a finite number > 0, "
                                 f"got {r!r}")
            pre = f"{prefix}{t}/"
            mine = {k[len(pre):]: arrays[k] for k in keys if k.startswith(pre)}
            meters[t] = NNMeter.from_arrays(mine, m.get("nnmeter"))
            ratios[t] = float(r)
            keys -= {pre + k for k in mine}
        if keys:
            raise ValueError(f"unexpected forest arrays {sorted(keys)[:4]}")
        return ForestBase(tuple(targets), meters, ratios, memory)


def stack_range(targets: Sequence[str], memory: bool | str = False
                ) -> tuple[tuple[tuple[float, float], ...], ...]:
    """Residual clamp of the stacked variant: +-STACK_RESIDUAL on latency targets (and
    with ``memory`` on memory targets), none (+-1e3) on the others (as
    :func:`residual_range`'s layout)."""
    lat = set(latency_columns(targets)) | (set(memory_columns(targets)) if memory
                                           else set())
    row = tuple((-STACK_RESIDUAL, STACK_RESIDUAL) if k in lat else (-1e3, 1e3)
                for k in range(len(targets)))
    return tuple(row for _ in range(NUM_CATEGORIES + 1))


def op_box(recs: Sequence[dict]) -> tuple[np.ndarray, np.ndarray]:
    """Per node category (``[NUM_CATEGORIES + 1, F]`` lo, hi float32), the min / max of
    every raw feature column over the nodes of that category in ``recs``; categories
    absent from ``recs`` (unseen op types, UNKNOWN) get the range over all nodes (the
    min / max over the seen categories' rows of :func:`jaxeff.gnn.bounds.node_box`)."""
    lo, hi = node_box(recs)
    unseen = np.isnan(lo).all(1)
    lo[unseen], hi[unseen] = np.nanmin(lo, 0), np.nanmax(hi, 0)
    return lo, hi


def residual_range(recs: Sequence[dict], targets: Sequence[str], margin: float = 1.0
                   ) -> tuple[tuple[tuple[float, float], ...], ...]:
    """``[NUM_CATEGORIES + 1][T][2]``: per node category and target, ``(min - margin,
    max + margin)`` of ``log c_v - prior_v`` over the training operators of that
    category with a per-node label (how far Vela's per-layer time lies from the roofline
    prior for that kernel type; ``margin`` 1 = a factor e either side, ours [U]).
    Categories without labelled operators (input nodes, UNKNOWN, unseen types) get the
    range over all operators; targets without a prior ``(-1e3, 1e3)`` (no clamp)."""
    from jaxeff.gnn.graph import NUM_CATEGORIES

    out = np.tile(np.asarray([-1e3, 1e3]), (NUM_CATEGORIES + 1, len(targets), 1))
    for k, t in enumerate(targets):
        per: dict[int, list[np.ndarray]] = {}
        for r in recs:
            pr, key = node_prior(r, t), _op_key(t)
            if key is None or key not in r or not pr.any():
                continue
            yn = node_targets(r, [t])[:, 0]
            cat = np.asarray(r["cat"])
            for c in np.unique(cat[yn > 0]):
                m = (yn > 0) & (cat == c)
                per.setdefault(int(c), []).append(np.log(yn[m]) - pr[m])
        if not per:
            continue
        allv = np.concatenate([np.concatenate(v) for v in per.values()])
        out[:, k] = (allv.min() - margin, allv.max() + margin)
        for c, vs in per.items():
            v = np.concatenate(vs)
            out[c, k] = (v.min() - margin, v.max() + margin)
    return tuple(tuple((float(a), float(b)) for a, b in row) for row in out)


def batches(
    graphs: list[jraph.GraphsTuple], batch_size: int, rng: np.random.Generator | None
) -> list[jraph.GraphsTuple]:
    """Padded batches (always ``batch_size + 1`` graph slots)."""
    idx = np.arange(len(graphs)) if rng is None else rng.permutation(len(graphs))
    out = []
    for i in range(0, len(idx), batch_size):
        chunk = [graphs[j] for j in idx[i : i + batch_size]]
        out.append(
            pad_batch(chunk, n_graphs=batch_size + 1, min_nodes=1024, min_edges=1024)
        )
    return out


@dataclasses.dataclass
class Predictor:
    """A trained PerfSAGE predictor: parameters, scaler, target names, config."""

    params: Any
    scaler: Scaler
    targets: tuple[str, ...]
    config: FitConfig
    history: list[dict] = dataclasses.field(default_factory=list)
    node_cap: tuple[float, ...] | None = None  # log caps per target (FitConfig.node_cap)
    ood: OodStats | None = None  # training coverage (jaxeff.gnn.bounds), issue 22
    # FitConfig.prior: per category and target (lo, hi) of log(c_v) - prior_v
    residual_range: tuple[tuple[tuple[float, float], ...], ...] | None = None
    # FitConfig.prior: per node category, the training range of every raw feature
    # column ([NUM_CATEGORIES + 1, F] lo and hi), see ``op_box``
    box: tuple[np.ndarray, np.ndarray] | None = None
    # FitConfig.node_inputs == "stacked": rec -> log base [N, T] (``stack_base``); a
    # ``ForestBase`` is saved with the predictor (data-only), another callable is not
    node_base: Callable[[dict], np.ndarray] | None = None
    # stacked, session 20: per latency target the largest log correction of its forests'
    # per-op sum the training split needed (``bounds.correction_cap``), saved with it
    correction_caps: dict[str, float] | None = None
    # stacked, session 26 (rule J): per op category the training split's raw feature
    # range (``bounds.node_box``; NaN rows: categories it never had), saved with it
    node_box: tuple[np.ndarray, np.ndarray] | None = None
    # stacked, session 32 (rule R): per forest target the training split's
    # weight-streaming ratio (``NNMeter.weight_stream_ratio``), saved with it
    weight_stream: dict[str, float] | None = None
    # stacked, session 32 addendum 3 (rule R'): per forest target ``{op type: ratio, "*":
    # pooled}`` (``NNMeter.weight_stream_ratio(min_ops=...)``), saved with it
    weight_stream_types: dict[str, dict[str, float]] | None = None
    # candidate K (session 40 [U]): rule J's per-node bound on the GNN's log correction
    # of forest-priced operators (``with_node_bound``); a reading choice, not saved
    node_log_bound: float | None = None

    @property
    def model(self) -> PerfSAGE:
        return PerfSAGE(
            num_targets=len(self.targets),
            hidden=self.config.hidden,
            log_output=self.config.log_output,
            readout=self.config.readout,
            node_cap=self.node_cap,
            residual_range=self.residual_range,
        )

    def _cat_map(self) -> Callable | None:
        """Unseen op categories -> UNKNOWN when the model was trained with it."""
        if self.ood is None or not self.config.unknown_rate:
            return None
        seen = np.asarray(self.ood.categories)
        return lambda c: np.where(np.isin(c, seen), c, UNKNOWN_CATEGORY)

    def _graph(self, rec: dict, cm: Callable | None) -> jraph.GraphsTuple:
        """``rec`` as the model's input; with ``config.prior`` each node's features are
        first clipped into the training range of its op type (``box``), so the learnt
        residual never extrapolates; the prior still sees the true sizes (ours [U])."""
        prior = priors(rec, self.targets, self.config)
        if self.config.node_inputs != "none":
            base = None
            if self.config.node_inputs == "stacked":
                if self.node_base is None:
                    raise ValueError("this stacked predictor has no node_base (per-op "
                                     "predictor, e.g. a ForestBase)")
                prior = base = self.node_base(rec)
            return graph_of(model_inputs(rec, self.targets, self.config, base),
                            self.scaler, None, self.config.direction, cat_map=cm,
                            prior=prior)
        if self.box is not None:
            cat = np.clip(np.asarray(rec["cat"]), 0, NUM_CATEGORIES)
            x = np.asarray(rec["x"], np.float32)
            k = min(x.shape[1], self.box[0].shape[1])
            x = x.copy()
            x[:, :k] = np.clip(x[:, :k], self.box[0][cat, :k], self.box[1][cat, :k])
            rec = {**rec, "x": x}
        return graph_of(rec, self.scaler, None, self.config.direction, cat_map=cm,
                        prior=prior)

    def predict(self, recs: Sequence[dict]) -> np.ndarray:
        """Raw predictions ``[len(recs), T]`` for dataset-style records (unbounded:
        :meth:`predict_bounded` clamps them and scores their novelty)."""
        cm = self._cat_map()
        gs = [self._graph(r, cm) for r in recs]
        fn = _apply_fn(self.model)
        out = []
        for b in batches(gs, self.config.batch_size, None):
            p = np.asarray(fn(self.params, b))
            out.append(p[: int(np.sum(jraph.get_graph_padding_mask(b)))])
        return np.concatenate(out) if out else np.zeros((0, len(self.targets)))

    def predict_nodes(self, recs: Sequence[dict]) -> list[np.ndarray]:
        """Per-node contributions ``exp(u_v)`` of the additive readout, one
        ``[n_nodes, T]`` array per record (operators first, then input nodes, as in
        :func:`jaxeff.gnn.graph.node_features`); their soft sum is :meth:`predict`.
        Used to localise errors against Vela's per-layer cycles (issue 22)."""
        if self.config.readout != "additive":
            raise ValueError("predict_nodes needs a predictor with readout='additive', "
                             f"this one has {self.config.readout!r}")
        cm = self._cat_map()
        model = self.model
        key = ("nodes", model)
        if key not in _APPLY:
            _APPLY[key] = jax.jit(lambda p, g: model.apply({"params": p}, g,
                                                           with_nodes=True)[1])
        gs = [self._graph(r, cm) for r in recs]
        out = []
        for b in batches(gs, self.config.batch_size, None):
            u = np.exp(np.asarray(_APPLY[key](self.params, b), np.float64))
            ends = np.cumsum(np.asarray(b.n_node))
            k = int(np.sum(jraph.get_graph_padding_mask(b)))
            out += [u[e - n:e] for e, n in zip(ends[:k], np.asarray(b.n_node)[:k],
                                               strict=True)]
        return out

    def predict_bounded(self, recs: Sequence[dict]) -> list[dict[str, Any]]:
        """Predictions clamped into their physical bounds, each with an OOD score and
        flag (:func:`jaxeff.gnn.bounds.assess`)."""
        return assess(self.predict(recs), recs, self.targets, self.ood)

    def with_weight_rule(self, stream: bool = False, per_type: bool = False) -> Predictor:
        """A copy of this stacked predictor whose forests apply rule P (issue 22,
        session 31 [U]; :meth:`jaxeff.gnn.baselines.NNMeter.weight_regime`) with the
        largest weights per op type of its training split (``node_box``): wherever
        its forests are used (its base, rule J's fallback, its per-op sum). With
        ``stream``, rule R instead (session 32 [U]: every operator beyond its type's
        training weights costs ``max(forest at the clipped weights, rho_w B_w / W_w)``,
        ``rho_w`` = ``weight_stream``); with ``per_type`` too, rule R' (session 32
        addendum 3: ``rho_w`` per op type, ``weight_stream_types``). ``ValueError``
        without a ``ForestBase`` or a ``node_box`` (or, for R / R', its ratios)."""
        if not isinstance(self.node_base, ForestBase) or self.node_box is None:
            raise ValueError("rule P needs a stacked predictor (ForestBase) with a "
                             "node_box (a session-26 study saves it); so does rule R")
        if stream and self.weight_stream is None:
            raise ValueError("rule R needs the predictor's weight_stream ratios (a "
                             "session-32 study saves them; re-save an older file with "
                             "`experiments.perfsage --reuse`)")
        if per_type and not stream:
            raise ValueError("rule R' (per_type) is rule R's variant: give stream=True")
        if per_type and self.weight_stream_types is None:
            raise ValueError("rule R' needs the predictor's weight_stream_types (a "
                             "session-32 study with --stream-types saves them)")
        hi = self.node_box[1][:, FEATURE_COLUMNS.index("log_param_bytes")]
        ratios = (self.weight_stream_types if per_type
                  else self.weight_stream if stream else None)
        return dataclasses.replace(self, node_base=self.node_base.with_weight_rule(
            hi, ratios))

    def with_tconv_rule(self) -> Predictor:
        """A copy of this stacked predictor whose forests apply rule S (issue 22, session
        32 addendum 3 [U]; :func:`jaxeff.gnn.baselines.stride1_tconvs`): a stride-1
        TRANSPOSE_CONV is predicted by the CONV_2D forest. ``ValueError`` without a
        ``ForestBase``."""
        if not isinstance(self.node_base, ForestBase):
            raise ValueError("rule S needs a stacked predictor (ForestBase)")
        return dataclasses.replace(self, node_base=self.node_base.with_tconv_rule())

    def with_bcast_rule(self, table: bool = False, exact: bool = False,
                        c16: bool = False) -> Predictor:
        """A copy of this stacked predictor whose forests apply rule T (issue 22, session
        36 [U]; :func:`jaxeff.gnn.baselines.bcast_const_ops`): an elementwise operator
        with a per-channel constant broadcast over a map of at least 32 x 32 x 17 costs at
        least Vela's reads of that constant, 8 bytes per output element at the constant
        port. With ``table``, rule T' too (session 36 addendum 5 [U]; :func:`jaxeff.gnn.
        baselines.bcast_table_cycles`): such operators with a depth a multiple of 16
        cost Vela's probed cycles at every map size (not recommended: it failed on V28).
        With ``exact``, rule T2 (session 37 [U]; :func:`jaxeff.gnn.baselines.
        bcast_exact_cycles`): such operators on a square map of 2 x 2 to 64 x 64 cost
        Vela's probed cycles at that exact map size; T's floor still acts elsewhere.
        With ``c16`` (candidate T2-16, session 37 addendum 5), T2 on depth 16 too.
        ``ValueError`` without a ``ForestBase``, with both T' and T2, or ``c16`` alone."""
        if not isinstance(self.node_base, ForestBase):
            raise ValueError("rule T needs a stacked predictor (ForestBase)")
        return dataclasses.replace(
            self, node_base=self.node_base.with_bcast_rule(table, exact, c16))

    def with_pool_rule(self) -> Predictor:
        """A copy of this stacked predictor whose forests apply rule V (issue 22, session
        37 addendum 3 [U]; :func:`jaxeff.gnn.baselines.split_pool_cycles`): an average /
        max pool with a stride above 3 and more than one output pixel costs Vela's split
        into one operation per output pixel. ``ValueError`` without a ``ForestBase``."""
        if not isinstance(self.node_base, ForestBase):
            raise ValueError("rule V needs a stacked predictor (ForestBase)")
        return dataclasses.replace(self, node_base=self.node_base.with_pool_rule())

    def with_depth16_rule(self, add: bool = True, conv: bool = True) -> Predictor:
        """A copy of this stacked predictor whose forests apply candidates A16 (``add``) and
        R16 (``conv``) (issue 22, session 38 addendum 7 [U];
        :func:`jaxeff.gnn.baselines.depth16_cycles`): on depths of C mod 16 in 1..8 (C >= 16)
        an ADD of two same-shape maps costs Vela's element-wise term per 16-padded element and
        a 3 x 3 / 1 conv kappa16 x its 16-padded MAC bound. ``ValueError`` without a
        ``ForestBase``."""
        if not isinstance(self.node_base, ForestBase):
            raise ValueError("candidates A16 / R16 need a stacked predictor (ForestBase)")
        return dataclasses.replace(self, node_base=self.node_base.with_depth16_rule(add, conv))

    def with_row_conv_rule(self, w2: bool = False, codec: bool = False) -> Predictor:
        """A copy of this stacked predictor whose forests apply candidate W1 (issue 22,
        session 39 addendum 3 [U]; :func:`jaxeff.gnn.baselines.row_conv_cycles`): a one-row
        1 x k conv (OW < 64, stride 1, C_in >= 16) costs kappa x max(Vela's MAC-array count,
        with an odd width twice on the U65, its weight stream). With ``w2``, candidate W2
        (session 40 addendum 1 [U]): kappa on the MAC count only, ``max(kappa bV, W /
        beta)``; with ``codec``, candidate W3 (session 40 addendum 4 [U]): ``max(kappa bV, E /
        beta)``, ``E`` Vela's encoded weight bytes. ``ValueError`` without a ``ForestBase``."""
        if not isinstance(self.node_base, ForestBase):
            raise ValueError("candidate W1 needs a stacked predictor (ForestBase)")
        return dataclasses.replace(self, node_base=self.node_base.with_row_conv_rule(w2, codec))

    def with_node_bound(self, beta: float) -> Predictor:
        """A copy of this stacked predictor with candidate K (issue 22, session 40
        section 1 [U]): in :meth:`predict_fallback` (rule J, so also
        :meth:`predict_capped` with ``node_margin``), on every target its forests
        predict, each operator node kept at the GNN's contribution (inside its type's
        box) is clipped to ``[base_v e^-beta, base_v e^beta]`` around its forests'
        value (:func:`jaxeff.gnn.bounds.node_fallback` with ``log_bound``): the GNN may
        move one operator's price by at most the factor ``e^beta``. Motivated by session
        39's diagnosis of a tiny ECG CNN whose in-box convs the GNN raised by up to e^1.8.
        ``ValueError`` without a ``ForestBase`` or for ``beta`` not finite and > 0."""
        if not isinstance(self.node_base, ForestBase):
            raise ValueError("candidate K needs a stacked predictor (ForestBase)")
        if isinstance(beta, bool) or not (isinstance(beta, int | float)
                                          and math.isfinite(beta) and beta > 0):
            raise ValueError(f"candidate K's bound beta must be a finite number > 0, "
                             f"got {beta!r}")
        return dataclasses.replace(self, node_log_bound=float(beta))

    def with_ruled_fallback(self) -> Predictor:
        """A copy of this stacked predictor with candidate Y (issue 22, session 38
        addendum 3 [U]): in :meth:`predict_fallback` (rule J, so also
        :meth:`predict_capped` with ``node_margin``) every operator whose price a rule of
        its forests sets (:meth:`ForestBase.ruled`) keeps its ruled base instead of the
        GNN's contribution: the GNN was trained on forest bases and would correct a price
        the rule already made. ``ValueError`` without a ``ForestBase``."""
        if not isinstance(self.node_base, ForestBase):
            raise ValueError("candidate Y needs a stacked predictor (ForestBase)")
        return dataclasses.replace(self, node_base=self.node_base.with_ruled_fallback())

    def with_z_rule(self, geometry: str = "") -> Predictor:
        """A copy of this stacked predictor whose forests apply rule Z (issue 22, session
        37 addendum 8 [U]; :func:`jaxeff.gnn.baselines.z_conv_bound`): a CONV_2D with
        fewer than 8 input channels, at least 16 taps, a stride of at most 3 and at least
        1,000 output pixels costs kappa x its padded-MAC bound. ``geometry`` (session 38
        addendum 2 [U], :func:`jaxeff.gnn.baselines.z_conv_kappa`): "row" (candidate Z1:
        a one-row output of odd width at about twice the bound on the U65) or "rowcol"
        (Z2: and a one-column output at about twice on both NPUs). ``ValueError`` without
        a ``ForestBase`` or with another geometry."""
        if not isinstance(self.node_base, ForestBase):
            raise ValueError("rule Z needs a stacked predictor (ForestBase)")
        return dataclasses.replace(self, node_base=self.node_base.with_z_rule(geometry))

    def with_row_rule(self) -> Predictor:
        """A copy of this stacked predictor whose forests apply rule U (issue 22, session
        36 [U]; :func:`jaxeff.gnn.baselines.row_resizes`): a resize of a one-row or
        one-column map costs Vela's one average pool, 1 (U55 one column: 2) cycles per
        output element. ``ValueError`` without a ``ForestBase``."""
        if not isinstance(self.node_base, ForestBase):
            raise ValueError("rule U needs a stacked predictor (ForestBase)")
        return dataclasses.replace(self, node_base=self.node_base.with_row_rule())

    def with_stride_rule(self, codec: bool = False, probe: bool = False) -> Predictor:
        """A copy of this stacked predictor whose forests apply rule Q (issue 22,
        session 31 [U]; :func:`jaxeff.gnn.baselines.split_conv_cycles`): Vela's cost of a
        CONV_2D with a stride above 3, split into one operation per output pixel. With
        ``codec``, candidate Qe (session 42 [U]): the per-pixel weight fetch at the bytes
        of Vela's own weight encoder; with ``probe``, candidate Q2 (session 42 addendum 2
        [U]; :func:`jaxeff.gnn.baselines.split_conv_cycles2`): the whole price from Vela
        probes of split convolutions. ``ValueError`` without a ``ForestBase``."""
        if not isinstance(self.node_base, ForestBase):
            raise ValueError("rule Q needs a stacked predictor (ForestBase)")
        return dataclasses.replace(self, node_base=self.node_base.with_stride_rule(codec,
                                                                                   probe))

    def with_row_odd_rule(self) -> Predictor:
        """A copy of this stacked predictor whose forests apply candidate O2 (issue 22,
        session 42 [U]; :func:`jaxeff.gnn.baselines.row_odd_macs`): on the U65 a one-row
        CONV_2D of odd width outside rules Z / W1 pays its MAC-array share twice.
        ``ValueError`` without a ``ForestBase``."""
        if not isinstance(self.node_base, ForestBase):
            raise ValueError("candidate O2 needs a stacked predictor (ForestBase)")
        return dataclasses.replace(self, node_base=self.node_base.with_row_odd_rule())

    def with_row_prelu_rule(self) -> Predictor:
        """A copy of this stacked predictor whose forests apply candidate P1 (issue 22,
        session 42 addendum 3 [U]; :func:`jaxeff.gnn.baselines.row_prelu_cycles`): a PRELU
        on a one-row map costs Vela's probed cycles per element. ``ValueError`` without a
        ``ForestBase``."""
        if not isinstance(self.node_base, ForestBase):
            raise ValueError("candidate P1 needs a stacked predictor (ForestBase)")
        return dataclasses.replace(self, node_base=self.node_base.with_row_prelu_rule())

    def with_few_cin_rule(self, wide: bool = False) -> Predictor:
        """A copy of this stacked predictor whose forests apply candidate C1a (or, ``wide``, C1b; issue 22,
        session 43 addenda 3-4 [U]; :func:`jaxeff.gnn.baselines.few_cin_conv_cycles`): a stride-1 conv on few input
        channels costs Vela's part-kernel compute term. ``ValueError`` without a ``ForestBase``."""
        if not isinstance(self.node_base, ForestBase):
            raise ValueError("candidates C1a / C1b need a stacked predictor (ForestBase)")
        return dataclasses.replace(self, node_base=self.node_base.with_few_cin_rule(wide))

    def with_stride1_pool_rule(self, wide: str = "") -> Predictor:
        """A copy of this stacked predictor whose forests apply candidate PL (issue 22, session 43 addendum 3 [U];
        ``wide`` "a" / "b": PL2a / PL2b, addendum 6; :func:`jaxeff.gnn.baselines.stride1_pool_cycles`).
        ``ValueError`` without a ``ForestBase``."""
        if not isinstance(self.node_base, ForestBase):
            raise ValueError("candidate PL needs a stacked predictor (ForestBase)")
        return dataclasses.replace(self, node_base=self.node_base.with_stride1_pool_rule(wide))

    def with_pixel_pool_rule(self) -> Predictor:
        """A copy of this stacked predictor with candidate G1 (issue 22, session 44 addendum 1 [U];
        :func:`jaxeff.gnn.baselines.pixel_pool_cycles`): every pool with one output pixel at Vela's probed cycles
        (compute term + command term + first IFM block fetch). ``ValueError`` without a ``ForestBase``."""
        if not isinstance(self.node_base, ForestBase):
            raise ValueError("candidate G1 needs a stacked predictor (ForestBase)")
        return dataclasses.replace(self, node_base=self.node_base.with_pixel_pool_rule())

    def with_lut_act_rule(self, kind: str = "bs") -> Predictor:
        """A copy of this stacked predictor with candidates AB ("b": a LUT activation folded into an ABS / NEG) and
        / or AS ("s": a LUT activation in its own pass) (issue 22, session 44 addendum 1 [U];
        :func:`jaxeff.gnn.baselines.lut_activation_cycles`). ``ValueError`` without a ``ForestBase`` or for another
        ``kind``."""
        if not isinstance(self.node_base, ForestBase):
            raise ValueError("candidates AB / AS need a stacked predictor (ForestBase)")
        return dataclasses.replace(self, node_base=self.node_base.with_lut_act_rule(kind))

    def nodes_out(self, recs: Sequence[dict], margin: float = 0.0) -> list[np.ndarray]:
        """Per record, ``[N]`` bool: the nodes outside the training box of their op
        type (:func:`jaxeff.gnn.bounds.nodes_out_of_range` with ``node_box``; rule J,
        session 26). ``ValueError`` when the predictor has no ``node_box``."""
        if self.node_box is None:
            raise ValueError("this predictor has no node_box (the per-op-type feature "
                             "box of its training split; a session-26 study saves it)")
        return [nodes_out_of_range(r, self.node_box, margin) for r in recs]

    def predict_fallback(self, recs: Sequence[dict], margin: float = 0.0
                         ) -> np.ndarray:
        """Raw predictions ``[len(recs), T]`` of a stacked predictor with rule J
        (issue 22, session 26 [U]): on the targets its forests predict, the GNN's
        contribution of every node outside its op type's training box
        (:meth:`nodes_out`) is replaced by the forests' (``exp`` of ``node_base``), the
        graph prediction scaled by the same ratio (:func:`jaxeff.gnn.bounds.node_fallback`).
        A GNN has no evidence about a kernel shape it never saw; the forests fall back
        to their nearest leaf, which session 25's failures suggest is the safer guess."""
        if not isinstance(self.node_base, ForestBase):
            raise ValueError("predict_fallback needs a stacked predictor (ForestBase)")
        out = self.predict(recs).astype(np.float64)
        cols = [k for k, t in enumerate(self.targets) if t in self.node_base.meters]
        beta = self.node_log_bound
        for i, (r, u, o) in enumerate(zip(recs, self.predict_nodes(recs),
                                          self.nodes_out(recs, margin), strict=True)):
            b = np.exp(self.node_base(r))
            ops = np.arange(len(o)) < int(r["n_ops"])  # candidate K bounds operators only
            if not self.node_base.ruled_fallback:
                out[i, cols] = node_fallback(out[i, cols], u[:, cols], b[:, cols], o,
                                             beta, ops)
                continue
            ruled = self.node_base.ruled(r)  # candidate Y: per target, [n_ops] padded to N
            for k in cols:
                y = o.copy()
                y[: int(r["n_ops"])] |= ruled[self.targets[k]]
                out[i, [k]] = node_fallback(out[i, [k]], u[:, [k]], b[:, [k]], y, beta, ops)
        return out

    def predict_capped(self, recs: Sequence[dict], unseen_per_op: bool = False,
                       node_margin: float | None = None) -> np.ndarray:
        """The recommended prediction of a stacked predictor ``[len(recs), T]``: the
        bounded prediction (:meth:`predict_bounded`), with each target of
        ``correction_caps`` moved from its forests' per-op sum by at most the factor
        the training split needed (:func:`jaxeff.gnn.bounds.capped_correction`;
        session 19, rule E). With ``unseen_per_op`` (rule C-U, session 22), a graph
        holding an operator type no training graph had gets the per-op sum on those
        targets (:func:`jaxeff.gnn.bounds.per_op_on_unseen`). With ``node_margin``
        (rule J, session 26), the bounded prediction starts from
        :meth:`predict_fallback` at that margin. ``ValueError`` when the predictor has
        no caps (or, with ``node_margin``, no ``node_box``)."""
        if not self.correction_caps or not isinstance(self.node_base, ForestBase):
            raise ValueError("predict_capped needs a stacked predictor with "
                             "correction_caps (a session-20 study saves them)")
        vals = (self.predict_bounded(recs) if node_margin is None else assess(
            self.predict_fallback(recs, node_margin), recs, self.targets, self.ood))
        out = np.asarray([[v["value"][t] for t in self.targets] for v in vals], np.float64)
        unseen = np.asarray([bool(v["unseen_ops"]) for v in vals])
        per_op = self.node_base.per_op()
        for t, c in self.correction_caps.items():
            k = self.targets.index(t)
            base = np.asarray([float(per_op[t](r).sum()) for r in recs])
            out[:, k] = capped_correction(out[:, k], base, c)
            if unseen_per_op:
                out[:, k] = per_op_on_unseen(out[:, k], base, unseen)
        return out

    def save(self, path: str | os.PathLike) -> pathlib.Path:
        """Write the predictor as a data-only ``.npz`` + JSON file (:mod:`jaxeff.gnn.store`;
        no pickle). Any file name works; ``.npz`` is the convention. A stacked
        predictor (``node_inputs="stacked"``) stores its per-op base, a
        :class:`ForestBase`, in the same file (``forest/<target>/<op type>/...``: the
        nn-Meter forests as arrays, :mod:`jaxeff.gnn.trees`); another ``node_base``
        callable raises ``ValueError``."""
        forest = None
        if self.config.node_inputs == "stacked":
            if not isinstance(self.node_base, ForestBase):
                kind = type(self.node_base).__name__
                raise ValueError("a stacked predictor is saved only with a ForestBase "
                                 f"node_base (data), not {kind}")
            if self.node_base.memory != self.config.memory_base:
                raise ValueError("node_base.memory disagrees with config.memory_base")
            forest = self.node_base.to_arrays()
        arrays = flatten_tree(jax.tree.map(np.asarray, self.params), "params/")
        arrays["scaler/mean"] = np.asarray(self.scaler.mean, np.float32)
        arrays["scaler/std"] = np.asarray(self.scaler.std, np.float32)
        if self.box is not None:
            arrays["box/lo"], arrays["box/hi"] = (np.asarray(b, np.float32)
                                                  for b in self.box)
        meta = {
            "targets": list(self.targets),
            "config": dataclasses.asdict(self.config),
            "node_cap": None if self.node_cap is None else list(self.node_cap),
            "residual_range": (None if self.residual_range is None
                               else np.asarray(self.residual_range).tolist()),
            "history": self.history,
            "ood": None if self.ood is None else self.ood.to_json(),
        }
        if self.correction_caps is not None:
            meta["correction_caps"] = dict(self.correction_caps)
        if self.node_box is not None:
            if forest is None:
                raise ValueError("a node_box is saved only with a stacked predictor")
            arrays["nodebox/lo"], arrays["nodebox/hi"] = (np.asarray(b, np.float32)
                                                          for b in self.node_box)
        if self.weight_stream is not None:
            if forest is None:
                raise ValueError("a weight_stream is saved only with a stacked predictor")
            meta["weight_stream"] = _check_stream(self.weight_stream,
                                                  self.node_base.meters)
        if self.weight_stream_types is not None:
            if forest is None:
                raise ValueError("weight_stream_types are saved only with a stacked "
                                 "predictor")
            meta["weight_stream_types"] = _check_stream_types(self.weight_stream_types,
                                                              self.node_base.meters)
        if forest is not None:
            arrays.update(forest[0])
            meta["forest"] = forest[1]
        # a stacked predictor's forests are millions of nodes: deflate them
        return save_npz_json(path, PREDICTOR_KIND, arrays, meta,
                             compress=forest is not None)

    @staticmethod
    def load(path: str | os.PathLike) -> Predictor:
        """Read a file written by :meth:`save`. Never executes code from the file; a
        missing file raises ``FileNotFoundError``, a truncated / corrupt / tampered one
        :class:`jaxeff.gnn.store.ArtifactError` (a ``ValueError``) naming ``path``:
        the config must be a valid :class:`FitConfig`, and every parameter must have
        the shape and dtype the model declares, with finite values."""
        arrays, meta = load_npz_json(path, PREDICTOR_KIND)
        try:
            fields = {f.name for f in dataclasses.fields(FitConfig)}
            conf = meta["config"]
            if not isinstance(conf, dict) or not set(conf) <= fields:
                raise ValueError(f"config must be FitConfig fields, got {conf!r}")
            config = FitConfig(**conf).check()
            targets = meta["targets"]
            if (not isinstance(targets, list) or not targets
                    or not all(isinstance(t, str) for t in targets)):
                raise ValueError(f"targets must be a non-empty list of names: {targets!r}")
            cap = meta.get("node_cap")
            if cap is not None:
                if (not isinstance(cap, list) or len(cap) != len(targets) or not all(
                        isinstance(c, int | float) and math.isfinite(c) for c in cap)):
                    raise ValueError(f"node_cap must be {len(targets)} finite numbers")
                cap = tuple(float(c) for c in cap)
            if (cap is not None) != config.node_cap:
                raise ValueError("node_cap values disagree with config.node_cap")
            rr = meta.get("residual_range")
            if rr is not None:
                a = np.asarray(rr, np.float64)
                want = (NUM_CATEGORIES + 1, len(targets), 2)
                if (a.shape != want or not np.all(np.isfinite(a))
                        or not np.all(a[..., 0] < a[..., 1])):
                    raise ValueError(f"residual_range must be finite {list(want)} with "
                                     "lo < hi")
                rr = tuple(tuple((float(x), float(y)) for x, y in row) for row in a)
            if (rr is not None) != (config.prior or config.node_inputs == "stacked"):
                raise ValueError("residual_range disagrees with config.prior / "
                                 "node_inputs")
            forests = {k for k in arrays if k.startswith("forest/")}
            if (config.node_inputs == "stacked") != ("forest" in meta):
                raise ValueError("forest (the per-op base) comes with, and only with, "
                                 "config.node_inputs='stacked'")
            if forests and "forest" not in meta:
                raise ValueError(f"unexpected arrays {sorted(forests)[:4]}")
            width = FEATURE_SETS[config.features] + n_extra(config, targets)
            mean, std = arrays.get("scaler/mean"), arrays.get("scaler/std")
            for name, v in (("scaler/mean", mean), ("scaler/std", std)):
                if v is None or v.shape != (width,) or v.dtype != np.float32:
                    raise ValueError(f"{name} must be float32 [{width}], got "
                                     f"{None if v is None else (v.dtype, v.shape)}")
                if not np.all(np.isfinite(v)):
                    raise ValueError(f"{name} has non-finite values")
            if not np.all(std > 0):
                raise ValueError("scaler/std must be > 0")
            history = meta.get("history") or []
            if not isinstance(history, list):
                raise ValueError("history must be a list")
            ood = meta.get("ood")
            if ood is not None:
                ood = OodStats.from_json(ood, len(FEATURE_COLUMNS), targets)
            pred = Predictor({}, Scaler(mean, std, config.feature_clip), tuple(targets),
                             config, history, cap, ood, rr)
            want = flatten_tree(_param_shapes(pred.model, width), "params/")
            got = {k: v for k, v in arrays.items() if k.startswith("params/")}
            if set(got) != set(want):
                raise ValueError(
                    f"parameters {sorted(set(got) ^ set(want))} missing or unexpected")
            boxes = {"box/lo", "box/hi"} & set(arrays)
            if boxes and (boxes != {"box/lo", "box/hi"} or not config.prior):
                raise ValueError("box/lo and box/hi come together, with config.prior")
            if boxes:
                lo, hi = arrays["box/lo"], arrays["box/hi"]
                wb = (NUM_CATEGORIES + 1, len(FEATURE_COLUMNS))
                if (lo.shape != wb or hi.shape != wb or lo.dtype != np.float32
                        or not np.all(np.isfinite(lo) & np.isfinite(hi) & (lo <= hi))):
                    raise ValueError(f"box/lo, box/hi must be finite float32 {list(wb)}"
                                     " with lo <= hi")
                pred.box = (lo, hi)
            if "forest" in meta:
                pred.node_base = ForestBase.from_arrays(
                    {k: arrays[k] for k in forests}, meta["forest"], targets,
                    config.memory_base)
            caps = meta.get("correction_caps")
            if caps is not None:
                if "forest" not in meta:
                    raise ValueError("correction_caps come only with a stacked predictor")
                pred.correction_caps = check_caps(caps, tuple(targets),
                                                  pred.node_base.meters)
            nboxes = {"nodebox/lo", "nodebox/hi"} & set(arrays)
            if nboxes:
                if nboxes != {"nodebox/lo", "nodebox/hi"} or "forest" not in meta:
                    raise ValueError("nodebox/lo and nodebox/hi come together, with a "
                                     "stacked predictor")
                pred.node_box = _check_node_box(arrays["nodebox/lo"],
                                                arrays["nodebox/hi"])
            stream = meta.get("weight_stream")
            if stream is not None:
                if "forest" not in meta:
                    raise ValueError("weight_stream comes only with a stacked predictor")
                pred.weight_stream = _check_stream(stream, pred.node_base.meters)
            types = meta.get("weight_stream_types")
            if types is not None:
                if "forest" not in meta:
                    raise ValueError("weight_stream_types come only with a stacked "
                                     "predictor")
                pred.weight_stream_types = _check_stream_types(types, pred.node_base.meters)
            extra = (set(arrays) - set(got) - {"scaler/mean", "scaler/std"} - boxes
                     - forests - nboxes)
            if extra:
                raise ValueError(f"unexpected arrays {sorted(extra)}")
            for k, w in want.items():
                v = got[k]
                if v.shape != tuple(w.shape) or v.dtype != w.dtype:
                    raise ValueError(f"{k} is {v.dtype}{list(v.shape)}, the model "
                                     f"declares {w.dtype}{list(w.shape)}")
                if not np.all(np.isfinite(v)):
                    raise ValueError(f"{k} has non-finite values")
            pred.params = unflatten_tree(got, "params/")
        except (KeyError, TypeError, ValueError, OverflowError) as e:
            raise ArtifactError(f"corrupt or tampered predictor file {str(path)!r}: "
                                f"{type(e).__name__}: {e}") from None
        return pred


def _check_stream(stream: Any, meters: dict) -> dict[str, float]:
    """Rule R's ratios checked: one finite number > 0 per forest target of ``meters``
    (a dict); else ``ValueError``."""
    if (not isinstance(stream, dict) or set(stream) != set(meters) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
            and v > 0 for v in stream.values())):
        raise ValueError(f"weight_stream must map each forest target {sorted(meters)} to "
                         f"a finite number > 0, got {stream!r}")
    return {k: float(v) for k, v in stream.items()}


def _check_stream_types(types: Any, meters: dict) -> dict[str, dict[str, float]]:
    """Rule R''s ratios checked: per forest target of ``meters`` a dict of op type ->
    finite number > 0 holding the pooled ratio under ``"*"``; else ``ValueError``."""
    if not isinstance(types, dict) or set(types) != set(meters):
        raise ValueError(f"weight_stream_types must map each forest target "
                         f"{sorted(meters)} to a dict, got {types!r}")
    out = {}
    for t, d in types.items():
        if not isinstance(d, dict) or "*" not in d or not all(
                isinstance(k, str) for k in d):
            raise ValueError(f"weight_stream_types[{t!r}] must be a dict of op type -> "
                             f"ratio with the pooled ratio under '*', got {d!r}")
        if not all(isinstance(v, int | float) and not isinstance(v, bool)
                   and math.isfinite(v) and v > 0 for v in d.values()):
            raise ValueError(f"weight_stream_types[{t!r}] ratios must be finite numbers "
                             f"> 0, got {d!r}")
        out[t] = {k: float(v) for k, v in d.items()}
    return out


def _check_node_box(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A stored rule-J box (:func:`jaxeff.gnn.bounds.node_box`) checked: float32
    ``[NUM_CATEGORIES + 1, len(FEATURE_COLUMNS)]``, each row all finite with lo <= hi
    or all NaN (a category training never had); else ``ValueError``."""
    wb = (NUM_CATEGORIES + 1, len(FEATURE_COLUMNS))
    if lo.shape != wb or hi.shape != wb or lo.dtype != np.float32 or hi.dtype != np.float32:
        raise ValueError(f"nodebox/lo, nodebox/hi must be float32 {list(wb)}")
    fin = np.isfinite(lo) & np.isfinite(hi)
    nan = np.isnan(lo) & np.isnan(hi)
    if not (np.all(fin.all(1) | nan.all(1)) and np.all(lo[fin] <= hi[fin])):
        raise ValueError("nodebox rows must be finite with lo <= hi, or all NaN")
    return lo, hi


def _param_shapes(model: PerfSAGE, width: int) -> Any:
    """Shapes / dtypes of ``model``'s parameters for ``width`` node-feature columns."""
    g = jraph.GraphsTuple(
        nodes={"x": np.zeros((2, width), np.float32), "cat": np.zeros(2, np.int32)},
        edges=None, senders=np.zeros(1, np.int32), receivers=np.ones(1, np.int32),
        n_node=np.asarray([2], np.int32), n_edge=np.asarray([1], np.int32),
        globals=np.zeros((1, 1), np.float32))
    return jax.eval_shape(lambda: model.init(jax.random.key(0), g))["params"]


_APPLY: dict[Any, Callable] = {}


def _apply_fn(model: PerfSAGE) -> Callable:
    if model not in _APPLY:
        _APPLY[model] = jax.jit(lambda p, g: model.apply({"params": p}, g))
    return _APPLY[model]


def fit(
    train: Sequence[dict],
    val: Sequence[dict],
    targets: Sequence[str],
    cfg: FitConfig = FitConfig(),
    *,
    on_epoch: Callable[[dict], None] | None = None,
    node_base: Callable[[dict], np.ndarray] | None = None,
    train_base: Sequence[np.ndarray] | None = None,
) -> Predictor:
    """Train PerfSAGE on records with ``rec["labels"][t]`` for every target.
    ``node_inputs="stacked"``: ``node_base`` (rec -> log base ``[N, T]``,
    :func:`stack_base`) serves validation and prediction, ``train_base`` (one array
    per training record, e.g. out-of-fold) the training graphs (default: node_base)."""
    cfg.check()
    targets = tuple(targets)
    stacked = cfg.node_inputs == "stacked"
    if stacked and node_base is None:
        raise ValueError("node_inputs='stacked' needs node_base")
    if stacked and train_base is None:
        train_base = [node_base(r) for r in train]
    if train_base is not None and len(train_base) != len(train):
        raise ValueError(f"train_base has {len(train_base)} arrays for {len(train)} "
                         "records")
    tb = list(train_base) if stacked else [None] * len(train)
    inputs = [model_inputs(r, targets, cfg, b) for r, b in zip(train, tb, strict=True)]
    scaler = Scaler.fit([r["x"] for r in inputs], cfg.feature_clip)
    ys = lambda rs: np.asarray(
        [
            [r["labels"][t] for t in targets]
            for r in rs
        ],
        np.float32,
    )
    ytr = ys(train)
    supervised = np.asarray([_op_key(t) is not None for t in targets])
    # FitConfig.zero_floor: one cycle (ms) of each Vela latency target, 0 elsewhere
    floor = jnp.asarray([1e3 / PEAK[t.split("_", 1)[0]].clock_hz if ok else 0.0
                         for t, ok in zip(targets, supervised, strict=True)],
                        jnp.float32) if cfg.zero_floor else None
    if cfg.node_loss and not supervised.any():
        raise ValueError(f"node_loss: none of {targets} has per-node labels")
    gtr = [
        graph_of(ri, scaler, y, cfg.direction,
                 node_targets(r, targets) if cfg.node_loss else None,
                 prior=b if stacked else priors(r, targets, cfg))
        for r, ri, y, b in zip(train, inputs, ytr, tb, strict=True)
    ]
    node_cap = (tuple(float(v) for v in np.log(ytr.max(0)))
                if cfg.node_cap else None)
    rrange = (residual_range(train, targets) if cfg.prior
              else stack_range(targets, cfg.memory_base) if stacked else None)
    model = PerfSAGE(
        num_targets=len(targets),
        hidden=cfg.hidden,
        log_output=cfg.log_output,
        readout=cfg.readout,
        node_cap=node_cap,
        residual_range=rrange,
    )
    key = jax.random.key(cfg.seed)
    params = model.init(key, batches(gtr[:2], cfg.batch_size, None)[0])["params"]
    if cfg.log_output:  # start the head at the mean log label (faster start)
        b = params["head"]["bias"]
        start = np.log(ytr).mean(0)
        if cfg.readout == "additive":  # the sum over ~n nodes starts at the mean label
            start = start - np.log(np.mean([len(r["x"]) for r in train]))
        for k, t in enumerate(targets):  # with a prior: start at the mean log ratio
            if cfg.prior and node_prior(train[0], t).any():
                start[k] = np.mean([math.log(y[k]) - math.log(
                    np.exp(node_prior(r, t)[: r["n_ops"]]).sum())
                    for r, y in zip(train, ytr, strict=True)])
        if stacked:  # start at the per-op predictor (zero correction)
            start[latency_columns(targets)] = 0.0
        if cfg.memory_base:  # start at the liveness peak: zero correction, near max
            mem = memory_columns(targets)
            start[mem] = 0.0
            rho = np.asarray(params["sharpness"]).copy()
            rho[mem] = MEMORY_SHARPNESS - 1.0  # softplus(x) ~ x here: beta ~ MEMORY_SHARPNESS
            params["sharpness"] = jnp.asarray(rho, params["sharpness"].dtype)
        params["head"]["bias"] = jnp.asarray(start, b.dtype)
    n_batches = -(-len(gtr) // cfg.batch_size)
    lr = (optax.cosine_decay_schedule(cfg.lr, max(cfg.epochs * n_batches, 1))
          if cfg.schedule == "cosine" else cfg.lr)
    tx = optax.chain(optax.clip(cfg.clip), optax.adam(lr))
    opt = tx.init(params)

    @jax.jit
    def step(params, opt, g, key):
        if cfg.unknown_rate:  # category dropout to the UNKNOWN id (operators only)
            cat = g.nodes["cat"]
            drop = (cat > UNKNOWN_CATEGORY) & (
                jax.random.uniform(key, cat.shape) < cfg.unknown_rate)
            g = g._replace(nodes={**g.nodes, "cat": jnp.where(drop, UNKNOWN_CATEGORY, cat)})

        def loss_fn(p):
            mask = jraph.get_graph_padding_mask(g)
            if cfg.node_loss:
                z, u = model.apply({"params": p}, g, log_space=True, with_nodes=True)
                return log_l1_loss(z, g.globals, mask) + cfg.node_loss * node_l1_loss(
                    u, g.nodes["yn"], g, jnp.asarray(supervised), floor)
            if cfg.loss == "log_l1":
                z = model.apply({"params": p}, g, log_space=True)
                return log_l1_loss(z, g.globals, mask)
            pred = model.apply({"params": p}, g)
            return mape_loss(pred, g.globals, mask)

        loss, grads = jax.value_and_grad(loss_fn)(params)
        upd, opt = tx.update(grads, opt, params)
        return optax.apply_updates(params, upd), opt, loss

    pred = Predictor(params, scaler, targets, cfg, node_cap=node_cap,
                     ood=OodStats.fit(train, targets), residual_range=rrange,
                     box=op_box(train) if cfg.prior else None,
                     node_base=node_base if stacked else None)
    rng = np.random.default_rng(cfg.seed)
    key = jax.random.key(cfg.seed + 1)
    best, best_params, yv = np.inf, params, ys(val)
    for epoch in range(cfg.epochs):
        t0 = time.time()
        losses = []
        for b in batches(gtr, cfg.batch_size, rng):
            key, sub = jax.random.split(key)
            params, opt, loss = step(params, opt, b, sub)
            losses.append(loss)
        pred.params = params
        v = (
            float(np.mean(np.abs(pred.predict(val) - yv) / yv)) * 100
            if len(val)
            else float(np.mean(losses)) * 100
        )
        rec = {
            "epoch": epoch,
            # the training objective x 100: the MAPE (%) when cfg.loss == "mape", else
            # the mean |log y_hat - log y| (x 100); named after what it is
            f"train_{cfg.loss}": float(np.mean(losses)) * 100,
            "val_mape": v,
            "seconds": time.time() - t0,
        }
        pred.history.append(rec)
        if not np.isfinite(rec[f"train_{cfg.loss}"]):
            log.warning("non-finite training loss at epoch %d; stopping", epoch)
            break
        if v <= best:
            best, best_params = v, params
        if on_epoch is not None:
            on_epoch(rec)
    pred.params = best_params
    return pred


def _op_key(target: str) -> str | None:
    """Per-layer label field of a target (``u55_latency_ms`` -> ``u55_op_cycles``)."""
    plat, _, rest = target.partition("_")
    return f"{plat}_op_cycles" if rest == "latency_ms" and plat in ("u55", "u65") else None


def node_targets(rec: dict, targets: Sequence[str]) -> np.ndarray:
    """Per-node labels ``[N, T]``: Vela per-layer cycles of each operator node scaled so
    they sum to the graph label (cycles / cycles_total x latency); 0 for input nodes and
    for targets without per-layer labels (issue 22, node-level supervision)."""
    out = np.zeros((len(rec["x"]), len(targets)), np.float32)
    for k, t in enumerate(targets):
        key = _op_key(t)
        if key is None or key not in rec:
            continue
        c = np.asarray(rec[key], np.float64)
        if len(c) != rec["n_ops"]:
            raise ValueError(f"{key} has {len(c)} entries for {rec['n_ops']} operators")
        if c.sum() > 0:
            out[: len(c), k] = c / c.sum() * rec["labels"][t]
    return out


def metrics(pred: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """MAPE (%), +-10 % accuracy (%) and Spearman rho of one target."""
    from scipy.stats import spearmanr

    pred, y = np.asarray(pred, np.float64), np.asarray(y, np.float64)
    err = np.abs(pred - y) / np.abs(y)
    rho = float(spearmanr(pred, y).statistic) if len(y) > 2 else float("nan")
    return {
        "mape": float(err.mean() * 100),
        "acc10": float((err <= 0.1).mean() * 100),
        "spearman": rho,
    }


def forest_op_cycles(preds: Sequence[Predictor], rec: dict, platform: str) -> np.ndarray:
    """Per operator ``[n_ops]``: the NPU cycles that the per-op forests of ``preds`` (stacked
    predictors, e.g. the seeds of ``predict --recommended``) give ``rec`` on ``platform``
    ("u55" / "u65"): the arithmetic mean over ``preds`` of each forest's per-op milliseconds
    (:meth:`ForestBase.per_op`, with the rules each base carries) times the NPU clock of
    :data:`jaxeff.gnn.bounds.PEAK`; an operator every forest prices at 0 (an op type the
    training set never had, or one Vela runs as a view) keeps
    :func:`jaxeff.gnn.velamem.roofline_cycles`. Candidate L of session 43 [U, ours]: Vela's
    weight-buffer choices (regor) compare copy times with its own cycle estimates, and the
    forests are trained on Vela's per-layer cycles, so these stand in for velamem's
    roofline as ``velamem.sram_bytes(rec, platform, cycles=...)``."""
    pl = str(platform).lower()
    if pl not in PEAK:
        raise ValueError(f"platform must be one of {sorted(PEAK)}, got {platform!r}")
    if not preds:
        raise ValueError("forest_op_cycles needs at least one predictor")
    target = f"{pl}_latency_ms"
    ms = []
    for p in preds:
        if not isinstance(p.node_base, ForestBase):
            raise ValueError("forest_op_cycles needs stacked predictors that carry their "
                             "per-op forests (node_base is not a ForestBase)")
        per_op = p.node_base.per_op()
        if target not in per_op:
            raise ValueError(f"the predictor's forests have no {target!r} target "
                             f"(they have {sorted(per_op)})")
        ms.append(np.asarray(per_op[target](rec), np.float64))
    cyc = np.mean(ms, axis=0) * PEAK[pl].clock_hz / 1e3
    return np.where(cyc > 0, cyc, velamem.roofline_cycles(rec, pl))
