"""PerfSAGE node features (arXiv 2301.10999; spec perfsage.md §2.1) against hand
values on a small graph with the cases the spec example does not cover: a
convolution *without* bias (two inputs: its kernel size must still be read), the
graph input at tensor index 0, pooling windows from the options, and a pool
without window options (no kernel: 0, as for every op without one). Written for
mutation-testing survivors of issue 26 (2026-12-03)."""

import math

import numpy as np
import pytest

from jaxeff.gnn.graph import FEATURE_COLUMNS, INPUT_CATEGORY, node_features
from jaxeff.tflite import Op, OpGraph, Tensor

COL = FEATURE_COLUMNS.index


def _graph():
    w = np.zeros((16, 3, 5, 4), np.float32)  # OHWI, constant
    tensors = [Tensor("x", (1, 10, 10, 4)),                    # 0: graph input
               Tensor("w", (16, 3, 5, 4), data=w),             # 1: kernel, no bias
               Tensor("c", (1, 8, 6, 16)),                     # 2
               Tensor("p", (1, 4, 2, 16)),                     # 3
               Tensor("q", (1, 4, 2, 16))]                     # 4
    ops = [Op("CONV_2D", (0, 1), (2,), {"stride_h": 1, "stride_w": 1}),
           Op("MAX_POOL_2D", (2,), (3,), {"filter_height": 2, "filter_width": 3,
                                          "stride_h": 2, "stride_w": 3}),
           Op("AVERAGE_POOL_2D", (3,), (4,), {})]
    return OpGraph(tensors, ops, (0,), (4,))


def test_node_features_hand_values():
    x, cat, inputs = node_features(_graph())
    assert x.shape == (5, len(FEATURE_COLUMNS)) and inputs == [0, 1]
    assert list(cat[3:]) == [INPUT_CATEGORY] * 2
    conv, pool, avg, xin, win = x
    # conv without bias: kernel 3 x 5 from the OHWI weight, C_in from input 0
    np.testing.assert_array_equal(conv[:4], [1, 8, 6, 16])
    assert (conv[COL("kernel_h")], conv[COL("kernel_w")], conv[COL("c_in")]) == (3, 5, 4)
    assert conv[COL("log_macs")] == pytest.approx(math.log1p(8 * 6 * 16 * 3 * 5 * 4))
    assert conv[COL("log_param_bytes")] == pytest.approx(math.log1p(16 * 3 * 5 * 4 * 4))
    # activation bytes: the non-constant input plus the output, float32
    assert conv[COL("log_act_bytes")] == pytest.approx(math.log1p((400 + 768) * 4))
    # pooling: the window from the options; absent options -> no kernel (0)
    assert (pool[COL("kernel_h")], pool[COL("kernel_w")]) == (2, 3)
    assert (pool[COL("filter_height")], pool[COL("c_in")]) == (2, 16)
    assert (avg[COL("kernel_h")], avg[COL("kernel_w")], avg[COL("filter_height")]) == (0, 0, 0)
    assert pool[COL("log_param_bytes")] == 0.0
    # input nodes: the graph input counts as activation, the kernel as parameters
    np.testing.assert_array_equal(xin[:4], [1, 10, 10, 4])
    assert xin[COL("log_param_bytes")] == 0.0
    assert xin[COL("log_act_bytes")] == pytest.approx(math.log1p(400 * 4))
    assert win[COL("log_param_bytes")] == pytest.approx(math.log1p(960 * 4))
    assert win[COL("log_act_bytes")] == 0.0 and win[COL("log_macs")] == 0.0
