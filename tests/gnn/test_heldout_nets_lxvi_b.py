"""jaxeff.gnn.heldout_nets_lxvi_b (held-out families LXVI, part B; session 40,
addendum 2, pre-registered): Strodthoff et al.'s xresnet1d101 on a 1 x 1,000 x 12
PTB-XL record, LXV's xresnet1d50 with bottleneck blocks [3, 4, 23, 3] (stage 3 of
23 blocks at OW 63), every other choice the same: the generalised builder leaves
xresnet1d50's graph byte for byte; the kernels, strides, paddings, output shapes,
activations, the wiring of the blocks and the head (LXV's checks), op counts per
type, the pinned multiply-add and parameter counts (by hand), registration, the
int8 build (slow) and the overlap with the training spaces (none draws it
exactly)."""

from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_lxv as hx
from jaxeff.gnn import heldout_nets_lxvi_b as hb
from jaxeff.gnn.build import NetBuilder
from jaxeff.tflite.writer import write_tflite
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_lxv import (
    _A_PLAIN, _A_SC, _DOWN, _PLAIN, _S1, _S2, _S4, _STEM, _WIDEN, A, AP, CC, FC, MP,
    XR_FCS, XR_IN, XR_OUT, C, M, _xresnet_structure)
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d
from tests.gnn.test_heldout_nets_xxxviii import _strides

NAME = "xresnet1d101_ptbxl_1000x12"
#: 3 stem + 33 x 3 block convs + 4 shortcut convs; 33 blocks, 33 ADDs
XR101_COUNTS = {C: 106, MP: 2, AP: 3, A: 33, M: 1, CC: 1, FC: 2}
XR101_TYPES = ([C, C, C, MP] + _WIDEN + _PLAIN * 2 + _DOWN + _PLAIN * 3 + _DOWN
               + _PLAIN * 22 + _DOWN + _PLAIN * 2 + [MP, M, CC, FC, FC])
#: stage 3: the downsampling block (125 -> 63; 1x1 512 -> 256, 1x5 / 2, 1x1 256 ->
#: 1024, shortcut 1x1 512 -> 1024 on the average pool), then 22 blocks at OW 63
_S3_101 = ([(125, 512, 256, 1, 1), (63, 256, 256, 5, 2), (63, 256, 1024, 1, 1),
            (63, 512, 1024, 1, 1)]
           + [(63, 1024, 256, 1, 1), (63, 256, 256, 5, 1), (63, 256, 1024, 1, 1)] * 22)
XR101_CONVS = _STEM + _S1 + _S2 + _S3_101 + _S4
XR101_CONV_ACTS = (["RELU"] * 3 + _A_SC + _A_PLAIN * 2 + _A_SC + _A_PLAIN * 3 + _A_SC
                   + _A_PLAIN * 22 + _A_SC + _A_PLAIN * 2)


def _tflite(f):
    b = NetBuilder(np.random.default_rng(0), "t", share_consts=True)
    return write_tflite(b.finish([f(b, b.input(XR_IN))]))


def test_generalised_builder_keeps_xresnet1d50_byte_for_byte():
    # xresnet1d with LXV's blocks writes the same flatbuffer (ops, options, seeded
    # weights) as xresnet1d50, and its sha256 is the one before the builder took a
    # ``blocks`` argument (session 40, commit 77f8e99)
    import hashlib

    ref = _tflite(hx.xresnet1d50)
    assert _tflite(lambda b, x: hx.xresnet1d(b, x, (3, 4, 6, 3))) == ref
    assert hashlib.sha256(ref).hexdigest() == (
        "b3257c685c8266397b6f272a0b1c33433a37a37cdeee40fd58b15295e7336dee")
    assert hb.XR101_BLOCKS == (3, 4, 23, 3) and hx.XR_BLOCKS == (3, 4, 6, 3)


def test_xresnet1d101_stage3_of_23_blocks_and_hand_counts():
    g = _graph(hb.xresnet1d101, XR_IN, XR_OUT, 148, XR101_COUNTS)
    assert g.op_types() == XR101_TYPES and len(XR101_CONVS) == 106
    assert "SOFTMAX" not in g.op_types() and "LOGISTIC" not in g.op_types()
    _xresnet_structure(g, XR101_CONVS, XR101_CONV_ACTS, 33)
    # the W1-domain convs: stage 3's 22 stride-1 1x5s (256 -> 256 at OW 63) and
    # stage 4's two (512 -> 512 at OW 32)
    w1 = [(t, ci, co) for t, ci, co, k, s in XR101_CONVS
          if k == 5 and s == 1 and ci >= 256]
    assert w1 == [(63, 256, 256)] * 22 + [(32, 512, 512)] * 2
    # MACs by hand: a plain stage-3 block 1x1 1024 -> 256, 1x5 256 -> 256, 1x1 256
    # -> 1024 at OW 63; the downsampling block 1x1 512 -> 256 at OW 125, 1x5 / 2,
    # 1x1 256 -> 1024, shortcut 1x1 512 -> 1024 at OW 63
    plain = 63 * 1024 * 256 + 63 * 256 * 256 * 5 + 63 * 256 * 1024
    assert plain == 16_515_072 + 20_643_840 + 16_515_072 == 53_673_984
    down = 125 * 512 * 256 + 63 * 256 * 256 * 5 + 63 * 256 * 1024 + 63 * 512 * 1024
    assert down == 86_573_056
    stage_macs = [sum(t * ci * co * k for t, ci, co, k, _ in s)
                  for s in (_STEM, _S1, _S2, _S3_101, _S4)]
    assert stage_macs == [8_640_000, 40_960_000, 122_880_000, 1_267_400_704,
                          393_740_288]
    assert down + 22 * plain == 1_267_400_704
    fc_macs = 4096 * 128 + 128 * 71
    assert fc_macs == 533_376
    assert sum(stage_macs) + fc_macs == 1_834_154_368
    # xresnet1d50's count plus 17 plain blocks
    assert 921_696_640 + 17 * plain == 1_834_154_368
    # parameters by hand (weights and biases)
    plain_p = (1024 * 256 + 256) + (256 * 256 * 5 + 256) + (256 * 1024 + 1024)
    assert plain_p == 262_400 + 327_936 + 263_168 == 853_504
    down_p = ((512 * 256 + 256) + (256 * 256 * 5 + 256) + (256 * 1024 + 1024)
              + (512 * 1024 + 1024))
    assert down_p == 1_247_744
    stage_params = [sum(ci * co * k + co for _, ci, co, k, _ in s)
                    for s in (_STEM, _S1, _S2, _S3_101, _S4)]
    assert stage_params == [17_408, 165_248, 953_856, 20_024_832, 11_807_744]
    assert down_p + 22 * plain_p == 20_024_832
    fc_p = (4096 * 128 + 128) + (128 * 71 + 71)
    assert fc_p == 533_575
    assert sum(stage_params) + fc_p == 33_502_663
    assert 18_993_095 + 17 * plain_p == 33_502_663
    layers = [(t, ci, co, k) for t, ci, co, k, _ in XR101_CONVS] + XR_FCS
    assert _hand_1d(layers) == (1_834_154_368, 33_502_663)
    # published: no count recalled precisely enough; not pinned
    _pinned(g, (1_834_154_368, 33_502_663), (None, None), (None, None))


def test_no_training_space_draws_the_lxvi_b_model_exactly():
    """The overlap stated in ``models.json``: as xresnet1d50's (resnet's square RGB
    bottlenecks of 1-4 blocks per stage, longk's 1-D signals without ADD on 1-3
    channels; pinned in the LXV test), the sibling and the earlier models of the
    same kinds named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces_longk

    assert 12 not in spaces_longk.IN_C and spaces_longk.MAX_OPS < 148
    assert not _overlap_unnamed(ph.MODELS, {
        NAME: ("xresnet1d50_ptbxl_1000x12", "resnet101_224", "resnet_ts_500",
               "hannun_ecg_resnet_256")})


def test_family_lxvi_b_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION40E == (NAME,)
    # after LXV (later families may sit between or follow); every builder model once
    _registered_after(ph, ph.SESSION40E, ph.SESSION40C)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION40E] == ["resnet"]


@pytest.mark.slow
def test_family_lxvi_b_int8():
    # int8 input and output, the float graph's op sequence (so its counts), the
    # convs' taps, strides, widths and fused RELUs, the ADDs' RELUs
    g, ins, outs = _int8_io(NAME)
    assert (ins, outs) == ([XR_IN], [XR_OUT])
    assert Counter(g.op_types()) == XR101_COUNTS and g.op_types() == XR101_TYPES
    assert _kernels(g, C) == [(1, k) for _, _, _, k, _ in XR101_CONVS]
    assert _strides(g, C) == [(1, s) for *_, s in XR101_CONVS]
    assert _out_shapes(g, C) == [(1, t, co) for t, _, co, _, _ in XR101_CONVS]
    assert _acts(g, C) == XR101_CONV_ACTS and _acts(g, A) == ["RELU"] * 33
    assert _out_shapes(g, AP) == [(1, 125, 256), (1, 63, 512), (1, 32, 1024)]
