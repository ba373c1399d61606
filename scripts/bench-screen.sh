#!/usr/bin/env bash
# Screen benchmark: builds release, generates a 10,000-case store (≈ 50 findings each) once,
# then prints first-frame time, per-frame times when moving the selection, and peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
CASES="${CASES:-10000}"
STORE="${STORE:-/tmp/tumorboard-bench-$CASES.sqlite}"
swift build -c release --product tumorboard >/dev/null
if [ ! -f "$STORE" ]; then
    echo "generating $CASES cases into $STORE …"
    /usr/bin/time -f "generate: %e s, %M KB peak" "$(swift build -c release --show-bin-path)/tumorboard" generate --store "$STORE" --cases "$CASES" --findings 50 --trials 2000 --seed 42
fi
(cd Benchmarks && swift build -c release --product ScreenBenchmark >/dev/null)
"$(cd Benchmarks && swift build -c release --show-bin-path)/ScreenBenchmark" "$STORE" "${ITERATIONS:-500}"
