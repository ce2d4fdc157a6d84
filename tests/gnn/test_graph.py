"""Op-graph IR -> jraph (spec perfsage.md §2.1, §5.4 tests 3-4)."""

import numpy as np
import pytest

from jaxeff.gnn import graph
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.graph import FEATURE_COLUMNS, edges, node_features, op_macs, pad_batch
from jaxeff.tflite import read_main

from gnn_graphs import all_ops_graph, tflite_dir


def test_spec_example_nodes_edges_features(spec_g):
    gt = graph.to_graphs_tuple(spec_g)
    assert int(gt.n_node[0]) == 4 + 7 and int(gt.n_edge[0]) == 10
    x, cat = gt.nodes["x"], gt.nodes["cat"]
    assert x.shape == (11, len(FEATURE_COLUMNS))
    np.testing.assert_array_equal(x[0, :4], [1, 16, 16, 8])  # conv output shape
    col = FEATURE_COLUMNS.index
    assert x[0, col("stride_h")] == 1 and x[0, col("padding")] == 0
    assert x[0, col("kernel_h")] == 3 and x[0, col("c_in")] == 3
    assert x[0, col("log_macs")] == pytest.approx(np.log1p(55_296))
    assert x[0, col("dtype_float32")] == 1
    assert list(cat[4:]) == [0] * 7 and cat[0] == 2 + 3  # CONV_2D code 3
    # input nodes: graph input first, then constants in first-use order
    np.testing.assert_array_equal(x[4, :4], [1, 16, 16, 3])


def test_macs_rule(spec_g):
    assert graph.op_macs(spec_g, spec_g.ops[0]) == 55_296  # = Vela nn_macs
    assert graph.op_macs(spec_g, spec_g.ops[3]) == 8 * 10
    assert graph.total_macs(spec_g) == 55_296 + 80


def test_edge_directions(spec_g):
    s, r = edges(spec_g, "forward")
    assert (0, 1) in set(zip(s.tolist(), r.tolist(), strict=True))  # conv -> add
    s2, r2 = edges(spec_g, "reverse")
    np.testing.assert_array_equal(s2, r)
    sb, _ = edges(spec_g, "both")
    assert len(sb) == 2 * len(s)
    with pytest.raises(ValueError, match="direction"):
        edges(spec_g, "sideways")


def test_duplicate_inputs_collapse():
    g = all_ops_graph()
    x, _, inputs = node_features(g)
    s, r = edges(g)
    assert len(set(zip(s.tolist(), r.tolist(), strict=True))) == len(s)
    assert x.shape[0] == len(g.ops) + len(inputs)


def test_pad_batch_power_of_two(spec_g):
    gts = [graph.to_graphs_tuple(spec_g, globals_=np.ones(2)) for _ in range(3)]
    b = pad_batch(gts, min_nodes=8, min_edges=8)
    n, e = int(b.n_node.sum()), int(b.n_edge.sum())
    assert n == 64 and e == 32 and len(b.n_node) == 4
    assert b.globals.shape == (4, 2)
    assert graph.next_pow2(33) == 64 and graph.next_pow2(1) == 1


def test_real_models_convert():
    d = tflite_dir()
    for f in sorted(d.glob("*.tflite")):
        g = read_main(f)
        gt = graph.to_graphs_tuple(g)
        assert np.isfinite(gt.nodes["x"]).all(), f.name
        assert int(gt.n_node[0]) >= len(g.ops)


def test_fc_c_in_is_its_input_depth_for_any_input_rank():
    b = NetBuilder(np.random.default_rng(0))
    x = b.dwconv(b.input((1, 6, 5, 1)), (3, 3), 2, "RELU", mult=4)  # [1, 3, 3, 4]
    w = b.const(np.ones((3, 36), np.float32))  # micro_speech style: FC on a 4-D input
    y = b._op("FULLY_CONNECTED", (x, w, b.const(np.zeros(3, np.float32))), (1, 3),
              fused_activation_function="NONE")
    g = b.finish([y])
    xf, _, _ = node_features(g)
    assert xf[1, FEATURE_COLUMNS.index("c_in")] == 3 * 3 * 4  # not the last dim, 4
    assert op_macs(g, g.ops[0]) == 3 * 3 * 4 * 3 * 3  # depthwise: H W C_out K_h K_w
