"""Nibble / byte / word packing of the asymmetric SIMD kernel (arXiv 2008.00638)."""

import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.isa import pack
from jaxeff.isa import reference as R


def test_int4_round_trip_all_values_both_positions():
    v = np.arange(-8, 8)
    pairs = np.stack(np.meshgrid(v, v, indexing="ij"), -1).reshape(-1, 2)  # 256 bytes
    packed = np.asarray(pack.pack_int4(pairs))
    assert packed.dtype == np.uint8 and sorted(packed[:, 0].tolist()) == list(range(256))
    assert np.array_equal(np.asarray(pack.unpack_int4(packed)), pairs)
    assert pack.pack_int4(np.array([-1, 0]))[0] == 0x0F  # low nibble first
    assert pack.pack_int4(np.array([0, -8]))[0] == 0x80


def test_kleidiai_offset8_format():
    v = np.arange(-8, 8)
    ours = pack.pack_int4(np.stack([v, v[::-1]], -1))
    kai = np.asarray(pack.to_kleidiai(ours))[:, 0]
    assert np.array_equal(kai & 15, v + 8) and np.array_equal(kai >> 4, v[::-1] + 8)
    assert np.array_equal(np.asarray(pack.from_kleidiai(kai)), np.asarray(ours)[:, 0])


def test_words_and_lanes_agree_with_reference_layout():
    rng = np.random.default_rng(0)
    regs = rng.integers(0, 256, (50, 16), dtype=np.uint8)
    words = pack.bytes_to_words(regs)
    assert words.dtype == jnp.uint32
    assert np.array_equal(np.asarray(pack.words_to_bytes(words)), regs)
    for width in (4, 8, 16, 32):
        for signed in (True, False):
            got = np.asarray(pack.word_lanes(words, width, signed))
            ref = np.array([R.lanes(r, width, signed) for r in regs])
            if width == 32 and not signed:  # int32 lanes hold the bit pattern
                ref = ref.astype(np.uint32).view(np.int32)
            assert np.array_equal(got, ref), (width, signed)
            back = pack.lanes_to_words(jnp.asarray(got, jnp.int32), width)
            assert np.array_equal(np.asarray(back), np.asarray(words))


def test_tile_packing_layout():
    rng = np.random.default_rng(1)
    a, b = rng.integers(-128, 128, (4, 16)), rng.integers(-8, 8, (16, 8))
    ar, br = pack.pack_a_tiles(a), pack.pack_b_tiles(b)
    assert ar.shape == (2, 2, 4) and br.shape == (2, 2, 4)
    a_bytes = np.asarray(pack.words_to_bytes(ar[1, 0]))
    assert R.lanes(a_bytes, 8, True) == a[2:4, 0:8].ravel().tolist()
    b_bytes = np.asarray(pack.words_to_bytes(br[1, 1]))
    assert R.lanes(b_bytes, 4, True) == b[8:16, 4:8].T.ravel().tolist()


def test_pack_errors():
    with pytest.raises(ValueError, match=r"\[-8, 7\]"):
        pack.pack_int4(np.array([0, 8]))
    with pytest.raises(ValueError, match="even"):
        pack.pack_int4(np.array([0, 1, 2]))
    with pytest.raises(TypeError, match="integer"):
        pack.pack_int4(np.array([0.0, 1.0]))
    with pytest.raises(TypeError, match="uint8"):
        pack.unpack_int4(np.array([1, 2], np.int32))
    with pytest.raises(ValueError, match="lane width"):
        pack.word_lanes(jnp.zeros(4, jnp.uint32), 12, True)
    with pytest.raises(ValueError, match="M%2"):
        pack.pack_a_tiles(np.zeros((3, 8), np.int32))
    with pytest.raises(ValueError, match="K%8"):
        pack.pack_b_tiles(np.zeros((8, 3), np.int32))
    with pytest.raises(ValueError, match=r"uint8 \[\.\.\., 4n\]"):
        pack.bytes_to_words(np.zeros(6, np.uint8))
