"""Baselines for PerfSAGE (arXiv 2301.10999), spec perfsage.md §3.

* MACs linear regression (§3.1): (a) y = a MACs + b minimising sum ((y_hat - y)/y)^2,
  (b) log y = a log MACs + b (OLS), (c) (a) on [MACs, weight bytes, activation bytes,
  #ops, 1].
* nn-Meter-style additive per-kernel predictor (§3.2; Zhang et al., MobiSys 2021,
  microsoft/nn-Meter): one RandomForestRegressor per op type, prediction = sum over
  ops. Here the "oracle" variant: per-op labels are Vela per-layer cycles of whole
  graphs (the nn-Meter recipe of timing single-op models is not reproduced). The
  fitted forests export to data-only arrays (:mod:`jaxeff.gnn.trees`, no pickle) that
  predict bit-identically to scikit-learn. ``NNMeter(target="ratio")`` (session 19,
  ours [U]): each forest predicts ``log(cycles / r)`` against the per-operator roofline
  ``r = max(MACs / P, B_act / W_sram, B_w / W_w, 1)`` (:func:`roof_terms`), so that
  its prediction ``r exp(f)`` grows with an operator beyond the largest label seen in
  training (a forest on raw cycles cannot exceed it); op types never seen get ``r``
  times the training median ratio of their kind (with / without MACs), not 0.
  ``NNMeter(target="ratio_mean")`` (session 20, ours [U]): the same splits, but each
  leaf holds the arithmetic mean of ``cycles / r`` of the training operators in it and
  the trees average ratios, so that a sum over operators is not biased low by the
  geometric mean a log-space forest predicts (retransformation bias, Duan 1983).
  ``NNMeter(padded=G)`` (session 28, rule L, ours [U]): the roofline's MAC term counts
  channel-padded tensors (:func:`padded_macs_factor`: input depth to a multiple of G,
  output depth to the NPU's micro-block of 8), so that Vela's steps in cost with the
  channel count (a 3x3 conv of 17 channels costs 2.2 x one of 16 on U55) scale ``r``.
  ``NNMeter.predict_ops(rec, weight_hi)`` (session 31, rule P, ours [U]): an operator
  whose weights exceed its type's training range, in a regime (weights not dominating
  the roofline) its type never showed with larger weights, costs ``max(forest at the
  clipped weights, B_w / W_w)`` (:meth:`NNMeter.weight_regime`). ``predict_ops(rec,
  stride_split=True)`` (rule Q): a CONV_2D with a stride above 3, which Vela splits into
  one operation per output pixel, gets :func:`split_conv_cycles`. ``predict_ops(rec,
  weight_hi, stream=rho_w)`` (session 32, rule R, ours [U]): every operator beyond its
  type's training weights costs ``max(forest at the clipped weights, rho_w B_w / W_w)``,
  ``rho_w`` read off the training split (:meth:`NNMeter.weight_stream_ratio`).
* BRP-NAS GCN (§3.3; Dudziak et al., arXiv 2007.08668, SamsungLabs/eagle): global
  node, op-type one-hot, A with self loops and global row, 4 x (A H W + b ->
  LayerNorm -> ReLU), readout = global node, L1 loss, AdamW (4e-4, wd 5e-4).
  Deviation: batches of 64 graphs padded to the batch max instead of batch 1, a
  fixed epoch count without plateau schedule; targets divided by the train mean.

Length (over 400 lines): the three baselines of spec §3 in one place; the nn-Meter part
(forests, their roofline-ratio and context features, data-only export) is half of it and
its features are only meaningful beside the forest that uses them.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from typing import Any

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
import optax

from jaxeff.gnn.graph import FEATURE_COLUMNS
from jaxeff.gnn.trees import ARRAYS as TREE_ARRAYS
from jaxeff.gnn.trees import TreeEnsemble
from jaxeff.tflite.schema import option_code

_COL = {c: i for i, c in enumerate(FEATURE_COLUMNS)}


# ------------------------------------------------------------------ MACs linear
def _totals(recs: Sequence[dict]) -> np.ndarray:
    return np.asarray(
        [[r["macs"], r["weight_bytes"], r["act_bytes"], r["n_ops"], 1.0] for r in recs],
        np.float64,
    )


def fit_macs_linear(recs: Sequence[dict], y: np.ndarray, variant: str = "a"):
    """Fit a MACs regression (variant ``a``, ``b`` or ``c``); returns predict(recs)."""
    f, y = _totals(recs), np.asarray(y, np.float64)
    if variant == "b":
        coef = np.polyfit(np.log(f[:, 0] + 1), np.log(y), 1)
        return lambda rs: np.exp(np.polyval(coef, np.log(_totals(rs)[:, 0] + 1)))
    cols = [0, 4] if variant == "a" else [0, 1, 2, 3, 4]
    a = f[:, cols] / y[:, None]  # relative-error least squares
    scale = np.abs(a).max(0)
    scale[scale == 0] = 1
    w, *_ = np.linalg.lstsq(a / scale, np.ones_like(y), rcond=None)
    w = w / scale
    return lambda rs: _totals(rs)[:, cols] @ w


# ----------------------------------------------------------------- nn-Meter style
_KERNEL_RF = {  # (max_depth, n_estimators, max_features) from nn-Meter predictor_lib
    "CONV_2D": (70, 320, 6),
    "DEPTHWISE_CONV_2D": (50, 240, 6),
    "FULLY_CONNECTED": (50, 370, 2),
}
_FALLBACK_RF = (50, 370, 1.0)  # "auto" is gone from sklearn >= 1.3


def op_features(rec: dict) -> np.ndarray:
    """nn-Meter-like per-op features from the raw node features ``[n_ops, 12]``:
    H, W, HW, C_in, C_out, K_h, K_w, stride_h, stride_w, MACs/1e6, params/1e6,
    activation bytes/1e6."""
    x = np.asarray(rec["x"][: rec["n_ops"]], np.float64)
    h, w, c = x[:, 1], x[:, 2], x[:, 3]
    macs = np.expm1(x[:, _COL["log_macs"]])
    par = np.expm1(x[:, _COL["log_param_bytes"]])
    act = np.expm1(x[:, _COL["log_act_bytes"]])
    return np.stack(
        [
            h,
            w,
            h * w,
            x[:, _COL["c_in"]],
            c,
            x[:, _COL["kernel_h"]],
            x[:, _COL["kernel_w"]],
            x[:, _COL["stride_h"]],
            x[:, _COL["stride_w"]],
            macs / 1e6,
            par / 1e6,
            act / 1e6,
        ],
        1,
    )


N_OP_FEATURES = 12  # columns of :func:`op_features`
N_RATIO_FEATURES = N_OP_FEATURES + 4  # + :func:`ratio_features`' roofline columns
N_CONTEXT_FEATURES = 2  # :func:`context_features`
#: op types Vela can fuse a following activation into (session 19 [U])
FUSABLE_PRODUCERS = frozenset({"CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED",
                               "TRANSPOSE_CONV", "ADD", "SUB", "MUL", "AVERAGE_POOL_2D",
                               "MAX_POOL_2D"})
FOREST_TARGETS = ("cycles", "ratio", "ratio_mean")
FOREST_LABELS = ("in_graph", "alone")  # NNMeter.labels
RATIO_TARGETS = ("ratio", "ratio_mean")  # forests on the roofline ratio
#: bytes per cycle of the port weights stream from (vela.ini, system configs of
#: :mod:`jaxeff.gnn.labels`): U55 ``Ethos_U55_High_End_Embedded`` OffChipFlash, 64-bit
#: AXI at clock scale 0.125 = 1 B / cycle; U65 ``Ethos_U65_High_End`` Dram, 128-bit at
#: 0.234375 = 3.75 B / cycle
WEIGHT_PORT_BYTES_PER_CYCLE = {"u55": 1.0, "u65": 3.75}


def executed_macs_factor(rec: dict) -> np.ndarray:
    """Per operator ``[n_ops]``: how many times its MACs Vela 5.2 executes. A
    CONV_2D / DEPTHWISE_CONV_2D dilated by ``d > 2`` runs as a zero-filled kernel of
    ``(k - 1) d' + 1`` taps per axis, ``d' = d`` for odd ``d`` and ``d / 2`` (with the
    hardware's dilation 2) for even ``d`` (``tflite_graph_optimiser.fixup_dilation_gt2``
    of ethos-u-vela 5.2): a 3x3 dilated by 16 executes 17 x 17 taps, 32 x. Every other
    operator: 1 (issue 22 session 22, rule D)."""
    x = np.asarray(rec["x"][: rec["n_ops"]], np.float64)
    out = np.ones(len(x))
    for i, t in enumerate(rec["ops"][: len(x)]):
        if t in ("CONV_2D", "DEPTHWISE_CONV_2D"):
            for kc, dc in (("kernel_h", "dilation_h_factor"), ("kernel_w", "dilation_w_factor")):
                k, d = x[i, _COL[kc]], max(int(round(x[i, _COL[dc]])), 1)
                out[i] *= ((k - 1) * (d if d % 2 else d // 2) + 1) / max(k, 1.0)
    return out


def resize_ops(rec: dict) -> np.ndarray:
    """Per operator ``[n_ops]``: the operations Vela 5.2 executes for a RESIZE_BILINEAR,
    else 0. It runs a resize by ``f`` as nearest x2 up-scalings and a last ``f x f``
    average pool over the output (``convert_resize_to_upscale_and_average_pool``; a
    half-pixel x2 as 2 x 2 depthwise convolutions): output elements x ``f_h f_w``, with
    ``f_h f_w`` = output / input spatial size from the node features (the input's
    elements are its activation bytes less the output's, int8), 1 when the input is
    1 x 1 (an ADD). The intermediate x2 passes are left out [U] (issue 22 session 22,
    rule E)."""
    x = np.asarray(rec["x"][: rec["n_ops"]], np.float64)
    out = np.zeros(len(x))
    for i, t in enumerate(rec["ops"][: len(x)]):
        if t != "RESIZE_BILINEAR":
            continue
        n, h, w, c = (max(x[i, _COL[f"shape{k}"]], 1.0) for k in range(4))
        o = n * h * w * c
        in_hw = round(max(np.expm1(x[i, _COL["log_act_bytes"]]) - o, 1.0) / (n * c))
        ff = h * w / in_hw if in_hw > 1 else 1.0  # a 1 x 1 input: an ADD
        out[i] = o * max(ff, 1.0)
    return out


#: input-depth granularities of :func:`padded_macs_factor` (issue 22 session 28, rule L)
PAD_GRANULES = (8, 16, 32)
#: the output micro-block depth of Ethos-U55-128 and Ethos-U65-256 (Vela 5.2
#: ``architecture_features``: ``ofm_ublock`` depth 8 on both)
OFM_UBLOCK_DEPTH = 8
_PAD_IN_OUT = frozenset({"CONV_2D", "TRANSPOSE_CONV", "FULLY_CONNECTED"})


def padded_macs_factor(rec: dict, granule: int) -> np.ndarray:
    """Per operator ``[n_ops]``: how many times its MACs the channel-padded tensors
    hold (issue 22 session 28, rule L, ours [U]). The NPU computes output channels in
    micro-blocks of :data:`OFM_UBLOCK_DEPTH` and consumes input channels in blocks, so
    a 3x3 conv of 17 channels costs 2.2 x (U55) the cycles of one of 16
    (``docs/evidence/perfsage-cpu-2026-12-06-s27/probe_channels_s27.txt``). With
    ``ceil_n(c)`` = ``c`` rounded up to a multiple of ``n``: CONV_2D, TRANSPOSE_CONV and
    FULLY_CONNECTED ``ceil_G(C_in) / C_in x ceil_8(C_out) / C_out`` (``G`` =
    ``granule``, one of :data:`PAD_GRANULES`); DEPTHWISE_CONV_2D ``ceil_8(C) / C``;
    every other operator (and a channel count of 0) 1."""
    if granule not in PAD_GRANULES:
        raise ValueError(f"padding granule must be one of {PAD_GRANULES}, got {granule!r}")
    x = np.asarray(rec["x"][: rec["n_ops"]], np.float64)
    c_in, c_out = x[:, _COL["c_in"]], x[:, _COL["shape3"]]

    def pad(c: np.ndarray, n: int) -> np.ndarray:
        return np.where(c > 0, np.ceil(c / n) * n / np.maximum(c, 1.0), 1.0)

    ops = list(rec["ops"][: len(x)])
    both = np.asarray([t in _PAD_IN_OUT for t in ops], bool)
    dw = np.asarray([t == "DEPTHWISE_CONV_2D" for t in ops], bool)
    out = np.ones(len(x))
    out[both] = (pad(c_in, granule) * pad(c_out, OFM_UBLOCK_DEPTH))[both]
    out[dw] = pad(c_out, OFM_UBLOCK_DEPTH)[dw]
    return out


def roof_terms(rec: dict, platform: str, lowered: bool = False,
               resize: bool = False, padded: int = 0) -> np.ndarray:
    """Per operator, the three roofline terms ``[n_ops, 3]`` in cycles: MACs / P,
    activation bytes / W_sram (:data:`jaxeff.gnn.bounds.PEAK`) and weight bytes /
    :data:`WEIGHT_PORT_BYTES_PER_CYCLE` (``platform`` "u55" / "u65"). ``lowered``
    (rule D, session 22): the MACs Vela executes (:func:`executed_macs_factor`);
    ``resize`` (rule E): and a bilinear resize's operations (:func:`resize_ops`);
    ``padded`` (rule L, session 28; 0 = off): the MACs of channel-padded tensors
    (:func:`padded_macs_factor` with that input-depth granule)."""
    from jaxeff.gnn.bounds import PEAK

    if platform not in WEIGHT_PORT_BYTES_PER_CYCLE:
        raise ValueError(f"platform must be one of {sorted(WEIGHT_PORT_BYTES_PER_CYCLE)}, "
                         f"got {platform!r}")
    pk = PEAK[platform]
    x = np.asarray(rec["x"][: rec["n_ops"]], np.float64)
    macs = np.expm1(x[:, _COL["log_macs"]])
    act = np.expm1(x[:, _COL["log_act_bytes"]])
    par = np.expm1(x[:, _COL["log_param_bytes"]])
    if lowered:
        macs = macs * executed_macs_factor(rec)
    if padded:
        macs = macs * padded_macs_factor(rec, padded)
    if resize:  # rule E: a bilinear resize's executed operations
        macs = np.maximum(macs, resize_ops(rec))
    return np.stack([macs / pk.macs_per_cycle, act / pk.sram_bytes_per_cycle,
                     par / WEIGHT_PORT_BYTES_PER_CYCLE[platform]], 1)


#: rule Q (session 31, ``diag_stride4.md``): per platform ``(W_0, beta)`` of a split
#: convolution's weight fetch, ``W_0 + W_enc / beta`` cycles per output pixel [U: read off
#: Vela 5.2's per-layer cycles of OverFeat's first convolution, cnn-one-fstride4 and
#: 15 probes]
SPLIT_WEIGHT_FETCH = {"u55": (64.0, 1.0), "u65": (454.0, 3.71)}


def split_conv_cycles(rec: dict, platform: str, codec: bool = False
                      ) -> tuple[np.ndarray, np.ndarray]:
    """Rule Q (issue 22, session 31 [U]): ``[n_ops]`` bool, the CONV_2Ds with a stride
    above 3 on either axis, and ``[n_ops]`` cycles Vela 5.2 spends on them. Vela splits
    such a convolution into one stride-1 operation per output pixel, each fetching the
    whole encoded weights again (``--verbose-schedule`` of OverFeat's 11 x 11 / 4 first
    convolution: 3,136 operations), so it costs ``OH OW max(c_px, W_0 + W_enc / beta) +
    W_enc / beta`` with ``c_px = 11 K_h K_w ceil(C_in / 8) ceil(C_out / 8) + 200`` the
    compute of one pixel and :data:`SPLIT_WEIGHT_FETCH`; ``W_enc = K_h K_w C_in C_out +
    10 C_out`` (int8 weights plus scale and bias per output channel; Vela's encoding
    was 0.95-1.4 x that on the probes). Other operators: 0 cycles.

    ``codec=True`` is candidate Qe (issue 22, session 42 section 2 [U]): ``W_enc`` in both
    terms is the bytes of Vela's own weight encoder on the conv's weights
    (:func:`jaxeff.gnn.velamem.codec_weight_bytes`; Vela's U55 cycles per output pixel
    were 1.006-1.036 x ``64 + E`` on five read raw-waveform stems, where the estimate
    above is 0.70 x E on one input channel); a record without its TFLite graph
    (``rec["graph"]``) keeps the estimate."""
    if platform not in SPLIT_WEIGHT_FETCH:
        raise ValueError(f"platform must be one of {sorted(SPLIT_WEIGHT_FETCH)}, "
                         f"got {platform!r}")
    n = int(rec["n_ops"])
    x = np.asarray(rec["x"][:n], np.float64)
    split = (np.asarray([t == "CONV_2D" for t in rec["ops"][:n]], bool)
             & (np.maximum(x[:, _COL["stride_h"]], x[:, _COL["stride_w"]]) > 3))
    w0, beta = SPLIT_WEIGHT_FETCH[platform]
    kk = x[:, _COL["kernel_h"]] * x[:, _COL["kernel_w"]]
    cin, cout = x[:, _COL["c_in"]], x[:, 3]
    w_enc = kk * cin * cout + 10 * cout
    if codec and split.any() and rec.get("graph") is not None:
        from jaxeff.gnn.velamem import codec_weight_bytes

        w_enc = np.where(split, codec_weight_bytes(rec, platform, only=split)[:n], w_enc)
    c_px = 11 * kk * np.ceil(cin / 8) * np.ceil(cout / 8) + 200
    cyc = x[:, 1] * x[:, 2] * np.maximum(c_px, w0 + w_enc / beta) + w_enc / beta
    return split, np.where(split, cyc, 0.0)


#: candidate Q2 (issue 22, session 42 addendum 2 [U]; ``docs/evidence/perfsage-cpu-2026-12-07-s42/
#: probe_split42.md``, 376 synthetic split-conv probes): per NPU the compute term ``(a0, a1, a2)``
#: of a split convolution's output pixel, ``a0 + a1 U1 + a2 U2``, and its fused activation's
#: separate pass ``(b0, b1)``, ``b0 + b1 OH OW C_out`` cycles
SPLIT_COMPUTE = {"u55": (87.1, 33.098, 8.494), "u65": (75.6, 33.101, 8.495)}
SPLIT_ACT_PASS = {"u55": (472.7, 0.9956), "u65": (297.6, 1.0157)}


def split_conv_cycles2(rec: dict, platform: str) -> tuple[np.ndarray, np.ndarray]:
    """Candidate Q2 (issue 22, session 42 addendum 2 [U]): rule Q's domain
    (:func:`split_conv_cycles`) priced from Vela 5.2 probes of single split convolutions
    (``probe_split42.md``): ``OH OW max(a0 + a1 U1 + a2 U2, W_0 + E / beta) + act (b0 + b1
    OH OW C_out)``. The compute term is the same on both NPUs (one output pixel per
    operation: the U65's 256 MACs gain nothing): kernel steps ``T = ceil(K / 4)`` (C_in <= 8:
    1, else ``2 ceil(C_in / 16)``) for Vela's part-kernel-first traversal (C_in <= 8, or
    ``(C_in / pad8(C_in)) (K / pad4(K)) >= C_in / pad32(C_in)``), else ``K ceil(C_in / 32)``,
    ``K = K_h K_w`` [U: only 1 x K kernels were probed]; ``U1 = T ceil(C_out / 8)``, ``U2 =
    T min(ceil(C_out / 8), 16)``; constants :data:`SPLIT_COMPUTE`. The fetch is Qe's: ``E``
    Vela's encoded weights (:func:`jaxeff.gnn.velamem.codec_weight_bytes`; a record without
    its graph keeps ``K C_in C_out + 10 C_out``), ``W_0, beta`` of
    :data:`SPLIT_WEIGHT_FETCH`. A fused activation runs as a separate pass over the whole
    output (:data:`SPLIT_ACT_PASS`, ``act`` = 1 with ``fused_activation_function`` != 0);
    rule Q's extra ``E / beta`` per conv is dropped. Other operators: 0 cycles."""
    split, _ = split_conv_cycles(rec, platform)
    n = int(rec["n_ops"])
    x = np.asarray(rec["x"][:n], np.float64)
    kk = np.maximum(x[:, _COL["kernel_h"]] * x[:, _COL["kernel_w"]], 1)
    cin, cout = np.maximum(x[:, _COL["c_in"]], 1), np.maximum(x[:, 3], 1)
    w_enc = kk * cin * cout + 10 * cout
    if split.any() and rec.get("graph") is not None:
        from jaxeff.gnn.velamem import codec_weight_bytes

        w_enc = np.where(split, codec_weight_bytes(rec, platform, only=split)[:n], w_enc)
    part = (cin <= 8) | ((cin / _pad(cin, 8)) * (kk / _pad(kk, 4)) >= cin / _pad(cin, 32))
    t = np.where(part, np.ceil(kk / 4) * np.where(cin <= 8, 1.0, 2 * np.ceil(cin / 16)),
                 kk * np.ceil(cin / 32))
    groups = np.ceil(cout / 8)
    a0, a1, a2 = SPLIT_COMPUTE[platform]
    comp = a0 + a1 * t * groups + a2 * t * np.minimum(groups, 16)
    w0, beta = SPLIT_WEIGHT_FETCH[platform]
    px = x[:, 1] * x[:, 2]
    b0, b1 = SPLIT_ACT_PASS[platform]
    act = np.rint(x[:, _COL["fused_activation_function"]]) != 0
    cyc = px * np.maximum(comp, w0 + w_enc / beta) + np.where(act, b0 + b1 * px * cout, 0.0)
    return split, np.where(split, cyc, 0.0)


#: rule V (issue 22, session 37 addendum 4 [U]): Vela 5.2's cycles per output pixel of
#: a pool it splits into one operation per output pixel, ``a0 + a1 Kh Kw ceil(C / 8)``,
#: per NPU, least squares over 49 synthetic probes (``probe_s37.py pool``: largest
#: residual 6.1 / 3.5 %)
POOL_SPLIT = {"u55": (73.04, 5.9089), "u65": (68.61, 5.4533)}


def split_pool_cycles(rec: dict, platform: str) -> tuple[np.ndarray, np.ndarray]:
    """Rule V (issue 22, session 37 addenda 3-4 [U]; the pooling analogue of rule Q,
    :func:`split_conv_cycles`): ``[n_ops]`` bool, the AVERAGE_POOL_2D / MAX_POOL_2D with
    a stride above 3 on either axis and an output of more than one pixel, and ``[n_ops]``
    the cycles Vela 5.2 spends on them. Vela runs such a pool as one NPU operation per
    output pixel (Res8's 4 x 3 / 4 x 3 average pool: 325 operations of 286 cycles on
    U55, ``diag_res8_37.md``), so it costs ``OH OW (a0 + a1 Kh Kw ceil(C / 8))`` with
    :data:`POOL_SPLIT`'s constants. A pool with a one-pixel output (a global pool) is
    one operation, cheaper than that (``probe_globalpool.txt``), and is left out. Other
    operators: 0 cycles."""
    from jaxeff.gnn.velamem import split_pools

    if platform not in POOL_SPLIT:
        raise ValueError(f"platform must be one of {sorted(POOL_SPLIT)}, got {platform!r}")
    n = int(rec["n_ops"])
    x = np.asarray(rec["x"][:n], np.float64)
    px = x[:, 1] * x[:, 2]
    split = split_pools(rec)  # the domain, shared with velamem's rule "_spool"
    a0, a1 = POOL_SPLIT[platform]
    kk = x[:, _COL["kernel_h"]] * x[:, _COL["kernel_w"]]
    cyc = px * (a0 + a1 * kk * np.ceil(x[:, 3] / 8))
    return split, np.where(split, cyc, 0.0)


#: rule Z (issue 22, session 37 addendum 8 [U]): MACs per cycle of the MAC array with both
#: depths padded to 8, and kappa, Vela's median cycles over that bound on mix22's training
#: split (``zfit_s37.py``); the domain's thresholds
Z_MACS = {"u55": 128.0, "u65": 256.0}
Z_KAPPA = {"u55": 1.1193, "u65": 1.1221}
Z_MAX_CIN, Z_MIN_TAPS, Z_MIN_PX = 8, 16, 1000
#: candidates Z1 / Z2 (session 38 addendum 2 [U]; ``docs/evidence/perfsage-cpu-2026-12-07-s38/
#: diag_vz38.md``): on the U65 a conv of Z's domain whose output is one row of odd width
#: costs about twice the bound (the median over 36 synthetic one-row odd-width probes;
#: the U55 and even widths stay near it), and a one-column output about twice on both
#: NPUs (the median over mix22's training split's 12 such convs)
Z_ROW_ODD = {"u65": 2.0235}
Z_COLUMN = {"u55": 2.012, "u65": 2.019}
Z_GEOMETRIES = ("", "row", "rowcol")


def _npu(platform: str) -> str:
    """``platform`` if it is one of :data:`Z_MACS`' NPUs, else ``ValueError``."""
    if platform not in Z_MACS:
        raise ValueError(f"platform must be one of {sorted(Z_MACS)}, got {platform!r}")
    return platform


def _pad(c: np.ndarray | float, m: int) -> np.ndarray:
    """Depths rounded up to a multiple of ``m`` (at least ``m``)."""
    return np.ceil(np.maximum(c, 1) / m) * m


def z_conv_bound(rec: dict, platform: str) -> tuple[np.ndarray, np.ndarray]:
    """Rule Z's domain and bound (issue 22, session 37 addendum 8 [U];
    ``docs/evidence/perfsage-cpu-2026-12-07-s37/diag_chambon37.md``): ``[n_ops]`` bool, the
    CONV_2Ds with fewer than :data:`Z_MAX_CIN` input channels, at least :data:`Z_MIN_TAPS`
    kernel taps, a stride of at most 3 and at least :data:`Z_MIN_PX` output pixels, and
    ``[n_ops]`` their padded-MAC bound ``OH OW Kh Kw pad8(C_in) pad8(C_out) / P`` cycles (P
    = :data:`Z_MACS`): Vela runs such a conv with both depths padded to 8 at the MAC
    array's rate (Chambon et al. 2018's 1 x 64 conv of 2 -> 8 channels at 1.006 x it),
    which the forests' features do not see. Other operators: 0."""
    _npu(platform)
    n = int(rec["n_ops"])
    x = np.asarray(rec["x"][:n], np.float64)
    taps = x[:, _COL["kernel_h"]] * x[:, _COL["kernel_w"]]
    px = x[:, 1] * x[:, 2]
    cin, cout = x[:, _COL["c_in"]], x[:, 3]
    m = (np.asarray([t == "CONV_2D" for t in rec["ops"][:n]], bool) & (cin < Z_MAX_CIN)
         & (taps >= Z_MIN_TAPS) & (px >= Z_MIN_PX)
         & (np.maximum(x[:, _COL["stride_h"]], x[:, _COL["stride_w"]]) <= 3))
    bound = px * taps * _pad(cin, 8) * _pad(cout, 8) / Z_MACS[platform]
    return m, np.where(m, bound, 0.0)


def z_conv_kappa(rec: dict, platform: str, geometry: str = "") -> np.ndarray:
    """Per operator, rule Z's factor on :func:`z_conv_bound`'s bound ``[n_ops]``:
    :data:`Z_KAPPA` (``geometry=""``, rule Z); with ``"row"`` (candidate Z1, session 38
    addendum 2) :data:`Z_ROW_ODD` where the output is one row (OH = 1) of odd width on
    the platforms it names; with ``"rowcol"`` (candidate Z2) that and :data:`Z_COLUMN`
    where the output is one column (OW = 1, OH > 1). Vela 5.2 prices such outputs at
    about twice the padded-MAC bound (``diag_vz38.md``: 110 single-conv probes)."""
    if geometry not in Z_GEOMETRIES:
        raise ValueError(f"geometry must be one of {Z_GEOMETRIES}, got {geometry!r}")
    _npu(platform)
    n = int(rec["n_ops"])
    x = np.asarray(rec["x"][:n], np.float64)
    oh, ow = np.rint(x[:, 1]), np.rint(x[:, 2])
    out = np.full(n, Z_KAPPA[platform])
    if geometry and platform in Z_ROW_ODD:
        out[(oh == 1) & (ow % 2 == 1) & (ow > 1)] = Z_ROW_ODD[platform]
    if geometry == "rowcol":
        out[(ow == 1) & (oh > 1)] = Z_COLUMN[platform]
    return out


#: candidates A16 / R16 (session 38 addendum 7 [U]; ``docs/evidence/perfsage-cpu-2026-12-07-s38/
#: diag_lx38.md``): Vela works on depths padded to 16; on depths of C mod 16 in 1..8 (C >= 16)
#: the forests, whose features count the true or 8-padded depth, under-price. A16: an ADD of
#: two maps of its output's shape at :data:`jaxeff.gnn.bcast_table2.ADD_NPU` cycles per
#: 16-padded element; R16: a 3 x 3 / 1 undilated CONV_2D of at least :data:`Z_MIN_PX` output
#: pixels at kappa16 x its 16-padded MAC bound (the medians over mix22's training split's 251
#: such convs)
R16_KAPPA = {"u55": 1.0076, "u65": 1.0150}


def _odd16(c: np.ndarray) -> np.ndarray:
    """Depths of at least 16 with C mod 16 in 1..8 (where pad16 exceeds pad8)."""
    c = np.rint(c).astype(np.int64)
    return (c >= 16) & (c % 16 >= 1) & (c % 16 <= 8)


def depth16_cycles(rec: dict, platform: str, add: bool = True, conv: bool = True
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Candidates A16 (``add``) and R16 (``conv``), session 38 addendum 7: ``[n_ops]``
    bool, the operators in their domains, and ``[n_ops]`` their cycles (0 elsewhere).
    A16: an ADD whose two inputs are non-constant maps of its output's shape, on a depth C
    >= 16 with C mod 16 in 1..8, costs ``ADD_NPU x OH OW pad16(C)``; R16: a CONV_2D with a
    3 x 3 kernel, stride 1, dilation 1, at least :data:`Z_MIN_PX` output pixels and both
    depths of that kind costs ``R16_KAPPA x OH OW 9 pad16(C_in) pad16(C_out) / P``."""
    from jaxeff.gnn.bcast_table2 import ADD_NPU
    from jaxeff.gnn.velamem import _graph, _is_const

    _npu(platform)
    x, n, ops, _, prods = _graph(rec)
    x = np.asarray(x, np.float64)
    px = x[:n, 1] * x[:n, 2]
    mask = np.zeros(n, bool)
    cyc = np.zeros(n)
    if add:
        for v in range(n):
            ins = prods[v]
            if (ops[v] == "ADD" and len(ins) == 2 and not any(_is_const(x, n, i) for i in ins)
                    and all(np.array_equal(x[i, :4], x[v, :4]) for i in ins)
                    and _odd16(x[v:v + 1, 3])[0]):
                mask[v] = True
                cyc[v] = ADD_NPU[platform] * px[v] * _pad(x[v, 3], 16)
    if conv:
        col = lambda c: np.rint(x[:n, _COL[c]])  # noqa: E731
        m = (np.asarray([t == "CONV_2D" for t in ops], bool) & (col("kernel_h") == 3)
             & (col("kernel_w") == 3) & (col("stride_h") == 1) & (col("stride_w") == 1)
             & (np.maximum(col("dilation_h_factor"), 1) == 1)
             & (np.maximum(col("dilation_w_factor"), 1) == 1) & (px >= Z_MIN_PX)
             & _odd16(x[:n, _COL["c_in"]]) & _odd16(x[:n, 3]))
        bound = px * 9 * _pad(x[:n, _COL["c_in"]], 16) * _pad(x[:n, 3], 16) / Z_MACS[platform]
        cyc = np.where(m, R16_KAPPA[platform] * bound, cyc)
        mask |= m
    return mask, cyc


#: candidate W1 (session 39 addendum 3 [U]; ``docs/evidence/perfsage-cpu-2026-12-07-s39/
#: diag_row39.md``): a one-row 1 x k CONV_2D (OH = 1, 2 <= OW < :data:`W1_MAX_OW`, k >= 2,
#: stride 1, dilation 1, C_in >= :data:`W1_MIN_CIN`) costs kappa x max(its MAC-array count
#: as Vela 5.2 counts it, its weight stream); kappa = the medians over the 88 synthetic
#: probes of that domain (no real model)
W1_KAPPA = {"u55": 1.1269, "u65": 1.3491}
W1_MAX_OW, W1_MIN_CIN = 64, 16


def _row_traversal(k: np.ndarray, cin: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per conv of a 1 x ``k`` kernel on ``cin`` (>= 1) input channels, the kernel taps and
    IFM lanes Vela 5.2's MAC array steps through (``npu_performance``'s
    ``_choose_kernel_method``): part-kernel first (C_in <= 8 or ``C_in k / (pad8(C_in)
    pad4(k)) > C_in / pad32(C_in)``) ``pad4(k)`` taps of ``pad8(C_in)`` lanes (``pad16``
    above 16 channels); depth first ``k`` taps of ``pad32(C_in)`` lanes. W1 and O2 share it."""
    part = (cin <= 8) | (cin * k / (_pad(cin, 8) * _pad(k, 4)) > cin / _pad(cin, 32))
    taps = np.where(part, _pad(k, 4), k)
    lanes = np.where(part, np.where(cin > 16, _pad(cin, 16), _pad(cin, 8)), _pad(cin, 32))
    return taps, lanes


def row_conv_cycles(rec: dict, platform: str, stream_kappa: bool = True,
                    codec: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Candidate W1 (issue 22, session 39 addendum 3 [U]): ``[n_ops]`` bool, the one-row
    1 x k CONV_2Ds of its domain (:data:`W1_MAX_OW`, :data:`W1_MIN_CIN`), and ``[n_ops]``
    their cycles (0 elsewhere): ``W1_KAPPA x max(bV, W / beta)``. ``bV = OW taps cin
    pad8(C_out) f / P`` is the MAC-array count of Vela 5.2's ``npu_performance`` for such a
    conv: part-kernel first (its ``_choose_kernel_method``: C_in <= 8 or ``C_in k / (pad8(C_in)
    pad4(k)) > C_in / pad32(C_in)``) takes ``taps = pad4(k)``, ``cin = pad8(C_in)`` up to 16
    else ``pad16(C_in)``; depth first ``taps = k``, ``cin = pad32(C_in)``; ``f = 2`` for an odd
    OW on the U65 (its 2 x 2 micro-block runs a one-row map half empty unless the width is
    even) and 1 elsewhere; P = :data:`Z_MACS`. ``W = k C_in C_out + 10 C_out`` bytes streamed
    at :data:`WEIGHT_PORT_BYTES_PER_CYCLE`.

    ``stream_kappa=False`` is candidate W2 (session 40 addendum 1 [U]):
    ``max(W1_KAPPA x bV, W / beta)``, kappa on the MAC term only (kappa was read off probes
    of C_in 16-64, mostly MAC-bound; on weight-stream-bound convs of 96-512 channels Vela
    charges about 0.93 x W / beta, its encoded weights being smaller than ``W``).

    ``codec=True`` is candidate W3 (session 40 addendum 4 [U], ``diag_w1_40.md``: in 450
    Vela probes a weight-bound one-row conv costs exactly its encoded bytes / beta):
    ``max(W1_KAPPA x bV, E / beta)`` with ``E`` the bytes of Vela's own weight encoder on
    the conv's weights (:func:`jaxeff.gnn.velamem.codec_weight_bytes`); a record without
    its TFLite graph (``rec["graph"]``) keeps W1. W2 and W3 together are refused."""
    from jaxeff.gnn.velamem import _graph, codec_weight_bytes

    if codec and not stream_kappa:
        raise ValueError("candidates W2 and W3 price the same stream: choose one")
    _npu(platform)
    x, n, ops, _, _ = _graph(rec)
    x = np.asarray(x, np.float64)[:n]
    col = lambda c: np.rint(x[:, _COL[c]])  # noqa: E731
    oh, ow = np.rint(x[:, 1]), np.rint(x[:, 2])
    k, cin, cout = col("kernel_w"), x[:, _COL["c_in"]], x[:, 3]
    mask = (np.asarray([t == "CONV_2D" for t in ops], bool) & (oh == 1) & (ow >= 2)
            & (ow < W1_MAX_OW) & (col("kernel_h") == 1) & (k >= 2) & (col("stride_h") == 1)
            & (col("stride_w") == 1) & (np.maximum(col("dilation_h_factor"), 1) == 1)
            & (np.maximum(col("dilation_w_factor"), 1) == 1) & (cin >= W1_MIN_CIN))
    kk, ci = np.maximum(k, 1), np.maximum(cin, 1)
    taps, lanes = _row_traversal(kk, ci)
    f = np.where((ow % 2 == 1) & (platform == "u65"), 2.0, 1.0)
    bv = ow * taps * lanes * _pad(cout, 8) * f / Z_MACS[platform]
    stream = (kk * ci * cout + 10 * cout) / WEIGHT_PORT_BYTES_PER_CYCLE[platform]
    kap = W1_KAPPA[platform]
    if codec and mask.any() and rec.get("graph") is not None:
        enc = codec_weight_bytes(rec, platform, only=mask)[:n]
        return mask, np.where(mask, np.maximum(kap * bv, enc / WEIGHT_PORT_BYTES_PER_CYCLE[
            platform]), 0.0)
    cyc = kap * np.maximum(bv, stream) if stream_kappa else np.maximum(kap * bv, stream)
    return mask, np.where(mask, cyc, 0.0)


def row_odd_macs(rec: dict, platform: str) -> tuple[np.ndarray, np.ndarray]:
    """Candidate O2 (issue 22, session 42 section 2 [U];
    ``docs/evidence/perfsage-cpu-2026-12-07-s42/probe_rowodd42.md``): ``[n_ops]`` bool,
    the CONV_2Ds whose output is one row (OH = 1) of odd width, with kernel height 1,
    a stride of at most 3 on each axis and no dilation, outside rule Z's domain
    (:func:`z_conv_bound`) and candidate W1's (:func:`row_conv_cycles`), which price odd
    one-row widths themselves; on the U55 none. And ``[n_ops]`` their MAC-array count at
    an even width (W1's ``bV`` with ``f = 1``: ``OW taps lanes pad8(C_out) / P``).
    On the U65 Vela 5.2's 2 x 2 micro-block runs a one-row map of odd width half empty:
    synthetic probes cost 1.8-2.0 x the neighbouring even width where the MAC array
    bounds the conv and 1.02-1.4 x on cheap ones, so :meth:`NNMeter.predict_ops` adds
    ``min(v, bV)`` to the value ``v`` the other rules give (the MAC share doubles)."""
    _npu(platform)
    n = int(rec["n_ops"])
    x = np.asarray(rec["x"][:n], np.float64)
    col = lambda c: np.rint(x[:, _COL[c]])  # noqa: E731
    oh, ow = np.rint(x[:, 1]), np.rint(x[:, 2])
    k, cin, cout = np.maximum(col("kernel_w"), 1), np.maximum(x[:, _COL["c_in"]], 1), x[:, 3]
    m = (np.asarray([t == "CONV_2D" for t in rec["ops"][:n]], bool) & (oh == 1)
         & (ow % 2 == 1) & (col("kernel_h") <= 1) & (col("stride_h") <= 3)
         & (col("stride_w") <= 3) & (np.maximum(col("dilation_h_factor"), 1) == 1)
         & (np.maximum(col("dilation_w_factor"), 1) == 1))
    m &= ~z_conv_bound(rec, platform)[0] & ~row_conv_cycles(rec, platform)[0]
    if platform != "u65":
        m[:] = False
    taps, lanes = _row_traversal(k, cin)
    bv = ow * taps * lanes * _pad(cout, 8) / Z_MACS[platform]
    return m, np.where(m, bv, 0.0)


#: candidate P1 (issue 22, session 42 addendum 3 [U]; ``docs/evidence/perfsage-cpu-2026-12-07-s42/
#: probe_prelu42.md``): Vela 5.2's cycles per output element of a PRELU on a one-row map, per
#: NPU, by depth: ``((C_max, cycles), ...)``, the first band with ``C <= C_max``
ROW_PRELU_CYCLES = {"u55": ((8, 4.5), (64, 2.25), (np.inf, 3.25)),
                    "u65": ((8, 2.0), (64, 1.0), (np.inf, 1.158))}


def row_prelu_cycles(rec: dict, platform: str) -> tuple[np.ndarray, np.ndarray]:
    """Candidate P1 (issue 22, session 42 addendum 3 [U]): ``[n_ops]`` bool, the PRELUs
    whose output is one row (H = 1, W > 1), and ``[n_ops]`` their cycles,
    :data:`ROW_PRELU_CYCLES` x ``W C``. Vela lowers a PRELU (alpha < 1) to a rescale MUL, a
    MUL by the alpha constant and a MAXIMUM; on a one-row map the alpha MUL does not pay the
    per-element constant reads it pays on 2-D maps (rule T), so the whole costs 2.25-4.5 /
    1.0-2.0 cycles per element, flat in the width (132 synthetic probes); no training graph
    holds a one-row PRELU. A PRELU with a slope of 1 or more takes Vela's 4-op form and
    costs more (not modelled). Other operators: 0."""
    _npu(platform)
    n = int(rec["n_ops"])
    x = np.asarray(rec["x"][:n], np.float64)
    h, w, c = np.rint(x[:, 1]), np.rint(x[:, 2]), np.rint(x[:, 3])
    m = np.asarray([t == "PRELU" for t in rec["ops"][:n]], bool) & (h == 1) & (w > 1)
    per = np.zeros(n)
    for cmax, cyc in reversed(ROW_PRELU_CYCLES[platform]):
        per[c <= cmax] = cyc
    return m, np.where(m, per * w * c, 0.0)


#: candidates C1 / PL (issue 22, session 43 addenda 3-4 [U]; ``docs/evidence/perfsage-cpu-2026-12-08-s43/
#: probe_c1_43.md``): Vela 5.2's OFM micro-block (H, W) per NPU; C1a's thresholds
UBLOCK_HW = {"u55": (1, 2), "u65": (2, 2)}
#: the schema code of ``padding="VALID"`` as a feature value (``jaxeff.tflite.schema.option_code``)
VALID_PADDING = float(option_code("padding", "VALID"))
C1A_MAX_CIN, C1A_MIN_TAPS, C1B_MAX_CIN, PL_MIN_TAPS, PL2A_MIN_TAPS = 4, 32, 16, 32, 9


def _sub_kernels(kh: np.ndarray, kw: np.ndarray, f) -> np.ndarray:
    """Per operator, ``sum f(taps)`` over Vela's 8 x 8 sub-kernels of a ``kh x kw`` kernel."""
    out = np.zeros(len(kh))
    for i, (a, b) in enumerate(zip(np.rint(kh).astype(int), np.rint(kw).astype(int), strict=True)):
        hs = [min(8, a - j) for j in range(0, max(a, 1), 8)]
        ws = [min(8, b - j) for j in range(0, max(b, 1), 8)]
        out[i] = sum(f(max(h, 1) * max(w, 1)) for h in hs for w in ws)
    return out


def _ublocks(x: np.ndarray, platform: str) -> np.ndarray:
    uh, uw = UBLOCK_HW[platform]
    return np.ceil(np.rint(x[:, 1]) / uh) * np.ceil(np.rint(x[:, 2]) / uw)


def few_cin_conv_cycles(rec: dict, platform: str, wide: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Candidates C1a / C1b (issue 22, session 43 addenda 3-4 [U]): ``[n_ops]`` bool, the CONV_2Ds with stride 1 on
    both axes, no dilation and a 2-D output (OH, OW >= 2) with at most :data:`C1A_MAX_CIN` input channels and at
    least :data:`C1A_MIN_TAPS` kernel taps (C1a), or (``wide``, C1b) at most :data:`C1B_MAX_CIN` input channels and
    ``S ceil(C_in / 8) >= 2``, outside candidates W1's (:func:`row_conv_cycles`) and R16's (:func:`depth16_cycles`)
    domains (rule Z's is included: the formula replaces its kappa x bound); and ``[n_ops]`` their cycles, Vela's
    part-kernel compute term ``4 Uxy ceil(C_out / 8) S ceil(C_in / 8)``: ``Uxy`` the OFM micro-blocks (:data:`UBLOCK_HW`:
    1 x 2 on the U55, 2 x 2 on the U65), ``S`` the sum over Vela's 8 x 8 sub-kernels of ``ceil(taps / 4)``. 127
    synthetic single-conv probes (C_in 1-16, kernels 3 x 3 to 7 x 67 / 128 x 1, C_out 16-256): median |error| 0.3 / 0.5 %
    against the per-op label; rule Z's kappa (1.12) is the training median over small kernels, where ``S`` rounds 9 taps
    up to 12. Other operators: 0."""
    _npu(platform)
    n = int(rec["n_ops"])
    x = np.asarray(rec["x"][:n], np.float64)
    col = lambda c: np.rint(x[:, _COL[c]])  # noqa: E731
    kh, kw = np.maximum(col("kernel_h"), 1), np.maximum(col("kernel_w"), 1)
    cin, cout = np.maximum(col("c_in"), 1), np.maximum(np.rint(x[:, 3]), 1)
    s = _sub_kernels(kh, kw, lambda t: -(-t // 4))
    m = (np.asarray([t == "CONV_2D" for t in rec["ops"][:n]], bool) & (col("stride_h") == 1)
         & (col("stride_w") == 1) & (np.maximum(col("dilation_h_factor"), 1) == 1)
         & (np.maximum(col("dilation_w_factor"), 1) == 1) & (np.rint(x[:, 1]) >= 2) & (np.rint(x[:, 2]) >= 2))
    m &= ((cin <= C1B_MAX_CIN) & (s * np.ceil(cin / 8) >= 2)) if wide else (
        (cin <= C1A_MAX_CIN) & (kh * kw >= C1A_MIN_TAPS))
    m &= ~row_conv_cycles(rec, platform)[0] & ~depth16_cycles(rec, platform, False, True)[0]
    cyc = 4.0 * _ublocks(x, platform) * np.ceil(cout / 8) * s * np.ceil(cin / 8)
    return m, np.where(m, cyc, 0.0)


def _pool_terms(rec: dict) -> tuple[np.ndarray, Any, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The pieces of Vela's pool compute term shared by rules PL / PL2 and G1: the operators' features ``x``, a
    column reader, the kernel ``kh`` / ``kw`` (at least 1), whether each operator is a MAX_POOL_2D / AVERAGE_POOL_2D,
    ``ceil(C / 8)`` and ``P`` (the sum over Vela's 8 x 8 sub-kernels of ``max(4, taps)``)."""
    n = int(rec["n_ops"])
    x = np.asarray(rec["x"][:n], np.float64)
    col = lambda c: np.rint(x[:, _COL[c]])  # noqa: E731
    kh, kw = np.maximum(col("kernel_h"), 1), np.maximum(col("kernel_w"), 1)
    pool = np.asarray([t in ("MAX_POOL_2D", "AVERAGE_POOL_2D") for t in rec["ops"][:n]], bool)
    c8 = np.ceil(np.maximum(np.rint(x[:, 3]), 1) / 8)
    return x, col, kh, kw, pool, c8, _sub_kernels(kh, kw, lambda t: max(4, t))


def stride1_pool_cycles(rec: dict, platform: str, wide: str = "") -> tuple[np.ndarray, np.ndarray]:
    """Candidate PL (issue 22, session 43 addendum 3 [U]): ``[n_ops]`` bool, the MAX_POOL_2D / AVERAGE_POOL_2D with
    stride 1 on both axes, VALID padding, at least :data:`PL_MIN_TAPS` kernel taps and more than one output pixel,
    and ``[n_ops]`` their cycles ``4 Uxy ceil(C / 8) P``, ``P`` the sum over Vela's 8 x 8 sub-kernels of ``max(4,
    taps)`` (74 synthetic probes: within 0.4 % of Vela's compute term at the 90th percentile; the forests price
    whole-axis pools at 1.5-2.5 x). ``wide`` (candidates PL2a / PL2b, session 43 addendum 6): "a", every such pool
    with a stride of at most 3 on both axes, any padding, at least 9 taps and more than one output pixel; "b", the
    same whatever its kernel; both outside rule V's split pools (Xu-Net's 5 x 5 / 2 SAME average pools and Tiny
    Darknet's 2 x 2 / 2 max pools equal the formula within 1 %). Other operators: 0."""
    _npu(platform)
    if wide not in ("", "a", "b"):
        raise ValueError(f"wide must be '', 'a' or 'b', got {wide!r}")
    x, col, kh, kw, pool, c8, p = _pool_terms(rec)
    px = np.rint(x[:, 1]) * np.rint(x[:, 2]) > 1
    if wide:
        from jaxeff.gnn.velamem import split_pools

        m = (pool & px & (np.maximum(col("stride_h"), col("stride_w")) <= 3) & ~split_pools(rec)
             & ((kh * kw >= PL2A_MIN_TAPS) if wide == "a" else True))
    else:
        valid = x[:, _COL["padding"]] == VALID_PADDING
        m = pool & px & valid & (col("stride_h") == 1) & (col("stride_w") == 1) & (kh * kw >= PL_MIN_TAPS)
    return m, np.where(m, 4.0 * _ublocks(x, platform) * c8 * p, 0.0)


#: candidate G1 (issue 22, session 44 [U]; ``docs/evidence/perfsage-cpu-2026-12-08-s44/probe_44.md``): the IFM block
#: bytes Vela 5.2's block choice for a one-pixel pool stays within, and the SRAM bytes per cycle of its first IFM
#: block's fetch (64- / 128-bit)
PIXEL_POOL_BLOCK_CAP = {"u55": 5376, "u65": 11200}
PIXEL_POOL_FETCH_BYTES = {"u55": 8, "u65": 16}
#: candidates AB / AS (issue 22, session 44 [U]): the activations Vela 5.2 runs through a lookup table (their labels were
#: identical on all 378 probe pairs), and the output-stage cycles per written element of the element-wise producers a
#: LUT is folded into with the label landing on the activation (ABS, NEG run as Sub)
LUT_ACTIVATIONS = ("TANH", "LOGISTIC", "HARD_SWISH", "LEAKY_RELU")
LUT_PAIR_AO = {"ABS": {"u55": 0.5, "u65": 0.25}, "NEG": {"u55": 1.5, "u65": 0.75}}


def pixel_pool_cycles(rec: dict, platform: str) -> tuple[np.ndarray, np.ndarray]:
    """Candidate G1 (issue 22, session 44 addendum 1 [U]): ``[n_ops]`` bool, the MAX_POOL_2D / AVERAGE_POOL_2D with
    one output pixel (a whole-map pool), outside rule V's split pools, and ``[n_ops]`` their cycles **CF3** = ``4
    ceil(C/8) P + P D / 8 + 64 + hb wb D / F``: PL's compute term at one output pixel (``P`` the sum over Vela's 8 x 8
    sub-kernels of ``max(4, taps)``), Vela's command term (one pass of ``P`` per 8 channels of its OFM block depth
    ``D``) and the fetch of the first IFM block (``hb x wb`` pixels of ``D`` bytes at ``F`` = 8 / 16 B per cycle,
    :data:`PIXEL_POOL_FETCH_BYTES`). ``hb = min(kh, 8)`` (U55-128) or ``min(2 ceil((kh + 1) / 2), 10)`` (U65-256),
    ``wb = min(2 ceil((kw + 1) / 2), 10)``, ``D = min(8 ceil(C/8), 128, 8 floor(cap / (hb wb) / 8))`` (``cap``
    :data:`PIXEL_POOL_BLOCK_CAP`). 182 synthetic probes per NPU (``probe_44.md``): median |error| 0.32 / 0.33 %, max
    5.9 %; MAX and AVG pools cost the same; the forests price MAX ones at 3.9 / 2.1 x. Other operators: 0."""
    _npu(platform)
    x, _, kh, kw, pool, c8, p = _pool_terms(rec)
    m = pool & (np.rint(x[:, 1]) == 1) & (np.rint(x[:, 2]) == 1)
    if m.any():
        from jaxeff.gnn.velamem import split_pools

        m &= ~split_pools(rec)
    hb = np.minimum(kh, 8) if platform == "u55" else np.minimum(2 * np.ceil((kh + 1) / 2), 10)
    wb = np.minimum(2 * np.ceil((kw + 1) / 2), 10)
    d = np.minimum(np.minimum(8 * c8, 128), 8 * np.floor(PIXEL_POOL_BLOCK_CAP[platform] / (hb * wb) / 8))
    cyc = 4.0 * c8 * p + p * d / 8 + 64 + hb * wb * d / PIXEL_POOL_FETCH_BYTES[platform]
    return m, np.where(m, cyc, 0.0)


def lut_activation_cycles(rec: dict, platform: str, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """Candidates AB / AS (issue 22, session 44 addendum 1 [U]): ``[n_ops]`` bool, the operators these rules price,
    and ``[n_ops]`` their cycles, for the :data:`LUT_ACTIVATIONS` (Vela 5.2 runs them through a lookup table). ``kind``
    contains "b" (AB): a LUT activation whose feature input is an ABS or NEG operator of which it is the only
    consumer; Vela folds the pair into one pass labelled on the activation, so the producer costs 0 and the activation
    ``max(a_p, 1) E_w`` (``a_p`` :data:`LUT_PAIR_AO`; ``E_w = H W 16 ceil(C/16)`` for an intermediate map, ``H W C``
    for a graph output; exact on every probe). It contains "s" (AS): a LUT activation whose feature input is the
    graph input, a CONCATENATION or an operator with two or more consumers, which Vela runs in its own pass of ``16
    Uxy ceil(C/8)`` cycles (1.0 / 0.5 per element on the U55-128 / U65-256; median |error| 0.39 / 0.74 % on maps of
    at least 4,096 elements). The forests price TANH, HARD_SWISH and LEAKY_RELU at 0 everywhere and LOGISTIC at about
    0.7 cycle per element there (``probe_44.md``). Other operators: 0."""
    _npu(platform)
    if not kind or set(kind) - {"b", "s"}:
        raise ValueError(f"kind must be 'b', 's' or 'bs', got {kind!r}")
    from jaxeff.gnn.velamem import _graph, _is_const

    x, n, ops, cons, prods = _graph(rec)
    m, cyc = np.zeros(n, bool), np.zeros(n)
    own = 16.0 * _ublocks(x[:n], platform) * np.ceil(np.maximum(np.rint(x[:n, 3]), 1) / 8)
    for v in range(n):
        if ops[v] not in LUT_ACTIVATIONS:
            continue
        ins = [p for p in prods[v] if not _is_const(x, n, p)]
        if not ins:
            continue
        p = ins[0]
        if "b" in kind and p < n and ops[p] in LUT_PAIR_AO and len(cons[p]) == 1:
            h, w, c = (float(np.rint(x[v, j])) for j in (1, 2, 3))
            e_w = h * w * (c if not cons[v] else 16.0 * math.ceil(c / 16))
            m[p] = m[v] = True
            cyc[p], cyc[v] = 0.0, max(LUT_PAIR_AO[ops[p]][platform], 1.0) * e_w
        elif "s" in kind and (p >= n or ops[p] == "CONCATENATION" or len(cons[p]) >= 2):
            m[v], cyc[v] = True, own[v]
    return m, cyc


def stride1_tconvs(rec: dict) -> np.ndarray:
    """Rule S (issue 22, session 32 addendum 3 [U]): ``[n_ops]`` bool, the
    TRANSPOSE_CONVs with stride 1 on both axes. Vela 5.2 runs them as plain
    convolutions (LSGAN's 3 x 3 ones: 1.0 x the roofline's MAC term, where the stride-2
    transposed convolutions of every training graph cost about 4 x), and their MAC count
    is the convolution's, so :meth:`NNMeter.predict_ops` predicts them with the CONV_2D
    forest (``tconv1``)."""
    n = int(rec["n_ops"])
    x = np.asarray(rec["x"][:n], np.float64)
    return (np.asarray([t == "TRANSPOSE_CONV" for t in rec["ops"][:n]], bool)
            & (x[:, _COL["stride_h"]] == 1) & (x[:, _COL["stride_w"]] == 1))


#: rule T (issue 22, session 36 [U]): elementwise operators whose second input may be a
#: broadcast constant, the smallest OFM H x W and depth at which Vela 5.2 reads that
#: constant once per OFM element on both NPUs (probes of session 36, ``probe_s36.py``:
#: depth 16 or less, one-row or one-column maps, and maps under 32 x 32 on U65 mostly
#: do not), and the bytes it counts per element (a 128-byte burst per 16-byte depth)
BCAST_OPS = ("ADD", "SUB", "MUL", "MAXIMUM", "MINIMUM")
BCAST_MIN_HW = 1024
BCAST_MIN_C = 17
BCAST_BYTES_PER_ELT = 8.0
#: rule U (issue 22, session 36 [U]): Vela 5.2 runs a resize of a one-row (H = 1) map as
#: one average pool at 1.00 cycle per OFM element on both NPUs; a one-column (W = 1) map
#: at 2.00 on U55-128 and 1.00 on U65-256 (probes of session 36)
ROW_RESIZE_CYCLES = {"row": {"u55": 1.0, "u65": 1.0}, "col": {"u55": 2.0, "u65": 1.0}}


def _bcast_operand(x: np.ndarray, n: int, prods: list[list[int]], v: int) -> bool:
    """Whether operator ``v`` has exactly one constant input, of more than one and fewer
    than its output's elements (a constant broadcast over its map; rules T and T')."""
    from jaxeff.gnn.velamem import _is_const

    consts = [i for i in prods[v] if _is_const(x, n, i)]
    return len(consts) == 1 and 1 < float(np.prod(x[consts[0], :4])) < float(
        np.prod(x[v, :4]))


def bcast_const_ops(rec: dict) -> np.ndarray:
    """Rule T (issue 22, session 36 [U]): ``[n_ops]`` bool, the :data:`BCAST_OPS`
    operators with one constant input of more than one and fewer than the output's
    elements (a per-channel scale or shift ``[1, 1, 1, C]`` broadcast over the map, as an
    unfolded batch norm writes it), output H and W at least 2, H x W at least
    :data:`BCAST_MIN_HW` and depth at least :data:`BCAST_MIN_C`. Vela 5.2 reads such a
    constant once per output element from the memory it lives in (flash on U55, DRAM
    on U65), 8 bytes a time (``diag_latency35.md``: FC-DenseNet56's batch norms, 8.0 /
    2.13 cycles per element);
    the forests, trained on such operators only up to 3,072 pixels, predict about 0.9."""
    from jaxeff.gnn.velamem import _graph

    x, n, ops, _, prods = _graph(rec)
    out = np.zeros(n, bool)
    for v, t in enumerate(ops):
        if t in BCAST_OPS and min(x[v, 1], x[v, 2]) >= 2 and (
                x[v, 1] * x[v, 2] >= BCAST_MIN_HW and x[v, 3] >= BCAST_MIN_C):
            out[v] = _bcast_operand(x, n, prods, v)
    return out


def _bcast_candidates(rec: dict, platform: str, c16: bool = False
                      ) -> tuple[np.ndarray, int, list]:
    """Rules T' and T2: the graph's features, its operator count and ``(v, type, H, W,
    C)`` of each :data:`BCAST_OPS` operator with one broadcast constant input (as
    :func:`bcast_const_ops`), H and W at least 2 and a depth that is a multiple of 16
    above 16 (with ``c16``, 16 too); ``ValueError`` for an unknown platform."""
    from jaxeff.gnn.velamem import _graph

    if platform not in WEIGHT_PORT_BYTES_PER_CYCLE:
        raise ValueError(f"platform must be one of {sorted(WEIGHT_PORT_BYTES_PER_CYCLE)}, "
                         f"got {platform!r}")
    x, n, ops, _, prods = _graph(rec)
    out = []
    for v, t in enumerate(ops):
        h, w, c = int(x[v, 1]), int(x[v, 2]), int(x[v, 3])
        if (t in BCAST_OPS and min(h, w) >= 2 and (c >= BCAST_MIN_C or (c16 and c == 16))
                and not c % 16 and _bcast_operand(x, n, prods, v)):
            out.append((v, t, h, w, c))
    return x, n, out


def bcast_table_cycles(rec: dict, platform: str) -> tuple[np.ndarray, np.ndarray]:
    """Rule T' (issue 22, session 36 addendum 5 [U]): ``[n_ops]`` bool, the operators of
    :func:`bcast_const_ops`' kind (one constant input of more than one and fewer than
    the output's elements) with H, W >= 2 and a depth that is a multiple of 16 above 16,
    at any map size; and ``[n_ops]`` their cycles from Vela 5.2 probes of single
    operators (:data:`jaxeff.gnn.bcast_table.TABLE`, cycles per output element by NPU,
    op kind, H = W and C) at the nearest grid point in (log H x W, log C): Vela reads
    the constant once per output element at 128 / (its OFM block depth) bytes, and picks
    deeper blocks on smaller maps (``diag_latency36.md``). MUL reads the MUL table;
    ADD / SUB / MAXIMUM / MINIMUM the ADD table (probed with a fused ReLU). Other
    operators: 0 cycles."""
    from jaxeff.gnn.bcast_table import TABLE

    x, n, cands = _bcast_candidates(rec, platform)
    mask, out = np.zeros(n, bool), np.zeros(n, np.float64)
    for v, t, h, w, c in cands:
        rows = TABLE["MUL" if t == "MUL" else "ADD"]
        d = [math.log(h * w / (hw * hw)) ** 2 + math.log(c / cc) ** 2
             for hw, cc, _, _ in rows]
        cyc = rows[int(np.argmin(d))][2 if platform == "u55" else 3]
        mask[v], out[v] = True, cyc * float(np.prod(x[v, :4]))
    return mask, out


#: rule T2's domain (issue 22, session 37 [U]): the square maps its probe table covers
BCAST_EXACT_MAX_HW = 64


def bcast_exact_cycles(rec: dict, platform: str, c16: bool = False
                       ) -> tuple[np.ndarray, np.ndarray]:
    """Rule T2 (issue 22, session 37 [U]; ``docs/evidence/perfsage-cpu-2026-12-07-s37``):
    ``[n_ops]`` bool, the operators of :func:`bcast_const_ops`' kind (one constant input
    of more than one and fewer than the output's elements) whose output map is square,
    ``2 <= H = W <=`` :data:`BCAST_EXACT_MAX_HW`, with a depth that is a multiple of 16
    above 16 (Vela reads other depths in shorter bursts: 10.7 cycles per element at
    C = 12 or 24 where C = 32 gives 8, session 36's probes); and ``[n_ops]`` their
    cycles, Vela 5.2's probed cycles per output element at the **same** H (:data:`jaxeff.gnn.bcast_table2.TABLE`: every H
    from 2 to 64) and the nearest probed depth in log C (ties: the smaller), times the
    output elements. Vela reads such a constant at 128 / d bytes per output element, d
    its OFM block depth, and its block choice changes at exact map sizes (U55: 8, 15,
    16; U65: 15, 31), which a coarse grid misses (rule T', session 36). MUL reads the
    MUL column; ADD / SUB / MAXIMUM / MINIMUM the larger of the ADD's own elementwise
    term (:data:`jaxeff.gnn.bcast_table2.ADD_NPU`: 1.5 / 0.75 cycles per element, with or
    without a fused RELU; SUB / MAXIMUM / MINIMUM as ADD [U]) and the MUL column. With
    ``c16`` (T2-16, session 37 addendum 5 [U]; recommended since outcome 6, a development
    choice on V30): depth 16 too, from its own probes (:data:`jaxeff.gnn.bcast_table2.TABLE16`,
    MUL and ADD columns): Vela's 16-deep block covers C and reads the constant in full
    bursts. Other operators: 0 cycles."""
    from jaxeff.gnn.bcast_table2 import ADD_NPU, CS, TABLE, TABLE16

    x, n, cands = _bcast_candidates(rec, platform, c16)
    mask, out = np.zeros(n, bool), np.zeros(n, np.float64)
    lc = np.log(np.asarray(CS, np.float64))
    for v, t, h, w, c in cands:
        if h != w or h > BCAST_EXACT_MAX_HW:
            continue
        if c == 16:
            cyc16 = TABLE16[platform]["MUL" if t == "MUL" else "ADD"][h]
            mask[v], out[v] = True, cyc16 * float(np.prod(x[v, :4]))
            continue
        j = int(np.argmin(np.abs(lc - math.log(c))))  # argmin: ties go to the smaller C
        cyc = TABLE[platform][h][j]
        if t != "MUL":
            cyc = max(cyc, ADD_NPU[platform])
        mask[v], out[v] = True, cyc * float(np.prod(x[v, :4]))
    return mask, out


def row_resizes(rec: dict) -> np.ndarray:
    """Rule U (issue 22, session 36 [U]): ``[n_ops]`` the orientation code of each
    RESIZE_BILINEAR / RESIZE_NEAREST_NEIGHBOR whose input and output maps are one row
    (1, H = 1) or one column (2, W = 1, H > 1); 0 for every other operator."""
    from jaxeff.gnn.velamem import _graph, _is_const

    x, n, ops, _, prods = _graph(rec)
    out = np.zeros(n, np.int8)
    for v, t in enumerate(ops):
        if t not in ("RESIZE_BILINEAR", "RESIZE_NEAREST_NEIGHBOR"):
            continue
        src = [i for i in prods[v] if not _is_const(x, n, i)]  # the map, not the size
        if not src:
            continue
        h_in, w_in = x[src[0], 1], x[src[0], 2]
        if x[v, 1] == 1 and h_in == 1:
            out[v] = 1
        elif x[v, 2] == 1 and w_in == 1:
            out[v] = 2
    return out


def _stream_factors(stream: float | dict, ops: Sequence[str]) -> np.ndarray | float:
    """Rule R's factor (a number) or R''s per operator (``{type: ratio, "*": pooled}``),
    checked: finite numbers > 0, ``"*"`` present; else ``ValueError``."""
    if isinstance(stream, dict):
        if "*" not in stream:
            raise ValueError("rule R': stream needs the pooled ratio under '*'")
        vals = {k: float(v) for k, v in stream.items()}
    else:
        vals = {"*": float(stream)}
    if not all(math.isfinite(v) and v > 0 for v in vals.values()):
        raise ValueError(f"rule R: stream must be a finite number > 0, got {stream!r}")
    if not isinstance(stream, dict):
        return vals["*"]
    return np.asarray([vals.get(o, vals["*"]) for o in ops], np.float64)


def roofline(rec: dict, platform: str, lowered: bool = False,
             resize: bool = False, padded: int = 0) -> np.ndarray:
    """``r = max(MACs / P, B_act / W_sram, B_w / W_w, 1)`` cycles per operator."""
    return np.maximum(roof_terms(rec, platform, lowered, resize, padded).max(1), 1.0)


def context_features(rec: dict) -> np.ndarray:
    """Per operator ``[n_ops, 2]``: whether its first operator input is produced by an
    op type of :data:`FUSABLE_PRODUCERS`, and how many operators consume that producer's
    outputs (0, 0 when no operator produces its inputs). Vela fuses an activation into
    its producer when it is the producer's only consumer, so an activation costs 0 after
    a convolution and a full element-wise pass after a shared one (swish's
    ``x * LOGISTIC(x)``): context a per-op forest cannot see from the op's own shape."""
    n = int(rec["n_ops"])
    s, r = np.asarray(rec["senders"]), np.asarray(rec["receivers"])
    ops = np.asarray(s < n) & np.asarray(r < n)
    s, r = s[ops], r[ops]
    fanout = np.bincount(s, minlength=n)
    out = np.zeros((n, N_CONTEXT_FEATURES), np.float64)
    seen = np.zeros(n, bool)
    for a, b in zip(s, r, strict=True):  # edges are in input order per consumer
        if not seen[b]:
            seen[b] = True
            out[b] = (float(rec["ops"][a] in FUSABLE_PRODUCERS), float(fanout[a]))
    return out


def _ratio_parts(rec: dict, platform: str, lowered: bool = False, resize: bool = False,
                 padded: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`ratio_features`, the roofline ``r`` (:func:`roofline`) and whether each
    operator has MACs, computed once."""
    base, t = op_features(rec), roof_terms(rec, platform, lowered, resize, padded)
    r = np.maximum(t.max(1), 1.0)
    feats = np.concatenate([base, np.log(r)[:, None],
                            np.log(np.maximum(t, 1e-3) / r[:, None])], 1)
    return feats, r, base[:, 9] > 0


def ratio_features(rec: dict, platform: str, lowered: bool = False) -> np.ndarray:
    """:func:`op_features` plus ``log r`` and the log of each roofline term over ``r``
    ``[n_ops, 16]`` (the features of ``NNMeter(target="ratio")``)."""
    return _ratio_parts(rec, platform, lowered)[0]


def _mean_leaves(rf: Any, x: np.ndarray, ratio: np.ndarray) -> TreeEnsemble:
    """The fitted forest ``rf`` (split on log ratios) as a :class:`TreeEnsemble` whose
    leaves hold the arithmetic mean of ``ratio`` over the training rows ``x`` that
    reach them (all rows, not a tree's bootstrap sample): ``NNMeter(target=
    "ratio_mean")``, session 20. A leaf no row reaches keeps ``exp`` of its value."""
    te = TreeEnsemble.from_sklearn(rf)
    val, off = te.arrays["value"].copy(), te.arrays["offsets"]
    leaves = rf.apply(x)  # [rows, trees], each tree's own node ids
    for j in range(leaves.shape[1]):
        size = int(off[j + 1] - off[j])
        cnt = np.bincount(leaves[:, j], minlength=size)
        tot = np.bincount(leaves[:, j], weights=ratio, minlength=size)
        is_leaf = te.arrays["left"][off[j]:off[j + 1]] < 0
        seg = val[off[j]:off[j + 1]]
        val[off[j]:off[j + 1]] = np.where(is_leaf, np.where(
            cnt > 0, tot / np.maximum(cnt, 1), np.exp(seg)), 0.0)
    return TreeEnsemble({**te.arrays, "value": val}, te.n_features)


def _check_padded(padded: Any, target: str) -> None:
    """``NNMeter.padded``: 0, or a granule of :data:`PAD_GRANULES` with a ratio target."""
    if isinstance(padded, bool) or padded not in (0, *PAD_GRANULES):
        raise ValueError(f"nn-Meter padded must be 0 or one of {PAD_GRANULES}, got {padded!r}")
    if padded and target not in RATIO_TARGETS:
        raise ValueError("nn-Meter padded roofline needs a ratio target")


@dataclasses.dataclass
class NNMeter:
    """Additive per-op-type random forests (nn-Meter, Zhang et al., MobiSys 2021; fit
    with :meth:`fit`). ``forests`` maps op type -> a fitted scikit-learn forest or,
    after :meth:`from_arrays`, its data-only :class:`jaxeff.gnn.trees.TreeEnsemble`
    (same predictions, bit for bit). ``seed``: the forests' ``random_state``."""

    trees_scale: float = 1.0
    forests: dict = dataclasses.field(default_factory=dict)
    seed: int = 10
    #: "cycles" (nn-Meter: forests on raw per-op cycles) or "ratio" (module doc)
    target: str = "cycles"
    #: "ratio": the platform of the roofline ("u55" / "u65", set by :meth:`fit`) and the
    #: training median ratio for unseen op types, ``{"mac": .., "nomac": ..}``
    platform: str = ""
    fallback: dict = dataclasses.field(default_factory=dict)
    #: "ratio" only: also the fusion context of :func:`context_features` (session 19)
    context: bool = False
    #: the per-op label it was fit on, set by :meth:`fit` from ``op_key``: "in_graph"
    #: (Vela's per-layer cycles, ``<p>_op_cycles``) or "alone" (each kernel compiled
    #: alone, ``<p>_alone_cycles``, :func:`jaxeff.gnn.labels.alone_cycles`; session 21)
    labels: str = "in_graph"
    #: ratio targets only: the roofline counts the MACs Vela executes for dilations
    #: above 2 (:func:`executed_macs_factor`; session 22, rule D)
    lowered: bool = False
    #: with ``lowered``: also a bilinear resize's executed operations in the roofline
    #: (:func:`resize_ops`; session 22, rule E)
    resize_lowered: bool = False
    #: ratio targets only: the roofline counts channel-padded MACs with this input-depth
    #: granule (:func:`padded_macs_factor`; session 28, rule L); 0 = off
    padded: int = 0

    def __post_init__(self) -> None:
        if self.target not in FOREST_TARGETS:
            raise ValueError(f"nn-Meter target must be one of {FOREST_TARGETS}, "
                             f"got {self.target!r}")
        if self.context and self.target != "ratio":
            raise ValueError("nn-Meter context features need target='ratio'")
        if self.lowered and self.target not in RATIO_TARGETS:
            raise ValueError("nn-Meter lowered roofline needs a ratio target")
        if self.resize_lowered and not self.lowered:
            raise ValueError("nn-Meter resize_lowered needs lowered=True")
        _check_padded(self.padded, self.target)

    @property
    def _ratio(self) -> bool:
        return self.target in RATIO_TARGETS

    def _parts(self, rec: dict) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
        """The forest features and, for ``target="ratio"``, the roofline and MAC mask."""
        if not self._ratio:
            return op_features(rec), None, None
        f, roof, mac = _ratio_parts(rec, self.platform, self.lowered, self.resize_lowered,
                                    self.padded)
        if self.context:
            f = np.concatenate([f, context_features(rec)], 1)
        return f, roof, mac

    def fit(self, recs: Sequence[dict], op_key: str) -> NNMeter:
        """``op_key``: per-op label array in each record (e.g. ``u55_op_cycles``; with
        ``target="ratio"`` its prefix names the platform)."""
        from jaxeff._extras import require

        RandomForestRegressor = require(
            "sklearn.ensemble", purpose="the nn-Meter baseline"
        ).RandomForestRegressor

        self.labels = "alone" if op_key.endswith("_alone_cycles") else "in_graph"
        if self._ratio:
            self.platform = op_key.split("_", 1)[0]
            if self.platform not in WEIGHT_PORT_BYTES_PER_CYCLE:
                raise ValueError(f"ratio forests: op_key {op_key!r} names no platform "
                                 f"of {sorted(WEIGHT_PORT_BYTES_PER_CYCLE)}")
        rows: dict[str, tuple[list, list]] = {}
        kinds: dict[str, list] = {"mac": [], "nomac": []}
        for r in recs:
            (f, roof, mac), lab = self._parts(r), np.asarray(r[op_key], np.float64)
            if self._ratio:
                lab = np.log(np.maximum(lab, 1.0) / roof)
                kinds["mac"].extend(lab[mac])
                kinds["nomac"].extend(lab[~mac])
            for t, fi, li in zip(r["ops"], f, lab, strict=True):
                rows.setdefault(t, ([], []))
                rows[t][0].append(fi)
                rows[t][1].append(li)
        for t, (xs, ys) in rows.items():
            depth, n, mf = _KERNEL_RF.get(t, _FALLBACK_RF)
            rf = RandomForestRegressor(
                n_estimators=max(4, int(n * self.trees_scale)),
                max_depth=depth,
                max_features=mf,
                random_state=self.seed,
                n_jobs=1,
            )
            self.forests[t] = rf.fit(np.asarray(xs), np.asarray(ys))
            if self.target == "ratio_mean":
                self.forests[t] = _mean_leaves(rf, np.asarray(xs), np.exp(np.asarray(ys)))
        if self._ratio:
            every = kinds["mac"] + kinds["nomac"]
            self.fallback = {k: float(np.median(v if v else every))
                             for k, v in kinds.items()}
        return self

    def predict_ops(self, rec: dict, weight_hi: np.ndarray | None = None,
                    stride_split: bool = False, stream: float | dict | None = None,
                    tconv1: bool = False, bcast: bool = False,
                    row: bool = False, bcast_table: bool = False,
                    bcast_exact: bool = False, pool_split: bool = False,
                    bcast_c16: bool = False, z_conv: bool = False,
                    z_geometry: str = "", add16: bool = False,
                    conv16: bool = False, row_conv: bool = False,
                    row_conv_w2: bool = False, row_conv_codec: bool = False,
                    split_codec: bool = False, row_odd: bool = False,
                    split_probe: bool = False, row_prelu: bool = False,
                    few_cin: str = "", stride1_pool: bool | str = False,
                    pixel_pool: bool = False, lut_act: str = "") -> np.ndarray:
        """Per-operator predictions ``[n_ops]`` of one record (unseen types: 0 with
        ``target="cycles"``, the roofline times the training median ratio of their
        kind with ``"ratio"``). ``weight_hi`` (ratio targets; rule P, session 31): per
        op category the training split's largest ``log_param_bytes`` (the ``hi`` column
        of :func:`jaxeff.gnn.bounds.node_box`), applying :meth:`weight_regime`.
        ``stride_split`` (ratio targets; rule Q, session 31): a CONV_2D with a stride
        above 3 gets :func:`split_conv_cycles` instead. ``stream`` (with ``weight_hi``;
        rule R, session 32): every operator beyond its type's training weights gets
        ``max(forest at the clipped weights, stream * B_w / W_w)`` instead of rule P
        (``stream``: :meth:`weight_stream_ratio` of the training split; a dict
        ``{op type: ratio, "*": pooled ratio}`` for rule R', session 32 addendum 3).
        ``tconv1`` (rule S, session 32 addendum 3): a TRANSPOSE_CONV with stride 1 on
        both axes, which Vela runs as a plain convolution, is predicted by the CONV_2D
        forest (:meth:`_predict_ops`). ``bcast`` (rule T, session 36): each operator of
        :func:`bcast_const_ops` costs at least :data:`BCAST_BYTES_PER_ELT` x its output
        elements / the constant port's bytes per cycle (:data:`WEIGHT_PORT_BYTES_PER_CYCLE`).
        ``row`` (rule U, session 36): each resize of :func:`row_resizes` costs
        :data:`ROW_RESIZE_CYCLES` x its output elements in place of its forest value.
        ``bcast_table`` (rule T', session 36 addendum 5; after T): each operator of
        :func:`bcast_table_cycles` costs the probe table's cycles in place of its value.
        ``bcast_exact`` (rule T2, session 37; after T): each operator of
        :func:`bcast_exact_cycles` costs the exact-size probe table's cycles in place of
        its value (``bcast_c16``: depth 16 too, candidate T2-16). ``pool_split`` (rule V, session 37 addendum 3): each pool of
        :func:`split_pool_cycles` costs Vela's split into one operation per output pixel.
        ``z_conv`` (rule Z, session 37 addendum 8): each conv of :func:`z_conv_bound`
        costs :data:`Z_KAPPA` x its padded-MAC bound (``z_geometry``: candidates Z1 / Z2,
        :func:`z_conv_kappa`). ``add16`` / ``conv16`` (candidates A16 / R16, session 38
        addendum 7): the operators of :func:`depth16_cycles` cost its cycles. ``row_conv``
        (candidate W1, session 39 addendum 3): the convs of :func:`row_conv_cycles` cost
        its cycles (``row_conv_w2``: candidate W2, session 40 addendum 1, its
        ``stream_kappa=False``; ``row_conv_codec``: candidate W3, session 40 addendum 4, its
        ``codec=True``). ``split_codec`` (candidate Qe, session 42; with ``stride_split``):
        rule Q at Vela's encoded weight bytes (:func:`split_conv_cycles`' ``codec``).
        ``row_odd`` (candidate O2, session 42): each conv of :func:`row_odd_macs` gets
        ``min(v, bV)`` added to its value ``v`` (after every other rule). ``split_probe``
        (candidate Q2, session 42 addendum 2; with ``stride_split``): rule Q's domain at
        :func:`split_conv_cycles2`'s price. ``row_prelu`` (candidate P1, session 42
        addendum 3): the PRELUs of :func:`row_prelu_cycles` cost its cycles. ``few_cin`` ("a" / "b";
        candidates C1a / C1b, session 43): the convs of :func:`few_cin_conv_cycles` cost its cycles (over rule Z's
        price too); ``stride1_pool`` (candidate PL; "a" / "b": PL2a / PL2b): the pools of
        :func:`stride1_pool_cycles` cost its cycles. ``pixel_pool`` (candidate G1, session 44): the one-pixel pools
        of :func:`pixel_pool_cycles` cost its cycles; ``lut_act`` ("b", "s" or "bs"; candidates AB / AS): the
        operators of :func:`lut_activation_cycles` cost its cycles."""
        if (split_codec or split_probe) and not stride_split:
            raise ValueError("candidates Qe / Q2 (split_codec / split_probe) refine rule Q "
                             "(stride_split)")
        if bcast_table and bcast_exact:
            raise ValueError("rules T' (bcast_table) and T2 (bcast_exact) replace the same "
                             "operators: choose one")
        if bcast_c16 and not bcast_exact:
            raise ValueError("candidate T2-16 (bcast_c16) extends rule T2 (bcast_exact)")
        if (row_conv_w2 or row_conv_codec) and not row_conv:
            raise ValueError("candidates W2 / W3 (row_conv_w2 / row_conv_codec) refine "
                             "candidate W1 (row_conv)")
        out = self._predict_ops(rec, tconv1)
        if stream is not None and weight_hi is None:
            raise ValueError("rule R (stream) needs weight_hi, the training weights' range")
        if weight_hi is not None:
            if stream is None:  # rule P
                regime, clipped = self.weight_regime(rec, weight_hi)
                factor = 1.0
            else:  # rule R (one ratio) or R' (per op type)
                factor = _stream_factors(stream, rec["ops"][: int(rec["n_ops"])])
                regime, clipped = self.clip_weights(rec, weight_hi)
            if regime.any():
                w = roof_terms(rec, self.platform, self.lowered, self.resize_lowered,
                               self.padded)[:, 2] * factor
                out[regime] = np.maximum(self._predict_ops(clipped, tconv1)[regime],
                                         w[regime])
        if stride_split:
            if not self._ratio:
                raise ValueError("rule Q (stride_split) needs a ratio forest target")
            split, cycles = (split_conv_cycles2(rec, self.platform) if split_probe
                             else split_conv_cycles(rec, self.platform, split_codec))
            out[split] = cycles[split]
        if pool_split:
            if not self._ratio:
                raise ValueError("rule V (pool_split) needs a ratio forest target")
            split, cycles = split_pool_cycles(rec, self.platform)
            out[split] = cycles[split]
        if z_conv:
            if not self._ratio:
                raise ValueError("rule Z (z_conv) needs a ratio forest target")
            zm, bound = z_conv_bound(rec, self.platform)
            out[zm] = (z_conv_kappa(rec, self.platform, z_geometry) * bound)[zm]
        if add16 or conv16:
            if not self._ratio:
                raise ValueError("candidates A16 / R16 need a ratio forest target")
            dm, dc = depth16_cycles(rec, self.platform, add16, conv16)
            out[dm] = dc[dm]
        if row_conv:
            if not self._ratio:
                raise ValueError("candidate W1 (row_conv) needs a ratio forest target")
            wm, wc = row_conv_cycles(rec, self.platform, not row_conv_w2, row_conv_codec)
            out[wm] = wc[wm]
        if bcast or row or bcast_table or bcast_exact:
            if not self._ratio or self.platform not in WEIGHT_PORT_BYTES_PER_CYCLE:
                raise ValueError("rules T / T' / U (bcast, row) need a ratio forest target on "
                                 f"{sorted(WEIGHT_PORT_BYTES_PER_CYCLE)}")
            n = int(rec["n_ops"])
            elts = np.prod(np.asarray(rec["x"][:n], np.float64)[:, :4], axis=1)
        if bcast:
            m = bcast_const_ops(rec)
            floor = BCAST_BYTES_PER_ELT * elts / WEIGHT_PORT_BYTES_PER_CYCLE[self.platform]
            out[m] = np.maximum(out[m], floor[m])
        if bcast_table:
            m, cyc = bcast_table_cycles(rec, self.platform)
            out[m] = cyc[m]
        if bcast_exact:
            m, cyc = bcast_exact_cycles(rec, self.platform, bcast_c16)
            out[m] = cyc[m]
        if row:
            code = row_resizes(rec)
            for k, kind in ((1, "row"), (2, "col")):
                out[code == k] = ROW_RESIZE_CYCLES[kind][self.platform] * elts[code == k]
        if row_prelu:
            if not self._ratio:
                raise ValueError("candidate P1 (row_prelu) needs a ratio forest target")
            pm, pc = row_prelu_cycles(rec, self.platform)
            out[pm] = pc[pm]
        if few_cin or stride1_pool:
            if not self._ratio:
                raise ValueError("candidates C1 / PL need a ratio forest target")
            if few_cin not in ("", "a", "b"):
                raise ValueError(f"few_cin must be '', 'a' or 'b', got {few_cin!r}")
        if few_cin:
            cm, cc = few_cin_conv_cycles(rec, self.platform, wide=few_cin == "b")
            out[cm] = cc[cm]
        if stride1_pool:
            pm, pc = stride1_pool_cycles(rec, self.platform, "" if stride1_pool is True else stride1_pool)
            out[pm] = pc[pm]
        if pixel_pool or lut_act:
            if not self._ratio:
                raise ValueError("candidates G1 / AB / AS need a ratio forest target")
        if pixel_pool:
            gm, gc = pixel_pool_cycles(rec, self.platform)
            out[gm] = gc[gm]
        if lut_act:
            am, ac = lut_activation_cycles(rec, self.platform, lut_act)
            out[am] = ac[am]
        if row_odd:
            if not self._ratio:
                raise ValueError("candidate O2 (row_odd) needs a ratio forest target")
            om, bv = row_odd_macs(rec, self.platform)
            out[om] = out[om] + np.minimum(out[om], bv[om])
        return out

    def weight_regime(self, rec: dict, weight_hi: np.ndarray) -> tuple[np.ndarray, dict]:
        """Rule P (issue 22, session 31 [U]): ``[n_ops]`` bool, the operators whose
        weight bytes exceed the largest of their op category in training
        (``weight_hi``, log1p bytes per category) and whose roofline is not dominated by
        its weight term once the weights are clipped to that largest value (a weight
        regime the type never showed in training); and ``rec`` with those weights
        clipped. :meth:`predict_ops` gives them ``max(forest at the clipped size,
        B_w / W_w)`` cycles: Vela streams weights by DMA beside the MAC work, so an
        operator costs about the larger of the two, while the forest's ratio is its
        type's compute-side efficiency (a DCGAN TRANSPOSE_CONV with 13.1 M weights: 4 x
        the weight term predicted, 0.88 x measured on U55)."""
        over, clipped = self.clip_weights(rec, weight_hi)
        t = roof_terms(clipped, self.platform, self.lowered, self.resize_lowered,
                       self.padded)
        return over & (t[:, 2] < t[:, :2].max(1)), clipped

    def clip_weights(self, rec: dict, weight_hi: np.ndarray) -> tuple[np.ndarray, dict]:
        """``[n_ops]`` bool, the operators whose weight bytes exceed the largest of their
        op category in training (``weight_hi``); and ``rec`` with those weights clipped
        to it (rules P and R)."""
        if not self._ratio:
            raise ValueError("rule P / R (weight_hi) needs a ratio forest target")
        from jaxeff.gnn.graph import NUM_CATEGORIES

        hi = np.asarray(weight_hi, np.float32)
        if hi.shape != (NUM_CATEGORIES + 1,):
            raise ValueError(f"weight_hi must be [{NUM_CATEGORIES + 1}] (one per op "
                             f"category), got shape {hi.shape}")
        n, col = int(rec["n_ops"]), _COL["log_param_bytes"]
        x = np.array(rec["x"], np.float32)
        top = hi[np.clip(np.asarray(rec["cat"])[:n], 0, NUM_CATEGORIES)]
        with np.errstate(invalid="ignore"):  # NaN: a category training never had
            over = x[:n, col] > top
        x[np.flatnonzero(over), col] = top[over]
        return over, {**rec, "x": x}

    def weight_stream_ratio(self, recs: Sequence[dict], op_key: str,
                            top: float = 0.1, min_ops: int | None = None
                            ) -> float | dict[str, float]:
        """Rule R's ``stream`` (issue 22, session 32 [U]): the median, over the operators
        of ``recs`` (the training split) whose weight term ``B_w / W_w`` exceeds both
        other roofline terms of :func:`roof_terms` (this forest's roofline) and lies in
        the top ``top`` share of such operators' weight terms, of their cycles
        (``op_key``, e.g. ``u55_op_cycles``) over that term. Vela streams the weights
        of such an operator by DMA, compressed: 0.87-0.97 on rule O's training graphs
        (``docs/evidence/perfsage-cpu-2026-12-06-s32/diag_wbound.md``). With ``min_ops``
        (rule R', session 32 addendum 3 [U]): a dict, per op type with at least
        ``min_ops`` such operators the same median over the top ``top`` of that type's
        own, and under ``"*"`` the pooled ratio for every other type. ``ValueError``
        without a ratio target, for another platform's key, or with no such operator."""
        if not self._ratio:
            raise ValueError("rule R (weight_stream_ratio) needs a ratio forest target")
        if op_key.split("_", 1)[0] != self.platform:
            raise ValueError(f"op_key {op_key!r} is not this forest's platform "
                             f"{self.platform!r}")
        if not 0 < top <= 1:
            raise ValueError(f"top must be in (0, 1], got {top}")
        terms, ratios, types = [], [], []
        for r in recs:
            t = roof_terms(r, self.platform, self.lowered, self.resize_lowered, self.padded)
            c = np.asarray(r[op_key], np.float64)
            dom = np.flatnonzero((t[:, 2] > t[:, :2].max(1)) & (c > 0))
            terms.extend(t[dom, 2])
            ratios.extend(c[dom] / t[dom, 2])
            types.extend(r["ops"][i] for i in dom)
        if not terms:
            raise ValueError("rule R: no weight-dominated operator with cycles in recs")
        terms, ratios, types = np.asarray(terms), np.asarray(ratios), np.asarray(types)

        def top_median(keep: np.ndarray) -> float:
            tk, rk = terms[keep], ratios[keep]
            return float(np.median(rk[tk >= np.quantile(tk, 1.0 - top)]))

        pooled = top_median(np.ones(len(terms), bool))
        if min_ops is None:
            return pooled
        if min_ops < 1:
            raise ValueError(f"min_ops must be >= 1, got {min_ops}")
        kinds, counts = np.unique(types, return_counts=True)
        return {"*": pooled, **{str(k): top_median(types == k)
                                for k, n in zip(kinds, counts, strict=True) if n >= min_ops}}

    def _predict_ops(self, rec: dict, tconv1: bool = False) -> np.ndarray:
        """:meth:`predict_ops` without rules P / R / Q; ``tconv1``: rule S (stride-1
        TRANSPOSE_CONVs by the CONV_2D forest, :func:`stride1_tconvs`)."""
        (f, roof, mac), out = self._parts(rec), np.zeros(rec["n_ops"], np.float64)
        kinds = list(rec["ops"])
        if tconv1:
            for i in np.flatnonzero(stride1_tconvs(rec)):
                kinds[i] = "CONV_2D"
        for t in set(kinds):
            if t in self.forests:
                idx = [i for i, o in enumerate(kinds) if o == t]
                out[idx] = self.forests[t].predict(f[idx])
        if self._ratio:
            seen = np.asarray([o in self.forests for o in kinds], bool)
            guess = np.exp(np.where(mac, self.fallback["mac"], self.fallback["nomac"]))
            # "ratio": the trees average log ratios; "ratio_mean": the ratios themselves
            out = roof * np.where(seen, out if self.target == "ratio_mean" else np.exp(out),
                                  guess)
        return out

    def predict(self, recs: Sequence[dict]) -> np.ndarray:
        """Sum over ops of :meth:`predict_ops`."""
        return np.asarray([float(self.predict_ops(r).sum()) for r in recs])

    def to_arrays(self) -> tuple[dict[str, np.ndarray], dict]:
        """Data-only form: arrays ``{"<op type>/<name>": ndarray}`` (the
        :data:`jaxeff.gnn.trees.ARRAYS` of each forest) and JSON-able meta."""
        arrays: dict[str, np.ndarray] = {}
        for t, f in sorted(self.forests.items()):
            if "/" in t:
                raise ValueError(f"op type {t!r} contains '/'")
            te = f if isinstance(f, TreeEnsemble) else TreeEnsemble.from_sklearn(f)
            arrays.update({f"{t}/{k}": v for k, v in te.arrays.items()})
        meta = {"ops": sorted(self.forests), "trees_scale": float(self.trees_scale),
                "seed": int(self.seed), "n_features": self.n_features}
        if self.target != "cycles":  # files of the cycle forests stay as they were
            meta.update(target=self.target, platform=self.platform,
                        fallback=dict(self.fallback))
        if self.context:  # and those of the context-free ratio forests
            meta["context"] = True
        if self.labels != "in_graph":  # and those fit on in-graph cycles
            meta["labels"] = self.labels
        if self.lowered:  # and those with the plain roofline
            meta["lowered"] = True
        if self.resize_lowered:
            meta["resize_lowered"] = True
        if self.padded:  # and those with unpadded MACs
            meta["padded"] = int(self.padded)
        return arrays, meta

    @property
    def n_features(self) -> int:
        if not self._ratio:
            return N_OP_FEATURES
        return N_RATIO_FEATURES + N_CONTEXT_FEATURES * self.context

    @staticmethod
    def from_arrays(arrays: dict[str, np.ndarray], meta: dict) -> NNMeter:
        """Inverse of :meth:`to_arrays` for untrusted data: ``ValueError`` naming the
        op type and the problem (see :meth:`TreeEnsemble.from_arrays`)."""
        if not isinstance(meta, dict):
            raise ValueError(f"nn-Meter meta must be a dict, got {type(meta).__name__}")
        ops = meta.get("ops")
        if (not isinstance(ops, list) or len(set(ops)) != len(ops)
                or not all(isinstance(t, str) and t and "/" not in t for t in ops)):
            raise ValueError(f"nn-Meter ops must be distinct op-type names: {ops!r}")
        target = meta.get("target", "cycles")
        if target not in FOREST_TARGETS:
            raise ValueError(f"nn-Meter target must be one of {FOREST_TARGETS}, "
                             f"got {target!r}")
        context = meta.get("context", False)
        if not isinstance(context, bool) or (context and target != "ratio"):
            raise ValueError(f"nn-Meter context must be a bool (ratio target only), "
                             f"got {context!r}")
        labels = meta.get("labels", "in_graph")
        if labels not in FOREST_LABELS:
            raise ValueError(f"nn-Meter labels must be one of {FOREST_LABELS}, got {labels!r}")
        lowered = meta.get("lowered", False)
        if not isinstance(lowered, bool) or (lowered and target not in RATIO_TARGETS):
            raise ValueError(f"nn-Meter lowered must be a bool (ratio targets only), "
                             f"got {lowered!r}")
        resize_lowered = meta.get("resize_lowered", False)
        if not isinstance(resize_lowered, bool) or (resize_lowered and not lowered):
            raise ValueError(f"nn-Meter resize_lowered must be a bool (with lowered), "
                             f"got {resize_lowered!r}")
        padded = meta.get("padded", 0)
        _check_padded(padded, target)
        nf = (N_RATIO_FEATURES + N_CONTEXT_FEATURES * context if target in RATIO_TARGETS
              else N_OP_FEATURES)
        if meta.get("n_features") != nf:
            raise ValueError(f"nn-Meter n_features must be {nf} for target {target!r}")
        platform, fallback = "", {}
        if target in RATIO_TARGETS:
            platform, fallback = meta.get("platform"), meta.get("fallback")
            if platform not in WEIGHT_PORT_BYTES_PER_CYCLE:
                raise ValueError(f"nn-Meter platform must be one of "
                                 f"{sorted(WEIGHT_PORT_BYTES_PER_CYCLE)}, got {platform!r}")
            if (not isinstance(fallback, dict) or set(fallback) != {"mac", "nomac"}
                    or not all(isinstance(v, int | float) and not isinstance(v, bool)
                               and math.isfinite(v) for v in fallback.values())):
                raise ValueError("nn-Meter fallback must be {'mac': x, 'nomac': y} of "
                                 f"finite numbers, got {fallback!r}")
        seed, scale = meta.get("seed"), meta.get("trees_scale")
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise ValueError(f"nn-Meter seed must be an int, got {seed!r}")
        if isinstance(scale, bool) or not isinstance(scale, int | float):
            raise ValueError(f"nn-Meter trees_scale must be a number, got {scale!r}")
        want = {f"{t}/{k}" for t in ops for k in TREE_ARRAYS}
        if set(arrays) != want:
            raise ValueError(f"nn-Meter arrays {sorted(set(arrays) ^ want)[:4]} "
                             "missing or unexpected")
        forests = {}
        for t in ops:
            part = {k.split("/", 1)[1]: v for k, v in arrays.items()
                    if k.split("/", 1)[0] == t}
            try:
                forests[t] = TreeEnsemble.from_arrays(part, nf)
            except ValueError as e:
                raise ValueError(f"nn-Meter forest {t!r}: {e}") from None
        return NNMeter(trees_scale=float(scale), forests=forests, seed=seed, target=target,
                       platform=platform, fallback={k: float(v) for k, v in fallback.items()},
                       context=context, labels=labels, lowered=lowered,
                       resize_lowered=resize_lowered, padded=padded)


# ---------------------------------------------------------------------- BRP-NAS
def gcn_inputs(
    recs: Sequence[dict], vocab: dict[int, int], n_max: int
) -> tuple[np.ndarray, np.ndarray]:
    """Dense BRP-NAS inputs: one-hot ``[B, n_max, V+1]`` (last = global) and
    adjacency ``[B, n_max, n_max]`` (A[i, j] = 1 for edge i -> j, self loops,
    global row 0 -> every node; node 0 is the global node)."""
    v = len(vocab) + 1
    feats = np.zeros((len(recs), n_max, v), np.float32)
    adj = np.zeros((len(recs), n_max, n_max), np.float32)
    for b, r in enumerate(recs):
        n = len(r["cat"]) + 1
        if n > n_max:
            raise ValueError(f"graph with {n} nodes > n_max {n_max}")
        feats[b, 0, v - 1] = 1
        for i, c in enumerate(r["cat"]):
            feats[b, i + 1, vocab.get(int(c), 0)] = 1
        adj[b, np.arange(n), np.arange(n)] = 1
        adj[b, 0, :n] = 1
        adj[b, np.asarray(r["senders"]) + 1, np.asarray(r["receivers"]) + 1] = 1
    return feats, adj


class BRPGCN(nn.Module):
    """BRP-NAS GCN: 4 x (A H W + b -> LayerNorm -> ReLU), readout at node 0."""

    layers: int = 4
    hidden: int = 600

    @nn.compact
    def __call__(self, feats: jax.Array, adj: jax.Array) -> jax.Array:
        h = feats
        for i in range(self.layers):
            fan = self.hidden
            init = nn.initializers.uniform(2 / np.sqrt(fan))
            lin = nn.Dense(
                self.hidden,
                kernel_init=lambda k, s, d=jnp.float32, i=init, f=fan: (
                    i(k, s, d) - 1 / np.sqrt(f)
                ),
                name=f"gc{i}",
            )
            h = jax.nn.relu(nn.LayerNorm(name=f"ln{i}")(adj @ lin(h)))
        return nn.Dense(1, name="out")(h[:, 0])[:, 0]


def fit_brp_gcn(
    train: Sequence[dict],
    y: np.ndarray,
    *,
    epochs: int = 60,
    batch: int = 64,
    hidden: int = 600,
    seed: int = 0,
):
    """Train the BRP-NAS GCN on one target; returns predict(recs)."""
    cats = sorted({int(c) for r in train for c in r["cat"]})
    vocab = {c: i for i, c in enumerate(cats)}
    n_max = max(len(r["cat"]) for r in train) + 1
    n_max = max(n_max, 202)
    scale = float(np.mean(y))
    model = BRPGCN(hidden=hidden)
    f, a = gcn_inputs(train, vocab, n_max)
    yt = np.asarray(y, np.float32) / scale
    params = model.init(jax.random.key(seed), f[:1], a[:1])
    tx = optax.adamw(4e-4, weight_decay=5e-4)
    opt = tx.init(params)

    @jax.jit
    def step(p, o, fb, ab, yb):
        def loss_fn(p):
            return jnp.sum(jnp.abs(model.apply(p, fb, ab) - yb))

        loss, g = jax.value_and_grad(loss_fn)(p)
        u, o = tx.update(g, o, p)
        return optax.apply_updates(p, u), o, loss

    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        idx = rng.permutation(len(train))
        for i in range(0, len(idx) - batch + 1 if len(idx) >= batch else 1, batch):
            j = idx[i : i + batch]
            params, opt, _ = step(params, opt, f[j], a[j], yt[j])
    apply = jax.jit(model.apply)

    def predict(recs: Sequence[dict]) -> np.ndarray:
        out = []
        for i in range(0, len(recs), batch):
            fb, ab = gcn_inputs(recs[i : i + batch], vocab, n_max)
            out.append(np.asarray(apply(params, fb, ab)) * scale)
        return np.concatenate(out)

    return predict
