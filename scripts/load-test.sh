#!/usr/bin/env bash
# Load test; afterwards every acknowledged write must be in the store and the audit chain must verify.
#   scripts/load-test.sh [SECONDS]       SQLite: 4 writer processes (notes ×2, decisions, agenda moves) and 2 readers
#                                        on one store file for SECONDS (default 60).
#   scripts/load-test.sh --store postgresql://OWNER@HOST/DB [--seconds N] [--writers N] [--readers N]
#                                        PostgreSQL (issue 18): the sample board is copied into the (empty) database
#                                        (`store copy`, as OWNER); then 20 writers as 5 roles (site_a … site_e, 4 each:
#                                        2 adding notes, 1 adding decisions, 1 racing the other sites to save one
#                                        shared decision, where a lost race must be a detected conflict) and 4 readers,
#                                        each its own process and connection, for N seconds (default 60). The roles must
#                                        exist (scripts/pg-cluster.sh makes them); keys go to a temporary XDG_DATA_HOME.
# Prints writes attempted/acknowledged, conflicts detected, busy refusals, lost writes and the audit chain's state.
set -euo pipefail
cd "$(dirname "$0")/.."
STORE="" SECONDS_TO_RUN=60 WRITERS=20 READERS=4
while [ $# -gt 0 ]; do
    case "$1" in
        --store) STORE="$2"; shift 2 ;;
        --seconds) SECONDS_TO_RUN="$2"; shift 2 ;;
        --writers) WRITERS="$2"; shift 2 ;;
        --readers) READERS="$2"; shift 2 ;;
        *) SECONDS_TO_RUN="$1"; shift ;;
    esac
done
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
[ -n "${TUMORBOARD:-}" ] || swift build -c release --product tumorboard >/dev/null
TB="${TUMORBOARD:-$(swift build -c release --show-bin-path)/tumorboard}"
if [ -z "${LOADTEST:-}" ]; then (cd Benchmarks && swift build -c release --product LoadTest >/dev/null); fi
LT="${LOADTEST:-$(cd Benchmarks && swift build -c release --show-bin-path)/LoadTest}"

if [ -z "$STORE" ]; then
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
fi

case "$STORE" in postgresql://*|postgres://*) ;; *) echo "load-test: --store takes a postgresql:// address" >&2; exit 2 ;; esac
export XDG_DATA_HOME="$WORK/data"
# The same address as another role (the user part replaced).
as_role() { python3 -c 'import sys, urllib.parse as u
p = u.urlsplit(sys.argv[1])
print(u.urlunsplit((p.scheme, sys.argv[2] + "@" + p.netloc.split("@")[-1], p.path, p.query, p.fragment)))' "$STORE" "$1"; }
SITES=(site_a site_b site_c site_d site_e)
KINDS=(notes notes decisions conflicts)
"$TB" import --store "$WORK/sample.sqlite" SampleData/*.json >/dev/null
"$TB" store copy "$WORK/sample.sqlite" "$STORE" >"$WORK/copy.log" 2>&1 || { cat "$WORK/copy.log" >&2; exit 1; }
echo "load test on PostgreSQL: $WRITERS writers as ${SITES[*]}, $READERS readers, $SECONDS_TO_RUN s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
pids=() acks=()
for i in $(seq 1 "$WRITERS"); do
    name="$(printf 'w%02d' "$i")"
    site="${SITES[$(( (i - 1) % 5 ))]}"
    kind="${KINDS[$(( (i - 1) / 5 % 4 ))]}"
    "$LT" writer "$(as_role "$site")" "$name" "$kind" "$SECONDS_TO_RUN" "$WORK/$name" > "$WORK/$name.out" 2>&1 & pids+=($!)
    acks+=("$WORK/$name")
done
for i in $(seq 1 "$READERS"); do
    "$LT" reader "$(as_role "${SITES[$(( (i - 1) % 5 ))]}")" "$SECONDS_TO_RUN" > "$WORK/r$i.out" 2>&1 & pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$WORK"/w*.out "$WORK"/r*.out
if grep -h UNHANDLED "$WORK"/*.out; then status=1; fi
awk '/^writer/ { a += $6; k += $8; c += $10; b += $13 } /^reader/ { r += $2 }
    END { printf "total: %d writes attempted, %d acknowledged (%.0f/s), %d conflicts detected, %d busy; %d read rounds\n", a, k, k / '"$SECONDS_TO_RUN"', c, b, r }' \
    "$WORK"/w*.out "$WORK"/r*.out
"$LT" check "$STORE" "${acks[@]}" || status=1
exit $status
