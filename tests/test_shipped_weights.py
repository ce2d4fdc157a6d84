"""Pretrained weights shipped in the package (issue 24): cards, checksums, matching."""

from __future__ import annotations

import json
import shutil

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff import weights, zoo
from jaxeff.data.vision import Split

CARDS = weights.cards()
REQUIRED = ("name", "kind", "file", "key", "sha256", "bytes", "command", "commit",
            "device", "jax_version", "metrics", "data_sha256", "meta", "trained")


def test_weights_ship_and_stay_under_the_size_budget():
    assert CARDS, "no shipped weights in jaxeff/weights/files"
    total = sum(c["bytes"] for c in CARDS)
    assert total < 10e6, f"{total / 1e6:.2f} MB shipped; the budget is 10 MB"
    assert len({c["name"] for c in CARDS}) == len(CARDS)


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c["name"])
def test_every_card_is_complete_and_its_checksum_matches(card):
    missing = [k for k in REQUIRED if k not in card]
    assert not missing, missing
    path = weights.verify(card)
    assert weights.sha256_file(path) == card["sha256"]
    assert path.stat().st_size == card["bytes"]
    assert card["metrics"], "a card records what the model scored where it was trained"
    assert card["data_sha256"], "a card names the data copy it was trained on"


def _copy(card, tmp_path):
    src = weights.WEIGHTS_DIR
    shutil.copy(src / card["file"], tmp_path / card["file"])
    shutil.copy(src / f"{card['name']}.json", tmp_path / f"{card['name']}.json")
    (c,) = [c for c in weights.cards(tmp_path) if c["name"] == card["name"]]
    return c


def test_a_tampered_file_is_refused(tmp_path):
    card = _copy(min(CARDS, key=lambda c: c["bytes"]), tmp_path)
    f = tmp_path / card["file"]
    blob = bytearray(f.read_bytes())
    blob[len(blob) // 2] ^= 0x01  # one flipped bit, same size
    f.write_bytes(bytes(blob))
    with pytest.raises(weights.WeightsError, match="checksum"):
        weights.load(card)
    f.write_bytes(bytes(blob[:-7]))  # truncated
    with pytest.raises(weights.WeightsError, match="bytes"):
        weights.load(card)
    f.unlink()
    with pytest.raises(weights.WeightsError, match="missing"):
        weights.verify(card)


def test_a_card_cannot_point_outside_its_folder(tmp_path):
    (tmp_path / "w").mkdir()
    card = _copy(min(CARDS, key=lambda c: c["bytes"]), tmp_path / "w")
    (tmp_path / "outside.msgpack").write_bytes((tmp_path / "w" / card["file"]).read_bytes())
    for name in ("../outside.msgpack", str(tmp_path / "outside.msgpack"), ""):
        with pytest.raises(weights.WeightsError, match="bare file name"):
            weights.load({**card, "file": name})


def test_a_malformed_card_is_refused(tmp_path):
    (tmp_path / "x.json").write_text("{not json")
    with pytest.raises(weights.WeightsError, match="not valid JSON"):
        weights.cards(tmp_path)
    (tmp_path / "x.json").write_text(json.dumps({"name": "x", "kind": "classifier"}))
    with pytest.raises(weights.WeightsError, match="lacks"):
        weights.cards(tmp_path)


def test_find_card_needs_the_exact_key_and_the_same_data(tmp_path):
    card = _copy(CARDS[0], tmp_path)
    key = card["key"]
    found = weights.find_card(card["kind"], key, directory=tmp_path)
    assert found["name"] == card["name"]
    assert weights.find_card(card["kind"], key, data_sha256=card["data_sha256"],
                             directory=tmp_path) is not None
    # another copy of the data, another recipe, another kind: no match
    assert weights.find_card(card["kind"], key, data_sha256="0" * 64,
                             directory=tmp_path) is None
    other = json.loads(json.dumps(key))
    other["version"] = -1
    assert weights.find_card(card["kind"], other, directory=tmp_path) is None
    kind2 = "sr" if card["kind"] == "classifier" else "classifier"
    assert weights.find_card(kind2, key, directory=tmp_path) is None
    with weights.use_shipped(False):  # --retrain
        assert weights.find_card(card["kind"], key, directory=tmp_path) is None
    assert weights.find_card(card["kind"], key, directory=tmp_path) is not None


def _classifier_cards(dataset):
    return [c for c in CARDS
            if c["kind"] == "classifier" and c["key"]["dataset"] == dataset]


@pytest.mark.parametrize("card", _classifier_cards("digits"), ids=lambda c: c["name"])
def test_the_zoo_loads_a_shipped_classifier_and_it_scores_its_card(card, tmp_path,
                                                                   monkeypatch):
    """An empty cache: the zoo loads the shipped model (no training) for exactly the
    config of the card, and on this CPU it gives the card's test top-1."""
    monkeypatch.setenv("JAXEFF_CACHE", str(tmp_path))
    spec = zoo.float_base(card["key"]["model"], card["key"]["dataset"])
    model, variables, data, meta = zoo.trained_model(spec, progress=False)
    assert meta["source"] == f"shipped:{card['file']}"
    assert not (tmp_path / "models").exists(), "nothing may be trained or cached"
    from jaxeff.train import evaluate

    acc = evaluate(model, variables, data)
    assert abs(acc - card["metrics"]["test_top1"]) <= 0.1, (acc, card["metrics"])


@pytest.mark.slow  # decodes CIFAR-10 (about a minute on 2 cores)
@pytest.mark.parametrize("card", _classifier_cards("cifar10"), ids=lambda c: c["name"])
def test_a_shipped_cifar10_model_scores_its_card_on_1000_test_images(card):
    from jaxeff.data.vision import load_vision
    from jaxeff.nets import build_model
    from jaxeff.train import evaluate

    k = card["key"]
    data = load_vision("cifar10", None, val_size=k["sizes"]["val"])
    if data.fingerprint != card["data_sha256"]:
        pytest.skip("this CIFAR-10 copy differs from the card's (the zoo would train)")
    model = build_model(k["model"], data.num_classes, **k["model_kwargs"])
    n = 1000
    acc = evaluate(model, weights.load(card), Split(data.test.images[:n],
                                                    data.test.labels[:n]),
                   preprocess=data.preprocess)
    assert abs(acc - card["metrics"][f"test_top1_first{n}"]) <= 0.5


@pytest.mark.slow  # CI budget: trains a net (~23 s on 2 cores)
def test_a_config_that_matches_no_card_trains_instead(tmp_path, monkeypatch):
    monkeypatch.setenv("JAXEFF_CACHE", str(tmp_path))
    spec = zoo.ModelSpec.smoke()
    _, _, _, meta = zoo.trained_model(spec, progress=False)
    assert "source" not in meta and meta["history"], "it must have trained"
    assert meta["provenance"]["jax_version"] == jax.__version__
    assert any((tmp_path / "models").iterdir())


def test_retrain_ignores_shipped_weights_and_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("JAXEFF_CACHE", str(tmp_path))
    spec = zoo.ModelSpec.smoke()
    _, v1, _, m1 = zoo.trained_model(spec, progress=False)
    try:
        zoo.retrain(True)
        assert not weights.shipped_enabled()
        d = next((tmp_path / "models").iterdir())
        (d / "meta.json").write_text(json.dumps({**m1, "test_top1": -1.0}))
        _, v2, _, m2 = zoo.trained_model(spec, progress=False)
        assert m2["test_top1"] >= 0, "the cached entry must not be reused"
        # same seed and recipe, trained again from scratch: the same weights
        np.testing.assert_allclose(jax.tree.leaves(v1["params"])[0],
                                   jax.tree.leaves(v2["params"])[0], atol=1e-5)
    finally:
        zoo.retrain(False)
        zoo._RETRAINED.clear()
    assert weights.shipped_enabled()


@pytest.mark.parametrize("card", [c for c in CARDS if c["kind"].startswith("sr")],
                         ids=lambda c: c["name"])
def test_shipped_sr_nets_give_their_card_psnr_on_this_cpu(card):
    """Cross-device check: the card's Set5 PSNR, re-measured here, within 0.05 dB."""
    from jaxeff.data.sr import load_sr_pairs, sr_root
    from jaxeff.train_sr import SRTrainConfig, evaluate_sr

    try:
        set5 = sr_root(None) / "Set5" / "HR"
    except FileNotFoundError:
        set5 = None
    if set5 is None or not set5.is_dir():
        pytest.skip("Set5 not found under $JAXEFF_DATA")
    k = card["key"]
    init = (k["init_from"][0], SRTrainConfig(**k["init_from"][1])) \
        if k["init_from"] else None
    split = k["data"] if isinstance(k["data"], dict) else {}
    got = zoo.shipped_sr(k["model"], k["scale"], SRTrainConfig(**k["train"]), None,
                         collapsed=True, init_from=init,
                         val_images=split.get("val_images", 0),
                         val_seed=split.get("val_seed", 0),
                         val_tol_db=k.get("val_tol_db", 0.0))
    assert got is not None, "the zoo must find the shipped model from its own key"
    model, variables, meta = got
    assert meta["source"] == f"shipped:{card['file']}"
    s, root = k["scale"], sr_root(None)
    pairs = load_sr_pairs(root / "Set5" / "HR", s,
                          root / "Set5" / "LR_bicubic" / f"X{s}")
    r = evaluate_sr(jax.jit(lambda x: model.apply(variables, x)[0]), pairs)
    assert abs(float(r["psnr"]) - card["metrics"]["Set5_psnr"]) <= 0.05


def _flow_case(card_key=None):
    from jaxeff.data.vision import Split
    from jaxeff.flow import FlowConfig, flow_cache_key
    from jaxeff.train import TrainConfig

    if card_key is None:
        fc = FlowConfig()
        data_key = {"dataset": "mnist", "data_sha256": "ab" * 32, "train_images": 7,
                    "variant": "tiny"}
        name = "unet_tiny"
    else:
        k = card_key
        fc = FlowConfig(train=TrainConfig(**k["flow"]["train"]), ema=k["flow"]["ema"])
        data_key = {n: k[n] for n in ("dataset", "data_sha256", "train_images",
                                      "variant")}
        name = k["model"]
    empty = Split(np.zeros((0, 32, 32, 1), np.uint8), np.zeros((0,), np.int32))
    return name, fc, data_key, flow_cache_key(name, fc, data_key), empty


def _unet_shapes(variant):
    from jaxeff.nets.unet import unet

    model = unet(variant, 10)
    return model, jax.eval_shape(model.init, jax.random.key(0), jnp.zeros((1, 32, 32, 1)),
                                 jnp.zeros((1,)), jnp.zeros((1,), jnp.int32))


def test_train_flow_loads_a_diffusion_card_of_its_exact_key(tmp_path, monkeypatch):
    """The "diffusion" kind: ``train_flow`` returns the card's verified weights for
    exactly its key and data (nothing trained or cached); another data copy, or
    shipped weights turned off, trains (here: fails on the empty split)."""
    from jaxeff.flow import train_flow

    model, shapes = _unet_shapes("tiny")
    variables = jax.tree.map(lambda s: np.full(s.shape, 0.5, s.dtype), shapes)
    name, fc, data_key, key, empty = _flow_case()
    store = tmp_path / "w"
    weights.ship("unet_tiny_test", "diffusion", variables, key, metrics={"steps": 1},
                 command="test", meta={"steps": 1, "complete": True},
                 data_sha256=data_key["data_sha256"], directory=store)
    monkeypatch.setattr(weights, "WEIGHTS_DIR", store)
    monkeypatch.setenv("JAXEFF_CACHE", str(tmp_path / "cache"))
    got, meta = train_flow(model, name, empty, fc, data_key=data_key)
    assert meta["source"] == "shipped:unet_tiny_test.msgpack" and meta["steps"] == 1
    assert jax.tree.map(np.shape, got) == jax.tree.map(np.shape, dict(shapes))
    assert all(np.all(np.asarray(v) == 0.5) for v in jax.tree.leaves(got))
    assert not (tmp_path / "cache" / "models").exists(), "nothing may be cached"
    other = {**data_key, "data_sha256": "cd" * 32}
    with pytest.raises(ValueError, match="exceeds 0"):
        train_flow(model, name, empty, fc, data_key=other)  # no card: it trains
    with weights.use_shipped(False), pytest.raises(ValueError, match="exceeds 0"):
        train_flow(model, name, empty, fc, data_key=data_key)


DIFFUSION_CARDS = [c for c in CARDS if c["kind"] == "diffusion"]


@pytest.mark.parametrize("card", DIFFUSION_CARDS, ids=lambda c: c["name"])
def test_the_shipped_flow_unet_fits_its_net_and_its_key(card, tmp_path, monkeypatch):
    """The diffusion study's UNet card: its weights have exactly the shapes of
    ``unet(variant)``, its key is the one the study's ``train_flow`` asks for, and
    ``train_flow`` returns it from an empty cache."""
    from jaxeff.flow import train_flow

    k = card["key"]
    model, shapes = _unet_shapes(k["variant"])
    variables = weights.load(card)
    assert jax.tree.map(np.shape, variables) == jax.tree.map(np.shape, dict(shapes))
    name, fc, data_key, key, empty = _flow_case(k)
    assert key == k
    monkeypatch.setenv("JAXEFF_CACHE", str(tmp_path))
    v2, meta = train_flow(model, name, empty, fc, data_key=data_key)
    assert meta["source"] == f"shipped:{card['file']}"
    assert meta["complete"] and meta["steps"] == card["metrics"]["steps"]
    np.testing.assert_array_equal(jax.tree.leaves(v2)[0], jax.tree.leaves(variables)[0])


@pytest.mark.slow  # compiles the UNet forward
@pytest.mark.parametrize("card", DIFFUSION_CARDS, ids=lambda c: c["name"])
def test_the_shipped_flow_unet_gives_its_probe_on_this_cpu(card):
    from experiments.diffusion import probe_velocity_rms
    from jaxeff.nets.unet import unet

    got = probe_velocity_rms(unet(card["key"]["variant"], 10), weights.load(card))
    assert abs(got - card["metrics"]["probe_velocity_rms"]) <= 1e-4, got
