"""jaxeff.isa.pack.lanes_to_words names the lane count of any rank in its error
(mutation survivor of issue 26), and packs exactly at the whole-word boundary."""

import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.isa import pack


@pytest.mark.parametrize("shape", [(5,), (2, 3, 5)])
def test_partial_words_are_refused_naming_the_last_axis(shape):
    with pytest.raises(ValueError, match="5 lanes of 8 bits are not whole words"):
        pack.lanes_to_words(jnp.zeros(shape, jnp.int32), 8)


def test_whole_words_round_trip_on_a_batched_input():
    v = (jnp.arange(48, dtype=jnp.int32) % 16 - 8).reshape(2, 3, 8)  # s4 lanes
    w = pack.lanes_to_words(v, 4)  # 8 lanes of 4 bits: one word
    assert w.shape == (2, 3, 1) and w.dtype == jnp.uint32
    np.testing.assert_array_equal(np.asarray(pack.word_lanes(w, 4, True)), np.asarray(v))
