"""One process of the 2-process multi-host test of tests/test_parallel.py (issue 20).

Run twice, as processes 0 and 1 of a ``jax.distributed`` job on this machine (JAX's
gloo CPU collectives over localhost), each with 4 fake CPU devices, so the global
mesh has 8 devices on 2 "hosts":

    JAX_COORDINATOR_ADDRESS=127.0.0.1:PORT JAX_NUM_PROCESSES=2 JAX_PROCESS_ID=i \\
    XLA_FLAGS=--xla_force_host_platform_device_count=4 python tests/multihost_worker.py OUTDIR

:func:`jaxeff.parallel.initialize_distributed` reads the three variables (the path an
experiment's ``--devices`` flag takes); then the Evol-Q search and the data-parallel
steps of tests/parallel_worker.py run on the 8-device global mesh
(``jaxeff.parallel.make_mesh`` over every host, inputs placed with
``jax.make_array_from_callback``, results gathered by ``to_host``), and process 0
writes ``evolq.msgpack``, ``dp_step.msgpack``, ``sr_step.msgpack``,
``flow_step.msgpack`` and ``facts.json`` for the test to compare with one device.
"""

from __future__ import annotations

import json
import pathlib
import sys

from jaxeff.parallel import initialize_distributed

PROCESSES, LOCAL_DEVICES = 2, 4


def main(out: pathlib.Path) -> None:
    assert initialize_distributed(), "the JAX_* variables must ask for a 2-process run"
    import jax

    jax.config.update("jax_default_prng_impl", "rbg")  # as tests/parallel_worker.py

    sys.path.insert(0, str(pathlib.Path(__file__).parent))
    import parallel_worker as W

    from jaxeff.parallel import make_mesh, to_host
    from jaxeff.search.evolq import run_search
    from jaxeff.search.fitness import FullForward

    assert (jax.process_count(), jax.local_device_count(), jax.device_count()) == (
        PROCESSES, LOCAL_DEVICES, PROCESSES * LOCAL_DEVICES)
    mesh = make_mesh()  # all 8 devices of both processes
    inp = W.evolq_inputs()
    res = run_search(jax.random.key(W.SEARCH_SEED), FullForward(W.qmodel(), 1),
                     inp["qvars"], inp["calib"], inp["sel"], W.EVOLQ, mesh=mesh)
    evolq = {**inp, "quant": to_host(res.quant), "history": json.dumps(res.history),
             "selection": json.dumps(res.selection)}
    dp_in = W.dp_inputs()
    dp = {"inputs": dp_in, "out": W.dp_step(dp_in, mesh)}
    sr_in = W.sr_inputs()
    sr = {"inputs": sr_in, "out": W.sr_step(sr_in, mesh)}
    fl_in = W.flow_inputs()
    fl = {"inputs": fl_in, "out": W.flow_step(fl_in, mesh)}
    if jax.process_index() == 0:
        W._save(out / "evolq.msgpack", evolq)
        W._save(out / "dp_step.msgpack", dp)
        W._save(out / "sr_step.msgpack", sr)
        W._save(out / "flow_step.msgpack", fl)
        (out / "facts.json").write_text(json.dumps({
            "processes": jax.process_count(), "devices": jax.device_count(),
            "mesh": int(mesh.devices.size),
            "hosts_in_mesh": sorted({d.process_index for d in mesh.devices.flat})}))


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]))
