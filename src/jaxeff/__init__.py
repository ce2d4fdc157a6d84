"""jaxeff: efficient deep learning methods in JAX/Flax.

Subpackages: ``ops`` (pure quantization / transform functions), ``nets`` (Flax
modules), ``data`` (numpy datasets), ``ptq`` (post-training quantization
recipes), ``inject`` (PTQ and Winograd into any Flax model by rules), ``search``
(scale search, NAS), ``tflite`` (TFLite files; LiteRT, Vela and TFLite Micro
runs), ``gnn`` (PerfSAGE), ``isa``, ``train`` / ``metrics`` / ``report``.
"""

__version__ = "0.1.0"
