"""``op_macs`` equals a hand count for every op type (PerfSAGE spec §3.1, issue 26).

Each case is an OpGraph built by hand in TFLite layout (CONV_2D weights OHWI with
``I = C_i / groups``, DEPTHWISE_CONV_2D ``[1, K_h, K_w, C_o]``, FULLY_CONNECTED
``[C_o, C_i]``, TRANSPOSE_CONV inputs ``(output_shape, weights OHWI, x)``). The
expected count is written out as the product of the loop extents of a direct
implementation: one multiply-accumulate per (output element, kernel tap, input
channel it reads); kernels and images are non-square so height and width cannot be
swapped unseen. A second check counts those taps by brute force on small shapes.
"""

import itertools

import pytest

from jaxeff.gnn.graph import op_macs, total_macs
from jaxeff.tflite import Op, OpGraph, Tensor


def _graph(op_type, in_shapes, out_shape):
    tensors = [Tensor(f"t{i}", tuple(s)) for i, s in enumerate(in_shapes)]
    tensors.append(Tensor("out", tuple(out_shape)))
    op = Op(op_type, tuple(range(len(in_shapes))), (len(in_shapes),))
    return OpGraph(tensors, [op], (0,), (len(in_shapes),)), op


CASES = {
    # N H_o W_o C_o x K_h K_w x C_i
    "conv": ("CONV_2D", [(2, 10, 10, 4), (16, 3, 5, 4), (16,)], (2, 8, 6, 16),
             2 * 8 * 6 * 16 * 3 * 5 * 4),
    # groups = 2: C_i = 8, each output channel reads C_i / 2 = 4 inputs
    "grouped conv": ("CONV_2D", [(1, 10, 10, 8), (16, 3, 3, 4), (16,)], (1, 8, 8, 16),
                     8 * 8 * 16 * 3 * 3 * 4),
    "1x1 conv": ("CONV_2D", [(1, 7, 7, 24), (40, 1, 1, 24)], (1, 7, 7, 40),
                 7 * 7 * 40 * 24),
    # depthwise, multiplier 2: each of the 12 outputs reads one input channel
    "depthwise": ("DEPTHWISE_CONV_2D", [(1, 10, 10, 6), (1, 3, 3, 12), (12,)],
                  (1, 8, 8, 12), 8 * 8 * 12 * 3 * 3),
    "depthwise 5x3 strided": ("DEPTHWISE_CONV_2D", [(1, 16, 16, 8), (1, 5, 3, 8)],
                              (1, 8, 8, 8), 8 * 8 * 8 * 5 * 3),
    # B C_i C_o
    "fc": ("FULLY_CONNECTED", [(3, 20), (7, 20), (7,)], (3, 7), 3 * 20 * 7),
    "fc one output": ("FULLY_CONNECTED", [(3, 20), (1, 20)], (3, 1), 3 * 20 * 1),
    "fc rank-4 input": ("FULLY_CONNECTED", [(2, 1, 1, 20), (7, 20)], (2, 7), 2 * 20 * 7),
    # every input pixel scatters K_h K_w C_o products per input channel
    "transpose conv": ("TRANSPOSE_CONV", [(4,), (5, 3, 2, 6), (1, 4, 6, 6)], (1, 8, 12, 5),
                       4 * 6 * 6 * 3 * 2 * 5),
    # B M K N
    "batch matmul": ("BATCH_MATMUL", [(2, 3, 4, 5), (2, 3, 5, 6)], (2, 3, 4, 6),
                     2 * 3 * 4 * 5 * 6),
    # B T x 4 gates x H (F + H): the gate FCs of every step (inputs 0 and 5 are read)
    "lstm": ("UNIDIRECTIONAL_SEQUENCE_LSTM", [(2, 7, 5)] + [(3, 5)] * 4 + [(3, 3)] * 4,
             (2, 7, 3), 2 * 7 * 4 * 3 * (5 + 3)),
    # malformed weights (rank 2): no count rather than an IndexError
    "conv, malformed weights": ("CONV_2D", [(1, 8, 8, 4), (16, 4)], (1, 8, 8, 16), 0),
    "add": ("ADD", [(1, 8, 8, 16), (1, 8, 8, 16)], (1, 8, 8, 16), 0),
    "mean": ("MEAN", [(1, 8, 8, 16), (2,)], (1, 16), 0),
    "max pool": ("MAX_POOL_2D", [(1, 8, 8, 16)], (1, 4, 4, 16), 0),
}


@pytest.mark.parametrize("name", list(CASES))
def test_op_macs_hand_count(name):
    op_type, ins, out, expected = CASES[name]
    g, op = _graph(op_type, ins, out)
    got = op_macs(g, op)
    assert got == expected and type(got) is int  # a count, not a float
    assert total_macs(g) == expected


def _brute_conv_taps(n, h, w, cin, cout, k, groups):
    """Count (output element, tap, input channel) triples of a VALID stride-1 conv."""
    ho, wo, cg = h - k + 1, w - k + 1, cin // groups
    count = 0
    for _b, _y, _x, co in itertools.product(range(n), range(ho), range(wo), range(cout)):
        g = co // (cout // groups)
        count += sum(1 for _ky, _kx, ci in itertools.product(range(k), range(k), range(cin))
                     if ci // cg == g)
    return count


@pytest.mark.parametrize("groups", [1, 2, 4])
def test_conv_and_depthwise_macs_equal_brute_force_tap_count(groups):
    n, h, w, cin, cout, k = 1, 5, 4, 4, 8, 3
    g, op = _graph("CONV_2D", [(n, h, w, cin), (cout, k, k, cin // groups)],
                   (n, h - k + 1, w - k + 1, cout))
    assert op_macs(g, op) == _brute_conv_taps(n, h, w, cin, cout, k, groups)
    # depthwise = groups == C_i (multiplier cout / cin)
    g, op = _graph("DEPTHWISE_CONV_2D", [(n, h, w, cin), (1, k, k, cout)],
                   (n, h - k + 1, w - k + 1, cout))
    assert op_macs(g, op) == _brute_conv_taps(n, h, w, cin, cout, k, cin)


def test_total_macs_sums_the_ops():
    ops, tensors = [], []
    for name in ("conv", "depthwise", "fc", "add"):
        op_type, ins, out, _ = CASES[name]
        base = len(tensors)
        tensors += [Tensor(f"{name}{i}", s) for i, s in enumerate([*ins, out])]
        ops.append(Op(op_type, tuple(range(base, base + len(ins))), (base + len(ins),)))
    g = OpGraph(tensors, ops, (0,), (len(tensors) - 1,))
    assert total_macs(g) == sum(CASES[k][3] for k in ("conv", "depthwise", "fc", "add"))
