"""Issue 20 item 1: multi-device JAX (jaxeff.parallel) on 8 fake CPU devices.

JAX fixes the device count at start-up, so every 8-device computation runs in ONE
subprocess (tests/parallel_worker.py under
``XLA_FLAGS=--xla_force_host_platform_device_count=8``) and is compared here with
the same computation on this process's single device:

* an Evol-Q search (arXiv 2308.10814) with its population split over 8 devices
  selects bit-identical scales (same seed; one child per cycle, the paper's
  setting, so every device runs the one-candidate program of the single device);
* a data-parallel training step (batch over 8 devices, BatchNorm included) equals
  the one-device step to float tolerance (only summation order differs);
* a checkpoint written on 8 devices after epoch 1 resumes here on 1 device and
  ends where the 8-device run ended (float tolerance), its epoch-1 record exact.

The Evol-Q and data-parallel comparisons run twice: on 8 devices of one process,
and on a real multi-host job of 2 processes x 4 devices (tests/multihost_worker.py:
``jax.distributed`` over localhost with JAX's gloo CPU collectives, started by
:func:`jaxeff.parallel.initialize_distributed` from the ``JAX_*`` variables).

Tiers (DESIGN.md convention 14): exact (Evol-Q scales, mesh sizes, checkpointed
history), tight float32 (1e-5: data-parallel step, resumed run).
This replaces the ViT-based 8-device Evol-Q test of tests/search/test_evolq.py
(one subprocess for all three facts, with a two-layer MLP: ~15 s on an idle core).
"""

import json
import os
import pathlib
import shutil
import subprocess
import sys

import flax.serialization
import jax
import numpy as np
import pytest
from flax.traverse_util import flatten_dict

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import parallel_worker as W

import jaxeff.train as T
from jaxeff.parallel import (
    data_parallel_jit,
    initialize_distributed,
    leading_axis,
    make_mesh,
    mesh_or_none,
    mesh_size,
    pad_leading,
    to_host,
)
from jaxeff.search.evolq import run_search
from jaxeff.search.fitness import FullForward

pytestmark = pytest.mark.usefixtures("rbg_keys")  # the worker's key impl too


def _xla_flags(n: int) -> str:
    """This process's XLA flags (conftest's optimization level) plus ``n`` fake devices."""
    return " ".join([os.environ.get("XLA_FLAGS", ""),
                     f"--xla_force_host_platform_device_count={n}"]).strip()


@pytest.fixture(scope="module")
def eight(tmp_path_factory):
    """Run tests/parallel_worker.py once on 8 fake devices; return its out dir."""
    out = tmp_path_factory.mktemp("eight")
    root = str(pathlib.Path(W.__file__).resolve().parents[1])  # experiments/ lives here
    path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "XLA_FLAGS": _xla_flags(8),
           "JAX_PLATFORMS": "cpu", "PYTHONPATH": path}
    proc = subprocess.run([sys.executable, W.__file__, str(out)], check=False, env=env,
                          capture_output=True, text=True, timeout=900, cwd=root)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def two_hosts(tmp_path_factory):
    """Run tests/multihost_worker.py as a 2-process ``jax.distributed`` job on this
    machine (4 fake CPU devices each, gloo collectives over localhost); return the
    out dir that process 0 wrote."""
    import socket

    out = tmp_path_factory.mktemp("two_hosts")
    root = str(pathlib.Path(W.__file__).resolve().parents[1])
    path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    worker = str(pathlib.Path(W.__file__).with_name("multihost_worker.py"))
    procs = [subprocess.Popen(
        [sys.executable, worker, str(out)], cwd=root, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "XLA_FLAGS": _xla_flags(4),
             "JAX_PLATFORMS": "cpu", "PYTHONPATH": path,
             "JAX_COORDINATOR_ADDRESS": f"127.0.0.1:{port}", "JAX_NUM_PROCESSES": "2",
             "JAX_PROCESS_ID": str(i)}) for i in range(2)]
    try:
        errs = [p.communicate(timeout=900)[1] for p in procs]
    finally:
        for p in procs:
            p.kill()
    for p, e in zip(procs, errs):
        assert p.returncode == 0, e[-3000:]
    return out


# The 2-process multi-host job (~26 s of subprocess start-up and compile on 2 cores) and
# every test that reads it are in the slow tier (CI budget); the 8-device run stays in
# the default run.
@pytest.fixture(scope="module", params=[
    "8 devices, 1 process",
    pytest.param("2 processes x 4 devices", marks=pytest.mark.slow)])
def spmd(request):
    """The out dir of the 8-device run: one process (``eight``) or a 2-process
    multi-host job (``two_hosts``); the comparisons with one device are the same."""
    return request.getfixturevalue("eight" if request.param.startswith("8") else
                                   "two_hosts")


def _load(path: pathlib.Path) -> dict:
    return flax.serialization.msgpack_restore(path.read_bytes())


def _flat(tree) -> dict:
    return {k: np.asarray(v) for k, v in flatten_dict(tree, sep="/").items()}


def _assert_close(a, b, **tol) -> None:
    fa, fb = _flat(a), _flat(b)
    assert fa.keys() == fb.keys()
    for k in fa:
        np.testing.assert_allclose(fa[k], fb[k], err_msg=k, **tol)


# ------------------------------------------------------------------ 8 devices vs 1


def test_evolq_on_8_devices_selects_the_scales_of_1_device(spmd):
    got = _load(spmd / "evolq.msgpack")
    ref = run_search(jax.random.key(W.SEARCH_SEED), FullForward(W.qmodel(), 1),
                     got["qvars"], got["calib"], got["sel"], W.EVOLQ)
    assert jax.device_count() == 1
    hist = json.loads(got["history"])
    assert [h["f_after"] for h in hist] == [h["f_after"] for h in ref.history]
    assert json.loads(got["selection"]) == ref.selection
    fa, fr = _flat(got["quant"]), _flat(ref.quant)
    assert fa.keys() == fr.keys()
    for k in fa:
        np.testing.assert_array_equal(fa[k], fr[k], err_msg=k)
    # the search moved the scales (the comparison is not of two untouched copies)
    f0 = _flat(got["qvars"]["quant"])
    assert any(not np.array_equal(fa[k], f0[k]) for k in fa if k.endswith("w_scale"))


def test_data_parallel_step_on_8_devices_equals_1_device(spmd):
    got = _load(spmd / "dp_step.msgpack")
    inputs = {**got["inputs"], "opt_state": W.restore_opt_state(got["inputs"])}
    ref = W.dp_step(inputs, None)
    _assert_close(got["out"]["params"], ref["params"], rtol=1e-5, atol=1e-6)
    # BatchNorm running statistics of the GLOBAL batch, not of one device's slice
    _assert_close(got["out"]["state"], ref["state"], rtol=1e-5, atol=1e-6)
    _assert_close(got["out"]["metrics"], ref["metrics"], rtol=1e-5, atol=1e-6)
    moved = _flat(ref["params"])["Dense_0/kernel"] - _flat(
        got["inputs"]["params"])["Dense_0/kernel"]
    assert np.abs(moved).max() > 1e-4  # the step changed the weights


def test_data_parallel_sr_step_on_8_devices_equals_1_device(spmd):
    got = _load(spmd / "sr_step.msgpack")
    ref = W.sr_step(got["inputs"], None)
    _assert_close(got["out"]["tv"], ref["tv"], rtol=1e-5, atol=1e-6)
    assert float(got["out"]["metrics"]["loss"]) == pytest.approx(
        float(ref["metrics"]["loss"]), rel=1e-6)
    moved = _flat(ref["tv"])["params/Conv_0/kernel"] - _flat(
        got["inputs"]["tv"])["params/Conv_0/kernel"]
    assert np.abs(moved).max() > 1e-3  # the step changed the weights


def test_data_parallel_flow_step_on_8_devices_equals_1_device(spmd):
    """The diffusion model's rectified-flow step (jaxeff.flow.make_flow_step): noise
    and times drawn for the global batch, so 8 devices = 1 to float tolerance."""
    got = _load(spmd / "flow_step.msgpack")
    ref = W.flow_step(got["inputs"], None)
    _assert_close(got["out"]["params"], ref["params"], rtol=1e-5, atol=1e-6)
    _assert_close(got["out"]["ema"], ref["ema"], rtol=1e-5, atol=1e-6)
    assert float(got["out"]["loss"]) == pytest.approx(float(ref["loss"]), rel=1e-5)
    moved = _flat(ref["params"])["Conv_0/kernel"] - _flat(
        got["inputs"]["params"])["Conv_0/kernel"]
    assert np.abs(moved).max() > 1e-3  # the step changed the weights


@pytest.mark.slow
def test_two_processes_form_one_8_device_mesh(two_hosts):
    facts = json.loads((two_hosts / "facts.json").read_text())
    assert facts == {"processes": 2, "devices": 8, "mesh": 8, "hosts_in_mesh": [0, 1]}


def test_checkpoint_written_on_8_devices_resumes_on_1(eight, tmp_path):
    run1 = tmp_path / "run1"
    shutil.copytree(eight / "ckpt_epoch1", run1)
    variables, history = T.fit(W.TinyBNNet(), W.tiny_data(), W.TRAIN, run1,
                               progress=False)
    final8 = _load(eight / "final8.msgpack")
    hist8 = json.loads(final8["history"])
    assert [h["epoch"] for h in history] == [1, 2]
    assert history[0] == hist8[0]  # restored from the 8-device checkpoint, exactly
    for k in ("train_loss", "train_acc", "val_top1"):
        assert history[1][k] == pytest.approx(hist8[1][k], rel=1e-5, abs=1e-6), k
    _assert_close(to_host(variables), final8["variables"], rtol=1e-5, atol=1e-6)
    ck = _load(eight / "ckpt_epoch1" / "checkpoint.msgpack")
    assert int(ck["epoch"]) == 1  # a genuine mid-run checkpoint


def test_mesh_helpers_on_8_devices(eight):
    facts = json.loads((eight / "facts.json").read_text())
    assert facts["sizes"] == [8, 1, 3, 8]  # None = all
    assert facts["pad"] == [8, 8]
    assert facts["evolq_flag"] == [8, 1, 4]  # --devices: default all, N, 1 = none
    assert facts["shards"] == [8, 2]  # 16 rows over 8 devices: 2 each
    assert "devices=9 but 8 cpu device(s)" in facts["too_many"]
    assert "leading axis 12 is not a multiple of the 8 devices" in facts[
        "not_divisible"]
    assert "batch_size=12 is not a multiple of the 8 devices" in facts["fit_batch"]
    assert "cfg.batch=12 is not a multiple of the 8 devices" in facts["tune_batch"]


def test_winograd_scale_tuning_on_8_devices_equals_1_device(eight):
    """The noise batch of tune_scales split over 8 devices (issue 20 item 1)."""
    from jaxeff.search.winograd_scales import tune_scales

    got = _load(eight / "winograd_scales.msgpack")
    kernels, cfg = W.winograd_inputs()
    ref, hist = tune_scales(jax.random.key(5), kernels, 4, cfg=cfg)
    np.testing.assert_allclose(got["history"], hist, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(got["scales"]["log_b"], ref.log_b, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(got["scales"]["log_c"], ref.log_c, rtol=1e-4, atol=1e-5)
    assert np.abs(np.asarray(ref.log_b)).max() > 1e-3  # the scales moved


# ------------------------------------------------------------------ one device


def test_make_mesh_on_one_device():
    mesh = make_mesh()
    assert mesh.axis_names == ("data",) and mesh_size(mesh) == jax.device_count()
    assert mesh_or_none(None) is None and mesh_size(None) == 1
    n = jax.device_count()
    for bad in (0, -1, n + 1):
        with pytest.raises(ValueError, match=f"devices={bad} but {n}"):
            make_mesh(bad)
    for bad in (True, 1.0, "2"):
        with pytest.raises(TypeError, match="devices must be an int"):
            make_mesh(bad)


def test_pad_leading_repeats_row_zero():
    tree = {"a": np.arange(5.0), "b": np.arange(10.0).reshape(5, 2)}
    padded, n = pad_leading(tree, 4)
    assert n == 5
    np.testing.assert_array_equal(padded["a"], [0, 1, 2, 3, 4, 0, 0, 0])
    np.testing.assert_array_equal(padded["b"][5:], [[0, 1]] * 3)
    same, n = pad_leading(tree, 5)
    assert n == 5 and same["a"] is tree["a"]
    with pytest.raises(ValueError, match="same leading axis"):
        pad_leading({"a": np.zeros(3), "b": np.zeros(4)}, 2)


def test_data_parallel_jit_arguments():
    with pytest.raises(ValueError, match=r"batch_argnums \[2\] outside the 2"):
        data_parallel_jit(lambda a, b: a, make_mesh(1), batch_argnums=(2,), num_args=2)
    f = data_parallel_jit(lambda a, b: a + b.sum(), None, batch_argnums=(1,),
                          num_args=2)
    assert float(f(1.0, np.ones(4))) == 5.0


def test_initialize_distributed_only_when_asked():
    assert initialize_distributed(environ={}) is False  # nothing asked: no-op
    assert not jax.distributed.is_initialized()
    env = {"JAX_COORDINATOR_ADDRESS": "localhost:1", "JAX_NUM_PROCESSES": "two"}
    with pytest.raises(ValueError, match="JAX_NUM_PROCESSES must be an integer"):
        initialize_distributed(environ=env)


def test_devices_flag():
    """``--devices`` (experiments/_cli.py): absent or 1 -> no mesh (nothing changes
    on one device); more than available -> an argparse-style exit naming it."""
    import argparse

    from experiments._cli import add_devices_flag, mesh_from_args

    p = argparse.ArgumentParser()
    add_devices_flag(p)
    assert p.parse_args([]).devices is None
    assert mesh_from_args(p.parse_args([])) is None  # all devices: here one
    assert mesh_from_args(p.parse_args(["--devices", "1"])) is None
    assert mesh_from_args(argparse.Namespace()) is None  # experiment without it
    n = jax.device_count() + 1
    with pytest.raises(SystemExit, match=f"argument --devices: devices={n} but"):
        mesh_from_args(p.parse_args(["--devices", str(n)]))


def test_leading_axis_and_to_host():
    from jax.sharding import Mesh

    dev = np.array(jax.devices()[:1])
    assert leading_axis(make_mesh(1)) == "data"
    assert leading_axis(Mesh(dev.reshape(1, 1), ("x", "pop")), prefer="pop") == "pop"
    with pytest.raises(ValueError, match=r"1-D mesh or one with a 'pop' axis"):
        leading_axis(Mesh(dev.reshape(1, 1), ("x", "y")), prefer="pop")
    tree = {"a": jax.numpy.arange(3), "n": 2, "s": "[]", "h": np.ones(2)}
    host = to_host(tree)
    assert type(host["a"]) is np.ndarray and host["a"].tolist() == [0, 1, 2]
    assert host["n"] == 2 and host["s"] == "[]" and host["h"] is tree["h"]
