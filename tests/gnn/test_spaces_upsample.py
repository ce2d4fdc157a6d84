"""Issue 22 item 3: the ``upsample`` space (``jaxeff.gnn.spaces_upsample``):
TRANSPOSE_CONV super-resolution nets and RESIZE encoder-decoders."""

import numpy as np
import pytest

from jaxeff.gnn import spaces
from jaxeff.gnn.dataset import DatasetConfig, make_record
from jaxeff.tflite import write_tflite
from jaxeff.tflite.vela import vela_available


def test_upsample_space_is_seeded_and_has_its_structures():
    a = spaces.sample("upsample", np.random.default_rng(5))
    b = spaces.sample("upsample", np.random.default_rng(5))
    assert write_tflite(a.graph) == write_tflite(b.graph)
    kinds, ops, pads = set(), set(), set()
    rng = np.random.default_rng(0)
    for _ in range(12):
        s = spaces.sample("upsample", rng)
        g = s.graph
        kinds.add(s.meta["kind"])
        ops |= set(g.op_types())
        for op in g.ops:
            if op.type == "TRANSPOSE_CONV":  # stride 2, 2x: SAME, or VALID kernel 2
                hi, ho = g.tensors[op.inputs[2]].shape, g.tensors[op.outputs[0]].shape
                k = g.tensors[op.inputs[1]].shape[1]
                assert op.options["stride_h"] == 2
                assert op.options["padding"] == "SAME" or (k, len(op.inputs)) == (2, 3)
                pads.add(op.options["padding"])
                assert ho[1:3] == (2 * hi[1], 2 * hi[2])
            if op.type.startswith("RESIZE"):
                hi, ho = g.tensors[op.inputs[0]].shape, g.tensors[op.outputs[0]].shape
                assert ho[1] // hi[1] in (2, 4) and ho[1] % hi[1] == 0
        if s.meta["kind"] == "sr":
            lr, sc = s.meta["lr"], s.meta["scale"]
            assert g.tensors[g.outputs[0]].shape[1:3] == (lr[0] * sc, lr[1] * sc)
    assert kinds == {"sr", "encdec"} and pads == {"SAME", "VALID"}
    assert {"TRANSPOSE_CONV", "RESIZE_NEAREST_NEIGHBOR", "RESIZE_BILINEAR"} <= ops


@pytest.mark.skipif(not vela_available(), reason="ethos-u-vela not installed")
def test_upsample_labels_are_identical_per_seed():
    cfg = DatasetConfig(spaces=("upsample",), host=False, workers=1)
    r1 = make_record("upsample", 3, cfg, np.random.default_rng(0))
    r2 = make_record("upsample", 3, cfg, np.random.default_rng(0))
    assert r1["rejected_cpu"] == 0 and r1["labels"] == r2["labels"]
    assert r1["labels"]["u55_latency_ms"] > 0
    for k in ("x", "cat", "u55_op_cycles", "u65_op_cycles"):
        assert np.asarray(r1[k]).tobytes() == np.asarray(r2[k]).tobytes()
