"""The TFLite reader on two schema features the writer never emits, built by editing a
written model with the official generated schema (``ai_edge_litert``): constants
stored *outside* the flatbuffer (``Buffer.offset``/``size``, the layout of models
over 2 GB) are read from those bytes, and only ``-1`` marks an absent optional
input (any other negative tensor index is a corrupt file). Written for
mutation-testing survivors of issue 26 (2026-12-03)."""

import flatbuffers
import numpy as np
import pytest
from tflite_graphs import fc_softmax_graph

from jaxeff.tflite import TFLiteError, read_main, write_tflite

schema = pytest.importorskip("ai_edge_litert.schema_py_generated")


def _pack(m) -> bytes:
    b = flatbuffers.Builder(1024)
    b.Finish(m.Pack(b), file_identifier=b"TFL3")
    return bytes(b.Output())


def test_constants_stored_after_the_flatbuffer_are_read_from_their_offset():
    g = fc_softmax_graph()
    m = schema.ModelT.InitFromPackedBuf(write_tflite(g), 0)
    wbuf = m.subgraphs[0].tensors[1].buffer  # the FC weights [4, 8] float32
    data = np.asarray(m.buffers[wbuf].data, np.uint8).tobytes()
    assert len(data) == 4 * 8 * 4
    m.buffers[wbuf].data = None
    m.buffers[wbuf].offset, m.buffers[wbuf].size = 1 << 40, len(data)  # placeholder
    n = len(_pack(m))  # the same length once the real offset is written (uint64 field)
    off = (n + 15) // 16 * 16
    m.buffers[wbuf].offset = off
    head = _pack(m)
    assert len(head) == n
    blob = head + b"\0" * (off - n) + data + b"\0" * 8  # trailing bytes after the data
    got = read_main(blob)
    np.testing.assert_array_equal(got.tensors[1].data, g.tensors[1].data)
    assert got.tensors[1].data.dtype == np.float32
    # the same offset past the end of the file is a clear error
    with pytest.raises(TFLiteError, match="beyond the file"):
        read_main(head + b"\0" * (off - n) + data[:-1])


@pytest.mark.parametrize("bad", [-2, -7])
def test_negative_tensor_index_other_than_minus_one_is_rejected(bad):
    m = schema.ModelT.InitFromPackedBuf(write_tflite(fc_softmax_graph()), 0)
    op = m.subgraphs[0].operators[0]
    op.inputs = np.array([0, 1, -1], np.int32)  # no bias: valid
    assert read_main(_pack(m)).ops[0].inputs == (0, 1, -1)
    op.inputs = np.array([0, 1, bad], np.int32)
    with pytest.raises(TFLiteError, match=f"refers to tensor {bad} of 5"):
        read_main(_pack(m))
