"""Capture what native (C++) runtime code writes to file descriptors 1 and 2.

Vela's C++ core and the TFLM interpreter print to the process's stdout / stderr
file descriptors, below Python's ``sys.stdout``; TFLM's ``PrintAllocations`` is
the only place it reports the arena it used.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator


@contextlib.contextmanager
def native_output() -> Iterator[list[str]]:
    """Redirect fds 1 and 2 into a temporary file for the ``with`` block; the
    yielded list receives the captured text (one string) when the block exits."""
    for f in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            f.flush()
    out: list[str] = []
    saved = [os.dup(1), os.dup(2)]
    with tempfile.TemporaryFile() as tmp:
        try:
            os.dup2(tmp.fileno(), 1)
            os.dup2(tmp.fileno(), 2)
            yield out
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            for fd in saved:
                os.close(fd)
            tmp.seek(0)
            out.append(tmp.read().decode(errors="replace"))
