"""Bad inputs to the PerfSAGE file readers (issue 14 item 8 and "must show"):
``read_tflite`` and ``Predictor.load`` / dataset shards either load or raise a clear
error that names the file; never a crash inside flatbuffers / zipfile / NumPy, and
loading never executes code from the file (no pickle)."""

import io
import json
import pathlib
import pickle
import zipfile

import jax
import numpy as np
import pytest
from gnn_graphs import spec_graph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jaxeff.gnn.dataset import load_shard, save_shard
from jaxeff.gnn.fit import FitConfig, Predictor, Scaler, batches, graph_of
from jaxeff.gnn.graph import edges, node_features
from jaxeff.gnn.perfsage import PerfSAGE
from jaxeff.gnn.store import ArtifactError
from jaxeff.tflite import TFLiteError, read_tflite, write_tflite

_SETTINGS = dict(deadline=None, suppress_health_check=list(HealthCheck))
_TFL = write_tflite(spec_graph())


def _write(tmp_path: pathlib.Path, name: str, data: bytes) -> pathlib.Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def _read_or_clear_error(path: pathlib.Path) -> None:
    try:
        read_tflite(path)
    except TFLiteError as e:  # the only error a damaged file may give
        assert str(path) in str(e)


# ------------------------------------------------------------------ read_tflite
def test_read_tflite_missing_file_and_identifier(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.tflite"):
        read_tflite(tmp_path / "nope.tflite")
    bad = bytearray(_TFL)
    bad[4:8] = b"TFL2"
    p = _write(tmp_path, "ident.tflite", bytes(bad))
    with pytest.raises(TFLiteError, match=r"ident\.tflite.*file identifier.*TFL3"):
        read_tflite(p)
    with pytest.raises(TFLiteError, match=r"empty\.tflite.*truncated"):
        read_tflite(_write(tmp_path, "empty.tflite", b""))


@settings(max_examples=60, **_SETTINGS)
@given(data=st.binary(min_size=0, max_size=512))
def test_read_tflite_random_bytes(tmp_path_factory, data):
    p = _write(tmp_path_factory.mktemp("rnd"), "random.tflite", data)
    with pytest.raises(TFLiteError, match="random.tflite"):
        read_tflite(p)


@settings(max_examples=60, **_SETTINGS)
@given(cut=st.integers(0, len(_TFL) - 1))
def test_read_tflite_truncated_file_names_it(tmp_path_factory, cut):
    p = _write(tmp_path_factory.mktemp("cut"), "cut.tflite", _TFL[:cut])
    with pytest.raises(TFLiteError, match="cut.tflite"):
        read_tflite(p)


@settings(max_examples=150, **_SETTINGS)
@given(bits=st.lists(st.integers(0, 8 * len(_TFL) - 1), min_size=1, max_size=4))
def test_read_tflite_bit_flips_load_or_clear_error(tmp_path_factory, bits):
    buf = bytearray(_TFL)
    for b in bits:
        buf[b // 8] ^= 1 << (b % 8)
    _read_or_clear_error(_write(tmp_path_factory.mktemp("flip"), "flip.tflite",
                                bytes(buf)))


# ------------------------------------------------------------- Predictor.load
@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    g = spec_graph()
    x, cat, _ = node_features(g)
    s, r = edges(g, "forward")
    rec = {"x": x, "cat": cat, "senders": s, "receivers": r}
    sc = Scaler.fit([x])
    model = PerfSAGE(num_targets=1, hidden=8)
    params = model.init(jax.random.key(0),
                        batches([graph_of(rec, sc, None, "reverse")], 2, None)[0])
    p = Predictor(params["params"], sc, ("u55_latency_ms",), FitConfig(hidden=8))
    path = p.save(tmp_path_factory.mktemp("pred") / "p.npz")
    return path, p, rec


def _members(path: pathlib.Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _rezip(path: pathlib.Path, members: dict[str, bytes]) -> pathlib.Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n, b in members.items():
            z.writestr(n, b)
    path.write_bytes(buf.getvalue())
    return path


def _with_meta(src: pathlib.Path, dst: pathlib.Path, edit) -> pathlib.Path:
    arrays = dict(np.load(src, allow_pickle=False))
    meta = json.loads(arrays.pop("__meta__").tobytes())
    edit(meta, arrays)
    blob = np.frombuffer(json.dumps(meta).encode(), np.uint8)
    with open(dst, "wb") as f:
        np.savez(f, **arrays, __meta__=blob)
    return dst


def test_predictor_round_trip_is_exact(saved):
    path, p, rec = saved
    q = Predictor.load(path)
    np.testing.assert_array_equal(q.predict([rec]), p.predict([rec]))
    assert q.config == p.config and q.targets == p.targets


def test_predictor_pickle_file_is_refused_and_not_executed(tmp_path):
    marker = tmp_path / "executed"

    class Evil:
        def __reduce__(self):
            return (pathlib.Path.touch, (marker,))

    p = _write(tmp_path, "evil.npz", pickle.dumps({"params": Evil()}))
    with pytest.raises(ArtifactError, match=r"evil\.npz.*not an \.npz archive"):
        Predictor.load(p)
    # an .npz whose member is a pickled object array is refused too
    arr = np.empty(1, object)
    arr[0] = Evil()
    with open(tmp_path / "obj.npz", "wb") as f:
        np.savez(f, x=arr)
    with pytest.raises(ArtifactError, match=r"obj\.npz"):
        Predictor.load(tmp_path / "obj.npz")
    assert not marker.exists()


@pytest.mark.parametrize(
    ("edit", "match"),
    [
        (lambda m, a: m["config"].update(hidden="8"), "hidden"),
        (lambda m, a: m["config"].update(readout="exec"), "readout"),
        (lambda m, a: m["config"].update(evil=1), "FitConfig fields"),
        (lambda m, a: m.update(targets=[]), "targets"),
        (lambda m, a: m.update(node_cap=[1.0]), "node_cap"),
        (lambda m, a: m.update(format="jaxeff.perfsage.dataset_shard"), "not a predictor"),
        (lambda m, a: m.update(version=99), "version"),
        (lambda m, a: a.update({"params/head/kernel": np.zeros((3, 3), np.float32)}),
         "params/head/kernel"),
        (lambda m, a: a.update({"params/head/bias": np.full(1, np.nan, np.float32)}),
         "non-finite"),
        (lambda m, a: a.pop("params/embed"), "params/embed"),
        (lambda m, a: a.update({"extra": np.zeros(1)}), "unexpected"),
        (lambda m, a: a.update({"scaler/std": np.zeros_like(a["scaler/std"])}), "std"),
        (lambda m, a: a.update({"scaler/mean": a["scaler/mean"][:3]}), "scaler/mean"),
    ],
)
def test_predictor_tampered_fields_give_clear_errors(saved, tmp_path, edit, match):
    path, _, _ = saved
    bad = _with_meta(path, tmp_path / "tampered.npz", edit)
    with pytest.raises(ArtifactError, match=match) as e:
        Predictor.load(bad)
    assert "tampered.npz" in str(e.value)


def test_predictor_missing_and_truncated(saved, tmp_path):
    path, _, _ = saved
    with pytest.raises(FileNotFoundError, match="gone.npz"):
        Predictor.load(tmp_path / "gone.npz")
    data = path.read_bytes()
    for cut in (10, len(data) // 2, len(data) - 5):
        p = _write(tmp_path, "trunc.npz", data[:cut])
        with pytest.raises(ArtifactError, match="trunc.npz"):
            Predictor.load(p)
    bad_json = _members(path)
    bad_json["__meta__.npy"] = bad_json["__meta__.npy"][:-7] + b"}{]\x00\x01\x02\x03"
    with pytest.raises(ArtifactError, match=r"rezip\.npz.*JSON"):
        Predictor.load(_rezip(tmp_path / "rezip.npz", bad_json))


@settings(max_examples=120, **_SETTINGS)
@given(bits=st.lists(st.integers(0, 10**9), min_size=1, max_size=3))
def test_predictor_bit_flips_load_or_clear_error(saved, tmp_path_factory, bits):
    path, p, rec = saved
    buf = bytearray(path.read_bytes())
    for b in bits:
        b %= 8 * len(buf)
        buf[b // 8] ^= 1 << (b % 8)
    q_path = _write(tmp_path_factory.mktemp("pf"), "flipped.npz", bytes(buf))
    try:
        q = Predictor.load(q_path)
    except ArtifactError as e:
        assert "flipped.npz" in str(e)
    else:  # the zip CRCs passed: the flip hit unchecked padding, data is intact
        np.testing.assert_array_equal(q.predict([rec]), p.predict([rec]))


# -------------------------------------------------------------- dataset shards
def test_dataset_shard_checks(saved, tmp_path):
    _, _, rec = saved
    r = dict(rec, labels={"u55_latency_ms": 1.0}, space="dscnn", seed=3,
             u55_op_cycles=np.ones(2, np.float32), u65_op_cycles=np.ones(2, np.float32))
    save_shard(tmp_path / "s.npz", [r], 1.0)
    back = load_shard(tmp_path / "s.npz")[0]
    np.testing.assert_array_equal(back["x"], rec["x"])
    assert back["labels"] == r["labels"] and back["seed"] == 3
    bad = dict(r, senders=np.full_like(rec["senders"], 999))
    save_shard(tmp_path / "bad.npz", [bad], 1.0)
    with pytest.raises(ArtifactError, match=r"bad\.npz.*senders out of range"):
        load_shard(tmp_path / "bad.npz")
    with pytest.raises(ArtifactError, match="not a dataset shard"):
        load_shard(saved[0])  # a predictor is not a shard
