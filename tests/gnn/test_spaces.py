"""Search spaces (spec §5.3, §5.4 test 1): every space emits valid INT8 TFLite that
LiteRT runs, the reader round-trips and Vela maps fully to the NPU."""

import numpy as np
import pytest
from ai_edge_litert.interpreter import Interpreter

from jaxeff.gnn import labels, spaces
from jaxeff.tflite import read_main, write_tflite
from jaxeff.tflite.vela import vela_available


@pytest.mark.parametrize("space", spaces.SPACES)
def test_space_emits_valid_int8(space):
    rng = np.random.default_rng(7)
    for _ in range(2):
        s = spaces.sample(space, rng, max_nodes=120)
        assert spaces.num_nodes(s.graph) <= 120
        buf = write_tflite(s.graph)
        g2 = read_main(buf)
        assert g2.op_types() == s.graph.op_types()
        assert [t.shape for t in g2.tensors] == [t.shape for t in s.graph.tensors]
        io = {"int8", "uint8", "float32"} if "io" in s.meta else {"int8"}
        assert all(g2.tensors[i].dtype in io for i in g2.inputs + g2.outputs)
        it = Interpreter(model_content=buf, num_threads=1)
        it.allocate_tensors()
        it.invoke()
        if vela_available():
            assert labels.run_vela(buf, "u55").cpu_ops == 0


def test_unknown_space():
    with pytest.raises(ValueError, match="unknown search space"):
        spaces.sample("transformer", np.random.default_rng(0))
