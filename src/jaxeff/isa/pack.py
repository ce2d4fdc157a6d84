"""Register packing for the asymmetric-operand SIMD kernel: nibbles, bytes, words.

"High Throughput Matrix-Matrix Multiplication between Asymmetric Bit-Width Operands"
(arXiv 2008.00638). The jitted kernel (:mod:`jaxeff.isa.simd`) works on 128-bit
registers held as ``uint32 [..., 4]`` words (little-endian: bits ``[32q, 32q+32)``
are word ``q``). Element ``e`` of width ``w`` is bits ``[e*w, (e+1)*w)`` (spec
``hmf_simd.md`` §B2); elements are read with shifts only: an unsigned element is
``(word >> s) & mask`` and a signed one is ``(word << (32 - s - w)) >>> (32 - w)``
(arithmetic shift = sign extension ``sx(v) = v - 2^w [v >= 2^(w-1)]``).

Nibble order (spec §B2 emulator step 1): ``nib[2q] = low``, ``nib[2q+1] = high``
nibble of byte ``q``. KleidiAI stores s4 weights offset by +8 ("qsi4" with the XOR
0x88 trick, ``ARM-software/kleidiai`` docs/matmul_qsi4cx); :func:`to_kleidiai` /
:func:`from_kleidiai` convert.

Tile packing for the GEMM (asmmla shape ``M, K, N = 2, 8, 4``): A tile
``A[i][k] = n[8i+k]`` (row-major bytes), B tile ``B[k][j] = nib[8j+k]``
(column-major nibbles), C tile ``d[4i+j]`` (s16 lanes).
"""

from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax
from jax.experimental import checkify

__all__ = [
    "bytes_to_words",
    "from_kleidiai",
    "lanes_to_words",
    "pack_a_tiles",
    "pack_b_tiles",
    "pack_int4",
    "to_kleidiai",
    "unpack_int4",
    "word_lanes",
    "words_to_bytes",
]

_WIDTHS = (4, 8, 16, 32)


def _check_int(x: jax.Array, name: str) -> None:
    if not jnp.issubdtype(x.dtype, jnp.integer):
        raise TypeError(f"{name} must be an integer array, got dtype {x.dtype}")


def check_range(x: jax.typing.ArrayLike, lo: int, hi: int, name: str, *,
                traced: str = "skip") -> None:
    """Raise ``ValueError`` (naming ``name`` and the range) if ``x`` leaves ``[lo, hi]``.

    Concrete values are checked now. Traced values (under ``jit``) cannot be:
    ``traced="skip"`` skips them; ``traced="checkify"`` emits a
    ``jax.experimental.checkify.check`` with the same message, reported by
    ``checkify.checkify`` (a plain ``jax.jit`` of the caller then fails at trace
    time with JAX's "check which was not functionalized" error);
    ``traced="callback"`` checks on the host at run time through
    ``jax.debug.callback``, so a plain ``jax.jit`` works on valid input and a bad
    input fails the call with a runtime error whose message carries the same
    ``ValueError`` text (never silently).
    """
    try:
        v = np.asarray(x)
    except (jax.errors.TracerArrayConversionError, jax.errors.ConcretizationTypeError):
        if traced == "checkify":
            x = jnp.asarray(x)
            if x.size:
                checkify.check((jnp.min(x) >= lo) & (jnp.max(x) <= hi),
                               f"{name} values must lie in [{lo}, {hi}], got "
                               "[{vmin}, {vmax}]", vmin=jnp.min(x), vmax=jnp.max(x))
        elif traced == "callback":
            x = jnp.asarray(x)
            if x.size:
                jax.debug.callback(functools.partial(_host_range, lo=lo, hi=hi,
                                                     name=name), jnp.min(x), jnp.max(x))
        elif traced != "skip":
            raise ValueError(
                f"traced must be 'skip', 'checkify' or 'callback', got {traced!r}")
        return
    if v.size and (v.min() < lo or v.max() > hi):
        raise ValueError(f"{name} values must lie in [{lo}, {hi}], got "
                         f"[{v.min()}, {v.max()}]")


def _host_range(vmin, vmax, *, lo: int, hi: int, name: str) -> None:
    if vmin < lo or vmax > hi:
        raise ValueError(f"{name} values must lie in [{lo}, {hi}], got [{vmin}, {vmax}]")


def _check_width(width: int) -> None:
    if width not in _WIDTHS:
        raise ValueError(f"lane width must be one of {_WIDTHS}, got {width!r}")


def pack_int4(w: jax.typing.ArrayLike) -> jax.Array:
    """Pack s4 values ``[..., 2n]`` in ``[-8, 7]`` into bytes ``uint8 [..., n]``.

    ``byte[q] = (w[2q] & 15) | (w[2q+1] & 15) << 4`` (spec §B2: low nibble first).
    """
    w = jnp.asarray(w)
    _check_int(w, "w")
    check_range(w, -8, 7, "int4 w")
    if w.ndim < 1 or w.shape[-1] % 2:
        raise ValueError(f"pack_int4 needs an even last dimension, got {w.shape}")
    w = w.astype(jnp.int32) & 15
    return (w[..., 0::2] | (w[..., 1::2] << 4)).astype(jnp.uint8)


def unpack_int4(b: jax.typing.ArrayLike) -> jax.Array:
    """Bytes ``uint8 [..., n]`` -> sign-extended nibbles ``int8 [..., 2n]``.

    ``nib[2q] = sx(b & 15)``, ``nib[2q+1] = sx(b >> 4)`` (spec §B2 step 1).
    """
    b = jnp.asarray(b)
    if b.dtype != jnp.uint8:
        raise TypeError(f"unpack_int4 needs uint8 bytes, got dtype {b.dtype}")
    x = b.astype(jnp.int32)
    lo = lax.shift_right_arithmetic(x << 28, 28)
    hi = lax.shift_right_arithmetic(x << 24, 28)
    return jnp.stack([lo, hi], axis=-1).reshape(*b.shape[:-1], -1).astype(jnp.int8)


def to_kleidiai(b: jax.typing.ArrayLike) -> jax.Array:
    """Two's-complement nibble bytes -> KleidiAI's offset-8 nibbles (XOR 0x88)."""
    b = jnp.asarray(b)
    if b.dtype != jnp.uint8:
        raise TypeError(f"to_kleidiai needs uint8 bytes, got dtype {b.dtype}")
    return b ^ jnp.uint8(0x88)


def from_kleidiai(b: jax.typing.ArrayLike) -> jax.Array:
    """KleidiAI offset-8 nibble bytes (``w + 8``) -> two's-complement (XOR 0x88)."""
    return to_kleidiai(b)


def bytes_to_words(b: jax.typing.ArrayLike) -> jax.Array:
    """``uint8 [..., 4n]`` -> little-endian ``uint32 [..., n]`` words."""
    b = jnp.asarray(b)
    if b.dtype != jnp.uint8 or b.ndim < 1 or b.shape[-1] % 4:
        raise ValueError(f"bytes_to_words needs uint8 [..., 4n], got {b.dtype} {b.shape}")
    q = b.reshape(*b.shape[:-1], -1, 4).astype(jnp.uint32)
    return q[..., 0] | (q[..., 1] << 8) | (q[..., 2] << 16) | (q[..., 3] << 24)


def words_to_bytes(w: jax.typing.ArrayLike) -> jax.Array:
    """``uint32 [..., n]`` -> ``uint8 [..., 4n]`` (inverse of :func:`bytes_to_words`)."""
    w = jnp.asarray(w)
    if w.dtype != jnp.uint32:
        raise TypeError(f"words_to_bytes needs uint32 words, got dtype {w.dtype}")
    shifts = jnp.arange(4, dtype=jnp.uint32) * 8
    return ((w[..., None] >> shifts) & 0xFF).astype(jnp.uint8).reshape(
        *w.shape[:-1], -1)


def word_lanes(w: jax.Array, width: int, signed: bool) -> jax.Array:
    """Elements of ``uint32 [..., n]`` words as ``int32 [..., n*32/width]``.

    Element ``e`` = bits ``[e*width, (e+1)*width)``; ``signed`` sign-extends with a
    left shift and an arithmetic right shift.
    """
    _check_width(width)
    if w.dtype != jnp.uint32:
        raise TypeError(f"word_lanes needs uint32 words, got dtype {w.dtype}")
    per = 32 // width
    s = jnp.arange(per, dtype=jnp.int32) * width
    if signed:  # int32 >> is arithmetic: sign extension
        x = lax.bitcast_convert_type(w, jnp.int32)[..., None]
        v = (x << (32 - width - s)) >> (32 - width)
    else:  # uint32 >> is logical
        v = (w[..., None] >> s.astype(jnp.uint32)).astype(jnp.int32)
        v = v if width == 32 else v & ((1 << width) - 1)
    return v.reshape(*w.shape[:-1], -1)


def lanes_to_words(v: jax.Array, width: int) -> jax.Array:
    """``int32 [..., L]`` lanes (taken mod ``2^width``) -> ``uint32 [..., L*width/32]``."""
    _check_width(width)
    per = 32 // width
    if v.shape[-1] % per:
        raise ValueError(f"{v.shape[-1]} lanes of {width} bits are not whole words")
    x = lax.bitcast_convert_type(v.astype(jnp.int32), jnp.uint32)
    if width < 32:
        x = x & jnp.uint32((1 << width) - 1)
    x = x.reshape(*v.shape[:-1], -1, per)
    s = jnp.arange(per, dtype=jnp.uint32) * width
    return jnp.sum(x << s, axis=-1, dtype=jnp.uint32)  # disjoint bits: sum == or


def pack_a_tiles(a: jax.typing.ArrayLike) -> jax.Array:
    """8-bit codes ``[M, K]`` (M%2 = K%8 = 0) -> A registers ``uint32 [M/2, K/8, 4]``.

    Register ``(r, s)`` holds ``A[2r+i][8s+k]`` at byte ``8i+k``. Values are taken
    mod 256 (s8 or u8 codes both fit).
    """
    a = jnp.asarray(a)
    _check_int(a, "a")
    if a.ndim != 2 or a.shape[0] % 2 or a.shape[1] % 8:
        raise ValueError(f"pack_a_tiles needs [M, K] with M%2 = K%8 = 0, got {a.shape}")
    m, k = a.shape
    t = a.astype(jnp.int32).reshape(m // 2, 2, k // 8, 8).transpose(0, 2, 1, 3)
    return lanes_to_words(t.reshape(m // 2, k // 8, 16), 8)


def pack_b_tiles(b: jax.typing.ArrayLike) -> jax.Array:
    """s4 codes ``[K, N]`` (K%8 = N%4 = 0) -> B registers ``uint32 [K/8, N/4, 4]``.

    Register ``(s, c)`` holds ``B[8s+k][4c+j]`` at nibble ``8j+k``.
    """
    b = jnp.asarray(b)
    _check_int(b, "b")
    check_range(b, -8, 7, "int4 b")
    if b.ndim != 2 or b.shape[0] % 8 or b.shape[1] % 4:
        raise ValueError(f"pack_b_tiles needs [K, N] with K%8 = N%4 = 0, got {b.shape}")
    k, n = b.shape
    t = b.astype(jnp.int32).reshape(k // 8, 8, n // 4, 4).transpose(0, 2, 3, 1)
    return lanes_to_words(t.reshape(k // 8, n // 4, 32), 4)
