"""Issue 22, session 9: extra node inputs (``FitConfig.node_inputs``): per-node
roofline times, and our stacked variant on a per-op predictor's node times."""

import math
import zipfile

import numpy as np
import pytest
from gnn_graphs import space_records, spec_graph

from jaxeff.gnn.baselines import NNMeter
from jaxeff.gnn.bounds import node_prior
from jaxeff.gnn.fit import (
    FEATURE_SETS,
    STACK_RESIDUAL,
    FitConfig,
    ForestBase,
    Predictor,
    Scaler,
    fit,
    model_inputs,
    n_extra,
    stack_base,
    stack_range,
)
from jaxeff.gnn.realeval import graph_record
from jaxeff.gnn.store import ArtifactError
from jaxeff.gnn.trees import TreeEnsemble

TG = ("u55_latency_ms", "u65_latency_ms", "u55_sram_kib")


def test_node_inputs_config_is_checked():
    with pytest.raises(ValueError, match="node_inputs"):
        FitConfig(node_inputs="forests").check()
    with pytest.raises(ValueError, match="node_inputs"):
        FitConfig(node_inputs="roofline").check()  # paper readout
    with pytest.raises(ValueError, match="node_inputs"):
        FitConfig(node_inputs="stacked", readout="additive", prior=True).check()
    assert FitConfig(node_inputs="stacked", readout="additive").check()


def test_model_inputs_append_roofline_then_base_columns():
    rec = graph_record(spec_graph())
    w = FEATURE_SETS["plus"]
    roof = model_inputs(rec, TG, FitConfig(readout="additive", node_inputs="roofline"))
    assert roof["x"].shape == (len(rec["x"]), w + 2)
    assert n_extra(FitConfig(node_inputs="roofline"), TG) == 2  # two latency targets
    np.testing.assert_array_equal(roof["x"][:, :w], np.asarray(rec["x"])[:, :w])
    np.testing.assert_allclose(roof["x"][:, w + 1], node_prior(rec, "u65_latency_ms"),
                               rtol=1e-6)
    cfg = FitConfig(readout="additive", node_inputs="stacked")
    with pytest.raises(ValueError, match="node_base"):
        model_inputs(rec, TG, cfg)
    base = np.arange(len(rec["x"]) * 3, dtype=np.float64).reshape(-1, 3)
    st = model_inputs(rec, TG, cfg, base)
    assert st["x"].shape == (len(rec["x"]), w + 4) and n_extra(cfg, TG) == 4
    np.testing.assert_array_equal(st["x"][:, w + 2:], base[:, :2])  # no SRAM column


def test_stack_base_is_log_per_op_time_with_roofline_fallback():
    rec = graph_record(spec_graph())  # CONV_2D, ADD, MEAN, FULLY_CONNECTED
    per_op = {"u55_latency_ms": lambda r: np.asarray([2e-3, 0.0, 1e-4, 5e-4])}
    b = stack_base(rec, TG, per_op)
    n = rec["n_ops"]
    np.testing.assert_allclose(b[[0, 2, 3], 0], np.log([2e-3, 1e-4, 5e-4]))
    roof = node_prior(rec, "u55_latency_ms")
    assert b[1, 0] == pytest.approx(roof[1])  # forest said 0: unseen type
    np.testing.assert_allclose(b[n:, 0], roof[n:])  # input nodes: one cycle
    assert math.isclose(roof[n], math.log(1 / 500e6 * 1e3), rel_tol=1e-9)
    assert not b[:, 1:].any()  # no per-op predictor for u65 / SRAM here
    rr = np.asarray(stack_range(TG))
    assert (rr[:, :2] == [-STACK_RESIDUAL, STACK_RESIDUAL]).all()
    assert (rr[:, 2] == [-1e3, 1e3]).all()


def test_stacked_predictor_needs_a_data_base_to_save_and_to_predict(tmp_path):
    rec = graph_record(spec_graph())
    cfg = FitConfig(readout="additive", node_inputs="stacked")
    p = Predictor({}, Scaler.fit([np.zeros((2, 4))]), TG, cfg,
                  node_base=lambda r: np.zeros((len(r["x"]), 3)))
    with pytest.raises(ValueError, match="ForestBase"):
        p.save(tmp_path / "p.npz")
    p.node_base = None
    with pytest.raises(ValueError, match="node_base"):
        p._graph(rec, None)


def _forest_base(recs, memory=False, memo=False):
    meters = {t: NNMeter(trees_scale=0.02).fit(recs, f"{t[:3]}_op_cycles")
              for t in TG[:2]}
    ratios = {t: float(np.median([r["labels"][t] / r[f"{t[:3]}_op_cycles"].sum()
                                  for r in recs])) for t in TG[:2]}
    return ForestBase(TG, meters, ratios, memory=memory, memo=memo)


@pytest.fixture(scope="module", params=[False, True], ids=["plain", "memory_base"])
def stacked(tmp_path_factory, request):
    recs = space_records(10, seed=1)
    train, val = recs[:6], recs[6:]
    cfg = FitConfig(epochs=2, batch_size=4, hidden=8, readout="additive",
                    node_inputs="stacked", node_loss=1.0, memory_base=request.param)
    p = fit(train, val, TG, cfg,
            node_base=_forest_base(train, memory=request.param, memo=True))
    return p, p.save(tmp_path_factory.mktemp("st") / "stacked.npz"), recs


def test_stacked_predictor_round_trip_is_exact(stacked):
    p, path, recs = stacked
    q = Predictor.load(path)
    assert isinstance(q.node_base, ForestBase) and not q.node_base.memo
    assert q.node_base.memory == p.config.memory_base
    assert q.node_base.ratios == p.node_base.ratios
    assert all(isinstance(f, TreeEnsemble) for m in q.node_base.meters.values()
               for f in m.forests.values())
    for r in recs:  # the loaded forests give the same per-node base, bit for bit
        assert np.array_equal(q.node_base(r), p.node_base(r))
    np.testing.assert_array_equal(q.predict(recs), p.predict(recs))
    assert q.predict_bounded(recs) == p.predict_bounded(recs)
    assert path.stat().st_size > 10_000  # the forests are in the file
    with zipfile.ZipFile(path) as z:  # a deflated archive (forests are large)
        assert {i.compress_type for i in z.infolist()} == {zipfile.ZIP_DEFLATED}


def test_stacked_predictor_truncated_or_flipped_is_a_clear_error(stacked, tmp_path):
    _, path, recs = stacked
    data = path.read_bytes()
    for cut in (100, len(data) // 2, len(data) - 30):
        (tmp_path / "cut.npz").write_bytes(data[:cut])
        with pytest.raises(ArtifactError, match=r"cut\.npz"):
            Predictor.load(tmp_path / "cut.npz")
    with zipfile.ZipFile(path) as z:  # one flipped bit inside a deflated forest array
        info = next(i for i in z.infolist() if i.filename.endswith("/value.npy"))
    buf = bytearray(data)
    buf[info.header_offset + 30 + len(info.filename) + info.compress_size // 2] ^= 4
    (tmp_path / "flip.npz").write_bytes(bytes(buf))
    with pytest.raises(ArtifactError, match=r"flip\.npz"):
        Predictor.load(tmp_path / "flip.npz")


def test_stacked_predictor_tampered_forest_is_refused(stacked, tmp_path):
    _, path, _ = stacked
    arrays = dict(np.load(path, allow_pickle=False))
    key = next(k for k in arrays if k.startswith("forest/") and k.endswith("/left"))
    arrays[key] = np.where(arrays[key] > 0, 0, arrays[key]).astype(np.int32)  # cycles
    with open(tmp_path / "bad.npz", "wb") as f:
        np.savez(f, **arrays)
    with pytest.raises(ArtifactError, match=r"bad\.npz.*left child.*forward"):
        Predictor.load(tmp_path / "bad.npz")
    arrays = dict(np.load(path, allow_pickle=False))
    arrays["forest/u55_latency_ms/CONV_2D/extra"] = np.zeros(2)
    with open(tmp_path / "extra.npz", "wb") as f:
        np.savez(f, **arrays)
    with pytest.raises(ArtifactError, match=r"extra\.npz.*CONV_2D"):
        Predictor.load(tmp_path / "extra.npz")
