"""Datasets -> numpy batches ``{"image" | "audio" | "tokens", "label"}``.

Re-exports the public names of :mod:`jaxeff.data.text`, :mod:`jaxeff.data.sr`,
:mod:`jaxeff.data.vision` and :mod:`jaxeff.data.audio` (each module's ``__all__`` is
the single list).
"""

from jaxeff.data import audio as _audio
from jaxeff.data import sr as _sr
from jaxeff.data import text as _text
from jaxeff.data import vision as _vision
from jaxeff.data.audio import *  # noqa: F403
from jaxeff.data.sr import *  # noqa: F403
from jaxeff.data.text import *  # noqa: F403
from jaxeff.data.vision import *  # noqa: F403

__all__ = [*_text.__all__, *_sr.__all__, *_vision.__all__, *_audio.__all__]
