#!/usr/bin/env bash
# Screen benchmark on a 10,000-case and a 100,000-case store in one run, with the ratios (100k / 10k):
#   in-process (Benchmarks/ScreenBenchmark): first frame (open store, load home, render), per-frame times when
#     moving the selection in the backlog, an agenda and a molecular table, peak memory;
#   through a real terminal (scripts/first_frame.py, a pseudo-terminal): exec to the first complete frame;
#   the big case: a 400,000-record sites-only VCF (scripts/make_big_vcf.py) attached to one case of a copy of the
#     10,000-case store, opened on its Molecular tab and paged through.
# Stores are generated once (`generate --cases N --findings 50 --trials 2000 --seed 42`) unless given:
#   SMALL=path LARGE=path (LARGE may be a copy of a shared 100k store; it is opened, so never pass a shared original).
# PG_STORE=postgresql://… adds a PostgreSQL run of the small board beside the SQLite figures (see the end).
# CASES_SMALL/CASES_LARGE change the sizes, ITERATIONS the frames per movement, RUNS the pty runs, BIG_RECORDS the VCF.
# Run it under `nice -n 19` on a shared machine; the load average is printed with the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
CASES_SMALL="${CASES_SMALL:-10000}"
CASES_LARGE="${CASES_LARGE:-100000}"
SMALL="${SMALL:-/tmp/tumorboard-bench-$CASES_SMALL.sqlite}"
LARGE="${LARGE:-/tmp/tumorboard-bench-$CASES_LARGE.sqlite}"
BIG_RECORDS="${BIG_RECORDS:-400000}"
BIG_VCF="${BIG_VCF:-/tmp/tumorboard-bench-big-$BIG_RECORDS.vcf}"
BIG_STORE="${BIG_STORE:-/tmp/tumorboard-bench-big-$CASES_SMALL.sqlite}"
OUT="${OUT:-/tmp/tumorboard-bench-screen}"
mkdir -p "$OUT"

[ -n "${TUMORBOARD:-}" ] || swift build -c release --product tumorboard >/dev/null
TB="${TUMORBOARD:-$(swift build -c release --show-bin-path)/tumorboard}"
(cd Benchmarks && swift build -c release --product ScreenBenchmark >/dev/null)
SB="$(cd Benchmarks && swift build -c release --show-bin-path)/ScreenBenchmark"
load() { cut -d' ' -f1-3 /proc/loadavg; }

for pair in "$CASES_SMALL:$SMALL" "$CASES_LARGE:$LARGE"; do
    n="${pair%%:*}"; store="${pair#*:}"
    if [ ! -f "$store" ]; then
        echo "generating $n cases into $store …"
        /usr/bin/time -f "generate: %e s, %M KB peak" "$TB" generate --store "$store" --cases "$n" --findings 50 --trials 2000 --seed 42
    fi
    # A writable open applies any pending migration, so the read-only benchmark opens the current schema.
    "$TB" store init --store "$store" >/dev/null
done

# The big case: the first case of a copy of the small store, with the synthetic whole exome attached.
if [ ! -f "$BIG_STORE" ]; then
    [ -f "$BIG_VCF" ] || python3 scripts/make_big_vcf.py "$BIG_VCF" "$BIG_RECORDS"
    cp "$SMALL" "$BIG_STORE"
    big_case="$("$TB" cases --store "$BIG_STORE" | awk 'NR == 1 { print $1 }')"
    /usr/bin/time -f "import of the big VCF: %e s, %M KB peak" \
        "$TB" import --store "$BIG_STORE" --case "$big_case" "$BIG_VCF" | tail -1
fi
BIG_CASE="$("$TB" cases --store "$BIG_STORE" | awk 'NR == 1 { print $1 }')"

for pair in "small:$SMALL" "large:$LARGE"; do
    name="${pair%%:*}"; store="${pair#*:}"
    echo "== $store (load average $(load))"
    "$SB" "$store" "${ITERATIONS:-500}" | tee "$OUT/$name.txt"
    python3 scripts/first_frame.py "$TB" "$store" "${RUNS:-7}" | tee -a "$OUT/$name.txt"
done
echo "== big case $BIG_CASE in $BIG_STORE (load average $(load))"
"$SB" "$BIG_STORE" "${ITERATIONS:-500}" --big-case "$BIG_CASE" | tee "$OUT/big.txt"

echo
echo "ratios, $CASES_LARGE cases / $CASES_SMALL cases (load average $(load)):"
python3 scripts/bench_figures.py ratios "$OUT/small.txt" "$OUT/large.txt"

# PostgreSQL beside SQLite (issue 18): PG_STORE=postgresql://OWNER@/DB?host=SOCKET_DIR names a database on a local
# socket; when it holds no cases yet the small store's board is generated into it (same arguments and seed, findings by
# COPY). The same in-process and pseudo-terminal measurements, then each figure beside the small SQLite store's.
if [ -n "${PG_STORE:-}" ]; then
    if [ -z "$("$TB" cases --store "$PG_STORE" | head -1)" ]; then
        echo "generating $CASES_SMALL cases into PostgreSQL …"
        /usr/bin/time -f "generate (PostgreSQL): %e s, %M KB peak" \
            "$TB" generate --store "$PG_STORE" --cases "$CASES_SMALL" --findings 50 --trials 2000 --seed 42
    fi
    echo "== PostgreSQL ${PG_STORE%%\?*} (load average $(load))"
    "$SB" "$PG_STORE" "${ITERATIONS:-500}" | tee "$OUT/postgresql.txt"
    python3 scripts/first_frame.py "$TB" "$PG_STORE" "${RUNS:-7}" | tee -a "$OUT/postgresql.txt"
    echo
    echo "PostgreSQL beside SQLite, $CASES_SMALL cases (load average $(load)):"
    python3 scripts/bench_figures.py beside "$OUT/small.txt" "$OUT/postgresql.txt"
fi
