#!/usr/bin/env bash
# Import benchmark: generates VCF and MAF files of N records (default 200,000; deterministic), then in the
# same run times, on the same rows:
#   tumorboard import (release build, a fresh store holding one case; findings attached with --case)
#   sqlite3 .import of a TSV of the same fields (plain table, and keyed like the store: primary key + gene index)
#   a Python loader (cyvcf2 for VCF, pandas for MAF; executemany into a keyed SQLite table)
# and prints records/s and the ratios. Needs sqlite3, python3 with cyvcf2 and pandas (pip install cyvcf2 pandas).
#   --store postgresql://OWNER@HOST/DB   also times the same imports into PostgreSQL (issue 18, goal ≥ 100,000
#                                        records/s over the local socket), beside SQLite's: each run in a new database
#                                        made next to DB with psql (the owner needs CREATEDB) and dropped afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
PG_STORE=""
while [ $# -gt 0 ]; do
    case "$1" in
        --store) PG_STORE="$2"; shift 2 ;;
        *) echo "bench-import: unknown argument $1" >&2; exit 2 ;;
    esac
done
N="${N:-200000}"
WORK="${WORK:-/tmp/tumorboard-bench-import-$N}"
SCRATCH="${SCRATCH:-.build-formats-release}"
mkdir -p "$WORK"

[ -n "${TUMORBOARD:-}" ] || swift build -c release --scratch-path "$SCRATCH" --product tumorboard >/dev/null
TB="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/tumorboard"
TB="${TUMORBOARD:-$TB}"
if [ ! -f "$WORK/variants.tsv" ]; then python3 scripts/bench_import_generate.py "$WORK" "$N"; fi

now() { date +%s.%N; }
rate() { python3 -c "import sys; n,t=float(sys.argv[1]),float(sys.argv[2]); print(f'{n/t:,.0f}')" "$1" "$2"; }
declare -A RATE

run() { # name, seconds
    RATE[$1]=$(python3 -c "import sys; print(float(sys.argv[1])/float(sys.argv[2]))" "$N" "$2")
    printf "%-34s %8.3f s  %12s records/s\n" "$1" "$2" "$(rate "$N" "$2")"
}

echo "records per file: $N   (machine: $(nproc) CPUs, load average $(cut -d" " -f1-3 /proc/loadavg))"
for kind in vcf maf; do
    STORE="$WORK/store-$kind.sqlite"; rm -f "$STORE" "$STORE-wal" "$STORE-shm"
    "$TB" import --store "$STORE" "$WORK/case.json" >/dev/null
    t0=$(now); "$TB" import --store "$STORE" --case BENCH-1 "$WORK/variants.$kind" >/dev/null; t1=$(now)
    run "tumorboard import $kind" "$(echo "$t1 - $t0" | bc)"
    t0=$(now); "$TB" import --store "$STORE" --case BENCH-1 "$WORK/variants.$kind" >/dev/null; t1=$(now)
    run "tumorboard re-import $kind (unchanged)" "$(echo "$t1 - $t0" | bc)"
done

if [ -n "$PG_STORE" ]; then
    # The same address with another database name (path), for a fresh database per run.
    pg_db() { python3 -c 'import sys, urllib.parse as u
p = u.urlsplit(sys.argv[1])
print(u.urlunsplit((p.scheme, p.netloc, "/" + sys.argv[2], p.query, p.fragment)))' "$PG_STORE" "$1"; }
    export XDG_DATA_HOME="$WORK/pg-keys"
    for kind in vcf maf; do
        name="tb_bench_import_$kind"
        psql -q "$PG_STORE" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
        STORE="$(pg_db "$name")"
        "$TB" import --store "$STORE" "$WORK/case.json" >/dev/null
        t0=$(now); "$TB" import --store "$STORE" --case BENCH-1 "$WORK/variants.$kind" >/dev/null; t1=$(now)
        run "tumorboard import $kind (PostgreSQL)" "$(echo "$t1 - $t0" | bc)"
        t0=$(now); "$TB" import --store "$STORE" --case BENCH-1 "$WORK/variants.$kind" >/dev/null; t1=$(now)
        run "tumorboard re-import $kind (PostgreSQL, unchanged)" "$(echo "$t1 - $t0" | bc)"
        psql -q "$PG_STORE" -c "DROP DATABASE $name" >/dev/null
    done
fi

DB="$WORK/sqlite-plain.db"; rm -f "$DB"
sqlite3 "$DB" "CREATE TABLE finding(id TEXT, case_id TEXT, chrom TEXT, pos INTEGER, ref TEXT, alt TEXT, gene TEXT, transcript TEXT, hgvsc TEXT, hgvsp TEXT, consequence TEXT, exon TEXT, vaf REAL, depth INTEGER, filter TEXT);"
t0=$(now); sqlite3 "$DB" -cmd ".mode tabs" ".import $WORK/variants.tsv finding"; t1=$(now)
run "sqlite3 .import (plain table)" "$(echo "$t1 - $t0" | bc)"
DB="$WORK/sqlite-keyed.db"; rm -f "$DB"
sqlite3 "$DB" "CREATE TABLE finding(id TEXT PRIMARY KEY, case_id TEXT, chrom TEXT, pos INTEGER, ref TEXT, alt TEXT, gene TEXT, transcript TEXT, hgvsc TEXT, hgvsp TEXT, consequence TEXT, exon TEXT, vaf REAL, depth INTEGER, filter TEXT); CREATE INDEX finding_gene ON finding(gene);"
t0=$(now); sqlite3 "$DB" -cmd ".mode tabs" ".import $WORK/variants.tsv finding"; t1=$(now)
run "sqlite3 .import (keyed table)" "$(echo "$t1 - $t0" | bc)"

for kind in vcf maf; do
    module=$([ $kind = vcf ] && echo cyvcf2 || echo pandas)
    if ! python3 -c "import $module" 2>/dev/null; then echo "python $module $kind: skipped ($module not installed)"; continue; fi
    DB="$WORK/python-$kind.db"; rm -f "$DB"
    t0=$(now); python3 scripts/bench_import_python.py "$kind" "$WORK/variants.$kind" "$DB" >/dev/null; t1=$(now)
    run "python $([ $kind = vcf ] && echo cyvcf2 || echo pandas) $kind" "$(echo "$t1 - $t0" | bc)"
done

ratio() { python3 -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):.2f}')" "${RATE[$1]}" "${RATE[$2]}"; }
echo
echo "ratios (tumorboard / other; target ≥ 0.50 vs sqlite3 .import, > 1 vs Python):"
for kind in vcf maf; do
    py="python $([ $kind = vcf ] && echo cyvcf2 || echo pandas) $kind"
    echo "  $kind: vs sqlite3 plain $(ratio "tumorboard import $kind" "sqlite3 .import (plain table)")," \
         "vs sqlite3 keyed $(ratio "tumorboard import $kind" "sqlite3 .import (keyed table)")" \
         "$([ -n "${RATE[$py]:-}" ] && echo ", vs $py $(ratio "tumorboard import $kind" "$py")")"
done
if [ -n "$PG_STORE" ]; then
    for kind in vcf maf; do
        echo "  $kind on PostgreSQL: $(python3 -c "import sys; print(f'{float(sys.argv[1]):,.0f}')" "${RATE["tumorboard import $kind (PostgreSQL)"]}") records/s" \
             "(goal ≥ 100,000), vs tumorboard on SQLite $(ratio "tumorboard import $kind (PostgreSQL)" "tumorboard import $kind")"
    done
fi
# Read-vs-store breakdown in-process (Benchmarks/ImportBenchmark), when PHASES=1.
if [ "${PHASES:-0}" = 1 ]; then
    (cd Benchmarks && swift build -c release --product ImportBenchmark >/dev/null)
    echo; "$(cd Benchmarks && swift build -c release --show-bin-path)/ImportBenchmark" phases "$WORK"
fi
