#!/usr/bin/env bash
# Precedent benchmark: builds release, generates a 100,000-case store with history once (signed decisions and
# outcomes for the discussed and closed cases: `tumorboard generate --history`), then times the precedents of
# 200 cases spread over it (BoardStore.precedents, the same call as `tumorboard precedents` and the case
# screen's Precedents tab). Target: ≤ 50 ms per case. Run it with nice on a shared machine:
#   nice -n 19 scripts/bench-precedents.sh
# Usage: CASES=100000 FINDINGS=50 STORE=… scripts/bench-precedents.sh [samples]
set -euo pipefail
cd "$(dirname "$0")/.."
CASES="${CASES:-100000}"
FINDINGS="${FINDINGS:-50}"
STORE="${STORE:-/tmp/tumorboard-bench-precedents-$CASES-$FINDINGS.sqlite}"
# The release app is built only to generate a store; an existing STORE (a copy of a shared benchmark store) is
# timed as it is. Never point STORE at a shared read-only store: copy it first (opening may migrate it).
if [ ! -f "$STORE" ]; then
    swift build -c release --product tumorboard >/dev/null
    echo "generating $CASES cases (× $FINDINGS findings) with history into $STORE …"
    /usr/bin/time -f "generate: %e s, %M KB peak" "$(swift build -c release --show-bin-path)/tumorboard" generate \
        --store "$STORE" --cases "$CASES" --findings "$FINDINGS" --trials 0 --seed 42 --history
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
(cd Benchmarks && swift build -c release --product PrecedentBenchmark >/dev/null)
"$(cd Benchmarks && swift build -c release --show-bin-path)/PrecedentBenchmark" "$STORE" "$CASES" "${1:-200}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
