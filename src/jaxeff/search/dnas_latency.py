"""MicroNets' latency proxy: is whole-model latency linear in ops over a search space?

"MicroNets: Neural Network Architectures for Deploying TinyML Applications on
Commodity Microcontrollers" (Banbury et al., MLSys 2021, arXiv 2010.11267, Sec. 3):
over networks sampled from one backbone, MCU latency is linear in ops (1 MAC = 2
ops), r^2 0.95-0.99 per backbone and MCU, which justifies ops as the DNAS latency
cost; per layer it is not (depthwise convs are slower per op, CMSIS-NN convs are
faster with channel counts divisible by 4). Spec ``micronets_ran.md`` A1, A5 item 2.

Here the targets are Vela's Ethos-U cycle estimates and LiteRT host latency (spec
A0), not the paper's Cortex-M MCUs:

* :func:`cifar10_space`: a CIFAR-10 DS-CNN backbone [Choice] (the paper does not
  publish its CIFAR-10 backbone); :func:`jaxeff.search.dnas.kws_space` is the KWS one;
* :func:`random_variables`: He-initialized weights for a spec (latency depends on
  shapes; weights only change Vela's weight compression);
* :func:`measure_network`: full-int8 export (the MicroNets exporter, calibrated on
  N(0, 1) inputs), Vela cycles and per-layer estimates per target, LiteRT
  single-thread median latency;
* :func:`layer_probe`: a one-layer network (dense / depthwise / pointwise conv) for
  per-layer counter-examples;
* :func:`linear_fit`: least-squares slope, intercept and r^2; :func:`least_squares`
  with several features (e.g. the :func:`ops_split` by layer kind).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import numpy as np

from jaxeff.nets.micronets import MicroNetSpec, cost_summary, layer_costs
from jaxeff.search.dnas import SearchSpace

__all__ = ["TARGETS", "cifar10_space", "layer_probe", "least_squares", "linear_fit",
           "litert_latency", "measure_network", "ops_split", "random_variables",
           "sample_specs", "spec_from_record"]

#: (key, Vela accelerator config, Vela system config); spec A0.
TARGETS: tuple[tuple[str, str, str], ...] = (
    ("u55", "ethos-u55-128", "Ethos_U55_High_End_Embedded"),
    ("u65", "ethos-u65-256", "Ethos_U65_High_End"),
)


def cifar10_space(max_width: int = 64) -> SearchSpace:
    """CIFAR-10 backbone [Choice]: 32x32x3 input, 3x3 stem, DS blocks
    ``w, 2w/2, 2w, 4w/2, 4w`` (``/2``: stride 2), an identity skip on each stride-1
    block whose width equals its input's; widths in multiples of 4 from 4."""
    w = max_width
    blocks = ((w, 1), (2 * w, 2), (2 * w, 1), (4 * w, 2), (4 * w, 1))
    base = MicroNetSpec(input_hw=(32, 32), stem_kernel=(3, 3), stem_channels=w,
                        blocks=blocks, num_classes=10, in_channels=3)
    return SearchSpace(base=base, skippable=(True, False, True, False, True))


def random_variables(spec: MicroNetSpec, rng: np.random.Generator) -> dict[str, Any]:
    """He-normal conv / FC kernels (Flax layouts) and N(0, 0.1^2) biases for the
    deployed (BN-free) :class:`~jaxeff.nets.micronets.MicroNet` of ``spec``."""

    def layer(shape: tuple[int, ...], fan_in: int) -> dict[str, np.ndarray]:
        k = rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)
        return {"kernel": k.astype(np.float32),
                "bias": (0.1 * rng.standard_normal(shape[-1])).astype(np.float32)}

    kh, kw = spec.stem_kernel
    cin = spec.stem_channels
    p = {"stem": layer((kh, kw, spec.in_channels, cin), kh * kw * spec.in_channels)}
    for i, (c, _) in enumerate(spec.blocks):
        p[f"block{i}_dw"] = layer((3, 3, 1, cin), 9)
        p[f"block{i}_pw"] = layer((1, 1, cin, c), cin)
        cin = c
    p["fc"] = layer((cin, spec.num_classes), cin)
    return {"params": p}


def _vela(buf: bytes, targets: Sequence[tuple[str, str, str]]) -> dict[str, Any]:
    from jaxeff.tflite import vela

    out: dict[str, Any] = {}
    for key, acc, sys_cfg in targets:
        r = vela.compile_model(buf, accelerator_config=acc, system_config=sys_cfg)
        out[f"{key}_cycles"] = r.cycles
        out[f"{key}_cpu_ops"] = r.cpu_ops
        out[f"{key}_layers"] = [[v.original_op, v.cycles, v.macs] for v in r.layers
                                if v.target == "NPU"]
    return out


def _litert_ms(buf: bytes, runs: int, warmup: int) -> dict[str, float]:
    from jaxeff.tflite import litert

    t = litert.time_model(buf, runs=runs, warmup=warmup, num_threads=1)
    return {"litert_ms": t.median_ms, "litert_iqr_ms": t.iqr_ms}


def _export(spec: MicroNetSpec, seed: int, calib_samples: int) -> bytes:
    from jaxeff.nets.micronets_export import export_int8

    rng = np.random.default_rng(seed)
    v = random_variables(spec, rng)
    calib = rng.standard_normal((calib_samples, *spec.input_hw, spec.in_channels))
    return export_int8(spec, v, calib.astype(np.float32))


def litert_latency(spec: MicroNetSpec, *, seed: int = 0, calib_samples: int = 4,
                   litert_runs: int = 30) -> dict[str, float]:
    """LiteRT timing alone of the model :func:`measure_network` exports for the
    same arguments (the export is deterministic): a retest of its latency."""
    return _litert_ms(_export(spec, seed, calib_samples), litert_runs, 5)


def measure_network(spec: MicroNetSpec, *, seed: int = 0, calib_samples: int = 4,
                    litert_runs: int = 30, litert_warmup: int = 5,
                    targets: Sequence[tuple[str, str, str]] = TARGETS,
                    ) -> tuple[dict[str, Any], bytes]:
    """Export ``spec`` with random weights to full int8 and measure it.

    Returns ``(record, tflite bytes)``; the record holds the exact costs (``ops``
    in the paper convention, ``params``, ``wm``), ``tflite_bytes``, per target
    ``{key}_cycles`` / ``{key}_cpu_ops`` / ``{key}_layers`` (NPU rows ``[op,
    cycles, macs]`` of Vela's per-layer estimates) and LiteRT ``litert_ms`` (median
    of ``litert_runs`` single-thread invokes) and ``litert_iqr_ms``.
    """
    if calib_samples < 1 or litert_runs < 1:
        raise ValueError(f"calib_samples and litert_runs must be >= 1, got "
                         f"{calib_samples}, {litert_runs}")
    buf = _export(spec, seed, calib_samples)
    c = cost_summary(spec)
    rec = {"ops": float(c["ops"]), "params": int(c["params"]), "wm": int(c["wm"]),
           "tflite_bytes": len(buf), "stem": spec.stem_channels,
           "blocks": [list(b) for b in spec.blocks]}
    rec |= _vela(buf, targets)
    rec |= _litert_ms(buf, litert_runs, litert_warmup)
    return rec, buf


def layer_probe(kind: str, cin: int, cout: int, hw: tuple[int, int] = (25, 5), *,
                seed: int = 0, litert_runs: int = 30,
                targets: Sequence[tuple[str, str, str]] = TARGETS) -> dict[str, Any]:
    """One int8 layer on a ``[1, H, W, cin]`` input, stride 1, 'same', ReLU:
    ``kind`` = ``"conv3x3"`` (dense), ``"dw3x3"`` (depthwise; needs cout = cin) or
    ``"pw"`` (1x1). Returns its ops (2 MACs), Vela per-target cycles of that layer
    and LiteRT latency of the one-layer model."""
    from jaxeff.gnn.build import NetBuilder
    from jaxeff.gnn.int8 import calibrate, quantize_int8
    from jaxeff.tflite.writer import write_tflite

    if kind not in ("conv3x3", "dw3x3", "pw"):
        raise ValueError(f"kind must be conv3x3, dw3x3 or pw, got {kind!r}")
    if kind == "dw3x3" and cout != cin:
        raise ValueError(f"a depthwise probe needs cout == cin, got {cin} -> {cout}")
    nb = NetBuilder(np.random.default_rng(seed))
    x = nb.input((1, *hw, cin))
    if kind == "dw3x3":
        y, macs = nb.dwconv(x, 3, 1, act="RELU"), 9 * cin
    else:
        k = 3 if kind == "conv3x3" else 1
        y, macs = nb.conv(x, cout, k, 1, act="RELU"), k * k * cin * cout
    g = nb.finish([y])
    buf = write_tflite(quantize_int8(g, calibrate(g, seed=seed, samples=2)))
    rec: dict[str, Any] = {"kind": kind, "cin": cin, "cout": cout, "hw": list(hw),
                           "ops": 2 * hw[0] * hw[1] * macs}
    for key, layers in ((k, v) for k, v in _vela(buf, targets).items()
                        if k.endswith("_layers")):
        rec[f"{key[:-7]}_cycles"] = int(sum(c for _, c, _ in layers))
    return rec | _litert_ms(buf, litert_runs, 5)


def linear_fit(x: Sequence[float], y: Sequence[float]) -> dict[str, float]:
    """Least squares ``y = slope x + intercept`` and ``r2 = 1 - SS_res / SS_tot``."""
    x, y = np.asarray(x, np.float64), np.asarray(y, np.float64)
    if x.shape != y.shape or x.ndim != 1 or len(x) < 3:
        raise ValueError(f"x and y must be 1-D of equal length >= 3, got {x.shape}, "
                         f"{y.shape}")
    f = least_squares(x[:, None], y)
    return {"slope": f["coef"][0], "intercept": f["intercept"], "r2": f["r2"],
            "n": len(x)}


def least_squares(x: np.ndarray, y: Sequence[float]) -> dict[str, Any]:
    """``y ~ x @ coef + intercept`` for features ``x`` [N, F]: ``coef``,
    ``intercept`` and ``r2``."""
    x, y = np.asarray(x, np.float64), np.asarray(y, np.float64)
    if x.ndim != 2 or len(x) != len(y) or len(x) <= x.shape[1] + 1:
        raise ValueError(f"x must be [N, F] with N = len(y) > F + 1, got {x.shape}, "
                         f"{y.shape}")
    a = np.concatenate([x, np.ones((len(x), 1))], axis=1)
    sol = np.linalg.lstsq(a, y, rcond=None)[0]
    res, tot = y - a @ sol, ((y - y.mean()) ** 2).sum()
    return {"coef": sol[:-1].tolist(), "intercept": float(sol[-1]),
            "r2": 1.0 - float((res ** 2).sum() / tot) if tot > 0 else float("nan")}


def ops_split(spec: MicroNetSpec) -> dict[str, float]:
    """The paper-convention ops of ``spec`` split by layer kind: ``stem`` (the first
    conv), ``depthwise`` (the DS blocks' 3x3 depthwise convs) and ``pointwise``
    (the 1x1 convs and the FC)."""
    layers = layer_costs(spec)
    dw = float(sum(x["ops"] for x in layers if x["name"].endswith("/dw")))
    stem = float(layers[0]["ops"])
    return {"stem": stem, "depthwise": dw,
            "pointwise": float(sum(x["ops"] for x in layers)) - dw - stem}


def sample_specs(space: SearchSpace, n: int, seed: int) -> list[MicroNetSpec]:
    """``n`` uniform samples of ``space`` (every width option and skip equally
    likely, :func:`~jaxeff.search.dnas_budget.random_spec` without budgets)."""
    from jaxeff.search.dnas_budget import random_spec

    rng = np.random.default_rng(seed)
    return [random_spec(rng, space, {}) for _ in range(n)]


def spec_from_record(space: SearchSpace, rec: dict[str, Any]) -> MicroNetSpec:
    """The spec a record of :func:`measure_network` describes."""
    return dataclasses.replace(space.base, stem_channels=rec["stem"],
                               blocks=tuple(map(tuple, rec["blocks"])))
