"""PerfSAGE (arXiv 2301.10999): graph features, spaces, labels, GNN.

TFLite reading / writing and the op-graph IR live in :mod:`jaxeff.tflite`."""

from jaxeff.gnn.graph import pad_batch, to_graphs_tuple

__all__ = ["pad_batch", "to_graphs_tuple"]
