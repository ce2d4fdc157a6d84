"""PerfSAGE (arXiv 2301.10999): TFLite I/O, op-graph IR, spaces, labels, GNN."""

from jaxeff.gnn.graph import Op, OpGraph, Tensor, pad_batch, to_graphs_tuple
from jaxeff.gnn.tflite import TFLiteError, read_main, read_tflite, write_tflite

__all__ = [
    "Op",
    "OpGraph",
    "Tensor",
    "TFLiteError",
    "pad_batch",
    "read_main",
    "read_tflite",
    "to_graphs_tuple",
    "write_tflite",
]
