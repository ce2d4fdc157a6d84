"""Model inputs shared by the runtime wrappers: seeded random inputs and the
shape / dtype check that names the offending input."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

Spec = tuple[str, tuple[int, ...], np.dtype]  # (name, shape, dtype) of one input


def random_inputs(specs: Sequence[Spec], seed: int = 0) -> list[np.ndarray]:
    """Seeded inputs: integer tensors uniform codes ``-128..127`` cast to the
    tensor's dtype, float tensors standard normal."""
    rng = np.random.default_rng(seed)
    return [
        rng.integers(-128, 128, shape).astype(dt)
        if np.issubdtype(dt, np.integer)
        else rng.standard_normal(shape).astype(dt)
        for _, shape, dt in specs
    ]


def check_inputs(specs: Sequence[Spec], inputs: Sequence[np.ndarray] | None,
                 seed: int) -> list[np.ndarray]:
    """``inputs`` as arrays after checking count, shapes and dtypes against
    ``specs`` (``ValueError`` names the input); ``None`` -> :func:`random_inputs`."""
    if inputs is None:
        return random_inputs(specs, seed)
    if len(inputs) != len(specs):
        raise ValueError(f"inputs: the model has {len(specs)} inputs, got {len(inputs)}")
    out = []
    for i, ((name, shape, dt), x) in enumerate(zip(specs, inputs, strict=True)):
        x = np.asarray(x)
        if x.shape != shape or x.dtype != dt:
            raise ValueError(f"inputs[{i}] ({name!r}) must be {dt.name}{list(shape)}, "
                             f"got {x.dtype.name}{list(x.shape)}")
        out.append(x)
    return out
