"""Model inputs shared by the runtime wrappers (LiteRT, TFLM, the ``to_jax`` checks):
seeded random inputs and the count / shape / dtype check that names the offending input."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

Spec = tuple[str, tuple[int, ...], np.dtype]  # (name, shape, dtype) of one input


def _shape(shape: tuple[int, ...], batch: int | None) -> tuple[int, ...]:
    return (batch, *shape[1:]) if batch and shape else tuple(shape)


def random_inputs(specs: Sequence[Spec], seed: int = 0, batch: int | None = None
                  ) -> list[np.ndarray]:
    """Seeded inputs: integer tensors uniform codes ``-128..127`` cast to the
    tensor's dtype (for uint8 the full range 0..255), float tensors standard normal.
    ``batch`` replaces the leading dimension of every input."""
    rng = np.random.default_rng(seed)
    return [
        rng.integers(-128, 128, _shape(shape, batch)).astype(dt)
        if np.issubdtype(dt, np.integer)
        else rng.standard_normal(_shape(shape, batch)).astype(dt)
        for _, shape, dt in specs
    ]


def check_inputs(specs: Sequence[Spec], inputs: Sequence[np.ndarray] | None,
                 seed: int, any_batch: bool = False) -> list[np.ndarray]:
    """``inputs`` as arrays after checking count, shapes and dtypes against
    ``specs`` (``ValueError`` names the input); ``None`` -> :func:`random_inputs`.
    ``any_batch``: the leading dimension may differ from the spec's."""
    if inputs is None:
        return random_inputs(specs, seed)
    if len(inputs) != len(specs):
        raise ValueError(f"inputs: the model has {len(specs)} inputs, got {len(inputs)}")
    out = []
    for i, ((name, shape, dt), x) in enumerate(zip(specs, inputs, strict=True)):
        x = np.asarray(x)
        want = _shape(shape, x.shape[0]) if any_batch and x.ndim == len(shape) else shape
        if x.shape != tuple(want) or x.dtype != dt:
            lead = "[batch, ...]" if any_batch else ""
            raise ValueError(f"inputs[{i}] ({name!r}) must be {np.dtype(dt).name}"
                             f"{list(shape)}{lead}, got {x.dtype.name}{list(x.shape)}")
        out.append(x)
    return out
