#!/usr/bin/env bash
# Matching benchmark: builds Benchmarks/MatchBenchmark in release mode and prints
#   all cases × all trials (default 10,000 × 2,000, 50 findings per case), every pair decided and the
#   relevant matches explained criterion by criterion (MatchEngine.matchAll), and
#   one case against all trials with every trial explained (MatchEngine.match, median of 200).
# Usage: scripts/bench-match.sh [cases] [trials] [findings-per-case] [seed]
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH="${SCRATCH:-.build-match-release}"
(cd Benchmarks && swift build -c release --scratch-path "../$SCRATCH-bench" --product MatchBenchmark >/dev/null)
BIN="$(cd Benchmarks && swift build -c release --scratch-path "../$SCRATCH-bench" --show-bin-path)/MatchBenchmark"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
"$BIN" "$@"
