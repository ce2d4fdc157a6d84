"""Kernels compiled alone (issue 22, session 21, rule M): ``labels.kernels``,
``labels.alone_cycles``, ``labels.attach_alone``, ``NNMeter.labels`` and
``experiments.perfsage_alone``."""

import json
import os

import numpy as np
import pytest

from gnn_graphs import space_records, tflite_dir
from jaxeff.gnn import baselines, labels
from jaxeff.gnn.store import ArtifactError
from jaxeff.tflite import Op, OpGraph, Tensor, read_main
from jaxeff.tflite.vela import vela_available

VELA_LATENCY = ("u55_latency_ms", "u65_latency_ms")
vela = pytest.mark.skipif(not vela_available(), reason="ethos-u-vela missing")


def test_kernels_fuse_only_a_sole_consumer_activation():
    w = np.zeros((4, 1, 1, 4), np.int8)
    ts = [Tensor("x", (1, 2, 2, 4), "int8"), Tensor("w", (4, 1, 1, 4), "int8", data=w)]
    ts += [Tensor(f"t{i}", (1, 2, 2, 4), "int8") for i in range(1, 6)]  # indices 2..6
    ops = [Op("CONV_2D", (0, 1), (2,)), Op("RELU", (2,), (3,)),
           Op("CONV_2D", (3, 1), (4,)), Op("RELU", (4,), (5,)), Op("ADD", (4, 5), (6,))]
    g = OpGraph(ts, ops, (0,), (6,))
    # op 3's input also feeds the ADD, so Vela cannot fuse it into its convolution
    assert labels.kernels(g) == [[0, 1], [2], [3], [4]]
    k = labels.kernel_graph(g, [0, 1])
    assert [o.type for o in k.ops] == ["CONV_2D", "RELU"]
    assert [k.tensors[i].name for i in k.inputs] == ["x"]  # the weights stay constant
    assert [k.tensors[i].name for i in k.outputs] == ["t2"]
    assert k.ops[1].inputs == k.ops[0].outputs
    # a relu whose producer output is a graph output stays its own kernel
    g2 = OpGraph(ts, ops[:2], (0,), (2, 3))
    assert labels.kernels(g2) == [[0], [1]]


@vela
def test_alone_cycles_equal_vela_in_graph_without_context():
    d = tflite_dir()
    # fully connected layers only: every kernel alone costs what it costs in the graph
    g = read_main(d / "ML-examples__dnn_s_quantized.tflite")
    a = labels.alone_cycles(g)
    assert a["u55"].sum() == 82_699 == labels.run_vela(d / "ML-examples__dnn_s_quantized.tflite",
                                                        "u55").cycles
    assert a["u65"].sum() == 23_123
    # DS-CNN: alone 98,770 / 62,030 cycles against 89,884 / 54,803 in the graph, where
    # weight transfers overlap the previous operator (RESHAPEs get 0, as in the graph)
    g = read_main(d / "ML-examples__ds_cnn_s_quantized.tflite")
    a = labels.alone_cycles(g)
    assert (a["u55"].sum(), a["u65"].sum()) == (98_770, 62_030)
    assert all(a["u55"][i] == 0 for i, op in enumerate(g.ops) if op.type == "RESHAPE")


def _fake(n_ops=3, space="dscnn", seed=7):
    return {"space": space, "seed": seed, "n_ops": n_ops}


def test_attach_alone_matches_by_seed_and_refuses_corrupt_files(tmp_path):
    recs = [_fake(), _fake(seed=8)]
    (tmp_path / "a.json").write_text(json.dumps({
        "format": labels.ALONE_FORMAT, "shard": "a",
        "graphs": {"dscnn:7": {"u55": [1, 2, 3], "u65": [4, 5, 6]}}, "skipped": {}}))
    assert labels.attach_alone(recs, tmp_path) == 1
    assert recs[0]["u55_alone_cycles"].tolist() == [1, 2, 3]
    assert "u55_alone_cycles" not in recs[1]
    (tmp_path / "b.json").write_text(json.dumps({
        "format": labels.ALONE_FORMAT, "graphs": {"dscnn:8": {"u55": [1, 2]}}}))
    with pytest.raises(ArtifactError, match="dscnn:8.*3 finite"):
        labels.attach_alone(recs, tmp_path)
    (tmp_path / "b.json").write_text(json.dumps({"format": "pickle", "graphs": {}}))
    with pytest.raises(ArtifactError, match="not a jaxeff.perfsage.alone_shard"):
        labels.attach_alone(recs, tmp_path)
    (tmp_path / "b.json").write_text("{")
    with pytest.raises(ArtifactError, match="unreadable JSON"):
        labels.attach_alone(recs, tmp_path)
    with pytest.raises(FileNotFoundError, match="perfsage_alone"):
        labels.attach_alone(recs, tmp_path / "none")


def test_nnmeter_records_which_labels_it_was_fit_on():
    recs = space_records()[:6]
    for r in recs:
        r["u55_alone_cycles"] = np.asarray(r["u55_op_cycles"], np.float64).copy()
    nm = baselines.NNMeter(trees_scale=0.05, target="ratio").fit(recs, "u55_alone_cycles")
    assert nm.labels == "alone" and nm.platform == "u55"
    arrays, meta = nm.to_arrays()
    assert meta["labels"] == "alone"
    back = baselines.NNMeter.from_arrays(arrays, meta)
    assert back.labels == "alone"
    assert np.array_equal(back.predict_ops(recs[0]), nm.predict_ops(recs[0]))
    # the same numbers under the in-graph key: the same forests, only the label differs
    ng = baselines.NNMeter(trees_scale=0.05, target="ratio").fit(recs, "u55_op_cycles")
    assert ng.labels == "in_graph" and "labels" not in ng.to_arrays()[1]
    assert np.array_equal(nm.predict_ops(recs[0]), ng.predict_ops(recs[0]))
    for r in recs:  # and other numbers give other forests
        r["u55_alone_cycles"] = r["u55_alone_cycles"] * 2.0 + 100.0
    other = baselines.NNMeter(trees_scale=0.05, target="ratio").fit(recs, "u55_alone_cycles")
    assert not np.allclose(other.predict_ops(recs[0]), ng.predict_ops(recs[0]))
    with pytest.raises(ValueError, match="labels must be one of"):
        baselines.NNMeter.from_arrays(arrays, {**meta, "labels": "guess"})


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    from jaxeff.gnn.dataset import DatasetConfig, build_dataset

    d = tmp_path_factory.mktemp("tiny")
    cfg = DatasetConfig(spaces=("dscnn",), per_space=2, shard_size=2, workers=1, host=False)
    build_dataset(cfg, d, progress=False)
    return d


@vela
def test_study_refuses_the_alone_base_without_labels(tiny, tmp_path):
    import dataclasses

    from experiments import perfsage

    (tmp_path / "x.json").write_text(json.dumps(
        {"format": labels.ALONE_FORMAT, "graphs": {"dscnn:1": {"u55": [1]}}}))
    cfg = dataclasses.replace(perfsage.Config.smoke(), forest_base="alone",
                              alone_labels=str(tmp_path), targets=VELA_LATENCY)
    with pytest.raises(ValueError, match="2 of 2 graphs have no alone labels.*perfsage_alone"):
        perfsage.load_records(str(tiny), cfg)
    with pytest.raises(ValueError, match="forest_base must be"):
        perfsage.load_records(str(tiny), dataclasses.replace(cfg, forest_base="oracle"))


@vela
def test_perfsage_alone_labels_a_dataset_and_resumes(tiny):
    from experiments import perfsage, perfsage_alone
    from jaxeff.gnn.dataset import load_dataset

    tmp_path = tiny
    assert perfsage_alone.main([str(tmp_path)]) == 0
    out = next((tmp_path / "alone").glob("*.json"))
    stamp = os.stat(out).st_mtime_ns
    assert perfsage_alone.main([str(tmp_path)]) == 0  # resumes: the file is not rewritten
    assert os.stat(out).st_mtime_ns == stamp
    recs = load_dataset(tmp_path)
    assert labels.attach_alone(recs, tmp_path / "alone") == len(recs) == 2
    for r in recs:  # alone costs at least a context-discounted in-graph total's 90 %
        for p in ("u55", "u65"):
            a, g = r[f"{p}_alone_cycles"].sum(), np.sum(r[f"{p}_op_cycles"])
            assert a >= 0.9 * g and a > 0
    with pytest.raises(SystemExit):
        perfsage_alone.main([str(tmp_path), "--part", "2/2"])
    import dataclasses

    cfg = dataclasses.replace(perfsage.Config.smoke(), forest_base="alone",
                              targets=VELA_LATENCY)
    got, _ = perfsage.load_records(str(tmp_path), cfg)
    assert len(got) == 2 and all("u65_alone_cycles" in r for r in got)


def test_alone_cycles_names_a_bad_platform():
    g = OpGraph([Tensor("x", (1, 4), "int8"), Tensor("y", (1, 4), "int8")],
                [Op("RELU", (0,), (1,))], (0,), (1,))
    with pytest.raises(ValueError, match="platforms must be"):
        labels.alone_cycles(g, ("u85",))
    with pytest.raises(ValueError, match="platforms must be"):
        labels.alone_cycles(g, ())


@vela
def test_shards_record_the_per_op_attribution_and_old_ones_are_named(tiny, tmp_path, caplog):
    import logging
    import shutil

    from jaxeff.gnn.labels import PER_OP_ATTRIBUTION
    from jaxeff.gnn.shards import ATTRIBUTION_KEY, load_dataset, read_shard, save_shard

    f = next((tiny / "shards").glob("*.npz"))
    recs, head = read_shard(f)
    assert head["versions"][ATTRIBUTION_KEY] == str(PER_OP_ATTRIBUTION) == "3"
    with caplog.at_level(logging.WARNING, logger="jaxeff.gnn.shards"):
        load_dataset(tiny)
    assert "older attribution" not in caplog.text
    (tmp_path / "shards").mkdir()  # a shard written before session 21: no attribution
    info = {k: v for k, v in head.items() if k not in ("records", "seconds", "format")}
    info["versions"] = {k: v for k, v in head["versions"].items() if k != ATTRIBUTION_KEY}
    save_shard(tmp_path / "shards" / f.name, recs, 0.0, info)
    shutil.copy(f, tmp_path / "shards" / ("z" + f.name))
    with caplog.at_level(logging.WARNING, logger="jaxeff.gnn.shards"):
        assert len(load_dataset(tmp_path)) == 2 * len(recs)
    assert "1 of 2 shards" in caplog.text and "older attribution" in caplog.text


@vela
def test_regenerate_rebuilds_a_record_s_graph_or_names_the_mismatch(tiny):
    from jaxeff.gnn.dataset import regenerate
    from jaxeff.gnn.shards import load_dataset

    r = load_dataset(tiny)[0]
    s, buf = regenerate(r, 200)
    assert s.graph.op_types() == list(r["ops"]) and buf[4:8] == b"TFL3"
    with pytest.raises(ValueError, match="regenerated operators differ"):
        regenerate({**r, "ops": list(r["ops"])[:-1]}, 200)
