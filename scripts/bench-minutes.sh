#!/usr/bin/env bash
# Minutes benchmark: a 50-case meeting (50 findings per case, a signed decision and notes for each),
# store read + minutes writing in release mode. Target: under 50 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd Benchmarks && swift build -c release --product MinutesBenchmark >/dev/null)
"$(cd Benchmarks && swift build -c release --show-bin-path)/MinutesBenchmark" "${CASES:-50}" "${ITERATIONS:-50}"
