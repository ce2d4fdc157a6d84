"""jaxeff.gnn.heldout_nets_l_b (held-out families L, part H; session 36, addendum 4,
pre-registered): L3-Net's audio subnetwork (four blocks of two 3x3 SAME RELU convs of
64, 128, 256, 512 on a 257 x 199 x 1 log-spectrogram, a 2x2 / 2 VALID max pool after
each of the first three, a 32 x 24 whole-map max pool to ``[1, 1, 1, 512]``), kernels,
strides, paddings, map sizes, activations, op counts per type, the pinned
multiply-add and parameter counts (by hand; the loosely recalled 4.7 M parameters),
registration, the int8 build (slow) and the overlap with the training spaces (none
draws it exactly)."""

import inspect
from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_l_b as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _strides

L3_IN, L3_OUT = (1, 257, 199, 1), (1, 1, 1, 512)
C, MP = "CONV_2D", "MAX_POOL_2D"
L3_COUNTS = {C: 8, MP: 4}
L3_TYPES = [C, C, MP] * 4
#: the blocks' (H, W, C_out) and each block's first conv's C_in
BLOCKS = [(257, 199, 64), (128, 99, 128), (64, 49, 256), (32, 24, 512)]
CINS = [1, 64, 128, 256]
#: the convs as (output pixels, C_in, C_out, taps)
LAYERS = [(h * w, ci, co, 9) for (h, w, co), c0 in zip(BLOCKS, CINS, strict=True)
          for ci in (c0, co)]


def test_l3net_audio_vgg_blocks_pools_whole_map_max_and_hand_counts():
    g = _graph(hl.l3net_audio, L3_IN, L3_OUT, 12, L3_COUNTS)
    assert (hl.L3_WIDTHS, hl.L3_CONVS, hl.L3_POOL) == ((64, 128, 256, 512), 2, 2)
    assert g.op_types() == L3_TYPES
    # convs: 3x3 / 1 SAME, RELU fused (batch norms folded), a bias each
    assert _kernels(g, C) == [(3, 3)] * 8
    assert set(_strides(g, C)) == {(1, 1)}
    assert set(_opt(g, C, "padding")) == {"SAME"}
    assert _acts(g, C) == ["RELU"] * 8
    assert {len(op.inputs) for op in g.ops if op.type == C} == {3}
    assert _out_shapes(g, C) == [s for s in BLOCKS for _ in range(2)]
    # pools: 2x2 / 2 VALID after blocks 1-3 (the floor: 257 x 199 -> 128 x 99 -> 64 x
    # 49 -> 32 x 24, the paper's pool1-3), then one 32 x 24 VALID stride-1 window over
    # the whole map (pool4, 1 x 1 x 512); each on its block's second conv
    prod = _producers(g)
    pools = [op for op in g.ops if op.type == MP]
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in pools] == [(2, 2)] * 3 + [(32, 24)]
    assert _strides(g, MP) == [(2, 2)] * 3 + [(1, 1)]
    assert set(_opt(g, MP, "padding")) == {"VALID"}
    assert set(_acts(g, MP)) == {"NONE"}
    assert _out_shapes(g, MP) == [(128, 99, 64), (64, 49, 128), (32, 24, 256),
                                  (1, 1, 512)]
    assert [prod[op.inputs[0]] for op in pools] == [
        op for op in g.ops if op.type == C][1::2]
    assert g.tensors[pools[-1].inputs[0]].shape == (1, 32, 24, 512)
    assert g.outputs == pools[-1].outputs
    # MACs by hand: 51,143 x 9 x (1 + 64) x 64 at 257 x 199; 12,672 x 9 x (64 + 128)
    # x 128; 3,136 x 9 x (128 + 256) x 256; 768 x 9 x (256 + 512) x 512; pools none
    assert [sum(t * ci * co * k for t, ci, co, k in LAYERS[i:i + 2])
            for i in range(0, 8, 2)] == [
        29_458_368 + 1_885_335_552, 934_281_216 + 1_868_562_432,
        924_844_032 + 1_849_688_064, 905_969_664 + 1_811_939_328]
    # parameters: 640 + 36,928 + 73,856 + 147,584 + 295,168 + 590,080 + 1,180,160 +
    # 2,359,808
    assert [ci * co * k + co for _, ci, co, k in LAYERS] == [
        640, 36_928, 73_856, 147_584, 295_168, 590_080, 1_180_160, 2_359_808]
    assert _hand_1d(LAYERS) == (10_210_078_656, 4_684_224)
    # recalled loosely: about 4.7 M parameters (-0.3 %), pinned within 1 %
    _pinned(g, (10_210_078_656, 4_684_224), (None, 4.7e6), (None, 0.01))


def test_no_training_space_draws_l3net_audio_exactly():
    """The overlap stated in ``models.json``: plain's vgg draws 3x3 RELU conv pairs
    with 2x2 max pools on a square 3-channel image; tiny draws one-channel
    spectrograms but at most 12 ops and 100 M MACs (L3-Net 10.2 G); longk's maps stop
    at 128 a side and its pool windows at 8; no sampled max pool window exceeds 13 x
    13 (agg's SPP), none reaches 32 x 24; the earlier models of the same kinds are
    named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces, spaces_agg, spaces_longk, spaces_plain, spaces_tiny

    assert "b.input((1, res, res, 3))" in inspect.getsource(spaces_plain.vgg_net)
    assert spaces_tiny.MAX_MACS < 10_210_078_656
    assert max(spaces_longk.SIDES) == 128 < 257
    assert "min(int(rng.integers(1, 9)), n)" in inspect.getsource(spaces_longk._pool)
    assert "for k in (5, 9, 13)]" in inspect.getsource(spaces_agg)
    rng = np.random.default_rng(50)
    for name, draw in spaces.SAMPLERS.items():
        for _ in range(2):
            g, _ = draw(rng)
            assert all(op.options["filter_height"] * op.options["filter_width"]
                       <= 13 * 13 for op in g.ops if op.type == MP), name
            assert L3_IN not in [g.tensors[i].shape for i in g.inputs], name
    assert not _overlap_unnamed(ph.MODELS, {
        "l3net_audio_257x199": ("vggish_96x64", "panns_cnn6_1001x64", "vgg16_224")})


def test_family_l_h_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION36H == ("l3net_audio_257x199",)
    # after XLIX's part F (SESSION36F); where merged, L's part G (SESSION36G) sits
    # between; every builder model once, registered
    _registered_after(ph, ph.SESSION36H, ph.SESSION36F)
    i = ph.BUILDER_MODELS.index("l3net_audio_257x199")
    assert ph.BUILDER_MODELS[i - 1] in ph.SESSION36F + getattr(ph, "SESSION36G", ())
    assert ph.MODELS["l3net_audio_257x199"][1].split()[0] == "plain"


@pytest.mark.slow
def test_family_l_h_int8():
    # int8 input and output, the float graph's op sequence (so its counts); it keeps
    # the pools' windows and the whole-map max
    g, ins, outs = _int8_io("l3net_audio_257x199")
    assert (ins, outs, g.op_types()) == ([L3_IN], [L3_OUT], L3_TYPES)
    assert Counter(g.op_types()) == L3_COUNTS
    assert _out_shapes(g, MP) == [(128, 99, 64), (64, 49, 128), (32, 24, 256),
                                  (1, 1, 512)]
    assert _strides(g, MP) == [(2, 2)] * 3 + [(1, 1)]
