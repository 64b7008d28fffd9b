#!/usr/bin/env bash
# Benchmarks (docs/PERFORMANCE.md): builds the Google Benchmark programs (tests/bench, -DECD_BUILD_BENCHMARKS=ON,
# Release) into build/bench and runs them on generated organisations of 10, 100 and 1,000 servers, then measures
# the whole path in PowerShell (Test-ReceiveConnector on [pscustomobject] connectors, split into projection,
# native call and conversion back) beside a pure-PowerShell capture check, and prints the ratio. Figures only;
# nothing fails on speed. Results: build/bench/engine.json, build/bench/powershell.json. Then the protocol log
# reader: generated logs (ECD_BENCH_LOG_MB, default 300 MB, and 10x that for memory), MB/s on one and all cores, and
# Get-ReceiveConnectorUsage beside the PowerShell approach of the admin scripts (tests/bench/Measure-LogUsage.ps1).
#
#   build-scripts/bench.sh            # everything (a few minutes)
#   ECD_BENCH_SIZES=10,100 build-scripts/bench.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
sizes=${ECD_BENCH_SIZES:-10,100,1000}
budget=${ECD_BENCH_NAIVE_SECONDS:-15}

echo "== machine"
lscpu | grep -E '^(Model name|CPU\(s\)|Thread|Core)' || true
grep MemTotal /proc/meminfo || true

echo "== engine (Google Benchmark)"
cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DECD_BUILD_BENCHMARKS=ON >/dev/null
cmake --build build/bench -j "$(nproc)" --target ecd_engine_bench ecd >/dev/null
filter="/(${sizes//,/|})\$|ManyRanges"
build/bench/tests/bench/ecd_engine_bench --benchmark_filter="$filter" --benchmark_min_time=0.2 \
  --benchmark_out=build/bench/engine.json --benchmark_out_format=json

echo "== module, end to end (PowerShell)"
if [ ! -f out/ExchangeConnectorDoctor/ExchangeConnectorDoctor.psd1 ]; then ECD_SKIP_WINDOWS=1 ./build-scripts/build.sh >/dev/null; fi
# The module with the native library just built in Release (the development override of Initialize-EcdEngine).
export ECD_NATIVE_LIBRARY="$root/build/bench/interop/libecd.so"
.tools/pwsh -NoProfile -NonInteractive -Command "& ./tests/bench/Measure-EndToEnd.ps1 -ModulePath ./out/ExchangeConnectorDoctor -Size $sizes -NaiveBudgetSeconds $budget -JsonPath build/bench/powershell.json"

echo "== protocol logs (tests/tools/generate_logs.py, seeded)"
# ECD_BENCH_LOG_MB: the size of the generated logs (default 300 MB); a second set of 10x that size measures memory.
log_mb=${ECD_BENCH_LOG_MB:-300}
cmake --build build/bench -j "$(nproc)" --target ecd_logs_bench >/dev/null
rm -rf build/bench/logs build/bench/logs10
python3 tests/tools/generate_logs.py build/bench/logs --mb "$log_mb" --seed 1
build/bench/tests/bench/ecd_logs_bench build/bench/logs 3
if [ "${ECD_BENCH_LOG_10X:-1}" = 1 ]; then
  python3 tests/tools/generate_logs.py build/bench/logs10 --mb "$((log_mb * 10))" --seed 2
  build/bench/tests/bench/ecd_logs_bench build/bench/logs10 1
  rm -rf build/bench/logs10
fi
.tools/pwsh -NoProfile -NonInteractive -Command "& ./tests/bench/Measure-LogUsage.ps1 -ModulePath ./out/ExchangeConnectorDoctor -Folder build/bench/logs -NaiveBudgetSeconds $budget"
