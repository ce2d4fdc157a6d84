"""Optional dependencies, imported on first use with an error that names the extra.

The core install (``pip install jaxeff``) brings the design card's packages: jax, flax,
optax, evosax, jraph, numpy, chex, plus tqdm. Everything else is an extra:

========== ================================================ ==========================
extra      packages                                         used by
========== ================================================ ==========================
``tflite`` ai-edge-litert, ethos-u-vela, flatbuffers,       ``jaxeff.tflite`` (TFLite
           tflite-micro                                     I/O, LiteRT / Vela / TFLM)
``data``   scikit-learn, Pillow                             bundled digits, image files
``plots``  matplotlib                                       ``jaxeff.report`` plots
``dist``   dask, distributed                                ``jaxeff.gnn.distributed``
                                                            (PerfSAGE labelling on Dask)
``all``    all of the above
========== ================================================ ==========================
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["MissingExtraError", "require"]

#: top-level import name -> (PyPI distribution, extra that provides it)
EXTRAS: dict[str, tuple[str, str]] = {
    "ai_edge_litert": ("ai-edge-litert", "tflite"),
    "ethosu": ("ethos-u-vela", "tflite"),
    "flatbuffers": ("flatbuffers", "tflite"),
    "tflite_micro": ("tflite-micro", "tflite"),
    "sklearn": ("scikit-learn", "data"),
    "PIL": ("Pillow", "data"),
    "matplotlib": ("matplotlib", "plots"),
    "distributed": ("distributed", "dist"),
}


class MissingExtraError(ImportError):
    """An optional dependency is not installed; the message names the extra."""


def require(module: str, *, purpose: str = "") -> ModuleType:
    """Import ``module`` (dotted name) or raise :class:`MissingExtraError`.

    The error names the PyPI package and the jaxeff extra to install, e.g.
    ``pip install 'jaxeff[tflite]'``.
    """
    top = module.split(".")[0]
    if top not in EXTRAS:
        raise KeyError(f"{top!r} is not a declared optional dependency of jaxeff")
    try:
        return importlib.import_module(module)
    except ImportError as e:
        dist, extra = EXTRAS[top]
        what = f" for {purpose}" if purpose else ""
        raise MissingExtraError(
            f"{module!r} is needed{what} but is not installed (package {dist!r}): "
            f"pip install 'jaxeff[{extra}]'"
        ) from e
