"""Shared test setup: every test gets its own empty model/data cache."""

import os

# Most of the suite's time on CPU is XLA compilation of small programs that then run
# for milliseconds. LLVM backend optimization level 1 compiles faster than the default
# (session 12: the Winograd smoke test 90 s -> 63 s alone; one test that compared two
# compiled programs of a 16-bit quantizer at 1e-4 now compares them as signals). Level 0
# was faster still (59 s) but is NOT used: on jaxlib's CPU backend it turned the jitted
# gradient of the quantized F(4,3) SQNR into NaN (eager: finite), i.e. level 0 is not
# a safe setting. Experiments and benchmarks keep XLA's default. Opt out with
# JAXEFF_TEST_FULL_XLA_OPT=1.
if os.environ.get("JAXEFF_TEST_FULL_XLA_OPT") != "1" and \
        "xla_backend_optimization_level" not in os.environ.get("XLA_FLAGS", ""):
    os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "")
                               + " --xla_backend_optimization_level=1").strip()

import jax  # noqa: E402  (after XLA_FLAGS: the CPU backend reads it on first use)
import pytest

# Tests pin exact identities in float32. On GPUs XLA runs float32 matmuls and
# convolutions in TF32 by default (10-bit mantissa: ~66 dB, seen on an H200 in session
# 4), so the suite asks for full float32 precision everywhere; on CPU this changes
# nothing. The Winograd library no longer needs it (its matmuls pass
# precision=HIGHEST themselves, pinned by tests/ops/test_winograd_api.py, and the
# Winograd tests' lax references ask for HIGHEST); other tests that compare against
# plain lax convs/matmuls at default precision (e.g. collapse, SESR) still do.
jax.config.update("jax_default_matmul_precision", "highest")


@pytest.fixture(autouse=True)
def _jaxeff_cache(tmp_path, monkeypatch):
    """Point ``$JAXEFF_CACHE`` at a per-test temporary folder (never ~/.cache)."""
    cache = tmp_path / "jaxeff_cache"
    monkeypatch.setenv("JAXEFF_CACHE", str(cache))
    return cache


@pytest.fixture(scope="module")
def rbg_keys():
    """Make ``jax.random.key`` default to the "rbg" PRNG for one test module.

    On CPU a threefry kernel takes ~1-2 s to compile per distinct parameter shape,
    which dominates ``model.init`` of tiny nets inside library code (``fit``).
    Use from a module as ``pytestmark = pytest.mark.usefixtures("rbg_keys")``.
    """
    old = jax.config.jax_default_prng_impl
    jax.config.update("jax_default_prng_impl", "rbg")
    yield
    jax.config.update("jax_default_prng_impl", old)


# Files measured heaviest on 2 CPU cores (session 12, idle): run first, so that with
# `pytest -n 2 --dist loadfile` the last files to finish are short ones and neither
# worker idles at the end. Order only; every test still runs.
_HEAVY_FIRST = (
    "tests/test_parallel.py", "tests/test_usage_docs.py", "tests/search/test_evolq.py",
    "tests/experiments/test_evolq_exp.py", "tests/nets/test_unet.py",
    "tests/test_outside_user.py", "tests/experiments/test_sesr_exp.py",
    "tests/ops/test_winograd.py", "tests/ops/test_winograd_api.py",
    "tests/search/test_baselines.py", "tests/experiments/test_hmf_exp.py",
    "tests/nets/test_ran.py", "tests/experiments/test_micronets_exp.py",
    "tests/test_inject.py", "tests/experiments/test_winograd_exp.py",
    "tests/experiments/test_fqvit.py", "tests/tflite_import/test_to_flax.py",
    "tests/nets/test_sesr.py", "tests/search/test_dnas.py", "tests/isa/test_checks.py",
    "tests/ops/test_winograd_int.py",
)


def pytest_collection_modifyitems(config, items):
    rank = {f: i for i, f in enumerate(_HEAVY_FIRST)}
    items.sort(key=lambda it: rank.get(it.nodeid.split("::")[0], len(rank)))
