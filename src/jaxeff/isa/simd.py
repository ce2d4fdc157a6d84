"""The asymmetric 8x4-bit SIMD matmul as a jitted integer lax kernel, and its GEMM.

"High Throughput Matrix-Matrix Multiplication between Asymmetric Bit-Width Operands"
(Gope, Beu, Mattina, arXiv 2008.00638): 8-bit x 4-bit inputs, 16-bit accumulators,
2x the MACs of a symmetric 8-bit instruction in the same 128-bit registers. The
instruction shape and layout are jaxeff's choice (spec ``hmf_simd.md`` §B2, [Choice]):

    asmmla:  d[4i+j] <- wrap16(d[4i+j] + sum_{k<8} A[i][k] * B[k][j])   (or clip16)
             A[i][k] = n[8i+k] (s8 or u8),  B[k][j] = nib[8j+k] (s4)

Registers are ``uint32 [..., 4]`` words (:mod:`jaxeff.isa.pack`); the kernel
unpacks bytes and nibbles with shifts (sign extension by arithmetic right shift),
multiplies and sums in int32 lanes, wraps (``((t + 2^15) & 0xFFFF) - 2^15``) or
saturates, and repacks the s16 lanes. Leading dimensions batch many registers.
:func:`jaxeff.isa.reference.asmmla` is the scalar spec it is tested against.

:func:`asmmla_gemm` builds ``C = A @ B`` only from the instruction (spec §B2 step 3):
``2x4`` output tiles, K in chunks of 8 (ascending), the s16 accumulator widened
into int32 every ``widen_every`` instructions, and lane overflow flags counted.

Operand ranges are checked (s8 / u8 codes for A, s4 for B): eagerly with a
``ValueError`` naming the operand and the range; under a plain ``jit`` on the host
at run time (``jax.debug.callback``: the call fails with that message); and
:func:`asmmla_gemm_checked` is the jitted entry point checked on device through
``jax.experimental.checkify``. ``checked=False`` skips the check (the caller
guarantees the ranges; out-of-range codes are then taken mod 2^8 / 2^4).
"""

from __future__ import annotations

import functools

import flax.struct
import jax
import jax.numpy as jnp
from jax import lax
from jax.experimental import checkify

from jaxeff.isa.pack import (
    check_range,
    lanes_to_words,
    pack_a_tiles,
    pack_b_tiles,
    word_lanes,
)

__all__ = ["GemmResult", "asmmla", "asmmla_gemm", "asmmla_gemm_checked", "check_mode",
           "check_widen"]

MODES = ("wrap", "saturate")
_S16_MIN, _S16_MAX = -(1 << 15), (1 << 15) - 1


def check_mode(mode: str) -> None:
    """Raise unless ``mode`` is ``"wrap"`` or ``"saturate"``."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}")


def check_widen(widen_every: int | None) -> None:
    """Raise unless ``widen_every`` is ``None`` (never) or a positive int."""
    if widen_every is not None and (isinstance(widen_every, bool) or not isinstance(
            widen_every, int) or widen_every < 1):
        raise ValueError(f"widen_every must be a positive int or None, got {widen_every!r}")


def _check_regs(**regs: jax.Array) -> None:
    for name, r in regs.items():
        if r.dtype != jnp.uint32 or r.ndim < 1 or r.shape[-1] != 4:
            raise TypeError(f"{name} must be a uint32 [..., 4] register (128 bits), got "
                            f"{r.dtype} {r.shape}")


def _asmmla_impl(c: jax.Array, a: jax.Array, b: jax.Array, mode: str,
                 a_signed: bool) -> tuple[jax.Array, jax.Array]:
    """Unjitted kernel body; shapes broadcast over leading dims."""
    acc = word_lanes(c, 16, signed=True)                       # [..., 8]
    av = word_lanes(a, 8, signed=a_signed)                     # [..., 16]
    bv = word_lanes(b, 4, signed=True)                         # [..., 32]
    am = av.reshape(*av.shape[:-1], 2, 8)                      # A[i][k]
    bm = bv.reshape(*bv.shape[:-1], 4, 8)                      # B^T[j][k]
    prod = jnp.sum(am[..., :, None, :] * bm[..., None, :, :], axis=-1)  # [..., 2, 4]
    t = acc + prod.reshape(*prod.shape[:-2], 8)
    flags = (t < _S16_MIN) | (t > _S16_MAX)
    if mode == "wrap":
        t = ((t - _S16_MIN) & 0xFFFF) + _S16_MIN
    else:
        t = jnp.clip(t, _S16_MIN, _S16_MAX)
    return lanes_to_words(t, 16), flags


@functools.partial(jax.jit, static_argnames=("mode", "a_signed"))
def asmmla(c: jax.Array, a: jax.Array, b: jax.Array, *, mode: str = "wrap",
           a_signed: bool = True) -> tuple[jax.Array, jax.Array]:
    """Asymmetric 8x4-bit matrix multiply-accumulate on batched 128-bit registers.

    arXiv 2008.00638; semantics of :func:`jaxeff.isa.reference.asmmla` (spec §B2).

    Args:
      c: accumulator ``uint32 [..., 4]`` (8 s16 lanes, ``d[4i+j]``).
      a: ``uint32 [..., 4]``: 16 bytes of A ``2x8`` (s8, or u8 if not ``a_signed``).
      b: ``uint32 [..., 4]``: 32 s4 nibbles of B ``8x4`` (``B[k][j] = nib[8j+k]``).
      mode: ``"wrap"`` (mod 2^16) or ``"saturate"``.
      a_signed: A bytes are s8 (``asmmla``) or u8 (``asmmla_u``).

    Returns:
      ``(c', flags)``: ``uint32 [..., 4]`` (broadcast leading dims) and
      ``bool [..., 8]`` per-lane overflow flags (exact sum outside s16).
    """
    check_mode(mode)
    _check_regs(c=c, a=a, b=b)
    return _asmmla_impl(c, a, b, mode, a_signed)


@flax.struct.dataclass
class GemmResult:
    """Result of :func:`asmmla_gemm`.

    Attributes:
      out: ``int32 [M, N]`` the GEMM as the instruction sequence computes it.
      events: ``int32 [M, N]`` overflow flags raised for each output over all
        its instructions (sum: lane-instruction overflow events).
      instructions: number of asmmla instructions issued (padded tiles).
      widenings: number of s16 -> s32 widenings (each 2 ops per register).
    """

    out: jax.Array
    events: jax.Array
    instructions: int = flax.struct.field(pytree_node=False)
    widenings: int = flax.struct.field(pytree_node=False)


@functools.partial(jax.jit, static_argnames=("mode", "a_signed"))
def _gemm_regs(ar: jax.Array, br: jax.Array, widen_every: jax.Array, mode: str,
               a_signed: bool) -> tuple[jax.Array, jax.Array]:
    """K loop over register tiles: ``ar [Mt, S, 4]``, ``br [S, Nt, 4]``.

    ``widen_every`` is a traced int32 (0: never), so W sweeps reuse one compile.
    """
    mt, steps, _ = ar.shape
    nt = br.shape[1]
    c0 = jnp.zeros((mt, nt, 4), jnp.uint32)
    acc0 = jnp.zeros((mt, nt, 8), jnp.int32)

    def body(carry, xs):
        c, acc, ev = carry
        s, a_s, b_s = xs
        c, f = _asmmla_impl(c, a_s[:, None, :], b_s[None, :, :], mode, a_signed)
        ev = ev + f.astype(jnp.int32)
        widen = (widen_every > 0) & ((s + 1) % jnp.maximum(widen_every, 1) == 0)
        acc = acc + jnp.where(widen, word_lanes(c, 16, signed=True), 0)
        c = jnp.where(widen, jnp.zeros_like(c), c)
        return (c, acc, ev), None

    xs = (jnp.arange(steps), ar.transpose(1, 0, 2), br)
    (c, acc, ev), _ = lax.scan(body, (c0, acc0, acc0), xs)
    acc = acc + word_lanes(c, 16, signed=True)

    def untile(x):  # [Mt, Nt, 8] lanes d[4i+j] -> [2 Mt, 4 Nt]
        return x.reshape(mt, nt, 2, 4).transpose(0, 2, 1, 3).reshape(2 * mt, 4 * nt)

    return untile(acc), untile(ev)


@functools.partial(jax.jit, static_argnames=("mode",))
def _gemm_lanes(a: jax.Array, b: jax.Array, widen_every: jax.Array,
                mode: str) -> tuple[jax.Array, jax.Array]:
    """The same instruction sequence as :func:`_gemm_regs`, on unpacked s16 lanes.

    ``a [M, S*8]``, ``b [S*8, N]`` int32 codes. Instruction ``s`` adds, to every
    output's s16 lane, the 8-term partial sum ``A[:, 8s:8s+8] @ B[8s:8s+8, :]``: that
    is computed as a float32 product (exact: ``|sum| <= 8 * 255 * 8 < 2^24``, and
    ``Precision.HIGHEST`` keeps it exact on GPU/TPU), then the lane update, wrap or
    saturation, overflow flag and widening are those of :func:`_asmmla_impl`. Only the
    packing of bytes and nibbles into 128-bit words is skipped, so results and flags are
    identical (tested against the register path and :mod:`jaxeff.isa.reference`).
    """
    m, k = a.shape
    n = b.shape[1]
    steps = k // 8
    a3 = a.reshape(m, steps, 8).transpose(1, 0, 2).astype(jnp.float32)
    b3 = b.reshape(steps, 8, n).astype(jnp.float32)
    z = jnp.zeros((m, n), jnp.int32)

    def body(carry, xs):
        c, acc, ev = carry
        s, a_s, b_s = xs
        part = jnp.matmul(a_s, b_s, precision=lax.Precision.HIGHEST).astype(jnp.int32)
        t = c + part
        ev = ev + ((t < _S16_MIN) | (t > _S16_MAX)).astype(jnp.int32)
        if mode == "wrap":
            c = ((t - _S16_MIN) & 0xFFFF) + _S16_MIN
        else:
            c = jnp.clip(t, _S16_MIN, _S16_MAX)
        widen = (widen_every > 0) & ((s + 1) % jnp.maximum(widen_every, 1) == 0)
        acc = acc + jnp.where(widen, c, 0)
        c = jnp.where(widen, 0, c)
        return (c, acc, ev), None

    (c, acc, ev), _ = lax.scan(body, (z, z, z), (jnp.arange(steps), a3, b3))
    return acc + c, ev


def asmmla_gemm(a: jax.typing.ArrayLike, b: jax.typing.ArrayLike, *,
                widen_every: int | None = None, mode: str = "wrap",
                a_signed: bool = True, checked: bool = True,
                traced: str = "callback", impl: str = "registers") -> GemmResult:
    """``A @ B`` computed only with :func:`asmmla` instructions.

    arXiv 2008.00638 GEMM with jaxeff's widening scheme (spec §B2 [Choice]): operands
    are zero-padded to ``M%2 = K%8 = N%4 = 0``; each ``2x4`` output tile runs its K
    chunks in ascending order; after every ``widen_every`` instructions the s16
    lanes are added into int32 and reset (``None``: only once, at the end). Equal to
    the int32 matmul iff the exact running sum at every widening point fits in s16
    (wrap) or no flag is raised (saturate).

    Args:
      a: ``[M, K]`` integer codes: s8 in ``[-128, 127]``, or u8 in ``[0, 255]`` with
        ``a_signed=False`` (asmmla_u).
      b: ``[K, N]`` s4 codes in ``[-8, 7]``.
      widen_every: widening interval W in instructions, or None.
      mode: ``"wrap"`` or ``"saturate"``.
      a_signed: A holds s8 (True) or u8 (False) codes.
      checked: check the operand ranges: eagerly (``ValueError`` naming ``a`` or
        ``b`` and the range) or, when traced by a plain ``jax.jit``, on the host at
        run time (the call raises a runtime error carrying that message; use
        :func:`asmmla_gemm_checked` for an on-device ``checkify`` check). False: no
        check (caller's guarantee).
      traced: how a traced (jitted) call checks the ranges: ``"callback"`` (host,
        run time; works under a plain ``jax.jit``) or ``"checkify"`` (an on-device
        ``checkify.check``: the caller must be wrapped in ``checkify.checkify``).
      impl: ``"registers"`` (default: every instruction runs :func:`asmmla` on packed
        128-bit words, the spec's construction) or ``"lanes"`` (the same instruction
        sequence on unpacked s16 lanes, each instruction's 8-term partial sums as one
        exact float32 product; identical ``out`` / ``events`` / counts, several times
        faster, see benchmarks/bench_simd.py).

    Returns:
      :class:`GemmResult`. An empty K (``K = 0``) is the empty sum: ``out`` is
      zeros ``[M, N]``, with no instruction issued (as ``A @ B`` gives); ``M = 0``
      or ``N = 0`` give an empty ``[M, N]`` result.
    """
    check_mode(mode)
    check_widen(widen_every)
    if impl not in ("registers", "lanes"):
        raise ValueError(f"impl must be 'registers' or 'lanes', got {impl!r}")
    if traced not in ("callback", "checkify"):
        raise ValueError(f"traced must be 'callback' or 'checkify', got {traced!r}")
    if not isinstance(checked, bool) or not isinstance(a_signed, bool):
        raise TypeError(f"checked and a_signed must be bools, got checked={checked!r}, "
                        f"a_signed={a_signed!r}")
    a, b = jnp.asarray(a), jnp.asarray(b)
    for name, x in (("a", a), ("b", b)):
        if not jnp.issubdtype(x.dtype, jnp.integer):
            raise TypeError(f"{name} must hold integer codes, got dtype {x.dtype}")
    if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[0]:
        raise ValueError(f"asmmla_gemm needs a [M, K] and b [K, N], got {a.shape} and "
                         f"{b.shape}")
    if checked:
        check_range(a, *((-128, 127) if a_signed else (0, 255)),
                    "a (8-bit codes)" if a_signed else "a (u8 codes, a_signed=False)",
                    traced=traced)
        check_range(b, -8, 7, "b (s4 codes)", traced=traced)
    m, k = a.shape
    n = b.shape[1]
    if 0 in (m, k, n):  # empty sum (K = 0) or empty output: no instruction issued
        zeros = jnp.zeros((m, n), jnp.int32)
        return GemmResult(out=zeros, events=zeros, instructions=0, widenings=0)
    pm, pk, pn = -m % 2, -k % 8, -n % 4
    if impl == "lanes":  # codes reduced mod 2^8 / 2^4 as packing does (checked=False)
        a32, b32 = a.astype(jnp.int32), b.astype(jnp.int32)
        a32 = ((a32 + 128) & 0xFF) - 128 if a_signed else a32 & 0xFF
        b32 = ((b32 + 8) & 0xF) - 8
        out, ev = _gemm_lanes(jnp.pad(a32, ((0, 0), (0, pk))), jnp.pad(b32, ((0, pk), (0, 0))),
                              jnp.int32(widen_every or 0), mode)
    else:
        ar = pack_a_tiles(jnp.pad(a.astype(jnp.int32), ((0, pm), (0, pk))))
        br = pack_b_tiles(jnp.pad(b.astype(jnp.int32), ((0, pk), (0, pn))))
        out, ev = _gemm_regs(ar, br, jnp.int32(widen_every or 0), mode, a_signed)
    steps = (k + pk) // 8
    tiles = ((m + pm) // 2) * ((n + pn) // 4)
    widen = steps // widen_every if widen_every else 0
    widen += 0 if widen_every and steps % widen_every == 0 else 1
    return GemmResult(out=out[:m, :n], events=ev[:m, :n], instructions=tiles * steps,
                      widenings=tiles * widen)


@functools.cache
def _checked_gemm(widen_every: int | None, mode: str, a_signed: bool):
    def gemm(a, b):
        return asmmla_gemm(a, b, widen_every=widen_every, mode=mode, a_signed=a_signed,
                           traced="checkify")

    return jax.jit(checkify.checkify(gemm))


def asmmla_gemm_checked(a: jax.typing.ArrayLike, b: jax.typing.ArrayLike, *,
                        widen_every: int | None = None, mode: str = "wrap",
                        a_signed: bool = True) -> GemmResult:
    """:func:`asmmla_gemm` jitted as a whole (one compile per setting and shape),
    with the operand range check run on device through ``checkify``.

    Same arguments and result as :func:`asmmla_gemm`; raises ``ValueError`` naming
    the operand (``a`` or ``b``) and its allowed and actual ranges.
    """
    check_mode(mode)
    check_widen(widen_every)
    err, res = _checked_gemm(widen_every, mode, bool(a_signed))(jnp.asarray(a),
                                                               jnp.asarray(b))
    msg = err.get()
    if msg is not None:
        raise ValueError(msg)
    return res
