"""Issue 22: ``python -m experiments.perfsage predict`` on graphs with unseen ops and
absurd sizes gives bounded numbers with an out-of-distribution flag."""

import math

import jax
import numpy as np

from experiments import perfsage
from jaxeff.gnn.bounds import OodStats
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.fit import FitConfig, Predictor, Scaler, batches, graph_of
from jaxeff.gnn.perfsage import PerfSAGE
from jaxeff.gnn.realeval import record_of
from jaxeff.tflite import save_tflite

TARGETS = ("u55_latency_ms", "u65_latency_ms", "u55_sram_kib", "u65_sram_kib")


def _model(path, hw, custom):
    b = NetBuilder(np.random.default_rng(0))
    y = b.conv(b.input((1, hw, hw, 3)), 64, 3, 2)
    if custom:
        y = b._op("CUSTOM:TFLite_Detection_PostProcess", [y], b.shape(y))
    save_tflite(b.finish([b.fc(b.mean(y, (1, 2), False), 10)]), path)
    return record_of(path)


def test_predict_cli_bounds_unseen_op_and_absurd_size(tmp_path, capsys):
    rec = _model(tmp_path / "train.tflite", 32, False)
    rec["labels"] = dict.fromkeys(TARGETS, 1.0)
    cfg = FitConfig(hidden=8, readout="additive", unknown_rate=0.05)
    scaler = Scaler.fit([rec["x"]])
    model = PerfSAGE(num_targets=len(TARGETS), hidden=8, readout="additive")
    g = batches([graph_of(rec, scaler, None, cfg.direction)], cfg.batch_size, None)[0]
    params = jax.jit(model.init)(jax.random.key(0), g)["params"]
    params["head"]["bias"] = params["head"]["bias"] + 80.0  # raw output ~ e^80
    path = Predictor(params, scaler, TARGETS, cfg, ood=OodStats.fit([rec], TARGETS)).save(
        tmp_path / "p.npz")
    # an unseen CUSTOM op on a 20000 x 20000 input (a 3.2e11-MAC convolution)
    _model(tmp_path / "absurd.tflite", 20000, True)
    out = perfsage.main(["predict", str(tmp_path / "absurd.tflite"), "--predictor",
                         str(path)])
    a = out["_assessment"]
    assert a["ood"] and a["unseen_ops"] == ["CUSTOM:TFLite_Detection_PostProcess"]
    assert a["score"] > 1
    for t in TARGETS:
        assert math.isfinite(out[t]) and a["lower"][t] <= out[t] <= a["upper"][t]
        assert a["clamped"][t]  # e^80 is far above every upper bound
    printed = capsys.readouterr().out
    assert "(clamped)" in printed and "out-of-distribution: YES" in printed
    assert "CUSTOM:TFLite_Detection_PostProcess" in printed
    # the upper bound is physical: 64 x MACs at 128 MAC/cycle, 500 MHz, and more
    macs = 10000 * 10000 * 64 * 9 * 3
    assert a["upper"]["u55_latency_ms"] > 64 * macs / 128 / 500e6 * 1e3
