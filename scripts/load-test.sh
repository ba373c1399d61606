#!/usr/bin/env bash
# Load test: 4 writer processes (notes ×2, decisions, agenda moves) and 2 readers against one store
# for SECONDS (default 60); then every acknowledged write must be present and the audit chain must verify.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-60}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
swift build -c release --product tumorboard >/dev/null
(cd Benchmarks && swift build -c release --product LoadTest >/dev/null)
TB="$(swift build -c release --show-bin-path)/tumorboard"
LT="$(cd Benchmarks && swift build -c release --show-bin-path)/LoadTest"
S="$WORK/board.sqlite"
"$TB" import --store "$S" SampleData/*.json >/dev/null
pids=()
"$LT" writer "$S" w1 notes "$SECONDS_TO_RUN" "$WORK/w1" > "$WORK/w1.out" & pids+=($!)
"$LT" writer "$S" w2 notes "$SECONDS_TO_RUN" "$WORK/w2" > "$WORK/w2.out" & pids+=($!)
"$LT" writer "$S" w3 decisions "$SECONDS_TO_RUN" "$WORK/w3" > "$WORK/w3.out" & pids+=($!)
"$LT" writer "$S" w4 agenda "$SECONDS_TO_RUN" "$WORK/w4" > "$WORK/w4.out" & pids+=($!)
"$LT" reader "$S" "$SECONDS_TO_RUN" > "$WORK/r1.out" & pids+=($!)
"$LT" reader "$S" "$SECONDS_TO_RUN" > "$WORK/r2.out" & pids+=($!)
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
cat "$WORK"/*.out
if grep -h UNHANDLED "$WORK"/*.out; then status=1; fi
"$LT" check "$S" "$WORK/w1" "$WORK/w2" "$WORK/w3" "$WORK/w4" || status=1
exit $status
