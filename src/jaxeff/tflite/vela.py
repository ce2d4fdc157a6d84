"""Vela (``ethos-u-vela``): compile a TFLite model for an Arm Ethos-U NPU and read
its performance estimates.

Vela 5.2 is run in-process with an explicit ``--accelerator-config`` (e.g.
``ethos-u55-128``; Vela's default would silently be ethos-u55-256),
``--system-config`` and ``--memory-mode`` and ``--verbose-performance``; the
estimates come from its two CSV reports: the summary (``cycles_total``,
``inference_time`` = cycles_total / core_clock, ``sram_memory_used`` and
``off_chip_flash_memory_used`` in KiB, ``nn_macs``, memory traffic) and the
per-layer table (``Op Cycles``, ``Target`` NPU/CPU, ``Staging Usage``, ``MAC Count``).
These are Vela's static estimates, not measurements on silicon. PerfSAGE (arXiv
2301.10999, spec perfsage.md §5.1) labels graphs with them. Needs the ``tflite``
extra.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import os
import pathlib
import tempfile

from jaxeff._extras import require
from jaxeff.tflite._native import native_output
from jaxeff.tflite.reader import model_bytes

__all__ = ["VelaError", "VelaLayer", "VelaResult", "compile_model", "vela_available"]

ACCELERATORS = (
    "ethos-u55-32", "ethos-u55-64", "ethos-u55-128", "ethos-u55-256",
    "ethos-u65-256", "ethos-u65-512",
    "ethos-u85-128", "ethos-u85-256", "ethos-u85-512", "ethos-u85-1024",
    "ethos-u85-2048",
)


class VelaError(RuntimeError):
    """Vela failed to compile a model (its output tail is in the message)."""


@dataclasses.dataclass(frozen=True, kw_only=True)
class VelaLayer:
    """One row of Vela's per-layer report: the layer ``name`` (derived from its
    output tensor), the ``original_op`` (Vela's name, e.g. ``"Conv2D"``), ``target``
    (``"NPU"`` or ``"CPU"``), estimated ``cycles``, ``staging_bytes`` (SRAM staging
    use) and ``macs``."""

    name: str
    original_op: str
    target: str
    cycles: int
    staging_bytes: int
    macs: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class VelaResult:
    """Vela summary: ``latency_ms`` (inference_time * 1000), ``cycles``,
    ``sram_kib``, ``flash_kib`` (off-chip), ``nn_macs``, memory traffic bytes,
    ``cpu_ops`` (ops Vela leaves to the CPU, QUANTIZE / DEQUANTIZE not counted),
    per-layer ``(name, target, cycles)`` rows with their ``original_ops``, and the
    full per-layer rows in ``layers``."""

    latency_ms: float
    cycles: int
    core_clock: float
    sram_kib: float
    flash_kib: float
    nn_macs: int
    sram_bytes: int
    dram_bytes: int
    flash_bytes: int
    cpu_ops: int
    per_layer: tuple[tuple[str, str, int], ...]
    original_ops: tuple[str, ...] = ()
    layers: tuple[VelaLayer, ...] = ()
    accelerator_config: str = ""
    system_config: str = ""


def vela_available() -> bool:
    """True if ``ethos-u-vela`` is importable."""
    try:
        import ethosu.vela.vela  # noqa: F401
    except ImportError:
        return False
    return True


def compile_model(
    model: str | os.PathLike | bytes,
    *,
    accelerator_config: str = "ethos-u55-128",
    system_config: str = "Ethos_U55_High_End_Embedded",
    memory_mode: str = "Shared_Sram",
) -> VelaResult:
    """Compile ``model`` (path or bytes) with Vela and parse its estimates.

    ``accelerator_config``: one of :data:`ACCELERATORS`; ``system_config`` and
    ``memory_mode``: names from Vela's configuration (e.g.
    ``"Ethos_U65_High_End"``, ``"Dedicated_Sram"``). Raises ``FileNotFoundError`` /
    :class:`~jaxeff.tflite.schema.TFLiteError` for a missing or non-TFLite file,
    ``ValueError`` for an unknown accelerator, :class:`VelaError` when Vela
    rejects the model or a configuration name, ``MissingExtraError`` without Vela.
    """
    buf, where = model_bytes(model)
    if accelerator_config not in ACCELERATORS:
        raise ValueError(
            f"accelerator_config must be one of {ACCELERATORS}, got {accelerator_config!r}"
        )
    vela_main = require("ethosu.vela.vela", purpose="Vela compilation").main
    with tempfile.TemporaryDirectory(prefix="jaxeff_vela_") as tmp:
        src = pathlib.Path(tmp) / "g.tflite"
        src.write_bytes(buf)
        out = pathlib.Path(tmp) / "out"
        args = [str(src), "--output-dir", str(out), "--verbose-performance",
                "--accelerator-config", accelerator_config,
                "--system-config", system_config, "--memory-mode", memory_mode]
        buf_out = io.StringIO()
        try:
            with (
                native_output() as native,
                contextlib.redirect_stdout(buf_out),
                contextlib.redirect_stderr(buf_out),
            ):
                rc = vela_main(args)
        except SystemExit as e:  # argparse errors
            rc = e.code
        except Exception as e:  # noqa: BLE001 - Vela internal errors
            raise VelaError(f"{where}: Vela failed: {type(e).__name__}: {e}") from None
        summ = list(out.glob("g_summary_*.csv"))
        if rc != 0 or not summ:
            text = buf_out.getvalue() + "".join(native)
            raise VelaError(f"{where}: Vela failed (rc {rc}): {text[-800:]}")
        with summ[0].open() as f:
            row = next(csv.DictReader(f))
        with (out / "g_per-layer.csv").open() as f:
            rows = list(csv.DictReader(f))
    layers = tuple(
        VelaLayer(name=r["Name"], original_op=r["Original Operator"], target=r["Target"],
                  cycles=int(float(r["Op Cycles"])),
                  staging_bytes=int(float(r["Staging Usage"])),
                  macs=int(float(r["MAC Count"])))
        for r in rows
    )
    flash = sum(float(row[f"{k}_chip_flash_total_bytes"]) for k in ("on", "off"))
    return VelaResult(
        latency_ms=float(row["inference_time"]) * 1e3,
        cycles=int(float(row["cycles_total"])),
        core_clock=float(row["core_clock"]),
        sram_kib=float(row["sram_memory_used"]),
        flash_kib=float(row["off_chip_flash_memory_used"]),
        nn_macs=int(float(row["nn_macs"])),
        sram_bytes=int(float(row["sram_total_bytes"])),
        dram_bytes=int(float(row["dram_total_bytes"])),
        flash_bytes=int(flash),
        cpu_ops=sum(1 for v in layers
                    if v.target == "CPU" and v.original_op not in ("Quantize", "Dequantize")),
        per_layer=tuple((v.name, v.target, v.cycles) for v in layers),
        original_ops=tuple(v.original_op for v in layers),
        layers=layers,
        accelerator_config=accelerator_config,
        system_config=system_config,
    )
