"""jaxeff.gnn.heldout_nets_lxv (held-out family LXV; session 40, addendum 1,
pre-registered): the structure of Strodthoff et al.'s xresnet1d50 on a 1 x 1,000 x
12 PTB-XL record (a stem of three 1x5 SAME RELU convs of 32 / 2, 32, 64 and a max
pool 1x3 / 2 SAME; 16 bottlenecks [3, 4, 6, 3] of 1x1 / 1x5 / 1x1 convs, mid 64-512,
expansion 4, the stride 2 on the 1x5, ResNet-D shortcuts of an average pool 1x2 / 2
SAME and a 1x1 conv; ADD RELU; a concat of a whole-width max pool and a MEAN, FC 128
RELU, FC 71 logits): its kernels, strides, paddings, output shapes, activations, the
wiring of the blocks, op counts per type, the pinned multiply-add and parameter
counts (by hand), registration, the int8 build (slow) and the overlap with the
training spaces (none draws it exactly)."""

from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_lxv as hx
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

C, MP, AP, A, M, CC, FC = ("CONV_2D", "MAX_POOL_2D", "AVERAGE_POOL_2D", "ADD", "MEAN",
                           "CONCATENATION", "FULLY_CONNECTED")

XR_IN, XR_OUT = (1, 1, 1000, 12), (1, 71)
XR_COUNTS = {C: 55, MP: 2, AP: 3, A: 16, M: 1, CC: 1, FC: 2}
#: per block: the three convs, then (first blocks) the shortcut's pool / conv, ADD
_PLAIN, _WIDEN, _DOWN = [C, C, C, A], [C, C, C, C, A], [C, C, C, AP, C, A]
XR_TYPES = ([C, C, C, MP] + _WIDEN + _PLAIN * 2 + _DOWN + _PLAIN * 3 + _DOWN
            + _PLAIN * 5 + _DOWN + _PLAIN * 2 + [MP, M, CC, FC, FC])

#: the convs in graph order as (output frames, C_in, C_out, taps, stride); SAME
#: widths ceil(W / s): 1000 -> 500 (stem), the max pool 500 -> 250, then 250 -> 125
#: -> 63 -> 32 at the first blocks of stages 2-4
_STEM = [(500, 12, 32, 5, 2), (500, 32, 32, 5, 1), (500, 32, 64, 5, 1)]
_S1 = ([(250, 64, 64, 1, 1), (250, 64, 64, 5, 1), (250, 64, 256, 1, 1),
        (250, 64, 256, 1, 1)]
       + [(250, 256, 64, 1, 1), (250, 64, 64, 5, 1), (250, 64, 256, 1, 1)] * 2)
_S2 = ([(250, 256, 128, 1, 1), (125, 128, 128, 5, 2), (125, 128, 512, 1, 1),
        (125, 256, 512, 1, 1)]
       + [(125, 512, 128, 1, 1), (125, 128, 128, 5, 1), (125, 128, 512, 1, 1)] * 3)
_S3 = ([(125, 512, 256, 1, 1), (63, 256, 256, 5, 2), (63, 256, 1024, 1, 1),
        (63, 512, 1024, 1, 1)]
       + [(63, 1024, 256, 1, 1), (63, 256, 256, 5, 1), (63, 256, 1024, 1, 1)] * 5)
_S4 = ([(63, 1024, 512, 1, 1), (32, 512, 512, 5, 2), (32, 512, 2048, 1, 1),
        (32, 1024, 2048, 1, 1)]
       + [(32, 2048, 512, 1, 1), (32, 512, 512, 5, 1), (32, 512, 2048, 1, 1)] * 2)
XR_CONVS = _STEM + _S1 + _S2 + _S3 + _S4
_STEM_L = [(t, ci, co, k) for t, ci, co, k, _ in _STEM]
#: the FCs: the concat of 2 x 2048 into 128, then 71
XR_FCS = [(1, 4096, 128, 1), (1, 128, 71, 1)]
#: per conv: RELU on the stem and the bottlenecks' first two convs; none on the
#: third or the shortcut conv
_A_PLAIN, _A_SC = ["RELU", "RELU", "NONE"], ["RELU", "RELU", "NONE", "NONE"]
XR_CONV_ACTS = (["RELU"] * 3 + _A_SC + _A_PLAIN * 2 + _A_SC + _A_PLAIN * 3 + _A_SC
                + _A_PLAIN * 5 + _A_SC + _A_PLAIN * 2)


def test_xresnet1d50_stem_bottlenecks_resnet_d_shortcuts_head_and_hand_counts():
    g = _graph(hx.xresnet1d50, XR_IN, XR_OUT, 80, XR_COUNTS)
    assert (hx.XR_LEN, hx.XR_LEADS, hx.XR_STEM, hx.XR_STEM_K, hx.XR_STEM_POOL,
            hx.XR_BLOCKS, hx.XR_MID, hx.XR_EXPANSION, hx.XR_K, hx.XR_SC_POOL,
            hx.XR_HIDDEN, hx.XR_CLASSES) == (1000, 12, (32, 32, 64), 5, (3, 2),
                                             (3, 4, 6, 3), (64, 128, 256, 512), 4,
                                             5, 2, 128, 71)
    assert g.op_types() == XR_TYPES and len(XR_CONVS) == 55
    assert "SOFTMAX" not in g.op_types() and "LOGISTIC" not in g.op_types()
    _xresnet_structure(g, XR_CONVS, XR_CONV_ACTS, 16)
    # the W1-domain convs: stage 3's five stride-1 1x5s (256 -> 256 at OW 63) and
    # stage 4's two (512 -> 512 at OW 32)
    w1 = [(t, ci, co) for t, ci, co, k, s in XR_CONVS
          if k == 5 and s == 1 and ci >= 256]
    assert w1 == [(63, 256, 256)] * 5 + [(32, 512, 512)] * 2
    # the widths by hand: SAME ceil(W / s)
    assert (-(-1000 // 2), -(-500 // 2), -(-250 // 2), -(-125 // 2), -(-63 // 2)) == (
        500, 250, 125, 63, 32)
    # MACs and parameters by hand
    layers = [(t, ci, co, k) for t, ci, co, k, _ in XR_CONVS] + XR_FCS
    assert [t * ci * co * k for t, ci, co, k in _STEM_L] == [960_000, 2_560_000,
                                                             5_120_000]
    stage_macs = [sum(t * ci * co * k for t, ci, co, k, _ in s)
                  for s in (_STEM, _S1, _S2, _S3, _S4)]
    assert stage_macs == [8_640_000, 40_960_000, 122_880_000, 354_942_976,
                          393_740_288]
    # the first blocks: 1x1 + 1x5 + 1x1 + shortcut
    assert 1_024_000 + 5_120_000 + 4_096_000 + 4_096_000 == 14_336_000
    assert 14_336_000 + 2 * 13_312_000 == 40_960_000
    assert 8_192_000 + 10_240_000 + 8_192_000 + 16_384_000 == 43_008_000
    assert 43_008_000 + 3 * 26_624_000 == 122_880_000
    assert 16_384_000 + 20_643_840 + 16_515_072 + 33_030_144 == 86_573_056
    assert 86_573_056 + 5 * 53_673_984 == 354_942_976
    assert 33_030_144 + 41_943_040 + 33_554_432 + 67_108_864 == 175_636_480
    assert 175_636_480 + 2 * 109_051_904 == 393_740_288
    assert (8_640_000 + 40_960_000 + 122_880_000 + 354_942_976 + 393_740_288
            + 524_288 + 9_088) == 921_696_640
    stage_params = [sum(ci * co * k + co for _, ci, co, k, _ in s)
                    for s in (_STEM, _S1, _S2, _S3, _S4)]
    assert stage_params == [17_408, 165_248, 953_856, 5_515_264, 11_807_744]
    assert [ci * co * k + co for _, ci, co, k in XR_FCS] == [524_416, 9_159]
    assert (17_408 + 165_248 + 953_856 + 5_515_264 + 11_807_744 + 524_416
            + 9_159) == 18_993_095
    assert _hand_1d(layers) == (921_696_640, 18_993_095)
    # published: no count recalled precisely enough; not pinned
    _pinned(g, (921_696_640, 18_993_095), (None, None), (None, None))


def _xresnet_structure(g, convs_, conv_acts, n_blocks):
    """The xResNet structure of ``g`` (its convs ``convs_`` as (output frames,
    C_in, C_out, taps, stride) with activations ``conv_acts``; ``n_blocks``
    bottlenecks, four of them with a shortcut conv): the convs, the pools, the
    wiring of the blocks and the concat-pooling head into FC 128 RELU, FC 71
    (the output)."""
    convs = [op for op in g.ops if op.type == C]
    # the convs: 1x1 / 1x5 SAME with biases, the stride 2 on the stem's first and on
    # the 1x5 of each stage's first block (2-4), never on a 1x1
    assert _kernels(g, C) == [(1, k) for _, _, _, k, _ in convs_]
    assert _strides(g, C) == [(1, s) for *_, s in convs_]
    assert set(_opt(g, C, "padding")) == {"SAME"}
    assert {len(op.inputs) for op in convs} == {3}
    assert [g.tensors[op.inputs[1]].shape for op in convs] == [
        (co, 1, k, ci) for _, ci, co, k, _ in convs_]
    assert _out_shapes(g, C) == [(1, t, co) for t, _, co, _, _ in convs_]
    assert _acts(g, C) == conv_acts
    # the pools: the stem's max 1x3 / 2 SAME, three average 1x2 / 2 SAME shortcuts
    # (ceil: 125 -> 63, 63 -> 32), the global max 1x32 VALID stride 1
    pools = [op for op in g.ops if op.type in (MP, AP)]
    assert [(op.type, op.options["filter_height"], op.options["filter_width"],
             op.options["stride_h"], op.options["stride_w"], op.options["padding"])
            for op in pools] == [
        (MP, 1, 3, 1, 2, "SAME"), (AP, 1, 2, 1, 2, "SAME"), (AP, 1, 2, 1, 2, "SAME"),
        (AP, 1, 2, 1, 2, "SAME"), (MP, 1, 32, 1, 1, "VALID")]
    assert [g.tensors[op.outputs[0]].shape[1:] for op in pools] == [
        (1, 250, 64), (1, 125, 256), (1, 63, 512), (1, 32, 1024), (1, 1, 2048)]
    # the wiring: each ADD (RELU) sums the block's third conv and its shortcut (the
    # block's input, or a 1x1 conv on it or on its average pool); the block's first
    # conv and shortcut read the same tensor
    assert _acts(g, A) == ["RELU"] * n_blocks
    prod = {o: op for op in g.ops for o in op.outputs}
    ops = g.ops
    adds = [i for i, op in enumerate(ops) if op.type == A]
    starts = [4] + [i + 1 for i in adds[:-1]]
    n_sc = 0
    for s, i in zip(starts, adds, strict=True):
        blk = ops[s:i + 1]
        x = blk[0].inputs[0]
        assert blk[2].outputs[0] == blk[-1].inputs[0]
        assert blk[1].inputs[0] == blk[0].outputs[0]
        assert blk[2].inputs[0] == blk[1].outputs[0]
        sc = blk[-1].inputs[1]
        if len(blk) == 4:
            assert sc == x and g.tensors[x].shape == g.tensors[blk[-1].outputs[0]].shape
        else:
            n_sc += 1
            src = prod[sc]
            assert src.type == C and src is blk[-2]
            if len(blk) == 6:
                assert blk[3].type == AP and blk[3].inputs[0] == x
                assert src.inputs[0] == blk[3].outputs[0]
            else:
                assert src.inputs[0] == x
    assert n_sc == 4 and ops[4].inputs[0] == ops[3].outputs[0]
    # the head: the global max and the MEAN both read the last ADD; concat max
    # first; FC 128 RELU on [1, 1, 1, 4096], FC 71 linear (the logits, the output)
    gmax, mean, cat = ops[-5:-2]
    assert gmax.inputs[0] == mean.inputs[0] == ops[-6].outputs[0] and ops[-6].type == A
    assert g.tensors[mean.inputs[1]].data.tolist() == [1, 2]
    assert mean.options["keep_dims"] is True
    assert list(cat.inputs) == [gmax.outputs[0], mean.outputs[0]]
    assert g.tensors[cat.outputs[0]].shape == (1, 1, 1, 4096)
    assert _fc_weights(g) == [(128, 4096), (71, 128)]
    assert _acts(g, FC) == ["RELU", "NONE"]
    assert g.outputs == ops[-1].outputs


def _resnet_square_longk_plain(g, name):
    """A resnet draw is a square RGB map under 1x1 / 3x3 / 7x7 convs; a longk draw
    holds no ADD and at most 30 ops."""
    shape = g.tensors[g.inputs[0]].shape
    if name == "resnet":
        assert shape[1] == shape[2] and shape[3] == 3
        assert all(g.tensors[op.inputs[1]].shape[1:3] in ((1, 1), (3, 3), (7, 7))
                   for op in g.ops if op.type == C), name
    else:
        assert A not in g.op_types() and len(g.ops) <= 30


def test_no_training_space_draws_the_lxv_model_exactly():
    """The overlap stated in ``models.json``: resnet draws bottlenecks with strided
    1x1 projection shortcuts on square RGB maps (3x3 middles, no 1x5, no average
    pool on a shortcut, no concat head); longk draws 1-D signals of 1,000 samples on
    1-3 channels (never 12) with no ADD and at most 30 ops; no draw takes the
    [1, 1, 1000, 12] input; the earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces, spaces_longk

    assert 12 not in spaces_longk.IN_C and spaces_longk.MAX_OPS < 80
    assert 1000 in spaces_longk.LENGTHS and max(spaces_longk.LAYER_FILTERS) == 128
    rng = np.random.default_rng(40)
    for name in ("resnet", "longk"):
        for _ in range(10):
            g, _ = spaces.SAMPLERS[name](rng)
            shape = g.tensors[g.inputs[0]].shape
            assert shape != XR_IN and shape[-1] != 12, name
            assert CC not in g.op_types(), name
            assert AP not in g.op_types() or name == "longk", name
            _resnet_square_longk_plain(g, name)
    assert not _overlap_unnamed(ph.MODELS, {
        "xresnet1d50_ptbxl_1000x12": ("resnet50_224", "resnet_ts_500",
                                      "hannun_ecg_resnet_256")})


def test_family_lxv_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION40C == ("xresnet1d50_ptbxl_1000x12",)
    # after LXIV, part B (later families may follow); every builder model once
    _registered_after(ph, ph.SESSION40C, ph.SESSION40B)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION40C] == ["resnet"]


@pytest.mark.slow
def test_family_lxv_int8():
    # int8 input and output, the float graph's op sequence (so its counts); the
    # fused RELUs, the SAME widths, the strided 1x5s, the pools and the head
    g, ins, outs = _int8_io("xresnet1d50_ptbxl_1000x12")
    assert (ins, outs) == ([XR_IN], [XR_OUT])
    assert Counter(g.op_types()) == XR_COUNTS and g.op_types() == XR_TYPES
    assert _kernels(g, C) == [(1, k) for _, _, _, k, _ in XR_CONVS]
    assert _strides(g, C) == [(1, s) for *_, s in XR_CONVS]
    assert _acts(g, C) == XR_CONV_ACTS and _acts(g, A) == ["RELU"] * 16
    assert _out_shapes(g, C) == [(1, t, co) for t, _, co, _, _ in XR_CONVS]
    assert _out_shapes(g, AP) == [(1, 125, 256), (1, 63, 512), (1, 32, 1024)]
    assert _out_shapes(g, MP) == [(1, 250, 64), (1, 1, 2048)]
    assert _fc_weights(g) == [(128, 4096), (71, 128)]
