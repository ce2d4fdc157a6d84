"""jaxeff.gnn.heldout_nets_xxxviii_b (held-out families XXXVIII, part b; session 32,
addendum 1): the published kernels, strides, paddings (the stride-160, -5 and -4
convs each one VALID CONV_2D, no PAD), output shapes, activations, op counts per
type, the pinned multiply-add and parameter counts (by hand), registration, int8
builds (both: Wav2Letter's 26 M weights build in seconds here) and the overlap with
the training spaces (none draws either exactly)."""

from collections import Counter

import pytest

from jaxeff.gnn import heldout_nets_xxxviii_b as hb
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _strides

WAV2LETTER_COUNTS = {"CONV_2D": 12}
WAV2VEC_COUNTS = {"CONV_2D": 5}


def test_wav2letter_raw_stride_160_valid_stem_and_counts():
    g = _graph(hb.wav2letter_raw, (1, 1, 16000, 1), (1, 1, 50, 40), 12,
               WAV2LETTER_COUNTS)
    assert g.op_types() == ["CONV_2D"] * 12
    assert _kernels(g, "CONV_2D") == [(1, 250), (1, 48)] + [(1, 7)] * 7 + [
        (1, 32), (1, 1), (1, 1)]
    assert _strides(g, "CONV_2D") == [(1, 160), (1, 2)] + [(1, 1)] * 10
    assert _opt(g, "CONV_2D", "padding") == ["VALID"] + ["SAME"] * 11
    assert _acts(g, "CONV_2D") == ["RELU"] * 11 + ["NONE"]
    # (16000 - 250) / 160 + 1 = 99 frames, then ceil(99 / 2) = 50
    assert _out_shapes(g, "CONV_2D") == [(1, 99, 250)] + [(1, 50, 250)] * 8 + [
        (1, 50, 2000), (1, 50, 2000), (1, 50, 40)]
    # the width-32 conv: 16 M weights
    assert g.tensors[g.ops[9].inputs[1]].shape == (2000, 1, 32, 250)
    layers = [(99, 1, 250, 250), (50, 250, 250, 48)] + [(50, 250, 250, 7)] * 7 + [
        (50, 250, 2000, 32), (50, 2000, 2000, 1), (50, 2000, 40, 1)]
    assert _hand_1d(layers) == (1_313_312_500, 26_211_290)
    # published: no count in the paper
    _pinned(g, (1_313_312_500, 26_211_290), (None, None), (None, None))


def test_wav2vec_encoder_five_valid_strided_convs_and_counts():
    g = _graph(hb.wav2vec_encoder, (1, 1, 16000, 1), (1, 1, 98, 512), 5,
               WAV2VEC_COUNTS)
    assert _kernels(g, "CONV_2D") == [(1, 10), (1, 8), (1, 4), (1, 4), (1, 4)]
    assert _strides(g, "CONV_2D") == [(1, 5), (1, 4), (1, 2), (1, 2), (1, 2)]
    assert set(_opt(g, "CONV_2D", "padding")) == {"VALID"}
    assert set(_acts(g, "CONV_2D")) == {"RELU"}
    # total stride 160, receptive field 465 samples: 98 frames for 1 s
    assert _out_shapes(g, "CONV_2D") == [(1, 3199, 512), (1, 798, 512), (1, 398, 512),
                                         (1, 198, 512), (1, 98, 512)]
    layers = [(3199, 1, 512, 10), (798, 512, 512, 8), (398, 512, 512, 4),
              (198, 512, 512, 4), (98, 512, 512, 4)]
    assert _hand_1d(layers) == (2_417_617_920, 5_250_560)
    # published: no count for the encoder alone in the paper
    _pinned(g, (2_417_617_920, 5_250_560), (None, None), (None, None))


def test_no_training_space_draws_a_xxxviii_b_model_exactly():
    """The overlap stated in ``models.json``: tiny's filters stop at 128 (250, 2,000
    and 512 here) and its MACs at 100 M; M5 the earlier raw-waveform model."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces_tiny as st

    assert max(st.FILTERS) == 128 < 250
    assert st.MAX_MACS < 1_313_312_500
    for m in ph.SESSION32B:
        assert "same configuration" not in ph.MODELS[m][1]
        assert "(partly" in ph.MODELS[m][1]
        assert "m5_32000" in ph.MODELS[m][1] and "m5_raw_32000" in ph.MODELS[m][1]


@pytest.mark.slow  # CI budget (session 35): the int8 build; the hand counts stay
def test_families_xxxviii_b_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION32B == ("wav2letter_raw_16000", "wav2vec_enc_16000")
    i = ph.BUILDER_MODELS.index(ph.SESSION32B[0])
    assert ph.BUILDER_MODELS[i - 6:i] == ph.SESSION32A
    assert ph.BUILDER_MODELS[i:i + 2] == ph.SESSION32B
    assert ph.BUILDER_MODELS[i + 2:i + 6] == ph.SESSION32C
    assert len(set(ph.BUILDER_MODELS)) == len(ph.BUILDER_MODELS)
    assert set(ph.SESSION32B) <= set(ph.MODELS)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION32B] == ["tiny", "tiny"]
    io = {"wav2letter_raw_16000": ((1, 1, 16000, 1), (1, 1, 50, 40),
                                   WAV2LETTER_COUNTS),
          "wav2vec_enc_16000": ((1, 1, 16000, 1), (1, 1, 98, 512), WAV2VEC_COUNTS)}
    for name, (shape, out, counts) in io.items():
        g, ins, outs = _int8_io(name)
        assert ins == [shape] and outs == [out], name
        assert Counter(g.op_types()) == counts, name
        # no PAD: the strided convs stay single VALID CONV_2Ds
        assert g.op_types()[0] == "CONV_2D", name
