#!/usr/bin/env bash
# Issue 20 item 3: every CPU ratio from one run each, on an idle machine (session 11).
# Usage: bash benchmarks/run_issue20_idle.sh OUTDIR   (rows go to OUTDIR/rows.md; logs beside)
set -uo pipefail
out=${1:?OUTDIR}
mkdir -p "$out"
uptime | tee "$out/uptime_start.txt"
python -m benchmarks.bench_evolq --repeats 7 --chunks 1 2 4 --out "$out/rows.md" 2>&1 | tee "$out/bench_evolq_b0.log"
python -m benchmarks.bench_evolq --repeats 7 --block 3 --chunks 2 --out "$out/rows.md" 2>&1 | tee "$out/bench_evolq_b3.log"
python -m benchmarks.bench_winograd --batches 32 --ms 4 --shapes 56x64 28x128 14x256 --repeats 5 --out "$out/rows.md" 2>&1 | tee "$out/bench_winograd_f4_b32.log"
python -m benchmarks.bench_winograd_int8 --batches 32 --ms 4 --repeats 5 --out "$out/rows.md" 2>&1 | tee "$out/bench_winograd_int8_f4_b32.log"
python -m benchmarks.bench_simd --repeats 5 --out "$out/rows.md" 2>&1 | tee "$out/bench_simd.log"
uptime | tee "$out/uptime_end.txt"
